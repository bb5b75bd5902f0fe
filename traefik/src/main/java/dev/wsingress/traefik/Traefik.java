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
import dev.wsingress.Version;
import dev.wsingress.WebSocketApp;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Traefik v3 target ({@code traefik.io/v1alpha1}), for Traefik v3.0 or newer: {@link
 * #version(String)} names the release the cluster runs (v3.0 to v3.7, default v3.7). Two forms:
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
 * {@code sslRedirect} and {@code sslForceHost} were removed in v3). Traefik has no per-route idle
 * timeout, and its entry point timeouts do not reach an upgraded socket (see {@code
 * TRAEFIK-ENTRYPOINT-TIMEOUTS}).
 *
 * <p>Fields newer than v3.0 are written only for a release that has them, each with a {@code
 * TRAEFIK-VERSION-GATED} finding: {@code strategy: p2c} and {@code rootCAs} (v3.4), {@code
 * strategy: hrw} for client-IP affinity (v3.6), {@code sticky.cookie.path} (v3.3). For older
 * releases the strategy is left out (round robin, the only one they have) and the CA Secret goes in
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
   * no {@code strategy} (round robin) and {@code rootCAsSecrets} instead of {@code rootCAs}; before
   * v3.6 no client-IP affinity; before v3.3 no sticky cookie path.
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
    for (Middleware m : middlewares(app, subject, context, out)) {
      out.add(m);
      chain.add(new IngressRoute.MiddlewareRef(m.getMetadata().getName(), null));
    }
    String transport = null;
    if (app.connectTimeout().isPresent()
        || (app.backendProtocol() == BackendProtocol.HTTPS && app.backendCaSecret().isPresent())) {
      transport = app.name() + "-transport";
      out.add(serversTransport(app, transport, out));
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
      IngressRoute.Service service = service(app, transport, subject, out);
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

  /** The INFO finding for a field that only {@code since} and newer releases have. */
  private void gated(Rendering.Builder out, String subject, String field, Version since) {
    gated(out, subject, field, since, "");
  }

  private void gated(
      Rendering.Builder out, String subject, String field, Version since, String more) {
    out.add(
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

  private void renderIngresses(
      WebSocketApp app,
      RenderContext context,
      List<IngressRoute.MiddlewareRef> chain,
      boolean redirect,
      String subject,
      Rendering.Builder out) {
    boolean tls = app.tls().isPresent();
    // Ingress annotations: traefik v3.7.9
    // docs/content/reference/routing-configuration/kubernetes/ingress.md; middlewares are
    // referenced across providers as <namespace>-<name>@kubernetescrd.
    out.add(
        segmentPrefixes(
            Ingresses.of(
                app,
                app.name(),
                ingressClass,
                routerAnnotations(app, tls ? websecure : web, chain, tls),
                true)));
    if (redirect) {
      out.add(
          segmentPrefixes(
              Ingresses.of(
                  app,
                  app.name() + "-redirect",
                  ingressClass,
                  routerAnnotations(
                      app,
                      web,
                      List.of(new IngressRoute.MiddlewareRef(app.name() + "-redirect", null)),
                      false),
                  false)));
    } else if (tls) {
      out.add(
          segmentPrefixes(
              Ingresses.of(
                  app,
                  app.name() + "-" + web,
                  ingressClass,
                  routerAnnotations(app, web, chain, false),
                  false)));
    }
    String service = "Service " + app.namespace() + "/" + app.serviceName();
    cookiePath(app, service, "service.sticky.cookie.path", out);
    Map<String, String> serviceAnnotations = serviceAnnotations(app);
    if (!serviceAnnotations.isEmpty() && !context.includes("platform")) {
      out.add(
          TraefikFinding.SERVICE_ANNOTATIONS.at(
              service,
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

  /**
   * Rewrites each Ingress {@code Prefix} path {@code /p} (not ending in {@code /}) as {@code Exact
   * /p} plus {@code Prefix /p/}, so that it matches whole segments on every release. traefik v3.7.9
   * pkg/provider/kubernetes/ingress/kubernetes.go {@code buildRule} turns {@code Prefix /ws} into
   * the character-wise {@code PathPrefix("/ws")}, which also matches {@code /wsx}, unless {@code
   * providers.kubernetesIngress.strictPrefixMatching} is set (default false, added in v3.5.0);
   * {@code Exact} becomes {@code Path} and {@code Prefix /ws/} the segment-wise {@code
   * PathPrefix("/ws/")} either way. Kubernetes gives both paths the meaning of {@code Prefix /ws}.
   */
  private static Ingress segmentPrefixes(Ingress ingress) {
    for (IngressRule rule : ingress.getSpec().getRules()) {
      List<HTTPIngressPath> paths = new ArrayList<>();
      for (HTTPIngressPath path : rule.getHttp().getPaths()) {
        if (!"Prefix".equals(path.getPathType()) || path.getPath().endsWith("/")) {
          paths.add(path);
          continue;
        }
        HTTPIngressPath exact = new HTTPIngressPath();
        exact.setPath(path.getPath());
        exact.setPathType("Exact");
        exact.setBackend(path.getBackend());
        path.setPath(path.getPath() + "/");
        paths.add(exact);
        paths.add(path);
      }
      rule.getHttp().setPaths(paths);
    }
    return ingress;
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

  // Service annotations of the Ingress provider ("On Service" in traefik v3.7.9
  // docs/content/reference/routing-configuration/kubernetes/ingress.md; read from the Service by
  // pkg/provider/kubernetes/ingress/annotations.go): Traefik ignores them on the Ingress.
  private Map<String, String> serviceAnnotations(WebSocketApp app) {
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
      if (writesCookiePath(c)) {
        a.put(p + "sticky.cookie.path", c.path().get());
      }
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
      } else if (a instanceof ClientIpAffinity && !ingressForm && version.isAtLeast(Releases.HRW)) {
        out.add(
            TraefikFinding.CLIENT_IP_HRW.at(
                subject,
                "client-IP affinity is the hrw strategy (Highest Random Weight on the address"
                    + " of the connection's peer); each Traefik replica hashes alike, but a pod"
                    + " change moves some clients."));
      }
    }
  }

  private List<Middleware> middlewares(
      WebSocketApp app, String subject, RenderContext context, Rendering.Builder out) {
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
      if (burst == null) {
        // traefik v3.7.9 pkg/middlewares/ratelimiter/rate_limiter.go: burst := max(config.Burst,
        // 1); a request that would wait longer than maxDelay (at most 1/(2*rate), 500 ms for
        // rates below 1/s) for a token gets 429 "No bursty traffic allowed".
        out.add(
            TraefikFinding.RATE_LIMIT_BURST.at(
                subject,
                "no burst is given, and Traefik's rateLimit then allows a burst of 1: a client"
                    + " that opens two sockets at once gets 429 for the second."));
      }
    }
    if (app.maxConnectionsPerClient().isPresent()) {
      // inFlightReq groups by request host unless told otherwise (traefik v3.7.9
      // pkg/middlewares/inflightreq/inflight_req.go), so the per-client limit needs an explicit
      // ipStrategy. vulcand/oxy v2.1.0 connlimit/connlimit.go releases the slot when
      // next.ServeHTTP returns, which for an upgrade is when the proxy's copy ends (the socket
      // closes), and answers 429 over the amount.
      list.add(
          new Middleware(
              app.objectMeta(app.name() + "-inflight"),
              Middleware.Spec.inFlightReq(
                  new Middleware.InFlightReq(
                      (long) app.maxConnectionsPerClient().getAsInt(), byClient))));
      out.add(
          TraefikFinding.IN_FLIGHT_SOCKETS.at(
              subject,
              "inFlightReq counts a WebSocket as in flight for its whole life (the request ends"
                  + " when the socket closes), per client address and per Traefik replica; over "
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
    if (context.includes("linkerd")) {
      linkerd(app, subject, list, out);
    }
    return list;
  }

  /**
   * Traefik in a Linkerd mesh, after linkerd/website 93f00175
   * linkerd.io/content/2-edge/tasks/using-ingress.md ("Traefik should be meshed with ingress mode
   * enabled, i.e. with the linkerd.io/inject: ingress annotation"; a headers Middleware adds {@code
   * l5d-dst-override: <service FQDN>:<port>}; "you must configure it to strip any incoming
   * l5d-dst-override header from client traffic to avoid creating an open relay") and
   * 2-edge/reference/proxy-configuration.md, Ingress Mode ("This will inform Linkerd to override
   * the endpoint selection of the ingress container and to perform its own endpoint selection").
   * The hint's entry point middleware that removes a client's header runs before this route's
   * Middleware (traefik v3.7.9 pkg/server/aggregator.go: {@code cp.Middlewares =
   * append(m.Middlewares, cp.Middlewares...)}, the entry point's first).
   */
  private void linkerd(
      WebSocketApp app, String subject, List<Middleware> list, Rendering.Builder out) {
    String host = app.serviceName() + "." + app.namespace() + ".svc.cluster.local";
    String middleware = app.name() + "-l5d-dst-override";
    if (app.servicePort().isPresent()) {
      String value = host + ":" + app.servicePort().getAsInt();
      list.add(
          new Middleware(
              app.objectMeta(middleware),
              Middleware.Spec.headers(
                  Middleware.Headers.requestHeader("l5d-dst-override", value))));
      out.add(
          TraefikFinding.LINKERD_INGRESS_MODE.at(
              subject,
              "Linkerd renders in the same set, and Traefik's own pods must be meshed in ingress"
                  + " mode (linkerd.io/inject: ingress on Traefik's pod template, not enabled);"
                  + " the Middleware "
                  + middleware
                  + " sets l5d-dst-override: "
                  + value
                  + " on this route, replacing any value a client sends, and every other router"
                  + " of Traefik must remove a client's l5d-dst-override, or the meshed Traefik"
                  + " is an open relay into the cluster."));
    } else {
      out.add(
          TraefikFinding.LINKERD_INGRESS_MODE.at(
              subject,
              "Linkerd renders in the same set, and Traefik's own pods must be meshed in ingress"
                  + " mode (linkerd.io/inject: ingress on Traefik's pod template, not enabled);"
                  + " every router of Traefik must remove a client's l5d-dst-override, or the"
                  + " meshed Traefik is an open relay into the cluster."));
      out.add(
          TraefikFinding.LINKERD_DST_OVERRIDE.at(
              subject,
              "the Service port is given by name ("
                  + app.servicePortName().orElse("")
                  + "), so the l5d-dst-override header ("
                  + host
                  + ":<port number>) that tells Linkerd's ingress-mode proxy the destination"
                  + " cannot be written."));
    }
    if (app.affinity().isPresent()
        && (app.affinity().get() instanceof CookieAffinity
            || app.affinity().get() instanceof ClientIpAffinity)) {
      out.add(
          TraefikFinding.LINKERD_AFFINITY.at(
              subject,
              "in ingress mode Linkerd's proxy beside Traefik does its own endpoint selection"
                  + " for the Service, so the pod Traefik's "
                  + (app.affinity().get() instanceof CookieAffinity
                      ? "sticky cookie"
                      : "client-IP affinity")
                  + " picks is overridden and the affinity pins nothing."));
    }
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
        Map.of(),
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

  private ServersTransport serversTransport(WebSocketApp app, String name, Rendering.Builder out) {
    List<ServersTransport.RootCa> cas = new ArrayList<>();
    List<String> caSecrets = new ArrayList<>();
    String serverName = null;
    String subject = "ServersTransport " + app.namespace() + "/" + name;
    if (app.backendProtocol() == BackendProtocol.HTTPS && app.backendCaSecret().isPresent()) {
      String secret = app.backendCaSecret().get();
      if (version.isAtLeast(Releases.ROOT_CAS)) {
        cas.add(new ServersTransport.RootCa(secret));
        gated(
            out,
            subject,
            "rootCAs",
            Releases.ROOT_CAS,
            version.equals(Releases.ROOT_CAS)
                ? "; the v3.4.0 CRD refuses a rootCAs entry that names only a secret, so apply"
                    + " the CRDs of v3.4.1 or newer"
                : "");
      } else {
        // traefik v3.3.7 crd/traefikio/v1alpha1/serverstransport.go: RootCAsSecrets []string.
        caSecrets.add(secret);
        out.add(
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
      serverName = app.serviceName() + "." + app.namespace() + ".svc";
    }
    ServersTransport.ForwardingTimeouts timeouts =
        app.connectTimeout().isPresent()
            ? new ServersTransport.ForwardingTimeouts(app.connectTimeout().get().getSeconds() + "s")
            : null;
    return new ServersTransport(
        app.objectMeta(name), new ServersTransport.Spec(serverName, cas, caSecrets, timeouts));
  }

  private IngressRoute.Service service(
      WebSocketApp app, String transport, String subject, Rendering.Builder out) {
    IntOrString port =
        app.servicePort().isPresent()
            ? new IntOrString(app.servicePort().getAsInt())
            : new IntOrString(app.servicePortName().orElseThrow());
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
                    c.sameSite().map(s -> s.name().toLowerCase(Locale.ROOT)).orElse(null),
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
        out.add(
            TraefikFinding.VERSION_FALLBACK.at(
                subject,
                "Traefik "
                    + Releases.name(version)
                    + " balances round robin only, so no strategy is written: new sockets are"
                    + " spread in turn, not sent to the less busy pod (strategy: p2c, Traefik "
                    + Releases.name(Releases.P2C)
                    + ")."));
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
        + (version.equals(Releases.NEWEST) ? "" : ", version=" + version)
        + (lenient ? ", lenient" : "")
        + "]";
  }
}
