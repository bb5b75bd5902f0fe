package dev.wsingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Several routes with their own backends, plain HTTP routes and prefix rewrites (issue 13). */
class RouteTest {

  private static WebSocketApp threeBackends() {
    return WebSocketApp.on("chat.example.com")
        .path("/ws")
        .service("chat-ws", 8080)
        .route(Route.http("/api").to("chat-api", 80).requestTimeout(Duration.ofSeconds(30)))
        .route(Route.websocket("/notify").to("notify", "http").rewriteTo("/ws"))
        .route(Route.http("/").to("frontend", 80))
        .build();
  }

  @Test
  void every_route_has_its_backend_and_kind() {
    WebSocketApp app = threeBackends();

    assertThat(app.routes()).hasSize(4);
    assertThat(app.routes())
        .extracting(Route::toString)
        .containsExactly(
            "WEBSOCKET PREFIX /ws -> chat-ws:8080",
            "HTTP PREFIX /api -> chat-api:80",
            "WEBSOCKET PREFIX /notify -> notify:http (rewrite to /ws)",
            "HTTP PREFIX / -> frontend:80");
    Route api = app.routes().get(1);
    assertThat(api.isWebSocket()).isFalse();
    assertThat(api.kind()).isEqualTo(Route.Kind.HTTP);
    assertThat(api.requestTimeout()).contains(Duration.ofSeconds(30));
    assertThat(api.buffering()).isEmpty();
    assertThat(api.backend().orElseThrow().port()).isEqualTo(OptionalInt.of(80));
    RouteBackend notify = app.routes().get(2).backend().orElseThrow();
    assertThat(notify.serviceName()).isEqualTo("notify");
    assertThat(notify.port()).isEmpty();
    assertThat(notify.portName()).contains("http");
    assertThat(app.routes().get(2).rewrite()).contains("/ws");
    assertThat(app.serviceName()).isEqualTo("chat-ws");
  }

  @Test
  void routes_without_a_backend_use_the_apps_service_and_follow_it_in_a_copy() {
    WebSocketApp app =
        WebSocketApp.on("chat.example.com")
            .path("/ws")
            .exactPath("/health")
            .route(Route.http("/api").to("chat-api", 80))
            .service("chat-ws", 8080)
            .build();

    WebSocketApp moved = app.toBuilder().service("chat-ws-v2", "ws").build();

    assertThat(app.routes())
        .extracting(r -> r.backend().orElseThrow().toString())
        .containsExactly("chat-ws:8080", "chat-ws:8080", "chat-api:80");
    assertThat(moved.routes())
        .extracting(r -> r.backend().orElseThrow().toString())
        .containsExactly("chat-ws-v2:ws", "chat-ws-v2:ws", "chat-api:80");
    assertThat(moved.toBuilder().build()).isEqualTo(moved);
  }

  @Test
  void route_values_are_immutable_copies() {
    Route base = Route.http("/api");
    Route exact = base.exact();
    Route buffered = base.buffering(true);

    assertThat(base.match()).isEqualTo(Route.Match.PREFIX);
    assertThat(exact.match()).isEqualTo(Route.Match.EXACT);
    assertThat(base.buffering()).isEmpty();
    assertThat(buffered.buffering()).contains(true);
    assertThat(base.backend()).isEqualTo(Optional.empty());
    assertThat(Route.websocket("/ws").isWebSocket()).isTrue();
    assertThat(base.rewriteTo("/v1").rewriteTo(null).rewrite()).isEmpty();
  }

