package dev.wsingress.traefik;

import static dev.wsingress.testing.Renderings.codes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.wsingress.Affinity;
import dev.wsingress.BackendProtocol;
import dev.wsingress.Cors;
import dev.wsingress.Finding;
import dev.wsingress.RateLimit;
import dev.wsingress.Rendering;
import dev.wsingress.Route;
import dev.wsingress.Severity;
import dev.wsingress.Targets;
import dev.wsingress.Tls;
import dev.wsingress.UnsupportedFeatureException;
import dev.wsingress.WebSocketApp;
import dev.wsingress.platform.Platform;
import dev.wsingress.testing.SchemaConformance;
import dev.wsingress.testing.StandInTarget;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Several routes with their own backends (issue 13): one IngressRoute route per app route, one
 * Ingress per group of routes with equal router annotations, WebSocket settings on WebSocket routes
 * only, prefix rewrites, and the priorities that keep the Ingress precedence.
 */
class TraefikRoutesTest {
  private static final String REQUEST_TIMEOUT_HINT =
      "Bound the request in the application or its clients. forwardingTimeouts."
          + "responseHeaderTimeout of a ServersTransport limits only the wait for the response"
          + " headers, and the retry middleware's timeout only its retries.";

  /**
   * The scenario every target renders: {@code /ws} to the app's own {@code chat-ws:8080} with a
   * sticky cookie and a 3600 s idle timeout, {@code /api} plain to {@code chat-api:80} with a 30 s
   * request timeout, {@code /notify} a WebSocket to {@code notify} port {@code http} rewritten to
   * {@code /ws}, {@code /} plain to {@code frontend:80}, TLS with a redirect.
   */
  static WebSocketApp threeBackendApp() {
    return WebSocketApp.on("chat.example.com")
        .name("chat")
        .path("/ws")
        .service("chat-ws", 8080)
        .timeout(3600)
        .stickySessions(Affinity.cookie("chat-server"))
        .route(Route.http("/api").to("chat-api", 80).requestTimeout(Duration.ofSeconds(30)))
        .route(Route.websocket("/notify").to("notify", "http").rewriteTo("/ws"))
        .route(Route.http("/").to("frontend", 80))
        .tls(Tls.secret("chat-tls"))
        .build();
  }

  private static final IngressRoute.Sticky COOKIE =
      new IngressRoute.Sticky(new IngressRoute.Cookie("chat-server", null, true, null, null, null));

  private static final String HOST = "Host(`chat.example.com`) && ";

