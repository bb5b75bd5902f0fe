package dev.wsingress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.testing.Gen;
import dev.wsingress.testing.Property;
import dev.wsingress.testing.Specs;
import dev.wsingress.testing.StandInPlatform;
import dev.wsingress.testing.StandInReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * SnakeYAML is the oracle of {@link BlockEvents}: whenever the fast path takes a text, SnakeYAML
 * parses the same text without an error and gives the same events, field by field. Over every YAML
 * and JSON file of every module's test resources and the examples, renderings of the test kit's
 * specs, the doctor benchmark's files when {@code -Dwsingress.blockEvents.dir=DIR} names them, and
 * thousands of random mutations of them.
 */
class BlockEventsTest {
  private static final LoaderOptions OPTIONS = new LoaderOptions();

  static {
    OPTIONS.setProcessComments(false);
    OPTIONS.setCodePointLimit(Integer.MAX_VALUE);
  }

  @Test
  void events_equal_snakeyaml_on_every_fixture_segment() {
    Map<String, int[]> taken = new TreeMap<>();
    for (Path file : fixtureFiles()) {
      String group = group(file);
      for (String segment : segments(read(file))) {
        int[] n = taken.computeIfAbsent(group, g -> new int[2]);
        n[1]++;
        if (oracle(segment)) {
          n[0]++;
        } else if (System.getProperty("wsingress.blockEvents.show") != null) {
          System.out.println("declined " + file + ":\n" + segment);
        }
        // The same with CRLF line ends, as Windows editors write them.
        int[] c = taken.computeIfAbsent(group + ", CRLF", g -> new int[2]);
        c[1]++;
        if (oracle(segment.replace("\r\n", "\n").replace("\n", "\r\n"))) {
          c[0]++;
        }
      }
    }
    report("fixtures", taken);
    int[] yaml = taken.get("yaml");
    assertThat(yaml[1]).as("YAML fixture segments").isGreaterThan(1000);
    assertThat(yaml[0]).as("fixture segments taken").isGreaterThan(yaml[1] * 3 / 4);
    assertThat(taken.get("yaml, CRLF")[0]).as("CRLF segments taken").isEqualTo(yaml[0]);
  }

  @Test
  void events_equal_snakeyaml_on_renderings() {
    Map<String, int[]> taken = new TreeMap<>();
    int[] n = taken.computeIfAbsent("renderings", g -> new int[2]);
    for (String yaml : renderings(300)) {
      for (String segment : segments(yaml)) {
        n[1]++;
        if (oracle(segment)) {
          n[0]++;
        } else if (System.getProperty("wsingress.blockEvents.show") != null) {
          System.out.println("declined:\n" + segment);
        }
      }
    }
    report("renderings", taken);
    assertThat(n[0]).as("rendered segments taken").isGreaterThan(n[1] * 99 / 100);
  }

  @Test
  void events_equal_snakeyaml_on_the_benchmark_files() throws IOException {
    String dir = System.getProperty("wsingress.blockEvents.dir");
    if (dir == null) {
      return; // only on demand: the files come from the examples' DoctorBenchmark
    }
    int[] n = new int[2];
    try (Stream<Path> files = Files.list(Path.of(dir))) {
      for (Path file : files.sorted().toList()) {
        for (String segment : segments(read(file))) {
          n[1]++;
          if (oracle(segment)) {
            n[0]++;
          }
        }
      }
    }
    report("benchmark", Map.of(dir, n));
    assertThat(n[0]).isEqualTo(n[1]);
  }

