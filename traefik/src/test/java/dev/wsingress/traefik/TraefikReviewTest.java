package dev.wsingress.traefik;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.Doctor;
import dev.wsingress.Manifests;
import dev.wsingress.Reading;
import dev.wsingress.Report;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real-world shapes found in the review of the reader against Traefik's source at its release tags
 * (each test names the upstream file it follows).
 */
class TraefikReviewTest {

  static final String CLASS =
      """
      apiVersion: networking.k8s.io/v1
      kind: IngressClass
      metadata:
        name: traefik
      spec:
        controller: traefik.io/ingress-controller
      ---
      """;

  static Report check(String yaml) {
    return Doctor.with(Traefik.target()).check(Manifests.parse(yaml, "review.yaml"));
  }

  static Reading read(String yaml) {
    return Reading.of(Traefik.target(), Manifests.parse(yaml, "review.yaml"));
  }

  static List<String> traefik(Report r) {
    return r.findings().stream()
        .filter(f -> f.code().startsWith("TRAEFIK-"))
        .map(f -> f.severity() + " " + f.code() + ": " + f.message())
        .toList();
  }

  static String ingress(String annotations) {
    return CLASS
        + """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: chat
          namespace: default
          annotations:
        %s
        spec:
          ingressClassName: traefik
          rules:
            - host: chat.example.com
              http:
                paths:
                - path: /ws
                  pathType: Prefix
                  backend:
                    service:
                      name: chat
                      port:
                        number: 8080
        """
            .formatted(annotations.indent(4).stripTrailing());
  }

  /**
   * traefik v3.3.7 pkg/provider/kubernetes/ingress/annotations.go: {@code Observability ...
   * label:"allowEmpty"}, so {@code router.observability: "true"} is accepted like {@code
   * router.tls}, and the Ingress is served.
   */
  @Test
  void router_observability_alone_is_an_allow_empty_switch_not_a_refused_group() {
    Report r = check(ingress("traefik.ingress.kubernetes.io/router.observability: \"true\""));
    assertThat(traefik(r)).noneMatch(f -> f.startsWith("ERROR"));
    assertThat(
            read(ingress("traefik.ingress.kubernetes.io/router.observability: \"true\"")).routes())
        .hasSize(1);
    assertThat(
            traefik(check(ingress("traefik.ingress.kubernetes.io/router.observability: \"on\""))))
        .contains(
            "ERROR TRAEFIK-ANNOTATION-VALUE: traefik.ingress.kubernetes.io/router.observability:"
                + " \"on\" turns the option off: Traefik turns it on only for \"true\" (or an empty"
                + " value) and leaves it off for anything else, without an error.");
  }

  static String traefikWorkload(String version) {
    return """
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: traefik
      namespace: traefik
    spec:
      selector:
        matchLabels:
          app.kubernetes.io/name: traefik
      template:
        metadata:
          labels:
            app.kubernetes.io/name: traefik
        spec:
          containers:
            - name: traefik
              image: docker.io/traefik:%s
              args:
                - "--entryPoints.web.address=:8000/tcp"
                - "--entryPoints.websecure.address=:8443/tcp"
                - "--entryPoints.websecure.http.tls=true"
                - "--providers.kubernetescrd"
    ---
    """
        .formatted(version);
  }

  static final String ROUTE_TO_TRAEFIK_SERVICE =
      """
      apiVersion: traefik.io/v1alpha1
      kind: IngressRoute
      metadata:
        name: chat
        namespace: chat
      spec:
        entryPoints:
          - websecure
        routes:
          - match: Host(`chat.example.com`) && PathPrefix(`/ws`)
            kind: Rule
            services:
              - name: shared-canary@kubernetescrd
                kind: TraefikService
      ---
      apiVersion: traefik.io/v1alpha1
      kind: TraefikService
      metadata:
        name: canary
        namespace: shared
      spec:
        weighted:
          services:
            - name: chat
              namespace: shared
              port: 8080
      """;

  /**
   * traefik v3.7.9 pkg/provider/kubernetes/crd/kubernetes_http.go {@code nameAndService}: a
   * TraefikService named with {@code @} skips the namespace check, and {@code fullServiceName}
   * makes {@code shared-canary@kubernetescrd} the TraefikService shared/canary; resolveReference
   * (which refuses {@code @kubernetescrd}) is used for Middlewares and TLSOptions only.
   */
  @Test
  void a_traefik_service_named_across_providers_is_not_refused_and_is_found() {
    Report r = check(ROUTE_TO_TRAEFIK_SERVICE);
    assertThat(traefik(r)).noneMatch(f -> f.contains("CROSS-NAMESPACE"));
    assertThat(traefik(r)).noneMatch(f -> f.contains("NOT-IN-INPUT"));
  }

