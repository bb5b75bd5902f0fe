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
import dev.wsingress.Severity;
import dev.wsingress.Targets;
import dev.wsingress.Tls;
import dev.wsingress.UnsupportedFeatureException;
import dev.wsingress.WebSocketApp;
import dev.wsingress.platform.Platform;
import dev.wsingress.testing.Renderings;
import dev.wsingress.testing.SampleApps;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One snapshot per scenario; every annotation is checked against where haproxytech reads it. */
class HaProxyTest {

  /** annotations.md: which keys each object may carry (the rest would be ignored there). */
  static final Set<String> INGRESS_KEYS =
      Set.of(
          "ssl-redirect",
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
          "forwarded-for");

  static final Set<String> SERVICE_KEYS = Set.of("cookie-persistence", "cr-backend");
  static final Set<String> CONFIGMAP_KEYS = Set.of("timeout-tunnel", "timeout-connect");

  static void check(Rendering r) {
    for (HasMetadata o : r.objects()) {
      Map<String, String> annotations = o.getMetadata().getAnnotations();
      if (o instanceof Ingress) {
        assertThat(annotations.keySet())
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
            "WARNING HAPROXY-COOKIE-ATTRIBUTES",
            "WARNING HAPROXY-CONFIGMAP-NAME",
            "INFO HAPROXY-CONTROLLER-WIDE");
    assertThat(r.finding("HAPROXY-RATE-LIMIT").orElseThrow().message())
        .isEqualTo(
            "rate-limit-requests counts HTTP requests per source IP, so WebSocket handshakes"
                + " only; each controller pod counts alone unless the pods peer their stick"
                + " tables (--localpeer-port).");
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

    assertThat(codes(r)).containsExactly("INFO HAPROXY-PLAIN-WS-REDIRECT");
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
            "WARNING HAPROXY-HEALTH-RISE-FALL",
            "INFO HAPROXY-SERVER-CA-KEY",
            "WARNING HAPROXY-CONFIGMAP-ONLY");
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
            "HaProxy[ingressClass=haproxy, controllerConfig=a/b, backendResource, lenient]");
  }
}
