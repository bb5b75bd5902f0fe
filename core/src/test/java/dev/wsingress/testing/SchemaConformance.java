package dev.wsingress.testing;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.wsingress.Finding;
import dev.wsingress.Rendering;
import dev.wsingress.Yaml;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;

/**
 * Validates rendered objects against the upstream JSON schema of their apiVersion and kind, from
 * the directory named by the system property {@code wsingress.schemas} (default {@code
 * ../shared/schemas} from the repository root). When the property is set the directory must exist;
 * when it is not set and the default is missing, the calling test is skipped with a message that
 * names the property.
 *
 * <p>Objects are validated as written: each is turned into YAML by {@link Yaml#write} and parsed
 * back, so the schema sees exactly what users apply. Custom resources are also checked against the
 * CEL rules and list types of their CRD ({@link CelRules}), as a CEL-capable API server checks
 * them.
 */
public final class SchemaConformance {
  private SchemaConformance() {}

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
  private static final Map<Path, Schema> SCHEMAS = new ConcurrentHashMap<>();
  private static final String K8S = "k8s/v1.34.0-standalone-strict";

  /** The schema directory, or skips the test when it is optional and missing. */
  public static Path schemasDir() {
    String property = System.getProperty("wsingress.schemas", "");
    String root = System.getProperty("wsingress.root", "");
    boolean explicit = !property.isBlank();
    Path dir = Path.of(explicit ? property : "../shared/schemas");
    if (!dir.isAbsolute()) {
      dir = (root.isBlank() ? Path.of("").toAbsolutePath() : Path.of(root)).resolve(dir);
    }
    dir = dir.normalize();
    if (!Files.isDirectory(dir.resolve(K8S))) {
      if (explicit) {
        fail(
            "-Dwsingress.schemas="
                + property
                + " points at "
                + dir
                + ", which has no "
                + K8S
                + " directory: the upstream schemas are required when the property is set");
      }
      Assumptions.assumeTrue(
          false,
          "schema conformance skipped: no schemas at "
              + dir
              + "; set -Dwsingress.schemas=<dir> (../shared/schemas) to run it");
    }
    return dir;
  }

  /** Asserts every object of the rendering is valid against its upstream schema. */
  public static void assertValid(Rendering rendering) {
    assertValid(rendering.objects());
  }

  /** Asserts every object is valid against its upstream schema. */
  public static void assertValid(Collection<? extends HasMetadata> objects) {
    assertValid(objects, false);
  }

  /**
   * Asserts every object is valid against the experimental-channel schemas where they exist (the
   * CRDs of {@code crd-yaml-experimental/}, then {@code crd-jsonschema/}); for output that opts
   * into experimental fields.
   */
  public static void assertValidExperimental(Rendering rendering) {
    assertValid(rendering.objects(), true);
  }

  /**
   * Asserts every object is valid against the schema of its upstream CRD pinned to a release tag in
   * {@code crd-yaml/} where there is one (made strict as the other folders are), and against its
   * usual schema otherwise; for output that uses fields newer than the snapshot of the datree
   * catalog in {@code crd-jsonschema/} (such as Istio 1.28's {@code httpCookie.attributes}).
   */
  public static void assertValidAgainstCrdYaml(Rendering rendering) {
    Path dir = schemasDir();
    List<String> problems = new ArrayList<>();
    for (HasMetadata o : rendering.objects()) {
      Path pinned = crdYaml(dir, "crd-yaml").get(o.getApiVersion() + "/" + o.getKind());
      problems.addAll(pinned == null ? problems(dir, o, false) : problems(dir, o, pinned, false));
    }
    if (!problems.isEmpty()) {
      fail("objects do not match their upstream schemas:\n  " + String.join("\n  ", problems));
    }
  }

  private static void assertValid(Collection<? extends HasMetadata> objects, boolean experimental) {
    Path dir = schemasDir();
    List<String> problems = new ArrayList<>();
    for (HasMetadata o : objects) {
      problems.addAll(problems(dir, o, experimental));
    }
    if (!problems.isEmpty()) {
      fail("objects do not match their upstream schemas:\n  " + String.join("\n  ", problems));
    }
  }

  /** The schema violations of one object, each prefixed with the object's kind and name. */
  public static List<String> problems(HasMetadata object) {
    return problems(schemasDir(), object, false);
  }

