package dev.wsingress.linkerd;

import dev.wsingress.BackendProtocol;
import dev.wsingress.Contributions;
import dev.wsingress.InvalidSpecException;
import dev.wsingress.Manifests;
import dev.wsingress.Problem;
import dev.wsingress.Reading;
import dev.wsingress.RenderContext;
import dev.wsingress.Rendering;
import dev.wsingress.Route;
import dev.wsingress.RouteBackend;
import dev.wsingress.ServedRoute;
import dev.wsingress.SpecRules;
import dev.wsingress.Target;
import dev.wsingress.Version;
import dev.wsingress.WebSocketApp;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Linkerd target: a mesh, not an ingress, so it renders with one ({@code Targets.render(app,
 * Nginx.target(), Linkerd.target(), Platform.target())}) and authorizes that ingress controller's
 * pods to reach the WebSocket pods. Its output is correct for Linkerd 2.16 and newer (the first
 * release with Server {@code v1beta3} and {@code accessPolicy}); {@link #version(String)} selects
 * the release line the cluster runs (default 2.20).
 *
 * <ul>
 *   <li>a {@link Server} ({@code policy.linkerd.io/v1beta3}) for the app's own pods (its labels) on
 *       their port: {@code proxyProtocol: HTTP/1} (Linkerd proxies the upgrade transparently), or
 *       {@code TLS} for an HTTPS backend; access policy deny. Routes to other Services get nothing:
 *       their pods are another app's ({@code LINKERD-BACKENDS-NOT-COVERED} names those of the
 *       WebSocket routes);
 *   <li>a {@link MeshTLSAuthentication} of the allowed clients by ServiceAccount ({@code
 *       identityRefs}), a {@link NetworkAuthentication} for allowed networks, and one {@link
 *       AuthorizationPolicy} per authentication (a policy requires all of its authentications, so
 *       each kind of client gets its own);
 *   <li>{@code linkerd.io/inject: enabled}, {@code config.linkerd.io/proxy-*} and, with a workload,
 *       the proxy's wait before exit for the pod template (never a Service, where they do nothing);
 *   <li>for the platform NetworkPolicy: the proxy's inbound port 4143, where meshed clients
 *       connect, the control plane's ports, and optionally the proxies' admin port 4191 for
 *       linkerd-viz.
 * </ul>
 *
 * <p>Without {@link #allowFrom}, the ingress controller of the same rendering is authorized by its
 * default ServiceAccount; its pods must be meshed too ({@code LINKERD-INGRESS-ACCOUNT} says how for
 * each controller). From Linkerd 2.18 a meshed client reads any {@code appProtocol} other than
 * {@code http} as opaque TCP, which a Server for HTTP/1 refuses, so the Gateway API target's {@code
 * kubernetes.io/ws} on the same port is an error there.
 *
 * <pre>{@code
 * Rendering out = Targets.render(app, Nginx.target(), Linkerd.target(), Platform.target());
 * Linkerd.target().version("2.18").allowFrom(Linkerd.serviceAccount("edge", "ingress-nginx"));
 * }</pre>
 */
public final class Linkerd implements Target {
  /**
   * A Kubernetes ServiceAccount whose pods may call the app (mesh TLS identity), as {@link
   * #serviceAccount} makes it.
   *
   * @param namespace the ServiceAccount's namespace (an RFC 1123 label)
   * @param name the ServiceAccount's name (an RFC 1123 subdomain)
   */
  public record ServiceAccount(String namespace, String name) {
    /**
     * Checks both names.
     *
     * @throws InvalidSpecException when either is not a valid name
     */
    public ServiceAccount {
      List<Problem> problems = new ArrayList<>();
      SpecRules.dnsLabel(problems, "serviceAccount.namespace", namespace, 63);
      SpecRules.dnsSubdomain(problems, "serviceAccount.name", name);
      check(problems);
    }
  }

  /**
   * The Linkerd release lines this target writes for, oldest first. Server {@code v1beta3} with
   * {@code accessPolicy} first shipped in 2.16 (linkerd2 version-2.16
   * charts/linkerd-crds/templates/policy/server.yaml; version-2.15 has v1beta2 without it).
   */
  static final List<Version> SUPPORTED =
      List.of(
          Version.of(2, 16),
          Version.of(2, 17),
          Version.of(2, 18),
          Version.of(2, 19),
          Version.of(2, 20));

