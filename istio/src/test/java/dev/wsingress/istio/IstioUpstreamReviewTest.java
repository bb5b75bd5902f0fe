package dev.wsingress.istio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsingress.Doctor;
import dev.wsingress.Manifests;
import dev.wsingress.Report;
import dev.wsingress.ServedRoute;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Shapes found by checking the reader against istio/istio and istio/api at release tags (review of
 * issues 15 and 16): each failed before the fix.
 */
class IstioUpstreamReviewTest {

  private static final String GATEWAY =
      """
      apiVersion: networking.istio.io/v1
      kind: Gateway
      metadata:
        name: public
        namespace: istio-system
      spec:
        selector:
          istio: ingressgateway
        servers:
          - port:
              number: 80
              name: http
              protocol: HTTP
            hosts:
              - "%s"
      """;

  private static final String VIRTUAL_SERVICE =
      """
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata:
        name: chat
        namespace: chat
      spec:
        hosts:
          - "%s"
        gateways:
          - istio-system/public
        http:
          - match:
              - uri:
                  prefix: /ws/
            route:
              - destination:
                  host: chat
                  port:
                    number: 8080
      """;

  private static final String SERVICE =
      """
      apiVersion: v1
      kind: Service
      metadata:
        name: chat
        namespace: chat
      spec:
        selector:
          app: chat
        ports:
          - name: http-ws
            port: 8080
      """;

  private static Report check(String yaml) {
    return Doctor.with(Istio.target()).check(Manifests.parse(yaml, "review.yaml"));
  }

  private static String gatewayAndRoute(String serverHost, String vsHost) {
    return GATEWAY.formatted(serverHost)
        + "---\n"
        + VIRTUAL_SERVICE.formatted(vsHost)
        + "---\n"
        + SERVICE;
  }

  /**
   * istio/istio 1.30.3 pilot/pkg/networking/core/gateway.go buildGatewayHTTPRouteConfig: the
   * virtual hosts are {@code serverHosts.Intersection(virtualServiceHosts)}, the narrower name of
   * each matching pair (pkg/config/host/names.go Intersection, name.go SubsetOf).
   */
  @ParameterizedTest
  @CsvSource({
    "chat.example.com, *, chat.example.com",
    "*/chat.example.com, *.example.com, chat.example.com",
    "*.example.com, chat.example.com, chat.example.com",
    "*, *, ''"
  })
  void the_gateway_serves_the_narrower_of_its_host_and_the_virtual_services(
      String serverHost, String vsHost, String served) {
    Report r = check(gatewayAndRoute(serverHost, vsHost));
    assertThat(r.routes()).extracting(ServedRoute::host).containsExactly(served);
  }

  /**
   * istio/istio 1.30.3 pkg/config/host/name.go Matches and SubsetOf compare names as written, and
   * pkg/config/labels/instance.go dns1123LabelFmt admits capitals, so a VirtualService host that
   * differs in case binds to no server.
   */
  @Test
  void hosts_that_differ_in_case_do_not_bind() {
    Report r = check(gatewayAndRoute("chat.example.com", "Chat.example.com"));
    assertThat(r.routes()).isEmpty();
    assertThat(r.findings()).extracting(f -> f.code()).contains("ISTIO-GATEWAY-HOST-MISMATCH");
  }

  /**
   * istio/istio 1.30.3 pilot/pkg/networking/core/cluster_traffic_policy.go shouldH2Upgrade: {@code
   * useClientProtocol: true} returns false before h2UpgradePolicy is looked at.
   */
  @Test
  void use_client_protocol_keeps_http_1_whatever_h2_upgrade_policy_says() {
    String dr =
        """
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata:
          name: chat
          namespace: chat
        spec:
          host: chat
          trafficPolicy:
            connectionPool:
              http:
                h2UpgradePolicy: UPGRADE
                useClientProtocol: %s
        """;
    String base = gatewayAndRoute("chat.example.com", "chat.example.com");
    assertThat(check(base + dr.formatted("true")).findings())
        .extracting(f -> f.code())
        .doesNotContain("ISTIO-H2-UPGRADE");
    assertThat(check(base + dr.formatted("false")).findings())
        .extracting(f -> f.code())
        .contains("ISTIO-H2-UPGRADE");
  }

