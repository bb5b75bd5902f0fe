package dev.wsingress.testing;

import dev.wsingress.Finding;
import dev.wsingress.Import;
import dev.wsingress.Imported;
import dev.wsingress.ImportedApp;
import dev.wsingress.JavaDsl;
import dev.wsingress.Manifests;
import dev.wsingress.Rendering;
import dev.wsingress.Severity;
import dev.wsingress.Target;
import dev.wsingress.Targets;
import dev.wsingress.UnsupportedFeatureException;
import dev.wsingress.WebSocketApp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The round-trip property of the converter, for one target T (with the companions it renders with)
 * and a spec S: importing T's rendering of S ({@code Import.with(T, companions…)} on {@code
 * Manifests.parse(render_T(S).toYaml(), …)}) gives exactly one app S' and the targets T' the output
 * implies, {@code render_T'(S')} is byte-identical to {@code render_T(S)}, S' equals S on every
 * field T {@link Expressed expresses}, and the import reports nothing at WARNING or above (our own
 * output is fully convertible) unless a code is {@link #allowing allowed}.
 *
 * <pre>{@code
 * RoundTrip nginx = RoundTrip.of(Nginx.target())
 *     .with(Platform.target())
 *     .expressing(Expressed.all().without("workload"));
 * nginx.check(SampleApps.chat());                       // one spec; an AssertionError names what differs
 * nginx.checkAll(Specs.supplier(2027));               // RoundTrip.tries() specs, 500 by default
 *
 * // as a property (a seed per run, shrinking):
 * Property.forAll(Specs.apps()).tries(RoundTrip.tries()).check(nginx::check);
 * }</pre>
 *
 * <p>{@code -Dwsingress.roundtrip.tries=100000} ({@link #TRIES_PROPERTY}) runs more specs through
 * {@link #checkAll(Supplier)} than the 500 CI runs (and through a {@link Property} given {@link
 * #tries()}).
 *
 * <p>A spec that the strict T refuses to render ({@link UnsupportedFeatureException}) is outside
 * the property and counted as skipped; give {@code T.lenient()} to cover it.
 */
public final class RoundTrip {
  /** The system property with the number of specs {@link #checkAll(Supplier)} draws. */
  public static final String TRIES_PROPERTY = "wsingress.roundtrip.tries";

  /** The tries CI runs per target. */
  public static final int DEFAULT_TRIES = 500;

  private final Target target;
  private final List<Target> companions;
  private final List<Target> readers;
  private final Expressed expressed;
  private final Set<String> allowed;

  private RoundTrip(
      Target target,
      List<Target> companions,
      List<Target> readers,
      Expressed expressed,
      Set<String> allowed) {
    this.target = target;
    this.companions = companions;
    this.readers = readers;
    this.expressed = expressed;
    this.allowed = allowed;
  }

  /** The property for {@code target}, comparing every field ({@link Expressed#all()}). */
  public static RoundTrip of(Target target) {
    return new RoundTrip(
        Objects.requireNonNull(target, "target"), List.of(), null, Expressed.all(), Set.of());
  }

  /** Renders and reads these targets too (the platform kit, a mesh). */
  public RoundTrip with(Target... more) {
    return new RoundTrip(target, List.of(more), readers, expressed, allowed);
  }

  /** Compares S and S' on these fields only. */
  public RoundTrip expressing(Expressed fields) {
    return new RoundTrip(
        target, companions, readers, Objects.requireNonNull(fields, "fields"), allowed);
  }

  /**
   * Imports with these readers instead of the rendering targets themselves (for instance {@code
   * Target.discover()}, to prove that the default readers find a configured target's output).
   */
  public RoundTrip readingWith(Target... these) {
    return new RoundTrip(target, companions, List.of(these), expressed, allowed);
  }

  /** Lets the import report these codes at WARNING or above. */
  public RoundTrip allowing(String... codes) {
    Set<String> all = new TreeSet<>(allowed);
    all.addAll(Arrays.asList(codes));
    return new RoundTrip(target, companions, readers, expressed, Set.copyOf(all));
  }

  /** The number of specs {@link #checkAll(Supplier)} draws: {@value #TRIES_PROPERTY}, or 500. */
  public static int tries() {
    String v = System.getProperty(TRIES_PROPERTY, "");
    if (v.isBlank()) {
      return DEFAULT_TRIES;
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

  /** How a check went: {@link #CHECKED}, or {@link #SKIPPED} when strict T refused the spec. */
  public enum Outcome {
    CHECKED,
    SKIPPED
  }

  /** How many specs were checked and how many the strict targets refused to render. */
  public record Summary(int checked, int skipped) {
    @Override
    public String toString() {
      return checked + " checked, " + skipped + " skipped";
    }
  }

  /** Checks every spec. */
  public Summary checkAll(Iterable<WebSocketApp> specs) {
    int checked = 0;
    int skipped = 0;
    for (WebSocketApp s : specs) {
      if (check(s) == Outcome.CHECKED) {
        checked++;
      } else {
        skipped++;
      }
    }
    return new Summary(checked, skipped);
  }

  /** Checks {@link #tries()} specs drawn from {@code specs}. */
  public Summary checkAll(Supplier<WebSocketApp> specs) {
    int checked = 0;
    int skipped = 0;
    for (int i = 0, n = tries(); i < n; i++) {
      if (check(specs.get()) == Outcome.CHECKED) {
        checked++;
      } else {
        skipped++;
      }
    }
    return new Summary(checked, skipped);
  }

  /**
   * Checks the property for one spec.
   *
   * @throws AssertionError naming the spec (as Java) and everything that differs: the number of
   *     apps, or the YAML (its first differing line), the fields and the findings
   */
  public Outcome check(WebSocketApp spec) {
    List<Target> rendering = new ArrayList<>();
    rendering.add(target);
    rendering.addAll(companions);
    Rendering first;
    try {
      first = Targets.render(spec, rendering.toArray(new Target[0]));
    } catch (UnsupportedFeatureException e) {
      return Outcome.SKIPPED;
    }
    String yaml = first.toYaml();
    Manifests input = Manifests.parse(yaml, "rendered.yaml");
    List<Target> reading = readers != null ? readers : rendering;
    Imported in = Import.with(reading.toArray(new Target[0])).from(input);
    if (in.apps().size() != 1) {
      throw fail(spec, "the import gives " + in.apps().size() + " apps, not one", in, yaml);
    }
    ImportedApp imported = in.importedApps().get(0);
    List<Target> again = new ArrayList<>();
    for (Target t : rendering) {
      imported.targets().stream()
          .filter(i -> i.id().equals(t.id()))
          .findFirst()
          .ifPresent(again::add);
    }
    for (Target t : imported.targets()) {
      if (!again.contains(t)) {
        again.add(t);
      }
    }
    List<String> problems = new ArrayList<>();
    try {
      String back = Targets.render(imported.app(), again.toArray(new Target[0])).toYaml();
      if (!back.equals(yaml)) {
        problems.add(
            "rendering the imported app with "
                + again
                + " differs from the original rendering:\n"
                + firstDifference(yaml, back));
      }
    } catch (RuntimeException e) {
      problems.add("the imported app does not render again: " + e.getMessage());
    }
    Map<String, Object> want = expressed.of(spec);
    Map<String, Object> got = expressed.of(imported.app());
    StringBuilder fields = new StringBuilder();
    for (String name : want.keySet()) {
      if (!Objects.equals(want.get(name), got.get(name))) {
        fields
            .append("\n  ")
            .append(name)
            .append(": expected ")
            .append(want.get(name))
            .append(" but the import has ")
            .append(got.get(name));
      }
    }
    if (fields.length() > 0) {
      problems.add("the imported app differs on what " + target.id() + " expresses:" + fields);
    }
    List<Finding> serious = new ArrayList<>();
    for (Finding f : in.findings()) {
      if (f.severity() != Severity.INFO && !allowed.contains(f.code())) {
        serious.add(f);
      }
    }
    if (!serious.isEmpty()) {
      problems.add("the import of our own output reports " + serious);
    }
    if (!problems.isEmpty()) {
      throw fail(spec, String.join("\nand ", problems), in, yaml);
    }
    return Outcome.CHECKED;
  }

  private static AssertionError fail(WebSocketApp spec, String what, Imported in, String yaml) {
    StringBuilder b = new StringBuilder("round trip failed: ").append(what);
    b.append("\nspec:\n").append(JavaDsl.of(spec).expression());
    if (!in.apps().isEmpty()) {
      b.append("\nimported:\n").append(JavaDsl.of(in.apps().get(0)).expression());
    }
    b.append("\nimport findings:");
    for (Finding f : in.findings()) {
      b.append("\n  ").append(f);
    }
    b.append("\nrendered:\n").append(yaml);
    return new AssertionError(b.toString());
  }

  /** The first line where two texts differ, with its number and the line before. */
  static String firstDifference(String a, String b) {
    String[] x = a.split("\n", -1);
    String[] y = b.split("\n", -1);
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      String l = i < x.length ? x[i] : "<end>";
      String r = i < y.length ? y[i] : "<end>";
      if (!l.equals(r)) {
        return String.format(
            Locale.ROOT,
            "  line %d%s%n  - %s%n  + %s",
            i + 1,
            i > 0 ? " (after: " + x[i - 1] + ")" : "",
            l,
            r);
      }
    }
    return "  (equal)";
  }

  @Override
  public String toString() {
    return "RoundTrip["
        + target.id()
        + (companions.isEmpty() ? "" : " + " + companions)
        + ", "
        + expressed
        + "]";
  }
}
