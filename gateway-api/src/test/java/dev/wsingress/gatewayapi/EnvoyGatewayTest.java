package dev.wsingress.gatewayapi;

import static dev.wsingress.testing.Renderings.codes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wsingress.Affinity;
import dev.wsingress.BackendProtocol;
import dev.wsingress.Finding;
import dev.wsingress.HealthCheck;
import dev.wsingress.RateLimit;
import dev.wsingress.Rendering;
import dev.wsingress.SameSite;
import dev.wsingress.Severity;
import dev.wsingress.Targets;
import dev.wsingress.Tls;
import dev.wsingress.UnsupportedFeatureException;
import dev.wsingress.WebSocketApp;
import dev.wsingress.Workload;
import dev.wsingress.platform.Platform;
import dev.wsingress.testing.Renderings;
import dev.wsingress.testing.SampleApps;
import dev.wsingress.testing.SchemaConformance;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicy;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code GatewayApi.target().envoyGateway()}: the Envoy Gateway policies that keep sockets open.
 */
class EnvoyGatewayTest {

  /** Idle 3600 s, cookie affinity, a handshake rate limit, a health check, an HTTPS backend. */
  private static WebSocketApp socketApp() {
    return WebSocketApp.on("ws.example.com")
        .name("chat")
        .path("/ws")
        .service("websocket-service", 8443)
        .timeout(3600)
        .connectTimeout(Duration.ofSeconds(5))
        .stickySessions(
            Affinity.cookie("ws-server")
                .maxAge(Duration.ofDays(1))
                .path("/")
                .secure(true)
                .sameSite(SameSite.STRICT))
        .tls(Tls.secret("websocket-tls"))
        .rateLimit(RateLimit.handshakesPerSecond(10))
        .healthCheck(HealthCheck.http("/health").interval(Duration.ofSeconds(10)).rise(2).fall(3))
        .backendProtocol(BackendProtocol.HTTPS)
        .backendCaSecret("backend-ca")
        .build();
  }

  @Test
  void withGatewayEveryPolicy() {
    Rendering r =
        Targets.render(
            socketApp(), GatewayApi.target().withGateway("eg").envoyGateway(), Platform.target());

    BackendTrafficPolicy.Spec btp = r.only(BackendTrafficPolicy.class).getSpec();
    assertThat(btp.targetRefs())
        .containsExactly(
            new BackendTrafficPolicy.TargetRef("gateway.networking.k8s.io", "HTTPRoute", "chat"));
    assertThat(btp.timeout().http().streamIdleTimeout()).isEqualTo("1h");
    assertThat(btp.timeout().tcp().connectTimeout()).isEqualTo("5s");
    assertThat(btp.loadBalancer().type()).isEqualTo("ConsistentHash");
    assertThat(btp.loadBalancer().consistentHash().type()).isEqualTo("Cookie");
    assertThat(btp.loadBalancer().consistentHash().cookie())
        .isEqualTo(
            new BackendTrafficPolicy.Cookie(
                Map.of("Path", "/", "SameSite", "Strict", "Secure", ""), "ws-server", "24h"));
    assertThat(btp.rateLimit().local().rules())
        .extracting(
            rule ->
                rule.clientSelectors().get(0).sourceCIDR().type()
                    + " "
                    + rule.clientSelectors().get(0).sourceCIDR().value()
                    + " "
                    + rule.limit().requests()
                    + "/"
                    + rule.limit().unit())
        .containsExactly("Distinct 0.0.0.0/0 10/Second", "Distinct ::/0 10/Second");
    assertThat(btp.healthCheck().active())
        .isEqualTo(
            new BackendTrafficPolicy.ActiveHealthCheck(
                2, new BackendTrafficPolicy.HttpHealthCheck("/health"), "10s", "HTTP", 3));
    assertThat(btp.circuitBreaker()).isNull();
    assertThat(r.objects(ClientTrafficPolicy.class))
        .as("v1.9 sets the stream idle timeout per route: nothing listener-wide is needed")
        .isEmpty();
    assertThat(r.only(BackendTLSPolicy.class).getSpec().getValidation().getHostname())
        .isEqualTo("websocket-service.default.svc");
    assertThat(r.only(Service.class).getSpec().getPorts().get(0).getAppProtocol())
        .isEqualTo("kubernetes.io/wss");
    assertThat(
            r.objects(HTTPRoute.class).get(0).getSpec().getRules().get(0).getSessionPersistence())
        .isNull();
    assertThat(codes(r))
        .containsExactly(
            "INFO GATEWAYAPI-PLAIN-WS-REDIRECT",
            "INFO GATEWAYAPI-ENVOY-BACKEND-CA-SECRET",
            "INFO GATEWAYAPI-VERSION-GATED",
            "INFO GATEWAYAPI-VERSION-GATED",
            "WARNING GATEWAYAPI-ENVOY-RATE-LIMIT-LOCAL",
            "INFO GATEWAYAPI-ENVOY-CLIENT-ADDRESS",
            "INFO GATEWAYAPI-ENVOY-CIRCUIT-BREAKER");
    assertThat(r.findings())
        .filteredOn(f -> f.code().equals("GATEWAYAPI-VERSION-GATED"))
        .extracting(Finding::message)
        .containsExactly(
            "BackendTLSPolicy gateway.networking.k8s.io/v1 needs Gateway API v1.4 or newer"
                + " (rendering for v1.6).",
            "spec.timeout.http.streamIdleTimeout needs Envoy Gateway v1.8 or newer (rendering for"
                + " v1.9).");
    assertThat(r.finding("GATEWAYAPI-ENVOY-RATE-LIMIT-LOCAL").orElseThrow().message())
        .isEqualTo(
            "the handshake limit of 10 per second and client address is a local rate limit"
                + " (spec.rateLimit.local): each Envoy replica counts on its own, so n replicas let"
                + " a client open up to n times as many.");
    assertThat(r.finding("GATEWAYAPI-ENVOY-CIRCUIT-BREAKER").orElseThrow().message())
        .isEqualTo(
            "each open WebSocket holds one connection and one request to the backend, and Envoy"
                + " allows each Envoy replica 1024 of each by default (spec.circuitBreaker"
                + " maxConnections, maxParallelRequests), so an Envoy replica with 1024 open"
                + " sockets to the app refuses further handshakes with 503.");
    Renderings.verify(r);
  }

