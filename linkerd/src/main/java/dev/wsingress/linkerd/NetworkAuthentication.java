package dev.wsingress.linkerd;

import dev.wsingress.CustomObject;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;

/**
 * Linkerd's {@code NetworkAuthentication} ({@code policy.linkerd.io/v1alpha1}): clients by source
 * network, for callers outside the mesh.
 */
@Group("policy.linkerd.io")
@Version("v1alpha1")
public final class NetworkAuthentication extends CustomObject<NetworkAuthentication.Spec> {
  /** For deserialization. */
  public NetworkAuthentication() {}

  /** A NetworkAuthentication with metadata and spec. */
  public NetworkAuthentication(ObjectMeta metadata, Spec spec) {
    super(metadata, spec);
  }

  /** {@code spec}: the networks. */
  public record Spec(List<Network> networks) {}

  /** {@code spec.networks[]}: a CIDR. */
  public record Network(String cidr) {}
}