  /**
   * Go src/time/format.go ParseDuration refuses more than 2^63-1 nanoseconds (about 292 years);
   * -2^63 is the one value past it that a minus sign allows.
   */
  @Test
  void durations_beyond_what_go_holds_are_refused() {
    assertThatThrownBy(() -> ProtoDuration.parse("3000000h"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a Go duration (out of range): \"3000000h\"");
    assertThatThrownBy(() -> ProtoDuration.parse("9223372036854775808ns"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ProtoDuration.parse("9223372036854775807ns"))
        .isEqualTo(Duration.ofNanos(Long.MAX_VALUE));
    assertThat(ProtoDuration.parse("-9223372036854775808ns"))
        .isEqualTo(Duration.ofNanos(Long.MIN_VALUE));
    String withTimeout =
        VIRTUAL_SERVICE
            .formatted("chat.example.com")
            .replace("      route:\n", "      timeout: 3000000h\n      route:\n");
    assertThat(check(GATEWAY.formatted("chat.example.com") + "---\n" + withTimeout).findings())
        .extracting(f -> f.code() + " " + f.message())
        .contains(
            "ISTIO-DURATION-REFUSED spec.http[0].timeout is \"3000000h\", which is no duration"
                + " (such as 30s or 1h); the API server refuses the VirtualService.");
  }

  private static String twoMatches(String first, String second) {
    return GATEWAY.formatted("chat.example.com")
        + "---\n"
        + VIRTUAL_SERVICE
            .formatted("chat.example.com")
            .replace(
                "    - match:\n        - uri:\n            prefix: /ws/\n",
                "    - match:\n        - " + first + "\n        - " + second + "\n")
        + "---\n"
        + SERVICE;
  }

  /**
   * Envoy's case_sensitive: false (ignoreUriCase) widens a match: a case-sensitive prefix does not
   * take /WS/x, which a later case-insensitive match does, so the later one is reachable; an
   * earlier case-insensitive match takes every spelling of a later case-sensitive one.
   */
  @Test
  void case_insensitive_matches_cover_and_are_covered_the_right_way_round() {
    Report sensitiveFirst =
        check(twoMatches("uri: {prefix: /ws}", "{uri: {prefix: /ws/x}, ignoreUriCase: true}"));
    assertThat(sensitiveFirst.findings())
        .extracting(f -> f.code())
        .doesNotContain("ISTIO-UNREACHABLE-MATCH");
    Report insensitiveFirst =
        check(twoMatches("{uri: {prefix: /ws}, ignoreUriCase: true}", "uri: {prefix: /WS/x}"));
    assertThat(insensitiveFirst.findings())
        .extracting(f -> f.code())
        .contains("ISTIO-UNREACHABLE-MATCH");
  }

  /**
   * istio/istio 1.30.3 route.go TranslateRouteMatch writes ignoreUriCase as case_sensitive: false,
   * which Envoy ignores for safe_regex: the regex route stays case-sensitive.
   */
  @Test
  void ignore_uri_case_does_not_make_a_regex_case_insensitive() {
    Report r = check(twoMatches("{uri: {regex: /ws/.*}, ignoreUriCase: true}", "uri: {exact: /x}"));
    ServedRoute regex =
        r.routes().stream().filter(x -> x.path().startsWith("/ws")).findFirst().orElseThrow();
    assertThat(regex.pathMatch()).isEqualTo(ServedRoute.PathMatch.REGEX);
    assertThat(regex.matches("chat.example.com", "/ws/a")).isTrue();
    assertThat(regex.matches("chat.example.com", "/WS/a")).isFalse();
  }

  /**
   * istio/istio 1.30.3 cluster_traffic_policy.go applyOutlierDetection: consecutiveGatewayErrors 0
   * sets Envoy's enforcing_consecutive_gateway_failure to 0, while an unset consecutive5xxErrors
   * leaves Envoy's default of 5 on.
   */
  @Test
  void zero_gateway_errors_is_said_to_turn_gateway_ejection_off() {
    String dr =
        """
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata:
          name: chat
          namespace: chat
        spec:
          host: chat
          trafficPolicy:
            outlierDetection:
              consecutiveGatewayErrors: 0
        """;
    assertThat(check(gatewayAndRoute("chat.example.com", "chat.example.com") + dr).findings())
        .filteredOn(f -> f.code().equals("ISTIO-OUTLIER-5XX-DEFAULT"))
        .extracting(f -> f.message())
        .containsExactly(
            "consecutiveGatewayErrors 0 turns ejection on gateway errors off, but without"
                + " consecutive5xxErrors its default of 5 applies: 5 consecutive 5xx answers of"
                + " any kind (500 included) eject the pod.");
  }
}
