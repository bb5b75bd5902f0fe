package dev.wsingress.traefik;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.Finding;
import dev.wsingress.Import;
import dev.wsingress.Imported;
import dev.wsingress.JavaDsl;
import dev.wsingress.Manifests;
import dev.wsingress.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Inputs no renderer of ours wrote, in the shapes Traefik's docs give: each converts with every
 * setting carried, or reported with its code, object and line.
 */
class TraefikImportTest {

  static Manifests fixture(String name) {
    return Fixtures.read(TraefikImportTest.class, "import/" + name + ".yaml");
  }

  /** Each finding as {@code SEVERITY CODE subject (file:line:column): message}. */
  static List<String> lines(Imported in) {
    return in.findings().stream()
        .map(
            (Finding f) ->
                f.severity()
                    + " "
                    + f.code()
                    + " "
                    + f.subject()
                    + " ("
                    + f.source().map(Object::toString).orElse("-")
                    + "): "
                    + f.message())
        .toList();
  }

  @Test
  void chat_ingressroute_converts_with_every_setting_carried_or_reported() {
    Imported in = Import.with(Traefik.target()).from(fixture("chat.ingressroute"));

    assertThat(in.apps()).hasSize(1);
    assertThat(JavaDsl.of(in.apps().get(0)).expression())
        .isEqualTo(
            "WebSocketApp.on(\"chat.example.org\")\n"
                + "    .namespace(\"apps\")\n"
                + "    .path(\"/ws\")\n"
                + "    .service(\"chat\", 8080)\n"
                + "    .route(Route.http(\"/api/\").to(\"chat-api\", 80))\n"
                + "    .timeout(Duration.ofDays(24))\n"
                + "    .connectTimeout(Duration.ofSeconds(5))\n"
                + "    .stickySessions(Affinity.cookie(\"chat_server\").secure(true))\n"
                + "    .tls(Tls.secret(\"chat-tls\").redirect(false))\n"
                + "    .rateLimit(RateLimit.handshakesPerSecond(100).burst(50))\n"
                + "    .build()");
    assertThat(lines(in))
        .containsExactly(
            "WARNING CORE-IMPORT-APPROXIMATED IngressRoute apps/chat"
                + " (import/chat.ingressroute.yaml:12:7): the idle timeout is no timeout"
                + " (controller default: traefik v3.7.9 pkg/server/server_entrypoint_tcp.go and"
                + " pkg/proxy/httputil/proxy.go, Go net/http (*conn).hijackLocked: no deadline on"
                + " an upgraded socket); the spec has no \"no timeout\", so its longest, 24 days,"
                + " is carried.",
            "WARNING CORE-IMPORT-APPROXIMATED IngressRoute apps/chat"
                + " (import/chat.ingressroute.yaml:12:7): the route chat.example.org/ws matches"
                + " every path starting with these characters (/wsx too); the spec's prefix matches"
                + " whole segments (/ws and /ws/\u2026), which is carried.",
            "INFO CORE-IMPORT-DEFAULT-CARRIED IngressRoute apps/chat"
                + " (import/chat.ingressroute.yaml:12:7): the WebSocket routes leave the idle"
                + " timeout at the controller's default, no timeout (controller default: traefik"
                + " v3.7.9 pkg/server/server_entrypoint_tcp.go and pkg/proxy/httputil/proxy.go, Go"
                + " net/http (*conn).hijackLocked: no deadline on an upgraded socket); the"
                + " converted spec sets 24 days explicitly, so every target keeps it.",
            "INFO CORE-IMPORT-TARGET IngressRoute apps/chat (import/chat.ingressroute.yaml:12:7):"
                + " the app apps/chat renders with the targets the input implies:"
                + " Traefik[entryPoints=web/websecure, clientIpDepth=1].",
            "WARNING CORE-IMPORT-NOT-CARRIED IngressRoute apps/chat"
                + " (import/chat.ingressroute.yaml:13:7): routes[0].priority is not carried: the"
                + " spec's routes take the Ingress precedence (the longest path, an exact path over"
                + " a prefix).",
            "WARNING CORE-IMPORT-NOT-CARRIED IngressRoute apps/chat"
                + " (import/chat.ingressroute.yaml:17:7): routes[0].observability is not carried:"
                + " the spec has no such setting.",
            "WARNING CORE-IMPORT-NOT-CARRIED IngressRoute apps/chat"
                + " (import/chat.ingressroute.yaml:23:11): the service entry's passHostHeader is"
                + " not carried: the spec sends a route to one Service port with Traefik's"
                + " defaults.",
            "WARNING CORE-IMPORT-NOT-CARRIED IngressRoute apps/chat"
                + " (import/chat.ingressroute.yaml:29:11): strategy: wrr is not carried: the spec"
                + " balances WebSockets to the less busy pod (p2c) or by affinity.",
            "INFO TRAEFIK-VERSION-GATED IngressRoute apps/chat"
                + " (import/chat.ingressroute.yaml:29:11): strategy: wrr needs Traefik v3.4 or"
                + " newer (the input does not say which release runs: no Traefik workload with a"
                + " versioned image).",
            "WARNING CORE-IMPORT-NOT-CARRIED IngressRoute apps/chat"
                + " (import/chat.ingressroute.yaml:30:11): the service entry's weight is not"
                + " carried: the spec sends a route to one Service port with Traefik's defaults.",
            "WARNING CORE-IMPORT-NOT-CARRIED IngressRoute apps/chat"
                + " (import/chat.ingressroute.yaml:42:5): tls.options is not carried: the spec's"
                + " TLS is a Secret with the certificate.",
            "INFO TRAEFIK-REFERENCE-NOT-IN-INPUT IngressRoute apps/chat"
                + " (import/chat.ingressroute.yaml:42:5): the TLSOption apps/modern is not in the"
                + " input; what it does to this route is not checked.",
            "WARNING CORE-IMPORT-NOT-CARRIED Middleware apps/chat-auth"
                + " (import/chat.ingressroute.yaml:51:3): the basicAuth middleware is not carried:"
                + " the spec has no authentication.",
            "WARNING CORE-IMPORT-NOT-CARRIED Middleware apps/chat-limit"
                + " (import/chat.ingressroute.yaml:66:9):"
                + " rateLimit.sourceCriterion.ipStrategy.excludedIPs is not carried: the target"
                + " counts clients by address, clientIpDepth hops back in X-Forwarded-For.",
            "WARNING CORE-IMPORT-CONFLICT IngressRoute apps/chat"
                + " (import/chat.ingressroute.yaml:75:3): the plain HTTP route /api/ has CORS"
                + " Cors{origins=[https://chat.example.org], methods=[], headers=[],"
                + " exposedHeaders=[], credentials=false} (import/chat.ingressroute.yaml:75:3); the"
                + " spec holds one for the app, so none (the value of /ws) is carried for it too.",
            "WARNING CORE-IMPORT-NOT-CARRIED Middleware apps/chat-headers"
                + " (import/chat.ingressroute.yaml:76:5): headers.customRequestHeaders is not"
                + " carried: the spec sets CORS headers only (and the target's security headers).",
            "WARNING CORE-IMPORT-NOT-CARRIED Middleware apps/chat-compress"
                + " (import/chat.ingressroute.yaml:87:3): the compress middleware is not carried:"
                + " the spec does not compress responses.",
            "WARNING CORE-IMPORT-NOT-CARRIED ServersTransport apps/chat-transport"
                + " (import/chat.ingressroute.yaml:95:3): spec.serverName chat.internal is not"
                + " carried: the spec verifies the Service's own name, <service>.<namespace>.svc.",
            "WARNING CORE-IMPORT-NOT-CARRIED ServersTransport apps/chat-transport"
                + " (import/chat.ingressroute.yaml:96:3): spec.insecureSkipVerify is not carried:"
                + " the spec verifies an HTTPS backend with a CA Secret and sets nothing else on"
                + " the connection.",
            "WARNING CORE-IMPORT-NOT-CARRIED ServersTransport apps/chat-transport"
                + " (import/chat.ingressroute.yaml:99:5): forwardingTimeouts.responseHeaderTimeout"
                + " is not carried: the spec's backend timeout is the dial (connect) timeout.");
  }