  @Test
  void events_equal_snakeyaml_on_small_cases() {
    String[] taken = {
      "a: 1\n",
      "---\na: b\n",
      "---\n",
      "---\n# only a comment\n",
      "# c\n\n",
      "a:\n- x\n-\n- y: 1\n  z:\nb: ''\n",
      "a:\n  - - x\n    - ''\n  - \"q\\tq\\u00e9\\x41\"\n",
      "k: |\n  one\n\n  two\n\n\nn: 1\n",
      "k: |-\n    keep\n     more\nn: 1\n",
      "k: |+\n  one\n\n\n",
      "k: |\n",
      "- |\n  x\n- |+\n\n",
      "a: [x, 'y', \"z\", -1, a:b, http://h/p]\nb: []\nc: {}\nd: [ ]\n",
      "a: b # c\nc: d#e\ne: f :g\n",
      "a\n",
      "url: http://x:80/y\nimage: nginx:1.2\nneg: -1\nq: ?x\nc: :x\n",
      "a: 'it''s'\nb: \"\"\n'k': v\n\"k2\" : v\n",
      "  a: 1\n  b: 2\n",
      "- a\n- b\n",
      "a:\n    b:\n      c: 1\n    d: 2\ne: 3\n",
      "a: x   \nb: y  # c\n",
      "a: b\n  c\n\n   d # e\nf:\n  g\n  h\n\n\n  i\nj: k\n",
      "- a\n  b\n- c\n",
      "a\nb\n",
      "a: b\r\nc: |\r\n  x\r\n\r\n  y\r\nd:\r\n- e\r\n  f\r\n",
      "a: {b: {c: d}}\n"
          + "u: [{}, [], [a, {b: [c]}]]\n"
          + "v:\n"
          + "- {key: app, operator: In, values: [x, y]}\n",
      "s: {name: chat-ws, port: 8080}\nt: {\"a\":\"b\", 'c':d, e: -1, f: x:y}\n",
    };
    for (String text : taken) {
      assertThat(oracle(text)).as(text).isTrue();
    }
    String[] declined = {
      "a: &x 1\n",
      "a: *x\n",
      "a: !!str 1\n",
      "%YAML 1.1\n---\na: 1\n",
      "? a\n: b\n",
      "a: >\n  folded\n",
      "a: |2\n  x\n",
      "a: b\n  c: d\n",
      "a: 'b\n  c'\n",
      "a:\tb\n",
      "a: b\r",
      "a: b\rc: d\n",
      "a: b\n...\n",
      "a: [b,\n  c]\n",
      "a: {b: }\n",
      "a: {b}\n",
      "a: [b: c]\n",
      "a: {[b]: c}\n",
      "a: [[b]: c]\n",
      "a: {b: [c}\n",
      "a: {b: c,}\n",
      "a: b: c\n",
      "- a\nb: c\n",
      "a: \u0001\n",
      "k: |-\n    keep\n   less\n",
      "\uFEFFa: 1\n",
    };
    String huge = "- a\n".repeat(600_000);
    assertThat(new BlockEvents().read(huge, 0, huge.length())).as("a huge document").isFalse();
    for (String text : declined) {
      assertThat(new BlockEvents().read(text, 0, text.length())).as(text).isFalse();
    }
  }

  /** Random edits of the fixtures: the fast path declines or agrees with SnakeYAML. */
  @Test
  void events_equal_snakeyaml_on_mutations() {
    List<String> bases = mutationBases();
    int[] n =
        agreeing(
            mutated(bases), "BlockEvents agrees with SnakeYAML on a mutated document", "mutated");
    report("mutations", Map.of("mutated segments", n));
    assertThat(n[0]).as("mutated segments taken").isGreaterThan(n[1] / 10);
    assertThat(n[0]).as("mutated segments declined").isLessThan(n[1] * 9 / 10);
  }

  /**
   * Checks the oracle on every segment of every drawn text, and the same manifests both ways;
   * returns {segments taken, segments}.
   */
  private static int[] agreeing(Gen<String> texts, String property, String file) {
    int[] n = new int[2];
    Property.forAll(texts)
        .named(property)
        .tries(Property.triesFromProperty(4000))
        .showing(BlockEventsTest::visible)
        .check(
            text -> {
              for (String segment : segments(text)) {
                n[1]++;
                if (oracle(segment)) {
                  n[0]++;
                }
              }
              sameBothWays(() -> Manifests.parse(text, file + ".yaml"));
            });
    return n;
  }

  /** Fast path on and off: the same manifests, trees, positions and findings. */
  @Test
  void manifests_and_findings_are_the_same_with_snakeyaml_alone() {
    int files = 0;
    for (Path file : fixtureFiles()) {
      sameBothWays(() -> Manifests.read(file));
      String crlf = read(file).replace("\r\n", "\n").replace("\n", "\r\n");
      sameBothWays(() -> Manifests.parse(crlf, file.getFileName().toString()));
      files++;
    }
    for (String yaml : renderings(100)) {
      sameBothWays(() -> Manifests.parse(yaml, "rendered.yaml"));
    }
    assertThat(files).isGreaterThan(100);
  }

  /** The outcome of a read with the fast path on equals the one with SnakeYAML alone. */
  static void sameBothWays(Supplier<Manifests> read) {
    boolean was = YamlReader.blockEvents;
    try {
      YamlReader.blockEvents = true;
      String fast = outcome(read);
      YamlReader.blockEvents = false;
      String snake = outcome(read);
      assertThat(fast).isEqualTo(snake);
    } finally {
      YamlReader.blockEvents = was;
    }
  }

