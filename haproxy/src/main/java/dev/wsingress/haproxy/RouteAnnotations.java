package dev.wsingress.haproxy;

import static dev.wsingress.haproxy.IngressAnnotations.CHECK;
import static dev.wsingress.haproxy.IngressAnnotations.CHECK_HTTP;
import static dev.wsingress.haproxy.IngressAnnotations.CHECK_INTERVAL;
import static dev.wsingress.haproxy.IngressAnnotations.CORS_ALLOW_CREDENTIALS;
import static dev.wsingress.haproxy.IngressAnnotations.CORS_ALLOW_HEADERS;
import static dev.wsingress.haproxy.IngressAnnotations.CORS_ALLOW_METHODS;
import static dev.wsingress.haproxy.IngressAnnotations.CORS_ALLOW_ORIGIN;
import static dev.wsingress.haproxy.IngressAnnotations.CORS_ENABLE;
import static dev.wsingress.haproxy.IngressAnnotations.CORS_MAX_AGE;
import static dev.wsingress.haproxy.IngressAnnotations.CR_BACKEND;
import static dev.wsingress.haproxy.IngressAnnotations.LOAD_BALANCE;
import static dev.wsingress.haproxy.IngressAnnotations.PATH_REWRITE;
import static dev.wsingress.haproxy.IngressAnnotations.RATE_LIMIT_PERIOD;
import static dev.wsingress.haproxy.IngressAnnotations.RATE_LIMIT_REQUESTS;
import static dev.wsingress.haproxy.IngressAnnotations.RATE_LIMIT_STATUS_CODE;
import static dev.wsingress.haproxy.IngressAnnotations.SERVER_CA;
import static dev.wsingress.haproxy.IngressAnnotations.SSL_REDIRECT;
import static dev.wsingress.haproxy.IngressAnnotations.SSL_REDIRECT_PORT;
import static dev.wsingress.haproxy.IngressAnnotations.TIMEOUT_SERVER;

import dev.wsingress.Affinity;
import dev.wsingress.BackendProtocol;
import dev.wsingress.ClientIpAffinity;
import dev.wsingress.CookieAffinity;
import dev.wsingress.Cors;
import dev.wsingress.FindingKind;
import dev.wsingress.HeaderAffinity;
import dev.wsingress.HealthCheck;
import dev.wsingress.RateLimit;
import dev.wsingress.Rendering;
import dev.wsingress.Route;
import dev.wsingress.ServedRoute;
import dev.wsingress.WebSocketApp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The annotations of one Ingress of the app: the routes of one group (the same kind, rewrite and
 * settings). haproxytech applies an Ingress's frontend annotations (redirect, rate limit, CORS,
 * path rewrite) to that Ingress's paths only, and its backend annotations to the backend section of
 * each Service port those paths go to ({@link IngressAnnotations.Scope}). WebSocket routes get the
 * WebSocket settings (load-balance, rate limit; health checks when they go to the app's own
 * Service), plain HTTP routes only their own request timeout; TLS, CORS and the backend protocol
 * are app-wide. Keys and units come from {@link IngressAnnotations}.
 */
final class RouteAnnotations {
  private RouteAnnotations() {}

  /** The target's options the annotations depend on. */
  record Options(boolean backendResource) {}

  /**
   * Where findings go: the rendering (each finding once, about the first object that causes it) or
   * nowhere, while the settings of single routes are compared to group them.
   */
  static final class Report {
    private final Rendering.Builder out;
    private final Set<String> seen;
    private final String subject;

    private Report(Rendering.Builder out, Set<String> seen, String subject) {
      this.out = out;
      this.seen = seen;
      this.subject = subject;
    }

    /** Reports nothing. */
    static Report silent() {
      return new Report(null, new HashSet<>(), "");
    }

    /** Reports into {@code out}; {@code seen} is shared by every object of the rendering. */
    static Report into(Rendering.Builder out, Set<String> seen, String subject) {
      return new Report(out, seen, subject);
    }

    void add(FindingKind kind, String message) {
      if (out != null && seen.add(kind.code() + "\n" + message)) {
        out.add(kind.at(subject, message));
      }
    }
  }

  /** Whether the route goes to the app's own Service, whose pods the health check probes. */
  static boolean toOwnService(WebSocketApp app, Route route) {
    return route.backend().map(b -> b.serviceName().equals(app.serviceName())).orElse(true);
  }

