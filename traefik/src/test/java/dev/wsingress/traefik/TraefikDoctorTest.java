package dev.wsingress.traefik;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.Doctor;
import dev.wsingress.Finding;
import dev.wsingress.Manifests;
import dev.wsingress.Report;
import dev.wsingress.testing.Fixtures;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Traefik doctor rule, each with a failing and a passing fixture under {@code doctor/}: the
 * exact code, severity, line and column, and the exact message.
 */
class TraefikDoctorTest {

  static Manifests fixture(String name) {
    return Fixtures.read(TraefikDoctorTest.class, "doctor/" + name + ".yaml");
  }

  static Report check(String name) {
    return Doctor.with(Traefik.target()).check(fixture(name));
  }

  /** The Traefik findings as {@code SEVERITY CODE line:column}. */
  static List<String> found(Report r) {
    return r.findings().stream()
        .filter(f -> f.code().startsWith("TRAEFIK-"))
        .map(
            f ->
                f.severity()
                    + " "
                    + f.code()
                    + " "
                    + f.source().map(s -> s.line() + ":" + s.column()).orElse("-"))
        .toList();
  }

  private static List<String> list(String semicolons) {
    return semicolons == null || semicolons.isBlank()
        ? List.of()
        : Arrays.stream(semicolons.split(";")).map(String::strip).toList();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "api-removed | ERROR TRAEFIK-API-REMOVED 2:1 |",
        "annotation-unknown | ERROR TRAEFIK-ANNOTATION-UNKNOWN 14:5 |",
        "annotation-ignored | WARNING TRAEFIK-ANNOTATION-IGNORED 14:5 |",
        "annotation-value | ERROR TRAEFIK-ANNOTATION-VALUE 14:5 |",
        "sticky-middleware | ERROR TRAEFIK-STICKY-MIDDLEWARE 24:3 |",
        "middleware-type-unknown | ERROR TRAEFIK-MIDDLEWARE-TYPE-UNKNOWN 24:3 |",
        "reference-not-in-input | INFO TRAEFIK-REFERENCE-NOT-IN-INPUT 13:11 |",
        "reference-provider | ERROR TRAEFIK-REFERENCE-PROVIDER 14:5 |",
        "cross-namespace | WARNING TRAEFIK-CROSS-NAMESPACE 13:11 |",
        "rule-invalid | ERROR TRAEFIK-RULE-INVALID 10:7 |",
        "rule-v2-syntax | WARNING TRAEFIK-RULE-V2-SYNTAX 11:7 |",
        "middleware-option-removed | WARNING TRAEFIK-MIDDLEWARE-OPTION-REMOVED 25:5 |",
        "tls-plain-entrypoint | WARNING TRAEFIK-TLS-PLAIN-ENTRYPOINT 7:3 |",
        "entrypoint-unknown | ERROR TRAEFIK-ENTRYPOINT-UNKNOWN 8:7 |",
        "entrypoint-timeout-raised | WARNING TRAEFIK-ENTRYPOINT-TIMEOUT-RAISED 39:15 |",
        "transport-timeout-no-effect | INFO TRAEFIK-TRANSPORT-TIMEOUT-NO-EFFECT 25:5 |",
        "ingress-prefix-characters | INFO TRAEFIK-INGRESS-PREFIX-CHARACTERS 19:11 |",
        "rewrite-not-prefix | INFO TRAEFIK-REWRITE-NOT-PREFIX 24:3 |",
        "sticky-hrw | INFO TRAEFIK-VERSION-GATED 15:11; WARNING TRAEFIK-STICKY-HRW 17:13"
            + " | INFO TRAEFIK-VERSION-GATED 15:11",
        "weighted-sticky | WARNING TRAEFIK-WEIGHTED-STICKY 24:7 |",
        "service-port-missing | ERROR TRAEFIK-SERVICE-PORT-MISSING 13:11 |",
        "health-check-refused | ERROR TRAEFIK-HEALTH-CHECK-REFUSED 15:11 |",
        "external-name | WARNING TRAEFIK-EXTERNAL-NAME 13:11 |",
        "in-flight-by-host | WARNING TRAEFIK-IN-FLIGHT-BY-HOST 24:3 |",
        "ingress-no-class | INFO TRAEFIK-INGRESS-NO-CLASS 9:1 |",
        "service-annotations-unread | WARNING TRAEFIK-SERVICE-ANNOTATIONS-UNREAD 13:11 |",
        "version-missing | ERROR TRAEFIK-VERSION-MISSING 15:11 |",
        "version-gated | INFO TRAEFIK-VERSION-GATED 15:11 |",
        "rate-limit-burst | WARNING TRAEFIK-RATE-LIMIT-BURST 24:3 |",
      })
  void each_rule_flags_its_failing_fixture_and_passes_the_other(
      String rule, String failing, String passing) {
    assertThat(found(check(rule + ".fail"))).containsExactlyElementsOf(list(failing));
    assertThat(found(check(rule + ".pass"))).containsExactlyElementsOf(list(passing));
  }

  static List<Map.Entry<String, String>> messages() {
    return List.of(
        Map.entry(
            "api-removed",
            "IngressRoute default/chat: traefik.containo.us/v1alpha1 is the API group of Traefik"
                + " v2, which Traefik v3 removed: v3 reads only traefik.io/v1alpha1, so this"
                + " IngressRoute does nothing."),
        Map.entry(
            "annotation-unknown",
            "Ingress default/chat: traefik.ingress.kubernetes.io/router.entrypoint names no option"
                + " Traefik knows (did you mean traefik.ingress.kubernetes.io/router.entrypoints?):"
                + " Traefik fails to parse the annotations and skips the whole Ingress."),
        Map.entry(
            "annotation-ignored",
            "Ingress default/chat: traefik.ingress.kubernetes.io/service.sticky.cookie is ignored"
                + " on an Ingress: Traefik reads service.* from the backend Service of each path"
                + " (Services in the Ingress's namespace)."),
        Map.entry(
            "annotation-value",
            "Ingress default/chat: \"high\" is no decimal integer for"
                + " traefik.ingress.kubernetes.io/router.priority: Traefik fails to parse the"
                + " annotations and skips the whole Ingress."),
        Map.entry(
            "sticky-middleware",
            "Middleware default/chat-sticky: Traefik has no \"sticky\" middleware: sticky sessions"
                + " are an option of the service (services[].sticky.cookie on an IngressRoute,"
                + " service.sticky.cookie on the Service of an Ingress); the Middleware CRD has no"
                + " such field, so the API server drops it and a router that uses the Middleware"
                + " fails."),
        Map.entry(
            "middleware-type-unknown",
            "Middleware default/chat-strip: \"stripPrefixes\" is no middleware type of Traefik's"
                + " Middleware CRD (did you mean stripPrefix?); the API server drops the field,"
                + " and a router that uses the Middleware fails."),
        Map.entry(
            "reference-not-in-input",
            "IngressRoute default/chat: the Middleware default/chat-headers is not in the input;"
                + " what it does to this route is not checked."),
        Map.entry(
            "reference-provider",
            "Ingress default/chat: \"default-chat-headers\" in"
                + " traefik.ingress.kubernetes.io/router.middlewares names no provider, so Traefik"
                + " looks for the Middleware default-chat-headers@kubernetes, which the Ingress"
                + " provider never defines: the router fails (for Middleware default/chat-headers"
                + " write default-chat-headers@kubernetescrd)."),
        Map.entry(
            "cross-namespace",
            "IngressRoute chat/chat: the Middleware shared/ratelimit is in another namespace than"
                + " IngressRoute chat/chat: Traefik refuses the reference unless"
                + " providers.kubernetesCRD.allowCrossNamespace is true (false by default), and"
                + " then loads no router for this route."),
        Map.entry(
            "rule-invalid",
            "IngressRoute default/chat: the rule \"Host(`chat.example.com`) && PathPrefix(/ws)\""
                + " does not parse (a string in ` or \" expected at 40): Traefik loads no router"
                + " for this route."),
        Map.entry(
            "rule-v2-syntax",
            "IngressRoute default/chat: the placeholder {room} of Path is Traefik v2's rule"
                + " syntax; v3 reads the braces as literal text, so no request matches that part"
                + " of the rule."),
        Map.entry(
            "middleware-option-removed",
            "Middleware default/chat-https: headers.sslRedirect was removed in Traefik v3: its CRD"
                + " has no such field, so the API server drops it (or refuses the Middleware under"
                + " strict field validation) and the option does nothing; v3 has a redirectScheme"
                + " Middleware."),
        Map.entry(
            "tls-plain-entrypoint",
            "IngressRoute default/chat: the router has TLS but its entry point web takes plain"
                + " HTTP (web, in Traefik's Helm chart): Traefik answers only TLS handshakes with"
                + " it there, so http:// and ws:// requests get 404 and https:// clients, which"
                + " connect to the TLS entry point, never reach it."),
        Map.entry(
            "entrypoint-unknown",
            "IngressRoute default/chat: the entry point \"https\" is not defined by the Traefik in"
                + " the input (its entry points: web, websecure): Traefik logs \"EntryPoint"
                + " doesn't exist\" and serves the router on the others only."),
        Map.entry(
            "entrypoint-timeout-raised",
            "Deployment traefik/traefik:"
                + " --entryPoints.websecure.transport.respondingTimeouts.readTimeout=3600s raises"
                + " the entry point's bound on reading each request, the handshake included, which"
                + " does not reach an open WebSocket: Traefik clears it when the proxy takes the"
                + " upgraded connection over, so no socket stays open longer, and every router of"
                + " the entry point lets slow clients hold connections that long."),
        Map.entry(
            "transport-timeout-no-effect",
            "ServersTransport default/chat-transport: forwardingTimeouts.idleConnTimeout (3600s)"
                + " does not keep a WebSocket open: it bounds how long an idle keep-alive"
                + " connection waits in the pool, which an upgraded socket never returns to, and"
                + " Traefik puts no idle timeout on an upgraded socket."),
        Map.entry(
            "ingress-prefix-characters",
            "Ingress default/chat: Traefik matches the Prefix path \"/ws\" by characters"
                + " (PathPrefix), not by segments as Kubernetes defines Prefix: /wsx and"
                + " /ws-anything also reach this WebSocket backend."),
        Map.entry(
            "rewrite-not-prefix",
            "Middleware default/chat-rewrite: the replacePath of Middleware default/chat-rewrite"
                + " does not replace the matched prefix \"/notify\" of IngressRoute default/chat"
                + " with another one, so it is read as no prefix rewrite of that route."),
        Map.entry(
            "weighted-sticky",
            "TraefikService default/chat-canary: the sticky cookie of TraefikService"
                + " default/chat-canary pins a client to one of its services, and no service entry"
                + " below it has a cookie of its own: each new WebSocket of the client may reach"
                + " another pod of that service."),
        Map.entry(
            "service-port-missing",
            "IngressRoute default/chat: the service entry chat names no port: Traefik logs"
                + " \"ingressRoute service port not defined\" and loads no router for this"
                + " route."),
        Map.entry(
            "health-check-refused",
            "IngressRoute default/chat: healthCheck on the service entry of Service default/chat,"
                + " which is no ExternalName Service: Traefik logs \"healthCheck allowed only for"
                + " ExternalName services\" and loads no router for this route."),
        Map.entry(
            "external-name",
            "IngressRoute default/chat: Service default/chat is an ExternalName Service, which"
                + " Traefik refuses unless providers.kubernetesCRD.allowExternalNameServices is"
                + " true (false by default): it loads no router for this route."),
        Map.entry(
            "in-flight-by-host",
            "Middleware default/chat-sockets: inFlightReq counts requests per Host header when it"
                + " has no sourceCriterion (or requestHost), and an open WebSocket stays in"
                + " flight: all clients of the host share the 10 sockets, and the next handshake"
                + " gets 429."),
        Map.entry(
            "ingress-no-class",
            "Ingress default/chat: Ingress default/chat has no class, and the input has no"
                + " default IngressClass: Traefik serves it (with"
                + " providers.kubernetesIngress.ingressClass empty, the default) unless the"
                + " cluster's default IngressClass belongs to another controller; it is read as"
                + " Traefik's because it carries traefik.ingress.kubernetes.io/ annotations."),
        Map.entry(
            "service-annotations-unread",
            "IngressRoute default/chat: Service default/chat carries Ingress-provider annotations"
                + " that IngressRoute default/chat does not get: the CRD provider reads no Service"
                + " annotation, so traefik.ingress.kubernetes.io/service.sticky.cookie,"
                + " traefik.ingress.kubernetes.io/service.sticky.cookie.name do nothing for this"
                + " route."),
        Map.entry(
            "version-missing",
            "IngressRoute default/chat: strategy: p2c needs Traefik v3.4 or newer, and the cluster"
                + " runs v3.3 (image docker.io/traefik:v3.3.7 at"
                + " doctor/version-missing.fail.yaml:33:11): it accepts only RoundRobin, logs"
                + " \"load balancing strategy p2c is not supported\" and loads no router for this"
                + " route."),
        Map.entry(
            "version-gated",
            "IngressRoute default/chat: strategy: p2c needs Traefik v3.4 or newer (the input does"
                + " not say which release runs: no Traefik workload with a versioned image)."),
        Map.entry(
            "rate-limit-burst",
            "Middleware default/chat-handshakes: no burst is given, and Traefik's rateLimit then"
                + " allows a burst of 1: a client that opens two WebSockets at once gets 429 for"
                + " the second."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messages")
  void each_message_says_what_traefik_does_and_where(Map.Entry<String, String> rule) {
    List<Finding> findings =
        check(rule.getKey() + ".fail").findings().stream()
            .filter(f -> f.code().startsWith("TRAEFIK-"))
            .toList();
    assertThat(findings)
        .extracting(f -> f.subject() + ": " + f.message())
        .containsExactly(rule.getValue());
  }
}
