package dev.wsingress.examples;

import dev.wsingress.Affinity;
import dev.wsingress.HealthCheck;
import dev.wsingress.RateLimit;
import dev.wsingress.WebSocketApp;
import dev.wsingress.haproxy.HaProxy;
import java.time.Duration;

/**
 * The HAProxy configuration of seed 000, rebuilt with the DSL for the controller its annotations
 * belong to (haproxytech/kubernetes-ingress; the seed links jcmoraisjr's docs). Corrections follow
 * {@code shared/research/controllers.md} section 3: {@code timeout-tunnel} moves from the Ingress
 * to the controller ConfigMap (ConfigMap-only); {@code cookie-persistence} moves to the Service
 * (read from an Ingress too, but deprecated there in documentation/annotations.md at v3.2.11, and
 * an Ingress's value would reach the backend of every Service it routes to); the ConfigMap is the
 * one the Helm release's {@code --configmap} names, not {@code haproxy-ingress/haproxy-configmap};
 * its keys that do not exist are either mapped ({@code balance-algorithm} to {@code load-balance},
 * {@code cookie} to {@code cookie-persistence}, {@code rate-limit-sessions} to {@code
 * rate-limit-requests} at the same average rate, {@code check-rise}/{@code check-fall} to the
 * Backend resource) or dropped because the defaults are right ({@code timeout-client}/{@code
 * timeout-server} of 3600s: the tunnel timeout governs an upgraded socket); the raw {@code backend}
 * block, which neither controller reads, becomes a Backend custom resource.
 */
public final class HaProxySeeds {
  private HaProxySeeds() {}

  /** "HAProxy WebSocket Configuration": the Ingress and its app, corrected. */
  public static WebSocketApp app() {
    return WebSocketApp.on("ws.example.com")
        .name("websocket-ingress")
        .namespace("default")
        .path("/ws")
        .service("websocket-service", 8080)
        .timeout(3600)
        .connectTimeout(Duration.ofSeconds(30))
        .stickySessions(Affinity.cookie("ws-server"))
        .healthCheck(HealthCheck.http("/health").interval(Duration.ofSeconds(10)))
        // The seed's rate-limit-sessions 100 per 10s has no exact equivalent: the spec counts per
        // second or per minute, and haproxytech has no burst (rate-limit-period is the window of
        // the stick table's http_req_rate, annotations.md "Rate Limit"). 10 per second keeps the
        // average but refuses what 100 per 10 s allows, a burst of 100 handshakes within one
        // second; 600 per minute would allow a burst of 600.
        .rateLimit(RateLimit.handshakesPerSecond(10))
        .build();
  }

  /**
   * The controller ConfigMap of the seed's Helm release ({@code helm install haproxy-ingress
   * haproxytech/kubernetes-ingress --namespace haproxy-ingress}): the chart's fullname, which is
   * also the controller's ServiceAccount, so the platform NetworkPolicy admits namespace {@code
   * haproxy-ingress}.
   */
  public static HaProxy target() {
    return HaProxy.target()
        .controllerConfig("haproxy-ingress", "haproxy-ingress-kubernetes-ingress");
  }

  /** "HAProxy Advanced Configuration": the raw backend block's intent. */
  public static WebSocketApp advancedApp() {
    return WebSocketApp.on("ws.example.com")
        .name("websocket")
        .namespace("default")
        .path("/ws")
        .service("websocket-service", 8080)
        .timeout(3600)
        .connectTimeout(Duration.ofSeconds(30))
        .stickySessions(Affinity.cookie("SERVERID"))
        .healthCheck(HealthCheck.http("/health").rise(2).fall(3))
        .build();
  }

  /** The raw backend as a Backend custom resource. */
  public static HaProxy advancedTarget() {
    return HaProxy.target().backendResource();
  }

  /**
   * The seed's "HAProxy WebSocket Configuration" YAML as the seed gives it (its Ingress and its
   * ConfigMap), for the doctor and the converter: input that no renderer of ours wrote.
   */
  public static String seedManifests() {
    return """
    apiVersion: networking.k8s.io/v1
    kind: Ingress
    metadata:
      name: websocket-ingress
      namespace: default
      annotations:
        haproxy.org/timeout-tunnel: '3600s'
        haproxy.org/load-balance: 'leastconn'
        haproxy.org/cookie-persistence: 'ws-server'
        haproxy.org/check: 'true'
        haproxy.org/check-http: '/health'
        haproxy.org/forwarded-for: 'true'
    spec:
      ingressClassName: haproxy
      rules:
        - host: ws.example.com
          http:
            paths:
              - path: /ws
                pathType: Prefix
                backend:
                  service:
                    name: websocket-service
                    port:
                      number: 8080
    ---
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: haproxy-configmap
      namespace: haproxy-ingress
    data:
      timeout-connect: '30s'
      timeout-client: '3600s'
      timeout-server: '3600s'
      timeout-tunnel: '3600s'
      timeout-http-request: '30s'
      timeout-http-keep-alive: '60s'
      timeout-queue: '30s'

      # WebSocket detection
      option-http-server-close: 'false'
      option-forwardfor: 'true'

      # Load balancing
      balance-algorithm: 'leastconn'

      # Health checks
      check-interval: '10s'
      check-timeout: '5s'
      check-rise: '2'
      check-fall: '3'

      # Session persistence
      cookie: 'SERVERID insert indirect nocache'

      # Rate limiting
      rate-limit-sessions: '100'
      rate-limit-period: '10s'
    """;
  }

  /** The seed's "HAProxy Advanced Configuration": a ConfigMap holding a raw backend block. */
  public static String seedAdvancedManifests() {
    return """
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: haproxy-backend-config
      namespace: default
    data:
      websocket-backend: |
        # Backend configuration for WebSocket
        backend websocket_backend
            mode http
            balance leastconn

            # WebSocket support
            option http-server-close
            option forwardfor

            # Timeouts for long-lived connections
            timeout server 3600s
            timeout tunnel 3600s
            timeout connect 30s

            # Health checks
            option httpchk GET /health HTTP/1.1\\r\\nHost:\\ websocket
            http-check expect status 200

            # Sticky sessions
            cookie SERVERID insert indirect nocache

            # Servers with WebSocket support
            server ws1 websocket-pod-1:8080 check cookie ws1
            server ws2 websocket-pod-2:8080 check cookie ws2
            server ws3 websocket-pod-3:8080 check cookie ws3

            # Connection limits
            maxconn 10000

            # Queue settings
            timeout queue 30s
            option redispatch
    """;
  }
}
