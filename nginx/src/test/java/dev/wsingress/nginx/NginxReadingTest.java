package dev.wsingress.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.Manifests;
import dev.wsingress.Reading;
import dev.wsingress.ServedRoute;
import dev.wsingress.Setting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What ingress-nginx does with an input, as the reader says it: the served routes of Ingresses
 * merged per host, with each setting and where it comes from (the Ingress, the controller
 * ConfigMap, or the controller default with its upstream file).
 */
class NginxReadingTest {

  static Reading read(String name) {
    String path = "reading/" + name + ".yaml";
    try (var in = NginxReadingTest.class.getResourceAsStream(path)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return Reading.of(Nginx.target(), Manifests.parse(text, path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String show(Optional<? extends Setting<?>> s) {
    return s.map(Setting::describe).orElse("-");
  }

  /** One line per route: where, what it matches, its backend and settings with their origins. */
  static String line(ServedRoute r) {
    return r.object().subject()
        + " "
        + r.host()
        + " "
        + r.hostMatch()
        + " "
        + r.path()
        + " "
        + r.pathMatch()
        + " -> "
        + r.backends().stream()
            .map(
                b ->
                    b.service()
                        + ":"
                        + b.port().stream()
                            .boxed()
                            .findFirst()
                            .map(String::valueOf)
                            .orElse(b.portName().orElse("?")))
            .toList()
        + (r.isWebSocket() ? " ws" : " plain")
        + " | idle "
        + show(r.idleTimeout())
        + " | send "
        + show(r.sendTimeout())
        + " | connect "
        + show(r.connectTimeout())
        + " | buffering "
        + show(r.responseBuffering())
        + " | affinity "
        + show(r.affinity())
        + " | tls "
        + show(r.tls());
  }

  private static final String DEFAULTS =
      "ingress-nginx controller-v1.15.1 docs/user-guide/nginx-configuration/configmap.md";

  @Test
  void ingresses_of_one_host_make_one_server_with_each_ingress_keeping_its_own_settings() {
    Reading r = read("merged-host");
    List<String> lines = r.routes().stream().map(NginxReadingTest::line).toList();
    String cm = "controller-wide, reading/merged-host.yaml";
    assertThat(lines)
        .containsExactly(
            "Ingress chat/chat-web chat.example.com EXACT / PREFIX -> [web:80] plain | idle 10 min"
                + " ("
                + cm
                + ":7:3) | send 60 s (controller default: "
                + DEFAULTS
                + " (proxy-send-timeout: 60)) | connect 5 s (controller default: "
                + DEFAULTS
                + " (proxy-connect-timeout: 5)) | buffering false ("
                + cm
                + ":8:3) | affinity cookie \"web\" (reading/merged-host.yaml:23:5) | tls TLS with"
                + " Secret \"chat-tls\" (reading/merged-host.yaml:28:7)",
            "Ingress chat/chat-ws chat.example.com EXACT /ws/ CHARACTER_PREFIX -> [ws:ws] ws | idle"
                + " 1 h (reading/merged-host.yaml:49:5) | send 1 h (reading/merged-host.yaml:50:5)"
                + " | connect 5 s (controller default: "
                + DEFAULTS
                + " (proxy-connect-timeout: 5)) | buffering false ("
                + cm
                + ":8:3) | affinity client IP (reading/merged-host.yaml:51:5) | tls TLS with Secret"
                + " \"chat-tls\" (reading/merged-host.yaml:28:7)",
            "Ingress chat/chat-ws chat.example.com EXACT /health EXACT -> [ws:8080] ws | idle 1 h"
                + " (reading/merged-host.yaml:49:5) | send 1 h (reading/merged-host.yaml:50:5) |"
                + " connect 5 s (controller default: "
                + DEFAULTS
                + " (proxy-connect-timeout: 5)) | buffering false ("
                + cm
                + ":8:3) | affinity client IP (reading/merged-host.yaml:51:5) | tls TLS with Secret"
                + " \"chat-tls\" (reading/merged-host.yaml:28:7)",
            // "3600s" fails strconv.Atoi: the ConfigMap's 600 s applies (NGINX-VALUE-IGNORED)
            "Ingress chat/events events.example.com EXACT /socket.io PREFIX -> [events:3000] ws |"
                + " idle 10 min ("
                + cm
                + ":7:3) | send 60 s (controller default: "
                + DEFAULTS
                + " (proxy-send-timeout: 60)) | connect 5 s (controller default: "
                + DEFAULTS
                + " (proxy-connect-timeout: 5)) | buffering false ("
                + cm
                + ":8:3) | affinity - | tls -");
    // the TLS section of chat-web serves chat-ws's paths too
    assertThat(r.routes().get(1).objects().stream().map(m -> m.name()))
        .contains("chat-ws", "chat-web");
    assertThat(r.findings().stream().map(f -> f.code()))
        .contains("NGINX-VALUE-IGNORED", "NGINX-CONFIGMAP-ASSUMED");
  }
}
