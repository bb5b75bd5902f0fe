package dev.wsingress.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CEL harness itself: it runs every rule at the right node and refuses what they refuse. */
class CelRulesTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static JsonNode yaml(String text) throws Exception {
    return YAML.readTree(text);
  }

  private static List<String> problems(String text) throws Exception {
    return CelRules.problems(SchemaConformance.schemasDir(), yaml(text), false);
  }

  private static final String ROUTE =
      "apiVersion: gateway.networking.k8s.io/v1\n"
          + "kind: HTTPRoute\n"
          + "metadata:\n"
          + "  name: chat\n"
          + "  namespace: default\n"
          + "spec:\n"
          + "  parentRefs:\n"
          + "  - name: gateway\n"
          + "  hostnames:\n"
          + "  - ws.example.com\n"
          + "  rules:\n"
          + "  - matches:\n"
          + "    - path:\n"
          + "        type: PathPrefix\n"
          + "        value: PATH\n"
          + "    filters:\n"
          + "    - type: CORS\n"
          + "      cors:\n"
          + "        allowOrigins: ORIGINS\n"
          + "        allowMethods: METHODS\n"
          + "    backendRefs:\n"
          + "    - name: websocket-service\n"
          + "      port: 8080\n";

  private static String route(String path, String origins, String methods) {
    return ROUTE.replace("PATH", path).replace("ORIGINS", origins).replace("METHODS", methods);
  }

  @Test
  void counts_the_rules_of_every_crd_and_compiles_each() {
    Path dir = SchemaConformance.schemasDir();
    Map<String, int[]> standard = CelRules.count(dir, false);
    Map<String, int[]> experimental = CelRules.count(dir, true);

    assertThat(standard.values().stream().mapToInt(n -> n[0]).sum()).isEqualTo(652);
    assertThat(standard.values().stream().mapToInt(n -> n[1]).sum()).isEqualTo(2);
    assertThat(standard.get("crd-yaml/gateway-api/gateway.networking.k8s.io_gatewayclasses.yaml"))
        .containsExactly(2, 2); // spec.controllerName: self == oldSelf, in v1 and v1beta1
    assertThat(experimental.values().stream().mapToInt(n -> n[0]).sum()).isEqualTo(260);
    // Every rule compiles in the environment (standard library, macros, strings extension).
    assertThat(CelRules.compileAll(dir)).isEqualTo(912 - 2);
  }

  @Test
  void a_valid_route_passes() throws Exception {
    assertThat(problems(route("/ws", "[https://app.example.com]", "[GET, POST]"))).isEmpty();
  }

  @Test
  void refuses_a_wildcard_next_to_other_origins() throws Exception {
    assertThat(problems(route("/ws", "['*', 'https://app.example.com']", "[GET]")))
        .containsExactly(
            "HTTPRoute .spec.rules[0].filters[0].cors.allowOrigins: AllowOrigins cannot contain"
                + " '*' alongside other origins (CEL: !('*' in self && self.size() > 1))");
  }

  @Test
  void refuses_duplicates_in_a_set() throws Exception {
    assertThat(problems(route("/ws", "[https://app.example.com]", "[GET, GET]")))
        .containsExactly(
            "HTTPRoute .spec.rules[0].filters[0].cors.allowMethods[1]: Duplicate value: \"GET\"");
  }

  @Test
  void refuses_dot_segments_in_a_path() throws Exception {
    assertThat(problems(route("/ws/../admin", "[https://app.example.com]", "[GET]")))
        .containsExactly(
            "HTTPRoute .spec.rules[0].matches[0].path: must not contain '/../' when type one of"
                + " ['Exact', 'PathPrefix'] (CEL: (self.type in ['Exact','PathPrefix']) ?"
                + " !self.value.contains('/../') : true)");
  }

  @Test
  void applies_defaults_before_the_rules() throws Exception {
    // path.type defaults to PathPrefix: the rules on path read self.type without has().
    String route =
        route("/ws/.", "[https://app.example.com]", "[GET]")
            .replace("        type: PathPrefix\n", "");

    assertThat(problems(route))
        .containsExactly(
            "HTTPRoute .spec.rules[0].matches[0].path: must not end with '/.' when type one of"
                + " ['Exact', 'PathPrefix'] (CEL: (self.type in ['Exact','PathPrefix']) ?"
                + " !self.value.endsWith('/.') : true)");
  }

  @Test
  void refuses_a_zero_istio_timeout() throws Exception {
    String rule =
        "apiVersion: networking.istio.io/v1\n"
            + "kind: DestinationRule\n"
            + "metadata:\n"
            + "  name: chat\n"
            + "spec:\n"
            + "  host: websocket-service\n"
            + "  trafficPolicy:\n"
            + "    connectionPool:\n"
            + "      tcp:\n"
            + "        connectTimeout: TIMEOUT\n";

    assertThat(problems(rule.replace("TIMEOUT", "10s"))).isEmpty();
    assertThat(problems(rule.replace("TIMEOUT", "0s")))
        .containsExactly(
            "DestinationRule .spec.trafficPolicy.connectionPool.tcp.connectTimeout: must be a"
                + " valid duration greater than 1ms (CEL: duration(self) >= duration('1ms'))");
  }

  @Test
  void escapes_property_names_as_kubernetes_does() throws Exception {
    assertThat(CelRules.escape("namespace")).isEqualTo("__namespace__");
    assertThat(CelRules.escape("master-worker")).isEqualTo("master__dash__worker");
    assertThat(CelRules.escape("a.b/c__d")).isEqualTo("a__dot__b__slash__c__underscores__d");
    assertThat(CelRules.escape("1st")).isNull();
    // A parentRef's namespace is read as __namespace__ by the Gateway API rules: two refs to
    // gateways of the same name in two namespaces are two parents, in one namespace one.
    String two = "  - name: gateway\n    namespace: infra\n  - name: gateway\n    namespace: NS\n";
    String base = route("/ws", "[https://app.example.com]", "[GET]");

    assertThat(problems(base.replace("  - name: gateway\n", two.replace("NS", "other")))).isEmpty();
    assertThat(problems(base.replace("  - name: gateway\n", two.replace("NS", "infra"))))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p)
                    .startsWith(
                        "HTTPRoute .spec.parentRefs: sectionName must be unique when parentRefs"
                            + " includes 2 or more references to the same parent (CEL:"
                            + " self.all(p1, self.exists_one(p2, p1.group == p2.group"));
  }
}
