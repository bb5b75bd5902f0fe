package dev.wsingress.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The property runner of the property-testing kit: tries, seeds, replay, reports, shrinking. */
class PropertyTest {

  /** Runs {@code r} with the system property {@code key} set to {@code value} (null: unset). */
  static void withProperty(String key, String value, Runnable r) {
    String before = System.getProperty(key);
    try {
      if (value == null) {
        System.clearProperty(key);
      } else {
        System.setProperty(key, value);
      }
      r.run();
    } finally {
      if (before == null) {
        System.clearProperty(key);
      } else {
        System.setProperty(key, before);
      }
    }
  }

  /**
   * Runs {@code r} as CI does: neither the number of tries nor the seed given on the command line.
   */
  private static void plain(Runnable r) {
    withProperty(
        Property.TRIES_PROPERTY, null, () -> withProperty(Property.SEED_PROPERTY, null, r));
  }

  /** What a source says about itself. */
  private static final Gen<String> PROBE =
      s -> (s.edges() ? "edge " : "") + s.size() + " " + s.random().nextLong();

  @Test
  void a_passing_property_runs_every_try_edge_cases_first_then_growing_sizes() {
    plain(
        () -> {
          List<String> seen = new ArrayList<>();
          Property.Result r = Property.forAll(PROBE).tries(200).seed(5).check(seen::add);

          assertThat(r.tries()).isEqualTo(200);
          assertThat(r.edgeTries()).isEqualTo(20);
          assertThat(r.seed()).isEqualTo(5);
          assertThat(r.name())
              .isEqualTo(
                  "PropertyTest.a_passing_property_runs_every_try_edge_cases_first_then_growing_sizes");
          assertThat(r.toString())
              .matches(
                  r.name()
                      + ": 200 tries \\(20 edge-case draws first\\), seed 5, [0-9.]+ s \\([0-9.]+ s"
                      + " CPU\\)");
          assertThat(seen).hasSize(200);
          assertThat(seen.subList(0, 20)).allMatch(v -> v.startsWith("edge 100 "));
          List<String> sizes = seen.subList(20, 70).stream().map(v -> v.split(" ")[0]).toList();
          assertThat(sizes.subList(0, 4)).containsExactly("10", "12", "14", "16");
          assertThat(sizes.subList(45, 50)).containsOnly("100");
          assertThat(seen.stream().distinct()).hasSize(200);
        });
    assertThat(Property.forAll(PROBE).tries(5).named("p").check(v -> {}).name()).isEqualTo("p");
  }

  @Test
  void the_same_seed_checks_the_same_values_in_the_same_order() {
    Gen<List<String>> gen = Gen.strings("abc", 0, 8).list(0, 6);
    plain(
        () -> {
          List<List<String>> first = new ArrayList<>();
          List<List<String>> again = new ArrayList<>();
          List<List<String>> other = new ArrayList<>();
          Property.forAll(gen).tries(300).seed(42).check(first::add);
          Property.forAll(gen).tries(300).seed(42).check(again::add);
          Property.forAll(gen).tries(300).seed(43).check(other::add);
          assertThat(again).isEqualTo(first);
          assertThat(other).isNotEqualTo(first);
        });
  }

  @Test
  void a_run_without_a_seed_draws_one_and_the_seed_property_replays_it() {
    plain(
        () -> {
          List<String> first = new ArrayList<>();
          List<String> second = new ArrayList<>();
          Property.Result a = Property.forAll(PROBE).tries(100).check(first::add);
          Property.Result b = Property.forAll(PROBE).tries(100).check(second::add);
          assertThat(b.seed()).isNotEqualTo(a.seed());
          assertThat(second).isNotEqualTo(first);

          List<String> replayed = new ArrayList<>();
          withProperty(
              Property.SEED_PROPERTY,
              Long.toString(a.seed()),
              () ->
                  assertThat(Property.forAll(PROBE).tries(100).check(replayed::add).seed())
                      .isEqualTo(a.seed()));
          assertThat(replayed).isEqualTo(first);

          // A fixed seed stays fixed.
          withProperty(
              Property.SEED_PROPERTY,
              "0x10",
              () ->
                  assertThat(Property.forAll(PROBE).seed(9).tries(3).check(v -> {}).seed())
                      .isEqualTo(9));
          withProperty(
              Property.SEED_PROPERTY,
              "0x10",
              () ->
                  assertThat(Property.forAll(PROBE).tries(3).check(v -> {}).seed()).isEqualTo(16));
          withProperty(
              Property.SEED_PROPERTY,
              "abc",
              () ->
                  assertThatThrownBy(() -> Property.forAll(PROBE).check(v -> {}))
                      .isInstanceOf(IllegalArgumentException.class)
                      .hasMessage(
                          "-Dwsingress.seed=abc is not a seed (a long as a failure report prints"
                              + " it, e.g. -Dwsingress.seed=-4127796620353613112)"));
        });
  }

