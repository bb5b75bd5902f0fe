package dev.wsingress.platform;

import static dev.wsingress.testing.Renderings.codes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wsingress.AcmeIssuer;
import dev.wsingress.Affinity;
import dev.wsingress.Finding;
import dev.wsingress.HealthCheck;
import dev.wsingress.InvalidSpecException;
import dev.wsingress.Rendering;
import dev.wsingress.Route;
import dev.wsingress.Severity;
import dev.wsingress.Target;
import dev.wsingress.Targets;
import dev.wsingress.Tls;
import dev.wsingress.UnsupportedFeatureException;
import dev.wsingress.WebSocketApp;
import dev.wsingress.Workload;
import dev.wsingress.Yaml;
import dev.wsingress.testing.SchemaConformance;
import dev.wsingress.testing.StandInTarget;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: an app with several routes and backends. The platform kit renders the app's own Service
 * and pods only; the Services of routes to other backends are referenced, not rendered.
 */
class PlatformRoutesTest {
  // What the real targets contribute (their contribute methods); the examples'
  // TrafficSourcesTest renders the real ones.
  private static final Target NGINX =
      StandInTarget.of(
          "nginx",
          needs -> needs.trafficFrom("ingress-nginx", "ingress-nginx").balancesOverEndpoints());
  private static final Target LINKERD =
      StandInTarget.of(
          "linkerd",
          needs ->
              needs
                  .podAnnotation("linkerd.io/inject", "enabled")
                  .meshControlPlane("linkerd", 8080, 8086, 8090)
                  .meshInboundPort(4143)
                  .sidecarDrain("the test mesh holds its proxy"));

