package dev.wsingress.traefik;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsingress.Cors;
import dev.wsingress.Manifest;
import dev.wsingress.RateLimit;
import dev.wsingress.Setting;
import dev.wsingress.SpecRules;
import dev.wsingress.Suggestions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a Traefik Middleware ({@code traefik.io/v1alpha1}) does to the routes that take it, read the
 * other way from {@link MiddlewareSet}: the handshake rate limit, the sockets per client, the CORS
 * headers, the path rewrite, buffering and redirects; and what is wrong with a Middleware itself (a
 * type Traefik does not have, such as "sticky").
 */
final class Middlewares {
  private Middlewares() {}

  /**
   * The middleware types of the Middleware CRD, traefik v3.7.9
   * pkg/provider/kubernetes/crd/traefikio/v1alpha1/middleware.go {@code MiddlewareSpec} (the same
   * at v3.0.4 but for {@code encodedCharacters}, new in v3.7.0). A Middleware with none of them is
   * refused when a router uses it: pkg/server/middleware/middlewares.go "invalid middleware %q
   * configuration: invalid middleware type or middleware does not exist".
   */
  static final List<String> TYPES =
      List.of(
          "addPrefix",
          "stripPrefix",
          "stripPrefixRegex",
          "replacePath",
          "replacePathRegex",
          "chain",
          "ipWhiteList",
          "ipAllowList",
          "headers",
          "encodedCharacters",
          "errors",
          "rateLimit",
          "redirectRegex",
          "redirectScheme",
          "basicAuth",
          "digestAuth",
          "forwardAuth",
          "inFlightReq",
          "buffering",
          "circuitBreaker",
          "compress",
          "passTLSClientCert",
          "retry",
          "contentType",
          "grpcWeb",
          "plugin");

  private static final Set<String> TYPE_SET = Set.copyOf(TYPES);

  /** Chains nest at most this deep here (Traefik refuses a recursive chain). */
  private static final int MAX_CHAIN_DEPTH = 8;

  /** Checks a Middleware once: unknown types, sticky, version-gated types. */
  static void check(ReadContext ctx, Manifest m) {
    if (!ctx.once("middleware " + System.identityHashCode(m))) {
      return;
    }
    JsonNode spec = m.tree().path("spec");
    if (!spec.isObject()) {
      return;
    }
    removedOptions(ctx, m, spec);
    Iterator<String> keys = spec.fieldNames();
    while (keys.hasNext()) {
      String key = keys.next();
      if (TYPE_SET.contains(key)) {
        if (key.equals("encodedCharacters")) {
          ctx.gate(
              m,
              m.source("/spec/encodedCharacters"),
              "the encodedCharacters middleware",
              Releases.ENCODED_CHARACTERS,
              "its CRD has no such type, so the API server prunes it and a router that uses the"
                  + " Middleware fails");
        }
        continue;
      }
      String lower = key.toLowerCase(Locale.ROOT);
      if (lower.startsWith("sticky") || lower.equals("affinity") || lower.startsWith("session")) {
        // traefik v3.7.9 docs/content/reference/routing-configuration/kubernetes/crd/http/
        // ingressroute.md: services[].sticky.cookie; the Middleware CRD has no such type.
        ctx.report(
            m,
            // traefik/traefik v3.7.9 pkg/provider/kubernetes/crd/traefikio/v1alpha1/middleware.go:
            // MiddlewareSpec has no sticky type; stickiness is services[].sticky
            TraefikFinding.STICKY_MIDDLEWARE,
            m.source(spec, key),
            "Traefik has no "
                + SpecRules.show(key)
                + " middleware: sticky sessions are an option of the service (services[].sticky"
                + ".cookie on an IngressRoute, service.sticky.cookie on the Service of an Ingress);"
                + " the Middleware CRD has no such field, so the API server drops it"
                + (hasKnownType(spec) ? "." : " and a router that uses the Middleware fails."));
        continue;
      }
      String suggestion = Suggestions.closest(key, TYPES);
      ctx.report(
          m,
          // traefik/traefik v3.7.9 pkg/provider/kubernetes/crd/traefikio/v1alpha1/middleware.go:
          // the middleware types are the fields of MiddlewareSpec
          TraefikFinding.MIDDLEWARE_TYPE_UNKNOWN,
          m.source(spec, key),
          SpecRules.show(key)
              + " is no middleware type of Traefik's Middleware CRD"
              + (suggestion == null ? "" : " (did you mean " + suggestion + "?)")
              + "; the API server drops the field"
              + (hasKnownType(spec) ? "." : ", and a router that uses the Middleware fails."));
    }
  }

