package dev.wsingress.haproxy;

import java.util.Collection;

/** "Did you mean": the known key closest to a misspelled one. */
final class Suggestions {
  private Suggestions() {}

  /**
   * The candidate nearest to {@code given} by edit distance (an adjacent swap counts as one edit),
   * if it is near enough (at most a quarter of its length, at least 2 edits) and no other candidate
   * is as near; null otherwise.
   */
  static String closest(String given, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    boolean tie = false;
    for (String c : candidates) {
      int d = distance(given, c);
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
        tie = false;
      } else if (d == bestDistance) {
        tie = true;
      }
    }
    if (best == null || tie || bestDistance == 0) {
      return null;
    }
    return bestDistance <= Math.max(2, best.length() / 4) ? best : null;
  }

  /** Damerau-Levenshtein distance (optimal string alignment). */
  static int distance(String a, String b) {
    int n = a.length();
    int m = b.length();
    if (Math.abs(n - m) > 8) {
      return Math.abs(n - m);
    }
    int[][] d = new int[n + 1][m + 1];
    for (int i = 0; i <= n; i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= m; j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= n; i++) {
      for (int j = 1; j <= m; j++) {
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
    return d[n][m];
  }
}
