package dev.wsingress.nginx;

import static dev.wsingress.nginx.IngressAnnotations.AFFINITY;
import static dev.wsingress.nginx.IngressAnnotations.AFFINITY_MODE;
import static dev.wsingress.nginx.IngressAnnotations.BACKEND_PROTOCOL;
import static dev.wsingress.nginx.IngressAnnotations.CORS_ALLOW_CREDENTIALS;
import static dev.wsingress.nginx.IngressAnnotations.CORS_ALLOW_HEADERS;
import static dev.wsingress.nginx.IngressAnnotations.CORS_ALLOW_METHODS;
import static dev.wsingress.nginx.IngressAnnotations.CORS_ALLOW_ORIGIN;
import static dev.wsingress.nginx.IngressAnnotations.CORS_EXPOSE_HEADERS;
import static dev.wsingress.nginx.IngressAnnotations.CORS_MAX_AGE;
import static dev.wsingress.nginx.IngressAnnotations.ENABLE_CORS;
import static dev.wsingress.nginx.IngressAnnotations.LIMIT_BURST_MULTIPLIER;
import static dev.wsingress.nginx.IngressAnnotations.LIMIT_CONNECTIONS;
import static dev.wsingress.nginx.IngressAnnotations.LIMIT_RPM;
import static dev.wsingress.nginx.IngressAnnotations.LIMIT_RPS;
import static dev.wsingress.nginx.IngressAnnotations.MAX_CONNECT_SECONDS;
import static dev.wsingress.nginx.IngressAnnotations.PROXY_BUFFERING;
import static dev.wsingress.nginx.IngressAnnotations.PROXY_CONNECT_TIMEOUT;
import static dev.wsingress.nginx.IngressAnnotations.PROXY_HTTP_VERSION;
import static dev.wsingress.nginx.IngressAnnotations.PROXY_READ_TIMEOUT;
import static dev.wsingress.nginx.IngressAnnotations.PROXY_REQUEST_BUFFERING;
import static dev.wsingress.nginx.IngressAnnotations.PROXY_SEND_TIMEOUT;
import static dev.wsingress.nginx.IngressAnnotations.PROXY_SSL_NAME;
import static dev.wsingress.nginx.IngressAnnotations.PROXY_SSL_SECRET;
import static dev.wsingress.nginx.IngressAnnotations.PROXY_SSL_SERVER_NAME;
import static dev.wsingress.nginx.IngressAnnotations.PROXY_SSL_VERIFY;
import static dev.wsingress.nginx.IngressAnnotations.PROXY_SSL_VERIFY_DEPTH;
import static dev.wsingress.nginx.IngressAnnotations.REWRITE_TARGET;
import static dev.wsingress.nginx.IngressAnnotations.SESSION_COOKIE_EXPIRES;
import static dev.wsingress.nginx.IngressAnnotations.SESSION_COOKIE_MAX_AGE;
import static dev.wsingress.nginx.IngressAnnotations.SESSION_COOKIE_NAME;
import static dev.wsingress.nginx.IngressAnnotations.SESSION_COOKIE_PATH;
import static dev.wsingress.nginx.IngressAnnotations.SESSION_COOKIE_SAMESITE;
import static dev.wsingress.nginx.IngressAnnotations.SESSION_COOKIE_SECURE;
import static dev.wsingress.nginx.IngressAnnotations.SSL_REDIRECT;
import static dev.wsingress.nginx.IngressAnnotations.UPSTREAM_HASH_BY;
import static dev.wsingress.nginx.IngressAnnotations.USE_REGEX;

