package dev.wsingress.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.wsingress.Rendering;
import dev.wsingress.testing.SchemaConformance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * A real kube-apiserver (1.20.2, see {@code scripts/kube-apiserver.sh}) accepts, with server-side
 * dry-run, every object of every scenario every target renders, keeps every field of it, and
 * rejects known-bad objects with Kubernetes' own validation messages.
 *
 * <p>JSON schemas check shapes; the server runs what they cannot express: name and label syntax,
 * Ingress host and path rules, IANA port names, selector vs template labels, CRD structural
 * schemas. Versions 1.20 does not serve are checked as the newest version it does serve with the
 * same fields, and listed as known gaps in the output.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiServerDryRunTest {
  /**
   * Versions kube-apiserver 1.20 lacks, and the served version with the same fields the object is
   * checked as instead: autoscaling/v2 is v2beta2 made GA unchanged (Kubernetes 1.23), policy/v1
   * PodDisruptionBudget is v1beta1 made GA (1.21; only an empty selector's meaning changed).
   */
  private static final Map<String, String> KNOWN_GAPS =
      Map.of("autoscaling/v2", "autoscaling/v2beta2", "policy/v1", "policy/v1beta1");

  private static final Pattern EXPERIMENTAL_HTTPROUTE_FIELD =
      Pattern.compile("spec\\.rules\\[\\d+]\\.sessionPersistence");

  private static final String DRY_RUN = "?dryRun=All&fieldManager=wsingress-apiserver-tests";

  private final Set<String> gaps = new ConcurrentSkipListSet<>();
  private final Set<String> kinds = new ConcurrentSkipListSet<>();
  private final AtomicInteger accepted = new AtomicInteger();
  private KubeApiServer server;
  private List<String> crds;
  private final List<String> crdAdaptations = new ArrayList<>();

  @BeforeAll
  void startServer() {
    // The upstream CRDs: required when -Dwsingress.schemas is set (as in CI), otherwise the
    // suite is skipped with a message when ../shared/schemas is missing, like the schema tests.
    Path schemas = SchemaConformance.schemasDir();
    Path root = Path.of(System.getProperty("wsingress.root", "..")).toAbsolutePath().normalize();
    server = KubeApiServer.start(root, Path.of("target/kube-apiserver").toAbsolutePath());
    crds = Crds.install(server, schemas.resolve("crd-yaml"), crdAdaptations);
  }

  @AfterAll
  void stopServerAndReport() throws IOException {
    List<String> report = new ArrayList<>();
    report.add(
        "kube-apiserver 1.20.2 accepted "
            + accepted.get()
            + " objects of "
            + kinds.size()
            + " kinds with server-side dry-run; "
            + (crds == null ? 0 : crds.size())
            + " upstream CRDs installed.");
    report.add("Kinds: " + String.join(", ", kinds));
    report.add("Known gaps (checked in a weaker form, with the reason):");
    gaps.forEach(g -> report.add("  " + g));
    report.add("Upstream CRDs adapted to install on 1.20:");
    crdAdaptations.forEach(a -> report.add("  " + a));
    Files.write(Path.of("target/apiserver-report.txt"), report);
    report.forEach(System.out::println);
    if (server != null) {
      server.close();
    }
  }

  @Test
  void every_upstream_crd_is_installed_and_served() {
    assertThat(crds)
        .contains(
            "ingressroutes.traefik.io",
            "middlewares.traefik.io",
            "serverstransports.traefik.io",
            "virtualservices.networking.istio.io",
            "destinationrules.networking.istio.io",
            "gateways.networking.istio.io",
            "servers.policy.linkerd.io",
            "authorizationpolicies.policy.linkerd.io",
            "backends.ingress.v3.haproxy.org",
            "certificates.cert-manager.io",
            "clusterissuers.cert-manager.io",
            "servicemonitors.monitoring.coreos.com",
            "gateways.gateway.networking.k8s.io",
            "httproutes.gateway.networking.k8s.io",
            "backendtlspolicies.gateway.networking.k8s.io",
            "backendtrafficpolicies.gateway.envoyproxy.io",
            "clienttrafficpolicies.gateway.envoyproxy.io");
    assertThat(server.resourceType("gateway.networking.k8s.io/v1", "HTTPRoute"))
        .contains(
            new KubeApiServer.ResourceType(
                "gateway.networking.k8s.io/v1", "HTTPRoute", "httproutes", true));
  }

  @TestFactory
  Stream<DynamicNode> every_approved_snapshot_is_accepted() {
    Path root = Path.of(System.getProperty("wsingress.root", "..")).toAbsolutePath().normalize();
    Map<String, List<JsonNode>> snapshots = Scenarios.snapshots(root);
    assertThat(snapshots).as("approved snapshots under %s", root).hasSizeGreaterThan(30);
    return snapshots.entrySet().stream()
        .map(e -> dynamicContainer(e.getKey(), objectTests(e.getValue())));
  }

  @TestFactory
  Stream<DynamicNode> every_example_rendering_is_accepted() {
    Map<String, Rendering> examples = Scenarios.examples();
    return examples.entrySet().stream()
        .map(
            e -> dynamicContainer(e.getKey(), objectTests(Scenarios.parse(e.getValue().toYaml()))));
  }

  private Stream<DynamicNode> objectTests(List<JsonNode> objects) {
    assertThat(objects).isNotEmpty();
    return objects.stream()
        .map(
            o ->
                dynamicTest(
                    o.path("kind").asText() + " " + o.path("metadata").path("name").asText(),
                    () -> assertAccepted(o)));
  }

  private void assertAccepted(JsonNode written) {
    List<String> empty = new ArrayList<>();
    JsonNode object =
        isCustomResource(written, crds) ? EmptyStrings.substitute(written, empty) : written;
    if (!empty.isEmpty()) {
      gaps.add(
          describe(written)
              + ": "
              + String.join(", ", empty)
              + " (\"\") submitted as \""
              + EmptyStrings.PLACEHOLDER
              + "\": this build reads an empty string in a custom resource as null (see"
              + " EmptyStrings)");
    }
    KubeApiServer.Response r = dryRunCreate(object);
    if (r.status() != 201) {
      fail(
          "kube-apiserver rejected "
              + describe(object)
              + " (HTTP "
              + r.status()
              + "): "
              + r.message());
    }
    List<String> dropped = droppedFields(object, r.body());
    List<String> experimental = new ArrayList<>();
    dropped.removeIf(path -> isExperimental(object, path) && experimental.add(path));
    if (!experimental.isEmpty()) {
      gaps.add(
          describe(object)
              + ": "
              + String.join(", ", experimental)
              + " pruned by the standard-channel Gateway API CRDs installed here, as the"
              + " rendering's GATEWAYAPI-SESSION-PERSISTENCE-EXPERIMENTAL warning says; kept by"
              + " the experimental-channel CRDs in the separate run of"
              + " ExperimentalChannelDryRunTest");
    }
    if (!dropped.isEmpty()) {
      fail(
          "kube-apiserver accepted "
              + describe(object)
              + " but dropped fields it does not know (a user's setting would be lost): "
              + dropped);
    }
    accepted.incrementAndGet();
    kinds.add(object.path("apiVersion").asText() + " " + object.path("kind").asText());
  }

  /** Whether the object is of a kind one of the installed CRDs defines. */
  static boolean isCustomResource(JsonNode object, List<String> crds) {
    String apiVersion = object.path("apiVersion").asText();
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    return !group.isEmpty() && crds.stream().anyMatch(name -> name.endsWith("." + group));
  }

  /**
   * Fields of the Gateway API experimental channel that renderings opting into it contain: the
   * standard-channel CRDs (the ones in crd-yaml) prune them. Only these may be dropped.
   */
  private static boolean isExperimental(JsonNode object, String path) {
    return object.path("apiVersion").asText().startsWith("gateway.networking.k8s.io/")
        && EXPERIMENTAL_HTTPROUTE_FIELD.matcher(path).matches();
  }

  /** POSTs {@code object} with {@code dryRun=All}; nothing is stored. */
  private KubeApiServer.Response dryRunCreate(JsonNode object) {
    String apiVersion = object.path("apiVersion").asText();
    String kind = object.path("kind").asText();
    Optional<KubeApiServer.ResourceType> type = server.resourceType(apiVersion, kind);
    JsonNode submitted = object;
    if (type.isEmpty() && KNOWN_GAPS.containsKey(apiVersion)) {
      String served = KNOWN_GAPS.get(apiVersion);
      type = server.resourceType(served, kind);
      submitted = ((ObjectNode) object.deepCopy()).put("apiVersion", served);
      gaps.add(
          kind
              + " "
              + apiVersion
              + ": checked as "
              + served
              + " (same fields; "
              + apiVersion
              + " is served from Kubernetes "
              + (apiVersion.startsWith("policy") ? "1.21" : "1.23")
              + ")");
    }
    if (type.isEmpty()) {
      fail(
          "kube-apiserver 1.20.2 serves no "
              + kind
              + " in "
              + apiVersion
              + " (is its CRD in crd-yaml?): "
              + describe(object));
    }
    String namespace = object.path("metadata").path("namespace").asText("default");
    if (type.get().namespaced()) {
      server.ensureNamespace(namespace);
    }
    return server.send(
        "POST", KubeApiServer.collectionPath(type.get(), namespace) + DRY_RUN, submitted);
  }

  /**
   * The paths of {@code submitted} missing from the server's answer. kube-apiserver 1.20 prunes
   * unknown fields of custom resources silently instead of rejecting them (strict field validation
   * came in 1.25), so acceptance alone would not prove a setting survives.
   */
  static List<String> droppedFields(JsonNode submitted, JsonNode returned) {
    List<String> dropped = new ArrayList<>();
    collectDropped("", submitted, returned, dropped);
    return dropped;
  }

  private static void collectDropped(
      String path, JsonNode submitted, JsonNode returned, List<String> dropped) {
    if (submitted.isObject()) {
      for (Map.Entry<String, JsonNode> field : submitted.properties()) {
        String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        if (!returned.has(field.getKey())) {
          dropped.add(child);
        } else {
          collectDropped(child, field.getValue(), returned.get(field.getKey()), dropped);
        }
      }
    } else if (submitted.isArray()) {
      for (int i = 0; i < submitted.size(); i++) {
        String element = path + "[" + i + "]";
        if (i >= returned.size()) {
          dropped.add(element);
          continue;
        }
        List<String> atIndex = new ArrayList<>();
        collectDropped(element, submitted.get(i), returned.get(i), atIndex);
        // The server may reorder a list it converts through another stored version (HPA
        // v2beta2 moves the CPU metric last): a complete element anywhere in the list counts.
        if (!atIndex.isEmpty() && !presentAnywhere(submitted.get(i), returned)) {
          dropped.addAll(atIndex);
        }
      }
    }
  }

  private static boolean presentAnywhere(JsonNode element, JsonNode returned) {
    for (JsonNode candidate : returned) {
      List<String> missing = new ArrayList<>();
      collectDropped("", element, candidate, missing);
      if (missing.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  private static String describe(JsonNode object) {
    JsonNode meta = object.path("metadata");
    return object.path("apiVersion").asText()
        + " "
        + object.path("kind").asText()
        + " "
        + meta.path("namespace").asText("default")
        + "/"
        + meta.path("name").asText();
  }

  // ---- the server really validates: known-bad objects, built from real renderings ----

  @Test
  void a_container_port_name_longer_than_15_characters_is_rejected() {
    // Container port names are IANA service names (at most 15 characters); Service port names
    // are DNS labels (63), which is why the platform kit validates the shorter rule for both.
    JsonNode deployment = example("platform-seeds/app", "Deployment");
    set(deployment, "/spec/template/spec/containers/0/ports/0", "name", "websocket-traffic");

    assertRejected(
        deployment,
        "Deployment.apps \"websocket-app\" is invalid:"
            + " spec.template.spec.containers[0].ports[0].name: Invalid value:"
            + " \"websocket-traffic\": must be no more than 15 characters");
  }

  @Test
  void a_deployment_whose_selector_does_not_match_its_template_is_rejected() {
    JsonNode deployment = example("platform-seeds/app", "Deployment");
    ((ObjectNode) deployment.at("/spec/selector/matchLabels")).removeAll().put("app", "other");

    assertRejected(
        deployment,
        "Deployment.apps \"websocket-app\" is invalid: spec.template.metadata.labels: Invalid"
            + " value: map[string]string{\"app\":\"websocket\"}: `selector` does not match"
            + " template `labels`");
  }

  @Test
  void an_ingress_host_that_is_not_a_dns_name_is_rejected() {
    JsonNode ingress = example("nginx-seeds/quick-start", "Ingress");
    set(ingress, "/spec/rules/0", "host", "ws_chat.example.com");

    assertRejected(
        ingress,
        // 1.20 names the internal group of Ingress, "extensions", in its messages
        "Ingress.extensions \"websocket-ingress\" is invalid: spec.rules[0].host: Invalid"
            + " value: \"ws_chat.example.com\": a lowercase RFC 1123 subdomain must consist of"
            + " lower case alphanumeric characters, '-' or '.', and must start and end with an"
            + " alphanumeric character (e.g. 'example.com', regex used for validation is"
            + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
  }

  @Test
  void a_traefik_ingress_route_whose_routes_are_not_a_list_is_rejected_by_the_crd_schema() {
    JsonNode route = example("traefik-seeds", "IngressRoute");
    set(route, "/spec", "routes", "websocket");

    assertRejected(
        route,
        "IngressRoute.traefik.io \"websocket\" is invalid: spec.routes: Invalid value:"
            + " \"string\": spec.routes in body must be of type array: \"string\"");
  }

  @Test
  void an_http_route_path_match_of_an_unknown_type_is_rejected_by_the_crd_schema() {
    JsonNode route = example("gateway-api-migration", "HTTPRoute");
    set(route, "/spec/rules/0/matches/0/path", "type", "Glob");

    assertRejected(
        route,
        // CRD schema errors of 1.20 name the path without list indices
        "HTTPRoute.gateway.networking.k8s.io \"websocket-ingress\" is invalid:"
            + " spec.rules.matches.path.type: Unsupported value: \"Glob\": supported"
            + " values: \"Exact\", \"PathPrefix\", \"RegularExpression\"");
  }

  @Test
  void an_envoy_gateway_policy_with_an_unknown_load_balancer_type_is_rejected_by_the_crd_schema() {
    JsonNode policy = example("gateway-api-migration", "BackendTrafficPolicy");
    set(policy, "/spec/loadBalancer", "type", "Sticky");

    assertRejected(
        policy,
        "BackendTrafficPolicy.gateway.envoyproxy.io \"websocket-ingress\" is invalid:"
            + " spec.loadBalancer.type: Unsupported value: \"Sticky\": supported values:"
            + " \"ConsistentHash\", \"LeastRequest\", \"Random\", \"RoundRobin\","
            + " \"BackendUtilization\", \"DynamicModule\"");
  }

  @Test
  void this_build_reads_an_empty_string_in_a_custom_resource_as_null() {
    // Pins the defect EmptyStrings works around: when it is fixed, this fails and the workaround
    // (and its known gap) can go.
    JsonNode policy = example("gateway-api-migration", "BackendTrafficPolicy");
    set(policy, "/spec/loadBalancer/consistentHash/cookie", "name", "");

    assertRejected(
        policy,
        "BackendTrafficPolicy.gateway.envoyproxy.io \"websocket-ingress\" is invalid:"
            + " spec.loadBalancer.consistentHash.cookie.name: Invalid value: \"null\":"
            + " spec.loadBalancer.consistentHash.cookie.name in body must be of type string:"
            + " \"null\"");
  }

  @Test
  void an_unknown_custom_resource_field_is_accepted_but_found_dropped() {
    JsonNode route = example("traefik-seeds", "IngressRoute");
    set(route, "/spec", "websocketTimeout", "1h");

    KubeApiServer.Response r = dryRunCreate(route);

    assertThat(r.status()).as(r.message()).isEqualTo(201);
    assertThat(droppedFields(route, r.body())).containsExactly("spec.websocketTimeout");
  }

  private void assertRejected(JsonNode object, String message) {
    KubeApiServer.Response r = dryRunCreate(object);

    assertThat(r.status()).as(r.message()).isEqualTo(422);
    assertThat(r.body().path("reason").asText()).isEqualTo("Invalid");
    assertThat(r.message()).isEqualTo(message);
  }

  private static JsonNode example(String scenario, String kind) {
    Rendering rendering = Scenarios.examples().get(scenario);
    assertThat(rendering).as("example scenario %s", scenario).isNotNull();
    return Scenarios.parse(rendering.toYaml()).stream()
        .filter(o -> kind.equals(o.path("kind").asText()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " in example " + scenario));
  }

  private static void set(JsonNode object, String parent, String field, String value) {
    JsonNode node = object.at(parent);
    assertThat(node.isObject()).as("%s of %s", parent, describe(object)).isTrue();
    ((ObjectNode) node).set(field, TextNode.valueOf(value));
  }
}
