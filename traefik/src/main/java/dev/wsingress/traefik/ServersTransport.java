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

  /**
   * {@code spec}: server name and CAs for TLS backends, and timeouts. The CA Secret goes in {@code
   * rootCAs} from Traefik v3.4 on and in {@code rootCAsSecrets} before (see {@code Releases}): the
   * target writes one of the two, never both.
   */
  public record Spec(
      String serverName,
      List<RootCa> rootCAs,
      List<String> rootCAsSecrets,
      ForwardingTimeouts forwardingTimeouts) {}

  /**
   * {@code spec.rootCAs[]} (Traefik v3.4 or newer): a Secret holding the CA as {@code ca.crt} or
   * {@code tls.ca} (traefik v3.7.9 pkg/provider/kubernetes/crd/kubernetes.go {@code loadCASecret}).
   */
  public record RootCa(String secret) {}

  /** {@code spec.forwardingTimeouts}: the dial timeout, as a Go duration. */
  public record ForwardingTimeouts(String dialTimeout) {}
}
