package dev.wsingress;

import java.util.List;

/**
 * Thrown when a {@link WebSocketApp} (or a target option) is invalid. It lists every problem at
 * once, each with the field, the rejected value, the rule and the fix; nothing was built.
 *
 * <pre>{@code
 * try {
 *   app = WebSocketApp.on(host).service(name, port).build();
 * } catch (InvalidSpecException e) {
 *   e.problems().forEach(p -> log.error(p.toString()));
 * }
 * }</pre>
 */
public final class InvalidSpecException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  /**
   * Creates the exception.
   *
   * @param subject what was being built, for example {@code WebSocketApp} or {@code Nginx}
   * @param problems at least one problem
   */
  public InvalidSpecException(String subject, List<Problem> problems) {
    super(message(subject, problems));
    this.problems = List.copyOf(problems);
  }

  /** A single-problem exception, as thrown by target option methods. */
  public static InvalidSpecException of(
      String subject, String field, Object value, String rule, String fix) {
    return new InvalidSpecException(subject, List.of(Problem.of(field, value, rule, fix)));
  }

  /** Every problem found, in the order of the fields. */
  public List<Problem> problems() {
    return problems;
  }

  private static String message(String subject, List<Problem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an InvalidSpecException needs at least one problem");
    }
    StringBuilder b = new StringBuilder(subject).append(" is invalid (");
    b.append(problems.size()).append(problems.size() == 1 ? " problem):" : " problems):");
    for (Problem p : problems) {
      b.append("\n  - ").append(p);
    }
    return b.toString();
  }
}
