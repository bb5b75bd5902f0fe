package dev.wsingress.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.AcmeIssuer;
import dev.wsingress.Finding;
import dev.wsingress.Rendering;
import dev.wsingress.Severity;
import dev.wsingress.Target;
import dev.wsingress.Targets;
import dev.wsingress.Tls;
import dev.wsingress.WebSocketApp;
import dev.wsingress.Workload;
import dev.wsingress.Yaml;
import dev.wsingress.haproxy.HaProxy;
import dev.wsingress.istio.Istio;
import dev.wsingress.linkerd.Linkerd;
import dev.wsingress.linkerd.MeshTLSAuthentication;
import dev.wsingress.linkerd.Server;
import dev.wsingress.nginx.Nginx;
import dev.wsingress.platform.Certificate;
import dev.wsingress.platform.ClusterIssuer;
import dev.wsingress.platform.Platform;
import dev.wsingress.testing.SchemaConformance;
import dev.wsingress.testing.Snapshots;
import dev.wsingress.traefik.Traefik;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The facts each real target contributes about its own proxy reach the objects other targets
 * render: the platform NetworkPolicy, the Service affinity finding, the Certificate's namespace,
 * Linkerd's authorization. (The platform and Linkerd modules test with stand-ins.)
 */
class TrafficSourcesTest {
  private static final WebSocketApp APP = PlatformSeeds.app();

  private static List<String> allowedNamespaces(Rendering r) {
    List<String> namespaces = new ArrayList<>();
    for (NetworkPolicyPeer peer :
        r.only(NetworkPolicy.class).getSpec().getIngress().get(0).getFrom()) {
      LabelSelector selector = peer.getNamespaceSelector();
      namespaces.add(selector.getMatchLabels().get("kubernetes.io/metadata.name"));
    }
    return namespaces;
  }

  private static Rendering withPlatform(Target ingress) {
    return Targets.render(APP, ingress.lenient(), Platform.target().lenient());
  }

  @Test
  void each_ingress_target_names_the_namespace_its_traffic_comes_from() {
    assertThat(allowedNamespaces(withPlatform(Nginx.target()))).containsExactly("ingress-nginx");
    assertThat(allowedNamespaces(withPlatform(Traefik.target()))).containsExactly("traefik");
    assertThat(allowedNamespaces(withPlatform(Traefik.ingress()))).containsExactly("traefik");
    assertThat(allowedNamespaces(withPlatform(HaProxy.target())))
        .containsExactly("haproxy-controller");
    assertThat(allowedNamespaces(withPlatform(Istio.target()))).containsExactly("istio-system");
  }

  @Test
  void each_proxy_balancing_over_endpoints_is_named_in_the_service_affinity_finding() {
    for (Target t :
        List.of(
            Nginx.target(),
            Traefik.target(),
            HaProxy.target(),
            Istio.target(),
            GatewayApiMigration.target())) {
      assertThat(withPlatform(t).finding("CORE-SERVICE-AFFINITY").orElseThrow().message())
          .contains("(" + t.displayName() + " here)");
    }
  }

  @Test
  void istio_places_the_certificate_and_opens_egress_to_istiod() {
    Rendering r = withPlatform(Istio.target());

    assertThat(r.only(Certificate.class).getMetadata().getNamespace()).isEqualTo("istio-system");
    assertThat(r.finding("CORE-NETWORK-POLICY").orElseThrow().message())
        .contains("the mesh control plane [istio-system:15012]");
  }

  @Test
  void
      linkerd_authorizes_the_service_account_of_the_ingress_target_and_reaches_its_control_plane() {
    Rendering r =
        Targets.render(
            APP, Traefik.target().lenient(), Linkerd.target(), Platform.target().lenient());

    assertThat(r.only(MeshTLSAuthentication.class).getSpec().identityRefs())
        .extracting(ref -> ref.namespace() + "/" + ref.name())
        .containsExactly("traefik/traefik");
    assertThat(r.finding("CORE-NETWORK-POLICY").orElseThrow().message())
        .contains("the mesh control plane [linkerd:8080,8086,8090]");
  }

