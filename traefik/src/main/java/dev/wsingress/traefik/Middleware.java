package dev.wsingress.traefik;

import dev.wsingress.CustomObject;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;
import java.util.Map;

/**
 * Traefik's {@code Middleware} ({@code traefik.io/v1alpha1}), with the kinds wsingress uses:
 * headers (CORS, security headers, Linkerd's {@code l5d-dst-override}), redirectScheme, rateLimit,
 * inFlightReq, circuitBreaker, replacePathRegex (a route's prefix rewrite) and buffering (a plain
 * HTTP route that asks for it). Every field here is in the Middleware CRD of Traefik v3.0.4 and
 * v3.7.9. The headers options Traefik v3 removed ({@code sslRedirect}, {@code sslForceHost}, ...)
 * are not in this type.
 */
@Group("traefik.io")
@Version("v1alpha1")
public final class Middleware extends CustomObject<Middleware.Spec> {
  /** For deserialization. */
  public Middleware() {}

  /** A Middleware with metadata and spec. */
  public Middleware(ObjectMeta metadata, Spec spec) {
    super(metadata, spec);
  }

  /** {@code spec}: exactly one kind of middleware is set. */
  public record Spec(
      Headers headers,
      RedirectScheme redirectScheme,
      RateLimit rateLimit,
      InFlightReq inFlightReq,
      CircuitBreaker circuitBreaker,
      ReplacePathRegex replacePathRegex,
      Buffering buffering) {
    static Spec headers(Headers h) {
      return new Spec(h, null, null, null, null, null, null);
    }

    static Spec redirectScheme(RedirectScheme r) {
      return new Spec(null, r, null, null, null, null, null);
    }

    static Spec rateLimit(RateLimit r) {
      return new Spec(null, null, r, null, null, null, null);
    }

    static Spec inFlightReq(InFlightReq r) {
      return new Spec(null, null, null, r, null, null, null);
    }

    static Spec circuitBreaker(CircuitBreaker c) {
      return new Spec(null, null, null, null, c, null, null);
    }

    static Spec replacePathRegex(ReplacePathRegex r) {
      return new Spec(null, null, null, null, null, r, null);
    }

    static Spec buffering(Buffering b) {
      return new Spec(null, null, null, null, null, null, b);
    }
  }

  /**
   * {@code spec.headers}: the CORS response headers, the security response headers, or request
   * headers to set ({@code customRequestHeaders}: traefik v3.7.9 pkg/middlewares/headers/header.go
   * {@code modifyCustomRequestHeaders} replaces a header the client sent with {@code
   * req.Header.Set}, and deletes it for an empty value).
   */
  public record Headers(
      Map<String, String> customRequestHeaders,
      List<String> accessControlAllowOriginList,
      List<String> accessControlAllowOriginListRegex,
      List<String> accessControlAllowMethods,
      List<String> accessControlAllowHeaders,
      List<String> accessControlExposeHeaders,
      Boolean accessControlAllowCredentials,
      Long accessControlMaxAge,
      Boolean addVaryHeader,
      String customFrameOptionsValue,
      Boolean contentTypeNosniff) {
    static Headers security() {
      return new Headers(
          Map.of(),
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          null,
          null,
          null,
          "SAMEORIGIN",
          true);
    }

    static Headers requestHeader(String name, String value) {
      return new Headers(
          Map.of(name, value),
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          null,
          null,
          null,
          null,
          null);
    }
  }

  /** {@code spec.redirectScheme}: redirect to another scheme. */
  public record RedirectScheme(String scheme, Boolean permanent) {}

  /**
   * {@code spec.rateLimit}: average requests per period, with a burst (traefik v3.7.9
   * pkg/middlewares/ratelimiter/rate_limiter.go: {@code burst := max(config.Burst, 1)}, so 1 when
   * unset).
   */
  public record RateLimit(
      Long average, String period, Long burst, SourceCriterion sourceCriterion) {}

  /** {@code spec.inFlightReq}: the most simultaneous requests per source. */
  public record InFlightReq(Long amount, SourceCriterion sourceCriterion) {}

  /** {@code sourceCriterion}: what groups requests as coming from one client. */
  public record SourceCriterion(IpStrategy ipStrategy) {}

  /** {@code sourceCriterion.ipStrategy}: the client address, {@code depth} hops back in XFF. */
  public record IpStrategy(Integer depth) {}

  /** {@code spec.circuitBreaker}: opens on the expression. */
  public record CircuitBreaker(String expression) {}

  /**
   * {@code spec.replacePathRegex}: replaces the request path when {@code regex} matches it (traefik
   * v3.7.9 pkg/middlewares/replacepathregex/replace_path_regex.go: Go {@code regexp} on the escaped
   * path, {@code ReplaceAllString} with {@code ${1}} references, the router having matched the
   * original path). wsingress writes it only as a prefix rewrite (see {@code PathRewrites}).
   */
  public record ReplacePathRegex(String regex, String replacement) {}

  /**
   * {@code spec.buffering}: the request and response bodies are read whole before they are passed
   * on. Every limit unset keeps Traefik's: no maximum size, and 1 MiB in memory before the rest
   * goes to disk (traefik v3.7.9 pkg/config/dynamic/middlewares.go {@code Buffering}; vulcand/oxy
   * v2.1.0 buffer/buffer.go and mailgun/multibuf v0.2.0 buffer.go, where a memory limit of 0 is the
   * default 1 MiB).
   */
  public record Buffering(
      Long maxRequestBodyBytes,
      Long memRequestBodyBytes,
      Long maxResponseBodyBytes,
      Long memResponseBodyBytes) {}
}
