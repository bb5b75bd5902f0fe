package dev.wsingress.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsingress.Manifest;
import dev.wsingress.Manifests;
import dev.wsingress.Reading;
import dev.wsingress.RenderContext;
import dev.wsingress.Rendering;
import dev.wsingress.ServedApp;
import dev.wsingress.Setting;
import dev.wsingress.Target;
import dev.wsingress.WebSocketApp;
import dev.wsingress.Workload;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ReplicationControllerSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stand-in for the platform kit, the companion that routes nothing: it renders the app's own
 * Service (its selector the app's labels, its one port the app's port, or port 80 named as the
 * app's port name) and, with a workload, a ReplicationController running its image, replicas,
 * container port and environment — and reads them back as {@link ServedApp} facts: the Service is
 * the app's own Service, selecting pods with the app's labels; the ReplicationController it selects
 * is the app's workload, named as the app. Only objects it rendered ({@code
 * app.kubernetes.io/managed-by: wsingress}) are read.
 *
 * <pre>{@code
 * RoundTrip.of(StandInReader.target()).with(StandInPlatform.target()).check(app);
 * }</pre>
 */
public final class StandInPlatform implements Target {
  static final String PORT_BY = "test.wsingress.dev/port-by";

  private StandInPlatform() {}

  /** The stand-in platform. */
  public static StandInPlatform target() {
    return new StandInPlatform();
  }

  @Override
  public String id() {
    return "test-platform";
  }

  @Override
  public String displayName() {
    return "stand-in platform";
  }

  @Override
  public Target lenient() {
    return this;
  }

  @Override
  public Rendering render(WebSocketApp app, RenderContext context) {
    Rendering.Builder out = Rendering.builder(displayName(), false);
    ServicePort port = new ServicePort();
    ObjectMeta meta = app.objectMeta(app.serviceName());
    // How the app names its port, so that the reader gives it back the same way.
    meta.setAnnotations(
        new LinkedHashMap<>(Map.of(PORT_BY, app.servicePort().isPresent() ? "number" : "name")));
    if (app.servicePort().isPresent()) {
      port.setPort(app.servicePort().getAsInt());
      port.setName("http");
    } else {
      port.setPort(80);
      port.setName(app.servicePortName().orElseThrow());
    }
    ServiceSpec spec = new ServiceSpec();
    spec.setSelector(new TreeMap<>(app.labels()));
    spec.setPorts(new ArrayList<>(List.of(port)));
    Service svc = new Service();
    svc.setApiVersion("v1");
    svc.setKind("Service");
    svc.setMetadata(meta);
    svc.setSpec(spec);
    out.add(svc);
    app.workload().ifPresent(w -> out.add(controller(app, w)));
    return out.build();
  }

  private static ReplicationController controller(WebSocketApp app, Workload w) {
    Container c = new Container();
    c.setName("app");
    c.setImage(w.image());
    if (w.containerPort().isPresent()) {
      ContainerPort p = new ContainerPort();
      p.setContainerPort(w.containerPort().getAsInt());
      c.setPorts(new ArrayList<>(List.of(p)));
    }
    List<EnvVar> env = new ArrayList<>();
    w.env().forEach((k, v) -> env.add(new EnvVar(k, v, null)));
    if (!env.isEmpty()) {
      c.setEnv(env);
    }
    PodSpec pod = new PodSpec();
    pod.setContainers(new ArrayList<>(List.of(c)));
    ObjectMeta podMeta = new ObjectMeta();
    podMeta.setLabels(new TreeMap<>(app.labels()));
    PodTemplateSpec template = new PodTemplateSpec();
    template.setMetadata(podMeta);
    template.setSpec(pod);
    ReplicationControllerSpec spec = new ReplicationControllerSpec();
    spec.setReplicas(w.replicas());
    spec.setSelector(new TreeMap<>(app.labels()));
    spec.setTemplate(template);
    ReplicationController rc = new ReplicationController();
    rc.setApiVersion("v1");
    rc.setKind("ReplicationController");
    rc.setMetadata(app.objectMeta(app.name()));
    rc.setSpec(spec);
    return rc;
  }

  @Override
  public void read(Manifests in, Reading out) {
    for (Manifest svc : in.objects("", "Service")) {
      if (!managed(svc)) {
        continue;
      }
      out.understood(svc);
      ServedApp.Builder facts =
          ServedApp.builder(this, svc)
              .ownService(svc.namespace(), svc.name())
              .labels(strings(svc.tree().path("spec").path("selector")));
      JsonNode port = svc.tree().path("spec").path("ports").path(0);
      if (svc.annotation(PORT_BY).map("number"::equals).orElse(false)) {
        facts.ownServicePort(port.path("port").asInt());
      } else if (port.path("name").isTextual()) {
        facts.ownServicePortName(port.path("name").asText());
      }
      for (Manifest rc : in.selectedBy(svc)) {
        if (!managed(rc) || !rc.kind().equals("ReplicationController")) {
          continue;
        }
        out.understood(rc);
        facts.app(rc.namespace(), rc.name()).alsoFrom(rc);
        JsonNode container = rc.podTemplate().orElseThrow().path("spec").path("containers").path(0);
        Workload w =
            Workload.image(container.path("image").asText())
                .replicas(rc.tree().path("spec").path("replicas").asInt(1));
        JsonNode cp = container.path("ports").path(0).path("containerPort");
        if (cp.isInt()) {
          w = w.containerPort(cp.asInt());
        }
        for (JsonNode e : container.path("env")) {
          w = w.env(e.path("name").asText(), e.path("value").asText());
        }
        facts.workload(Setting.of(w, rc.source("/spec/template")));
        break;
      }
      out.add(facts.build());
    }
  }

  private static boolean managed(Manifest m) {
    return m.label("app.kubernetes.io/managed-by").map("wsingress"::equals).orElse(false);
  }

  private static Map<String, String> strings(JsonNode map) {
    Map<String, String> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = map.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  @Override
  public String toString() {
    return "StandInPlatform[]";
  }
}
