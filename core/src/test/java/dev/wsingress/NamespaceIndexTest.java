package dev.wsingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class NamespaceIndexTest {
  private static final Function<String, String> NAMESPACE = s -> s.substring(0, s.indexOf('/'));

  @Test
  void the_items_of_a_namespace_in_input_order_or_all_for_an_empty_namespace() {
    NamespaceIndex<String> index =
        NamespaceIndex.of(List.of("a/1", "b/2", "a/3", "c/4"), NAMESPACE);
    assertThat(index.anyWithoutNamespace()).isFalse();
    assertThat(index.near("a")).containsExactly("a/1", "a/3");
    assertThat(index.near("d")).isEmpty();
    assertThat(index.near("")).containsExactly("a/1", "b/2", "a/3", "c/4");
    assertThat(index.all()).containsExactly("a/1", "b/2", "a/3", "c/4");
  }

  @Test
  void an_item_without_a_namespace_can_be_in_any_so_every_lookup_gives_all() {
    NamespaceIndex<String> index = NamespaceIndex.of(List.of("a/1", "/2", "b/3"), NAMESPACE);
    assertThat(index.anyWithoutNamespace()).isTrue();
    assertThat(index.near("a")).containsExactly("a/1", "/2", "b/3");
    // what a caller's own Manifests.sameNamespace check then keeps
    assertThat(index.near("a"))
        .filteredOn(s -> Manifests.sameNamespace(NAMESPACE.apply(s), "a"))
        .containsExactly("a/1", "/2");
  }

  /** Selectors as pod selectors; labels as pod labels; parsed with core's mapper. */
  private static com.fasterxml.jackson.databind.JsonNode json(String text) {
    try {
      return Yaml.mapper().readTree(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void with_selectors_an_item_whose_first_match_label_the_labels_lack_is_left_out() {
    List<String> items = new java.util.ArrayList<>();
    Map<String, String> selectors = new java.util.HashMap<>();
    for (int i = 0; i < 20; i++) {
      String item = "a/" + i;
      items.add(item);
      selectors.put(item, "{matchLabels: {app: web-" + (i % 5) + ", tier: front}}");
    }
    items.add("a/all");
    selectors.put("a/all", "{}");
    items.add("a/expr");
    selectors.put("a/expr", "{matchExpressions: [{key: app, operator: Exists}]}");
    items.add("a/none");
    items.add("b/x");
    selectors.put("b/x", "{matchLabels: {app: web-1}}");
    NamespaceIndex<String> index =
        NamespaceIndex.of(
            items, NAMESPACE, s -> selectors.containsKey(s) ? json(selectors.get(s)) : null);
    assertThat(index.nearSelecting("a", json("{app: web-1, tier: front}")))
        .containsExactly("a/1", "a/6", "a/11", "a/16", "a/all", "a/expr", "a/none");
    assertThat(index.nearSelecting("a", json("{tier: front}")))
        .containsExactly("a/all", "a/expr", "a/none");
    assertThat(index.nearSelecting("a", null)).containsExactly("a/all", "a/expr", "a/none");
  }

  /**
   * Over random selectors and labels, every item that {@link Selectors#matchesSelector} keeps is
   * among those nearSelecting gives, which are in input order.
   */
  @Test
  void with_selectors_nothing_a_selector_selects_is_left_out() {
    java.util.Random r = new java.util.Random(5);
    String[] keys = {"app", "tier", "k\\u0000", "", "v"};
    String[] values = {"a", "b", "", "1", "null", "a\\u0000b"};
    for (int round = 0; round < 300; round++) {
      List<String> items = new java.util.ArrayList<>();
      Map<String, com.fasterxml.jackson.databind.JsonNode> selectors = new java.util.HashMap<>();
      for (int i = 0; i < 8 + r.nextInt(30); i++) {
        String item = "n/" + i;
        items.add(item);
        StringBuilder b = new StringBuilder("{");
        if (r.nextInt(4) > 0) {
          b.append("\"matchLabels\": {");
          for (int j = r.nextInt(3); j > 0; j--) {
            b.append('"').append(keys[r.nextInt(keys.length)]).append("\": ");
            b.append(r.nextInt(5) == 0 ? "1" : "\"" + values[r.nextInt(values.length)] + "\"");
            b.append(j > 1 ? ", " : "");
          }
          b.append('}');
        }
        b.append('}');
        selectors.put(item, json(b.toString().replace("}\"", "}, \"")));
      }
      NamespaceIndex<String> index = NamespaceIndex.of(items, NAMESPACE, selectors::get);
      StringBuilder l = new StringBuilder("{");
      for (int j = r.nextInt(4); j > 0; j--) {
        l.append('"').append(keys[r.nextInt(keys.length)]).append("\": ");
        l.append(r.nextInt(5) == 0 ? "1" : "\"" + values[r.nextInt(values.length)] + "\"");
        l.append(j > 1 ? ", " : "");
      }
      com.fasterxml.jackson.databind.JsonNode labels = json(l.append('}').toString());
      List<String> selected =
          items.stream().filter(s -> Selectors.matchesSelector(selectors.get(s), labels)).toList();
      List<String> candidates = index.nearSelecting("n", labels);
      assertThat(candidates).containsAll(selected);
      assertThat(candidates)
          .isSubsetOf(items)
          .isSortedAccordingTo(java.util.Comparator.comparingInt(items::indexOf));
    }
  }
}
