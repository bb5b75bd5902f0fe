package dev.wsingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;

/**
 * Types plain (unquoted) YAML scalars the way kubectl and the API server's YAML reader do, so that
 * the tree a rule sees holds what the cluster receives: {@code 3600} is an int, {@code "3600"} a
 * string, {@code on} a boolean, {@code 12:30} a string (no base-60 numbers), {@code 0o17} the int
 * 15.
 *
 * <p>The rules are go-yaml v2's {@code resolve()} (go-yaml/yaml v2.4.0 resolve.go; sigs.k8s.io/yaml
 * converts YAML to JSON with a fork of it): a table of exact words (y/yes/on/true and their
 * negatives in three spellings, null/~/empty, .inf/.nan, {@code <<}), then for a leading digit or
 * sign Go's {@code strconv.ParseInt(s, 0, 64)} with underscores removed (0x, 0o, 0b prefixes and a
 * leading 0 for octal), {@code ParseUint}, then the float pattern {@code
 * [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?}. Timestamps are resolved by go-yaml but
 * handed on as the original string (decode.go: "for backward compatibility reasons we set it as a
 * string"), so they stay strings here. Everything else is a string.
 */
final class ScalarResolver {
  private ScalarResolver() {}

  /** The marker a plain {@code <<} key resolves to (YAML merge key). */
  static final String MERGE = "<<";

  private static final Map<String, JsonNode> WORDS = new HashMap<>();

  static {
    // go-yaml v2.4.0 resolve.go init(): resolveMapList.
    for (String s : new String[] {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE"}) {
      WORDS.put(s, BooleanNode.TRUE);
    }
    for (String s : new String[] {"on", "On", "ON"}) {
      WORDS.put(s, BooleanNode.TRUE);
    }
    for (String s : new String[] {"n", "N", "no", "No", "NO", "false", "False", "FALSE"}) {
      WORDS.put(s, BooleanNode.FALSE);
    }
    for (String s : new String[] {"off", "Off", "OFF"}) {
      WORDS.put(s, BooleanNode.FALSE);
    }
    for (String s : new String[] {"", "~", "null", "Null", "NULL"}) {
      WORDS.put(s, NullNode.instance);
    }
    for (String s : new String[] {".nan", ".NaN", ".NAN"}) {
      WORDS.put(s, DoubleNode.valueOf(Double.NaN));
    }
    for (String s : new String[] {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"}) {
      WORDS.put(s, DoubleNode.valueOf(Double.POSITIVE_INFINITY));
    }
    for (String s : new String[] {"-.inf", "-.Inf", "-.INF"}) {
      WORDS.put(s, DoubleNode.valueOf(Double.NEGATIVE_INFINITY));
    }
  }

  private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);
  private static final BigInteger UINT64_MAX =
      BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  /** The value of a plain scalar, typed as go-yaml v2 types it. */
  static JsonNode plain(String s) {
    if (s.isEmpty()) {
      return NullNode.instance;
    }
    char c = s.charAt(0);
    boolean digitOrSign = (c >= '0' && c <= '9') || c == '+' || c == '-';
    boolean word = "yYnNtTfFoO~".indexOf(c) >= 0;
    if (!digitOrSign && !word && c != '.') {
      return TextNode.valueOf(s);
    }
    JsonNode known = WORDS.get(s);
    if (known != null) {
      return known;
    }
    if (c == '.') {
      // strconv.ParseFloat(in, 64) on text starting with '.': only .digits[exponent] parses.
      return isDotFloat(s) ? goFloat(s, s) : TextNode.valueOf(s);
    }
    if (!digitOrSign) {
      return TextNode.valueOf(s);
    }
    if (s.length() <= 18 && c >= '1' && c <= '9' && allDigits(s)) {
      long v = Long.parseLong(s); // the common case, without BigInteger
      return v <= Integer.MAX_VALUE ? IntNode.valueOf((int) v) : LongNode.valueOf(v);
    }
    String plain = s.indexOf('_') >= 0 ? s.replace("_", "") : s;
    BigInteger n = goParseInteger(plain);
    if (n != null) {
      if (n.bitLength() < 32) {
        return IntNode.valueOf(n.intValue());
      }
      if (n.compareTo(INT64_MIN) >= 0 && n.compareTo(INT64_MAX) <= 0) {
        return LongNode.valueOf(n.longValue());
      }
      if (n.signum() > 0 && n.compareTo(UINT64_MAX) <= 0) {
        return BigIntegerNode.valueOf(n);
      }
    }
    if (isYamlStyleFloat(plain)) {
      return goFloat(plain, s);
    }
    return TextNode.valueOf(s);
  }

  /**
   * The float go-yaml takes, or the text: out of range, strconv.ParseFloat returns ±Inf with
   * ErrRange (go1 strconv/atof.go: "f = ±Inf, err.Err = ErrRange"), and resolve() keeps a scalar
   * ParseFloat fails on as the string (go-yaml v2.4.0 resolve.go: {@code if err == nil}), so {@code
   * 3e2135} is a string; an underflow parses as 0 without an error. sigs.k8s.io/yaml resolves the
   * same way: its own copy of resolve.go to v1.4.0, go.yaml.in/yaml/v2 v2.4.2 (the same file) from
   * v1.5.0.
   */
  private static JsonNode goFloat(String number, String text) {
    double d = Double.parseDouble(number);
    return Double.isFinite(d) ? DoubleNode.valueOf(d) : TextNode.valueOf(text);
  }

  /**
   * Go's {@code strconv.ParseInt(s, 0, 64)} / {@code ParseUint} syntax without the range check: an
   * optional sign (ParseUint takes none, but a signed value beyond int64 fails both), then {@code
   * 0x}/{@code 0X} hex, {@code 0o}/{@code 0O} or a leading {@code 0} octal, {@code 0b}/{@code 0B}
   * binary, or decimal; at least one digit. Null when it does not parse.
   */
  static BigInteger goParseInteger(String s) {
    int i = 0;
    boolean negative = false;
    if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      negative = s.charAt(i) == '-';
      i++;
    }
    int radix = 10;
    if (s.length() - i >= 2 && s.charAt(i) == '0') {
      char p = s.charAt(i + 1);
      if (p == 'x' || p == 'X') {
        radix = 16;
        i += 2;
      } else if (p == 'o' || p == 'O') {
        radix = 8;
        i += 2;
      } else if (p == 'b' || p == 'B') {
        radix = 2;
        i += 2;
      } else {
        radix = 8;
        i += 1;
      }
    }
    if (i >= s.length() || s.length() - i > 70) {
      return null;
    }
    for (int j = i; j < s.length(); j++) {
      if (Character.digit(s.charAt(j), radix) < 0 || s.charAt(j) > 'z') {
        return null;
      }
    }
    BigInteger v = new BigInteger(s.substring(i), radix);
    if (negative) {
      v = v.negate();
      if (v.compareTo(INT64_MIN) < 0) {
        return null;
      }
    } else if (v.compareTo(UINT64_MAX) > 0) {
      return null;
    }
    return v;
  }

