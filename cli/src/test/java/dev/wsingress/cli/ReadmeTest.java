package dev.wsingress.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Command line" section cannot go stale: every {@code <!-- wsingress:file NAME -->}
 * block is written to a directory, every {@code <!-- wsingress:run -->} block's command is run
 * there, and its output (standard error, then standard output, as a terminal shows them) must be
 * the block's text. On a mismatch the README with the real outputs is written to {@code
 * cli/target/README.md}: read the difference, then copy it over the README.
 */
class ReadmeTest {
  private static final String FILE = "<!-- wsingress:file ";
  private static final String RUN = "<!-- wsingress:run -->\n```console\n";

  @Test
  void everyCommandShowsItsRealOutput(@TempDir Path dir) throws IOException {
    Path readme = Run.root().resolve("README.md");
    String text = Files.readString(readme);
    // The files first: a command may read any of them.
    int at = 0;
    while ((at = text.indexOf(FILE, at)) >= 0) {
      String name = text.substring(at + FILE.length(), text.indexOf(" -->", at));
      int start = text.indexOf("```yaml\n", at) + "```yaml\n".length();
      Files.writeString(dir.resolve(name), text.substring(start, text.indexOf("```\n", start)));
      at = start;
    }
    StringBuilder regenerated = new StringBuilder();
    int from = 0;
    int runs = 0;
    while ((at = text.indexOf(RUN, from)) >= 0) {
      int start = at + RUN.length();
      int end = text.indexOf("```\n", start);
      String command = text.substring(start, text.indexOf('\n', start));
      regenerated.append(text, from, start).append(command).append('\n');
      regenerated.append(output(command, dir));
      from = end;
      runs++;
    }
    regenerated.append(text.substring(from));
    if (!regenerated.toString().equals(text)) {
      Files.writeString(Path.of("target/README.md"), regenerated);
    }
    assertThat(runs).isEqualTo(8);
    assertThat(text).isEqualTo(regenerated.toString());
  }

  /** {@code $ wsingress ARGS [| head -N]}: what a terminal shows, stderr first. */
  private static String output(String command, Path dir) {
    assertThat(command).startsWith("$ wsingress ");
    String line = command.substring("$ wsingress ".length());
    int head = -1;
    int pipe = line.indexOf(" | head -");
    if (pipe >= 0) {
      head = Integer.parseInt(line.substring(pipe + " | head -".length()));
      line = line.substring(0, pipe);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Cli cli =
        new Cli(
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Map.of(),
            Run::productionTargets);
    cli.cwd = dir;
    cli.run(line.split(" "));
    // As run in that directory: file names as given (the JVM cannot change its directory).
    String shown =
        (err.toString(StandardCharsets.UTF_8) + out.toString(StandardCharsets.UTF_8))
            .replace(dir + "/", "");
    if (head >= 0) {
      List<String> lines = Arrays.asList(shown.split("\n", -1));
      shown = String.join("\n", lines.subList(0, Math.min(head, lines.size()))) + "\n";
    }
    return shown;
  }
}
