package dev.wsingress.gatewayapi;

import static dev.wsingress.testing.Renderings.codes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wsingress.Affinity;
import dev.wsingress.BackendProtocol;
import dev.wsingress.Finding;
import dev.wsingress.HealthCheck;
import dev.wsingress.RateLimit;
import dev.wsingress.Rendering;
import dev.wsingress.Route;
import dev.wsingress.Severity;
import dev.wsingress.Targets;
import dev.wsingress.Tls;
import dev.wsingress.UnsupportedFeatureException;
import dev.wsingress.WebSocketApp;
import dev.wsingress.Yaml;
import dev.wsingress.platform.Platform;
import dev.wsingress.testing.Renderings;
import dev.wsingress.testing.SchemaConformance;
import dev.wsingress.testing.Snapshots;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicy;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Several routes with their own backends (issue 13): one rule per group of routes with equal
 * settings, WebSocket settings on WebSocket rules only, rewrites as {@code URLRewrite}
 * ReplacePrefixMatch, and the Envoy Gateway policies on the right rules.
 */
class GatewayApiRoutesTest {

  /**
   * The three-backend scenario: {@code /ws} WebSocket to the app's {@code chat-ws:8080} with cookie
   * affinity and a 3600 s idle timeout; {@code /api} plain to {@code chat-api:80} with a 30 s
   * request timeout; {@code /notify} WebSocket to {@code notify}'s port {@code notifyPort},
   * rewritten to {@code /ws}; {@code /} plain to {@code frontend:80}; TLS with a redirect.
   */
  private static WebSocketApp.Builder threeBackends(Route notify) {
    return WebSocketApp.on("chat.example.com")
        .name("chat")
        .path("/ws")
        .service("chat-ws", 8080)
        .timeout(3600)
        .stickySessions(Affinity.cookie("ws-server"))
        .route(Route.http("/api").to("chat-api", 80).requestTimeout(Duration.ofSeconds(30)))
        .route(notify.rewriteTo("/ws"))
        .route(Route.http("/").to("frontend", 80))
        .tls(Tls.secret("chat-tls"));
  }

  /** The scenario as the issue gives it: {@code notify}'s port by name. */
  private static WebSocketApp scenario() {
    return threeBackends(Route.websocket("/notify").to("notify", "http")).build();
  }

  /** The scenario with {@code notify}'s port by number, which a backendRef needs. */
  private static WebSocketApp numbered() {
    return threeBackends(Route.websocket("/notify").to("notify", 8080)).build();
  }

