package dev.wsingress.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import dev.wsingress.Affinity;
import dev.wsingress.Doctor;
import dev.wsingress.Finding;
import dev.wsingress.InvalidSpecException;
import dev.wsingress.Manifests;
import dev.wsingress.Problem;
import dev.wsingress.Rendering;
import dev.wsingress.Report;
import dev.wsingress.ServedRoute;
import dev.wsingress.Setting;
import dev.wsingress.Severity;
import dev.wsingress.Targets;
import dev.wsingress.UnsupportedFeatureException;
import dev.wsingress.istio.Istio;
import dev.wsingress.platform.Platform;
import dev.wsingress.testing.Renderings;
import dev.wsingress.testing.SchemaConformance;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The seed's Istio snippets, rebuilt: what is kept, what is corrected, and why. */
class IstioSeedTest {

  @Test
  void two_affinities_are_refused_at_build() {
    InvalidSpecException e =
        catchThrowableOfType(InvalidSpecException.class, IstioSeeds.meshAsWritten()::build);

    assertThat(e.problems()).extracting(Problem::field).containsExactly("stickySessions");
  }

  @Test
  void the_corrected_mesh_renders_on_v1_without_the_seed_mistakes() {
    Rendering r = Targets.render(IstioSeeds.mesh(), IstioSeeds.target(), IstioSeeds.platform());
    String yaml = r.toYaml();

    assertThat(r.objects())
        .extracting(HasMetadata::getApiVersion)
        .containsOnly("v1", "networking.istio.io/v1");
    assertThat(yaml)
        .doesNotContain("websocketUpgrade")
        .doesNotContain("timeout: 0s")
        .doesNotContain("consecutiveErrors")
        .doesNotContain("h2UpgradePolicy: UPGRADE")
        .doesNotContain("maxConnections")
        .doesNotContain("http2MaxRequests")
        .doesNotContain("sessionAffinity");
    VirtualService vs = r.only(VirtualService.class);
    assertThat(vs.getSpec().getHttp().get(0).getTimeout()).isNull();
    assertThat(vs.getSpec().getGateways()).containsExactly("default/websocket");
    assertThat(yaml).contains("exact: /ws\n").contains("prefix: /ws/\n");
    DestinationRule dr = r.only(DestinationRule.class);
    var policy = dr.getSpec().getTrafficPolicy();
    assertThat(yaml).contains("h2UpgradePolicy: DO_NOT_UPGRADE");
    assertThat(policy.getLoadBalancer().getLbPolicy().getClass().getSimpleName())
        .isEqualTo("LoadBalancerSettingsConsistentHash");
    assertThat(policy.getOutlierDetection().getConsecutiveGatewayErrors()).isEqualTo(5);
    // Without it Istio's default of 5 consecutive 5xx would make the gateway-error rule moot.
    assertThat(policy.getOutlierDetection().getConsecutive5xxErrors()).isEqualTo(0);
    assertThat(policy.getOutlierDetection().getInterval()).isEqualTo("30s");
    assertThat(policy.getOutlierDetection().getMaxEjectionPercent()).isEqualTo(50);
    assertThat(policy.getOutlierDetection().getMinHealthPercent()).isEqualTo(50);
    assertThat(r.only(Gateway.class).getSpec().getServers())
        .extracting(s -> s.getPort().getNumber())
        .containsExactly(80L, 443L);
    Service service = r.only(Service.class);
    assertThat(service.getSpec().getPorts().get(0).getName()).isEqualTo("http-websocket");
    assertThat(r.findings())
        .extracting(Finding::code)
        .containsExactly(
            "ISTIO-STREAM-IDLE",
            "ISTIO-HTTPS-REDIRECT",
            "ISTIO-CREDENTIAL-NAMESPACE",
            "ISTIO-SOFT-AFFINITY",
            "ISTIO-HEALTH-CHECK-PASSIVE");
    SchemaConformance.assertValid(r);
    Renderings.assertCleanUnderDoctor(r);
  }