  /**
   * linkerd2 version-2.18: the policy controller reads a Service port's appProtocol
   * (policy-controller/k8s/index/src/outbound/index.rs app_protocols; core/src/outbound.rs: "http"
   * and "kubernetes.io/h2c" are HTTP, anything else unknown, i.e. opaque); version-2.17 reads none.
   */
  static final Version APP_PROTOCOL_READ = Version.of(2, 18);

  /** The proxy's inbound port (linkerd2 charts/linkerd-control-plane values.yaml ports.inbound). */
  static final int PROXY_INBOUND_PORT = 4143;

  /** The proxy's admin and metrics port (values.yaml proxy.ports.admin). */
  static final int PROXY_ADMIN_PORT = 4191;

  /** The Server's default policy for clients no AuthorizationPolicy names. */
  public enum AccessPolicy {
    /** Refuse them (the v1beta3 default). */
    DENY("deny"),
    /** Let them through and log them, to find the clients before denying. */
    AUDIT("audit");

    private final String value;

    AccessPolicy(String value) {
      this.value = value;
    }
  }

  private final List<ServiceAccount> clients;
  private final List<String> networks;
  private final AccessPolicy accessPolicy;
  private final Map<String, String> proxyResources;
  private final String vizNamespace;
  private final Version version;
  private final boolean lenient;

  /** For {@link java.util.ServiceLoader}; use {@link #target()}. */
  public Linkerd() {
    this(
        List.of(),
        List.of(),
        AccessPolicy.DENY,
        Map.of(),
        null,
        SUPPORTED.get(SUPPORTED.size() - 1),
        false);
  }

  private Linkerd(
      List<ServiceAccount> clients,
      List<String> networks,
      AccessPolicy accessPolicy,
      Map<String, String> proxyResources,
      String vizNamespace,
      Version version,
      boolean lenient) {
    this.clients = List.copyOf(clients);
    this.networks = List.copyOf(networks);
    this.accessPolicy = accessPolicy;
    this.proxyResources = proxyResources;
    this.vizNamespace = vizNamespace;
    this.version = version;
    this.lenient = lenient;
  }

  /** The Linkerd target: deny by default, the rendered ingress controller allowed. */
  public static Linkerd target() {
    return new Linkerd();
  }

  /**
   * A ServiceAccount {@code namespace/name}.
   *
   * @throws InvalidSpecException when either is not a valid name
   */
  public static ServiceAccount serviceAccount(String namespace, String name) {
    return new ServiceAccount(namespace, name);
  }

  // The three helpers below are for rendering Linkerd without the ingress target: rendered in
  // the same set, the ingress target contributes its own ServiceAccount (trafficFrom) and Linkerd
  // authorizes it without being told. Linkerd cannot depend on those modules, hence the repeat.

  /**
   * ingress-nginx's ServiceAccount in its static manifests: {@code ingress-nginx/ingress-nginx}.
   */
  public static ServiceAccount ingressNginx() {
    return new ServiceAccount("ingress-nginx", "ingress-nginx");
  }

  /** Traefik's ServiceAccount in its Helm chart installed as {@code traefik/traefik}. */
  public static ServiceAccount traefik() {
    return new ServiceAccount("traefik", "traefik");
  }

  /**
   * haproxytech's ServiceAccount in its Helm chart installed as release {@code haproxy} in {@code
   * haproxy-controller}: {@code haproxy-controller/haproxy-kubernetes-ingress}.
   */
  public static ServiceAccount haproxy() {
    return new ServiceAccount("haproxy-controller", "haproxy-kubernetes-ingress");
  }

  private static void check(List<Problem> problems) {
    if (!problems.isEmpty()) {
      throw new InvalidSpecException("Linkerd", problems);
    }
  }

