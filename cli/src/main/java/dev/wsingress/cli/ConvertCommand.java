package dev.wsingress.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wsingress convert}: manifests in, apps out — as spec files, as Java, or rendered for other
 * targets. The options are fields only; {@link Convert} does the work on core's {@link
 * dev.wsingress.Import}.
 */
@Command(
    name = "convert",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    abbreviateSynopsis = true,
    description = {
      "Converts Kubernetes manifests you already have into WebSocket apps: every target reads what"
          + " its controller serves, and the routes become apps, carrying every setting the spec"
          + " can hold.",
      "",
      "--to spec writes the apps as one spec file, --to java as DSL source code, --to TARGET,..."
          + " renders them for those targets as render does (with the same target options)."
          + " Results go to standard output; the import findings (what could not be carried, and"
          + " why, with file:line:column), then the rendering findings, to standard error.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:converted, no finding at or above --fail-on",
      "1:findings at or above --fail-on (import or rendering findings; default: error), no app"
          + " in the input, or a target that cannot render an app strictly",
      "2:a usage error",
      "3:a path that cannot be read, or content that cannot be parsed (nothing is written)"
    })
final class ConvertCommand extends WsIngressCommand.Sub implements Callable<Integer> {
  @Parameters(
      paramLabel = "FILE",
      arity = "0..*",
      description =
          "Manifest files, directories (read recursively: .yaml, .yml, .json; hidden ones"
              + " skipped) or - for standard input.")
  List<String> files = new ArrayList<>();

  @Option(
      names = {"-f", "--filename"},
      paramLabel = "FILE",
      description = "The same as FILE; repeatable.")
  List<String> filenames = new ArrayList<>();

  @Option(
      names = "--to",
      paramLabel = "TO",
      split = ",",
      required = true,
      description =
          "spec (the apps as one spec file), java (one class per app) or the targets to render"
              + " for, comma-separated and repeatable (wsingress targets lists them), or all.")
  List<String> to = new ArrayList<>();

  @Option(
      names = "--java-package",
      paramLabel = "PACKAGE",
      defaultValue = "",
      description = "--to java: the package of the classes (default: none).")
  String javaPackage;

  @Mixin Rendered rendering = new Rendered("--to");

  @Override
  public Integer call() {
    WarmUp.await();
    List<String> names = new ArrayList<>(filenames);
    names.addAll(files);
    return new Convert(cli, this).run(names);
  }
}
