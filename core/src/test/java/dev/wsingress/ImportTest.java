package dev.wsingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsingress.ServedRoute.HostMatch;
import dev.wsingress.ServedRoute.PathMatch;
import dev.wsingress.testing.Fixtures;
import dev.wsingress.testing.StandInPlatform;
import dev.wsingress.testing.StandInReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/** The converter: grouping, identity, settings, and every CORE-IMPORT finding. */
class ImportTest {

  static Manifests fixture(String name) {
    return Fixtures.read(ImportTest.class, "import/" + name + ".yaml");
  }

  static Imported read(String name) {
    return Import.with(StandInReader.target()).from(fixture(name));
  }

  /** Each finding as {@code line:column SEVERITY CODE subject: message}. */
  static List<String> found(List<Finding> findings) {
    return findings.stream()
        .map(
            f ->
                f.source().map(s -> s.line() + ":" + s.column()).orElse("-")
                    + " "
                    + f.severity()
                    + " "
                    + f.code()
                    + " "
                    + f.subject()
                    + ": "
                    + f.message())
        .toList();
  }

  @Test
  void three_ingresses_on_one_host_make_one_app_with_three_backends() {
    Imported in = read("three-backends");
    assertThat(in.apps())
        .containsExactly(
            WebSocketApp.on("chat.example.com")
                .name("chat-ws")
                .namespace("prod")
                .label("app", "chat")
                .path("/ws")
                .service("chat-ws", 8080)
                .route(Route.http("/api").to("chat-api", 80).requestTimeout(Duration.ofSeconds(30)))
                .route(
                    Route.http("/").to("frontend", "http").requestTimeout(Duration.ofSeconds(30)))
                .route(Route.websocket("/notify").to("notify", "http").rewriteTo("/ws"))
                .stickySessions(Affinity.cookie("ws-server"))
                .tls(Tls.secret("chat-tls"))
                .build());
    assertThat(found(in.findings()))
        .containsExactly(
            "19:13 INFO CORE-IMPORT-TARGET Ingress prod/chat-ws: the app prod/chat-ws renders with"
                + " the targets the input implies: StandInReader[ingressClass=test].",
            "34:5 WARNING CORE-IMPORT-NOT-CARRIED Ingress prod/chat-api: the plain HTTP route /"
                + " sets sticky sessions cookie \"api\" (import/three-backends.yaml:34:5); the spec"
                + " applies it to WebSocket routes only, so the plain route does without it.",
            "34:5 WARNING CORE-IMPORT-NOT-CARRIED Ingress prod/chat-api: the plain HTTP route /api"
                + " sets sticky sessions cookie \"api\" (import/three-backends.yaml:34:5); the spec"
                + " applies it to WebSocket routes only, so the plain route does without it.",
            "65:5 WARNING CORE-IMPORT-CONFLICT Ingress prod/notify: the WebSocket routes disagree"
                + " on the read timeout: /ws 1 h (import/three-backends.yaml:8:5), /notify 10 min"
                + " (import/three-backends.yaml:65:5); the spec holds one for the app's WebSocket"
                + " routes, so 1 h (the value of /ws, the app's first WebSocket route) is carried"
                + " for all of them.",
            "76:13 WARNING CORE-IMPORT-CONFLICT Ingress prod/notify: the WebSocket routes disagree"
                + " on sticky sessions: /ws cookie \"ws-server\" (import/three-backends.yaml:9:5),"
                + " /notify none; the spec holds one for the app's WebSocket routes, so cookie"
                + " \"ws-server\" (the value of /ws, the app's first WebSocket route) is carried"
                + " for all of them.",
            "84:1 INFO CORE-IMPORT-OBJECT-NOT-READ Service prod/chat-ws: none of the readers"
                + " (stand-in reader) reads this Service, so it is part of no converted app.",
            "96:1 INFO CORE-IMPORT-OBJECT-NOT-READ ConfigMap prod/chat-config: none of the readers"
                + " (stand-in reader) reads this ConfigMap, so it is part of no converted app.");
    ImportedApp app = in.importedApps().get(0);
    assertThat(app.sources())
        .extracting(Manifest::subject)
        .containsExactly("Ingress prod/chat-ws", "Ingress prod/chat-api", "Ingress prod/notify");
    assertThat(app.routes()).hasSize(4);
    assertThat(app.findings())
        .hasSize(5)
        .doesNotContain(in.findings("CORE-IMPORT-OBJECT-NOT-READ").get(0));
    assertThat(in.of(in.apps().get(0))).isSameAs(app);
    assertThat(in.target(in.apps().get(0)).toString())
        .isEqualTo("StandInReader[ingressClass=test]");
    assertThat(in.count(Severity.WARNING)).isEqualTo(4);
    assertThat(in).hasToString("Imported[1 app, 7 findings]");
  }

