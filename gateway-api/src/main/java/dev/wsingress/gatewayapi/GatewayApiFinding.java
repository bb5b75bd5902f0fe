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
      "On Envoy Gateway render with .envoyGateway() (BackendTrafficPolicy"
          + " spec.timeout.http.streamIdleTimeout, v1.8 or newer), or set ClientTrafficPolicy"
          + " spec.timeout.http.streamIdleTimeout on the Gateway; on other implementations set the"
          + " timeout that closes idle upgraded streams, not a connection idle timeout, which"
          + " counts only time without requests."),
  REQUEST_TIMEOUT(
      Severity.WARNING,
      "Test long-lived sockets on your implementation, or disable the request timeout on the"
          + " WebSocket rules (timeouts.request: 0s; requestTimeout(Duration.ZERO) when"
          + " rendering)."),
  CONNECT_TIMEOUT(
      Severity.WARNING,
      "Set it in the implementation: Envoy Gateway BackendTrafficPolicy"
          + " spec.timeout.tcp.connectTimeout (render with .envoyGateway()); Istio"
          + " DestinationRule connectionPool.tcp.connectTimeout."),
  STICKY_SESSIONS_EXPERIMENTAL(
      Severity.ERROR,
      "Render with .envoyGateway() (BackendTrafficPolicy spec.loadBalancer consistentHash type"
          + " Cookie), or opt in with .experimental() if your cluster runs the experimental"
          + " channel CRDs."),
  SESSION_PERSISTENCE_EXPERIMENTAL(
      Severity.WARNING,
      "Install the experimental channel CRDs and check your implementation supports"
          + " sessionPersistence; no conformance test covers it."),
  CLIENT_IP_AFFINITY(
      Severity.ERROR,
      "Render with .envoyGateway() (BackendTrafficPolicy spec.loadBalancer consistentHash type"
          + " SourceIP), or use the implementation's consistent-hash policy."),
  HEADER_AFFINITY(
      Severity.ERROR,
      "Render with .envoyGateway() (BackendTrafficPolicy spec.loadBalancer consistentHash type"
          + " Headers), or use the implementation's consistent-hash policy."),
  RATE_LIMIT(
      Severity.ERROR,
      "Render with .envoyGateway() (BackendTrafficPolicy spec.rateLimit.local, one bucket per"
          + " client address), or use the implementation's policy, such as Traefik's rateLimit"
          + " Middleware through an ExtensionRef filter."),
  // envoyproxy/gateway v1.9.0 api/v1alpha1/connection_types.go ConnectionLimit.Value: per
  // listener, enforced by Envoy's connection_limit filter on each replica (listener.go:486-501).
  MAX_CONNECTIONS(
      Severity.ERROR,
      "Limit concurrent sockets per client in the application; Envoy Gateway's ClientTrafficPolicy"
          + " spec.connection.connectionLimit counts every client of a listener on each Envoy"
          + " replica, and Traefik's inFlightReq Middleware (through an ExtensionRef filter)"
          + " counts per source."),
  CORS_HANDSHAKE(
      Severity.WARNING,
      "Check the Origin header of every WebSocket handshake in the application (RFC 6455"
          + " section 10.2), and check your implementation supports the CORS filter."),
  CORS_NORMALISED(
      Severity.INFO,
      "Nothing to do: the lists mean the same; list each origin, method and header once, and"
          + " \"*\" alone."),
  CORS_LIMIT(
      Severity.ERROR,
      "Shorten the CORS lists to what the HTTPRoute CORS filter holds (64 origins, headers and"
          + " exposed headers; origins of at most 253 characters), or answer CORS in the"
          + " application."),
  HEALTH_CHECK(
      Severity.WARNING,
      "Give the pods a readiness probe on the health path; for active checks render with"
          + " .envoyGateway() (BackendTrafficPolicy spec.healthCheck.active) or use the"
          + " implementation's policy."),
  // envoyproxy/gateway v1.9.0 backendtrafficpolicy_types.go: "requestBuffer cannot be used
  // together with httpUpgrade"; RequestBuffer is "incompatible with ... WebSocket".
  BUFFERING(
      Severity.WARNING,
      "Leave buffering off, as WebSockets need: Envoy Gateway's BackendTrafficPolicy"
          + " spec.requestBuffer cannot be combined with protocol upgrades."),
  BACKEND_TLS(
      Severity.ERROR,
      "Name the CA with .backendCaSecret(name) (Envoy Gateway reads a Secret) or"
          + " GatewayApi.target().backendCaConfigMap(name) (a ConfigMap with key ca.crt, Core"
          + " support), or use an HTTP backend."),
  BACKEND_CA_SECRET(
      Severity.WARNING,
      "Check that your implementation reads CA Secrets in BackendTLSPolicy (Envoy Gateway does:"
          + " render with .envoyGateway()), or copy ca.crt into a ConfigMap and reference it with"
          + " GatewayApi.target().backendCaConfigMap(name)."),
  ENVOY_BACKEND_CA_SECRET(
      Severity.INFO,
      "Keep the CA certificate under the key ca.crt of the Secret, in the app's namespace."),
  PLAIN_WS_REDIRECT(
      Severity.INFO,
      "Connect with wss://, or keep ws:// working with .tls(Tls.secret(...).redirect(false))."),
  ROUTES_SPLIT(
      Severity.INFO,
      "Nothing to do: the routes together carry every host and path; keep them (and their"
          + " names) together when you apply or delete them."),
  PORT_NUMBER(
      Severity.ERROR,
      "Give the Service port by number: .service(name, port) for the app's Service,"
          + " Route.to(service, port) for a route's."),
  ROUTE_BUFFERING(
      Severity.ERROR,
      "Drop buffering(true) from the route, or buffer in the application or with the"
          + " implementation's own policy."),
  APP_PROTOCOL(
      Severity.INFO,
      "Set appProtocol: kubernetes.io/ws (kubernetes.io/wss for TLS backends with a"
          + " BackendTLSPolicy) on the Service port yourself, or render with Platform.target()"
          + " too."),
  // gateway-api v1.6.1 geps/gep-1911: "when a *Route points to a Kubernetes Service,
  // implementations SHOULD honor the appProtocol field if it is set for the target Service Port".
  BACKEND_APP_PROTOCOL(
      Severity.INFO,
      "Set that appProtocol on the Service port where the Service is defined (kubernetes.io/wss"
          + " for a TLS backend with a BackendTLSPolicy)."),
  VERSION_GATED(
      Severity.INFO,
      "Run that release or newer, or render for your release with .version(...) or"
          + " .envoyGateway(version)."),
  VERSION_LACKS(
      Severity.ERROR,
      "Render for a newer release with .version(...) if your cluster runs one, or carry the"
          + " setting another way."),
  ENVOY_RATE_LIMIT_LOCAL(
      Severity.WARNING,
      "Size the limit for the number of Envoy replicas, or use Envoy Gateway's global rate limit"
          + " (spec.rateLimit.global, which needs its rate limit service)."),
  // envoyproxy/gateway v1.9.0 api/v1alpha1/kubernetes_helpers.go:98-100: the Envoy Service's
  // externalTrafficPolicy defaults to Local; clienttrafficpolicy_types.go ClientIPDetection,
  // ProxyProtocol.
  ENVOY_CLIENT_ADDRESS(
      Severity.INFO,
      "Keep the client address up to Envoy: externalTrafficPolicy Local on the Envoy Service"
          + " (the EnvoyProxy default) behind an L4 load balancer, or ClientTrafficPolicy"
          + " spec.clientIPDetection (trusted X-Forwarded-For hops) or spec.proxyProtocol behind"
          + " a proxy."),
  ENVOY_COOKIE(
      Severity.INFO, "Accept the difference, or write the BackendTrafficPolicy's cookie yourself."),
  ENVOY_CIRCUIT_BREAKER(
      Severity.INFO,
      "Give the workload .maxConnections(...) so that wsingress raises"
          + " spec.circuitBreaker.maxConnections and maxParallelRequests, or set them yourself."),
  ENVOY_HEALTH_CHECK_SCOPE(
      Severity.INFO,
      "Give those Services' pods readiness probes, or add healthCheck.active to their"
          + " BackendTrafficPolicy yourself if their owners serve the health path."),
  ENVOY_STREAM_IDLE_BOTH_WAYS(
      Severity.INFO,
      "Give one idle timeout with .timeout(...) if the two directions need not differ."),
  ENVOY_LISTENER_SETTING(
      Severity.WARNING,
      "Ask the Gateway's owner to apply that ClientTrafficPolicy setting, or run Envoy Gateway"
          + " v1.8 or newer, which sets it per route."),
  ENVOY_LISTENER_WIDE(
      Severity.INFO,
      "Run Envoy Gateway v1.8 or newer to set it per route; keep only this app on the Gateway."),

  // --- the doctor's rules (GatewayApiReader); each cites its upstream source where it is raised
  V1BETA1(
      Severity.WARNING,
      "Change apiVersion to gateway.networking.k8s.io/v1: the same fields, GA since Gateway API"
          + " v1.0."),
  BACKEND_TLS_POLICY_V1ALPHA3(
      Severity.WARNING,
      "Change apiVersion to gateway.networking.k8s.io/v1 (Gateway API v1.4 or newer; the v1"
          + " fields are the same for targetRefs and validation)."),
  BACKEND_PORT_MISSING(
      Severity.ERROR, "Give backendRefs[].port: the Service port number the rule sends to."),
  NO_PARENT(Severity.INFO, "Add a parentRef to the Gateway that should serve the route."),
  PARENT_NOT_IN_INPUT(
      Severity.INFO,
      "Check the route together with its Gateway and GatewayClass to have its listeners and the"
          + " implementation's own rules checked."),
  ROUTE_NOT_ACCEPTED(
      Severity.ERROR,
      "Attach the route to a listener that admits it: name an existing sectionName, allow the"
          + " route's namespace in the listener's allowedRoutes.namespaces (from: All, or a"
          + " Selector), or give the route a hostname the listener's hostname matches."),
  IMPLEMENTATION_UNKNOWN(
      Severity.INFO,
      "Check the GatewayClass together with the Gateway to have the implementation's own rules"
          + " checked (such as Envoy Gateway's stream idle timeout)."),
  WS_NO_APP_PROTOCOL(
      Severity.INFO,
      "Set appProtocol: kubernetes.io/ws on the Service port (kubernetes.io/wss, with a"
          + " BackendTLSPolicy, for a TLS backend)."),
  WSS_NO_BACKEND_TLS(
      Severity.WARNING,
      "Add a BackendTLSPolicy that targets the Service (validation.hostname and"
          + " caCertificateRefs), or use appProtocol kubernetes.io/ws for a cleartext backend."),
  SESSION_HEADER(
      Severity.WARNING,
      "Use cookie session persistence, which browsers keep by themselves, or hash a header the"
          + " client really sends with the implementation's consistent-hash policy (Envoy Gateway:"
          + " BackendTrafficPolicy spec.loadBalancer consistentHash type Headers)."),
  SESSION_PERSISTENCE_CHANNEL(
      Severity.INFO,
      "Make sure the cluster runs the experimental-channel HTTPRoute CRD and that the"
          + " implementation supports sessionPersistence, or use its own affinity policy (Envoy"
          + " Gateway: BackendTrafficPolicy spec.loadBalancer consistentHash type Cookie)."),
  CORS_INVALID(
      Severity.ERROR, "List each origin, method and header once, and \"*\" only on its own."),
  DURATION_INVALID(
      Severity.ERROR,
      "Write a GEP-2257 duration: one to four parts of a number (1 to 5 digits) and a unit h, m,"
          + " s or ms, such as 1h, 90s or 1h30m."),
  REGEX_UNREADABLE(
      Severity.INFO,
      "Nothing to do for the gateway; use a regular expression wsingress can read to have the"
          + " route checked."),
  REWRITE_NOT_PREFIX(
      Severity.INFO,
      "Nothing to do for the gateway; to carry the rewrite into the spec, rewrite a prefix"
          + " (ReplacePrefixMatch) instead."),
  ENVOY_STREAM_IDLE_DEFAULT(
      Severity.WARNING,
      "Set BackendTrafficPolicy spec.timeout.http.streamIdleTimeout for the route (Envoy Gateway"
          + " v1.8 or newer), or ClientTrafficPolicy spec.timeout.http.streamIdleTimeout for the"
          + " Gateway's listener, to the silence the sockets must survive (0s: no limit)."),
  ENVOY_REQUEST_TIMEOUT(
      Severity.INFO,
      "Keep it if the handshake may take that long; set the idle time the sockets need with"
          + " BackendTrafficPolicy spec.timeout.http.streamIdleTimeout instead of relying on the"
          + " value Envoy Gateway derives."),
  ENVOY_MAX_STREAM_DURATION(
      Severity.WARNING,
      "Remove maxStreamDuration from the policy (BackendTrafficPolicy spec.timeout.http,"
          + " ClientTrafficPolicy spec.connection.connectionLimit), or set the WebSocket route's"
          + " BackendTrafficPolicy spec.timeout.http.maxStreamDuration to 0s, which disables it for"
          + " the route; or make sure clients reconnect."),
  ENVOY_UPGRADE_DISABLED(
      Severity.ERROR,
      "Remove spec.requestBuffer from the policy of the WebSocket route, or list type websocket in"
          + " its spec.httpUpgrade."),
  ENVOY_COOKIE_NO_TTL(
      Severity.WARNING,
      "Give consistentHash.cookie a ttl (0s for a session cookie) so that Envoy sets the cookie"
          + " on the first response.");

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
