package dev.wsingress.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wsingress.Doctor;
import dev.wsingress.Finding;
import dev.wsingress.Manifests;
import dev.wsingress.Rendering;
import dev.wsingress.Report;
import dev.wsingress.Targets;
import dev.wsingress.UnsupportedFeatureException;
import dev.wsingress.gatewayapi.GatewayApi;
import dev.wsingress.linkerd.AuthorizationPolicy;
import dev.wsingress.linkerd.Linkerd;
import dev.wsingress.linkerd.MeshTLSAuthentication;
import dev.wsingress.linkerd.Server;
import dev.wsingress.platform.Platform;
import dev.wsingress.testing.SchemaConformance;
import io.fabric8.kubernetes.api.model.Service;
import org.junit.jupiter.api.Test;

/** The seed's Linkerd snippets, rebuilt with nginx and the platform Service, end to end. */
class LinkerdSeedTest {
  private final Rendering r =
      Targets.render(
          LinkerdSeeds.app(), LinkerdSeeds.ingress(), LinkerdSeeds.target(), Platform.target());

  @Test
  void the_server_is_current_and_valid() {
    Server server = r.only(Server.class);
    assertThat(server.getApiVersion()).isEqualTo("policy.linkerd.io/v1beta3");
    assertThat(server.getSpec().proxyProtocol()).isEqualTo("HTTP/1");
    assertThat(server.getSpec().podSelector().getMatchLabels()).containsEntry("app", "websocket");
    assertThat(server.getSpec().port().getIntVal()).isEqualTo(8080);
    assertThat(r.toYaml()).doesNotContain("ServerAuthorization").doesNotContain("HTTP/1.1");
  }

  @Test
  void the_ingress_controller_and_the_seed_client_are_authorized_by_service_account() {
    MeshTLSAuthentication clients = r.only(MeshTLSAuthentication.class);
    assertThat(clients.getSpec().identityRefs())
        .containsExactly(
            new MeshTLSAuthentication.IdentityRef("ServiceAccount", "websocket-client", "default"),
            new MeshTLSAuthentication.IdentityRef(
                "ServiceAccount", "ingress-nginx", "ingress-nginx"));
    assertThat(clients.getSpec().identities()).isNull();
    AuthorizationPolicy policy = r.only(AuthorizationPolicy.class);
    assertThat(policy.getSpec().targetRef().name())
        .isEqualTo(r.only(Server.class).getMetadata().getName());
    assertThat(policy.getSpec().requiredAuthenticationRefs().get(0).name())
        .isEqualTo(clients.getMetadata().getName());
  }

  @Test
  void injection_goes_on_the_pod_template_never_the_service() {
    assertThat(r.only(Service.class).getMetadata().getAnnotations()).isNullOrEmpty();
    assertThat(r.finding("LINKERD-POD-ANNOTATIONS").orElseThrow().message())
        .contains("\"linkerd.io/inject\":\"enabled\"")
        .contains("\"config.linkerd.io/proxy-memory-request\":\"20Mi\"");
    assertThat(r.findings()).extracting(Finding::code).contains("NGINX-RETIRED");
    // The seed authorizes ingress-nginx's account; only a meshed controller carries it.
    assertThat(r.finding("LINKERD-INGRESS-ACCOUNT").orElseThrow().message())
        .isEqualTo(
            "ServiceAccount ingress-nginx/ingress-nginx of the ingress-nginx target is authorized,"
                + " but only a meshed pod carries that identity: add linkerd.io/inject: enabled to"
                + " the controller's pod template (Helm controller.podAnnotations; not to its"
                + " namespace, whose admission Jobs would never finish), and set"
                + " nginx.ingress.kubernetes.io/service-upstream: \"true\" on the Ingress so that"
                + " it connects to the Service, as Linkerd's ingress guide asks.");
    SchemaConformance.assertValid(r);
  }

  @Test
  void gateway_api_appprotocol_on_the_same_port_is_refused() {
    UnsupportedFeatureException e =
        catchThrowableOfType(
            UnsupportedFeatureException.class,
            () ->
                Targets.render(
                    LinkerdSeeds.app(),
                    GatewayApi.target().withGateway("eg"),
                    Linkerd.target().allowFrom(Linkerd.ingressNginx()),
                    Platform.target()));

    assertThat(e.errors()).extracting(Finding::code).containsExactly("LINKERD-APP-PROTOCOL-OPAQUE");
    assertThat(e.errors().get(0).message())
        .isEqualTo(
            "Gateway API sets appProtocol kubernetes.io/ws, which Linkerd 2.18 and newer read as"
                + " opaque TCP (rendering for 2.20): meshed clients would send the socket as TCP,"
                + " which the Server's proxyProtocol HTTP/1 does not authorize.");
  }

  /** Seed 000's "Linkerd Configuration" snippet, as the seed writes it. */
  static final String SEED_AS_WRITTEN =
      """
      apiVersion: policy.linkerd.io/v1beta1
      kind: ServerAuthorization
      metadata:
        name: websocket-authz
        namespace: default
      spec:
        server:
          selector:
            matchLabels:
              app: websocket
        client:
          meshTLS:
            identities:
              - 'cluster.local/ns/default/sa/websocket-client'
      ---
      apiVersion: policy.linkerd.io/v1beta1
      kind: Server
      metadata:
        name: websocket-server
        namespace: default
      spec:
        podSelector:
          matchLabels:
            app: websocket
        port: 8080
        proxyProtocol: 'HTTP/1.1' # WebSocket requires HTTP/1.1
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: websocket-service
        namespace: default
        annotations:
          linkerd.io/inject: enabled
          config.linkerd.io/proxy-cpu-request: '100m'
          config.linkerd.io/proxy-memory-request: '20Mi'
          config.linkerd.io/proxy-cpu-limit: '1'
          config.linkerd.io/proxy-memory-limit: '250Mi'
      spec:
        ports:
          - port: 8080
            targetPort: 8080
            protocol: TCP
        selector:
          app: websocket
      """;

  @Test
  void the_doctor_finds_every_mistake_this_rebuild_corrects_in_the_seed_as_written() {
    Report report =
        Doctor.with(Linkerd.target()).check(Manifests.parse(SEED_AS_WRITTEN, "seed-000.yaml"));
    assertThat(report.findings())
        .extracting(f -> f.severity() + " " + f.code() + " " + f.source().orElseThrow().line())
        .containsExactly(
            "INFO LINKERD-SERVER-AUTHORIZATION 2",
            "INFO LINKERD-REF-NOT-IN-INPUT 8",
            "WARNING LINKERD-IDENTITY-FORM 14",
            "WARNING LINKERD-DEPRECATED-VERSION 16",
            "ERROR LINKERD-POLICY-REFUSED 26",
            "WARNING LINKERD-ANNOTATION-IGNORED 34",
            "WARNING LINKERD-ANNOTATION-IGNORED 35",
            "WARNING LINKERD-ANNOTATION-IGNORED 36",
            "WARNING LINKERD-ANNOTATION-IGNORED 37",
            "WARNING LINKERD-ANNOTATION-IGNORED 38");
    // The rebuild, read back, keeps none of them.
    assertThat(
            Doctor.with(Linkerd.target())
                .check(Manifests.parse(r.toYaml(), "rebuilt.yaml"))
                .findings())
        .isEmpty();
  }
}
