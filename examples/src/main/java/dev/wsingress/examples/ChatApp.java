package dev.wsingress.examples;

import dev.wsingress.Affinity;
import dev.wsingress.Cors;
import dev.wsingress.HealthCheck;
import dev.wsingress.RateLimit;
import dev.wsingress.Tls;
import dev.wsingress.WebSocketApp;
import java.time.Duration;

/**
 * The example chat application the main job prints, described once: one route and one backend (the
 * README's Example is the three-backend app that {@code ReadmeExampleTest} compiles).
 */
public final class ChatApp {
  private ChatApp() {}

  /** The chat app: one host, a /ws route, sticky sessions, TLS, limits, CORS, health check. */
  public static WebSocketApp spec() {
    return WebSocketApp.on("ws.example.com")
        .name("chat")
        .namespace("default")
        .label("app", "chat")
        .path("/ws")
        .service("websocket-service", 8080)
        .timeout(3600)
        .connectTimeout(Duration.ofSeconds(10))
        .stickySessions(Affinity.cookie("ws-server").maxAge(Duration.ofDays(1)))
        .tls(Tls.secret("websocket-tls"))
        .rateLimit(RateLimit.handshakesPerSecond(10).burst(50))
        .maxConnectionsPerClient(100)
        .cors(Cors.allowOrigins("https://app.example.com"))
        .healthCheck(HealthCheck.http("/health"))
        .build();
  }
}
