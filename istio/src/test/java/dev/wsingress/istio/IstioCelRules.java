package dev.wsingress.istio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.wsingress.Finding;
import dev.wsingress.Yaml;
import dev.wsingress.testing.SchemaConformance;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CEL rules of the upstream Istio CRDs ({@code crd-yaml/istio}) that JSON schema validators
 * ignore, checked on rendered objects: every field whose rule says "must be a valid duration
 * greater than 1ms" (found by walking the CRD, not listed by hand), and the loadBalancer oneOf (of
 * the rule and of each subset).
 */
final class IstioCelRules {
  private IstioCelRules() {}

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
  private static Map<String, List<String>> durationPaths;

  /** Every violation in the objects, as {@code Kind name path: reason}. */
  static List<String> violations(List<HasMetadata> objects) {
    Map<String, List<String>> paths = durationPaths();
    List<String> out = new ArrayList<>();
    for (HasMetadata o : objects) {
      if (!o.getApiVersion().equals("networking.istio.io/v1")) {
        continue;
      }
      JsonNode node = tree(o);
      for (String path : paths.getOrDefault(o.getKind(), List.of())) {
        collect(node, path.split("\\."), 0, value -> checkDuration(o, path, value, out));
      }
      if (o.getKind().equals("DestinationRule")) {
        List<JsonNode> policies = new ArrayList<>();
        policies.add(node.path("spec").path("trafficPolicy"));
        node.path("spec").path("subsets").forEach(s -> policies.add(s.path("trafficPolicy")));
        for (JsonNode policy : policies) {
          JsonNode lb = policy.path("loadBalancer");
          if (!lb.isMissingNode() && lb.has("simple") == lb.has("consistentHash")) {
            out.add(
                Finding.subjectOf(o)
                    + " loadBalancer: needs exactly one of simple and"
                    + " consistentHash");
          }
        }
      }
    }
    return out;
  }

  /** The duration-rule paths per kind, read from the v1 schema of each CRD. */
  static synchronized Map<String, List<String>> durationPaths() {
    if (durationPaths == null) {
      Path file =
          SchemaConformance.schemasDir().resolve("crd-yaml/istio/networking.istio.io-crds.yaml");
      Map<String, List<String>> m = new HashMap<>();
      try (MappingIterator<JsonNode> docs =
          YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
        while (docs.hasNext()) {
          JsonNode crd = docs.next();
          String kind = crd.path("spec").path("names").path("kind").asText();
          for (JsonNode version : crd.path("spec").path("versions")) {
            if (version.path("name").asText().equals("v1")) {
              List<String> paths = new ArrayList<>();
              walk(version.path("schema").path("openAPIV3Schema"), "", paths);
              m.put(kind, paths);
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      durationPaths = m;
    }
    return durationPaths;
  }

  private static void walk(JsonNode schema, String path, List<String> out) {
    for (JsonNode rule : schema.path("x-kubernetes-validations")) {
      if (rule.path("message").asText().contains("valid duration greater than 1ms")) {
        out.add(path);
      }
    }
    schema
        .path("properties")
        .fields()
        .forEachRemaining(
            e -> walk(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out));
    if (schema.has("items")) {
      walk(schema.path("items"), path + ".[]", out);
    }
  }

  private static void collect(
      JsonNode node, String[] parts, int i, java.util.function.Consumer<JsonNode> sink) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return;
    }
    if (i == parts.length) {
      sink.accept(node);
      return;
    }
    if (parts[i].equals("[]")) {
      for (JsonNode item : node) {
        collect(item, parts, i + 1, sink);
      }
    } else {
      collect(node.get(parts[i]), parts, i + 1, sink);
    }
  }

  private static void checkDuration(HasMetadata o, String path, JsonNode value, List<String> out) {
    Matcher m = DURATION.matcher(value.asText());
    if (!m.matches()) {
      out.add(Finding.subjectOf(o) + " " + path + ": \"" + value.asText() + "\" is not a duration");
      return;
    }
    long n = Long.parseLong(m.group(1));
    Duration d =
        switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        };
    if (d.compareTo(Duration.ofMillis(1)) < 0) {
      out.add(Finding.subjectOf(o) + " " + path + ": " + value.asText() + " is below 1ms");
    }
  }

  private static JsonNode tree(HasMetadata o) {
    try {
      return YAML.readTree(Yaml.write(List.of(o)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
