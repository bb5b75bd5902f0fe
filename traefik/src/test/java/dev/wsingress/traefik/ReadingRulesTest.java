package dev.wsingress.traefik;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsingress.Manifests;
import dev.wsingress.ServedRoute.HostMatch;
import dev.wsingress.ServedRoute.PathMatch;
import dev.wsingress.Suggestions;
import dev.wsingress.Version;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The parse rules the reader takes from Traefik: durations, rules, cookie names, rewrites. */
class ReadingRulesTest {

  @ParameterizedTest
  @CsvSource({
    "30, PT30S", // paerser: digits are seconds
    "+5, PT5S",
    "30s, PT30S",
    "1h30m, PT1H30M",
    "1.5h, PT1H30M",
    "500ms, PT0.5S",
    "0, PT0S",
    "2us, PT0.000002S",
    "-1s, PT-1S"
  })
  void durations_read_as_traefik_reads_them(String text, String expected) {
    assertThat(GoDurations.parse(text)).isEqualTo(Duration.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1d", "s", "1.2.3s", "30 s", "1h-5m"})
  void durations_traefik_refuses(String text) {
    assertThatThrownBy(() -> GoDurations.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void the_writer_s_durations_read_back() {
    assertThat(GoDurations.parse(GoDurations.format(Duration.ofSeconds(75))))
        .isEqualTo(Duration.ofSeconds(75));
  }

  @Test
  void rules_expand_into_their_hosts_and_paths() {
    assertThat(
            RuleMatch.parse(
                "(Host(`a.example.com`) || Host(`*.b.example.com`)) && (Path(`/ws`) ||"
                    + " PathPrefix(`/ws/`)) && !Header(`X-Test`, `1`)"))
        .containsExactly(
            new RuleMatch.Alternative("a.example.com", HostMatch.EXACT, "/ws", PathMatch.PREFIX),
            new RuleMatch.Alternative(
                "*.b.example.com", HostMatch.WILDCARD_ONE_LABEL, "/ws", PathMatch.PREFIX));
    assertThat(RuleMatch.parse("HostRegexp(`^[a-z0-9-]+\\.example\\.com$`) && Method(`GET`)"))
        .containsExactly(
            new RuleMatch.Alternative(
                "*.example.com", HostMatch.WILDCARD_ONE_LABEL, "/", PathMatch.CHARACTER_PREFIX));
    assertThat(RuleMatch.parse("host(\"WS.Example.com\") && pathprefix(\"/api\")"))
        .as("lower-case matchers and double quotes, as Traefik's parser takes them")
        .containsExactly(
            new RuleMatch.Alternative(
                "ws.example.com", HostMatch.EXACT, "/api", PathMatch.CHARACTER_PREFIX));
    assertThat(RuleMatch.parse("PathRegexp(`/rooms/[0-9]+`)"))
        .containsExactly(
            new RuleMatch.Alternative(
                "", HostMatch.ANY, "(?s).*?(?:/rooms/[0-9]+)", PathMatch.REGEX_PREFIX));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "PathPrefix(`/a`, `/b`)", // v3 takes one argument
        "HostHeader(`a.example.com`)", // removed in v3
        "Host(`a`) && (Path(`/ws`)",
        "Host(a.example.com)",
        "Host(`a`) &&"
      })
  void rules_traefik_refuses(String rule) {
    assertThatThrownBy(() -> RuleMatch.parse(rule)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void v2_placeholders_are_found() {
    assertThat(RuleMatch.v2Placeholder("Host(`a`) && Path(`/products/{id}`)"))
        .isEqualTo("the placeholder {id} of Path");
    assertThat(RuleMatch.v2Placeholder("HostRegexp(`{sub:[a-z]+}.example.com`)"))
        .isEqualTo("the placeholder {sub:[a-z]+} of HostRegexp");
    assertThat(RuleMatch.v2Placeholder("PathRegexp(`^/a/[0-9]{2,3}$`)")).isNull();
  }

  @Test
  void cookie_names_as_traefik_makes_them() {
    // traefik v3.7.9 pkg/server/cookie/cookie_test.go TestGetName.
    assertThat(StickyCookies.name("", "/my/BACKEND-v1.0~rc1")).isEqualTo("_5f7bc");
    assertThat(StickyCookies.name("/my/BACKEND-v1.0~rc1", "")).isEqualTo("_my_BACKEND-v1.0~rc1");
    assertThat(StickyCookies.name("cookie", "backend")).isEqualTo("cookie");
  }

  @Test
  void prefix_rewrites_read_back_and_others_do_not() {
    Middleware.ReplacePathRegex ws = PathRewrites.of("/notify", "/ws");
    assertThat(PathRewrites.prefixOf("/notify", ws.regex(), ws.replacement())).contains("/ws");
    Middleware.ReplacePathRegex strip = PathRewrites.of("/api/", "/");
    assertThat(PathRewrites.prefixOf("/api/", strip.regex(), strip.replacement())).contains("/");
    assertThat(PathRewrites.prefixOf("/notify", "^/notify(/.*)?$", "/ws$1")).contains("/ws");
    assertThat(PathRewrites.prefixOf("/notify", "^/notify/(.*)", "/$1")).isEmpty();
    assertThat(PathRewrites.prefixOf("/other", ws.regex(), ws.replacement())).isEmpty();
  }

  @Test
  void wildcard_origins_read_back() {
    String regex = CorsOrigins.regex("https://*.example.com");
    assertThat(regex).isEqualTo("^https://[a-z0-9-]+\\.example\\.com$");
    assertThat(CorsOrigins.origin(regex)).contains("https://*.example.com");
    assertThat(CorsOrigins.origin("^https://.*\\.example\\.com$")).isEmpty();
  }

  @Test
  void did_you_mean() {
    assertThat(
            Suggestions.closest("router.entrypoint", List.of("router.entrypoints", "router.tls")))
        .isEqualTo("router.entrypoints");
    assertThat(Suggestions.closest("ratelimit", Middlewares.TYPES)).isEqualTo("rateLimit");
    assertThat(Suggestions.closest("frontend.rule.type", List.of("router.tls"))).isNull();
  }

  @Test
  void annotation_keys_as_traefik_matches_them() {
    assertThat(IngressAnnotations.find("traefik.ingress.kubernetes.io/router.EntryPoints"))
        .contains(IngressAnnotations.ROUTER_ENTRYPOINTS);
    assertThat(IngressAnnotations.find("traefik.ingress.kubernetes.io/router.tls.domains.1.main"))
        .contains(IngressAnnotations.ROUTER_TLS_DOMAIN_MAIN);
    assertThat(IngressAnnotations.find("traefik.ingress.kubernetes.io/router.tls.domain"))
        .isEmpty();
    assertThat(IngressAnnotations.parseFlag("TRUE")).isTrue();
    assertThat(IngressAnnotations.parseFlag("")).isTrue();
    assertThat(IngressAnnotations.parseFlag("1")).as("allowEmpty: only true turns it on").isFalse();
  }

  @Test
  void the_static_configuration_of_a_traefik_workload() {
    StaticConfiguration c =
        StaticConfiguration.of(
            Manifests.parse(
                "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: traefik\nspec:\n"
                    + "  template:\n    spec:\n      containers:\n      - name: proxy\n"
                    + "        image: registry.example.com/mirror/traefik:v3.5.2@sha256:abc\n"
                    + "        args:\n        - --entryPoints.web.address=:80\n"
                    + "        - --entryPoints.websecure.address=:443\n"
                    + "        - --entrypoints.websecure.http.tls.certResolver=le\n"
                    + "        - --entryPoints.web.http.redirections.entryPoint.to=websecure\n"
                    + "        - --providers.kubernetesCRD.ingressClass=internal\n",
                "ds.yaml"));
    assertThat(c.present()).isTrue();
    assertThat(c.version()).contains(Version.of(3, 5));
    assertThat(c.describeImage())
        .isEqualTo("image registry.example.com/mirror/traefik:v3.5.2@sha256:abc at ds.yaml:10:9");
    assertThat(c.plain("web")).isTrue();
    assertThat(c.tls("websecure")).isTrue();
    assertThat(c.redirects("web")).isTrue();
    assertThat(c.defines("metrics")).isFalse();
    assertThat(c.ingressClass("kubernetescrd")).isEqualTo("internal");
    assertThat(c.ingressClass("kubernetesingress")).isEmpty();

    StaticConfiguration none = StaticConfiguration.of(Manifests.parse("kind: List\n", "x.yaml"));
    assertThat(none.present()).isFalse();
    assertThat(none.plain("web")).as("the Helm chart's names").isTrue();
    assertThat(none.tls("websecure")).isTrue();
  }
}
