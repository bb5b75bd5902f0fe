package dev.wsingress.nginx;

import static dev.wsingress.testing.Renderings.codes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.Affinity;
import dev.wsingress.BackendProtocol;
import dev.wsingress.Cors;
import dev.wsingress.Finding;
import dev.wsingress.RateLimit;
import dev.wsingress.RenderContext;
import dev.wsingress.Rendering;
import dev.wsingress.SameSite;
import dev.wsingress.Severity;
import dev.wsingress.Target;
import dev.wsingress.Targets;
import dev.wsingress.Tls;
import dev.wsingress.WebSocketApp;
import dev.wsingress.testing.Renderings;
import dev.wsingress.testing.SampleApps;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One snapshot per scenario; every rendering is schema-checked and its findings asserted. */
class NginxTest {

  private static void check(Rendering r) {
    Renderings.verify(r);
  }

  @Test
  void minimal() {
    Rendering r = Nginx.target().render(SampleApps.minimal());

    assertThat(r.findings())
        .containsExactly(
            new Finding(
                "NGINX-RETIRED",
                Severity.INFO,
                "Ingress default/websocket-service",
                "ingress-nginx is retired: best-effort maintenance ended in March 2026 and there"
                    + " are no further releases or security fixes.",
                "Plan a move to the Gateway API (GatewayApi target) or another maintained"
                    + " controller; ingress2gateway converts Ingresses but turns WebSocket read"
                    + " timeouts into hard request timeouts, so review its output."),
            new Finding(
                "NGINX-INGRESS-CLASS-AMBIGUOUS",
                Severity.INFO,
                "Ingress default/websocket-service",
                "IngressClass \"nginx\" is the default name of both ingress-nginx (controller"
                    + " k8s.io/ingress-nginx) and F5 NGINX Ingress Controller"
                    + " (nginx.org/ingress-controller), which reads none of these annotations.",
                "Check that the IngressClass's spec.controller is k8s.io/ingress-nginx, or set"
                    + " .ingressClass(...) to the class your ingress-nginx installation owns."));
    check(r);
  }

  @Test
  void chatApp_withControllerConfig() {
    Rendering r =
        Nginx.target()
            .controllerConfig(
                Nginx.ControllerConfig.in("ingress-nginx", "ingress-nginx-controller")
                    .workerShutdownTimeout(Duration.ofMinutes(10)))
            .render(SampleApps.chat());

    assertThat(codes(r))
        .containsExactly(
            "INFO NGINX-RETIRED",
            "INFO NGINX-INGRESS-CLASS-AMBIGUOUS",
            "WARNING NGINX-RATE-LIMIT-PER-REPLICA",
            "WARNING NGINX-CONNECTION-LIMIT",
            "WARNING NGINX-CORS-HANDSHAKE",
            "INFO NGINX-PLAIN-WS-REDIRECT",
            "WARNING NGINX-NO-ACTIVE-HEALTH-CHECK",
            "WARNING NGINX-CONFIGMAP-NAME",
            "INFO NGINX-CONTROLLER-WIDE");
    assertThat(r.finding("NGINX-RATE-LIMIT-PER-REPLICA").orElseThrow().message())
        .isEqualTo(
            "limit-rps 10 counts WebSocket handshakes per client IP in each controller replica"
                + " separately: with N replicas a client gets up to N times the limit. Refused"
                + " handshakes get limit-req-status-code (503 by default).");
    assertThat(r.finding("NGINX-CONNECTION-LIMIT").orElseThrow().message())
        .isEqualTo(
            "limit-connections 100 counts every open WebSocket for its whole life, per client IP"
                + " and per controller replica; a client behind a shared NAT address shares the"
                + " limit.");
    assertThat(r.finding("NGINX-CORS-HANDSHAKE").orElseThrow().message())
        .isEqualTo(
            "CORS headers do not protect the WebSocket handshake: browsers send no preflight for"
                + " it and any page can open the socket.");
    assertThat(r.finding("NGINX-PLAIN-WS-REDIRECT").orElseThrow().message())
        .isEqualTo(
            "plain ws:// handshakes are answered with a 308 redirect to https, and RFC 6455"
                + " clients need not follow redirects, so ws:// clients fail.");
    assertThat(r.finding("NGINX-NO-ACTIVE-HEALTH-CHECK").orElseThrow().message())
        .isEqualTo(
            "ingress-nginx has no active health checks, so /health is not probed by the"
                + " controller; it balances over the Service's Ready endpoints.");
    assertThat(r.finding("NGINX-CONFIGMAP-NAME").orElseThrow().subject())
        .isEqualTo("ConfigMap ingress-nginx/ingress-nginx-controller");
    assertThat(r.finding("NGINX-CONFIGMAP-NAME").orElseThrow().message())
        .isEqualTo(
            "ingress-nginx reads only the ConfigMap named by its --configmap argument:"
                + " ingress-nginx/ingress-nginx-controller for the static manifests,"
                + " <release>-ingress-nginx-controller for Helm.");
    assertThat(r.finding("NGINX-CONTROLLER-WIDE").orElseThrow().message())
        .isEqualTo(
            "the ConfigMap's keys apply to every Ingress of this controller, not only to chat.");
    // Only the key that was set: the app's 1 h timeouts and buffering stay on its Ingress.
    assertThat(r.only(ConfigMap.class).getData())
        .containsExactlyEntriesOf(Map.of("worker-shutdown-timeout", "600s"));
    assertThat(r.only(Ingress.class).getMetadata().getAnnotations())
        .containsEntry("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600")
        .containsEntry("nginx.ingress.kubernetes.io/proxy-send-timeout", "3600");
    check(r);
  }

