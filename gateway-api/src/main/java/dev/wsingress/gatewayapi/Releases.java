package dev.wsingress.gatewayapi;

import dev.wsingress.Rendering;
import dev.wsingress.Version;
import java.util.List;

/**
 * The release lines this target writes for and the fields that came later than the oldest, each
 * with the upstream file that says when. One place for these facts: the mappings ask it, and it
 * reports the {@code GATEWAYAPI-VERSION-GATED} findings.
 */
final class Releases {
  private Releases() {}

  /**
   * Gateway API release lines, oldest first. v1.2 is the oldest: {@code timeouts.request} became
   * standard in it (config/crd/standard/gateway.networking.k8s.io_httproutes.yaml has {@code
   * timeouts} from tag v1.2.0, not at v1.1.0); everything else the routes and the Gateway carry is
   * v1 since v1.0.
   */
  static final List<Version> GATEWAY_API =
      List.of(
          Version.of(1, 2), Version.of(1, 3), Version.of(1, 4), Version.of(1, 5), Version.of(1, 6));

  /**
   * The HTTPRoute CORS filter in the standard channel: gateway-api CHANGELOG/1.5-CHANGELOG.md
   * "moving to the Standard channel ... HTTPRoute CORS filter (GEP-1767)"; config/crd/standard has
   * {@code cors} from tag v1.5.0 (experimental only at v1.3.0 and v1.4.0, with other origin types:
   * v1.3 {@code AbsoluteURI} refuses {@code *}).
   */
  static final Version CORS_FILTER = Version.of(1, 5);

  /**
   * BackendTLSPolicy {@code gateway.networking.k8s.io/v1} in the standard channel:
   * CHANGELOG/1.4-CHANGELOG.md "Move BackendTLSPolicy to standard" (#4074);
   * config/crd/standard/gateway.networking.k8s.io_backendtlspolicies.yaml from tag v1.4.0 (before:
   * v1alpha3, experimental only).
   */
  static final Version BACKEND_TLS_POLICY = Version.of(1, 4);

  /**
   * {@code spec.rules[].name} in the standard channel: CHANGELOG/1.4-CHANGELOG.md "In the
   * `Standard` channel, we've now added a `Name` field to `HTTPRouteRule`" (GEP-995); the standard
   * CRD has it from tag v1.4.0, not at v1.3.0. Pattern and length are those of {@code SectionName}
   * (v1.6.1 CRD: {@code ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$}, at most
   * 253 characters); "This name MUST be unique within a Route if it is set."
   */
  static final Version RULE_NAME = Version.of(1, 4);

  /**
   * Envoy Gateway release lines whose policies this target writes, oldest first. v1.6 is the
   * oldest: it is the first to read BackendTLSPolicy v1 (go.mod sigs.k8s.io/gateway-api v1.4.0 at
   * tag v1.6.0) and to have {@code consistentHash.headers} (api/v1alpha1/loadbalancer_types.go
   * {@code Headers []*Header}, absent at v1.5.0).
   */
  static final List<Version> ENVOY_GATEWAY =
      List.of(Version.of(1, 6), Version.of(1, 7), Version.of(1, 8), Version.of(1, 9));

  /**
   * BackendTrafficPolicy {@code spec.timeout.http.streamIdleTimeout}, the per-route stream idle
   * timeout: envoyproxy/gateway api/v1alpha1/timeout_types.go {@code HTTPTimeout.StreamIdleTimeout}
   * exists from tag v1.8.0 (envoyproxy/gateway#8455), not at v1.7.0, where only the listener-wide
   * ClientTrafficPolicy {@code HTTPClientTimeout.StreamIdleTimeout} (since v1.5.0) has one.
   */
  static final Version ROUTE_STREAM_IDLE_TIMEOUT = Version.of(1, 8);

  static Version newest(List<Version> lines) {
    return lines.get(lines.size() - 1);
  }

  static Version oldest(List<Version> lines) {
    return lines.get(0);
  }

  /** Reports that a Gateway API field newer than the oldest supported line is written. */
  static void gatedGatewayApi(
      Rendering.Builder out, String subject, String field, Version since, Options o) {
    out.add(
        // kubernetes-sigs/gateway-api v1.6.1 CHANGELOG/1.5-CHANGELOG.md: the CORS filter is
        // standard from v1.5, BackendTLSPolicy and rules[].name from v1.4
        // (CHANGELOG/1.4-CHANGELOG.md)
        GatewayApiFinding.VERSION_GATED.at(
            subject,
            field
                + " needs Gateway API v"
                + since
                + " or newer (rendering for v"
                + o.version()
                + ")."));
  }

  /** Reports that an Envoy Gateway field newer than the oldest supported line is written. */
  static void gatedEnvoyGateway(
      Rendering.Builder out, String subject, String field, Version since, Options o) {
    out.add(
        // kubernetes-sigs/gateway-api v1.6.1 CHANGELOG/1.5-CHANGELOG.md: the CORS filter is
        // standard from v1.5, BackendTLSPolicy and rules[].name from v1.4
        // (CHANGELOG/1.4-CHANGELOG.md)
        GatewayApiFinding.VERSION_GATED.at(
            subject,
            field
                + " needs Envoy Gateway v"
                + since
                + " or newer (rendering for v"
                + o.envoyGateway()
                + ")."));
  }
}
