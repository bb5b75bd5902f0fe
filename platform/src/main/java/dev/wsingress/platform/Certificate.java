package dev.wsingress.platform;

import dev.wsingress.CustomObject;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;

/** cert-manager's {@code Certificate} ({@code cert-manager.io/v1}), the fields wsingress uses. */
@Group("cert-manager.io")
@Version("v1")
public final class Certificate extends CustomObject<Certificate.Spec> {
  /** For deserialization. */
  public Certificate() {}

  /** A Certificate with metadata and spec. */
  public Certificate(ObjectMeta metadata, Spec spec) {
    super(metadata, spec);
  }

  /** {@code spec}: the Secret to write, the issuer, the DNS names. */
  public record Spec(String secretName, IssuerRef issuerRef, List<String> dnsNames) {}

  /** {@code spec.issuerRef}. */
  public record IssuerRef(String group, String kind, String name) {}
}