  @Test
  void a_controller_config_without_keys_is_not_rendered() {
    Rendering r =
        Nginx.target()
            .controllerConfig("ingress-nginx", "ingress-nginx-controller")
            .render(SampleApps.minimal());

    assertThat(r.objects(ConfigMap.class)).isEmpty();
    assertThat(r.findings("NGINX-CONTROLLER-CONFIG-EMPTY"))
        .containsExactly(
            new Finding(
                "NGINX-CONTROLLER-CONFIG-EMPTY",
                Severity.INFO,
                "ConfigMap ingress-nginx/ingress-nginx-controller",
                "no controller-wide key is set, so the ConfigMap is not rendered; the app's"
                    + " timeouts and buffering are on its Ingress only.",
                "Nothing to do; set controller-wide keys with"
                    + " Nginx.ControllerConfig.in(namespace, name) if the controller needs them."));
  }

  @Test
  void clientIpAffinity() {
    WebSocketApp app =
        WebSocketApp.on("ws.example.com")
            .name("chat")
            .service("websocket-service", 8080)
            .stickySessions(Affinity.clientIp())
            .build();

    Rendering r = Nginx.target().ingressClass("ingress-nginx").render(app);

    assertThat(codes(r))
        .containsExactly("INFO NGINX-RETIRED", "INFO NGINX-SERVICE-AFFINITY-IGNORED");
    assertThat(r.finding("NGINX-SERVICE-AFFINITY-IGNORED").orElseThrow().message())
        .isEqualTo(
            "ingress-nginx balances over endpoints itself and ignores the Service's"
                + " sessionAffinity; client-IP affinity is rendered as upstream-hash-by:"
                + " $remote_addr on the Ingress.");
    check(r);
  }

  @Test
  void headerAffinityAndMinuteRate() {
    WebSocketApp app =
        WebSocketApp.on("ws.example.com")
            .name("chat")
            .service("websocket-service", 8080)
            .stickySessions(Affinity.header("X-Session-Id"))
            .rateLimit(RateLimit.handshakesPerMinute(30).burst(45))
            .build();

    Rendering r = Nginx.target().ingressClass("ingress-nginx").render(app);

    assertThat(codes(r))
        .containsExactly(
            "INFO NGINX-RETIRED",
            "WARNING NGINX-HEADER-AFFINITY",
            "INFO NGINX-BURST-ROUNDED",
            "WARNING NGINX-RATE-LIMIT-PER-REPLICA");
    assertThat(r.finding("NGINX-HEADER-AFFINITY").orElseThrow())
        .isEqualTo(
            new Finding(
                "NGINX-HEADER-AFFINITY",
                Severity.WARNING,
                "Ingress default/chat",
                "upstream-hash-by $http_x_session_id hashes an empty key for every request"
                    + " without the X-Session-Id header (balancer/chash.lua), so all of them go to"
                    + " one pod; the browser WebSocket API (new WebSocket(url, protocols)) cannot"
                    + " send custom headers.",
                "Use header affinity only when every client sends the header (clients other"
                    + " than browsers); for browsers use cookie affinity."));
    assertThat(r.finding("NGINX-BURST-ROUNDED").orElseThrow().message())
        .isEqualTo(
            "ingress-nginx sets the burst as a multiple of the rate; a burst of 45 becomes 60"
                + " (limit-burst-multiplier 2).");
    check(r);
  }

