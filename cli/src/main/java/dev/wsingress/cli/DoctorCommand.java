package dev.wsingress.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wsingress doctor}: manifests in, a report out. The options are fields only; {@link
 * DoctorRun} does the work on core's {@link dev.wsingress.Doctor} and {@link dev.wsingress.Report}.
 */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    abbreviateSynopsis = true,
    description = {
      "Checks Kubernetes manifests you already have (hand-written, Helm or kustomize output): every"
          + " target reads what its controller will do with each route, and the report says what is"
          + " wrong or risky for WebSocket traffic, each finding with its file:line:column.",
      "",
      "The report goes to standard output (text, json or sarif), errors to standard error; the"
          + " exit code is the same in every format. wsingress explain CODE says more about a"
          + " finding.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no finding at or above --fail-on",
      "1:findings at or above --fail-on (default: error)",
      "2:a usage error",
      "3:a path that cannot be read, or content that cannot be parsed (CORE-YAML-SYNTAX,"
          + " -ENCODING, -LIMIT, -TAG; the report is still written)"
    })
final class DoctorCommand extends WsIngressCommand.Sub implements Callable<Integer> {
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
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description =
          "text (file:line:column: SEVERITY CODE subject: message, the hint below, a count),"
              + " json or sarif (SARIF 2.1.0, for code-scanning): ${DEFAULT-VALUE} by default.")
  Format output;

  @Option(
      names = "--fail-on",
      paramLabel = "SEVERITY",
      defaultValue = "error",
      description =
          "Exit with 1 when a finding is at or above: error, warning or info; none: never"
              + " (default: ${DEFAULT-VALUE}).")
  FailOn failOn;

  @Option(
      names = "--ignore",
      paramLabel = "CODE",
      split = ",",
      description =
          "Leave out the findings with these codes, comma-separated and repeatable (an object's"
              + " wsingress.dev/ignore annotation does so for the findings about it).")
  List<String> ignore = new ArrayList<>();

  /** The report formats. */
  enum Format {
    text,
    json,
    sarif
  }

  @Override
  public Integer call() {
    WarmUp.await();
    List<String> names = new ArrayList<>(filenames);
    names.addAll(files);
    return new DoctorRun(cli, this).run(names);
  }
}