  @Test
  void the_doctor_reads_the_corrected_mesh_as_the_seed_meant_it() {
    Rendering r = Targets.render(IstioSeeds.mesh(), IstioSeeds.target(), IstioSeeds.platform());
    Report report = Doctor.check(Manifests.parse(r.toYaml(), "seed.yaml"));

    ServedRoute ws = report.routes("ws.example.com", "/ws/room").get(0);
    assertThat(ws.targetId()).isEqualTo("istio");
    assertThat(ws.pathMatch()).isEqualTo(ServedRoute.PathMatch.PREFIX);
    assertThat(ws.isWebSocket()).isTrue();
    assertThat(ws.affinity().orElseThrow().value())
        .isEqualTo(Affinity.cookie("session-affinity").maxAge(Duration.ofSeconds(3600)));
    assertThat(ws.tls().orElseThrow().value().secretName()).isEqualTo("websocket-tls");
    // The DestinationRule's connectionPool idle timeout, where the writer puts the spec's idle
    // timeout (it bounds pooled connections without an active request; Istio sets no stream idle
    // timeout, so an open socket outlives it).
    assertThat(ws.idleTimeout().orElseThrow().value()).isEqualTo(Duration.ofHours(1));
    assertThat(ws.idleTimeout().orElseThrow().origin()).isEqualTo(Setting.Origin.ROUTE);
    assertThat(report.routes("ws.example.com", "/wsx")).isEmpty();
    assertThat(report.count(Severity.WARNING) + report.count(Severity.ERROR)).isZero();
  }

  @Test
  void the_main_services_port_name_leaves_istio_to_sniff_the_protocol() {
    Rendering r =
        Targets.render(
            IstioSeeds.mesh(), IstioSeeds.target(), IstioSeeds.platformAsWrittenElsewhere());

    assertThat(r.finding("CORE-PORT-NAME-PROTOCOL").orElseThrow().severity())
        .isEqualTo(Severity.WARNING);
    assertThat(r.finding("CORE-PORT-NAME-PROTOCOL").orElseThrow().message())
        .contains("\"websocket\" does not start with http-")
        .endsWith("without one the proxies must detect HTTP by sniffing each connection.");
  }

  @Test
  void three_backends_get_one_entry_per_route_and_rules_for_the_websocket_services_only() {
    Rendering r = Targets.render(IstioSeeds.threeBackends(), Istio.target(), Platform.target());

    VirtualService vs = r.only(VirtualService.class);
    assertThat(vs.getSpec().getHttp())
        .extracting(
            h -> h.getRoute().get(0).getDestination().getHost(),
            h -> h.getRewrite() == null ? null : h.getRewrite().getUri(),
            HTTPRoute::getTimeout)
        .containsExactly(
            tuple("notify.default.svc.cluster.local", "/ws", null),
            tuple("notify.default.svc.cluster.local", "/ws/", null),
            tuple("chat-api.default.svc.cluster.local", null, "30s"),
            tuple("chat-ws.default.svc.cluster.local", null, null),
            tuple("frontend.default.svc.cluster.local", null, null));
    Renderings.assertCleanUnderDoctor(r);
    assertThat(r.objects(DestinationRule.class))
        .extracting(d -> d.getSpec().getHost())
        .containsExactly("chat-ws.default.svc.cluster.local", "notify.default.svc.cluster.local");
    assertThat(r.objects(Service.class))
        .extracting(s -> s.getMetadata().getName())
        .containsExactly("chat-ws");
    SchemaConformance.assertValid(r);
  }

  @Test
  void a_route_port_given_by_name_is_refused_with_the_fix() {
    UnsupportedFeatureException e =
        catchThrowableOfType(
            UnsupportedFeatureException.class,
            () -> Istio.target().render(IstioSeeds.threeBackendsAsWritten()));

    assertThat(e.errors())
        .extracting(Finding::code, Finding::hint)
        .containsExactly(
            tuple(
                "ISTIO-PORT-NUMBER",
                "Give the Service port by number: .to(service, port) on the route, or"
                    + " .service(name, port) for the app's own Service."));
  }
}
