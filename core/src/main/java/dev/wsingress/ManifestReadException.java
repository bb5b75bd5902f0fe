package dev.wsingress;

import java.nio.file.Path;

/**
 * An input that cannot be read at all: a path that does not exist, a file or directory that cannot
 * be opened. Everything about a file's <em>content</em> (malformed YAML, a wrong encoding, a limit
 * exceeded) is a {@link Finding} instead, and the other files are still read.
 *
 * <pre>{@code
 * try {
 *   Manifests m = Manifests.read(Path.of("k8s"));
 * } catch (ManifestReadException e) {
 *   System.err.println(e.getMessage()); // cannot read k8s: no such file or directory
 *   System.exit(3);
 * }
 * }</pre>
 */
public final class ManifestReadException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Path path;

  ManifestReadException(Path path, String why, Throwable cause) {
    super("cannot read " + path + ": " + why, cause);
    this.path = path;
  }

  /** The file or directory that could not be read. */
  public Path path() {
    return path;
  }
}
