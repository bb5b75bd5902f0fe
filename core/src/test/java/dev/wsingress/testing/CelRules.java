package dev.wsingress.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.wsingress.Finding;
import dev.wsingress.Yaml;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates the CEL rules ({@code x-kubernetes-validations}) of the upstream CRDs in {@code
 * crd-yaml/} (and {@code crd-yaml-experimental/}) on custom resources, as a CEL-capable API server
 * does on create, with cel-java: JSON Schema validators ignore these rules, and kube-apiserver 1.20
 * predates them. Also checks the list types a structural schema declares ({@code
 * x-kubernetes-list-type: set} and {@code map}: no duplicates), which the API server enforces too.
 *
 * <p>What the API server does and this does alike: defaults from the schema are applied first; each
 * rule runs with {@code self} bound to the value of the schema node that carries it, only when that
 * value is present; property names are escaped as Kubernetes escapes them ({@code namespace} is
 * {@code __namespace__}, {@code -} is {@code __dash__}); maps of {@code additionalProperties} keep
 * their keys; {@code number} fields are doubles. A rule that is false, or that fails to evaluate
 * (the API server reports both as Invalid), is a problem. Transition rules (those naming {@code
 * oldSelf}) are skipped: the API server runs them only on update, and every object here is created.
 *
 * <p>The environment is the standard CEL library with the macros and cel-java's strings extension
 * ({@code split}, {@code lowerAscii}, {@code upperAscii}), which is all the rules use; programs are
 * compiled once per CRD version and cached.
 *
 * <pre>{@code
 * List<String> problems = CelRules.problems(schemasDir, httpRoute, false);
 * }</pre>
 */
public final class CelRules {
  private CelRules() {}

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  // Kubernetes apiserver/pkg/cel/escaping.go: celReservedSymbols.
  private static final Set<String> RESERVED =
      Set.of(
          "true",
          "false",
          "null",
          "in",
          "as",
          "break",
          "const",
          "continue",
          "else",
          "for",
          "function",
          "if",
          "import",
          "let",
          "loop",
          "package",
          "namespace",
          "return",
          "var",
          "void",
          "while");
  // escaping.go expandMatcher: `(__|[-./]|[^a-zA-Z0-9-./_])`
  private static final Pattern EXPAND = Pattern.compile("__|[-./]|[^a-zA-Z0-9\\-./_]");

  private static final Cel CEL =
      CelFactory.standardCelBuilder()
          .setOptions(
              CelOptions.current()
                  .enableHeterogeneousNumericComparisons(true)
                  .enableTimestampEpoch(true)
                  .build())
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addCompilerLibraries(CelExtensions.strings())
          .addRuntimeLibraries(CelExtensions.strings())
          .addVar("self", SimpleType.DYN)
          .build();

  /** One rule of a schema node, compiled. */
  record Rule(String expression, String message, CelRuntime.Program program) {}

  /** A schema node: its rules, children, type and list semantics. */
  static final class Node {
    final List<Rule> rules = new ArrayList<>();
    final Map<String, Node> properties = new LinkedHashMap<>();
    final Map<String, JsonNode> defaults = new LinkedHashMap<>();
    Node items;
    Node additionalProperties;
    String type = "";
    String listType = "";
    List<String> listMapKeys = List.of();
  }

  /** A CRD version's root schema node, with counts for the report. */
  record Schema(Node root, int rules, int transitionRules) {}

  private static final Map<Path, Map<String, JsonNode>> CRDS = new ConcurrentHashMap<>();
  private static final Map<String, Schema> COMPILED = new ConcurrentHashMap<>();

  static final AtomicLong COMPILE_NANOS = new AtomicLong();
  static final AtomicLong EVAL_NANOS = new AtomicLong();
  static final AtomicLong OBJECTS = new AtomicLong();
  static final AtomicLong EVALUATIONS = new AtomicLong();

