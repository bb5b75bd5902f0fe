package dev.wsingress.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.Target;
import dev.wsingress.Yaml;
import dev.wsingress.testing.SchemaConformance;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The command with the real targets: the example spec for every target, and every target flag. */
class RealTargetsTest {

  @Test
  void theExampleSpecRendersForEveryTarget() {
    // WHEN
    Run r = Run.of("render", Run.chat(), "--target", "all", "--lenient", "--fail-on", "none");
    // THEN
    assertThat(r.exit()).as(r.err()).isZero();
    List<String> sections = new ArrayList<>();
    for (String line : r.out().split("\n")) {
      if (line.startsWith("# ")) {
        sections.add(line.substring(2, line.indexOf(':')));
      }
    }
    assertThat(sections)
        .containsExactlyElementsOf(Target.discover().stream().map(Target::id).toList());
    List<HasMetadata> objects = Yaml.read(r.out());
    assertThat(objects)
        .extracting(HasMetadata::getKind)
        .contains(
            "Ingress",
            "HTTPRoute",
            "VirtualService",
            "IngressRoute",
            "Server",
            "Deployment",
            "HorizontalPodAutoscaler",
            "Certificate",
            "ClusterIssuer");
    // Every section read back writes the same YAML, and every object passes its upstream schema.
    for (String section : r.out().split("(?m)^# ")) {
      String yaml = section.substring(section.indexOf('\n') + 1);
      assertThat(Yaml.write(Yaml.read(yaml))).isEqualTo(yaml);
    }
    SchemaConformance.assertValid(objects);
  }

  @Test
  void aSetOfTargetsIsOneRenderingThatTheyShape() {
    Run r = Run.of("render", Run.chat(), "-t", "gateway-api,platform", "--lenient", "-q");
    assertThat(r.out()).contains("appProtocol: kubernetes.io/ws");
    SchemaConformance.assertValid(Yaml.read(r.out()));
  }

  /**
   * A flag and what it changes in the output.
   *
   * @param target the --target value
   * @param flags the flags
   * @param shows text the output then has
   */
  record Flag(String target, List<String> flags, String shows) {
    @Override
    public String toString() {
      return String.join(" ", flags);
    }
  }

