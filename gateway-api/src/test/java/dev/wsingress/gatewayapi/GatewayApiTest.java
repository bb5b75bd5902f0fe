package dev.wsingress.gatewayapi;

import static dev.wsingress.testing.Renderings.codes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.Affinity;
import dev.wsingress.Cors;
import dev.wsingress.Finding;
import dev.wsingress.Rendering;
import dev.wsingress.Severity;
import dev.wsingress.Targets;
import dev.wsingress.Tls;
import dev.wsingress.WebSocketApp;
import dev.wsingress.Yaml;
import dev.wsingress.platform.Platform;
import dev.wsingress.testing.Renderings;
import dev.wsingress.testing.SampleApps;
import dev.wsingress.testing.SchemaConformance;
import dev.wsingress.testing.Snapshots;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One snapshot per scenario; every rendering is schema-checked and its findings asserted. */
class GatewayApiTest {

  private static void check(Rendering r) {
    Renderings.verify(r);
  }

  private static WebSocketApp.Builder app() {
    return WebSocketApp.on("ws.example.com").name("chat").service("websocket-service", 8080);
  }

  @Test
  void minimal() {
    Rendering r = GatewayApi.target().render(SampleApps.minimal());

    assertThat(r.findings())
        .containsExactly(
            new Finding(
                "GATEWAYAPI-DEFAULT-PARENT",
                Severity.INFO,
                "HTTPRoute default/websocket-service",
                "no Gateway was named, so the routes attach to Gateway default/gateway.",
                "Name the Gateway with .gateway(namespace, name), or let wsingress render one"
                    + " with .withGateway(gatewayClassName)."),
            new Finding(
                "GATEWAYAPI-APP-PROTOCOL",
                Severity.INFO,
                "Service default/websocket-service",
                "implementations pick the WebSocket backend protocol from the Service port's"
                    + " appProtocol (kubernetes.io/ws), and the Service is not rendered here.",
                "Set appProtocol: kubernetes.io/ws (kubernetes.io/wss for TLS backends with a"
                    + " BackendTLSPolicy) on the Service port yourself, or render with"
                    + " Platform.target() too."),
            new Finding(
                "GATEWAYAPI-IDLE-TIMEOUT",
                Severity.WARNING,
                "HTTPRoute default/websocket-service",
                "the Gateway API has no idle timeout, and whether timeouts.request covers an"
                    + " upgraded WebSocket is left to implementations, so none is written; Envoy"
                    + " Gateway resets a WebSocket silent for 5 minutes (Envoy's default stream"
                    + " idle timeout) unless a policy sets its stream idle timeout to the app's"
                    + " 3600 s.",
                "On Envoy Gateway render with .envoyGateway() (BackendTrafficPolicy"
                    + " spec.timeout.http.streamIdleTimeout, v1.8 or newer), or set"
                    + " ClientTrafficPolicy spec.timeout.http.streamIdleTimeout on the Gateway; on"
                    + " other implementations set the timeout that closes idle upgraded streams,"
                    + " not a connection idle timeout, which counts only time without"
                    + " requests."));
    check(r);
  }

  @Test
  void withGatewayTlsRedirectAndCors() {
    WebSocketApp app =
        app()
            .alsoOn("*.ws.example.com")
            .path("/ws")
            .exactPath("/socket")
            .tls(Tls.secret("websocket-tls"))
            .cors(
                Cors.allowOrigins("https://app.example.com")
                    .allowMethods("GET", "OPTIONS")
                    .allowHeaders("Authorization")
                    .exposeHeaders("X-Trace")
                    .allowCredentials(true)
                    .maxAge(Duration.ofHours(1)))
            .build();

    Rendering r = Targets.render(app, GatewayApi.target().withGateway("eg"), Platform.target());

    assertThat(codes(r))
        .containsExactly(
            "WARNING GATEWAYAPI-IDLE-TIMEOUT",
            "INFO GATEWAYAPI-VERSION-GATED",
            "WARNING GATEWAYAPI-CORS-HANDSHAKE",
            "INFO GATEWAYAPI-PLAIN-WS-REDIRECT");
    assertThat(r.finding("GATEWAYAPI-VERSION-GATED").orElseThrow().message())
        .isEqualTo("filters: type CORS needs Gateway API v1.5 or newer (rendering for v1.6).");
    assertThat(r.finding("GATEWAYAPI-PLAIN-WS-REDIRECT").orElseThrow().message())
        .isEqualTo(
            "plain ws:// handshakes get a 301 redirect to https from chat-redirect, and RFC 6455"
                + " clients need not follow redirects (section 4.1), so ws:// clients fail.");
    assertThat(r.finding("GATEWAYAPI-CORS-HANDSHAKE").orElseThrow().message())
        .isEqualTo(
            "the CORS filter (support: Extended) answers browsers' preflights, but browsers send"
                + " none for the WebSocket handshake, so any page can open the socket.");
    assertThat(r.only(Service.class).getSpec().getPorts().get(0).getAppProtocol())
        .isEqualTo("kubernetes.io/ws");
    check(r);
  }

