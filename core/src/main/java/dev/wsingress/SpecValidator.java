package dev.wsingress;

import static dev.wsingress.SpecRules.show;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks every value of a {@link WebSocketApp.Builder}, in field order. */
final class SpecValidator {
  private SpecValidator() {}

  static final Duration ONE_SECOND = Duration.ofSeconds(1);
  static final Duration MAX_COOKIE_AGE = Duration.ofDays(400); // browsers cap cookies at 400 days
  static final Duration MAX_SERVICE_AFFINITY = Duration.ofSeconds(86400); // core/v1 types.go
  static final Duration MAX_CORS_AGE = Duration.ofDays(30);
  static final Duration MAX_CHECK_INTERVAL = Duration.ofHours(1);
  static final int MAX_COUNT = 1_000_000;

  static List<Problem> validate(WebSocketApp.Builder b) {
    List<Problem> out = new ArrayList<>();
    hosts(out, b.hosts);
    if (b.name != null) {
      SpecRules.dnsLabel(out, "name", b.name, WebSocketApp.MAX_NAME_LENGTH);
    } else if (b.serviceName != null && b.serviceName.length() > WebSocketApp.MAX_NAME_LENGTH) {
      out.add(
          Problem.of(
              "name",
              null,
              "defaults to the Service name, which is longer than "
                  + WebSocketApp.MAX_NAME_LENGTH
                  + " characters",
              "give a shorter name with .name(...)"));
    }
    if (b.namespace != null) {
      SpecRules.dnsLabel(out, "namespace", b.namespace, 63);
    }
    for (Map.Entry<String, String> e : b.labels.entrySet()) {
      String field = "labels[" + show(e.getKey()) + "]";
      SpecRules.labelKey(out, field, e.getKey());
      SpecRules.labelValue(out, field, e.getValue());
    }
    routes(out, b.routes);
    service(out, b);
    timeouts(out, b);
    affinity(out, b.affinities);
    tls(out, b);
    rateLimit(out, b.rateLimit);
    if (b.maxConnectionsPerClient != null) {
      SpecRules.range(out, "maxConnectionsPerClient", b.maxConnectionsPerClient, 1, MAX_COUNT);
    }
    cors(out, b.cors);
    backend(out, b);
    healthCheck(out, b.healthCheck);
    return out;
  }

