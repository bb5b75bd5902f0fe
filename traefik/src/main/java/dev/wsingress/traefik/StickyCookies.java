package dev.wsingress.traefik;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsingress.Affinity;
import dev.wsingress.CookieAffinity;
import dev.wsingress.SameSite;
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
      StringBuilder b = new StringBuilder(given.length());
      for (int i = 0; i < given.length(); i++) {
        char c = given.charAt(i);
        boolean token =
            (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^`|~".indexOf(c) >= 0;
        b.append(token ? c : '_');
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

  /** The affinity of a {@code sticky.cookie} object, named for the service {@code backend}. */
  static CookieAffinity of(JsonNode cookie, String backend) {
    CookieAffinity c = Affinity.cookie(name(cookie.path("name").asText(""), backend));
    c = c.httpOnly(cookie.path("httpOnly").asBoolean(false));
    if (cookie.has("secure")) {
      c = c.secure(cookie.path("secure").asBoolean(false));
    }
    SameSite s = sameSite(cookie.path("sameSite").asText(""));
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
   * {@code none}, {@code lax} or {@code strict} (traefik v3.7.9
   * pkg/server/service/loadbalancer/sticky.go {@code convertSameSite}, lower case); null for
   * anything else, which sets no SameSite attribute.
   */
  static SameSite sameSite(String text) {
    for (SameSite s : SameSite.values()) {
      if (IngressAnnotations.sameSite(s).equals(text.toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    return null;
  }
}
