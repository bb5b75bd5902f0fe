package dev.wsingress;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Kubernetes label selection on the JSON trees of {@link Manifest}s, for target readers that follow
 * selectors of their own objects (a mesh's policy selecting pods, a NetworkPolicy's peers).
 *
 * <pre>{@code
 * JsonNode labels = workload.podTemplate().orElseThrow().path("metadata").path("labels");
 * boolean selected = Selectors.matchesSelector(server.tree().at("/spec/podSelector"), labels);
 * }</pre>
 */
public final class Selectors {
  private Selectors() {}

  /**
   * A Service's {@code spec.selector}: every key present in the labels with an equal value (the
   * values compared as text, as the API server stores labels).
   */
  public static boolean matchesLabels(JsonNode selector, JsonNode labels) {
    if (selector == null || !selector.isObject()) {
      return false;
    }
    Iterator<Map.Entry<String, JsonNode>> it = selector.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = labels == null ? null : labels.get(e.getKey());
      if (v == null || !v.isValueNode() || !v.asText().equals(e.getValue().asText())) {
        return false;
      }
    }
    return true;
  }

  /**
   * A {@code LabelSelector} ({@code matchLabels} and {@code matchExpressions} with {@code In},
   * {@code NotIn}, {@code Exists}, {@code DoesNotExist}); an empty or missing selector selects
   * everything, as a NetworkPolicy's {@code podSelector: {}} does. An unknown operator selects
   * nothing.
   */
  public static boolean matchesSelector(JsonNode selector, JsonNode labels) {
    if (selector == null || selector.isMissingNode() || selector.isNull()) {
      return true;
    }
    JsonNode matchLabels = selector.get("matchLabels");
    if (matchLabels != null && matchLabels.isObject() && !matchesLabels(matchLabels, labels)) {
      return false;
    }
    for (JsonNode expr : selector.path("matchExpressions")) {
      String key = expr.path("key").asText("");
      JsonNode have = labels == null ? null : labels.get(key);
      boolean present = have != null && have.isValueNode() && !have.isNull();
      boolean in = false;
      for (JsonNode v : expr.path("values")) {
        in |= present && v.asText().equals(have.asText());
      }
      boolean ok;
      switch (expr.path("operator").asText("")) {
        case "In":
          ok = in;
          break;
        case "NotIn":
          ok = !in;
          break;
        case "Exists":
          ok = present;
          break;
        case "DoesNotExist":
          ok = !present;
          break;
        default:
          ok = false;
      }
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
