package dev.wsingress.gatewayapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.Finding;
import dev.wsingress.HealthCheck;
import dev.wsingress.Import;
import dev.wsingress.Imported;
import dev.wsingress.Manifests;
import dev.wsingress.Route;
import dev.wsingress.Source;
import dev.wsingress.Tls;
import dev.wsingress.WebSocketApp;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The converter on Gateway API inputs that wsingress did not render (fixtures under {@code
 * import/}, written for these tests in the shapes of the Envoy Gateway docs and of
 * traefik/ingress-nginx-migration e2e/fixtures/gateway at 7aa28da), and on what the round trip
 * leaves out: every setting is carried or reported with its code, object and line.
 */
class GatewayApiImportTest {

  static Imported imported(String file) throws IOException {
    try (InputStream in = GatewayApiImportTest.class.getResourceAsStream("import/" + file)) {
      String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return Import.with(GatewayApi.target()).from(Manifests.parse(yaml, file));
    }
  }

  /** A finding as code, subject, line and what it says (without the hint). */
  static String brief(Finding f) {
    return f.code()
        + " "
        + f.subject()
        + " "
        + f.source().map(Source::line).map(String::valueOf).orElse("-")
        + ": "
        + f.message();
  }

  static List<String> briefs(Imported in) {
    return in.findings().stream()
        .filter(f -> !f.code().equals("CORE-IMPORT-TARGET"))
        .map(GatewayApiImportTest::brief)
        .toList();
  }

  @Test
  void an_envoy_gateway_app_written_by_hand_converts_with_every_setting() throws IOException {
    Imported in = imported("envoy-chat.yaml");
    assertThat(in.apps())
        .containsExactly(
            WebSocketApp.on("chat.example.com")
                .name("chat")
                .namespace("chat")
                .label("app", "chat")
                .path("/socket")
                .service("chat", 8080)
                .route(Route.websocket("/old-socket").rewriteTo("/socket"))
                .route(
                    Route.http("/api")
                        .to("chat-api", 80)
                        .requestTimeout(java.time.Duration.ofSeconds(30)))
                .timeout(java.time.Duration.ofHours(2))
                .connectTimeout(java.time.Duration.ofSeconds(5))
                .stickySessions(
                    dev.wsingress.Affinity.cookie("chat-pod")
                        .maxAge(java.time.Duration.ofHours(12)))
                .tls(Tls.secret("chat-example-com"))
                .healthCheck(
                    HealthCheck.http("/healthz").interval(java.time.Duration.ofSeconds(10)))
                .build());
    // the target the input implies: its Gateway and listener names, Envoy Gateway
    assertThat(in.importedApps().get(0).targets().toString())
        .isEqualTo(
            List.of(
                    GatewayApi.target()
                        .gateway("chat", "edge")
                        .listeners("web", "websecure")
                        .envoyGateway())
                .toString());
    // the redirect route is the app's TLS redirect: consumed, no route of its own
    assertThat(briefs(in))
        .containsExactly(
            "CORE-IMPORT-OBJECT-NOT-READ Service chat/chat 29: none of the readers (Gateway API)"
                + " reads this Service, so it is part of no converted app.",
            "CORE-IMPORT-NOT-CARRIED HTTPRoute chat/chat 72: the ResponseHeaderModifier filter is"
                + " not carried: the spec does not change headers, so the converted route passes"
                + " them on as they are.",
            "CORE-IMPORT-NOT-CARRIED HTTPRoute chat/chat 85: the headers match is not carried: the"
                + " spec matches by host and path only, so the converted route takes every request"
                + " for its path.",
            "CORE-IMPORT-NOT-CARRIED BackendTrafficPolicy chat/chat-sockets 139: the field"
                + " spec.retry is not carried: wsingress does not model this BackendTrafficPolicy"
                + " setting (envoyproxy/gateway v1.9.0 api/v1alpha1), so the converted app does"
                + " without it.",
            "CORE-IMPORT-NOT-CARRIED BackendTrafficPolicy chat/chat-sockets 147: the field"
                + " spec.healthCheck.passive is not carried: wsingress does not model this"
                + " BackendTrafficPolicy setting (envoyproxy/gateway v1.9.0 api/v1alpha1), so the"
                + " converted app does without it.");
  }

