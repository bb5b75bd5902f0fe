package dev.wsingress.cli;

import dev.wsingress.Problem;
import dev.wsingress.Source;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * YAML or JSON text as positioned nodes: maps, lists and typed scalars, each with its file, line
 * and column. SnakeYAML only composes nodes here: nothing is ever constructed from a tag, aliases,
 * nesting and size are bounded, and a key given twice is refused with both lines.
 *
 * <p>This is the only class that knows SnakeYAML; the spec reader works on {@link Node}s, so a
 * positioned manifest reader from core can replace it.
 */
final class YamlTree {
  private YamlTree() {}

  /** The longest spec file read, in characters. */
  static final int MAX_CHARS = 4 * 1024 * 1024;

  static final int MAX_DEPTH = 32;
  static final int MAX_ALIASES = 50;
  static final int MAX_NODES = 200_000;

  /** What a scalar is, as YAML types a plain scalar (YAML 1.1, as kubectl's reader does). */
  enum Type {
    STRING,
    INT,
    FLOAT,
    BOOL,
    NULL
  }

  /** A node with where it starts. */
  sealed interface Node permits MapNode, ListNode, Scalar {
    Source at();

    /** What the node is, for messages: a map, a list, a string ... */
    String describe();
  }

  /** A map entry: where its key is, and its value. */
  record Entry(Source keyAt, Node value) {}

  /** A mapping whose keys are strings, in the order of the text. */
  record MapNode(Source at, Map<String, Entry> entries) implements Node {
    @Override
    public String describe() {
      return "a map";
    }
  }

  /** A sequence. */
  record ListNode(Source at, List<Node> items) implements Node {
    @Override
    public String describe() {
      return "a list";
    }
  }

  /** A scalar: its text as written (without quotes) and its YAML type. */
  record Scalar(Source at, String text, Type type) implements Node {
    @Override
    public String describe() {
      return switch (type) {
        case STRING -> "a string";
        case INT -> "a number";
        case FLOAT -> "a decimal number";
        case BOOL -> "a boolean";
        case NULL -> "null";
      };
    }
  }

  /**
   * One document of the text: its root node (null for an empty document), and the problems found in
   * it that did not stop the reading (a key given twice: the first is kept).
   */
  record Document(Source at, Node root, List<SpecFileException.Located> problems) {}

  /**
   * The documents of a text, and the problems that did not stop the reading (a key given twice: the
   * first is kept).
   */
  record Parsed(List<Document> documents, List<SpecFileException.Located> problems) {}

  /** Text that is not YAML, exceeds a limit, or repeats a key: every such problem, positioned. */
  static final class SyntaxException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<SpecFileException.Located> problems;

    SyntaxException(List<SpecFileException.Located> problems) {
      super(problems.get(0).toString());
      this.problems = List.copyOf(problems);
    }

