package dev.wsingress.gatewayapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Kubernetes label selectors as the readers meet them: a listener's {@code
 * allowedRoutes.namespaces.selector} and an Envoy Gateway policy's {@code targetSelectors}, both
 * {@code matchLabels} plus {@code matchExpressions} ANDed (k8s.io/apimachinery v0.34.0
 * pkg/apis/meta/v1/types.go LabelSelector: "The requirements are ANDed"; operators In, NotIn,
 * Exists and DoesNotExist).
 */
final class LabelSelectors {
  private LabelSelectors() {}

  /** Whether {@code labels} (a mapping, or missing) satisfy the selector's two parts. */
  static boolean matches(JsonNode matchLabels, JsonNode matchExpressions, JsonNode labels) {
    if (matchLabels != null && matchLabels.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = matchLabels.properties().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode have = labels == null ? null : labels.get(e.getKey());
        if (have == null || !have.asText().equals(e.getValue().asText())) {
          return false;
        }
      }
    }
    if (matchExpressions != null && matchExpressions.isArray()) {
      for (JsonNode r : matchExpressions) {
        if (!requirement(r, labels)) {
          return false;
        }
      }
    }
    return true;
  }

  /** Whether the selector names any label key other than {@code key}. */
  static boolean usesOtherKeys(JsonNode selector, String key) {
    Iterator<String> names = selector.path("matchLabels").fieldNames();
    while (names.hasNext()) {
      if (!names.next().equals(key)) {
        return true;
      }
    }
    for (JsonNode r : selector.path("matchExpressions")) {
      if (!r.path("key").asText().equals(key)) {
        return true;
      }
    }
    return false;
  }

  private static boolean requirement(JsonNode r, JsonNode labels) {
    String key = r.path("key").asText();
    JsonNode have = labels == null ? null : labels.get(key);
    boolean in = false;
    for (JsonNode v : r.path("values")) {
      if (have != null && v.asText().equals(have.asText())) {
        in = true;
      }
    }
    switch (r.path("operator").asText()) {
      case "In":
        return in;
      case "NotIn":
        return !in;
      case "Exists":
        return have != null;
      case "DoesNotExist":
        return have == null;
      default:
        return false; // the API server refuses other operators
    }
  }
}
