package dev.wsingress.examples;

import static dev.wsingress.assertj.WsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wsingress.Manifests;
import dev.wsingress.Severity;
import dev.wsingress.Target;
import dev.wsingress.assertj.ManifestsAssert;
import dev.wsingress.testing.StandInReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A user's test of a Helm chart's output, as the README's "Testing your manifests" shows it: the
 * directory {@code helm template edge ./edge --output-dir helm-out} writes, one file per template,
 * each document under its {@code # Source:} comment. The chart routes to four controllers: its own
 * edge proxy (the {@code edge} IngressClass), ingress-nginx, Traefik and a Gateway.
 *
 * <p>Every target on the class path reads the output, as {@code assertThat(manifests)} has them
 * read by default; the chart's own edge proxy is played by the stand-in reader of wsingress-core's
 * test-jar (the {@code edge} IngressClass names its controller), added to them. The ingress-nginx,
 * Traefik and Gateway API objects get routes once those targets have readers; until then only their
 * presence is asserted here.
 */
class HelmOutputTest {
  static final Path HELM_OUT = Path.of("src/test/resources/dev/wsingress/examples/helm-out");

  static ManifestsAssert helmOutput() {
    List<Target> readers = new ArrayList<>(Target.discover());
    readers.add(StandInReader.target());
    return assertThat(Manifests.read(HELM_OUT)).readBy(readers.toArray(Target[]::new));
  }

  @Test
  void the_chat_chart_keeps_idle_websockets_for_an_hour() {
    helmOutput()
        .route("chat.example.com", "/ws/rooms/42")
        .isServedBy("test-reader")
        .upgradesToWebSocket()
        .hasIdleTimeoutAtLeast(Duration.ofHours(1))
        .isStickyByCookie("chat-server")
        .terminatesTls()
        .redirectsToHttps()
        .doesNotBuffer()
        .goesTo("chat", 8080)
        .and()
        .route("chat.example.com", "/api/rooms")
        .isPlainHttp()
        .hasReadTimeoutAtMost(Duration.ofMinutes(1))
        .goesTo("chat-api", "http")
        .and()
        .hasNoRouteFor("chat.example.com", "/admin")
        .containsObject("Ingress", "edge", "admin")
        .containsObject("IngressRoute", "edge", "notify")
        .containsObject("HTTPRoute", "edge", "chat-next")
        .hasNoFindingsAtOrAbove(Severity.WARNING);
  }

  @Test
  void a_regression_fails_with_where_the_setting_comes_from() {
    // What CI prints when the chart's timeout is not what the test asks for.
    AssertionError e =
        catchThrowableOfType(
            AssertionError.class,
            () ->
                helmOutput()
                    .route("chat.example.com", "/ws")
                    .hasIdleTimeoutAtLeast(Duration.ofHours(2)));
    assertThat(e)
        .hasMessage(
            String.join(
                System.lineSeparator(),
                "",
                "Expecting route chat.example.com/ws (Ingress edge/chat,"
                    + " edge/charts/chat/templates/ingress.yaml:25:9, served by test-reader)",
                "to keep idle WebSockets open for at least 2 h,",
                "but it has no idle timeout of its own, and its read timeout is 1 h"
                    + " (edge/charts/chat/templates/ingress.yaml:10:5)."));
  }
}
