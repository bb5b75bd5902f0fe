package dev.wsingress.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.wsingress.Finding;
import dev.wsingress.Rendering;
import dev.wsingress.Severity;
import dev.wsingress.Target;
import dev.wsingress.Targets;
import dev.wsingress.UnsupportedFeatureException;
import dev.wsingress.Yaml;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The work of {@code wsingress render}: read every spec, render every app for every set of targets
 * in memory, print the findings, and write the manifests only when nothing failed.
 */
final class Render {
  private final Cli cli;
  private final Rendered cmd;
  private final List<List<Target>> sets;
  private final StringBuilder findingsText = new StringBuilder();
  private boolean failed;
  // The document of every object kept by render(), as ObjectYaml (Yaml.write's bytes) wrote it.
  private final Map<HasMetadata, String> documents = new IdentityHashMap<>();
  private boolean atThreshold;

  /**
   * Checks the targets and their flags (usage errors), before any input is read.
   *
   * @param targets the names given to the command's target option, or {@code all}
   */
  Render(Cli cli, Rendered cmd, List<String> targets) {
    this.cli = cli;
    this.cmd = cmd;
    TargetCatalog catalog = new TargetCatalog(cli.targets.get(), cmd.flags());
    this.sets = configure(catalog, catalog.sets(targets, cmd.each, cmd.targetOption()));
  }

  /** One finding of one app, with the severity that counts for the exit code. */
  private record Reported(Finding finding, SpecFile.Document app, boolean lenientError) {
    Severity counted() {
      return lenientError ? Severity.ERROR : finding.severity();
    }
  }

  /**
   * Renders the apps, prints the findings after {@code before} (findings of the command's own, such
   * as convert's) on standard error, and the manifests on standard output unless a target failed.
   *
   * @return 1 when a target failed or a finding is at the threshold, else 0
   */
  int run(List<SpecFile.Document> apps, String before) {
    findingsText.append(before);
    StringBuilder out = new StringBuilder();
    boolean sections = sets.size() > 1 || cmd.each;
    for (List<Target> set : sets) {
      if (sections) {
        findingsText.append("# ").append(section(set.get(0))).append('\n');
      }
      List<HasMetadata> objects = render(set, apps);
      if (failed) {
        continue;
      }
      out.append(write(objects, sections ? section(set.get(0)) : null));
    }
    cli.err.print(findingsText);
    if (failed) {
      cli.err.println(
          cli.terminal.error()
              + " nothing was written: a target cannot render an app as asked (the errors"
              + " above). --lenient renders the closest approximation and reports them as"
              + " warnings.");
      return CliException.FINDINGS;
    }
    cli.out.print(out);
    return atThreshold ? CliException.FINDINGS : 0;
  }

  private static String section(Target t) {
    return t.id() + ": " + t.displayName();
  }

  /** Every set with its targets' flags, version and lenient mode applied. */
  private List<List<Target>> configure(TargetCatalog catalog, List<List<Target>> sets) {
    Set<String> rendered = new HashSet<>();
    for (List<Target> set : sets) {
      for (Target t : set) {
        rendered.add(catalog.baseId(t));
      }
    }
    for (TargetFlags f : cmd.flags()) {
      if (!rendered.contains(f.targetId()) && !f.given().isEmpty()) {
        throw CliException.usage(
            String.join(", ", f.given())
                + (f.given().size() == 1 ? " is an option" : " are options")
                + " of the target "
                + f.targetId()
                + ", which is not rendered: add "
                + f.targetId()
                + " to "
                + cmd.targetOption());
      }
    }
    for (Target t : catalog.discovered()) {
      String version = VersionFlags.given(cmd.spec, t.id());
      if (version != null && !rendered.contains(t.id())) {
        throw CliException.usage(
            VersionFlags.flag(t.id())
                + " is an option of the target "
                + t.id()
                + ", which is not rendered: add "
                + t.id()
                + " to "
                + cmd.targetOption());
      }
    }
    List<List<Target>> out = new ArrayList<>();
    for (List<Target> set : sets) {
      List<Target> configured = new ArrayList<>();
      for (Target t : set) {
        Target c = t;
        TargetFlags f = catalog.flags(t);
        if (f != null) {
          c = f.apply(c);
        }
        String base = catalog.baseId(t);
        String version = VersionFlags.given(cmd.spec, base);
        if (version != null) {
          c = VersionFlags.apply(c, VersionFlags.flag(base), version);
        }
        configured.add(c);
      }
      out.add(configured);
    }
    return out;
  }

