package dev.wsingress.traefik;

import dev.wsingress.Version;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The annotations Traefik's Kubernetes Ingress provider reads, each held once: its key, where
 * Traefik reads it, the release that introduced it, how the target writes a value, and how Traefik
 * parses it back. The writer uses the keys it needs; the reader checks every annotation against the
 * whole table.
 *
 * <p>Keys: traefik v3.7.9 docs/content/reference/routing-configuration/kubernetes/ingress.md ("On
 * Ingress": {@code router.*}; "On Service": {@code service.*}). Parsing: traefik v3.7.9
 * pkg/provider/kubernetes/ingress/annotations.go {@code convertAnnotations} keeps the keys that
 * start with {@code traefik.ingress.kubernetes.io/}, strips {@code ingress.kubernetes.io/} (so
 * {@code router.tls} becomes the label {@code traefik.router.tls}) and turns {@code .<n>.} into an
 * index; {@code parseRouterConfig} decodes the Ingress's labels under {@code traefik.router.} into
 * {@code RouterIng}, and {@code parseServiceConfig} the backend Service's labels under {@code
 * traefik.service.} into {@code ServiceIng} (so Traefik ignores {@code service.*} on an Ingress,
 * {@code router.*} on a Service, and every other key under the prefix). The label decoder
 * (traefik/paerser parser/, read at v0.2.0; v3.7.9 pins v0.2.2) matches labels with the filter and
 * field names ignoring case ({@code labels_decode.go sortKeys}, {@code nodes_metadata.go
 * findTypedField}: {@code strings.EqualFold}); a label naming no field fails the whole decode
 * ("field not found, node: ...", which {@code loadConfigurationFromIngresses} logs as "Failed to
 * parse annotations" before it skips the Ingress, and {@code loadService} returns, so every path to
 * that Service is skipped); it parses a bool with Go's {@code strconv.ParseBool}, an int with
 * {@code strconv.ParseInt(value, 10, 64)}, and a list by splitting on {@code ,} and trimming each
 * item; and a struct marked {@code label:"allowEmpty"} ({@code router.tls}, {@code service.sticky},
 * {@code service.sticky.cookie}) is turned on by an empty value or {@code true} in any case and
 * left off by any other value ({@code nodes_metadata.go}: {@code node.Disabled = len(node.Value) >
 * 0 && !strings.EqualFold(node.Value, "true")}), without an error.
 */
final class IngressAnnotations {
  private IngressAnnotations() {}

  static final String PREFIX = "traefik.ingress.kubernetes.io/";

  /** Where Traefik reads an annotation. */
  enum Place {
    /** On the Ingress ({@code RouterIng}, every router of the Ingress). */
    INGRESS,
    /** On the backend Service ({@code ServiceIng}, every Ingress path to it). */
    SERVICE
  }

  /** How Traefik reads the value. */
  enum Type {
    /** Go's {@code strconv.ParseBool}. */
    BOOL,
    /** {@code strconv.ParseInt(value, 10, 64)}. */
    INT,
    /** Split on {@code ,}, each item trimmed. */
    LIST,
    /** Any text. */
    TEXT,
    /** An {@code allowEmpty} struct: empty or {@code true} turns it on, anything else off. */
    FLAG
  }

  /**
   * One annotation: its full key ({@code .n.} for an index), where Traefik reads it, its value
   * type, the release that introduced it, how a value is written, and Traefik's parse of the text.
   */
  record Key<T>(
      String key,
      Place place,
      Type type,
      Version since,
      Function<T, String> format,
      Function<String, T> parse) {
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

    /** The key without the prefix, such as {@code router.tls}. */
    String shortKey() {
      return key.substring(PREFIX.length());
    }
  }

  private static final List<Key<?>> ALL = new ArrayList<>();
  private static final Version V3_0 = Releases.OLDEST;

  // --- On Ingress: traefik v3.7.9 annotations.go RouterIng (the release of each field read from
  // RouterIng at v3.0.4, v3.1.7, v3.3.7 and v3.5.6; RouterObservabilityConfig in
  // pkg/config/dynamic/http_config.go).

  /** {@code RouterIng.PathMatcher}: {@code Path}, {@code PathPrefix} or {@code PathRegexp}. */
  static final Key<String> ROUTER_PATHMATCHER = text("router.pathmatcher", Place.INGRESS, V3_0);

  /** {@code RouterIng.EntryPoints []string}. */
  static final Key<List<String>> ROUTER_ENTRYPOINTS =
      list("router.entrypoints", Place.INGRESS, V3_0);

  /**
   * {@code RouterIng.Middlewares []string}, applied in the order given; a Middleware CRD is named
   * across providers as {@link #crdReference}.
   */
  static final Key<List<String>> ROUTER_MIDDLEWARES =
      list("router.middlewares", Place.INGRESS, V3_0);

