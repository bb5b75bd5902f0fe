package dev.wsingress.nginx;

import static dev.wsingress.testing.Renderings.codes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wsingress.Affinity;
import dev.wsingress.BackendProtocol;
import dev.wsingress.Finding;
import dev.wsingress.RateLimit;
import dev.wsingress.Rendering;
import dev.wsingress.Route;
import dev.wsingress.Severity;
import dev.wsingress.Tls;
import dev.wsingress.UnsupportedFeatureException;
import dev.wsingress.WebSocketApp;
import dev.wsingress.testing.Renderings;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Several routes with their own backends, plain HTTP routes and rewrites (issue 13): one Ingress
 * per group of routes with equal annotations.
 */
class NginxRoutesTest {
  private static final String P = "nginx.ingress.kubernetes.io/";

  /** The annotations ingress-nginx reads as WebSocket settings of a location. */
  static final Set<String> WEBSOCKET_KEYS =
      Set.of(
          P + "proxy-read-timeout",
          P + "proxy-send-timeout",
          P + "proxy-connect-timeout",
          P + "proxy-http-version",
          P + "proxy-buffering",
          P + "proxy-request-buffering",
          P + "affinity",
          P + "affinity-mode",
          P + "session-cookie-name",
          P + "session-cookie-max-age",
          P + "session-cookie-expires",
          P + "session-cookie-path",
          P + "session-cookie-secure",
          P + "session-cookie-samesite",
          P + "upstream-hash-by",
          P + "limit-rps",
          P + "limit-rpm",
          P + "limit-burst-multiplier",
          P + "limit-connections");

  /**
   * The three-backend app: /ws to the app's chat-ws:8080 with cookie affinity and a 3600 s
   * idle timeout, /api plain to chat-api:80 with a 30 s request timeout, /notify to notify's port
   * "http" rewritten to /ws, / plain to frontend:80, TLS with a redirect.
   */
  static WebSocketApp threeBackends() {
    return WebSocketApp.on("chat.example.com")
        .name("chat")
        .path("/ws")
        .service("chat-ws", 8080)
        .timeout(3600)
        .stickySessions(Affinity.cookie("chat-session"))
        .route(Route.http("/api").to("chat-api", 80).requestTimeout(Duration.ofSeconds(30)))
        .route(Route.websocket("/notify").to("notify", "http").rewriteTo("/ws"))
        .route(Route.http("/").to("frontend", 80))
        .tls(Tls.secret("chat-tls"))
        .build();
  }