  static Stream<Flag> flags() {
    return Stream.of(
        new Flag("nginx", List.of("--nginx-ingress-class", "edge"), "ingressClassName: edge"),
        new Flag(
            "nginx,platform",
            List.of("--nginx-controller-config", "edge/edge-ingress-nginx-controller"),
            "kubernetes.io/metadata.name: edge"),
        new Flag(
            "nginx,linkerd",
            List.of("--nginx-controller-service-account", "edge/edge-controller"),
            "name: edge-controller"),
        new Flag(
            "nginx",
            List.of("--nginx-raw-server-snippet", "add_header X-Demo 1;"),
            "server-snippet: add_header X-Demo 1;"),
        new Flag("gateway-api", List.of("--gateway-api-gateway", "infra/edge"), "namespace: infra"),
        new Flag(
            "gateway-api", List.of("--gateway-api-with-gateway", "eg"), "gatewayClassName: eg"),
        new Flag(
            "gateway-api",
            List.of("--gateway-api-listeners", "web,websecure"),
            "sectionName: websecure"),
        new Flag("gateway-api", List.of("--gateway-api-request-timeout", "1h"), "request: 1h"),
        new Flag("gateway-api", List.of("--gateway-api-experimental"), "sessionPersistence:"),
        new Flag(
            "gateway-api", List.of("--gateway-api-envoy-gateway"), "kind: BackendTrafficPolicy"),
        new Flag(
            "gateway-api",
            List.of("--gateway-api-envoy-gateway=1.7", "--gateway-api-with-gateway", "eg"),
            "kind: ClientTrafficPolicy"),
        new Flag("istio", List.of("--istio-gateway-selector", "app=edge"), "app: edge"),
        new Flag("istio", List.of("--istio-gateway", "istio-system/edge"), "istio-system/edge"),
        new Flag("istio", List.of("--istio-outlier-limits", "20%,50%"), "maxEjectionPercent: 20"),
        new Flag("traefik", List.of("--traefik-entry-points", "http,https"), "    - https\n"),
        new Flag(
            "traefik-ingress",
            List.of("--traefik-ingress-class", "edge"),
            "ingressClassName: edge"),
        new Flag(
            "traefik",
            List.of("--traefik-circuit-breaker", "NetworkErrorRatio() > 0.5"),
            "expression: NetworkErrorRatio() > 0.5"),
        new Flag("traefik", List.of("--traefik-client-ip-depth", "2"), "depth: 2"),
        new Flag("traefik", List.of("--traefik-security-headers"), "contentTypeNosniff: true"),
        new Flag("haproxy", List.of("--haproxy-ingress-class", "edge"), "ingressClassName: edge"),
        new Flag(
            "haproxy",
            List.of("--haproxy-controller-config", "haproxy-controller/haproxy"),
            "timeout-tunnel"),
        new Flag("haproxy", List.of("--haproxy-backend-resource"), "kind: Backend"),
        new Flag(
            "haproxy,linkerd",
            List.of("--haproxy-controller-service-account", "edge/edge-haproxy"),
            "name: edge-haproxy"),
        new Flag(
            "linkerd", List.of("--linkerd-allow-from", "edge/gateway,ops/probe"), "name: gateway"),
        new Flag("linkerd", List.of("--linkerd-allow-network", "10.0.0.0/8"), "10.0.0.0/8"),
        new Flag(
            "nginx,linkerd,platform",
            List.of("--linkerd-viz-metrics", "linkerd-viz"),
            "kubernetes.io/metadata.name: linkerd-viz"),
        new Flag(
            "nginx,platform",
            List.of("--platform-service-monitor-labels", "release=prom"),
            "release: prom"),
        new Flag("linkerd", List.of("--linkerd-access-policy", "audit"), "accessPolicy: audit"),
        new Flag(
            "linkerd,platform",
            List.of("--linkerd-proxy-resources", "100m,64Mi,1,256Mi"),
            "proxy-cpu-request"),
        new Flag("platform", List.of("--platform-port-name", "http-chat"), "name: http-chat"),
        new Flag(
            "platform",
            List.of("--platform-ingress-from", "envoy-gateway-system"),
            "kubernetes.io/metadata.name: envoy-gateway-system"),
        new Flag(
            "nginx,platform",
            List.of("--platform-monitoring-namespace", "prom"),
            "kubernetes.io/metadata.name: prom"),
        new Flag(
            "platform",
            List.of("--platform-adapter-config", "metrics/adapter"),
            "namespace: metrics"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("flags")
  void everyTargetFlagReachesItsOption(Flag f) {
    List<String> args =
        new ArrayList<>(List.of("render", Run.chat(), "-t", f.target(), "--lenient", "-q"));
    args.addAll(f.flags());
    Run without = Run.of("render", Run.chat(), "-t", f.target(), "--lenient", "-q");
    Run with = Run.of(args.toArray(new String[0]));
    assertThat(with.out()).as(with.err()).contains(f.shows());
    assertThat(without.out()).doesNotContain(f.shows());
  }

  @Test
  void aValueATargetRefusesIsAUsageErrorNamingTheFlag() {
    Run r = Run.of("render", Run.chat(), "-t", "nginx", "--nginx-ingress-class", "Edge_Class");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "error: --nginx-ingress-class = \"Edge_Class\": must be an RFC 1123 subdomain:"
                + " dot-separated labels of a-z, 0-9 and '-', at most 253 characters. Fix: use"
                + " only a-z, 0-9 and '-', as in \"edge-class\".\n"
                + "See 'wsingress render --help'.\n");
    assertThat(Run.of("render", Run.chat(), "-t", "istio", "--istio-gateway", "edge").err())
        .startsWith("error: --istio-gateway = \"edge\": must be NAMESPACE/NAME\n");
    assertThat(
            Run.of("render", Run.chat(), "-t", "traefik", "--traefik-client-ip-depth", "x").err())
        .startsWith(
            "error: Invalid value for option '--traefik-client-ip-depth': 'x' is not an int");
    assertThat(
            Run.of("render", Run.chat(), "-t", "gateway-api", "--gateway-api-request-timeout", "1d")
                .err())
        .startsWith(
            "error: --gateway-api-request-timeout = \"1d\": must be a duration such as 30s, 90m"
                + " or 1h30m\n");
  }

  @Test
  void theTraefikIngressFormIsATargetOfItsOwn() {
    Run r = Run.of("targets");
    assertThat(r.out()).contains("\ntraefik-ingress ");
    Run ingress = Run.of("render", Run.chat(), "-t", "traefik-ingress", "--lenient", "-q");
    assertThat(ingress.out()).contains("kind: Ingress").doesNotContain("kind: IngressRoute");
  }
}