  @Test
  void the_findings_that_name_envoy_gateway_fields_disappear_when_the_policy_carries_them() {
    WebSocketApp app = socketApp();

    Rendering off = Targets.render(app, GatewayApi.target().lenient(), Platform.target());
    Rendering on =
        Targets.render(app, GatewayApi.target().envoyGateway().lenient(), Platform.target());

    List<String> carried =
        List.of(
            "GATEWAYAPI-IDLE-TIMEOUT",
            "GATEWAYAPI-CONNECT-TIMEOUT",
            "GATEWAYAPI-RATE-LIMIT",
            "GATEWAYAPI-HEALTH-CHECK",
            "GATEWAYAPI-STICKY-SESSIONS-EXPERIMENTAL");
    assertThat(off.findings()).extracting(Finding::code).containsAll(carried);
    assertThat(off.findings())
        .filteredOn(f -> carried.contains(f.code()))
        .allSatisfy(f -> assertThat(f.hint()).contains("BackendTrafficPolicy spec."));
    assertThat(off.finding("GATEWAYAPI-CONNECT-TIMEOUT").orElseThrow().hint())
        .contains("BackendTrafficPolicy spec.timeout.tcp.connectTimeout");
    assertThat(off.finding("GATEWAYAPI-HEALTH-CHECK").orElseThrow().hint())
        .contains("BackendTrafficPolicy spec.healthCheck.active");
    assertThat(off.finding("GATEWAYAPI-RATE-LIMIT").orElseThrow().hint())
        .contains("BackendTrafficPolicy spec.rateLimit.local");
    assertThat(on.findings()).extracting(Finding::code).doesNotContainAnyElementsOf(carried);
  }

  @Test
  void oldestWithGateway() {
    Rendering r =
        Targets.render(
            socketApp(),
            GatewayApi.target().withGateway("eg").envoyGateway("1.6"),
            Platform.target());

    ClientTrafficPolicy.Spec ctp = r.only(ClientTrafficPolicy.class).getSpec();
    assertThat(ctp.targetRefs())
        .containsExactly(
            new ClientTrafficPolicy.TargetRef("gateway.networking.k8s.io", "Gateway", "chat"));
    assertThat(ctp.timeout().http().streamIdleTimeout()).isEqualTo("1h");
    assertThat(r.only(BackendTrafficPolicy.class).getSpec().timeout().http())
        .as("v1.6 has no per-route stream idle timeout")
        .isNull();
    assertThat(r.finding("GATEWAYAPI-ENVOY-LISTENER-WIDE").orElseThrow())
        .isEqualTo(
            new Finding(
                "GATEWAYAPI-ENVOY-LISTENER-WIDE",
                Severity.INFO,
                "ClientTrafficPolicy default/chat",
                "Envoy Gateway v1.6 has no per-route stream idle timeout, so"
                    + " spec.timeout.http.streamIdleTimeout 1h is set on Gateway default/chat: it"
                    + " applies to every route of its listeners, and to a new request until its"
                    + " headers have arrived.",
                "Run Envoy Gateway v1.8 or newer to set it per route; keep only this app on the"
                    + " Gateway."));
    assertThat(r.findings())
        .extracting(Finding::message)
        .doesNotContain(
            "spec.timeout.http.streamIdleTimeout needs Envoy Gateway v1.8 or newer (rendering for"
                + " v1.6).");
    Renderings.verify(r);
  }

