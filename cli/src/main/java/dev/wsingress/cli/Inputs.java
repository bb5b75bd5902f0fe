package dev.wsingress.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The files a command reads, as kubectl takes them: files, directories (recursively, the {@code
 * .yaml}, {@code .yml} and {@code .json} files in path order) and {@code -} for standard input.
 */
final class Inputs {
  private Inputs() {}

  /** The name standard input has in messages. */
  static final String STDIN = "<stdin>";

  /** One input: its name in messages, and its text. */
  record Input(String name, String text) {}

  /**
   * Reads every input.
   *
   * @throws CliException a usage error when there is none or {@code -} is given twice; an input
   *     error (exit 3) when one cannot be read
   */
  static List<Input> read(List<String> names, InputStream stdin, Path cwd) {
    if (names.isEmpty()) {
      throw CliException.usage(
          "no input: give spec files or directories (FILE or -f FILE), or - for standard input");
    }
    List<Input> out = new ArrayList<>();
    boolean stdinRead = false;
    for (String name : names) {
      if (name.equals("-")) {
        if (stdinRead) {
          throw CliException.usage("- (standard input) is given twice");
        }
        stdinRead = true;
        out.add(new Input(STDIN, text(STDIN, readAll(stdin))));
        continue;
      }
      Path path = cwd.resolve(name);
      if (Files.isDirectory(path)) {
        List<Path> found = specFiles(path, name);
        if (found.isEmpty()) {
          throw CliException.input(name + ": no .yaml, .yml or .json file in this directory");
        }
        for (Path p : found) {
          // Named as the user would: the directory as given, then the path below it.
          out.add(file(p, Path.of(name).resolve(path.relativize(p)).toString()));
        }
      } else {
        out.add(file(path, name));
      }
    }
    return out;
  }

  private static List<Path> specFiles(Path dir, String name) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).filter(Inputs::isSpecFile).sorted().toList();
    } catch (IOException | java.io.UncheckedIOException e) {
      throw CliException.input(name + ": cannot read the directory: " + message(e));
    }
  }

  static boolean isSpecFile(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
  }

  private static Input file(Path path, String name) {
    try {
      if (Files.size(path) > YamlTree.MAX_CHARS) {
        throw CliException.input(
            name + ": is larger than " + YamlTree.MAX_CHARS / (1024 * 1024) + " MiB");
      }
      return new Input(name, text(name, Files.readAllBytes(path)));
    } catch (NoSuchFileException e) {
      throw CliException.input(name + ": no such file or directory");
    } catch (IOException e) {
      throw CliException.input(name + ": cannot be read: " + message(e));
    }
  }

  private static byte[] readAll(InputStream in) {
    try {
      byte[] bytes = in.readNBytes(YamlTree.MAX_CHARS + 1);
      if (bytes.length > YamlTree.MAX_CHARS) {
        throw CliException.input(
            STDIN + ": is larger than " + YamlTree.MAX_CHARS / (1024 * 1024) + " MiB");
      }
      return bytes;
    } catch (IOException e) {
      throw CliException.input(STDIN + ": cannot be read: " + message(e));
    }
  }

  private static String text(String name, byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw CliException.input(name + ": is not UTF-8 text");
    }
  }

  private static String message(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
