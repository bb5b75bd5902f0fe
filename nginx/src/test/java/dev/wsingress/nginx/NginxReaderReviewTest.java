package dev.wsingress.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.Manifests;
import dev.wsingress.Reading;
import dev.wsingress.ServedRoute;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The reader's facts checked against kubernetes/ingress-nginx at release tags (the review of issues
 * 15 and 16): each test is an input shape the controller reads otherwise than the reader did.
 */
class NginxReaderReviewTest {

  private static final String CLASS =
      """
      apiVersion: networking.k8s.io/v1
      kind: IngressClass
      metadata:
        name: nginx
      spec:
        controller: k8s.io/ingress-nginx
      """;

  private static Reading read(String yaml) {
    return Reading.of(Nginx.target(), Manifests.parse(CLASS + "---\n" + yaml, "review.yaml"));
  }

  private static String ingress(
      String name, String created, String annotations, String path, String service, int port) {
    return """
    apiVersion: networking.k8s.io/v1
    kind: Ingress
    metadata:
      name: %s
      namespace: chat
    %s  annotations:
        nginx.ingress.kubernetes.io/proxy-read-timeout: "3600"
    %s
    spec:
      ingressClassName: nginx
      rules:
        - host: chat.example.com
          http:
            paths:
              - path: %s
                pathType: Prefix
                backend:
                  service:
                    name: %s
                    port:
                      number: %d
    """
        .formatted(
            name,
            created == null ? "" : "  creationTimestamp: \"" + created + "\"\n",
            annotations.isEmpty() ? "" : annotations.strip().indent(4).stripTrailing(),
            path,
            service,
            port);
  }

  private static List<String> messages(Reading r, String code) {
    return r.findings().stream()
        .filter(f -> f.code().equals(code))
        .map(f -> f.subject() + ": " + f.message())
        .toList();
  }

  private static Optional<ServedRoute> route(Reading r, String path) {
    return r.routes().stream().filter(x -> x.path().equals(path)).findFirst();
  }

  private static String affinity(Reading r, String path) {
    return route(r, path).orElseThrow().affinity().map(s -> s.value().kind()).orElse("none");
  }

  // ---- store.go sortIngressSlice: creation order, not input order ----------------------------

  @Test
  void the_oldest_ingress_by_creation_timestamp_keeps_a_shared_path_whatever_the_input_order() {
    Reading r =
        read(
            ingress("newer", "2024-05-02T10:00:00Z", "", "/ws", "new-ws", 80)
                + "---\n"
                + ingress("older", "2024-05-01T10:00:00Z", "", "/ws", "old-ws", 80));
    assertThat(r.routes()).hasSize(1);
    assertThat(r.routes().get(0).backends().get(0).service()).isEqualTo("old-ws");
    assertThat(messages(r, "NGINX-PATH-SHADOWED"))
        .containsExactly(
            "Ingress chat/newer: path /ws (Prefix) of host chat.example.com is also a path of"
                + " Ingress chat/older, which is older: ingress-nginx keeps the first location and"
                + " ignores this one (controller.go getBackendServers \"already configured\";"
                + " store.go sortIngressSlice orders the Ingresses by creationTimestamp), so its"
                + " backend gets no requests there.");
  }

  @Test
  void ingresses_created_in_the_same_second_are_ordered_by_namespace_and_name_greatest_first() {
    String same = "2024-05-01T10:00:00Z";
    Reading r =
        read(
            ingress("a-first", same, "", "/ws", "a-ws", 80)
                + "---\n"
                + ingress("b-second", same, "", "/ws", "b-ws", 80));
    assertThat(r.routes()).hasSize(1);
    assertThat(r.routes().get(0).backends().get(0).service()).isEqualTo("b-ws");
  }

  @Test
  void
      without_timestamps_the_input_order_stands_for_creation_and_implementation_specific_is_prefix() {
    String second =
        ingress("second", null, "", "/ws", "b-ws", 80)
            .replace("pathType: Prefix", "pathType: ImplementationSpecific");
    Reading r = read(ingress("first", null, "", "/ws", "a-ws", 80) + "---\n" + second);
    assertThat(r.routes()).hasSize(1);
    assertThat(r.routes().get(0).backends().get(0).service()).isEqualTo("a-ws");
    assertThat(messages(r, "NGINX-PATH-SHADOWED")).hasSize(1);
  }