  private static void hosts(List<Problem> out, List<String> hosts) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < hosts.size(); i++) {
      String host = hosts.get(i);
      if (SpecRules.hostname(out, "hosts[" + i + "]", host) && !seen.add(host)) {
        out.add(
            Problem.of(
                "hosts[" + i + "]", host, "must not repeat another host", "remove the duplicate"));
      }
    }
  }

  private static void routes(List<Problem> out, List<Route> routes) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < routes.size(); i++) {
      Route r = routes.get(i);
      String field = "routes[" + i + "].path";
      if (SpecRules.path(out, field, r.path()) && !seen.add(r.match() + " " + r.path())) {
        out.add(
            Problem.of(field, r.path(), "must not repeat another path", "remove the duplicate"));
      }
    }
  }

  private static void service(List<Problem> out, WebSocketApp.Builder b) {
    if (!b.serviceGiven) {
      out.add(
          Problem.of(
              "service",
              null,
              "is required",
              "name the backend Service and its port with .service(\"websocket-service\", 8080)"));
      return;
    }
    SpecRules.dns1035Label(out, "service.name", b.serviceName);
    if (b.servicePort != null) {
      SpecRules.port(out, "service.port", b.servicePort);
    } else {
      SpecRules.portName(out, "service.portName", b.servicePortName);
    }
  }

  private static void timeouts(List<Problem> out, WebSocketApp.Builder b) {
    Duration max = WebSocketApp.MAX_IDLE_TIMEOUT;
    if (b.idleTimeout != null) {
      SpecRules.wholeSeconds(out, "timeout", b.idleTimeout, ONE_SECOND, max);
    }
    if (b.readTimeout != null) {
      SpecRules.wholeSeconds(out, "readTimeout", b.readTimeout, ONE_SECOND, max);
    }
    if (b.sendTimeout != null) {
      SpecRules.wholeSeconds(out, "sendTimeout", b.sendTimeout, ONE_SECOND, max);
    }
    if (b.connectTimeout != null) {
      SpecRules.wholeSeconds(
          out, "connectTimeout", b.connectTimeout, ONE_SECOND, WebSocketApp.MAX_CONNECT_TIMEOUT);
    }
  }

  private static void affinity(List<Problem> out, List<Affinity> affinities) {
    Set<String> kinds = new LinkedHashSet<>();
    for (Affinity a : affinities) {
      kinds.add(a.kind());
    }
    if (kinds.size() > 1) {
      out.add(
          Problem.of(
              "stickySessions",
              String.join(" + ", kinds),
              "takes one kind of affinity: a controller that pins by cookie ignores a client-IP"
                  + " or header hash (ingress-nginx picks the cookie first), so the second kind"
                  + " would be dead configuration",
              "keep one .stickySessions(...) call"));
      return;
    }
    if (affinities.isEmpty()) {
      return;
    }
    Affinity last = affinities.get(affinities.size() - 1);
    if (last instanceof CookieAffinity c) {
      SpecRules.cookieName(out, "stickySessions.cookie.name", c.name());
      c.maxAge()
          .ifPresent(
              d ->
                  SpecRules.wholeSeconds(
                      out, "stickySessions.cookie.maxAge", d, ONE_SECOND, MAX_COOKIE_AGE));
      c.path().ifPresent(p -> SpecRules.path(out, "stickySessions.cookie.path", p));
      if (c.sameSite().orElse(null) == SameSite.NONE && !c.secure().orElse(false)) {
        out.add(
            Problem.of(
                "stickySessions.cookie.sameSite",
                "NONE",
                "requires a secure cookie: browsers reject SameSite=None without Secure",
                "add .secure(true), or use SameSite.LAX"));
      }
    } else if (last instanceof ClientIpAffinity ip) {
      ip.timeout()
          .ifPresent(
              d ->
                  SpecRules.wholeSeconds(
                      out, "stickySessions.clientIp.timeout", d, ONE_SECOND, MAX_SERVICE_AFFINITY));
    } else if (last instanceof HeaderAffinity h) {
      SpecRules.headerName(out, "stickySessions.header.name", h.header());
    }
  }

  private static void tls(List<Problem> out, WebSocketApp.Builder b) {
    if (b.tls == null) {
      return;
    }
    SpecRules.dnsSubdomain(out, "tls.secretName", b.tls.secretName());
    List<String> hosts = b.tls.hosts();
    for (int i = 0; i < hosts.size(); i++) {
      String field = "tls.hosts[" + i + "]";
      String host = hosts.get(i);
      if (SpecRules.hostname(out, field, host) && !b.hosts.contains(host)) {
        out.add(
            Problem.of(
                field,
                host,
                "must be one of the app's hosts " + b.hosts,
                "add it with .alsoOn(" + show(host) + ") or remove it from the TLS hosts"));
      }
    }
  }

  private static void rateLimit(List<Problem> out, RateLimit r) {
    if (r == null) {
      return;
    }
    SpecRules.range(out, "rateLimit.rate", r.rate(), 1, MAX_COUNT);
    if (r.burst().isPresent()) {
      SpecRules.range(out, "rateLimit.burst", r.burst().getAsInt(), 1, MAX_COUNT);
    }
  }

  private static void cors(List<Problem> out, Cors c) {
    if (c == null) {
      return;
    }
    if (c.origins().isEmpty()) {
      out.add(
          Problem.of(
              "cors.origins",
              "[]",
              "needs at least one origin",
              "list the origins, as in Cors.allowOrigins(\"https://app.example.com\")"));
    }
    for (int i = 0; i < c.origins().size(); i++) {
      SpecRules.origin(out, "cors.origins[" + i + "]", c.origins().get(i));
    }
    for (int i = 0; i < c.methods().size(); i++) {
      SpecRules.httpMethod(out, "cors.methods[" + i + "]", c.methods().get(i));
    }
    for (int i = 0; i < c.headers().size(); i++) {
      SpecRules.headerName(out, "cors.headers[" + i + "]", c.headers().get(i));
    }
    for (int i = 0; i < c.exposedHeaders().size(); i++) {
      SpecRules.headerName(out, "cors.exposedHeaders[" + i + "]", c.exposedHeaders().get(i));
    }
    if (c.credentials() && c.origins().contains("*")) {
      out.add(
          Problem.of(
              "cors.credentials",
              true,
              "cannot be combined with origin \"*\": browsers reject credentialed responses"
                  + " that allow every origin",
              "list the allowed origins, or turn credentials off"));
    }
    c.maxAge()
        .ifPresent(d -> SpecRules.wholeSeconds(out, "cors.maxAge", d, ONE_SECOND, MAX_CORS_AGE));
  }

  private static void backend(List<Problem> out, WebSocketApp.Builder b) {
    if (b.backendProtocol == null) {
      out.add(
          Problem.of("backendProtocol", null, "is required", "use BackendProtocol.HTTP or HTTPS"));
    }
    if (b.backendCaSecret != null
        && SpecRules.dnsSubdomain(out, "backendCaSecret", b.backendCaSecret)
        && b.backendProtocol != BackendProtocol.HTTPS) {
      out.add(
          Problem.of(
              "backendCaSecret",
              b.backendCaSecret,
              "applies only to an HTTPS backend",
              "add .backendProtocol(BackendProtocol.HTTPS) or remove the CA Secret"));
    }
  }

  private static void healthCheck(List<Problem> out, HealthCheck h) {
    if (h == null) {
      return;
    }
    SpecRules.path(out, "healthCheck.path", h.path());
    h.interval()
        .ifPresent(
            d ->
                SpecRules.wholeSeconds(
                    out, "healthCheck.interval", d, ONE_SECOND, MAX_CHECK_INTERVAL));
    if (h.rise().isPresent()) {
      SpecRules.range(out, "healthCheck.rise", h.rise().getAsInt(), 1, 100);
    }
    if (h.fall().isPresent()) {
      SpecRules.range(out, "healthCheck.fall", h.fall().getAsInt(), 1, 100);
    }
  }
}
