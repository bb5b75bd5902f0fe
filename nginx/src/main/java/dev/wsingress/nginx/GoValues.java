package dev.wsingress.nginx;

/**
 * The value rules of the Go standard library that ingress-nginx parses annotations and ConfigMap
 * keys with, reimplemented without I/O (never a DNS lookup): {@code strconv.Atoi}, {@code
 * strconv.ParseBool}, {@code net.ParseIP}, {@code net.ParseCIDR} (Go 1.22+, which ingress-nginx
 * controller-v1.10.0 to v1.15.1 build with: GOLANG_VERSION at each tag).
 */
final class GoValues {
  private GoValues() {}

  /** {@code strconv.Atoi}: an optional sign and decimal digits that fit an int, nothing else. */
  static boolean isInt(String text) {
    if (text == null || text.isEmpty()) {
      return false;
    }
    int start = text.charAt(0) == '+' || text.charAt(0) == '-' ? 1 : 0;
    if (start == text.length() || text.length() - start > 19) {
      return false;
    }
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    try {
      Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** {@code strconv.Atoi} as a long; call {@link #isInt} first. */
  static long atoi(String text) {
    if (!isInt(text)) {
      throw new IllegalArgumentException("not an integer: " + text);
    }
    return Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
  }

  /**
   * {@code strconv.ParseInt(text, 0, 64)}, as mapstructure v1.5.0 decodeInt reads a string into an
   * int when weakly typed: an optional sign, then {@code 0x}/{@code 0X} hex, {@code 0o}/{@code 0O}
   * or a bare leading {@code 0} octal, {@code 0b}/{@code 0B} binary, else decimal; {@code _} only
   * between digits (Go's underscoreOK). Null where Go returns an error.
   */
  static Long parseIntBase0(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    String s = text;
    boolean negative = false;
    if (s.charAt(0) == '+' || s.charAt(0) == '-') {
      negative = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.isEmpty()) {
      return null;
    }
    int base = 10;
    String digits = s;
    if (s.charAt(0) == '0') {
      char c = s.length() >= 3 ? Character.toLowerCase(s.charAt(1)) : 0;
      if (c == 'b' || c == 'o' || c == 'x') {
        base = c == 'b' ? 2 : c == 'o' ? 8 : 16;
        digits = s.substring(2);
      } else {
        base = 8;
        digits = s.substring(1);
      }
    }
    java.math.BigInteger n = java.math.BigInteger.ZERO;
    boolean underscores = false;
    for (char c : digits.toCharArray()) {
      if (c == '_') {
        underscores = true;
        continue;
      }
      int d = Character.digit(c, 16);
      if (d < 0 || d >= base || c > 'f') {
        return null;
      }
      n = n.multiply(java.math.BigInteger.valueOf(base)).add(java.math.BigInteger.valueOf(d));
    }
    if (underscores && !underscoreOk(text)) {
      return null;
    }
    n = negative ? n.negate() : n;
    return n.bitLength() < 64 ? n.longValue() : null;
  }

  /** Go strconv underscoreOK: each {@code _} between two digits (or a base prefix and a digit). */
  private static boolean underscoreOk(String text) {
    String s = text;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      s = s.substring(1);
    }
    char saw = '^';
    int i = 0;
    boolean hex = false;
    if (s.length() >= 2
        && s.charAt(0) == '0'
        && "box".indexOf(Character.toLowerCase(s.charAt(1))) >= 0) {
      i = 2;
      saw = '0';
      hex = Character.toLowerCase(s.charAt(1)) == 'x';
    }
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      char l = Character.toLowerCase(c);
      if ((c >= '0' && c <= '9') || (hex && l >= 'a' && l <= 'f')) {
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

  /** {@code strconv.ParseBool}: 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False. */
  static Boolean parseBool(String text) {
    if (text == null) {
      return null;
    }
    switch (text) {
      case "1", "t", "T", "TRUE", "true", "True":
        return Boolean.TRUE;
      case "0", "f", "F", "FALSE", "false", "False":
        return Boolean.FALSE;
      default:
        return null;
    }
  }

  /**
   * {@code net.ParseIP}: an IPv4 dotted quad (no leading zeros, each part at most 255) or an IPv6
   * address (hex groups, one {@code ::}, optionally ending in a dotted quad).
   */
  static boolean isIp(String text) {
    if (text == null || text.isEmpty()) {
      return false;
    }
    return text.indexOf(':') >= 0 ? isIpv6(text) : isIpv4(text);
  }

  static boolean isIpv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
        return false;
      }
      for (char c : p.toCharArray()) {
        if (c < '0' || c > '9') {
          return false;
        }
      }
      if (Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }

  private static boolean isIpv6(String s) {
    String body = s;
    if (s.indexOf('%') >= 0) {
      return false; // net.ParseIP refuses zones
    }
    int lastColon = s.lastIndexOf(':');
    if (s.indexOf('.') > lastColon) {
      // a trailing dotted quad stands for the last two groups
      if (!isIpv4(s.substring(lastColon + 1))) {
        return false;
      }
      body = s.substring(0, lastColon + 1) + "0:0";
    }
    int doubleColon = body.indexOf("::");
    if (doubleColon >= 0 && doubleColon != body.lastIndexOf("::")) {
      return false;
    }
    String[] halves = doubleColon >= 0 ? body.split("::", -1) : new String[] {body};
    int count = 0;
    for (String half : halves) {
      if (half.isEmpty()) {
        continue;
      }
      for (String g : half.split(":", -1)) {
        if (g.isEmpty() || g.length() > 4) {
          return false;
        }
        for (char c : g.toCharArray()) {
          if (Character.digit(c, 16) < 0) {
            return false;
          }
        }
        count++;
      }
    }
    return doubleColon >= 0 ? count < 8 : count == 8;
  }

  /** {@code net.ParseCIDR}: an IP address, {@code /} and a prefix length that fits it. */
  static boolean isCidr(String text) {
    int slash = text == null ? -1 : text.indexOf('/');
    if (slash < 0) {
      return false;
    }
    String ip = text.substring(0, slash);
    String bits = text.substring(slash + 1);
    if (!isIp(ip) || bits.isEmpty() || bits.length() > 3) {
      return false;
    }
    for (char c : bits.toCharArray()) {
      if (c < '0' || c > '9') {
        return false;
      }
    }
    int n = Integer.parseInt(bits);
    return n <= (ip.indexOf(':') >= 0 ? 128 : 32) && !(bits.length() > 1 && bits.charAt(0) == '0');
  }
}
