package dev.wsingress.cli;

import java.util.List;

/**
 * The common {@code wsingress render} command lines, bound to a {@link RenderCommand} without
 * picocli: building picocli's model of render (every target's flags), its converters and the parse
 * take a cold JVM about 35 ms, a third of a render of one app.
 *
 * <p>It takes only what it can bind exactly as picocli does, and declines (returns null) anything
 * else, which picocli then parses as before: {@code render} first; spec files and directories
 * (never {@code -} or {@code @file}); {@code -t}/{@code --target} and {@code -f}/{@code --filename}
 * with a value (also {@code --long=value}); {@code -o}/{@code --output} {@code yaml} or {@code
 * json}; {@code --fail-on} with a severity; the switches {@code --lenient}, {@code -q}, {@code
 * --quiet}, {@code --each} and {@code --no-color}. A value that is empty or starts with {@code -},
 * a target list with an empty or quoted part, a single-valued option given twice, no {@code
 * --target}, a target's flag, help, {@code --}, any line while picocli is configured by a system
 * property {@code picocli.*}: all declined. {@code RenderArgsTest} checks over a corpus of command
 * lines that every one bound here binds the same values under picocli.
 */
final class RenderArgs {
  private RenderArgs() {}

  /** The command with its options set, or null when picocli must parse these arguments. */
  static RenderCommand bind(String[] args) {
    if (args.length < 2 || !args[0].equals("render") || picocliConfigured()) {
      return null;
    }
    RenderCommand c = new RenderCommand();
    boolean output = false;
    boolean failOn = false;
    boolean lenient = false;
    boolean quiet = false;
    boolean each = false;
    boolean noColor = false;
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      String name = a;
      String value = null;
      if (a.startsWith("--") && a.indexOf('=') > 2) {
        name = a.substring(0, a.indexOf('='));
        value = a.substring(a.indexOf('=') + 1);
      }
      boolean takesValue =
          switch (name) {
            case "-t", "--target", "-f", "--filename", "-o", "--output", "--fail-on" -> true;
            default -> false;
          };
      if (takesValue && value == null) {
        if (i + 1 >= args.length) {
          return null;
        }
        value = args[++i];
      } else if (!takesValue && value != null) {
        return null; // --lenient=true and the like: picocli's
      }
      if (takesValue && (value.isEmpty() || value.startsWith("-") || value.startsWith("@"))) {
        return null;
      }
      switch (name) {
        case "-t", "--target" -> {
          if (!targets(value, c.targets)) {
            return null;
          }
        }
        case "-f", "--filename" -> c.filenames.add(value);
        case "-o", "--output" -> {
          if (output) {
            return null;
          }
          output = true;
          switch (value) {
            case "yaml" -> c.rendering.output = RenderCommand.Output.yaml;
            case "json" -> c.rendering.output = RenderCommand.Output.json;
            default -> {
              return null;
            }
          }
        }
        case "--fail-on" -> {
          if (failOn) {
            return null;
          }
          failOn = true;
          switch (value) {
            case "error" -> c.rendering.failOn = FailOn.error;
            case "warning" -> c.rendering.failOn = FailOn.warning;
            case "info" -> c.rendering.failOn = FailOn.info;
            case "none" -> c.rendering.failOn = FailOn.none;
            default -> {
              return null;
            }
          }
        }
        case "--lenient" -> {
          if (lenient) {
            return null;
          }
          lenient = true;
          c.rendering.lenient = true;
        }
        case "-q", "--quiet" -> {
          if (quiet) {
            return null;
          }
          quiet = true;
          c.rendering.quiet = true;
        }
        case "--each" -> {
          if (each) {
            return null;
          }
          each = true;
          c.rendering.each = true;
        }
        case "--no-color" -> {
          // Cli reads it from the arguments itself (the terminal's colours).
          if (noColor) {
            return null;
          }
          noColor = true;
        }
        default -> {
          if (a.isEmpty() || a.startsWith("-") || a.startsWith("@")) {
            return null; // an option of a target, help, --, stdin, an argument file
          }
          c.files.add(a);
        }
      }
    }
    if (c.targets.isEmpty()) {
      return null; // picocli reports the missing --target
    }
    // The options' default values (@Option defaultValue), which picocli sets when not given.
    if (!output) {
      c.rendering.output = RenderCommand.Output.yaml;
    }
    if (!failOn) {
      c.rendering.failOn = FailOn.error;
    }
    return c;
  }

  /**
   * Whether picocli is configured from outside: a system property {@code picocli.*} (such as {@code
   * picocli.trimQuotes}, which takes the quotes off every argument, or {@code picocli.trace}, which
   * writes to standard error), or the variables that rename the help options ({@code
   * ${picocli.help.name.0:--h}} and the like are looked up as system properties, then in the
   * environment), or a command name ({@code wsingress.command}) with a {@code $}: picocli expands
   * {@code ${...}} in it.
   */
  private static boolean picocliConfigured() {
    if (Cli.commandName().indexOf('$') >= 0) {
      return true; // picocli expands ${...} in a command's name (its qualifiedName in messages)
    }
    for (Object key : System.getProperties().keySet()) {
      if (key instanceof String k && k.startsWith("picocli.")) {
        return true;
      }
    }
    for (String name :
        new String[] {
          "picocli.help.name.0",
          "picocli.help.name.1",
          "picocli.version.name.0",
          "picocli.version.name.1"
        }) {
      if (System.getenv(name) != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * Adds the comma-separated targets (picocli's split = ","); false for an empty or quoted part.
   */
  private static boolean targets(String value, List<String> into) {
    if (value.indexOf('"') >= 0 || value.indexOf('\'') >= 0) {
      return false;
    }
    int start = 0;
    while (true) {
      int comma = value.indexOf(',', start);
      String part = comma < 0 ? value.substring(start) : value.substring(start, comma);
      if (part.isEmpty()) {
        return false;
      }
      into.add(part);
      if (comma < 0) {
        return true;
      }
      start = comma + 1;
    }
  }
}
