package dev.wsingress.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.Contributions;
import dev.wsingress.HealthCheck;
import dev.wsingress.Manifest;
import dev.wsingress.Manifests;
import dev.wsingress.RenderContext;
import dev.wsingress.Rendering;
import dev.wsingress.Target;
import dev.wsingress.Targets;
import dev.wsingress.WebSocketApp;
import dev.wsingress.Workload;
import dev.wsingress.testing.StandInTarget;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The reader recovers every setting the writer writes: the platform target's options and the app's
 * workload read back from a rendering render it again byte for byte (what the converter of issue 16
 * reuses).
 */
class PlatformReadBackTest {
  private static final Target NGINX =
      StandInTarget.of(
          "nginx",
          needs -> needs.trafficFrom("ingress-nginx", "ingress-nginx").balancesOverEndpoints());
  private static final Target MESH =
      StandInTarget.of(
          "linkerd",
          needs ->
              needs
                  .podAnnotation("linkerd.io/inject", "enabled")
                  .meshControlPlane("linkerd", 8080, 8086, 8090)
                  .meshInboundPort(4143));

  @Test
  void options_and_workload_read_back_into_what_renders_the_same_objects() {
    List<Workload> workloads =
        List.of(
            Workload.image("chat:1"),
            Workload.image("registry.example.com/websocket-app:1.4.2")
                .replicas(3)
                .containerPort(3000)
                .metricsPort(9090)
                .maxConnections(10000)
                .pingInterval(Duration.ofSeconds(30))
                .env("LOG_LEVEL", "info")
                .env("REDIS_URL", "redis://redis:6379")
                .resources("250m", "256Mi", "1000m", "512Mi")
                .drainTime(Duration.ofSeconds(60))
                .egressTo("app", "redis", 6379)
                .egressToNamespace("payments", 443),
            Workload.image("chat:2").autoscale(2, 10).connectionsPerPod(1000).metricsPort(9102));
    List<Platform> options =
        List.of(
            Platform.target(),
            Platform.target()
                .portName("http-chat")
                .ingressFrom("edge")
                .monitoringNamespace("observability")
                .adapterConfig("monitoring", "prometheus-adapter")
                .serviceMonitorLabels(Map.of("release", "kps")));
    int checked = 0;
    for (List<Target> edge : List.of(List.of(NGINX), List.of(NGINX, MESH))) {
      for (Platform platform : options) {
        for (Workload workload : workloads) {
          WebSocketApp app =
              WebSocketApp.on("ws.example.com")
                  .name("chat")
                  .namespace("realtime")
                  .path("/ws")
                  .service("chat-ws", 8080)
                  .healthCheck(HealthCheck.http("/health"))
                  .workload(workload)
                  .build();
          Rendering first = render(app, edge, platform);
          Manifests in = Manifests.parse(first.toYaml(), "rendering.yaml");
          Manifest service = in.service("realtime", "chat-ws").orElseThrow();
          Manifest deployment = in.find("apps", "Deployment", "realtime", "chat").orElseThrow();
          List<Contributions> others =
              edge.stream().map(t -> RenderContext.alone(t, app).contributions()).toList();
          Workload read =
              WorkloadReader.read(
                  in, deployment, 8080, service.tree().at("/spec/ports/0/name").asText(), others);
          assertThat(read).as("%s with %s", workload, platform).isEqualTo(workload);
          Platform again = ConfiguredPlatform.from(in, service);
          assertThat(render(app.toBuilder().workload(read).build(), edge, again).toYaml())
              .as("%s with %s", workload, platform)
              .isEqualTo(first.toYaml());
          checked++;
        }
      }
    }
    assertThat(checked).isEqualTo(12);
  }

  private static Rendering render(WebSocketApp app, List<Target> edge, Platform platform) {
    Target[] all = new Target[edge.size() + 1];
    for (int i = 0; i < edge.size(); i++) {
      all[i] = edge.get(i);
    }
    all[edge.size()] = platform;
    return Targets.render(app, all);
  }
}