  @Test
  void routes_migrated_for_traefik_convert_or_say_what_they_lose() throws IOException {
    Imported in = imported("traefik-migrated.yaml");
    GatewayApi traefik = GatewayApi.target().gateway("default", "traefik");
    assertThat(in.apps())
        .containsExactly(
            WebSocketApp.on("ws-test.gateway.local")
                .name("gateway-ws-test")
                .label("app", "echo")
                .service("echo", 80)
                .build(),
            WebSocketApp.on("rewrite-test.gateway.local")
                .name("gateway-rewrite-test")
                .label("app", "echo")
                .path("/app")
                .service("echo", 80)
                .build());
    assertThat(in.importedApps().get(0).targets().toString())
        .isEqualTo(List.of(traefik).toString());
    assertThat(briefs(in))
        .containsExactly(
            "CORE-IMPORT-OBJECT-NOT-READ Service default/echo 26: none of the readers (Gateway API)"
                + " reads this Service, so it is part of no converted app.",
            "CORE-IMPORT-NOT-CARRIED HTTPRoute default/gateway-ws-test 50: the route"
                + " ws-test.gateway.local/ splits its traffic between 2 backends (Service"
                + " default/echo port 80, Service default/echo-canary port 80); the spec sends a"
                + " route to one Service, so only the first is carried.",
            "CORE-IMPORT-NOT-CARRIED HTTPRoute default/gateway-ws-test 54: the"
                + " RequestHeaderModifier filter is not carried: the spec does not change headers,"
                + " so the converted route passes them on as they are.",
            "CORE-IMPORT-NOT-CARRIED HTTPRoute default/gateway-rewrite-test 83: the ExtensionRef"
                + " filter is not carried: it is the implementation's own filter (traefik.io"
                + " Middleware gateway-rewrite-test-rewrite), which this reader does not read.",
            // a host that only redirects has no route to carry (force-ssl-redirect migrated alone)
            "CORE-IMPORT-ROUTE-DROPPED HTTPRoute default/gateway-ssl-redirect-test 104: the route"
                + " ssl-redirect-test.gateway.local/ sends to no Service; it is not converted.");
  }

  @Test
  void tls_on_a_gateway_not_in_the_input_is_reported_not_carried() {
    WebSocketApp app =
        WebSocketApp.on("chat.example.com")
            .name("chat")
            .service("chat", 8080)
            .tls(Tls.secret("chat-tls"))
            .build();
    String yaml = GatewayApi.target().gateway("infra", "public").render(app).toYaml();
    Imported in = Import.with(GatewayApi.target()).from(Manifests.parse(yaml, "out.yaml"));
    assertThat(in.apps())
        .containsExactly(
            WebSocketApp.on("chat.example.com").name("chat").service("chat", 8080).build());
    assertThat(briefs(in))
        .filteredOn(s -> !s.startsWith("GATEWAYAPI-PARENT-NOT-IN-INPUT"))
        .containsExactly(
            "CORE-IMPORT-NOT-CARRIED HTTPRoute default/chat 14: TLS on the listener \"https\" of"
                + " Gateway infra/public is not carried: the Gateway is not in the input, so the"
                + " Secret its listener terminates TLS with is not known, and the app is converted"
                + " without TLS and without the redirect of HTTPRoute default/chat-redirect; add"
                + " the Gateway (or the cert-manager Certificate of its Secret) to the input.");
  }

