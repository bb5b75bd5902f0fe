package dev.wsingress.gatewayapi;

import static dev.wsingress.gatewayapi.GatewayApiDoctorTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.Affinity;
import dev.wsingress.BackendProtocol;
import dev.wsingress.Cors;
import dev.wsingress.Doctor;
import dev.wsingress.HealthCheck;
import dev.wsingress.Manifests;
import dev.wsingress.RateLimit;
import dev.wsingress.Reading;
import dev.wsingress.Rendering;
import dev.wsingress.Route;
import dev.wsingress.SameSite;
import dev.wsingress.ServedRoute;
import dev.wsingress.ServedRoute.HostMatch;
import dev.wsingress.ServedRoute.PathMatch;
import dev.wsingress.Setting;
import dev.wsingress.Targets;
import dev.wsingress.Tls;
import dev.wsingress.WebSocketApp;
import dev.wsingress.platform.Platform;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the reader says each implementation does with an HTTPRoute: the served routes. */
class GatewayApiReadTest {

  private static List<ServedRoute> routes(Manifests in) {
    return Reading.of(GatewayApi.target(), in).routes();
  }

  private static List<ServedRoute> routes(String yaml) {
    return routes(Manifests.parse(yaml, "in.yaml"));
  }

  private static String describe(Setting<?> s) {
    return s.describe();
  }

  @Test
  void a_websocket_rule_on_envoy_gateway_with_the_listener_idle_timeout() {
    ServedRoute r = routes(fixture("envoy-stream-idle-default.pass")).get(0);
    assertThat(r.toString())
        .isEqualTo(
            "gateway-api chat.example.com/ws (PREFIX) → Service default/chat port 8080, WebSocket");
    assertThat(r.hostMatch()).isEqualTo(HostMatch.EXACT);
    assertThat(r.webSocketReason())
        .contains("Service default/chat port 8080 has appProtocol kubernetes.io/ws");
    assertThat(r.backends().get(0).reference().orElseThrow().line()).isEqualTo(36);
    assertThat(describe(r.idleTimeout().orElseThrow()))
        .isEqualTo("1 h (controller-wide, doctor/envoy-stream-idle-default.pass.yaml:65:7)");
    assertThat(describe(r.connectTimeout().orElseThrow()))
        .isEqualTo(
            "10 s (controller default: Envoy Gateway v1.9.0 api/v1alpha1/timeout_types.go"
                + " TCPTimeout.ConnectTimeout, \"Default: 10 seconds\")");
    assertThat(describe(r.upgrade().orElseThrow()))
        .isEqualTo(
            "true (controller default: Envoy Gateway v1.9.0 internal/xds/translator/route.go"
                + " defaultUpgradeConfig (websocket))");
    assertThat(r.requestTimeout()).isEmpty();
    assertThat(r.target().toString())
        .isEqualTo(GatewayApi.target().gateway("default", "eg").envoyGateway().toString());
  }

  @Test
  void the_default_stream_idle_timeout_and_a_policy_on_the_rule() {
    assertThat(
            describe(
                routes(fixture("envoy-stream-idle-default.fail"))
                    .get(0)
                    .idleTimeout()
                    .orElseThrow()))
        .isEqualTo(
            "5 min (controller default: Envoy Gateway v1.9.0 api/v1alpha1/timeout_types.go"
                + " HTTPClientTimeout.StreamIdleTimeout, \"Default: 5 minutes\")");
    ServedRoute named = routes(fixture("envoy-stream-idle-default-rule.pass")).get(0);
    assertThat(named.idleTimeout().orElseThrow().origin()).isEqualTo(Setting.Origin.ROUTE);
    assertThat(describe(named.idleTimeout().orElseThrow()))
        .isEqualTo("1 h (doctor/envoy-stream-idle-default-rule.pass.yaml:67:7)");
  }

