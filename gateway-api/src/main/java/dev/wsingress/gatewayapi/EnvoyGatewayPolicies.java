package dev.wsingress.gatewayapi;

import dev.wsingress.Affinity;
import dev.wsingress.ClientIpAffinity;
import dev.wsingress.CookieAffinity;
import dev.wsingress.HeaderAffinity;
import dev.wsingress.HealthCheck;
import dev.wsingress.RateLimit;
import dev.wsingress.Rendering;
import dev.wsingress.Route;
import dev.wsingress.SameSite;
import dev.wsingress.WebSocketApp;
import dev.wsingress.Workload;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Envoy Gateway policies that carry what the Gateway API cannot ({@code
 * gateway.envoyproxy.io/v1alpha1}): a BackendTrafficPolicy per Service of the app's WebSocket rules
 * (plain HTTP rules get none) and, for a Gateway wsingress renders, a ClientTrafficPolicy for what
 * Envoy Gateway sets only per listener. Every field cites envoyproxy/gateway at tag v1.9.0 (commit
 * 39763b1c, the CRDs in shared/schemas/crd-yaml/envoy-gateway); the translator files say what Envoy
 * gets.
 */
final class EnvoyGatewayPolicies {
  private EnvoyGatewayPolicies() {}

  private static final String GATEWAY_API_GROUP = "gateway.networking.k8s.io";

  /**
   * Envoy's circuit-breaker thresholds when a policy sets none: api/v1alpha1/shared_types.go {@code
   * ClusterSettings.CircuitBreaker} "If not set, circuit breakers will be enabled with the default
   * thresholds", and circuitbreaker_types.go {@code +kubebuilder:default=1024} for maxConnections,
   * maxPendingRequests and maxParallelRequests.
   */
  static final long DEFAULT_CIRCUIT_BREAKER = 1024;

  /**
   * Envoy's stream idle timeout when none is set: api/v1alpha1/timeout_types.go {@code
   * HTTPClientTimeout.StreamIdleTimeout} "Default: 5 minutes" (Envoy's HTTP connection manager
   * {@code stream_idle_timeout}, which listener.go:456-458 sets only from a ClientTrafficPolicy).
   */
  static final Duration ENVOY_STREAM_IDLE_DEFAULT = Duration.ofMinutes(5);

  /** {@link #ENVOY_STREAM_IDLE_DEFAULT} in messages. */
  static final String ENVOY_STREAM_IDLE_DEFAULT_TEXT =
      ENVOY_STREAM_IDLE_DEFAULT.toMinutes() + " minutes";

  /** Where {@link #ENVOY_STREAM_IDLE_DEFAULT} is stated, for readers' defaults. */
  static final String ENVOY_STREAM_IDLE_DEFAULT_SOURCE =
      "Envoy Gateway v1.9.0 api/v1alpha1/timeout_types.go HTTPClientTimeout.StreamIdleTimeout,"
          + " \"Default: 5 minutes\"";

  /**
   * The connect timeout when none is set: timeout_types.go {@code TCPTimeout.ConnectTimeout}
   * "Default: 10 seconds".
   */
  static final Duration CONNECT_TIMEOUT_DEFAULT = Duration.ofSeconds(10);

  /** Where {@link #CONNECT_TIMEOUT_DEFAULT} is stated. */
  static final String CONNECT_TIMEOUT_DEFAULT_SOURCE =
      "Envoy Gateway v1.9.0 api/v1alpha1/timeout_types.go TCPTimeout.ConnectTimeout,"
          + " \"Default: 10 seconds\"";

  /**
   * The GatewayClass {@code spec.controllerName} of Envoy Gateway:
   * api/v1alpha1/envoygateway_types.go {@code GatewayControllerName} (v1.9.0; the default of
   * EnvoyGateway {@code gateway.controllerName}, which an installation may change).
   */
  static final String GATEWAY_CONTROLLER = "gateway.envoyproxy.io/gatewayclass-controller";

