package dev.wsingress.assertj;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wsingress.Manifests;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** The tests' fixtures and AssertJ's own test helpers. */
final class Fixtures {
  private Fixtures() {}

  /** The text of the fixture {@code name}.yaml beside the tests. */
  static String text(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream(name + ".yaml")) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name + ".yaml");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The fixture read as {@code k8s/<name>.yaml}, the name messages give. */
  static Manifests read(String name) {
    return Manifests.parse(text(name), "k8s/" + name + ".yaml");
  }

  /** AssertJ's own pattern (AssertionsUtil in its tests): the error the code must raise. */
  static AssertionError expectAssertionError(ThrowingCallable call) {
    AssertionError error = catchThrowableOfType(AssertionError.class, call);
    assertThat(error).as("The code under test should have raised an AssertionError").isNotNull();
    return error;
  }

  /** An AssertJ message: a line break first, then the lines, each ended by the platform's. */
  static String message(String... lines) {
    return System.lineSeparator() + String.join(System.lineSeparator(), lines);
  }
}