  private static HTTPRoute route(Rendering r, String name) {
    return r.objects(HTTPRoute.class).stream()
        .filter(x -> x.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no HTTPRoute " + name));
  }

  private static Map<String, HTTPRouteRule> rulesByName(HTTPRoute route) {
    return route.getSpec().getRules().stream()
        .collect(
            Collectors.toMap(
                HTTPRouteRule::getName,
                Function.identity(),
                (a, b) -> a,
                java.util.LinkedHashMap::new));
  }

  private static List<String> paths(HTTPRouteRule rule) {
    return rule.getMatches().stream()
        .map(m -> m.getPath().getType() + " " + m.getPath().getValue())
        .toList();
  }

  private static String backend(HTTPRouteRule rule) {
    assertThat(rule.getBackendRefs()).hasSize(1);
    return rule.getBackendRefs().get(0).getName() + ":" + rule.getBackendRefs().get(0).getPort();
  }

  private static BackendTrafficPolicy policy(Rendering r, String name) {
    return r.objects(BackendTrafficPolicy.class).stream()
        .filter(p -> p.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no BackendTrafficPolicy " + name));
  }

  @Test
  void threeBackendsStandard() {
    Rendering r =
        Targets.render(
            numbered(), GatewayApi.target().withGateway("eg").lenient(), Platform.target());

    assertThat(r.objects(HTTPRoute.class))
        .extracting(x -> x.getMetadata().getName())
        .containsExactly("chat", "chat-redirect");
    HTTPRoute chat = route(r, "chat");
    assertThat(chat.getSpec().getHostnames()).containsExactly("chat.example.com");
    assertThat(chat.getSpec().getParentRefs().get(0).getSectionName()).isEqualTo("https");
    Map<String, HTTPRouteRule> rules = rulesByName(chat);
    assertThat(rules.keySet())
        .containsExactly("ws-chat-ws", "http-chat-api", "ws-notify-rewrite", "http-frontend");

    HTTPRouteRule ws = rules.get("ws-chat-ws");
    assertThat(paths(ws)).containsExactly("PathPrefix /ws");
    assertThat(backend(ws)).isEqualTo("chat-ws:8080");
    assertThat(ws.getFilters()).isEmpty();
    assertThat(ws.getTimeouts()).isNull();

    HTTPRouteRule api = rules.get("http-chat-api");
    assertThat(paths(api)).containsExactly("PathPrefix /api");
    assertThat(backend(api)).isEqualTo("chat-api:80");
    assertThat(api.getTimeouts().getRequest()).isEqualTo("30s");
    assertThat(api.getTimeouts().getBackendRequest()).isNull();

    HTTPRouteRule notify = rules.get("ws-notify-rewrite");
    assertThat(paths(notify)).containsExactly("PathPrefix /notify");
    assertThat(backend(notify)).isEqualTo("notify:8080");
    assertThat(notify.getFilters()).hasSize(1);
    HTTPRouteFilter rewrite = notify.getFilters().get(0);
    assertThat(rewrite.getType()).isEqualTo("URLRewrite");
    assertThat(rewrite.getUrlRewrite().getPath().getType()).isEqualTo("ReplacePrefixMatch");
    assertThat(rewrite.getUrlRewrite().getPath().getReplacePrefixMatch()).isEqualTo("/ws");
    assertThat(rewrite.getUrlRewrite().getHostname()).isNull();
    assertThat(notify.getTimeouts()).isNull();

    HTTPRouteRule frontend = rules.get("http-frontend");
    assertThat(paths(frontend)).containsExactly("PathPrefix /");
    assertThat(backend(frontend)).isEqualTo("frontend:80");
    assertThat(frontend.getTimeouts()).isNull();
    assertThat(frontend.getFilters()).isEmpty();

    // the redirect twin redirects every path of the app, plain ones included
    HTTPRoute redirect = route(r, "chat-redirect");
    assertThat(redirect.getSpec().getParentRefs().get(0).getSectionName()).isEqualTo("http");
    assertThat(redirect.getSpec().getRules()).hasSize(1);
    assertThat(paths(redirect.getSpec().getRules().get(0)))
        .containsExactly("PathPrefix /ws", "PathPrefix /api", "PathPrefix /notify", "PathPrefix /");
    assertThat(redirect.getSpec().getRules().get(0).getBackendRefs()).isEmpty();

    // the platform renders the app's own Service only, with the WebSocket appProtocol
    assertThat(r.objects(Service.class))
        .extracting(s -> s.getMetadata().getName())
        .containsExactly("chat-ws");
    assertThat(r.only(Service.class).getSpec().getPorts().get(0).getAppProtocol())
        .isEqualTo("kubernetes.io/ws");

    assertThat(codes(r))
        .containsExactly(
            "INFO GATEWAYAPI-BACKEND-APP-PROTOCOL",
            "WARNING GATEWAYAPI-IDLE-TIMEOUT",
            "INFO GATEWAYAPI-VERSION-GATED",
            "WARNING GATEWAYAPI-STICKY-SESSIONS-EXPERIMENTAL",
            "INFO GATEWAYAPI-PLAIN-WS-REDIRECT",
            "INFO CORE-SERVICES-REFERENCED");
    assertThat(r.finding("GATEWAYAPI-BACKEND-APP-PROTOCOL").orElseThrow())
        .isEqualTo(
            new Finding(
                "GATEWAYAPI-BACKEND-APP-PROTOCOL",
                Severity.INFO,
                "Service default/notify",
                "Service notify carries the WebSocket route /notify and is not the app's own, so"
                    + " wsingress renders no Service for it: implementations SHOULD honour a"
                    + " Service port's appProtocol (GEP-1911), and its port 8080 needs appProtocol:"
                    + " kubernetes.io/ws.",
                "Set that appProtocol on the Service port where the Service is defined"
                    + " (kubernetes.io/wss for a TLS backend with a BackendTLSPolicy)."));
    assertThat(r.finding("GATEWAYAPI-VERSION-GATED").orElseThrow().message())
        .isEqualTo("rules[].name needs Gateway API v1.4 or newer (rendering for v1.6).");
    Renderings.verify(r);
  }

  @Test
  void threeBackendsEnvoyGateway() {
    Rendering r =
        Targets.render(
            numbered(), GatewayApi.target().withGateway("eg").envoyGateway(), Platform.target());

    // the HTTPRoute is the same as without Envoy Gateway
    Rendering standard =
        Targets.render(
            numbered(), GatewayApi.target().withGateway("eg").lenient(), Platform.target());
    assertThat(Yaml.write(r.objects(HTTPRoute.class)))
        .isEqualTo(Yaml.write(standard.objects(HTTPRoute.class)));

    assertThat(r.objects(BackendTrafficPolicy.class))
        .extracting(p -> p.getMetadata().getName())
        .containsExactly("chat", "chat-notify");
    BackendTrafficPolicy.Spec own = policy(r, "chat").getSpec();
    assertThat(own.targetRefs())
        .containsExactly(
            new BackendTrafficPolicy.TargetRef(
                "gateway.networking.k8s.io", "HTTPRoute", "chat", "ws-chat-ws"));
    assertThat(own.timeout()).isEqualTo(timeout("1h"));
    assertThat(own.loadBalancer())
        .isEqualTo(
            new BackendTrafficPolicy.LoadBalancer(
                new BackendTrafficPolicy.ConsistentHash(
                    new BackendTrafficPolicy.Cookie(Map.of(), "ws-server", "0s"),
                    List.of(),
                    "Cookie"),
                "ConsistentHash"));
    assertThat(own.rateLimit()).isNull();
    assertThat(own.healthCheck()).isNull();
    assertThat(own.circuitBreaker()).isNull();

    BackendTrafficPolicy.Spec notify = policy(r, "chat-notify").getSpec();
    assertThat(notify.targetRefs())
        .containsExactly(
            new BackendTrafficPolicy.TargetRef(
                "gateway.networking.k8s.io", "HTTPRoute", "chat", "ws-notify-rewrite"));
    assertThat(notify.timeout()).isEqualTo(own.timeout());
    assertThat(notify.loadBalancer()).isEqualTo(own.loadBalancer());

    assertThat(r.objects(ClientTrafficPolicy.class)).isEmpty();
    assertThat(codes(r))
        .containsExactly(
            "INFO GATEWAYAPI-BACKEND-APP-PROTOCOL",
            "INFO GATEWAYAPI-VERSION-GATED",
            "INFO GATEWAYAPI-PLAIN-WS-REDIRECT",
            "INFO GATEWAYAPI-VERSION-GATED",
            "INFO GATEWAYAPI-ENVOY-CIRCUIT-BREAKER",
            "INFO CORE-SERVICES-REFERENCED");
    assertThat(r.findings())
        .filteredOn(f -> f.code().equals("GATEWAYAPI-VERSION-GATED"))
        .extracting(Finding::subject, Finding::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "HTTPRoute default/chat",
                "rules[].name needs Gateway API v1.4 or newer (rendering for v1.6)."),
            org.assertj.core.groups.Tuple.tuple(
                "BackendTrafficPolicy default/chat",
                "spec.timeout.http.streamIdleTimeout needs Envoy Gateway v1.8 or newer (rendering"
                    + " for v1.9)."));
    Renderings.verify(r);
  }

  private static BackendTrafficPolicy.Timeout timeout(String idle) {
    return new BackendTrafficPolicy.Timeout(new BackendTrafficPolicy.HttpTimeout(idle), null);
  }

  @Test
  void threeBackendsAsGiven() {
    // notify's port by name: a backendRef needs the number, so its route cannot be written
    WebSocketApp app = scenario();

    UnsupportedFeatureException standard =
        catchThrowableOfType(
            UnsupportedFeatureException.class,
            () -> Targets.render(app, GatewayApi.target().withGateway("eg"), Platform.target()));
    UnsupportedFeatureException envoy =
        catchThrowableOfType(
            UnsupportedFeatureException.class,
            () ->
                Targets.render(
                    app, GatewayApi.target().withGateway("eg").envoyGateway(), Platform.target()));
    Rendering lenient =
        Targets.render(
            app, GatewayApi.target().withGateway("eg").envoyGateway().lenient(), Platform.target());

    Finding portNumber =
        new Finding(
            "GATEWAYAPI-PORT-NUMBER",
            Severity.ERROR,
            "HTTPRoute default/chat",
            "a backendRef to a Service needs the port number, and route /notify names port"
                + " \"http\" of Service notify; it is not rendered.",
            "Give the Service port by number: .service(name, port) for the app's Service,"
                + " Route.to(service, port) for a route's.");
    assertThat(standard.errors())
        .extracting(Finding::code)
        .containsExactly("GATEWAYAPI-PORT-NUMBER", "GATEWAYAPI-STICKY-SESSIONS-EXPERIMENTAL");
    assertThat(envoy.errors()).containsExactly(portNumber);
    assertThat(lenient.finding("GATEWAYAPI-PORT-NUMBER").orElseThrow().severity())
        .isEqualTo(Severity.WARNING);
    assertThat(lenient.finding("GATEWAYAPI-BACKEND-APP-PROTOCOL").orElseThrow().message())
        .endsWith("and its port \"http\" needs appProtocol: kubernetes.io/ws.");
    assertThat(rulesByName(route(lenient, "chat")).keySet())
        .containsExactly("ws-chat-ws", "http-chat-api", "http-frontend");
    assertThat(lenient.objects(BackendTrafficPolicy.class))
        .extracting(p -> p.getMetadata().getName())
        .containsExactly("chat");
    assertThat(paths(route(lenient, "chat-redirect").getSpec().getRules().get(0)))
        .as("the redirect covers the rendered paths")
        .containsExactly("PathPrefix /ws", "PathPrefix /api", "PathPrefix /");
    Renderings.verify(lenient);
  }

  @Test
  void threeBackendsExperimental() {
    Rendering r = GatewayApi.target().gateway("default", "eg").experimental().render(numbered());

    Map<String, HTTPRouteRule> rules = rulesByName(route(r, "chat"));
    assertThat(rules.get("ws-chat-ws").getSessionPersistence().getSessionName())
        .isEqualTo("ws-server");
    assertThat(rules.get("ws-notify-rewrite").getSessionPersistence())
        .isEqualTo(rules.get("ws-chat-ws").getSessionPersistence());
    assertThat(rules.get("http-chat-api").getSessionPersistence()).isNull();
    assertThat(rules.get("http-frontend").getSessionPersistence()).isNull();
    assertThat(Yaml.write(Yaml.read(r.toYaml()))).isEqualTo(r.toYaml());
    Snapshots.verifyYaml(r.toYaml());
    SchemaConformance.assertValidExperimental(r);
  }

  /** Every WebSocket setting, on every target option that writes one. */
  private static WebSocketApp everything() {
    return threeBackends(Route.websocket("/notify").to("notify", 8080))
        .connectTimeout(Duration.ofSeconds(5))
        .rateLimit(RateLimit.handshakesPerSecond(10))
        .healthCheck(HealthCheck.http("/health"))
        .workload(
            dev.wsingress.Workload.image("registry.example.com/chat:1.0")
                .maxConnections(2000)
                .replicas(2))
        .build();
  }

  /** The platform kit, its NetworkPolicy open to Envoy Gateway's namespace. */
  private static Platform platform() {
    return Platform.target().ingressFrom("envoy-gateway-system");
  }

  @Test
  void plain_rules_carry_no_websocket_settings() {
    WebSocketApp app = everything();
    List<GatewayApi> targets =
        List.of(
            GatewayApi.target().withGateway("eg").envoyGateway(),
            GatewayApi.target().gateway("infra", "public").envoyGateway("1.8"),
            GatewayApi.target().withGateway("eg").envoyGateway("1.6"),
            GatewayApi.target().withGateway("eg").experimental().requestTimeout(Duration.ZERO),
            GatewayApi.target().version("1.3").withGateway("eg").envoyGateway());
    for (GatewayApi target : targets) {
      Rendering r = Targets.render(app, target.lenient(), platform());

      Set<String> plainRules = new java.util.HashSet<>();
      Set<String> routesWithPlainRules = new java.util.HashSet<>();
      for (HTTPRoute route : r.objects(HTTPRoute.class)) {
        List<HTTPRouteRule> all = route.getSpec().getRules();
        for (HTTPRouteRule rule : all) {
          if (rule.getBackendRefs().isEmpty()) {
            continue; // the redirect twin
          }
          String service = rule.getBackendRefs().get(0).getName();
          if (!service.equals("chat-api") && !service.equals("frontend")) {
            continue;
          }
          String name = route.getMetadata().getName();
          routesWithPlainRules.add(name);
          plainRules.add(
              name + "/" + (rule.getName() == null ? "#" + all.indexOf(rule) : rule.getName()));
          assertThat(rule.getSessionPersistence()).as(target + " " + name).isNull();
          assertThat(rule.getTimeouts() == null ? null : rule.getTimeouts().getRequest())
              .as(target + ": only the route's own request timeout")
              .isEqualTo(service.equals("chat-api") ? "30s" : null);
          assertThat(rule.getFilters())
              .as(target + ": no filter but CORS")
              .allSatisfy(f -> assertThat(f.getType()).isEqualTo("CORS"));
        }
      }
      assertThat(plainRules).as(target.toString()).hasSize(2);
      for (BackendTrafficPolicy p : r.objects(BackendTrafficPolicy.class)) {
        for (BackendTrafficPolicy.TargetRef ref : p.getSpec().targetRefs()) {
          if (ref.sectionName() == null) {
            assertThat(routesWithPlainRules)
                .as(target + ": " + p.getMetadata().getName() + " targets a whole route")
                .doesNotContain(ref.name());
          } else {
            assertThat(plainRules).doesNotContain(ref.name() + "/" + ref.sectionName());
          }
        }
      }
      if (target.toString().contains("experimental")) {
        SchemaConformance.assertValidExperimental(r);
      } else {
        SchemaConformance.assertValid(r);
      }
    }
  }

  @Test
  void only_the_apps_own_websocket_rules_get_its_health_check_and_capacity() {
    Rendering r =
        Targets.render(
            everything(), GatewayApi.target().withGateway("eg").envoyGateway(), platform());

    BackendTrafficPolicy.Spec own = policy(r, "chat").getSpec();
    BackendTrafficPolicy.Spec notify = policy(r, "chat-notify").getSpec();
    assertThat(own.healthCheck().active().http().path()).isEqualTo("/health");
    assertThat(own.circuitBreaker())
        .isEqualTo(new BackendTrafficPolicy.CircuitBreaker(4000L, 4000L));
    assertThat(notify.healthCheck()).isNull();
    assertThat(notify.circuitBreaker()).isNull();
    assertThat(notify.timeout()).isEqualTo(own.timeout());
    assertThat(notify.timeout().tcp().connectTimeout()).isEqualTo("5s");
    assertThat(notify.rateLimit()).isEqualTo(own.rateLimit());
    assertThat(notify.loadBalancer()).isEqualTo(own.loadBalancer());
    assertThat(r.finding("GATEWAYAPI-ENVOY-HEALTH-CHECK-SCOPE").orElseThrow())
        .isEqualTo(
            new Finding(
                "GATEWAYAPI-ENVOY-HEALTH-CHECK-SCOPE",
                Severity.INFO,
                "BackendTrafficPolicy default/chat",
                "the active health check of /health is written for the app's own Service chat-ws"
                    + " only: the spec's health check and workload describe the app's pods, so the"
                    + " WebSocket routes to Service notify get no active health check and no"
                    + " circuit-breaker thresholds.",
                "Give those Services' pods readiness probes, or add healthCheck.active to their"
                    + " BackendTrafficPolicy yourself if their owners serve the health path."));
    SchemaConformance.assertValid(r);
  }

  @Test
  void before_v1_8_the_listener_wide_stream_idle_timeout_says_it_reaches_the_plain_routes() {
    Rendering r =
        Targets.render(
            numbered(),
            GatewayApi.target().withGateway("eg").envoyGateway("1.7"),
            Platform.target());

    assertThat(r.finding("GATEWAYAPI-ENVOY-LISTENER-WIDE").orElseThrow().message())
        .isEqualTo(
            "Envoy Gateway v1.7 has no per-route stream idle timeout, so"
                + " spec.timeout.http.streamIdleTimeout 1h is set on Gateway default/chat: it"
                + " applies to every route of its listeners, and to a new request until its"
                + " headers have arrived, the plain HTTP routes /api, / included.");
    assertThat(policy(r, "chat").getSpec().timeout()).isNull();
    SchemaConformance.assertValid(r);
  }

  @Test
  void threeBackendsOldestGatewayApi() {
    // v1.3 has no rules[].name: the policies can target whole HTTPRoutes only, so the rules are
    // split by policy, one HTTPRoute each
    Rendering r =
        Targets.render(
            numbered(),
            GatewayApi.target().version("1.3").withGateway("eg").envoyGateway(),
            Platform.target());

    assertThat(r.objects(HTTPRoute.class))
        .extracting(x -> x.getMetadata().getName())
        .containsExactly(
            "chat",
            "chat-http",
            "chat-http-redirect",
            "chat-redirect",
            "chat-ws-notify",
            "chat-ws-notify-redirect");
    assertThat(r.objects(HTTPRoute.class))
        .flatExtracting(x -> x.getSpec().getRules())
        .extracting(HTTPRouteRule::getName)
        .containsOnlyNulls();
    assertThat(route(r, "chat-http").getSpec().getRules())
        .extracting(GatewayApiRoutesTest::backend)
        .containsExactly("chat-api:80", "frontend:80");
    assertThat(policy(r, "chat").getSpec().targetRefs())
        .containsExactly(
            new BackendTrafficPolicy.TargetRef("gateway.networking.k8s.io", "HTTPRoute", "chat"));
    assertThat(policy(r, "chat-notify").getSpec().targetRefs())
        .containsExactly(
            new BackendTrafficPolicy.TargetRef(
                "gateway.networking.k8s.io", "HTTPRoute", "chat-ws-notify"));
    assertThat(r.finding("GATEWAYAPI-ROUTES-SPLIT").orElseThrow().message())
        .isEqualTo(
            "rules[].name is standard from Gateway API v1.4 (rendering for v1.3), so Envoy"
                + " Gateway's policies cannot target single rules, and the routes are split by"
                + " policy: chat (BackendTrafficPolicy chat), chat-http (no policy),"
                + " chat-ws-notify (BackendTrafficPolicy chat-notify).");
    assertThat(r.findings())
        .extracting(Finding::message)
        .doesNotContain("rules[].name needs Gateway API v1.4 or newer (rendering for v1.3).");
    Renderings.verify(r);
  }

  @Test
  void without_envoy_gateway_the_oldest_keeps_one_route_with_unnamed_rules() {
    Rendering r = GatewayApi.target().version("1.2").lenient().render(numbered());

    assertThat(r.objects(HTTPRoute.class))
        .extracting(x -> x.getMetadata().getName())
        .containsExactly("chat", "chat-redirect");
    assertThat(route(r, "chat").getSpec().getRules())
        .extracting(HTTPRouteRule::getName, GatewayApiRoutesTest::backend)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(null, "chat-ws:8080"),
            org.assertj.core.groups.Tuple.tuple(null, "chat-api:80"),
            org.assertj.core.groups.Tuple.tuple(null, "notify:8080"),
            org.assertj.core.groups.Tuple.tuple(null, "frontend:80"));
    SchemaConformance.assertValid(r);
  }

