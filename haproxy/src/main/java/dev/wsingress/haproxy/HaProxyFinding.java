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
          + " Backend resource carries the cookie for the WebSocket routes only."),

  // --- the doctor: what haproxytech does with manifests (HaProxyReader) -------------------------

  TIME_UNITLESS(
      Severity.WARNING,
      "Write the unit, for example 3600s: haproxytech reads a time without one as milliseconds."),
  TIME_MILLISECONDS(
      Severity.INFO,
      "Nothing to do if milliseconds are meant; a unit (30s) makes the value plain to readers."),
  VALUE_NOT_STRING(
      Severity.ERROR,
      "Quote the value: annotation and ConfigMap values are strings, and the API server refuses"
          + " others."),
  VALUE_INVALID(
      Severity.WARNING,
      "Write a value the controller accepts (documentation/annotations.md lists them): it logs an"
          + " error and goes on without the setting."),
  CONFIGMAP_ONLY_KEY(
      Severity.WARNING,
      "Move it to the controller ConfigMap that --configmap names (Helm: controller.config); the"
          + " tunnel and connect timeouts of one backend go in a Backend resource (cr-backend)."),
  KEY_IGNORED_HERE(
      Severity.WARNING,
      "Move it to an object the controller reads it from (documentation/annotations.md,"
          + " \"Available on\")."),
  UNKNOWN_KEY(
      Severity.WARNING,
      "Fix the spelling or remove the key: haproxytech ignores keys it does not know."),
  KEY_TWICE(
      Severity.WARNING,
      "Keep one of them: haproxytech reads both as the same key and keeps either one."),
  FOREIGN_KEY_READ(
      Severity.WARNING,
      "Remove it, or write it as haproxy.org/<key> if it is meant for haproxytech: before 3.2 the"
          + " controller reads a key under any prefix."),
  FOREIGN_KEY_IGNORED(
      Severity.INFO, "Write it as haproxy.org/<key> if it is meant for haproxytech."),
  CLASS_ANNOTATION(
      Severity.INFO,
      "Set spec.ingressClassName instead: the annotation is deprecated and 3.2 no longer reads"
          + " it."),
  CLASS_ANNOTATION_IGNORED(
      Severity.WARNING,
      "Set spec.ingressClassName to the class of an IngressClass whose controller is"
          + " haproxy.org/ingress-controller/<class> (Helm: haproxy)."),
  NO_CLASS(
      Severity.INFO,
      "Set spec.ingressClassName, or check that the controller runs with --empty-ingress-class."),
  CLASS_ASSUMED(
      Severity.INFO,
      "Check that the IngressClass names the controller haproxy.org/ingress-controller/<class>."),
  CONFIGMAP_READ(
      Severity.INFO,
      "Check that the controller's --configmap names this ConfigMap (the Helm chart:"
          + " <namespace>/<release fullname>)."),
  COOKIE_ON_INGRESS(
      Severity.INFO,
      "Move cookie-persistence to the Service (or the ConfigMap): on an Ingress it is deprecated"
          + " and reaches the backend of every Service the Ingress routes to."),
  REDIRECT_PORT(
      Severity.WARNING,
      "Set haproxy.org/ssl-redirect-port: \"443\" (the port clients reach HTTPS on), on the"
          + " Ingress or in the controller ConfigMap."),
  CORS_ORIGIN_UNANCHORED(
      Severity.WARNING,
      "Escape and anchor the origin: ^https://app\\.example\\.com$ (several: ^(a|b)$)."),
  SERVER_CA_MISSING_CRT(
      Severity.WARNING,
      "Put the CA certificate under the tls.crt key of that Secret: haproxytech reads no other"
          + " key."),
  TUNNEL_TIMEOUT_SHORT(
      Severity.WARNING,
      "Raise timeout-tunnel in the controller ConfigMap, or tunnel_timeout in a Backend resource:"
          + " it closes an upgraded WebSocket that is idle that long."),
  SERVER_TIMEOUT_NOT_IDLE(
      Severity.WARNING,
      "Set timeout-tunnel (ConfigMap) or tunnel_timeout (Backend resource) instead: once a"
          + " connection is upgraded, the tunnel timeout supersedes timeout-server."),
  BACKEND_RESOURCE_MISSING(
      Severity.INFO,
      "Nothing to do if the Backend exists in the cluster; without it the controller uses the"
          + " backend annotations."),
  BACKEND_V1_DEPRECATED(
      Severity.INFO, "Move to ingress.v3.haproxy.org/v3 (spec without config), read from 3.2."),
  ANNOTATIONS_IGNORED_BY_CR(
      Severity.WARNING,
      "Put the setting in the Backend resource: where cr-backend selects one, the controller"
          + " ignores the backend annotations."),
  BACKEND_SHARED(
      Severity.WARNING,
      "Give these Ingresses the same backend settings, or mark one standalone-backend: \"true\" so"
          + " that it gets a backend section of its own."),
  PATH_CHARACTER_PREFIX(Severity.INFO, "Use pathType Prefix to match whole path segments only.");

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
