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
      "Render Linkerd and the Gateway API target for different Services, or drop one: Linkerd"
          + " needs appProtocol http (or none) on the port."),
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
      "Switch to AccessPolicy.DENY once the audit logs show only the expected clients.");

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
