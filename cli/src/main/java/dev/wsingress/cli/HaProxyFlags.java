package dev.wsingress.cli;

import dev.wsingress.Target;
import dev.wsingress.haproxy.HaProxy;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of {@code HaProxy} as flags. */
final class HaProxyFlags implements TargetFlags {
  @Option(
      names = "--haproxy-ingress-class",
      paramLabel = "NAME",
      description = "spec.ingressClassName of the Ingress (default: haproxy).")
  String ingressClass;

  @Option(
      names = "--haproxy-controller-config",
      paramLabel = "NAMESPACE/NAME",
      description =
          "Also render the controller ConfigMap (the one its --configmap names) with"
              + " the ConfigMap-only settings (timeout-tunnel, timeout-connect).")
  String controllerConfig;

  @Option(
      names = "--haproxy-controller-service-account",
      paramLabel = "NAMESPACE/NAME",
      description =
          "The controller's ServiceAccount, for meshes and NetworkPolicies (default: named like"
              + " the controller ConfigMap, else haproxy-controller/haproxy-kubernetes-ingress).")
  String controllerServiceAccount;

  @Option(
      names = "--haproxy-backend-resource",
      description =
          "Render the backend settings as a Backend resource (ingress.v3.haproxy.org)"
              + " instead of annotations.")
  boolean backendResource;

  @Override
  public String targetId() {
    return "haproxy";
  }

  @Override
  public List<String> given() {
    List<String> g = new ArrayList<>();
    TargetFlags.add(g, "--haproxy-ingress-class", ingressClass);
    TargetFlags.add(g, "--haproxy-controller-config", controllerConfig);
    TargetFlags.add(g, "--haproxy-controller-service-account", controllerServiceAccount);
    TargetFlags.add(g, "--haproxy-backend-resource", backendResource);
    return g;
  }

  @Override
  public Target apply(Target target) {
    HaProxy t = (HaProxy) target;
    if (ingressClass != null) {
      t = TargetFlags.option("--haproxy-ingress-class", t, x -> x.ingressClass(ingressClass));
    }
    if (controllerConfig != null) {
      String[] c = TargetFlags.namespaced("--haproxy-controller-config", controllerConfig);
      t = TargetFlags.option("--haproxy-controller-config", t, x -> x.controllerConfig(c[0], c[1]));
    }
    if (controllerServiceAccount != null) {
      String[] a =
          TargetFlags.namespaced("--haproxy-controller-service-account", controllerServiceAccount);
      t =
          TargetFlags.option(
              "--haproxy-controller-service-account",
              t,
              x -> x.controllerServiceAccount(a[0], a[1]));
    }
    if (backendResource) {
      t = t.backendResource();
    }
    return t;
  }
}
