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
import dev.wsingress.Version;
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
import java.util.Optional;
import java.util.TreeMap;

/**
 * The HAProxy Kubernetes Ingress Controller target (haproxytech/kubernetes-ingress): every setting
 * on the object the controller reads it from (documentation/annotations.md), every time with a unit
 * ({@code 3600s}; a bare number would be milliseconds).
 *
 * <p>The output is correct for controller <b>3.0 and newer</b> (3.0, 3.1, 3.2); {@link
 * #version(String)} selects the release line, default 3.2. The Backend custom resource follows it:
 * {@code ingress.v3.haproxy.org/v3} from 3.2, {@code ingress.v1.haproxy.org/v1} before.
 *
 * <ul>
 *   <li>the Ingress ({@code ingressClassName} {@code haproxy}) carries what is valid there: {@code
 *       ssl-redirect} with {@code ssl-redirect-port}, {@code rate-limit-*}, {@code cors-*}, and in
 *       annotation mode the backend settings {@code load-balance}, {@code check}/{@code
 *       check-http}/{@code check-interval}, {@code server-ca};
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
 * Rendering cr = HaProxy.target().version("3.1").backendResource().render(app);
 * }</pre>
 *
 * <p>Sources cited in the comments: haproxytech/kubernetes-ingress at tag v3.2.11, every mapping
 * also checked at v3.0.0 (redirect, CORS, peers, rate-limit key, server-ca, certs); haproxy/haproxy
 * at v3.0.0 and v3.2.0; haproxytech/helm-charts at kubernetes-ingress-1.52.1.
 */
public final class HaProxy implements Target {
  static final String PREFIX = "haproxy.org/";

  /**
   * The controller release lines this target writes for, oldest first: every annotation it writes
   * is in pkg/annotations at v3.0.0 and v3.2.11 (documentation/doc.yaml).
   */
  public static final List<Version> SUPPORTED =
      List.of(Version.of(3, 0), Version.of(3, 1), Version.of(3, 2));

  /** crs/api/ingress/v3 and crs/definition/ingress.v3.haproxy.org_*.yaml first ship in v3.2.0. */
  private static final Version BACKEND_V3 = Version.of(3, 2);

  // The Helm chart released as haproxy in namespace haproxy-controller runs the controller as
  // ServiceAccount haproxy-kubernetes-ingress: its fullname (haproxytech/helm-charts
  // kubernetes-ingress-1.52.1, templates/_helpers.tpl kubernetes-ingress.serviceAccountName).
  private static final String DEFAULT_NAMESPACE = "haproxy-controller";
  private static final String DEFAULT_SERVICE_ACCOUNT = "haproxy-kubernetes-ingress";

  private record Settings(
      String ingressClass,
      String configNamespace,
      String configName,
      boolean backendResource,
      boolean lenient,
      Version version,
      String controllerNamespace,
      String controllerServiceAccount) {}

  private final Settings s;

  /** For {@link java.util.ServiceLoader}; use {@link #target()}. */
  public HaProxy() {
    this(
        new Settings(
            "haproxy", null, null, false, false, SUPPORTED.get(SUPPORTED.size() - 1), null, null));
  }

  private HaProxy(Settings settings) {
    this.s = settings;
  }

  /** The haproxytech target in annotation mode, IngressClass {@code haproxy}, controller 3.2. */
  public static HaProxy target() {
    return new HaProxy();
  }

  /**
   * The controller release line the cluster runs: {@code 3.0}, {@code 3.1} or {@code 3.2}
   * (default). Before 3.2 the Backend resource is {@code ingress.v1.haproxy.org/v1}.
   *
   * @throws InvalidSpecException when the version is not one of {@link #SUPPORTED}
   */
  public HaProxy version(String version) {
    Version v = Version.option("HaProxy", version, SUPPORTED);
    return new HaProxy(
        new Settings(
            s.ingressClass,
            s.configNamespace,
            s.configName,
            s.backendResource,
            s.lenient,
            v,
            s.controllerNamespace,
            s.controllerServiceAccount));
  }

  @Override
  public List<Version> versions() {
    return SUPPORTED;
  }