  @Test
  void the_same_path_with_another_path_type_is_a_location_of_its_own() {
    String exact =
        ingress("exact", null, "", "/ws", "b-ws", 80)
            .replace("pathType: Prefix", "pathType: Exact");
    Reading r = read(ingress("prefix", null, "", "/ws", "a-ws", 80) + "---\n" + exact);
    assertThat(r.routes()).hasSize(2);
    assertThat(messages(r, "NGINX-PATH-SHADOWED")).isEmpty();
  }

  // ---- controller.go createUpstreams / getBackendServers: balancing per Service port --------

  @Test
  void the_hash_of_a_service_port_is_the_oldest_ingress_s_and_a_newer_one_s_does_nothing() {
    Reading r =
        read(
            ingress("plain", null, "", "/api", "chat", 80)
                + "---\n"
                + ingress(
                    "sockets",
                    null,
                    "nginx.ingress.kubernetes.io/upstream-hash-by: $remote_addr",
                    "/ws",
                    "chat",
                    80));
    assertThat(affinity(r, "/ws")).isEqualTo("none");
    assertThat(affinity(r, "/api")).isEqualTo("none");
    assertThat(messages(r, "NGINX-UPSTREAM-AFFINITY-SHARED"))
        .containsExactly(
            "Ingress chat/sockets: Service chat port 80 is one ingress-nginx upstream for every"
                + " Ingress that routes to it, and it balances with no affinity: Ingress"
                + " chat/plain, the oldest Ingress that routes to it, sets no upstream-hash-by"
                + " (controller.go createUpstreams); the affinity this Ingress sets for it does"
                + " not apply.");
  }

  @Test
  void the_oldest_ingress_s_hash_balances_every_route_of_its_service_port() {
    Reading r =
        read(
            ingress(
                    "sockets",
                    null,
                    "nginx.ingress.kubernetes.io/upstream-hash-by: $remote_addr",
                    "/ws",
                    "chat",
                    80)
                + "---\n"
                + ingress("plain", null, "", "/api", "chat", 80)
                + "---\n"
                + ingress("other-port", null, "", "/metrics", "chat", 9090));
    assertThat(affinity(r, "/ws")).isEqualTo("clientIp");
    assertThat(affinity(r, "/api")).isEqualTo("clientIp");
    assertThat(affinity(r, "/metrics")).isEqualTo("none");
    assertThat(messages(r, "NGINX-UPSTREAM-AFFINITY-SHARED"))
        .containsExactly(
            "Ingress chat/plain: Service chat port 80 is one ingress-nginx upstream for every"
                + " Ingress that routes to it, and it balances with upstream-hash-by"
                + " \"$remote_addr\" of Ingress chat/sockets, the oldest Ingress that routes to it"
                + " (controller.go createUpstreams); this Ingress's paths to it get that too,"
                + " though it sets no affinity.");
  }

  @Test
  void cookie_affinity_of_any_ingress_makes_its_service_port_sticky_for_every_route() {
    Reading r =
        read(
            ingress("plain", null, "", "/api", "chat", 80)
                + "---\n"
                + ingress(
                    "sockets",
                    null,
                    "nginx.ingress.kubernetes.io/affinity: cookie\n"
                        + "nginx.ingress.kubernetes.io/session-cookie-name: route",
                    "/ws",
                    "chat",
                    80));
    assertThat(affinity(r, "/ws")).isEqualTo("cookie");
    assertThat(affinity(r, "/api")).isEqualTo("cookie");
    assertThat(messages(r, "NGINX-UPSTREAM-AFFINITY-SHARED"))
        .containsExactly(
            "Ingress chat/plain: Service chat port 80 is one ingress-nginx upstream for every"
                + " Ingress that routes to it, and it balances with affinity: cookie from Ingress"
                + " chat/sockets (controller.go getBackendServers); this Ingress's paths to it get"
                + " that too, though it sets no affinity.");
  }

