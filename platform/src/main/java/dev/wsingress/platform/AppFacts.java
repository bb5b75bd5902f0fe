package dev.wsingress.platform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsingress.AcmeIssuer;
import dev.wsingress.Affinity;
import dev.wsingress.ClientIpAffinity;
import dev.wsingress.Contributions;
import dev.wsingress.HealthCheck;
import dev.wsingress.InvalidSpecException;
import dev.wsingress.Manifest;
import dev.wsingress.Manifests;
import dev.wsingress.Reading;
import dev.wsingress.RenderContext;
import dev.wsingress.ServedApp;
import dev.wsingress.Setting;
import dev.wsingress.Target;
import dev.wsingress.WebSocketApp;
import dev.wsingress.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the platform objects say about an app, for the converter ({@link ServedApp} facts): the
 * app's own Service (its name, port, selector and client-IP affinity), the Deployment it selects
 * with its autoscaler, disruption budget, NetworkPolicy and ServiceMonitor (the {@link Workload},
 * through {@link WorkloadReader}, and the health check its readiness probe gives, through {@link
 * Probes}), and each cert-manager Certificate with its ACME ClusterIssuer (the certificate's
 * issuer). Each fact's target is the platform target these objects configure ({@link
 * ConfiguredPlatform}). What the objects set that the spec cannot hold is reported by {@link
 * Unmodelled}.
 *
 * <p>For objects wsingress rendered ({@code app.kubernetes.io/managed-by: wsingress}) the
 * Deployment names the app; other Services give facts only when they select a Deployment or pin
 * clients, and join the app whose own backend they are.
 */
final class AppFacts {
  private AppFacts() {}

  /** An app for asking a target what it contributes: these facts do not depend on it. */
  private static final WebSocketApp PROBE =
      WebSocketApp.on("probe.wsingress.dev").service("probe", 80).build();

  private static volatile List<Contributions> discovered;

  static void read(Manifests in, Reading out) {
    Map<Manifest, Boolean> taken = new IdentityHashMap<>();
    ReadIndex index = new ReadIndex(in);
    for (Manifest svc : in.objects("", "Service")) {
      service(in, index, svc, taken, out);
    }
    for (Manifest cert : in.objects("cert-manager.io", "Certificate")) {
      certificate(in, cert, out);
    }
    for (Manifest d : in.objects("apps", "Deployment")) {
      if (!taken.containsKey(d) && !managed(d)) {
        Unmodelled.unselected(d, out);
      }
    }
  }

  static boolean managed(Manifest m) {
    return m.label("app.kubernetes.io/managed-by").map("wsingress"::equals).orElse(false);
  }

  private static void service(
      Manifests in, ReadIndex index, Manifest svc, Map<Manifest, Boolean> taken, Reading out) {
    boolean managed = managed(svc);
    JsonNode spec = svc.tree().path("spec");
    Manifest deployment = null;
    for (Manifest w : in.selectedBy(svc)) {
      if (w.kind().equals("Deployment")
          && w.apiVersion().startsWith("apps/")
          && (!managed || managed(w))) {
        deployment = w;
        break;
      }
    }
    boolean clientIp = spec.path("sessionAffinity").asText("").equals("ClientIP");
    if (!managed && deployment == null && !clientIp) {
      return;
    }
    JsonNode port = spec.path("ports").path(0);
    Platform platform;
    try {
      platform = ConfiguredPlatform.from(in, index, svc);
    } catch (InvalidSpecException e) {
      // A port name the kit refuses (its metrics port's): render with the default name.
      platform = Platform.target();
      out.notCarried(
          svc,
          "the port name " + port.path("name").asText(),
          svc.source("/spec/ports/0/name"),
          "the platform kit names the app port " + Platform.DEFAULT_PORT_NAME + " instead");
    }
    ServedApp.Builder facts =
        ServedApp.builder(platform, svc).ownService(svc.namespace(), svc.name());
    if (port.path("port").isIntegralNumber()) {
      facts.ownServicePort(port.path("port").asInt());
    }
    Map<String, String> selector = strings(spec.path("selector"));
    if (!selector.isEmpty()) {
      facts.labels(selector);
    }
    if (clientIp) {
      // kubernetes/api v0.36.3 core/v1/types.go ClientIPConfig: timeoutSeconds "Default value is
      // 10800(for 3 hours)"; the writer sets it only for an explicit timeout.
      ClientIpAffinity a = Affinity.clientIp();
      JsonNode t = spec.path("sessionAffinityConfig").path("clientIP").path("timeoutSeconds");
      if (t.isIntegralNumber()) {
        a = a.timeout(Duration.ofSeconds(t.asLong()));
      }
      facts.affinity(Setting.of(a, svc.source("/spec/sessionAffinity")));
    }
    if (!managed) {
      Unmodelled.service(svc, out);
    }
    if (deployment != null) {
      taken.put(deployment, Boolean.TRUE);
      out.understood(deployment);
      if (managed) {
        facts.app(deployment.namespace(), deployment.name());
      }
      workload(in, index, svc, deployment, managed, facts, out);
    }
    out.add(facts.build());
  }

