package dev.wsingress.traefik;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Each annotation is written and read back the way Traefik parses it. */
class IngressAnnotationsTest {
  @Test
  void every_key_reads_back_what_it_writes() {
    Map<String, String> a = new TreeMap<>();
    IngressAnnotations.ROUTER_ENTRYPOINTS.put(a, List.of("web", "websecure"));
    IngressAnnotations.ROUTER_TLS.put(a, true);
    IngressAnnotations.ROUTER_MIDDLEWARES.put(a, List.of("default-a@kubernetescrd", "b@file"));
    IngressAnnotations.ROUTER_PRIORITY.put(a, 44L);
    IngressAnnotations.STICKY_COOKIE_MAXAGE.put(a, 86_400L);

    assertThat(a)
        .containsEntry("traefik.ingress.kubernetes.io/router.entrypoints", "web,websecure")
        .containsEntry("traefik.ingress.kubernetes.io/router.tls", "true")
        .containsEntry("traefik.ingress.kubernetes.io/router.priority", "44")
        .containsEntry("traefik.ingress.kubernetes.io/service.sticky.cookie.maxage", "86400");
    assertThat(IngressAnnotations.ROUTER_ENTRYPOINTS.read(a)).contains(List.of("web", "websecure"));
    assertThat(IngressAnnotations.ROUTER_TLS.read(a)).contains(true);
    assertThat(IngressAnnotations.ROUTER_MIDDLEWARES.read(a))
        .contains(List.of("default-a@kubernetescrd", "b@file"));
    assertThat(IngressAnnotations.ROUTER_PRIORITY.read(a)).contains(44L);
    assertThat(IngressAnnotations.STICKY_COOKIE_MAXAGE.read(a)).contains(86_400L);
    assertThat(IngressAnnotations.STICKY_COOKIE_NAME.read(a)).isEmpty();
  }

  @Test
  void values_parse_as_go_parses_them() {
    assertThat(IngressAnnotations.parseBool("T")).isTrue();
    assertThat(IngressAnnotations.parseBool("0")).isFalse();
    assertThatThrownBy(() -> IngressAnnotations.parseBool("yes"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(IngressAnnotations.parseLong("+42")).isEqualTo(42L);
    assertThatThrownBy(() -> IngressAnnotations.parseLong("1_000"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(IngressAnnotations.parseList(" web , websecure"))
        .containsExactly("web", "websecure");
    assertThat(IngressAnnotations.parseList("")).isEmpty();
    assertThat(IngressAnnotations.crdReference("default", "chat-cors"))
        .isEqualTo("default-chat-cors@kubernetescrd");
  }
}
