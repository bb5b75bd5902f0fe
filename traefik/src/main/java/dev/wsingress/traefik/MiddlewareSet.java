package dev.wsingress.traefik;

import dev.wsingress.BackendProtocol;
import dev.wsingress.ClientIpAffinity;
import dev.wsingress.CookieAffinity;
import dev.wsingress.Cors;
import dev.wsingress.Finding;
import dev.wsingress.RateLimit;
import dev.wsingress.Rendering;
import dev.wsingress.Route;
import dev.wsingress.RouteBackend;
import dev.wsingress.WebSocketApp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Middlewares of an app and which route takes which: Traefik applies middlewares per router (an
 * IngressRoute route, or every path of an Ingress), in the order listed.
 *
 * <ul>
 *   <li>WebSocket routes only: {@code rateLimit} (the handshake rate) and {@code inFlightReq} (the
 *       sockets per client);
 *   <li>every route: CORS {@code headers} (app-wide), the target's security headers and circuit
 *       breaker, and with Linkerd the {@code l5d-dst-override} header of the route's own backend
 *       (it names where Linkerd sends the request, so another backend's value would misroute it;
 *       none for HTTPS backends, whose TLS hides it from Linkerd);
 *   <li>plain HTTP routes that ask for it: {@code buffering};
 *   <li>a route with a rewrite: its own {@code replacePathRegex}, last before the service.
 * </ul>
 *
 * <p>Every Middleware made here is taken by at least one route, so none is an orphan.
 */
final class MiddlewareSet {
  private final WebSocketApp app;
  private final List<Middleware> all = new ArrayList<>();
  private final List<String> webSocketOnly = new ArrayList<>();
  private final List<String> everyRoute = new ArrayList<>();
  private final Map<RouteBackend, String> linkerd = new LinkedHashMap<>();
  private final Map<Integer, String> rewrites = new LinkedHashMap<>();
  private String buffering;

  private MiddlewareSet(WebSocketApp app) {
    this.app = app;
  }

  /** The Middlewares to emit, each referenced by some route. */
  List<Middleware> all() {
    return all;
  }

  /** The names of the Middlewares route {@code index} of the app takes, in order. */
  List<String> chain(int index) {
    Route route = app.routes().get(index);
    List<String> chain = new ArrayList<>();
    if (route.isWebSocket()) {
      chain.addAll(webSocketOnly);
    }
    chain.addAll(everyRoute);
    String header = linkerd.get(route.backend().orElseThrow());
    if (header != null) {
      chain.add(header);
    }
    if (!route.isWebSocket() && route.buffering().orElse(false)) {
      chain.add(buffering);
    }
    String rewrite = rewrites.get(index);
    if (rewrite != null) {
      chain.add(rewrite);
    }
    return chain;
  }

  /** Whether route {@code index} has a rewrite Middleware of its own. */
  boolean rewrites(int index) {
    return rewrites.containsKey(index);
  }

