package dev.wsingress;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Items of a read grouped by namespace, for lookups that treat an empty namespace as matching any
 * ({@link Manifests#sameNamespace}) without scanning every item per lookup. {@link #near} gives the
 * items of one namespace, or every item when the namespace asked for is empty or some item has none
 * (an object without a namespace can land in any); either list is in input order and holds every
 * item the caller's own {@code sameNamespace} check keeps.
 *
 * <pre>{@code
 * NamespaceIndex<Manifest> budgets =
 *     NamespaceIndex.of(in.objects("policy", "PodDisruptionBudget"), Manifest::namespace);
 * for (Manifest pdb : budgets.near(deployment.namespace())) { ... }
 * }</pre>
 *
 * <p>With a label selector per item ({@link #of(List, Function, Function)}), {@link #nearSelecting}
 * also leaves out the items whose selector cannot select the given labels, so that matching every
 * workload against the NetworkPolicies or Servers of its namespace does not grow with their number.
 */
public final class NamespaceIndex<T> {
  private final List<T> all;
  private final Map<String, List<T>> byNamespace = new HashMap<>();
  private final Function<T, JsonNode> selector;
  // Built per list near() gives, on the first lookup with labels.
  private final Map<List<T>, BySelector<T>> bySelector = new IdentityHashMap<>();

  private NamespaceIndex(
      List<T> all, Function<T, String> namespace, Function<T, JsonNode> selector) {
    this.all = all;
    this.selector = selector;
    for (T item : all) {
      byNamespace.computeIfAbsent(namespace.apply(item), k -> new ArrayList<>()).add(item);
    }
  }

  /** Groups {@code items} (kept as given, in input order) by {@code namespace}. */
  public static <T> NamespaceIndex<T> of(List<T> items, Function<T, String> namespace) {
    return new NamespaceIndex<>(items, namespace, null);
  }

  /**
   * Groups {@code items} by {@code namespace}, each with its {@code LabelSelector} (a pod selector;
   * null, missing or anything else for one that cannot be narrowed down), for {@link
   * #nearSelecting}.
   */
  public static <T> NamespaceIndex<T> of(
      List<T> items, Function<T, String> namespace, Function<T, JsonNode> selector) {
    return new NamespaceIndex<>(items, namespace, selector);
  }

  /** Whether some item has no namespace. */
  public boolean anyWithoutNamespace() {
    return byNamespace.containsKey("");
  }

  /** Every item. */
  public List<T> all() {
    return all;
  }

  /** The items that can be in {@code namespace}, in input order (see the class javadoc). */
  public List<T> near(String namespace) {
    return namespace.isEmpty() || anyWithoutNamespace()
        ? all
        : byNamespace.getOrDefault(namespace, List.of());
  }

  /**
   * The items of {@link #near} whose selector may select {@code labels}, in input order: every item
   * whose selector {@link Selectors#matchesSelector} could be true for them, and maybe more (the
   * caller's own check decides). An item is left out only when the first entry of its selector's
   * {@code matchLabels} is a label these labels do not have with that value.
   *
   * @throws IllegalStateException when the index was made without selectors
   */
  public synchronized List<T> nearSelecting(String namespace, JsonNode labels) {
    if (selector == null) {
      throw new IllegalStateException("this index was made without selectors");
    }
    List<T> near = near(namespace);
    if (near.size() < 8) {
      return near; // a scan is as cheap
    }
    return bySelector.computeIfAbsent(near, l -> new BySelector<>(l, selector)).select(labels);
  }

  /**
   * Items by the first entry of their selector's {@code matchLabels}, which every label set they
   * select holds with the same text ({@link Selectors#matchesLabels}); the others always.
   */
  private static final class BySelector<T> {
    private final List<T> items;
    private final BitSet always = new BitSet();
    private final Map<String, BitSet> byFirstLabel = new HashMap<>();

    BySelector(List<T> items, Function<T, JsonNode> selector) {
      this.items = items;
      for (int i = 0; i < items.size(); i++) {
        String first = firstLabel(selector.apply(items.get(i)));
        if (first == null) {
          always.set(i);
        } else {
          byFirstLabel.computeIfAbsent(first, k -> new BitSet()).set(i);
        }
      }
    }

    /** {@code key=value} of the selector's first matchLabels entry, or null when it has none. */
    private static String firstLabel(JsonNode selector) {
      JsonNode matchLabels = selector == null ? null : selector.get("matchLabels");
      if (matchLabels == null || !matchLabels.isObject()) {
        return null;
      }
      Iterator<Map.Entry<String, JsonNode>> it = matchLabels.properties().iterator();
      if (!it.hasNext()) {
        return null;
      }
      Map.Entry<String, JsonNode> e = it.next();
      return key(e.getKey(), e.getValue().asText());
    }

    // A key and value can hold '\0' only in hostile input; two pairs meeting then is a superset.
    private static String key(String name, String value) {
      return name + '\0' + value;
    }

    List<T> select(JsonNode labels) {
      BitSet picked = (BitSet) always.clone();
      if (labels != null && labels.isObject()) {
        Iterator<Map.Entry<String, JsonNode>> it = labels.properties().iterator();
        while (it.hasNext()) {
          Map.Entry<String, JsonNode> e = it.next();
          if (e.getValue().isValueNode()) {
            BitSet those = byFirstLabel.get(key(e.getKey(), e.getValue().asText()));
            if (those != null) {
              picked.or(those);
            }
          }
        }
      }
      List<T> out = new ArrayList<>(picked.cardinality());
      for (int i = picked.nextSetBit(0); i >= 0; i = picked.nextSetBit(i + 1)) {
        out.add(items.get(i));
      }
      return out;
    }
  }
}