  @Test
  void envoy_gateway_derives_the_stream_idle_timeout_from_the_request_timeout() {
    ServedRoute r = routes(fixture("envoy-request-timeout.fail")).get(0);
    assertThat(describe(r.requestTimeout().orElseThrow()))
        .isEqualTo("2 h (doctor/envoy-request-timeout.fail.yaml:39:9)");
    assertThat(r.idleTimeout().orElseThrow().value()).isEqualTo(Duration.ofHours(2));
    assertThat(r.idleTimeout().orElseThrow().origin()).isEqualTo(Setting.Origin.DEFAULT);
    assertThat(r.idleTimeout().orElseThrow().reference().orElseThrow())
        .isEqualTo(
            "Envoy Gateway v1.9.0 internal/xds/translator/route.go idleTimeout, derived from the"
                + " request timeout 2h (doctor/envoy-request-timeout.fail.yaml:39:9)");
    // a request timeout below an hour still gives an hour; 0s disables both
    assertThat(EnvoyGatewayPolicies.derivedStreamIdle(Duration.ofSeconds(30)))
        .isEqualTo(Duration.ofHours(1));
    assertThat(EnvoyGatewayPolicies.derivedStreamIdle(Duration.ZERO)).isEqualTo(Duration.ZERO);
  }

  @Test
  void other_implementations_get_no_envoy_settings() {
    ServedRoute r = routes(fixture("request-timeout.fail")).get(0);
    assertThat(r.idleTimeout()).isEmpty();
    assertThat(r.connectTimeout()).isEmpty();
    assertThat(r.upgrade()).isEmpty();
    assertThat(describe(r.requestTimeout().orElseThrow()))
        .isEqualTo("1 h (doctor/request-timeout.fail.yaml:39:9)");
    assertThat(r.target().toString())
        .isEqualTo(GatewayApi.target().gateway("default", "edge").toString());
  }

  @Test
  void cookie_session_persistence_is_affinity_and_a_header_is_not() {
    ServedRoute cookie = routes(fixture("session-header.pass")).get(0);
    assertThat(cookie.affinity().orElseThrow().value())
        .isEqualTo(Affinity.cookie("chat-session").maxAge(Duration.ofHours(24)));
    assertThat(routes(fixture("session-header.fail")).get(0).affinity()).isEmpty();
    // Envoy Gateway's consistent hash on a cookie, with its attributes
    ServedRoute hash = routes(fixture("session-persistence-channel.pass")).get(0);
    assertThat(hash.affinity().orElseThrow().value())
        .isEqualTo(Affinity.cookie("chat-session").maxAge(Duration.ofHours(24)));
  }

  @Test
  void tls_hosts_and_the_https_backend_of_envoy_gateways_backend_tls_task() {
    ServedRoute r = routes(fixture("upstream/envoy-gateway-backend-tls")).get(0);
    assertThat(r.host()).isEqualTo("www.example.com");
    assertThat(r.path()).isEqualTo("/stream");
    assertThat(r.tls().orElseThrow().value()).isEqualTo(Tls.secret("example-cert"));
    assertThat(describe(r.backendProtocol().orElseThrow()))
        .isEqualTo("HTTPS (doctor/upstream/envoy-gateway-backend-tls.yaml:77:7)");
    // the listener's ClientTrafficPolicy (sectionName https)
    assertThat(describe(r.idleTimeout().orElseThrow()))
        .isEqualTo("30 min (controller-wide, doctor/upstream/envoy-gateway-backend-tls.yaml:42:7)");
  }

  private static final String GATEWAY =
      """
      apiVersion: gateway.networking.k8s.io/v1
      kind: GatewayClass
      metadata:
        name: eg
      spec:
        controllerName: gateway.envoyproxy.io/gatewayclass-controller
      ---
      apiVersion: gateway.networking.k8s.io/v1
      kind: Gateway
      metadata:
        name: eg
        namespace: default
      spec:
        gatewayClassName: eg
        listeners:
          - name: web
            protocol: HTTP
            port: 80
            hostname: "*.example.com"
          - name: admin
            protocol: HTTP
            port: 8080
            hostname: admin.example.com
      ---
      """;