  /** The example chat app of examples/src/main/resources/chat.yaml, as the DSL writes it. */
  static WebSocketApp chatExample() {
    return WebSocketApp.on("chat.example.com")
        .name("chat")
        .namespace("chat")
        .label("app", "chat")
        .path("/ws")
        .service("chat-ws", 8080)
        .route(
            Route.http("/api").to("chat-api", 80).requestTimeout(java.time.Duration.ofSeconds(30)))
        .route(Route.websocket("/notifications/ws").to("notify", 8080).rewriteTo("/ws"))
        .timeout(java.time.Duration.ofHours(1))
        .connectTimeout(java.time.Duration.ofSeconds(10))
        .stickySessions(
            dev.wsingress.Affinity.cookie("ws-server").maxAge(java.time.Duration.ofHours(24)))
        .tls(
            Tls.secret("chat-tls")
                .issuedBy(dev.wsingress.AcmeIssuer.letsEncrypt("ops@example.com").http01("nginx")))
        .rateLimit(dev.wsingress.RateLimit.handshakesPerSecond(10).burst(50))
        .maxConnectionsPerClient(100)
        .cors(dev.wsingress.Cors.allowOrigins("https://app.example.com"))
        .healthCheck(HealthCheck.http("/health"))
        .build();
  }

  @Test
  void tls_on_an_existing_gateway_comes_back_from_the_platform_certificate() {
    WebSocketApp app = chatExample();
    for (GatewayApi target :
        List.of(
            GatewayApi.target().lenient(),
            GatewayApi.target().lenient().envoyGateway(),
            GatewayApi.target().lenient().gateway("infra", "public"))) {
      String yaml =
          dev.wsingress.Targets.render(app, target, dev.wsingress.platform.Platform.target())
              .toYaml();
      Imported in =
          Import.with(GatewayApi.target(), dev.wsingress.platform.Platform.target())
              .from(Manifests.parse(yaml, "chat.yaml"));
      // the listener's Secret is the one the kit's Certificate fills for the route's hosts, with
      // its issuer and the redirect of the -redirect route
      assertThat(in.apps().get(0).tls()).as(target.toString()).isEqualTo(app.tls());
      assertThat(briefs(in))
          .as(target.toString())
          .noneMatch(
              f -> f.startsWith("CORE-IMPORT") && (f.contains("TLS") || f.contains("Certificate")));
    }
  }

  @Test
  void a_certificate_for_other_hosts_or_two_secrets_are_no_tls() {
    String route =
        """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: chat, namespace: chat}
        spec:
          parentRefs: [{name: public, namespace: infra, sectionName: https}]
          hostnames: [chat.example.com]
          rules:
            - matches: [{path: {type: PathPrefix, value: /ws}}]
              backendRefs: [{name: chat, port: 8080}]
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: chat-redirect, namespace: chat}
        spec:
          parentRefs: [{name: public, namespace: infra, sectionName: http}]
          hostnames: [chat.example.com]
          rules:
            - filters: [{type: RequestRedirect, requestRedirect: {scheme: https}}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: chat, namespace: chat}
        spec:
          ports: [{name: ws, port: 8080, appProtocol: kubernetes.io/ws}]
        """;
    String wildcard =
        """
        ---
        apiVersion: cert-manager.io/v1
        kind: Certificate
        metadata: {name: wildcard, namespace: infra}
        spec:
          secretName: wildcard-example-com
          dnsNames: ["*.example.com"]
          issuerRef: {name: letsencrypt, kind: ClusterIssuer}
        """;
    String deeper =
        """
        ---
        apiVersion: cert-manager.io/v1
        kind: Certificate
        metadata: {name: deeper, namespace: infra}
        spec:
          secretName: deeper
          dnsNames: ["*.chat.example.com"]
        """;
    String another =
        """
        ---
        apiVersion: cert-manager.io/v1
        kind: Certificate
        metadata: {name: another, namespace: infra}
        spec:
          secretName: another
          dnsNames: [chat.example.com]
        """;
    // a wildcard of the Gateway's namespace covers the host (one label)
    assertThat(tlsOf(route + wildcard)).contains(Tls.secret("wildcard-example-com"));
    // a wildcard one label deeper does not, and two Secrets for the host say nothing
    assertThat(tlsOf(route + deeper)).isEmpty();
    assertThat(tlsOf(route + wildcard + another)).isEmpty();
  }

