package dev.wsingress.istio;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsingress.Affinity;
import dev.wsingress.ClientIpAffinity;
import dev.wsingress.Manifest;
import dev.wsingress.Manifests;
import dev.wsingress.Reading;
import dev.wsingress.ServedBackend;
import dev.wsingress.ServedRoute;
import dev.wsingress.Setting;
import dev.wsingress.Tls;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What every route Istio serves gets from its destination's traffic policy and from Istio's
 * defaults, and the rules that judge a WebSocket route: shared by VirtualServices and Ingresses.
 */
final class RouteRules {

  /** The stream idle timeout: none. */
  static final String STREAM_IDLE_DEFAULT =
      "istio/istio 1.30.3 pilot/pkg/networking/core/listener_builder.go"
          + " buildHTTPConnectionManager (StreamIdleTimeout 0 on every HTTP connection manager,"
          + " gateways and sidecars)";

  /** No route timeout unless the route sets one. */
  static final String ROUTE_TIMEOUT_DEFAULT =
      "istio/istio 1.30.3 pilot/pkg/networking/core/route/route.go setTimeout (Notimeout when the"
          + " route sets none)";

  /** Every HTTP connection manager forwards WebSocket upgrades. */
  static final String UPGRADE_DEFAULT =
      "istio/istio 1.30.3 pilot/pkg/networking/core/listener_builder.go"
          + " buildHTTPConnectionManager (UpgradeConfigs websocket)";

  /** Istio adds no buffer filter. */
  static final String BUFFERING_DEFAULT =
      "istio/istio 1.30.3: no pilot/pkg/networking code adds envoy.filters.http.buffer"
          + " (pkg/wellknown/wellknown.go names it for EnvoyFilters only), so Envoy streams";

  private final Manifests in;
  private final Reading out;
  private final Set<String> once = new HashSet<>();

  RouteRules(Manifests in, Reading out) {
    this.in = in;
    this.out = out;
  }

  Manifests input() {
    return in;
  }

  Reading output() {
    return out;
  }

  /** Whether wsingress rendered the object ({@code app.kubernetes.io/managed-by: wsingress}). */
  static boolean managed(Manifest m) {
    return m.label("app.kubernetes.io/managed-by").map("wsingress"::equals).orElse(false);
  }

  /** Whether a finding keyed so has not been reported yet (and marks it reported). */
  boolean first(String key) {
    return once.add(key);
  }

  /**
   * The settings of a route from its destination's policy and Istio's defaults. Affinity only for a
   * single destination: istio/istio 1.30.3 route.go applyHTTPRouteDestination sets a hash policy
   * only when the route has one destination.
   */
  static void settings(
      ServedRoute.Builder b,
      DestinationRuleReader.Policy p,
      boolean single,
      Optional<Setting<Tls>> tls,
      Setting<Duration> requestTimeout) {
    b.idleTimeout(DestinationRuleReader.idleTimeout(p))
        .requestTimeout(requestTimeout)
        .connectTimeout(DestinationRuleReader.connectTimeout(p))
        .upgrade(Setting.byDefault(true, UPGRADE_DEFAULT))
        .backendProtocol(DestinationRuleReader.backendProtocol(p))
        .responseBuffering(Setting.byDefault(false, BUFFERING_DEFAULT))
        .requestBuffering(Setting.byDefault(false, BUFFERING_DEFAULT));
    tls.ifPresent(b::tls);
    if (single) {
      DestinationRuleReader.affinity(p).ifPresent(b::affinity);
    }
    DestinationRuleReader.backendCaSecret(p).ifPresent(b::backendCaSecret);
    DestinationRuleReader.raisedIdle(p, ServedRoute.RAISED_TIMEOUT).ifPresent(b::webSocketEvidence);
    DestinationRuleReader.writerWebSocketPolicy(p).ifPresent(b::webSocketEvidence);
    if (p.rule() != null) {
      b.alsoFrom(p.rule().m());
    }
  }

