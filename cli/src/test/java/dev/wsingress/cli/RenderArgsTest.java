package dev.wsingress.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

/**
 * {@link RenderArgs} binds a command line only as picocli does: the same values in every field of
 * the command, and the same exit code, output and errors when it runs; anything else it leaves to
 * picocli.
 */
class RenderArgsTest {
  private static final String[] TOKENS = {
    "render",
    "render",
    "-t",
    "--target",
    "--target=nginx",
    "--target=",
    "nginx",
    "nginx,platform",
    "gateway-api,platform",
    "all",
    "nginxx",
    "nginx,,platform",
    ",nginx",
    "nginx,",
    "\"nginx\"",
    "-f",
    "--filename",
    "--filename=chat.yaml",
    "chat.yaml",
    "app.yaml",
    "dir",
    "-",
    "@args",
    "-o",
    "--output",
    "--output=json",
    "yaml",
    "json",
    "YAML",
    "xml",
    "--fail-on",
    "--fail-on=none",
    "error",
    "warning",
    "info",
    "none",
    "Warning",
    "--lenient",
    "--lenient=true",
    "-q",
    "--quiet",
    "--each",
    "--no-color",
    "--",
    "-h",
    "--help",
    "-V",
    "-x",
    "--nginx-ingress-class",
    "edge",
    "--nginx-version",
    "1.12",
    "-tnginx",
    "-qt",
    "",
    " ",
    "a b.yaml",
    "é.yaml",
    "-t=nginx"
  };

  @Test
  void everyCommandLineItBindsPicocliBindsToTheSameValues() {
    Random random = new Random(17);
    int bound = 0;
    int declined = 0;
    for (int i = 0; i < 20_000; i++) {
      List<String> args = new ArrayList<>();
      args.add(random.nextInt(20) == 0 ? TOKENS[random.nextInt(TOKENS.length)] : "render");
      for (int n = random.nextInt(8); n > 0; n--) {
        args.add(TOKENS[random.nextInt(TOKENS.length)]);
      }
      if (random.nextBoolean()) {
        args.add("-t");
        args.add(TOKENS[6 + random.nextInt(8)]);
      }
      if (check(args.toArray(new String[0]))) {
        bound++;
      } else {
        declined++;
      }
    }
    // Both branches are exercised.
    assertThat(bound).isGreaterThan(2_000);
    assertThat(declined).isGreaterThan(2_000);
  }

  @Test
  void theCommonCommandLinesAreBound() {
    for (String line :
        List.of(
            "render app.yaml -t nginx,platform",
            "render app.yaml --target nginx,platform",
            "render -f app.yaml -t all --lenient",
            "render dir --target=gateway-api,platform --lenient -q -o json",
            "render a.yaml b.yaml -t nginx --fail-on warning --each --no-color",
            "render --filename=a.yaml -t istio -t platform --output=yaml --fail-on=none")) {
      String[] args = line.split(" ");
      assertThat(RenderArgs.bind(args)).as(line).isNotNull();
      assertThat(check(args)).as(line).isTrue();
    }
  }

  @Test
  void whatPicocliMustParseIsDeclined() {
    for (String line :
        List.of(
            "render -t",
            "render app.yaml",
            "render - -t nginx",
            "render @args -t nginx",
            "render app.yaml -t nginx --nginx-ingress-class edge",
            "render app.yaml -t nginx --nginx-version 1.12",
            "render app.yaml -tnginx",
            "render app.yaml -t nginx -o YAML",
            "render app.yaml -t nginx -o yaml -o json",
            "render app.yaml -t nginx --lenient --lenient",
            "render app.yaml -t nginx,,platform",
            "render app.yaml -t nginx -- x",
            "render app.yaml -t nginx --help",
            "render app.yaml -t --lenient",
            "--no-color render app.yaml -t nginx",
            "doctor app.yaml")) {
      assertThat(RenderArgs.bind(line.split(" "))).as(line).isNull();
    }
  }

  /** The same exit code, output and errors as picocli's parse, for runs that work and fail. */
  @Test
  void aBoundCommandLineRunsAsPicocliRunsIt(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "apiVersion: wsingress.dev/v1alpha1\nkind: WebSocketApp\nspec: {}\n");
    String chat = Run.chat();
    List<List<String>> lines =
        List.of(
            List.of("render", chat, "-t", "nginx,platform"),
            List.of("render", chat, "-t", "all", "--lenient", "--fail-on", "none"),
            List.of("render", chat, "-t", "gateway-api,platform", "--lenient", "-q", "-o", "json"),
            List.of("render", "-f", chat, "-t", "istio", "--each", "--fail-on=info"),
            List.of("render", chat, "-t", "istio"),
            List.of("render", chat, "-t", "nginxx"),
            List.of("render", chat, "-t", "nginx", "-t", "nginx"),
            List.of("render", dir.resolve("missing.yaml").toString(), "-t", "nginx"),
            List.of("render", bad.toString(), "-t", "nginx"),
            List.of("render", dir.toString(), "-t", "nginx"),
            List.of("render", "-t", "nginx"));
    for (List<String> line : lines) {
      String[] args = line.toArray(new String[0]);
      assertThat(RenderArgs.bind(args)).as("%s", line).isNotNull();
      Run quick = Run.of(args);
      Run picocli = Run.parsedByPicocli(args);
      assertThat(quick.exit()).as("%s", line).isEqualTo(picocli.exit());
      assertThat(quick.out()).as("%s", line).isEqualTo(picocli.out());
      assertThat(quick.err()).as("%s", line).isEqualTo(picocli.err());
    }
  }

  /**
   * Whether RenderArgs binds the arguments; when it does, picocli (the command's own model) parses
   * them without an error into the same values.
   */
  private static boolean check(String[] args) {
    RenderCommand quick = RenderArgs.bind(args);
    if (quick == null) {
      return false;
    }
    CommandLine top = CommandModelTest.tree(true, true, "render", Ansi.OFF);
    CommandLine.ParseResult parsed;
    try {
      parsed = top.parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      throw new AssertionError(
          "RenderArgs bound " + List.of(args) + ", which picocli refuses: " + e.getMessage(), e);
    }
    assertThat(parsed.subcommand()).as("%s", List.of(args)).isNotNull();
    assertThat(parsed.subcommand().isUsageHelpRequested()).isFalse();
    Object picocli = parsed.subcommand().commandSpec().userObject();
    assertThat(CommandModelTest.dump(quick))
        .as("%s", List.of(args))
        .isEqualTo(CommandModelTest.dump(picocli));
    return true;
  }
}