  @Test
  void cookieAttributesMultiHostExactPathAndPortName() {
    WebSocketApp app =
        WebSocketApp.on("ws.example.com")
            .alsoOn("*.ws.example.com")
            .name("chat")
            .namespace("realtime")
            .label("app", "websocket")
            .path("/ws")
            .exactPath("/socket")
            .service("websocket-service", "http-ws")
            .timeout(Duration.ofMinutes(10))
            .readTimeout(Duration.ofMinutes(30))
            .stickySessions(
                Affinity.cookie("ws-server")
                    .path("/")
                    .secure(true)
                    .sameSite(SameSite.NONE)
                    .persistent())
            .tls(Tls.secret("websocket-tls").hosts("ws.example.com").redirect(false))
            .cors(
                Cors.allowOrigins("https://app.example.com", "https://*.example.com:8443")
                    .allowMethods("GET", "OPTIONS")
                    .allowHeaders("Authorization", "X-Request-Id")
                    .exposeHeaders("X-Trace")
                    .allowCredentials(true)
                    .maxAge(Duration.ofHours(2)))
            .responseBuffering(true)
            .build();

    Rendering r = Nginx.target().ingressClass("ingress-nginx").render(app);

    assertThat(codes(r)).containsExactly("INFO NGINX-RETIRED", "WARNING NGINX-CORS-HANDSHAKE");
    Ingress ingress = r.only(Ingress.class);
    assertThat(ingress.getSpec().getRules()).hasSize(2);
    assertThat(ingress.getSpec().getTls().get(0).getHosts()).containsExactly("ws.example.com");
    check(r);
  }

  @Test
  void httpsBackendVerified() {
    WebSocketApp app =
        WebSocketApp.on("ws.example.com")
            .name("chat")
            .service("websocket-service", 8443)
            .backendProtocol(BackendProtocol.HTTPS)
            .backendCaSecret("backend-ca")
            .build();

    Rendering r = Nginx.target().ingressClass("ingress-nginx").render(app);

    assertThat(codes(r)).containsExactly("INFO NGINX-RETIRED");
    check(r);
  }

  @Test
  void fullControllerConfig() {
    Nginx.ControllerConfig config =
        Nginx.ControllerConfig.in("ingress-nginx", "ingress-nginx-controller")
            .proxyReadTimeout(Duration.ofHours(2))
            .proxySendTimeout(Duration.ofHours(2))
            .proxyConnectTimeout(Duration.ofSeconds(30))
            .proxyBufferSize("4k")
            .proxyBuffersNumber(8)
            .proxyBusyBuffersSize("8k")
            .proxyMaxTempFileSize("1024m")
            .upstreamKeepalive(320, 10000, Duration.ofSeconds(60))
            .workerProcessesAuto()
            .maxWorkerConnections(10240)
            .workerShutdownTimeout(Duration.ofMinutes(4))
            .limitStatusCodes(429)
            .logFormatUpstream("$remote_addr - [$time_local] \"$request\" $status")
            .sslProtocols("TLSv1.2", "TLSv1.3")
            .sslCiphers("ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256")
            .useHttp2(true)
            .largeClientHeaderBuffers(4, "16k")
            .useProxyProtocol(false);
    WebSocketApp app = WebSocketApp.on("ws.example.com").name("chat").service("ws", 8080).build();

    Rendering r = Nginx.target().ingressClass("ingress-nginx").controllerConfig(config).render(app);

    assertThat(codes(r))
        .containsExactly(
            "INFO NGINX-RETIRED",
            "INFO NGINX-VERSION-GATED",
            "WARNING NGINX-CONFIGMAP-NAME",
            "INFO NGINX-CONTROLLER-WIDE");
    assertThat(r.finding("NGINX-VERSION-GATED").orElseThrow().message())
        .isEqualTo(
            "proxy-busy-buffers-size needs ingress-nginx v1.13 or newer (rendering for v1.15).");
    assertThat(r.only(ConfigMap.class).getData())
        .doesNotContainKey("proxy-buffering")
        .containsEntry("proxy-busy-buffers-size", "8k");
    check(r);
  }

