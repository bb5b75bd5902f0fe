package dev.wsingress.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

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
  @Spec CommandSpec spec;

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

  @Option(
      names = "--each",
      description = "Render each target on its own, in sections (as --target all does).")
  boolean each;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "yaml",
      description =
          "yaml (multi-document) or json (a v1 List; one per section): ${DEFAULT-VALUE}"
              + " by default.")
  Output output;

  @Option(
      names = "--lenient",
      description =
          "Render what a target can only approximate, instead of failing: its ERROR findings"
              + " are printed as warnings, and still count as errors for --fail-on.")
  boolean lenient;

  @Option(
      names = "--fail-on",
      paramLabel = "SEVERITY",
      defaultValue = "error",
      description =
          "Exit with 1 when a finding is at or above: error, warning or info; none: never"
              + " (default: ${DEFAULT-VALUE}). A target that cannot render an app strictly"
              + " always exits with 1.")
  FailOn failOn;

  @Option(
      names = {"-q", "--quiet"},
      description = "Print no INFO findings.")
  boolean quiet;

  @Mixin TargetOptions targetOptions = new TargetOptions();

  /** The output formats. */
  enum Output {
    yaml,
    json
  }

  /** Every target's flags: those given on the command line, and empty ones for the others. */
  List<TargetFlags> flags() {
    return targetOptions.flags();
  }

  @Override
  public Integer call() {
    return new Render(cli, this).run();
  }
}