  /**
   * The schema violations of one object against the standard channel, or the experimental one where
   * it exists ({@code experimental}), each prefixed with the object's kind and name.
   */
  public static List<String> problems(HasMetadata object, boolean experimental) {
    return problems(schemasDir(), object, experimental);
  }

  /**
   * Kinds whose upstream schema is not in shared/schemas, each checked here by its structural rules
   * instead, and printed as a known gap so that it is never silently skipped.
   */
  static final Map<String, String> KNOWN_GAPS =
      Map.of(
          "policy/v1/PodDisruptionBudget",
          "no policy/v1 PodDisruptionBudget schema in shared/schemas/k8s (8 kinds only); checked"
              + " structurally: a selector and exactly one of minAvailable and maxUnavailable");

  private static final java.util.Set<String> REPORTED_GAPS =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  private static List<String> gap(HasMetadata object, String key) {
    if (REPORTED_GAPS.add(key)) {
      System.err.println("schema conformance: known gap for " + key + ": " + KNOWN_GAPS.get(key));
    }
    JsonNode node;
    try {
      node = YAML.readTree(Yaml.write(List.of(object)));
    } catch (IOException e) {
      return List.of(Finding.subjectOf(object) + ": cannot parse its own YAML");
    }
    JsonNode spec = node.path("spec");
    List<String> out = new ArrayList<>();
    if (!spec.path("selector").isObject()) {
      out.add(Finding.subjectOf(object) + ": spec.selector is required");
    }
    if (spec.has("minAvailable") == spec.has("maxUnavailable")) {
      out.add(
          Finding.subjectOf(object)
              + ": exactly one of spec.minAvailable and spec.maxUnavailable is allowed");
    }
    return out;
  }

  private static List<String> problems(Path dir, HasMetadata object, boolean experimental) {
    String gapKey = object.getApiVersion() + "/" + object.getKind();
    if (KNOWN_GAPS.containsKey(gapKey)) {
      return gap(object, gapKey);
    }
    return problems(dir, object, schemaFile(dir, object, experimental), experimental);
  }

  private static List<String> problems(
      Path dir, HasMetadata object, Path file, boolean experimental) {
    String subject = Finding.subjectOf(object);
    if (file == null) {
      return List.of(
          subject
              + ": no schema for "
              + object.getApiVersion()
              + " "
              + object.getKind()
              + " under "
              + dir);
    }
    JsonNode node;
    try {
      node = YAML.readTree(Yaml.write(List.of(object)));
    } catch (IOException e) {
      return List.of(subject + ": cannot parse its own YAML: " + e.getMessage());
    }
    Schema schema = SCHEMAS.computeIfAbsent(file, SchemaConformance::load);
    List<String> out = new ArrayList<>();
    for (Error e : schema.validate(node)) {
      out.add(subject + " (" + dir.relativize(file) + "): " + e);
    }
    // What JSON Schema cannot say: the CRD's CEL rules and list types (issue 19).
    out.addAll(CelRules.problems(dir, object, experimental));
    return out;
  }

  /** The schema file for an object's apiVersion and kind, or null when there is none. */
  public static Path schemaFile(Path dir, HasMetadata object) {
    return schemaFile(dir, object, false);
  }

