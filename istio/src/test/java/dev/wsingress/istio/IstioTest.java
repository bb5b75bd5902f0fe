package dev.wsingress.istio;

import static dev.wsingress.testing.Renderings.codes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wsingress.Affinity;
import dev.wsingress.BackendProtocol;
import dev.wsingress.Cors;
import dev.wsingress.Finding;
import dev.wsingress.HealthCheck;
import dev.wsingress.InvalidSpecException;
import dev.wsingress.Rendering;
import dev.wsingress.SameSite;
import dev.wsingress.Severity;
import dev.wsingress.Targets;
import dev.wsingress.Tls;
import dev.wsingress.UnsupportedFeatureException;
import dev.wsingress.Version;
import dev.wsingress.WebSocketApp;
import dev.wsingress.Yaml;
import dev.wsingress.platform.Platform;
import dev.wsingress.testing.Renderings;
import dev.wsingress.testing.SampleApps;
import dev.wsingress.testing.SchemaConformance;
import dev.wsingress.testing.Snapshots;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHash;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBHTTPCookieAttribute;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBHTTPCookie_;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBHttpCookie;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchExact;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchPrefix;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.Service;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One snapshot per scenario; every rendering is schema- and CEL-checked, findings asserted. */
class IstioTest {

  /**
   * CEL rules, round trip, approved snapshot, and the schemas of the pinned istio/api 1.30.3 CRDs
   * ({@code crd-yaml/istio}): the datree catalog's Istio schemas predate 1.26 and lack fields the
   * newest release accepts, such as {@code httpCookie.attributes}.
   */
  static void check(Rendering r) {
    assertThat(IstioCelRules.violations(r.objects())).isEmpty();
    Renderings.assertCleanUnderDoctor(r);
    String yaml = r.toYaml();
    assertThat(Yaml.write(Yaml.read(yaml))).isEqualTo(yaml);
    Snapshots.verifyYaml(yaml);
    SchemaConformance.assertValidAgainstCrdYaml(r);
  }

  private static DestinationRule dr(Rendering r) {
    return r.only(DestinationRule.class);
  }

  private static WebSocketApp.Builder app() {
    return WebSocketApp.on("ws.example.com").name("chat").service("websocket-service", 8080);
  }

  @Test
  void minimalWithPlatform() {
    Rendering r = Targets.render(SampleApps.minimal(), Istio.target(), Platform.target());

    assertThat(r.findings())
        .containsExactly(
            new Finding(
                "ISTIO-STREAM-IDLE",
                Severity.INFO,
                "VirtualService default/websocket-service",
                "no route timeout is written (Istio's default is none; 0s is rejected since"
                    + " 1.23), and Istio turns off Envoy's stream idle timeout, so a quiet"
                    + " WebSocket stays open; the DestinationRule's idle timeouts of 3600 s apply"
                    + " to pooled connections without an active request.",
                "Keep the ping interval of the application well under every idle limit on the"
                    + " path; if the gateway uses the EDGE connection profile of Istio 1.31"
                    + " (1.31.0-rc.0), silent streams close after 5 minutes unless its proxy"
                    + " config raises connectionSettings.httpStreamIdleTimeout."));
    assertThat(r.only(Service.class).getSpec().getPorts().get(0).getName()).isEqualTo("http-ws");
    check(r);
  }

