package dev.wsingress.cli;

/** The lowest severity that fails a command ({@code --fail-on}); {@code none} never does. */
enum FailOn {
  error,
  warning,
  info,
  none
}
