package dev.wsingress.haproxy;

import dev.wsingress.Version;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Every haproxytech annotation and ConfigMap key the HAProxy target writes, once: its key, the
 * objects the controller reads it from, what it applies to, how the value is written, how the
 * controller parses it, and its default. The writer ({@link RouteAnnotations}) takes keys, units
 * and placement only from here; a reader can parse the same keys with {@link Key#parse}.
 *
 * <p>Sources (haproxytech/kubernetes-ingress, v3.0.0 and v3.2.11): documentation/annotations.md
 * (the table of keys with the objects each is "Available on", and each key's section);
 * pkg/annotations/annotations.go ({@code Frontend(...)} lists the keys that become frontend rules
 * of one Ingress, {@code Backend(...)} those of a backend section); pkg/annotations/common/main.go
 * ({@code GetValue} reads the Service's annotations, then the Ingress's, then the ConfigMap's, then
 * {@code DefaultValues}); pkg/utils/utils.go ({@code ParseTime}: a number with {@code ms}, {@code
 * s}, {@code m}, {@code h} or {@code d}, milliseconds without a unit; {@code GetBoolValue}: Go's
 * {@code strconv.ParseBool}, plus deprecated on/off and enabled/disabled).
 */
final class IngressAnnotations {
  private static final java.util.regex.Pattern TIME =
      java.util.regex.Pattern.compile("[+-]?[0-9]{1,18}(ms|s|m|h|d)?");
  private static final java.util.regex.Pattern TIME_UNIT =
      java.util.regex.Pattern.compile("(ms|s|m|h|d)$");
  private static final java.util.regex.Pattern UNITLESS =
      java.util.regex.Pattern.compile("[+-]?[0-9]{1,18}");
  private static final java.util.regex.Pattern ATOI =
      java.util.regex.Pattern.compile("[+-]?[0-9]{1,10}");

  private IngressAnnotations() {}

  static final String PREFIX = "haproxy.org/";

  /**
   * The prefixes haproxytech 3.2 strips from annotation keys (and ConfigMap keys) before it looks
   * them up (pkg/annotations/validators/validations.go v3.2.11 {@code annotationsPrefixes}, used by
   * pkg/store/convert.go {@code cleanAnnotation}): a key with another prefix keeps it and matches
   * no key.
   */
  static final List<String> PREFIXES =
      List.of("haproxy.org/", "ingress.kubernetes.io/", "haproxy.com/");

  /** The release line from which only {@link #PREFIXES} are stripped. */
  static final Version PREFIXES_ONLY = Version.of(3, 2);

  /**
   * The name haproxytech looks a key up by: before 3.2 everything up to the first {@code /} is
   * dropped, whatever the prefix (pkg/store/convert.go v3.0.0 and v3.1.17 {@code CopyAnnotations}:
   * {@code strings.SplitN(name, "/", 2)}, the last part), so {@code
   * nginx.ingress.kubernetes.io/ssl-redirect} is read as {@code ssl-redirect}; from 3.2 only {@link
   * #PREFIXES} are.
   */
  static String readAs(String key, Version version) {
    if (!version.isAtLeast(PREFIXES_ONLY)) {
      int slash = key.indexOf('/');
      return slash < 0 ? key : key.substring(slash + 1);
    }
    for (String p : PREFIXES) {
      if (key.startsWith(p)) {
        return key.substring(p.length());
      }
    }
    return key;
  }

  /** Whether haproxytech reads the key under its own name: one of its prefixes, or none. */
  static boolean isControllerKey(String key) {
    return key.indexOf('/') < 0 || hasOwnPrefix(key);
  }

  /** Whether the key has one of haproxytech's own prefixes. */
  static boolean hasOwnPrefix(String key) {
    for (String p : PREFIXES) {
      if (key.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  /** What a key applies to. */
  enum Scope {
    /**
     * Frontend rules for the paths of the Ingress that carries the key: each rule's ID is appended
     * to those paths' map entries and the rule runs {@code if { var(txn.path_match) -m dom <id> }}
     * (pkg/ingress/ingress.go handleAnnotations, pkg/route/route.go AddHostPathRoute,
     * pkg/haproxy/rules/main.go refreshRule).
     */
    INGRESS,
    /**
     * The backend section of each Service port the paths go to, named {@code
     * <namespace>_svc_<service>_<port>} and shared by every Ingress that routes there (unless
     * {@code standalone-backend}): "all ingresses refering to the same service have their
     * configuration inserted in the same backend" (annotations.md "standalone-backend";
     * pkg/service/service.go GetBackendName, HandleBackend).
     */
    BACKEND,
    /** The controller: every backend of every Ingress (ConfigMap only). */
    CONTROLLER
  }

  /** The objects a key may be set on (annotations.md "Available on"). */
  enum On {
    CONFIGMAP,
    INGRESS,
    SERVICE
  }

  /**
   * One key: {@link #format} writes a value the way the controller reads it, {@link #parse} reads
   * text with the controller's rule, {@link #controllerDefault} is its value when unset (null: the
   * feature is off).
   *
   * @param <T> the spec-side value
   */
  static final class Key<T> {
    private final String name;
    private final Scope scope;
    private final Set<On> on;
    private final Function<T, String> format;
    private final Function<String, T> parse;
    private final T controllerDefault;

    private Key(
        String name,
        Scope scope,
        Set<On> on,
        Function<T, String> format,
        Function<String, T> parse,
        T controllerDefault) {
      this.name = name;
      this.scope = scope;
      this.on = on;
      this.format = format;
      this.parse = parse;
      this.controllerDefault = controllerDefault;
    }

    /** The annotation key; ConfigMap keys have no prefix. */
    String key() {
      return on.contains(On.INGRESS) || on.contains(On.SERVICE) ? PREFIX + name : name;
    }

    String name() {
      return name;
    }

    Scope scope() {
      return scope;
    }

    /** Whether the controller reads the key from that object. */
    boolean isReadFrom(On object) {
      return on.contains(object);
    }

    String format(T value) {
      return format.apply(value);
    }

    /**
     * The value the controller reads from {@code text}.
     *
     * @throws IllegalArgumentException where the controller refuses the text
     */
    T parse(String text) {
      return parse.apply(text);
    }

    T controllerDefault() {
      return controllerDefault;
    }

    @Override
    public String toString() {
      return key();
    }
  }

  // --- value kinds ------------------------------------------------------------------------------

  /**
   * utils.ParseTime (pkg/utils/utils.go, v3.0.0 and v3.2.11): the suffix {@code ms}, {@code s},
   * {@code m}, {@code h} or {@code d}, else milliseconds; the rest must be a base-10 integer
   * (strconv.ParseInt), so {@code 1h30m}, {@code 1.5s} and {@code 30 s} are refused.
   */
  static Duration parseTime(String text) {
    if (text == null || !TIME.matcher(text).matches()) {
      throw new IllegalArgumentException("not a time: " + text);
    }
    String digits = TIME_UNIT.matcher(text).replaceAll("");
    long n = Long.parseLong(digits.startsWith("+") ? digits.substring(1) : digits);
    if (text.endsWith("ms")) {
      return Duration.ofMillis(n);
    } else if (text.endsWith("s")) {
      return Duration.ofSeconds(n);
    } else if (text.endsWith("m")) {
      return Duration.ofMinutes(n);
    } else if (text.endsWith("h")) {
      return Duration.ofHours(n);
    } else if (text.endsWith("d")) {
      return Duration.ofDays(n);
    }
    return Duration.ofMillis(n);
  }

  /** Whether a time the controller accepts has no unit, so that it is milliseconds. */
  static boolean isUnitless(String text) {
    return text != null && UNITLESS.matcher(text).matches();
  }

  /** A time with a unit, as haproxytech needs (a bare number would be milliseconds). */
  static String seconds(Duration d) {
    return d.getSeconds() + "s";
  }

  /** utils.GetBoolValue. */
  static boolean parseBool(String text) {
    switch (text == null ? "" : text) {
      case "1", "t", "T", "TRUE", "true", "True":
        return true;
      case "0", "f", "F", "FALSE", "false", "False":
        return false;
      default:
        String lower = text == null ? "" : text.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals("on") || lower.equals("enabled")) {
          return true;
        }
        if (lower.equals("off") || lower.equals("disabled")) {
          return false;
        }
        throw new IllegalArgumentException("not a boolean: " + text);
    }
  }

  /** strconv.Atoi (utils.ParseInt). */
  static int atoi(String text) {
    if (text == null || !ATOI.matcher(text).matches()) {
      throw new IllegalArgumentException("not an integer: " + text);
    }
    return Integer.parseInt(text.startsWith("+") ? text.substring(1) : text);
  }

  private static Key<Duration> time(String name, Scope scope, Set<On> on, Duration def) {
    return new Key<>(
        name, scope, on, IngressAnnotations::seconds, IngressAnnotations::parseTime, def);
  }

  private static Key<Boolean> bool(String name, Scope scope, Set<On> on, Boolean def) {
    return new Key<>(name, scope, on, b -> Boolean.toString(b), IngressAnnotations::parseBool, def);
  }

  private static Key<Integer> integer(String name, Scope scope, Set<On> on, Integer def) {
    return new Key<>(name, scope, on, i -> Integer.toString(i), IngressAnnotations::atoi, def);
  }

  private static Key<String> string(String name, Scope scope, Set<On> on, String def) {
    return new Key<>(
        name,
        scope,
        on,
        s -> s,
        t -> {
          if (t == null || t.isBlank()) {
            throw new IllegalArgumentException("empty value");
          }
          return t;
        },
        def);
  }

  private static final Set<On> CM_INGRESS = Set.of(On.CONFIGMAP, On.INGRESS);
  private static final Set<On> EVERYWHERE = Set.of(On.CONFIGMAP, On.INGRESS, On.SERVICE);

  // --- frontend rules of one Ingress (annotations.go Frontend) ----------------------------------

  /**
   * On by default for an Ingress with a TLS section (pkg/annotations/ingress/httpsRedirect.go
   * tlsEnabled); written explicitly.
   */
  static final Key<Boolean> SSL_REDIRECT = bool("ssl-redirect", Scope.INGRESS, CM_INGRESS, null);

  /**
   * common/main.go DefaultValues "ssl-redirect-port": "8443", the pod's HTTPS port; the redirect
   * always names a port (pkg/haproxy/rules/reqRequestRedirect.go).
   */
  static final Key<Integer> SSL_REDIRECT_PORT =
      integer("ssl-redirect-port", Scope.INGRESS, CM_INGRESS, 8443);

  /** Requests per period per source address (reqRateLimit.go: track key "src"). */
  static final Key<Integer> RATE_LIMIT_REQUESTS =
      integer("rate-limit-requests", Scope.INGRESS, CM_INGRESS, null);

  /** The stick table's http_req_rate window, default 1s; the table is RateLimit-<ms>. */
  static final Key<Duration> RATE_LIMIT_PERIOD =
      time("rate-limit-period", Scope.INGRESS, CM_INGRESS, Duration.ofSeconds(1));

  /** Default 403 (annotations.md "Rate Limit"). */
  static final Key<Integer> RATE_LIMIT_STATUS_CODE =
      integer("rate-limit-status-code", Scope.INGRESS, CM_INGRESS, 403);

  static final Key<Boolean> CORS_ENABLE = bool("cors-enable", Scope.INGRESS, CM_INGRESS, false);

  /**
   * "*" or a regular expression the Origin is matched with, unanchored
   * (pkg/annotations/ingress/resSetCORS.go {@code -m reg}).
   */
  static final Key<String> CORS_ALLOW_ORIGIN =
      string("cors-allow-origin", Scope.INGRESS, CM_INGRESS, "*");

  static final Key<String> CORS_ALLOW_METHODS =
      string("cors-allow-methods", Scope.INGRESS, CM_INGRESS, "*");

  static final Key<String> CORS_ALLOW_HEADERS =
      string("cors-allow-headers", Scope.INGRESS, CM_INGRESS, "*");

  /**
   * Only the exact text {@code true} turns it on (pkg/annotations/ingress/resSetCORS.go: {@code
   * input != "true"} returns), not the other booleans of utils.GetBoolValue.
   */
  static final Key<Boolean> CORS_ALLOW_CREDENTIALS =
      new Key<>(
          "cors-allow-credentials",
          Scope.INGRESS,
          CM_INGRESS,
          b -> Boolean.toString(b),
          "true"::equals,
          false);

  /** A time, default 5s. */
  static final Key<Duration> CORS_MAX_AGE =
      time("cors-max-age", Scope.INGRESS, CM_INGRESS, Duration.ofSeconds(5));

  /**
   * {@code <regex> <format>} (or one path that replaces every path): pkg/annotations/ingress/
   * reqPathRewrite.go splits each line on white space; pkg/haproxy/rules/reqPathRewrite.go writes
   * {@code http-request replace-path <regex> <format>}, which replaces the whole path (not the
   * query) with the format when the regex matches anywhere in it (haproxy/haproxy v3.0.0
   * src/http_act.c http_action_replace_uri, src/regex.c exp_replace: {@code \1} is the first group,
   * an unmatched group is empty); the format is a log-format string, where a literal {@code %} is
   * {@code %%} (doc/configuration.txt section 8.2.6).
   */
  static final Key<String> PATH_REWRITE = string("path-rewrite", Scope.INGRESS, CM_INGRESS, null);

  // --- backend sections (annotations.go Backend) ------------------------------------------------

  /** Default roundrobin (common/main.go DefaultValues). */
  static final Key<String> LOAD_BALANCE =
      string("load-balance", Scope.BACKEND, EVERYWHERE, "roundrobin");

  /** Default true (common/main.go DefaultValues). */
  static final Key<Boolean> CHECK = bool("check", Scope.BACKEND, EVERYWHERE, true);

  static final Key<String> CHECK_HTTP = string("check-http", Scope.BACKEND, EVERYWHERE, null);

  static final Key<Duration> CHECK_INTERVAL =
      time("check-interval", Scope.BACKEND, EVERYWHERE, null);

  /**
   * {@code namespace/name} of a Secret whose tls.crt is the CA; turns TLS on with verify required
   * (pkg/annotations/service/ca.go, pkg/haproxy/certs/main.go writeSecret).
   */
  static final Key<String> SERVER_CA = string("server-ca", Scope.BACKEND, EVERYWHERE, null);

  /**
   * TLS to the pods with {@code verify none} (pkg/annotations/service/ssl.go); processed before
   * {@link #SERVER_CA}, which sets {@code verify required} only when it wrote the CA file
   * (pkg/annotations/annotations.go Backend; service/ca.go). wsingress never writes it.
   */
  static final Key<Boolean> SERVER_SSL = bool("server-ssl", Scope.BACKEND, EVERYWHERE, false);

  /**
   * "Sets the maximum inactivity time on the server side" (annotations.md "timeout-server";
   * pkg/annotations/service/timeoutServer.go), 50s by default.
   */
  static final Key<Duration> TIMEOUT_SERVER =
      time("timeout-server", Scope.BACKEND, EVERYWHERE, Duration.ofSeconds(50));

  /**
   * "Creates a specific and separated backend for this ingress in case multiple ingresses refer to
   * the same service", named {@code <ingress namespace>_<ingress>_svc_<service>_<port>}
   * (annotations.md "standalone-backend"; service.go GetBackendName). annotations.md says Service
   * and Ingress, but pkg/service/service.go {@code New} (v3.0.0, v3.1.17, v3.2.11) reads the
   * ConfigMap's too, and only the exact text {@code true} (not utils.GetBoolValue): any of the
   * three objects saying {@code "true"} makes the backend standalone.
   */
  static final Key<Boolean> STANDALONE_BACKEND =
      new Key<>(
          "standalone-backend",
          Scope.BACKEND,
          EVERYWHERE,
          b -> Boolean.toString(b),
          "true"::equals,
          null);

  /**
   * {@code namespace/name} of a Backend resource, on a Service, an Ingress ("as a default backend
   * config for the underlying services") or the ConfigMap (documentation/custom-resources.md);
   * backend annotations are then ignored (service.go getBackendModel).
   */
  static final Key<String> CR_BACKEND = string("cr-backend", Scope.BACKEND, EVERYWHERE, null);

  /**
   * {@code cookie <name> insert indirect nocache dynamic} (pkg/annotations/service/cookie.go, read
   * with GetValue from the Service, the Ingress or the ConfigMap at v3.0.0 and v3.2.11).
   * annotations.md "Cookie Persistence" at v3.2.11: "Using cookie-persistence on Ingress objects is
   * deprecated and will be removed in a future release. Use this annotation at the Service or
   * ConfigMap level", so wsingress writes it on Services only.
   */
  static final Key<String> COOKIE_PERSISTENCE =
      string("cookie-persistence", Scope.BACKEND, EVERYWHERE, null);

  /**
   * The same cookie without {@code dynamic}, from 3.1 (pkg/annotations/service/cookie.go v3.1.0: an
   * error when both are set). wsingress never writes it.
   */
  static final Key<String> COOKIE_PERSISTENCE_NO_DYNAMIC =
      string("cookie-persistence-no-dynamic", Scope.BACKEND, EVERYWHERE, null);

  // --- controller ConfigMap only -----------------------------------------------------------------

  /** The idle timeout of an upgraded connection in both directions, default 1h. */
  static final Key<Duration> TIMEOUT_TUNNEL =
      time("timeout-tunnel", Scope.CONTROLLER, Set.of(On.CONFIGMAP), Duration.ofHours(1));

  /** Default 5s. */
  static final Key<Duration> TIMEOUT_CONNECT =
      time("timeout-connect", Scope.CONTROLLER, Set.of(On.CONFIGMAP), Duration.ofSeconds(5));

  /**
   * The addresses whose connections start with a PROXY protocol header, so that HAProxy sees the
   * client's address (annotations.md "proxy-protocol"); ConfigMap only. wsingress never writes it.
   */
  static final Key<String> PROXY_PROTOCOL =
      string("proxy-protocol", Scope.CONTROLLER, Set.of(On.CONFIGMAP), null);

  /** Every key above, for readers and tests. */
  static final List<Key<?>> ALL =
      List.of(
          SSL_REDIRECT,
          SSL_REDIRECT_PORT,
          RATE_LIMIT_REQUESTS,
          RATE_LIMIT_PERIOD,
          RATE_LIMIT_STATUS_CODE,
          CORS_ENABLE,
          CORS_ALLOW_ORIGIN,
          CORS_ALLOW_METHODS,
          CORS_ALLOW_HEADERS,
          CORS_ALLOW_CREDENTIALS,
          CORS_MAX_AGE,
          PATH_REWRITE,
          LOAD_BALANCE,
          CHECK,
          CHECK_HTTP,
          CHECK_INTERVAL,
          SERVER_CA,
          TIMEOUT_SERVER,
          STANDALONE_BACKEND,
          CR_BACKEND,
          COOKIE_PERSISTENCE,
          TIMEOUT_TUNNEL,
          TIMEOUT_CONNECT);

  /** The keys only the reader uses: wsingress never writes them. */
  static final List<Key<?>> READ_ONLY =
      List.of(SERVER_SSL, COOKIE_PERSISTENCE_NO_DYNAMIC, PROXY_PROTOCOL);
}
