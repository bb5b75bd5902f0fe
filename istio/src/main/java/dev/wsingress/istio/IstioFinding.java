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
  SHORT_HOST(
      Severity.ERROR,
      "Give the host with its domain (a name with a dot): Istio reads a VirtualService host"
          + " without one as a Service in the namespace."),
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
          + " these settings into it (or into a subset of it)."),
  // The doctor's rules (Istio.read): what Istio and its API server do with manifests as written.
  UNKNOWN_FIELD(
      Severity.ERROR,
      "Remove the field or fix its name (see the CRD reference of networking.istio.io v1);"
          + " the setting it meant to make is not made."),
  INVALID_VALUE(
      Severity.ERROR,
      "Write the value with the type and one of the values the CRD allows (quote durations,"
          + " write enum names in capitals)."),
  ONE_OF(Severity.ERROR, "Keep one of the fields: the CRD accepts only one of them."),
  DURATION_REFUSED(
      Severity.ERROR,
      "Write a duration of at least 1ms (such as 30s or 1h), or leave the field out for"
          + " Istio's default (for a route timeout: none)."),
  WEBSOCKET_UPGRADE(
      Severity.WARNING,
      "Remove websocketUpgrade: Istio forwards WebSocket upgrades on every HTTP route without"
          + " a setting."),
  LEAST_CONN(Severity.INFO, "Write LEAST_REQUEST, the name Istio uses for it now."),
  CONSECUTIVE_ERRORS(
      Severity.WARNING,
      "Write consecutiveGatewayErrors (502, 503, 504) or consecutive5xxErrors (every 5xx)"
          + " instead."),
  OUTLIER_5XX_DEFAULT(
      Severity.WARNING,
      "Set consecutive5xxErrors too: 0 to eject on gateway errors only, or the number of 5xx"
          + " answers that should eject a pod."),
  COOKIE_NO_TTL(
      Severity.WARNING,
      "Give httpCookie a ttl (0s makes a session cookie), unless the application sets this"
          + " cookie itself."),
  COOKIE_ATTRIBUTES_RELEASE(
      Severity.WARNING,
      "Upgrade to Istio 1.28 or newer for cookie attributes, or check with"
          + " Istio.target().version(...) of the release the cluster runs."),
  TLS_NO_SAN(
      Severity.WARNING,
      "Add subjectAltNames with the name the backend certificate carries, or remove sni so"
          + " that Istio validates the SAN against the host automatically."),
  DR_CREDENTIAL_SIDECAR(
      Severity.WARNING,
      "Give in-mesh callers a DestinationRule with a workloadSelector (the Secret in their"
          + " namespace), or route them through the gateway."),
  API_VERSION(
      Severity.INFO, "Nothing is needed now; move to networking.istio.io/v1 when convenient."),
  GATEWAY_NOT_IN_INPUT(
      Severity.INFO,
      "Check the Gateway together with the VirtualService to have its hosts and TLS checked."),
  TLS_WILDCARD_SNI(
      Severity.WARNING,
      "List the host among the TLS hosts (Tls.secret(...).hosts(...)) with a certificate that"
          + " names it, or give it a host the wildcard does not cover."),
  GATEWAY_HOST_MISMATCH(
      Severity.WARNING,
      "Add the host to a server of the Gateway (or fix the host), or bind the VirtualService"
          + " to a Gateway that serves it."),
  WS_ROUTE_TIMEOUT(
      Severity.INFO,
      "Keep idle WebSockets alive with pings; the route timeout is no idle timeout. Remove it"
          + " unless it is meant for plain HTTP requests on this route."),
  WS_PORT_HTTP2(
      Severity.ERROR,
      "Name the Service port http-<something> or set appProtocol kubernetes.io/ws (Istio"
          + " 1.24+) or http, so that the hop to the pod stays HTTP/1.1."),
  WS_PORT_TCP(
      Severity.WARNING,
      "Name the Service port http-<something> or set appProtocol kubernetes.io/ws (Istio"
          + " 1.24+) or http, so that the sidecars handle the WebSocket as HTTP."),
  WS_PORT_SNIFFED(
      Severity.INFO,
      "Name the Service port http-<something> or set appProtocol kubernetes.io/ws (Istio"
          + " 1.24+) so that nothing depends on sniffing."),
  H2_UPGRADE(
      Severity.ERROR,
      "Set h2UpgradePolicy: DO_NOT_UPGRADE for the WebSocket backend (in a subset that only"
          + " the WebSocket routes name, if other routes want HTTP/2)."),
  WS_CONNECTION_CAP(
      Severity.WARNING,
      "Raise the limit above the number of sockets each proxy may hold, or remove it; Istio's"
          + " default is no limit (2^32-1)."),
  PREFIX_CHARACTERS(
      Severity.INFO,
      "For whole path segments, match exact: /path and prefix: /path/ instead of prefix:"
          + " /path."),
  UNREACHABLE_MATCH(
      Severity.WARNING,
      "Move the more specific match before the one that covers it, or remove it."),
  DESTINATION_HOST(
      Severity.WARNING,
      "Write the Service's full name <service>.<namespace>.svc.cluster.local, or its short"
          + " name when the VirtualService is in the Service's namespace."),
  DESTINATION_PORT(
      Severity.WARNING, "Give destination.port.number: the Service has more than one port."),
  REWRITE_SHAPE(
      Severity.INFO,
      "Nothing to do for Istio; a prefix rewrite (rewrite.uri) is what other controllers can"
          + " carry over."),
  INGRESS_CLASS_NOT_IN_INPUT(
      Severity.INFO,
      "Check the IngressClass together with the Ingress, or create it with spec.controller:"
          + " istio.io/ingress-controller."),
  INGRESS_DEFAULT_BACKEND(
      Severity.WARNING,
      "Add a rule with the path / for the default backend, or route it with a"
          + " VirtualService."),
  DR_DUPLICATE_HOST(
      Severity.INFO,
      "Keep one DestinationRule per host (its subsets can hold the variants); which one wins"
          + " depends on creation time, not on file order.");

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
