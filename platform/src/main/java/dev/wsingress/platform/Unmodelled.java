package dev.wsingress.platform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsingress.AcmeIssuer;
import dev.wsingress.HealthCheck;
import dev.wsingress.Manifest;
import dev.wsingress.Manifests;
import dev.wsingress.Reading;
import dev.wsingress.Workload;
import java.util.Iterator;
import java.util.Set;

/**
 * What hand-written platform objects set that the spec cannot hold, reported for the converter
 * ({@link Reading#notCarried}, {@code CORE-IMPORT-NOT-CARRIED}) with the field's file and line: the
 * platform kit renders these objects from the spec alone, so every field here that differs from
 * what it renders is lost in a conversion. Objects wsingress rendered are not checked (they hold
 * only what the spec says). The README lists these fields under "what wsingress does not model
 * yet".
 *
 * <p>Kubernetes defaults are applied as the API server does (kubernetes/api v0.36.3): Service
 * {@code type} ClusterIP (core/v1 types.go ServiceSpec "Defaults to ClusterIP"), Deployment {@code
 * replicas} 1 and strategy RollingUpdate with 25 % / 25 % (apps/v1 types.go DeploymentSpec,
 * RollingUpdateDeployment), HorizontalPodAutoscaler {@code minReplicas} 1 (autoscaling/v2
 * types.go).
 */
final class Unmodelled {
  private Unmodelled() {}

  /** Service fields the kit renders or reads ({@code Platform.service}, {@link AppFacts}). */
  private static final Set<String> SERVICE =
      Set.of("selector", "ports", "type", "sessionAffinity", "sessionAffinityConfig");

  /** Service fields the API server fills in, which say nothing the input chose. */
  private static final Set<String> SERVICE_ASSIGNED =
      Set.of("clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy", "internalTrafficPolicy");

  /** Pod spec fields the kit renders ({@code Platform.deployment}). */
  private static final Set<String> POD =
      Set.of("containers", "terminationGracePeriodSeconds", "affinity");

  /** Container fields the kit renders or reads ({@link WorkloadReader}, {@link Probes}). */
  private static final Set<String> CONTAINER =
      Set.of(
          "name",
          "image",
          "ports",
          "env",
          "resources",
          "readinessProbe",
          "livenessProbe",
          "lifecycle",
          "imagePullPolicy",
          "terminationMessagePath",
          "terminationMessagePolicy");

  private static final String CONTAINER_AT = "/spec/template/spec/containers/0";

  static void service(Manifest svc, Reading out) {
    JsonNode spec = svc.tree().path("spec");
    String type = spec.path("type").asText("ClusterIP");
    if (!type.equals("ClusterIP")) {
      out.notCarried(
          svc,
          "the field spec.type " + type,
          svc.source("/spec/type"),
          "the platform kit renders a ClusterIP Service, which the edge reaches in the cluster");
    }
    if (spec.path("clusterIP").asText("").equals("None")) {
      out.notCarried(
          svc,
          "the field spec.clusterIP None (a headless Service)",
          svc.source("/spec/clusterIP"),
          "the platform kit renders a Service with a cluster IP");
    }
    JsonNode ports = spec.path("ports");
    for (int i = 1; ports.isArray() && i < ports.size(); i++) {
      if (!ports.get(i).path("name").asText("").equals(Platform.METRICS_PORT_NAME)) {
        out.notCarried(
            svc,
            "the port spec.ports[" + i + "] " + ports.get(i).path("port").asText(),
            svc.source("/spec/ports/" + i),
            "the spec's Service has the app port and the workload's metrics port only");
      }
    }
    Iterator<String> it = spec.fieldNames();
    while (it.hasNext()) {
      String f = it.next();
      if (!SERVICE.contains(f) && !SERVICE_ASSIGNED.contains(f)) {
        out.notCarried(
            svc,
            "the field spec." + f,
            svc.source("/spec/" + f),
            "the platform kit renders the app's Service with its selector, ports and client-IP"
                + " affinity only");
      }
    }
  }

