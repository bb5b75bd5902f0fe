package dev.wsingress.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.wsingress.Affinity;
import dev.wsingress.HealthCheck;
import dev.wsingress.Rendering;
import dev.wsingress.Route;
import dev.wsingress.Target;
import dev.wsingress.Targets;
import dev.wsingress.Tls;
import dev.wsingress.UnsupportedFeatureException;
import dev.wsingress.WebSocketApp;
import dev.wsingress.examples.ChatApp;
import dev.wsingress.examples.GatewayApiMigration;
import dev.wsingress.examples.HaProxySeeds;
import dev.wsingress.examples.IstioSeeds;
import dev.wsingress.examples.LinkerdSeeds;
import dev.wsingress.examples.NginxSeeds;
import dev.wsingress.examples.PlatformSeeds;
import dev.wsingress.examples.TraefikSeeds;
import dev.wsingress.gatewayapi.GatewayApi;
import dev.wsingress.haproxy.HaProxy;
import dev.wsingress.istio.Istio;
import dev.wsingress.linkerd.Linkerd;
import dev.wsingress.nginx.Nginx;
import dev.wsingress.platform.Platform;
import dev.wsingress.traefik.Traefik;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the API server is asked to accept: every approved snapshot in the repository (the scenarios
 * of every target's snapshot tests, exactly as approved) and every rendering of the examples module
 * (the README's main job and each seed document rebuilt with the DSL), as the YAML a user would
 * apply.
 */
final class Scenarios {
  private static final YAMLMapper YAML = new YAMLMapper();

  private Scenarios() {}

  /** Every {@code *.approved.yaml} under a module's {@code src/test/resources}, by path. */
  static Map<String, List<JsonNode>> snapshots(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      List<Path> approved =
          files
              .filter(p -> p.getFileName().toString().endsWith(".approved.yaml"))
              .filter(p -> root.relativize(p).toString().contains("/src/test/resources/"))
              .sorted()
              .collect(Collectors.toList());
      Map<String, List<JsonNode>> scenarios = new LinkedHashMap<>();
      for (Path file : approved) {
        scenarios.put(root.relativize(file).toString(), parse(Files.readString(file)));
      }
      return scenarios;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The examples' renderings, by name: the same calls as the examples' own tests make. */
  static Map<String, Rendering> examples() {
    Map<String, Rendering> r = new LinkedHashMap<>();
    for (Target target : Target.discover()) {
      Rendering rendering;
      try {
        rendering = target.render(ChatApp.spec());
      } catch (UnsupportedFeatureException e) {
        rendering = target.lenient().render(ChatApp.spec()); // as Main prints it
      }
      r.put("main/" + target.id(), rendering);
    }
    r.put("nginx-seeds/quick-start", Nginx.target().render(NginxSeeds.quickStart()));
    r.put("nginx-seeds/full-ingress", Nginx.target().render(NginxSeeds.fullIngress()));
    r.put(
        "nginx-seeds/global-config-map",
        Nginx.target()
            .controllerConfig(NginxSeeds.globalConfigMap())
            .render(NginxSeeds.quickStart()));
    r.put(
        "nginx-seeds/helm-install-values",
        Nginx.target()
            .controllerConfig(NginxSeeds.helmInstallValues())
            .render(NginxSeeds.quickStart()));
    r.put(
        "nginx-seeds/server-snippet-intent",
        Nginx.target().render(NginxSeeds.serverSnippetIntent()));
    r.put(
        "nginx-seeds/ack-ingress",
        Targets.render(NginxSeeds.ackIngress(), Nginx.target(), Platform.target().portName("ws")));
    r.put("nginx-seeds/ack-ingress-tls", Nginx.target().render(NginxSeeds.ackIngressWithTls()));
    r.put("gateway-api-migration", GatewayApiMigration.render(NginxSeeds.fullIngress()));
    r.put(
        "haproxy-seeds/app",
        Targets.render(HaProxySeeds.app(), HaProxySeeds.target(), Platform.target()));
    r.put(
        "haproxy-seeds/advanced",
        Targets.render(
            HaProxySeeds.advancedApp(), HaProxySeeds.advancedTarget(), Platform.target()));
    r.put(
        "istio-seeds",
        Targets.render(IstioSeeds.mesh(), IstioSeeds.target(), IstioSeeds.platform()));
    r.put(
        "linkerd-seeds",
        Targets.render(
            LinkerdSeeds.app(), LinkerdSeeds.ingress(), LinkerdSeeds.target(), Platform.target()));
    r.put(
        "platform-seeds/app",
        Targets.render(
            PlatformSeeds.app(), Nginx.target().ingressClass("nginx"), PlatformSeeds.target()));
    r.put(
        "platform-seeds/ack-echo-server",
        Targets.render(
            PlatformSeeds.ackEchoServer(), Nginx.target(), Platform.target().portName("ws")));
    r.put("traefik-seeds", TraefikSeeds.target().render(TraefikSeeds.app()));
    // ---- issue 13, platform kit and Linkerd (branch r13-platform) ----
    // The three-backend app (a WebSocket route to the app's own chat-ws, a plain /api with a
    // request timeout, /notify rewritten to notify's /ws, a plain /) with its workload, autoscaler
    // and cert-manager TLS, behind ingress-nginx in Linkerd: one Service, the app's own.
    r.put(
        "platform-linkerd/three-backends",
        Targets.render(
            PlatformSeeds.threeBackends(), Nginx.target(), Linkerd.target(), Platform.target()));
    // ---- end of issue 13, platform kit and Linkerd ----
    gatewayApiThreeBackends(r);
    // ---- issue 13, Istio: the three-backend app with a rewrite (IstioSeeds.threeBackends) ----
    r.put(
        "istio-seeds/three-backends",
        Targets.render(IstioSeeds.threeBackends(), Istio.target(), Platform.target()));
    // ---- end of issue 13, Istio ----
    // --- issue 13, Traefik: the three-backend scenario with a rewrite, both forms (lenient:
    // Traefik has no request deadline for the API route). ---
    r.put(
        "traefik/three-backends", Traefik.target().lenient().render(TraefikSeeds.threeBackends()));
    r.put(
        "traefik-ingress/three-backends",
        Targets.render(
            TraefikSeeds.threeBackends(), Traefik.ingress().lenient(), Platform.target()));
    // --- end of issue 13, Traefik ---

    // --- Issue 13, ingress-nginx and HAProxy: the three-backend app with a rewrite ------------
    {
      WebSocketApp app =
          WebSocketApp.on("chat.example.com")
              .name("chat")
              .path("/ws")
              .service("chat-ws", 8080)
              .timeout(3600)
              .stickySessions(Affinity.cookie("chat-session"))
              .route(Route.http("/api").to("chat-api", 80).requestTimeout(Duration.ofSeconds(30)))
              .route(Route.websocket("/notify").to("notify", "http").rewriteTo("/ws"))
              .route(Route.http("/").to("frontend", 80))
              .tls(Tls.secret("chat-tls"))
              .build();
      r.put("issue13-ingress/nginx", Nginx.target().render(app));
      r.put("issue13-ingress/nginx-1.10", Nginx.target().version("1.10").render(app));
      r.put("issue13-ingress/haproxy", Targets.render(app, HaProxy.target(), Platform.target()));
      r.put(
          "issue13-ingress/haproxy-backend-resources",
          Targets.render(
              app.toBuilder().healthCheck(HealthCheck.http("/health")).build(),
              HaProxy.target().backendResource(),
              Platform.target()));
      r.put(
          "issue13-ingress/haproxy-3.0-backend-resources",
          Targets.render(
              app.toBuilder().healthCheck(HealthCheck.http("/health")).build(),
              HaProxy.target().version("3.0").backendResource(),
              Platform.target()));
    }
    // --- end of issue 13, ingress-nginx and HAProxy -------------------------------------------
    return r;
  }

  // ---------------------------------------------------------------------------------------------
  // Issue 13, Gateway API (+ Envoy Gateway): the three-backend scenario with a rewrite.
  // ---------------------------------------------------------------------------------------------

  /**
   * {@code chat.example.com}: {@code /ws} WebSocket to the app's {@code chat-ws:8080} with cookie
   * affinity and a 3600 s idle timeout; {@code /api} plain to {@code chat-api:80} with a 30 s
   * request timeout; {@code /notify} WebSocket to {@code notify} rewritten to {@code /ws}; {@code
   * /} plain to {@code frontend:80}; TLS with a redirect.
   */
  private static WebSocketApp threeBackends(Route notify) {
    return WebSocketApp.on("chat.example.com")
        .name("chat")
        .path("/ws")
        .service("chat-ws", 8080)
        .timeout(3600)
        .stickySessions(Affinity.cookie("ws-server"))
        .route(Route.http("/api").to("chat-api", 80).requestTimeout(Duration.ofSeconds(30)))
        .route(notify.rewriteTo("/ws"))
        .route(Route.http("/").to("frontend", 80))
        .tls(Tls.secret("chat-tls"))
        .build();
  }

  private static void gatewayApiThreeBackends(Map<String, Rendering> r) {
    // As the issue gives it, notify's port by name: a backendRef needs the number, so that route
    // is left out (lenient) and the rest is applied.
    WebSocketApp byName = threeBackends(Route.websocket("/notify").to("notify", "http"));
    WebSocketApp numbered = threeBackends(Route.websocket("/notify").to("notify", 8080));
    r.put(
        "gateway-api/three-backends-port-by-name",
        Targets.render(
            byName,
            GatewayApi.target().withGateway("eg").envoyGateway().lenient(),
            Platform.target()));
    r.put(
        "gateway-api/three-backends",
        Targets.render(
            numbered, GatewayApi.target().withGateway("eg").lenient(), Platform.target()));
    r.put(
        "gateway-api/three-backends-envoy-gateway",
        Targets.render(
            numbered, GatewayApi.target().withGateway("eg").envoyGateway(), Platform.target()));
    r.put(
        "gateway-api/three-backends-envoy-gateway-1.6",
        Targets.render(
            numbered,
            GatewayApi.target().withGateway("eg").envoyGateway("1.6"),
            Platform.target()));
    r.put(
        "gateway-api/three-backends-v1.3-envoy-gateway",
        Targets.render(
            numbered,
            GatewayApi.target().version("1.3").withGateway("eg").envoyGateway(),
            Platform.target()));
    r.put(
        "gateway-api/three-backends-experimental",
        GatewayApi.target().gateway("default", "eg").experimental().render(numbered));
  }

  /** The objects of a multi-document YAML stream, as the user's kubectl would read them. */
  static List<JsonNode> parse(String yaml) {
    try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      List<JsonNode> objects = new ArrayList<>();
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc != null && doc.isObject() && !doc.isEmpty()) {
          objects.add(doc);
        }
      }
      return objects;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
