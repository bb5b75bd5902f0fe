package dev.wsingress.platform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsingress.Contributions;
import dev.wsingress.Manifest;
import dev.wsingress.Manifests;
import dev.wsingress.Workload;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/**
 * A Deployment, its autoscaler and its NetworkPolicy read back into the {@link Workload} that
 * renders them: the same fields, names and defaults the writer uses ({@code Platform.deployment},
 * {@code autoscaler}, {@code networkPolicy}). What other targets add (mesh control planes, a mesh
 * proxy's inbound port on egress rules, pod-template annotations) is theirs: the caller passes
 * their {@link Contributions}, and they are left out.
 */
final class WorkloadReader {
  private WorkloadReader() {}

  /**
   * The workload of the app whose Service port is {@code servicePort} and whose port is named
   * {@code portName}, from its Deployment.
   */
  static Workload read(
      Manifests in,
      Manifest deployment,
      int servicePort,
      String portName,
      List<Contributions> others) {
    return read(in, new ReadIndex(in), deployment, servicePort, portName, others);
  }

  /** {@link #read(Manifests, Manifest, int, String, List)} with the read's index. */
  static Workload read(
      Manifests in,
      ReadIndex index,
      Manifest deployment,
      int servicePort,
      String portName,
      List<Contributions> others) {
    return egress(in, deployment, pods(in, index, deployment, servicePort, portName), others);
  }

  /**
   * The workload without its egress: the Deployment and its autoscaler; {@code portName} null reads
   * no container port (the caller takes it from the Service's targetPort).
   */
  static Workload pods(
      Manifests in, ReadIndex index, Manifest deployment, int servicePort, String portName) {
    JsonNode spec = deployment.podTemplate().orElseThrow().path("spec");
    JsonNode app = spec.path("containers").path(0);
    Workload w = Workload.image(app.path("image").asText());
    for (JsonNode p : app.path("ports")) {
      String name = p.path("name").asText("");
      int port = p.path("containerPort").asInt();
      if (name.equals(Platform.METRICS_PORT_NAME)) {
        w = w.metricsPort(port);
      } else if (portName != null && name.equals(portName) && port != servicePort) {
        w = w.containerPort(port);
      }
    }
    for (JsonNode e : app.path("env")) {
      if (!e.path("value").isTextual()) {
        continue; // valueFrom: not a value the spec holds (Unmodelled reports it)
      }
      String name = e.path("name").asText();
      String value = e.path("value").asText();
      if (name.equals("MAX_CONNECTIONS") && value.matches("[0-9]{1,9}")) {
        w = w.maxConnections(Integer.parseInt(value));
      } else if (name.equals("PING_INTERVAL") && value.matches("[0-9]{1,12}")) {
        w = w.pingInterval(Duration.ofMillis(Long.parseLong(value)));
      } else {
        w = w.env(name, value);
      }
    }
    JsonNode requests = app.path("resources").path("requests");
    JsonNode limits = app.path("resources").path("limits");
    if (requests.has("cpu")
        && requests.has("memory")
        && limits.has("cpu")
        && limits.has("memory")) {
      w =
          w.resources(
              requests.path("cpu").asText(),
              requests.path("memory").asText(),
              limits.path("cpu").asText(),
              limits.path("memory").asText());
    }
    OptionalInt drain = deployment.preStopSleepSeconds();
    if (drain.isPresent()) {
      w = w.drainTime(Duration.ofSeconds(drain.getAsInt()));
    }
    JsonNode replicas = deployment.tree().path("spec").path("replicas");
    if (replicas.isIntegralNumber()) {
      w = w.replicas(replicas.asInt());
    }
    for (Manifest hpa : index.autoscalersOf("Deployment", deployment.name())) {
      JsonNode h = hpa.tree().path("spec");
      if (!Manifests.sameNamespace(hpa.namespace(), deployment.namespace())) {
        continue;
      }
      w = w.autoscale(h.path("minReplicas").asInt(1), h.path("maxReplicas").asInt());
      for (JsonNode m : h.path("metrics")) {
        JsonNode pods = m.path("pods");
        int perPod = wholeQuantity(pods.path("target").path("averageValue"));
        if (pods.path("metric").path("name").asText().equals("websocket_connections")
            && perPod > 0) {
          w = w.connectionsPerPod(perPod);
        }
      }
    }
    return w;
  }

