package dev.wsingress.traefik;

import dev.wsingress.Manifest;
import dev.wsingress.ServedBackend;
import dev.wsingress.ServedRoute;
import dev.wsingress.ServedRoute.PathMatch;
import dev.wsingress.Setting;
import dev.wsingress.Source;
import dev.wsingress.SpecRules;
import dev.wsingress.Tls;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The routers read from IngressRoutes and Ingresses, turned into served routes once all are read: a
 * router whose Middlewares redirect (redirectScheme, redirectRegex) answers every request with a
 * redirect and proxies none, so it is no served route, but the hosts it redirects to HTTPS make the
 * TLS routes of those hosts {@link Tls#redirect() redirect}.
 */
final class Routers {

  /**
   * One router: its object, where its rule (or path) is, the target serving it, the hosts and paths
   * it matches, what it does, its TLS ({@code tlsAt} null: plain HTTP), and whether it comes from
   * an Ingress {@code Prefix} path that Traefik compares by characters.
   */
  record Router(
      Manifest object,
      Source at,
      Traefik target,
      List<RuleMatch.Alternative> alternatives,
      RouteState state,
      String tlsSecret,
      List<String> tlsHosts,
      Source tlsAt,
      boolean ingressPrefix,
      boolean redirectsEverything) {}

  private final List<Router> routers = new ArrayList<>();

  void add(Router r) {
    routers.add(r);
  }

  /** Adds the served routes to the reading, and the findings that wait for them. */
  void build(ReadContext ctx) {
    Set<String> redirected = new HashSet<>();
    for (Router r : routers) {
      if (r.state().redirects && r.tlsAt() == null) {
        for (RuleMatch.Alternative a : r.alternatives()) {
          redirected.add(a.host().toLowerCase(Locale.ROOT));
        }
      }
    }
    // The objects of the redirects, by the host they redirect: the TLS routes of that host take
    // them (for the converter, which thus knows the redirect belongs to the app).
    Map<String, List<Manifest>> redirectObjects = new HashMap<>();
    Map<String, AppOptions> options = new HashMap<>();
    for (Router r : routers) {
      AppOptions o = options.computeIfAbsent(appKey(ctx, r.object()), k -> new AppOptions());
      RouteState state = r.state();
      o.beforeP2c |= state.beforeP2c;
      o.securityHeaders |= state.securityHeaders;
      if (o.circuitBreaker == null) {
        o.circuitBreaker = state.circuitBreaker;
      }
      if (o.clientIpDepth == null) {
        o.clientIpDepth = state.clientIpDepth;
      }
      if (r.state().redirects && r.tlsAt() == null) {
        for (RuleMatch.Alternative a : r.alternatives()) {
          List<Manifest> objects =
              redirectObjects.computeIfAbsent(
                  a.host().toLowerCase(Locale.ROOT), h -> new ArrayList<>());
          objects.add(r.object());
          objects.addAll(r.state().consumed);
        }
      }
    }
    List<Built> built = new ArrayList<>();
    for (Router r : routers) {
      if (r.state().redirects) {
        continue;
      }
      Traefik target = target(ctx, r, options.get(appKey(ctx, r.object())));
      for (RuleMatch.Alternative a : r.alternatives()) {
        ServedRoute.Builder b = ServedRoute.builder(target, r.object(), r.at());
        ctx.rendered.app(r.object()).ifPresent(b::appName);
        b.host(a.host(), a.hostMatch());
        try {
          b.path(a.path(), a.pathMatch());
        } catch (IllegalArgumentException e) {
          // A Go regex Java cannot compile: read as a character prefix of its literal start.
          b.path("/", PathMatch.CHARACTER_PREFIX);
        }
        r.state().apply(b);
        rewrite(ctx, r, a, b);
        // TLS without a Secret is Traefik's default certificate (or a certResolver's): the spec
        // names a Secret, so such a route is read without TLS (reported where the object says so).
        if (r.tlsAt() != null && !r.tlsSecret().isEmpty()) {
          boolean redirect =
              r.redirectsEverything()
                  || redirected.contains("")
                  || redirected.contains(a.host().toLowerCase(Locale.ROOT));
          b.tls(
              Setting.of(
                  Tls.secret(r.tlsSecret())
                      .hosts(r.tlsHosts().toArray(new String[0]))
                      .redirect(redirect),
                  r.tlsAt()));
          if (redirect) {
            redirectObjects
                .getOrDefault(a.host().toLowerCase(Locale.ROOT), List.of())
                .forEach(b::alsoFrom);
            redirectObjects.getOrDefault("", List.of()).forEach(b::alsoFrom);
          }
        }
        built.add(new Built(r, a, b, b.build()));
      }
    }
    for (Built one : built) {
      if (one.twinOf == null && one.router.tlsAt() == null) {
        for (Built other : built) {
          if (other.router.tlsAt() != null
              && other.twinOf == null
              && other.route.tls().map(t -> !t.value().redirect()).orElse(true)
              && sameRoute(one.route, other.route)) {
            // The same route on plain HTTP as on HTTPS is TLS without a redirect (what the
            // writer renders as <app>-<web>): read as that, with the plain router's object. With
            // Traefik's default certificate the TLS route is read without TLS (above), and the
            // plain one repeats it.
            one.twinOf = other;
            other.builder.alsoFrom(one.router.object());
            other.route = other.builder.build();
            break;
          }
        }
      }
    }
    for (Built one : built) {
      Router r = one.router;
      RuleMatch.Alternative a = one.alternative;
      ServedRoute route = one.route;
      {
        if (one.twinOf != null) {
          r.state().reportWebSocket(ctx, route);
          continue;
        }
        ctx.out.add(route);
        r.state().reportWebSocket(ctx, route);
        if (r.ingressPrefix()
            && a.pathMatch() == PathMatch.CHARACTER_PREFIX
            && !a.path().endsWith("/")
            && route.isWebSocket()
            && ctx.once("prefix " + r.at())) {
          // traefik v3.7.9 pkg/provider/kubernetes/ingress/kubernetes.go buildRule: Prefix is
          // PathPrefix(path), a prefix by characters, unless strictPrefixMatching (v3.5.0).
          ctx.report(
              r.object(),
              TraefikFinding.INGRESS_PREFIX_CHARACTERS,
              r.at(),
              "Traefik matches the Prefix path "
                  + SpecRules.show(a.path())
                  + " by characters (PathPrefix), not by segments as Kubernetes defines Prefix: "
                  + a.path()
                  + "x and "
                  + a.path()
                  + "-anything also reach this WebSocket backend.");
        }
      }
    }
  }

  /** A route being built: its router, which path of it, and the route it repeats on HTTP. */
  private static final class Built {
    final Router router;
    final RuleMatch.Alternative alternative;
    final ServedRoute.Builder builder;
    ServedRoute route;
    Built twinOf;

    Built(Router router, RuleMatch.Alternative a, ServedRoute.Builder builder, ServedRoute route) {
      this.router = router;
      this.alternative = a;
      this.builder = builder;
      this.route = route;
    }
  }

  /** Whether two routes serve the same requests alike, but for TLS. */
  private static boolean sameRoute(ServedRoute x, ServedRoute y) {
    return x.host().equalsIgnoreCase(y.host()) && signature(x).equals(signature(y));
  }

  private static List<Object> signature(ServedRoute r) {
    List<Object> s = new ArrayList<>();
    s.add(r.hostMatch());
    s.add(r.path());
    s.add(r.pathMatch());
    s.add(r.isWebSocket());
    for (ServedBackend b : r.backends()) {
      s.add(b.describe());
    }
    for (Optional<? extends Setting<?>> o :
        List.of(
            r.idleTimeout(),
            r.connectTimeout(),
            r.requestTimeout(),
            r.affinity(),
            r.backendProtocol(),
            r.responseBuffering(),
            r.requestBuffering(),
            r.rateLimit(),
            r.maxConnectionsPerClient(),
            r.rewrite(),
            r.cors(),
            r.backendCaSecret())) {
      s.add(o.map(Setting::value).orElse(null));
    }
    s.add(r.target());
    s.add(r.appName().orElse(null));
    return s;
  }

  /** The app of an object wsingress rendered, or the object itself. */
  private static String appKey(ReadContext ctx, Manifest m) {
    return m.namespace() + "/" + ctx.rendered.app(m).orElse("\u0000" + m.name());
  }

  /**
   * The target that serves a router, configured from the input: the entry points its app's objects
   * use and, without a release named by the input, v3.3 when they show a release before v3.4
   * ({@code strategy: RoundRobin}, {@code rootCAsSecrets}); the circuit breaker, client-IP depth
   * and security headers its Middlewares give (options of the target, on every route it renders).
   */
  /** The target options the routers of one app (or one object of other origin) imply. */
  private static final class AppOptions {
    boolean beforeP2c;
    boolean securityHeaders;
    String circuitBreaker;
    Integer clientIpDepth;
  }

  private static Traefik target(ReadContext ctx, Router r, AppOptions o) {
    Traefik t = r.target();
    Optional<String[]> eps = ctx.rendered.entryPoints(r.object());
    if (eps.isPresent()) {
      String web = eps.get()[0] != null ? eps.get()[0] : t.web();
      String websecure = eps.get()[1] != null ? eps.get()[1] : t.websecure();
      if (web.equals(websecure)) {
        websecure = eps.get()[1] != null ? websecure : web + "-secure";
      }
      try {
        t = t.entryPoints(web, websecure);
      } catch (dev.wsingress.InvalidSpecException e) {
        // Names Traefik's option refuses: keep the defaults.
      }
    }
    if (ctx.version == null && ctx.rendered.app(r.object()).isPresent() && o.beforeP2c) {
      t = t.version(Releases.BEFORE_P2C.toString());
    }
    if (o.circuitBreaker != null) {
      t = t.circuitBreaker(o.circuitBreaker);
    }
    if (o.clientIpDepth != null) {
      t = t.clientIpDepth(o.clientIpDepth);
    }
    if (o.securityHeaders) {
      t = t.securityHeaders();
    }
    return t;
  }

  /** The route's prefix rewrite for this path, or a finding for a rewrite of another shape. */
  private static void rewrite(
      ReadContext ctx, Router r, RuleMatch.Alternative a, ServedRoute.Builder b) {
    boolean set = false;
    for (RouteState.Rewrite w : r.state().rewrites) {
      Optional<String> prefix =
          a.pathMatch() == PathMatch.REGEX || a.pathMatch() == PathMatch.REGEX_PREFIX
              ? Optional.empty()
              : Middlewares.prefixRewrite(w, a.path());
      Source at = w.middleware().source("/spec/" + w.type());
      if (prefix.isPresent() && !set) {
        b.rewrite(Setting.of(prefix.get(), at));
        set = true;
      } else if (ctx.once("rewrite " + System.identityHashCode(w.middleware()) + " " + a.path())) {
        ctx.report(
            w.middleware(),
            TraefikFinding.REWRITE_NOT_PREFIX,
            at,
            "the "
                + w.type()
                + " of "
                + w.middleware().subject()
                + " does not replace the matched prefix "
                + SpecRules.show(a.path())
                + " of "
                + r.object().subject()
                + " with another one, so it is read as no prefix rewrite of that route.");
      }
    }
  }
}
