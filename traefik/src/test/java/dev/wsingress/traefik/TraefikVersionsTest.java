package dev.wsingress.traefik;

import static dev.wsingress.testing.Renderings.codes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.wsingress.Affinity;
import dev.wsingress.BackendProtocol;
import dev.wsingress.Finding;
import dev.wsingress.InvalidSpecException;
import dev.wsingress.Rendering;
import dev.wsingress.Severity;
import dev.wsingress.Targets;
import dev.wsingress.UnsupportedFeatureException;
import dev.wsingress.Version;
import dev.wsingress.WebSocketApp;
import dev.wsingress.Yaml;
import dev.wsingress.platform.Platform;
import dev.wsingress.testing.Renderings;
import dev.wsingress.testing.SchemaConformance;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Traefik.target().version(...): what each release line gets, the oldest (v3.0) and newest (v3.7)
 * rendered side by side, and the v3.0 output checked against the v3.0.4 CRDs.
 */
class TraefikVersionsTest {
  private static final String GATED_HINT =
      "Render with .version(\"<major.minor>\") for the Traefik release the cluster runs; older"
          + " releases get what they accept.";

  /** Every version-gated field at once: a cookie path, an HTTPS backend with its CA. */
  private static WebSocketApp app() {
    return WebSocketApp.on("ws.example.com")
        .name("chat")
        .path("/ws")
        .service("websocket-service", 8443)
        .stickySessions(Affinity.cookie("ws-server").path("/ws").maxAge(Duration.ofHours(1)))
        .backendProtocol(BackendProtocol.HTTPS)
        .backendCaSecret("backend-ca")
        .build();
  }

  private static WebSocketApp clientIp() {
    return WebSocketApp.on("ws.example.com")
        .name("chat")
        .service("websocket-service", 8080)
        .stickySessions(Affinity.clientIp())
        .build();
  }

  private static IngressRoute.Service service(Rendering r) {
    return r.objects(IngressRoute.class).get(0).getSpec().routes().get(0).services().get(0);
  }

  @Test
  void the_option_takes_the_release_lines_from_3_0_to_3_7() {
    assertThat(Traefik.target().versions())
        .extracting(Version::toString)
        .containsExactly("3.0", "3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7");
    assertThat(Traefik.target().version()).contains(Version.of(3, 7));
    assertThat(Traefik.ingress().version("v3.4.2").version()).contains(Version.of(3, 4));
    assertThat(Traefik.target().version("3.3"))
        .hasToString("Traefik[entryPoints=web/websecure," + " version=3.3]");
    assertThatThrownBy(() -> Traefik.target().version("2.11"))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessage(
            "Traefik is invalid (1 problem):\n  - version = \"2.11\": is not a release line this"
                + " target writes for (supported: 3.0 to 3.7). Fix: give one of [3.0, 3.1, 3.2,"
                + " 3.3, 3.4, 3.5, 3.6, 3.7].");
    assertThatThrownBy(() -> Traefik.target().version("3.8"))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("version = \"3.8\": is not a release line");
    assertThatThrownBy(() -> Traefik.target().version(null))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("version = null: must be a release line such as 3.7");
  }

  @Test
  void newest() {
    Rendering r = Traefik.target().render(app());

    assertThat(service(r).strategy()).isEqualTo("p2c");
    assertThat(service(r).sticky().cookie().path()).isEqualTo("/ws");
    ServersTransport.Spec transport = r.only(ServersTransport.class).getSpec();
    assertThat(transport.rootCAs()).containsExactly(new ServersTransport.RootCa("backend-ca"));
    assertThat(transport.rootCAsSecrets()).isEmpty();
    assertThat(r.findings("TRAEFIK-VERSION-GATED"))
        .containsExactly(
            new Finding(
                "TRAEFIK-VERSION-GATED",
                Severity.INFO,
                "ServersTransport default/chat-transport",
                "rootCAs needs Traefik v3.4 or newer (rendering for v3.7).",
                GATED_HINT),
            new Finding(
                "TRAEFIK-VERSION-GATED",
                Severity.INFO,
                "IngressRoute default/chat",
                "sticky.cookie.path needs Traefik v3.3 or newer (rendering for v3.7).",
                GATED_HINT),
            new Finding(
                "TRAEFIK-VERSION-GATED",
                Severity.INFO,
                "IngressRoute default/chat",
                "strategy: p2c needs Traefik v3.4 or newer (rendering for v3.7).",
                GATED_HINT));
    assertThat(r.findings("TRAEFIK-VERSION-FALLBACK")).isEmpty();
    Renderings.verify(r);
  }