  /**
   * The Backend resource a WebSocket route's backend uses: {@code <app>} for the app's own Service
   * (with the app's health check), {@code <app>-other-backends} for other Services when the app has
   * a health check that must not probe them.
   */
  static String backendResourceName(WebSocketApp app, Route route) {
    return toOwnService(app, route) || app.healthCheck().isEmpty()
        ? app.name()
        : app.name() + "-other-backends";
  }

  /** The annotations of the Ingress that carries {@code routes}. */
  static Map<String, String> of(WebSocketApp app, List<Route> routes, Options options, Report out) {
    Map<String, String> a = new TreeMap<>();
    Route first = routes.get(0);
    if (!first.isWebSocket()) {
      // The doctor and the converter read a plain route as one whatever its path or Service port
      // (the annotation decides first, ServedRoute); WebSocket routes carry load-balance or
      // cr-backend, which plain routes never do (IngressReader.webSocketMarker).
      a.put(ServedRoute.WEBSOCKET_ANNOTATION, "false");
    }
    tls(app, first, a, out);
    if (first.isWebSocket()) {
      app.rateLimit().ifPresent(r -> rateLimit(r, a, out));
      if (app.maxConnectionsPerClient().isPresent()) {
        out.add(
            // haproxytech/kubernetes-ingress v3.2.11 pkg/annotations/annotations.go: no annotation
            // limits connections per client (pod-maxconn, service/maxconn.go, limits each server)
            HaProxyFinding.MAX_CONNECTIONS,
            "haproxytech has no per-client connection limit; "
                + app.maxConnectionsPerClient().getAsInt()
                + " is not written.");
      }
    }
    app.cors().ifPresent(c -> cors(c, a, out));
    if (first.isWebSocket() && (app.responseBuffering() || app.requestBuffering())) {
      out.add(
          // haproxytech/kubernetes-ingress v3.2.11 pkg/annotations/annotations.go: no annotation
          // turns request or response buffering on or off
          HaProxyFinding.BUFFERING,
          "haproxytech has no buffering annotation; buffering is not written.");
    } else if (!first.isWebSocket() && first.buffering().orElse(false)) {
      out.add(
          HaProxyFinding.BUFFERING,
          "haproxytech has no buffering annotation; buffering of plain route "
              + paths(routes)
              + " is not written.");
    }
    if (first.isWebSocket()) {
      clientAddress(app, out);
    }
    if (first.rewrite().isPresent()) {
      a.put(PATH_REWRITE.key(), PATH_REWRITE.format(pathRewrite(first)));
    }
    if (options.backendResource() && first.isWebSocket()) {
      put(a, CR_BACKEND, app.namespace() + "/" + backendResourceName(app, first));
      if (app.backendProtocol() == BackendProtocol.HTTPS) {
        out.add(HaProxyFinding.BACKEND_TLS, backendTlsMessage());
      }
    } else {
      backendAnnotations(app, routes, a, out);
    }
    return a;
  }

  private static <T> void put(Map<String, String> a, IngressAnnotations.Key<T> key, T value) {
    a.put(key.key(), key.format(value));
  }

  static String paths(List<Route> routes) {
    return routes.stream().map(Route::path).collect(Collectors.joining(", "));
  }

  /**
   * {@code balance source} hashes the client connection's source address, and {@code
   * rate-limit-requests} tracks {@code src} (pkg/annotations/ingress/reqRateLimit.go: {@code
   * ReqTrack{TrackKey: "src"}}): both see the load balancer's or node's address unless the real one
   * reaches HAProxy.
   */
  private static void clientAddress(WebSocketApp app, Report out) {
    boolean source = app.affinity().isPresent() && app.affinity().get() instanceof ClientIpAffinity;
    boolean rate = app.rateLimit().isPresent();
    if (!source && !rate) {
      return;
    }
    String what =
        source && rate
            ? "load-balance source hashes, and rate-limit-requests counts per,"
            : source ? "load-balance source hashes" : "rate-limit-requests counts per";
    out.add(
        // haproxytech/kubernetes-ingress v3.2.11 pkg/annotations/ingress/reqRateLimit.go:
        // rate-limit-requests tracks src, the connection's source address (load-balance source
        // likewise, service/loadbalance.go)
        HaProxyFinding.CLIENT_ADDRESS,
        what
            + " the source address of the connection HAProxy receives (src); behind a load"
            + " balancer that does not pass the client's address on, every client looks"
            + " alike.");
  }