  @Override
  public Optional<Version> version() {
    return Optional.of(s.version);
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
    return new HaProxy(
        new Settings(
            name,
            s.configNamespace,
            s.configName,
            s.backendResource,
            s.lenient,
            s.version,
            s.controllerNamespace,
            s.controllerServiceAccount));
  }

  /**
   * Also renders the controller ConfigMap {@code namespace/name} with the ConfigMap-only settings:
   * {@code timeout-tunnel} and {@code timeout-connect}. It must be the ConfigMap the controller's
   * {@code --configmap} names (the Helm chart: {@code <namespace>/<fullname>}). The controller is
   * then taken to run in {@code namespace} as ServiceAccount {@code name} (the chart gives both its
   * fullname), unless {@link #controllerServiceAccount} says otherwise.
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
    return new HaProxy(
        new Settings(
            s.ingressClass,
            namespace,
            name,
            s.backendResource,
            s.lenient,
            s.version,
            s.controllerNamespace,
            s.controllerServiceAccount));
  }

  /**
   * Where the controller's pods run: their namespace and ServiceAccount. The platform NetworkPolicy
   * admits traffic from that namespace, and Linkerd authorizes that ServiceAccount. Without this
   * option: the namespace and name of {@link #controllerConfig} (the Helm chart's {@code
   * --configmap=<namespace>/<fullname>} in templates/_podspec.tpl and ServiceAccount {@code
   * <fullname>}), else {@code haproxy-controller/haproxy-kubernetes-ingress}.
   *
   * @throws InvalidSpecException when the namespace or name is invalid
   */
  public HaProxy controllerServiceAccount(String namespace, String name) {
    List<Problem> problems = new ArrayList<>();
    SpecRules.dnsLabel(problems, "controllerServiceAccount.namespace", namespace, 63);
    SpecRules.dnsSubdomain(problems, "controllerServiceAccount.name", name);
    if (!problems.isEmpty()) {
      throw new InvalidSpecException("HaProxy", problems);
    }
    return new HaProxy(
        new Settings(
            s.ingressClass,
            s.configNamespace,
            s.configName,
            s.backendResource,
            s.lenient,
            s.version,
            namespace,
            name));
  }

  /**
   * Renders the backend settings as a Backend resource instead of annotations (the controller
   * forbids mixing the two): the tunnel and connect timeouts per backend rather than
   * controller-wide, and cookie attributes and check rise/fall that annotations cannot carry. The
   * resource is a {@link Backend} ({@code ingress.v3.haproxy.org/v3}) for 3.2, a {@link BackendV1}
   * for 3.0 and 3.1.
   */
  public HaProxy backendResource() {
    return new HaProxy(
        new Settings(
            s.ingressClass,
            s.configNamespace,
            s.configName,
            true,
            s.lenient,
            s.version,
            s.controllerNamespace,
            s.controllerServiceAccount));
  }

  /** Reports what HAProxy cannot express as warnings and leaves it out instead of failing. */
  @Override
  public HaProxy lenient() {
    return new HaProxy(
        new Settings(
            s.ingressClass,
            s.configNamespace,
            s.configName,
            s.backendResource,
            true,
            s.version,
            s.controllerNamespace,
            s.controllerServiceAccount));
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
    return List.of(Ingress.class, ConfigMap.class, Backend.class, BackendV1.class);
  }

  @Override
  public void contribute(WebSocketApp app, Contributions.Builder out) {
    // The controller writes the endpoints as HAProxy servers, so Service sessionAffinity does not
    // apply to its traffic.
    String namespace =
        s.controllerNamespace != null
            ? s.controllerNamespace
            : s.configNamespace != null ? s.configNamespace : DEFAULT_NAMESPACE;
    String account =
        s.controllerServiceAccount != null
            ? s.controllerServiceAccount
            : s.configName != null ? s.configName : DEFAULT_SERVICE_ACCOUNT;
    out.trafficFrom(namespace, account).balancesOverEndpoints();
    serviceAnnotations(app).forEach(out::serviceAnnotation);
  }

