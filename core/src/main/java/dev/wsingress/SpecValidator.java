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
    workload(out, b.workload, b.servicePort);
    return out;
  }

  private static final java.util.regex.Pattern QUANTITY =
      java.util.regex.Pattern.compile("[0-9]+(\\.[0-9]+)?(m|k|Ki|M|Mi|G|Gi|T|Ti)?");
  private static final java.util.regex.Pattern ENV_NAME =
      java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final java.util.regex.Pattern IMAGE =
      java.util.regex.Pattern.compile("[a-z0-9]([a-z0-9._/:@-]*[a-zA-Z0-9_])?");
  private static final java.util.regex.Pattern EMAIL =
      java.util.regex.Pattern.compile("[A-Za-z0-9._%+-]+@[a-z0-9]([a-z0-9.-]*[a-z0-9])?");

  private static void workload(List<Problem> out, Workload w, Integer servicePort) {
    if (w == null) {
      return;
    }
    if (SpecRules.required(
            out,
            "workload.image",
            w.image(),
            "give an image such as \"registry.example.com/chat:1.4\"")
        && (w.image().length() > 255 || !IMAGE.matcher(w.image()).matches())) {
      out.add(
          Problem.of(
              "workload.image",
              w.image(),
              "must be an image reference: lower-case registry/path, then :tag or @digest, no"
                  + " whitespace or quotes, at most 255 characters",
              "write it like \"registry.example.com/team/chat:1.4.2\""));
    }
    SpecRules.range(out, "workload.replicas", w.replicas(), 1, 1000);
    if (w.containerPort().isPresent()) {
      SpecRules.port(out, "workload.containerPort", w.containerPort().getAsInt());
    }
    if (w.metricsPort().isPresent()
        && SpecRules.port(out, "workload.metricsPort", w.metricsPort().getAsInt())) {
      // The metrics port is a second Service and container port: the API server refuses a Service
      // with two equal ports (core/v1 validation: spec.ports "Duplicate value").
      int metrics = w.metricsPort().getAsInt();
      Integer app =
          w.containerPort().isPresent()
              ? Integer.valueOf(w.containerPort().getAsInt())
              : servicePort;
      String clash =
          app != null && metrics == app
              ? (w.containerPort().isPresent() ? "the container port" : "the Service port")
              : servicePort != null && metrics == servicePort ? "the Service port" : null;
      if (clash != null) {
        out.add(
            Problem.of(
                "workload.metricsPort",
                metrics,
                "must differ from " + clash + " " + metrics,
                "serve /metrics on a port of its own, or leave metricsPort out"));
      }
    }
    for (Map.Entry<String, String> e : w.env().entrySet()) {
      String field = "workload.env[" + show(e.getKey()) + "]";
      if (e.getKey() == null || !ENV_NAME.matcher(e.getKey()).matches()) {
        out.add(
            Problem.of(
                field,
                e.getKey(),
                "must be an environment variable name: letters, digits and '_', not starting"
                    + " with a digit",
                "use a name like \"MAX_CONNECTIONS\""));
      }
      if (SpecRules.safeText(out, field, e.getValue(), "", false, 4096)
          && (e.getValue().contains("$(") || e.getValue().contains("$$"))) {
        // k8s core/v1 EnvVar.value: "Variable references $(VAR_NAME) are expanded using the
        // previously defined environment variables ... Double $$ are reduced to a single $".
        out.add(
            Problem.of(
                field,
                e.getValue(),
                "must not contain \"$(\" or \"$$\": the kubelet expands $(NAME) references and"
                    + " turns $$ into $ in environment values, so the pod would see other text",
                "remove them, or set the variable in the image instead"));
      }
    }
    if (w.maxConnections().isPresent()) {
      SpecRules.range(out, "workload.maxConnections", w.maxConnections().getAsInt(), 1, 10_000_000);
    }
    w.pingInterval()
        .ifPresent(
            d ->
                SpecRules.wholeSeconds(
                    out, "workload.pingInterval", d, ONE_SECOND, Duration.ofHours(1)));
    String[] names = {"cpuRequest", "memoryRequest", "cpuLimit", "memoryLimit"};
    for (int i = 0; i < w.resources().size() && i < names.length; i++) {
      String q = w.resources().get(i);
      if (q == null || !QUANTITY.matcher(q).matches()) {
        out.add(
            Problem.of(
                "workload.resources." + names[i],
                q,
                "must be a Kubernetes quantity such as 250m or 512Mi",
                "write CPU in cores or millicores and memory with Mi or Gi"));
      }
    }
    SpecRules.wholeSeconds(
        out, "workload.drainTime", w.drainTime(), ONE_SECOND, Duration.ofHours(1));
    if (w.minReplicas().isPresent()) {
      int min = w.minReplicas().getAsInt();
      int max = w.maxReplicas().orElse(min);
      if (SpecRules.range(out, "workload.autoscale.min", min, 1, 1000)
          && SpecRules.range(out, "workload.autoscale.max", max, 1, 1000)
          && max < min) {
        out.add(
            Problem.of(
                "workload.autoscale.max",
                max,
                "must not be below the minimum " + min,
                "give a maximum of at least " + min));
      }
    }
    if (w.connectionsPerPod().isPresent()) {
      SpecRules.range(
          out, "workload.connectionsPerPod", w.connectionsPerPod().getAsInt(), 1, 10_000_000);
      if (w.minReplicas().isEmpty()) {
        out.add(
            Problem.of(
                "workload.connectionsPerPod",
                w.connectionsPerPod().getAsInt(),
                "is an autoscaling target and needs autoscaling",
                "add .autoscale(min, max)"));
      }
    }
    for (int i = 0; i < w.egress().size(); i++) {
      Workload.Egress e = w.egress().get(i);
      String field = "workload.egress[" + i + "]";
      if (e.namespace() == null && e.labelKey() == null && e.labelValue() == null) {
        // egressToNamespace(null, p) and egressTo(null, null, p) give the same value.
        out.add(
            Problem.of(
                field,
                null,
                "names neither a namespace nor a pod label",
                "give egressToNamespace(namespace, port) a namespace, or egressTo(key, value, port)"
                    + " a label"));
      } else if (e.namespace() != null) {
        SpecRules.dnsLabel(out, field + ".namespace", e.namespace(), 63);
      } else {
        SpecRules.labelKey(out, field + ".labelKey", e.labelKey());
        SpecRules.labelValue(out, field + ".labelValue", e.labelValue());
      }
      SpecRules.port(out, field + ".port", e.port());
    }
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

  static final Duration MAX_REQUEST_TIMEOUT = Duration.ofDays(1);

  private static void routes(List<Problem> out, List<Route> routes) {
    Set<String> seen = new HashSet<>();
    boolean anyWebSocket = routes.isEmpty();
    for (int i = 0; i < routes.size(); i++) {
      Route r = routes.get(i);
      String at = "routes[" + i + "]";
      if (r == null) {
        out.add(
            Problem.of(
                at,
                null,
                "is required",
                "pass a route such as Route.http(\"/api\").to(\"api\", 80)"));
        continue;
      }
      // Every route is served on every host of the app, so a path may appear once per match.
      if (SpecRules.path(out, at + ".path", r.path()) && !seen.add(r.match() + " " + r.path())) {
        out.add(
            Problem.of(
                at + ".path",
                r.path(),
                "must not repeat another route's path with the same match on the app's hosts",
                "remove the duplicate, or give one of them an exact match"));
      }
      if (r.match() == null || r.kind() == null) {
        out.add(
            Problem.of(
                at,
                null,
                "has no match or kind",
                "start it with Route.websocket(...) or Route.http(...)"));
        continue;
      }
      anyWebSocket |= r.isWebSocket();
      if (r.backend().isPresent()) {
        RouteBackend b = r.backend().get();
        SpecRules.dns1035Label(out, at + ".backend.service", b.serviceName());
        if (b.port().isPresent()) {
          SpecRules.port(out, at + ".backend.port", b.port().getAsInt());
        } else {
          SpecRules.portName(out, at + ".backend.portName", b.portName().orElse(null));
        }
      }
      if (r.rewrite().isPresent()) {
        if (r.match() == Route.Match.EXACT) {
          out.add(
              Problem.of(
                  at + ".rewriteTo",
                  r.rewrite().get(),
                  "replaces a matched prefix, and an exact route has no prefix to replace",
                  "make the route a prefix route, or drop the rewrite"));
        } else if (SpecRules.path(out, at + ".rewriteTo", r.rewrite().get())
            && r.rewrite().get().equals(r.path())) {
          out.add(
              Problem.of(
                  at + ".rewriteTo",
                  r.rewrite().get(),
                  "must differ from the route's path (it would change nothing)",
                  "drop the rewrite"));
        }
      }
      if (r.requestTimeout().isPresent()) {
        if (r.isWebSocket()) {
          out.add(
              Problem.of(
                  at + ".requestTimeout",
                  r.requestTimeout().get(),
                  "is a deadline for the whole exchange, which would cut open WebSockets",
                  "use the app's .timeout(...) (an idle timeout) for WebSocket routes"));
        } else {
          SpecRules.wholeSeconds(
              out,
              at + ".requestTimeout",
              r.requestTimeout().get(),
              ONE_SECOND,
              MAX_REQUEST_TIMEOUT);
        }
      }
      if (r.buffering().isPresent() && r.isWebSocket()) {
        out.add(
            Problem.of(
                at + ".buffering",
                r.buffering().get(),
                "applies to plain HTTP routes; WebSocket routes use the app's buffering settings",
                "use .responseBuffering(...) / .requestBuffering(...) on the app"));
      }
    }
    if (!anyWebSocket) {
      out.add(
          Problem.of(
              "routes",
              null,
              "has no WebSocket route: every route is plain HTTP",
              "add one with .path(\"/ws\") or .route(Route.websocket(\"/ws\"))"));
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
    issuer(out, b);
    List<String> hosts = b.tls.hosts();
    for (int i = 0; i < hosts.size(); i++) {
      String field = "tls.hosts[" + i + "]";
      String host = hosts.get(i);
      if (SpecRules.hostname(out, field, host) && !b.hosts.contains(host)) {
        out.add(
            Problem.of(
                field,
                host,
                "must be one of the app's hosts " + showAll(b.hosts),
                "add it with .alsoOn(" + show(host) + ") or remove it from the TLS hosts"));
      }
    }
  }

  /** A list in a message: each value escaped and cut by {@link SpecRules#show}, five at most. */
  static String showAll(List<?> values) {
    StringBuilder s = new StringBuilder("[");
    for (int i = 0; i < values.size() && i < 5; i++) {
      s.append(i == 0 ? "" : ", ").append(show(values.get(i)));
    }
    if (values.size() > 5) {
      s.append(", ... (").append(values.size()).append(" in all)");
    }
    return s.append(']').toString();
  }

  private static void issuer(List<Problem> out, WebSocketApp.Builder b) {
    AcmeIssuer i = b.tls.issuer().orElse(null);
    if (i == null) {
      return;
    }
    SpecRules.dnsSubdomain(out, "tls.issuer.name", i.name());
    if (SpecRules.required(out, "tls.issuer.email", i.email(), "give the ACME account e-mail")
        && (i.email().length() > 254 || !EMAIL.matcher(i.email()).matches())) {
      out.add(
          Problem.of(
              "tls.issuer.email",
              i.email(),
              "must be an e-mail address of at most 254 characters",
              "write it like \"ops@example.com\""));
    }
    if (i.http01IngressClass() == null || i.http01IngressClass().isEmpty()) {
      out.add(
          Problem.of(
              "tls.issuer.http01",
              i.http01IngressClass(),
              "needs the IngressClass that serves HTTP-01 challenges",
              "add .http01(\"nginx\") (the class of your ingress controller)"));
    } else if (SpecRules.dnsSubdomain(out, "tls.issuer.http01", i.http01IngressClass())) {
      List<String> hosts = b.tls.hosts().isEmpty() ? b.hosts : b.tls.hosts();
      for (String host : hosts) {
        if (host != null && host.startsWith("*.")) {
          out.add(
              Problem.of(
                  "tls.issuer.http01",
                  host,
                  "cannot issue a wildcard name: ACME HTTP-01 challenges prove control of one"
                      + " host, so wildcards need DNS-01",
                  "list the hosts without the wildcard in Tls.secret(...).hosts(...), or create"
                      + " a DNS-01 issuer yourself and leave issuedBy out"));
          break;
        }
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