  @Test
  void existingGatewayInAnotherNamespace() {
    WebSocketApp app =
        app().namespace("chat").tls(Tls.secret("websocket-tls").redirect(false)).build();

    Rendering r =
        GatewayApi.target().gateway("infra", "public").listeners("web", "websecure").render(app);

    assertThat(codes(r))
        .containsExactly(
            "INFO GATEWAYAPI-CROSS-NAMESPACE-PARENT",
            "INFO GATEWAYAPI-TLS-ON-GATEWAY",
            "INFO GATEWAYAPI-APP-PROTOCOL",
            "WARNING GATEWAYAPI-IDLE-TIMEOUT");
    assertThat(r.finding("GATEWAYAPI-CROSS-NAMESPACE-PARENT").orElseThrow().message())
        .isEqualTo(
            "the routes in namespace chat attach to Gateway infra/public, which accepts routes"
                + " from its own namespace only unless its listeners allow others.");
    assertThat(r.finding("GATEWAYAPI-TLS-ON-GATEWAY").orElseThrow().message())
        .isEqualTo(
            "TLS terminates on the Gateway, not on the route: Secret websocket-tls must be a"
                + " certificateRef of the Gateway's websecure listener.");
    check(r);
  }

  @Test
  void chatLenient() {
    Rendering r = GatewayApi.target().lenient().render(SampleApps.chat());

    assertThat(codes(r))
        .containsExactly(
            "INFO GATEWAYAPI-DEFAULT-PARENT",
            "INFO GATEWAYAPI-TLS-ON-GATEWAY",
            "INFO GATEWAYAPI-APP-PROTOCOL",
            "WARNING GATEWAYAPI-IDLE-TIMEOUT",
            "WARNING GATEWAYAPI-CONNECT-TIMEOUT",
            "WARNING GATEWAYAPI-RATE-LIMIT",
            "WARNING GATEWAYAPI-MAX-CONNECTIONS",
            "WARNING GATEWAYAPI-HEALTH-CHECK",
            "INFO GATEWAYAPI-VERSION-GATED",
            "WARNING GATEWAYAPI-CORS-HANDSHAKE",
            "WARNING GATEWAYAPI-STICKY-SESSIONS-EXPERIMENTAL",
            "INFO GATEWAYAPI-PLAIN-WS-REDIRECT");
    assertThat(r.finding("GATEWAYAPI-RATE-LIMIT").orElseThrow().message())
        .isEqualTo("the Gateway API has no rate limit; the handshake limit is not written.");
    assertThat(r.finding("GATEWAYAPI-MAX-CONNECTIONS").orElseThrow().message())
        .isEqualTo("the Gateway API has no per-client connection limit; 100 is not written.");
    assertThat(r.finding("GATEWAYAPI-CONNECT-TIMEOUT").orElseThrow().message())
        .isEqualTo("the Gateway API has no connect timeout; 10 s is not written.");
    assertThat(r.finding("GATEWAYAPI-HEALTH-CHECK").orElseThrow().message())
        .isEqualTo(
            "the Gateway API has no health check; /health is not probed by the gateway, which"
                + " routes to Ready endpoints.");
    assertThat(r.finding("GATEWAYAPI-STICKY-SESSIONS-EXPERIMENTAL").orElseThrow().message())
        .isEqualTo(
            "sticky sessions need sessionPersistence, which exists only in the experimental"
                + " channel.");
    check(r);
  }

