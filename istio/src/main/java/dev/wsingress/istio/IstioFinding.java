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
          + " the gateway uses Istio 1.31's EDGE connection profile, silent streams close after"
          + " 5 minutes."),
  SERVICE_AFFINITY_IGNORED(
      Severity.INFO,
      "Nothing to do: the affinity is rendered as the DestinationRule's consistentHash."),
  SOFT_AFFINITY(
      Severity.INFO,
      "Let clients reconnect to any pod: consistent hashing moves some clients when pods come"
          + " and go."),
  COOKIE_ATTRIBUTES(
      Severity.WARNING,
      "Leave those attributes to Istio's defaults, or set them in the application's own"
          + " cookie."),
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
  PORT_PROTOCOL(
      Severity.WARNING,
      "Name the Service port http-<something> (or set appProtocol http or kubernetes.io/ws),"
          + " or render with Platform.target() too."),
  PORT_NUMBER(Severity.ERROR, "Give the Service port by number with .service(name, port)."),
  BACKEND_TLS(
      Severity.ERROR,
      "Give the CA that signs the backend's certificate with .backendCaSecret(\"<secret>\")."),
  BACKEND_CA_NAMESPACE(
      Severity.WARNING,
      "Create the CA Secret in the namespace of every proxy that calls the backend (the"
          + " ingress gateway's namespace for edge traffic).");

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