  static final String CHAIN_ACROSS_NAMESPACES =
      """
      apiVersion: traefik.io/v1alpha1
      kind: IngressRoute
      metadata:
        name: chat
        namespace: chat
      spec:
        entryPoints:
          - websecure
        routes:
          - match: Host(`chat.example.com`) && PathPrefix(`/ws`)
            kind: Rule
            middlewares:
              - name: chain
            services:
              - name: chat
                port: 8080
      ---
      apiVersion: traefik.io/v1alpha1
      kind: Middleware
      metadata:
        name: chain
        namespace: chat
      spec:
        chain:
          middlewares:
            - name: limit
              namespace: shared
      ---
      apiVersion: traefik.io/v1alpha1
      kind: Middleware
      metadata:
        name: limit
        namespace: shared
      spec:
        rateLimit:
          average: 10
          burst: 20
      """;

  /**
   * traefik v3.5.6 pkg/provider/kubernetes/crd/kubernetes.go {@code createChainMiddleware} checks
   * no namespace ({@code makeID(ns, mi.Name)}); v3.6.14 added {@code isNamespaceAllowed}.
   */
  @Test
  void a_chain_across_namespaces_is_refused_only_from_v3_6_14() {
    assertThat(traefik(check(traefikWorkload("v3.5.6") + CHAIN_ACROSS_NAMESPACES)))
        .noneMatch(f -> f.contains("CROSS-NAMESPACE"));
    assertThat(traefik(check(CHAIN_ACROSS_NAMESPACES)))
        .contains(
            "WARNING TRAEFIK-CROSS-NAMESPACE: the Middleware shared/limit is in another namespace"
                + " than Middleware chat/chain: from v3.6.14 Traefik refuses the reference unless"
                + " providers.kubernetesCRD.allowCrossNamespace is true (false by default), and"
                + " then loads no such chain, so a router that uses it fails.");
  }

  static final String ROUTE_MIDDLEWARE_ACROSS_PROVIDERS =
      """
      apiVersion: traefik.io/v1alpha1
      kind: IngressRoute
      metadata:
        name: chat
        namespace: chat
      spec:
        entryPoints:
          - websecure
        routes:
          - match: Host(`chat.example.com`) && PathPrefix(`/ws`)
            kind: Rule
            middlewares:
              - name: shared-limit@kubernetescrd
            services:
              - name: chat
                port: 8080
      """;

  /**
   * traefik v3.0.4 pkg/provider/kubernetes/crd/kubernetes_http.go {@code makeMiddlewareKeys}
   * already refuses a route's {@code ...@kubernetescrd} Middleware without allowCrossNamespace: it
   * is not new in v3.6.17.
   */
  @Test
  void a_route_middleware_named_across_providers_is_refused_in_every_v3_release() {
    assertThat(traefik(check(traefikWorkload("v3.0.4") + ROUTE_MIDDLEWARE_ACROSS_PROVIDERS)))
        .contains(
            "WARNING TRAEFIK-CROSS-NAMESPACE: the Middleware \"shared-limit@kubernetescrd\" is"
                + " named across providers: Traefik refuses a ...@kubernetescrd name unless"
                + " providers.kubernetesCRD.allowCrossNamespace is true, and then loads no router"
                + " for this route.");
  }