import dev.wsingress.Affinity;
import dev.wsingress.BackendProtocol;
import dev.wsingress.ClientIpAffinity;
import dev.wsingress.CookieAffinity;
import dev.wsingress.Cors;
import dev.wsingress.FindingKind;
import dev.wsingress.HeaderAffinity;
import dev.wsingress.RateLimit;
import dev.wsingress.Rendering;
import dev.wsingress.Route;
import dev.wsingress.RouteBackend;
import dev.wsingress.Version;
import dev.wsingress.WebSocketApp;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The annotations of one Ingress of the app: the routes of one group (the same kind, rewrite and
 * settings). WebSocket routes get the app's WebSocket settings; plain HTTP routes keep the
 * controller's defaults except what the route sets (request timeout, buffering); CORS, TLS and the
 * backend protocol are app-wide. Keys and units come from {@link IngressAnnotations}.
 *
 * <p>Several Ingresses on one host make one nginx server: "If multiple Ingresses define different
 * paths for the same host, the ingress controller will merge the definitions", "Annotations are
 * applied to all the paths in the Ingress" and "Multiple Ingresses can define different
 * annotations. These definitions are not shared between Ingresses" (kubernetes/ingress-nginx
 * controller-v1.15.1 docs/how-it-works.md "Building the NGINX model", the same at
 * controller-v1.10.0), so each location keeps its own Ingress's annotations. Annotations of the
 * server block are taken from the oldest Ingress only (the same list), so {@code server-snippet} is
 * written on the app's first Ingress only.
 */
final class RouteAnnotations {
  private RouteAnnotations() {}

  /** ingress-nginx v1.12.0 lowered the default annotations-risk-level from Critical to High. */
  private static final Version RISK_LEVEL_HIGH = Version.of(1, 12);

  /**
   * pkg/flags/flags.go {@code --enable-annotation-validation}: false in controller-v1.10.x and
   * v1.11.x, true from controller-v1.12.0.
   */
  private static final Version ANNOTATION_VALIDATION = Version.of(1, 12);

  /** The target's options the annotations depend on. */
  record Options(Version version, Integer backendTlsVerifyDepth) {}

  /**
   * Where findings go: the rendering (each finding once, about the first Ingress that causes it) or
   * nowhere, while the settings of single routes are compared to group them.
   */
  static final class Report {
    private final Rendering.Builder out;
    private final boolean lenient;
    private final Set<String> seen;
    private final String subject;

    private Report(Rendering.Builder out, boolean lenient, Set<String> seen, String subject) {
      this.out = out;
      this.lenient = lenient;
      this.seen = seen;
      this.subject = subject;
    }

    /** Reports nothing. */
    static Report silent(boolean lenient) {
      return new Report(null, lenient, new HashSet<>(), "");
    }

    /** Reports into {@code out}; {@code seen} is shared by every Ingress of the rendering. */
    static Report into(Rendering.Builder out, Set<String> seen, String subject) {
      return new Report(out, out.lenient(), seen, subject);
    }

    boolean lenient() {
      return lenient;
    }

    void add(FindingKind kind, String message) {
      if (out != null && seen.add(kind.code() + "\n" + message)) {
        out.add(kind.at(subject, message));
      }
    }
  }

