package dev.wsingress.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.Affinity;
import dev.wsingress.BackendProtocol;
import dev.wsingress.Cors;
import dev.wsingress.Finding;
import dev.wsingress.Import;
import dev.wsingress.Imported;
import dev.wsingress.Manifest;
import dev.wsingress.Manifests;
import dev.wsingress.RateLimit;
import dev.wsingress.SameSite;
import dev.wsingress.Source;
import dev.wsingress.WebSocketApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Inputs no renderer of ours wrote, in the shapes of traefik/traefik v3.7.9
 * pkg/provider/kubernetes/ingress-nginx/fixtures/ingresses (our own YAML under {@code upstream/}):
 * each converts with every annotation either carried into the spec or reported with its code,
 * object and file:line.
 */
class NginxUpstreamShapesTest {

  static Manifests input(String name) {
    String path = "upstream/" + name + ".yaml";
    try (var in = NginxUpstreamShapesTest.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no input " + path);
      }
      return Manifests.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Imported convert(String name) {
    return Import.with(Nginx.target()).from(input(name));
  }

  static WebSocketApp app(Imported in, String name) {
    return in.apps().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
  }

  /** The code and line:column of the findings of {@code code}. */
  static List<String> at(Imported in, String code) {
    return in.findings(code).stream()
        .map(f -> f.subject() + " " + f.source().map(s -> s.line() + ":" + s.column()).orElse("-"))
        .toList();
  }

  @Test
  void a_sticky_websocket_ingress_carries_every_cookie_attribute_but_the_domain() {
    Imported in = convert("sticky-chat");
    WebSocketApp app = app(in, "chat-sticky");
    assertThat(app.affinity())
        .contains(
            Affinity.cookie("chatroute")
                .maxAge(Duration.ofHours(2))
                .path("/chat")
                .secure(true)
                .sameSite(SameSite.STRICT)
                .persistent());
    assertThat(app.idleTimeout()).isEqualTo(Duration.ofHours(1));
    assertThat(app.sendTimeout()).isEqualTo(Duration.ofHours(1));
    assertThat(at(in, "CORE-IMPORT-NOT-CARRIED"))
        .containsExactly("Ingress default/chat-sticky 13:5");
  }

  @Test
  void a_capture_group_rewrite_comes_back_as_a_prefix_rewrite_and_one_without_is_reported() {
    Imported in = convert("rewrite-capture");
    WebSocketApp app = app(in, "api-rewrite");
    assertThat(app.routes()).hasSize(1);
    assertThat(app.routes().get(0).path()).isEqualTo("/ws");
    assertThat(app.routes().get(0).rewrite()).contains("/");
    assertThat(app.routes().get(0).isWebSocket()).isTrue();
    // rewrite-target "/" on /legacy: every request is rewritten to "/", no prefix rewrite
    assertThat(at(in, "NGINX-REWRITE-NO-CAPTURE"))
        .containsExactly("Ingress default/api-rewrite-plain 31:5");
    assertThat(at(in, "CORE-IMPORT-NOT-CARRIED"))
        .containsExactly("Ingress default/api-rewrite-plain 31:5");
    assertThat(at(in, "NGINX-WS-TIMEOUT-DEFAULT"))
        .containsExactly("Ingress default/api-rewrite 17:13");
  }

  @Test
  void timeouts_are_integer_seconds_and_the_host_header_is_reported() {
    Imported in = convert("timeouts-and-vhost");
    WebSocketApp app = app(in, "timeouts");
    assertThat(app.idleTimeout()).isEqualTo(Duration.ofMinutes(30));
    assertThat(app.readTimeout()).isEqualTo(Duration.ofMinutes(30));
    assertThat(app.sendTimeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(app.connectTimeout()).contains(Duration.ofSeconds(15));
    // upstream-vhost, proxy-body-size
    assertThat(at(in, "CORE-IMPORT-NOT-CARRIED"))
        .containsExactly("Ingress default/timeouts 11:5", "Ingress default/timeouts 12:5");
  }

  @Test
  void cors_and_limits_are_carried_and_a_second_rate_is_reported() {
    Imported in = convert("cors-and-limits");
    WebSocketApp app = app(in, "cors-limits");
    assertThat(app.rateLimit()).contains(RateLimit.handshakesPerSecond(20).burst(60));
    assertThat(app.maxConnectionsPerClient()).hasValue(4);
    assertThat(app.cors())
        .contains(
            Cors.allowOrigins("https://app.localhost", "https://admin.localhost")
                .allowMethods("GET", "POST")
                .allowCredentials(false)
                .maxAge(Duration.ofMinutes(10)));
    assertThat(at(in, "CORE-IMPORT-NOT-CARRIED"))
        .containsExactly("Ingress default/cors-limits 31:5");
  }

  @Test
  void two_tls_sections_make_two_apps_with_their_own_secret_and_the_verified_https_backend() {
    Imported in = convert("tls-two-hosts");
    for (String name : List.of("tls-two", "tls-two-2")) {
      WebSocketApp app = app(in, name);
      assertThat(app.tls().orElseThrow().redirect()).isFalse();
      assertThat(app.backendProtocol()).isEqualTo(BackendProtocol.HTTPS);
      assertThat(app.backendCaSecret()).contains("backend-ca");
    }
    assertThat(app(in, "tls-two").tls().orElseThrow().secretName()).isEqualTo("first-tls");
    assertThat(app(in, "tls-two-2").tls().orElseThrow().secretName()).isEqualTo("second-tls");
  }

  @Test
  void a_canary_is_reported_and_its_main_ingress_keeps_the_cookie() {
    Imported in = convert("canary-and-sticky");
    assertThat(app(in, "production").affinity()).contains(Affinity.cookie("stick"));
    assertThat(at(in, "CORE-IMPORT-NOT-CARRIED"))
        .containsExactly(
            "Ingress default/production-canary 33:5", "Ingress default/production-canary 34:5");
  }

  @Test
  void buffering_off_is_carried_and_http_1_0_blocks_the_upgrade() {
    Imported in = convert("buffering-and-version");
    WebSocketApp stream = app(in, "stream");
    assertThat(stream.responseBuffering()).isFalse();
    assertThat(stream.requestBuffering()).isFalse();
    assertThat(stream.idleTimeout()).isEqualTo(Duration.ofDays(1));
    assertThat(at(in, "NGINX-UPGRADE-BLOCKED"))
        .containsExactly("Ingress default/stream-http10 36:5");
    assertThat(at(in, "CORE-IMPORT-NOT-CARRIED"))
        .containsExactly("Ingress default/stream 12:5", "Ingress default/stream 13:5");
  }

  @Test
  void a_regex_path_is_dropped_with_its_line_and_its_neighbour_becomes_a_segment_prefix() {
    Imported in = convert("use-regex-cross-ingress");
    assertThat(at(in, "CORE-IMPORT-ROUTE-DROPPED"))
        .containsExactly("Ingress default/regex-owner 16:13");
    assertThat(at(in, "CORE-IMPORT-APPROXIMATED"))
        .containsExactly("Ingress default/regex-neighbour 36:13");
    assertThat(app(in, "regex-neighbour").routes().get(0).path()).isEqualTo("/live/socket.io");
  }

  /**
   * Every annotation of every Ingress is carried (a key the converter reads, valid) or reported.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "sticky-chat",
        "rewrite-capture",
        "timeouts-and-vhost",
        "cors-and-limits",
        "canary-and-sticky",
        "tls-two-hosts",
        "buffering-and-version",
        "use-regex-cross-ingress",
        "auth-alias-headers",
        "removed-and-default-backend"
      })
  void every_annotation_is_carried_or_reported_with_its_line(String name) {
    Manifests m = input(name);
    Imported in = convert(name);
    for (Finding f : in.findings()) {
      assertThat(f.source()).as("%s has a file and line", f).isPresent();
    }
    List<String> lost = new ArrayList<>();
    for (Manifest ing : m.objects("Ingress")) {
      for (String key : ing.annotations().keySet()) {
        Source at = ing.annotationSource(key);
        boolean reported =
            in.findings().stream().anyMatch(f -> f.source().map(at::equals).orElse(false));
        Optional<IngressAnnotations.Known> known = IngressAnnotations.known(key);
        boolean carried = known.isPresent() && known.get().carried();
        if (!carried && !reported) {
          lost.add(key + " at " + at);
        }
      }
    }
    assertThat(lost).as("annotations neither carried nor reported").isEmpty();
  }
}
