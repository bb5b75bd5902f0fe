package dev.wsingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 19 item 6: no validation (or the YAML writer's quoting check) recurses per element or
 * backtracks quadratically. Each value is a million characters shaped to hit the worst case of a
 * regex with a repeated group (alternation inside {@code *} recursing once per character in
 * java.util.regex); every check must finish, with a problem and no StackOverflowError, well within
 * a second.
 */
class LinearValidationTest {

  private static final int N = 1_000_000;

  static Stream<String> hostile() {
    return Stream.of(
        "a".repeat(N),
        "a-".repeat(N / 2),
        "/a".repeat(N / 2) + " ",
        "/%20".repeat(N / 4) + "%",
        "/" + "a.".repeat(N / 2) + "/..",
        "1:2".repeat(N / 3),
        "1_".repeat(N / 2),
        "." + "0".repeat(N) + "e_",
        "0x" + "f".repeat(N),
        "2024-01-01T" + "1".repeat(N),
        "a@" + "a.".repeat(N / 2) + "-",
        "https://" + "a-".repeat(N / 2),
        "\ud800".repeat(N));
  }

  private static WebSocketApp.Builder valid() {
    return WebSocketApp.on("ws.example.com").service("websocket-service", 8080);
  }

  private static final List<Function<String, WebSocketApp.Builder>> FIELDS =
      List.of(
          s -> valid().alsoOn(s),
          s -> valid().name(s),
          s -> valid().namespace(s),
          s -> valid().label(s, "v"),
          s -> valid().label("k", s),
          s -> valid().path(s),
          s -> valid().service(s, 80),
          s -> valid().service("svc", s),
          s -> valid().stickySessions(Affinity.cookie(s)),
          s -> valid().stickySessions(Affinity.cookie("c").path(s)),
          s -> valid().stickySessions(Affinity.header(s)),
          s -> valid().tls(Tls.secret(s)),
          s -> valid().tls(Tls.secret("t").hosts(s)),
          s -> valid().tls(Tls.secret("t").issuedBy(AcmeIssuer.letsEncrypt(s).http01("nginx"))),
          s -> valid().tls(Tls.secret("t").issuedBy(AcmeIssuer.letsEncrypt("a@b.c").http01(s))),
          s -> valid().cors(Cors.allowOrigins(s)),
          s -> valid().cors(Cors.allowOrigins("*").allowMethods(s)),
          s -> valid().cors(Cors.allowOrigins("*").allowHeaders(s)),
          s -> valid().backendProtocol(BackendProtocol.HTTPS).backendCaSecret(s),
          s -> valid().healthCheck(HealthCheck.http(s)),
          s -> valid().workload(Workload.image(s)),
          s -> valid().workload(Workload.image("chat:1").env(s, "v")),
          s -> valid().workload(Workload.image("chat:1").env("N", s)),
          s -> valid().workload(Workload.image("chat:1").resources(s, s, s, s)),
          s -> valid().workload(Workload.image("chat:1").egressTo(s, s, 80)),
          s -> valid().workload(Workload.image("chat:1").egressToNamespace(s, 80)));

  @ParameterizedTest
  @MethodSource("hostile")
  void every_field_judges_a_million_characters_in_linear_time(String s) {
    long start = System.nanoTime();
    List<String> rejected = new ArrayList<>();
    for (Function<String, WebSocketApp.Builder> field : FIELDS) {
      // Built or refused with a problem; anything else (StackOverflowError) fails the test.
      try {
        field.apply(s).build();
      } catch (InvalidSpecException e) {
        rejected.add(e.problems().get(0).field());
        assertThat(e.getMessage()).hasSizeLessThan(4000);
      }
    }
    // Only an environment variable's name has no length limit (Kubernetes sets none).
    assertThat(rejected).hasSizeGreaterThanOrEqualTo(FIELDS.size() - 1);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @ParameterizedTest
  @MethodSource("hostile")
  void the_yaml_writer_quotes_a_million_characters_in_linear_time(String s) {
    long start = System.nanoTime();
    var c =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName("c")
            .endMetadata()
            .addToData(s.replace('\ud800', 'x'), s.replace('\ud800', 'x'))
            .build();

    assertThat(Yaml.write(List.of(c))).hasSizeGreaterThan(N);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }
}
