package dev.wsingress.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wsingress.Affinity;
import dev.wsingress.BackendProtocol;
import dev.wsingress.Finding;
import dev.wsingress.Rendering;
import dev.wsingress.Severity;
import dev.wsingress.UnsupportedFeatureException;
import dev.wsingress.WebSocketApp;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What ingress-nginx cannot do fails strict rendering with an exact ERROR finding. */
class NginxStrictTest {
  private static WebSocketApp.Builder app() {
    return WebSocketApp.on("ws.example.com").name("chat").service("ws", 8080);
  }

  @Test
  void connect_timeout_above_75_seconds_fails() {
    WebSocketApp app = app().connectTimeout(Duration.ofSeconds(3600)).build();

    assertThatThrownBy(() -> Nginx.target().ingressClass("x").render(app))
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessage(
            "ingress-nginx cannot render this app (1 error; render leniently to get the closest"
                + " approximation as warnings):\n"
                + "  - ERROR NGINX-CONNECT-TIMEOUT Ingress default/chat: proxy-connect-timeout"
                + " 3600 s is above the 75 s nginx can honour (ingress-nginx configmap.md: it"
                + " \"cannot usually exceed 75 seconds\"; the default is 5). Hint: Keep the"
                + " connect timeout short (5 to 30 s): it only covers opening the TCP connection"
                + " to a pod. Use .timeout(...) for how long an idle socket stays open.");
  }

  @Test
  void connect_timeout_of_75_seconds_is_fine() {
    Ingress ingress =
        Nginx.target()
            .render(app().connectTimeout(Duration.ofSeconds(75)).build())
            .only(Ingress.class);

    assertThat(ingress.getMetadata().getAnnotations())
        .containsEntry("nginx.ingress.kubernetes.io/proxy-connect-timeout", "75");
  }

  @Test
  void a_cookie_without_http_only_cannot_be_expressed() {
    WebSocketApp app = app().stickySessions(Affinity.cookie("ws").httpOnly(false)).build();

    UnsupportedFeatureException e =
        catchThrowableOfType(UnsupportedFeatureException.class, () -> Nginx.target().render(app));

    assertThat(e.errors())
        .containsExactly(
            new Finding(
                "NGINX-COOKIE-HTTPONLY",
                Severity.ERROR,
                "Ingress default/chat",
                "ingress-nginx always sets HttpOnly on the affinity cookie (balancer/sticky.lua);"
                    + " httpOnly(false) cannot be expressed.",
                "Leave httpOnly on; scripts do not need the affinity cookie."));
  }

  @Test
  void an_https_backend_without_a_ca_would_skip_verification() {
    WebSocketApp app = app().backendProtocol(BackendProtocol.HTTPS).build();

    UnsupportedFeatureException e =
        catchThrowableOfType(UnsupportedFeatureException.class, () -> Nginx.target().render(app));

    assertThat(e.errors())
        .containsExactly(
            new Finding(
                "NGINX-BACKEND-TLS-UNVERIFIED",
                Severity.ERROR,
                "Ingress default/chat",
                "with backend-protocol HTTPS, ingress-nginx does not verify the backend's"
                    + " certificate unless proxy-ssl-verify is on with a CA Secret.",
                "Give the CA that signs the backend's certificate with"
                    + " .backendCaSecret(\"<secret>\")."));
    assertThat(e.findings()).extracting(Finding::code).contains("NGINX-RETIRED");
    // Lenient rendering never writes an unverified HTTPS backend: backend-protocol stays out.
    Rendering lenient = Nginx.target().lenient().render(app);
    assertThat(lenient.only(Ingress.class).getMetadata().getAnnotations())
        .doesNotContainKeys(
            "nginx.ingress.kubernetes.io/backend-protocol",
            "nginx.ingress.kubernetes.io/proxy-ssl-verify");
    assertThat(lenient.finding("NGINX-BACKEND-TLS-UNVERIFIED").orElseThrow().message())
        .isEqualTo(
            "with backend-protocol HTTPS, ingress-nginx does not verify the backend's certificate"
                + " unless proxy-ssl-verify is on with a CA Secret. backend-protocol HTTPS is not"
                + " written, so the controller speaks plain HTTP to the backend instead of"
                + " unverified HTTPS.");
  }

