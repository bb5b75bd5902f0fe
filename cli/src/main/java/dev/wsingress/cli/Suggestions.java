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

  /** Levenshtein distance (insertions, deletions, substitutions), with adjacent swaps as one. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
      }
    }
    return d[a.length()][b.length()];
  }
}
