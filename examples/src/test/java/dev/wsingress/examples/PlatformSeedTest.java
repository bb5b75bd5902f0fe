package dev.wsingress.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wsingress.Finding;
import dev.wsingress.InvalidSpecException;
import dev.wsingress.Problem;
import dev.wsingress.Rendering;
import dev.wsingress.Targets;
import dev.wsingress.nginx.Nginx;
import dev.wsingress.platform.Certificate;
import dev.wsingress.platform.ClusterIssuer;
import dev.wsingress.platform.Platform;
import dev.wsingress.platform.ServiceMonitor;
import dev.wsingress.testing.SchemaConformance;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The seed's workload side, rebuilt from one description: kept, corrected, and why. */
class PlatformSeedTest {
  private final Rendering r =
      Targets.render(
          PlatformSeeds.app(), Nginx.target().ingressClass("nginx"), PlatformSeeds.target());

  @Test
  void deployment_and_service() {
    Deployment d = r.only(Deployment.class);
    var pod = d.getSpec().getTemplate().getSpec();
    assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(45L); // seed: default 30 s
    assertThat(pod.getContainers().get(0).getLifecycle().getPreStop().getExec().getCommand())
        .containsExactly("/bin/sh", "-c", "sleep 15");
    assertThat(pod.getContainers().get(0).getEnv())
        .extracting(e -> e.getName() + "=" + e.getValue())
        .containsExactly("MAX_CONNECTIONS=10000", "PING_INTERVAL=30000", "PORT=8080");
    assertThat(d.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("prometheus.io/scrape", "true");
    Service s = r.only(Service.class);
    assertThat(s.getSpec().getPorts())
        .extracting(p -> p.getName() + ":" + p.getPort())
        .containsExactly("http-ws:8080", "metrics:9090");
    assertThat(s.getSpec().getSessionAffinity()).isEqualTo("ClientIP");
    assertThat(r.finding("CORE-SERVICE-AFFINITY").orElseThrow().message())
        .contains("(ingress-nginx here) ignore it");
    assertThat(r.only(PodDisruptionBudget.class).getSpec().getMaxUnavailable().getIntVal())
        .isEqualTo(1);
  }

  @Test
  void autoscaler_and_metrics() {
    HorizontalPodAutoscaler hpa = r.only(HorizontalPodAutoscaler.class);
    assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(3);
    assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(50);
    assertThat(hpa.getSpec().getMetrics()).hasSize(3);
    assertThat(hpa.getSpec().getBehavior().getScaleDown().getStabilizationWindowSeconds())
        .isEqualTo(300);
    assertThat(r.only(ServiceMonitor.class).getSpec().endpoints())
        .containsExactly(new ServiceMonitor.Endpoint("metrics", "30s", "/metrics"));
    ConfigMap adapter = r.only(ConfigMap.class);
    assertThat(adapter.getMetadata().getName()).isEqualTo("adapter-config");
    assertThat(adapter.getData().get("config.yaml")).contains("as: \"websocket_connections\"");
    ConfigMap dashboard = Platform.dashboard(PlatformSeeds.app(), "monitoring");
    assertThat(dashboard.getData().get("websocket-app.json"))
        .contains("sum(websocket_connections_active{namespace=\\\"default\\\"})");
    SchemaConformance.assertValid(List.of(dashboard));
  }

  @Test
  void network_policy_selects_namespaces_by_their_automatic_label() {
    NetworkPolicy policy = r.only(NetworkPolicy.class);
    assertThat(policy.getSpec().getIngress().get(0).getFrom())
        .extracting(p -> p.getNamespaceSelector().getMatchLabels())
        .containsExactly(
            Map.of("kubernetes.io/metadata.name", "ingress-nginx"),
            Map.of("kubernetes.io/metadata.name", "istio-system"));
    assertThat(r.toYaml()).doesNotContain("\n              name: ingress-nginx");
    assertThat(policy.getSpec().getEgress())
        .extracting(e -> e.getPorts().get(0).getPort().getIntVal())
        .containsExactly(53, 6379);
  }

  @Test
  void certificate_without_the_wildcard_and_issuer_with_ingress_class_name() {
    Certificate cert = r.only(Certificate.class);
    assertThat(cert.getSpec().dnsNames()).containsExactly("ws.example.com");
    assertThat(r.only(ClusterIssuer.class).getSpec().acme().solvers().get(0).http01().ingress())
        .isEqualTo(new ClusterIssuer.IngressSolver("nginx"));
    assertThat(r.toYaml()).doesNotContain("class: nginx");
    InvalidSpecException e =
        catchThrowableOfType(
            InvalidSpecException.class, PlatformSeeds.certificateAsWritten()::build);
    assertThat(e.problems()).extracting(Problem::field).containsExactly("tls.issuer.http01");
    SchemaConformance.assertValid(r);
  }

  @Test
  void test_tools() {
    Pod wscat = Platform.wscatPod(PlatformSeeds.app());
    assertThat(wscat.getSpec().getContainers().get(0).getCommand())
        .containsExactly("/bin/sh", "-c", "npm install -g wscat@6 && sleep infinity");
    assertThat(Platform.k6Script(PlatformSeeds.app(), 100))
        .contains("from 'k6/websockets'")
        .contains("wss://ws.example.com/ws");
    SchemaConformance.assertValid(List.of(wscat));
  }

  @Test
  void ack_echo_server() {
    Rendering ack =
        Targets.render(
            PlatformSeeds.ackEchoServer(), Nginx.target(), Platform.target().portName("ws"));

    Deployment d = ack.only(Deployment.class);
    assertThat(d.getMetadata().getName()).isEqualTo("websocket-server");
    assertThat(d.getSpec().getReplicas()).isEqualTo(1);
    assertThat(
            d.getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getPorts()
                .get(0)
                .getContainerPort())
        .isEqualTo(3000);
    assertThat(ack.only(Service.class).getSpec().getPorts().get(0).getName()).isEqualTo("ws");
    assertThat(ack.findings()).extracting(Finding::code).contains("CORE-DRAIN");
    SchemaConformance.assertValid(ack);
  }
}
