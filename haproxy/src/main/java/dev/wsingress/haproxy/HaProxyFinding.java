package dev.wsingress.haproxy;

import dev.wsingress.FindingKind;
import dev.wsingress.Severity;

/** The catalogue of HAProxy findings: stable codes, severities and fixed hints. */
enum HaProxyFinding implements FindingKind {
  CONFIGMAP_ONLY(
      Severity.WARNING,
      "Set them in the controller ConfigMap: .controllerConfig(namespace, name), or with Helm"
          + " controller.config (the chart passes --configmap=<namespace>/<release fullname>)."),
  TUNNEL_DEFAULT(
      Severity.INFO, "Nothing to do: haproxytech's timeout-tunnel default is already 1h."),
  CONFIGMAP_NAME(
      Severity.WARNING,
      "Check the controller's --configmap argument and use that namespace and name; with Helm,"
          + " set controller.config instead."),
  CONTROLLER_WIDE(
      Severity.INFO,
      "Keep per-app settings on the Ingress, Service or Backend resource where haproxytech"
          + " reads them; use the ConfigMap for what is ConfigMap-only."),
  RATE_LIMIT(
      Severity.WARNING,
      "Divide the intended limit by the number of controller replicas, or enforce it in the"
          + " application."),
  RATE_LIMIT_BURST(
      Severity.INFO, "Raise the rate or the period to allow bursts; haproxytech has no burst."),
  MAX_CONNECTIONS(
      Severity.ERROR,
      "Limit per client in the application; pod-maxconn caps all clients of a pod together."),
  COOKIE_ATTRIBUTES(
      Severity.WARNING,
      "Use .backendResource(): the Backend CR's cookie takes secure, httponly and attributes."),
  CORS_HANDSHAKE(
      Severity.WARNING,
      "Check the Origin header of every WebSocket handshake in the application (RFC 6455"
          + " section 10.2)."),
  CORS_EXPOSE_HEADERS(
      Severity.WARNING, "Set Access-Control-Expose-Headers in the application's responses."),
  HEALTH_RISE_FALL(
      Severity.WARNING,
      "Use .backendResource(): the Backend CR's default_server takes rise and fall."),
  SERVER_CA_KEY(
      Severity.WARNING,
      "Put the CA certificate under both keys of that Secret: tls.crt for haproxytech, ca.crt as"
          + " the spec describes it (ingress-nginx reads such a Secret without tls.key as"
          + " CA-only)."),
  BACKEND_TLS_NAME(
      Severity.WARNING,
      "Sign the backend's certificate with a CA that signs nothing else, since HAProxy accepts any"
          + " certificate from it."),
  BACKEND_TLS(
      Severity.ERROR,
      "Give the CA with .backendCaSecret(\"<secret>\"), in annotation mode (a Backend CR names"
          + " a CA file inside the controller pod, not a Secret)."),
  BUFFERING(Severity.WARNING, "Leave buffering off: HAProxy streams WebSockets."),
  SERVICE_ANNOTATIONS(
      Severity.WARNING,
      "Add the annotations to your Service, or render with Platform.target() too."),
  CLIENT_ADDRESS(
      Severity.INFO,
      "Behind a cloud load balancer, enable PROXY protocol on it and list its addresses in the"
          + " controller ConfigMap's proxy-protocol, or, with a load balancer that passes client"
          + " addresses through, set externalTrafficPolicy: Local on the controller's Service."),
  VERSION_GATED(
      Severity.INFO,
      "Check that the controller runs that release or newer, or render with"
          + " HaProxy.target().version(...) for the release it runs."),
  PLAIN_WS_REDIRECT(
      Severity.INFO,
      "Connect with wss://, or keep ws:// working with .tls(Tls.secret(...).redirect(false))."),
  REQUEST_TIMEOUT_IDLE(
      Severity.INFO,
      "Nothing to do for requests answered in one piece; bound long streaming responses in the"
          + " application."),
  STANDALONE_BACKEND(
      Severity.INFO,
      "Nothing to do; send the route to a Service of its own to share the backend section again."),
  COOKIE_OTHER_SERVICE(
      Severity.WARNING,
      "Add the annotation to that Service, or render with .backendResource(): the Backend"
          + " resource carries the cookie for the WebSocket routes' backends."),
  COOKIE_PLAIN_ROUTE(
      Severity.WARNING,
      "Send plain routes to a Service of their own, or render with .backendResource(): the"
          + " Backend resource carries the cookie for the WebSocket routes only.");

  private final Severity severity;
  private final String hint;

  HaProxyFinding(Severity severity, String hint) {
    this.severity = severity;
    this.hint = hint;
  }

  @Override
  public String prefix() {
    return "HAPROXY";
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
