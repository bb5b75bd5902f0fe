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
    assertThat(References.problems(r)).isEmpty();
    Renderings.verify(r);
  }

  private static WebSocketApp.Builder app() {
    return WebSocketApp.on("ws.example.com").name("chat").service("websocket-service", 8080);
  }

  static final String ENTRYPOINT_TIMEOUTS_HINT =
      "Leave respondingTimeouts as they are: raising readTimeout keeps no socket open longer and"
          + " gives slow clients that long to send any request on every router of the entry"
          + " point. When Traefik stops it waits"
          + " lifeCycle.graceTimeOut (10s by default) for open connections, WebSockets included,"
          + " then closes them: raise it, with the pod's terminationGracePeriodSeconds above it,"
          + " if clients need longer to finish.";

  @Test
  void minimal() {
    Rendering r = Traefik.target().render(SampleApps.minimal());

    assertThat(r.findings())
        .containsExactly(
            new Finding(
                "TRAEFIK-ENTRYPOINT-TIMEOUTS",
                Severity.WARNING,
                "IngressRoute default/websocket-service",
                "Traefik has no per-route idle timeout, and its entry point timeouts do not reach"
                    + " an open WebSocket: respondingTimeouts.readTimeout (60s by default since"
                    + " v2.11.2) and writeTimeout bound the handshake request, idleTimeout (180s)"
                    + " the wait between requests, and all are cleared when the proxy takes the"
                    + " connection over for the upgrade. Traefik leaves an idle socket open, so"
                    + " the idle timeout of 3600 s is not enforced by Traefik; the application's"
                    + " pings and closes are the only limit.",
                ENTRYPOINT_TIMEOUTS_HINT),
            new Finding(
                "TRAEFIK-VERSION-GATED",
                Severity.INFO,
                "IngressRoute default/websocket-service",
                "strategy: p2c needs Traefik v3.4 or newer (rendering for v3.7).",
                "Render with .version(\"<major.minor>\") for the Traefik release the cluster"
                    + " runs; older releases get what they accept."));
    assertThat(r.toYaml())
        .as("no Helm flags raising readTimeout for every router")
        .doesNotContain("readTimeout");
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
            "WARNING TRAEFIK-CORS-HANDSHAKE",
            "INFO TRAEFIK-VERSION-GATED");
    assertThat(r.finding("TRAEFIK-RATE-LIMIT-HANDSHAKES").orElseThrow().message())
        .isEqualTo(
            "rateLimit counts HTTP requests, so WebSocket handshakes only, per client address and"
                + " per Traefik replica; messages on open sockets are never limited.");
    assertThat(r.finding("TRAEFIK-IN-FLIGHT-SOCKETS").orElseThrow().message())
        .isEqualTo(
            "inFlightReq counts a WebSocket as in flight for its whole life (the request ends"
                + " when the socket closes), per client address and per Traefik replica; over 100"
                + " the handshake gets 429.");
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
            "WARNING TRAEFIK-CORS-HANDSHAKE",
            "INFO TRAEFIK-VERSION-GATED");
    assertThat(r.finding("TRAEFIK-VERSION-GATED").orElseThrow().message())
        .isEqualTo("strategy: hrw needs Traefik v3.6 or newer (rendering for v3.7).");
    assertThat(r.finding("TRAEFIK-CLIENT-IP-HRW").orElseThrow().hint())
        .isEqualTo(
            "Behind a load balancer, hand Traefik the client address as the connection's source:"
                + " PROXY protocol on the entry point (entryPoints.<name>.proxyProtocol), or"
                + " externalTrafficPolicy: Local on Traefik's Service."
                + " forwardedHeaders.trustedIPs and clientIpDepth do not change the address hrw"
                + " hashes.");
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

    assertThat(codes(r))
        .containsExactly(
            "WARNING TRAEFIK-ENTRYPOINT-TIMEOUTS",
            "INFO TRAEFIK-VERSION-GATED",
            "INFO TRAEFIK-VERSION-GATED",
            "INFO TRAEFIK-VERSION-GATED");
    assertThat(r.findings("TRAEFIK-VERSION-GATED"))
        .extracting(f -> f.subject() + ": " + f.message())
        .containsExactly(
            "ServersTransport default/chat-transport: rootCAs needs Traefik v3.4 or newer"
                + " (rendering for v3.7).",
            "IngressRoute default/chat: sticky.cookie.path needs Traefik v3.3 or newer (rendering"
                + " for v3.7).",
            "IngressRoute default/chat: strategy: p2c needs Traefik v3.4 or newer (rendering for"
                + " v3.7).");
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
    assertThat(r.objects(Ingress.class).get(0).getSpec().getRules().get(0).getHttp().getPaths())
        .as("Prefix /ws as Exact /ws + Prefix /ws/: segment-wise without strictPrefixMatching")
        .extracting(p -> p.getPathType() + " " + p.getPath())
        .containsExactly("Exact /ws", "Prefix /ws/");
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
                + " be a circuit breaker expression Traefik parses: comparisons of"
                + " NetworkErrorRatio(), ResponseCodeRatio(a, b, c, d) or LatencyAtQuantileMS(q)"
                + " with a number, joined by && and ||, with balanced parentheses (the character"
                + " '`' at 1 is not allowed). Fix: write it like \"ResponseCodeRatio(500, 600, 0,"
                + " 600) > 0.30\".");
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

  @Test
  void an_unset_burst_is_reported_as_traefiks_burst_of_one() {
    Rendering r =
        Traefik.target().render(app().rateLimit(RateLimit.handshakesPerSecond(10)).build());

    assertThat(r.only(Middleware.class).getSpec().rateLimit().burst()).isNull();
    assertThat(r.findings("TRAEFIK-RATE-LIMIT-BURST"))
        .containsExactly(
            new Finding(
                "TRAEFIK-RATE-LIMIT-BURST",
                Severity.WARNING,
                "IngressRoute default/chat",
                "no burst is given, and Traefik's rateLimit then allows a burst of 1: a client"
                    + " that opens two sockets at once gets 429 for the second.",
                "Give a burst (spec.rateLimit.burst; .burst(n) when rendering) of at least the"
                    + " number of sockets one client may open at once."));
    assertThat(r.finding("TRAEFIK-RATE-LIMIT-HANDSHAKES").orElseThrow().hint())
        .isEqualTo(
            "Divide the intended limit by the number of Traefik replicas, or (Traefik v3.4 or"
                + " newer) use the rateLimit middleware's redis option for a shared limit.");
    Rendering withBurst =
        Traefik.target()
            .render(app().rateLimit(RateLimit.handshakesPerSecond(10).burst(5)).build());
    assertThat(withBurst.findings("TRAEFIK-RATE-LIMIT-BURST")).isEmpty();
  }

  @Test
  void buffering_is_not_written_and_would_not_touch_the_socket() {
    Rendering r = Traefik.target().render(app().responseBuffering(true).build());

    assertThat(r.finding("TRAEFIK-BUFFERING").orElseThrow().message())
        .isEqualTo(
            "buffering is not written: Traefik's buffering middleware buffers HTTP request and"
                + " response bodies only, and an upgraded WebSocket passes through it unbuffered,"
                + " so it would change nothing for the socket.");
    assertThat(r.toYaml()).doesNotContain("buffering");
  }
}
