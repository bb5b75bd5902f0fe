package dev.wsingress.nginx;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Every ingress-nginx Ingress annotation the nginx target writes, once: its key, how the value is
 * written, how the controller parses it back, and the controller's value when the annotation is
 * absent. The writer ({@link RouteAnnotations}) takes keys and units only from here; a reader can
 * parse the same keys with {@link Key#parse}.
 *
 * <p>Sources (kubernetes/ingress-nginx, controller-v1.10.0 to controller-v1.15.1; every key exists
 * in internal/ingress/annotations at both tags): the value getters of
 * internal/ingress/annotations/parser/main.go ({@code GetIntAnnotation} is Go's {@code
 * strconv.Atoi}, {@code GetBoolAnnotation} Go's {@code strconv.ParseBool}, {@code
 * GetStringAnnotation} trims every line and refuses an empty value), the validators next to each
 * annotation, and the defaults of internal/ingress/controller/config/config.go and
 * docs/user-guide/nginx-configuration/configmap.md. Every value is a string, and every time is an
 * integer number of seconds without a unit ("3600s" fails {@code parser.ValidateInt}).
 */
final class IngressAnnotations {
  private IngressAnnotations() {}

  static final String PREFIX = "nginx.ingress.kubernetes.io/";

  /**
   * One annotation: {@link #format} writes a value the way the controller reads it, {@link #parse}
   * reads text with the controller's own rule, {@link #controllerDefault} is what the controller
   * uses when the annotation is absent (null: the feature is off).
   *
   * @param <T> the spec-side value
   */
  static final class Key<T> {
    private final String name;
    private final Function<T, String> format;
    private final Function<String, T> parse;
    private final T controllerDefault;

    private Key(
        String name, Function<T, String> format, Function<String, T> parse, T controllerDefault) {
      this.name = name;
      this.format = format;
      this.parse = parse;
      this.controllerDefault = controllerDefault;
    }

    /** The full annotation key. */
    String key() {
      return PREFIX + name;
    }

    /** The name without the prefix, as the docs and ConfigMap use it. */
    String name() {
      return name;
    }

    /** The annotation value for {@code value}. */
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

    /** The controller's value without the annotation, or null. */
    T controllerDefault() {
      return controllerDefault;
    }

    @Override
    public String toString() {
      return key();
    }
  }

  // --- value kinds, each with the controller's parse rule ---------------------------------------

  /** Go's strconv.Atoi: an optional sign and decimal digits, nothing else. */
  static int atoi(String text) {
    if (text == null || !text.matches("[+-]?[0-9]{1,10}")) {
      throw new IllegalArgumentException("not an integer: " + text);
    }
    return Integer.parseInt(text.startsWith("+") ? text.substring(1) : text);
  }

  /** Go's strconv.ParseBool. */
  static boolean parseBool(String text) {
    switch (text == null ? "" : text) {
      case "1", "t", "T", "TRUE", "true", "True":
        return true;
      case "0", "f", "F", "FALSE", "false", "False":
        return false;
      default:
        throw new IllegalArgumentException("not a boolean: " + text);
    }
  }