  private static void tls(WebSocketApp app, Route first, Map<String, String> a, Report out) {
    if (app.tls().isEmpty()) {
      return;
    }
    // On by default for Ingresses with a TLS section (pkg/annotations/ingress/httpsRedirect.go
    // tlsEnabled); written explicitly either way.
    boolean redirect = app.tls().get().redirect();
    put(a, SSL_REDIRECT, redirect);
    if (redirect) {
      // pkg/annotations/common/main.go DefaultValues "ssl-redirect-port": "8443", and
      // pkg/haproxy/rules/reqRequestRedirect.go always writes the port:
      // https://%[hdr(host),field(1,:)]:<port>%[capture.req.uri]. 8443 is the pod's HTTPS port
      // (the chart's containerPort.https), behind a Service on 443 (issues #642, #679), so the
      // redirect names the port clients see. The redirect code stays 302 (ssl-redirect-code).
      put(a, SSL_REDIRECT_PORT, 443);
      if (first.isWebSocket()) {
        out.add(
            // haproxytech/kubernetes-ingress v3.2.11 pkg/annotations/ingress/httpsRedirect.go:
            // ssl-redirect is on by default for an Ingress with TLS
            HaProxyFinding.PLAIN_WS_REDIRECT,
            "plain ws:// handshakes are redirected to https, and RFC 6455 clients need not"
                + " follow redirects, so ws:// clients fail.");
      }
    }
  }

  private static void rateLimit(RateLimit r, Map<String, String> a, Report out) {
    put(a, RATE_LIMIT_REQUESTS, r.rate());
    put(
        a,
        RATE_LIMIT_PERIOD,
        r.period() == RateLimit.Period.SECOND ? Duration.ofSeconds(1) : Duration.ofSeconds(60));
    // 403 by default; 429 says what happened.
    put(a, RATE_LIMIT_STATUS_CODE, 429);
    // pkg/haproxy/rules/reqTrack.go: a stick table in peers section "localinstance", and
    // pkg/controller/controller.go Start() puts only this pod in it (PeerEntryCreateOrEdit with
    // its own hostname, IP and --localpeer-port); no other replica is ever added, so the local
    // peer only keeps the table across reloads and every pod counts alone.
    out.add(
        HaProxyFinding.RATE_LIMIT,
        "rate-limit-requests counts HTTP requests per source IP, so WebSocket handshakes"
            + " only, in each controller pod separately: the controller peers a pod's stick"
            + " table only with itself (peers localinstance), so with N pods a client gets up"
            + " to N times the limit.");
    if (r.burst().isPresent()) {
      out.add(
          // haproxytech/kubernetes-ingress v3.2.11 pkg/annotations/ingress/reqRateLimit.go:
          // rate-limit-requests and rate-limit-period only; no burst
          HaProxyFinding.RATE_LIMIT_BURST,
          "haproxytech has no burst; a burst of " + r.burst().getAsInt() + " is not written.");
    }
  }

  private static void cors(Cors c, Map<String, String> a, Report out) {
    put(a, CORS_ENABLE, true);
    put(a, CORS_ALLOW_ORIGIN, HaProxy.origin(c.origins()));
    if (!c.methods().isEmpty()) {
      put(a, CORS_ALLOW_METHODS, String.join(", ", c.methods()));
    }
    if (!c.headers().isEmpty()) {
      put(a, CORS_ALLOW_HEADERS, String.join(", ", c.headers()));
    }
    put(a, CORS_ALLOW_CREDENTIALS, c.credentials());
    c.maxAge().ifPresent(m -> put(a, CORS_MAX_AGE, m));
    out.add(
        // haproxytech/kubernetes-ingress v3.2.11 pkg/annotations/ingress/resSetCORS.go: the cors-*
        // annotations set response headers; no request is refused by origin
        HaProxyFinding.CORS_HANDSHAKE,
        "CORS headers do not protect the WebSocket handshake: browsers send no preflight"
            + " for it and any page can open the socket.");
    if (!c.exposedHeaders().isEmpty()) {
      out.add(
          // haproxytech/kubernetes-ingress v3.2.11 pkg/annotations/annotations.go: the CORS
          // annotations are cors-enable, -allow-origin, -allow-methods, -allow-headers, -max-age,
          // -allow-credentials, -respond-to-options; no expose-headers
          HaProxyFinding.CORS_EXPOSE_HEADERS,
          "haproxytech has no cors-expose-headers annotation; "
              + c.exposedHeaders()
              + " are not exposed.");
    }
  }

