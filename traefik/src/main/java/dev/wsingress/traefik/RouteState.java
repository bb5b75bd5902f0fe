package dev.wsingress.traefik;

import dev.wsingress.Affinity;
import dev.wsingress.BackendProtocol;
import dev.wsingress.Cors;
import dev.wsingress.Manifest;
import dev.wsingress.RateLimit;
import dev.wsingress.ServedBackend;
import dev.wsingress.ServedRoute;
import dev.wsingress.Setting;
import dev.wsingress.Source;
import dev.wsingress.Tls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What one Traefik router does, gathered from its object, its Middlewares, its services and their
 * ServersTransports before the served routes are built; findings that apply only to WebSocket
 * routes wait here until the route knows whether it is one.
 */
final class RouteState {

  /**
   * traefik v3.7.9 pkg/server/server_entrypoint_tcp.go hands {@code respondingTimeouts} to Go's
   * {@code http.Server} (ReadTimeout, WriteTimeout, IdleTimeout); the default proxy, Go's {@code
   * httputil.ReverseProxy} (pkg/proxy/httputil/proxy.go), hijacks the connection on {@code 101} and
   * copies both ways without deadlines, and Go's {@code (*conn).hijackLocked} clears the
   * connection's deadlines ({@code rwc.SetDeadline(time.Time{})}). No router, service or
   * ServersTransport option bounds an open upgraded socket (see {@code
   * TRAEFIK-ENTRYPOINT-TIMEOUTS}).
   */
  static final String NO_IDLE_TIMEOUT =
      "traefik v3.7.9 pkg/server/server_entrypoint_tcp.go and pkg/proxy/httputil/proxy.go, Go"
          + " net/http (*conn).hijackLocked: no deadline on an upgraded socket";

  /** traefik v3.7.9 pkg/config/dynamic/http_config.go ForwardingTimeouts.SetDefaults. */
  static final String DIAL_TIMEOUT =
      "traefik v3.7.9 pkg/config/dynamic/http_config.go (ForwardingTimeouts.SetDefaults:"
          + " DialTimeout 30s)";

  /**
   * traefik v3.7.9 pkg/server/service/smart_roundtripper.go: a request with {@code Connection:
   * Upgrade} always goes over HTTP/1.1, whatever the scheme; the reverse proxy forwards the
   * upgrade.
   */
  static final String UPGRADE =
      "traefik v3.7.9 pkg/server/service/smart_roundtripper.go (upgrades over HTTP/1.1) and"
          + " pkg/proxy/httputil/proxy.go";

  /** traefik v3.7.9 pkg/config/dynamic/http_config.go DefaultFlushInterval (100ms, streaming). */
  static final String NO_BUFFERING =
      "traefik v3.7.9 pkg/config/dynamic/http_config.go (no buffering without the buffering"
          + " middleware; responses flushed every 100ms)";

  /** A path-changing Middleware of the route, read against each path the route matches. */
  record Rewrite(Manifest middleware, String type, com.fasterxml.jackson.databind.JsonNode spec) {}

  /** A finding that applies only when the route carries WebSocket traffic. */
  record Pending(Manifest about, TraefikFinding kind, Source at, String message, String once) {}

  Setting<RateLimit> rateLimit;
  Setting<Integer> maxConnectionsPerClient;
  Setting<Cors> cors;
  final List<Rewrite> rewrites = new ArrayList<>();
  Setting<Boolean> buffering;
  Setting<Affinity> affinity;
  Setting<BackendProtocol> backendProtocol;
  Setting<Duration> connectTimeout;
  Setting<Tls> tls;
  boolean redirects;
  final List<ServedBackend> backends = new ArrayList<>();
  final List<Pending> webSocketOnly = new ArrayList<>();

  // For the converter.

  /** The CA Secret a ServersTransport verifies the backend with. */
  Setting<String> backendCaSecret;

  /** Why the route is a WebSocket route by a mark only wsingress's writer sets (or null). */
  String webSocketMarker;

  /** The target options the route's Middlewares imply ({@link Traefik#circuitBreaker} …). */
  String circuitBreaker;

  Integer clientIpDepth;
  boolean securityHeaders;

  /** Marks of a release before v3.4: strategy RoundRobin, rootCAsSecrets. */
  boolean beforeP2c;

  /** The Middlewares, ServersTransports and TraefikServices the route takes, each once. */
  final List<Manifest> consumed = new ArrayList<>();

  void consumed(Manifest m) {
    for (Manifest c : consumed) {
      if (c == m) {
        return;
      }
    }
    consumed.add(m);
  }

  /** Puts the state into a route, with Traefik's defaults where nothing says otherwise. */
  void apply(ServedRoute.Builder b) {
    b.idleTimeout(Setting.byDefault(Duration.ZERO, NO_IDLE_TIMEOUT));
    b.upgrade(Setting.byDefault(true, UPGRADE));
    b.connectTimeout(
        connectTimeout != null
            ? connectTimeout
            : Setting.byDefault(Duration.ofSeconds(30), DIAL_TIMEOUT));
    b.responseBuffering(buffering != null ? buffering : Setting.byDefault(false, NO_BUFFERING));
    b.requestBuffering(buffering != null ? buffering : Setting.byDefault(false, NO_BUFFERING));
    backends.forEach(b::backend);
    if (rateLimit != null) {
      b.rateLimit(rateLimit);
    }
    if (maxConnectionsPerClient != null) {
      b.maxConnectionsPerClient(maxConnectionsPerClient);
    }
    if (cors != null) {
      b.cors(cors);
    }
    if (affinity != null) {
      b.affinity(affinity);
    }
    if (backendProtocol != null) {
      b.backendProtocol(backendProtocol);
    }
    if (tls != null) {
      b.tls(tls);
    }
    if (backendCaSecret != null) {
      b.backendCaSecret(backendCaSecret);
    }
    if (webSocketMarker != null) {
      b.webSocketEvidence(webSocketMarker);
    }
    consumed.forEach(b::alsoFrom);
  }

  /** Reports the pending WebSocket findings of a route (each once). */
  void reportWebSocket(ReadContext ctx, ServedRoute route) {
    if (!route.isWebSocket()) {
      return;
    }
    for (Pending p : webSocketOnly) {
      if (ctx.once(p.once())) {
        ctx.report(p.about(), p.kind(), p.at(), p.message());
      }
    }
  }
}
