package dev.wsingress.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.Doctor;
import dev.wsingress.Manifests;
import dev.wsingress.Report;
import dev.wsingress.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wsingress doctor} in process, with the published targets' readers. */
class DoctorCommandTest {

  /** A Service and an HTTPRoute to a port the Service does not have. */
  static final String ROUTE =
      """
      apiVersion: v1
      kind: Service
      metadata: {name: chat, namespace: default}
      spec:
        selector: {app: chat}
        ports: [{name: http, port: 8080, targetPort: 8080}]
      ---
      apiVersion: gateway.networking.k8s.io/v1
      kind: HTTPRoute
      metadata: {name: chat, namespace: default}
      spec:
        parentRefs: [{name: gw}]
        hostnames: [chat.example.com]
        rules:
          - matches: [{path: {type: PathPrefix, value: /ws}}]
            backendRefs: [{name: chat, port: 8081}]
      """;

  static final String PARENT =
      ": INFO GATEWAYAPI-PARENT-NOT-IN-INPUT HTTPRoute default/chat: Gateway default/gw is not in"
          + " the input: its listeners (hostnames, allowedRoutes, TLS) are not checked, and the"
          + " implementation serving the route is unknown, so only the Gateway API's own rules"
          + " apply.\n"
          + "    Check the route together with its Gateway and GatewayClass to have its listeners"
          + " and the implementation's own rules checked.\n";

  static final String PORT =
      ": ERROR CORE-BACKEND-PORT-UNKNOWN HTTPRoute default/chat: Service default/chat has no port"
          + " 8081 (its ports: 8080 \"http\"); the controller finds no endpoints for this route.\n"
          + "    Use one of the Service's ports, or add the port to the Service.\n";

  @TempDir Path dir;
  Path file;

  @BeforeEach
  void write() throws IOException {
    file = dir.resolve("route.yaml");
    Files.writeString(file, ROUTE);
  }

  static Run doctor(String stdin, String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "doctor";
    System.arraycopy(args, 0, all, 1, args.length);
    return Run.with(stdin, Map.of(), Run::productionTargets, all);
  }