  private static java.util.Optional<Tls> tlsOf(String yaml) {
    return Import.with(GatewayApi.target())
        .from(Manifests.parse(yaml, "in.yaml"))
        .apps()
        .get(0)
        .tls();
  }

  @Test
  void a_zero_request_timeout_on_a_websocket_rule_disables_it_and_cuts_nothing() {
    String yaml =
        """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: chat, namespace: chat}
        spec:
          parentRefs: [{name: public, namespace: infra}]
          hostnames: [chat.example.com]
          rules:
            - matches: [{path: {type: PathPrefix, value: /ws}}]
              backendRefs: [{name: chat, port: 8080}]
              timeouts: {request: 0s}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: chat, namespace: chat}
        spec:
          ports: [{name: ws, port: 8080, appProtocol: kubernetes.io/ws}]
        """;
    String envoy =
        """
        ---
        apiVersion: gateway.envoyproxy.io/v1alpha1
        kind: ClientTrafficPolicy
        metadata: {name: public, namespace: infra}
        spec:
          targetRefs: [{group: gateway.networking.k8s.io, kind: Gateway, name: public}]
        """;
    for (String input : List.of(yaml, yaml + envoy)) {
      Manifests m = Manifests.parse(input, "in.yaml");
      // the doctor: 0s disables the timeout (GEP-1742), so no finding says it ends sockets
      assertThat(dev.wsingress.Doctor.check(m).findings())
          .extracting(Finding::code)
          .doesNotContain("GATEWAYAPI-REQUEST-TIMEOUT", "GATEWAYAPI-ENVOY-REQUEST-TIMEOUT");
      Imported in = Import.with(GatewayApi.target()).from(m);
      assertThat(briefs(in))
          .filteredOn(f -> f.contains("disables the request timeout") || f.contains("deadline"))
          .containsExactly(
              "CORE-IMPORT-APPROXIMATED HTTPRoute chat/chat 10: the WebSocket route /ws disables"
                  + " the request timeout (no timeout (in.yaml:10:18)); the spec's WebSocket"
                  + " routes set none, so the converted route leaves it to the controller's"
                  + " default.");
    }
  }

  @Test
  void a_health_check_written_for_the_own_service_only_is_a_conflict_on_import() {
    WebSocketApp app =
        WebSocketApp.on("chat.example.com")
            .name("chat")
            .path("/ws")
            .service("chat", 8080)
            .route(Route.websocket("/notify").to("notify", 8080))
            .healthCheck(HealthCheck.http("/healthz"))
            .build();
    String yaml = GatewayApi.target().withGateway("eg").envoyGateway().render(app).toYaml();
    Imported in = Import.with(GatewayApi.target()).from(Manifests.parse(yaml, "out.yaml"));
    assertThat(in.apps().get(0).healthCheck()).contains(HealthCheck.http("/healthz"));
    // Envoy Gateway's active check is written for the app's own Service only
    // (ENVOY_HEALTH_CHECK_SCOPE): the import says that the other WebSocket route has none
    assertThat(briefs(in))
        .containsExactly(
            "CORE-IMPORT-CONFLICT HTTPRoute default/chat 87: the WebSocket routes disagree on the"
                + " health check: /ws HealthCheck{path=/healthz} (out.yaml:12:5), /notify none;"
                + " the spec holds one for the app's WebSocket routes, so"
                + " HealthCheck{path=/healthz} (the value of /ws, the app's first WebSocket route)"
                + " is carried for all of them.");
  }
}
