package dev.wsingress.istio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.wsingress.testing.SchemaConformance;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The schema resource the reader judges with is the pinned istio/api 1.30.3 CRDs' {@code v1} schema
 * of {@code spec}, reduced as {@link CrdSchema} documents, and that one schema is right for every
 * served version.
 */
class CrdSpecSchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Pattern HAS = Pattern.compile("has\\(self\\.(\\w+)\\)");
  private static final Pattern SELF = Pattern.compile("self\\.(\\w+)");
  private static final Map<String, JsonNode> CRDS = new HashMap<>();

  @BeforeAll
  static void readCrds() throws IOException {
    Path file =
        SchemaConformance.schemasDir().resolve("crd-yaml/istio/networking.istio.io-crds.yaml");
    Assumptions.assumeTrue(
        Files.exists(file), "the pinned schemas are missing: set -Dwsingress.schemas");
    try (MappingIterator<JsonNode> docs =
        new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class).readValues(file.toFile())) {
      while (docs.hasNext()) {
        JsonNode crd = docs.next();
        CRDS.put(crd.path("spec").path("names").path("kind").asText(), crd);
      }
    }
  }

  private static JsonNode version(JsonNode crd, String name) {
    for (JsonNode v : crd.path("spec").path("versions")) {
      if (v.path("name").asText().equals(name)) {
        return v;
      }
    }
    throw new AssertionError("no version " + name);
  }

  @Test
  void the_resource_is_the_reduced_v1_spec_schema_of_each_crd() throws IOException {
    ObjectNode expected = F.objectNode();
    for (String kind : List.of("DestinationRule", "Gateway", "VirtualService")) {
      JsonNode schema = version(CRDS.get(kind), "v1").path("schema").path("openAPIV3Schema");
      expected.set(kind, reduce(schema.path("properties").path("spec")));
    }
    JsonNode resource;
    try (InputStream in = CrdSchema.class.getResourceAsStream("networking-crd-spec.json")) {
      resource = JSON.readTree(in);
    }
    assertThat(resource).isEqualTo(expected);
  }

  @Test
  void v1beta1_and_v1alpha3_are_served_with_the_v1_schema_and_none_is_deprecated() {
    assertThat(CRDS.keySet())
        .containsExactlyInAnyOrder("DestinationRule", "Gateway", "VirtualService");
    for (JsonNode crd : CRDS.values()) {
      JsonNode v1 = version(crd, "v1");
      assertThat(v1.path("storage").asBoolean()).isTrue();
      for (String name : List.of("v1", "v1beta1", "v1alpha3")) {
        JsonNode v = version(crd, name);
        assertThat(v.path("served").asBoolean()).as(name).isTrue();
        assertThat(v.has("deprecated")).as(name + " deprecated").isFalse();
        assertThat(v.path("schema")).as(name + " schema").isEqualTo(v1.path("schema"));
      }
    }
  }

  /** The reduction {@link CrdSchema} documents. */
  static JsonNode reduce(JsonNode s) {
    ObjectNode out = F.objectNode();
    if (s.has("type")) {
      out.put("t", s.path("type").asText());
    }
    if (s.path("x-kubernetes-int-or-string").asBoolean()) {
      out.put("s", true);
    }
    if (s.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
      out.put("x", true);
    }
    if (s.has("enum")) {
      out.set("e", s.get("enum"));
    }
    if (s.has("properties")) {
      ObjectNode p = out.putObject("p");
      s.get("properties").properties().forEach(e -> p.set(e.getKey(), reduce(e.getValue())));
    }
    if (s.has("items")) {
      out.set("i", reduce(s.get("items")));
    }
    if (s.path("additionalProperties").isObject()) {
      out.set("a", reduce(s.get("additionalProperties")));
    }
    List<List<String>> groups = new ArrayList<>();
    List<JsonNode> oneOfs = new ArrayList<>();
    if (s.has("oneOf")) {
      oneOfs.add(s.get("oneOf"));
    }
    for (JsonNode all : s.path("allOf")) {
      if (all.has("oneOf")) {
        oneOfs.add(all.get("oneOf"));
      }
    }
    for (JsonNode oneOf : oneOfs) {
      List<String> g = new ArrayList<>();
      for (JsonNode alt : oneOf) {
        alt.path("required").forEach(r -> g.add(r.asText()));
      }
      if (g.size() > 1) {
        groups.add(g);
      }
    }
    for (JsonNode rule : s.path("x-kubernetes-validations")) {
      String text = rule.path("rule").asText("");
      if (rule.path("message").asText("").contains("valid duration greater than 1ms")) {
        out.put("d", true);
      } else if (text.startsWith("oneof(") || text.endsWith("<= 1")) {
        List<String> g = new ArrayList<>();
        Matcher m = (text.contains("has(") ? HAS : SELF).matcher(text);
        while (m.find()) {
          g.add(m.group(1));
        }
        if (g.size() > 1) {
          groups.add(g);
        }
      }
    }
    if (!groups.isEmpty()) {
      ArrayNode o = out.putArray("o");
      for (List<String> g : groups) {
        ArrayNode a = o.addArray();
        g.forEach(a::add);
      }
    }
    return out;
  }
}
