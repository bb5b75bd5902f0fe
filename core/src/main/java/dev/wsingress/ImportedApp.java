package dev.wsingress;

import java.util.List;

/**
 * One app {@link Import} found: the spec, the targets the input implies (the serving target first,
 * then those whose objects add to the app, such as the platform kit), the findings about it, and
 * the objects it was read from (which a converted rendering replaces). Immutable.
 *
 * <pre>{@code
 * ImportedApp a = Import.from(manifests).importedApps().get(0);
 * Rendering same = a.render();                               // the input's controller, options kept
 * Rendering moved = Targets.render(a.app(), Traefik.target(), Platform.target());
 * Files.writeString(Path.of("ChatApp.java"), a.toJava("com.example.deploy", "ChatApp"));
 * }</pre>
 */
public final class ImportedApp {
  private final WebSocketApp app;
  private final List<Target> targets;
  private final List<Finding> findings;
  private final List<Manifest> sources;
  private final List<ServedRoute> routes;

  ImportedApp(
      WebSocketApp app,
      List<Target> targets,
      List<Finding> findings,
      List<Manifest> sources,
      List<ServedRoute> routes) {
    this.app = app;
    this.targets = List.copyOf(targets);
    this.findings = List.copyOf(findings);
    this.sources = List.copyOf(sources);
    this.routes = List.copyOf(routes);
  }

  /** The spec. */
  public WebSocketApp app() {
    return app;
  }

  /** The target that serves the app's routes, configured as the input implies. */
  public Target target() {
    return targets.get(0);
  }

  /**
   * Every target whose objects the app was read from, configured as the input implies: {@link
   * #target()} first, then the others (the platform kit, a mesh) in the order they read.
   */
  public List<Target> targets() {
    return targets;
  }

  /** The findings about this app and the objects it was read from, sorted. */
  public List<Finding> findings() {
    return findings;
  }

  /** The objects the app was read from, in input order. */
  public List<Manifest> sources() {
    return sources;
  }

  /** The served routes the app's routes were made of (every host), in reading order. */
  public List<ServedRoute> routes() {
    return routes;
  }

  /**
   * Renders the app with {@link #targets()}: the input's controllers and options, in wsingress's
   * form.
   *
   * @throws UnsupportedFeatureException as {@link Targets#render} does
   */
  public Rendering render() {
    return Targets.render(app, targets.toArray(new Target[0]));
  }

  /**
   * The app as Java source: a class {@code className} in {@code packageName} whose static {@code
   * app()} builds it with the DSL (see {@link JavaDsl}), its javadoc naming the objects it was read
   * from and the targets it was served by.
   */
  public String toJava(String packageName, String className) {
    StringBuilder about = new StringBuilder("Imported from ");
    for (int i = 0; i < sources.size(); i++) {
      about.append(i == 0 ? "" : ", ").append(sources.get(i).subject());
    }
    about.append(" (").append(sources.get(0).source().file()).append("); served by ");
    for (int i = 0; i < targets.size(); i++) {
      about.append(i == 0 ? "" : ", ").append(targets.get(i));
    }
    about.append('.');
    return JavaDsl.of(app).describedAs(about.toString()).toSource(packageName, className);
  }

  @Override
  public String toString() {
    return "ImportedApp["
        + app.namespace()
        + "/"
        + app.name()
        + " by "
        + targets.stream().map(Target::id).toList()
        + ", "
        + findings.size()
        + " findings]";
  }
}
