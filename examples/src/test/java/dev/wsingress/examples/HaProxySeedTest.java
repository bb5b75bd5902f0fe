package dev.wsingress.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.Affinity;
import dev.wsingress.Doctor;
import dev.wsingress.Finding;
import dev.wsingress.Import;
import dev.wsingress.Imported;
import dev.wsingress.Manifests;
import dev.wsingress.Rendering;
import dev.wsingress.Targets;
import dev.wsingress.WebSocketApp;
import dev.wsingress.Workload;
import dev.wsingress.haproxy.Backend;
import dev.wsingress.haproxy.HaProxy;
import dev.wsingress.nginx.Nginx;
import dev.wsingress.platform.Platform;
import dev.wsingress.testing.SchemaConformance;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.time.Duration;
import java.util.List;
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

  // --- the seed's own YAML, read back (issues 15 and 16) ----------------------------------------

  private static final HaProxy READER = HaProxy.target();

  private static List<String> haproxyFindings(String yaml) {
    return Doctor.with(READER).check(Manifests.parse(yaml, "seed.yaml")).findings().stream()
        .filter(f -> f.code().startsWith("HAPROXY"))
        .map(f -> f.source().orElseThrow().line() + " " + f.severity() + " " + f.code())
        .toList();
  }

  @Test
  void the_doctor_flags_what_the_seed_gets_wrong() {
    assertThat(haproxyFindings(HaProxySeeds.seedManifests()))
        .containsExactly(
            // haproxy.org/timeout-tunnel on the Ingress: ConfigMap-only, ignored there.
            "7 WARNING HAPROXY-CONFIGMAP-ONLY-KEY",
            // cookie-persistence on the Ingress: read, deprecated there.
            "9 INFO HAPROXY-COOKIE-ON-INGRESS",
            // the ConfigMap is read as the controller's, if --configmap names it (the seed's
            // Helm release names haproxy-ingress/haproxy-ingress-kubernetes-ingress instead).
            "27 INFO HAPROXY-CONFIGMAP-READ",
            // keys haproxytech does not have (the seed's HAProxy and jcmoraisjr vocabulary).
            "42 WARNING HAPROXY-UNKNOWN-KEY",
            "43 WARNING HAPROXY-UNKNOWN-KEY",
            "46 WARNING HAPROXY-UNKNOWN-KEY",
            "50 WARNING HAPROXY-UNKNOWN-KEY",
            "51 WARNING HAPROXY-UNKNOWN-KEY",
            "52 WARNING HAPROXY-UNKNOWN-KEY",
            "55 WARNING HAPROXY-UNKNOWN-KEY",
            "58 WARNING HAPROXY-UNKNOWN-KEY");
    // The raw backend block is no controller's ConfigMap: not claimed, nothing said.
    assertThat(haproxyFindings(HaProxySeeds.seedAdvancedManifests())).isEmpty();
  }

  @Test
  void the_seeds_yaml_converts_with_what_haproxytech_really_does() {
    Imported in =
        Import.with(READER).from(Manifests.parse(HaProxySeeds.seedManifests(), "seed.yaml"));
    WebSocketApp app = in.apps().get(0);
    WebSocketApp corrected = HaProxySeeds.app();
    // Carried as the controller applies them: host, route, backend, the ConfigMap's timeouts, the
    // Ingress's cookie (without HttpOnly: cookie-persistence sets none), the check.
    assertThat(app.hosts()).isEqualTo(corrected.hosts());
    assertThat(app.routes()).isEqualTo(corrected.routes());
    assertThat(app.idleTimeout()).isEqualTo(corrected.idleTimeout());
    assertThat(app.connectTimeout()).isEqualTo(corrected.connectTimeout());
    assertThat(app.healthCheck()).isEqualTo(corrected.healthCheck());
    assertThat(app.affinity()).contains(Affinity.cookie("ws-server").httpOnly(false));
    // Not carried: rate-limit-sessions is no key (HAPROXY-UNKNOWN-KEY), so no limit applies;
    // HaProxySeeds.app() adds the limit the seed meant.
    assertThat(app.rateLimit()).isEmpty();
    assertThat(in.importedApps().get(0).target())
        .isEqualTo(HaProxy.target().controllerConfig("haproxy-ingress", "haproxy-configmap"));
  }

  @Test
  void the_corrected_rendering_reads_back_as_the_corrected_app() {
    String yaml = Targets.render(HaProxySeeds.app(), HaProxySeeds.target()).toYaml();
    Imported in = Import.with(HaProxySeeds.target()).from(Manifests.parse(yaml, "rendered.yaml"));
    WebSocketApp app = in.apps().get(0);
    assertThat(app.routes()).isEqualTo(HaProxySeeds.app().routes());
    assertThat(app.idleTimeout()).isEqualTo(Duration.ofHours(1));
    assertThat(app.connectTimeout()).contains(Duration.ofSeconds(30));
    assertThat(app.rateLimit()).isEqualTo(HaProxySeeds.app().rateLimit());
    assertThat(app.healthCheck()).isEqualTo(HaProxySeeds.app().healthCheck());
    assertThat(in.importedApps().get(0).target()).isEqualTo(HaProxySeeds.target());
    assertThat(in.importedApps().get(0).render().toYaml()).isEqualTo(yaml);
    // The Backend resource of the advanced seed brings rise and fall back too.
    String advanced =
        Targets.render(HaProxySeeds.advancedApp(), HaProxySeeds.advancedTarget()).toYaml();
    WebSocketApp back =
        Import.with(HaProxySeeds.advancedTarget())
            .from(Manifests.parse(advanced, "advanced.yaml"))
            .apps()
            .get(0);
    assertThat(back.healthCheck()).isEqualTo(HaProxySeeds.advancedApp().healthCheck());
    assertThat(back.affinity()).contains(Affinity.cookie("SERVERID"));
  }

  // --- cross-target: the seed's ingress-nginx app, converted to HAProxy (issue 16)
  // ----------------

  @Test
  void the_seeds_ingress_nginx_app_moves_to_haproxy_with_every_websocket_setting_or_a_finding() {
    WebSocketApp seed = NginxSeeds.fullIngress();
    String nginx = Targets.render(seed, Nginx.target()).toYaml();
    WebSocketApp app =
        Import.with(Nginx.target()).from(Manifests.parse(nginx, "nginx.yaml")).apps().get(0);
    assertThat(app.idleTimeout()).isEqualTo(Duration.ofHours(1));
    assertThat(app.affinity()).isEqualTo(seed.affinity());
    assertThat(app.tls()).isEqualTo(seed.tls());
    assertThat(app.rateLimit()).isEqualTo(seed.rateLimit());
    assertThat(app.cors()).isEqualTo(seed.cors());

    // With a Backend resource, which carries the cookie's attributes: every WebSocket setting is
    // written, or the rendering says why not.
    HaProxy haproxy = HaProxy.target().backendResource().lenient();
    Rendering r = Targets.render(app, haproxy);
    assertThat(r.findings())
        .extracting(Finding::code)
        .containsExactly(
            "HAPROXY-PLAIN-WS-REDIRECT",
            "HAPROXY-RATE-LIMIT",
            // the per-client connection limit: haproxytech has none.
            "HAPROXY-MAX-CONNECTIONS",
            "HAPROXY-CORS-HANDSHAKE",
            "HAPROXY-CLIENT-ADDRESS",
            "HAPROXY-VERSION-GATED");
    WebSocketApp moved =
        Import.with(haproxy).from(Manifests.parse(r.toYaml(), "haproxy.yaml")).apps().get(0);
    // The idle timeout is the tunnel timeout (the Backend's tunnel_timeout), 1 h.
    assertThat(moved.idleTimeout()).isEqualTo(Duration.ofHours(1));
    // The cookie with Max-Age and Path; HAProxy has no rebalancing mode (a client with the
    // cookie stays on its server), so the spec's mode is not among what HAProxy expresses.
    assertThat(moved.affinity())
        .contains(Affinity.cookie("ws-server").maxAge(Duration.ofDays(1)).path("/"));
    assertThat(moved.tls()).isEqualTo(seed.tls());
    assertThat(moved.rateLimit()).isEqualTo(seed.rateLimit());
    assertThat(moved.cors()).isEqualTo(seed.cors());
    assertThat(moved.maxConnectionsPerClient()).isEmpty();

    // With annotations only, the cookie goes on the app's Service, which is not rendered here, and
    // carries the name only: both reported.
    assertThat(Targets.render(app, HaProxy.target().lenient()).findings())
        .extracting(Finding::code)
        .contains(
            "HAPROXY-COOKIE-ATTRIBUTES", "HAPROXY-SERVICE-ANNOTATIONS", "HAPROXY-TUNNEL-DEFAULT");
  }
}
