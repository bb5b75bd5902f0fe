package dev.wsingress.assertj;

import dev.wsingress.Doctor;
import dev.wsingress.Finding;
import dev.wsingress.Manifests;
import dev.wsingress.Report;
import dev.wsingress.ServedRoute;
import dev.wsingress.Severity;
import dev.wsingress.Source;
import dev.wsingress.Target;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.AbstractAssert;

/**
 * The assertions {@link ManifestsAssert} and {@link RenderingAssert} share: the routes a request
 * takes, the findings, the objects. Routes come from {@link Doctor}: every target on the class path
 * reads the manifests (or only those given to {@link #readBy}), exactly as {@code Doctor.check}
 * does, and a route is found by host and path as a request would match it ({@link
 * ServedRoute#matches}), the best match first ({@link Report#routes(String, String)}).
 *
 * @param <SELF> the concrete assertion type, returned by every assertion
 * @param <ACTUAL> what is asserted on
 */
public abstract sealed class AbstractManifestsAssert<
        SELF extends AbstractManifestsAssert<SELF, ACTUAL>, ACTUAL>
    extends AbstractAssert<SELF, ACTUAL> permits ManifestsAssert, RenderingAssert {

  private Target[] readers;
  private Report report;
  private final Set<String> ignored = new TreeSet<>();

  AbstractManifestsAssert(ACTUAL actual, Class<?> selfType) {
    super(actual, selfType);
  }

  /** The manifests the targets read. */
  abstract Manifests manifests();

  /** Every finding, before {@link #ignoring}. */
  abstract List<Finding> allFindings();

  /** Every object, as messages name it. */
  abstract List<Obj> objects();

  /** An object: its kind, namespace (empty for none), name, and where it is written (or null). */
  record Obj(String kind, String namespace, String name, Source source) {
    String subject() {
      return kind + " " + (namespace.isEmpty() ? name : namespace + "/" + name);
    }

    String listed() {
      return "  " + subject() + (source == null ? "" : " (" + source + ")");
    }
  }

  /** What the doctor made of the manifests (computed once, again after {@link #readBy}). */
  final Report report() {
    if (report == null) {
      Manifests m = manifests();
      report = readers == null ? Doctor.check(m) : Doctor.with(readers).check(m);
    }
    return report;
  }

  /**
   * Reads the manifests with these targets only, instead of every target on the class path: a
   * reader configured as your controller is ({@code Nginx.target().ingressClass("internal")}), or
   * one target when several serve the same host.
   *
   * <pre>{@code
   * assertThat(manifests).readBy(GatewayApi.target()).route("chat.example.com", "/ws")...
   * }</pre>
   *
   * @throws IllegalArgumentException when no target is given, or one is null
   */
  public SELF readBy(Target... targets) {
    if (targets == null || targets.length == 0) {
      throw new IllegalArgumentException("no target given: name at least one reader");
    }
    if (Arrays.asList(targets).contains(null)) {
      throw new IllegalArgumentException("a target is null");
    }
    this.readers = targets.clone();
    this.report = null;
    return myself;
  }

  /**
   * Leaves findings with these codes out of the finding assertions (case-insensitive), as {@link
   * Doctor#ignoring} does.
   *
   * <pre>{@code
   * assertThat(manifests).ignoring("CORE-BACKEND-NOT-IN-INPUT").hasNoFindingsAtOrAbove(INFO);
   * }</pre>
   *
   * @throws IllegalArgumentException when a code is null or blank
   */
  public SELF ignoring(String... codes) {
    if (codes == null) {
      throw new IllegalArgumentException("codes is null");
    }
    for (String c : codes) {
      if (c == null || c.isBlank()) {
        throw new IllegalArgumentException("an ignored code is empty");
      }
      ignored.add(c.trim().toUpperCase(Locale.ROOT));
    }
    return myself;
  }

  /** The findings without the ignored codes. */
  final List<Finding> findings() {
    List<Finding> out = new ArrayList<>();
    for (Finding f : allFindings()) {
      if (!ignored.contains(f.code().toUpperCase(Locale.ROOT))) {
        out.add(f);
      }
    }
    return out;
  }

  private String ignoredNote() {
    return ignored.isEmpty() ? "" : " (ignoring " + String.join(", ", ignored) + ")";
  }

  /**
   * Navigates to the route that a request for {@code host} and {@code path} takes, to assert on it;
   * {@link RouteAssert#and()} comes back. Fails when no route serves the request (the message lists
   * the routes that exist for the host), or when several targets serve it (name one with {@link
   * #readBy}).
   *
   * <pre>{@code
   * assertThat(manifests)
   *     .route("chat.example.com", "/ws")
   *         .upgradesToWebSocket()
   *         .hasIdleTimeoutAtLeast(Duration.ofHours(1))
   *         .and()
   *     .hasNoFindingsAtOrAbove(Severity.WARNING);
   * }</pre>
   */
  public RouteAssert<SELF> route(String host, String path) {
    List<ServedRoute> found = served(host, path);
    Set<String> targets = new LinkedHashSet<>();
    for (ServedRoute r : found) {
      targets.add(r.targetId());
    }
    if (targets.size() > 1) {
      List<String> lines = new ArrayList<>();
      lines.add("Expecting one target to serve " + host + path + ",");
      lines.add("but " + targets.size() + " do:");
      for (String t : targets) {
        lines.add(
            Messages.listed(
                found.stream().filter(r -> r.targetId().equals(t)).findFirst().orElseThrow()));
      }
      lines.add("Name the one to check with readBy(...).");
      throw failure(Messages.format(lines.toArray(String[]::new)));
    }
    RouteAssert<SELF> route = new RouteAssert<>(found.get(0), myself, host, path);
    if (info.hasDescription()) {
      route.describedAs(info.description());
    }
    return route;
  }

  /** Asserts that some target serves a request for {@code host} and {@code path}. */
  public SELF hasRoute(String host, String path) {
    served(host, path);
    return myself;
  }

  /**
   * Asserts that no target serves a request for {@code host} and {@code path} (say, an admin path
   * that must stay internal).
   */
  public SELF hasNoRouteFor(String host, String path) {
    isNotNull();
    checkRequest(host, path);
    List<ServedRoute> found = report().routes(host, path);
    if (!found.isEmpty()) {
      List<String> lines = new ArrayList<>();
      lines.add("Expecting no route for " + host + path + ",");
      lines.add("but it is served by:");
      found.forEach(r -> lines.add(Messages.listed(r)));
      throw failure(Messages.format(lines.toArray(String[]::new)));
    }
    return myself;
  }

  private static void checkRequest(String host, String path) {
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("host is empty: give the host a request names");
    }
    if (path == null || !path.startsWith("/")) {
      throw new IllegalArgumentException("path must start with /: " + path);
    }
  }

  /** The routes serving the request, best first; fails when there is none. */
  private List<ServedRoute> served(String host, String path) {
    isNotNull();
    checkRequest(host, path);
    Report r = report();
    List<ServedRoute> found = r.routes(host, path);
    if (!found.isEmpty()) {
      return found;
    }
    String expecting = "Expecting a route for " + host + path + ",";
    if (r.routes().isEmpty()) {
      List<String> ids = new ArrayList<>();
      r.readings().forEach(x -> ids.add(x.target().id()));
      throw failure(
          Messages.format(
              expecting,
              "but the targets that read the manifests ("
                  + (ids.isEmpty() ? "none" : String.join(", ", ids))
                  + ") serve no route."));
    }
    List<ServedRoute> sameHost = new ArrayList<>();
    Set<String> hosts = new LinkedHashSet<>();
    for (ServedRoute s : r.routes()) {
      if (servesHost(s, host)) {
        sameHost.add(s);
      } else {
        hosts.add(s.host() + " (" + s.targetId() + ")");
      }
    }
    if (sameHost.isEmpty()) {
      throw failure(
          Messages.format(
              expecting,
              "but no route serves the host "
                  + host
                  + "; the hosts served: "
                  + String.join(", ", hosts)
                  + "."));
    }
    List<String> lines = new ArrayList<>();
    lines.add(expecting);
    lines.add("but no route serves it; the routes for " + host + ":");
    sameHost.forEach(s -> lines.add(Messages.listed(s)));
    throw failure(Messages.format(lines.toArray(String[]::new)));
  }

  /**
   * Whether the route's host match takes {@code host}: the rule of {@link ServedRoute.HostMatch},
   * used here only to list a host's routes in a failure message.
   */
  static boolean servesHost(ServedRoute r, String host) {
    String given = host.toLowerCase(Locale.ROOT);
    String mine = r.host().toLowerCase(Locale.ROOT);
    switch (r.hostMatch()) {
      case ANY:
        return true;
      case EXACT:
        return given.equals(mine);
      default:
        String suffix = mine.substring(1);
        if (!given.endsWith(suffix) || given.length() == suffix.length()) {
          return false;
        }
        String label = given.substring(0, given.length() - suffix.length());
        return r.hostMatch() == ServedRoute.HostMatch.WILDCARD_SUFFIX || label.indexOf('.') < 0;
    }
  }

  /** Asserts that there is a finding with this code (after {@link #ignoring}). */
  public SELF hasFinding(String code) {
    isNotNull();
    Objects.requireNonNull(code, "code");
    List<Finding> all = findings();
    if (all.stream().noneMatch(f -> f.code().equals(code))) {
      throw failure(missing("Expecting a finding " + code + ",", all));
    }
    return myself;
  }

  private String missing(String expecting, List<Finding> all) {
    if (all.isEmpty()) {
      return Messages.format(expecting, "but there are no findings" + ignoredNote() + ".");
    }
    List<String> lines = new ArrayList<>();
    lines.add(expecting);
    lines.add("but there is none" + ignoredNote() + "; the findings:");
    all.forEach(f -> lines.add(Messages.listed(f)));
    return Messages.format(lines.toArray(String[]::new));
  }

  /** Whether a finding's file is {@code file}, or ends with {@code /file}. */
  static boolean inFile(Source s, String file) {
    return s.file().equals(file) || s.file().endsWith("/" + file);
  }

  /**
   * Asserts that there is a finding with this code at this line of this file: the file as the input
   * names it (the template of a Helm {@code # Source:} comment, the path read), or its end ({@code
   * templates/ingress.yaml} for {@code chart/templates/ingress.yaml}).
   */
  public SELF hasFindingAt(String code, String file, int line) {
    isNotNull();
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(file, "file");
    List<Finding> all = findings();
    String expecting = "Expecting a finding " + code + " at " + file + ":" + line + ",";
    List<Finding> withCode = all.stream().filter(f -> f.code().equals(code)).toList();
    if (withCode.isEmpty()) {
      throw failure(missing(expecting, all));
    }
    for (Finding f : withCode) {
      if (f.source().map(s -> s.line() == line && inFile(s, file)).orElse(false)) {
        return myself;
      }
    }
    List<String> lines = new ArrayList<>();
    lines.add(expecting);
    lines.add("but the findings " + code + " are:");
    withCode.forEach(f -> lines.add(Messages.listed(f)));
    throw failure(Messages.format(lines.toArray(String[]::new)));
  }

  /**
   * Asserts that no finding is at {@code severity} or more severe ({@code WARNING}: no warning and
   * no error), after {@link #ignoring}; the message lists each with its hint.
   */
  public SELF hasNoFindingsAtOrAbove(Severity severity) {
    isNotNull();
    Objects.requireNonNull(severity, "severity");
    List<Finding> found =
        findings().stream().filter(f -> f.severity().compareTo(severity) <= 0).toList();
    if (!found.isEmpty()) {
      List<String> lines = new ArrayList<>();
      lines.add(
          switch (severity) {
            case ERROR -> "Expecting no errors" + ignoredNote() + ",";
            case WARNING -> "Expecting no findings at WARNING or above" + ignoredNote() + ",";
            case INFO -> "Expecting no findings" + ignoredNote() + ",";
          });
      lines.add("but there " + (found.size() == 1 ? "is 1" : "are " + found.size()) + ":");
      for (Finding f : found) {
        lines.add(Messages.listed(f));
        lines.add("    Hint: " + f.hint());
      }
      throw failure(Messages.format(lines.toArray(String[]::new)));
    }
    return myself;
  }

  /** Asserts that no finding is an {@link Severity#ERROR} (after {@link #ignoring}). */
  public SELF hasNoErrors() {
    return hasNoFindingsAtOrAbove(Severity.ERROR);
  }

  /**
   * Asserts that there is an object of this kind, namespace and name. An object written without a
   * namespace lands wherever it is applied, so it matches any {@code namespace}; give {@code null}
   * or {@code ""} for a cluster-scoped object.
   *
   * <pre>{@code
   * assertThat(rendering).containsObject("Ingress", "default", "chat");
   * }</pre>
   */
  public SELF containsObject(String kind, String namespace, String name) {
    isNotNull();
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    String ns = namespace == null ? "" : namespace;
    List<Obj> all = objects();
    List<Obj> ofKind = all.stream().filter(o -> o.kind().equals(kind)).toList();
    for (Obj o : ofKind) {
      if (o.name().equals(name) && (o.namespace().isEmpty() || o.namespace().equals(ns))) {
        return myself;
      }
    }
    String expecting = "Expecting an object " + new Obj(kind, ns, name, null).subject() + ",";
    List<String> lines = new ArrayList<>();
    lines.add(expecting);
    if (ofKind.isEmpty()) {
      if (all.isEmpty()) {
        throw failure(Messages.format(expecting, "but there are no objects."));
      }
      lines.add("but there is no " + kind + "; the objects:");
      all.forEach(o -> lines.add(o.listed()));
    } else {
      lines.add("but the objects of kind " + kind + " are:");
      ofKind.forEach(o -> lines.add(o.listed()));
    }
    throw failure(Messages.format(lines.toArray(String[]::new)));
  }
}
