package dev.wsingress.examples;

import dev.wsingress.AcmeIssuer;
import dev.wsingress.Affinity;
import dev.wsingress.HealthCheck;
import dev.wsingress.Route;
import dev.wsingress.Tls;
import dev.wsingress.WebSocketApp;
import dev.wsingress.Workload;
import dev.wsingress.platform.Platform;
import java.time.Duration;

/**
 * The workload half of seed 000 (from "WebSocket Service and Deployment" to "Testing WebSocket
 * Connections") and the echo server of seed 001, rebuilt with the DSL. Corrections follow {@code
 * shared/research/controllers.md} section 7: the NetworkPolicy selects namespaces by {@code
 * kubernetes.io/metadata.name} (the seed's {@code name} label does not exist) and lets the mesh
 * proxies reach their control plane; the preStop drain of 15 s gets a termination grace period
 * longer than it (the seed keeps the default 30 s); the Certificate drops the wildcard name that
 * HTTP-01 cannot issue, and the issuer uses {@code ingressClassName} instead of {@code class}; the
 * load test uses {@code k6/websockets} instead of the legacy {@code k6/ws}.
 */
public final class PlatformSeeds {
  private PlatformSeeds() {}

  private static WebSocketApp.Builder base() {
    return WebSocketApp.on("ws.example.com")
        .name("websocket-app")
        .namespace("default")
        .label("app", "websocket")
        .path("/ws")
        .service("websocket-service", 8080)
        .healthCheck(HealthCheck.http("/health"))
        .stickySessions(Affinity.clientIp().timeout(Duration.ofHours(3)));
  }

  /** "Complete WebSocket Application Deployment" with its HPA, monitoring and network policy. */
  public static WebSocketApp app() {
    return base()
        .tls(
            Tls.secret("websocket-tls")
                .issuedBy(AcmeIssuer.letsEncrypt("admin@example.com").http01("nginx")))
        .workload(workload())
        .build();
  }

  /** As written: the Certificate's wildcard name with an HTTP-01 solver. */
  public static WebSocketApp.Builder certificateAsWritten() {
    return base()
        .alsoOn("*.ws.example.com")
        .tls(
            Tls.secret("websocket-tls")
                .issuedBy(AcmeIssuer.letsEncrypt("admin@example.com").http01("nginx")))
        .workload(workload());
  }

  private static Workload workload() {
    return Workload.image("websocket-app:latest")
        .replicas(3)
        .metricsPort(9090)
        .env("PORT", "8080")
        .maxConnections(10000)
        .pingInterval(Duration.ofSeconds(30))
        .resources("250m", "256Mi", "1000m", "512Mi")
        .drainTime(Duration.ofSeconds(15))
        .autoscale(3, 50)
        .connectionsPerPod(1000)
        .egressTo("app", "redis", 6379);
  }

  /** The platform target: the seed's policy admits ingress-nginx and the Istio gateway. */
  public static Platform target() {
    return Platform.target().ingressFrom("ingress-nginx", "istio-system");
  }

  /**
   * Not from a seed: issue 13's three-backend app with the platform kit's workload, autoscaler and
   * cert-manager TLS. {@code /ws} is a WebSocket route to the app's own {@code chat-ws:8080}
   * (cookie affinity, 3600 s idle timeout), {@code /api} a plain HTTP route to {@code chat-api:80}
   * with a 30 s request timeout, {@code /notify} a WebSocket route to {@code notify}'s port {@code
   * http} rewritten to {@code /ws}, {@code /} a plain HTTP route to {@code frontend:80}; TLS with a
   * redirect. The platform kit renders {@code chat-ws} and its pods only.
   */
  public static WebSocketApp threeBackends() {
    return WebSocketApp.on("chat.example.com")
        .name("chat")
        .namespace("default")
        .label("app", "chat")
        .path("/ws")
        .service("chat-ws", 8080)
        .timeout(3600)
        .stickySessions(Affinity.cookie("chat-server"))
        .route(Route.http("/api").to("chat-api", 80).requestTimeout(Duration.ofSeconds(30)))
        .route(Route.websocket("/notify").to("notify", "http").rewriteTo("/ws"))
        .route(Route.http("/").to("frontend", 80))
        .healthCheck(HealthCheck.http("/health"))
        .tls(
            Tls.secret("chat-tls")
                .issuedBy(AcmeIssuer.letsEncrypt("admin@example.com").http01("nginx")))
        .workload(
            Workload.image("registry.example.com/chat-ws:2.1")
                .metricsPort(9090)
                .drainTime(Duration.ofSeconds(30))
                .autoscale(2, 10)
                .connectionsPerPod(1000)
                .egressTo("app", "redis", 6379))
        .build();
  }

  /** Seed 001 (ACK): the echo server's Deployment and Service on port 3000. */
  public static WebSocketApp ackEchoServer() {
    return WebSocketApp.on("test.example.com")
        .name("websocket-server")
        .namespace("default")
        .label("app", "ws")
        .path("/")
        .service("websocket-server", 3000)
        .timeout(3600)
        .workload(
            Workload.image(
                    "registry-cn-hangzhou.ack.aliyuncs.com/ack-demo/websocket-echo-server:latest")
                .replicas(1)
                .env("BIND_PORT", "3000")
                .resources("100m", "100Mi", "1000m", "1000Mi"))
        .build();
  }
}
