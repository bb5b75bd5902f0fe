package dev.wsingress.haproxy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsingress.Affinity;
import dev.wsingress.BackendProtocol;
import dev.wsingress.ClientIpAffinity;
import dev.wsingress.Cors;
import dev.wsingress.HealthCheck;
import dev.wsingress.Manifest;
import dev.wsingress.Manifests;
import dev.wsingress.RateLimit;
import dev.wsingress.Reading;
import dev.wsingress.ServedBackend;
import dev.wsingress.ServedRoute;
import dev.wsingress.ServedRoute.HostMatch;
import dev.wsingress.ServedRoute.PathMatch;
import dev.wsingress.Setting;
import dev.wsingress.Source;
import dev.wsingress.Tls;
import dev.wsingress.Version;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One served Ingress read as haproxytech applies it: a {@link ServedRoute} per host and path, with
 * the settings of the Ingress's frontend rules and of the backend section of each Service port,
 * each from where the controller takes it, and the rules that judge them.
 *
 * <h2>Where each setting comes from</h2>
 *
 * A key is looked up in the Service's annotations, then the Ingress's, then the controller
 * ConfigMap's, then the default (pkg/annotations/common/main.go {@code GetValue}, called with
 * {@code service, ingress, configmap} for backend keys by pkg/service/service.go and with {@code
 * ingress, configmap} for frontend keys by pkg/ingress/ingress.go {@code handleAnnotations}); the
 * first one found counts, even when the controller then refuses it (its parser's error leaves the
 * setting at the default). The defaults section (timeouts) is the ConfigMap's alone
 * (pkg/controller/global.go {@code defaultsCfg}), else pkg/haproxy/env/defaults.go {@code
 * SetDefaults}: tunnel 1h, connect 5s, server 50s. A Backend resource a {@code cr-backend} selects
 * replaces every backend annotation ({@link BackendResources}).
 *
 * <table>
 *   <caption>ServedRoute settings</caption>
 *   <tr><th>setting</th><th>from</th></tr>
 *   <tr><td>idle timeout</td><td>the Backend's {@code tunnel_timeout}, else ConfigMap {@code
 *       timeout-tunnel}, else 1h: HAProxy's {@code timeout tunnel} supersedes the client and
 *       server timeouts once a connection is upgraded (haproxy/haproxy v3.2.0
 *       doc/configuration.txt, "timeout tunnel")</td></tr>
 *   <tr><td>connect timeout</td><td>the Backend's {@code connect_timeout}, else ConfigMap {@code
 *       timeout-connect}, else 5s</td></tr>
 *   <tr><td>request timeout (plain routes)</td><td>{@code timeout-server}, HAProxy's server-side
 *       inactivity timeout, as the writer maps it; else the ConfigMap's, else 50s</td></tr>
 *   <tr><td>affinity</td><td>{@code cookie-persistence} (or {@code -no-dynamic}): a cookie
 *       without HttpOnly (pkg/annotations/service/cookie.go: insert indirect nocache);
 *       {@code load-balance: source}: client IP; {@code hdr(<name>)}: a header; or the Backend's
 *       {@code cookie} / {@code balance}</td></tr>
 *   <tr><td>TLS</td><td>the {@code tls} entry that lists the host, with the redirect in effect:
 *       {@code ssl-redirect}, else on for an Ingress with a {@code tls} section
 *       (pkg/annotations/ingress/httpsRedirect.go)</td></tr>
 *   <tr><td>backend protocol, CA</td><td>{@code server-ssl} and {@code server-ca}, or the
 *       Backend's {@code default_server.ssl}</td></tr>
 *   <tr><td>rate limit</td><td>{@code rate-limit-requests} per {@code rate-limit-period}
 *       (1s)</td></tr>
 *   <tr><td>CORS</td><td>{@code cors-*}, the origin regex turned back into origins</td></tr>
 *   <tr><td>rewrite</td><td>{@code path-rewrite} in the forms {@link
 *       RouteAnnotations#pathRewrite} writes</td></tr>
 *   <tr><td>health check</td><td>{@code check} (on by default) with {@code check-http} and
 *       {@code check-interval}, or the Backend's {@code httpchk_params} and {@code
 *       default_server}</td></tr>
 * </table>
 */
final class IngressReader {
  private static final String DEFAULTS =
      "haproxytech kubernetes-ingress v3.2.11 pkg/haproxy/env/defaults.go SetDefaults";
  private static final String UPGRADE =
      "haproxy/haproxy v3.2.0 doc/configuration.txt \"timeout tunnel\": HTTP connections are"
          + " upgraded to WebSocket";

  /** The backend annotations (pkg/annotations/annotations.go {@code Backend}, v3.2.11). */
  private static final Set<String> BACKEND_KEYS =
      Set.of(
          "abortonclose",
          "timeout-check",
          "timeout-server",
          "load-balance",
          "check",
          "check-interval",
          "cookie-persistence",
          "cookie-persistence-no-dynamic",
          "pod-maxconn",
          "send-proxy-protocol",
          "server-ssl",
          "server-crt",
          "server-ca",
          "server-proto",
          "check-http",
          "forwarded-for",
          "backend-config-snippet");

  private final Manifests in;
  private final Reading out;
  private final Version version;
  private final KeyChecks checks;
  private final Keys cm;
  private final ControllerConfig.Found config;
  private final Function<Manifest, Keys> services;
  private final Set<String> reported = new HashSet<>();
  private final Map<BackendResources.Resource, BackendResources.Read> resources = new HashMap<>();
  private final Map<Manifest, Boolean> resourcesRead = new IdentityHashMap<>();
  private final Map<String, Object[]> backendOwners = new HashMap<>();