  private static void workload(
      Manifests in,
      ReadIndex index,
      Manifest svc,
      Manifest deployment,
      boolean managed,
      ServedApp.Builder facts,
      Reading out) {
    JsonNode port = svc.tree().path("spec").path("ports").path(0);
    int servicePort = port.path("port").asInt();
    String portName = port.path("name").asText("");
    facts.alsoFrom(deployment);
    Workload w =
        managed
            ? WorkloadReader.read(in, index, deployment, servicePort, portName, contributions())
            // a hand-written pod's port is the one the Service's targetPort names
            // (Unmodelled.workload), not the container port named like the Service port, the
            // writer's convention
            : WorkloadReader.pods(in, index, deployment, servicePort, null);
    JsonNode container = deployment.podTemplate().orElseThrow().path("spec").path("containers");
    String containerAt = "/spec/template/spec/containers/0";
    if (!managed) {
      w = Unmodelled.workload(in, svc, deployment, w, out);
    }
    facts.workload(Setting.of(w, deployment.source("/spec/template")));
    JsonNode readiness = container.path(0).path("readinessProbe");
    HealthCheck h = Probes.healthCheck(readiness);
    if (h != null) {
      facts.healthCheck(Setting.of(h, deployment.source(containerAt + "/readinessProbe")));
    }
    if (!managed) {
      int appPort = w.containerPort().orElse(servicePort);
      Unmodelled.probes(deployment, container.path(0), h, appPort, out);
    }
    for (Manifest hpa : index.autoscalersOf("Deployment", deployment.name())) {
      if (Manifests.sameNamespace(hpa.namespace(), deployment.namespace())) {
        facts.alsoFrom(hpa);
        if (!managed) {
          Unmodelled.autoscaler(hpa, out);
        }
      }
    }
    for (Manifest pdb : index.budgetsNear(deployment.namespace())) {
      if (Manifests.sameNamespace(pdb.namespace(), deployment.namespace())
          && dev.wsingress.Selectors.matchesSelector(
              pdb.tree().path("spec").path("selector"),
              deployment.podTemplate().orElseThrow().path("metadata").path("labels"))) {
        facts.alsoFrom(pdb);
        if (!managed) {
          Unmodelled.disruptionBudget(pdb, out);
        }
      }
    }
    for (Manifest policy : in.networkPoliciesFor(deployment)) {
      if (!managed || managed(policy)) {
        facts.alsoFrom(policy);
      }
    }
    if (!managed) {
      // After the facts' other fields: the workload's egress is read from every policy.
      w = Unmodelled.networkPolicies(in, deployment, w, out);
      facts.workload(Setting.of(w, deployment.source("/spec/template")));
    }
    for (Manifest sm : index.monitorsSelecting(svc.tree().path("metadata").path("labels"))) {
      if (Manifests.sameNamespace(sm.namespace(), svc.namespace())) {
        facts.alsoFrom(sm);
      }
    }
    for (Manifest cm : index.adapterConfigs) {
      if (managed(cm)) {
        out.understood(cm);
      }
    }
  }

  /**
   * A Certificate and its ClusterIssuer: the issuer of the app whose TLS Secret the Certificate
   * fills, when it is an ACME issuer with an HTTP-01 Ingress solver (what the spec holds).
   */
  private static void certificate(Manifests in, Manifest cert, Reading out) {
    JsonNode spec = cert.tree().path("spec");
    String secret = spec.path("secretName").asText("");
    if (secret.isEmpty()) {
      return;
    }
    JsonNode ref = spec.path("issuerRef");
    // cert-manager v1.21.1 pkg/apis/meta/v1/types.go IssuerReference: kind "Issuer" when unset.
    String kind = ref.path("kind").asText("Issuer");
    String name = ref.path("name").asText("");
    Manifest issuer =
        kind.equals("ClusterIssuer")
            ? in.find("cert-manager.io", "ClusterIssuer", "", name).orElse(null)
            : null;
    AcmeIssuer acme = issuer == null ? null : Unmodelled.acme(issuer, managed(cert), out);
    if (acme == null) {
      if (!managed(cert)) {
        out.notCarried(
            cert,
            "the issuer " + kind + " " + name,
            cert.source("/spec/issuerRef"),
            issuer == null && kind.equals("ClusterIssuer")
                ? "the ClusterIssuer is not in the input"
                : "the spec's issuer is a Let's Encrypt ClusterIssuer with an HTTP-01 Ingress"
                    + " solver (AcmeIssuer)");
      }
      return;
    }
    if (!managed(cert)) {
      Unmodelled.certificate(cert, out);
    }
    out.add(
        ServedApp.builder(Platform.target(), cert)
            .tlsSecret(secret)
            .tlsIssuer(Setting.of(acme, cert.source("/spec/issuerRef")))
            .alsoFrom(issuer)
            .build());
  }

  /** What the other targets on the class path add to the platform objects (control planes). */
  private static List<Contributions> contributions() {
    List<Contributions> c = discovered;
    if (c == null) {
      List<Contributions> found = new ArrayList<>();
      for (Target t : Target.discover()) {
        if (!t.id().equals("platform")) {
          found.add(RenderContext.alone(t, PROBE).contributions());
        }
      }
      discovered = c = List.copyOf(found);
    }
    return c;
  }

  static Map<String, String> strings(JsonNode map) {
    Map<String, String> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = map.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }
}
