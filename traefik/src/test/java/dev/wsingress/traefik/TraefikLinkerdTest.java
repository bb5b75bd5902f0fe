package dev.wsingress.traefik;

import static dev.wsingress.testing.Renderings.codes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wsingress.Affinity;
import dev.wsingress.BackendProtocol;
import dev.wsingress.Finding;
import dev.wsingress.Rendering;
import dev.wsingress.Route;
import dev.wsingress.Severity;
import dev.wsingress.Targets;
import dev.wsingress.UnsupportedFeatureException;
import dev.wsingress.WebSocketApp;
import dev.wsingress.testing.StandInTarget;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Traefik rendered with Linkerd (a stand-in: targets never depend on targets): the {@code
 * l5d-dst-override} Middleware and what Traefik's own pods need, after linkerd/website
 * 2-edge/tasks/using-ingress.md.
 */
class TraefikLinkerdTest {
  private static final String INGRESS_MODE_HINT =
      "Annotate Traefik's pod template with linkerd.io/inject: ingress (Helm:"
          + " deployment.podAnnotations), and attach to every entry point a headers middleware"
          + " with customRequestHeaders l5d-dst-override: \"\" (an empty value removes the"
          + " header) through entryPoints.<name>.http.middlewares (Helm:"
          + " ports.<name>.http.middlewares).";

  private static WebSocketApp.Builder app() {
    return WebSocketApp.on("ws.example.com")
        .name("chat")
        .path("/ws")
        .service("websocket-service", 8080);
  }

  @Test
  void ingressRouteWithLinkerd() {
    Rendering r = Targets.render(app().build(), Traefik.target(), StandInTarget.of("linkerd"));

    Middleware header =
        r.objects(Middleware.class).stream()
            .filter(m -> m.getMetadata().getName().equals("chat-l5d-dst-override"))
            .findFirst()
            .orElseThrow();
    assertThat(header.getSpec().headers().customRequestHeaders())
        .isEqualTo(Map.of("l5d-dst-override", "websocket-service.default.svc.cluster.local:8080"));
    assertThat(r.objects(IngressRoute.class).get(0).getSpec().routes().get(0).middlewares())
        .containsExactly(new IngressRoute.MiddlewareRef("chat-l5d-dst-override", null));
    assertThat(r.findings("TRAEFIK-LINKERD-INGRESS-MODE"))
        .containsExactly(
            new Finding(
                "TRAEFIK-LINKERD-INGRESS-MODE",
                Severity.WARNING,
                "IngressRoute default/chat",
                "Linkerd renders in the same set, and Traefik's own pods must be meshed in ingress"
                    + " mode (linkerd.io/inject: ingress on Traefik's pod template, not enabled);"
                    + " the Middleware chat-l5d-dst-override sets l5d-dst-override:"
                    + " websocket-service.default.svc.cluster.local:8080 on this route, replacing"
                    + " any value a client sends, and every other router of Traefik must remove a"
                    + " client's l5d-dst-override, or the meshed Traefik is an open relay into the"
                    + " cluster.",
                INGRESS_MODE_HINT));
    TraefikTest.check(r);
  }

  @Test
  void the_ingress_form_references_the_header_middleware_too() {
    Rendering r = Targets.render(app().build(), Traefik.ingress(), StandInTarget.of("linkerd"));

    assertThat(r.objects(Ingress.class).get(0).getMetadata().getAnnotations())
        .containsEntry(
            "traefik.ingress.kubernetes.io/router.middlewares",
            "default-chat-l5d-dst-override@kubernetescrd");
    assertThat(References.problems(r.objects())).isEmpty();
  }

  @Test
  void without_linkerd_nothing_of_it_is_written() {
    Rendering r = Traefik.target().render(app().build());

    assertThat(r.objects(Middleware.class)).isEmpty();
    assertThat(r.findings("TRAEFIK-LINKERD-INGRESS-MODE")).isEmpty();
  }

  @Test
  void affinity_is_lost_to_linkerds_endpoint_selection() {
    WebSocketApp cookie = app().stickySessions(Affinity.cookie("ws-server")).build();

    assertThat(
            catchThrowableOfType(
                    UnsupportedFeatureException.class,
                    () -> Targets.render(cookie, Traefik.target(), StandInTarget.of("linkerd")))
                .errors())
        .containsExactly(
            new Finding(
                "TRAEFIK-LINKERD-AFFINITY",
                Severity.ERROR,
                "IngressRoute default/chat",
                "in ingress mode Linkerd's proxy beside Traefik does its own endpoint selection"
                    + " for the Service, so the pod Traefik's sticky cookie picks is overridden"
                    + " and the affinity pins nothing.",
                "Drop the affinity for this mesh: with Traefik in ingress mode the pod is"
                    + " Linkerd's choice."));
    WebSocketApp clientIp = app().stickySessions(Affinity.clientIp()).build();
    assertThat(
            Targets.render(clientIp, Traefik.target().lenient(), StandInTarget.of("linkerd"))
                .finding("TRAEFIK-LINKERD-AFFINITY")
                .orElseThrow()
                .message())
        .contains("the pod Traefik's client-IP affinity picks is overridden");
  }

