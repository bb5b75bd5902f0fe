package dev.wsingress.linkerd;

import dev.wsingress.Manifest;
import dev.wsingress.Manifests;
import dev.wsingress.NamespaceIndex;
import java.util.List;

/**
 * The workloads and Services a Server of one namespace can select or be sent to by, gathered once
 * per read so that reading every Server stays linear in the input instead of scanning every
 * workload and Service per Server. Each list is in input order and holds a superset of what the
 * callers' own namespace checks ({@link Manifests#sameNamespace}) keep: the objects of that
 * namespace, or every object when the namespace is empty or some object has none (an object without
 * a namespace can be in any).
 */
final class NearIndex {
  private final NamespaceIndex<Manifest> workloads;
  private final NamespaceIndex<Manifest> services;

  NearIndex(Manifests in) {
    workloads = NamespaceIndex.of(in.workloads(), Manifest::namespace);
    services = NamespaceIndex.of(in.objects("", "Service"), Manifest::namespace);
  }

  /** The workloads that can be in {@code namespace}. */
  List<Manifest> workloads(String namespace) {
    return workloads.near(namespace);
  }

  /**
   * The Services that can send to pods in {@code namespace}: a Service selects workloads of its own
   * namespace, so those of {@code namespace}, unless a workload or a Service has no namespace.
   */
  List<Manifest> services(String namespace) {
    return workloads.anyWithoutNamespace() ? services.all() : services.near(namespace);
  }
}