  @Test
  void oldest() {
    assertThat(
            catchThrowableOfType(
                    UnsupportedFeatureException.class,
                    () -> Traefik.target().version("3.0").render(app()))
                .errors())
        .containsExactly(
            new Finding(
                "TRAEFIK-VERSION-MISSING",
                Severity.ERROR,
                "IngressRoute default/chat",
                "the sticky cookie's path /ws needs sticky.cookie.path (Traefik v3.3 or newer);"
                    + " Traefik v3.0 always sets Path=/ on it, so the path is not written and the"
                    + " cookie is sent for every path of the host.",
                "Upgrade Traefik to the release named, or drop the setting (when rendering,"
                    + " .version(...) writes only what the release accepts)."));

    Rendering r = Traefik.target().version("3.0").lenient().render(app());

    assertThat(service(r).strategy()).as("v3.0 accepts RoundRobin only").isEqualTo("RoundRobin");
    assertThat(service(r).sticky().cookie().path()).isNull();
    ServersTransport.Spec transport = r.only(ServersTransport.class).getSpec();
    assertThat(transport.rootCAs()).isEmpty();
    assertThat(transport.rootCAsSecrets()).containsExactly("backend-ca");
    assertThat(r.findings("TRAEFIK-VERSION-GATED")).isEmpty();
    assertThat(r.findings("TRAEFIK-VERSION-FALLBACK"))
        .extracting(f -> f.subject() + ": " + f.message())
        .containsExactly(
            "ServersTransport default/chat-transport: Traefik v3.0 has no rootCAs (v3.4), so the"
                + " CA Secret backend-ca is written as rootCAsSecrets, which it reads alike (key"
                + " ca.crt or tls.ca).",
            "IngressRoute default/chat: Traefik v3.0 balances round robin only (strategy:"
                + " RoundRobin): new sockets are spread in turn, not sent to the less busy pod"
                + " (strategy: p2c, Traefik v3.4).");
    assertThat(r.finding("TRAEFIK-VERSION-MISSING").orElseThrow().severity())
        .isEqualTo(Severity.WARNING);
    Renderings.verify(r);
    assertThat(problemsAgainstTheV304Crds(r.objects())).isEmpty();
  }

  @Test
  void the_v3_0_4_crds_refuse_what_only_newer_releases_have() {
    // The harness itself: the v3.7 rendering has fields the v3.0.4 CRDs do not know.
    assertThat(problemsAgainstTheV304Crds(Traefik.target().render(app()).objects()))
        .anySatisfy(p -> assertThat(p).contains("ServersTransport").contains("rootCAs"))
        .anySatisfy(p -> assertThat(p).contains("IngressRoute").contains("path"));
  }

  @Test
  void each_release_line_gets_the_fields_it_has() {
    for (Version v : Traefik.target().versions()) {
      Rendering r = Traefik.target().version(v.toString()).lenient().render(app());
      boolean v34 = v.isAtLeast(Version.of(3, 4));
      assertThat(service(r).strategy())
          .as("strategy for %s", v)
          .isEqualTo(v34 ? "p2c" : "RoundRobin");
      assertThat(service(r).sticky().cookie().path())
          .as("cookie path for %s", v)
          .isEqualTo(v.isAtLeast(Version.of(3, 3)) ? "/ws" : null);
      ServersTransport.Spec transport = r.only(ServersTransport.class).getSpec();
      assertThat(transport.rootCAs().isEmpty()).as("rootCAs for %s", v).isEqualTo(!v34);
      assertThat(transport.rootCAsSecrets().isEmpty())
          .as("rootCAsSecrets for %s", v)
          .isEqualTo(v34);
      Rendering ip = Traefik.target().version(v.toString()).lenient().render(clientIp());
      boolean v36 = v.isAtLeast(Version.of(3, 6));
      assertThat(service(ip).strategy())
          .as("client-IP strategy for %s", v)
          .isEqualTo(v36 ? "hrw" : v34 ? "p2c" : "RoundRobin");
      assertThat(ip.finding("TRAEFIK-CLIENT-IP-HRW").isPresent()).isEqualTo(v36);
      assertThat(ip.finding("TRAEFIK-VERSION-MISSING").isPresent()).isEqualTo(!v36);
      SchemaConformance.assertValid(r);
      SchemaConformance.assertValid(ip);
    }
  }