  /** parser.GetStringAnnotation: every line trimmed; an empty value is invalid. */
  static String text(String text) {
    String trimmed = text == null ? "" : String.join("\n", trimmedLines(text));
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("empty value");
    }
    return trimmed;
  }

  private static List<String> trimmedLines(String text) {
    return text.lines().map(String::strip).toList();
  }

  private static Key<Duration> seconds(String name, Duration controllerDefault) {
    return new Key<>(
        name,
        d -> Long.toString(d.getSeconds()),
        t -> Duration.ofSeconds(atoi(t)),
        controllerDefault);
  }

  private static Key<Integer> integer(String name, Integer controllerDefault) {
    return new Key<>(name, i -> Integer.toString(i), IngressAnnotations::atoi, controllerDefault);
  }

  private static Key<Boolean> bool(String name, Boolean controllerDefault) {
    return new Key<>(
        name, b -> Boolean.toString(b), IngressAnnotations::parseBool, controllerDefault);
  }

  /** parser.ValidateOptions([]string{"on", "off"}, true, true): case-sensitive, trimmed. */
  private static Key<Boolean> onOff(String name, Boolean controllerDefault) {
    return new Key<>(
        name,
        b -> b ? "on" : "off",
        t -> {
          String v = text(t);
          if (!v.equals("on") && !v.equals("off")) {
            throw new IllegalArgumentException("not on or off: " + t);
          }
          return v.equals("on");
        },
        controllerDefault);
  }

  private static Key<String> string(String name, String controllerDefault) {
    return new Key<>(name, s -> s, IngressAnnotations::text, controllerDefault);
  }

  // --- proxy (internal/ingress/annotations/proxy/main.go) ---------------------------------------

  /**
   * configmap.md "proxy-read-timeout": "The timeout is set only between two successive read
   * operations, not for the transmission of the whole response" (config.go default 60).
   */
  static final Key<Duration> PROXY_READ_TIMEOUT =
      seconds("proxy-read-timeout", Duration.ofSeconds(60));

  /** configmap.md "proxy-send-timeout": between two successive writes (default 60). */
  static final Key<Duration> PROXY_SEND_TIMEOUT =
      seconds("proxy-send-timeout", Duration.ofSeconds(60));

  /** configmap.md: "cannot usually exceed 75 seconds" (default 5). */
  static final Key<Duration> PROXY_CONNECT_TIMEOUT =
      seconds("proxy-connect-timeout", Duration.ofSeconds(5));

  /** Options "1.0" and "1.1" (default "1.1"); WebSocket upgrades need 1.1. */
  static final Key<String> PROXY_HTTP_VERSION = string("proxy-http-version", "1.1");

  /** on/off, default "off" (config.go ProxyBuffering). */
  static final Key<Boolean> PROXY_BUFFERING = onOff("proxy-buffering", false);

  /** on/off, default "on" (config.go ProxyRequestBuffering). */
  static final Key<Boolean> PROXY_REQUEST_BUFFERING = onOff("proxy-request-buffering", true);

  // --- session affinity (internal/ingress/annotations/sessionaffinity/main.go) ------------------

  /** The only option is "cookie"; absent means no affinity. */
  static final Key<String> AFFINITY = string("affinity", null);

  /** "balanced" (default) or "persistent". */
  static final Key<String> AFFINITY_MODE = string("affinity-mode", "balanced");

  /** Default INGRESSCOOKIE (defaultAffinityCookieName). */
  static final Key<String> SESSION_COOKIE_NAME = string("session-cookie-name", "INGRESSCOOKIE");

  /** Seconds, read as a string validated by affinityCookieExpiresRegex. */
  static final Key<Duration> SESSION_COOKIE_MAX_AGE = seconds("session-cookie-max-age", null);

  /** Seconds; Expires is the legacy form of Max-Age. */
  static final Key<Duration> SESSION_COOKIE_EXPIRES = seconds("session-cookie-expires", null);

  static final Key<String> SESSION_COOKIE_PATH = string("session-cookie-path", null);

  /**
   * A bool; false is dropped (pkg/apis/ingress/types.go {@code Secure bool
   * json:"secure,omitempty"}) and the cookie is Secure on HTTPS requests
   * (rootfs/etc/nginx/lua/balancer/sticky.lua).
   */
  static final Key<Boolean> SESSION_COOKIE_SECURE = bool("session-cookie-secure", null);

  /** None, Lax or Strict (validated case-insensitively). */
  static final Key<String> SESSION_COOKIE_SAMESITE = string("session-cookie-samesite", null);

  // --- upstream-hash-by (internal/ingress/annotations/upstreamhashby/main.go) -------------------

  /**
   * An nginx variable expression. Risk High. Set on the upstream (one per Service port) by the
   * oldest Ingress that uses it (internal/ingress/controller/controller.go createUpstreams).
   */
  static final Key<String> UPSTREAM_HASH_BY = string("upstream-hash-by", null);

  // --- rate and connection limits (internal/ingress/annotations/ratelimit/main.go) --------------

  /** Requests per second per client address; one zone per Ingress (zoneName). */
  static final Key<Integer> LIMIT_RPS = integer("limit-rps", null);

  static final Key<Integer> LIMIT_RPM = integer("limit-rpm", null);

  /** Burst = rate × multiplier (defBurst 5). */
  static final Key<Integer> LIMIT_BURST_MULTIPLIER = integer("limit-burst-multiplier", 5);

  /** Concurrent connections per client address; one zone per Ingress. */
  static final Key<Integer> LIMIT_CONNECTIONS = integer("limit-connections", null);

  // --- CORS (internal/ingress/annotations/cors/main.go) -----------------------------------------

  static final Key<Boolean> ENABLE_CORS = bool("enable-cors", false);

  /** A comma separated list; "*" when absent. */
  static final Key<String> CORS_ALLOW_ORIGIN = string("cors-allow-origin", "*");

  static final Key<String> CORS_ALLOW_METHODS =
      string("cors-allow-methods", "GET, PUT, POST, DELETE, PATCH, OPTIONS");

  static final Key<String> CORS_ALLOW_HEADERS =
      string(
          "cors-allow-headers",
          "DNT,Keep-Alive,User-Agent,X-Requested-With,If-Modified-Since,Cache-Control,Content-Type,"
              + "Range,Authorization");

  static final Key<String> CORS_EXPOSE_HEADERS = string("cors-expose-headers", null);

  /** True when absent, so wsingress always writes it. */
  static final Key<Boolean> CORS_ALLOW_CREDENTIALS = bool("cors-allow-credentials", true);

  /** Seconds (defaultCorsMaxAge 1728000). */
  static final Key<Duration> CORS_MAX_AGE = seconds("cors-max-age", Duration.ofSeconds(1728000));

  // --- backend TLS (backendprotocol/main.go, proxyssl/main.go) ----------------------------------

  static final Key<String> BACKEND_PROTOCOL = string("backend-protocol", "HTTP");

  /** {@code namespace/name} of a Secret with ca.crt (store/backend_ssl.go). */
  static final Key<String> PROXY_SSL_SECRET = string("proxy-ssl-secret", null);

  /** on/off (defaultProxySSLVerify "off"). */
  static final Key<Boolean> PROXY_SSL_VERIFY = onOff("proxy-ssl-verify", false);

  static final Key<String> PROXY_SSL_NAME = string("proxy-ssl-name", null);

  /** on/off (defaultProxySSLServerName "off"). */
  static final Key<Boolean> PROXY_SSL_SERVER_NAME = onOff("proxy-ssl-server-name", false);

  /** defaultProxySSLVerifyDepth 1. */
  static final Key<Integer> PROXY_SSL_VERIFY_DEPTH = integer("proxy-ssl-verify-depth", 1);

  // --- rewrite (internal/ingress/annotations/rewrite/main.go) -----------------------------------

  /** True by default when the Ingress has TLS (config.go SSLRedirect true). */
  static final Key<Boolean> SSL_REDIRECT = bool("ssl-redirect", true);

  /**
   * The target URI, with {@code $1}, {@code $2}... for the path's capture groups; validated with
   * {@code parser.RegexPathWithCapture}. Risk Medium.
   */
  static final Key<String> REWRITE_TARGET = string("rewrite-target", null);

  /** Whether the Ingress's paths are regular expressions (pathType ImplementationSpecific). */
  static final Key<Boolean> USE_REGEX = bool("use-regex", false);

  // --- snippets (internal/ingress/annotations/serversnippet/main.go) ----------------------------

  /** Raw configuration for the server block. Risk Critical. */
  static final Key<String> SERVER_SNIPPET = string("server-snippet", null);

  /** Every key above, for readers and tests. */
  static final List<Key<?>> ALL =
      List.of(
          PROXY_READ_TIMEOUT,
          PROXY_SEND_TIMEOUT,
          PROXY_CONNECT_TIMEOUT,
          PROXY_HTTP_VERSION,
          PROXY_BUFFERING,
          PROXY_REQUEST_BUFFERING,
          AFFINITY,
          AFFINITY_MODE,
          SESSION_COOKIE_NAME,
          SESSION_COOKIE_MAX_AGE,
          SESSION_COOKIE_EXPIRES,
          SESSION_COOKIE_PATH,
          SESSION_COOKIE_SECURE,
          SESSION_COOKIE_SAMESITE,
          UPSTREAM_HASH_BY,
          LIMIT_RPS,
          LIMIT_RPM,
          LIMIT_BURST_MULTIPLIER,
          LIMIT_CONNECTIONS,
          ENABLE_CORS,
          CORS_ALLOW_ORIGIN,
          CORS_ALLOW_METHODS,
          CORS_ALLOW_HEADERS,
          CORS_EXPOSE_HEADERS,
          CORS_ALLOW_CREDENTIALS,
          CORS_MAX_AGE,
          BACKEND_PROTOCOL,
          PROXY_SSL_SECRET,
          PROXY_SSL_VERIFY,
          PROXY_SSL_NAME,
          PROXY_SSL_SERVER_NAME,
          PROXY_SSL_VERIFY_DEPTH,
          SSL_REDIRECT,
          REWRITE_TARGET,
          USE_REGEX,
          SERVER_SNIPPET);

  /** ingress-nginx configmap.md: proxy-connect-timeout "cannot usually exceed 75 seconds". */
  static final long MAX_CONNECT_SECONDS = 75;

  /** Integer seconds, the unit of every ingress-nginx time. */
  static String seconds(Duration d) {
    return Long.toString(d.getSeconds());
  }
}
