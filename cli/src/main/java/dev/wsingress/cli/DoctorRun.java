package dev.wsingress.cli;

import dev.wsingress.Doctor;
import dev.wsingress.FindingCatalog;
import dev.wsingress.Manifests;
import dev.wsingress.Report;
import dev.wsingress.Severity;
import dev.wsingress.Target;
import java.util.List;

/** The work of {@code wsingress doctor}: read, check with every target, write the report. */
final class DoctorRun {
  private final Cli cli;
  private final DoctorCommand cmd;

  DoctorRun(Cli cli, DoctorCommand cmd) {
    this.cli = cli;
    this.cmd = cmd;
  }

  int run(List<String> names) {
    List<String> ignored = new java.util.ArrayList<>();
    FindingCatalog catalog = cmd.ignore.isEmpty() ? null : FindingCatalog.load();
    for (String code : cmd.ignore) {
      if (code.isBlank()) {
        throw CliException.usage("--ignore: a code is empty (give CODE,CODE without spaces)");
      }
      // A misspelt code would ignore nothing, silently.
      ignored.add(ExplainCommand.known(catalog, code, "--ignore: unknown finding code").code());
    }
    Manifests in = ManifestInputs.read(names, cli);
    List<Target> targets = cli.targets.get();
    Report report = Doctor.with(targets.toArray(new Target[0])).ignoring(ignored).check(in);
    cli.out.print(
        switch (cmd.output) {
          case text -> report.toText();
          case json -> report.toJson();
          case sarif -> report.toSarif();
        });
    if (ManifestInputs.unparsed(report.findings())) {
      cli.err.println(
          cli.terminal.error()
              + " some input cannot be parsed (its CORE-YAML findings are in the report): those"
              + " documents are not checked");
      return CliException.INPUT;
    }
    return exitCode(report, cmd.failOn);
  }

  /** 1 when a finding is at or above the threshold (never for {@code none}), else 0. */
  static int exitCode(Report report, FailOn failOn) {
    return failOn == FailOn.none ? 0 : report.exitCode(severity(failOn));
  }

  static Severity severity(FailOn failOn) {
    return switch (failOn) {
      case error -> Severity.ERROR;
      case warning -> Severity.WARNING;
      case info, none -> Severity.INFO;
    };
  }
}
