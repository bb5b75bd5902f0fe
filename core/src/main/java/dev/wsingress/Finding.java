package dev.wsingress;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Objects;

/**
 * What a target says about a rendering: where it only approximates the spec, what it corrected, and
 * what the user must do outside the rendered objects. Codes are stable and documented in the
 * README's findings table.
 *
 * <pre>{@code
 * for (Finding f : Nginx.target().render(app).findings()) {
 *   System.out.println(f); // WARNING NGINX-RATE-LIMIT-PER-REPLICA Ingress default/chat: ...
 * }
 * }</pre>
 *
 * @param code stable identifier, prefixed by the target: {@code NGINX-…}, {@code CORE-…}
 * @param severity how much it matters
 * @param subject the object or setting concerned, as {@code Kind namespace/name}
 * @param message what happened
 * @param hint what to do about it
 */
public record Finding(String code, Severity severity, String subject, String message, String hint) {

  public Finding {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(hint, "hint");
  }

  /** The subject text for an object: {@code Kind namespace/name} (or {@code Kind name}). */
  public static String subjectOf(HasMetadata object) {
    String ns = object.getMetadata().getNamespace();
    String name = object.getMetadata().getName();
    return object.getKind() + " " + (ns == null ? name : ns + "/" + name);
  }

  /** The same finding with another severity (used by lenient rendering). */
  public Finding withSeverity(Severity newSeverity) {
    return new Finding(code, newSeverity, subject, message, hint);
  }

  // equals and hashCode are written out: the record's generated ones bootstrap through
  // invokedynamic (ObjectMethods), whose method-handle chains load ~60 classes and run slowly
  // until JIT-compiled — measurable when a cold CLI renders its first thousand apps.
  @Override
  public boolean equals(Object other) {
    return other instanceof Finding f
        && code.equals(f.code)
        && severity == f.severity
        && subject.equals(f.subject)
        && message.equals(f.message)
        && hint.equals(f.hint);
  }

  @Override
  public int hashCode() {
    int h = code.hashCode();
    h = 31 * h + severity.hashCode();
    h = 31 * h + subject.hashCode();
    h = 31 * h + message.hashCode();
    return 31 * h + hint.hashCode();
  }

  /** {@code SEVERITY CODE subject: message Hint: hint} */
  @Override
  public String toString() {
    return severity + " " + code + " " + subject + ": " + message + " Hint: " + hint;
  }
}
