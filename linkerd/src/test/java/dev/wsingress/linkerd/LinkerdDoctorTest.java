package dev.wsingress.linkerd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.BackendProtocol;
import dev.wsingress.Doctor;
import dev.wsingress.Finding;
import dev.wsingress.Manifests;
import dev.wsingress.Rendering;
import dev.wsingress.Report;
import dev.wsingress.Route;
import dev.wsingress.Severity;
import dev.wsingress.Target;
import dev.wsingress.Targets;
import dev.wsingress.WebSocketApp;
import dev.wsingress.Workload;
import dev.wsingress.platform.Platform;
import dev.wsingress.testing.Fixtures;
import dev.wsingress.testing.StandInTarget;
import dev.wsingress.testing.TestIngress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Linkerd's reader and rules (issue 15), each with a failing and a passing fixture under doctor/,
 * read with {@link TestIngress} as the controller that routes the WebSocket traffic.
 */
class LinkerdDoctorTest {

  static Manifests fixture(String name) {
    return Fixtures.read(LinkerdDoctorTest.class, "doctor/" + name + ".yaml");
  }

  static Report check(String name, Target ingress, Target linkerd) {
    return Doctor.with(ingress, linkerd).check(fixture(name));
  }

  static Report check(String name) {
    return check(name, TestIngress.target(), Linkerd.target());
  }

  /** Linkerd's findings as {@code SEVERITY CODE line:column}. */
  static List<String> linkerd(Report r) {
    return r.findings().stream()
        .filter(f -> f.code().startsWith("LINKERD-"))
        .map(
            f ->
                f.severity()
                    + " "
                    + f.code()
                    + " "
                    + f.source().map(s -> s.line() + ":" + s.column()).orElse("-"))
        .toList();
  }

  static List<String> atLeastWarnings(Report r) {
    return r.findings().stream()
        .filter(f -> f.severity() != Severity.INFO)
        .map(Finding::toString)
        .toList();
  }

