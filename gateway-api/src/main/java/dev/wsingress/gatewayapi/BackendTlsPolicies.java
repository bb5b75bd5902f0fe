package dev.wsingress.gatewayapi;

import dev.wsingress.BackendProtocol;
import dev.wsingress.Rendering;
import dev.wsingress.RouteBackend;
import dev.wsingress.WebSocketApp;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicy;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicyBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The BackendTLSPolicies of an HTTPS backend ({@code gateway.networking.k8s.io/v1}, standard since
 * Gateway API v1.4) and the Service port's {@code appProtocol} that goes with it.
 *
 * <p>GEP-1911 (geps/gep-1911): {@code kubernetes.io/wss} on an HTTPRoute backend is "Conditional
 * ... Only if there is a corresponding BackendTLSPolicy", and when a route cannot use the protocol
 * "Implementations MUST set the 'ResolvedRefs' condition to 'False' with the 'UnsupportedProtocol'
 * reason" (v1.6.1 apis/v1/httproute_types.go {@code HTTPBackendRef}). So {@code wss} is asked for
 * only with the policy, and the policy only with a CA: wsingress never writes an unverified
 * backend.
 */
final class BackendTlsPolicies {
  private BackendTlsPolicies() {}

  /**
   * The Service port {@code appProtocol} for WebSocket over cleartext (k8s.io/api v0.34.0
   * core/v1/types.go ServicePort.AppProtocol; GEP-1911 "WebSocket over cleartext").
   */
  static final String WS = "kubernetes.io/ws";

  /** The Service port {@code appProtocol} for WebSocket over TLS (GEP-1911). */
  static final String WSS = "kubernetes.io/wss";

  /**
   * The {@code appProtocol} the app's own Service port needs, if any: only when it carries
   * WebSocket routes (GEP-1911 {@code kubernetes.io/ws} is "WebSocket over cleartext"; a port that
   * serves plain HTTP only needs none).
   */
  static Optional<String> appProtocol(WebSocketApp app, Options o) {
    boolean webSocket =
        app.routes().stream()
            .anyMatch(r -> r.isWebSocket() && isOwn(app, r.backend().orElseThrow()));
    return webSocket ? protocol(app, o) : Optional.empty();
  }

  /** The {@code appProtocol} of a Service port that carries WebSocket routes, if any. */
  static Optional<String> protocol(WebSocketApp app, Options o) {
    if (app.backendProtocol() != BackendProtocol.HTTPS) {
      return Optional.of(WS);
    }
    return rendered(app, o) ? Optional.of(WSS) : Optional.empty();
  }

  /** Whether a route's backend is the app's own Service port (the one the platform renders). */
  static boolean isOwn(WebSocketApp app, RouteBackend b) {
    return b.serviceName().equals(app.serviceName())
        && b.port().equals(app.servicePort())
        && b.portName().equals(app.servicePortName());
  }

  private static boolean rendered(WebSocketApp app, Options o) {
    return o.version().isAtLeast(Releases.BACKEND_TLS_POLICY)
        && (o.caConfigMap() != null || app.backendCaSecret().isPresent());
  }

  /**
   * The policies of an HTTPS backend, one per Service the rendered rules send to (the backend
   * protocol and CA are app-wide), with their findings; nothing for HTTP backends. The app's own
   * Service's policy is named after the app, another Service's {@code <app>-<service>}.
   */
  static List<BackendTLSPolicy> render(
      WebSocketApp app, Options o, List<String> services, String subject, Rendering.Builder out) {
    List<BackendTLSPolicy> policies = new ArrayList<>();
    if (app.backendProtocol() != BackendProtocol.HTTPS) {
      return policies;
    }
    for (String service : services) {
      render(app, o, service, policies.isEmpty(), out).ifPresent(policies::add);
    }
    return policies;
  }

