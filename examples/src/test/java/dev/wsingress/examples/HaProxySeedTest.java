package dev.wsingress.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.Finding;
import dev.wsingress.Rendering;
import dev.wsingress.Targets;
import dev.wsingress.WebSocketApp;
import dev.wsingress.Workload;
import dev.wsingress.haproxy.Backend;
import dev.wsingress.platform.Platform;
import dev.wsingress.testing.SchemaConformance;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The seed's HAProxy snippets, rebuilt: what is kept, what moved where, and why. */
class HaProxySeedTest {

  @Test
  void every_setting_lands_on_the_object_haproxytech_reads_it_from() {
    Rendering r = Targets.render(HaProxySeeds.app(), HaProxySeeds.target(), Platform.target());

    Map<String, String> ingress = r.only(Ingress.class).getMetadata().getAnnotations();
    assertThat(ingress)
        .containsEntry("haproxy.org/load-balance", "leastconn")
        .containsEntry("haproxy.org/check", "true")
        .containsEntry("haproxy.org/check-http", "/health")
        .containsEntry("haproxy.org/check-interval", "10s")
        .containsEntry("haproxy.org/rate-limit-requests", "10")
        .containsEntry("haproxy.org/rate-limit-period", "1s")
        .doesNotContainKeys("haproxy.org/timeout-tunnel", "haproxy.org/cookie-persistence");
    assertThat(r.only(Service.class).getMetadata().getAnnotations())
        .containsEntry("haproxy.org/cookie-persistence", "ws-server");
    ConfigMap cm = r.only(ConfigMap.class);
    assertThat(cm.getMetadata().getNamespace() + "/" + cm.getMetadata().getName())
        .isEqualTo("haproxy-ingress/haproxy-ingress-kubernetes-ingress");
    assertThat(cm.getData())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("timeout-tunnel", "3600s", "timeout-connect", "30s"))
        .doesNotContainKeys(
            "option-http-server-close",
            "option-forwardfor",
            "balance-algorithm",
            "check-timeout",
            "check-rise",
            "check-fall",
            "cookie",
            "rate-limit-sessions",
            "timeout-client",
            "timeout-server");
    assertThat(r.toYaml()).doesNotContain("haproxy-ingress.github.io");
    assertThat(r.findings())
        .extracting(Finding::code)
        .containsExactly(
            "HAPROXY-RATE-LIMIT",
            "HAPROXY-CLIENT-ADDRESS",
            "HAPROXY-CONFIGMAP-NAME",
            "HAPROXY-CONTROLLER-WIDE");
    SchemaConformance.assertValid(r);
  }

  @Test
  void the_network_policy_admits_the_namespace_the_seeds_controller_runs_in() {
    // H5: the seed installs the chart in haproxy-ingress, not the default haproxy-controller.
    WebSocketApp app =
        HaProxySeeds.app().toBuilder().workload(Workload.image("websocket-app:1")).build();

    Rendering r = Targets.render(app, HaProxySeeds.target(), Platform.target());

    NetworkPolicy policy = r.only(NetworkPolicy.class);
    assertThat(policy.getSpec().getIngress().get(0).getFrom())
        .extracting(
            p -> p.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"))
        .containsExactly("haproxy-ingress");
    assertThat(r.finding("CORE-NETWORK-POLICY").orElseThrow().message())
        .contains("haproxy-ingress");
    SchemaConformance.assertValid(r);
  }

  @Test
  void the_raw_backend_block_becomes_a_backend_resource() {
    Rendering r =
        Targets.render(
            HaProxySeeds.advancedApp(), HaProxySeeds.advancedTarget(), Platform.target());

    Backend.Spec spec = r.only(Backend.class).getSpec();
    assertThat(spec.balance().algorithm()).isEqualTo("leastconn");
    assertThat(spec.tunnelTimeout()).isEqualTo(3_600_000L);
    assertThat(spec.connectTimeout()).isEqualTo(30_000L);
    assertThat(spec.advCheck()).isEqualTo("httpchk");
    assertThat(spec.httpchkParams()).isEqualTo(new Backend.HttpCheck("GET", "/health"));
    assertThat(spec.defaultServer()).isEqualTo(new Backend.DefaultServer("enabled", null, 2L, 3L));
    assertThat(spec.cookie().name()).isEqualTo("SERVERID");
    assertThat(spec.cookie().type()).isEqualTo("insert");
    assertThat(spec.cookie().indirect()).isTrue();
    assertThat(spec.cookie().nocache()).isTrue();
    assertThat(r.only(Ingress.class).getMetadata().getAnnotations())
        .containsEntry("haproxy.org/cr-backend", "default/websocket");
    assertThat(r.toYaml()).doesNotContain("server ws1").doesNotContain("\\r\\nHost");
    assertThat(r.findings()).extracting(Finding::code).containsExactly("HAPROXY-VERSION-GATED");
    SchemaConformance.assertValid(r);
  }
}
