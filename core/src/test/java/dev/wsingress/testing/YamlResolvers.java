package dev.wsingress.testing;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * How YAML readers type a plain (unquoted) scalar, written independently of the writer in core's
 * {@code Yaml}, so that tests can prove every string we write plain reads back as a string.
 *
 * <ul>
 *   <li>{@link #goYamlV2}: a line-by-line port of go-yaml v2.4.0 {@code resolve.go} {@code
 *       resolve("", in)}, the reader of {@code sigs.k8s.io/yaml} and so of kubectl and the API
 *       server, with the Go standard library functions it calls ({@code strconv.ParseInt(s, 0,
 *       64)}, {@code ParseUint}, {@code ParseFloat(s, 64)}, {@code time.Parse} with its four
 *       layouts) ported for what they accept.
 *   <li>{@link #yaml11}: the YAML 1.1 type repository's regular expressions (yaml.org/type: bool,
 *       null, int, float, timestamp, merge, value), PyYAML 6.0's {@code resolver.py} and
 *       SnakeYAML's own {@link Resolver} (the library on the class path).
 * </ul>
 *
 * <pre>{@code
 * YamlResolvers.goYamlV2("0o17");   // "!!int"
 * YamlResolvers.yaml11("12:30");    // {"yaml.org int": "!!int", ...}
 * }</pre>
 */
public final class YamlResolvers {
  private YamlResolvers() {}

  /** The short tag of a string. */
  public static final String STR = "!!str";

  // resolve.go init(): resolveTable hints.
  private static final String SIGN = "+-";
  private static final String MAP_HINT = "yYnNtTfFoO~";

  // resolve.go init(): resolveMapList.
  private static final Map<String, String> RESOLVE_MAP = new LinkedHashMap<>();

