package dev.wsingress.cli;

import java.util.Map;

/**
 * Whether standard output and standard error are terminals, and whether colour is wanted there. The
 * launcher tells the JVM (which cannot ask for standard error) through {@code
 * -Dwsingress.tty=out,err}; {@code NO_COLOR} (no-color.org) and {@code --no-color} turn colour off.
 *
 * @param outColor colour on standard output (help)
 * @param errColor colour on standard error (findings and errors)
 */
record Terminal(boolean outColor, boolean errColor) {

  static final Terminal PLAIN = new Terminal(false, false);

  /** What the launcher and the environment say, before {@code --no-color}. */
  static Terminal detect(Map<String, String> env) {
    if (env.containsKey("NO_COLOR") && !env.get("NO_COLOR").isEmpty()) {
      return PLAIN;
    }
    if ("dumb".equals(env.get("TERM"))) {
      return PLAIN;
    }
    String tty = System.getProperty("wsingress.tty");
    if (tty == null) {
      // Not started by the launcher: the JVM knows only whether it has a console.
      boolean console = System.console() != null;
      return new Terminal(console, console);
    }
    return new Terminal(tty.contains("out"), tty.contains("err"));
  }

  Terminal withoutColor() {
    return PLAIN;
  }

  private static final String RESET = "\u001b[0m";

  /** The severity word for standard error, coloured when wanted. */
  String severity(String severity) {
    String word = severity.toLowerCase(java.util.Locale.ROOT);
    if (!errColor) {
      return word;
    }
    String color =
        switch (severity) {
          case "ERROR" -> "\u001b[1;31m";
          case "WARNING" -> "\u001b[33m";
          default -> "\u001b[36m";
        };
    return color + word + RESET;
  }

  /** {@code error:} for standard error, red when wanted. */
  String error() {
    return errColor ? "\u001b[1;31merror\u001b[0m:" : "error:";
  }
}
