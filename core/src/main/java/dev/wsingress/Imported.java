package dev.wsingress;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Import} made of some manifests: the apps, each with the targets the input implies and
 * the objects it was read from, and every finding — what could not be carried and why, each with
 * its file and line, sorted like the doctor's. Immutable.
 *
 * <pre>{@code
 * Imported in = Import.from(Manifests.read(Path.of("k8s")));
 * for (ImportedApp a : in.importedApps()) {
 *   a.app();          // the WebSocketApp
 *   a.target();       // Nginx[ingressClass=internal, version=1.15]: as the input configures it
 *   a.findings();     // this app's findings
 *   a.sources();      // [Ingress default/chat, Ingress default/chat-http]
 * }
 * in.findings("CORE-IMPORT-NOT-CARRIED");
 * Target t = in.target(in.apps().get(0));
 * }</pre>
 */
public final class Imported {
  private final List<ImportedApp> imported;
  private final List<WebSocketApp> apps;
  private final List<Finding> findings;

  Imported(List<ImportedApp> imported, List<Finding> findings) {
    this.imported = List.copyOf(imported);
    List<WebSocketApp> a = new ArrayList<>(imported.size());
    for (ImportedApp i : imported) {
      a.add(i.app());
    }
    this.apps = List.copyOf(a);
    this.findings = List.copyOf(findings);
  }

  /** One app per app found, in the order their first route was read. */
  public List<WebSocketApp> apps() {
    return apps;
  }

  /** The apps with their targets, findings and sources, in the order of {@link #apps()}. */
  public List<ImportedApp> importedApps() {
    return imported;
  }

  /**
   * The import of one of {@link #apps()}.
   *
   * @throws IllegalArgumentException when the app is not one of them
   */
  public ImportedApp of(WebSocketApp app) {
    Objects.requireNonNull(app, "app");
    for (ImportedApp i : imported) {
      if (i.app() == app) {
        return i;
      }
    }
    for (ImportedApp i : imported) {
      if (i.app().equals(app)) {
        return i;
      }
    }
    throw new IllegalArgumentException(
        "the app " + app.namespace() + "/" + app.name() + " is not one of these imported apps");
  }

  /**
   * The serving target of one of {@link #apps()}, configured as the input implies (ingress class,
   * Gateway, controller ConfigMap, release line): {@code of(app).target()}.
   *
   * @throws IllegalArgumentException when the app is not one of them
   */
  public Target target(WebSocketApp app) {
    return of(app).target();
  }

  /**
   * Every finding: the input's parse problems, what each reader found (the doctor's findings about
   * the input, and what the spec cannot hold), and the converter's {@code CORE-IMPORT-…}; sorted by
   * file, line, column and code.
   */
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

  @Override
  public String toString() {
    return "Imported["
        + apps.size()
        + (apps.size() == 1 ? " app, " : " apps, ")
        + findings.size()
        + " findings]";
  }
}
