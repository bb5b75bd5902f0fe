package dev.wsingress.linkerd;

import dev.wsingress.Contributions;
import dev.wsingress.InvalidSpecException;
import dev.wsingress.Problem;
import dev.wsingress.RenderContext;
import dev.wsingress.Rendering;
import dev.wsingress.SpecRules;
import dev.wsingress.Target;
import dev.wsingress.WebSocketApp;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The Linkerd target: a mesh, not an ingress, so it renders with one ({@code Targets.render(app,
 * Nginx.target(), Linkerd.target(), Platform.target())}) and authorizes that ingress controller's
 * pods to reach the WebSocket pods.
 *
 * <ul>
 *   <li>a {@link Server} ({@code policy.linkerd.io/v1beta3}) for the app's port, {@code
 *       proxyProtocol: HTTP/1} (Linkerd proxies the upgrade transparently), access policy deny;
 *   <li>a {@link MeshTLSAuthentication} of the allowed clients by ServiceAccount ({@code
 *       identityRefs}), a {@link NetworkAuthentication} for allowed networks, and one {@link
 *       AuthorizationPolicy} per authentication (a policy requires all of its authentications, so
 *       each kind of client gets its own);
 *   <li>{@code linkerd.io/inject: enabled} and {@code config.linkerd.io/proxy-*} for the pod
 *       template (never a Service, where they do nothing).
 * </ul>
 *
 * <p>Without {@link #allowFrom}, the ingress controller of the same rendering is authorized by its
 * default ServiceAccount. Linkerd reads any {@code appProtocol} other than {@code http} as opaque
 * TCP, so it refuses the Gateway API target's {@code kubernetes.io/ws} on the same port.
 *
 * <pre>{@code
 * Rendering out = Targets.render(app, Nginx.target(), Linkerd.target(), Platform.target());
 * Linkerd.target().allowFrom(Linkerd.serviceAccount("edge", "ingress-nginx")).render(app);
 * }</pre>
 */
public final class Linkerd implements Target {
  /** A Kubernetes ServiceAccount whose pods may call the app (mesh TLS identity). */
  public record ServiceAccount(String namespace, String name) {}

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
  private final boolean lenient;

  /** For {@link java.util.ServiceLoader}; use {@link #target()}. */
  public Linkerd() {
    this(List.of(), List.of(), AccessPolicy.DENY, Map.of(), false);
  }

  private Linkerd(
      List<ServiceAccount> clients,
      List<String> networks,
      AccessPolicy accessPolicy,
      Map<String, String> proxyResources,
      boolean lenient) {
    this.clients = List.copyOf(clients);
    this.networks = List.copyOf(networks);
    this.accessPolicy = accessPolicy;
    this.proxyResources = proxyResources;
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
    List<Problem> problems = new ArrayList<>();
    SpecRules.dnsLabel(problems, "serviceAccount.namespace", namespace, 63);
    SpecRules.dnsSubdomain(problems, "serviceAccount.name", name);
    check(problems);
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
    return new Linkerd(all, networks, accessPolicy, proxyResources, lenient);
  }

  /**
   * Authorizes clients from this network (CIDR), such as a load balancer that reaches the pods
   * directly, outside the mesh.
   *
   * @throws InvalidSpecException when the CIDR is not an IPv4 or IPv6 CIDR
   */
  public Linkerd allowNetwork(String cidr) {
    boolean ok =
        cidr != null
            && (cidr.matches("([0-9]{1,3}\\.){3}[0-9]{1,3}/([0-9]|[12][0-9]|3[0-2])")
                || cidr.matches("[0-9a-fA-F:]+/([0-9]|[1-9][0-9]|1[01][0-9]|12[0-8])"));
    if (!ok) {
      throw InvalidSpecException.of(
          "Linkerd",
          "allowNetwork",
          cidr,
          "must be a CIDR such as 10.0.0.0/8 or fd00::/8",
          "give the network with its prefix length");
    }
    List<String> all = new ArrayList<>(networks);
    all.add(cidr);
    return new Linkerd(clients, all, accessPolicy, proxyResources, lenient);
  }

  /** The Server's policy for clients no authorization names ({@link AccessPolicy#DENY}). */
  public Linkerd accessPolicy(AccessPolicy policy) {
    if (policy == null) {
      throw InvalidSpecException.of(
          "Linkerd", "accessPolicy", null, "is required", "use AccessPolicy.DENY or AUDIT");
    }
    return new Linkerd(clients, networks, policy, proxyResources, lenient);
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
    values.put("proxy-cpu-request", cpuRequest);
    values.put("proxy-memory-request", memoryRequest);
    values.put("proxy-cpu-limit", cpuLimit);
    values.put("proxy-memory-limit", memoryLimit);
    List<Problem> problems = new ArrayList<>();
    Map<String, String> annotations = new TreeMap<>();
    for (Map.Entry<String, String> e : values.entrySet()) {
      String v = e.getValue();
      if (v == null || !v.matches("[0-9]+(\\.[0-9]+)?(m|k|Ki|M|Mi|G|Gi|T|Ti)?")) {
        problems.add(
            Problem.of(
                "proxyResources." + e.getKey(),
                v,
                "must be a Kubernetes quantity such as 100m or 64Mi",
                "write CPU in cores or millicores and memory with Mi or Gi"));
      } else {
        annotations.put("config.linkerd.io/" + e.getKey(), v);
      }
    }
    check(problems);
    return new Linkerd(clients, networks, accessPolicy, annotations, lenient);
  }

  /** Reports what Linkerd cannot do as warnings instead of failing. */
  @Override
  public Linkerd lenient() {
    return new Linkerd(clients, networks, accessPolicy, proxyResources, true);
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
    podAnnotations().forEach(out::podAnnotation);
    // Meshed pods call the control plane in namespace linkerd: identity (8080), destination
    // (8086) and policy (8090) services (linkerd2 charts/linkerd-control-plane).
    out.meshControlPlane("linkerd", 8080, 8086, 8090);
  }

  // proxy-injection.md: linkerd.io/inject on a Namespace or a workload's pod template;
  // proxy-configuration.md: config.linkerd.io/* there too.
  private Map<String, String> podAnnotations() {
    Map<String, String> a = new TreeMap<>(proxyResources);
    a.put("linkerd.io/inject", "enabled");
    return a;
  }

  @Override
  public Rendering render(WebSocketApp app, RenderContext context) {
    Objects.requireNonNull(app, "app");
    Rendering.Builder out = Rendering.builder("Linkerd", lenient);
    String subject = "Server " + app.namespace() + "/" + app.name();

    List<ServiceAccount> allowed = new ArrayList<>(clients);
    if (allowed.isEmpty()) {
      inferIngress(context, allowed, subject, out);
    }
    if (allowed.isEmpty() && networks.isEmpty()) {
      out.add(
          LinkerdFinding.NO_CLIENTS.at(
              subject,
              "the Server denies every client no AuthorizationPolicy names, and none is named:"
                  + " the ingress controller could not reach the WebSocket pods."));
    }
    String appProtocol = context.contributions().serviceAppProtocol().orElse(null);
    if (appProtocol != null && !appProtocol.equals("http")) {
      out.add(
          LinkerdFinding.APP_PROTOCOL_OPAQUE.at(
              "Service " + app.namespace() + "/" + app.serviceName(),
              context.contributions().serviceAppProtocolRequester().orElse("another target")
                  + " sets appProtocol "
                  + appProtocol
                  + ", which Linkerd reads as opaque TCP: no HTTP features, and the Server's"
                  + " HTTP/1 protocol would not match."));
    }

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
                "HTTP/1",
                accessPolicy.value)));
    AuthorizationPolicy.Ref server =
        new AuthorizationPolicy.Ref("policy.linkerd.io", "Server", app.name());
    if (!allowed.isEmpty()) {
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
        LinkerdFinding.DENY_BY_DEFAULT.at(
            subject,
            "once this Server exists, only these clients reach port "
                + (port.getIntVal() != null ? port.getIntVal().toString() : port.getStrVal())
                + ": "
                + describe(allowed)
                + "; everything else is refused."));
    if (accessPolicy == AccessPolicy.AUDIT) {
      out.add(
          LinkerdFinding.AUDIT.at(
              subject, "accessPolicy audit lets unauthorized clients through and only logs them."));
    }
    boolean deploymentRendered = context.includes("platform") && app.workload().isPresent();
    if (!deploymentRendered) {
      out.add(
          LinkerdFinding.POD_ANNOTATIONS.at(
              "Deployment " + app.namespace() + "/" + app.name(),
              "no Deployment is rendered here, so the pod-template annotations must be applied:"
                  + " kubectl -n "
                  + app.namespace()
                  + " patch deployment "
                  + app.name()
                  + " --type merge -p '"
                  + patch()
                  + "'"));
    }
    out.add(
        LinkerdFinding.TIMEOUTS.at(
            subject,
            "no timeout.linkerd.io annotations are written: Linkerd sets no request or idle"
                + " timeout by default, and whether a request timeout ends an upgraded"
                + " WebSocket is not documented."));
    return out.build();
  }

  private void inferIngress(
      RenderContext context, List<ServiceAccount> allowed, String subject, Rendering.Builder out) {
    for (Contributions.TrafficSource source : context.contributions().trafficSources()) {
      if (source.serviceAccount().isEmpty()) {
        continue;
      }
      ServiceAccount account = new ServiceAccount(source.namespace(), source.serviceAccount());
      if (!allowed.contains(account)) {
        allowed.add(account);
        out.add(
            LinkerdFinding.INGRESS_ACCOUNT.at(
                subject,
                "the "
                    + source.by()
                    + " target renders in the same set, so its default ServiceAccount "
                    + account.namespace()
                    + "/"
                    + account.name()
                    + " is authorized."));
      }
    }
  }

  private String patch() {
    StringBuilder b = new StringBuilder("{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{");
    boolean first = true;
    for (Map.Entry<String, String> e : podAnnotations().entrySet()) {
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

  @Override
  public String toString() {
    return "Linkerd[clients="
        + clients
        + (networks.isEmpty() ? "" : ", networks=" + networks)
        + ", accessPolicy="
        + accessPolicy
        + (proxyResources.isEmpty() ? "" : ", proxyResources=" + proxyResources.values())
        + (lenient ? ", lenient" : "")
        + "]";
  }
}
