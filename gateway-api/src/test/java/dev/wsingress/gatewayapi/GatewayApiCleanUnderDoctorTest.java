package dev.wsingress.gatewayapi;

import dev.wsingress.Affinity;
import dev.wsingress.BackendProtocol;
import dev.wsingress.Route;
import dev.wsingress.Targets;
import dev.wsingress.Tls;
import dev.wsingress.WebSocketApp;
import dev.wsingress.platform.Platform;
import dev.wsingress.testing.Renderings;
import dev.wsingress.testing.SampleApps;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our own output is clean under our own doctor across the target's options: every Gateway API
 * release line, with and without Envoy Gateway's policies of each release line, each kind of
 * parent, and a request timeout; nothing at WARNING or above beyond what the rendering said.
 */
class GatewayApiCleanUnderDoctorTest {

  private static List<WebSocketApp> apps() {
    return List.of(
        SampleApps.minimal(),
        SampleApps.chat(),
        WebSocketApp.on("ws.example.com")
            .alsoOn("chat.example.com")
            .name("three")
            .path("/ws")
            .service("chat-ws", 8080)
            .timeout(3600)
            .stickySessions(Affinity.clientIp())
            .tls(Tls.secret("chat-tls"))
            .route(Route.http("/api").to("chat-api", 80).requestTimeout(Duration.ofSeconds(30)))
            .route(Route.websocket("/notify").to("notify", 8080).rewriteTo("/ws"))
            .route(Route.http("/").to("frontend", 80))
            .build(),
        WebSocketApp.on("secure.example.com")
            .name("secure")
            .path("/socket.io")
            .service("secure", 8443)
            .stickySessions(Affinity.header("X-Session-Id"))
            .backendProtocol(BackendProtocol.HTTPS)
            .backendCaSecret("secure-ca")
            .build());
  }

  static Stream<Arguments> renderings() {
    List<Arguments> out = new ArrayList<>();
    List<String> envoy = new ArrayList<>(List.of("none"));
    Releases.ENVOY_GATEWAY.forEach(v -> envoy.add(v.toString()));
    for (var version : Releases.GATEWAY_API) {
      for (String eg : envoy) {
        for (String parent : List.of("default", "withGateway", "existing")) {
          for (boolean timeout : List.of(false, true)) {
            GatewayApi t = GatewayApi.target().version(version.toString()).lenient();
            if (parent.equals("withGateway")) {
              t = t.withGateway("eg");
            } else if (parent.equals("existing")) {
              t = t.gateway("infra", "public");
            }
            if (!eg.equals("none")) {
              t = t.envoyGateway(eg);
            }
            if (timeout) {
              t = t.requestTimeout(Duration.ofHours(2));
            }
            out.add(Arguments.of(t.toString(), t));
          }
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renderings")
  void every_rendering_reads_back_clean(String name, GatewayApi target) {
    for (WebSocketApp app : apps()) {
      Renderings.assertCleanUnderDoctor(Targets.render(app, target, Platform.target()));
      Renderings.assertCleanUnderDoctor(target.render(app));
    }
  }
}
