package dev.wsingress.istio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.Affinity;
import dev.wsingress.Doctor;
import dev.wsingress.Finding;
import dev.wsingress.Manifests;
import dev.wsingress.Rendering;
import dev.wsingress.Report;
import dev.wsingress.Route;
import dev.wsingress.ServedRoute;
import dev.wsingress.Setting;
import dev.wsingress.Severity;
import dev.wsingress.Targets;
import dev.wsingress.Tls;
import dev.wsingress.WebSocketApp;
import dev.wsingress.platform.Platform;
import dev.wsingress.testing.Fixtures;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Istio doctor's rules: each with a failing and a passing fixture of our own under doctor/,
 * exact code, severity, line and column; every message exactly; upstream-style manifests clean.
 */
class IstioDoctorTest {

  static Manifests fixture(String name) {
    return Fixtures.read(IstioDoctorTest.class, "doctor/" + name + ".yaml");
  }

  static Report check(String name, String version) {
    return Doctor.with(Istio.target().version(version)).check(fixture(name));
  }

  /** The Istio findings as {@code SEVERITY CODE line:column}, in report order. */
  static List<String> istio(Report r) {
    return r.findings().stream()
        .filter(f -> f.code().startsWith("ISTIO-"))
        .map(
            f ->
                f.severity()
                    + " "
                    + f.code()
                    + " "
                    + f.source().map(s -> s.line() + ":" + s.column()).orElse("-"))
        .toList();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "api-version, 1.30, INFO ISTIO-API-VERSION 17:1",
    "client-ip-peer, 1.30, WARNING ISTIO-CLIENT-IP-PEER 49:9",
    "consecutive-errors, 1.30, WARNING ISTIO-CONSECUTIVE-ERRORS 48:7",
    "cookie-attributes-release, 1.27, WARNING ISTIO-COOKIE-ATTRIBUTES-RELEASE 52:11",
    "cookie-no-ttl, 1.30, WARNING ISTIO-COOKIE-NO-TTL 49:9",
    "destination-host, 1.30, WARNING ISTIO-DESTINATION-HOST 35:13",
    "destination-port, 1.30, WARNING ISTIO-DESTINATION-PORT 34:11",
    "dr-credential-sidecar, 1.30, WARNING ISTIO-DR-CREDENTIAL-SIDECAR 26:7",
    "dr-duplicate-host, 1.30, INFO ISTIO-DR-DUPLICATE-HOST 56:3",
    "duration-refused, 1.30, ERROR ISTIO-DURATION-REFUSED 38:7",
    "gateway-host-mismatch, 1.30, WARNING ISTIO-GATEWAY-HOST-MISMATCH 26:7",
    "gateway-not-in-input, 1.30, INFO ISTIO-GATEWAY-NOT-IN-INPUT 10:7",
    "h2-upgrade, 1.30, ERROR ISTIO-H2-UPGRADE 49:9",
    "ingress-class-not-in-input, 1.30, INFO ISTIO-INGRESS-CLASS-NOT-IN-INPUT 7:3",
    "ingress-default-backend, 1.30, WARNING ISTIO-INGRESS-DEFAULT-BACKEND 9:3",
    "invalid-value, 1.30, ERROR ISTIO-INVALID-VALUE 49:9;ERROR ISTIO-INVALID-VALUE 50:9",
    "least-conn, 1.30, INFO ISTIO-LEAST-CONN 48:7",
    "one-of, 1.30, ERROR ISTIO-ONE-OF 49:7",
    "outlier-5xx-default, 1.30, WARNING ISTIO-OUTLIER-5XX-DEFAULT 48:7",
    "prefix-characters, 1.30, INFO ISTIO-PREFIX-CHARACTERS 30:13",
    "rewrite-shape, 1.30, INFO ISTIO-REWRITE-SHAPE 32:9",
    "tls-no-san, 1.30, WARNING ISTIO-TLS-NO-SAN 50:7",
    "unknown-field, 1.30, ERROR ISTIO-UNKNOWN-FIELD 47:5",
    "unreachable-match, 1.30, WARNING ISTIO-UNREACHABLE-MATCH 37:11;WARNING ISTIO-UNREACHABLE-MATCH"
        + " 39:11",
    "websocket-upgrade, 1.30, WARNING ISTIO-WEBSOCKET-UPGRADE 38:7",
    "ws-connection-cap, 1.30, WARNING ISTIO-WS-CONNECTION-CAP 49:9",
    "ws-port-http2, 1.30, ERROR ISTIO-WS-PORT-HTTP2 48:7",
    "ws-port-sniffed, 1.30, INFO ISTIO-WS-PORT-SNIFFED 48:7",
    "ws-port-tcp, 1.30, WARNING ISTIO-WS-PORT-TCP 48:7",
    "ws-route-timeout, 1.30, INFO ISTIO-WS-ROUTE-TIMEOUT 38:7",
  })
  void each_rule_flags_its_failing_fixture_and_passes_the_other(
      String rule, String version, String expected) {
    assertThat(istio(check(rule + ".fail", version)))
        .containsExactlyElementsOf(Arrays.asList(expected.split(";")));
    assertThat(istio(check(rule + ".pass", version))).isEmpty();
  }

  /** One message per code, from the rule's failing fixture (the first finding of the code). */
  static final Map<String, String> MESSAGES =
      Map.ofEntries(
          Map.entry(
              "ISTIO-API-VERSION",
              "networking.istio.io/v1beta1 is served by Istio 1.30 with the same schema "
                  + "as networking.istio.io/v1 and is not deprecated there; v1, served since "
                  + "Istio 1.22, is the storage version."),
          Map.entry(
              "ISTIO-CLIENT-IP-PEER",
              "consistentHash.useSourceIp hashes the address of the gateway's "
                  + "downstream peer; behind an L7 load balancer, or through a Service with "
                  + "externalTrafficPolicy: Cluster (the gateway chart's default), that is "
                  + "the load balancer's or a node's address, which many clients share, so "
                  + "all of them hash to the same pod."),
          Map.entry(
              "ISTIO-CONSECUTIVE-ERRORS",
              "consecutiveErrors is deprecated and Istio no longer reads it: the pod is "
                  + "ejected after Envoy's default of 5 consecutive 5xx answers instead."),
          Map.entry(
              "ISTIO-COOKIE-ATTRIBUTES-RELEASE",
              "httpCookie.attributes needs Istio 1.28 or newer (reading for 1.27): the "
                  + "1.27 CRD has no such field, so the API server drops it and the cookie "
                  + "gets no Secure or SameSite."),
          Map.entry(
              "ISTIO-COOKIE-NO-TTL",
              "httpCookie chat-server has no ttl, so Envoy never sets the cookie: only "
                  + "clients that already send it are pinned, every other request is balanced "
                  + "without affinity."),
          Map.entry(
              "ISTIO-DESTINATION-HOST",
              "destination host chat.chat has a dot, so Istio takes it as a full name, "
                  + "and no Service is registered under it (Istio knows Service chat/chat as "
                  + "chat.chat.svc.cluster.local): requests get 503 unless a ServiceEntry "
                  + "defines it."),
          Map.entry(
              "ISTIO-DESTINATION-PORT",
              "the destination chat names no port and Service chat/chat has 2: Istio "
                  + "then sends to the port of the listener the request came in on (80 at the "
                  + "gateway), which the Service may not have."),
          Map.entry(
              "ISTIO-DR-CREDENTIAL-SIDECAR",
              "the sidecars that call chat.chat.svc.cluster.local (the VirtualService "
                  + "binds the mesh) ignore tls.credentialName chat-ca, as this "
                  + "DestinationRule has no workloadSelector: they originate no TLS to it "
                  + "with this rule."),
          Map.entry(
              "ISTIO-DR-DUPLICATE-HOST",
              "another DestinationRule for chat.chat.svc.cluster.local in this "
                  + "namespace (DestinationRule chat/chat, "
                  + "doctor/dr-duplicate-host.fail.yaml:39:1) has a top-level trafficPolicy "
                  + "too: Istio merges the two, keeps the traffic policy of the older one and "
                  + "adds only the other's subsets (istio/istio 1.30.3 "
                  + "pilot/pkg/model/destination_rule.go mergeDestinationRule)."),
          Map.entry(
              "ISTIO-DURATION-REFUSED",
              "spec.http[0].timeout is 0s: the CRD's rule \"must be a valid duration "
                  + "greater than 1ms\" (Istio 1.23 and newer) makes the API server refuse "
                  + "the VirtualService; leaving timeout out is what disables it (Istio's "
                  + "default route timeout is none)."),
          Map.entry(
              "ISTIO-GATEWAY-HOST-MISMATCH",
              "no HTTP server of the Gateway istio-system/public "
                  + "(doctor/gateway-host-mismatch.fail.yaml:1:1) serves a host of the "
                  + "VirtualService (chat.example.org), so the gateway serves none of its "
                  + "routes (istio/istio "
                  + "pkg/config/analysis/analyzers/virtualservice/gateways.go reports the "
                  + "same as IST0132)."),
          Map.entry(
              "ISTIO-GATEWAY-NOT-IN-INPUT",
              "the Gateway istio-system/shared-gateway is not in the input; its hosts, "
                  + "ports and TLS are not checked, and the routes are read as if it served "
                  + "every host of the VirtualService."),
          Map.entry(
              "ISTIO-H2-UPGRADE",
              "h2UpgradePolicy: UPGRADE makes the hop to the pods HTTP/2 for the "
                  + "WebSocket route \"/ws\": the upgrade then goes out as an extended "
                  + "CONNECT (RFC 8441), which the pod's sidecar refuses (Istio enables "
                  + "allow_connect only on waypoints), so the handshake fails."),
          Map.entry(
              "ISTIO-INGRESS-CLASS-NOT-IN-INPUT",
              "the IngressClass istio is not in the input: Istio serves this Ingress "
                  + "only if it exists with spec.controller: istio.io/ingress-controller "
                  + "(Istio's installation creates none; without it the default STRICT mode "
                  + "serves no Ingress by class name), and it is read as if it does."),
          Map.entry(
              "ISTIO-INGRESS-DEFAULT-BACKEND",
              "Istio ignores spec.defaultBackend (istio/istio 1.30.3 "
                  + "pilot/pkg/config/kube/ingress/ingress.go: \"Ignore default wildcard "
                  + "ingress\"): requests that match no rule get 404."),
          Map.entry(
              "ISTIO-INVALID-VALUE",
              "spec.trafficPolicy.connectionPool.http.h2UpgradePolicy is "
                  + "\"DONT_UPGRADE\", which is none of DEFAULT, DO_NOT_UPGRADE, UPGRADE; the "
                  + "API server refuses the DestinationRule."),
          Map.entry(
              "ISTIO-LEAST-CONN",
              "LEAST_CONN is deprecated (istio/api destination_rule.proto: \"Use "
                  + "LEAST_REQUEST instead\"); Istio balances it as LEAST_REQUEST."),
          Map.entry(
              "ISTIO-ONE-OF",
              "spec.trafficPolicy.loadBalancer sets simple and consistentHash, of which "
                  + "the CRD accepts only one (oneOf); the API server refuses the "
                  + "DestinationRule. simple picks a balancing algorithm and consistentHash "
                  + "is the affinity hash: for sticky sessions keep consistentHash."),
          Map.entry(
              "ISTIO-OUTLIER-5XX-DEFAULT",
              "consecutiveGatewayErrors 5 has no effect: without consecutive5xxErrors "
                  + "its default of 5 applies, and 5 consecutive 5xx answers (gateway errors "
                  + "included) eject the pod first."),
          Map.entry(
              "ISTIO-PREFIX-CHARACTERS",
              "prefix /ws compares characters, so the WebSocket route also takes /wsx "
                  + "and /ws-other, not only /ws and the paths below /ws/."),
          Map.entry(
              "ISTIO-REWRITE-SHAPE",
              "rewrite.uriRegexRewrite rewrites with a regex (Envoy's regex_rewrite), "
                  + "which is no prefix rewrite: the route is read without one."),
          Map.entry(
              "ISTIO-TLS-NO-SAN",
              "tls SIMPLE sets sni chat.chat.svc.cluster.local without subjectAltNames: "
                  + "Istio then validates no name, so any certificate the CA signed is "
                  + "accepted for this backend."),
          Map.entry(
              "ISTIO-UNKNOWN-FIELD",
              "spec.trafficPolicy.circuitBreaker is not a field of the DestinationRule "
                  + "CRD: the API server drops it (kubectl apply refuses it); Istio's circuit "
                  + "breaking is trafficPolicy.connectionPool (limits) and outlierDetection "
                  + "(ejection)."),
          Map.entry(
              "ISTIO-UNREACHABLE-MATCH",
              "spec.http[1].match[0] (exact /ws) is never used: spec.http[0].match[0] "
                  + "(prefix /) (doctor/unreachable-match.fail.yaml:29:11) comes first and "
                  + "takes every request it would match (Istio uses the first match, and "
                  + "nothing after a catch-all)."),
          Map.entry(
              "ISTIO-WEBSOCKET-UPGRADE",
              "spec.http[0].websocketUpgrade does not exist (istio/api reserves the "
                  + "removed field websocket_upgrade): the API server drops it, kubectl apply "
                  + "refuses it, and Istio forwards WebSocket upgrades on every HTTP route "
                  + "anyway."),
          Map.entry(
              "ISTIO-WS-CONNECTION-CAP",
              "tcp.maxConnections 100 caps what each proxy sends to this host, and "
                  + "every open WebSocket of the route \"/ws\" holds one upstream connection "
                  + "for its whole life: beyond 100 open sockets per proxy, new handshakes "
                  + "get 503 (circuit breaker overflow)."),
          Map.entry(
              "ISTIO-WS-PORT-HTTP2",
              "port 8080 (name \"grpc-ws\") is GRPC to Istio, and the WebSocket route "
                  + "\"/ws\" goes to it: the gateway and sidecars speak HTTP/2 to the pod "
                  + "(istio/istio cluster_builder.go setUpstreamProtocol), so the upgrade "
                  + "goes out as an extended CONNECT (RFC 8441), which the pod's sidecar "
                  + "refuses and few applications accept."),
          Map.entry(
              "ISTIO-WS-PORT-SNIFFED",
              "port 8080 (name \"websocket\") has no protocol Istio knows, so the "
                  + "sidecars sniff it (istio/istio pkg/config/kube/conversion.go: "
                  + "unsupported is sniffed): the HTTP/1.1 upgrade of the WebSocket route "
                  + "\"/ws\" is detected as HTTP and works, as long as sniffing stays on."),
          Map.entry(
              "ISTIO-WS-PORT-TCP",
              "port 8080 (name \"tcp-ws\") is TCP to Istio, and the WebSocket route "
                  + "\"/ws\" goes to it: the pod's sidecar passes it as opaque TCP (no HTTP "
                  + "routing, retries or metrics on that hop) and closes a connection silent "
                  + "for 1 h (Envoy's tcp_proxy idle timeout), and in-mesh callers get no "
                  + "HTTP routes for it."),
          Map.entry(
              "ISTIO-WS-ROUTE-TIMEOUT",
              "timeout 3600s on the WebSocket route \"/ws\" is no idle timeout and does not end"
                  + " an open WebSocket: Envoy starts the route timeout when the request has ended,"
                  + " which an upgraded request does not while the socket is open (newer Envoy also"
                  + " times the handshake and turns the timeout off at the 101); it limits only"
                  + " plain HTTP requests on the route."));

  static final List<String> RULES =
      List.of(
          "api-version",
          "client-ip-peer",
          "consecutive-errors",
          "cookie-attributes-release",
          "cookie-no-ttl",
          "destination-host",
          "destination-port",
          "dr-credential-sidecar",
          "dr-duplicate-host",
          "duration-refused",
          "gateway-host-mismatch",
          "gateway-not-in-input",
          "h2-upgrade",
          "ingress-class-not-in-input",
          "ingress-default-backend",
          "invalid-value",
          "least-conn",
          "one-of",
          "outlier-5xx-default",
          "prefix-characters",
          "rewrite-shape",
          "tls-no-san",
          "unknown-field",
          "unreachable-match",
          "websocket-upgrade",
          "ws-connection-cap",
          "ws-port-http2",
          "ws-port-sniffed",
          "ws-port-tcp",
          "ws-route-timeout");

  @Test
  void every_doctor_code_has_its_message_asserted_exactly() {
    Map<String, String> found = new TreeMap<>();
    for (String rule : RULES) {
      Report r = check(rule + ".fail", rule.equals("cookie-attributes-release") ? "1.27" : "1.30");
      for (Finding f : r.findings()) {
        if (f.code().startsWith("ISTIO-")) {
          found.putIfAbsent(f.code(), f.message());
        }
      }
    }
    assertThat(found).containsExactlyInAnyOrderEntriesOf(MESSAGES);
  }

  /** A route as {@code host path MATCH -> backends | ws: reason | setting=value (origin) ...}. */
  static String describe(ServedRoute r) {
    StringBuilder b = new StringBuilder();
    b.append(r.hostMatch() == ServedRoute.HostMatch.ANY ? "*" : r.host())
        .append(' ')
        .append(r.path())
        .append(' ')
        .append(r.pathMatch())
        .append(" ->");
    r.backends().forEach(x -> b.append(' ').append(x.describe()));
    b.append(" | ").append(r.webSocketReason().orElse("HTTP"));
    r.affinity().ifPresent(a -> b.append(" | affinity ").append(a.describe()));
    r.tls()
        .ifPresent(
            t ->
                b.append(" | tls ")
                    .append(t.describe())
                    .append(t.value().redirect() ? " redirect" : ""));
    r.connectTimeout().ifPresent(t -> b.append(" | connect ").append(t.describe()));
    r.requestTimeout().ifPresent(t -> b.append(" | request ").append(t.describe()));
    r.rewrite().ifPresent(t -> b.append(" | rewrite ").append(t.describe()));
    r.cors().ifPresent(t -> b.append(" | cors ").append(t.value().origins()));
    r.backendProtocol()
        .filter(p -> p.origin() == Setting.Origin.ROUTE)
        .ifPresent(p -> b.append(" | backend ").append(p.describe()));
    return b.toString();
  }

  static final String MESH_CT =
      "10 s (controller default: istio/istio 1.30.3 pkg/config/mesh/mesh.go DefaultMeshConfig"
          + " (ConnectTimeout 10s))";
  static final String NO_RT =
      "no timeout (controller default: " + RouteRules.ROUTE_TIMEOUT_DEFAULT + ")";

  @Test
  void the_seed_as_written_is_refused_twice_and_would_break_the_socket() {
    Report r = Doctor.with(Istio.target()).check(fixture("seed-as-written"));
    assertThat(r.findings())
        .extracting(f -> f.severity() + " " + f.code() + " " + f.source().orElseThrow().line())
        .containsExactly(
            "INFO ISTIO-API-VERSION 2",
            "INFO ISTIO-API-VERSION 21",
            "INFO ISTIO-PREFIX-CHARACTERS 34",
            "ERROR ISTIO-DURATION-REFUSED 40",
            "WARNING ISTIO-WEBSOCKET-UPGRADE 41",
            "INFO ISTIO-API-VERSION 43",
            "WARNING ISTIO-WS-CONNECTION-CAP 53",
            "WARNING ISTIO-WS-CONNECTION-CAP 56",
            "ERROR ISTIO-H2-UPGRADE 58",
            "ERROR ISTIO-ONE-OF 61",
            "WARNING ISTIO-CONSECUTIVE-ERRORS 66");
    assertThat(r.routes())
        .extracting(IstioDoctorTest::describe)
        .containsExactly(
            "ws.example.com /ws CHARACTER_PREFIX -> Service default/websocket-service port 8080"
                + " | the path \"/ws\" has the WebSocket path segment /ws"
                + " | affinity cookie \"session-affinity\" (doctor/seed-as-written.yaml:62:9)"
                + " | tls TLS with Secret \"websocket-tls\" (doctor/seed-as-written.yaml:17:9)"
                + " | connect "
                + MESH_CT
                + " | request no timeout (doctor/seed-as-written.yaml:40:7)");
    ServedRoute route = r.routes().get(0);
    assertThat(route.targetId()).isEqualTo("istio");
    assertThat(route.idleTimeout().orElseThrow().describe())
        .isEqualTo("no timeout (controller default: " + RouteRules.STREAM_IDLE_DEFAULT + ")");
    assertThat(route.upgrade().orElseThrow().value()).isTrue();
    assertThat(route.responseBuffering().orElseThrow().value()).isFalse();
  }

  @Test
  void every_match_of_every_binding_is_a_route_with_its_destinations_settings() {
    Report r = Doctor.with(Istio.target()).check(fixture("routes"));
    String io =
        " | the match requires the header upgrade: websocket (doctor/routes.yaml:46:13)"
            + " | affinity cookie \"io\" (doctor/routes.yaml:115:13)";
    String tls = " | tls TLS with Secret \"chat-example-com\" (doctor/routes.yaml:27:9) redirect";
    String api = " -> Service chat/chat-api port 80 Service chat/chat-api-canary port 80 | HTTP";
    String apiSettings =
        " | connect "
            + MESH_CT
            + " | request 15 s (doctor/routes.yaml:79:7)"
            + " | cors [https://app.example.com, https://*.example.com]";
    assertThat(r.routes())
        .extracting(IstioDoctorTest::describe)
        .containsExactly(
            "chat.example.com /socket.io/ CHARACTER_PREFIX -> Service chat/chat port 8080"
                + io
                + tls
                + " | connect "
                + MESH_CT
                + " | request "
                + NO_RT,
            "chat.example.com /rooms/[0-9]+/live REGEX -> Service chat/chat port 8080 | HTTP"
                + tls
                // portLevelSettings for 8080 replace the top-level policy as a whole: the
                // connectTimeout of 5s does not reach this port (GetPortLevelTrafficPolicy).
                + " | connect "
                + MESH_CT
                + " | request "
                + NO_RT,
            "chat.example.com \\Q/api\\E.* REGEX" + api + tls + apiSettings,
            "chat.example.com /socket.io/ CHARACTER_PREFIX -> Service chat/chat port 8080"
                + io
                + " | connect "
                + MESH_CT
                + " | request "
                + NO_RT,
            "chat.chat.svc.cluster.local /socket.io/ CHARACTER_PREFIX -> Service chat/chat port"
                + " 8080"
                + io
                + " | connect "
                + MESH_CT
                + " | request "
                + NO_RT,
            "chat.example.com \\Q/api\\E.* REGEX" + api + apiSettings,
            "chat.chat.svc.cluster.local \\Q/api\\E.* REGEX" + api + apiSettings);
    // The regex match names the gateway only, so the sidecars get no route for it; the
    // ignoreUriCase
    // prefix matches /API too; the socket.io route wins for its paths.
    assertThat(r.routes("chat.example.com", "/API/rooms").get(0).path()).isEqualTo("\\Q/api\\E.*");
    assertThat(r.routes("chat.example.com", "/rooms/12/live").get(0).pathMatch())
        .isEqualTo(ServedRoute.PathMatch.REGEX);
    assertThat(r.routes("chat.chat.svc.cluster.local", "/rooms/12/live")).isEmpty();
    // A Gateway wsingress did not render for the app is one it attaches to.
    assertThat(r.routes().get(0).target().toString())
        .isEqualTo("Istio[version=1.30, gateway=istio-system/edge]");
    assertThat(r.findings())
        .extracting(Finding::code)
        .containsExactly("CORE-BACKEND-NOT-IN-INPUT", "CORE-BACKEND-NOT-IN-INPUT");
  }

  @Test
  void istio_serves_ingresses_by_its_annotation_or_its_ingress_class_only() {
    Report r = Doctor.with(Istio.target()).check(fixture("ingress"));
    assertThat(r.findings()).isEmpty();
    assertThat(r.routes())
        .extracting(x -> x.object().name() + " " + describe(x))
        .containsExactly(
            "by-annotation chat.example.com /ws PREFIX -> Service chat/chat port \"http-ws\""
                + " | Service chat/chat port \"http-ws\" has appProtocol kubernetes.io/ws"
                + " | tls TLS with Secret \"chat-tls\" (doctor/ingress.yaml:28:7)"
                + " | connect "
                + MESH_CT
                + " | request "
                + NO_RT,
            "by-annotation chat.example.com /health EXACT -> Service chat/chat port 8080"
                + " | Service chat/chat port 8080 has appProtocol kubernetes.io/ws"
                + " | tls TLS with Secret \"chat-tls\" (doctor/ingress.yaml:28:7)"
                + " | connect "
                + MESH_CT
                + " | request "
                + NO_RT,
            "by-class * /legacy PREFIX -> Service chat/chat port 8080"
                + " | Service chat/chat port 8080 has appProtocol kubernetes.io/ws"
                + " | connect "
                + MESH_CT
                + " | request "
                + NO_RT);
    assertThat(r.routes("any.example.com", "/legacy/x")).hasSize(1);
    assertThat(r.routes("any.example.com", "/legacyx")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "upstream-ingress-gateway",
        "upstream-secure-gateway",
        "upstream-websocket",
        "upstream-kubernetes-ingress",
        "upstream-subsets"
      })
  void upstream_style_manifests_are_clean(String name) {
    Report r = Doctor.check(fixture(name));
    assertThat(r.findings()).isEmpty();
    assertThat(r.routes()).isNotEmpty().allMatch(x -> x.targetId().equals("istio"));
  }

  @Test
  void the_websocket_service_of_the_upstream_style_app_is_read_with_its_affinity() {
    Report r = Doctor.check(fixture("upstream-websocket"));
    assertThat(r.routes("live.example.com", "/socket/room-1"))
        .first()
        .satisfies(
            x -> {
              assertThat(x.pathMatch()).isEqualTo(ServedRoute.PathMatch.PREFIX);
              assertThat(x.webSocketReason())
                  .contains(
                      "the DestinationRule raises connectionPool.http.idleTimeout to 3600s"
                          + " (doctor/upstream-websocket.yaml:62:9)");
              assertThat(x.affinity().orElseThrow().value())
                  .isEqualTo(Affinity.cookie("live-session"));
            });
    assertThat(r.routes("live.example.com", "/socketx"))
        .singleElement()
        .satisfies(x -> assertThat(x.isWebSocket()).isFalse());
  }

  @Test
  void cookie_attributes_are_judged_for_the_release_the_target_names() {
    assertThat(istio(check("cookie-attributes-release.fail", "1.28"))).isEmpty();
    assertThat(istio(check("cookie-attributes-release.fail", "1.30"))).isEmpty();
    assertThat(istio(check("cookie-attributes-release.fail", "1.24")))
        .containsExactly("WARNING ISTIO-COOKIE-ATTRIBUTES-RELEASE 52:11");
  }

  @Test
  void plain_http_routes_get_no_websocket_findings() {
    for (String rule : List.of("ws-route-timeout.pass", "ws-connection-cap.pass")) {
      Report r = check(rule, "1.30");
      assertThat(r.findings()).isEmpty();
      assertThat(r.routes("chat.example.com", "/api/v1"))
          .singleElement()
          .satisfies(x -> assertThat(x.isWebSocket()).isFalse());
    }
  }

  @Test
  void a_gateway_not_in_the_input_is_info_and_the_routes_name_it() {
    Report r = check("gateway-not-in-input.fail", "1.30");
    assertThat(r.count(Severity.WARNING) + r.count(Severity.ERROR)).isZero();
    assertThat(r.routes())
        .extracting(x -> x.target().toString())
        .containsOnly("Istio[version=1.30, gateway=istio-system/shared-gateway]");
  }

  @Test
  void shapes_no_api_server_accepts_are_reported_and_never_break_the_reader() {
    Report r = Doctor.with(Istio.target()).check(fixture("hostile"));
    assertThat(r.findings()).extracting(Finding::code).doesNotContain("CORE-READER-FAILED");
    assertThat(r.findings())
        .extracting(f -> f.code() + " " + f.source().orElseThrow().line())
        .containsExactly(
            "ISTIO-INVALID-VALUE 8",
            "ISTIO-INVALID-VALUE 10",
            "ISTIO-INVALID-VALUE 14",
            "ISTIO-INVALID-VALUE 15",
            "ISTIO-INVALID-VALUE 16",
            "ISTIO-INVALID-VALUE 18",
            "ISTIO-INVALID-VALUE 20",
            "ISTIO-INVALID-VALUE 39",
            "ISTIO-INVALID-VALUE 44",
            "ISTIO-INVALID-VALUE 52",
            "ISTIO-INVALID-VALUE 61",
            "ISTIO-INVALID-VALUE 64",
            "ISTIO-INVALID-VALUE 66",
            "ISTIO-INVALID-VALUE 72",
            "ISTIO-INVALID-VALUE 81",
            "ISTIO-INVALID-VALUE 82",
            "ISTIO-INVALID-VALUE 86");
    // A regex Java cannot compile claims no route; what can be read is read.
    assertThat(r.routes())
        .extracting(ServedRoute::toString)
        .containsExactly("istio */x (EXACT), HTTP", "istio */ (PREFIX), HTTP");
  }

  @Test
  void our_own_rendering_reads_back_as_the_routes_it_was_rendered_from() {
    WebSocketApp app =
        WebSocketApp.on("chat.example.com")
            .name("chat")
            .namespace("default")
            .path("/ws")
            .service("chat-ws", 8080)
            .timeout(Duration.ofSeconds(3600))
            .connectTimeout(Duration.ofSeconds(5))
            .stickySessions(Affinity.cookie("chat-server").maxAge(Duration.ofHours(2)))
            .tls(Tls.secret("chat-tls"))
            .route(Route.http("/api").to("chat-api", 80).requestTimeout(Duration.ofSeconds(30)))
            .route(Route.websocket("/notify").to("notify", 8080).rewriteTo("/ws"))
            .route(Route.http("/").to("frontend", 80))
            .build();
    Rendering rendered = Targets.render(app, Istio.target(), Platform.target());
    Report r = Doctor.with(Istio.target()).check(Manifests.parse(rendered.toYaml(), "r.yaml"));
    assertThat(r.routes())
        .extracting(
            x ->
                x.path()
                    + " "
                    + x.pathMatch()
                    + " "
                    + x.backends().get(0).describe()
                    + " ws="
                    + x.isWebSocket()
                    + " affinity="
                    + x.affinity()
                        .map(a -> ((dev.wsingress.CookieAffinity) a.value()).name())
                        .orElse("-")
                    + " maxAge="
                    + x.affinity()
                        .map(
                            a ->
                                ((dev.wsingress.CookieAffinity) a.value())
                                    .maxAge()
                                    .map(Duration::toString)
                                    .orElse("-"))
                        .orElse("-")
                    + " connect="
                    + x.connectTimeout().orElseThrow().value()
                    + " request="
                    + x.requestTimeout().orElseThrow().value()
                    + " rewrite="
                    + x.rewrite().map(Setting::value).orElse("-")
                    + " tls="
                    + x.tls()
                        .map(
                            t -> t.value().secretName() + (t.value().redirect() ? "+redirect" : ""))
                        .orElse("-"))
        .containsExactly(
            "/notify PREFIX Service default/notify port 8080 ws=true affinity=chat-server"
                + " maxAge=PT2H connect=PT5S request=PT0S rewrite=/ws tls=chat-tls+redirect",
            "/api PREFIX Service default/chat-api port 80 ws=false affinity=- maxAge=-"
                + " connect=PT10S request=PT30S rewrite=- tls=chat-tls+redirect",
            "/ws PREFIX Service default/chat-ws port 8080 ws=true affinity=chat-server maxAge=PT2H"
                + " connect=PT5S request=PT0S rewrite=- tls=chat-tls+redirect",
            "/ CHARACTER_PREFIX Service default/frontend port 80 ws=false affinity=- maxAge=-"
                + " connect=PT10S request=PT0S rewrite=- tls=chat-tls+redirect");
  }
}
