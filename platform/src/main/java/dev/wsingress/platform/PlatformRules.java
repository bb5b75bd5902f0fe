package dev.wsingress.platform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsingress.Contributions;
import dev.wsingress.Manifest;
import dev.wsingress.Manifests;
import dev.wsingress.Reading;
import dev.wsingress.RenderContext;
import dev.wsingress.Selectors;
import dev.wsingress.ServedBackend;
import dev.wsingress.ServedRoute;
import dev.wsingress.Target;
import dev.wsingress.WebSocketApp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The platform kit's rules over the objects users write next to their apps: what each does to the
 * WebSocket routes every target read (NetworkPolicies in front of the pods, autoscalers that remove
 * them, a Service affinity the controller ignores), and what the kit's other objects do on their
 * own (disruption budgets over bare pods, ServiceMonitors no Prometheus selects, a cert-manager
 * solver class the controller does not serve).
 */
final class PlatformRules {
  private PlatformRules() {}

  /** An app for asking a target what it contributes: these facts do not depend on it. */
  private static final WebSocketApp PROBE =
      WebSocketApp.on("probe.wsingress.dev").service("probe", 80).build();

  private static volatile Map<String, String> annotationOnlyClasses;

  // ---- read: objects on their own ----

  static void read(Manifests in, Reading out) {
    for (String[] kind :
        new String[][] {
          {"", "Service"},
          {"apps", "Deployment"},
          {"autoscaling", "HorizontalPodAutoscaler"},
          {"policy", "PodDisruptionBudget"},
          {"networking.k8s.io", "NetworkPolicy"},
          {"monitoring.coreos.com", "ServiceMonitor"},
          {"cert-manager.io", "Certificate"},
          {"cert-manager.io", "ClusterIssuer"},
          {"cert-manager.io", "Issuer"}
        }) {
      for (Manifest m : in.objects(kind[0], kind[1])) {
        out.understood(m);
      }
    }
    for (Manifest pdb : in.objects("policy", "PodDisruptionBudget")) {
      disruptionBudget(in, pdb, out);
    }
    List<Manifest> prometheuses = new ArrayList<>();
    for (Manifest p : in.objects("monitoring.coreos.com", "Prometheus")) {
      if (p.tree().path("spec").has("serviceMonitorSelector")) {
        prometheuses.add(p);
      }
    }
    if (!prometheuses.isEmpty()) {
      for (Manifest sm : in.objects("monitoring.coreos.com", "ServiceMonitor")) {
        serviceMonitor(in, sm, prometheuses, out);
      }
    }
  }

  /**
   * A budget with maxUnavailable (or a percentage minAvailable) over pods no controller owns:
   * kubernetes pkg/controller/disruption/disruption.go getExpectedScale leaves such pods out of the
   * expected count and trySync reports "UnmanagedPods ... the status of the PDB cannot be
   * calculated correctly" (since #116256, v1.27), and updatePdbStatus allows no disruption while
   * the expected count is 0; kubernetes/website
   * content/en/docs/tasks/run-application/configure-pdb.md "Arbitrary workloads and arbitrary
   * selectors": for those "only .spec.minAvailable can be used, not .spec.maxUnavailable".
   */
  private static void disruptionBudget(Manifests in, Manifest pdb, Reading out) {
    JsonNode spec = pdb.tree().path("spec");
    JsonNode max = spec.get("maxUnavailable");
    JsonNode min = spec.get("minAvailable");
    String field;
    if (max != null && !max.isNull()) {
      field = "maxUnavailable";
    } else if (min != null && min.isTextual()) {
      field = "minAvailable";
    } else {
      return;
    }
    JsonNode selector = spec.get("selector");
    if (selector == null || !selector.isObject()) {
      return;
    }
    List<String> bare = new ArrayList<>();
    List<String> owned = new ArrayList<>();
    for (Manifest w : in.workloads()) {
      if (!Manifests.sameNamespace(w.namespace(), pdb.namespace())
          || !Selectors.matchesSelector(
              selector, w.podTemplate().orElseThrow().path("metadata").path("labels"))) {
        continue;
      }
      if (w.kind().equals("Pod") && !controlled(w)) {
        bare.add(w.name());
      } else if (!w.kind().equals("Pod")) {
        owned.add(w.subject());
      }
    }
    if (bare.isEmpty()) {
      return;
    }
    String value = field + " " + spec.get(field).asText();
    out.report(
        pdb,
        PlatformCheck.PDB_UNMANAGED_PODS,
        pdb.source("/spec/" + field),
        pdb.subject()
            + " sets "
            + value
            + " and selects "
            + (bare.size() == 1 ? "Pod " : "Pods ")
            + String.join(", ", bare)
            + ", which no controller owns: the disruption controller cannot count "
            + (bare.size() == 1 ? "it" : "them")
            + " in the expected pods (the UnmanagedPods event)"
            + (owned.isEmpty()
                ? ", so with no expected pod it allows no eviction, and node drains wait on the"
                    + " budget."
                : " beside the pods of "
                    + String.join(", ", owned)
                    + ", yet counts "
                    + (bare.size() == 1 ? "it" : "them")
                    + " healthy, so it can allow more disruptions than "
                    + value
                    + "."));
  }

