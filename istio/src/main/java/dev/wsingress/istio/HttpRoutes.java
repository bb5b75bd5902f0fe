package dev.wsingress.istio;

import dev.wsingress.Route;
import dev.wsingress.RouteBackend;
import dev.wsingress.WebSocketApp;
import io.fabric8.istio.api.api.networking.v1alpha3.CorsPolicy;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequestBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.IsStringMatchMatchType;
import io.fabric8.istio.api.api.networking.v1alpha3.PortSelectorBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchExact;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchExactBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchPrefix;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchPrefixBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The VirtualService's {@code http[]} entries: how a spec route becomes uri matches, a destination,
 * a rewrite and a timeout, and in which order the entries stand.
 *
 * <p>Order: Istio tries the entries in order and uses the first that matches (istio/api 1.30.3
 * networking/v1alpha3/virtual_service.proto VirtualService.http: "An ordered list of route rules
 * ... The first rule matching an incoming request is used"); istio/istio 1.30.3
 * pilot/pkg/networking/core/route/route.go BuildHTTPRoutesForVirtualService turns each match of
 * each entry into one Envoy route in that order and stops after a catch-all ({@code prefix: /}).
 * The spec's routes match by specificity instead (an exact path, then the longest prefix), so the
 * entries are sorted: exact routes first, then prefix routes by the length of their prefix match,
 * longest first, ties in the order given. No match is then covered by an earlier one, and a match
 * an earlier entry already has is left out, so istio's validation
 * (pkg/config/validation/validation.go analyzeUnreachableHTTPRules) warns of no unreachable rule or
 * ineffective match. Neighbouring entries with the same destination and settings are one entry (its
 * matches are OR-ed, HTTPRoute.match), so an app whose routes share one backend keeps a single
 * entry.
 */
final class HttpRoutes {
  private HttpRoutes() {}

  /** One entry before it is built: its matches and what every one of them does. */
  record Rule(List<IsStringMatchMatchType> uris, Action action) {}

  /**
   * What an entry does: the destination's host, port number (empty when the route names its port)
   * and subset, the rewritten prefix, and the request timeout of a plain route.
   */
  record Action(
      String host,
      Optional<Long> port,
      Optional<String> subset,
      Optional<String> rewriteUri,
      Optional<Duration> timeout,
      boolean webSocket) {}

  /** The app's entries, in the order Istio must try them. */
  static List<HTTPRoute> entries(
      WebSocketApp app, List<Backends.Backend> backends, Optional<CorsPolicy> cors) {
    List<HTTPRoute> out = new ArrayList<>();
    for (Rule rule : rules(app, backends)) {
      out.add(entry(rule, cors));
    }
    return out;
  }

  /** The rules, sorted, without repeated matches, neighbours with equal actions joined. */
  static List<Rule> rules(WebSocketApp app, List<Backends.Backend> backends) {
    List<Route> sorted = sorted(app.routes());
    Set<String> seen = new HashSet<>();
    List<Rule> out = new ArrayList<>();
    for (Route r : sorted) {
      Backends.Backend b = Backends.forRoute(backends, app, r);
      for (Rule rule : rules(r, b)) {
        List<IsStringMatchMatchType> fresh = new ArrayList<>();
        for (IsStringMatchMatchType uri : rule.uris()) {
          if (seen.add(key(uri))) {
            fresh.add(uri);
          }
        }
        if (fresh.isEmpty()) {
          continue;
        }
        Rule last = out.isEmpty() ? null : out.get(out.size() - 1);
        if (last != null && last.action().equals(rule.action())) {
          List<IsStringMatchMatchType> joined = new ArrayList<>(last.uris());
          joined.addAll(fresh);
          out.set(out.size() - 1, new Rule(joined, last.action()));
        } else {
          out.add(new Rule(fresh, rule.action()));
        }
      }
    }
    return out;
  }

  /**
   * Exact routes first, then prefix routes by the length of their {@code prefix} match, longest
   * first: a path with its trailing {@code /} ({@code /ws} matches as {@code /ws/}, as {@link
   * #rules(Route, Backends.Backend)} writes it), so that a prefix route whose exact match another
   * route has, read back as its {@code prefix: /ws/} alone, sorts where it stood. Of {@code /ws/}
   * and {@code /ws}, which have one prefix match, {@link #sorted} puts {@code /ws/} first.
   */
  static final Comparator<Route> ORDER =
      Comparator.comparing((Route r) -> r.match() == Route.Match.EXACT ? 0 : 1)
          .thenComparing(r -> -(r.path().length() + (r.path().endsWith("/") ? 0 : 1)));

  /**
   * The routes in {@link #ORDER} (stable: ties keep the order given), with a prefix route {@code
   * /p/} moved before {@code /p}: it takes the match {@code prefix: /p/}, and {@code /p} keeps
   * {@code exact: /p}, whatever the order given.
   */
  static List<Route> sorted(List<Route> routes) {
    List<Route> sorted = new ArrayList<>(routes);
    sorted.sort(ORDER);
    for (int i = 0; i < sorted.size(); i++) {
      Route r = sorted.get(i);
      if (r.match() != Route.Match.PREFIX || r.path().endsWith("/")) {
        continue;
      }
      for (int j = i + 1; j < sorted.size(); j++) {
        Route o = sorted.get(j);
        if (o.match() == Route.Match.PREFIX && o.path().equals(r.path() + "/")) {
          sorted.add(i, sorted.remove(j));
          i++;
          break;
        }
      }
    }
    return sorted;
  }

  /**
   * The rules of one route. A VirtualService {@code prefix} compares characters: istio/istio 1.30.3
   * route.go TranslateRouteMatch writes Envoy's {@code prefix} for it (path-separated only for
   * converted Ingresses and Gateway API routes), so {@code prefix: /ws} would match {@code /wsx}. A
   * spec prefix matches whole segments, so {@code /ws} becomes {@code exact: /ws} (Envoy's {@code
   * path}, compared without the query string) and {@code prefix: /ws/}; a path ending in {@code /}
   * is a segment boundary already.
   *
   * <p>A rewrite is {@code rewrite.uri}: "If the original URI was matched based on prefix, the
   * value provided in this field will replace the corresponding matched prefix" (istio/api 1.30.3
   * virtual_service.proto HTTPRewrite.uri); route.go applyHTTPRouteDestination writes it as Envoy's
   * {@code prefix_rewrite}, which swaps "the matched prefix (or path)" and so needs one Envoy route
   * per trailing-slash case (envoyproxy/go-control-plane 98966259b99a, the version istio/istio
   * 1.30.3 go.mod pins, envoy/config/route/v3/route_components.pb.go RouteAction.PrefixRewrite:
   * "Stripping a prefix from a path requires multiple Routes"). So a rewritten route is two
   * entries: {@code exact: /notify} with {@code uri: /ws} and {@code prefix: /notify/} with {@code
   * uri: /ws/}; {@code /notify} becomes {@code /ws}, {@code /notify/x} becomes {@code /ws/x}, and
   * {@code rewriteTo("/")} sends {@code /notify} as {@code /} and {@code /notify/x} as {@code /x},
   * as the Gateway API's {@code ReplacePrefixMatch} does.
   */
  static List<Rule> rules(Route r, Backends.Backend b) {
    String p = r.path();
    Optional<String> rewrite = r.rewrite().map(HttpRoutes::withoutTrailingSlash);
    if (r.match() == Route.Match.EXACT) {
      return List.of(new Rule(List.of(exact(p)), action(r, b, Optional.empty())));
    }
    if (p.endsWith("/")) {
      return List.of(new Rule(List.of(prefix(p)), action(r, b, rewrite.map(x -> x + "/"))));
    }
    if (rewrite.isEmpty()) {
      return List.of(new Rule(List.of(exact(p), prefix(p + "/")), action(r, b, Optional.empty())));
    }
    String[] uris = rewritePair(rewrite.get());
    return List.of(
        new Rule(List.of(exact(p)), action(r, b, Optional.of(uris[0]))),
        new Rule(List.of(prefix(p + "/")), action(r, b, Optional.of(uris[1]))));
  }

  /**
   * The {@code rewrite.uri} of the exact and the prefix entry of a prefix rewrite to {@code to}
   * (without its trailing slash): {@code /ws} gives {@code /ws} and {@code /ws/}, the empty prefix
   * ({@code rewriteTo("/")}) gives {@code /} and {@code /}.
   */
  static String[] rewritePair(String to) {
    return new String[] {to.isEmpty() ? "/" : to, to + "/"};
  }

  /**
   * The prefix rewrite two neighbouring entries ({@code exact: /p} and {@code prefix: /p/}) make
   * together, read back: the spec's rewrite when their {@code rewrite.uri}s are a {@link
   * #rewritePair}, empty when neither rewrites, null when they are no pair.
   */
  static Optional<String> rewriteOfPair(String exactUri, String prefixUri) {
    if (exactUri == null && prefixUri == null) {
      return Optional.empty();
    }
    if (exactUri == null || prefixUri == null || !prefixUri.endsWith("/")) {
      return null;
    }
    String to = prefixUri.substring(0, prefixUri.length() - 1);
    return java.util.Arrays.equals(rewritePair(to), new String[] {exactUri, prefixUri})
        ? Optional.of(to.isEmpty() ? "/" : to)
        : null;
  }

  private static Action action(Route r, Backends.Backend b, Optional<String> rewriteUri) {
    RouteBackend target = r.backend().orElseThrow();
    return new Action(
        b.host(),
        // A VirtualService names the port by number only (istio/api 1.30.3 virtual_service.proto
        // PortSelector: uint32 number = 1, reserved "name"); a route naming its port gets none.
        target.port().isPresent() ? Optional.of((long) target.port().getAsInt()) : Optional.empty(),
        b.subset(r),
        rewriteUri,
        // A plain route's request deadline: route.go setTimeout writes it as Envoy's route timeout
        // (none when unset: Istio's default is no timeout, route.go Notimeout), which spans the
        // whole request and response (route_components.pb.go RouteAction.Timeout). WebSocket
        // routes never get one: the spec refuses it and Istio's default leaves open sockets alone.
        r.isWebSocket() ? Optional.empty() : r.requestTimeout(),
        r.isWebSocket());
  }

  private static HTTPRoute entry(Rule rule, Optional<CorsPolicy> cors) {
    List<HTTPMatchRequest> matches = new ArrayList<>(rule.uris().size());
    for (IsStringMatchMatchType uri : rule.uris()) {
      matches.add(new HTTPMatchRequestBuilder().withNewUri().withMatchType(uri).endUri().build());
    }
    Action a = rule.action();
    HTTPRouteBuilder b = new HTTPRouteBuilder().withMatch(matches);
    b.addNewRoute()
        .withNewDestination()
        .withHost(a.host())
        .withSubset(a.subset().orElse(null))
        .withPort(a.port().map(n -> new PortSelectorBuilder().withNumber(n).build()).orElse(null))
        .endDestination()
        .endRoute();
    a.rewriteUri().ifPresent(uri -> b.withNewRewrite().withUri(uri).endRewrite());
    a.timeout().ifPresent(t -> b.withTimeout(ProtoDuration.format(t)));
    cors.ifPresent(b::withCorsPolicy);
    return b.build();
  }

  private static String withoutTrailingSlash(String path) {
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  private static IsStringMatchMatchType exact(String path) {
    return new StringMatchExactBuilder().withExact(path).build();
  }

  private static IsStringMatchMatchType prefix(String path) {
    return new StringMatchPrefixBuilder().withPrefix(path).build();
  }

  private static String key(IsStringMatchMatchType uri) {
    return uri instanceof StringMatchExact e
        ? "exact " + e.getExact()
        : "prefix " + ((StringMatchPrefix) uri).getPrefix();
  }
}