    List<SpecFileException.Located> problems() {
      return problems;
    }
  }

  private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]+");

  /**
   * Reads every document of {@code text}; {@code file} names it in positions.
   *
   * @throws SyntaxException when the text is not YAML or exceeds a limit
   */
  static List<Document> parse(String text, String file) throws SyntaxException {
    if (text.length() > MAX_CHARS) {
      throw new SyntaxException(
          List.of(
              located(
                  new Source(file, 1, 1),
                  "(file)",
                  text.length() + " characters",
                  "is longer than " + MAX_CHARS + " characters",
                  "split it into several files")));
    }
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setCodePointLimit(MAX_CHARS);
    options.setAllowRecursiveKeys(false);
    options.setProcessComments(false);
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    Composer composer =
        new Composer(new ParserImpl(new StreamReader(body), options), new Resolver(), options);
    List<Document> docs = new ArrayList<>();
    int[] budget = {MAX_NODES};
    try {
      while (composer.checkNode()) {
        org.yaml.snakeyaml.nodes.Node root = composer.getNode();
        Source at = source(file, root.getStartMark());
        boolean empty =
            root instanceof ScalarNode s && s.getTag().equals(Tag.NULL) && s.getValue().isEmpty();
        List<SpecFileException.Located> problems = new ArrayList<>();
        Node tree = empty ? null : convert(root, file, "", 0, budget, problems);
        docs.add(new Document(at, tree, List.copyOf(problems)));
      }
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      Source at = mark == null ? new Source(file, 1, 1) : source(file, mark);
      String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
      throw new SyntaxException(
          List.of(
              located(
                  at,
                  "(syntax)",
                  null,
                  "is not valid YAML: " + firstLine(what),
                  "fix the YAML at this line (indentation, a missing ':' or quote)")));
    } catch (YAMLException e) {
      throw new SyntaxException(
          List.of(
              located(
                  new Source(file, 1, 1),
                  "(file)",
                  null,
                  "cannot be read: " + firstLine(e.getMessage()),
                  "keep spec files small and free of deep nesting and many aliases")));
    }
    return docs;
  }

  private static Node convert(
      org.yaml.snakeyaml.nodes.Node node,
      String file,
      String path,
      int depth,
      int[] budget,
      List<SpecFileException.Located> problems)
      throws SyntaxException {
    Source at = source(file, node.getStartMark());
    if (depth > MAX_DEPTH || --budget[0] < 0) {
      // Aliases can make a small text expand without bound; stop before it does.
      throw new SyntaxException(
          List.of(
              located(
                  at,
                  path.isEmpty() ? "(file)" : path,
                  null,
                  "nests or repeats (through aliases) more than a spec file can",
                  "write the values out instead of through aliases")));
    }
    if (node instanceof MappingNode m) {
      Map<String, Entry> entries = new LinkedHashMap<>();
      for (NodeTuple t : m.getValue()) {
        org.yaml.snakeyaml.nodes.Node k = t.getKeyNode();
        Source keyAt = source(file, k.getStartMark());
        if (!(k instanceof ScalarNode ks) || ks.getTag().equals(Tag.NULL)) {
          problems.add(
              located(
                  keyAt,
                  path.isEmpty() ? "(key)" : path,
                  null,
                  "is not a key a spec file can have: keys are plain names",
                  "write the key as a name such as \"spec\""));
          continue;
        }
        String key = ks.getValue();
        String keyPath = child(path, key);
        Entry first = entries.get(key);
        if (first != null) {
          problems.add(
              located(
                  keyAt,
                  keyPath,
                  new Shown(describe(t.getValueNode())),
                  "is given twice, at line "
                      + first.keyAt().line()
                      + " and at line "
                      + keyAt.line()
                      + " (a lenient reader would keep the second and silently lose the first)",
                  "remove one of them"));
          continue;
        }
        entries.put(
            key,
            new Entry(
                keyAt, convert(t.getValueNode(), file, keyPath, depth + 1, budget, problems)));
      }
      return new MapNode(at, entries);
    }
    if (node instanceof SequenceNode s) {
      List<Node> items = new ArrayList<>(s.getValue().size());
      for (org.yaml.snakeyaml.nodes.Node item : s.getValue()) {
        String itemPath = path + "[" + items.size() + "]";
        items.add(convert(item, file, itemPath, depth + 1, budget, problems));
      }
      return new ListNode(at, items);
    }
    ScalarNode s = (ScalarNode) node;
    return new Scalar(at, s.getValue(), type(s, path, at, problems));
  }

  private static Type type(
      ScalarNode s, String path, Source at, List<SpecFileException.Located> problems) {
    Tag tag = s.getTag();
    if (tag.equals(Tag.STR) || tag.equals(Tag.TIMESTAMP) || tag.equals(Tag.MERGE)) {
      return Type.STRING;
    }
    if (tag.equals(Tag.INT)) {
      return Type.INT;
    }
    if (tag.equals(Tag.FLOAT)) {
      return Type.FLOAT;
    }
    if (tag.equals(Tag.BOOL)) {
      return Type.BOOL;
    }
    if (tag.equals(Tag.NULL)) {
      return Type.NULL;
    }
    problems.add(
        located(
            at,
            path.isEmpty() ? "(tag)" : path,
            tag.getValue(),
            "is a YAML tag a spec file cannot have",
            "remove the tag; spec files hold plain strings, numbers and booleans"));
    return Type.STRING;
  }

  /** Whether an INT scalar is written as a plain decimal number (not 0x1F, 0o17, 1_000, 1:30). */
  static boolean isDecimal(String text) {
    return DECIMAL.matcher(text).matches();
  }

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** {@code parent.key}, or {@code parent["key"]} for a key that is not a plain name. */
  static String child(String parent, String key) {
    if (NAME.matcher(key).matches()) {
      return parent.isEmpty() ? key : parent + "." + key;
    }
    return parent + "[" + dev.wsingress.SpecRules.show(key) + "]";
  }

  /** A value as a message shows it: scalars as written, collections as {...} and [...]. */
  private static String describe(org.yaml.snakeyaml.nodes.Node n) {
    if (n instanceof ScalarNode s) {
      return s.getTag().equals(Tag.STR) ? dev.wsingress.SpecRules.show(s.getValue()) : s.getValue();
    }
    return n instanceof MappingNode ? "{...}" : "[...]";
  }

  /** Text shown as it is in a problem's value. */
  private record Shown(String text) {
    @Override
    public String toString() {
      return text;
    }
  }

  static Source source(String file, Mark mark) {
    return new Source(file, mark.getLine() + 1, mark.getColumn() + 1);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unknown error";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }

  private static SpecFileException.Located located(
      Source at, String field, Object value, String rule, String fix) {
    return new SpecFileException.Located(at, Problem.of(field, value, rule, fix));
  }
}