  /**
   * The workload of a hand-written Deployment, corrected where {@link WorkloadReader} reads the
   * writer's conventions (the container port named as the Service port, replicas left out under an
   * autoscaler), and what it sets beyond the spec.
   */
  static Workload workload(
      Manifests in, Manifest svc, Manifest deployment, Workload read, Reading out) {
    Workload w = read;
    JsonNode pod = deployment.podTemplate().orElseThrow().path("spec");
    JsonNode containers = pod.path("containers");
    JsonNode app = containers.path(0);
    JsonNode port = svc.tree().path("spec").path("ports").path(0);
    int servicePort = port.path("port").asInt();
    // core/v1 ServicePort targetPort: "a named port in the target Pod's container ports"; unset,
    // "the value of the 'port' field is used".
    JsonNode target = port.path("targetPort");
    int podPort = servicePort;
    if (target.isIntegralNumber()) {
      podPort = target.asInt();
    } else if (target.isTextual()) {
      podPort = -1;
      for (JsonNode p : app.path("ports")) {
        if (p.path("name").asText("").equals(target.asText())) {
          podPort = p.path("containerPort").asInt();
        }
      }
      if (podPort < 0) {
        podPort = servicePort;
        out.notCarried(
            svc,
            "the field spec.ports[0].targetPort " + target.asText(),
            svc.source("/spec/ports/0/targetPort"),
            "no port of the first container of " + deployment.subject() + " has that name");
      }
    }
    if (podPort != servicePort) {
      w = w.containerPort(podPort);
    }
    JsonNode replicas = deployment.tree().path("spec").path("replicas");
    if (!replicas.isIntegralNumber() && w.minReplicas().isEmpty()) {
      // apps/v1 DeploymentSpec replicas: "Defaults to 1".
      w = w.replicas(1);
    }
    for (int i = 1; containers.isArray() && i < containers.size(); i++) {
      out.notCarried(
          deployment,
          "the container " + containers.get(i).path("name").asText(),
          deployment.source("/spec/template/spec/containers/" + i),
          "the spec's workload runs one container (the app)");
    }
    Iterator<String> fields = pod.fieldNames();
    while (fields.hasNext()) {
      String f = fields.next();
      if (!POD.contains(f)) {
        out.notCarried(
            deployment,
            "the field spec.template.spec." + f,
            deployment.source("/spec/template/spec/" + f),
            "the spec's workload has no setting for it");
      }
    }
    if (pod.has("affinity")) {
      out.notCarried(
          deployment,
          "the field spec.template.spec.affinity",
          deployment.source("/spec/template/spec/affinity"),
          "the platform kit renders its own: pods prefer distinct nodes"
              + " (kubernetes.io/hostname)");
    }
    JsonNode grace = pod.path("terminationGracePeriodSeconds");
    if (grace.isIntegralNumber() && grace.asLong() != w.terminationGracePeriod().getSeconds()) {
      out.notCarried(
          deployment,
          "the field spec.template.spec.terminationGracePeriodSeconds " + grace.asText(),
          deployment.source("/spec/template/spec/terminationGracePeriodSeconds"),
          "the platform kit renders the drain time plus "
              + Workload.SHUTDOWN_MARGIN.getSeconds()
              + " s ("
              + w.terminationGracePeriod().getSeconds()
              + ")");
    }
    Iterator<String> keys = app.fieldNames();
    while (keys.hasNext()) {
      String f = keys.next();
      if (!CONTAINER.contains(f)) {
        out.notCarried(
            deployment,
            "the field spec.template.spec.containers[0]." + f,
            deployment.source(CONTAINER_AT + "/" + f),
            "the spec's workload has no setting for it");
      }
    }
    JsonNode env = app.path("env");
    for (int i = 0; env.isArray() && i < env.size(); i++) {
      if (!env.get(i).path("value").isTextual() && env.get(i).has("valueFrom")) {
        out.notCarried(
            deployment,
            "the environment variable " + env.get(i).path("name").asText() + " (valueFrom)",
            deployment.source(CONTAINER_AT + "/env/" + i),
            "the spec's environment holds literal values");
      }
    }
    resources(deployment, app.path("resources"), out);
    JsonNode lifecycle = app.path("lifecycle");
    Iterator<String> hooks = lifecycle.fieldNames();
    while (hooks.hasNext()) {
      String hook = hooks.next();
      if (!hook.equals("preStop") || deployment.preStopSleepSeconds().isEmpty()) {
        out.notCarried(
            deployment,
            "the hook spec.template.spec.containers[0].lifecycle." + hook,
            deployment.source(CONTAINER_AT + "/lifecycle/" + hook),
            "the platform kit renders a preStop sleep of the drain time only");
      }
    }
    JsonNode strategy = deployment.tree().path("spec").path("strategy");
    JsonNode rolling = strategy.path("rollingUpdate");
    if (!strategy.path("type").asText("RollingUpdate").equals("RollingUpdate")
        || !rolling.path("maxUnavailable").asText("25%").equals("0")
        || !rolling.path("maxSurge").asText("25%").equals("1")) {
      out.notCarried(
          deployment,
          "the field spec.strategy",
          deployment.source("/spec/strategy"),
          "the platform kit renders a rolling update that starts one new pod before it stops an"
              + " old one (maxSurge 1, maxUnavailable 0)");
    }
    return w;
  }

