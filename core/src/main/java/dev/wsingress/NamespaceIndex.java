package dev.wsingress;

import java.util.ArrayList;
import java.util.HashMap;
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
 */
public final class NamespaceIndex<T> {
  private final List<T> all;
  private final Map<String, List<T>> byNamespace = new HashMap<>();

  private NamespaceIndex(List<T> all, Function<T, String> namespace) {
    this.all = all;
    for (T item : all) {
      byNamespace.computeIfAbsent(namespace.apply(item), k -> new ArrayList<>()).add(item);
    }
  }

  /** Groups {@code items} (kept as given, in input order) by {@code namespace}. */
  public static <T> NamespaceIndex<T> of(List<T> items, Function<T, String> namespace) {
    return new NamespaceIndex<>(items, namespace);
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
}
