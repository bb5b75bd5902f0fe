package dev.wsingress.platform;

import static dev.wsingress.testing.Renderings.codes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wsingress.AcmeIssuer;
import dev.wsingress.Affinity;
import dev.wsingress.Finding;
import dev.wsingress.HealthCheck;
import dev.wsingress.InvalidSpecException;
import dev.wsingress.Rendering;
import dev.wsingress.Severity;
import dev.wsingress.Target;
import dev.wsingress.Targets;
import dev.wsingress.Tls;
import dev.wsingress.UnsupportedFeatureException;
import dev.wsingress.WebSocketApp;
import dev.wsingress.Workload;
import dev.wsingress.testing.Renderings;
import dev.wsingress.testing.SchemaConformance;
import dev.wsingress.testing.StandInTarget;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The platform kit with a workload: every kind schema-checked, invariants asserted. */
class PlatformKitTest {
  // Stand-ins with what the real targets contribute (their contribute methods; the examples'
  // PlatformSeedTest renders the real ones end to end).
  private static final Target NGINX =
      StandInTarget.of(
          "nginx",
          needs -> needs.trafficFrom("ingress-nginx", "ingress-nginx").balancesOverEndpoints());
  private static final Target ISTIO =
      StandInTarget.of(
          "istio",
          needs ->
              needs
                  .trafficFrom("istio-system", null)
                  .balancesOverEndpoints()
                  .tlsSecretNamespace("istio-system")
                  .meshControlPlane("istio-system", 15012)
                  .http01ClassAnnotation("istio"));
  private static final Target LINKERD =
      StandInTarget.of(
          "linkerd",
          needs ->
              needs
                  .podAnnotation("linkerd.io/inject", "enabled")
                  .meshControlPlane("linkerd", 8080, 8086, 8090)
                  .meshInboundPort(4143)
                  .sidecarDrain("the test mesh holds its proxy"));

  static WebSocketApp.Builder app() {
    return WebSocketApp.on("ws.example.com")
        .name("websocket")
        .namespace("realtime")
        .label("app", "websocket")
        .path("/ws")
        .service("websocket-service", 8080)
        .healthCheck(HealthCheck.http("/health"));
  }

  static Workload workload() {
    return Workload.image("registry.example.com/websocket-app:1.4.2")
        .replicas(3)
        .metricsPort(9090)
        .maxConnections(10000)
        .pingInterval(Duration.ofSeconds(30))
        .env("LOG_LEVEL", "info")
        .resources("250m", "256Mi", "1000m", "512Mi")
        .drainTime(Duration.ofSeconds(60))
        .egressTo("app", "redis", 6379);
  }

  static List<Integer> ports(
      List<io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort> ports) {
    return ports.stream().map(p -> p.getPort().getIntVal()).toList();
  }

  static void check(Rendering r) {
    for (Deployment d : r.objects(Deployment.class)) {
      assertThat(d.getSpec().getSelector().getMatchLabels())
          .as("selector equals the template labels")
          .isEqualTo(d.getSpec().getTemplate().getMetadata().getLabels());
      long grace = d.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
      String sleep =
          d.getSpec()
              .getTemplate()
              .getSpec()
              .getContainers()
              .get(0)
              .getLifecycle()
              .getPreStop()
              .getExec()
              .getCommand()
              .get(2);
      assertThat(grace)
          .as("grace outlasts the drain")
          .isGreaterThan(Long.parseLong(sleep.substring(6)));
    }
    assertThat(r.toYaml()).doesNotContain("\n          name: ingress-nginx\n");
    Renderings.verify(r);
  }

