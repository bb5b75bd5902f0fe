package dev.wsingress.traefik;

import dev.wsingress.FindingKind;
import dev.wsingress.Severity;

/** The catalogue of Traefik findings: stable codes, severities and fixed hints. */
enum TraefikFinding implements FindingKind {
  ENTRYPOINT_TIMEOUTS(
      Severity.WARNING,
      "Set these on the entry points in Traefik's static configuration (Helm values or"
          + " --entryPoints.<name>.transport flags), and raise lifeCycle.graceTimeOut (10s by"
          + " default) so sockets can drain when Traefik rolls."),
  RATE_LIMIT_HANDSHAKES(
      Severity.WARNING,
      "Divide the intended limit by the number of Traefik replicas, or use the rateLimit"
          + " middleware's redis option for a shared limit."),
  IN_FLIGHT_SOCKETS(
      Severity.WARNING,
      "Size the amount for the sockets one client really holds, per Traefik replica."),
  CORS_HANDSHAKE(
      Severity.WARNING,
      "Check the Origin header of every WebSocket handshake in the application (RFC 6455"
          + " section 10.2)."),
  CLIENT_IP_HRW(
      Severity.INFO,
      "Behind a load balancer, make sure Traefik sees the client address (PROXY protocol or"
          + " forwardedHeaders.trustedIPs)."),
  HEADER_AFFINITY(Severity.ERROR, "Use cookie or client-IP affinity, which Traefik supports."),
  INGRESS_CLIENT_IP(
      Severity.ERROR, "Use the IngressRoute form (Traefik.target()), or cookie affinity."),
  HEALTH_CHECK(
      Severity.WARNING,
      "Give the pods a readiness probe on the health path: Traefik balances over Ready"
          + " endpoints."),
  BUFFERING(Severity.WARNING, "Leave buffering off: Traefik streams WebSockets as they come."),
  BACKEND_TLS(
      Severity.ERROR,
      "Give the CA that signs the backend's certificate with .backendCaSecret(\"<secret>\")."),
  SERVICE_ANNOTATIONS(
      Severity.WARNING,
      "Add the annotations to your Service, or render with Platform.target() too.");

  private final Severity severity;
  private final String hint;

  TraefikFinding(Severity severity, String hint) {
    this.severity = severity;
    this.hint = hint;
  }

  @Override
  public String prefix() {
    return "TRAEFIK";
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
