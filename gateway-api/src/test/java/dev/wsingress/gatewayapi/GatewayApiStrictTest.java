package dev.wsingress.gatewayapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wsingress.Affinity;
import dev.wsingress.BackendProtocol;
import dev.wsingress.Finding;
import dev.wsingress.InvalidSpecException;
import dev.wsingress.Rendering;
import dev.wsingress.Severity;
import dev.wsingress.UnsupportedFeatureException;
import dev.wsingress.WebSocketApp;
import dev.wsingress.testing.SampleApps;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GatewayApiStrictTest {

  @Test
  void the_chat_app_fails_strictly_on_what_the_standard_cannot_express() {
    UnsupportedFeatureException e =
        catchThrowableOfType(
            UnsupportedFeatureException.class, () -> GatewayApi.target().render(SampleApps.chat()));

    assertThat(e.errors())
        .extracting(Finding::code)
        .containsExactly(
            "GATEWAYAPI-RATE-LIMIT",
            "GATEWAYAPI-MAX-CONNECTIONS",
            "GATEWAYAPI-STICKY-SESSIONS-EXPERIMENTAL");
    assertThat(e).hasMessageStartingWith("Gateway API cannot render this app (3 errors; ");
  }

  @Test
  void client_ip_affinity_cannot_be_expressed_and_an_https_backend_gets_a_backend_tls_policy() {
    WebSocketApp app =
        WebSocketApp.on("ws.example.com")
            .name("chat")
            .service("ws", 8443)
            .stickySessions(Affinity.clientIp())
            .backendProtocol(BackendProtocol.HTTPS)
            .backendCaSecret("ca")
            .build();

    UnsupportedFeatureException e =
        catchThrowableOfType(
            UnsupportedFeatureException.class,
            () -> GatewayApi.target().experimental().render(app));

    assertThat(e.errors())
        .containsExactly(
            new Finding(
                "GATEWAYAPI-CLIENT-IP-AFFINITY",
                Severity.ERROR,
                "HTTPRoute default/chat",
                "the Gateway API has no client-IP affinity; sessionPersistence knows cookies and"
                    + " headers the gateway issues only.",
                "Render with .envoyGateway() (BackendTrafficPolicy spec.loadBalancer"
                    + " consistentHash type SourceIP), or use the implementation's consistent-hash"
                    + " policy."));
    assertThat(e.getMessage()).doesNotContain("GATEWAYAPI-BACKEND-TLS ");
  }

  @Test
  void a_port_given_by_name_renders_no_route() {
    WebSocketApp app = WebSocketApp.on("ws.example.com").service("ws", "http-ws").build();

    assertThatThrownBy(() -> GatewayApi.target().render(app))
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessageContaining(
            "ERROR GATEWAYAPI-PORT-NUMBER HTTPRoute default/ws: a backendRef to a Service needs"
                + " the port number, and route / names port \"http-ws\" of Service ws; it is not"
                + " rendered.");
    Rendering lenient = GatewayApi.target().lenient().render(app);
    assertThat(lenient.objects()).isEmpty();
  }

  @Test
  void options_reject_bad_input() {
    assertThatThrownBy(() -> GatewayApi.target().gateway("Infra", null))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessage(
            "GatewayApi is invalid (2 problems):\n"
                + "  - gateway.namespace = \"Infra\": must be an RFC 1123 label: a-z, 0-9 and"
                + " '-', starting and ending with a letter or digit, at most 63 characters. Fix:"
                + " use only a-z, 0-9 and '-', as in \"infra\".\n"
                + "  - gateway.name = null: is required. Fix: give a name such as"
                + " \"websocket-tls\".");
    assertThatThrownBy(() -> GatewayApi.target().listeners("web", "web"))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessage(
            "GatewayApi is invalid (1 problem):\n"
                + "  - listeners.https = \"web\": must differ from the HTTP listener's name."
                + " Fix: name the two listeners differently, such as \"http\" and \"https\".");
    assertThatThrownBy(() -> GatewayApi.target().requestTimeout(Duration.ofNanos(1500)))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessage(
            "GatewayApi is invalid (1 problem):\n"
                + "  - requestTimeout = PT0.0000015S: must be zero or a positive whole number of"
                + " milliseconds up to 99999 hours (GEP-2257). Fix: give a duration such as"
                + " Duration.ofHours(2), or Duration.ZERO to disable it.");
    assertThatThrownBy(() -> GatewayApi.target().withGateway("Envoy Gateway"))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageStartingWith("GatewayApi is invalid (1 problem):\n  - gatewayClassName = ");
  }

  @Test
  void options_return_copies() {
    GatewayApi base = GatewayApi.target();

    assertThat(base).hasToString("GatewayApi[gateway=gateway, listeners=http/https]");
    assertThat(base.gateway("infra", "public").requestTimeout(Duration.ZERO).experimental())
        .hasToString(
            "GatewayApi[gateway=infra/public, listeners=http/https, requestTimeout=0s,"
                + " experimental]");
    assertThat(base.withGateway("eg").lenient())
        .hasToString("GatewayApi[withGateway=eg, listeners=http/https, lenient]");
    assertThat(base.version("1.5").envoyGateway("1.7").backendCaConfigMap("backend-ca"))
        .hasToString(
            "GatewayApi[gateway=gateway, listeners=http/https, version=1.5, envoyGateway=1.7,"
                + " backendCaConfigMap=backend-ca]");
    assertThat(base.envoyGateway())
        .hasToString("GatewayApi[gateway=gateway, listeners=http/https, envoyGateway=1.9]");
  }
}