  /** The API group of Envoy Gateway's policies. */
  static final String GROUP = "gateway.envoyproxy.io";

  /**
   * The stream idle timeout Envoy Gateway gives a route from its request timeout when no policy
   * sets one: internal/xds/translator/route.go:458-491 (v1.9.0) {@code idleTimeout}, "Fallback to
   * the HTTPRoute's request timeout when no user-configured stream idle timeout exists at both the
   * route and listener levels": at least 1 hour, the request timeout when longer, and none ({@code
   * 0}) when the request timeout is {@code 0s}.
   */
  static Duration derivedStreamIdle(Duration requestTimeout) {
    if (requestTimeout.isZero()) {
      return Duration.ZERO;
    }
    Duration hour = Duration.ofHours(1);
    return requestTimeout.compareTo(hour) > 0 ? requestTimeout : hour;
  }

  /**
   * The BackendTrafficPolicy that carries a rule group's settings, or null for none: plain HTTP
   * rules get none (they keep Envoy Gateway's defaults); the app's own Service's WebSocket rules
   * get the policy named after the app; another Service's WebSocket rules {@code <app>-<service>},
   * without what describes the app's own pods (health check, capacity).
   */
  static String policyOf(WebSocketApp app, HttpRouteRules.Group g) {
    if (!g.webSocket()) {
      return null;
    }
    return g.service().equals(app.serviceName()) ? app.name() : app.name() + "-" + g.service();
  }

