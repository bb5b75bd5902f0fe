package dev.wsingress.gatewayapi;

import dev.wsingress.Rendering;
import dev.wsingress.Route;
import dev.wsingress.RouteBackend;
import dev.wsingress.WebSocketApp;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatchBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of an app's HTTPRoutes: its routes grouped by what an HTTPRoute rule carries
 * (gateway-api v1.6.1 apis/v1/httproute_types.go {@code HTTPRouteRule}: matches, filters,
 * backendRefs, timeouts), so that routes with equal settings share a rule and every difference gets
 * a rule of its own:
 *
 * <ul>
 *   <li>the kind: WebSocket rules get the app's WebSocket settings (its request timeout option,
 *       session persistence, the Envoy Gateway policies); plain HTTP rules get none of them;
 *   <li>the backend: {@code backendRefs} is per rule, and a backendRef to a Service needs its port
 *       number (CEL "Must have port for Service reference" on {@code backendRefs[]});
 *   <li>a plain route's {@code timeouts.request};
 *   <li>a rewrite: a {@code URLRewrite} filter with {@code ReplacePrefixMatch}, one rule per
 *       rewritten route, since the rule CEL "When using URLRewrite filter with
 *       path.replacePrefixMatch, exactly one PathPrefix match must be specified".
 * </ul>
 *
 * <p>Rules are named ({@code rules[].name}, standard from v1.4) when the app has more than one
 * group, so that policies can target single rules ({@code sectionName}).
 */
final class HttpRouteRules {
  private HttpRouteRules() {}

  /**
   * {@code path.type: Exact}: "Matches the URL path exactly and with case sensitivity" (v1.6.1
   * apis/v1/httproute_types.go PathMatchExact).
   */
  static final String EXACT = "Exact";

  /**
   * {@code path.type: PathPrefix}: "Matches based on a URL path prefix split by `/` ... done on a
   * path element by element basis ... a trailing `/` is ignored" (PathMatchPathPrefix); the default
   * type of a match, and {@code /} the default value (+kubebuilder:default).
   */
  static final String PATH_PREFIX = "PathPrefix";

  /**
   * {@code path.type: RegularExpression}: implementation-specific, "implementations can support
   * POSIX, PCRE, RE2 or any other regular expression dialect" (PathMatchRegularExpression).
   */
  static final String REGULAR_EXPRESSION = "RegularExpression";

  /**
   * Routes with equal settings: the routes of one rule (or of several, when they have more than 64
   * matches).
   *
   * @param name the base of its rules' names: {@code ws-} or {@code http-}, the Service, and {@code
   *     -rewrite} for a rewritten route
   * @param kind WebSocket or plain HTTP
   * @param service the backend Service's name
   * @param port the backend Service's port number
   * @param rewrite the prefix that replaces the matched one, if any
   * @param requestTimeout a plain route's request timeout, if any
   * @param routes the routes, in the app's order
   */
  record Group(
      String name,
      Route.Kind kind,
      String service,
      int port,
      Optional<String> rewrite,
      Optional<Duration> requestTimeout,
      List<Route> routes) {
    boolean webSocket() {
      return kind == Route.Kind.WEBSOCKET;
    }
  }

  /**
   * One HTTPRoute rule.
   *
   * @param group the routes it carries
   * @param name its {@code name}, or null when the rules are not named
   * @param matches its path matches (at most 64)
   */
  record Rule(Group group, String name, List<HTTPRouteMatch> matches) {}

  /**
   * The rules of the app, in the app's route order.
   *
   * @param groups the groups, in the order of their first route
   * @param rules the rules
   * @param named whether the rules carry names
   */
  record Plan(List<Group> groups, List<Rule> rules, boolean named) {
    /** The Services of the rendered rules, each once, in order. */
    List<String> services() {
      List<String> out = new ArrayList<>();
      for (Group g : groups) {
        if (!out.contains(g.service())) {
          out.add(g.service());
        }
      }
      return out;
    }

    /** The Services of the rendered WebSocket rules, each once, in order. */
    List<String> webSocketServices() {
      List<String> out = new ArrayList<>();
      for (Group g : groups) {
        if (g.webSocket() && !out.contains(g.service())) {
          out.add(g.service());
        }
      }
      return out;
    }
  }

