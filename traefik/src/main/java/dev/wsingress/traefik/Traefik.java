package dev.wsingress.traefik;

import dev.wsingress.Affinity;
import dev.wsingress.BackendProtocol;
import dev.wsingress.ClientIpAffinity;
import dev.wsingress.Contributions;
import dev.wsingress.CookieAffinity;
import dev.wsingress.Cors;
import dev.wsingress.HeaderAffinity;
import dev.wsingress.Ingresses;
import dev.wsingress.InvalidSpecException;
import dev.wsingress.Problem;
import dev.wsingress.RateLimit;
import dev.wsingress.RenderContext;
import dev.wsingress.Rendering;
import dev.wsingress.Route;
import dev.wsingress.SpecRules;
import dev.wsingress.Target;
import dev.wsingress.WebSocketApp;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The Traefik v3 target ({@code traefik.io/v1alpha1}). Two forms:
 *
 * <ul>
 *   <li>{@link #target()}: an IngressRoute per entry point, with Middlewares (CORS headers,
 *       redirectScheme, rateLimit, inFlightReq, circuitBreaker) and a ServersTransport, every one
 *       referenced by a route;
 *   <li>{@link #ingress()}: a Kubernetes Ingress with {@code traefik.ingress.kubernetes.io/
 *       router.*} annotations, the same Middlewares referenced as {@code
 *       <namespace>-<name>@kubernetescrd}, and the {@code service.*} annotations (sticky cookie,
 *       scheme, transport) on the Service, where Traefik reads them.
 * </ul>
 *
 * <p>WebSocket needs no setting in Traefik. Sticky cookies go on the route's service entry, which
 * pins a pod (a cookie on a weighted TraefikService only pins a child service). HTTP is redirected
 * to HTTPS by a redirectScheme middleware on the {@code web} entry point (the v2 headers options
 * {@code sslRedirect} and {@code sslForceHost} were removed in v3). The idle timeout has no
 * per-route field; a finding gives the entry point settings to paste.
 *
 * <pre>{@code
 * Rendering crds = Traefik.target().render(app);
 * Rendering ingress = Targets.render(app, Traefik.ingress(), Platform.target());
 * }</pre>
 */
public final class Traefik implements Target {
  private final boolean ingressForm;
  private final String web;
  private final String websecure;
  private final String ingressClass;
  private final String circuitBreaker;
  private final Integer clientIpDepth;
  private final boolean securityHeaders;
  private final boolean lenient;

  /** For {@link java.util.ServiceLoader}: the IngressRoute form; use {@link #target()}. */
  public Traefik() {
    this(false, "web", "websecure", "traefik", null, null, false, false);
  }

  private Traefik(
      boolean ingressForm,
      String web,
      String websecure,
      String ingressClass,
      String circuitBreaker,
      Integer clientIpDepth,
      boolean securityHeaders,
      boolean lenient) {
    this.ingressForm = ingressForm;
    this.web = web;
    this.websecure = websecure;
    this.ingressClass = ingressClass;
    this.circuitBreaker = circuitBreaker;
    this.clientIpDepth = clientIpDepth;
    this.securityHeaders = securityHeaders;
    this.lenient = lenient;
  }

  /** The IngressRoute form, with entry points {@code web} and {@code websecure}. */
  public static Traefik target() {
    return new Traefik();
  }

