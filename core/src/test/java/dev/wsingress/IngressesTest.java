package dev.wsingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How routes are grouped into Ingresses and how each group's Ingress is named (issue 13). */
class IngressesTest {

  private static List<String> describe(List<Ingresses.Group<String>> groups) {
    return groups.stream()
        .map(
            g ->
                g.name()
                    + " "
                    + g.routes().stream().map(Route::path).toList()
                    + (g.isWebSocket() ? " ws" : " http"))
        .toList();
  }

  @Test
  void an_app_with_the_default_route_has_one_group_named_after_the_app() {
    WebSocketApp app = WebSocketApp.on("ws.example.com").name("chat").service("ws", 8080).build();

    assertThat(describe(Ingresses.group(app, r -> "same"))).containsExactly("chat [/] ws");
  }

  @Test
  void groups_follow_kind_rewrite_and_settings_in_route_order() {
    WebSocketApp app =
        WebSocketApp.on("chat.example.com")
            .name("chat")
            .path("/ws")
            .service("chat-ws", 8080)
            .route(Route.http("/api").to("chat-api", 80).requestTimeout(Duration.ofSeconds(30)))
            .route(Route.websocket("/notify").to("notify", "http").rewriteTo("/ws"))
            .route(Route.http("/").to("frontend", 80))
            .route(Route.websocket("/live").to("live", 80))
            .route(Route.http("/static").to("cdn", 80))
            .route(Route.websocket("/events").to("events", 443))
            .build();

    // The target's settings: here the backend's port, which sets /events apart.
    List<Ingresses.Group<String>> groups =
        Ingresses.group(
            app,
            r ->
                r.backend().orElseThrow().port().orElse(0) == 443
                    ? "tls"
                    : r.requestTimeout().map(Duration::toString).orElse("defaults"));

    assertThat(describe(groups))
        .containsExactly(
            "chat [/ws, /live] ws",
            "chat-http-api [/api] http",
            "chat-rewrite-notify [/notify] ws",
            "chat-http [/, /static] http",
            "chat-ws-events [/events] ws");
    assertThat(groups.get(2).rewrite()).contains("/ws");
    assertThat(groups.get(1).settings()).isEqualTo("PT30S");
  }

  @Test
  void names_are_valid_unique_and_derived_from_the_first_path() {
    WebSocketApp app =
        WebSocketApp.on("ws.example.com")
            .name("chat")
            .service("ws", 8080)
            .route(Route.http("/API/v1.2").buffering(true))
            .route(Route.http("/api/v1-2").buffering(false))
            .route(Route.websocket("/a").rewriteTo("/b"))
            .route(Route.websocket("/a").exact())
            .route(Route.http("/" + "x".repeat(60) + "/y").requestTimeout(Duration.ofSeconds(5)))
            .build();

    List<Ingresses.Group<String>> groups =
        Ingresses.group(app, r -> r.buffering().map(Object::toString).orElse(""));

    assertThat(groups)
        .extracting(Ingresses.Group::name)
        .containsExactly(
            "chat-http-api-v1-2",
            "chat-http-api-v1-2-2",
            "chat-rewrite-a",
            "chat",
            "chat-http-" + "x".repeat(40));
    List<Problem> problems = new ArrayList<>();
    for (Ingresses.Group<String> g : groups) {
      assertThat(SpecRules.dnsSubdomain(problems, "name", g.name())).as(g.name()).isTrue();
    }
    assertThat(Ingresses.slug("/")).isEqualTo("root");
    assertThat(Ingresses.slug("/socket.io/")).isEqualTo("socket-io");
    assertThat(Ingresses.slug("/%7Euser")).isEqualTo("7euser");
  }

  @Test
  void each_path_goes_to_its_route_backend() {
    WebSocketApp app =
        WebSocketApp.on("ws.example.com")
            .alsoOn("ws2.example.com")
            .name("chat")
            .service("ws", "http-ws")
            .path("/ws")
            .route(Route.http("/api").exact().to("api", 80))
            .route(Route.websocket("/n").to("notify", "http").rewriteTo("/ws"))
            .tls(Tls.secret("chat-tls"))
            .build();

    Ingress all = Ingresses.of(app, "chat", "nginx", Map.of("a", "b"), true);
    Ingress two =
        Ingresses.of(
            app,
            "chat-rewrite-n",
            "nginx",
            Map.of(),
            false,
            List.of(Ingresses.Path.implementationSpecific(app.routes().get(2), "/n(/|$)(.*)")));

    assertThat(all.getSpec().getRules()).hasSize(2);
    assertThat(all.getSpec().getRules().get(1).getHttp().getPaths())
        .extracting(
            p ->
                p.getPath()
                    + " "
                    + p.getPathType()
                    + " "
                    + p.getBackend().getService().getName()
                    + ":"
                    + (p.getBackend().getService().getPort().getNumber() != null
                        ? p.getBackend().getService().getPort().getNumber()
                        : p.getBackend().getService().getPort().getName()))
        .containsExactly("/ws Prefix ws:http-ws", "/api Exact api:80", "/n Prefix notify:http");
    assertThat(all.getSpec().getTls()).hasSize(1);
    assertThat(all.getMetadata().getAnnotations()).containsEntry("a", "b");
    assertThat(two.getSpec().getTls()).isNullOrEmpty();
    assertThat(two.getSpec().getRules().get(0).getHttp().getPaths().get(0).getPathType())
        .isEqualTo("ImplementationSpecific");
  }
}