  // cookie-persistence is resolved at the Service level ("setting it on an ingress is ignored",
  // annotations.md "Cookie Persistence"); `insert indirect nocache dynamic` across replicas.
  private Map<String, String> serviceAnnotations(WebSocketApp app) {
    Map<String, String> a = new TreeMap<>();
    if (!s.backendResource
        && app.affinity().isPresent()
        && app.affinity().get() instanceof CookieAffinity c) {
      a.put(PREFIX + "cookie-persistence", c.name());
    }
    return a;
  }

  @Override
  public Rendering render(WebSocketApp app, RenderContext context) {
    Objects.requireNonNull(app, "app");
    Rendering.Builder out = Rendering.builder(displayName(), s.lenient);
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

    clientAddress(app, subject, out);
    if (s.backendResource) {
      Backend backend = backend(app, subject, out);
      if (s.version.isAtLeast(BACKEND_V3)) {
        out.add(backend);
        out.add(
            HaProxyFinding.VERSION_GATED.at(
                "Backend " + app.namespace() + "/" + app.name(),
                "Backend ingress.v3.haproxy.org/v3 needs haproxytech kubernetes-ingress 3.2 or"
                    + " newer (rendering for "
                    + s.version
                    + ")."));
      } else {
        out.add(
            new BackendV1(
                backend.getMetadata(),
                new BackendV1.Spec(BackendV1.Config.of(app.name(), backend.getSpec()))));
      }
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
    out.add(Ingresses.of(app, app.name(), s.ingressClass, a, true));
    configMap(app, subject, out);
    return out.build();
  }

  /**
   * {@code balance source} hashes the client connection's source address, and {@code
   * rate-limit-requests} tracks {@code src} (pkg/annotations/ingress/reqRateLimit.go: {@code
   * ReqTrack{TrackKey: "src"}}): both see the load balancer's or node's address unless the real one
   * reaches HAProxy.
   */
  private static void clientAddress(WebSocketApp app, String subject, Rendering.Builder out) {
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
        HaProxyFinding.CLIENT_ADDRESS.at(
            subject,
            what
                + " the source address of the connection HAProxy receives (src); behind a load"
                + " balancer that does not pass the client's address on, every client looks"
                + " alike."));
  }

