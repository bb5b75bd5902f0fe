package dev.wsingress.cli;

import dev.wsingress.Target;
import dev.wsingress.nginx.Nginx;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of {@code Nginx} as flags. */
final class NginxFlags implements TargetFlags {
  @Option(
      names = "--nginx-ingress-class",
      paramLabel = "NAME",
      description = "spec.ingressClassName of the Ingress (default: nginx).")
  String ingressClass;

  @Option(
      names = "--nginx-controller-config",
      paramLabel = "NAMESPACE/NAME",
      description =
          "The controller's ConfigMap (the one its --configmap names): its namespace is where"
              + " the controller runs (the platform NetworkPolicy admits it); no ConfigMap is"
              + " rendered without keys (NGINX-CONTROLLER-CONFIG-EMPTY).")
  String controllerConfig;

  @Option(
      names = "--nginx-controller-service-account",
      paramLabel = "NAMESPACE/NAME",
      description =
          "The controller's ServiceAccount, for meshes and NetworkPolicies (default: from the"
              + " controller ConfigMap, else ingress-nginx/ingress-nginx).")
  String controllerServiceAccount;

  @Option(
      names = "--nginx-backend-tls-verify-depth",
      paramLabel = "N",
      description =
          "proxy-ssl-verify-depth for HTTPS backends (default 1: the backend's certificate and"
              + " one intermediate CA).")
  String backendTlsVerifyDepth;

  @Option(
      names = "--nginx-raw-server-snippet",
      paramLabel = "TEXT",
      description =
          "Raw escape hatch: put TEXT into the server block (server-snippet); reported as"
              + " NGINX-RAW-SNIPPET.")
  String rawServerSnippet;

  @Override
  public String targetId() {
    return "nginx";
  }

  @Override
  public List<String> given() {
    List<String> g = new ArrayList<>();
    TargetFlags.add(g, "--nginx-ingress-class", ingressClass);
    TargetFlags.add(g, "--nginx-controller-config", controllerConfig);
    TargetFlags.add(g, "--nginx-controller-service-account", controllerServiceAccount);
    TargetFlags.add(g, "--nginx-backend-tls-verify-depth", backendTlsVerifyDepth);
    TargetFlags.add(g, "--nginx-raw-server-snippet", rawServerSnippet);
    return g;
  }

  @Override
  public Target apply(Target target) {
    Nginx t = (Nginx) target;
    if (ingressClass != null) {
      t = TargetFlags.option("--nginx-ingress-class", t, n -> n.ingressClass(ingressClass));
    }
    if (controllerConfig != null) {
      String[] c = TargetFlags.namespaced("--nginx-controller-config", controllerConfig);
      t = TargetFlags.option("--nginx-controller-config", t, n -> n.controllerConfig(c[0], c[1]));
    }
    if (controllerServiceAccount != null) {
      String[] a =
          TargetFlags.namespaced("--nginx-controller-service-account", controllerServiceAccount);
      t =
          TargetFlags.option(
              "--nginx-controller-service-account", t, n -> n.controllerServiceAccount(a[0], a[1]));
    }
    if (backendTlsVerifyDepth != null) {
      int depth = TargetFlags.number("--nginx-backend-tls-verify-depth", backendTlsVerifyDepth);
      t =
          TargetFlags.option(
              "--nginx-backend-tls-verify-depth", t, n -> n.backendTlsVerifyDepth(depth));
    }
    if (rawServerSnippet != null) {
      t =
          TargetFlags.option(
              "--nginx-raw-server-snippet", t, n -> n.rawServerSnippet(rawServerSnippet));
    }
    return t;
  }
}