  // What the check cost in this JVM, written to target/cel-statistics.txt when it ends (standard
  // error is closed by then under surefire).
  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  Path target = Path.of("target");
                  if (OBJECTS.get() == 0 || !Files.isDirectory(target)) {
                    return;
                  }
                  String line =
                      String.format(
                          "CEL rules: %d custom resources, %d rule evaluations, %d ms compiling"
                              + " %d CRD versions, %d ms evaluating%n",
                          OBJECTS.get(),
                          EVALUATIONS.get(),
                          COMPILE_NANOS.get() / 1_000_000,
                          COMPILED.size(),
                          EVAL_NANOS.get() / 1_000_000);
                  try {
                    Files.writeString(
                        target.resolve("cel-statistics.txt"),
                        line,
                        java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
                  } catch (IOException e) {
                    // statistics only
                  }
                }));
  }

  /**
   * The CEL and list-type problems of one object, each prefixed with the object's kind and name;
   * empty when the object is not a custom resource of a CRD under {@code dir}.
   */
  public static List<String> problems(Path dir, HasMetadata object, boolean experimental) {
    String gvk = object.getApiVersion() + "/" + object.getKind();
    Schema schema = schema(dir, gvk, experimental);
    if (schema == null) {
      return List.of();
    }
    OBJECTS.incrementAndGet();
    JsonNode node;
    try {
      node = YAML.readTree(Yaml.write(List.of(object)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return problems(schema, node, Finding.subjectOf(object));
  }

  /** The problems of an object given as a tree (as read from YAML), for negative tests. */
  public static List<String> problems(Path dir, JsonNode object, boolean experimental) {
    String gvk = object.path("apiVersion").asText() + "/" + object.path("kind").asText();
    Schema schema = schema(dir, gvk, experimental);
    if (schema == null) {
      throw new IllegalArgumentException("no CRD for " + gvk + " under " + dir);
    }
    return problems(schema, object.deepCopy(), object.path("kind").asText());
  }

  private static List<String> problems(Schema schema, JsonNode node, String subject) {
    long start = System.nanoTime();
    applyDefaults(schema.root(), node);
    List<String> out = new ArrayList<>();
    validate(schema.root(), node, true, "", subject, out);
    EVAL_NANOS.addAndGet(System.nanoTime() - start);
    return out;
  }

  /** How many rules and transition rules the CRDs under {@code dir} carry, by file. */
  public static Map<String, int[]> count(Path dir, boolean experimental) {
    Map<String, int[]> out = new TreeMap<>();
    for (String root : experimental ? List.of("crd-yaml-experimental") : List.of("crd-yaml")) {
      forEachCrd(
          dir.resolve(root),
          (file, crd) -> {
            for (JsonNode v : crd.path("spec").path("versions")) {
              int[] n = out.computeIfAbsent(dir.relativize(file).toString(), k -> new int[2]);
              countRules(v.path("schema").path("openAPIV3Schema"), n);
            }
          });
    }
    return out;
  }

  /**
   * Compiles every rule of every served version of every CRD under {@code dir} (both channels);
   * returns how many were compiled (transition rules are skipped).
   */
  public static int compileAll(Path dir) {
    int compiled = 0;
    for (boolean experimental : new boolean[] {false, true}) {
      Map<String, JsonNode> crds =
          CRDS.computeIfAbsent(
              dir.resolve(experimental ? "crd-yaml-experimental" : "crd-yaml"), CelRules::index);
      for (String gvk : crds.keySet()) {
        Schema s = schema(dir, gvk, experimental);
        compiled += s.rules() - s.transitionRules();
      }
    }
    return compiled;
  }

  private static void countRules(JsonNode s, int[] n) {
    for (JsonNode r : s.path("x-kubernetes-validations")) {
      n[0]++;
      if (r.path("rule").asText().contains("oldSelf")) {
        n[1]++;
      }
    }
    s.path("properties").forEach(p -> countRules(p, n));
    if (s.has("items")) {
      countRules(s.path("items"), n);
    }
    if (s.path("additionalProperties").isObject()) {
      countRules(s.path("additionalProperties"), n);
    }
  }

  private static Schema schema(Path dir, String gvk, boolean experimental) {
    Map<String, JsonNode> crds = CRDS.computeIfAbsent(dir.resolve("crd-yaml"), CelRules::index);
    JsonNode version = null;
    String source = "crd-yaml";
    if (experimental) {
      version =
          CRDS.computeIfAbsent(dir.resolve("crd-yaml-experimental"), CelRules::index).get(gvk);
      source = "crd-yaml-experimental";
    }
    if (version == null) {
      version = crds.get(gvk);
      source = "crd-yaml";
    }
    if (version == null) {
      return null;
    }
    JsonNode v = version;
    return COMPILED.computeIfAbsent(
        source + ":" + gvk,
        k -> {
          long start = System.nanoTime();
          int[] n = new int[2];
          Node root = compile(v.path("schema").path("openAPIV3Schema"), k, n);
          COMPILE_NANOS.addAndGet(System.nanoTime() - start);
          return new Schema(root, n[0], n[1]);
        });
  }

  /** Every served version of every CRD under {@code root}, by group/version/kind. */
  private static Map<String, JsonNode> index(Path root) {
    Map<String, JsonNode> index = new ConcurrentHashMap<>();
    forEachCrd(
        root,
        (file, crd) -> {
          String group = crd.path("spec").path("group").asText();
          String kind = crd.path("spec").path("names").path("kind").asText();
          for (JsonNode v : crd.path("spec").path("versions")) {
            index.putIfAbsent(group + "/" + v.path("name").asText() + "/" + kind, v);
          }
        });
    return index;
  }

  private interface CrdConsumer {
    void accept(Path file, JsonNode crd);
  }

  private static void forEachCrd(Path root, CrdConsumer consumer) {
    if (!Files.isDirectory(root)) {
      return;
    }
    try (var files = Files.walk(root)) {
      for (Path file :
          files
              .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
              .sorted()
              .toList()) {
        try (var docs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
          while (docs.hasNext()) {
            JsonNode crd = docs.next();
            if (crd != null && "CustomResourceDefinition".equals(crd.path("kind").asText())) {
              consumer.accept(file, crd);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + root, e);
    }
  }

  private static Node compile(JsonNode s, String where, int[] n) {
    Node node = new Node();
    node.type = s.path("type").asText("");
    if (s.path("x-kubernetes-int-or-string").asBoolean(false)) {
      node.type = "int-or-string";
    }
    node.listType = s.path("x-kubernetes-list-type").asText("");
    List<String> keys = new ArrayList<>();
    s.path("x-kubernetes-list-map-keys").forEach(k -> keys.add(k.asText()));
    node.listMapKeys = List.copyOf(keys);
    for (JsonNode r : s.path("x-kubernetes-validations")) {
      n[0]++;
      String rule = r.path("rule").asText();
      if (rule.contains("oldSelf")) {
        n[1]++; // a transition rule: the API server runs it on update only
        continue;
      }
      CelAbstractSyntaxTree ast;
      try {
        ast = CEL.compile(rule).getAst();
      } catch (CelValidationException e) {
        throw new IllegalStateException(
            "cannot compile the CEL rule of " + where + ": " + rule + "\n" + e.getMessage(), e);
      }
      try {
        node.rules.add(new Rule(rule, r.path("message").asText(rule), CEL.createProgram(ast)));
      } catch (CelEvaluationException e) {
        throw new IllegalStateException("cannot plan the CEL rule " + rule, e);
      }
    }
    Iterator<Map.Entry<String, JsonNode>> props = s.path("properties").fields();
    while (props.hasNext()) {
      Map.Entry<String, JsonNode> p = props.next();
      node.properties.put(p.getKey(), compile(p.getValue(), where + "." + p.getKey(), n));
      if (p.getValue().has("default")) {
        node.defaults.put(p.getKey(), p.getValue().get("default"));
      }
    }
    if (s.path("items").isObject()) {
      node.items = compile(s.path("items"), where + "[]", n);
    }
    if (s.path("additionalProperties").isObject()) {
      node.additionalProperties = compile(s.path("additionalProperties"), where + "{}", n);
    }
    return node;
  }

  // Structural defaulting (apiextensions-apiserver pkg/apiserver/schema/defaulting/algorithm.go):
  // a missing property with a default gets it, at every level, before validation.
  private static void applyDefaults(Node s, JsonNode v) {
    if (s == null || v == null) {
      return;
    }
    if (v instanceof ObjectNode o) {
      for (Map.Entry<String, JsonNode> d : s.defaults.entrySet()) {
        if (!o.has(d.getKey())) {
          o.set(d.getKey(), d.getValue().deepCopy());
        }
      }
      for (Map.Entry<String, Node> p : s.properties.entrySet()) {
        applyDefaults(p.getValue(), o.get(p.getKey()));
      }
      if (s.additionalProperties != null) {
        o.forEach(child -> applyDefaults(s.additionalProperties, child));
      }
    } else if (v.isArray() && s.items != null) {
      v.forEach(child -> applyDefaults(s.items, child));
    }
  }

  private static void validate(
      Node s, JsonNode v, boolean root, String path, String subject, List<String> out) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return;
    }
    if (!s.rules.isEmpty()) {
      Object self = toCel(s, v, root);
      for (Rule r : s.rules) {
        EVALUATIONS.incrementAndGet();
        String at = path.isEmpty() ? "<root>" : path;
        try {
          Object result = r.program().eval(Map.of("self", self));
          if (!Boolean.TRUE.equals(result)) {
            out.add(subject + " " + at + ": " + r.message() + " (CEL: " + r.expression() + ")");
          }
        } catch (CelEvaluationException e) {
          out.add(
              subject
                  + " "
                  + at
                  + ": "
                  + r.message()
                  + " (CEL error: "
                  + e.getMessage()
                  + " in "
                  + r.expression()
                  + ")");
        }
      }
    }
    if (v.isArray()) {
      listType(s, v, path, subject, out);
      if (s.items != null) {
        for (int i = 0; i < v.size(); i++) {
          validate(s.items, v.get(i), false, path + "[" + i + "]", subject, out);
        }
      }
    } else if (v.isObject()) {
      for (Map.Entry<String, Node> p : s.properties.entrySet()) {
        validate(p.getValue(), v.get(p.getKey()), false, path + "." + p.getKey(), subject, out);
      }
      if (s.additionalProperties != null) {
        Iterator<Map.Entry<String, JsonNode>> f = v.fields();
        while (f.hasNext()) {
          Map.Entry<String, JsonNode> e = f.next();
          validate(
              s.additionalProperties, e.getValue(), false, path + "." + e.getKey(), subject, out);
        }
      }
    }
  }

  // x-kubernetes-list-type: set refuses duplicate items, map refuses two items with the same keys
  // (apiextensions-apiserver pkg/apiserver/schema/listtype/validation.go).
  private static void listType(Node s, JsonNode v, String path, String subject, List<String> out) {
    if (s.listType.equals("set")) {
      Set<JsonNode> seen = new HashSet<>();
      for (int i = 0; i < v.size(); i++) {
        if (!seen.add(v.get(i))) {
          out.add(subject + " " + path + "[" + i + "]: Duplicate value: " + v.get(i));
        }
      }
    } else if (s.listType.equals("map")) {
      Set<List<JsonNode>> seen = new HashSet<>();
      for (int i = 0; i < v.size(); i++) {
        List<JsonNode> key = new ArrayList<>();
        for (String k : s.listMapKeys) {
          key.add(v.get(i).path(k));
        }
        if (!seen.add(key)) {
          out.add(subject + " " + path + "[" + i + "]: Duplicate value: " + key);
        }
      }
    }
  }

  /** The CEL value of a JSON value under its schema node. */
  private static Object toCel(Node s, JsonNode v, boolean root) {
    if (v.isObject()) {
      Map<String, Object> m = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> f = v.fields();
      while (f.hasNext()) {
        Map.Entry<String, JsonNode> e = f.next();
        String key = e.getKey();
        Node child = s == null ? null : s.properties.get(key);
        if (child != null) {
          String escaped = escape(key);
          if (escaped != null) {
            m.put(escaped, toCel(child, e.getValue(), false));
          }
        } else if (root && key.equals("metadata")) {
          // At the root, only metadata.name and metadata.generateName are visible to rules.
          Map<String, Object> meta = new LinkedHashMap<>();
          for (String k : List.of("name", "generateName")) {
            if (e.getValue().has(k)) {
              meta.put(k, e.getValue().get(k).asText());
            }
          }
          m.put("metadata", meta);
        } else if (s != null && s.additionalProperties != null) {
          m.put(key, toCel(s.additionalProperties, e.getValue(), false));
        } else {
          m.put(key, toCel(null, e.getValue(), false)); // x-kubernetes-preserve-unknown-fields
        }
      }
      return m;
    }
    if (v.isArray()) {
      List<Object> l = new ArrayList<>(v.size());
      for (JsonNode item : v) {
        l.add(toCel(s == null ? null : s.items, item, false));
      }
      return l;
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isNumber()) {
      if (s != null && s.type.equals("number") || v.isFloatingPointNumber()) {
        return v.doubleValue();
      }
      return v.longValue();
    }
    return v.asText();
  }

  /** Kubernetes' escaping of a property name for CEL, or null when it cannot be accessed. */
  static String escape(String ident) {
    if (ident.isEmpty() || ident.charAt(0) >= '0' && ident.charAt(0) <= '9') {
      return null;
    }
    if (RESERVED.contains(ident)) {
      return "__" + ident + "__";
    }
    Matcher m = EXPAND.matcher(ident);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String r =
          switch (m.group()) {
            case "__" -> "__underscores__";
            case "." -> "__dot__";
            case "-" -> "__dash__";
            case "/" -> "__slash__";
            default -> null;
          };
      if (r == null) {
        return null;
      }
      m.appendReplacement(b, Matcher.quoteReplacement(r));
    }
    m.appendTail(b);
    return b.toString();
  }
}