  @Test
  void rewrites_satisfy_the_crd_rule_one_prefix_match_per_rewritten_rule() {
    WebSocketApp app =
        WebSocketApp.on("chat.example.com")
            .name("chat")
            .path("/ws")
            .exactPath("/ws-exact")
            .service("chat-ws", 8080)
            .route(Route.websocket("/notifications/ws").to("chat-ws", 8080).rewriteTo("/ws"))
            .route(Route.websocket("/legacy").to("chat-ws", 8080).rewriteTo("/ws"))
            .route(Route.http("/static").to("frontend", 80).rewriteTo("/"))
            .build();

    Rendering r = GatewayApi.target().gateway("default", "eg").envoyGateway().render(app);

    List<HTTPRouteRule> rules = route(r, "chat").getSpec().getRules();
    assertThat(rules)
        .extracting(HTTPRouteRule::getName)
        .containsExactly(
            "ws-chat-ws", "ws-chat-ws-rewrite", "ws-chat-ws-rewrite-2", "http-frontend-rewrite");
    assertThat(paths(rules.get(0))).containsExactly("PathPrefix /ws", "Exact /ws-exact");
    // v1.6.1 CRD, rules[] CEL: "When using URLRewrite filter with path.replacePrefixMatch,
    // exactly one PathPrefix match must be specified" (not checked by the JSON schemas)
    List<String> rewritten = new ArrayList<>();
    for (HTTPRouteRule rule : rules) {
      for (HTTPRouteFilter f : rule.getFilters()) {
        if (f.getType().equals("URLRewrite")) {
          assertThat(f.getUrlRewrite().getPath().getType()).isEqualTo("ReplacePrefixMatch");
          assertThat(rule.getMatches()).hasSize(1);
          assertThat(rule.getMatches().get(0).getPath().getType()).isEqualTo("PathPrefix");
          rewritten.add(
              rule.getMatches().get(0).getPath().getValue()
                  + " -> "
                  + f.getUrlRewrite().getPath().getReplacePrefixMatch());
        }
      }
    }
    assertThat(rewritten)
        .containsExactly("/notifications/ws -> /ws", "/legacy -> /ws", "/static -> /");
    // the own Service's WebSocket rules are all the route's WebSocket rules, but not all its rules
    assertThat(policy(r, "chat").getSpec().targetRefs())
        .extracting(BackendTrafficPolicy.TargetRef::sectionName)
        .containsExactly("ws-chat-ws", "ws-chat-ws-rewrite", "ws-chat-ws-rewrite-2");
    SchemaConformance.assertValid(r);
  }

