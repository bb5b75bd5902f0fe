package dev.wsingress.traefik;

import dev.wsingress.Route;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Router priorities that keep the Ingress precedence among an app's routes: of the routes that
 * match a request, the one with the longest path wins, and an exact one over a prefix one of the
 * same path (Kubernetes Ingress, "Multiple matches"; Gateway API HTTPRoute rule precedence).
 *
 * <p>Traefik instead picks the matching router with the highest priority, by default the length of
 * its rule (traefik v3.7.9 pkg/server/router/router.go, {@code routerConfig.Priority == 0}: {@code
 * httpmuxer.GetRulePriority(rule)}, {@code len(rule)} in pkg/muxer/http/mux.go). That agrees for
 * prefixes but not always for an exact path: {@code Path(`/ws`)} is shorter than {@code
 * PathPrefix(`/`)}, so {@code /} would take {@code /ws}. A route gets an explicit priority only
 * where its default would not beat every less specific route that overlaps it, and then the least
 * that does; every other route keeps the default, so an app whose rules already order themselves is
 * written without priorities.
 */
final class Priorities {
  private Priorities() {}

  /**
   * The length of a route's rules without the host part: the shortest and the longest of its
   * routers (one in the IngressRoute form; the Ingress form writes a prefix as two paths).
   */
  record Lengths(int min, int max) {}

  /**
   * One priority per route, null where the default is right.
   *
   * @param routes the app's routes
   * @param lengths per route, the lengths of its rules without the host part
   * @param hostMin the shortest host part ({@code Host(...) && }) of the app's rules
   * @param hostMax the longest host part
   */
  static List<Integer> of(List<Route> routes, List<Lengths> lengths, int hostMin, int hostMax) {
    int n = routes.size();
    Integer[] priority = new Integer[n];
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    // Least specific first: shorter path, then prefix before exact, then later routes first.
    order.sort(
        Comparator.<Integer>comparingInt(i -> routes.get(i).path().length())
            .thenComparing(i -> routes.get(i).match() == Route.Match.EXACT)
            .thenComparing(Comparator.<Integer>reverseOrder()));
    for (int k = 0; k < n; k++) {
      int a = order.get(k);
      boolean defaultWins = true;
      int least = 0;
      for (int j = 0; j < k; j++) {
        int b = order.get(j);
        if (!overlap(routes.get(a), routes.get(b))) {
          continue;
        }
        if (priority[b] == null) {
          // Same host on both sides: the default wins when a's shortest rule beats b's longest.
          defaultWins &= lengths.get(a).min() > lengths.get(b).max();
          least = Math.max(least, hostMax + lengths.get(b).max() + 1);
        } else {
          defaultWins &= hostMin + lengths.get(a).min() > priority[b];
          least = Math.max(least, priority[b] + 1);
        }
      }
      priority[a] = defaultWins ? null : least;
    }
    List<Integer> out = new ArrayList<>(n);
    for (Integer p : priority) {
      out.add(p);
    }
    return out;
  }

  /** Whether some request path matches both routes (their paths differ, or their match). */
  static boolean overlap(Route a, Route b) {
    boolean aExact = a.match() == Route.Match.EXACT;
    boolean bExact = b.match() == Route.Match.EXACT;
    if (aExact && bExact) {
      return a.path().equals(b.path());
    }
    if (aExact || bExact) {
      Route exact = aExact ? a : b;
      Route prefix = aExact ? b : a;
      return exact.path().equals(prefix.path()) || exact.path().startsWith(base(prefix.path()));
    }
    return base(a.path()).startsWith(base(b.path())) || base(b.path()).startsWith(base(a.path()));
  }

  /** What every path below a prefix starts with: the prefix and a slash. */
  private static String base(String prefix) {
    return prefix.endsWith("/") ? prefix : prefix + "/";
  }
}
