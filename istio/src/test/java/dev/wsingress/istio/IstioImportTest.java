package dev.wsingress.istio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.Affinity;
import dev.wsingress.Finding;
import dev.wsingress.Import;
import dev.wsingress.Imported;
import dev.wsingress.Manifests;
import dev.wsingress.Route;
import dev.wsingress.Tls;
import dev.wsingress.WebSocketApp;
import dev.wsingress.testing.Fixtures;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 for inputs no renderer of ours wrote: manifests in the shapes of Istio's samples
 * (istio/istio 1.30.3 samples/bookinfo/networking, samples/websockets), written here, convert with
 * every setting carried or reported with its code, object and line.
 */
class IstioImportTest {

  static Manifests fixture(String name) {
    return Fixtures.read(
        IstioImportTest.class,
        "/dev/wsingress/istio/import/" + name + ".yaml",
        "import/" + name + ".yaml");
  }

  static List<String> findings(Imported in) {
    return in.findings().stream().map(IstioImportTest::line).toList();
  }

  static String line(Finding f) {
    return f.severity()
        + " "
        + f.code()
        + " "
        + f.source().map(s -> String.valueOf(s.line())).orElse("-")
        + " "
        + f.message();
  }

  static final String STREAM_IDLE =
      "no timeout (controller default: " + RouteRules.STREAM_IDLE_DEFAULT + ")";

  @Test
  void a_hand_written_chat_app() {
    Imported in = Import.with(Istio.target()).from(fixture("chat-by-hand"));

    // Every setting Istio applies that the spec holds: the Socket.IO route (its prefix ends in /,
    // a segment boundary) with the DestinationRule's cookie, connect and idle timeouts, the API's
    // timeout, the routes in order, TLS with the redirect; the Service's selector as the labels.
    assertThat(in.apps())
        .containsExactly(
            WebSocketApp.on("chat.example.com")
                .name("chat")
                .namespace("chat")
                .label("app", "chat-ws")
                .path("/socket.io/")
                .service("chat-ws", 8080)
                .route(
                    Route.http("/api/").to("chat-api", 80).requestTimeout(Duration.ofSeconds(30)))
                .route(Route.http("/beta/").to("chat-api", 80))
                .route(Route.http("/").to("frontend", 80))
                .timeout(Duration.ofHours(1))
                .connectTimeout(Duration.ofSeconds(5))
                .stickySessions(Affinity.cookie("chat-session").maxAge(Duration.ofHours(1)))
                .tls(Tls.secret("chat-example-com").redirect(true))
                .build());
    // The Gateway is not wsingress's: the app attaches to it.
    assertThat(in.importedApps().get(0).targets())
        .containsExactly(Istio.target().gateway("chat", "chat-gateway"));
    // What it cannot hold, with its line.
    assertThat(findings(in))
        .containsExactly(
            "WARNING CORE-IMPORT-NOT-CARRIED 31 servers.tls.minProtocolVersion is not carried:"
                + " the spec's TLS is a certificate Secret only.",
            "INFO CORE-IMPORT-TARGET 46 the app chat/chat renders with the targets the input"
                + " implies: Istio[version=1.30, gateway=chat/chat-gateway].",
            "WARNING CORE-IMPORT-NOT-CARRIED 57 http.retries is not carried: the spec has no"
                + " retry policy (Istio's default applies).",
            "WARNING CORE-IMPORT-NOT-CARRIED 70 http.match.headers is not carried: the spec's"
                + " routes match the host and the path only, so the converted route takes every"
                + " request for its path.",
            "WARNING CORE-IMPORT-NOT-CARRIED 103 outlierDetection is not carried: passive"
                + " ejection is no health check the spec holds (it probes a path); only"
                + " maxEjectionPercent and minHealthPercent, as Istio.outlierLimits writes them,"
                + " are carried.",
            "WARNING CORE-IMPORT-NOT-CARRIED 117 subset beta (its labels) is not carried: the"
                + " spec sends a route to a whole Service, not to the pods a subset selects.",
            "INFO CORE-IMPORT-OBJECT-NOT-READ 120 none of the readers (Istio) reads this Service,"
                + " so it is part of no converted app.");
  }

  @Test
  void the_websocket_sample_for_every_host_makes_no_app() {
    Imported in = Import.with(Istio.target()).from(fixture("tornado-any-host"));

    assertThat(in.apps()).isEmpty();
    assertThat(findings(in))
        .containsExactly(
            "INFO CORE-IMPORT-OBJECT-NOT-READ 4 none of the readers (Istio) reads this Service,"
                + " so it is part of no converted app.",
            "WARNING CORE-IMPORT-ROUTE-DROPPED 44 the route */ws/ serves every host (its rule"
                + " names none), and the spec's apps name their hosts; it is not converted.");
  }