  /**
   * {@code path-rewrite: <regex> <format>} that replaces the route's matched prefix with its
   * rewrite and keeps the rest ({@link IngressAnnotations#PATH_REWRITE}). The regex is anchored,
   * although the rule runs only for this Ingress's paths, and the route's Prefix path already
   * matches whole segments only (pkg/route/route.go AddHostPathRoute, v3.0.0 and v3.2.11: the path
   * itself as an exact entry, in path-exact before v3.1.17 and path-prefix-exact after, and the
   * path with {@code /} in path-prefix): {@code ^/notify(/.*)?$ /ws\1} sends {@code /notify/a} as
   * {@code /ws/a} and {@code /notify} as {@code /ws}; a rewrite to {@code /} is {@code
   * ^/notify/?(.*)$ /\1}; the root prefix is {@code ^/(.*)$ <rewrite>/\1}.
   */
  static String pathRewrite(Route route) {
    String prefix = withoutTrailingSlash(route.path());
    String to = withoutTrailingSlash(route.rewrite().orElseThrow());
    if (prefix.isEmpty()) {
      return "^/(.*)$ " + format(to) + "/\\1";
    }
    if (to.isEmpty()) {
      return "^" + regex(prefix) + "/?(.*)$ /\\1";
    }
    return "^" + regex(prefix) + "(/.*)?$ " + format(to) + "\\1";
  }

