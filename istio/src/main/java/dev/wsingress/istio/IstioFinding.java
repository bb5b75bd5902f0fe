package dev.wsingress.istio;

import dev.wsingress.FindingKind;
import dev.wsingress.Severity;

/** The catalogue of Istio findings: stable codes, severities and fixed hints. */
enum IstioFinding implements FindingKind {
  CREDENTIAL_NAMESPACE(
      Severity.WARNING,
      "Create the TLS Secret in the namespace of the ingress gateway workload (usually"
          + " istio-system), for example with a cert-manager Certificate there."),
  STREAM_IDLE(
      Severity.INFO,
      "Keep the ping interval of the application well under every idle limit on the path; if"
          + " the gateway uses the EDGE connection profile of Istio 1.31 (1.31.0-rc.0), silent"
          + " streams close after 5 minutes unless its proxy config raises"
          + " connectionSettings.httpStreamIdleTimeout."),
  SERVICE_AFFINITY_IGNORED(
      Severity.INFO,
      "Nothing to do: the affinity is rendered as the DestinationRule's consistentHash."),
  CLIENT_IP_PEER(
      Severity.WARNING,
      "Let the gateway see client addresses: service.externalTrafficPolicy: Local in the"
          + " gateway Helm chart, PROXY protocol (gatewayTopology.proxyProtocol in the gateway's"
          + " proxy.istio.io/config) from a load balancer that sends it, or"
          + " gatewayTopology.numTrustedProxies behind trusted proxies that set"
          + " X-Forwarded-For."),
  SOFT_AFFINITY(
      Severity.INFO,
      "Let clients reconnect to any pod: consistent hashing moves some clients when pods come"
          + " and go."),
  COOKIE_ATTRIBUTES(
      Severity.WARNING,
      "On Istio 1.28 or newer, render with .version(...) of that release to write Secure and"
          + " SameSite; Envoy fixes HttpOnly and the rebalancing, so drop httpOnly(false) and"
          + " persistent(), or hash on a cookie the application sets itself."),
  VERSION_GATED(
      Severity.INFO,
      "Render with .version(...) of the Istio release the cluster runs; older releases get"
          + " only what they accept."),
  RATE_LIMIT(
      Severity.ERROR,
      "Use Istio's local rate limit (an EnvoyFilter with envoy.filters.http.local_ratelimit)"
          + " or limit in the application."),
  MAX_CONNECTIONS(
      Severity.ERROR,
      "Limit per client in the application; DestinationRule tcp.maxConnections caps all"
          + " clients of a proxy together and would refuse sockets beyond it."),
  HEALTH_CHECK_PASSIVE(
      Severity.WARNING,
      "Give the pods a readiness probe on the health path; outlier detection only reacts to"
          + " failed requests."),
  CORS_HANDSHAKE(
      Severity.WARNING,
      "Check the Origin header of every WebSocket handshake in the application (RFC 6455"
          + " section 10.2)."),
  BUFFERING(
      Severity.WARNING, "Leave buffering off: Istio streams WebSockets and has no such setting."),
  ROUTE_BUFFERING(
      Severity.ERROR,
      "Drop .buffering(true) from the route, or buffer in the application: networking.istio.io"
          + " has no buffering setting (Envoy's buffer filter needs an EnvoyFilter)."),
  PORT_PROTOCOL(
      Severity.WARNING,
      "Name the Service port http-<something> (or set appProtocol http, or kubernetes.io/ws on"
          + " Istio 1.24 or newer); for the app's own Service, render with Platform.target()"
          + " too."),
  HTTPS_REDIRECT(
      Severity.INFO,
      "Connect with wss://; issue the certificate with DNS-01, or render .tls(Tls.secret(...)"
          + ".redirect(false)) while an HTTP-01 solver answers for these hosts through this"
          + " gateway."),
  PORT_NUMBER(
      Severity.ERROR,
      "Give the Service port by number: .to(service, port) on the route, or .service(name, port)"
          + " for the app's own Service."),
  BACKEND_TLS(
      Severity.ERROR,
      "Give the CA that signs the backend's certificate with .backendCaSecret(\"<secret>\")."),
  BACKEND_CA_NAMESPACE(
      Severity.WARNING,
      "Create the CA Secret in the ingress gateway's namespace (usually istio-system); in-mesh"
          + " callers need a DestinationRule of their own with a workloadSelector."),
  BACKEND_TLS_SIDECAR(
      Severity.WARNING,
      "Run the backend pods without a sidecar, or name the Service port https-<something> (or"
          + " appProtocol kubernetes.io/wss) so a PERMISSIVE sidecar passes the TLS through;"
          + " under STRICT mTLS also set a PeerAuthentication portLevelMtls DISABLE for that"
          + " port."),
  DESTINATION_RULE_MERGE(
      Severity.INFO,
      "Look for a DestinationRule of that host in the namespace; if its owner has one, move"
          + " these settings into it (or into a subset of it).");

  private final Severity severity;
  private final String hint;

  IstioFinding(Severity severity, String hint) {
    this.severity = severity;
    this.hint = hint;
  }

  @Override
  public String prefix() {
    return "ISTIO";
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
