package dev.wsingress.platform;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.wsingress.CustomObject;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;

/**
 * cert-manager's {@code ClusterIssuer} ({@code cert-manager.io/v1}, cluster-scoped) for ACME with
 * HTTP-01 challenges through an Ingress: {@code http01.ingress.ingressClassName} (cert-manager 1.12
 * and newer), or {@code http01.ingress.class} (the {@code kubernetes.io/ingress.class} annotation)
 * for controllers that ship no IngressClass object, such as Istio.
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

  /**
   * {@code solvers[].http01.ingress}: the solver Ingress's class, as {@code ingressClassName} or as
   * the {@code class} annotation (one of the two; cert-manager refuses both).
   */
  public record IngressSolver(
      String ingressClassName, @JsonProperty("class") String ingressClassAnnotation) {
    /** The class as {@code ingressClassName}, as {@link #byClassName}. */
    public IngressSolver(String ingressClassName) {
      this(ingressClassName, null);
    }

    /** The class as the solver Ingress's {@code spec.ingressClassName}. */
    public static IngressSolver byClassName(String ingressClass) {
      return new IngressSolver(ingressClass, null);
    }

    /** The class as the solver Ingress's {@code kubernetes.io/ingress.class} annotation. */
    public static IngressSolver byAnnotation(String ingressClass) {
      return new IngressSolver(null, ingressClass);
    }
  }
}
