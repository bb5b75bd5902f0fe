package dev.wsingress.linkerd;

import static dev.wsingress.testing.Renderings.codes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wsingress.Affinity;
import dev.wsingress.BackendProtocol;
import dev.wsingress.Finding;
import dev.wsingress.InvalidSpecException;
import dev.wsingress.Rendering;
import dev.wsingress.Severity;
import dev.wsingress.Target;
import dev.wsingress.Targets;
import dev.wsingress.UnsupportedFeatureException;
import dev.wsingress.Version;
import dev.wsingress.WebSocketApp;
import dev.wsingress.Workload;
import dev.wsingress.platform.Platform;
import dev.wsingress.testing.Renderings;
import dev.wsingress.testing.SampleApps;
import dev.wsingress.testing.SchemaConformance;
import dev.wsingress.testing.StandInTarget;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

  private static final Target NGINX =
      // what the nginx target contributes (Nginx.contribute), under a name that says ingress-nginx
      StandInTarget.of(
          "ingress-nginx", needs -> needs.trafficFrom("ingress-nginx", "ingress-nginx"));

  @Test
  void withIngressNginxAndPlatform() {
    Rendering r = Targets.render(SampleApps.minimal(), NGINX, Linkerd.target(), Platform.target());

    assertThat(codes(r))
        .containsExactly(
            "WARNING LINKERD-INGRESS-ACCOUNT",
            "INFO LINKERD-VERSION-GATED",
            "INFO LINKERD-DENY-BY-DEFAULT",
            "WARNING LINKERD-POD-ANNOTATIONS",
            "INFO LINKERD-TIMEOUTS");
    assertThat(r.findings())
        .contains(
            // P11: an identity-only MeshTLSAuthentication needs a meshed controller.
            new Finding(
                "LINKERD-INGRESS-ACCOUNT",
                Severity.WARNING,
                "Server default/websocket-service",
                "the test ingress-nginx target renders in the same set, so its default"
                    + " ServiceAccount ingress-nginx/ingress-nginx is authorized, but only a meshed"
                    + " pod carries that identity: add linkerd.io/inject: enabled to the"
                    + " controller's pod template (Helm controller.podAnnotations; not to its"
                    + " namespace, whose admission Jobs would never finish), and set"
                    + " nginx.ingress.kubernetes.io/service-upstream: \"true\" on the Ingress so"
                    + " that it connects to the Service, as Linkerd's ingress guide asks.",
                "Mesh the controller's pods as described before applying; if it runs under"
                    + " another ServiceAccount, name that with .allowFrom(...)."),
            new Finding(
                "LINKERD-VERSION-GATED",
                Severity.INFO,
                "Server default/websocket-service",
                "Server policy.linkerd.io/v1beta3 with accessPolicy needs Linkerd 2.16 or newer"
                    + " (rendering for 2.20).",
                "Render with .version(...) for the Linkerd release the cluster runs; releases"
                    + " before 2.16 are not supported."),
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
  void an_ingress_controller_left_out_of_allow_from_is_named() {
    Rendering r =
        Targets.render(SampleApps.minimal(), NGINX, Linkerd.target().allowFrom(Linkerd.traefik()));

    assertThat(r.findings("LINKERD-INGRESS-ACCOUNT"))
        .extracting(Finding::message)
        .containsExactly(
            "the test ingress-nginx target renders in the same set, but its default"
                + " ServiceAccount ingress-nginx/ingress-nginx is not one of .allowFrom(...):"
                + " unless the controller runs under one of them, its requests are refused.");
  }

  @Test
  void with_sticky_sessions_nginx_keeps_its_own_choice_of_pod() {
    WebSocketApp app =
        WebSocketApp.on("ws.example.com")
            .service("websocket-service", 8080)
            .stickySessions(Affinity.cookie("ws-server"))
            .build();

    Rendering r = Targets.render(app, NGINX, Linkerd.target());

    assertThat(r.finding("LINKERD-INGRESS-ACCOUNT").orElseThrow().message())
        .endsWith(
            "whose admission Jobs would never finish), and leave out"
                + " nginx.ingress.kubernetes.io/service-upstream, which would hand the choice of"
                + " pod to Linkerd and lose the sticky sessions.");
  }

  @Test
  void an_https_backend_gets_a_tls_server() {
    WebSocketApp app =
        WebSocketApp.on("ws.example.com")
            .service("websocket-service", 8443)
            .backendProtocol(BackendProtocol.HTTPS)
            .backendCaSecret("backend-ca")
            .build();

    Rendering r = Linkerd.target().allowFrom(Linkerd.ingressNginx()).render(app);

    // P2: a Server for HTTP/1 authorizes no TCP connection, and TLS from the client is one.
    assertThat(r.only(Server.class).getSpec().proxyProtocol()).isEqualTo("TLS");
    assertThat(Linkerd.target().allowFrom(Linkerd.ingressNginx()).render(SampleApps.minimal()))
        .extracting(x -> x.only(Server.class).getSpec().proxyProtocol())
        .isEqualTo("HTTP/1");
    // Istio's or the Gateway API's appProtocol does not matter to a TLS Server.
    Rendering withWss =
        Targets.render(
            app,
            StandInTarget.of("gateway-api", needs -> needs.serviceAppProtocol("kubernetes.io/wss")),
            Linkerd.target().allowFrom(Linkerd.ingressNginx()),
            Platform.target());
    assertThat(withWss.finding("LINKERD-APP-PROTOCOL-OPAQUE")).isEmpty();
    check(r);
  }

  @Test
  void meshed_clients_reach_the_pods_on_the_proxy_port_through_the_network_policy() {
    WebSocketApp app =
        WebSocketApp.on("ws.example.com")
            .service("websocket-service", 8080)
            .workload(Workload.image("chat:1").egressTo("app", "redis", 6379))
            .build();

    Rendering r =
        Targets.render(app, NGINX, Linkerd.target().vizMetrics("linkerd-viz"), Platform.target());

    // P1: linkerd/website common-errors/network-policy.md; since 2.18 every meshed call
    // targets the inbound port (outboundTransportMode transport-header).
    NetworkPolicy policy = r.only(NetworkPolicy.class);
    assertThat(policy.getSpec().getIngress())
        .extracting(rule -> namespaces(rule.getFrom()) + " " + ports(rule.getPorts()))
        .containsExactly("[ingress-nginx] [8080, 4143]", "[linkerd-viz] [4191]");
    assertThat(policy.getSpec().getEgress())
        .extracting(rule -> ports(rule.getPorts()))
        .containsExactly(List.of(53, 53), List.of(6379, 4143), List.of(8080, 8086, 8090));
    assertThat(r.finding("CORE-NETWORK-POLICY").orElseThrow().message())
        .isEqualTo(
            "pods accept the app port and the mesh proxy's inbound port [4143] only from"
                + " namespaces [ingress-nginx], 4191 from linkerd-viz, and call only DNS, the"
                + " declared dependencies (on their port and [4143]) and the mesh control plane"
                + " [linkerd:8080,8086,8090]; namespaces are matched by"
                + " kubernetes.io/metadata.name.");
    check(r);
  }

  private static List<String> namespaces(List<NetworkPolicyPeer> peers) {
    return peers.stream()
        .map(p -> p.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"))
        .toList();
  }

  private static List<Integer> ports(List<NetworkPolicyPort> ports) {
    return ports.stream().map(p -> p.getPort().getIntVal()).toList();
  }

  @Test
  void the_oldest_and_the_newest_release_hold_the_proxy_differently_while_the_pod_drains() {
    WebSocketApp app =
        WebSocketApp.on("ws.example.com")
            .service("websocket-service", 8080)
            .workload(Workload.image("chat:1").drainTime(Duration.ofSeconds(60)))
            .build();

    Rendering oldest =
        Targets.render(app, NGINX, Linkerd.target().version("2.16"), Platform.target());
    Rendering newest = Targets.render(app, NGINX, Linkerd.target(), Platform.target());

    // P12: grace 90 s; the proxy waits 89 s. Before 2.20 the proxy is not a native sidecar,
    // and the injector refuses the wait together with an installation-wide nativeSidecar.
    assertThat(annotations(oldest))
        .containsExactly(
            Map.entry("config.alpha.linkerd.io/proxy-enable-native-sidecar", "false"),
            Map.entry("config.alpha.linkerd.io/proxy-wait-before-exit-seconds", "89"),
            Map.entry("linkerd.io/inject", "enabled"));
    assertThat(annotations(newest))
        .containsExactly(
            Map.entry("config.alpha.linkerd.io/proxy-wait-before-exit-seconds", "89"),
            Map.entry("linkerd.io/inject", "enabled"));
    assertThat(oldest.finding("CORE-DRAIN").orElseThrow().message())
        .endsWith(
            " Sidecars: Linkerd 2.16 runs its proxy as an ordinary container, which refuses new"
                + " requests once it gets its SIGTERM as the pod starts to stop, so"
                + " config.alpha.linkerd.io/proxy-wait-before-exit-seconds: \"89\" keeps it"
                + " serving until 89 s (config.alpha.linkerd.io/proxy-enable-native-sidecar:"
                + " \"false\", which that wait needs before 2.20).");
    assertThat(newest.finding("CORE-DRAIN").orElseThrow().message())
        .endsWith(
            " Sidecars: Linkerd 2.20 runs its proxy as a native sidecar, which Kubernetes stops"
                + " only after the app container; where native sidecars are turned off,"
                + " config.alpha.linkerd.io/proxy-wait-before-exit-seconds: \"89\" keeps it"
                + " serving until 89 s.");
    assertThat(oldest.finding("LINKERD-VERSION-GATED").orElseThrow().message())
        .isEqualTo(
            "Server policy.linkerd.io/v1beta3 with accessPolicy needs Linkerd 2.16 or newer"
                + " (rendering for 2.16).");
    assertThat(Linkerd.target().versions().get(0)).isEqualTo(Version.of(2, 16));
    assertThat(Linkerd.target().version()).contains(Version.of(2, 20));
    assertThat(Linkerd.target().version("v2.18.1").version()).contains(Version.of(2, 18));
    assertThat(unresolved(oldest.objects())).isEmpty();
    SchemaConformance.assertValid(oldest);
    check(newest);
  }

  @Test
  void without_the_platform_the_patch_carries_the_proxy_wait_too() {
    WebSocketApp app =
        WebSocketApp.on("ws.example.com")
            .service("websocket-service", 8080)
            .workload(Workload.image("chat:1"))
            .build();

    Rendering r = Linkerd.target().version("2.19").allowFrom(Linkerd.ingressNginx()).render(app);

    assertThat(r.finding("LINKERD-POD-ANNOTATIONS").orElseThrow().message())
        .endsWith(
            "'{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{"
                + "\"config.alpha.linkerd.io/proxy-enable-native-sidecar\":\"false\","
                + "\"config.alpha.linkerd.io/proxy-wait-before-exit-seconds\":\"59\","
                + "\"linkerd.io/inject\":\"enabled\"}}}}}'");
  }

  private static Map<String, String> annotations(Rendering r) {
    return r.only(Deployment.class).getSpec().getTemplate().getMetadata().getAnnotations();
  }

  @Test
  void before_2_18_linkerd_does_not_read_app_protocol() {
    Target gatewayApi =
        StandInTarget.of("gateway-api", needs -> needs.serviceAppProtocol("kubernetes.io/ws"));
    Linkerd linkerd = Linkerd.target().allowFrom(Linkerd.ingressNginx());

    Rendering old =
        Targets.render(
            SampleApps.minimal(), gatewayApi, linkerd.version("2.17"), Platform.target());
    UnsupportedFeatureException e =
        catchThrowableOfType(
            UnsupportedFeatureException.class,
            () ->
                Targets.render(
                    SampleApps.minimal(), gatewayApi, linkerd.version("2.18"), Platform.target()));

    assertThat(old.finding("LINKERD-APP-PROTOCOL-OPAQUE")).isEmpty();
    assertThat(e.errors())
        .extracting(Finding::code, Finding::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "LINKERD-APP-PROTOCOL-OPAQUE",
                "test gateway-api sets appProtocol kubernetes.io/ws, which Linkerd 2.18 and newer"
                    + " read as opaque TCP (rendering for 2.18): meshed clients would send the"
                    + " socket as TCP, which the Server's proxyProtocol HTTP/1 does not"
                    + " authorize."));
  }

  @Test
  void the_authorized_clients_are_a_set() {
    Target traefik = StandInTarget.of("traefik", needs -> needs.trafficFrom("traefik", "traefik"));
    Target haproxy =
        StandInTarget.of(
            "haproxy",
            needs -> needs.trafficFrom("haproxy-controller", "haproxy-kubernetes-ingress"));

    Rendering one = Targets.render(SampleApps.minimal(), traefik, haproxy, Linkerd.target());
    Rendering other = Targets.render(SampleApps.minimal(), Linkerd.target(), haproxy, traefik);
    Rendering explicit =
        Linkerd.target()
            .allowFrom(Linkerd.traefik(), Linkerd.ingressNginx())
            .render(SampleApps.minimal());

    assertThat(one.toYaml()).isEqualTo(other.toYaml());
    assertThat(one.only(MeshTLSAuthentication.class).getSpec().identityRefs())
        .extracting(ref -> ref.namespace() + "/" + ref.name())
        .containsExactly("haproxy-controller/haproxy-kubernetes-ingress", "traefik/traefik");
    assertThat(explicit.only(MeshTLSAuthentication.class).getSpec().identityRefs())
        .extracting(ref -> ref.namespace() + "/" + ref.name())
        .containsExactly("ingress-nginx/ingress-nginx", "traefik/traefik");
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
            "INFO LINKERD-VERSION-GATED",
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

  @ParameterizedTest
  @ValueSource(
      strings = {
        "10.0.0.0/8",
        "0.0.0.0/0",
        "255.255.255.255/32",
        "192.168.1.0/24",
        "fd00::/8",
        "::/0",
        "::1/128",
        "2001:db8::/32",
        "2001:DB8:0:0:8:800:200C:417A/128",
        "::ffff:10.0.0.0/104",
        "1:2:3:4:5:6:7::/112"
      })
  void networks_are_ipv4_or_ipv6_cidrs(String cidr) {
    assertThat(Linkerd.target().allowNetwork(cidr).toString()).contains("networks=[" + cidr + "]");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        ":/0",
        "999.999.999.999/32",
        "256.0.0.0/8",
        "10.0.0/8",
        "10.0.0.0.0/8",
        "010.0.0.0/8",
        "10.0.0.0/33",
        "10.0.0.0/08",
        "10.0.0.0/",
        "10.0.0.0/8/8",
        "/8",
        "fd00::/129",
        ":::/0",
        "1::2::3/64",
        "12345::/16",
        "1:2:3:4:5:6:7:8:9/128",
        "1:2:3:4:5:6:7:8::/128",
        "1:2:3:4:5:6:7/112",
        "1.2.3.4::/64",
        "::1.2.3.4:5/64",
        "g::/8",
        "fd00::%eth0/8",
        " 10.0.0.0/8",
        ""
      })
  void anything_else_is_refused(String cidr) {
    assertThatThrownBy(() -> Linkerd.target().allowNetwork(cidr))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("must be a CIDR such as 10.0.0.0/8 or fd00::/8");
  }

  @Test
  void long_input_is_refused_without_recursion() {
    String colons = ":".repeat(100_000) + "/0";
    String digits = "1.".repeat(50_000) + "1/8";

    assertThatThrownBy(() -> Linkerd.target().allowNetwork(colons))
        .isInstanceOf(InvalidSpecException.class);
    assertThatThrownBy(() -> Linkerd.target().allowNetwork(digits))
        .isInstanceOf(InvalidSpecException.class);
  }

  @Test
  void a_service_account_is_checked_however_it_is_made() {
    // Issue 19 item 8: the public record's constructor skipped the checks of serviceAccount().
    assertThatThrownBy(() -> new Linkerd.ServiceAccount("Bad NS", null))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageStartingWith(
            "Linkerd is invalid (2 problems):\n  - serviceAccount.namespace = \"Bad NS\"")
        .hasMessageContaining("  - serviceAccount.name = null: is required");
    assertThat(new Linkerd.ServiceAccount("edge", "ingress-nginx"))
        .isEqualTo(Linkerd.serviceAccount("edge", "ingress-nginx"));
  }

  @Test
  void options_reject_bad_input() {
    assertThatThrownBy(() -> Linkerd.target().version("2.15"))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessage(
            "Linkerd is invalid (1 problem):\n  - version = \"2.15\": is not a release line this"
                + " target writes for (supported: 2.16 to 2.20). Fix: give one of [2.16, 2.17,"
                + " 2.18, 2.19, 2.20].");
    assertThatThrownBy(() -> Linkerd.target().vizMetrics("Linkerd Viz"))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("vizMetrics = \"Linkerd Viz\"");
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
    assertThat(Linkerd.target().version("2.17").vizMetrics("linkerd-viz"))
        .hasToString(
            "Linkerd[clients=[], accessPolicy=DENY, vizMetrics=linkerd-viz, version=2.17]");
  }
}
