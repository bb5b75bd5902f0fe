package dev.wsingress.traefik;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The annotations Traefik's Kubernetes Ingress provider reads, each held once: its key, how the
 * target writes a value, and how Traefik parses it back (for a later reader).
 *
 * <p>Keys: traefik v3.7.9 docs/content/reference/routing-configuration/kubernetes/ingress.md ("On
 * Ingress": {@code router.*}; "On Service": {@code service.*}). Parsing: traefik v3.7.9
 * pkg/provider/kubernetes/ingress/annotations.go {@code convertAnnotations} strips {@code
 * ingress.kubernetes.io/} and decodes the rest as labels into {@code RouterIng} (read from the
 * Ingress by {@code parseRouterConfig}) or {@code ServiceIng} (read from the backend Service by
 * {@code parseServiceConfig}, so Traefik ignores {@code service.*} on an Ingress); the label
 * decoder (traefik/paerser parser/element_fill.go, read at v0.2.0; v3.7.9 pins v0.2.2) parses a
 * bool with Go's {@code strconv.ParseBool}, an int with {@code strconv.ParseInt(value, 10, ...)},
 * and a list by splitting on {@code ,} and trimming each item.
 */
final class IngressAnnotations {
  private IngressAnnotations() {}

  static final String PREFIX = "traefik.ingress.kubernetes.io/";

  /** One annotation: its full key, how a value is written, and Traefik's parse of the text. */
  record Key<T>(String key, Function<T, String> format, Function<String, T> parse) {
    /** Writes {@code value} under this key. */
    void put(Map<String, String> annotations, T value) {
      annotations.put(key, format.apply(value));
    }

    /**
     * The value under this key, parsed as Traefik does.
     *
     * @throws IllegalArgumentException when Traefik would refuse the text
     */
    Optional<T> read(Map<String, String> annotations) {
      String text = annotations.get(key);
      return text == null ? Optional.empty() : Optional.of(parse.apply(text));
    }
  }

  /** {@code RouterIng.EntryPoints []string}. */
  static final Key<List<String>> ROUTER_ENTRYPOINTS = list("router.entrypoints");

  /** {@code RouterIng.TLS}: {@code "true"} makes the router a TLS one. */
  static final Key<Boolean> ROUTER_TLS = bool("router.tls");

  /**
   * {@code RouterIng.Middlewares []string}, applied in the order given; a Middleware CRD is named
   * across providers as {@link #crdReference}.
   */
  static final Key<List<String>> ROUTER_MIDDLEWARES = list("router.middlewares");

  /**
   * {@code RouterIng.Priority int}, for every router of the Ingress (pkg/provider/kubernetes/
   * ingress/kubernetes.go {@code loadRouter}: {@code rt.Priority = rtConfig.Router.Priority}); 0 or
   * absent is the rule's length.
   */
  static final Key<Integer> ROUTER_PRIORITY =
      new Key<>(PREFIX + "router.priority", String::valueOf, IngressAnnotations::parseInt);

  /** {@code ServiceIng.Sticky}: {@code "true"} turns the sticky cookie on. */
  static final Key<Boolean> STICKY_COOKIE = bool("service.sticky.cookie");

  /** {@code dynamic.Cookie.Name}. */
  static final Key<String> STICKY_COOKIE_NAME = text("service.sticky.cookie.name");

  /** {@code dynamic.Cookie.Secure}. */
  static final Key<Boolean> STICKY_COOKIE_SECURE = bool("service.sticky.cookie.secure");

  /** {@code dynamic.Cookie.HTTPOnly}. */
  static final Key<Boolean> STICKY_COOKIE_HTTPONLY = bool("service.sticky.cookie.httponly");

  /** {@code dynamic.Cookie.SameSite}: {@code none}, {@code lax} or {@code strict}. */
  static final Key<String> STICKY_COOKIE_SAMESITE = text("service.sticky.cookie.samesite");

  /** {@code dynamic.Cookie.MaxAge int} (64 bits), in seconds. */
  static final Key<Long> STICKY_COOKIE_MAXAGE =
      new Key<>(
          PREFIX + "service.sticky.cookie.maxage", String::valueOf, IngressAnnotations::parseLong);

  /** {@code dynamic.Cookie.Path} (Traefik v3.3 or newer, see {@code Releases.COOKIE_PATH}). */
  static final Key<String> STICKY_COOKIE_PATH = text("service.sticky.cookie.path");

  /** {@code ServiceIng.ServersScheme}: {@code https} for TLS to the pods. */
  static final Key<String> SERVERS_SCHEME = text("service.serversscheme");

  /** {@code ServiceIng.ServersTransport}: a ServersTransport CRD as {@link #crdReference}. */
  static final Key<String> SERVERS_TRANSPORT = text("service.serverstransport");

  /**
   * A Middleware or ServersTransport of the CRD provider named from another provider: {@code
   * <namespace>-<name>@kubernetescrd} (ingress.md, {@code router.middlewares}).
   */
  static String crdReference(String namespace, String name) {
    return namespace + "-" + name + "@kubernetescrd";
  }

  private static Key<String> text(String name) {
    return new Key<>(PREFIX + name, Function.identity(), Function.identity());
  }

  private static Key<Boolean> bool(String name) {
    return new Key<>(PREFIX + name, String::valueOf, IngressAnnotations::parseBool);
  }

  private static Key<List<String>> list(String name) {
    return new Key<>(PREFIX + name, v -> String.join(",", v), IngressAnnotations::parseList);
  }

  /** Go's {@code strconv.ParseBool}: 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False. */
  static boolean parseBool(String text) {
    switch (text) {
      case "1", "t", "T", "TRUE", "true", "True":
        return true;
      case "0", "f", "F", "FALSE", "false", "False":
        return false;
      default:
        throw new IllegalArgumentException("not a Go bool: " + text);
    }
  }

  /** Go's {@code strconv.ParseInt(text, 10, 64)}. */
  static long parseLong(String text) {
    // Go accepts a sign and decimal digits only; underscores need base 0.
    if (!text.matches("[+-]?[0-9]+")) {
      throw new IllegalArgumentException("not a decimal integer: " + text);
    }
    return Long.parseLong(text);
  }

  /** {@link #parseLong}, for an {@code int} field that holds a priority. */
  static int parseInt(String text) {
    return Math.toIntExact(parseLong(text));
  }

  /** paerser's {@code makeSlice}: split on {@code ,}, each item trimmed. */
  static List<String> parseList(String text) {
    List<String> items = new ArrayList<>();
    if (text.isEmpty()) {
      return items;
    }
    for (String item : text.split(",", -1)) {
      items.add(item.strip());
    }
    return items;
  }

  /** The {@code samesite} value Traefik writes into the cookie: the enum name, lower case. */
  static String sameSite(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