  /**
   * Authorizes the meshed pods of these ServiceAccounts (replacing the inferred ingress
   * controller).
   *
   * @throws InvalidSpecException when none is given or one is null
   */
  public Linkerd allowFrom(ServiceAccount... accounts) {
    List<Problem> problems = new ArrayList<>();
    if (accounts == null || accounts.length == 0) {
      problems.add(
          Problem.of(
              "allowFrom",
              null,
              "needs at least one ServiceAccount",
              "pass Linkerd.serviceAccount(namespace, name)"));
    } else {
      for (int i = 0; i < accounts.length; i++) {
        if (accounts[i] == null) {
          problems.add(
              Problem.of(
                  "allowFrom[" + i + "]",
                  null,
                  "is required",
                  "pass Linkerd.serviceAccount(namespace, name)"));
        }
      }
    }
    check(problems);
    List<ServiceAccount> all = new ArrayList<>(clients);
    all.addAll(List.of(accounts));
    return new Linkerd(all, networks, accessPolicy, proxyResources, vizNamespace, version, lenient);
  }

  /**
   * Authorizes clients from this network (CIDR), such as a load balancer that reaches the pods
   * directly, outside the mesh.
   *
   * @throws InvalidSpecException when the CIDR is not an IPv4 or IPv6 CIDR
   */
  public Linkerd allowNetwork(String cidr) {
    if (!Cidr.isValid(cidr)) {
      throw InvalidSpecException.of(
          "Linkerd",
          "allowNetwork",
          cidr,
          "must be a CIDR such as 10.0.0.0/8 or fd00::/8",
          "give the network with its prefix length");
    }
    List<String> all = new ArrayList<>(networks);
    all.add(cidr);
    return new Linkerd(clients, all, accessPolicy, proxyResources, vizNamespace, version, lenient);
  }

  /** The Server's policy for clients no authorization names ({@link AccessPolicy#DENY}). */
  public Linkerd accessPolicy(AccessPolicy policy) {
    if (policy == null) {
      throw InvalidSpecException.of(
          "Linkerd", "accessPolicy", null, "is required", "use AccessPolicy.DENY or AUDIT");
    }
    return new Linkerd(clients, networks, policy, proxyResources, vizNamespace, version, lenient);
  }

  /**
   * The Linkerd proxy's resources on the pod template ({@code config.linkerd.io/proxy-cpu-request},
   * {@code -memory-request}, {@code -cpu-limit}, {@code -memory-limit}); Kubernetes quantities.
   *
   * @throws InvalidSpecException when a quantity is invalid
   */
  public Linkerd proxyResources(
      String cpuRequest, String memoryRequest, String cpuLimit, String memoryLimit) {
    Map<String, String> values = new LinkedHashMap<>();
    List<String> given = java.util.Arrays.asList(cpuRequest, memoryRequest, cpuLimit, memoryLimit);
    for (int i = 0; i < given.size(); i++) {
      values.put(PodAnnotations.RESOURCES.get(i), given.get(i));
    }
    List<Problem> problems = new ArrayList<>();
    Map<String, String> annotations = new TreeMap<>();
    for (Map.Entry<String, String> e : values.entrySet()) {
      String v = e.getValue();
      if (v == null || !v.matches("[0-9]+(\\.[0-9]+)?(m|k|Ki|M|Mi|G|Gi|T|Ti)?")) {
        problems.add(
            Problem.of(
                "proxyResources." + e.getKey().substring("config.linkerd.io/".length()),
                v,
                "must be a Kubernetes quantity such as 100m or 64Mi",
                "write CPU in cores or millicores and memory with Mi or Gi"));
      } else {
        annotations.put(e.getKey(), v);
      }
    }
    check(problems);
    return new Linkerd(
        clients, networks, accessPolicy, annotations, vizNamespace, version, lenient);
  }

  /**
   * Lets linkerd-viz's Prometheus in {@code namespace} (usually {@code linkerd-viz}) scrape the
   * proxies' admin port {@value #PROXY_ADMIN_PORT} through the platform NetworkPolicy.
   *
   * @throws InvalidSpecException when the namespace name is invalid
   */
  public Linkerd vizMetrics(String namespace) {
    List<Problem> problems = new ArrayList<>();
    SpecRules.dnsLabel(problems, "vizMetrics", namespace, 63);
    check(problems);
    return new Linkerd(
        clients, networks, accessPolicy, proxyResources, namespace, version, lenient);
  }