  private static Path schemaFile(Path dir, HasMetadata object, boolean experimental) {
    String apiVersion = object.getApiVersion();
    String kind = object.getKind().toLowerCase(java.util.Locale.ROOT);
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    String version = apiVersion.substring(slash + 1);
    String groupPrefix = group.isEmpty() ? "" : "-" + group.split("\\.")[0];
    if (experimental) {
      // The experimental-channel CRDs themselves (Gateway API v1.6.1 config/crd/experimental).
      Path crd =
          crdYaml(dir, "crd-yaml-experimental").get(group + "/" + version + "/" + object.getKind());
      if (crd != null) {
        return crd;
      }
    }
    List<Path> candidates = new ArrayList<>();
    if (group.isEmpty()
        || group.endsWith(".k8s.io") && !group.startsWith("gateway.")
        || !group.contains(".")) {
      candidates.add(dir.resolve(K8S).resolve(kind + groupPrefix + "-" + version + ".json"));
    }
    if (!experimental) {
      // The standard channel, strict: experimental fields fail here.
      candidates.add(
          dir.resolve("crd-extracted/" + group + "/" + kind + "_" + version + ".strict.json"));
    }
    if (group.equals("networking.istio.io")) {
      // The datree catalog's Istio schemas predate 1.26 (no httpCookie.attributes, 1.28); the CRD
      // pinned at istio/api 1.30.3 in crd-yaml/ is what the default Istio target writes for.
      Path pinned = crdYaml(dir, "crd-yaml").get(group + "/" + version + "/" + object.getKind());
      if (pinned != null) {
        return pinned;
      }
    }
    candidates.add(dir.resolve("crd-jsonschema/" + group + "/" + kind + "_" + version + ".json"));
    for (Path p : candidates) {
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    // Last: the openAPIV3Schema of an upstream CRD in crd-yaml/ (e.g. haproxytech's v3 CRDs).
    return crdYaml(dir, "crd-yaml").get(group + "/" + version + "/" + object.getKind());
  }

  private static final Map<Path, Map<String, Path>> CRD_YAML = new ConcurrentHashMap<>();

  /**
   * Indexes a folder of CRD YAML (crd-yaml/, crd-yaml-experimental/): each served version of each
   * CRD becomes a strict JSON schema file in a temporary directory (additionalProperties: false on
   * every object schema with properties and no x-kubernetes-preserve-unknown-fields, as the strict
   * folders were made).
   */
  private static Map<String, Path> crdYaml(Path dir, String folder) {
    return CRD_YAML.computeIfAbsent(
        dir.resolve(folder),
        root -> {
          Map<String, Path> index = new java.util.HashMap<>();
          if (!Files.isDirectory(root)) {
            return index;
          }
          try (var files = Files.walk(root)) {
            Path out = Files.createTempDirectory("wsingress-crd-schemas");
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
              try (var docs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
                while (docs.hasNext()) {
                  JsonNode crd = docs.next();
                  if (crd == null
                      || !"CustomResourceDefinition".equals(crd.path("kind").asText())) {
                    continue;
                  }
                  String group = crd.path("spec").path("group").asText();
                  String kind = crd.path("spec").path("names").path("kind").asText();
                  for (JsonNode v : crd.path("spec").path("versions")) {
                    JsonNode schema = v.path("schema").path("openAPIV3Schema").deepCopy();
                    if (!(schema instanceof ObjectNode o)) {
                      continue;
                    }
                    strict(o);
                    implicitRootFields(o);
                    String key = group + "/" + v.path("name").asText() + "/" + kind;
                    Path target = out.resolve(key.replace('/', '_') + ".json");
                    new ObjectMapper().writeValue(target.toFile(), o);
                    index.putIfAbsent(key, target);
                  }
                }
              }
            }
          } catch (IOException e) {
            throw new IllegalStateException("cannot read " + root, e);
          }
          return index;
        });
  }

  /**
   * The fields every object has, which the API server adds to a CRD's schema when absent (Istio's
   * generated CRDs name only spec and status): apiVersion, kind and metadata.
   */
  private static void implicitRootFields(ObjectNode schema) {
    if (schema.path("properties") instanceof ObjectNode p) {
      if (!p.has("apiVersion")) {
        p.putObject("apiVersion").put("type", "string");
      }
      if (!p.has("kind")) {
        p.putObject("kind").put("type", "string");
      }
      if (!p.has("metadata")) {
        p.putObject("metadata").put("type", "object");
      }
    }
  }

  private static void strict(ObjectNode schema) {
    if (schema.has("properties")
        && !schema.has("additionalProperties")
        && !schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
      schema.put("additionalProperties", false);
    }
    schema.path("properties").forEach(p -> strictNode(p));
    strictNode(schema.path("items"));
    strictNode(schema.path("additionalProperties"));
  }

  private static void strictNode(JsonNode node) {
    if (node instanceof ObjectNode o) {
      strict(o);
    }
  }

  private static Schema load(Path file) {
    try {
      ObjectNode node = (ObjectNode) new ObjectMapper().readTree(file.toFile());
      // The k8s files name a meta-schema URI ("http://json-schema.org/schema#") that validators
      // do not resolve offline; all of them are draft-07 compatible.
      node.remove("$schema");
      return REGISTRY.getSchema(node);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read schema " + file, e);
    }
  }
}
