package dev.wsingress;

/** How much a {@link Finding} matters. */
public enum Severity {
  /** The target cannot do what was asked; strict rendering fails. */
  ERROR,
  /** The target does it only approximately, or the result needs the user's attention. */
  WARNING,
  /** Worth knowing; nothing to change. */
  INFO
}
