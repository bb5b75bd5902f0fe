package dev.wsingress.platform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsingress.Manifest;
import dev.wsingress.Manifests;
import dev.wsingress.NamespaceIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link AppFacts} and {@link ConfiguredPlatform} look up for every Service, gathered once per
 * read so that reading stays linear in the input: the prometheus-adapter ConfigMaps, the
 * ServiceMonitors by their {@code spec.selector.matchLabels} and the NetworkPolicies by their
 * {@code spec.podSelector.matchLabels}, each list in input order.
 */
final class ReadIndex {
  /** The text a prometheus-adapter config holds when it exposes the kit's metric. */
  static final String ADAPTER_RULE = "as: \"websocket_connections\"";

  /** The ConfigMaps whose {@code data["config.yaml"]} holds {@link #ADAPTER_RULE}. */
  final List<Manifest> adapterConfigs = new ArrayList<>();

  private final Map<JsonNode, List<Manifest>> monitorsBySelector = new HashMap<>();
  private final Map<JsonNode, List<Manifest>> policiesBySelector = new HashMap<>();
  private final Map<String, Map<String, List<Manifest>>> autoscalersByTarget = new HashMap<>();
  private final NamespaceIndex<Manifest> budgets;

  ReadIndex(Manifests in) {
    for (Manifest cm : in.objects("", "ConfigMap")) {
      JsonNode config = cm.tree().path("data").path("config.yaml");
      if (config.isTextual() && config.asText().contains(ADAPTER_RULE)) {
        adapterConfigs.add(cm);
      }
    }
    for (Manifest sm : in.objects("monitoring.coreos.com", "ServiceMonitor")) {
      JsonNode labels = sm.tree().path("spec").path("selector").path("matchLabels");
      monitorsBySelector.computeIfAbsent(labels, k -> new ArrayList<>(1)).add(sm);
    }
    for (Manifest p : in.objects("networking.k8s.io", "NetworkPolicy")) {
      JsonNode labels = p.tree().path("spec").path("podSelector").path("matchLabels");
      policiesBySelector.computeIfAbsent(labels, k -> new ArrayList<>(1)).add(p);
    }
    for (Manifest hpa : in.objects("autoscaling", "HorizontalPodAutoscaler")) {
      JsonNode ref = hpa.tree().path("spec").path("scaleTargetRef");
      autoscalersByTarget
          .computeIfAbsent(ref.path("kind").asText(), k -> new HashMap<>())
          .computeIfAbsent(ref.path("name").asText(), k -> new ArrayList<>(1))
          .add(hpa);
    }
    budgets = NamespaceIndex.of(in.objects("policy", "PodDisruptionBudget"), Manifest::namespace);
  }

  /**
   * The HorizontalPodAutoscalers whose {@code scaleTargetRef} names this kind and name (as text),
   * in input order, in any namespace.
   */
  List<Manifest> autoscalersOf(String kind, String name) {
    return autoscalersByTarget.getOrDefault(kind, Map.of()).getOrDefault(name, List.of());
  }

  /**
   * The PodDisruptionBudgets that can be in {@code namespace} ({@link Manifests#sameNamespace}), in
   * input order: those of that namespace when every budget has one, else every budget.
   */
  List<Manifest> budgetsNear(String namespace) {
    return budgets.near(namespace);
  }

  /**
   * The ServiceMonitors whose {@code spec.selector.matchLabels} equals {@code labels} (as {@link
   * JsonNode#equals}), in input order.
   */
  List<Manifest> monitorsSelecting(JsonNode labels) {
    return monitorsBySelector.getOrDefault(labels, List.of());
  }

  /**
   * The NetworkPolicies whose {@code spec.podSelector.matchLabels} equals {@code labels} (as {@link
   * JsonNode#equals}), in input order.
   */
  List<Manifest> policiesSelecting(JsonNode labels) {
    return policiesBySelector.getOrDefault(labels, List.of());
  }
}
