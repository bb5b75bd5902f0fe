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

  /** Whether the common render command lines skip picocli (RenderArgs); tests compare both. */
  boolean quickRender = true;

  /** Where relative file names are read from: the working directory, unless a test says. */
  java.nio.file.Path cwd = java.nio.file.Path.of("");

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
      if (noColor(a)) {
        terminal = terminal.withoutColor();
      }
    }
    try {
      RenderCommand quick = quickRender ? RenderArgs.bind(args) : null;
      if (quick != null) {
        // The common render command lines, bound without picocli's model (RenderArgs); what
        // picocli's execute() and the handlers below do for them.
        quick.cli = this;
        // What picocli's path asks of every target before it parses (VersionFlags.register).
        VersionFlags.ask(targets.get());
        try {
          return quick.call();
        } catch (Exception e) {
          // Every Exception, as picocli's execute() hands it to the handler below: a target may
          // throw a checked one it does not declare (written in Kotlin, or sneakily).
          return failed(e, commandName() + " render");
        }
      }
      Factory factory = new Factory(this);
      // The model is generated from the annotations (CommandModel): no annotation is read, no
      // field set by reflection; picocli's own help command only when it runs.
      CommandLine cl = new CommandLine(CommandModel.spec(new WsIngressCommand(), factory), factory);
      String running = running(args);
      boolean alone = runsAlone(args);
      boolean helps = "help".equals(command(args));
      for (String name : CommandModel.NAMES) {
        if (name.equals(running) || (helps && name.equals("help"))) {
          Object command = factory.create(CommandModel.type(name));
          CommandLine.Model.CommandSpec spec = CommandModel.spec(command, factory);
          cl.addSubcommand(name, new CommandLine(spec != null ? spec : command, factory));
        } else if (!alone) {
          // Listed in the help by name and summary; never run (another command runs).
          cl.addSubcommand(name, CommandModel.listed(name));
        }
      }
      cl.setCommandName(commandName());
      if ("render".equals(running) || "convert".equals(running)) {
        // Only when a command that renders runs: discovering the targets loads them.
        VersionFlags.register(cl.getSubcommands().get(running).getCommandSpec(), targets.get());
      }
      cl.setOut(new PrintWriter(out, true));
      cl.setErr(new PrintWriter(err, true));
      cl.setColorScheme(
          CommandLine.Help.defaultColorScheme(
              terminal.outColor() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
      cl.setCaseInsensitiveEnumValuesAllowed(true);
      cl.setParameterExceptionHandler(this::usageError);
      cl.setExecutionExceptionHandler(
          (e, line, parsed) -> failed(e, line.getCommandSpec().qualifiedName()));
      return cl.execute(args);
    } catch (RuntimeException | Error e) {
      // Nothing may reach the user as a stack trace.
      return internalError(e);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** The first word of the arguments that is not an option: the command's name, or null. */
  static String command(String[] args) {
    for (String a : args) {
      if (a.equals("--")) {
        return null;
      }
      if (!a.startsWith("-")) {
        return a;
      }
    }
    return null;
  }

  /** The command the arguments run (or ask help for), or null. */
  static String running(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--")) {
        return null;
      }
      if (args[i].startsWith("-")) {
        continue;
      }
      if (args[i].equals("help")) {
        return i + 1 < args.length ? args[i + 1] : null;
      }
      return args[i];
    }
    return null;
  }

  /**
   * Whether the argument turns colour off as picocli binds it: {@code --no-color}, or with a value
   * its boolean converter reads as true ({@code --no-color=true}, any case).
   */
  static boolean noColor(String arg) {
    return arg.equals("--no-color")
        || arg.startsWith("--no-color=") && arg.substring(11).equalsIgnoreCase("true");
  }

  /**
   * Whether the arguments run a command that nothing else of the tree is needed for: its name comes
   * first (after {@code --no-color} only), so no help of the top, no {@code help} command and no
   * "did you mean" among the command names can be asked for. Then the other commands are left out
   * of the tree (each would cost an interpreter and its converters, a few milliseconds).
   */
  static boolean runsAlone(String[] args) {
    for (String a : args) {
      if (a.equals("--no-color")) {
        continue;
      }
      if (a.equals("help")) {
        return false;
      }
      return CommandModel.NAMES.contains(a);
    }
    return false;
  }

  private int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine line = e.getCommandLine();
    String message = e.getMessage();
    if (e instanceof CommandLine.UnmatchedArgumentException u
        && line.getParent() == null
        && !u.getUnmatched().isEmpty()
        && !u.getUnmatched().get(0).startsWith("-")) {
      message = "unknown command \"" + u.getUnmatched().get(0) + "\" for \"" + commandName() + "\"";
    }
    err.println(terminal.error() + " " + message);
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

  private int failed(Exception e, String command) {
    if (e instanceof CliException c) {
      if (c.getMessage() != null && !c.getMessage().isEmpty()) {
        err.println(terminal.error() + " " + c.getMessage());
      }
      if (c.exitCode() == CliException.USAGE) {
        err.println("See '" + command + " --help'.");
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
    public <K> K create(Class<K> cls) {
      // The classes of the model without reflection; others (picocli's) by picocli's factory.
      K made = cls.cast(CommandModel.create(cls));
      if (made == null) {
        try {
          made = CommandLine.defaultFactory().create(cls);
        } catch (Exception e) {
          throw new IllegalStateException("cannot create " + cls.getName(), e);
        }
      }
      if (made instanceof WsIngressCommand.Sub sub) {
        sub.cli = cli;
      }
      return made;
    }
  }
}
