package dev.wsingress.platform;

import dev.wsingress.AcmeIssuer;
import dev.wsingress.ClientIpAffinity;
import dev.wsingress.Contributions;
import dev.wsingress.Finding;
import dev.wsingress.InvalidSpecException;
import dev.wsingress.Manifests;
import dev.wsingress.Problem;
import dev.wsingress.Reading;
import dev.wsingress.RenderContext;
import dev.wsingress.Rendering;
import dev.wsingress.Route;
import dev.wsingress.RouteBackend;
import dev.wsingress.ServedRoute;
import dev.wsingress.Severity;
import dev.wsingress.SpecRules;
import dev.wsingress.Target;
import dev.wsingress.WebSocketApp;
import dev.wsingress.Workload;
import io.fabric8.kubernetes.api.model.ClientIPConfig;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ExecAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Lifecycle;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodAntiAffinity;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.SessionAffinityConfig;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.CrossVersionObjectReference;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingPolicy;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRules;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricIdentifier;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricTarget;
import io.fabric8.kubernetes.api.model.autoscaling.v2.PodsMetricSource;
import io.fabric8.kubernetes.api.model.autoscaling.v2.ResourceMetricSource;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The controller-neutral objects of a WebSocket app, whatever edge it runs behind:
 *
 * <ul>
 *   <li>the app's own backend <b>Service</b> ({@link WebSocketApp#serviceName()}: named port, the
 *       app's labels as selector, a metrics port, {@code sessionAffinity: ClientIP} for client-IP
 *       affinity when a WebSocket route goes to it), carrying what other targets of the rendering
 *       need on it ({@link Contributions}). Routes to other Services ({@code Route.to(...)}) are
 *       referenced, not rendered ({@code CORE-SERVICES-REFERENCED}); a route to the app's Service
 *       must name one of its ports ({@code CORE-SERVICE-PORT-MISSING});
 *   <li>with a {@link Workload}: a <b>Deployment</b> (probes on the health path, a preStop drain on
 *       the app container and a termination grace period longer than it, spread across nodes, the
 *       pod-template annotations other targets need, such as the meshes' sidecar holds), a
 *       <b>PodDisruptionBudget</b>, a <b>NetworkPolicy</b> (ingress from the controllers of the
 *       rendering, selected by {@code kubernetes.io/metadata.name}, on the app port and a mesh
 *       proxy's inbound port; egress to DNS, declared dependencies and the mesh control plane), a
 *       <b>HorizontalPodAutoscaler</b> on CPU, memory and open sockets with the prometheus-adapter
 *       rule that exposes them, and a <b>ServiceMonitor</b> ({@link #serviceMonitorLabels} for the
 *       Prometheus that selects it);
 *   <li>with {@code Tls.issuedBy(AcmeIssuer...)}: a cert-manager <b>Certificate</b> where the edge
 *       reads the Secret, and its <b>ClusterIssuer</b> ({@code ingressClassName}, or the {@code
 *       class} annotation for a controller that reads only that, such as Istio).
 * </ul>
 *
 * <p>{@link #wscatPod} (with {@link #wscatNetworkPolicy}) and {@link #k6Script} give test tools for
 * the app: wscat tests the first WebSocket route to the app's own Service from inside the cluster
 * ({@link #serviceUrl}), k6 the first WebSocket route through the edge ({@link #publicUrl}).
 *
 * <pre>{@code
 * Rendering all = Targets.render(app, Nginx.target(), Platform.target());
 * Pod probe = Platform.wscatPod(app);
 * }</pre>
 */
public final class Platform implements Target {
  /** The default name of the Service port. */
  public static final String DEFAULT_PORT_NAME = "http-ws";

  /** Where Prometheus runs, by default: the namespace allowed to scrape the metrics port. */
  public static final String DEFAULT_MONITORING_NAMESPACE = "monitoring";

  /** The name of the metrics port of the Service and the container. */
  static final String METRICS_PORT_NAME = "metrics";

  private final String portName;
  private final List<String> ingressNamespaces;
  private final String monitoringNamespace;
  private final String adapterNamespace;
  private final String adapterName;
  private final Map<String, String> serviceMonitorLabels;
  private final boolean lenient;

  /** For {@link java.util.ServiceLoader}; use {@link #target()}. */
  public Platform() {
    this(
        DEFAULT_PORT_NAME,
        List.of(),
        DEFAULT_MONITORING_NAMESPACE,
        "custom-metrics",
        "adapter-config",
        Map.of(),
        false);
  }

  private Platform(
      String portName,
      List<String> ingressNamespaces,
      String monitoringNamespace,
      String adapterNamespace,
      String adapterName,
      Map<String, String> serviceMonitorLabels,
      boolean lenient) {
    this.portName = portName;
    this.ingressNamespaces = List.copyOf(ingressNamespaces);
    this.monitoringNamespace = monitoringNamespace;
    this.adapterNamespace = adapterNamespace;
    this.adapterName = adapterName;
    this.serviceMonitorLabels = serviceMonitorLabels;
    this.lenient = lenient;
  }

  /** The platform target with default options. */
  public static Platform target() {
    return new Platform();
  }

  private static void check(List<Problem> problems) {
    if (!problems.isEmpty()) {
      throw new InvalidSpecException("Platform", problems);
    }
  }

  /**
   * Names the Service and container port ({@value #DEFAULT_PORT_NAME} by default; an {@code http-}
   * prefix declares the protocol to Istio, which otherwise sniffs it).
   *
   * @throws InvalidSpecException when the name is not an IANA service name, or is {@code metrics},
   *     the name of the metrics port
   */
  public Platform portName(String name) {
    List<Problem> problems = new ArrayList<>();
    if (SpecRules.portName(problems, "portName", name) && name.equals(METRICS_PORT_NAME)) {
      // Port names are unique per Service and per container (core/v1 validation).
      problems.add(
          Problem.of(
              "portName",
              name,
              "is the name of the metrics port (Workload.metricsPort)",
              "use a name like \"http-ws\""));
    }
    check(problems);
    return new Platform(
        name,
        ingressNamespaces,
        monitoringNamespace,
        adapterNamespace,
        adapterName,
        serviceMonitorLabels,
        lenient);
  }

  /**
   * Lets pods of these namespaces reach the app port through the NetworkPolicy, in addition to the
   * ingress controllers rendered in the same set (ingress-nginx, traefik, haproxy-controller,
   * istio-system). Needed for a Gateway API implementation's namespace.
   *
   * @throws InvalidSpecException when a namespace name is invalid
   */
  public Platform ingressFrom(String... namespaces) {
    List<Problem> problems = new ArrayList<>();
    List<String> all = new ArrayList<>(ingressNamespaces);
    if (namespaces == null || namespaces.length == 0) {
      problems.add(
          Problem.of("ingressFrom", null, "needs at least one namespace", "name the namespace"));
    } else {
      for (int i = 0; i < namespaces.length; i++) {
        if (SpecRules.dnsLabel(problems, "ingressFrom[" + i + "]", namespaces[i], 63)) {
          all.add(namespaces[i]);
        }
      }
    }
    check(problems);
    return new Platform(
        portName,
        all,
        monitoringNamespace,
        adapterNamespace,
        adapterName,
        serviceMonitorLabels,
        lenient);
  }

  /**
   * The namespace Prometheus scrapes from ({@value #DEFAULT_MONITORING_NAMESPACE}).
   *
   * @throws InvalidSpecException when the name is invalid
   */
  public Platform monitoringNamespace(String namespace) {
    List<Problem> problems = new ArrayList<>();
    SpecRules.dnsLabel(problems, "monitoringNamespace", namespace, 63);
    check(problems);
    return new Platform(
        portName,
        ingressNamespaces,
        namespace,
        adapterNamespace,
        adapterName,
        serviceMonitorLabels,
        lenient);
  }

  /**
   * The prometheus-adapter configuration ConfigMap ({@code custom-metrics/adapter-config}), which
   * gets the rule that exposes {@code websocket_connections}.
   *
   * @throws InvalidSpecException when the namespace or name is invalid
   */
  public Platform adapterConfig(String namespace, String name) {
    List<Problem> problems = new ArrayList<>();
    SpecRules.dnsLabel(problems, "adapterConfig.namespace", namespace, 63);
    SpecRules.dnsSubdomain(problems, "adapterConfig.name", name);
    check(problems);
    return new Platform(
        portName,
        ingressNamespaces,
        monitoringNamespace,
        namespace,
        name,
        serviceMonitorLabels,
        lenient);
  }

  /**
   * Labels the ServiceMonitor (besides the app's labels) so that the Prometheus which should scrape
   * it selects it. kube-prometheus-stack's Prometheus selects only ServiceMonitors labelled {@code
   * release: <its Helm release>} unless {@code
   * prometheus.prometheusSpec.serviceMonitorSelectorNilUsesHelmValues} is false:
   *
   * <pre>{@code
   * Platform.target().serviceMonitorLabels(Map.of("release", "kube-prometheus-stack"))
   * }</pre>
   *
   * @throws InvalidSpecException when none is given, or a key or value is not a valid label
   */
  public Platform serviceMonitorLabels(Map<String, String> labels) {
    List<Problem> problems = new ArrayList<>();
    Map<String, String> all = new TreeMap<>(serviceMonitorLabels);
    if (labels == null || labels.isEmpty()) {
      problems.add(
          Problem.of(
              "serviceMonitorLabels",
              labels,
              "needs at least one label",
              "give the labels the Prometheus selects, such as Map.of(\"release\","
                  + " \"<release>\")"));
    } else {
      Map<String, String> sorted =
          new TreeMap<>(java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));
      sorted.putAll(labels);
      for (Map.Entry<String, String> e : sorted.entrySet()) {
        String field = "serviceMonitorLabels[" + SpecRules.show(e.getKey()) + "]";
        boolean ok = SpecRules.labelKey(problems, field, e.getKey());
        if (SpecRules.labelValue(problems, field, e.getValue()) && ok) {
          all.put(e.getKey(), e.getValue());
        }
      }
    }
    check(problems);
    return new Platform(
        portName,
        ingressNamespaces,
        monitoringNamespace,
        adapterNamespace,
        adapterName,
        java.util.Collections.unmodifiableMap(all),
        lenient);
  }

  /** Reports what cannot be rendered as warnings instead of failing. */
  @Override
  public Platform lenient() {
    return new Platform(
        portName,
        ingressNamespaces,
        monitoringNamespace,
        adapterNamespace,
        adapterName,
        serviceMonitorLabels,
        true);
  }

  @Override
  public String id() {
    return "platform";
  }

  @Override
  public String displayName() {
    return "Kubernetes platform objects";
  }

  @Override
  public List<Class<? extends HasMetadata>> resourceTypes() {
    return List.of(
        Service.class,
        Deployment.class,
        HorizontalPodAutoscaler.class,
        PodDisruptionBudget.class,
        NetworkPolicy.class,
        Pod.class,
        ServiceMonitor.class,
        Certificate.class,
        ClusterIssuer.class);
  }

  @Override
  public Rendering render(WebSocketApp app, RenderContext context) {
    Rendering.Builder out = Rendering.builder("Platform", lenient);
    String serviceSubject = "Service " + app.namespace() + "/" + app.serviceName();
    if (app.servicePort().isEmpty()) {
      out.add(
          new Finding(
              // k8s.io/api v0.34.0 core/v1/types.go: ServicePort.Port is a required int32; a
              // Service port has no name-only form
              "CORE-SERVICE-PORT-UNKNOWN",
              Severity.ERROR,
              serviceSubject,
              "the app names its Service port \""
                  + app.servicePortName().orElse("")
                  + "\" but not its number, so the Service cannot be rendered.",
              "Give the port by number with .service(\""
                  + app.serviceName()
                  + "\", 8080), or render without the platform target if the Service exists."));
      return out.build();
    }
    if (context.contributions().httpPortNameRequester().isPresent()
        && !portName.equals("http")
        && !portName.startsWith("http-")) {
      // istio 1.30.3 pkg/config/kube/conversion.go ConvertProtocol: the protocol is the port
      // name's prefix before the first '-' (appProtocol wins); an unknown prefix is
      // protocol.Unsupported, for which Istio sniffs the protocol ("Istio can automatically detect
      // HTTP and HTTP/2 traffic", istio.io Protocol Selection).
      out.add(
          new Finding(
              "CORE-PORT-NAME-PROTOCOL",
              Severity.WARNING,
              serviceSubject,
              context.contributions().httpPortNameRequester().get()
                  + " selects the port's protocol by its name (or appProtocol), and \""
                  + portName
                  + "\" does not start with http-: a known prefix before the first '-' (tcp-,"
                  + " tls-, https-, grpc-, http2- ...) declares another protocol, and without one"
                  + " the proxies must detect HTTP by sniffing each connection.",
              "Name the port http-<something>, as in Platform.target().portName(\"http-ws\"), to"
                  + " declare HTTP."));
    }
    routes(app, out, serviceSubject);
    out.add(service(app, context, out, serviceSubject));
    if (app.workload().isPresent()) {
      Workload w = app.workload().get();
      out.add(deployment(app, w, context, out));
      out.add(disruptionBudget(app));
      NetworkPolicy policy = networkPolicy(app, w, context, out);
      if (policy != null) {
        out.add(policy);
      }
      if (w.minReplicas().isPresent()) {
        out.add(autoscaler(app, w));
        if (w.connectionsPerPod().isPresent()) {
          adapterRule(app, out);
        }
      }
      if (w.metricsPort().isPresent()) {
        out.add(serviceMonitor(app, out));
      }
    }
    if (app.tls().isPresent() && app.tls().get().issuer().isPresent()) {
      certificate(app, app.tls().get().issuer().get(), context, out);
    }
    return out.build();
  }

  /**
   * Checks the routes against the one Service rendered: a route to the app's own Service must name
   * one of its ports; the routes to other Services are referenced, not rendered.
   */
  private void routes(WebSocketApp app, Rendering.Builder out, String subject) {
    int appPort = app.servicePort().getAsInt();
    java.util.OptionalInt metrics =
        app.workload().isPresent()
            ? app.workload().get().metricsPort()
            : java.util.OptionalInt.empty();
    String ports =
        appPort
            + " ("
            + portName
            + ")"
            + (metrics.isPresent()
                ? " and " + metrics.getAsInt() + " (" + METRICS_PORT_NAME + ")"
                : "");
    for (Route r : app.routes()) {
      if (!RouteBackends.isOwn(app, r)) {
        continue;
      }
      RouteBackend b = r.backend().orElseThrow();
      boolean resolves =
          b.port().isPresent()
              ? b.port().getAsInt() == appPort
                  || (metrics.isPresent() && b.port().getAsInt() == metrics.getAsInt())
              : b.portName().orElseThrow().equals(portName)
                  || (metrics.isPresent() && b.portName().get().equals(METRICS_PORT_NAME));
      if (!resolves) {
        out.add(
            new Finding(
                "CORE-SERVICE-PORT-MISSING",
                Severity.ERROR,
                subject,
                "route "
                    + RouteBackends.path(r)
                    + " goes to port "
                    + (b.port().isPresent() ? b.port().getAsInt() : b.portName().get())
                    + " of the app's own Service "
                    + app.serviceName()
                    + ", which the platform kit renders with port "
                    + ports
                    + " only, so the route's backend does not resolve.",
                "Send the route to port "
                    + appPort
                    + " or \""
                    + portName
                    + "\" (or give it no backend of its own), or to a Service of its own with"
                    + " .to(service, port)."));
      }
    }
    List<String> others = RouteBackends.referenced(app, false);
    if (!others.isEmpty()) {
      out.add(
          new Finding(
              "CORE-SERVICES-REFERENCED",
              Severity.INFO,
              subject,
              "routes go to Services the platform kit does not render: "
                  + String.join(", ", others)
                  + "; it renders only the app's own Service "
                  + app.serviceName()
                  + ", so those must exist in namespace "
                  + app.namespace()
                  + " with those ports.",
              "Deploy each with its own workload (render it as an app of its own for its Service,"
                  + " Deployment and policies); the edge objects only reference them."));
    }
  }

  private int containerPort(WebSocketApp app) {
    return app.workload()
        .flatMap(
            w ->
                w.containerPort().isPresent()
                    ? java.util.Optional.of(w.containerPort().getAsInt())
                    : java.util.Optional.empty())
        .orElse(app.servicePort().getAsInt());
  }

  private Service service(
      WebSocketApp app, RenderContext context, Rendering.Builder out, String subject) {
    // Other targets' needs on the Service (Contributions): a Gateway API appProtocol,
    // controller annotations that are read from the Service.
    Contributions needs = context.contributions();
    // Setters rather than fabric8 builders on this per-app path: a builder's withX(object) deep
    // copies its argument (see core's Ingresses); the Service is rendered for every app.
    List<ServicePort> ports = new ArrayList<>(2);
    ports.add(
        servicePort(
            portName,
            needs.serviceAppProtocol().orElse(null),
            app.servicePort().getAsInt(),
            containerPort(app)));
    if (app.workload().isPresent() && app.workload().get().metricsPort().isPresent()) {
      int metrics = app.workload().get().metricsPort().getAsInt();
      ports.add(servicePort(METRICS_PORT_NAME, null, metrics, metrics));
    }
    ObjectMeta metadata = app.objectMeta(app.serviceName());
    metadata.setAnnotations(new LinkedHashMap<>(needs.serviceAnnotations()));
    ServiceSpec spec = new ServiceSpec();
    spec.setType("ClusterIP");
    spec.setSelector(new LinkedHashMap<>(app.labels()));
    spec.setPorts(ports);
    Service service = new Service();
    service.setApiVersion("v1");
    service.setKind("Service");
    service.setMetadata(metadata);
    service.setSpec(spec);
    // Sticky sessions are a WebSocket setting: the Service pins clients only where it serves a
    // WebSocket route (issue 13), not when the app's WebSocket routes all go to other Services.
    if (app.affinity().isPresent()
        && app.affinity().get() instanceof ClientIpAffinity ip
        && RouteBackends.ownServesWebSocket(app)) {
      // core/v1 ServiceSpec: timeoutSeconds in (0, 86400], default 10800.
      spec.setSessionAffinity("ClientIP");
      if (ip.timeout().isPresent()) {
        ClientIPConfig clientIp = new ClientIPConfig();
        clientIp.setTimeoutSeconds((int) ip.timeout().get().getSeconds());
        SessionAffinityConfig config = new SessionAffinityConfig();
        config.setClientIP(clientIp);
        spec.setSessionAffinityConfig(config);
      }
      List<String> ignoring = needs.endpointBalancers();
      out.add(
          new Finding(
              "CORE-SERVICE-AFFINITY",
              Severity.INFO,
              subject,
              "sessionAffinity: ClientIP applies to traffic through the Service's cluster IP"
                  + " (kube-proxy) only; proxies that balance over endpoints themselves"
                  + (ignoring.isEmpty() ? "" : " (" + String.join(", ", ignoring) + " here)")
                  + " ignore it and use their own client-IP affinity.",
              "Nothing to do for the edge targets; it keeps in-cluster clients on one pod."));
      // The doctor's rule (PlatformRules.affinity) on the same facts: a target that balances over
      // endpoints and could not render the app's client-IP affinity pins no client.
      List<String> dropping = needs.affinityDroppers();
      if (!dropping.isEmpty()) {
        out.add(
            // k8s.io/api v0.34.0 core/v1/types.go: ServiceSpec.SessionAffinity is applied by
            // kube-proxy on the Service IP; a controller that sends to the endpoints itself
            // bypasses it
            PlatformCheck.SERVICE_AFFINITY_IGNORED.at(
                subject,
                "sessionAffinity: ClientIP does not apply to traffic through "
                    + String.join(", ", dropping)
                    + ", which picks the Service's endpoints itself and could not render the"
                    + " app's client-IP affinity: its WebSocket routes pin no client."));
      }
    }
    return service;
  }

  private static ServicePort servicePort(
      String name, String appProtocol, int port, int targetPort) {
    ServicePort p = new ServicePort();
    p.setName(name);
    p.setAppProtocol(appProtocol);
    p.setPort(port);
    p.setProtocol("TCP");
    p.setTargetPort(new IntOrString(targetPort));
    return p;
  }

  // The workload objects below are built with plain setters, not fabric8 builders: a builder's
  // withX(object) and editSpec() deep copy through nested builders, which made these the bulk
  // of a render (JFR: ~80% of a workload app's render). The objects are the same.
  private Deployment deployment(
      WebSocketApp app, Workload w, RenderContext context, Rendering.Builder out) {
    int port = containerPort(app);
    Map<String, String> annotations = new TreeMap<>(context.contributions().podAnnotations());
    List<ContainerPort> ports = new ArrayList<>(2);
    ports.add(containerPort(portName, port));
    if (w.metricsPort().isPresent()) {
      ports.add(containerPort(METRICS_PORT_NAME, w.metricsPort().getAsInt()));
      annotations.put("prometheus.io/scrape", "true");
      annotations.put("prometheus.io/port", Integer.toString(w.metricsPort().getAsInt()));
      annotations.put("prometheus.io/path", "/metrics");
    }
    Map<String, String> env = new TreeMap<>(w.env());
    if (w.maxConnections().isPresent()) {
      env.put("MAX_CONNECTIONS", Integer.toString(w.maxConnections().getAsInt()));
    }
    if (w.pingInterval().isPresent()) {
      env.put("PING_INTERVAL", Long.toString(w.pingInterval().get().toMillis()));
    }
    List<EnvVar> envVars = new ArrayList<>(env.size());
    for (Map.Entry<String, String> e : env.entrySet()) {
      EnvVar v = new EnvVar();
      v.setName(e.getKey());
      v.setValue(e.getValue());
      envVars.add(v);
    }

    long drain = w.drainTime().getSeconds();
    long grace = w.terminationGracePeriod().getSeconds();
    Container container = new Container();
    container.setName(app.name());
    container.setImage(w.image());
    container.setPorts(ports);
    container.setEnv(envVars);
    container.setReadinessProbe(Probes.readiness(app.healthCheck().orElse(null), port));
    container.setLivenessProbe(Probes.liveness(app.healthCheck().orElse(null), port));
    // Keep serving while the endpoint removal reaches every proxy, then SIGTERM: the app
    // closes its sockets with a close frame and clients reconnect elsewhere. The grace period
    // counts from the start of preStop (kubernetes.io "Termination of Pods"), so it must outlast
    // the sleep. Only this container sleeps: a mesh sidecar gets its own SIGTERM at the same
    // moment unless its target holds it (Contributions.sidecarDrain).
    ExecAction sleep = new ExecAction();
    sleep.setCommand(new ArrayList<>(List.of("/bin/sh", "-c", "sleep " + drain)));
    LifecycleHandler preStop = new LifecycleHandler();
    preStop.setExec(sleep);
    Lifecycle lifecycle = new Lifecycle();
    lifecycle.setPreStop(preStop);
    container.setLifecycle(lifecycle);
    if (w.resources().size() == 4) {
      Map<String, Quantity> requests = new LinkedHashMap<>();
      requests.put("cpu", new Quantity(w.resources().get(0)));
      requests.put("memory", new Quantity(w.resources().get(1)));
      Map<String, Quantity> limits = new LinkedHashMap<>();
      limits.put("cpu", new Quantity(w.resources().get(2)));
      limits.put("memory", new Quantity(w.resources().get(3)));
      ResourceRequirements resources = new ResourceRequirements();
      resources.setRequests(requests);
      resources.setLimits(limits);
      container.setResources(resources);
    }

    PodAffinityTerm term = new PodAffinityTerm();
    term.setLabelSelector(labelSelector(app.labels()));
    term.setTopologyKey("kubernetes.io/hostname");
    WeightedPodAffinityTerm preferred = new WeightedPodAffinityTerm();
    preferred.setWeight(100);
    preferred.setPodAffinityTerm(term);
    PodAntiAffinity antiAffinity = new PodAntiAffinity();
    antiAffinity.setPreferredDuringSchedulingIgnoredDuringExecution(
        new ArrayList<>(List.of(preferred)));
    io.fabric8.kubernetes.api.model.Affinity affinity =
        new io.fabric8.kubernetes.api.model.Affinity();
    affinity.setPodAntiAffinity(antiAffinity);

    PodSpec podSpec = new PodSpec();
    podSpec.setTerminationGracePeriodSeconds(grace);
    podSpec.setAffinity(affinity);
    podSpec.setContainers(new ArrayList<>(List.of(container)));
    ObjectMeta podMeta = new ObjectMeta();
    podMeta.setLabels(new LinkedHashMap<>(app.labels()));
    podMeta.setAnnotations(annotations);
    PodTemplateSpec template = new PodTemplateSpec();
    template.setMetadata(podMeta);
    template.setSpec(podSpec);

    RollingUpdateDeployment rolling = new RollingUpdateDeployment();
    // Start a new pod before stopping an old one: sockets move, capacity stays.
    rolling.setMaxUnavailable(new IntOrString(0));
    rolling.setMaxSurge(new IntOrString(1));
    DeploymentStrategy strategy = new DeploymentStrategy();
    strategy.setType("RollingUpdate");
    strategy.setRollingUpdate(rolling);
    DeploymentSpec spec = new DeploymentSpec();
    spec.setSelector(labelSelector(app.labels()));
    spec.setStrategy(strategy);
    spec.setTemplate(template);
    if (w.minReplicas().isEmpty()) {
      // With an autoscaler, replicas stays unset so that applying the manifest never fights it.
      spec.setReplicas(w.replicas());
    }
    List<String> sidecars = context.contributions().sidecarDrains();
    out.add(
        new Finding(
            // k8s.io/api v0.34.0 core/v1/types.go: Lifecycle.PreStop runs before SIGTERM, within
            // PodSpec.terminationGracePeriodSeconds
            "CORE-DRAIN",
            Severity.INFO,
            "Deployment " + app.namespace() + "/" + app.name(),
            "the app container sleeps "
                + drain
                + " s in preStop before its SIGTERM, so it still accepts sockets while its"
                + " endpoint removal reaches the proxies, then has "
                + (grace - drain)
                + " s more to close them (terminationGracePeriodSeconds "
                + grace
                + ", counted from the start of preStop); the image needs /bin/sh for the sleep."
                + (sidecars.isEmpty() ? "" : " Sidecars: " + String.join("; ", sidecars) + "."),
            "Close every socket with a close frame on SIGTERM so clients reconnect to another"
                + " pod; raise drainTime for slow clients."));
    Deployment deployment = new Deployment();
    deployment.setApiVersion("apps/v1");
    deployment.setKind("Deployment");
    deployment.setMetadata(app.objectMeta(app.name()));
    deployment.setSpec(spec);
    return deployment;
  }

  private static ContainerPort containerPort(String name, int port) {
    ContainerPort p = new ContainerPort();
    p.setName(name);
    p.setContainerPort(port);
    p.setProtocol("TCP");
    return p;
  }

  private static LabelSelector labelSelector(Map<String, String> labels) {
    LabelSelector selector = new LabelSelector();
    selector.setMatchLabels(new LinkedHashMap<>(labels));
    return selector;
  }

  private static PodDisruptionBudget disruptionBudget(WebSocketApp app) {
    // One pod at a time: node drains and upgrades never close every socket at once.
    PodDisruptionBudgetSpec spec = new PodDisruptionBudgetSpec();
    spec.setMaxUnavailable(new IntOrString(1));
    spec.setSelector(labelSelector(app.labels()));
    PodDisruptionBudget pdb = new PodDisruptionBudget();
    pdb.setApiVersion("policy/v1");
    pdb.setKind("PodDisruptionBudget");
    pdb.setMetadata(app.objectMeta(app.name()));
    pdb.setSpec(spec);
    return pdb;
  }

  /** The namespaces of the ingress controllers rendered in the same set. */
  private Set<String> ingressNamespaces(RenderContext context) {
    Set<String> namespaces = new LinkedHashSet<>();
    for (Contributions.TrafficSource source : context.contributions().trafficSources()) {
      namespaces.add(source.namespace());
    }
    namespaces.addAll(ingressNamespaces);
    return namespaces;
  }

  private NetworkPolicy networkPolicy(
      WebSocketApp app, Workload w, RenderContext context, Rendering.Builder out) {
    String subject = "NetworkPolicy " + app.namespace() + "/" + app.name();
    Set<String> from = ingressNamespaces(context);
    if (from.isEmpty()) {
      out.add(
          new Finding(
              // k8s.io/api v0.34.0 networking/v1/types.go: a policy of policyTypes Ingress whose
              // rules admit no source refuses every client
              "CORE-NETWORK-POLICY-NO-INGRESS",
              Severity.ERROR,
              subject,
              "no ingress controller namespace is known, so the NetworkPolicy would refuse"
                  + " every client; it is not rendered.",
              "Render with the ingress target, or name its namespace with"
                  + " Platform.target().ingressFrom(\"<namespace>\")."));
      return null;
    }
    List<NetworkPolicyIngressRule> ingress = new ArrayList<>(2);
    List<NetworkPolicyPeer> controllers = new ArrayList<>();
    for (String ns : from) {
      controllers.add(namespacePeer(ns));
    }
    // A mesh sidecar that receives meshed traffic on its own port needs it open wherever the app
    // port is: every caller of the app port may be meshed (Contributions.meshInboundPorts).
    List<Integer> mesh = context.contributions().meshInboundPorts();
    ingress.add(ingressRule(controllers, tcpPorts(containerPort(app), mesh)));
    if (w.metricsPort().isPresent()) {
      ingress.add(
          ingressRule(
              new ArrayList<>(List.of(namespacePeer(monitoringNamespace))),
              tcpPorts(w.metricsPort().getAsInt(), mesh)));
    }
    List<Contributions.SidecarPort> sidecarPorts = context.contributions().sidecarPorts();
    for (Contributions.SidecarPort p : sidecarPorts) {
      ingress.add(
          ingressRule(new ArrayList<>(List.of(namespacePeer(p.namespace()))), tcp(p.port())));
    }
    List<NetworkPolicyEgressRule> egress = new ArrayList<>();
    // DNS: kube-dns/CoreDNS in kube-system, both protocols.
    egress.add(egressRule(namespacePeer("kube-system"), port("UDP", 53), tcp(53)));
    for (Workload.Egress e : w.egress()) {
      NetworkPolicyPeer peer;
      if (e.namespace() != null) {
        peer = namespacePeer(e.namespace());
      } else {
        peer = new NetworkPolicyPeer();
        peer.setPodSelector(labelSelector(Map.of(e.labelKey(), e.labelValue())));
      }
      // A meshed dependency receives the pods' meshed calls on its sidecar's port.
      egress.add(egressRule(peer, tcpPorts(e.port(), mesh).toArray(new NetworkPolicyPort[0])));
    }
    // The mesh sidecars talk to their control plane, as the mesh targets contribute.
    List<Contributions.ControlPlane> planes = context.contributions().controlPlanes();
    for (Contributions.ControlPlane plane : planes) {
      NetworkPolicyPort[] ports = new NetworkPolicyPort[plane.ports().size()];
      for (int i = 0; i < ports.length; i++) {
        ports[i] = tcp(plane.ports().get(i));
      }
      egress.add(egressRule(namespacePeer(plane.namespace()), ports));
    }
    StringBuilder sidecarText = new StringBuilder();
    for (Contributions.SidecarPort p : sidecarPorts) {
      sidecarText.append(", ").append(p.port()).append(" from ").append(p.namespace());
    }
    out.add(
        new Finding(
            // k8s.io/api v0.34.0 networking/v1/types.go: NetworkPolicySpec ingress and egress rules
            // admit only what they list
            "CORE-NETWORK-POLICY",
            Severity.INFO,
            subject,
            "pods accept the app port"
                + (mesh.isEmpty() ? "" : " and the mesh proxy's inbound port " + mesh)
                + " only from namespaces "
                + from
                + (w.metricsPort().isPresent() ? ", metrics from " + monitoringNamespace : "")
                + sidecarText
                + ", and call only DNS"
                + (w.egress().isEmpty()
                    ? ""
                    : ", the declared dependencies"
                        + (mesh.isEmpty() ? "" : " (on their port and " + mesh + ")"))
                + (planes.isEmpty() ? "" : " and the mesh control plane " + planes)
                + "; namespaces are matched by kubernetes.io/metadata.name.",
            "Declare every other dependency with Workload.egressTo(...) before applying."));
    NetworkPolicySpec spec = new NetworkPolicySpec();
    spec.setPodSelector(labelSelector(app.labels()));
    spec.setPolicyTypes(new ArrayList<>(List.of("Ingress", "Egress")));
    spec.setIngress(ingress);
    spec.setEgress(egress);
    NetworkPolicy policy = new NetworkPolicy();
    policy.setApiVersion("networking.k8s.io/v1");
    policy.setKind("NetworkPolicy");
    policy.setMetadata(app.objectMeta(app.name()));
    policy.setSpec(spec);
    return policy;
  }

  private static NetworkPolicyIngressRule ingressRule(
      List<NetworkPolicyPeer> from, NetworkPolicyPort port) {
    return ingressRule(from, new ArrayList<>(List.of(port)));
  }

  private static NetworkPolicyIngressRule ingressRule(
      List<NetworkPolicyPeer> from, List<NetworkPolicyPort> ports) {
    NetworkPolicyIngressRule rule = new NetworkPolicyIngressRule();
    rule.setFrom(from);
    rule.setPorts(ports);
    return rule;
  }

  /** TCP {@code port}, then each of {@code more} that differs from it. */
  private static List<NetworkPolicyPort> tcpPorts(int port, List<Integer> more) {
    List<NetworkPolicyPort> ports = new ArrayList<>(1 + more.size());
    ports.add(tcp(port));
    for (int p : more) {
      if (p != port) {
        ports.add(tcp(p));
      }
    }
    return ports;
  }

  private static NetworkPolicyEgressRule egressRule(
      NetworkPolicyPeer to, NetworkPolicyPort... ports) {
    NetworkPolicyEgressRule rule = new NetworkPolicyEgressRule();
    rule.setTo(new ArrayList<>(List.of(to)));
    rule.setPorts(new ArrayList<>(List.of(ports)));
    return rule;
  }

  // Namespaces carry kubernetes.io/metadata.name automatically; a "name" label does not exist
  // by default (core/v1 well_known_labels.go).
  private static NetworkPolicyPeer namespacePeer(String namespace) {
    NetworkPolicyPeer peer = new NetworkPolicyPeer();
    peer.setNamespaceSelector(labelSelector(Map.of("kubernetes.io/metadata.name", namespace)));
    return peer;
  }

  private static NetworkPolicyPort tcp(int port) {
    return port("TCP", port);
  }

  private static NetworkPolicyPort port(String protocol, int port) {
    NetworkPolicyPort p = new NetworkPolicyPort();
    p.setProtocol(protocol);
    p.setPort(new IntOrString(port));
    return p;
  }

  private static HorizontalPodAutoscaler autoscaler(WebSocketApp app, Workload w) {
    List<MetricSpec> metrics = new ArrayList<>(3);
    metrics.add(resourceMetric("cpu", 70));
    metrics.add(resourceMetric("memory", 80));
    if (w.connectionsPerPod().isPresent()) {
      MetricIdentifier metric = new MetricIdentifier();
      metric.setName("websocket_connections");
      MetricTarget target = new MetricTarget();
      target.setType("AverageValue");
      target.setAverageValue(new Quantity(Integer.toString(w.connectionsPerPod().getAsInt())));
      PodsMetricSource pods = new PodsMetricSource();
      pods.setMetric(metric);
      pods.setTarget(target);
      MetricSpec spec = new MetricSpec();
      spec.setType("Pods");
      spec.setPods(pods);
      metrics.add(spec);
    }
    CrossVersionObjectReference deployment = new CrossVersionObjectReference();
    deployment.setApiVersion("apps/v1");
    deployment.setKind("Deployment");
    deployment.setName(app.name());
    // Scale down slowly (every removed pod drops its sockets), scale up fast.
    HorizontalPodAutoscalerBehavior behavior = new HorizontalPodAutoscalerBehavior();
    behavior.setScaleDown(scalingRules(300, "Min", 10, 2));
    behavior.setScaleUp(scalingRules(60, "Max", 50, 5));
    HorizontalPodAutoscalerSpec spec = new HorizontalPodAutoscalerSpec();
    spec.setScaleTargetRef(deployment);
    spec.setMinReplicas(w.minReplicas().getAsInt());
    spec.setMaxReplicas(w.maxReplicas().getAsInt());
    spec.setMetrics(metrics);
    spec.setBehavior(behavior);
    HorizontalPodAutoscaler hpa = new HorizontalPodAutoscaler();
    hpa.setApiVersion("autoscaling/v2");
    hpa.setKind("HorizontalPodAutoscaler");
    hpa.setMetadata(app.objectMeta(app.name()));
    hpa.setSpec(spec);
    return hpa;
  }

  /** At most {@code percent} % or {@code pods} pods per minute, whichever {@code select}s. */
  private static HPAScalingRules scalingRules(int window, String select, int percent, int pods) {
    HPAScalingRules rules = new HPAScalingRules();
    rules.setStabilizationWindowSeconds(window);
    rules.setSelectPolicy(select);
    rules.setPolicies(
        new ArrayList<>(List.of(scalingPolicy("Percent", percent), scalingPolicy("Pods", pods))));
    return rules;
  }

  private static HPAScalingPolicy scalingPolicy(String type, int value) {
    HPAScalingPolicy policy = new HPAScalingPolicy();
    policy.setType(type);
    policy.setValue(value);
    policy.setPeriodSeconds(60);
    return policy;
  }

  private static MetricSpec resourceMetric(String name, int utilization) {
    MetricTarget target = new MetricTarget();
    target.setType("Utilization");
    target.setAverageUtilization(utilization);
    ResourceMetricSource resource = new ResourceMetricSource();
    resource.setName(name);
    resource.setTarget(target);
    MetricSpec spec = new MetricSpec();
    spec.setType("Resource");
    spec.setResource(resource);
    return spec;
  }

  private void adapterRule(WebSocketApp app, Rendering.Builder out) {
    // prometheus-adapter v0.12.0 docs/config.md "Querying": "The query is expected to return one
    // value for each object requested", hence the aggregation by <<.GroupBy>> (the pod). max, not
    // sum: one gauge scraped twice (the prometheus.io annotations and the ServiceMonitor) gives
    // two equal series for a pod, which a sum would double.
    String rules =
        "rules:\n"
            + "- seriesQuery: 'websocket_connections_active{namespace!=\"\",pod!=\"\"}'\n"
            + "  resources:\n"
            + "    overrides:\n"
            + "      namespace: {resource: \"namespace\"}\n"
            + "      pod: {resource: \"pod\"}\n"
            + "  name:\n"
            + "    matches: \"^websocket_connections_active\"\n"
            + "    as: \"websocket_connections\"\n"
            + "  metricsQuery:"
            + " 'max(avg_over_time(<<.Series>>{<<.LabelMatchers>>}[1m])) by (<<.GroupBy>>)'\n";
    var cm =
        new ConfigMapBuilder()
            .withMetadata(
                new ObjectMetaBuilder()
                    .withName(adapterName)
                    .withNamespace(adapterNamespace)
                    .withLabels(Map.of("app.kubernetes.io/managed-by", "wsingress"))
                    .build())
            .withData(Map.of("config.yaml", rules))
            .build();
    out.add(cm);
    out.add(
        new Finding(
            "CORE-ADAPTER-CONFIG",
            Severity.WARNING,
            Finding.subjectOf(cm),
            "the autoscaler reads websocket_connections through prometheus-adapter, whose whole"
                + " configuration is this ConfigMap: the app must export"
                + " websocket_connections_active, and applying it replaces the adapter's other"
                + " rules.",
            "Merge the rule into the adapter's existing config.yaml (or its Helm rules.custom),"
                + " and name the ConfigMap the adapter is started with."));
  }

  private ServiceMonitor serviceMonitor(WebSocketApp app, Rendering.Builder out) {
    ObjectMeta metadata = app.objectMeta(app.name());
    if (serviceMonitorLabels.isEmpty()) {
      // prometheus-community/helm-charts kube-prometheus-stack-88.5.3 values.yaml
      // serviceMonitorSelectorNilUsesHelmValues: true, and templates/prometheus/prometheus.yaml
      // then selects serviceMonitorSelector.matchLabels release: <the Helm release>.
      out.add(
          new Finding(
              "CORE-SERVICE-MONITOR-LABELS",
              Severity.WARNING,
              "ServiceMonitor " + app.namespace() + "/" + app.name(),
              "the ServiceMonitor carries only the app's labels, and a Prometheus that selects"
                  + " ServiceMonitors by label ignores it: kube-prometheus-stack's selects"
                  + " release: <its Helm release> unless"
                  + " prometheus.prometheusSpec.serviceMonitorSelectorNilUsesHelmValues is false.",
              "Add the labels your Prometheus selects with"
                  + " Platform.target().serviceMonitorLabels(Map.of(\"release\","
                  + " \"<release>\"))."));
    } else {
      Map<String, String> labels = new TreeMap<>(metadata.getLabels());
      labels.putAll(serviceMonitorLabels);
      metadata.setLabels(new LinkedHashMap<>(labels));
    }
    return new ServiceMonitor(
        metadata,
        new ServiceMonitor.Spec(
            labelSelector(app.labels()),
            List.of(new ServiceMonitor.Endpoint(METRICS_PORT_NAME, "30s", "/metrics"))));
  }

  private static void certificate(
      WebSocketApp app, AcmeIssuer issuer, RenderContext context, Rendering.Builder out) {
    Contributions needs = context.contributions();
    String namespace = needs.tlsSecretNamespace().orElse(app.namespace());
    if (!namespace.equals(app.namespace())) {
      out.add(
          new Finding(
              // istio/api 1.30.3 networking/v1alpha3/gateway.proto:
              // ServerTLSSettings.credentialName: the Secret "must reside in the same namespace as
              // the gateway workload"
              "CORE-CERTIFICATE-NAMESPACE",
              Severity.INFO,
              "Certificate " + namespace + "/" + app.tls().get().secretName(),
              "the Certificate writes its Secret in "
                  + namespace
                  + ", where "
                  + needs.tlsSecretNamespaceRequester().orElseThrow()
                  + " reads it, not in the app's namespace "
                  + app.namespace()
                  + ".",
              "If your gateway runs elsewhere, move the Certificate to its namespace."));
    }
    out.add(
        new Certificate(
            new ObjectMetaBuilder()
                .withName(app.tls().get().secretName())
                .withNamespace(namespace)
                .withLabels(app.objectLabels())
                .build(),
            new Certificate.Spec(
                app.tls().get().secretName(),
                new Certificate.IssuerRef("cert-manager.io", "ClusterIssuer", issuer.name()),
                app.tlsHosts())));
    // cert-manager v1.21.1 pkg/issuer/acme/http/ingress.go: ingressClassName becomes the solver
    // Ingress's spec.ingressClassName, class its kubernetes.io/ingress.class annotation (never
    // both). A controller without an IngressClass object of that name (Istio) reads only the
    // annotation (Contributions.http01ClassAnnotations).
    String ingressClass = issuer.http01IngressClass();
    ClusterIssuer.IngressSolver solver =
        needs.http01ClassAnnotations().contains(ingressClass)
            ? ClusterIssuer.IngressSolver.byAnnotation(ingressClass)
            : ClusterIssuer.IngressSolver.byClassName(ingressClass);
    out.add(
        new ClusterIssuer(
            new ObjectMetaBuilder()
                .withName(issuer.name())
                .withLabels(Map.of("app.kubernetes.io/managed-by", "wsingress"))
                .build(),
            new ClusterIssuer.Spec(
                new ClusterIssuer.Acme(
                    issuer.server(),
                    issuer.email(),
                    new ClusterIssuer.SecretRef(issuer.name()),
                    List.of(new ClusterIssuer.Solver(new ClusterIssuer.Http01(solver)))))));
  }

  /**
   * A Pod with wscat for testing the app's own pods from inside the cluster: {@code kubectl exec
   * -it <name>-wscat -- wscat -c <url>} with the {@link #serviceUrl} (the first WebSocket route to
   * the app's own Service, as that Service receives it). It has labels of its own ({@code
   * app.kubernetes.io/name: <name>-wscat}), so the app's Service, NetworkPolicy,
   * PodDisruptionBudget and autoscaler never select it; it installs wscat from the npm registry at
   * start, so it needs egress to it (nothing rendered here restricts its egress). Where the app's
   * NetworkPolicy is applied, apply {@link #wscatNetworkPolicy} too, or the app refuses it.
   */
  public static Pod wscatPod(WebSocketApp app) {
    ObjectMeta metadata = new ObjectMeta();
    metadata.setName(app.name() + "-wscat");
    metadata.setNamespace(app.namespace());
    metadata.setLabels(new LinkedHashMap<>(wscatLabels(app)));
    return new PodBuilder()
        .withMetadata(metadata)
        .withNewSpec()
        .addNewContainer()
        .withName("wscat")
        .withImage("node:22-alpine")
        .withCommand("/bin/sh", "-c", "npm install -g wscat@6 && sleep infinity")
        .endContainer()
        .endSpec()
        .build();
  }

  /**
   * A NetworkPolicy {@code <name>-wscat} that lets the {@link #wscatPod} reach the app's pods on
   * the app port (NetworkPolicies add up, so the app's own policy stays as rendered).
   *
   * @throws InvalidSpecException when the port is not known by number: the app gives its Service
   *     port by name only and its workload no container port
   */
  public static NetworkPolicy wscatNetworkPolicy(WebSocketApp app) {
    NetworkPolicyPeer peer = new NetworkPolicyPeer();
    peer.setPodSelector(labelSelector(wscatLabels(app)));
    int port;
    if (app.workload().isPresent() && app.workload().get().containerPort().isPresent()) {
      port = app.workload().get().containerPort().getAsInt();
    } else if (app.servicePort().isPresent()) {
      port = app.servicePort().getAsInt();
    } else {
      throw InvalidSpecException.of(
          "Platform",
          "wscatNetworkPolicy",
          app.servicePortName().orElse(""),
          "needs the pods' port number, and the app gives only the Service port's name",
          "give the port by number with .service(\""
              + app.serviceName()
              + "\", 8080), or Workload.containerPort(n)");
    }
    NetworkPolicySpec spec = new NetworkPolicySpec();
    spec.setPodSelector(labelSelector(app.labels()));
    spec.setPolicyTypes(new ArrayList<>(List.of("Ingress")));
    spec.setIngress(
        new ArrayList<>(List.of(ingressRule(new ArrayList<>(List.of(peer)), tcp(port)))));
    NetworkPolicy policy = new NetworkPolicy();
    policy.setApiVersion("networking.k8s.io/v1");
    policy.setKind("NetworkPolicy");
    policy.setMetadata(app.objectMeta(app.name() + "-wscat"));
    policy.setSpec(spec);
    return policy;
  }

  private static Map<String, String> wscatLabels(WebSocketApp app) {
    Map<String, String> labels = new TreeMap<>();
    labels.put("app.kubernetes.io/managed-by", "wsingress");
    labels.put("app.kubernetes.io/name", app.name() + "-wscat");
    return labels;
  }

  /**
   * A Grafana dashboard for the app's WebSocket metrics (active connections, connection rate,
   * message rate, error rate, per namespace), as a ConfigMap labelled {@code grafana_dashboard:
   * "1"} for Grafana's dashboard sidecar in {@code namespace}.
   */
  public static io.fabric8.kubernetes.api.model.ConfigMap dashboard(
      WebSocketApp app, String namespace) {
    List<Problem> problems = new ArrayList<>();
    SpecRules.dnsLabel(problems, "dashboard.namespace", namespace, 63);
    check(problems);
    String selector = "{namespace=\\\"" + app.namespace() + "\\\"}";
    String[][] panels = {
      {"Active Connections", "sum(websocket_connections_active" + selector + ")"},
      {"Connection Rate", "sum(rate(websocket_connections_total" + selector + "[5m]))"},
      {"Message Rate", "sum(rate(websocket_messages_total" + selector + "[5m]))"},
      {"Error Rate", "sum(rate(websocket_errors_total" + selector + "[5m]))"}
    };
    StringBuilder json = new StringBuilder("{\n  \"title\": \"WebSocket: ");
    json.append(app.namespace()).append('/').append(app.name()).append("\",\n  \"panels\": [");
    for (int i = 0; i < panels.length; i++) {
      json.append(i == 0 ? "\n" : ",\n")
          .append("    {\"title\": \"")
          .append(panels[i][0])
          .append("\", \"type\": \"timeseries\", \"targets\": [{\"expr\": \"")
          .append(panels[i][1])
          .append("\"}]}");
    }
    json.append("\n  ]\n}\n");
    return new ConfigMapBuilder()
        .withMetadata(
            new ObjectMetaBuilder()
                .withName(app.name() + "-dashboard")
                .withNamespace(namespace)
                .withLabels(
                    Map.of("grafana_dashboard", "1", "app.kubernetes.io/managed-by", "wsingress"))
                .build())
        .withData(Map.of(app.name() + ".json", json.toString()))
        .build();
  }

  /**
   * The in-cluster URL of the app's first WebSocket route to its own Service, through that Service:
   * {@code ws://chat-ws.default.svc:8080/ws}. The path is the one the Service receives: a rewritten
   * route's new prefix ({@code /notify} rewritten to {@code /ws} gives {@code /ws}).
   *
   * @throws InvalidSpecException when the app's Service port is given by name only, or no WebSocket
   *     route goes to the app's own Service (its sockets are then another app's)
   */
  public static String serviceUrl(WebSocketApp app) {
    List<Problem> problems = new ArrayList<>();
    if (app.servicePort().isEmpty()) {
      problems.add(
          Problem.of(
              "serviceUrl",
              app.servicePortName().orElse(""),
              "needs the Service port's number, and the app gives only its name",
              "give the port by number with .service(\"" + app.serviceName() + "\", 8080)"));
    }
    Route route = RouteBackends.firstWebSocket(app, true).orElse(null);
    if (route == null) {
      problems.add(
          Problem.of(
              "serviceUrl",
              app.serviceName(),
              "has no WebSocket route: every WebSocket route of the app goes to another Service",
              "test those Services' own apps, or use publicUrl(app), which goes through the edge"));
    }
    check(problems);
    return "ws://"
        + app.serviceName()
        + "."
        + app.namespace()
        + ".svc:"
        + app.servicePort().getAsInt()
        + RouteBackends.backendPath(route);
  }

  /**
   * The public URL of the app's first WebSocket route (whatever Service it goes to) on the app's
   * first host, through the edge: {@code wss://} with TLS; a wildcard host {@code *.example.com}
   * becomes {@code test.example.com}.
   */
  public static String publicUrl(WebSocketApp app) {
    String host = app.hosts().get(0);
    if (host.startsWith("*.")) {
      host = "test" + host.substring(1);
    }
    // A built app always has a WebSocket route (SpecValidator refuses an app without one).
    Route route = RouteBackends.firstWebSocket(app, false).orElseThrow();
    return (app.tls().isPresent() ? "wss://" : "ws://") + host + route.path();
  }

  /**
   * A k6 load test of the app's {@link #publicUrl} (its first WebSocket route on its first host,
   * named in the script's first lines) with the current {@code k6/websockets} module (the seed's
   * {@code k6/ws} is the legacy one): ramps to {@code sockets} concurrent sockets, holds, ramps
   * down, and checks every socket opened.
   */
  public static String k6Script(WebSocketApp app, int sockets) {
    if (sockets < 1 || sockets > 1_000_000) {
      throw InvalidSpecException.of(
          "Platform", "k6Script.sockets", sockets, "must be from 1 to 1000000", "give a count");
    }
    return "// k6 run "
        + app.name()
        + "-load.js  (k6 v1.0 or later)\n"
        + "// Opens WebSockets on the app's first WebSocket route ("
        + RouteBackends.path(RouteBackends.firstWebSocket(app, false).orElseThrow())
        + ") on its first host.\n"
        + "import { WebSocket } from 'k6/websockets';\n"
        + "import { check } from 'k6';\n"
        + "import { Counter } from 'k6/metrics';\n"
        + "\n"
        + "const opened = new Counter('ws_sessions_opened');\n"
        + "\n"
        + "export const options = {\n"
        + "  stages: [\n"
        + "    { duration: '30s', target: "
        + sockets
        + " },\n"
        + "    { duration: '1m', target: "
        + sockets
        + " },\n"
        + "    { duration: '30s', target: 0 },\n"
        + "  ],\n"
        + "  thresholds: { ws_sessions_opened: ['count>0'] },\n"
        + "};\n"
        + "\n"
        + "export default function () {\n"
        + "  const ws = new WebSocket('"
        + publicUrl(app)
        + "');\n"
        + "  ws.onopen = () => {\n"
        + "    opened.add(1);\n"
        + "    ws.send('ping');\n"
        + "  };\n"
        + "  ws.onmessage = (event) => check(event, { 'message received': (e) => e.data !== ''"
        + " });\n"
        + "  ws.onerror = (e) => console.error(e.error);\n"
        + "  setTimeout(() => ws.close(), 10000);\n"
        + "}\n";
  }

  /**
   * Reads the controller-neutral objects users write next to their apps: PodDisruptionBudgets whose
   * {@code maxUnavailable} the disruption controller cannot apply to bare pods, and ServiceMonitors
   * that no Prometheus in the input selects (judged only when a Prometheus object with a {@code
   * serviceMonitorSelector} is in the input). The kit serves no routes; {@link #judge} checks what
   * its objects do to other targets' WebSocket routes.
   *
   * <p>For the converter it reports what the objects say about each app ({@code ServedApp}): the
   * own Service (name, port, selector, client-IP affinity), the Deployment it selects with its
   * autoscaler and NetworkPolicy (the workload), the readiness probe (the health check), and a
   * Certificate's ACME ClusterIssuer (the certificate's issuer), each with the platform target
   * those objects configure; and, for objects wsingress did not render, every field the spec cannot
   * hold ({@code CORE-IMPORT-NOT-CARRIED}).
   */
  @Override
  public void read(Manifests in, Reading out) {
    PlatformRules.read(in, out);
    AppFacts.read(in, out);
  }

  /**
   * Judges the WebSocket routes of every target: a NetworkPolicy that admits the app port from no
   * namespace the route's ingress controller runs in, an autoscaler whose scale-down may remove
   * every surplus pod at once, a Service {@code sessionAffinity} the controller bypasses, and a
   * cert-manager HTTP-01 solver {@code ingressClassName} that a target on the class path serves
   * only by annotation.
   */
  @Override
  public void judge(Manifests in, List<ServedRoute> routes, Reading out) {
    PlatformRules.judge(in, routes, out);
  }

  @Override
  public String toString() {
    return "Platform[portName="
        + portName
        + (ingressNamespaces.isEmpty() ? "" : ", ingressFrom=" + ingressNamespaces)
        + (monitoringNamespace.equals(DEFAULT_MONITORING_NAMESPACE)
            ? ""
            : ", monitoringNamespace=" + monitoringNamespace)
        + (serviceMonitorLabels.isEmpty() ? "" : ", serviceMonitorLabels=" + serviceMonitorLabels)
        + (lenient ? ", lenient" : "")
        + "]";
  }
}
