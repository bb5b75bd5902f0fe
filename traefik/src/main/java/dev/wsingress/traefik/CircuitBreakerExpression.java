package dev.wsingress.traefik;

/**
 * Checks a circuitBreaker expression against what Traefik parses, without regular expressions.
 *
 * <p>traefik v3.7.9 pkg/middlewares/circuitbreaker/circuit_breaker.go hands the expression to
 * vulcand/oxy v2.1.0 cbreaker/predicates.go {@code parseExpression}, which parses it as a Go
 * expression (vulcand/predicate v1.3.0 parse.go, {@code go/parser.ParseExpr}) with only these
 * parts: the functions {@code NetworkErrorRatio()}, {@code ResponseCodeRatio(int, int, int, int)}
 * and {@code LatencyAtQuantileMS(float)}; the comparisons {@code < <= > >= == !=} with the function
 * on the left and a literal on the right, of the type the function returns ({@code float64} for the
 * two ratios, so {@code 0.5} and not {@code 1}; {@code int} for the latency, so {@code 100} and not
 * {@code 100.0}); {@code &&} and {@code ||} between comparisons; and parentheses. Function
 * arguments are bare literals (predicate's {@code evaluateArguments} takes no parentheses, no
 * sign), and {@code !} is refused ({@code Operators.NOT} is not set). This class accepts that
 * language with balanced parentheses around whole conditions (not around a function or a number,
 * which Traefik would also take), and reports the first place where an expression leaves it.
 *
 * <pre>{@code
 * CircuitBreakerExpression.problem("NetworkErrorRatio() > 0.5"); // null: fine
 * CircuitBreakerExpression.problem("(NetworkErrorRatio() > 0.5"); // "a ( at 1 is never closed"
 * }</pre>
 */
final class CircuitBreakerExpression {
  /** Longer expressions are refused before they are read. */
  static final int MAX_LENGTH = 256;

  /** The deepest nesting of parentheses accepted (the parser recurses once per level). */
  static final int MAX_DEPTH = 16;

  private final String in;
  private int pos;

  private CircuitBreakerExpression(String in) {
    this.in = in;
  }

