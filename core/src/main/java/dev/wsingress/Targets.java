package dev.wsingress;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders one app for several targets at once, as one set of objects without duplicates.
 *
 * <pre>{@code
 * Rendering all = Targets.render(app, Nginx.target(), Platform.target());
 * }</pre>
 */
public final class Targets {
  private Targets() {}

  /**
   * Renders the app for every target and merges the results. Objects that two targets both render
   * identically appear once; two different objects with the same kind, namespace and name are a
   * conflict.
   *
   * @throws IllegalArgumentException when no target is given, one is null, or two share an id
   * @throws UnsupportedFeatureException when a strict target cannot render the app, or two targets
   *     render different objects under the same name ({@code CORE-OBJECT-CONFLICT})
   */
  public static Rendering render(WebSocketApp app, Target... targets) {
    if (app == null) {
      throw new IllegalArgumentException("app is null: build a WebSocketApp first");
    }
    if (targets == null || targets.length == 0) {
      throw new IllegalArgumentException(
          "no target given: pass at least one, such as Platform.target()");
    }
    List<String> ids = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < targets.length; i++) {
      if (targets[i] == null) {
        throw new IllegalArgumentException("targets[" + i + "] is null");
      }
      if (!seen.add(targets[i].id())) {
        throw new IllegalArgumentException(
            "target \"" + targets[i].id() + "\" is given twice: pass each target once");
      }
      ids.add(targets[i].id());
    }
    RenderContext context = context(app, List.of(targets));
    Map<String, HasMetadata> objects = new LinkedHashMap<>();
    Map<String, String> yamlOf = new LinkedHashMap<>();
    Set<Finding> findings = new LinkedHashSet<>();
    List<Finding> conflicts = new ArrayList<>(context.contributions().conflicts());
    for (Target target : targets) {
      Rendering r = target.render(app, context);
      findings.addAll(r.findings());
      for (HasMetadata o : r.objects()) {
        String key = ObjectOrder.identity(o);
        HasMetadata existing = objects.putIfAbsent(key, o);
        if (existing == null) {
          continue;
        }
        String before = yamlOf.computeIfAbsent(key, k -> Yaml.write(List.of(existing)));
        if (!before.equals(Yaml.write(List.of(o)))) {
          conflicts.add(
              new Finding(
                  "CORE-OBJECT-CONFLICT",
                  Severity.ERROR,
                  Finding.subjectOf(o),
                  "two targets render different objects with the same kind, namespace and name"
                      + " (the second came from "
                      + target.displayName()
                      + ").",
                  "Render these targets separately, or give each its own app name."));
        }
      }
    }
    if (!conflicts.isEmpty()) {
      // Conflicts have no lenient form: two different objects cannot both be applied.
      List<Finding> all = new ArrayList<>(findings);
      all.addAll(conflicts);
      throw new UnsupportedFeatureException(String.join(" + ", ids), all);
    }
    return new Rendering(new ArrayList<>(objects.values()), new ArrayList<>(findings));
  }

  static RenderContext context(WebSocketApp app, List<Target> targets) {
    List<String> ids = new ArrayList<>(targets.size());
    List<Contributions.Builder> needs = new ArrayList<>(targets.size());
    for (Target t : targets) {
      ids.add(t.id());
      Contributions.Builder b = new Contributions.Builder(t.displayName());
      t.contribute(app, b);
      needs.add(b);
    }
    String subject = "Service " + app.namespace() + "/" + app.serviceName();
    return new RenderContext(ids, Contributions.merge(needs, subject));
  }
}
