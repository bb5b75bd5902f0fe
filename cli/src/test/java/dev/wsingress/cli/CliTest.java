package dev.wsingress.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.Target;
import dev.wsingress.testing.StandInTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command in process: exit codes, standard output and standard error, with a demo target whose
 * findings the tests choose (the real targets are rendered in {@link RealTargetsTest}).
 */
class CliTest {

  static final Supplier<List<Target>> DEMO = () -> List.of(new DemoTarget());
  static final Supplier<List<Target>> DEMO_AND_OTHER =
      () -> List.of(new DemoTarget(), StandInTarget.of("other"));

  static final String APP =
      "apiVersion: wsingress.dev/v1alpha1\nkind: WebSocketApp\nmetadata: {name: chat}\nspec:\n"
          + "  hosts: [chat.example.com]\n  service: {name: chat, port: 8080}\n";

  static Run demo(String stdin, String... args) {
    return Run.with(stdin, Map.of(), DEMO, args);
  }

  private static final String DEMO_YAML =
      """
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata:
        labels:
          app.kubernetes.io/managed-by: wsingress
          app.kubernetes.io/name: chat
        name: chat-demo
        namespace: default
      data:
        version: "1.1"
      """;

  @Test
  void withoutACommandItPrintsTheHelp() {
    Run r = Run.of();
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("Usage: wsingress [-hV] [--no-color] COMMAND\n");
    assertThat(r.out()).isEqualTo(Run.of("--help").out());
    assertThat(r.err()).isEmpty();
  }

  @Test
  void theHelpListsTheCommandsAndTheExitCodes() {
    assertThat(Run.of("--help").out())
        .contains(
            """
            Commands:
              render   Renders the apps of spec files for one or more targets: the
                         manifests on standard output, the findings on standard error.
            """)
        .contains(
            """
            Exit codes:
              0   success
              1   findings at or above --fail-on (render: error by default)
              2   a usage error: an unknown command, option or target
              3   input that cannot be read or parsed, or a spec that is invalid
              4   an internal error (please report it)
            """);
  }

  @Test
  void everyCommandHasHelp() {
    for (String command :
        List.of("render", "doctor", "convert", "explain", "targets", "schema", "version")) {
      Run r = Run.of(command, "--help");
      assertThat(r.exit()).isZero();
      assertThat(r.out()).startsWith("Usage: wsingress " + command);
      assertThat(Run.of("help", command).out()).isEqualTo(r.out());
    }
  }

  @Test
  void aCommandNamedFirstRunsWithoutTheRestOfTheTree() {
    assertThat(Cli.runsAlone(new String[] {"version"})).isTrue();
    assertThat(Cli.runsAlone(new String[] {"--no-color", "render", "-f", "x", "help"})).isTrue();
    // The top's help, the help command and a mistyped command need every command's name.
    assertThat(Cli.runsAlone(new String[] {})).isFalse();
    assertThat(Cli.runsAlone(new String[] {"--help", "version"})).isFalse();
    assertThat(Cli.runsAlone(new String[] {"-V"})).isFalse();
    assertThat(Cli.runsAlone(new String[] {"help", "render"})).isFalse();
    assertThat(Cli.runsAlone(new String[] {"rendr"})).isFalse();
    assertThat(Cli.runsAlone(new String[] {"--", "render"})).isFalse();
    // The same output either way: a command's own help and errors name no other command.
    assertThat(Run.of("--no-color", "version").out()).isEqualTo(Run.of("--version").out());
    assertThat(Run.of("--help", "version").out()).isEqualTo(Run.of("--help").out());
    Run extra = Run.of("version", "extra");
    assertThat(extra.exit()).isEqualTo(2);
    assertThat(extra.err())
        .isEqualTo(
            "error: Unmatched argument at index 1: 'extra'\n"
                + "See 'wsingress version --help'.\n");
  }

  @Test
  void versionPrintsThisBuildAndTheJavaRuntime() {
    String expected =
        "wsingress "
            + VersionCommand.version()
            + "\njava "
            + System.getProperty("java.version")
            + " ("
            + System.getProperty("java.vm.name")
            + ")\n";
    assertThat(Run.of("version").out()).isEqualTo(expected);
    assertThat(Run.of("--version").out()).isEqualTo(expected);
    assertThat(VersionCommand.version()).doesNotContain("$").isNotEqualTo("unknown");
  }

