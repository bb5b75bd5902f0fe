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
          "Also render the controller ConfigMap (the one its --configmap names), with the app's"
              + " timeouts as controller-wide defaults.")
  String controllerConfig;

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
    if (rawServerSnippet != null) {
      t =
          TargetFlags.option(
              "--nginx-raw-server-snippet", t, n -> n.rawServerSnippet(rawServerSnippet));
    }
    return t;
  }
}
