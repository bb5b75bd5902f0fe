package dev.wsingress.gatewayapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wsingress.Manifest;
import dev.wsingress.Manifests;
import dev.wsingress.Reading;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The Gateways and GatewayClasses in the input, read back: which implementation serves a Gateway
 * (its GatewayClass's {@code spec.controllerName}), its listeners, and which of them accept an
 * HTTPRoute's parentRef, by the rules of gateway-api v1.6.1 apis/v1 (cited at each).
 */
final class Gateways {
  /** The Gateway API's group. */
  static final String GROUP = "gateway.networking.k8s.io";

  /**
   * The label every namespace carries with its own name (k8s.io/api v0.34.0
   * core/v1/well_known_labels.go LabelMetadataName, set by the API server since Kubernetes 1.22),
   * so a namespace selector on it can be evaluated without the Namespace object.
   */
  static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

  /**
   * One listener of a Gateway in the input.
   *
   * @param gateway the Gateway
   * @param index its place in {@code spec.listeners}
   * @param node the listener
   */
  record Listener(Manifest gateway, int index, JsonNode node) {
    String name() {
      return node.path("name").asText();
    }

    String protocol() {
      return node.path("protocol").asText();
    }

    int port() {
      return node.path("port").asInt(-1);
    }

    /** Its {@code hostname}, or null for any. */
    String hostname() {
      JsonNode h = node.get("hostname");
      return h == null || !h.isTextual() || h.asText().isEmpty() ? null : h.asText();
    }

    String pointer() {
      return "/spec/listeners/" + index;
    }

    /**
     * The certificate Secret an HTTPS listener terminates with: {@code tls.mode} defaults to {@code
     * Terminate} (v1.6.1 GatewayTLSConfig.Mode {@code +kubebuilder:default=Terminate}), the first
     * of {@code tls.certificateRefs} (kind Secret by default); null for any other listener.
     */
    String certificate() {
      if (!protocol().equals("HTTPS")) {
        return null;
      }
      JsonNode tls = node.path("tls");
      if (!tls.path("mode").asText("Terminate").equals("Terminate")) {
        return null;
      }
      JsonNode ref = tls.path("certificateRefs").path(0);
      if (!ref.path("kind").asText("Secret").equals("Secret")
          || !ref.path("group").asText("").isEmpty()) {
        return null;
      }
      String name = ref.path("name").asText("");
      return name.isEmpty() ? null : name;
    }
  }

  /**
   * Which implementation serves a Gateway.
   *
   * @param gatewayClass the GatewayClass, when the input has it
   * @param controllerName its {@code spec.controllerName}, or null when unknown
   */
  record Implementation(Manifest gatewayClass, String controllerName) {
    boolean known() {
      return controllerName != null;
    }

    boolean envoyGateway() {
      return EnvoyGatewayPolicies.GATEWAY_CONTROLLER.equals(controllerName);
    }
  }

  /**
   * The listeners of a Gateway that accept a parentRef, or why none does.
   *
   * @param listeners the listeners the route attaches to
   * @param refused why none accepts it, or null when some do
   * @param at where the refusal is written (the listener, or the parentRef)
   */
  record Attachment(List<Listener> listeners, String refused, String at) {}

  private final Manifests in;

  Gateways(Manifests in, Reading out) {
    this.in = in;
    for (Manifest c : in.objects(GROUP, "GatewayClass")) {
      out.understood(c);
      ApiVersions.check(c, out);
    }
    for (Manifest g : in.objects(GROUP, "Gateway")) {
      out.understood(g);
      ApiVersions.check(g, out);
    }
  }

  /** The Gateway of this namespace and name, if the input has it. */
  Manifest gateway(String namespace, String name) {
    return in.find(GROUP, "Gateway", namespace, name).orElse(null);
  }

  /** The implementation of a Gateway in the input, from its GatewayClass in the input. */
  Implementation implementation(Manifest gateway) {
    String className = gateway.tree().path("spec").path("gatewayClassName").asText("");
    Manifest c = in.find(GROUP, "GatewayClass", "", className).orElse(null);
    if (c == null) {
      return new Implementation(null, null);
    }
    String controller = c.tree().path("spec").path("controllerName").asText("");
    return new Implementation(c, controller.isEmpty() ? null : controller);
  }

  /**
   * The listeners of {@code gateway} that accept the HTTPRoute {@code route} through {@code
   * parentRef} (at {@code refAt}): the listener {@code sectionName} names, or the ones on {@code
   * port}, or all (v1.6.1 ParentReference: "When unspecified (empty string), this will reference
   * the entire resource"); of those, the HTTP and HTTPS ones whose {@code allowedRoutes} admit the
   * route's kind and namespace, and whose {@code hostname} intersects the route's hostnames.
   */
  Attachment attach(Manifest route, Manifest gateway, JsonNode parentRef, String refAt) {
    String section = parentRef.path("sectionName").asText("");
    int port = parentRef.path("port").asInt(-1);
    JsonNode listeners = list(gateway.tree().path("spec").path("listeners"));
    List<Listener> candidates = new ArrayList<>();
    for (int i = 0; i < listeners.size(); i++) {
      Listener l = new Listener(gateway, i, listeners.get(i));
      if ((section.isEmpty() || l.name().equals(section)) && (port < 0 || l.port() == port)) {
        candidates.add(l);
      }
    }
    if (candidates.isEmpty()) {
      return new Attachment(
          List.of(),
          gateway.subject()
              + " has no listener"
              + (section.isEmpty() ? "" : " named " + quote(section))
              + (port < 0 ? "" : (section.isEmpty() ? " on port " : " with port ") + port)
              + " (its listeners: "
              + names(listeners)
              + ")",
          refAt);
    }
    List<Listener> accepted = new ArrayList<>();
    String refused = null;
    String at = refAt;
    List<String> hosts = hostnames(route);
    for (Listener l : candidates) {
      String why = refusal(route, gateway, l, hosts);
      if (why == null) {
        accepted.add(l);
      } else if (refused == null) {
        refused = why;
        at = l.pointer();
      }
    }
    return accepted.isEmpty()
        ? new Attachment(List.of(), refused, at)
        : new Attachment(List.copyOf(accepted), null, null);
  }

  private String refusal(Manifest route, Manifest gateway, Listener l, List<String> hosts) {
    String listener = "the listener " + quote(l.name()) + " of " + gateway.subject();
    // ListenerConditionReason "Kinds": HTTP and HTTPS listeners take HTTPRoutes by default
    // (v1.6.1 AllowedRoutes.Kinds: "When unspecified or empty, the kinds of Routes selected are
    // determined using the Listener protocol"); TLS, TCP and UDP ones take other route kinds.
    JsonNode kinds = list(l.node().path("allowedRoutes").path("kinds"));
    if (kinds.isArray() && kinds.size() > 0) {
      boolean http = false;
      for (JsonNode k : kinds) {
        if (k.path("kind").asText().equals("HTTPRoute")
            && k.path("group").asText(GROUP).equals(GROUP)) {
          http = true;
        }
      }
      if (!http) {
        return listener + " allows only " + kindNames(kinds);
      }
    } else if (!l.protocol().equals("HTTP") && !l.protocol().equals("HTTPS")) {
      return listener + " has protocol " + l.protocol() + ", which takes no HTTPRoutes";
    }
    String why = namespaces(route, gateway, l.node().path("allowedRoutes").path("namespaces"));
    if (why != null) {
      return listener + " " + why;
    }
    String lh = l.hostname();
    if (lh != null && !hosts.isEmpty()) {
      for (String h : hosts) {
        if (intersect(h, lh) != null) {
          return null;
        }
      }
      // HTTPRouteSpec.Hostnames: "If both the Listener and HTTPRoute have specified hostnames,
      // and none match ... the HTTPRoute is not accepted".
      return listener + " has hostname " + lh + ", which none of the route's hostnames matches";
    }
    return null;
  }

  /**
   * Why {@code from} refuses the route's namespace, or null: AllowedRoutes.Namespaces {@code
   * +kubebuilder:default={from: Same}}; {@code All}; {@code Selector} on the namespace's labels
   * (those of the Namespace object in the input, and {@link #NAMESPACE_NAME_LABEL}).
   */
  private String namespaces(Manifest route, Manifest gateway, JsonNode namespaces) {
    String from = namespaces.path("from").asText("Same");
    String ns = route.namespace();
    if (ns.isEmpty() || gateway.namespace().isEmpty()) {
      return null; // where the objects are applied decides; nothing to compare
    }
    switch (from) {
      case "All":
        return null;
      case "Selector":
        {
          JsonNode selector = namespaces.path("selector");
          Manifest object = in.find("", "Namespace", "", ns).orElse(null);
          ObjectNode labels = JsonNodeFactory.instance.objectNode();
          if (object != null) {
            JsonNode own = object.tree().path("metadata").path("labels");
            if (own.isObject()) {
              labels.setAll((ObjectNode) own);
            }
          }
          labels.put(NAMESPACE_NAME_LABEL, ns);
          if (LabelSelectors.matches(
              selector.get("matchLabels"), selector.get("matchExpressions"), labels)) {
            return null;
          }
          if (object == null && LabelSelectors.usesOtherKeys(selector, NAMESPACE_NAME_LABEL)) {
            return null; // the Namespace is not in the input: its labels are unknown
          }
          return "admits routes from the namespaces its selector matches, and namespace "
              + ns
              + (object == null ? " (not in the input; by its name label)" : "")
              + " is not one of them";
        }
      default:
        return ns.equals(gateway.namespace())
            ? null
            : "admits routes from its own namespace "
                + gateway.namespace()
                + " only (allowedRoutes.namespaces.from: Same"
                + (namespaces.has("from") ? "" : ", the default")
                + "), not from "
                + ns;
    }
  }

  /**
   * The node if it is a sequence, else an empty one: a field the API server would refuse (a mapping
   * where a list belongs) is read as absent, never as its values.
   */
  static JsonNode list(JsonNode node) {
    return node != null && node.isArray() ? node : MissingNode.getInstance();
  }

  /** The route's {@code spec.hostnames}, in order. */
  static List<String> hostnames(Manifest route) {
    List<String> out = new ArrayList<>();
    for (JsonNode h : list(route.tree().path("spec").path("hostnames"))) {
      if (h.isTextual() && !h.asText().isEmpty()) {
        out.add(h.asText().toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  /**
   * The hosts a route hostname and a listener hostname both match, or null: equal names, or one a
   * wildcard whose suffix the other has (v1.6.1 HTTPRouteSpec.Hostnames: a listener {@code
   * *.example.com} matches route hostnames {@code *.example.com}, {@code test.example.com} and
   * {@code foo.test.example.com}; a listener {@code test.example.com} matches {@code
   * *.example.com}).
   */
  static String intersect(String route, String listener) {
    if (listener == null) {
      return route;
    }
    String l = listener.toLowerCase(Locale.ROOT);
    if (route.equals(l)) {
      return route;
    }
    if (l.startsWith("*.") && underWildcard(route, l)) {
      return route;
    }
    if (route.startsWith("*.") && underWildcard(l, route)) {
      return l;
    }
    return null;
  }

  private static boolean underWildcard(String host, String wildcard) {
    String suffix = wildcard.substring(1);
    return host.endsWith(suffix) && host.length() > suffix.length();
  }

  private static String names(JsonNode listeners) {
    List<String> out = new ArrayList<>();
    for (JsonNode l : listeners) {
      out.add(quote(l.path("name").asText()) + " port " + l.path("port").asText("?"));
    }
    return out.isEmpty() ? "none" : String.join(", ", out);
  }

  private static String kindNames(JsonNode kinds) {
    Set<String> out = new HashSet<>();
    List<String> ordered = new ArrayList<>();
    for (JsonNode k : kinds) {
      if (out.add(k.path("kind").asText())) {
        ordered.add(k.path("kind").asText());
      }
    }
    return String.join(", ", ordered);
  }

  static String quote(String s) {
    return "\"" + s + "\"";
  }
}
