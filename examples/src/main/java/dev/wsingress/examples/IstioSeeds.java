package dev.wsingress.examples;

import dev.wsingress.Affinity;
import dev.wsingress.HealthCheck;
import dev.wsingress.Tls;
import dev.wsingress.WebSocketApp;
import dev.wsingress.istio.Istio;
import dev.wsingress.platform.Platform;
import java.time.Duration;

/**
 * The Istio configuration of seed 000 ("Istio Configuration": Gateway, VirtualService,
 * DestinationRule, Service), rebuilt with the DSL. Corrections follow {@code
 * shared/research/controllers.md} section 4: {@code networking.istio.io/v1} instead of v1beta1; no
 * {@code websocketUpgrade} (no such field) and no {@code timeout: 0s} (rejected since Istio 1.23;
 * omitting it disables the timeout); one load-balancer policy instead of {@code simple} plus {@code
 * consistentHash} (the CRD's oneOf rejects both); {@code consecutiveGatewayErrors} instead of the
 * deprecated {@code consecutiveErrors}; {@code DO_NOT_UPGRADE} instead of {@code UPGRADE} (HTTP/2
 * upstream breaks the upgrade); no connection-pool caps of 100 for a service that holds 10 000
 * sockets; the Service's {@code sessionAffinity: ClientIP} dropped (Istio ignores it; the cookie
 * hash carries the affinity).
 */
public final class IstioSeeds {
  private IstioSeeds() {}

  /** As written: cookie affinity in the DestinationRule and ClientIP affinity on the Service. */
  public static WebSocketApp.Builder meshAsWritten() {
    return base().stickySessions(Affinity.clientIp().timeout(Duration.ofSeconds(3600)));
  }

  /** The seed's Istio setup, corrected. */
  public static WebSocketApp mesh() {
    return base().build();
  }

  private static WebSocketApp.Builder base() {
    return WebSocketApp.on("ws.example.com")
        .name("websocket")
        .namespace("default")
        .label("app", "websocket")
        .path("/ws")
        .service("websocket-service", 8080)
        .stickySessions(Affinity.cookie("session-affinity").maxAge(Duration.ofSeconds(3600)))
        .tls(Tls.secret("websocket-tls"))
        // The seed's outlierDetection: 5 consecutive errors, checked every 30 s.
        .healthCheck(HealthCheck.http("/health").interval(Duration.ofSeconds(30)).fall(5));
  }

  /** The seed's outlier limits: at most 50% ejected, none while under 50% healthy. */
  public static Istio target() {
    return Istio.target().outlierLimits(50, 50);
  }

  /** The seed's Service port name; Istio reads it as HTTP because it starts with http-. */
  public static Platform platform() {
    return Platform.target().portName("http-websocket");
  }

  /**
   * The port name of the seed's main Service ("websocket"): no protocol prefix, so Istio must sniff
   * the protocol of each connection instead of reading HTTP from the name.
   */
  public static Platform platformAsWrittenElsewhere() {
    return Platform.target().portName("websocket");
  }
}
