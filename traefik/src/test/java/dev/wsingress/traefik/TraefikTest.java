package dev.wsingress.traefik;

import static dev.wsingress.testing.Renderings.codes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wsingress.Affinity;
import dev.wsingress.BackendProtocol;
import dev.wsingress.Cors;
import dev.wsingress.Finding;
import dev.wsingress.InvalidSpecException;
import dev.wsingress.RateLimit;
import dev.wsingress.Rendering;
import dev.wsingress.SameSite;
import dev.wsingress.Severity;
import dev.wsingress.Targets;
import dev.wsingress.Tls;
import dev.wsingress.UnsupportedFeatureException;
import dev.wsingress.WebSocketApp;
import dev.wsingress.Yaml;
import dev.wsingress.platform.Platform;
import dev.wsingress.testing.Renderings;
import dev.wsingress.testing.SampleApps;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One snapshot per scenario; every rendering is schema-checked and its references resolved. */
class TraefikTest {

  static void check(Rendering r) {
    assertThat(r.toYaml())
        .doesNotContain("traefik.containo.us")
        .doesNotContain("insecureSkipVerify");
    assertThat(References.problems(r.objects())).isEmpty();
    Renderings.verify(r);
  }

  private static WebSocketApp.Builder app() {
    return WebSocketApp.on("ws.example.com").name("chat").service("websocket-service", 8080);
  }

  @Test
  void minimal() {
    Rendering r = Traefik.target().render(SampleApps.minimal());

    assertThat(r.findings())
        .containsExactly(
            new Finding(
                "TRAEFIK-ENTRYPOINT-TIMEOUTS",
                Severity.WARNING,
                "IngressRoute default/websocket-service",
                "Traefik has no per-route idle timeout: the entry points' readTimeout (60s by"
                    + " default since v2.11.2) and idleTimeout (180s) apply, and whether"
                    + " readTimeout cuts an upgraded socket is not documented. For an idle timeout"
                    + " of 3600 s, with Helm: --set"
                    + " ports.web.transport.respondingTimeouts.readTimeout=3600s --set"
                    + " ports.web.transport.respondingTimeouts.idleTimeout=3600s --set"
                    + " ports.websecure.transport.respondingTimeouts.readTimeout=3600s --set"
                    + " ports.websecure.transport.respondingTimeouts.idleTimeout=3600s.",
                "Set these on the entry points in Traefik's static configuration (Helm values or"
                    + " --entryPoints.<name>.transport flags), and raise lifeCycle.graceTimeOut"
                    + " (10s by default) so sockets can drain when Traefik rolls."));
    check(r);
  }

  @Test
  void chatWithCircuitBreaker() {
    Rendering r =
        Traefik.target()
            .circuitBreaker("ResponseCodeRatio(500, 600, 0, 600) > 0.30")
            .render(SampleApps.chat());

    assertThat(codes(r))
        .containsExactly(
            "WARNING TRAEFIK-ENTRYPOINT-TIMEOUTS",
            "WARNING TRAEFIK-HEALTH-CHECK",
            "WARNING TRAEFIK-RATE-LIMIT-HANDSHAKES",
            "WARNING TRAEFIK-IN-FLIGHT-SOCKETS",
            "WARNING TRAEFIK-CORS-HANDSHAKE");
    assertThat(r.finding("TRAEFIK-RATE-LIMIT-HANDSHAKES").orElseThrow().message())
        .isEqualTo(
            "rateLimit counts HTTP requests, so WebSocket handshakes only, per client address and"
                + " per Traefik replica; messages on open sockets are never limited.");
    assertThat(r.finding("TRAEFIK-IN-FLIGHT-SOCKETS").orElseThrow().message())
        .isEqualTo(
            "inFlightReq counts a WebSocket as in flight for its whole life (inferred: the"
                + " request ends when the socket closes), per client address and per Traefik"
                + " replica; over 100 the handshake gets 429.");
    assertThat(r.objects())
        .extracting(o -> o.getKind() + " " + o.getMetadata().getName())
        .containsExactly(
            "IngressRoute chat",
            "IngressRoute chat-redirect",
            "Middleware chat-circuit-breaker",
            "Middleware chat-cors",
            "Middleware chat-inflight",
            "Middleware chat-ratelimit",
            "Middleware chat-redirect",
            "ServersTransport chat-transport");
    check(r);
  }