  private static Ingress ingress(Rendering r, String name) {
    return r.objects(Ingress.class).stream()
        .filter(i -> i.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no Ingress " + name));
  }

  private static Map<String, String> annotations(Rendering r, String name) {
    return new TreeMap<>(ingress(r, name).getMetadata().getAnnotations());
  }

  /** Each path as {@code path pathType -> service:port}. */
  private static List<String> paths(Ingress ingress) {
    return ingress.getSpec().getRules().get(0).getHttp().getPaths().stream()
        .map(NginxRoutesTest::describe)
        .toList();
  }

  private static String describe(HTTPIngressPath p) {
    var s = p.getBackend().getService();
    Object port = s.getPort().getNumber() != null ? s.getPort().getNumber() : s.getPort().getName();
    return p.getPath() + " " + p.getPathType() + " -> " + s.getName() + ":" + port;
  }

  @Test
  void threeBackendsWithARewrite() {
    Rendering r = Nginx.target().render(threeBackends());

    assertThat(r.objects(Ingress.class))
        .extracting(i -> i.getMetadata().getName())
        .containsExactly("chat", "chat-http", "chat-http-api", "chat-rewrite-notify");
    assertThat(paths(ingress(r, "chat"))).containsExactly("/ws Prefix -> chat-ws:8080");
    assertThat(paths(ingress(r, "chat-http-api"))).containsExactly("/api Prefix -> chat-api:80");
    assertThat(paths(ingress(r, "chat-rewrite-notify")))
        .containsExactly("/notify(/|$)(.*) ImplementationSpecific -> notify:http");
    assertThat(paths(ingress(r, "chat-http"))).containsExactly("/ Prefix -> frontend:80");
    for (Ingress i : r.objects(Ingress.class)) {
      assertThat(i.getSpec().getTls().get(0).getSecretName()).isEqualTo("chat-tls");
      assertThat(i.getSpec().getRules())
          .extracting(rule -> rule.getHost())
          .containsExactly("chat.example.com");
    }
    Map<String, String> webSocket =
        Map.of(
            P + "affinity", "cookie",
            P + "affinity-mode", "balanced",
            P + "proxy-buffering", "off",
            P + "proxy-http-version", "1.1",
            P + "proxy-read-timeout", "3600",
            P + "proxy-request-buffering", "off",
            P + "proxy-send-timeout", "3600",
            P + "session-cookie-name", "chat-session",
            P + "ssl-redirect", "true");
    assertThat(annotations(r, "chat")).containsExactlyInAnyOrderEntriesOf(webSocket);
    Map<String, String> rewritten = new TreeMap<>(webSocket);
    rewritten.put(P + "rewrite-target", "/ws$1$2");
    // Without it the cookie's Path would be the regular expression (balancer/sticky.lua).
    rewritten.put(P + "session-cookie-path", "/notify");
    rewritten.put(P + "use-regex", "true");
    assertThat(annotations(r, "chat-rewrite-notify")).containsExactlyInAnyOrderEntriesOf(rewritten);
    assertThat(annotations(r, "chat-http-api"))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                P + "proxy-read-timeout", "30",
                P + "proxy-send-timeout", "30",
                P + "ssl-redirect", "true"));
    assertThat(annotations(r, "chat-http"))
        .containsExactlyInAnyOrderEntriesOf(Map.of(P + "ssl-redirect", "true"));
    assertThat(codes(r))
        .containsExactly(
            "INFO NGINX-RETIRED",
            "INFO NGINX-INGRESS-CLASS-AMBIGUOUS",
            "INFO NGINX-PLAIN-WS-REDIRECT",
            "INFO NGINX-REQUEST-TIMEOUT-IDLE",
            "WARNING NGINX-REWRITE-REGEX-HOST");
    assertThat(r.finding("NGINX-PLAIN-WS-REDIRECT").orElseThrow().subject())
        .isEqualTo("Ingress default/chat");
    assertThat(r.finding("NGINX-REQUEST-TIMEOUT-IDLE").orElseThrow())
        .isEqualTo(
            new Finding(
                "NGINX-REQUEST-TIMEOUT-IDLE",
                Severity.INFO,
                "Ingress default/chat-http-api",
                "proxy-read-timeout and proxy-send-timeout 30 on plain route /api limit each wait"
                    + " between two reads from or two writes to the backend (configmap.md), not"
                    + " the whole request: a response that keeps sending data can last longer"
                    + " than 30 s.",
                "Nothing to do for requests answered in one piece; bound long streaming responses"
                    + " in the application."));
    assertThat(r.finding("NGINX-REWRITE-REGEX-HOST").orElseThrow())
        .isEqualTo(
            new Finding(
                "NGINX-REWRITE-REGEX-HOST",
                Severity.WARNING,
                "Ingress default/chat-rewrite-notify",
                "rewrite-target makes ingress-nginx match every path of host chat.example.com as a"
                    + " case-insensitive regular expression (location ~* \"^<path>\"), on every"
                    + " Ingress of that host (docs/user-guide/ingress-path-matching.md; template.go"
                    + " enforceRegexModifier): a Prefix path /a then also matches /ab and /A, and"
                    + " an Exact path matches as a prefix. The rewritten routes have an Ingress of"
                    + " their own because rewrite-target rewrites every path of its Ingress.",
                "Check every other path of those hosts, on every Ingress: they are matched as"
                    + " case-insensitive regular expressions too. To keep whole-segment matching"
                    + " there, rewrite in the application or serve the rewritten routes on a host"
                    + " of their own."));
    Renderings.verify(r);
  }

  @Test
  void plain_routes_carry_no_websocket_annotations() {
    WebSocketApp app =
        threeBackends().toBuilder()
            .rateLimit(RateLimit.handshakesPerSecond(5).burst(10))
            .maxConnectionsPerClient(20)
            .connectTimeout(Duration.ofSeconds(10))
            .responseBuffering(true)
            .build();

    Rendering r = Nginx.target().render(app);

    for (String plain : List.of("chat-http", "chat-http-api")) {
      assertThat(annotations(r, plain).keySet())
          .as(plain)
          .doesNotContain(
              P + "proxy-connect-timeout",
              P + "proxy-http-version",
              P + "proxy-buffering",
              P + "proxy-request-buffering",
              P + "affinity",
              P + "session-cookie-name",
              P + "limit-rps",
              P + "limit-burst-multiplier",
              P + "limit-connections");
    }
    // /api's only timeouts are its own request timeout; / keeps every controller default.
    assertThat(annotations(r, "chat-http-api"))
        .containsEntry(P + "proxy-read-timeout", "30")
        .containsEntry(P + "proxy-send-timeout", "30");
    assertThat(annotations(r, "chat-http").keySet()).doesNotContainAnyElementsOf(WEBSOCKET_KEYS);
    // Both WebSocket Ingresses carry every WebSocket setting.
    for (String ws : List.of("chat", "chat-rewrite-notify")) {
      assertThat(annotations(r, ws))
          .as(ws)
          .containsEntry(P + "proxy-connect-timeout", "10")
          .containsEntry(P + "limit-rps", "5")
          .containsEntry(P + "limit-burst-multiplier", "2")
          .containsEntry(P + "limit-connections", "20")
          .containsEntry(P + "proxy-buffering", "on");
    }
    // Their zones are per Ingress.
    assertThat(r.finding("NGINX-LIMIT-PER-INGRESS").orElseThrow())
        .isEqualTo(
            new Finding(
                "NGINX-LIMIT-PER-INGRESS",
                Severity.WARNING,
                "Ingress default/chat",
                "limit-rps and limit-connections count per Ingress"
                    + " (internal/ingress/annotations/ratelimit/main.go: one zone per Ingress), and"
                    + " the WebSocket routes are on 2 Ingresses (chat, chat-rewrite-notify): a"
                    + " client gets the limit on each of them.",
                "Divide the intended limit by the number of WebSocket Ingresses, or rewrite in"
                    + " the application so that the WebSocket routes share one Ingress."));
    // The app-wide findings appear once.
    assertThat(r.findings("NGINX-RATE-LIMIT-PER-REPLICA")).hasSize(1);
    assertThat(r.findings("NGINX-PLAIN-WS-REDIRECT")).hasSize(1);
  }

  @Test
  void plain_route_buffering_is_its_own() {
    WebSocketApp app =
        WebSocketApp.on("ws.example.com")
            .name("chat")
            .service("ws", 8080)
            .path("/ws")
            .route(Route.http("/upload").buffering(true))
            .route(Route.http("/events").buffering(false))
            .build();

    Rendering r = Nginx.target().ingressClass("ingress-nginx").render(app);

    assertThat(r.objects(Ingress.class))
        .extracting(i -> i.getMetadata().getName())
        .containsExactly("chat", "chat-http-events", "chat-http-upload");
    assertThat(annotations(r, "chat-http-upload"))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(P + "proxy-buffering", "on", P + "proxy-request-buffering", "on"));
    assertThat(annotations(r, "chat-http-events"))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(P + "proxy-buffering", "off", P + "proxy-request-buffering", "off"));
    // Both go to the app's own service.
    assertThat(paths(ingress(r, "chat-http-upload"))).containsExactly("/upload Prefix -> ws:8080");
  }

  @Test
  void routes_with_equal_settings_share_an_ingress() {
    WebSocketApp app =
        WebSocketApp.on("ws.example.com")
            .name("chat")
            .service("ws", 8080)
            .path("/ws")
            .route(Route.websocket("/live").to("live", 9000))
            .route(Route.http("/api").to("api", 80))
            .route(Route.http("/static").to("cdn", 80))
            .route(Route.websocket("/a").rewriteTo("/ws"))
            .route(Route.websocket("/b").rewriteTo("/ws"))
            .route(Route.websocket("/c").rewriteTo("/"))
            .build();

    Rendering r = Nginx.target().ingressClass("ingress-nginx").render(app);

    assertThat(r.objects(Ingress.class))
        .extracting(i -> i.getMetadata().getName() + " " + paths(i))
        .containsExactly(
            "chat [/ws Prefix -> ws:8080, /live Prefix -> live:9000]",
            "chat-http [/api Prefix -> api:80, /static Prefix -> cdn:80]",
            "chat-rewrite-a [/a(/|$)(.*) ImplementationSpecific -> ws:8080,"
                + " /b(/|$)(.*) ImplementationSpecific -> ws:8080]",
            "chat-rewrite-c [/c(/|$)(.*) ImplementationSpecific -> ws:8080]");
    assertThat(annotations(r, "chat-rewrite-a")).containsEntry(P + "rewrite-target", "/ws$1$2");
    assertThat(annotations(r, "chat-rewrite-c")).containsEntry(P + "rewrite-target", "/$2");
    // Cookie affinity on a rewritten route: the cookie's Path is the route's prefix.
    Rendering sticky =
        Nginx.target()
            .render(
                app.toBuilder()
                    .stickySessions(Affinity.cookie("srv"))
                    .route(Route.websocket("/live/v2/").rewriteTo("/live"))
                    .build());
    assertThat(annotations(sticky, "chat-rewrite-live-v2"))
        .containsEntry(P + "session-cookie-path", "/live/v2")
        .containsEntry(P + "rewrite-target", "/live$1$2");
    assertThat(annotations(sticky, "chat")).doesNotContainKey(P + "session-cookie-path");
    // One host-wide regex warning for the app, however many rewrite Ingresses.
    assertThat(r.findings("NGINX-REWRITE-REGEX-HOST")).hasSize(1);
  }

  /**
   * What nginx does with {@code location ~* "^<path>"} and {@code rewrite "(?i)<path>" <target>
   * break;} (template.go buildLocation, buildProxyPass): Java's regex and {@code replaceFirst} use
   * the same {@code $n} references for the simple patterns written here.
   */
  private static String nginxRewrite(Route route, String requestPath) {
    Pattern location = Pattern.compile("(?i)^" + Rewrites.regexPath(route));
    if (!location.matcher(requestPath).find()) {
      return null;
    }
    return location.matcher(requestPath).replaceFirst(Rewrites.target(route));
  }

  @Test
  void the_rewrite_replaces_the_matched_prefix_and_keeps_the_rest() {
    Route notify = Route.websocket("/notify").rewriteTo("/ws");
    assertThat(nginxRewrite(notify, "/notify")).isEqualTo("/ws");
    assertThat(nginxRewrite(notify, "/notify/")).isEqualTo("/ws/");
    assertThat(nginxRewrite(notify, "/notify/a/b")).isEqualTo("/ws/a/b");
    assertThat(nginxRewrite(notify, "/notifyx")).isNull();

    Route strip = Route.http("/api/v1/").rewriteTo("/");
    assertThat(Rewrites.regexPath(strip)).isEqualTo("/api/v1(/|$)(.*)");
    assertThat(nginxRewrite(strip, "/api/v1")).isEqualTo("/");
    assertThat(nginxRewrite(strip, "/api/v1/users")).isEqualTo("/users");
    assertThat(nginxRewrite(strip, "/api/v10")).isNull();

    Route dotted = Route.websocket("/socket.io").rewriteTo("/io/");
    assertThat(Rewrites.regexPath(dotted)).isEqualTo("/socket\\.io(/|$)(.*)");
    assertThat(Rewrites.target(dotted)).isEqualTo("/io$1$2");
    assertThat(nginxRewrite(dotted, "/socketXio")).isNull();
    assertThat(nginxRewrite(dotted, "/socket.io/x")).isEqualTo("/io/x");

    Route root = Route.http("/").rewriteTo("/app");
    assertThat(Rewrites.regexPath(root)).isEqualTo("/(.*)");
    assertThat(nginxRewrite(root, "/a/b")).isEqualTo("/app/a/b");
  }

  @Test
  void a_rewrite_target_that_annotation_validation_refuses() {
    WebSocketApp app =
        WebSocketApp.on("ws.example.com")
            .name("chat")
            .service("ws", 8080)
            .route(Route.websocket("/n").rewriteTo("/v1,2"))
            .build();

    UnsupportedFeatureException e =
        catchThrowableOfType(UnsupportedFeatureException.class, () -> Nginx.target().render(app));
    assertThat(e.errors())
        .containsExactly(
            new Finding(
                "NGINX-REWRITE-REFUSED",
                Severity.ERROR,
                "Ingress default/chat-rewrite-n",
                "ingress-nginx v1.15 ignores rewrite-target /v1,2$1$2 for route /n: annotation"
                    + " validation, on by default from v1.12, accepts only letters, digits, '-',"
                    + " '.', '_', '~', '/', ':' and '$' in it, and rewrite/main.go then leaves the"
                    + " rewrite target empty: the route is not rewritten.",
                "Use only letters, digits, '-', '.', '_', '~', '/' and ':' in a rewritten route's"
                    + " path and its rewrite, or render for the release the cluster runs if it"
                    + " predates v1.12."));
    Rendering lenient = Nginx.target().lenient().render(app);
    assertThat(lenient.finding("NGINX-REWRITE-REFUSED").orElseThrow().severity())
        .isEqualTo(Severity.WARNING);
    assertThat(annotations(lenient, "chat-rewrite-n"))
        .containsEntry(P + "rewrite-target", "/v1,2$1$2");
    // v1.11 does not validate annotation values by default.
    assertThat(Nginx.target().version("1.11").render(app).findings())
        .extracting(Finding::code)
        .doesNotContain("NGINX-REWRITE-REFUSED");
  }

  @Test
  void a_rewritten_path_is_not_judged_by_the_path_type_check() {
    WebSocketApp app =
        WebSocketApp.on("ws.example.com")
            .name("chat")
            .service("ws", 8080)
            .path("/ws")
            .route(Route.websocket("/a~b").rewriteTo("/ws"))
            .build();

    Rendering r = Nginx.target().render(app);

    // ValidatePathType skips ImplementationSpecific paths; the Prefix /ws is checked as before.
    assertThat(r.findings()).extracting(Finding::code).doesNotContain("NGINX-PATH-REFUSED");
    Rendering prefix =
        Nginx.target()
            .lenient()
            .render(
                WebSocketApp.on("ws.example.com")
                    .name("chat")
                    .service("ws", 8080)
                    .path("/ws")
                    .route(Route.http("/a~b"))
                    .build());
    assertThat(prefix.finding("NGINX-PATH-REFUSED").orElseThrow().subject())
        .isEqualTo("Ingress default/chat-http");
  }

  @Test
  void a_plain_route_on_the_websocket_service_port_shares_its_hash() {
    WebSocketApp app =
        WebSocketApp.on("ws.example.com")
            .name("chat")
            .service("ws", 8080)
            .path("/ws")
            .stickySessions(Affinity.clientIp())
            .route(Route.http("/api"))
            .route(Route.http("/other").to("other", 80))
            .build();

    Rendering r = Nginx.target().ingressClass("ingress-nginx").render(app);

    assertThat(r.objects(Ingress.class))
        .extracting(i -> i.getMetadata().getName() + " " + paths(i))
        .containsExactly(
            "chat [/ws Prefix -> ws:8080]",
            "chat-http [/api Prefix -> ws:8080]",
            "chat-http-other [/other Prefix -> other:80]");
    assertThat(annotations(r, "chat-http"))
        .containsExactlyInAnyOrderEntriesOf(Map.of(P + "upstream-hash-by", "$remote_addr"));
    assertThat(annotations(r, "chat-http-other")).isEmpty();
    assertThat(r.finding("NGINX-UPSTREAM-SHARED").orElseThrow())
        .isEqualTo(
            new Finding(
                "NGINX-UPSTREAM-SHARED",
                Severity.INFO,
                "Ingress default/chat-http",
                "plain route /api goes to ws:8080 like the WebSocket routes, and ingress-nginx"
                    + " keeps one upstream per Service port, set up by the oldest Ingress that uses"
                    + " it (controller.go createUpstreams): upstream-hash-by $remote_addr is"
                    + " written for the plain route too, so the result does not depend on which"
                    + " Ingress is older.",
                "Send the plain route to a Service port of its own if the WebSocket routes' hash"
                    + " should not balance it."));
  }

  @Test
  void https_backends_are_verified_by_each_route_service_name() {
    WebSocketApp app =
        WebSocketApp.on("ws.example.com")
            .name("chat")
            .service("ws", 8443)
            .path("/ws")
            .route(Route.http("/api").to("api", 443))
            .backendProtocol(BackendProtocol.HTTPS)
            .backendCaSecret("backend-ca")
            .build();

    Rendering r = Nginx.target().ingressClass("ingress-nginx").render(app);

    assertThat(annotations(r, "chat")).containsEntry(P + "proxy-ssl-name", "ws.default.svc");
    assertThat(annotations(r, "chat-http"))
        .containsEntry(P + "proxy-ssl-name", "api.default.svc")
        .containsEntry(P + "backend-protocol", "HTTPS")
        .containsEntry(P + "proxy-ssl-verify", "on");
  }

  @Test
  void the_raw_server_snippet_is_on_the_first_ingress_only() {
    Rendering r =
        Nginx.target()
            .ingressClass("ingress-nginx")
            .rawServerSnippet("add_header X-Frame-Options \"SAMEORIGIN\";")
            .render(threeBackends());

    assertThat(
            r.objects(Ingress.class).stream()
                .filter(i -> i.getMetadata().getAnnotations().containsKey(P + "server-snippet"))
                .map(i -> i.getMetadata().getName())
                .collect(Collectors.toList()))
        .containsExactly("chat");
    assertThat(r.findings("NGINX-RAW-SNIPPET")).hasSize(1);
  }

  @Test
  void the_three_backend_rendering_is_deterministic() {
    String first = Nginx.target().render(threeBackends()).toYaml();
    String again = Nginx.target().render(threeBackends().toBuilder().build()).toYaml();

    assertThat(again).isEqualTo(first);
  }

  @Test
  void every_annotation_key_reads_back_what_it_writes() {
    assertThat(IngressAnnotations.ALL).hasSize(36);
    assertThat(IngressAnnotations.PROXY_READ_TIMEOUT.parse("3600")).isEqualTo(Duration.ofHours(1));
    assertThat(IngressAnnotations.PROXY_READ_TIMEOUT.controllerDefault())
        .isEqualTo(Duration.ofSeconds(60));
    assertThat(IngressAnnotations.PROXY_BUFFERING.parse("off")).isFalse();
    assertThat(IngressAnnotations.PROXY_BUFFERING.format(true)).isEqualTo("on");
    assertThat(IngressAnnotations.USE_REGEX.parse("True")).isTrue();
    assertThat(IngressAnnotations.SSL_REDIRECT.controllerDefault()).isTrue();
    assertThat(IngressAnnotations.LIMIT_BURST_MULTIPLIER.controllerDefault()).isEqualTo(5);
    assertThat(IngressAnnotations.CORS_ALLOW_ORIGIN.parse("  https://a.example \n"))
        .isEqualTo("https://a.example");
    // What the controller refuses: a unit on a time, "yes" for a bool, "ON" for on/off.
    for (Runnable bad :
        List.<Runnable>of(
            () -> IngressAnnotations.PROXY_READ_TIMEOUT.parse("3600s"),
            () -> IngressAnnotations.USE_REGEX.parse("yes"),
            () -> IngressAnnotations.PROXY_BUFFERING.parse("ON"),
            () -> IngressAnnotations.SESSION_COOKIE_NAME.parse(" "))) {
      assertThat(catchThrowableOfType(IllegalArgumentException.class, bad::run)).isNotNull();
    }
    // Every value the three-backend rendering writes parses with its key's own rule.
    Rendering r = Nginx.target().render(threeBackends());
    for (Ingress i : r.objects(Ingress.class)) {
      i.getMetadata()
          .getAnnotations()
          .forEach(
              (key, value) -> {
                IngressAnnotations.Key<?> k =
                    IngressAnnotations.ALL.stream()
                        .filter(candidate -> candidate.key().equals(key))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("not in the table: " + key));
                assertThat(k.parse(value)).as(key).isNotNull();
              });
    }
  }
}