  @Test
  void many_rules_are_packed_sixteen_to_an_httproute_and_targeted_by_name() {
    WebSocketApp.Builder b =
        WebSocketApp.on("chat.example.com")
            .name("chat")
            .path("/ws")
            .service("chat-ws", 8080)
            .route(Route.http("/api").to("chat-api", 80));
    for (int i = 1; i <= 20; i++) {
      b.route(Route.websocket("/v" + i).to("chat-ws", 8080).rewriteTo("/ws"));
    }
    WebSocketApp app = b.build();

    Rendering r = GatewayApi.target().gateway("default", "eg").envoyGateway().render(app);

    List<HTTPRoute> routes = r.objects(HTTPRoute.class);
    assertThat(routes).extracting(x -> x.getMetadata().getName()).containsExactly("chat", "chat-2");
    assertThat(routes.get(0).getSpec().getRules()).hasSize(16);
    assertThat(routes.get(1).getSpec().getRules()).hasSize(6);
    assertThat(routes.get(1).getSpec().getRules())
        .extracting(HTTPRouteRule::getName)
        .containsExactly(
            "ws-chat-ws-rewrite-15",
            "ws-chat-ws-rewrite-16",
            "ws-chat-ws-rewrite-17",
            "ws-chat-ws-rewrite-18",
            "ws-chat-ws-rewrite-19",
            "ws-chat-ws-rewrite-20");
    List<BackendTrafficPolicy.TargetRef> refs = policy(r, "chat").getSpec().targetRefs();
    // chat holds the plain rule: its 15 WebSocket rules by name; chat-2 only WebSocket rules
    assertThat(refs).hasSize(16);
    assertThat(refs.subList(0, 15)).allSatisfy(ref -> assertThat(ref.name()).isEqualTo("chat"));
    assertThat(refs.subList(0, 15))
        .extracting(BackendTrafficPolicy.TargetRef::sectionName)
        .doesNotContainNull()
        .doesNotContain("http-chat-api");
    assertThat(refs.get(15))
        .isEqualTo(
            new BackendTrafficPolicy.TargetRef("gateway.networking.k8s.io", "HTTPRoute", "chat-2"));
    assertThat(r.finding("GATEWAYAPI-ROUTES-SPLIT").orElseThrow().message())
        .isEqualTo(
            "the app's 1 hosts and 22 paths need 2 HTTPRoutes (an HTTPRoute holds at most 16"
                + " hostnames, 16 rules and 128 path matches, 64 per rule): chat, chat-2.");
    SchemaConformance.assertValid(r);
  }

