package dev.wsingress.traefik;

import java.util.Optional;

/**
 * A route's prefix rewrite as a {@code replacePathRegex} Middleware that replaces exactly the
 * matched prefix, by whole segments, and keeps the rest of the path (the Gateway API's {@code
 * ReplacePrefixMatch}: {@code /notify} to {@code /ws} sends {@code /notify} as {@code /ws} and
 * {@code /notify/a} as {@code /ws/a}; a rewrite to {@code /} sends both {@code /notify} and {@code
 * /notify/} as {@code /} and {@code /notify/a} as {@code /a}).
 *
 * <p>traefik v3.7.9 (as v3.0.4) pkg/middlewares/replacepathregex/replace_path_regex.go: the regex
 * is Go's {@code regexp} (RE2), matched against the request's escaped path ({@code
 * req.URL.RawPath}, else {@code EscapedPath()}); on a match the path becomes {@code
 * ReplaceAllString(path, replacement)}, where {@code ${1}} is the first group (empty when the group
 * did not take part), and is then unescaped; v3.6.23 and v3.7.7 on ("Sanitize replaced path in
 * ReplacePathRegex middleware", 3f10dd4424) also answer 400 to a result that {@code url.JoinPath}
 * would clean to another path, which the rewrite of a valid spec path never produces by itself
 * (spec paths hold no empty segment, and the replacement adds none). The router matched the
 * original path before, so the regex only ever sees {@code p} and {@code p/...}: it is anchored on
 * both ends so that it also matches nothing else ({@code ^/notify(/.*)?$} leaves {@code /notifyx}
 * alone).
 */
final class PathRewrites {
  private PathRewrites() {}

  /** The regex and replacement that rewrite prefix {@code path} to {@code rewrite}. */
  static Middleware.ReplacePathRegex of(String path, String rewrite) {
    // Trailing slashes do not count, as in ReplacePrefixMatch: /ws/ and /ws replace alike.
    String prefix = withoutTrailingSlash(path);
    String replacement = withoutTrailingSlash(rewrite);
    if (replacement.isEmpty()) {
      // Strip: /p -> /, /p/ -> /, /p/a -> /a. The group excludes the slash, so the result
      // always starts with exactly one.
      return new Middleware.ReplacePathRegex("^" + quoteMeta(prefix) + "(?:/(.*))?$", "/${1}");
    }
    // Replace: /p -> /r, /p/ -> /r/, /p/a -> /r/a.
    return new Middleware.ReplacePathRegex(
        "^" + quoteMeta(prefix) + "(/.*)?$", replacement + "${1}");
  }

  /**
   * The prefix a replacePathRegex puts in place of route prefix {@code path}, when it is a prefix
   * rewrite {@link #of} writes (with {@code $1} read as {@code ${1}}, which Go's {@code Expand}
   * reads alike); empty for any other regex or replacement.
   */
  static Optional<String> prefixOf(String path, String regex, String replacement) {
    String r =
        replacement.endsWith("$1")
            ? replacement.substring(0, replacement.length() - 2) + "${1}"
            : replacement;
    String candidate;
    if (r.equals("/${1}")) {
      candidate = "/";
    } else if (r.endsWith("${1}") && r.startsWith("/")) {
      candidate = r.substring(0, r.length() - "${1}".length());
      if (candidate.isEmpty() || candidate.contains("$")) {
        return Optional.empty();
      }
    } else {
      return Optional.empty();
    }
    Middleware.ReplacePathRegex expected = of(path, candidate);
    return expected.regex().equals(regex) && expected.replacement().equals(r)
        ? Optional.of(candidate)
        : Optional.empty();
  }

  private static String withoutTrailingSlash(String path) {
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  /**
   * Go's {@code regexp.QuoteMeta} (go1.19 src/regexp/regexp.go: a backslash before each of {@code
   * \.+*?()|[]{}^$}). Spec paths can hold only {@code .} and {@code +} of these, and no {@code $},
   * so the replacement needs no escaping.
   */
  static String quoteMeta(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }
}