  static Plan plan(WebSocketApp app, Options o, String subject, Rendering.Builder out) {
    Map<List<Object>, List<Route>> byKey = new LinkedHashMap<>();
    Map<List<Object>, Integer> ports = new LinkedHashMap<>();
    Map<String, List<String>> unnumbered = new LinkedHashMap<>();
    List<String> buffered = new ArrayList<>();
    for (Route r : app.routes()) {
      RouteBackend b = r.backend().orElseThrow();
      if (r.buffering().orElse(false)) {
        buffered.add(r.path());
      }
      if (b.port().isEmpty()) {
        unnumbered
            .computeIfAbsent(
                "port \"" + b.portName().orElse("") + "\" of Service " + b.serviceName(),
                k -> new ArrayList<>())
            .add(r.path());
        continue;
      }
      // Buffering is not part of the key: the Gateway API writes nothing for it.
      List<Object> key =
          List.of(
              r.kind(),
              b.serviceName(),
              b.port().getAsInt(),
              r.rewrite().map(w -> List.of(r.path(), w)).orElse(List.of()),
              r.requestTimeout().map(Object.class::cast).orElse(""));
      byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
      ports.put(key, b.port().getAsInt());
    }
    for (Map.Entry<String, List<String>> e : unnumbered.entrySet()) {
      List<String> paths = e.getValue();
      out.add(
          // kubernetes-sigs/gateway-api v1.6.1 apis/v1/object_reference_types.go:
          // BackendObjectReference.Port is a PortNumber; a Service port cannot be named
          GatewayApiFinding.PORT_NUMBER.at(
              subject,
              "a backendRef to a Service needs the port number, and "
                  + (paths.size() == 1 ? "route " : "routes ")
                  + String.join(", ", paths)
                  + (paths.size() == 1 ? " names " : " name ")
                  + e.getKey()
                  + (paths.size() == 1 ? "; it is" : "; they are")
                  + " not rendered."));
    }
    if (!buffered.isEmpty()) {
      out.add(
          GatewayApiFinding.ROUTE_BUFFERING.at(
              subject,
              (buffered.size() == 1 ? "route " : "routes ")
                  + String.join(", ", buffered)
                  + (buffered.size() == 1 ? " asks" : " ask")
                  + " for buffering, and the Gateway API has no buffering setting"
                  // envoyproxy/gateway v1.9.0 api/v1alpha1/backendtrafficpolicy_types.go
                  // RequestBuffer.Limit: "the maximum allowed size in bytes for each incoming
                  // request buffer"; nothing buffers responses.
                  + (o.envoy()
                      ? " (Envoy Gateway's spec.requestBuffer buffers requests only, up to a"
                          + " limit the spec does not give)"
                      : "")
                  + "; it is not written."));
    }

    List<Group> groups = new ArrayList<>();
    for (Map.Entry<List<Object>, List<Route>> e : byKey.entrySet()) {
      Route first = e.getValue().get(0);
      String service = first.backend().orElseThrow().serviceName();
      groups.add(
          new Group(
              (first.isWebSocket() ? "ws-" : "http-")
                  + service
                  + (first.rewrite().isPresent() ? "-rewrite" : ""),
              first.kind(),
              service,
              ports.get(e.getKey()),
              first.rewrite(),
              first.requestTimeout(),
              List.copyOf(e.getValue())));
    }
    boolean named = groups.size() > 1 && o.version().isAtLeast(Releases.RULE_NAME);
    if (named) {
      Releases.gatedGatewayApi(out, subject, "rules[].name", Releases.RULE_NAME, o);
    }
    List<Rule> rules = new ArrayList<>();
    Set<String> used = new HashSet<>();
    for (Group g : groups) {
      for (List<HTTPRouteMatch> chunk :
          HttpRoutes.chunks(matches(g.routes()), HttpRoutes.MAX_MATCHES_PER_RULE)) {
        rules.add(new Rule(g, named ? unique(g.name(), used) : null, chunk));
      }
    }
    return new Plan(List.copyOf(groups), List.copyOf(rules), named);
  }

  /** {@code base}, or {@code base-2}, {@code base-3} ... when that name is taken. */
  static String unique(String base, Set<String> used) {
    String name = base;
    for (int i = 2; !used.add(name); i++) {
      name = base + "-" + i;
    }
    return name;
  }

  /**
   * The routes' path matches. PathPrefix matches "on a path element by element basis": {@code /ws}
   * matches {@code /ws} and {@code /ws/a}, never {@code /wsx} (v1.6.1 {@code PathMatchPathPrefix}).
   */
  static List<HTTPRouteMatch> matches(List<Route> routes) {
    List<HTTPRouteMatch> matches = new ArrayList<>();
    for (Route r : routes) {
      matches.add(
          new HTTPRouteMatchBuilder()
              .withNewPath()
              .withType(r.match() == Route.Match.EXACT ? EXACT : PATH_PREFIX)
              .withValue(r.path())
              .endPath()
              .build());
    }
    return matches;
  }
}
