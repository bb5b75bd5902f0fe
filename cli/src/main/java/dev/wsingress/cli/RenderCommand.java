package dev.wsingress.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wsingress render}: spec files in, manifests out. The options are fields only; {@link
 * Render} does the work, so that building the command line loads no target, model or YAML class.
 */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    abbreviateSynopsis = true,
    description = {
      "Renders the apps of spec files for one or more targets: the manifests on standard"
          + " output, the findings on standard error.",
      "",
      "The targets of one --target list are rendered together, as one set to apply (such as"
          + " gateway-api,platform); --target all renders every target on its own.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:rendered, no finding at or above --fail-on",
      "1:findings at or above --fail-on (an ERROR always: strict rendering then writes nothing;"
          + " with --lenient it writes the closest approximation)",
      "2:a usage error",
      "3:a spec file that cannot be read or is invalid (with file:line:column)"
    })
final class RenderCommand extends WsIngressCommand.Sub implements Callable<Integer> {
  @Parameters(
      paramLabel = "FILE",
      arity = "0..*",
      description =
          "Spec files, directories (read recursively: .yaml, .yml, .json) or - for standard"
              + " input.")
  List<String> files = new ArrayList<>();

  @Option(
      names = {"-f", "--filename"},
      paramLabel = "FILE",
      description = "The same as FILE; repeatable.")
  List<String> filenames = new ArrayList<>();

  @Option(
      names = {"-t", "--target"},
      paramLabel = "TARGET",
      split = ",",
      required = true,
      description =
          "The targets to render for, comma-separated and repeatable (wsingress targets lists"
              + " them), or all.")
  List<String> targets = new ArrayList<>();

  @Mixin Rendered rendering = new Rendered("--target");

  /** The output formats. */
  enum Output {
    yaml,
    json
  }

  @Override
  public Integer call() {
    WarmUp.await();
    Render render = new Render(cli, rendering, targets);
    List<String> names = new ArrayList<>(filenames);
    names.addAll(files);
    return render.run(Specs.read(Inputs.read(names, cli.in, cli.cwd), cli), "");
  }
}
