package dev.wsingress.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.RenderContext;
import dev.wsingress.Rendering;
import dev.wsingress.Target;
import dev.wsingress.Version;
import dev.wsingress.WebSocketApp;
import dev.wsingress.testing.RendersNothing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
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
    "-t=nginx",
    // Values after a switch (picocli gives a boolean of arity 0 none), names of commands, option
    // names not quite right (case, abbreviations, = on a short option or a switch), numbers.
    "true",
    "false",
    "help",
    "doctor",
    "Render",
    "--Target",
    "--targ",
    "--eac",
    "-o=json",
    "--no-color=true",
    "--quiet=false",
    "--=x",
    "-1",
    "-0.5",
    "-hV",
    "--version",
    // = forms: a list, empty values, a value with = or a dash.
    "--target=nginx,platform",
    "--target=,nginx",
    "--output=",
    "--fail-on=",
    "--filename=-",
    "--filename=a=b.yaml",
    "--target=-x",
    // Target lists: one comma, a trailing comma, escapes, quotes inside, a dash inside.
    ",",
    "nginx,platform,",
    "nginx\\,platform",
    "nginx,\"platform\"",
    "'nginx'",
    "nginx,-x",
    "ñginx",
    // Files: =, an argument file escaped or alone, whitespace, a tab, a newline.
    "a=b.yaml",
    "@",
    "@@args",
    "  -t",
    "a\tb.yaml",
    "a\nb.yaml",
    "\u00a0"
  };

  @Test
  void everyCommandLineItBindsPicocliBindsToTheSameValues() {
    Random random = new Random(17);
    int bound = 0;
    int declined = 0;
    for (int i = 0; i < 40_000; i++) {
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
   * Random bound command lines (files that render, are invalid, missing or a directory; every
   * option RenderArgs binds, in any order) run with the same exit code, output and errors.
   */
  @Test
  void randomBoundCommandLinesRunAsPicocliRunsThem(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "apiVersion: wsingress.dev/v1alpha1\nkind: WebSocketApp\nspec: {}\n");
    Path specs = Files.createDirectories(dir.resolve("specs"));
    Files.copy(Path.of(Run.chat()), specs.resolve("chat.yaml"));
    String[] files = {
      Run.chat(),
      Run.chat(),
      bad.toString(),
      dir.resolve("missing.yaml").toString(),
      specs.toString()
    };
    String[] targets = {
      "nginx", "nginx,platform", "all", "istio", "gateway-api,platform", "nginxx", "traefik,haproxy"
    };
    String[][] switches = {
      {"-o", "yaml"},
      {"-o", "json"},
      {"--output=json"},
      {"--fail-on", "warning"},
      {"--fail-on=info"},
      {"--fail-on", "none"},
      {"--lenient"},
      {"-q"},
      {"--each"},
      {"--no-color"}
    };
    Random random = new Random(29);
    int runs = 0;
    while (runs < 300) {
      List<String[]> pieces = new ArrayList<>();
      for (int n = random.nextInt(3); n >= 0; n--) {
        String file = files[random.nextInt(files.length)];
        pieces.add(
            switch (random.nextInt(3)) {
              case 0 -> new String[] {file};
              case 1 -> new String[] {"-f", file};
              default -> new String[] {"--filename=" + file};
            });
      }
      for (int n = random.nextInt(2); n >= 0; n--) {
        String target = targets[random.nextInt(targets.length)];
        pieces.add(
            random.nextBoolean()
                ? new String[] {"-t", target}
                : new String[] {"--target=" + target});
      }
      for (int n = random.nextInt(4); n > 0; n--) {
        pieces.add(switches[random.nextInt(switches.length)]);
      }
      java.util.Collections.shuffle(pieces, random);
      List<String> line = new ArrayList<>(List.of("render"));
      pieces.forEach(p -> line.addAll(List.of(p)));
      String[] args = line.toArray(new String[0]);
      if (!check(args)) {
        continue; // an option given twice
      }
      runs++;
      assertThat(Run.of(args)).as("%s", line).isEqualTo(Run.parsedByPicocli(args));
    }
  }

  /** Very many arguments: the same values, and the same run. */
  @Test
  void veryManyArgumentsAreBoundAsPicocliBindsThem() {
    List<String> line = new ArrayList<>(List.of("render"));
    for (int i = 0; i < 3_000; i++) {
      line.addAll(List.of(Run.chat(), "-f", Run.chat(), "-t", i % 2 == 0 ? "nginx" : "platform"));
    }
    String[] args = line.toArray(new String[0]);
    assertThat(check(args)).isTrue();
    assertThat(Run.of(args)).isEqualTo(Run.parsedByPicocli(args));
  }

  /**
   * Whatever the command's run throws (a CliException, an unchecked or a checked exception, an
   * Error) is reported as picocli's execution exception handler reports it, under the name the user
   * typed.
   */
  @Test
  void whatTheRunThrowsIsReportedAsUnderPicocli() {
    List<Throwable> thrown =
        List.of(
            CliException.usage("a usage error"),
            CliException.input("an input error"),
            new CliException(CliException.USAGE, ""),
            new IllegalStateException("boom"),
            new IllegalStateException(),
            new AssertionError("an error"),
            new StackOverflowError(),
            // A target in a language without checked exceptions (Kotlin, Scala) may throw one.
            new IOException("a checked exception"));
    String[] args = {"render", Run.chat(), "-t", "throwing"};
    assertThat(RenderArgs.bind(args)).isNotNull();
    for (String command :
        List.of(
            "wsingress", "kubectl wsingress", "${sys:java.specification.version}", "$${x}", "")) {
      System.setProperty("wsingress.command", command);
      try {
        // picocli expands ${...} in the name: such a name is left to it.
        assertThat(RenderArgs.bind(args) == null).as(command).isEqualTo(command.contains("$"));
        for (Throwable t : thrown) {
          Supplier<List<Target>> targets = () -> List.of(new Throwing(t));
          Run quick = Run.with("", Map.of(), targets, args);
          Run picocli = Run.parsedByPicocli("", Map.of(), targets, args);
          assertThat(quick).as("%s %s", command, t).isEqualTo(picocli);
          assertThat(quick.exit()).as("%s", t).isNotZero();
        }
      } finally {
        System.clearProperty("wsingress.command");
      }
    }
  }

  /**
   * picocli's path asks every target for its release lines, name and default before it parses (the
   * help of the version flags): a target that fails there fails a bound command line the same way.
   */
  @Test
  void aTargetFailingToDescribeItsReleaseLinesFailsBothWays() {
    String[] args = {"render", Run.chat(), "-t", "nginx"};
    for (String broken : List.of("versions", "version", "displayName")) {
      Supplier<List<Target>> targets =
          () -> {
            List<Target> all = new ArrayList<>(Run.productionTargets());
            all.add(new Undescribed(broken));
            return all;
          };
      Run quick = Run.with("", Map.of(), targets, args);
      assertThat(quick).as(broken).isEqualTo(Run.parsedByPicocli("", Map.of(), targets, args));
      assertThat(quick.exit()).as(broken).isEqualTo(Cli.INTERNAL);
    }
  }

  /** A target with release lines that throws when asked for one of them, its default or name. */
  private static final class Undescribed extends RendersNothing {
    private final String broken;

    Undescribed(String broken) {
      super("undescribed", "Undescribed stand-in");
      this.broken = broken;
    }

    private void fail(String method) {
      if (method.equals(broken)) {
        throw new IllegalStateException(method + " is broken");
      }
    }

    @Override
    public List<Version> versions() {
      fail("versions");
      return List.of(Version.of(1, 0));
    }

    @Override
    public Optional<Version> version() {
      fail("version");
      return Optional.of(Version.of(1, 0));
    }

    @Override
    public String displayName() {
      fail("displayName");
      return super.displayName();
    }
  }

  /** A target whose rendering throws. */
  private static final class Throwing extends RendersNothing {
    private final Throwable thrown;

    Throwing(Throwable thrown) {
      super("throwing", "Throwing stand-in");
      this.thrown = thrown;
    }

    @Override
    public Rendering render(WebSocketApp app, RenderContext context) {
      throw RenderArgsTest.<RuntimeException>sneaky(thrown);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
    throw (T) t;
  }

  /**
   * picocli reads system properties named picocli.* (picocli.trimQuotes takes the quotes off every
   * argument, picocli.trace writes to standard error, picocli.help.name.0 renames -h): with one
   * set, every command line is left to picocli.
   */
  @Test
  void withAPicocliSystemPropertySetNothingIsBound() {
    String[] quoted = {"render", "\"app.yaml\"", "-t", "nginx"};
    assertThat(check(quoted)).isTrue();
    Map<String, String> properties =
        Map.of(
            "picocli.trimQuotes", "true",
            "picocli.trace", "OFF",
            "picocli.help.name.0", "-H",
            "picocli.x", "");
    for (String property : properties.keySet()) {
      System.setProperty(property, properties.get(property));
      try {
        assertThat(check(quoted)).as(property).isFalse();
        assertThat(RenderArgs.bind("render app.yaml -t nginx".split(" "))).as(property).isNull();
      } finally {
        System.clearProperty(property);
      }
    }
    // Why: picocli binds the file without its quotes then.
    System.setProperty("picocli.trimQuotes", "true");
    try {
      CommandLine top = CommandModelTest.tree(true, true, "render", Ansi.OFF);
      Object parsed = top.parseArgs(quoted).subcommand().commandSpec().userObject();
      assertThat(((RenderCommand) parsed).files).containsExactly("app.yaml");
    } finally {
      System.clearProperty("picocli.trimQuotes");
    }
  }

  /**
   * The training run of the class-data sharing archive renders both ways: lines RenderArgs binds,
   * and a line it declines that picocli's model of render parses and runs (not only its help), so
   * that the archive holds the classes of both.
   */
  @Test
  void theTrainingRunRendersBothWays() {
    List<String[]> renders =
        CdsTraining.runs(Run.chat()).stream()
            .filter(r -> r.get(0).equals("render"))
            .map(r -> r.toArray(new String[0]))
            .toList();
    assertThat(renders.stream().filter(this::bound)).hasSizeGreaterThanOrEqualTo(3);
    List<String[]> parsed =
        renders.stream()
            .filter(r -> !bound(r))
            .filter(
                r -> {
                  CommandLine top = CommandModelTest.tree(true, true, "render", Ansi.OFF);
                  CommandLine.ParseResult p = top.parseArgs(r).subcommand();
                  return p != null && !p.isUsageHelpRequested();
                })
            .toList();
    assertThat(parsed).isNotEmpty();
  }

  private boolean bound(String[] args) {
    return RenderArgs.bind(args) != null;
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
