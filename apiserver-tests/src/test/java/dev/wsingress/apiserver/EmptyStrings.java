package dev.wsingress.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Map;

/**
 * The kube-apiserver 1.20.2 built here decodes an empty string in a custom resource as null and
 * refuses it ("spec.g in body must be of type string: \"null\"", for any CRD with a string field;
 * {@link ApiServerDryRunTest#this_build_reads_an_empty_string_in_a_custom_resource_as_null} pins
 * it) — the same defect that makes {@link Crds} remove {@code default: ""} from CRD schemas.
 * Kubernetes itself accepts them, and upstream CRDs need them: Gateway API's {@code group: ""} (the
 * core group) is a required key of BackendTLSPolicy references. Such values are submitted as {@link
 * #PLACEHOLDER}, which every schema string these renderings hold accepts, and reported as a known
 * gap; the rest of the object is validated as written.
 */
final class EmptyStrings {
  private EmptyStrings() {}

  /** Matches the Gateway API group pattern {@code ^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?...$}. */
  static final String PLACEHOLDER = "empty";

  /**
   * A copy of {@code object} with every empty string replaced by {@link #PLACEHOLDER}; the paths
   * replaced are added to {@code paths}.
   */
  static JsonNode substitute(JsonNode object, List<String> paths) {
    JsonNode copy = object.deepCopy();
    walk("", copy, paths);
    return copy;
  }

  private static void walk(String path, JsonNode node, List<String> paths) {
    if (node instanceof ObjectNode o) {
      for (Map.Entry<String, JsonNode> field : o.properties()) {
        String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        if (field.getValue().isTextual() && field.getValue().asText().isEmpty()) {
          field.setValue(TextNode.valueOf(PLACEHOLDER));
          paths.add(child);
        } else {
          walk(child, field.getValue(), paths);
        }
      }
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        if (a.get(i).isTextual() && a.get(i).asText().isEmpty()) {
          a.set(i, TextNode.valueOf(PLACEHOLDER));
          paths.add(path + "[" + i + "]");
        } else {
          walk(path + "[" + i + "]", a.get(i), paths);
        }
      }
    }
  }
}
