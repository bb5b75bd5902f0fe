package dev.wsingress.cli;

import dev.wsingress.Target;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * One run of the command: its streams, environment and targets (injected, so tests run it in
 * process), the picocli model, and the mapping of every outcome to an exit code.
 */
final class Cli {
  /** An error that is ours, not the user's: a bug to report. */
  static final int INTERNAL = 4;

  final InputStream in;
  final PrintStream out;
  final PrintStream err;
  final Map<String, String> env;
  final Supplier<List<Target>> targets;
  Terminal terminal;

  Cli(
      InputStream in,
      PrintStream out,
      PrintStream err,
      Map<String, String> env,
      Supplier<List<Target>> targets) {
    this.in = in;
    this.out = out;
    this.err = err;
    this.env = env;
    this.targets = targets;
  }

  /** The name users typed: {@code wsingress}, or {@code kubectl wsingress} for the plugin. */
  static String commandName() {
    return System.getProperty("wsingress.command", "wsingress");
  }

  /** Runs the command line; returns the exit code. Never throws. */
  int run(String... args) {
    terminal = Terminal.detect(env);
    for (String a : args) {
      if (a.equals("--")) {
        break;
      }
      if (a.equals("--no-color")) {
        terminal = terminal.withoutColor();
      }
    }
    try {
      CommandLine cl = new CommandLine(new WsIngressCommand(), new Factory(this));
      cl.setCommandName(commandName());
      if (runs(args, "render")) {
        // Read only when render runs: discovering the targets loads them.
        VersionFlags.register(cl.getSubcommands().get("render").getCommandSpec(), targets.get());
      }
      cl.setOut(new PrintWriter(out, true));
      cl.setErr(new PrintWriter(err, true));
      cl.setColorScheme(
          CommandLine.Help.defaultColorScheme(
              terminal.outColor() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
      cl.setCaseInsensitiveEnumValuesAllowed(true);
      cl.setParameterExceptionHandler(this::usageError);
      cl.setExecutionExceptionHandler((e, line, parsed) -> failed(e, line));
      return cl.execute(args);
    } catch (RuntimeException | Error e) {
      // Nothing may reach the user as a stack trace.
      return internalError(e);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** Whether the arguments run {@code command} (or ask for its help). */
  static boolean runs(String[] args, String command) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].startsWith("-")) {
        continue;
      }
      return args[i].equals(command)
          || (args[i].equals("help") && i + 1 < args.length && args[i + 1].equals(command));
    }
    return false;
  }

  private int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine line = e.getCommandLine();
    err.println(terminal.error() + " " + e.getMessage());
    String suggestion =
        CommandLine.UnmatchedArgumentException.class.isInstance(e)
            ? String.join(", ", ((CommandLine.UnmatchedArgumentException) e).getSuggestions())
            : "";
    if (!suggestion.isEmpty()) {
      err.println("Did you mean: " + suggestion + "?");
    }
    err.println("See '" + line.getCommandSpec().qualifiedName() + " --help'.");
    return CliException.USAGE;
  }

  private int failed(Exception e, CommandLine line) {
    if (e instanceof CliException c) {
      if (c.getMessage() != null && !c.getMessage().isEmpty()) {
        err.println(terminal.error() + " " + c.getMessage());
      }
      if (c.exitCode() == CliException.USAGE) {
        err.println("See '" + line.getCommandSpec().qualifiedName() + " --help'.");
      }
      return c.exitCode();
    }
    return internalError(e);
  }

  private int internalError(Throwable e) {
    if (env.containsKey("WSINGRESS_DEBUG")) {
      e.printStackTrace(err);
    }
    err.println(
        terminal.error()
            + " internal error, please report it: "
            + e.getClass().getName()
            + (e.getMessage() == null ? "" : ": " + e.getMessage())
            + " (WSINGRESS_DEBUG=1 prints where)");
    return INTERNAL;
  }

  /** Gives every command the run it belongs to. */
  private static final class Factory implements CommandLine.IFactory {
    private final Cli cli;

    Factory(Cli cli) {
      this.cli = cli;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
      K made = CommandLine.defaultFactory().create(cls);
      if (made instanceof WsIngressCommand.Sub sub) {
        sub.cli = cli;
      }
      return made;
    }
  }
}