  static MiddlewareSet of(
      WebSocketApp app,
      Integer clientIpDepth,
      boolean securityHeaders,
      String circuitBreaker,
      boolean withLinkerd,
      String subject,
      Rendering.Builder out) {
    MiddlewareSet set = new MiddlewareSet(app);
    Middleware.SourceCriterion byClient =
        new Middleware.SourceCriterion(new Middleware.IpStrategy(clientIpDepth));
    if (app.rateLimit().isPresent()) {
      RateLimit r = app.rateLimit().get();
      Long burst = r.burst().isPresent() ? (long) r.burst().getAsInt() : null;
      set.add(
          set.webSocketOnly,
          app.name() + "-ratelimit",
          Middleware.Spec.rateLimit(
              new Middleware.RateLimit(
                  (long) r.rate(),
                  r.period() == RateLimit.Period.SECOND ? "1s" : "1m",
                  burst,
                  byClient)));
      out.add(
          // traefik/traefik v3.7.9 pkg/middlewares/ratelimiter/rate_limiter.go: the limiter takes a
          // token per request (ServeHTTP), per source criterion, in each replica's memory unless
          // redis is set; an upgrade is one request
          TraefikFinding.RATE_LIMIT_HANDSHAKES.at(
              subject,
              "rateLimit counts HTTP requests, so WebSocket handshakes only, per client address"
                  + " and per Traefik replica; messages on open sockets are never limited."));
      if (burst == null) {
        // traefik v3.7.9 pkg/middlewares/ratelimiter/rate_limiter.go: burst := max(config.Burst,
        // 1); a request that would wait longer than maxDelay (at most 1/(2*rate), 500 ms for
        // rates below 1/s) for a token gets 429 "No bursty traffic allowed".
        out.add(
            TraefikFinding.RATE_LIMIT_BURST.at(
                subject,
                "no burst is given, and Traefik's rateLimit then allows a burst of 1: a client"
                    + " that opens two sockets at once gets 429 for the second."));
      }
    }
    if (app.maxConnectionsPerClient().isPresent()) {
      // inFlightReq groups by request host unless told otherwise (traefik v3.7.9
      // pkg/middlewares/inflightreq/inflight_req.go), so the per-client limit needs an explicit
      // ipStrategy. vulcand/oxy v2.1.0 connlimit/connlimit.go releases the slot when
      // next.ServeHTTP returns, which for an upgrade is when the proxy's copy ends (the socket
      // closes), and answers 429 over the amount.
      set.add(
          set.webSocketOnly,
          app.name() + "-inflight",
          Middleware.Spec.inFlightReq(
              new Middleware.InFlightReq(
                  (long) app.maxConnectionsPerClient().getAsInt(), byClient)));
      out.add(
          TraefikFinding.IN_FLIGHT_SOCKETS.at(
              subject,
              "inFlightReq counts a WebSocket as in flight for its whole life (the request ends"
                  + " when the socket closes), per client address and per Traefik replica; over "
                  + app.maxConnectionsPerClient().getAsInt()
                  + " the handshake gets 429."));
    }
    if (app.cors().isPresent()) {
      set.add(
          set.everyRoute, app.name() + "-cors", Middleware.Spec.headers(cors(app.cors().get())));
      out.add(
          // traefik/traefik v3.7.9 pkg/middlewares/headers/header.go: the CORS options answer
          // preflights and add response headers; a request from any origin is still forwarded
          TraefikFinding.CORS_HANDSHAKE.at(
              subject,
              "CORS headers do not protect the WebSocket handshake: browsers send no preflight"
                  + " for it and any page can open the socket."));
    }
    if (securityHeaders) {
      set.add(
          set.everyRoute,
          app.name() + "-security-headers",
          Middleware.Spec.headers(Middleware.Headers.security()));
    }
    if (circuitBreaker != null) {
      set.add(
          set.everyRoute,
          app.name() + "-circuit-breaker",
          Middleware.Spec.circuitBreaker(new Middleware.CircuitBreaker(circuitBreaker)));
    }
    if (withLinkerd) {
      set.linkerd(subject, out);
    }
    set.buffering();
    set.rewrites();
    return set;
  }

  private void add(List<String> group, String name, Middleware.Spec spec) {
    all.add(new Middleware(app.objectMeta(name), spec));
    if (group != null) {
      group.add(name);
    }
  }

  /**
   * A buffering Middleware with Traefik's default limits, for the plain HTTP routes that ask for
   * buffering. A plain route without it streams: Traefik buffers only through this middleware, and
   * flushes a response to the client every 100 ms by default (traefik v3.7.9
   * pkg/config/dynamic/http_config.go {@code DefaultFlushInterval}), so {@code buffering(false)} is
   * the default and writes nothing.
   */
  private void buffering() {
    for (Route r : app.routes()) {
      if (!r.isWebSocket() && r.buffering().orElse(false)) {
        buffering = app.name() + "-buffering";
        add(
            null,
            buffering,
            Middleware.Spec.buffering(new Middleware.Buffering(null, null, null, null)));
        return;
      }
    }
  }