  static List<HasMetadata> render(
      WebSocketApp app,
      Options o,
      List<HttpRoutes.Placed> routes,
      String parentNamespace,
      String parentName,
      String subject,
      Rendering.Builder out) {
    // Targets: each WebSocket rule gets the policy of its Service. A policy targets a whole
    // HTTPRoute when it carries all of that route's rules, and single rules by name otherwise:
    // PolicyTargetReferences.TargetRefs are LocalPolicyTargetReferenceWithSectionName, where for
    // an HTTPRoute "SectionName is interpreted as ... HTTPRouteRule name" (v1.9.0
    // api/v1alpha1/policy_helpers.go; CRD targetRefs[].sectionName). The translator applies a
    // rule-targeted policy only to routes whose rule name matches (internal/gatewayapi/
    // backendtrafficpolicy.go applyTrafficFeatureToRoute: "If specified the sectionName in policy
    // target, must match route rule from ir route metadata"), refuses a second policy on the same
    // rule or route ("another BackendTrafficPolicy has already attached to it"), and has done so
    // since v1.6.0 ("feat: support section name for BackendTrafficPolicy", #6888), the oldest
    // line this target writes for.
    Map<String, List<BackendTrafficPolicy.TargetRef>> targets = new LinkedHashMap<>();
    Map<String, String> serviceOf = new LinkedHashMap<>();
    List<String> plainPaths = new ArrayList<>();
    for (HttpRoutes.Placed placed : routes) {
      Map<String, List<HttpRouteRules.Rule>> byPolicy = new LinkedHashMap<>();
      for (HttpRouteRules.Rule rule : placed.rules()) {
        String policy = policyOf(app, rule.group());
        if (policy != null) {
          byPolicy.computeIfAbsent(policy, k -> new ArrayList<>()).add(rule);
          serviceOf.put(policy, rule.group().service());
        } else {
          for (Route r : rule.group().routes()) {
            if (!plainPaths.contains(r.path())) {
              plainPaths.add(r.path());
            }
          }
        }
      }
      for (Map.Entry<String, List<HttpRouteRules.Rule>> e : byPolicy.entrySet()) {
        List<BackendTrafficPolicy.TargetRef> refs =
            targets.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
        if (e.getValue().size() == placed.rules().size()) {
          refs.add(
              new BackendTrafficPolicy.TargetRef(GATEWAY_API_GROUP, "HTTPRoute", placed.name()));
          continue;
        }
        for (HttpRouteRules.Rule rule : e.getValue()) {
          if (rule.name() == null) {
            // HttpRoutes splits the rules by policy when they have no names.
            throw new IllegalStateException("rule of " + placed.name() + " has no name");
          }
          refs.add(
              new BackendTrafficPolicy.TargetRef(
                  GATEWAY_API_GROUP, "HTTPRoute", placed.name(), rule.name()));
        }
      }
    }
    List<HasMetadata> objects = new ArrayList<>();
    if (targets.isEmpty()) {
      return objects;
    }
    String btpSubject =
        "BackendTrafficPolicy " + app.namespace() + "/" + targets.keySet().iterator().next();

    // --- timeouts (api/v1alpha1/timeout_types.go) ---
    // An open WebSocket is one HTTP stream for its whole life. What closes it when silent is the
    // stream idle timeout: HTTPTimeout.StreamIdleTimeout "the amount of time a stream can exist
    // without any upstream or downstream activity", on the route (BackendTrafficPolicy, v1.8+), or
    // HTTPClientTimeout.StreamIdleTimeout on the listener (ClientTrafficPolicy, "Default: 5
    // minutes"). The translator (internal/xds/translator/route.go:458-491, idleTimeout) sets the
    // route's RouteAction.idle_timeout from the BackendTrafficPolicy value first; without one and
    // without a listener value it derives max(1h, timeouts.request) from a request timeout, and
    // otherwise leaves Envoy's HCM stream_idle_timeout (listener.go:456-458, only when a
    // ClientTrafficPolicy sets it), whose default is 5 minutes (envoy
    // http_connection_manager.proto stream_idle_timeout, "overridable by the route-level
    // idle_timeout"). The connection idle timeouts (HTTPTimeout.ConnectionIdleTimeout,
    // HTTPClientTimeout.IdleTimeout: "no active requests in the connection") never fire while
    // the socket is open, so they are not written.
    Duration idle = longest(app.idleTimeout(), app.readTimeout(), app.sendTimeout());
    if (!app.readTimeout().equals(app.sendTimeout())) {
      out.add(
          // envoyproxy/gateway v1.9.0 internal/xds/translator/route.go: idleTimeout() sets one
          // RouteAction.idle_timeout, for both directions
          GatewayApiFinding.ENVOY_STREAM_IDLE_BOTH_WAYS.at(
              btpSubject,
              "Envoy's stream idle timeout counts silence in both directions together, so"
                  + " readTimeout "
                  + GepDurations.format(app.readTimeout())
                  + " and sendTimeout "
                  + GepDurations.format(app.sendTimeout())
                  + " become one stream idle timeout of "
                  + GepDurations.format(idle)
                  + "."));
    }
    BackendTrafficPolicy.HttpTimeout routeIdle = null;
    ClientTrafficPolicy clientPolicy = null;
    String idleText = GepDurations.format(idle);
    if (o.envoyGateway().isAtLeast(Releases.ROUTE_STREAM_IDLE_TIMEOUT)) {
      routeIdle = new BackendTrafficPolicy.HttpTimeout(idleText);
      Releases.gatedEnvoyGateway(
          out,
          btpSubject,
          "spec.timeout.http.streamIdleTimeout",
          Releases.ROUTE_STREAM_IDLE_TIMEOUT,
          o);
    } else if (o.ownsGateway()) {
      // internal/gatewayapi/clienttrafficpolicy.go:982-987 -> listener.go:456-458
      // (mgr.StreamIdleTimeout): every route of the Gateway's listeners.
      clientPolicy =
          new ClientTrafficPolicy(
              app.objectMeta(app.name()),
              new ClientTrafficPolicy.Spec(
                  List.of(
                      new ClientTrafficPolicy.TargetRef(GATEWAY_API_GROUP, "Gateway", parentName)),
                  new ClientTrafficPolicy.Timeout(new ClientTrafficPolicy.HttpTimeout(idleText))));
      out.add(
          // envoyproxy/gateway v1.9.0 internal/gatewayapi/clienttrafficpolicy.go:
          // timeout.http.streamIdleTimeout goes to the listener (HCM), for all its routes
          GatewayApiFinding.ENVOY_LISTENER_WIDE.at(
              "ClientTrafficPolicy " + app.namespace() + "/" + app.name(),
              "Envoy Gateway v"
                  + o.envoyGateway()
                  + " has no per-route stream idle timeout, so spec.timeout.http.streamIdleTimeout "
                  + idleText
                  + " is set on Gateway "
                  + parentNamespace
                  + "/"
                  + parentName
                  + ": it applies to every route of its listeners, and to a new request until"
                  + " its headers have arrived"
                  + (plainPaths.isEmpty()
                      ? ""
                      : ", the plain HTTP "
                          + (plainPaths.size() == 1 ? "route " : "routes ")
                          + String.join(", ", plainPaths)
                          + " included")
                  + "."
                  + requestTimeoutOverride(o)));
    } else {
      out.add(
          // envoyproxy/gateway v1.9.0 internal/gatewayapi/clienttrafficpolicy.go: before v1.8 only
          // a ClientTrafficPolicy timeout.http.streamIdleTimeout sets the listener's stream idle
          // timeout
          GatewayApiFinding.ENVOY_LISTENER_SETTING.at(
              subject,
              "Envoy Gateway v"
                  + o.envoyGateway()
                  + " has no per-route stream idle timeout and Gateway "
                  + parentNamespace
                  + "/"
                  + parentName
                  + " is not rendered here: a ClientTrafficPolicy targeting it must set"
                  + " spec.timeout.http.streamIdleTimeout: "
                  + idleText
                  + ", or Envoy resets every WebSocket silent for 5 minutes (its default stream"
                  + " idle timeout)."
                  + requestTimeoutOverride(o)));
    }
    BackendTrafficPolicy.TcpTimeout connect = null;
    if (app.connectTimeout().isPresent()) {
      // TCPTimeout.ConnectTimeout: "The timeout for network connection establishment, including
      // TCP and TLS handshakes. Default: 10 seconds." (clustersettings.go:103-111 -> cluster
      // connect_timeout).
      connect =
          new BackendTrafficPolicy.TcpTimeout(GepDurations.format(app.connectTimeout().get()));
    }
    BackendTrafficPolicy.Timeout timeout =
        routeIdle == null && connect == null
            ? null
            : new BackendTrafficPolicy.Timeout(routeIdle, connect);

    // --- load balancing (api/v1alpha1/loadbalancer_types.go) ---
    BackendTrafficPolicy.LoadBalancer lb = null;
    boolean clientAddress = false;
    if (app.affinity().isPresent()) {
      Affinity a = app.affinity().get();
      BackendTrafficPolicy.ConsistentHash hash;
      if (a instanceof ClientIpAffinity) {
        // ConsistentHashType SourceIP: route.go:792-803 -> HashPolicy connection_properties
        // source_ip, Envoy's downstream remote address.
        hash = new BackendTrafficPolicy.ConsistentHash(null, List.of(), "SourceIP");
        clientAddress = true;
      } else if (a instanceof HeaderAffinity h) {
        // ConsistentHashType Headers (Header is "Deprecated: use Headers instead"), since
        // v1.6.0: route.go:753-765 -> one HashPolicy header per name.
        hash =
            new BackendTrafficPolicy.ConsistentHash(
                null, List.of(new BackendTrafficPolicy.Header(h.header())), "Headers");
      } else {
        hash = cookieHash((CookieAffinity) a, btpSubject, out);
      }
      // LoadBalancerType ConsistentHash; the CEL rule needs consistentHash with it.
      lb = new BackendTrafficPolicy.LoadBalancer(hash, "ConsistentHash");
    }

    // --- handshake rate limit (api/v1alpha1/ratelimit_types.go) ---
    BackendTrafficPolicy.RateLimit rateLimit = null;
    if (app.rateLimit().isPresent()) {
      rateLimit = rateLimit(app.rateLimit().get(), btpSubject, out);
      clientAddress = true;
    }
    if (clientAddress) {
      List<String> users = new ArrayList<>();
      if (app.affinity().isPresent() && app.affinity().get() instanceof ClientIpAffinity) {
        users.add("the SourceIP hash");
      }
      if (rateLimit != null) {
        users.add("the per-client rate limit");
      }
      out.add(
          GatewayApiFinding.ENVOY_CLIENT_ADDRESS.at(
              btpSubject,
              String.join(" and ", users)
                  + (users.size() > 1 ? " use" : " uses")
                  + " the client address Envoy sees: the TCP peer, or the address"
                  + " ClientTrafficPolicy spec.clientIPDetection makes it trust; clients behind"
                  + " one proxy or NAT share one address."));
    }

    // --- active health check (api/v1alpha1/healthcheck_types.go) ---
    BackendTrafficPolicy.HealthCheck health = null;
    if (app.healthCheck().isPresent()) {
      health = healthCheck(app.healthCheck().get());
    }

    // --- circuit breaker (api/v1alpha1/circuitbreaker_types.go), only where the spec asks ---
    BackendTrafficPolicy.CircuitBreaker breaker = circuitBreaker(app, btpSubject, out);

    List<String> services = new ArrayList<>(serviceOf.values());
    services.remove(app.serviceName());
    if (health != null && !services.isEmpty()) {
      out.add(
          GatewayApiFinding.ENVOY_HEALTH_CHECK_SCOPE.at(
              btpSubject,
              "the active health check of "
                  + app.healthCheck().get().path()
                  + " is written for the app's own Service "
                  + app.serviceName()
                  + " only: the spec's health check and workload describe the app's pods, so the"
                  + " WebSocket routes to "
                  + (services.size() == 1 ? "Service " : "Services ")
                  + String.join(", ", services)
                  + " get no active health check and no circuit-breaker thresholds."));
    }
    for (Map.Entry<String, List<BackendTrafficPolicy.TargetRef>> e : targets.entrySet()) {
      boolean own = e.getKey().equals(app.name());
      BackendTrafficPolicy.HealthCheck h = own ? health : null;
      BackendTrafficPolicy.CircuitBreaker b = own ? breaker : null;
      if (timeout != null || lb != null || rateLimit != null || h != null || b != null) {
        objects.add(
            new BackendTrafficPolicy(
                app.objectMeta(e.getKey()),
                new BackendTrafficPolicy.Spec(
                    b, h, lb, rateLimit, List.copyOf(e.getValue()), timeout)));
      }
    }
    if (clientPolicy != null) {
      objects.add(clientPolicy);
    }
    return objects;
  }

