package dev.wsingress.gatewayapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsingress.Manifest;
import dev.wsingress.Manifests;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What this target's own output ({@code app.kubernetes.io/managed-by: wsingress}) says about the
 * app it was rendered for, for the converter: the app's name without the suffixes {@link
 * HttpRoutes} adds ({@code chat-2}, {@code chat-redirect}, {@code chat-http}, {@code
 * chat-ws-notify}), and the rule kinds from the rule names {@link HttpRouteRules} gives ({@code
 * ws-<service>} for WebSocket rules, {@code http-<service>} for plain ones). These are markers only
 * wsingress writes, so they are read only from objects it rendered; other HTTPRoutes are read by
 * what the implementation does with them.
 */
final class OwnOutput {
  static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  /** The rule name prefix {@link HttpRouteRules} gives WebSocket rules. */
  static final String WEBSOCKET_RULE = "ws-";

  /** The rule name prefix {@link HttpRouteRules} gives plain HTTP rules. */
  static final String PLAIN_RULE = "http-";

  /**
   * What may follow the app's name in the name of one of its HTTPRoutes: the policy partition
   * ({@code -http}, {@code -ws-<service>}, {@link HttpRoutes} partitionName), the redirect twin,
   * the number of a split ({@code -2}) and {@link HttpRouteRules#unique} numbers.
   */
  private static final Pattern SUFFIX =
      Pattern.compile(
          "(-http|-ws-[a-z0-9]([-a-z0-9.]*[a-z0-9])?)?(-redirect)?(-([2-9]|[1-9][0-9]+))*");

  private final Map<String, List<Manifest>> byNamespace = new HashMap<>();
  private final Map<Manifest, String> appNames = new IdentityHashMap<>();

  OwnOutput(Manifests in) {
    for (String kind : List.of("HTTPRoute", "Gateway")) {
      for (Manifest m : in.objects(Gateways.GROUP, kind)) {
        if (ours(m)) {
          byNamespace.computeIfAbsent(ns(m), k -> new ArrayList<>()).add(m);
        }
      }
    }
  }

  /** Whether wsingress rendered the object. */
  static boolean ours(Manifest m) {
    return m.label(MANAGED_BY).map("wsingress"::equals).orElse(false);
  }

  private static String ns(Manifest m) {
    return m.namespace().isEmpty() ? "default" : m.namespace();
  }

  /**
   * The name of the app wsingress rendered the object for, or null when it did not render it: the
   * shortest prefix of its name, followed by a suffix {@link HttpRoutes} adds, that names another
   * of its objects with the same labels (every object of an app has the app's labels); the object's
   * own name when there is none.
   */
  String appName(Manifest m) {
    if (!ours(m)) {
      return null;
    }
    return appNames.computeIfAbsent(m, this::derive);
  }

  private String derive(Manifest m) {
    String name = m.name();
    List<Manifest> siblings = byNamespace.getOrDefault(ns(m), List.of());
    JsonNode labels = m.tree().path("metadata").path("labels");
    Set<String> named = new HashSet<>();
    for (Manifest s : siblings) {
      if (s != m && Objects.equals(s.tree().path("metadata").path("labels"), labels)) {
        named.add(s.name());
      }
    }
    if (named.contains(name)) {
      return name; // the app's Gateway has the app's name, as its first HTTPRoute has
    }
    // The app's own name: its first HTTPRoute or its Gateway.
    for (int i = name.indexOf('-'); i > 0; i = name.indexOf('-', i + 1)) {
      String base = name.substring(0, i);
      if (named.contains(base) && SUFFIX.matcher(name.substring(i)).matches()) {
        return base;
      }
    }
    // No object has the app's name (its own Service has no WebSocket rules, so the partitions are
    // <app>-http and <app>-ws-<service>): a prefix that two objects share with a suffix.
    for (int i = name.indexOf('-'); i > 0; i = name.indexOf('-', i + 1)) {
      String base = name.substring(0, i);
      if (!SUFFIX.matcher(name.substring(i)).matches()) {
        continue;
      }
      for (String other : named) {
        if (other.startsWith(base + "-")
            && SUFFIX.matcher(other.substring(base.length())).matches()) {
          return base;
        }
      }
    }
    return name;
  }

  /** The name of rule {@code index} of the route, or null. */
  static String ruleName(JsonNode rule) {
    JsonNode n = rule.get("name");
    return n == null || !n.isTextual() ? null : n.asText();
  }
}
