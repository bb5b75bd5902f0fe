package dev.wsingress.gatewayapi;

import dev.wsingress.FindingKind;
import dev.wsingress.Severity;

/** The catalogue of Gateway API findings: stable codes, severities and fixed hints. */
enum GatewayApiFinding implements FindingKind {
  DEFAULT_PARENT(
      Severity.INFO,
      "Name the Gateway with .gateway(namespace, name), or let wsingress render one with"
          + " .withGateway(gatewayClassName)."),
  CROSS_NAMESPACE_PARENT(
      Severity.INFO,
      "Make sure the Gateway's listeners allow routes from this namespace (allowedRoutes"
          + " namespaces from: All, or a Selector matching kubernetes.io/metadata.name)."),
  TLS_ON_GATEWAY(
      Severity.INFO,
      "Reference the Secret from the Gateway's HTTPS listener (tls.certificateRefs), in the"
          + " Gateway's namespace or through a ReferenceGrant."),
  IDLE_TIMEOUT(
      Severity.WARNING,
      "Set the idle timeout in the implementation: Envoy Gateway ClientTrafficPolicy"
          + " spec.timeout.http.idleTimeout and BackendTrafficPolicy"
          + " spec.timeout.http.connectionIdleTimeout; Istio DestinationRule"
          + " connectionPool.http.idleTimeout (the Istio target writes it); Traefik entryPoint"
          + " transport.respondingTimeouts."),
  REQUEST_TIMEOUT(
      Severity.WARNING,
      "Test long-lived sockets on your implementation, or set requestTimeout(Duration.ZERO) to"
          + " disable the request timeout."),
  CONNECT_TIMEOUT(
      Severity.WARNING,
      "Set it in the implementation: Envoy Gateway BackendTrafficPolicy"
          + " spec.timeout.tcp.connectTimeout; Istio DestinationRule"
          + " connectionPool.tcp.connectTimeout."),
  STICKY_SESSIONS_EXPERIMENTAL(
      Severity.ERROR,
      "Opt in with GatewayApi.target().experimental() if your cluster runs the experimental"
          + " channel CRDs, or use the implementation's own affinity policy."),
  SESSION_PERSISTENCE_EXPERIMENTAL(
      Severity.WARNING,
      "Install the experimental channel CRDs and check your implementation supports"
          + " sessionPersistence; no conformance test covers it."),
  CLIENT_IP_AFFINITY(
      Severity.ERROR,
      "Use cookie or header affinity, or the implementation's consistent-hash policy (Envoy"
          + " Gateway BackendTrafficPolicy loadBalancer ConsistentHash SourceIP)."),
  RATE_LIMIT(
      Severity.ERROR,
      "Use the implementation's policy: Envoy Gateway BackendTrafficPolicy spec.rateLimit;"
          + " Traefik's rateLimit Middleware through an ExtensionRef filter."),
  MAX_CONNECTIONS(
      Severity.ERROR,
      "Use the implementation's policy, such as Traefik's inFlightReq Middleware through an"
          + " ExtensionRef filter, or limit in the application."),
  CORS_HANDSHAKE(
      Severity.WARNING,
      "Check the Origin header of every WebSocket handshake in the application (RFC 6455"
          + " section 10.2), and check your implementation supports the CORS filter."),
  HEALTH_CHECK(
      Severity.WARNING,
      "Give the pods a readiness probe on the health path; for active checks use the"
          + " implementation's policy (Envoy Gateway BackendTrafficPolicy healthCheck.active)."),
  BUFFERING(
      Severity.WARNING,
      "Configure buffering in the implementation, or leave it off as WebSockets need."),
  BACKEND_TLS(
      Severity.ERROR,
      "Add a BackendTLSPolicy for the Service with the CA from .backendCaSecret(...), or use"
          + " an HTTP backend."),
  PORT_NUMBER(Severity.ERROR, "Give the Service port by number with .service(name, port)."),
  APP_PROTOCOL(
      Severity.INFO,
      "Set appProtocol: kubernetes.io/ws (kubernetes.io/wss for TLS backends) on the Service"
          + " port yourself, or render with Platform.target() too.");

  private final Severity severity;
  private final String hint;

  GatewayApiFinding(Severity severity, String hint) {
    this.severity = severity;
    this.hint = hint;
  }

  @Override
  public String prefix() {
    return "GATEWAYAPI";
  }

  @Override
  public Severity severity() {
    return severity;
  }

  @Override
  public String hint() {
    return hint;
  }
}
