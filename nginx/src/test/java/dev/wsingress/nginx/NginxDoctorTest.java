package dev.wsingress.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.Doctor;
import dev.wsingress.Manifests;
import dev.wsingress.Report;
import dev.wsingress.Severity;
import dev.wsingress.testing.Fixtures;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every ingress-nginx doctor rule, each with a failing and a passing fixture under {@code doctor/}:
 * the exact code, severity, line and column, and the exact message of the rules that matter most
 * for WebSocket traffic.
 */
class NginxDoctorTest {

  /**
   * Findings of almost every input, asserted by their own fixtures: the retirement note, the class
   * {@code nginx} read as ingress-nginx's when no IngressClass is in the input, and the ConfigMap
   * read as the controller's by its name.
   */
  static final Set<String> BACKGROUND =
      Set.of("NGINX-RETIRED", "NGINX-CLASS-ASSUMED", "NGINX-CONFIGMAP-ASSUMED");

  static Manifests fixture(String name) {
    return Fixtures.read(NginxDoctorTest.class, "doctor/" + name + ".yaml");
  }

  static Report check(String name) {
    return Doctor.with(Nginx.target()).check(fixture(name));
  }

  /** The nginx findings as {@code SEVERITY CODE line:column}, without the rule's background. */
  static List<String> found(Report r, String rule) {
    String code = "NGINX-" + rule.toUpperCase(Locale.ROOT);
    return r.findings().stream()
        .filter(f -> f.code().startsWith("NGINX-"))
        .filter(f -> f.code().equals(code) || !BACKGROUND.contains(f.code()))
        .map(
            f ->
                f.severity()
                    + " "
                    + f.code()
                    + " "
                    + f.source().map(s -> s.line() + ":" + s.column()).orElse("-"))
        .toList();
  }

