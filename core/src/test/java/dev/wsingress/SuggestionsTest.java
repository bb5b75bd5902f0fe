package dev.wsingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

  @Test
  void distance_counts_insertions_deletions_substitutions_and_swaps() {
    assertThat(Suggestions.distance("timeout", "timeout")).isZero();
    assertThat(Suggestions.distance("timout", "timeout")).isEqualTo(1);
    assertThat(Suggestions.distance("tiemout", "timeout")).isEqualTo(1); // a swap
    assertThat(Suggestions.distance("Timeout", "timeout")).isEqualTo(1); // case counts
    assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
    assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
  }

  @Test
  void a_capped_distance_stops_above_the_cap() {
    assertThat(Suggestions.distance("kitten", "sitting", 2)).isEqualTo(3);
    assertThat(Suggestions.distance("kitten", "sitting", 3)).isEqualTo(3);
    assertThat(Suggestions.distance("a", "abcdefghij", 4)).isEqualTo(5);
    assertThat(Suggestions.distance("abcd", "badc", 1)).isEqualTo(2);
    // Over random pairs, the capped distance is the distance or cap + 1.
    java.util.Random r = new java.util.Random(7);
    for (int t = 0; t < 2000; t++) {
      String a = word(r);
      String b = word(r);
      int cap = r.nextInt(5);
      int d = Suggestions.distance(a, b);
      assertThat(Suggestions.distance(a, b, cap)).isEqualTo(Math.min(d, cap + 1));
    }
  }

  private static String word(java.util.Random r) {
    StringBuilder b = new StringBuilder();
    for (int i = r.nextInt(8); i > 0; i--) {
      b.append((char) ('a' + r.nextInt(3)));
    }
    return b.toString();
  }

  @Test
  void closest_ignores_case_and_refuses_ties_and_far_names() {
    List<String> keys = List.of("proxy-read-timeout", "proxy-send-timeout", "ssl-redirect");
    assertThat(Suggestions.closest("proxy-read-timout", keys)).isEqualTo("proxy-read-timeout");
    assertThat(Suggestions.closest("SSL-Redirect", keys)).isEqualTo("ssl-redirect");
    assertThat(Suggestions.closest("proxy-xxxx-timeout", keys)).isNull(); // two as near
    assertThat(Suggestions.closest("upstream-hash-by", keys)).isNull();
  }
}