  private static String outcome(Supplier<Manifests> read) {
    Manifests m;
    try {
      m = read.get();
    } catch (RuntimeException e) {
      return e.toString();
    }
    StringBuilder b = new StringBuilder(Doctor.check(m).toJson()).append('\n');
    for (Manifest o : m.objects()) {
      b.append(o.file()).append(' ').append(o.subject()).append(' ').append(o.source());
      b.append(' ').append(o.apiVersion()).append(' ').append(o.kind()).append('\n');
      tree(o, o.tree(), b);
      b.append('\n');
    }
    return b.toString();
  }

  /** A tree with the position of every child. */
  private static void tree(Manifest o, com.fasterxml.jackson.databind.JsonNode n, StringBuilder b) {
    if (n.isObject()) {
      b.append('{');
      var fields = n.fields();
      while (fields.hasNext()) {
        var f = fields.next();
        b.append(f.getKey()).append('@').append(o.source(n, f.getKey())).append('=');
        tree(o, f.getValue(), b);
        b.append(',');
      }
      b.append('}');
    } else if (n.isArray()) {
      b.append('[');
      for (int i = 0; i < n.size(); i++) {
        b.append('@').append(o.source(n, i)).append('=');
        tree(o, n.get(i), b);
        b.append(',');
      }
      b.append(']');
    } else {
      b.append(n.getNodeType()).append(':').append(n.toString());
    }
  }

  /**
   * Random documents of lines drawn from the shapes manifests have (and some they should not), at
   * random indentations: literal blocks, indentless and compact sequences, empty values, flow
   * collections, comments and quotes meet in every order.
   */
  @Test
  void events_equal_snakeyaml_on_random_lines() {
    int[] n = agreeing(lines(), "BlockEvents agrees with SnakeYAML on random lines", "lines");
    report("random lines", Map.of("segments", n));
    assertThat(n[0]).as("random segments taken").isGreaterThan(n[1] / 20);
  }

  private static final List<String> LINES =
      List.of(
          "key: value",
          "apiVersion: v1",
          "kind: ConfigMap",
          "key:",
          "key: |",
          "key: |-",
          "key: |+",
          "key: | # c",
          "key: >",
          "- item",
          "- key: value",
          "- key:",
          "-",
          "- |",
          "- - x",
          "text line",
          "  text line  ",
          "",
          "   ",
          "# comment",
          "key: value # comment",
          "key: 'single ''q'''",
          "key: \"double \\\"q\\\" \\t\"",
          "'quoted key': v",
          "\"k\": \"v\"",
          "key: [a, 'b', \"c\"]",
          "key: []",
          "key: {}",
          "key: {a: b, c: 'd'}",
          "- {key: app, values: [a, {b: c}], e: []}",
          "key: [a,",
          "key: http://h:80/p",
          "key: -1",
          "key: a:b",
          "key: :x",
          "key: ?x",
          "key: a #b",
          "key: a# b",
          "key: 'unterminated",
          "key: b: c",
          "? complex",
          ": value",
          "---",
          "--- # doc",
          "...",
          "&anchor key: v",
          "key: *alias",
          "key: !!str v",
          "%YAML 1.1",
          "key:\tv",
          "key: v\r");

  /**
   * Documents of 1 to 30 random lines, mostly of the first 33 shapes, each indented like the line
   * before it, two more or two less (one more now and then).
   */
  static Gen<String> lines() {
    return s -> {
      StringBuilder b = new StringBuilder();
      if (s.chance(0.3)) {
        b.append("---\n");
      }
      int count = s.between(1, 30);
      int indent = 0;
      for (int i = 0; i < count; i++) {
        double r = s.random().nextDouble();
        indent = Math.max(0, r < 0.5 ? indent : r < 0.75 ? indent + 2 : indent - 2);
        if (s.chance(0.05)) {
          indent++;
        }
        String line = s.chance(0.9) ? LINES.get(s.between(0, 32)) : s.any(LINES);
        b.append(" ".repeat(indent)).append(line);
        if (i < count - 1 || s.chance(0.8)) {
          b.append('\n');
        }
      }
      return b.toString();
    };
  }

  /** Small fixtures (whole files, with their {@code ---} lines) that the mutations start from. */
  static List<String> mutationBases() {
    List<String> bases = new ArrayList<>();
    for (Path file : fixtureFiles()) {
      String text = read(file);
      if (text.length() <= 3000 && !file.toString().endsWith(".json")) {
        bases.add(text);
      }
    }
    for (String yaml : renderings(20)) {
      bases.add(yaml);
    }
    return bases;
  }