  /**
   * Options of Traefik v2 that v3 removed, by middleware type, with what replaces them (traefik
   * v3.7.9 docs/content/migrate/v2-to-v3-details.md, "Deprecated Options Removal": "sslRedirect,
   * sslTemporaryRedirect, sslHost, sslForceHost and featurePolicy options of the Headers middleware
   * have been removed", "The forceSlash option of the StripPrefix middleware has been removed").
   */
  private static final Map<String, Map<String, String>> REMOVED =
      Map.of(
          "headers",
          Map.of(
              "sslRedirect", "a redirectScheme Middleware",
              "sslTemporaryRedirect", "a redirectScheme Middleware with permanent: false",
              "sslHost", "a redirectRegex Middleware",
              "sslForceHost", "a redirectRegex Middleware",
              "featurePolicy", "permissionsPolicy"),
          "stripPrefix",
          Map.of("forceSlash", "nothing: v3 always keeps a leading /"));

  private static void removedOptions(ReadContext ctx, Manifest m, JsonNode spec) {
    for (Map.Entry<String, Map<String, String>> type : REMOVED.entrySet()) {
      JsonNode options = spec.path(type.getKey());
      for (Map.Entry<String, String> option : type.getValue().entrySet()) {
        if (options.has(option.getKey())) {
          ctx.report(
              m,
              // traefik/traefik v3.7.9 docs/content/migrate/v2-to-v3-details.md: the options v3
              // removed from headers and stripPrefix
              TraefikFinding.MIDDLEWARE_OPTION_REMOVED,
              m.source("/spec/" + type.getKey() + "/" + option.getKey()),
              type.getKey()
                  + "."
                  + option.getKey()
                  + " was removed in Traefik v3: its CRD has no such field, so the API server"
                  + " drops it (or refuses the Middleware under strict field validation) and the"
                  + " option does nothing; v3 has "
                  + option.getValue()
                  + ".");
        }
      }
    }
  }

