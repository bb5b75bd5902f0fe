package dev.wsingress.assertj;

import static dev.wsingress.assertj.Fixtures.expectAssertionError;
import static dev.wsingress.assertj.Fixtures.message;
import static dev.wsingress.assertj.WsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.wsingress.Manifest;
import dev.wsingress.Manifests;
import dev.wsingress.RateLimit;
import dev.wsingress.ServedBackend;
import dev.wsingress.ServedRoute;
import dev.wsingress.Setting;
import dev.wsingress.testing.StandInReader;
import java.time.Duration;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every route assertion, passing and failing, with the exact message. The routes come from the
 * stand-in reader over {@code chat.yaml} and {@code plain.yaml}, and from {@link TestReader} for
 * what the stand-in cannot make.
 */
class RouteAssertTest {

  static final String WS =
      "Expecting route chat.example.com/ws (Ingress default/chat, k8s/chat.yaml:26:9,"
          + " served by test-reader)";
  static final String API =
      "Expecting route chat.example.com/api (Ingress default/chat-http, k8s/chat.yaml:52:9,"
          + " served by test-reader)";
  static final String DEFAULTS =
      "Expecting route defaults.example.com/chat (Ingress default/defaults,"
          + " k8s/plain.yaml:13:9, served by test-reader)";
  static final String IDLE =
      "Expecting route idle.example.com/ws (Ingress default/idle, k8s/plain.yaml:37:9,"
          + " served by test-reader)";
  static final String FOREVER =
      "Expecting route forever.example.com/ws (Ingress default/forever, k8s/plain.yaml:61:9,"
          + " served by test-reader)";

  /** The route {@link #custom} serves: from the first object of chat.yaml, its spec. */
  static final String CUSTOM =
      "Expecting route chat.example.com/ws (Ingress default/chat, k8s/chat.yaml:17:1,"
          + " served by nginx)";

  static RouteAssert<ManifestsAssert> ws() {
    return assertThat(Fixtures.read("chat"))
        .readBy(StandInReader.target())
        .route("chat.example.com", "/ws");
  }

  static RouteAssert<ManifestsAssert> api() {
    return assertThat(Fixtures.read("chat"))
        .readBy(StandInReader.target())
        .route("chat.example.com", "/api");
  }

  static RouteAssert<ManifestsAssert> plain(String host, String path) {
    return assertThat(Fixtures.read("plain")).readBy(StandInReader.target()).route(host, path);
  }

  static RouteAssert<ManifestsAssert> defaults() {
    return plain("defaults.example.com", "/chat");
  }

  static RouteAssert<ManifestsAssert> idle() {
    return plain("idle.example.com", "/ws");
  }

  static RouteAssert<ManifestsAssert> forever() {
    return plain("forever.example.com", "/ws");
  }

  /** A route of the target "nginx" with exactly the settings given, from chat.yaml's Ingress. */
  static RouteAssert<ManifestsAssert> custom(BiConsumer<Manifest, ServedRoute.Builder> settings) {
    return assertThat(Fixtures.read("chat"))
        .readBy(TestReader.serving("nginx", "chat.example.com", "/ws", settings))
        .route("chat.example.com", "/ws");
  }

  @Test
  void the_message_names_the_request_as_asked_and_the_path_entry_that_serves_it() {
    AssertionError e =
        expectAssertionError(
            () ->
                assertThat(Fixtures.read("chat"))
                    .readBy(StandInReader.target())
                    .route("chat.example.com", "/ws/room/7")
                    .isServedBy("nginx"));
    assertThat(e)
        .hasMessage(
            message(
                "Expecting route chat.example.com/ws/room/7 (Ingress default/chat,"
                    + " k8s/chat.yaml:26:9, served by test-reader)",
                "to be served by \"nginx\",",
                "but it is served by test-reader."));
  }

  @Test
  void and_returns_to_the_manifests() {
    ManifestsAssert parent = assertThat(Fixtures.read("chat")).readBy(StandInReader.target());
    assertThat(parent.route("chat.example.com", "/ws").and()).isSameAs(parent);
  }

