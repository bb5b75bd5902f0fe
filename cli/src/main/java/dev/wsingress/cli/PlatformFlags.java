package dev.wsingress.cli;

import dev.wsingress.Target;
import dev.wsingress.platform.Platform;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of {@code Platform} as flags. */
final class PlatformFlags implements TargetFlags {
  @Option(
      names = "--platform-port-name",
      paramLabel = "NAME",
      description =
          "The Service and container port name (default: http-ws; meshes read the"
              + " http prefix).")
  String portName;

  @Option(
      names = "--platform-ingress-from",
      paramLabel = "NAMESPACE",
      split = ",",
      description =
          "Let pods of these namespaces reach the app port through the NetworkPolicy"
              + " (a Gateway API implementation's namespace, for one).")
  List<String> ingressFrom;

  @Option(
      names = "--platform-monitoring-namespace",
      paramLabel = "NAMESPACE",
      description = "The namespace Prometheus scrapes from (default: monitoring).")
  String monitoringNamespace;

  @Option(
      names = "--platform-adapter-config",
      paramLabel = "NAMESPACE/NAME",
      description =
          "The prometheus-adapter ConfigMap that gets the websocket_connections rule"
              + " (default: custom-metrics/adapter-config).")
  String adapterConfig;

  @Option(
      names = "--platform-service-monitor-labels",
      paramLabel = "KEY=VALUE",
      split = ",",
      description =
          "Labels the ServiceMonitor needs for its Prometheus to select it (kube-prometheus-stack:"
              + " release=<release>).")
  java.util.Map<String, String> serviceMonitorLabels;

  @Override
  public String targetId() {
    return "platform";
  }

  @Override
  public List<String> given() {
    List<String> g = new ArrayList<>();
    TargetFlags.add(g, "--platform-port-name", portName);
    TargetFlags.add(g, "--platform-ingress-from", ingressFrom);
    TargetFlags.add(g, "--platform-monitoring-namespace", monitoringNamespace);
    TargetFlags.add(g, "--platform-adapter-config", adapterConfig);
    TargetFlags.add(g, "--platform-service-monitor-labels", serviceMonitorLabels);
    return g;
  }

  @Override
  public Target apply(Target target) {
    Platform t = (Platform) target;
    if (portName != null) {
      t = TargetFlags.option("--platform-port-name", t, x -> x.portName(portName));
    }
    if (ingressFrom != null) {
      String[] ns = ingressFrom.toArray(new String[0]);
      t = TargetFlags.option("--platform-ingress-from", t, x -> x.ingressFrom(ns));
    }
    if (monitoringNamespace != null) {
      t =
          TargetFlags.option(
              "--platform-monitoring-namespace",
              t,
              x -> x.monitoringNamespace(monitoringNamespace));
    }
    if (adapterConfig != null) {
      String[] c = TargetFlags.namespaced("--platform-adapter-config", adapterConfig);
      t = TargetFlags.option("--platform-adapter-config", t, x -> x.adapterConfig(c[0], c[1]));
    }
    if (serviceMonitorLabels != null) {
      java.util.Map<String, String> labels = new java.util.TreeMap<>(serviceMonitorLabels);
      t =
          TargetFlags.option(
              "--platform-service-monitor-labels", t, x -> x.serviceMonitorLabels(labels));
    }
    return t;
  }
}
