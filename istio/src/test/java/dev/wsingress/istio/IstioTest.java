package dev.wsingress.istio;

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
import io.fabric8.kubernetes.api.model.Service;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** One snapshot per scenario; every rendering is schema- and CEL-checked, findings asserted. */
class IstioTest {

  static void check(Rendering r) {
    assertThat(IstioCelRules.violations(r.objects())).isEmpty();
    Renderings.verify(r);
  }

  private static WebSocketApp.Builder app() {
    return WebSocketApp.on("ws.example.com").name("chat").service("websocket-service", 8080);
  }

  @Test
  void minimalWithPlatform() {
    Rendering r = Targets.render(SampleApps.minimal(), Istio.target(), Platform.target());

    assertThat(r.findings())
        .containsExactly(
            new Finding(
                "ISTIO-STREAM-IDLE",
                Severity.INFO,
                "VirtualService default/websocket-service",
                "no route timeout is written (Istio's default is none; 0s is rejected since"
                    + " 1.23), and Istio turns off Envoy's stream idle timeout, so a quiet"
                    + " WebSocket stays open; the DestinationRule's idle timeouts of 3600 s apply"
                    + " to pooled connections without an active request.",
                "Keep the ping interval of the application well under every idle limit on the"
                    + " path; if the gateway uses Istio 1.31's EDGE connection profile, silent"
                    + " streams close after 5 minutes."));
    assertThat(r.only(Service.class).getSpec().getPorts().get(0).getName()).isEqualTo("http-ws");
    check(r);
  }

  @Test
  void chatLenient() {
    Rendering r = Targets.render(SampleApps.chat(), Istio.target().lenient(), Platform.target());

    assertThat(codes(r))
        .containsExactly(
            "INFO ISTIO-STREAM-IDLE",
            "WARNING ISTIO-RATE-LIMIT",
            "WARNING ISTIO-MAX-CONNECTIONS",
            "WARNING ISTIO-CREDENTIAL-NAMESPACE",
            "WARNING ISTIO-CORS-HANDSHAKE",
            "INFO ISTIO-SOFT-AFFINITY",
            "WARNING ISTIO-HEALTH-CHECK-PASSIVE");
    assertThat(r.finding("ISTIO-CREDENTIAL-NAMESPACE").orElseThrow().message())
        .isEqualTo(
            "credentialName websocket-tls is read from the namespace of the gateway workload"
                + " (selected by {istio=ingressgateway}), not from the Gateway's namespace"
                + " default.");
    assertThat(r.finding("ISTIO-HEALTH-CHECK-PASSIVE").orElseThrow().message())
        .isEqualTo(
            "Istio has no active health checks: /health is not probed; outlier detection ejects"
                + " a pod after 5 consecutive gateway errors (502, 503, 504).");
    assertThat(r.finding("ISTIO-SOFT-AFFINITY").orElseThrow().message())
        .isEqualTo(
            "consistentHash is soft affinity: when pods are added or removed, some clients hash"
                + " to another pod.");
    check(r);
  }

  @Test
  void existingGatewayClientIpAndOutlierLimits() {
    WebSocketApp app =
        app()
            .namespace("chat")
            .stickySessions(Affinity.clientIp())
            .healthCheck(HealthCheck.http("/health").interval(Duration.ofSeconds(30)).fall(3))
            .build();

    Rendering r =
        Istio.target().gateway("istio-system", "public").outlierLimits(50, 50).render(app);

    assertThat(codes(r))
        .containsExactly(
            "WARNING ISTIO-PORT-PROTOCOL",
            "INFO ISTIO-STREAM-IDLE",
            "INFO ISTIO-SERVICE-AFFINITY-IGNORED",
            "INFO ISTIO-SOFT-AFFINITY",
            "WARNING ISTIO-HEALTH-CHECK-PASSIVE");
    assertThat(r.finding("ISTIO-PORT-PROTOCOL").orElseThrow().message())
        .isEqualTo(
            "Istio treats the port as HTTP (and so proxies the WebSocket upgrade) only when its"
                + " name starts with http- or its appProtocol says so; the Service is not"
                + " rendered here, so it was not checked.");
    check(r);
  }

