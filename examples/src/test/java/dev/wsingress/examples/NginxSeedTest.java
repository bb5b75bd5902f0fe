package dev.wsingress.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wsingress.Finding;
import dev.wsingress.InvalidSpecException;
import dev.wsingress.Problem;
import dev.wsingress.Rendering;
import dev.wsingress.Targets;
import dev.wsingress.UnsupportedFeatureException;
import dev.wsingress.nginx.Nginx;
import dev.wsingress.platform.Platform;
import dev.wsingress.testing.SchemaConformance;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every ingress-nginx snippet of the seed documents, rebuilt: what is kept, what is corrected, and
 * the finding or error that says why.
 */
class NginxSeedTest {
  private static final String P = "nginx.ingress.kubernetes.io/";

  private static Map<String, String> annotations(Rendering r) {
    return new TreeMap<>(r.only(Ingress.class).getMetadata().getAnnotations());
  }

  private static Map<String, String> expect(String... keyValues) {
    Map<String, String> m = new TreeMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(P + keyValues[i], keyValues[i + 1]);
    }
    return m;
  }

  @Test
  void quick_start_connect_timeout_of_3600_is_refused() {
    UnsupportedFeatureException e =
        catchThrowableOfType(
            UnsupportedFeatureException.class,
            () -> Nginx.target().render(NginxSeeds.quickStartAsWritten()));

    assertThat(e.errors()).extracting(Finding::code).containsExactly("NGINX-CONNECT-TIMEOUT");
    assertThat(e.errors().get(0).message())
        .isEqualTo(
            "proxy-connect-timeout 3600 s is above the 75 s nginx can honour (ingress-nginx"
                + " configmap.md: it \"cannot usually exceed 75 seconds\"; the default is 5).");
  }

  @Test
  void quick_start_corrected_keeps_read_and_send_and_drops_connect() {
    Rendering r = Nginx.target().render(NginxSeeds.quickStart());

    assertThat(annotations(r))
        .isEqualTo(
            expect(
                "proxy-buffering", "off",
                "proxy-http-version", "1.1",
                "proxy-read-timeout", "3600",
                "proxy-request-buffering", "off",
                "proxy-send-timeout", "3600"));
    Ingress ingress = r.only(Ingress.class);
    assertThat(ingress.getMetadata().getName()).isEqualTo("websocket-ingress");
    assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
    assertThat(ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getPathType())
        .isEqualTo("Prefix");
    assertThat(r.findings())
        .extracting(Finding::code)
        .containsExactly("NGINX-RETIRED", "NGINX-INGRESS-CLASS-AMBIGUOUS");
    SchemaConformance.assertValid(r);
  }

  @Test
  void full_ingress_as_written_cannot_combine_cookie_affinity_with_upstream_hash_by() {
    InvalidSpecException e =
        catchThrowableOfType(InvalidSpecException.class, NginxSeeds.fullIngressAsWritten()::build);

    assertThat(e.problems()).extracting(Problem::field).containsExactly("stickySessions");
    assertThat(e.problems().get(0).value()).isEqualTo("\"cookie + clientIp\"");
  }

  @Test
  void full_ingress_corrected() {
    Rendering r = Nginx.target().render(NginxSeeds.fullIngress());

    assertThat(annotations(r))
        .isEqualTo(
            expect(
                "affinity", "cookie",
                "affinity-mode", "persistent",
                "cors-allow-credentials", "false", // seed: unset, so true with origin "*"
                "cors-allow-headers",
                    "DNT, Keep-Alive, User-Agent, X-Requested-With, If-Modified-Since,"
                        + " Cache-Control, Content-Type, Range, Authorization",
                "cors-allow-methods", "GET, PUT, POST, DELETE, PATCH, OPTIONS",
                "cors-allow-origin", "*",
                "cors-max-age", "1728000",
                "enable-cors", "true",
                "limit-connections", "100",
                "limit-rps", "10",
                "proxy-buffering", "off",
                "proxy-http-version", "1.1",
                "proxy-read-timeout", "3600",
                "proxy-request-buffering", "off",
                "proxy-send-timeout", "3600",
                "session-cookie-expires", "86400",
                "session-cookie-max-age", "86400",
                "session-cookie-name", "ws-server",
                "session-cookie-path", "/",
                "ssl-redirect", "true"));
    // Dropped: proxy-connect-timeout 3600 (connect, not idle), upstream-hash-by (dead with
    // cookie affinity), force-ssl-redirect (redundant with TLS), backend-protocol HTTP (default).
    assertThat(r.findings())
        .extracting(Finding::code)
        .containsExactly(
            "NGINX-RETIRED",
            "NGINX-INGRESS-CLASS-AMBIGUOUS",
            "NGINX-RATE-LIMIT-PER-REPLICA",
            "NGINX-CONNECTION-LIMIT",
            "NGINX-CORS-HANDSHAKE",
            "NGINX-PLAIN-WS-REDIRECT");
    Ingress ingress = r.only(Ingress.class);
    assertThat(ingress.getSpec().getTls().get(0).getSecretName()).isEqualTo("websocket-tls");
    assertThat(ingress.getSpec().getTls().get(0).getHosts()).containsExactly("ws.example.com");
    SchemaConformance.assertValid(r);
  }

  @Test
  void global_config_map_uses_only_keys_ingress_nginx_reads() {
    Rendering r =
        Nginx.target()
            .controllerConfig(NginxSeeds.globalConfigMap())
            .render(NginxSeeds.quickStart());

    ConfigMap cm = r.only(ConfigMap.class);
    assertThat(cm.getMetadata().getNamespace() + "/" + cm.getMetadata().getName())
        .isEqualTo("ingress-nginx/ingress-nginx-controller"); // seed: nginx-configuration
    assertThat(cm.getData())
        .containsEntry("proxy-buffers-number", "8") // seed: proxy-buffers '8 4k' (F5 key)
        .containsEntry("proxy-buffer-size", "4k")
        .containsEntry("max-worker-connections", "10240") // seed: worker-connections (F5 key)
        .containsEntry("large-client-header-buffers", "4 16k") // seed: http2-max-*-size
        .containsEntry("proxy-connect-timeout", "30")
        .containsEntry("limit-req-status-code", "429")
        .containsEntry("limit-conn-status-code", "429")
        .containsEntry("ssl-protocols", "TLSv1.2 TLSv1.3")
        .doesNotContainKeys(
            "proxy-buffers",
            "worker-connections",
            "ssl-prefer-server-ciphers",
            "http2-max-field-size",
            "http2-max-header-size");
    assertThat(cm.getData())
        .containsOnlyKeys(
            "large-client-header-buffers",
            "limit-conn-status-code",
            "limit-req-status-code",
            "log-format-upstream",
            "max-worker-connections",
            "proxy-buffer-size",
            "proxy-buffers-number",
            "proxy-busy-buffers-size",
            "proxy-connect-timeout",
            "proxy-max-temp-file-size",
            "proxy-read-timeout",
            "proxy-send-timeout",
            "ssl-ciphers",
            "ssl-protocols",
            "upstream-keepalive-connections",
            "upstream-keepalive-requests",
            "upstream-keepalive-timeout",
            "use-http2",
            "worker-processes");
    assertThat(r.findings())
        .extracting(Finding::code)
        .contains("NGINX-CONFIGMAP-NAME", "NGINX-CONTROLLER-WIDE");
    SchemaConformance.assertValid(r);
  }

  @Test
  void helm_install_values_land_in_the_release_config_map() {
    Rendering r =
        Nginx.target()
            .controllerConfig(NginxSeeds.helmInstallValues())
            .render(NginxSeeds.quickStart());

    ConfigMap cm = r.only(ConfigMap.class);
    assertThat(cm.getMetadata().getName()).isEqualTo("nginx-ingress-ingress-nginx-controller");
    assertThat(cm.getData())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "proxy-read-timeout", "3600",
                "proxy-send-timeout", "3600",
                "use-proxy-protocol", "false"));
    SchemaConformance.assertValid(r);
  }

  @Test
  void the_network_policy_admits_the_namespace_of_the_named_controller() {
    // H5: a Helm release "public" in namespace edge: ConfigMap public-ingress-nginx-controller,
    // ServiceAccount public-ingress-nginx.
    Nginx nginx =
        Nginx.target()
            .controllerConfig(
                Nginx.ControllerConfig.in("edge", "public-ingress-nginx-controller")
                    .workerShutdownTimeout(java.time.Duration.ofMinutes(10)));

    Rendering r = Targets.render(PlatformSeeds.app(), nginx, Platform.target());

    NetworkPolicy policy = r.only(NetworkPolicy.class);
    assertThat(policy.getSpec().getIngress().get(0).getFrom())
        .extracting(
            p -> p.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"))
        .containsExactly("edge");
    SchemaConformance.assertValid(r);
  }

  @Test
  void server_snippet_is_refused_and_its_intent_is_typed() {
    assertThatThrownBy(() -> Nginx.target().rawServerSnippet(NginxSeeds.SERVER_SNIPPET))
        .isInstanceOf(InvalidSpecException.class)
        .satisfies(
            e ->
                assertThat(((InvalidSpecException) e).problems().get(0).rule())
                    .startsWith("must not contain \"location\""));

    Rendering r = Nginx.target().render(NginxSeeds.serverSnippetIntent());

    assertThat(annotations(r))
        .isEqualTo(
            expect(
                "proxy-buffering", "off",
                "proxy-http-version", "1.1",
                "proxy-read-timeout", "604800",
                "proxy-request-buffering", "off",
                "proxy-send-timeout", "604800"));
    assertThat(r.findings()).extracting(Finding::code).doesNotContain("NGINX-RAW-SNIPPET");
  }

  @Test
  void ack_echo_server_ingress_and_service() {
    Rendering r =
        Targets.render(NginxSeeds.ackIngress(), Nginx.target(), Platform.target().portName("ws"));

    assertThat(annotations(r))
        .containsEntry(P + "proxy-read-timeout", "3600")
        .containsEntry(P + "proxy-send-timeout", "3600");
    Ingress ingress = r.only(Ingress.class);
    assertThat(ingress.getMetadata().getName()).isEqualTo("ws");
    assertThat(ingress.getSpec().getRules().get(0).getHost()).isEqualTo("test.example.com");
    // The ACK snippet uses pathType ImplementationSpecific; Prefix is the portable equivalent.
    assertThat(ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getPathType())
        .isEqualTo("Prefix");
    Service service = r.only(Service.class);
    assertThat(service.getMetadata().getName()).isEqualTo("websocket-server");
    assertThat(service.getSpec().getSelector()).isEqualTo(Map.of("app", "ws"));
    assertThat(service.getSpec().getPorts().get(0).getName()).isEqualTo("ws");
    assertThat(service.getSpec().getPorts().get(0).getPort()).isEqualTo(3000);
    SchemaConformance.assertValid(r);
  }

  @Test
  void ack_tls_patch_redirects_plain_ws_which_the_finding_explains() {
    Rendering r = Nginx.target().render(NginxSeeds.ackIngressWithTls());

    Ingress ingress = r.only(Ingress.class);
    assertThat(ingress.getSpec().getTls().get(0).getSecretName()).isEqualTo("nginx-ingress-tls");
    assertThat(ingress.getSpec().getTls().get(0).getHosts()).containsExactly("test.example.com");
    assertThat(annotations(r)).containsEntry(P + "ssl-redirect", "true");
    assertThat(r.findings()).extracting(Finding::code).contains("NGINX-PLAIN-WS-REDIRECT");
    SchemaConformance.assertValid(r);
  }
}