  /**
   * The annotations of the Ingress that carries {@code routes} (one group: equal kind, rewrite and
   * settings).
   */
  static Map<String, String> of(WebSocketApp app, List<Route> routes, Options options, Report out) {
    Map<String, String> a = new TreeMap<>();
    Route first = routes.get(0);
    if (first.isWebSocket()) {
      webSocket(app, a, out);
    } else {
      plain(app, routes, a, out);
    }
    if (app.cors().isPresent()) {
      cors(app.cors().get(), a, out);
    }
    if (app.backendProtocol() == BackendProtocol.HTTPS) {
      backendTls(app, first, a, out, options.backendTlsVerifyDepth());
    }
    if (app.tls().isPresent()) {
      // "Server-side HTTPS enforcement": ssl-redirect defaults to true with TLS; written
      // explicitly so the controller-wide default cannot change it.
      boolean redirect = app.tls().get().redirect();
      put(a, SSL_REDIRECT, redirect);
      if (redirect && first.isWebSocket()) {
        out.add(
            // kubernetes/ingress-nginx controller-v1.15.1
            // internal/ingress/controller/config/config.go: HTTPRedirectCode: 308 for the
            // ssl-redirect
            NginxFinding.PLAIN_WS_REDIRECT,
            "plain ws:// handshakes are answered with a 308 redirect to https, and RFC 6455"
                + " clients need not follow redirects, so ws:// clients fail.");
      }
    }
    if (app.healthCheck().isPresent()) {
      out.add(
          // kubernetes/ingress-nginx controller-v1.15.1
          // internal/ingress/annotations/annotations.go: no annotation parser configures an active
          // health check; nginx routes to Ready endpoints
          NginxFinding.NO_ACTIVE_HEALTH_CHECK,
          "ingress-nginx has no active health checks, so "
              + app.healthCheck().get().path()
              + " is not probed by the controller; it balances over the Service's Ready"
              + " endpoints.");
    }
    if (first.rewrite().isPresent()) {
      rewrite(app, routes, a, out, options.version());
    }
    validated(a, first, options.version(), out);
    return a;
  }