  private static final String INSERTED =
      "  ::--##''\"\"||\t\n\n{}[],?&*!>%@`.\\-x1é\u0000\u0085\u2028\r\uFEFF\u00a0\ud83d";

  /** A base text with one to five random edits. */
  static Gen<String> mutated(List<String> bases) {
    return s -> {
      String base = s.any(bases);
      StringBuilder b = new StringBuilder(s.chance(0.2) ? base.replace("\n", "\r\n") : base);
      int edits = s.between(1, 5);
      for (int i = 0; i < edits && b.length() > 0; i++) {
        int at = s.between(0, b.length() - 1);
        char c = INSERTED.charAt(s.between(0, INSERTED.length() - 1));
        int lineStart = b.lastIndexOf("\n", at - 1) + 1;
        int lineEnd = b.indexOf("\n", at) < 0 ? b.length() : b.indexOf("\n", at);
        switch (s.between(0, 9)) {
          case 0, 1 -> b.insert(at, c);
          case 2 -> b.deleteCharAt(at);
          case 3 -> b.setCharAt(at, c);
          case 4 -> b.insert(lineStart, s.chance(0.5) ? " " : "  ");
          case 5 -> {
            if (lineStart < b.length() && b.charAt(lineStart) == ' ') {
              b.deleteCharAt(lineStart);
            }
          }
          case 6 -> {
            if (lineEnd < b.length()) {
              b.deleteCharAt(lineEnd); // joins two lines
            }
          }
          case 7 ->
              b.insert(lineStart, s.any(List.of("- ", "? ", ": ", "|\n", "|-\n  ", "---\n", "# ")));
          case 8 -> b.insert(lineEnd, s.any(List.of(":", " #", " |", " [a, b]", " {}", "  ", "'")));
          default -> b.insert(lineStart, b.substring(lineStart, lineEnd) + "\n");
        }
      }
      return b.toString();
    };
  }

  /**
   * Checks the oracle property on one segment: true when the fast path took it (and agreed), false
   * when it declined.
   */
  static boolean oracle(String text) {
    BlockEvents fast = new BlockEvents();
    if (!fast.read(text, 0, text.length())) {
      return false;
    }
    List<Event> events = new ArrayList<>();
    try {
      ParserImpl parser = new ParserImpl(new StreamReader(new StringReader(text)), OPTIONS);
      while (true) {
        Event e = parser.getEvent();
        events.add(e);
        if (e.is(Event.ID.StreamEnd)) {
          break;
        }
      }
    } catch (RuntimeException e) {
      throw new AssertionError(
          "BlockEvents took a text SnakeYAML refuses (" + e + "):\n" + visible(text), e);
    }
    assertThat(describe(fast)).as("the events of\n%s", visible(text)).isEqualTo(describe(events));
    return true;
  }

  static List<String> describe(List<Event> events) {
    List<String> out = new ArrayList<>();
    for (Event e : events) {
      String s = e.getEventId().toString();
      if (e instanceof DocumentStartEvent d) {
        s += " explicit=" + d.getExplicit() + " at " + at(e);
      } else if (e instanceof ScalarEvent v) {
        s +=
            " "
                + visible(v.getValue())
                + " "
                + v.getScalarStyle().name()
                + " implicit="
                + v.getImplicit().canOmitTagInPlainScalar()
                + ","
                + v.getImplicit().canOmitTagInNonPlainScalar()
                + " tag="
                + v.getTag()
                + " anchor="
                + v.getAnchor()
                + " at "
                + at(e);
      } else if (e instanceof CollectionStartEvent c) {
        s +=
            " "
                + c.getFlowStyle().name()
                + " implicit="
                + c.getImplicit()
                + " tag="
                + c.getTag()
                + " anchor="
                + c.getAnchor()
                + " at "
                + at(e);
      } else if (e instanceof NodeEvent) {
        s += " at " + at(e); // an alias
      } else if (e.is(Event.ID.MappingEnd) || e.is(Event.ID.SequenceEnd)) {
        s += " at " + at(e);
      }
      out.add(s);
    }
    return out;
  }

