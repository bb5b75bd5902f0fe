package dev.wsingress;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One effective setting of a served route — what the controller will use — and where it comes from:
 * a field of the input (with its file and line), a controller-wide setting in the input (a
 * ConfigMap key, an entry point), or the controller's default with the upstream document or code
 * that states it.
 *
 * <pre>{@code
 * Setting<Duration> t = Setting.of(Duration.ofHours(1), m.annotationSource(key));
 * Setting<Duration> d = Setting.byDefault(Duration.ofSeconds(60),
 *     "ingress-nginx docs/user-guide/nginx-configuration/configmap.md (proxy-read-timeout)");
 * d.describe();   // "60 s (controller default: ingress-nginx docs/user-guide/...)"
 * t.describe();   // "1 h (k8s/chat.yaml:7:5)"
 * }</pre>
 *
 * <p>For timeouts, {@link Duration#ZERO} means "no timeout": the controller never closes the
 * connection for this reason.
 *
 * @param <T> the value's type: the spec's own types where there is one ({@link Duration}, {@link
 *     Affinity}, {@link Tls}, {@link RateLimit}, {@link Cors}, {@link BackendProtocol}), {@link
 *     Boolean}, {@link Integer} or {@link String} otherwise
 */
public final class Setting<T> {

  /** Where a setting's value comes from. */
  public enum Origin {
    /**
     * A field of the route's own objects: the routing object, or an object it references for this
     * route (its Service, a Middleware, a DestinationRule, a policy attached to it).
     */
    ROUTE,
    /** A controller-wide setting in the input, such as a controller ConfigMap key. */
    CONTROLLER,
    /** The controller's default: nothing in the input sets it. */
    DEFAULT
  }

  private final T value;
  private final Origin origin;
  private final Source source;
  private final String reference;

  private Setting(T value, Origin origin, Source source, String reference) {
    this.value = Objects.requireNonNull(value, "value");
    this.origin = origin;
    this.source = source;
    this.reference = reference;
  }

  /** A value set on the route's own objects, at {@code where}. */
  public static <T> Setting<T> of(T value, Source where) {
    return new Setting<>(value, Origin.ROUTE, Objects.requireNonNull(where, "where"), null);
  }

  /** A value from a controller-wide setting in the input, at {@code where}. */
  public static <T> Setting<T> controllerWide(T value, Source where) {
    return new Setting<>(value, Origin.CONTROLLER, Objects.requireNonNull(where, "where"), null);
  }

  /**
   * The controller's default, with the upstream file (at a release) that states it, such as {@code
   * "ingress-nginx controller-v1.15.1 docs/user-guide/nginx-configuration/configmap.md"}.
   */
  public static <T> Setting<T> byDefault(T value, String reference) {
    if (reference == null || reference.isBlank()) {
      throw new IllegalArgumentException("a default needs the upstream source that states it");
    }
    return new Setting<>(value, Origin.DEFAULT, null, reference);
  }

  /** The value the controller uses. */
  public T value() {
    return value;
  }

  /** Where the value comes from. */
  public Origin origin() {
    return origin;
  }

  /** Where the input sets it; empty for a default. */
  public Optional<Source> source() {
    return Optional.ofNullable(source);
  }

  /** The upstream source of a default; empty when the input sets it. */
  public Optional<String> reference() {
    return Optional.ofNullable(reference);
  }

  /**
   * The value and its origin for messages: {@code 1 h (k8s/chat.yaml:7:5)}, {@code 60 s (controller
   * default: ingress-nginx …)}, {@code 120 s (controller-wide, k8s/cm.yaml:5:3)}.
   */
  public String describe() {
    String v = show(value);
    switch (origin) {
      case ROUTE:
        return v + " (" + source + ")";
      case CONTROLLER:
        return v + " (controller-wide, " + source + ")";
      default:
        return v + " (controller default: " + reference + ")";
    }
  }

  static String show(Object value) {
    if (value instanceof Duration d) {
      return d.isZero() ? "no timeout" : Texts.duration(d);
    }
    if (value instanceof CookieAffinity c) {
      return "cookie " + Texts.quote(c.name());
    }
    if (value instanceof HeaderAffinity h) {
      return "header " + Texts.quote(h.header());
    }
    if (value instanceof ClientIpAffinity) {
      return "client IP";
    }
    if (value instanceof Tls t) {
      return "TLS with Secret " + Texts.quote(t.secretName());
    }
    if (value instanceof String s) {
      return Texts.quote(s);
    }
    return String.valueOf(value);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Setting<?> s
        && value.equals(s.value)
        && origin == s.origin
        && Objects.equals(source, s.source)
        && Objects.equals(reference, s.reference);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value, origin, source, reference);
  }

  @Override
  public String toString() {
    return describe();
  }
}