  @Test
  void a_description_on_the_route_or_its_manifests_heads_the_message() {
    AssertionError own =
        expectAssertionError(() -> ws().describedAs("chat chart").isServedBy("nginx"));
    assertThat(own.getMessage()).startsWith("[chat chart] " + System.lineSeparator() + WS);
    AssertionError inherited =
        expectAssertionError(
            () ->
                assertThat(Fixtures.read("chat"))
                    .readBy(StandInReader.target())
                    .describedAs("helm output")
                    .route("chat.example.com", "/ws")
                    .isServedBy("nginx"));
    assertThat(inherited.getMessage()).startsWith("[helm output] " + System.lineSeparator() + WS);
  }

  @Test
  void an_overriding_message_replaces_it_as_in_assertj() {
    assertThat(
            expectAssertionError(
                () ->
                    ws().withFailMessage("the chart lost its timeout")
                        .hasIdleTimeoutAtMost(Duration.ofSeconds(1))))
        .hasMessage("the chart lost its timeout");
  }

  @Nested
  class IsServedBy {
    @Test
    void passes_for_the_serving_target() {
      ws().isServedBy("test-reader");
    }

    @Test
    void fails_for_another() {
      assertThat(expectAssertionError(() -> ws().isServedBy("nginx")))
          .hasMessage(
              message(WS, "to be served by \"nginx\",", "but it is served by test-reader."));
    }
  }

  @Nested
  class UpgradesToWebSocket {
    @Test
    void passes_for_a_websocket_route() {
      ws().upgradesToWebSocket();
      idle().upgradesToWebSocket();
    }

    @Test
    void fails_for_a_route_nothing_marks() {
      assertThat(expectAssertionError(() -> defaults().upgradesToWebSocket()))
          .hasMessage(
              message(
                  DEFAULTS,
                  "to carry WebSocket traffic,",
                  "but nothing in the input marks it as a WebSocket route; annotate Ingress"
                      + " default/defaults with wsingress.dev/websocket: \"true\" if it is one."));
    }

    @Test
    void fails_for_a_route_the_annotation_makes_plain() {
      assertThat(expectAssertionError(() -> api().upgradesToWebSocket()))
          .hasMessage(
              message(
                  API,
                  "to carry WebSocket traffic,",
                  "but the annotation wsingress.dev/websocket: \"false\" (k8s/chat.yaml:40:5)"
                      + " makes it a plain HTTP route."));
    }

    @Test
    void fails_when_the_controller_refuses_the_upgrade() {
      RouteAssert<ManifestsAssert> route =
          custom(
              (m, b) ->
                  b.webSocketEvidence("the test says so")
                      .upgrade(Setting.byDefault(false, "the test's upgrade reference")));
      assertThat(expectAssertionError(route::upgradesToWebSocket))
          .hasMessage(
              message(
                  CUSTOM,
                  "to carry WebSocket traffic,",
                  "but the controller does not forward the upgrade on it (controller default:"
                      + " the test's upgrade reference)."));
      custom(
              (m, b) ->
                  b.webSocketEvidence("the test says so").upgrade(Setting.of(true, m.source())))
          .upgradesToWebSocket();
    }
  }

  @Nested
  class IsPlainHttp {
    @Test
    void passes_for_a_plain_route() {
      api().isPlainHttp();
      defaults().isPlainHttp();
    }

    @Test
    void fails_for_a_websocket_route_and_says_why_it_is_one() {
      assertThat(expectAssertionError(() -> ws().isPlainHttp()))
          .hasMessage(
              message(
                  WS,
                  "to be a plain HTTP route,",
                  "but it is a WebSocket route: Service default/chat port 8080 has appProtocol"
                      + " kubernetes.io/ws."));
    }
  }