  @Test
  void chatLenient() {
    Rendering r = Targets.render(SampleApps.chat(), Istio.target().lenient(), Platform.target());

    assertThat(codes(r))
        .containsExactly(
            "INFO ISTIO-STREAM-IDLE",
            "WARNING ISTIO-RATE-LIMIT",
            "WARNING ISTIO-MAX-CONNECTIONS",
            "INFO ISTIO-HTTPS-REDIRECT",
            "WARNING ISTIO-CREDENTIAL-NAMESPACE",
            "WARNING ISTIO-CORS-HANDSHAKE",
            "INFO ISTIO-SOFT-AFFINITY",
            "WARNING ISTIO-HEALTH-CHECK-PASSIVE");
    assertThat(r.finding("ISTIO-CREDENTIAL-NAMESPACE").orElseThrow().message())
        .isEqualTo(
            "credentialName websocket-tls is read from the namespace of the gateway workload"
                + " (selected by {istio=ingressgateway}), not from the Gateway's namespace"
                + " default.");
    assertThat(r.finding("ISTIO-HEALTH-CHECK-PASSIVE").orElseThrow().message())
        .isEqualTo(
            "Istio has no active health checks: /health is not probed; outlier detection ejects"
                + " a pod after 5 consecutive gateway errors (502, 503, 504), and"
                + " consecutive5xxErrors: 0 keeps other 5xx answers from ejecting it.");
    var outlier = dr(r).getSpec().getTrafficPolicy().getOutlierDetection();
    assertThat(outlier.getConsecutiveGatewayErrors()).isEqualTo(5);
    assertThat(outlier.getConsecutive5xxErrors()).isEqualTo(0);
    assertThat(r.finding("ISTIO-HTTPS-REDIRECT").orElseThrow().message())
        .isEqualTo(
            "plain-HTTP requests for ws.example.com get a 301 to https before any route is"
                + " matched: ws:// handshakes, which RFC 6455 clients need not follow, and the"
                + " HTTP-01 challenges of a cert-manager solver routed through this gateway"
                + " workload too, since every Gateway's port-80 server there shares the host's"
                + " virtual host.");
    assertThat(r.finding("ISTIO-SOFT-AFFINITY").orElseThrow().message())
        .isEqualTo(
            "consistentHash is soft affinity: when pods are added or removed, some clients hash"
                + " to another pod.");
    check(r);
  }

  @Test
  void existingGatewayClientIpAndOutlierLimits() {
    WebSocketApp app =
        app()
            .namespace("chat")
            .stickySessions(Affinity.clientIp())
            .healthCheck(HealthCheck.http("/health").interval(Duration.ofSeconds(30)).fall(3))
            .build();

    Rendering r =
        Istio.target().gateway("istio-system", "public").outlierLimits(50, 50).render(app);

    assertThat(codes(r))
        .containsExactly(
            "WARNING ISTIO-PORT-PROTOCOL",
            "INFO ISTIO-STREAM-IDLE",
            "INFO ISTIO-SERVICE-AFFINITY-IGNORED",
            "WARNING ISTIO-CLIENT-IP-PEER",
            "INFO ISTIO-SOFT-AFFINITY",
            "WARNING ISTIO-HEALTH-CHECK-PASSIVE");
    assertThat(r.finding("ISTIO-PORT-PROTOCOL").orElseThrow().message())
        .isEqualTo(
            "the Service is not rendered here, so its port was not checked: Istio reads the"
                + " protocol from appProtocol or the name's prefix; http- keeps the WebSocket on"
                + " HTTP/1.1, tcp- leaves the pod's sidecar a plain TCP stream, http2- and grpc-"
                + " make the hop to the pod HTTP/2, and the sidecar sniffs other names.");
    assertThat(r.finding("ISTIO-CLIENT-IP-PEER").orElseThrow())
        .extracting(Finding::message, Finding::hint)
        .containsExactly(
            "consistentHash.useSourceIp hashes the address of the proxy's downstream peer; at the"
                + " ingress gateway behind an L7 load balancer, or through a Service with"
                + " externalTrafficPolicy: Cluster (the gateway chart's default), that is the load"
                + " balancer's or a node's address, which many clients share, so all of them hash"
                + " to the same pod.",
            "Let the gateway see client addresses: service.externalTrafficPolicy: Local in the"
                + " gateway Helm chart, PROXY protocol (gatewayTopology.proxyProtocol in the"
                + " gateway's proxy.istio.io/config) from a load balancer that sends it, or"
                + " gatewayTopology.numTrustedProxies behind trusted proxies that set"
                + " X-Forwarded-For.");
    var outlier = dr(r).getSpec().getTrafficPolicy().getOutlierDetection();
    assertThat(outlier.getConsecutiveGatewayErrors()).isEqualTo(3);
    assertThat(outlier.getConsecutive5xxErrors()).isEqualTo(0);
    check(r);
  }

