package dev.wsingress.traefik;

import dev.wsingress.CustomObject;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;

/**
 * Traefik's {@code IngressRoute} ({@code traefik.io/v1alpha1}), with the fields wsingress uses,
 * named as in the upstream CRD. Every field is in the CRD of Traefik v3.0.4 except {@code
 * sticky.cookie.path} (v3.3); the values {@code p2c} (v3.4) and {@code hrw} (v3.6) of {@code
 * strategy} are newer than the field (see {@link Traefik#version(String)}). The removed {@code
 * traefik.containo.us} group cannot be written.
 *
 * <pre>{@code
 * IngressRoute route = rendering.objects(IngressRoute.class).get(0);
 * route.getSpec().routes().get(0).match(); // "Host(`ws.example.com`) && PathPrefix(`/`)"
 * }</pre>
 */
@Group("traefik.io")
@Version("v1alpha1")
public final class IngressRoute extends CustomObject<IngressRoute.Spec> {
  /** For deserialization. */
  public IngressRoute() {}

  /** An IngressRoute with metadata and spec. */
  public IngressRoute(ObjectMeta metadata, Spec spec) {
    super(metadata, spec);
  }

  /** {@code spec}: the entry points, routes and TLS. */
  public record Spec(List<String> entryPoints, List<Route> routes, Tls tls) {}

  /**
   * {@code spec.routes[]}: a rule, its priority, middlewares and services. A null {@code priority}
   * keeps Traefik's default, the length of the rule (traefik v3.7.9 pkg/server/router/router.go:
   * {@code routerConfig.Priority == 0} takes {@code httpmuxer.GetRulePriority}, {@code len(rule)},
   * pkg/muxer/http/mux.go); of the routes that match a request the highest priority wins.
   */
  public record Route(
      String kind,
      String match,
      Integer priority,
      List<MiddlewareRef> middlewares,
      List<Service> services) {}

  /** {@code spec.routes[].middlewares[]}: a Middleware by name (and namespace). */
  public record MiddlewareRef(String name, String namespace) {}

  /**
   * {@code spec.routes[].services[]}: a Kubernetes Service and how to balance over it ({@code
   * strategy} null: the release's default, round robin). The {@code port} is the Service port's
   * number or its name (traefik v3.7.9 pkg/provider/kubernetes/crd/kubernetes.go {@code
   * getServicePort} compares a name with the Service's {@code spec.ports[].name}).
   */
  public record Service(
      String name,
      IntOrString port,
      String scheme,
      String serversTransport,
      Sticky sticky,
      String strategy) {}

  /** {@code sticky}: sticky sessions. */
  public record Sticky(Cookie cookie) {}

  /** {@code sticky.cookie}: the affinity cookie's attributes ({@code path} from Traefik v3.3). */
  public record Cookie(
      String name, Boolean secure, Boolean httpOnly, String sameSite, Long maxAge, String path) {}

  /** {@code spec.tls}: TLS with a certificate Secret. */
  public record Tls(String secretName) {}
}
