package dev.wsingress;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Cross-origin resource sharing for the HTTP endpoints next to the socket. CORS does not protect
 * the WebSocket handshake itself: browsers send no preflight for it, so the application must check
 * the {@code Origin} header (RFC 6455 section 10.2). Targets report this as a finding.
 *
 * <pre>{@code
 * Cors.allowOrigins("https://app.example.com")
 *     .allowMethods("GET", "POST")
 *     .allowHeaders("Authorization", "Content-Type")
 *     .maxAge(Duration.ofHours(1));
 * }</pre>
 */
@Value.Immutable
public abstract class Cors {
  Cors() {}

  /** Allows these origins: {@code *} or {@code https://host[:port]}, one leading {@code *.}. */
  public static Cors allowOrigins(String... origins) {
    return ImmutableCors.builder().origins(list(origins)).build();
  }

  /** The allowed origins. */
  public abstract List<String> origins();

  /** The allowed methods; empty leaves the controller's default. */
  public abstract List<String> methods();

  /** The allowed request headers; empty leaves the controller's default. */
  public abstract List<String> headers();

  /** The response headers exposed to scripts. */
  public abstract List<String> exposedHeaders();

  /** Whether credentials (cookies, authorization) may be sent; false unless turned on. */
  @Value.Default
  public boolean credentials() {
    return false;
  }

  /** How long browsers may cache a preflight answer. */
  public abstract Optional<Duration> maxAge();

  /** Sets the allowed methods, in upper case. */
  public Cors allowMethods(String... methods) {
    return ImmutableCors.builder().from(this).methods(list(methods)).build();
  }

  /** Sets the allowed request headers. */
  public Cors allowHeaders(String... headers) {
    return ImmutableCors.builder().from(this).headers(list(headers)).build();
  }

  /** Sets the response headers exposed to scripts. */
  public Cors exposeHeaders(String... headers) {
    return ImmutableCors.builder().from(this).exposedHeaders(list(headers)).build();
  }

  /** Allows or refuses credentials. Not allowed together with origin {@code *}. */
  public Cors allowCredentials(boolean credentials) {
    return ImmutableCors.copyOf(this).withCredentials(credentials);
  }

  /** Sets how long browsers may cache a preflight answer, in whole seconds. */
  public Cors maxAge(Duration maxAge) {
    return ImmutableCors.copyOf(this).withMaxAge(Optional.ofNullable(maxAge));
  }

  // A null array is kept as one null element so that validation reports it by index.
  static List<String> list(String[] values) {
    return values == null ? Collections.singletonList(null) : Arrays.asList(values.clone());
  }
}
