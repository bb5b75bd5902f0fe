package dev.wsingress;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks manifests: every target on the class path reads what its controller will do with them,
 * then core's rules judge the served routes and the references between objects.
 *
 * <pre>{@code
 * Report report = Doctor.check(Manifests.read(Path.of("k8s")));
 * System.out.print(report.toText());
 * System.exit(report.exitCode(Severity.WARNING));
 *
 * Report quieter = Doctor.ignoring("CORE-WS-NO-PRESTOP").check(manifests);
 * Report alone = Doctor.with(Nginx.target()).check(manifests);   // only these targets read
 * }</pre>
 *
 * <p>Suppression: an object annotated {@code wsingress.dev/ignore: "CODE,CODE"} gets no findings of
 * those codes (findings about an object are the ones whose subject it is: the routing object for
 * route findings, the Service for selector findings, the workload for drain findings). {@link
 * Options#ignoring} drops codes everywhere.
 *
 * <p>Each target reads ({@link Target#read}), then each judges every target's routes ({@link
 * Target#judge}): a mesh or the platform kit acts on traffic that an ingress controller routes. A
 * target whose reader or judge throws does not stop the check: its findings are replaced by one
 * {@code CORE-READER-FAILED}, and every other target's are kept.
 */
public final class Doctor {
  private Doctor() {}

  /** The annotation that suppresses finding codes on an object: {@code "CODE,CODE"}. */
  public static final String IGNORE_ANNOTATION = "wsingress.dev/ignore";

  private static volatile List<Target> discovered;

  /** Checks with every target on the class path and no code ignored. */
  public static Report check(Manifests in) {
    return new Options(null, Set.of()).check(in);
  }

  /** A doctor that leaves out findings with these codes. */
  public static Options ignoring(String... codes) {
    return new Options(null, Set.of()).ignoring(codes);
  }

  /** A doctor that asks only these targets to read (instead of every target on the class path). */
  public static Options with(Target... targets) {
    return new Options(null, Set.of()).with(targets);
  }

  static List<Target> discovered() {
    List<Target> d = discovered;
    if (d == null) {
      discovered = d = Target.discover();
    }
    return d;
  }

  /** A configured doctor: immutable, each method returns a changed copy. */
  public static final class Options {
    private final List<Target> targets;
    private final Set<String> ignored;

    private Options(List<Target> targets, Set<String> ignored) {
      this.targets = targets;
      this.ignored = ignored;
    }

    /** Also leaves out findings with these codes (case-insensitive). */
    public Options ignoring(String... codes) {
      if (codes == null) {
        throw new IllegalArgumentException("codes is null");
      }
      return ignoring(Arrays.asList(codes));
    }

    /** Also leaves out findings with these codes (case-insensitive). */
    public Options ignoring(Collection<String> codes) {
      Set<String> all = new TreeSet<>(ignored);
      for (String c : codes) {
        if (c == null || c.isBlank()) {
          throw new IllegalArgumentException("an ignored code is empty");
        }
        all.add(c.trim().toUpperCase(Locale.ROOT));
      }
      return new Options(targets, Set.copyOf(all));
    }

    /** Asks only these targets to read. */
    public Options with(Target... only) {
      if (only == null || Arrays.asList(only).contains(null)) {
        throw new IllegalArgumentException("a target is null");
      }
      return new Options(List.of(only), ignored);
    }

    /** Checks the manifests. */
    public Report check(Manifests in) {
      Objects.requireNonNull(in, "in");
      List<Target> readers = targets != null ? targets : discovered();
      List<YamlReader.Noted> notes = new ArrayList<>(in.notes());
      List<Reading> readings = new ArrayList<>(readers.size());
      List<ServedRoute> routes = new ArrayList<>();
      for (Target t : readers) {
        Reading r;
        try {
          r = Reading.of(t, in, false); // the doctor leaves not-carried findings out
        } catch (RuntimeException e) {
          notes.add(failed(t, e));
          continue;
        }
        readings.add(r);
        routes.addAll(r.routes());
      }
      // Second pass: targets that act on other targets' traffic (a mesh, the platform kit) judge
      // every route; a judge that fails loses its findings like a reader that fails.
      List<ServedRoute> all = List.copyOf(routes);
      for (Reading r : readings) {
        try {
          r.judge(all);
        } catch (RuntimeException e) {
          notes.add(failed(r.target(), e));
          continue;
        }
        notes.addAll(r.notes());
      }
      CoreRules.check(in, routes, notes);
      Set<Finding> kept = new LinkedHashSet<>();
      for (YamlReader.Noted n : notes) {
        if (!ignored.contains(n.finding.code()) && !suppressed(n)) {
          kept.add(n.finding);
        }
      }
      return new Report(new ArrayList<>(kept), readings, routes, in);
    }

    private static YamlReader.Noted failed(Target t, RuntimeException e) {
      return new YamlReader.Noted(
          CoreCheck.READER_FAILED.at(
              "target " + t.id(),
              "the "
                  + t.displayName()
                  + " reader failed: "
                  + e.getClass().getSimpleName()
                  + (e.getMessage() == null ? "" : ": " + e.getMessage())
                  + "."),
          null);
    }

    private static boolean suppressed(YamlReader.Noted n) {
      if (n.about == null) {
        return false;
      }
      String codes = n.about.annotation(IGNORE_ANNOTATION).orElse("");
      if (codes.isEmpty()) {
        return false;
      }
      for (String c : codes.split("[,\\s]+")) {
        if (c.equalsIgnoreCase(n.finding.code())) {
          return true;
        }
      }
      return false;
    }

    @Override
    public String toString() {
      return "Doctor.Options[targets="
          + (targets == null ? "discovered" : targets.stream().map(Target::id).toList())
          + ", ignoring="
          + ignored
          + "]";
    }
  }
}
