package dev.wsingress.gatewayapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.Finding;
import dev.wsingress.HealthCheck;
import dev.wsingress.Import;
import dev.wsingress.Imported;
import dev.wsingress.Manifests;
import dev.wsingress.Route;
import dev.wsingress.Source;
import dev.wsingress.Tls;
import dev.wsingress.WebSocketApp;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The converter on Gateway API inputs that wsingress did not render (fixtures under {@code
 * import/}, written for these tests in the shapes of the Envoy Gateway docs and of
 * traefik/ingress-nginx-migration e2e/fixtures/gateway at 7aa28da), and on what the round trip
 * leaves out: every setting is carried or reported with its code, object and line.
 */
class GatewayApiImportTest {

  static Imported imported(String file) throws IOException {
    try (InputStream in = GatewayApiImportTest.class.getResourceAsStream("import/" + file)) {
      String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return Import.with(GatewayApi.target()).from(Manifests.parse(yaml, file));
    }
  }

  /** A finding as code, subject, line and what it says (without the hint). */
  static String brief(Finding f) {
    return f.code()
        + " "
        + f.subject()
        + " "
        + f.source().map(Source::line).map(String::valueOf).orElse("-")
        + ": "
        + f.message();
  }

  static List<String> briefs(Imported in) {
    return in.findings().stream()
        .filter(f -> !f.code().equals("CORE-IMPORT-TARGET"))
        .map(GatewayApiImportTest::brief)
        .toList();
  }

  @Test
  void an_envoy_gateway_app_written_by_hand_converts_with_every_setting() throws IOException {
    Imported in = imported("envoy-chat.yaml");
    assertThat(in.apps())
        .containsExactly(
            WebSocketApp.on("chat.example.com")
                .name("chat")
                .namespace("chat")
                .label("app", "chat")
                .path("/socket")
                .service("chat", 8080)
                .route(Route.websocket("/old-socket").rewriteTo("/socket"))
                .route(
                    Route.http("/api")
                        .to("chat-api", 80)
                        .requestTimeout(java.time.Duration.ofSeconds(30)))
                .timeout(java.time.Duration.ofHours(2))
                .connectTimeout(java.time.Duration.ofSeconds(5))
                .stickySessions(
                    dev.wsingress.Affinity.cookie("chat-pod")
                        .maxAge(java.time.Duration.ofHours(12)))
                .tls(Tls.secret("chat-example-com"))
                .healthCheck(
                    HealthCheck.http("/healthz").interval(java.time.Duration.ofSeconds(10)))
                .build());
    // the target the input implies: its Gateway and listener names, Envoy Gateway
    assertThat(in.importedApps().get(0).targets().toString())
        .isEqualTo(
            List.of(
                    GatewayApi.target()
                        .gateway("chat", "edge")
                        .listeners("web", "websecure")
                        .envoyGateway())
                .toString());
    // the redirect route is the app's TLS redirect: consumed, no route of its own
    assertThat(briefs(in))
        .containsExactly(
            "CORE-IMPORT-OBJECT-NOT-READ Service chat/chat 29: none of the readers (Gateway API)"
                + " reads this Service, so it is part of no converted app.",
            "CORE-IMPORT-NOT-CARRIED HTTPRoute chat/chat 72: the ResponseHeaderModifier filter is"
                + " not carried: the spec does not change headers, so the converted route passes"
                + " them on as they are.",
            "CORE-IMPORT-NOT-CARRIED HTTPRoute chat/chat 85: the headers match is not carried: the"
                + " spec matches by host and path only, so the converted route takes every request"
                + " for its path.",
            "CORE-IMPORT-NOT-CARRIED BackendTrafficPolicy chat/chat-sockets 139: the field"
                + " spec.retry is not carried: wsingress does not model this BackendTrafficPolicy"
                + " setting (envoyproxy/gateway v1.9.0 api/v1alpha1), so the converted app does"
                + " without it.",
            "CORE-IMPORT-NOT-CARRIED BackendTrafficPolicy chat/chat-sockets 147: the field"
                + " spec.healthCheck.passive is not carried: wsingress does not model this"
                + " BackendTrafficPolicy setting (envoyproxy/gateway v1.9.0 api/v1alpha1), so the"
                + " converted app does without it.");
  }

