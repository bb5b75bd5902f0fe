package dev.wsingress.haproxy;

import dev.wsingress.Affinity;
import dev.wsingress.BackendProtocol;
import dev.wsingress.ClientIpAffinity;
import dev.wsingress.Contributions;
import dev.wsingress.CookieAffinity;
import dev.wsingress.Cors;
import dev.wsingress.Finding;
import dev.wsingress.HeaderAffinity;
import dev.wsingress.HealthCheck;
import dev.wsingress.Ingresses;
import dev.wsingress.InvalidSpecException;
import dev.wsingress.Problem;
import dev.wsingress.RateLimit;
import dev.wsingress.RenderContext;
import dev.wsingress.Rendering;
import dev.wsingress.SpecRules;
import dev.wsingress.Target;
import dev.wsingress.WebSocketApp;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The HAProxy Kubernetes Ingress Controller target (haproxytech/kubernetes-ingress, controller
 * 3.2): every setting on the object the controller reads it from (documentation/annotations.md),
 * every time with a unit ({@code 3600s}; a bare number would be milliseconds).
 *
 * <ul>
 *   <li>the Ingress ({@code ingressClassName} {@code haproxy}) carries what is valid there: {@code
 *       ssl-redirect}, {@code rate-limit-*}, {@code cors-*}, and in annotation mode the backend
 *       settings {@code load-balance}, {@code check}/{@code check-http}/{@code check-interval},
 *       {@code server-ssl}/{@code server-ca};
 *   <li>{@code cookie-persistence} goes on the Service (ignored on an Ingress);
 *   <li>{@code timeout-tunnel} (the WebSocket idle timeout) and {@code timeout-connect} are
 *       ConfigMap-only: {@link #controllerConfig} renders them, and a finding says they apply to
 *       every backend;
 *   <li>or {@link #backendResource()} renders a {@link Backend} custom resource (timeouts in
 *       milliseconds, balance, cookie with attributes, checks with rise/fall) selected with {@code
 *       cr-backend} — never together with the backend annotations.
 * </ul>
 *
 * <pre>{@code
 * Rendering out = Targets.render(app, HaProxy.target()
 *     .controllerConfig("haproxy-controller", "haproxy-kubernetes-ingress"), Platform.target());
 * Rendering cr = HaProxy.target().backendResource().render(app);
 * }</pre>
 */
public final class HaProxy implements Target {
  static final String PREFIX = "haproxy.org/";

  private final String ingressClass;
  private final String configNamespace;
  private final String configName;
  private final boolean backendResource;
  private final boolean lenient;

  /** For {@link java.util.ServiceLoader}; use {@link #target()}. */
  public HaProxy() {
    this("haproxy", null, null, false, false);
  }

  private HaProxy(
      String ingressClass,
      String configNamespace,
      String configName,
      boolean backendResource,
      boolean lenient) {
    this.ingressClass = ingressClass;
    this.configNamespace = configNamespace;
    this.configName = configName;
    this.backendResource = backendResource;
    this.lenient = lenient;
  }

  /** The haproxytech target in annotation mode, IngressClass {@code haproxy}. */
  public static HaProxy target() {
    return new HaProxy();
  }

  /**
   * Sets {@code spec.ingressClassName}.
   *
   * @throws InvalidSpecException when the name is not an RFC 1123 subdomain
   */
  public HaProxy ingressClass(String name) {
    List<Problem> problems = new ArrayList<>();
    SpecRules.dnsSubdomain(problems, "ingressClass", name);
    if (!problems.isEmpty()) {
      throw new InvalidSpecException("HaProxy", problems);
    }
    return new HaProxy(name, configNamespace, configName, backendResource, lenient);
  }

  /**
   * Also renders the controller ConfigMap {@code namespace/name} with the ConfigMap-only settings:
   * {@code timeout-tunnel} and {@code timeout-connect}. It must be the ConfigMap the controller's
   * {@code --configmap} names.
   *
   * @throws InvalidSpecException when the namespace or name is invalid
   */
  public HaProxy controllerConfig(String namespace, String name) {
    List<Problem> problems = new ArrayList<>();
    SpecRules.dnsLabel(problems, "controllerConfig.namespace", namespace, 63);
    SpecRules.dnsSubdomain(problems, "controllerConfig.name", name);
    if (!problems.isEmpty()) {
      throw new InvalidSpecException("HaProxy", problems);
    }
    return new HaProxy(ingressClass, namespace, name, backendResource, lenient);
  }

  /**
   * Renders the backend settings as a {@code ingress.v3.haproxy.org/v3} Backend resource instead of
   * annotations (the controller forbids mixing the two): the tunnel and connect timeouts per
   * backend rather than controller-wide, and cookie attributes and check rise/fall that annotations
   * cannot carry.
   */
  public HaProxy backendResource() {
    return new HaProxy(ingressClass, configNamespace, configName, true, lenient);
  }

  /** Reports what HAProxy cannot express as warnings and leaves it out instead of failing. */
  @Override
  public HaProxy lenient() {
    return new HaProxy(ingressClass, configNamespace, configName, backendResource, true);
  }

  @Override
  public String id() {
    return "haproxy";
  }

  @Override
  public String displayName() {
    return "HAProxy Kubernetes Ingress (haproxytech)";
  }

  @Override
  public List<Class<? extends HasMetadata>> resourceTypes() {
    return List.of(Ingress.class, ConfigMap.class, Backend.class);
  }

  @Override
  public void contribute(WebSocketApp app, Contributions.Builder out) {
    // The Helm chart installed as release haproxy in haproxy-controller runs as ServiceAccount
    // haproxy-kubernetes-ingress; the controller writes the endpoints as HAProxy servers, so
    // Service sessionAffinity does not apply.
    out.trafficFrom("haproxy-controller", "haproxy-kubernetes-ingress").balancesOverEndpoints();
    serviceAnnotations(app).forEach(out::serviceAnnotation);
  }

  // cookie-persistence is resolved at the Service level ("setting it on an ingress is ignored",
  // annotations.md "Cookie Persistence"); `insert indirect nocache dynamic` across replicas.
  private Map<String, String> serviceAnnotations(WebSocketApp app) {
    Map<String, String> a = new TreeMap<>();
    if (!backendResource
        && app.affinity().isPresent()
        && app.affinity().get() instanceof CookieAffinity c) {
      a.put(PREFIX + "cookie-persistence", c.name());
    }
    return a;
  }

  @Override
  public Rendering render(WebSocketApp app, RenderContext context) {
    Objects.requireNonNull(app, "app");
    Rendering.Builder out = Rendering.builder(displayName(), lenient);
    String subject = "Ingress " + app.namespace() + "/" + app.name();
    Map<String, String> a = new TreeMap<>();

    tls(app, a, subject, out);
    app.rateLimit().ifPresent(r -> rateLimit(r, a, subject, out));
    if (app.maxConnectionsPerClient().isPresent()) {
      out.add(
          HaProxyFinding.MAX_CONNECTIONS.at(
              subject,
              "haproxytech has no per-client connection limit; "
                  + app.maxConnectionsPerClient().getAsInt()
                  + " is not written."));
    }
    app.cors().ifPresent(c -> cors(c, a, subject, out));
    if (app.responseBuffering() || app.requestBuffering()) {
      out.add(
          HaProxyFinding.BUFFERING.at(
              subject, "haproxytech has no buffering annotation; buffering is not written."));
    }

    if (backendResource) {
      Backend backend = backend(app, subject, out);
      out.add(backend);
      a.put(PREFIX + "cr-backend", app.namespace() + "/" + backend.getMetadata().getName());
    } else {
      backendAnnotations(app, a, subject, out);
      Map<String, String> service = serviceAnnotations(app);
      if (!service.isEmpty() && !context.includes("platform")) {
        out.add(
            HaProxyFinding.SERVICE_ANNOTATIONS.at(
                "Service " + app.namespace() + "/" + app.serviceName(),
                "haproxytech reads cookie-persistence from the Service only, which is not"
                    + " rendered here: "
                    + service
                    + "."));
      }
    }
    out.add(Ingresses.of(app, app.name(), ingressClass, a, true));
    configMap(app, subject, out);
    return out.build();
  }

  private static void tls(
      WebSocketApp app, Map<String, String> a, String subject, Rendering.Builder out) {
    if (app.tls().isEmpty()) {
      return;
    }
    // On by default for Ingresses with a TLS section; written explicitly either way.
    boolean redirect = app.tls().get().redirect();
    a.put(PREFIX + "ssl-redirect", Boolean.toString(redirect));
    if (redirect) {
      out.add(
          HaProxyFinding.PLAIN_WS_REDIRECT.at(
              subject,
              "plain ws:// handshakes are redirected to https, and RFC 6455 clients need not"
                  + " follow redirects, so ws:// clients fail."));
    }
  }

  private static void rateLimit(
      RateLimit r, Map<String, String> a, String subject, Rendering.Builder out) {
    a.put(PREFIX + "rate-limit-requests", Integer.toString(r.rate()));
    a.put(PREFIX + "rate-limit-period", r.period() == RateLimit.Period.SECOND ? "1s" : "60s");
    // 403 by default; 429 says what happened.
    a.put(PREFIX + "rate-limit-status-code", "429");
    out.add(
        HaProxyFinding.RATE_LIMIT.at(
            subject,
            "rate-limit-requests counts HTTP requests per source IP, so WebSocket handshakes"
                + " only; each controller pod counts alone unless the pods peer their stick"
                + " tables (--localpeer-port)."));
    if (r.burst().isPresent()) {
      out.add(
          HaProxyFinding.RATE_LIMIT_BURST.at(
              subject,
              "haproxytech has no burst; a burst of " + r.burst().getAsInt() + " is not written."));
    }
  }

  private static void cors(Cors c, Map<String, String> a, String subject, Rendering.Builder out) {
    a.put(PREFIX + "cors-enable", "true");
    a.put(PREFIX + "cors-allow-origin", origin(c.origins()));
    if (!c.methods().isEmpty()) {
      a.put(PREFIX + "cors-allow-methods", String.join(", ", c.methods()));
    }
    if (!c.headers().isEmpty()) {
      a.put(PREFIX + "cors-allow-headers", String.join(", ", c.headers()));
    }
    a.put(PREFIX + "cors-allow-credentials", Boolean.toString(c.credentials()));
    c.maxAge().ifPresent(m -> a.put(PREFIX + "cors-max-age", seconds(m)));
    out.add(
        HaProxyFinding.CORS_HANDSHAKE.at(
            subject,
            "CORS headers do not protect the WebSocket handshake: browsers send no preflight"
                + " for it and any page can open the socket."));
    if (!c.exposedHeaders().isEmpty()) {
      out.add(
          HaProxyFinding.CORS_EXPOSE_HEADERS.at(
              subject,
              "haproxytech has no cors-expose-headers annotation; "
                  + c.exposedHeaders()
                  + " are not exposed."));
    }
  }

  /**
   * {@code cors-allow-origin} takes "*", one origin, or a regex matched against the Origin header
   * (annotations.md "cors-allow-origin"); several origins become one anchored regex.
   */
  static String origin(List<String> origins) {
    if (origins.contains("*")) {
      return "*";
    }
    if (origins.size() == 1 && !origins.get(0).contains("*")) {
      return origins.get(0);
    }
    List<String> alternatives = new ArrayList<>();
    for (String o : origins) {
      alternatives.add(o.replace(".", "\\.").replace("*\\.", "[a-z0-9-]+\\."));
    }
    return "^(" + String.join("|", alternatives) + ")$";
  }

  private static void backendAnnotations(
      WebSocketApp app, Map<String, String> a, String subject, Rendering.Builder out) {
    a.put(PREFIX + "load-balance", balance(app));
    if (app.affinity().isPresent() && app.affinity().get() instanceof CookieAffinity c) {
      if (c.maxAge().isPresent()
          || c.path().isPresent()
          || c.secure().isPresent()
          || c.sameSite().isPresent()) {
        out.add(
            HaProxyFinding.COOKIE_ATTRIBUTES.at(
                subject,
                "cookie-persistence sets the cookie's name only (insert indirect nocache"
                    + " dynamic); its max-age, path, Secure and SameSite are not written."));
      }
    }
    if (app.healthCheck().isPresent()) {
      HealthCheck h = app.healthCheck().get();
      a.put(PREFIX + "check", "true");
      a.put(PREFIX + "check-http", h.path());
      h.interval().ifPresent(i -> a.put(PREFIX + "check-interval", seconds(i)));
      if (h.rise().isPresent() || h.fall().isPresent()) {
        out.add(
            HaProxyFinding.HEALTH_RISE_FALL.at(
                subject,
                "there is no rise or fall annotation; HAProxy's defaults (rise 2, fall 3)"
                    + " apply."));
      }
    }
    if (app.backendProtocol() == BackendProtocol.HTTPS) {
      if (app.backendCaSecret().isPresent()) {
        a.put(PREFIX + "server-ssl", "true");
        a.put(PREFIX + "server-ca", app.namespace() + "/" + app.backendCaSecret().get());
        out.add(
            HaProxyFinding.SERVER_CA_KEY.at(
                subject,
                "server-ca reads the CA certificate from the tls.crt key of Secret "
                    + app.backendCaSecret().get()
                    + "."));
      } else {
        out.add(backendTls(subject));
      }
    }
  }

  private static Finding backendTls(String subject) {
    return HaProxyFinding.BACKEND_TLS.at(
        subject,
        "an HTTPS backend is verified only with a CA; wsingress never disables" + " verification.");
  }

  // leastconn spreads long-lived sockets (HAProxy recommends it for long sessions); source
  // hashes the client address; hdr(name) hashes a request header.
  private static String balance(WebSocketApp app) {
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

  private static Backend backend(WebSocketApp app, String subject, Rendering.Builder out) {
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
    if (app.healthCheck().isPresent()) {
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
    if (app.backendProtocol() == BackendProtocol.HTTPS) {
      out.add(backendTls(subject));
    }
    return new Backend(
        app.objectMeta(app.name()),
        new Backend.Spec(
            "http",
            millis(app.idleTimeout()),
            app.connectTimeout().map(HaProxy::millis).orElse(null),
            balance,
            cookie,
            cookieKey,
            advCheck,
            check,
            server));
  }

  private void configMap(WebSocketApp app, String subject, Rendering.Builder out) {
    if (backendResource) {
      // The Backend resource carries the tunnel and connect timeouts; an empty ConfigMap would
      // only risk overwriting the controller's own settings.
      return;
    }
    Map<String, String> data = new TreeMap<>();
    // ConfigMap only (annotations.md "Timeouts"): timeout-tunnel governs an upgraded WebSocket
    // in both directions; timeout-connect the TCP connect to a pod.
    data.put("timeout-tunnel", seconds(app.idleTimeout()));
    app.connectTimeout().ifPresent(c -> data.put("timeout-connect", seconds(c)));
    if (configName == null) {
      boolean defaults =
          app.idleTimeout().equals(Duration.ofHours(1)) && app.connectTimeout().isEmpty();
      out.add(
          defaults
              ? HaProxyFinding.TUNNEL_DEFAULT.at(
                  subject,
                  "timeout-tunnel is ConfigMap-only, and the idle timeout of 3600 s is its"
                      + " default.")
              : HaProxyFinding.CONFIGMAP_ONLY.at(
                  subject,
                  "these settings are ConfigMap-only, so they are not on the Ingress: "
                      + data
                      + "."));
      return;
    }
    ConfigMap cm =
        new ConfigMapBuilder()
            .withMetadata(
                new ObjectMetaBuilder()
                    .withName(configName)
                    .withNamespace(configNamespace)
                    .withLabels(Map.of("app.kubernetes.io/managed-by", "wsingress"))
                    .build())
            .withData(data)
            .build();
    out.add(cm);
    String cmSubject = Finding.subjectOf(cm);
    out.add(
        HaProxyFinding.CONFIGMAP_NAME.at(
            cmSubject,
            "haproxytech reads only the ConfigMap named by its --configmap argument (the Helm"
                + " chart: <namespace>/<release fullname>)."));
    out.add(
        HaProxyFinding.CONTROLLER_WIDE.at(
            cmSubject,
            "the ConfigMap's keys apply to every backend of this controller, not only to "
                + app.name()
                + "."));
  }

  /** A time with a unit, as haproxytech needs (a bare number would be milliseconds). */
  static String seconds(Duration d) {
    return d.getSeconds() + "s";
  }

  /** Backend CR timeouts are integer milliseconds. */
  static long millis(Duration d) {
    return d.toMillis();
  }

  @Override
  public String toString() {
    return "HaProxy[ingressClass="
        + ingressClass
        + (configName != null ? ", controllerConfig=" + configNamespace + "/" + configName : "")
        + (backendResource ? ", backendResource" : "")
        + (lenient ? ", lenient" : "")
        + "]";
  }
}