  @Test
  void theTextReportGoesToStandardOutputWithFileLineAndColumn() {
    Run r = doctor("", file.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .isEqualTo(
            file
                + ":12:16"
                + PARENT
                + file
                + ":16:21"
                + PORT
                + "1 error, 0 warnings, 1 info in 2 objects from 1 file\n");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void jsonAndSarifAreTheReportsOwnWithTheSameExitCode() {
    Report report =
        Doctor.with(Run.productionTargets().toArray(new Target[0])).check(Manifests.read(file));
    Run json = doctor("", "-f", file.toString(), "-o", "json");
    assertThat(json.out()).isEqualTo(report.toJson());
    Run sarif = doctor("", "--filename", file.toString(), "--output", "sarif");
    assertThat(sarif.out()).isEqualTo(report.toSarif());
    Run text = doctor("", file.toString(), "-o", "text");
    assertThat(text.out()).isEqualTo(report.toText());
    assertThat(List.of(json.exit(), sarif.exit(), text.exit())).containsOnly(1);
    for (String format : List.of("text", "json", "sarif")) {
      assertThat(doctor("", file.toString(), "-o", format, "--fail-on", "none").exit()).isZero();
    }
  }

  @Test
  void failOnSetsTheThreshold() {
    Run noError = doctor("", file.toString(), "--ignore", "CORE-BACKEND-PORT-UNKNOWN");
    assertThat(noError.exit()).isZero();
    assertThat(noError.out())
        .isEqualTo(
            file + ":12:16" + PARENT + "0 errors, 0 warnings, 1 info in 2 objects from 1 file\n");
    String[] base = {file.toString(), "--ignore", "CORE-BACKEND-PORT-UNKNOWN", "--fail-on"};
    assertThat(doctor("", concat(base, "warning")).exit()).isZero();
    assertThat(doctor("", concat(base, "info")).exit()).isEqualTo(1);
    assertThat(doctor("", concat(base, "INFO")).exit()).isEqualTo(1);
    assertThat(doctor("", concat(base, "error")).exit()).isZero();
    assertThat(doctor("", file.toString(), "--fail-on", "none").exit()).isZero();
    Run wrong = doctor("", file.toString(), "--fail-on", "fatal");
    assertThat(wrong.exit()).isEqualTo(2);
    assertThat(wrong.err())
        .isEqualTo(
            "error: Invalid value for option '--fail-on': expected one of [error, warning, info,"
                + " none] (case-insensitive) but was 'fatal'\n"
                + "See 'wsingress doctor --help'.\n");
  }

  @Test
  void ignoreTakesCodesCommaSeparatedRepeatedAndInAnyCase() {
    Run r =
        doctor(
            "",
            file.toString(),
            "--ignore",
            "core-backend-port-unknown,GATEWAYAPI-PARENT-NOT-IN-INPUT");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).isEqualTo("0 errors, 0 warnings, 0 infos in 2 objects from 1 file\n");
    Run repeated =
        doctor(
            "",
            file.toString(),
            "--ignore",
            "CORE-BACKEND-PORT-UNKNOWN",
            "--ignore",
            "GATEWAYAPI-PARENT-NOT-IN-INPUT");
    assertThat(repeated.out()).isEqualTo(r.out());
    Run empty = doctor("", file.toString(), "--ignore", "");
    assertThat(empty.exit()).isEqualTo(2);
    assertThat(empty.err())
        .isEqualTo(
            "error: --ignore: a code is empty (give CODE,CODE without spaces)\n"
                + "See 'wsingress doctor --help'.\n");
  }

  @Test
  void standardInputIsNamedStdin() {
    Run r = doctor(ROUTE, "-");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .isEqualTo(
            "<stdin>:12:16"
                + PARENT
                + "<stdin>:16:21"
                + PORT
                + "1 error, 0 warnings, 1 info in 2 objects from 1 file\n");
  }

  @Test
  void aDirectoryIsReadRecursivelyAndContentThatCannotBeParsedExitsWithThree() throws IOException {
    Files.createDirectories(dir.resolve("sub/.hidden"));
    Files.writeString(dir.resolve("sub/broken.yml"), "a: [1\n");
    Files.writeString(dir.resolve("sub/.hidden/skipped.yaml"), "a: [1\n");
    Files.writeString(dir.resolve("notes.txt"), "not read");
    for (String format : List.of("text", "json", "sarif")) {
      Run r = doctor("", dir.toString(), "-o", format);
      assertThat(r.exit()).as(format).isEqualTo(3);
      assertThat(r.err())
          .isEqualTo(
              "error: some input cannot be parsed (its CORE-YAML findings are in the report):"
                  + " those documents are not checked\n");
    }
    Path broken = dir.resolve("sub/broken.yml");
    assertThat(doctor("", dir.toString()).out())
        .isEqualTo(
            file
                + ":12:16"
                + PARENT
                + file
                + ":16:21"
                + PORT
                + broken
                + ":1:4: ERROR CORE-YAML-SYNTAX "
                + broken
                + ": expected ',' or ']', but got <stream end>; the document is not read.\n"
                + "    Fix the YAML at this line (kubectl refuses the file as it is).\n"
                + "2 errors, 0 warnings, 1 info in 2 objects from 2 files\n");
    assertThat(doctor("", dir.toString(), "--ignore", "CORE-YAML-SYNTAX").exit()).isEqualTo(1);
  }

  @Test
  void filesDirectoriesAndStandardInputAreOneInput() throws IOException {
    Path other = dir.resolve("other");
    Files.createDirectories(other);
    Files.writeString(
        other.resolve("ns.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata: {name: chat}\n");
    Run r =
        doctor(
            "apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n",
            file.toString(),
            "-f",
            other.toString(),
            "-");
    assertThat(r.out()).endsWith("1 error, 0 warnings, 1 info in 4 objects from 3 files\n");
  }

  @Test
  void inputThatCannotBeReadExitsWithThreeAndUsageErrorsWithTwo() throws IOException {
    Path missing = dir.resolve("nope.yaml");
    Run r = doctor("", missing.toString());
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("error: " + missing + ": no such file or directory\n");
    Path empty = dir.resolve("empty");
    Files.createDirectories(empty);
    Files.writeString(empty.resolve("notes.txt"), "x");
    assertThat(doctor("", empty.toString()).err())
        .isEqualTo("error: " + empty + ": no .yaml, .yml or .json file in this directory\n");
    Run none = doctor("");
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err())
        .isEqualTo(
            "error: no input: give manifest files or directories (FILE or -f FILE), or - for"
                + " standard input\n"
                + "See 'wsingress doctor --help'.\n");
    assertThat(doctor("", "-", "-").err()).startsWith("error: - (standard input) is given twice\n");
    Run format = doctor("", file.toString(), "-o", "xml");
    assertThat(format.exit()).isEqualTo(2);
    assertThat(format.err())
        .startsWith(
            "error: Invalid value for option '--output': expected one of [text, json, sarif]");
  }

  @Test
  void theHelpNamesEveryOptionAndTheExitCodes() {
    Run r = doctor("", "--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .startsWith("Usage: wsingress doctor [OPTIONS] [FILE...]\n")
        .contains("-f, --filename=FILE", "-o, --output=FORMAT", "--fail-on=SEVERITY")
        .contains("--ignore=CODE[,CODE...]")
        .contains(
            "Exit codes:\n"
                + "  0   no finding at or above --fail-on\n"
                + "  1   findings at or above --fail-on (default: error)\n"
                + "  2   a usage error\n");
  }

  private static String[] concat(String[] a, String b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + 1);
    out[a.length] = b;
    return out;
  }
}
