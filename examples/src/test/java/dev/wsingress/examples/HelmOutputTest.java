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
 * test-jar (the {@code edge} IngressClass names its controller), added to them; the ingress-nginx,
 * Traefik and Gateway API objects are read by those targets' own readers.
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
  void the_other_controllers_routes_are_read_by_their_own_targets() {
    helmOutput()
        .route("admin.example.com", "/live")
        .isServedBy("nginx")
        .hasReadTimeoutAtLeast(Duration.ofMinutes(30))
        .terminatesTlsWithSecret("admin-tls")
        .redirectsToHttps()
        .goesTo("admin", 8080)
        .and()
        .route("notify.example.com", "/ws")
        .isServedBy("traefik")
        .isStickyByCookie("notify-pod")
        .terminatesTlsWithSecret("notify-tls")
        .goesTo("notify", 8080)
        .and()
        .route("chat-next.example.com", "/ws")
        .isServedBy("gateway-api")
        .terminatesTls()
        .goesTo("chat", 8080);
  }

  @Test
  void proxy_buffering_off_leaves_request_buffering_on() {
    // The admin chart turns off proxy-buffering only: ingress-nginx still buffers request bodies.
    AssertionError e =
        catchThrowableOfType(
            AssertionError.class,
            () -> helmOutput().route("admin.example.com", "/live").doesNotBuffer());
    assertThat(e)
        .hasMessage(
            String.join(
                System.lineSeparator(),
                "",
                "Expecting route admin.example.com/live (Ingress edge/admin,"
                    + " edge/charts/admin/templates/ingress.yaml:25:9, served by nginx)",
                "to buffer neither requests nor responses,",
                "but it buffers requests (controller default: ingress-nginx controller-v1.15.1"
                    + " docs/user-guide/nginx-configuration/configmap.md"
                    + " (proxy-request-buffering: \"on\"))."));
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
