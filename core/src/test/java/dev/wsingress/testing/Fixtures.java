package dev.wsingress.testing;

import dev.wsingress.Manifests;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Test fixtures read from the class path, as the doctor and the converter read a file: the YAML of
 * a resource, named in findings as the test says.
 *
 * <pre>{@code
 * Manifests m = Fixtures.read(NginxDoctorTest.class, "doctor/annotation-unknown.yaml");
 * }</pre>
 */
public final class Fixtures {
  private Fixtures() {}

  /** The resource {@code path}, relative to {@code next}'s package, named {@code path}. */
  public static Manifests read(Class<?> next, String path) {
    return read(next, path, path);
  }

  /** The resource {@code path} (relative to {@code next}'s package), named {@code name}. */
  public static Manifests read(Class<?> next, String path, String name) {
    try (InputStream in = next.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path + " next to " + next.getName());
      }
      return Manifests.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
