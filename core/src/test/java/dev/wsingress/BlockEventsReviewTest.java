package dev.wsingress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Inputs an adversarial review of {@link BlockEvents} found where the fast path took a text and
 * disagreed with SnakeYAML 2.5 (other events, or no error where SnakeYAML has one). Each test holds
 * the oracle property of {@link BlockEventsTest}: the fast path declines, or gives SnakeYAML's
 * events; and {@link Manifests#parse} gives the same objects, positions and findings with the fast
 * path on and off.
 */
class BlockEventsReviewTest {

  /** The oracle property on one text; true when the fast path took it. */
  private static boolean agrees(String text) {
    boolean taken = BlockEventsTest.oracle(text);
    BlockEventsTest.sameBothWays(() -> Manifests.parse(text, "x.yaml"));
    return taken;
  }

  /**
   * A simple key goes stale once the scanner is more than 1024 code points past its start
   * (snakeyaml 2.5 ScannerImpl.stalePossibleSimpleKeys). In a flow mapping that is no error of its
   * own: the ':' then is a value without a key, and the parser refuses it ("expected ',' or '}',
   * but got :").
   */
  @Test
  void a_flow_mapping_key_of_over_1024_characters_is_snakeyamls_syntax_error() {
    String key = "a".repeat(1100);
    assertThat(agrees("{" + key + ": b}\n")).isFalse();
    assertThat(agrees("x: {'" + key + "': b}\n")).isFalse();
    assertThat(agrees("x: {c: d, " + key + " : b}\n")).isFalse();
    assertThat(agrees("x: {" + "a".repeat(900) + ": b}\n")).isTrue();
  }
}
