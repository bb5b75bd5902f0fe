package dev.wsingress.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness itself: it finds the right schema and really rejects what the schema forbids. */
class SchemaConformanceTest {

  private static GenericKubernetesResource object(String apiVersion, String kind) {
    GenericKubernetesResource o = new GenericKubernetesResource();
    o.setApiVersion(apiVersion);
    o.setKind(kind);
    o.setMetadata(new ObjectMetaBuilder().withName("x").build());
    return o;
  }

  @Test
  void maps_api_versions_to_schema_files() {
    Path dir = SchemaConformance.schemasDir();

    assertThat(dir.relativize(SchemaConformance.schemaFile(dir, object("v1", "Service"))))
        .hasToString("k8s/v1.34.0-standalone-strict/service-v1.json");
    assertThat(
            dir.relativize(
                SchemaConformance.schemaFile(dir, object("networking.k8s.io/v1", "Ingress"))))
        .hasToString("k8s/v1.34.0-standalone-strict/ingress-networking-v1.json");
    assertThat(
            dir.relativize(
                SchemaConformance.schemaFile(
                    dir, object("gateway.networking.k8s.io/v1", "HTTPRoute"))))
        .hasToString("crd-extracted/gateway.networking.k8s.io/httproute_v1.strict.json");
    assertThat(
            dir.relativize(
                SchemaConformance.schemaFile(dir, object("traefik.io/v1alpha1", "Middleware"))))
        .hasToString("crd-jsonschema/traefik.io/middleware_v1alpha1.json");
    assertThat(SchemaConformance.schemaFile(dir, object("example.com/v1", "Widget"))).isNull();
  }

  @Test
  void accepts_a_valid_object() {
    Service service =
        new ServiceBuilder()
            .withNewMetadata()
            .withName("s")
            .endMetadata()
            .withNewSpec()
            .addNewPort()
            .withName("http-ws")
            .withPort(8080)
            .endPort()
            .endSpec()
            .build();

    assertThat(SchemaConformance.problems(service)).isEmpty();
  }

  @Test
  void rejects_unknown_fields_and_wrong_types() {
    ConfigMap unknownField =
        new ConfigMapBuilder().withNewMetadata().withName("c").endMetadata().build();
    unknownField.setAdditionalProperty("dataa", "typo");
    GenericKubernetesResource wrongType = object("v1", "Service");
    wrongType.setAdditionalProperty(
        "spec", java.util.Map.of("ports", List.of(java.util.Map.of("port", "not-a-number"))));

    assertThat(SchemaConformance.problems(unknownField))
        .singleElement()
        .asString()
        .startsWith("ConfigMap c (k8s/v1.34.0-standalone-strict/configmap-v1.json): ")
        .contains("dataa");
    assertThat(SchemaConformance.problems(wrongType)).isNotEmpty();
    assertThatThrownBy(() -> SchemaConformance.assertValid(List.of(unknownField)))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("objects do not match their upstream schemas:");
  }

  @Test
  void falls_back_to_the_upstream_crd_yaml_and_applies_it_strictly() {
    GenericKubernetesResource backend = object("ingress.v3.haproxy.org/v3", "Backend");
    backend.setAdditionalProperty("spec", java.util.Map.of("tunnel_timeout", 3600000));
    GenericKubernetesResource typo = object("ingress.v3.haproxy.org/v3", "Backend");
    typo.setAdditionalProperty("spec", java.util.Map.of("tunnel-timeout", "3600s"));

    assertThat(SchemaConformance.problems(backend)).isEmpty();
    assertThat(SchemaConformance.problems(typo))
        .singleElement()
        .asString()
        .startsWith("Backend x (")
        .contains("tunnel-timeout");
  }

  @Test
  void an_object_without_a_schema_is_a_failure_not_a_pass() {
    assertThat(SchemaConformance.problems(object("example.com/v1", "Widget")))
        .singleElement()
        .asString()
        .startsWith("Widget x: no schema for example.com/v1 Widget under ");
  }
}
