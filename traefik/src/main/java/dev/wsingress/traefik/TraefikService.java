package dev.wsingress.traefik;

import dev.wsingress.CustomObject;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;

/**
 * Traefik's {@code TraefikService} ({@code traefik.io/v1alpha1}), weighted round robin, typed so
 * that {@link dev.wsingress.Yaml#read} returns existing ones typed. The target does not emit one:
 * each route has one backend Service, and a sticky cookie at the weighted level only pins a child
 * service, not a pod; the cookie belongs on the route's service entry ({@link
 * IngressRoute.Service#sticky()}).
 */
@Group("traefik.io")
@Version("v1alpha1")
public final class TraefikService extends CustomObject<TraefikService.Spec> {
  /** For deserialization. */
  public TraefikService() {}

  /** A TraefikService with metadata and spec. */
  public TraefikService(ObjectMeta metadata, Spec spec) {
    super(metadata, spec);
  }

  /** {@code spec}: a weighted round robin. */
  public record Spec(Weighted weighted) {}

  /** {@code spec.weighted}: child services and the WRR-level sticky cookie. */
  public record Weighted(List<Child> services, IngressRoute.Sticky sticky) {}

  /** {@code spec.weighted.services[]}: a child service, with its own (pod-level) sticky cookie. */
  public record Child(
      String name, IntOrString port, Integer weight, String kind, IngressRoute.Sticky sticky) {}
}
