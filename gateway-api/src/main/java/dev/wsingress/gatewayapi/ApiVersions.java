package dev.wsingress.gatewayapi;

import dev.wsingress.Manifest;
import dev.wsingress.Reading;
import java.util.Set;

/** The API versions of Gateway API objects that the reader flags. */
final class ApiVersions {
  private ApiVersions() {}

  /** The kinds that had a {@code v1beta1} version before they went GA as {@code v1}. */
  private static final Set<String> BETA_KINDS = Set.of("HTTPRoute", "Gateway", "GatewayClass");

  /**
   * Reports {@code v1beta1} HTTPRoutes, Gateways and GatewayClasses: they are GA as {@code v1}
   * since Gateway API v1.0 (CHANGELOG/1.0-CHANGELOG.md "Gateway, GatewayClass, and HTTPRoute are
   * GA"), {@code v1} is the storage version, and "Beta API versions are being phased out in Gateway
   * API" (v1.6.1 site/content/en/docs/concepts/versioning.md); v1.6.1 still serves v1beta1
   * (config/crd/standard/gateway.networking.k8s.io_httproutes.yaml {@code served: true, storage:
   * false}). And BackendTLSPolicy {@code v1alpha3}: "deprecated and will be removed", not served by
   * the standard CRDs from v1.4.0 (config/crd/standard/
   * gateway.networking.k8s.io_backendtlspolicies.yaml {@code served: false}), served by the
   * experimental ones (v1.6.1 config/crd/experimental).
   */
  static void check(Manifest m, Reading out) {
    String version = m.apiVersion().substring(m.apiVersion().indexOf('/') + 1);
    if (version.equals("v1beta1") && BETA_KINDS.contains(m.kind())) {
      out.report(
          m,
          // kubernetes-sigs/gateway-api v1.6.1
          // config/crd/standard/gateway.networking.k8s.io_httproutes.yaml: v1 is the storage
          // version, v1beta1 served: true, storage: false
          GatewayApiFinding.V1BETA1,
          m.source("/apiVersion"),
          m.kind()
              + " "
              + m.apiVersion()
              + " is a beta version the Gateway API is phasing out; "
              + m.kind()
              + " is GA as "
              + Gateways.GROUP
              + "/v1 since Gateway API v1.0, with the same fields.");
    } else if (version.equals("v1alpha3") && m.kind().equals("BackendTLSPolicy")) {
      out.report(
          m,
          // kubernetes-sigs/gateway-api v1.6.1
          // config/crd/standard/gateway.networking.k8s.io_backendtlspolicies.yaml: v1alpha3 served:
          // false
          GatewayApiFinding.BACKEND_TLS_POLICY_V1ALPHA3,
          m.source("/apiVersion"),
          "BackendTLSPolicy "
              + m.apiVersion()
              + " is deprecated: the standard-channel CRDs do not serve it from Gateway API"
              + " v1.4 (only the experimental ones do), so the API server refuses it there;"
              + " BackendTLSPolicy is "
              + Gateways.GROUP
              + "/v1 since v1.4.");
    }
  }
}
