package dev.wsingress;

import java.time.Duration;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Cookie-based sticky sessions. Unset attributes take the controller's default; {@code null}
 * arguments clear an attribute.
 *
 * <pre>{@code
 * Affinity.cookie("ws-server")
 *     .maxAge(Duration.ofDays(1))
 *     .path("/")
 *     .secure(true)
 *     .sameSite(SameSite.STRICT)
 *     .persistent();
 * }</pre>
 */
@Value.Immutable
public abstract non-sealed class CookieAffinity implements Affinity {
  CookieAffinity() {}

  /** The cookie's name. */
  public abstract String name();

  /** How long the browser keeps the cookie (Max-Age and, for old browsers, Expires). */
  public abstract Optional<Duration> maxAge();

  /** The cookie's Path attribute. */
  public abstract Optional<String> path();

  /** Whether the cookie is sent over HTTPS only; unset lets the controller decide. */
  public abstract Optional<Boolean> secure();

  /** Whether scripts are kept from reading the cookie; true unless turned off. */
  @Value.Default
  public boolean httpOnly() {
    return true;
  }

  /** The SameSite attribute. */
  public abstract Optional<SameSite> sameSite();

  /** Whether sessions are rebalanced when the backend scales; {@link AffinityMode#BALANCED}. */
  @Value.Default
  public AffinityMode mode() {
    return AffinityMode.BALANCED;
  }

  @Override
  public String kind() {
    return "cookie";
  }

  /** Sets how long the browser keeps the cookie, in whole seconds. */
  public CookieAffinity maxAge(Duration maxAge) {
    return ImmutableCookieAffinity.copyOf(this).withMaxAge(Optional.ofNullable(maxAge));
  }

  /** Sets the cookie's Path attribute. */
  public CookieAffinity path(String path) {
    return ImmutableCookieAffinity.copyOf(this).withPath(Optional.ofNullable(path));
  }

  /** Sets the Secure attribute. */
  public CookieAffinity secure(boolean secure) {
    return ImmutableCookieAffinity.copyOf(this).withSecure(Optional.of(secure));
  }

  /** Sets the HttpOnly attribute (true by default). */
  public CookieAffinity httpOnly(boolean httpOnly) {
    return ImmutableCookieAffinity.copyOf(this).withHttpOnly(httpOnly);
  }

  /** Sets the SameSite attribute. */
  public CookieAffinity sameSite(SameSite sameSite) {
    return ImmutableCookieAffinity.copyOf(this).withSameSite(Optional.ofNullable(sameSite));
  }

  /** Keeps clients on their pod while it exists, instead of rebalancing on scale-up. */
  public CookieAffinity persistent() {
    return ImmutableCookieAffinity.copyOf(this).withMode(AffinityMode.PERSISTENT);
  }
}
