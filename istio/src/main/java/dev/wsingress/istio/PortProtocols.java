package dev.wsingress.istio;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Set;

/**
 * How Istio decides a Service port's protocol, and what that means for a WebSocket: istio/istio
 * 1.30.3 pkg/config/kube/conversion.go ConvertProtocol. UDP ports are UDP; otherwise the port's
 * {@code appProtocol} replaces its name ({@code kubernetes.io/h2c} is HTTP2, {@code
 * kubernetes.io/ws} HTTP, {@code kubernetes.io/wss} HTTPS — since 1.24.0; 1.23.0 has only h2c), a
 * {@code grpc-web} prefix is gRPC-Web, and the text before the first {@code -} is parsed
 * case-insensitively (pkg/config/protocol/instance.go Parse: tcp, udp, grpc, grpc-web, http,
 * http_proxy, http2, https, tls, mongo, redis, mysql); anything else is "unsupported", which the
 * sidecars sniff, except the well-known ports 25, 53, 3306 and 27017, which are TCP.
 */
final class PortProtocols {
  private PortProtocols() {}

  /** What a port's protocol means for WebSocket traffic. */
  enum Kind {
    /** HTTP/1.1 (http, http_proxy): the upgrade is handled as HTTP. */
    HTTP,
    /**
     * HTTP/2 to the pod (http2, grpc, grpc-web; pkg/config/protocol/instance.go IsHTTP2):
     * pilot/pkg/networking/core/cluster_builder.go setUpstreamProtocol gives the cluster HTTP/2
     * options.
     */
    HTTP2,
    /** TCP or TLS (tcp, https, tls, mongo, redis, mysql; instance.go IsTCP): opaque to sidecars. */
    TCP,
    /** Unsupported: the sidecars sniff the protocol (instance.go IsHTTPOrSniffed). */
    SNIFFED,
    /** UDP: no WebSocket. */
    UDP
  }

  private static final Set<Integer> WELL_KNOWN_TCP = Set.of(25, 53, 3306, 27017);

  /** The protocol Istio gives a {@code spec.ports[]} entry of a Service, as Istio names it. */
  static String protocol(JsonNode port) {
    if (port.path("protocol").asText("TCP").equals("UDP")) {
      return "UDP";
    }
    String name = port.path("name").asText("");
    JsonNode app = port.get("appProtocol");
    if (app != null && app.isTextual()) {
      name = app.asText();
      switch (name) {
        case "kubernetes.io/h2c":
          return "HTTP2";
        case "kubernetes.io/ws":
          return "HTTP";
        case "kubernetes.io/wss":
          return "HTTPS";
        default:
          break;
      }
    }
    if (name.length() >= 8 && name.substring(0, 8).equalsIgnoreCase("grpc-web")) {
      return "GRPC-Web";
    }
    int dash = name.indexOf('-');
    String prefix = (dash >= 0 ? name.substring(0, dash) : name).toLowerCase(Locale.ROOT);
    switch (prefix) {
      case "tcp":
        return "TCP";
      case "udp":
        return "UDP";
      case "grpc":
        return "GRPC";
      case "http":
        return "HTTP";
      case "http_proxy":
        return "HTTP_PROXY";
      case "http2":
        return "HTTP2";
      case "https":
        return "HTTPS";
      case "tls":
        return "TLS";
      case "mongo":
        return "Mongo";
      case "redis":
        return "Redis";
      case "mysql":
        return "MySQL";
      default:
        return WELL_KNOWN_TCP.contains(port.path("port").asInt(-1)) ? "TCP" : "UnsupportedProtocol";
    }
  }

  /** What the protocol means for a WebSocket on the port. */
  static Kind kind(String protocol) {
    switch (protocol) {
      case "HTTP":
      case "HTTP_PROXY":
        return Kind.HTTP;
      case "HTTP2":
      case "GRPC":
      case "GRPC-Web":
        return Kind.HTTP2;
      case "UDP":
        return Kind.UDP;
      case "UnsupportedProtocol":
        return Kind.SNIFFED;
      default:
        return Kind.TCP;
    }
  }

  /** Where the protocol comes from, for messages: {@code appProtocol "x"} or {@code name "x"}. */
  static String origin(JsonNode port) {
    JsonNode app = port.get("appProtocol");
    if (app != null && app.isTextual()) {
      return "appProtocol \"" + app.asText() + "\"";
    }
    return port.hasNonNull("name")
        ? "name \"" + port.path("name").asText() + "\""
        : "port " + port.path("port").asText("?") + " without a name";
  }
}
