package dev.wsingress;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Doctor} found: the findings sorted by file, line, column and code (findings without a
 * source last), the routes every target serves, and the three output formats. Immutable; the same
 * input always gives the same bytes.
 *
 * <pre>{@code
 * Report r = Doctor.check(Manifests.read(Path.of("k8s")));
 * r.findings();                         // sorted
 * r.routes("chat.example.com", "/ws");  // what serves a request, best match first
 * Files.writeString(Path.of("doctor.sarif"), r.toSarif());
 * System.exit(r.exitCode(Severity.WARNING));   // 1 when a warning or an error was found
 * }</pre>
 *
 * <h2>Text</h2>
 *
 * One line per finding, {@code file:line:column: SEVERITY CODE subject: message}, then the hint
 * indented by four spaces; a finding without a source starts with {@code -:}. A last line counts
 * them: {@code 1 error, 2 warnings, 0 infos in 12 objects from 3 files}.
 *
 * <h2>JSON</h2>
 *
 * <pre>{@code
 * {"findings":[{"code":…,"severity":"ERROR|WARNING|INFO","subject":…,"message":…,"hint":…,
 *               "file":…|null,"line":…|null,"column":…|null}],
 *  "summary":{"errors":…,"warnings":…,"infos":…,"objects":…,"files":…}}
 * }</pre>
 *
 * Keys always in this order, every key always present, indented by two spaces, UTF-8.
 *
 * <h2>SARIF</h2>
 *
 * SARIF 2.1.0: one run whose tool driver is {@code wsingress} with a rule per code (id; short
 * description, full description and help from the {@link FindingCatalog finding catalogue}: the
 * meaning, the meaning and the fix, the fix and the upstream source; default level), and a result
 * per finding (rule id and index, level {@code error}/{@code warning}/{@code note}, message {@code
 * subject: message}, and a physical location with a region when the finding has a source).
 */
public final class Report {
  /** The order of findings: by source (none last), then code, severity, subject, message. */
  static final Comparator<Finding> ORDER = Report::compare;

  // One method rather than a chain of key extractors: a doctor run sorts thousands of findings
  // once, mostly before the JIT has compiled anything.
  private static int compare(Finding a, Finding b) {
    Optional<Source> as = a.source();
    Optional<Source> bs = b.source();
    int c = Boolean.compare(as.isEmpty(), bs.isEmpty());
    if (c != 0) {
      return c;
    }
    if (as.isPresent() && (c = as.get().compareTo(bs.get())) != 0) {
      return c;
    }
    if ((c = a.code().compareTo(b.code())) != 0
        || (c = a.severity().compareTo(b.severity())) != 0
        || (c = a.subject().compareTo(b.subject())) != 0
        || (c = a.message().compareTo(b.message())) != 0) {
      return c;
    }
    return a.hint().compareTo(b.hint());
  }

  private final List<Finding> findings;
  private final List<Reading> readings;
  private final List<ServedRoute> routes;
  private final int objects;
  private final int files;

  Report(List<Finding> findings, List<Reading> readings, List<ServedRoute> routes, Manifests in) {
    List<Finding> sorted = new ArrayList<>(findings);
    sorted.sort(ORDER);
    this.findings = List.copyOf(sorted);
    this.readings = List.copyOf(readings);
    this.routes = List.copyOf(routes);
    this.objects = in.objects().size();
    this.files = in.files().size();
  }

  /** Every finding, sorted. */
  public List<Finding> findings() {
    return findings;
  }

  /** The findings with this code. */
  public List<Finding> findings(String code) {
    return findings.stream().filter(f -> f.code().equals(code)).toList();
  }

  /** How many findings have this severity. */
  public int count(Severity severity) {
    int n = 0;
    for (Finding f : findings) {
      if (f.severity() == severity) {
        n++;
      }
    }
    return n;
  }

  /** How many objects were read. */
  public int objectCount() {
    return objects;
  }

  /** How many files (or texts) were read. */
  public int fileCount() {
    return files;
  }

  /** What each target read, in the order of the targets. */
  public List<Reading> readings() {
    return readings;
  }

  /** Every route every target serves, in the order the targets reported them. */
  public List<ServedRoute> routes() {
    return routes;
  }

  /**
   * The routes that a request for {@code host} and {@code path} would take, the winner of each
   * target first ({@link ServedRoute#PRECEDENCE}); several targets may serve the same host.
   */
  public List<ServedRoute> routes(String host, String path) {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(path, "path");
    List<ServedRoute> out = new ArrayList<>();
    for (ServedRoute r : routes) {
      if (r.matches(host, path)) {
        out.add(r);
      }
    }
    out.sort(Comparator.comparing(ServedRoute::targetId).thenComparing(ServedRoute.PRECEDENCE));
    return out;
  }

  /**
   * The process exit code for a threshold: 1 when a finding is at {@code failOn} or more severe, 0
   * otherwise (the CLI adds 2 for usage errors and 3 for unreadable input).
   */
  public int exitCode(Severity failOn) {
    Objects.requireNonNull(failOn, "failOn");
    for (Finding f : findings) {
      if (f.severity().compareTo(failOn) <= 0) {
        return 1;
      }
    }
    return 0;
  }

  /** The findings as text (see the class description). */
  public String toText() {
    return ReportFormats.text(this);
  }

  /** The findings as JSON (see the class description). */
  public String toJson() {
    return ReportFormats.json(this);
  }

  /** The findings as SARIF 2.1.0 (see the class description). */
  public String toSarif() {
    return ReportFormats.sarif(this);
  }

  @Override
  public String toString() {
    return "Report["
        + count(Severity.ERROR)
        + " errors, "
        + count(Severity.WARNING)
        + " warnings, "
        + count(Severity.INFO)
        + " infos]";
  }
}
