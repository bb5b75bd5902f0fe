package dev.wsingress;

import java.util.List;

/**
 * Thrown by strict rendering when a target cannot do what the spec asks. It carries every finding
 * of the rendering; the {@link Severity#ERROR} ones are why it failed. Render with the target's
 * lenient option to get the closest approximation and warnings instead.
 *
 * <pre>{@code
 * try {
 *   Nginx.target().render(app);
 * } catch (UnsupportedFeatureException e) {
 *   e.errors().forEach(System.err::println);
 * }
 * }</pre>
 */
public final class UnsupportedFeatureException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<Finding> findings;

  /** Creates the exception from a rendering's findings (at least one an ERROR). */
  public UnsupportedFeatureException(String target, List<Finding> findings) {
    super(message(target, findings));
    this.findings = List.copyOf(findings);
  }

  /** Every finding of the failed rendering. */
  public List<Finding> findings() {
    return findings;
  }

  /** The findings that made it fail. */
  public List<Finding> errors() {
    return findings.stream().filter(f -> f.severity() == Severity.ERROR).toList();
  }

  private static String message(String target, List<Finding> findings) {
    List<Finding> errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).toList();
    StringBuilder b = new StringBuilder(target).append(" cannot render this app (");
    b.append(errors.size()).append(errors.size() == 1 ? " error" : " errors");
    b.append("; render leniently to get the closest approximation as warnings):");
    for (Finding f : errors) {
      b.append("\n  - ").append(f);
    }
    return b.toString();
  }
}