  @Test
  void schemaPrintsTheSchema() {
    Run r = Run.of("schema");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).isEqualTo(SpecFile.schema()).startsWith("{\n  \"$schema\"");
  }

  @Test
  void targetsListsEachTargetItsVersionsAndKinds() {
    Run r = Run.with("", Map.of(), DEMO_AND_OTHER, "targets");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .isEqualTo(
            """
            TARGET   NAME              VERSIONS   KINDS
            demo     Demo controller   1.0-1.1    ConfigMap
            other    test other        -          \n\
            """);
    assertThat(Run.with("", Map.of(), DEMO, "targets", "-o", "json").out())
        .isEqualTo(
            """
            [
              {
                "id": "demo",
                "name": "Demo controller",
                "versions": [
                  "1.0",
                  "1.1"
                ],
                "defaultVersion": "1.1",
                "kinds": [
                  {
                    "apiVersion": "v1",
                    "kind": "ConfigMap"
                  }
                ]
              }
            ]
            """);
  }

  @Test
  void renderWritesTheObjectsAndTheFindingsApart() {
    Run r = demo(APP, "render", "-", "--target", "demo");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).isEqualTo(DEMO_YAML);
    assertThat(r.err())
        .isEqualTo(
            "<stdin>:1:1: info: DEMO-NOTE ConfigMap default/chat-demo: rendered for 1.1.\n"
                + "  hint: None.\n");
  }

  @Test
  void quietLeavesTheInfoFindingsOut() {
    Run r = demo(APP, "render", "-", "-t", "demo", "-q");
    assertThat(r.out()).isEqualTo(DEMO_YAML);
    assertThat(r.err()).isEmpty();
  }

  @Test
  void jsonIsAListOfTheSameObjects() {
    Run r = demo(APP, "render", "-", "-t", "demo", "-o", "json", "-q");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .isEqualTo(
            """
            {
              "apiVersion": "v1",
              "kind": "List",
              "items": [
                {
                  "apiVersion": "v1",
                  "kind": "ConfigMap",
                  "metadata": {
                    "labels": {
                      "app.kubernetes.io/managed-by": "wsingress",
                      "app.kubernetes.io/name": "chat"
                    },
                    "name": "chat-demo",
                    "namespace": "default"
                  },
                  "data": {
                    "version": "1.1"
                  }
                }
              ]
            }
            """);
  }

  @Test
  void aTargetThatCannotRenderStrictlyWritesNothingAndExitsWithOne() {
    Run r = demo(APP + "  rateLimit: {handshakesPerSecond: 10}\n", "render", "-", "-t", "demo");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo(
            "<stdin>:1:1: info: DEMO-NOTE ConfigMap default/chat-demo: rendered for 1.1.\n"
                + "  hint: None.\n"
                + "<stdin>:1:1: error: DEMO-RATE-LIMIT ConfigMap default/chat-demo: the demo"
                + " controller has no rate limit.\n"
                + "  hint: Leave the rate limit out.\n"
                + "error: nothing was written: a target cannot render an app as asked (the errors"
                + " above). --lenient renders the closest approximation and reports them as"
                + " warnings.\n");
  }

  @Test
  void lenientRendersAndStillCountsTheErrors() {
    String app = APP + "  rateLimit: {handshakesPerSecond: 10}\n";
    Run r = demo(app, "render", "-", "-t", "demo", "--lenient", "-q");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).isEqualTo(DEMO_YAML);
    assertThat(r.err())
        .isEqualTo(
            "<stdin>:1:1: error (lenient): DEMO-RATE-LIMIT ConfigMap default/chat-demo: the demo"
                + " controller has no rate limit.\n"
                + "  hint: Leave the rate limit out.\n");
    assertThat(demo(app, "render", "-", "-t", "demo", "--lenient", "--fail-on", "none").exit())
        .isZero();
  }

  @Test
  void failOnSetsTheThreshold() {
    String warning = APP + "  maxConnectionsPerClient: 10\n";
    assertThat(demo(warning, "render", "-", "-t", "demo").exit()).isZero();
    assertThat(demo(warning, "render", "-", "-t", "demo", "--fail-on", "warning").exit())
        .isEqualTo(1);
    assertThat(demo(APP, "render", "-", "-t", "demo", "--fail-on", "warning").exit()).isZero();
    assertThat(demo(APP, "render", "-", "-t", "demo", "--fail-on", "info").exit()).isEqualTo(1);
    assertThat(demo(APP, "render", "-", "-t", "demo", "--fail-on", "INFO", "-q").exit())
        .as("quiet hides INFO findings, it does not forget them")
        .isEqualTo(1);
    Run wrong = demo(APP, "render", "-", "-t", "demo", "--fail-on", "fatal");
    assertThat(wrong.exit()).isEqualTo(2);
    assertThat(wrong.err())
        .isEqualTo(
            "error: Invalid value for option '--fail-on': expected one of [error, warning, info,"
                + " none] (case-insensitive) but was 'fatal'\n"
                + "See 'wsingress render --help'.\n");
  }

  @Test
  void eachRendersEveryTargetInItsOwnSection() {
    Run r = Run.with(APP, Map.of(), DEMO_AND_OTHER, "render", "-", "-t", "demo,other", "--each");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .isEqualTo("# demo: Demo controller\n" + DEMO_YAML + "# other: test other\n");
    assertThat(r.err())
        .isEqualTo(
            "# demo: Demo controller\n"
                + "<stdin>:1:1: info: DEMO-NOTE ConfigMap default/chat-demo: rendered for 1.1.\n"
                + "  hint: None.\n"
                + "# other: test other\n");
    assertThat(Run.with(APP, Map.of(), DEMO_AND_OTHER, "render", "-", "-t", "all").out())
        .isEqualTo(r.out());
  }

  @Test
  void jsonInSectionsIsOneListPerSection() {
    Run r = Run.with(APP, Map.of(), DEMO_AND_OTHER, "render", "-", "-t", "all", "-o", "json", "-q");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"List\"");
    assertThat(r.out())
        .endsWith("}\n{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"List\",\n  \"items\": [ ]\n}\n");
  }

  @Test
  void theVersionFlagOfATargetWithReleaseLines() {
    Run r = demo(APP, "render", "-", "-t", "demo", "--demo-version", "1.0", "-q");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).isEqualTo(DEMO_YAML.replace("\"1.1\"", "\"1.0\""));
    Run wrong = demo(APP, "render", "-", "-t", "demo", "--demo-version", "2.0");
    assertThat(wrong.exit()).isEqualTo(2);
    assertThat(wrong.err())
        .isEqualTo(
            "error: --demo-version = \"2.0\": is not a release line this target writes for"
                + " (supported: 1.0 to 1.1). Fix: give one of [1.0, 1.1].\n"
                + "See 'wsingress render --help'.\n");
    assertThat(demo(APP, "render", "--help").out())
        .contains(
            "      --demo-version=VERSION\n"
                + "                           Demo controller: the release line to render for,\n"
                + "                             1.0, 1.1 (default: 1.1).\n");
  }

  @Test
  void aTargetOptionForATargetNotRenderedIsAUsageError() {
    Run r = demo(APP, "render", "-", "-t", "demo", "--nginx-ingress-class", "x");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "error: --nginx-ingress-class is an option of the target nginx, which is not"
                + " rendered: add nginx to --target\n"
                + "See 'wsingress render --help'.\n");
  }

  @Test
  void anUnknownTargetGetsTheClosestName() {
    Run r = demo(APP, "render", "-", "-t", "dmeo");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo(
            "error: --target: unknown target \"dmeo\": did you mean \"demo\"? The targets are:"
                + " demo and all.\n"
                + "See 'wsingress render --help'.\n");
    assertThat(demo(APP, "render", "-", "-t", "demo,demo").err())
        .startsWith("error: --target: demo is given twice\n");
    assertThat(demo(APP, "render", "-", "-t", "all,demo").err())
        .startsWith("error: --target: all already names every target; give it alone\n");
  }

  @Test
  void usageErrorsExitWithTwo() {
    Run noTarget = demo(APP, "render", "-");
    assertThat(noTarget.exit()).isEqualTo(2);
    assertThat(noTarget.err())
        .isEqualTo(
            "error: Missing required option: '--target=TARGET'\n"
                + "See 'wsingress render --help'.\n");
    Run noInput = demo("", "render", "-t", "demo");
    assertThat(noInput.exit()).isEqualTo(2);
    assertThat(noInput.err())
        .isEqualTo(
            "error: no input: give spec files or directories (FILE or -f FILE), or - for standard"
                + " input\n"
                + "See 'wsingress render --help'.\n");
    assertThat(demo(APP, "render", "-", "-", "-t", "demo").err())
        .startsWith("error: - (standard input) is given twice\n");
    Run unknownOption = demo(APP, "render", "-", "-t", "demo", "--lenent");
    assertThat(unknownOption.exit()).isEqualTo(2);
    assertThat(unknownOption.err()).startsWith("error: Unknown option: '--lenent'\n");
    Run unknownCommand = Run.of("rendr");
    assertThat(unknownCommand.exit()).isEqualTo(2);
    assertThat(unknownCommand.err())
        .isEqualTo(
            "error: unknown command \"rendr\" for \"wsingress\"\n"
                + "Did you mean: render?\n"
                + "See 'wsingress --help'.\n");
  }

  @Test
  void anInvalidSpecExitsWithThreeAndEveryProblem() {
    Run r =
        demo(
            APP.replace("port: 8080", "port: 0") + "  idleTimeout: 1\n",
            "render",
            "-",
            "-t",
            "demo");
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo(
            "<stdin>:6:31: error: spec.service.port = 0: must be a port number from 1 to 65535."
                + " Fix: use the Service's port.\n"
                + "<stdin>:7:16: error: spec.idleTimeout = 1: must be a duration such as 3600s, 90m"
                + " or 1h30m, not a number. Fix: add a unit: \"1s\" for seconds.\n"
                + "error: 2 problems in the input; nothing was rendered\n");
  }

  @Test
  void inputThatCannotBeReadExitsWithThree(@TempDir Path dir) throws IOException {
    Run missing = demo("", "render", dir.resolve("nope.yaml").toString(), "-t", "demo");
    assertThat(missing.exit()).isEqualTo(3);
    assertThat(missing.err())
        .isEqualTo("error: " + dir.resolve("nope.yaml") + ": no such file or directory\n");
    Files.writeString(dir.resolve("notes.txt"), "x");
    Run empty = demo("", "render", dir.toString(), "-t", "demo");
    assertThat(empty.exit()).isEqualTo(3);
    assertThat(empty.err())
        .isEqualTo("error: " + dir + ": no .yaml, .yml or .json file in this directory\n");
    Files.write(dir.resolve("latin1.yaml"), new byte[] {'a', ':', ' ', (byte) 0xe9});
    assertThat(demo("", "render", dir.toString(), "-t", "demo").err())
        .isEqualTo("error: " + dir.resolve("latin1.yaml") + ": is not UTF-8 text\n");
    Run nothing = demo("---\n# only comments\n", "render", "-", "-t", "demo");
    assertThat(nothing.exit()).isEqualTo(3);
    assertThat(nothing.err())
        .isEqualTo("error: no WebSocketApp in the input: every document is empty\n");
  }

  @Test
  void directoriesAreReadRecursivelyInPathOrder(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("b/c"));
    Files.writeString(dir.resolve("b/c/two.yml"), APP.replace("name: chat}", "name: two}"));
    Files.writeString(dir.resolve("a.yaml"), APP);
    Files.writeString(
        dir.resolve("b/three.json"),
        "{\"apiVersion\": \"wsingress.dev/v1alpha1\", \"kind\": \"WebSocketApp\", \"metadata\":"
            + " {\"name\": \"three\"}, \"spec\": {\"hosts\": [\"chat.example.com\"], \"service\":"
            + " {\"name\": \"chat\", \"port\": 8080}}}");
    Files.writeString(dir.resolve("b/README.md"), "not a spec");
    Run r = demo("", "render", "-f", dir.toString(), "-t", "demo");
    assertThat(r.exit()).isZero();
    assertThat(r.err())
        .isEqualTo(
            dir.resolve("a.yaml")
                + ":1:1: info: DEMO-NOTE ConfigMap default/chat-demo: rendered for 1.1.\n"
                + "  hint: None.\n"
                + dir.resolve("b/c/two.yml")
                + ":1:1: info: DEMO-NOTE ConfigMap default/two-demo: rendered for 1.1.\n"
                + "  hint: None.\n"
                + dir.resolve("b/three.json")
                + ":1:1: info: DEMO-NOTE ConfigMap default/three-demo: rendered for 1.1.\n"
                + "  hint: None.\n");
    assertThat(r.out()).contains("name: chat-demo", "name: three-demo", "name: two-demo");
  }

  @Test
  void filesAndFilenamesAreOneList(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("a.yaml"), APP);
    Files.writeString(dir.resolve("b.yaml"), APP.replace("name: chat}", "name: two}"));
    Run r =
        demo(
            "",
            "render",
            dir.resolve("a.yaml").toString(),
            "--filename",
            dir.resolve("b.yaml").toString(),
            "-t",
            "demo",
            "-q");
    assertThat(r.out()).contains("name: chat-demo", "name: two-demo");
  }

  @Test
  void twoAppsRenderingTheSameObjectDifferentlyConflict() {
    Run same = demo(APP + "---\n" + APP, "render", "-", "-t", "demo", "-q");
    assertThat(same.exit()).isZero();
    assertThat(same.out()).isEqualTo(DEMO_YAML);
    Run r =
        Run.with(
            APP
                + "---\n"
                + APP.replace(
                    "metadata: {name: chat}", "metadata: {name: chat," + " labels: {tier: edge}}"),
            Map.of(),
            DEMO,
            "render",
            "-",
            "-t",
            "demo",
            "-q");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo(
            "<stdin>:8:1: error: CORE-OBJECT-CONFLICT ConfigMap default/chat-demo: two apps"
                + " render different objects with the same kind, namespace and name (the first is"
                + " app chat at <stdin>:1:1).\n"
                + "  hint: Give the apps different names or namespaces, or render them"
                + " separately.\n"
                + "error: nothing was written: a target cannot render an app as asked (the errors"
                + " above). --lenient renders the closest approximation and reports them as"
                + " warnings.\n");
  }

  @Test
  void colourOnlyOnATerminalAndNeverWithNoColor() {
    String before = System.getProperty("wsingress.tty");
    try {
      System.setProperty("wsingress.tty", "out,err");
      Run coloured = demo(APP, "render", "-", "-t", "demo");
      assertThat(coloured.err()).startsWith("<stdin>:1:1: \u001b[36minfo\u001b[0m: DEMO-NOTE");
      assertThat(Run.of("--help").out()).contains("\u001b[");
      assertThat(demo(APP, "render", "-", "-t", "demo", "--no-color").err())
          .startsWith("<stdin>:1:1: info: DEMO-NOTE");
      assertThat(Run.of("--help", "--no-color").out()).doesNotContain("\u001b[");
      // picocli binds --no-color=true (any case) as --no-color, and --no-color=false as absent.
      assertThat(demo(APP, "render", "-", "-t", "demo", "--no-color=TRUE").err())
          .startsWith("<stdin>:1:1: info: DEMO-NOTE");
      assertThat(demo(APP, "render", "-", "-t", "demo", "--no-color=false").err())
          .startsWith("<stdin>:1:1: \u001b[36minfo\u001b[0m: DEMO-NOTE");
      assertThat(Run.with(APP, Map.of("NO_COLOR", "1"), DEMO, "render", "-", "-t", "demo").err())
          .startsWith("<stdin>:1:1: info: DEMO-NOTE");
      System.setProperty("wsingress.tty", "");
      assertThat(demo(APP, "render", "-", "-t", "demo").err())
          .startsWith("<stdin>:1:1: info: DEMO-NOTE");
    } finally {
      if (before == null) {
        System.clearProperty("wsingress.tty");
      } else {
        System.setProperty("wsingress.tty", before);
      }
    }
  }

  @Test
  void asAKubectlPluginTheHelpSaysKubectlWsingress() {
    System.setProperty("wsingress.command", "kubectl wsingress");
    try {
      assertThat(Run.of("--help").out()).startsWith("Usage: kubectl wsingress [-hV]");
      assertThat(Run.of("render", "--help").out()).startsWith("Usage: kubectl wsingress render");
    } finally {
      System.clearProperty("wsingress.command");
    }
  }

  @Test
  void anInternalErrorIsOneLineWithoutAStackTrace() {
    Supplier<List<Target>> broken =
        () -> {
          throw new IllegalStateException("the class path is broken");
        };
    Run r = Run.with(APP, Map.of(), broken, "render", "-", "-t", "demo");
    assertThat(r.exit()).isEqualTo(4);
    assertThat(r.err())
        .isEqualTo(
            "error: internal error, please report it: java.lang.IllegalStateException: the class"
                + " path is broken (WSINGRESS_DEBUG=1 prints where)\n");
  }
}