  private static Optional<BackendTLSPolicy> render(
      WebSocketApp app, Options o, String serviceName, boolean first, Rendering.Builder out) {
    String service = "Service " + app.namespace() + "/" + serviceName;
    if (!o.version().isAtLeast(Releases.BACKEND_TLS_POLICY)) {
      out.add(
          // kubernetes-sigs/gateway-api v1.6.1 CHANGELOG/1.5-CHANGELOG.md: the CORS filter is
          // standard from v1.5, BackendTLSPolicy v1 from v1.4 (CHANGELOG/1.4-CHANGELOG.md)
          GatewayApiFinding.VERSION_LACKS.at(
              service,
              "BackendTLSPolicy gateway.networking.k8s.io/v1 is standard from Gateway API v"
                  + Releases.BACKEND_TLS_POLICY
                  + " (rendering for v"
                  + o.version()
                  + "), so the HTTPS backend cannot be verified: no policy and no appProtocol"
                  + " kubernetes.io/wss are written, and the gateway has no TLS settings for"
                  + " it."));
      return Optional.empty();
    }
    String policyName =
        serviceName.equals(app.serviceName()) ? app.name() : app.name() + "-" + serviceName;
    String kind;
    String ca;
    if (o.caConfigMap() != null) {
      // Support: Core - "An optional single reference to a Kubernetes ConfigMap, with the CA
      // certificate in a key named `ca.crt`" (v1.6.1 BackendTLSPolicyValidation.CACertificateRefs).
      kind = "ConfigMap";
      ca = o.caConfigMap();
    } else if (app.backendCaSecret().isPresent()) {
      // Support: Implementation-specific - "other kinds of resources" (same field).
      kind = "Secret";
      ca = app.backendCaSecret().get();
      if (o.envoy()) {
        // envoyproxy/gateway v1.9.0 internal/gatewayapi/backendtlspolicy.go:613-640
        // (getCaCertsFromCARefs, case resource.KindSecret) reads a Secret's data with
        // getFirstMatchOrFirstFromData(secret.Data, CACertKey, TLSCertKey) (helpers.go:42-43,
        // 1544-1556): ca.crt, else tls.crt, else the only key; Secret support exists since v1.3.0.
        out.add(
            GatewayApiFinding.ENVOY_BACKEND_CA_SECRET.at(
                "BackendTLSPolicy " + app.namespace() + "/" + policyName,
                "Envoy Gateway reads the backend CA from Secret "
                    + ca
                    + ": its key ca.crt (else tls.crt, else its only key), in namespace "
                    + app.namespace()
                    + "."));
      } else {
        out.add(
            // kubernetes-sigs/gateway-api v1.6.1 apis/v1/backendtlspolicy_types.go:
            // caCertificateRefs: a ConfigMap with ca.crt is Core support; other kinds, such as
            // Secret, are implementation-specific
            GatewayApiFinding.BACKEND_CA_SECRET.at(
                "BackendTLSPolicy " + app.namespace() + "/" + policyName,
                "caCertificateRefs names Secret "
                    + ca
                    + ": the Gateway API supports a Secret CA only as implementation-specific"
                    + " (Core support is one ConfigMap with key ca.crt), and an implementation"
                    + " that does not read Secrets sets ResolvedRefs False (InvalidKind) and"
                    + " fails connections to the backend with 5xx."));
      }
    } else {
      out.add(
          // kubernetes-sigs/gateway-api v1.6.1 geps/gep-1911/index.md: kubernetes.io/wss needs a
          // BackendTLSPolicy for the Service, whose validation needs a CA
          // (apis/v1/backendtlspolicy_types.go)
          GatewayApiFinding.BACKEND_TLS.at(
              service,
              "an HTTPS backend needs a CA to be verified (BackendTLSPolicy"
                  + " validation.caCertificateRefs) and none is given, so no BackendTLSPolicy and"
                  + " no appProtocol kubernetes.io/wss are written (wss without a policy makes"
                  + " the backend invalid, GEP-1911), and the gateway has no TLS settings for"
                  + " it."));
      return Optional.empty();
    }
    if (first) {
      Releases.gatedGatewayApi(
          out,
          "BackendTLSPolicy " + app.namespace() + "/" + policyName,
          "BackendTLSPolicy gateway.networking.k8s.io/v1",
          Releases.BACKEND_TLS_POLICY,
          o);
    }
    // validation.hostname: "MUST be used as the SNI to connect to the backend" and "MUST match
    // the certificate served by the matching backend" (v1.6.1 BackendTLSPolicyValidation), the
    // Service's cluster name as ingress-nginx's proxy-ssl-name and Traefik's serverName use it.
    // targetRefs without sectionName: the policy covers every port of the Service.
    return Optional.of(
        new BackendTLSPolicyBuilder()
            .withMetadata(app.objectMeta(policyName))
            .withNewSpec()
            .addNewTargetRef()
            .withGroup("")
            .withKind("Service")
            .withName(serviceName)
            .endTargetRef()
            .withNewValidation()
            .withHostname(serviceName + "." + app.namespace() + ".svc")
            .addNewCaCertificateRef()
            .withGroup("")
            .withKind(kind)
            .withName(ca)
            .endCaCertificateRef()
            .endValidation()
            .endSpec()
            .build());
  }
}
