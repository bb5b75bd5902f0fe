package dev.wsingress.gatewayapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.Doctor;
import dev.wsingress.Finding;
import dev.wsingress.Manifests;
import dev.wsingress.Report;
import dev.wsingress.Severity;
import dev.wsingress.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The Gateway API doctor rules, each with a failing and a passing fixture under doctor/. */
class GatewayApiDoctorTest {

  static Manifests fixture(String name) {
    return Fixtures.read(GatewayApiDoctorTest.class, "doctor/" + name + ".yaml");
  }

  static Report check(String name) {
    return Doctor.with(GatewayApi.target()).check(fixture(name));
  }

  /** Each finding as {@code SEVERITY CODE line:column}. */
  static List<String> found(Report r) {
    return r.findings().stream()
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
    "v1beta1, WARNING GATEWAYAPI-V1BETA1 20:1",
    "backend-tls-policy-v1alpha3, WARNING GATEWAYAPI-BACKEND-TLS-POLICY-V1ALPHA3 53:1",
    "backend-port-missing, ERROR GATEWAYAPI-BACKEND-PORT-MISSING 36:11",
    "backend-port-unknown, ERROR CORE-BACKEND-PORT-UNKNOWN 36:11",
    "no-parent, INFO GATEWAYAPI-NO-PARENT 25:1",
    "parent-not-in-input, INFO GATEWAYAPI-PARENT-NOT-IN-INPUT 8:7",
    "route-not-accepted, ERROR GATEWAYAPI-ROUTE-NOT-ACCEPTED 16:7",
    "implementation-unknown, INFO GATEWAYAPI-IMPLEMENTATION-UNKNOWN 7:3",
    "ws-no-app-protocol, INFO GATEWAYAPI-WS-NO-APP-PROTOCOL 36:11",
    "wss-no-backend-tls, WARNING GATEWAYAPI-WSS-NO-BACKEND-TLS 36:11",
    "request-timeout, WARNING GATEWAYAPI-REQUEST-TIMEOUT 39:9",
    "cors-invalid, ERROR GATEWAYAPI-CORS-INVALID 40:11",
    "duration-invalid, ERROR GATEWAYAPI-DURATION-INVALID 39:9",
    "regex-unreadable, INFO GATEWAYAPI-REGEX-UNREADABLE 34:13",
    "rewrite-not-prefix, INFO GATEWAYAPI-REWRITE-NOT-PREFIX 41:13",
    "envoy-stream-idle-default, WARNING GATEWAYAPI-ENVOY-STREAM-IDLE-DEFAULT 31:7",
    "envoy-request-timeout, INFO GATEWAYAPI-ENVOY-REQUEST-TIMEOUT 39:9",
    "envoy-max-stream-duration, WARNING GATEWAYAPI-ENVOY-MAX-STREAM-DURATION 66:7",
    "envoy-max-stream-duration-listener, WARNING GATEWAYAPI-ENVOY-MAX-STREAM-DURATION 69:7",
    "envoy-upgrade-disabled, ERROR GATEWAYAPI-ENVOY-UPGRADE-DISABLED 66:3",
    "envoy-cookie-no-ttl, WARNING GATEWAYAPI-ENVOY-COOKIE-NO-TTL 70:7",
  })
  void each_rule_flags_its_failing_fixture_and_passes_the_other(String rule, String expected) {
    assertThat(found(check(rule + ".fail"))).containsExactly(expected);
    assertThat(found(check(rule + ".pass"))).isEmpty();
  }

  @Test
  void session_persistence_rules_flag_header_persistence_and_the_channel() {
    assertThat(found(check("session-header.fail")))
        .containsExactly(
            "WARNING GATEWAYAPI-SESSION-HEADER 38:7",
            "INFO GATEWAYAPI-SESSION-PERSISTENCE-CHANNEL 38:7");
    // cookie persistence is affinity (read as such), but only with the experimental CRD
    assertThat(found(check("session-header.pass")))
        .containsExactly("INFO GATEWAYAPI-SESSION-PERSISTENCE-CHANNEL 38:7");
    assertThat(found(check("session-persistence-channel.fail")))
        .containsExactly("INFO GATEWAYAPI-SESSION-PERSISTENCE-CHANNEL 38:7");
    assertThat(found(check("session-persistence-channel.pass"))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "route-not-accepted-section, ERROR GATEWAYAPI-ROUTE-NOT-ACCEPTED 27:7",
    "route-not-accepted-hostname, ERROR GATEWAYAPI-ROUTE-NOT-ACCEPTED 16:7",
    "envoy-upgrade-disabled-list, ERROR GATEWAYAPI-ENVOY-UPGRADE-DISABLED 66:3",
  })
  void other_shapes_of_a_rule(String fixture, String expected) {
    assertThat(found(check(fixture + ".fail"))).containsExactly(expected);
  }

  @Test
  void a_rule_targeted_by_name_gets_its_policy() {
    assertThat(found(check("envoy-stream-idle-default-rule.pass"))).isEmpty();
  }

  static Stream<Arguments> messages() {
    return Map.ofEntries(
            Map.entry(
                "v1beta1.fail",
                "HTTPRoute gateway.networking.k8s.io/v1beta1 is a beta version the Gateway API is"
                    + " phasing out; HTTPRoute is GA as gateway.networking.k8s.io/v1 since Gateway"
                    + " API v1.0, with the same fields."),
            Map.entry(
                "backend-tls-policy-v1alpha3.fail",
                "BackendTLSPolicy gateway.networking.k8s.io/v1alpha3 is deprecated: the"
                    + " standard-channel CRDs do not serve it from Gateway API v1.4 (only the"
                    + " experimental ones do), so the API server refuses it there; BackendTLSPolicy"
                    + " is gateway.networking.k8s.io/v1 since v1.4."),
            Map.entry(
                "backend-port-missing.fail",
                "the backendRef to Service chat has no port, which a Service reference needs: the"
                    + " API server refuses the route."),
            Map.entry("no-parent.fail", "the route has no parentRefs, so no Gateway serves it."),
            Map.entry(
                "parent-not-in-input.fail",
                "Gateway default/public is not in the input: its listeners (hostnames,"
                    + " allowedRoutes, TLS) are not checked, and the implementation serving the"
                    + " route is unknown, so only the Gateway API's own rules apply."),
            Map.entry(
                "route-not-accepted.fail",
                "the parentRef to Gateway infra/edge is not accepted: the listener \"http\" of"
                    + " Gateway infra/edge admits routes from its own namespace infra only"
                    + " (allowedRoutes.namespaces.from: Same, the default), not from chat; the"
                    + " Gateway does not serve this route."),
            Map.entry(
                "route-not-accepted-section.fail",
                "the parentRef to Gateway default/edge is not accepted: Gateway default/edge has no"
                    + " listener named \"https\" (its listeners: \"http\" port 80); the Gateway"
                    + " does not serve this route."),
            Map.entry(
                "route-not-accepted-hostname.fail",
                "the parentRef to Gateway default/edge is not accepted: the listener \"http\" of"
                    + " Gateway default/edge has hostname *.example.net, which none of the route's"
                    + " hostnames matches; the Gateway does not serve this route."),
            Map.entry(
                "implementation-unknown.fail",
                "GatewayClass eg is not in the input, so the implementation serving Gateway"
                    + " default/eg is unknown and its routes are checked against the Gateway API's"
                    + " own rules only."),
            Map.entry(
                "ws-no-app-protocol.fail",
                "Service default/chat port 8080 carries the WebSocket route \"/ws\" and has no"
                    + " appProtocol: implementations SHOULD honour a Service port's appProtocol"
                    + " kubernetes.io/ws (GEP-1911); without it the backend protocol is theirs to"
                    + " infer (its absence does not disable upgrades)."),
            Map.entry(
                "wss-no-backend-tls.fail",
                "Service default/chat port 8443 has appProtocol kubernetes.io/wss and no"
                    + " BackendTLSPolicy in the input targets it: GEP-1911 supports wss with an"
                    + " HTTPRoute only with one, and a backend the route cannot reach with its"
                    + " protocol is invalid (ResolvedRefs False, UnsupportedProtocol)."),
            Map.entry(
                "request-timeout.fail",
                "timeouts.request 1h is set on the WebSocket route \"/ws\" (Service default/chat"
                    + " port 8080 has appProtocol kubernetes.io/ws): the Gateway API leaves it to"
                    + " the implementation whether this deadline covers an upgraded connection"
                    + " (\"as close to the whole request-response transaction as possible\"), and"
                    + " one that applies it ends every WebSocket 1h after the handshake, however"
                    + " active."),
            Map.entry(
                "session-header.fail",
                "sessionPersistence type Header (X-Chat-Session) on the WebSocket route \"/ws\""
                    + " (Service default/chat port 8080 has appProtocol kubernetes.io/ws) pins a"
                    + " session only when the client sends back the header value the gateway or"
                    + " backend gave it (GEP-1619): it is not a hash of a header the client picks,"
                    + " and a browser's WebSocket handshake cannot carry custom headers."),
            Map.entry(
                "session-persistence-channel.fail",
                "sessionPersistence on the WebSocket route \"/ws\" (Service default/chat port 8080"
                    + " has appProtocol kubernetes.io/ws) exists only in the experimental-channel"
                    + " HTTPRoute CRD: where the standard CRD is installed the API server drops the"
                    + " field and the rule has no affinity."),
            Map.entry(
                "cors-invalid.fail",
                "the CORS filter has allowOrigins with \"*\" beside other entries, which the"
                    + " HTTPRoute CRD refuses: the API server rejects the route."),
            Map.entry(
                "duration-invalid.fail",
                "request \"1d\" is not a Gateway API duration (GEP-2257: such as 1h, 90s or"
                    + " 500ms), so the API server refuses HTTPRoute default/chat."),
            Map.entry(
                "regex-unreadable.fail",
                "the RegularExpression \"^/ws/(?P<room>[a-z]+)$\" is not one wsingress can read,"
                    + " so this match is not checked."),
            Map.entry(
                "rewrite-not-prefix.fail",
                "the URLRewrite sends every request of rules[0] to the path \"/socket\""
                    + " (ReplaceFullPath), which is not a prefix rewrite."),
            Map.entry(
                "envoy-stream-idle-default.fail",
                "the WebSocket route \"/ws\" (Service default/chat port 8080 has appProtocol"
                    + " kubernetes.io/ws) has Envoy's default stream idle timeout of 5 minutes on"
                    + " Envoy Gateway: no BackendTrafficPolicy for the route and no"
                    + " ClientTrafficPolicy for Gateway default/eg sets"
                    + " spec.timeout.http.streamIdleTimeout, and the rule has no request timeout,"
                    + " so Envoy resets every WebSocket that carries no data for 5 minutes."),
            Map.entry(
                "envoy-request-timeout.fail",
                "the request timeout 2h of the WebSocket route \"/ws\" (Service default/chat port"
                    + " 8080 has appProtocol kubernetes.io/ws) is Envoy's route timeout on Envoy"
                    + " Gateway, which Envoy applies to a WebSocket only while it waits for the"
                    + " upgrade response, not to the open socket; since no policy sets a stream"
                    + " idle timeout, Envoy Gateway also derives the route's stream idle timeout"
                    + " from it: max(1h, 2h) = 2h, instead of Envoy's default of 5 minutes."),
            Map.entry(
                "envoy-max-stream-duration.fail",
                "BackendTrafficPolicy default/chat sets spec.timeout.http.maxStreamDuration 30m for"
                    + " the WebSocket route \"/ws\" (Service default/chat port 8080 has appProtocol"
                    + " kubernetes.io/ws): Envoy resets every stream that long after it began, so"
                    + " each WebSocket ends 30m after its handshake, however active."),
            Map.entry(
                "envoy-max-stream-duration-listener.fail",
                "ClientTrafficPolicy default/eg sets"
                    + " spec.connection.connectionLimit.maxStreamDuration 30m on the listener of"
                    + " the WebSocket route \"/ws\" (Service default/chat port 8080 has appProtocol"
                    + " kubernetes.io/ws): Envoy resets every stream that long after it began, so"
                    + " each WebSocket ends 30m after its handshake, however active."),
            Map.entry(
                "envoy-upgrade-disabled.fail",
                "Envoy Gateway does not enable the WebSocket upgrade for the WebSocket route"
                    + " \"/ws\" (Service default/chat port 8080 has appProtocol kubernetes.io/ws):"
                    + " with spec.requestBuffer the route gets no upgrade configuration"
                    + " (internal/xds/translator/route.go buildUpgradeConfig: \"If requestBuffer is"
                    + " configured, return nil to disable HTTP upgrades\"), so handshakes fail."),
            Map.entry(
                "envoy-upgrade-disabled-list.fail",
                "Envoy Gateway does not enable the WebSocket upgrade for the WebSocket route"
                    + " \"/ws\" (Service default/chat port 8080 has appProtocol kubernetes.io/ws):"
                    + " spec.httpUpgrade lists the upgrades the route accepts, and websocket is not"
                    + " one of them, so handshakes fail."),
            Map.entry(
                "envoy-cookie-no-ttl.fail",
                "BackendTrafficPolicy default/chat hashes the cookie \"chat-session\" for the"
                    + " WebSocket route \"/ws\" (Service default/chat port 8080 has appProtocol"
                    + " kubernetes.io/ws) without a ttl, so Envoy sets no cookie: clients that do"
                    + " not already have it are spread over the pods as without affinity."))
        .entrySet()
        .stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messages")
  void messages_say_what_happens_and_why(String fixture, String message) {
    Finding f = check(fixture).findings().get(0);
    assertThat(f.message()).isEqualTo(message);
    assertThat(f.source().orElseThrow().file()).isEqualTo("doctor/" + fixture + ".yaml");
  }

  @Test
  void findings_are_about_the_object_a_user_can_annotate() {
    assertThat(check("implementation-unknown.fail").findings().get(0).subject())
        .isEqualTo("Gateway default/eg");
    assertThat(check("backend-tls-policy-v1alpha3.fail").findings().get(0).subject())
        .isEqualTo("BackendTLSPolicy default/chat");
    // a policy's field is reported on the route it breaks, where the route's annotation can
    // suppress it
    assertThat(check("envoy-max-stream-duration.fail").findings().get(0).subject())
        .isEqualTo("HTTPRoute default/chat");
  }

  @Test
  void the_ignore_annotation_suppresses_a_rule_on_the_route() {
    String yaml =
        read("envoy-stream-idle-default.fail")
            .replace(
                "  name: chat\n  namespace: default\nspec:\n  parentRefs:",
                "  name: chat\n  namespace: default\n  annotations:\n    wsingress.dev/ignore:"
                    + " GATEWAYAPI-ENVOY-STREAM-IDLE-DEFAULT\nspec:\n  parentRefs:");
    assertThat(yaml).contains("wsingress.dev/ignore");
    assertThat(
            Doctor.with(GatewayApi.target())
                .check(Manifests.parse(yaml, "ignored.yaml"))
                .findings())
        .isEmpty();
  }

  @Test
  void wss_without_a_policy_on_envoy_gateway_says_what_envoy_gateway_does() {
    String yaml =
        read("wss-no-backend-tls.fail")
            .replace(
                "controllerName: example.com/edge-controller",
                "controllerName: gateway.envoyproxy.io/gatewayclass-controller");
    Finding f =
        Doctor.with(GatewayApi.target()).check(Manifests.parse(yaml, "eg.yaml")).findings().stream()
            .filter(x -> x.code().equals("GATEWAYAPI-WSS-NO-BACKEND-TLS"))
            .findFirst()
            .orElseThrow();
    assertThat(f.message())
        .endsWith(
            "(ResolvedRefs False, UnsupportedProtocol); Envoy Gateway accepts the route and"
                + " connects to the pods in cleartext, which a TLS backend refuses.");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "envoy-gateway-websocket",
        "envoy-gateway-backend-tls",
        "envoy-gateway-session-persistence",
        "traefik-migration-gateway",
        "conformance-websocket",
        "ingress2gateway-envoy",
      })
  void upstream_style_manifests_raise_no_warnings(String name) {
    List<Finding> worse =
        check("upstream/" + name).findings().stream()
            .filter(f -> f.severity() != Severity.INFO)
            .toList();
    assertThat(worse).isEmpty();
  }

  @Test
  void upstream_style_manifests_get_exactly_these_notes() {
    assertThat(found(check("upstream/conformance-websocket")))
        .containsExactly("INFO GATEWAYAPI-PARENT-NOT-IN-INPUT 10:7");
    // the converter's 10 h request timeout: Envoy Gateway derives a 10 h stream idle timeout
    assertThat(found(check("upstream/ingress2gateway-envoy")))
        .containsExactly("INFO GATEWAYAPI-ENVOY-REQUEST-TIMEOUT 44:9");
    for (String clean :
        List.of(
            "envoy-gateway-websocket",
            "envoy-gateway-backend-tls",
            "envoy-gateway-session-persistence",
            "traefik-migration-gateway")) {
      assertThat(found(check("upstream/" + clean))).as(clean).isEmpty();
    }
  }

  static String read(String name) {
    String path = "doctor/" + name + ".yaml";
    try (var in = GatewayApiDoctorTest.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