  @Test
  void linkerd_names_the_meshing_steps_of_each_real_ingress_controller() {
    // P11: linkerd/website tasks/using-ingress.md, per controller. The app pins by client IP,
    // so ingress-nginx must keep choosing the pods itself.
    assertThat(ingressAccount(Nginx.target()))
        .contains("ServiceAccount ingress-nginx/ingress-nginx is authorized")
        .contains("add linkerd.io/inject: enabled to the controller's pod template")
        .endsWith(
            "leave out nginx.ingress.kubernetes.io/service-upstream, which would hand the choice"
                + " of pod to Linkerd and lose the sticky sessions.");
    String ingressMode =
        "mesh the controller in ingress mode (linkerd.io/inject: ingress on its Deployment's pod"
            + " template, not its namespace), and make it strip any l5d-dst-override header"
            + " clients send, which ingress mode would otherwise follow (an open relay).";
    assertThat(ingressAccount(Traefik.target())).endsWith(ingressMode);
    assertThat(ingressAccount(Traefik.ingress())).endsWith(ingressMode);
  }

  @Test
  void haproxy_with_linkerd_is_meshed_in_the_default_mode_which_keeps_its_pod_choice_and_mtls() {
    // Review 12 R2: HAProxy writes no l5d-dst-override, so ingress mode would only follow a
    // client's header; the default mode forwards to HAProxy's pod with the pod's identity
    // (linkerd2-proxy release/v2.246.0 .. v2.359.0 linkerd/app/outbound/src/ingress.rs,
    // discover.rs), which the Server's MeshTLSAuthentication admits.
    Rendering r =
        Targets.render(
            APP, HaProxy.target().lenient(), Linkerd.target(), Platform.target().lenient());

    assertThat(r.toYaml()).doesNotContain("l5d-dst-override:").doesNotContain("request-set-header");
    assertThat(r.only(MeshTLSAuthentication.class).getSpec().identityRefs())
        .extracting(ref -> ref.namespace() + "/" + ref.name())
        .containsExactly("haproxy-controller/haproxy-kubernetes-ingress");
    assertThat(ingressAccount(HaProxy.target()))
        .isEqualTo(
            "the HAProxy Kubernetes Ingress (haproxytech) target renders in the same set, so its"
                + " default ServiceAccount haproxy-controller/haproxy-kubernetes-ingress is"
                + " authorized, but only a meshed pod carries that identity: add linkerd.io/inject:"
                + " enabled to the controller's pod template (Helm controller.podAnnotations), the"
                + " default mode: wsingress writes no l5d-dst-override for HAProxy, which picks the"
                + " pod itself, and Linkerd's proxy forwards each request to that pod over mTLS"
                + " with the controller's identity. Ingress mode, which Linkerd's guide pairs with"
                + " a haproxy.org/request-set-header l5d-dst-override per Service, would hand the"
                + " choice of pod to Linkerd and follow any l5d-dst-override a client sends unless"
                + " HAProxy strips it (an open relay).");
  }

  private static String ingressAccount(Target ingress) {
    Rendering r =
        Targets.render(APP, ingress.lenient(), Linkerd.target(), Platform.target().lenient());
    Finding f = r.finding("LINKERD-INGRESS-ACCOUNT").orElseThrow();
    assertThat(f.severity()).isEqualTo(Severity.WARNING);
    return f.message();
  }

