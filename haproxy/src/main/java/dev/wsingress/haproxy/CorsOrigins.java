package dev.wsingress.haproxy;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code cors-allow-origin} read back: {@code *}, or the regular expression haproxytech matches the
 * Origin header with, unanchored ({@code -m reg}, pkg/annotations/ingress/resSetCORS.go). {@link
 * HaProxy#origin} writes origins as {@code ^origin$} or {@code ^(a|b)$}, each escaped, a leading
 * {@code *.} as {@code [a-z0-9-]+\.}; this class turns such a regex back into the origins, and says
 * what else a hand-written one matches.
 */
final class CorsOrigins {
  private CorsOrigins() {}

  private static final String LABEL = "[a-z0-9-]+\\.";

  /**
   * The origins the value allows, or null when it is a regex that is not a list of origins. An
   * unanchored value that is an origin apart from its dots (the common {@code
   * https://app.example.com}) is read as that origin: the intent, which the converted app anchors
   * (the doctor reports what it matches now).
   */
  static List<String> origins(String value) {
    String v = value.trim();
    if (v.equals("*")) {
      return List.of("*");
    }
    String body;
    if (v.startsWith("^(") && v.endsWith(")$")) {
      body = v.substring(2, v.length() - 2);
    } else if (v.startsWith("^") && v.endsWith("$")) {
      body = v.substring(1, v.length() - 1);
    } else if (v.contains("://") && v.replace(".", "").equals(literalOrNull(v.replace(".", "")))) {
      return List.of(v);
    } else {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (String alternative : body.split("\\|", -1)) {
      String origin = origin(alternative);
      if (origin == null) {
        return null;
      }
      out.add(origin);
    }
    return out;
  }

  private static String origin(String alternative) {
    int scheme = alternative.indexOf("://");
    if (scheme < 0) {
      return null;
    }
    String head = alternative.substring(0, scheme + 3);
    String rest = alternative.substring(scheme + 3);
    String wildcard = "";
    if (rest.startsWith(LABEL)) {
      wildcard = "*.";
      rest = rest.substring(LABEL.length());
    }
    String h = PathRewrites.unescape(head);
    String r = PathRewrites.unescape(rest);
    return h == null || r == null ? null : h + wildcard + r;
  }

  private static String literalOrNull(String text) {
    for (char c : text.toCharArray()) {
      if ("\\^$|?*+()[]{}".indexOf(c) >= 0) {
        return null;
      }
    }
    return text;
  }

  /**
   * An origin the value also matches though it looks like it should not, or null when it is {@code
   * *} or anchored with every dot escaped: after the value for an unanchored end ({@code
   * https://app.example.com.evil.example}), before it for an unanchored start, a letter for an
   * unescaped dot ({@code https://appXexample.com}).
   */
  static String alsoMatches(String value) {
    String v = value.trim();
    if (v.equals("*")) {
      return null;
    }
    boolean start = v.startsWith("^");
    boolean end = v.endsWith("$") && !v.endsWith("\\$");
    String shown = v.substring(start ? 1 : 0, end ? v.length() - 1 : v.length());
    String plain = shown.replace("\\.", ".");
    if (!end) {
      return "\"" + plain + ".evil.example\" (the regex is not anchored with $)";
    }
    if (!start) {
      return "\"https://evil.example/" + plain + "\" (the regex is not anchored with ^)";
    }
    int dot = unescapedDot(shown);
    if (dot >= 0) {
      String x = shown.substring(0, dot) + "X" + shown.substring(dot + 1);
      return "\""
          + x.replace("\\.", ".").replace(LABEL.replace("\\.", "."), "a.")
          + "\" (an unescaped . matches any character)";
    }
    return null;
  }

  private static int unescapedDot(String regex) {
    boolean inClass = false;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        inClass = true;
      } else if (c == ']') {
        inClass = false;
      } else if (c == '.'
          && !inClass
          && (i + 1 == regex.length() || "+*?{".indexOf(regex.charAt(i + 1)) < 0)) {
        return i; // a lone dot, as in app.example.com; ".+" and ".*" are meant as patterns
      }
    }
    return -1;
  }
}
