package dev.wsingress.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wsingress.Affinity;
import dev.wsingress.BackendProtocol;
import dev.wsingress.Finding;
import dev.wsingress.Severity;
import dev.wsingress.UnsupportedFeatureException;
import dev.wsingress.WebSocketApp;
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
    // Lenient rendering never turns verification off silently: it leaves the annotations out.
    Ingress lenient = Nginx.target().lenient().render(app).only(Ingress.class);
    assertThat(lenient.getMetadata().getAnnotations())
        .containsEntry("nginx.ingress.kubernetes.io/backend-protocol", "HTTPS")
        .doesNotContainKey("nginx.ingress.kubernetes.io/proxy-ssl-verify");
  }
}
