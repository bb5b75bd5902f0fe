package dev.wsingress.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The generators of the property-testing kit. */
class GenTest {

  /** {@code n} values of {@code gen} from one source. */
  private static <T> List<T> draws(Gen<T> gen, int size, boolean edges, int n) {
    Gen.Source s = new Gen.Source(2027, size, edges);
    List<T> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(s.draw(gen));
    }
    return out;
  }

  private static <T> Set<T> distinct(Gen<T> gen, int size, boolean edges, int n) {
    return new HashSet<>(draws(gen, size, edges, n));
  }

  /** How often each value of {@code f} comes up in {@code n} ordinary full-size draws. */
  private static <T, K> TreeMap<K, Integer> counts(Gen<T> gen, Function<T, K> f, int n) {
    TreeMap<K, Integer> out = new TreeMap<>();
    for (T v : draws(gen, Gen.MAX_SIZE, false, n)) {
      out.merge(f.apply(v), 1, Integer::sum);
    }
    return out;
  }

  @Test
  void the_same_seed_and_size_draw_the_same_value() {
    Gen<List<String>> gen =
        Gen.strings("abc", 0, 10)
            .filter(x -> !x.equals("a"))
            .flatMap(x -> Gen.integers(0, x.length()).map(i -> x + i))
            .list(3, 20);
    Set<List<String>> seen = new HashSet<>();
    for (long seed = 0; seed < 100; seed++) {
      assertThat(gen.sample(seed, 60)).isEqualTo(gen.sample(seed, 60));
      assertThat(gen.sample(seed)).isEqualTo(gen.sample(seed, Gen.MAX_SIZE));
      seen.add(gen.sample(seed));
    }
    assertThat(seen).hasSizeGreaterThan(95);
  }

  @Test
  void numbers_stay_in_their_range_and_reach_its_bounds() {
    assertThat(distinct(Gen.integers(-3, 3), Gen.MAX_SIZE, false, 1000))
        .containsExactlyInAnyOrder(-3, -2, -1, 0, 1, 2, 3);
    assertThat(distinct(Gen.integers(7, 7), Gen.MAX_SIZE, false, 100)).containsExactly(7);
    assertThat(draws(Gen.integers(60000, 65535), Gen.MAX_SIZE, false, 5000))
        .allMatch(p -> p >= 60000 && p <= 65535)
        .contains(60000, 65535);
    assertThat(draws(Gen.integers(-9, -2), 50, false, 1000)).allMatch(p -> p >= -9 && p <= -2);
    // Ranges wider than a long: the bounds are drawn as edge cases, never stepped over.
    assertThat(distinct(Gen.longs(Long.MIN_VALUE, Long.MAX_VALUE), Gen.MAX_SIZE, true, 1000))
        .contains(Long.MIN_VALUE, Long.MAX_VALUE, 0L);
    assertThat(distinct(Gen.integers(Integer.MIN_VALUE, Integer.MAX_VALUE), 99, false, 1000))
        .hasSizeGreaterThan(990)
        .allMatch(p -> Math.abs((long) p) <= Integer.MAX_VALUE / 100L * 99 + 99);
    assertThat(draws(Gen.longs(Long.MIN_VALUE, Long.MAX_VALUE), 50, false, 1000))
        .anyMatch(p -> p < Long.MIN_VALUE / 4)
        .anyMatch(p -> p > Long.MAX_VALUE / 4)
        .allMatch(p -> p >= Long.MIN_VALUE / 2 - 1 && p <= Long.MAX_VALUE / 2 + 1);
  }

  @Test
  void a_smaller_size_draws_numbers_nearer_to_the_origin() {
    assertThat(distinct(Gen.integers(-1000, 1000), 0, false, 200)).containsExactly(0);
    assertThat(draws(Gen.integers(-1000, 1000), 10, false, 2000))
        .allMatch(p -> p >= -100 && p <= 100)
        .contains(-100, 100);
    assertThat(distinct(Gen.integers(60000, 65535), 0, false, 200)).containsExactly(60000);
    assertThat(distinct(Gen.integers(-9, -2), 0, false, 200)).containsExactly(-2);
  }

  @Test
  void edge_case_draws_give_the_edge_cases() {
    assertThat(distinct(Gen.integers(-10, 10), Gen.MAX_SIZE, true, 1000))
        .containsExactlyInAnyOrder(-10, -9, -1, 0, 1, 9, 10);
    assertThat(distinct(Gen.integers(1, 59999).edgeCases(1, 80, 59999), Gen.MAX_SIZE, true, 1000))
        .containsExactlyInAnyOrder(1, 80, 59999);
    assertThat(distinct(Gen.strings("ab", 2, 9).map(String::length), Gen.MAX_SIZE, true, 1000))
        .containsExactlyInAnyOrder(2, 3, 9);
    assertThat(distinct(Gen.booleans().list(0, 40).map(List::size), Gen.MAX_SIZE, true, 1000))
        .containsExactlyInAnyOrder(0, 1, 40);
    assertThat(distinct(Gen.charRange('a', 'f'), Gen.MAX_SIZE, true, 1000))
        .containsExactlyInAnyOrder('a', 'f');
    assertThat(distinct(Gen.anyChar(), Gen.MAX_SIZE, true, 1000))
        .containsExactlyInAnyOrder('\u0000', ' ', '\ufffd');
    assertThat(distinct(Gen.constant("x").optional(0.01), Gen.MAX_SIZE, true, 1000))
        .containsExactlyInAnyOrder(Optional.empty(), Optional.of("x"));
    // A rare branch of a frequency is chosen as often as the others.
    List<String> branches =
        draws(
            Gen.frequency(
                Gen.weighted(99, Gen.constant("often")), Gen.weighted(1, Gen.constant("rare"))),
            Gen.MAX_SIZE,
            true,
            1000);
    assertThat(branches.stream().filter("rare"::equals).count()).isBetween(400L, 600L);
    assertThatThrownBy(() -> Gen.integers(0, 9).edgeCases(10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("edge case 10 is outside 0 to 9");
  }

  @Test
  void ordinary_draws_mix_in_edge_cases_at_full_size_only() {
    Gen<Integer> gen = Gen.integers(0, 1_000_000).edgeCases(1_000_000);
    int n = 20_000;
    long full = draws(gen, Gen.MAX_SIZE, false, n).stream().filter(v -> v == 1_000_000).count();
    assertThat(full).isBetween(n / Gen.EDGE_ONE_IN * 8 / 10L, n / Gen.EDGE_ONE_IN * 12 / 10L);
    assertThat(draws(gen, 99, false, n)).allMatch(v -> v <= 990_000);
  }

  @Test
  void strings_draw_from_their_alphabet_within_their_lengths() {
    List<String> drawn = draws(Gen.strings("xyz-", 1, 12), Gen.MAX_SIZE, false, 3000);
    assertThat(drawn).allMatch(s -> s.matches("[xyz-]{1,12}"));
    assertThat(drawn.stream().map(String::length).distinct().count()).isEqualTo(12);
    assertThat(distinct(Gen.strings("ab", 0, 50).map(String::length), 0, false, 100))
        .containsExactly(0);
    assertThat(draws(Gen.strings("ab", 0, 50), 20, false, 500)).allMatch(s -> s.length() <= 10);
    assertThat(draws(Gen.strings(Gen.charRange(' ', '~'), 5, 5), Gen.MAX_SIZE, false, 500))
        .allMatch(s -> s.matches("[ -~]{5}"));
    assertThatThrownBy(() -> Gen.strings("ab", 3, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("lengths 3 to 2 are not 0 <= min <= max");
  }

  @Test
  void any_char_leaves_out_surrogates_noncharacters_and_private_use() {
    List<Character> drawn = draws(Gen.anyChar(), Gen.MAX_SIZE, false, 200_000);
    assertThat(drawn)
        .noneMatch(Character::isSurrogate)
        .noneMatch(c -> c >= '\ufdd0' && c <= '\ufdef')
        .noneMatch(c -> c >= '\ue000' && c <= '\uf8ff')
        .noneMatch(c -> c == '\ufffe' || c == '\uffff')
        .anyMatch(c -> c < 0x80)
        .anyMatch(c -> c > 0xf900);
    assertThat(new HashSet<>(drawn)).hasSizeGreaterThan(40_000);
  }

  @Test
  void frequency_follows_the_weights() {
    TreeMap<String, Integer> c =
        counts(
            Gen.frequency(Gen.weighted(9, Gen.constant("a")), Gen.weighted(1, Gen.constant("b"))),
            v -> v,
            10_000);
    assertThat(c.get("a")).isBetween(8_800, 9_200);
    TreeMap<Integer, Integer> one =
        counts(Gen.oneOf(Gen.constant(1), Gen.constant(2), Gen.constant(3)), v -> v, 9_000);
    assertThat(one.values()).allMatch(k -> k > 2_700 && k < 3_300);
    assertThat(counts(Gen.elements("a", "b"), v -> v, 1000)).containsOnlyKeys("a", "b");
    assertThat(counts(Gen.enums(Thread.State.class), v -> v, 1000))
        .containsOnlyKeys(Thread.State.values());
    assertThatThrownBy(() -> Gen.weighted(0, Gen.constant(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("weight 0 is not positive");
  }

  @Test
  void optional_and_or_null_follow_their_probability() {
    assertThat(counts(Gen.constant(1).optional(0.3), Optional::isPresent, 10_000).get(true))
        .isBetween(2_800, 3_200);
    assertThat(counts(Gen.constant(1).orNull(0.3), v -> v == null, 10_000).get(true))
        .isBetween(2_800, 3_200);
  }

  @Test
  void unique_lists_and_sets_have_no_repeats() {
    List<List<Integer>> lists =
        draws(Gen.integers(0, 20).uniqueList(5, 15), Gen.MAX_SIZE, false, 500);
    assertThat(lists)
        .allMatch(l -> l.size() >= 5 && l.size() <= 15 && new HashSet<>(l).size() == l.size());
    assertThat(draws(Gen.strings("abc", 1, 3).uniqueList(0, 4, String::length), 100, false, 500))
        .allMatch(l -> l.stream().map(String::length).distinct().count() == l.size());
    assertThat(draws(Gen.integers(0, 3).set(4, 4), Gen.MAX_SIZE, false, 100))
        .allMatch(s -> s.equals(Set.of(0, 1, 2, 3)));
    // Fewer distinct values than asked for, but at least the minimum: a shorter list.
    assertThat(draws(Gen.integers(0, 2).uniqueList(1, 10), Gen.MAX_SIZE, true, 100))
        .allMatch(l -> l.size() <= 3);
  }

  @Test
  void a_unique_list_that_cannot_be_drawn_says_so() {
    assertThatThrownBy(() -> Gen.constant("a").uniqueList(2, 3).sample(1))
        .isInstanceOf(Gen.TooManyMisses.class)
        .hasMessage(
            "uniqueList(2, 3): only 1 distinct of at least 2 values drawn; 10000 draws in a row"
                + " gave none new (so far: [a])");
  }

  @Test
  void a_filter_that_passes_nothing_says_so() {
    assertThatThrownBy(() -> Gen.constant(7).filter("above 9", x -> x > 9).sample(1))
        .isInstanceOf(Gen.TooManyMisses.class)
        .hasMessage(
            "filter \"above 9\": 10000 draws in a row did not pass (the last: 7); draw values that"
                + " pass instead of filtering most of them out");
    assertThatThrownBy(() -> Gen.strings("ab", 1, 3).filter(x -> x.contains("c")).sample(1))
        .isInstanceOf(Gen.TooManyMisses.class)
        .hasMessageMatching(
            "filter: 10000 draws in a row did not pass \\(the last: \"[ab]{1,3}\"\\); draw values"
                + " that pass instead of filtering most of them out");
  }

  @Test
  void a_filter_falls_back_to_ordinary_draws_when_the_edge_cases_miss() {
    // The edge cases 0, 1, 999 and 1000 all miss: without the fallback this would throw.
    assertThat(draws(Gen.integers(0, 1000).filter(x -> x > 1 && x < 999), Gen.MAX_SIZE, true, 100))
        .allMatch(x -> x > 1 && x < 999);
  }

  @Test
  void flat_map_draws_from_the_generator_the_value_gives() {
    Gen<List<Integer>> gen = Gen.integers(0, 5).flatMap(n -> Gen.constant(n).list(n, n));
    assertThat(draws(gen, Gen.MAX_SIZE, false, 300))
        .allMatch(l -> l.stream().allMatch(x -> x == l.size()))
        .extracting(List::size)
        .contains(0, 5);
  }

  @Test
  void all_zip_and_combine_draw_each_part_in_turn() {
    Gen<Integer> a = Gen.integers(0, 1000);
    Gen<String> b = Gen.strings("xy", 1, 4);
    for (long seed = 0; seed < 50; seed++) {
      Gen.Source s = new Gen.Source(seed, Gen.MAX_SIZE, false);
      Gen.Pair<Integer, String> expected = new Gen.Pair<>(s.draw(a), s.draw(b));
      assertThat(Gen.zip(a, b).sample(seed)).isEqualTo(expected);
      assertThat(Gen.combine(a, b, (x, y) -> x + y).sample(seed))
          .isEqualTo(expected.first() + expected.second());
      Gen.Source t = new Gen.Source(seed, Gen.MAX_SIZE, false);
      assertThat(Gen.all(List.of(a, a, a)).sample(seed))
          .containsExactly(t.draw(a), t.draw(a), t.draw(a));
    }
    assertThat(new Gen.Pair<>(1, "x")).hasToString("(1, x)");
  }

  @Test
  void subsets_keep_the_order_and_shuffles_every_element() {
    List<String> abc = List.of("a", "b", "c", "d");
    List<List<String>> subsets = draws(Gen.subsets(abc, 2), Gen.MAX_SIZE, false, 1000);
    assertThat(subsets)
        .allMatch(l -> l.size() >= 2 && abc.containsAll(l))
        .allMatch(l -> l.equals(abc.stream().filter(l::contains).toList()));
    assertThat(new HashSet<>(subsets)).hasSize(11); // 6 pairs, 4 triples, all four
    List<List<String>> shuffles = draws(Gen.shuffled(abc), Gen.MAX_SIZE, false, 2000);
    assertThat(shuffles).allMatch(l -> l.size() == 4 && new HashSet<>(l).equals(Set.copyOf(abc)));
    assertThat(new HashSet<>(shuffles)).hasSize(24);
  }

  @Test
  void a_stream_draws_what_a_property_run_checks() {
    Gen<List<Integer>> gen = Gen.integers(0, 1_000_000).list(0, 5);
    List<List<Integer>> checked = new ArrayList<>();
    PropertyTest.withProperty(
        Property.TRIES_PROPERTY,
        null,
        () -> Property.forAll(gen).seed(7).tries(600).check(checked::add));
    assertThat(gen.stream(7).limit(600).toList()).isEqualTo(checked);
    java.util.function.Supplier<List<Integer>> s = gen.supplier(7);
    assertThat(List.of(s.get(), s.get())).isEqualTo(checked.subList(0, 2));
  }

  @Test
  void a_source_refuses_a_size_out_of_range() {
    assertThatThrownBy(() -> new Gen.Source(1, 101, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("size 101 is not between 0 and 100 (Gen.MAX_SIZE)");
    assertThatThrownBy(() -> new Gen.Source(1, 5, false).between(3, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("min 3 is above max 2");
  }
}
