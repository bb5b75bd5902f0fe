package dev.wsingress.examples;

import dev.wsingress.Affinity;
import dev.wsingress.RateLimit;
import dev.wsingress.Route;
import dev.wsingress.SameSite;
import dev.wsingress.Tls;
import dev.wsingress.WebSocketApp;
import dev.wsingress.traefik.Traefik;
import java.time.Duration;

/**
 * The Traefik configuration of seed 000 ("Traefik IngressRoute for WebSocket" and "Traefik Sticky
 * Sessions"), rebuilt with the DSL. Corrections follow {@code shared/research/controllers.md}
 * section 2: {@code traefik.io/v1alpha1} instead of the removed {@code traefik.containo.us}; every
 * Middleware and the ServersTransport referenced by the route (the seed's rate limit, circuit
 * breaker, transport and TraefikService were orphans); the sticky cookie on the route's service
 * entry, which pins a pod (the seed's WRR-level cookie over one child pins nothing); HTTPS redirect
 * by a redirectScheme middleware (the seed's {@code sslRedirect}/{@code sslForceHost} were removed
 * in v3); no {@code insecureSkipVerify}, no forced {@code X-Forwarded-Proto}, and no {@code
 * responseHeaderTimeout}/{@code idleConnTimeout}, which do not govern an open WebSocket.
 */
public final class TraefikSeeds {
  private TraefikSeeds() {}

  /** The app behind the seed's IngressRoute, with the sticky cookie of its TraefikService. */
  public static WebSocketApp app() {
    return WebSocketApp.on("ws.example.com")
        .name("websocket")
        .namespace("default")
        .service("websocket-service", 8080)
        .timeout(3600)
        // ServersTransport forwardingTimeouts.dialTimeout: 30s
        .connectTimeout(Duration.ofSeconds(30))
        .stickySessions(
            Affinity.cookie("websocket_server")
                .secure(true)
                .httpOnly(true)
                .sameSite(SameSite.STRICT))
        .tls(Tls.secret("websocket-tls"))
        // Middleware websocket-ratelimit: average 100 per 1m, burst 50
        .rateLimit(RateLimit.handshakesPerMinute(100).burst(50))
        .build();
  }

  /**
   * One host, three backends, as published manifests put a WebSocket app beside its API and its
   * frontend (issue 13): {@code /ws} to the app's own {@code chat-ws:8080} with a sticky cookie and
   * a 3600 s idle timeout, {@code /api} plain HTTP to {@code chat-api:80} with a 30 s request
   * timeout, {@code /notify} a WebSocket to {@code notify} port {@code http} rewritten to {@code
   * /ws}, {@code /} plain HTTP to {@code frontend:80}, TLS with a redirect. Traefik has no request
   * deadline, so it renders this leniently ({@code TRAEFIK-REQUEST-TIMEOUT}):
   *
   * <pre>{@code
   * Traefik.target().lenient().render(TraefikSeeds.threeBackends());
   * Targets.render(TraefikSeeds.threeBackends(), Traefik.ingress().lenient(), Platform.target());
   * }</pre>
   */
  public static WebSocketApp threeBackends() {
    return WebSocketApp.on("chat.example.com")
        .name("chat")
        .namespace("default")
        .path("/ws")
        .service("chat-ws", 8080)
        .timeout(3600)
        .stickySessions(Affinity.cookie("chat-server"))
        .route(Route.http("/api").to("chat-api", 80).requestTimeout(Duration.ofSeconds(30)))
        .route(Route.websocket("/notify").to("notify", "http").rewriteTo("/ws"))
        .route(Route.http("/").to("frontend", 80))
        .tls(Tls.secret("chat-tls"))
        .build();
  }

  /** The seed's middlewares: the security response headers and the circuit breaker. */
  public static Traefik target() {
    return Traefik.target()
        .securityHeaders()
        .circuitBreaker("ResponseCodeRatio(500, 600, 0, 600) > 0.30");
  }
}