  @Test
  void wildcardHostsPathsClientIpAndTlsWithoutRedirect() {
    WebSocketApp app =
        app()
            .alsoOn("*.ws.example.com")
            .path("/ws")
            .exactPath("/socket")
            .path("/live/")
            .stickySessions(Affinity.clientIp())
            .tls(Tls.secret("websocket-tls").redirect(false))
            .cors(
                Cors.allowOrigins("https://app.example.com", "https://*.example.com")
                    .allowCredentials(true)
                    .maxAge(Duration.ofMinutes(10)))
            .build();

    Rendering r = Traefik.target().entryPoints("http", "https").clientIpDepth(1).render(app);

    assertThat(Traefik.match(app))
        .isEqualTo(
            "(Host(`ws.example.com`) || HostRegexp(`^[a-z0-9-]+\\.ws\\.example\\.com$`)) &&"
                + " ((Path(`/ws`) || PathPrefix(`/ws/`)) || Path(`/socket`) ||"
                + " PathPrefix(`/live/`))");
    assertThat(codes(r))
        .containsExactly(
            "WARNING TRAEFIK-ENTRYPOINT-TIMEOUTS",
            "INFO TRAEFIK-CLIENT-IP-HRW",
            "WARNING TRAEFIK-CORS-HANDSHAKE");
    check(r);
  }

  @Test
  void cookieAttributesAndHttpsBackend() {
    WebSocketApp app =
        app()
            .stickySessions(
                Affinity.cookie("ws-server")
                    .maxAge(Duration.ofDays(1))
                    .path("/")
                    .secure(true)
                    .sameSite(SameSite.STRICT))
            .backendProtocol(BackendProtocol.HTTPS)
            .backendCaSecret("backend-ca")
            .build();

    Rendering r = Traefik.target().render(app);

    assertThat(codes(r)).containsExactly("WARNING TRAEFIK-ENTRYPOINT-TIMEOUTS");
    check(r);
  }

  @Test
  void ingressFormWithPlatform() {
    Rendering r = Targets.render(SampleApps.chat(), Traefik.ingress().lenient(), Platform.target());

    assertThat(codes(r))
        .containsExactly(
            "WARNING TRAEFIK-ENTRYPOINT-TIMEOUTS",
            "WARNING TRAEFIK-HEALTH-CHECK",
            "WARNING TRAEFIK-RATE-LIMIT-HANDSHAKES",
            "WARNING TRAEFIK-IN-FLIGHT-SOCKETS",
            "WARNING TRAEFIK-CORS-HANDSHAKE");
    assertThat(r.only(Service.class).getMetadata().getAnnotations())
        .containsEntry("traefik.ingress.kubernetes.io/service.sticky.cookie", "true")
        .containsEntry("traefik.ingress.kubernetes.io/service.sticky.cookie.name", "ws-server")
        .containsEntry(
            "traefik.ingress.kubernetes.io/service.serverstransport",
            "default-chat-transport@kubernetescrd");
    assertThat(r.objects(Ingress.class).get(0).getMetadata().getAnnotations())
        .doesNotContainKey("traefik.ingress.kubernetes.io/service.sticky.cookie")
        .containsEntry(
            "traefik.ingress.kubernetes.io/router.middlewares",
            "default-chat-ratelimit@kubernetescrd,default-chat-inflight@kubernetescrd,"
                + "default-chat-cors@kubernetescrd");
    check(r);
  }

