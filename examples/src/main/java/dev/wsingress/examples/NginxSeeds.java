package dev.wsingress.examples;

import dev.wsingress.Affinity;
import dev.wsingress.Cors;
import dev.wsingress.RateLimit;
import dev.wsingress.Tls;
import dev.wsingress.WebSocketApp;
import dev.wsingress.nginx.Nginx;
import java.time.Duration;

/**
 * Every ingress-nginx configuration of the seed documents, rebuilt with the DSL. Where a seed
 * snippet is wrong, the {@code asWritten} form shows what the DSL says about it, and the plain form
 * is the corrected configuration. Sources: {@code shared/seeds/000_8e82d32f76b43da9.txt}
 * (websocket.org guide) and {@code 001_8a55677ee92ca964.txt} (Alibaba Cloud ACK guide); the
 * corrections follow {@code shared/research/controllers.md} section 1.
 */
public final class NginxSeeds {
  private NginxSeeds() {}

  /** Seed 000 "Quick Start": read/send 3600, and proxy-connect-timeout 3600 (wrong). */
  public static WebSocketApp quickStartAsWritten() {
    return quickStartBase().connectTimeout(Duration.ofSeconds(3600)).build();
  }

  /**
   * The quick start corrected: the connect timeout only covers opening the TCP connection, so it
   * keeps the controller's 5 s default; the idle timeout carries the 3600.
   */
  public static WebSocketApp quickStart() {
    return quickStartBase().build();
  }

  private static WebSocketApp.Builder quickStartBase() {
    return WebSocketApp.on("ws.example.com")
        .name("websocket-ingress")
        .path("/")
        .service("websocket-service", 8080)
        .timeout(3600);
  }

  /**
   * Seed 000 "WebSocket Configuration", as written: cookie affinity together with {@code
   * upstream-hash-by: $remote_addr} (dead: the balancer picks the cookie first) and the 3600 s
   * connect timeout. {@code build()} refuses the two affinities.
   */
  public static WebSocketApp.Builder fullIngressAsWritten() {
    return fullIngressBase()
        .connectTimeout(Duration.ofSeconds(3600))
        .stickySessions(Affinity.clientIp());
  }

  /**
   * The full annotated Ingress, corrected: cookie affinity only, connect timeout left at its
   * default, CORS credentials off (the seed's "*" origin with ingress-nginx's default credentials
   * true is refused by browsers), no redundant force-ssl-redirect or default backend-protocol.
   */
  public static WebSocketApp fullIngress() {
    return fullIngressBase().build();
  }

  private static WebSocketApp.Builder fullIngressBase() {
    return WebSocketApp.on("ws.example.com")
        .name("websocket-ingress")
        .namespace("default")
        .path("/ws")
        .service("websocket-service", 8080)
        .timeout(3600)
        .stickySessions(
            Affinity.cookie("ws-server").maxAge(Duration.ofSeconds(86400)).path("/").persistent())
        .tls(Tls.secret("websocket-tls"))
        .rateLimit(RateLimit.handshakesPerSecond(10))
        .maxConnectionsPerClient(100)
        .cors(
            Cors.allowOrigins("*")
                .allowMethods("GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS")
                .allowHeaders(
                    "DNT",
                    "Keep-Alive",
                    "User-Agent",
                    "X-Requested-With",
                    "If-Modified-Since",
                    "Cache-Control",
                    "Content-Type",
                    "Range",
                    "Authorization")
                .maxAge(Duration.ofSeconds(1728000)));
  }