  @Test
  void an_existing_gateway_before_v1_8_gets_the_exact_client_traffic_policy_setting() {
    Rendering r =
        GatewayApi.target()
            .gateway("infra", "public")
            .envoyGateway("1.7")
            .render(SampleApps.minimal());

    assertThat(r.objects(ClientTrafficPolicy.class)).isEmpty();
    assertThat(r.finding("GATEWAYAPI-ENVOY-LISTENER-SETTING").orElseThrow())
        .isEqualTo(
            new Finding(
                "GATEWAYAPI-ENVOY-LISTENER-SETTING",
                Severity.WARNING,
                "HTTPRoute default/websocket-service",
                "Envoy Gateway v1.7 has no per-route stream idle timeout and Gateway infra/public"
                    + " is not rendered here: a ClientTrafficPolicy targeting it must set"
                    + " spec.timeout.http.streamIdleTimeout: 1h, or Envoy resets every WebSocket"
                    + " silent for 5 minutes (its default stream idle timeout).",
                "Ask the Gateway's owner to apply that ClientTrafficPolicy setting, or run Envoy"
                    + " Gateway v1.8 or newer, which sets it per route."));
  }

  @Test
  void on_v1_6_a_request_timeout_replaces_the_listener_stream_idle_timeout_on_the_route() {
    Rendering r =
        GatewayApi.target()
            .withGateway("eg")
            .envoyGateway("1.6")
            .requestTimeout(Duration.ofMinutes(90))
            .render(SampleApps.minimal());

    assertThat(r.finding("GATEWAYAPI-ENVOY-LISTENER-WIDE").orElseThrow().message())
        .endsWith(
            " On v1.6 timeouts.request 1h30m replaces it on this route with 1h30m (fixed in"
                + " v1.7).");
    assertThat(
            GatewayApi.target()
                .withGateway("eg")
                .envoyGateway("1.7")
                .requestTimeout(Duration.ofMinutes(90))
                .render(SampleApps.minimal())
                .finding("GATEWAYAPI-ENVOY-LISTENER-WIDE")
                .orElseThrow()
                .message())
        .endsWith("and to a new request until its headers have arrived.");
  }

  @Test
  void clientIpAndHeaderAffinity() {
    WebSocketApp ip =
        WebSocketApp.on("ws.example.com")
            .name("chat")
            .service("websocket-service", 8080)
            .stickySessions(Affinity.clientIp())
            .build();
    WebSocketApp header =
        WebSocketApp.on("ws.example.com")
            .name("chat")
            .service("websocket-service", 8080)
            .stickySessions(Affinity.header("X-Session-Id"))
            .build();

    Rendering byIp = GatewayApi.target().gateway("default", "eg").envoyGateway().render(ip);
    Rendering byHeader = GatewayApi.target().gateway("default", "eg").envoyGateway().render(header);

    assertThat(byIp.only(BackendTrafficPolicy.class).getSpec().loadBalancer())
        .isEqualTo(
            new BackendTrafficPolicy.LoadBalancer(
                new BackendTrafficPolicy.ConsistentHash(null, List.of(), "SourceIP"),
                "ConsistentHash"));
    assertThat(byIp.finding("GATEWAYAPI-ENVOY-CLIENT-ADDRESS").orElseThrow().message())
        .isEqualTo(
            "the SourceIP hash uses the client address Envoy sees: the TCP peer, or the address"
                + " ClientTrafficPolicy spec.clientIPDetection makes it trust; clients behind one"
                + " proxy or NAT share one address.");
    assertThat(byHeader.only(BackendTrafficPolicy.class).getSpec().loadBalancer())
        .isEqualTo(
            new BackendTrafficPolicy.LoadBalancer(
                new BackendTrafficPolicy.ConsistentHash(
                    null, List.of(new BackendTrafficPolicy.Header("X-Session-Id")), "Headers"),
                "ConsistentHash"));
    assertThat(codes(byIp)).doesNotContain("ERROR GATEWAYAPI-CLIENT-IP-AFFINITY");
    assertThat(codes(byHeader)).doesNotContain("ERROR GATEWAYAPI-HEADER-AFFINITY");
    SchemaConformance.assertValid(byIp);
    SchemaConformance.assertValid(byHeader);
  }

