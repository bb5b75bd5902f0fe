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
  void the_cookie_ttl_has_no_duration_rule_so_a_session_cookie_passes() {
    // istio/api marks HTTPCookie.ttl "+protoc-gen-crd:duration-validation:none" (#3260), so the
    // walk finds no rule there, while the connection pool's durations have one.
    assertThat(IstioCelRules.durationPaths().get("DestinationRule"))
        .doesNotContain("spec.trafficPolicy.loadBalancer.consistentHash.httpCookie.ttl")
        .contains("spec.trafficPolicy.connectionPool.tcp.connectTimeout");
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
                new io.fabric8.istio.api.api.networking.v1alpha3
                        .LoadBalancerSettingsConsistentHashBuilder()
                    .withNewConsistentHash()
                    .withHashKey(
                        new io.fabric8.istio.api.api.networking.v1alpha3
                                .LoadBalancerSettingsConsistentHashLBHttpCookieBuilder()
                            .withNewHttpCookie()
                            .withName("c")
                            .withTtl("0s")
                            .endHttpCookie()
                            .build())
                    .endConsistentHash()
                    .build())
            .endLoadBalancer()
            .withNewConnectionPool()
            .withNewTcp()
            .withConnectTimeout("0s")
            .endTcp()
            .endConnectionPool()
            .endTrafficPolicy()
            .endSpec()
            .build();

    assertThat(IstioCelRules.violations(List.of(dr)))
        .containsExactly(
            "DestinationRule dr spec.trafficPolicy.connectionPool.tcp.connectTimeout: 0s is below"
                + " 1ms");
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
  void checks_the_load_balancer_of_each_subset_too() {
    DestinationRule dr =
        new DestinationRuleBuilder()
            .withNewMetadata()
            .withName("dr")
            .endMetadata()
            .withNewSpec()
            .withHost("h")
            .addNewSubset()
            .withName("websocket")
            .withNewTrafficPolicy()
            .withNewLoadBalancer()
            .withWarmupDurationSecs("10s")
            .endLoadBalancer()
            .withNewConnectionPool()
            .withNewHttp()
            .withIdleTimeout("0s")
            .endHttp()
            .endConnectionPool()
            .endTrafficPolicy()
            .endSubset()
            .endSpec()
            .build();

    assertThat(IstioCelRules.violations(List.of(dr)))
        .containsExactlyInAnyOrder(
            "DestinationRule dr spec.subsets.[].trafficPolicy.connectionPool.http.idleTimeout: 0s"
                + " is below 1ms",
            "DestinationRule dr loadBalancer: needs exactly one of simple and consistentHash");
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
