package dev.wsingress.traefik;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.Affinity;
import dev.wsingress.BackendProtocol;
import dev.wsingress.Cors;
import dev.wsingress.Doctor;
import dev.wsingress.Finding;
import dev.wsingress.Manifests;
import dev.wsingress.RateLimit;
import dev.wsingress.Reading;
import dev.wsingress.Rendering;
import dev.wsingress.Report;
import dev.wsingress.Route;
import dev.wsingress.SameSite;
import dev.wsingress.ServedBackend;
import dev.wsingress.ServedRoute;
import dev.wsingress.ServedRoute.PathMatch;
import dev.wsingress.Setting;
import dev.wsingress.Severity;
import dev.wsingress.Targets;
import dev.wsingress.Tls;
import dev.wsingress.Version;
import dev.wsingress.WebSocketApp;
import dev.wsingress.platform.Platform;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What Traefik actually does with hand-written manifests: the served routes and their settings. */
class TraefikReadingTest {

  static Reading read(String fixture) {
    return Reading.of(Traefik.target(), TraefikDoctorTest.fixture(fixture));
  }

  /** A route and every setting it has, one per line, as {@code name: value (origin)}. */
  static List<String> describe(ServedRoute r) {
    List<String> out = new ArrayList<>();
    out.add(r.toString() + " [" + r.target() + "]");
    out.add("websocket: " + r.webSocketReason().orElse("no"));
    add(out, "idle", r.idleTimeout());
    add(out, "connect", r.connectTimeout());
    add(out, "upgrade", r.upgrade());
    add(out, "affinity", r.affinity());
    r.affinity().ifPresent(a -> out.add("  = " + a.value()));
    add(out, "tls", r.tls());
    r.tls().ifPresent(t -> out.add("  redirect " + t.value().redirect()));
    add(out, "protocol", r.backendProtocol());
    add(out, "response buffering", r.responseBuffering());
    add(out, "rate limit", r.rateLimit());
    r.rateLimit().ifPresent(l -> out.add("  = " + l.value()));
    add(out, "connections per client", r.maxConnectionsPerClient());
    add(out, "rewrite", r.rewrite());
    add(out, "cors", r.cors());
    r.cors().ifPresent(c -> out.add("  = " + c.value()));
    return out;
  }

  private static void add(List<String> out, String name, Optional<? extends Setting<?>> s) {
    s.ifPresent(x -> out.add(name + ": " + x.describe()));
  }

  private static final String IDLE =
      "idle: no timeout (controller default: " + RouteState.NO_IDLE_TIMEOUT + ")";
  private static final String UPGRADE =
      "upgrade: true (controller default: " + RouteState.UPGRADE + ")";
  private static final String NO_BUFFERING =
      "response buffering: false (controller default: " + RouteState.NO_BUFFERING + ")";

  @Test
  void an_ingress_route_with_its_middlewares_transport_and_sticky_cookie() {
    Reading r = read("app.ingressroute");
    assertThat(r.findings()).isEmpty();
    assertThat(r.routes())
        .as("the redirect router on web proxies nothing, so it is no served route")
        .singleElement()
        .satisfies(
            route ->
                assertThat(describe(route))
                    .containsExactly(
                        "traefik chat.example.com/ws (CHARACTER_PREFIX) → Service default/chat"
                            + " port \"ws\", WebSocket [Traefik[entryPoints=web/websecure,"
                            + " clientIpDepth=1, version=3.6]]",
                        "websocket: Service default/chat port \"ws\" has appProtocol"
                            + " kubernetes.io/ws",
                        IDLE,
                        "connect: 10 s (doctor/app.ingressroute.yaml:132:5)",
                        UPGRADE,
                        "affinity: cookie \"chat-server\" (doctor/app.ingressroute.yaml:156:13)",
                        "  = CookieAffinity{name=chat-server, maxAge=PT24H, secure=true,"
                            + " httpOnly=true, sameSite=LAX, mode=BALANCED}",
                        "tls: TLS with Secret \"chat-tls\" (doctor/app.ingressroute.yaml:162:3)",
                        "  redirect true",
                        "protocol: HTTP (doctor/app.ingressroute.yaml:33:3)",
                        NO_BUFFERING,
                        "rate limit: RateLimit{rate=100, period=MINUTE, burst=50}"
                            + " (doctor/app.ingressroute.yaml:72:3)",
                        "  = RateLimit{rate=100, period=MINUTE, burst=50}",
                        "connections per client: 20 (doctor/app.ingressroute.yaml:86:3)",
                        "rewrite: \"/\" (doctor/app.ingressroute.yaml:111:3)",
                        "cors: Cors{origins=[https://app.example.com], methods=[GET], headers=[],"
                            + " exposedHeaders=[], credentials=false, maxAge=PT1H}"
                            + " (doctor/app.ingressroute.yaml:97:3)",
                        "  = Cors{origins=[https://app.example.com], methods=[GET], headers=[],"
                            + " exposedHeaders=[], credentials=false, maxAge=PT1H}"));
  }

