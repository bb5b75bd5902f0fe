package dev.wsingress.platform;

import dev.wsingress.CustomObject;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;

/**
 * cert-manager's {@code ClusterIssuer} ({@code cert-manager.io/v1}, cluster-scoped) for ACME with
 * HTTP-01 challenges through an IngressClass ({@code http01.ingress.ingressClassName}, the
 * recommended one of {@code class}, {@code name} and {@code ingressClassName}).
 */
@Group("cert-manager.io")
@Version("v1")
public final class ClusterIssuer extends CustomObject<ClusterIssuer.Spec> {
  /** For deserialization. */
  public ClusterIssuer() {}

  /** A ClusterIssuer with metadata and spec. */
  public ClusterIssuer(ObjectMeta metadata, Spec spec) {
    super(metadata, spec);
  }

  /** {@code spec}. */
  public record Spec(Acme acme) {}

  /** {@code spec.acme}: the directory, the account, the solvers. */
  public record Acme(
      String server, String email, SecretRef privateKeySecretRef, List<Solver> solvers) {}

  /** {@code privateKeySecretRef}: the Secret holding the ACME account key. */
  public record SecretRef(String name) {}

  /** {@code solvers[]}. */
  public record Solver(Http01 http01) {}

  /** {@code solvers[].http01}. */
  public record Http01(IngressSolver ingress) {}

  /** {@code solvers[].http01.ingress}. */
  public record IngressSolver(String ingressClassName) {}
}
