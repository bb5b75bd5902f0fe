package dev.wsingress;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressRuleValue;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressSpec;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.ServiceBackendPort;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@code networking.k8s.io/v1} Ingresses of an app, for the targets whose controller reads
 * Ingresses (ingress-nginx, Traefik's Ingress provider, HAProxy): one rule per host, one path per
 * route ({@code Prefix} or {@code Exact}, or a controller's {@code ImplementationSpecific} path) to
 * that route's own backend Service port, the app's labels, the target's annotations, and optionally
 * the TLS section.
 *
 * <p>Controllers that read settings from an Ingress's annotations apply them to every path of that
 * Ingress, so a target renders one Ingress per {@link #group group} of routes with equal settings:
 *
 * <pre>{@code
 * for (Ingresses.Group<Map<String, String>> g : Ingresses.group(app, route -> annotations(route))) {
 *   out.add(Ingresses.of(app, g.name(), "nginx", g.settings(), true, Ingresses.paths(g.routes())));
 * }
 * }</pre>
 */
public final class Ingresses {
  private Ingresses() {}

  /** The longest path-derived part of a group's name. */
  static final int MAX_SLUG = 40;

  /**
   * One path of an Ingress rule: the path and its {@code pathType}, to the backend of {@code
   * route}.
   *
   * @param route the route whose backend the path goes to
   * @param path {@code spec.rules[].http.paths[].path}
   * @param pathType {@code Prefix}, {@code Exact} or {@code ImplementationSpecific}
   */
  public record Path(Route route, String path, String pathType) {
    /** Checks that no part is missing. */
    public Path {
      Objects.requireNonNull(route, "route");
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(pathType, "pathType");
    }

    /** The route's own path, {@code Prefix} or {@code Exact} as the route matches. */
    public static Path of(Route route) {
      return new Path(route, route.path(), route.match() == Route.Match.EXACT ? "Exact" : "Prefix");
    }

    /**
     * An {@code ImplementationSpecific} path, whose meaning is the controller's (such as an
     * ingress-nginx regular expression), to the route's backend.
     */
    public static Path implementationSpecific(Route route, String path) {
      return new Path(route, path, "ImplementationSpecific");
    }
  }

  /**
   * Routes that one Ingress carries: routes of the same kind, the same rewrite and equal target
   * settings, in the order the app lists them.
   *
   * @param name the Ingress's name (see {@link Ingresses#group})
   * @param settings what the target computed for each of these routes (equal for all of them)
   * @param routes the routes, at least one
   * @param <K> the target's settings, such as an annotation map
   */
  public record Group<K>(String name, K settings, List<Route> routes) {
    /** Copies the routes. */
    public Group {
      Objects.requireNonNull(name, "name");
      routes = List.copyOf(routes);
    }

    /** The first route of the group, which names it. */
    public Route first() {
      return routes.get(0);
    }

    /** Whether the group's routes are WebSocket routes. */
    public boolean isWebSocket() {
      return first().isWebSocket();
    }

    /** The prefix the group's routes are rewritten to, if they are. */
    public Optional<String> rewrite() {
      return first().rewrite();
    }
  }

  /**
   * Groups the app's routes by kind, rewrite and {@code settings} (compared with {@code equals}),
   * in the order of each group's first route, and names each group's Ingress:
   *
   * <ul>
   *   <li>WebSocket routes without a rewrite: the first group is the app's name ({@code chat}, as
   *       for an app with only the default route), further groups {@code chat-ws-<path>};
   *   <li>plain HTTP routes without a rewrite: the first group whose routes set no request timeout
   *       and no buffering is {@code chat-http}, the others {@code chat-http-<path>};
   *   <li>rewritten routes: {@code chat-rewrite-<path>}.
   * </ul>
   *
   * {@code <path>} is the group's first route's path, lower case, with every run of characters
   * other than letters and digits as one {@code -}, at most 40 characters, {@code root} for {@code
   * /}. A name already taken gets {@code -2}, {@code -3}... in group order. The names are valid
   * object names and the same for the same app.
   *
   * @param settings the target's settings of one route; routes with equal settings share an Ingress
   */
  public static <K> List<Group<K>> group(WebSocketApp app, Function<Route, K> settings) {
    Map<List<Object>, List<Route>> routes = new LinkedHashMap<>();
    Map<List<Object>, K> values = new LinkedHashMap<>();
    for (Route route : app.routes()) {
      K value = settings.apply(route);
      List<Object> key = new ArrayList<>(3);
      key.add(route.kind());
      key.add(route.rewrite());
      key.add(value);
      routes.computeIfAbsent(key, k -> new ArrayList<>()).add(route);
      values.putIfAbsent(key, value);
    }
    List<Group<K>> groups = new ArrayList<>(routes.size());
    Set<String> taken = new HashSet<>();
    boolean webSocketNamed = false;
    boolean httpNamed = false;
    for (Map.Entry<List<Object>, List<Route>> e : routes.entrySet()) {
      Route first = e.getValue().get(0);
      String name;
      if (first.rewrite().isPresent()) {
        name = app.name() + "-rewrite-" + slug(first.path());
      } else if (first.isWebSocket()) {
        name = webSocketNamed ? app.name() + "-ws-" + slug(first.path()) : app.name();
        webSocketNamed = true;
      } else if (!httpNamed && e.getValue().stream().allMatch(Ingresses::keepsDefaults)) {
        name = app.name() + "-http";
        httpNamed = true;
      } else {
        name = app.name() + "-http-" + slug(first.path());
      }
      String unique = name;
      for (int n = 2; !taken.add(unique); n++) {
        unique = name + "-" + n;
      }
      groups.add(new Group<>(unique, values.get(e.getKey()), e.getValue()));
    }
    return groups;
  }

  private static boolean keepsDefaults(Route route) {
    return route.requestTimeout().isEmpty() && route.buffering().isEmpty();
  }

  /**
   * The path-derived part of an object name, the same in every target that names objects after a
   * route: lower case, every run of characters other than letters and digits one {@code -}, at most
   * 40 characters, {@code root} for {@code /}; {@code /socket.io} gives {@code socket-io}.
   */
  public static String slug(String path) {
    StringBuilder b = new StringBuilder();
    for (char c : path.toLowerCase(Locale.ROOT).toCharArray()) {
      boolean plain = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (plain) {
        b.append(c);
      } else if (b.length() > 0 && b.charAt(b.length() - 1) != '-') {
        b.append('-');
      }
    }
    String s = b.length() > MAX_SLUG ? b.substring(0, MAX_SLUG) : b.toString();
    while (s.endsWith("-")) {
      s = s.substring(0, s.length() - 1);
    }
    return s.isEmpty() ? "root" : s;
  }

  /** Each route's own path ({@code Prefix} or {@code Exact}), in order. */
  public static List<Path> paths(List<Route> routes) {
    List<Path> paths = new ArrayList<>(routes.size());
    for (Route route : routes) {
      paths.add(Path.of(route));
    }
    return paths;
  }

  /**
   * The app's Ingress with every route of the app, each to its own backend.
   *
   * @param name the object name (the app's name, or a suffixed one for a second Ingress)
   * @param ingressClassName {@code spec.ingressClassName}
   * @param annotations the controller's annotations
   * @param withTls whether to write the app's TLS section (when it has one)
   */
  public static Ingress of(
      WebSocketApp app,
      String name,
      String ingressClassName,
      Map<String, String> annotations,
      boolean withTls) {
    return of(app, name, ingressClassName, annotations, withTls, paths(app.routes()));
  }

  /**
   * An Ingress of the app with these paths on every host of the app, each to its route's backend.
   *
   * @param name the object name
   * @param ingressClassName {@code spec.ingressClassName}
   * @param annotations the controller's annotations
   * @param withTls whether to write the app's TLS section (when it has one)
   * @param paths the paths of each host's rule, in order
   */
  public static Ingress of(
      WebSocketApp app,
      String name,
      String ingressClassName,
      Map<String, String> annotations,
      boolean withTls,
      List<Path> paths) {
    // Plain constructors and setters, not fabric8's builders: each builder `withX(object)` deep
    // copies its argument through nested builders, which made this method most of a cold
    // nginx render (measured with JFR over 3000 apps). The objects are the same.
    List<IngressRule> rules = new ArrayList<>(app.hosts().size());
    for (String host : app.hosts()) {
      List<HTTPIngressPath> hostPaths = new ArrayList<>(paths.size());
      for (Path p : paths) {
        HTTPIngressPath path = new HTTPIngressPath();
        path.setPath(p.path());
        path.setPathType(p.pathType());
        path.setBackend(backend(app, p.route()));
        hostPaths.add(path);
      }
      HTTPIngressRuleValue http = new HTTPIngressRuleValue();
      http.setPaths(hostPaths);
      IngressRule rule = new IngressRule();
      rule.setHost(host);
      rule.setHttp(http);
      rules.add(rule);
    }
    ObjectMeta metadata = app.objectMeta(name);
    metadata.setAnnotations(new LinkedHashMap<>(annotations));
    IngressSpec spec = new IngressSpec();
    spec.setIngressClassName(ingressClassName);
    spec.setRules(rules);
    if (withTls && app.tls().isPresent()) {
      IngressTLS tls = new IngressTLS();
      tls.setHosts(new ArrayList<>(app.tlsHosts()));
      tls.setSecretName(app.tls().get().secretName());
      List<IngressTLS> tlsList = new ArrayList<>(1);
      tlsList.add(tls);
      spec.setTls(tlsList);
    }
    Ingress ingress = new Ingress();
    ingress.setApiVersion("networking.k8s.io/v1");
    ingress.setKind("Ingress");
    ingress.setMetadata(metadata);
    ingress.setSpec(spec);
    return ingress;
  }

  /** The route's backend: its own Service port, else (on an unbuilt route) the app's. */
  private static IngressBackend backend(WebSocketApp app, Route route) {
    ServiceBackendPort port = new ServiceBackendPort();
    IngressServiceBackend service = new IngressServiceBackend();
    if (route.backend().isPresent()) {
      RouteBackend b = route.backend().get();
      service.setName(b.serviceName());
      if (b.port().isPresent()) {
        port.setNumber(b.port().getAsInt());
      } else {
        port.setName(b.portName().orElseThrow());
      }
    } else {
      service.setName(app.serviceName());
      if (app.servicePort().isPresent()) {
        port.setNumber(app.servicePort().getAsInt());
      } else {
        port.setName(app.servicePortName().orElseThrow());
      }
    }
    service.setPort(port);
    IngressBackend backend = new IngressBackend();
    backend.setService(service);
    return backend;
  }
}