  /**
   * Rules on the route's policy whatever its traffic: a gateway that hashes the source address, and
   * a credentialName sidecars ignore.
   */
  void policyRules(ServedRoute r, DestinationRuleReader.Policy p, boolean gateway, String host) {
    Optional<Setting<Affinity>> a = r.affinity();
    if (gateway && a.isPresent() && a.get().value() instanceof ClientIpAffinity) {
      DestinationRuleReader.Part lb = p.loadBalancer();
      if (first("peer " + lb.m().source(lb.pointer()))) {
        // istio/istio 1.30.3 route.go consistentHashToHashPolicy: useSourceIp is Envoy's
        // connection_properties.source_ip, the downstream peer's address (the writer's
        // ISTIO-CLIENT-IP-PEER has the sources).
        out.report(
            lb.m(),
            IstioFinding.CLIENT_IP_PEER,
            lb.m().source(lb.pointer() + "/consistentHash/useSourceIp"),
            "consistentHash.useSourceIp hashes the address of the gateway's downstream peer;"
                + " behind an L7 load balancer, or through a Service with externalTrafficPolicy:"
                + " Cluster (the gateway chart's default), that is the load balancer's or a"
                + " node's address, which many clients share, so all of them hash to the same"
                + " pod.");
      }
    }
    DestinationRuleReader.Part tls = p.tls();
    if (!gateway && tls != null && p.rule() != null && !p.rule().selector()) {
      String mode = tls.node().path("mode").asText("");
      if ((mode.equals("SIMPLE") || mode.equals("MUTUAL"))
          && tls.node().hasNonNull("credentialName")
          && first("credential " + tls.m().source(tls.pointer()))) {
        // istio/api 1.30.3 destination_rule.proto ClientTLSSettings.credentialName: "applicable
        // at sidecars only if DestinationRule has a workloadSelector"; istio/istio 1.30.3
        // pilot/pkg/networking/core/cluster_tls.go buildUpstreamClusterTLSContext returns no TLS
        // context for a sidecar then (audit P18).
        out.report(
            tls.m(),
            IstioFinding.DR_CREDENTIAL_SIDECAR,
            tls.m().source(tls.pointer() + "/credentialName"),
            "the sidecars that call "
                + host
                + " (the VirtualService binds the mesh) ignore tls.credentialName "
                + tls.node().path("credentialName").asText()
                + ", as this DestinationRule has no workloadSelector: they originate no TLS to"
                + " it with this rule.");
      }
    }
  }

  /** The rules that judge a WebSocket route. */
  void webSocketRules(
      ServedRoute r,
      DestinationRuleReader.Policy p,
      Manifest route,
      String timeoutPointer,
      String describe) {
    if (timeoutPointer != null) {
      JsonNode t = route.tree().at(timeoutPointer);
      Optional<java.time.Duration> d = DestinationRuleReader.duration(t);
      if (d.isPresent() && !d.get().isZero() && first("timeout " + route.source(timeoutPointer))) {
        // envoy source/common/router/router.cc Filter::onRequestComplete arms the route timeout
        // (response_timeout_) only when the downstream request has ended, which an upgraded
        // request does not while the socket is open; envoyproxy/envoy#41075 (September 2025,
        // runtime guard websocket_enable_timeout_on_upgrade_response, removed in #47245) makes it
        // cover the upgrade request, and source/common/router/upstream_codec_filter.cc disables
        // it on the 101 (disableRouteTimeoutForWebsocketUpgrade). No Envoy release tag was read.
        out.report(
            route,
            IstioFinding.WS_ROUTE_TIMEOUT,
            route.source(timeoutPointer),
            "timeout "
                + t.asText()
                + " on the WebSocket route "
                + describe
                + " is no idle timeout and does not end an open WebSocket: Envoy starts the"
                + " route timeout when the request has ended, which an upgraded request does not"
                + " while the socket is open (newer Envoy also times the handshake and turns the"
                + " timeout off at the 101); it limits only plain HTTP requests on the route.");
      }
    }
    for (ServedBackend b : r.backends()) {
      if (b.serviceObject().isEmpty() || b.servicePort().isEmpty()) {
        continue;
      }
      port(b.serviceObject().get(), b.servicePort().get(), describe);
    }
    DestinationRuleReader.Part pool = p.connectionPool();
    if (pool != null) {
      JsonNode http = pool.node().path("http");
      // istio/istio 1.30.3 pilot/pkg/networking/core/cluster_traffic_policy.go shouldH2Upgrade:
      // useClientProtocol: true keeps the client's protocol whatever h2UpgradePolicy says.
      if (http.path("h2UpgradePolicy").asText("").equals("UPGRADE")
          && !http.path("useClientProtocol").asBoolean(false)
          && first("h2 " + pool.m().source(pool.pointer()))) {
        // istio/api 1.30.3 destination_rule.proto H2UpgradePolicy UPGRADE: "Upgrade the connection
        // to http2"; a WebSocket over an HTTP/2 hop needs Envoy's allow_connect on the receiving
        // side, which istio/istio 1.30.3 sets only on waypoints (listener_waypoint.go;
        // istio/istio#27078, #33534).
        out.report(
            pool.m(),
            IstioFinding.H2_UPGRADE,
            pool.m().source(pool.pointer() + "/http/h2UpgradePolicy"),
            "h2UpgradePolicy: UPGRADE makes the hop to the pods HTTP/2 for the WebSocket route "
                + describe
                + ": the upgrade then goes out as an extended CONNECT (RFC 8441), which the pod's"
                + " sidecar refuses (Istio enables allow_connect only on waypoints), so the"
                + " handshake fails.");
      }
      cap(pool, "tcp", "maxConnections", "upstream connection", describe);
      cap(pool, "http", "http2MaxRequests", "active request", describe);
    }
  }

