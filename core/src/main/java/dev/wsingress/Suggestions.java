package dev.wsingress;

import java.util.Collection;
import java.util.Locale;

/**
 * "Did you mean": the edit distance behind every suggestion wsingress makes for a misspelled key,
 * field or option, and the usual choice of the nearest known name. Targets use it for their
 * annotation, label and field catalogues, so one misspelling is measured the same way everywhere.
 *
 * <pre>{@code
 * String hint = Suggestions.closest("proxy-read-timout", List.of("proxy-read-timeout"));
 * int d = Suggestions.distance("timout", "timeout"); // 1
 * }</pre>
 */
public final class Suggestions {
  private Suggestions() {}

  /**
   * The candidate nearest to {@code given}, ignoring case, if it is near enough (at most a quarter
   * of its length, at least 2 edits) and no other candidate is as near; null otherwise.
   */
  public static String closest(String given, Collection<String> candidates) {
    String g = given.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    boolean tie = false;
    for (String c : candidates) {
      int d = distance(g, c.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
        tie = false;
      } else if (d == bestDistance) {
        tie = true;
      }
    }
    if (best == null || tie) {
      return null;
    }
    return bestDistance <= Math.max(2, best.length() / 4) ? best : null;
  }

  /**
   * The optimal string alignment distance: insertions, deletions, substitutions and swaps of two
   * neighbouring characters, each one edit; characters are compared as they are (case counts).
   */
  public static int distance(String a, String b) {
    return distance(a, b, Integer.MAX_VALUE - 1);
  }

  /**
   * {@link #distance(String, String)}, or {@code cap + 1} as soon as it is certain to exceed {@code
   * cap} (cheaper for long names that are far apart).
   */
  public static int distance(String a, String b, int cap) {
    int n = a.length();
    int m = b.length();
    if (Math.abs(n - m) > cap) {
      return cap + 1;
    }
    int[][] d = new int[n + 1][m + 1];
    for (int i = 0; i <= n; i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= m; j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= n; i++) {
      int rowMin = Integer.MAX_VALUE;
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
        rowMin = Math.min(rowMin, v);
      }
      // Every cell of the next rows is at least this row's minimum: a swap's d[i-2][j-2] + 1 is
      // no less than d[i-1][j-1].
      if (rowMin > cap) {
        return cap + 1;
      }
    }
    return Math.min(d[n][m], cap + 1);
  }
}