  static {
    for (String s : new String[] {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE"}) {
      RESOLVE_MAP.put(s, "!!bool");
    }
    for (String s : new String[] {"on", "On", "ON", "n", "N", "no", "No", "NO"}) {
      RESOLVE_MAP.put(s, "!!bool");
    }
    for (String s : new String[] {"false", "False", "FALSE", "off", "Off", "OFF"}) {
      RESOLVE_MAP.put(s, "!!bool");
    }
    for (String s : new String[] {"", "~", "null", "Null", "NULL"}) {
      RESOLVE_MAP.put(s, "!!null");
    }
    for (String s :
        new String[] {
          ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf",
          "-.Inf", "-.INF"
        }) {
      RESOLVE_MAP.put(s, "!!float");
    }
    RESOLVE_MAP.put("<<", "!!merge");
  }

  // resolve.go: var yamlStyleFloat
  private static final Pattern YAML_STYLE_FLOAT =
      Pattern.compile("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$");

  /** The tag go-yaml v2.4.0 gives a plain scalar: {@code resolve("", in)} of {@code resolve.go}. */
  public static String goYamlV2(String in) {
    // hint := byte('N'); if in != "" { hint = resolveTable[in[0]] }
    char hint;
    if (in.isEmpty()) {
      hint = 'N';
    } else {
      char c = in.charAt(0);
      if (c > 0xff) {
        hint = 0; // in[0] is the first byte of a multi-byte UTF-8 sequence: no hint
      } else if (SIGN.indexOf(c) >= 0) {
        hint = 'S';
      } else if (c >= '0' && c <= '9') {
        hint = 'D';
      } else if (MAP_HINT.indexOf(c) >= 0) {
        hint = 'M';
      } else if (c == '.') {
        hint = '.';
      } else {
        hint = 0;
      }
    }
    if (hint == 0) {
      return STR;
    }
    String mapped = RESOLVE_MAP.get(in);
    if (mapped != null) {
      return mapped;
    }
    switch (hint) {
      case '.':
        if (GoStrconv.parseFloat(in)) {
          return "!!float";
        }
        break;
      case 'D', 'S':
        if (GoTime.parseTimestamp(in)) {
          return "!!timestamp";
        }
        String plain = in.replace("_", "");
        if (GoStrconv.parseInt(plain, 0) || GoStrconv.parseUint(plain, 0)) {
          return "!!int";
        }
        if (YAML_STYLE_FLOAT.matcher(plain).matches() && GoStrconv.parseFloat(plain)) {
          return "!!float";
        }
        if (plain.startsWith("0b")) {
          if (GoStrconv.parseInt(plain.substring(2), 2)
              || GoStrconv.parseUint(plain.substring(2), 2)) {
            return "!!int";
          }
        } else if (plain.startsWith("-0b")) {
          if (GoStrconv.parseInt("-" + plain.substring(3), 2)) {
            return "!!int";
          }
        }
        break;
      default: // 'M', 'N': only the map above
    }
    return STR;
  }

  // yaml.org/type/bool.html, null.html, int.html, float.html, timestamp.html, merge.html,
  // value.html: the regular expressions as published (the comments and line breaks removed).
  private static final Map<String, Pattern> YAML_ORG = new LinkedHashMap<>();
  // PyYAML 6.0.2 lib/yaml/resolver.py add_implicit_resolver(...), in its order.
  private static final Map<String, Pattern> PYYAML = new LinkedHashMap<>();

  static {
    YAML_ORG.put(
        "!!bool",
        Pattern.compile(
            "y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"));
    YAML_ORG.put("!!null", Pattern.compile("~|null|Null|NULL|"));
    YAML_ORG.put(
        "!!int",
        Pattern.compile(
            "[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
                + "|[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+"));
    YAML_ORG.put(
        "!!float",
        Pattern.compile(
            "[-+]?([0-9][0-9_]*)?\\.[0-9.]*([eE][-+][0-9]+)?"
                + "|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\\.[0-9_]*"
                + "|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)"));
    YAML_ORG.put(
        "!!timestamp",
        Pattern.compile(
            "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
                + "|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?([Tt]|[ \\t]+)[0-9][0-9]?"
                + ":[0-9][0-9]:[0-9][0-9](\\.[0-9]*)?(([ \\t]*)Z|[-+][0-9][0-9]?(:[0-9][0-9])?)?"));
    YAML_ORG.put("!!merge", Pattern.compile("<<"));
    YAML_ORG.put("!!value", Pattern.compile("="));

    PYYAML.put(
        "!!bool",
        Pattern.compile(
            "yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"));
    PYYAML.put(
        "!!float",
        Pattern.compile(
            "[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?"
                + "|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
                + "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*"
                + "|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)"));
    PYYAML.put(
        "!!int",
        Pattern.compile(
            "[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
                + "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+"));
    PYYAML.put("!!merge", Pattern.compile("<<"));
    PYYAML.put("!!null", Pattern.compile("~|null|Null|NULL|"));
    PYYAML.put(
        "!!timestamp",
        Pattern.compile(
            "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
                + "|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \\t]+)[0-9][0-9]?"
                + ":[0-9][0-9]:[0-9][0-9](?:\\.[0-9]*)?"
                + "(?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?"));
    PYYAML.put("!!value", Pattern.compile("="));
  }

  // PyYAML registers each resolver for first characters only (add_implicit_resolver's "first").
  private static final Map<String, String> PYYAML_FIRST =
      Map.of(
          "!!bool", "yYnNtTfFoO",
          "!!float", "-+0123456789.",
          "!!int", "-+0123456789",
          "!!merge", "<",
          "!!null", "~nN",
          "!!timestamp", "0123456789",
          "!!value", "=");

  private static final Resolver SNAKEYAML = new Resolver();

  /**
   * The non-string tags YAML 1.1 readers give a plain scalar, by reader ({@code yaml.org}, {@code
   * PyYAML}, {@code SnakeYAML}); empty when all three read a string.
   */
  public static Map<String, String> yaml11(String plain) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, Pattern> e : YAML_ORG.entrySet()) {
      if (e.getValue().matcher(plain).matches()) {
        out.put("yaml.org", e.getKey());
        break;
      }
    }
    for (Map.Entry<String, Pattern> e : PYYAML.entrySet()) {
      String first = PYYAML_FIRST.get(e.getKey());
      boolean candidate =
          plain.isEmpty() ? e.getKey().equals("!!null") : first.indexOf(plain.charAt(0)) >= 0;
      if (candidate && e.getValue().matcher(plain).matches()) {
        out.put("PyYAML", e.getKey());
        break;
      }
    }
    String tag = SNAKEYAML.resolve(NodeId.scalar, plain, true).getValue();
    if (!tag.equals("tag:yaml.org,2002:str")) {
      out.put("SnakeYAML", tag.replace("tag:yaml.org,2002:", "!!"));
    }
    return out;
  }

  /** Whether go-yaml v2 and every YAML 1.1 reader read the plain scalar as a string. */
  public static boolean readsAsString(String plain) {
    return goYamlV2(plain).equals(STR) && yaml11(plain).isEmpty();
  }

  /** What Go's strconv accepts (syntax and range), for the calls resolve.go makes. */
  static final class GoStrconv {
    private GoStrconv() {}

    // strconv's lower(c): c | ('x' - 'X'), on bytes; non-ASCII never becomes a letter.
    private static char lower(char c) {
      return c < 0x80 ? (char) (c | 0x20) : c;
    }

    private static final BigInteger INT64_CUTOFF = BigInteger.ONE.shiftLeft(63);
    private static final BigInteger UINT64_MAX =
        BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /** strconv.ParseUint(s, base, 64) == nil error; base 0 or 2; s has no '_' here. */
    static boolean parseUint(String s, int base) {
      return uint(s, base) != null;
    }

    private static BigInteger uint(String s, int base) {
      if (s.isEmpty()) {
        return null;
      }
      boolean base0 = base == 0;
      if (base0) {
        base = 10;
        if (s.charAt(0) == '0') {
          char p = s.length() >= 3 ? lower(s.charAt(1)) : 0;
          if (p == 'b') {
            base = 2;
            s = s.substring(2);
          } else if (p == 'o') {
            base = 8;
            s = s.substring(2);
          } else if (p == 'x') {
            base = 16;
            s = s.substring(2);
          } else {
            base = 8;
            s = s.substring(1);
          }
        }
      }
      BigInteger n = BigInteger.ZERO;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        int d;
        if (c == '_' && base0) {
          continue; // underscoreOK is checked by the caller's removal of every '_'
        } else if (c >= '0' && c <= '9') {
          d = c - '0';
        } else if (lower(c) >= 'a' && lower(c) <= 'z') {
          d = lower(c) - 'a' + 10;
        } else {
          return null;
        }
        if (d >= base) {
          return null;
        }
        n = n.multiply(BigInteger.valueOf(base)).add(BigInteger.valueOf(d));
        if (n.compareTo(UINT64_MAX) > 0) {
          return null; // ErrRange
        }
      }
      return n;
    }

    /** strconv.ParseInt(s, base, 64) == nil error. */
    static boolean parseInt(String s, int base) {
      if (s.isEmpty()) {
        return false;
      }
      boolean neg = false;
      if (s.charAt(0) == '+') {
        s = s.substring(1);
      } else if (s.charAt(0) == '-') {
        neg = true;
        s = s.substring(1);
      }
      BigInteger un = uint(s, base);
      if (un == null) {
        return false;
      }
      return neg ? un.compareTo(INT64_CUTOFF) <= 0 : un.compareTo(INT64_CUTOFF) < 0;
    }

    /**
     * strconv.ParseFloat(s, 64) == nil error, for the inputs resolve.go passes: decimal (Go's
     * readFloat with its underscore rule) and finite; "inf"/"nan" and hex floats cannot start with
     * '.' and never match yamlStyleFloat, so they are not needed here.
     */
    static boolean parseFloat(String s) {
      int i = 0;
      int n = s.length();
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      boolean underscores = false;
      boolean sawdot = false;
      boolean sawdigits = false;
      for (; i < n; i++) {
        char c = s.charAt(i);
        if (c == '_') {
          underscores = true;
        } else if (c == '.') {
          if (sawdot) {
            break;
          }
          sawdot = true;
        } else if (c >= '0' && c <= '9') {
          sawdigits = true;
        } else {
          break;
        }
      }
      if (!sawdigits) {
        return false;
      }
      if (i < n && lower(s.charAt(i)) == 'e') {
        i++;
        if (i >= n) {
          return false;
        }
        if (s.charAt(i) == '+' || s.charAt(i) == '-') {
          i++;
        }
        if (i >= n || s.charAt(i) < '0' || s.charAt(i) > '9') {
          return false;
        }
        for (; i < n && (s.charAt(i) >= '0' && s.charAt(i) <= '9' || s.charAt(i) == '_'); i++) {
          if (s.charAt(i) == '_') {
            underscores = true;
          }
        }
      }
      if (underscores && !underscoreOk(s.substring(0, i))) {
        return false;
      }
      if (i != n) {
        return false; // ParseFloat: n != len(s) is a syntax error
      }
      double v = Double.parseDouble(s.replace("_", ""));
      return !Double.isInfinite(v); // ErrRange past the largest float64
    }

    // strconv/atoi.go underscoreOK, for a base-10 float.
    private static boolean underscoreOk(String s) {
      char saw = '^';
      int i = 0;
      if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
        s = s.substring(1);
      }
      boolean hex = false;
      if (s.length() >= 2 && s.charAt(0) == '0' && "box".indexOf(lower(s.charAt(1))) >= 0) {
        i = 2;
        saw = '0';
        hex = lower(s.charAt(1)) == 'x';
      }
      for (; i < s.length(); i++) {
        char c = s.charAt(i);
        char l = lower(c);
        if (c >= '0' && c <= '9' || hex && l >= 'a' && l <= 'f') {
          saw = '0';
          continue;
        }
        if (c == '_') {
          if (saw != '0') {
            return false;
          }
          saw = '_';
          continue;
        }
        if (saw == '_') {
          return false;
        }
        saw = '!';
      }
      return saw != '_';
    }
  }

  /** go-yaml v2.4.0 parseTimestamp: Go's time.Parse with resolve.go's allowedTimestampFormats. */
  static final class GoTime {
    private GoTime() {}

    static boolean parseTimestamp(String s) {
      // Quick check: all date formats start with YYYY-.
      int i = 0;
      while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
      }
      if (i != 4 || i == s.length() || s.charAt(i) != '-') {
        return false;
      }
      // What follows "2006-1-2" in each of the four layouts, in their order.
      for (String sep : new String[] {"T", "t", " ", ""}) {
        if (parse(s, sep)) {
          return true;
        }
      }
      return false;
    }

    private static final class Cursor {
      final String s;
      int i;

      Cursor(String s) {
        this.s = s;
      }

      boolean digit(int at) {
        return i + at < s.length() && s.charAt(i + at) >= '0' && s.charAt(i + at) <= '9';
      }

      // time.getnum(value, fixed=false): one or two digits.
      int num() {
        if (!digit(0)) {
          return -1;
        }
        if (!digit(1)) {
          return s.charAt(i++) - '0';
        }
        int v = (s.charAt(i) - '0') * 10 + (s.charAt(i + 1) - '0');
        i += 2;
        return v;
      }

      boolean literal(char c) {
        if (i < s.length() && s.charAt(i) == c) {
          i++;
          return true;
        }
        return false;
      }
    }

    // Layouts "2006-1-2" + sep + "15:4:5.999999999" (+ "Z07:00" after T and t).
    private static boolean parse(String s, String sep) {
      Cursor c = new Cursor(s);
      int year = Integer.parseInt(s.substring(0, 4));
      c.i = 4;
      if (!c.literal('-')) {
        return false;
      }
      int month = c.num();
      if (month < 1 || month > 12 || !c.literal('-')) {
        return false;
      }
      int day = c.num();
      if (day < 0) {
        return false;
      }
      if (!sep.isEmpty()) {
        if (sep.equals(" ")) {
          // time.skip: a space in the layout takes one or more spaces of the value.
          if (c.i < s.length() && s.charAt(c.i) != ' ') {
            return false;
          }
          while (c.i < s.length() && s.charAt(c.i) == ' ') {
            c.i++;
          }
        } else if (!c.literal(sep.charAt(0))) {
          return false;
        }
        int hour = c.num();
        if (hour < 0 || hour >= 24 || !c.literal(':')) {
          return false;
        }
        int minute = c.num();
        if (minute < 0 || minute >= 60 || !c.literal(':')) {
          return false;
        }
        int second = c.num();
        if (second < 0 || second >= 60) {
          return false;
        }
        // stdFracSecond9: a '.' or ',' and digits, optional.
        if (c.i + 1 < s.length() && (s.charAt(c.i) == '.' || s.charAt(c.i) == ',') && c.digit(1)) {
          c.i++;
          while (c.digit(0)) {
            c.i++;
          }
        }
        if (!sep.equals(" ")) {
          // stdISO8601ColonTZ: "Z", or ±hh:mm.
          if (c.literal('Z')) {
            // UTC
          } else {
            if (s.length() - c.i < 6 || s.charAt(c.i + 3) != ':') {
              return false;
            }
            char sign = s.charAt(c.i);
            String hh = s.substring(c.i + 1, c.i + 3);
            String mm = s.substring(c.i + 4, c.i + 6);
            if (!hh.chars().allMatch(ch -> ch >= '0' && ch <= '9')
                || !mm.chars().allMatch(ch -> ch >= '0' && ch <= '9')
                || sign != '+' && sign != '-') {
              return false;
            }
            if (Integer.parseInt(hh) > 24 || Integer.parseInt(mm) > 60) {
              return false;
            }
            c.i += 6;
          }
        }
      }
      if (c.i != s.length()) {
        return false; // extra text
      }
      return day >= 1 && day <= java.time.YearMonth.of(year, month).lengthOfMonth();
    }
  }
}
