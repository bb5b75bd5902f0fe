package dev.wsingress.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A generator of random values for property tests: a function of a {@link Source} (a seeded {@link
 * SplittableRandom}, a size from 0 to {@value #MAX_SIZE}, and whether to draw edge cases). The same
 * source state gives the same value, so a seed replays a draw ({@link #sample(long, int)}); a
 * smaller size gives smaller values (shorter strings and lists, numbers nearer to 0), which is how
 * {@link Property} shrinks a failure; an edge-case source makes every primitive draw one of its
 * edge cases (bounds, 0, empty, longest), and in ordinary draws each primitive draws one in {@value
 * #EDGE_ONE_IN}.
 *
 * <p>A generator is a lambda over the source, so a value of many parts draws each part in turn:
 *
 * <pre>{@code
 * Gen<String> label = Gen.strings("abc-", 1, 63).filter("no dash at the ends", l -> ...);
 * Gen<Route> route = s -> Route.websocket(s.draw(paths)).to(s.draw(names), s.draw(ports));
 * Gen<List<String>> hosts = Gen.frequency(
 *     Gen.weighted(30, host.uniqueList(1, 3)), Gen.weighted(1, host.uniqueList(15, 20)));
 *
 * Property.forAll(route).tries(1000).check(r -> assertThat(render(r)).isNotEmpty());
 * }</pre>
 *
 * <p>Generators are immutable and may be shared; a source belongs to one draw.
 *
 * @param <T> the type of the values
 */
@FunctionalInterface
public interface Gen<T> {

  /** The full size: numbers span their whole range, lengths reach their maximum. */
  int MAX_SIZE = 100;

  /**
   * In ordinary (not edge-case) draws at full size, a primitive draws an edge case once in so many.
   */
  int EDGE_ONE_IN = 20;

  /**
   * How many draws in a row {@link #filter} (and {@link #uniqueList}, for each missing element) may
   * miss before it gives up with {@link TooManyMisses}.
   */
  int MAX_MISSES = 10_000;

  /** Draws one value. */
  T generate(Source source);

  // ---- the source of a draw

  /**
   * What one draw reads: a seeded {@link SplittableRandom}, a size from 0 to {@value #MAX_SIZE},
   * and whether primitives draw their edge cases. Not thread-safe; give each draw its own.
   *
   * <pre>{@code
   * Gen<Integer> port = Gen.integers(1, 65535);
   * int p = new Gen.Source(42, Gen.MAX_SIZE, false).draw(port);
   * }</pre>
   */
  final class Source {
    private final SplittableRandom random;
    private final int size;
    private final boolean edges;

    /** A source seeded with {@code seed}, of {@code size} (0 to {@value #MAX_SIZE}). */
    public Source(long seed, int size, boolean edges) {
      this(new SplittableRandom(seed), size, edges);
    }

    private Source(SplittableRandom random, int size, boolean edges) {
      if (size < 0 || size > MAX_SIZE) {
        throw new IllegalArgumentException(
            "size " + size + " is not between 0 and " + MAX_SIZE + " (Gen.MAX_SIZE)");
      }
      this.random = random;
      this.size = size;
      this.edges = edges;
    }

    /** Draws a value of {@code gen} from this source. */
    public <T> T draw(Gen<T> gen) {
      return gen.generate(this);
    }

    /** The random numbers of this draw. */
    public SplittableRandom random() {
      return random;
    }

    /** The size, 0 to {@value #MAX_SIZE}. */
    public int size() {
      return size;
    }

    /** Whether this is an edge-case draw (every primitive draws one of its edge cases). */
    public boolean edges() {
      return edges;
    }

    /** The same random numbers and size, drawing no edge cases (what a filter falls back to). */
    public Source withoutEdges() {
      return edges ? new Source(random, size, false) : this;
    }

    /**
     * Whether a primitive draws one of its edge cases now: always in an edge-case draw, once in
     * {@value #EDGE_ONE_IN} at full size, never at a smaller size (shrinking looks for small
     * values).
     */
    public boolean edge() {
      return edges || (size == MAX_SIZE && random.nextInt(EDGE_ONE_IN) == 0);
    }

    /** True with probability {@code p}. */
    public boolean chance(double p) {
      return random.nextDouble() < p;
    }

    /** A number from {@code min} to {@code max}, both included, uniformly. */
    public long between(long min, long max) {
      if (min > max) {
        throw new IllegalArgumentException("min " + min + " is above max " + max);
      }
      if (max < Long.MAX_VALUE) {
        return random.nextLong(min, max + 1);
      }
      if (min > Long.MIN_VALUE) {
        return random.nextLong(min - 1, max) + 1;
      }
      return random.nextLong();
    }

    /** A number from {@code min} to {@code max}, both included, uniformly. */
    public int between(int min, int max) {
      return (int) between((long) min, (long) max);
    }

    /** One of the values, uniformly. */
    public <T> T any(List<T> values) {
      return values.get(random.nextInt(values.size()));
    }

    /**
     * A length or count from {@code min} to {@code max}: in an edge-case draw (or an edge case of
     * an ordinary one) {@code min}, {@code min + 1} or {@code max}; otherwise uniformly up to
     * {@code min + (max - min) * size / MAX_SIZE}.
     */
    public int length(int min, int max) {
      if (min < 0 || min > max) {
        throw new IllegalArgumentException(
            "lengths " + min + " to " + max + " are not 0 <= min <= max");
      }
      if (edge()) {
        return switch (random.nextInt(3)) {
          case 0 -> min;
          case 1 -> Math.min(max, min + 1);
          default -> max;
        };
      }
      return between(min, min + (int) ((long) (max - min) * size / MAX_SIZE));
    }
  }

  /** A generator that cannot draw a value: a {@link #filter} or a unique collection gave up. */
  final class TooManyMisses extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    TooManyMisses(String message) {
      super(message);
    }
  }

  // ---- single values

  /**
   * {@code gen} itself: gives a lambda the methods of a generator, as in {@code Gen.of(s ->
   * ...).optional(0.5)}.
   */
  static <T> Gen<T> of(Gen<T> gen) {
    return Objects.requireNonNull(gen, "gen");
  }

  /** Always {@code value}. */
  static <T> Gen<T> constant(T value) {
    return s -> value;
  }

  /** One of the values, uniformly (also in edge-case draws: each is an edge case). */
  @SafeVarargs
  static <T> Gen<T> elements(T... values) {
    return elements(Arrays.asList(values));
  }

  /** One of the values, uniformly (also in edge-case draws: each is an edge case). */
  static <T> Gen<T> elements(List<? extends T> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("elements() needs at least one value");
    }
    List<T> copy = List.copyOf(values);
    return s -> s.any(copy);
  }

  /** One of the constants of an enum. */
  static <E extends Enum<E>> Gen<E> enums(Class<E> type) {
    return elements(type.getEnumConstants());
  }

  /** {@code true} or {@code false}. */
  static Gen<Boolean> booleans() {
    return s -> s.random().nextBoolean();
  }

  /** A value of one of the generators, each chosen equally often. */
  @SafeVarargs
  static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
    return oneOf(Arrays.asList(gens));
  }

  /** A value of one of the generators, each chosen equally often. */
  static <T> Gen<T> oneOf(List<? extends Gen<? extends T>> gens) {
    if (gens.isEmpty()) {
      throw new IllegalArgumentException("oneOf() needs at least one generator");
    }
    List<Gen<? extends T>> copy = List.copyOf(gens);
    return s -> s.any(copy).generate(s);
  }

  /** A generator with its weight, for {@link #frequency}. */
  record Weighted<T>(int weight, Gen<? extends T> gen) {
    /** Checks the weight. */
    public Weighted {
      if (weight <= 0) {
        throw new IllegalArgumentException("weight " + weight + " is not positive");
      }
      Objects.requireNonNull(gen, "gen");
    }
  }

  /** {@code gen} with {@code weight}, for {@link #frequency}. */
  static <T> Weighted<T> weighted(int weight, Gen<? extends T> gen) {
    return new Weighted<>(weight, gen);
  }

  /**
   * A value of one of the generators, chosen in proportion to its weight; edge-case draws choose
   * each generator equally often, so a rare branch is among the first tries.
   */
  @SafeVarargs
  static <T> Gen<T> frequency(Weighted<? extends T>... choices) {
    List<Weighted<? extends T>> copy = List.of(choices);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("frequency() needs at least one choice");
    }
    int total = 0;
    for (Weighted<? extends T> w : copy) {
      total = Math.addExact(total, w.weight());
    }
    int sum = total;
    return s -> {
      if (s.edges()) {
        return s.any(copy).gen().generate(s);
      }
      int pick = s.random().nextInt(sum);
      for (Weighted<? extends T> w : copy) {
        pick -= w.weight();
        if (pick < 0) {
          return w.gen().generate(s);
        }
      }
      throw new AssertionError("unreachable");
    };
  }

  // ---- numbers

  /**
   * Integers from {@code min} to {@code max}. Edge cases: the bounds, their neighbours and 0, -1, 1
   * where in range (or {@link Numbers#edgeCases} given).
   */
  static Numbers<Integer> integers(int min, int max) {
    return new Numbers<>(min, max, null, v -> (int) v);
  }

  /** Longs from {@code min} to {@code max}, with edge cases like {@link #integers}. */
  static Numbers<Long> longs(long min, long max) {
    return new Numbers<>(min, max, null, v -> v);
  }

  /**
   * Numbers in a range: at size s, from {@code o - (o - min) * s / MAX_SIZE} to {@code o + (max -
   * o) * s / MAX_SIZE}, where o (the origin, the smallest value) is 0 if in range, else the bound
   * nearer to 0; edge cases as given.
   *
   * @param <N> {@link Integer} or {@link Long}
   */
  final class Numbers<N> implements Gen<N> {
    private final long min;
    private final long max;
    private final long[] edgeCases;
    private final LongFunction<N> box;

    private Numbers(long min, long max, long[] edgeCases, LongFunction<N> box) {
      if (min > max) {
        throw new IllegalArgumentException("min " + min + " is above max " + max);
      }
      this.min = min;
      this.max = max;
      this.box = box;
      this.edgeCases = edgeCases != null ? edgeCases : defaultEdgeCases(min, max);
    }

    private static long[] defaultEdgeCases(long min, long max) {
      long origin = origin(min, max);
      Set<Long> e = new LinkedHashSet<>();
      for (long v :
          new long[] {
            min, max, origin, Math.max(min, Math.min(max, -1)), Math.max(min, Math.min(max, 1))
          }) {
        e.add(v);
      }
      if (min < max) {
        e.add(min + 1);
        e.add(max - 1);
      }
      return e.stream().mapToLong(Long::longValue).toArray();
    }

    private static long origin(long min, long max) {
      return Math.max(min, Math.min(max, 0));
    }

    /** The same range with exactly these edge cases (each within the range). */
    public Numbers<N> edgeCases(long... values) {
      for (long v : values) {
        if (v < min || v > max) {
          throw new IllegalArgumentException(
              "edge case " + v + " is outside " + min + " to " + max);
        }
      }
      return new Numbers<>(min, max, values.clone(), box);
    }

    @Override
    public N generate(Source s) {
      if (edgeCases.length > 0 && s.edge()) {
        return box.apply(edgeCases[s.random().nextInt(edgeCases.length)]);
      }
      long origin = origin(min, max);
      long lo = origin - scaled(origin - min, s.size());
      long hi = origin + scaled(max - origin, s.size());
      return box.apply(s.between(lo, hi));
    }

    /** {@code span * size / MAX_SIZE}, {@code span} read as unsigned (it may exceed 2^63 - 1). */
    private static long scaled(long span, int size) {
      if (size == MAX_SIZE) {
        return span;
      }
      if (span >= 0 && span <= Long.MAX_VALUE / MAX_SIZE) {
        return span * size / MAX_SIZE;
      }
      double unsigned = span >= 0 ? span : (span >>> 1) * 2.0;
      return (long) (unsigned * size / MAX_SIZE);
    }
  }

  // ---- characters and strings

  /** One of the characters of {@code alphabet}, uniformly. */
  static Gen<Character> chars(String alphabet) {
    if (alphabet.isEmpty()) {
      throw new IllegalArgumentException("chars() needs a character");
    }
    char[] c = alphabet.toCharArray();
    return s -> c[s.random().nextInt(c.length)];
  }

  /** A character from {@code first} to {@code last}; edge cases: those two. */
  static Gen<Character> charRange(char first, char last) {
    return integers(first, last).edgeCases(first, last).map(i -> (char) i.intValue());
  }

  /**
   * Any character of the Basic Multilingual Plane except surrogates, noncharacters ({@code
   * U+FDD0}–{@code U+FDEF}, {@code U+FFFE}, {@code U+FFFF}) and private-use characters ({@code
   * U+E000}–{@code U+F8FF}), as jqwik's default strings drew; edge cases: {@code U+0000}, space,
   * {@code U+FFFD}.
   */
  static Gen<Character> anyChar() {
    Gen<Character> edges = elements('\u0000', ' ', '\ufffd');
    return s -> {
      if (s.edge()) {
        return edges.generate(s);
      }
      while (true) {
        char c = (char) s.random().nextInt(0xfffe); // U+0000 .. U+FFFD
        if (!Character.isSurrogate(c)
            && !(c >= '\ufdd0' && c <= '\ufdef')
            && !(c >= '\ue000' && c <= '\uf8ff')) {
          return c;
        }
      }
    };
  }

  /** Strings of {@code min} to {@code max} characters of {@code alphabet} (see {@link #chars}). */
  static Gen<String> strings(String alphabet, int min, int max) {
    return strings(chars(alphabet), min, max);
  }

  /**
   * Strings of {@code min} to {@code max} characters drawn from {@code chars}; the length as {@link
   * Source#length}.
   */
  static Gen<String> strings(Gen<Character> chars, int min, int max) {
    checkLengths(min, max);
    return s -> {
      int n = s.length(min, max);
      StringBuilder b = new StringBuilder(n);
      for (int i = 0; i < n; i++) {
        b.append(chars.generate(s).charValue());
      }
      return b.toString();
    };
  }

  private static void checkLengths(int min, int max) {
    if (min < 0 || min > max) {
      throw new IllegalArgumentException(
          "lengths " + min + " to " + max + " are not 0 <= min <= max");
    }
  }

  // ---- combining

  /** Two values, drawn in turn. */
  record Pair<A, B>(A first, B second) {
    @Override
    public String toString() {
      return "(" + first + ", " + second + ")";
    }
  }

  /** A value of {@code a} and one of {@code b}. */
  static <A, B> Gen<Pair<A, B>> zip(Gen<A> a, Gen<B> b) {
    return combine(a, b, Pair::new);
  }

  /** {@code f} of a value of {@code a} and one of {@code b}. */
  static <A, B, R> Gen<R> combine(
      Gen<A> a, Gen<B> b, BiFunction<? super A, ? super B, ? extends R> f) {
    return s -> {
      A x = a.generate(s);
      return f.apply(x, b.generate(s));
    };
  }

  /**
   * A value of each generator, in order (the combination of n generators of one type; for parts of
   * different types, write the generator as a lambda that draws each).
   */
  static <T> Gen<List<T>> all(List<? extends Gen<? extends T>> gens) {
    List<Gen<? extends T>> copy = List.copyOf(gens);
    return s -> {
      List<T> out = new ArrayList<>(copy.size());
      for (Gen<? extends T> g : copy) {
        out.add(g.generate(s));
      }
      return Collections.unmodifiableList(out);
    };
  }

  /** A subset of {@code values} with {@code min} to all of them, in their order. */
  static <T> Gen<List<T>> subsets(List<? extends T> values, int min) {
    List<T> copy = List.copyOf(values);
    checkLengths(min, copy.size());
    return s -> {
      List<T> order = new ArrayList<>(copy);
      shuffle(order, s);
      Set<T> chosen = new HashSet<>(order.subList(0, s.length(min, copy.size())));
      return copy.stream().filter(chosen::contains).toList();
    };
  }

  /** The values in a random order. */
  static <T> Gen<List<T>> shuffled(List<? extends T> values) {
    List<T> copy = List.copyOf(values);
    return s -> {
      List<T> order = new ArrayList<>(copy);
      shuffle(order, s);
      return Collections.unmodifiableList(order);
    };
  }

  private static <T> void shuffle(List<T> list, Source s) {
    for (int i = list.size() - 1; i > 0; i--) {
      Collections.swap(list, i, s.random().nextInt(i + 1));
    }
  }

  // ---- deriving

  /** The values mapped by {@code f}. */
  default <R> Gen<R> map(Function<? super T, ? extends R> f) {
    return s -> f.apply(generate(s));
  }

  /** A value of the generator that {@code f} gives for a value of this one (from the same draw). */
  default <R> Gen<R> flatMap(Function<? super T, ? extends Gen<? extends R>> f) {
    return s -> f.apply(generate(s)).generate(s);
  }

  /** The values that pass {@code test}; see {@link #filter(String, Predicate)}. */
  default Gen<T> filter(Predicate<? super T> test) {
    return filter("", test);
  }

  /**
   * The values that pass {@code test}, drawing again for each miss (without edge cases after the
   * tenth); after {@value #MAX_MISSES} misses in a row it throws {@link TooManyMisses} naming the
   * filter ({@code what}) and the last value drawn.
   */
  default Gen<T> filter(String what, Predicate<? super T> test) {
    return s -> {
      T last = null;
      for (int i = 0; i < MAX_MISSES; i++) {
        T v = generate(i < 10 ? s : s.withoutEdges());
        if (test.test(v)) {
          return v;
        }
        last = v;
      }
      throw new TooManyMisses(
          "filter"
              + (what.isEmpty() ? "" : " \"" + what + "\"")
              + ": "
              + MAX_MISSES
              + " draws in a row did not pass (the last: "
              + Property.show(last, 200)
              + "); draw values that pass instead of filtering most of them out");
    };
  }

  /** A value present with probability {@code p}, else empty (half and half in edge-case draws). */
  default Gen<Optional<T>> optional(double p) {
    return s ->
        (s.edges() ? s.random().nextBoolean() : s.chance(p))
            ? Optional.of(generate(s))
            : Optional.empty();
  }

  /** A value, or {@code null} with probability {@code p} (half and half in edge-case draws). */
  default Gen<T> orNull(double p) {
    return s -> (s.edges() ? s.random().nextBoolean() : s.chance(p)) ? null : generate(s);
  }

  /** Lists of {@code min} to {@code max} values; the length as {@link Source#length}. */
  default Gen<List<T>> list(int min, int max) {
    checkLengths(min, max);
    return s -> {
      int n = s.length(min, max);
      List<T> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(generate(s));
      }
      return Collections.unmodifiableList(out);
    };
  }

  /** Lists of {@code min} to {@code max} distinct values, in the order drawn. */
  default Gen<List<T>> uniqueList(int min, int max) {
    return uniqueList(min, max, Function.identity());
  }

  /**
   * Lists of {@code min} to {@code max} values with distinct {@code key}s, in the order drawn; a
   * value whose key was drawn already is drawn again, up to {@value #MAX_MISSES} times per missing
   * element, then the list is shorter (or, below {@code min}, {@link TooManyMisses}).
   */
  default Gen<List<T>> uniqueList(int min, int max, Function<? super T, ?> key) {
    checkLengths(min, max);
    return s -> {
      int n = s.length(min, max);
      List<T> out = new ArrayList<>(n);
      Set<Object> keys = new HashSet<>();
      int misses = 0;
      while (out.size() < n && misses < MAX_MISSES) {
        T v = generate(s);
        if (keys.add(key.apply(v))) {
          out.add(v);
          misses = 0;
        } else {
          misses++;
        }
      }
      if (out.size() < min) {
        throw new TooManyMisses(
            "uniqueList("
                + min
                + ", "
                + max
                + "): only "
                + out.size()
                + " distinct of at least "
                + min
                + " values drawn; "
                + MAX_MISSES
                + " draws in a row gave none new (so far: "
                + Property.show(out, 200)
                + ")");
      }
      return Collections.unmodifiableList(out);
    };
  }

  /** Sets of {@code min} to {@code max} values (see {@link #uniqueList}), in the order drawn. */
  default Gen<Set<T>> set(int min, int max) {
    return uniqueList(min, max).map(l -> Collections.unmodifiableSet(new LinkedHashSet<>(l)));
  }

  // ---- drawing outside a property

  /** The value of seed {@code seed} at full size. */
  default T sample(long seed) {
    return sample(seed, MAX_SIZE);
  }

  /** The value of seed {@code seed} at {@code size} (how a failure report names a shrunk value). */
  default T sample(long seed, int size) {
    return generate(new Source(seed, size, false));
  }

  /**
   * The values a {@link Property} run of {@code seed} checks, endlessly (the first {@code n} are
   * those of a run of {@code n >= 10 * }{@value Property#EDGE_TRIES} tries): {@value
   * Property#EDGE_TRIES} edge-case draws, then sizes growing to full size.
   */
  default Stream<T> stream(long seed) {
    return Stream.iterate(0, i -> i + 1)
        .map(i -> generate(Property.source(seed, i, Property.EDGE_TRIES)));
  }

  /** The values of {@link #stream(long)}, one per call (not thread-safe). */
  default Supplier<T> supplier(long seed) {
    return stream(seed).iterator()::next;
  }
}