  @Test
  void the_number_of_tries_comes_from_a_property() {
    withProperty(
        Property.TRIES_PROPERTY,
        "7",
        () -> {
          assertThat(Property.forAll(PROBE).tries(500).check(v -> {}).tries()).isEqualTo(7);
          assertThat(Property.triesFromProperty(500)).isEqualTo(7);
        });
    withProperty(
        Property.TRIES_PROPERTY,
        "lots",
        () ->
            assertThatThrownBy(() -> Property.forAll(PROBE).check(v -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("-Dwsingress.tries=lots is not a positive number of tries"));
    withProperty(
        Property.TRIES_PROPERTY,
        null,
        () ->
            assertThat(Property.forAll(PROBE).check(v -> {}).tries())
                .isEqualTo(Property.DEFAULT_TRIES));
    assertThatThrownBy(() -> Property.forAll(PROBE).tries(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("0 is not a positive number of tries");
  }

  private static final Pattern HEADER =
      Pattern.compile(
          "(.*) failed on try (\\d+) of (\\d+) \\((an edge-case draw|size \\d+)\\), seed (-?\\d+)"
              + " \\(replay: -Dwsingress.seed=(-?\\d+)\\)\nvalue:\n  (.*)\nfailure: (.*)",
          Pattern.DOTALL);

  private static final Pattern SMALLEST =
      Pattern.compile(
          "\nsmallest failing value found in (\\d+) shrink checks \\(size (\\d+), drawn again by"
              + " gen.sample\\((-?\\d+)L, (\\d+)\\)\\):\n  (.*)\nits failure: ");

  @Test
  void a_failure_names_the_try_the_seed_and_the_value_and_the_seed_replays_it() {
    Gen<Integer> gen = Gen.integers(0, 1_000_000);
    plain(
        () -> {
          AssertionError e =
              catchThrowableOfType(
                  AssertionError.class,
                  () ->
                      Property.forAll(gen)
                          .named("below 900000")
                          .shrinks(0)
                          .check(x -> assertThat(x).isLessThan(900_000)));
          Matcher m = HEADER.matcher(e.getMessage());
          assertThat(m.matches()).as(e.getMessage()).isTrue();
          assertThat(m.group(1)).isEqualTo("below 900000");
          assertThat(m.group(3)).isEqualTo("1000");
          assertThat(m.group(6)).isEqualTo(m.group(5));
          int attempt = Integer.parseInt(m.group(2));
          long seed = Long.parseLong(m.group(5));
          int value = Integer.parseInt(m.group(7));
          assertThat(value).isGreaterThanOrEqualTo(900_000);
          assertThat(gen.stream(seed).skip(attempt - 1).findFirst()).contains(value);
          assertThat(m.group(8)).contains("to be less than:", "900000");
          assertThat(e.getMessage())
              .endsWith("\nno smaller failing value found in 0 shrink checks");
          assertThat(e.getCause()).isInstanceOf(AssertionError.class);

          // The seed it names fails again, on the same try with the same value.
          withProperty(
              Property.SEED_PROPERTY,
              Long.toString(seed),
              () ->
                  assertThatThrownBy(
                          () ->
                              Property.forAll(gen)
                                  .named("below 900000")
                                  .shrinks(0)
                                  .check(x -> assertThat(x).isLessThan(900_000)))
                      .hasMessage(e.getMessage()));
        });
  }

  @Test
  void edge_cases_come_first() {
    // A random draw practically never hits the bound; the edge-case draws do, at once.
    AssertionError e =
        catchThrowableOfType(
            AssertionError.class,
            () ->
                Property.forAll(Gen.integers(Integer.MIN_VALUE, Integer.MAX_VALUE))
                    .seed(1)
                    .tries(100_000)
                    .shrinks(0)
                    .check(x -> assertThat(x).isNotEqualTo(Integer.MAX_VALUE)));
    Matcher m = HEADER.matcher(e.getMessage());
    assertThat(m.matches()).as(e.getMessage()).isTrue();
    assertThat(Integer.parseInt(m.group(2))).isLessThanOrEqualTo(Property.EDGE_TRIES);
    assertThat(m.group(4)).isEqualTo("an edge-case draw");
    assertThat(m.group(7)).isEqualTo(Integer.toString(Integer.MAX_VALUE));
  }

  @Test
  void shrinking_finds_a_smaller_failing_list() {
    Gen<List<Integer>> gen = Gen.integers(0, 1000).list(0, 100);
    AssertionError e =
        catchThrowableOfType(
            AssertionError.class,
            () ->
                Property.forAll(gen)
                    .seed(11)
                    .check(l -> assertThat(l).as("a short list").hasSizeLessThan(10)));
    Matcher first = HEADER.matcher(e.getMessage());
    assertThat(first.find()).isTrue();
    Matcher m = SMALLEST.matcher(e.getMessage());
    assertThat(m.find()).as(e.getMessage()).isTrue();
    int failingSize = first.group(7).split(",").length;
    List<Integer> smallest = gen.sample(Long.parseLong(m.group(3)), Integer.parseInt(m.group(4)));
    assertThat(smallest.toString()).isEqualTo(m.group(5));
    assertThat(smallest.size()).isBetween(10, failingSize - 1);
    assertThat(Integer.parseInt(m.group(1))).isBetween(1, Property.DEFAULT_SHRINKS);
    assertThat(m.group(2)).isEqualTo(m.group(4));
    // The cause is the smallest value's failure, the first one is kept beside it.
    assertThat(e.getCause()).hasMessageContaining("a short list");
    assertThat(e.getSuppressed()).hasSize(1);
    assertThat(e.getSuppressed()[0]).hasMessageContaining("a short list").isNotSameAs(e.getCause());
  }

  @Test
  void shrinking_finds_a_smaller_failing_number() {
    Gen<Integer> gen = Gen.integers(0, 1_000_000);
    AssertionError e =
        catchThrowableOfType(
            AssertionError.class,
            () -> Property.forAll(gen).seed(12).check(x -> assertThat(x).isLessThan(5000)));
    Matcher first = HEADER.matcher(e.getMessage());
    Matcher m = SMALLEST.matcher(e.getMessage());
    assertThat(first.find() && m.find()).as(e.getMessage()).isTrue();
    int shrunk = Integer.parseInt(m.group(5));
    assertThat(shrunk).isBetween(5000, Integer.parseInt(first.group(7).split("\n")[0]) - 1);
    // At size s the numbers reach 10,000 * s: the smallest failing size is 1.
    assertThat(Integer.parseInt(m.group(2))).isLessThan(10);
  }

  @Test
  void a_value_that_cannot_be_drawn_fails_with_its_seed() {
    plain(
        () ->
            assertThatThrownBy(
                    () ->
                        Property.forAll(Gen.constant(1).filter("never", x -> false))
                            .seed(1)
                            .tries(10)
                            .named("p")
                            .check(x -> {}))
                .isInstanceOf(AssertionError.class)
                .hasMessage(
                    "p failed on try 1 of 10 (an edge-case draw), seed 1 (replay:"
                        + " -Dwsingress.seed=1)\ndrawing the value failed:"
                        + " dev.wsingress.testing.Gen$TooManyMisses: filter \"never\": 10000 draws"
                        + " in a row did not pass (the last: 1); draw values that pass instead of"
                        + " filtering most of them out")
                .hasCauseInstanceOf(Gen.TooManyMisses.class));
  }

  @Test
  void any_throwable_is_a_failure_a_stack_overflow_too() {
    assertThatThrownBy(
            () ->
                Property.forAll(Gen.integers(0, 10))
                    .seed(3)
                    .tries(10)
                    .shrinks(5)
                    .check(
                        x -> {
                          throw new StackOverflowError("deep");
                        }))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("\nfailure: java.lang.StackOverflowError: deep")
        .hasRootCauseInstanceOf(StackOverflowError.class);
  }

  @Test
  void reports_quote_strings_and_cut_long_values() {
    assertThat(Property.show("a\"b\\\n\t\u0000é\ud83d", 100))
        .isEqualTo("\"a\\\"b\\\\\\n\\t\\u0000\\u00e9\\ud83d\"");
    assertThat(Property.show(List.of("x".repeat(20)), 5)).isEqualTo("[xxxx… (17 more characters)");
    assertThat(Property.show(null, 5)).isEqualTo("null");
    AssertionError e =
        catchThrowableOfType(
            AssertionError.class,
            () ->
                Property.forAll(Gen.strings("ab", 3, 3))
                    .seed(4)
                    .tries(10)
                    .shrinks(0)
                    .showing(s -> "<" + s + ">")
                    .check(
                        s -> {
                          throw new IllegalStateException("no");
                        }));
    assertThat(e.getMessage())
        .containsPattern("\nvalue:\n  <[ab]{3}>\nfailure: java.lang.IllegalStateException: no\n");
  }
}
