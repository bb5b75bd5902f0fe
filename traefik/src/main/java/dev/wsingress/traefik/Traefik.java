package dev.wsingress.traefik;

import dev.wsingress.Affinity;
import dev.wsingress.BackendProtocol;
import dev.wsingress.ClientIpAffinity;
import dev.wsingress.Contributions;
import dev.wsingress.CookieAffinity;
import dev.wsingress.HeaderAffinity;
import dev.wsingress.InvalidSpecException;
import dev.wsingress.Problem;
import dev.wsingress.RenderContext;
import dev.wsingress.Rendering;
import dev.wsingress.Route;
import dev.wsingress.RouteBackend;
import dev.wsingress.SpecRules;
import dev.wsingress.Target;
import dev.wsingress.Version;
import dev.wsingress.WebSocketApp;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Traefik v3 target ({@code traefik.io/v1alpha1}), for Traefik v3.0 or newer: {@link
 * #version(String)} names the release the cluster runs (v3.0 to v3.7, default v3.7). Two forms:
 *
 * <ul>
 *   <li>{@link #target()}: an IngressRoute per entry point with one route per app route, each with
 *       its own match, Middlewares and backend Service, plus the Middlewares (CORS headers,
 *       redirectScheme, rateLimit, inFlightReq, circuitBreaker, replacePathRegex, buffering) and
 *       ServersTransports, every one referenced by a route;
 *   <li>{@link #ingress()}: Kubernetes Ingresses with {@code traefik.ingress.kubernetes.io/
 *       router.*} annotations, one per group of routes of one kind whose router annotations are
 *       equal (Traefik applies middlewares per router), marked {@code wsingress.dev/websocket}, the
 *       same Middlewares referenced as {@code <namespace>-<name>@kubernetescrd}, and the {@code
 *       service.*} annotations (sticky cookie, scheme, transport) on the backend Services, where
 *       Traefik reads them.
 * </ul>
 *
 * <p>WebSocket needs no setting in Traefik. The WebSocket settings go on WebSocket routes only: the
 * handshake rate limit and the per-client socket limit as their Middlewares, the sticky cookie
 * (which pins a pod) and the balancing strategy on their service entries. Plain HTTP routes keep
 * Traefik's defaults, with the app-wide CORS headers, backend protocol and connect timeout, and
 * buffering when they ask for it; Traefik has no request deadline, so a plain route's request
 * timeout is refused ({@code TRAEFIK-REQUEST-TIMEOUT}). A rewrite replaces exactly the matched
 * prefix. HTTP is redirected to HTTPS by a redirectScheme middleware on the {@code web} entry point
 * (the v2 headers options {@code sslRedirect} and {@code sslForceHost} were removed in v3). Traefik
 * has no per-route idle timeout, and its entry point timeouts do not reach an upgraded socket (see
 * {@code TRAEFIK-ENTRYPOINT-TIMEOUTS}).
 *
 * <p>Fields newer than v3.0 are written only for a release that has them, each with a {@code
 * TRAEFIK-VERSION-GATED} finding: {@code strategy: p2c} and {@code rootCAs} (v3.4), {@code
 * strategy: hrw} for client-IP affinity (v3.6), {@code sticky.cookie.path} (v3.3). For older
 * releases the strategy is {@code RoundRobin} (the only one they have) and the CA Secret goes in
 * {@code rootCAsSecrets}; client-IP affinity and a cookie path cannot be written there ({@code
 * TRAEFIK-VERSION-MISSING}).
 *
 * <pre>{@code
 * Rendering crds = Traefik.target().render(app);
 * Rendering older = Traefik.target().version("3.3").render(app); // round robin, rootCAsSecrets
 * Rendering ingress = Targets.render(app, Traefik.ingress(), Platform.target());
 * }</pre>
 */
public final class Traefik implements Target {
  /** The one balancing strategy of Traefik v3.0 to v3.3, and their default. */
  static final String ROUND_ROBIN = "RoundRobin";

  private final boolean ingressForm;
  private final String web;
  private final String websecure;
  private final String ingressClass;
  private final String circuitBreaker;
  private final Integer clientIpDepth;
  private final boolean securityHeaders;
  private final boolean lenient;
  private final Version version;

  /** For {@link java.util.ServiceLoader}: the IngressRoute form; use {@link #target()}. */
  public Traefik() {
    this(false, "web", "websecure", "traefik", null, null, false, false, Releases.NEWEST);
  }

  private Traefik(
      boolean ingressForm,
      String web,
      String websecure,
      String ingressClass,
      String circuitBreaker,
      Integer clientIpDepth,
      boolean securityHeaders,
      boolean lenient,
      Version version) {
    this.ingressForm = ingressForm;
    this.web = web;
    this.websecure = websecure;
    this.ingressClass = ingressClass;
    this.circuitBreaker = circuitBreaker;
    this.clientIpDepth = clientIpDepth;
    this.securityHeaders = securityHeaders;
    this.lenient = lenient;
    this.version = version;
  }

  /** The IngressRoute form, with entry points {@code web} and {@code websecure}. */
  public static Traefik target() {
    return new Traefik();
  }

  /** The Kubernetes Ingress form (IngressClass {@code traefik}). */
  public static Traefik ingress() {
    return new Traefik(
        true, "web", "websecure", "traefik", null, null, false, false, Releases.NEWEST);
  }

  private static void check(List<Problem> problems) {
    if (!problems.isEmpty()) {
      throw new InvalidSpecException("Traefik", problems);
    }
  }

  /**
   * The entry points for plain HTTP and for HTTPS ({@code web} and {@code websecure}).
   *
   * @throws InvalidSpecException when a name is not an RFC 1123 label, or both are the same
   */
  public Traefik entryPoints(String http, String https) {
    List<Problem> problems = new ArrayList<>();
    SpecRules.dnsLabel(problems, "entryPoints.http", http, 63);
    SpecRules.dnsLabel(problems, "entryPoints.https", https, 63);
    if (problems.isEmpty() && http.equals(https)) {
      problems.add(
          Problem.of(
              "entryPoints.https",
              https,
              "must differ from the HTTP entry point",
              "name the two entry points differently, such as \"web\" and \"websecure\""));
    }
    check(problems);
    return new Traefik(
        ingressForm,
        http,
        https,
        ingressClass,
        circuitBreaker,
        clientIpDepth,
        securityHeaders,
        lenient,
        version);
  }

  /**
   * The IngressClass of the Ingress form ({@code traefik}).
   *
   * @throws InvalidSpecException when the name is not an RFC 1123 subdomain
   */
  public Traefik ingressClass(String name) {
    List<Problem> problems = new ArrayList<>();
    SpecRules.dnsSubdomain(problems, "ingressClass", name);
    check(problems);
    return new Traefik(
        ingressForm,
        web,
        websecure,
        name,
        circuitBreaker,
        clientIpDepth,
        securityHeaders,
        lenient,
        version);
  }

  /**
   * Adds a circuitBreaker middleware with this expression, such as {@code ResponseCodeRatio(500,
   * 600, 0, 600) > 0.30} or {@code NetworkErrorRatio() > 0.5}. It acts on HTTP requests, so on a
   * WebSocket only the handshake.
   *
   * @throws InvalidSpecException when Traefik would not parse the expression: only comparisons of
   *     {@code NetworkErrorRatio()}, {@code ResponseCodeRatio(a, b, c, d)} and {@code
   *     LatencyAtQuantileMS(q)} with a number, joined by {@code &&} and {@code ||}, with balanced
   *     parentheses
   */
  public Traefik circuitBreaker(String expression) {
    String problem = CircuitBreakerExpression.problem(expression);
    if (problem != null) {
      throw InvalidSpecException.of(
          "Traefik",
          "circuitBreaker",
          expression,
          "must be a circuit breaker expression Traefik parses: comparisons of"
              + " NetworkErrorRatio(), ResponseCodeRatio(a, b, c, d) or LatencyAtQuantileMS(q)"
              + " with a number, joined by && and ||, with balanced parentheses ("
              + problem
              + ")",
          "write it like \"ResponseCodeRatio(500, 600, 0, 600) > 0.30\"");
    }
    return new Traefik(
        ingressForm,
        web,
        websecure,
        ingressClass,
        expression,
        clientIpDepth,
        securityHeaders,
        lenient,
        version);
  }

  /**
   * Reads the client address {@code depth} hops back in {@code X-Forwarded-For} for the per-client
   * limits, rateLimit and inFlightReq (0, the default, uses the connection's address). Set it when
   * a load balancer in front appends to that header. It does not reach the hrw balancer of
   * client-IP affinity, which always hashes the connection's address (traefik v3.7.9
   * pkg/server/service/loadbalancer/hrw/hrw.go: {@code ip.RemoteAddrStrategy{}}).
   *
   * @throws InvalidSpecException when the depth is outside 0 to 10
   */
  public Traefik clientIpDepth(int depth) {
    List<Problem> problems = new ArrayList<>();
    SpecRules.range(problems, "clientIpDepth", depth, 0, 10);
    check(problems);
    return new Traefik(
        ingressForm,
        web,
        websecure,
        ingressClass,
        circuitBreaker,
        depth,
        securityHeaders,
        lenient,
        version);
  }

  /**
   * Adds a headers middleware with {@code X-Frame-Options: SAMEORIGIN} ({@code
   * customFrameOptionsValue}) and {@code X-Content-Type-Options: nosniff} ({@code
   * contentTypeNosniff}) on every response.
   */
  public Traefik securityHeaders() {
    return new Traefik(
        ingressForm,
        web,
        websecure,
        ingressClass,
        circuitBreaker,
        clientIpDepth,
        true,
        lenient,
        version);
  }

  /**
   * The Traefik release line the cluster runs, {@code "3.0"} to {@code "3.7"} (default {@code
   * "3.7"}; {@code "v3.4.2"} reads as 3.4). Older releases get only what they accept: before v3.4
   * {@code strategy: RoundRobin} and {@code rootCAsSecrets} instead of {@code rootCAs}; before v3.6
   * no client-IP affinity; before v3.3 no sticky cookie path.
   *
   * <pre>{@code
   * Traefik.target().version("3.3").render(app);
   * }</pre>
   *
   * @throws InvalidSpecException when the version is not one of {@link #versions()}
   */
  public Traefik version(String version) {
    Version v = Version.option("Traefik", version, Releases.SUPPORTED);
    return new Traefik(
        ingressForm,
        web,
        websecure,
        ingressClass,
        circuitBreaker,
        clientIpDepth,
        securityHeaders,
        lenient,
        v);
  }

  /** Traefik v3.0 to v3.7, oldest first. */
  @Override
  public List<Version> versions() {
    return Releases.SUPPORTED;
  }

  /** The release this target renders for: v3.7 unless {@link #version(String)} says otherwise. */
  @Override
  public Optional<Version> version() {
    return Optional.of(version);
  }

  /** Reports what Traefik cannot express as warnings and leaves it out instead of failing. */
  @Override
  public Traefik lenient() {
    return new Traefik(
        ingressForm,
        web,
        websecure,
        ingressClass,
        circuitBreaker,
        clientIpDepth,
        securityHeaders,
        true,
        version);
  }

  @Override
  public String id() {
    return ingressForm ? "traefik-ingress" : "traefik";
  }

  @Override
  public String displayName() {
    return ingressForm ? "Traefik v3 (Ingress)" : "Traefik v3 (IngressRoute)";
  }

  @Override
  public List<Class<? extends HasMetadata>> resourceTypes() {
    return List.of(
        IngressRoute.class,
        Middleware.class,
        ServersTransport.class,
        TraefikService.class,
        Ingress.class);
  }

  @Override
  public void contribute(WebSocketApp app, Contributions.Builder out) {
    // The Helm chart installed as traefik/traefik runs as ServiceAccount traefik/traefik
    // (traefik-helm-chart v41.3.0 traefik/templates/_helpers.tpl traefik.serviceAccountName: the
    // release's fullname); its load balancer targets the endpoints itself (Service
    // sessionAffinity does not apply).
    out.trafficFrom("traefik", "traefik").balancesOverEndpoints();
    if (ingressForm) {
      serviceAnnotations(app, app.serviceName(), transports(app)).forEach(out::serviceAnnotation);
    }
  }

  @Override
  public Rendering render(WebSocketApp app, RenderContext context) {
    Objects.requireNonNull(app, "app");
    Rendering.Builder out = Rendering.builder(displayName(), lenient);
    String subject =
        (ingressForm ? "Ingress " : "IngressRoute ") + app.namespace() + "/" + app.name();
    findings(app, subject, out);

    MiddlewareSet middlewares =
        MiddlewareSet.of(
            app,
            clientIpDepth,
            securityHeaders,
            circuitBreaker,
            context.includes("linkerd"),
            subject,
            out);
    middlewares.all().forEach(out::add);
    Map<String, String> transports = transports(app);
    boolean first = true;
    for (Map.Entry<String, String> t : transports.entrySet()) {
      out.add(serversTransport(app, t.getValue(), t.getKey(), first, out));
      first = false;
    }
    boolean tls = app.tls().isPresent();
    boolean redirect = tls && app.tls().get().redirect();
    if (redirect) {
      out.add(
          new Middleware(
              app.objectMeta(app.name() + "-redirect"),
              Middleware.Spec.redirectScheme(new Middleware.RedirectScheme("https", true))));
    }

    if (ingressForm) {
      renderIngresses(app, middlewares, transports, redirect, context, subject, out);
      return out.build();
    }
    WebSocketBalancing balancing = webSocketBalancing(app, subject, out);
    List<IngressRoute.Route> routes = routes(app, middlewares, transports, balancing);
    out.add(ingressRoute(app, app.name(), tls ? websecure : web, routes, tls));
    if (redirect) {
      // One rule for every path: the redirect is the same for all of them.
      IngressRoute.Route all =
          new IngressRoute.Route(
              "Rule",
              match(app),
              null,
              List.of(new IngressRoute.MiddlewareRef(app.name() + "-redirect", null)),
              routes.get(0).services());
      out.add(ingressRoute(app, app.name() + "-redirect", web, List.of(all), false));
    } else if (tls) {
      // TLS without a redirect keeps serving plain HTTP on its own routes.
      out.add(ingressRoute(app, app.name() + "-" + web, web, routes, false));
    }
    return out.build();
  }

  /** The INFO finding for a field that only {@code since} and newer releases have. */
  private void gated(Rendering.Builder out, String subject, String field, Version since) {
    gated(out, subject, field, since, "");
  }

  private void gated(
      Rendering.Builder out, String subject, String field, Version since, String more) {
    out.add(
        // traefik/traefik v3.7.9 pkg/config/dynamic/http_config.go: the fields and the releases
        // that introduced them are cited in Releases
        TraefikFinding.VERSION_GATED.at(
            subject,
            field
                + " needs Traefik "
                + Releases.name(since)
                + " or newer (rendering for "
                + Releases.name(version)
                + ")"
                + more
                + "."));
  }

  /**
   * The IngressRoute routes: one per app route, in the app's order, each with its own match, its
   * own Middlewares ({@link MiddlewareSet}) and its own backend; the sticky cookie and balancing
   * strategy only on WebSocket routes' service entries. Priorities only where the rules' lengths
   * would not keep the Ingress precedence ({@link Priorities}).
   */
  private List<IngressRoute.Route> routes(
      WebSocketApp app,
      MiddlewareSet middlewares,
      Map<String, String> transports,
      WebSocketBalancing balancing) {
    String hosts = hostRule(app) + " && ";
    List<Route> all = app.routes();
    List<Priorities.Lengths> lengths = new ArrayList<>();
    for (Route r : all) {
      int length = pathRule(r).length();
      lengths.add(new Priorities.Lengths(length, length));
    }
    List<Integer> priorities = Priorities.of(all, lengths, hosts.length(), hosts.length());
    List<IngressRoute.Route> routes = new ArrayList<>(all.size());
    for (int i = 0; i < all.size(); i++) {
      Route r = all.get(i);
      RouteBackend b = r.backend().orElseThrow();
      List<IngressRoute.MiddlewareRef> refs = new ArrayList<>();
      for (String name : middlewares.chain(i)) {
        refs.add(new IngressRoute.MiddlewareRef(name, null));
      }
      IngressRoute.Service service =
          new IngressRoute.Service(
              b.serviceName(),
              b.port().isPresent()
                  ? new IntOrString(b.port().getAsInt())
                  : new IntOrString(b.portName().orElseThrow()),
              scheme(app, List.of(b)),
              transports.get(b.serviceName()),
              r.isWebSocket() ? balancing.sticky() : null,
              r.isWebSocket() ? balancing.strategy() : null);
      routes.add(
          new IngressRoute.Route(
              "Rule", hosts + pathRule(r), priorities.get(i), refs, List.of(service)));
    }
    return routes;
  }

  private static IngressRoute ingressRoute(
      WebSocketApp app,
      String name,
      String entryPoint,
      List<IngressRoute.Route> routes,
      boolean tls) {
    return new IngressRoute(
        app.objectMeta(name),
        new IngressRoute.Spec(
            List.of(entryPoint),
            routes,
            tls ? new IngressRoute.Tls(app.tls().get().secretName()) : null));
  }

  /**
   * The Ingress form: one Ingress per group of routes of one kind with equal router annotations
   * (entry points, TLS, Middlewares, priority), the routes taken in the order of their paths
   * ({@link Names#byPath}: Traefik orders routers by priority, not by their place, so the order of
   * the app's routes changes nothing, and the objects do not depend on it), named {@code <app>} for
   * the group with WebSocket routes, {@code <app>-http} for plain HTTP routes, {@code
   * <app>-rewrite-<path>} for a rewritten route, and {@code -<path>} added where a name is taken;
   * the redirect (or, without one, the same groups on the {@code web} entry point) after them.
   */
  private void renderIngresses(
      WebSocketApp app,
      MiddlewareSet middlewares,
      Map<String, String> transports,
      boolean redirect,
      RenderContext context,
      String subject,
      Rendering.Builder out) {
    boolean tls = app.tls().isPresent();
    List<Route> all = app.routes();
    List<Priorities.Lengths> lengths = new ArrayList<>();
    for (Route r : all) {
      lengths.add(TraefikIngresses.ruleLengths(r));
    }
    int hostMin = Integer.MAX_VALUE;
    int hostMax = 0;
    for (String host : app.hosts()) {
      hostMin = Math.min(hostMin, TraefikIngresses.hostLength(host));
      hostMax = Math.max(hostMax, TraefikIngresses.hostLength(host));
    }
    List<Integer> priorities = Priorities.of(all, lengths, hostMin, hostMax);
    Map<Map<String, String>, List<Integer>> groups = new LinkedHashMap<>();
    List<Integer> sorted = Names.byPath(all);
    for (int i : sorted) {
      groups
          .computeIfAbsent(
              routerAnnotations(
                  app,
                  tls ? websecure : web,
                  middlewares.chain(i),
                  tls,
                  priorities.get(i),
                  all.get(i).isWebSocket()),
              k -> new ArrayList<>())
          .add(i);
    }
    Set<String> taken = new HashSet<>();
    if (redirect) {
      taken.add(app.name() + "-redirect");
    }
    List<String> names = new ArrayList<>();
    for (List<Integer> group : groups.values()) {
      names.add(groupName(app, group, middlewares, taken));
    }
    int g = 0;
    for (Map.Entry<Map<String, String>, List<Integer>> group : groups.entrySet()) {
      out.add(
          TraefikIngresses.of(
              app,
              names.get(g++),
              ingressClass,
              group.getKey(),
              routes(all, group.getValue()),
              true));
    }
    if (redirect) {
      Map<String, String> a = new TreeMap<>();
      IngressAnnotations.ROUTER_ENTRYPOINTS.put(a, List.of(web));
      IngressAnnotations.ROUTER_MIDDLEWARES.put(
          a, List.of(IngressAnnotations.crdReference(app.namespace(), app.name() + "-redirect")));
      out.add(
          TraefikIngresses.of(
              app, app.name() + "-redirect", ingressClass, a, routes(all, sorted), false));
    } else if (tls) {
      g = 0;
      for (List<Integer> group : groups.values()) {
        int i = group.get(0);
        out.add(
            TraefikIngresses.of(
                app,
                Names.unique(names.get(g++) + "-" + web, taken),
                ingressClass,
                routerAnnotations(
                    app,
                    web,
                    middlewares.chain(i),
                    false,
                    priorities.get(i),
                    all.get(i).isWebSocket()),
                routes(all, group),
                false));
      }
    }
    serviceFindings(app, transports, context, out);
    if (app.affinity().isPresent() && app.affinity().get() instanceof ClientIpAffinity) {
      out.add(
          // traefik/traefik v3.7.9 pkg/provider/kubernetes/ingress/annotations.go: the service.*
          // annotations have no strategy key, so hrw cannot be chosen from an Ingress
          TraefikFinding.INGRESS_CLIENT_IP.at(
              subject,
              "the Ingress form has no annotation for the hrw strategy, so client-IP affinity"
                  + " cannot be written."));
    }
  }

  private static List<Route> routes(List<Route> all, List<Integer> indexes) {
    List<Route> routes = new ArrayList<>(indexes.size());
    for (int i : indexes) {
      routes.add(all.get(i));
    }
    return routes;
  }

  private static String groupName(
      WebSocketApp app, List<Integer> group, MiddlewareSet middlewares, Set<String> taken) {
    Route first = app.routes().get(group.get(0));
    if (group.size() == 1 && middlewares.rewrites(group.get(0))) {
      return Names.unique(
          app.name() + "-rewrite-" + dev.wsingress.Ingresses.slug(first.path()), taken);
    }
    boolean webSocket = false;
    for (int i : group) {
      webSocket |= app.routes().get(i).isWebSocket();
    }
    String base = webSocket ? app.name() : app.name() + "-http";
    return taken.contains(base)
        ? Names.unique(base + "-" + dev.wsingress.Ingresses.slug(first.path()), taken)
        : Names.unique(base, taken);
  }

  /**
   * The annotations of a group's Ingress: Traefik's router annotations, and {@code
   * wsingress.dev/websocket} with the kind of its routes (a group holds routes of one kind). The
   * doctor and the converter take a route's kind from it (ServedRoute.WEBSOCKET_ANNOTATION):
   * Traefik needs no setting for WebSockets, so without it a WebSocket route and a plain route with
   * equal router annotations would be written alike.
   */
  private static Map<String, String> routerAnnotations(
      WebSocketApp app,
      String entryPoint,
      List<String> chain,
      boolean tls,
      Integer priority,
      boolean webSocket) {
    Map<String, String> a = new TreeMap<>();
    a.put(dev.wsingress.ServedRoute.WEBSOCKET_ANNOTATION, Boolean.toString(webSocket));
    IngressAnnotations.ROUTER_ENTRYPOINTS.put(a, List.of(entryPoint));
    if (tls) {
      IngressAnnotations.ROUTER_TLS.put(a, true);
    }
    if (!chain.isEmpty()) {
      List<String> refs = new ArrayList<>();
      for (String name : chain) {
        refs.add(IngressAnnotations.crdReference(app.namespace(), name));
      }
      IngressAnnotations.ROUTER_MIDDLEWARES.put(a, refs);
    }
    if (priority != null) {
      IngressAnnotations.ROUTER_PRIORITY.put(a, (long) priority);
    }
    return a;
  }

  /**
   * What the Ingress form needs on Services: Traefik reads the sticky cookie, the scheme and the
   * transport from each backend Service, for every router to it. The app's own Service gets them
   * from the platform kit (or {@code TRAEFIK-SERVICE-ANNOTATIONS}); a backend that belongs to
   * another workload is referenced, not rendered, so its annotations are reported ({@code
   * TRAEFIK-BACKEND-SERVICE-ANNOTATIONS}); a sticky Service that also serves plain HTTP routes
   * gives them the cookie too ({@code TRAEFIK-INGRESS-SHARED-SERVICE}).
   */
  private void serviceFindings(
      WebSocketApp app,
      Map<String, String> transports,
      RenderContext context,
      Rendering.Builder out) {
    boolean cookiePathReported = false;
    for (String service : backendServices(app)) {
      String subject = "Service " + app.namespace() + "/" + service;
      Map<String, String> annotations = serviceAnnotations(app, service, transports);
      if (!cookiePathReported && annotations.containsKey(IngressAnnotations.STICKY_COOKIE.key())) {
        cookiePath(app, subject, "service.sticky.cookie.path", out);
        cookiePathReported = true;
      }
      if (annotations.isEmpty()) {
        continue;
      }
      if (service.equals(app.serviceName())) {
        if (!context.includes("platform")) {
          out.add(
              // traefik/traefik v3.7.9 pkg/provider/kubernetes/ingress/annotations.go:
              // parseServiceConfig reads traefik.ingress.kubernetes.io/service.* from the Service,
              // not the Ingress
              TraefikFinding.SERVICE_ANNOTATIONS.at(
                  subject,
                  "Traefik's Ingress provider reads these settings from the Service, which is not"
                      + " rendered here: "
                      + annotations
                      + "."));
        }
      } else {
        out.add(
            // traefik/traefik v3.7.9 pkg/provider/kubernetes/ingress/annotations.go:
            // parseServiceConfig reads traefik.ingress.kubernetes.io/service.* from the backend
            // Service
            TraefikFinding.BACKEND_SERVICE_ANNOTATIONS.at(
                subject,
                "Traefik's Ingress provider reads these settings from Service "
                    + service
                    + ", which belongs to another workload and is not rendered here: "
                    + annotations
                    + "."));
      }
      if (annotations.containsKey(IngressAnnotations.STICKY_COOKIE.key())) {
        List<String> plain = new ArrayList<>();
        for (Route r : app.routes()) {
          if (!r.isWebSocket() && r.backend().orElseThrow().serviceName().equals(service)) {
            plain.add(r.path());
          }
        }
        if (!plain.isEmpty()) {
          out.add(
              // traefik/traefik v3.7.9 pkg/provider/kubernetes/ingress/annotations.go: the sticky
              // cookie is a service.* annotation of the Service, so every Ingress path to that
              // Service gets it
              TraefikFinding.INGRESS_SHARED_SERVICE.at(
                  subject,
                  "Traefik reads the sticky cookie from Service "
                      + service
                      + " for every router to it, so the plain HTTP route"
                      + (plain.size() == 1 ? " " : "s ")
                      + String.join(", ", plain)
                      + " get"
                      + (plain.size() == 1 ? "s" : "")
                      + " the WebSocket routes' cookie too."));
        }
      }
    }
  }

  /** The Services the routes go to, each once, in the order of the routes. */
  private static Set<String> backendServices(WebSocketApp app) {
    Set<String> services = new LinkedHashSet<>();
    for (Route r : app.routes()) {
      services.add(r.backend().orElseThrow().serviceName());
    }
    return services;
  }

  /**
   * The scheme to write for backends: {@code https} for an HTTPS app; {@code http} where Traefik
   * would otherwise speak TLS to a plain HTTP backend, which it does without a scheme for Service
   * port 443 or a port name starting with {@code https} (traefik v3.7.9
   * pkg/provider/kubernetes/crd/kubernetes_http.go parseServiceProtocol, lines 825-837;
   * pkg/provider/kubernetes/ingress/kubernetes.go getProtocol, lines 900-911); else none.
   */
  private static String scheme(WebSocketApp app, List<RouteBackend> backends) {
    if (app.backendProtocol() == BackendProtocol.HTTPS) {
      return "https";
    }
    for (RouteBackend b : backends) {
      boolean tlsPort =
          b.port().isPresent()
              ? b.port().getAsInt() == 443
              : b.portName().orElse("").startsWith("https");
      if (tlsPort) {
        return "http";
      }
    }
    return null;
  }

  /** Whether the sticky cookie's path is written: the app gives one and the release has it. */
  private boolean writesCookiePath(CookieAffinity c) {
    return c.path().isPresent() && version.isAtLeast(Releases.COOKIE_PATH);
  }

  /**
   * Reports the cookie path: gated from v3.3, and before v3.3 lost unless it is {@code /}, the path
   * v3.0 to v3.2 always write.
   */
  private void cookiePath(WebSocketApp app, String subject, String field, Rendering.Builder out) {
    if (app.affinity().isEmpty() || !(app.affinity().get() instanceof CookieAffinity c)) {
      return;
    }
    if (writesCookiePath(c)) {
      gated(out, subject, field, Releases.COOKIE_PATH);
    } else if (c.path().isPresent() && !c.path().get().equals("/")) {
      out.add(
          // traefik/traefik v3.7.9 pkg/config/dynamic/http_config.go: the fields and the releases
          // that introduced them are cited in Releases
          TraefikFinding.VERSION_MISSING.at(
              subject,
              "the sticky cookie's path "
                  + c.path().get()
                  + " needs "
                  + field
                  + " (Traefik "
                  + Releases.name(Releases.COOKIE_PATH)
                  + " or newer); Traefik "
                  + Releases.name(version)
                  + " always sets Path=/ on it, so the path is not written and the cookie is sent"
                  + " for every path of the host."));
    }
  }

  /**
   * The Ingress provider's annotations for backend Service {@code service} (keys and formats in
   * {@link IngressAnnotations}): the sticky cookie when a WebSocket route goes to it, the scheme
   * and the transport when any route does. Empty for a Service no route names.
   */
  private Map<String, String> serviceAnnotations(
      WebSocketApp app, String service, Map<String, String> transports) {
    boolean webSocket = false;
    boolean any = false;
    for (Route r : app.routes()) {
      if (r.backend().orElseThrow().serviceName().equals(service)) {
        any = true;
        webSocket |= r.isWebSocket();
      }
    }
    Map<String, String> a = new TreeMap<>();
    if (!any) {
      return a;
    }
    if (webSocket
        && app.affinity().isPresent()
        && app.affinity().get() instanceof CookieAffinity c) {
      IngressAnnotations.STICKY_COOKIE.put(a, true);
      IngressAnnotations.STICKY_COOKIE_NAME.put(a, c.name());
      IngressAnnotations.STICKY_COOKIE_HTTPONLY.put(a, c.httpOnly());
      c.secure().ifPresent(s -> IngressAnnotations.STICKY_COOKIE_SECURE.put(a, s));
      c.sameSite()
          .ifPresent(
              s ->
                  IngressAnnotations.STICKY_COOKIE_SAMESITE.put(a, IngressAnnotations.sameSite(s)));
      c.maxAge().ifPresent(m -> IngressAnnotations.STICKY_COOKIE_MAXAGE.put(a, m.getSeconds()));
      if (writesCookiePath(c)) {
        IngressAnnotations.STICKY_COOKIE_PATH.put(a, c.path().get());
      }
    }
    List<RouteBackend> to = new ArrayList<>();
    for (Route r : app.routes()) {
      if (r.backend().orElseThrow().serviceName().equals(service)) {
        to.add(r.backend().orElseThrow());
      }
    }
    String scheme = scheme(app, to);
    if (scheme != null) {
      IngressAnnotations.SERVERS_SCHEME.put(a, scheme);
    }
    String transport = transports.get(service);
    if (transport != null) {
      IngressAnnotations.SERVERS_TRANSPORT.put(
          a, IngressAnnotations.crdReference(app.namespace(), transport));
    }
    return a;
  }

  private void findings(WebSocketApp app, String subject, Rendering.Builder out) {
    // P9, settled from source. traefik v3.7.9 pkg/server/server_entrypoint_tcp.go passes
    // respondingTimeouts to net/http (http.Server ReadTimeout/WriteTimeout/IdleTimeout, lines
    // 728-734); the connection-level deadlines it sets on accept (lines 270-285) are cleared by
    // pkg/server/router/tcp/router.go ServeTCP (pConn.SetDeadline(time.Time{}), line 170) once
    // the first bytes are peeked. Go net/http server.go (*conn).readRequest sets the read and write
    // deadlines per request and (*conn).serve the idle deadline between requests; the default
    // proxy, Go's httputil.ReverseProxy (pkg/proxy/httputil/proxy.go; the fast proxy only with
    // experimental.fastProxy, cmd/traefik/traefik.go:300), hijacks the connection on 101
    // (handleUpgradeResponse) and copies both ways without deadlines, and (*conn).hijackLocked
    // runs rwc.SetDeadline(time.Time{}) (read at go1.19.8 and golang/go cf501e05). Traefik does not
    // enable HTTP/2 extended CONNECT, so browsers upgrade over HTTP/1.1.
    long idle = app.idleTimeout().getSeconds();
    out.add(
        TraefikFinding.ENTRYPOINT_TIMEOUTS.at(
            subject,
            "Traefik has no per-route idle timeout, and its entry point timeouts do not reach an"
                + " open WebSocket: respondingTimeouts.readTimeout (60s by default since v2.11.2)"
                + " and writeTimeout bound the handshake request, idleTimeout (180s) the wait"
                + " between requests, and all are cleared when the proxy takes the connection"
                + " over for the upgrade. Traefik leaves an idle socket open, so the idle timeout"
                + " of "
                + idle
                + " s is not enforced by Traefik; the application's pings and closes are the"
                + " only limit."));
    if (app.healthCheck().isPresent()) {
      out.add(
          // traefik/traefik v3.7.9 pkg/provider/kubernetes/crd/kubernetes_http.go: loadServers:
          // "healthCheck allowed only for ExternalName services"
          TraefikFinding.HEALTH_CHECK.at(
              subject,
              "Traefik health-checks only ExternalName services; "
                  + app.healthCheck().get().path()
                  + " is not probed."));
    }
    if (app.responseBuffering() || app.requestBuffering()) {
      // vulcand/oxy v2.1.0 buffer/buffer.go (Traefik v3.7.9's buffering middleware): the
      // request body is read whole (an upgrade GET has none), bufferWriter.Hijack passes the
      // hijack through, and ServeHTTP returns once hijacked, so the socket is not buffered.
      out.add(
          TraefikFinding.BUFFERING.at(
              subject,
              "buffering is not written: Traefik's buffering middleware buffers HTTP request"
                  + " and response bodies only, and an upgraded WebSocket passes through it"
                  + " unbuffered, so it would change nothing for the socket."));
    }
    if (app.backendProtocol() == BackendProtocol.HTTPS && app.backendCaSecret().isEmpty()) {
      out.add(
          // traefik/traefik v3.7.9
          // pkg/provider/kubernetes/crd/traefikio/v1alpha1/serverstransport.go: a ServersTransport
          // verifies an HTTPS backend against rootCAs (or the system pool), unless
          // insecureSkipVerify
          TraefikFinding.BACKEND_TLS.at(
              subject,
              "an HTTPS backend needs a ServersTransport with the CA to be verified; wsingress"
                  + " never writes insecureSkipVerify."));
    }
    if (app.affinity().isPresent()) {
      Affinity a = app.affinity().get();
      if (a instanceof HeaderAffinity h) {
        out.add(
            // traefik/traefik v3.7.9 pkg/config/dynamic/http_config.go: Sticky has a cookie only;
            // no load-balancing strategy hashes a header
            TraefikFinding.HEADER_AFFINITY.at(
                subject,
                "Traefik cannot pin by a request header; affinity by "
                    + h.header()
                    + " is not written."));
      } else if (a instanceof ClientIpAffinity && !ingressForm && version.isAtLeast(Releases.HRW)) {
        out.add(
            // traefik/traefik v3.7.9 pkg/server/service/loadbalancer/hrw/hrw.go: hrw hashes
            // req.RemoteAddr, the connection's peer
            TraefikFinding.CLIENT_IP_HRW.at(
                subject,
                "client-IP affinity is the hrw strategy (Highest Random Weight on the address"
                    + " of the connection's peer); each Traefik replica hashes alike, but a pod"
                    + " change moves some clients."));
      }
    }
    for (Route r : app.routes()) {
      if (r.requestTimeout().isPresent()) {
        // traefik v3.7.9 has no deadline for a request on a router or service: no middleware in
        // pkg/config/dynamic/middlewares.go bounds one (retry.timeout bounds only the retries,
        // pkg/middlewares/retry/retry.go); ServersTransport
        // forwardingTimeouts.responseHeaderTimeout
        // bounds only the wait for the response headers once the request is written
        // (pkg/config/dynamic/http_config.go), and a ServersTransport CRD starts from its own
        // defaults (pkg/provider/kubernetes/crd/kubernetes.go: forwardingTimeout.SetDefaults()),
        // not from the static serversTransport the route would otherwise keep.
        out.add(
            TraefikFinding.REQUEST_TIMEOUT.at(
                subject,
                "Traefik has no request deadline for a router or a service, so the request"
                    + " timeout of "
                    + r.requestTimeout().get().getSeconds()
                    + " s of the plain HTTP route "
                    + r.path()
                    + " is not written."));
      }
    }
  }

  /**
   * The ServersTransport of each backend Service that needs one, by Service name in the order of
   * the routes: {@code <app>-transport} for the app's own Service, {@code
   * <app>-<service>-transport} for another. The connect timeout and the backend protocol are
   * app-wide, so every backend gets them; the server name Traefik verifies is each Service's own.
   */
  private static Map<String, String> transports(WebSocketApp app) {
    Map<String, String> transports = new LinkedHashMap<>();
    if (app.connectTimeout().isEmpty()
        && !(app.backendProtocol() == BackendProtocol.HTTPS && app.backendCaSecret().isPresent())) {
      return transports;
    }
    for (String service : backendServices(app)) {
      transports.put(
          service,
          app.name() + (service.equals(app.serviceName()) ? "" : "-" + service) + "-transport");
    }
    return transports;
  }

  /**
   * The ServersTransport {@code name} to backend {@code service}; the version findings of its
   * fields are reported once, with the first.
   */
  private ServersTransport serversTransport(
      WebSocketApp app, String name, String service, boolean first, Rendering.Builder out) {
    List<ServersTransport.RootCa> cas = new ArrayList<>();
    List<String> caSecrets = new ArrayList<>();
    String serverName = null;
    String subject = "ServersTransport " + app.namespace() + "/" + name;
    if (app.backendProtocol() == BackendProtocol.HTTPS && app.backendCaSecret().isPresent()) {
      String secret = app.backendCaSecret().get();
      if (version.isAtLeast(Releases.ROOT_CAS)) {
        cas.add(new ServersTransport.RootCa(secret));
      } else {
        // traefik v3.3.7 crd/traefikio/v1alpha1/serverstransport.go: RootCAsSecrets []string.
        caSecrets.add(secret);
      }
      if (first && version.isAtLeast(Releases.ROOT_CAS)) {
        gated(
            out,
            subject,
            "rootCAs",
            Releases.ROOT_CAS,
            version.equals(Releases.ROOT_CAS)
                ? "; the v3.4.0 CRD refuses a rootCAs entry that names only a secret, so apply"
                    + " the CRDs of v3.4.1 or newer"
                : "");
      } else if (first) {
        out.add(
            // traefik/traefik v3.7.9 pkg/config/dynamic/http_config.go: the fields and the releases
            // that introduced them are cited in Releases
            TraefikFinding.VERSION_FALLBACK.at(
                subject,
                "Traefik "
                    + Releases.name(version)
                    + " has no rootCAs ("
                    + Releases.name(Releases.ROOT_CAS)
                    + "), so the CA Secret "
                    + secret
                    + " is written as rootCAsSecrets, which it reads alike (key ca.crt or"
                    + " tls.ca)."));
      }
      serverName = service + "." + app.namespace() + ".svc";
    }
    ServersTransport.ForwardingTimeouts timeouts =
        app.connectTimeout().isPresent()
            ? new ServersTransport.ForwardingTimeouts(
                GoDurations.format(app.connectTimeout().get()))
            : null;
    return new ServersTransport(
        app.objectMeta(name), new ServersTransport.Spec(serverName, cas, caSecrets, timeouts));
  }

  /** The sticky cookie and the strategy of every WebSocket route's service entry. */
  private record WebSocketBalancing(IngressRoute.Sticky sticky, String strategy) {}

  /**
   * What WebSocket routes' service entries carry, with its findings (once for every such route):
   * plain HTTP routes' entries carry neither, keeping Traefik's default balancing.
   */
  private WebSocketBalancing webSocketBalancing(
      WebSocketApp app, String subject, Rendering.Builder out) {
    IngressRoute.Sticky sticky = null;
    boolean clientIp = false;
    if (app.affinity().isPresent()) {
      Affinity a = app.affinity().get();
      if (a instanceof CookieAffinity c) {
        sticky =
            new IngressRoute.Sticky(
                new IngressRoute.Cookie(
                    c.name(),
                    c.secure().orElse(null),
                    c.httpOnly(),
                    c.sameSite().map(IngressAnnotations::sameSite).orElse(null),
                    c.maxAge().map(m -> m.getSeconds()).orElse(null),
                    writesCookiePath(c) ? c.path().get() : null));
      } else if (a instanceof ClientIpAffinity) {
        clientIp = true;
      }
    }
    cookiePath(app, subject, "sticky.cookie.path", out);
    // p2c sends a new socket to the less busy of two pods (open sockets are in-flight requests,
    // traefik v3.7.9 pkg/server/service/loadbalancer/p2c/p2c.go); hrw hashes the address of the
    // connection's peer (hrw/hrw.go). The sticky cookie on this service entry pins a pod with
    // wrr and p2c alike (pkg/server/service/service.go: wrr.New(service.Sticky, ...),
    // p2c.New(service.Sticky, ...)); hrw.New takes no cookie, so the two are never combined. See
    // Releases for the release each strategy needs.
    String strategy = null;
    if (clientIp && version.isAtLeast(Releases.HRW)) {
      strategy = "hrw";
      gated(out, subject, "strategy: hrw", Releases.HRW);
    } else {
      if (clientIp) {
        out.add(
            // traefik/traefik v3.7.9 pkg/config/dynamic/http_config.go: the fields and the releases
            // that introduced them are cited in Releases
            TraefikFinding.VERSION_MISSING.at(
                subject,
                "client-IP affinity needs strategy: hrw (Traefik "
                    + Releases.name(Releases.HRW)
                    + " or newer); Traefik "
                    + Releases.name(version)
                    + " has no balancer that hashes the client address, so the affinity is not"
                    + " written."));
      }
      if (version.isAtLeast(Releases.P2C)) {
        strategy = "p2c";
        gated(out, subject, "strategy: p2c", Releases.P2C);
      } else {
        // traefik v3.3.7 pkg/provider/kubernetes/crd/kubernetes_http.go (lines 422-427): an empty
        // strategy is RoundRobin, the only one accepted. Writing it on WebSocket routes' entries
        // changes nothing for Traefik and is the marker the reader takes a WebSocket route by:
        // plain routes' entries never carry a strategy (TraefikReader, for the converter).
        strategy = ROUND_ROBIN;
        out.add(
            // traefik/traefik v3.7.9 pkg/config/dynamic/http_config.go: the fields and the releases
            // that introduced them are cited in Releases
            TraefikFinding.VERSION_FALLBACK.at(
                subject,
                "Traefik "
                    + Releases.name(version)
                    + " balances round robin only (strategy: RoundRobin): new sockets are"
                    + " spread in turn, not sent to the less busy pod (strategy: p2c, Traefik "
                    + Releases.name(Releases.P2C)
                    + ")."));
      }
    }
    return new WebSocketBalancing(sticky, strategy);
  }

  /**
   * The rule of every route at once (the redirect's): hosts OR-ed, then paths OR-ed. Hosts and
   * paths are validated by the spec, so no backtick or operator can reach the rule.
   */
  static String match(WebSocketApp app) {
    List<String> paths = new ArrayList<>();
    for (Route r : app.routes()) {
      paths.add(pathRule(r));
    }
    return hostRule(app) + " && " + or(paths);
  }

  /** The hosts OR-ed: {@code Host}, or {@code HostRegexp} for a {@code *.} host. */
  private static String hostRule(WebSocketApp app) {
    List<String> hosts = new ArrayList<>();
    for (String host : app.hosts()) {
      hosts.add(
          host.startsWith("*.")
              ? "HostRegexp(`^[a-z0-9-]+" + host.substring(1).replace(".", "\\.") + "$`)"
              : "Host(`" + host + "`)");
    }
    return or(hosts);
  }

  /**
   * A route's path rule. A prefix matches whole segments, as Ingress {@code Prefix} does ({@code
   * PathPrefix} alone would match {@code /wsx} for {@code /ws}).
   */
  private static String pathRule(Route r) {
    String p = r.path();
    if (r.match() == Route.Match.EXACT) {
      return "Path(`" + p + "`)";
    }
    return p.endsWith("/")
        ? "PathPrefix(`" + p + "`)"
        : "(Path(`" + p + "`) || PathPrefix(`" + p + "/`))";
  }

  private static String or(List<String> terms) {
    return terms.size() == 1 ? terms.get(0) : "(" + String.join(" || ", terms) + ")";
  }

  /**
   * Reads IngressRoutes, Middlewares, ServersTransports and TraefikServices ({@code
   * traefik.io/v1alpha1}) and the Ingresses Traefik serves, with their Services' annotations, the
   * way Traefik v3's providers load them: one served route per host and path of every router, with
   * its match (Traefik's {@code PathPrefix} is a prefix by characters; {@code Path(p) ||
   * PathPrefix(p/)} and an Ingress's {@code Exact p} with {@code Prefix p/} by segments), its
   * backends, and every setting with its source or Traefik's default: no idle timeout on an
   * upgraded socket, the dial timeout, the sticky cookie or {@code hrw}, TLS, the scheme, the
   * Middlewares' rate limit, per-client socket limit, CORS, buffering and prefix rewrite. Findings:
   * the codes of the README's Traefik doctor section. Either form's target reads both forms; give
   * one of them to {@code Doctor.with(...)}.
   *
   * <pre>{@code
   * Report r = Doctor.with(Traefik.target()).check(Manifests.read(Path.of("k8s")));
   * }</pre>
   */
  @Override
  public void read(dev.wsingress.Manifests in, dev.wsingress.Reading out) {
    TraefikReader.read(this, in, out);
  }

  /** The entry point for plain HTTP ({@code web}). */
  String web() {
    return web;
  }

  /** The entry point for HTTPS ({@code websecure}). */
  String websecure() {
    return websecure;
  }

  /** Whether this target reports what Traefik cannot express instead of failing. */
  boolean isLenient() {
    return lenient;
  }

  /** Whether this is the Ingress form. */
  boolean ingressForm() {
    return ingressForm;
  }

  /** Equal when every option is: the converter groups routes by an equal target. */
  @Override
  public boolean equals(Object other) {
    return other instanceof Traefik t
        && ingressForm == t.ingressForm
        && web.equals(t.web)
        && websecure.equals(t.websecure)
        && ingressClass.equals(t.ingressClass)
        && Objects.equals(circuitBreaker, t.circuitBreaker)
        && Objects.equals(clientIpDepth, t.clientIpDepth)
        && securityHeaders == t.securityHeaders
        && lenient == t.lenient
        && version.equals(t.version);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        ingressForm,
        web,
        websecure,
        ingressClass,
        circuitBreaker,
        clientIpDepth,
        securityHeaders,
        lenient,
        version);
  }

  @Override
  public String toString() {
    return "Traefik["
        + (ingressForm ? "ingress, ingressClass=" + ingressClass + ", " : "")
        + "entryPoints="
        + web
        + "/"
        + websecure
        + (circuitBreaker != null ? ", circuitBreaker" : "")
        + (clientIpDepth != null ? ", clientIpDepth=" + clientIpDepth : "")
        + (securityHeaders ? ", securityHeaders" : "")
        + (version.equals(Releases.NEWEST) ? "" : ", version=" + version)
        + (lenient ? ", lenient" : "")
        + "]";
  }
}
