package dev.wsingress.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.cli.SpecFileException.Located;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every row of {@link FieldPaths}: a spec file that {@code build()} refuses on that field, the
 * problem named by the file's field, at the value's line.
 */
class FieldPathsTest {

  /**
   * One row's case.
   *
   * @param core the field as build() names it
   * @param file the field as the file spells it
   * @param meta lines under metadata (after name)
   * @param spec lines under spec (after hosts and service), or the whole spec when it starts with
   *     "!"
   * @param line the line of the problem
   */
  record Case(String core, String file, String meta, String spec, int line) {
    String text() {
      StringBuilder b = new StringBuilder();
      b.append("apiVersion: wsingress.dev/v1alpha1\nkind: WebSocketApp\nmetadata:\n");
      b.append(meta.startsWith("!") ? meta.substring(1) : "  name: chat\n" + meta);
      b.append("spec:\n");
      if (spec.startsWith("!")) {
        b.append(spec.substring(1));
      } else {
        b.append("  hosts: [chat.example.com]\n  service: {name: chat, port: 8080}\n").append(spec);
      }
      return b.toString();
    }

    @Override
    public String toString() {
      return core + " -> " + file;
    }
  }

  private static final String S = "  hosts: [chat.example.com]\n";

  static Stream<Case> cases() {
    return Stream.of(
        new Case("name", "metadata.name", "!  name: Chat\n", "", 4),
        new Case("namespace", "metadata.namespace", "  namespace: Bad_NS\n", "", 5),
        new Case("labels[\"app\"]", "metadata.labels[\"app\"]", "  labels: {app: \"-x\"}\n", "", 5),
        new Case(
            "hosts[1]",
            "spec.hosts[1]",
            "",
            "!  hosts: [chat.example.com, Bad]\n" + "  service: {name: chat, port: 8080}\n",
            6),
        new Case("routes", "spec.routes", "", "  routes: [{path: /api, kind: HTTP}]\n", 8),
        new Case(
            "routes[1].path",
            "spec.routes[1].path",
            "",
            "  routes:\n    - path: /ws\n" + "    - path: api\n",
            10),
        new Case(
            "routes[0].backend.service",
            "spec.routes[0].to.service",
            "",
            "  routes:\n    - path: /ws\n      to: {service: Bad, port: 80}\n",
            10),
        new Case(
            "routes[0].backend.port",
            "spec.routes[0].to.port",
            "",
            "  routes:\n    - path: /ws\n      to: {service: api, port: 0}\n",
            10),
        new Case(
            "routes[0].backend.portName",
            "spec.routes[0].to.port",
            "",
            "  routes:\n    - path: /ws\n      to: {service: api, port: Bad_Name}\n",
            10),
        new Case(
            "routes[0].rewriteTo",
            "spec.routes[0].rewriteTo",
            "",
            "  routes:\n    - path: /ws\n      rewriteTo: /ws\n",
            10),
        new Case(
            "routes[1].requestTimeout",
            "spec.routes[1].requestTimeout",
            "",
            "  routes:\n    - path: /api\n      kind: HTTP\n    - path: /ws\n"
                + "      requestTimeout: 30s\n",
            12),
        new Case(
            "routes[0].buffering",
            "spec.routes[0].buffering",
            "",
            "  routes:\n    - path: /ws\n      buffering: true\n",
            10),
        new Case("service", "spec.service", "", "!" + S, 6),
        new Case(
            "service.name",
            "spec.service.name",
            "",
            "!" + S + "  service: {name: 1bad, port: 8080}\n",
            7),
        new Case(
            "service.port",
            "spec.service.port",
            "",
            "!" + S + "  service: {name: chat, port: 0}\n",
            7),
        new Case(
            "service.portName",
            "spec.service.port",
            "",
            "!" + S + "  service: {name: chat, port: Bad}\n",
            7),
        new Case("timeout", "spec.idleTimeout", "", "  idleTimeout: 600h\n", 8),
        new Case("readTimeout", "spec.readTimeout", "", "  readTimeout: 1500ms\n", 8),
        new Case("sendTimeout", "spec.sendTimeout", "", "  sendTimeout: 0s\n", 8),
        new Case("connectTimeout", "spec.connectTimeout", "", "  connectTimeout: 2h\n", 8),
        new Case(
            "stickySessions",
            "spec.stickySessions",
            "",
            "  stickySessions: {cookie: {name: a}, clientIp: {}}\n",
            8),
        new Case(
            "stickySessions.cookie.name",
            "spec.stickySessions.cookie.name",
            "",
            "  stickySessions:\n    cookie: {name: \"a b\"}\n",
            9),
        new Case(
            "stickySessions.cookie.maxAge",
            "spec.stickySessions.cookie.maxAge",
            "",
            "  stickySessions:\n    cookie: {name: a, maxAge: 10000h}\n",
            9),
        new Case(
            "stickySessions.cookie.path",
            "spec.stickySessions.cookie.path",
            "",
            "  stickySessions:\n    cookie: {name: a, path: nopath}\n",
            9),
        new Case(
            "stickySessions.cookie.sameSite",
            "spec.stickySessions.cookie.sameSite",
            "",
            "  stickySessions:\n    cookie: {name: a, sameSite: None}\n",
            9),
        new Case(
            "stickySessions.clientIp.timeout",
            "spec.stickySessions.clientIp.timeout",
            "",
            "  stickySessions:\n    clientIp: {timeout: 48h}\n",
            9),
        new Case(
            "stickySessions.header.name",
            "spec.stickySessions.header.name",
            "",
            "  stickySessions:\n    header: {name: \"a b\"}\n",
            9),
        new Case("tls.secretName", "spec.tls.secretName", "", "  tls: {secretName: Bad}\n", 8),
        new Case(
            "tls.hosts[0]",
            "spec.tls.hosts[0]",
            "",
            "  tls:\n    secretName: t\n    hosts: [other.example.com]\n",
            10),
        new Case(
            "tls.issuer.name",
            "spec.tls.issuer.name",
            "",
            "  tls:\n    secretName: t\n    issuer: {email: ops@example.com, http01: nginx,"
                + " name: Bad}\n",
            10),
        new Case(
            "tls.issuer.email",
            "spec.tls.issuer.email",
            "",
            "  tls:\n    secretName: t\n    issuer: {email: nope, http01: nginx}\n",
            10),
        new Case(
            "tls.issuer.http01",
            "spec.tls.issuer.http01",
            "",
            "  tls:\n    secretName: t\n    issuer: {email: ops@example.com, http01: Bad}\n",
            10),
        new Case(
            "rateLimit.rate",
            "spec.rateLimit.handshakesPerMinute",
            "",
            "  rateLimit:\n    handshakesPerMinute: 0\n",
            9),
        new Case(
            "rateLimit.burst",
            "spec.rateLimit.burst",
            "",
            "  rateLimit:\n    handshakesPerSecond: 10\n    burst: 0\n",
            10),
        new Case(
            "maxConnectionsPerClient",
            "spec.maxConnectionsPerClient",
            "",
            "  maxConnectionsPerClient: 0\n",
            8),
        new Case(
            "cors.origins", "spec.cors.allowOrigins", "", "  cors:\n    allowOrigins: []\n", 9),
        new Case(
            "cors.origins[0]",
            "spec.cors.allowOrigins[0]",
            "",
            "  cors:\n    allowOrigins: [ftp://x]\n",
            9),
        new Case(
            "cors.methods[1]",
            "spec.cors.allowMethods[1]",
            "",
            "  cors:\n    allowOrigins: [\"*\"]\n    allowMethods: [GET, get]\n",
            10),
        new Case(
            "cors.headers[0]",
            "spec.cors.allowHeaders[0]",
            "",
            "  cors:\n    allowOrigins: [\"*\"]\n    allowHeaders: [\"a b\"]\n",
            10),
        new Case(
            "cors.exposedHeaders[0]",
            "spec.cors.exposeHeaders[0]",
            "",
            "  cors:\n    allowOrigins: [\"*\"]\n    exposeHeaders: [\"a b\"]\n",
            10),
        new Case(
            "cors.credentials",
            "spec.cors.allowCredentials",
            "",
            "  cors:\n    allowOrigins: [\"*\"]\n    allowCredentials: true\n",
            10),
        new Case(
            "cors.maxAge",
            "spec.cors.maxAge",
            "",
            "  cors:\n    allowOrigins: [\"*\"]\n    maxAge: 1000h\n",
            10),
        new Case("backendCaSecret", "spec.backendCaSecret", "", "  backendCaSecret: ca\n", 8),
        new Case(
            "healthCheck.path",
            "spec.healthCheck.path",
            "",
            "  healthCheck:\n    path: health\n",
            9),
        new Case(
            "healthCheck.interval",
            "spec.healthCheck.interval",
            "",
            "  healthCheck:\n    path: /h\n    interval: 2h\n",
            10),
        new Case(
            "healthCheck.rise",
            "spec.healthCheck.rise",
            "",
            "  healthCheck:\n    path: /h\n    rise: 0\n",
            10),
        new Case(
            "healthCheck.fall",
            "spec.healthCheck.fall",
            "",
            "  healthCheck:\n    path: /h\n    fall: 101\n",
            10),
        new Case(
            "workload.image",
            "spec.workload.image",
            "",
            "  workload:\n    image: \"Bad Image\"\n",
            9),
        new Case(
            "workload.replicas",
            "spec.workload.replicas",
            "",
            "  workload:\n    image: chat\n    replicas: 0\n",
            10),
        new Case(
            "workload.containerPort",
            "spec.workload.containerPort",
            "",
            "  workload:\n    image: chat\n    containerPort: 0\n",
            10),
        new Case(
            "workload.metricsPort",
            "spec.workload.metricsPort",
            "",
            "  workload:\n    image: chat\n    metricsPort: 70000\n",
            10),
        new Case(
            "workload.env[\"1X\"]",
            "spec.workload.env[\"1X\"]",
            "",
            "  workload:\n    image: chat\n    env: {\"1X\": v}\n",
            10),
        new Case(
            "workload.maxConnections",
            "spec.workload.maxConnections",
            "",
            "  workload:\n    image: chat\n    maxConnections: 0\n",
            10),
        new Case(
            "workload.pingInterval",
            "spec.workload.pingInterval",
            "",
            "  workload:\n    image: chat\n    pingInterval: 2h\n",
            10),
        new Case(
            "workload.resources.cpuRequest",
            "spec.workload.resources.requests.cpu",
            "",
            resources("x", "1Gi", "1", "1Gi"),
            11),
        new Case(
            "workload.resources.memoryRequest",
            "spec.workload.resources.requests.memory",
            "",
            resources("1", "x", "1", "1Gi"),
            11),
        new Case(
            "workload.resources.cpuLimit",
            "spec.workload.resources.limits.cpu",
            "",
            resources("1", "1Gi", "x", "1Gi"),
            12),
        new Case(
            "workload.resources.memoryLimit",
            "spec.workload.resources.limits.memory",
            "",
            resources("1", "1Gi", "1", "x"),
            12),
        new Case(
            "workload.drainTime",
            "spec.workload.drainTime",
            "",
            "  workload:\n    image: chat\n    drainTime: 2h\n",
            10),
        new Case(
            "workload.autoscale.min",
            "spec.workload.autoscale.min",
            "",
            "  workload:\n    image: chat\n    autoscale: {min: 0, max: 3}\n",
            10),
        new Case(
            "workload.autoscale.max",
            "spec.workload.autoscale.max",
            "",
            "  workload:\n    image: chat\n    autoscale: {min: 3, max: 2}\n",
            10),
        new Case(
            "workload.connectionsPerPod",
            "spec.workload.autoscale.connectionsPerPod",
            "",
            "  workload:\n    image: chat\n    autoscale: {min: 1, max: 2, connectionsPerPod: 0}\n",
            10),
        new Case(
            "workload.egress[0].namespace",
            "spec.workload.egress[0].namespace",
            "",
            "  workload:\n    image: chat\n    egress: [{namespace: Bad, port: 1}]\n",
            10),
        new Case(
            "workload.egress[0].labelKey",
            "spec.workload.egress[0].labelKey",
            "",
            "  workload:\n"
                + "    image: chat\n"
                + "    egress: [{labelKey: \"-x\", labelValue: v, port: 1}]\n",
            10),
        new Case(
            "workload.egress[0].labelValue",
            "spec.workload.egress[0].labelValue",
            "",
            "  workload:\n"
                + "    image: chat\n"
                + "    egress: [{labelKey: a, labelValue: \"-x\", port: 1}]\n",
            10),
        new Case(
            "workload.egress[0].port",
            "spec.workload.egress[0].port",
            "",
            "  workload:\n    image: chat\n    egress: [{namespace: ns, port: 0}]\n",
            10));
  }