  @Test
  void a_session_cookie_and_what_envoy_cannot_honour() {
    WebSocketApp app =
        WebSocketApp.on("ws.example.com")
            .name("chat")
            .service("websocket-service", 8080)
            .stickySessions(Affinity.cookie("ws-server").httpOnly(false).persistent())
            .build();

    Rendering r = GatewayApi.target().gateway("default", "eg").envoyGateway().render(app);

    assertThat(
            r.only(BackendTrafficPolicy.class).getSpec().loadBalancer().consistentHash().cookie())
        .as("ttl 0s: Envoy generates a session cookie; without a ttl it generates none")
        .isEqualTo(new BackendTrafficPolicy.Cookie(Map.of(), "ws-server", "0s"));
    assertThat(r.finding("GATEWAYAPI-ENVOY-COOKIE").orElseThrow().message())
        .isEqualTo(
            "the cookie ws-server is Envoy's consistent-hash cookie: Envoy always marks the"
                + " cookie HttpOnly, so httpOnly(false) is not honoured; a consistent hash sends"
                + " some cookies to another pod when pods are added or removed (open sockets stay"
                + " where they are), so persistent() is approximated.");
    SchemaConformance.assertValid(r);
  }

  @Test
  void circuit_breaker_thresholds_follow_the_stated_capacity() {
    WebSocketApp app =
        WebSocketApp.on("ws.example.com")
            .name("chat")
            .service("websocket-service", 8080)
            .workload(
                Workload.image("registry.example.com/chat:1.0")
                    .maxConnections(500)
                    .autoscale(2, 10))
            .build();

    Rendering r = GatewayApi.target().gateway("default", "eg").envoyGateway().render(app);

    assertThat(r.only(BackendTrafficPolicy.class).getSpec().circuitBreaker())
        .isEqualTo(new BackendTrafficPolicy.CircuitBreaker(5000L, 5000L));
    assertThat(r.finding("GATEWAYAPI-ENVOY-CIRCUIT-BREAKER")).isEmpty();
    SchemaConformance.assertValid(r);
  }

  @Test
  void a_per_client_connection_limit_is_not_what_envoy_gateway_offers() {
    WebSocketApp app =
        WebSocketApp.on("ws.example.com")
            .name("chat")
            .service("websocket-service", 8080)
            .maxConnectionsPerClient(100)
            .build();

    UnsupportedFeatureException e =
        catchThrowableOfType(
            UnsupportedFeatureException.class,
            () -> GatewayApi.target().gateway("default", "eg").envoyGateway().render(app));

    assertThat(e.errors())
        .containsExactly(
            new Finding(
                "GATEWAYAPI-MAX-CONNECTIONS",
                Severity.ERROR,
                "HTTPRoute default/chat",
                "Envoy Gateway has no per-client connection limit: ClientTrafficPolicy"
                    + " spec.connection.connectionLimit.value counts every client's connections to"
                    + " a listener on each Envoy replica, so 100 there would refuse connection 101"
                    + " of all clients together, not of one client; nothing is written.",
                "Limit concurrent sockets per client in the application; Envoy Gateway's"
                    + " ClientTrafficPolicy spec.connection.connectionLimit counts every client of"
                    + " a listener on each Envoy replica, and Traefik's inFlightReq Middleware"
                    + " (through an ExtensionRef filter) counts per source."));
  }

  @Test
  void one_stream_idle_timeout_for_both_directions_and_no_separate_burst() {
    WebSocketApp app =
        WebSocketApp.on("ws.example.com")
            .name("chat")
            .service("websocket-service", 8080)
            .readTimeout(Duration.ofHours(2))
            .sendTimeout(Duration.ofMinutes(10))
            .rateLimit(RateLimit.handshakesPerMinute(100).burst(20))
            .build();

    Rendering r = GatewayApi.target().gateway("default", "eg").envoyGateway().render(app);

    BackendTrafficPolicy.Spec btp = r.only(BackendTrafficPolicy.class).getSpec();
    assertThat(btp.timeout().http().streamIdleTimeout()).isEqualTo("2h");
    assertThat(btp.rateLimit().local().rules())
        .extracting(rule -> rule.limit().requests() + "/" + rule.limit().unit())
        .containsExactly("100/Minute", "100/Minute");
    assertThat(r.finding("GATEWAYAPI-ENVOY-STREAM-IDLE-BOTH-WAYS").orElseThrow().message())
        .isEqualTo(
            "Envoy's stream idle timeout counts silence in both directions together, so"
                + " readTimeout 2h and sendTimeout 10m become one stream idle timeout of 2h.");
    assertThat(r.finding("GATEWAYAPI-ENVOY-RATE-LIMIT-LOCAL").orElseThrow().message())
        .isEqualTo(
            "the handshake limit of 100 per minute and client address is a local rate limit"
                + " (spec.rateLimit.local): each Envoy replica counts on its own, so n replicas let"
                + " a client open up to n times as many. A burst of 20 cannot be written: Envoy"
                + " Gateway's bucket holds as many tokens as the limit (100) and refills them"
                + " every minute.");
    SchemaConformance.assertValid(r);
  }
}