  /**
   * Renders for this Linkerd release line ({@code 2.16} to {@code 2.20}; default {@code 2.20}).
   * Before 2.20 the proxy is an ordinary container by default, so the pod template also turns
   * native sidecars off for the proxy's wait before exit; before 2.18 Linkerd ignores {@code
   * appProtocol}. For an edge release, give the stable line it leads to.
   *
   * @throws InvalidSpecException when the text is not one of the supported release lines
   */
  public Linkerd version(String release) {
    Version v = Version.option("Linkerd", release, SUPPORTED);
    return new Linkerd(clients, networks, accessPolicy, proxyResources, vizNamespace, v, lenient);
  }

  @Override
  public List<Version> versions() {
    return SUPPORTED;
  }

  @Override
  public Optional<Version> version() {
    return Optional.of(version);
  }

  /** Reports what Linkerd cannot do as warnings instead of failing. */
  @Override
  public Linkerd lenient() {
    return new Linkerd(
        clients, networks, accessPolicy, proxyResources, vizNamespace, version, true);
  }

  @Override
  public String id() {
    return "linkerd";
  }

  @Override
  public String displayName() {
    return "Linkerd";
  }

  @Override
  public List<Class<? extends HasMetadata>> resourceTypes() {
    return List.of(
        Server.class,
        AuthorizationPolicy.class,
        MeshTLSAuthentication.class,
        NetworkAuthentication.class);
  }

  @Override
  public void contribute(WebSocketApp app, Contributions.Builder out) {
    PodAnnotations.of(app, version, proxyResources).forEach(out::podAnnotation);
    if (app.workload().isPresent()) {
      out.sidecarDrain(PodAnnotations.drain(app, version));
    }
    // Meshed pods call the control plane in namespace linkerd: identity (8080), destination
    // (8086) and policy (8090) services (linkerd2 charts/linkerd-control-plane).
    out.meshControlPlane("linkerd", 8080, 8086, 8090);
    // Meshed clients reach the pods on the proxy's inbound port: since 2.18 the destination
    // controller hints every meshed endpoint with OpaqueTransport{inboundPort} (version-2.18
    // controller/api/destination/endpoint_translator.go, forceOpaqueTransport from the chart's
    // default proxy.outboundTransportMode: transport-header), which the client proxy connects to
    // (linkerd2-proxy linkerd/app/outbound/src/http/concrete.rs PortOverride); before 2.18 only
    // opaque ports (such as Redis's 6379, in the default opaque-ports list) are sent there.
    // linkerd/website 2-edge common-errors/network-policy.md: "any NetworkPolicy which blocks the
    // Linkerd inbound port (4143) will block all meshed traffic".
    out.meshInboundPort(PROXY_INBOUND_PORT);
    if (vizNamespace != null) {
      out.sidecarPortFrom(vizNamespace, PROXY_ADMIN_PORT);
    }
  }

