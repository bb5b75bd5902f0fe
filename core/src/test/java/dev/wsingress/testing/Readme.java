package dev.wsingress.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository README, for tests that check every finding code is documented. */
public final class Readme {
  private Readme() {}

  /** The README's text, found from the {@code wsingress.root} property or the module dir. */
  public static String text() {
    String root = System.getProperty("wsingress.root", "");
    Path file = (root.isBlank() ? Path.of("..") : Path.of(root)).resolve("README.md");
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file.toAbsolutePath(), e);
    }
  }

  /** Whether the findings table has a row for {@code code} with {@code severity}. */
  public static boolean documents(String code, String severity) {
    return text().contains("| `" + code + "` | " + severity + " |");
  }
}
