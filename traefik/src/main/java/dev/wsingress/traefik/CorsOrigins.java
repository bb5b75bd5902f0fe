package dev.wsingress.traefik;

import java.util.Optional;

/**
 * A CORS origin with a {@code *.} wildcard as the headers middleware's {@code
 * accessControlAllowOriginListRegex} entry, written by {@link #regex} and read back by {@link
 * #origin}: {@code https://*.example.com} is {@code ^https://[a-z0-9-]+\.example\.com$}, one label.
 * traefik v3.7.9 pkg/middlewares/headers/header.go compiles each entry with Go's {@code regexp} and
 * takes an origin that {@code MatchString}es it; the anchors keep it to the whole origin.
 */
final class CorsOrigins {
  private CorsOrigins() {}

  private static final String LABEL = "[a-z0-9-]+\\.";

  /** The regex entry for an origin with a {@code *.} wildcard. */
  static String regex(String origin) {
    return "^" + origin.replace(".", "\\.").replace("*\\.", LABEL) + "$";
  }

  /** The origin a regex entry written by {@link #regex} stands for; empty for any other regex. */
  static Optional<String> origin(String regex) {
    if (!regex.startsWith("^") || !regex.endsWith("$") || !regex.contains(LABEL)) {
      return Optional.empty();
    }
    String inner = regex.substring(1, regex.length() - 1).replace(LABEL, "*.");
    if (inner.indexOf('*') != inner.lastIndexOf('*')) {
      return Optional.empty();
    }
    String origin = inner.replace("\\.", ".");
    return regex(origin).equals(regex) && origin.matches("[a-zA-Z0-9+.*:/-]+")
        ? Optional.of(origin)
        : Optional.empty();
  }
}