  @Test
  void an_ingress_with_its_service_annotations_and_middlewares() {
    Reading r = read("app.ingress");
    assertThat(r.findings()).isEmpty();
    String common = "connect: 30 s (controller default: " + RouteState.DIAL_TIMEOUT + ")";
    List<String> shared =
        List.of(
            IDLE,
            common,
            UPGRADE,
            "affinity: cookie \"chat-server\" (doctor/app.ingress.yaml:17:5)",
            "  = CookieAffinity{name=chat-server, maxAge=PT24H, secure=true, httpOnly=false,"
                + " sameSite=NONE, mode=BALANCED}",
            "tls: TLS with Secret \"chat-tls\" (doctor/app.ingress.yaml:47:5)",
            "  redirect false",
            "protocol: HTTP (doctor/app.ingress.yaml:25:3)",
            NO_BUFFERING,
            "rate limit: RateLimit{rate=10, period=SECOND, burst=20}"
                + " (doctor/app.ingress.yaml:36:3)",
            "  = RateLimit{rate=10, period=SECOND, burst=20}");
    List<String> socket = new ArrayList<>();
    socket.add(
        "traefik-ingress chat.example.com/socket.io (PREFIX) → Service default/chat port"
            + " \"http\", WebSocket [Traefik[ingress, ingressClass=traefik,"
            + " entryPoints=web/websecure]]");
    socket.add("websocket: the path \"/socket.io\" has the WebSocket path segment /socket.io");
    socket.addAll(shared);
    List<String> api = new ArrayList<>();
    api.add(
        "traefik-ingress chat.example.com/api (CHARACTER_PREFIX) → Service default/chat port 80,"
            + " HTTP [Traefik[ingress, ingressClass=traefik, entryPoints=web/websecure]]");
    api.add("websocket: no");
    api.addAll(shared);
    assertThat(r.routes())
        .as("Exact /socket.io and Prefix /socket.io/ to one backend are one prefix by segments")
        .extracting(TraefikReadingTest::describe)
        .containsExactly(socket, api);
  }

