package dev.wsingress.gatewayapi;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.wsingress.Manifest;
import dev.wsingress.Manifests;
import dev.wsingress.Reading;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Envoy Gateway's BackendTrafficPolicies and ClientTrafficPolicies in the input, indexed by what
 * they target, and which one supplies a field for a route rule, as envoyproxy/gateway v1.9.0
 * decides it:
 *
 * <ul>
 *   <li>BackendTrafficPolicy (internal/gatewayapi/backendtrafficpolicy.go
 *       ProcessBackendTrafficPolicies): "1. First translate Policies targeting RouteRules 2. Next
 *       translate Policies targeting xRoutes ... 5. Then translate Policies targeting Gateway
 *       Listeners 6. Finally, the policies targeting Gateways". A policy on a rule or route
 *       displaces the Gateway's ({@code overrides}) unless it sets {@code mergeType}, in which case
 *       it is merged onto the closest Gateway listener or Gateway policy; a second policy on the
 *       same rule or route is refused ("another BackendTrafficPolicy has already attached to it").
 *   <li>ClientTrafficPolicy (clienttrafficpolicy.go ProcessClientTrafficPolicies): "1. First
 *       translate Policies with a sectionName set 2. Then ... the policies without a sectionName";
 *       a listener claimed by a sectionName policy is skipped by the Gateway-wide one.
 * </ul>
 *
 * <p>Targets come from {@code targetRefs} (and the deprecated {@code targetRef}, which {@code
 * PolicyTargetReferences.GetTargetRefs} prefers), in the policy's namespace ("This policy and the
 * TargetRef MUST be in the same namespace"), and from {@code targetSelectors} (labels, the policy's
 * namespace unless {@code namespaces.from: All}); selectors cannot name a section. Where several
 * policies target the same object, Envoy Gateway takes the oldest (the provider sorts them by
 * creation time); manifests carry no creation time, so the reader takes the first in the input,
 * preferring {@code targetRefs} over selectors.
 */
final class EnvoyGatewayPolicyReader {
  static final String BACKEND_TRAFFIC_POLICY = "BackendTrafficPolicy";
  static final String CLIENT_TRAFFIC_POLICY = "ClientTrafficPolicy";

  /** How specific the policy that supplies a field is. */
  enum Level {
    /** It targets the rule by name ({@code sectionName}). */
    RULE,
    /** It targets the whole HTTPRoute. */
    ROUTE,
    /** It targets the Gateway's listener ({@code sectionName}). */
    LISTENER,
    /** It targets the whole Gateway. */
    GATEWAY;

    /** Whether a value from this level is the route's own (not the Gateway's). */
    boolean own() {
      return this == RULE || this == ROUTE;
    }
  }

  /**
   * A field some policy supplies.
   *
   * @param value the field's node
   * @param policy the policy it is written in
   * @param pointer its JSON pointer in the policy
   * @param level what the policy targets
   */
  record Found(JsonNode value, Manifest policy, String pointer, Level level) {}

  /** The Gateway (and listener) a route's policies are looked up for. */
  record Parent(String namespace, String name, String listener, JsonNode labels) {}

  private final Map<String, List<Manifest>> byTarget = new HashMap<>();
  private final List<Manifest> selecting = new ArrayList<>();
  private final boolean any;

  EnvoyGatewayPolicyReader(Manifests in, Reading out) {
    boolean found = false;
    for (String kind : List.of(BACKEND_TRAFFIC_POLICY, CLIENT_TRAFFIC_POLICY)) {
      for (Manifest p : in.objects(EnvoyGatewayPolicies.GROUP, kind)) {
        out.understood(p);
        index(p);
        if (!OwnOutput.ours(p)) {
          unmodelled(p, "/spec", p.tree().path("spec"), CARRIED.get(kind), out);
        }
        found = true;
      }
    }
    this.any = found;
  }

  /**
   * The fields of each policy kind that the reader carries into the spec (or that say what the
   * policy applies to); every other field of an Envoy Gateway policy in the input is reported as
   * not carried by the converter. The fields are those of envoyproxy/gateway v1.9.0
   * api/v1alpha1/backendtrafficpolicy_types.go and clienttrafficpolicy_types.go.
   */
  static final Map<String, Set<String>> CARRIED =
      Map.of(
          BACKEND_TRAFFIC_POLICY,
          Set.of(
              "/spec/targetRef",
              "/spec/targetRefs",
              "/spec/targetSelectors",
              "/spec/mergeType",
              "/spec/timeout/http/streamIdleTimeout",
              "/spec/timeout/http/requestTimeout",
              "/spec/timeout/tcp/connectTimeout",
              "/spec/loadBalancer",
              "/spec/rateLimit/local",
              "/spec/healthCheck/active",
              "/spec/requestBuffer",
              "/spec/httpUpgrade"),
          CLIENT_TRAFFIC_POLICY,
          Set.of(
              "/spec/targetRef",
              "/spec/targetRefs",
              "/spec/targetSelectors",
              "/spec/timeout/http/streamIdleTimeout"));