  /**
   * Envoy Gateway v1.6.0 internal/xds/translator/route.go:380-397 (idleTimeout) sets a route's idle
   * timeout to max(1h, timeouts.request) even when a ClientTrafficPolicy sets the listener's stream
   * idle timeout; v1.7.0 (route.go:411-420) leaves the listener value alone.
   */
  private static String requestTimeoutOverride(Options o) {
    if (o.requestTimeout() == null || o.envoyGateway().isAtLeast(dev.wsingress.Version.of(1, 7))) {
      return "";
    }
    Duration d = o.requestTimeout();
    return " On v1.6 timeouts.request "
        + GepDurations.format(d)
        + " replaces it on this route with "
        + (d.isZero() ? "none (disabled)" : GepDurations.format(derivedStreamIdle(d)))
        + " (fixed in v1.7).";
  }

  private static Duration longest(Duration... durations) {
    Duration max = Duration.ZERO;
    for (Duration d : durations) {
      if (d.compareTo(max) > 0) {
        max = d;
      }
    }
    return max;
  }

  /**
   * Cookie affinity as a consistent hash on the cookie ({@code ConsistentHashType Cookie}). {@code
   * Cookie.TTL} "sets the Max-Age attribute value" of the cookie Envoy generates when the request
   * has none; route.go:766-790 copies name, ttl and attributes into Envoy's HashPolicy.Cookie,
   * whose ttl "If specified, a cookie with the TTL will be generated if the cookie is not present.
   * If the TTL is present and zero, the generated cookie will be a session cookie" (envoy
   * route_components.proto; without a ttl "no hash will be produced" for a client without the
   * cookie), so an unset max-age is {@code 0s}. Envoy's router writes the cookie with
   * makeSetCookieValue(key, value, path, max_age, true, attributes): HttpOnly always, each
   * attribute as {@code ; name} or {@code ; name=value} (source/common/http/utility.cc). Envoy
   * Gateway has no cookie path field, so the Path goes in as an attribute.
   */
  private static BackendTrafficPolicy.ConsistentHash cookieHash(
      CookieAffinity c, String subject, Rendering.Builder out) {
    Map<String, String> attributes = new TreeMap<>();
    c.path().ifPresent(p -> attributes.put("Path", p));
    if (c.secure().orElse(false)) {
      attributes.put("Secure", "");
    }
    c.sameSite().ifPresent(s -> attributes.put("SameSite", sameSite(s)));
    String ttl = c.maxAge().map(GepDurations::format).orElse("0s");
    List<String> differences = new ArrayList<>();
    if (!c.httpOnly()) {
      differences.add("Envoy always marks the cookie HttpOnly, so httpOnly(false) is not honoured");
    }
    if (c.mode() == dev.wsingress.AffinityMode.PERSISTENT) {
      differences.add(
          "a consistent hash sends some cookies to another pod when pods are added or removed"
              + " (open sockets stay where they are), so persistent() is approximated");
    }
    if (!differences.isEmpty()) {
      out.add(
          // envoyproxy/gateway v1.9.0 internal/xds/translator/route.go: buildHashPolicy writes
          // Envoy's HashPolicy.Cookie (name, ttl, attributes); Envoy generates it HttpOnly
          GatewayApiFinding.ENVOY_COOKIE.at(
              subject,
              "the cookie "
                  + c.name()
                  + " is Envoy's consistent-hash cookie: "
                  + String.join("; ", differences)
                  + "."));
    }
    return new BackendTrafficPolicy.ConsistentHash(
        new BackendTrafficPolicy.Cookie(attributes, c.name(), ttl), List.of(), "Cookie");
  }

