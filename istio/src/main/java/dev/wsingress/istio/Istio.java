package dev.wsingress.istio;

import dev.wsingress.Affinity;
import dev.wsingress.BackendProtocol;
import dev.wsingress.ClientIpAffinity;
import dev.wsingress.Contributions;
import dev.wsingress.CookieAffinity;
import dev.wsingress.Cors;
import dev.wsingress.HeaderAffinity;
import dev.wsingress.HealthCheck;
import dev.wsingress.InvalidSpecException;
import dev.wsingress.Problem;
import dev.wsingress.RenderContext;
import dev.wsingress.Rendering;
import dev.wsingress.Route;
import dev.wsingress.SpecRules;
import dev.wsingress.Target;
import dev.wsingress.WebSocketApp;
import io.fabric8.istio.api.api.networking.v1alpha3.ClientTLSSettingsBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.ClientTLSSettingsTLSmode;
import io.fabric8.istio.api.api.networking.v1alpha3.ConnectionPoolSettingsBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.ConnectionPoolSettingsHTTPSettingsH2UpgradePolicy;
import io.fabric8.istio.api.api.networking.v1alpha3.CorsPolicy;
import io.fabric8.istio.api.api.networking.v1alpha3.CorsPolicyBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequestBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.IsLoadBalancerSettingsConsistentHashLBHashKey;
import io.fabric8.istio.api.api.networking.v1alpha3.IsLoadBalancerSettingsLbPolicy;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBHttpCookieBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBHttpHeaderNameBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBUseSourceIpBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsSimpleBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsSimpleLB;
import io.fabric8.istio.api.api.networking.v1alpha3.OutlierDetectionBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.Server;
import io.fabric8.istio.api.api.networking.v1alpha3.ServerBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.ServerTLSSettingsTLSmode;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchExactBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchPrefixBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchRegexBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicyBuilder;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.DestinationRuleBuilder;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.GatewayBuilder;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.api.networking.v1.VirtualServiceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Istio target ({@code networking.istio.io/v1}): an ingress Gateway, a VirtualService and a
 * DestinationRule that never cap or cut a long-lived WebSocket.
 *
 * <p>WebSocket needs no field (every HTTP connection manager Istio builds allows the upgrade; the
 * seed's {@code websocketUpgrade} does not exist). The route gets no timeout: Istio's default is
 * none, and {@code 0s} is rejected since 1.23. The DestinationRule keeps {@code h2UpgradePolicy:
 * DO_NOT_UPGRADE} (an HTTP/2 upstream hop breaks the upgrade between sidecars), balances with
 * {@code LEAST_REQUEST} (each open socket is an active request, so new sockets go to the least busy
 * pod) or a consistent hash for affinity — never both.
 *
 * <pre>{@code
 * Rendering out = Targets.render(app, Istio.target(), Platform.target());
 * Rendering shared = Istio.target().gateway("istio-system", "public").render(app);
 * }</pre>
 */
public final class Istio implements Target {
  private final Map<String, String> selector;
  private final String gatewayNamespace;
  private final String gatewayName;
  private final Integer maxEjectionPercent;
  private final Integer minHealthPercent;
  private final boolean lenient;

  /** For {@link java.util.ServiceLoader}; use {@link #target()}. */
  public Istio() {
    this(Map.of("istio", "ingressgateway"), null, null, null, null, false);
  }

  private Istio(
      Map<String, String> selector,
      String gatewayNamespace,
      String gatewayName,
      Integer maxEjectionPercent,
      Integer minHealthPercent,
      boolean lenient) {
    this.selector = selector;
    this.gatewayNamespace = gatewayNamespace;
    this.gatewayName = gatewayName;
    this.maxEjectionPercent = maxEjectionPercent;
    this.minHealthPercent = minHealthPercent;
    this.lenient = lenient;
  }

  /** The Istio target: renders its own Gateway for pods labelled {@code istio: ingressgateway}. */
  public static Istio target() {
    return new Istio();
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
    return new Istio(selector, namespace, name, maxEjectionPercent, minHealthPercent, lenient);
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
        selector, gatewayNamespace, gatewayName, maxEjectionPercent, minHealthPercent, lenient);
  }

  /** Reports what Istio cannot express as warnings and leaves it out instead of failing. */
  @Override
  public Istio lenient() {
    return new Istio(
        selector, gatewayNamespace, gatewayName, maxEjectionPercent, minHealthPercent, true);
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
  public void contribute(WebSocketApp app, Contributions.Builder out) {
    // Istio picks the protocol from the port name prefix "http-" (or appProtocol, which wins):
    // istio/istio pkg/config/kube/conversion.go.
    out.requireHttpPortName();
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
    String drSubject = "DestinationRule " + app.namespace() + "/" + app.name();
    String host = app.serviceName() + "." + app.namespace() + ".svc.cluster.local";

    if (!context.includes("platform")) {
      out.add(
          IstioFinding.PORT_PROTOCOL.at(
              "Service " + app.namespace() + "/" + app.serviceName(),
              "Istio treats the port as HTTP (and so proxies the WebSocket upgrade) only when"
                  + " its name starts with http- or its appProtocol says so; the Service is not"
                  + " rendered here, so it was not checked."));
    }
    out.add(
        IstioFinding.STREAM_IDLE.at(
            vsSubject,
            "no route timeout is written (Istio's default is none; 0s is rejected since 1.23),"
                + " and Istio turns off Envoy's stream idle timeout, so a quiet WebSocket stays"
                + " open; the DestinationRule's idle timeouts of "
                + app.idleTimeout().getSeconds()
                + " s apply to pooled connections without an active request."));
    unsupported(app, vsSubject, out);

    String gatewayRef;
    if (gatewayName == null) {
      out.add(gateway(app, out));
      gatewayRef = app.namespace() + "/" + app.name();
    } else {
      gatewayRef = gatewayNamespace + "/" + gatewayName;
    }
    if (app.servicePort().isEmpty()) {
      out.add(
          IstioFinding.PORT_NUMBER.at(
              vsSubject,
              "a VirtualService destination needs the port number, and the app names its port"
                  + " \""
                  + app.servicePortName().orElse("")
                  + "\"; no VirtualService is rendered."));
    } else {
      out.add(virtualService(app, gatewayRef, host, out, vsSubject));
    }
    out.add(destinationRule(app, host, out, drSubject));
    return out.build();
  }

  private static void unsupported(WebSocketApp app, String subject, Rendering.Builder out) {
    if (app.rateLimit().isPresent()) {
      out.add(
          IstioFinding.RATE_LIMIT.at(
              subject,
              "networking.istio.io has no rate limit; the handshake limit is not written."));
    }
    if (app.maxConnectionsPerClient().isPresent()) {
      out.add(
          IstioFinding.MAX_CONNECTIONS.at(
              subject,
              "networking.istio.io has no per-client connection limit; "
                  + app.maxConnectionsPerClient().getAsInt()
                  + " is not written."));
    }
    if (app.responseBuffering() || app.requestBuffering()) {
      out.add(
          IstioFinding.BUFFERING.at(
              subject, "Istio has no proxy buffering setting; buffering is not written."));
    }
  }

  private Gateway gateway(WebSocketApp app, Rendering.Builder out) {
    List<Server> servers = new ArrayList<>();
    ServerBuilder http =
        new ServerBuilder()
            .withHosts(app.hosts())
            .withNewPort()
            .withName("http")
            .withNumber(80L)
            .withProtocol("HTTP")
            .endPort();
    boolean redirect = app.tls().isPresent() && app.tls().get().redirect();
    if (redirect) {
      // Gateway Server tls.httpsRedirect: a 301 to https for every request on this server.
      http.withNewTls().withHttpsRedirect(true).endTls();
    }
    servers.add(http.build());
    if (app.tls().isPresent()) {
      String secret = app.tls().get().secretName();
      servers.add(
          new ServerBuilder()
              .withHosts(app.tlsHosts())
              .withNewPort()
              .withName("https")
              .withNumber(443L)
              .withProtocol("HTTPS")
              .endPort()
              .withNewTls()
              .withMode(ServerTLSSettingsTLSmode.SIMPLE)
              .withCredentialName(secret)
              .endTls()
              .build());
      out.add(
          IstioFinding.CREDENTIAL_NAMESPACE.at(
              "Gateway " + app.namespace() + "/" + app.name(),
              "credentialName "
                  + secret
                  + " is read from the namespace of the gateway workload (selected by "
                  + selector
                  + "), not from the Gateway's namespace "
                  + app.namespace()
                  + "."));
    }
    return new GatewayBuilder()
        .withMetadata(app.objectMeta(app.name()))
        .withNewSpec()
        .withSelector(selector)
        .withServers(servers)
        .endSpec()
        .build();
  }

  private static VirtualService virtualService(
      WebSocketApp app, String gatewayRef, String host, Rendering.Builder out, String subject) {
    List<HTTPMatchRequest> matches = new ArrayList<>();
    for (Route r : app.routes()) {
      matches.add(
          new HTTPMatchRequestBuilder()
              .withNewUri()
              .withMatchType(
                  r.match() == Route.Match.EXACT
                      ? new StringMatchExactBuilder().withExact(r.path()).build()
                      : new StringMatchPrefixBuilder().withPrefix(r.path()).build())
              .endUri()
              .build());
    }
    HTTPRouteBuilder route =
        new HTTPRouteBuilder()
            .withMatch(matches)
            .addNewRoute()
            .withNewDestination()
            .withHost(host)
            .withNewPort()
            .withNumber((long) app.servicePort().getAsInt())
            .endPort()
            .endDestination()
            .endRoute();
    if (app.cors().isPresent()) {
      route.withCorsPolicy(cors(app.cors().get()));
      out.add(
          IstioFinding.CORS_HANDSHAKE.at(
              subject,
              "corsPolicy answers browsers' preflights, but browsers send none for the WebSocket"
                  + " handshake, so any page can open the socket."));
    }
    return new VirtualServiceBuilder()
        .withMetadata(app.objectMeta(app.name()))
        .withNewSpec()
        .withHosts(app.hosts())
        .withGateways(gatewayRef)
        .withHttp(route.build())
        .endSpec()
        .build();
  }

  private static CorsPolicy cors(Cors c) {
    List<StringMatch> origins = new ArrayList<>();
    for (String origin : c.origins()) {
      StringMatchBuilder m = new StringMatchBuilder();
      if (origin.equals("*")) {
        m.withMatchType(new StringMatchRegexBuilder().withRegex(".*").build());
      } else if (origin.contains("*.")) {
        // One wildcard label, as the spec allows; RE2 full match with the dots escaped.
        String regex = origin.replace(".", "\\.").replace("*\\.", "[a-z0-9-]+\\.");
        m.withMatchType(new StringMatchRegexBuilder().withRegex(regex).build());
      } else {
        m.withMatchType(new StringMatchExactBuilder().withExact(origin).build());
      }
      origins.add(m.build());
    }
    CorsPolicyBuilder b =
        new CorsPolicyBuilder()
            .withAllowOrigins(origins)
            .withAllowMethods(c.methods())
            .withAllowHeaders(c.headers())
            .withExposeHeaders(c.exposedHeaders());
    if (c.credentials()) {
      b.withAllowCredentials(true);
    }
    if (c.maxAge().isPresent()) {
      b.withMaxAge(duration(c.maxAge().get()));
    }
    return b.build();
  }

  private DestinationRule destinationRule(
      WebSocketApp app, String host, Rendering.Builder out, String subject) {
    String idle = duration(app.idleTimeout());
    ConnectionPoolSettingsBuilder pool =
        new ConnectionPoolSettingsBuilder()
            .withNewTcp()
            .withIdleTimeout(idle)
            .endTcp()
            .withNewHttp()
            .withIdleTimeout(idle)
            // UPGRADE would make the upstream hop HTTP/2, where a WebSocket needs Envoy's
            // allow_connect, which Istio sets only on waypoints (istio/istio#27078, #33534).
            .withH2UpgradePolicy(ConnectionPoolSettingsHTTPSettingsH2UpgradePolicy.DO_NOT_UPGRADE)
            .endHttp();
    if (app.connectTimeout().isPresent()) {
      pool.editTcp().withConnectTimeout(duration(app.connectTimeout().get())).endTcp();
    }
    TrafficPolicyBuilder policy =
        new TrafficPolicyBuilder()
            .withLoadBalancer(
                new LoadBalancerSettingsBuilder().withLbPolicy(lbPolicy(app, out, subject)).build())
            .withConnectionPool(pool.build());
    if (app.healthCheck().isPresent() || maxEjectionPercent != null) {
      HealthCheck h = app.healthCheck().orElse(null);
      int fall = h != null && h.fall().isPresent() ? h.fall().getAsInt() : 5;
      Duration interval =
          h != null ? h.interval().orElse(Duration.ofSeconds(10)) : Duration.ofSeconds(10);
      // Passive health checking: eject a pod after `fall` 502/503/504 (consecutiveGatewayErrors,
      // which replaces the deprecated consecutiveErrors; destination_rule.proto).
      OutlierDetectionBuilder outlier =
          new OutlierDetectionBuilder()
              .withConsecutiveGatewayErrors(fall)
              .withInterval(duration(interval))
              .withBaseEjectionTime("30s");
      if (maxEjectionPercent != null) {
        outlier.withMaxEjectionPercent(maxEjectionPercent).withMinHealthPercent(minHealthPercent);
      }
      policy.withOutlierDetection(outlier.build());
      if (h != null) {
        out.add(
            IstioFinding.HEALTH_CHECK_PASSIVE.at(
                subject,
                "Istio has no active health checks: "
                    + h.path()
                    + " is not probed; outlier detection ejects a pod after "
                    + fall
                    + " consecutive gateway errors (502, 503, 504)."));
      }
    }
    if (app.backendProtocol() == BackendProtocol.HTTPS) {
      if (app.backendCaSecret().isPresent()) {
        policy.withTls(
            new ClientTLSSettingsBuilder()
                .withMode(ClientTLSSettingsTLSmode.SIMPLE)
                .withCredentialName(app.backendCaSecret().get())
                .withSni(host)
                .build());
        out.add(
            IstioFinding.BACKEND_CA_NAMESPACE.at(
                subject,
                "credentialName "
                    + app.backendCaSecret().get()
                    + " is read from the namespace of the proxy that calls the backend."));
      } else {
        out.add(
            IstioFinding.BACKEND_TLS.at(
                subject,
                "an HTTPS backend without a CA would be verified only against the proxy's"
                    + " system roots, if at all; wsingress never writes insecureSkipVerify."));
      }
    }
    return new DestinationRuleBuilder()
        .withMetadata(app.objectMeta(app.name()))
        .withNewSpec()
        .withHost(host)
        .withTrafficPolicy(policy.build())
        .endSpec()
        .build();
  }

  // The CRD's loadBalancer is a oneOf: simple or consistentHash, never both (the seed sets both).
  private static IsLoadBalancerSettingsLbPolicy lbPolicy(
      WebSocketApp app, Rendering.Builder out, String subject) {
    if (app.affinity().isEmpty()) {
      return new LoadBalancerSettingsSimpleBuilder()
          .withSimple(LoadBalancerSettingsSimpleLB.LEAST_REQUEST)
          .build();
    }
    Affinity affinity = app.affinity().get();
    IsLoadBalancerSettingsConsistentHashLBHashKey key;
    if (affinity instanceof CookieAffinity c) {
      LoadBalancerSettingsConsistentHashLBHttpCookieBuilder cookie =
          new LoadBalancerSettingsConsistentHashLBHttpCookieBuilder();
      var nested = cookie.withNewHttpCookie().withName(c.name());
      if (c.maxAge().isPresent()) {
        nested.withTtl(duration(c.maxAge().get()));
      }
      if (c.path().isPresent()) {
        nested.withPath(c.path().get());
      }
      nested.endHttpCookie();
      key = cookie.build();
      if (c.secure().isPresent()
          || c.sameSite().isPresent()
          || !c.httpOnly()
          || c.mode() != dev.wsingress.AffinityMode.BALANCED) {
        out.add(
            IstioFinding.COOKIE_ATTRIBUTES.at(
                subject,
                "consistentHash.httpCookie carries a name, path and ttl only; the cookie's"
                    + " Secure, SameSite, HttpOnly and persistent-mode settings are not"
                    + " written."));
      }
    } else if (affinity instanceof ClientIpAffinity) {
      key =
          new LoadBalancerSettingsConsistentHashLBUseSourceIpBuilder()
              .withUseSourceIp(true)
              .build();
      out.add(
          IstioFinding.SERVICE_AFFINITY_IGNORED.at(
              subject,
              "Istio proxies ignore the Service's sessionAffinity; client-IP affinity is"
                  + " rendered as consistentHash.useSourceIp."));
    } else {
      key =
          new LoadBalancerSettingsConsistentHashLBHttpHeaderNameBuilder()
              .withHttpHeaderName(((HeaderAffinity) affinity).header())
              .build();
    }
    out.add(
        IstioFinding.SOFT_AFFINITY.at(
            subject,
            "consistentHash is soft affinity: when pods are added or removed, some clients"
                + " hash to another pod."));
    return new LoadBalancerSettingsConsistentHashBuilder()
        .withNewConsistentHash()
        .withHashKey(key)
        .endConsistentHash()
        .build();
  }

  /**
   * A protobuf JSON duration ({@code 3600s}). Istio's CRDs require at least 1 ms ("must be a valid
   * duration greater than 1ms"); spec durations are whole seconds of at least 1 s.
   */
  static String duration(Duration d) {
    if (d.getNano() != 0 || d.getSeconds() < 1) {
      throw new IllegalArgumentException("expected whole seconds of at least 1s, got " + d);
    }
    return d.getSeconds() + "s";
  }

  @Override
  public String toString() {
    return "Istio["
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