  /** Reports every field under {@code at} that is not carried, descending where part of it is. */
  private static void unmodelled(
      Manifest p, String at, JsonNode node, Set<String> carried, Reading out) {
    node.fieldNames()
        .forEachRemaining(
            f -> {
              String pointer = at + "/" + f;
              JsonNode v = node.get(f);
              if (pointer.equals("/spec/loadBalancer")
                  && !v.path("type").asText().equals("ConsistentHash")) {
                out.notCarried(
                    p,
                    "the field spec.loadBalancer (type " + v.path("type").asText() + ")",
                    p.source(pointer),
                    "the spec has affinity (a consistent hash) but no choice of balancing"
                        + " algorithm, so the converted app keeps each destination's default");
                return;
              }
              if (carried.contains(pointer)) {
                return;
              }
              boolean partly = false;
              for (String c : carried) {
                partly |= c.startsWith(pointer + "/");
              }
              if (partly && v.isObject()) {
                unmodelled(p, pointer, v, carried, out);
                return;
              }
              out.notCarried(
                  p,
                  "the field " + pointer.substring(1).replace('/', '.'),
                  p.source(pointer),
                  "wsingress does not model this "
                      + p.kind()
                      + " setting (envoyproxy/gateway v1.9.0 api/v1alpha1), so the converted app"
                      + " does without it");
            });
  }

  /** Whether the input has any of these policies. */
  boolean any() {
    return any;
  }

  private void index(Manifest p) {
    JsonNode spec = p.tree().path("spec");
    List<JsonNode> refs = new ArrayList<>();
    JsonNode single = spec.get("targetRef");
    if (single != null && single.isObject()) {
      refs.add(single);
    } else {
      Gateways.list(spec.path("targetRefs")).forEach(refs::add);
    }
    for (JsonNode ref : refs) {
      String section = ref.path("sectionName").asText("");
      byTarget
          .computeIfAbsent(
              key(p.kind(), ref.path("kind").asText(), ref.path("name").asText(), section),
              k -> new ArrayList<>(1))
          .add(p);
    }
    if (Gateways.list(spec.path("targetSelectors")).size() > 0) {
      selecting.add(p);
    }
  }

  private static String key(String policyKind, String kind, String name, String section) {
    return policyKind + "|" + kind + "|" + name + "|" + section;
  }

  /**
   * The first policy of {@code policyKind} that targets the object ({@code kind}, {@code
   * namespace}, {@code name}), its {@code section} when not null, or the whole object, by reference
   * or, for the whole object, by label selector.
   */
  Manifest first(
      String policyKind,
      String kind,
      String namespace,
      String name,
      String section,
      JsonNode labels) {
    for (Manifest p :
        byTarget.getOrDefault(
            key(policyKind, kind, name, section == null ? "" : section), List.of())) {
      if (Manifests.sameNamespace(p.namespace(), namespace)) {
        return p;
      }
    }
    if (section != null) {
      return null;
    }
    for (Manifest p : selecting) {
      if (p.kind().equals(policyKind) && selects(p, kind, namespace, labels)) {
        return p;
      }
    }
    return null;
  }

