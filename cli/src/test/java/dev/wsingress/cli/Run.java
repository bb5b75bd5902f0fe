package dev.wsingress.cli;

import dev.wsingress.Target;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs the command in process, as a user would from a shell without a terminal: standard input,
 * output and error captured, no colour.
 *
 * @param exit the exit code
 * @param out what was written to standard output
 * @param err what was written to standard error
 */
record Run(int exit, String out, String err) {

  /** Runs the command with empty standard input. */
  static Run of(String... args) {
    return withInput("", args);
  }

  /** Runs the command with {@code stdin} as standard input. */
  static Run withInput(String stdin, String... args) {
    return with(stdin, Map.of(), Target::discover, args);
  }

  /** Runs the command with this environment and these targets. */
  static Run with(
      String stdin, Map<String, String> env, Supplier<List<Target>> targets, String... args) {
    return run(true, stdin, env, targets, args);
  }

  /** Runs the command with every command line parsed by picocli (no {@link RenderArgs}). */
  static Run parsedByPicocli(String... args) {
    return run(false, "", Map.of(), Target::discover, args);
  }

  /** {@link #with} with every command line parsed by picocli (no {@link RenderArgs}). */
  static Run parsedByPicocli(
      String stdin, Map<String, String> env, Supplier<List<Target>> targets, String... args) {
    return run(false, stdin, env, targets, args);
  }

  private static Run run(
      boolean quick,
      String stdin,
      Map<String, String> env,
      Supplier<List<Target>> targets,
      String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Cli cli =
        new Cli(
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            env,
            targets);
    cli.quickRender = quick;
    int exit = cli.run(args);
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /**
   * The targets of the published modules only: in a reactor build the core test classes are on the
   * class path, with a test target registered for discovery.
   */
  static List<Target> productionTargets() {
    return Target.discover().stream()
        .filter(
            t -> {
              var source = t.getClass().getProtectionDomain().getCodeSource();
              String where = source == null ? "" : source.getLocation().toString();
              return !where.contains("test-classes") && !where.contains("-tests.jar");
            })
        .toList();
  }

  /** The repository root (surefire sets {@code wsingress.root}). */
  static Path root() {
    String root = System.getProperty("wsingress.root", "");
    return root.isBlank() ? Path.of("..").toAbsolutePath().normalize() : Path.of(root);
  }

  /** The example spec file, relative to the working directory (the module). */
  static String chat() {
    return Path.of("").toAbsolutePath().relativize(root().resolve(CHAT)).toString();
  }

  static final String CHAT = "examples/src/main/resources/chat.yaml";
}