  private static String withoutTrailingSlash(String path) {
    String p = path;
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  /** Of the characters a spec path may hold, only '.' and '+' mean something in a regex. */
  private static String regex(String literal) {
    StringBuilder b = new StringBuilder();
    for (char c : literal.toCharArray()) {
      if (c == '.' || c == '+') {
        b.append('\\');
      }
      b.append(c);
    }
    return b.toString();
  }

  /** A literal in a log-format string: '%' is written '%%'. */
  private static String format(String literal) {
    return literal.replace("%", "%%");
  }

  private static void backendAnnotations(
      WebSocketApp app, List<Route> routes, Map<String, String> a, Report out) {
    Route first = routes.get(0);
    if (first.isWebSocket()) {
      put(a, LOAD_BALANCE, balance(app));
      if (app.affinity().isPresent() && app.affinity().get() instanceof CookieAffinity c) {
        if (c.maxAge().isPresent()
            || c.path().isPresent()
            || c.secure().isPresent()
            || c.sameSite().isPresent()) {
          out.add(
              // haproxytech/kubernetes-ingress v3.2.11 pkg/annotations/service/cookie.go:
              // cookie-persistence takes the cookie name; no annotation sets its other attributes
              HaProxyFinding.COOKIE_ATTRIBUTES,
              "cookie-persistence sets the cookie's name only (insert indirect nocache"
                  + " dynamic); its max-age, path, Secure and SameSite are not written.");
        }
      }
    } else if (first.requestTimeout().isPresent()) {
      Duration t = first.requestTimeout().get();
      put(a, TIMEOUT_SERVER, t);
      out.add(
          HaProxyFinding.REQUEST_TIMEOUT_IDLE,
          "timeout-server "
              + IngressAnnotations.seconds(t)
              + " on plain route "
              + paths(routes)
              + " is HAProxy's inactivity timeout on the server side (annotations.md"
              + " \"timeout-server\"), not a deadline for the whole request: a response that keeps"
              + " sending data can last longer than "
              + t.getSeconds()
              + " s.");
    }
    if (app.healthCheck().isPresent() && toOwnService(app, first)) {
      HealthCheck h = app.healthCheck().get();
      put(a, CHECK, true);
      put(a, CHECK_HTTP, h.path());
      h.interval().ifPresent(i -> put(a, CHECK_INTERVAL, i));
      if (h.rise().isPresent() || h.fall().isPresent()) {
        out.add(
            // haproxytech/kubernetes-ingress v3.2.11 pkg/annotations/annotations.go: the
            // health-check annotations are check, check-http and check-interval; no rise or fall
            HaProxyFinding.HEALTH_RISE_FALL,
            "there is no rise or fall annotation; HAProxy's defaults (rise 2, fall 3)" + " apply.");
      }
    }
    if (app.backendProtocol() == BackendProtocol.HTTPS) {
      if (app.backendCaSecret().isPresent()) {
        // server-ca alone turns TLS on with verify required (pkg/annotations/service/ca.go:
        // Ssl enabled, Verify required, SslCafile) once the CA file is written. server-ssl is
        // processed before it (pkg/annotations/annotations.go) and sets verify none
        // (service/ssl.go); with server-ssl on, a Secret without tls.crt (certs/main.go
        // writeSecret: "certificate missing") would leave the backend unverified. Without
        // server-ssl the same mistake leaves TLS off and the HTTPS backend refuses the traffic.
        // ca.go sets alpn h2,http/1.1 and HAProxy 3.0-3.2 (src/backend.c connect_server, "ws
        // auto") downgrades a WebSocket stream's ALPN to http/1.1, so the upgrade stays HTTP/1.1.
        String secret = app.backendCaSecret().get();
        put(a, SERVER_CA, app.namespace() + "/" + secret);
        out.add(
            HaProxyFinding.SERVER_CA_KEY,
            "server-ca reads the CA certificate only from the tls.crt key of Secret "
                + secret
                + " (pkg/haproxy/certs writeSecret); with the ca.crt key alone the controller"
                + " turns TLS to the backend off, and the backend refuses the connections.");
        // HAProxy checks the certificate's name only against the SNI it sent or verifyhost
        // (src/ssl_sock.c ssl_sock_srv_verifycbk); ca.go sets neither, and no annotation does.
        out.add(
            HaProxyFinding.BACKEND_TLS_NAME,
            "server-ca makes HAProxy verify the backend certificate's chain against the CA, not"
                + " its host name: the controller sets neither sni nor verifyhost"
                + " (pkg/annotations/service/ca.go), so any certificate that CA signs is"
                + " accepted.");
      } else {
        out.add(HaProxyFinding.BACKEND_TLS, backendTlsMessage());
      }
    }
  }

  static String backendTlsMessage() {
    return "an HTTPS backend is verified only with a CA; wsingress never disables verification.";
  }

  // leastconn spreads long-lived sockets (HAProxy recommends it for long sessions); source
  // hashes the client address; hdr(name) hashes a request header.
  static String balance(WebSocketApp app) {
    if (app.affinity().isPresent()) {
      Affinity a = app.affinity().get();
      if (a instanceof ClientIpAffinity) {
        return "source";
      }
      if (a instanceof HeaderAffinity h) {
        return "hdr(" + h.header() + ")";
      }
    }
    return "leastconn";
  }

  /** The annotations of {@code a} that configure backend sections. */
  static Map<String, String> backendPart(Map<String, String> a) {
    Map<String, String> part = new TreeMap<>();
    for (IngressAnnotations.Key<?> k : IngressAnnotations.ALL) {
      if (k.scope() == IngressAnnotations.Scope.BACKEND && a.containsKey(k.key())) {
        part.put(k.key(), a.get(k.key()));
      }
    }
    return part;
  }

  /** The Backend resource's spec for the WebSocket routes of one backend resource name. */
  static Backend.Spec backendSpec(WebSocketApp app, boolean withHealthCheck) {
    Backend.Balance balance;
    Backend.Cookie cookie = null;
    String cookieKey = null;
    String algorithm = balance(app);
    if (algorithm.startsWith("hdr(")) {
      balance = new Backend.Balance("hdr", ((HeaderAffinity) app.affinity().get()).header());
    } else {
      balance = new Backend.Balance(algorithm, null);
    }
    if (app.affinity().isPresent() && app.affinity().get() instanceof CookieAffinity c) {
      List<Backend.Attr> attrs = new ArrayList<>();
      c.sameSite().ifPresent(s -> attrs.add(new Backend.Attr("SameSite=" + s.attribute())));
      c.maxAge().ifPresent(m -> attrs.add(new Backend.Attr("Max-Age=" + m.getSeconds())));
      c.path().ifPresent(p -> attrs.add(new Backend.Attr("Path=" + p)));
      cookie =
          new Backend.Cookie(
              c.name(),
              "insert",
              true,
              true,
              true,
              c.httpOnly() ? Boolean.TRUE : null,
              c.secure().orElse(null),
              attrs);
      // Dynamic cookies keep stickiness across controller replicas; the key only seeds the hash.
      cookieKey = app.namespace() + "-" + app.name();
    }
    String advCheck = null;
    Backend.HttpCheck check = null;
    Backend.DefaultServer server = null;
    if (withHealthCheck && app.healthCheck().isPresent()) {
      HealthCheck h = app.healthCheck().get();
      advCheck = "httpchk";
      check = new Backend.HttpCheck("GET", h.path());
      server =
          new Backend.DefaultServer(
              "enabled",
              h.interval().map(HaProxy::millis).orElse(null),
              h.rise().isPresent() ? (long) h.rise().getAsInt() : null,
              h.fall().isPresent() ? (long) h.fall().getAsInt() : null);
    }
    return new Backend.Spec(
        "http",
        HaProxy.millis(app.idleTimeout()),
        app.connectTimeout().map(HaProxy::millis).orElse(null),
        balance,
        cookie,
        cookieKey,
        advCheck,
        check,
        server);
  }
}
