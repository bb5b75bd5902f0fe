package dev.wsingress.istio;

import static dev.wsingress.testing.Renderings.codes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import dev.wsingress.Affinity;
import dev.wsingress.BackendProtocol;
import dev.wsingress.Finding;
import dev.wsingress.HealthCheck;
import dev.wsingress.Rendering;
import dev.wsingress.Route;
import dev.wsingress.Severity;
import dev.wsingress.Targets;
import dev.wsingress.Tls;
import dev.wsingress.UnsupportedFeatureException;
import dev.wsingress.WebSocketApp;
import dev.wsingress.platform.Platform;
import dev.wsingress.testing.SchemaConformance;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHash;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchExact;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchPrefix;
import io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicy;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Several routes with their own backends, plain HTTP routes and rewrites (issue 13): one {@code
 * http[]} entry per route or run of equal routes, in the order Istio must try them, and
 * DestinationRules only where WebSocket routes (or TLS origination) need them.
 */
class IstioRoutesTest {

  /**
   * The three-backend app of issue 13: {@code /ws} to the app's own {@code chat-ws:8080} with
   * cookie affinity and a 3600 s idle timeout, {@code /api} plain to {@code chat-api:80} with a 30
   * s request timeout, {@code /notify} WebSocket to {@code notify} rewritten to {@code /ws}, {@code
   * /} plain to {@code frontend:80}, TLS with a redirect.
   */
  static WebSocketApp.Builder threeBackends(Route notify) {
    return WebSocketApp.on("chat.example.com")
        .name("chat")
        .path("/ws")
        .service("chat-ws", 8080)
        .timeout(Duration.ofSeconds(3600))
        .stickySessions(Affinity.cookie("chat-server"))
        .tls(Tls.secret("chat-tls"))
        .route(Route.http("/api").to("chat-api", 80).requestTimeout(Duration.ofSeconds(30)))
        .route(notify)
        .route(Route.http("/").to("frontend", 80));
  }

  private static final Route NOTIFY_BY_NAME =
      Route.websocket("/notify").to("notify", "http").rewriteTo("/ws");
  static final Route NOTIFY_BY_NUMBER =
      Route.websocket("/notify").to("notify", 8080).rewriteTo("/ws");

  /** An entry as {@code matches -> host[:port][/subset] [rewrite uri] [timeout t]}. */
  private static List<String> entries(Rendering r) {
    List<String> out = new ArrayList<>();
    for (HTTPRoute h : r.only(VirtualService.class).getSpec().getHttp()) {
      var d = h.getRoute().get(0).getDestination();
      out.add(
          String.join(", ", h.getMatch().stream().map(IstioRoutesTest::uri).toList())
              + " -> "
              + d.getHost()
              + (d.getPort() == null ? "" : ":" + d.getPort().getNumber())
              + (d.getSubset() == null ? "" : "/" + d.getSubset())
              + (h.getRewrite() == null ? "" : " rewrite " + h.getRewrite().getUri())
              + (h.getTimeout() == null ? "" : " timeout " + h.getTimeout()));
    }
    return out;
  }

  private static String uri(HTTPMatchRequest m) {
    return m.getUri().getMatchType() instanceof StringMatchExact e
        ? "exact " + e.getExact()
        : "prefix " + ((StringMatchPrefix) m.getUri().getMatchType()).getPrefix();
  }

