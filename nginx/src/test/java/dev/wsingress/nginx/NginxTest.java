package dev.wsingress.nginx;

import static dev.wsingress.testing.Renderings.codes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.Affinity;
import dev.wsingress.BackendProtocol;
import dev.wsingress.Cors;
import dev.wsingress.Finding;
import dev.wsingress.RateLimit;
import dev.wsingress.Rendering;
import dev.wsingress.SameSite;
import dev.wsingress.Severity;
import dev.wsingress.Tls;
import dev.wsingress.WebSocketApp;
import dev.wsingress.testing.Renderings;
import dev.wsingress.testing.SampleApps;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.time.Duration;
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
            .controllerConfig("ingress-nginx", "ingress-nginx-controller")
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
    check(r);
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
            "INFO NGINX-BURST-ROUNDED",
            "WARNING NGINX-RATE-LIMIT-PER-REPLICA");
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
            "INFO NGINX-RETIRED", "WARNING NGINX-CONFIGMAP-NAME", "INFO NGINX-CONTROLLER-WIDE");
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
                "server-snippet is raw nginx configuration that wsingress cannot check."
                    + " ingress-nginx rejects it unless the controller ConfigMap sets"
                    + " allow-snippet-annotations: \"true\" (off since v1.9.0) and"
                    + " annotations-risk-level: Critical (High since v1.12.0).",
                "Prefer typed settings. If the snippet must stay, open both gates knowingly in"
                    + " the controller ConfigMap; snippets were the vector of CVE-2021-25742 and"
                    + " the 2025 IngressNightmare vulnerabilities."));
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
