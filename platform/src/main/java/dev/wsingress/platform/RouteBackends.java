package dev.wsingress.platform;

import dev.wsingress.Route;
import dev.wsingress.RouteBackend;
import dev.wsingress.WebSocketApp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The app's routes as the platform kit sees them: the routes to the app's own Service ({@link
 * WebSocketApp#serviceName()}), whose Service and pods it renders, and the routes to Services that
 * belong to others, which the edge objects only reference. A route is the app's own when it names
 * the app's Service, whatever port it gives (the Service is one object per name in the namespace).
 */
final class RouteBackends {
  private RouteBackends() {}

  /** Whether {@code route} goes to the app's own Service. */
  static boolean isOwn(WebSocketApp app, Route route) {
    return route.backend().orElseThrow().serviceName().equals(app.serviceName());
  }

  /** Whether a WebSocket route goes to the app's own Service (the WebSocket settings apply). */
  static boolean ownServesWebSocket(WebSocketApp app) {
    return firstWebSocket(app, true).isPresent();
  }

  /**
   * The first WebSocket route, in the order given; with {@code ownOnly}, the first to the app's own
   * Service.
   */
  static Optional<Route> firstWebSocket(WebSocketApp app, boolean ownOnly) {
    for (Route r : app.routes()) {
      if (r.isWebSocket() && (!ownOnly || isOwn(app, r))) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /**
   * Every backend of another Service, once, in the order the routes first name it, with the paths
   * of the routes that go to it: {@code chat-api:80 (/api)}.
   */
  static List<String> referenced(WebSocketApp app, boolean webSocketOnly) {
    Map<RouteBackend, List<String>> paths = new LinkedHashMap<>();
    for (Route r : app.routes()) {
      if (!isOwn(app, r) && (!webSocketOnly || r.isWebSocket())) {
        paths.computeIfAbsent(r.backend().orElseThrow(), b -> new ArrayList<>()).add(path(r));
      }
    }
    List<String> out = new ArrayList<>(paths.size());
    for (Map.Entry<RouteBackend, List<String>> e : paths.entrySet()) {
      out.add(e.getKey() + " (" + String.join(", ", e.getValue()) + ")");
    }
    return out;
  }

  /** The route's path as a finding names it: {@code /api}, or {@code /health (exact)}. */
  static String path(Route r) {
    return r.path() + (r.match() == Route.Match.EXACT ? " (exact)" : "");
  }

  /**
   * The path a request of {@code route} has when it reaches the backend: the rewritten prefix
   * (Gateway API {@code ReplacePrefixMatch} semantics) or the route's own path.
   */
  static String backendPath(Route route) {
    return route.rewrite().orElse(route.path());
  }
}