  private static boolean hasKnownType(JsonNode spec) {
    Iterator<String> keys = spec.fieldNames();
    while (keys.hasNext()) {
      if (TYPE_SET.contains(keys.next())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Applies what Middleware {@code m} does to the route's state, in the route's order; a chain
   * applies its Middlewares in turn.
   */
  static void apply(ReadContext ctx, Manifest m, RouteState state, int depth) {
    check(ctx, m);
    if (depth > MAX_CHAIN_DEPTH) {
      return;
    }
    JsonNode spec = m.tree().path("spec");
    state.consumed(m);
    Unmodelled.middleware(ctx, m);
    if (spec.has("rateLimit")) {
      rateLimit(m, spec.path("rateLimit"), state);
      depth(spec.path("rateLimit"), state);
    }
    if (spec.has("inFlightReq")) {
      inFlight(m, spec.path("inFlightReq"), state);
      depth(spec.path("inFlightReq"), state);
    }
    if (spec.has("headers")) {
      cors(m, spec.path("headers")).ifPresent(c -> state.cors = c);
      if (security(spec.path("headers"))) {
        state.securityHeaders = true;
      }
    }
    JsonNode breaker = spec.path("circuitBreaker").path("expression");
    if (breaker.isTextual()
        && state.circuitBreaker == null
        && CircuitBreakerExpression.problem(breaker.asText()) == null) {
      state.circuitBreaker = breaker.asText();
    }
    for (String type :
        List.of(
            "replacePathRegex", "stripPrefix", "replacePath", "addPrefix", "stripPrefixRegex")) {
      if (spec.has(type)) {
        state.rewrites.add(new RouteState.Rewrite(m, type, spec.path(type)));
      }
    }
    if (spec.has("buffering")) {
      state.buffering = Setting.of(true, m.source("/spec/buffering"));
    }
    if (spec.has("redirectScheme") || spec.has("redirectRegex")) {
      state.redirects = true;
    }
    if (spec.has("chain")) {
      JsonNode refs = spec.path("chain").path("middlewares");
      for (int i = 0; i < refs.size(); i++) {
        JsonNode ref = refs.get(i);
        Optional<Manifest> next =
            CrdReferences.chained(
                ctx, m, m.namespace(), ref, m.source("/spec/chain/middlewares/" + i));
        next.ifPresent(n -> apply(ctx, n, state, depth + 1));
      }
    }
  }

  /** The {@code ipStrategy.depth} of a per-client limit: the target's {@code clientIpDepth}. */
  private static void depth(JsonNode limit, RouteState state) {
    JsonNode depth = limit.path("sourceCriterion").path("ipStrategy").path("depth");
    if (depth.isIntegralNumber() && depth.asInt() >= 0 && depth.asInt() <= 10) {
      state.clientIpDepth = depth.asInt();
    }
  }

  /**
   * The target's {@code securityHeaders()} as {@link Middleware.Headers#security()} writes them:
   * {@code customFrameOptionsValue: SAMEORIGIN} and {@code contentTypeNosniff: true}.
   */
  static boolean security(JsonNode headers) {
    return headers.path("customFrameOptionsValue").asText("").equals("SAMEORIGIN")
        && headers.path("contentTypeNosniff").asBoolean(false);
  }

  /**
   * {@code rateLimit}: {@code average} requests per {@code period} (default 1s; a number is
   * seconds), burst 1 unless given (traefik v3.7.9 pkg/config/dynamic/middlewares.go {@code
   * RateLimit.SetDefaults}, pkg/middlewares/ratelimiter/rate_limiter.go {@code max(config.Burst,
   * 1)}); {@code average} 0 is no limit. As a spec rate limit: per second when the rate is a whole
   * number per second, else per minute (rounded).
   */
  private static void rateLimit(Manifest m, JsonNode rl, RouteState state) {
    long average = rl.path("average").asLong(0);
    if (average <= 0) {
      return;
    }
    Duration period = Duration.ofSeconds(1);
    JsonNode p = rl.get("period");
    if (p != null && !p.isNull()) {
      try {
        period = GoDurations.parse(p.asText());
      } catch (IllegalArgumentException e) {
        return; // Traefik refuses the Middleware; the router fails.
      }
      if (period.isZero()) {
        period = Duration.ofSeconds(1);
      }
    }
    double perSecond = average * 1e9 / period.toNanos();
    RateLimit limit;
    if (period.equals(Duration.ofMinutes(1)) && average <= Integer.MAX_VALUE) {
      // The period MiddlewareSet writes for a rate per minute: read it as written.
      limit = RateLimit.handshakesPerMinute((int) average);
    } else if (perSecond >= 1
        && perSecond == Math.rint(perSecond)
        && perSecond <= Integer.MAX_VALUE) {
      limit = RateLimit.handshakesPerSecond((int) perSecond);
    } else {
      long perMinute = Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(perSecond * 60)));
      limit = RateLimit.handshakesPerMinute((int) perMinute);
    }
    JsonNode burst = rl.get("burst");
    if (burst != null && burst.canConvertToInt() && burst.asInt() > 0) {
      limit = limit.burst(burst.asInt());
    }
    state.rateLimit = Setting.of(limit, m.source("/spec/rateLimit"));
    if (burst == null || burst.asLong(0) <= 1) {
      state.webSocketOnly.add(
          new RouteState.Pending(
              m,
              TraefikFinding.RATE_LIMIT_BURST,
              burst == null ? m.source("/spec/rateLimit") : m.source("/spec/rateLimit/burst"),
              (burst == null ? "no burst is given" : "the burst is " + burst.asText())
                  + ", and Traefik's rateLimit then allows a burst of 1: a client that opens two"
                  + " WebSockets at once gets 429 for the second.",
              "burst " + System.identityHashCode(m)));
    }
  }

  /**
   * {@code inFlightReq}: at most {@code amount} requests in flight per source; without a {@code
   * sourceCriterion} the source is the request's host (traefik v3.7.9
   * pkg/middlewares/inflightreq/inflight_req.go: "If no source criterion is provided in the config,
   * it defaults to RequestHost"), so every client of the host shares the amount.
   */
  private static void inFlight(Manifest m, JsonNode f, RouteState state) {
    long amount = f.path("amount").asLong(0);
    JsonNode criterion = f.path("sourceCriterion");
    boolean byIp = criterion.has("ipStrategy");
    boolean byHeader = !criterion.path("requestHeaderName").asText("").isEmpty();
    boolean byHost = criterion.path("requestHost").asBoolean(false) || (!byIp && !byHeader);
    if (byIp && amount > 0 && amount <= Integer.MAX_VALUE) {
      state.maxConnectionsPerClient = Setting.of((int) amount, m.source("/spec/inFlightReq"));
    }
    if (byHost && !byIp && !byHeader) {
      state.webSocketOnly.add(
          new RouteState.Pending(
              m,
              // traefik/traefik v3.7.9 pkg/middlewares/inflightreq/inflight_req.go: without
              // sourceCriterion the key is the request host
              TraefikFinding.IN_FLIGHT_BY_HOST,
              m.source("/spec/inFlightReq"),
              "inFlightReq counts requests per Host header when it has no sourceCriterion (or"
                  + " requestHost), and an open WebSocket stays in flight: all clients of the host"
                  + " share the "
                  + amount
                  + " sockets, and the next handshake gets 429.",
              "inflight " + System.identityHashCode(m)));
    }
  }

  /** The CORS headers, read as {@link MiddlewareSet} writes them. */
  private static Optional<Setting<Cors>> cors(Manifest m, JsonNode h) {
    List<String> origins = new ArrayList<>();
    for (JsonNode o : h.path("accessControlAllowOriginList")) {
      origins.add(o.asText());
    }
    for (JsonNode o : h.path("accessControlAllowOriginListRegex")) {
      CorsOrigins.origin(o.asText()).ifPresent(origins::add);
    }
    if (origins.isEmpty()) {
      return Optional.empty();
    }
    Cors c =
        Cors.allowOrigins(origins.toArray(String[]::new))
            .allowMethods(texts(h.path("accessControlAllowMethods")))
            .allowHeaders(texts(h.path("accessControlAllowHeaders")))
            .exposeHeaders(texts(h.path("accessControlExposeHeaders")))
            .allowCredentials(h.path("accessControlAllowCredentials").asBoolean(false));
    JsonNode maxAge = h.get("accessControlMaxAge");
    if (maxAge != null && maxAge.canConvertToLong() && maxAge.asLong() > 0) {
      c = c.maxAge(Duration.ofSeconds(maxAge.asLong()));
    }
    return Optional.of(Setting.of(c, m.source("/spec/headers")));
  }

  private static String[] texts(JsonNode list) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : list) {
      out.add(n.asText());
    }
    return out.toArray(String[]::new);
  }

  /**
   * The prefix a path Middleware puts in place of route prefix {@code path}: a replacePathRegex
   * that {@link PathRewrites} writes, or a stripPrefix of exactly the route's prefix (traefik
   * v3.7.9 pkg/middlewares/stripprefix/strip_prefix.go: the prefix is cut and the path keeps a
   * leading {@code /}, so {@code /ws}, {@code /ws/} and {@code /ws/a} become {@code /}, {@code /}
   * and {@code /a}); empty for any other rewrite.
   */
  static Optional<String> prefixRewrite(RouteState.Rewrite r, String path) {
    if (r.type().equals("replacePathRegex")) {
      return PathRewrites.prefixOf(
          path, r.spec().path("regex").asText(""), r.spec().path("replacement").asText(""));
    }
    if (r.type().equals("stripPrefix")) {
      JsonNode prefixes = r.spec().path("prefixes");
      if (prefixes.size() == 1) {
        String p = prefixes.get(0).asText("");
        String base = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (!base.isEmpty() && (p.equals(base) || (path.endsWith("/") && p.equals(path)))) {
          return Optional.of("/");
        }
      }
    }
    return Optional.empty();
  }
}
