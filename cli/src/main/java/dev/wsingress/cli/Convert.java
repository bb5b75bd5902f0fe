package dev.wsingress.cli;

import dev.wsingress.Finding;
import dev.wsingress.Import;
import dev.wsingress.Imported;
import dev.wsingress.ImportedApp;
import dev.wsingress.Manifests;
import dev.wsingress.Severity;
import dev.wsingress.Source;
import dev.wsingress.Target;
import dev.wsingress.WebSocketApp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The work of {@code wsingress convert}: read the manifests, import them, print the import
 * findings, then write the apps as spec files, as Java, or rendered for targets ({@link Render}).
 */
final class Convert {
  private final Cli cli;
  private final ConvertCommand cmd;
  private boolean atThreshold;

  Convert(Cli cli, ConvertCommand cmd) {
    this.cli = cli;
    this.cmd = cmd;
  }

  /** What {@code --to} asks for. */
  private enum Mode {
    SPEC,
    JAVA,
    TARGETS
  }

  int run(List<String> names) {
    List<String> to = cmd.to.stream().map(String::strip).toList();
    Mode mode = to.contains("spec") ? Mode.SPEC : to.contains("java") ? Mode.JAVA : Mode.TARGETS;
    Render render = null;
    if (mode == Mode.TARGETS) {
      // Usage errors first, before any input is read: the targets and their flags.
      render = new Render(cli, cmd.rendering, to);
    } else {
      noRenderingOptions(to, mode);
    }
    if (mode == Mode.JAVA && !cmd.javaPackage.isEmpty()) {
      for (String part : cmd.javaPackage.split("\\.", -1)) {
        if (!part.matches("[A-Za-z_$][A-Za-z0-9_$]*")) {
          throw CliException.usage(
              "--java-package = "
                  + dev.wsingress.SpecRules.show(cmd.javaPackage)
                  + ": is not a Java package name, such as com.example.deploy");
        }
      }
    }
    Manifests in = ManifestInputs.read(names, cli);
    Imported imported = Import.with(cli.targets.get().toArray(new Target[0])).from(in);
    String findings = findings(imported.findings());
    if (ManifestInputs.unparsed(imported.findings())) {
      cli.err.print(findings);
      throw CliException.input(
          "some input cannot be parsed (the CORE-YAML errors above); nothing was converted");
    }
    if (imported.apps().isEmpty()) {
      cli.err.print(findings);
      cli.err.println(
          cli.terminal.error()
              + " no app was converted: no target reads a route that carries WebSocket traffic in"
              + " the input (the findings above say why)");
      return CliException.FINDINGS;
    }
    int code = atThreshold ? CliException.FINDINGS : 0;
    switch (mode) {
      case SPEC -> {
        cli.err.print(findings);
        cli.out.print(SpecFile.write(imported.apps()));
      }
      case JAVA -> {
        cli.err.print(findings);
        cli.out.print(java(imported.importedApps()));
      }
      case TARGETS -> {
        List<SpecFile.Document> docs = new ArrayList<>();
        for (ImportedApp a : imported.importedApps()) {
          docs.add(new SpecFile.Document(a.app(), a.sources().get(0).source()));
        }
        code = Math.max(code, render.run(docs, findings));
      }
    }
    return code;
  }

  /** Rendering options are for {@code --to TARGET} only. */
  private void noRenderingOptions(List<String> to, Mode mode) {
    String word = mode == Mode.SPEC ? "spec" : "java";
    if (to.size() > 1) {
      throw CliException.usage(
          "--to: " + word + " is given alone (not with targets, spec or java): give --to " + word);
    }
    var parsed = cmd.rendering.spec.commandLine().getParseResult();
    for (String option : List.of("--each", "--output", "--lenient")) {
      if (parsed.hasMatchedOption(option)) {
        throw CliException.usage(option + " is an option of --to TARGET, not of --to " + word);
      }
    }
    for (TargetFlags f : cmd.rendering.flags()) {
      if (!f.given().isEmpty()) {
        throw CliException.usage(
            String.join(", ", f.given())
                + (f.given().size() == 1 ? " is an option" : " are options")
                + " of the target "
                + f.targetId()
                + ", which is not rendered with --to "
                + word);
      }
    }
    for (Target t : cli.targets.get()) {
      if (VersionFlags.given(cmd.rendering.spec, t.id()) != null) {
        throw CliException.usage(
            VersionFlags.flag(t.id())
                + " is an option of the target "
                + t.id()
                + ", which is not rendered with --to "
                + word);
      }
    }
    if (mode == Mode.SPEC && parsed.hasMatchedOption("--java-package")) {
      throw CliException.usage("--java-package is an option of --to java, not of --to spec");
    }
  }

  /** The import findings as standard error shows them; notes whether one is at the threshold. */
  private String findings(List<Finding> all) {
    StringBuilder b = new StringBuilder();
    for (Finding f : all) {
      if (cmd.rendering.failOn != FailOn.none
          && f.severity().ordinal() <= cmd.rendering.failOn.ordinal()) {
        atThreshold = true;
      }
      if (cmd.rendering.quiet && f.severity() == Severity.INFO) {
        continue;
      }
      String where = f.source().map(Source::toString).orElse("-");
      b.append(Render.line(where, cli.terminal.severity(f.severity().name()), f));
    }
    return b.toString();
  }

  /** One compilation unit per app; each headed by its file name when there are several. */
  private String java(List<ImportedApp> apps) {
    StringBuilder b = new StringBuilder();
    Set<String> used = new HashSet<>();
    for (ImportedApp a : apps) {
      String name = className(a.app(), false);
      if (!used.add(name)) {
        name = className(a.app(), true);
        used.add(name);
      }
      if (apps.size() > 1) {
        b.append(b.length() == 0 ? "" : "\n").append("// ").append(name).append(".java\n");
      }
      b.append(a.toJava(cmd.javaPackage, name));
    }
    return b.toString();
  }

  /** {@code chat-api} as {@code ChatApiApp}; with the namespace first when two apps share it. */
  static String className(WebSocketApp app, boolean withNamespace) {
    String words = (withNamespace ? app.namespace() + "-" : "") + app.name();
    StringBuilder b = new StringBuilder();
    for (String w : words.split("[^A-Za-z0-9]+")) {
      if (!w.isEmpty()) {
        b.append(w.substring(0, 1).toUpperCase(Locale.ROOT)).append(w.substring(1));
      }
    }
    if (b.length() == 0 || Character.isDigit(b.charAt(0))) {
      b.insert(0, "App");
    }
    return b.append("App").toString();
  }
}