  @Nested
  class HasIdleTimeoutAtLeast {
    @Test
    void passes_with_the_read_timeout_where_there_is_no_idle_timeout() {
      ws().hasIdleTimeoutAtLeast(Duration.ofHours(1));
    }

    @Test
    void passes_with_the_idle_timeout_and_with_none() {
      idle().hasIdleTimeoutAtLeast(Duration.ofSeconds(30));
      forever().hasIdleTimeoutAtLeast(Duration.ofDays(365));
    }

    @Test
    void fails_with_the_read_timeout_and_its_source() {
      assertThat(expectAssertionError(() -> ws().hasIdleTimeoutAtLeast(Duration.ofHours(2))))
          .hasMessage(
              message(
                  WS,
                  "to keep idle WebSockets open for at least 2 h,",
                  "but it has no idle timeout of its own, and its read timeout is 1 h"
                      + " (k8s/chat.yaml:9:5)."));
    }

    @Test
    void fails_with_the_controller_default_and_its_reference() {
      assertThat(expectAssertionError(() -> defaults().hasIdleTimeoutAtLeast(Duration.ofHours(1))))
          .hasMessage(
              message(
                  DEFAULTS,
                  "to keep idle WebSockets open for at least 1 h,",
                  "but it has no idle timeout of its own, and its read timeout is 60 s (controller"
                      + " default: the stand-in reader's default)."));
    }

    @Test
    void fails_with_the_idle_timeout_even_when_the_read_timeout_is_longer() {
      assertThat(expectAssertionError(() -> idle().hasIdleTimeoutAtLeast(Duration.ofMinutes(1))))
          .hasMessage(
              message(
                  IDLE,
                  "to keep idle WebSockets open for at least 60 s,",
                  "but its idle timeout is 30 s (k8s/plain.yaml:27:5)."));
    }

    @Test
    void fails_with_a_controller_wide_value() {
      RouteAssert<ManifestsAssert> route =
          custom(
              (m, b) ->
                  b.idleTimeout(
                      Setting.controllerWide(Duration.ofSeconds(90), m.source("/metadata"))));
      assertThat(expectAssertionError(() -> route.hasIdleTimeoutAtLeast(Duration.ofMinutes(10))))
          .hasMessage(
              message(
                  CUSTOM,
                  "to keep idle WebSockets open for at least 10 min,",
                  "but its idle timeout is 90 s (controller-wide, k8s/chat.yaml:5:1)."));
    }

    @Test
    void fails_when_the_reader_reports_neither_timeout() {
      assertThat(
              expectAssertionError(
                  () -> custom((m, b) -> {}).hasIdleTimeoutAtLeast(Duration.ofSeconds(1))))
          .hasMessage(
              message(
                  CUSTOM,
                  "to keep idle WebSockets open for at least 1 s,",
                  "but the target nginx reports neither an idle nor a read timeout for it."));
    }