  private void cap(
      DestinationRuleReader.Part pool, String level, String field, String what, String describe) {
    JsonNode v = pool.node().path(level).get(field);
    if (v == null || !v.isIntegralNumber() || v.asLong() <= 0) {
      return;
    }
    String pointer = pool.pointer() + "/" + level + "/" + field;
    if (!first("cap " + pool.m().source(pointer))) {
      return;
    }
    // istio/istio 1.30.3 pilot/pkg/networking/core/cluster_traffic_policy.go applyConnectionPool:
    // tcp.maxConnections and http.http2MaxRequests become the cluster's circuit-breaker
    // MaxConnections and MaxRequests (default 2^32-1, getDefaultCircuitBreakerThresholds);
    // istio/api
    // destination_rule.proto: http2MaxRequests "is applicable to both HTTP/1.1 and HTTP2".
    out.report(
        pool.m(),
        IstioFinding.WS_CONNECTION_CAP,
        pool.m().source(pointer),
        level
            + "."
            + field
            + " "
            + v.asText()
            + " caps what each proxy sends to this host, and every open WebSocket of the route "
            + describe
            + " holds one "
            + what
            + " for its whole life: beyond "
            + v.asText()
            + " open sockets per proxy, new handshakes get 503 (circuit breaker overflow).");
  }

  private void port(Manifest svc, JsonNode port, String describe) {
    String protocol = PortProtocols.protocol(port);
    PortProtocols.Kind kind = PortProtocols.kind(protocol);
    if (kind == PortProtocols.Kind.HTTP
        || kind == PortProtocols.Kind.UDP
        || protocol.equals("HTTPS")
        || protocol.equals("TLS")) {
      // An https- or tls- port carries TLS the pod terminates: the right name for a wss://
      // backend (the writer's ISTIO-BACKEND-TLS-SIDECAR), whose TLS the sidecar passes on.
      return;
    }
    String pointer = pointerOf(svc, port);
    if (!first("port " + svc.source(pointer))) {
      return;
    }
    String which =
        "port " + port.path("port").asText("?") + " (" + PortProtocols.origin(port) + ")";
    String at = pointer + (port.has("appProtocol") ? "/appProtocol" : "/name");
    switch (kind) {
      case HTTP2:
        out.report(
            svc,
            IstioFinding.WS_PORT_HTTP2,
            svc.source(at),
            which
                + " is "
                + protocol
                + " to Istio, and the WebSocket route "
                + describe
                + " goes to it: the gateway and sidecars speak HTTP/2 to the pod (istio/istio"
                + " cluster_builder.go setUpstreamProtocol), so the upgrade goes out as an"
                + " extended CONNECT (RFC 8441), which the pod's sidecar refuses and few"
                + " applications accept.");
        break;
      case TCP:
        // istio/istio 1.30.3 pilot/pkg/networking/core/listener_inbound.go
        // buildInboundNetworkFilters: a TCP port's inbound chain is a tcp_proxy whose idle
        // timeout comes only from the proxy's ISTIO_META_IDLE_TIMEOUT; Envoy's tcp_proxy
        // idle_timeout defaults to 1 hour (api/envoy/extensions/filters/network/tcp_proxy/v3).
        out.report(
            svc,
            IstioFinding.WS_PORT_TCP,
            svc.source(at),
            which
                + " is "
                + protocol
                + " to Istio, and the WebSocket route "
                + describe
                + " goes to it: the pod's sidecar passes it as opaque TCP (no HTTP routing,"
                + " retries or metrics on that hop) and closes a connection silent for 1 h"
                + " (Envoy's tcp_proxy idle timeout), and in-mesh callers get no HTTP routes for"
                + " it.");
        break;
      default:
        out.report(
            svc,
            IstioFinding.WS_PORT_SNIFFED,
            svc.source(pointer),
            which
                + " has no protocol Istio knows, so the sidecars sniff it (istio/istio"
                + " pkg/config/kube/conversion.go: unsupported is sniffed): the HTTP/1.1 upgrade"
                + " of the WebSocket route "
                + describe
                + " is detected as HTTP and works, as long as sniffing stays on.");
        break;
    }
  }

  static String pointerOf(Manifest svc, JsonNode port) {
    JsonNode ports = svc.tree().path("spec").path("ports");
    for (int i = 0; i < ports.size(); i++) {
      if (ports.get(i) == port) {
        return "/spec/ports/" + i;
      }
    }
    return "/spec/ports";
  }

  /** The backends of a list, for messages. */
  static String describe(List<ServedBackend> backends) {
    StringBuilder b = new StringBuilder();
    for (ServedBackend s : backends) {
      b.append(b.length() == 0 ? "" : ", ").append(s.describe());
    }
    return b.toString();
  }
}