  private static boolean controlled(Manifest pod) {
    for (JsonNode ref : pod.tree().path("metadata").path("ownerReferences")) {
      if (ref.path("controller").asBoolean(false)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A ServiceMonitor that no Prometheus in the input selects: prometheus-operator v0.93.0
   * pkg/apis/monitoring/v1/prometheus_types.go: serviceMonitorSelector "An empty label selector
   * matches all objects. A null label selector matches no objects"; serviceMonitorNamespaceSelector
   * "An empty label selector matches all namespaces. A null label selector (default value) matches
   * the current namespace only". Prometheus objects without a serviceMonitorSelector use no
   * ServiceMonitors and are left out.
   */
  private static void serviceMonitor(
      Manifests in, Manifest sm, List<Manifest> prometheuses, Reading out) {
    JsonNode labels = sm.tree().path("metadata").path("labels");
    List<String> selectors = new ArrayList<>();
    for (Manifest p : prometheuses) {
      JsonNode spec = p.tree().path("spec");
      JsonNode selector = spec.get("serviceMonitorSelector");
      if (selector == null || selector.isNull()) {
        continue;
      }
      NetworkPolicies.Admits ns;
      JsonNode nsSelector = spec.get("serviceMonitorNamespaceSelector");
      if (nsSelector == null || nsSelector.isNull()) {
        ns =
            Manifests.sameNamespace(p.namespace(), sm.namespace())
                ? NetworkPolicies.Admits.YES
                : NetworkPolicies.Admits.NO;
      } else {
        ns =
            sm.namespace().isEmpty()
                ? NetworkPolicies.Admits.UNKNOWN
                : NetworkPolicies.namespaceSelected(in, nsSelector, sm.namespace());
      }
      if (ns == NetworkPolicies.Admits.NO) {
        selectors.add(
            p.subject()
                + " looks for ServiceMonitors in "
                + (nsSelector == null || nsSelector.isNull()
                    ? "its own namespace only"
                    : "namespaces matching " + describe(nsSelector)));
        continue;
      }
      if (!Selectors.matchesSelector(selector, labels)) {
        selectors.add(p.subject() + " selects " + describe(selector));
        continue;
      }
      return; // selected, or selected unless its namespace's labels say otherwise
    }
    if (selectors.isEmpty()) {
      return;
    }
    out.report(
        sm,
        PlatformCheck.SERVICE_MONITOR_UNSELECTED,
        sm.source("/metadata/labels"),
        "no Prometheus in the input selects "
            + sm.subject()
            + ", whose labels are "
            + describeLabels(labels)
            + ": "
            + String.join("; ", selectors)
            + ". Its targets are never scraped.");
  }

  private static String describe(JsonNode selector) {
    List<String> parts = new ArrayList<>();
    selector
        .path("matchLabels")
        .properties()
        .forEach(e -> parts.add(e.getKey() + "=" + e.getValue().asText()));
    for (JsonNode e : selector.path("matchExpressions")) {
      List<String> values = new ArrayList<>();
      e.path("values").forEach(v -> values.add(v.asText()));
      parts.add(
          e.path("key").asText()
              + " "
              + e.path("operator").asText()
              + (values.isEmpty() ? "" : " (" + String.join(", ", values) + ")"));
    }
    return parts.isEmpty() ? "every object ({})" : String.join(", ", parts);
  }

  private static String describeLabels(JsonNode labels) {
    List<String> parts = new ArrayList<>();
    labels.properties().forEach(e -> parts.add(e.getKey() + "=" + e.getValue().asText()));
    return parts.isEmpty() ? "none" : String.join(", ", parts);
  }

  // ---- judge: what the kit's objects do to the WebSocket routes ----

  static void judge(Manifests in, List<ServedRoute> routes, Reading out) {
    Map<Target, Contributions> contributions = new IdentityHashMap<>();
    Set<String> once = new HashSet<>();
    Map<String, List<Manifest>> autoscalers = null;
    for (ServedRoute r : routes) {
      if (!r.isWebSocket()) {
        continue;
      }
      Contributions c =
          contributions.computeIfAbsent(
              r.target(), t -> RenderContext.alone(t, PROBE).contributions());
      for (ServedBackend b : r.backends()) {
        if (b.servicePort().isEmpty()) {
          continue;
        }
        affinity(r, b, c, once, out);
        for (Manifest w : b.workloads()) {
          NetworkPolicies.PodPort port = NetworkPolicies.podPort(w, b.servicePort().get());
          if (port != null) {
            networkPolicy(in, r, w, port, c, once, out);
          }
          if (autoscalers == null) {
            autoscalers = autoscalers(in);
          }
          for (Manifest hpa : autoscalers.getOrDefault(w.kind() + "/" + w.name(), List.of())) {
            if (Manifests.sameNamespace(hpa.namespace(), w.namespace())
                && once.add("hpa " + hpa.source())) {
              autoscaler(r, w, hpa, out);
            }
          }
        }
      }
    }
    solverClasses(in, routes, contributions, out);
  }

  private static String route(ServedRoute r) {
    return "the WebSocket route "
        + (r.host().isEmpty() ? "*" : r.host())
        + r.path()
        + " ("
        + r.source()
        + ")";
  }

  private static void networkPolicy(
      Manifests in,
      ServedRoute r,
      Manifest w,
      NetworkPolicies.PodPort port,
      Contributions c,
      Set<String> once,
      Reading out) {
    List<Manifest> policies = NetworkPolicies.isolating(in, w);
    if (policies.isEmpty()) {
      return;
    }
    Manifest first = policies.get(0);
    Set<String> namespaces = new TreeSet<>();
    for (Contributions.TrafficSource s : c.trafficSources()) {
      namespaces.add(s.namespace());
    }
    String key = first.source() + " " + w.source() + " " + r.targetId() + " ";
    List<String> names = new ArrayList<>();
    for (Manifest p : policies) {
      names.add(p.subject());
    }
    String policy = String.join(", ", names);
    if (namespaces.isEmpty()) {
      if (once.add(key + "unknown")) {
        out.report(
            first,
            PlatformCheck.NETWORK_POLICY_INGRESS_UNKNOWN,
            first.source("/spec/podSelector"),
            policy
                + " restrict"
                + (names.size() == 1 ? "s" : "")
                + " traffic to "
                + w.subject()
                + "'s pods behind "
                + route(r)
                + ", and the "
                + r.target().displayName()
                + " target does not say in which namespace its proxy runs, so whether port "
                + port.number()
                + " is admitted from there cannot be told.");
      }
      return;
    }
    boolean unknown = false;
    for (String ns : namespaces) {
      NetworkPolicies.Admits a = NetworkPolicies.admits(in, policies, ns, port);
      if (a == NetworkPolicies.Admits.YES) {
        return;
      }
      unknown |= a == NetworkPolicies.Admits.UNKNOWN;
    }
    if (unknown) {
      nameLabel(in, policies, namespaces, port, r, w, once, out);
      return;
    }
    if (!once.add(key + "blocked")) {
      return;
    }
    out.report(
        first,
        // k8s.io/api v0.34.0 networking/v1/types.go: a policy selecting the pods for ingress admits
        // only what its rules' from (namespaceSelector, podSelector, ipBlock) and ports list
        PlatformCheck.NETWORK_POLICY_BLOCKS_INGRESS,
        first.tree().path("spec").has("ingress")
            ? first.source("/spec/ingress")
            : first.source("/spec/podSelector"),
        policy
            + " select"
            + (names.size() == 1 ? "s" : "")
            + " "
            + w.subject()
            + "'s pods behind "
            + route(r)
            + ", and no ingress rule admits port "
            + port.number()
            + " from namespace "
            + String.join(" or ", namespaces)
            + ", where the "
            + r.target().displayName()
            + " target's proxy runs: every WebSocket handshake through it is refused.");
  }

  /**
   * A peer that selects the controller's namespace by a {@code name} label: Kubernetes labels every
   * namespace with its name only under {@code kubernetes.io/metadata.name} (k8s.io/api v0.34.0
   * core/v1/well_known_labels.go LabelMetadataName, set by the API server since 1.22); a {@code
   * name} label exists only where someone added it, and the Namespace is not in the input to say.
   */
  private static void nameLabel(
      Manifests in,
      List<Manifest> policies,
      Set<String> namespaces,
      NetworkPolicies.PodPort port,
      ServedRoute r,
      Manifest w,
      Set<String> once,
      Reading out) {
    for (Manifest p : policies) {
      JsonNode rules = p.tree().path("spec").path("ingress");
      for (int i = 0; rules.isArray() && i < rules.size(); i++) {
        if (!NetworkPolicies.admitsPort(rules.get(i), port)) {
          continue;
        }
        JsonNode from = rules.get(i).path("from");
        for (int j = 0; from.isArray() && j < from.size(); j++) {
          JsonNode labels = from.get(j).path("namespaceSelector").path("matchLabels");
          String ns = labels.path("name").asText(null);
          if (labels.size() == 1
              && ns != null
              && namespaces.contains(ns)
              && in.find("", "Namespace", "", ns).isEmpty()
              && once.add("name label " + p.source() + " " + ns)) {
            out.report(
                p,
                // k8s.io/api v0.34.0 core/v1/well_known_labels.go: LabelMetadataName
                // "kubernetes.io/metadata.name" is the namespace label Kubernetes sets; no name
                // label
                PlatformCheck.NETWORK_POLICY_NAME_LABEL,
                p.source(
                    "/spec/ingress/" + i + "/from/" + j + "/namespaceSelector/matchLabels/name"),
                p.subject()
                    + " admits "
                    + w.subject()
                    + "'s port "
                    + port.number()
                    + " (behind "
                    + route(r)
                    + ") from namespaces labelled name: "
                    + ns
                    + ", a label Kubernetes does not set: it labels namespace "
                    + ns
                    + " kubernetes.io/metadata.name: "
                    + ns
                    + ", so unless someone added name: "
                    + ns
                    + " to it, the controller's handshakes are refused.");
          }
        }
      }
    }
  }

  private static Map<String, List<Manifest>> autoscalers(Manifests in) {
    Map<String, List<Manifest>> out = new LinkedHashMap<>();
    for (Manifest hpa : in.objects("autoscaling", "HorizontalPodAutoscaler")) {
      JsonNode ref = hpa.tree().path("spec").path("scaleTargetRef");
      out.computeIfAbsent(
              ref.path("kind").asText() + "/" + ref.path("name").asText(), k -> new ArrayList<>(1))
          .add(hpa);
    }
    return out;
  }

  /**
   * An autoscaler whose scale-down may remove every pod above minReplicas at once: k8s.io/api
   * v0.34.0 autoscaling/v2/types.go HPAScalingRules: without policies, "For scale down: allow all
   * pods to be removed in a 15s window", stabilizationWindowSeconds 300, selectPolicy Max (the
   * largest change); autoscaling/v1 has no behavior. kubernetes
   * pkg/controller/podautoscaler/horizontal.go calculateScaleDownLimitWithBehaviors: a Pods policy
   * allows start − value, a Percent policy int32(start × (1 − value/100)); Max takes the lowest
   * limit, Min the highest, Disabled none.
   */
  private static void autoscaler(ServedRoute r, Manifest w, Manifest hpa, Reading out) {
    JsonNode spec = hpa.tree().path("spec");
    int max = spec.path("maxReplicas").asInt(0);
    int min = spec.path("minReplicas").asInt(1);
    if (max <= min) {
      return;
    }
    JsonNode down = spec.path("behavior").path("scaleDown");
    String select = down.path("selectPolicy").asText("Max");
    if (select.equals("Disabled")) {
      return;
    }
    JsonNode policies = down.path("policies");
    boolean defaults = !policies.isArray() || policies.isEmpty();
    int window = down.path("stabilizationWindowSeconds").asInt(300);
    long limit = select.equals("Min") ? Long.MIN_VALUE : Long.MAX_VALUE;
    int period = 15;
    if (defaults) {
      limit = 0;
    } else {
      for (JsonNode p : policies) {
        long proposed;
        int value = p.path("value").asInt();
        if (p.path("type").asText().equals("Pods")) {
          proposed = max - (long) value;
        } else {
          proposed = (long) (max * (1 - value / 100.0));
        }
        boolean better = select.equals("Min") ? proposed > limit : proposed < limit;
        if (better) {
          limit = proposed;
          period = p.path("periodSeconds").asInt(15);
        }
      }
    }
    // One pod above minReplicas always goes at once; the rule is about several.
    if (limit > min || max - min < 2) {
      return;
    }
    out.report(
        hpa,
        PlatformCheck.HPA_SCALE_DOWN,
        hpa.tree().path("spec").has("behavior")
            ? hpa.source("/spec/behavior/scaleDown")
            : hpa.source("/spec/maxReplicas"),
        hpa.subject()
            + " scales "
            + w.subject()
            + " behind "
            + route(r)
            + ", and "
            + (defaults
                ? "without scale-down policies it may remove every pod above minReplicas ("
                    + max
                    + " to "
                    + min
                    + ") within 15 s, after a "
                    + window
                    + " s stabilization window"
                : "its scale-down policies"
                    + (select.equals("Min") ? " (selectPolicy Min)" : "")
                    + " let it remove every pod above minReplicas ("
                    + max
                    + " to "
                    + min
                    + ") within "
                    + period
                    + " s")
            + ": each removed pod closes its sockets, so up to "
            + (max - min)
            + " pods' clients reconnect at once.");
  }

  /**
   * A WebSocket route without sticky sessions of its own whose Service sets {@code sessionAffinity:
   * ClientIP}: k8s.io/api v0.34.0 core/v1/types.go ServiceSpec.sessionAffinity is applied by the
   * Service's proxy (kube-proxy); a controller that picks the Service's endpoints itself ({@link
   * Contributions#endpointBalancers}, from each ingress target's own knowledge) never passes
   * through it.
   */
  private static void affinity(
      ServedRoute r, ServedBackend b, Contributions c, Set<String> once, Reading out) {
    if (r.affinity().isPresent() || b.serviceObject().isEmpty()) {
      return;
    }
    Manifest svc = b.serviceObject().get();
    if (!"ClientIP".equals(svc.tree().path("spec").path("sessionAffinity").asText())) {
      return;
    }
    List<String> balancers = c.endpointBalancers();
    if (balancers.isEmpty() || !once.add("affinity " + svc.source() + " " + r.targetId())) {
      return;
    }
    out.report(
        svc,
        // k8s.io/api v0.34.0 core/v1/types.go: ServiceSpec.SessionAffinity is applied by kube-proxy
        // on the Service IP; a controller that sends to the endpoints itself bypasses it
        PlatformCheck.SERVICE_AFFINITY_IGNORED,
        svc.source("/spec/sessionAffinity"),
        svc.subject()
            + " sets sessionAffinity: ClientIP, but "
            + route(r)
            + " reaches it through "
            + String.join(", ", balancers)
            + ", which picks the Service's endpoints itself: the affinity does not apply to"
            + " its traffic, and the route has no sticky sessions of its own.");
  }

  /**
   * cert-manager issuers whose HTTP-01 solver names an IngressClass that the controller serves only
   * by annotation: cert-manager v1.21.1 pkg/issuer/acme/http/ingress.go writes ingressClassName
   * into the solver Ingress's spec.ingressClassName and class into the kubernetes.io/ingress.class
   * annotation; the classes come from the targets ({@link Contributions#http01ClassAnnotations}:
   * Istio's, whose STRICT mode serves a class name only through an IngressClass object Istio does
   * not install). An IngressClass of that name in the input is taken as created by the user.
   */
  private static void solverClasses(
      Manifests in,
      List<ServedRoute> routes,
      Map<Target, Contributions> contributions,
      Reading out) {
    List<Manifest> issuers = new ArrayList<>(in.objects("cert-manager.io", "ClusterIssuer"));
    issuers.addAll(in.objects("cert-manager.io", "Issuer"));
    if (issuers.isEmpty()) {
      return;
    }
    Map<String, String> classes = new LinkedHashMap<>(annotationOnlyClasses());
    for (ServedRoute r : routes) {
      Contributions c =
          contributions.computeIfAbsent(
              r.target(), t -> RenderContext.alone(t, PROBE).contributions());
      for (String cls : c.http01ClassAnnotations()) {
        classes.putIfAbsent(cls, r.target().displayName());
      }
    }
    for (Manifest issuer : issuers) {
      JsonNode solvers = issuer.tree().path("spec").path("acme").path("solvers");
      for (int i = 0; solvers.isArray() && i < solvers.size(); i++) {
        JsonNode name = solvers.get(i).path("http01").path("ingress").get("ingressClassName");
        if (name == null || !name.isTextual()) {
          continue;
        }
        String by = classes.get(name.asText());
        if (by == null || in.ingressClass(name.asText()).isPresent()) {
          continue;
        }
        out.report(
            issuer,
            PlatformCheck.HTTP01_CLASS,
            issuer.source("/spec/acme/solvers/" + i + "/http01/ingress/ingressClassName"),
            "the HTTP-01 solver creates its Ingress with spec.ingressClassName: "
                + name.asText()
                + ", and "
                + by
                + " serves class "
                + name.asText()
                + " only through the kubernetes.io/ingress.class annotation unless an"
                + " IngressClass of that name exists (it installs none, and none is in the"
                + " input): the solver Ingress is not served, and the challenge fails.");
      }
    }
  }

  /**
   * The IngressClass names that the targets on the class path serve only by annotation, each with
   * the target that says so; asked once.
   */
  private static Map<String, String> annotationOnlyClasses() {
    Map<String, String> c = annotationOnlyClasses;
    if (c == null) {
      Map<String, String> found = new LinkedHashMap<>();
      for (Target t : Target.discover()) {
        if (t.id().equals("platform")) {
          continue;
        }
        for (String cls : RenderContext.alone(t, PROBE).contributions().http01ClassAnnotations()) {
          found.putIfAbsent(cls, t.displayName());
        }
      }
      annotationOnlyClasses = c = Map.copyOf(found);
    }
    return c;
  }
}
