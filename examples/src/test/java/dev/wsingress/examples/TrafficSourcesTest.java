package dev.wsingress.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.Rendering;
import dev.wsingress.Target;
import dev.wsingress.Targets;
import dev.wsingress.WebSocketApp;
import dev.wsingress.haproxy.HaProxy;
import dev.wsingress.istio.Istio;
import dev.wsingress.linkerd.Linkerd;
import dev.wsingress.linkerd.MeshTLSAuthentication;
import dev.wsingress.nginx.Nginx;
import dev.wsingress.platform.Certificate;
import dev.wsingress.platform.Platform;
import dev.wsingress.traefik.Traefik;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The facts each real target contributes about its own proxy reach the objects other targets
 * render: the platform NetworkPolicy, the Service affinity finding, the Certificate's namespace,
 * Linkerd's authorization. (The platform and Linkerd modules test with stand-ins.)
 */
class TrafficSourcesTest {
  private static final WebSocketApp APP = PlatformSeeds.app();

  private static List<String> allowedNamespaces(Rendering r) {
    List<String> namespaces = new ArrayList<>();
    for (NetworkPolicyPeer peer :
        r.only(NetworkPolicy.class).getSpec().getIngress().get(0).getFrom()) {
      LabelSelector selector = peer.getNamespaceSelector();
      namespaces.add(selector.getMatchLabels().get("kubernetes.io/metadata.name"));
    }
    return namespaces;
  }

  private static Rendering withPlatform(Target ingress) {
    return Targets.render(APP, ingress.lenient(), Platform.target().lenient());
  }

  @Test
  void each_ingress_target_names_the_namespace_its_traffic_comes_from() {
    assertThat(allowedNamespaces(withPlatform(Nginx.target()))).containsExactly("ingress-nginx");
    assertThat(allowedNamespaces(withPlatform(Traefik.target()))).containsExactly("traefik");
    assertThat(allowedNamespaces(withPlatform(Traefik.ingress()))).containsExactly("traefik");
    assertThat(allowedNamespaces(withPlatform(HaProxy.target())))
        .containsExactly("haproxy-controller");
    assertThat(allowedNamespaces(withPlatform(Istio.target()))).containsExactly("istio-system");
  }

  @Test
  void each_proxy_balancing_over_endpoints_is_named_in_the_service_affinity_finding() {
    for (Target t :
        List.of(
            Nginx.target(),
            Traefik.target(),
            HaProxy.target(),
            Istio.target(),
            GatewayApiMigration.target())) {
      assertThat(withPlatform(t).finding("CORE-SERVICE-AFFINITY").orElseThrow().message())
          .contains("(" + t.displayName() + " here)");
    }
  }

  @Test
  void istio_places_the_certificate_and_opens_egress_to_istiod() {
    Rendering r = withPlatform(Istio.target());

    assertThat(r.only(Certificate.class).getMetadata().getNamespace()).isEqualTo("istio-system");
    assertThat(r.finding("CORE-NETWORK-POLICY").orElseThrow().message())
        .contains("the mesh control plane [istio-system:15012]");
  }

  @Test
  void
      linkerd_authorizes_the_service_account_of_the_ingress_target_and_reaches_its_control_plane() {
    Rendering r =
        Targets.render(
            APP, Traefik.target().lenient(), Linkerd.target(), Platform.target().lenient());

    assertThat(r.only(MeshTLSAuthentication.class).getSpec().identityRefs())
        .extracting(ref -> ref.namespace() + "/" + ref.name())
        .containsExactly("traefik/traefik");
    assertThat(r.finding("CORE-NETWORK-POLICY").orElseThrow().message())
        .contains("the mesh control plane [linkerd:8080,8086,8090]");
  }
}