  @Test
  void rawServerSnippet() {
    WebSocketApp app = WebSocketApp.on("ws.example.com").name("chat").service("ws", 8080).build();

    Rendering r =
        Nginx.target()
            .ingressClass("ingress-nginx")
            .rawServerSnippet(
                "add_header X-Frame-Options \"SAMEORIGIN\";\nkeepalive_timeout 75s;\n")
            .render(app);

    assertThat(r.findings())
        .contains(
            new Finding(
                "NGINX-RAW-SNIPPET",
                Severity.WARNING,
                "Ingress default/chat",
                "server-snippet is raw nginx configuration: wsingress checks that it stays inside"
                    + " the server block, not what its directives do. ingress-nginx v1.15 rejects"
                    + " it unless the controller ConfigMap sets allow-snippet-annotations:"
                    + " \"true\" (off since v1.9.1) and annotations-risk-level: Critical (High"
                    + " since v1.12.0).",
                "Prefer typed settings. If the snippet must stay, open the controller"
                    + " ConfigMap's snippet gates knowingly: snippets were the vector of"
                    + " CVE-2021-25742, and configuration injected into nginx.conf that of the 2025"
                    + " IngressNightmare vulnerabilities (CVE-2025-1974)."));
    check(r);
  }

  @Test
  void lenientConnectTimeout() {
    WebSocketApp app =
        WebSocketApp.on("ws.example.com")
            .name("chat")
            .service("ws", 8080)
            .connectTimeout(Duration.ofSeconds(3600))
            .build();

    Rendering r = Nginx.target().ingressClass("ingress-nginx").lenient().render(app);

    assertThat(r.finding("NGINX-CONNECT-TIMEOUT").orElseThrow())
        .isEqualTo(
            new Finding(
                "NGINX-CONNECT-TIMEOUT",
                Severity.WARNING,
                "Ingress default/chat",
                "proxy-connect-timeout 3600 s is above the 75 s nginx can honour (ingress-nginx"
                    + " configmap.md: it \"cannot usually exceed 75 seconds\"; the default is 5)."
                    + " Rendered as 75.",
                "Keep the connect timeout short (5 to 30 s): it only covers opening the TCP"
                    + " connection to a pod. Use .timeout(...) for how long an idle socket stays"
                    + " open."));
    assertThat(r.only(Ingress.class).getMetadata().getAnnotations())
        .containsEntry("nginx.ingress.kubernetes.io/proxy-connect-timeout", "75");
    check(r);
  }

  @Test
  void the_oldest_and_newest_release_differ_where_the_controller_does() {
    WebSocketApp app =
        WebSocketApp.on("ws.example.com")
            .name("chat")
            .service("ws", 8080)
            .path("/socket.io")
            .build();
    Nginx.ControllerConfig config =
        Nginx.ControllerConfig.in("ingress-nginx", "ingress-nginx-controller")
            .proxyBusyBuffersSize("8k")
            .maxWorkerConnections(16384);
    Nginx base =
        Nginx.target()
            .ingressClass("ingress-nginx")
            .controllerConfig(config)
            .rawServerSnippet("add_header X 1;");

    Rendering oldest = base.version("1.10").lenient().render(app);
    Rendering newest = base.version("1.15").render(app);

    // v1.10: the webhook's path regex has no '.', and it only warns (strict validation off).
    assertThat(oldest.finding("NGINX-PATH-WARNED").orElseThrow().message())
        .isEqualTo(
            "ingress-nginx v1.10 warns about path /socket.io with pathType Prefix and refuses it"
                + " when strict-validate-path-type is on (off by default before v1.12): Exact and"
                + " Prefix paths may hold only letters, digits, '_', '-' and '/'.");
    assertThat(newest.findings()).extracting(Finding::code).doesNotContain("NGINX-PATH-WARNED");
    // proxy-busy-buffers-size exists from v1.13 only.
    assertThat(oldest.only(ConfigMap.class).getData()).containsOnlyKeys("max-worker-connections");
    assertThat(oldest.finding("NGINX-VERSION-UNSUPPORTED").orElseThrow())
        .isEqualTo(
            new Finding(
                "NGINX-VERSION-UNSUPPORTED",
                Severity.WARNING,
                "ConfigMap ingress-nginx/ingress-nginx-controller",
                "proxy-busy-buffers-size is read from ingress-nginx v1.13 on; v1.10 ignores it, so"
                    + " proxy-busy-buffers-size: \"8k\" is not written.",
                "Upgrade the controller and render for its release with"
                    + " Nginx.target().version(...), or leave the key out."));
    assertThat(newest.only(ConfigMap.class).getData())
        .containsOnlyKeys("max-worker-connections", "proxy-busy-buffers-size");
    assertThat(newest.finding("NGINX-VERSION-GATED").orElseThrow().message())
        .isEqualTo(
            "proxy-busy-buffers-size needs ingress-nginx v1.13 or newer (rendering for v1.15).");
    // The snippet gates: the default annotations-risk-level was Critical before v1.12.
    assertThat(oldest.finding("NGINX-RAW-SNIPPET").orElseThrow().message())
        .isEqualTo(
            "server-snippet is raw nginx configuration: wsingress checks that it stays inside the"
                + " server block, not what its directives do. ingress-nginx v1.10 rejects it unless"
                + " the controller ConfigMap sets allow-snippet-annotations: \"true\" (off since"
                + " v1.9.1); the default annotations-risk-level of v1.10 (Critical) admits it.");
    assertThat(newest.finding("NGINX-RAW-SNIPPET").orElseThrow().message())
        .endsWith("and annotations-risk-level: Critical (High since v1.12.0).");
    // v1.12 and v1.13 accept '.' only from a patch release on.
    assertThat(
            base.version("1.12")
                .lenient()
                .render(app)
                .finding("NGINX-PATH-WARNED")
                .orElseThrow()
                .message())
        .isEqualTo(
            "ingress-nginx v1.12 accepts '.' in path /socket.io (pathType Prefix) only from v1.12.6"
                + " and v1.13.2; earlier v1.12 and v1.13 releases refuse it when"
                + " strict-validate-path-type is on and warn about it otherwise.");
    Renderings.verify(newest);
  }

