package dev.wsingress.gatewayapi;

import dev.wsingress.CustomObject;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;

/**
 * Envoy Gateway's {@code ClientTrafficPolicy} ({@code gateway.envoyproxy.io/v1alpha1}): settings of
 * a Gateway's listeners, for every route on them (envoyproxy/gateway v1.9.0 {@code
 * api/v1alpha1/clienttrafficpolicy_types.go}). wsingress writes one only for a Gateway it renders,
 * and only for what Envoy Gateway cannot set per route.
 *
 * <pre>{@code
 * ClientTrafficPolicy p = rendering.objects(ClientTrafficPolicy.class).get(0);
 * p.getSpec().timeout().http().streamIdleTimeout(); // "1h"
 * }</pre>
 */
@Group("gateway.envoyproxy.io")
@Version("v1alpha1")
public final class ClientTrafficPolicy extends CustomObject<ClientTrafficPolicy.Spec> {
  /** For deserialization. */
  public ClientTrafficPolicy() {}

  /** A ClientTrafficPolicy with metadata and spec. */
  public ClientTrafficPolicy(ObjectMeta metadata, Spec spec) {
    super(metadata, spec);
  }

  /** {@code spec}: the Gateway targeted and the listener settings. */
  public record Spec(List<TargetRef> targetRefs, Timeout timeout) {}

  /** {@code spec.targetRefs[]}: a Gateway in the policy's namespace. */
  public record TargetRef(String group, String kind, String name) {}

  /** {@code spec.timeout} ({@code timeout_types.go ClientTimeout}). */
  public record Timeout(HttpTimeout http) {}

  /** {@code spec.timeout.http}: the listeners' stream idle timeout. */
  public record HttpTimeout(String streamIdleTimeout) {}
}