  /**
   * traefik v3.7.9 pkg/muxer/http/matcher.go ({@code path}, {@code pathPrefix}: "does not start
   * with a '/'"; {@code host}: non-ASCII refused) and the Go string literal vulcand/predicate
   * parses ({@code \\.} is no escape of an interpreted string; a comma may end the arguments).
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        "PathPrefix(`ws`)",
        "Host(`chat.example.com`) && Path(`ws/`)",
        "!PathPrefix(`admin`) && Host(`chat.example.com`)",
        "Host(`chät.example.com`)",
        "HostRegexp(\"^[a-z]+\\.example\\.com$\")",
        "Host(\"chat.example.com\") && PathPrefix(\"/ws\\d\")"
      })
  void rules_traefik_refuses_when_it_builds_the_matchers(String rule) {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> RuleMatch.parse(rule))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void go_string_literals_and_a_trailing_comma_read_as_go_reads_them() {
    assertThat(RuleMatch.parse("Host(\"chat.example.com\",) && PathPrefix(\"/w\\x73\")"))
        .containsExactly(
            new RuleMatch.Alternative(
                "chat.example.com",
                dev.wsingress.ServedRoute.HostMatch.EXACT,
                "/ws",
                dev.wsingress.ServedRoute.PathMatch.CHARACTER_PREFIX));
    assertThat(RuleMatch.parse("HostRegexp(\"^[a-z]+\\\\.example\\\\.com$\")"))
        .extracting(RuleMatch.Alternative::host)
        .containsExactly("^[a-z]+\\.example\\.com$");
  }

  static final String WILDCARD_ROUTE =
      """
      apiVersion: traefik.io/v1alpha1
      kind: IngressRoute
      metadata:
        name: chat
        namespace: default
      spec:
        entryPoints:
          - websecure
        routes:
          - match: Host(`*.example.com`) && PathPrefix(`/ws`)
            kind: Rule
            services:
              - name: chat
                port: 8080
      """;

  /**
   * traefik v3.7.0 pkg/muxer/http/matcher.go {@code host} added the wildcard
   * (DomainMatchHostExpression); v3.6.24 compares {@code reqHost == host}.
   */
  @Test
  void a_wildcard_host_matcher_needs_v3_7() {
    assertThat(traefik(check(traefikWorkload("v3.6.24") + WILDCARD_ROUTE)))
        .contains(
            "ERROR TRAEFIK-VERSION-MISSING: the wildcard Host(`*.example.com`) needs Traefik v3.7"
                + " or newer, and the cluster runs v3.6 (image docker.io/traefik:v3.6.24 at"
                + " review.yaml:17:11): it compares the request's host with \"*.example.com\" as"
                + " written, so no request matches that part of the rule; write"
                + " HostRegexp(`^[a-z0-9-]+\\.example\\.com$`) instead.");
    assertThat(traefik(check(traefikWorkload("v3.7.9") + WILDCARD_ROUTE)))
        .noneMatch(f -> f.contains("VERSION"));
  }

  static String stickyService(String sameSite) {
    return ingress("traefik.ingress.kubernetes.io/router.entrypoints: websecure")
        + """
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: chat
          namespace: default
          annotations:
            traefik.ingress.kubernetes.io/service.sticky.cookie: "true"
            traefik.ingress.kubernetes.io/service.sticky.cookie.name: "chat\uD83D\uDE00"
            traefik.ingress.kubernetes.io/service.sticky.cookie.samesite: %s
        spec:
          selector:
            app: chat
          ports:
            - name: http
              port: 8080
        """
            .formatted(sameSite);
  }

  static String cookie(Reading r) {
    return r.routes().get(0).affinity().orElseThrow().value().toString();
  }

  /**
   * traefik v3.6.14 pkg/server/service/loadbalancer/sticky.go {@code convertSameSite} lower-cases
   * the value; v3.5.6 (pkg/server/service/loadbalancer/wrr/wrr.go) compares it as written, so
   * {@code Lax} sets no attribute. pkg/server/cookie/cookie.go {@code sanitizeName} maps by runes.
   */
  @Test
  void same_site_in_another_case_needs_v3_6_14_and_cookie_names_are_sanitized_by_runes() {
    String v35 = traefikWorkload("v3.5.6") + stickyService("Lax");
    assertThat(traefik(check(v35)))
        .contains(
            "ERROR TRAEFIK-VERSION-MISSING: the annotation"
                + " traefik.ingress.kubernetes.io/service.sticky.cookie.samesite: \"Lax\" (not in"
                + " lower case) needs Traefik v3.7 or newer, and the cluster runs v3.5 (image"
                + " docker.io/traefik:v3.5.6 at review.yaml:17:11): it compares the value in lower"
                + " case only and sets no SameSite attribute on the cookie (v3.6.14 and newer read"
                + " it in any case).");
    assertThat(cookie(read(v35))).doesNotContainIgnoringCase("samesite");
    String v37 = traefikWorkload("v3.7.9") + stickyService("Lax");
    assertThat(traefik(check(v37))).noneMatch(f -> f.contains("SAMESITE") || f.contains("Lax"));
    assertThat(cookie(read(v37))).containsIgnoringCase("lax").contains("chat_");
    assertThat(cookie(read(v37))).doesNotContain("chat__");
    assertThat(traefik(check(stickyService("Laxx"))))
        .contains(
            "ERROR TRAEFIK-ANNOTATION-VALUE:"
                + " traefik.ingress.kubernetes.io/service.sticky.cookie.samesite: \"Laxx\" is none"
                + " of none, lax and strict, so Traefik sets no SameSite attribute on the cookie,"
                + " without an error.");
  }

