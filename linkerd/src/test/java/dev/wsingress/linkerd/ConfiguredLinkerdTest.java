package dev.wsingress.linkerd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.BackendProtocol;
import dev.wsingress.Manifest;
import dev.wsingress.Manifests;
import dev.wsingress.Rendering;
import dev.wsingress.Target;
import dev.wsingress.Targets;
import dev.wsingress.WebSocketApp;
import dev.wsingress.Workload;
import dev.wsingress.platform.Platform;
import dev.wsingress.testing.StandInTarget;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reader recovers every option the writer writes: reading a rendering back gives the Linkerd
 * target that renders it again byte for byte (what the converter of issue 16 reuses).
 */
class ConfiguredLinkerdTest {
  private static final Target NGINX =
      StandInTarget.of(
          "ingress-nginx", needs -> needs.trafficFrom("ingress-nginx", "ingress-nginx"));

  @Test
  void every_option_reads_back_into_the_target_that_renders_the_same_objects() {
    WebSocketApp withWorkload =
        WebSocketApp.on("ws.example.com")
            .path("/ws")
            .service("websocket-service", 8080)
            .workload(Workload.image("chat:1").drainTime(Duration.ofSeconds(45)).metricsPort(9090))
            .build();
    WebSocketApp https =
        WebSocketApp.on("ws.example.com")
            .service("websocket-service", 8443)
            .backendProtocol(BackendProtocol.HTTPS)
            .build();
    List<Linkerd> options =
        List.of(
            Linkerd.target(),
            Linkerd.target().version("2.16"),
            Linkerd.target().version("2.19").accessPolicy(Linkerd.AccessPolicy.AUDIT),
            Linkerd.target()
                .allowFrom(Linkerd.haproxy(), Linkerd.serviceAccount("jobs", "chat-probe"))
                .allowNetwork("10.0.0.0/8")
                .allowNetwork("fd00::/8")
                .proxyResources("100m", "64Mi", "1", "256Mi")
                .vizMetrics("linkerd-viz"));
    int checked = 0;
    for (Linkerd linkerd : options) {
      for (WebSocketApp app : List.of(withWorkload, https)) {
        Rendering first = Targets.render(app, NGINX, linkerd.lenient(), Platform.target());
        Manifests in = Manifests.parse(first.toYaml(), "rendering.yaml");
        Manifest server = in.objects(Policies.GROUP, "Server").get(0);
        Linkerd read = ConfiguredLinkerd.from(in, server);
        Rendering again = Targets.render(app, NGINX, read.lenient(), Platform.target());
        assertThat(again.toYaml())
            .as("%s for %s", linkerd, app.serviceName())
            .isEqualTo(first.toYaml());
        checked++;
      }
    }
    assertThat(checked).isEqualTo(8);
  }
}
