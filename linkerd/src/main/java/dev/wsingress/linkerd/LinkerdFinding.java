package dev.wsingress.linkerd;

import dev.wsingress.FindingKind;
import dev.wsingress.Severity;

/** The catalogue of Linkerd findings: stable codes, severities and fixed hints. */
enum LinkerdFinding implements FindingKind {
  DENY_BY_DEFAULT(
      Severity.INFO,
      "Add every other client with .allowFrom(...) or .allowNetwork(...) before applying."),
  INGRESS_ACCOUNT(
      Severity.WARNING,
      "Mesh the controller's pods as described before applying; if it runs under another"
          + " ServiceAccount, name that with .allowFrom(...)."),
  NO_CLIENTS(
      Severity.ERROR,
      "Name the clients with .allowFrom(Linkerd.serviceAccount(namespace, name)) or"
          + " .allowNetwork(cidr), or render with the ingress target that calls the app."),
  APP_PROTOCOL_OPAQUE(
      Severity.ERROR,
      "Give the port appProtocol http (or none), or the Server proxyProtocol unknown; when"
          + " rendering, render Linkerd and the Gateway API target for different Services."),
  VERSION_GATED(
      Severity.INFO,
      "Render with .version(...) for the Linkerd release the cluster runs; releases before 2.16"
          + " are not supported."),
  POD_ANNOTATIONS(
      Severity.WARNING,
      "Apply the patch to the app's Deployment (or annotate the namespace); annotations on a"
          + " Service do nothing."),
  TIMEOUTS(
      Severity.INFO,
      "Keep pings under the idle limits of the edge proxy; Linkerd adds none by default."),
  BACKENDS_NOT_COVERED(
      Severity.WARNING,
      "Render each of those backends as an app of its own with Linkerd (and the platform kit for"
          + " its Deployment), or mesh, hold and authorize its pods as this app's are."),
  AUDIT(
      Severity.WARNING,
      "Switch to AccessPolicy.DENY once the audit logs show only the expected clients."),
  DEPRECATED_VERSION(
      Severity.WARNING,
      "Use policy.linkerd.io/v1beta3 for a Server (v1beta1 for a ServerAuthorization); the fields"
          + " are the same, and v1beta3 adds accessPolicy."),
  SERVER_AUTHORIZATION(
      Severity.INFO,
      "Prefer an AuthorizationPolicy with a MeshTLSAuthentication or NetworkAuthentication; it can"
          + " also target HTTPRoutes."),
  FIELD_PRUNED(
      Severity.ERROR,
      "Move the Server to policy.linkerd.io/v1beta3 (Linkerd 2.16 or newer), or authorize the"
          + " clients with an AuthorizationPolicy."),
  POLICY_REFUSED(
      Severity.ERROR,
      "Use a value the policy controller accepts (see the message); kubectl apply fails until"
          + " then."),
  REF_NOT_IN_INPUT(
      Severity.INFO, "Check the policy together with the objects it names, or ignore the code."),
  INGRESS_LOCKED_OUT(
      Severity.ERROR,
      "Authorize the ingress controller's ServiceAccount (AuthorizationPolicy with a"
          + " MeshTLSAuthentication, and mesh the controller, keeping the app's port out of"
          + " its config.linkerd.io/skip-outbound-ports), or its network with a"
          + " NetworkAuthentication, or set the Server's accessPolicy."),
  INGRESS_UNKNOWN(
      Severity.INFO,
      "Check that the controller's identity or address is authorized, or add its workload and"
          + " the named objects to the input."),
  PROXY_PROTOCOL_TLS(
      Severity.ERROR,
      "Declare proxyProtocol TLS (or opaque, or leave it unknown) for a port that receives TLS."),
  PROXY_PROTOCOL_H2(
      Severity.ERROR, "Declare proxyProtocol HTTP/1 (or leave it unknown) for a WebSocket port."),
  OPAQUE_HTTP_POLICY(
      Severity.WARNING,
      "Declare proxyProtocol HTTP/1 (or unknown) so the HTTP policy applies, or authorize the"
          + " clients on the Server itself."),
  PROXY_PORT_BLOCKED(
      Severity.ERROR,
      "Admit TCP 4143 (the proxy's inbound port) wherever the app port is admitted."),
  PROXY_EXITS_FIRST(
      Severity.WARNING,
      "Set config.alpha.linkerd.io/proxy-wait-before-exit-seconds on the pod template to the"
          + " drain plus the time to close the sockets (below terminationGracePeriodSeconds), or"
          + " run the proxy as a native sidecar."),
  INJECT_VALUE(
      Severity.WARNING,
      "Use linkerd.io/inject: enabled (or ingress, or disabled); any other value leaves the pods"
          + " without a proxy."),
  ANNOTATION_IGNORED(
      Severity.WARNING,
      "Put Linkerd's annotations on the pod template (spec.template.metadata.annotations) or on"
          + " the Namespace."),
  IDENTITY_FORM(
      Severity.WARNING,
      "Name the client by serviceAccounts, or by its Linkerd identity"
          + " (<sa>.<ns>.serviceaccount.identity.linkerd.cluster.local)."),
  ANNOTATION_UNKNOWN(
      Severity.WARNING,
      "Use one of Linkerd's config annotations (see the message), spelled as"
          + " Linkerd defines it.");

  private final Severity severity;
  private final String hint;

  LinkerdFinding(Severity severity, String hint) {
    this.severity = severity;
    this.hint = hint;
  }

  @Override
  public String prefix() {
    return "LINKERD";
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
