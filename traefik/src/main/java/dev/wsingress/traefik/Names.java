package dev.wsingress.traefik;

import dev.wsingress.Route;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Object names derived from a route: the same spec always gives the same names, and every name is
 * an RFC 1123 subdomain (the app's name is a label of at most 63 characters, a slug at most 40).
 */
final class Names {
  private Names() {}

  /**
   * The indexes of the routes ordered by path, an exact path before a prefix of the same path: the
   * order in which names are given where the app's order of routes does not matter to Traefik (its
   * routers are chosen by priority), so that the same routes get the same names in any order.
   */
  static List<Integer> byPath(List<Route> routes) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < routes.size(); i++) {
      order.add(i);
    }
    order.sort(
        Comparator.<Integer, String>comparing(i -> routes.get(i).path())
            .thenComparing(i -> routes.get(i).match() != Route.Match.EXACT));
    return order;
  }

  /**
   * {@code candidate}, or when it is taken {@code candidate-<n>} with the smallest free {@code n}
   * from 2; the name returned is added to {@code taken}.
   */
  static String unique(String candidate, Set<String> taken) {
    String name = candidate;
    for (int n = 2; !taken.add(name); n++) {
      name = candidate + "-" + n;
    }
    return name;
  }
}