  private static void resources(Manifest deployment, JsonNode resources, Reading out) {
    String at = CONTAINER_AT + "/resources";
    int found = 0;
    for (String kind : new String[] {"requests", "limits"}) {
      Iterator<String> it = resources.path(kind).fieldNames();
      while (it.hasNext()) {
        String r = it.next();
        if (r.equals("cpu") || r.equals("memory")) {
          found++;
        } else {
          out.notCarried(
              deployment,
              "the resource " + kind + "." + r,
              deployment.source(at + "/" + kind + "/" + r),
              "the spec's workload has CPU and memory requests and limits only");
        }
      }
    }
    if (found > 0 && found < 4) {
      out.notCarried(
          deployment,
          "the field spec.template.spec.containers[0].resources",
          deployment.source(at),
          "the spec's workload sets CPU and memory requests and limits together, and this"
              + " container sets only "
              + found
              + " of the four");
    }
    Iterator<String> keys = resources.fieldNames();
    while (keys.hasNext()) {
      String k = keys.next();
      if (!k.equals("requests") && !k.equals("limits")) {
        out.notCarried(
            deployment,
            "the field spec.template.spec.containers[0].resources." + k,
            deployment.source(at + "/" + k),
            "the spec's workload has CPU and memory requests and limits only");
      }
    }
  }

  static void probes(
      Manifest deployment, JsonNode container, HealthCheck h, int port, Reading out) {
    for (String which : new String[] {"readiness", "liveness"}) {
      JsonNode probe = container.path(which + "Probe");
      if (!probe.isObject()) {
        continue;
      }
      String named = null;
      for (JsonNode p : container.path("ports")) {
        if (p.path("containerPort").asInt() == port && p.path("name").isTextual()) {
          named = p.path("name").asText();
        }
      }
      for (String[] d : Probes.differences(which, probe, h, port, named)) {
        String field = which + "Probe" + (d[0].isEmpty() ? "" : "." + d[0]);
        out.notCarried(
            deployment,
            "the field spec.template.spec.containers[0]." + field,
            deployment.source(CONTAINER_AT + "/" + field.replace('.', '/')),
            d[1]);
      }
    }
    if (container.has("startupProbe")) {
      out.notCarried(
          deployment,
          "the field spec.template.spec.containers[0].startupProbe",
          deployment.source(CONTAINER_AT + "/startupProbe"),
          "the platform kit renders readiness and liveness probes only");
    }
  }