  @Test
  void the_ingress_form_says_where_service_annotations_go_without_the_platform() {
    WebSocketApp app = app().stickySessions(Affinity.cookie("ws-server")).build();

    Rendering r = Traefik.ingress().render(app);

    assertThat(r.finding("TRAEFIK-SERVICE-ANNOTATIONS").orElseThrow().message())
        .isEqualTo(
            "Traefik's Ingress provider reads these settings from the Service, which is not"
                + " rendered here: {traefik.ingress.kubernetes.io/service.sticky.cookie=true,"
                + " traefik.ingress.kubernetes.io/service.sticky.cookie.httponly=true,"
                + " traefik.ingress.kubernetes.io/service.sticky.cookie.name=ws-server}.");
  }

  @Test
  void strict_rendering_refuses_what_traefik_cannot_do() {
    WebSocketApp header = app().stickySessions(Affinity.header("X-Session-Id")).build();
    assertThat(
            catchThrowableOfType(
                    UnsupportedFeatureException.class, () -> Traefik.target().render(header))
                .errors())
        .containsExactly(
            new Finding(
                "TRAEFIK-HEADER-AFFINITY",
                Severity.ERROR,
                "IngressRoute default/chat",
                "Traefik cannot pin by a request header; affinity by X-Session-Id is not"
                    + " written.",
                "Use cookie or client-IP affinity, which Traefik supports."));
    WebSocketApp https = app().backendProtocol(BackendProtocol.HTTPS).build();
    assertThat(
            catchThrowableOfType(
                    UnsupportedFeatureException.class, () -> Traefik.target().render(https))
                .errors())
        .extracting(Finding::code)
        .containsExactly("TRAEFIK-BACKEND-TLS");
    WebSocketApp clientIp = app().stickySessions(Affinity.clientIp()).build();
    assertThat(
            catchThrowableOfType(
                    UnsupportedFeatureException.class, () -> Traefik.ingress().render(clientIp))
                .errors())
        .extracting(Finding::code)
        .containsExactly("TRAEFIK-INGRESS-CLIENT-IP");
  }

  @Test
  void options_reject_bad_input() {
    assertThatThrownBy(() -> Traefik.target().circuitBreaker("`) || Host(`evil`"))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessage(
            "Traefik is invalid (1 problem):\n  - circuitBreaker = \"`) || Host(`evil`\": must"
                + " be a circuit breaker expression of NetworkErrorRatio(), ResponseCodeRatio(...)"
                + " or LatencyAtQuantileMS(...), numbers, comparisons, && and ||. Fix: write it"
                + " like \"ResponseCodeRatio(500, 600, 0, 600) > 0.30\".");
    assertThatThrownBy(() -> Traefik.target().entryPoints("web", "web"))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("entryPoints.https = \"web\": must differ from the HTTP entry point");
    assertThatThrownBy(() -> Traefik.target().clientIpDepth(-1))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("clientIpDepth = -1: must be from 0 to 10.");
    assertThat(Traefik.target()).hasToString("Traefik[entryPoints=web/websecure]");
    assertThat(Traefik.ingress().ingressClass("edge").lenient())
        .hasToString("Traefik[ingress, ingressClass=edge, entryPoints=web/websecure, lenient]");
  }

  @Test
  void rate_limit_per_minute_and_typed_read_back() {
    WebSocketApp app = app().rateLimit(RateLimit.handshakesPerMinute(100).burst(50)).build();

    Rendering r = Traefik.target().render(app);
    List<HasMetadata> back = Yaml.read(r.toYaml());

    assertThat(back).hasOnlyElementsOfTypes(IngressRoute.class, Middleware.class);
    Middleware limit = (Middleware) back.get(1);
    assertThat(limit.getSpec().rateLimit())
        .isEqualTo(
            new Middleware.RateLimit(
                100L, "1m", 50L, new Middleware.SourceCriterion(new Middleware.IpStrategy(null))));
  }
}
