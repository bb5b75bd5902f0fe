package dev.wsingress;

import java.util.Objects;

/**
 * One reason a spec or a target option was rejected: which field, the value given, the rule it
 * breaks and how to fix it.
 *
 * <pre>{@code
 * try {
 *   WebSocketApp.on("WS.example.com").service("ws", 8080).build();
 * } catch (InvalidSpecException e) {
 *   Problem p = e.problems().get(0);
 *   p.field(); // "hosts[0]"
 * }
 * }</pre>
 *
 * @param field the path of the field, for example {@code hosts[0]} or {@code tls.secretName}
 * @param value the rejected value as text: quoted and escaped, or {@code null}
 * @param rule what the value must be
 * @param fix how to correct it
 */
public record Problem(String field, String value, String rule, String fix) {

  /** Creates a problem; {@code rawValue} is shown quoted and escaped. */
  public static Problem of(String field, Object rawValue, String rule, String fix) {
    return new Problem(field, SpecRules.show(rawValue), rule, fix);
  }

  public Problem {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(fix, "fix");
  }

  /** One line: {@code field = value: rule. Fix: fix.} */
  @Override
  public String toString() {
    return field + " = " + value + ": " + rule + ". Fix: " + fix + ".";
  }
}