  private static void tls(
      WebSocketApp app, Map<String, String> a, String subject, Rendering.Builder out) {
    if (app.tls().isEmpty()) {
      return;
    }
    // On by default for Ingresses with a TLS section (pkg/annotations/ingress/httpsRedirect.go
    // tlsEnabled); written explicitly either way.
    boolean redirect = app.tls().get().redirect();
    a.put(PREFIX + "ssl-redirect", Boolean.toString(redirect));
    if (redirect) {
      // pkg/annotations/common/main.go DefaultValues "ssl-redirect-port": "8443", and
      // pkg/haproxy/rules/reqRequestRedirect.go always writes the port:
      // https://%[hdr(host),field(1,:)]:<port>%[capture.req.uri]. 8443 is the pod's HTTPS port
      // (the chart's containerPort.https), behind a Service on 443 (issues #642, #679), so the
      // redirect names the port clients see. The redirect code stays 302 (ssl-redirect-code).
      a.put(PREFIX + "ssl-redirect-port", "443");
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
    // pkg/haproxy/rules/reqTrack.go: a stick table in peers section "localinstance", and
    // pkg/controller/controller.go Start() puts only this pod in it (PeerEntryCreateOrEdit with
    // its own hostname, IP and --localpeer-port); no other replica is ever added, so the local
    // peer only keeps the table across reloads and every pod counts alone.
    out.add(
        HaProxyFinding.RATE_LIMIT.at(
            subject,
            "rate-limit-requests counts HTTP requests per source IP, so WebSocket handshakes"
                + " only, in each controller pod separately: the controller peers a pod's stick"
                + " table only with itself (peers localinstance), so with N pods a client gets up"
                + " to N times the limit."));
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
   * {@code cors-allow-origin} is "*" or a regex: pkg/annotations/ingress/resSetCORS.go matches the
   * Origin header with {@code { var(txn.cors_origin) -m reg <value> }} and reflects it, so a plain
   * origin would match as an unanchored regex ({@code https://app.example.com} also matches {@code
   * https://app.example.com.evil.net} and {@code https://appXexample.com}). Every origin is
   * therefore escaped, a leading {@code *.} becomes one DNS label, and the whole is anchored. The
   * value is an unquoted word of the generated haproxy.cfg, where a backslash outside quotes and a
   * {@code $} outside double quotes stay literal.
   */
  static String origin(List<String> origins) {
    if (origins.contains("*")) {
      return "*";
    }
    List<String> alternatives = new ArrayList<>();
    for (String o : origins) {
      StringBuilder b = new StringBuilder();
      String rest = o;
      int wildcard = o.indexOf("://*.");
      if (wildcard >= 0) {
        b.append(escape(o.substring(0, wildcard + 3))).append("[a-z0-9-]+\\.");
        rest = o.substring(wildcard + 5);
      }
      alternatives.add(b.append(escape(rest)).toString());
    }
    return alternatives.size() == 1
        ? "^" + alternatives.get(0) + "$"
        : "^(" + String.join("|", alternatives) + ")$";
  }

  private static String escape(String literal) {
    StringBuilder b = new StringBuilder();
    for (char c : literal.toCharArray()) {
      if ("\\.^$|?*+()[]{}".indexOf(c) >= 0) {
        b.append('\\');
      }
      b.append(c);
    }
    return b.toString();
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
        // server-ca alone turns TLS on with verify required (pkg/annotations/service/ca.go:
        // Ssl enabled, Verify required, SslCafile) once the CA file is written. server-ssl is
        // processed before it (pkg/annotations/annotations.go) and sets verify none
        // (service/ssl.go); with server-ssl on, a Secret without tls.crt (certs/main.go
        // writeSecret: "certificate missing") would leave the backend unverified. Without
        // server-ssl the same mistake leaves TLS off and the HTTPS backend refuses the traffic.
        // ca.go sets alpn h2,http/1.1 and HAProxy 3.0-3.2 (src/backend.c connect_server, "ws
        // auto") downgrades a WebSocket stream's ALPN to http/1.1, so the upgrade stays HTTP/1.1.
        String secret = app.backendCaSecret().get();
        a.put(PREFIX + "server-ca", app.namespace() + "/" + secret);
        out.add(
            HaProxyFinding.SERVER_CA_KEY.at(
                subject,
                "server-ca reads the CA certificate only from the tls.crt key of Secret "
                    + secret
                    + " (pkg/haproxy/certs writeSecret); with the ca.crt key alone the controller"
                    + " turns TLS to the backend off, and the backend refuses the connections."));
        // HAProxy checks the certificate's name only against the SNI it sent or verifyhost
        // (src/ssl_sock.c ssl_sock_srv_verifycbk); ca.go sets neither, and no annotation does.
        out.add(
            HaProxyFinding.BACKEND_TLS_NAME.at(
                subject,
                "server-ca makes HAProxy verify the backend certificate's chain against the CA, not"
                    + " its host name: the controller sets neither sni nor verifyhost"
                    + " (pkg/annotations/service/ca.go), so any certificate that CA signs is"
                    + " accepted."));
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
    if (s.backendResource) {
      // The Backend resource carries the tunnel and connect timeouts; an empty ConfigMap would
      // only risk overwriting the controller's own settings.
      return;
    }
    Map<String, String> data = new TreeMap<>();
    // ConfigMap only (annotations.md "Timeouts"): timeout-tunnel governs an upgraded WebSocket
    // in both directions; timeout-connect the TCP connect to a pod.
    data.put("timeout-tunnel", seconds(app.idleTimeout()));
    app.connectTimeout().ifPresent(c -> data.put("timeout-connect", seconds(c)));
    if (s.configName == null) {
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
                    .withName(s.configName)
                    .withNamespace(s.configNamespace)
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
        + s.ingressClass
        + ", version="
        + s.version
        + (s.configName != null
            ? ", controllerConfig=" + s.configNamespace + "/" + s.configName
            : "")
        + (s.controllerServiceAccount != null
            ? ", controllerServiceAccount="
                + s.controllerNamespace
                + "/"
                + s.controllerServiceAccount
            : "")
        + (s.backendResource ? ", backendResource" : "")
        + (s.lenient ? ", lenient" : "")
        + "]";
  }
}