  /**
   * The declared dependencies of a hand-written workload, from every NetworkPolicy over its pods:
   * each egress rule to one namespace (by {@code kubernetes.io/metadata.name}) or to pods of one
   * label, on one port, is a {@link Workload.Egress}; rules to DNS (port 53) are the kit's own.
   * What else the policies say is reported: the kit renders one policy that admits the app port
   * from the ingress controllers' namespaces ({@link Platform#ingressFrom}) and the metrics port
   * from the monitoring namespace, and calls DNS and the declared dependencies.
   */
  static Workload networkPolicies(Manifests in, Manifest deployment, Workload read, Reading out) {
    Workload w = read;
    for (Manifest policy : in.networkPoliciesFor(deployment)) {
      JsonNode spec = policy.tree().path("spec");
      JsonNode ingress = spec.path("ingress");
      for (int i = 0; ingress.isArray() && i < ingress.size(); i++) {
        JsonNode from = ingress.get(i).path("from");
        if (!from.isArray() || from.isEmpty()) {
          out.notCarried(
              policy,
              "the rule spec.ingress[" + i + "] (from every source)",
              policy.source("/spec/ingress/" + i),
              "the platform kit admits the app port from the ingress controllers' namespaces"
                  + " only");
          continue;
        }
        for (int j = 0; j < from.size(); j++) {
          if (namespaceOf(from.get(j)) == null) {
            out.notCarried(
                policy,
                "the peer spec.ingress[" + i + "].from[" + j + "]",
                policy.source("/spec/ingress/" + i + "/from/" + j),
                "the platform kit admits namespaces by kubernetes.io/metadata.name"
                    + " (Platform.ingressFrom), not pods, other labels or address blocks");
          }
        }
      }
      JsonNode egress = spec.path("egress");
      for (int i = 0; egress.isArray() && i < egress.size(); i++) {
        JsonNode rule = egress.get(i);
        JsonNode ports = rule.path("ports");
        boolean dns = ports.isArray() && !ports.isEmpty();
        for (JsonNode p : ports) {
          dns &= p.path("port").asInt() == 53;
        }
        if (dns) {
          continue;
        }
        JsonNode to = rule.path("to");
        String at = "/spec/egress/" + i;
        if (!to.isArray()
            || to.size() != 1
            || ports.size() != 1
            || !ports.get(0).path("port").isIntegralNumber()) {
          out.notCarried(
              policy,
              "the rule spec.egress[" + i + "]",
              policy.source(at),
              "the spec's dependencies are one namespace or one pod label, each on one port"
                  + " (Workload.egressTo)");
          continue;
        }
        int port = ports.get(0).path("port").asInt();
        String ns = namespaceOf(to.get(0));
        JsonNode labels = to.get(0).path("podSelector").path("matchLabels");
        if (ns != null) {
          w = w.egressToNamespace(ns, port);
        } else if (to.get(0).size() == 1
            && labels.size() == 1
            && to.get(0).path("podSelector").size() == 1) {
          var e = labels.properties().iterator().next();
          w = w.egressTo(e.getKey(), e.getValue().asText(), port);
        } else {
          out.notCarried(
              policy,
              "the peer spec.egress[" + i + "].to[0]",
              policy.source(at + "/to/0"),
              "the spec's dependencies are one namespace or one pod label (Workload.egressTo)");
        }
      }
    }
    return w;
  }

  /** The namespace a peer admits by {@code kubernetes.io/metadata.name} alone, or null. */
  private static String namespaceOf(JsonNode peer) {
    JsonNode labels = peer.path("namespaceSelector").path("matchLabels");
    JsonNode name = labels.get("kubernetes.io/metadata.name");
    return peer.size() == 1
            && peer.path("namespaceSelector").size() == 1
            && labels.size() == 1
            && name != null
            && name.isTextual()
        ? name.asText()
        : null;
  }

