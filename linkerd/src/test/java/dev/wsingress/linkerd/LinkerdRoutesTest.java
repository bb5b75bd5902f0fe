package dev.wsingress.linkerd;

import static dev.wsingress.testing.Renderings.codes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.AcmeIssuer;
import dev.wsingress.Affinity;
import dev.wsingress.Finding;
import dev.wsingress.Rendering;
import dev.wsingress.Route;
import dev.wsingress.Severity;
import dev.wsingress.Target;
import dev.wsingress.Targets;
import dev.wsingress.Tls;
import dev.wsingress.WebSocketApp;
import dev.wsingress.Workload;
import dev.wsingress.platform.Platform;
import dev.wsingress.testing.StandInTarget;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: Linkerd's objects follow the app's own pods; the WebSocket routes to other Services are
 * named, since their pods get none of them.
 */
class LinkerdRoutesTest {
  private static final Target NGINX =
      // what the nginx target contributes (Nginx.contribute), under a name that says ingress-nginx
      StandInTarget.of(
          "ingress-nginx", needs -> needs.trafficFrom("ingress-nginx", "ingress-nginx"));

  /** The three-backend scenario of issue 13, with the platform kit's workload, autoscaler, TLS. */
  static WebSocketApp.Builder threeBackends() {
    return WebSocketApp.on("chat.example.com")
        .name("chat")
        .path("/ws")
        .service("chat-ws", 8080)
        .timeout(3600)
        .stickySessions(Affinity.cookie("chat-server"))
        .route(Route.http("/api").to("chat-api", 80).requestTimeout(Duration.ofSeconds(30)))
        .route(Route.websocket("/notify").to("notify", "http").rewriteTo("/ws"))
        .route(Route.http("/").to("frontend", 80))
        .tls(
            Tls.secret("chat-tls")
                .issuedBy(AcmeIssuer.letsEncrypt("admin@example.com").http01("nginx")))
        .workload(Workload.image("registry.example.com/chat-ws:2.1").autoscale(2, 10));
  }

  private static final String NOT_COVERED =
      "WebSocket routes go to Services whose pods this target renders nothing for: notify:http"
          + " (/notify). The Server, its authorization and the pod-template annotations"
          + " (injection, the proxy's settings and its wait while the pod drains) cover only the"
          + " app's own pods behind chat-ws; pods no Server selects get the default inbound policy"
          + " (the installation's proxy.defaultInboundPolicy, all-unauthenticated unless changed,"
          + " or config.linkerd.io/default-inbound-policy).";

  @Test
  void threeBackendsWithNginxAndThePlatformKit() {
    WebSocketApp app = threeBackends().build();

    Rendering r = Targets.render(app, NGINX, Linkerd.target(), Platform.target());

    assertThat(r.objects())
        .extracting(o -> o.getKind() + " " + o.getMetadata().getName())
        .containsExactly(
            "Service chat-ws",
            "Deployment chat",
            "HorizontalPodAutoscaler chat",
            "PodDisruptionBudget chat",
            "NetworkPolicy chat",
            "Certificate chat-tls",
            "ClusterIssuer letsencrypt-prod",
            "AuthorizationPolicy chat-mesh",
            "MeshTLSAuthentication chat-clients",
            "Server chat");
    assertThat(codes(r))
        .containsExactly(
            "WARNING LINKERD-INGRESS-ACCOUNT",
            "INFO LINKERD-VERSION-GATED",
            "INFO LINKERD-DENY-BY-DEFAULT",
            "WARNING LINKERD-BACKENDS-NOT-COVERED",
            "INFO LINKERD-TIMEOUTS",
            "INFO CORE-SERVICES-REFERENCED",
            "INFO CORE-DRAIN",
            "INFO CORE-NETWORK-POLICY");
    assertThat(r.finding("LINKERD-BACKENDS-NOT-COVERED").orElseThrow())
        .isEqualTo(
            new Finding(
                "LINKERD-BACKENDS-NOT-COVERED",
                Severity.WARNING,
                "Server default/chat",
                NOT_COVERED,
                "Render each of those backends as an app of its own with Linkerd (and the platform"
                    + " kit for its Deployment), or mesh, hold and authorize its pods as this"
                    + " app's are."));
    // The Server is for the app's own pods on their port, as with one route.
    Server server = r.only(Server.class);
    assertThat(server.getSpec().podSelector().getMatchLabels()).isEqualTo(app.labels());
    assertThat(server.getSpec().port().getIntVal()).isEqualTo(8080);
    assertThat(server.getSpec().proxyProtocol()).isEqualTo("HTTP/1");
    assertThat(
            r.only(Deployment.class)
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations()
                .get("linkerd.io/inject"))
        .isEqualTo("enabled");
    // Sticky sessions are on the WebSocket routes only: ingress-nginx may hand the plain HTTP
    // routes' choice of pod to Linkerd.
    assertThat(r.finding("LINKERD-INGRESS-ACCOUNT").orElseThrow().message())
        .endsWith(
            "whose admission Jobs would never finish), and set"
                + " nginx.ingress.kubernetes.io/service-upstream: \"true\" only on the Ingresses of"
                + " the plain HTTP routes, as Linkerd's ingress guide asks: on the WebSocket"
                + " routes' Ingresses it would hand the choice of pod to Linkerd and lose the"
                + " sticky sessions.");
    LinkerdTest.check(r);
  }

  @Test
  void plain_routes_and_websocket_routes_to_the_apps_own_service_are_covered() {
    WebSocketApp app =
        WebSocketApp.on("chat.example.com")
            .service("chat-ws", 8080)
            .path("/ws")
            .route(Route.websocket("/live").rewriteTo("/ws"))
            .route(Route.http("/api").to("chat-api", 80))
            .route(Route.http("/").to("frontend", 80))
            .build();

    Rendering r = Targets.render(app, NGINX, Linkerd.target());

    assertThat(r.finding("LINKERD-BACKENDS-NOT-COVERED")).isEmpty();
    // Several Ingresses, no sticky sessions: each of them connects to its Service.
    assertThat(r.finding("LINKERD-INGRESS-ACCOUNT").orElseThrow().message())
        .endsWith(
            ", and set nginx.ingress.kubernetes.io/service-upstream: \"true\" on every Ingress of"
                + " the app so that it connects to the Services, as Linkerd's ingress guide"
                + " asks.");
  }

  @Test
  void every_other_websocket_service_is_named_once() {
    WebSocketApp app =
        WebSocketApp.on("chat.example.com")
            .service("chat-api", 80)
            .route(Route.http("/api"))
            .route(Route.websocket("/ws").to("chat-ws", 8080))
            .route(Route.websocket("/ws/v2").to("chat-ws", 8080))
            .route(Route.websocket("/events").exact().to("events", "ws"))
            .build();

    Rendering r = Targets.render(app, NGINX, Linkerd.target());

    assertThat(r.findings("LINKERD-BACKENDS-NOT-COVERED"))
        .extracting(Finding::message)
        .containsExactly(
            "WebSocket routes go to Services whose pods this target renders nothing for:"
                + " chat-ws:8080 (/ws, /ws/v2), events:ws (/events (exact)). The Server, its"
                + " authorization and the pod-template annotations (injection, the proxy's"
                + " settings and its wait while the pod drains) cover only the app's own pods"
                + " behind chat-api; pods no Server selects get the default inbound policy (the"
                + " installation's proxy.defaultInboundPolicy, all-unauthenticated unless changed,"
                + " or config.linkerd.io/default-inbound-policy).");
    assertThat(r.objects(Server.class)).hasSize(1);
  }
}
