package dev.wsingress.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.Affinity;
import dev.wsingress.BackendProtocol;
import dev.wsingress.Doctor;
import dev.wsingress.Finding;
import dev.wsingress.Manifests;
import dev.wsingress.Reading;
import dev.wsingress.ServedRoute;
import dev.wsingress.ServedRoute.HostMatch;
import dev.wsingress.ServedRoute.PathMatch;
import dev.wsingress.Setting;
import dev.wsingress.Source;
import dev.wsingress.Tls;
import dev.wsingress.testing.Fixtures;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The HAProxy doctor rules (issue 15), each with a fixture that breaks it and one that keeps it,
 * and the routes haproxytech serves from them. Findings are asserted as {@code line:column SEVERITY
 * CODE} (the HAPROXY ones; core's are core's tests'), and the headline messages word for word.
 */
class HaProxyDoctorTest {

  static Manifests fixture(String name) {
    return fixture("doctor", name);
  }

  /** The fixture {@code dir/name.yaml} next to this class, named so in findings. */
  static Manifests fixture(String dir, String name) {
    return Fixtures.read(HaProxyDoctorTest.class, dir + "/" + name + ".yaml");
  }

  static List<Finding> findings(HaProxy target, String name) {
    return Doctor.with(target).check(fixture(name)).findings().stream()
        .filter(f -> f.code().startsWith("HAPROXY"))
        .toList();
  }

  static List<String> haproxy(HaProxy target, String name) {
    return lines(findings(target, name));
  }

  /** Each finding as {@code line:column SEVERITY CODE}. */
  static List<String> lines(List<Finding> findings) {
    return findings.stream()
        .map(
            f ->
                f.source().map(s -> s.line() + ":" + s.column()).orElse("-")
                    + " "
                    + f.severity()
                    + " "
                    + f.code())
        .toList();
  }

  static List<String> haproxy(String name) {
    return haproxy(HaProxy.target(), name);
  }

  static Finding only(String name, String code) {
    return findings(HaProxy.target(), name).stream()
        .filter(f -> f.code().equals(code))
        .reduce(
            (a, b) -> {
              throw new AssertionError("two " + code + " in " + name);
            })
        .orElseThrow(() -> new AssertionError("no " + code + " in " + name));
  }

  static List<ServedRoute> routes(String name) {
    return Reading.of(HaProxy.target(), fixture(name)).routes();
  }

  static Source at(String name, int line, int column) {
    return new Source("doctor/" + name + ".yaml", line, column);
  }

  // --- times ------------------------------------------------------------------------------------

  @Test
  void a_time_without_a_unit_is_milliseconds() {
    // pkg/utils/utils.go ParseTime: "3600" is 3600 ms.
    assertThat(haproxy("time-unitless"))
        .containsExactly(
            "2:1 INFO HAPROXY-CONFIGMAP-READ",
            "8:3 WARNING HAPROXY-TIME-UNITLESS",
            "8:3 WARNING HAPROXY-TUNNEL-TIMEOUT-SHORT",
            "9:3 INFO HAPROXY-TIME-MILLISECONDS",
            "17:5 WARNING HAPROXY-TIME-UNITLESS",
            "18:5 WARNING HAPROXY-TIME-UNITLESS");
    assertThat(findings(HaProxy.target(), "time-unitless").get(1).message())
        .isEqualTo(
            "the ConfigMap key timeout-tunnel: \"3600\" has no unit, so haproxytech reads it as"
                + " 3600 ms (3.6 s): utils.ParseTime (pkg/utils/utils.go) takes a number without a"
                + " unit as milliseconds; 3600s would be 3600 seconds.");
    assertThat(findings(HaProxy.target(), "time-unitless").get(5).message())
        .isEqualTo(
            "the annotation haproxy.org/check-interval: \"10\" has no unit, so haproxytech reads it"
                + " as 10 ms: utils.ParseTime (pkg/utils/utils.go) takes a number without a unit as"
                + " milliseconds; 10s would be 10 seconds.");
    ServedRoute r = routes("time-unitless").get(0);
    assertThat(r.idleTimeout())
        .contains(Setting.controllerWide(Duration.ofMillis(3600), at("time-unitless", 8, 3)));
    assertThat(haproxy("time-with-unit")).containsExactly("1:1 INFO HAPROXY-CONFIGMAP-READ");
  }

  @Test
  void values_the_controller_refuses_are_read_as_it_reads_them() {
    assertThat(haproxy("values-invalid"))
        .containsExactly(
            "7:5 WARNING HAPROXY-VALUE-INVALID",
            "8:5 WARNING HAPROXY-VALUE-INVALID",
            "23:5 WARNING HAPROXY-VALUE-INVALID",
            "24:5 WARNING HAPROXY-VALUE-INVALID",
            "25:5 WARNING HAPROXY-VALUE-INVALID");
    assertThat(findings(HaProxy.target(), "values-invalid").get(2).message())
        .isEqualTo(
            "the annotation haproxy.org/timeout-server: haproxytech refuses \"1h30m\""
                + " (utils.ParseTime: an integer with ms, s, m, h or d, or milliseconds), logs an"
                + " error and goes on without it.");
    ServedRoute r = routes("values-invalid").get(0);
    // The cookie's first word; server-ssl on without a usable CA; ssl-redirect "yes" is off.
    assertThat(r.affinity().orElseThrow().value())
        .isEqualTo(Affinity.cookie("SERVERID").httpOnly(false));
    assertThat(r.backendProtocol().orElseThrow().value()).isEqualTo(BackendProtocol.HTTPS);
    assertThat(r.backendCaSecret()).isEmpty();
    assertThat(haproxy("value-not-string"))
        .containsExactly(
            "7:5 INFO HAPROXY-CLIENT-ADDRESS",
            "7:5 WARNING HAPROXY-RATE-LIMIT",
            "7:5 ERROR HAPROXY-VALUE-NOT-STRING",
            "8:5 ERROR HAPROXY-VALUE-NOT-STRING");
  }

  // --- placement --------------------------------------------------------------------------------

  @Test
  void configmap_only_keys_on_an_ingress_are_ignored() {
    assertThat(haproxy("configmap-only-on-ingress"))
        .containsExactly(
            "8:5 WARNING HAPROXY-CONFIGMAP-ONLY-KEY", "9:5 WARNING HAPROXY-CONFIGMAP-ONLY-KEY");
    assertThat(findings(HaProxy.target(), "configmap-only-on-ingress").get(0).message())
        .isEqualTo(
            "the annotation haproxy.org/timeout-tunnel is read from the controller ConfigMap only"
                + " (documentation/annotations.md, \"Available on\": configmap), so haproxytech"
                + " ignores it on an Ingress: the tunnel timeout, which governs an idle upgraded"
                + " WebSocket, stays the ConfigMap's or its default of 1h.");
    assertThat(routes("configmap-only-on-ingress").get(0).idleTimeout().orElseThrow().origin())
        .isEqualTo(Setting.Origin.DEFAULT);
    assertThat(haproxy("configmap-only-in-configmap"))
        .containsExactly("1:1 INFO HAPROXY-CONFIGMAP-READ");
    assertThat(routes("configmap-only-in-configmap").get(0).idleTimeout())
        .contains(
            Setting.controllerWide(Duration.ofHours(2), at("configmap-only-in-configmap", 9, 3)));
    assertThat(routes("configmap-only-in-configmap").get(0).target())
        .isEqualTo(
            HaProxy.target().controllerConfig("haproxy-controller", "haproxy-kubernetes-ingress"));
  }

  @Test
  void cookie_persistence_on_an_ingress_is_read_and_deprecated() {
    assertThat(haproxy("cookie-on-ingress")).containsExactly("7:5 INFO HAPROXY-COOKIE-ON-INGRESS");
    assertThat(routes("cookie-on-ingress").get(0).affinity())
        .contains(
            Setting.of(
                Affinity.cookie("ws-server").httpOnly(false), at("cookie-on-ingress", 7, 5)));
    assertThat(haproxy("cookie-on-service")).isEmpty();
    assertThat(routes("cookie-on-service").get(0).affinity().orElseThrow().source())
        .contains(at("cookie-on-service", 7, 5));
  }

  // --- H1, H2, H4: redirect port, CORS origin, the CA key ---------------------------------------

  @Test
  void the_https_redirect_goes_to_8443_without_a_port() {
    assertThat(haproxy("redirect-default-port"))
        .containsExactly("8:3 WARNING HAPROXY-REDIRECT-PORT");
    assertThat(only("redirect-default-port", "HAPROXY-REDIRECT-PORT").message())
        .isEqualTo(
            "haproxytech redirects http:// requests of this Ingress to https:// (on by default for"
                + " an Ingress with a tls section, pkg/annotations/ingress/httpsRedirect.go) on"
                + " port 8443, the default of ssl-redirect-port (pkg/annotations/common/main.go"
                + " DefaultValues; rules/reqRequestRedirect.go always writes the port): that is the"
                + " controller pod's port, not the 443 its Service offers (no controller ConfigMap"
                + " in the input sets another).");
    assertThat(routes("redirect-default-port").get(0).tls())
        .contains(
            Setting.of(
                Tls.secret("chat-tls").hosts("chat.example.com"),
                at("redirect-default-port", 9, 7)));
    assertThat(haproxy("redirect-port-443")).isEmpty();
  }

  @Test
  void an_unanchored_cors_origin_matches_other_origins() {
    assertThat(haproxy("cors-unanchored"))
        .containsExactly("8:5 WARNING HAPROXY-CORS-ORIGIN-UNANCHORED");
    assertThat(only("cors-unanchored", "HAPROXY-CORS-ORIGIN-UNANCHORED").message())
        .isEqualTo(
            "haproxy.org/cors-allow-origin: \"https://app.example.com\" is a regular expression"
                + " haproxytech matches anywhere in the Origin header"
                + " (pkg/annotations/ingress/resSetCORS.go: -m reg) and then reflects, so it also"
                + " matches \"https://app.example.com.evil.example\" (the regex is not anchored"
                + " with $).");
    assertThat(haproxy("cors-anchored")).isEmpty();
    assertThat(routes("cors-anchored").get(0).cors().orElseThrow().value().origins())
        .containsExactly("https://app.example.com");
  }

  @Test
  void a_ca_secret_without_tls_crt_leaves_the_backend_unverified() {
    assertThat(haproxy("server-ca-without-crt"))
        .containsExactly("18:5 WARNING HAPROXY-SERVER-CA-MISSING-CRT");
    assertThat(only("server-ca-without-crt", "HAPROXY-SERVER-CA-MISSING-CRT").message())
        .isEqualTo(
            "haproxy.org/server-ca names Secret default/backend-ca, which has no tls.crt:"
                + " haproxytech reads a CA from tls.crt only (pkg/haproxy/certs/main.go"
                + " writeSecret: \"certificate missing\"), so ca.go sets no CA file and"
                + " server-ssl's \"verify none\" stays (pkg/annotations/service/ssl.go): the"
                + " backend's certificate is not verified.");
    assertThat(routes("server-ca-without-crt").get(0).backendCaSecret()).isEmpty();
    assertThat(haproxy("server-ca-with-crt")).isEmpty();
    assertThat(routes("server-ca-with-crt").get(0).backendCaSecret())
        .contains(Setting.of("backend-ca", at("server-ca-with-crt", 18, 5)));
  }

  // --- H3, H7: per-pod rate limits, the client's address ----------------------------------------

  @Test
  void rate_limits_count_per_pod_and_need_the_client_address() {
    assertThat(haproxy("rate-limit-websocket"))
        .containsExactly("7:5 WARNING HAPROXY-RATE-LIMIT", "9:5 INFO HAPROXY-CLIENT-ADDRESS");
    assertThat(only("rate-limit-websocket", "HAPROXY-CLIENT-ADDRESS").message())
        .isEqualTo(
            "load-balance: source hashes, and rate-limit-requests counts per, the source address of"
                + " the connection HAProxy receives; no controller ConfigMap in the input set"
                + " proxy-protocol, so behind a load balancer that does not pass the client's"
                + " address on every client looks alike.");
    // A plain route gets no WebSocket finding; PROXY protocol in the ConfigMap keeps source quiet.
    assertThat(haproxy("rate-limit-plain")).isEmpty();
    assertThat(haproxy("source-behind-proxy-protocol"))
        .containsExactly("1:1 INFO HAPROXY-CONFIGMAP-READ");
    assertThat(routes("source-behind-proxy-protocol").get(0).affinity().orElseThrow().value())
        .isEqualTo(Affinity.clientIp());
  }

  // --- the tunnel timeout -----------------------------------------------------------------------

  @Test
  void the_tunnel_timeout_is_fine_at_its_default_and_reported_when_lowered() {
    // 1 h is the default (pkg/haproxy/env/defaults.go): nothing to report.
    assertThat(haproxy("tunnel-default")).isEmpty();
    ServedRoute ws = routes("tunnel-default").get(0);
    assertThat(ws.isWebSocket()).isTrue();
    assertThat(ws.idleTimeout())
        .contains(
            Setting.byDefault(
                Duration.ofHours(1),
                "haproxytech kubernetes-ingress v3.2.11 pkg/haproxy/env/defaults.go SetDefaults"
                    + " (timeout-tunnel)"));
    assertThat(haproxy("tunnel-lowered"))
        .containsExactly(
            "1:1 INFO HAPROXY-CONFIGMAP-READ", "9:3 WARNING HAPROXY-TUNNEL-TIMEOUT-SHORT");
    assertThat(only("tunnel-lowered", "HAPROXY-TUNNEL-TIMEOUT-SHORT").message())
        .isEqualTo(
            "the WebSocket route chat.example.com/ws closes an upgraded connection after 30 s"
                + " without traffic: its tunnel timeout is 30 s (controller-wide,"
                + " doctor/tunnel-lowered.yaml:9:3).");
    // The plain route /api of the same Ingress gets no WebSocket finding.
    assertThat(routes("tunnel-lowered").get(1).isWebSocket()).isFalse();
    assertThat(haproxy("server-timeout-websocket"))
        .containsExactly("7:5 WARNING HAPROXY-SERVER-TIMEOUT-NOT-IDLE");
    assertThat(haproxy("server-timeout-within-tunnel")).isEmpty();
  }

  // --- unknown keys -----------------------------------------------------------------------------

  @Test
  void unknown_keys_get_a_did_you_mean() {
    List<Finding> f = findings(HaProxy.target(), "misspelled");
    assertThat(haproxy("misspelled"))
        .containsExactly(
            "7:5 WARNING HAPROXY-UNKNOWN-KEY",
            "8:5 WARNING HAPROXY-UNKNOWN-KEY",
            "9:5 WARNING HAPROXY-UNKNOWN-KEY",
            "10:5 WARNING HAPROXY-UNKNOWN-KEY");
    assertThat(f.stream().map(Finding::message))
        .containsExactly(
            "the annotation haproxy.org/load-balancing is not a haproxytech key"
                + " (documentation/annotations.md); did you mean load-balance?",
            "the annotation haproxy.org/cookie-persistance is not a haproxytech key"
                + " (documentation/annotations.md); did you mean cookie-persistence?",
            "the annotation haproxy.org/websocket is not a haproxytech key"
                + " (documentation/annotations.md).",
            "the annotation ingress.kubernetes.io/session-cookie-name is not a haproxytech key"
                + " (documentation/annotations.md); it is a key of the jcmoraisjr HAProxy Ingress"
                + " (haproxy-ingress.github.io), another controller.");
    assertThat(haproxy("spelled-right")).isEmpty();
    assertThat(haproxy("key-twice")).containsExactly("8:5 WARNING HAPROXY-KEY-TWICE");
  }

  @Test
  void other_controllers_keys_are_read_before_3_2_only() {
    // 3.2 keeps the prefix of nginx.ingress.kubernetes.io/ssl-redirect: not its key.
    assertThat(haproxy("foreign-keys"))
        .containsExactly(
            "8:5 INFO HAPROXY-FOREIGN-KEY-IGNORED", "12:3 WARNING HAPROXY-REDIRECT-PORT");
    // 3.1 drops any prefix: ssl-redirect "false" turns the redirect of the TLS section off.
    assertThat(haproxy(HaProxy.target().version("3.1"), "foreign-keys"))
        .containsExactly("8:5 WARNING HAPROXY-FOREIGN-KEY-READ");
    Reading old = Reading.of(HaProxy.target().version("3.1"), fixture("foreign-keys"));
    assertThat(old.routes().get(0).tls().orElseThrow().value().redirect()).isFalse();
  }

  // --- which Ingresses are haproxytech's --------------------------------------------------------

  @Test
  void the_class_decides_who_serves_an_ingress() {
    assertThat(haproxy("class-name")).isEmpty();
    assertThat(routes("class-name")).hasSize(1);
    assertThat(haproxy("class-annotation"))
        .containsExactly("8:5 WARNING HAPROXY-CLASS-ANNOTATION-IGNORED");
    assertThat(haproxy(HaProxy.target().version("3.0"), "class-annotation"))
        .containsExactly("8:5 INFO HAPROXY-CLASS-ANNOTATION");
    assertThat(haproxy("no-class"))
        .containsExactly("7:5 INFO HAPROXY-COOKIE-ON-INGRESS", "8:1 INFO HAPROXY-NO-CLASS");
    assertThat(haproxy("default-class")).containsExactly("16:5 INFO HAPROXY-COOKIE-ON-INGRESS");
    assertThat(haproxy("class-assumed")).containsExactly("9:3 INFO HAPROXY-CLASS-ASSUMED");
    assertThat(routes("class-assumed").get(0).target())
        .isEqualTo(HaProxy.target().ingressClass("haproxy-internal"));
    // Another controller's Ingresses, and one with no class and no haproxy.org/ key: not ours.
    assertThat(haproxy("other-class")).isEmpty();
    assertThat(routes("other-class")).isEmpty();
  }

  @Test
  void the_jcmoraisjr_haproxy_ingress_is_told_apart_and_keeps_its_own_unit_rule() {
    assertThat(haproxy("haproxy-ingress-unitless"))
        .containsExactly(
            "9:1 INFO HAPROXY-INGRESS-IDENTIFIED",
            "15:5 WARNING HAPROXY-INGRESS-TIME-REFUSED",
            "17:5 WARNING HAPROXY-INGRESS-HAPROXYTECH-KEY");
    assertThat(only("haproxy-ingress-unitless", "HAPROXY-INGRESS-TIME-REFUSED").message())
        .isEqualTo(
            "the annotation haproxy-ingress.github.io/timeout-tunnel: \"3600\" has no unit:"
                + " HAProxy Ingress ignores it (pkg/converters/ingress/annotations/updater.go"
                + " validateTime: \"ignoring invalid time format\"), so the controller-wide value"
                + " applies: the ConfigMap's timeout-tunnel, else the default 1h.");
    assertThat(routes("haproxy-ingress-unitless")).isEmpty();
    assertThat(haproxy("haproxy-ingress-with-unit"))
        .containsExactly("12:1 INFO HAPROXY-INGRESS-IDENTIFIED");
    assertThat(routes("haproxy-ingress-with-unit")).isEmpty();
  }

  // --- Backend resources and shared backend sections ------------------------------------------

  @Test
  void a_backend_resource_replaces_the_backend_annotations() {
    assertThat(haproxy("backend-resource")).isEmpty();
    ServedRoute r = routes("backend-resource").get(0);
    assertThat(r.idleTimeout())
        .contains(Setting.of(Duration.ofHours(1), at("backend-resource", 8, 3)));
    assertThat(r.connectTimeout())
        .contains(Setting.of(Duration.ofSeconds(5), at("backend-resource", 9, 3)));
    assertThat(r.affinity().orElseThrow().value())
        .isEqualTo(
            Affinity.cookie("chat-server").secure(true).sameSite(dev.wsingress.SameSite.LAX));
    assertThat(r.target()).isEqualTo(HaProxy.target().backendResource());
    assertThat(r.objects()).hasSize(2);
    assertThat(haproxy("backend-resource-ms"))
        .containsExactly(
            "9:3 WARNING HAPROXY-TUNNEL-TIMEOUT-SHORT",
            "20:5 WARNING HAPROXY-ANNOTATIONS-IGNORED-BY-CR");
    assertThat(only("backend-resource-ms", "HAPROXY-TUNNEL-TIMEOUT-SHORT").message())
        .isEqualTo(
            "the WebSocket route chat.example.com/ws closes an upgraded connection after 3.6 s"
                + " without traffic: its tunnel timeout is 3600 ms"
                + " (doctor/backend-resource-ms.yaml:9:3), an integer number of milliseconds in a"
                + " Backend resource.");
    assertThat(haproxy("backend-resource-missing"))
        .containsExactly("7:5 INFO HAPROXY-BACKEND-RESOURCE-MISSING");
    assertThat(haproxy("backend-resource-v1"))
        .containsExactly("1:1 INFO HAPROXY-BACKEND-V1-DEPRECATED");
    // Read by 3.1 as its only Backend API; the route's target writes v1 again.
    assertThat(haproxy(HaProxy.target().version("3.1"), "backend-resource-v1")).isEmpty();
    assertThat(routes("backend-resource-v1").get(0).target())
        .isEqualTo(HaProxy.target().version("3.1").backendResource());
  }

  @Test
  void ingresses_sharing_a_service_port_share_its_backend_section() {
    assertThat(haproxy("backend-shared")).containsExactly("28:3 WARNING HAPROXY-BACKEND-SHARED");
    assertThat(haproxy("backend-standalone")).isEmpty();
  }

  @Test
  void an_implementation_specific_path_is_a_character_prefix() {
    assertThat(haproxy("implementation-specific"))
        .containsExactly("8:3 INFO HAPROXY-PATH-CHARACTER-PREFIX");
    ServedRoute r = routes("implementation-specific").get(0);
    assertThat(r.path()).isEqualTo("/ws");
    assertThat(r.pathMatch()).isEqualTo(PathMatch.CHARACTER_PREFIX);
    assertThat(r.matches("chat.example.com", "/wsx")).isTrue();
    assertThat(r.hostMatch()).isEqualTo(HostMatch.EXACT);
  }
}
