package dev.wsingress.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.wsingress.Doctor;
import dev.wsingress.Finding;
import dev.wsingress.Manifests;
import dev.wsingress.Rendering;
import dev.wsingress.Report;
import dev.wsingress.Targets;
import dev.wsingress.platform.Platform;
import dev.wsingress.testing.Renderings;
import dev.wsingress.testing.SchemaConformance;
import dev.wsingress.traefik.IngressRoute;
import dev.wsingress.traefik.Middleware;
import dev.wsingress.traefik.ServersTransport;
import dev.wsingress.traefik.Traefik;
import dev.wsingress.traefik.TraefikService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed's Traefik snippets, rebuilt: what is kept, what is corrected, and why. */
class TraefikSeedTest {
  private final Rendering r = TraefikSeeds.target().render(TraefikSeeds.app());

  @Test
  void everything_is_on_traefik_io_and_referenced() {
    assertThat(r.objects())
        .extracting(HasMetadata::getApiVersion)
        .containsOnly("traefik.io/v1alpha1");
    assertThat(r.toYaml())
        .doesNotContain("traefik.containo.us")
        .doesNotContain("sslRedirect")
        .doesNotContain("sslForceHost")
        .doesNotContain("insecureSkipVerify")
        .doesNotContain("X-Forwarded-Proto")
        .doesNotContain("responseHeaderTimeout")
        .doesNotContain("idleConnTimeout");
    IngressRoute route = r.objects(IngressRoute.class).get(0);
    assertThat(route.getSpec().entryPoints()).containsExactly("websecure");
    assertThat(route.getSpec().tls().secretName()).isEqualTo("websocket-tls");
    assertThat(route.getSpec().routes().get(0).middlewares())
        .extracting(IngressRoute.MiddlewareRef::name)
        .containsExactly(
            "websocket-ratelimit", "websocket-security-headers", "websocket-circuit-breaker");
    IngressRoute.Service service = route.getSpec().routes().get(0).services().get(0);
    assertThat(service.serversTransport()).isEqualTo("websocket-transport");
    assertThat(service.sticky().cookie())
        .isEqualTo(new IngressRoute.Cookie("websocket_server", true, true, "strict", null, null));
  }

  @Test
  void the_middlewares_keep_the_seed_values() {
    List<Middleware> middlewares = r.objects(Middleware.class);
    Middleware limit = byName(middlewares, "websocket-ratelimit");
    assertThat(limit.getSpec().rateLimit().average()).isEqualTo(100L);
    assertThat(limit.getSpec().rateLimit().period()).isEqualTo("1m");
    assertThat(limit.getSpec().rateLimit().burst()).isEqualTo(50L);
    Middleware headers = byName(middlewares, "websocket-security-headers");
    assertThat(headers.getSpec().headers().customFrameOptionsValue()).isEqualTo("SAMEORIGIN");
    assertThat(headers.getSpec().headers().contentTypeNosniff()).isTrue();
    assertThat(
            byName(middlewares, "websocket-circuit-breaker")
                .getSpec()
                .circuitBreaker()
                .expression())
        .isEqualTo("ResponseCodeRatio(500, 600, 0, 600) > 0.30");
    assertThat(byName(middlewares, "websocket-redirect").getSpec().redirectScheme())
        .isEqualTo(new Middleware.RedirectScheme("https", true));
    assertThat(r.only(ServersTransport.class).getSpec().forwardingTimeouts().dialTimeout())
        .isEqualTo("30s");
  }

  @Test
  void the_findings_explain_what_traefik_only_approximates() {
    assertThat(r.findings())
        .extracting(Finding::code)
        .containsExactly(
            "TRAEFIK-ENTRYPOINT-TIMEOUTS",
            "TRAEFIK-RATE-LIMIT-HANDSHAKES",
            "TRAEFIK-VERSION-GATED");
    assertThat(r.finding("TRAEFIK-VERSION-GATED").orElseThrow().message())
        .isEqualTo("strategy: p2c needs Traefik v3.4 or newer (rendering for v3.7).");
    SchemaConformance.assertValid(r);
  }