  /** The Kubernetes Ingress form (IngressClass {@code traefik}). */
  public static Traefik ingress() {
    return new Traefik(true, "web", "websecure", "traefik", null, null, false, false);
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
        lenient);
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
        ingressForm, web, websecure, name, circuitBreaker, clientIpDepth, securityHeaders, lenient);
  }

  /**
   * Adds a circuitBreaker middleware with this expression, such as {@code ResponseCodeRatio(500,
   * 600, 0, 600) > 0.30} or {@code NetworkErrorRatio() > 0.5}. It acts on HTTP requests, so on a
   * WebSocket only the handshake.
   *
   * @throws InvalidSpecException when the expression has characters outside Traefik's grammar
   */
  public Traefik circuitBreaker(String expression) {
    boolean ok =
        expression != null
            && expression.length() <= 256
            && expression.matches("[A-Za-z0-9_().,<>=&| ]+")
            && expression.matches(".*(NetworkErrorRatio|ResponseCodeRatio|LatencyAtQuantileMS).*");
    if (!ok) {
      throw InvalidSpecException.of(
          "Traefik",
          "circuitBreaker",
          expression,
          "must be a circuit breaker expression of NetworkErrorRatio(), ResponseCodeRatio(...)"
              + " or LatencyAtQuantileMS(...), numbers, comparisons, && and ||",
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
        lenient);
  }

  /**
   * Reads the client address {@code depth} hops back in {@code X-Forwarded-For} for the per-client
   * limits (0, the default, uses the connection's address). Set it when a load balancer in front
   * appends to that header.
   *
   * @throws InvalidSpecException when the depth is outside 0 to 10
   */
  public Traefik clientIpDepth(int depth) {
    List<Problem> problems = new ArrayList<>();
    SpecRules.range(problems, "clientIpDepth", depth, 0, 10);
    check(problems);
    return new Traefik(
        ingressForm, web, websecure, ingressClass, circuitBreaker, depth, securityHeaders, lenient);
  }

  /**
   * Adds a headers middleware with {@code X-Frame-Options: SAMEORIGIN} ({@code
   * customFrameOptionsValue}) and {@code X-Content-Type-Options: nosniff} ({@code
   * contentTypeNosniff}) on every response.
   */
  public Traefik securityHeaders() {
    return new Traefik(
        ingressForm, web, websecure, ingressClass, circuitBreaker, clientIpDepth, true, lenient);
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
        true);
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
    // The Helm chart installed as traefik/traefik runs as ServiceAccount traefik/traefik; its
    // load balancer targets the endpoints itself (Service sessionAffinity does not apply).
    out.trafficFrom("traefik", "traefik").balancesOverEndpoints();
    if (ingressForm) {
      serviceAnnotations(app).forEach(out::serviceAnnotation);
    }
  }

  @Override
  public Rendering render(WebSocketApp app, RenderContext context) {
    Objects.requireNonNull(app, "app");
    Rendering.Builder out = Rendering.builder(displayName(), lenient);
    String subject =
        (ingressForm ? "Ingress " : "IngressRoute ") + app.namespace() + "/" + app.name();
    findings(app, subject, out);

    List<IngressRoute.MiddlewareRef> chain = new ArrayList<>();
    for (Middleware m : middlewares(app, subject, out)) {
      out.add(m);
      chain.add(new IngressRoute.MiddlewareRef(m.getMetadata().getName(), null));
    }
    String transport = null;
    if (app.connectTimeout().isPresent()
        || (app.backendProtocol() == BackendProtocol.HTTPS && app.backendCaSecret().isPresent())) {
      transport = app.name() + "-transport";
      out.add(serversTransport(app, transport));
    }
    boolean tls = app.tls().isPresent();
    boolean redirect = tls && app.tls().get().redirect();
    Middleware redirectMiddleware = null;
    if (redirect) {
      redirectMiddleware =
          new Middleware(
              app.objectMeta(app.name() + "-redirect"),
              Middleware.Spec.redirectScheme(new Middleware.RedirectScheme("https", true)));
      out.add(redirectMiddleware);
    }

    if (ingressForm) {
      renderIngresses(app, context, chain, redirect, subject, out);
    } else {
      IngressRoute.Service service = service(app, transport);
      String match = match(app);
      out.add(route(app, app.name(), tls ? websecure : web, match, chain, service, tls));
      if (redirect) {
        out.add(
            route(
                app,
                app.name() + "-redirect",
                web,
                match,
                List.of(new IngressRoute.MiddlewareRef(app.name() + "-redirect", null)),
                service,
                false));
      } else if (tls) {
        // TLS without a redirect keeps serving plain HTTP on its own route.
        out.add(route(app, app.name() + "-" + web, web, match, chain, service, false));
      }
    }
    return out.build();
  }

  private void renderIngresses(
      WebSocketApp app,
      RenderContext context,
      List<IngressRoute.MiddlewareRef> chain,
      boolean redirect,
      String subject,
      Rendering.Builder out) {
    boolean tls = app.tls().isPresent();
    // Ingress annotations: traefik docs routing-configuration/kubernetes/ingress.md; middlewares
    // are referenced across providers as <namespace>-<name>@kubernetescrd.
    out.add(
        Ingresses.of(
            app,
            app.name(),
            ingressClass,
            routerAnnotations(app, tls ? websecure : web, chain, tls),
            true));
    if (redirect) {
      out.add(
          Ingresses.of(
              app,
              app.name() + "-redirect",
              ingressClass,
              routerAnnotations(
                  app,
                  web,
                  List.of(new IngressRoute.MiddlewareRef(app.name() + "-redirect", null)),
                  false),
              false));
    } else if (tls) {
      out.add(
          Ingresses.of(
              app,
              app.name() + "-" + web,
              ingressClass,
              routerAnnotations(app, web, chain, false),
              false));
    }
    Map<String, String> serviceAnnotations = serviceAnnotations(app);
    if (!serviceAnnotations.isEmpty() && !context.includes("platform")) {
      out.add(
          TraefikFinding.SERVICE_ANNOTATIONS.at(
              "Service " + app.namespace() + "/" + app.serviceName(),
              "Traefik's Ingress provider reads these settings from the Service, which is not"
                  + " rendered here: "
                  + serviceAnnotations
                  + "."));
    }
    if (app.affinity().isPresent() && app.affinity().get() instanceof ClientIpAffinity) {
      out.add(
          TraefikFinding.INGRESS_CLIENT_IP.at(
              subject,
              "the Ingress form has no annotation for the hrw strategy, so client-IP affinity"
                  + " cannot be written."));
    }
  }

  private Map<String, String> routerAnnotations(
      WebSocketApp app, String entryPoint, List<IngressRoute.MiddlewareRef> chain, boolean tls) {
    String p = "traefik.ingress.kubernetes.io/";
    Map<String, String> a = new TreeMap<>();
    a.put(p + "router.entrypoints", entryPoint);
    if (tls) {
      a.put(p + "router.tls", "true");
    }
    if (!chain.isEmpty()) {
      List<String> refs = new ArrayList<>();
      for (IngressRoute.MiddlewareRef m : chain) {
        refs.add(app.namespace() + "-" + m.name() + "@kubernetescrd");
      }
      a.put(p + "router.middlewares", String.join(",", refs));
    }
    return a;
  }

  // Service annotations of the Ingress provider ("On Service" in
  // routing-configuration/kubernetes/ingress.md): Traefik ignores them on the Ingress.
  private static Map<String, String> serviceAnnotations(WebSocketApp app) {
    String p = "traefik.ingress.kubernetes.io/service.";
    Map<String, String> a = new TreeMap<>();
    if (app.affinity().isPresent() && app.affinity().get() instanceof CookieAffinity c) {
      a.put(p + "sticky.cookie", "true");
      a.put(p + "sticky.cookie.name", c.name());
      a.put(p + "sticky.cookie.httponly", Boolean.toString(c.httpOnly()));
      c.secure().ifPresent(s -> a.put(p + "sticky.cookie.secure", s.toString()));
      c.sameSite()
          .ifPresent(s -> a.put(p + "sticky.cookie.samesite", s.name().toLowerCase(Locale.ROOT)));
      c.maxAge().ifPresent(m -> a.put(p + "sticky.cookie.maxage", Long.toString(m.getSeconds())));
      c.path().ifPresent(path -> a.put(p + "sticky.cookie.path", path));
    }
    if (app.backendProtocol() == BackendProtocol.HTTPS) {
      a.put(p + "serversscheme", "https");
    }
    if (app.connectTimeout().isPresent()
        || (app.backendProtocol() == BackendProtocol.HTTPS && app.backendCaSecret().isPresent())) {
      a.put(
          p + "serverstransport", app.namespace() + "-" + app.name() + "-transport@kubernetescrd");
    }
    return a;
  }

  private void findings(WebSocketApp app, String subject, Rendering.Builder out) {
    long idle = app.idleTimeout().getSeconds();
    StringBuilder helm = new StringBuilder();
    for (String ep : List.of(web, websecure)) {
      helm.append(" --set ports.")
          .append(ep)
          .append(".transport.respondingTimeouts.readTimeout=")
          .append(idle)
          .append('s');
      helm.append(" --set ports.")
          .append(ep)
          .append(".transport.respondingTimeouts.idleTimeout=")
          .append(idle)
          .append('s');
    }
    out.add(
        TraefikFinding.ENTRYPOINT_TIMEOUTS.at(
            subject,
            "Traefik has no per-route idle timeout: the entry points' readTimeout (60s by"
                + " default since v2.11.2) and idleTimeout (180s) apply, and whether readTimeout"
                + " cuts an upgraded socket is not documented. For an idle timeout of "
                + idle
                + " s, with Helm:"
                + helm
                + "."));
    if (app.healthCheck().isPresent()) {
      out.add(
          TraefikFinding.HEALTH_CHECK.at(
              subject,
              "Traefik health-checks only ExternalName services; "
                  + app.healthCheck().get().path()
                  + " is not probed."));
    }
    if (app.responseBuffering() || app.requestBuffering()) {
      out.add(
          TraefikFinding.BUFFERING.at(
              subject,
              "buffering is not written: Traefik's buffering middleware limits"
                  + " request bodies and would hold a WebSocket's upgrade."));
    }
    if (app.backendProtocol() == BackendProtocol.HTTPS && app.backendCaSecret().isEmpty()) {
      out.add(
          TraefikFinding.BACKEND_TLS.at(
              subject,
              "an HTTPS backend needs a ServersTransport with the CA to be verified; wsingress"
                  + " never writes insecureSkipVerify."));
    }
    if (app.affinity().isPresent()) {
      Affinity a = app.affinity().get();
      if (a instanceof HeaderAffinity h) {
        out.add(
            TraefikFinding.HEADER_AFFINITY.at(
                subject,
                "Traefik cannot pin by a request header; affinity by "
                    + h.header()
                    + " is not written."));
      } else if (a instanceof ClientIpAffinity && !ingressForm) {
        out.add(
            TraefikFinding.CLIENT_IP_HRW.at(
                subject,
                "client-IP affinity is the hrw strategy (Highest Random Weight on the client's"
                    + " address); each Traefik replica hashes alike, but a pod change moves some"
                    + " clients."));
      }
    }
  }

  private List<Middleware> middlewares(WebSocketApp app, String subject, Rendering.Builder out) {
    List<Middleware> list = new ArrayList<>();
    Middleware.SourceCriterion byClient =
        new Middleware.SourceCriterion(new Middleware.IpStrategy(clientIpDepth));
    if (app.rateLimit().isPresent()) {
      RateLimit r = app.rateLimit().get();
      Long burst = r.burst().isPresent() ? (long) r.burst().getAsInt() : null;
      list.add(
          new Middleware(
              app.objectMeta(app.name() + "-ratelimit"),
              Middleware.Spec.rateLimit(
                  new Middleware.RateLimit(
                      (long) r.rate(),
                      r.period() == RateLimit.Period.SECOND ? "1s" : "1m",
                      burst,
                      byClient))));
      out.add(
          TraefikFinding.RATE_LIMIT_HANDSHAKES.at(
              subject,
              "rateLimit counts HTTP requests, so WebSocket handshakes only, per client address"
                  + " and per Traefik replica; messages on open sockets are never limited."));
    }
    if (app.maxConnectionsPerClient().isPresent()) {
      // inFlightReq groups by request host unless told otherwise (middlewares/http/inflightreq),
      // so the per-client limit needs an explicit ipStrategy.
      list.add(
          new Middleware(
              app.objectMeta(app.name() + "-inflight"),
              Middleware.Spec.inFlightReq(
                  new Middleware.InFlightReq(
                      (long) app.maxConnectionsPerClient().getAsInt(), byClient))));
      out.add(
          TraefikFinding.IN_FLIGHT_SOCKETS.at(
              subject,
              "inFlightReq counts a WebSocket as in flight for its whole life (inferred: the"
                  + " request ends when the socket closes), per client address and per Traefik"
                  + " replica; over "
                  + app.maxConnectionsPerClient().getAsInt()
                  + " the handshake gets 429."));
    }
    if (app.cors().isPresent()) {
      list.add(
          new Middleware(
              app.objectMeta(app.name() + "-cors"),
              Middleware.Spec.headers(cors(app.cors().get()))));
      out.add(
          TraefikFinding.CORS_HANDSHAKE.at(
              subject,
              "CORS headers do not protect the WebSocket handshake: browsers send no preflight"
                  + " for it and any page can open the socket."));
    }
    if (securityHeaders) {
      list.add(
          new Middleware(
              app.objectMeta(app.name() + "-security-headers"),
              Middleware.Spec.headers(Middleware.Headers.security())));
    }
    if (circuitBreaker != null) {
      list.add(
          new Middleware(
              app.objectMeta(app.name() + "-circuit-breaker"),
              Middleware.Spec.circuitBreaker(new Middleware.CircuitBreaker(circuitBreaker))));
    }
    return list;
  }

  private static Middleware.Headers cors(Cors c) {
    List<String> exact = new ArrayList<>();
    List<String> regex = new ArrayList<>();
    for (String origin : c.origins()) {
      if (origin.contains("*.")) {
        regex.add("^" + origin.replace(".", "\\.").replace("*\\.", "[a-z0-9-]+\\.") + "$");
      } else {
        exact.add(origin);
      }
    }
    return new Middleware.Headers(
        exact,
        regex,
        c.methods(),
        c.headers(),
        c.exposedHeaders(),
        c.credentials() ? Boolean.TRUE : null,
        c.maxAge().isPresent() ? c.maxAge().get().getSeconds() : null,
        true,
        null,
        null);
  }

  private static ServersTransport serversTransport(WebSocketApp app, String name) {
    List<ServersTransport.RootCa> cas = new ArrayList<>();
    String serverName = null;
    if (app.backendProtocol() == BackendProtocol.HTTPS && app.backendCaSecret().isPresent()) {
      cas.add(new ServersTransport.RootCa(app.backendCaSecret().get()));
      serverName = app.serviceName() + "." + app.namespace() + ".svc";
    }
    ServersTransport.ForwardingTimeouts timeouts =
        app.connectTimeout().isPresent()
            ? new ServersTransport.ForwardingTimeouts(app.connectTimeout().get().getSeconds() + "s")
            : null;
    return new ServersTransport(
        app.objectMeta(name), new ServersTransport.Spec(serverName, cas, timeouts));
  }

  private static IngressRoute.Service service(WebSocketApp app, String transport) {
    IntOrString port =
        app.servicePort().isPresent()
            ? new IntOrString(app.servicePort().getAsInt())
            : new IntOrString(app.servicePortName().orElseThrow());
    IngressRoute.Sticky sticky = null;
    // p2c sends a new socket to the less busy of two pods (open sockets are in-flight
    // requests); hrw hashes the client's address (pkg/server/service/loadbalancer/hrw).
    String strategy = "p2c";
    if (app.affinity().isPresent()) {
      Affinity a = app.affinity().get();
      if (a instanceof CookieAffinity c) {
        sticky =
            new IngressRoute.Sticky(
                new IngressRoute.Cookie(
                    c.name(),
                    c.secure().orElse(null),
                    c.httpOnly(),
                    c.sameSite().map(s -> s.name().toLowerCase(Locale.ROOT)).orElse(null),
                    c.maxAge().map(m -> m.getSeconds()).orElse(null),
                    c.path().orElse(null)));
      } else if (a instanceof ClientIpAffinity) {
        strategy = "hrw";
      }
    }
    return new IngressRoute.Service(
        app.serviceName(),
        port,
        app.backendProtocol() == BackendProtocol.HTTPS ? "https" : null,
        transport,
        sticky,
        strategy);
  }

  private static IngressRoute route(
      WebSocketApp app,
      String name,
      String entryPoint,
      String match,
      List<IngressRoute.MiddlewareRef> middlewares,
      IngressRoute.Service service,
      boolean tls) {
    return new IngressRoute(
        app.objectMeta(name),
        new IngressRoute.Spec(
            List.of(entryPoint),
            List.of(new IngressRoute.Route("Rule", match, middlewares, List.of(service))),
            tls ? new IngressRoute.Tls(app.tls().get().secretName()) : null));
  }

  /**
   * The route rule: hosts OR-ed, then paths OR-ed. A prefix matches whole segments, as Ingress
   * {@code Prefix} does ({@code PathPrefix} alone would match {@code /wsx} for {@code /ws}). Hosts
   * and paths are validated by the spec, so no backtick or operator can reach the rule.
   */
  static String match(WebSocketApp app) {
    List<String> hosts = new ArrayList<>();
    for (String host : app.hosts()) {
      hosts.add(
          host.startsWith("*.")
              ? "HostRegexp(`^[a-z0-9-]+" + host.substring(1).replace(".", "\\.") + "$`)"
              : "Host(`" + host + "`)");
    }
    List<String> paths = new ArrayList<>();
    for (Route r : app.routes()) {
      String p = r.path();
      if (r.match() == Route.Match.EXACT) {
        paths.add("Path(`" + p + "`)");
      } else if (p.endsWith("/")) {
        paths.add("PathPrefix(`" + p + "`)");
      } else {
        paths.add("(Path(`" + p + "`) || PathPrefix(`" + p + "/`))");
      }
    }
    return or(hosts) + " && " + or(paths);
  }

  private static String or(List<String> terms) {
    return terms.size() == 1 ? terms.get(0) : "(" + String.join(" || ", terms) + ")";
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
        + (lenient ? ", lenient" : "")
        + "]";
  }
}
