package dev.wsingress.traefik;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsingress.Affinity;
import dev.wsingress.CookieAffinity;
import dev.wsingress.SameSite;
import dev.wsingress.Version;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The sticky cookie Traefik sets, read from {@code sticky.cookie} (an IngressRoute service entry, a
 * TraefikService) or from the {@code service.sticky.cookie.*} annotations: traefik v3.7.9
 * pkg/config/dynamic/http_config.go {@code Cookie} (every attribute off unless set; {@code
 * SetDefaults} makes the path {@code /}) and pkg/server/cookie/cookie.go {@code GetName} (the name
 * given, with characters outside an RFC 2616 token replaced by {@code _}; without one, {@code _}
 * and the first five hex digits of the SHA-1 of {@code _TRAEFIK_BACKEND_<service>}, the service's
 * qualified name).
 */
final class StickyCookies {
  private StickyCookies() {}

  /** The cookie Traefik names for {@code given} on the service {@code backend}. */
  static String name(String given, String backend) {
    if (!given.isEmpty()) {
      // Go's strings.Map goes by runes: one _ for a character outside the BMP too.
      StringBuilder b = new StringBuilder(given.length());
      for (int i = 0; i < given.length(); i += Character.charCount(given.codePointAt(i))) {
        int c = given.codePointAt(i);
        boolean token =
            (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^`|~".indexOf(c) >= 0;
        b.append(token ? (char) c : '_');
      }
      return b.toString();
    }
    try {
      byte[] sha1 =
          MessageDigest.getInstance("SHA-1")
              .digest(("_TRAEFIK_BACKEND_" + backend).getBytes(StandardCharsets.UTF_8));
      return ("_" + HexFormat.of().formatHex(sha1)).substring(0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-1", e);
    }
  }

  /** The SHA-256 of a rule, as the CRD provider names a route's service ({@code %.10x}). */
  static String ruleHash(String rule) {
    try {
      byte[] sha =
          MessageDigest.getInstance("SHA-256").digest(rule.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha, 0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /**
   * The affinity of a {@code sticky.cookie} object, named for the service {@code backend}, as the
   * release {@code version} (null: unknown, read as the newest) sets it.
   */
  static CookieAffinity of(JsonNode cookie, String backend, Version version) {
    CookieAffinity c = Affinity.cookie(name(cookie.path("name").asText(""), backend));
    c = c.httpOnly(cookie.path("httpOnly").asBoolean(false));
    if (cookie.has("secure")) {
      c = c.secure(cookie.path("secure").asBoolean(false));
    }
    SameSite s = sameSite(cookie.path("sameSite").asText(""), version);
    if (s != null) {
      c = c.sameSite(s);
    }
    long maxAge = cookie.path("maxAge").asLong(0);
    if (maxAge > 0) {
      c = c.maxAge(Duration.ofSeconds(maxAge));
    }
    String path = cookie.path("path").asText("");
    if (!path.isEmpty()) {
      c = c.path(path);
    }
    return c;
  }

  /**
   * {@code none}, {@code lax} or {@code strict}, as the release reads it; null for anything else,
   * which sets no SameSite attribute. traefik v3.7.9 pkg/server/service/loadbalancer/sticky.go
   * {@code convertSameSite} compares {@code strings.ToLower(sameSite)} (from v3.6.14, "Make
   * SameSite cookie value case-insensitive"); v3.6.13 and older
   * (pkg/server/service/loadbalancer/wrr/wrr.go at v3.0.4) compare the text as written, so {@code
   * Lax} sets none. A v3.6 cluster is read as v3.6.14 or newer.
   */
  static SameSite sameSite(String text, Version version) {
    boolean anyCase = version == null || version.isAtLeast(Version.of(3, 6));
    for (SameSite s : SameSite.values()) {
      String lower = IngressAnnotations.sameSite(s);
      if (lower.equals(text) || (anyCase && lower.equals(text.toLowerCase(Locale.ROOT)))) {
        return s;
      }
    }
    return null;
  }

  /** Whether Traefik v3.6.14 and newer read the value but older releases do not. */
  static boolean sameSiteCaseOnly(String text) {
    return sameSite(text, Releases.NEWEST) != null && sameSite(text, Releases.OLDEST) == null;
  }
}
