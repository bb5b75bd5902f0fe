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

  /**
   * A document of over a million tokens is SnakeYAML's, which streams it (the node limit then stops
   * the tree): the fast path must give up before it holds them all, also when they are on one line.
   * A line {@code a: [b,b,...]} of 8 million characters under a 300 MB heap gave CORE-YAML-LIMIT
   * with SnakeYAML alone and an OutOfMemoryError with the fast path, which scanned the whole line
   * into tokens before it counted them.
   */
  @Test
  void a_one_line_flow_collection_of_over_a_million_tokens_is_declined_before_it_is_held() {
    String text = "a: [" + "b,".repeat(1_200_000) + "b]\n";
    BlockEvents fast = new BlockEvents();
    assertThat(fast.read(text, 0, text.length())).isFalse();
    assertThat(tokenCapacity(fast)).as("tokens held").isLessThanOrEqualTo(1 << 21);
  }

  private static int tokenCapacity(BlockEvents fast) {
    try {
      java.lang.reflect.Field f = BlockEvents.class.getDeclaredField("tType");
      f.setAccessible(true);
      return ((byte[]) f.get(fast)).length;
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
