package dev.wsingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlTest {

  private static ConfigMap configMap(String name, Map<String, String> data) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("default")
        .endMetadata()
        .withData(data)
        .build();
  }

  @Test
  void strings_that_read_as_numbers_or_booleans_stay_quoted() {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("seconds", "3600");
    data.put("flag", "true");
    data.put("buffering", "off");
    data.put("yes", "yes");
    data.put("empty", "");
    data.put("plain", "cookie");
    data.put("variable", "$remote_addr");
    // A float out of range: strconv.ParseFloat fails, so go-yaml (and YAML 1.1) keep the string.
    data.put("huge", "3e213_5");

    String yaml = Yaml.write(List.of(configMap("c", data)));

    assertThat(yaml)
        .isEqualTo(
            "---\n"
                + "apiVersion: v1\n"
                + "kind: ConfigMap\n"
                + "metadata:\n"
                + "  name: c\n"
                + "  namespace: default\n"
                + "data:\n"
                + "  buffering: \"off\"\n"
                + "  empty: \"\"\n"
                + "  flag: \"true\"\n"
                + "  huge: 3e213_5\n"
                + "  plain: cookie\n"
                + "  seconds: \"3600\"\n"
                + "  variable: $remote_addr\n"
                + "  \"yes\": \"yes\"\n");
  }

  @Test
  void multi_line_strings_are_literal_blocks() {
    String yaml = Yaml.write(List.of(configMap("c", Map.of("snippet", "a 1;\nb 2;\n"))));

    assertThat(yaml).endsWith("data:\n  snippet: |\n    a 1;\n    b 2;\n");
  }

  @Test
  void objects_are_ordered_by_kind_then_namespace_and_name() {
    Service service =
        new ServiceBuilder()
            .withNewMetadata()
            .withName("a")
            .withNamespace("x")
            .endMetadata()
            .build();
    Namespace namespace =
        new NamespaceBuilder().withNewMetadata().withName("x").endMetadata().build();
    GenericKubernetesResource custom = new GenericKubernetesResource();
    custom.setApiVersion("example.com/v1");
    custom.setKind("Widget");
    custom.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("w").build());

    String yaml =
        Yaml.write(
            List.of(
                custom, configMap("b", Map.of()), service, configMap("a", Map.of()), namespace));

    assertThat(Yaml.read(yaml))
        .extracting(o -> o.getKind() + "/" + o.getMetadata().getName())
        .containsExactly("Namespace/x", "ConfigMap/a", "ConfigMap/b", "Service/a", "Widget/w");
  }

  @Test
  void read_returns_typed_objects_and_generic_ones_for_unknown_kinds() {
    String yaml =
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n---\n"
            + "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: 3\n";

    List<HasMetadata> objects = Yaml.read(yaml);

    assertThat(objects.get(0)).isInstanceOf(ConfigMap.class);
    assertThat(objects.get(1)).isInstanceOf(GenericKubernetesResource.class);
    assertThat(((GenericKubernetesResource) objects.get(1)).getAdditionalProperties())
        .containsEntry("spec", Map.of("size", 3));
  }

  @Test
  void read_then_write_is_byte_identical() {
    String yaml =
        Yaml.write(
            List.of(
                configMap("c", Map.of("proxy-read-timeout", "3600", "use-http2", "true")),
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
                    .build()));

    assertThat(Yaml.write(Yaml.read(yaml))).isEqualTo(yaml);
  }

  @Test
  void read_rejects_documents_without_kind_and_text_that_is_not_yaml() {
    assertThatThrownBy(() -> Yaml.read("apiVersion: v1\nmetadata: {}\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("document 1 has no apiVersion or kind: every object needs both");
    assertThatThrownBy(() -> Yaml.read("a: [1, 2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cannot read the YAML: ");
    assertThatThrownBy(() -> Yaml.read(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("yaml is null");
  }
}
