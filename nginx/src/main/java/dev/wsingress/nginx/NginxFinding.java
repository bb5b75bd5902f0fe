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
  VALUE_NOT_ACCEPTED(
      Severity.ERROR,
      "Use a value ingress-nginx's validator accepts (cookie names and paths of letters, digits"
          + " and - . _ ~ / :, header names of letters, digits, - and _), or render for the release"
          + " the cluster runs if it predates v1.12."),
  REWRITE_REGEX_HOST(
      Severity.WARNING,
      "Check every other path of those hosts, on every Ingress: they are matched as"
          + " case-insensitive regular expressions too. To keep whole-segment matching there,"
          + " rewrite in the application or serve the rewritten routes on a host of their own."),
  // ---- reading (the doctor and the converter) ----
  ANNOTATION_UNKNOWN(
      Severity.WARNING,
      "Correct the key to one that ingress-nginx reads (docs/user-guide/nginx-configuration/"
          + "annotations.md), or remove it: ingress-nginx ignores annotations it does not know."),
  ANNOTATION_REMOVED(
      Severity.WARNING,
      "Replace it with what the message names, or remove it: ingress-nginx no longer reads it."),
  F5_ANNOTATION(
      Severity.WARNING,
      "Use the nginx.ingress.kubernetes.io/ key ingress-nginx reads for it, or give the Ingress an"
          + " IngressClass whose spec.controller is nginx.org/ingress-controller if F5 NGINX"
          + " Ingress Controller should serve it."),
  KEYS_ON_F5(
      Severity.WARNING,
      "Use F5 NGINX Ingress Controller's nginx.org/ keys (docs.nginx.com ingress-controller"
          + " advanced annotations), or serve the Ingress with ingress-nginx."),
  NOT_A_STRING(
      Severity.ERROR,
      "Quote the value (\"3600\", \"true\"): annotation values and ConfigMap data are strings,"
          + " and the API server refuses the object otherwise."),
  VALUE_IGNORED(
      Severity.WARNING,
      "Write the value the controller accepts (timeouts are integer seconds without a unit,"
          + " booleans true or false)."),
  VALUE_REFUSED(
      Severity.ERROR,
      "Write a value the annotation's validator accepts; until then none of this Ingress's paths"
          + " is served (and the admission webhook refuses it)."),
  VALUE_DENIED(
      Severity.ERROR, "Correct the value: until then every path of this Ingress answers 503."),
  VALUE_DROPPED(
      Severity.WARNING,
      "Correct the value: until then none of that feature's annotations applies."),
  WORD_BLOCKED(
      Severity.ERROR,
      "Remove the word from the annotation's value, or from annotation-value-word-blocklist"
          + " knowingly; until then none of this Ingress's paths is served."),
  ANNOTATION_RISK(
      Severity.ERROR,
      "Remove the annotation, or raise annotations-risk-level in the controller ConfigMap"
          + " knowingly; until then the Ingress is refused."),
  CONNECT_TIMEOUT_LONG(
      Severity.WARNING,
      "Keep proxy-connect-timeout short (5 to 30 s): it only covers opening the TCP connection to"
          + " a pod. proxy-read-timeout is what keeps an idle WebSocket open."),
  HASH_CONSTANT(
      Severity.WARNING,
      "Hash an nginx variable such as $remote_addr or $http_x_session_id (with the $), or use"
          + " affinity: cookie."),
  HASH_WITH_COOKIE(
      Severity.WARNING, "Keep one of the two: cookie affinity for browsers, or upstream-hash-by."),
  REWRITE_NO_CAPTURE(
      Severity.WARNING,
      "Capture the rest of the path and use it: path /api(/|$)(.*) with rewrite-target /$2, and"
          + " use-regex: \"true\"."),
  WS_TIMEOUT_DEFAULT(
      Severity.WARNING,
      "Set nginx.ingress.kubernetes.io/proxy-read-timeout (and proxy-send-timeout) to the"
          + " longest silence the sockets must survive, in integer seconds (\"3600\"), or send"
          + " pings more often than every 60 s."),
  UPGRADE_BLOCKED(
      Severity.ERROR,
      "Remove the annotation: ingress-nginx forwards the WebSocket upgrade on every location by"
          + " itself (HTTP/1.1 with Connection: upgrade)."),
  CLASS_ANNOTATION(
      Severity.INFO,
      "Set spec.ingressClassName instead of the kubernetes.io/ingress.class annotation."),
  CLASS_CONFLICT(
      Severity.ERROR,
      "Keep spec.ingressClassName and remove the kubernetes.io/ingress.class annotation."),
  CLASS_ASSUMED(
      Severity.INFO,
      "Set spec.ingressClassName to the class of your ingress-nginx installation, so that no"
          + " other controller takes the Ingress and the result does not depend on cluster"
          + " defaults."),
  HOST_IP(
      Severity.ERROR,
      "Use a DNS name as the host, or leave the host out to serve every host name; an IP address"
          + " is not a valid Ingress host."),
  API_REMOVED(
      Severity.ERROR,
      "Write the Ingress as networking.k8s.io/v1: spec.rules[].http.paths[].pathType and"
          + " backend.service.name/port."),
  COOKIE_SECURE_FALSE(
      Severity.INFO,
      "Remove session-cookie-secure: \"false\": the cookie is Secure on HTTPS requests and not on"
          + " plain HTTP ones whatever it says."),
  CONFIGMAP_ASSUMED(
      Severity.INFO,
      "Check the controller's --configmap argument (kubectl -n <ns> get deploy -o yaml); put the"
          + " controller Deployment in the input to settle it."),
  CONFIGMAP_VALUE(
      Severity.WARNING,
      "Write the value the key's type takes (integer seconds, true or false, on or off)."),
  CONFIGMAP_KEY_UNREAD(
      Severity.WARNING,
      "Set the annotation the message names on each Ingress instead, and remove the key from the"
          + " ConfigMap."),
  CONTROLLER_FOUND(
      Severity.INFO, "Nothing to do: this is what the reader knows of the controller."),
  UPSTREAM_AFFINITY_SHARED(
      Severity.WARNING,
      "Give every Ingress that routes to the Service port the same affinity annotations"
          + " (affinity and session-cookie-*, or upstream-hash-by), or route to a Service port of"
          + " its own."),
  PATH_SHADOWED(
      Severity.WARNING,
      "Keep each path of a host on one Ingress: remove it here, or from the older Ingress if this"
          + " backend should serve it."),
  PATH_REGEX_UNREAD(
      Severity.INFO,
      "Check the route by hand: wsingress matches requests with Java regular expressions, which"
          + " read this PCRE differently.");

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