  private static String sameSite(SameSite s) {
    return switch (s) {
      case NONE -> "None";
      case LAX -> "Lax";
      case STRICT -> "Strict";
    };
  }

  /**
   * The handshake limit per client address as a local rate limit: {@code RateLimitSpec.Local},
   * "applied on a per Envoy proxy instance basis" (LocalRateLimitType). One rule per address family
   * with {@code clientSelectors[].sourceCIDR} {@code type: Distinct} ("Each IP Address within the
   * specified Source IP CIDR is treated as a distinct client selector and uses a separate rate
   * limit bucket"), over 0.0.0.0/0 and ::/0. The deprecated {@code type} is left out (v1.6.0+
   * builds Global and Local from their fields, backendtrafficpolicy.go buildRateLimit). Envoy's
   * token bucket holds {@code requests} tokens and refills that many every {@code unit}
   * (internal/xds/translator/local_ratelimit.go:240-248: MaxTokens = TokensPerFill = requests), so
   * the burst equals the rate.
   */
  private static BackendTrafficPolicy.RateLimit rateLimit(
      RateLimit r, String subject, Rendering.Builder out) {
    String unit = r.period() == RateLimit.Period.SECOND ? "Second" : "Minute";
    BackendTrafficPolicy.RateLimitValue limit =
        new BackendTrafficPolicy.RateLimitValue((long) r.rate(), unit);
    List<BackendTrafficPolicy.RateLimitRule> rules = new ArrayList<>();
    for (String cidr : List.of("0.0.0.0/0", "::/0")) {
      rules.add(
          new BackendTrafficPolicy.RateLimitRule(
              List.of(
                  new BackendTrafficPolicy.ClientSelector(
                      new BackendTrafficPolicy.SourceMatch("Distinct", cidr))),
              limit));
    }
    String per = r.period() == RateLimit.Period.SECOND ? "second" : "minute";
    String burst = "";
    if (r.burst().isPresent() && r.burst().getAsInt() != r.rate()) {
      burst =
          " A burst of "
              + r.burst().getAsInt()
              + " cannot be written: Envoy Gateway's bucket holds as many tokens as the limit ("
              + r.rate()
              + ") and refills them every "
              + per
              + ".";
    }
    out.add(
        // envoyproxy/gateway v1.9.0 internal/xds/translator/local_ratelimit.go: the local rate
        // limit bucket has MaxTokens = TokensPerFill = the limit's requests, kept by each Envoy
        // replica
        GatewayApiFinding.ENVOY_RATE_LIMIT_LOCAL.at(
            subject,
            "the handshake limit of "
                + r.rate()
                + " per "
                + per
                + " and client address is a local rate limit (spec.rateLimit.local): each Envoy"
                + " replica counts on its own, so n replicas let a client open up to n times as"
                + " many."
                + burst));
    return new BackendTrafficPolicy.RateLimit(new BackendTrafficPolicy.LocalRateLimit(rules));
  }