  @Test
  void routes_migrated_for_traefik_convert_or_say_what_they_lose() throws IOException {
    Imported in = imported("traefik-migrated.yaml");
    GatewayApi traefik = GatewayApi.target().gateway("default", "traefik");
    assertThat(in.apps())
        .containsExactly(
            WebSocketApp.on("ws-test.gateway.local")
                .name("gateway-ws-test")
                .label("app", "echo")
                .service("echo", 80)
                .build(),
            WebSocketApp.on("rewrite-test.gateway.local")
                .name("gateway-rewrite-test")
                .label("app", "echo")
                .path("/app")
                .service("echo", 80)
                .build());
    assertThat(in.importedApps().get(0).targets().toString())
        .isEqualTo(List.of(traefik).toString());
    assertThat(briefs(in))
        .containsExactly(
            "CORE-IMPORT-OBJECT-NOT-READ Service default/echo 26: none of the readers (Gateway API)"
                + " reads this Service, so it is part of no converted app.",
            "CORE-IMPORT-NOT-CARRIED HTTPRoute default/gateway-ws-test 50: the route"
                + " ws-test.gateway.local/ splits its traffic between 2 backends (Service"
                + " default/echo port 80, Service default/echo-canary port 80); the spec sends a"
                + " route to one Service, so only the first is carried.",
            "CORE-IMPORT-NOT-CARRIED HTTPRoute default/gateway-ws-test 54: the"
                + " RequestHeaderModifier filter is not carried: the spec does not change headers,"
                + " so the converted route passes them on as they are.",
            "CORE-IMPORT-NOT-CARRIED HTTPRoute default/gateway-rewrite-test 83: the ExtensionRef"
                + " filter is not carried: it is the implementation's own filter (traefik.io"
                + " Middleware gateway-rewrite-test-rewrite), which this reader does not read.",
            // a host that only redirects has no route to carry (force-ssl-redirect migrated alone)
            "CORE-IMPORT-ROUTE-DROPPED HTTPRoute default/gateway-ssl-redirect-test 104: the route"
                + " ssl-redirect-test.gateway.local/ sends to no Service; it is not converted.");
  }

  @Test
  void tls_on_a_gateway_not_in_the_input_is_reported_not_carried() {
    WebSocketApp app =
        WebSocketApp.on("chat.example.com")
            .name("chat")
            .service("chat", 8080)
            .tls(Tls.secret("chat-tls"))
            .build();
    String yaml = GatewayApi.target().gateway("infra", "public").render(app).toYaml();
    Imported in = Import.with(GatewayApi.target()).from(Manifests.parse(yaml, "out.yaml"));
    assertThat(in.apps())
        .containsExactly(
            WebSocketApp.on("chat.example.com").name("chat").service("chat", 8080).build());
    assertThat(briefs(in))
        .filteredOn(s -> !s.startsWith("GATEWAYAPI-PARENT-NOT-IN-INPUT"))
        .containsExactly(
            "CORE-IMPORT-NOT-CARRIED HTTPRoute default/chat 14: TLS on the listener \"https\" of"
                + " Gateway infra/public is not carried: the Gateway is not in the input, so the"
                + " Secret its listener terminates TLS with is not known, and the app is converted"
                + " without TLS and without the redirect of HTTPRoute default/chat-redirect; add"
                + " the Gateway to the input.");
  }

  @Test
  void a_health_check_written_for_the_own_service_only_is_a_conflict_on_import() {
    WebSocketApp app =
        WebSocketApp.on("chat.example.com")
            .name("chat")
            .path("/ws")
            .service("chat", 8080)
            .route(Route.websocket("/notify").to("notify", 8080))
            .healthCheck(HealthCheck.http("/healthz"))
            .build();
    String yaml = GatewayApi.target().withGateway("eg").envoyGateway().render(app).toYaml();
    Imported in = Import.with(GatewayApi.target()).from(Manifests.parse(yaml, "out.yaml"));
    assertThat(in.apps().get(0).healthCheck()).contains(HealthCheck.http("/healthz"));
    // Envoy Gateway's active check is written for the app's own Service only
    // (ENVOY_HEALTH_CHECK_SCOPE): the import says that the other WebSocket route has none
    assertThat(briefs(in))
        .containsExactly(
            "CORE-IMPORT-CONFLICT HTTPRoute default/chat 87: the WebSocket routes disagree on the"
                + " health check: /ws HealthCheck{path=/healthz} (out.yaml:12:5), /notify none;"
                + " the spec holds one for the app's WebSocket routes, so"
                + " HealthCheck{path=/healthz} (the value of /ws, the app's first WebSocket route)"
                + " is carried for all of them.");
  }
}