  @Test
  void experimentalSessionPersistence() {
    WebSocketApp app =
        app()
            .stickySessions(Affinity.cookie("ws-server").maxAge(Duration.ofDays(1)).secure(true))
            .build();

    Rendering r = GatewayApi.target().gateway("default", "eg").experimental().render(app);

    assertThat(r.finding("GATEWAYAPI-SESSION-PERSISTENCE-EXPERIMENTAL").orElseThrow())
        .isEqualTo(
            new Finding(
                "GATEWAYAPI-SESSION-PERSISTENCE-EXPERIMENTAL",
                Severity.WARNING,
                "HTTPRoute default/chat",
                "sessionPersistence is written from the experimental channel (support:"
                    + " Extended). Its path, Secure, SameSite and HttpOnly attributes are left to"
                    + " the gateway.",
                "Install the experimental channel CRDs and check your implementation supports"
                    + " sessionPersistence; no conformance test covers it."));
    assertThat(Yaml.write(Yaml.read(r.toYaml()))).isEqualTo(r.toYaml());
    Snapshots.verifyYaml(r.toYaml());
    SchemaConformance.assertValidExperimental(r);
    assertThat(SchemaConformance.problems(r.objects().get(0)))
        .as("the standard channel rejects sessionPersistence")
        .isNotEmpty();
  }

  @Test
  void headerAffinityAndRequestTimeout() {
    WebSocketApp app = app().stickySessions(Affinity.header("X-Session-Id")).build();

    Rendering r =
        GatewayApi.target()
            .gateway("default", "eg")
            .experimental()
            .requestTimeout(Duration.ofMinutes(90))
            .lenient()
            .render(app);

    // A hash of a header the client sends is not session persistence type Header (GEP-1619: the
    // gateway issues that header), so nothing is written for it.
    assertThat(r.only(HTTPRoute.class).getSpec().getRules().get(0).getSessionPersistence())
        .isNull();
    assertThat(r.finding("GATEWAYAPI-HEADER-AFFINITY").orElseThrow())
        .isEqualTo(
            new Finding(
                "GATEWAYAPI-HEADER-AFFINITY",
                Severity.WARNING,
                "HTTPRoute default/chat",
                "the Gateway API has no affinity by a hash of a client's header:"
                    + " sessionPersistence type Header is a header the gateway issues and the"
                    + " client sends back (GEP-1619), so X-Session-Id would pin nothing; nothing is"
                    + " written.",
                "Render with .envoyGateway() (BackendTrafficPolicy spec.loadBalancer"
                    + " consistentHash type Headers), or use the implementation's consistent-hash"
                    + " policy."));
    assertThat(r.finding("GATEWAYAPI-REQUEST-TIMEOUT").orElseThrow().message())
        .isEqualTo(
            "timeouts.request 1h30m is written as asked; implementations that apply it to"
                + " upgraded streams end every WebSocket after that time, however active.");
    assertThat(r.finding("GATEWAYAPI-IDLE-TIMEOUT").orElseThrow().message())
        .endsWith(
            "unless a policy sets its stream idle timeout to the app's 3600 s; with"
                + " timeouts.request 1h30m Envoy Gateway sets the route's stream idle timeout to"
                + " 1h30m.");
    check(r);
  }

  @Test
  void no_route_gets_a_request_timeout_unless_asked() {
    for (WebSocketApp app :
        List.of(
            SampleApps.minimal(),
            SampleApps.chat(),
            app().timeout(Duration.ofDays(7)).tls(Tls.secret("t")).build())) {
      String yaml = GatewayApi.target().lenient().withGateway("eg").render(app).toYaml();

      assertThat(yaml).doesNotContain("timeouts").doesNotContain("request:");
    }
    assertThat(
            GatewayApi.target().requestTimeout(Duration.ZERO).render(SampleApps.minimal()).toYaml())
        .contains("      timeouts:\n        request: 0s\n");
  }
}
