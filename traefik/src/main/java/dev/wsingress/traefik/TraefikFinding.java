package dev.wsingress.traefik;

import dev.wsingress.FindingKind;
import dev.wsingress.Severity;

/** The catalogue of Traefik findings: stable codes, severities and fixed hints. */
enum TraefikFinding implements FindingKind {
  ENTRYPOINT_TIMEOUTS(
      Severity.WARNING,
      "Leave respondingTimeouts as they are: raising readTimeout keeps no socket open longer and"
          + " gives slow clients that long to send any request on every router of the entry"
          + " point. When Traefik stops it waits"
          + " lifeCycle.graceTimeOut (10s by default) for open connections, WebSockets included,"
          + " then closes them: raise it, with the pod's terminationGracePeriodSeconds above it,"
          + " if clients need longer to finish."),
  RATE_LIMIT_HANDSHAKES(
      Severity.WARNING,
      "Divide the intended limit by the number of Traefik replicas, or (Traefik v3.4 or newer)"
          + " use the rateLimit middleware's redis option for a shared limit."),
  RATE_LIMIT_BURST(
      Severity.WARNING, "Give .burst(n) with the number of sockets one client may open at once."),
  IN_FLIGHT_SOCKETS(
      Severity.WARNING,
      "Size the amount for the sockets one client really holds, per Traefik replica."),
  CORS_HANDSHAKE(
      Severity.WARNING,
      "Check the Origin header of every WebSocket handshake in the application (RFC 6455"
          + " section 10.2)."),
  CLIENT_IP_HRW(
      Severity.INFO,
      "Behind a load balancer, hand Traefik the client address as the connection's source: PROXY"
          + " protocol on the entry point (entryPoints.<name>.proxyProtocol), or"
          + " externalTrafficPolicy: Local on Traefik's Service. forwardedHeaders.trustedIPs and"
          + " clientIpDepth do not change the address hrw hashes."),
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
      "Add the annotations to your Service, or render with Platform.target() too."),
  BACKEND_SERVICE_ANNOTATIONS(
      Severity.WARNING,
      "Add these annotations to that Service where its owner manages it: Traefik ignores them on"
          + " the Ingress."),
  INGRESS_SHARED_SERVICE(
      Severity.WARNING,
      "Send the plain HTTP routes to a Service of their own, or use the IngressRoute form"
          + " (Traefik.target()), which sets the cookie per route."),
  REQUEST_TIMEOUT(
      Severity.ERROR,
      "Bound the request in the application or its clients. forwardingTimeouts."
          + "responseHeaderTimeout of a ServersTransport limits only the wait for the response"
          + " headers, and the retry middleware's timeout only its retries."),
  VERSION_GATED(
      Severity.INFO,
      "Render with .version(\"<major.minor>\") for the Traefik release the cluster runs; older"
          + " releases get what they accept."),
  VERSION_FALLBACK(
      Severity.INFO,
      "Nothing to do for this release; a newer Traefik and .version(...) write the newer field."),
  VERSION_MISSING(
      Severity.ERROR,
      "Upgrade Traefik to the release named and render with .version(...), or drop the setting."),
  LINKERD_INGRESS_MODE(
      Severity.WARNING,
      "Annotate Traefik's pod template with linkerd.io/inject: ingress (Helm:"
          + " deployment.podAnnotations), and attach to every entry point a headers middleware"
          + " with customRequestHeaders l5d-dst-override: \"\" (an empty value removes the"
          + " header) through entryPoints.<name>.http.middlewares (Helm:"
          + " ports.<name>.http.middlewares)."),
  LINKERD_DST_OVERRIDE(
      Severity.ERROR,
      "Give the Service port as a number, as in .service(\"websocket-service\", 8080)."),
  LINKERD_AFFINITY(
      Severity.ERROR,
      "Drop the affinity for this mesh: with Traefik in ingress mode the pod is Linkerd's"
          + " choice.");

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