  @Test
  void hosts_with_other_routes_or_certificates_make_other_apps_with_unique_names() {
    Imported in = read("hosts");
    assertThat(in.apps())
        .extracting(
            a -> a.name() + " " + a.hosts() + " " + a.tls().map(Tls::secretName).orElse("-"))
        .containsExactly(
            "site [a.example.com] -",
            "site-2 [b.example.com] -",
            "certs [d.example.com, f.example.com] d-tls",
            "certs-2 [e.example.com] e-tls");
    assertThat(in.apps().get(1).routes())
        .extracting(Route::toString)
        .containsExactly("WEBSOCKET PREFIX /ws -> site:80", "HTTP PREFIX /api -> site:80");
    assertThat(in.apps().get(2).tls().orElseThrow().hosts()).containsExactly("d.example.com");
    assertThat(found(in.findings("CORE-IMPORT-NAME")))
        .containsExactly(
            "22:13 INFO CORE-IMPORT-NAME Ingress web/site: another app converted from this input is"
                + " named \"web/site\", so this one is named \"site-2\".",
            "74:13 INFO CORE-IMPORT-NAME Ingress web/certs: another app converted from this input"
                + " is named \"web/certs\", so this one is named \"certs-2\".");
    assertThat(found(in.findings("CORE-IMPORT-NO-WEBSOCKET-ROUTE")))
        .containsExactly(
            "39:13 INFO CORE-IMPORT-NO-WEBSOCKET-ROUTE Ingress web/site: the routes of"
                + " c.example.com (/) carry no WebSocket traffic by the doctor's rule; no app is"
                + " made of them.");
    assertThat(found(in.findings("CORE-IMPORT-DEFAULT-CARRIED")).get(0))
        .isEqualTo(
            "12:13 INFO CORE-IMPORT-DEFAULT-CARRIED Ingress web/site: the WebSocket routes leave"
                + " the read timeout at the controller's default, 60 s (controller default: the"
                + " stand-in reader's default); the converted spec sets 60 s explicitly, so every"
                + " target keeps it.");
    // The controller's 60 s is what the sockets had; the spec keeps it, not its own 1 h.
    assertThat(in.apps().get(0).idleTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(in.apps().get(2).readTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(in.apps().get(2).idleTimeout()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void what_the_spec_cannot_hold_is_reported_with_its_line() {
    Imported in = read("awkward");
    assertThat(in.apps().get(0))
        .isEqualTo(
            WebSocketApp.on("chat.example.com")
                .name("chat-app")
                .path("/ws")
                .service("chat", 80)
                .timeout(WebSocketApp.MAX_IDLE_TIMEOUT)
                .readTimeout(Duration.ofSeconds(60))
                .connectTimeout(WebSocketApp.MAX_CONNECT_TIMEOUT)
                .build());
    assertThat(found(in.findings()).stream().filter(f -> !f.contains("INFO")))
        .containsExactly(
            "7:5 WARNING CORE-IMPORT-APPROXIMATED Ingress Chat.App: the idle timeout is no timeout"
                + " (import/awkward.yaml:7:5); the spec has no \"no timeout\", so its longest, 24"
                + " days, is carried.",
            "8:5 WARNING CORE-IMPORT-APPROXIMATED Ingress Chat.App: the connect timeout is 2 h"
                + " (import/awkward.yaml:8:5); the spec's longest is 1 h, which is carried.",
            "9:5 WARNING CORE-IMPORT-REFUSED Ingress Chat.App: the rate limit is refused by the"
                + " spec (rateLimit.rate = 0: must be from 1 to 1000000); it is left out.",
            "10:5 WARNING CORE-IMPORT-NOT-CARRIED Ingress Chat.App: the annotation"
                + " test.wsingress.dev/mystery is not carried: the stand-in reader does not know"
                + " it.",
            "16:13 WARNING CORE-IMPORT-APPROXIMATED Ingress Chat.App: the route chat.example.com/ws"
                + " matches every path starting with these characters (/wsx too); the spec's prefix"
                + " matches whole segments (/ws and /ws/…), which is carried.",
            "23:13 WARNING CORE-IMPORT-ROUTE-DROPPED Ingress Chat.App: the route"
                + " chat.example.com/files sends to no Service; it is not converted.",
            "32:13 WARNING CORE-IMPORT-ROUTE-DROPPED Ingress Chat.App: the route */any serves every"
                + " host (its rule names none), and the spec's apps name their hosts; it is not"
                + " converted.",
            "49:13 WARNING CORE-IMPORT-ROUTE-DROPPED Ingress again: the route chat.example.com/ws"
                + " repeats the route of Ingress Chat.App (import/awkward.yaml:16:13) for the same"
                + " host, path and match; the controller serves one of them, and the first read is"
                + " converted.");
    assertThat(found(in.findings("CORE-IMPORT-NAME")))
        .containsExactly(
            "2:1 INFO CORE-IMPORT-NAME Ingress Chat.App: Ingress Chat.App has no namespace; the app"
                + " is placed in \"default\", the spec's default (where kubectl applies it without"
                + " -n).",
            "2:1 INFO CORE-IMPORT-NAME Ingress Chat.App: the app's name \"Chat.App\" is not a DNS"
                + " label of at most 47 characters, so \"chat-app\" is used.");
    // The Socket.IO path is a WebSocket route by its segment; the read timeout stays the default.
    assertThat(in.apps().get(1).routes()).extracting(Route::path).containsExactly("/socket.io/");
    // The reader's "not carried" finding is the converter's only: the doctor leaves it out.
    assertThat(Doctor.with(StandInReader.target()).check(fixture("awkward")).findings())
        .extracting(Finding::code)
        .doesNotContain("CORE-IMPORT-NOT-CARRIED");
  }

  @Test
  void the_target_the_input_implies_is_carried_and_reported() {
    Imported in = read("implied-target");
    ImportedApp app = in.importedApps().get(0);
    assertThat(((StandInReader) app.target()).ingressClass()).isEqualTo("edge");
    assertThat(app.targets()).containsExactly(app.target());
    assertThat(found(in.findings()))
        .containsExactly(
            "22:13 INFO CORE-IMPORT-DEFAULT-CARRIED Ingress default/chat: the WebSocket routes"
                + " leave the read timeout at the controller's default, 60 s (controller default:"
                + " the stand-in reader's default); the converted spec sets 60 s explicitly, so"
                + " every target keeps it.",
            "22:13 INFO CORE-IMPORT-TARGET Ingress default/chat: the app default/chat renders with"
                + " the targets the input implies: StandInReader[ingressClass=edge].",
            "30:1 INFO CORE-IMPORT-OBJECT-NOT-READ Ingress default/theirs: none of the readers"
                + " (stand-in reader) reads this Ingress, so it is part of no converted app.");
    Rendering again = app.render();
    assertThat(again.toYaml()).contains("ingressClassName: edge");
  }

  // ---- a scripted reader, for what the stand-in never reports ----

  /** A target whose reader is a lambda; it renders nothing. */
  record Scripted(String id, BiConsumer<Manifests, Reading> reader) implements Target {
    @Override
    public String displayName() {
      return "scripted " + id;
    }

    @Override
    public Target lenient() {
      return this;
    }

    @Override
    public void read(Manifests in, Reading out) {
      reader.accept(in, out);
    }

    @Override
    public Rendering render(WebSocketApp app, RenderContext context) {
      return Rendering.builder(displayName(), false).build();
    }

    @Override
    public String toString() {
      return "Scripted[" + id + "]";
    }
  }

  static final String OBJECTS =
      """
      apiVersion: example.com/v1
      kind: Route
      metadata:
        name: chat
        namespace: default
      ---
      apiVersion: example.com/v1
      kind: Certificate
      metadata:
        name: chat-cert
        namespace: edge
      ---
      apiVersion: example.com/v1
      kind: Deployment
      metadata:
        name: orphan
        namespace: default
      """;

  static ServedRoute.Builder route(Target t, Manifest m, String path, PathMatch match) {
    return ServedRoute.builder(t, m, m.source())
        .host("chat.example.com", HostMatch.EXACT)
        .path(path, match);
  }

  @Test
  void regex_routes_splits_other_namespaces_deadlines_and_upgrades_are_reported() {
    Manifests in = Manifests.parse(OBJECTS, "scripted.yaml");
    Imported imported =
        Import.with(
                new Scripted(
                    "s",
                    (m, out) -> {
                      Manifest r = m.objects("Route").get(0);
                      Target t = out.target();
                      Source at = r.source("/metadata/name");
                      out.add(
                          route(t, r, "/ws", PathMatch.PREFIX)
                              .backend(m.backend("default", "chat", 80))
                              .backend(m.backend("default", "canary", 80))
                              .webSocketEvidence("scripted")
                              .requestTimeout(Setting.of(Duration.ofSeconds(15), at))
                              .upgrade(Setting.of(false, at))
                              .tls(Setting.of(Tls.secret("chat-tls"), at))
                              .build());
                      out.add(
                          route(t, r, "/v[0-9]+/ws", PathMatch.REGEX)
                              .backend(m.backend("default", "chat", 80))
                              .build());
                      out.add(
                          route(t, r, "/other", PathMatch.PREFIX)
                              .backend(m.backend("elsewhere", "chat", 80))
                              .build());
                      out.add(
                          route(t, r, "/api", PathMatch.PREFIX)
                              .backend(m.backend("default", "api", 80))
                              .responseBuffering(Setting.of(true, at))
                              .requestBuffering(Setting.of(false, at))
                              .build());
                      out.add(
                          ServedApp.builder(t, m.objects("Certificate").get(0))
                              .tlsSecret("chat-tls")
                              .tlsIssuer(
                                  Setting.of(
                                      AcmeIssuer.letsEncrypt("ops@example.com").http01("test"), at))
                              .build());
                      out.add(
                          ServedApp.builder(t, m.objects("Deployment").get(0))
                              .app("default", "orphan")
                              .workload(Setting.of(Workload.image("orphan:1"), at))
                              .build());
                    }))
            .from(in);
    WebSocketApp app = imported.apps().get(0);
    assertThat(app.tls().orElseThrow().issuer()).isPresent();
    assertThat(app.routes())
        .extracting(Route::toString)
        .containsExactly("WEBSOCKET PREFIX /ws -> chat:80", "HTTP PREFIX /api -> api:80");
    assertThat(app.routes().get(1).buffering()).contains(true);
    assertThat(
            found(imported.findings()).stream().filter(f -> !f.contains("INFO CORE-IMPORT-TARGET")))
        .containsExactly(
            "1:1 WARNING CORE-IMPORT-CONFLICT Route default/chat: the route chat.example.com/api"
                + " has no TLS while /ws on the same host has TLS with Secret \"chat-tls\""
                + " (scripted.yaml:4:3); the spec holds TLS per host, so TLS with Secret"
                + " \"chat-tls\" is carried for it.",
            "1:1 WARNING CORE-IMPORT-NOT-CARRIED Route default/chat: the route chat.example.com/ws"
                + " splits its traffic between 2 backends (Service default/chat port 80, Service"
                + " default/canary port 80); the spec sends a route to one Service, so only the"
                + " first is carried.",
            "1:1 WARNING CORE-IMPORT-ROUTE-DROPPED Route default/chat: the route"
                + " chat.example.com/other sends to Service elsewhere/chat port 80 in another"
                + " namespace, and the spec's routes send to Services in the app's namespace; it"
                + " is not converted.",
            "1:1 WARNING CORE-IMPORT-ROUTE-DROPPED Route default/chat: the route"
                + " chat.example.com/v[0-9]+/ws matches the path with the regular expression"
                + " \"/v[0-9]+/ws\", and the spec matches path prefixes and exact paths; it is not"
                + " converted.",
            "4:3 WARNING CORE-IMPORT-APPROXIMATED Route default/chat: the controller does not"
                + " forward the WebSocket upgrade on /ws (false (scripted.yaml:4:3)), though the"
                + " route carries WebSocket traffic (scripted); the converted WebSocket route"
                + " forwards it.",
            "4:3 WARNING CORE-IMPORT-CONFLICT Route default/chat: the plain HTTP route /api has"
                + " response buffering true (scripted.yaml:4:3) and request buffering false"
                + " (scripted.yaml:4:3); the spec holds one buffering setting per plain route, so"
                + " true (response buffering) is carried.",
            "4:3 WARNING CORE-IMPORT-NOT-CARRIED Route default/chat: the WebSocket route /ws has"
                + " the request deadline 15 s (scripted.yaml:4:3), which some controllers apply to"
                + " the open socket; the spec's WebSocket routes have none, so it is not"
                + " carried.",
            "13:1 INFO CORE-IMPORT-UNMATCHED Deployment default/orphan: what the scripted s reader"
                + " read here (the workload) joins no converted app: none has the name"
                + " default/orphan.");
    assertThat(imported.importedApps().get(0).sources())
        .extracting(Manifest::subject)
        .containsExactly("Route default/chat", "Certificate edge/chat-cert");
  }

  @Test
  void a_zero_request_timeout_on_a_websocket_route_is_no_deadline() {
    Manifests in = Manifests.parse(OBJECTS, "scripted.yaml");
    Imported imported =
        Import.with(
                new Scripted(
                    "s",
                    (m, out) -> {
                      Manifest r = m.objects("Route").get(0);
                      out.add(
                          route(out.target(), r, "/ws", PathMatch.PREFIX)
                              .backend(m.backend("default", "chat", 80))
                              .webSocketEvidence("scripted")
                              .requestTimeout(Setting.of(Duration.ZERO, r.source("/metadata/name")))
                              .build());
                    }))
            .from(in);
    assertThat(imported.apps().get(0).routes())
        .extracting(Route::toString)
        .containsExactly("WEBSOCKET PREFIX /ws -> chat:80");
    assertThat(imported.apps().get(0).routes().get(0).requestTimeout()).isEmpty();
    assertThat(
            found(imported.findings()).stream()
                .filter(f -> f.contains("request timeout") || f.contains("deadline")))
        .containsExactly(
            "4:3 WARNING CORE-IMPORT-APPROXIMATED Route default/chat: the WebSocket route /ws"
                + " disables the request timeout (no timeout (scripted.yaml:4:3)); the spec's"
                + " WebSocket routes set none, so the converted route leaves it to the"
                + " controller's default.");
  }

  @Test
  void values_the_spec_refuses_are_left_out_and_an_app_without_a_valid_service_is_not_made() {
    Manifests in = Manifests.parse(OBJECTS, "scripted.yaml");
    Imported imported =
        Import.with(
                new Scripted(
                    "s",
                    (m, out) -> {
                      Manifest r = m.objects("Route").get(0);
                      Source at = r.source();
                      out.add(
                          ServedRoute.builder(out.target(), r, at)
                              .host("Chat.Example.com", HostMatch.EXACT)
                              .path("/ws", PathMatch.PREFIX)
                              .backend(m.backend("default", "chat", 80))
                              .build());
                      out.add(
                          ServedRoute.builder(out.target(), r, at)
                              .host("ok.example.com", HostMatch.EXACT)
                              .path("/ws", PathMatch.PREFIX)
                              .backend(m.backend("default", "chat", 80))
                              .build());
                      out.add(
                          ServedRoute.builder(out.target(), r, at)
                              .host("ok.example.com", HostMatch.EXACT)
                              .path("/health", PathMatch.EXACT)
                              .rewrite(Setting.of("/", at))
                              .backend(m.backend("default", "chat", 80))
                              .build());
                      out.add(
                          ServedRoute.builder(out.target(), m.objects("Deployment").get(0), at)
                              .host("bad.example.com", HostMatch.EXACT)
                              .path("/ws", PathMatch.PREFIX)
                              .backend(m.backend("default", "Bad_Service", 80))
                              .build());
                    }))
            .from(in);
    // The app that could not be made takes no name: this one is "chat", with no CORE-IMPORT-NAME.
    assertThat(imported.apps())
        .extracting(a -> a.name() + " " + a.hosts() + " " + a.routes())
        .containsExactly(
            "chat [ok.example.com] [WEBSOCKET PREFIX /ws -> chat:80, HTTP EXACT /health ->"
                + " chat:80]");
    assertThat(imported.findings("CORE-IMPORT-NAME")).isEmpty();
    assertThat(found(imported.findings("CORE-IMPORT-REFUSED")))
        .containsExactly(
            "1:1 WARNING CORE-IMPORT-REFUSED Deployment default/orphan: the app default/orphan is"
                + " not converted: the spec refuses service.name = \"Bad_Service\": must be an RFC"
                + " 1035 label: a-z, 0-9 and '-', starting with a letter and ending with a letter"
                + " or digit, at most 63 characters.",
            "1:1 WARNING CORE-IMPORT-REFUSED Route default/chat: the app default/chat is not"
                + " converted: it has no host the spec accepts.",
            "1:1 WARNING CORE-IMPORT-REFUSED Route default/chat: the host \"Chat.Example.com\" is"
                + " refused by the spec (hosts[0] = \"Chat.Example.com\": must be a lower-case RFC"
                + " 1123 hostname: dot-separated labels of a-z, 0-9 and '-', each 1 to 63"
                + " characters, not starting or ending with '-', 253 characters in all, with '*.'"
                + " allowed only as a leading wildcard, and not an IP address); it is left out.",
            "1:1 WARNING CORE-IMPORT-REFUSED Route default/chat: the rewrite of the route /health"
                + " (exact) is refused by the spec (routes[1].rewriteTo = \"/\": replaces a matched"
                + " prefix, and an exact route has no prefix to replace); it is left out.");
  }

  @Test
  void app_facts_fill_the_workload_and_decide_the_own_backend() {
    WebSocketApp app =
        WebSocketApp.on("chat.example.com")
            .name("chat")
            .service("chat-ws", 8080)
            .route(Route.websocket("/ws").to("gateway", 80))
            .route(Route.http("/api").to("api", 80))
            .workload(Workload.image("registry.example.com/chat:2").replicas(3))
            .build();
    String yaml = Targets.render(app, StandInReader.target(), StandInPlatform.target()).toYaml();
    Imported in =
        Import.with(StandInReader.target(), StandInPlatform.target())
            .from(Manifests.parse(yaml, "chat.yaml"));
    // No route sends to chat-ws, yet the platform's Service for the workload names it.
    assertThat(in.apps()).containsExactly(app);
    assertThat(in.importedApps().get(0).targets())
        .extracting(Target::id)
        .containsExactly("test-reader", "test-platform");
    // Without the platform the first WebSocket route's backend is the app's own.
    Imported alone = Import.with(StandInReader.target()).from(Manifests.parse(yaml, "chat.yaml"));
    assertThat(alone.apps().get(0).serviceName()).isEqualTo("gateway");
    assertThat(alone.apps().get(0).workload()).isEmpty();
    assertThat(found(alone.findings("CORE-IMPORT-OBJECT-NOT-READ")))
        .containsExactly(
            "2:1 INFO CORE-IMPORT-OBJECT-NOT-READ Service default/chat-ws: none of the readers"
                + " (stand-in reader) reads this Service, so it is part of no converted app.",
            "72:1 INFO CORE-IMPORT-OBJECT-NOT-READ ReplicationController default/chat: none of the"
                + " readers (stand-in reader) reads this ReplicationController, so it is part of"
                + " no converted app.");
  }

  @Test
  void app_facts_fill_defaults_refine_the_routes_and_report_what_disagrees() {
    Manifests in = Manifests.parse(OBJECTS, "scripted.yaml");
    Imported imported =
        Import.with(
                new Scripted(
                    "s",
                    (m, out) -> {
                      Manifest r = m.objects("Route").get(0);
                      Manifest d = m.objects("Deployment").get(0);
                      Target t = out.target();
                      Source at = r.source("/metadata/name");
                      out.add(
                          route(t, r, "/ws", PathMatch.PREFIX)
                              .backend(m.backend("default", "chat", 80))
                              .webSocketEvidence("scripted")
                              .backendProtocol(
                                  Setting.byDefault(BackendProtocol.HTTP, "the scripted default"))
                              .affinity(Setting.of(Affinity.clientIp(), at))
                              .healthCheck(Setting.of(HealthCheck.http("/ready"), at))
                              .build());
                      Source ds = d.source("/metadata/name");
                      out.add(
                          ServedApp.builder(t, d)
                              .ownService("default", "chat")
                              .backendProtocol(Setting.of(BackendProtocol.HTTPS, ds))
                              .affinity(
                                  Setting.of(Affinity.clientIp().timeout(Duration.ofHours(3)), ds))
                              .healthCheck(Setting.of(HealthCheck.http("/health"), ds))
                              .workload(Setting.of(Workload.image("chat:1"), ds))
                              .build());
                      out.add(
                          ServedApp.builder(t, m.objects("Certificate").get(0))
                              .ownService("", "chat")
                              .workload(Setting.of(Workload.image("chat:2"), at))
                              .build());
                    }))
            .from(in);
    WebSocketApp app = imported.apps().get(0);
    assertThat(app.backendProtocol()).isEqualTo(BackendProtocol.HTTPS);
    assertThat(app.affinity()).contains(Affinity.clientIp().timeout(Duration.ofHours(3)));
    assertThat(app.healthCheck()).contains(HealthCheck.http("/ready"));
    assertThat(app.workload()).contains(Workload.image("chat:1"));
    assertThat(found(imported.findings("CORE-IMPORT-CONFLICT")))
        .containsExactly(
            "4:3 WARNING CORE-IMPORT-CONFLICT Certificate edge/chat-cert: Certificate"
                + " edge/chat-cert has the workload Workload{image=chat:2, replicas=2, env={},"
                + " resources=[], drainTime=PT30S, egress=[]} (scripted.yaml:4:3) and Deployment"
                + " default/orphan has Workload{image=chat:1, replicas=2, env={}, resources=[],"
                + " drainTime=PT30S, egress=[]} (scripted.yaml:16:3); the spec holds one, so the"
                + " first is carried.",
            "16:3 WARNING CORE-IMPORT-CONFLICT Deployment default/orphan: Deployment default/orphan"
                + " has the health check HealthCheck{path=/health} (scripted.yaml:16:3) and the"
                + " routes have HealthCheck{path=/ready} (scripted.yaml:4:3); the spec holds one,"
                + " so the routes' value is carried.");
  }

  @Test
  void a_reader_that_fails_is_reported_and_the_others_still_convert() {
    Target broken =
        new Scripted(
            "broken",
            (m, out) -> {
              throw new IllegalStateException("boom");
            });
    Imported in = Import.with(broken, StandInReader.target()).from(fixture("implied-target"));
    assertThat(in.apps()).hasSize(1);
    assertThat(found(in.findings("CORE-READER-FAILED")))
        .containsExactly(
            "- ERROR CORE-READER-FAILED target broken: the scripted broken reader failed:"
                + " IllegalStateException: boom; the objects it reads are not converted.");
  }

  @Test
  void app_facts_refine_what_the_routes_say_and_conflicts_keep_the_routes() {
    assertThat(
            Assembly.refine(Affinity.clientIp(), Affinity.clientIp().timeout(Duration.ofHours(3))))
        .isEqualTo(Affinity.clientIp().timeout(Duration.ofHours(3)));
    assertThat(
            Assembly.refine(
                HealthCheck.http("/h").interval(Duration.ofSeconds(5)),
                HealthCheck.http("/h").rise(2).fall(3)))
        .isEqualTo(HealthCheck.http("/h").interval(Duration.ofSeconds(5)).rise(2).fall(3));
    assertThat(Assembly.refine(HealthCheck.http("/h"), HealthCheck.http("/other"))).isNull();
    assertThat(Assembly.refine(Affinity.cookie("a"), Affinity.cookie("b"))).isNull();
  }

  @Test
  void names_are_made_valid() {
    assertThat(Assembly.validName("Chat.App_1")).isEqualTo("chat-app-1");
    assertThat(Assembly.validName("--x--")).isEqualTo("x");
    assertThat(Assembly.validName("...")).isEqualTo("app");
    assertThat(Assembly.validName("a".repeat(60) + "-b")).hasSize(47);
  }

  @Test
  void facts_need_a_key() {
    Manifest m = Manifests.parse(OBJECTS, "x.yaml").objects().get(0);
    assertThatThrownBy(() -> ServedApp.builder(StandInReader.target(), m).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("app facts need a key: call ownService(...), app(...) or tlsSecret(...)");
    assertThat(Import.with(StandInReader.target()))
        .hasToString("Import.Options[readers=[test-reader]]");
    assertThat(
            ServedApp.builder(StandInReader.target(), m)
                .ownService("", "chat")
                .labels(Map.of())
                .build()
                .ownService())
        .contains("chat");
  }
}