  /**
   * Leaves out, with {@code NGINX-VALUE-NOT-ACCEPTED}, every annotation whose value the
   * controller's own validator refuses (from v1.12, pkg/flags/flags.go
   * --enable-annotation-validation): ingress-nginx ignores such a value (each parser falls back to
   * its default), so writing it would only look like a setting. The rewrite of a rewritten route is
   * judged by {@link #refused} instead.
   */
  private static void validated(Map<String, String> a, Route first, Version version, Report out) {
    if (!version.isAtLeast(ANNOTATION_VALIDATION)) {
      return;
    }
    java.util.Iterator<Map.Entry<String, String>> it = a.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, String> e = it.next();
      IngressAnnotations.Known k = IngressAnnotations.known(e.getKey()).orElseThrow();
      boolean judged =
          k == IngressAnnotations.known(REWRITE_TARGET.key()).orElseThrow()
              || (first.rewrite().isPresent()
                  && k == IngressAnnotations.known(SESSION_COOKIE_PATH.key()).orElseThrow());
      if (judged || k.validator().accepts(e.getValue())) {
        continue;
      }
      out.add(
          NginxFinding.VALUE_NOT_ACCEPTED,
          "ingress-nginx v"
              + version
              + " ignores "
              + k.name()
              + " "
              + IngressReader.quote(e.getValue())
              + ": annotation validation, on by default from v1.12, refuses it ("
              + k.validator().rule()
              + ", "
              + k.file()
              + "), so it is not written.");
      it.remove();
    }
  }

  private static <T> void put(Map<String, String> a, IngressAnnotations.Key<T> key, T value) {
    a.put(key.key(), key.format(value));
  }

  private static void webSocket(WebSocketApp app, Map<String, String> a, Report out) {
    // "Custom timeouts": read/send are idle times between two successive operations, not the
    // lifetime of the socket, so the WebSocket idle timeout maps to both.
    put(a, PROXY_READ_TIMEOUT, app.readTimeout());
    put(a, PROXY_SEND_TIMEOUT, app.sendTimeout());
    if (app.connectTimeout().isPresent()) {
      connectTimeout(app.connectTimeout().get(), a, out);
    }
    // WebSocket needs HTTP/1.1 upstream; written explicitly so a controller-wide
    // proxy-http-version: "1.0" cannot break the upgrade ("Proxy HTTP version").
    put(a, PROXY_HTTP_VERSION, "1.1");
    put(a, PROXY_BUFFERING, app.responseBuffering());
    put(a, PROXY_REQUEST_BUFFERING, app.requestBuffering());
    if (app.affinity().isPresent()) {
      affinity(app.affinity().get(), a, out);
    }
    if (app.rateLimit().isPresent()) {
      rateLimit(app.rateLimit().get(), a, out);
    }
    if (app.maxConnectionsPerClient().isPresent()) {
      int max = app.maxConnectionsPerClient().getAsInt();
      put(a, LIMIT_CONNECTIONS, max);
      out.add(
          // kubernetes/ingress-nginx controller-v1.15.1
          // internal/ingress/annotations/ratelimit/main.go: limit-connections becomes limit_conn
          // per client address in each replica's nginx, held while the connection is open
          NginxFinding.CONNECTION_LIMIT,
          "limit-connections "
              + max
              + " counts every open WebSocket for its whole life, per client IP and per"
              + " controller replica; a client behind a shared NAT address shares the"
              + " limit.");
    }
  }

  private static void plain(
      WebSocketApp app, List<Route> routes, Map<String, String> a, Report out) {
    Route first = routes.get(0);
    String paths = paths(routes);
    if (first.requestTimeout().isPresent()) {
      // configmap.md "proxy-read-timeout" / "proxy-send-timeout": "The timeout is set only
      // between two successive read [write] operations, not for the transmission of the whole
      // response [request]"; ingress-nginx has no deadline for a whole request.
      Duration t = first.requestTimeout().get();
      put(a, PROXY_READ_TIMEOUT, t);
      put(a, PROXY_SEND_TIMEOUT, t);
      out.add(
          NginxFinding.REQUEST_TIMEOUT_IDLE,
          "proxy-read-timeout and proxy-send-timeout "
              + t.getSeconds()
              + " on plain route "
              + paths
              + " limit each wait between two reads from or two writes to the backend"
              + " (configmap.md), not the whole request: a response that keeps sending data can"
              + " last longer than "
              + t.getSeconds()
              + " s.");
    }
    if (first.buffering().isPresent()) {
      boolean on = first.buffering().get();
      put(a, PROXY_BUFFERING, on);
      put(a, PROXY_REQUEST_BUFFERING, on);
    }
    if (app.affinity().isPresent() && first.backend().isPresent()) {
      Affinity affinity = app.affinity().get();
      RouteBackend backend = first.backend().get();
      boolean hashed = affinity instanceof ClientIpAffinity || affinity instanceof HeaderAffinity;
      boolean shared =
          app.routes().stream()
              .anyMatch(r -> r.isWebSocket() && r.backend().equals(first.backend()));
      if (hashed && shared) {
        // internal/ingress/controller/controller.go createUpstreams: one upstream per Service
        // port ("if _, ok := upstreams[name]; ok { continue }"), its UpstreamHashBy taken from
        // the first Ingress in CreationTimestamp order (docs/how-it-works.md); the same value on
        // every Ingress keeps the result independent of that order.
        String variable = hashVariable(affinity);
        put(a, UPSTREAM_HASH_BY, variable);
        out.add(
            NginxFinding.UPSTREAM_SHARED,
            "plain route "
                + paths
                + " goes to "
                + backend
                + " like the WebSocket routes, and ingress-nginx keeps one upstream per Service"
                + " port, set up by the oldest Ingress that uses it (controller.go"
                + " createUpstreams): upstream-hash-by "
                + variable
                + " is written for the plain route too, so the result does not depend on which"
                + " Ingress is older.");
      }
    }
  }

  private static String paths(List<Route> routes) {
    return routes.stream().map(Route::path).collect(Collectors.joining(", "));
  }

  private static void connectTimeout(Duration connect, Map<String, String> a, Report out) {
    long s = connect.getSeconds();
    if (s <= MAX_CONNECT_SECONDS) {
      put(a, PROXY_CONNECT_TIMEOUT, connect);
      return;
    }
    out.add(
        NginxFinding.CONNECT_TIMEOUT,
        "proxy-connect-timeout "
            + s
            + " s is above the 75 s nginx can honour (ingress-nginx configmap.md: it"
            + " \"cannot usually exceed 75 seconds\"; the default is 5)."
            + (out.lenient() ? " Rendered as 75." : ""));
    put(a, PROXY_CONNECT_TIMEOUT, Duration.ofSeconds(MAX_CONNECT_SECONDS));
  }

  private static String hashVariable(Affinity affinity) {
    if (affinity instanceof HeaderAffinity h) {
      // nginx exposes request headers as $http_<name>, lower case, '-' as '_'.
      return "$http_" + h.header().toLowerCase(Locale.ROOT).replace('-', '_');
    }
    return "$remote_addr";
  }

  private static void affinity(Affinity affinity, Map<String, String> a, Report out) {
    if (affinity instanceof CookieAffinity c) {
      // "Session Affinity": the only affinity type is cookie.
      put(a, AFFINITY, "cookie");
      put(a, AFFINITY_MODE, c.mode().name().toLowerCase(Locale.ROOT));
      put(a, SESSION_COOKIE_NAME, c.name());
      if (c.maxAge().isPresent()) {
        put(a, SESSION_COOKIE_MAX_AGE, c.maxAge().get());
        // Expires is the legacy form of Max-Age, kept for old browsers.
        put(a, SESSION_COOKIE_EXPIRES, c.maxAge().get());
      }
      if (c.path().isPresent()) {
        put(a, SESSION_COOKIE_PATH, c.path().get());
      }
      if (c.secure().isPresent() && c.secure().get()) {
        put(a, SESSION_COOKIE_SECURE, true);
      } else if (c.secure().isPresent()) {
        // pkg/apis/ingress/types.go: `Secure bool json:"secure,omitempty"` drops false, and
        // rootfs/etc/nginx/lua/balancer/sticky.lua then sets cookie_secure = ngx.var.https == "on".
        out.add(
            NginxFinding.COOKIE_SECURE,
            "ingress-nginx sets Secure on the affinity cookie of every request that came over"
                + " HTTPS and drops session-cookie-secure: \"false\""
                + " (pkg/apis/ingress/types.go, balancer/sticky.lua); secure(false) cannot be"
                + " expressed.");
      }
      if (c.sameSite().isPresent()) {
        put(a, SESSION_COOKIE_SAMESITE, c.sameSite().get().attribute());
      }
      if (!c.httpOnly()) {
        // rootfs/etc/nginx/lua/balancer/sticky.lua sets httponly = true unconditionally.
        out.add(
            NginxFinding.COOKIE_HTTPONLY,
            "ingress-nginx always sets HttpOnly on the affinity cookie (balancer/sticky.lua);"
                + " httpOnly(false) cannot be expressed.");
      }
    } else if (affinity instanceof ClientIpAffinity) {
      // upstream-hash-by (risk High) is honoured only without cookie affinity
      // (balancer.lua picks sticky first); the spec allows one affinity kind only.
      put(a, UPSTREAM_HASH_BY, hashVariable(affinity));
      out.add(
          // kubernetes/ingress-nginx controller-v1.15.1 rootfs/etc/nginx/lua/balancer.lua: the Lua
          // balancer picks among the endpoints itself (sticky, chash or round robin), so Service
          // sessionAffinity never applies
          NginxFinding.SERVICE_AFFINITY_IGNORED,
          "ingress-nginx balances over endpoints itself and ignores the Service's"
              + " sessionAffinity; client-IP affinity is rendered as upstream-hash-by:"
              + " $remote_addr on the Ingress.");
    } else if (affinity instanceof HeaderAffinity h) {
      String variable = hashVariable(affinity);
      put(a, UPSTREAM_HASH_BY, variable);
      // rootfs/etc/nginx/lua/balancer/chash.lua hashes util.generate_var_value(hash_by), which
      // concatenates ngx.var values; a missing header adds nothing, so the key is "".
      out.add(
          NginxFinding.HEADER_AFFINITY,
          "upstream-hash-by "
              + variable
              + " hashes an empty key for every request without the "
              + h.header()
              + " header (balancer/chash.lua), so all of them go to one pod; the browser"
              + " WebSocket API (new WebSocket(url, protocols)) cannot send custom headers.");
    }
  }

  /** The spec's largest burst (core SpecValidator.MAX_COUNT). */
  static final int MAX_BURST = 1_000_000;

  /**
   * The limit-burst-multiplier for a burst: rounded up to a multiple of the rate, or down where the
   * multiple up would pass the spec's largest burst (so that the rendering reads back as a spec);
   * at least 1.
   */
  static int burstMultiplier(int rate, int burst) {
    int up = Math.max(1, (burst + rate - 1) / rate);
    return (long) up * rate <= MAX_BURST ? up : Math.max(1, burst / rate);
  }

  private static void rateLimit(RateLimit r, Map<String, String> a, Report out) {
    IngressAnnotations.Key<Integer> key =
        r.period() == RateLimit.Period.SECOND ? LIMIT_RPS : LIMIT_RPM;
    put(a, key, r.rate());
    // "Rate Limiting": burst = rate x limit-burst-multiplier (default 5); without a burst in
    // the spec the controller's default stays.
    if (r.burst().isPresent()) {
      int burst = r.burst().getAsInt();
      int multiplier = burstMultiplier(r.rate(), burst);
      if ((long) multiplier * r.rate() != burst) {
        out.add(
            // kubernetes/ingress-nginx controller-v1.15.1
            // internal/ingress/annotations/ratelimit/main.go: burst = limit x
            // limit-burst-multiplier (defBurst 5)
            NginxFinding.BURST_ROUNDED,
            "ingress-nginx sets the burst as a multiple of the rate; a burst of "
                + burst
                + " becomes "
                + (long) multiplier * r.rate()
                + " (limit-burst-multiplier "
                + multiplier
                + ").");
      }
      put(a, LIMIT_BURST_MULTIPLIER, multiplier);
    }
    out.add(
        // kubernetes/ingress-nginx controller-v1.15.1
        // internal/ingress/annotations/ratelimit/main.go: limit-rps/limit-rpm become a
        // limit_req_zone keyed on the client address in each controller's nginx; a WebSocket is one
        // request
        NginxFinding.RATE_LIMIT_PER_REPLICA,
        key.name()
            + " "
            + r.rate()
            + " counts WebSocket handshakes per client IP in each controller replica"
            + " separately: with N replicas a client gets up to N times the limit. Refused"
            + " handshakes get limit-req-status-code (503 by default).");
  }

  private static void cors(Cors c, Map<String, String> a, Report out) {
    // "Enable CORS": lists are comma separated; credentials default to true in ingress-nginx,
    // so they are always written explicitly.
    put(a, ENABLE_CORS, true);
    // cors/main.go Parse: "*" among the origins stands alone ("CorsAllowOrigin = []string{"*"};
    // break"), so "*" is all that is written then.
    put(a, CORS_ALLOW_ORIGIN, c.origins().contains("*") ? "*" : String.join(", ", c.origins()));
    if (!c.methods().isEmpty()) {
      put(a, CORS_ALLOW_METHODS, String.join(", ", c.methods()));
    }
    if (!c.headers().isEmpty()) {
      put(a, CORS_ALLOW_HEADERS, String.join(", ", c.headers()));
    }
    if (!c.exposedHeaders().isEmpty()) {
      put(a, CORS_EXPOSE_HEADERS, String.join(", ", c.exposedHeaders()));
    }
    put(a, CORS_ALLOW_CREDENTIALS, c.credentials());
    if (c.maxAge().isPresent()) {
      put(a, CORS_MAX_AGE, c.maxAge().get());
    }
    out.add(
        // kubernetes/ingress-nginx controller-v1.15.1 internal/ingress/annotations/cors/main.go:
        // the cors-* annotations add response headers and answer OPTIONS; no request is refused by
        // origin
        NginxFinding.CORS_HANDSHAKE,
        "CORS headers do not protect the WebSocket handshake: browsers send no preflight"
            + " for it and any page can open the socket.");
  }

  private static void backendTls(
      WebSocketApp app, Route route, Map<String, String> a, Report out, Integer verifyDepth) {
    if (app.backendCaSecret().isEmpty()) {
      // internal/ingress/annotations/proxyssl/main.go: defaultProxySSLVerify = "off". Without a
      // CA the Ingress could only proxy unverified HTTPS, which wsingress never writes: leniently
      // backend-protocol is left out too.
      out.add(
          NginxFinding.BACKEND_TLS_UNVERIFIED,
          "with backend-protocol HTTPS, ingress-nginx does not verify the backend's"
              + " certificate unless proxy-ssl-verify is on with a CA Secret."
              + (out.lenient()
                  ? " backend-protocol HTTPS is not written, so the controller speaks plain"
                      + " HTTP to the backend instead of unverified HTTPS."
                  : ""));
      return;
    }
    String service = route.backend().map(RouteBackend::serviceName).orElse(app.serviceName());
    put(a, BACKEND_PROTOCOL, "HTTPS");
    // "Backend Certificate Authentication": proxy-ssl-secret is namespace/name; a Secret with
    // ca.crt and no tls.key is CA-only (internal/ingress/controller/store/backend_ssl.go).
    put(a, PROXY_SSL_SECRET, app.namespace() + "/" + app.backendCaSecret().get());
    put(a, PROXY_SSL_VERIFY, true);
    // The name the route's own backend Service presents.
    put(a, PROXY_SSL_NAME, service + "." + app.namespace() + ".svc");
    put(a, PROXY_SSL_SERVER_NAME, true);
    if (verifyDepth != null) {
      put(a, PROXY_SSL_VERIFY_DEPTH, verifyDepth);
    }
  }

  // --- rewrites -------------------------------------------------------------------------------

  /**
   * Reports a value that annotation validation (on by default from v1.12) refuses: {@code checked}
   * may hold only letters, digits and {@code allowed}.
   */
  private static void refused(
      Version version,
      IngressAnnotations.Key<String> key,
      String value,
      String checked,
      String allowed,
      String allowedText,
      List<Route> routes,
      Report out) {
    boolean plain =
        checked
            .chars()
            .allMatch(
                c ->
                    (c >= 'a' && c <= 'z')
                        || (c >= 'A' && c <= 'Z')
                        || (c >= '0' && c <= '9')
                        || allowed.indexOf(c) >= 0);
    if (plain || !version.isAtLeast(ANNOTATION_VALIDATION)) {
      return;
    }
    out.add(
        // kubernetes/ingress-nginx controller-v1.15.1 internal/ingress/annotations/rewrite/main.go:
        // rewrite-target Validator: parser.ValidateRegex(parser.RegexPathWithCapture, false)
        // (internal/ingress/annotations/parser/validators.go)
        NginxFinding.REWRITE_REFUSED,
        "ingress-nginx v"
            + version
            + " ignores "
            + key.name()
            + " "
            + value
            + " for route "
            + paths(routes)
            + ": annotation validation, on by default from v1.12, accepts only letters,"
            + " digits, "
            + allowedText
            + " in it, and "
            + (key == REWRITE_TARGET
                ? "rewrite/main.go then leaves the rewrite target empty: the route is not"
                    + " rewritten."
                : "sessionaffinity/main.go then leaves the cookie without a Path."));
  }

  private static void rewrite(
      WebSocketApp app, List<Route> routes, Map<String, String> a, Report out, Version version) {
    Route first = routes.get(0);
    String target = Rewrites.target(first);
    // "Rewrite Target" (docs/examples/rewrite/README.md): captured groups of the path are $1,
    // $2...; use-regex makes the paths regular expressions (pathType ImplementationSpecific).
    put(a, REWRITE_TARGET, target);
    put(a, USE_REGEX, true);
    String to = first.rewrite().get();
    // internal/ingress/annotations/rewrite/main.go validates rewrite-target with
    // parser.RegexPathWithCapture (^/?[-._~a-zA-Z0-9/:$]*$), and annotations.go refuses the
    // Ingress on a validation error.
    refused(
        version,
        REWRITE_TARGET,
        target,
        to,
        "-._~/:",
        "'-', '.', '_', '~', '/', ':' and '$'",
        routes,
        out);
    if (first.isWebSocket()
        && app.affinity().isPresent()
        && app.affinity().get() instanceof CookieAffinity c
        && c.path().isEmpty()) {
      // rootfs/etc/nginx/lua/balancer/sticky.lua: without session-cookie-path the cookie's Path
      // is ngx.var.location_path, here the regular expression, which no request path starts
      // with; controller.go warns "session-cookie-path should be set when use-regex is true".
      // The route's own prefix (without a trailing '/', which /notify itself would not match)
      // covers every path the route serves.
      String prefix = Rewrites.withoutTrailingSlash(first.path());
      String cookiePath = prefix.isEmpty() ? "/" : prefix;
      put(a, SESSION_COOKIE_PATH, cookiePath);
      // sessionaffinity/main.go validates it with parser.URLIsValidRegex.
      refused(
          version,
          SESSION_COOKIE_PATH,
          cookiePath,
          cookiePath,
          "-._~/:,?&=",
          "'-', '.', '_', '~', '/', ':', ',', '?', '&' and '='",
          routes,
          out);
    }
    List<String> hosts = app.hosts();
    out.add(
        NginxFinding.REWRITE_REGEX_HOST,
        "rewrite-target makes ingress-nginx match every path of "
            + (hosts.size() == 1 ? "host " : "hosts ")
            + String.join(", ", hosts)
            + " as a case-insensitive regular expression (location ~* \"^<path>\"), on every"
            + " Ingress of "
            + (hosts.size() == 1 ? "that host" : "those hosts")
            + " (docs/user-guide/ingress-path-matching.md; template.go enforceRegexModifier): a"
            + " Prefix path /a then also matches /ab and /A, and an Exact path matches as a"
            + " prefix. The rewritten routes have an Ingress of their own because rewrite-target"
            + " rewrites every path of its Ingress.");
  }

  /** Reports the raw server snippet on the app's first Ingress, which carries it. */
  static void serverSnippet(String snippet, Version version, Map<String, String> a, Report out) {
    a.put(IngressAnnotations.SERVER_SNIPPET.key(), snippet);
    // config.go defaults: AllowSnippetAnnotations false (since controller-v1.9.1; true at
    // v1.9.0); AnnotationsRiskLevel "Critical" in controller-v1.10.0 and v1.11.x, "High" from
    // controller-v1.12.0, while serversnippet/main.go gives server-snippet the risk Critical.
    String gates =
        version.isAtLeast(RISK_LEVEL_HIGH)
            ? " rejects it unless the controller ConfigMap sets allow-snippet-annotations:"
                + " \"true\" (off since v1.9.1) and annotations-risk-level: Critical (High since"
                + " v1.12.0)."
            : " rejects it unless the controller ConfigMap sets allow-snippet-annotations:"
                + " \"true\" (off since v1.9.1); the default annotations-risk-level of v"
                + version
                + " (Critical) admits it.";
    out.add(
        // kubernetes/ingress-nginx controller-v1.15.1
        // internal/ingress/annotations/serversnippet/main.go: server-snippet has risk Critical and
        // needs allow-snippet-annotations (config.go)
        NginxFinding.RAW_SNIPPET,
        "server-snippet is raw nginx configuration: wsingress checks that it stays inside"
            + " the server block, not what its directives do. ingress-nginx v"
            + version
            + gates);
  }
}