  /** Why Traefik would not parse {@code expression}, or null when it would. */
  static String problem(String expression) {
    if (expression == null || expression.isBlank()) {
      return "it is empty";
    }
    if (expression.length() > MAX_LENGTH) {
      return "it is longer than " + MAX_LENGTH + " characters";
    }
    for (int i = 0; i < expression.length(); i++) {
      char c = expression.charAt(i);
      if (!(c == ' ' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')
          && "().,<>=!&|".indexOf(c) < 0) {
        return "the character " + describe(c) + " at " + (i + 1) + " is not allowed";
      }
    }
    CircuitBreakerExpression p = new CircuitBreakerExpression(expression);
    try {
      p.or(0);
      p.skipSpaces();
      if (p.pos < p.in.length()) {
        if (p.in.charAt(p.pos) == ')') {
          throw p.fail("a ) at " + (p.pos + 1) + " closes nothing");
        }
        throw p.fail("expected && or || at " + (p.pos + 1));
      }
      return null;
    } catch (Failure f) {
      return f.getMessage();
    }
  }

  /** A condition or conditions joined by {@code ||}. */
  private void or(int depth) {
    and(depth);
    while (take("||")) {
      and(depth);
    }
  }

  /** A condition or conditions joined by {@code &&}. */
  private void and(int depth) {
    condition(depth);
    while (take("&&")) {
      condition(depth);
    }
  }

  /** A comparison, or a parenthesized condition. */
  private void condition(int depth) {
    skipSpaces();
    int open = pos;
    if (take("(")) {
      if (depth + 1 > MAX_DEPTH) {
        throw fail("parentheses are nested deeper than " + MAX_DEPTH);
      }
      or(depth + 1);
      if (!take(")")) {
        throw fail("a ( at " + (open + 1) + " is never closed");
      }
      return;
    }
    comparison();
  }

  /** {@code Function(args) op literal}, the literal of the type the function returns. */
  private void comparison() {
    skipSpaces();
    int start = pos;
    String name = word();
    boolean intResult;
    switch (name) {
      case "NetworkErrorRatio" -> {
        arguments(name, 0, false);
        intResult = false;
      }
      case "ResponseCodeRatio" -> {
        arguments(name, 4, true);
        intResult = false;
      }
      case "LatencyAtQuantileMS" -> {
        arguments(name, 1, false);
        intResult = true;
      }
      case "" -> throw fail("expected a condition at " + (start + 1));
      default ->
          throw fail(
              "unknown function "
                  + name
                  + " at "
                  + (start + 1)
                  + " (NetworkErrorRatio, ResponseCodeRatio or LatencyAtQuantileMS)");
    }
    skipSpaces();
    int opAt = pos;
    if (!(take("<=") || take(">=") || take("==") || take("!=") || take("<") || take(">"))) {
      throw fail(
          "expected a comparison (<, <=, >, >=, == or !=) after " + name + " at " + (opAt + 1));
    }
    skipSpaces();
    int numberAt = pos;
    Boolean isInt = number();
    if (isInt == null) {
      throw fail("expected a number at " + (numberAt + 1));
    }
    if (isInt != intResult) {
      throw fail(
          name
              + " compares with "
              + (intResult ? "a whole number such as 100" : "a decimal number such as 0.5")
              + ", not "
              + in.substring(numberAt, pos)
              + " at "
              + (numberAt + 1));
    }
  }

  /** {@code (a, b, ...)}: {@code count} bare literals, whole numbers or decimals. */
  private void arguments(String name, int count, boolean ints) {
    skipSpaces();
    if (!take("(")) {
      throw fail(name + " needs its parentheses at " + (pos + 1));
    }
    for (int i = 0; i < count; i++) {
      if (i > 0 && !take(",")) {
        throw fail(name + " takes " + count + " arguments; expected , at " + (pos + 1));
      }
      skipSpaces();
      int at = pos;
      Boolean isInt = number();
      if (isInt == null || isInt != ints) {
        throw fail(
            name
                + " takes "
                + (ints ? "whole numbers" : "a decimal number such as 50.0")
                + "; expected one at "
                + (at + 1));
      }
      skipSpaces();
    }
    if (!take(")")) {
      throw fail(name + " takes " + count + " arguments; expected ) at " + (pos + 1));
    }
  }

  /** True for a whole number, false for a decimal ({@code 0.5}, {@code 1.}), null for none. */
  private Boolean number() {
    int start = pos;
    while (pos < in.length() && Character.isDigit(in.charAt(pos))) {
      pos++;
    }
    int digits = pos - start;
    if (pos < in.length() && in.charAt(pos) == '.') {
      pos++;
      int fraction = pos;
      while (pos < in.length() && Character.isDigit(in.charAt(pos))) {
        pos++;
      }
      if (digits == 0 && pos == fraction) {
        pos = start;
        return null;
      }
      return false;
    }
    if (digits == 0) {
      return null;
    }
    // go/parser reads 0600 as an octal literal and refuses 09; predicate then reads it with
    // strconv.Atoi, which overflows past int64: take plain decimal whole numbers only.
    if (digits > 9 || digits > 1 && in.charAt(start) == '0') {
      throw fail(
          "the whole number "
              + in.substring(start, pos)
              + " at "
              + (start + 1)
              + " must be decimal, without a leading 0, of at most 9 digits");
    }
    return Boolean.TRUE;
  }

  private String word() {
    int start = pos;
    while (pos < in.length() && Character.isLetter(in.charAt(pos))) {
      pos++;
    }
    return in.substring(start, pos);
  }

  private boolean take(String token) {
    skipSpaces();
    if (in.startsWith(token, pos)) {
      pos += token.length();
      return true;
    }
    return false;
  }

  private void skipSpaces() {
    while (pos < in.length() && in.charAt(pos) == ' ') {
      pos++;
    }
  }

  private Failure fail(String message) {
    return new Failure(message);
  }

  /** Where the expression leaves Traefik's language; only used inside {@link #problem}. */
  private static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Failure(String message) {
      super(message, null, false, false);
    }
  }

  /** Names a refused character readably: printable ASCII quoted, anything else as U+XXXX. */
  private static String describe(char c) {
    return c < 0x20 || c > 0x7e ? String.format("U+%04X", (int) c) : "'" + c + "'";
  }
}
