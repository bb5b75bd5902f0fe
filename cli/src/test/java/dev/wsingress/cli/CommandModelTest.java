package dev.wsingress.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Range;

/**
 * The generated picocli model ({@code CommandModel}) is current and is the model picocli reads from
 * the annotations: the same help (with and without ANSI), the same options and positional
 * parameters, attribute by attribute, and the same values bound after parsing a corpus of command
 * lines that gives every option.
 *
 * <p>Regenerate after a change to the annotations: {@code ./mvnw -B -q -o test -pl cli -am
 * -Dtest=CommandModelTest -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip
 * -Dwsingress.regenerate=true}, then {@code scripts/format.sh}.
 */
class CommandModelTest {
  private static final Path SOURCE = Path.of("src/main/java/dev/wsingress/cli/CommandModel.java");

  @Test
  void theCheckedInModelIsWhatTheGeneratorWrites() throws IOException {
    assertCurrent(SOURCE, CommandModelGenerator.generate(), "CommandModelGenerator", "annotations");
  }

  /**
   * Asserts that the checked-in generated source is what its generator writes now, after writing it
   * when {@code -Dwsingress.regenerate=true}. google-java-format lays out the checked-in file, so
   * both are compared without layout (white space, comments, and how a string constant is split
   * into concatenated literals).
   */
  static void assertCurrent(Path source, String generated, String generator, String from)
      throws IOException {
    if (Boolean.getBoolean("wsingress.regenerate")) {
      Files.writeString(source, generated, StandardCharsets.UTF_8);
    }
    assertThat(normal(Files.readString(source, StandardCharsets.UTF_8)))
        .as(
            "%s is not what %s writes from the %s: regenerate it with"
                + " -Dwsingress.regenerate=true (see the test's javadoc)",
            source.getFileName(), generator, from)
        .isEqualTo(normal(generated));
  }

  @Test
  void theComparisonIgnoresLayoutOnly() {
    String a = "class A {\n  // one\n  String s = \"Some \" + \"text\";\n}\n";
    String b = "class A { /* two */ String s =\n      \"Some text\"; }";
    assertThat(normal(a)).isEqualTo(normal(b)).isEqualTo("classA{Strings=\"Some text\";}");
    assertThat(normal(a)).isNotEqualTo(normal(b.replace("Some text", "Some  text")));
    assertThat(normal("f(\"a\" + x + \"b\")")).isEqualTo("f(\"a\"+x+\"b\")");
  }

  /** Java source without white space or comments, adjacent string literals joined. */
  static String normal(String java) {
    StringBuilder b = new StringBuilder();
    int i = 0;
    int n = java.length();
    boolean joinable = false; // the last token was a string literal followed by "+"
    while (i < n) {
      char c = java.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (java.startsWith("//", i)) {
        i = java.indexOf('\n', i) < 0 ? n : java.indexOf('\n', i);
      } else if (java.startsWith("/*", i)) {
        i = java.indexOf("*/", i + 2) + 2;
      } else if (c == '"' && !java.startsWith("\"\"\"", i)) {
        int j = i + 1;
        while (java.charAt(j) != '"') {
          j += java.charAt(j) == '\\' ? 2 : 1;
        }
        String body = java.substring(i + 1, j);
        if (joinable) {
          // Drop the '"+' written before: "a" + "b" is "ab".
          b.setLength(b.length() - 2);
          b.append(body).append('"');
        } else {
          b.append('"').append(body).append('"');
        }
        joinable = false;
        i = j + 1;
        int k = skip(java, i);
        if (k < n && java.charAt(k) == '+' && skip(java, k + 1) < n) {
          int after = skip(java, k + 1);
          if (java.charAt(after) == '"' && !java.startsWith("\"\"\"", after)) {
            b.append('+');
            joinable = true;
            i = after;
          }
        }
      } else if (java.startsWith("\"\"\"", i)) {
        int j = java.indexOf("\"\"\"", i + 3) + 3;
        b.append(java, i, j);
        i = j;
      } else if (c == '\'') {
        int j = i + 1;
        while (java.charAt(j) != '\'') {
          j += java.charAt(j) == '\\' ? 2 : 1;
        }
        b.append(java, i, j + 1);
        i = j + 1;
      } else {
        b.append(c);
        i++;
      }
    }
    return b.toString();
  }

