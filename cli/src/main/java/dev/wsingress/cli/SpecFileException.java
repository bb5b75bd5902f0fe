package dev.wsingress.cli;

import dev.wsingress.Problem;
import dev.wsingress.Source;
import java.util.List;
import java.util.Objects;

/**
 * Thrown when a spec file cannot be read: YAML that does not parse, a field of the wrong type or
 * unknown to the format, or an app that {@link dev.wsingress.WebSocketApp.Builder#build()} refuses.
 * It lists every problem at once, each with where it is and the field as the file spells it ({@code
 * spec.routes[1].path}), with the same rule and fix as the {@link
 * dev.wsingress.InvalidSpecException} of the DSL.
 *
 * <pre>{@code
 * try {
 *   SpecFile.read(text, "chat.yaml");
 * } catch (SpecFileException e) {
 *   e.problems().forEach(p -> System.err.println(p)); // chat.yaml:12:13: spec.routes[1].path = ...
 * }
 * }</pre>
 */
public final class SpecFileException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final transient List<Located> problems;

  /**
   * One problem and where it is.
   *
   * @param source the file, line and column of the value (or of the nearest enclosing field when
   *     the value is missing)
   * @param problem the field as the file spells it, the value, the rule and the fix
   */
  public record Located(Source source, Problem problem) {
    public Located {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(problem, "problem");
    }

    /** {@code file:line:column: field = value: rule. Fix: fix.} */
    @Override
    public String toString() {
      return source + ": " + problem;
    }
  }

  /** Creates the exception from at least one problem. */
  public SpecFileException(List<Located> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem, ordered by file, line and column. */
  public List<Located> problems() {
    return problems;
  }

  private static String message(List<Located> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a SpecFileException needs at least one problem");
    }
    StringBuilder b = new StringBuilder("the spec is invalid (");
    b.append(problems.size()).append(problems.size() == 1 ? " problem):" : " problems):");
    for (Located p : problems) {
      b.append("\n  ").append(p);
    }
    return b.toString();
  }
}
