package dev.wsingress.cli;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean": the closest of a set of names to a misspelled one, by edit distance. */
final class Suggestions {
  private Suggestions() {}

  /**
   * The candidate closest to {@code given}: the same name in another case, or one within an edit
   * distance of a third of its length (at least 1, at most 3); null when none is that close.
   */
  static String closest(String given, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String lower = given.toLowerCase(Locale.ROOT);
    for (String c : candidates) {
      if (c.toLowerCase(Locale.ROOT).equals(lower)) {
        return c;
      }
      int d = distance(lower, c.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    int allowed = Math.min(3, Math.max(1, given.length() / 3));
    return bestDistance <= allowed ? best : null;
  }

  private static int distance(String a, String b) {
    return dev.wsingress.Suggestions.distance(a, b);
  }
}
