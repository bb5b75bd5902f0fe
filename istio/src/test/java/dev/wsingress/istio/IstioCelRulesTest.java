package dev.wsingress.istio;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsSimpleLB;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.DestinationRuleBuilder;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.api.networking.v1.VirtualServiceBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checker itself: it finds the rules in the CRDs and catches the seed's mistakes. */
class IstioCelRulesTest {

  @Test
  void finds_the_duration_rules_in_the_upstream_crds() {
    assertThat(IstioCelRules.durationPaths().get("VirtualService"))
        .contains("spec.http.[].timeout");
    assertThat(IstioCelRules.durationPaths().get("DestinationRule"))
        .contains(
            "spec.trafficPolicy.connectionPool.tcp.connectTimeout",
            "spec.trafficPolicy.connectionPool.http.idleTimeout");
  }

  @Test
  void catches_a_zero_route_timeout() {
    VirtualService vs =
        new VirtualServiceBuilder()
            .withNewMetadata()
            .withName("seed")
            .endMetadata()
            .withNewSpec()
            .addNewHttp()
            .withTimeout("0s")
            .endHttp()
            .endSpec()
            .build();

    assertThat(IstioCelRules.violations(List.of(vs)))
        .containsExactly("VirtualService seed spec.http.[].timeout: 0s is below 1ms");
  }

  @Test
  void accepts_a_simple_load_balancer() {
    DestinationRule dr =
        new DestinationRuleBuilder()
            .withNewMetadata()
            .withName("dr")
            .endMetadata()
            .withNewSpec()
            .withHost("h")
            .withNewTrafficPolicy()
            .withNewLoadBalancer()
            .withLbPolicy(
                new io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsSimpleBuilder()
                    .withSimple(LoadBalancerSettingsSimpleLB.ROUND_ROBIN)
                    .build())
            .endLoadBalancer()
            .endTrafficPolicy()
            .endSpec()
            .build();

    assertThat(IstioCelRules.violations(List.of(dr))).isEmpty();
  }
}
