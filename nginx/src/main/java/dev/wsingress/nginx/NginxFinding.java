package dev.wsingress.nginx;

import dev.wsingress.FindingKind;
import dev.wsingress.Severity;

/** The catalogue of ingress-nginx findings: stable codes, their severity and fixed hints. */
enum NginxFinding implements FindingKind {
  RETIRED(
      Severity.INFO,
      "Plan a move to the Gateway API (GatewayApi target) or another maintained controller;"
          + " ingress2gateway converts Ingresses but turns WebSocket read timeouts into hard"
          + " request timeouts, so review its output."),
  INGRESS_CLASS_AMBIGUOUS(
      Severity.INFO,
      "Check that the IngressClass's spec.controller is k8s.io/ingress-nginx, or set"
          + " .ingressClass(...) to the class your ingress-nginx installation owns."),
  CONNECT_TIMEOUT(
      Severity.ERROR,
      "Keep the connect timeout short (5 to 30 s): it only covers opening the TCP connection to"
          + " a pod. Use .timeout(...) for how long an idle socket stays open."),
  RATE_LIMIT_PER_REPLICA(
      Severity.WARNING,
      "Divide the intended limit by the number of controller replicas, or enforce it in the"
          + " application."),
  BURST_ROUNDED(Severity.INFO, "Give a burst that is a multiple of the rate to get it exactly."),
  CONNECTION_LIMIT(
      Severity.WARNING,
      "Size maxConnectionsPerClient for the sockets one client really holds (tabs, devices),"
          + " per controller replica."),
  CORS_HANDSHAKE(
      Severity.WARNING,
      "Check the Origin header of every WebSocket handshake in the application and refuse"
          + " unknown origins (RFC 6455 section 10.2; Cross-Site WebSocket Hijacking)."),
  SERVICE_AFFINITY_IGNORED(
      Severity.INFO,
      "Behind a cloud load balancer, enable PROXY protocol or use-forwarded-headers so that"
          + " $remote_addr is the client's address; otherwise every client hashes alike."),
  COOKIE_HTTPONLY(Severity.ERROR, "Leave httpOnly on; scripts do not need the affinity cookie."),
  COOKIE_SECURE(
      Severity.ERROR,
      "Leave secure unset (the cookie is Secure on HTTPS requests only) or set secure(true)."),
  HEADER_AFFINITY(
      Severity.WARNING,
      "Use header affinity only when every client sends the header (clients other than browsers);"
          + " for browsers use cookie affinity."),
  NO_ACTIVE_HEALTH_CHECK(
      Severity.WARNING,
      "Give the pods a readiness probe on the health path: the controller routes only to Ready"
          + " endpoints."),
  BACKEND_TLS_UNVERIFIED(
      Severity.ERROR,
      "Give the CA that signs the backend's certificate with .backendCaSecret(\"<secret>\")."),
  PATH_REFUSED(
      Severity.ERROR,
      "Use only letters, digits, '_', '-', '/' and '.' in Exact and Prefix paths."
          + " Nginx.ControllerConfig...strictValidatePathType(false) turns the check off, for"
          + " every Ingress of the controller."),
  PATH_WARNED(
      Severity.WARNING,
      "Use only letters, digits, '_', '-', '/' (and '.' from v1.12.6, v1.13.2 and v1.14) in"
          + " Exact and Prefix paths, so that the Ingress survives an upgrade or a stricter"
          + " ConfigMap."),
  RAW_SNIPPET(
      Severity.WARNING,
      "Prefer typed settings. If the snippet must stay, open the controller ConfigMap's snippet"
          + " gates knowingly: snippets were the vector of CVE-2021-25742, and configuration"
          + " injected into nginx.conf that of the 2025 IngressNightmare vulnerabilities"
          + " (CVE-2025-1974)."),
  CONFIGMAP_NAME(
      Severity.WARNING,
      "Check the controller's --configmap argument (kubectl -n <ns> get deploy -o yaml) and use"
          + " that namespace and name; with Helm, set controller.config instead."),
  CONTROLLER_WIDE(
      Severity.INFO,
      "Keep per-app values on the Ingress (wsingress always writes them there too)."),
  CONTROLLER_CONFIG_EMPTY(
      Severity.INFO,
      "Nothing to do; set controller-wide keys with Nginx.ControllerConfig.in(namespace, name)"
          + " if the controller needs them."),
  VERSION_GATED(
      Severity.INFO,
      "Check that the controller runs that release or newer, or render with"
          + " Nginx.target().version(...) for the release it runs."),
  VERSION_UNSUPPORTED(
      Severity.ERROR,
      "Upgrade the controller and render for its release with Nginx.target().version(...), or"
          + " leave the key out."),
  PLAIN_WS_REDIRECT(
      Severity.INFO,
      "Connect with wss://, or test plain ws:// before TLS is enabled; .tls(Tls.secret(...)"
          + ".redirect(false)) keeps ws:// working."),
  REQUEST_TIMEOUT_IDLE(
      Severity.INFO,
      "Nothing to do for requests answered in one piece; bound long streaming responses in the"
          + " application."),
  UPSTREAM_SHARED(
      Severity.INFO,
      "Send the plain route to a Service port of its own if the WebSocket routes' hash should not"
          + " balance it."),
  LIMIT_PER_INGRESS(
      Severity.WARNING,
      "Divide the intended limit by the number of WebSocket Ingresses, or rewrite in the"
          + " application so that the WebSocket routes share one Ingress."),
  REWRITE_REFUSED(
      Severity.ERROR,
      "Use only letters, digits, '-', '.', '_', '~', '/' and ':' in a rewritten route's path and"
          + " its rewrite, or render for the release the cluster runs if it predates v1.12."),
  REWRITE_REGEX_HOST(
      Severity.WARNING,
      "Check every other path of those hosts, on every Ingress: they are matched as"
          + " case-insensitive regular expressions too. To keep whole-segment matching there,"
          + " rewrite in the application or serve the rewritten routes on a host of their own.");

  private final Severity severity;
  private final String hint;

  NginxFinding(Severity severity, String hint) {
    this.severity = severity;
    this.hint = hint;
  }

  @Override
  public String prefix() {
    return "NGINX";
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
