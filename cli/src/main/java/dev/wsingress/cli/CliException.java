package dev.wsingress.cli;

/**
 * Ends a command with an exit code and a message for standard error: a usage error ({@link
 * #USAGE}), input that cannot be read ({@link #INPUT}), or findings ({@link #FINDINGS}).
 */
final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  static final int FINDINGS = 1;
  static final int USAGE = 2;
  static final int INPUT = 3;

  private final int exitCode;

  CliException(int exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  static CliException usage(String message) {
    return new CliException(USAGE, message);
  }

  static CliException input(String message) {
    return new CliException(INPUT, message);
  }

  int exitCode() {
    return exitCode;
  }
}