  @Test
  void a_websocket_route_on_a_shared_gateway() {
    Imported in = Import.with(Istio.target()).from(fixture("edge-gateway-8080"));

    // The WebSocket route is known by its Upgrade header; Istio sets no idle timeout, so the
    // spec's longest is carried, and the character prefix becomes a segment prefix.
    assertThat(in.apps())
        .containsExactly(
            WebSocketApp.on("shop.example.com")
                .name("shop")
                .namespace("shop")
                .path("/live")
                .service("live", 9000)
                .route(Route.http("/productpage").exact().to("productpage", 9080))
                .route(Route.http("/static/").to("productpage", 9080))
                .timeout(Duration.ofDays(24))
                .build());
    assertThat(in.importedApps().get(0).targets())
        .containsExactly(Istio.target().gateway("istio-ingress", "edge"));
    assertThat(findings(in))
        .containsExactly(
            "WARNING CORE-IMPORT-NOT-CARRIED 13 server HTTP on port 8080 is not carried: a"
                + " rendered Gateway serves HTTP on 80 and HTTPS on 443.",
            "WARNING CORE-IMPORT-APPROXIMATED 32 the idle timeout is "
                + STREAM_IDLE
                + "; the spec has no \"no timeout\", so its longest, 24 days, is carried.",
            "WARNING CORE-IMPORT-APPROXIMATED 32 the route shop.example.com/live matches every"
                + " path starting with these characters (/livex too); the spec's prefix matches"
                + " whole segments (/live and /live/…), which is carried.",
            "INFO CORE-IMPORT-DEFAULT-CARRIED 32 the WebSocket routes leave the idle timeout at"
                + " the controller's default, "
                + STREAM_IDLE
                + "; the converted spec sets 24 days explicitly, so every target keeps it.",
            "INFO CORE-IMPORT-TARGET 32 the app shop/shop renders with the targets the input"
                + " implies: Istio[version=1.30, gateway=istio-ingress/edge].",
            "INFO ISTIO-PREFIX-CHARACTERS 33 prefix /live compares characters, so the WebSocket"
                + " route also takes /livex and /live-other, not only /live and the paths below"
                + " /live/.",
            "WARNING CORE-IMPORT-NOT-CARRIED 37 http.mirror is not carried: the spec mirrors no"
                + " traffic.");
  }

  @Test
  void a_wildcard_host_broader_than_the_https_servers_gets_no_tls() {
    // The HTTPS server names one host; the app's wildcard host is served there for that one name
    // only, so the import keeps TLS for the one host (found by the 100,000-try round trip).
    WebSocketApp app =
        WebSocketApp.on("on.d.example.com")
            .alsoOn("*.d.example.com")
            .service("chat", 8080)
            .tls(Tls.secret("chat-tls").hosts("on.d.example.com"))
            .build();
    Manifests rendered =
        Manifests.parse(Istio.target().lenient().render(app).toYaml(), "rendered.yaml");
    Imported in = Import.with(Istio.target()).from(rendered);
    assertThat(in.apps()).hasSize(1);
    assertThat(in.apps().get(0).tls()).contains(Tls.secret("chat-tls").hosts("on.d.example.com"));
  }

  @Test
  void a_tls_wildcard_covering_another_host_is_reported_and_read_as_envoy_serves_it() {
    WebSocketApp app =
        WebSocketApp.on("*.example.io")
            .alsoOn("*.eu.example.io")
            .service("chat", 8080)
            .tls(Tls.secret("chat-tls").hosts("*.example.io"))
            .build();
    var r = Istio.target().lenient().render(app);
    assertThat(r.finding("ISTIO-TLS-WILDCARD-SNI").orElseThrow().message())
        .isEqualTo(
            "*.eu.example.io is not a TLS host of the app, but the HTTPS server's host"
                + " *.example.io matches its server names (SNI), so the gateway terminates TLS"
                + " for it with chat-tls too.");
    Imported in = Import.with(Istio.target()).from(Manifests.parse(r.toYaml(), "rendered.yaml"));
    // TLS for both hosts: every host of the app.
    assertThat(in.apps().get(0).tls()).contains(Tls.secret("chat-tls"));
  }

  @Test
  void a_name_gets_the_tls_of_the_most_specific_https_server() {
    // Envoy picks the filter chain whose server name matches the SNI most specifically, whatever
    // the order of the servers (go-control-plane envoy/v1.39.0 listener_components.pb.go).
    String yaml =
        """
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: edge, namespace: chat}
        spec:
          selector: {istio: ingressgateway}
          servers:
          - port: {number: 443, name: https-all, protocol: HTTPS}
            hosts: ["*.example.com"]
            tls: {mode: SIMPLE, credentialName: wildcard-tls}
          - port: {number: 443, name: https-chat, protocol: HTTPS}
            hosts: [chat.example.com]
            tls: {mode: SIMPLE, credentialName: chat-tls}
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: chat, namespace: chat}
        spec:
          hosts: [chat.example.com]
          gateways: [edge]
          http:
          - match: [{uri: {prefix: /ws}}]
            route: [{destination: {host: chat, port: {number: 8080}}}]
        """;
    Imported in = Import.with(Istio.target()).from(Manifests.parse(yaml, "edge.yaml"));
    assertThat(in.apps()).hasSize(1);
    assertThat(in.apps().get(0).tls().orElseThrow().secretName()).isEqualTo("chat-tls");
  }
}
