package dev.wsingress.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.Affinity;
import dev.wsingress.Finding;
import dev.wsingress.HealthCheck;
import dev.wsingress.Import;
import dev.wsingress.Imported;
import dev.wsingress.JavaDsl;
import dev.wsingress.Manifests;
import dev.wsingress.RateLimit;
import dev.wsingress.Route;
import dev.wsingress.Severity;
import dev.wsingress.Targets;
import dev.wsingress.WebSocketApp;
import dev.wsingress.platform.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Inputs that no renderer of ours wrote, converted (issue 16): every setting is carried into the
 * app or reported with its code, object, file and line. The fixtures are written in the style of
 * the seed, of haproxytech's e2e manifests and of its documentation.
 */
class HaProxyImportTest {

  static Manifests input(String name) {
    String path = "import/" + name + ".yaml";
    try (InputStream in = HaProxyImportTest.class.getResourceAsStream(path)) {
      return Manifests.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Imported convert(String name) {
    return Import.with(HaProxy.target()).from(input(name));
  }

  /** The import's findings at WARNING or above, as {@code line SEVERITY CODE subject: message}. */
  static List<String> warnings(Imported in) {
    return in.findings().stream()
        .filter(f -> f.severity() != Severity.INFO)
        .map(
            f ->
                f.source().orElseThrow().line()
                    + " "
                    + f.severity()
                    + " "
                    + f.code()
                    + " "
                    + f.subject()
                    + ": "
                    + f.message())
        .toList();
  }

  @Test
  void the_seeds_ingress_and_configmap() {
    Imported in = convert("seed-haproxy");
    assertThat(in.apps()).hasSize(1);
    WebSocketApp app = in.apps().get(0);
    // Carried: load-balance (leastconn is the writer's own), the cookie, the check, the
    // ConfigMap's tunnel (1 h, the spec's default) and connect timeouts and check interval.
    assertThat(JavaDsl.of(app).expression())
        .isEqualTo(
            "WebSocketApp.on(\"ws.example.com\")\n"
                + "    .name(\"websocket-ingress\")\n"
                + "    .path(\"/ws\")\n"
                + "    .service(\"websocket-service\", 8080)\n"
                + "    .connectTimeout(Duration.ofSeconds(30))\n"
                + "    .stickySessions(Affinity.cookie(\"ws-server\").httpOnly(false))\n"
                + "    .healthCheck(HealthCheck.http(\"/health\").interval(Duration.ofSeconds(10)))\n"
                + "    .build()");
    assertThat(in.importedApps().get(0).target())
        .isEqualTo(HaProxy.target().controllerConfig("haproxy-ingress", "haproxy-configmap"));
    // Reported: what haproxytech ignores (so there is nothing to carry), and keys it does not
    // know, each with its line.
    assertThat(warnings(in))
        .containsExactly(
            "7 WARNING HAPROXY-CONFIGMAP-ONLY-KEY Ingress default/websocket-ingress: the annotation"
                + " haproxy.org/timeout-tunnel is read from the controller ConfigMap only"
                + " (documentation/annotations.md, \"Available on\": configmap), so haproxytech"
                + " ignores it on an Ingress: the tunnel timeout, which governs an idle upgraded"
                + " WebSocket, stays the ConfigMap's or its default of 1h.",
            // Controller-wide keys with other values than their defaults (timeout-http-keep-alive
            // 60s is the default 1m).
            "34 WARNING CORE-IMPORT-NOT-CARRIED ConfigMap haproxy-ingress/haproxy-configmap: the"
                + " ConfigMap key timeout-client is not carried: it applies to every Ingress the"
                + " controller serves, and wsingress does not model timeout-client yet"
                + " (documentation/annotations.md).",
            "37 WARNING CORE-IMPORT-NOT-CARRIED ConfigMap haproxy-ingress/haproxy-configmap: the"
                + " ConfigMap key timeout-http-request is not carried: it applies to every Ingress"
                + " the controller serves, and wsingress does not model timeout-http-request yet"
                + " (documentation/annotations.md).",
            "39 WARNING CORE-IMPORT-NOT-CARRIED ConfigMap haproxy-ingress/haproxy-configmap: the"
                + " ConfigMap key timeout-queue is not carried: it applies to every Ingress the"
                + " controller serves, and wsingress does not model timeout-queue yet"
                + " (documentation/annotations.md).",
            "42 WARNING HAPROXY-UNKNOWN-KEY ConfigMap haproxy-ingress/haproxy-configmap: the"
                + " ConfigMap key option-http-server-close is not a haproxytech key"
                + " (documentation/annotations.md).",
            "43 WARNING HAPROXY-UNKNOWN-KEY ConfigMap haproxy-ingress/haproxy-configmap: the"
                + " ConfigMap key option-forwardfor is not a haproxytech key"
                + " (documentation/annotations.md).",
            "46 WARNING HAPROXY-UNKNOWN-KEY ConfigMap haproxy-ingress/haproxy-configmap: the"
                + " ConfigMap key balance-algorithm is not a haproxytech key"
                + " (documentation/annotations.md); it is a key of the jcmoraisjr HAProxy Ingress"
                + " (haproxy-ingress.github.io), another controller.",
            "50 WARNING HAPROXY-UNKNOWN-KEY ConfigMap haproxy-ingress/haproxy-configmap: the"
                + " ConfigMap key check-timeout is not a haproxytech key"
                + " (documentation/annotations.md).",
            "51 WARNING HAPROXY-UNKNOWN-KEY ConfigMap haproxy-ingress/haproxy-configmap: the"
                + " ConfigMap key check-rise is not a haproxytech key"
                + " (documentation/annotations.md).",
            "52 WARNING HAPROXY-UNKNOWN-KEY ConfigMap haproxy-ingress/haproxy-configmap: the"
                + " ConfigMap key check-fall is not a haproxytech key"
                + " (documentation/annotations.md).",
            "55 WARNING HAPROXY-UNKNOWN-KEY ConfigMap haproxy-ingress/haproxy-configmap: the"
                + " ConfigMap key cookie is not a haproxytech key (documentation/annotations.md).",
            "58 WARNING HAPROXY-UNKNOWN-KEY ConfigMap haproxy-ingress/haproxy-configmap: the"
                + " ConfigMap key rate-limit-sessions is not a haproxytech key"
                + " (documentation/annotations.md).");
  }

  @Test
  void e2e_style_keys_without_prefix_a_port_by_name_and_a_rewrite_the_spec_cannot_hold() {
    Imported in = convert("upstream-style");
    WebSocketApp app = in.apps().get(0);
    assertThat(JavaDsl.of(app).expression())
        .isEqualTo(
            "WebSocketApp.on(\"echo.example.com\")\n"
                + "    .namespace(\"apps\")\n"
                + "    .label(\"app\", \"echo-ws\")\n"
                + "    .path(\"/socket.io\")\n"
                + "    .service(\"echo-ws\", \"http\")\n"
                + "    .route(Route.http(\"/echo\").to(\"echo-http\", 8080)"
                + ".requestTimeout(Duration.ofSeconds(90)))\n"
                + "    .stickySessions(Affinity.cookie(\"mycookie\").httpOnly(false))\n"
                + "    .build()");
    assertThat(warnings(in))
        .containsExactly(
            "53 WARNING CORE-IMPORT-NOT-CARRIED Ingress apps/echo-ws: timeout-server 90 s on a"
                + " WebSocket route is not carried: the spec's WebSocket routes have no request"
                + " timeout; their idle timeout is the tunnel timeout.",
            "54 WARNING CORE-IMPORT-NOT-CARRIED Ingress apps/echo-ws: the path rewrite"
                + " path-rewrite: \"/echo/(.*) /\\1\" of /echo is not carried: the spec rewrites a"
                + " Prefix path's matched prefix and keeps the rest, and this replace-path is not"
                + " such a rewrite; the converted route does not rewrite.",
            "54 WARNING CORE-IMPORT-NOT-CARRIED Ingress apps/echo-ws: the path rewrite"
                + " path-rewrite: \"/echo/(.*) /\\1\" of /socket.io is not carried: the spec"
                + " rewrites a Prefix path's matched prefix and keeps the rest, and this"
                + " replace-path is not such a rewrite; the converted route does not rewrite.",
            "55 WARNING CORE-IMPORT-NOT-CARRIED Ingress apps/echo-ws: the annotation"
                + " haproxy.org/ssl-redirect-code is not carried: wsingress does not model"
                + " ssl-redirect-code yet (documentation/annotations.md).");
  }

  @Test
  void a_backend_resource_with_sections_the_spec_has_no_words_for() {
    Imported in = convert("backend-resource-style");
    WebSocketApp app = in.apps().get(0);
    assertThat(app.idleTimeout()).isEqualTo(Duration.ofHours(2));
    assertThat(app.connectTimeout()).contains(Duration.ofSeconds(10));
    assertThat(app.affinity()).contains(Affinity.cookie("SRV").httpOnly(false));
    assertThat(app.healthCheck())
        .contains(HealthCheck.http("/healthz").interval(Duration.ofSeconds(5)).rise(3).fall(2));
    assertThat(app.tls().orElseThrow().secretName()).isEqualTo("ws-tls");
    assertThat(in.importedApps().get(0).target()).isEqualTo(HaProxy.target().backendResource());
    assertThat(warnings(in))
        .containsExactly(
            "28 WARNING CORE-IMPORT-NOT-CARRIED Backend apps/ws-backend: the field"
                + " spec.stick_table is not carried: wsingress does not model it yet.",
            "32 WARNING CORE-IMPORT-NOT-CARRIED Backend apps/ws-backend: the field"
                + " spec.http_request_rule_list is not carried: wsingress does not model it yet.");
  }

  @Test
  void documented_annotations_with_a_header_hash_a_rate_window_and_a_cors_pattern() {
    Imported in = convert("docs-style");
    WebSocketApp app = in.apps().get(0);
    assertThat(app.affinity()).contains(Affinity.header("X-User"));
    // 15 per 10 s: the spec counts per second or minute, so the same average rate.
    assertThat(app.rateLimit()).contains(RateLimit.handshakesPerMinute(90));
    assertThat(app.healthCheck())
        .contains(HealthCheck.http("/health").interval(Duration.ofSeconds(5)));
    assertThat(app.cors()).isEmpty();
    assertThat(app.routes())
        .contains(Route.http("/api").to("chat", 8080).requestTimeout(Duration.ofSeconds(30)));
    assertThat(warnings(in))
        .containsExactly(
            "9 WARNING HAPROXY-RATE-LIMIT Ingress default/chat: rate-limit-requests counts the"
                + " requests of each source address in a stick table of each controller pod"
                + " (pkg/annotations/ingress/reqRateLimit.go; the peers section localinstance"
                + " holds the pod alone, pkg/controller/controller.go Start), so with N pods a"
                + " client gets up to N times the limit, and for a WebSocket it counts the"
                + " handshakes only.",
            "10 WARNING CORE-IMPORT-NOT-CARRIED Ingress default/chat: the rate-limit-period 10s is"
                + " not carried: the spec counts per second or per minute, so 90 per minute (the"
                + " same average rate) is carried.",
            "13 WARNING CORE-IMPORT-NOT-CARRIED Ingress default/chat: the CORS origin pattern"
                + " haproxy.org/cors-allow-origin: \"^https://(.+\\.)?example\\.com$\" is not"
                + " carried: the spec holds a list of origins, and this regular expression is not"
                + " one.",
            "18 WARNING CORE-IMPORT-NOT-CARRIED Ingress default/chat: the annotation"
                + " haproxy.org/backend-config-snippet is not carried: wsingress does not model"
                + " backend-config-snippet yet (documentation/annotations.md).");
  }

  @Test
  void the_cookie_on_the_service_the_platform_kit_renders_comes_back() {
    // Annotation mode puts cookie-persistence on the app's own Service (the platform's object):
    // the reader takes it from there, as the controller does, with its meaning: no HttpOnly.
    WebSocketApp app =
        WebSocketApp.on("chat.example.com")
            .name("chat")
            .path("/ws")
            .service("chat-ws", 8080)
            .stickySessions(Affinity.cookie("chat-session"))
            .build();
    String yaml = Targets.render(app, HaProxy.target(), Platform.target()).toYaml();
    Imported in = Import.with(HaProxy.target()).from(Manifests.parse(yaml, "rendered.yaml"));
    assertThat(in.apps().get(0).affinity())
        .contains(Affinity.cookie("chat-session").httpOnly(false));
    assertThat(in.importedApps().get(0).sources())
        .extracting(m -> m.subject())
        .containsExactly("Service default/chat-ws", "Ingress default/chat");
    assertThat(in.findings()).extracting(Finding::severity).containsOnly(Severity.INFO);
  }

  @Test
  void timeouts_without_a_unit_are_milliseconds_as_haproxytech_reads_them() {
    // utils.ParseTime (pkg/utils/utils.go at v3.2.11): a number without a unit is milliseconds.
    // The import carries what the controller does (a 3.6 s tunnel, a 10 ms check interval the
    // spec refuses, 30 s and 5 s where milliseconds were meant) and reports each value.
    Imported in = convert("unitless-timeouts");
    assertThat(JavaDsl.of(in.apps().get(0)).expression())
        .isEqualTo(
            "WebSocketApp.on(\"feed.example.com\")\n"
                + "    .path(\"/cable\")\n"
                + "    .service(\"feed\", 8080)\n"
                + "    .route(Route.http(\"/api\").to(\"feed-api\", 80)"
                + ".requestTimeout(Duration.ofSeconds(30)))\n"
                + "    .timeout(Duration.ofSeconds(4))\n"
                + "    .connectTimeout(Duration.ofSeconds(5))\n"
                + "    .build()");
    assertThat(in.importedApps().get(0).target())
        .isEqualTo(
            HaProxy.target().controllerConfig("haproxy-controller", "haproxy-kubernetes-ingress"));
    assertThat(warnings(in))
        .containsExactly(
            "9 WARNING CORE-IMPORT-APPROXIMATED Ingress default/feed: the idle timeout is 3600 ms"
                + " (controller-wide, import/unitless-timeouts.yaml:9:3); the spec holds whole"
                + " seconds, so 4 s is carried.",
            "9 WARNING HAPROXY-TIME-UNITLESS ConfigMap"
                + " haproxy-controller/haproxy-kubernetes-ingress: the ConfigMap key"
                + " timeout-tunnel: \"3600\" has no unit, so haproxytech reads it as 3600 ms (3.6"
                + " s): utils.ParseTime (pkg/utils/utils.go) takes a number without a unit as"
                + " milliseconds; 3600s would be 3600 seconds.",
            "9 WARNING HAPROXY-TUNNEL-TIMEOUT-SHORT Ingress default/feed: the WebSocket route"
                + " feed.example.com/cable closes an upgraded connection after 3.6 s without"
                + " traffic: its tunnel timeout is 3600 ms (controller-wide,"
                + " import/unitless-timeouts.yaml:9:3).",
            "19 WARNING CORE-IMPORT-REFUSED Ingress default/feed: the health check is refused by"
                + " the spec (healthCheck.interval = PT0.01S: must be whole seconds from 1s to 1h);"
                + " it is left out.",
            "20 WARNING HAPROXY-TIME-UNITLESS Ingress default/feed: the annotation"
                + " haproxy.org/check-interval: \"10\" has no unit, so haproxytech reads it as 10"
                + " ms: utils.ParseTime (pkg/utils/utils.go) takes a number without a unit as"
                + " milliseconds; 10s would be 10 seconds.");
    // Milliseconds that read as meant are INFO, with the value in seconds.
    assertThat(in.findings())
        .filteredOn(f -> f.code().equals("HAPROXY-TIME-MILLISECONDS"))
        .extracting(f -> f.source().orElseThrow().line() + " " + f.subject())
        .containsExactly(
            "10 ConfigMap haproxy-controller/haproxy-kubernetes-ingress",
            "41 Ingress default/feed-api");
  }
}