  /**
   * The spec's health check as {@code ActiveHealthCheck} type HTTP: {@code http.path} (GET,
   * expected status 200 by default), {@code interval} (default 3s), {@code healthyThreshold} from
   * rise (default 1) and {@code unhealthyThreshold} from fall (default 3); unset values keep Envoy
   * Gateway's defaults.
   */
  private static BackendTrafficPolicy.HealthCheck healthCheck(HealthCheck h) {
    return new BackendTrafficPolicy.HealthCheck(
        new BackendTrafficPolicy.ActiveHealthCheck(
            h.rise().isPresent() ? h.rise().getAsInt() : null,
            new BackendTrafficPolicy.HttpHealthCheck(h.path()),
            h.interval().map(GepDurations::format).orElse(null),
            "HTTP",
            h.fall().isPresent() ? h.fall().getAsInt() : null));
  }

  /**
   * Each open WebSocket holds one upstream connection and one active request for its whole life
   * (Envoy Gateway forces HTTP/1.1 to a kubernetes.io/ws[s] backend: internal/gatewayapi/route.go
   * shouldForceHTTP1Upstream), so the thresholds maxConnections and maxParallelRequests (default
   * 1024 per Envoy replica) cap the open sockets. Written only when the workload states its
   * capacity: the most sockets a pod accepts times the most pods.
   */
  private static BackendTrafficPolicy.CircuitBreaker circuitBreaker(
      WebSocketApp app, String subject, Rendering.Builder out) {
    Workload w = app.workload().orElse(null);
    if (w == null || w.maxConnections().isEmpty()) {
      out.add(
          // envoyproxy/gateway v1.9.0 api/v1alpha1/circuitbreaker_types.go: maxConnections and
          // maxParallelRequests +kubebuilder:default=1024
          GatewayApiFinding.ENVOY_CIRCUIT_BREAKER.at(
              subject,
              "each open WebSocket holds one connection and one request to the backend, and"
                  + " Envoy allows each Envoy replica "
                  + DEFAULT_CIRCUIT_BREAKER
                  + " of each by default (spec.circuitBreaker maxConnections,"
                  + " maxParallelRequests), so an Envoy replica with "
                  + DEFAULT_CIRCUIT_BREAKER
                  + " open sockets to the app refuses further handshakes with 503."));
      return null;
    }
    int pods = w.maxReplicas().orElse(w.replicas());
    long capacity = (long) w.maxConnections().getAsInt() * pods;
    if (capacity <= DEFAULT_CIRCUIT_BREAKER) {
      return null;
    }
    return new BackendTrafficPolicy.CircuitBreaker(capacity, capacity);
  }
}
