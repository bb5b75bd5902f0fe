package dev.wsingress.linkerd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.BackendProtocol;
import dev.wsingress.Finding;
import dev.wsingress.Import;
import dev.wsingress.Imported;
import dev.wsingress.ImportedApp;
import dev.wsingress.Manifests;
import dev.wsingress.Severity;
import dev.wsingress.Targets;
import dev.wsingress.WebSocketApp;
import dev.wsingress.testing.Fixtures;
import dev.wsingress.testing.StandInReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Linkerd objects no renderer of ours wrote, in the shapes of Linkerd's reference docs, converted
 * (issue 16): the Server's authorizations become the Linkerd target's options, and everything it
 * cannot render again is reported with its file and line.
 */
class LinkerdImportTest {
  static Manifests fixture(String name) {
    return Fixtures.read(LinkerdImportTest.class, "import/" + name, name);
  }

  static String line(Finding f) {
    return f.code()
        + " "
        + f.source().map(s -> s.line() + ":" + s.column()).orElse("-")
        + " "
        + f.subject()
        + ": "
        + f.message();
  }

  @Test
  void a_server_and_its_authorizations_in_the_docs_shapes_convert() throws IOException {
    Imported in =
        Import.with(StandInReader.target(), Linkerd.target()).from(fixture("docs-shapes.yaml"));
    assertThat(in.importedApps()).hasSize(1);
    ImportedApp chat = in.importedApps().get(0);
    WebSocketApp expected =
        WebSocketApp.on("chat.example.com")
            .namespace("realtime")
            .label("app", "chat")
            .path("/ws")
            .service("chat", 80)
            .build();
    assertThat(chat.app()).isEqualTo(expected);
    assertThat(chat.app().backendProtocol()).isEqualTo(BackendProtocol.HTTP);
    // The ServiceAccount reference and the networks come back as the target's clients.
    Linkerd mesh = (Linkerd) chat.targets().get(1);
    assertThat(mesh)
        .hasToString(
            "Linkerd[clients=[ServiceAccount[namespace=traefik, name=traefik]],"
                + " networks=[10.0.0.0/8, 192.168.0.0/16], accessPolicy=DENY]");
    assertThat(Targets.render(chat.app(), StandInReader.target(), mesh).toYaml())
        .contains("kind: MeshTLSAuthentication", "name: traefik", "cidr: 192.168.0.0/16");
    String nc = "CORE-IMPORT-NOT-CARRIED ";
    List<String> warnings =
        in.findings().stream()
            .filter(f -> f.severity() != Severity.INFO)
            .map(LinkerdImportTest::line)
            .toList();
    assertThat(warnings)
        .containsExactly(
            nc
                + "53:9 Deployment realtime/chat: the annotation"
                + " config.linkerd.io/proxy-cpu-request: 100m is not carried: the Linkerd target"
                + " sets the proxy's CPU and memory requests and limits together"
                + " (Linkerd.proxyResources).",
            nc
                + "54:9 Deployment realtime/chat: the annotation config.linkerd.io/opaque-ports:"
                + " 6379 is not carried: the Linkerd target has no setting for it.",
            nc
                + "55:9 Deployment realtime/chat: the annotation"
                + " config.alpha.linkerd.io/proxy-wait-before-exit-seconds: 40 is not carried: the"
                + " Linkerd target derives it from the workload's drain time (the proxy waits"
                + " until 1 s before the pod's grace period ends).",
            nc
                + "97:3 MeshTLSAuthentication realtime/ingress-identities: the field"
                + " spec.identities is not carried: the Linkerd target names clients by"
                + " ServiceAccount (identityRefs), not by identity strings.",
            nc
                + "103:7 MeshTLSAuthentication realtime/ingress-identities: the identity"
                + " spec.identityRefs[1] (Namespace) is not carried: the Linkerd target names"
                + " clients by ServiceAccount.",
            nc
                + "129:7 NetworkAuthentication realtime/lb-networks: the field"
                + " spec.networks[0].except is not carried: the Linkerd target's networks are"
                + " whole CIDRs (Linkerd.allowNetwork).",
            nc
                + "139:3 AuthorizationPolicy realtime/realtime-from-webapp: the"
                + " AuthorizationPolicy realtime-from-webapp on Namespace realtime is not carried:"
                + " the Linkerd target authorizes clients on the app's own Server only.",
            nc
                + "146:1 ServerAuthorization realtime/chat-legacy: the ServerAuthorization"
                + " chat-legacy is not carried: the Linkerd target authorizes its clients"
                + " (Linkerd.allowFrom, allowNetwork) with AuthorizationPolicies, of which"
                + " ServerAuthorization is the earlier form.",
            nc
                + "168:3 Server realtime/backend-services: the Server backend-services is not"
                + " carried: no Service in the input sends to its pods on its port, and the"
                + " Linkerd target renders a Server for the port of the app's own Service only.");
  }

  @Test
  void a_policy_that_requires_an_identity_and_a_network_is_reported() throws IOException {
    String yaml =
        new String(
                LinkerdImportTest.class
                    .getResourceAsStream("import/docs-shapes.yaml")
                    .readAllBytes(),
                StandardCharsets.UTF_8)
            .replace(
                "    - name: ingress-identities\n"
                    + "      kind: MeshTLSAuthentication\n"
                    + "      group: policy.linkerd.io\n",
                "    - name: ingress-identities\n"
                    + "      kind: MeshTLSAuthentication\n"
                    + "      group: policy.linkerd.io\n"
                    + "    - name: lb-networks\n"
                    + "      kind: NetworkAuthentication\n"
                    + "      group: policy.linkerd.io\n");
    Imported in =
        Import.with(StandInReader.target(), Linkerd.target())
            .from(Manifests.parse(yaml, "both.yaml"));
    assertThat(in.findings().stream().map(LinkerdImportTest::line))
        .contains(
            "CORE-IMPORT-NOT-CARRIED 86:3 AuthorizationPolicy realtime/chat-from-ingress: the field"
                + " spec.requiredAuthenticationRefs (MeshTLSAuthentication and"
                + " NetworkAuthentication) is not carried: a policy requires all of its"
                + " authentications, and the Linkerd target authorizes ServiceAccounts and networks"
                + " each on their own (either admits a client).");
  }
}
