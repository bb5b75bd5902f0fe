package dev.wsingress.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.Target;
import dev.wsingress.Yaml;
import dev.wsingress.testing.SchemaConformance;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MainTest {

  @Test
  void prints_valid_manifests_for_every_target_on_the_class_path() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<Target> targets = Target.discover();

    Main.print(ChatApp.spec(), targets, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);

    assertThat(targets)
        .extracting(Target::id)
        .containsExactly(
            "gateway-api", "haproxy", "istio", "linkerd", "nginx", "platform", "traefik");
    assertThat(out)
        .contains("# ======== ingress-nginx (nginx) ========")
        .contains("# ======== Kubernetes platform objects (platform) ========")
        .contains("# ======== Gateway API (gateway-api) ========")
        .contains("# ======== Istio (istio) ========")
        .contains("# INFO NGINX-RETIRED (Ingress default/chat)")
        .contains(
            "# cannot render this app strictly:\n# ERROR GATEWAYAPI-RATE-LIMIT (HTTPRoute"
                + " default/chat)")
        .contains("# WARNING GATEWAYAPI-RATE-LIMIT (HTTPRoute default/chat)")
        .contains("# ERROR LINKERD-NO-CLIENTS (Server default/chat)");
    List<HasMetadata> objects = Yaml.read(out);
    assertThat(objects)
        .extracting(o -> o.getKind() + " " + o.getMetadata().getName())
        .containsExactly(
            "HTTPRoute chat",
            "HTTPRoute chat-redirect",
            "Ingress chat",
            "DestinationRule chat",
            "Gateway chat",
            "VirtualService chat",
            "Server chat",
            "Ingress chat",
            "Service websocket-service",
            "IngressRoute chat",
            "IngressRoute chat-redirect",
            "Middleware chat-cors",
            "Middleware chat-inflight",
            "Middleware chat-ratelimit",
            "Middleware chat-redirect",
            "ServersTransport chat-transport");
    SchemaConformance.assertValid(objects);
  }

  @Test
  void the_same_app_prints_byte_identical_output() {
    ByteArrayOutputStream a = new ByteArrayOutputStream();
    ByteArrayOutputStream b = new ByteArrayOutputStream();

    Main.print(ChatApp.spec(), Target.discover(), new PrintStream(a, true, StandardCharsets.UTF_8));
    Main.print(ChatApp.spec(), Target.discover(), new PrintStream(b, true, StandardCharsets.UTF_8));

    assertThat(b.toByteArray()).isEqualTo(a.toByteArray());
  }
}