  @Test
  void hostnames_are_intersected_with_the_listeners() {
    List<ServedRoute> rs =
        routes(
            GATEWAY
                + """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata:
                  name: chat
                  namespace: default
                spec:
                  parentRefs:
                    - name: eg
                  hostnames: [chat.example.com, chat.example.net, "*.example.com"]
                  rules:
                    - backendRefs:
                        - name: chat
                          port: 8080
                """);
    assertThat(rs)
        .extracting(r -> r.host() + " " + r.hostMatch())
        .containsExactly(
            "chat.example.com EXACT", "*.example.com WILDCARD_SUFFIX", "admin.example.com EXACT");
    assertThat(rs.get(0).path()).isEqualTo("/");
    assertThat(rs.get(0).pathMatch()).isEqualTo(PathMatch.PREFIX);
    assertThat(rs.get(1).matches("a.b.example.com", "/x")).isTrue();
    assertThat(rs.get(0).matches("chat.example.com", "/anything")).isTrue();
  }

  @Test
  void path_matches_redirects_and_weights() {
    List<ServedRoute> rs =
        routes(
            GATEWAY
                + """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata:
                  name: chat
                  namespace: default
                spec:
                  parentRefs:
                    - name: eg
                      sectionName: admin
                  rules:
                    - matches:
                        - path: {type: Exact, value: /ws}
                        - path: {type: RegularExpression, value: "/rooms/[0-9]+"}
                      backendRefs:
                        - {name: chat, port: 8080, weight: 0}
                        - {name: chat-v2, port: 8080, weight: 1}
                    - matches:
                        - path: {value: /old}
                      filters:
                        - type: RequestRedirect
                          requestRedirect: {path: {type: ReplaceFullPath, replaceFullPath: /ws}}
                """);
    assertThat(rs)
        .extracting(ServedRoute::toString)
        .containsExactly(
            "gateway-api admin.example.com/ws (EXACT) → Service default/chat-v2 port 8080,"
                + " WebSocket",
            "gateway-api admin.example.com/rooms/[0-9]+ (REGEX) → Service default/chat-v2 port"
                + " 8080, HTTP",
            "gateway-api admin.example.com/old (PREFIX), HTTP");
    // a regex matches the whole path, as Envoy's safe_regex route match does
    assertThat(rs.get(1).matches("admin.example.com", "/rooms/12")).isTrue();
    assertThat(rs.get(1).matches("admin.example.com", "/rooms/12/x")).isFalse();
    assertThat(rs.get(0).matches("admin.example.com", "/ws/")).isFalse();
  }

  private static final String ROUTE =
      """
      apiVersion: gateway.networking.k8s.io/v1
      kind: HTTPRoute
      metadata:
        name: chat
        namespace: default
        labels:
          team: chat
      spec:
        parentRefs:
          - name: eg
            sectionName: web
        hostnames: [chat.example.com]
        rules:
          - name: ws
            matches:
              - path: {value: /ws}
            backendRefs:
              - {name: chat, port: 8080}
      ---
      """;

  private static String btp(String name, String target, String spec) {
    return """
    apiVersion: gateway.envoyproxy.io/v1alpha1
    kind: BackendTrafficPolicy
    metadata:
      name: %s
      namespace: default
    spec:
    %s
    %s
    ---
    """
        .formatted(name, target, spec);
  }

  private static Setting<Duration> idle(String policies) {
    return routes(GATEWAY + ROUTE + policies).get(0).idleTimeout().orElseThrow();
  }

  @Test
  void a_routes_policy_displaces_the_gateways_unless_it_merges() {
    String gateway =
        btp(
            "gateway",
            "  targetRefs: [{group: gateway.networking.k8s.io, kind: Gateway, name: eg}]",
            "  timeout: {http: {streamIdleTimeout: 2h}}");
    assertThat(idle(gateway).value()).isEqualTo(Duration.ofHours(2));
    assertThat(idle(gateway).origin()).isEqualTo(Setting.Origin.CONTROLLER);
    String route =
        btp(
            "route",
            "  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: chat}]",
            "  timeout: {tcp: {connectTimeout: 3s}}");
    // internal/gatewayapi/backendtrafficpolicy.go: the route's policy overrides the Gateway's
    assertThat(idle(gateway + route).value()).isEqualTo(Duration.ofMinutes(5));
    String merging =
        btp(
            "route",
            "  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: chat}]",
            "  mergeType: StrategicMerge\n  timeout: {tcp: {connectTimeout: 3s}}");
    assertThat(idle(gateway + merging).value()).isEqualTo(Duration.ofHours(2));
    // the listener's policy before the Gateway's
    String listener =
        btp(
            "listener",
            "  targetRefs: [{group: gateway.networking.k8s.io, kind: Gateway, name: eg,"
                + " sectionName: web}]",
            "  timeout: {http: {streamIdleTimeout: 3h}}");
    assertThat(idle(gateway + listener).value()).isEqualTo(Duration.ofHours(3));
    // a policy selecting the route by label; the rule's own before the route's
    String selected =
        btp(
            "selected",
            "  targetSelectors: [{kind: HTTPRoute, matchLabels: {team: chat}}]",
            "  timeout: {http: {streamIdleTimeout: 4h}}");
    assertThat(idle(selected).value()).isEqualTo(Duration.ofHours(4));
    assertThat(idle(selected).origin()).isEqualTo(Setting.Origin.ROUTE);
    String rule =
        btp(
            "rule",
            "  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: chat,"
                + " sectionName: ws}]",
            "  timeout: {http: {streamIdleTimeout: 6h}}");
    assertThat(idle(selected + rule).value()).isEqualTo(Duration.ofHours(6));
  }