  @Test
  void autoscaledWorkloadBehindNginxInTheMesh() {
    WebSocketApp app = app().workload(workload().autoscale(3, 50).connectionsPerPod(1000)).build();

    Rendering r = Targets.render(app, NGINX, LINKERD, Platform.target());

    assertThat(codes(r))
        .containsExactly(
            "INFO CORE-DRAIN",
            "INFO CORE-NETWORK-POLICY",
            "WARNING CORE-ADAPTER-CONFIG",
            "WARNING CORE-SERVICE-MONITOR-LABELS");
    assertThat(r.finding("CORE-DRAIN").orElseThrow().message())
        .isEqualTo(
            "the app container sleeps 60 s in preStop before its SIGTERM, so it still accepts"
                + " sockets while its endpoint removal reaches the proxies, then has 30 s more to"
                + " close them (terminationGracePeriodSeconds 90, counted from the start of"
                + " preStop); the image needs /bin/sh for the sleep. Sidecars: the test mesh holds"
                + " its proxy.");
    assertThat(r.finding("CORE-NETWORK-POLICY").orElseThrow().message())
        .isEqualTo(
            "pods accept the app port and the mesh proxy's inbound port [4143] only from"
                + " namespaces [ingress-nginx], metrics from monitoring, and call only DNS, the"
                + " declared dependencies (on their port and [4143]) and the mesh control plane"
                + " [linkerd:8080,8086,8090]; namespaces are matched by"
                + " kubernetes.io/metadata.name.");
    // P1: meshed callers arrive on the Linkerd proxy's port, meshed dependencies are called on it.
    NetworkPolicy policy = r.only(NetworkPolicy.class);
    assertThat(policy.getSpec().getIngress())
        .extracting(rule -> ports(rule.getPorts()))
        .containsExactly(List.of(8080, 4143), List.of(9090, 4143));
    assertThat(policy.getSpec().getEgress())
        .extracting(rule -> ports(rule.getPorts()))
        .containsExactly(List.of(53, 53), List.of(6379, 4143), List.of(8080, 8086, 8090));
    // P15: one value per pod, as prometheus-adapter's metricsQuery must return.
    assertThat(r.only(io.fabric8.kubernetes.api.model.ConfigMap.class).getData().get("config.yaml"))
        .contains(
            "  metricsQuery: 'max(avg_over_time(<<.Series>>{<<.LabelMatchers>>}[1m])) by"
                + " (<<.GroupBy>>)'\n");
    assertThat(r.finding("CORE-SERVICE-MONITOR-LABELS").orElseThrow())
        .isEqualTo(
            new Finding(
                "CORE-SERVICE-MONITOR-LABELS",
                Severity.WARNING,
                "ServiceMonitor realtime/websocket",
                "the ServiceMonitor carries only the app's labels, and a Prometheus that selects"
                    + " ServiceMonitors by label ignores it: kube-prometheus-stack's selects"
                    + " release: <its Helm release> unless"
                    + " prometheus.prometheusSpec.serviceMonitorSelectorNilUsesHelmValues is"
                    + " false.",
                "Add the labels your Prometheus selects with"
                    + " Platform.target().serviceMonitorLabels(Map.of(\"release\","
                    + " \"<release>\"))."));
    Deployment d = r.only(Deployment.class);
    assertThat(d.getSpec().getReplicas()).as("the autoscaler owns replicas").isNull();
    assertThat(d.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("linkerd.io/inject", "enabled")
        .containsEntry("prometheus.io/port", "9090");
    assertThat(r.objects())
        .extracting(
            o ->
                o.getKind()
                    + " "
                    + o.getMetadata().getNamespace()
                    + "/"
                    + o.getMetadata().getName())
        .containsExactly(
            "ConfigMap custom-metrics/adapter-config",
            "Service realtime/websocket-service",
            "Deployment realtime/websocket",
            "HorizontalPodAutoscaler realtime/websocket",
            "PodDisruptionBudget realtime/websocket",
            "NetworkPolicy realtime/websocket",
            "ServiceMonitor realtime/websocket");
    check(r);
  }

  @Test
  void clientIpAffinityThatTheEdgeCannotCarryIsAWarningOfTheRendering() {
    Target gateway =
        StandInTarget.of("gateway", needs -> needs.balancesOverEndpointsWithoutAffinity());
    WebSocketApp app = app().stickySessions(Affinity.clientIp()).build();

    Rendering r = Targets.render(app, gateway, Platform.target());

    assertThat(codes(r))
        .contains("INFO CORE-SERVICE-AFFINITY", "WARNING CORE-SERVICE-AFFINITY-IGNORED");
    assertThat(r.finding("CORE-SERVICE-AFFINITY-IGNORED").orElseThrow().message())
        .isEqualTo(
            "sessionAffinity: ClientIP does not apply to traffic through test gateway, which picks"
                + " the Service's endpoints itself and could not render the app's client-IP"
                + " affinity: its WebSocket routes pin no client.");
    assertThat(
            Targets.render(app, NGINX, Platform.target()).finding("CORE-SERVICE-AFFINITY-IGNORED"))
        .isEmpty();
  }

  @Test
  void fixedReplicasClientIpAffinityAndCertificateBehindIstio() {
    WebSocketApp app =
        app()
            .stickySessions(Affinity.clientIp().timeout(Duration.ofHours(3)))
            .tls(
                Tls.secret("websocket-tls")
                    .issuedBy(AcmeIssuer.letsEncrypt("admin@example.com").http01("istio")))
            .workload(Workload.image("websocket-app:1.0").containerPort(3000))
            .build();

    Rendering r = Targets.render(app, ISTIO, Platform.target());

    assertThat(codes(r))
        .containsExactly(
            "INFO CORE-SERVICE-AFFINITY",
            "INFO CORE-DRAIN",
            "INFO CORE-NETWORK-POLICY",
            "INFO CORE-CERTIFICATE-NAMESPACE");
    assertThat(r.finding("CORE-SERVICE-AFFINITY").orElseThrow().message())
        .isEqualTo(
            "sessionAffinity: ClientIP applies to traffic through the Service's cluster IP"
                + " (kube-proxy) only; proxies that balance over endpoints themselves (test"
                + " istio here) ignore it and use their own client-IP affinity.");
    Service service = r.only(Service.class);
    assertThat(service.getSpec().getSessionAffinity()).isEqualTo("ClientIP");
    assertThat(service.getSpec().getSessionAffinityConfig().getClientIP().getTimeoutSeconds())
        .isEqualTo(10800);
    assertThat(service.getSpec().getPorts().get(0).getTargetPort().getIntVal()).isEqualTo(3000);
    assertThat(r.only(Certificate.class).getMetadata().getNamespace()).isEqualTo("istio-system");
    // P4: Istio ships no IngressClass and serves the solver Ingress only by its class annotation.
    assertThat(r.only(ClusterIssuer.class).getSpec().acme().solvers().get(0).http01().ingress())
        .isEqualTo(ClusterIssuer.IngressSolver.byAnnotation("istio"));
    assertThat(r.toYaml())
        .contains("            class: istio\n")
        .doesNotContain("ingressClassName");
    assertThat(r.only(Deployment.class).getSpec().getReplicas()).isEqualTo(2);
    check(r);
  }

  @Test
  void a_network_policy_needs_an_ingress_namespace() {
    WebSocketApp app = app().workload(Workload.image("websocket-app:1.0")).build();

    UnsupportedFeatureException e =
        catchThrowableOfType(
            UnsupportedFeatureException.class, () -> Platform.target().render(app));

    assertThat(e.errors())
        .containsExactly(
            new Finding(
                "CORE-NETWORK-POLICY-NO-INGRESS",
                Severity.ERROR,
                "NetworkPolicy realtime/websocket",
                "no ingress controller namespace is known, so the NetworkPolicy would refuse"
                    + " every client; it is not rendered.",
                "Render with the ingress target, or name its namespace with"
                    + " Platform.target().ingressFrom(\"<namespace>\")."));
    Rendering named = Platform.target().ingressFrom("envoy-gateway-system").render(app);
    NetworkPolicy policy = named.only(NetworkPolicy.class);
    assertThat(
            policy
                .getSpec()
                .getIngress()
                .get(0)
                .getFrom()
                .get(0)
                .getNamespaceSelector()
                .getMatchLabels())
        .isEqualTo(Map.of("kubernetes.io/metadata.name", "envoy-gateway-system"));
    assertThat(Platform.target().lenient().render(app).objects(NetworkPolicy.class)).isEmpty();
    SchemaConformance.assertValid(named);
  }

  @Test
  void test_tools_target_the_app() {
    WebSocketApp app = app().tls(Tls.secret("websocket-tls")).build();

    Pod pod = Platform.wscatPod(app);
    String k6 = Platform.k6Script(app, 100);

    assertThat(pod.getMetadata().getName()).isEqualTo("websocket-wscat");
    assertThat(Platform.serviceUrl(app)).isEqualTo("ws://websocket-service.realtime.svc:8080/ws");
    assertThat(Platform.publicUrl(app)).isEqualTo("wss://ws.example.com/ws");
    assertThat(k6)
        .contains("import { WebSocket } from 'k6/websockets';")
        .doesNotContain("k6/ws'")
        .contains("new WebSocket('wss://ws.example.com/ws')")
        .contains("{ duration: '1m', target: 100 }");
    assertThatThrownBy(() -> Platform.k6Script(app, 0))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("k6Script.sockets = 0: must be from 1 to 1000000.");
    SchemaConformance.assertValid(List.of(pod));
  }

  @Test
  void the_wscat_pod_is_not_one_of_the_app_pods() {
    WebSocketApp app = app().workload(workload().autoscale(3, 50)).build();
    Rendering r = Targets.render(app, NGINX, Platform.target());

    Pod pod = Platform.wscatPod(app);
    NetworkPolicy admit = Platform.wscatNetworkPolicy(app);

    // P3: the app's labels made the test pod a Service endpoint and put it under the app's
    // NetworkPolicy (no egress to the npm registry), PodDisruptionBudget and autoscaler.
    Map<String, String> labels = pod.getMetadata().getLabels();
    assertThat(labels)
        .containsExactly(
            Map.entry("app.kubernetes.io/managed-by", "wsingress"),
            Map.entry("app.kubernetes.io/name", "websocket-wscat"));
    assertThat(labels).doesNotContainEntry("app", "websocket");
    assertThat(selects(r.only(Service.class).getSpec().getSelector(), labels)).isFalse();
    assertThat(
            selects(
                r.only(NetworkPolicy.class).getSpec().getPodSelector().getMatchLabels(), labels))
        .isFalse();
    assertThat(
            selects(
                r.only(io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class)
                    .getSpec()
                    .getSelector()
                    .getMatchLabels(),
                labels))
        .isFalse();
    assertThat(pod.getMetadata().getNamespace()).isEqualTo("realtime");
    // ... and a policy of its own lets it through the app's NetworkPolicy to the app port.
    assertThat(admit.getMetadata().getName()).isEqualTo("websocket-wscat");
    assertThat(admit.getSpec().getPodSelector().getMatchLabels()).isEqualTo(app.labels());
    assertThat(admit.getSpec().getPolicyTypes()).containsExactly("Ingress");
    assertThat(
            admit.getSpec().getIngress().get(0).getFrom().get(0).getPodSelector().getMatchLabels())
        .isEqualTo(labels);
    assertThat(ports(admit.getSpec().getIngress().get(0).getPorts())).containsExactly(8080);
    SchemaConformance.assertValid(List.of(pod, admit));
  }

  private static boolean selects(Map<String, String> selector, Map<String, String> labels) {
    return labels.entrySet().containsAll(selector.entrySet());
  }

  @Test
  void the_service_monitor_carries_the_labels_its_prometheus_selects() {
    WebSocketApp app = app().workload(workload()).build();

    Rendering r =
        Targets.render(
            app,
            NGINX,
            Platform.target().serviceMonitorLabels(Map.of("release", "kube-prometheus-stack")));

    assertThat(r.only(ServiceMonitor.class).getMetadata().getLabels())
        .containsEntry("release", "kube-prometheus-stack")
        .containsEntry("app", "websocket");
    assertThat(r.finding("CORE-SERVICE-MONITOR-LABELS")).isEmpty();
    assertThat(Platform.target().serviceMonitorLabels(Map.of("release", "prom")))
        .hasToString("Platform[portName=http-ws, serviceMonitorLabels={release=prom}]");
    assertThatThrownBy(() -> Platform.target().serviceMonitorLabels(Map.of("release", "a b")))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageStartingWith(
            "Platform is invalid (1 problem):\n  - serviceMonitorLabels[\"release\"] = \"a b\":");
    assertThatThrownBy(() -> Platform.target().serviceMonitorLabels(Map.of()))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessage(
            "Platform is invalid (1 problem):\n  - serviceMonitorLabels = {}: needs at least one"
                + " label. Fix: give the labels the Prometheus selects, such as"
                + " Map.of(\"release\", \"<release>\").");
    Renderings.verify(r);
  }

  @Test
  void a_mesh_sidecar_port_is_opened_to_its_namespace() {
    Target viz =
        StandInTarget.of(
            "linkerd", needs -> needs.meshInboundPort(4143).sidecarPortFrom("linkerd-viz", 4191));
    WebSocketApp app = app().workload(Workload.image("websocket-app:1.0")).build();

    Rendering r = Targets.render(app, NGINX, viz, Platform.target());

    NetworkPolicy policy = r.only(NetworkPolicy.class);
    assertThat(policy.getSpec().getIngress()).hasSize(2);
    assertThat(
            policy
                .getSpec()
                .getIngress()
                .get(1)
                .getFrom()
                .get(0)
                .getNamespaceSelector()
                .getMatchLabels())
        .isEqualTo(Map.of("kubernetes.io/metadata.name", "linkerd-viz"));
    assertThat(ports(policy.getSpec().getIngress().get(1).getPorts())).containsExactly(4191);
    assertThat(r.finding("CORE-NETWORK-POLICY").orElseThrow().message())
        .isEqualTo(
            "pods accept the app port and the mesh proxy's inbound port [4143] only from"
                + " namespaces [ingress-nginx], 4191 from linkerd-viz, and call only DNS;"
                + " namespaces are matched by kubernetes.io/metadata.name.");
    SchemaConformance.assertValid(r);
  }

  @Test
  void options_reject_bad_input() {
    assertThatThrownBy(() -> Platform.target().ingressFrom("Ingress Nginx"))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("ingressFrom[0] = \"Ingress Nginx\"");
    assertThatThrownBy(() -> Platform.target().portName("metrics"))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessage(
            "Platform is invalid (1 problem):\n  - portName = \"metrics\": is the name of the"
                + " metrics port (Workload.metricsPort). Fix: use a name like \"http-ws\".");
    assertThatThrownBy(() -> Platform.target().adapterConfig("custom-metrics", "a b"))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("adapterConfig.name = \"a b\"");
    assertThat(Platform.target().ingressFrom("edge").monitoringNamespace("prometheus").lenient())
        .hasToString(
            "Platform[portName=http-ws, ingressFrom=[edge], monitoringNamespace=prometheus,"
                + " lenient]");
  }
}
