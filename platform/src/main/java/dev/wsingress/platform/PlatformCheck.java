package dev.wsingress.platform;

import dev.wsingress.FindingKind;
import dev.wsingress.Severity;

/**
 * The findings the platform kit's reader reports about the controller-neutral objects users write
 * (NetworkPolicy, HorizontalPodAutoscaler, PodDisruptionBudget, ServiceMonitor, cert-manager
 * issuers, Service affinity): codes in core's namespace, as the kit's rendering findings are.
 */
enum PlatformCheck implements FindingKind {
  NETWORK_POLICY_BLOCKS_INGRESS(
      Severity.ERROR,
      "Admit the app port from the ingress controller's namespace (namespaceSelector"
          + " kubernetes.io/metadata.name: <namespace>) in an ingress rule of the policy."),
  NETWORK_POLICY_NAME_LABEL(
      Severity.WARNING,
      "Select the namespace by kubernetes.io/metadata.name: <namespace>, the label Kubernetes"
          + " sets on every namespace."),
  NETWORK_POLICY_INGRESS_UNKNOWN(
      Severity.INFO, "Check that the policy admits the namespace where the gateway's proxy runs."),
  HPA_SCALE_DOWN(
      Severity.WARNING,
      "Give the autoscaler a behavior.scaleDown policy that removes a few pods per period (for"
          + " example Pods 1 per 60 s, or Percent 10), so sockets move a few at a time."),
  PDB_UNMANAGED_PODS(
      Severity.WARNING,
      "Select only pods a Deployment, StatefulSet, ReplicaSet or ReplicationController owns, or"
          + " use an integer minAvailable (the only form bare pods support)."),
  SERVICE_MONITOR_UNSELECTED(
      Severity.WARNING,
      "Label the ServiceMonitor (or place it) so that a Prometheus's serviceMonitorSelector and"
          + " serviceMonitorNamespaceSelector match it, such as release: <its Helm release>."),
  HTTP01_CLASS(
      Severity.ERROR,
      "Set the solver's http01.ingress.class (the kubernetes.io/ingress.class annotation) instead"
          + " of ingressClassName, or create the IngressClass the controller serves."),
  SERVICE_AFFINITY_IGNORED(
      Severity.WARNING,
      "Configure sticky sessions on the route's controller (its own cookie or client-IP"
          + " affinity); the Service's sessionAffinity keeps only in-cluster clients on one pod.");

  private final Severity severity;
  private final String hint;

  PlatformCheck(Severity severity, String hint) {
    this.severity = severity;
    this.hint = hint;
  }

  @Override
  public String prefix() {
    return "CORE";
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