  @Test
  void https_backends_get_a_backend_tls_policy_per_service() {
    WebSocketApp app =
        threeBackends(Route.websocket("/notify").to("notify", 8443))
            .service("chat-ws", 8443)
            .backendProtocol(BackendProtocol.HTTPS)
            .backendCaSecret("backend-ca")
            .build();

    Rendering r =
        Targets.render(
            app, GatewayApi.target().withGateway("eg").envoyGateway(), Platform.target());

    assertThat(r.objects(BackendTLSPolicy.class))
        .extracting(
            p -> p.getMetadata().getName(),
            p -> p.getSpec().getTargetRefs().get(0).getName(),
            p -> p.getSpec().getValidation().getHostname())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("chat", "chat-ws", "chat-ws.default.svc"),
            org.assertj.core.groups.Tuple.tuple(
                "chat-chat-api", "chat-api", "chat-api.default.svc"),
            org.assertj.core.groups.Tuple.tuple(
                "chat-frontend", "frontend", "frontend.default.svc"),
            org.assertj.core.groups.Tuple.tuple("chat-notify", "notify", "notify.default.svc"));
    assertThat(r.only(Service.class).getSpec().getPorts().get(0).getAppProtocol())
        .isEqualTo("kubernetes.io/wss");
    assertThat(r.finding("GATEWAYAPI-BACKEND-APP-PROTOCOL").orElseThrow().message())
        .endsWith("and its port 8443 needs appProtocol: kubernetes.io/wss.");
    assertThat(r.findings())
        .filteredOn(f -> f.code().equals("GATEWAYAPI-ENVOY-BACKEND-CA-SECRET"))
        .extracting(Finding::subject)
        .containsExactly(
            "BackendTLSPolicy default/chat",
            "BackendTLSPolicy default/chat-chat-api",
            "BackendTLSPolicy default/chat-notify",
            "BackendTLSPolicy default/chat-frontend");
    SchemaConformance.assertValid(r);
  }

  @Test
  void an_own_service_with_plain_routes_only_gets_no_websocket_app_protocol() {
    WebSocketApp app =
        WebSocketApp.on("chat.example.com")
            .name("chat")
            .service("frontend", 80)
            .route(Route.http("/"))
            .route(Route.websocket("/ws").to("chat-ws", 8080))
            .build();

    Rendering r =
        Targets.render(
            app, GatewayApi.target().gateway("default", "eg").lenient(), Platform.target());

    assertThat(r.only(Service.class).getSpec().getPorts().get(0).getAppProtocol()).isNull();
    assertThat(r.finding("GATEWAYAPI-BACKEND-APP-PROTOCOL").orElseThrow().subject())
        .isEqualTo("Service default/chat-ws");
    assertThat(
            GatewayApi.target()
                .gateway("default", "eg")
                .lenient()
                .render(app)
                .finding("GATEWAYAPI-APP-PROTOCOL"))
        .as("the app's own Service carries no WebSocket route")
        .isEmpty();
    SchemaConformance.assertValid(r);
  }

  @Test
  void a_plain_route_that_asks_for_buffering_cannot_have_it() {
    WebSocketApp app =
        WebSocketApp.on("chat.example.com")
            .name("chat")
            .path("/ws")
            .service("chat-ws", 8080)
            .route(Route.http("/upload").to("chat-api", 80).buffering(true))
            .route(Route.http("/stream").to("chat-api", 80).buffering(false))
            .build();

    UnsupportedFeatureException e =
        catchThrowableOfType(
            UnsupportedFeatureException.class,
            () -> GatewayApi.target().gateway("default", "eg").envoyGateway().render(app));
    Rendering standard = GatewayApi.target().gateway("default", "eg").lenient().render(app);

    assertThat(e.errors())
        .containsExactly(
            new Finding(
                "GATEWAYAPI-ROUTE-BUFFERING",
                Severity.ERROR,
                "HTTPRoute default/chat",
                "route /upload asks for buffering, and the Gateway API has no buffering setting"
                    + " (Envoy Gateway's spec.requestBuffer buffers requests only, up to a limit"
                    + " the spec does not give); it is not written.",
                "Drop buffering(true) from the route, or buffer in the application or with the"
                    + " implementation's own policy."));
    assertThat(standard.finding("GATEWAYAPI-ROUTE-BUFFERING").orElseThrow().message())
        .isEqualTo(
            "route /upload asks for buffering, and the Gateway API has no buffering setting; it is"
                + " not written.");
    assertThat(rulesByName(route(standard, "chat")).get("http-chat-api").getMatches())
        .as("buffering writes nothing, so both plain routes share a rule")
        .hasSize(2);
  }

  @Test
  void rendering_is_deterministic() {
    for (GatewayApi target :
        List.of(
            GatewayApi.target().withGateway("eg").lenient(),
            GatewayApi.target().withGateway("eg").envoyGateway(),
            GatewayApi.target().version("1.3").withGateway("eg").envoyGateway())) {
      String first = Targets.render(numbered(), target, Platform.target()).toYaml();
      String second = Targets.render(numbered(), target, Platform.target()).toYaml();

      assertThat(second).isEqualTo(first);
      assertThat(Yaml.write(Yaml.read(first))).isEqualTo(first);
    }
  }
}
