package dev.wsingress.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wsingress.Finding;
import dev.wsingress.InvalidSpecException;
import dev.wsingress.Rendering;
import dev.wsingress.Severity;
import dev.wsingress.Target;
import dev.wsingress.Targets;
import dev.wsingress.UnsupportedFeatureException;
import dev.wsingress.WebSocketApp;
import dev.wsingress.Yaml;
import dev.wsingress.testing.SchemaConformance;
import dev.wsingress.testing.Snapshots;
import dev.wsingress.testing.StandInTarget;
import org.junit.jupiter.api.Test;

class PlatformTest {
  /** A target that only contributes to the platform Service. */
  private static Target contributing(String id, String appProtocol, String annotation) {
    return StandInTarget.of(
        id,
        needs ->
            needs.serviceAppProtocol(appProtocol).serviceAnnotation("example.com/by", annotation));
  }

  private static final WebSocketApp APP =
      WebSocketApp.on("ws.example.com").service("websocket-service", 8080).build();

  @Test
  void the_platform_service_carries_what_other_targets_need() {
    Rendering r =
        Targets.render(APP, contributing("a", "kubernetes.io/ws", "a"), Platform.target());

    io.fabric8.kubernetes.api.model.Service service =
        r.only(io.fabric8.kubernetes.api.model.Service.class);
    assertThat(service.getSpec().getPorts().get(0).getAppProtocol()).isEqualTo("kubernetes.io/ws");
    assertThat(service.getMetadata().getAnnotations()).containsEntry("example.com/by", "a");
    assertThat(
            Platform.target()
                .render(APP)
                .only(io.fabric8.kubernetes.api.model.Service.class)
                .getSpec()
                .getPorts()
                .get(0)
                .getAppProtocol())
        .isNull();
  }

  @Test
  void two_targets_needing_different_values_on_one_object_conflict() {
    UnsupportedFeatureException e =
        catchThrowableOfType(
            UnsupportedFeatureException.class,
            () ->
                Targets.render(
                    APP,
                    contributing("a", "kubernetes.io/ws", "same"),
                    contributing("b", "http", "same"),
                    Platform.target()));

    assertThat(e.errors())
        .containsExactly(
            new Finding(
                "CORE-CONTRIBUTION-CONFLICT",
                Severity.ERROR,
                "Service default/websocket-service",
                "test a needs appProtocol \"kubernetes.io/ws\" but test b needs"
                    + " \"http\" on the same object.",
                "Render these targets for separate Services, or leave one of them out."));
  }

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
  void a_port_name_without_the_http_prefix_leaves_istio_to_sniff_the_protocol() {
    // P17: istio 1.30.3 pkg/config/kube/conversion.go reads an unknown prefix as
    // protocol.Unsupported, which Istio sniffs; it is no reason to refuse the rendering.
    Target mesh = StandInTarget.of("istio", needs -> needs.requireHttpPortName());

    Rendering r = Targets.render(APP, mesh, Platform.target().portName("websocket"));

    assertThat(r.findings())
        .containsExactly(
            new Finding(
                "CORE-PORT-NAME-PROTOCOL",
                Severity.WARNING,
                "Service default/websocket-service",
                "test istio selects the port's protocol by its name (or appProtocol), and"
                    + " \"websocket\" does not start with http-: a known prefix before the first"
                    + " '-' (tcp-, tls-, https-, grpc-, http2- ...) declares another protocol, and"
                    + " without one the proxies must detect HTTP by sniffing each connection.",
                "Name the port http-<something>, as in Platform.target().portName(\"http-ws\"),"
                    + " to declare HTTP."));
    assertThat(r.only(io.fabric8.kubernetes.api.model.Service.class).getSpec().getPorts())
        .extracting(io.fabric8.kubernetes.api.model.ServicePort::getName)
        .containsExactly("websocket");
    assertThat(Targets.render(APP, mesh, Platform.target()).findings()).isEmpty();
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
