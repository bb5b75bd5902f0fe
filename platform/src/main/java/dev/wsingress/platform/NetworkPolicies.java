package dev.wsingress.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wsingress.Manifest;
import dev.wsingress.Manifests;
import dev.wsingress.Selectors;
import java.util.ArrayList;
import java.util.List;

/**
 * How NetworkPolicies treat traffic to a workload's pods, read from the input with Kubernetes'
 * semantics (k8s.io/api v0.34.0 networking/v1/types.go): whether a policy restricts ingress, and
 * whether its rules admit a port from a namespace. What the input cannot say (a peer's IP block,
 * labels of a Namespace not in the input, pods of a namespace not in the input) is {@link
 * Admits#UNKNOWN}, never a refusal.
 */
final class NetworkPolicies {
  private NetworkPolicies() {}

  /** Whether traffic is admitted. */
  enum Admits {
    YES,
    NO,
    UNKNOWN
  }

  /** A pod port: its number and, when the container names it, its name. */
  record PodPort(int number, String name) {}

  /**
   * The policies selecting the workload's pods that restrict ingress: NetworkPolicySpec.policyTypes
   * "If this field is not specified, it will default based on the existence of ingress or egress
   * rules; policies that contain an egress section are assumed to affect egress, and all policies
   * (whether or not they contain an egress section) are assumed to affect ingress."
   */
  static List<Manifest> isolating(Manifests in, Manifest workload) {
    List<Manifest> out = new ArrayList<>();
    for (Manifest p : in.networkPoliciesFor(workload)) {
      JsonNode types = p.tree().path("spec").get("policyTypes");
      boolean ingress = types == null || !types.isArray() || types.isEmpty();
      if (!ingress) {
        for (JsonNode t : types) {
          ingress |= t.asText().equals("Ingress");
        }
      }
      if (ingress) {
        out.add(p);
      }
    }
    return out;
  }

  /**
   * Whether any of the policies admits TCP {@code port} from pods of {@code namespace}: the rules
   * of all policies add up (NetworkPolicySpec.ingress: "traffic is allowed if it matches at least
   * one rule across all of the NetworkPolicy objects whose podSelector matches the pod").
   */
  static Admits admits(Manifests in, List<Manifest> policies, String namespace, PodPort port) {
    Admits best = Admits.NO;
    for (Manifest p : policies) {
      for (JsonNode rule : p.tree().path("spec").path("ingress")) {
        if (!admitsPort(rule, port)) {
          continue;
        }
        Admits a = admitsFrom(in, p, rule, namespace);
        if (a == Admits.YES) {
          return Admits.YES;
        }
        if (a == Admits.UNKNOWN) {
          best = Admits.UNKNOWN;
        }
      }
    }
    return best;
  }

  /**
   * NetworkPolicyIngressRule.ports: "If this field is empty or missing, this rule matches all
   * ports"; NetworkPolicyPort: protocol TCP by default, port a number or a named container port (a
   * missing port matches every port), endPort the end of a range.
   */
  static boolean admitsPort(JsonNode rule, PodPort port) {
    JsonNode ports = rule.get("ports");
    if (ports == null || !ports.isArray() || ports.isEmpty()) {
      return true;
    }
    for (JsonNode p : ports) {
      if (!p.path("protocol").asText("TCP").equals("TCP")) {
        continue;
      }
      JsonNode n = p.get("port");
      if (n == null || n.isNull()) {
        return true;
      }
      if (n.isIntegralNumber()) {
        int from = n.asInt();
        if (port.number() >= from && port.number() <= p.path("endPort").asInt(from)) {
          return true;
        }
      } else if (n.isTextual() && port.name() != null && n.asText().equals(port.name())) {
        return true;
      }
    }
    return false;
  }

  /**
   * NetworkPolicyIngressRule.from: empty or missing admits every source; a peer's podSelector alone
   * selects pods of the policy's namespace, with a namespaceSelector of the selected namespaces; an
   * ipBlock admits addresses the input does not show.
   */
  private static Admits admitsFrom(Manifests in, Manifest policy, JsonNode rule, String namespace) {
    JsonNode from = rule.get("from");
    if (from == null || !from.isArray() || from.isEmpty()) {
      return Admits.YES;
    }
    Admits best = Admits.NO;
    for (JsonNode peer : from) {
      Admits a;
      if (peer.has("ipBlock")) {
        a = Admits.UNKNOWN;
      } else if (peer.has("namespaceSelector")) {
        a = namespaceSelected(in, peer.get("namespaceSelector"), namespace);
        if (a != Admits.NO && peer.has("podSelector")) {
          a = min(a, podsSelected(in, peer.get("podSelector"), namespace));
        }
      } else if (peer.has("podSelector")) {
        a =
            Manifests.sameNamespace(policy.namespace(), namespace)
                ? podsSelected(in, peer.get("podSelector"), namespace)
                : Admits.NO;
      } else {
        a = Admits.NO;
      }
      if (a == Admits.YES) {
        return Admits.YES;
      }
      if (a == Admits.UNKNOWN) {
        best = Admits.UNKNOWN;
      }
    }
    return best;
  }