  @Override
  public Rendering render(WebSocketApp app, RenderContext context) {
    Objects.requireNonNull(app, "app");
    Rendering.Builder out = Rendering.builder("Linkerd", lenient);
    String subject = "Server " + app.namespace() + "/" + app.name();

    List<ServiceAccount> allowed = new ArrayList<>(clients);
    ingressAccounts(app, context, allowed, subject, out);
    if (allowed.isEmpty() && networks.isEmpty()) {
      out.add(
          // linkerd/linkerd2 version-2.20 policy-controller/k8s/index/src/inbound/index.rs:
          // client_authzs: a Server without authorizations admits no client
          LinkerdFinding.NO_CLIENTS.at(
              subject,
              "the Server denies every client no AuthorizationPolicy names, and none is named:"
                  + " the ingress controller could not reach the WebSocket pods."));
    }
    // An HTTPS backend is TLS from the client: a Server for HTTP/1 authorizes no TCP connection
    // (linkerd2-proxy release/v2.246.0 .. release/v2.359.0 linkerd/app/inbound/src/policy/tcp.rs
    // check_authorized: only Detect, Tls and Opaque carry TCP authorizations; linkerd2#9999
    // "proxyProtocol: HTTP/1 no longer works for vanilla HTTPS"). TLS keeps the mesh TLS
    // detection and skips HTTP detection (inbound/src/detect.rs), so identityRefs still apply.
    // Valid values: linkerd2 version-2.16 .. version-2.20
    // policy-controller/k8s/api/src/policy/server.rs ProxyProtocol.
    String proxyProtocol = app.backendProtocol() == BackendProtocol.HTTPS ? "TLS" : "HTTP/1";
    String appProtocol = context.contributions().serviceAppProtocol().orElse(null);
    if (appProtocol != null
        && version.isAtLeast(APP_PROTOCOL_READ)
        && proxyProtocol.equals("HTTP/1")
        && !appProtocol.equalsIgnoreCase("http")
        && !appProtocol.equalsIgnoreCase("kubernetes.io/h2c")) {
      out.add(
          // linkerd/linkerd2 version-2.20 policy-controller/k8s/index/src/outbound/index.rs:
          // app_protocols: "http" and "kubernetes.io/h2c" are HTTP, any other appProtocol opaque
          // (2.18 on)
          LinkerdFinding.APP_PROTOCOL_OPAQUE.at(
              "Service " + app.namespace() + "/" + app.serviceName(),
              context.contributions().serviceAppProtocolRequester().orElse("another target")
                  + " sets appProtocol "
                  + appProtocol
                  + ", which Linkerd 2.18 and newer read as opaque TCP (rendering for "
                  + version
                  + "): meshed clients would send the socket as TCP, which the Server's"
                  + " proxyProtocol HTTP/1 does not authorize."));
    }
    out.add(
        // linkerd/linkerd2 version-2.20 charts/linkerd-crds/templates/policy/server.yaml: Server
        // v1beta3 with accessPolicy, first in version-2.16
        LinkerdFinding.VERSION_GATED.at(
            subject,
            "Server policy.linkerd.io/v1beta3 with accessPolicy needs Linkerd 2.16 or newer"
                + " (rendering for "
                + version
                + ")."));

    // The Server's port is the pod's port: the workload's container port when it differs.
    IntOrString port =
        app.workload().isPresent() && app.workload().get().containerPort().isPresent()
            ? new IntOrString(app.workload().get().containerPort().getAsInt())
            : app.servicePort().isPresent()
                ? new IntOrString(app.servicePort().getAsInt())
                : new IntOrString(app.servicePortName().orElseThrow());
    out.add(
        new Server(
            app.objectMeta(app.name()),
            new Server.Spec(
                new LabelSelectorBuilder().withMatchLabels(app.labels()).build(),
                port,
                proxyProtocol,
                accessPolicy.value)));
    AuthorizationPolicy.Ref server =
        new AuthorizationPolicy.Ref("policy.linkerd.io", "Server", app.name());
    if (!allowed.isEmpty()) {
      // A set: the same clients in any order (of allowFrom calls or of the rendered targets)
      // give the same object.
      allowed.sort(
          Comparator.comparing(ServiceAccount::namespace).thenComparing(ServiceAccount::name));
      List<MeshTLSAuthentication.IdentityRef> refs = new ArrayList<>();
      for (ServiceAccount sa : allowed) {
        refs.add(
            new MeshTLSAuthentication.IdentityRef("ServiceAccount", sa.name(), sa.namespace()));
      }
      String name = app.name() + "-clients";
      out.add(
          new MeshTLSAuthentication(
              app.objectMeta(name), new MeshTLSAuthentication.Spec(null, refs)));
      out.add(authorization(app, app.name() + "-mesh", server, "MeshTLSAuthentication", name));
    }
    if (!networks.isEmpty()) {
      List<NetworkAuthentication.Network> nets = new ArrayList<>();
      for (String cidr : networks) {
        nets.add(new NetworkAuthentication.Network(cidr));
      }
      String name = app.name() + "-networks";
      out.add(
          new NetworkAuthentication(app.objectMeta(name), new NetworkAuthentication.Spec(nets)));
      out.add(authorization(app, app.name() + "-network", server, "NetworkAuthentication", name));
    }
    out.add(
        // linkerd/linkerd2 version-2.20 policy-controller/k8s/index/src/inbound/index.rs:
        // client_authzs: a port with a Server admits only the clients its authorizations name,
        // whatever the default policy
        LinkerdFinding.DENY_BY_DEFAULT.at(
            subject,
            "once this Server exists, only these clients reach port "
                + (port.getIntVal() != null ? port.getIntVal().toString() : port.getStrVal())
                + ": "
                + describe(allowed)
                + "; everything else is refused."));
    if (accessPolicy == AccessPolicy.AUDIT) {
      out.add(
          // linkerd/linkerd2 version-2.20 policy-controller/k8s/index/src/defaults.rs: Audit: "all
          // traffic is let through, but gets audited"
          LinkerdFinding.AUDIT.at(
              subject, "accessPolicy audit lets unauthorized clients through and only logs them."));
    }
    otherBackends(app, subject, out);
    boolean deploymentRendered = context.includes("platform") && app.workload().isPresent();
    if (!deploymentRendered) {
      out.add(
          // linkerd/linkerd2 version-2.20 pkg/inject/inject.go: the injector reads
          // linkerd.io/inject and config.linkerd.io/* from the pod (template) and its namespace
          LinkerdFinding.POD_ANNOTATIONS.at(
              "Deployment " + app.namespace() + "/" + app.name(),
              "no Deployment is rendered here, so the pod-template annotations must be applied:"
                  + " kubectl -n "
                  + app.namespace()
                  + " patch deployment "
                  + app.name()
                  + " --type merge -p '"
                  + patch(app)
                  + "'"));
    }
    out.add(
        // linkerd/linkerd2 version-2.20 policy-controller/k8s/api/src/policy/server.rs: a Server
        // (and the authorization policies rendered with it) has no timeout field
        LinkerdFinding.TIMEOUTS.at(
            subject,
            "no timeout.linkerd.io annotations are written: Linkerd sets no request or idle"
                + " timeout by default, and whether a request timeout ends an upgraded"
                + " WebSocket is not documented."));
    return out.build();
  }

