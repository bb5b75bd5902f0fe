package dev.wsingress.haproxy;

import dev.wsingress.Contributions;
import dev.wsingress.CookieAffinity;
import dev.wsingress.Finding;
import dev.wsingress.Ingresses;
import dev.wsingress.InvalidSpecException;
import dev.wsingress.Manifests;
import dev.wsingress.Problem;
import dev.wsingress.Reading;
import dev.wsingress.RenderContext;
import dev.wsingress.Rendering;
import dev.wsingress.Route;
import dev.wsingress.RouteBackend;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

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
 *   <li>one Ingress ({@code ingressClassName} {@code haproxy}) per group of routes with equal
 *       settings ({@link Ingresses#group}), each path to its route's own Service port; it carries
 *       what is valid there: for its own paths {@code ssl-redirect} with {@code ssl-redirect-port},
 *       {@code rate-limit-*} (WebSocket routes), {@code cors-*}, {@code path-rewrite} (rewritten
 *       routes), and in annotation mode the settings of the backend section of each Service port it
 *       routes to: {@code load-balance} (WebSocket routes), {@code check}/{@code check-http}/{@code
 *       check-interval} (the app's own Service), {@code server-ca}, {@code timeout-server} (a plain
 *       route's request timeout), {@code standalone-backend} where another Ingress of the app
 *       shares the Service port with other settings;
 *   <li>{@code cookie-persistence} goes on the app's own Service (deprecated on an Ingress); a
 *       finding names what another Service of a WebSocket route needs;
 *   <li>{@code timeout-tunnel} (the WebSocket idle timeout) and {@code timeout-connect} are
 *       ConfigMap-only: {@link #controllerConfig} renders them, and a finding says they apply to
 *       every backend;
 *   <li>or {@link #backendResource()} renders a {@link Backend} custom resource (timeouts in
 *       milliseconds, balance, cookie with attributes, checks with rise/fall) selected with {@code
 *       cr-backend} by the WebSocket routes' Ingresses — never together with backend annotations in
 *       one backend section.
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

  // cookie-persistence on the Service: annotations.md "Cookie Persistence" (v3.2.11) calls its use
  // on an Ingress deprecated ("Use this annotation at the Service or ConfigMap level instead"),
  // although 3.0 to 3.2 read it there too (IngressAnnotations.COOKIE_PERSISTENCE); it gives
  // `insert indirect nocache dynamic`, sticky across replicas. Only when WebSocket routes use the
  // app's own Service: a Service's annotations reach every backend made from it.
  private Map<String, String> serviceAnnotations(WebSocketApp app) {
    Map<String, String> a = new TreeMap<>();
    if (!s.backendResource
        && app.affinity().isPresent()
        && app.affinity().get() instanceof CookieAffinity c
        && app.routes().stream()
            .anyMatch(r -> r.isWebSocket() && RouteAnnotations.toOwnService(app, r))) {
      a.put(IngressAnnotations.COOKIE_PERSISTENCE.key(), c.name());
    }
    return a;
  }

  @Override
  public Rendering render(WebSocketApp app, RenderContext context) {
    Objects.requireNonNull(app, "app");
    Rendering.Builder out = Rendering.builder(displayName(), s.lenient);
    RouteAnnotations.Options options = new RouteAnnotations.Options(s.backendResource);
    RouteAnnotations.Report silent = RouteAnnotations.Report.silent();
    List<Ingresses.Group<Map<String, String>>> groups =
        Ingresses.group(app, r -> RouteAnnotations.of(app, List.of(r), options, silent));
    String subject =
        "Ingress "
            + app.namespace()
            + "/"
            + groups.stream()
                .filter(Ingresses.Group::isWebSocket)
                .findFirst()
                .orElse(groups.get(0))
                .name();
    Set<String> seen = new HashSet<>();
    // One backend section per Service port, shared by every Ingress that routes there
    // (IngressAnnotations.Scope.BACKEND): a WebSocket group sets it up before a plain one, groups
    // of one kind in name order (so that the output does not depend on the order of the routes,
    // which a converter reading it back cannot know), and a group that needs other backend
    // settings gets a backend section of its own.
    Map<RouteBackend, String> owner = new HashMap<>();
    Map<RouteBackend, Map<String, String>> ownerSettings = new HashMap<>();
    List<Ingresses.Group<Map<String, String>>> owners = new ArrayList<>(groups);
    owners.sort(
        java.util.Comparator.<Ingresses.Group<Map<String, String>>>comparingInt(
                g -> g.isWebSocket() ? 0 : 1)
            .thenComparing(Ingresses.Group::name));
    for (Ingresses.Group<Map<String, String>> g : owners) {
      Map<String, String> backendPart =
          RouteAnnotations.backendPart(RouteAnnotations.of(app, g.routes(), options, silent));
      for (Route r : g.routes()) {
        RouteBackend b = r.backend().orElseThrow();
        ownerSettings.putIfAbsent(b, backendPart);
        owner.putIfAbsent(b, g.name());
      }
    }
    Set<String> backendResources = new TreeSet<>();
    for (Ingresses.Group<Map<String, String>> g : groups) {
      String ingress = "Ingress " + app.namespace() + "/" + g.name();
      RouteAnnotations.Report report = RouteAnnotations.Report.into(out, seen, ingress);
      Map<String, String> a = RouteAnnotations.of(app, g.routes(), options, report);
      Map<String, String> backendPart = RouteAnnotations.backendPart(a);
      List<String> shared = new ArrayList<>();
      for (Route r : g.routes()) {
        RouteBackend b = r.backend().orElseThrow();
        if (!ownerSettings.get(b).equals(backendPart)) {
          shared.add(r.path() + " to " + b + " (also used by Ingress " + owner.get(b) + ")");
        }
      }
      if (!shared.isEmpty()) {
        a.put(IngressAnnotations.STANDALONE_BACKEND.key(), "true");
        report.add(
            HaProxyFinding.STANDALONE_BACKEND,
            "haproxytech puts the paths of every Ingress that routes to one Service port into one"
                + " backend section (annotations.md \"standalone-backend\"), and route "
                + String.join(", ", shared)
                + " needs other backend settings, so this Ingress gets backend sections of its"
                + " own with standalone-backend.");
      }
      if (a.containsKey(IngressAnnotations.CR_BACKEND.key())) {
        String ref = a.get(IngressAnnotations.CR_BACKEND.key());
        backendResources.add(ref.substring(ref.indexOf('/') + 1));
      }
      List<Ingresses.Path> paths = Ingresses.paths(g.routes());
      out.add(Ingresses.of(app, g.name(), s.ingressClass, a, true, paths));
    }
    if (!s.backendResource) {
      serviceFindings(app, context, out);
    }
    for (String name : backendResources) {
      backendResource(app, name, out);
    }
    configMap(app, subject, out);
    return out.build();
  }

  /**
   * What the Services need that are not rendered here, and what a Service annotation also does to
   * plain routes: haproxytech reads a Service's annotations first for every backend section made
   * from it (pkg/service/service.go New: the Service's annotations, then the Ingress's, then the
   * ConfigMap's), standalone ones too.
   */
  private void serviceFindings(WebSocketApp app, RenderContext context, Rendering.Builder out) {
    Map<String, String> service = serviceAnnotations(app);
    if (!service.isEmpty() && !context.includes("platform")) {
      out.add(
          // haproxytech/kubernetes-ingress v3.2.11 documentation/annotations.md: cookie-persistence
          // is a Service (backend) annotation
          HaProxyFinding.SERVICE_ANNOTATIONS.at(
              "Service " + app.namespace() + "/" + app.serviceName(),
              "haproxytech reads cookie-persistence from the Service only, which is not"
                  + " rendered here: "
                  + service
                  + "."));
    }
    if (app.affinity().isEmpty() || !(app.affinity().get() instanceof CookieAffinity c)) {
      return;
    }
    Map<String, List<String>> webSocketServices = new TreeMap<>();
    for (Route r : app.routes()) {
      if (r.isWebSocket()) {
        webSocketServices
            .computeIfAbsent(r.backend().orElseThrow().serviceName(), k -> new ArrayList<>())
            .add(r.path());
      }
    }
    for (Map.Entry<String, List<String>> e : webSocketServices.entrySet()) {
      if (e.getKey().equals(app.serviceName())) {
        continue;
      }
      out.add(
          HaProxyFinding.COOKIE_OTHER_SERVICE.at(
              "Service " + app.namespace() + "/" + e.getKey(),
              "WebSocket route "
                  + String.join(", ", e.getValue())
                  + " goes to Service "
                  + e.getKey()
                  + ", which wsingress does not render (only the app's own Service "
                  + app.serviceName()
                  + "); haproxytech takes cookie-persistence from the Service (annotations.md"
                  + " \"Cookie Persistence\": deprecated on an Ingress), so that Service needs "
                  + IngressAnnotations.COOKIE_PERSISTENCE.key()
                  + ": "
                  + c.name()
                  + " for sticky sessions."));
    }
    for (Route r : app.routes()) {
      String svc = r.backend().orElseThrow().serviceName();
      if (!r.isWebSocket() && webSocketServices.containsKey(svc)) {
        out.add(
            HaProxyFinding.COOKIE_PLAIN_ROUTE.at(
                "Service " + app.namespace() + "/" + svc,
                "cookie-persistence on Service "
                    + svc
                    + " also applies to plain route "
                    + r.path()
                    + ", which goes to the same Service: haproxytech reads the Service's"
                    + " annotations first for every backend section made from it, standalone"
                    + " ones too (pkg/service/service.go New)."));
      }
    }
  }

  /**
   * An idle timeout under {@link dev.wsingress.ServedRoute#RAISED_TIMEOUT} written as the tunnel
   * timeout: the doctor's rule (IngressReader), said by the rendering too.
   */
  private static void shortTunnel(WebSocketApp app, String subject, Rendering.Builder out) {
    Duration idle = app.idleTimeout();
    if (idle.compareTo(dev.wsingress.ServedRoute.RAISED_TIMEOUT) < 0) {
      out.add(
          HaProxyFinding.TUNNEL_TIMEOUT_SHORT.at(
              subject,
              "the idle timeout of "
                  + KeyChecks.show(idle)
                  + " is the tunnel timeout: HAProxy closes an upgraded WebSocket that sends"
                  + " nothing for "
                  + KeyChecks.show(idle)
                  + " (haproxy/haproxy v3.2.0 doc/configuration.txt \"timeout tunnel\"), unless"
                  + " the app pings more often."));
    }
  }

  private void backendResource(WebSocketApp app, String name, Rendering.Builder out) {
    shortTunnel(app, "Backend " + app.namespace() + "/" + name, out);
    Backend backend =
        new Backend(
            app.objectMeta(name), RouteAnnotations.backendSpec(app, name.equals(app.name())));
    if (s.version.isAtLeast(BACKEND_V3)) {
      out.add(backend);
      out.add(
          // haproxytech/kubernetes-ingress v3.2.11
          // crs/definition/ingress.v3.haproxy.org_backends.yaml: the Backend CR
          // ingress.v3.haproxy.org/v3 is defined from controller 3.2
          HaProxyFinding.VERSION_GATED.at(
              "Backend " + app.namespace() + "/" + name,
              "Backend ingress.v3.haproxy.org/v3 needs haproxytech kubernetes-ingress 3.2 or"
                  + " newer (rendering for "
                  + s.version
                  + ")."));
    } else {
      out.add(
          new BackendV1(
              backend.getMetadata(),
              new BackendV1.Spec(BackendV1.Config.of(name, backend.getSpec()))));
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

  private void configMap(WebSocketApp app, String subject, Rendering.Builder out) {
    if (s.backendResource) {
      // The Backend resource carries the tunnel and connect timeouts; an empty ConfigMap would
      // only risk overwriting the controller's own settings.
      return;
    }
    Map<String, String> data = new TreeMap<>();
    // ConfigMap only (annotations.md "Timeouts"): timeout-tunnel governs an upgraded WebSocket
    // in both directions; timeout-connect the TCP connect to a pod.
    data.put(
        IngressAnnotations.TIMEOUT_TUNNEL.key(),
        IngressAnnotations.TIMEOUT_TUNNEL.format(app.idleTimeout()));
    app.connectTimeout()
        .ifPresent(
            c ->
                data.put(
                    IngressAnnotations.TIMEOUT_CONNECT.key(),
                    IngressAnnotations.TIMEOUT_CONNECT.format(c)));
    if (s.configName == null) {
      boolean defaults =
          app.idleTimeout().equals(Duration.ofHours(1)) && app.connectTimeout().isEmpty();
      out.add(
          defaults
              // haproxytech/kubernetes-ingress v3.2.11 fs/usr/local/etc/haproxy/haproxy.cfg: the
              // defaults section has timeout tunnel 3600000 (1h)
              ? HaProxyFinding.TUNNEL_DEFAULT.at(
                  subject,
                  "timeout-tunnel is ConfigMap-only, and the idle timeout of 3600 s is its"
                      + " default.")
              // haproxytech/kubernetes-ingress v3.2.11 pkg/annotations/annotations.go:
              // timeout-tunnel and timeout-connect are Defaults annotations, read from the main
              // ConfigMap only (pkg/controller/global.go)
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
    shortTunnel(app, cmSubject, out);
    out.add(
        // haproxytech/kubernetes-ingress v3.2.11 pkg/utils/flags.go: the controller reads the
        // ConfigMap its --configmap flag names
        HaProxyFinding.CONFIGMAP_NAME.at(
            cmSubject,
            "haproxytech reads only the ConfigMap named by its --configmap argument (the Helm"
                + " chart: <namespace>/<release fullname>)."));
    out.add(
        // haproxytech/kubernetes-ingress v3.2.11 pkg/controller/global.go: the main ConfigMap's
        // keys go to HAProxy's defaults section, for every backend
        HaProxyFinding.CONTROLLER_WIDE.at(
            cmSubject,
            "the ConfigMap's keys apply to every backend of this controller, not only to "
                + app.name()
                + "."));
  }

  /** Backend CR timeouts are integer milliseconds. */
  static long millis(Duration d) {
    return d.toMillis();
  }

  /**
   * Reads manifests as haproxytech's controller of the configured release line reads them (3.2
   * unless {@link #version} says otherwise), and identifies the objects of the jcmoraisjr HAProxy
   * Ingress controller without claiming them: see {@link HaProxyReader}. The routes it reports name
   * this target configured as the input implies: the ingress class, the controller ConfigMap,
   * {@link #backendResource()} where a Backend resource is used, and 3.1 where it is {@code
   * ingress.v1.haproxy.org/v1}.
   *
   * <pre>{@code
   * Report r = Doctor.with(HaProxy.target().version("3.1")).check(Manifests.read(Path.of("k8s")));
   * }</pre>
   */
  @Override
  public void read(Manifests in, Reading out) {
    new HaProxyReader(this, in, out).read();
  }

  String ingressClassName() {
    return s.ingressClass;
  }

  Version release() {
    return s.version;
  }

  String configNamespace() {
    return s.configNamespace;
  }

  String configName() {
    return s.configName;
  }

  /**
   * This target with the options a reading implies; the lenient flag and the controller's service
   * account are kept.
   */
  HaProxy configured(
      String ingressClass,
      String configNamespace,
      String configName,
      boolean backendResource,
      Version version) {
    return new HaProxy(
        new Settings(
            ingressClass,
            configNamespace,
            configName,
            backendResource,
            s.lenient,
            version,
            s.controllerNamespace,
            s.controllerServiceAccount));
  }

  /** Equal when every option is: one configuration, one target (the converter groups by it). */
  @Override
  public boolean equals(Object other) {
    return other instanceof HaProxy h && s.equals(h.s);
  }

  @Override
  public int hashCode() {
    return s.hashCode();
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