  @Test
  void the_seeds_traefik_service_reads_back_typed_and_shows_why_its_cookie_moved() {
    // The seed's TraefikService, on the current group (the seed's traefik.containo.us is gone).
    String seed =
        "apiVersion: traefik.io/v1alpha1\n"
            + "kind: TraefikService\n"
            + "metadata:\n  name: websocket-sticky\n  namespace: default\n"
            + "spec:\n"
            + "  weighted:\n"
            + "    sticky:\n"
            + "      cookie: {name: websocket_server, secure: true, httpOnly: true,"
            + " sameSite: strict}\n"
            + "    services:\n"
            + "      - {name: websocket-service, port: 8080, weight: 1}\n";

    TraefikService ts = (TraefikService) dev.wsingress.Yaml.read(seed).get(0);

    assertThat(ts.getSpec().weighted().sticky().cookie().name()).isEqualTo("websocket_server");
    assertThat(ts.getSpec().weighted().services())
        .singleElement()
        .satisfies(child -> assertThat(child.sticky()).as("no pod-level cookie").isNull());
    SchemaConformance.assertValid(List.of(ts));
    // The corrected rendering puts that cookie on the pod-level service entry instead.
    assertThat(
            r.objects(IngressRoute.class)
                .get(0)
                .getSpec()
                .routes()
                .get(0)
                .services()
                .get(0)
                .sticky()
                .cookie()
                .name())
        .isEqualTo("websocket_server");
    assertThat(r.objects(TraefikService.class)).isEmpty();
  }

  @Test
  void the_three_backend_app_sends_each_route_to_its_own_backend() {
    Rendering crd = Traefik.target().lenient().render(TraefikSeeds.threeBackends());
    Rendering ingress =
        Targets.render(
            TraefikSeeds.threeBackends(), Traefik.ingress().lenient(), Platform.target());

    assertThat(crd.objects(IngressRoute.class).get(0).getSpec().routes())
        .extracting(
            route -> route.services().get(0).name(),
            route -> route.services().get(0).sticky() != null,
            route -> route.middlewares().size())
        .containsExactly(
            tuple("chat-ws", true, 0),
            tuple("chat-api", false, 0),
            tuple("notify", true, 1),
            tuple("frontend", false, 0));
    assertThat(crd.finding("TRAEFIK-REQUEST-TIMEOUT").orElseThrow().message())
        .isEqualTo(
            "Traefik has no request deadline for a router or a service, so the request timeout"
                + " of 30 s of the plain HTTP route /api is not written.");
    assertThat(ingress.objects(Ingress.class))
        .extracting(i -> i.getMetadata().getName())
        .as("a group per kind and router annotations, named in the order of the paths")
        .containsExactly(
            "chat", "chat-http", "chat-http-api", "chat-redirect", "chat-rewrite-notify");
    assertThat(ingress.finding("TRAEFIK-BACKEND-SERVICE-ANNOTATIONS").orElseThrow().subject())
        .isEqualTo("Service default/notify");
    SchemaConformance.assertValid(crd);
    SchemaConformance.assertValid(ingress);
  }

  private static Middleware byName(List<Middleware> list, String name) {
    return list.stream()
        .filter(m -> m.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void the_doctor_flags_the_seed_s_own_yaml_and_passes_its_rebuild() throws Exception {
    String seed;
    try (var in = TraefikSeedTest.class.getResourceAsStream("traefik-seed.yaml")) {
      seed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Report original =
        Doctor.with(Traefik.target()).check(Manifests.parse(seed, "traefik-seed.yaml"));
    assertThat(traefik(original))
        .as("every object of the seed is in Traefik v2's API group, which v3 does not read")
        .containsExactly(
            "ERROR TRAEFIK-API-REMOVED 2",
            "ERROR TRAEFIK-API-REMOVED 22",
            "ERROR TRAEFIK-API-REMOVED 37",
            "ERROR TRAEFIK-API-REMOVED 48",
            "ERROR TRAEFIK-API-REMOVED 57",
            "ERROR TRAEFIK-API-REMOVED 71");
    Report moved =
        Doctor.with(Traefik.target())
            .check(
                Manifests.parse(
                    seed.replace("traefik.containo.us", "traefik.io"), "traefik-seed.yaml"));
    assertThat(traefik(moved))
        .as("moved to traefik.io, its headers still ask for the redirect v3 removed")
        .containsExactly(
            "WARNING TRAEFIK-MIDDLEWARE-OPTION-REMOVED 34",
            "WARNING TRAEFIK-MIDDLEWARE-OPTION-REMOVED 35");
    Renderings.assertCleanUnderDoctor(r);
  }

  private static List<String> traefik(Report report) {
    return report.findings().stream()
        .filter(f -> f.code().startsWith("TRAEFIK-"))
        .map(f -> f.severity() + " " + f.code() + " " + f.source().orElseThrow().line())
        .toList();
  }
}