    @Test
    void refuses_a_duration_that_is_not_positive() {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> ws().hasIdleTimeoutAtLeast(Duration.ZERO))
          .withMessage("the duration must be positive: PT0S (for none, use hasNoRequestTimeout())");
      assertThatIllegalArgumentException()
          .isThrownBy(() -> ws().hasIdleTimeoutAtMost(Duration.ofSeconds(-1)));
    }
  }

  @Nested
  class HasIdleTimeoutAtMost {
    @Test
    void passes() {
      idle().hasIdleTimeoutAtMost(Duration.ofSeconds(30));
      ws().hasIdleTimeoutAtMost(Duration.ofHours(1));
    }

    @Test
    void fails_when_longer() {
      assertThat(expectAssertionError(() -> ws().hasIdleTimeoutAtMost(Duration.ofMinutes(5))))
          .hasMessage(
              message(
                  WS,
                  "to close idle WebSockets within 5 min,",
                  "but it has no idle timeout of its own, and its read timeout is 1 h"
                      + " (k8s/chat.yaml:9:5)."));
    }

    @Test
    void fails_when_there_is_none() {
      assertThat(expectAssertionError(() -> forever().hasIdleTimeoutAtMost(Duration.ofHours(1))))
          .hasMessage(
              message(
                  FOREVER,
                  "to close idle WebSockets within 1 h,",
                  "but it has no idle timeout (k8s/plain.yaml:51:5)."));
      RouteAssert<ManifestsAssert> readOnly =
          custom((m, b) -> b.readTimeout(Setting.of(Duration.ZERO, m.source("/metadata/name"))));
      assertThat(expectAssertionError(() -> readOnly.hasIdleTimeoutAtMost(Duration.ofHours(1))))
          .hasMessage(
              message(
                  CUSTOM,
                  "to close idle WebSockets within 1 h,",
                  "but it has no idle timeout of its own, and no read timeout"
                      + " (k8s/chat.yaml:6:3)."));
    }

    @Test
    void fails_when_the_reader_reports_neither_timeout() {
      assertThat(
              expectAssertionError(
                  () -> custom((m, b) -> {}).hasIdleTimeoutAtMost(Duration.ofHours(1))))
          .hasMessage(
              message(
                  CUSTOM,
                  "to close idle WebSockets within 1 h,",
                  "but the target nginx reports neither an idle nor a read timeout for it."));
    }
  }

  @Nested
  class ReadTimeout {
    @Test
    void at_least_passes_and_fails() {
      ws().hasReadTimeoutAtLeast(Duration.ofHours(1));
      forever().hasReadTimeoutAtLeast(Duration.ofHours(1));
      assertThat(expectAssertionError(() -> defaults().hasReadTimeoutAtLeast(Duration.ofHours(1))))
          .hasMessage(
              message(
                  DEFAULTS,
                  "to have a read timeout of at least 1 h,",
                  "but its read timeout is 60 s (controller default: the stand-in reader's"
                      + " default)."));
    }

    @Test
    void at_most_passes_and_fails() {
      defaults().hasReadTimeoutAtMost(Duration.ofMinutes(1));
      assertThat(expectAssertionError(() -> ws().hasReadTimeoutAtMost(Duration.ofMinutes(10))))
          .hasMessage(
              message(
                  WS,
                  "to have a read timeout of at most 10 min,",
                  "but its read timeout is 1 h (k8s/chat.yaml:9:5)."));
      assertThat(expectAssertionError(() -> forever().hasReadTimeoutAtMost(Duration.ofHours(1))))
          .hasMessage(
              message(
                  FOREVER,
                  "to have a read timeout of at most 1 h,",
                  "but it has no read timeout (k8s/plain.yaml:52:5)."));
    }

    @Test
    void fails_when_the_reader_reports_none() {
      assertThat(
              expectAssertionError(
                  () -> custom((m, b) -> {}).hasReadTimeoutAtLeast(Duration.ofHours(1))))
          .hasMessage(
              message(
                  CUSTOM,
                  "to have a read timeout of at least 1 h,",
                  "but the target nginx reports no read timeout for it."));
    }
  }

  @Nested
  class HasConnectTimeoutAtMost {
    @Test
    void passes() {
      ws().hasConnectTimeoutAtMost(Duration.ofSeconds(5));
    }

    @Test
    void fails_when_longer_none_or_unknown() {
      assertThat(expectAssertionError(() -> ws().hasConnectTimeoutAtMost(Duration.ofSeconds(2))))
          .hasMessage(
              message(
                  WS,
                  "to have a connect timeout of at most 2 s,",
                  "but its connect timeout is 5 s (k8s/chat.yaml:10:5)."));
      assertThat(
              expectAssertionError(() -> forever().hasConnectTimeoutAtMost(Duration.ofSeconds(5))))
          .hasMessage(
              message(
                  FOREVER,
                  "to have a connect timeout of at most 5 s,",
                  "but it has no connect timeout (k8s/plain.yaml:53:5)."));
      assertThat(
              expectAssertionError(() -> defaults().hasConnectTimeoutAtMost(Duration.ofSeconds(5))))
          .hasMessage(
              message(
                  DEFAULTS,
                  "to have a connect timeout of at most 5 s,",
                  "but the target test-reader reports no connect timeout for it."));
    }
  }

  @Nested
  class HasNoRequestTimeout {
    @Test
    void passes_without_one_and_with_no_timeout() {
      ws().hasNoRequestTimeout();
      custom((m, b) -> b.requestTimeout(Setting.of(Duration.ZERO, m.source())))
          .hasNoRequestTimeout();
    }

    @Test
    void fails_with_one() {
      assertThat(expectAssertionError(() -> api().hasNoRequestTimeout()))
          .hasMessage(
              message(
                  API,
                  "to have no request timeout,",
                  "but its request timeout is 30 s (k8s/chat.yaml:41:5)."));
    }
  }

  @Nested
  class Sticky {
    @Test
    void by_cookie() {
      ws().isStickyByCookie("ws-server");
      assertThat(expectAssertionError(() -> ws().isStickyByCookie("other")))
          .hasMessage(
              message(
                  WS,
                  "to be sticky by the cookie \"other\",",
                  "but it is sticky by cookie \"ws-server\" (k8s/chat.yaml:11:5)."));
      assertThat(expectAssertionError(() -> idle().isStickyByCookie("ws-server")))
          .hasMessage(
              message(
                  IDLE,
                  "to be sticky by the cookie \"ws-server\",",
                  "but it is sticky by client IP (k8s/plain.yaml:29:5)."));
      assertThat(expectAssertionError(() -> defaults().isStickyByCookie("ws-server")))
          .hasMessage(
              message(
                  DEFAULTS,
                  "to be sticky by the cookie \"ws-server\",",
                  "but it has no sticky sessions."));
    }

    @Test
    void by_client_ip() {
      idle().isStickyByClientIp();
      assertThat(expectAssertionError(() -> ws().isStickyByClientIp()))
          .hasMessage(
              message(
                  WS,
                  "to be sticky by client IP,",
                  "but it is sticky by cookie \"ws-server\" (k8s/chat.yaml:11:5)."));
    }

    @Test
    void by_header_ignoring_case() {
      forever().isStickyByHeader("x-session");
      assertThat(expectAssertionError(() -> forever().isStickyByHeader("X-User")))
          .hasMessage(
              message(
                  FOREVER,
                  "to be sticky by the header \"X-User\",",
                  "but it is sticky by header \"X-Session\" (k8s/plain.yaml:54:5)."));
      assertThat(expectAssertionError(() -> defaults().isStickyByHeader("X-User")))
          .hasMessage(
              message(
                  DEFAULTS,
                  "to be sticky by the header \"X-User\",",
                  "but it has no sticky sessions."));
    }

    @Test
    void not_sticky() {
      defaults().isNotSticky();
      assertThat(expectAssertionError(() -> ws().isNotSticky()))
          .hasMessage(
              message(
                  WS,
                  "to have no sticky sessions,",
                  "but it is sticky by cookie \"ws-server\" (k8s/chat.yaml:11:5)."));
    }
  }

  @Nested
  class Tls {
    @Test
    void terminates_tls() {
      ws().terminatesTls();
      assertThat(expectAssertionError(() -> defaults().terminatesTls()))
          .hasMessage(
              message(DEFAULTS, "to terminate TLS,", "but it has no TLS: it serves plain HTTP."));
    }

    @Test
    void terminates_tls_with_a_secret() {
      ws().terminatesTlsWithSecret("chat-tls");
      assertThat(expectAssertionError(() -> ws().terminatesTlsWithSecret("other-tls")))
          .hasMessage(
              message(
                  WS,
                  "to terminate TLS with the Secret \"other-tls\",",
                  "but it terminates TLS with Secret \"chat-tls\" (k8s/chat.yaml:20:5)."));
      assertThat(expectAssertionError(() -> defaults().terminatesTlsWithSecret("chat-tls")))
          .hasMessage(
              message(
                  DEFAULTS,
                  "to terminate TLS with the Secret \"chat-tls\",",
                  "but it has no TLS: it serves plain HTTP."));
    }

    @Test
    void redirects_to_https() {
      ws().redirectsToHttps();
      assertThat(expectAssertionError(() -> api().redirectsToHttps()))
          .hasMessage(
              message(
                  API,
                  "to redirect plain HTTP to HTTPS,",
                  "but it serves plain HTTP beside TLS with Secret \"chat-tls\""
                      + " (k8s/chat.yaml:46:5): it does not redirect."));
      assertThat(expectAssertionError(() -> defaults().redirectsToHttps()))
          .hasMessage(
              message(
                  DEFAULTS,
                  "to redirect plain HTTP to HTTPS,",
                  "but it has no TLS: it serves plain HTTP."));
    }
  }

  @Nested
  class GoesTo {
    @Test
    void passes_by_number_or_name_through_the_service() {
      ws().goesTo("chat", 8080).goesTo("default/chat", 8080).goesTo("chat", "ws");
      api().goesTo("chat", "http").goesTo("chat", 80);
    }

    @Test
    void fails_for_another_service_namespace_or_port() {
      assertThat(expectAssertionError(() -> ws().goesTo("chat-api", 80)))
          .hasMessage(
              message(
                  WS,
                  "to send to Service chat-api port 80,",
                  "but it sends to Service default/chat port 8080 (k8s/chat.yaml:29:11)."));
      assertThat(expectAssertionError(() -> ws().goesTo("other/chat", 8080)))
          .hasMessage(
              message(
                  WS,
                  "to send to Service other/chat port 8080,",
                  "but it sends to Service default/chat port 8080 (k8s/chat.yaml:29:11)."));
      assertThat(expectAssertionError(() -> ws().goesTo("chat", "grpc")))
          .hasMessage(
              message(
                  WS,
                  "to send to Service chat port \"grpc\",",
                  "but it sends to Service default/chat port 8080 (k8s/chat.yaml:29:11)."));
    }

    @Test
    void a_port_name_needs_the_service_in_the_input_to_match_a_number() {
      assertThat(expectAssertionError(() -> defaults().goesTo("chat", "ws")))
          .hasMessage(
              message(
                  DEFAULTS,
                  "to send to Service chat port \"ws\",",
                  "but it sends to Service default/chat port 8080 (k8s/plain.yaml:16:11)."));
    }

    @Test
    void a_split_passes_for_any_of_its_backends_and_fails_naming_all() {
      Manifests m = Fixtures.read("chat");
      ServedBackend a = m.backend("default", "chat", 8080);
      ServedBackend b = m.backend("default", "canary", 8080);
      RouteAssert<ManifestsAssert> split = custom((x, r) -> r.backend(a).backend(b));
      split.goesTo("canary", 8080).goesTo("chat", 8080);
      assertThat(expectAssertionError(() -> split.goesTo("chat", 80)))
          .hasMessage(
              message(
                  CUSTOM,
                  "to send to Service chat port 80,",
                  "but it sends to Service default/chat port 8080, Service default/canary port"
                      + " 8080."));
    }

    @Test
    void fails_without_backends() {
      assertThat(expectAssertionError(() -> custom((m, b) -> {}).goesTo("chat", 8080)))
          .hasMessage(
              message(CUSTOM, "to send to Service chat port 8080,", "but it sends to no Service."));
    }
  }

  @Nested
  class IsRewrittenTo {
    @Test
    void passes() {
      ws().isRewrittenTo("/");
    }

    @Test
    void fails_for_another_prefix_or_none() {
      assertThat(expectAssertionError(() -> ws().isRewrittenTo("/v2")))
          .hasMessage(
              message(
                  WS,
                  "to reach its backend rewritten to \"/v2\",",
                  "but it is rewritten to \"/\" (k8s/chat.yaml:16:5)."));
      assertThat(expectAssertionError(() -> defaults().isRewrittenTo("/")))
          .hasMessage(
              message(
                  DEFAULTS,
                  "to reach its backend rewritten to \"/\",",
                  "but it passes the path on unchanged."));
    }
  }

  @Nested
  class RateLimited {
    @Test
    void is_rate_limited() {
      ws().isRateLimited();
      assertThat(expectAssertionError(() -> defaults().isRateLimited()))
          .hasMessage(
              message(
                  DEFAULTS,
                  "to limit WebSocket handshakes per client,",
                  "but it has no rate limit."));
    }

    @Test
    void is_rate_limited_to_a_rate_and_its_burst_when_given() {
      ws().isRateLimitedTo(RateLimit.handshakesPerSecond(10))
          .isRateLimitedTo(RateLimit.handshakesPerSecond(10).burst(50));
      idle().isRateLimitedTo(RateLimit.handshakesPerMinute(100));
    }

    @Test
    void fails_for_another_rate_period_or_burst() {
      assertThat(expectAssertionError(() -> ws().isRateLimitedTo(RateLimit.handshakesPerSecond(5))))
          .hasMessage(
              message(
                  WS,
                  "to limit handshakes to 5 per second per client,",
                  "but it limits them to 10 per second per client, burst 50"
                      + " (k8s/chat.yaml:12:5)."));
      assertThat(
              expectAssertionError(
                  () -> ws().isRateLimitedTo(RateLimit.handshakesPerSecond(10).burst(20))))
          .hasMessage(
              message(
                  WS,
                  "to limit handshakes to 10 per second per client, burst 20,",
                  "but it limits them to 10 per second per client, burst 50"
                      + " (k8s/chat.yaml:12:5)."));
      assertThat(
              expectAssertionError(
                  () -> idle().isRateLimitedTo(RateLimit.handshakesPerSecond(100))))
          .hasMessage(
              message(
                  IDLE,
                  "to limit handshakes to 100 per second per client,",
                  "but it limits them to 100 per minute per client (k8s/plain.yaml:30:5)."));
      assertThat(
              expectAssertionError(
                  () -> defaults().isRateLimitedTo(RateLimit.handshakesPerSecond(10))))
          .hasMessage(
              message(
                  DEFAULTS,
                  "to limit handshakes to 10 per second per client,",
                  "but it has no rate limit."));
    }
  }

  @Nested
  class HasMaxConnectionsPerClient {
    @Test
    void passes() {
      ws().hasMaxConnectionsPerClient(100);
    }

    @Test
    void fails_for_another_limit_or_none() {
      assertThat(expectAssertionError(() -> ws().hasMaxConnectionsPerClient(50)))
          .hasMessage(
              message(
                  WS,
                  "to allow at most 50 connections per client,",
                  "but it allows at most 100 (k8s/chat.yaml:14:5)."));
      assertThat(expectAssertionError(() -> defaults().hasMaxConnectionsPerClient(50)))
          .hasMessage(
              message(
                  DEFAULTS,
                  "to allow at most 50 connections per client,",
                  "but it has no limit on connections per client."));
    }
  }

  @Nested
  class DoesNotBuffer {
    @Test
    void passes() {
      ws().doesNotBuffer();
    }

    @Test
    void fails_naming_what_is_buffered_or_unknown() {
      assertThat(expectAssertionError(() -> idle().doesNotBuffer()))
          .hasMessage(
              message(
                  IDLE,
                  "to buffer neither requests nor responses,",
                  "but the target test-reader does not report whether it buffers requests, and it"
                      + " buffers responses (k8s/plain.yaml:31:5)."));
      assertThat(expectAssertionError(() -> forever().doesNotBuffer()))
          .hasMessage(
              message(
                  FOREVER,
                  "to buffer neither requests nor responses,",
                  "but it buffers requests (k8s/plain.yaml:55:5), and the target test-reader does"
                      + " not report whether it buffers responses."));
    }
  }
}
