package dev.wsingress.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.Affinity;
import dev.wsingress.Doctor;
import dev.wsingress.Finding;
import dev.wsingress.Manifests;
import dev.wsingress.RateLimit;
import dev.wsingress.Rendering;
import dev.wsingress.Report;
import dev.wsingress.Route;
import dev.wsingress.ServedRoute;
import dev.wsingress.Setting;
import dev.wsingress.Severity;
import dev.wsingress.WebSocketApp;
import dev.wsingress.Yaml;
import dev.wsingress.gatewayapi.BackendTrafficPolicy;
import dev.wsingress.nginx.Nginx;
import dev.wsingress.testing.SchemaConformance;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPCORSFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The seed's full ingress-nginx Ingress, moved to Envoy Gateway: nothing WebSocket is dropped. */
class GatewayApiMigrationTest {
  private static final String P = "nginx.ingress.kubernetes.io/";

  private static final Rendering ENVOY = GatewayApiMigration.render(NginxSeeds.fullIngress());

  private static BackendTrafficPolicy.Spec policy() {
    return ENVOY.only(BackendTrafficPolicy.class).getSpec();
  }

  private static HTTPRouteRule rule() {
    return route("websocket-ingress").getSpec().getRules().get(0);
  }

  private static HTTPRoute route(String name) {
    return ENVOY.objects(HTTPRoute.class).stream()
        .filter(r -> r.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static HTTPCORSFilter cors() {
    return rule().getFilters().get(0).getCors();
  }

  private static Finding finding(String code) {
    return ENVOY.finding(code).orElseThrow(() -> new AssertionError("no finding " + code));
  }

  /**
   * For every annotation the original Ingress carries, where the Envoy Gateway rendering carries
   * it: a field, or an explicit finding. An annotation without an entry fails the test.
   */
  private static Map<String, Consumer<String>> carriers() {
    Map<String, Consumer<String>> m = new LinkedHashMap<>();
    // the idle timeout: Envoy's stream idle timeout is what closes a silent upgraded stream
    Consumer<String> idle =
        v -> {
          assertThat(v).isEqualTo("3600");
          assertThat(policy().timeout().http().streamIdleTimeout()).isEqualTo("1h");
        };
    m.put("proxy-read-timeout", idle);
    m.put("proxy-send-timeout", idle);
    // HTTP/1.1 upstream: appProtocol kubernetes.io/ws (Envoy Gateway forces HTTP/1.1 for it)
    m.put(
        "proxy-http-version",
        v ->
            assertThat(ENVOY.only(Service.class).getSpec().getPorts().get(0).getAppProtocol())
                .isEqualTo("kubernetes.io/ws"));
    // no buffering: nothing is written that buffers (Envoy streams), and nothing to report
    Consumer<String> noBuffering =
        v -> {
          assertThat(v).isEqualTo("off");
          assertThat(ENVOY.finding("GATEWAYAPI-BUFFERING")).isEmpty();
        };
    m.put("proxy-buffering", noBuffering);
    m.put("proxy-request-buffering", noBuffering);
    // the sticky cookie: a consistent hash on it, max-age as the generated cookie's TTL
    Consumer<String> cookie =
        v ->
            assertThat(policy().loadBalancer().consistentHash().cookie())
                .isEqualTo(
                    new BackendTrafficPolicy.Cookie(Map.of("Path", "/"), "ws-server", "24h"));
    m.put("affinity", v -> assertThat(policy().loadBalancer().type()).isEqualTo("ConsistentHash"));
    m.put("session-cookie-name", cookie);
    m.put("session-cookie-max-age", cookie);
    m.put("session-cookie-expires", cookie);
    m.put("session-cookie-path", cookie);
    m.put(
        "affinity-mode",
        v ->
            assertThat(finding("GATEWAYAPI-ENVOY-COOKIE").message())
                .contains("so persistent() is approximated"));
    // the HTTPS redirect: a RequestRedirect route on the HTTP listener, and its ws:// caveat
    m.put(
        "ssl-redirect",
        v -> {
          assertThat(
                  route("websocket-ingress-redirect")
                      .getSpec()
                      .getRules()
                      .get(0)
                      .getFilters()
                      .get(0)
                      .getRequestRedirect()
                      .getScheme())
              .isEqualTo("https");
          assertThat(finding("GATEWAYAPI-PLAIN-WS-REDIRECT").severity()).isEqualTo(Severity.INFO);
        });
    // the handshake rate limit per client: a local rate limit with one bucket per address
    m.put(
        "limit-rps",
        v -> {
          assertThat(policy().rateLimit().local().rules())
              .allSatisfy(
                  r -> {
                    assertThat(r.limit().requests()).isEqualTo(Long.parseLong(v));
                    assertThat(r.limit().unit()).isEqualTo("Second");
                    assertThat(r.clientSelectors().get(0).sourceCIDR().type())
                        .isEqualTo("Distinct");
                  });
          assertThat(finding("GATEWAYAPI-ENVOY-RATE-LIMIT-LOCAL").message())
              .startsWith("the handshake limit of 10 per second and client address");
        });
    // concurrent sockets per client: Envoy Gateway has no such limit, and the finding says so
    m.put(
        "limit-connections",
        v ->
            assertThat(finding("GATEWAYAPI-MAX-CONNECTIONS").message())
                .contains("so " + v + " there would refuse connection 101 of all clients"));
    // CORS: the HTTPRoute CORS filter, field by field
    m.put("enable-cors", v -> assertThat(rule().getFilters().get(0).getType()).isEqualTo("CORS"));
    m.put("cors-allow-origin", v -> assertThat(cors().getAllowOrigins()).containsExactly(v));
    m.put(
        "cors-allow-methods",
        v -> assertThat(String.join(", ", cors().getAllowMethods())).isEqualTo(v));
    m.put(
        "cors-allow-headers",
        v -> assertThat(String.join(", ", cors().getAllowHeaders())).isEqualTo(v));
    m.put("cors-max-age", v -> assertThat(cors().getMaxAge()).isEqualTo(Integer.parseInt(v)));
    m.put(
        "cors-allow-credentials",
        v -> {
          assertThat(v).isEqualTo("false");
          assertThat(cors().getAllowCredentials()).isNull();
        });
    return m;
  }

  @Test
  void every_websocket_setting_of_the_ingress_is_carried_by_a_field_or_a_finding() {
    Ingress original = Nginx.target().render(NginxSeeds.fullIngress()).only(Ingress.class);
    Map<String, Consumer<String>> carriers = carriers();

    Map<String, String> annotations = original.getMetadata().getAnnotations();
    assertThat(annotations).isNotEmpty();
    for (Map.Entry<String, String> a : annotations.entrySet()) {
      assertThat(a.getKey()).startsWith(P);
      String key = a.getKey().substring(P.length());
      assertThat(carriers).as("where the Envoy rendering carries %s", key).containsKey(key);
      carriers.get(key).accept(a.getValue());
    }
    // the Ingress's own fields: hosts, path, backend, TLS
    assertThat(route("websocket-ingress").getSpec().getHostnames())
        .containsExactly(original.getSpec().getRules().get(0).getHost());
    assertThat(rule().getMatches().get(0).getPath().getValue()).isEqualTo("/ws");
    assertThat(rule().getBackendRefs().get(0).getName()).isEqualTo("websocket-service");
    assertThat(rule().getBackendRefs().get(0).getPort()).isEqualTo(8080);
    assertThat(
            ENVOY.only(Gateway.class).getSpec().getListeners().get(1).getTls().getCertificateRefs())
        .extracting(ref -> ref.getName())
        .containsExactly(original.getSpec().getTls().get(0).getSecretName());
  }

  @Test
  void only_the_per_client_connection_limit_cannot_be_carried() {
    assertThat(GatewayApiMigration.blockers(NginxSeeds.fullIngress()))
        .extracting(Finding::code)
        .containsExactly("GATEWAYAPI-MAX-CONNECTIONS");
  }

  @Test
  void the_lenient_rendering_is_what_to_apply() {
    assertThat(ENVOY.findings())
        .extracting(f -> f.severity() + " " + f.code())
        .containsExactly(
            "WARNING GATEWAYAPI-MAX-CONNECTIONS",
            "INFO GATEWAYAPI-VERSION-GATED",
            "WARNING GATEWAYAPI-CORS-HANDSHAKE",
            "INFO GATEWAYAPI-PLAIN-WS-REDIRECT",
            "INFO GATEWAYAPI-VERSION-GATED",
            "INFO GATEWAYAPI-ENVOY-COOKIE",
            "WARNING GATEWAYAPI-ENVOY-RATE-LIMIT-LOCAL",
            "INFO GATEWAYAPI-ENVOY-CLIENT-ADDRESS",
            "INFO GATEWAYAPI-ENVOY-CIRCUIT-BREAKER");
    assertThat(ENVOY.findings())
        .extracting(Finding::code)
        .as("the idle timeout is carried by the stream idle timeout, not left to a warning")
        .doesNotContain("GATEWAYAPI-IDLE-TIMEOUT", "GATEWAYAPI-STICKY-SESSIONS-EXPERIMENTAL");
    assertThat(ENVOY.objects())
        .extracting(o -> o.getKind() + " " + o.getMetadata().getName())
        .containsExactly(
            "Service websocket-service",
            "BackendTrafficPolicy websocket-ingress",
            "Gateway websocket-ingress",
            "HTTPRoute websocket-ingress",
            "HTTPRoute websocket-ingress-redirect");
    assertThat(rule().getTimeouts())
        .as("no hard request timeout, unlike ingress2gateway's 10 x 3600 s")
        .isNull();
    assertThat(policy().targetRefs())
        .extracting(BackendTrafficPolicy.TargetRef::name)
        .containsExactly("websocket-ingress");
    SchemaConformance.assertValid(ENVOY);
  }

  @Test
  void beside_an_api_and_a_frontend_the_settings_stay_on_the_socket_rule() {
    // the commonest real mistake: the API on the Ingress that carries the WebSocket annotations
    WebSocketApp app =
        NginxSeeds.fullIngress().toBuilder()
            .route(Route.http("/api").to("api", 80).requestTimeout(Duration.ofSeconds(30)))
            .route(Route.http("/").to("frontend", 80))
            .build();

    Rendering r = GatewayApiMigration.render(app);

    List<HTTPRouteRule> rules = r.objects(HTTPRoute.class).get(0).getSpec().getRules();
    assertThat(rules)
        .extracting(HTTPRouteRule::getName)
        .containsExactly("ws-websocket-service", "http-api", "http-frontend");
    assertThat(rules.get(1).getTimeouts().getRequest()).isEqualTo("30s");
    assertThat(rules.get(0).getTimeouts()).as("still no request timeout on the socket").isNull();
    assertThat(rules.get(2).getTimeouts()).isNull();
    BackendTrafficPolicy.Spec policy = r.only(BackendTrafficPolicy.class).getSpec();
    assertThat(policy.targetRefs())
        .containsExactly(
            new BackendTrafficPolicy.TargetRef(
                "gateway.networking.k8s.io",
                "HTTPRoute",
                "websocket-ingress",
                "ws-websocket-service"));
    assertThat(policy.timeout().http().streamIdleTimeout()).isEqualTo("1h");
    assertThat(policy.loadBalancer().consistentHash().cookie().name()).isEqualTo("ws-server");
    assertThat(policy.rateLimit().local().rules()).hasSize(2);
    assertThat(GatewayApiMigration.blockers(app))
        .extracting(Finding::code)
        .containsExactly("GATEWAYAPI-MAX-CONNECTIONS");
    SchemaConformance.assertValid(r);
  }

  @Test
  void the_doctor_reads_the_migration_back_with_every_websocket_setting() {
    Report report = Doctor.check(Manifests.parse(ENVOY.toYaml(), "envoy.yaml"));
    ServedRoute ws = report.routes("ws.example.com", "/ws").get(0);
    assertThat(ws.targetId()).isEqualTo("gateway-api");
    assertThat(ws.backends())
        .extracting(b -> b.describe())
        .containsExactly("Service default/websocket-service port 8080");
    assertThat(ws.isWebSocket()).isTrue();
    // proxy-read-timeout 3600 as Envoy's stream idle timeout, from the BackendTrafficPolicy
    assertThat(ws.idleTimeout().orElseThrow().value()).isEqualTo(Duration.ofHours(1));
    assertThat(ws.idleTimeout().orElseThrow().origin()).isEqualTo(Setting.Origin.ROUTE);
    assertThat(ws.affinity().orElseThrow().value())
        .isEqualTo(Affinity.cookie("ws-server").maxAge(Duration.ofDays(1)).path("/"));
    assertThat(ws.rateLimit().orElseThrow().value()).isEqualTo(RateLimit.handshakesPerSecond(10));
    assertThat(ws.tls().orElseThrow().value().secretName()).isEqualTo("websocket-tls");
    assertThat(ws.requestTimeout()).isEmpty();
    // nothing the rendering did not already say
    assertThat(report.findings())
        .filteredOn(f -> f.severity() != Severity.INFO)
        .extracting(Finding::code)
        .isSubsetOf(ENVOY.findings().stream().map(Finding::code).toList());
  }

  @Test
  void without_its_policy_the_migration_is_the_commonest_mistake() {
    // the same HTTPRoute and Gateway with Envoy Gateway's GatewayClass, but no
    // BackendTrafficPolicy: Envoy's 5 minute stream idle timeout resets idle sockets
    String withoutPolicy =
        Yaml.write(
            ENVOY.objects().stream().filter(o -> !(o instanceof BackendTrafficPolicy)).toList());
    String gatewayClass =
        "apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata:\n  name: eg\n"
            + "spec:\n  controllerName: gateway.envoyproxy.io/gatewayclass-controller\n---\n";
    Report report = Doctor.check(Manifests.parse(gatewayClass + withoutPolicy, "migrated.yaml"));
    assertThat(report.findings())
        .filteredOn(f -> f.severity() != Severity.INFO)
        .extracting(Finding::code)
        .containsExactly("GATEWAYAPI-ENVOY-STREAM-IDLE-DEFAULT");
    assertThat(report.routes("ws.example.com", "/ws").get(0).idleTimeout().orElseThrow().value())
        .isEqualTo(Duration.ofMinutes(5));
  }
}