  @Test
  void cookieAttributesWildcardCorsAndHttpsBackend() {
    WebSocketApp app =
        app()
            .alsoOn("*.ws.example.com")
            .exactPath("/socket")
            .connectTimeout(Duration.ofSeconds(5))
            .stickySessions(
                Affinity.cookie("ws-server")
                    .maxAge(Duration.ofHours(1))
                    .path("/")
                    .secure(true)
                    .sameSite(SameSite.STRICT))
            .tls(Tls.secret("websocket-tls").redirect(false))
            .cors(
                Cors.allowOrigins("*", "https://*.example.com:8443")
                    .allowMethods("GET")
                    .allowHeaders("Authorization")
                    .maxAge(Duration.ofMinutes(10)))
            .backendProtocol(BackendProtocol.HTTPS)
            .backendCaSecret("backend-ca")
            .build();

    Rendering r =
        Targets.render(app, Istio.target().gatewaySelector("app", "edge"), Platform.target());

    assertThat(codes(r))
        .containsExactly(
            "INFO ISTIO-STREAM-IDLE",
            "WARNING ISTIO-CREDENTIAL-NAMESPACE",
            "WARNING ISTIO-CORS-HANDSHAKE",
            "WARNING ISTIO-COOKIE-ATTRIBUTES",
            "INFO ISTIO-SOFT-AFFINITY",
            "WARNING ISTIO-BACKEND-CA-NAMESPACE");
    assertThat(r.finding("ISTIO-COOKIE-ATTRIBUTES").orElseThrow().message())
        .isEqualTo(
            "consistentHash.httpCookie carries a name, path and ttl only; the cookie's Secure,"
                + " SameSite, HttpOnly and persistent-mode settings are not written.");
    check(r);
  }

  @Test
  void strict_rendering_refuses_limits_istio_cannot_express() {
    UnsupportedFeatureException e =
        catchThrowableOfType(
            UnsupportedFeatureException.class, () -> Istio.target().render(SampleApps.chat()));

    assertThat(e.errors())
        .extracting(Finding::code, Finding::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "ISTIO-RATE-LIMIT",
                "networking.istio.io has no rate limit; the handshake limit is not written."),
            org.assertj.core.groups.Tuple.tuple(
                "ISTIO-MAX-CONNECTIONS",
                "networking.istio.io has no per-client connection limit; 100 is not written."));
  }

  @Test
  void https_backend_without_a_ca_fails_and_a_port_name_renders_no_virtual_service() {
    WebSocketApp https = app().backendProtocol(BackendProtocol.HTTPS).build();
    assertThat(
            catchThrowableOfType(
                    UnsupportedFeatureException.class, () -> Istio.target().render(https))
                .errors())
        .extracting(Finding::code)
        .containsExactly("ISTIO-BACKEND-TLS");

    WebSocketApp named = WebSocketApp.on("ws.example.com").service("ws", "http-ws").build();
    Rendering lenient = Istio.target().lenient().render(named);
    assertThat(lenient.objects())
        .extracting(o -> o.getKind())
        .containsExactly("DestinationRule", "Gateway");
    assertThat(lenient.finding("ISTIO-PORT-NUMBER")).isPresent();
  }

  @Test
  void a_platform_port_name_without_a_protocol_prefix_is_a_warning() {
    // istio 1.30.3 pkg/config/kube/conversion.go: an unknown prefix is sniffed, not refused.
    Rendering r =
        Targets.render(SampleApps.minimal(), Istio.target(), Platform.target().portName("ws"));

    assertThat(r.finding("CORE-PORT-NAME-PROTOCOL").orElseThrow().toString())
        .isEqualTo(
            "WARNING CORE-PORT-NAME-PROTOCOL Service default/websocket-service: Istio selects the"
                + " port's protocol by its name (or appProtocol), and \"ws\" does not start with"
                + " http-: a known prefix before the first '-' (tcp-, tls-, https-, grpc-, http2-"
                + " ...) declares another protocol, and without one the proxies must detect HTTP"
                + " by sniffing each connection. Hint: Name the port http-<something>, as in"
                + " Platform.target().portName(\"http-ws\"), to declare HTTP.");
  }

  @Test
  void options_reject_bad_input_and_return_copies() {
    assertThatThrownBy(() -> Istio.target().outlierLimits(150, -1))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessage(
            "Istio is invalid (2 problems):\n"
                + "  - outlierLimits.maxEjectionPercent = 150: must be from 0 to 100. Fix: use a"
                + " value in that range.\n"
                + "  - outlierLimits.minHealthPercent = -1: must be from 0 to 100. Fix: use a"
                + " value in that range.");
    assertThatThrownBy(() -> Istio.target().gatewaySelector("istio", "ingress gateway"))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageStartingWith("Istio is invalid (1 problem):\n  - gatewaySelector = ");
    assertThatThrownBy(() -> Istio.target().gateway("istio-system", null))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("gateway.name = null: is required.");
    assertThat(Istio.target()).hasToString("Istio[gatewaySelector={istio=ingressgateway}]");
    assertThat(Istio.target().gateway("istio-system", "public").outlierLimits(50, 50).lenient())
        .hasToString("Istio[gateway=istio-system/public, outlierLimits=50/50, lenient]");
  }
}
