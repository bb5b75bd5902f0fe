package dev.wsingress.istio;

import dev.wsingress.BackendProtocol;
import dev.wsingress.Contributions;
import dev.wsingress.InvalidSpecException;
import dev.wsingress.Manifest;
import dev.wsingress.Manifests;
import dev.wsingress.Problem;
import dev.wsingress.Reading;
import dev.wsingress.RenderContext;
import dev.wsingress.Rendering;
import dev.wsingress.SpecRules;
import dev.wsingress.Target;
import dev.wsingress.Version;
import dev.wsingress.WebSocketApp;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Istio target ({@code networking.istio.io/v1}): an ingress Gateway, a VirtualService with one
 * {@code http[]} entry per route (most specific first, each to its own Service), and a
 * DestinationRule per Service that WebSocket routes go to, which never caps or cuts a long-lived
 * WebSocket.
 *
 * <p>The output is correct for <b>Istio 1.24 and newer</b>, up to 1.30 (the newest release of the
 * pinned CRDs, {@code istio/api} 1.30.3). 1.24 is the first release that reads the Service port's
 * {@code appProtocol} {@code kubernetes.io/ws} and {@code kubernetes.io/wss} (istio/istio 1.24.0
 * {@code pkg/config/kube/conversion.go}; absent in 1.23.0), which the findings name; {@code
 * networking.istio.io/v1} is served since 1.22.0 (istio/api {@code
 * kubernetes/customresourcedefinitions.gen.yaml}). {@link #version(String)} selects the release the
 * cluster runs: before 1.28 the cookie of cookie affinity gets no {@code attributes} (Secure,
 * SameSite), and a finding says so.
 *
 * <p>WebSocket needs no field (every HTTP connection manager Istio builds allows the upgrade; the
 * seed's {@code websocketUpgrade} does not exist). A WebSocket route gets no timeout: Istio's
 * default is none, and {@code 0s} is rejected since 1.23. Its DestinationRule keeps {@code
 * h2UpgradePolicy: DO_NOT_UPGRADE} (an HTTP/2 upstream hop breaks the upgrade between sidecars),
 * balances with {@code LEAST_REQUEST} (each open socket is an active request, so new sockets go to
 * the least busy pod) or a consistent hash for affinity — never both. A plain HTTP route keeps
 * Istio's defaults and gets only its own request {@code timeout}; on a Service it shares with
 * WebSocket routes, the WebSocket policy is a subset only the WebSocket routes name. A prefix
 * rewrite is {@code rewrite.uri} on an exact and a prefix entry.
 *
 * <pre>{@code
 * WebSocketApp app = WebSocketApp.on("chat.example.com")
 *     .path("/ws").service("chat-ws", 8080)
 *     .route(Route.http("/api").to("chat-api", 80).requestTimeout(Duration.ofSeconds(30)))
 *     .route(Route.websocket("/notify").to("notify", 8080).rewriteTo("/ws")) // a port number
 *     .route(Route.http("/").to("frontend", 80))
 *     .build();
 * Rendering out = Targets.render(app, Istio.target(), Platform.target());
 * Rendering shared = Istio.target().gateway("istio-system", "public").render(app);
 * Rendering older = Istio.target().version("1.27").render(app); // no cookie attributes
 * }</pre>
 */
public final class Istio implements Target {
  /**
   * The release lines the output is correct for, oldest first: 1.24 (see the class javadoc) to
   * 1.30.3, the newest release of the pinned CRDs; istio/istio has no 1.31 release yet (its newest
   * tag is 1.31.0-rc.0).
   */
  static final List<Version> SUPPORTED =
      List.of(
          Version.of(1, 24),
          Version.of(1, 25),
          Version.of(1, 26),
          Version.of(1, 27),
          Version.of(1, 28),
          Version.of(1, 29),
          Version.of(1, 30));

  private final Version version;
  private final Map<String, String> selector;
  private final String gatewayNamespace;
  private final String gatewayName;
  private final Integer maxEjectionPercent;
  private final Integer minHealthPercent;
  private final boolean lenient;

  /** For {@link java.util.ServiceLoader}; use {@link #target()}. */
  public Istio() {
    this(
        SUPPORTED.get(SUPPORTED.size() - 1),
        Map.of("istio", "ingressgateway"),
        null,
        null,
        null,
        null,
        false);
  }

  private Istio(
      Version version,
      Map<String, String> selector,
      String gatewayNamespace,
      String gatewayName,
      Integer maxEjectionPercent,
      Integer minHealthPercent,
      boolean lenient) {
    this.version = version;
    this.selector = selector;
    this.gatewayNamespace = gatewayNamespace;
    this.gatewayName = gatewayName;
    this.maxEjectionPercent = maxEjectionPercent;
    this.minHealthPercent = minHealthPercent;
    this.lenient = lenient;
  }

  /**
   * The Istio target for the newest supported release: renders its own Gateway for pods labelled
   * {@code istio: ingressgateway}.
   */
  public static Istio target() {
    return new Istio();
  }

  /**
   * Renders for the Istio release line the cluster runs ({@code 1.27}, {@code 1.27.3} or {@code
   * v1.27.3}), one of 1.24 to 1.30; the default is the newest. Fields a release lacks are left out
   * and reported.
   *
   * <pre>{@code
   * Istio.target().version("1.27"); // cookie affinity without Secure/SameSite attributes
   * }</pre>
   *
   * @throws InvalidSpecException when the text is no version, or not a supported release line
   */
  public Istio version(String version) {
    return new Istio(
        Version.option("Istio", version, SUPPORTED),
        selector,
        gatewayNamespace,
        gatewayName,
        maxEjectionPercent,
        minHealthPercent,
        lenient);
  }

  /**
   * Selects the ingress gateway workload of the rendered Gateway by this label.
   *
   * @throws InvalidSpecException when the label key or value is invalid
   */
  public Istio gatewaySelector(String key, String value) {
    List<Problem> problems = new ArrayList<>();
    SpecRules.labelKey(problems, "gatewaySelector", key);
    SpecRules.labelValue(problems, "gatewaySelector", value);
    if (!problems.isEmpty()) {
      throw new InvalidSpecException("Istio", problems);
    }
    return new Istio(
        version,
        Map.of(key, value),
        gatewayNamespace,
        gatewayName,
        maxEjectionPercent,
        minHealthPercent,
        lenient);
  }

  /**
   * Attaches the VirtualService to an existing Gateway instead of rendering one.
   *
   * @throws InvalidSpecException when the namespace or name is invalid
   */
  public Istio gateway(String namespace, String name) {
    List<Problem> problems = new ArrayList<>();
    SpecRules.dnsLabel(problems, "gateway.namespace", namespace, 63);
    SpecRules.dnsSubdomain(problems, "gateway.name", name);
    if (!problems.isEmpty()) {
      throw new InvalidSpecException("Istio", problems);
    }
    return new Istio(
        version, selector, namespace, name, maxEjectionPercent, minHealthPercent, lenient);
  }

  /**
   * Bounds outlier detection (the passive health check): at most {@code maxEjectionPercent} of the
   * pods are ejected at once, and none while fewer than {@code minHealthPercent} are healthy.
   * Istio's defaults are 10 and 0. The DestinationRule gets outlier detection when the spec has a
   * health check or these limits are set.
   *
   * @throws InvalidSpecException when a percentage is outside 0 to 100
   */
  public Istio outlierLimits(int maxEjectionPercent, int minHealthPercent) {
    List<Problem> problems = new ArrayList<>();
    SpecRules.range(problems, "outlierLimits.maxEjectionPercent", maxEjectionPercent, 0, 100);
    SpecRules.range(problems, "outlierLimits.minHealthPercent", minHealthPercent, 0, 100);
    if (!problems.isEmpty()) {
      throw new InvalidSpecException("Istio", problems);
    }
    return new Istio(
        version,
        selector,
        gatewayNamespace,
        gatewayName,
        maxEjectionPercent,
        minHealthPercent,
        lenient);
  }

  /** Reports what Istio cannot express as warnings and leaves it out instead of failing. */
  @Override
  public Istio lenient() {
    return new Istio(
        version,
        selector,
        gatewayNamespace,
        gatewayName,
        maxEjectionPercent,
        minHealthPercent,
        true);
  }

  @Override
  public String id() {
    return "istio";
  }

  @Override
  public String displayName() {
    return "Istio";
  }

  @Override
  public List<Class<? extends HasMetadata>> resourceTypes() {
    return List.of(Gateway.class, VirtualService.class, DestinationRule.class);
  }

  @Override
  public List<Version> versions() {
    return SUPPORTED;
  }

  @Override
  public Optional<Version> version() {
    return Optional.of(version);
  }

  @Override
  public void contribute(WebSocketApp app, Contributions.Builder out) {
    // Istio reads a Service port's protocol from its appProtocol, else from its name's prefix
    // (istio/istio 1.30.3 pkg/config/kube/conversion.go ConvertProtocol). An HTTP backend gets an
    // http- name, so the sidecars handle the upgrade as HTTP/1.1. An HTTPS backend does not: a
    // backend sidecar passes the gateway's TLS through only on a TLS-typed (https-, tls-) port
    // (ISTIO-BACKEND-TLS-SIDECAR), and the gateway originates TLS on any port type.
    if (app.backendProtocol() == BackendProtocol.HTTP) {
      out.requireHttpPortName();
    }
    // The default ingress gateway runs in istio-system and reads the TLS Secret of
    // credentialName from its own namespace (istio.io "Secure Gateways"); Envoy balances over
    // the endpoints itself; sidecars fetch xDS from istiod on 15012.
    out.trafficFrom("istio-system", null)
        .balancesOverEndpoints()
        .tlsSecretNamespace("istio-system")
        .meshControlPlane("istio-system", 15012);
    // istio 1.30.3 pilot/pkg/config/kube/ingress/virtualservices.go shouldProcessIngressWithClass:
    // without an IngressClass object, STRICT mode (pkg/config/mesh/mesh.go default, ingressClass
    // "istio") serves an Ingress only by its kubernetes.io/ingress.class annotation, and Istio
    // ships no IngressClass; so cert-manager's solver must use http01.ingress.class.
    out.http01ClassAnnotation("istio");
    if (app.workload().isPresent()) {
      // When the pod starts to stop, a sidecar that is not native gets SIGTERM (a native one a
      // preStop /drain; ENABLE_NATIVE_SIDECARS=auto since 1.27 picks native only when every node
      // runs kubelet 1.33+, pkg/kube/inject/webhook.go DetectNativeSidecar). Either way Envoy
      // drains its listeners gracefully (pkg/envoy/admin.go drain_listeners?inboundonly&graceful)
      // and closes them after drainDuration (proxy.go --drain-time-s; default 45s); without
      // native sidecars the agent then kills Envoy after terminationDrainDuration (default 5s,
      // istio/api 1.30.3 mesh/v1alpha1/proxy.proto). Keep both until the app is done.
      long drain = app.workload().get().drainTime().getSeconds();
      long stop = app.workload().get().terminationGracePeriod().getSeconds() - 1;
      out.podAnnotation(
          "proxy.istio.io/config",
          "{\"drainDuration\":\"" + drain + "s\",\"terminationDrainDuration\":\"" + stop + "s\"}");
      out.sidecarDrain(
          "Istio's proxy starts draining as the pod starts to stop, and proxy.istio.io/config"
              + " keeps its listeners open for drainDuration "
              + drain
              + " s and, where it is not a native sidecar, its open connections for"
              + " terminationDrainDuration "
              + stop
              + " s");
    }
  }

  @Override
  public Rendering render(WebSocketApp app, RenderContext context) {
    Objects.requireNonNull(app, "app");
    Rendering.Builder out = Rendering.builder("Istio", lenient);
    String vsSubject = "VirtualService " + app.namespace() + "/" + app.name();
    List<Backends.Backend> backends = Backends.of(app);

    // istio/istio 1.30.3: pkg/config/kube/conversion.go (appProtocol, else the name's prefix;
    // unknown prefixes are Unsupported, i.e. sniffed), pilot/pkg/networking/networking.go
    // ModelProtocolToListenerProtocol (tcp: a TCP chain), pilot/pkg/networking/core/
    // cluster_builder.go setUpstreamProtocol (http2, grpc: HTTP/2 to the pod). The platform kit
    // renders (and names the port of) the app's own Service only; a WebSocket route's other
    // Service is another's.
    if (app.backendProtocol() == BackendProtocol.HTTP) {
      for (Backends.Backend b : backends) {
        if (b.webSocket() && !(b.own() && context.includes("platform"))) {
          out.add(
              // istio/istio 1.30.3 pkg/config/kube/conversion.go: ConvertProtocol takes the
              // protocol from appProtocol, else from the port name prefix
              IstioFinding.PORT_PROTOCOL.at(
                  "Service " + app.namespace() + "/" + b.service(),
                  "the Service is not rendered here, so its port was not checked: Istio reads the"
                      + " protocol from appProtocol or the name's prefix; http- keeps the"
                      + " WebSocket on HTTP/1.1, tcp- leaves the pod's sidecar a plain TCP"
                      + " stream, http2- and grpc- make the hop to the pod HTTP/2, and the sidecar"
                      + " sniffs other names."));
        }
      }
    }
    boolean plainRoutes = app.routes().stream().anyMatch(r -> !r.isWebSocket());
    // Route timeout: none by default; the CRD's CEL rule requires >= 1ms since istio/api 1.23.0.
    // Stream idle timeout: istio/istio 1.30.3 pilot/pkg/networking/core/listener_builder.go:371
    // sets 0 (off) on every HTTP connection manager, gateways included. The EDGE profile of
    // 1.31.0-rc.0 (pilot/pkg/networking/core/connection_settings.go:50-51) sets 5 minutes.
    long webSocketRules = backends.stream().filter(Backends.Backend::webSocket).count();
    out.add(
        IstioFinding.STREAM_IDLE.at(
            vsSubject,
            (plainRoutes
                    ? "the WebSocket routes get no route timeout"
                    : "no route timeout is written")
                + " (Istio's default is none; 0s is rejected since 1.23), and Istio turns off"
                + " Envoy's stream idle timeout, so a quiet WebSocket stays open; the "
                + (webSocketRules == 1 ? "DestinationRule's" : "DestinationRules'")
                + " idle timeouts of "
                + app.idleTimeout().getSeconds()
                + " s apply to pooled connections without an active request."));
    unsupported(app, vsSubject, out);

    String gatewayRef;
    if (gatewayName == null) {
      out.add(Gateways.gateway(app, selector, out));
      gatewayRef = app.namespace() + "/" + app.name();
    } else {
      gatewayRef = gatewayNamespace + "/" + gatewayName;
    }
    out.add(VirtualServices.virtualService(app, gatewayRef, backends, out, vsSubject));
    for (DestinationRule dr :
        DestinationRules.destinationRules(
            app, backends, version, maxEjectionPercent, minHealthPercent, out)) {
      out.add(dr);
    }
    return out.build();
  }

  /**
   * Reads Gateways, VirtualServices and DestinationRules of {@code networking.istio.io} ({@code
   * v1}, and {@code v1beta1} and {@code v1alpha3}, which Istio 1.30 serves with the same schema and
   * does not mark deprecated), and the Ingresses Istio's ingress controller serves, the way Istio
   * 1.24 to 1.30 does: one {@link dev.wsingress.ServedRoute} per host and reachable {@code http[]}
   * match of every gateway (or the mesh) a VirtualService binds, with its DestinationRule's
   * settings, and the doctor's findings with the field each is about. The release judged is this
   * target's {@link #version(String)} (it decides, for instance, whether {@code
   * httpCookie.attributes} exists).
   *
   * <pre>{@code
   * Report r = Doctor.with(Istio.target().version("1.27")).check(Manifests.read(Path.of("k8s")));
   * }</pre>
   */
  @Override
  public void read(Manifests in, Reading out) {
    for (String kind : new String[] {"Gateway", "VirtualService", "DestinationRule"}) {
      for (Manifest m : in.objects("networking.istio.io", kind)) {
        out.understood(m);
        String v = m.apiVersion();
        if (v.equals("networking.istio.io/v1beta1") || v.equals("networking.istio.io/v1alpha3")) {
          // istio/api 1.30.3 kubernetes/customresourcedefinitions.gen.yaml: v1 (storage),
          // v1alpha3 and v1beta1 are all served, none has deprecated: true (the change that
          // would deprecate v1alpha3, istio/api#3102, was never merged); istio.io "Introducing
          // Istio v1 APIs" (1.22): "no plans to discontinue support for the previous v1beta1 and
          // v1alpha1 API versions".
          out.report(
              m,
              IstioFinding.API_VERSION,
              m.source("/apiVersion"),
              v
                  + " is served by Istio 1.30 with the same schema as networking.istio.io/v1 and"
                  + " is not deprecated there; v1, served since Istio 1.22, is the storage"
                  + " version.");
        }
        CrdSchema.check(m, out);
      }
    }
    DestinationRuleReader drs = new DestinationRuleReader(in);
    drs.check(out, version);
    RouteRules rules = new RouteRules(in, out);
    new VirtualServiceReader(this, rules, drs).readAll();
    new IngressReader(this, rules, drs).readAll();
    NotCarried.report(in, out);
  }

  private static void unsupported(WebSocketApp app, String subject, Rendering.Builder out) {
    if (app.rateLimit().isPresent()) {
      out.add(
          // istio/api 1.30.3 networking/v1alpha3/virtual_service.proto: no VirtualService or
          // DestinationRule field limits request rates
          IstioFinding.RATE_LIMIT.at(
              subject,
              "networking.istio.io has no rate limit; the handshake limit is not written."));
    }
    if (app.maxConnectionsPerClient().isPresent()) {
      out.add(
          // istio/api 1.30.3 networking/v1alpha3/destination_rule.proto:
          // ConnectionPoolSettings.TCPSettings.maxConnections caps the connections of all clients
          // of a proxy to a host
          IstioFinding.MAX_CONNECTIONS.at(
              subject,
              "networking.istio.io has no per-client connection limit; "
                  + app.maxConnectionsPerClient().getAsInt()
                  + " is not written."));
    }
    if (app.responseBuffering() || app.requestBuffering()) {
      out.add(
          // istio/api 1.30.3 networking/v1alpha3/virtual_service.proto: no field buffers requests
          // or responses; Envoy streams
          IstioFinding.BUFFERING.at(
              subject, "Istio has no proxy buffering setting; buffering is not written."));
    }
  }

  /**
   * Equal when configured alike (release, gateway, outlier limits, leniency): the converter groups
   * the routes it reads by an equal target, one instance per configuration of the output.
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof Istio i
        && version.equals(i.version)
        && selector.equals(i.selector)
        && Objects.equals(gatewayNamespace, i.gatewayNamespace)
        && Objects.equals(gatewayName, i.gatewayName)
        && Objects.equals(maxEjectionPercent, i.maxEjectionPercent)
        && Objects.equals(minHealthPercent, i.minHealthPercent)
        && lenient == i.lenient;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        version,
        selector,
        gatewayNamespace,
        gatewayName,
        maxEjectionPercent,
        minHealthPercent,
        lenient);
  }

  @Override
  public String toString() {
    return "Istio[version="
        + version
        + ", "
        + (gatewayName != null
            ? "gateway=" + gatewayNamespace + "/" + gatewayName
            : "gatewaySelector=" + selector)
        + (maxEjectionPercent != null
            ? ", outlierLimits=" + maxEjectionPercent + "/" + minHealthPercent
            : "")
        + (lenient ? ", lenient" : "")
        + "]";
  }
}
