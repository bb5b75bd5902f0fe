package dev.wsingress;

import java.time.Duration;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One path of the app and where it goes: a <em>WebSocket route</em> (the default), which gets the
 * app's WebSocket settings (idle timeouts, sticky sessions, per-client connection limit, handshake
 * rate limit, buffering off), or a <em>plain HTTP route</em> beside it, which keeps each
 * controller's defaults unless the route gives settings of its own. A route names its own backend
 * Service, or uses the app's {@link WebSocketApp.Builder#service(String, int) service}.
 *
 * <pre>{@code
 * WebSocketApp.on("chat.example.com")
 *     .path("/ws").service("chat-ws", 8080)                 // the WebSocket route
 *     .route(Route.http("/api").to("chat-api", 80).requestTimeout(Duration.ofSeconds(30)))
 *     .route(Route.websocket("/notify").to("notify", "http").rewriteTo("/ws"))
 *     .route(Route.http("/").to("frontend", 80))
 *     .build();
 * }</pre>
 *
 * <p>Values are immutable; every method returns a changed copy and accepts anything: {@link
 * WebSocketApp.Builder#build()} validates the routes with the rest of the app. On a built app every
 * route has its {@link #backend()}.
 */
@Value.Immutable
public abstract class Route {
  Route() {}

  /** How a request path is compared with the route's path. */
  public enum Match {
    /** The path and everything below it, by whole segments ({@code /ws} matches {@code /ws/a}). */
    PREFIX,
    /** Exactly this path. */
    EXACT
  }

  /** What the route carries. */
  public enum Kind {
    /** WebSocket upgrades: the app's WebSocket settings apply. */
    WEBSOCKET,
    /** Plain HTTP requests: the controller's defaults, or the route's own settings. */
    HTTP
  }

  /** A WebSocket route for {@code path} and everything below it (whole segments). */
  public static Route websocket(String path) {
    return of(path, Match.PREFIX, Kind.WEBSOCKET);
  }

  /** A plain HTTP route for {@code path} and everything below it (whole segments). */
  public static Route http(String path) {
    return of(path, Match.PREFIX, Kind.HTTP);
  }

  static Route of(String path, Match match) {
    return of(path, match, Kind.WEBSOCKET);
  }

  static Route of(String path, Match match, Kind kind) {
    return ImmutableRoute.builder().path(path).match(match).kind(kind).build();
  }

  /** The path, starting with {@code /}. */
  public abstract String path();

  /** Prefix or exact match. */
  public abstract Match match();

  /** WebSocket or plain HTTP. */
  public abstract Kind kind();

  /**
   * The Service and port the route goes to: the one given with {@link #to}, else (on a built app)
   * the app's service.
   */
  public abstract Optional<RouteBackend> backend();

  /**
   * The prefix that replaces the matched {@link #path()} before the request reaches the backend
   * (the rest of the path is kept, as the Gateway API's {@code ReplacePrefixMatch}); empty keeps
   * the path as it is.
   */
  public abstract Optional<String> rewrite();

  /**
   * A deadline for each plain HTTP request (not for WebSocket routes, where it would cut open
   * sockets); empty keeps the controller's default.
   */
  public abstract Optional<Duration> requestTimeout();

  /**
   * Whether the proxy buffers this plain HTTP route's requests and responses; empty keeps the
   * controller's default. WebSocket routes use the app's {@link WebSocketApp#responseBuffering()}
   * and {@link WebSocketApp#requestBuffering()}.
   */
  public abstract Optional<Boolean> buffering();

  /** Whether this is a WebSocket route. */
  public boolean isWebSocket() {
    return kind() == Kind.WEBSOCKET;
  }

  /** Matches exactly {@link #path()}, nothing below it. */
  public Route exact() {
    return ImmutableRoute.copyOf(this).withMatch(Match.EXACT);
  }

  /** Sends the route to {@code service}'s port {@code port}. */
  public Route to(String service, int port) {
    return ImmutableRoute.copyOf(this).withBackend(RouteBackend.of(service, port, null));
  }

  /** Sends the route to {@code service}'s port named {@code portName}. */
  public Route to(String service, String portName) {
    // A null name is kept as "" so build() reports it under the route's backend port name.
    return ImmutableRoute.copyOf(this)
        .withBackend(RouteBackend.of(service, null, portName == null ? "" : portName));
  }

  /**
   * Replaces the matched prefix with {@code prefix} before the request reaches the backend: {@code
   * Route.websocket("/notifications/ws").rewriteTo("/ws")} sends {@code /notifications/ws/a} as
   * {@code /ws/a}; {@code rewriteTo("/")} strips the prefix. Prefix routes only.
   */
  public Route rewriteTo(String prefix) {
    return ImmutableRoute.copyOf(this).withRewrite(Optional.ofNullable(prefix));
  }

  /** A deadline for each request of this plain HTTP route, in whole seconds. */
  public Route requestTimeout(Duration timeout) {
    return ImmutableRoute.copyOf(this).withRequestTimeout(Optional.ofNullable(timeout));
  }

  /** Buffers this plain HTTP route's requests and responses at the proxy, or not. */
  public Route buffering(boolean on) {
    return ImmutableRoute.copyOf(this).withBuffering(on);
  }

  Route withoutBackend() {
    return ImmutableRoute.copyOf(this).withBackend(Optional.empty());
  }

  Route withDefaultBackend(RouteBackend fallback) {
    return backend().isPresent() ? this : ImmutableRoute.copyOf(this).withBackend(fallback);
  }

  /** {@code WEBSOCKET PREFIX /ws -> chat-ws:8080}, for messages and debugging. */
  @Override
  public String toString() {
    return kind()
        + " "
        + match()
        + " "
        + path()
        + backend().map(b -> " -> " + b).orElse("")
        + rewrite().map(r -> " (rewrite to " + r + ")").orElse("");
  }
}