  /**
   * The WebSocket routes to Services other than the app's own: the Server selects the app's pods
   * only (its podSelector is the app's labels), so theirs get none of this target's objects.
   */
  private static void otherBackends(WebSocketApp app, String subject, Rendering.Builder out) {
    Map<RouteBackend, List<String>> others = new LinkedHashMap<>();
    for (Route r : app.routes()) {
      RouteBackend b = r.backend().orElseThrow();
      if (r.isWebSocket() && !b.serviceName().equals(app.serviceName())) {
        others
            .computeIfAbsent(b, k -> new ArrayList<>())
            .add(r.path() + (r.match() == Route.Match.EXACT ? " (exact)" : ""));
      }
    }
    if (others.isEmpty()) {
      return;
    }
    List<String> named = new ArrayList<>();
    for (Map.Entry<RouteBackend, List<String>> e : others.entrySet()) {
      named.add(e.getKey() + " (" + String.join(", ", e.getValue()) + ")");
    }
    // linkerd2 version-2.16 .. version-2.20 charts/linkerd-control-plane/values.yaml
    // proxy.defaultInboundPolicy: "The default allow policy to use when no `Server` selects a
    // pod", default "all-unauthenticated"; pkg/k8s/labels.go ProxyDefaultInboundPolicyAnnotation
    // config.linkerd.io/default-inbound-policy overrides it per namespace or workload.
    out.add(
        LinkerdFinding.BACKENDS_NOT_COVERED.at(
            subject,
            "WebSocket routes go to Services whose pods this target renders nothing for: "
                + String.join(", ", named)
                + ". The Server, its authorization and the pod-template annotations (injection,"
                + " the proxy's settings and its wait while the pod drains) cover only the app's"
                + " own pods behind "
                + app.serviceName()
                + "; pods no Server selects get the default inbound policy (the installation's"
                + " proxy.defaultInboundPolicy, all-unauthenticated unless changed, or"
                + " config.linkerd.io/default-inbound-policy)."));
  }

  /**
   * The ingress controllers of the rendering: authorized by their default ServiceAccount unless
   * {@link #allowFrom} names the clients, and in every case to be meshed.
   */
  private void ingressAccounts(
      WebSocketApp app,
      RenderContext context,
      List<ServiceAccount> allowed,
      String subject,
      Rendering.Builder out) {
    boolean infer = clients.isEmpty();
    for (Contributions.TrafficSource source : context.contributions().trafficSources()) {
      if (source.serviceAccount().isEmpty()) {
        continue;
      }
      ServiceAccount account = new ServiceAccount(source.namespace(), source.serviceAccount());
      String named = account.namespace() + "/" + account.name();
      String message;
      if (infer) {
        if (allowed.contains(account)) {
          continue;
        }
        allowed.add(account);
        message =
            "the "
                + source.by()
                + " target renders in the same set, so its default ServiceAccount "
                + named
                + " is authorized, but only a meshed pod carries that identity: "
                + IngressMeshing.steps(source, app)
                + ".";
      } else if (allowed.contains(account)) {
        message =
            "ServiceAccount "
                + named
                + " of the "
                + source.by()
                + " target is authorized, but only a meshed pod carries that identity: "
                + IngressMeshing.steps(source, app)
                + ".";
      } else {
        message =
            "the "
                + source.by()
                + " target renders in the same set, but its default ServiceAccount "
                + named
                + " is not one of .allowFrom(...): unless the controller runs under one of them,"
                + " its requests are refused.";
      }
      // linkerd/linkerd2 version-2.20
      // policy-controller/k8s/api/src/policy/meshtls_authentication.rs: MeshTLSAuthentication
      // identityRefs name ServiceAccounts, whose identity only a meshed pod's proxy presents
      out.add(LinkerdFinding.INGRESS_ACCOUNT.at(subject, message));
    }
  }