  @Test
  void a_cookie_without_secure_cannot_be_expressed() {
    WebSocketApp app = app().stickySessions(Affinity.cookie("ws").secure(false)).build();

    UnsupportedFeatureException e =
        catchThrowableOfType(UnsupportedFeatureException.class, () -> Nginx.target().render(app));

    assertThat(e.errors())
        .containsExactly(
            new Finding(
                "NGINX-COOKIE-SECURE",
                Severity.ERROR,
                "Ingress default/chat",
                "ingress-nginx sets Secure on the affinity cookie of every request that came over"
                    + " HTTPS and drops session-cookie-secure: \"false\""
                    + " (pkg/apis/ingress/types.go, balancer/sticky.lua); secure(false) cannot be"
                    + " expressed.",
                "Leave secure unset (the cookie is Secure on HTTPS requests only) or set"
                    + " secure(true)."));
    // The old output wrote session-cookie-secure: "false", which the controller drops.
    assertThat(
            Nginx.target().lenient().render(app).only(Ingress.class).getMetadata().getAnnotations())
        .containsEntry("nginx.ingress.kubernetes.io/session-cookie-name", "ws")
        .doesNotContainKey("nginx.ingress.kubernetes.io/session-cookie-secure");
    assertThat(
            Nginx.target()
                .render(app().stickySessions(Affinity.cookie("ws").secure(true)).build())
                .only(Ingress.class)
                .getMetadata()
                .getAnnotations())
        .containsEntry("nginx.ingress.kubernetes.io/session-cookie-secure", "true");
  }

  @Test
  void a_path_the_admission_webhook_refuses_fails_from_v1_12() {
    WebSocketApp app = app().path("/chat:room").build();

    UnsupportedFeatureException e =
        catchThrowableOfType(UnsupportedFeatureException.class, () -> Nginx.target().render(app));

    assertThat(e.errors())
        .containsExactly(
            new Finding(
                "NGINX-PATH-REFUSED",
                Severity.ERROR,
                "Ingress default/chat",
                "ingress-nginx v1.15 refuses path /chat:room with pathType Prefix:"
                    + " strict-validate-path-type is on (the default from v1.12), and its"
                    + " admission webhook then accepts only letters, digits, '_', '-', '/' and '.'"
                    + " in Exact and Prefix paths.",
                "Use only letters, digits, '_', '-', '/' and '.' in Exact and Prefix paths."
                    + " Nginx.ControllerConfig...strictValidatePathType(false) turns the check off,"
                    + " for every Ingress of the controller."));
    // Lenient: rendered unchanged, with the same text as a warning.
    Rendering lenient = Nginx.target().lenient().render(app);
    assertThat(lenient.finding("NGINX-PATH-REFUSED").orElseThrow().severity())
        .isEqualTo(Severity.WARNING);
    assertThat(lenient.only(Ingress.class).getSpec().getRules().get(0).getHttp().getPaths())
        .extracting(p -> p.getPath() + " " + p.getPathType())
        .containsExactly("/chat:room Prefix");
    // v1.11 only warns: strict-validate-path-type was off by default.
    assertThat(Nginx.target().version("1.11").render(app).finding("NGINX-PATH-WARNED"))
        .hasValueSatisfying(
            f ->
                assertThat(f.message())
                    .isEqualTo(
                        "ingress-nginx v1.11 warns about path /chat:room with pathType Prefix and"
                            + " refuses it when strict-validate-path-type is on (off by default"
                            + " before v1.12): Exact and Prefix paths may hold only letters,"
                            + " digits, '_', '-' and '/'."));
    // A ConfigMap that turns the check off is believed, and the webhook still warns.
    Rendering off =
        Nginx.target()
            .controllerConfig(
                Nginx.ControllerConfig.in("ingress-nginx", "ingress-nginx-controller")
                    .strictValidatePathType(false))
            .render(app);
    assertThat(off.finding("NGINX-PATH-WARNED").orElseThrow().message())
        .isEqualTo(
            "ingress-nginx v1.15 warns about path /chat:room with pathType Prefix and refuses it"
                + " when strict-validate-path-type is on (it is off in the rendered ConfigMap):"
                + " Exact and Prefix paths may hold only letters, digits, '_', '-', '/' and '.'.");
    assertThat(off.only(ConfigMap.class).getData())
        .containsEntry("strict-validate-path-type", "false");
  }
}
