package dev.wsingress.linkerd;

import dev.wsingress.CustomObject;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Linkerd's {@code Server} ({@code policy.linkerd.io/v1beta3}, the storage version; v1beta1 and
 * v1alpha1 are deprecated): a port of the selected pods, its protocol and its default access
 * policy. Once a Server exists, only authorized clients reach the port.
 */
@Group("policy.linkerd.io")
@Version("v1beta3")
public final class Server extends CustomObject<Server.Spec> {
  /** For deserialization. */
  public Server() {}

  /** A Server with metadata and spec. */
  public Server(ObjectMeta metadata, Spec spec) {
    super(metadata, spec);
  }

  /**
   * {@code spec}: the pods, the port (number or pod port name), the protocol ({@code HTTP/1} —
   * never the invalid {@code HTTP/1.1} — or {@code TLS} for an HTTPS backend) and the access
   * policy.
   */
  public record Spec(
      LabelSelector podSelector, IntOrString port, String proxyProtocol, String accessPolicy) {}
}