  @Test
  void backend_tls_verify_depth_is_written_when_given() {
    WebSocketApp app =
        WebSocketApp.on("ws.example.com")
            .name("chat")
            .service("websocket-service", 8443)
            .backendProtocol(BackendProtocol.HTTPS)
            .backendCaSecret("backend-ca")
            .build();

    assertThat(
            Nginx.target()
                .backendTlsVerifyDepth(2)
                .render(app)
                .only(Ingress.class)
                .getMetadata()
                .getAnnotations())
        .containsEntry("nginx.ingress.kubernetes.io/proxy-ssl-verify-depth", "2")
        .containsEntry("nginx.ingress.kubernetes.io/backend-protocol", "HTTPS");
    assertThat(Nginx.target().render(app).only(Ingress.class).getMetadata().getAnnotations())
        .doesNotContainKey("nginx.ingress.kubernetes.io/proxy-ssl-verify-depth");
  }

  /**
   * The traffic sources the target contributes, as every other target of the rendering sees them.
   */
  private static List<String> trafficSources(Nginx nginx) {
    List<String> seen = new ArrayList<>();
    Target probe =
        new Target() {
          @Override
          public String id() {
            return "probe";
          }

          @Override
          public String displayName() {
            return "probe";
          }

          @Override
          public Target lenient() {
            return this;
          }

          @Override
          public Rendering render(WebSocketApp app, RenderContext context) {
            context
                .contributions()
                .trafficSources()
                .forEach(t -> seen.add(t.namespace() + "/" + t.serviceAccount()));
            return Rendering.builder("probe", false).build();
          }
        };
    Targets.render(SampleApps.minimal(), nginx, probe);
    return seen;
  }

  @Test
  void the_controller_namespace_and_service_account_follow_the_options() {
    assertThat(trafficSources(Nginx.target())).containsExactly("ingress-nginx/ingress-nginx");
    // The Helm chart names the ConfigMap <fullname>-controller and the ServiceAccount <fullname>.
    assertThat(
            trafficSources(
                Nginx.target().controllerConfig("edge", "public-ingress-nginx-controller")))
        .containsExactly("edge/public-ingress-nginx");
    // Any other ConfigMap name gives the namespace only.
    assertThat(trafficSources(Nginx.target().controllerConfig("edge", "nginx-config")))
        .containsExactly("edge/");
    assertThat(
            trafficSources(
                Nginx.target()
                    .controllerConfig("edge", "nginx-config")
                    .controllerServiceAccount("edge-2", "nginx")))
        .containsExactly("edge-2/nginx");
  }

  @Test
  void rendering_is_byte_identical_across_runs_and_target_instances() {
    String first =
        Nginx.target().controllerConfig("ingress-nginx", "c").render(SampleApps.chat()).toYaml();
    String second =
        Nginx.target().controllerConfig("ingress-nginx", "c").render(SampleApps.chat()).toYaml();

    assertThat(second).isEqualTo(first);
  }

  @Test
  void no_annotation_value_carries_a_time_unit() {
    Ingress ingress = Nginx.target().render(SampleApps.chat()).only(Ingress.class);

    assertThat(ingress.getMetadata().getAnnotations())
        .allSatisfy(
            (key, value) -> {
              assertThat(key).startsWith("nginx.ingress.kubernetes.io/");
              if (key.endsWith("-timeout")
                  || key.endsWith("-max-age")
                  || key.endsWith("-expires")) {
                assertThat(value).matches("[0-9]+");
              }
            });
  }
}