  @Test
  void threeBackends() {
    Rendering r = Traefik.target().lenient().render(threeBackendApp());

    IngressRoute route =
        r.objects(IngressRoute.class).stream()
            .filter(o -> o.getMetadata().getName().equals("chat"))
            .findFirst()
            .orElseThrow();
    assertThat(route.getSpec().entryPoints()).containsExactly("websecure");
    assertThat(route.getSpec().tls()).isEqualTo(new IngressRoute.Tls("chat-tls"));
    assertThat(route.getSpec().routes())
        .as("one route per app route, each to its own backend; priorities not needed")
        .containsExactly(
            new IngressRoute.Route(
                "Rule",
                HOST + "(Path(`/ws`) || PathPrefix(`/ws/`))",
                null,
                List.of(),
                List.of(
                    new IngressRoute.Service(
                        "chat-ws", new IntOrString(8080), null, null, COOKIE, "p2c"))),
            new IngressRoute.Route(
                "Rule",
                HOST + "(Path(`/api`) || PathPrefix(`/api/`))",
                null,
                List.of(),
                List.of(
                    new IngressRoute.Service(
                        "chat-api", new IntOrString(80), null, null, null, null))),
            new IngressRoute.Route(
                "Rule",
                HOST + "(Path(`/notify`) || PathPrefix(`/notify/`))",
                null,
                List.of(new IngressRoute.MiddlewareRef("chat-rewrite-notify", null)),
                List.of(
                    new IngressRoute.Service(
                        "notify", new IntOrString("http"), null, null, COOKIE, "p2c"))),
            new IngressRoute.Route(
                "Rule",
                HOST + "PathPrefix(`/`)",
                null,
                List.of(),
                List.of(
                    new IngressRoute.Service(
                        "frontend", new IntOrString(80), null, null, null, null))));
    assertThat(middleware(r, "chat-rewrite-notify").getSpec().replacePathRegex())
        .isEqualTo(new Middleware.ReplacePathRegex("^/notify(/.*)?$", "/ws${1}"));
    IngressRoute redirect =
        r.objects(IngressRoute.class).stream()
            .filter(o -> o.getMetadata().getName().equals("chat-redirect"))
            .findFirst()
            .orElseThrow();
    assertThat(redirect.getSpec().entryPoints()).containsExactly("web");
    assertThat(redirect.getSpec().routes()).hasSize(1);
    assertThat(redirect.getSpec().routes().get(0).match())
        .isEqualTo(Traefik.match(threeBackendApp()));
    assertThat(r.objects())
        .extracting(o -> o.getKind() + " " + o.getMetadata().getName())
        .containsExactly(
            "IngressRoute chat",
            "IngressRoute chat-redirect",
            "Middleware chat-redirect",
            "Middleware chat-rewrite-notify");
    assertThat(codes(r))
        .containsExactly(
            "WARNING TRAEFIK-ENTRYPOINT-TIMEOUTS",
            "WARNING TRAEFIK-REQUEST-TIMEOUT",
            "INFO TRAEFIK-VERSION-GATED");
    assertThat(r.finding("TRAEFIK-REQUEST-TIMEOUT").orElseThrow())
        .isEqualTo(
            new Finding(
                "TRAEFIK-REQUEST-TIMEOUT",
                Severity.WARNING,
                "IngressRoute default/chat",
                "Traefik has no request deadline for a router or a service, so the request timeout"
                    + " of 30 s of the plain HTTP route /api is not written.",
                REQUEST_TIMEOUT_HINT));
    assertThat(r.toYaml()).doesNotContain("responseHeaderTimeout").doesNotContain("priority");
    TraefikTest.check(r);
  }

  @Test
  void strict_rendering_refuses_a_request_timeout_traefik_has_no_field_for() {
    assertThat(
            catchThrowableOfType(
                    UnsupportedFeatureException.class,
                    () -> Traefik.target().render(threeBackendApp()))
                .errors())
        .containsExactly(
            new Finding(
                "TRAEFIK-REQUEST-TIMEOUT",
                Severity.ERROR,
                "IngressRoute default/chat",
                "Traefik has no request deadline for a router or a service, so the request timeout"
                    + " of 30 s of the plain HTTP route /api is not written.",
                REQUEST_TIMEOUT_HINT));
  }

