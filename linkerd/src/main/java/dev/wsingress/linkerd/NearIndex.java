package dev.wsingress.linkerd;

import dev.wsingress.Manifest;
import dev.wsingress.Manifests;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The workloads and Services a Server of one namespace can select or be sent to by, gathered once
 * per read so that reading every Server stays linear in the input instead of scanning every
 * workload and Service per Server. Each list is in input order and holds a superset of what the
 * callers' own namespace checks ({@link Manifests#sameNamespace}) keep: the objects of that
 * namespace, or every object when the namespace is empty or some object has none (an object without
 * a namespace can be in any).
 */
final class NearIndex {
  private final List<Manifest> workloads;
  private final List<Manifest> services;
  private final Map<String, List<Manifest>> workloadsByNamespace = new HashMap<>();
  private final Map<String, List<Manifest>> servicesByNamespace = new HashMap<>();

  NearIndex(Manifests in) {
    workloads = in.workloads();
    services = in.objects("", "Service");
    for (Manifest w : workloads) {
      workloadsByNamespace.computeIfAbsent(w.namespace(), k -> new ArrayList<>()).add(w);
    }
    for (Manifest s : services) {
      servicesByNamespace.computeIfAbsent(s.namespace(), k -> new ArrayList<>()).add(s);
    }
  }

  /** The workloads that can be in {@code namespace}. */
  List<Manifest> workloads(String namespace) {
    return namespace.isEmpty() || workloadsByNamespace.containsKey("")
        ? workloads
        : workloadsByNamespace.getOrDefault(namespace, List.of());
  }

  /**
   * The Services that can send to pods in {@code namespace}: a Service selects workloads of its own
   * namespace, so those of {@code namespace}, unless a workload or a Service has no namespace.
   */
  List<Manifest> services(String namespace) {
    return namespace.isEmpty()
            || workloadsByNamespace.containsKey("")
            || servicesByNamespace.containsKey("")
        ? services
        : servicesByNamespace.getOrDefault(namespace, List.of());
  }
}