  private static boolean allDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDotFloat(String s) {
    int i = 1;
    int digits = 0;
    while (i < s.length() && isDigit(s.charAt(i))) {
      i++;
      digits++;
    }
    return digits > 0 && exponentTail(s, i);
  }

  /** {@code ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$}, without a regex. */
  static boolean isYamlStyleFloat(String s) {
    int i = 0;
    if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    int intDigits = 0;
    while (i < s.length() && isDigit(s.charAt(i))) {
      i++;
      intDigits++;
    }
    if (i < s.length() && s.charAt(i) == '.') {
      i++;
      int fraction = 0;
      while (i < s.length() && isDigit(s.charAt(i))) {
        i++;
        fraction++;
      }
      if (intDigits == 0 && fraction == 0) {
        return false;
      }
    } else if (intDigits == 0) {
      return false;
    }
    return exponentTail(s, i);
  }

  private static boolean exponentTail(String s, int i) {
    if (i == s.length()) {
      return true;
    }
    if (s.charAt(i) != 'e' && s.charAt(i) != 'E') {
      return false;
    }
    i++;
    if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    int digits = 0;
    while (i < s.length() && isDigit(s.charAt(i))) {
      i++;
      digits++;
    }
    return digits > 0 && i == s.length();
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /**
   * A mapping key as the JSON object key kubectl sends: sigs.k8s.io/yaml turns non-string keys into
   * strings (booleans as {@code true}/{@code false}, integers in decimal); other keys keep their
   * text.
   */
  static String key(JsonNode resolved, String text) {
    if (resolved.isBoolean()) {
      return resolved.booleanValue() ? "true" : "false";
    }
    if (resolved.isIntegralNumber()) {
      return resolved.bigIntegerValue().toString();
    }
    return text;
  }
}