  /** An app with every setting the writer writes for a WebSocket route. */
  static WebSocketApp everySetting() {
    return WebSocketApp.on("ws.example.com")
        .name("chat")
        .path("/ws")
        .service("websocket-service", 8080)
        .timeout(3600)
        .connectTimeout(Duration.ofSeconds(5))
        .stickySessions(
            Affinity.cookie("ws-server")
                .maxAge(Duration.ofDays(1))
                .path("/")
                .secure(true)
                .sameSite(SameSite.STRICT))
        .backendProtocol(BackendProtocol.HTTPS)
        .backendCaSecret("backend-ca")
        .rateLimit(RateLimit.handshakesPerSecond(10).burst(50))
        .maxConnectionsPerClient(100)
        .cors(
            Cors.allowOrigins("https://app.example.com", "https://*.example.com")
                .allowMethods("GET")
                .maxAge(Duration.ofHours(1)))
        .tls(Tls.secret("websocket-tls"))
        .route(Route.websocket("/notify").to("websocket-service", 8080).rewriteTo("/ws"))
        .build();
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void the_reader_recovers_every_setting_the_writer_writes(boolean ingressForm) {
    WebSocketApp app = everySetting();
    Traefik target = ingressForm ? Traefik.ingress() : Traefik.target();
    Rendering rendering = Targets.render(app, target.lenient(), Platform.target());
    Reading r = Reading.of(Traefik.target(), Manifests.parse(rendering.toYaml(), "r.yaml"));

    assertThat(r.routes())
        .extracting(x -> x.host() + x.path() + " " + x.pathMatch())
        .containsExactly("ws.example.com/ws PREFIX", "ws.example.com/notify PREFIX");
    for (ServedRoute route : r.routes()) {
      assertThat(route.targetId()).isEqualTo(target.id());
      assertThat(route.backends())
          .extracting(ServedBackend::describe)
          .containsExactly("Service default/websocket-service port 8080");
      assertThat(route.affinity().orElseThrow().value()).isEqualTo(app.affinity().orElseThrow());
      assertThat(route.connectTimeout().orElseThrow().value())
          .isEqualTo(app.connectTimeout().orElseThrow());
      assertThat(route.backendProtocol().orElseThrow().value()).isEqualTo(BackendProtocol.HTTPS);
      assertThat(route.tls().orElseThrow().value())
          .as("an Ingress's TLS section names its hosts")
          .isEqualTo(
              target.ingressForm()
                  ? app.tls().orElseThrow().hosts(app.tlsHosts().toArray(new String[0]))
                  : app.tls().orElseThrow());
      assertThat(route.rateLimit().orElseThrow().value()).isEqualTo(app.rateLimit().orElseThrow());
      assertThat(route.maxConnectionsPerClient().orElseThrow().value()).isEqualTo(100);
      assertThat(route.cors().orElseThrow().value()).isEqualTo(app.cors().orElseThrow());
      assertThat(route.idleTimeout().orElseThrow().value())
          .as("Traefik enforces no idle timeout on an upgraded socket")
          .isEqualTo(Duration.ZERO);
    }
    assertThat(r.routes().get(0).isWebSocket()).isTrue();
    assertThat(r.routes().get(0).rewrite()).isEmpty();
    assertThat(r.routes().get(1).rewrite().orElseThrow().value()).isEqualTo("/ws");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "clean/helm-chart-and-ingress",
        "clean/ingressroute-docs-style",
        "clean/traefikservice-canary"
      })
  void correct_upstream_style_manifests_stay_clean(String fixture) {
    Report report = Doctor.with(Traefik.target()).check(TraefikDoctorTest.fixture(fixture));
    assertThat(report.findings())
        .filteredOn(f -> f.severity() != Severity.INFO)
        .extracting(Finding::toString)
        .isEmpty();
    assertThat(report.routes()).isNotEmpty();
  }

  @Test
  void a_helm_rendered_traefik_and_its_default_ingress_class() {
    Report report =
        Doctor.with(Traefik.target())
            .check(TraefikDoctorTest.fixture("clean/helm-chart-and-ingress"));
    assertThat(report.findings()).extracting(Finding::code).isEmpty();
    ServedRoute socket = report.routes("chat.example.com", "/socket.io/?EIO=4").get(0);
    assertThat(socket.targetId()).isEqualTo("traefik-ingress");
    assertThat(socket.target().version()).contains(Version.of(3, 7));
    assertThat(socket.pathMatch()).isEqualTo(PathMatch.CHARACTER_PREFIX);
    assertThat(socket.affinity().orElseThrow().describe())
        .isEqualTo("cookie \"chat_affinity\" (chat/templates/service.yaml:7:5)");
    assertThat(socket.tls().orElseThrow().describe())
        .as("websecure terminates TLS for every router on it (--entryPoints.websecure.http.tls)")
        .isEqualTo(
            "TLS with Secret \"chat-example-com-tls\"" + " (chat/templates/ingress.yaml:7:5)");
  }

  @Test
  void fields_of_the_wrong_shape_are_read_without_a_crash() {
    Reading r = read("malformed");
    assertThat(r.understood()).isNotEmpty();
    assertThat(
            Doctor.with(Traefik.target()).check(TraefikDoctorTest.fixture("malformed")).findings())
        .noneMatch(f -> f.code().equals("CORE-READER-FAILED"));
  }
}
