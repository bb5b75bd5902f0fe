package dev.wsingress.nginx;

import dev.wsingress.Route;
import java.util.Optional;

/**
 * A prefix rewrite as ingress-nginx expresses it, both ways: the writer turns a route's rewrite
 * into a regular-expression path and a {@code rewrite-target} with capture groups; the reader turns
 * such a pair back into the prefix it matches and the prefix it rewrites to.
 *
 * <p>ingress-nginx writes {@code rewrite "(?i)<path>" <rewrite-target> break;} in the location
 * (internal/ingress/controller/template/template.go buildProxyPass, controller-v1.15.1) and matches
 * the location as {@code ~* "^<path>"} (buildLocation): the regex must match at the start of the
 * request path, ignoring case; nginx's {@code rewrite} replaces the whole URI with the target,
 * where {@code $n} is the n-th capture group.
 */
final class Rewrites {
  private Rewrites() {}

  /**
   * The regular expression path of a rewritten route, for pathType ImplementationSpecific with
   * use-regex: the route's prefix (without a trailing {@code /}, {@code .} and {@code +} escaped),
   * then {@code (/|$)} so that only whole segments match, then {@code (.*)}, the rest of the path
   * (docs/examples/rewrite/README.md: {@code /something(/|$)(.*)} with {@code rewrite-target:
   * /$2}). The root prefix is {@code /(.*)}.
   */
  static String regexPath(Route route) {
    String prefix = withoutTrailingSlash(route.path());
    if (prefix.isEmpty()) {
      return "/(.*)";
    }
    StringBuilder b = new StringBuilder();
    for (char c : prefix.toCharArray()) {
      // Of the characters a spec path may hold, only '.' and '+' mean something in a PCRE.
      if (c == '.' || c == '+') {
        b.append('\\');
      }
      b.append(c);
    }
    return b.append("(/|$)(.*)").toString();
  }

  /**
   * The {@code rewrite-target} that replaces the matched prefix with the route's rewrite and keeps
   * the rest: {@code <rewrite>$1$2} ({@code /notify/a} to {@code /ws/a}, {@code /notify} to {@code
   * /ws}), {@code /$2} for a rewrite to {@code /}, {@code <rewrite>/$1} for the root prefix.
   */
  static String target(Route route) {
    String to = withoutTrailingSlash(route.rewrite().orElseThrow());
    if (withoutTrailingSlash(route.path()).isEmpty()) {
      return to + "/$1";
    }
    return to.isEmpty() ? "/$2" : to + "$1$2";
  }

  static String withoutTrailingSlash(String path) {
    String p = path;
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  /**
   * A rewrite read back: the path it matches, whether by whole segments ({@code false}: {@code
   * /notify} matches {@code /notify} and {@code /notify/a}) or by characters ({@code true}: {@code
   * /api/} matches {@code /api/a}), and the prefix that replaces the matched part.
   */
  record Prefix(String path, boolean byCharacters, String rewrite) {}

  /**
   * The prefix rewrite that the regular-expression {@code path} and {@code target} amount to, when
   * they have one of the shapes that mean exactly a prefix rewrite (ignoring case, as the location
   * does), with {@code L} a literal path ({@code \.} for a dot; an unescaped {@code .} is read as a
   * dot too, though the regex lets it match any character) and {@code R} a literal target:
   *
   * <ul>
   *   <li>{@code L(/|$)(.*)} with {@code R$1$2}: the prefix {@code L} by segments, rewritten to
   *       {@code R} (what the writer renders);
   *   <li>{@code L(/|$)(.*)} with {@code /$2}: the prefix {@code L} rewritten to {@code /} (the
   *       ingress-nginx rewrite example);
   *   <li>{@code /(.*)} with {@code R/$1}: the root rewritten to {@code R};
   *   <li>{@code L/(.*)} with {@code R/$1}: every path starting with {@code L/}, rewritten to
   *       {@code R/};
   *   <li>{@code L(.*)} with {@code R$1}: every path starting with {@code L}, rewritten to {@code
   *       R}.
   * </ul>
   *
   * Other shapes (other groups, alternations, character classes, anchors) are empty: the reader
   * keeps them as regular expressions.
   */
  static Optional<Prefix> read(String path, String target) {
    if (path.equals("/(.*)")) {
      String to = literalBefore(target, "/$1");
      return to == null ? Optional.empty() : Optional.of(new Prefix("/", false, slash(to)));
    }
    if (path.endsWith("(/|$)(.*)")) {
      String from = literal(path.substring(0, path.length() - "(/|$)(.*)".length()));
      if (from == null || from.isEmpty() || from.endsWith("/")) {
        return Optional.empty();
      }
      if (target.equals("/$2")) {
        return Optional.of(new Prefix(from, false, "/"));
      }
      String to = literalBefore(target, "$1$2");
      return to == null || to.isEmpty()
          ? Optional.empty()
          : Optional.of(new Prefix(from, false, to));
    }
    if (path.endsWith("/(.*)")) {
      String from = literal(path.substring(0, path.length() - "/(.*)".length()));
      String to = literalBefore(target, "/$1");
      if (from == null || from.isEmpty() || to == null) {
        return Optional.empty();
      }
      return Optional.of(new Prefix(from + "/", true, to + "/"));
    }
    if (path.endsWith("(.*)")) {
      String from = literal(path.substring(0, path.length() - "(.*)".length()));
      String to = literalBefore(target, "$1");
      if (from == null || from.isEmpty() || to == null || to.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new Prefix(from, true, to));
    }
    return Optional.empty();
  }

  private static String slash(String to) {
    return to.isEmpty() ? "/" : to;
  }

  /** The literal that {@code target} is before {@code suffix}, or null. */
  private static String literalBefore(String target, String suffix) {
    if (!target.endsWith(suffix)) {
      return null;
    }
    String to = target.substring(0, target.length() - suffix.length());
    if (!to.isEmpty() && (to.charAt(0) != '/' || to.endsWith("/"))) {
      return null;
    }
    for (char c : to.toCharArray()) {
      if (!plain(c) && c != '+') {
        return null;
      }
    }
    return to;
  }

  /** The path a regex stands for when it has no operator (escapes of . and + allowed), or null. */
  static String literal(String regex) {
    if (regex.isEmpty() || regex.charAt(0) != '/') {
      return null;
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\' && i + 1 < regex.length() && ".+-/_~".indexOf(regex.charAt(i + 1)) >= 0) {
        b.append(regex.charAt(++i));
      } else if (plain(c)) {
        b.append(c);
      } else {
        return null;
      }
    }
    return b.toString();
  }

  /** Letters, digits and the path characters that are literal in a PCRE (not '+'). */
  private static boolean plain(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "/-_.~!&,=:@%".indexOf(c) >= 0;
  }
}