  @Test
  void https_backends_get_no_header_and_keep_their_affinity() {
    // Review 12 R1: Linkerd's ingress-mode proxy reads l5d-dst-override only from HTTP it
    // detects; Traefik's TLS to an HTTPS backend goes to the pod Traefik chose (linkerd2-proxy
    // release/v2.246.0 .. v2.359.0 linkerd/app/outbound/src/ingress.rs push_ingress).
    WebSocketApp app =
        WebSocketApp.on("ws.example.com")
            .name("chat")
            .path("/ws")
            .service("websocket-service", "https")
            .backendProtocol(BackendProtocol.HTTPS)
            .backendCaSecret("backend-ca")
            .stickySessions(Affinity.cookie("ws-server"))
            .build();

    Rendering r = Targets.render(app, Traefik.target(), StandInTarget.of("linkerd"));

    assertThat(r.objects(Middleware.class)).isEmpty();
    assertThat(r.objects(IngressRoute.class).get(0).getSpec().routes().get(0).middlewares())
        .isEmpty();
    assertThat(r.findings("TRAEFIK-LINKERD-AFFINITY")).isEmpty();
    assertThat(r.findings("TRAEFIK-LINKERD-DST-OVERRIDE"))
        .as("a named port needs no header number either")
        .isEmpty();
    assertThat(r.findings("TRAEFIK-LINKERD-INGRESS-MODE"))
        .containsExactly(
            new Finding(
                "TRAEFIK-LINKERD-INGRESS-MODE",
                Severity.WARNING,
                "IngressRoute default/chat",
                "Linkerd renders in the same set, and Traefik's own pods must be meshed in ingress"
                    + " mode (linkerd.io/inject: ingress on Traefik's pod template, not enabled);"
                    + " Traefik speaks TLS to this app's backends (backend protocol HTTPS), so"
                    + " Linkerd's proxy finds no HTTP in it and forwards each connection as opaque"
                    + " TCP over mTLS to the pod Traefik chose, without reading any header (so no"
                    + " l5d-dst-override Middleware is written, Traefik's own choice of pod holds,"
                    + " and Linkerd reports TCP metrics only); every router of Traefik must remove"
                    + " a client's l5d-dst-override, or the meshed Traefik is an open relay into"
                    + " the cluster.",
                INGRESS_MODE_HINT));
    TraefikTest.check(r);
  }

  @Test
  void a_named_service_port_leaves_the_header_unwritten() {
    WebSocketApp named =
        WebSocketApp.on("ws.example.com").name("chat").service("websocket-service", "http").build();

    Rendering r = Targets.render(named, Traefik.target().lenient(), StandInTarget.of("linkerd"));

    assertThat(r.objects(Middleware.class)).isEmpty();
    assertThat(codes(r))
        .containsExactly(
            "WARNING TRAEFIK-ENTRYPOINT-TIMEOUTS",
            "WARNING TRAEFIK-LINKERD-INGRESS-MODE",
            "WARNING TRAEFIK-LINKERD-DST-OVERRIDE",
            "INFO TRAEFIK-VERSION-GATED");
    assertThat(r.finding("TRAEFIK-LINKERD-DST-OVERRIDE").orElseThrow().message())
        .isEqualTo(
            "the Service port is given by name (http), so the l5d-dst-override header"
                + " (websocket-service.default.svc.cluster.local:<port number>) that tells"
                + " Linkerd's ingress-mode proxy the destination cannot be written.");
  }

  @Test
  void each_route_carries_the_header_of_its_own_backend() {
    WebSocketApp app =
        WebSocketApp.on("chat.example.com")
            .name("chat")
            .path("/ws")
            .service("chat-ws", 8080)
            .route(Route.http("/api").to("chat-api", 80))
            .route(Route.websocket("/notify").to("notify", "http").rewriteTo("/ws"))
            .route(Route.http("/").to("frontend", 80))
            .build();

    Rendering r = Targets.render(app, Traefik.target().lenient(), StandInTarget.of("linkerd"));

    assertThat(r.objects(IngressRoute.class).get(0).getSpec().routes())
        .extracting(
            route -> route.middlewares().stream().map(IngressRoute.MiddlewareRef::name).toList())
        .as("another backend's value would send the request there; a named port has none")
        .containsExactly(
            List.of("chat-l5d-dst-override"),
            List.of("chat-l5d-dst-override-chat-api-80"),
            List.of("chat-rewrite-notify"),
            List.of("chat-l5d-dst-override-frontend-80"));
    assertThat(codes(r))
        .containsExactly(
            "WARNING TRAEFIK-ENTRYPOINT-TIMEOUTS",
            "WARNING TRAEFIK-LINKERD-INGRESS-MODE",
            "WARNING TRAEFIK-LINKERD-DST-OVERRIDE",
            "INFO TRAEFIK-VERSION-GATED");
    assertThat(r.finding("TRAEFIK-LINKERD-DST-OVERRIDE").orElseThrow().message())
        .isEqualTo(
            "the Service port is given by name (http), so the l5d-dst-override header"
                + " (notify.default.svc.cluster.local:<port number>) that tells Linkerd's"
                + " ingress-mode proxy the destination cannot be written.");
    assertThat(r.finding("TRAEFIK-LINKERD-INGRESS-MODE").orElseThrow().message())
        .isEqualTo(
            "Linkerd renders in the same set, and Traefik's own pods must be meshed in ingress"
                + " mode (linkerd.io/inject: ingress on Traefik's pod template, not enabled); on"
                + " the routes to each Service, the Middleware chat-l5d-dst-override sets"
                + " l5d-dst-override: chat-ws.default.svc.cluster.local:8080 and the Middleware"
                + " chat-l5d-dst-override-chat-api-80 sets l5d-dst-override:"
                + " chat-api.default.svc.cluster.local:80 and the Middleware"
                + " chat-l5d-dst-override-frontend-80 sets l5d-dst-override:"
                + " frontend.default.svc.cluster.local:80, replacing any value a client sends, and"
                + " every other router of Traefik must remove a client's l5d-dst-override, or the"
                + " meshed Traefik is an open relay into the cluster.");
    assertThat(References.problems(r)).isEmpty();
  }
}
