package dev.wsingress.cli;

import dev.wsingress.Target;
import dev.wsingress.istio.Istio;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of {@code Istio} as flags. */
final class IstioFlags implements TargetFlags {
  @Option(
      names = "--istio-gateway-selector",
      paramLabel = "KEY=VALUE",
      description =
          "The label of the ingress gateway pods the rendered Gateway selects"
              + " (default: istio=ingressgateway).")
  String gatewaySelector;

  @Option(
      names = "--istio-gateway",
      paramLabel = "NAMESPACE/NAME",
      description =
          "Attach the VirtualService to this existing Gateway instead of rendering" + " one.")
  String gateway;

  @Option(
      names = "--istio-outlier-limits",
      paramLabel = "MAX_EJECT%,MIN_HEALTH%",
      description =
          "Bound outlier detection: eject at most MAX_EJECT%% of the pods, none while"
              + " fewer than MIN_HEALTH%% are healthy (Istio's defaults: 10,0).")
  String outlierLimits;

  @Override
  public String targetId() {
    return "istio";
  }

  @Override
  public List<String> given() {
    List<String> g = new ArrayList<>();
    TargetFlags.add(g, "--istio-gateway-selector", gatewaySelector);
    TargetFlags.add(g, "--istio-gateway", gateway);
    TargetFlags.add(g, "--istio-outlier-limits", outlierLimits);
    return g;
  }

  @Override
  public Target apply(Target target) {
    Istio t = (Istio) target;
    if (gatewaySelector != null) {
      int eq = gatewaySelector.indexOf('=');
      if (eq <= 0) {
        throw CliException.usage(
            "--istio-gateway-selector = "
                + dev.wsingress.SpecRules.show(gatewaySelector)
                + ": must be KEY=VALUE");
      }
      String key = gatewaySelector.substring(0, eq);
      String value = gatewaySelector.substring(eq + 1);
      t = TargetFlags.option("--istio-gateway-selector", t, x -> x.gatewaySelector(key, value));
    }
    if (gateway != null) {
      String[] g = TargetFlags.namespaced("--istio-gateway", gateway);
      t = TargetFlags.option("--istio-gateway", t, x -> x.gateway(g[0], g[1]));
    }
    if (outlierLimits != null) {
      String flag = "--istio-outlier-limits";
      String[] p = TargetFlags.parts(flag, outlierLimits, 2, "MAX_EJECT%,MIN_HEALTH%");
      int maxEject = TargetFlags.number(flag, p[0].replace("%", ""));
      int minHealth = TargetFlags.number(flag, p[1].replace("%", ""));
      t = TargetFlags.option(flag, t, x -> x.outlierLimits(maxEject, minHealth));
    }
    return t;
  }
}