  /**
   * {@code RouterIng.Priority int}, for every router of the Ingress (pkg/provider/kubernetes/
   * ingress/kubernetes.go {@code loadRouter}: {@code rt.Priority = rtConfig.Router.Priority}); 0 or
   * absent is the rule's length.
   */
  static final Key<Long> ROUTER_PRIORITY =
      add(
          new Key<>(
              PREFIX + "router.priority",
              Place.INGRESS,
              Type.INT,
              V3_0,
              String::valueOf,
              IngressAnnotations::parseLong));

  /** {@code RouterIng.RuleSyntax} (v3.1). */
  static final Key<String> ROUTER_RULESYNTAX =
      text("router.rulesyntax", Place.INGRESS, Version.of(3, 1));

  /** {@code RouterIng.TLS}, an allowEmpty struct: {@code "true"} makes the router a TLS one. */
  static final Key<Boolean> ROUTER_TLS = flag("router.tls", Place.INGRESS, V3_0);

  static final Key<String> ROUTER_TLS_OPTIONS = text("router.tls.options", Place.INGRESS, V3_0);
  static final Key<String> ROUTER_TLS_CERTRESOLVER =
      text("router.tls.certresolver", Place.INGRESS, V3_0);
  static final Key<String> ROUTER_TLS_DOMAIN_MAIN =
      text("router.tls.domains.n.main", Place.INGRESS, V3_0);
  static final Key<List<String>> ROUTER_TLS_DOMAIN_SANS =
      list("router.tls.domains.n.sans", Place.INGRESS, V3_0);

  /**
   * {@code RouterIng.Observability} (v3.3), an allowEmpty struct like {@code router.tls} (traefik
   * v3.3.7 pkg/provider/kubernetes/ingress/annotations.go: {@code label:"allowEmpty"}): the key
   * alone with {@code "true"} or an empty value turns it on with its defaults, any other value
   * leaves it off, and neither is an error (paerser v0.2.0 parser/nodes_metadata.go refuses a
   * standalone struct only without {@code allowEmpty}).
   */
  static final Key<Boolean> ROUTER_OBSERVABILITY =
      flag("router.observability", Place.INGRESS, Version.of(3, 3));

  static final Key<Boolean> ROUTER_OBSERVABILITY_ACCESSLOGS =
      bool("router.observability.accesslogs", Place.INGRESS, Version.of(3, 3));
  static final Key<Boolean> ROUTER_OBSERVABILITY_METRICS =
      bool("router.observability.metrics", Place.INGRESS, Version.of(3, 3));
  static final Key<Boolean> ROUTER_OBSERVABILITY_TRACING =
      bool("router.observability.tracing", Place.INGRESS, Version.of(3, 3));

  /** {@code RouterObservabilityConfig.TraceVerbosity} (v3.5). */
  static final Key<String> ROUTER_OBSERVABILITY_TRACEVERBOSITY =
      text("router.observability.traceverbosity", Place.INGRESS, Version.of(3, 5));

  // --- On Service: traefik v3.7.9 annotations.go ServiceIng, dynamic.Sticky and dynamic.Cookie
  // (pkg/config/dynamic/http_config.go; Cookie.Path from v3.3.0, Cookie.Domain from v3.4.0;
  // ServiceIng.NodePortLB from v3.1, ServiceIng.Middlewares from v3.7).

  /** {@code ServiceIng.ServersScheme}: {@code https} for TLS to the pods. */
  static final Key<String> SERVERS_SCHEME = text("service.serversscheme", Place.SERVICE, V3_0);

  /** {@code ServiceIng.ServersTransport}: a ServersTransport CRD as {@link #crdReference}. */
  static final Key<String> SERVERS_TRANSPORT =
      text("service.serverstransport", Place.SERVICE, V3_0);

  static final Key<Boolean> PASS_HOST_HEADER = bool("service.passhostheader", Place.SERVICE, V3_0);

  /** {@code ServiceIng.Middlewares []string} (v3.7). */
  static final Key<List<String>> SERVICE_MIDDLEWARES =
      list("service.middlewares", Place.SERVICE, Version.of(3, 7));

  /** {@code ServiceIng.Sticky}, an allowEmpty struct; it pins nothing without a cookie. */
  static final Key<Boolean> STICKY = flag("service.sticky", Place.SERVICE, V3_0);

  /** {@code Sticky.Cookie}, an allowEmpty struct: {@code "true"} turns the sticky cookie on. */
  static final Key<Boolean> STICKY_COOKIE = flag("service.sticky.cookie", Place.SERVICE, V3_0);

  /** {@code dynamic.Cookie.Name}. */
  static final Key<String> STICKY_COOKIE_NAME =
      text("service.sticky.cookie.name", Place.SERVICE, V3_0);

  /** {@code dynamic.Cookie.Secure}. */
  static final Key<Boolean> STICKY_COOKIE_SECURE =
      bool("service.sticky.cookie.secure", Place.SERVICE, V3_0);

