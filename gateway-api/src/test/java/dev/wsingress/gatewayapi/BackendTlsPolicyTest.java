package dev.wsingress.gatewayapi;

import static dev.wsingress.testing.Renderings.codes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wsingress.BackendProtocol;
import dev.wsingress.Finding;
import dev.wsingress.Rendering;
import dev.wsingress.Severity;
import dev.wsingress.Targets;
import dev.wsingress.UnsupportedFeatureException;
import dev.wsingress.WebSocketApp;
import dev.wsingress.platform.Platform;
import dev.wsingress.testing.Renderings;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicy;
import org.junit.jupiter.api.Test;

/** HTTPS backends: a BackendTLSPolicy with the CA, and appProtocol kubernetes.io/wss with it. */
class BackendTlsPolicyTest {

  private static WebSocketApp.Builder https() {
    return WebSocketApp.on("ws.example.com")
        .name("chat")
        .service("websocket-service", 8443)
        .backendProtocol(BackendProtocol.HTTPS);
  }

  @Test
  void configMapCa() {
    Rendering r =
        Targets.render(
            https().build(),
            GatewayApi.target().withGateway("eg").backendCaConfigMap("backend-ca"),
            Platform.target());

    BackendTLSPolicy policy = r.only(BackendTLSPolicy.class);
    assertThat(policy.getSpec().getTargetRefs())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.getGroup()).isEmpty();
              assertThat(t.getKind()).isEqualTo("Service");
              assertThat(t.getName()).isEqualTo("websocket-service");
            });
    assertThat(policy.getSpec().getValidation().getHostname())
        .isEqualTo("websocket-service.default.svc");
    assertThat(policy.getSpec().getValidation().getCaCertificateRefs())
        .singleElement()
        .satisfies(
            ca -> {
              assertThat(ca.getGroup()).isEmpty();
              assertThat(ca.getKind()).isEqualTo("ConfigMap");
              assertThat(ca.getName()).isEqualTo("backend-ca");
            });
    assertThat(r.only(Service.class).getSpec().getPorts().get(0).getAppProtocol())
        .isEqualTo("kubernetes.io/wss");
    assertThat(codes(r))
        .containsExactly("WARNING GATEWAYAPI-IDLE-TIMEOUT", "INFO GATEWAYAPI-VERSION-GATED");
    assertThat(r.finding("GATEWAYAPI-VERSION-GATED").orElseThrow())
        .isEqualTo(
            new Finding(
                "GATEWAYAPI-VERSION-GATED",
                Severity.INFO,
                "BackendTLSPolicy default/chat",
                "BackendTLSPolicy gateway.networking.k8s.io/v1 needs Gateway API v1.4 or newer"
                    + " (rendering for v1.6).",
                "Run that release or newer, or render for your release with .version(...) or"
                    + " .envoyGateway(version)."));
    Renderings.verify(r);
  }

  @Test
  void secretCa() {
    WebSocketApp app = https().backendCaSecret("backend-ca").build();

    Rendering r = Targets.render(app, GatewayApi.target().withGateway("eg"), Platform.target());

    assertThat(r.only(BackendTLSPolicy.class).getSpec().getValidation().getCaCertificateRefs())
        .extracting(ca -> ca.getKind() + " " + ca.getName())
        .containsExactly("Secret backend-ca");
    assertThat(r.finding("GATEWAYAPI-BACKEND-CA-SECRET").orElseThrow())
        .isEqualTo(
            new Finding(
                "GATEWAYAPI-BACKEND-CA-SECRET",
                Severity.WARNING,
                "BackendTLSPolicy default/chat",
                "caCertificateRefs names Secret backend-ca: the Gateway API supports a Secret CA"
                    + " only as implementation-specific (Core support is one ConfigMap with key"
                    + " ca.crt), and an implementation that does not read Secrets sets"
                    + " ResolvedRefs False (InvalidKind) and fails connections to the backend with"
                    + " 5xx.",
                "Check that your implementation reads CA Secrets in BackendTLSPolicy (Envoy"
                    + " Gateway does: render with .envoyGateway()), or copy ca.crt into a ConfigMap"
                    + " and reference it with GatewayApi.target().backendCaConfigMap(name)."));
    Renderings.verify(r);
  }

  @Test
  void a_secret_ca_on_envoy_gateway_is_read_from_ca_crt() {
    WebSocketApp app = https().backendCaSecret("backend-ca").build();

    Rendering r =
        Targets.render(
            app, GatewayApi.target().withGateway("eg").envoyGateway(), Platform.target());

    assertThat(r.finding("GATEWAYAPI-BACKEND-CA-SECRET")).isEmpty();
    assertThat(r.finding("GATEWAYAPI-ENVOY-BACKEND-CA-SECRET").orElseThrow().message())
        .isEqualTo(
            "Envoy Gateway reads the backend CA from Secret backend-ca: its key ca.crt (else"
                + " tls.crt, else its only key), in namespace default.");
  }

  @Test
  void without_a_ca_strict_rendering_fails_and_lenient_writes_no_wss() {
    WebSocketApp app = https().build();

    UnsupportedFeatureException e =
        catchThrowableOfType(
            UnsupportedFeatureException.class,
            () -> Targets.render(app, GatewayApi.target(), Platform.target()));
    Rendering lenient = Targets.render(app, GatewayApi.target().lenient(), Platform.target());

    assertThat(e.errors())
        .containsExactly(
            new Finding(
                "GATEWAYAPI-BACKEND-TLS",
                Severity.ERROR,
                "Service default/websocket-service",
                "an HTTPS backend needs a CA to be verified (BackendTLSPolicy"
                    + " validation.caCertificateRefs) and none is given, so no BackendTLSPolicy and"
                    + " no appProtocol kubernetes.io/wss are written (wss without a policy makes"
                    + " the backend invalid, GEP-1911), and the gateway has no TLS settings for"
                    + " it.",
                "Name the CA with .backendCaSecret(name) (Envoy Gateway reads a Secret) or"
                    + " GatewayApi.target().backendCaConfigMap(name) (a ConfigMap with key ca.crt,"
                    + " Core support), or use an HTTP backend."));
    assertThat(lenient.objects(BackendTLSPolicy.class)).isEmpty();
    assertThat(lenient.only(Service.class).getSpec().getPorts().get(0).getAppProtocol()).isNull();
    assertThat(codes(lenient)).contains("WARNING GATEWAYAPI-BACKEND-TLS");
  }

  @Test
  void before_v1_4_there_is_no_standard_backend_tls_policy() {
    WebSocketApp app = https().backendCaSecret("backend-ca").build();

    Rendering oldest =
        Targets.render(app, GatewayApi.target().version("1.3").lenient(), Platform.target());
    Rendering v14 = Targets.render(app, GatewayApi.target().version("1.4"), Platform.target());

    assertThat(oldest.objects(BackendTLSPolicy.class)).isEmpty();
    assertThat(oldest.only(Service.class).getSpec().getPorts().get(0).getAppProtocol()).isNull();
    assertThat(oldest.finding("GATEWAYAPI-VERSION-LACKS").orElseThrow().message())
        .isEqualTo(
            "BackendTLSPolicy gateway.networking.k8s.io/v1 is standard from Gateway API v1.4"
                + " (rendering for v1.3), so the HTTPS backend cannot be verified: no policy and no"
                + " appProtocol kubernetes.io/wss are written, and the gateway has no TLS settings"
                + " for it.");
    assertThat(v14.objects(BackendTLSPolicy.class)).hasSize(1);
    assertThat(v14.finding("GATEWAYAPI-VERSION-GATED").orElseThrow().message())
        .isEqualTo(
            "BackendTLSPolicy gateway.networking.k8s.io/v1 needs Gateway API v1.4 or newer"
                + " (rendering for v1.4).");
  }
}