  static List<String> describe(BlockEvents fast) {
    List<String> out = new ArrayList<>();
    out.add("StreamStart");
    if (fast.document) {
      out.add(
          "DocumentStart explicit="
              + fast.explicit
              + " at "
              + fast.documentLine
              + ":"
              + fast.documentColumn);
      for (int i = 0; i < fast.size; i++) {
        String at = " at " + fast.lines[i] + ":" + fast.columns[i];
        byte style = fast.styles[i];
        switch (fast.kinds[i]) {
          case BlockEvents.SCALAR -> {
            boolean plain = style == BlockEvents.PLAIN;
            String shown =
                switch (style) {
                  case BlockEvents.PLAIN -> "PLAIN";
                  case BlockEvents.SINGLE_QUOTED -> "SINGLE_QUOTED";
                  case BlockEvents.DOUBLE_QUOTED -> "DOUBLE_QUOTED";
                  default -> "LITERAL";
                };
            out.add(
                "Scalar "
                    + visible(fast.values[i])
                    + " "
                    + shown
                    + " implicit="
                    + plain
                    + ","
                    + !plain
                    + " tag=null anchor=null"
                    + at);
          }
          case BlockEvents.MAPPING_START, BlockEvents.SEQUENCE_START ->
              out.add(
                  (fast.kinds[i] == BlockEvents.MAPPING_START ? "MappingStart " : "SequenceStart ")
                      + (style == BlockEvents.FLOW ? "FLOW" : "BLOCK")
                      + " implicit=true tag=null anchor=null"
                      + at);
          case BlockEvents.MAPPING_END -> out.add("MappingEnd" + at);
          default -> out.add("SequenceEnd" + at);
        }
      }
      out.add("DocumentEnd");
    }
    out.add("StreamEnd");
    return out;
  }

  private static String at(Event e) {
    return e.getStartMark().getLine() + ":" + e.getStartMark().getColumn();
  }

  /** The text with control and special characters escaped, for messages. */
  static String visible(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n') {
        b.append("\\n\n");
      } else if (c < 0x20 || c >= 0x7F && c < 0xA0 || c > 0x2000 && (c < 0x3000 || c > 0xD7FF)) {
        b.append(String.format("\\u%04X", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  // ---- inputs

  /** Every .yaml, .yml and .json of every module's test resources and the examples' resources. */
  static List<Path> fixtureFiles() {
    Path root = Path.of("").toAbsolutePath();
    if (!Files.exists(root.resolve("mvnw"))) {
      root = root.getParent();
    }
    List<Path> files = new ArrayList<>();
    try (Stream<Path> modules = Files.list(root)) {
      for (Path module : modules.sorted().toList()) {
        for (Path dir :
            List.of(module.resolve("src/test/resources"), module.resolve("src/main/resources"))) {
          if (!Files.isDirectory(dir)
              || dir.endsWith("src/main/resources") && !module.endsWith("examples")) {
            continue;
          }
          try (Stream<Path> all = Files.walk(dir)) {
            all.filter(Files::isRegularFile)
                .filter(
                    p -> {
                      String n = p.getFileName().toString();
                      return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
                    })
                .sorted()
                .forEach(files::add);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(files).as("fixture files under " + root).hasSizeGreaterThan(100);
    return files;
  }

  private static String group(Path file) {
    return file.toString().endsWith(".json") ? "json" : "yaml";
  }

  static String read(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Renderings of the test kit's specs (stand-in ingress and platform targets). */
  static List<String> renderings(int count) {
    List<String> out = new ArrayList<>();
    Supplier<WebSocketApp> apps = Specs.supplier(2026);
    for (int i = 0; i < count; i++) {
      WebSocketApp app = apps.get();
      try {
        out.add(Targets.render(app, StandInReader.target(), StandInPlatform.target()).toYaml());
      } catch (InvalidSpecException | UnsupportedFeatureException e) {
        // a spec the stand-ins refuse
      }
    }
    assertThat(out).hasSizeGreaterThan(count / 2);
    return out;
  }

  /** The text cut as YamlReader cuts it: before every line that starts with {@code ---}. */
  static List<String> segments(String fileText) {
    String text = fileText.startsWith("\uFEFF") ? fileText.substring(1) : fileText;
    List<String> out = new ArrayList<>();
    int from = 0;
    int i = 0;
    while (i < text.length()) {
      int eol = text.indexOf('\n', i);
      int next = eol < 0 ? text.length() : eol + 1;
      if (i > from && text.startsWith("---", i)) {
        char c = i + 3 < text.length() ? text.charAt(i + 3) : '\n';
        if (c == '\n' || c == '\r' || c == ' ' || c == '\t') {
          out.add(text.substring(from, i));
          from = i;
        }
      }
      i = next;
    }
    out.add(text.substring(from));
    return out;
  }

  private static void report(String what, Map<String, int[]> taken) {
    StringBuilder b = new StringBuilder("BlockEvents on " + what + ":");
    taken.forEach((k, n) -> b.append(String.format(" %s %d of %d taken;", k, n[0], n[1])));
    System.out.println(b);
  }
}
