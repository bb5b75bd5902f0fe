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
      Severity.WARNING,
      "Give a burst (spec.rateLimit.burst; .burst(n) when rendering) of at least the number of"
          + " sockets one client may open at once."),
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
      "Upgrade Traefik to the release named, or drop the setting (when rendering, .version(...)"
          + " writes only what the release accepts)."),
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
          + " choice."),

  // The doctor's findings about manifests that were read (Traefik.read).
  API_REMOVED(
      Severity.ERROR,
      "Use apiVersion traefik.io/v1alpha1 (the same kinds and fields) with the traefik.io CRDs of"
          + " your Traefik v3 release, and networking.k8s.io/v1 for Ingresses."),
  ANNOTATION_UNKNOWN(
      Severity.ERROR,
      "Fix the key as Traefik's ingress.md lists it: one traefik.ingress.kubernetes.io/router.* or"
          + " service.* key that names no option makes Traefik skip the whole Ingress (or every"
          + " path to the Service)."),
  ANNOTATION_IGNORED(
      Severity.WARNING,
      "Put the setting where Traefik v3 reads it: router.* on the Ingress, service.* on the"
          + " backend Service, a Middleware for the rest; on an IngressRoute, its own fields."),
  ANNOTATION_VALUE(
      Severity.ERROR,
      "Write a quoted value Traefik parses: \"true\" or \"false\", a decimal integer, Path,"
          + " PathPrefix or PathRegexp."),
  STICKY_MIDDLEWARE(
      Severity.ERROR,
      "Stickiness is an option of the service, not a Middleware: set sticky.cookie on the"
          + " IngressRoute's service entry, or traefik.ingress.kubernetes.io/service.sticky.cookie:"
          + " \"true\" on the backend Service for an Ingress."),
  MIDDLEWARE_TYPE_UNKNOWN(
      Severity.ERROR,
      "Use one of the Middleware types of Traefik's CRD, spelled as the CRD spells it (addPrefix,"
          + " headers, rateLimit, inFlightReq, replacePathRegex, stripPrefix, ...)."),
  REFERENCE_NOT_IN_INPUT(
      Severity.INFO,
      "Check that the object exists where Traefik looks for it, or add it to the input to check"
          + " it too."),
  REFERENCE_PROVIDER(
      Severity.ERROR,
      "Name a Traefik CRD from an annotation with its provider: <namespace>-<name>@kubernetescrd"
          + " (or <name>@file for the file provider)."),
  CROSS_NAMESPACE(
      Severity.WARNING,
      "Move the object into the IngressRoute's namespace, or run Traefik with"
          + " providers.kubernetesCRD.allowCrossNamespace=true."),
  RULE_INVALID(
      Severity.ERROR,
      "Write the rule in Traefik v3's syntax: matchers such as Host(`a.example.com`) and"
          + " PathPrefix(`/ws`), one argument each, joined by && and ||."),
  RULE_V2_SYNTAX(
      Severity.WARNING,
      "Write the path or host as a v3 regex: PathRegexp(`^/products/[^/]+$`),"
          + " HostRegexp(`^[a-z0-9-]+\\.example\\.com$`)."),
  MIDDLEWARE_OPTION_REMOVED(
      Severity.WARNING,
      "Remove the option and use what Traefik v3 has instead: a redirectScheme Middleware for the"
          + " ssl* redirects, permissionsPolicy for featurePolicy."),
  TLS_PLAIN_ENTRYPOINT(
      Severity.WARNING,
      "Put the TLS router on the TLS entry point (websecure), and redirect the plain one to it with"
          + " a redirectScheme Middleware."),
  ENTRYPOINT_UNKNOWN(
      Severity.ERROR,
      "Name an entry point Traefik defines (--entryPoints.<name>.address), or define it."),
  ENTRYPOINT_TIMEOUT_RAISED(
      Severity.WARNING,
      "Leave respondingTimeouts at their defaults: Traefik puts no timeout on an upgraded"
          + " WebSocket, and the application's pings keep it open or close it."),
  TRANSPORT_TIMEOUT_NO_EFFECT(
      Severity.INFO,
      "Nothing keeps an open WebSocket from Traefik's side: leave these at their defaults, and let"
          + " the application's pings keep the socket open or close it."),
  INGRESS_PREFIX_CHARACTERS(
      Severity.INFO,
      "Write the path as pathType Exact /p plus Prefix /p/, or run Traefik v3.5 or newer with"
          + " providers.kubernetesIngress.strictPrefixMatching=true."),
  REWRITE_NOT_PREFIX(
      Severity.INFO,
      "Nothing to do for Traefik; a conversion to another controller carries only rewrites that"
          + " replace the matched prefix."),
  STICKY_HRW(
      Severity.WARNING,
      "Use either strategy: hrw (client-IP affinity) or the sticky cookie on this service entry."),
  WEIGHTED_STICKY(
      Severity.WARNING,
      "Set sticky.cookie on the TraefikService's child service entries too: the weighted cookie"
          + " pins a child service, a child's cookie pins a pod."),
  SERVICE_PORT_MISSING(
      Severity.ERROR, "Give the Kubernetes Service's port (number or name) on the service entry."),
  SCHEME_INVALID(
      Severity.ERROR,
      "Write scheme: http, https or h2c in lower case, or leave it out (https for Service port 443"
          + " or a port name starting with https, else http)."),
  HEALTH_CHECK_REFUSED(
      Severity.ERROR,
      "Remove healthCheck from a service entry of a Kubernetes Service with endpoints, and give"
          + " the pods a readiness probe: Traefik balances over Ready endpoints."),
  EXTERNAL_NAME(
      Severity.WARNING,
      "Run Traefik with allowExternalNameServices=true on the provider that reads the route, or"
          + " send the route to a Service with a selector."),
  IN_FLIGHT_BY_HOST(
      Severity.WARNING,
      "Add sourceCriterion: {ipStrategy: {}} to count each client address on its own."),
  INGRESS_NO_CLASS(
      Severity.INFO, "Set spec.ingressClassName to the name of Traefik's IngressClass."),
  SERVICE_ANNOTATIONS_UNREAD(
      Severity.WARNING,
      "Set these options on the IngressRoute's service entry (sticky.cookie, scheme,"
          + " serversTransport): the CRD provider reads no Service annotations.");

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