  static void autoscaler(Manifest hpa, Reading out) {
    JsonNode metrics = hpa.tree().path("spec").path("metrics");
    for (int i = 0; metrics.isArray() && i < metrics.size(); i++) {
      JsonNode m = metrics.get(i);
      String type = m.path("type").asText();
      JsonNode resource = m.path("resource");
      String name = resource.path("name").asText();
      JsonNode target = resource.path("target");
      boolean ours =
          type.equals("Resource")
                  && target.path("type").asText().equals("Utilization")
                  && (name.equals("cpu") && target.path("averageUtilization").asInt() == 70
                      || name.equals("memory") && target.path("averageUtilization").asInt() == 80)
              || type.equals("Pods")
                  && m.path("pods")
                      .path("metric")
                      .path("name")
                      .asText()
                      .equals("websocket_connections")
                  && m.path("pods").path("target").path("type").asText().equals("AverageValue")
                  && WorkloadReader.wholeQuantity(
                          m.path("pods").path("target").path("averageValue"))
                      > 0;
      if (!ours) {
        out.notCarried(
            hpa,
            "the metric spec.metrics[" + i + "] (" + describe(m) + ")",
            hpa.source("/spec/metrics/" + i),
            "the platform kit scales on CPU at 70 %, memory at 80 % and, with"
                + " Workload.connectionsPerPod, the pods' websocket_connections");
      }
    }
    if (hpa.tree().path("spec").has("behavior")) {
      out.notCarried(
          hpa,
          "the field spec.behavior",
          hpa.source("/spec/behavior"),
          "the platform kit renders its own: down by at most 10 % or 2 pods a minute after 300 s"
              + " of lower recommendations, up by at most 50 % or 5 pods a minute after 60 s");
    }
  }

  private static String describe(JsonNode metric) {
    String type = metric.path("type").asText();
    JsonNode source = metric.path(type.isEmpty() ? "" : lowerFirst(type));
    String name =
        source.path("name").isTextual()
            ? source.path("name").asText()
            : source.path("metric").path("name").asText("");
    return (type + " " + name).trim();
  }

  private static String lowerFirst(String s) {
    return Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }

  static void disruptionBudget(Manifest pdb, Reading out) {
    JsonNode spec = pdb.tree().path("spec");
    JsonNode max = spec.path("maxUnavailable");
    if (spec.has("minAvailable") || !(max.isIntegralNumber() && max.asInt() == 1)) {
      String field = spec.has("minAvailable") ? "minAvailable" : "maxUnavailable";
      out.notCarried(
          pdb,
          "the field spec." + field + " " + spec.path(field).asText(),
          pdb.source("/spec/" + field),
          "the platform kit's budget lets one pod go at a time (maxUnavailable: 1)");
    }
    if (spec.has("unhealthyPodEvictionPolicy")) {
      out.notCarried(
          pdb,
          "the field spec.unhealthyPodEvictionPolicy",
          pdb.source("/spec/unhealthyPodEvictionPolicy"),
          "the spec's budget has no setting for it");
    }
  }

  /** A hand-written Deployment that no Service in the input selects: part of no app. */
  static void unselected(Manifest deployment, Reading out) {
    out.notCarried(
        deployment,
        "the Deployment " + deployment.name(),
        deployment.source(),
        "no Service in the input selects its pods, so it is the workload of no app");
  }

