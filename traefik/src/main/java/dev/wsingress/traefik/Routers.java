package dev.wsingress.traefik;

import dev.wsingress.Manifest;
import dev.wsingress.ServedRoute;
import dev.wsingress.ServedRoute.PathMatch;
import dev.wsingress.Setting;
import dev.wsingress.Source;
import dev.wsingress.SpecRules;
import dev.wsingress.Tls;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
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
    for (Router r : routers) {
      if (r.state().redirects) {
        continue;
      }
      for (RuleMatch.Alternative a : r.alternatives()) {
        ServedRoute.Builder b = ServedRoute.builder(r.target(), r.object(), r.at());
        b.host(a.host(), a.hostMatch());
        try {
          b.path(a.path(), a.pathMatch());
        } catch (IllegalArgumentException e) {
          // A Go regex Java cannot compile: read as a character prefix of its literal start.
          b.path("/", PathMatch.CHARACTER_PREFIX);
        }
        r.state().apply(b);
        rewrite(ctx, r, a, b);
        if (r.tlsAt() != null) {
          boolean redirect =
              r.redirectsEverything()
                  || redirected.contains("")
                  || redirected.contains(a.host().toLowerCase(Locale.ROOT));
          b.tls(Setting.of(Tls.secret(r.tlsSecret()).redirect(redirect), r.tlsAt()));
        }
        ServedRoute route = b.build();
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
