package dev.wsingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsingress.ServedRoute.HostMatch;
import dev.wsingress.ServedRoute.PathMatch;
import dev.wsingress.testing.StandInReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServedRouteTest {
  static final Manifests IN =
      Manifests.parse(
          "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: a\n---\n"
              + "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: b\n"
              + "  annotations:\n    wsingress.dev/websocket: \"false\"\n---\n"
              + "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: c\n"
              + "  annotations:\n    wsingress.dev/websocket: \"true\"\n---\n"
              + "apiVersion: v1\nkind: Service\nmetadata:\n  name: ws\nspec:\n  ports:\n"
              + "  - port: 80\n    appProtocol: kubernetes.io/wss\n",
          "r.yaml");
  static final Manifest A = IN.objects().get(0);
  static final Target T = StandInReader.target();

  static ServedRoute.Builder route(String host, HostMatch hm, String path, PathMatch pm) {
    return ServedRoute.builder(T, A, A.source()).host(host, hm).path(path, pm);
  }

  @ParameterizedTest(name = "{0} {1} {2} {3} {4}: {5}")
  @CsvSource({
    "chat.example.com, EXACT, /ws, PREFIX, chat.example.com /ws, true",
    "chat.example.com, EXACT, /ws, PREFIX, CHAT.Example.com /ws/a, true",
    "chat.example.com, EXACT, /ws, PREFIX, chat.example.com /wsx, false",
    "chat.example.com, EXACT, /ws/, PREFIX, chat.example.com /ws, true",
    "chat.example.com, EXACT, /, PREFIX, chat.example.com /anything, true",
    "chat.example.com, EXACT, /ws, CHARACTER_PREFIX, chat.example.com /wsx, true",
    "chat.example.com, EXACT, /ws, EXACT, chat.example.com /ws/, false",
    "chat.example.com, EXACT, /ws, EXACT, chat.example.com /ws, true",
    "*.example.com, WILDCARD_ONE_LABEL, /, PREFIX, a.example.com /, true",
    "*.example.com, WILDCARD_ONE_LABEL, /, PREFIX, a.b.example.com /, false",
    "*.example.com, WILDCARD_SUFFIX, /, PREFIX, a.b.example.com /, true",
    "*.example.com, WILDCARD_SUFFIX, /, PREFIX, example.com /, false",
    "'', ANY, /ws, PREFIX, whatever.test /ws, true",
    "chat.example.com, EXACT, /ws/[0-9]+, REGEX_PREFIX, chat.example.com /ws/12/x, true",
    "chat.example.com, EXACT, /ws/[0-9]+, REGEX, chat.example.com /ws/12/x, false",
    "chat.example.com, EXACT, /ws/[0-9]+, REGEX, chat.example.com /ws/12, true",
  })
  void matches_follows_the_match_semantics(
      String host, HostMatch hm, String path, PathMatch pm, String request, boolean expected) {
    String[] req = request.split(" ");
    assertThat(route(host, hm, path, pm).build().matches(req[0], req[1])).isEqualTo(expected);
  }

  @Test
  void case_insensitive_regex_as_nginx_does() {
    ServedRoute r =
        ServedRoute.builder(T, A, A.source()).path("^/WS", PathMatch.REGEX_PREFIX, true).build();
    assertThat(r.matches("x", "/ws/a")).isTrue();
  }

  @Test
  void bad_routes_are_refused_with_a_reason() {
    assertThatThrownBy(() -> route("", HostMatch.EXACT, "/", PathMatch.PREFIX))
        .hasMessage("a host is needed for EXACT");
    assertThatThrownBy(
            () -> route("a.example.com", HostMatch.WILDCARD_SUFFIX, "/", PathMatch.PREFIX))
        .hasMessage("a wildcard host starts with *.: a.example.com");
    assertThatThrownBy(() -> route("a", HostMatch.EXACT, "([", PathMatch.REGEX))
        .hasMessage("the path regex does not compile: ([");
    assertThatThrownBy(() -> ServedRoute.builder(T, A, A.source()).build())
        .hasMessage("a served route needs a path: call path(...)");
  }

  @Test
  void websocket_evidence_is_taken_in_the_documented_order() {
    Manifest b = IN.objects().get(1);
    Manifest c = IN.objects().get(2);
    ServedBackend wss = IN.backend("", "ws", 80);
    assertThat(
            ServedRoute.builder(T, c, c.source())
                .path("/x", PathMatch.PREFIX)
                .build()
                .webSocketReason())
        .contains("the annotation wsingress.dev/websocket: \"true\" (r.yaml:18:5)");
    // "false" wins over every other evidence.
    assertThat(
            ServedRoute.builder(T, b, b.source())
                .path("/ws", PathMatch.PREFIX)
                .backend(wss)
                .build()
                .isWebSocket())
        .isFalse();
    assertThat(
            route("h", HostMatch.EXACT, "/socket.io", PathMatch.PREFIX)
                .webSocketEvidence("the reader knows (r.yaml:1:1)")
                .backend(wss)
                .build()
                .webSocketReason())
        .contains("the reader knows (r.yaml:1:1)");
    assertThat(
            route("h", HostMatch.EXACT, "/socket.io", PathMatch.PREFIX)
                .backend(wss)
                .build()
                .webSocketReason())
        .contains("Service ws port 80 has appProtocol kubernetes.io/wss");
    assertThat(
            route("h", HostMatch.EXACT, "/api", PathMatch.PREFIX)
                .readTimeout(Setting.of(Duration.ofMinutes(5), A.source()))
                .build()
                .webSocketReason())
        .contains("the read timeout is raised to 5 min (r.yaml:1:1)");
    assertThat(
            route("h", HostMatch.EXACT, "/api", PathMatch.PREFIX)
                .readTimeout(Setting.of(Duration.ofSeconds(299), A.source()))
                .build()
                .isWebSocket())
        .isFalse();
    // A raised controller-wide or default timeout says nothing about this route.
    assertThat(
            route("h", HostMatch.EXACT, "/api", PathMatch.PREFIX)
                .idleTimeout(Setting.controllerWide(Duration.ofHours(1), A.source()))
                .readTimeout(Setting.byDefault(Duration.ZERO, "upstream docs"))
                .build()
                .isWebSocket())
        .isFalse();
    assertThat(
            route("h", HostMatch.EXACT, "/app/cable", PathMatch.PREFIX).build().webSocketReason())
        .contains("the path \"/app/cable\" has the WebSocket path segment /cable");
    assertThat(
            route("h", HostMatch.EXACT, "^/socket\\.io/.*", PathMatch.REGEX)
                .build()
                .webSocketReason())
        .contains("the path \"^/socket\\\\.io/.*\" has the WebSocket path segment /socket.io");
    assertThat(route("h", HostMatch.EXACT, "/wsx", PathMatch.PREFIX).build().isWebSocket())
        .isFalse();
  }

  @Test
  void precedence_puts_exact_hosts_exact_paths_and_longer_paths_first() {
    List<ServedRoute> routes =
        new ArrayList<>(
            List.of(
                route("", HostMatch.ANY, "/", PathMatch.PREFIX).build(),
                route("*.example.com", HostMatch.WILDCARD_SUFFIX, "/", PathMatch.PREFIX).build(),
                route("a.example.com", HostMatch.EXACT, "/", PathMatch.PREFIX).build(),
                route("a.example.com", HostMatch.EXACT, "/ws", PathMatch.PREFIX).build(),
                route("a.example.com", HostMatch.EXACT, "/ws", PathMatch.EXACT).build(),
                route("a.example.com", HostMatch.EXACT, "/w.*", PathMatch.REGEX).build()));
    routes.sort(ServedRoute.PRECEDENCE);
    assertThat(routes)
        .extracting(r -> r.host() + r.path() + " " + r.pathMatch())
        .containsExactly(
            "a.example.com/ws EXACT",
            "a.example.com/ws PREFIX",
            "a.example.com/ PREFIX",
            "a.example.com/w.* REGEX",
            "*.example.com/ PREFIX",
            "/ PREFIX");
  }

  @Test
  void settings_say_where_they_come_from() {
    Source at = new Source("k8s/chat.yaml", 7, 5);
    assertThat(Setting.of(Duration.ofHours(1), at).describe()).isEqualTo("1 h (k8s/chat.yaml:7:5)");
    assertThat(Setting.controllerWide(Duration.ofSeconds(120), at).describe())
        .isEqualTo("120 s (controller-wide, k8s/chat.yaml:7:5)");
    assertThat(Setting.byDefault(Duration.ofSeconds(60), "ingress-nginx configmap.md").describe())
        .isEqualTo("60 s (controller default: ingress-nginx configmap.md)");
    assertThat(Setting.byDefault(Duration.ZERO, "traefik docs").describe())
        .isEqualTo("no timeout (controller default: traefik docs)");
    assertThat(Setting.<Affinity>of(Affinity.cookie("ws-server"), at).describe())
        .isEqualTo("cookie \"ws-server\" (k8s/chat.yaml:7:5)");
    assertThat(Setting.of(Duration.ofHours(1), at)).isEqualTo(Setting.of(Duration.ofHours(1), at));
    assertThatThrownBy(() -> Setting.byDefault(1, " "))
        .hasMessage("a default needs the upstream source that states it");
  }

  @Test
  void a_reading_is_frozen_once_read() {
    Reading r = Reading.of(T, IN);
    // The stand-in claims every Ingress without a class, even without rules.
    assertThat(r.understood()).extracting(Manifest::name).containsExactly("a", "b", "c");
    assertThat(r.routes()).isEmpty();
    assertThatThrownBy(() -> r.understood(A))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "this reading is complete: add to it only inside Target.read(...) or"
                + " Target.judge(...)");
  }
}
