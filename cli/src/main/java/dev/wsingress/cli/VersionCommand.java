package dev.wsingress.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code wsingress version}: this build's version and the Java runtime it runs on. */
@Command(
    name = "version",
    mixinStandardHelpOptions = true,
    description = "Prints the version of wsingress and of the Java runtime.")
final class VersionCommand extends WsIngressCommand.Sub implements Callable<Integer> {

  @Override
  public Integer call() {
    for (String line : lines()) {
      cli.out.println(line);
    }
    return 0;
  }

  /** {@code wsingress 0.1.0}, then the Java runtime. */
  static String[] lines() {
    return new String[] {
      "wsingress " + version(),
      "java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
    };
  }

  /** The version of this build, written into the jar by Maven. */
  static String version() {
    try (InputStream in = VersionCommand.class.getResourceAsStream("version.txt")) {
      if (in == null) {
        return "unknown";
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** For {@code wsingress --version}. */
  static final class Provider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return lines();
    }
  }
}