  // ---- ConfigMap keys ------------------------------------------------------------------------

  private static String configMap(String data) {
    return """
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: ingress-nginx-controller
      namespace: ingress-nginx
    data:
    %s
    ---
    """
        .formatted(data.strip().indent(2).stripTrailing());
  }

  @Test
  void upstream_hash_by_in_the_configmap_balances_nothing() {
    Reading r =
        read(
            configMap("upstream-hash-by: $remote_addr") + ingress("ws", null, "", "/ws", "ws", 80));
    assertThat(affinity(r, "/ws")).isEqualTo("none");
    assertThat(messages(r, "NGINX-CONFIGMAP-KEY-UNREAD"))
        .containsExactly(
            "ConfigMap ingress-nginx/ingress-nginx-controller: upstream-hash-by in the controller"
                + " ConfigMap does nothing: ingress-nginx reads it only as the Ingress annotation"
                + " nginx.ingress.kubernetes.io/upstream-hash-by (upstreamhashby/main.go; the field"
                + " of internal/ingress/defaults/main.go is read nowhere).");
  }

  private static String idle(Reading r) {
    return r.routes().get(0).idleTimeout().orElseThrow().value().toString();
  }

  @Test
  void configmap_integers_decode_as_go_s_weakly_typed_mapstructure_does() {
    String ws =
        ingress("ws", null, "", "/ws", "ws", 80)
            .replace("nginx.ingress.kubernetes.io/proxy-read-timeout: \"3600\"", "a: b");
    Reading empty = read(configMap("proxy-read-timeout: \"\"") + ws);
    assertThat(idle(empty)).isEqualTo("PT0S");
    assertThat(messages(empty, "NGINX-CONFIGMAP-VALUE"))
        .containsExactly(
            "ConfigMap ingress-nginx/ingress-nginx-controller: proxy-read-timeout: \"\" decodes as"
                + " 0 s, not the default 60 (template/configmap.go ReadConfig decodes weakly typed:"
                + " mapstructure reads an empty string as 0 and the rest with strconv.ParseInt base"
                + " 0, where a leading 0 is octal and 0x hexadecimal).");
    assertThat(idle(read(configMap("proxy-read-timeout: \"0600\"") + ws))).isEqualTo("PT6M24S");
    assertThat(idle(read(configMap("proxy-read-timeout: \"0xe10\"") + ws))).isEqualTo("PT1H");
    assertThat(idle(read(configMap("proxy-read-timeout: \"3_600\"") + ws))).isEqualTo("PT1H");
    Reading unit = read(configMap("proxy-read-timeout: \"3600s\"") + ws);
    assertThat(idle(unit)).isEqualTo("PT1M");
    assertThat(messages(unit, "NGINX-CONFIGMAP-VALUE")).hasSize(1);
    assertThat(
            messages(read(configMap("proxy-read-timeout: \"3600\"") + ws), "NGINX-CONFIGMAP-VALUE"))
        .isEmpty();
  }

  @Test
  void a_negative_timeout_is_refused_by_nginx() {
    String ws =
        ingress("ws", null, "", "/ws", "ws", 80)
            .replace("proxy-read-timeout: \"3600\"", "proxy-read-timeout: \"-1\"");
    Reading r = read(ws);
    assertThat(messages(r, "NGINX-VALUE-REFUSED"))
        .containsExactly(
            "Ingress chat/ws: the annotation nginx.ingress.kubernetes.io/proxy-read-timeout \"-1\""
                + " is negative: ingress-nginx writes proxy_read_timeout -1s into nginx.conf, which"
                + " nginx refuses (ngx_parse_time), so the admission webhook refuses the Ingress"
                + " (controller.go CheckIngress tests the configuration) and without it no"
                + " configuration passes nginx -t.");
    Reading cm =
        read(configMap("proxy-send-timeout: \"-60\"") + ingress("ws", null, "", "/ws", "ws", 80));
    assertThat(messages(cm, "NGINX-CONFIGMAP-VALUE"))
        .containsExactly(
            "ConfigMap ingress-nginx/ingress-nginx-controller: proxy-send-timeout: \"-60\" is"
                + " negative: nginx refuses proxy_send_timeout -60s (ngx_parse_time), so no"
                + " configuration passes nginx -t (nginx.go testTemplate) and the controller cannot"
                + " reload.");
  }

