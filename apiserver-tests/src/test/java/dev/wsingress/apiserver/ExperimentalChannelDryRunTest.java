package dev.wsingress.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsingress.testing.SchemaConformance;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * A second, separate kube-apiserver with the Gateway API v1.6.1 <b>experimental</b>-channel CRDs
 * ({@code ../shared/schemas/crd-yaml-experimental/gateway-api}) instead of the standard ones: every
 * Gateway API object of every approved snapshot and example rendering is accepted with server-side
 * dry-run and comes back with every field it was sent. The standard-channel run ({@link
 * ApiServerDryRunTest}) prunes experimental fields such as {@code sessionPersistence}; this run
 * proves that renderings opting into the experimental channel keep them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExperimentalChannelDryRunTest {
  private static final String DRY_RUN = "?dryRun=All&fieldManager=wsingress-apiserver-tests";
  private static final String GROUP = "gateway.networking.k8s.io/";

  private KubeApiServer server;
  private List<String> crds;
  private final List<String> adaptations = new ArrayList<>();

  @BeforeAll
  void startServer() {
    Path schemas = SchemaConformance.schemasDir();
    Path root = Path.of(System.getProperty("wsingress.root", "..")).toAbsolutePath().normalize();
    server =
        KubeApiServer.start(root, Path.of("target/kube-apiserver-experimental").toAbsolutePath());
    crds =
        Crds.install(
            server, schemas.resolve("crd-yaml-experimental").resolve("gateway-api"), adaptations);
  }

  @AfterAll
  void stopServer() {
    System.out.println(
        "kube-apiserver 1.20.2 (experimental channel): CRDs " + crds + "; adapted: " + adaptations);
    if (server != null) {
      server.close();
    }
  }

  @Test
  void the_experimental_channel_crds_are_installed_and_served() {
    assertThat(crds)
        .containsExactlyInAnyOrder(
            "backendtlspolicies.gateway.networking.k8s.io",
            "gateways.gateway.networking.k8s.io",
            "httproutes.gateway.networking.k8s.io");
  }

  /** The Gateway API objects of every snapshot and example, by scenario. */
  private static Map<String, List<JsonNode>> gatewayApiObjects() {
    Path root = Path.of(System.getProperty("wsingress.root", "..")).toAbsolutePath().normalize();
    Map<String, List<JsonNode>> all = new LinkedHashMap<>(Scenarios.snapshots(root));
    Scenarios.examples().forEach((name, r) -> all.put(name, Scenarios.parse(r.toYaml())));
    Map<String, List<JsonNode>> gateway = new LinkedHashMap<>();
    all.forEach(
        (name, objects) -> {
          List<JsonNode> g =
              objects.stream()
                  .filter(o -> o.path("apiVersion").asText().startsWith(GROUP))
                  .toList();
          if (!g.isEmpty()) {
            gateway.put(name, g);
          }
        });
    return gateway;
  }

  @Test
  void session_persistence_survives_the_experimental_crds() {
    List<JsonNode> experimental =
        gatewayApiObjects().values().stream()
            .flatMap(List::stream)
            .filter(o -> o.path("spec").path("rules").findValue("sessionPersistence") != null)
            .toList();
    assertThat(experimental).as("renderings with sessionPersistence").isNotEmpty();

    for (JsonNode route : experimental) {
      KubeApiServer.Response r = dryRunCreate(route);

      assertThat(r.status()).as(r.message()).isEqualTo(201);
      assertThat(r.body().path("spec").path("rules").get(0).path("sessionPersistence"))
          .isEqualTo(route.path("spec").path("rules").get(0).path("sessionPersistence"));
    }
  }

  @TestFactory
  Stream<DynamicTest> every_gateway_api_object_is_accepted_with_every_field() {
    Map<String, List<JsonNode>> scenarios = gatewayApiObjects();
    assertThat(scenarios).isNotEmpty();
    return scenarios.entrySet().stream()
        .flatMap(
            e ->
                e.getValue().stream()
                    .map(
                        o ->
                            dynamicTest(
                                e.getKey()
                                    + ": "
                                    + o.path("kind").asText()
                                    + " "
                                    + o.path("metadata").path("name").asText(),
                                () -> assertKept(o))));
  }

  private void assertKept(JsonNode written) {
    // Empty strings (group: "" of core references) as in ApiServerDryRunTest: see EmptyStrings.
    JsonNode object = EmptyStrings.substitute(written, new ArrayList<>());
    KubeApiServer.Response r = dryRunCreate(object);
    if (r.status() != 201) {
      fail(
          "kube-apiserver (experimental CRDs) rejected the object (HTTP "
              + r.status()
              + "): "
              + r.message());
    }
    List<String> dropped = ApiServerDryRunTest.droppedFields(object, r.body());
    assertThat(dropped).as("fields the experimental-channel CRDs dropped").isEmpty();
  }

  private KubeApiServer.Response dryRunCreate(JsonNode object) {
    String apiVersion = object.path("apiVersion").asText();
    String kind = object.path("kind").asText();
    Optional<KubeApiServer.ResourceType> type = server.resourceType(apiVersion, kind);
    if (type.isEmpty()) {
      fail("the experimental-channel CRDs serve no " + kind + " in " + apiVersion);
    }
    String namespace = object.path("metadata").path("namespace").asText("default");
    if (type.get().namespaced()) {
      server.ensureNamespace(namespace);
    }
    return server.send(
        "POST", KubeApiServer.collectionPath(type.get(), namespace) + DRY_RUN, object);
  }
}