  @Test
  void client_ip_affinity_before_3_6_is_refused_and_lenient_keeps_p2c() {
    assertThat(
            catchThrowableOfType(
                    UnsupportedFeatureException.class,
                    () -> Traefik.target().version("3.5").render(clientIp()))
                .errors())
        .containsExactly(
            new Finding(
                "TRAEFIK-VERSION-MISSING",
                Severity.ERROR,
                "IngressRoute default/chat",
                "client-IP affinity needs strategy: hrw (Traefik v3.6 or newer); Traefik v3.5 has"
                    + " no balancer that hashes the client address, so the affinity is not"
                    + " written.",
                "Upgrade Traefik to the release named, or drop the setting (when rendering,"
                    + " .version(...) writes only what the release accepts)."));

    Rendering r = Traefik.target().version("3.5").lenient().render(clientIp());

    assertThat(service(r).strategy()).isEqualTo("p2c");
    assertThat(codes(r))
        .containsExactly(
            "WARNING TRAEFIK-ENTRYPOINT-TIMEOUTS",
            "WARNING TRAEFIK-VERSION-MISSING",
            "INFO TRAEFIK-VERSION-GATED");
    assertThat(Traefik.target().version("3.6").render(clientIp()).finding("TRAEFIK-VERSION-GATED"))
        .map(Finding::message)
        .contains("strategy: hrw needs Traefik v3.6 or newer (rendering for v3.6).");
  }

  @Test
  void rendering_for_3_4_names_the_crd_fix_of_3_4_1() {
    Rendering r = Traefik.target().version("3.4").render(app());

    assertThat(r.findings("TRAEFIK-VERSION-GATED"))
        .extracting(Finding::message)
        .contains(
            "rootCAs needs Traefik v3.4 or newer (rendering for v3.4); the v3.4.0 CRD refuses a"
                + " rootCAs entry that names only a secret, so apply the CRDs of v3.4.1 or"
                + " newer.");
  }

  @Test
  void the_ingress_form_writes_the_cookie_path_annotation_from_3_3() {
    Rendering v33 = Targets.render(app(), Traefik.ingress().version("3.3"), Platform.target());
    Rendering v32 =
        Targets.render(app(), Traefik.ingress().version("3.2").lenient(), Platform.target());

    assertThat(v33.only(Service.class).getMetadata().getAnnotations())
        .containsEntry("traefik.ingress.kubernetes.io/service.sticky.cookie.path", "/ws");
    assertThat(v33.findings("TRAEFIK-VERSION-GATED"))
        .extracting(f -> f.subject() + ": " + f.message())
        .containsExactly(
            "Service default/websocket-service: service.sticky.cookie.path needs Traefik v3.3 or"
                + " newer (rendering for v3.3).");
    assertThat(v33.finding("TRAEFIK-VERSION-FALLBACK").orElseThrow().subject())
        .as("rootCAsSecrets before v3.4, the Ingress form too")
        .isEqualTo("ServersTransport default/chat-transport");
    assertThat(v32.only(Service.class).getMetadata().getAnnotations())
        .doesNotContainKey("traefik.ingress.kubernetes.io/service.sticky.cookie.path")
        .containsEntry("traefik.ingress.kubernetes.io/service.sticky.cookie.name", "ws-server");
    assertThat(v32.finding("TRAEFIK-VERSION-MISSING").orElseThrow().message())
        .isEqualTo(
            "the sticky cookie's path /ws needs service.sticky.cookie.path (Traefik v3.3 or"
                + " newer); Traefik v3.2 always sets Path=/ on it, so the path is not written and"
                + " the cookie is sent for every path of the host.");
  }

  @Test
  void a_cookie_path_of_slash_is_what_old_releases_write_anyway() {
    WebSocketApp slash =
        WebSocketApp.on("ws.example.com")
            .name("chat")
            .service("websocket-service", 8080)
            .stickySessions(Affinity.cookie("ws-server").path("/"))
            .build();

    Rendering r = Traefik.target().version("3.2").render(slash);

    assertThat(service(r).sticky().cookie().path()).isNull();
    assertThat(r.findings("TRAEFIK-VERSION-MISSING")).isEmpty();
  }

  // The v3.0 objects against the CRDs of v3.0.4 (test resource crd-v3.0.4), read the way the
  // shared harness reads crd-yaml/: every object schema with properties made strict.
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);

  static List<String> problemsAgainstTheV304Crds(List<HasMetadata> objects) {
    List<String> problems = new ArrayList<>();
    try {
      Path dir = Path.of(TraefikVersionsTest.class.getResource("crd-v3.0.4").toURI());
      for (HasMetadata o : objects) {
        Path file = SchemaConformance.schemaFile(dir, o);
        assertThat(file).as("v3.0.4 schema of %s", o.getKind()).isNotNull();
        ObjectNode schema = (ObjectNode) new ObjectMapper().readTree(file.toFile());
        Schema s = REGISTRY.getSchema(schema);
        JsonNode node = YAML.readTree(Yaml.write(List.of(o)));
        s.validate(node).forEach(e -> problems.add(o.getKind() + ": " + e));
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return problems;
  }
}