  @Test
  void a_plain_route_may_set_buffering_and_a_request_timeout() {
    WebSocketApp app =
        WebSocketApp.on("chat.example.com")
            .service("chat-ws", 8080)
            .path("/ws")
            .route(Route.http("/upload").to("uploads", 80).buffering(true).exact())
            .build();

    Route upload = app.routes().get(1);
    assertThat(upload.match()).isEqualTo(Route.Match.EXACT);
    assertThat(upload.buffering()).contains(true);
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        bad(
            "same path and match twice",
            b -> b.path("/ws").route(Route.http("/ws").to("api", 80)),
            "routes[1].path = \"/ws\": must not repeat another route's path with the same match on"
                + " the app's hosts. Fix: remove the duplicate, or give one of them an exact"
                + " match."),
        bad(
            "rewrite on an exact route",
            b -> b.route(Route.websocket("/ws").exact().rewriteTo("/")),
            "routes[0].rewriteTo = \"/\": replaces a matched prefix, and an exact route has no"
                + " prefix to replace. Fix: make the route a prefix route, or drop the rewrite."),
        bad(
            "rewrite to the same path",
            b -> b.route(Route.websocket("/ws").rewriteTo("/ws")),
            "routes[0].rewriteTo = \"/ws\": must differ from the route's path (it would change"
                + " nothing). Fix: drop the rewrite."),
        bad(
            "rewrite to a relative path",
            b -> b.route(Route.websocket("/ws").rewriteTo("ws")),
            "routes[0].rewriteTo = \"ws\": must be an absolute URL path of letters, digits and . _"
                + " ~ ! & + , = : @ / -, or %XX escapes. Fix: start it with '/', as in \"/ws\"."),
        bad(
            "backend service that is not a name",
            b -> b.route(Route.http("/api").to("Chat_API", 80)).path("/ws"),
            "routes[0].backend.service = \"Chat_API\": must be an RFC 1035 label: a-z, 0-9 and"
                + " '-', starting with a letter and ending with a letter or digit, at most 63"
                + " characters. Fix: use only a-z, 0-9 and '-', as in \"chat-api\"."),
        bad(
            "backend port out of range",
            b -> b.route(Route.http("/api").to("api", 70000)).path("/ws"),
            "routes[0].backend.port = 70000: must be a port number from 1 to 65535. Fix: use the"
                + " Service's port."),
        bad(
            "backend port name null",
            b -> b.route(Route.http("/api").to("api", (String) null)).path("/ws"),
            "routes[0].backend.portName = \"\": is required. Fix: give the port's name, such as"
                + " \"http-ws\"."),
        bad(
            "request timeout on a WebSocket route",
            b -> b.route(Route.websocket("/ws").requestTimeout(Duration.ofSeconds(30))),
            "routes[0].requestTimeout = 30s: is a deadline for the whole exchange, which would cut"
                + " open WebSockets. Fix: use the app's .timeout(...) (an idle timeout) for"
                + " WebSocket routes."),
        bad(
            "request timeout of a fraction",
            b -> b.path("/ws").route(Route.http("/api").requestTimeout(Duration.ofMillis(1500))),
            "routes[1].requestTimeout = PT1.5S: must be whole seconds from 1s to 1d. Fix: round it"
                + " to whole seconds (ingress-nginx accepts only integer seconds)."),
        bad(
            "buffering on a WebSocket route",
            b -> b.route(Route.websocket("/ws").buffering(true)),
            "routes[0].buffering = true: applies to plain HTTP routes; WebSocket routes use the"
                + " app's buffering settings. Fix: use .responseBuffering(...) /"
                + " .requestBuffering(...) on the app."),
        bad(
            "only plain routes",
            b -> b.route(Route.http("/api")),
            "routes = null: has no WebSocket route: every route is plain HTTP. Fix: add one with"
                + " .path(\"/ws\") or .route(Route.websocket(\"/ws\"))."),
        bad(
            "a null route",
            b -> b.path("/ws").route(null),
            "routes[1] = null: is required. Fix: pass a route such as"
                + " Route.http(\"/api\").to(\"api\", 80)."));
  }

  private static Arguments bad(
      String description, UnaryOperator<WebSocketApp.Builder> spec, String problem) {
    return Arguments.of(description, spec, problem);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void build_rejects_with_field_value_rule_and_fix(
      String description, UnaryOperator<WebSocketApp.Builder> spec, String expected) {
    WebSocketApp.Builder builder =
        spec.apply(WebSocketApp.on("chat.example.com").service("ws", 80));

    InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, builder::build);

    assertThat(e).as(description).isNotNull();
    assertThat(e.problems()).extracting(Problem::toString).containsExactly(expected);
  }
}
