package dev.wsingress.cli;

import dev.wsingress.Finding;
import dev.wsingress.ManifestReadException;
import dev.wsingress.Manifests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The Kubernetes manifests doctor and convert read, with {@link Manifests}' rules (directories
 * recursively, hidden files skipped, Helm's {@code # Source:} comments, content problems as
 * findings) and the command's conventions ({@code -} for standard input, exit code 3 for a path
 * that cannot be read).
 */
final class ManifestInputs {
  private ManifestInputs() {}

  /**
   * The codes of content that could not be parsed: the document (or file) is not checked at all. A
   * command exits with 3 when one of them is reported.
   */
  static final Set<String> UNPARSED =
      Set.of("CORE-YAML-SYNTAX", "CORE-YAML-ENCODING", "CORE-YAML-LIMIT", "CORE-YAML-TAG");

  /**
   * Reads every input, in order.
   *
   * @throws CliException a usage error when there is none or {@code -} is given twice; an input
   *     error (exit 3) when a path cannot be read or a directory holds no manifest file
   */
  static Manifests read(List<String> names, Cli cli) {
    if (names.isEmpty()) {
      throw CliException.usage(
          "no input: give manifest files or directories (FILE or -f FILE), or - for standard"
              + " input");
    }
    Manifests all = null;
    boolean stdinRead = false;
    for (String name : names) {
      Manifests m;
      if (name.equals("-")) {
        if (stdinRead) {
          throw CliException.usage("- (standard input) is given twice");
        }
        stdinRead = true;
        Inputs.Input in = Inputs.read(List.of("-"), cli.in, cli.cwd).get(0);
        m = Manifests.parse(in.text(), in.name());
      } else {
        Path path = cli.cwd.resolve(name);
        try {
          m = Manifests.read(path);
        } catch (ManifestReadException e) {
          // Named as the user did: the path given, or the file below it that failed.
          String where = e.path().equals(path) ? name : e.path().toString();
          String why = e.getMessage().substring(("cannot read " + e.path() + ": ").length());
          throw CliException.input(where + ": " + why);
        }
        if (m.files().isEmpty() && Files.isDirectory(path)) {
          throw CliException.input(name + ": no .yaml, .yml or .json file in this directory");
        }
      }
      all = all == null ? m : all.and(m);
    }
    return all;
  }

  /** Whether any of these findings says that some input could not be parsed. */
  static boolean unparsed(List<Finding> findings) {
    return findings.stream().anyMatch(f -> UNPARSED.contains(f.code()));
  }
}