  @Test
  void a_listeners_client_policy_before_the_gateways() {
    String ctp =
        """
        apiVersion: gateway.envoyproxy.io/v1alpha1
        kind: ClientTrafficPolicy
        metadata:
          name: %s
          namespace: default
        spec:
          targetRefs: [{group: gateway.networking.k8s.io, kind: Gateway, name: eg%s}]
          timeout: {http: {streamIdleTimeout: %s}}
        ---
        """;
    String whole = ctp.formatted("whole", "", "1h");
    String web = ctp.formatted("web", ", sectionName: web", "2h");
    assertThat(idle(whole).value()).isEqualTo(Duration.ofHours(1));
    assertThat(idle(whole + web).value()).isEqualTo(Duration.ofHours(2));
    assertThat(idle(whole + web).origin()).isEqualTo(Setting.Origin.CONTROLLER);
  }

  @Test
  void envoy_gateway_takes_the_backend_request_timeout_unless_the_rule_retries() {
    String rule =
        """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata:
          name: api
          namespace: default
        spec:
          parentRefs: [{name: eg}]
          hostnames: [api.example.com]
          rules:
            - backendRefs: [{name: api, port: 80}]
              timeouts: {request: 30s, backendRequest: 10s}
        %s
        """;
    assertThat(routes(GATEWAY + rule.formatted("")).get(0).requestTimeout().orElseThrow().value())
        .isEqualTo(Duration.ofSeconds(10));
    assertThat(
            routes(GATEWAY + rule.formatted("      retry: {attempts: 2}"))
                .get(0)
                .requestTimeout()
                .orElseThrow()
                .value())
        .isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void shapes_the_api_server_refuses_are_read_as_absent_not_as_a_crash() {
    String yaml =
        """
        apiVersion: gateway.networking.k8s.io/v1
        kind: GatewayClass
        metadata: {name: eg}
        spec: {controllerName: 7}
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: eg, namespace: default}
        spec:
          gatewayClassName: [eg]
          listeners: {name: http}
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: a, namespace: default}
        spec:
          parentRefs: {name: eg}
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: b, namespace: default}
        spec:
          parentRefs: [eg, {name: eg, sectionName: 5}]
          hostnames: chat.example.com
          rules:
            - matches: {path: /ws}
              backendRefs: [chat, {name: chat, port: "8080"}, {name: chat, port: 8080, weight: x}]
              filters: [{type: CORS, cors: {allowOrigins: "*"}}, {type: URLRewrite}, 3]
              timeouts: {request: 5, backendRequest: [1s]}
              sessionPersistence: {type: Cookie, absoluteTimeout: {}}
            - "rule"
        ---
        apiVersion: gateway.envoyproxy.io/v1alpha1
        kind: BackendTrafficPolicy
        metadata: {name: p, namespace: default}
        spec:
          targetRef: [b]
          targetRefs: {kind: HTTPRoute, name: b}
          targetSelectors: {kind: HTTPRoute}
          timeout: {http: {streamIdleTimeout: [1h]}}
          loadBalancer: {type: ConsistentHash, consistentHash: {type: Cookie, cookie: "x"}}
          rateLimit: {local: {rules: {limit: 1}}}
          httpUpgrade: websocket
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: BackendTLSPolicy
        metadata: {name: t, namespace: default}
        spec: {targetRefs: {kind: Service, name: chat}}
        """;
    Reading r = Reading.of(GatewayApi.target(), Manifests.parse(yaml, "odd.yaml"));
    assertThat(r.routes()).isNotEmpty();
    assertThat(r.findings())
        .extracting(f -> f.code())
        .contains("GATEWAYAPI-DURATION-INVALID", "GATEWAYAPI-BACKEND-PORT-MISSING");
  }

  /** Idle 3600 s, cookie affinity, rate limit, TLS, an HTTPS backend, a rewrite and CORS. */
  private static WebSocketApp app() {
    return WebSocketApp.on("ws.example.com")
        .name("chat")
        .path("/ws")
        .service("websocket-service", 8443)
        .timeout(3600)
        .connectTimeout(Duration.ofSeconds(5))
        .stickySessions(
            Affinity.cookie("ws-server")
                .maxAge(Duration.ofDays(1))
                .path("/")
                .secure(true)
                .sameSite(SameSite.STRICT))
        .tls(Tls.secret("websocket-tls"))
        .rateLimit(RateLimit.handshakesPerSecond(10))
        .healthCheck(HealthCheck.http("/health"))
        .backendProtocol(BackendProtocol.HTTPS)
        .backendCaSecret("backend-ca")
        .cors(Cors.allowOrigins("https://app.example.com").allowMethods("GET"))
        .route(Route.websocket("/notify").to("notify", 8443).rewriteTo("/ws"))
        .build();
  }

  @Test
  void what_the_envoy_gateway_rendering_writes_reads_back_as_the_spec_says() {
    Rendering out =
        Targets.render(
            app(), GatewayApi.target().withGateway("eg").envoyGateway(), Platform.target());
    List<ServedRoute> rs =
        Doctor.with(GatewayApi.target()).check(Manifests.parse(out.toYaml(), "r.yaml")).routes();
    ServedRoute ws =
        rs.stream()
            .filter(r -> r.path().equals("/ws") && !r.backends().isEmpty())
            .findFirst()
            .orElseThrow();
    assertThat(ws.isWebSocket()).isTrue();
    assertThat(ws.idleTimeout().orElseThrow().value()).isEqualTo(Duration.ofHours(1));
    assertThat(ws.idleTimeout().orElseThrow().origin()).isEqualTo(Setting.Origin.ROUTE);
    assertThat(ws.connectTimeout().orElseThrow().value()).isEqualTo(Duration.ofSeconds(5));
    assertThat(ws.affinity().orElseThrow().value())
        .isEqualTo(
            Affinity.cookie("ws-server")
                .maxAge(Duration.ofDays(1))
                .path("/")
                .secure(true)
                .sameSite(SameSite.STRICT));
    assertThat(ws.rateLimit().orElseThrow().value()).isEqualTo(RateLimit.handshakesPerSecond(10));
    assertThat(ws.tls().orElseThrow().value()).isEqualTo(Tls.secret("websocket-tls"));
    assertThat(ws.backendProtocol().orElseThrow().value()).isEqualTo(BackendProtocol.HTTPS);
    assertThat(ws.cors().orElseThrow().value())
        .isEqualTo(Cors.allowOrigins("https://app.example.com").allowMethods("GET"));
    assertThat(ws.upgrade().orElseThrow().value()).isTrue();
    ServedRoute notify =
        rs.stream()
            .filter(r -> r.path().equals("/notify") && !r.backends().isEmpty())
            .findFirst()
            .orElseThrow();
    assertThat(notify.rewrite().orElseThrow().value()).isEqualTo("/ws");
    assertThat(notify.backends().get(0).describe()).isEqualTo("Service default/notify port 8443");
    assertThat(notify.idleTimeout().orElseThrow().value()).isEqualTo(Duration.ofHours(1));
    // the Gateway wsingress rendered for the app: the target that renders it again
    assertThat(ws.target().toString())
        .isEqualTo(GatewayApi.target().withGateway("eg").envoyGateway().toString());
    assertThat(ws.appName()).contains("chat");
  }
}
