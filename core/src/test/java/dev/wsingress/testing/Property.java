package dev.wsingress.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A property checked over random values of a {@link Gen}, inside an ordinary JUnit test: the check
 * is a consumer that throws (an AssertJ assertion) when the value breaks the property.
 *
 * <pre>{@code
 * @Test
 * void nginx_renders_valid_stable_output() {
 *   Property.forAll(Specs.apps(), TargetDraws.of("nginx"))
 *       .tries(1000)                     // -Dwsingress.tries=N runs N instead
 *       .check(p -> check(p.first(), p.second()));
 * }
 * }</pre>
 *
 * <p><b>Tries.</b> A run of n tries draws the first {@code min(}{@value #EDGE_TRIES}{@code , n /
 * 10)} values (at least one) as edge-case draws ({@link Gen.Source#edges()}), then values of
 * growing size (10, 12, 14 … up to {@value Gen#MAX_SIZE}), then full size. {@code
 * -Dwsingress.tries=N} ({@link #TRIES_PROPERTY}) replaces every property's number of tries.
 *
 * <p><b>Seeds.</b> Each run has a seed, random unless {@link #seed(long)} fixes it or {@code
 * -Dwsingress.seed=S} ({@link #SEED_PROPERTY}) replays it; try i draws from a source seeded by the
 * run's seed and i, so the same seed draws the same values in the same order, and a failure
 * reported for seed S at try i fails again at try i with {@code -Dwsingress.seed=S}.
 *
 * <p><b>Failures.</b> The first failing value is shrunk where that is cheap: up to {@value
 * #DEFAULT_SHRINKS} checks (and at most {@link #SHRINK_TIME}) of values drawn again at smaller
 * sizes; a failing one that is smaller (a smaller size, or at the same size a shorter text) is
 * kept. The {@link AssertionError} names the property, the try, the seed and the replay switch, the
 * failing value and the smallest failing value found with the {@link Gen#sample(long, int)} that
 * draws it again; its cause is the smallest value's failure.
 *
 * <p>Immutable: each method returns a changed copy.
 *
 * @param <T> the type of the values
 */
public final class Property<T> {
  /** The system property that replaces the number of tries of every property. */
  public static final String TRIES_PROPERTY = "wsingress.tries";

  /** The system property with the seed to replay (for properties without {@link #seed(long)}). */
  public static final String SEED_PROPERTY = "wsingress.seed";

  /** The tries of a property that sets none. */
  public static final int DEFAULT_TRIES = 1000;

  /** The most edge-case draws at the start of a run. */
  public static final int EDGE_TRIES = 50;

  /** The most checks spent shrinking a failure (see {@link #shrinks(int)}). */
  public static final int DEFAULT_SHRINKS = 200;

  /** The most time spent shrinking a failure. */
  public static final Duration SHRINK_TIME = Duration.ofSeconds(20);

  /** Values are shown up to so many characters in a failure report. */
  static final int SHOWN = 10_000;

  private final Gen<T> gen;
  private final int tries;
  private final Long seed;
  private final int shrinks;
  private final String name;
  private final Function<? super T, String> show;

  private Property(
      Gen<T> gen,
      int tries,
      Long seed,
      int shrinks,
      String name,
      Function<? super T, String> show) {
    this.gen = gen;
    this.tries = tries;
    this.seed = seed;
    this.shrinks = shrinks;
    this.name = name;
    this.show = show;
  }

  /** The property over values of {@code gen}, {@value #DEFAULT_TRIES} tries. */
  public static <T> Property<T> forAll(Gen<T> gen) {
    return new Property<>(
        Objects.requireNonNull(gen, "gen"),
        DEFAULT_TRIES,
        null,
        DEFAULT_SHRINKS,
        null,
        v -> show(v, SHOWN));
  }

  /** The property over pairs: a value of {@code a} and one of {@code b}. */
  public static <A, B> Property<Gen.Pair<A, B>> forAll(Gen<A> a, Gen<B> b) {
    return forAll(Gen.zip(a, b));
  }

  /** {@code n} tries, unless {@code -Dwsingress.tries} says otherwise. */
  public Property<T> tries(int n) {
    if (n <= 0) {
      throw new IllegalArgumentException(n + " is not a positive number of tries");
    }
    return new Property<>(gen, n, seed, shrinks, name, show);
  }

  /** A fixed seed (then {@code -Dwsingress.seed} does not apply). */
  public Property<T> seed(long seed) {
    return new Property<>(gen, tries, seed, shrinks, name, show);
  }

  /** At most {@code n} checks to shrink a failure (0: report the first failing value only). */
  public Property<T> shrinks(int n) {
    if (n < 0) {
      throw new IllegalArgumentException(n + " shrink checks is negative");
    }
    return new Property<>(gen, tries, seed, n, name, show);
  }

  /** The name in reports (by default the class and method that call {@link #check}). */
  public Property<T> named(String name) {
    return new Property<>(gen, tries, seed, shrinks, Objects.requireNonNull(name, "name"), show);
  }

  /**
   * How reports show a value (by default its {@code toString()}, strings quoted and escaped), cut
   * at {@value #SHOWN} characters.
   */
  public Property<T> showing(Function<? super T, String> show) {
    Objects.requireNonNull(show, "show");
    return new Property<>(gen, tries, seed, shrinks, name, v -> cut(show.apply(v), SHOWN));
  }

  /**
   * What a run did: its name, seed, tries (the first {@code edgeTries} edge-case draws), the time
   * it took and the CPU time of its thread (the measure that does not depend on what else the
   * machine runs; zero where the JVM does not measure it).
   */
  public record Result(
      String name, long seed, int tries, int edgeTries, Duration time, Duration cpuTime) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%s: %d tries (%d edge-case draws first), seed %d, %.1f s (%.1f s CPU)",
          name,
          tries,
          edgeTries,
          seed,
          time.toNanos() / 1e9,
          cpuTime.toNanos() / 1e9);
    }
  }

  /**
   * Checks the property on every try.
   *
   * @return what the run did, when every value passed
   * @throws AssertionError for the first value that fails (or cannot be drawn), as described in the
   *     class comment
   */
  public Result check(Consumer<? super T> property) {
    String label = name != null ? name : caller();
    long runSeed = seed != null ? seed : seedFromProperty();
    int n = triesFromProperty(tries);
    int edges = edgeTries(n);
    long start = System.nanoTime();
    long cpu = cpuTime();
    for (int i = 0; i < n; i++) {
      Gen.Source source = source(runSeed, i, edges);
      T value;
      try {
        value = gen.generate(source);
      } catch (RuntimeException e) {
        throw new AssertionError(
            header(label, i, n, runSeed, edges) + "\ndrawing the value failed: " + e, e);
      }
      Throwable failure = failure(property, value);
      if (failure != null) {
        throw failed(label, property, i, n, runSeed, edges, value, failure);
      }
    }
    return new Result(
        label,
        runSeed,
        n,
        edges,
        Duration.ofNanos(System.nanoTime() - start),
        Duration.ofNanos(cpuTime() - cpu));
  }

  /** The CPU time of this thread so far, in nanoseconds, or 0 where the JVM does not measure it. */
  private static long cpuTime() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    return mx.isCurrentThreadCpuTimeSupported() ? Math.max(0, mx.getCurrentThreadCpuTime()) : 0;
  }

  // ---- the schedule of a run

  /** How many of n tries are edge-case draws. */
  static int edgeTries(int n) {
    return Math.min(EDGE_TRIES, Math.max(1, n / 10));
  }

  /** The source of try {@code i} of a run of {@code runSeed} with {@code edgeTries}. */
  static Gen.Source source(long runSeed, int i, int edgeTries) {
    return new Gen.Source(trySeed(runSeed, i), size(i, edgeTries), i < edgeTries);
  }

  private static int size(int i, int edgeTries) {
    return i < edgeTries ? Gen.MAX_SIZE : (int) Math.min(Gen.MAX_SIZE, 10L + 2L * (i - edgeTries));
  }

  /** The seed of try {@code i}: SplitMix64's finalizer over the run's seed and i. */
  static long trySeed(long runSeed, int i) {
    long z = runSeed + 0x9e3779b97f4a7c15L * (i + 1L);
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /**
   * The number of tries: {@code -Dwsingress.tries} ({@link #TRIES_PROPERTY}) if set, else {@code
   * byDefault}.
   *
   * @throws IllegalArgumentException when the property is not a positive number
   */
  public static int triesFromProperty(int byDefault) {
    String v = System.getProperty(TRIES_PROPERTY, "");
    if (v.isBlank()) {
      return byDefault;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "-D" + TRIES_PROPERTY + "=" + v + " is not a positive number of tries");
  }

  private static long seedFromProperty() {
    String v = System.getProperty(SEED_PROPERTY, "");
    if (v.isBlank()) {
      return new SplittableRandom().nextLong();
    }
    try {
      return Long.decode(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "-D"
              + SEED_PROPERTY
              + "="
              + v
              + " is not a seed (a long as a failure report prints it, e.g. -D"
              + SEED_PROPERTY
              + "=-4127796620353613112)",
          e);
    }
  }

  private static String caller() {
    return StackWalker.getInstance()
        .walk(
            frames ->
                frames
                    .filter(f -> !f.getClassName().equals(Property.class.getName()))
                    .findFirst()
                    .map(
                        f -> {
                          String c = f.getClassName();
                          String m = f.getMethodName();
                          if (m.startsWith("lambda$") && m.indexOf('$', 7) > 7) {
                            m = m.substring(7, m.indexOf('$', 7)); // lambda$test$0: test
                          }
                          return c.substring(c.lastIndexOf('.') + 1) + "." + m;
                        })
                    .orElse("property"));
  }

  // ---- failures

  private static Throwable failure(Consumer<?> property, Object value) {
    @SuppressWarnings("unchecked")
    Consumer<Object> p = (Consumer<Object>) property;
    try {
      p.accept(value);
      return null;
    } catch (OutOfMemoryError e) {
      throw e;
    } catch (Throwable t) { // NOPMD: a StackOverflowError is a failure like any other
      return t;
    }
  }

  /** A failing value: how it was drawn, how it shows, and how it failed. */
  private record Failing<T>(T value, String text, long seed, int size, Throwable failure) {}

  private AssertionError failed(
      String label,
      Consumer<? super T> property,
      int i,
      int n,
      long runSeed,
      int edges,
      T value,
      Throwable failure) {
    Failing<T> first =
        new Failing<>(value, show.apply(value), trySeed(runSeed, i), size(i, edges), failure);
    int[] checks = {0};
    Failing<T> smallest = shrink(property, first, checks);
    StringBuilder b = new StringBuilder(header(label, i, n, runSeed, edges));
    b.append("\nvalue:\n").append(indent(first.text()));
    b.append("\nfailure: ").append(indent(cut(String.valueOf(failure), SHOWN)).strip());
    if (smallest == first) {
      b.append("\nno smaller failing value found in ").append(checks[0]).append(" shrink checks");
    } else {
      b.append(
              String.format(
                  Locale.ROOT,
                  "\nsmallest failing value found in %d shrink checks (size %d, drawn again by"
                      + " gen.sample(%dL, %d)):\n",
                  checks[0],
                  smallest.size(),
                  smallest.seed(),
                  smallest.size()))
          .append(indent(smallest.text()));
      b.append("\nits failure: ")
          .append(indent(cut(String.valueOf(smallest.failure()), SHOWN)).strip());
    }
    AssertionError e = new AssertionError(b.toString(), smallest.failure());
    if (smallest != first) {
      e.addSuppressed(first.failure());
    }
    return e;
  }

  private static String header(String label, int i, int n, long runSeed, int edges) {
    return String.format(
        Locale.ROOT,
        "%s failed on try %d of %d (%s), seed %d (replay: -D%s=%d)",
        label,
        i + 1,
        n,
        i < edges ? "an edge-case draw" : "size " + size(i, edges),
        runSeed,
        SEED_PROPERTY,
        runSeed);
  }

  /**
   * Draws values again at sizes up to the best failure's, checks those that would be smaller, and
   * keeps the smallest that fails.
   */
  private Failing<T> shrink(Consumer<? super T> property, Failing<T> first, int[] checks) {
    Failing<T> best = first;
    SplittableRandom pick = new SplittableRandom(first.seed());
    long deadline = System.nanoTime() + SHRINK_TIME.toNanos();
    for (int draws = 0;
        checks[0] < shrinks && draws < 10 * shrinks && System.nanoTime() < deadline;
        draws++) {
      int size = draws == 0 ? best.size() / 2 : pick.nextInt(best.size() + 1);
      long s = draws == 0 ? first.seed() : pick.nextLong();
      T v;
      try {
        v = gen.generate(new Gen.Source(s, size, false));
      } catch (RuntimeException e) {
        continue; // not a value: nothing to check
      }
      String text = show.apply(v);
      if (size > best.size() || (size == best.size() && text.length() >= best.text().length())) {
        continue; // not smaller: not worth a check
      }
      checks[0]++;
      Throwable f = failure(property, v);
      if (f != null) {
        best = new Failing<>(v, text, s, size, f);
      }
    }
    return best;
  }

  private static String indent(String text) {
    return "  " + text.replace("\n", "\n  ");
  }

  /** A value as reports show it: strings quoted and escaped, cut at {@code max} characters. */
  static String show(Object value, int max) {
    return value instanceof CharSequence c
        ? cut(quote(c.toString()), max)
        : cut(String.valueOf(value), max);
  }

  private static String cut(String text, int max) {
    return text.length() <= max
        ? text
        : text.substring(0, max) + "… (" + (text.length() - max) + " more characters)";
  }

  /** Java's string literal for {@code s}, non-ASCII and control characters as escapes. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < ' ' || c > '~') {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