  /** Renders every app for one set of targets; the merged objects, or nothing when it failed. */
  private List<HasMetadata> render(List<Target> set, List<SpecFile.Document> apps) {
    Target[] strict = set.toArray(new Target[0]);
    Target[] lenient = new Target[strict.length];
    for (int i = 0; i < strict.length; i++) {
      lenient[i] = strict[i].lenient();
    }
    Map<String, HasMetadata> objects = new LinkedHashMap<>();
    Map<String, String> yaml = new LinkedHashMap<>();
    Map<String, SpecFile.Document> owner = new LinkedHashMap<>();
    for (SpecFile.Document doc : apps) {
      Rendering r;
      Set<String> strictErrors = Set.of();
      try {
        if (cmd.lenient) {
          r = Targets.render(doc.app(), lenient);
          if (r.findings().stream().anyMatch(f -> f.severity() == Severity.WARNING)) {
            strictErrors = strictErrors(doc, strict);
          }
        } else {
          r = Targets.render(doc.app(), strict);
        }
      } catch (UnsupportedFeatureException e) {
        failed = true;
        report(doc, e.findings(), Set.of());
        continue;
      }
      report(doc, r.findings(), strictErrors);
      for (HasMetadata o : r.objects()) {
        String id = identity(o);
        String text = ObjectYaml.document(o);
        String before = yaml.putIfAbsent(id, text);
        if (before == null) {
          objects.put(id, o);
          documents.put(o, text);
          owner.put(id, doc);
        } else if (!before.equals(text)) {
          failed = true;
          SpecFile.Document first = owner.get(id);
          report(
              doc,
              List.of(
                  new Finding(
                      "CORE-OBJECT-CONFLICT",
                      Severity.ERROR,
                      Finding.subjectOf(o),
                      "two apps render different objects with the same kind, namespace and name"
                          + " (the first is app "
                          + first.app().name()
                          + " at "
                          + first.source()
                          + ").",
                      "Give the apps different names or namespaces, or render them separately.")),
              Set.of());
        }
      }
    }
    return failed ? List.of() : new ArrayList<>(objects.values());
  }

  /** The codes and subjects of the findings that are errors when the targets render strictly. */
  private static Set<String> strictErrors(SpecFile.Document doc, Target[] strict) {
    try {
      Targets.render(doc.app(), strict);
      return Set.of();
    } catch (UnsupportedFeatureException e) {
      Set<String> keys = new HashSet<>();
      for (Finding f : e.errors()) {
        keys.add(f.code() + " " + f.subject());
      }
      return keys;
    }
  }

  private void report(SpecFile.Document doc, List<Finding> findings, Set<String> strictErrors) {
    for (Finding f : findings) {
      Reported r =
          new Reported(
              f,
              doc,
              f.severity() == Severity.WARNING
                  && strictErrors.contains(f.code() + " " + f.subject()));
      if (cmd.failOn != FailOn.none && r.counted().ordinal() <= cmd.failOn.ordinal()) {
        atThreshold = true;
      }
      if (cmd.quiet && f.severity() == Severity.INFO) {
        continue;
      }
      findingsText.append(
          line(
              doc.source().toString(),
              r.lenientError()
                  ? cli.terminal.severity("ERROR") + " (lenient)"
                  : cli.terminal.severity(f.severity().name()),
              f));
    }
  }

  /**
   * {@code where: severity: CODE subject: message}, then {@code hint: ...}: a finding on stderr.
   */
  static String line(String where, String severity, Finding f) {
    return where
        + ": "
        + severity
        + ": "
        + f.code()
        + ' '
        + f.subject()
        + ": "
        + f.message()
        + "\n  hint: "
        + f.hint()
        + '\n';
  }

  private static String identity(HasMetadata o) {
    String ns = o.getMetadata().getNamespace();
    return o.getApiVersion()
        + "/"
        + o.getKind()
        + "/"
        + (ns == null ? "" : ns)
        + "/"
        + o.getMetadata().getName();
  }

  /** The objects of one set in the chosen format; a comment names the section, if any. */
  private String write(List<HasMetadata> objects, String section) {
    // Each object's document, written once for the conflict check, in Yaml.write's order.
    List<HasMetadata> sorted = new ArrayList<>(objects);
    sorted.sort(Yaml.order());
    StringBuilder b = new StringBuilder();
    for (HasMetadata o : sorted) {
      b.append(documents.get(o));
    }
    String yaml = b.toString();
    if (cmd.output == RenderCommand.Output.yaml) {
      return section == null ? yaml : "# " + section + "\n" + yaml;
    }
    return json(yaml);
  }

  /** The same objects as a {@code v1 List}, in the same order, with the same values. */
  static String json(String yaml) {
    ObjectMapper trees = new ObjectMapper(new YAMLFactory());
    ObjectNode list = JsonNodeFactory.instance.objectNode();
    list.put("apiVersion", "v1");
    list.put("kind", "List");
    ArrayNode items = list.putArray("items");
    try (MappingIterator<JsonNode> docs = trees.readerFor(JsonNode.class).readValues(yaml)) {
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
          items.add(doc);
        }
      }
      return Json.write(list);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
