package dev.wsingress.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.AcmeIssuer;
import dev.wsingress.Affinity;
import dev.wsingress.Doctor;
import dev.wsingress.Finding;
import dev.wsingress.HealthCheck;
import dev.wsingress.Manifests;
import dev.wsingress.Rendering;
import dev.wsingress.Report;
import dev.wsingress.Severity;
import dev.wsingress.Target;
import dev.wsingress.Targets;
import dev.wsingress.Tls;
import dev.wsingress.WebSocketApp;
import dev.wsingress.Workload;
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
 * The platform kit's reader and rules (issue 15), each with a failing and a passing fixture under
 * doctor/, read with {@link TestIngress} as the controller that routes the WebSocket traffic.
 */
class PlatformDoctorTest {
  static Manifests fixture(String name) {
    return Fixtures.read(PlatformDoctorTest.class, "doctor/" + name + ".yaml");
  }

  static Report check(String name, Target ingress) {
    return Doctor.with(ingress, Platform.target()).check(fixture(name));
  }

  static Report check(String name) {
    return check(name, TestIngress.target());
  }

  /** The platform kit's own findings (not core's) as {@code SEVERITY CODE line:column}. */
  static List<String> platform(Report r) {
    return r.readings().stream()
        .filter(x -> x.target().id().equals("platform"))
        .flatMap(x -> x.findings().stream())
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
        "network-policy-blocks-ingress | ERROR CORE-NETWORK-POLICY-BLOCKS-INGRESS 71:3",
        "hpa-scale-down | WARNING CORE-HPA-SCALE-DOWN 71:3",
        "pdb-unmanaged-pods | WARNING CORE-PDB-UNMANAGED-PODS 20:3",
        "service-monitor-unselected | WARNING CORE-SERVICE-MONITOR-UNSELECTED 17:3",
        "http01-class | ERROR CORE-HTTP01-CLASS 73:13",
        "service-affinity-ignored | WARNING CORE-SERVICE-AFFINITY-IGNORED 28:3",
      })
  void each_rule_flags_its_failing_fixture_and_passes_the_other(String rule, String expected) {
    Target ingress = TestIngress.target().annotationOnly("istio");
    assertThat(platform(check(rule + ".fail", ingress))).containsExactly(expected.trim());
    Report pass = check(rule + ".pass", ingress);
    assertThat(platform(pass)).isEmpty();
    assertThat(atLeastWarnings(pass)).isEmpty();
  }

  @Test
  void a_network_policy_that_admits_no_namespace_of_the_ingress_controller() {
    assertThat(
            message(
                check("network-policy-blocks-ingress.fail"), "CORE-NETWORK-POLICY-BLOCKS-INGRESS"))
        .isEqualTo(
            "NetworkPolicy chat/chat selects Deployment chat/chat's pods behind the WebSocket route"
                + " chat.example.com/ws (doctor/network-policy-blocks-ingress.fail.yaml:12:13), and"
                + " no ingress rule admits port 8080 from namespace ingress-test, where the"
                + " test-ingress target's proxy runs: every WebSocket handshake through it is"
                + " refused.");
    // A controller that does not say where it runs: INFO, whatever the policy admits.
    Report unplaced = check("network-policy-ingress-unknown.fail", TestIngress.unplaced());
    assertThat(platform(unplaced)).containsExactly("INFO CORE-NETWORK-POLICY-INGRESS-UNKNOWN 66:3");
    assertThat(message(unplaced, "CORE-NETWORK-POLICY-INGRESS-UNKNOWN"))
        .isEqualTo(
            "NetworkPolicy chat/chat restricts traffic to Deployment chat/chat's pods behind the"
                + " WebSocket route chat.example.com/ws"
                + " (doctor/network-policy-ingress-unknown.fail.yaml:12:13), and the test-ingress"
                + " target does not say in which namespace its proxy runs, so whether port 8080 is"
                + " admitted from there cannot be told.");
    assertThat(platform(check("network-policy-ingress-unknown.pass", TestIngress.unplaced())))
        .isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // a label the input cannot show for a namespace not in it: not judged
        "namespaceSelector: {matchLabels: {team: edge}} | ",
        // every namespace
        "namespaceSelector: {} | ",
        // pods of the policy's own namespace only
        "podSelector: {matchLabels: {app: edge}} | ERROR CORE-NETWORK-POLICY-BLOCKS-INGRESS 71:3",
        // an address block: whether it holds the controller's pods is not in the input
        "ipBlock: {cidr: 10.0.0.0/8} | ",
      })
  void peers_the_input_cannot_decide_are_not_refusals(String peer, String expected) {
    String text =
        fixtureText("network-policy-blocks-ingress.fail")
            .replace(
                "        - namespaceSelector:\n            matchLabels:\n"
                    + "              kubernetes.io/metadata.name: monitoring\n",
                "        - " + peer + "\n");
    Report r =
        Doctor.with(TestIngress.target(), Platform.target())
            .check(Manifests.parse(text, "doctor/network-policy-blocks-ingress.fail.yaml"));
    assertThat(platform(r))
        .containsExactlyElementsOf(expected == null ? List.of() : List.of(expected));
  }

  static String fixtureText(String name) {
    try (var in = PlatformDoctorTest.class.getResourceAsStream("doctor/" + name + ".yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void an_autoscaler_that_may_drop_every_surplus_pod_at_once() {
    assertThat(message(check("hpa-scale-down.fail"), "CORE-HPA-SCALE-DOWN"))
        .isEqualTo(
            "HorizontalPodAutoscaler chat/chat scales Deployment chat/chat behind the WebSocket"
                + " route chat.example.com/ws (doctor/hpa-scale-down.fail.yaml:12:13), and without"
                + " scale-down policies it may remove every pod above minReplicas (10 to 2) within"
                + " 15 s, after a 300 s stabilization window: each removed pod closes its sockets,"
                + " so up to 8 pods' clients reconnect at once.");
    // A policy that allows everything: Percent 100 removes all; Min picks the slower of two.
    String fast =
        fixtureText("hpa-scale-down.pass")
            .replace(
                "        - type: Pods\n          value: 1\n",
                "        - type: Percent\n" + "          value: 100\n");
    Report r =
        Doctor.with(TestIngress.target(), Platform.target())
            .check(Manifests.parse(fast, "fast.yaml"));
    assertThat(platform(r)).containsExactly("WARNING CORE-HPA-SCALE-DOWN 80:5");
    assertThat(message(r, "CORE-HPA-SCALE-DOWN"))
        .endsWith(
            "its scale-down policies let it remove every pod above minReplicas (10 to 2) within"
                + " 60 s: each removed pod closes its sockets, so up to 8 pods' clients reconnect"
                + " at once.");
    String slower =
        fast.replace(
            "          periodSeconds: 60\n",
            "          periodSeconds: 60\n        - type: Pods\n          value: 1\n"
                + "          periodSeconds: 60\n      selectPolicy: Min\n");
    assertThat(
            platform(
                Doctor.with(TestIngress.target(), Platform.target())
                    .check(Manifests.parse(slower, "slower.yaml"))))
        .isEmpty();
    // Plain HTTP routes are not judged.
    String plain = fixtureText("hpa-scale-down.fail").replace("path: /ws", "path: /api");
    assertThat(
            platform(
                Doctor.with(TestIngress.target(), Platform.target())
                    .check(Manifests.parse(plain, "plain.yaml"))))
        .isEmpty();
  }

  @Test
  void a_budget_over_bare_pods() {
    assertThat(message(check("pdb-unmanaged-pods.fail"), "CORE-PDB-UNMANAGED-PODS"))
        .isEqualTo(
            "PodDisruptionBudget chat/chat sets maxUnavailable 1 and selects Pod chat-debug, which"
                + " no controller owns: the disruption controller cannot count it in the expected"
                + " pods (the UnmanagedPods event), so with no expected pod it allows no eviction,"
                + " and node drains wait on the budget.");
    String mixed =
        fixtureText("pdb-unmanaged-pods.fail")
            + "---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: chat\n"
            + "  namespace: chat\nspec:\n  selector:\n    matchLabels: {app: chat}\n"
            + "  template:\n    metadata:\n      labels: {app: chat}\n    spec:\n"
            + "      containers: [{name: chat, image: chat:1}]\n";
    Report r = Doctor.with(Platform.target()).check(Manifests.parse(mixed, "mixed.yaml"));
    assertThat(message(r, "CORE-PDB-UNMANAGED-PODS"))
        .isEqualTo(
            "PodDisruptionBudget chat/chat sets maxUnavailable 1 and selects Pod chat-debug, which"
                + " no controller owns: the disruption controller cannot count it in the expected"
                + " pods (the UnmanagedPods event) beside the pods of Deployment chat/chat, yet"
                + " counts it healthy, so it can allow more disruptions than maxUnavailable 1.");
    // A pod a controller owns is not bare.
    String owned =
        fixtureText("pdb-unmanaged-pods.fail")
            .replace(
                "  labels:\n    app: chat\nspec:",
                "  labels:\n    app: chat\n  ownerReferences:\n    - apiVersion: apps/v1\n"
                    + "      kind: ReplicaSet\n      name: chat-7d4b\n      uid: 1\n"
                    + "      controller: true\nspec:");
    assertThat(platform(Doctor.with(Platform.target()).check(Manifests.parse(owned, "o.yaml"))))
        .isEmpty();
  }

  @Test
  void a_service_monitor_that_no_prometheus_in_the_input_selects() {
    assertThat(message(check("service-monitor-unselected.fail"), "CORE-SERVICE-MONITOR-UNSELECTED"))
        .isEqualTo(
            "no Prometheus in the input selects ServiceMonitor chat/chat, whose labels are"
                + " app=chat: Prometheus monitoring/kube-prometheus-stack-prometheus selects"
                + " release=kube-prometheus-stack. Its targets are never scraped.");
    // Without a Prometheus in the input, nothing is known about its selector: nothing is said.
    String alone = fixtureText("service-monitor-unselected.fail");
    alone = alone.substring(alone.indexOf("---\n") + 4);
    assertThat(platform(Doctor.with(Platform.target()).check(Manifests.parse(alone, "a.yaml"))))
        .isEmpty();
    // A Prometheus of another namespace with the default (null) namespace selector.
    String otherNamespace =
        fixtureText("service-monitor-unselected.pass")
            .replace("  serviceMonitorNamespaceSelector: {}\n", "");
    Report r = Doctor.with(Platform.target()).check(Manifests.parse(otherNamespace, "n.yaml"));
    assertThat(message(r, "CORE-SERVICE-MONITOR-UNSELECTED"))
        .isEqualTo(
            "no Prometheus in the input selects ServiceMonitor chat/chat, whose labels are"
                + " app=chat, release=kube-prometheus-stack: Prometheus"
                + " monitoring/kube-prometheus-stack-prometheus looks for ServiceMonitors in its"
                + " own namespace only. Its targets are never scraped.");
  }

  @Test
  void a_solver_class_that_the_controller_serves_only_by_annotation() {
    assertThat(
            message(
                check("http01-class.fail", TestIngress.target().annotationOnly("istio")),
                "CORE-HTTP01-CLASS"))
        .isEqualTo(
            "the HTTP-01 solver creates its Ingress with spec.ingressClassName: istio, and"
                + " test-ingress serves class istio only through the kubernetes.io/ingress.class"
                + " annotation unless an IngressClass of that name exists (it installs none, and"
                + " none is in the input): the solver Ingress is not served, and the challenge"
                + " fails.");
    // The IngressClass in the input is taken as created by the user.
    Manifests withClass =
        fixture("http01-class.fail")
            .and(
                Manifests.parse(
                    "apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n"
                        + "  name: istio\nspec:\n  controller: istio.io/ingress-controller\n",
                    "class.yaml"));
    assertThat(
            platform(
                Doctor.with(TestIngress.target().annotationOnly("istio"), Platform.target())
                    .check(withClass)))
        .isEmpty();
    // No target here serves istio by annotation only: nothing to say.
    assertThat(platform(check("http01-class.fail", TestIngress.target()))).isEmpty();
  }

  @Test
  void a_service_affinity_that_the_controller_bypasses() {
    assertThat(message(check("service-affinity-ignored.fail"), "CORE-SERVICE-AFFINITY-IGNORED"))
        .isEqualTo(
            "Service chat/chat sets sessionAffinity: ClientIP, but the WebSocket route"
                + " chat.example.com/ws (doctor/service-affinity-ignored.fail.yaml:12:13) reaches"
                + " it through test-ingress, which picks the Service's endpoints itself: the"
                + " affinity does not apply to its traffic, and the route has no sticky sessions of"
                + " its own.");
    // A controller that does not say it balances over endpoints: not judged.
    assertThat(platform(check("service-affinity-ignored.fail", TestIngress.unplaced()))).isEmpty();
  }

  @Test
  void the_seeds_workload_objects_as_written() {
    Report r =
        Doctor.with(TestIngress.in("ingress-nginx", "ingress-nginx"), Platform.target())
            .check(fixture("seed-000-as-written"));
    assertThat(platform(r))
        .containsExactly(
            "WARNING CORE-SERVICE-AFFINITY-IGNORED 123:3",
            "WARNING CORE-NETWORK-POLICY-NAME-LABEL 259:15");
    assertThat(message(r, "CORE-NETWORK-POLICY-NAME-LABEL"))
        .isEqualTo(
            "NetworkPolicy default/websocket-network-policy admits Deployment"
                + " default/websocket-app's port 8080 (behind the WebSocket route ws.example.com/ws"
                + " (doctor/seed-000-as-written.yaml:14:13)) from namespaces labelled name:"
                + " ingress-nginx, a label Kubernetes does not set: it labels namespace"
                + " ingress-nginx kubernetes.io/metadata.name: ingress-nginx, so unless someone"
                + " added name: ingress-nginx to it, the controller's handshakes are refused.");
    // The correction PlatformSeeds makes (kubernetes.io/metadata.name) clears it; with the
    // Namespace in the input and no such label, the policy plainly refuses the controller.
    String seed = fixtureText("seed-000-as-written");
    String corrected =
        seed.replace(
            "              name: ingress-nginx\n",
            "              kubernetes.io/metadata.name: ingress-nginx\n");
    assertThat(
            platform(
                Doctor.with(TestIngress.in("ingress-nginx", "ingress-nginx"), Platform.target())
                    .check(Manifests.parse(corrected, "corrected.yaml"))))
        .containsExactly("WARNING CORE-SERVICE-AFFINITY-IGNORED 123:3");
    String withNamespace =
        seed + "---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: ingress-nginx\n";
    assertThat(
            platform(
                Doctor.with(TestIngress.in("ingress-nginx", "ingress-nginx"), Platform.target())
                    .check(Manifests.parse(withNamespace, "ns.yaml"))))
        .containsExactly(
            "WARNING CORE-SERVICE-AFFINITY-IGNORED 123:3",
            "ERROR CORE-NETWORK-POLICY-BLOCKS-INGRESS 255:3");
  }

  @ParameterizedTest
  @ValueSource(strings = {"kube-prometheus-stack", "cert-manager-nginx", "workload-policies"})
  void upstream_style_manifests_are_clean(String name) {
    Report r =
        Doctor.with(
                TestIngress.in("ingress-nginx", "ingress-nginx").annotationOnly("istio"),
                Platform.target())
            .check(fixture("upstream/" + name));
    assertThat(atLeastWarnings(r)).isEmpty();
    assertThat(platform(r)).isEmpty();
  }

  /**
   * Our own renderings, with an Ingress of a test controller in front of the app's Service (the
   * controller the rendering names, with the affinity the edge target would give the route):
   * nothing at WARNING or above beyond the rendering's own codes.
   */
  @Test
  void our_renderings_behind_a_websocket_route_are_clean() {
    Target nginx =
        StandInTarget.of(
            "nginx",
            needs -> needs.trafficFrom("ingress-nginx", "ingress-nginx").balancesOverEndpoints());
    Target istio =
        StandInTarget.of(
            "istio",
            needs ->
                needs
                    .trafficFrom("istio-system", null)
                    .balancesOverEndpoints()
                    .tlsSecretNamespace("istio-system")
                    .http01ClassAnnotation("istio"));
    java.util.function.Supplier<WebSocketApp.Builder> base =
        () ->
            WebSocketApp.on("ws.example.com")
                .name("websocket")
                .namespace("realtime")
                .path("/ws")
                .service("websocket-service", 8080)
                .healthCheck(HealthCheck.http("/health"));
    Workload workload =
        Workload.image("registry.example.com/websocket-app:1.4.2")
            .metricsPort(9090)
            .drainTime(Duration.ofSeconds(60))
            .egressTo("app", "redis", 6379);
    List<WebSocketApp> apps =
        List.of(
            base.get().workload(workload.autoscale(2, 10).connectionsPerPod(1000)).build(),
            base.get().workload(workload.replicas(3)).stickySessions(Affinity.cookie("ws")).build(),
            base.get().workload(workload.autoscale(3, 4)).build(),
            base.get()
                .workload(Workload.image("websocket-app:1.0").containerPort(3000))
                .stickySessions(Affinity.clientIp().timeout(Duration.ofHours(3)))
                .tls(
                    Tls.secret("websocket-tls")
                        .issuedBy(AcmeIssuer.letsEncrypt("admin@example.com").http01("istio")))
                .build());
    for (WebSocketApp app : apps) {
      for (Target edge : List.of(nginx, istio)) {
        Rendering r = Targets.render(app, edge, Platform.target().ingressFrom("istio-system"));
        String affinity =
            app.affinity().isEmpty()
                ? ""
                : app.affinity().get() instanceof dev.wsingress.CookieAffinity
                    ? "    test.wsingress.dev/affinity-cookie: ws\n"
                    : "    test.wsingress.dev/affinity-client-ip: \"true\"\n";
        String route =
            "---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: edge\n"
                + "  namespace: realtime\n  annotations:\n    note: edge\n"
                + affinity
                + "spec:\n  ingressClassName: test\n  rules:\n  - host: ws.example.com\n"
                + "    http:\n      paths:\n      - path: /ws\n        pathType: Prefix\n"
                + "        backend:\n          service:\n            name: websocket-service\n"
                + "            port:\n              number: 8080\n";
        TestIngress reader =
            edge == nginx
                ? TestIngress.in("ingress-nginx", "ingress-nginx")
                : TestIngress.in("istio-system", "istio-ingressgateway").annotationOnly("istio");
        Report report =
            Doctor.with(reader, Platform.target())
                .check(Manifests.parse(r.toYaml() + route, "rendering.yaml"));
        assertThat(report.routes()).hasSize(1);
        assertThat(report.routes().get(0).isWebSocket()).isTrue();
        Set<String> said = r.findings().stream().map(Finding::code).collect(Collectors.toSet());
        assertThat(
                report.findings().stream()
                    .filter(f -> f.severity() != Severity.INFO && !said.contains(f.code()))
                    .map(Finding::toString)
                    .toList())
            .as("%s behind %s", app.workload(), edge.id())
            .isEmpty();
      }
    }
  }

  @Test
  void odd_shapes_are_read_without_failing() {
    // Every field this reader reads, in a shape the API server would refuse (strings for lists,
    // lists for strings, numbers for names): findings at most, never a failed reader.
    Report r =
        Doctor.with(TestIngress.target().annotationOnly("istio"), Platform.target())
            .check(fixture("odd-shapes"));
    assertThat(r.findings("CORE-READER-FAILED")).isEmpty();
    assertThat(r.routes()).hasSize(1);
  }
}
