package dev.wsingress.haproxy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsingress.Manifest;
import dev.wsingress.Reading;
import dev.wsingress.Source;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The second, small reader of this module: objects of the jcmoraisjr HAProxy Ingress controller
 * (github.com/jcmoraisjr/haproxy-ingress, another project than haproxytech's, whose docs the seed
 * links), told apart from haproxytech's so that they are not claimed for it, and checked for its
 * own unit rule. It adds no routes: wsingress renders for haproxytech only, so these objects are
 * neither judged as haproxytech routes nor converted ({@code HAPROXY-INGRESS-IDENTIFIED}).
 *
 * <p>What it knows, from jcmoraisjr/haproxy-ingress at v0.14.12 and v0.16.1 (the same in both):
 *
 * <ul>
 *   <li>which Ingresses it serves: the annotation {@code kubernetes.io/ingress.class} equal to its
 *       {@code --ingress-class} ({@code haproxy} by default), or {@code spec.ingressClassName}
 *       naming an IngressClass whose controller is {@code haproxy-ingress.github.io/controller}
 *       (pkg/controller/services/cache.go {@code IsValidIngress}, pkg/controller/config/config.go
 *       {@code controllerName}); an IngressClass that is not found serves nothing;
 *   <li>its annotation prefixes {@code haproxy-ingress.github.io/} and {@code
 *       ingress.kubernetes.io/} ({@code --annotations-prefix}, pkg/controller/config/options.go);
 *       {@code haproxy.org/} is not one of them;
 *   <li>its keys (docs/content/en/docs/configuration/keys.md at v0.16.1: {@link #KEYS} can be
 *       annotations, {@link #GLOBAL_KEYS} are ConfigMap-only);
 *   <li>its times: {@code validateTime} (pkg/converters/ingress/annotations/updater.go) accepts
 *       only {@code ^[0-9]+(us|ms|s|m|h|d)$} and otherwise logs "ignoring invalid time format" and
 *       uses nothing. keys.md "Timeout" says "The unit defaults to milliseconds if missing": the
 *       code disagrees, and the code is what runs. An annotation's refused time leaves the backend
 *       without its own line, so the controller-wide value applies (the ConfigMap's, else the
 *       default); a refused ConfigMap time leaves the defaults section without it:
 *       rootfs/etc/templates/haproxy/haproxy.tmpl writes {@code timeout client}, {@code connect}
 *       and {@code server} as {@code --} then, which HAProxy refuses, and drops the other lines, so
 *       without {@code timeout tunnel} an upgraded WebSocket keeps the client and server timeouts
 *       (haproxy/haproxy v3.2.0 src/stream.c: the tunnel timeout replaces them only when set).
 * </ul>
 */
final class HaProxyIngressReader {

  /** The IngressClass controller (pkg/controller/config/config.go). */
  static final String CONTROLLER = "haproxy-ingress.github.io/controller";

  /** Its annotation prefixes, default {@code --annotations-prefix}. */
  static final List<String> PREFIXES =
      List.of("haproxy-ingress.github.io/", "ingress.kubernetes.io/");

  /** updater.go {@code regexValidTime}. */
  private static final Pattern VALID_TIME = Pattern.compile("^[0-9]+(us|ms|s|m|h|d)$");

  /** keys.md: the keys of the Backend, Host, Path and TCP scopes (annotations). */
  static final Set<String> KEYS =
      Set.of(
          "acme-preferred-chain",
          "affinity",
          "agent-check-addr",
          "agent-check-interval",
          "agent-check-port",
          "agent-check-send",
          "allowlist-source-header",
          "allowlist-source-range",
          "app-root",
          "assign-backend-server-id",
          "auth-external-placement",
          "auth-headers-fail",
          "auth-headers-request",
          "auth-headers-succeed",
          "auth-method",
          "auth-realm",
          "auth-secret",
          "auth-signin",
          "auth-tls-cert-header",
          "auth-tls-error-page",
          "auth-tls-secret",
          "auth-tls-strict",
          "auth-tls-verify-client",
          "auth-url",
          "backend-protocol",
          "backend-server-naming",
          "backend-server-slots-increment",
          "balance-algorithm",
          "blue-green-balance",
          "blue-green-cookie",
          "blue-green-header",
          "blue-green-mode",
          "cert-signer",
          "config-backend",
          "config-backend-early",
          "config-backend-late",
          "config-tcp-service",
          "cors-allow-credentials",
          "cors-allow-headers",
          "cors-allow-methods",
          "cors-allow-origin",
          "cors-allow-origin-regex",
          "cors-enable",
          "cors-expose-headers",
          "cors-max-age",
          "denylist-source-range",
          "fcgi-app",
          "headers",
          "health-check-addr",
          "health-check-fall-count",
          "health-check-interval",
          "health-check-port",
          "health-check-rise-count",
          "health-check-uri",
          "hsts",
          "hsts-include-subdomains",
          "hsts-max-age",
          "hsts-preload",
          "http-header-match",
          "http-header-match-regex",
          "initial-weight",
          "limit-connections",
          "limit-rps",
          "limit-whitelist",
          "maxconn-server",
          "maxqueue-server",
          "oauth",
          "oauth-headers",
          "oauth-uri-prefix",
          "path-type",
          "peers-table",
          "proxy-body-size",
          "proxy-protocol",
          "redirect-from",
          "redirect-from-regex",
          "redirect-to",
          "rewrite-target",
          "secure-backends",
          "secure-crt-secret",
          "secure-sni",
          "secure-verify-ca-secret",
          "secure-verify-hostname",
          "server-alias",
          "server-alias-regex",
          "service-upstream",
          "session-cookie-domain",
          "session-cookie-dynamic",
          "session-cookie-keywords",
          "session-cookie-name",
          "session-cookie-preserve",
          "session-cookie-same-site",
          "session-cookie-shared",
          "session-cookie-strategy",
          "session-cookie-value-strategy",
          "slots-min-free",
          "source-address-intf",
          "ssl-always-add-https",
          "ssl-always-follow-redirect",
          "ssl-cipher-suites",
          "ssl-cipher-suites-backend",
          "ssl-ciphers",
          "ssl-ciphers-backend",
          "ssl-fingerprint-lower",
          "ssl-fingerprint-sha2-bits",
          "ssl-options-backend",
          "ssl-options-host",
          "ssl-passthrough",
          "ssl-passthrough-http-port",
          "ssl-redirect",
          "tcp-service-log-format",
          "tcp-service-port",
          "tcp-service-proxy-protocol",
          "timeout-connect",
          "timeout-http-request",
          "timeout-keep-alive",
          "timeout-queue",
          "timeout-server",
          "timeout-server-fin",
          "timeout-tunnel",
          "tls-alpn",
          "use-resolver",
          "var-namespace",
          "waf",
          "waf-mode",
          "whitelist-source-range");

  /** keys.md: the keys of the Global scope (the ConfigMap only). */
  static final Set<String> GLOBAL_KEYS =
      Set.of(
          "acme-emails",
          "acme-endpoint",
          "acme-expiring",
          "acme-shared",
          "acme-terms-agreed",
          "auth-log-format",
          "auth-proxy",
          "auth-tls-default-secret",
          "bind-fronting-proxy",
          "bind-http",
          "bind-https",
          "bind-ip-addr-healthz",
          "bind-ip-addr-http",
          "bind-ip-addr-prometheus",
          "bind-ip-addr-stats",
          "bind-ip-addr-tcp",
          "close-sessions-duration",
          "config-defaults",
          "config-frontend",
          "config-frontend-early",
          "config-frontend-late",
          "config-global",
          "config-peers",
          "config-proxy",
          "config-sections",
          "config-tcp",
          "cookie-key",
          "cpu-map",
          "cross-namespace-secrets-ca",
          "cross-namespace-secrets-crt",
          "cross-namespace-secrets-passwd",
          "cross-namespace-services",
          "default-backend-redirect",
          "default-backend-redirect-code",
          "dns-accepted-payload-size",
          "dns-cluster-domain",
          "dns-hold-obsolete",
          "dns-hold-valid",
          "dns-resolvers",
          "dns-timeout-retry",
          "drain-support",
          "drain-support-redispatch",
          "dynamic-scaling",
          "external-has-lua",
          "fcgi-enabled-apps",
          "forwardfor",
          "fronting-proxy-port",
          "groupname",
          "healthz-port",
          "http-log-format",
          "http-port",
          "http-response-prometheus-root",
          "https-log-format",
          "https-port",
          "https-to-http-port",
          "load-server-state",
          "master-exit-on-failure",
          "max-connections",
          "modsecurity-args",
          "modsecurity-endpoints",
          "modsecurity-timeout-connect",
          "modsecurity-timeout-hello",
          "modsecurity-timeout-idle",
          "modsecurity-timeout-processing",
          "modsecurity-timeout-server",
          "modsecurity-use-coraza",
          "nbproc-ssl",
          "nbthread",
          "no-redirect-locations",
          "no-tls-redirect-locations",
          "original-forwarded-for-hdr",
          "path-type-order",
          "peers-name",
          "peers-port",
          "peers-table-global",
          "prometheus-port",
          "real-ip-hdr",
          "redirect-from-code",
          "redirect-to-code",
          "ssl-dh-default-max-size",
          "ssl-dh-param",
          "ssl-engine",
          "ssl-headers-prefix",
          "ssl-mode-async",
          "ssl-options",
          "ssl-redirect-code",
          "stats-auth",
          "stats-port",
          "stats-proxy-protocol",
          "stats-ssl-cert",
          "strict-host",
          "syslog-endpoint",
          "syslog-format",
          "syslog-length",
          "syslog-tag",
          "tcp-log-format",
          "timeout-client",
          "timeout-client-fin",
          "timeout-stop",
          "use-chroot",
          "use-cpu-map",
          "use-forwarded-proto",
          "use-haproxy-user",
          "use-htx",
          "use-proxy-protocol",
          "username",
          "worker-max-reloads");

  /**
   * The keys whose values go through {@code validateTime}, with their defaults
   * (pkg/converters/ingress/defaults.go): the backend's, which an annotation may set, and the
   * global ones.
   */
  private static final Map<String, String> TIMES = new LinkedHashMap<>();

  /** The global times the defaults section writes as {@code --} when they are refused. */
  private static final Set<String> DASHED =
      Set.of("timeout-client", "timeout-connect", "timeout-server");

  static {
    TIMES.put("timeout-connect", "5s");
    TIMES.put("timeout-http-request", "5s");
    TIMES.put("timeout-keep-alive", "1m");
    TIMES.put("timeout-queue", "5s");
    TIMES.put("timeout-server", "50s");
    TIMES.put("timeout-server-fin", "50s");
    TIMES.put("timeout-tunnel", "1h");
    TIMES.put("health-check-interval", "2s");
    TIMES.put("agent-check-interval", null);
    TIMES.put("timeout-client", "50s");
    TIMES.put("timeout-client-fin", "50s");
    TIMES.put("timeout-stop", "10m");
  }

  private final Reading out;
  private final Map<Manifest, Boolean> checked = new IdentityHashMap<>();
  private Manifest configMap;

  HaProxyIngressReader(Reading out) {
    this.out = out;
  }

  /** Whether the key has one of its prefixes. */
  static boolean hasPrefix(String key) {
    return key.startsWith(PREFIXES.get(0)) || key.startsWith(PREFIXES.get(1));
  }

  private static String name(String key) {
    return key.substring(key.indexOf('/') + 1);
  }

  /** Whether the object has a key under this controller's own prefix haproxy-ingress.github.io/. */
  static boolean hasOwnPrefixKey(Manifest m) {
    for (String key : m.annotations().keySet()) {
      if (key.startsWith(PREFIXES.get(0))) {
        return true;
      }
    }
    return false;
  }

  /**
   * How strongly an object's annotations say it is configured for this controller rather than for
   * haproxytech: the {@code haproxy-ingress.github.io/} keys, and the {@code
   * ingress.kubernetes.io/} keys that this controller reads on an Ingress and haproxytech does not
   * (a haproxytech key there counts against).
   */
  static int votes(Manifest m, dev.wsingress.Version haproxytech) {
    int votes = 0;
    for (String key : m.annotations().keySet()) {
      if (key.startsWith(PREFIXES.get(0))) {
        votes += 2;
      } else if (key.startsWith(PREFIXES.get(1))) {
        String n = name(key);
        boolean ours = KEYS.contains(n);
        boolean theirs =
            AnnotationCatalog.get(n)
                .map(e -> e.readIn(haproxytech) && e.on().contains(IngressAnnotations.On.INGRESS))
                .orElse(false);
        votes += ours && !theirs ? 1 : theirs && !ours ? -1 : 0;
      } else if (key.startsWith(IngressAnnotations.PREFIX) || key.startsWith("haproxy.com/")) {
        votes -= 2;
      }
    }
    return votes;
  }

  /**
   * Reports that this controller serves the Ingress ({@code why} says how the reader knows), and
   * checks its keys and those of its Services.
   */
  void readIngress(Manifest ing, String why, Iterable<Manifest> services) {
    out.understood(ing);
    out.report(
        ing,
        HaProxyIngressFinding.IDENTIFIED,
        ing.source(),
        "this Ingress is served by HAProxy Ingress (jcmoraisjr/haproxy-ingress), not by"
            + " haproxytech's controller: "
            + why
            + ".");
    keys(ing, true);
    for (Manifest svc : services) {
      if (checked.put(svc, Boolean.TRUE) == null) {
        keys(svc, false);
      }
    }
  }

  private void keys(Manifest m, boolean ingress) {
    JsonNode map = m.tree().path("metadata").path("annotations");
    Iterator<Map.Entry<String, JsonNode>> it = map.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      Source at = m.source(map, key);
      if (ingress
          && (key.startsWith(IngressAnnotations.PREFIX) || key.startsWith("haproxy.com/"))) {
        out.report(
            m,
            HaProxyIngressFinding.HAPROXYTECH_KEY,
            at,
            "the annotation "
                + key
                + " is haproxytech's; HAProxy Ingress reads the prefixes haproxy-ingress.github.io/"
                + " and ingress.kubernetes.io/ only (--annotations-prefix), so it ignores it.");
        continue;
      }
      if (!hasPrefix(key) || !e.getValue().isValueNode()) {
        continue;
      }
      String n = name(key);
      if (KEYS.contains(n) && TIMES.containsKey(n)) {
        time(m, key, n, e.getValue().asText(), at, false);
      }
    }
  }

  /** Checks the times of this controller's ConfigMap ({@code --configmap}, found by its keys). */
  void readConfigMap(Manifest cm) {
    configMap = cm;
    out.understood(cm);
    JsonNode data = cm.tree().path("data");
    Iterator<Map.Entry<String, JsonNode>> it = data.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (TIMES.containsKey(e.getKey()) && e.getValue().isValueNode()) {
        time(cm, e.getKey(), e.getKey(), e.getValue().asText(), cm.source(data, e.getKey()), true);
      }
    }
  }

  private void time(Manifest m, String key, String name, String value, Source at, boolean global) {
    if (VALID_TIME.matcher(value).matches()) {
      return;
    }
    String what =
        value.matches("[0-9]+")
            ? "has no unit"
            : "is not a number with one of the units us, ms, s, m, h, d";
    String effect;
    if (!global) {
      String def = TIMES.get(name);
      String cm = configMap == null ? "" : " (" + configMap.subject() + " in the input may set it)";
      effect =
          "so the controller-wide value applies: the ConfigMap's "
              + name
              + (def == null ? "" : ", else the default " + def)
              + cm;
    } else if (DASHED.contains(name)) {
      effect =
          "so the defaults section gets \"timeout "
              + name.substring("timeout-".length())
              + " --\" (haproxy.tmpl), which HAProxy refuses: the new configuration does not load";
    } else if (name.equals("timeout-tunnel")) {
      effect =
          "so the defaults section has no timeout tunnel (haproxy.tmpl), and an idle WebSocket is"
              + " closed by timeout-client and timeout-server instead (50s by default)";
    } else {
      effect = "so the defaults section has no " + name + " line (haproxy.tmpl)";
    }
    out.report(
        m,
        HaProxyIngressFinding.TIME_REFUSED,
        at,
        (global ? "the ConfigMap key " : "the annotation ")
            + key
            + ": \""
            + value
            + "\" "
            + what
            + ": HAProxy Ingress ignores it (pkg/converters/ingress/annotations/updater.go"
            + " validateTime: \"ignoring invalid time format\"), "
            + effect
            + ".");
  }

  /** For tests: the keys, sorted. */
  static List<String> keys() {
    return Collections.unmodifiableList(new java.util.ArrayList<>(new java.util.TreeSet<>(KEYS)));
  }
}
