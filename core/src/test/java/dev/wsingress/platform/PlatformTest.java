package dev.wsingress.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wsingress.Finding;
import dev.wsingress.InvalidSpecException;
import dev.wsingress.Rendering;
import dev.wsingress.Severity;
import dev.wsingress.UnsupportedFeatureException;
import dev.wsingress.WebSocketApp;
import dev.wsingress.Yaml;
import dev.wsingress.testing.SchemaConformance;
import dev.wsingress.testing.Snapshots;
import org.junit.jupiter.api.Test;

class PlatformTest {

  @Test
  void service() {
    WebSocketApp app =
        WebSocketApp.on("ws.example.com")
            .name("chat")
            .namespace("realtime")
            .label("app", "websocket")
            .service("websocket-service", 8080)
            .build();

    Rendering r = Platform.target().render(app);

    assertThat(r.findings()).isEmpty();
    Snapshots.verifyYaml(r.toYaml());
    SchemaConformance.assertValid(r);
  }

  @Test
  void custom_port_name_is_used() {
    WebSocketApp app = WebSocketApp.on("ws.example.com").service("ws", 3000).build();

    String yaml = Platform.target().portName("ws").render(app).toYaml();

    assertThat(yaml).contains("    - name: ws\n      port: 3000\n");
    assertThat(Yaml.write(Yaml.read(yaml))).isEqualTo(yaml);
  }

  @Test
  void a_port_given_by_name_cannot_become_a_service() {
    WebSocketApp app = WebSocketApp.on("ws.example.com").service("ws", "http-ws").build();

    UnsupportedFeatureException e =
        catchThrowableOfType(
            UnsupportedFeatureException.class, () -> Platform.target().render(app));

    assertThat(e.errors())
        .containsExactly(
            new Finding(
                "CORE-SERVICE-PORT-UNKNOWN",
                Severity.ERROR,
                "Service default/ws",
                "the app names its Service port \"http-ws\" but not its number, so the Service"
                    + " cannot be rendered.",
                "Give the port by number with .service(\"ws\", 8080), or render without the"
                    + " platform target if the Service exists."));
    assertThat(Platform.target().lenient().render(app).objects()).isEmpty();
  }

  @Test
  void a_bad_port_name_is_rejected_at_once() {
    assertThatThrownBy(() -> Platform.target().portName("HTTP_WS"))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessage(
            "Platform is invalid (1 problem):\n"
                + "  - portName = \"HTTP_WS\": must be an IANA service name: at most 15 characters"
                + " of a-z, 0-9 and '-', with at least one letter, no '--', not starting or ending"
                + " with '-'. Fix: use a name like \"http-ws\".");
  }
}
