package dev.wsingress.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.Affinity;
import dev.wsingress.Finding;
import dev.wsingress.Import;
import dev.wsingress.Imported;
import dev.wsingress.Manifests;
import dev.wsingress.Rendering;
import dev.wsingress.Target;
import dev.wsingress.Targets;
import dev.wsingress.WebSocketApp;
import dev.wsingress.gatewayapi.GatewayApi;
import dev.wsingress.haproxy.HaProxy;
import dev.wsingress.istio.Istio;
import dev.wsingress.traefik.Traefik;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 16's migration: a three-backend ingress-nginx app (a socket with an hour of idle time and a
 * sticky cookie, a REST API behind a capture-group rewrite, the frontend), written as teams publish
 * it, imported once and rendered for each destination: every WebSocket setting arrives as that
 * controller's own field, or the rendering says why it cannot.
 */
class CrossTargetMigrationTest {
  private static final Imported IN =
      Import.from(Manifests.parse(yaml(), "migration/chat-nginx.yaml"));
  private static final WebSocketApp APP = IN.apps().get(0);

  private static String yaml() {
    try (InputStream in =
        CrossTargetMigrationTest.class.getResourceAsStream("migration/chat-nginx.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Rendering render(Target t) {
    return Targets.render(APP, t);
  }

  private static List<String> codes(Rendering r) {
    return r.findings().stream().map(Finding::code).toList();
  }

  @Test
  void the_three_ingresses_are_one_app_with_every_websocket_setting() {
    assertThat(IN.apps()).hasSize(1);
    assertThat(APP.routes().toString())
        .isEqualTo(
            "[WEBSOCKET PREFIX /ws -> chat-ws:8080, HTTP PREFIX /api -> chat-api:80 (rewrite to"
                + " /), HTTP PREFIX / -> frontend:80]");
    assertThat(APP.idleTimeout()).isEqualTo(Duration.ofHours(1));
    assertThat(APP.affinity()).contains(Affinity.cookie("ws-server").maxAge(Duration.ofDays(1)));
    assertThat(APP.tls().orElseThrow().secretName()).isEqualTo("chat-tls");
    // What is approximated or was a default is reported with its line, never dropped silently.
    assertThat(IN.findings())
        .allSatisfy(f -> assertThat(f.source()).isPresent())
        .extracting(f -> f.code() + " " + f.source().orElseThrow().line())
        .contains(
            "CORE-IMPORT-APPROXIMATED 23",
            "CORE-IMPORT-DEFAULT-CARRIED 23",
            "NGINX-REWRITE-REGEX-HOST 38");
  }

  @Test
  void to_envoy_gateway_the_read_timeout_is_a_stream_idle_timeout_not_a_request_deadline() {
    Rendering r = render(GatewayApi.target().withGateway("eg").envoyGateway().lenient());

    assertThat(r.toYaml())
        .contains("      streamIdleTimeout: 1h\n")
        .contains("        name: ws-server\n        ttl: 24h\n")
        .contains("              replacePrefixMatch: /\n")
        .doesNotContain("request: 10h");
  }

  @Test
  void to_traefik_the_cookie_and_rewrite_are_carried_and_the_idle_timeout_is_explained() {
    Rendering r = render(Traefik.target().lenient());

    assertThat(r.toYaml()).contains("name: ws-server").contains("replacePathRegex:");
    // Traefik has no per-route idle timeout and its entry-point timeouts do not reach an open
    // socket (issue 12 P9): said, not faked.
    assertThat(codes(r)).contains("TRAEFIK-ENTRYPOINT-TIMEOUTS");
  }

  @Test
  void to_istio_idle_timeout_cookie_and_rewrite_are_carried() {
    Rendering r = render(Istio.target().lenient());

    assertThat(r.toYaml())
        .contains("        idleTimeout: 3600s\n")
        .contains("          name: ws-server\n          ttl: 86400s\n")
        .contains("      rewrite:\n");
  }

  @Test
  void to_haproxy_the_rewrite_is_carried_and_what_lives_elsewhere_is_reported() {
    Rendering r = render(HaProxy.target().lenient());

    assertThat(r.toYaml()).contains("haproxy.org/path-rewrite: ^/api/?(.*)$ /\\1");
    // The hour is timeout-tunnel's default (ConfigMap-only); the cookie goes on the Service.
    assertThat(codes(r)).contains("HAPROXY-TUNNEL-DEFAULT", "HAPROXY-SERVICE-ANNOTATIONS");
  }
}
