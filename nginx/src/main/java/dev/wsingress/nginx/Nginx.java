package dev.wsingress.nginx;

import dev.wsingress.Contributions;
import dev.wsingress.Finding;
import dev.wsingress.Ingresses;
import dev.wsingress.InvalidSpecException;
import dev.wsingress.Manifests;
import dev.wsingress.Problem;
import dev.wsingress.RateLimit;
import dev.wsingress.Reading;
import dev.wsingress.RenderContext;
import dev.wsingress.Rendering;
import dev.wsingress.Route;
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
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The ingress-nginx target (kubernetes/ingress-nginx): {@code networking.k8s.io/v1} Ingresses whose
 * annotations carry every setting of the spec, one per group of routes with equal annotations
 * ({@link Ingresses#group}: the WebSocket routes with the WebSocket settings, plain HTTP routes
 * with only their own, rewritten routes with {@code rewrite-target}), and optionally the controller
 * ConfigMap.
 *
 * <p>The output is correct for ingress-nginx <b>v1.10 and newer</b> (up to v1.15, the last
 * release); {@link #version(String)} selects the release line the cluster runs, and what differs
 * between them (the admission webhook's path check, the snippet gates, ConfigMap keys added later)
 * follows it. ingress-nginx is retired (best-effort maintenance ended March 2026); every rendering
 * says so in an {@code NGINX-RETIRED} finding.
 *
 * <pre>{@code
 * Rendering out = Nginx.target()
 *     .version("1.12")
 *     .ingressClass("nginx")
 *     .controllerServiceAccount("ingress-nginx", "ingress-nginx")
 *     .render(app);
 * }</pre>
 *
 * <p>Instances are immutable; every option returns a changed copy and rejects bad input at once
 * with an {@link InvalidSpecException}.
 *
 * <p>Sources cited in the comments: kubernetes/ingress-nginx at tag controller-v1.15.1 unless a
 * release is named (each version-dependent fact was read at every tag it names); F5
 * nginx/kubernetes-ingress v5.0.0 to v5.5.4; nginx/nginx release-1.22.1.
 */
public final class Nginx implements Target {
  /** The default IngressClass name. */
  public static final String DEFAULT_INGRESS_CLASS = "nginx";

  /**
   * The release lines this target writes for, oldest first: every annotation and ConfigMap key it
   * writes exists in controller-v1.10.0 (internal/ingress/annotations, internal/ingress/controller/
   * config/config.go), except those {@link ControllerConfig} marks with a later release.
   */
  public static final List<Version> SUPPORTED =
      List.of(
          Version.of(1, 10),
          Version.of(1, 11),
          Version.of(1, 12),
          Version.of(1, 13),
          Version.of(1, 14),
          Version.of(1, 15));

  // The official static manifests (deploy/static/provider/*) and the Helm chart released as
  // ingress-nginx run the controller in namespace ingress-nginx as ServiceAccount ingress-nginx.
  private static final String DEFAULT_NAMESPACE = "ingress-nginx";
  private static final String DEFAULT_SERVICE_ACCOUNT = "ingress-nginx";

  private record Settings(
      String ingressClass,
      ControllerConfig controllerConfig,
      String rawServerSnippet,
      boolean lenient,
      Version version,
      String controllerNamespace,
      String controllerServiceAccount,
      Integer backendTlsVerifyDepth) {}

  private final Settings s;

  /** For {@link java.util.ServiceLoader}; use {@link #target()}. */
  public Nginx() {
    this(
        new Settings(
            DEFAULT_INGRESS_CLASS,
            null,
            null,
            false,
            SUPPORTED.get(SUPPORTED.size() - 1),
            null,
            null,
            null));
  }

  private Nginx(Settings settings) {
    this.s = settings;
  }

  /** The ingress-nginx target with default options (IngressClass {@code nginx}, v1.15, strict). */
  public static Nginx target() {
    return new Nginx();
  }

  /**
   * The ingress-nginx release line the cluster runs, {@code 1.10} to {@code 1.15} (default {@code
   * 1.15}). From v1.12 the admission webhook refuses Exact and Prefix paths outside {@code
   * [[:alnum:]._-/]} and snippets need {@code annotations-risk-level: Critical}; ConfigMap keys
   * added after v1.10 are written only for releases that read them.
   *
   * @throws InvalidSpecException when the version is not one of {@link #SUPPORTED}
   */
  public Nginx version(String version) {
    Version v = Version.option("Nginx", version, SUPPORTED);
    return new Nginx(
        new Settings(
            s.ingressClass,
            s.controllerConfig,
            s.rawServerSnippet,
            s.lenient,
            v,
            s.controllerNamespace,
            s.controllerServiceAccount,
            s.backendTlsVerifyDepth));
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
  public Nginx ingressClass(String name) {
    List<Problem> problems = new ArrayList<>();
    if (!SpecRules.dnsSubdomain(problems, "ingressClass", name)) {
      throw new InvalidSpecException("Nginx", problems);
    }
    return new Nginx(
        new Settings(
            name,
            s.controllerConfig,
            s.rawServerSnippet,
            s.lenient,
            s.version,
            s.controllerNamespace,
            s.controllerServiceAccount,
            s.backendTlsVerifyDepth));
  }

  /**
   * Names the controller ConfigMap {@code namespace/name} (the one the controller's {@code
   * --configmap} argument names: {@code ingress-nginx/ingress-nginx-controller} for the static
   * manifests), with no keys of its own: nothing is rendered for it, but the controller is known to
   * run in {@code namespace} (see {@link #controllerServiceAccount}). The app's timeouts stay on
   * its Ingress. Use {@link #controllerConfig(ControllerConfig)} to set controller-wide keys.
   *
   * @throws InvalidSpecException when the namespace or name is invalid
   */
  public Nginx controllerConfig(String namespace, String name) {
    return controllerConfig(ControllerConfig.in(namespace, name));
  }

  /**
   * Also renders the controller ConfigMap described by {@code config}, with exactly the keys set on
   * it. The controller is then taken to run in the ConfigMap's namespace, unless {@link
   * #controllerServiceAccount} says otherwise.
   */
  public Nginx controllerConfig(ControllerConfig config) {
    if (config == null) {
      throw InvalidSpecException.of(
          "Nginx",
          "controllerConfig",
          null,
          "is required",
          "use ControllerConfig.in(\"ingress-nginx\", \"ingress-nginx-controller\")");
    }
    return new Nginx(
        new Settings(
            s.ingressClass,
            config,
            s.rawServerSnippet,
            s.lenient,
            s.version,
            s.controllerNamespace,
            s.controllerServiceAccount,
            s.backendTlsVerifyDepth));
  }

  /**
   * Where the controller's pods run: their namespace and ServiceAccount. The platform NetworkPolicy
   * admits traffic from that namespace, and Linkerd authorizes that ServiceAccount. Without this
   * option: the namespace of {@link #controllerConfig} and, when its name follows the Helm chart's
   * {@code <fullname>-controller} (charts/ingress-nginx/templates/_helpers.tpl {@code
   * ingress-nginx.controller.fullname}), the ServiceAccount {@code <fullname>} ({@code
   * ingress-nginx.serviceAccountName}); with neither, {@code ingress-nginx/ingress-nginx} (the
   * static manifests and the chart released as {@code ingress-nginx}).
   *
   * @throws InvalidSpecException when the namespace or name is invalid
   */
  public Nginx controllerServiceAccount(String namespace, String name) {
    List<Problem> problems = new ArrayList<>();
    SpecRules.dnsLabel(problems, "controllerServiceAccount.namespace", namespace, 63);
    SpecRules.dnsSubdomain(problems, "controllerServiceAccount.name", name);
    if (!problems.isEmpty()) {
      throw new InvalidSpecException("Nginx", problems);
    }
    return new Nginx(
        new Settings(
            s.ingressClass,
            s.controllerConfig,
            s.rawServerSnippet,
            s.lenient,
            s.version,
            namespace,
            name,
            s.backendTlsVerifyDepth));
  }

  /**
   * {@code proxy-ssl-verify-depth} for an HTTPS backend verified with {@code backendCaSecret}: how
   * many intermediate CA certificates may stand between the backend's certificate and the CA in the
   * Secret. ingress-nginx defaults to 1 (internal/ingress/annotations/proxyssl/main.go {@code
   * defaultProxySSLVerifyDepth}), which accepts one intermediate that the backend sends (measured
   * with nginx 1.22.1 and OpenSSL 3.0: depth 1 passes a chain with one intermediate and fails one
   * with two); give 2 or more for longer chains.
   *
   * @throws InvalidSpecException when the depth is not from 1 to 10
   */
  public Nginx backendTlsVerifyDepth(int depth) {
    List<Problem> problems = new ArrayList<>();
    if (!SpecRules.range(problems, "backendTlsVerifyDepth", depth, 1, 10)) {
      throw new InvalidSpecException("Nginx", problems);
    }
    return new Nginx(
        new Settings(
            s.ingressClass,
            s.controllerConfig,
            s.rawServerSnippet,
            s.lenient,
            s.version,
            s.controllerNamespace,
            s.controllerServiceAccount,
            depth));
  }

  /**
   * Raw escape hatch: puts {@code snippet} verbatim into the server block through the {@code
   * server-snippet} annotation. Every rendering then reports {@code NGINX-RAW-SNIPPET}: the
   * controller refuses snippets unless its administrator opens its gates. The snippet is read with
   * nginx's own tokenizer (comments, quotes, escapes) and must consist of whole directives that
   * stay inside the server block: no {@code }} that closes it, no block other than {@code if} and
   * {@code types} (so no {@code server}, {@code http}, {@code events}, {@code stream}, {@code
   * upstream}, {@code map}...), no {@code location} blocks, no file or code loading directives
   * ({@code include}, {@code root}, {@code alias}, {@code *_by_lua}, {@code load_module}), no
   * {@code proxy_pass}, no control characters other than newlines.
   *
   * @throws InvalidSpecException when the snippet breaks one of those rules
   */
  public Nginx rawServerSnippet(String snippet) {
    List<Problem> problems = new ArrayList<>();
    RawSnippets.check(problems, "rawServerSnippet", snippet);
    if (!problems.isEmpty()) {
      throw new InvalidSpecException("Nginx", problems);
    }
    return new Nginx(
        new Settings(
            s.ingressClass,
            s.controllerConfig,
            snippet,
            s.lenient,
            s.version,
            s.controllerNamespace,
            s.controllerServiceAccount,
            s.backendTlsVerifyDepth));
  }

  /**
   * Renders what ingress-nginx can only approximate, reporting warnings instead of failing: a
   * connect timeout above 75 s becomes 75 s; a path the admission webhook refuses is rendered
   * unchanged; settings it cannot express are left out, among them an HTTPS backend without a CA
   * (the Ingress then proxies plain HTTP rather than unverified HTTPS) and ConfigMap keys the
   * selected release does not read.
   */
  @Override
  public Nginx lenient() {
    return new Nginx(
        new Settings(
            s.ingressClass,
            s.controllerConfig,
            s.rawServerSnippet,
            true,
            s.version,
            s.controllerNamespace,
            s.controllerServiceAccount,
            s.backendTlsVerifyDepth));
  }

  @Override
  public String id() {
    return "nginx";
  }

  @Override
  public String displayName() {
    return "ingress-nginx";
  }

  @Override
  public List<Class<? extends HasMetadata>> resourceTypes() {
    return List.of(Ingress.class, ConfigMap.class);
  }

  @Override
  public void contribute(WebSocketApp app, Contributions.Builder out) {
    // The controller proxies straight to the endpoints it reads (no kube-proxy), so Service
    // sessionAffinity does not reach its traffic.
    out.trafficFrom(controllerNamespace(), controllerAccount()).balancesOverEndpoints();
  }

  private String controllerNamespace() {
    if (s.controllerNamespace != null) {
      return s.controllerNamespace;
    }
    return s.controllerConfig != null ? s.controllerConfig.namespace : DEFAULT_NAMESPACE;
  }

  /** The controller's ServiceAccount, or null when it cannot be known. */
  private String controllerAccount() {
    if (s.controllerServiceAccount != null) {
      return s.controllerServiceAccount;
    }
    if (s.controllerConfig == null) {
      return DEFAULT_SERVICE_ACCOUNT;
    }
    String name = s.controllerConfig.name;
    return name.endsWith("-controller") && name.length() > "-controller".length()
        ? name.substring(0, name.length() - "-controller".length())
        : null;
  }

  @Override
  public Rendering render(WebSocketApp app, RenderContext context) {
    Objects.requireNonNull(app, "app");
    Rendering.Builder out = Rendering.builder("ingress-nginx", s.lenient);
    RouteAnnotations.Options options =
        new RouteAnnotations.Options(s.version, s.backendTlsVerifyDepth);
    RouteAnnotations.Report silent = RouteAnnotations.Report.silent(s.lenient);
    List<Ingresses.Group<Map<String, String>>> groups =
        Ingresses.group(app, r -> RouteAnnotations.of(app, List.of(r), options, silent));
    Map<Route, String> ingressOf = new HashMap<>();
    for (Ingresses.Group<Map<String, String>> g : groups) {
      g.routes().forEach(r -> ingressOf.put(r, "Ingress " + app.namespace() + "/" + g.name()));
    }
    String subject = "Ingress " + app.namespace() + "/" + groups.get(0).name();
    out.add(
        // kubernetes/ingress-nginx controller-v1.15.1 README.md: "Ingress NGINX Retirement":
        // best-effort maintenance ended March 2026
        NginxFinding.RETIRED.at(
            subject,
            "ingress-nginx is retired: best-effort maintenance ended in March 2026 and there are"
                + " no further releases or security fixes."));
    if (s.ingressClass.equals(DEFAULT_INGRESS_CLASS)) {
      // F5 NGINX Ingress Controller v5.0.0 to v5.5.4: --ingress-class defaults to "nginx"
      // (cmd/nginx-ingress/flags.go), the controller name is nginx.org/ingress-controller
      // (internal/k8s/controller.go), and no non-test Go file names nginx.ingress.kubernetes.io.
      out.add(
          NginxFinding.INGRESS_CLASS_AMBIGUOUS.at(
              subject,
              "IngressClass \"nginx\" is the default name of both ingress-nginx"
                  + " (controller k8s.io/ingress-nginx) and F5 NGINX Ingress Controller"
                  + " (nginx.org/ingress-controller), which reads none of these annotations."));
    }
    StrictPaths.check(
        app,
        s.version,
        s.controllerConfig == null ? null : s.controllerConfig.strictValidatePathType(),
        ingressOf::get,
        out);
    renderIngresses(app, groups, options, out);
    if (s.controllerConfig != null) {
      s.controllerConfig.render(app, s.version, out);
    }
    return out.build();
  }

  /**
   * One Ingress per group of routes with equal annotations ({@link Ingresses#group}): WebSocket
   * routes with the WebSocket settings, plain routes with their own, rewritten routes apart.
   */
  private void renderIngresses(
      WebSocketApp app,
      List<Ingresses.Group<Map<String, String>>> groups,
      RouteAnnotations.Options options,
      Rendering.Builder out) {
    Set<String> seen = new HashSet<>();
    List<String> webSocketIngresses = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      Ingresses.Group<Map<String, String>> g = groups.get(i);
      RouteAnnotations.Report report =
          RouteAnnotations.Report.into(out, seen, "Ingress " + app.namespace() + "/" + g.name());
      Map<String, String> annotations = RouteAnnotations.of(app, g.routes(), options, report);
      if (i == 0 && s.rawServerSnippet != null) {
        RouteAnnotations.serverSnippet(s.rawServerSnippet, s.version, annotations, report);
      }
      List<Ingresses.Path> paths = new ArrayList<>(g.routes().size());
      for (Route r : g.routes()) {
        paths.add(
            r.rewrite().isPresent()
                ? Ingresses.Path.implementationSpecific(r, Rewrites.regexPath(r))
                : Ingresses.Path.of(r));
      }
      out.add(Ingresses.of(app, g.name(), s.ingressClass, annotations, true, paths));
      if (g.isWebSocket()) {
        webSocketIngresses.add(g.name());
      }
    }
    if (webSocketIngresses.size() > 1
        && (app.rateLimit().isPresent() || app.maxConnectionsPerClient().isPresent())) {
      // internal/ingress/annotations/ratelimit/main.go: zoneName is
      // <namespace>_<ingress name>_<uid>, for limit-connections, limit-rps and limit-rpm alike.
      String keys =
          app.rateLimit().isEmpty()
              ? "limit-connections counts"
              : (app.rateLimit().get().period() == RateLimit.Period.SECOND
                      ? "limit-rps"
                      : "limit-rpm")
                  + (app.maxConnectionsPerClient().isPresent()
                      ? " and limit-connections count"
                      : " counts");
      out.add(
          NginxFinding.LIMIT_PER_INGRESS.at(
              "Ingress " + app.namespace() + "/" + webSocketIngresses.get(0),
              keys
                  + " per Ingress (internal/ingress/annotations/ratelimit/main.go: one zone per"
                  + " Ingress), and the WebSocket routes are on "
                  + webSocketIngresses.size()
                  + " Ingresses ("
                  + String.join(", ", webSocketIngresses)
                  + "): a client gets the limit on each of them."));
    }
  }

  /**
   * Reads the Ingresses ingress-nginx serves, the controller ConfigMap and the controller's
   * Deployment when the input has them (see the README's ingress-nginx section for the rules). What
   * the input does not say is read with this target's options: the release line ({@link
   * #version(String)}) decides the release-dependent defaults (annotation validation, the snippet
   * gates, strict path validation) unless the input has the controller's image.
   *
   * <pre>{@code
   * Reading r = Reading.of(Nginx.target().version("1.11"), Manifests.read(Path.of("k8s")));
   * Report report = Doctor.with(Nginx.target()).check(Manifests.read(Path.of("k8s")));
   * }</pre>
   */
  @Override
  public void read(Manifests in, Reading out) {
    new IngressReader(this, in, out).read();
  }

  /**
   * This target as it serves an Ingress of class {@code className} from the controller {@code c}:
   * its release line and its ConfigMap (wsingress's own in full; another only by name, since its
   * keys belong to the controller and are carried into each route instead).
   */
  Nginx servingAs(String className, Controllers.Controller c, boolean managed) {
    String cls = s.ingressClass;
    if (className != null) {
      List<Problem> problems = new ArrayList<>();
      if (SpecRules.dnsSubdomain(problems, "ingressClass", className)) {
        cls = className;
      }
    }
    ControllerConfig config = s.controllerConfig;
    Controllers.Wide w = c.wide;
    if (w.configMap != null && w.managed) {
      config = ControllerConfig.read(w.configMap.namespace(), w.configMap.name(), w.data);
    } else if (w.configMap != null) {
      config = ControllerConfig.named(w.configMap.namespace(), w.configMap.name());
    } else if (c.configMapName != null) {
      int slash = c.configMapName.indexOf('/');
      config =
          ControllerConfig.named(
              c.configMapName.substring(0, slash), c.configMapName.substring(slash + 1));
    }
    String controllerNamespace = s.controllerNamespace;
    String controllerAccount = s.controllerServiceAccount;
    if (c.workload != null) {
      String account =
          c.workload
              .podTemplate()
              .orElseThrow()
              .path("spec")
              .path("serviceAccountName")
              .asText("default");
      List<Problem> problems = new ArrayList<>();
      if (!c.workload.namespace().isEmpty()
          && SpecRules.dnsSubdomain(problems, "controllerServiceAccount", account)) {
        controllerNamespace = c.workload.namespace();
        controllerAccount = account;
      }
    }
    return new Nginx(
        new Settings(
            cls,
            config,
            managed ? null : s.rawServerSnippet,
            s.lenient,
            c.workload != null ? c.version : s.version,
            controllerNamespace,
            controllerAccount,
            managed ? null : s.backendTlsVerifyDepth));
  }

  /** This target with a server snippet read from an Ingress wsingress rendered (checked then). */
  Nginx withRawServerSnippetUnchecked(String snippet) {
    return new Nginx(
        new Settings(
            s.ingressClass,
            s.controllerConfig,
            snippet,
            s.lenient,
            s.version,
            s.controllerNamespace,
            s.controllerServiceAccount,
            s.backendTlsVerifyDepth));
  }

  /** Equal when every option is equal: one instance per configuration, as the converter groups. */
  @Override
  public boolean equals(Object other) {
    return other instanceof Nginx n && s.equals(n.s);
  }

  @Override
  public int hashCode() {
    return s.hashCode();
  }

  @Override
  public String toString() {
    return "Nginx[ingressClass="
        + s.ingressClass
        + ", version="
        + s.version
        + (s.controllerConfig != null ? ", " + s.controllerConfig : "")
        + (s.controllerServiceAccount != null
            ? ", controllerServiceAccount="
                + s.controllerNamespace
                + "/"
                + s.controllerServiceAccount
            : "")
        + (s.backendTlsVerifyDepth != null
            ? ", backendTlsVerifyDepth=" + s.backendTlsVerifyDepth
            : "")
        + (s.rawServerSnippet != null ? ", rawServerSnippet" : "")
        + (s.lenient ? ", lenient" : "")
        + "]";
  }

  /**
   * The ingress-nginx controller ConfigMap: only keys ingress-nginx reads (configmap.md), typed.
   * Keys other controllers use ({@code proxy-buffers}, {@code worker-connections}: F5 NGINX Ingress
   * Controller) or that no longer exist ({@code ssl-prefer-server-ciphers}, {@code
   * http2-max-field-size}) cannot be written. The ConfigMap carries exactly the keys set here: the
   * app's timeouts and buffering are on its Ingress and are not copied, since a ConfigMap key
   * applies to every Ingress of the controller (1 h upstream idle timeouts for every plain HTTP app
   * too). A key that a supported release does not read yet is written only when rendering for a
   * release that reads it.
   *
   * <pre>{@code
   * ControllerConfig.in("ingress-nginx", "ingress-nginx-controller")
   *     .maxWorkerConnections(10240)
   *     .workerShutdownTimeout(Duration.ofMinutes(4))
   *     .limitStatusCodes(429);
   * }</pre>
   */
  public static final class ControllerConfig {
    private final String namespace;
    private final String name;
    private final Map<String, String> data;

    private ControllerConfig(String namespace, String name, Map<String, String> data) {
      this.namespace = namespace;
      this.name = name;
      this.data = data;
    }

    /**
     * The ConfigMap {@code namespace/name}.
     *
     * @throws InvalidSpecException when either is not a valid name
     */
    public static ControllerConfig in(String namespace, String name) {
      List<Problem> problems = new ArrayList<>();
      SpecRules.dnsLabel(problems, "controllerConfig.namespace", namespace, 63);
      SpecRules.dnsSubdomain(problems, "controllerConfig.name", name);
      if (!problems.isEmpty()) {
        throw new InvalidSpecException("Nginx.ControllerConfig", problems);
      }
      return new ControllerConfig(namespace, name, new TreeMap<>());
    }

    /** The ConfigMap {@code namespace/name} as the input names it (not validated again). */
    static ControllerConfig named(String namespace, String name) {
      return new ControllerConfig(namespace, name, new TreeMap<>());
    }

    /**
     * The ControllerConfig that renders {@code data} (a ConfigMap wsingress rendered), through the
     * typed options; a key none of them writes, or a value one refuses, is left out.
     */
    static ControllerConfig read(String namespace, String name, Map<String, String> data) {
      ControllerConfig c = named(namespace, name);
      Map<String, String> d = new TreeMap<>(data);
      for (Map.Entry<String, String> e : d.entrySet()) {
        try {
          c = c.readKey(e.getKey(), e.getValue(), d);
        } catch (IllegalArgumentException ex) {
          // not one of the values wsingress writes: left out
        }
      }
      return c;
    }

    private ControllerConfig readKey(String key, String value, Map<String, String> all) {
      switch (key) {
        case "proxy-read-timeout":
          return proxyReadTimeout(Duration.ofSeconds(IngressAnnotations.atoi(value)));
        case "proxy-send-timeout":
          return proxySendTimeout(Duration.ofSeconds(IngressAnnotations.atoi(value)));
        case "proxy-connect-timeout":
          return proxyConnectTimeout(Duration.ofSeconds(IngressAnnotations.atoi(value)));
        case "proxy-buffer-size":
          return proxyBufferSize(value);
        case "proxy-buffers-number":
          return proxyBuffersNumber(IngressAnnotations.atoi(value));
        case "proxy-busy-buffers-size":
          return proxyBusyBuffersSize(value);
        case "proxy-max-temp-file-size":
          return proxyMaxTempFileSize(value);
        case "upstream-keepalive-connections":
          return upstreamKeepalive(
              IngressAnnotations.atoi(value),
              IngressAnnotations.atoi(all.get("upstream-keepalive-requests")),
              Duration.ofSeconds(IngressAnnotations.atoi(all.get("upstream-keepalive-timeout"))));
        case "upstream-keepalive-requests", "upstream-keepalive-timeout":
          return this; // with upstream-keepalive-connections
        case "worker-processes":
          return value.equals("auto")
              ? workerProcessesAuto()
              : workerProcesses(IngressAnnotations.atoi(value));
        case "max-worker-connections":
          return maxWorkerConnections(IngressAnnotations.atoi(value));
        case "worker-shutdown-timeout":
          if (!value.endsWith("s")) {
            throw new IllegalArgumentException("not seconds: " + value);
          }
          return workerShutdownTimeout(
              Duration.ofSeconds(IngressAnnotations.atoi(value.substring(0, value.length() - 1))));
        case "limit-req-status-code":
          if (!value.equals(all.get("limit-conn-status-code"))) {
            throw new IllegalArgumentException("the two status codes differ");
          }
          return limitStatusCodes(IngressAnnotations.atoi(value));
        case "limit-conn-status-code":
          return this; // with limit-req-status-code
        case "log-format-upstream":
          return logFormatUpstream(value);
        case "ssl-protocols":
          return sslProtocols(value.split(" "));
        case "ssl-ciphers":
          return sslCiphers(value);
        case "use-http2":
          return useHttp2(IngressAnnotations.parseBool(value));
        case "large-client-header-buffers":
          String[] parts = value.split(" ");
          if (parts.length != 2) {
            throw new IllegalArgumentException("not <number> <size>: " + value);
          }
          return largeClientHeaderBuffers(IngressAnnotations.atoi(parts[0]), parts[1]);
        case "use-proxy-protocol":
          return useProxyProtocol(IngressAnnotations.parseBool(value));
        case "strict-validate-path-type":
          return strictValidatePathType(IngressAnnotations.parseBool(value));
        default:
          throw new IllegalArgumentException("not a key wsingress writes: " + key);
      }
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof ControllerConfig c
          && namespace.equals(c.namespace)
          && name.equals(c.name)
          && data.equals(c.data);
    }

    @Override
    public int hashCode() {
      return Objects.hash(namespace, name, data);
    }

    private ControllerConfig with(String key, String value) {
      Map<String, String> copy = new TreeMap<>(data);
      copy.put(key, value);
      return new ControllerConfig(namespace, name, copy);
    }

    private static void check(boolean ok, String field, Object value, String rule, String fix) {
      if (!ok) {
        throw InvalidSpecException.of("Nginx.ControllerConfig", field, value, rule, fix);
      }
    }

    private static void checkSeconds(String field, Duration d, long max) {
      List<Problem> problems = new ArrayList<>();
      if (!SpecRules.wholeSeconds(
          problems, field, d, Duration.ofSeconds(1), Duration.ofSeconds(max))) {
        throw new InvalidSpecException("Nginx.ControllerConfig", problems);
      }
    }

    private static void checkSize(String field, String size) {
      check(
          size != null && size.matches("[0-9]{1,9}[kKmM]?"),
          field,
          size,
          "must be an nginx size: digits with an optional k or m suffix",
          "write it like \"4k\" or \"1024m\"");
    }

    /**
     * Controller-wide {@code proxy-read-timeout} (integer seconds) for every Ingress without its
     * own; the app's Ingress always carries the app's value.
     */
    public ControllerConfig proxyReadTimeout(Duration timeout) {
      checkSeconds("proxyReadTimeout", timeout, WebSocketApp.MAX_IDLE_TIMEOUT.getSeconds());
      return with("proxy-read-timeout", IngressAnnotations.seconds(timeout));
    }

    /**
     * Controller-wide {@code proxy-send-timeout} (integer seconds) for every Ingress without its
     * own; the app's Ingress always carries the app's value.
     */
    public ControllerConfig proxySendTimeout(Duration timeout) {
      checkSeconds("proxySendTimeout", timeout, WebSocketApp.MAX_IDLE_TIMEOUT.getSeconds());
      return with("proxy-send-timeout", IngressAnnotations.seconds(timeout));
    }

    /** Controller-wide {@code proxy-connect-timeout}: at most 75 s (configmap.md). */
    public ControllerConfig proxyConnectTimeout(Duration timeout) {
      checkSeconds("proxyConnectTimeout", timeout, IngressAnnotations.MAX_CONNECT_SECONDS);
      return with("proxy-connect-timeout", IngressAnnotations.seconds(timeout));
    }

    /** {@code proxy-buffer-size}, such as {@code 4k}. */
    public ControllerConfig proxyBufferSize(String size) {
      checkSize("proxyBufferSize", size);
      return with("proxy-buffer-size", size);
    }

    /**
     * {@code proxy-buffers-number}: the number of buffers ({@code proxy-buffers: "8 4k"} is an F5
     * NGINX Ingress Controller key; here it is this number plus {@link #proxyBufferSize}).
     */
    public ControllerConfig proxyBuffersNumber(int number) {
      check(
          number >= 1 && number <= 1024,
          "proxyBuffersNumber",
          number,
          "must be from 1 to 1024",
          "use the number of buffers, such as 8");
      return with("proxy-buffers-number", Integer.toString(number));
    }

    /** {@code proxy-busy-buffers-size}, such as {@code 8k}: read from ingress-nginx v1.13 on. */
    public ControllerConfig proxyBusyBuffersSize(String size) {
      checkSize("proxyBusyBuffersSize", size);
      return with("proxy-busy-buffers-size", size);
    }

    /** {@code proxy-max-temp-file-size}, such as {@code 1024m}. */
    public ControllerConfig proxyMaxTempFileSize(String size) {
      checkSize("proxyMaxTempFileSize", size);
      return with("proxy-max-temp-file-size", size);
    }

    /**
     * Keep-alive to the pods ({@code upstream-keepalive-connections}, {@code -requests}, {@code
     * -timeout}). An upgraded WebSocket leaves the pool, so these matter only for plain HTTP.
     */
    public ControllerConfig upstreamKeepalive(int connections, int requests, Duration timeout) {
      check(
          connections >= 0 && connections <= 100_000,
          "upstreamKeepalive.connections",
          connections,
          "must be from 0 to 100000",
          "use the default 320");
      check(
          requests >= 1 && requests <= 10_000_000,
          "upstreamKeepalive.requests",
          requests,
          "must be from 1 to 10000000",
          "use the default 10000");
      checkSeconds("upstreamKeepalive.timeout", timeout, 3600);
      return with("upstream-keepalive-connections", Integer.toString(connections))
          .with("upstream-keepalive-requests", Integer.toString(requests))
          .with("upstream-keepalive-timeout", IngressAnnotations.seconds(timeout));
    }

    /** {@code worker-processes}: a number of worker processes. */
    public ControllerConfig workerProcesses(int processes) {
      check(
          processes >= 1 && processes <= 1024,
          "workerProcesses",
          processes,
          "must be from 1 to 1024",
          "use workerProcessesAuto() for one per CPU");
      return with("worker-processes", Integer.toString(processes));
    }

    /** {@code worker-processes: auto}: one worker per CPU (the default). */
    public ControllerConfig workerProcessesAuto() {
      return with("worker-processes", "auto");
    }

    /**
     * {@code max-worker-connections} (default 16384): every open WebSocket holds two, one to the
     * client and one to the pod. ingress-nginx has no {@code worker-connections} key.
     */
    public ControllerConfig maxWorkerConnections(int connections) {
      check(
          connections >= 1 && connections <= 10_000_000,
          "maxWorkerConnections",
          connections,
          "must be from 1 to 10000000",
          "use the default 16384 or more");
      return with("max-worker-connections", Integer.toString(connections));
    }

    /**
     * {@code worker-shutdown-timeout} (default 240s): how long old workers keep WebSockets open
     * after a configuration reload before closing them.
     */
    public ControllerConfig workerShutdownTimeout(Duration timeout) {
      checkSeconds("workerShutdownTimeout", timeout, WebSocketApp.MAX_IDLE_TIMEOUT.getSeconds());
      return with("worker-shutdown-timeout", timeout.getSeconds() + "s");
    }

    /**
     * The status code for refused handshakes ({@code limit-req-status-code} and {@code
     * limit-conn-status-code}; 503 by default).
     */
    public ControllerConfig limitStatusCodes(int statusCode) {
      check(
          statusCode >= 400 && statusCode <= 599,
          "limitStatusCodes",
          statusCode,
          "must be an HTTP error status from 400 to 599",
          "use 429 (Too Many Requests)");
      String code = Integer.toString(statusCode);
      return with("limit-req-status-code", code).with("limit-conn-status-code", code);
    }

    /** {@code log-format-upstream}: the access log format (nginx variables allowed). */
    public ControllerConfig logFormatUpstream(String format) {
      List<Problem> problems = new ArrayList<>();
      // The template wraps the format in single quotes inside log_format ...;
      if (!SpecRules.safeText(problems, "logFormatUpstream", format, "'{};\\", false, 2048)) {
        throw new InvalidSpecException("Nginx.ControllerConfig", problems);
      }
      return with("log-format-upstream", format);
    }

    /** {@code ssl-protocols}: any of {@code TLSv1.2} and {@code TLSv1.3}. */
    public ControllerConfig sslProtocols(String... protocols) {
      check(
          protocols != null
              && protocols.length > 0
              && Arrays.stream(protocols).allMatch(p -> "TLSv1.2".equals(p) || "TLSv1.3".equals(p)),
          "sslProtocols",
          protocols == null ? null : String.join(" ", Arrays.asList(protocols)),
          "must be one or both of TLSv1.2 and TLSv1.3",
          "use sslProtocols(\"TLSv1.2\", \"TLSv1.3\")");
      return with("ssl-protocols", String.join(" ", protocols));
    }

    /**
     * {@code ssl-ciphers}: an OpenSSL cipher list, names separated by ':' (at most 2048
     * characters).
     */
    public ControllerConfig sslCiphers(String ciphers) {
      // Checked name by name: a regex repeating a group per name recurses once per element in
      // java.util.regex and overflows the stack on a few thousand names.
      boolean ok = ciphers != null && !ciphers.isEmpty() && ciphers.length() <= 2048;
      if (ok) {
        for (String cipher : ciphers.split(":", -1)) {
          ok &= !cipher.isEmpty() && cipher.chars().allMatch(ControllerConfig::cipherChar);
        }
      }
      check(
          ok,
          "sslCiphers",
          ciphers,
          "must be an OpenSSL cipher list of at most 2048 characters: names of A-Z, a-z, 0-9, '_',"
              + " '+', '!' and '-', separated by ':'",
          "write it like \"ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256\"");
      return with("ssl-ciphers", ciphers);
    }

    private static boolean cipherChar(int c) {
      return (c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '_'
          || c == '+'
          || c == '!'
          || c == '-';
    }

    /** {@code use-http2} for client connections (WebSockets still use HTTP/1.1). */
    public ControllerConfig useHttp2(boolean on) {
      return with("use-http2", Boolean.toString(on));
    }

    /**
     * {@code large-client-header-buffers}, such as 4 buffers of 16k: the replacement of the
     * deprecated {@code http2-max-field-size} and {@code http2-max-header-size}.
     */
    public ControllerConfig largeClientHeaderBuffers(int number, String size) {
      check(
          number >= 1 && number <= 64,
          "largeClientHeaderBuffers.number",
          number,
          "must be from 1 to 64",
          "use 4");
      checkSize("largeClientHeaderBuffers.size", size);
      return with("large-client-header-buffers", number + " " + size);
    }

    /** {@code use-proxy-protocol}: whether the load balancer in front sends PROXY protocol. */
    public ControllerConfig useProxyProtocol(boolean on) {
      return with("use-proxy-protocol", Boolean.toString(on));
    }

    /**
     * {@code strict-validate-path-type} (true by default from v1.12, false before: config.go {@code
     * StrictValidatePathType}): whether the admission webhook refuses Exact and Prefix paths with
     * characters other than letters, digits, {@code _ - / .}. The nginx target judges the app's
     * paths by this value when it is set.
     */
    public ControllerConfig strictValidatePathType(boolean on) {
      return with("strict-validate-path-type", Boolean.toString(on));
    }

    /** The {@code strict-validate-path-type} set here, or null. */
    Boolean strictValidatePathType() {
      String v = data.get("strict-validate-path-type");
      return v == null ? null : Boolean.valueOf(v);
    }

    /**
     * Keys the oldest supported release does not read, with the release that added them:
     * proxy-busy-buffers-size came with "Config/Annotations: Add proxy-busy-buffers-size" (#12433,
     * first in controller-v1.13.0; absent from internal/ingress/defaults/main.go in every v1.12
     * tag).
     */
    static final Map<String, Version> SINCE = Map.of("proxy-busy-buffers-size", Version.of(1, 13));

    /** Adds this ConfigMap (or, with no keys, a finding why it is not rendered) to {@code out}. */
    void render(WebSocketApp app, Version version, Rendering.Builder out) {
      String cmSubject = "ConfigMap " + namespace + "/" + name;
      Map<String, String> all = new TreeMap<>();
      for (Map.Entry<String, String> e : data.entrySet()) {
        Version since = SINCE.get(e.getKey());
        if (since == null) {
          all.put(e.getKey(), e.getValue());
        } else if (version.isAtLeast(since)) {
          all.put(e.getKey(), e.getValue());
          out.add(
              // kubernetes/ingress-nginx controller-v1.15.1
              // internal/ingress/controller/config/config.go: the ConfigMap keys each release reads
              // (the release a key came with is cited at its constant)
              NginxFinding.VERSION_GATED.at(
                  cmSubject,
                  e.getKey()
                      + " needs ingress-nginx v"
                      + since
                      + " or newer (rendering for v"
                      + version
                      + ")."));
        } else {
          out.add(
              // kubernetes/ingress-nginx controller-v1.15.1
              // internal/ingress/controller/config/config.go: the ConfigMap keys each release reads
              // (the release a key came with is cited at its constant)
              NginxFinding.VERSION_UNSUPPORTED.at(
                  cmSubject,
                  e.getKey()
                      + " is read from ingress-nginx v"
                      + since
                      + " on; v"
                      + version
                      + " ignores it, so "
                      + e.getKey()
                      + ": "
                      + SpecRules.show(e.getValue())
                      + " is not written."));
        }
      }
      if (all.isEmpty()) {
        out.add(
            NginxFinding.CONTROLLER_CONFIG_EMPTY.at(
                cmSubject,
                "no controller-wide key is set, so the ConfigMap is not rendered; the app's"
                    + " timeouts and buffering are on its Ingress only."));
        return;
      }
      ConfigMap cm =
          new ConfigMapBuilder()
              .withMetadata(
                  new ObjectMetaBuilder()
                      .withName(name)
                      .withNamespace(namespace)
                      .withLabels(Map.of("app.kubernetes.io/managed-by", "wsingress"))
                      .build())
              .withData(all)
              .build();
      out.add(cm);
      out.add(
          // kubernetes/ingress-nginx controller-v1.15.1 pkg/flags/flags.go: the controller reads
          // the ConfigMap its --configmap flag names
          NginxFinding.CONFIGMAP_NAME.at(
              Finding.subjectOf(cm),
              "ingress-nginx reads only the ConfigMap named by its --configmap argument:"
                  + " ingress-nginx/ingress-nginx-controller for the static manifests,"
                  + " <release>-ingress-nginx-controller for Helm."));
      out.add(
          // kubernetes/ingress-nginx controller-v1.15.1
          // internal/ingress/controller/config/config.go: the ConfigMap keys configure the whole
          // nginx of the controller
          NginxFinding.CONTROLLER_WIDE.at(
              Finding.subjectOf(cm),
              "the ConfigMap's keys apply to every Ingress of this controller, not only to "
                  + app.name()
                  + "."));
    }

    @Override
    public String toString() {
      return "ControllerConfig[" + namespace + "/" + name + ", " + data.keySet() + "]";
    }
  }
}