  @Test
  void istio_serves_the_acme_challenge_by_annotation_and_holds_its_sidecar_through_the_drain() {
    WebSocketApp app =
        WebSocketApp.on("ws.example.com")
            .name("websocket-app")
            .label("app", "websocket")
            .service("websocket-service", 8080)
            .tls(
                Tls.secret("websocket-tls")
                    .issuedBy(AcmeIssuer.letsEncrypt("admin@example.com").http01("istio")))
            .workload(Workload.image("websocket-app:1.0").drainTime(Duration.ofSeconds(15)))
            .build();

    Rendering r = Targets.render(app, Istio.target().lenient(), Platform.target());

    // P4: istio pilot/pkg/config/kube/ingress: no IngressClass "istio", so only the annotation.
    assertThat(r.only(ClusterIssuer.class).getSpec().acme().solvers().get(0).http01().ingress())
        .isEqualTo(ClusterIssuer.IngressSolver.byAnnotation("istio"));
    // P12: grace 45 s; listeners open for the 15 s drain, connections until 44 s.
    assertThat(r.only(Deployment.class).getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry(
            "proxy.istio.io/config",
            "{\"drainDuration\":\"15s\",\"terminationDrainDuration\":\"44s\"}");
    assertThat(r.finding("CORE-DRAIN").orElseThrow().message())
        .endsWith(
            " Sidecars: Istio's proxy starts draining as the pod starts to stop, and"
                + " proxy.istio.io/config keeps its listeners open for drainDuration 15 s and,"
                + " where it is not a native sidecar, its open connections for"
                + " terminationDrainDuration 44 s.");
    // Behind ingress-nginx the class is its IngressClass, by name.
    assertThat(
            withPlatform(Nginx.target())
                .only(ClusterIssuer.class)
                .getSpec()
                .acme()
                .solvers()
                .get(0)
                .http01()
                .ingress())
        .isEqualTo(ClusterIssuer.IngressSolver.byClassName("nginx"));
    SchemaConformance.assertValid(r);
  }

  @Test
  void the_output_depends_on_the_set_of_targets_not_their_order() {
    // Issue 19 item 9: MeshTLSAuthentication identityRefs and NetworkPolicy rules came in the
    // order the targets were given. (ingress-nginx and HAProxy both render the app's Ingress, so
    // they go in separate sets.)
    Map<Target, String> accounts = new LinkedHashMap<>();
    accounts.put(Nginx.target(), "ingress-nginx/ingress-nginx");
    accounts.put(HaProxy.target(), "haproxy-controller/haproxy-kubernetes-ingress");
    for (Map.Entry<Target, String> ingress : accounts.entrySet()) {
      List<Target> targets =
          List.of(
              ingress.getKey().lenient(),
              Traefik.target().lenient(),
              Istio.target().lenient(),
              Linkerd.target().lenient(),
              Platform.target().lenient());
      String first = null;
      int renderings = 0;
      for (List<Target> order : permutations(targets)) {
        String yaml = Targets.render(APP, order.toArray(new Target[0])).toYaml();
        if (first == null) {
          first = yaml;
        }
        assertThat(yaml).as("order %s", order).isEqualTo(first);
        renderings++;
      }
      assertThat(renderings).isEqualTo(120);
      Rendering r = Targets.render(APP, targets.toArray(new Target[0]));
      assertThat(r.only(MeshTLSAuthentication.class).getSpec().identityRefs())
          .extracting(ref -> ref.namespace() + "/" + ref.name())
          .containsExactly(ingress.getValue(), "traefik/traefik");
      List<NetworkPolicyEgressRule> egress = r.only(NetworkPolicy.class).getSpec().getEgress();
      assertThat(egress.subList(egress.size() - 2, egress.size()))
          .extracting(
              e ->
                  e.getTo()
                      .get(0)
                      .getNamespaceSelector()
                      .getMatchLabels()
                      .values()
                      .iterator()
                      .next())
          .containsExactly("istio-system", "linkerd");
    }
  }

  @Test
  void three_backends_behind_ingress_nginx_in_linkerd_with_the_platform_kit() {
    // Issue 13: the platform kit and Linkerd render for the app's own backend (chat-ws) and its
    // pods only; chat-api, notify and frontend are referenced, not rendered.
    WebSocketApp app = PlatformSeeds.threeBackends();

    Rendering r = Targets.render(app, Nginx.target(), Linkerd.target(), Platform.target());

    List<HasMetadata> notIngresses = new ArrayList<>();
    for (HasMetadata o : r.objects()) {
      if (!(o instanceof Ingress)) {
        notIngresses.add(o);
      }
    }
    // Every object but ingress-nginx's Ingresses, which its own tests pin.
    assertThat(notIngresses)
        .extracting(
            o ->
                o.getKind()
                    + " "
                    + (o.getMetadata().getNamespace() == null
                        ? ""
                        : o.getMetadata().getNamespace() + "/")
                    + o.getMetadata().getName())
        .containsExactly(
            "ConfigMap custom-metrics/adapter-config",
            "Service default/chat-ws",
            "Deployment default/chat",
            "HorizontalPodAutoscaler default/chat",
            "PodDisruptionBudget default/chat",
            "NetworkPolicy default/chat",
            "Certificate default/chat-tls",
            "ClusterIssuer letsencrypt-prod",
            "ServiceMonitor default/chat",
            "AuthorizationPolicy default/chat-mesh",
            "MeshTLSAuthentication default/chat-clients",
            "Server default/chat");
    assertThat(r.objects(Ingress.class)).isNotEmpty();
    assertThat(
            r.findings().stream()
                .filter(f -> !f.code().startsWith("NGINX-"))
                .map(f -> f.severity() + " " + f.code()))
        .containsExactly(
            "WARNING LINKERD-INGRESS-ACCOUNT",
            "INFO LINKERD-VERSION-GATED",
            "INFO LINKERD-DENY-BY-DEFAULT",
            "WARNING LINKERD-BACKENDS-NOT-COVERED",
            "INFO LINKERD-TIMEOUTS",
            "INFO CORE-SERVICES-REFERENCED",
            "INFO CORE-DRAIN",
            "INFO CORE-NETWORK-POLICY",
            "WARNING CORE-ADAPTER-CONFIG",
            "WARNING CORE-SERVICE-MONITOR-LABELS");
    assertThat(r.finding("CORE-SERVICES-REFERENCED").orElseThrow().message())
        .isEqualTo(
            "routes go to Services the platform kit does not render: chat-api:80 (/api),"
                + " notify:http (/notify), frontend:80 (/); it renders only the app's own Service"
                + " chat-ws, so those must exist in namespace default with those ports.");
    assertThat(r.finding("LINKERD-BACKENDS-NOT-COVERED").orElseThrow().message())
        .startsWith(
            "WebSocket routes go to Services whose pods this target renders nothing for:"
                + " notify:http (/notify). ");
    assertThat(r.finding("LINKERD-INGRESS-ACCOUNT").orElseThrow().message())
        .isEqualTo(
            "the ingress-nginx target renders in the same set, so its default ServiceAccount"
                + " ingress-nginx/ingress-nginx is authorized, but only a meshed pod carries that"
                + " identity: add linkerd.io/inject: enabled to the controller's pod template (Helm"
                + " controller.podAnnotations; not to its namespace, whose admission Jobs would"
                + " never finish), and set nginx.ingress.kubernetes.io/service-upstream: \"true\""
                + " only on the Ingresses of the plain HTTP routes, as Linkerd's ingress guide"
                + " asks: on the WebSocket routes' Ingresses it would hand the choice of pod to"
                + " Linkerd and lose the sticky sessions.");
    // Linkerd's Server and the platform's NetworkPolicy are for the app's own pods.
    assertThat(r.only(Server.class).getSpec().podSelector().getMatchLabels())
        .isEqualTo(app.labels())
        .isEqualTo(r.only(NetworkPolicy.class).getSpec().getPodSelector().getMatchLabels());
    assertThat(r.only(Deployment.class).getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("linkerd.io/inject", "enabled")
        .containsEntry("config.alpha.linkerd.io/proxy-wait-before-exit-seconds", "59");
    assertThat(Platform.serviceUrl(app)).isEqualTo("ws://chat-ws.default.svc:8080/ws");
    assertThat(Platform.k6Script(app, 100)).contains("new WebSocket('wss://chat.example.com/ws')");
    String yaml = Yaml.write(notIngresses);
    assertThat(Yaml.write(Yaml.read(yaml))).isEqualTo(yaml);
    Snapshots.verifyYaml(yaml);
    SchemaConformance.assertValid(r);
  }

  @Test
  void three_backends_give_the_same_output_in_every_order_of_the_targets() {
    List<Target> targets =
        List.of(
            Nginx.target().lenient(),
            Traefik.target().lenient(),
            Istio.target().lenient(),
            Linkerd.target().lenient(),
            Platform.target().lenient());
    String first = null;
    int renderings = 0;
    for (List<Target> order : permutations(targets)) {
      String yaml =
          Targets.render(PlatformSeeds.threeBackends(), order.toArray(new Target[0])).toYaml();
      if (first == null) {
        first = yaml;
      }
      assertThat(yaml).as("order %s", order).isEqualTo(first);
      renderings++;
    }
    assertThat(renderings).isEqualTo(120);
    assertThat(Yaml.read(first)).filteredOn(o -> o instanceof Service).hasSize(1);
  }

  private static List<List<Target>> permutations(List<Target> items) {
    if (items.isEmpty()) {
      return List.of(List.of());
    }
    List<List<Target>> all = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      List<Target> rest = new ArrayList<>(items);
      Target head = rest.remove(i);
      for (List<Target> tail : permutations(rest)) {
        List<Target> order = new ArrayList<>();
        order.add(head);
        order.addAll(tail);
        all.add(order);
      }
    }
    return all;
  }
}
