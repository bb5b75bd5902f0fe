package dev.wsingress.gatewayapi;

import dev.wsingress.Manifest;
import dev.wsingress.Manifests;
import dev.wsingress.Reading;

/**
 * The Gateway API target's reader: the GatewayClasses, Gateways, BackendTLSPolicies and Envoy
 * Gateway policies of the input are indexed once, then every HTTPRoute of {@code
 * gateway.networking.k8s.io} with a Gateway parent is read ({@link HttpRouteReader}).
 *
 * <p>Which implementation serves a route is decided from the input: the GatewayClass of its parent
 * Gateway ({@code spec.controllerName}; Envoy Gateway's is {@link
 * EnvoyGatewayPolicies#GATEWAY_CONTROLLER}); when the Gateway or its GatewayClass is not in the
 * input, an Envoy Gateway BackendTrafficPolicy or ClientTrafficPolicy that targets the route, one
 * of its rules or its Gateway says Envoy Gateway (only Envoy Gateway reads them); otherwise the
 * implementation is unknown, and only the Gateway API's own rules apply.
 */
final class GatewayApiReader {
  private GatewayApiReader() {}

  static void read(GatewayApi target, Manifests in, Reading out) {
    if (in.objects("HTTPRoute").isEmpty()
        && in.objects("Gateway").isEmpty()
        && in.objects("BackendTLSPolicy").isEmpty()
        && in.objects("GatewayClass").isEmpty()) {
      return; // nothing of the Gateway API: skip building the indexes
    }
    Gateways gateways = new Gateways(in, out);
    EnvoyGatewayPolicyReader envoy = new EnvoyGatewayPolicyReader(in, out);
    BackendTlsPolicyReader backendTls = new BackendTlsPolicyReader(in, out);
    HttpRouteReader routes =
        new HttpRouteReader(target, in, out, gateways, envoy, backendTls, new OwnOutput(in));
    java.util.List<Manifest> all = in.objects(Gateways.GROUP, "HTTPRoute");
    routes.prepare(all);
    for (Manifest route : all) {
      routes.read(route);
    }
  }
}