  static String message(Report r, String code) {
    List<Finding> f = r.findings(code);
    assertThat(f).as(code).hasSize(1);
    return f.get(0).message();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "deprecated-version | WARNING LINKERD-DEPRECATED-VERSION 57:1;"
            + "WARNING LINKERD-DEPRECATED-VERSION 69:1",
        "server-authorization | INFO LINKERD-SERVER-AUTHORIZATION 70:1",
        "field-pruned | ERROR LINKERD-INGRESS-LOCKED-OUT 62:1;ERROR LINKERD-FIELD-PRUNED 68:3",
        "policy-refused | ERROR LINKERD-POLICY-REFUSED 67:3;ERROR LINKERD-POLICY-REFUSED 86:3",
        "ref-not-in-input | INFO LINKERD-REF-NOT-IN-INPUT 63:3;INFO LINKERD-REF-NOT-IN-INPUT 68:7",
        "ingress-locked-out | ERROR LINKERD-INGRESS-LOCKED-OUT 62:1",
        "default-policy-deny | ERROR LINKERD-INGRESS-LOCKED-OUT 49:9",
        "ingress-unknown | INFO LINKERD-INGRESS-UNKNOWN 62:1",
        "proxy-protocol-tls | ERROR LINKERD-PROXY-PROTOCOL-TLS 69:3",
        "proxy-protocol-h2 | ERROR LINKERD-PROXY-PROTOCOL-H2 67:3",
        "opaque-http-policy | WARNING LINKERD-OPAQUE-HTTP-POLICY 67:3",
        "app-protocol-opaque | ERROR LINKERD-APP-PROTOCOL-OPAQUE 32:7",
        "proxy-port-blocked | ERROR LINKERD-PROXY-PORT-BLOCKED 106:3",
        "proxy-exits-first | WARNING LINKERD-PROXY-EXITS-FIRST 47:7",
        "inject-value | WARNING LINKERD-INJECT-VALUE 48:9",
        "annotation-ignored | WARNING LINKERD-ANNOTATION-IGNORED 26:5;"
            + "WARNING LINKERD-ANNOTATION-IGNORED 41:5",
        "annotation-unknown | WARNING LINKERD-ANNOTATION-UNKNOWN 49:9",
      })
  void each_rule_flags_its_failing_fixture_and_passes_the_other(String rule, String expected) {
    assertThat(linkerd(check(rule + ".fail"))).containsExactly(expected.trim().split(";"));
    Report pass = check(rule + ".pass");
    assertThat(linkerd(pass)).isEmpty();
    assertThat(atLeastWarnings(pass)).isEmpty();
  }

  @Test
  void deprecated_versions_name_the_release_that_deprecated_them() {
    Report r = check("deprecated-version.fail");
    assertThat(r.findings("LINKERD-DEPRECATED-VERSION"))
        .extracting(Finding::message)
        .containsExactly(
            "policy.linkerd.io/v1beta1 Server is deprecated since Linkerd 2.15 (the API server"
                + " warns on every apply; still served in 2.20, stored as v1beta3).",
            "policy.linkerd.io/v1alpha1 ServerAuthorization is deprecated since Linkerd 2.11.2"
                + " (the API server warns on every apply).");
    assertThat(message(check("server-authorization.fail"), "LINKERD-SERVER-AUTHORIZATION"))
        .isEqualTo(
            "ServerAuthorization is Linkerd's earlier form of policy: it authorizes whole Servers"
                + " only, and Linkerd's docs prefer AuthorizationPolicy (since 2.12), announcing"
                + " ServerAuthorization's deprecation.");
  }

  @Test
  void an_access_policy_on_an_older_server_is_dropped_and_the_ingress_is_locked_out() {
    Report r = check("field-pruned.fail");
    assertThat(message(r, "LINKERD-FIELD-PRUNED"))
        .isEqualTo(
            "accessPolicy: audit is not a field of policy.linkerd.io/v1beta2 Server (it came with"
                + " v1beta3 in Linkerd 2.16): the API server drops it, and the Server denies every"
                + " client no authorization names.");
    assertThat(message(r, "LINKERD-INGRESS-LOCKED-OUT"))
        .isEqualTo(
            "Server chat/chat selects the pods of Deployment chat/chat on port 8080 (accessPolicy"
                + " deny), and nothing in the input authorizes test-ingress (ServiceAccount"
                + " ingress-test/ingress-test), which sends the WebSocket route"
                + " chat.example.com/ws (doctor/field-pruned.fail.yaml:12:13) there: no"
                + " authorization names the Server. The proxy refuses the controller's WebSocket"
                + " handshakes (HTTP 403).");
  }

  @Test
  void what_the_admission_webhook_refuses_and_what_is_not_in_the_input() {
    assertThat(check("policy-refused.fail").findings("LINKERD-POLICY-REFUSED"))
        .extracting(Finding::message)
        .containsExactly(
            "proxyProtocol \"HTTP/1.1\" is not one of unknown, HTTP/1, HTTP/2, gRPC, opaque, TLS:"
                + " Linkerd's admission webhook refuses the Server.",
            "the targetRef Service is not a Server, Namespace, HTTPRoute or GRPCRoute: Linkerd's"
                + " admission webhook refuses the AuthorizationPolicy (\"unsupported authorization"
                + " target type\").");
    assertThat(check("ref-not-in-input.fail").findings("LINKERD-REF-NOT-IN-INPUT"))
        .extracting(Finding::message)
        .containsExactly(
            "its Server chat-ws is not in the input; the pods and port it authorizes are not"
                + " checked.",
            "its MeshTLSAuthentication chat/ingress is not in the input; which clients it admits"
                + " is not checked.");
  }

  @Test
  void a_server_that_admits_only_other_identities_locks_the_ingress_out() {
    assertThat(message(check("ingress-locked-out.fail"), "LINKERD-INGRESS-LOCKED-OUT"))
        .isEqualTo(
            "Server chat/chat selects the pods of Deployment chat/chat on port 8080 (accessPolicy"
                + " deny), and nothing in the input authorizes test-ingress (ServiceAccount"
                + " ingress-test/ingress-test), which sends the WebSocket route"
                + " chat.example.com/ws (doctor/ingress-locked-out.fail.yaml:12:13) there:"
                + " AuthorizationPolicy chat/chat-ingress admits only other clients. The proxy"
                + " refuses the controller's WebSocket handshakes (HTTP 403).");
    assertThat(message(check("default-policy-deny.fail"), "LINKERD-INGRESS-LOCKED-OUT"))
        .isEqualTo(
            "no Server selects the pods of Deployment chat/chat on port 8080, so the default"
                + " inbound policy deny (config.linkerd.io/default-inbound-policy on the pod"
                + " template) applies to the WebSocket route chat.example.com/ws"
                + " (doctor/default-policy-deny.fail.yaml:12:13): it refuses every client,"
                + " test-ingress (ServiceAccount ingress-test/ingress-test) included. The proxy"
                + " refuses the controller's WebSocket handshakes.");
  }

  @Test
  void what_cannot_be_known_is_info() {
    assertThat(message(check("ingress-unknown.fail"), "LINKERD-INGRESS-UNKNOWN"))
        .isEqualTo(
            "cannot tell whether Server chat/chat admits test-ingress (ServiceAccount"
                + " ingress-test/ingress-test), which sends the WebSocket route"
                + " chat.example.com/ws (doctor/ingress-unknown.fail.yaml:12:13) to the pods of"
                + " Deployment chat/chat on port 8080: AuthorizationPolicy chat/chat-ingress admits"
                + " some networks, and the controller's pod addresses are not in the input.");
    // A controller that does not say where it runs (a Gateway API implementation): an identity
    // policy cannot be judged.
    Report unplaced = check("ingress-locked-out.fail", TestIngress.unplaced(), Linkerd.target());
    assertThat(linkerd(unplaced)).containsExactly("INFO LINKERD-INGRESS-UNKNOWN 62:1");
    assertThat(message(unplaced, "LINKERD-INGRESS-UNKNOWN"))
        .isEqualTo(
            "cannot tell whether Server chat/chat admits test-ingress (its namespace and"
                + " ServiceAccount are not known), which sends the WebSocket route"
                + " chat.example.com/ws (doctor/ingress-locked-out.fail.yaml:12:13) to the pods of"
                + " Deployment chat/chat on port 8080: the test-ingress target does not say which"
                + " ServiceAccount its proxy runs as, and AuthorizationPolicy chat/chat-ingress"
                + " admits only mesh identities.");
  }

  @Test
  void the_controllers_workloads_in_the_input_decide_its_identity_and_whether_it_is_meshed() {
    // The controller runs under another ServiceAccount than its default install's: the input's
    // Deployment says so, and the policy for the default account no longer admits it.
    String controller =
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: controller\n"
            + "  namespace: ingress-test\nspec:\n  selector:\n    matchLabels: {app: c}\n"
            + "  template:\n    metadata:\n      labels: {app: c}\n%s    spec:\n"
            + "      serviceAccountName: %s\n      containers:\n      - name: c\n"
            + "        image: c:1\n";
    Manifests renamed =
        fixture("ingress-locked-out.pass")
            .and(
                Manifests.parse(
                    String.format(
                        controller,
                        "      annotations: {linkerd.io/inject: enabled}\n",
                        "edge-controller"),
                    "controller.yaml"));
    Report r = Doctor.with(TestIngress.target(), Linkerd.target()).check(renamed);
    assertThat(linkerd(r)).containsExactly("ERROR LINKERD-INGRESS-LOCKED-OUT 62:1");
    assertThat(message(r, "LINKERD-INGRESS-LOCKED-OUT"))
        .contains("test-ingress (ServiceAccount ingress-test/edge-controller)");
    // Its own account, but without a proxy (neither its pod template nor its Namespace, which
    // the input has, enables injection): an identity needs a meshed client.
    Manifests unmeshed =
        fixture("ingress-locked-out.pass")
            .and(
                Manifests.parse(
                    String.format(controller, "", "ingress-test")
                        + "---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: ingress-test\n",
                    "c.yaml"));
    assertThat(linkerd(Doctor.with(TestIngress.target(), Linkerd.target()).check(unmeshed)))
        .containsExactly("ERROR LINKERD-INGRESS-LOCKED-OUT 62:1");
  }

  @Test
  void protocols_that_cannot_carry_the_socket() {
    assertThat(message(check("proxy-protocol-tls.fail"), "LINKERD-PROXY-PROTOCOL-TLS"))
        .isEqualTo(
            "Server chat/chat declares proxyProtocol HTTP/1 for the pods of Deployment chat/chat"
                + " on port 8080, but the WebSocket route chat.example.com/ws"
                + " (doctor/proxy-protocol-tls.fail.yaml:14:13) reaches them over TLS: the proxy"
                + " cannot read the TLS stream as HTTP, and an HTTP Server authorizes no TCP"
                + " connection, so every connection is refused.");
    assertThat(message(check("proxy-protocol-h2.fail"), "LINKERD-PROXY-PROTOCOL-H2"))
        .isEqualTo(
            "Server chat/chat declares proxyProtocol HTTP/2 for the pods of Deployment chat/chat"
                + " on port 8080: the proxy serves the port as HTTP/2 without detecting the"
                + " protocol, and the WebSocket handshake of the WebSocket route"
                + " chat.example.com/ws (doctor/proxy-protocol-h2.fail.yaml:12:13) is an HTTP/1.1"
                + " Upgrade request, which it cannot read.");
    assertThat(message(check("opaque-http-policy.fail"), "LINKERD-OPAQUE-HTTP-POLICY"))
        .isEqualTo(
            "Server chat/chat declares proxyProtocol opaque for the pods of Deployment chat/chat"
                + " on port 8080 behind the WebSocket route chat.example.com/ws"
                + " (doctor/opaque-http-policy.fail.yaml:12:13), so the proxy forwards it as a TCP"
                + " stream: the HTTPRoutes attached to it and the authorizations that target those"
                + " routes do not apply.");
    assertThat(message(check("app-protocol-opaque.fail"), "LINKERD-APP-PROTOCOL-OPAQUE"))
        .isEqualTo(
            "Service chat/chat port 80 has appProtocol kubernetes.io/ws, which Linkerd 2.18 and"
                + " newer read as opaque TCP (reading for 2.20): meshed clients would send the"
                + " socket as TCP, which Server chat/chat's proxyProtocol HTTP/1 does not"
                + " authorize.");
    // Before 2.18 Linkerd reads no appProtocol.
    assertThat(
            linkerd(
                check(
                    "app-protocol-opaque.fail",
                    TestIngress.target(),
                    Linkerd.target().version("2.17"))))
        .isEmpty();
  }

  @Test
  void a_network_policy_that_blocks_the_proxy_port_blocks_meshed_clients_since_2_18() {
    assertThat(message(check("proxy-port-blocked.fail"), "LINKERD-PROXY-PORT-BLOCKED"))
        .isEqualTo(
            "NetworkPolicy chat/chat admits port 8080 of Deployment chat/chat's meshed pods but"
                + " not the proxy's inbound port 4143, where Linkerd 2.20 sends every meshed"
                + " client: a meshed ingress controller (the WebSocket route chat.example.com/ws"
                + " (doctor/proxy-port-blocked.fail.yaml:12:13)) and every meshed caller are"
                + " blocked.");
    // Linkerd 2.17 sends only opaque ports to 4143; 8080 is not one.
    Target older = Linkerd.target().version("2.17");
    assertThat(linkerd(check("proxy-port-blocked.fail", TestIngress.target(), older))).isEmpty();
  }

  @Test
  void the_proxy_must_outlive_the_drain_where_it_is_no_native_sidecar() {
    assertThat(message(check("proxy-exits-first.fail"), "LINKERD-PROXY-EXITS-FIRST"))
        .isEqualTo(
            "Deployment chat/chat's meshed pods drain in preStop (sleep 30 s), but the proxy runs"
                + " as an ordinary container (config.linkerd.io/proxy-enable-native-sidecar:"
                + " \"false\", reading for Linkerd 2.20) and has no"
                + " config.alpha.linkerd.io/proxy-wait-before-exit-seconds: it gets its SIGTERM as"
                + " the pod starts to stop and from then refuses new requests, while the app still"
                + " accepts WebSocket handshakes through the proxy.");
    // 2.20 runs native sidecars by default: a drain without the annotations is fine there, not
    // on 2.19 (whose reader ignores the GA key, so the fixture's "false" does not count).
    Manifests plain =
        Manifests.parse(
            fixtureText("proxy-exits-first.fail")
                .replace("        config.linkerd.io/proxy-enable-native-sidecar: \"false\"\n", ""),
            "plain.yaml");
    assertThat(linkerd(Doctor.with(TestIngress.target(), Linkerd.target()).check(plain))).isEmpty();
    Report older = Doctor.with(TestIngress.target(), Linkerd.target().version("2.19")).check(plain);
    assertThat(message(older, "LINKERD-PROXY-EXITS-FIRST"))
        .isEqualTo(
            "Deployment chat/chat's meshed pods drain in preStop (sleep 30 s), but Linkerd 2.19"
                + " runs the proxy as an ordinary container (unless installed with"
                + " proxy.nativeSidecar=true) and has no"
                + " config.alpha.linkerd.io/proxy-wait-before-exit-seconds: it gets its SIGTERM as"
                + " the pod starts to stop and from then refuses new requests, while the app still"
                + " accepts WebSocket handshakes through the proxy.");
    Manifests shortWait =
        Manifests.parse(
            fixtureText("proxy-exits-first.pass")
                .replace(
                    "proxy-wait-before-exit-seconds: \"59\"",
                    "proxy-wait-before-exit-seconds: \"10\""),
            "short.yaml");
    Report shortly = Doctor.with(TestIngress.target(), Linkerd.target()).check(shortWait);
    assertThat(linkerd(shortly)).containsExactly("WARNING LINKERD-PROXY-EXITS-FIRST 50:9");
    assertThat(message(shortly, "LINKERD-PROXY-EXITS-FIRST"))
        .isEqualTo(
            "Deployment chat/chat's meshed pods drain in preStop for 30 s, but the proxy runs as"
                + " an ordinary container (config.linkerd.io/proxy-enable-native-sidecar:"
                + " \"false\", reading for Linkerd 2.20) that waits only 10 s"
                + " (config.alpha.linkerd.io/proxy-wait-before-exit-seconds) before it stops,"
                + " cutting the sockets the app still holds.");
  }

  static String fixtureText(String name) {
    try (var in = LinkerdDoctorTest.class.getResourceAsStream("doctor/" + name + ".yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void identities_in_a_form_no_proxy_presents() {
    Report r = check("identity-form.fail");
    assertThat(linkerd(r))
        .containsExactly(
            "ERROR LINKERD-INGRESS-LOCKED-OUT 62:1",
            "INFO LINKERD-SERVER-AUTHORIZATION 70:1",
            "WARNING LINKERD-IDENTITY-FORM 80:11");
    assertThat(message(r, "LINKERD-IDENTITY-FORM"))
        .isEqualTo(
            "the identity \"cluster.local/ns/ingress-test/sa/ingress-test\" is neither a DNS-like"
                + " name nor a spiffe:// ID, the forms Linkerd's proxies present: it authorizes no"
                + " client (Linkerd's identity of a ServiceAccount is"
                + " <sa>.<ns>.serviceaccount.identity.<control-plane-ns>.<trust-domain>).");
    assertThat(linkerd(check("identity-form.pass")))
        .containsExactly("INFO LINKERD-SERVER-AUTHORIZATION 70:1");
    // A MeshTLSAuthentication with such an identity is refused at admission.
    Report refused =
        Doctor.with(Linkerd.target())
            .check(
                Manifests.parse(
                    "apiVersion: policy.linkerd.io/v1alpha1\nkind: MeshTLSAuthentication\n"
                        + "metadata:\n  name: a\n  namespace: chat\nspec:\n  identities:\n"
                        + "  - \"*.chat.serviceaccount.identity.linkerd.cluster.local\"\n"
                        + "  - spiffe://root.linkerd.cluster.local/ns/chat/sa/web\n"
                        + "  - cluster.local/ns/chat/sa/web\n",
                    "m.yaml"));
    assertThat(linkerd(refused)).containsExactly("ERROR LINKERD-POLICY-REFUSED 10:5");
    assertThat(message(refused, "LINKERD-POLICY-REFUSED"))
        .isEqualTo(
            "the identity \"cluster.local/ns/chat/sa/web\" is neither a DNS-like name nor a"
                + " spiffe:// ID: Linkerd's admission webhook refuses the MeshTLSAuthentication.");
  }

  @Test
  void annotations_the_injector_refuses_ignores_or_does_not_know() {
    assertThat(message(check("inject-value.fail"), "LINKERD-INJECT-VALUE"))
        .isEqualTo(
            "linkerd.io/inject is \"true\", which Linkerd's proxy injector does not accept"
                + " (enabled, ingress, disabled): the pods get no proxy.");
    assertThat(check("annotation-ignored.fail").findings("LINKERD-ANNOTATION-IGNORED"))
        .extracting(Finding::message)
        .containsExactly(
            "config.alpha.linkerd.io/proxy-wait-before-exit-seconds is on Service chat/chat,"
                + " where Linkerd does not read it: injection and the proxy's settings are read"
                + " from the pods (their template) and their namespace.",
            "linkerd.io/inject is on Deployment chat/chat's own metadata, which Linkerd's proxy"
                + " injector does not read: it reads the pods' annotations (the pod template's) and"
                + " their namespace's.");
    assertThat(message(check("annotation-unknown.fail"), "LINKERD-ANNOTATION-UNKNOWN"))
        .isEqualTo(
            "config.linkerd.io/proxy-cpu-requests is not an annotation Linkerd defines (linkerd2"
                + " pkg/k8s/labels.go, 2.16 to 2.20), so the proxy ignores it; did you mean"
                + " config.linkerd.io/proxy-cpu-request?");
    Report label =
        Doctor.with(Linkerd.target())
            .check(
                Manifests.parse(
                    "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: chat\n  labels:\n"
                        + "    linkerd.io/inject: enabled\n"
                        + "  annotations:\n    linkerd.io/inject: yes-please\n",
                    "ns.yaml"));
    assertThat(linkerd(label))
        .containsExactly(
            "WARNING LINKERD-ANNOTATION-IGNORED 6:5", "WARNING LINKERD-INJECT-VALUE 8:5");
    assertThat(label.findings())
        .extracting(Finding::message)
        .containsExactly(
            "linkerd.io/inject is a label of Namespace chat, and Linkerd's proxy injector reads it"
                + " only as an annotation.",
            "linkerd.io/inject is \"yes-please\", which Linkerd's proxy injector does not accept"
                + " (enabled, ingress, disabled): the namespace's pods get no proxy unless they"
                + " enable it.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ingress-nginx-meshed", "booksapp-routes", "traefik-ingress-mode"})
  void upstream_style_manifests_are_clean(String name) {
    Target ingress =
        name.startsWith("traefik")
            ? TestIngress.in("traefik", "traefik")
            : TestIngress.in("ingress-nginx", "ingress-nginx");
    Target linkerd =
        name.startsWith("traefik") ? Linkerd.target().version("2.18") : Linkerd.target();
    Report r = Doctor.with(ingress, linkerd, Platform.target()).check(fixture("upstream/" + name));
    assertThat(atLeastWarnings(r)).isEmpty();
    assertThat(linkerd(r)).isEmpty();
  }

  private static final Target NGINX =
      // what the nginx target contributes (Nginx.contribute)
      StandInTarget.of(
          "ingress-nginx", needs -> needs.trafficFrom("ingress-nginx", "ingress-nginx"));

  /**
   * Our own renderings, with an Ingress of the test controller in front of the app's own Service
   * (the controller the rendering authorized): nothing at WARNING or above beyond the rendering's
   * own codes.
   */
  @Test
  void our_renderings_behind_a_websocket_route_are_clean() {
    WebSocketApp plain =
        WebSocketApp.on("ws.example.com")
            .path("/ws")
            .service("websocket-service", 8080)
            .workload(Workload.image("chat:1").drainTime(Duration.ofSeconds(60)).replicas(3))
            .build();
    WebSocketApp tls =
        WebSocketApp.on("ws.example.com")
            .path("/ws")
            .service("websocket-service", 8443)
            .backendProtocol(BackendProtocol.HTTPS)
            .workload(Workload.image("chat:1"))
            .build();
    WebSocketApp routes =
        WebSocketApp.on("chat.example.com")
            .name("chat")
            .path("/ws")
            .service("chat-ws", 8080)
            .route(Route.http("/api").to("chat-api", 80))
            .workload(Workload.image("chat:1").autoscale(2, 10))
            .build();
    for (Linkerd linkerd :
        List.of(
            Linkerd.target(),
            Linkerd.target().version("2.16"),
            Linkerd.target().version("2.18").allowNetwork("10.0.0.0/8"),
            Linkerd.target().accessPolicy(Linkerd.AccessPolicy.AUDIT))) {
      for (WebSocketApp app : List.of(plain, tls, routes)) {
        Rendering r = Targets.render(app, NGINX, linkerd, Platform.target());
        String route =
            "---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: edge\n"
                + "  namespace: default\n"
                + (app.backendProtocol() == BackendProtocol.HTTPS
                    ? "  annotations:\n    test.wsingress.dev/backend-protocol: HTTPS\n"
                    : "")
                + "spec:\n  ingressClassName: test\n  rules:\n  - host: "
                + app.hosts().get(0)
                + "\n    http:\n      paths:\n      - path: /ws\n        pathType: Prefix\n"
                + "        backend:\n          service:\n            name: "
                + app.serviceName()
                + "\n            port:\n              number: "
                + app.servicePort().getAsInt()
                + "\n";
        Manifests in = Manifests.parse(r.toYaml() + route, "rendering.yaml");
        Report report =
            Doctor.with(
                    TestIngress.in("ingress-nginx", "ingress-nginx"), linkerd, Platform.target())
                .check(in);
        assertThat(report.routes()).as("%s %s", linkerd, app.serviceName()).hasSize(1);
        assertThat(report.routes().get(0).isWebSocket()).isTrue();
        Set<String> said = r.findings().stream().map(Finding::code).collect(Collectors.toSet());
        assertThat(
                report.findings().stream()
                    .filter(f -> f.severity() != Severity.INFO && !said.contains(f.code()))
                    .map(Finding::toString)
                    .toList())
            .as("%s %s", linkerd, app.serviceName())
            .isEmpty();
      }
    }
  }

  @Test
  void odd_shapes_are_read_without_failing() {
    // Every field this reader reads, in a shape the API server would refuse (strings for lists,
    // lists for strings, numbers for names): findings at most, never a failed reader.
    Report r =
        Doctor.with(TestIngress.target(), Linkerd.target(), Platform.target())
            .check(fixture("odd-shapes"));
    assertThat(r.findings("CORE-READER-FAILED")).isEmpty();
    assertThat(r.routes()).hasSize(1);
  }
}