  private static DestinationRule rule(Rendering r, String name) {
    return r.objects(DestinationRule.class).stream()
        .filter(d -> d.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no DestinationRule " + name));
  }

  @Test
  void threeBackends() {
    Rendering r =
        Targets.render(threeBackends(NOTIFY_BY_NUMBER).build(), Istio.target(), Platform.target());

    // /notify first (the longest prefix), rewritten per trailing-slash case; / last, since a
    // catch-all ends Istio's route list.
    assertThat(entries(r))
        .containsExactly(
            "exact /notify -> notify.default.svc.cluster.local:8080 rewrite /ws",
            "prefix /notify/ -> notify.default.svc.cluster.local:8080 rewrite /ws/",
            "exact /api, prefix /api/ -> chat-api.default.svc.cluster.local:80 timeout 30s",
            "exact /ws, prefix /ws/ -> chat-ws.default.svc.cluster.local:8080",
            "prefix / -> frontend.default.svc.cluster.local:80");
    // WebSocket backends only: the app's own (named like the app) and notify's.
    assertThat(r.objects(DestinationRule.class))
        .extracting(d -> d.getMetadata().getName(), d -> d.getSpec().getHost())
        .containsExactly(
            tuple("chat", "chat-ws.default.svc.cluster.local"),
            tuple("chat-notify", "notify.default.svc.cluster.local"));
    for (DestinationRule dr : r.objects(DestinationRule.class)) {
      TrafficPolicy p = dr.getSpec().getTrafficPolicy();
      assertThat(p.getConnectionPool().getTcp().getIdleTimeout()).isEqualTo("3600s");
      assertThat(p.getConnectionPool().getHttp().getIdleTimeout()).isEqualTo("3600s");
      assertThat(p.getConnectionPool().getHttp().getH2UpgradePolicy())
          .hasToString("DO_NOT_UPGRADE");
      var hash = (LoadBalancerSettingsConsistentHash) p.getLoadBalancer().getLbPolicy();
      assertThat(hash.getConsistentHash().getHashKey())
          .extracting("httpCookie.name", "httpCookie.ttl")
          .containsExactly("chat-server", "0s");
      assertThat(dr.getSpec().getSubsets()).isEmpty();
    }
    // One Service: the app's own; the others are referenced, not rendered.
    assertThat(r.objects(Service.class))
        .extracting(s -> s.getMetadata().getName())
        .containsExactly("chat-ws");
    assertThat(r.only(Gateway.class).getSpec().getServers().get(0).getTls().getHttpsRedirect())
        .isTrue();
    assertThat(codes(r))
        .containsExactly(
            "WARNING ISTIO-PORT-PROTOCOL",
            "INFO ISTIO-STREAM-IDLE",
            "INFO ISTIO-HTTPS-REDIRECT",
            "WARNING ISTIO-CREDENTIAL-NAMESPACE",
            "INFO ISTIO-SOFT-AFFINITY",
            "INFO ISTIO-DESTINATION-RULE-MERGE",
            "INFO CORE-SERVICES-REFERENCED");
    assertThat(r.finding("ISTIO-PORT-PROTOCOL").orElseThrow().subject())
        .isEqualTo("Service default/notify");
    assertThat(r.finding("ISTIO-STREAM-IDLE").orElseThrow().message())
        .isEqualTo(
            "the WebSocket routes get no route timeout (Istio's default is none; 0s is rejected"
                + " since 1.23), and Istio turns off Envoy's stream idle timeout, so a quiet"
                + " WebSocket stays open; the DestinationRules' idle timeouts of 3600 s apply to"
                + " pooled connections without an active request.");
    assertThat(r.finding("ISTIO-SOFT-AFFINITY").orElseThrow().subject())
        .isEqualTo("DestinationRule default/chat");
    assertThat(r.finding("ISTIO-DESTINATION-RULE-MERGE").orElseThrow())
        .extracting(Finding::subject, Finding::message, Finding::hint)
        .containsExactly(
            "DestinationRule default/chat-notify",
            "this rule sets the traffic policy of notify.default.svc.cluster.local, a Service the"
                + " app routes to but does not own: if an older DestinationRule for that host in"
                + " the namespace has a top-level trafficPolicy, Istio keeps that one and adds only"
                + " this rule's subsets.",
            "Look for a DestinationRule of that host in the namespace; if its owner has one, move"
                + " these settings into it (or into a subset of it).");
    IstioTest.check(r);
  }

  @Test
  void threeBackendsNotifyPortNameLenient() {
    WebSocketApp app = threeBackends(NOTIFY_BY_NAME).build();

    UnsupportedFeatureException strict =
        catchThrowableOfType(
            UnsupportedFeatureException.class,
            () -> Targets.render(app, Istio.target(), Platform.target()));
    assertThat(strict.errors())
        .extracting(Finding::code, Finding::message)
        .containsExactly(
            tuple(
                "ISTIO-PORT-NUMBER",
                "a VirtualService destination takes a port number, not a name (istio/api"
                    + " PortSelector), and route /notify names port \"http\" of notify; its"
                    + " destination is written without a port, which Istio resolves only when the"
                    + " Service has exactly one port (else to the gateway listener's port)."));

    Rendering r = Targets.render(app, Istio.target().lenient(), Platform.target());

    assertThat(entries(r))
        .startsWith(
            "exact /notify -> notify.default.svc.cluster.local rewrite /ws",
            "prefix /notify/ -> notify.default.svc.cluster.local rewrite /ws/");
    assertThat(r.finding("ISTIO-PORT-NUMBER").orElseThrow().severity()).isEqualTo(Severity.WARNING);
    IstioTest.check(r);
  }

  @Test
  void plain_routes_carry_no_websocket_settings() {
    // Every WebSocket setting at once; /api shares the app's own Service with the WebSocket route.
    WebSocketApp app =
        threeBackends(NOTIFY_BY_NUMBER)
            .connectTimeout(Duration.ofSeconds(5))
            .healthCheck(HealthCheck.http("/health"))
            .route(Route.http("/api/v2").requestTimeout(Duration.ofSeconds(10)))
            .build();

    Rendering r = Istio.target().outlierLimits(50, 50).render(app);

    // The plain routes name no subset, so the app's Service's rule applies to them only through
    // its top-level policy, which is empty for an HTTP backend.
    assertThat(entries(r))
        .containsExactly(
            "exact /notify -> notify.default.svc.cluster.local:8080 rewrite /ws",
            "prefix /notify/ -> notify.default.svc.cluster.local:8080 rewrite /ws/",
            "exact /api/v2, prefix /api/v2/ -> chat-ws.default.svc.cluster.local:8080 timeout 10s",
            "exact /api, prefix /api/ -> chat-api.default.svc.cluster.local:80 timeout 30s",
            "exact /ws, prefix /ws/ -> chat-ws.default.svc.cluster.local:8080/websocket",
            "prefix / -> frontend.default.svc.cluster.local:80");
    DestinationRule own = rule(r, "chat");
    assertThat(own.getSpec().getTrafficPolicy()).isNull();
    assertThat(own.getSpec().getSubsets())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getName()).isEqualTo("websocket");
              assertThat(s.getLabels()).isEmpty();
              assertThat(s.getTrafficPolicy().getConnectionPool().getTcp().getConnectTimeout())
                  .isEqualTo("5s");
              assertThat(s.getTrafficPolicy().getOutlierDetection().getMaxEjectionPercent())
                  .isEqualTo(50);
              assertThat(s.getTrafficPolicy().getLoadBalancer().getLbPolicy())
                  .isInstanceOf(LoadBalancerSettingsConsistentHash.class);
            });
    assertThat(rule(r, "chat-notify").getSpec().getTrafficPolicy().getOutlierDetection())
        .isNotNull();
    assertThat(r.objects(DestinationRule.class))
        .extracting(d -> d.getSpec().getHost())
        .doesNotContain("chat-api.default.svc.cluster.local", "frontend.default.svc.cluster.local");
    // No entry of a plain route carries anything but its own timeout.
    for (HTTPRoute h : r.only(VirtualService.class).getSpec().getHttp()) {
      String host = h.getRoute().get(0).getDestination().getHost();
      boolean plain =
          host.startsWith("chat-api.")
              || host.startsWith("frontend.")
              || uri(h.getMatch().get(0)).equals("exact /api/v2");
      if (plain) {
        assertThat(h.getRoute().get(0).getDestination().getSubset()).isNull();
        assertThat(h.getRewrite()).isNull();
        assertThat(h.getRetries()).isNull();
        assertThat(h.getCorsPolicy()).isNull();
      } else {
        assertThat(h.getTimeout()).isNull();
      }
    }
    assertThat(IstioCelRules.violations(r.objects())).isEmpty();
    SchemaConformance.assertValidAgainstCrdYaml(r);
  }

  /** The app-wide backend protocol HTTPS needs a rule with tls for every backend. */
  @Test
  void sharedServiceWithHttpsBackends() {
    WebSocketApp app =
        threeBackends(NOTIFY_BY_NUMBER)
            .route(Route.http("/api/v2"))
            .backendProtocol(BackendProtocol.HTTPS)
            .backendCaSecret("backend-ca")
            .build();

    Rendering r = Istio.target().render(app);

    // Without a tls a gateway sends Istio mTLS or plaintext (cluster_tls.go
    // buildUpstreamTLSSettings), so plain backends get a rule with tls alone.
    assertThat(r.objects(DestinationRule.class))
        .extracting(
            d -> d.getMetadata().getName(),
            d -> d.getSpec().getTrafficPolicy().getTls().getSni(),
            d -> d.getSpec().getTrafficPolicy().getTls().getSubjectAltNames())
        .containsExactly(
            tuple(
                "chat",
                "chat-ws.default.svc.cluster.local",
                List.of("chat-ws.default.svc.cluster.local")),
            tuple(
                "chat-chat-api",
                "chat-api.default.svc.cluster.local",
                List.of("chat-api.default.svc.cluster.local")),
            tuple(
                "chat-frontend",
                "frontend.default.svc.cluster.local",
                List.of("frontend.default.svc.cluster.local")),
            tuple(
                "chat-notify",
                "notify.default.svc.cluster.local",
                List.of("notify.default.svc.cluster.local")));
    TrafficPolicy api = rule(r, "chat-chat-api").getSpec().getTrafficPolicy();
    assertThat(api.getLoadBalancer()).isNull();
    assertThat(api.getConnectionPool()).isNull();
    assertThat(api.getOutlierDetection()).isNull();
    // The shared Service: tls at the top for every route, the WebSocket policy in the subset,
    // which inherits the top-level tls field by field (util.go mergeTrafficPolicy).
    DestinationRule own = rule(r, "chat");
    assertThat(own.getSpec().getTrafficPolicy().getLoadBalancer()).isNull();
    assertThat(own.getSpec().getSubsets().get(0).getTrafficPolicy().getTls()).isNull();
    assertThat(own.getSpec().getSubsets().get(0).getTrafficPolicy().getLoadBalancer().getLbPolicy())
        .isInstanceOf(LoadBalancerSettingsConsistentHash.class);
    assertThat(codes(r))
        .containsExactly(
            "INFO ISTIO-STREAM-IDLE",
            "INFO ISTIO-HTTPS-REDIRECT",
            "WARNING ISTIO-CREDENTIAL-NAMESPACE",
            "INFO ISTIO-SOFT-AFFINITY",
            "WARNING ISTIO-BACKEND-CA-NAMESPACE",
            "WARNING ISTIO-BACKEND-TLS-SIDECAR",
            "WARNING ISTIO-BACKEND-CA-NAMESPACE",
            "WARNING ISTIO-BACKEND-TLS-SIDECAR",
            "INFO ISTIO-DESTINATION-RULE-MERGE",
            "WARNING ISTIO-BACKEND-CA-NAMESPACE",
            "WARNING ISTIO-BACKEND-TLS-SIDECAR",
            "INFO ISTIO-DESTINATION-RULE-MERGE",
            "WARNING ISTIO-BACKEND-CA-NAMESPACE",
            "WARNING ISTIO-BACKEND-TLS-SIDECAR",
            "INFO ISTIO-DESTINATION-RULE-MERGE");
    assertThat(r.findings("ISTIO-BACKEND-CA-NAMESPACE"))
        .extracting(Finding::subject)
        .containsExactly(
            "DestinationRule default/chat",
            "DestinationRule default/chat-chat-api",
            "DestinationRule default/chat-notify",
            "DestinationRule default/chat-frontend");
    IstioTest.check(r);

    // Without a CA no rule gets tls; one error for the app-wide setting.
    WebSocketApp noCa =
        threeBackends(NOTIFY_BY_NUMBER).backendProtocol(BackendProtocol.HTTPS).build();
    Rendering lenient = Istio.target().lenient().render(noCa);
    assertThat(lenient.findings("ISTIO-BACKEND-TLS"))
        .singleElement()
        .extracting(Finding::subject, Finding::message)
        .containsExactly(
            "DestinationRule default/chat",
            "an HTTPS backend needs the CA that signs its certificate; without one no tls is"
                + " written, so the gateway does not originate TLS to the backends (wsingress never"
                + " writes insecureSkipVerify).");
    assertThat(lenient.objects(DestinationRule.class))
        .extracting(d -> d.getMetadata().getName())
        .containsExactly("chat", "chat-notify");
  }

  /**
   * What Envoy does with the entries (route.go: one Envoy route per match, in order; {@code exact}
   * is Envoy's {@code path}, compared without the query string; {@code prefix} compares characters;
   * {@code rewrite.uri} is {@code prefix_rewrite}, which swaps the matched prefix or path): the
   * Service a request reaches and the path it arrives with.
   */
  private static String request(Rendering r, String pathAndQuery) {
    String path = pathAndQuery.contains("?") ? pathAndQuery.split("\\?")[0] : pathAndQuery;
    for (HTTPRoute h : r.only(VirtualService.class).getSpec().getHttp()) {
      for (HTTPMatchRequest m : h.getMatch()) {
        Optional<String> matched =
            m.getUri().getMatchType() instanceof StringMatchExact e
                ? Optional.of(e.getExact()).filter(path::equals)
                : Optional.of(((StringMatchPrefix) m.getUri().getMatchType()).getPrefix())
                    .filter(path::startsWith);
        if (matched.isPresent()) {
          String sent =
              h.getRewrite() == null
                  ? pathAndQuery
                  : h.getRewrite().getUri() + pathAndQuery.substring(matched.get().length());
          String host = h.getRoute().get(0).getDestination().getHost();
          return host.substring(0, host.indexOf('.')) + " " + sent;
        }
      }
    }
    return "404";
  }

  @Test
  void a_rewrite_replaces_the_matched_segments_and_keeps_the_rest() {
    Rendering r =
        Istio.target()
            .render(
                threeBackends(NOTIFY_BY_NUMBER)
                    .route(Route.http("/static/v1/").to("assets", 80).rewriteTo("/"))
                    .route(Route.http("/old").to("frontend", 80).rewriteTo("/"))
                    .build());

    assertThat(request(r, "/notify")).isEqualTo("notify /ws");
    assertThat(request(r, "/notify?room=1")).isEqualTo("notify /ws?room=1");
    assertThat(request(r, "/notify/")).isEqualTo("notify /ws/");
    assertThat(request(r, "/notify/x")).isEqualTo("notify /ws/x");
    assertThat(request(r, "/notifyx")).isEqualTo("frontend /notifyx");
    assertThat(request(r, "/ws")).isEqualTo("chat-ws /ws");
    assertThat(request(r, "/wsx")).isEqualTo("frontend /wsx");
    assertThat(request(r, "/api/v1?x=1")).isEqualTo("chat-api /api/v1?x=1");
    assertThat(request(r, "/static/v1/app.js")).isEqualTo("assets /app.js");
    assertThat(request(r, "/old")).isEqualTo("frontend /");
    assertThat(request(r, "/old/page")).isEqualTo("frontend /page");
    assertThat(request(r, "/")).isEqualTo("frontend /");
    assertThat(IstioCelRules.violations(r.objects())).isEmpty();
    SchemaConformance.assertValidAgainstCrdYaml(r);
  }

  /**
   * No match is covered by an earlier one (a prefix covers a longer path or prefix it starts, an
   * exact path covers only itself) and none repeats: istio/istio 1.30.3
   * pkg/config/validation/validation.go analyzeUnreachableHTTPRules warns of both.
   */
  private static void assertNoMatchIsShadowed(Rendering r) {
    List<String> seen = new ArrayList<>();
    for (HTTPRoute h : r.only(VirtualService.class).getSpec().getHttp()) {
      for (HTTPMatchRequest m : h.getMatch()) {
        String later = uri(m);
        for (String earlier : seen) {
          assertThat(covers(earlier, later)).as("%s before %s", earlier, later).isFalse();
        }
        seen.add(later);
      }
    }
  }

  private static boolean covers(String earlier, String later) {
    String e = earlier.substring(earlier.indexOf(' ') + 1);
    String l = later.substring(later.indexOf(' ') + 1);
    return earlier.startsWith("prefix ") ? l.startsWith(e) : later.equals(earlier);
  }

  @Test
  void entries_are_ordered_by_specificity_and_the_order_given_does_not_matter() {
    List<Route> routes =
        List.of(
            Route.http("/").to("frontend", 80),
            Route.http("/api").to("chat-api", 80),
            Route.websocket("/api/stream").to("chat-ws", 8080),
            Route.http("/api/stream/status").exact().to("chat-api", 80),
            Route.websocket("/live/").to("chat-ws", 8080),
            Route.websocket("/live").to("live", 8080),
            Route.websocket("/ws").exact().to("chat-ws", 8080),
            Route.websocket("/ws").to("chat-ws", 8080));
    WebSocketApp.Builder given = WebSocketApp.on("chat.example.com").service("chat-ws", 8080);
    routes.forEach(given::route);
    WebSocketApp.Builder reversed = WebSocketApp.on("chat.example.com").service("chat-ws", 8080);
    for (int i = routes.size() - 1; i >= 0; i--) {
      reversed.route(routes.get(i));
    }

    Rendering r = Istio.target().render(given.build());

    // A match an earlier entry has is left out: /ws (exact) and /live/ (prefix) stay with the more
    // specific route. Neighbours with the same destination are one entry.
    assertThat(entries(r))
        .containsExactly(
            "exact /api/stream/status -> chat-api.default.svc.cluster.local:80",
            "exact /ws, exact /api/stream, prefix /api/stream/, prefix /live/ ->"
                + " chat-ws.default.svc.cluster.local:8080",
            "exact /live -> live.default.svc.cluster.local:8080",
            "exact /api, prefix /api/ -> chat-api.default.svc.cluster.local:80",
            "prefix /ws/ -> chat-ws.default.svc.cluster.local:8080",
            "prefix / -> frontend.default.svc.cluster.local:80");
    assertNoMatchIsShadowed(r);
    // Ties of equal length keep the order given; these routes have none that overlap.
    assertThat(Istio.target().render(reversed.build()).toYaml()).isEqualTo(r.toYaml());
    assertThat(Istio.target().render(given.build()).toYaml()).isEqualTo(r.toYaml());
    assertThat(IstioCelRules.violations(r.objects())).isEmpty();
    SchemaConformance.assertValidAgainstCrdYaml(r);
  }

  @Test
  void a_plain_route_asking_for_buffering_is_refused_and_no_buffering_needs_nothing() {
    WebSocketApp app =
        threeBackends(NOTIFY_BY_NUMBER)
            .route(Route.http("/upload").to("chat-api", 80).buffering(true))
            .route(Route.http("/events").to("chat-api", 80).buffering(false))
            .build();

    UnsupportedFeatureException strict =
        catchThrowableOfType(UnsupportedFeatureException.class, () -> Istio.target().render(app));
    assertThat(strict.errors())
        .singleElement()
        .extracting(Finding::code, Finding::subject, Finding::message, Finding::hint)
        .containsExactly(
            "ISTIO-ROUTE-BUFFERING",
            "VirtualService default/chat",
            "Istio has no proxy buffering setting; buffering(true) of route /upload is not"
                + " written, and Envoy streams its requests and responses.",
            "Drop .buffering(true) from the route, or buffer in the application:"
                + " networking.istio.io has no buffering setting (Envoy's buffer filter needs an"
                + " EnvoyFilter).");
    Rendering lenient = Istio.target().lenient().render(app);
    assertThat(lenient.findings("ISTIO-ROUTE-BUFFERING")).hasSize(1);
    assertThat(lenient.finding("ISTIO-BUFFERING")).isEmpty();
  }

  @Test
  void durations_are_written_in_seconds_and_read_as_istio_reads_them() {
    assertThat(ProtoDuration.format(Duration.ofSeconds(30))).isEqualTo("30s");
    assertThat(ProtoDuration.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(ProtoDuration.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(ProtoDuration.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(ProtoDuration.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(ProtoDuration.parse("300ms")).isEqualTo(Duration.ofMillis(300));
    assertThat(ProtoDuration.parse("2us")).isEqualTo(Duration.ofNanos(2000));
    assertThat(ProtoDuration.parse("0")).isEqualTo(Duration.ZERO);
    assertThat(ProtoDuration.parse("-1s")).isEqualTo(Duration.ofSeconds(-1));
    for (String bad : List.of("", "1", "s", "1d", "1 s", "1.s.")) {
      assertThat(
              catchThrowableOfType(IllegalArgumentException.class, () -> ProtoDuration.parse(bad)))
          .as(bad)
          .hasMessage("not a Go duration: \"" + bad + "\"");
    }
    assertThat(
            catchThrowableOfType(
                IllegalArgumentException.class, () -> ProtoDuration.format(Duration.ZERO)))
        .hasMessage("expected whole seconds of at least 1s, got PT0S");
  }

  @Test
  void hosts_are_service_fqdns_read_back_in_the_rules_namespace() {
    assertThat(Backends.host("notify", "chat")).isEqualTo("notify.chat.svc.cluster.local");
    assertThat(Backends.service("notify.chat.svc.cluster.local", "chat")).contains("notify");
    assertThat(Backends.service("notify", "chat")).contains("notify");
    assertThat(Backends.service("notify.other.svc.cluster.local", "chat")).isEmpty();
    assertThat(Backends.service("a.b.chat.svc.cluster.local", "chat")).isEmpty();
    assertThat(Backends.service("example.com", "chat")).isEmpty();
  }

  @Test
  void objects_have_stable_valid_names() {
    Rendering r = Istio.target().render(threeBackends(NOTIFY_BY_NUMBER).build());

    assertThat(r.objects())
        .extracting(HasMetadata::getKind, o -> o.getMetadata().getName())
        .containsExactly(
            tuple("DestinationRule", "chat"),
            tuple("DestinationRule", "chat-notify"),
            tuple("Gateway", "chat"),
            tuple("VirtualService", "chat"));
    // The default route alone gets one entry, as before several routes existed.
    Rendering single =
        Istio.target()
            .render(WebSocketApp.on("ws.example.com").service("websocket-service", 8080).build());
    assertThat(entries(single))
        .containsExactly("prefix / -> websocket-service.default.svc.cluster.local:8080");
  }
}