  static String dialTimeout(String dial) {
    return """
    apiVersion: traefik.io/v1alpha1
    kind: IngressRoute
    metadata:
      name: chat
      namespace: default
    spec:
      entryPoints: [websecure]
      routes:
        - match: Host(`chat.example.com`) && PathPrefix(`/ws`)
          kind: Rule
          services:
            - name: chat
              port: 8080
              serversTransport: st
    ---
    apiVersion: traefik.io/v1alpha1
    kind: ServersTransport
    metadata:
      name: st
      namespace: default
    spec:
      forwardingTimeouts:
        dialTimeout: %s
    """
        .formatted(dial);
  }

  /**
   * traefik v3.7.9 pkg/provider/kubernetes/crd/kubernetes.go passes {@code DialTimeout.String()} to
   * paerser's {@code Duration.Set}: a YAML integer is seconds, a string a Go duration, and text
   * neither leaves the zero {@code time.ParseDuration} returned (Traefik logs the error and keeps
   * the ServersTransport): no dial timeout, not the default 30 s.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(
      delimiter = '|',
      value = {"45 | PT45S", "'\"45\"' | PT45S", "'\"1m30s\"' | PT1M30S", "bogus | PT0S"})
  void a_dial_timeout_reads_as_paerser_sets_it(String dial, String expected) {
    var connect = read(dialTimeout(dial)).routes().get(0).connectTimeout().orElseThrow();
    assertThat(connect.value()).isEqualTo(java.time.Duration.parse(expected));
    assertThat(connect.describe()).contains("review.yaml:23:5");
  }

  /**
   * traefik v3.7.9 pkg/provider/kubernetes/crd/kubernetes_http.go {@code parseServiceProtocol}
   * takes {@code http}, {@code https} and {@code h2c} exactly, and fails otherwise ("invalid scheme
   * %q specified"), so the route gets no router.
   */
  @Test
  void a_scheme_traefik_does_not_take_is_reported() {
    String route =
        """
        apiVersion: traefik.io/v1alpha1
        kind: IngressRoute
        metadata:
          name: chat
          namespace: default
        spec:
          entryPoints: [websecure]
          routes:
            - match: Host(`chat.example.com`) && PathPrefix(`/ws`)
              kind: Rule
              services:
                - name: chat
                  port: 8443
                  scheme: %s
        """;
    assertThat(traefik(check(route.formatted("HTTPS"))))
        .containsExactly(
            "ERROR TRAEFIK-SCHEME-INVALID: scheme \"HTTPS\" is none of http, https and h2c:"
                + " Traefik logs \"invalid scheme\" and loads no router for this route.");
    assertThat(traefik(check(route.formatted("https")))).isEmpty();
  }

  static String tlsIngress(boolean websecureTls) {
    String workload = traefikWorkload("v3.7.9");
    if (!websecureTls) {
      workload = workload.replace("--entryPoints.websecure.http.tls=true", "--log.level=INFO");
    }
    return workload
        + CLASS
        + """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: chat
          namespace: default
        spec:
          ingressClassName: traefik
          tls:
            - hosts: [chat.example.com]
              secretName: chat-tls
          rules:
            - host: chat.example.com
              http:
                paths:
                - path: /ws
                  pathType: Prefix
                  backend:
                    service:
                      name: chat
                      port:
                        number: 8080
        """;
  }

  /**
   * traefik v3.7.9 pkg/provider/kubernetes/ingress/kubernetes.go {@code loadRouter} gives a router
   * TLS only from {@code router.tls}; {@code spec.tls} only loads the certificate, which a router
   * on every entry point serves where an entry point has {@code http.tls} (pkg/server/aggregator.go
   * {@code applyModel}).
   */
  @Test
  void an_ingress_tls_section_serves_tls_only_where_an_entry_point_has_it() {
    assertThat(read(tlsIngress(true)).routes()).allMatch(r -> r.tls().isPresent());
    assertThat(read(tlsIngress(false)).routes()).hasSize(1).allMatch(r -> r.tls().isEmpty());
  }
}
