package dev.wsingress.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsingress.Affinity;
import dev.wsingress.BackendProtocol;
import dev.wsingress.ClientIpAffinity;
import dev.wsingress.CookieAffinity;
import dev.wsingress.Cors;
import dev.wsingress.FindingKind;
import dev.wsingress.HeaderAffinity;
import dev.wsingress.HealthCheck;
import dev.wsingress.Manifest;
import dev.wsingress.Manifests;
import dev.wsingress.RateLimit;
import dev.wsingress.Reading;
import dev.wsingress.RenderContext;
import dev.wsingress.Rendering;
import dev.wsingress.Route;
import dev.wsingress.RouteBackend;
import dev.wsingress.ServedBackend;
import dev.wsingress.ServedRoute;
import dev.wsingress.ServedRoute.HostMatch;
import dev.wsingress.ServedRoute.PathMatch;
import dev.wsingress.Setting;
import dev.wsingress.Severity;
import dev.wsingress.Source;
import dev.wsingress.Target;
import dev.wsingress.Tls;
import dev.wsingress.WebSocketApp;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressRuleValue;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressSpec;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.ServiceBackendPort;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for an Ingress-based target — it renders and reads — to test the reading SPI, core's
 * rules and the converter without a real controller, and the worked example for target readers. It
 * reads {@code networking.k8s.io/v1} Ingresses of its class ({@code test}), without a class, or of
 * a class whose IngressClass in the input names the controller {@code test.wsingress.dev/stand-in}
 * (then the route's target is this one configured with that class), like a simple controller:
 *
 * <ul>
 *   <li>each rule's host ({@code *.} wildcards by one label) and each path ({@code Exact}, {@code
 *       Prefix} by segment, {@code ImplementationSpecific} by character) is a served route to its
 *       Service port, resolved through the input;
 *   <li>{@code test.wsingress.dev/read-timeout: "<seconds>"} sets the read timeout, which is 60 s
 *       by default; {@code idle-timeout}, {@code send-timeout}, {@code connect-timeout}, {@code
 *       request-timeout} likewise (no default); {@code affinity-cookie: "<name>"} (with {@code
 *       affinity-cookie-max-age}), {@code affinity-client-ip: "true"}, {@code affinity-header}
 *       sticky sessions; {@code rate-limit: "10/s"} or {@code "100/m"} with {@code rate-burst};
 *       {@code max-connections}; {@code response-buffering} and {@code request-buffering} ({@code
 *       "true"}/{@code "false"}), {@code buffering} for both; {@code rewrite: "<prefix>"}; {@code
 *       cors-origins: "a,b"}; {@code backend-protocol: "HTTPS"}, {@code backend-ca-secret}; {@code
 *       health-path} with {@code health-interval}; {@code ssl-redirect: "false"}; the {@code tls}
 *       section's Secret for its hosts;
 *   <li>a {@code test.wsingress.dev/...} annotation that is not a string is {@code
 *       TEST-ANNOTATION-TYPE} (the API server refuses it); one it does not know is not carried by
 *       the converter ({@link Reading#notCarried});
 *   <li>for the converter: an Ingress it rendered itself ({@code app.kubernetes.io/managed-by:
 *       wsingress}) names its app without the suffix it adds ({@code chat-http}, {@code
 *       chat-http-1a2b3c4d}, {@code chat-rw-1a2b3c4d} are the app {@code chat}).
 * </ul>
 *
 * <p>It renders an app as Ingresses of its class, one per group of routes with equal settings,
 * named from their content so that the names do not depend on the order of the routes: the
 * WebSocket routes as {@code <name>} (with every WebSocket setting, and {@code
 * wsingress.dev/websocket: "true"}), each set of WebSocket routes with one rewrite as {@code
 * <name>-rw-<hash>}, the plain routes as {@code <name>-http} or, with their own settings, {@code
 * <name>-http-<hash>} (with {@code wsingress.dev/websocket: "false"}); the app-wide settings (TLS,
 * connect timeout, CORS, backend protocol and CA, health check) on each.
 *
 * <pre>{@code
 * Report r = Doctor.with(StandInReader.target()).check(Manifests.parse(yaml, "t.yaml"));
 * Imported in = Import.with(StandInReader.target()).from(Manifests.parse(yaml, "t.yaml"));
 * Rendering out = StandInReader.target().ingressClass("edge").render(app);
 * }</pre>
 */
public final class StandInReader implements Target {
  static final String PREFIX = "test.wsingress.dev/";

  /** The controller name an IngressClass gives for this stand-in. */
  public static final String CONTROLLER = "test.wsingress.dev/stand-in";

  private static final Set<String> KNOWN =
      Set.of(
          "read-timeout",
          "idle-timeout",
          "send-timeout",
          "connect-timeout",
          "request-timeout",
          "affinity-cookie",
          "affinity-cookie-max-age",
          "affinity-client-ip",
          "affinity-header",
          "rate-limit",
          "rate-burst",
          "max-connections",
          "response-buffering",
          "request-buffering",
          "buffering",
          "rewrite",
          "cors-origins",
          "backend-protocol",
          "backend-ca-secret",
          "health-path",
          "health-interval",
          "ssl-redirect");

  private static final Pattern SUFFIX =
      Pattern.compile("(.*?)(-http(-[0-9a-f]{8})?|-rw-[0-9a-f]{8})");
  private static final Pattern RATE = Pattern.compile("([0-9]{1,7})/([sm])");
  private static final Pattern SECONDS = Pattern.compile("[0-9]{1,9}");

  private final String ingressClass;

  private StandInReader(String ingressClass) {
    this.ingressClass = ingressClass;
  }

  /** The reader for Ingresses of class {@code test}. */
  public static StandInReader target() {
    return new StandInReader("test");
  }

  /** The same reader configured for another class (what an importer would render with). */
  public StandInReader ingressClass(String name) {
    return new StandInReader(name);
  }

  /** The class it serves. */
  public String ingressClass() {
    return ingressClass;
  }

  /** The stand-in's finding kinds. */
  enum Check implements FindingKind {
    ANNOTATION_TYPE(Severity.ERROR, "Quote the value: annotations are strings.");

    private final Severity severity;
    private final String hint;

    Check(Severity severity, String hint) {
      this.severity = severity;
      this.hint = hint;
    }

    @Override
    public String prefix() {
      return "TEST";
    }

    @Override
    public Severity severity() {
      return severity;
    }

    @Override
    public String hint() {
      return hint;
    }
  }

  // ---- reading ----

  @Override
  public void read(Manifests in, Reading out) {
    // One target per class served: the converter groups routes by an equal target.
    Map<String, StandInReader> byClass = new HashMap<>();
    byClass.put(ingressClass, this);
    for (Manifest ing : in.objects("networking.k8s.io", "Ingress")) {
      JsonNode spec = ing.tree().path("spec");
      String cls = spec.path("ingressClassName").asText("");
      StandInReader serving = cls.isEmpty() ? this : byClass.get(cls);
      Optional<Manifest> ours = serving == null ? ours(in, cls) : Optional.empty();
      if (ours.isPresent()) {
        out.understood(ours.get()); // the IngressClass says what the route's target is
        serving = ingressClass(cls);
        byClass.put(cls, serving);
      }
      if (serving == null) {
        continue; // another controller's Ingress
      }
      out.understood(ing);
      serving.read(in, ing, out);
    }
  }

  private static Optional<Manifest> ours(Manifests in, String cls) {
    return in.ingressClass(cls)
        .filter(c -> c.tree().path("spec").path("controller").asText("").equals(CONTROLLER));
  }

  private void read(Manifests in, Manifest ing, Reading out) {
    Annotations a = new Annotations(ing, out);
    Setting<Duration> read =
        a.seconds("read-timeout")
            .orElse(Setting.byDefault(Duration.ofSeconds(60), "the stand-in reader's default"));
    String appName = null;
    if (ing.label("app.kubernetes.io/managed-by").map("wsingress"::equals).orElse(false)) {
      Matcher m = SUFFIX.matcher(ing.name());
      appName = m.matches() ? m.group(1) : ing.name();
    }
    Optional<Setting<String>> ssl = a.text("ssl-redirect");
    boolean redirect = !ssl.map(s -> s.value().equals("false")).orElse(false);
    JsonNode spec = ing.tree().path("spec");
    JsonNode rules = spec.path("rules");
    for (int r = 0; r < rules.size(); r++) {
      JsonNode rule = rules.get(r);
      String host = rule.path("host").asText("");
      JsonNode paths = rule.path("http").path("paths");
      Setting<Tls> tls = tls(ing, host, redirect);
      for (int p = 0; p < paths.size(); p++) {
        JsonNode path = paths.get(p);
        String at = "/spec/rules/" + r + "/http/paths/" + p;
        ServedRoute.Builder b =
            ServedRoute.builder(this, ing, ing.source(at))
                .host(
                    host,
                    host.isEmpty()
                        ? HostMatch.ANY
                        : host.startsWith("*.") ? HostMatch.WILDCARD_ONE_LABEL : HostMatch.EXACT)
                .path(path.path("path").asText("/"), match(path.path("pathType").asText()))
                .readTimeout(read)
                .tls(tls);
        if (appName != null) {
          b.appName(appName);
        }
        a.seconds("idle-timeout").ifPresent(b::idleTimeout);
        a.seconds("send-timeout").ifPresent(b::sendTimeout);
        a.seconds("connect-timeout").ifPresent(b::connectTimeout);
        a.seconds("request-timeout").ifPresent(b::requestTimeout);
        a.affinity().ifPresent(b::affinity);
        a.rateLimit().ifPresent(b::rateLimit);
        a.integer("max-connections").ifPresent(b::maxConnectionsPerClient);
        Optional<Setting<Boolean>> both = a.bool("buffering");
        a.bool("response-buffering").or(() -> both).ifPresent(b::responseBuffering);
        a.bool("request-buffering").or(() -> both).ifPresent(b::requestBuffering);
        a.text("rewrite").ifPresent(b::rewrite);
        a.text("cors-origins")
            .ifPresent(s -> b.cors(Setting.of(Cors.allowOrigins(s.value().split(",")), at(s))));
        a.text("backend-protocol")
            .ifPresent(
                s ->
                    b.backendProtocol(
                        Setting.of(
                            s.value().equals("HTTPS")
                                ? BackendProtocol.HTTPS
                                : BackendProtocol.HTTP,
                            at(s))));
        a.text("backend-ca-secret").ifPresent(b::backendCaSecret);
        a.text("health-path")
            .ifPresent(
                s -> {
                  HealthCheck h = HealthCheck.http(s.value());
                  Optional<Setting<Duration>> every = a.seconds("health-interval");
                  if (every.isPresent()) {
                    h = h.interval(every.get().value());
                  }
                  b.healthCheck(Setting.of(h, at(s)));
                });
        JsonNode svc = path.path("backend").path("service");
        if (svc.isObject()) {
          JsonNode port = svc.path("port");
          ServedBackend backend =
              port.has("number")
                  ? in.backend(
                      ing.namespace(), svc.path("name").asText(), port.path("number").asInt())
                  : in.backend(
                      ing.namespace(), svc.path("name").asText(), port.path("name").asText());
          b.backend(backend.at(ing.source(at + "/backend/service")));
        }
        out.add(b.build());
      }
    }
  }

  private static Source at(Setting<?> s) {
    return s.source().orElseThrow();
  }

  private static Setting<Tls> tls(Manifest ing, String host, boolean redirect) {
    JsonNode list = ing.tree().path("spec").path("tls");
    for (int i = 0; i < list.size(); i++) {
      JsonNode t = list.get(i);
      List<String> hosts = new ArrayList<>();
      t.path("hosts").forEach(h -> hosts.add(h.asText()));
      if (hosts.contains(host) && t.path("secretName").isTextual()) {
        return Setting.of(
            Tls.secret(t.path("secretName").asText())
                .hosts(hosts.toArray(new String[0]))
                .redirect(redirect),
            ing.source("/spec/tls/" + i));
      }
    }
    return null;
  }

  /** The stand-in's annotations of one Ingress, each checked once. */
  private static final class Annotations {
    final Manifest ing;
    final Map<String, String> values = new HashMap<>();

    Annotations(Manifest ing, Reading out) {
      this.ing = ing;
      ing.annotations()
          .forEach(
              (key, value) -> {
                if (!key.startsWith(PREFIX)) {
                  return;
                }
                if (!value.isTextual()) {
                  out.report(
                      ing,
                      Check.ANNOTATION_TYPE,
                      ing.annotationSource(key),
                      "the annotation " + key + " is " + value.getNodeType() + ", not a string.");
                }
                if (!KNOWN.contains(key.substring(PREFIX.length()))) {
                  out.notCarried(
                      ing,
                      "the annotation " + key,
                      ing.annotationSource(key),
                      "the stand-in reader does not know it");
                } else if (value.isValueNode()) {
                  // Read as written, as a lenient controller would; the type is reported above.
                  values.put(key.substring(PREFIX.length()), value.asText());
                }
              });
    }

    Optional<Setting<String>> text(String key) {
      String v = values.get(key);
      return v == null
          ? Optional.empty()
          : Optional.of(Setting.of(v, ing.annotationSource(PREFIX + key)));
    }

    <T> Optional<Setting<T>> map(String key, Function<String, T> parse) {
      String v = values.get(key);
      T t = v == null ? null : parse.apply(v);
      return t == null
          ? Optional.empty()
          : Optional.of(Setting.of(t, ing.annotationSource(PREFIX + key)));
    }

    Optional<Setting<Duration>> seconds(String key) {
      return map(
          key, v -> SECONDS.matcher(v).matches() ? Duration.ofSeconds(Long.parseLong(v)) : null);
    }

    Optional<Setting<Integer>> integer(String key) {
      return map(key, v -> SECONDS.matcher(v).matches() ? Integer.valueOf(v) : null);
    }

    Optional<Setting<Boolean>> bool(String key) {
      return map(
          key, v -> v.equals("true") ? Boolean.TRUE : v.equals("false") ? Boolean.FALSE : null);
    }

    Optional<Setting<Affinity>> affinity() {
      Optional<Setting<String>> cookie = text("affinity-cookie");
      if (cookie.isPresent()) {
        CookieAffinity c = Affinity.cookie(cookie.get().value());
        Optional<Setting<Duration>> age = seconds("affinity-cookie-max-age");
        if (age.isPresent()) {
          c = c.maxAge(age.get().value());
        }
        return Optional.of(Setting.of(c, at(cookie.get())));
      }
      Optional<Setting<String>> ip = text("affinity-client-ip");
      if (ip.isPresent() && ip.get().value().equals("true")) {
        return Optional.of(Setting.of(Affinity.clientIp(), at(ip.get())));
      }
      return text("affinity-header").map(h -> Setting.of(Affinity.header(h.value()), at(h)));
    }

    Optional<Setting<RateLimit>> rateLimit() {
      return text("rate-limit")
          .map(
              s -> {
                Matcher m = RATE.matcher(s.value());
                if (!m.matches()) {
                  return null;
                }
                int rate = Integer.parseInt(m.group(1));
                RateLimit l =
                    m.group(2).equals("s")
                        ? RateLimit.handshakesPerSecond(rate)
                        : RateLimit.handshakesPerMinute(rate);
                Optional<Setting<Integer>> burst = integer("rate-burst");
                if (burst.isPresent()) {
                  l = l.burst(burst.get().value());
                }
                return Setting.of(l, at(s));
              });
    }
  }

  private static PathMatch match(String pathType) {
    switch (pathType) {
      case "Exact":
        return PathMatch.EXACT;
      case "ImplementationSpecific":
        return PathMatch.CHARACTER_PREFIX;
      default:
        return PathMatch.PREFIX;
    }
  }

  // ---- rendering ----

  @Override
  public Rendering render(WebSocketApp app, RenderContext context) {
    Rendering.Builder out = Rendering.builder(displayName(), false);
    Map<String, List<Route>> groups = new TreeMap<>();
    Map<String, Map<String, String>> settings = new HashMap<>();
    for (Route r : app.routes()) {
      Map<String, String> own = new TreeMap<>();
      String name;
      if (r.isWebSocket()) {
        own.put(ServedRoute.WEBSOCKET_ANNOTATION, "true");
        webSocketSettings(app, own);
        name = app.name();
        if (r.rewrite().isPresent()) {
          own.put(PREFIX + "rewrite", r.rewrite().get());
          name += "-rw-" + hash(r.rewrite().get());
        }
      } else {
        own.put(ServedRoute.WEBSOCKET_ANNOTATION, "false");
        r.rewrite().ifPresent(p -> own.put(PREFIX + "rewrite", p));
        r.requestTimeout().ifPresent(d -> own.put(PREFIX + "request-timeout", seconds(d)));
        r.buffering().ifPresent(on -> own.put(PREFIX + "buffering", on.toString()));
        name = app.name() + "-http" + (own.size() == 1 ? "" : "-" + hash(own.toString()));
      }
      appWideSettings(app, own);
      groups.computeIfAbsent(name, n -> new ArrayList<>()).add(r);
      settings.put(name, own);
    }
    groups.forEach((name, routes) -> out.add(ingress(app, name, routes, settings.get(name))));
    return out.build();
  }

  private static void webSocketSettings(WebSocketApp app, Map<String, String> a) {
    a.put(PREFIX + "idle-timeout", seconds(app.idleTimeout()));
    a.put(PREFIX + "read-timeout", seconds(app.readTimeout()));
    a.put(PREFIX + "send-timeout", seconds(app.sendTimeout()));
    a.put(PREFIX + "response-buffering", Boolean.toString(app.responseBuffering()));
    a.put(PREFIX + "request-buffering", Boolean.toString(app.requestBuffering()));
    app.affinity()
        .ifPresent(
            aff -> {
              if (aff instanceof CookieAffinity c) {
                a.put(PREFIX + "affinity-cookie", c.name());
                c.maxAge().ifPresent(d -> a.put(PREFIX + "affinity-cookie-max-age", seconds(d)));
              } else if (aff instanceof ClientIpAffinity) {
                a.put(PREFIX + "affinity-client-ip", "true");
              } else {
                a.put(PREFIX + "affinity-header", ((HeaderAffinity) aff).header());
              }
            });
    app.rateLimit()
        .ifPresent(
            r -> {
              a.put(
                  PREFIX + "rate-limit",
                  r.rate() + (r.period() == RateLimit.Period.SECOND ? "/s" : "/m"));
              if (r.burst().isPresent()) {
                a.put(PREFIX + "rate-burst", Integer.toString(r.burst().getAsInt()));
              }
            });
    if (app.maxConnectionsPerClient().isPresent()) {
      a.put(PREFIX + "max-connections", Integer.toString(app.maxConnectionsPerClient().getAsInt()));
    }
  }

  private static void appWideSettings(WebSocketApp app, Map<String, String> a) {
    app.connectTimeout().ifPresent(d -> a.put(PREFIX + "connect-timeout", seconds(d)));
    app.cors().ifPresent(c -> a.put(PREFIX + "cors-origins", String.join(",", c.origins())));
    if (app.backendProtocol() == BackendProtocol.HTTPS) {
      a.put(PREFIX + "backend-protocol", "HTTPS");
    }
    app.backendCaSecret().ifPresent(s -> a.put(PREFIX + "backend-ca-secret", s));
    app.healthCheck()
        .ifPresent(
            h -> {
              a.put(PREFIX + "health-path", h.path());
              h.interval().ifPresent(d -> a.put(PREFIX + "health-interval", seconds(d)));
            });
    if (app.tls().isPresent() && !app.tls().get().redirect()) {
      a.put(PREFIX + "ssl-redirect", "false");
    }
  }

  private Ingress ingress(
      WebSocketApp app, String name, List<Route> routes, Map<String, String> annotations) {
    List<IngressRule> rules = new ArrayList<>();
    for (String host : app.hosts()) {
      List<HTTPIngressPath> paths = new ArrayList<>();
      for (Route route : routes) {
        RouteBackend b = route.backend().orElseThrow();
        ServiceBackendPort port = new ServiceBackendPort();
        if (b.port().isPresent()) {
          port.setNumber(b.port().getAsInt());
        } else {
          port.setName(b.portName().orElseThrow());
        }
        IngressServiceBackend service = new IngressServiceBackend();
        service.setName(b.serviceName());
        service.setPort(port);
        IngressBackend backend = new IngressBackend();
        backend.setService(service);
        HTTPIngressPath path = new HTTPIngressPath();
        path.setPath(route.path());
        path.setPathType(route.match() == Route.Match.EXACT ? "Exact" : "Prefix");
        path.setBackend(backend);
        paths.add(path);
      }
      HTTPIngressRuleValue http = new HTTPIngressRuleValue();
      http.setPaths(paths);
      IngressRule rule = new IngressRule();
      rule.setHost(host);
      rule.setHttp(http);
      rules.add(rule);
    }
    IngressSpec spec = new IngressSpec();
    spec.setIngressClassName(ingressClass);
    spec.setRules(rules);
    app.tls()
        .ifPresent(
            t -> {
              IngressTLS tls = new IngressTLS();
              tls.setHosts(new ArrayList<>(app.tlsHosts()));
              tls.setSecretName(t.secretName());
              spec.setTls(new ArrayList<>(List.of(tls)));
            });
    ObjectMeta meta = app.objectMeta(name);
    meta.setAnnotations(new LinkedHashMap<>(annotations));
    Ingress ingress = new Ingress();
    ingress.setApiVersion("networking.k8s.io/v1");
    ingress.setKind("Ingress");
    ingress.setMetadata(meta);
    ingress.setSpec(spec);
    return ingress;
  }

  private static String seconds(Duration d) {
    return Long.toString(d.getSeconds());
  }

  /** Eight hex digits of a stable hash (FNV-1a), so object names follow their content. */
  static String hash(String text) {
    int h = 0x811c9dc5;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x01000193;
    }
    return String.format("%08x", h);
  }

  @Override
  public String id() {
    return "test-reader";
  }

  @Override
  public String displayName() {
    return "stand-in reader";
  }

  @Override
  public Target lenient() {
    return this;
  }

  /** {@code StandInReader[ingressClass=test]}. */
  @Override
  public String toString() {
    return "StandInReader[ingressClass=" + ingressClass + "]";
  }
}
