package dev.wsingress.traefik;

import dev.wsingress.CustomObject;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;

/**
 * Traefik's {@code ServersTransport} ({@code traefik.io/v1alpha1}): how Traefik connects to the
 * pods. This type has no {@code insecureSkipVerify}: wsingress never skips TLS verification.
 */
@Group("traefik.io")
@Version("v1alpha1")
public final class ServersTransport extends CustomObject<ServersTransport.Spec> {
  /** For deserialization. */
  public ServersTransport() {}

  /** A ServersTransport with metadata and spec. */
  public ServersTransport(ObjectMeta metadata, Spec spec) {
    super(metadata, spec);
  }

  /** {@code spec}: server name and CAs for TLS backends, and timeouts. */
  public record Spec(
      String serverName, List<RootCa> rootCAs, ForwardingTimeouts forwardingTimeouts) {}

  /** {@code spec.rootCAs[]}: a Secret holding the CA as {@code ca.crt} or {@code tls.ca}. */
  public record RootCa(String secret) {}

  /** {@code spec.forwardingTimeouts}: the dial timeout, as a Go duration. */
  public record ForwardingTimeouts(String dialTimeout) {}
}