  /**
   * One replacePathRegex Middleware per rewritten route, {@code <app>-rewrite-<path slug>}, named
   * in the order of the paths ({@link Names#byPath}), so that the names do not depend on the order
   * of the routes.
   */
  private void rewrites() {
    Set<String> taken = new HashSet<>();
    for (int i : Names.byPath(app.routes())) {
      Route r = app.routes().get(i);
      if (r.rewrite().isEmpty()) {
        continue;
      }
      String name =
          Names.unique(app.name() + "-rewrite-" + dev.wsingress.Ingresses.slug(r.path()), taken);
      add(
          null,
          name,
          Middleware.Spec.replacePathRegex(PathRewrites.of(r.path(), r.rewrite().get())));
      rewrites.put(i, name);
    }
  }

  /**
   * Traefik in a Linkerd mesh, after linkerd/website 93f00175
   * linkerd.io/content/2-edge/tasks/using-ingress.md ("Traefik should be meshed with ingress mode
   * enabled, i.e. with the linkerd.io/inject: ingress annotation"; a headers Middleware adds {@code
   * l5d-dst-override: <service FQDN>:<port>}; "you must configure it to strip any incoming
   * l5d-dst-override header from client traffic to avoid creating an open relay") and
   * 2-edge/reference/proxy-configuration.md, Ingress Mode ("it will route requests based on their
   * :authority, Host, or l5d-dst-override headers instead of their original destination"). So each
   * route gets the header of its own backend: the Service and port it names. The hint's entry point
   * middleware that removes a client's header runs before this route's Middleware (traefik v3.7.9
   * pkg/server/aggregator.go: {@code cp.Middlewares = append(m.Middlewares, cp.Middlewares...)},
   * the entry point's first).
   */
  private void linkerd(String subject, Rendering.Builder out) {
    String mode =
        "Linkerd renders in the same set, and Traefik's own pods must be meshed in ingress mode"
            + " (linkerd.io/inject: ingress on Traefik's pod template, not enabled); ";
    String relay = " the meshed Traefik is an open relay into the cluster.";
    if (app.backendProtocol() == BackendProtocol.HTTPS) {
      // Traefik originates TLS to HTTPS backends, so a header would travel inside the TLS stream.
      // linkerd2-proxy release/v2.246.0 .. v2.359.0 (the .proxy-version of linkerd2 version-2.16
      // .. version-2.20) linkerd/app/outbound/src/ingress.rs push_ingress: "HTTP detection is
      // **always** performed. If detection fails, then we use the `fallback` stack to process the
      // connection by its original destination address"; SelectTarget reads l5d-dst-override
      // only from a decoded HTTP request. The original destination is the pod Traefik chose,
      // resolved to that pod's endpoint and its TLS identity (ingress_resolver: profile.endpoint,
      // synthesize_forward_policy; opaq/concrete.rs: client TLS from metadata.identity()). So the
      // Middleware would be inert, the affinity holds, and Linkerd sees opaque TCP.
      out.add(
          TraefikFinding.LINKERD_INGRESS_MODE.at(
              subject,
              mode
                  + "Traefik speaks TLS to this app's backends (backend protocol HTTPS), so"
                  + " Linkerd's proxy finds no HTTP in it and forwards each connection as opaque"
                  + " TCP over mTLS to the pod Traefik chose, without reading any header (so no"
                  + " l5d-dst-override Middleware is written, Traefik's own choice of pod holds,"
                  + " and Linkerd reports TCP metrics only); every router of Traefik must remove a"
                  + " client's l5d-dst-override, or"
                  + relay));
      return;
    }
    List<String> written = new ArrayList<>();
    List<Finding> unwritten = new ArrayList<>();
    Set<RouteBackend> named = new HashSet<>();
    for (Route r : app.routes()) {
      RouteBackend b = r.backend().orElseThrow();
      String host = b.serviceName() + "." + app.namespace() + ".svc.cluster.local";
      if (linkerd.containsKey(b)) {
        continue;
      }
      if (b.port().isEmpty()) {
        if (named.add(b)) {
          unwritten.add(
              // linkerd/linkerd2-proxy release/v2.359.0 linkerd/app/outbound/src/ingress.rs: in
              // ingress mode the proxy routes by l5d-dst-override, which names a Service host and
              // port number
              TraefikFinding.LINKERD_DST_OVERRIDE.at(
                  subject,
                  "the Service port is given by name ("
                      + b.portName().orElse("")
                      + "), so the l5d-dst-override header ("
                      + host
                      + ":<port number>) that tells Linkerd's ingress-mode proxy the destination"
                      + " cannot be written."));
        }
        continue;
      }
      boolean own =
          b.serviceName().equals(app.serviceName())
              && app.servicePort().isPresent()
              && b.port().getAsInt() == app.servicePort().getAsInt();
      String name =
          app.name()
              + "-l5d-dst-override"
              + (own ? "" : "-" + b.serviceName() + "-" + b.port().getAsInt());
      String value = host + ":" + b.port().getAsInt();
      add(
          null,
          name,
          Middleware.Spec.headers(Middleware.Headers.requestHeader("l5d-dst-override", value)));
      linkerd.put(b, name);
      written.add(name + " sets l5d-dst-override: " + value);
    }
    if (written.isEmpty()) {
      out.add(
          TraefikFinding.LINKERD_INGRESS_MODE.at(
              subject,
              mode
                  + "every router of Traefik must remove a client's l5d-dst-override, or"
                  + relay));
    } else {
      out.add(
          TraefikFinding.LINKERD_INGRESS_MODE.at(
              subject,
              mode
                  + (written.size() == 1
                      ? "the Middleware " + written.get(0) + " on this route"
                      : "on the routes to each Service, the Middleware "
                          + String.join(" and the Middleware ", written))
                  + ", replacing any value a client sends, and every other router of Traefik"
                  + " must remove a client's l5d-dst-override, or"
                  + relay));
    }
    unwritten.forEach(out::add);
    if (app.affinity().isPresent()
        && (app.affinity().get() instanceof CookieAffinity
            || app.affinity().get() instanceof ClientIpAffinity)) {
      out.add(
          // linkerd/linkerd2-proxy release/v2.359.0 linkerd/app/outbound/src/ingress.rs: in ingress
          // mode the proxy balances over the l5d-dst-override Service's endpoints itself, so the
          // pod Traefik picked is not kept
          TraefikFinding.LINKERD_AFFINITY.at(
              subject,
              "in ingress mode Linkerd's proxy beside Traefik does its own endpoint selection"
                  + " for the Service, so the pod Traefik's "
                  + (app.affinity().get() instanceof CookieAffinity
                      ? "sticky cookie"
                      : "client-IP affinity")
                  + " picks is overridden and the affinity pins nothing."));
    }
  }

  private static Middleware.Headers cors(Cors c) {
    List<String> exact = new ArrayList<>();
    List<String> regex = new ArrayList<>();
    for (String origin : c.origins()) {
      if (origin.contains("*.")) {
        regex.add(CorsOrigins.regex(origin));
      } else {
        exact.add(origin);
      }
    }
    return new Middleware.Headers(
        Map.of(),
        exact,
        regex,
        c.methods(),
        c.headers(),
        c.exposedHeaders(),
        c.credentials() ? Boolean.TRUE : null,
        c.maxAge().isPresent() ? c.maxAge().get().getSeconds() : null,
        true,
        null,
        null);
  }
}
