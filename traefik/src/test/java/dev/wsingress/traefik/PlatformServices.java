package dev.wsingress.traefik;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsingress.Manifest;
import dev.wsingress.Manifests;
import dev.wsingress.Reading;
import dev.wsingress.RenderContext;
import dev.wsingress.Rendering;
import dev.wsingress.ServedApp;
import dev.wsingress.Target;
import dev.wsingress.WebSocketApp;
import dev.wsingress.platform.Platform;
import java.util.Map;
import java.util.TreeMap;

/**
 * The platform kit for the Ingress form's round trip: it renders as {@link Platform} (whose Service
 * carries the {@code service.*} annotations Traefik's Ingress provider reads) and reads as it, plus
 * the fact that each Service it rendered is the app's own. The platform kit's own reader does not
 * report app facts yet (issue 16, platform), so without this the import of an Ingress-form
 * rendering would render no Service again; drop it for {@code Platform.target()} once that reader
 * reports its Services.
 */
final class PlatformServices implements Target {
  // Lenient: a spec whose Service the platform kit cannot render (a port by name only) is still
  // checked, without that Service.
  private final Target platform = Platform.target().lenient();

  @Override
  public String id() {
    return platform.id();
  }

  @Override
  public String displayName() {
    return platform.displayName();
  }

  @Override
  public Target lenient() {
    return this;
  }

  @Override
  public java.util.List<Class<? extends io.fabric8.kubernetes.api.model.HasMetadata>>
      resourceTypes() {
    return platform.resourceTypes();
  }

  @Override
  public void contribute(WebSocketApp app, dev.wsingress.Contributions.Builder out) {
    platform.contribute(app, out);
  }

  @Override
  public Rendering render(WebSocketApp app, RenderContext context) {
    return platform.render(app, context);
  }

  @Override
  public void read(Manifests in, Reading out) {
    platform.read(in, out);
    for (Manifest svc : in.objects("", "Service")) {
      if (!svc.label("app.kubernetes.io/managed-by").map("wsingress"::equals).orElse(false)) {
        continue;
      }
      Map<String, String> selector = new TreeMap<>();
      svc.tree()
          .path("spec")
          .path("selector")
          .fields()
          .forEachRemaining(e -> selector.put(e.getKey(), e.getValue().asText()));
      ServedApp.Builder facts =
          ServedApp.builder(this, svc).ownService(svc.namespace(), svc.name()).labels(selector);
      JsonNode port = svc.tree().path("spec").path("ports").path(0);
      if (port.path("port").isIntegralNumber()) {
        facts.ownServicePort(port.path("port").asInt());
      }
      out.understood(svc);
      out.add(facts.build());
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PlatformServices;
  }

  @Override
  public int hashCode() {
    return 1;
  }

  @Override
  public String toString() {
    return "PlatformServices";
  }
}
