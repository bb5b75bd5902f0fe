package dev.wsingress.cli;

import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options of every command that renders for targets (render, and convert with {@code --to
 * TARGET}), as a mixin: sections, format, lenient mode, threshold, quiet, and every target's flags.
 * The option that names the targets is the command's own ({@code --target}, {@code --to}).
 */
final class Rendered {
  /** The command this mixin is part of (its options include the version flags). */
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  private final String targetOption;

  Rendered(String targetOption) {
    this.targetOption = targetOption;
  }

  @Option(
      names = "--each",
      description = "Render each target on its own, in sections (as all does).")
  boolean each;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "yaml",
      description =
          "yaml (multi-document) or json (a v1 List; one per section): ${DEFAULT-VALUE}"
              + " by default.")
  RenderCommand.Output output;

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

  /** The option that names the targets, for messages: {@code --target} or {@code --to}. */
  String targetOption() {
    return targetOption;
  }

  /** Every target's flags: those given on the command line, and empty ones for the others. */
  List<TargetFlags> flags() {
    return targetOptions.flags();
  }
}
