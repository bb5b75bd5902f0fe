package dev.wsingress.assertj;

import static dev.wsingress.assertj.Fixtures.expectAssertionError;
import static dev.wsingress.assertj.Fixtures.message;
import static dev.wsingress.assertj.WsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.Finding;
import dev.wsingress.Rendering;
import dev.wsingress.Severity;
import dev.wsingress.testing.SampleApps;
import dev.wsingress.testing.StandInReader;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The rendering's assertions: its own findings and objects, and the routes of its YAML. */
class RenderingAssertTest {

  static Rendering chat() {
    return StandInReader.target().render(SampleApps.chat());
  }

  /** The chat rendering again, from a lenient target that reported an error and a warning. */
  static Rendering withFindings() {
    Rendering.Builder b = Rendering.builder("test", true);
    chat().objects().forEach(b::add);
    b.add(
        new Finding(
            "TEST-RETIRED",
            Severity.WARNING,
            "Ingress default/chat",
            "the controller is retired.",
            "Move to another controller."));
    b.add(
        new Finding(
            "TEST-UNSUPPORTED",
            Severity.ERROR,
            "Ingress default/chat",
            "the rate limit is not rendered.",
            "Render it elsewhere."));
    return b.build();
  }

  @Test
  void the_routes_of_its_yaml_as_the_reader_reads_it_back() {
    assertThat(chat())
        .readBy(StandInReader.target())
        .route("ws.example.com", "/ws")
        .isServedBy("test-reader")
        .upgradesToWebSocket()
        .hasIdleTimeoutAtLeast(Duration.ofHours(1))
        .isStickyByCookie("ws-server")
        .terminatesTls()
        .redirectsToHttps()
        .goesTo("websocket-service", 8080)
        .isRateLimitedTo(dev.wsingress.RateLimit.handshakesPerSecond(10).burst(50))
        .hasMaxConnectionsPerClient(100)
        .and()
        .hasNoRouteFor("ws.example.com", "/api")
        .hasNoFindingsAtOrAbove(Severity.INFO);
  }

  @Test
  void a_route_message_points_into_the_rendered_yaml() {
    assertThat(
            expectAssertionError(
                () ->
                    assertThat(chat())
                        .readBy(StandInReader.target())
                        .route("ws.example.com", "/ws")
                        .hasIdleTimeoutAtLeast(Duration.ofHours(2))))
        .hasMessage(
            message(
                "Expecting route ws.example.com/ws (Ingress default/chat, rendering.yaml:31:13,"
                    + " served by test-reader)",
                "to keep idle WebSockets open for at least 2 h,",
                "but its idle timeout is 1 h (rendering.yaml:11:5)."));
  }

  @Test
  void has_finding() {
    assertThat(withFindings()).hasFinding("TEST-RETIRED").hasFinding("TEST-UNSUPPORTED");
    assertThat(expectAssertionError(() -> assertThat(withFindings()).hasFinding("TEST-OTHER")))
        .hasMessage(
            message(
                "Expecting a finding TEST-OTHER,",
                "but there is none; the findings:",
                "  WARNING TEST-RETIRED Ingress default/chat: the controller is retired.",
                "  WARNING TEST-UNSUPPORTED Ingress default/chat: the rate limit is not"
                    + " rendered."));
    assertThat(expectAssertionError(() -> assertThat(chat()).hasFinding("TEST-RETIRED")))
        .hasMessage(message("Expecting a finding TEST-RETIRED,", "but there are no findings."));
  }

  @Test
  void has_no_errors_as_a_lenient_rendering_records_them_as_warnings() {
    assertThat(withFindings()).hasNoErrors();
    assertThat(
            expectAssertionError(
                () ->
                    assertThat(withFindings())
                        .ignoring("TEST-RETIRED")
                        .hasNoFindingsAtOrAbove(Severity.WARNING)))
        .hasMessage(
            message(
                "Expecting no findings at WARNING or above (ignoring TEST-RETIRED),",
                "but there is 1:",
                "  WARNING TEST-UNSUPPORTED Ingress default/chat: the rate limit is not rendered.",
                "    Hint: Render it elsewhere."));
    assertThat(withFindings())
        .ignoring("TEST-RETIRED", "TEST-UNSUPPORTED")
        .hasNoFindingsAtOrAbove(Severity.INFO);
  }

  @Test
  void contains_object() {
    assertThat(chat()).containsObject("Ingress", "default", "chat");
    assertThat(
            expectAssertionError(
                () -> assertThat(chat()).containsObject("Service", "default", "chat")))
        .hasMessage(
            message(
                "Expecting an object Service default/chat,",
                "but there is no Service; the objects:",
                "  Ingress default/chat"));
    assertThat(
            expectAssertionError(
                () -> assertThat(chat()).containsObject("Ingress", "default", "x")))
        .hasMessage(
            message(
                "Expecting an object Ingress default/x,",
                "but the objects of kind Ingress are:",
                "  Ingress default/chat"));
  }

  @Test
  void a_null_rendering_fails_as_assertj_does() {
    assertThat(expectAssertionError(() -> assertThat((Rendering) null).hasNoErrors()))
        .hasMessage(message("Expecting actual not to be null"));
  }
}
