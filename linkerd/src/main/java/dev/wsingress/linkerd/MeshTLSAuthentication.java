package dev.wsingress.linkerd;

import dev.wsingress.CustomObject;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;

/**
 * Linkerd's {@code MeshTLSAuthentication} ({@code policy.linkerd.io/v1alpha1}): the meshed clients,
 * by ServiceAccount ({@code identityRefs}) or by Linkerd identity ({@code
 * <sa>.<ns>.serviceaccount.identity.linkerd.cluster.local}).
 */
@Group("policy.linkerd.io")
@Version("v1alpha1")
public final class MeshTLSAuthentication extends CustomObject<MeshTLSAuthentication.Spec> {
  /** For deserialization. */
  public MeshTLSAuthentication() {}

  /** A MeshTLSAuthentication with metadata and spec. */
  public MeshTLSAuthentication(ObjectMeta metadata, Spec spec) {
    super(metadata, spec);
  }

  /** {@code spec}: identities or references to ServiceAccounts (one of the two). */
  public record Spec(List<String> identities, List<IdentityRef> identityRefs) {}

  /** {@code spec.identityRefs[]}: a ServiceAccount. */
  public record IdentityRef(String kind, String name, String namespace) {}
}
