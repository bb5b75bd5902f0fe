package dev.wsingress.linkerd;

import static dev.wsingress.testing.Renderings.codes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wsingress.Finding;
import dev.wsingress.InvalidSpecException;
import dev.wsingress.Rendering;
import dev.wsingress.Severity;
import dev.wsingress.Targets;
import dev.wsingress.UnsupportedFeatureException;
import dev.wsingress.WebSocketApp;
import dev.wsingress.platform.Platform;
import dev.wsingress.testing.Renderings;
import dev.wsingress.testing.SampleApps;
import dev.wsingress.testing.StandInTarget;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LinkerdTest {

  /** Every AuthorizationPolicy's target and authentications exist in the output. */
  static List<String> unresolved(List<HasMetadata> objects) {
    Set<String> present = new HashSet<>();
    for (HasMetadata o : objects) {
      present.add(o.getKind() + "/" + o.getMetadata().getName());
    }
    List<String> missing = new ArrayList<>();
    for (HasMetadata o : objects) {
      if (o instanceof AuthorizationPolicy p) {
        List<AuthorizationPolicy.Ref> refs =
            new ArrayList<>(p.getSpec().requiredAuthenticationRefs());
        refs.add(p.getSpec().targetRef());
        for (AuthorizationPolicy.Ref r : refs) {
          if (!present.contains(r.kind() + "/" + r.name())) {
            missing.add(p.getMetadata().getName() + " -> " + r.kind() + "/" + r.name());
          }
        }
      }
    }
    return missing;
  }

  static void check(Rendering r) {
    assertThat(unresolved(r.objects())).isEmpty();
    assertThat(r.toYaml()).doesNotContain("HTTP/1.1").doesNotContain("v1beta1");
    Renderings.verify(r);
  }

  @Test
  void withIngressNginxAndPlatform() {
    Rendering r =
        Targets.render(
            SampleApps.minimal(),
            // what the nginx target contributes (Nginx.contribute)
            StandInTarget.of("nginx", needs -> needs.trafficFrom("ingress-nginx", "ingress-nginx")),
            Linkerd.target(),
            Platform.target());

    assertThat(codes(r))
        .containsExactly(
            "INFO LINKERD-INGRESS-ACCOUNT",
            "INFO LINKERD-DENY-BY-DEFAULT",
            "WARNING LINKERD-POD-ANNOTATIONS",
            "INFO LINKERD-TIMEOUTS");
    assertThat(r.findings())
        .contains(
            new Finding(
                "LINKERD-INGRESS-ACCOUNT",
                Severity.INFO,
                "Server default/websocket-service",
                "the test nginx target renders in the same set, so its default ServiceAccount"
                    + " ingress-nginx/ingress-nginx is authorized.",
                "If the controller runs under another ServiceAccount, name it with"
                    + " .allowFrom(...); its pods must be meshed (linkerd.io/inject) for mesh TLS"
                    + " identities to work."),
            new Finding(
                "LINKERD-DENY-BY-DEFAULT",
                Severity.INFO,
                "Server default/websocket-service",
                "once this Server exists, only these clients reach port 8080: ServiceAccount"
                    + " ingress-nginx/ingress-nginx; everything else is refused.",
                "Add every other client with .allowFrom(...) or .allowNetwork(...) before"
                    + " applying."),
            new Finding(
                "LINKERD-POD-ANNOTATIONS",
                Severity.WARNING,
                "Deployment default/websocket-service",
                "no Deployment is rendered here, so the pod-template annotations must be applied:"
                    + " kubectl -n default patch deployment websocket-service --type merge -p"
                    + " '{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"linkerd.io/inject\":\"enabled\"}}}}}'",
                "Apply the patch to the app's Deployment (or annotate the namespace);"
                    + " annotations on a Service do nothing."));
    assertThat(r.toYaml()).doesNotContain("linkerd.io/inject");
    check(r);
  }

  @Test
  void explicitClientsNetworksAuditAndProxyResources() {
    WebSocketApp app =
        WebSocketApp.on("ws.example.com")
            .name("chat")
            .label("app", "websocket")
            .service("websocket-service", "http-ws")
            .build();

    Rendering r =
        Linkerd.target()
            .allowFrom(Linkerd.serviceAccount("default", "websocket-client"), Linkerd.traefik())
            .allowNetwork("10.0.0.0/8")
            .accessPolicy(Linkerd.AccessPolicy.AUDIT)
            .proxyResources("100m", "64Mi", "1", "256Mi")
            .render(app);

    assertThat(codes(r))
        .containsExactly(
            "INFO LINKERD-DENY-BY-DEFAULT",
            "WARNING LINKERD-AUDIT",
            "WARNING LINKERD-POD-ANNOTATIONS",
            "INFO LINKERD-TIMEOUTS");
    assertThat(r.finding("LINKERD-POD-ANNOTATIONS").orElseThrow().message())
        .endsWith(
            "'{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{"
                + "\"config.linkerd.io/proxy-cpu-limit\":\"1\","
                + "\"config.linkerd.io/proxy-cpu-request\":\"100m\","
                + "\"config.linkerd.io/proxy-memory-limit\":\"256Mi\","
                + "\"config.linkerd.io/proxy-memory-request\":\"64Mi\","
                + "\"linkerd.io/inject\":\"enabled\"}}}}}'");
    assertThat(r.objects(AuthorizationPolicy.class)).hasSize(2);
    check(r);
  }

  @Test
  void alone_it_would_lock_everyone_out() {
    UnsupportedFeatureException e =
        catchThrowableOfType(
            UnsupportedFeatureException.class, () -> Linkerd.target().render(SampleApps.minimal()));

    assertThat(e.errors())
        .containsExactly(
            new Finding(
                "LINKERD-NO-CLIENTS",
                Severity.ERROR,
                "Server default/websocket-service",
                "the Server denies every client no AuthorizationPolicy names, and none is named:"
                    + " the ingress controller could not reach the WebSocket pods.",
                "Name the clients with .allowFrom(Linkerd.serviceAccount(namespace, name)) or"
                    + " .allowNetwork(cidr), or render with the ingress target that calls the"
                    + " app."));
  }

  @Test
  void an_opaque_app_protocol_on_the_same_port_is_refused() {
    UnsupportedFeatureException e =
        catchThrowableOfType(
            UnsupportedFeatureException.class,
            () ->
                Targets.render(
                    SampleApps.minimal(),
                    StandInTarget.of(
                        "gateway-api", needs -> needs.serviceAppProtocol("kubernetes.io/ws")),
                    Linkerd.target().allowFrom(Linkerd.ingressNginx()),
                    Platform.target()));

    assertThat(e.errors())
        .extracting(Finding::code, Finding::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "LINKERD-APP-PROTOCOL-OPAQUE",
                "test gateway-api sets appProtocol kubernetes.io/ws, which Linkerd reads as"
                    + " opaque TCP: no HTTP features, and the Server's HTTP/1 protocol would not"
                    + " match."));
  }

  @Test
  void options_reject_bad_input() {
    assertThatThrownBy(() -> Linkerd.target().allowNetwork("10.0.0.0"))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessage(
            "Linkerd is invalid (1 problem):\n  - allowNetwork = \"10.0.0.0\": must be a CIDR such"
                + " as 10.0.0.0/8 or fd00::/8. Fix: give the network with its prefix length.");
    assertThatThrownBy(() -> Linkerd.target().proxyResources("100m", "64MB", "1", null))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageStartingWith("Linkerd is invalid (2 problems):");
    assertThatThrownBy(() -> Linkerd.target().allowFrom())
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("allowFrom = null: needs at least one ServiceAccount");
    assertThatThrownBy(() -> Linkerd.serviceAccount("Default", "sa"))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("serviceAccount.namespace = \"Default\"");
    assertThat(Linkerd.target().allowFrom(Linkerd.haproxy()).lenient())
        .hasToString(
            "Linkerd[clients=[ServiceAccount[namespace=haproxy-controller,"
                + " name=haproxy-kubernetes-ingress]], accessPolicy=DENY, lenient]");
  }
}
