package dev.wsingress.haproxy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.wsingress.CustomObject;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;

/**
 * The haproxytech {@code Backend} custom resource ({@code ingress.v3.haproxy.org/v3}, read by
 * controller 3.2 and newer; {@link BackendV1} before): an HAProxy backend section in the
 * controller's client-native field names, with the fields wsingress uses. Every timeout is an
 * integer number of <b>milliseconds</b> (documentation/custom-resources.md: "All timeout fields are
 * integer input interpreted as time in ms"). A Service or Ingress selects it with {@code
 * haproxy.org/cr-backend: <namespace>/<name>}; the controller then ignores the backend annotations,
 * so the two are never mixed.
 */
@Group("ingress.v3.haproxy.org")
@Version("v3")
public final class Backend extends CustomObject<Backend.Spec> {
  /** For deserialization. */
  public Backend() {}

  /** A Backend with metadata and spec. */
  public Backend(ObjectMeta metadata, Spec spec) {
    super(metadata, spec);
  }

  /** {@code spec}: the backend section. */
  public record Spec(
      String mode,
      @JsonProperty("tunnel_timeout") Long tunnelTimeout,
      @JsonProperty("connect_timeout") Long connectTimeout,
      Balance balance,
      Cookie cookie,
      @JsonProperty("dynamic_cookie_key") String dynamicCookieKey,
      @JsonProperty("adv_check") String advCheck,
      @JsonProperty("httpchk_params") HttpCheck httpchkParams,
      @JsonProperty("default_server") DefaultServer defaultServer) {}

  /** {@code spec.balance}: the algorithm ({@code leastconn}, {@code source}, {@code hdr}). */
  public record Balance(String algorithm, @JsonProperty("hdr_name") String hdrName) {}

  /** {@code spec.cookie}: {@code cookie <name> insert indirect nocache dynamic [attrs]}. */
  public record Cookie(
      String name,
      String type,
      Boolean indirect,
      Boolean nocache,
      Boolean dynamic,
      Boolean httponly,
      Boolean secure,
      List<Attr> attr) {}

  /**
   * {@code spec.cookie.attr[]}: an attribute added to Set-Cookie. HAProxy writes {@code ; path=/}
   * for an inserted cookie and appends the attributes after it (src/http_ana.c, v3.0.0 to v3.2.0),
   * so a {@code Path=} attribute comes last and wins (RFC 6265 section 5.3, step 7: "the last
   * attribute ... with an attribute-name of Path").
   */
  public record Attr(String value) {}

  /** {@code spec.httpchk_params}: {@code option httpchk <method> <uri>}. */
  public record HttpCheck(String method, String uri) {}

  /** {@code spec.default_server}: health checks of every server (pod). */
  public record DefaultServer(String check, Long inter, Long rise, Long fall) {}
}