  /** Whether any policy targets the HTTPRoute or one of its rules, or the Gateway. */
  boolean targets(Manifest route, List<Parent> parents) {
    if (!any) {
      return false;
    }
    JsonNode labels = route.tree().path("metadata").path("labels");
    if (first(BACKEND_TRAFFIC_POLICY, "HTTPRoute", route.namespace(), route.name(), null, labels)
        != null) {
      return true;
    }
    for (JsonNode rule : Gateways.list(route.tree().path("spec").path("rules"))) {
      String ruleName = rule.path("name").asText(null);
      if (ruleName != null
          && first(
                  BACKEND_TRAFFIC_POLICY,
                  "HTTPRoute",
                  route.namespace(),
                  route.name(),
                  ruleName,
                  labels)
              != null) {
        return true;
      }
    }
    for (Parent g : parents) {
      for (String kind : List.of(BACKEND_TRAFFIC_POLICY, CLIENT_TRAFFIC_POLICY)) {
        if (first(kind, "Gateway", g.namespace(), g.name(), null, g.labels()) != null
            || (g.listener() != null
                && first(kind, "Gateway", g.namespace(), g.name(), g.listener(), g.labels())
                    != null)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean selects(Manifest p, String kind, String namespace, JsonNode labels) {
    for (JsonNode s : Gateways.list(p.tree().path("spec").path("targetSelectors"))) {
      String group = s.path("group").asText(Gateways.GROUP);
      if (!group.equals(Gateways.GROUP) || !s.path("kind").asText().equals(kind)) {
        continue;
      }
      // PolicyTargetReferences.TargetSelectors.Namespaces: "If unspecified, only targets in the
      // same namespace as this policy are considered"; All (and a Selector, which the reader
      // cannot evaluate without the Namespace objects) widen it.
      String from = s.path("namespaces").path("from").asText("Same");
      if (from.equals("Same") && !Manifests.sameNamespace(p.namespace(), namespace)) {
        continue;
      }
      if (LabelSelectors.matches(s.get("matchLabels"), s.get("matchExpressions"), labels)) {
        return true;
      }
    }
    return false;
  }

  /** A policy field, its pointer compiled once. */
  record Field(String pointer, JsonPointer compiled) {
    static Field of(String pointer) {
      return new Field(pointer, JsonPointer.compile(pointer));
    }
  }

  /**
   * The BackendTrafficPolicies that can supply a rule's fields: the most specific one on the rule
   * or route, and the one on the Gateway's listener or the Gateway.
   *
   * @param specific the rule's or route's policy, or null
   * @param specificLevel its level
   * @param parent the listener's or Gateway's policy, or null
   * @param parentLevel its level
   */
  record Chain(Manifest specific, Level specificLevel, Manifest parent, Level parentLevel) {
    static final Chain NONE = new Chain(null, null, null, null);
  }

  /**
   * The BackendTrafficPolicies in effect for a rule of {@code route} attached to {@code parent}
   * (null when the route's Gateway is unknown).
   */
  Chain backendTraffic(Manifest route, String ruleName, Parent parent) {
    if (!any) {
      return Chain.NONE;
    }
    JsonNode labels = route.tree().path("metadata").path("labels");
    Manifest specific = null;
    Level level = null;
    if (ruleName != null) {
      specific =
          first(
              BACKEND_TRAFFIC_POLICY,
              "HTTPRoute",
              route.namespace(),
              route.name(),
              ruleName,
              labels);
      level = Level.RULE;
    }
    if (specific == null) {
      specific =
          first(BACKEND_TRAFFIC_POLICY, "HTTPRoute", route.namespace(), route.name(), null, labels);
      level = specific == null ? null : Level.ROUTE;
    }
    Manifest gateway = null;
    Level gatewayLevel = null;
    if (parent != null) {
      if (parent.listener() != null) {
        gateway =
            first(
                BACKEND_TRAFFIC_POLICY,
                "Gateway",
                parent.namespace(),
                parent.name(),
                parent.listener(),
                parent.labels());
        gatewayLevel = Level.LISTENER;
      }
      if (gateway == null) {
        gateway =
            first(
                BACKEND_TRAFFIC_POLICY,
                "Gateway",
                parent.namespace(),
                parent.name(),
                null,
                parent.labels());
        gatewayLevel = Level.GATEWAY;
      }
    }
    return new Chain(specific, level, gateway, gateway == null ? null : gatewayLevel);
  }

  /** The field of the chain in effect, or null when none sets it. */
  static Found field(Chain c, Field f) {
    if (c.specific() != null) {
      JsonNode v = c.specific().tree().at(f.compiled());
      if (!v.isMissingNode() && !v.isNull()) {
        return new Found(v, c.specific(), f.pointer(), c.specificLevel());
      }
      if (!c.specific().tree().path("spec").has("mergeType")) {
        return null; // the route's policy displaces the Gateway's
      }
    }
    if (c.parent() == null) {
      return null;
    }
    JsonNode v = c.parent().tree().at(f.compiled());
    return v.isMissingNode() || v.isNull()
        ? null
        : new Found(v, c.parent(), f.pointer(), c.parentLevel());
  }

  /** The ClientTrafficPolicy field for the parent's listener, or null. */
  Found clientTraffic(Parent parent, Field field) {
    if (!any || parent == null) {
      return null;
    }
    Manifest p = null;
    Level level = Level.LISTENER;
    if (parent.listener() != null) {
      p =
          first(
              CLIENT_TRAFFIC_POLICY,
              "Gateway",
              parent.namespace(),
              parent.name(),
              parent.listener(),
              parent.labels());
    }
    if (p == null) {
      p =
          first(
              CLIENT_TRAFFIC_POLICY,
              "Gateway",
              parent.namespace(),
              parent.name(),
              null,
              parent.labels());
      level = Level.GATEWAY;
    }
    if (p == null) {
      return null;
    }
    JsonNode v = p.tree().at(field.compiled());
    return v.isMissingNode() || v.isNull() ? null : new Found(v, p, field.pointer(), level);
  }
}