  /**
   * The three-backend scenario of issue 13: /ws to the app's chat-ws, /api plain to chat-api with a
   * request timeout, /notify a WebSocket route to notify's port "http" rewritten to /ws, / plain to
   * the frontend; TLS with a redirect.
   */
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
        .healthCheck(HealthCheck.http("/health"))
        .tls(
            Tls.secret("chat-tls")
                .issuedBy(AcmeIssuer.letsEncrypt("admin@example.com").http01("nginx")));
  }

  static Workload workload() {
    return Workload.image("registry.example.com/chat-ws:2.1")
        .metricsPort(9090)
        .autoscale(2, 10)
        .connectionsPerPod(1000);
  }

  private static List<String> names(Rendering r) {
    List<String> names = new ArrayList<>();
    for (HasMetadata o : r.objects()) {
      String ns = o.getMetadata().getNamespace();
      names.add(o.getKind() + " " + (ns == null ? "" : ns + "/") + o.getMetadata().getName());
    }
    return names;
  }

  private static final String REFERENCED =
      "routes go to Services the platform kit does not render: chat-api:80 (/api), notify:http"
          + " (/notify), frontend:80 (/); it renders only the app's own Service chat-ws, so those"
          + " must exist in namespace default with those ports.";

  @Test
  void three_backends_with_nginx_and_linkerd() {
    WebSocketApp app = threeBackends().workload(workload()).build();

    Rendering r = Targets.render(app, NGINX, LINKERD, Platform.target());

    // One Service, the app's own; the pods' objects select the app's pods only.
    assertThat(names(r))
        .containsExactly(
            "ConfigMap custom-metrics/adapter-config",
            "Service default/chat-ws",
            "Deployment default/chat",
            "HorizontalPodAutoscaler default/chat",
            "PodDisruptionBudget default/chat",
            "NetworkPolicy default/chat",
            "Certificate default/chat-tls",
            "ClusterIssuer letsencrypt-prod",
            "ServiceMonitor default/chat");
    assertThat(codes(r))
        .containsExactly(
            "INFO CORE-SERVICES-REFERENCED",
            "INFO CORE-DRAIN",
            "INFO CORE-NETWORK-POLICY",
            "WARNING CORE-ADAPTER-CONFIG",
            "WARNING CORE-SERVICE-MONITOR-LABELS");
    assertThat(r.finding("CORE-SERVICES-REFERENCED").orElseThrow())
        .isEqualTo(
            new Finding(
                "CORE-SERVICES-REFERENCED",
                Severity.INFO,
                "Service default/chat-ws",
                REFERENCED,
                "Deploy each with its own workload (render it as an app of its own for its"
                    + " Service, Deployment and policies); the edge objects only reference"
                    + " them."));
    Service service = r.only(Service.class);
    assertThat(service.getSpec().getPorts())
        .extracting(ServicePort::getName, ServicePort::getPort)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("http-ws", 8080),
            org.assertj.core.groups.Tuple.tuple("metrics", 9090));
    assertThat(service.getSpec().getSessionAffinity()).isNull();
    // The app's pods, whatever the other routes: the NetworkPolicy admits the controllers on the
    // app port and Linkerd's inbound port, as for a one-route app.
    NetworkPolicy policy = r.only(NetworkPolicy.class);
    assertThat(policy.getSpec().getPodSelector().getMatchLabels())
        .isEqualTo(app.labels())
        .isEqualTo(r.only(Deployment.class).getSpec().getSelector().getMatchLabels());
    assertThat(PlatformKitTest.ports(policy.getSpec().getIngress().get(0).getPorts()))
        .containsExactly(8080, 4143);
    assertThat(r.only(Certificate.class).getSpec().dnsNames()).containsExactly("chat.example.com");
    // Test tools: wscat reaches the app's own pods, k6 the edge's first WebSocket route.
    assertThat(Platform.serviceUrl(app)).isEqualTo("ws://chat-ws.default.svc:8080/ws");
    assertThat(Platform.publicUrl(app)).isEqualTo("wss://chat.example.com/ws");
    PlatformKitTest.check(r);
  }

  @Test
  void the_output_does_not_depend_on_the_order_of_the_targets() {
    WebSocketApp app = threeBackends().workload(workload()).build();

    String one = Targets.render(app, NGINX, LINKERD, Platform.target()).toYaml();
    String other = Targets.render(app, Platform.target(), LINKERD, NGINX).toYaml();
    String again = Targets.render(app, NGINX, LINKERD, Platform.target()).toYaml();

    assertThat(other).isEqualTo(one);
    assertThat(again).isEqualTo(one);
    assertThat(Yaml.write(Yaml.read(one))).isEqualTo(one);
  }

  @Test
  void an_app_with_only_the_default_route_reports_no_other_service() {
    Rendering r = Platform.target().render(PlatformKitTest.app().build());

    assertThat(r.findings()).isEmpty();
    assertThat(r.objects(Service.class)).hasSize(1);
  }

  @Test
  void test_tools_follow_the_first_websocket_route() {
    // Before issue 13 both URLs took routes().get(0): here "/", the frontend's plain route.
    WebSocketApp app =
        WebSocketApp.on("chat.example.com")
            .service("chat-ws", 8080)
            .route(Route.http("/").to("frontend", 80))
            .route(Route.websocket("/notify").to("notify", "http"))
            .route(Route.websocket("/live").rewriteTo("/ws"))
            .build();

    // Through the app's own Service the path is the rewritten one; through the edge, the first
    // WebSocket route whatever Service it goes to.
    assertThat(Platform.serviceUrl(app)).isEqualTo("ws://chat-ws.default.svc:8080/ws");
    assertThat(Platform.publicUrl(app)).isEqualTo("ws://chat.example.com/notify");
    assertThat(Platform.k6Script(app, 10))
        .startsWith(
            "// k6 run chat-ws-load.js  (k6 v1.0 or later)\n"
                + "// Opens WebSockets on the app's first WebSocket route (/notify) on its first"
                + " host.\n")
        .contains("new WebSocket('ws://chat.example.com/notify')");
    WebSocketApp exact =
        WebSocketApp.on("*.example.com").service("chat-ws", 8080).exactPath("/socket").build();
    assertThat(Platform.publicUrl(exact)).isEqualTo("ws://test.example.com/socket");
    assertThat(Platform.k6Script(exact, 10))
        .contains("first WebSocket route (/socket (exact)) on its first host.");
  }

  @Test
  void the_service_url_needs_a_websocket_route_and_a_port_number_of_the_apps_own_service() {
    WebSocketApp socketsElsewhere =
        WebSocketApp.on("chat.example.com")
            .service("chat-api", 80)
            .route(Route.http("/api"))
            .route(Route.websocket("/ws").to("chat-ws", 8080))
            .build();
    WebSocketApp named = WebSocketApp.on("chat.example.com").service("chat-ws", "http").build();

    assertThatThrownBy(() -> Platform.serviceUrl(socketsElsewhere))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessage(
            "Platform is invalid (1 problem):\n  - serviceUrl = \"chat-api\": has no WebSocket"
                + " route: every WebSocket route of the app goes to another Service. Fix: test"
                + " those Services' own apps, or use publicUrl(app), which goes through the"
                + " edge.");
    assertThatThrownBy(() -> Platform.serviceUrl(named))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessage(
            "Platform is invalid (1 problem):\n  - serviceUrl = \"http\": needs the Service port's"
                + " number, and the app gives only its name. Fix: give the port by number with"
                + " .service(\"chat-ws\", 8080).");
    assertThatThrownBy(() -> Platform.wscatNetworkPolicy(named))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessage(
            "Platform is invalid (1 problem):\n  - wscatNetworkPolicy = \"http\": needs the pods'"
                + " port number, and the app gives only the Service port's name. Fix: give the"
                + " port by number with .service(\"chat-ws\", 8080), or"
                + " Workload.containerPort(n).");
    assertThat(
            PlatformKitTest.ports(
                Platform.wscatNetworkPolicy(
                        WebSocketApp.on("chat.example.com")
                            .service("chat-ws", "http")
                            .workload(Workload.image("chat:1").containerPort(3000))
                            .build())
                    .getSpec()
                    .getIngress()
                    .get(0)
                    .getPorts()))
        .containsExactly(3000);
    assertThat(Platform.publicUrl(socketsElsewhere)).isEqualTo("ws://chat.example.com/ws");
  }

  @Test
  void client_ip_affinity_goes_on_the_service_only_where_a_websocket_route_goes_to_it() {
    WebSocketApp socketsElsewhere =
        WebSocketApp.on("chat.example.com")
            .service("chat-api", 80)
            .stickySessions(Affinity.clientIp())
            .route(Route.http("/api"))
            .route(Route.websocket("/ws").to("chat-ws", 8080))
            .build();

    Rendering elsewhere = Targets.render(socketsElsewhere, NGINX, Platform.target());
    Rendering own =
        Platform.target()
            .render(
                WebSocketApp.on("chat.example.com")
                    .service("chat-api", 80)
                    .stickySessions(Affinity.clientIp())
                    .route(Route.http("/api"))
                    .route(Route.websocket("/ws"))
                    .build());

    // Sticky sessions are a WebSocket setting; here the sockets go to chat-ws, another app's.
    assertThat(elsewhere.only(Service.class).getSpec().getSessionAffinity()).isNull();
    assertThat(elsewhere.finding("CORE-SERVICE-AFFINITY")).isEmpty();
    assertThat(own.only(Service.class).getSpec().getSessionAffinity()).isEqualTo("ClientIP");
    assertThat(codes(own)).containsExactly("INFO CORE-SERVICE-AFFINITY");
  }

  @Test
  void a_route_to_a_port_the_apps_service_does_not_have_is_an_error() {
    WebSocketApp app =
        WebSocketApp.on("chat.example.com")
            .service("chat-ws", 8080)
            .path("/ws")
            .route(Route.http("/api").to("chat-ws", 9000))
            .route(Route.http("/status").to("chat-ws", "http"))
            .route(Route.websocket("/live").to("chat-ws", "http-ws"))
            .route(Route.http("/metrics").exact().to("chat-ws", "metrics"))
            .workload(Workload.image("chat:1").metricsPort(9090))
            .build();

    UnsupportedFeatureException e =
        catchThrowableOfType(
            UnsupportedFeatureException.class,
            () -> Platform.target().ingressFrom("ingress-nginx").render(app));
    Rendering lenient = Platform.target().ingressFrom("ingress-nginx").lenient().render(app);

    // By number or by name, the app port and the metrics port resolve; nothing else does.
    assertThat(e.errors())
        .containsExactly(
            new Finding(
                "CORE-SERVICE-PORT-MISSING",
                Severity.ERROR,
                "Service default/chat-ws",
                "route /api goes to port 9000 of the app's own Service chat-ws, which the platform"
                    + " kit renders with port 8080 (http-ws) and 9090 (metrics) only, so the"
                    + " route's backend does not resolve.",
                "Send the route to port 8080 or \"http-ws\" (or give it no backend of its own), or"
                    + " to a Service of its own with .to(service, port)."),
            new Finding(
                "CORE-SERVICE-PORT-MISSING",
                Severity.ERROR,
                "Service default/chat-ws",
                "route /status goes to port http of the app's own Service chat-ws, which the"
                    + " platform kit renders with port 8080 (http-ws) and 9090 (metrics) only, so"
                    + " the route's backend does not resolve.",
                "Send the route to port 8080 or \"http-ws\" (or give it no backend of its own), or"
                    + " to a Service of its own with .to(service, port)."));
    assertThat(codes(lenient))
        .containsExactly(
            "WARNING CORE-SERVICE-PORT-MISSING",
            "WARNING CORE-SERVICE-PORT-MISSING",
            "INFO CORE-DRAIN",
            "INFO CORE-NETWORK-POLICY",
            "WARNING CORE-SERVICE-MONITOR-LABELS");
    assertThat(lenient.objects(Service.class)).hasSize(1);
    // With a port name of its own, the platform's Service answers to that name.
    assertThat(
            Platform.target()
                .portName("http")
                .ingressFrom("ingress-nginx")
                .lenient()
                .render(app)
                .findings("CORE-SERVICE-PORT-MISSING"))
        .extracting(Finding::message)
        .containsExactly(
            "route /api goes to port 9000 of the app's own Service chat-ws, which the platform kit"
                + " renders with port 8080 (http) and 9090 (metrics) only, so the route's backend"
                + " does not resolve.",
            "route /live goes to port http-ws of the app's own Service chat-ws, which the"
                + " platform kit renders with port 8080 (http) and 9090 (metrics) only, so the"
                + " route's backend does not resolve.");
    SchemaConformance.assertValid(lenient);
  }

  @Test
  void every_other_service_is_named_once_with_its_ports_and_paths() {
    WebSocketApp app =
        WebSocketApp.on("chat.example.com")
            .service("chat-ws", 8080)
            .path("/ws")
            .route(Route.http("/api").to("chat-api", 80))
            .route(Route.http("/v2").to("chat-api", 8080))
            .route(Route.http("/health").exact().to("chat-api", 80))
            .build();

    Rendering r = Platform.target().render(app);

    assertThat(r.finding("CORE-SERVICES-REFERENCED").orElseThrow().message())
        .isEqualTo(
            "routes go to Services the platform kit does not render: chat-api:80 (/api, /health"
                + " (exact)), chat-api:8080 (/v2); it renders only the app's own Service chat-ws,"
                + " so those must exist in namespace default with those ports.");
    assertThat(Collections.frequency(names(r), "Service default/chat-ws")).isEqualTo(1);
    assertThat(names(r)).containsExactly("Service default/chat-ws");
  }
}
