package dev.wsingress.cli;

import dev.wsingress.AcmeIssuer;
import dev.wsingress.Affinity;
import dev.wsingress.AffinityMode;
import dev.wsingress.BackendProtocol;
import dev.wsingress.ClientIpAffinity;
import dev.wsingress.CookieAffinity;
import dev.wsingress.Cors;
import dev.wsingress.HeaderAffinity;
import dev.wsingress.HealthCheck;
import dev.wsingress.RateLimit;
import dev.wsingress.Route;
import dev.wsingress.RouteBackend;
import dev.wsingress.Tls;
import dev.wsingress.WebSocketApp;
import dev.wsingress.Workload;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Writes a {@link WebSocketApp} as a spec document: the format's fields in the format's order,
 * defaults left out, strings that YAML would read as another type quoted. The same app always gives
 * the same text.
 */
final class SpecWriter {
  private SpecWriter() {}

  static String write(WebSocketApp app) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("apiVersion", SpecFile.API_VERSION);
    doc.put("kind", SpecFile.KIND);
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("name", app.name());
    if (!app.namespace().equals("default")) {
      meta.put("namespace", app.namespace());
    }
    if (!app.labels().equals(Map.of("app.kubernetes.io/name", app.name()))) {
      meta.put("labels", new LinkedHashMap<>(app.labels()));
    }
    doc.put("metadata", meta);
    doc.put("spec", spec(app));
    return yaml().dump(doc);
  }

  private static Map<String, Object> spec(WebSocketApp app) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("hosts", List.copyOf(app.hosts()));
    Map<String, Object> service = new LinkedHashMap<>();
    service.put("name", app.serviceName());
    service.put("port", port(app.servicePort(), app.servicePortName()));
    s.put("service", service);
    RouteBackend own = ownBackend(app);
    if (!isDefaultRoutes(app, own)) {
      List<Object> routes = new java.util.ArrayList<>();
      for (Route r : app.routes()) {
        routes.add(route(r, own));
      }
      s.put("routes", routes);
    }
    if (!app.idleTimeout().equals(WebSocketApp.DEFAULT_IDLE_TIMEOUT)) {
      s.put("idleTimeout", Durations.format(app.idleTimeout()));
    }
    if (!app.readTimeout().equals(app.idleTimeout())) {
      s.put("readTimeout", Durations.format(app.readTimeout()));
    }
    if (!app.sendTimeout().equals(app.idleTimeout())) {
      s.put("sendTimeout", Durations.format(app.sendTimeout()));
    }
    put(s, "connectTimeout", app.connectTimeout());
    app.affinity().ifPresent(a -> s.put("stickySessions", affinity(a)));
    app.tls().ifPresent(t -> s.put("tls", tls(t)));
    app.rateLimit().ifPresent(r -> s.put("rateLimit", rateLimit(r)));
    put(s, "maxConnectionsPerClient", app.maxConnectionsPerClient());
    app.cors().ifPresent(c -> s.put("cors", cors(c)));
    if (app.responseBuffering()) {
      s.put("responseBuffering", true);
    }
    if (app.requestBuffering()) {
      s.put("requestBuffering", true);
    }
    if (app.backendProtocol() != BackendProtocol.HTTP) {
      s.put("backendProtocol", app.backendProtocol().name());
    }
    app.backendCaSecret().ifPresent(c -> s.put("backendCaSecret", c));
    app.healthCheck().ifPresent(h -> s.put("healthCheck", healthCheck(h)));
    app.workload().ifPresent(w -> s.put("workload", workload(w)));
    return s;
  }

  /**
   * The backend a route without {@code to} gets: the app's own service. Core builds it (its
   * constructor is core's own), so it is taken from the app rebuilt without routes, whose single
   * default route carries it.
   */
  private static RouteBackend ownBackend(WebSocketApp app) {
    WebSocketApp.Builder b = WebSocketApp.on(app.hosts().get(0)).name(app.name());
    if (app.servicePort().isPresent()) {
      b.service(app.serviceName(), app.servicePort().getAsInt());
    } else {
      b.service(app.serviceName(), app.servicePortName().orElseThrow());
    }
    return b.build().routes().get(0).backend().orElseThrow();
  }

  private static boolean isDefaultRoutes(WebSocketApp app, RouteBackend own) {
    if (app.routes().size() != 1) {
      return false;
    }
    Route r = app.routes().get(0);
    return r.path().equals("/")
        && r.match() == Route.Match.PREFIX
        && r.isWebSocket()
        && r.backend().equals(Optional.of(own))
        && r.rewrite().isEmpty()
        && r.requestTimeout().isEmpty()
        && r.buffering().isEmpty();
  }

  private static Map<String, Object> route(Route r, RouteBackend own) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", r.path());
    if (!r.isWebSocket()) {
      m.put("kind", "HTTP");
    }
    if (r.match() == Route.Match.EXACT) {
      m.put("match", "Exact");
    }
    r.backend()
        .filter(b -> !b.equals(own))
        .ifPresent(
            b -> {
              Map<String, Object> to = new LinkedHashMap<>();
              to.put("service", b.serviceName());
              to.put("port", port(b.port(), b.portName()));
              m.put("to", to);
            });
    r.rewrite().ifPresent(p -> m.put("rewriteTo", p));
    put(m, "requestTimeout", r.requestTimeout());
    r.buffering().ifPresent(on -> m.put("buffering", on));
    return m;
  }

  private static Map<String, Object> affinity(Affinity a) {
    Map<String, Object> kind = new LinkedHashMap<>();
    if (a instanceof CookieAffinity c) {
      kind.put("name", c.name());
      put(kind, "maxAge", c.maxAge());
      c.path().ifPresent(p -> kind.put("path", p));
      c.secure().ifPresent(on -> kind.put("secure", on));
      if (!c.httpOnly()) {
        kind.put("httpOnly", false);
      }
      c.sameSite().ifPresent(ss -> kind.put("sameSite", ss.attribute()));
      if (c.mode() == AffinityMode.PERSISTENT) {
        kind.put("mode", "Persistent");
      }
    } else if (a instanceof ClientIpAffinity ip) {
      put(kind, "timeout", ip.timeout());
    } else if (a instanceof HeaderAffinity h) {
      kind.put("name", h.header());
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(a.kind(), kind);
    return m;
  }

  private static Map<String, Object> tls(Tls t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("secretName", t.secretName());
    if (!t.hosts().isEmpty()) {
      m.put("hosts", List.copyOf(t.hosts()));
    }
    if (!t.redirect()) {
      m.put("redirect", false);
    }
    t.issuer().ifPresent(i -> m.put("issuer", issuer(i)));
    return m;
  }

  private static Map<String, Object> issuer(AcmeIssuer i) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("email", i.email());
    if (!i.http01IngressClass().isEmpty()) {
      m.put("http01", i.http01IngressClass());
    }
    boolean staging = i.server().equals(AcmeIssuer.LETS_ENCRYPT_STAGING);
    String defaultName = staging ? "letsencrypt-staging" : "letsencrypt-prod";
    if (!i.name().equals(defaultName)) {
      m.put("name", i.name());
    }
    if (staging) {
      m.put("staging", true);
    }
    return m;
  }

  private static Map<String, Object> rateLimit(RateLimit r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(
        r.period() == RateLimit.Period.SECOND ? "handshakesPerSecond" : "handshakesPerMinute",
        r.rate());
    put(m, "burst", r.burst());
    return m;
  }

  private static Map<String, Object> cors(Cors c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("allowOrigins", List.copyOf(c.origins()));
    if (!c.methods().isEmpty()) {
      m.put("allowMethods", List.copyOf(c.methods()));
    }
    if (!c.headers().isEmpty()) {
      m.put("allowHeaders", List.copyOf(c.headers()));
    }
    if (!c.exposedHeaders().isEmpty()) {
      m.put("exposeHeaders", List.copyOf(c.exposedHeaders()));
    }
    if (c.credentials()) {
      m.put("allowCredentials", true);
    }
    put(m, "maxAge", c.maxAge());
    return m;
  }

  private static Map<String, Object> healthCheck(HealthCheck h) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", h.path());
    put(m, "interval", h.interval());
    put(m, "rise", h.rise());
    put(m, "fall", h.fall());
    return m;
  }

  private static Map<String, Object> workload(Workload w) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("image", w.image());
    if (w.replicas() != 2) {
      m.put("replicas", w.replicas());
    }
    put(m, "containerPort", w.containerPort());
    put(m, "metricsPort", w.metricsPort());
    if (!w.env().isEmpty()) {
      m.put("env", new LinkedHashMap<>(w.env()));
    }
    put(m, "maxConnections", w.maxConnections());
    put(m, "pingInterval", w.pingInterval());
    if (w.resources().size() == 4) {
      Map<String, Object> requests = new LinkedHashMap<>();
      requests.put("cpu", w.resources().get(0));
      requests.put("memory", w.resources().get(1));
      Map<String, Object> limits = new LinkedHashMap<>();
      limits.put("cpu", w.resources().get(2));
      limits.put("memory", w.resources().get(3));
      Map<String, Object> resources = new LinkedHashMap<>();
      resources.put("requests", requests);
      resources.put("limits", limits);
      m.put("resources", resources);
    }
    if (!w.drainTime().equals(Workload.DEFAULT_DRAIN_TIME)) {
      m.put("drainTime", Durations.format(w.drainTime()));
    }
    if (w.minReplicas().isPresent()) {
      Map<String, Object> autoscale = new LinkedHashMap<>();
      autoscale.put("min", w.minReplicas().getAsInt());
      autoscale.put("max", w.maxReplicas().orElse(w.minReplicas().getAsInt()));
      put(autoscale, "connectionsPerPod", w.connectionsPerPod());
      m.put("autoscale", autoscale);
    }
    if (!w.egress().isEmpty()) {
      List<Object> egress = new java.util.ArrayList<>();
      for (Workload.Egress e : w.egress()) {
        Map<String, Object> rule = new LinkedHashMap<>();
        if (e.namespace() != null) {
          rule.put("namespace", e.namespace());
        } else {
          rule.put("labelKey", e.labelKey());
          rule.put("labelValue", e.labelValue());
        }
        rule.put("port", e.port());
        egress.add(rule);
      }
      m.put("egress", egress);
    }
    return m;
  }

  private static Object port(OptionalInt number, Optional<String> name) {
    return number.isPresent() ? (Object) number.getAsInt() : name.orElseThrow();
  }

  private static void put(Map<String, Object> m, String key, Optional<Duration> d) {
    d.ifPresent(v -> m.put(key, Durations.format(v)));
  }

  private static void put(Map<String, Object> m, String key, OptionalInt i) {
    if (i.isPresent()) {
      m.put(key, i.getAsInt());
    }
  }

  private static Yaml yaml() {
    DumperOptions o = new DumperOptions();
    o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    o.setIndent(2);
    o.setIndicatorIndent(2);
    o.setIndentWithIndicator(true);
    o.setSplitLines(false);
    o.setWidth(Integer.MAX_VALUE);
    o.setLineBreak(DumperOptions.LineBreak.UNIX);
    return new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(o), o);
  }
}
