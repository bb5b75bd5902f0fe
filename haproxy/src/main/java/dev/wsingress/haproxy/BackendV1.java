package dev.wsingress.haproxy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.wsingress.CustomObject;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The haproxytech {@code Backend} custom resource of the older API, {@code
 * ingress.v1.haproxy.org/v1}: the only Backend that controllers 3.0 and 3.1 read
 * (crs/definition/ingress.v1.haproxy.org_backends.yaml; {@code ingress.v3.haproxy.org} first ships
 * in v3.2.0, which still reads this one as deprecated, pkg/k8s/crs-deprecated-v1.go). The backend
 * section sits under {@code spec.config} (client-native v5 models, the same field names as {@link
 * Backend}) and needs a {@code name}, which the controller replaces with its own backend name
 * (pkg/service/service.go {@code getBackendModel}). Every timeout is an integer number of
 * milliseconds.
 */
@Group("ingress.v1.haproxy.org")
@Version("v1")
@Kind("Backend")
public final class BackendV1 extends CustomObject<BackendV1.Spec> {
  /** For deserialization. */
  public BackendV1() {}

  /** A Backend with metadata and spec. */
  public BackendV1(ObjectMeta metadata, Spec spec) {
    super(metadata, spec);
  }

  /** {@code spec}: the backend section under {@code config}. */
  public record Spec(Config config) {}

  /** {@code spec.config}: the fields of {@link Backend.Spec} and the required {@code name}. */
  public record Config(
      String name,
      String mode,
      @JsonProperty("tunnel_timeout") Long tunnelTimeout,
      @JsonProperty("connect_timeout") Long connectTimeout,
      Backend.Balance balance,
      Backend.Cookie cookie,
      @JsonProperty("dynamic_cookie_key") String dynamicCookieKey,
      @JsonProperty("adv_check") String advCheck,
      @JsonProperty("httpchk_params") Backend.HttpCheck httpchkParams,
      @JsonProperty("default_server") Backend.DefaultServer defaultServer) {

    /** The same backend section in the v1 layout. */
    static Config of(String name, Backend.Spec s) {
      return new Config(
          name,
          s.mode(),
          s.tunnelTimeout(),
          s.connectTimeout(),
          s.balance(),
          s.cookie(),
          s.dynamicCookieKey(),
          s.advCheck(),
          s.httpchkParams(),
          s.defaultServer());
    }
  }
}