  @Test
  void cookieAttributesWildcardCorsAndHttpsBackend() {
    WebSocketApp app =
        app()
            .alsoOn("*.ws.example.com")
            .exactPath("/socket")
            .connectTimeout(Duration.ofSeconds(5))
            .stickySessions(
                Affinity.cookie("ws-server")
                    .maxAge(Duration.ofHours(1))
                    .path("/")
                    .secure(true)
                    .sameSite(SameSite.STRICT))
            .tls(Tls.secret("websocket-tls").redirect(false))
            .cors(
                Cors.allowOrigins("*", "https://*.example.com:8443")
                    .allowMethods("GET")
                    .allowHeaders("Authorization")
                    .maxAge(Duration.ofMinutes(10)))
            .backendProtocol(BackendProtocol.HTTPS)
            .backendCaSecret("backend-ca")
            .build();

    Rendering r =
        Targets.render(app, Istio.target().gatewaySelector("app", "edge"), Platform.target());

    assertThat(codes(r))
        .containsExactly(
            "INFO ISTIO-STREAM-IDLE",
            "WARNING ISTIO-CREDENTIAL-NAMESPACE",
            "WARNING ISTIO-CORS-HANDSHAKE",
            "INFO ISTIO-VERSION-GATED",
            "INFO ISTIO-SOFT-AFFINITY",
            "WARNING ISTIO-BACKEND-CA-NAMESPACE",
            "WARNING ISTIO-BACKEND-TLS-SIDECAR");
    assertThat(r.finding("ISTIO-VERSION-GATED").orElseThrow().message())
        .isEqualTo("httpCookie.attributes needs Istio 1.28 or newer (rendering for 1.30).");
    assertThat(cookie(r).getAttributes())
        .extracting(
            LoadBalancerSettingsConsistentHashLBHTTPCookieAttribute::getName,
            LoadBalancerSettingsConsistentHashLBHTTPCookieAttribute::getValue)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Secure", null),
            org.assertj.core.groups.Tuple.tuple("SameSite", "Strict"));
    var tls = dr(r).getSpec().getTrafficPolicy().getTls();
    assertThat(tls.getSni()).isEqualTo("websocket-service.default.svc.cluster.local");
    assertThat(tls.getSubjectAltNames())
        .containsExactly("websocket-service.default.svc.cluster.local");
    assertThat(r.finding("ISTIO-BACKEND-CA-NAMESPACE").orElseThrow())
        .extracting(Finding::message, Finding::hint)
        .containsExactly(
            "credentialName backend-ca is used only by gateways, as this DestinationRule has no"
                + " workloadSelector; each gateway reads it from its own namespace, and in-mesh"
                + " sidecars calling websocket-service.default.svc.cluster.local originate no TLS"
                + " with it.",
            "Create the CA Secret in the ingress gateway's namespace (usually istio-system);"
                + " in-mesh callers need a DestinationRule of their own with a"
                + " workloadSelector.");
    assertThat(r.finding("ISTIO-BACKEND-TLS-SIDECAR").orElseThrow())
        .extracting(Finding::message, Finding::hint)
        .containsExactly(
            "the gateway originates TLS to the pods itself (tls SIMPLE, not Istio mTLS); if they"
                + " run an Istio sidecar, its inbound chains for an http- port take only plaintext"
                + " and Istio mTLS, and under STRICT mTLS only Istio mTLS on any port, so it closes"
                + " this connection.",
            "Run the backend pods without a sidecar, or name the Service port https-<something>"
                + " (or appProtocol kubernetes.io/wss) so a PERMISSIVE sidecar passes the TLS"
                + " through; under STRICT mTLS also set a PeerAuthentication portLevelMtls"
                + " DISABLE for that port.");
    check(r);
  }

  private static LoadBalancerSettingsConsistentHashLBHTTPCookie_ cookie(Rendering r) {
    var lb =
        (LoadBalancerSettingsConsistentHash)
            dr(r).getSpec().getTrafficPolicy().getLoadBalancer().getLbPolicy();
    return ((LoadBalancerSettingsConsistentHashLBHttpCookie) lb.getConsistentHash().getHashKey())
        .getHttpCookie();
  }

  private static List<String> uriMatches(Rendering r) {
    return r.only(VirtualService.class).getSpec().getHttp().get(0).getMatch().stream()
        .map(HTTPMatchRequest::getUri)
        .map(
            u ->
                u.getMatchType() instanceof StringMatchExact e
                    ? "exact " + e.getExact()
                    : "prefix " + ((StringMatchPrefix) u.getMatchType()).getPrefix())
        .toList();
  }

  @Test
  void a_cookie_without_max_age_is_a_session_cookie() {
    Rendering r = Istio.target().render(app().stickySessions(Affinity.cookie("ws-server")).build());

    // Without a ttl Envoy makes no cookie at all; 0s makes a session cookie.
    assertThat(cookie(r).getTtl()).isEqualTo("0s");
    assertThat(cookie(r).getAttributes()).isEmpty();
    assertThat(codes(r))
        .containsExactly(
            "WARNING ISTIO-PORT-PROTOCOL", "INFO ISTIO-STREAM-IDLE", "INFO ISTIO-SOFT-AFFINITY");
    assertThat(IstioCelRules.violations(r.objects())).isEmpty();
    SchemaConformance.assertValidAgainstCrdYaml(r);
  }

  @Test
  void the_oldest_release_gets_no_cookie_attributes_and_says_so() {
    WebSocketApp app =
        app()
            .stickySessions(
                Affinity.cookie("ws-server")
                    .secure(true)
                    .sameSite(SameSite.LAX)
                    .httpOnly(false)
                    .persistent())
            .build();

    Rendering newest = Istio.target().render(app);
    Rendering oldest = Istio.target().version("1.24").render(app);

    assertThat(cookie(newest).getAttributes())
        .extracting(
            LoadBalancerSettingsConsistentHashLBHTTPCookieAttribute::getName,
            LoadBalancerSettingsConsistentHashLBHTTPCookieAttribute::getValue)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Secure", null),
            org.assertj.core.groups.Tuple.tuple("SameSite", "Lax"));
    assertThat(cookie(oldest).getAttributes()).isEmpty();
    assertThat(codes(newest))
        .containsExactly(
            "WARNING ISTIO-PORT-PROTOCOL",
            "INFO ISTIO-STREAM-IDLE",
            "INFO ISTIO-VERSION-GATED",
            "WARNING ISTIO-COOKIE-ATTRIBUTES",
            "INFO ISTIO-SOFT-AFFINITY");
    assertThat(newest.finding("ISTIO-VERSION-GATED").orElseThrow().message())
        .isEqualTo("httpCookie.attributes needs Istio 1.28 or newer (rendering for 1.30).");
    assertThat(newest.finding("ISTIO-COOKIE-ATTRIBUTES").orElseThrow().message())
        .isEqualTo(
            "the affinity cookie gets no httpOnly(false) (Envoy always marks the cookie it makes"
                + " HttpOnly); no persistent mode (consistent hashing moves some clients when"
                + " pods come and go).");
    assertThat(codes(oldest))
        .containsExactly(
            "WARNING ISTIO-PORT-PROTOCOL",
            "INFO ISTIO-STREAM-IDLE",
            "WARNING ISTIO-COOKIE-ATTRIBUTES",
            "INFO ISTIO-SOFT-AFFINITY");
    assertThat(oldest.finding("ISTIO-COOKIE-ATTRIBUTES").orElseThrow())
        .extracting(Finding::message, Finding::hint)
        .containsExactly(
            "the affinity cookie gets no Secure and SameSite=Lax (httpCookie.attributes needs"
                + " Istio 1.28 or newer; rendering for 1.24); no httpOnly(false) (Envoy always"
                + " marks the cookie it makes HttpOnly); no persistent mode (consistent hashing"
                + " moves some clients when pods come and go).",
            "On Istio 1.28 or newer, render with .version(...) of that release to write Secure"
                + " and SameSite; Envoy fixes HttpOnly and the rebalancing, so drop"
                + " httpOnly(false) and persistent(), or hash on a cookie the application sets"
                + " itself.");
    // 1.27 is the last release without the field, 1.28 the first with it; apart from the
    // attributes, every release gets the same objects.
    assertThat(Istio.target().version("1.27").render(app).toYaml()).isEqualTo(oldest.toYaml());
    assertThat(Istio.target().version("1.28").render(app).toYaml()).isEqualTo(newest.toYaml());
    Rendering stripped = Istio.target().render(app);
    cookie(stripped).setAttributes(List.of());
    assertThat(stripped.toYaml()).isEqualTo(oldest.toYaml());
    // The CRD pinned at istio/api 1.30.3 accepts both renderings.
    SchemaConformance.assertValidAgainstCrdYaml(newest);
    SchemaConformance.assertValidAgainstCrdYaml(oldest);
    SchemaConformance.assertValid(oldest);
  }

  @Test
  void a_prefix_matches_whole_segments_and_an_exact_path_only_itself() {
    Rendering r =
        Istio.target()
            .render(app().path("/ws").path("/live/").exactPath("/socket").path("/").build());

    // prefix: /ws alone would match /wsx (Envoy's character prefix). One backend, one entry; its
    // matches stand in the order Envoy tries them: exact paths, then the longest prefix first.
    assertThat(r.only(VirtualService.class).getSpec().getHttp()).hasSize(1);
    assertThat(uriMatches(r))
        .containsExactly("exact /socket", "prefix /live/", "exact /ws", "prefix /ws/", "prefix /");
    assertThat(IstioCelRules.violations(r.objects())).isEmpty();
    SchemaConformance.assertValidAgainstCrdYaml(r);
  }

  @Test
  void an_https_backend_does_not_ask_for_an_http_port_name() {
    WebSocketApp https =
        app().backendProtocol(BackendProtocol.HTTPS).backendCaSecret("backend-ca").build();

    Rendering r = Targets.render(https, Istio.target(), Platform.target().portName("https-ws"));

    assertThat(r.only(Service.class).getSpec().getPorts().get(0).getName()).isEqualTo("https-ws");
    assertThat(r.finding("CORE-PORT-NAME-PROTOCOL")).isEmpty();
    assertThat(r.finding("ISTIO-PORT-PROTOCOL")).isEmpty();
    assertThat(r.finding("ISTIO-BACKEND-TLS-SIDECAR")).isPresent();
    assertThat(codes(Istio.target().render(https)))
        .containsExactly(
            "INFO ISTIO-STREAM-IDLE",
            "WARNING ISTIO-BACKEND-CA-NAMESPACE",
            "WARNING ISTIO-BACKEND-TLS-SIDECAR");
  }

  @Test
  void version_takes_a_supported_release_line() {
    assertThat(Istio.target().versions())
        .extracting(Version::toString)
        .containsExactly("1.24", "1.25", "1.26", "1.27", "1.28", "1.29", "1.30");
    assertThat(Istio.target().version()).contains(Version.of(1, 30));
    assertThat(Istio.target().version("v1.27.3").version()).contains(Version.of(1, 27));
    assertThatThrownBy(() -> Istio.target().version("1.23"))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessage(
            "Istio is invalid (1 problem):\n  - version = \"1.23\": is not a release line this"
                + " target writes for (supported: 1.24 to 1.30). Fix: give one of [1.24, 1.25,"
                + " 1.26, 1.27, 1.28, 1.29, 1.30].");
    assertThatThrownBy(() -> Istio.target().version("1.31.0-rc.0"))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("version = \"1.31.0-rc.0\": is not a release line");
  }

  @Test
  void strict_rendering_refuses_limits_istio_cannot_express() {
    UnsupportedFeatureException e =
        catchThrowableOfType(
            UnsupportedFeatureException.class, () -> Istio.target().render(SampleApps.chat()));

    assertThat(e.errors())
        .extracting(Finding::code, Finding::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "ISTIO-RATE-LIMIT",
                "networking.istio.io has no rate limit; the handshake limit is not written."),
            org.assertj.core.groups.Tuple.tuple(
                "ISTIO-MAX-CONNECTIONS",
                "networking.istio.io has no per-client connection limit; 100 is not written."));
  }

  @Test
  void https_backend_without_a_ca_fails_and_a_port_name_gets_a_destination_without_a_port() {
    WebSocketApp https = app().backendProtocol(BackendProtocol.HTTPS).build();
    assertThat(
            catchThrowableOfType(
                    UnsupportedFeatureException.class, () -> Istio.target().render(https))
                .errors())
        .extracting(Finding::code, Finding::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "ISTIO-BACKEND-TLS",
                "an HTTPS backend needs the CA that signs its certificate; without one no tls is"
                    + " written, so the gateway does not originate TLS to the backend (wsingress"
                    + " never writes insecureSkipVerify)."));

    WebSocketApp named = WebSocketApp.on("ws.example.com").service("ws", "http-ws").build();
    UnsupportedFeatureException strict =
        catchThrowableOfType(UnsupportedFeatureException.class, () -> Istio.target().render(named));
    assertThat(strict.errors())
        .singleElement()
        .extracting(Finding::code, Finding::subject, Finding::message, Finding::hint)
        .containsExactly(
            "ISTIO-PORT-NUMBER",
            "VirtualService default/ws",
            "a VirtualService destination takes a port number, not a name (istio/api"
                + " PortSelector), and route / names port \"http-ws\" of ws; its destination is"
                + " written without a port, which Istio resolves only when the Service has exactly"
                + " one port (else to the gateway listener's port).",
            "Give the Service port by number: .to(service, port) on the route, or"
                + " .service(name, port) for the app's own Service.");
    Rendering lenient = Istio.target().lenient().render(named);
    assertThat(lenient.objects())
        .extracting(o -> o.getKind())
        .containsExactly("DestinationRule", "Gateway", "VirtualService");
    assertThat(lenient.finding("ISTIO-PORT-NUMBER").orElseThrow().severity())
        .isEqualTo(Severity.WARNING);
    var destination =
        lenient
            .only(VirtualService.class)
            .getSpec()
            .getHttp()
            .get(0)
            .getRoute()
            .get(0)
            .getDestination();
    assertThat(destination.getHost()).isEqualTo("ws.default.svc.cluster.local");
    assertThat(destination.getPort()).isNull();
    SchemaConformance.assertValidAgainstCrdYaml(lenient);
  }

  @Test
  void a_platform_port_name_without_a_protocol_prefix_is_a_warning() {
    // istio 1.30.3 pkg/config/kube/conversion.go: an unknown prefix is sniffed, not refused.
    Rendering r =
        Targets.render(SampleApps.minimal(), Istio.target(), Platform.target().portName("ws"));

    assertThat(r.finding("CORE-PORT-NAME-PROTOCOL").orElseThrow().toString())
        .isEqualTo(
            "WARNING CORE-PORT-NAME-PROTOCOL Service default/websocket-service: Istio selects the"
                + " port's protocol by its name (or appProtocol), and \"ws\" does not start with"
                + " http-: a known prefix before the first '-' (tcp-, tls-, https-, grpc-, http2-"
                + " ...) declares another protocol, and without one the proxies must detect HTTP"
                + " by sniffing each connection. Hint: Name the port http-<something>, as in"
                + " Platform.target().portName(\"http-ws\"), to declare HTTP.");
  }

  @Test
  void options_reject_bad_input_and_return_copies() {
    assertThatThrownBy(() -> Istio.target().outlierLimits(150, -1))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessage(
            "Istio is invalid (2 problems):\n"
                + "  - outlierLimits.maxEjectionPercent = 150: must be from 0 to 100. Fix: use a"
                + " value in that range.\n"
                + "  - outlierLimits.minHealthPercent = -1: must be from 0 to 100. Fix: use a"
                + " value in that range.");
    assertThatThrownBy(() -> Istio.target().gatewaySelector("istio", "ingress gateway"))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageStartingWith("Istio is invalid (1 problem):\n  - gatewaySelector = ");
    assertThatThrownBy(() -> Istio.target().gateway("istio-system", null))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("gateway.name = null: is required.");
    assertThat(Istio.target())
        .hasToString("Istio[version=1.30, gatewaySelector={istio=ingressgateway}]");
    assertThat(
            Istio.target()
                .gateway("istio-system", "public")
                .outlierLimits(50, 50)
                .lenient()
                .version("1.27"))
        .hasToString(
            "Istio[version=1.27, gateway=istio-system/public, outlierLimits=50/50, lenient]");
  }
}
