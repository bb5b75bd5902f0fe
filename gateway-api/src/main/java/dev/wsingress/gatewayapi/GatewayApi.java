package dev.wsingress.gatewayapi;

import dev.wsingress.ClientIpAffinity;
import dev.wsingress.Contributions;
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
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicy;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Kubernetes Gateway API target ({@code gateway.networking.k8s.io/v1}, standard channel, from
 * Gateway API v1.2; v1.6 by default): an HTTPRoute for the app with one rule per group of routes
 * with equal settings (each with its own backend, plain HTTP rules with their own request timeout,
 * rewrites as {@code URLRewrite} {@code ReplacePrefixMatch}), a second HTTPRoute that redirects
 * plain HTTP to HTTPS when TLS asks for it, a BackendTLSPolicy per HTTPS backend Service,
 * optionally the Gateway itself, and with {@link #envoyGateway()} the Envoy Gateway policies that
 * carry what the API has no field for (idle and connect timeouts, affinity, rate limit, health
 * check), on the WebSocket rules only. This is the migration path off the retired ingress-nginx.
 *
 * <p>WebSocket needs no field: implementations that claim {@code HTTPRouteBackendProtocolWebSocket}
 * upgrade by themselves, helped by {@code appProtocol: kubernetes.io/ws} on the Service port (the
 * platform Service gets it when both render). No request timeout is written unless asked for: the
 * specification leaves open whether it covers an upgraded stream, and a hard one can cut long
 * sessions.
 *
 * <pre>{@code
 * Rendering out = GatewayApi.target()
 *     .withGateway("eg")                 // or .gateway("infra", "public") for an existing one
 *     .envoyGateway()                    // BackendTrafficPolicy: stream idle timeout and more
 *     .render(app);
 * }</pre>
 *
 * <p>Oldest release lines: Gateway API v1.2 ({@link #version(String)}) and Envoy Gateway v1.6
 * ({@link #envoyGateway(String)}). Instances are immutable; every option returns a changed copy and
 * rejects bad input at once.
 *
 * <p>The doctor reads HTTPRoutes back with {@link #read}: which Gateway and implementation serve
 * each one (its GatewayClass's {@code controllerName}), what it does per rule match, and the
 * Gateway API's rules, with Envoy Gateway's (v1.9.0) where Envoy Gateway serves the route.
 */
public final class GatewayApi implements Target {
  /**
   * The Gateway the routes attach to when none is named: {@code gateway} in the app's namespace.
   */
  public static final String DEFAULT_GATEWAY = "gateway";

  private final Options o;

  /** For {@link java.util.ServiceLoader}; use {@link #target()}. */
  public GatewayApi() {
    this(Options.defaults());
  }

  private GatewayApi(Options options) {
    this.o = options;
  }

  /** The Gateway API target with default options (standard channel v1.6, strict). */
  public static GatewayApi target() {
    return new GatewayApi();
  }

  /** The options (for this package's tests). */
  Options options() {
    return o;
  }

  private static void check(List<Problem> problems) {
    if (!problems.isEmpty()) {
      throw new InvalidSpecException("GatewayApi", problems);
    }
  }

  /**
   * Attaches the routes to an existing Gateway.
   *
   * @throws InvalidSpecException when the namespace or name is invalid
   */
  public GatewayApi gateway(String namespace, String name) {
    List<Problem> problems = new ArrayList<>();
    SpecRules.dnsLabel(problems, "gateway.namespace", namespace, 63);
    SpecRules.dnsSubdomain(problems, "gateway.name", name);
    check(problems);
    return new GatewayApi(o.parent(namespace, name, null));
  }

  /**
   * Also renders a Gateway of this GatewayClass, named after the app in its namespace, with an HTTP
   * listener on port 80 and, with TLS, an HTTPS listener on 443 terminating with the app's
   * certificate; the routes attach to it.
   *
   * @throws InvalidSpecException when the class name is invalid
   */
  public GatewayApi withGateway(String gatewayClassName) {
    List<Problem> problems = new ArrayList<>();
    SpecRules.dnsSubdomain(problems, "gatewayClassName", gatewayClassName);
    check(problems);
    return new GatewayApi(o.parent(null, null, gatewayClassName));
  }

  /**
   * The Gateway's listener (section) names for plain HTTP and for HTTPS; {@code http} and {@code
   * https} by default. With TLS and a redirect, the app's route attaches to the HTTPS listener and
   * the redirect route to the HTTP one.
   *
   * @throws InvalidSpecException when a name is invalid or both are the same
   */
  public GatewayApi listeners(String http, String https) {
    List<Problem> problems = new ArrayList<>();
    SpecRules.dnsSubdomain(problems, "listeners.http", http);
    SpecRules.dnsSubdomain(problems, "listeners.https", https);
    if (problems.isEmpty() && http.equals(https)) {
      problems.add(
          Problem.of(
              "listeners.https",
              https,
              "must differ from the HTTP listener's name",
              "name the two listeners differently, such as \"http\" and \"https\""));
    }
    check(problems);
    return new GatewayApi(o.listeners(http, https));
  }

  /**
   * Writes {@code timeouts.request} on the WebSocket rules, which get none by default:
   * implementations may apply it to the whole life of an upgraded socket. {@link Duration#ZERO}
   * writes {@code 0s}, which disables the timeout on implementations that honour it. Plain HTTP
   * rules take theirs from {@link dev.wsingress.Route#requestTimeout(Duration)} instead.
   *
   * @throws InvalidSpecException when the duration is negative, finer than a millisecond, or longer
   *     than 99999 hours
   */
  public GatewayApi requestTimeout(Duration timeout) {
    boolean ok =
        timeout != null
            && !timeout.isNegative()
            && timeout.toHours() <= 99_999
            && timeout.getNano() % 1_000_000 == 0;
    if (!ok) {
      throw InvalidSpecException.of(
          "GatewayApi",
          "requestTimeout",
          timeout,
          "must be zero or a positive whole number of milliseconds up to 99999 hours (GEP-2257)",
          "give a duration such as Duration.ofHours(2), or Duration.ZERO to disable it");
    }
    return new GatewayApi(o.requestTimeout(timeout));
  }

  /**
   * Uses experimental-channel fields where the standard channel has none: {@code
   * sessionPersistence} for cookie affinity (unless {@link #envoyGateway()} carries it). The
   * cluster must run the experimental CRDs.
   */
  public GatewayApi experimental() {
    return new GatewayApi(o.experimental(true));
  }

  /**
   * Renders for this Gateway API release line ({@code 1.2} to {@code 1.6}; {@code 1.6} by default):
   * older lines get no CORS filter (standard from v1.5) and no BackendTLSPolicy (v1 is standard
   * from v1.4), and say so.
   *
   * @throws InvalidSpecException when the text is not a supported release line
   */
  public GatewayApi version(String version) {
    return new GatewayApi(o.version(Version.option("GatewayApi", version, Releases.GATEWAY_API)));
  }

  /**
   * Also renders Envoy Gateway's policies ({@code gateway.envoyproxy.io/v1alpha1}) for the newest
   * supported Envoy Gateway release, v1.9: a BackendTrafficPolicy for the app's WebSocket rules
   * (one per backend Service, targeting named rules where an HTTPRoute also holds others) with the
   * stream idle timeout that keeps idle sockets open (Envoy's default resets them after 5 minutes),
   * the connect timeout, consistent-hash affinity (cookie, client IP or header), a local handshake
   * rate limit per client address, an active health check and, where the workload states its
   * capacity, circuit-breaker thresholds.
   */
  public GatewayApi envoyGateway() {
    return new GatewayApi(o.envoyGateway(Releases.newest(Releases.ENVOY_GATEWAY)));
  }

  /**
   * {@link #envoyGateway()} for an Envoy Gateway release line, {@code 1.6} to {@code 1.9}. Before
   * v1.8 Envoy Gateway has no per-route stream idle timeout: it goes into a ClientTrafficPolicy on
   * a Gateway wsingress renders, or a finding names the setting for one it does not.
   *
   * @throws InvalidSpecException when the text is not a supported release line
   */
  public GatewayApi envoyGateway(String version) {
    Version v;
    try {
      v = Version.parse(version);
    } catch (IllegalArgumentException e) {
      v = null;
    }
    if (v == null || !Releases.ENVOY_GATEWAY.contains(v)) {
      throw InvalidSpecException.of(
          "GatewayApi",
          "envoyGateway",
          version,
          "is not an Envoy Gateway release line this target writes for (supported: "
              + Releases.oldest(Releases.ENVOY_GATEWAY)
              + " to "
              + Releases.newest(Releases.ENVOY_GATEWAY)
              + ")",
          "give one of " + Releases.ENVOY_GATEWAY);
    }
    return new GatewayApi(o.envoyGateway(v));
  }

  /**
   * Verifies an HTTPS backend against the CA in this ConfigMap (key {@code ca.crt}, in the app's
   * namespace), the BackendTLSPolicy form every implementation supports (Core), instead of the
   * spec's {@code backendCaSecret} (a Secret, implementation-specific).
   *
   * @throws InvalidSpecException when the name is invalid
   */
  public GatewayApi backendCaConfigMap(String name) {
    List<Problem> problems = new ArrayList<>();
    SpecRules.dnsSubdomain(problems, "backendCaConfigMap", name);
    check(problems);
    return new GatewayApi(o.caConfigMap(name));
  }

  /**
   * Reports what the Gateway API cannot express as warnings instead of failing, and leaves it out
   * of the objects.
   */
  @Override
  public GatewayApi lenient() {
    return new GatewayApi(o.lenient(true));
  }

  @Override
  public String id() {
    return "gateway-api";
  }

  @Override
  public String displayName() {
    return "Gateway API";
  }

  @Override
  public List<Version> versions() {
    return Releases.GATEWAY_API;
  }

  @Override
  public Optional<Version> version() {
    return Optional.of(o.version());
  }

  @Override
  public List<Class<? extends HasMetadata>> resourceTypes() {
    return List.of(
        HTTPRoute.class,
        Gateway.class,
        BackendTLSPolicy.class,
        BackendTrafficPolicy.class,
        ClientTrafficPolicy.class);
  }

  /**
   * Reads HTTPRoutes back for the doctor: what the implementation serving each route does with it
   * (which Gateway, which implementation from its GatewayClass, hosts, matches, backends, timeouts,
   * affinity, TLS, rewrite, CORS, and on Envoy Gateway the stream idle timeout from its policies),
   * and the Gateway API's rules, with Envoy Gateway's where it serves the route. The README's
   * Gateway API section lists the rules.
   *
   * <pre>{@code
   * Report r = Doctor.with(GatewayApi.target()).check(Manifests.read(Path.of("k8s")));
   * }</pre>
   */
  @Override
  public void read(Manifests in, Reading out) {
    GatewayApiReader.read(this, in, out);
  }

  @Override
  public void contribute(WebSocketApp app, Contributions.Builder out) {
    // Service appProtocol kubernetes.io/ws selects the WebSocket backend protocol (gateway-api
    // geps/gep-1911; feature HTTPRouteBackendProtocolWebSocket); kubernetes.io/wss only with a
    // BackendTLSPolicy (BackendTlsPolicies).
    BackendTlsPolicies.appProtocol(app, o).ifPresent(out::serviceAppProtocol);
    // Implementations (Envoy Gateway, Istio, Cilium, NGINX Gateway Fabric) proxy to the Service's
    // endpoints, not through kube-proxy, so Service sessionAffinity does not apply. Where the
    // gateway's proxy runs depends on the implementation: no trafficFrom. Client-IP affinity has
    // no Gateway API field (HttpRoutes.sessionPersistence); only Envoy Gateway's consistent hash
    // carries it.
    if (app.affinity().isPresent()
        && app.affinity().get() instanceof ClientIpAffinity
        && !o.envoy()) {
      out.balancesOverEndpointsWithoutAffinity();
    } else {
      out.balancesOverEndpoints();
    }
  }

  @Override
  public Rendering render(WebSocketApp app, RenderContext context) {
    Objects.requireNonNull(app, "app");
    Rendering.Builder out = Rendering.builder("Gateway API", o.lenient());
    String subject = "HTTPRoute " + app.namespace() + "/" + app.name();
    String parentNamespace = o.ownsGateway() ? app.namespace() : o.gatewayNamespace();
    String parentName = o.ownsGateway() ? app.name() : o.gatewayName();
    if (parentNamespace == null) {
      parentNamespace = app.namespace();
      out.add(
          GatewayApiFinding.DEFAULT_PARENT.at(
              subject,
              "no Gateway was named, so the routes attach to Gateway "
                  + parentNamespace
                  + "/"
                  + parentName
                  + "."));
    }
    if (!parentNamespace.equals(app.namespace())) {
      out.add(
          // kubernetes-sigs/gateway-api v1.6.1 apis/v1/gateway_types.go: AllowedRoutes.Namespaces
          // is +kubebuilder:default={from: Same}, so a listener takes routes of its own namespace
          // only unless it says otherwise
          GatewayApiFinding.CROSS_NAMESPACE_PARENT.at(
              subject,
              "the routes in namespace "
                  + app.namespace()
                  + " attach to Gateway "
                  + parentNamespace
                  + "/"
                  + parentName
                  + ", which accepts routes from its own namespace only unless its listeners"
                  + " allow others."));
    }
    if (app.tls().isPresent() && !o.ownsGateway()) {
      out.add(
          // kubernetes-sigs/gateway-api v1.6.1 apis/v1/gateway_types.go: a listener terminates TLS
          // with the Secrets its tls.certificateRefs name; an HTTPRoute has no TLS field
          GatewayApiFinding.TLS_ON_GATEWAY.at(
              subject,
              "TLS terminates on the Gateway, not on the route: Secret "
                  + app.tls().get().secretName()
                  + " must be a certificateRef of the Gateway's "
                  + o.httpsListener()
                  + " listener."));
    }
    Optional<String> appProtocol = BackendTlsPolicies.appProtocol(app, o);
    if (!context.includes("platform") && appProtocol.isPresent()) {
      out.add(
          // kubernetes-sigs/gateway-api v1.6.1 geps/gep-1911/index.md: implementations pick the
          // backend protocol from the Service port's appProtocol (kubernetes.io/ws)
          GatewayApiFinding.APP_PROTOCOL.at(
              "Service " + app.namespace() + "/" + app.serviceName(),
              "implementations pick the WebSocket backend protocol from the Service port's"
                  + " appProtocol ("
                  + appProtocol.get()
                  + "), and the Service is not rendered here."));
    }
    otherWebSocketServices(app, out);
    timeouts(app, subject, out);
    unsupported(app, subject, out);
    HttpRouteRules.Plan plan = HttpRouteRules.plan(app, o, subject, out);
    if (plan.rules().isEmpty()) {
      return out.build();
    }
    HttpRoutes.Routes routes =
        HttpRoutes.render(
            app,
            o,
            plan,
            g -> EnvoyGatewayPolicies.policyOf(app, g),
            parentNamespace,
            parentName,
            subject,
            out);
    routes.appRoutes().forEach(out::add);
    routes.redirect().forEach(out::add);
    BackendTlsPolicies.render(app, o, plan.services(), subject, out).forEach(out::add);
    if (o.envoy()) {
      EnvoyGatewayPolicies.render(app, o, routes.app(), parentNamespace, parentName, subject, out)
          .forEach(out::add);
    }
    if (o.ownsGateway()) {
      out.add(gateway(app));
    }
    return out.build();
  }

  /**
   * The Services of WebSocket routes that are not the app's own: the platform renders only the
   * app's Service, so the appProtocol those need is the user's to set, on the port the route names.
   */
  private void otherWebSocketServices(WebSocketApp app, Rendering.Builder out) {
    Optional<String> protocol = BackendTlsPolicies.protocol(app, o);
    if (protocol.isEmpty()) {
      return;
    }
    Map<String, List<String>> paths = new LinkedHashMap<>();
    Map<String, List<String>> ports = new LinkedHashMap<>();
    for (Route r : app.routes()) {
      RouteBackend b = r.backend().orElseThrow();
      if (!r.isWebSocket() || b.serviceName().equals(app.serviceName())) {
        continue;
      }
      paths.computeIfAbsent(b.serviceName(), k -> new ArrayList<>()).add(r.path());
      String port =
          b.port().isPresent()
              ? Integer.toString(b.port().getAsInt())
              : "\"" + b.portName().orElse("") + "\"";
      List<String> p = ports.computeIfAbsent(b.serviceName(), k -> new ArrayList<>());
      if (!p.contains(port)) {
        p.add(port);
      }
    }
    for (Map.Entry<String, List<String>> e : paths.entrySet()) {
      List<String> p = ports.get(e.getKey());
      out.add(
          // kubernetes-sigs/gateway-api v1.6.1 geps/gep-1911/index.md: implementations SHOULD
          // honour the appProtocol of the Service port a route names
          GatewayApiFinding.BACKEND_APP_PROTOCOL.at(
              "Service " + app.namespace() + "/" + e.getKey(),
              "Service "
                  + e.getKey()
                  + " carries the WebSocket "
                  + (e.getValue().size() == 1 ? "route " : "routes ")
                  + String.join(", ", e.getValue())
                  + " and is not the app's own, so wsingress renders no Service for it:"
                  + " implementations SHOULD honour a Service port's appProtocol (GEP-1911), and"
                  + (p.size() == 1 ? " its port " : " its ports ")
                  + String.join(", ", p)
                  + (p.size() == 1 ? " needs" : " need")
                  + " appProtocol: "
                  + protocol.get()
                  + "."));
    }
  }

  private void timeouts(WebSocketApp app, String subject, Rendering.Builder out) {
    if (!o.envoy()) {
      String envoy = "";
      if (o.requestTimeout() != null) {
        Duration d = o.requestTimeout();
        envoy =
            "; with timeouts.request "
                + GepDurations.format(d)
                + " Envoy Gateway sets the route's stream idle timeout to "
                + (d.isZero()
                    ? "none (disabled)"
                    : GepDurations.format(EnvoyGatewayPolicies.derivedStreamIdle(d)));
      }
      out.add(
          // envoyproxy/gateway v1.9.0 internal/xds/translator/route.go: idleTimeout() sets the
          // route idle timeout only from a BackendTrafficPolicy streamIdleTimeout or derived from
          // timeouts.request; otherwise Envoy's 5 min stream idle timeout applies
          // (api/v1alpha1/timeout_types.go)
          GatewayApiFinding.IDLE_TIMEOUT.at(
              subject,
              "the Gateway API has no idle timeout, and whether timeouts.request covers an"
                  + " upgraded WebSocket is left to implementations, so none is written; Envoy"
                  + " Gateway resets a WebSocket silent for 5 minutes (Envoy's default stream"
                  + " idle timeout) unless a policy sets its stream idle timeout to the app's "
                  + app.idleTimeout().getSeconds()
                  + " s"
                  + envoy
                  + "."));
    }
    if (o.requestTimeout() != null && !o.requestTimeout().isZero()) {
      out.add(
          // kubernetes-sigs/gateway-api v1.6.1 apis/v1/httproute_types.go:
          // HTTPRouteTimeouts.Request: "When this field is unspecified, request timeout behavior is
          // implementation-specific"; the API leaves whether it covers an upgraded stream to
          // implementations
          GatewayApiFinding.REQUEST_TIMEOUT.at(
              subject,
              "timeouts.request "
                  + GepDurations.format(o.requestTimeout())
                  + " is written as asked; implementations that apply it to upgraded streams"
                  + " end every WebSocket after that time, however active."));
    }
    if (app.connectTimeout().isPresent() && !o.envoy()) {
      out.add(
          // kubernetes-sigs/gateway-api v1.6.1 apis/v1/httproute_types.go: HTTPRouteTimeouts has
          // request and backendRequest only, no connect timeout
          GatewayApiFinding.CONNECT_TIMEOUT.at(
              subject,
              "the Gateway API has no connect timeout; "
                  + app.connectTimeout().get().getSeconds()
                  + " s is not written."));
    }
  }

  private void unsupported(WebSocketApp app, String subject, Rendering.Builder out) {
    if (app.rateLimit().isPresent() && !o.envoy()) {
      out.add(
          // kubernetes-sigs/gateway-api v1.6.1 apis/v1/httproute_types.go: no HTTPRoute filter or
          // field limits request rates
          GatewayApiFinding.RATE_LIMIT.at(
              subject, "the Gateway API has no rate limit; the handshake limit is not written."));
    }
    if (app.maxConnectionsPerClient().isPresent()) {
      int max = app.maxConnectionsPerClient().getAsInt();
      out.add(
          GatewayApiFinding.MAX_CONNECTIONS.at(
              subject,
              o.envoy()
                  // envoyproxy/gateway v1.9.0 api/v1alpha1/connection_types.go
                  // ConnectionLimit.Value "maximum concurrent connections limit" of a
                  // ClientTrafficPolicy's listener; internal/xds/translator/listener.go:486-501
                  // adds Envoy's connection_limit network filter to the listener's filter chain,
                  // which counts every client of that chain on one Envoy replica.
                  ? "Envoy Gateway has no per-client connection limit: ClientTrafficPolicy"
                      + " spec.connection.connectionLimit.value counts every client's connections"
                      + " to a listener on each Envoy replica, so "
                      + max
                      + " there would refuse connection "
                      + (max + 1)
                      + " of all clients together, not of one client; nothing is written."
                  : "the Gateway API has no per-client connection limit; "
                      + max
                      + " is not written."));
    }
    if (app.healthCheck().isPresent() && !o.envoy()) {
      out.add(
          // kubernetes-sigs/gateway-api v1.6.1 apis/v1/httproute_types.go: no HTTPRoute field
          // configures an active health check
          GatewayApiFinding.HEALTH_CHECK.at(
              subject,
              "the Gateway API has no health check; "
                  + app.healthCheck().get().path()
                  + " is not probed by the gateway, which routes to Ready endpoints."));
    }
    if (app.responseBuffering() || app.requestBuffering()) {
      out.add(
          GatewayApiFinding.BUFFERING.at(
              subject,
              o.envoy()
                  // api/v1alpha1/backendtrafficpolicy_types.go RequestBuffer: "incompatible
                  // with streaming APIs and protocol upgrades such as gRPC streaming and
                  // WebSocket"; CEL "requestBuffer cannot be used together with httpUpgrade".
                  ? "buffering is not written: Envoy Gateway's spec.requestBuffer is"
                      + " incompatible with WebSocket upgrades."
                  : "the Gateway API has no buffering setting; buffering is not written."));
    }
  }

  private Gateway gateway(WebSocketApp app) {
    List<Listener> listeners = new ArrayList<>();
    listeners.add(
        new ListenerBuilder()
            .withName(o.httpListener())
            .withPort(80)
            .withProtocol("HTTP")
            .withNewAllowedRoutes()
            .withNewNamespaces()
            .withFrom("Same")
            .endNamespaces()
            .endAllowedRoutes()
            .build());
    if (app.tls().isPresent()) {
      listeners.add(
          new ListenerBuilder()
              .withName(o.httpsListener())
              .withPort(443)
              .withProtocol("HTTPS")
              .withNewTls()
              .withMode("Terminate")
              .addNewCertificateRef()
              .withKind("Secret")
              .withName(app.tls().get().secretName())
              .endCertificateRef()
              .endTls()
              .withNewAllowedRoutes()
              .withNewNamespaces()
              .withFrom("Same")
              .endNamespaces()
              .endAllowedRoutes()
              .build());
    }
    return new GatewayBuilder()
        .withMetadata(app.objectMeta(app.name()))
        .withNewSpec()
        .withGatewayClassName(o.gatewayClass())
        .withListeners(listeners)
        .endSpec()
        .build();
  }

  @Override
  public String toString() {
    return "GatewayApi["
        + (o.ownsGateway()
            ? "withGateway=" + o.gatewayClass()
            : "gateway="
                + (o.gatewayNamespace() == null ? "" : o.gatewayNamespace() + "/")
                + o.gatewayName())
        + ", listeners="
        + o.httpListener()
        + "/"
        + o.httpsListener()
        + (o.version().equals(Releases.newest(Releases.GATEWAY_API))
            ? ""
            : ", version=" + o.version())
        + (o.requestTimeout() != null
            ? ", requestTimeout=" + GepDurations.format(o.requestTimeout())
            : "")
        + (o.experimental() ? ", experimental" : "")
        + (o.envoy() ? ", envoyGateway=" + o.envoyGateway() : "")
        + (o.caConfigMap() != null ? ", backendCaConfigMap=" + o.caConfigMap() : "")
        + (o.lenient() ? ", lenient" : "")
        + "]";
  }
}