  private static Admits min(Admits a, Admits b) {
    if (a == Admits.NO || b == Admits.NO) {
      return Admits.NO;
    }
    return a == Admits.UNKNOWN || b == Admits.UNKNOWN ? Admits.UNKNOWN : Admits.YES;
  }

  /**
   * Whether a namespaceSelector selects the namespace: its labels are the Namespace object's when
   * the input has it, and always {@code kubernetes.io/metadata.name} (k8s.io/api v0.34.0
   * core/v1/well_known_labels.go LabelMetadataName, set on every namespace). Without the object, a
   * selector on other labels cannot be decided.
   */
  static Admits namespaceSelected(Manifests in, JsonNode selector, String namespace) {
    Manifest ns = in.find("", "Namespace", "", namespace).orElse(null);
    ObjectNode labels = JsonNodeFactory.instance.objectNode();
    if (ns != null) {
      ns.labels().forEach((k, v) -> labels.put(k, v.asText()));
    }
    labels.put("kubernetes.io/metadata.name", namespace);
    if (Selectors.matchesSelector(selector, labels)) {
      return Admits.YES;
    }
    return ns == null && usesOtherKeys(selector) ? Admits.UNKNOWN : Admits.NO;
  }

  private static boolean usesOtherKeys(JsonNode selector) {
    for (java.util.Iterator<String> it = selector.path("matchLabels").fieldNames();
        it.hasNext(); ) {
      if (!it.next().equals("kubernetes.io/metadata.name")) {
        return true;
      }
    }
    for (JsonNode e : selector.path("matchExpressions")) {
      if (!e.path("key").asText().equals("kubernetes.io/metadata.name")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a podSelector selects the pods of the controller in {@code namespace}: every pod for an
   * empty selector; else the controller's workloads in the input decide, and without them it cannot
   * be told.
   */
  private static Admits podsSelected(Manifests in, JsonNode selector, String namespace) {
    if (selector.isObject()
        && selector.path("matchLabels").isEmpty()
        && selector.path("matchExpressions").isEmpty()) {
      return Admits.YES;
    }
    boolean any = false;
    for (Manifest w : in.workloads()) {
      String kind = w.kind();
      if (!w.namespace().equals(namespace)
          || !(kind.equals("Deployment")
              || kind.equals("DaemonSet")
              || kind.equals("StatefulSet"))) {
        continue;
      }
      any = true;
      if (Selectors.matchesSelector(
          selector, w.podTemplate().orElseThrow().path("metadata").path("labels"))) {
        return Admits.YES;
      }
    }
    return any ? Admits.NO : Admits.UNKNOWN;
  }

  /**
   * The pod port a Service port's targetPort names: a number (the Service port's own when unset),
   * or a container port's name (kubernetes pkg/api/v1/pod/util.go FindPort); null when no container
   * has that name.
   */
  static PodPort podPort(Manifest w, JsonNode servicePort) {
    JsonNode target = servicePort.get("targetPort");
    if (target == null || target.isNull()) {
      target = servicePort.path("port");
    }
    JsonNode containers = w.podTemplate().orElseThrow().path("spec").path("containers");
    if (target.isIntegralNumber()) {
      int n = target.asInt();
      for (JsonNode c : containers) {
        for (JsonNode p : c.path("ports")) {
          if (p.path("containerPort").asInt(-1) == n) {
            return new PodPort(n, p.path("name").asText(null));
          }
        }
      }
      return new PodPort(n, null);
    }
    if (target.isTextual()) {
      for (JsonNode c : containers) {
        for (JsonNode p : c.path("ports")) {
          if (target.asText().equals(p.path("name").asText(null))) {
            return new PodPort(p.path("containerPort").asInt(), target.asText());
          }
        }
      }
    }
    return null;
  }
}