  @Test
  void threeBackendsIngress() {
    Rendering r = Targets.render(threeBackendApp(), Traefik.ingress().lenient(), Platform.target());

    assertThat(r.objects(Ingress.class))
        .extracting(i -> i.getMetadata().getName())
        .as("a group per kind, named in the order of the paths: / before /api")
        .containsExactly(
            "chat", "chat-http", "chat-http-api", "chat-redirect", "chat-rewrite-notify");
    // /ws's Exact router Path("/ws") is shorter than PathPrefix("/"), so the routes under /
    // take one more than the / router's default priority, the length of its rule.
    String root = "Host(\"chat.example.com\") && PathPrefix(\"/\")";
    String above = Integer.toString(root.length() + 1);
    assertThat(ingress(r, "chat").getMetadata().getAnnotations())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "traefik.ingress.kubernetes.io/router.entrypoints", "websecure",
                "traefik.ingress.kubernetes.io/router.priority", above,
                "traefik.ingress.kubernetes.io/router.tls", "true",
                "wsingress.dev/websocket", "true"));
    assertThat(paths(ingress(r, "chat")))
        .containsExactly("Exact /ws -> chat-ws:8080", "Prefix /ws/ -> chat-ws:8080");
    assertThat(ingress(r, "chat-http-api").getMetadata().getAnnotations())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "traefik.ingress.kubernetes.io/router.entrypoints", "websecure",
                "traefik.ingress.kubernetes.io/router.priority", above,
                "traefik.ingress.kubernetes.io/router.tls", "true",
                "wsingress.dev/websocket", "false"));
    assertThat(paths(ingress(r, "chat-http-api")))
        .containsExactly("Exact /api -> chat-api:80", "Prefix /api/ -> chat-api:80");
    assertThat(ingress(r, "chat-rewrite-notify").getMetadata().getAnnotations())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "traefik.ingress.kubernetes.io/router.entrypoints", "websecure",
                "traefik.ingress.kubernetes.io/router.middlewares",
                    "default-chat-rewrite-notify@kubernetescrd",
                "traefik.ingress.kubernetes.io/router.priority", above,
                "traefik.ingress.kubernetes.io/router.tls", "true",
                "wsingress.dev/websocket", "true"));
    assertThat(paths(ingress(r, "chat-rewrite-notify")))
        .containsExactly("Exact /notify -> notify:http", "Prefix /notify/ -> notify:http");
    assertThat(ingress(r, "chat-http").getMetadata().getAnnotations())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "traefik.ingress.kubernetes.io/router.entrypoints", "websecure",
                "traefik.ingress.kubernetes.io/router.tls", "true",
                "wsingress.dev/websocket", "false"));
    assertThat(paths(ingress(r, "chat-http"))).containsExactly("Prefix / -> frontend:80");
    assertThat(paths(ingress(r, "chat-redirect")))
        .as("in the order of the paths")
        .containsExactly(
            "Prefix / -> frontend:80",
            "Exact /api -> chat-api:80",
            "Prefix /api/ -> chat-api:80",
            "Exact /notify -> notify:http",
            "Prefix /notify/ -> notify:http",
            "Exact /ws -> chat-ws:8080",
            "Prefix /ws/ -> chat-ws:8080");
    assertThat(r.only(Service.class).getMetadata().getName()).isEqualTo("chat-ws");
    assertThat(r.only(Service.class).getMetadata().getAnnotations())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "traefik.ingress.kubernetes.io/service.sticky.cookie", "true",
                "traefik.ingress.kubernetes.io/service.sticky.cookie.httponly", "true",
                "traefik.ingress.kubernetes.io/service.sticky.cookie.name", "chat-server"));
    assertThat(codes(r))
        .containsExactly(
            "WARNING TRAEFIK-ENTRYPOINT-TIMEOUTS",
            "WARNING TRAEFIK-REQUEST-TIMEOUT",
            "WARNING TRAEFIK-BACKEND-SERVICE-ANNOTATIONS",
            "INFO CORE-SERVICES-REFERENCED");
    assertThat(r.finding("TRAEFIK-BACKEND-SERVICE-ANNOTATIONS").orElseThrow())
        .isEqualTo(
            new Finding(
                "TRAEFIK-BACKEND-SERVICE-ANNOTATIONS",
                Severity.WARNING,
                "Service default/notify",
                "Traefik's Ingress provider reads these settings from Service notify, which"
                    + " belongs to another workload and is not rendered here:"
                    + " {traefik.ingress.kubernetes.io/service.sticky.cookie=true,"
                    + " traefik.ingress.kubernetes.io/service.sticky.cookie.httponly=true,"
                    + " traefik.ingress.kubernetes.io/service.sticky.cookie.name=chat-server}.",
                "Add these annotations to that Service where its owner manages it: Traefik"
                    + " ignores them on the Ingress."));
    TraefikTest.check(r);
  }

  @Test
  void plain_routes_carry_no_websocket_settings() {
    WebSocketApp app =
        WebSocketApp.on("ws.example.com")
            .name("chat")
            .path("/ws")
            .service("websocket-service", 8080)
            .stickySessions(Affinity.cookie("ws-server"))
            .rateLimit(RateLimit.handshakesPerSecond(10).burst(20))
            .maxConnectionsPerClient(10)
            .cors(Cors.allowOrigins("https://app.example.com"))
            .route(Route.http("/api").to("chat-api", 80))
            .route(Route.http("/").to("frontend", 80))
            .build();

    Rendering crd = Traefik.target().render(app);

    List<IngressRoute.Route> routes = crd.objects(IngressRoute.class).get(0).getSpec().routes();
    assertThat(routes.get(0).middlewares())
        .extracting(IngressRoute.MiddlewareRef::name)
        .containsExactly("chat-ratelimit", "chat-inflight", "chat-cors");
    assertThat(routes.get(0).services().get(0).sticky()).isNotNull();
    for (IngressRoute.Route plain : routes.subList(1, 3)) {
      assertThat(plain.middlewares())
          .as("CORS is app-wide; the handshake limits are not")
          .extracting(IngressRoute.MiddlewareRef::name)
          .containsExactly("chat-cors");
      assertThat(plain.services().get(0).sticky()).isNull();
      assertThat(plain.services().get(0).strategy()).isNull();
    }
    assertThat(References.problems(crd)).isEmpty();
    SchemaConformance.assertValid(crd);

    Rendering ingress = Targets.render(app, Traefik.ingress(), Platform.target());
    assertThat(ingress.objects(Ingress.class))
        .extracting(i -> i.getMetadata().getName())
        .as("/ and the others differ in priority, so the plain routes are two groups")
        .containsExactly("chat", "chat-http", "chat-http-api");
    for (String plain : List.of("chat-http", "chat-http-api")) {
      assertThat(ingress(ingress, plain).getMetadata().getAnnotations())
          .containsEntry(
              "traefik.ingress.kubernetes.io/router.middlewares",
              "default-chat-cors@kubernetescrd");
    }
    assertThat(ingress(ingress, "chat").getMetadata().getAnnotations())
        .containsEntry(
            "traefik.ingress.kubernetes.io/router.middlewares",
            "default-chat-ratelimit@kubernetescrd,default-chat-inflight@kubernetescrd,"
                + "default-chat-cors@kubernetescrd");
    assertThat(paths(ingress(ingress, "chat-http-api")))
        .containsExactly("Exact /api -> chat-api:80", "Prefix /api/ -> chat-api:80");
    assertThat(paths(ingress(ingress, "chat-http"))).containsExactly("Prefix / -> frontend:80");
    assertThat(ingress.findings("TRAEFIK-BACKEND-SERVICE-ANNOTATIONS"))
        .as("the plain routes' Services need nothing")
        .isEmpty();
    assertThat(References.problems(ingress)).isEmpty();
  }

  @Test
  void a_sticky_service_that_also_serves_a_plain_route_gives_it_the_cookie_in_the_ingress_form() {
    WebSocketApp app =
        WebSocketApp.on("ws.example.com")
            .name("chat")
            .path("/ws")
            .service("websocket-service", 8080)
            .stickySessions(Affinity.cookie("ws-server"))
            .route(Route.http("/health"))
            .build();

    Rendering ingress = Targets.render(app, Traefik.ingress(), Platform.target());
    Rendering crd = Traefik.target().render(app);

    assertThat(ingress.findings("TRAEFIK-INGRESS-SHARED-SERVICE"))
        .containsExactly(
            new Finding(
                "TRAEFIK-INGRESS-SHARED-SERVICE",
                Severity.WARNING,
                "Service default/websocket-service",
                "Traefik reads the sticky cookie from Service websocket-service for every router"
                    + " to it, so the plain HTTP route /health gets the WebSocket routes' cookie"
                    + " too.",
                "Send the plain HTTP routes to a Service of their own, or use the IngressRoute"
                    + " form (Traefik.target()), which sets the cookie per route."));
    assertThat(crd.objects(IngressRoute.class).get(0).getSpec().routes())
        .extracting(route -> route.services().get(0).sticky() != null)
        .as("the IngressRoute form: the cookie on the WebSocket route's entry only")
        .containsExactly(true, false);
    assertThat(crd.findings("TRAEFIK-INGRESS-SHARED-SERVICE")).isEmpty();
  }

  @Test
  void rewrites_replace_exactly_the_matched_prefix_by_segments() {
    // Go's regexp and Java's agree on these patterns (anchors, literals, an optional group);
    // ${1} is Go's group reference, $1 Java's, and an unmatched group is empty in both.
    assertRewrite("/notify", "/ws", "/notify", "/ws");
    assertRewrite("/notify", "/ws", "/notify/", "/ws/");
    assertRewrite("/notify", "/ws", "/notify/a/b", "/ws/a/b");
    assertRewrite("/notify", "/ws", "/notify/notify", "/ws/notify");
    assertRewrite("/notify", "/ws", "/notifyx", null);
    assertRewrite("/notify", "/ws/", "/notify/a", "/ws/a");
    assertRewrite("/api", "/", "/api", "/");
    assertRewrite("/api", "/", "/api/", "/");
    assertRewrite("/api", "/", "/api/v1/x", "/v1/x");
    assertRewrite("/api", "/", "/apix", null);
    assertRewrite("/v1.0", "/v2", "/v1.0/a", "/v2/a");
    assertRewrite("/v1.0", "/v2", "/v1x0/a", null);
    assertRewrite("/a+b", "/c", "/a+b/z", "/c/z");
    assertRewrite("/live/", "/stream", "/live/x", "/stream/x");
    assertRewrite("/", "/app", "/", "/app/");
    assertRewrite("/", "/app", "/x/y", "/app/x/y");
    assertThat(PathRewrites.of("/notify", "/"))
        .isEqualTo(new Middleware.ReplacePathRegex("^/notify(?:/(.*))?$", "/${1}"));
    assertThat(PathRewrites.quoteMeta("/a.b+c")).isEqualTo("/a\\.b\\+c");
  }

  private static void assertRewrite(String prefix, String to, String request, String expected) {
    Middleware.ReplacePathRegex r = PathRewrites.of(prefix, to);
    var m = Pattern.compile(r.regex()).matcher(request);
    String result = m.matches() ? m.replaceAll(r.replacement().replace("${1}", "$1")) : null;
    assertThat(result).as("%s -> %s on %s (%s)", prefix, to, request, r).isEqualTo(expected);
  }

  @Test
  void exact_paths_under_a_prefix_get_the_priority_that_keeps_ingress_precedence() {
    WebSocketApp app =
        WebSocketApp.on("ws.example.com")
            .name("chat")
            .exactPath("/ws")
            .service("websocket-service", 8080)
            .route(Route.http("/").to("frontend", 80))
            .route(Route.http("/a").to("a", 80))
            .route(Route.http("/a/b").to("b", 80).exact())
            .build();

    List<IngressRoute.Route> routes =
        Traefik.target().render(app).objects(IngressRoute.class).get(0).getSpec().routes();

    String host = "Host(`ws.example.com`) && ";
    int root = (host + "PathPrefix(`/`)").length();
    int a = (host + "(Path(`/a`) || PathPrefix(`/a/`))").length();
    assertThat(routes)
        .extracting(IngressRoute.Route::match, IngressRoute.Route::priority)
        .as("Path(`/ws`) would lose to PathPrefix(`/`), Path(`/a/b`) to /a; the rest order alike")
        .containsExactly(
            tuple(host + "Path(`/ws`)", root + 1),
            tuple(host + "PathPrefix(`/`)", null),
            tuple(host + "(Path(`/a`) || PathPrefix(`/a/`))", null),
            tuple(host + "Path(`/a/b`)", a + 1));

    Rendering ingress = Traefik.ingress().render(app);
    String ingressHost = "Host(\"ws.example.com\") && ";
    int ingressRoot = (ingressHost + "PathPrefix(\"/\")").length();
    // /a as Exact /a (Path("/a"), shorter than PathPrefix("/")) plus Prefix /a/: above /.
    int ingressA = ingressRoot + 1;
    assertThat(ingress.objects(Ingress.class))
        .extracting(
            i -> i.getMetadata().getName(),
            i ->
                i.getMetadata()
                    .getAnnotations()
                    .getOrDefault("traefik.ingress.kubernetes.io/router.priority", "-"),
            TraefikRoutesTest::paths)
        .containsExactly(
            tuple(
                "chat",
                Integer.toString(ingressRoot + 1),
                List.of("Exact /ws -> websocket-service:8080")),
            tuple("chat-http", "-", List.of("Prefix / -> frontend:80")),
            tuple(
                "chat-http-a",
                Integer.toString(ingressA),
                List.of("Exact /a -> a:80", "Prefix /a/ -> a:80")),
            tuple("chat-http-a-b", Integer.toString(ingressA + 1), List.of("Exact /a/b -> b:80")));
  }

  @Test
  void bufferingHttpsBackendsAndLinkerd() {
    WebSocketApp app =
        WebSocketApp.on("ws.example.com")
            .name("chat")
            .path("/ws")
            .service("websocket-service", 8443)
            .connectTimeout(Duration.ofSeconds(5))
            .backendProtocol(BackendProtocol.HTTPS)
            .backendCaSecret("backend-ca")
            .route(Route.http("/upload").to("uploads", 8443).buffering(true))
            .route(Route.http("/stream").to("stream", 8443).buffering(false))
            .build();

    Rendering r = Targets.render(app, Traefik.target(), StandInTarget.of("linkerd"));

    List<IngressRoute.Route> routes = r.objects(IngressRoute.class).get(0).getSpec().routes();
    assertThat(routes)
        .extracting(
            route -> route.middlewares().stream().map(IngressRoute.MiddlewareRef::name).toList())
        .as("Traefik speaks TLS to the backends: Linkerd could not read an l5d-dst-override")
        .containsExactly(List.of(), List.of("chat-buffering"), List.of());
    assertThat(middleware(r, "chat-buffering").getSpec().buffering())
        .as("Traefik's default limits")
        .isEqualTo(new Middleware.Buffering(null, null, null, null));
    assertThat(r.objects(Middleware.class))
        .extracting(m -> m.getMetadata().getName())
        .containsExactly("chat-buffering");
    assertThat(routes)
        .extracting(route -> route.services().get(0).serversTransport())
        .containsExactly("chat-transport", "chat-uploads-transport", "chat-stream-transport");
    assertThat(r.objects(ServersTransport.class))
        .extracting(t -> t.getMetadata().getName() + " " + t.getSpec().serverName())
        .containsExactly(
            "chat-stream-transport stream.default.svc",
            "chat-transport websocket-service.default.svc",
            "chat-uploads-transport uploads.default.svc");
    assertThat(routes)
        .allSatisfy(route -> assertThat(route.services().get(0).scheme()).isEqualTo("https"));
    assertThat(r.findings("TRAEFIK-VERSION-GATED"))
        .extracting(f -> f.subject() + ": " + f.message())
        .as("one finding per field, not per transport")
        .containsExactly(
            "ServersTransport default/chat-transport: rootCAs needs Traefik v3.4 or newer"
                + " (rendering for v3.7).",
            "IngressRoute default/chat: strategy: p2c needs Traefik v3.4 or newer (rendering for"
                + " v3.7).");
    assertThat(r.finding("TRAEFIK-LINKERD-INGRESS-MODE").orElseThrow().message())
        .isEqualTo(
            "Linkerd renders in the same set, and Traefik's own pods must be meshed in ingress"
                + " mode (linkerd.io/inject: ingress on Traefik's pod template, not enabled);"
                + " Traefik speaks TLS to this app's backends (backend protocol HTTPS), so"
                + " Linkerd's proxy finds no HTTP in it and forwards each connection as opaque TCP"
                + " over mTLS to the pod Traefik chose, without reading any header (so no"
                + " l5d-dst-override Middleware is written, Traefik's own choice of pod holds, and"
                + " Linkerd reports TCP metrics only); every router of Traefik must remove a"
                + " client's l5d-dst-override, or the meshed Traefik is an open relay into the"
                + " cluster.");
    TraefikTest.check(r);
  }

  @Test
  void bufferingHttpsBackendsAndLinkerdIngress() {
    WebSocketApp app =
        WebSocketApp.on("ws.example.com")
            .name("chat")
            .path("/ws")
            .service("websocket-service", 8443)
            .connectTimeout(Duration.ofSeconds(5))
            .backendProtocol(BackendProtocol.HTTPS)
            .backendCaSecret("backend-ca")
            .route(Route.http("/upload").to("uploads", 8443).buffering(true))
            .route(Route.http("/stream").to("stream", 8443).buffering(false))
            .build();

    Rendering r =
        Targets.render(app, Traefik.ingress(), Platform.target(), StandInTarget.of("linkerd"));

    assertThat(r.objects(Ingress.class))
        .extracting(
            i -> i.getMetadata().getName(),
            i ->
                i.getMetadata()
                    .getAnnotations()
                    .get("traefik.ingress.kubernetes.io/router.middlewares"))
        .as("one Ingress per group of equal router annotations; no l5d-dst-override over TLS")
        .containsExactly(
            tuple("chat", null),
            tuple("chat-http", null),
            tuple("chat-http-upload", "default-chat-buffering@kubernetescrd"));
    assertThat(r.findings("TRAEFIK-BACKEND-SERVICE-ANNOTATIONS"))
        .extracting(f -> f.subject() + ": " + f.message())
        .containsExactly(
            "Service default/uploads: Traefik's Ingress provider reads these settings from Service"
                + " uploads, which belongs to another workload and is not rendered here:"
                + " {traefik.ingress.kubernetes.io/service.serversscheme=https,"
                + " traefik.ingress.kubernetes.io/service.serverstransport="
                + "default-chat-uploads-transport@kubernetescrd}.",
            "Service default/stream: Traefik's Ingress provider reads these settings from Service"
                + " stream, which belongs to another workload and is not rendered here:"
                + " {traefik.ingress.kubernetes.io/service.serversscheme=https,"
                + " traefik.ingress.kubernetes.io/service.serverstransport="
                + "default-chat-stream-transport@kubernetescrd}.");
    assertThat(r.only(Service.class).getMetadata().getAnnotations())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "traefik.ingress.kubernetes.io/service.serversscheme", "https",
                "traefik.ingress.kubernetes.io/service.serverstransport",
                    "default-chat-transport@kubernetescrd"));
    assertThat(References.problems(r.objects()))
        .as("without the user's annotations the other backends' transports are orphans")
        .containsExactlyInAnyOrder(
            "ServersTransport default/chat-uploads-transport is referenced by no service",
            "ServersTransport default/chat-stream-transport is referenced by no service");
    TraefikTest.check(r);
  }

  @Test
  void names_are_stable_and_a_taken_name_gets_the_route_path() {
    WebSocketApp app =
        WebSocketApp.on("ws.example.com")
            .name("chat")
            .path("/live")
            .service("websocket-service", 8080)
            .route(Route.http("/a-b").to("a", 80).rewriteTo("/"))
            .route(Route.http("/a/b").to("b", 80).rewriteTo("/"))
            .route(Route.websocket("/redirect").to("c", 80))
            .route(Route.http("/upload").to("u", 80).buffering(true))
            .tls(Tls.secret("tls"))
            .build();

    Rendering r = Targets.render(app, Traefik.ingress(), StandInTarget.of("linkerd"));

    assertThat(r.objects(Middleware.class))
        .extracting(m -> m.getMetadata().getName())
        .filteredOn(name -> name.startsWith("chat-rewrite-"))
        .as("/a-b and /a/b have the same slug")
        .containsExactly("chat-rewrite-a-b", "chat-rewrite-a-b-2");
    assertThat(r.objects(Ingress.class))
        .extracting(i -> i.getMetadata().getName())
        .as(
            "the WebSocket route to another backend has another l5d-dst-override, so a group of"
                + " its own: chat is taken, and chat-redirect is the redirect's")
        .containsExactly(
            "chat",
            "chat-http",
            "chat-redirect",
            "chat-redirect-2",
            "chat-rewrite-a-b",
            "chat-rewrite-a-b-2");
    assertThat(paths(ingress(r, "chat-redirect-2")))
        .containsExactly("Exact /redirect -> c:80", "Prefix /redirect/ -> c:80");
    assertThat(dev.wsingress.Ingresses.slug("/")).isEqualTo("root");
    assertThat(dev.wsingress.Ingresses.slug("/API/v1.0/")).isEqualTo("api-v1-0");
    assertThat(dev.wsingress.Ingresses.slug("/" + "x".repeat(60))).hasSize(40);
    assertThat(Targets.render(app, Traefik.ingress(), StandInTarget.of("linkerd")).toYaml())
        .as("deterministic")
        .isEqualTo(r.toYaml());
    assertThat(Traefik.target().render(app).toYaml())
        .isEqualTo(Traefik.target().render(app).toYaml());
    assertThat(References.problems(r)).isEmpty();
  }

  @Test
  void the_v3_0_rendering_of_the_scenario_fits_the_v3_0_4_crds() {
    Rendering r = Traefik.target().version("3.0").lenient().render(threeBackendApp());

    assertThat(TraefikVersionsTest.problemsAgainstTheV304Crds(r.objects())).isEmpty();
    assertThat(r.objects(IngressRoute.class).get(0).getSpec().routes())
        .extracting(route -> route.services().get(0).strategy())
        .as("v3.0's only strategy on the WebSocket routes, none on the plain ones")
        .containsExactly("RoundRobin", null, "RoundRobin", null);
    // priority, buffering and replacePathRegex are in the v3.0.4 CRDs too.
    WebSocketApp more =
        WebSocketApp.on("ws.example.com")
            .name("chat")
            .exactPath("/ws")
            .service("websocket-service", 8080)
            .route(Route.http("/").to("frontend", 80))
            .route(Route.http("/upload").to("uploads", 80).buffering(true).rewriteTo("/"))
            .build();
    Rendering old = Traefik.target().version("3.0").render(more);
    assertThat(old.objects(IngressRoute.class).get(0).getSpec().routes())
        .extracting(IngressRoute.Route::priority)
        .containsExactly(("Host(`ws.example.com`) && PathPrefix(`/`)").length() + 1, null, null);
    assertThat(old.objects(Middleware.class))
        .extracting(m -> m.getMetadata().getName())
        .containsExactly("chat-buffering", "chat-rewrite-upload");
    assertThat(TraefikVersionsTest.problemsAgainstTheV304Crds(old.objects())).isEmpty();
  }

  private static Middleware middleware(Rendering r, String name) {
    return r.objects(Middleware.class).stream()
        .filter(m -> m.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static Ingress ingress(Rendering r, String name) {
    return r.objects(Ingress.class).stream()
        .filter(i -> i.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  /** An Ingress's paths as {@code Type path -> service:port}, over every host. */
  static List<String> paths(Ingress i) {
    return i.getSpec().getRules().stream()
        .flatMap(rule -> rule.getHttp().getPaths().stream())
        .map(TraefikRoutesTest::describe)
        .toList();
  }

  private static String describe(HTTPIngressPath p) {
    var port = p.getBackend().getService().getPort();
    return p.getPathType()
        + " "
        + p.getPath()
        + " -> "
        + p.getBackend().getService().getName()
        + ":"
        + (port.getNumber() != null ? port.getNumber().toString() : port.getName());
  }
}