  @Test
  void go_parse_int_base_0_matches_strconv() {
    assertThat(GoValues.parseIntBase0("60")).isEqualTo(60L);
    assertThat(GoValues.parseIntBase0("-60")).isEqualTo(-60L);
    assertThat(GoValues.parseIntBase0("+0x3C")).isEqualTo(60L);
    assertThat(GoValues.parseIntBase0("0o74")).isEqualTo(60L);
    assertThat(GoValues.parseIntBase0("074")).isEqualTo(60L);
    assertThat(GoValues.parseIntBase0("0b111100")).isEqualTo(60L);
    assertThat(GoValues.parseIntBase0("0")).isEqualTo(0L);
    assertThat(GoValues.parseIntBase0("0x_3c")).isEqualTo(60L);
    assertThat(GoValues.parseIntBase0("1_000")).isEqualTo(1000L);
    assertThat(GoValues.parseIntBase0("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    for (String bad :
        List.of(
            "",
            "+",
            "08",
            "0x",
            "1__0",
            "_10",
            "10_",
            "60s",
            " 60",
            "1e3",
            "9223372036854775808")) {
      assertThat(GoValues.parseIntBase0(bad)).as(bad).isNull();
    }
  }

  @Test
  void configmap_proxy_buffering_is_written_into_nginx_conf_where_case_does_not_matter() {
    String ws = ingress("ws", null, "", "/ws", "ws", 80);
    Reading on = read(configMap("proxy-buffering: \"On\"") + ws);
    assertThat(on.routes().get(0).responseBuffering().orElseThrow().value()).isTrue();
    assertThat(messages(on, "NGINX-CONFIGMAP-VALUE")).isEmpty();
    Reading yes = read(configMap("proxy-buffering: \"yes\"") + ws);
    assertThat(messages(yes, "NGINX-CONFIGMAP-VALUE"))
        .containsExactly(
            "ConfigMap ingress-nginx/ingress-nginx-controller: proxy-buffering: \"yes\" is not on"
                + " or off: the controller writes it into nginx.conf as it is, where nginx refuses"
                + " it (ngx_conf_set_flag_slot \"invalid value\"), so no configuration with it"
                + " passes nginx -t (nginx.go testTemplate) and the controller cannot reload.");
  }

  @Test
  void a_blocklisted_word_in_an_annotation_value_drops_the_ingress() {
    String snippet =
        "nginx.ingress.kubernetes.io/configuration-snippet: \"lua_package_path '/tmp/?.lua';\"";
    Reading r =
        read(
            configMap(
                    "allow-snippet-annotations: \"true\"\n"
                        + "annotations-risk-level: Critical\n"
                        + "annotation-value-word-blocklist: \"load_module,lua_package,_by_lua\"")
                + ingress("ws", null, snippet, "/ws", "ws", 80));
    assertThat(messages(r, "NGINX-WORD-BLOCKED"))
        .containsExactly(
            "Ingress chat/ws: annotation-value-word-blocklist in ConfigMap"
                + " ingress-nginx/ingress-nginx-controller (review.yaml:8:1) has the word"
                + " \"lua_package\" and the value of"
                + " nginx.ingress.kubernetes.io/configuration-snippet contains it: ingress-nginx"
                + " skips the whole Ingress (store.go checkBadAnnotationValue) and its admission"
                + " webhook refuses it (controller.go CheckIngress), so none of its paths is"
                + " served.");
    Reading spaced =
        read(
            configMap("annotation-value-word-blocklist: \"load_module, lua_package\"")
                + ingress("ws", null, snippet, "/ws", "ws", 80));
    assertThat(messages(spaced, "NGINX-WORD-BLOCKED"))
        .singleElement()
        .asString()
        .endsWith(
            ": the admission webhook refuses the Ingress (controller.go CheckIngress trims each"
                + " word; the store, which does not, would serve it).");
    Reading empty =
        read(
            configMap("annotation-value-word-blocklist: \"load_module,\"")
                + ingress("ws", null, "", "/ws", "ws", 80));
    assertThat(messages(empty, "NGINX-WORD-BLOCKED"))
        .singleElement()
        .asString()
        .contains("has an empty word, which every value contains, and the value of");
  }

  // ---- cors/main.go: origins without a scheme are skipped ------------------------------------

  private static final String CORS_ON = "nginx.ingress.kubernetes.io/enable-cors: \"true\"\n";

  @Test
  void cors_origins_without_a_scheme_are_skipped_and_none_left_means_no_cors_headers() {
    Reading r =
        read(
            ingress(
                "ws",
                null,
                CORS_ON + "nginx.ingress.kubernetes.io/cors-allow-origin: example.com",
                "/ws",
                "ws",
                80));
    assertThat(r.routes().get(0).cors()).isEmpty();
    assertThat(messages(r, "NGINX-VALUE-IGNORED"))
        .containsExactly(
            "Ingress chat/ws: cors-allow-origin \"example.com\" is not of the form"
                + " scheme://host[:port] (cors/main.go corsOriginRegex: a lower-case scheme is"
                + " required), so ingress-nginx skips it; no origin is left, and it sends no CORS"
                + " header at all (nginx.tmpl \"CORS\": {{ if $cors.CorsAllowOrigin }}).");
    Reading some =
        read(
            ingress(
                "ws",
                null,
                CORS_ON
                    + "nginx.ingress.kubernetes.io/cors-allow-origin: \"https://a.example.com,"
                    + " b.example.com\"",
                "/ws",
                "ws",
                80));
    assertThat(some.routes().get(0).cors().orElseThrow().value().origins())
        .containsExactly("https://a.example.com");
    assertThat(messages(some, "NGINX-VALUE-IGNORED"))
        .singleElement()
        .asString()
        .endsWith("so ingress-nginx skips it.");
  }

  @Test
  void an_unvalidated_samesite_value_is_not_carried_rather_than_a_crash() {
    String ingress =
        ingress(
            "ws",
            null,
            "nginx.ingress.kubernetes.io/affinity: cookie\n"
                + "nginx.ingress.kubernetes.io/session-cookie-samesite: Nonee",
            "/ws",
            "ws",
            80);
    Reading r =
        Reading.of(
            Nginx.target().version("1.11"),
            Manifests.parse(CLASS + "---\n" + ingress, "review.yaml"));
    assertThat(affinity(r, "/ws")).isEqualTo("cookie");
    assertThat(r.notCarried().stream().map(f -> f.message()))
        .contains(
            "session-cookie-samesite \"Nonee\" is not carried: the spec's SameSite is None, Lax or"
                + " Strict.");
  }

  // ---- release facts -------------------------------------------------------------------------

  @Test
  void removed_annotations_name_the_release_whose_code_no_longer_reads_them() {
    // internal/ingress/annotations at each tag: influxdb/ and secureupstream/ gone at
    // controller-v1.7.1, opentracing/ at controller-v1.9.5.
    assertThat(IngressAnnotations.removed("enable-influxdb").orElseThrow().release())
        .isEqualTo("1.7.1");
    assertThat(IngressAnnotations.removed("secure-verify-ca-secret").orElseThrow().release())
        .isEqualTo("1.7.1");
    assertThat(IngressAnnotations.removed("enable-opentracing").orElseThrow().release())
        .isEqualTo("1.9.5");
    assertThat(
            IngressAnnotations.removed("opentracing-trust-incoming-span").orElseThrow().release())
        .isEqualTo("1.9.5");
  }

  @Test
  void snippets_are_off_by_default_since_v1_9_1() {
    Reading r =
        read(
            ingress(
                "ws",
                null,
                "nginx.ingress.kubernetes.io/server-snippet: \"location /x { return 204; }\"",
                "/ws",
                "ws",
                80));
    assertThat(messages(r, "NGINX-RAW-SNIPPET"))
        .singleElement()
        .asString()
        .contains("allow-snippet-annotations is false by default since v1.9.1 (config.go)");
  }
}