  private static String resources(String cpu, String memory, String cpuLimit, String memLimit) {
    return "  workload:\n    image: chat\n    resources:\n      requests: {cpu: \""
        + cpu
        + "\", memory: \""
        + memory
        + "\"}\n      limits: {cpu: \""
        + cpuLimit
        + "\", memory: \""
        + memLimit
        + "\"}\n";
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void buildsProblemIsNamedAndPlacedAsTheFileHasIt(Case c) {
    // WHEN
    List<Located> problems = problems(c.text());
    // THEN
    assertThat(problems).extracting(p -> p.problem().field()).containsExactly(c.file());
    assertThat(problems.get(0).source().line()).as(c.text()).isEqualTo(c.line());
    assertThat(FieldPaths.toFile(c.core(), c.file()::equals)).isEqualTo(c.file());
  }

  @Test
  void everyRowHasACase() {
    Set<FieldPaths.Row> hit = new HashSet<>();
    cases().forEach(c -> hit.add(FieldPaths.row(c.core())));
    assertThat(hit).containsExactlyInAnyOrderElementsOf(FieldPaths.ROWS);
  }

  @Test
  void aFieldNoRowKnowsIsPutUnderSpec() {
    assertThat(FieldPaths.row("workload.terminationGracePeriod")).isNull();
    assertThat(FieldPaths.toFile("workload.terminationGracePeriod", p -> false))
        .isEqualTo("spec.workload.terminationGracePeriod");
  }

  @Test
  void alternativesTakeTheOneTheFileHas() {
    assertThat(FieldPaths.toFile("rateLimit.rate", "spec.rateLimit.handshakesPerSecond"::equals))
        .isEqualTo("spec.rateLimit.handshakesPerSecond");
    assertThat(FieldPaths.toFile("rateLimit.rate", p -> false))
        .isEqualTo("spec.rateLimit.handshakesPerSecond");
  }

  private static List<Located> problems(String text) {
    try {
      SpecFile.read(text, "app.yaml");
    } catch (SpecFileException e) {
      return e.problems();
    }
    throw new AssertionError("no problem in\n" + text);
  }
}
