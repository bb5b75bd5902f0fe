package dev.wsingress.gatewayapi;

import static dev.wsingress.testing.Renderings.codes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsingress.Cors;
import dev.wsingress.InvalidSpecException;
import dev.wsingress.Rendering;
import dev.wsingress.Version;
import dev.wsingress.WebSocketApp;
import dev.wsingress.testing.SchemaConformance;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import org.junit.jupiter.api.Test;

/** Gateway API release lines v1.2 to v1.6: the oldest and the newest render what they accept. */
class GatewayApiVersionsTest {

  private static final WebSocketApp CORS_APP =
      WebSocketApp.on("ws.example.com")
          .name("chat")
          .service("websocket-service", 8080)
          .cors(Cors.allowOrigins("https://app.example.com"))
          .build();

  @Test
  void the_target_states_its_release_lines_oldest_first() {
    assertThat(GatewayApi.target().versions())
        .containsExactly(
            Version.of(1, 2),
            Version.of(1, 3),
            Version.of(1, 4),
            Version.of(1, 5),
            Version.of(1, 6));
    assertThat(GatewayApi.target().version()).contains(Version.of(1, 6));
    assertThat(GatewayApi.target().version("v1.2.1").version()).contains(Version.of(1, 2));
    assertThat(GatewayApi.target().version("1.4"))
        .hasToString("GatewayApi[gateway=gateway, listeners=http/https, version=1.4]");
  }

  @Test
  void unsupported_release_lines_are_refused_at_the_option() {
    assertThatThrownBy(() -> GatewayApi.target().version("1.1"))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessage(
            "GatewayApi is invalid (1 problem):\n"
                + "  - version = \"1.1\": is not a release line this target writes for"
                + " (supported: 1.2 to 1.6). Fix: give one of [1.2, 1.3, 1.4, 1.5, 1.6].");
    assertThatThrownBy(() -> GatewayApi.target().envoyGateway("1.5"))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessage(
            "GatewayApi is invalid (1 problem):\n"
                + "  - envoyGateway = \"1.5\": is not an Envoy Gateway release line this target"
                + " writes for (supported: 1.6 to 1.9). Fix: give one of [1.6, 1.7, 1.8, 1.9].");
    assertThatThrownBy(() -> GatewayApi.target().envoyGateway("latest"))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("envoyGateway = \"latest\"");
  }

  @Test
  void the_newest_writes_the_cors_filter_and_says_since_when() {
    Rendering r = GatewayApi.target().render(CORS_APP);

    assertThat(r.only(HTTPRoute.class).getSpec().getRules().get(0).getFilters())
        .extracting(f -> f.getType())
        .containsExactly("CORS");
    assertThat(r.finding("GATEWAYAPI-VERSION-GATED").orElseThrow().message())
        .isEqualTo("filters: type CORS needs Gateway API v1.5 or newer (rendering for v1.6).");
  }

  @Test
  void the_oldest_has_no_cors_filter_and_says_what_is_lost() {
    Rendering r = GatewayApi.target().version("1.2").lenient().render(CORS_APP);

    assertThat(r.only(HTTPRoute.class).getSpec().getRules().get(0).getFilters()).isEmpty();
    assertThat(codes(r))
        .contains("WARNING GATEWAYAPI-VERSION-LACKS")
        .doesNotContain("INFO GATEWAYAPI-VERSION-GATED", "WARNING GATEWAYAPI-CORS-HANDSHAKE");
    assertThat(r.finding("GATEWAYAPI-VERSION-LACKS").orElseThrow().message())
        .isEqualTo(
            "the CORS filter is standard from Gateway API v1.5 (rendering for v1.2), so no CORS"
                + " filter is written and browsers get no CORS headers from the gateway.");
    assertThatThrownBy(() -> GatewayApi.target().version("1.4").render(CORS_APP))
        .hasMessageContaining("ERROR GATEWAYAPI-VERSION-LACKS");
    SchemaConformance.assertValid(r);
  }
}