  private static int skip(String java, int i) {
    while (i < java.length() && Character.isWhitespace(java.charAt(i))) {
      i++;
    }
    return i;
  }

  /** A factory as the command's: the model's classes without reflection. */
  static final CommandLine.IFactory FACTORY =
      new CommandLine.IFactory() {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
          Object made = CommandModel.create(cls);
          return made != null ? cls.cast(made) : CommandLine.defaultFactory().create(cls);
        }
      };

  private static Object newCommand(Class<?> c) {
    try {
      return FACTORY.create(c);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A command line of the command, built by reflection or generated, with the run's settings. */
  private static CommandLine line(Class<?> command, boolean generated, Ansi ansi) {
    Object o = newCommand(command);
    CommandLine cl =
        generated
            ? new CommandLine(CommandModel.spec(o, FACTORY), FACTORY)
            : new CommandLine(o, FACTORY);
    cl.setColorScheme(CommandLine.Help.defaultColorScheme(ansi));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    return cl;
  }

  /** The top with every subcommand: its whole model, or (generated) the listings the help needs. */
  static CommandLine tree(boolean generated, boolean listed, String sub, Ansi ansi) {
    CommandLine top = line(WsIngressCommand.class, generated, ansi);
    for (Class<?> c : WsIngressCommand.SUBCOMMANDS) {
      String name = c.getAnnotation(CommandLine.Command.class).name();
      if (listed && !name.equals(sub)) {
        top.addSubcommand(name, CommandModel.listed(name));
      } else if (c == CommandLine.HelpCommand.class || !generated) {
        top.addSubcommand(name, new CommandLine(newCommand(c), FACTORY));
      } else {
        top.addSubcommand(
            name, new CommandLine(CommandModel.spec(newCommand(c), FACTORY), FACTORY));
      }
    }
    top.setCommandName("wsingress");
    if (sub != null && (sub.equals("render") || sub.equals("convert"))) {
      VersionFlags.register(
          top.getSubcommands().get(sub).getCommandSpec(), Run.productionTargets());
    }
    top.setColorScheme(CommandLine.Help.defaultColorScheme(ansi));
    top.setCaseInsensitiveEnumValuesAllowed(true);
    return top;
  }

  private static String usage(CommandLine cl) {
    StringWriter w = new StringWriter();
    cl.usage(new PrintWriter(w));
    return w.toString();
  }

  @Test
  void theHelpIsTheSame() {
    for (Ansi ansi : List.of(Ansi.ON, Ansi.OFF)) {
      String top = usage(tree(false, false, null, ansi));
      assertThat(top).contains("Usage").contains("render");
      assertThat(usage(tree(true, false, null, ansi))).isEqualTo(top);
      assertThat(usage(tree(true, true, null, ansi))).isEqualTo(top);
      for (String name : CommandModel.NAMES) {
        if (name.equals("help")) {
          continue;
        }
        String reflective = usage(tree(false, false, name, ansi).getSubcommands().get(name));
        if (ansi == Ansi.OFF) {
          assertThat(reflective).contains("Usage: wsingress " + name);
        }
        assertThat(usage(tree(true, true, name, ansi).getSubcommands().get(name)))
            .as(name)
            .isEqualTo(reflective);
        assertThat(usage(tree(true, false, name, ansi).getSubcommands().get(name)))
            .as(name)
            .isEqualTo(reflective);
      }
    }
  }

  @Test
  void theNamesAreTheCommandsInTheOrderOfTheHelp() {
    List<String> names = new ArrayList<>();
    for (Class<?> c : WsIngressCommand.SUBCOMMANDS) {
      names.add(c.getAnnotation(CommandLine.Command.class).name());
      assertThat(CommandModel.type(names.get(names.size() - 1))).isEqualTo(c);
    }
    assertThat(CommandModel.NAMES).isEqualTo(names);
  }

  @Test
  void theOptionsAndParametersAreTheSame() {
    for (Class<?> c : CommandModelGenerator.commands()) {
      CommandSpec r = line(c, false, Ansi.OFF).getCommandSpec();
      CommandSpec g = line(c, true, Ansi.OFF).getCommandSpec();
      assertThat(g.name()).isEqualTo(r.name());
      same(c.getName(), describe(g.options()), describe(r.options()));
      same(c.getName(), describe(g.positionalParameters()), describe(r.positionalParameters()));
      assertThat(groups(g.argGroups())).as(c.getName()).isEqualTo(groups(r.argGroups()));
      assertThat(g.mixins().keySet()).isEqualTo(r.mixins().keySet());
      assertThat(g.mixinStandardHelpOptions()).isEqualTo(r.mixinStandardHelpOptions());
      assertThat(g.versionProvider() == null).isEqualTo(r.versionProvider() == null);
      if (r.versionProvider() != null) {
        assertThat(g.versionProvider().getClass()).isEqualTo(r.versionProvider().getClass());
      }
      assertThat(usageAttributes(g)).isEqualTo(usageAttributes(r));
    }
  }

  /** Equal lists, compared element by element (for a readable failure). */
  private static void same(String what, List<String> generated, List<String> reflective) {
    for (int i = 0; i < Math.min(generated.size(), reflective.size()); i++) {
      assertThat(generated.get(i)).as(what + " #" + i).isEqualTo(reflective.get(i));
    }
    assertThat(generated).as(what).hasSameSizeAs(reflective);
  }

  private static List<String> usageAttributes(CommandSpec s) {
    var u = s.usageMessage();
    return List.of(
        Arrays.toString(u.description()),
        Arrays.toString(u.header()),
        Arrays.toString(u.footer()),
        u.exitCodeList().toString(),
        u.exitCodeListHeading(),
        u.commandListHeading(),
        u.synopsisSubcommandLabel(),
        String.valueOf(u.sortOptions()),
        String.valueOf(u.abbreviateSynopsis()),
        String.valueOf(u.width()),
        s.qualifiedName());
  }

  private static List<String> groups(List<ArgGroupSpec> groups) {
    List<String> d = new ArrayList<>();
    for (ArgGroupSpec g : groups) {
      d.add(
          String.join(
              " | ",
              String.valueOf(g.heading()),
              String.valueOf(g.headingKey()),
              String.valueOf(g.exclusive()),
              String.valueOf(g.multiplicity()),
              String.valueOf(g.validate()),
              String.valueOf(g.order()),
              g.typeInfo().getType().getName(),
              Arrays.toString(g.typeInfo().getAuxiliaryTypes()),
              String.valueOf(g.typeInfo().isMultiValue()),
              describe(new ArrayList<>(g.args())).toString(),
              groups(g.subgroups()).toString()));
    }
    return d;
  }

  /** Every attribute of the options or positional parameters (initial values: see parsing). */
  private static List<String> describe(List<? extends ArgSpec> args) {
    List<String> d = new ArrayList<>();
    for (ArgSpec a : args) {
      List<Object> p = new ArrayList<>();
      if (a instanceof OptionSpec o) {
        p.addAll(
            List.of(
                Arrays.toString(o.names()),
                o.negatable(),
                o.order(),
                o.usageHelp(),
                o.versionHelp(),
                o.help(),
                String.valueOf(o.fallbackValue())));
      } else {
        PositionalParamSpec pp = (PositionalParamSpec) a;
        p.add(range(pp.index()));
      }
      p.addAll(
          Arrays.asList(
              range(a.arity()),
              a.type().getName(),
              Arrays.toString(a.auxiliaryTypes()),
              a.typeInfo().isMultiValue(),
              a.typeInfo().isEnum(),
              String.valueOf(a.defaultValue()),
              Arrays.toString(a.description()),
              String.valueOf(a.descriptionKey()),
              a.paramLabel(),
              a.hideParamSyntax(),
              a.hidden(),
              a.required(),
              a.interactive(),
              a.echo(),
              String.valueOf(a.prompt()),
              a.splitRegex(),
              a.splitRegexSynopsisLabel(),
              String.valueOf(a.mapFallbackValue()),
              String.valueOf(a.showDefaultValue()),
              String.valueOf(a.scopeType()),
              a.inherited(),
              a.hasInitialValue(),
              // A group's arg: its initial value is the field's in a new group object, which the
              // reflective model reads from the first one picocli creates (compared after parsing).
              a.group() == null ? String.valueOf(a.initialValue()) : "(in the group object)",
              String.valueOf(a.completionCandidates()),
              a.converters().length,
              String.valueOf(a.parameterConsumer()),
              a.preprocessor().getClass().getName(),
              a.toString()));
      d.add(p.toString());
    }
    return d;
  }

  private static String range(Range r) {
    return r.min()
        + ".."
        + r.max()
        + " variable="
        + r.isVariable()
        + " unspecified="
        + r.isUnspecified()
        + " original="
        + r.originalValue()
        + " relative="
        + r.isRelative();
  }

  /** The flags of every target (render and convert give them alike). */
  static final List<List<String>> TARGET_FLAGS =
      List.of(
          List.of(
              "--nginx-ingress-class",
              "c",
              "--nginx-controller-config",
              "ns/n",
              "--nginx-controller-service-account",
              "ns/sa",
              "--nginx-backend-tls-verify-depth",
              "2",
              "--nginx-raw-server-snippet",
              "x;"),
          List.of(
              "--gateway-api-gateway",
              "ns/gw",
              "--gateway-api-with-gateway",
              "eg",
              "--gateway-api-listeners",
              "http,https",
              "--gateway-api-request-timeout",
              "1h",
              "--gateway-api-experimental",
              "--gateway-api-envoy-gateway",
              "--gateway-api-backend-ca-config-map",
              "ca"),
          List.of("--gateway-api-envoy-gateway", "1.4", "--gateway-api-experimental"),
          List.of(
              "--istio-gateway-selector",
              "istio=ingressgateway",
              "--istio-gateway",
              "ns/gw",
              "--istio-outlier-limits",
              "10,50"),
          List.of(
              "--traefik-entry-points",
              "web,websecure",
              "--traefik-ingress-class",
              "t",
              "--traefik-circuit-breaker",
              "NetworkErrorRatio() > 0.5",
              "--traefik-client-ip-depth",
              "1",
              "--traefik-security-headers"),
          List.of("--traefik-client-ip-depth", "x"),
          List.of(
              "--haproxy-ingress-class",
              "h",
              "--haproxy-controller-config",
              "ns/cm",
              "--haproxy-controller-service-account",
              "ns/sa",
              "--haproxy-backend-resource"),
          List.of(
              "--linkerd-allow-from",
              "ns/a,ns/b",
              "--linkerd-allow-from",
              "ns/c",
              "--linkerd-allow-network",
              "10.0.0.0/8,192.168.0.0/16",
              "--linkerd-access-policy",
              "DENY",
              "--linkerd-proxy-resources",
              "1,2,3,4",
              "--linkerd-viz-metrics",
              "viz"),
          List.of("--linkerd-access-policy", "audit"),
          List.of("--linkerd-access-policy", "nope"),
          List.of(
              "--platform-port-name",
              "ws",
              "--platform-ingress-from",
              "a,b",
              "--platform-monitoring-namespace",
              "mon",
              "--platform-adapter-config",
              "ns/n",
              "--platform-service-monitor-labels",
              "release=prom,team=x",
              "--platform-service-monitor-labels",
              "a=b"),
          List.of("--platform-service-monitor-labels", "key"),
          List.of("--nginx-version", "1.12", "--traefik-version=3.4", "--istio-version", "1.30"),
          List.of(
              "--nginx-ingress-class", "a", "--platform-port-name", "p", "--linkerd-allow-from=x"));

  /** Command lines that give every option (and some that are wrong). */
  static final List<List<String>> CORPUS = corpus();

  private static List<List<String>> corpus() {
    List<List<String>> c = new ArrayList<>();
    c.addAll(
        List.of(
            List.of(),
            List.of("--no-color"),
            List.of("--bogus"),
            List.of("bogus"),
            List.of("rendr"),
            List.of("render", "app.yaml", "--target", "nginx,platform"),
            List.of(
                "render", "-f", "a.yaml", "--filename=b.yaml", "c", "-", "-t", "all", "-t", "x"),
            List.of("render", "a", "--target", "gateway-api", "--each", "-o", "json", "--lenient"),
            List.of("render", "a", "--target", "nginx", "--output", "YAML", "--fail-on", "warning"),
            List.of("render", "a", "--target", "nginx", "-q", "--no-color"),
            List.of("render", "a", "--target", "nginx", "--quiet", "-q"),
            List.of("render", "a", "--target", "nginx", "--quiet", "-o", "json", "-o", "yaml"),
            List.of("render", "a", "--target", "nginx", "--fail-on", "bogus"),
            List.of("render", "a", "--target", "nginx", "-o", "xml"),
            List.of("render", "a", "--target", "nginx", "--nginx-ingres-class", "x"),
            List.of("render", "a"),
            List.of("render", "a", "--target", "nginx", "--", "--not-an-option"),
            List.of("doctor", "k8s.yaml"),
            List.of(
                "doctor",
                "-f",
                "a",
                "--filename",
                "b",
                "c",
                "-o",
                "sarif",
                "--fail-on",
                "info",
                "--ignore",
                "A,B",
                "--ignore=C"),
            List.of("doctor", "--output", "json", "--fail-on", "none", "--no-color"),
            List.of("doctor", "-o", "yaml"),
            List.of("convert", "a", "--to", "spec"),
            List.of(
                "convert",
                "-f",
                "a",
                "--filename",
                "b",
                "c",
                "--to",
                "java",
                "--java-package",
                "com.example",
                "--to",
                "nginx,platform",
                "--each",
                "-o",
                "json",
                "--lenient",
                "--fail-on",
                "warning",
                "-q"),
            List.of("convert", "a", "--to", "x", "--output", "yaml", "--quiet", "--fail-on=none"),
            List.of("convert", "a"),
            List.of("explain", "NGINX-CONNECT-TIMEOUT", "core-drain"),
            List.of("explain"),
            List.of("targets"),
            List.of("targets", "-o", "json"),
            List.of("targets", "--output", "text"),
            List.of("targets", "-o", "yaml"),
            List.of("schema"),
            List.of("schema", "extra"),
            List.of("version"),
            List.of("version", "--no-color")));
    for (List<String> flags : TARGET_FLAGS) {
      List<String> render = new ArrayList<>(List.of("render", "a", "-t", "x"));
      render.addAll(flags);
      c.add(render);
      List<String> convert = new ArrayList<>(List.of("convert", "a", "--to", "x"));
      convert.addAll(flags);
      c.add(convert);
    }
    List<String> commands = new ArrayList<>(List.of(""));
    commands.addAll(CommandModel.NAMES);
    commands.remove("help");
    for (String command : commands) {
      for (String help : List.of("-h", "--help", "-V", "--version", "-hV")) {
        c.add(command.isEmpty() ? List.of(help) : List.of(command, help));
      }
    }
    return c;
  }

  @Test
  void theCorpusParsesToTheSameValues() {
    Set<String> given = new HashSet<>();
    for (List<String> args : CORPUS) {
      String sub = Cli.running(args.toArray(new String[0]));
      String reflective = parse(tree(false, false, sub, Ansi.OFF), args, given);
      assertThat(parse(tree(true, true, sub, Ansi.OFF), args, new HashSet<>()))
          .as(String.join(" ", args))
          .isEqualTo(reflective);
    }
    // The values are compared, not only the absence of errors.
    String nginx =
        parse(
            tree(true, true, "render", Ansi.OFF),
            List.of("render", "a", "-t", "x", "--nginx-ingress-class", "c", "-o", "JSON"),
            new HashSet<>());
    assertThat(nginx)
        .contains("NginxFlags.ingressClass=java.lang.String:c")
        .contains("Rendered.output=dev.wsingress.cli.RenderCommand$Output:json")
        .contains("RenderCommand.targets=java.util.ArrayList:[x]");
    // Every option of every command is given somewhere.
    Set<String> every = new HashSet<>();
    for (Class<?> c : CommandModelGenerator.commands()) {
      CommandSpec spec = line(c, false, Ansi.OFF).getCommandSpec();
      for (OptionSpec o : spec.options()) {
        every.add(spec.name() + " " + o.longestName());
      }
    }
    every.removeAll(given);
    assertThat(every).as("options no command line of the corpus gives").isEmpty();
  }

  /** The values bound after parsing, or the error; the options given added to {@code given}. */
  private static String parse(CommandLine top, List<String> args, Set<String> given) {
    try {
      CommandLine.ParseResult result = top.parseArgs(args.toArray(new String[0]));
      StringBuilder b = new StringBuilder();
      for (CommandLine.ParseResult r = result; r != null; r = r.subcommand()) {
        CommandSpec spec = r.commandSpec();
        for (OptionSpec o : r.matchedOptions()) {
          given.add(spec.name() + " " + o.longestName());
        }
        b.append(spec.name()).append(' ').append(dump(spec.userObject())).append('\n');
        b.append("  original ").append(r.originalArgs()).append('\n');
        b.append("  unmatched ").append(r.unmatched()).append('\n');
        b.append("  help ").append(r.isUsageHelpRequested()).append(r.isVersionHelpRequested());
        b.append('\n');
        for (OptionSpec o : spec.options()) {
          b.append("  ").append(o.longestName()).append('=').append(value(o));
          b.append(" matched=").append(r.hasMatchedOption(o));
          if (o.group() != null && !value(o).equals("(group not given)")) {
            b.append(" initial=").append(show(o.initialValue()));
          }
          b.append('\n');
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
          b.append("  ").append(p.paramLabel()).append('=').append(value(p)).append('\n');
        }
      }
      return b.toString();
    } catch (CommandLine.ParameterException e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }

  /** An arg's value; none when it is in a group that was not given (no group object). */
  private static String value(ArgSpec a) {
    if (a.group() != null && a.group().getter() != null) {
      try {
        if (a.group().getter().get() == null) {
          return "(group not given)";
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return show(a.getValue());
  }

  private static String show(Object v) {
    return v == null ? "null" : v.getClass().getName() + ":" + v;
  }

  /**
   * Every field of an object of this package (commands, mixins, groups), recursively; the run and
   * the model (Cli, CommandSpec) left out.
   */
  static String dump(Object o) {
    if (o == null) {
      return "null";
    }
    if (!o.getClass().getName().startsWith("dev.wsingress.cli.") || o.getClass().isEnum()) {
      return show(o);
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (Class<?> k = o.getClass(); k != Object.class; k = k.getSuperclass()) {
      for (Field f : k.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers())
            || f.getType() == Cli.class
            || f.getType() == CommandSpec.class) {
          continue;
        }
        f.setAccessible(true);
        try {
          fields.put(k.getSimpleName() + "." + f.getName(), dump(f.get(o)));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return o.getClass().getSimpleName() + fields;
  }

  @Test
  void theMixeeSpecIsInjected() {
    for (Class<?> c : List.of(RenderCommand.class, ConvertCommand.class)) {
      Object o = newCommand(c);
      CommandSpec spec = CommandModel.spec(o, FACTORY);
      Function<Object, Rendered> rendering =
          x -> x instanceof RenderCommand r ? r.rendering : ((ConvertCommand) x).rendering;
      assertThat(rendering.apply(o).spec).isSameAs(spec);
    }
    WsIngressCommand top = new WsIngressCommand();
    assertThat(CommandModel.spec(top, FACTORY)).isSameAs(top.spec);
  }
}
