package dev.wsingress.haproxy;

import static dev.wsingress.testing.Renderings.codes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wsingress.Affinity;
import dev.wsingress.BackendProtocol;
import dev.wsingress.Cors;
import dev.wsingress.Finding;
import dev.wsingress.HealthCheck;
import dev.wsingress.InvalidSpecException;
import dev.wsingress.Rendering;
import dev.wsingress.SameSite;
import dev.wsingress.ServedRoute;
import dev.wsingress.Severity;
import dev.wsingress.Targets;
import dev.wsingress.Tls;
import dev.wsingress.UnsupportedFeatureException;
import dev.wsingress.WebSocketApp;
import dev.wsingress.Workload;
import dev.wsingress.platform.Platform;
import dev.wsingress.testing.Renderings;
import dev.wsingress.testing.SampleApps;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** One snapshot per scenario; every annotation is checked against where haproxytech reads it. */
class HaProxyTest {

  /** annotations.md: which keys each object may carry (the rest would be ignored there). */
  static final Set<String> INGRESS_KEYS =
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
          "load-balance",
          "check",
          "check-http",
          "check-interval",
          "server-ssl",
          "server-ca",
          "cr-backend",
          "timeout-server",
          "forwarded-for",
          "path-rewrite",
          "standalone-backend");

  static final Set<String> SERVICE_KEYS = Set.of("cookie-persistence", "cr-backend");
  static final Set<String> CONFIGMAP_KEYS = Set.of("timeout-tunnel", "timeout-connect");

  static void check(Rendering r) {
    for (HasMetadata o : r.objects()) {
      Map<String, String> annotations = o.getMetadata().getAnnotations();
      if (o instanceof Ingress) {
        assertThat(annotations.keySet())
            .filteredOn(k -> !k.equals(ServedRoute.WEBSOCKET_ANNOTATION))
            .allSatisfy(k -> assertThat(INGRESS_KEYS).contains(k.replace("haproxy.org/", "")));
      } else if (o instanceof Service && annotations != null) {
        assertThat(annotations.keySet())
            .filteredOn(k -> k.startsWith("haproxy.org/"))
            .allSatisfy(k -> assertThat(SERVICE_KEYS).contains(k.replace("haproxy.org/", "")));
      } else if (o instanceof ConfigMap cm) {
        assertThat(cm.getData()).allSatisfy((k, v) -> assertThat(CONFIGMAP_KEYS).contains(k));
      }
    }
    assertThat(timesWithoutUnit(r)).isEmpty();
    Renderings.verify(r);
  }

  /** Any annotation or ConfigMap time that is a bare number (HAProxy would read milliseconds). */
  static List<String> timesWithoutUnit(Rendering r) {
    java.util.List<String> bad = new java.util.ArrayList<>();
    for (HasMetadata o : r.objects()) {
      Map<String, String> values =
          o instanceof ConfigMap cm ? cm.getData() : o.getMetadata().getAnnotations();
      if (values == null) {
        continue;
      }
      values.forEach(
          (k, v) -> {
            if ((k.contains("timeout")
                    || k.endsWith("interval")
                    || k.endsWith("period")
                    || k.endsWith("max-age"))
                && !v.matches("[0-9]+(ms|s|m|h|d)")) {
              bad.add(k + "=" + v);
            }
          });
    }
    return bad;
  }

  private static WebSocketApp.Builder app() {
    return WebSocketApp.on("ws.example.com").name("chat").service("websocket-service", 8080);
  }

  @Test
  void minimal() {
    Rendering r = HaProxy.target().render(SampleApps.minimal());

    assertThat(r.findings())
        .containsExactly(
            new Finding(
                "HAPROXY-TUNNEL-DEFAULT",
                Severity.INFO,
                "Ingress default/websocket-service",
                "timeout-tunnel is ConfigMap-only, and the idle timeout of 3600 s is its default.",
                "Nothing to do: haproxytech's timeout-tunnel default is already 1h."));
    check(r);
  }

  @Test
  void chatLenientWithControllerConfigAndPlatform() {
    Rendering r =
        Targets.render(
            SampleApps.chat(),
            HaProxy.target()
                .controllerConfig("haproxy-controller", "haproxy-kubernetes-ingress")
                .lenient(),
            Platform.target());

    assertThat(codes(r))
        .containsExactly(
            "INFO HAPROXY-PLAIN-WS-REDIRECT",
            "WARNING HAPROXY-RATE-LIMIT",
            "INFO HAPROXY-RATE-LIMIT-BURST",
            "WARNING HAPROXY-MAX-CONNECTIONS",
            "WARNING HAPROXY-CORS-HANDSHAKE",
            "INFO HAPROXY-CLIENT-ADDRESS",
            "WARNING HAPROXY-COOKIE-ATTRIBUTES",
            "WARNING HAPROXY-CONFIGMAP-NAME",
            "INFO HAPROXY-CONTROLLER-WIDE");
    assertThat(r.finding("HAPROXY-RATE-LIMIT").orElseThrow())
        .isEqualTo(
            new Finding(
                "HAPROXY-RATE-LIMIT",
                Severity.WARNING,
                "Ingress default/chat",
                "rate-limit-requests counts HTTP requests per source IP, so WebSocket handshakes"
                    + " only, in each controller pod separately: the controller peers a pod's stick"
                    + " table only with itself (peers localinstance), so with N pods a client gets"
                    + " up to N times the limit.",
                "Divide the intended limit by the number of controller replicas, or enforce it in"
                    + " the application."));
    assertThat(r.finding("HAPROXY-CLIENT-ADDRESS").orElseThrow().message())
        .isEqualTo(
            "rate-limit-requests counts per the source address of the connection HAProxy receives"
                + " (src); behind a load balancer that does not pass the client's address on,"
                + " every client looks alike.");
    // H1: the redirect names the port clients reach, not the controller's default 8443.
    assertThat(r.only(Ingress.class).getMetadata().getAnnotations())
        .containsEntry("haproxy.org/ssl-redirect", "true")
        .containsEntry("haproxy.org/ssl-redirect-port", "443");
    // H2: a single origin is an anchored, escaped regex too.
    assertThat(r.only(Ingress.class).getMetadata().getAnnotations())
        .containsEntry("haproxy.org/cors-allow-origin", "^https://app\\.example\\.com$");
    assertThat(r.finding("HAPROXY-COOKIE-ATTRIBUTES").orElseThrow().message())
        .isEqualTo(
            "cookie-persistence sets the cookie's name only (insert indirect nocache dynamic);"
                + " its max-age, path, Secure and SameSite are not written.");
    assertThat(r.only(Service.class).getMetadata().getAnnotations())
        .containsEntry("haproxy.org/cookie-persistence", "ws-server");
    assertThat(r.only(ConfigMap.class).getData())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("timeout-tunnel", "3600s", "timeout-connect", "10s"));
    check(r);
  }

  @Test
  void backendResource() {
    WebSocketApp app =
        app()
            .timeout(Duration.ofHours(2))
            .connectTimeout(Duration.ofSeconds(5))
            .stickySessions(
                Affinity.cookie("ws-server")
                    .maxAge(Duration.ofDays(1))
                    .secure(true)
                    .sameSite(SameSite.LAX))
            .healthCheck(
                HealthCheck.http("/health").interval(Duration.ofSeconds(5)).rise(2).fall(3))
            .tls(Tls.secret("websocket-tls"))
            .build();

    Rendering r = Targets.render(app, HaProxy.target().backendResource(), Platform.target());

    assertThat(codes(r))
        .containsExactly("INFO HAPROXY-PLAIN-WS-REDIRECT", "INFO HAPROXY-VERSION-GATED");
    assertThat(r.finding("HAPROXY-VERSION-GATED").orElseThrow().message())
        .isEqualTo(
            "Backend ingress.v3.haproxy.org/v3 needs haproxytech kubernetes-ingress 3.2 or newer"
                + " (rendering for 3.2).");
    Backend backend = r.only(Backend.class);
    assertThat(backend.getSpec().tunnelTimeout()).isEqualTo(7_200_000L);
    assertThat(backend.getSpec().connectTimeout()).isEqualTo(5_000L);
    assertThat(backend.getSpec().defaultServer().inter()).isEqualTo(5_000L);
    assertThat(r.only(Ingress.class).getMetadata().getAnnotations())
        .containsEntry("haproxy.org/cr-backend", "default/chat")
        .doesNotContainKeys("haproxy.org/load-balance", "haproxy.org/check");
    assertThat(r.only(Service.class).getMetadata().getAnnotations()).isNullOrEmpty();
    assertThat(r.objects(ConfigMap.class)).isEmpty();
    check(r);
  }

  @Test
  void clientIpCorsOriginsAndHttpsBackend() {
    WebSocketApp app =
        app()
            .stickySessions(Affinity.clientIp())
            .cors(
                Cors.allowOrigins("https://app.example.com", "https://*.example.com")
                    .allowMethods("GET", "POST")
                    .allowHeaders("Authorization")
                    .exposeHeaders("X-Trace")
                    .maxAge(Duration.ofMinutes(5)))
            .healthCheck(HealthCheck.http("/health").fall(2))
            .backendProtocol(BackendProtocol.HTTPS)
            .backendCaSecret("backend-ca")
            .tls(Tls.secret("websocket-tls").redirect(false))
            .timeout(Duration.ofMinutes(30))
            .build();

    Rendering r = HaProxy.target().ingressClass("haproxy-ws").render(app);

    assertThat(HaProxy.origin(app.cors().orElseThrow().origins()))
        .isEqualTo("^(https://app\\.example\\.com|https://[a-z0-9-]+\\.example\\.com)$");
    assertThat(codes(r))
        .containsExactly(
            "WARNING HAPROXY-CORS-HANDSHAKE",
            "WARNING HAPROXY-CORS-EXPOSE-HEADERS",
            "INFO HAPROXY-CLIENT-ADDRESS",
            "WARNING HAPROXY-HEALTH-RISE-FALL",
            "WARNING HAPROXY-SERVER-CA-KEY",
            "WARNING HAPROXY-BACKEND-TLS-NAME",
            "WARNING HAPROXY-CONFIGMAP-ONLY");
    assertThat(r.finding("HAPROXY-CLIENT-ADDRESS").orElseThrow())
        .isEqualTo(
            new Finding(
                "HAPROXY-CLIENT-ADDRESS",
                Severity.INFO,
                "Ingress default/chat",
                "load-balance source hashes the source address of the connection HAProxy receives"
                    + " (src); behind a load balancer that does not pass the client's address on,"
                    + " every client looks alike.",
                "Behind a cloud load balancer, enable PROXY protocol on it and list its addresses"
                    + " in the controller ConfigMap's proxy-protocol, or, with a load balancer that"
                    + " passes client addresses through, set externalTrafficPolicy: Local on the"
                    + " controller's Service."));
    // H4: server-ca alone (verify required); server-ssl would mean verify none if the CA is missed.
    assertThat(r.only(Ingress.class).getMetadata().getAnnotations())
        .containsEntry("haproxy.org/server-ca", "default/backend-ca")
        .doesNotContainKey("haproxy.org/server-ssl");
    assertThat(r.finding("HAPROXY-SERVER-CA-KEY").orElseThrow())
        .isEqualTo(
            new Finding(
                "HAPROXY-SERVER-CA-KEY",
                Severity.WARNING,
                "Ingress default/chat",
                "server-ca reads the CA certificate only from the tls.crt key of Secret backend-ca"
                    + " (pkg/haproxy/certs writeSecret); with the ca.crt key alone the controller"
                    + " turns TLS to the backend off, and the backend refuses the connections.",
                "Put the CA certificate under both keys of that Secret: tls.crt for haproxytech,"
                    + " ca.crt as the spec describes it (ingress-nginx reads such a Secret without"
                    + " tls.key as CA-only)."));
    assertThat(r.finding("HAPROXY-BACKEND-TLS-NAME").orElseThrow().message())
        .isEqualTo(
            "server-ca makes HAProxy verify the backend certificate's chain against the CA, not its"
                + " host name: the controller sets neither sni nor verifyhost"
                + " (pkg/annotations/service/ca.go), so any certificate that CA signs is"
                + " accepted.");
    assertThat(r.finding("HAPROXY-CONFIGMAP-ONLY").orElseThrow().message())
        .isEqualTo(
            "these settings are ConfigMap-only, so they are not on the Ingress:"
                + " {timeout-tunnel=1800s}.");
    check(r);
  }

  @Test
  void strict_rendering_refuses_what_haproxy_cannot_do() {
    UnsupportedFeatureException e =
        catchThrowableOfType(
            UnsupportedFeatureException.class, () -> HaProxy.target().render(SampleApps.chat()));
    assertThat(e.errors()).extracting(Finding::code).containsExactly("HAPROXY-MAX-CONNECTIONS");

    WebSocketApp https = app().backendProtocol(BackendProtocol.HTTPS).backendCaSecret("ca").build();
    assertThat(
            catchThrowableOfType(
                    UnsupportedFeatureException.class,
                    () -> HaProxy.target().backendResource().render(https))
                .errors())
        .containsExactly(
            new Finding(
                "HAPROXY-BACKEND-TLS",
                Severity.ERROR,
                "Ingress default/chat",
                "an HTTPS backend is verified only with a CA; wsingress never disables"
                    + " verification.",
                "Give the CA with .backendCaSecret(\"<secret>\"), in annotation mode (a Backend"
                    + " CR names a CA file inside the controller pod, not a Secret)."));
  }

  @Test
  void the_service_annotation_is_reported_when_the_service_is_not_rendered() {
    Rendering r = HaProxy.target().render(app().stickySessions(Affinity.cookie("ws")).build());

    assertThat(r.finding("HAPROXY-SERVICE-ANNOTATIONS").orElseThrow().message())
        .isEqualTo(
            "haproxytech reads cookie-persistence from the Service only, which is not rendered"
                + " here: {haproxy.org/cookie-persistence=ws}.");
    assertThat(r.only(Ingress.class).getMetadata().getAnnotations())
        .doesNotContainKey("haproxy.org/cookie-persistence");
  }

  @Test
  void options_reject_bad_input() {
    assertThatThrownBy(() -> HaProxy.target().controllerConfig("haproxy controller", ""))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageStartingWith("HaProxy is invalid (2 problems):");
    assertThatThrownBy(() -> HaProxy.target().ingressClass("HAProxy"))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("ingressClass = \"HAProxy\"");
    assertThat(HaProxy.target().controllerConfig("a", "b").backendResource().lenient())
        .hasToString(
            "HaProxy[ingressClass=haproxy, version=3.2, controllerConfig=a/b, backendResource,"
                + " lenient]");
    assertThat(HaProxy.target().version("3.0").controllerServiceAccount("ingress", "haproxy"))
        .hasToString(
            "HaProxy[ingressClass=haproxy, version=3.0, controllerServiceAccount=ingress/haproxy]");
    assertThatThrownBy(() -> HaProxy.target().version("1.11"))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessage(
            "HaProxy is invalid (1 problem):\n  - version = \"1.11\": is not a release line this"
                + " target writes for (supported: 3.0 to 3.2). Fix: give one of [3.0, 3.1, 3.2].");
    assertThatThrownBy(() -> HaProxy.target().controllerServiceAccount("a", "B"))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("controllerServiceAccount.name = \"B\"");
    assertThat(HaProxy.target().versions())
        .extracting(Object::toString)
        .containsExactly("3.0", "3.1", "3.2");
  }

  @Test
  void every_cors_origin_becomes_an_escaped_anchored_regex() {
    String single = HaProxy.origin(List.of("https://app.example.com"));
    String wildcard = HaProxy.origin(List.of("https://*.example.com:8443"));

    assertThat(single).isEqualTo("^https://app\\.example\\.com$");
    assertThat(wildcard).isEqualTo("^https://[a-z0-9-]+\\.example\\.com:8443$");
    assertThat(HaProxy.origin(List.of("*", "https://a.example"))).isEqualTo("*");
    // What HAProxy's `-m reg` would accept, with the audit's two attack origins.
    Pattern p = Pattern.compile(single);
    assertThat(p.matcher("https://app.example.com").find()).isTrue();
    assertThat(p.matcher("https://app.example.com.evil.net").find()).isFalse();
    assertThat(p.matcher("https://appXexample.com").find()).isFalse();
    Pattern w = Pattern.compile(wildcard);
    assertThat(w.matcher("https://chat.example.com:8443").find()).isTrue();
    assertThat(w.matcher("https://a.b.example.com:8443").find()).isFalse();
    assertThat(w.matcher("https://chat.example.com:84430").find()).isFalse();
  }

  @Test
  void the_backend_resource_follows_the_controller_release() {
    WebSocketApp app =
        app()
            .stickySessions(Affinity.cookie("ws-server").path("/ws"))
            .healthCheck(HealthCheck.http("/health").rise(2))
            .build();

    Rendering oldest = HaProxy.target().version("3.0").backendResource().render(app);
    Rendering newest = HaProxy.target().version("3.2").backendResource().render(app);

    BackendV1 v1 = oldest.only(BackendV1.class);
    assertThat(v1.getApiVersion()).isEqualTo("ingress.v1.haproxy.org/v1");
    assertThat(v1.getSpec().config().name()).isEqualTo("chat");
    assertThat(v1.getSpec().config().cookie().attr()).containsExactly(new Backend.Attr("Path=/ws"));
    assertThat(oldest.objects(Backend.class)).isEmpty();
    assertThat(oldest.findings()).extracting(Finding::code).doesNotContain("HAPROXY-VERSION-GATED");
    Backend v3 = newest.only(Backend.class);
    assertThat(v3.getApiVersion()).isEqualTo("ingress.v3.haproxy.org/v3");
    assertThat(newest.objects(BackendV1.class)).isEmpty();
    assertThat(newest.finding("HAPROXY-VERSION-GATED")).isPresent();
    // Both carry the same backend section; the Ingress selects either by name.
    assertThat(BackendV1.Config.of("chat", v3.getSpec())).isEqualTo(v1.getSpec().config());
    for (Rendering r : List.of(oldest, newest)) {
      assertThat(r.only(Ingress.class).getMetadata().getAnnotations())
          .containsEntry("haproxy.org/cr-backend", "default/chat");
    }
    check(oldest);
  }

  @Test
  void the_controller_namespace_reaches_the_platform_network_policy() {
    WebSocketApp app =
        app().workload(Workload.image("chat:1")).stickySessions(Affinity.clientIp()).build();

    // The chart's --configmap=<namespace>/<fullname> and ServiceAccount <fullname>.
    Rendering r =
        Targets.render(
            app,
            HaProxy.target()
                .controllerConfig("haproxy-ingress", "haproxy-ingress-kubernetes-ingress"),
            Platform.target());
    Rendering explicit =
        Targets.render(
            app,
            HaProxy.target()
                .controllerConfig("haproxy-ingress", "haproxy-ingress-kubernetes-ingress")
                .controllerServiceAccount("edge", "haproxy"),
            Platform.target());
    Rendering defaults = Targets.render(app, HaProxy.target(), Platform.target());

    assertThat(fromNamespaces(r)).containsExactly("haproxy-ingress");
    assertThat(fromNamespaces(explicit)).containsExactly("edge");
    assertThat(fromNamespaces(defaults)).containsExactly("haproxy-controller");
  }

  private static List<String> fromNamespaces(Rendering r) {
    return r.only(NetworkPolicy.class).getSpec().getIngress().get(0).getFrom().stream()
        .map(
            peer -> peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"))
        .toList();
  }
}