  @Test
  void chat_ingress_converts_with_every_setting_carried_or_reported() {
    Imported in = Import.with(Traefik.target()).from(fixture("chat.ingress"));

    assertThat(in.apps()).hasSize(1);
    assertThat(JavaDsl.of(in.apps().get(0)).expression())
        .isEqualTo(
            "WebSocketApp.on(\"chat.example.org\")\n"
                + "    .namespace(\"apps\")\n"
                + "    .label(\"app\", \"chat\")\n"
                + "    .path(\"/ws\")\n"
                + "    .service(\"chat\", 8080)\n"
                + "    .timeout(Duration.ofDays(24))\n"
                + "    .stickySessions(Affinity.cookie(\"chat_server\").httpOnly(false))\n"
                + "    .tls(Tls.secret(\"chat-tls\").redirect(false))\n"
                + "    .rateLimit(RateLimit.handshakesPerMinute(100).burst(20))\n"
                + "    .build()");
    assertThat(lines(in))
        .containsExactly(
            "WARNING CORE-IMPORT-NOT-CARRIED Ingress apps/chat (import/chat.ingress.yaml:10:5): the"
                + " annotation traefik.ingress.kubernetes.io/router.tls.certresolver is not"
                + " carried: the spec has no such setting.",
            "WARNING CORE-IMPORT-NOT-CARRIED Ingress apps/chat (import/chat.ingress.yaml:11:5): the"
                + " annotation traefik.ingress.kubernetes.io/router.priority is not carried: the"
                + " spec's routes take the Ingress precedence (the longest path, an exact path over"
                + " a prefix).",
            "INFO TRAEFIK-REFERENCE-NOT-IN-INPUT Ingress apps/chat (import/chat.ingress.yaml:14:3):"
                + " the IngressClass traefik is not in the input; it is taken to be Traefik's"
                + " (controller traefik.io/ingress-controller, as Traefik's Helm chart creates"
                + " it).",
            "WARNING CORE-IMPORT-APPROXIMATED Ingress apps/chat (import/chat.ingress.yaml:23:13):"
                + " the idle timeout is no timeout (controller default: traefik v3.7.9"
                + " pkg/server/server_entrypoint_tcp.go and pkg/proxy/httputil/proxy.go, Go"
                + " net/http (*conn).hijackLocked: no deadline on an upgraded socket); the spec has"
                + " no \"no timeout\", so its longest, 24 days, is carried.",
            "INFO CORE-IMPORT-DEFAULT-CARRIED Ingress apps/chat (import/chat.ingress.yaml:23:13):"
                + " the WebSocket routes leave the idle timeout at the controller's default, no"
                + " timeout (controller default: traefik v3.7.9 pkg/server/server_entrypoint_tcp.go"
                + " and pkg/proxy/httputil/proxy.go, Go net/http (*conn).hijackLocked: no deadline"
                + " on an upgraded socket); the converted spec sets 24 days explicitly, so every"
                + " target keeps it.",
            "INFO CORE-IMPORT-TARGET Ingress apps/chat (import/chat.ingress.yaml:23:13): the app"
                + " apps/chat renders with the targets the input implies: Traefik[ingress,"
                + " ingressClass=traefik, entryPoints=web/websecure].",
            "WARNING CORE-IMPORT-NOT-CARRIED Service apps/chat (import/chat.ingress.yaml:46:5): the"
                + " annotation traefik.ingress.kubernetes.io/service.sticky.cookie.domain is not"
                + " carried: the spec has no such setting.",
            "INFO TRAEFIK-VERSION-GATED Service apps/chat (import/chat.ingress.yaml:46:5): the"
                + " annotation traefik.ingress.kubernetes.io/service.sticky.cookie.domain needs"
                + " Traefik v3.4 or newer (the input does not say which release runs: no Traefik"
                + " workload with a versioned image).",
            "WARNING CORE-IMPORT-NOT-CARRIED Service apps/chat (import/chat.ingress.yaml:47:5): the"
                + " annotation traefik.ingress.kubernetes.io/service.passhostheader is not carried:"
                + " the spec has no such setting.");
  }
}