  private String patch(WebSocketApp app) {
    StringBuilder b = new StringBuilder("{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{");
    boolean first = true;
    for (Map.Entry<String, String> e : PodAnnotations.of(app, version, proxyResources).entrySet()) {
      b.append(first ? "" : ",")
          .append('"')
          .append(e.getKey())
          .append("\":\"")
          .append(e.getValue())
          .append('"');
      first = false;
    }
    return b.append("}}}}}").toString();
  }

  private String describe(List<ServiceAccount> allowed) {
    List<String> parts = new ArrayList<>();
    for (ServiceAccount sa : allowed) {
      parts.add("ServiceAccount " + sa.namespace() + "/" + sa.name());
    }
    for (String cidr : networks) {
      parts.add("network " + cidr);
    }
    return parts.isEmpty() ? "none" : String.join(", ", parts);
  }

  private static AuthorizationPolicy authorization(
      WebSocketApp app, String name, AuthorizationPolicy.Ref server, String kind, String authn) {
    return new AuthorizationPolicy(
        app.objectMeta(name),
        new AuthorizationPolicy.Spec(
            server, List.of(new AuthorizationPolicy.Ref("policy.linkerd.io", kind, authn))));
  }

  /**
   * Reads Linkerd's objects as its policy controller and proxy injector do: {@code
   * policy.linkerd.io} Servers, ServerAuthorizations, AuthorizationPolicies and authentications
   * (what the API server deprecates, drops or the admission webhook refuses), and the {@code
   * linkerd.io/inject} and {@code config.linkerd.io/*} annotations of workloads, Namespaces and
   * Services (values it refuses, keys it does not know or does not read there). Linkerd serves no
   * routes of its own; {@link #judge} checks what it does to other targets' WebSocket routes.
   *
   * <p>For the converter each Server is the app's mesh options ({@code ServedApp}): the Linkerd
   * target its authorizations, access policy and pod annotations configure, and the backend
   * protocol its {@code proxyProtocol} implies; for objects wsingress did not render, what the
   * target cannot render again is reported ({@code CORE-IMPORT-NOT-CARRIED}).
   */
  @Override
  public void read(Manifests in, Reading out) {
    Policies.check(in, out);
    PodAnnotations.check(in, out);
    MeshFacts.read(in, out);
  }

  /**
   * Judges the WebSocket routes of every target whose backend pods are meshed (or may be): a Server
   * that locks the route's ingress controller out, a {@code proxyProtocol} that cannot carry the
   * traffic, a NetworkPolicy that blocks the proxy's inbound port, a proxy that stops before the
   * pods' drain ends. The Linkerd release is this target's {@link #version(String)}.
   */
  @Override
  public void judge(Manifests in, List<ServedRoute> routes, Reading out) {
    MeshRules.judge(version, in, routes, out);
  }

  @Override
  public String toString() {
    return "Linkerd[clients="
        + clients
        + (networks.isEmpty() ? "" : ", networks=" + networks)
        + ", accessPolicy="
        + accessPolicy
        + (proxyResources.isEmpty() ? "" : ", proxyResources=" + proxyResources.values())
        + (vizNamespace == null ? "" : ", vizMetrics=" + vizNamespace)
        + (version.equals(SUPPORTED.get(SUPPORTED.size() - 1)) ? "" : ", version=" + version)
        + (lenient ? ", lenient" : "")
        + "]";
  }
}