  /**
   * Seed 000 "ConfigMap for Global Settings", corrected: the ConfigMap the controller reads (not
   * {@code nginx-configuration}); {@code proxy-buffers: '8 4k'} and {@code worker-connections} are
   * F5 NGINX Ingress Controller keys, here {@code proxy-buffers-number} and {@code
   * max-worker-connections}; {@code ssl-prefer-server-ciphers} no longer exists (it is always on);
   * the deprecated {@code http2-max-field-size}/{@code -header-size} become {@code
   * large-client-header-buffers}.
   */
  public static Nginx.ControllerConfig globalConfigMap() {
    return Nginx.ControllerConfig.in("ingress-nginx", "ingress-nginx-controller")
        .proxyReadTimeout(Duration.ofSeconds(3600))
        .proxySendTimeout(Duration.ofSeconds(3600))
        .proxyConnectTimeout(Duration.ofSeconds(30))
        .proxyBufferSize("4k")
        .proxyBuffersNumber(8)
        .proxyBusyBuffersSize("8k")
        .proxyMaxTempFileSize("1024m")
        .upstreamKeepalive(320, 10000, Duration.ofSeconds(60))
        .workerProcessesAuto()
        .maxWorkerConnections(10240)
        .limitStatusCodes(429)
        .logFormatUpstream(
            "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent"
                + " \"$http_referer\" \"$http_user_agent\" \"$http_x_forwarded_for\""
                + " $proxy_upstream_name $upstream_addr $upstream_response_length"
                + " $upstream_response_time $upstream_status $req_id")
        .sslProtocols("TLSv1.2", "TLSv1.3")
        .sslCiphers("ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256")
        .useHttp2(true)
        .largeClientHeaderBuffers(4, "16k");
  }

  /**
   * Seed 000 "Installation" with Helm: {@code controller.config.*} values end up in the ConfigMap
   * named {@code <release>-ingress-nginx-controller}, here release {@code nginx-ingress}.
   */
  public static Nginx.ControllerConfig helmInstallValues() {
    return Nginx.ControllerConfig.in("ingress-nginx", "nginx-ingress-ingress-nginx-controller")
        .proxyReadTimeout(Duration.ofSeconds(3600))
        .proxySendTimeout(Duration.ofSeconds(3600))
        .useProxyProtocol(false);
  }

  /** Seed 000 "Custom Server Snippets", verbatim: refused by {@link Nginx#rawServerSnippet}. */
  public static final String SERVER_SNIPPET =
      "location ~* /ws {\n"
          + "  proxy_set_header Upgrade $http_upgrade;\n"
          + "  proxy_set_header Connection \"upgrade\";\n"
          + "  proxy_http_version 1.1;\n"
          + "  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n"
          + "  proxy_set_header Host $host;\n"
          + "  proxy_cache_bypass $http_upgrade;\n"
          + "  \n"
          + "  # WebSocket specific\n"
          + "  proxy_buffering off;\n"
          + "  proxy_request_buffering off;\n"
          + "  \n"
          + "  # Timeouts\n"
          + "  proxy_connect_timeout 7d;\n"
          + "  proxy_send_timeout 7d;\n"
          + "  proxy_read_timeout 7d;\n"
          + "}\n";

  /**
   * What the server snippet meant, typed: ingress-nginx already sends the Upgrade and Connection
   * headers and HTTP/1.1; buffering is off by default; the 7-day read/send timeouts are the idle
   * timeout; the 7-day connect timeout is dropped (nginx honours at most 75 s).
   */
  public static WebSocketApp serverSnippetIntent() {
    return WebSocketApp.on("ws.example.com")
        .name("websocket-ingress")
        .path("/ws")
        .service("websocket-service", 8080)
        .timeout(Duration.ofDays(7))
        .build();
  }

  /** Seed 001 (ACK): the echo server's Ingress {@code ws} with read/send timeouts of 3600 s. */
  public static WebSocketApp ackIngress() {
    return ackBase().build();
  }

  /** Seed 001 (ACK) after "kubectl patch ingress ws" adds TLS with {@code nginx-ingress-tls}. */
  public static WebSocketApp ackIngressWithTls() {
    return ackBase().tls(Tls.secret("nginx-ingress-tls").hosts("test.example.com")).build();
  }

  private static WebSocketApp.Builder ackBase() {
    return WebSocketApp.on("test.example.com")
        .name("ws")
        .namespace("default")
        .label("app", "ws")
        .path("/")
        .service("websocket-server", 3000)
        .timeout(3600);
  }
}
