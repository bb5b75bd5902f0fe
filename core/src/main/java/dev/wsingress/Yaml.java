package dev.wsingress;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Deterministic YAML for Kubernetes objects, and the way back.
 *
 * <p>Writing: one document per object, each starting with {@code ---}; objects ordered by kind
 * (namespaces and configuration before workloads, routes and custom resources last), then namespace
 * and name; map keys (annotations, labels, data) sorted; nulls and empty collections left out;
 * every string that a YAML reader would type as something else quoted: numbers in every base and
 * form ({@code "3600"}, {@code "0o17"}, {@code "0X1F"}, {@code "1_000"}, {@code "1e3"}, {@code
 * ".inf"}), booleans and nulls in every spelling ({@code "true"}, {@code "off"}, {@code "y"},
 * {@code "~"}), sexagesimal numbers ({@code "12:30"}), timestamps ({@code "2024-01-02"}) and the
 * merge and value keys ({@code "<<"}, {@code "="}), as go-yaml v2 (kubectl, the API server) and
 * YAML 1.1 readers (PyYAML, SnakeYAML) resolve plain scalars. The same objects always give the same
 * bytes.
 *
 * <p>Reading: multi-document YAML back into typed fabric8 objects, for the kinds core knows and the
 * {@link Target#resourceTypes() types} of every target on the class path; other kinds come back as
 * {@link GenericKubernetesResource}.
 *
 * <pre>{@code
 * String yaml = Yaml.write(rendering.objects());
 * List<HasMetadata> again = Yaml.read(yaml);
 * }</pre>
 */
public final class Yaml {
  private Yaml() {}

  /** The fixed output order: built-in kinds, then other kinds by group and kind; then names. */
  static final Comparator<HasMetadata> ORDER = new ObjectOrder();

  private static final PlainScalars QUOTING = new PlainScalars();

  /**
   * Jackson's mapper, built on first use: building it takes a cold process tens of milliseconds,
   * and {@link #order()} and {@link #quoting()} need none of it.
   */
  static final class Jackson {
    private Jackson() {}

    static final ObjectMapper MAPPER = createMapper();
    static final ObjectWriter WRITER = MAPPER.writer();
  }

  /** The mapper that writes and reads, with the settings {@link #write} describes. */
  static ObjectMapper mapper() {
    return Jackson.MAPPER;
  }

  private static volatile Map<String, Class<? extends HasMetadata>> registry;

  private static ObjectMapper createMapper() {
    YAMLFactory factory =
        YAMLFactory.builder()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .stringQuotingChecker(QUOTING)
            .build();
    ObjectMapper mapper = new ObjectMapper(factory);
    mapper.setDefaultPropertyInclusion(
        JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY, JsonInclude.Include.NON_EMPTY));
    mapper.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    return mapper;
  }

  /** Writes the objects in the fixed order as multi-document YAML. */
  public static String write(Collection<? extends HasMetadata> objects) {
    List<HasMetadata> sorted = new ArrayList<>(objects);
    sorted.sort(ORDER);
    StringBuilder b = new StringBuilder(1024 * sorted.size());
    for (HasMetadata o : sorted) {
      try {
        b.append(Jackson.WRITER.writeValueAsString(o));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot write " + Finding.subjectOf(o) + " as YAML", e);
      }
    }
    return b.toString();
  }

  /**
   * The order {@link #write} puts objects in: namespaces and configuration before workloads, routes
   * and custom resources last, then by namespace and name.
   *
   * <pre>{@code
   * objects.sort(Yaml.order());
   * }</pre>
   */
  public static Comparator<HasMetadata> order() {
    return ORDER;
  }

  /**
   * The quoting rule {@link #write} gives Jackson's YAML generator, for a tool that writes the same
   * YAML with a generator of its own: a string is written double-quoted when this says so, or
   * (values only) when it looks like a number to Jackson; plain otherwise (literal when it holds a
   * line feed).
   *
   * <pre>{@code
   * boolean quoted = Yaml.quoting().needToQuoteValue("0x1F"); // true: go-yaml reads 31
   * }</pre>
   */
  public static StringQuotingChecker quoting() {
    return QUOTING;
  }

  /**
   * Reads multi-document YAML into typed objects.
   *
   * @throws IllegalArgumentException when the text is not YAML, or a document has no apiVersion or
   *     kind
   */
  public static List<HasMetadata> read(String yaml) {
    if (yaml == null) {
      throw new IllegalArgumentException("yaml is null");
    }
    Map<String, Class<? extends HasMetadata>> types = registry();
    List<HasMetadata> out = new ArrayList<>();
    try (MappingIterator<JsonNode> docs =
        Jackson.MAPPER.readerFor(JsonNode.class).readValues(yaml)) {
      int index = 0;
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        index++;
        if (doc == null || doc.isNull() || doc.isMissingNode()) {
          continue;
        }
        String apiVersion = doc.path("apiVersion").asText("");
        String kind = doc.path("kind").asText("");
        if (apiVersion.isEmpty() || kind.isEmpty()) {
          throw new IllegalArgumentException(
              "document " + index + " has no apiVersion or kind: every object needs both");
        }
        Class<? extends HasMetadata> type =
            types.getOrDefault(apiVersion + "/" + kind, GenericKubernetesResource.class);
        out.add(Jackson.MAPPER.treeToValue(doc, type));
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the YAML: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      if (e instanceof IllegalArgumentException) {
        throw e;
      }
      throw new IllegalArgumentException("cannot read the YAML: " + e.getMessage(), e);
    }
    return out;
  }

  /**
   * Quotes every string that a reader would not read back as a string when written plain. Jackson's
   * own check knows the YAML 1.1 booleans and nulls and plain decimals; this adds what go-yaml v2
   * ({@code sigs.k8s.io/yaml}, used by kubectl and the API server) and YAML 1.1 readers also type
   * as non-strings. A superset is harmless (a quoted string is always a string); a miss makes
   * kubectl refuse the object ({@code ObjectMeta.Labels: ... found 1}) or a Python tool read a
   * number.
   */
  static final class PlainScalars extends StringQuotingChecker.Default {
    private static final long serialVersionUID = 1L;

    // go-yaml v2.4.0 resolve.go: resolveMap (booleans, nulls, .inf/.nan, the merge key "<<");
    // yaml.org/type/value.html: "=" is the YAML 1.1 value key.
    private static final Set<String> WORDS =
        Set.of(
            "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE",
            "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF", "null", "Null",
            "NULL", "~", ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF",
            "-.inf", "-.Inf", "-.INF", "<<", "=");

    // Applied to the text with every '_' removed, as go-yaml v2.4.0 resolve.go does before
    // strconv.ParseInt(plain, 0, 64): Go's base prefixes and a leading-0 octal. The prefixed forms
    // are checked for range in goNumber() (ParseInt/ParseUint fail past 64 bits).
    private static final Pattern GO_INT =
        Pattern.compile("[-+]?(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)");

    // resolve.go yamlStyleFloat, applied to the text with every '_' removed.
    private static final Pattern GO_FLOAT =
        Pattern.compile("[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?");

    // Applied to the text as written, the YAML 1.1 int and float patterns: yaml.org/type/int.html
    // and float.html (whose float takes "1.2.3" and "." by its letter), and SnakeYAML 2.6's
    // Resolver INT and FLOAT ("._5", "1_0e3"); PyYAML 6.0's resolver.py patterns are contained in
    // these. Base 60 ("12:30", "1:30.5") is checked by sexagesimal().
    private static final Pattern YAML11_NUMBER =
        Pattern.compile(
            "[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
                + "|[-+]?0b_*[0-1][0-1_]*|[-+]?0_*[0-7][0-7_]*|[-+]?0x_*[0-9a-fA-F][0-9a-fA-F_]*"
                + "|[-+]?(?:[0-9][0-9_]*)?\\.[0-9.]*(?:[eE][-+][0-9]+)?"
                + "|[-+]?[0-9][0-9_]*\\.[0-9_]*(?:[eE][-+]?[0-9]+)?"
                + "|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+"
                + "|[-+]?\\.[0-9_]+(?:[eE][-+]?[0-9]+)?");

    // YAML 1.1 timestamps (yaml.org/type/timestamp.html, PyYAML and SnakeYAML) and the dates
    // go-yaml v2.4.0 parseTimestamp accepts through time.Parse ("2006-1-2T15:4:5.999999999Z07:00",
    // "2006-1-2t...", "2006-1-2 15:4:5.999999999", "2006-1-2"): four digits, a one- or two-digit
    // month and day, then anything after a T, t, space or tab. A superset on purpose: time.Parse's
    // ranges (month 13, 30 February) are not checked, so such date-shaped text is quoted too.
    private static final Pattern TIMESTAMP =
        Pattern.compile("[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt \t].*)?", Pattern.DOTALL);

    @Override
    public boolean needToQuoteName(String name) {
      return super.needToQuoteName(name) || readsAsNonString(name);
    }

    @Override
    public boolean needToQuoteValue(String value) {
      return super.needToQuoteValue(value) || readsAsNonString(value);
    }

    /** Whether a reader types the text, written as a plain scalar, as anything but a string. */
    static boolean readsAsNonString(String s) {
      if (s.isEmpty() || WORDS.contains(s) || yaml11LineBreak(s)) {
        return true;
      }
      char c = s.charAt(0);
      if (!(c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
        return false;
      }
      return YAML11_NUMBER.matcher(s).matches()
          || TIMESTAMP.matcher(s).matches()
          || sexagesimal(s)
          || goNumber(s);
    }

    /**
     * Whether the text holds NEL, LS or PS: YAML 1.1 line breaks (yaml.org/spec/1.1 production
     * b-char) but not YAML 1.2 ones, so SnakeYAML 2.x's emitter writes them as raw breaks of a
     * multi-line plain scalar, which a YAML 1.1 reader folds into a space and a YAML 1.2 reader
     * keeps with the indentation; quoted, they are escaped ({@code \N}, {@code \L}, {@code \P}).
     */
    static boolean yaml11LineBreak(String s) {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '\u0085' || c == '\u2028' || c == '\u2029') {
          return true;
        }
      }
      return false;
    }

    /**
     * go-yaml v2.4.0 resolve.go's own binary forms, tried after strconv fails on the text without
     * '_': "0b" then strconv.ParseInt(rest, 2, 64) (which takes a sign: "0b-1" is -1) or
     * ParseUint(rest, 2, 64); "-0b" then ParseInt("-" + rest, 2, 64).
     */
    static boolean goBinary(String t) {
      String digits;
      boolean signed;
      if (t.startsWith("0b")) {
        digits = t.substring(2);
        signed = !digits.isEmpty() && (digits.charAt(0) == '-' || digits.charAt(0) == '+');
        if (signed) {
          digits = digits.substring(1);
        }
      } else if (t.startsWith("-0b")) {
        digits = t.substring(3);
        signed = true;
      } else {
        return false;
      }
      if (digits.isEmpty() || !digits.chars().allMatch(c -> c == '0' || c == '1')) {
        return false;
      }
      java.math.BigInteger v = new java.math.BigInteger(digits, 2);
      boolean negative = t.startsWith("-0b") || t.startsWith("0b-");
      // ParseInt's range (a negative value may reach -2^63), else ParseUint's for unsigned text.
      return v.bitLength() <= 63
          || negative && v.equals(java.math.BigInteger.ONE.shiftLeft(63))
          || !signed && v.bitLength() <= 64;
    }

    /** go-yaml v2.4.0 resolve(): an int or float by strconv's rules (hints '.', digit, sign). */
    static boolean goNumber(String s) {
      if (s.charAt(0) == '.') {
        return goFloat(s); // strconv.ParseFloat(in, 64) on the text as written
      }
      String t = s.indexOf('_') < 0 ? s : s.replace("_", "");
      if (goBinary(t)) {
        return true;
      }
      if (GO_INT.matcher(t).matches()) {
        int p = t.charAt(0) == '+' || t.charAt(0) == '-' ? 1 : 0;
        if (t.length() < p + 3 || t.charAt(p) != '0' || "xXoObB".indexOf(t.charAt(p + 1)) < 0) {
          return true; // decimal or leading-0 octal: YAML 1.1 reads them as ints at any size
        }
        char base = Character.toLowerCase(t.charAt(p + 1));
        java.math.BigInteger v =
            new java.math.BigInteger(t.substring(p + 2), base == 'x' ? 16 : base == 'o' ? 8 : 2);
        java.math.BigInteger int64 = java.math.BigInteger.ONE.shiftLeft(63);
        return p == 0
            ? v.bitLength() <= 64 // ParseInt, else ParseUint
            : t.charAt(0) == '-' ? v.compareTo(int64) <= 0 : v.compareTo(int64) < 0;
      }
      // Out of range, strconv.ParseFloat fails and go-yaml keeps the string.
      return GO_FLOAT.matcher(t).matches() && Double.isFinite(Double.parseDouble(t));
    }

    /**
     * Go's strconv.ParseFloat(s, 64) for text starting with '.': decimal digits with one dot, an
     * optional exponent, underscores only between digits (strconv/atoi.go underscoreOK), finite.
     */
    static boolean goFloat(String s) {
      int i = 0;
      int n = s.length();
      boolean sawdot = false;
      boolean sawdigits = false;
      for (; i < n; i++) {
        char c = s.charAt(i);
        if (c == '.' && !sawdot) {
          sawdot = true;
        } else if (digit(c)) {
          sawdigits = true;
        } else if (c != '_') {
          break;
        }
      }
      if (!sawdigits) {
        return false;
      }
      if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
        i++;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
          i++;
        }
        if (i >= n || !digit(s.charAt(i))) {
          return false;
        }
        while (i < n && (digit(s.charAt(i)) || s.charAt(i) == '_')) {
          i++;
        }
      }
      if (i != n) {
        return false;
      }
      // underscoreOK: each '_' between two digits.
      for (int j = 0; j < n; j++) {
        if (s.charAt(j) == '_'
            && (j == 0 || j == n - 1 || !digit(s.charAt(j - 1)) || !digit(s.charAt(j + 1)))) {
          return false;
        }
      }
      return Double.isFinite(Double.parseDouble(s.replace("_", "")));
    }

    /**
     * YAML 1.1 base 60 (yaml.org/type/int.html {@code [-+]?[1-9][0-9_]*(:[0-5]?[0-9])+} and
     * float.html {@code [-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*}): {@code 12:30} reads as 750.
     * Checked by hand: a repeated group in a regex recurses once per repetition.
     */
    static boolean sexagesimal(String s) {
      int i = s.charAt(0) == '+' || s.charAt(0) == '-' ? 1 : 0;
      int n = s.length();
      if (i >= n || !digit(s.charAt(i))) {
        return false;
      }
      boolean leadingZero = s.charAt(i) == '0';
      while (i < n && (digit(s.charAt(i)) || s.charAt(i) == '_')) {
        i++;
      }
      int groups = 0;
      while (i < n && s.charAt(i) == ':') {
        int start = ++i;
        while (i < n && digit(s.charAt(i))) {
          i++;
        }
        int run = i - start;
        if (run == 0 || run > 2 || run == 2 && s.charAt(start) > '5') {
          return false;
        }
        groups++;
      }
      if (groups == 0) {
        return false;
      }
      if (i == n) {
        return !leadingZero;
      }
      if (s.charAt(i) != '.') {
        return false;
      }
      for (i++; i < n; i++) {
        if (!digit(s.charAt(i)) && s.charAt(i) != '_') {
          return false;
        }
      }
      return true;
    }

    private static boolean digit(char c) {
      return c >= '0' && c <= '9';
    }
  }

  private static Map<String, Class<? extends HasMetadata>> registry() {
    Map<String, Class<? extends HasMetadata>> r = registry;
    if (r == null) {
      synchronized (Yaml.class) {
        r = registry;
        if (r == null) {
          Map<String, Class<? extends HasMetadata>> m = new HashMap<>();
          for (Class<? extends HasMetadata> c :
              List.of(
                  Namespace.class,
                  ServiceAccount.class,
                  Secret.class,
                  ConfigMap.class,
                  Service.class,
                  Pod.class)) {
            register(m, c);
          }
          for (Target t : Target.discover()) {
            t.resourceTypes().forEach(c -> register(m, c));
          }
          registry = r = Map.copyOf(m);
        }
      }
    }
    return r;
  }

  private static void register(
      Map<String, Class<? extends HasMetadata>> m, Class<? extends HasMetadata> type) {
    m.put(HasMetadata.getApiVersion(type) + "/" + HasMetadata.getKind(type), type);
  }
}
