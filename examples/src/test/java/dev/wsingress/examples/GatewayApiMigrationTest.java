package dev.wsingress.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.Finding;
import dev.wsingress.Rendering;
import dev.wsingress.testing.SchemaConformance;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import org.junit.jupiter.api.Test;

/** The seed's full ingress-nginx Ingress, moved to the Gateway API. */
class GatewayApiMigrationTest {

  @Test
  void the_standard_cannot_carry_the_rate_and_connection_limits() {
    assertThat(GatewayApiMigration.blockers(NginxSeeds.fullIngress()))
        .extracting(Finding::code)
        .containsExactly("GATEWAYAPI-RATE-LIMIT", "GATEWAYAPI-MAX-CONNECTIONS");
  }

  @Test
  void the_lenient_rendering_keeps_routes_tls_cors_and_stickiness() {
    Rendering r = GatewayApiMigration.render(NginxSeeds.fullIngress());

    assertThat(r.findings())
        .extracting(f -> f.severity() + " " + f.code())
        .containsExactly(
            "WARNING GATEWAYAPI-IDLE-TIMEOUT",
            "WARNING GATEWAYAPI-RATE-LIMIT",
            "WARNING GATEWAYAPI-MAX-CONNECTIONS",
            "WARNING GATEWAYAPI-CORS-HANDSHAKE",
            "WARNING GATEWAYAPI-SESSION-PERSISTENCE-EXPERIMENTAL");
    assertThat(r.objects())
        .extracting(o -> o.getKind() + " " + o.getMetadata().getName())
        .containsExactly(
            "Service websocket-service",
            "Gateway websocket-ingress",
            "HTTPRoute websocket-ingress",
            "HTTPRoute websocket-ingress-redirect");
    HTTPRoute route = r.objects(HTTPRoute.class).get(0);
    assertThat(route.getSpec().getRules().get(0).getTimeouts())
        .as("no hard request timeout, unlike ingress2gateway's 10 x 3600 s")
        .isNull();
    assertThat(route.getSpec().getRules().get(0).getSessionPersistence().getSessionName())
        .isEqualTo("ws-server");
    assertThat(route.getSpec().getRules().get(0).getFilters().get(0).getCors().getAllowOrigins())
        .containsExactly("*");
    assertThat(r.only(Service.class).getSpec().getPorts().get(0).getAppProtocol())
        .isEqualTo("kubernetes.io/ws");
    SchemaConformance.assertValidExperimental(r);
  }
}
