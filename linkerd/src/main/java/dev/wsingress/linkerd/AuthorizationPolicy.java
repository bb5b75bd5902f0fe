package dev.wsingress.linkerd;

import dev.wsingress.CustomObject;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;

/**
 * Linkerd's {@code AuthorizationPolicy} ({@code policy.linkerd.io/v1alpha1}): authorizes the
 * clients that pass the referenced authentications to reach the target Server. Preferred over the
 * legacy ServerAuthorization, whose selector matches Servers by their labels.
 */
@Group("policy.linkerd.io")
@Version("v1alpha1")
public final class AuthorizationPolicy extends CustomObject<AuthorizationPolicy.Spec> {
  /** For deserialization. */
  public AuthorizationPolicy() {}

  /** An AuthorizationPolicy with metadata and spec. */
  public AuthorizationPolicy(ObjectMeta metadata, Spec spec) {
    super(metadata, spec);
  }

  /** {@code spec}: the target and the required authentications. */
  public record Spec(Ref targetRef, List<Ref> requiredAuthenticationRefs) {}

  /** A reference to a policy object by group, kind and name. */
  public record Ref(String group, String kind, String name) {}
}
