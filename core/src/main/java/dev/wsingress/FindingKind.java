package dev.wsingress;

/**
 * One kind of finding a target reports, usually a constant of the target's finding enum: the code
 * is the target's prefix and the constant's name with {@code -} for {@code _} (so every code in the
 * README table is derived the same way), the severity and the hint are fixed, and {@link #at} makes
 * the finding about one subject.
 *
 * <pre>{@code
 * enum MyFinding implements FindingKind {
 *   CONNECT_TIMEOUT(Severity.ERROR, "Use at most 75 s.");
 *   // fields and constructor for severity and hint, then:
 *   public String prefix() { return "MY"; }          // MY-CONNECT-TIMEOUT
 * }
 * Finding f = MyFinding.CONNECT_TIMEOUT.at("Ingress default/chat", "the timeout is 90 s.");
 * }</pre>
 */
public interface FindingKind {
  /** The target's code prefix, such as {@code NGINX}. */
  String prefix();

  /** The constant's name, such as {@code CONNECT_TIMEOUT} (an enum provides it). */
  String name();

  /** How much findings of this kind matter. */
  Severity severity();

  /** What to do about it, the same for every finding of this kind. */
  String hint();

  /** The stable code, such as {@code NGINX-CONNECT-TIMEOUT}. */
  default String code() {
    return prefix() + "-" + name().replace('_', '-');
  }

  /** The finding of this kind about {@code subject} ({@code Kind namespace/name}). */
  default Finding at(String subject, String message) {
    return new Finding(code(), severity(), subject, message, hint());
  }
}