  IngressReader(
      Manifests in,
      Reading out,
      Version version,
      KeyChecks checks,
      Keys cm,
      ControllerConfig.Found config,
      Function<Manifest, Keys> services) {
    this.in = in;
    this.out = out;
    this.version = version;
    this.checks = checks;
    this.cm = cm;
    this.config = config;
    this.services = services;
  }

  // --- lookups ---------------------------------------------------------------------------------

  /** The first of the objects that sets the key ({@code GetValue}'s order), or null. */
  static Keys.Value first(String name, Keys... layers) {
    for (Keys k : layers) {
      Keys.Value v = k.get(name);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  /**
   * {@code namespace/name} or {@code name}: pkg/annotations/common/main.go {@code GetK8sPath}; null
   * when the controller refuses it ({@code invalid format}).
   */
  static String[] k8sPath(String text) {
    String[] parts = text.split("/", -1);
    if (parts.length == 1 && !parts[0].isEmpty()) {
      return new String[] {"", parts[0]};
    }
    if (parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty()) {
      return parts;
    }
    return null;
  }

  /**
   * The marker that an Ingress wsingress rendered carries WebSocket routes: {@code load-balance}
   * (annotation mode) or {@code cr-backend} (Backend-resource mode), which {@link RouteAnnotations}
   * writes on the Ingresses of WebSocket routes only: plain routes get neither (and their Ingresses
   * say {@code wsingress.dev/websocket: "false"}).
   */
  static Keys.Value webSocketMarker(Keys ingress) {
    Keys.Value v = ingress.get(IngressAnnotations.LOAD_BALANCE.name());
    return v != null ? v : ingress.get(IngressAnnotations.CR_BACKEND.name());
  }

  private <T> Setting<T> setting(Keys.Value v, T value) {
    return v.at() != null && cm.object() != null && isConfigMap(v)
        ? Setting.controllerWide(value, v.at())
        : Setting.of(value, v.at());
  }

  private boolean isConfigMap(Keys.Value v) {
    for (Keys.Value c : cm.all()) {
      if (c == v) {
        return true;
      }
    }
    return false;
  }

  private void once(Manifest m, dev.wsingress.FindingKind kind, Source at, String message) {
    if (reported.add(m.subject() + "\n" + kind.code() + "\n" + at + "\n" + message)) {
      out.report(m, kind, at, message);
    }
  }

  private void notCarriedOnce(Manifest m, String what, Source at, String why) {
    if (reported.add("nc\n" + m.subject() + "\n" + what + "\n" + at)) {
      out.notCarried(m, what, at, why);
    }
  }

  // --- the defaults section ----------------------------------------------------------------------

  /** A timeout of the defaults section: the ConfigMap's, else the default; null when unknown. */
  private Setting<Duration> defaults(IngressAnnotations.Key<Duration> key, Duration fallback) {
    if (cm.has("cr-defaults")) {
      return null; // a Defaults resource replaces the ConfigMap's timeouts (global.go defaultsCfg)
    }
    Keys.Value v = cm.get(key.name());
    if (v != null) {
      try {
        return Setting.controllerWide(key.parse(v.text()), v.at());
      } catch (IllegalArgumentException e) {
        // reported by KeyChecks; env/defaults.go SetDefaults fills the default
      }
    }
    return Setting.byDefault(fallback, DEFAULTS + " (" + key.name() + ")");
  }

  // --- one Ingress -------------------------------------------------------------------------------

  /** What the Ingress's frontend rules do (its own keys, then the ConfigMap's). */
  private record Front(
      boolean redirect,
      boolean implied,
      Source redirectAt,
      int port,
      Keys.Value portValue,
      Setting<RateLimit> rate,
      Setting<Cors> cors,
      Keys.Value rewrite) {}

  void read(HaProxyReader.Claim c, HaProxy target) {
    Manifest ing = c.ing;
    Keys ik = c.keys;
    out.understood(ing);
    checks.check(ik, IngressAnnotations.On.INGRESS);
    Keys.Value cookie = ik.get(IngressAnnotations.COOKIE_PERSISTENCE.name());
    if (cookie != null) {
      once(
          ing,
          HaProxyFinding.COOKIE_ON_INGRESS,
          cookie.at(),
          cookie.key()
              + " on an Ingress: haproxytech 3.0 to 3.2 read it here (pkg/annotations/service/"
              + "cookie.go, through GetValue), and annotations.md at v3.2.11 calls this use"
              + " deprecated; it reaches the backend section of every Service this Ingress"
              + " routes to.");
    }
    Front f = front(ing, ik);
    boolean managed = c.appName != null;
    Keys.Value marker = managed ? webSocketMarker(ik) : null;
    JsonNode spec = ing.tree().path("spec");
    JsonNode rules = spec.path("rules");
    boolean characterPrefix = false;
    for (int r = 0; r < rules.size(); r++) {
      JsonNode rule = rules.get(r);
      String host = rule.path("host").asText("");
      JsonNode paths = rule.path("http").path("paths");
      for (int p = 0; p < paths.size(); p++) {
        String at = "/spec/rules/" + r + "/http/paths/" + p;
        ServedRoute route = route(c, target, f, host, paths.get(p), at, marker);
        if (route == null) {
          continue;
        }
        characterPrefix |= route.pathMatch() == PathMatch.CHARACTER_PREFIX;
        out.add(route);
        if (route.isWebSocket()) {
          webSocketRules(ing, route, f);
        }
      }
    }
    if (characterPrefix) {
      once(
          ing,
          HaProxyFinding.PATH_CHARACTER_PREFIX,
          ing.source("/spec/rules"),
          "haproxytech matches an ImplementationSpecific path as a prefix of characters"
              + " (pkg/route/route.go AddHostPathRoute: the path without its trailing / in"
              + " path-prefix.map, matched with map_beg), so /ws also matches /wsx.");
    }
    if (f.redirect()) {
      redirectPort(ing, f);
    }
  }

  private Front front(Manifest ing, Keys ik) {
    boolean tls = ing.tree().path("spec").path("tls").size() > 0;
    Keys.Value sr = first(IngressAnnotations.SSL_REDIRECT.name(), ik, cm);
    boolean redirect;
    Source redirectAt;
    if (sr != null) {
      boolean on;
      try {
        on = IngressAnnotations.SSL_REDIRECT.parse(sr.text());
      } catch (IllegalArgumentException e) {
        // httpsRedirect.go checks err instead of errBool: an invalid value turns it off.
        on = false;
      }
      redirect = on;
      redirectAt = sr.at();
    } else {
      redirect = tls;
      redirectAt = ing.source("/spec/tls");
    }
    Keys.Value pv = first(IngressAnnotations.SSL_REDIRECT_PORT.name(), ik, cm);
    int port = IngressAnnotations.SSL_REDIRECT_PORT.controllerDefault();
    if (pv != null) {
      try {
        port = IngressAnnotations.SSL_REDIRECT_PORT.parse(pv.text());
      } catch (IllegalArgumentException e) {
        port = 0; // strconv.Atoi failed: RedirectPort stays 0 (reqRequestRedirect.go)
      }
    }
    return new Front(
        redirect,
        sr == null,
        redirectAt,
        port,
        pv,
        rateLimit(ing, ik),
        cors(ing, ik),
        first(IngressAnnotations.PATH_REWRITE.name(), ik, cm));
  }

  private void redirectPort(Manifest ing, Front f) {
    if (f.portValue() == null) {
      once(
          ing,
          HaProxyFinding.REDIRECT_PORT,
          f.redirectAt(),
          "haproxytech redirects http:// requests of this Ingress to https:// "
              + (f.implied()
                  ? "(on by default for an Ingress with a tls section, "
                      + "pkg/annotations/ingress/httpsRedirect.go) "
                  : "")
              + "on port 8443, the default of ssl-redirect-port (pkg/annotations/common/main.go"
              + " DefaultValues; rules/reqRequestRedirect.go always writes the port): that is the"
              + " controller pod's port, not the 443 its Service offers"
              + (config == null ? " (no controller ConfigMap in the input sets another)" : "")
              + ".");
    } else if (f.port() != 443) {
      notCarriedOnce(
          ing,
          "the redirect port " + f.port() + " (" + f.portValue().key() + ")",
          f.portValue().at(),
          "wsingress redirects to https on port 443");
    }
  }

  // --- frontend settings ------------------------------------------------------------------------

  private Setting<RateLimit> rateLimit(Manifest ing, Keys ik) {
    Keys.Value requests = first(IngressAnnotations.RATE_LIMIT_REQUESTS.name(), ik, cm);
    if (requests == null) {
      return null;
    }
    int n;
    try {
      n = IngressAnnotations.RATE_LIMIT_REQUESTS.parse(requests.text());
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (n < 1) {
      return null;
    }
    Keys.Value period = first(IngressAnnotations.RATE_LIMIT_PERIOD.name(), ik, cm);
    Duration p = IngressAnnotations.RATE_LIMIT_PERIOD.controllerDefault();
    if (period != null) {
      try {
        p = IngressAnnotations.RATE_LIMIT_PERIOD.parse(period.text());
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    if (p.isZero() || p.isNegative()) {
      return null;
    }
    RateLimit limit;
    long ms = p.toMillis();
    if (ms == 1000) {
      limit = RateLimit.handshakesPerSecond(n);
    } else if (ms == 60_000) {
      limit = RateLimit.handshakesPerMinute(n);
    } else {
      long perMinute = Math.max(1, Math.round(n * 60_000.0 / ms));
      limit = RateLimit.handshakesPerMinute((int) Math.min(Integer.MAX_VALUE, perMinute));
      notCarriedOnce(
          ing,
          "the rate-limit-period " + period.text(),
          period.at(),
          "the spec counts per second or per minute, so "
              + perMinute
              + " per minute (the same average rate) is carried");
    }
    Keys.Value status = first(IngressAnnotations.RATE_LIMIT_STATUS_CODE.name(), ik, cm);
    String code = status == null ? "403" : status.text();
    if (!code.equals("429")) {
      notCarriedOnce(
          ing,
          "the rate limit's status code "
              + code
              + (status == null ? " (rate-limit-status-code unset: the default)" : ""),
          status == null ? requests.at() : status.at(),
          "wsingress's rate limit answers 429 Too Many Requests");
    }
    return setting(requests, limit);
  }

  private Setting<Cors> cors(Manifest ing, Keys ik) {
    Keys.Value enable = first(IngressAnnotations.CORS_ENABLE.name(), ik, cm);
    boolean on;
    try {
      on = enable != null && IngressAnnotations.CORS_ENABLE.parse(enable.text());
    } catch (IllegalArgumentException e) {
      on = false;
    }
    if (!on) {
      return null;
    }
    Keys.Value origin = first(IngressAnnotations.CORS_ALLOW_ORIGIN.name(), ik, cm);
    String regex = origin == null ? "*" : origin.text();
    List<String> origins = CorsOrigins.origins(regex);
    if (origin != null) {
      String matches = CorsOrigins.alsoMatches(regex);
      if (matches != null) {
        Manifest about = isConfigMap(origin) ? cm.object() : ing;
        once(
            about,
            HaProxyFinding.CORS_ORIGIN_UNANCHORED,
            origin.at(),
            origin.key()
                + ": \""
                + regex
                + "\" is a regular expression haproxytech matches anywhere in the Origin header"
                + " (pkg/annotations/ingress/resSetCORS.go: -m reg) and then reflects, so it also"
                + " matches "
                + matches
                + ".");
      }
    }
    if (origins == null) {
      notCarriedOnce(
          ing,
          "the CORS origin pattern " + origin.key() + ": \"" + regex + "\"",
          origin.at(),
          "the spec holds a list of origins, and this regular expression is not one");
      return null;
    }
    Cors cors = Cors.allowOrigins(origins.toArray(new String[0]));
    Keys.Value methods = first(IngressAnnotations.CORS_ALLOW_METHODS.name(), ik, cm);
    if (methods != null && !methods.text().trim().equals("*")) {
      cors = cors.allowMethods(split(methods.text()));
    }
    Keys.Value headers = first(IngressAnnotations.CORS_ALLOW_HEADERS.name(), ik, cm);
    if (headers != null && !headers.text().trim().equals("*")) {
      cors = cors.allowHeaders(split(headers.text()));
    }
    Keys.Value credentials = first(IngressAnnotations.CORS_ALLOW_CREDENTIALS.name(), ik, cm);
    if (credentials != null) {
      cors =
          cors.allowCredentials(
              IngressAnnotations.CORS_ALLOW_CREDENTIALS.parse(credentials.text()));
    }
    Keys.Value maxAge = first(IngressAnnotations.CORS_MAX_AGE.name(), ik, cm);
    if (maxAge != null) {
      try {
        cors = cors.maxAge(IngressAnnotations.CORS_MAX_AGE.parse(maxAge.text()));
      } catch (IllegalArgumentException e) {
        // refused: resSetCORS.go returns before it writes the header
      }
    }
    return setting(enable, cors);
  }

  private static String[] split(String list) {
    List<String> items = new ArrayList<>();
    for (String s : list.split(",")) {
      if (!s.isBlank()) {
        items.add(s.trim());
      }
    }
    return items.toArray(new String[0]);
  }

  // --- one path ---------------------------------------------------------------------------------

  private ServedRoute route(
      HaProxyReader.Claim c,
      HaProxy target,
      Front f,
      String host,
      JsonNode p,
      String at,
      Keys.Value marker) {
    Manifest ing = c.ing;
    String pathType = p.path("pathType").asText("");
    String path = p.path("path").asText("");
    PathMatch match;
    String served = path;
    switch (pathType) {
      case "Exact":
        if (path.isEmpty()) {
          return null;
        }
        match = PathMatch.EXACT;
        break;
      case "Prefix":
        match = PathMatch.PREFIX;
        served = path.isEmpty() ? "/" : path;
        break;
      case "ImplementationSpecific":
        if (path.isEmpty() || path.equals("/")) {
          match = PathMatch.PREFIX;
          served = "/";
        } else {
          match = PathMatch.CHARACTER_PREFIX;
          served = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        }
        break;
      default:
        return null; // route.go: "unknown path type"
    }
    JsonNode svc = p.path("backend").path("service");
    String name = svc.path("name").asText("");
    if (name.isEmpty()) {
      return null; // convert.go: "backend ... should have service but none found"
    }
    JsonNode port = svc.path("port");
    ServedBackend backend =
        port.path("number").isIntegralNumber()
            ? in.backend(ing.namespace(), name, port.path("number").asInt())
            : in.backend(ing.namespace(), name, port.path("name").asText(""));
    backend = backend.at(ing.source(at + "/backend/service"));
    Manifest service = backend.serviceObject().orElse(null);
    Keys sk = service == null ? Keys.none() : services.apply(service);
    Section s = section(c, sk, service, backend);
    ServedRoute.Builder b =
        ServedRoute.builder(target, ing, ing.source(at))
            .host(
                host,
                host.isEmpty()
                    ? HostMatch.ANY
                    : host.startsWith("*.") ? HostMatch.WILDCARD_ONE_LABEL : HostMatch.EXACT)
            .path(served, match)
            .backend(backend)
            .upgrade(Setting.byDefault(true, UPGRADE))
            .idleTimeout(s.tunnel)
            .connectTimeout(s.connect)
            .affinity(s.affinity)
            .backendProtocol(s.protocol)
            .backendCaSecret(s.ca)
            .healthCheck(s.health)
            .tls(tls(ing, host, f))
            .rateLimit(f.rate())
            .cors(f.cors());
    if (marker != null) {
      // WebSocket-only in the writer: see webSocketMarker.
      b.webSocketEvidence(
          "wsingress writes "
              + marker.key()
              + " only on the Ingresses of WebSocket routes ("
              + marker.at()
              + ")");
    }
    if (c.appName != null) {
      b.appName(c.appName);
    }
    if (s.usesService) {
      b.alsoFrom(service);
    }
    if (s.resource != null) {
      b.alsoFrom(s.resource.object());
    }
    if (f.rewrite() != null) {
      Setting<String> rewrite = rewrite(ing, f.rewrite(), served, match);
      if (rewrite != null) {
        b.rewrite(rewrite);
      }
    }
    ServedRoute route = b.build();
    servers.put(route, s.server);
    if (!route.isWebSocket() && s.server != null) {
      route = b.requestTimeout(s.server).build();
    } else if (route.isWebSocket()
        && s.server != null
        && s.server.origin() != Setting.Origin.DEFAULT
        && !isConfigMap(s.serverValue)) {
      notCarriedOnce(
          s.serverObject,
          "timeout-server " + KeyChecks.show(s.server.value()) + " on a WebSocket route",
          s.server.source().orElseThrow(),
          "the spec's WebSocket routes have no request timeout; their idle timeout is the tunnel"
              + " timeout");
    }
    return route;
  }

  private Setting<Tls> tls(Manifest ing, String host, Front f) {
    JsonNode list = ing.tree().path("spec").path("tls");
    for (int i = 0; i < list.size(); i++) {
      JsonNode t = list.get(i);
      List<String> hosts = new ArrayList<>();
      t.path("hosts").forEach(h -> hosts.add(h.asText()));
      if ((hosts.isEmpty() || hosts.contains(host)) && t.path("secretName").isTextual()) {
        Tls tls = Tls.secret(t.path("secretName").asText()).redirect(f.redirect());
        if (!hosts.isEmpty()) {
          tls = tls.hosts(hosts.toArray(new String[0]));
        }
        return Setting.of(tls, ing.source("/spec/tls/" + i));
      }
    }
    return null;
  }

  /** The route's prefix rewrite, if the path-rewrite is one the spec can hold. */
  private Setting<String> rewrite(Manifest ing, Keys.Value v, String path, PathMatch match) {
    String to = match == PathMatch.PREFIX ? PathRewrites.prefix(v.text(), path) : null;
    if (to == null) {
      notCarriedOnce(
          ing,
          "the path rewrite " + v.key() + ": \"" + v.text() + "\" of " + path,
          v.at(),
          "the spec rewrites a Prefix path's matched prefix and keeps the rest, and this"
              + " replace-path is not such a rewrite; the converted route does not rewrite");
      return null;
    }
    return setting(v, to);
  }

  // --- the backend section ----------------------------------------------------------------------

  /** The settings of the backend section one path's Service port gets. */
  private static final class Section {
    Setting<Duration> tunnel;
    Setting<Duration> connect;
    Setting<Duration> server;
    Keys.Value serverValue;
    Manifest serverObject;
    Setting<Affinity> affinity;
    Setting<HealthCheck> health;
    Setting<BackendProtocol> protocol;
    Setting<String> ca;
    BackendResources.Resource resource;
    boolean usesService;
    Keys.Value balance;
  }

  private Section section(HaProxyReader.Claim c, Keys sk, Manifest service, ServedBackend backend) {
    Manifest ing = c.ing;
    Keys ik = c.keys;
    Section s = new Section();
    s.usesService = !sk.isEmpty();
    Keys.Value crValue = first(IngressAnnotations.CR_BACKEND.name(), sk, ik, cm);
    if (crValue != null) {
      String[] ref = k8sPath(crValue.text());
      if (ref != null) {
        String ns = ref[0].isEmpty() ? ing.namespace() : ref[0];
        BackendResources.Resource r = BackendResources.find(in, ns, ref[1], version);
        if (r == null) {
          once(
              owner(crValue, sk, ik),
              HaProxyFinding.BACKEND_RESOURCE_MISSING,
              crValue.at(),
              crValue.key()
                  + " selects the Backend "
                  + ns
                  + "/"
                  + ref[1]
                  + ", which is not in the input; if it exists, its settings replace the backend"
                  + " annotations of "
                  + backend.describe()
                  + ", so wsingress does not judge them.");
          return s;
        }
        s.resource = r;
        return resourceSection(s, r, crValue, sk, ik);
      }
    }
    s.tunnel = defaults(IngressAnnotations.TIMEOUT_TUNNEL, Duration.ofHours(1));
    s.connect = defaults(IngressAnnotations.TIMEOUT_CONNECT, Duration.ofSeconds(5));
    Keys.Value server = first(IngressAnnotations.TIMEOUT_SERVER.name(), sk, ik, cm);
    s.server = defaults(IngressAnnotations.TIMEOUT_SERVER, Duration.ofSeconds(50));
    if (server != null) {
      try {
        s.server = setting(server, IngressAnnotations.TIMEOUT_SERVER.parse(server.text()));
        s.serverValue = server;
        s.serverObject = owner(server, sk, ik);
      } catch (IllegalArgumentException e) {
        // refused: the backend keeps the defaults section's
      }
    }
    s.affinity = affinity(c, sk, ik, s);
    Keys.Value check = first(IngressAnnotations.CHECK.name(), sk, ik, cm);
    boolean checks = true;
    if (check != null) {
      try {
        checks = IngressAnnotations.CHECK.parse(check.text());
      } catch (IllegalArgumentException e) {
        checks = true; // check.go returns the error before it changes the default server
      }
    }
    Keys.Value http = first(IngressAnnotations.CHECK_HTTP.name(), sk, ik, cm);
    if (checks && http != null && !http.text().isBlank()) {
      String[] words = http.text().trim().split("\\s+");
      String uri = words.length == 1 ? words[0] : words[1];
      HealthCheck h = HealthCheck.http(uri);
      if (words.length > 1 && !words[0].equals("GET") || words.length > 2) {
        notCarriedOnce(
            owner(http, sk, ik),
            "the check method or HTTP version of " + http.key() + ": \"" + http.text() + "\"",
            http.at(),
            "the spec's health check is a GET of a path");
      }
      Keys.Value inter = first(IngressAnnotations.CHECK_INTERVAL.name(), sk, ik, cm);
      if (inter != null) {
        try {
          h = h.interval(IngressAnnotations.CHECK_INTERVAL.parse(inter.text()));
        } catch (IllegalArgumentException e) {
          // refused: HAProxy's default interval
        }
      }
      s.health = setting(http, h);
    }
    backendTls(c, sk, ik, s, backend);
    recordBackend(c, sk, backend);
    return s;
  }

  /** The object that carries the value: the Service, the Ingress or the ConfigMap. */
  private Manifest owner(Keys.Value v, Keys sk, Keys ik) {
    if (sk.get(v.name()) == v) {
      return sk.object();
    }
    if (ik.get(v.name()) == v) {
      return ik.object();
    }
    return cm.object();
  }

  private Section resourceSection(
      Section s, BackendResources.Resource r, Keys.Value crValue, Keys sk, Keys ik) {
    BackendResources.Read read = resources.get(r);
    if (read == null) {
      read = BackendResources.read(r, out);
      resources.put(r, read);
    }
    if (resourcesRead.put(r.object(), Boolean.TRUE) == null) {
      out.understood(r.object());
      if (r.v1() && version.isAtLeast(IngressAnnotations.PREFIXES_ONLY)) {
        out.report(
            r.object(),
            HaProxyFinding.BACKEND_V1_DEPRECATED,
            r.object().source(),
            "haproxytech "
                + version
                + " reads "
                + r.subject()
                + " of ingress.v1.haproxy.org/v1 as deprecated (pkg/k8s/crs-deprecated-v1.go"
                + " logs \"DEPRECATED, please upgrade\").");
      }
    }
    s.tunnel =
        read.tunnel() != null
            ? read.tunnel()
            : defaults(IngressAnnotations.TIMEOUT_TUNNEL, Duration.ofHours(1));
    s.connect =
        read.connect() != null
            ? read.connect()
            : defaults(IngressAnnotations.TIMEOUT_CONNECT, Duration.ofSeconds(5));
    s.server =
        read.server() != null
            ? read.server()
            : defaults(IngressAnnotations.TIMEOUT_SERVER, Duration.ofSeconds(50));
    s.affinity = read.affinity();
    s.health = read.health();
    s.protocol =
        read.protocol() != null
            ? read.protocol()
            : Setting.byDefault(BackendProtocol.HTTP, "haproxytech: server-ssl \"false\"");
    // The annotations the resource replaces, where cr-backend is set beside them.
    Keys holder = sk.get(crValue.name()) == crValue ? sk : ik;
    for (Keys.Value v : holder.all()) {
      if (BACKEND_KEYS.contains(v.name()) && IngressAnnotations.isControllerKey(v.key())) {
        once(
            holder.object(),
            HaProxyFinding.ANNOTATIONS_IGNORED_BY_CR,
            v.at(),
            v.key()
                + " is ignored: "
                + crValue.key()
                + " selects "
                + r.subject()
                + ", and where a Backend resource exists the controller builds the backend from"
                + " it alone (pkg/service/service.go getBackendModel).");
      }
    }
    return s;
  }

  private Setting<Affinity> affinity(HaProxyReader.Claim c, Keys sk, Keys ik, Section s) {
    Keys.Value balance = balance(sk, ik);
    s.balance = balance;
    Keys.Value cookie = first(IngressAnnotations.COOKIE_PERSISTENCE.name(), sk, ik, cm);
    Keys.Value noDynamic =
        version.isAtLeast(Version.of(3, 1))
            ? first(IngressAnnotations.COOKIE_PERSISTENCE_NO_DYNAMIC.name(), sk, ik, cm)
            : null;
    if (cookie != null
        && noDynamic != null
        && !cookie.text().isBlank()
        && !noDynamic.text().isBlank()) {
      once(
          owner(noDynamic, sk, ik),
          HaProxyFinding.VALUE_INVALID,
          noDynamic.at(),
          "cookie-persistence and cookie-persistence-no-dynamic are both set for this backend:"
              + " haproxytech refuses the pair (pkg/annotations/service/cookie.go: \"cannot use"
              + " both\") and sets no cookie.");
      return null;
    }
    Keys.Value named = cookie != null && !cookie.text().isBlank() ? cookie : noDynamic;
    if (named != null && !named.text().isBlank()) {
      String[] words = named.text().trim().split("\\s+");
      if (words.length > 1) {
        once(
            owner(named, sk, ik),
            HaProxyFinding.VALUE_INVALID,
            named.at(),
            named.key()
                + ": \""
                + named.text()
                + "\" is a cookie name: haproxytech takes the first word, "
                + words[0]
                + ", and writes \"cookie "
                + words[0]
                + " insert indirect nocache\" (pkg/annotations/service/cookie.go), so the other"
                + " words do nothing.");
      }
      s.usesService |= sk.get(named.name()) == named;
      // cookie.go: insert, indirect, nocache, (dynamic): no HttpOnly, Secure or other attribute.
      return setting(named, Affinity.cookie(words[0]).httpOnly(false));
    }
    if (balance == null) {
      return null;
    }
    String text = balance.text().trim();
    Matcher hdr = HDR.matcher(text);
    if (text.equals("source")) {
      return setting(balance, Affinity.clientIp());
    }
    if (hdr.matches()) {
      return setting(balance, Affinity.header(hdr.group(1)));
    }
    if (HASHES.contains(text.split("[\\s(]", 2)[0])) {
      notCarriedOnce(
          owner(balance, sk, ik),
          balance.key() + ": " + text,
          balance.at(),
          "the spec's sticky sessions are by cookie, client IP (source) or header (hdr)");
    }
    return null;
  }

  /** The load-balance key in effect, or null when there is none or the controller refuses it. */
  private Keys.Value balance(Keys sk, Keys ik) {
    Keys.Value balance = first(IngressAnnotations.LOAD_BALANCE.name(), sk, ik, cm);
    if (balance == null) {
      return null;
    }
    String text = balance.text().trim();
    if (!BALANCE.contains(text.split("[\\s(]", 2)[0])) {
      once(
          owner(balance, sk, ik),
          HaProxyFinding.VALUE_INVALID,
          balance.at(),
          balance.key()
              + ": \""
              + text
              + "\" is not an algorithm haproxytech accepts"
              + " (pkg/annotations/service/loadbalance.go validates it with client-native's"
              + " Balance model: "
              + String.join(", ", new java.util.TreeSet<>(BALANCE))
              + "); the controller refuses it and keeps roundrobin.");
      return null;
    }
    return balance;
  }

  private static final Pattern HDR =
      Pattern.compile("hdr\\(\\s*([A-Za-z0-9_.!#$%&'*+^`|~-]+)\\s*\\)");

  /**
   * The algorithms pkg/annotations/service/loadbalance.go accepts: it validates the parsed value
   * with client-native's Balance model, whose enum the CRDs carry (crs/definition/
   * ingress.v3.haproxy.org_backends.yaml v3.2.11 and ingress.v1.haproxy.org_backends.yaml v3.0.0,
   * {@code balance.algorithm}). HAProxy's {@code log-hash} and {@code sticky} (log backends only,
   * haproxy/haproxy v3.2.0 doc/configuration.txt "balance") are not among them.
   */
  private static final Set<String> BALANCE =
      Set.of(
          "roundrobin",
          "static-rr",
          "leastconn",
          "first",
          "hash",
          "source",
          "uri",
          "url_param",
          "hdr",
          "random",
          "rdp-cookie");

  /** The algorithms that pin clients by something else than the spec's affinities. */
  private static final Set<String> HASHES = Set.of("hash", "uri", "url_param", "rdp-cookie");

  private void backendTls(
      HaProxyReader.Claim c, Keys sk, Keys ik, Section s, ServedBackend backend) {
    Manifest ing = c.ing;
    Keys.Value ssl = first(IngressAnnotations.SERVER_SSL.name(), sk, ik, cm);
    boolean sslOn = false;
    if (ssl != null) {
      try {
        sslOn = IngressAnnotations.SERVER_SSL.parse(ssl.text());
      } catch (IllegalArgumentException e) {
        sslOn = false; // ssl.go returns the error: no TLS
      }
    }
    Keys.Value ca = first(IngressAnnotations.SERVER_CA.name(), sk, ik, cm);
    boolean verified = false;
    if (ca != null) {
      String[] ref = k8sPath(ca.text());
      Manifest about = owner(ca, sk, ik);
      if (ref == null) {
        // GetK8sPath refuses it; ca.go returns the error.
      } else if (ref[0].isEmpty()) {
        once(
            about,
            HaProxyFinding.VALUE_INVALID,
            ca.at(),
            ca.key()
                + ": \""
                + ca.text()
                + "\" has no namespace: pkg/annotations/service/ca.go looks the Secret up in"
                + " namespace \"\" (common.GetK8sPath leaves it empty and store.GetSecret finds no"
                + " such namespace), so no CA is used and "
                + (sslOn ? "server-ssl's verify none stays." : "TLS to the backend stays off."));
      } else {
        Manifest secret = in.find("", "Secret", ref[0], ref[1]).orElse(null);
        if (secret != null) {
          out.understood(secret);
        }
        boolean hasCrt =
            secret == null
                || secret.tree().path("data").has("tls.crt")
                || secret.tree().path("stringData").has("tls.crt");
        if (!hasCrt) {
          once(
              about,
              HaProxyFinding.SERVER_CA_MISSING_CRT,
              ca.at(),
              ca.key()
                  + " names Secret "
                  + ref[0]
                  + "/"
                  + ref[1]
                  + ", which has no tls.crt: haproxytech reads a CA from tls.crt only"
                  + " (pkg/haproxy/certs/main.go writeSecret: \"certificate missing\"), so ca.go"
                  + " sets no CA file and "
                  + (sslOn
                      ? "server-ssl's \"verify none\" stays (pkg/annotations/service/ssl.go): the"
                          + " backend's certificate is not verified."
                      : "TLS to the backend stays off: plain HTTP reaches an HTTPS port."));
        } else {
          verified = true;
          if (ref[0].equals(ing.namespace()) || ing.namespace().isEmpty()) {
            s.ca = setting(ca, ref[1]);
          } else {
            notCarriedOnce(
                about,
                "the CA Secret " + ref[0] + "/" + ref[1] + " (" + ca.key() + ")",
                ca.at(),
                "the spec's backend CA Secret is in the app's namespace");
          }
        }
      }
    }
    if (verified || sslOn) {
      s.protocol = setting(verified ? ca : ssl, BackendProtocol.HTTPS);
    } else if (ssl != null) {
      s.protocol = setting(ssl, BackendProtocol.HTTP);
    } else {
      s.protocol =
          Setting.byDefault(
              BackendProtocol.HTTP,
              "haproxytech kubernetes-ingress v3.2.11 pkg/annotations/common/main.go DefaultValues"
                  + " (server-ssl \"false\")");
    }
  }

  // --- rules about WebSocket routes ------------------------------------------------------------

  private void webSocketRules(Manifest ing, ServedRoute route, Front f) {
    Setting<Duration> tunnel = route.idleTimeout().orElse(null);
    String where = (route.host().isEmpty() ? "*" : route.host()) + route.path();
    if (tunnel != null
        && !tunnel.value().isZero()
        && tunnel.value().compareTo(ServedRoute.RAISED_TIMEOUT) < 0) {
      once(
          ing,
          HaProxyFinding.TUNNEL_TIMEOUT_SHORT,
          tunnel.source().orElse(route.source()),
          "the WebSocket route "
              + where
              + " closes an upgraded connection after "
              + KeyChecks.show(tunnel.value())
              + " without traffic: its tunnel timeout is "
              + tunnel.describe()
              + (tunnel.origin() == Setting.Origin.ROUTE
                  ? ", an integer number of milliseconds in a Backend resource"
                  : "")
              + ".");
    }
    Setting<Duration> server = route.requestTimeout().orElse(null);
    if (server == null) {
      server = serverOf(route);
    }
    if (server != null
        && tunnel != null
        && server.origin() != Setting.Origin.DEFAULT
        && server.value().compareTo(ServedRoute.RAISED_TIMEOUT) >= 0
        && server.value().compareTo(tunnel.value()) > 0) {
      once(
          ing,
          HaProxyFinding.SERVER_TIMEOUT_NOT_IDLE,
          server.source().orElseThrow(),
          "timeout-server "
              + KeyChecks.show(server.value())
              + " does not keep the WebSocket route "
              + where
              + " open that long: once upgraded, HAProxy's tunnel timeout supersedes the client"
              + " and server timeouts (haproxy/haproxy v3.2.0 doc/configuration.txt \"timeout"
              + " tunnel\"), and it is "
              + tunnel.describe()
              + ".");
    }
    if (route.rateLimit().isPresent()) {
      Setting<RateLimit> r = route.rateLimit().get();
      once(
          r.origin() == Setting.Origin.CONTROLLER ? cm.object() : ing,
          HaProxyFinding.RATE_LIMIT,
          r.source().orElseThrow(),
          "rate-limit-requests counts the requests of each source address in a stick table of"
              + " each controller pod (pkg/annotations/ingress/reqRateLimit.go; the peers section"
              + " localinstance holds the pod alone, pkg/controller/controller.go Start), so with"
              + " N pods a client gets up to N times the limit, and for a WebSocket it counts the"
              + " handshakes only.");
    }
    boolean source = route.affinity().map(a -> a.value() instanceof ClientIpAffinity).orElse(false);
    if ((source || route.rateLimit().isPresent()) && !cm.has("proxy-protocol")) {
      Source at =
          source
              ? route.affinity().get().source().orElse(route.source())
              : route.rateLimit().get().source().orElse(route.source());
      once(
          ing,
          HaProxyFinding.CLIENT_ADDRESS,
          at,
          (source && route.rateLimit().isPresent()
                  ? "load-balance: source hashes, and rate-limit-requests counts per,"
                  : source ? "load-balance: source hashes" : "rate-limit-requests counts per")
              + " the source address of the connection HAProxy receives; "
              + (config == null
                  ? "no controller ConfigMap in the input"
                  : config.object().subject() + " does not")
              + " set proxy-protocol, so behind a load balancer that does not pass the client's"
              + " address on every client looks alike.");
    }
  }

  /**
   * The port part of the backend section's name: the Service port's name when it has one, else its
   * number, whichever the Ingress names it by (pkg/service/service.go GetBackendName, v3.0.0 to
   * v3.2.11); as the Ingress names it when the Service is not in the input.
   */
  static String backendPort(ServedBackend backend) {
    JsonNode p = backend.servicePort().orElse(null);
    if (p != null) {
      String name = p.path("name").asText("");
      return name.isEmpty() ? p.path("port").asText("") : name;
    }
    return backend.port().isPresent()
        ? String.valueOf(backend.port().getAsInt())
        : backend.portName().orElse("");
  }

  private final Map<ServedRoute, Setting<Duration>> servers = new IdentityHashMap<>();

  private Setting<Duration> serverOf(ServedRoute route) {
    return servers.get(route);
  }

  // --- backend sections shared by several Ingresses ---------------------------------------------

  /**
   * Remembers the backend annotations one Ingress gives a Service port: every Ingress that routes
   * there shares one backend section (pkg/service/service.go GetBackendName), and the last one the
   * controller processes sets it, unless the Ingress or the Service says standalone-backend.
   */
  private void recordBackend(HaProxyReader.Claim c, Keys sk, ServedBackend backend) {
    Keys ik = c.keys;
    // pkg/service/service.go New (v3.0.0 to v3.2.11): standalone when the Service's, the
    // Ingress's or the ConfigMap's standalone-backend is exactly "true", whatever the others say.
    for (Keys k : new Keys[] {sk, ik, cm}) {
      Keys.Value standalone = k.get(IngressAnnotations.STANDALONE_BACKEND.name());
      if (standalone != null && standalone.text().equals("true")) {
        return;
      }
    }
    Map<String, String> mine = new TreeMap<>();
    for (Keys.Value v : ik.all()) {
      if (BACKEND_KEYS.contains(v.name()) && IngressAnnotations.isControllerKey(v.key())) {
        mine.put(v.name(), v.text());
      }
    }
    String key = backend.service() + ":" + backendPort(backend) + "@" + c.ing.namespace();
    Object[] first = backendOwners.putIfAbsent(key, new Object[] {c.ing, mine});
    if (first == null || first[0] == c.ing || first[1].equals(mine)) {
      return;
    }
    Manifest other = (Manifest) first[0];
    once(
        c.ing,
        HaProxyFinding.BACKEND_SHARED,
        c.ing.source("/metadata/annotations"),
        "this Ingress and "
            + other.subject()
            + " route to "
            + backend.describe()
            + " with other backend annotations ("
            + mine
            + " and "
            + first[1]
            + "), and haproxytech gives a Service port one backend section for every Ingress"
            + " (pkg/service/service.go GetBackendName): whichever Ingress it processes last sets"
            + " it for both.");
  }
}
