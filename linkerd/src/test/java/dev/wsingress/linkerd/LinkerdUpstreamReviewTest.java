package dev.wsingress.linkerd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.Doctor;
import dev.wsingress.Finding;
import dev.wsingress.Manifests;
import dev.wsingress.Report;
import dev.wsingress.Target;
import dev.wsingress.testing.TestIngress;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Shapes found by checking the reader against linkerd/linkerd2 at release tags (review of issues 15
 * and 16): skipped ports and opaque ports; each failed before the fix.
 */
class LinkerdUpstreamReviewTest {

  private static List<String> linkerd(Report r) {
    return LinkerdDoctorTest.linkerd(r);
  }

  /** The fixture with one more annotation on the app's pod template. */
  private static Manifests withPodAnnotation(String fixture, String key, String value) {
    return Manifests.parse(
        text(fixture)
            .replace(
                "        linkerd.io/inject: \"enabled\"\n",
                "        linkerd.io/inject: \"enabled\"\n        " + key + ": \"" + value + "\"\n"),
        "doctor/" + fixture + ".yaml");
  }

  private static String text(String fixture) {
    try (var in =
        LinkerdUpstreamReviewTest.class.getResourceAsStream("doctor/" + fixture + ".yaml")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Report check(Manifests in, Target linkerd) {
    return Doctor.with(TestIngress.target(), linkerd).check(in);
  }

  /**
   * linkerd2 version-2.20 pkg/inject/inject.go hands config.linkerd.io/skip-inbound-ports to
   * proxy-init (iptables lets those ports past the proxy) and controller/api/destination/
   * endpoint_translator.go gives meshed clients no identity or opaque transport for them
   * (pkg/util/parsing.go ParsePorts: ports and ranges, spaces trimmed): no Server, default policy,
   * proxy port or proxy drain applies to the WebSocket.
   */
  @ParameterizedTest
  @CsvSource({
    "default-policy-deny.fail, 8080",
    "default-policy-deny.fail, '80, 8080'",
    "default-policy-deny.fail, 8000-8090",
    "proxy-port-blocked.fail, 8080",
    "proxy-exits-first.fail, 8080"
  })
  void a_skipped_inbound_port_bypasses_the_proxy(String fixture, String ports) {
    assertThat(linkerd(check(LinkerdDoctorTest.fixture(fixture), Linkerd.target()))).isNotEmpty();
    Manifests skipped = withPodAnnotation(fixture, "config.linkerd.io/skip-inbound-ports", ports);
    assertThat(linkerd(check(skipped, Linkerd.target()))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"80", "8081-8090", "http", "8090-8000"})
  void other_ports_and_entries_linkerd_cannot_parse_skip_nothing(String ports) {
    Manifests in =
        withPodAnnotation(
            "default-policy-deny.fail", "config.linkerd.io/skip-inbound-ports", ports);
    assertThat(linkerd(check(in, Linkerd.target())))
        .containsExactly("ERROR LINKERD-INGRESS-LOCKED-OUT 50:9");
  }

  private static final String CONTROLLER =
      "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: controller\n"
          + "  namespace: ingress-test\nspec:\n  selector:\n    matchLabels: {app: c}\n"
          + "  template:\n    metadata:\n      labels: {app: c}\n"
          + "      annotations: {linkerd.io/inject: enabled%s}\n    spec:\n"
          + "      serviceAccountName: ingress-test\n      containers:\n      - name: c\n"
          + "        image: c:1\n";

  /**
   * linkerd2 version-2.20 pkg/inject/inject.go: config.linkerd.io/skip-outbound-ports (else
   * charts/linkerd-control-plane/values.yaml proxyInit.ignoreOutboundPorts "4567,4568") sends the
   * controller's connections to those ports past its proxy, so they arrive without its identity.
   */
  @ParameterizedTest
  @CsvSource({"'', ''", "', config.linkerd.io/skip-outbound-ports: \"8080\"', ERROR"})
  void a_meshed_controller_that_skips_the_port_outbound_reaches_it_unmeshed(
      String annotation, String expected) {
    Manifests in =
        LinkerdDoctorTest.fixture("ingress-locked-out.pass")
            .and(Manifests.parse(String.format(CONTROLLER, annotation), "controller.yaml"));
    Report r = check(in, Linkerd.target());
    if (expected.isEmpty()) {
      assertThat(linkerd(r)).isEmpty();
      return;
    }
    assertThat(linkerd(r)).containsExactly("ERROR LINKERD-INGRESS-LOCKED-OUT 62:1");
    assertThat(
            r.findings().stream()
                .filter(f -> f.code().equals("LINKERD-INGRESS-LOCKED-OUT"))
                .map(Finding::message)
                .findFirst()
                .orElseThrow())
        .isEqualTo(
            "Server chat/chat selects the pods of Deployment chat/chat on port 8080 (accessPolicy"
                + " deny), and nothing in the input authorizes test-ingress (ServiceAccount"
                + " ingress-test/ingress-test), whose pods send port 8080 past their Linkerd"
                + " proxy (config.linkerd.io/skip-outbound-ports, else the installation's default"
                + " 4567,4568), which sends the WebSocket route chat.example.com/ws"
                + " (doctor/ingress-locked-out.pass.yaml:12:13) there: AuthorizationPolicy"
                + " chat/chat-ingress admits only other clients. The proxy refuses the"
                + " controller's WebSocket handshakes (HTTP 403).");
  }

  /**
   * linkerd2 version-2.17 controller/api/destination/endpoint_translator.go: a port is opaque to
   * meshed clients when the pod's opaque-ports annotation names it or a Server marks it opaque;
   * opaque ports go to the proxy's inbound port 4143 before 2.18.
   */
  @ParameterizedTest
  @ValueSource(strings = {"8080", "http", "8000-8090"})
  void before_2_18_an_annotated_opaque_port_goes_to_the_proxy_port_even_with_a_server(
      String ports) {
    Target older = Linkerd.target().version("2.17");
    Manifests plain = LinkerdDoctorTest.fixture("proxy-port-blocked.fail");
    assertThat(linkerd(check(plain, older))).isEmpty();
    Manifests opaque =
        withPodAnnotation("proxy-port-blocked.fail", PodAnnotations.OPAQUE_PORTS, ports);
    assertThat(linkerd(check(opaque, older)))
        .containsExactly("ERROR LINKERD-PROXY-PORT-BLOCKED 107:3");
  }
}
