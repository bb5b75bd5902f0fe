package dev.wsingress.platform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsingress.Manifest;
import dev.wsingress.Manifests;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The platform target as an app's Service and the kit's objects beside it configure it: the port's
 * name, the namespaces the NetworkPolicy admits to the app port ({@link Platform#ingressFrom}) and
 * to the metrics port ({@link Platform#monitoringNamespace}), the prometheus-adapter ConfigMap, and
 * the ServiceMonitor's labels beyond the app's. The converter (issue 16) renders with what this
 * returns; the app's workload comes from {@link WorkloadReader}.
 */
final class ConfiguredPlatform {
  private ConfiguredPlatform() {}

  static Platform from(Manifests in, Manifest service) {
    return from(in, new ReadIndex(in), service);
  }

  static Platform from(Manifests in, ReadIndex index, Manifest service) {
    Platform out = Platform.target();
    JsonNode ports = service.tree().path("spec").path("ports");
    String name = ports.path(0).path("name").asText("");
    if (!name.isEmpty() && !name.equals(Platform.DEFAULT_PORT_NAME)) {
      out = out.portName(name);
    }
    Integer metrics = null;
    for (JsonNode p : ports) {
      if (p.path("name").asText().equals(Platform.METRICS_PORT_NAME)) {
        metrics = p.path("port").asInt();
      }
    }
    // The writer's NetworkPolicy selects the Service's pods and restricts egress too (the
    // wscat policy, also over these pods, only ingress).
    Manifest policy = null;
    // (the policies whose podSelector.matchLabels equals the Service's selector, from the index)
    for (Manifest p : index.policiesSelecting(service.tree().path("spec").path("selector"))) {
      JsonNode spec = p.tree().path("spec");
      if (Manifests.sameNamespace(p.namespace(), service.namespace()) && restrictsEgress(spec)) {
        policy = p;
      }
    }
    if (policy != null) {
      JsonNode rules = policy.tree().path("spec").path("ingress");
      for (int i = 0; rules.isArray() && i < rules.size(); i++) {
        JsonNode rule = rules.get(i);
        int first = rule.path("ports").path(0).path("port").asInt();
        for (JsonNode peer : rule.path("from")) {
          JsonNode ns =
              peer.path("namespaceSelector").path("matchLabels").get("kubernetes.io/metadata.name");
          if (ns == null) {
            continue;
          }
          if (i == 0) {
            out = out.ingressFrom(ns.asText());
          } else if (metrics != null && first == metrics) {
            if (!ns.asText().equals(Platform.DEFAULT_MONITORING_NAMESPACE)) {
              out = out.monitoringNamespace(ns.asText());
            }
          }
        }
      }
    }
    for (Manifest cm : index.adapterConfigs) {
      if (!cm.namespace().equals("custom-metrics") || !cm.name().equals("adapter-config")) {
        out = out.adapterConfig(cm.namespace(), cm.name());
      }
    }
    Manifest monitor =
        in.find("monitoring.coreos.com", "ServiceMonitor", service.namespace(), service.name())
            .orElse(null);
    if (monitor == null) {
      // The writer names the ServiceMonitor after the app, the Service after its own name.
      for (Manifest sm : index.monitorsSelecting(service.tree().path("spec").path("selector"))) {
        if (Manifests.sameNamespace(sm.namespace(), service.namespace())) {
          monitor = sm;
        }
      }
    }
    if (monitor != null) {
      Map<String, String> extra = new TreeMap<>();
      JsonNode own = service.tree().path("metadata").path("labels");
      Iterator<Map.Entry<String, JsonNode>> it =
          monitor.tree().path("metadata").path("labels").properties().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().asText().equals(own.path(e.getKey()).asText(null))) {
          extra.put(e.getKey(), e.getValue().asText());
        }
      }
      if (!extra.isEmpty()) {
        out = out.serviceMonitorLabels(extra);
      }
    }
    return out;
  }

  /**
   * Whether {@code policyTypes} lists Egress. Read item by item: the tree's {@code toString()}
   * would start a Jackson mapper (tens of milliseconds on a cold JVM) for one comparison.
   */
  private static boolean restrictsEgress(JsonNode spec) {
    for (JsonNode type : spec.path("policyTypes")) {
      if ("Egress".equals(type.textValue())) {
        return true;
      }
    }
    return false;
  }
}