  private static List<String> list(String semicolons) {
    return semicolons == null || semicolons.isBlank()
        ? List.of()
        : Arrays.stream(semicolons.split(";")).map(String::strip).toList();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "annotation-unknown | WARNING NGINX-ANNOTATION-UNKNOWN 7:5 |",
        "annotation-removed | WARNING NGINX-ANNOTATION-REMOVED 7:5 |",
        "f5-annotation | WARNING NGINX-F5-ANNOTATION 7:5 |",
        "keys-on-f5 | WARNING NGINX-KEYS-ON-F5 14:5 |",
        "not-a-string | ERROR NGINX-NOT-A-STRING 7:5 |",
        "value-ignored | WARNING NGINX-VALUE-IGNORED 7:5 |",
        "value-refused | ERROR NGINX-VALUE-REFUSED 7:5 |",
        "value-denied | ERROR NGINX-VALUE-DENIED 7:5 |",
        "value-dropped | WARNING NGINX-VALUE-DROPPED 8:5 |",
        "annotation-risk | ERROR NGINX-ANNOTATION-RISK 15:5 |",
        "connect-timeout-long | WARNING NGINX-CONNECT-TIMEOUT-LONG 7:5 |",
        "hash-constant | WARNING NGINX-HASH-CONSTANT 7:5 |",
        "hash-with-cookie | WARNING NGINX-HASH-WITH-COOKIE 8:5 |",
        "rewrite-no-capture | WARNING NGINX-REWRITE-NO-CAPTURE 7:5 |",
        "ws-timeout-default | WARNING NGINX-WS-TIMEOUT-DEFAULT 15:13 |",
        "upgrade-blocked | ERROR NGINX-UPGRADE-BLOCKED 9:5 |",
        "header-affinity | WARNING NGINX-HEADER-AFFINITY 9:5 |",
        "class-annotation | INFO NGINX-CLASS-ANNOTATION 7:5 |",
        "class-conflict | ERROR NGINX-CLASS-CONFLICT 7:5 |",
        "class-assumed | INFO NGINX-CLASS-ASSUMED 7:3 |",
        "host-ip | ERROR NGINX-HOST-IP 9:7 |",
        "api-removed | ERROR NGINX-API-REMOVED 1:1 |",
        "cookie-secure-false | INFO NGINX-COOKIE-SECURE-FALSE 8:5 |",
        "configmap-assumed | INFO NGINX-CONFIGMAP-ASSUMED 1:1 |",
        "configmap-value | WARNING NGINX-CONFIGMAP-VALUE 7:3 |",
        "controller-found | INFO NGINX-CONTROLLER-FOUND 1:1 |",
        "path-regex-unread | INFO NGINX-PATH-REGEX-UNREAD 14:13 |",
        "path-refused | ERROR NGINX-PATH-REFUSED 12:13 |",
        "raw-snippet | WARNING NGINX-RAW-SNIPPET 7:5 |",
        "rewrite-regex-host | WARNING NGINX-REWRITE-REGEX-HOST 7:5 |",
      })
  void each_rule_flags_its_failing_fixture_and_passes_the_other(
      String rule, String failing, String passing) {
    assertThat(found(check(rule + ".fail"), rule)).containsExactlyElementsOf(list(failing));
    assertThat(found(check(rule + ".pass"), rule)).containsExactlyElementsOf(list(passing));
  }

  static String message(String rule) {
    String code = "NGINX-" + rule.toUpperCase(Locale.ROOT);
    return check(rule + ".fail").findings().stream()
        .filter(f -> f.code().equals(code))
        .map(f -> f.subject() + ": " + f.message())
        .findFirst()
        .orElseThrow();
  }

  @Test
  void the_websocket_rules_say_exactly_what_happens() {
    assertThat(message("ws-timeout-default"))
        .isEqualTo(
            "Ingress default/chat: this Ingress carries WebSocket traffic (the path \"/socket.io\""
                + " has the WebSocket path segment /socket.io) and leaves proxy-read-timeout at its"
                + " default of 60 s (configmap.md): nginx closes an upgraded connection after 60 s"
                + " without data in either direction (ngx_http_upstream_process_upgraded re-arms"
                + " proxy_read_timeout).");
    assertThat(message("value-ignored"))
        .isEqualTo(
            "Ingress default/chat: the annotation nginx.ingress.kubernetes.io/proxy-read-timeout"
                + " \"30s\" fails parser.ValidateInt (strconv.Atoi: an integer, no unit)"
                + " (internal/ingress/annotations/proxy/main.go): ingress-nginx ignores it and uses"
                + " its default 60 s.");
    assertThat(message("annotation-unknown"))
        .isEqualTo(
            "Ingress default/chat: nginx.ingress.kubernetes.io/proxy-read-timout is not an"
                + " annotation ingress-nginx reads; did you mean"
                + " nginx.ingress.kubernetes.io/proxy-read-timeout?");
    assertThat(message("f5-annotation"))
        .isEqualTo(
            "Ingress default/chat: nginx.org/websocket-services is an F5 NGINX Ingress Controller"
                + " annotation (nginx/kubernetes-ingress v5.5.4 internal/configs/annotations.go);"
                + " ingress-nginx never reads it. ingress-nginx needs no such annotation: every"
                + " location forwards the upgrade (nginx.tmpl \"Allow websocket connections\");"
                + " what keeps an idle WebSocket open is"
                + " nginx.ingress.kubernetes.io/proxy-read-timeout, in integer seconds.");
    assertThat(message("upgrade-blocked"))
        .isEqualTo(
            "Ingress default/chat: connection-proxy-header replaces the Connection: upgrade header"
                + " (nginx.tmpl \"Allow websocket connections\"), so the WebSocket handshake of"
                + " this route (the idle timeout is raised to 1 h"
                + " (doctor/upgrade-blocked.fail.yaml:7:5)) never reaches the pod as an upgrade.");
    assertThat(message("hash-constant"))
        .isEqualTo(
            "Ingress default/chat: upstream-hash-by \"remote_addr\" names no nginx variable, so"
                + " every request hashes the same text and goes to the same pod"
                + " (rootfs/etc/nginx/lua/balancer/chash.lua).");
    assertThat(message("rewrite-no-capture"))
        .isEqualTo(
            "Ingress default/chat: rewrite-target \"/\" uses no capture group, so every request"
                + " this Ingress matches is rewritten to \"/\" (template.go buildProxyPass: rewrite"
                + " \"(?i)<path>\" <target> break;).");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "docs-websocket",
        "helm-controller-and-ingresses",
        "rewrite-and-tls",
        "common-annotations"
      })
  void correct_upstream_style_manifests_stay_clean(String name) {
    Report r = Doctor.with(Nginx.target()).check(fixture("clean/" + name));
    assertThat(r.findings().stream().filter(f -> f.severity() != Severity.INFO)).isEmpty();
  }
}
