package dev.wsingress.haproxy;

import static dev.wsingress.testing.Renderings.codes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wsingress.Affinity;
import dev.wsingress.Finding;
import dev.wsingress.HealthCheck;
import dev.wsingress.RateLimit;
import dev.wsingress.Rendering;
import dev.wsingress.Route;
import dev.wsingress.ServedRoute;
import dev.wsingress.Severity;
import dev.wsingress.Targets;
import dev.wsingress.Tls;
import dev.wsingress.UnsupportedFeatureException;
import dev.wsingress.WebSocketApp;
import dev.wsingress.platform.Platform;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Several routes with their own backends, plain HTTP routes and rewrites (issue 13): one Ingress
 * per group of routes with equal annotations, backend settings per Service port.
 */
class HaProxyRoutesTest {
  private static final String P = "haproxy.org/";

  /** The annotations that carry WebSocket settings (frontend rate limit, backend balancing). */
  static final Set<String> WEBSOCKET_KEYS =
      Set.of(
          P + "rate-limit-requests",
          P + "rate-limit-period",
          P + "rate-limit-status-code",
          P + "load-balance",
          P + "cookie-persistence",
          P + "cr-backend");

  /** The three-backend app (see the nginx target's NginxRoutesTest). */
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

  /** This target's findings as {@code SEVERITY CODE}, without those of the platform kit. */
  private static List<String> haproxyCodes(Rendering r) {
    return codes(r).stream().filter(c -> c.contains(" HAPROXY-")).toList();
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

  private static List<String> paths(Ingress ingress) {
    return ingress.getSpec().getRules().get(0).getHttp().getPaths().stream()
        .map(HaProxyRoutesTest::describe)
        .toList();
  }

  private static String describe(HTTPIngressPath p) {
    var s = p.getBackend().getService();
    Object port = s.getPort().getNumber() != null ? s.getPort().getNumber() : s.getPort().getName();
    return p.getPath() + " " + p.getPathType() + " -> " + s.getName() + ":" + port;
  }

  @Test
  void threeBackendsWithARewrite() {
    Rendering r = Targets.render(threeBackends(), HaProxy.target(), Platform.target());

    assertThat(r.objects(Ingress.class))
        .extracting(i -> i.getMetadata().getName() + " " + paths(i))
        .containsExactly(
            "chat [/ws Prefix -> chat-ws:8080]",
            "chat-http [/ Prefix -> frontend:80]",
            "chat-http-api [/api Prefix -> chat-api:80]",
            "chat-rewrite-notify [/notify Prefix -> notify:http]");
    Map<String, String> redirect =
        Map.of(P + "ssl-redirect", "true", P + "ssl-redirect-port", "443");
    Map<String, String> webSocket = new TreeMap<>(redirect);
    webSocket.put(P + "load-balance", "leastconn");
    assertThat(annotations(r, "chat")).containsExactlyInAnyOrderEntriesOf(webSocket);
    Map<String, String> rewritten = new TreeMap<>(webSocket);
    rewritten.put(P + "path-rewrite", "^/notify(/.*)?$ /ws\\1");
    assertThat(annotations(r, "chat-rewrite-notify")).containsExactlyInAnyOrderEntriesOf(rewritten);
    Map<String, String> plain = new TreeMap<>(redirect);
    // Plain routes say so: the doctor and the converter read them as plain whatever their path.
    plain.put(ServedRoute.WEBSOCKET_ANNOTATION, "false");
    Map<String, String> api = new TreeMap<>(plain);
    api.put(P + "timeout-server", "30s");
    assertThat(annotations(r, "chat-http-api")).containsExactlyInAnyOrderEntriesOf(api);
    assertThat(annotations(r, "chat-http")).containsExactlyInAnyOrderEntriesOf(plain);
    // The platform renders the app's own Service only, with the cookie for /ws.
    assertThat(r.only(Service.class).getMetadata().getName()).isEqualTo("chat-ws");
    assertThat(r.only(Service.class).getMetadata().getAnnotations())
        .containsEntry(P + "cookie-persistence", "chat-session");
    assertThat(haproxyCodes(r))
        .containsExactly(
            "INFO HAPROXY-PLAIN-WS-REDIRECT",
            "INFO HAPROXY-REQUEST-TIMEOUT-IDLE",
            "WARNING HAPROXY-COOKIE-OTHER-SERVICE",
            "INFO HAPROXY-TUNNEL-DEFAULT");
    assertThat(r.finding("HAPROXY-REQUEST-TIMEOUT-IDLE").orElseThrow())
        .isEqualTo(
            new Finding(
                "HAPROXY-REQUEST-TIMEOUT-IDLE",
                Severity.INFO,
                "Ingress default/chat-http-api",
                "timeout-server 30s on plain route /api is HAProxy's inactivity timeout on the"
                    + " server side (annotations.md \"timeout-server\"), not a deadline for the"
                    + " whole request: a response that keeps sending data can last longer than 30"
                    + " s.",
                "Nothing to do for requests answered in one piece; bound long streaming responses"
                    + " in the application."));
    assertThat(r.finding("HAPROXY-COOKIE-OTHER-SERVICE").orElseThrow())
        .isEqualTo(
            new Finding(
                "HAPROXY-COOKIE-OTHER-SERVICE",
                Severity.WARNING,
                "Service default/notify",
                "WebSocket route /notify goes to Service notify, which wsingress does not render"
                    + " (only the app's own Service chat-ws); haproxytech takes cookie-persistence"
                    + " from the Service (annotations.md \"Cookie Persistence\": deprecated on an"
                    + " Ingress), so that Service needs haproxy.org/cookie-persistence:"
                    + " chat-session for sticky sessions.",
                "Add the annotation to that Service, or render with .backendResource(): the"
                    + " Backend resource carries the cookie for the WebSocket routes' backends."));
    HaProxyTest.check(r);
  }

  @Test
  void strict_refuses_and_lenient_renders_what_haproxy_cannot_do_for_the_websocket_routes() {
    WebSocketApp app = threeBackends().toBuilder().maxConnectionsPerClient(10).build();

    UnsupportedFeatureException e =
        catchThrowableOfType(UnsupportedFeatureException.class, () -> HaProxy.target().render(app));
    assertThat(e.errors())
        .containsExactly(
            new Finding(
                "HAPROXY-MAX-CONNECTIONS",
                Severity.ERROR,
                "Ingress default/chat",
                "haproxytech has no per-client connection limit; 10 is not written.",
                "Limit per client in the application; pod-maxconn caps all clients of a pod"
                    + " together."));
    Rendering lenient = HaProxy.target().lenient().render(app);
    assertThat(lenient.findings("HAPROXY-MAX-CONNECTIONS"))
        .extracting(Finding::severity)
        .containsExactly(Severity.WARNING);
    assertThat(lenient.objects(Ingress.class)).hasSize(4);
  }

  @Test
  void plain_routes_carry_no_websocket_annotations() {
    WebSocketApp app =
        threeBackends().toBuilder()
            .rateLimit(RateLimit.handshakesPerSecond(5))
            .stickySessions(null)
            .stickySessions(Affinity.clientIp())
            .healthCheck(HealthCheck.http("/health"))
            .build();

    Rendering r = HaProxy.target().render(app);

    for (String plain : List.of("chat-http", "chat-http-api")) {
      assertThat(annotations(r, plain).keySet())
          .as(plain)
          .doesNotContainAnyElementsOf(WEBSOCKET_KEYS);
      // Health checks probe the app's own pods only, and no plain route goes there.
      assertThat(annotations(r, plain).keySet()).doesNotContain(P + "check", P + "check-http");
    }
    for (String ws : List.of("chat", "chat-rewrite-notify")) {
      assertThat(annotations(r, ws))
          .as(ws)
          .containsEntry(P + "rate-limit-requests", "5")
          .containsEntry(P + "load-balance", "source");
    }
    assertThat(annotations(r, "chat")).containsEntry(P + "check-http", "/health");
    assertThat(annotations(r, "chat-rewrite-notify")).doesNotContainKey(P + "check-http");
    assertThat(r.findings("HAPROXY-RATE-LIMIT")).hasSize(1);
  }

  @Test
  void a_plain_route_on_the_websocket_service_gets_a_backend_section_of_its_own() {
    WebSocketApp app =
        WebSocketApp.on("ws.example.com")
            .name("chat")
            .service("ws", 8080)
            .path("/ws")
            .stickySessions(Affinity.cookie("srv"))
            .route(Route.http("/api").requestTimeout(Duration.ofSeconds(20)))
            .build();

    Rendering r = Targets.render(app, HaProxy.target(), Platform.target());

    assertThat(annotations(r, "chat")).doesNotContainKey(P + "standalone-backend");
    assertThat(annotations(r, "chat-http-api"))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                P + "timeout-server",
                "20s",
                P + "standalone-backend",
                "true",
                ServedRoute.WEBSOCKET_ANNOTATION,
                "false"));
    assertThat(r.finding("HAPROXY-STANDALONE-BACKEND").orElseThrow())
        .isEqualTo(
            new Finding(
                "HAPROXY-STANDALONE-BACKEND",
                Severity.INFO,
                "Ingress default/chat-http-api",
                "haproxytech puts the paths of every Ingress that routes to one Service port into"
                    + " one backend section (annotations.md \"standalone-backend\"), and route /api"
                    + " to ws:8080 (also used by Ingress chat) needs other backend settings, so"
                    + " this Ingress gets backend sections of its own with standalone-backend.",
                "Nothing to do; send the route to a Service of its own to share the backend"
                    + " section again."));
    // The Service's cookie still reaches the plain route's backend section.
    assertThat(r.finding("HAPROXY-COOKIE-PLAIN-ROUTE").orElseThrow())
        .isEqualTo(
            new Finding(
                "HAPROXY-COOKIE-PLAIN-ROUTE",
                Severity.WARNING,
                "Service default/ws",
                "cookie-persistence on Service ws also applies to plain route /api, which goes to"
                    + " the same Service: haproxytech reads the Service's annotations first for"
                    + " every backend section made from it, standalone ones too"
                    + " (pkg/service/service.go New).",
                "Send plain routes to a Service of their own, or render with .backendResource():"
                    + " the Backend resource carries the cookie for the WebSocket routes only."));
    HaProxyTest.check(r);
  }

  @Test
  void threeBackendsAsBackendResources() {
    WebSocketApp app =
        threeBackends().toBuilder()
            .healthCheck(HealthCheck.http("/health").rise(2))
            .route(Route.http("/admin"))
            .build();

    Rendering r = Targets.render(app, HaProxy.target().backendResource(), Platform.target());

    assertThat(r.objects(Backend.class))
        .extracting(b -> b.getMetadata().getName())
        .containsExactly("chat", "chat-other-backends");
    Backend own = r.objects(Backend.class).get(0);
    Backend other = r.objects(Backend.class).get(1);
    assertThat(own.getSpec().httpchkParams()).isEqualTo(new Backend.HttpCheck("GET", "/health"));
    assertThat(other.getSpec().httpchkParams()).isNull();
    assertThat(other.getSpec().cookie().name()).isEqualTo("chat-session");
    assertThat(annotations(r, "chat")).containsEntry(P + "cr-backend", "default/chat");
    assertThat(annotations(r, "chat-rewrite-notify"))
        .containsEntry(P + "cr-backend", "default/chat-other-backends");
    // /admin goes to the app's own Service without the Backend resource: a section of its own,
    // probed like the app's pods.
    assertThat(annotations(r, "chat-http-admin"))
        .doesNotContainKey(P + "cr-backend")
        .containsEntry(P + "standalone-backend", "true")
        .containsEntry(P + "check-http", "/health");
    assertThat(r.only(Service.class).getMetadata().getAnnotations()).isNullOrEmpty();
    assertThat(haproxyCodes(r))
        .containsExactly(
            "INFO HAPROXY-PLAIN-WS-REDIRECT",
            "INFO HAPROXY-REQUEST-TIMEOUT-IDLE",
            "WARNING HAPROXY-HEALTH-RISE-FALL",
            "INFO HAPROXY-STANDALONE-BACKEND",
            "INFO HAPROXY-VERSION-GATED",
            "INFO HAPROXY-VERSION-GATED");
    HaProxyTest.check(r);
  }

  /**
   * What {@code http-request replace-path <regex> <format>} does (haproxy src/http_act.c, {@code
   * exp_replace}): when the regex matches anywhere in the path, the whole path becomes the format
   * with {@code \n} replaced by group n (empty when unmatched) and {@code %%} by {@code %}.
   */
  private static String replacePath(String rule, String path) {
    String[] parts = rule.split(" ");
    Matcher m = Pattern.compile(parts[0]).matcher(path);
    if (!m.find()) {
      return path;
    }
    StringBuilder out = new StringBuilder();
    String fmt = parts[1];
    for (int i = 0; i < fmt.length(); i++) {
      char c = fmt.charAt(i);
      if (c == '\\' && Character.isDigit(fmt.charAt(i + 1))) {
        String g = m.group(fmt.charAt(++i) - '0');
        out.append(g == null ? "" : g);
      } else if (c == '%' && fmt.charAt(i + 1) == '%') {
        out.append('%');
        i++;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  @Test
  void the_path_rewrite_replaces_the_matched_prefix_and_keeps_the_rest() {
    String notify = RouteAnnotations.pathRewrite(Route.websocket("/notify").rewriteTo("/ws"));
    assertThat(notify).isEqualTo("^/notify(/.*)?$ /ws\\1");
    assertThat(replacePath(notify, "/notify")).isEqualTo("/ws");
    assertThat(replacePath(notify, "/notify/")).isEqualTo("/ws/");
    assertThat(replacePath(notify, "/notify/a/b")).isEqualTo("/ws/a/b");

    String strip = RouteAnnotations.pathRewrite(Route.http("/api/v1/").rewriteTo("/"));
    assertThat(strip).isEqualTo("^/api/v1/?(.*)$ /\\1");
    assertThat(replacePath(strip, "/api/v1")).isEqualTo("/");
    assertThat(replacePath(strip, "/api/v1/users")).isEqualTo("/users");

    String dotted = RouteAnnotations.pathRewrite(Route.websocket("/socket.io").rewriteTo("/%7Eio"));
    assertThat(dotted).isEqualTo("^/socket\\.io(/.*)?$ /%%7Eio\\1");
    assertThat(replacePath(dotted, "/socket.io/x")).isEqualTo("/%7Eio/x");

    String root = RouteAnnotations.pathRewrite(Route.http("/").rewriteTo("/app"));
    assertThat(root).isEqualTo("^/(.*)$ /app/\\1");
    assertThat(replacePath(root, "/a/b")).isEqualTo("/app/a/b");
  }

  @Test
  void the_three_backend_rendering_is_deterministic() {
    String first = HaProxy.target().render(threeBackends()).toYaml();
    String again = HaProxy.target().render(threeBackends().toBuilder().build()).toYaml();

    assertThat(again).isEqualTo(first);
  }

  @Test
  void every_key_reads_back_what_it_writes() {
    assertThat(IngressAnnotations.ALL).hasSize(23);
    assertThat(IngressAnnotations.TIMEOUT_SERVER.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    // A bare number is milliseconds to haproxytech.
    assertThat(IngressAnnotations.TIMEOUT_TUNNEL.parse("3600")).isEqualTo(Duration.ofMillis(3600));
    assertThat(IngressAnnotations.TIMEOUT_TUNNEL.controllerDefault())
        .isEqualTo(Duration.ofHours(1));
    assertThat(IngressAnnotations.SSL_REDIRECT_PORT.controllerDefault()).isEqualTo(8443);
    assertThat(IngressAnnotations.STANDALONE_BACKEND.parse("true")).isTrue();
    assertThat(IngressAnnotations.CHECK.parse("enabled")).isTrue();
    assertThat(IngressAnnotations.COOKIE_PERSISTENCE.isReadFrom(IngressAnnotations.On.SERVICE))
        .isTrue();
    assertThat(IngressAnnotations.TIMEOUT_TUNNEL.key()).isEqualTo("timeout-tunnel");
    assertThat(IngressAnnotations.PATH_REWRITE.scope()).isEqualTo(IngressAnnotations.Scope.INGRESS);
    assertThat(IngressAnnotations.TIMEOUT_SERVER.scope())
        .isEqualTo(IngressAnnotations.Scope.BACKEND);
    assertThat(
            catchThrowableOfType(
                IllegalArgumentException.class,
                () -> IngressAnnotations.TIMEOUT_SERVER.parse("30 s")))
        .isNotNull();
    // Every value the renderings write parses with its key's own rule, on an object it is read
    // from.
    for (Rendering r :
        List.of(
            HaProxy.target().render(threeBackends()),
            HaProxy.target()
                .controllerConfig("haproxy-controller", "haproxy")
                .render(threeBackends()))) {
      for (Ingress i : r.objects(Ingress.class)) {
        i.getMetadata()
            .getAnnotations()
            .forEach(
                (key, value) -> {
                  if (key.equals(ServedRoute.WEBSOCKET_ANNOTATION)) {
                    assertThat(value).isEqualTo("false"); // on plain routes' Ingresses only
                    return;
                  }
                  IngressAnnotations.Key<?> k =
                      IngressAnnotations.ALL.stream()
                          .filter(candidate -> candidate.key().equals(key))
                          .findFirst()
                          .orElseThrow(() -> new AssertionError("not in the table: " + key));
                  assertThat(k.isReadFrom(IngressAnnotations.On.INGRESS)).as(key).isTrue();
                  assertThat(k.parse(value)).as(key).isNotNull();
                });
      }
    }
  }
}
