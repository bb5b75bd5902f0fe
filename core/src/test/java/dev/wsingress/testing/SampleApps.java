package dev.wsingress.testing;

import dev.wsingress.Affinity;
import dev.wsingress.Cors;
import dev.wsingress.HealthCheck;
import dev.wsingress.RateLimit;
import dev.wsingress.Tls;
import dev.wsingress.WebSocketApp;
import java.time.Duration;

/** Apps shared by every target module's tests, so each target renders the same scenarios. */
public final class SampleApps {
  private SampleApps() {}

  /** Only what is required: a host and a Service. */
  public static WebSocketApp minimal() {
    return WebSocketApp.on("ws.example.com").service("websocket-service", 8080).build();
  }

  /** The chat app of DESIGN.md: every common feature at once. */
  public static WebSocketApp chat() {
    return WebSocketApp.on("ws.example.com")
        .name("chat")
        .namespace("default")
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
