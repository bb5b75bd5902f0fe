package dev.wsingress.haproxy;

/**
 * {@code path-rewrite} values read back as the spec's prefix rewrite: the forms {@link
 * RouteAnnotations#pathRewrite} writes for a route's prefix, and only those (each replaces the
 * matched prefix and keeps the rest, as HAProxy's {@code replace-path} applies them,
 * pkg/haproxy/rules/reqPathRewrite.go):
 *
 * <ul>
 *   <li>{@code ^<prefix>(/.*)?$ <to>\1}: the prefix to {@code <to>};
 *   <li>{@code ^<prefix>/?(.*)$ /\1}: the prefix stripped (rewritten to {@code /});
 *   <li>{@code ^/(.*)$ <to>/\1} for the root prefix.
 * </ul>
 *
 * The prefix may be escaped in any way that stays a literal; the format's {@code %%} is a {@code %}
 * (HAProxy log-format). Anything else is not a prefix rewrite the spec can hold.
 */
final class PathRewrites {
  private PathRewrites() {}

  /**
   * The prefix {@code value} rewrites the Prefix path {@code path} to, or null when it is no such
   * rewrite.
   */
  static String prefix(String value, String path) {
    String v = value.trim();
    if (v.contains("\n")) {
      return null;
    }
    String[] parts = v.split("\\s+");
    if (parts.length != 2) {
      return null;
    }
    String regex = parts[0];
    String format = parts[1];
    String base = path;
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    if (base.isEmpty()) {
      if (regex.equals("^/(.*)$") && format.endsWith("/\\1")) {
        String to = literal(format.substring(0, format.length() - 3));
        return to == null ? null : to.isEmpty() ? "/" : to;
      }
      return null;
    }
    if (regex.startsWith("^") && regex.endsWith("/?(.*)$") && format.equals("/\\1")) {
      String p = unescape(regex.substring(1, regex.length() - "/?(.*)$".length()));
      return base.equals(p) ? "/" : null;
    }
    if (regex.startsWith("^") && regex.endsWith("(/.*)?$") && format.endsWith("\\1")) {
      String p = unescape(regex.substring(1, regex.length() - "(/.*)?$".length()));
      String to = literal(format.substring(0, format.length() - 2));
      return base.equals(p) && to != null && to.startsWith("/") ? to : null;
    }
    return null;
  }

  /** A regex that matches exactly one literal text, as that text; null otherwise. */
  static String unescape(String regex) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        if (i + 1 == regex.length() || Character.isLetterOrDigit(regex.charAt(i + 1))) {
          return null; // \d, \w, \1: not a literal
        }
        b.append(regex.charAt(++i));
      } else if ("^$.|?*+()[]{}".indexOf(c) >= 0) {
        return null;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** A log-format string without expressions, as its text: {@code %%} is {@code %}. */
  private static String literal(String format) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c == '%') {
        if (i + 1 < format.length() && format.charAt(i + 1) == '%') {
          b.append('%');
          i++;
        } else {
          return null; // %[...] or %x: an expression
        }
      } else if (c == '\\') {
        return null; // a back-reference
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