  /**
   * A Kubernetes quantity that is a whole positive number up to {@link Integer#MAX_VALUE}, or -1: a
   * YAML integer, or text of digits with a decimal ({@code k}, {@code M}, {@code G}), binary
   * ({@code Ki}, {@code Mi}, {@code Gi}) or milli ({@code m}) suffix (k8s.io/apimachinery v0.34.0
   * pkg/api/resource/quantity.go: {@code <quantity> ::= <signedNumber><suffix>}, so an HPA's {@code
   * averageValue: 1k} is 1000 and {@code 1500m} is 1.5, no whole number of connections).
   */
  static int wholeQuantity(JsonNode q) {
    if (q.isIntegralNumber()) {
      return q.canConvertToInt() && q.asInt() > 0 ? q.asInt() : -1;
    }
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("([0-9]{1,12})(|k|M|G|Ki|Mi|Gi|m)").matcher(q.asText(""));
    if (!q.isTextual() || !m.matches()) {
      return -1;
    }
    long n = Long.parseLong(m.group(1));
    long v =
        switch (m.group(2)) {
          case "k" -> n * 1_000L;
          case "M" -> n * 1_000_000L;
          case "G" -> n * 1_000_000_000L;
          case "Ki" -> n << 10;
          case "Mi" -> n << 20;
          case "Gi" -> n << 30;
          case "m" -> n % 1000 == 0 ? n / 1000 : -1;
          default -> n;
        };
    return v > 0 && v <= Integer.MAX_VALUE ? (int) v : -1;
  }

  /**
   * The declared dependencies: every egress rule of the app's NetworkPolicy but DNS (the writer's
   * first rule) and the control planes other targets contribute, its first port the dependency's
   * (the others are mesh inbound ports, {@link Contributions#meshInboundPorts}).
   */
  private static Workload egress(
      Manifests in, Manifest deployment, Workload w, List<Contributions> others) {
    Manifest policy =
        in.find("networking.k8s.io", "NetworkPolicy", deployment.namespace(), deployment.name())
            .orElse(null);
    if (policy == null) {
      return w;
    }
    JsonNode rules = policy.tree().path("spec").path("egress");
    for (int i = 1; rules.isArray() && i < rules.size(); i++) {
      JsonNode rule = rules.get(i);
      JsonNode peer = rule.path("to").path(0);
      int port = rule.path("ports").path(0).path("port").asInt();
      JsonNode ns =
          peer.path("namespaceSelector").path("matchLabels").get("kubernetes.io/metadata.name");
      if (ns != null && controlPlane(ns.asText(), rule.path("ports"), others)) {
        continue;
      }
      if (ns != null) {
        w = w.egressToNamespace(ns.asText(), port);
      } else {
        JsonNode labels = peer.path("podSelector").path("matchLabels");
        if (labels.size() == 1) {
          var e = labels.properties().iterator().next();
          w = w.egressTo(e.getKey(), e.getValue().asText(), port);
        }
      }
    }
    return w;
  }

  private static boolean controlPlane(
      String namespace, JsonNode ports, List<Contributions> others) {
    for (Contributions c : others) {
      for (Contributions.ControlPlane plane : c.controlPlanes()) {
        if (!plane.namespace().equals(namespace) || plane.ports().size() != ports.size()) {
          continue;
        }
        boolean same = true;
        for (int i = 0; ports.isArray() && i < ports.size(); i++) {
          same &= ports.get(i).path("port").asInt() == plane.ports().get(i);
        }
        if (same) {
          return true;
        }
      }
    }
    return false;
  }
}