  /**
   * The ACME issuer a ClusterIssuer describes, when the spec can hold it: Let's Encrypt (production
   * or staging), an account e-mail, an HTTP-01 Ingress solver; {@code null} otherwise. cert-manager
   * v1.21.1 pkg/apis/acme/v1/types_issuer.go ACMEIssuer, ACMEIssuerDNS01 and
   * ACMEChallengeSolverHTTP01Ingress ({@code ingressClassName} and {@code class} are exclusive).
   */
  static AcmeIssuer acme(Manifest issuer, boolean managed, Reading out) {
    JsonNode acme = issuer.tree().path("spec").path("acme");
    String server = acme.path("server").asText("");
    if (!server.equals(AcmeIssuer.LETS_ENCRYPT)
        && !server.equals(AcmeIssuer.LETS_ENCRYPT_STAGING)) {
      return null;
    }
    JsonNode solver = acme.path("solvers").path(0);
    JsonNode ingress = solver.path("http01").path("ingress");
    if (!ingress.isObject() || !acme.path("email").isTextual()) {
      return null;
    }
    AcmeIssuer a = AcmeIssuer.letsEncrypt(acme.path("email").asText());
    if (server.equals(AcmeIssuer.LETS_ENCRYPT_STAGING)) {
      a = a.staging();
    }
    a = a.name(issuer.name());
    String cls = ingress.path("ingressClassName").asText(ingress.path("class").asText(""));
    if (!cls.isEmpty()) {
      a = a.http01(cls);
    }
    if (!managed) {
      acmeFields(issuer, acme, solver, ingress, out);
    }
    return a;
  }

  private static void acmeFields(
      Manifest issuer, JsonNode acme, JsonNode solver, JsonNode ingress, Reading out) {
    String at = "/spec/acme";
    Iterator<String> it = acme.fieldNames();
    while (it.hasNext()) {
      String f = it.next();
      if (!Set.of("server", "email", "privateKeySecretRef", "solvers").contains(f)) {
        out.notCarried(
            issuer,
            "the field spec.acme." + f,
            issuer.source(at + "/" + f),
            "the spec's ACME issuer has a server, an e-mail and one HTTP-01 Ingress solver");
      }
    }
    String key = acme.path("privateKeySecretRef").path("name").asText("");
    if (!key.equals(issuer.name())) {
      out.notCarried(
          issuer,
          "the field spec.acme.privateKeySecretRef.name " + key,
          issuer.source(at + "/privateKeySecretRef/name"),
          "the platform kit keeps the ACME account key in a Secret named as the issuer ("
              + issuer.name()
              + ")");
    }
    JsonNode solvers = acme.path("solvers");
    for (int i = 1; i < solvers.size(); i++) {
      out.notCarried(
          issuer,
          "the solver spec.acme.solvers[" + i + "]",
          issuer.source(at + "/solvers/" + i),
          "the spec's ACME issuer has one HTTP-01 Ingress solver");
    }
    Iterator<String> s = solver.fieldNames();
    while (s.hasNext()) {
      String f = s.next();
      if (!f.equals("http01")) {
        out.notCarried(
            issuer,
            "the field spec.acme.solvers[0]." + f,
            issuer.source(at + "/solvers/0/" + f),
            "the spec's solver answers every name of the certificate");
      }
    }
    Iterator<String> g = ingress.fieldNames();
    while (g.hasNext()) {
      String f = g.next();
      if (!f.equals("ingressClassName") && !f.equals("class")) {
        out.notCarried(
            issuer,
            "the field spec.acme.solvers[0].http01.ingress." + f,
            issuer.source(at + "/solvers/0/http01/ingress/" + f),
            "the spec's solver names the Ingress class only");
      }
    }
  }

  /** Certificate fields beyond what the kit renders (secretName, issuerRef, dnsNames). */
  static void certificate(Manifest cert, Reading out) {
    Iterator<String> it = cert.tree().path("spec").fieldNames();
    while (it.hasNext()) {
      String f = it.next();
      if (!Set.of("secretName", "issuerRef", "dnsNames").contains(f)) {
        out.notCarried(
            cert,
            "the field spec." + f,
            cert.source("/spec/" + f),
            "the platform kit renders a Certificate with the Secret, the issuer and the TLS hosts"
                + " only (cert-manager's defaults for the rest)");
      }
    }
  }
}
