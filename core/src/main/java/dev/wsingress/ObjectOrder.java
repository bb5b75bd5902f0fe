package dev.wsingress;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Comparator;
import java.util.List;

/**
 * The fixed order of rendered objects: built-in kinds first, in an order that applies cleanly
 * (namespaces and configuration before workloads, routes last), then every other kind by API
 * version and kind; within a kind by namespace and name.
 *
 * <p>A class of its own, not a chain of comparator lambdas in {@link Yaml}: sorting a rendering
 * must not initialise the YAML mapper, and every lambda is bootstrapped on first use, which
 * cold-started CLIs pay for.
 */
final class ObjectOrder implements Comparator<HasMetadata> {
  private static final List<String> BUILT_IN_ORDER =
      List.of(
          "v1/Namespace",
          "v1/ServiceAccount",
          "v1/Secret",
          "v1/ConfigMap",
          "v1/Service",
          "apps/v1/Deployment",
          "autoscaling/v2/HorizontalPodAutoscaler",
          "policy/v1/PodDisruptionBudget",
          "networking.k8s.io/v1/NetworkPolicy",
          "networking.k8s.io/v1/Ingress",
          "v1/Pod");

  /** The identity of an object: API group, kind, namespace and name. */
  static String identity(HasMetadata o) {
    String apiVersion = String.valueOf(o.getApiVersion());
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    return group
        + "/"
        + o.getKind()
        + "/"
        + o.getMetadata().getNamespace()
        + "/"
        + o.getMetadata().getName();
  }

  private static int rank(HasMetadata o) {
    int i = BUILT_IN_ORDER.indexOf(o.getApiVersion() + "/" + o.getKind());
    return i < 0 ? BUILT_IN_ORDER.size() : i;
  }

  @Override
  public int compare(HasMetadata a, HasMetadata b) {
    int c = Integer.compare(rank(a), rank(b));
    if (c == 0) {
      c = String.valueOf(a.getApiVersion()).compareTo(String.valueOf(b.getApiVersion()));
    }
    if (c == 0) {
      c = String.valueOf(a.getKind()).compareTo(String.valueOf(b.getKind()));
    }
    if (c == 0) {
      c =
          String.valueOf(a.getMetadata().getNamespace())
              .compareTo(String.valueOf(b.getMetadata().getNamespace()));
    }
    if (c == 0) {
      c =
          String.valueOf(a.getMetadata().getName())
              .compareTo(String.valueOf(b.getMetadata().getName()));
    }
    return c;
  }
}