  /** {@code dynamic.Cookie.HTTPOnly}. */
  static final Key<Boolean> STICKY_COOKIE_HTTPONLY =
      bool("service.sticky.cookie.httponly", Place.SERVICE, V3_0);

  /** {@code dynamic.Cookie.SameSite}: {@code none}, {@code lax} or {@code strict}. */
  static final Key<String> STICKY_COOKIE_SAMESITE =
      text("service.sticky.cookie.samesite", Place.SERVICE, V3_0);

  /** {@code dynamic.Cookie.MaxAge int} (64 bits), in seconds. */
  static final Key<Long> STICKY_COOKIE_MAXAGE =
      add(
          new Key<>(
              PREFIX + "service.sticky.cookie.maxage",
              Place.SERVICE,
              Type.INT,
              V3_0,
              String::valueOf,
              IngressAnnotations::parseLong));

  /** {@code dynamic.Cookie.Path} (Traefik v3.3 or newer, see {@code Releases.COOKIE_PATH}). */
  static final Key<String> STICKY_COOKIE_PATH =
      text("service.sticky.cookie.path", Place.SERVICE, Releases.COOKIE_PATH);

  /** {@code dynamic.Cookie.Domain} (v3.4). */
  static final Key<String> STICKY_COOKIE_DOMAIN =
      text("service.sticky.cookie.domain", Place.SERVICE, Releases.COOKIE_DOMAIN);

  static final Key<Boolean> NATIVE_LB = bool("service.nativelb", Place.SERVICE, V3_0);
  static final Key<Boolean> NODE_PORT_LB =
      bool("service.nodeportlb", Place.SERVICE, Version.of(3, 1));

  private static final Map<String, Key<?>> BY_KEY;

  static {
    Map<String, Key<?>> m = new LinkedHashMap<>();
    for (Key<?> k : ALL) {
      m.put(k.key(), k);
    }
    BY_KEY = Collections.unmodifiableMap(m);
  }

  /** {@code convertAnnotations}' index rule: {@code (.+)\.(\w+)\.(\d+)\.(.+)}. */
  private static final Pattern INDEX = Pattern.compile("\\.[0-9]+\\.");

  private static final Pattern DECIMAL_LONG = Pattern.compile("[+-]?[0-9]{1,19}");

  /** Every key Traefik v3.7.9 reads, in the table's order. */
  static List<Key<?>> all() {
    return Collections.unmodifiableList(ALL);
  }

  /**
   * The table's key for an annotation as Traefik matches it (case ignored, an index as {@code
   * .n.}), if Traefik reads such a key.
   */
  static Optional<Key<?>> find(String annotation) {
    return Optional.ofNullable(BY_KEY.get(normalize(annotation)));
  }

  /** The annotation as the table writes keys: lower case, indexes as {@code .n.}. */
  static String normalize(String annotation) {
    return INDEX.matcher(annotation.toLowerCase(Locale.ROOT)).replaceAll(".n.");
  }

  /**
   * A Middleware or ServersTransport of the CRD provider named from another provider: {@code
   * <namespace>-<name>@kubernetescrd} (ingress.md, {@code router.middlewares}).
   */
  static String crdReference(String namespace, String name) {
    return namespace + "-" + name + "@kubernetescrd";
  }

  private static <T> Key<T> add(Key<T> key) {
    ALL.add(key);
    return key;
  }

  private static Key<String> text(String name, Place place, Version since) {
    return add(
        new Key<>(
            PREFIX + name, place, Type.TEXT, since, Function.identity(), Function.identity()));
  }

  private static Key<Boolean> bool(String name, Place place, Version since) {
    return add(
        new Key<>(
            PREFIX + name,
            place,
            Type.BOOL,
            since,
            String::valueOf,
            IngressAnnotations::parseBool));
  }

  private static Key<Boolean> flag(String name, Place place, Version since) {
    return add(
        new Key<>(
            PREFIX + name,
            place,
            Type.FLAG,
            since,
            String::valueOf,
            IngressAnnotations::parseFlag));
  }

  private static Key<List<String>> list(String name, Place place, Version since) {
    return add(
        new Key<>(
            PREFIX + name,
            place,
            Type.LIST,
            since,
            v -> String.join(",", v),
            IngressAnnotations::parseList));
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

  /** An allowEmpty struct: on for an empty value or {@code true} in any case, off otherwise. */
  static boolean parseFlag(String text) {
    return text.isEmpty() || text.equalsIgnoreCase("true");
  }

  /** Go's {@code strconv.ParseInt(text, 10, 64)}. */
  static long parseLong(String text) {
    // Go accepts a sign and decimal digits only; underscores need base 0.
    if (!DECIMAL_LONG.matcher(text).matches()) {
      throw new IllegalArgumentException("not a decimal integer: " + text);
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("out of the range of a 64-bit integer: " + text, e);
    }
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
