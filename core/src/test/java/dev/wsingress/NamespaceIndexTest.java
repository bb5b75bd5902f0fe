package dev.wsingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
}
