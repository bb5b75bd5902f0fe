package dev.wsingress.examples;

import dev.wsingress.Affinity;
import dev.wsingress.HealthCheck;
import dev.wsingress.Route;
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
 * consistentHash} (the CRD's oneOf rejects both); {@code consecutiveGatewayErrors: 5} with {@code
 * consecutive5xxErrors: 0} instead of the deprecated {@code consecutiveErrors}, which istio/istio
 * 1.30.3 no longer reads (pilot/pkg/networking/core/cluster_traffic_policy.go
 * applyOutlierDetection), so that 502, 503 and 504 count, as the seed says, and Istio's default
 * ejection after 5 consecutive 5xx does not take over; {@code DO_NOT_UPGRADE} instead of {@code
 * UPGRADE} (HTTP/2 upstream breaks the upgrade); no connection-pool caps of 100 for a service that
 * holds 10 000 sockets; the Service's {@code sessionAffinity: ClientIP} dropped (Istio ignores it;
 * the cookie hash carries the affinity); {@code uri.prefix: /ws} split into {@code exact: /ws} and
 * {@code prefix: /ws/}, as Istio's prefix would also match {@code /wsx}.
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
   * Issue 13's three-backend app as Istio needs it: {@code /ws} to the app's own {@code
   * chat-ws:8080} with cookie affinity and a 3600 s idle timeout, {@code /api} plain to {@code
   * chat-api:80} with a 30 s request timeout, {@code /notify} to {@code notify} rewritten to {@code
   * /ws}, {@code /} plain to {@code frontend:80}, TLS with a redirect. {@code notify}'s port is
   * given by number (8080): a VirtualService destination has no port name (istio/api 1.30.3
   * networking/v1alpha3/virtual_service.proto PortSelector).
   */
  public static WebSocketApp threeBackends() {
    return threeBackends(Route.websocket("/notify").to("notify", 8080).rewriteTo("/ws"));
  }

  /** The same app as the issue writes it: {@code /notify} names its port {@code http}. */
  public static WebSocketApp threeBackendsAsWritten() {
    return threeBackends(Route.websocket("/notify").to("notify", "http").rewriteTo("/ws"));
  }

  private static WebSocketApp threeBackends(Route notify) {
    return WebSocketApp.on("chat.example.com")
        .name("chat")
        .namespace("default")
        .path("/ws")
        .service("chat-ws", 8080)
        .timeout(Duration.ofSeconds(3600))
        .stickySessions(Affinity.cookie("chat-server"))
        .tls(Tls.secret("chat-tls"))
        .route(Route.http("/api").to("chat-api", 80).requestTimeout(Duration.ofSeconds(30)))
        .route(notify)
        .route(Route.http("/").to("frontend", 80))
        .build();
  }

  /**
   * The port name of the seed's main Service ("websocket"): no protocol prefix Istio knows, so its
   * sidecars would sniff the protocol (istio/istio 1.30.3 pkg/config/kube/conversion.go); wsingress
   * names the port http- instead.
   */
  public static Platform platformAsWrittenElsewhere() {
    return Platform.target().portName("websocket");
  }
}
