package dev.wsingress.haproxy;

import static dev.wsingress.haproxy.AnnotationCatalog.Kind.BOOL;
import static dev.wsingress.haproxy.AnnotationCatalog.Kind.NUMBER;
import static dev.wsingress.haproxy.AnnotationCatalog.Kind.TEXT;
import static dev.wsingress.haproxy.AnnotationCatalog.Kind.TIME;

import dev.wsingress.Version;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every annotation and controller ConfigMap key that haproxytech/kubernetes-ingress reads in the
 * release lines wsingress supports (3.0 to 3.2): the objects it is read from, its value kind, its
 * default, the first and last release line that reads it, and whether the wsingress spec carries
 * it. The reader checks every key it finds against this catalog (unknown keys, keys on an object
 * the controller does not read them from, values the controller refuses); {@link
 * IngressAnnotations} holds the keys wsingress writes and reads with their units and parse rules.
 *
 * <p>Source: documentation/doc.yaml at v3.2.11 (the file documentation/annotations.md is generated
 * from: "Available on" is {@code applies_to}, the table's default is {@code default}), checked
 * against doc.yaml at v3.0.0 and v3.1.0 (the same keys and placements, plus {@code ingress.class}
 * up to 3.1; {@code cookie-persistence-no-dynamic} since 3.1, {@code rate-limit-whitelist} and
 * {@code generate-certificates-signer} since 3.2, as their {@code version_min} says); then the keys
 * the code reads that doc.yaml does not list, at v3.0.15, v3.1.17 and v3.2.11:
 * pkg/annotations/annotations.go ({@code abortonclose}, {@code cors-respond-to-options}),
 * pkg/service/service.go ({@code cr-backend}), pkg/controller/global.go ({@code cr-global}, {@code
 * cr-defaults}, {@code default-backend-service}), pkg/handler/prometheus.go ({@code
 * prometheus-endpoint-auth-secret}), pkg/service/endpoints.go ({@code servers-increment}, {@code
 * server-slots}, legacy names of {@code scale-server-slots}). A key without any prefix is read too
 * (pkg/store/convert.go keeps it as it is, and deploy/tests/e2e/crd-backend/config/deploy.yaml
 * annotates a Service {@code cr-backend: be-test}).
 */
final class AnnotationCatalog {
  private AnnotationCatalog() {}

  /** How the controller parses a value. */
  enum Kind {
    /** utils.GetBoolValue: strconv.ParseBool, plus deprecated on/off, enabled/disabled. */
    BOOL,
    /** utils.ParseTime: a number with ms, s, m, h or d; milliseconds without a unit. */
    TIME,
    /** strconv.Atoi / ParseInt. */
    NUMBER,
    /** Text the annotation's own handler reads. */
    TEXT
  }

  /**
   * One key.
   *
   * @param name the key without prefix
   * @param kind how its value is parsed
   * @param on the objects the controller reads it from
   * @param controllerDefault the documented default (null: none, the feature is off)
   * @param since the first release line that reads it (3.0 for older keys)
   * @param until the last release line that reads it, or null
   * @param carried whether the wsingress spec carries it (the import converts it)
   */
  record Entry(
      String name,
      Kind kind,
      Set<IngressAnnotations.On> on,
      String controllerDefault,
      Version since,
      Version until,
      boolean carried) {

    /** Whether release line {@code v} reads the key. */
    boolean readIn(Version v) {
      return v.isAtLeast(since) && (until == null || until.isAtLeast(v));
    }

    /** Whether the key is read from the controller ConfigMap only. */
    boolean configMapOnly() {
      return on.size() == 1 && on.contains(IngressAnnotations.On.CONFIGMAP);
    }
  }

  /**
   * The keys the spec carries: what {@link IngressAnnotations} writes, and what the reader turns
   * into spec settings ({@code server-ssl} into the backend protocol, {@code
   * cookie-persistence-no-dynamic} into cookie affinity, {@code ingress.class} into the class).
   */
  private static final Set<String> CARRIED =
      Set.of(
          "ssl-redirect",
          "ssl-redirect-port",
          "rate-limit-requests",
          "rate-limit-period",
          "rate-limit-status-code",
          "cors-enable",
          "cors-allow-origin",
          "cors-allow-methods",
          "cors-allow-headers",
          "cors-allow-credentials",
          "cors-max-age",
          "path-rewrite",
          "load-balance",
          "check",
          "check-http",
          "check-interval",
          "server-ca",
          "server-ssl",
          "timeout-server",
          "standalone-backend",
          "cr-backend",
          "cookie-persistence",
          "cookie-persistence-no-dynamic",
          "timeout-tunnel",
          "timeout-connect",
          "ingress.class");

  private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

  private static void e(
      String name, Kind kind, String on, String controllerDefault, String since, String until) {
    Set<IngressAnnotations.On> objects = EnumSet.noneOf(IngressAnnotations.On.class);
    for (char c : on.toCharArray()) {
      objects.add(
          c == 'C'
              ? IngressAnnotations.On.CONFIGMAP
              : c == 'I' ? IngressAnnotations.On.INGRESS : IngressAnnotations.On.SERVICE);
    }
    ENTRIES.put(
        name,
        new Entry(
            name,
            kind,
            Collections.unmodifiableSet(objects),
            controllerDefault,
            Version.parse(since),
            until == null ? null : Version.parse(until),
            CARRIED.contains(name)));
  }

  static {
    // Kind from doc.yaml's type; objects: C configmap, I ingress, S service (applies_to).
    e("auth-type", TEXT, "CI", null, "3.0", null);
    e("auth-secret", TEXT, "CI", null, "3.0", null);
    e("auth-realm", TEXT, "CI", "Protected Content", "3.0", null);
    e("blacklist", TEXT, "CI", null, "3.0", null);
    e("deny-list", TEXT, "CI", null, "3.0", null);
    e("check", BOOL, "CIS", "true", "3.0", null);
    e("check-http", TEXT, "CIS", null, "3.0", null);
    e("check-interval", TIME, "CIS", null, "3.0", null);
    e("clean-certs", BOOL, "C", "true", "3.0", null);
    e("client-ca", TEXT, "C", null, "3.0", null);
    e("client-crt-optional", BOOL, "C", "false", "3.0", null);
    e("client-strict-sni", BOOL, "C", "false", "3.0", null);
    e("generate-certificates-signer", TEXT, "C", null, "3.2", null);
    e("cors-enable", BOOL, "CI", "false", "3.0", null);
    e("cors-allow-origin", TEXT, "CI", "*", "3.0", null);
    e("cors-allow-methods", TEXT, "CI", "*", "3.0", null);
    e("cors-allow-credentials", BOOL, "CI", "false", "3.0", null);
    e("cors-allow-headers", TEXT, "CI", "*", "3.0", null);
    e("cors-max-age", TIME, "CI", "5s", "3.0", null);
    e("global-config-snippet", TEXT, "C", null, "3.0", null);
    e("frontend-config-snippet", TEXT, "C", null, "3.0", null);
    e("stats-config-snippet", TEXT, "C", null, "3.0", null);
    e("backend-config-snippet", TEXT, "CIS", null, "3.0", null);
    e("cookie-persistence", TEXT, "CIS", null, "3.0", null);
    e("cookie-persistence-no-dynamic", TEXT, "CIS", null, "3.1", null);
    e("dontlognull", BOOL, "C", "true", "3.0", null);
    e("src-ip-header", TEXT, "CI", null, "3.0", null);
    e("forwarded-for", BOOL, "CIS", "true", "3.0", null);
    e("hard-stop-after", TIME, "C", "30m", "3.0", null);
    e("http-connection-mode", TEXT, "C", "http-keep-alive", "3.0", null);
    e("http-keep-alive", BOOL, "C", "true", "3.0", null);
    e("http-server-close", BOOL, "C", "false", "3.0", null);
    e("ingress.class", TEXT, "I", null, "3.0", "3.1");
    e("load-balance", TEXT, "CIS", "roundrobin", "3.0", null);
    e("log-format", TEXT, "C", null, "3.0", null);
    e("log-format-tcp", TEXT, "C", null, "3.0", null);
    e("logasap", BOOL, "C", "false", "3.0", null);
    e("maxconn", NUMBER, "C", null, "3.0", null);
    e("nbthread", NUMBER, "C", null, "3.0", null);
    e("path-rewrite", TEXT, "CI", null, "3.0", null);
    e("pod-maxconn", NUMBER, "CIS", null, "3.0", null);
    e("proxy-protocol", TEXT, "C", null, "3.0", null);
    // pkg/annotations/common/main.go DefaultValues (v3.0.0 and v3.2.11): "60".
    e("quic-alt-svc-max-age", NUMBER, "C", "60", "3.0", null);
    e("rate-limit-period", TIME, "CI", "1s", "3.0", null);
    e("rate-limit-status-code", TEXT, "CI", "403", "3.0", null);
    e("rate-limit-requests", NUMBER, "CI", null, "3.0", null);
    e("rate-limit-size", TEXT, "CI", "100k", "3.0", null);
    e("rate-limit-whitelist", TEXT, "CI", null, "3.2", null);
    e("request-capture", TEXT, "CI", null, "3.0", null);
    e("request-capture-len", NUMBER, "CI", "128", "3.0", null);
    e("request-set-header", TEXT, "CI", null, "3.0", null);
    e("request-redirect", TEXT, "CI", null, "3.0", null);
    e("request-redirect-code", NUMBER, "CI", "302", "3.0", null);
    e("response-set-header", TEXT, "CI", null, "3.0", null);
    e("route-acl", TEXT, "S", null, "3.0", null);
    e("send-proxy-protocol", TEXT, "CIS", null, "3.0", null);
    e("server-ca", TEXT, "CIS", null, "3.0", null);
    e("server-crt", TEXT, "CIS", null, "3.0", null);
    e("server-proto", TEXT, "CIS", null, "3.0", null);
    e("server-ssl", BOOL, "CIS", "false", "3.0", null);
    e("set-host", TEXT, "CI", null, "3.0", null);
    e("scale-server-slots", NUMBER, "CIS", "42", "3.0", null);
    e("ssl-certificate", TEXT, "C", null, "3.0", null);
    e("ssl-passthrough", BOOL, "CIS", "false", "3.0", null);
    e("ssl-redirect", BOOL, "CI", "false", "3.0", null);
    e("ssl-redirect-code", TEXT, "CI", "302", "3.0", null);
    e("ssl-redirect-port", NUMBER, "CI", "8443", "3.0", null);
    e(
        "syslog-server",
        TEXT,
        "C",
        "address:127.0.0.1, facility: local0, level: notice",
        "3.0",
        null);
    // doc.yaml says ingress and service, but pkg/service/service.go New (v3.0.0, v3.1.17,
    // v3.2.11) also reads the ConfigMap's: any of the three equal to "true" makes it standalone.
    e("standalone-backend", BOOL, "CIS", null, "3.0", null);
    e("timeout-check", TIME, "CIS", null, "3.0", null);
    e("timeout-client", TIME, "C", "50s", "3.0", null);
    e("timeout-client-fin", TIME, "C", null, "3.0", null);
    e("timeout-connect", TIME, "C", "5s", "3.0", null);
    e("timeout-http-request", TIME, "C", "5s", "3.0", null);
    e("timeout-http-keep-alive", TIME, "C", "1m", "3.0", null);
    e("timeout-queue", TIME, "C", "5s", "3.0", null);
    e("timeout-server", TIME, "CIS", "50s", "3.0", null);
    e("timeout-server-fin", TIME, "C", null, "3.0", null);
    e("timeout-tunnel", TIME, "C", "1h", "3.0", null);
    e("whitelist", TEXT, "CI", null, "3.0", null);
    e("allow-list", TEXT, "CI", null, "3.0", null);
    e("tls-alpn", TEXT, "C", "h2,http/1.1", "3.0", null);
    // Read by the code, not in doc.yaml (see the class comment).
    e("abortonclose", BOOL, "CIS", null, "3.0", null);
    e("cors-respond-to-options", BOOL, "CI", null, "3.0", null);
    e("cr-backend", TEXT, "CIS", null, "3.0", null);
    e("cr-global", TEXT, "C", null, "3.0", null);
    e("cr-defaults", TEXT, "C", null, "3.0", null);
    e("default-backend-service", TEXT, "C", null, "3.0", null);
    e("prometheus-endpoint-auth-secret", TEXT, "C", null, "3.0", null);
    // Legacy names of scale-server-slots (pkg/service/endpoints.go).
    e("servers-increment", NUMBER, "CIS", null, "3.0", null);
    e("server-slots", NUMBER, "CIS", null, "3.0", null);
  }

  /** The key of this name, if haproxytech reads it in any supported release line. */
  static Optional<Entry> get(String name) {
    return Optional.ofNullable(ENTRIES.get(name));
  }

  /** Every key, in the order of doc.yaml. */
  static List<Entry> all() {
    return List.copyOf(ENTRIES.values());
  }

  /** The names of the keys release line {@code v} reads, for "did you mean". */
  static List<String> names(Version v) {
    return ENTRIES.values().stream().filter(e -> e.readIn(v)).map(Entry::name).toList();
  }
}
