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
  private static final java.util.regex.Pattern ATOI_TEXT =
      java.util.regex.Pattern.compile("[+-]?[0-9]{1,10}");

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
    if (text == null || !ATOI_TEXT.matcher(text).matches()) {
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

  // --- the catalog: every annotation ingress-nginx controller-v1.15.1 reads ---------------------

  /** parser.AnnotationRisk, in its order (parser/validators.go: Low, Medium, High, Critical). */
  enum Risk {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    /** The name as configmap.md and annotations-risk.md write it: {@code High}. */
    String text() {
      return name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    /** parser.StringRiskToRisk: case-insensitive, anything else is Low. */
    static Risk of(String text) {
      switch (text == null ? "" : text.toLowerCase(java.util.Locale.ROOT)) {
        case "critical":
          return CRITICAL;
        case "high":
          return HIGH;
        case "medium":
          return MEDIUM;
        default:
          return LOW;
      }
    }
  }

  /** parser.AnnotationScope: the whole Ingress (server-level for some) or each location. */
  enum Scope {
    INGRESS,
    LOCATION
  }

  /** The getter the annotation's parser reads it with (parser.Get*Annotation). */
  enum Kind {
    /** GetIntAnnotation: strconv.Atoi. */
    INT,
    /** GetBoolAnnotation: strconv.ParseBool. */
    BOOL,
    /** GetStringAnnotation: every line trimmed, empty refused. */
    STRING
  }

  /**
   * What the controller does with a value its validator refuses, as each annotation's {@code Parse}
   * handles the error (internal/ingress/annotations/&lt;dir&gt;/main.go) and {@code Extract}
   * (annotations.go) handles what {@code Parse} returns.
   */
  enum OnInvalid {
    /** {@code Parse} falls back to the default: the annotation is as good as absent. */
    IGNORED,
    /**
     * {@code Parse} returns the validation error, {@code Extract} returns it and the store drops
     * the Ingress (store.go updateIngress: {@code if err != nil { klog.Error(err); return }}), and
     * the admission webhook refuses it: none of its paths is served. Only with annotation
     * validation on (pkg/flags/flags.go --enable-annotation-validation, true from v1.12).
     */
    REFUSED,
    /**
     * {@code Parse} returns a LocationDenied error: every location of the Ingress answers 503
     * (nginx.tmpl "Location denied").
     */
    DENIED,
    /**
     * {@code Parse} returns another error and {@code Extract} skips the annotation's whole group:
     * none of the group's annotations applies.
     */
    DROPPED
  }

  /** A value check: one of parser/validators.go's validators. */
  interface Validator {
    /** Whether the validator accepts the (non-empty) value. */
    boolean accepts(String value);

    /** The rule, as a message quotes it. */
    String rule();
  }

  private static Validator validator(String rule, java.util.function.Predicate<String> test) {
    return new Validator() {
      @Override
      public boolean accepts(String value) {
        return test.test(value);
      }

      @Override
      public String rule() {
        return rule;
      }
    };
  }

  /** parser.MaliciousRegex, checked after every ValidateRegex pattern. */
  private static final java.util.regex.Pattern MALICIOUS = java.util.regex.Pattern.compile("\r|\n");

  /**
   * parser.ValidateRegex(regex, removeSpace): spaces removed when asked, then Go's MatchString (a
   * search, anchored only where the pattern says), and no CR or LF. Patterns with nested
   * repetitions are written possessively here: RE2 matches in linear time, java.util.regex would
   * backtrack exponentially on a long refused value; the accepted strings are the same.
   */
  static Validator regex(java.util.regex.Pattern pattern, boolean removeSpace) {
    return validator(
        "parser.ValidateRegex " + pattern.pattern(),
        v -> {
          String s = removeSpace ? v.replace(" ", "") : v;
          return pattern.matcher(s).find() && !MALICIOUS.matcher(s).find();
        });
  }

  /** parser.ValidateOptions(options, caseSensitive, trimSpace). */
  static Validator options(boolean caseSensitive, boolean trimSpace, String... options) {
    List<String> all = List.of(options);
    return validator(
        "one of " + String.join(", ", all) + (caseSensitive ? "" : " (any case)"),
        v -> {
          String s = trimSpace ? v.strip() : v;
          return all.contains(caseSensitive ? s : s.toLowerCase(java.util.Locale.ROOT));
        });
  }

  /** parser.ValidateInt: strconv.Atoi, an integer without a unit. */
  static final Validator ATOI =
      validator("parser.ValidateInt (strconv.Atoi: an integer, no unit)", GoValues::isInt);

  /** parser.ValidateBool: strconv.ParseBool. */
  static final Validator PARSE_BOOL =
      validator(
          "parser.ValidateBool (strconv.ParseBool: true, false, 1, 0, t, f)",
          v -> GoValues.parseBool(v) != null);

  /** parser.ValidateCIDRs: internal/net ParseCIDRs, comma separated IPs and CIDRs. */
  static final Validator CIDRS =
      validator(
          "parser.ValidateCIDRs (comma separated IP addresses and CIDRs)",
          v -> {
            for (String part : v.split(",", -1)) {
              String p = part.strip();
              if (!GoValues.isCidr(p) && !GoValues.isIp(p)) {
                return false;
              }
            }
            return true;
          });

  /** parser.IsValidRegex: alphaNumericChars plus regexEnabledChars. */
  static final java.util.regex.Pattern RE_IS_VALID_REGEX =
      java.util.regex.Pattern.compile(
          "^[/\\-\\._~a-zA-Z0-9/:\\^\\$\\[\\]\\(\\)\\{\\}\\*\\+\\?\\|&=\\\\]*$");

  /** parser.ValidateServerName: trimmed, matching IsValidRegex. */
  static final Validator SERVER_NAME =
      validator(
          "parser.ValidateServerName " + RE_IS_VALID_REGEX.pattern(),
          v -> RE_IS_VALID_REGEX.matcher(v.strip()).find());

  /** parser.ValidateArrayOfServerName: each comma separated part a ValidateServerName. */
  static final Validator SERVER_NAMES =
      validator(
          "parser.ValidateArrayOfServerName (comma separated, each "
              + RE_IS_VALID_REGEX.pattern()
              + ")",
          v -> {
            for (String part : v.split(",", -1)) {
              if (!RE_IS_VALID_REGEX.matcher(part.strip()).find()) {
                return false;
              }
            }
            return true;
          });

  private static final java.util.regex.Pattern DNS1035 =
      java.util.regex.Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");

  /** parser.ValidateServiceName: a DNS-1035 label of at most 63 characters. */
  static final Validator SERVICE_NAME =
      validator(
          "parser.ValidateServiceName (a DNS-1035 label)",
          v -> v.length() <= 63 && DNS1035.matcher(v).matches());

  /** parser.CommonNameAnnotationValidator: CN= and a regular expression. */
  static final Validator COMMON_NAME =
      validator(
          "parser.CommonNameAnnotationValidator (CN= and a regular expression)",
          v -> {
            if (!v.startsWith("CN=")) {
              return false;
            }
            try {
              java.util.regex.Pattern.compile(v.substring(3));
              return true;
            } catch (java.util.regex.PatternSyntaxException e) {
              return false;
            }
          });

  /** parser.ValidateNull: everything (the snippets, gated by the controller instead). */
  static final Validator ANY = validator("parser.ValidateNull (any value)", v -> true);

  private static java.util.regex.Pattern re(String go) {
    return java.util.regex.Pattern.compile(go);
  }

  // parser/validators.go: alphaNumericChars `\-\.\_\~a-zA-Z0-9\/:` and the patterns built on it.
  static final java.util.regex.Pattern RE_BASIC_CHARS = re("^[/\\-\\._~a-zA-Z0-9/:]*$");
  static final java.util.regex.Pattern RE_EXTENDED_CHARS = re("^[/\\-\\._~a-zA-Z0-9/:, ]*$");
  static final java.util.regex.Pattern RE_CHARS_WITH_SPACE = re("^[/\\-\\._~a-zA-Z0-9/: ]*$");
  static final java.util.regex.Pattern RE_URL_IS_VALID = re("^[\\-\\._~a-zA-Z0-9/:,:\\?&=]*$");
  static final java.util.regex.Pattern RE_URL_WITH_NGINX_VARIABLE =
      re("^[\\-\\._~a-zA-Z0-9/:, ,:\\?&=$]*$");
  static final java.util.regex.Pattern RE_NGINX_VARIABLE = re("^[A-Za-z0-9\\-_\\$\\{\\}]*$");
  static final java.util.regex.Pattern RE_REGEX_PATH_WITH_CAPTURE =
      re("^/?[\\-\\._~a-zA-Z0-9/:/\\$]*$");
  // "9-_" is a range in RE2 too: digits, ':' to '@', A-Z, '[' to '_'.
  static final java.util.regex.Pattern RE_HEADERS_VARIABLE = re("^[A-Za-z0-9-_, ]*$");
  static final java.util.regex.Pattern RE_SIZE = re("^(?i)\\d+[bkmg]?$");
  // auth/main.go
  static final java.util.regex.Pattern RE_AUTH_TYPE = re("basic|digest");
  static final java.util.regex.Pattern RE_AUTH_SECRET_TYPE = re("auth-file|auth-map");
  // authreq/main.go
  static final java.util.regex.Pattern RE_METHODS =
      re("^(GET|HEAD|POST|PUT|PATCH|DELETE|CONNECT|OPTIONS|TRACE)$");
  // authtls/main.go
  static final java.util.regex.Pattern RE_AUTH_VERIFY_CLIENT =
      re("^(on|off|optional|optional_no_ca)$");
  static final java.util.regex.Pattern RE_REDIRECT =
      re("^(@[A-Za-z0-9_-]+|((https?://)?[A-Za-z0-9\\-.]++(:\\d+)?)?(/[A-Za-z0-9\\-_.]++)*+/?)$");
  // connection/main.go
  static final java.util.regex.Pattern RE_CONNECTION_HEADER = re("^(close|keep-alive)$");
  // cors/main.go: corsOriginRegexValidator, corsMethodsRegex, corsExposeHeadersRegex
  static final java.util.regex.Pattern RE_CORS_ORIGIN_VALIDATOR =
      re("^(?:(?:(?:[a-z]++://)?(?:\\*\\.)?[A-Za-z0-9\\-.]*+(?::\\d++)?,?+|null)++|\\*)?$");
  static final java.util.regex.Pattern RE_CORS_METHODS = re("^(?:[A-Za-z]++,?+\\s?+)++$");
  static final java.util.regex.Pattern RE_CORS_EXPOSE_HEADERS =
      re("^(?:(?:[A-Za-z0-9\\-_]++|\\*),?+\\s?+)++$");
  // customhttperrors/main.go
  static final java.util.regex.Pattern RE_ARRAY_OF_HTTP_ERRORS = re("^(?:[4,5]\\d{2},?)*$");
  // fastcgi/main.go
  static final java.util.regex.Pattern RE_FASTCGI_INDEX = re("^[A-Za-z0-9.\\-_]+$");
  // mirror/main.go
  static final java.util.regex.Pattern RE_ON_OFF = re("^(on|off)$");
  // opentelemetry/main.go
  static final java.util.regex.Pattern RE_OPERATION_NAME = re("^[A-Za-z0-9_\\-]*$");
  // proxy/main.go
  static final java.util.regex.Pattern RE_NEXT_UPSTREAM =
      re(
          "^(?:(?:error|timeout|invalid_header|http_500|http_502|http_503|http_504|http_403"
              + "|http_404|http_429|non_idempotent|off)\\s?+)++$");
  static final java.util.regex.Pattern RE_COOKIE_DOMAIN =
      re("^(off|[\\-\\._~a-zA-Z0-9/:]+\\s+[\\-\\._~a-zA-Z0-9/:]+)$");
  // proxyssl/main.go
  static final java.util.regex.Pattern RE_PROXY_SSL_ON_OFF = re("^(on|off)$");
  static final java.util.regex.Pattern RE_PROXY_SSL_PROTOCOL = re("^(?:TLSv1\\.2|TLSv1\\.3| )*+$");
  static final java.util.regex.Pattern RE_PROXY_SSL_CIPHERS = re("^[A-Za-z0-9\\+:_\\-!]*$");
  // sessionaffinity/main.go: `(^0|-?[1-9]\d*$)`, unanchored as written.
  static final java.util.regex.Pattern RE_AFFINITY_COOKIE_EXPIRES = re("(^0|-?[1-9]\\d*$)");
  // sslcipher/main.go
  static final java.util.regex.Pattern RE_SSL_CIPHER =
      re("^(?:[A-Za-z0-9!:+\\-_]++|@STRENGTH|@SECLEVEL=[0-5])*+$");
  // upstreamhashby/main.go: `^[A-Za-z0-9\-` + QuoteMeta("_${}") + `]*$`
  static final java.util.regex.Pattern RE_HASH_BY = re("^[A-Za-z0-9\\-_\\$\\{\\}]*$");

  /** backendprotocol/main.go validProtocols. */
  private static final String[] PROTOCOLS = {"auto_http", "http", "https", "grpc", "grpcs", "fcgi"};

  /** loadbalancing/main.go loadBalanceAlgorithms. */
  private static final String[] BALANCERS = {
    "round_robin", "chash", "chashsubset", "sticky_balanced", "sticky_persistent", "ewma"
  };

  /**
   * One annotation ingress-nginx reads, as its parser declares it: the name without the prefix, the
   * group and risk of docs/user-guide/nginx-configuration/annotations-risk.md, the scope, the
   * getter, the validator, what an invalid value does, the annotations directory that parses it,
   * whether the converter carries it into the spec, and the name it is an alias of (for the
   * deprecated spellings parser.AnnotationFields lists as AnnotationAliases).
   */
  record Known(
      String name,
      String group,
      Risk risk,
      Scope scope,
      Kind kind,
      Validator validator,
      OnInvalid onInvalid,
      String source,
      boolean carried,
      String aliasOf) {

    /** The full key. */
    String key() {
      return PREFIX + name;
    }

    /** The upstream file that parses it. */
    String file() {
      return "internal/ingress/annotations/"
          + source
          + (source.equals("redirect") ? "/redirect.go" : "/main.go");
    }
  }

  /** The validators the table names, each a parser/validators.go validator with its pattern. */
  private static final java.util.Map<String, Validator> VALIDATORS = validators();

  private static java.util.Map<String, Validator> validators() {
    java.util.Map<String, Validator> v = new java.util.HashMap<>();
    v.put("ATOI", ATOI);
    v.put("PARSE_BOOL", PARSE_BOOL);
    v.put("CIDRS", CIDRS);
    v.put("SERVER_NAME", SERVER_NAME);
    v.put("SERVER_NAMES", SERVER_NAMES);
    v.put("SERVICE_NAME", SERVICE_NAME);
    v.put("COMMON_NAME", COMMON_NAME);
    v.put("ANY", ANY);
    v.put("PROTOCOLS", options(false, true, PROTOCOLS));
    v.put("BALANCERS", options(true, true, BALANCERS));
    v.put("SAMESITE", options(false, true, "none", "lax", "strict"));
    v.put("AFFINITY_MODES", options(true, true, "balanced", "persistent"));
    v.put("CANARY_BEHAVIORS", options(true, true, "sticky", "legacy"));
    v.put("HTTP_VERSIONS", options(true, true, "1.0", "1.1"));
    v.put("ON_OFF_OPTION", options(true, true, "on", "off"));
    v.put("SATISFY", options(true, true, "any", "all"));
    v.put("COOKIE", options(true, true, "cookie"));
    java.util.Map<String, java.util.regex.Pattern> patterns = new java.util.HashMap<>();
    patterns.put("BASIC_CHARS", RE_BASIC_CHARS);
    patterns.put("EXTENDED_CHARS", RE_EXTENDED_CHARS);
    patterns.put("CHARS_WITH_SPACE", RE_CHARS_WITH_SPACE);
    patterns.put("URL_IS_VALID", RE_URL_IS_VALID);
    patterns.put("URL_WITH_VARIABLES", RE_URL_WITH_NGINX_VARIABLE);
    patterns.put("NGINX_VARIABLE", RE_NGINX_VARIABLE);
    patterns.put("CAPTURE_PATH", RE_REGEX_PATH_WITH_CAPTURE);
    patterns.put("HEADERS_VARIABLE", RE_HEADERS_VARIABLE);
    patterns.put("SIZE", RE_SIZE);
    patterns.put("IS_VALID_REGEX", RE_IS_VALID_REGEX);
    patterns.put("AUTH_TYPE", RE_AUTH_TYPE);
    patterns.put("AUTH_SECRET_TYPE", RE_AUTH_SECRET_TYPE);
    patterns.put("METHODS", RE_METHODS);
    patterns.put("AUTH_VERIFY_CLIENT", RE_AUTH_VERIFY_CLIENT);
    patterns.put("REDIRECT", RE_REDIRECT);
    patterns.put("CONNECTION_HEADER", RE_CONNECTION_HEADER);
    patterns.put("CORS_ORIGINS", RE_CORS_ORIGIN_VALIDATOR);
    patterns.put("CORS_METHODS", RE_CORS_METHODS);
    patterns.put("CORS_EXPOSE_HEADERS", RE_CORS_EXPOSE_HEADERS);
    patterns.put("ARRAY_OF_HTTP_ERRORS", RE_ARRAY_OF_HTTP_ERRORS);
    patterns.put("FASTCGI_INDEX", RE_FASTCGI_INDEX);
    patterns.put("ON_OFF", RE_ON_OFF);
    patterns.put("OPERATION_NAME", RE_OPERATION_NAME);
    patterns.put("NEXT_UPSTREAM", RE_NEXT_UPSTREAM);
    patterns.put("COOKIE_DOMAIN", RE_COOKIE_DOMAIN);
    patterns.put("PROXY_SSL_ON_OFF", RE_PROXY_SSL_ON_OFF);
    patterns.put("PROXY_SSL_PROTOCOL", RE_PROXY_SSL_PROTOCOL);
    patterns.put("PROXY_SSL_CIPHERS", RE_PROXY_SSL_CIPHERS);
    patterns.put("COOKIE_EXPIRES", RE_AFFINITY_COOKIE_EXPIRES);
    patterns.put("SSL_CIPHER", RE_SSL_CIPHER);
    patterns.put("HASH_BY", RE_HASH_BY);
    patterns.forEach(
        (name, pattern) -> {
          v.put(name, regex(pattern, false));
          v.put(name + "~", regex(pattern, true));
        });
    return v;
  }

  /**
   * Every annotation of docs/user-guide/nginx-configuration/annotations-risk.md at
   * controller-v1.15.1: 136 rows, the same names as the AnnotationFields of
   * internal/ingress/annotations/&lt;dir&gt;/main.go (redirect/redirect.go for Redirect). Under
   * each {@code Group (dir)} line, one annotation per line: name, risk (annotations-risk.md), scope
   * ({@code ing} or {@code loc}), getter (the parser.Get*Annotation its Parse calls), what an
   * invalid value does ({@link OnInvalid}, read from its Parse), its validator ({@code ~}: spaces
   * removed before matching, ValidateRegex's removeSpace), and {@code +} when the converter carries
   * it into the spec.
   */
  private static final String TABLE =
      """
      Aliases (alias)
        server-alias                             High     ing string refused SERVER_NAMES
      Allowlist (ipallowlist)
        allowlist-source-range                   Medium   loc string denied  CIDRS
      BackendProtocol (backendprotocol)
        backend-protocol                         Low      loc string ignored PROTOCOLS +
      BasicDigestAuth (auth)
        auth-realm                               Medium   loc string refused CHARS_WITH_SPACE
        auth-secret                              Medium   loc string denied  BASIC_CHARS~
        auth-secret-type                         Low      loc string refused AUTH_SECRET_TYPE~
        auth-type                                Low      loc string refused AUTH_TYPE~
      Canary (canary)
        canary                                   Low      ing bool   ignored PARSE_BOOL
        canary-by-cookie                         Medium   ing string ignored BASIC_CHARS~
        canary-by-header                         Medium   ing string ignored BASIC_CHARS~
        canary-by-header-pattern                 Medium   ing string ignored IS_VALID_REGEX
        canary-by-header-value                   Medium   ing string ignored BASIC_CHARS~
        canary-weight                            Low      ing int    ignored ATOI
        canary-weight-total                      Low      ing int    ignored ATOI
      CertificateAuth (authtls)
        auth-tls-error-page                      High     loc string refused REDIRECT~
        auth-tls-match-cn                        High     loc string refused COMMON_NAME
        auth-tls-pass-certificate-to-upstream    Low      loc bool   refused PARSE_BOOL
        auth-tls-secret                          Medium   loc string refused BASIC_CHARS~
        auth-tls-verify-client                   Medium   loc string ignored AUTH_VERIFY_CLIENT~
        auth-tls-verify-depth                    Low      loc int    ignored ATOI
      ClientBodyBufferSize (clientbodybuffersize)
        client-body-buffer-size                  Low      loc string refused SIZE~
      ConfigurationSnippet (snippet)
        configuration-snippet                    Critical loc string ignored ANY
      Connection (connection)
        connection-proxy-header                  Low      loc string refused CONNECTION_HEADER~
      CorsConfig (cors)
        cors-allow-credentials                   Low      ing bool   ignored PARSE_BOOL +
        cors-allow-headers                       Medium   ing string ignored HEADERS_VARIABLE~ +
        cors-allow-methods                       Medium   ing string ignored CORS_METHODS~ +
        cors-allow-origin                        Medium   ing string ignored CORS_ORIGINS~ +
        cors-expose-headers                      Medium   ing string ignored CORS_EXPOSE_HEADERS~ +
        cors-max-age                             Low      ing int    ignored ATOI +
        enable-cors                              Low      ing bool   ignored PARSE_BOOL +
      CustomHTTPErrors (customhttperrors)
        custom-http-errors                       Low      loc string refused ARRAY_OF_HTTP_ERRORS~
      CustomHeaders (customheaders)
        custom-headers                           Medium   loc string ignored BASIC_CHARS~
      DefaultBackend (defaultbackend)
        default-backend                          Low      loc string refused SERVICE_NAME
      Denylist (ipdenylist)
        denylist-source-range                    Medium   loc string denied  CIDRS
      DisableProxyInterceptErrors (disableproxyintercepterrors)
        disable-proxy-intercept-errors           Low      loc bool   ignored PARSE_BOOL
      EnableGlobalAuth (authreqglobal)
        enable-global-auth                       Low      loc bool   ignored PARSE_BOOL
      ExternalAuth (authreq)
        auth-always-set-cookie                   Low      loc bool   dropped PARSE_BOOL
        auth-cache-duration                      Medium   loc string dropped EXTENDED_CHARS
        auth-cache-key                           Medium   loc string ignored NGINX_VARIABLE~
        auth-keepalive                           Low      loc int    ignored ATOI
        auth-keepalive-requests                  Low      loc int    ignored ATOI
        auth-keepalive-share-vars                Low      loc bool   ignored PARSE_BOOL
        auth-keepalive-timeout                   Low      loc int    ignored ATOI
        auth-method                              Low      loc string denied  METHODS~
        auth-proxy-set-headers                   Medium   loc string ignored BASIC_CHARS~
        auth-request-redirect                    Medium   loc string dropped URL_IS_VALID~
        auth-response-headers                    Medium   loc string denied  HEADERS_VARIABLE~
        auth-signin                              High     loc string ignored URL_WITH_VARIABLES~
        auth-signin-redirect-param               Medium   loc string ignored URL_IS_VALID~
        auth-snippet                             Critical loc string ignored ANY
        auth-url                                 High     loc string refused URL_WITH_VARIABLES~
      FastCGI (fastcgi)
        fastcgi-index                            Medium   loc string refused FASTCGI_INDEX~
        fastcgi-params-configmap                 Medium   loc string refused BASIC_CHARS~
      HTTP2PushPreload (http2pushpreload)
        http2-push-preload                       Low      loc bool   refused PARSE_BOOL
      LoadBalancing (loadbalancing)
        load-balance                             Low      loc string refused BALANCERS
      Logs (log)
        enable-access-log                        Low      loc bool   ignored PARSE_BOOL
        enable-rewrite-log                       Low      loc bool   ignored PARSE_BOOL
      Mirror (mirror)
        mirror-host                              High     ing string ignored SERVER_NAME
        mirror-request-body                      Low      ing string ignored ON_OFF~
        mirror-target                            High     ing string ignored SERVER_NAME
      ModSecurity (modsecurity)
        enable-modsecurity                       Low      ing bool   ignored PARSE_BOOL
        enable-owasp-core-rules                  Low      ing bool   ignored PARSE_BOOL
        modsecurity-snippet                      Critical ing string ignored ANY
        modsecurity-transaction-id               High     ing string ignored NGINX_VARIABLE~
      Opentelemetry (opentelemetry)
        enable-opentelemetry                     Low      loc bool   ignored PARSE_BOOL
        opentelemetry-operation-name             Medium   loc string refused OPERATION_NAME~
        opentelemetry-trust-incoming-span        Low      loc bool   ignored PARSE_BOOL
      Proxy (proxy)
        proxy-body-size                          Medium   loc string ignored SIZE~
        proxy-buffer-size                        Low      loc string ignored SIZE~
        proxy-buffering                          Low      loc string ignored ON_OFF_OPTION +
        proxy-buffers-number                     Low      loc int    ignored ATOI
        proxy-busy-buffers-size                  Low      loc string ignored SIZE~
        proxy-connect-timeout                    Low      loc int    ignored ATOI +
        proxy-cookie-domain                      Medium   loc string ignored COOKIE_DOMAIN
        proxy-cookie-path                        Medium   loc string ignored URL_IS_VALID~
        proxy-http-version                       Low      loc string ignored HTTP_VERSIONS +
        proxy-max-temp-file-size                 Low      loc string ignored SIZE~
        proxy-next-upstream                      Medium   loc string ignored NEXT_UPSTREAM
        proxy-next-upstream-timeout              Low      loc int    ignored ATOI
        proxy-next-upstream-tries                Low      loc int    ignored ATOI
        proxy-read-timeout                       Low      loc int    ignored ATOI +
        proxy-redirect-from                      Medium   loc string ignored URL_IS_VALID~
        proxy-redirect-to                        Medium   loc string ignored URL_IS_VALID~
        proxy-request-buffering                  Low      loc string ignored ON_OFF_OPTION +
        proxy-send-timeout                       Low      loc int    ignored ATOI +
      ProxySSL (proxyssl)
        proxy-ssl-ciphers                        Medium   ing string ignored PROXY_SSL_CIPHERS~
        proxy-ssl-name                           High     ing string ignored SERVER_NAME +
        proxy-ssl-protocols                      Low      ing string ignored PROXY_SSL_PROTOCOL~
        proxy-ssl-secret                         Medium   ing string refused BASIC_CHARS~ +
        proxy-ssl-server-name                    Low      ing string ignored PROXY_SSL_ON_OFF~ +
        proxy-ssl-verify                         Low      ing string ignored PROXY_SSL_ON_OFF~ +
        proxy-ssl-verify-depth                   Low      ing int    ignored ATOI +
      RateLimit (ratelimit)
        limit-allowlist                          Low      loc string refused CIDRS
        limit-burst-multiplier                   Low      loc int    ignored ATOI +
        limit-connections                        Low      loc int    refused ATOI +
        limit-rate                               Low      loc int    ignored ATOI
        limit-rate-after                         Low      loc int    ignored ATOI
        limit-rpm                                Low      loc int    refused ATOI +
        limit-rps                                Low      loc int    refused ATOI +
      Redirect (redirect)
        from-to-www-redirect                     Low      loc bool   refused PARSE_BOOL
        permanent-redirect                       Medium   loc string refused URL_IS_VALID
        permanent-redirect-code                  Low      loc int    refused ATOI
        relative-redirects                       Low      loc bool   refused PARSE_BOOL
        temporal-redirect                        Medium   loc string refused URL_IS_VALID
        temporal-redirect-code                   Low      loc int    refused ATOI
      Rewrite (rewrite)
        app-root                                 Medium   loc string ignored CAPTURE_PATH
        force-ssl-redirect                       Medium   loc bool   ignored PARSE_BOOL +
        preserve-trailing-slash                  Medium   loc bool   ignored PARSE_BOOL
        rewrite-target                           Medium   ing string ignored CAPTURE_PATH +
        ssl-redirect                             Low      loc bool   ignored PARSE_BOOL +
        use-regex                                Low      loc bool   ignored PARSE_BOOL +
      SSLCipher (sslcipher)
        ssl-ciphers                              Low      ing string refused SSL_CIPHER~
        ssl-prefer-server-ciphers                Low      ing bool   ignored PARSE_BOOL
      SSLPassthrough (sslpassthrough)
        ssl-passthrough                          Low      ing bool   refused PARSE_BOOL
      Satisfy (satisfy)
        satisfy                                  Low      loc string ignored SATISFY
      ServerSnippet (serversnippet)
        server-snippet                           Critical ing string ignored ANY
      ServiceUpstream (serviceupstream)
        service-upstream                         Low      ing bool   ignored PARSE_BOOL
      SessionAffinity (sessionaffinity)
        affinity                                 Low      ing string ignored COOKIE +
        affinity-canary-behavior                 Low      ing string ignored CANARY_BEHAVIORS
        affinity-mode                            Medium   ing string ignored AFFINITY_MODES +
        session-cookie-change-on-failure         Low      ing bool   ignored PARSE_BOOL
        session-cookie-conditional-samesite-none Low      ing bool   ignored PARSE_BOOL
        session-cookie-domain                    Medium   ing string ignored BASIC_CHARS~
        session-cookie-expires                   Medium   ing string ignored COOKIE_EXPIRES~ +
        session-cookie-max-age                   Medium   ing string ignored COOKIE_EXPIRES +
        session-cookie-name                      Medium   ing string ignored BASIC_CHARS~ +
        session-cookie-path                      Medium   ing string ignored URL_IS_VALID~ +
        session-cookie-samesite                  Low      ing string ignored SAMESITE +
        session-cookie-secure                    Low      ing bool   ignored PARSE_BOOL +
      StreamSnippet (streamsnippet)
        stream-snippet                           Critical ing string ignored ANY
      UpstreamHashBy (upstreamhashby)
        upstream-hash-by                         High     loc string refused HASH_BY~ +
        upstream-hash-by-subset                  Low      loc bool   refused PARSE_BOOL
        upstream-hash-by-subset-size             Low      loc int    refused ATOI
      UpstreamVhost (upstreamvhost)
        upstream-vhost                           Low      loc string refused SERVER_NAME
      UsePortInRedirects (portinredirect)
        use-port-in-redirects                    Low      loc bool   ignored PARSE_BOOL
      XForwardedPrefix (xforwardedprefix)
        x-forwarded-prefix                       Medium   loc string refused CAPTURE_PATH~
      """;

  /** The table, read once. */
  static final List<Known> CATALOG = parse(TABLE);

  private static List<Known> parse(String table) {
    List<Known> out = new java.util.ArrayList<>();
    String group = null;
    String dir = null;
    java.util.Locale root = java.util.Locale.ROOT;
    for (String line : table.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.strip().split("\\s+");
      if (!line.startsWith("  ")) {
        group = f[0];
        dir = f[1].substring(1, f[1].length() - 1);
        continue;
      }
      Validator validator = VALIDATORS.get(f[5]);
      if (validator == null) {
        throw new IllegalStateException("no validator " + f[5] + " for " + f[0]);
      }
      out.add(
          new Known(
              f[0],
              group,
              Risk.of(f[1]),
              f[2].equals("ing") ? Scope.INGRESS : Scope.LOCATION,
              Kind.valueOf(f[3].toUpperCase(root)),
              validator,
              OnInvalid.valueOf(f[4].toUpperCase(root)),
              dir,
              f.length > 6 && f[6].equals("+"),
              null));
    }
    return List.copyOf(out);
  }

  /**
   * The deprecated spellings the parsers still read (AnnotationAliases): ipallowlist/main.go
   * whitelist-source-range, ratelimit/main.go limit-whitelist.
   */
  static final List<Known> ALIASES =
      List.of(
          alias("whitelist-source-range", "allowlist-source-range"),
          alias("limit-whitelist", "limit-allowlist"));

  private static Known alias(String name, String of) {
    for (Known k : CATALOG) {
      if (k.name().equals(of)) {
        return new Known(
            name,
            k.group(),
            k.risk(),
            k.scope(),
            k.kind(),
            k.validator(),
            k.onInvalid(),
            k.source(),
            k.carried(),
            of);
      }
    }
    throw new IllegalStateException("no annotation " + of);
  }

  private static final java.util.Map<String, Known> BY_KEY = index();

  private static java.util.Map<String, Known> index() {
    java.util.Map<String, Known> all = new java.util.HashMap<>();
    for (Known k : CATALOG) {
      all.put(k.key(), k);
    }
    for (Known k : ALIASES) {
      all.put(k.key(), k);
    }
    return java.util.Map.copyOf(all);
  }

  /** The annotation of this full key, if ingress-nginx v1.15.1 reads it. */
  static java.util.Optional<Known> known(String key) {
    return java.util.Optional.ofNullable(BY_KEY.get(key));
  }

  // --- what is not an ingress-nginx annotation (any more) --------------------------------------

  /**
   * An annotation ingress-nginx once read and no longer does: the release that dropped it, what
   * replaces it (or null), and the commit or changelog entry that removed it.
   */
  record Removed(String name, String release, String replacement, String source) {}

  /**
   * Annotations removed from ingress-nginx, found by comparing the annotation names the parsers of
   * internal/ingress/annotations read at each release tag (controller-v0.34.0 to v1.15.1) and, for
   * older releases, the removal commits and Changelog.md entries named here.
   */
  static final List<Removed> REMOVED =
      List.of(
          new Removed(
              "secure-backends",
              "0.21.0",
              "backend-protocol: \"HTTPS\"",
              "Changelog.md 0.21.0, #3203 \"Remove annotations grpc-backend and secure-backend\""),
          new Removed(
              "grpc-backend", "0.21.0", "backend-protocol: \"GRPC\"", "Changelog.md 0.21.0, #3203"),
          new Removed(
              "add-base-url",
              "0.22.0",
              null,
              "Changelog.md 0.22.0: \"add-base-url and base-url-scheme were removed\""),
          new Removed("base-url-scheme", "0.22.0", null, "Changelog.md 0.22.0"),
          new Removed(
              "session-cookie-hash",
              "0.24.0",
              null,
              "Changelog.md 0.24.0, #3743 \"Remove session-cookie-hash annotation\""),
          new Removed(
              "lua-resty-waf",
              "0.27.0",
              "enable-modsecurity",
              "Changelog.md 0.27.0, #4779 \"Remove lua-resty-waf feature\""),
          new Removed(
              "mirror-uri",
              "0.29.0",
              "mirror-target",
              "Changelog.md 0.29.0, #5015 \"Refactor mirror feature\""),
          // secureupstream/ and influxdb/ are in internal/ingress/annotations at
          // controller-v1.7.0 and gone at controller-v1.7.1.
          new Removed(
              "secure-verify-ca-secret",
              "1.7.1",
              "proxy-ssl-secret with proxy-ssl-verify: \"on\"",
              "changelog/controller-1.7.1.md \"Remove deprecated annotation secure-upstream"
                  + " (#9862)\""),
          new Removed(
              "enable-influxdb",
              "1.7.1",
              null,
              "changelog/controller-1.7.1.md \"Deprecate and remove influxdb feature (#9861)\""),
          new Removed("influxdb-measurement", "1.7.1", null, "#9861"),
          new Removed("influxdb-port", "1.7.1", null, "#9861"),
          new Removed("influxdb-host", "1.7.1", null, "#9861"),
          new Removed("influxdb-server-name", "1.7.1", null, "#9861"),
          // opentracing/main.go is in internal/ingress/annotations at controller-v1.9.4 and gone
          // at controller-v1.9.5; changelog/controller-1.10.0.md announces it.
          new Removed(
              "enable-opentracing",
              "1.9.5",
              "enable-opentelemetry",
              "changelog/controller-1.10.0.md \"dropped Opentracing and zipkin modules\""),
          new Removed(
              "opentracing-trust-incoming-span",
              "1.9.5",
              "opentelemetry-trust-incoming-span",
              "changelog/controller-1.10.0.md"),
          new Removed(
              "global-rate-limit",
              "1.12.0",
              "limit-rps or limit-rpm (per controller replica)",
              "changelog/controller-1.12.0-beta.0.md \"Remove global-rate-limit feature"
                  + " (#11851)\""),
          new Removed("global-rate-limit-window", "1.12.0", null, "#11851"),
          new Removed("global-rate-limit-key", "1.12.0", null, "#11851"),
          new Removed("global-rate-limit-ignored-cidrs", "1.12.0", null, "#11851"));

  /**
   * The annotation that ingress-nginx removed under this name (without the prefix); every {@code
   * lua-resty-waf-*} key went with {@code lua-resty-waf} (commit 61d902db "Remove Lua resty waf
   * feature": lua-resty-waf-debug, -ignore-rulesets, -extra-rules, -allow-unknown-content-types,
   * -score-threshold, -process-multipart-body).
   */
  static java.util.Optional<Removed> removed(String name) {
    String n = name.startsWith("lua-resty-waf") ? "lua-resty-waf" : name;
    for (Removed r : REMOVED) {
      if (r.name().equals(n)) {
        return java.util.Optional.of(r);
      }
    }
    return java.util.Optional.empty();
  }

  /**
   * The controller ConfigMap's keys: docs/user-guide/nginx-configuration/configmap.md at
   * controller-v1.15.1, and the json keys of internal/ingress/controller/config/config.go and
   * internal/ingress/defaults/main.go that the table omits. Such a key written as an annotation
   * does nothing.
   */
  static final java.util.Set<String> CONFIGMAP_KEYS =
      java.util.Set.of(
          """
access-log-params access-log-path add-headers allow-backend-server-header
allow-cross-namespace-resources allow-snippet-annotations annotation-value-word-blocklist
annotations-risk-level app-root bind-address bind-address-ipv4 bind-address-ipv6 block-cidrs
block-referers block-user-agents brotli-level brotli-min-length brotli-types
client-body-buffer-size client-body-timeout client-header-buffer-size client-header-timeout
compute-full-forwarded-for custom-http-errors debug-connections default-type
denylist-source-range disable-access-log disable-http-access-log disable-ipv6
disable-ipv6-dns disable-proxy-intercept-errors disable-stream-access-log
enable-access-log-for-default-backend enable-aio-write enable-auth-access-log enable-brotli
enable-modsecurity enable-multi-accept enable-ocsp enable-opentelemetry
enable-owasp-modsecurity-crs enable-real-ip enable-serial-reloads enable-syslog
enable-underscores-in-headers error-log-level error-log-path force-ssl-redirect
forwarded-for-header forwarded-for-proxy-protocol-header forwarded-host-header
generate-request-id geoip2-autoreload-in-minutes global-allowed-response-headers
global-auth-cache-duration global-auth-cache-key global-auth-method
global-auth-request-redirect global-auth-response-headers global-auth-signin
global-auth-signin-redirect-param global-auth-snippet global-auth-url grpc-buffer-size-kb
gzip-disable gzip-level gzip-min-length gzip-types hide-headers hsts hsts-include-subdomains
hsts-max-age hsts-preload http-access-log-path http-redirect-code http-snippet
http2-max-concurrent-streams http2-max-field-size http2-max-header-size http2-max-requests
ignore-invalid-headers jaeger-baggage-header jaeger-collector-host jaeger-collector-port
jaeger-debug-header jaeger-endpoint jaeger-propagation-format jaeger-sampler-host
jaeger-sampler-param jaeger-sampler-port jaeger-sampler-type jaeger-service-name
jaeger-trace-baggage-header-prefix jaeger-trace-context-header-name keep-alive
keep-alive-requests large-client-header-buffers limit-conn-status-code
limit-conn-zone-variable limit-rate limit-rate-after limit-req-status-code load-balance
location-snippet log-format-escape-json log-format-escape-none log-format-stream
log-format-upstream lua-shared-dicts main-snippet map-hash-bucket-size
max-worker-connections max-worker-open-files modsecurity-snippet nginx-status-ipv4-whitelist
nginx-status-ipv6-whitelist no-auth-locations no-tls-redirect-locations opentelemetry-config
opentelemetry-operation-name opentelemetry-trust-incoming-span otel-max-export-batch-size
otel-max-queuesize otel-sampler otel-sampler-parent-based otel-sampler-ratio
otel-schedule-delay-millis otel-service-name otlp-collector-host otlp-collector-port
preserve-trailing-slash proxy-add-original-uri-header proxy-body-size proxy-buffer-size
proxy-buffering proxy-buffers-number proxy-busy-buffers-size proxy-connect-timeout
proxy-cookie-domain proxy-cookie-path proxy-headers-hash-bucket-size
proxy-headers-hash-max-size proxy-http-version proxy-max-temp-file-size proxy-next-upstream
proxy-next-upstream-timeout proxy-next-upstream-tries proxy-protocol-header-timeout
proxy-read-timeout proxy-real-ip-cidr proxy-redirect-from proxy-redirect-to
proxy-request-buffering proxy-send-timeout proxy-set-headers proxy-ssl-location-only
proxy-stream-next-upstream proxy-stream-next-upstream-timeout
proxy-stream-next-upstream-tries proxy-stream-responses proxy-stream-timeout
relative-redirects retry-non-idempotent reuse-port server-name-hash-bucket-size
server-name-hash-max-size server-snippet server-tokens service-upstream skip-access-log-urls
ssl-buffer-size ssl-ciphers ssl-dh-param ssl-early-data ssl-ecdh-curve ssl-protocols
ssl-redirect ssl-reject-handshake ssl-session-cache ssl-session-cache-size
ssl-session-ticket-key ssl-session-tickets ssl-session-timeout stream-access-log-path
stream-snippet strict-validate-path-type syslog-host syslog-port upstream-hash-by
upstream-hash-by-subset upstream-hash-by-subset-size upstream-keepalive-connections
upstream-keepalive-requests upstream-keepalive-time upstream-keepalive-timeout
use-forwarded-headers use-geoip use-geoip2 use-gzip use-http2 use-port-in-redirects
use-proxy-protocol variables-hash-bucket-size variables-hash-max-size whitelist-source-range
worker-cpu-affinity worker-processes worker-shutdown-timeout
"""
              .strip()
              .split("\\s+"));

  /**
   * The annotations of F5 NGINX Ingress Controller (nginx/kubernetes-ingress v5.5.4
   * internal/configs/annotations.go): another controller's keys, which ingress-nginx never reads.
   */
  static final java.util.Set<String> F5_KEYS =
      java.util.Set.of(
          """
nginx.com/health-checks nginx.com/health-checks-mandatory
nginx.com/health-checks-mandatory-queue nginx.com/jwt-key nginx.com/jwt-login-url
nginx.com/jwt-realm nginx.com/jwt-token nginx.com/policies nginx.com/slow-start
nginx.com/sticky-cookie-services nginx.org/add-header nginx.org/add-header-inherit
nginx.org/app-root nginx.org/basic-auth-realm nginx.org/basic-auth-secret
nginx.org/client-body-buffer-size nginx.org/client-max-body-size nginx.org/fail-timeout
nginx.org/grpc-services nginx.org/hsts nginx.org/hsts-behind-proxy
nginx.org/hsts-include-subdomains nginx.org/hsts-max-age nginx.org/http-redirect-code
nginx.org/keepalive nginx.org/lb-method nginx.org/limit-req-burst nginx.org/limit-req-delay
nginx.org/limit-req-dry-run nginx.org/limit-req-key nginx.org/limit-req-log-level
nginx.org/limit-req-no-delay nginx.org/limit-req-rate nginx.org/limit-req-reject-code
nginx.org/limit-req-scale nginx.org/limit-req-zone-size nginx.org/listen-ports
nginx.org/listen-ports-ssl nginx.org/location-snippets nginx.org/max-conns
nginx.org/max-fails nginx.org/path-regex nginx.org/policies nginx.org/proxy-buffer-size
nginx.org/proxy-buffering nginx.org/proxy-buffers nginx.org/proxy-busy-buffers-size
nginx.org/proxy-connect-timeout nginx.org/proxy-hide-headers
nginx.org/proxy-max-temp-file-size nginx.org/proxy-next-upstream
nginx.org/proxy-next-upstream-timeout nginx.org/proxy-next-upstream-tries
nginx.org/proxy-pass-headers nginx.org/proxy-read-timeout nginx.org/proxy-redirect-from
nginx.org/proxy-redirect-to nginx.org/proxy-send-timeout nginx.org/proxy-set-headers
nginx.org/redirect-to-https nginx.org/rewrite-target nginx.org/rewrites
nginx.org/server-snippets nginx.org/server-tokens nginx.org/ssl-ciphers
nginx.org/ssl-prefer-server-ciphers nginx.org/ssl-redirect nginx.org/ssl-services
nginx.org/sticky-cookie-services nginx.org/upstream-zone-size nginx.org/use-cluster-ip
nginx.org/websocket-services
"""
              .strip()
              .split("\\s+"));

  /** Whether the key is F5 NGINX Ingress Controller's: {@code nginx.org/} or {@code nginx.com/}. */
  static boolean isF5(String key) {
    return key.startsWith("nginx.org/") || key.startsWith("nginx.com/");
  }

  /**
   * The catalog's name nearest to {@code name} (without the prefix) by edit distance (insertions,
   * deletions, substitutions and swaps of two neighbours), if one is within 2 edits, or 3 for names
   * of 12 characters and more; ties go to the first in the catalog.
   */
  static java.util.Optional<String> nearest(String name) {
    int limit = name.length() >= 12 ? 3 : 2;
    String best = null;
    int bestDistance = limit + 1;
    for (Known k : CATALOG) {
      int d = dev.wsingress.Suggestions.distance(name, k.name(), bestDistance);
      if (d < bestDistance) {
        best = k.name();
        bestDistance = d;
      }
    }
    return java.util.Optional.ofNullable(best);
  }

  /** ingress-nginx configmap.md: proxy-connect-timeout "cannot usually exceed 75 seconds". */
  static final long MAX_CONNECT_SECONDS = 75;

  /** Integer seconds, the unit of every ingress-nginx time. */
  static String seconds(Duration d) {
    return Long.toString(d.getSeconds());
  }
}
