package dev.wsingress.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.Import;
import dev.wsingress.Manifests;
import dev.wsingress.Target;
import dev.wsingress.WebSocketApp;
import dev.wsingress.Yaml;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wsingress convert} in process: the manifests are the Gateway API target's rendering of a
 * spec (made by the render command), converted back with the published targets' readers.
 */
class ConvertCommandTest {

  static final String SPEC =
      """
      apiVersion: wsingress.dev/v1alpha1
      kind: WebSocketApp
      metadata:
        name: chat
      spec:
        hosts: [chat.example.com]
        service: {name: chat, port: 8080}
        routes:
          - path: /ws
      """;

  @TempDir Path dir;
  Path file;
  String manifests;

  @BeforeEach
  void render() throws IOException {
    Run r = convert(SPEC, "render", "-", "-t", "gateway-api,platform", "-q");
    assertThat(r.exit()).as(r.err()).isZero();
    manifests = r.out();
    file = dir.resolve("chat.yaml");
    Files.writeString(file, manifests);
  }

  static Run convert(String stdin, String... args) {
    return Run.with(stdin, Map.of(), Run::productionTargets, args);
  }

  private String importFindings(String name) {
    return name
        + ":33:7: info: GATEWAYAPI-PARENT-NOT-IN-INPUT HTTPRoute default/chat: Gateway"
        + " default/gateway is not in the input: its listeners (hostnames, allowedRoutes, TLS) are"
        + " not checked, and the implementation serving the route is unknown, so only the Gateway"
        + " API's own rules apply.\n"
        + "  hint: Check the route together with its Gateway and GatewayClass to have its"
        + " listeners and the implementation's own rules checked.\n"
        + name
        + ":39:11: info: CORE-IMPORT-TARGET HTTPRoute default/chat: the app default/chat renders"
        + " with the targets the input implies: GatewayApi[gateway=default/gateway,"
        + " listeners=http/https], Platform[portName=http-ws].\n"
        + "  hint: Render with ImportedApp.targets() to keep them, or pass the targets you move"
        + " to.\n";
  }

  @Test
  void toSpecWritesTheAppsAsOneSpecFile() {
    Run r = convert("", "convert", file.toString(), "--to", "spec");
    assertThat(r.exit()).isZero();
    WebSocketApp original = SpecFile.read(SPEC, "spec.yaml").get(0).app();
    assertThat(r.out()).isEqualTo(SpecFile.write(original));
    assertThat(r.err()).isEqualTo(importFindings(file.toString()));
    Run quiet = convert(manifests, "convert", "-", "--to", "spec", "-q");
    assertThat(quiet.out()).isEqualTo(r.out());
    assertThat(quiet.err()).isEmpty();
  }

  @Test
  void toJavaWritesAClassPerApp() {
    Run r =
        convert(
            "", "convert", "-f", file.toString(), "--to", "java", "--java-package", "com.example");
    assertThat(r.exit()).isZero();
    var imported =
        Import.with(Run.productionTargets().toArray(new Target[0])).from(Manifests.read(file));
    assertThat(r.out())
        .isEqualTo(imported.importedApps().get(0).toJava("com.example", "ChatApp"))
        .contains("    return WebSocketApp.on(\"chat.example.com\")\n");
    assertThat(r.err()).isEqualTo(importFindings(file.toString()));
    String two = manifests + "---\n" + manifests.replace("namespace: default", "namespace: other");
    Run both = convert(two, "convert", "-", "--to", "java", "-q");
    assertThat(both.out())
        .startsWith("// ChatApp.java\nimport dev.wsingress.WebSocketApp;\n")
        .contains("\n// OtherChatApp.java\nimport dev.wsingress.WebSocketApp;\n")
        .contains("public final class OtherChatApp {");
    Run bad = convert("", "convert", file.toString(), "--to", "java", "--java-package", "com.1x");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err())
        .isEqualTo(
            "error: --java-package = \"com.1x\": is not a Java package name, such as"
                + " com.example.deploy\n"
                + "See 'wsingress convert --help'.\n");
  }

  @Test
  void toTargetsRendersAsRenderDoesAfterTheImportFindings() {
    Run r =
        convert(
            "",
            "convert",
            file.toString(),
            "--to",
            "traefik",
            "--traefik-entry-points",
            "edge,edge-tls");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(Yaml.read(r.out())).extracting(HasMetadata::getKind).containsExactly("IngressRoute");
    assertThat(r.out()).contains("  entryPoints:\n    - edge\n");
    assertThat(r.err())
        .startsWith(importFindings(file.toString()))
        .contains(file + ":2:1: warning: TRAEFIK-ENTRYPOINT-TIMEOUTS IngressRoute default/chat:");
    Run json = convert("", "convert", file.toString(), "--to", "traefik", "-o", "json", "-q");
    assertThat(json.out()).startsWith("{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"List\"");
    Run all = convert("", "convert", file.toString(), "--to", "all", "--lenient", "-q");
    assertThat(all.out()).contains("# nginx: ingress-nginx\n", "# platform: ");
    Run each = convert("", "convert", file.toString(), "--to", "traefik,platform", "--each", "-q");
    assertThat(each.out()).startsWith("# traefik: ").contains("# platform: ");
  }

  @Test
  void failOnCountsTheImportFindingsToo() {
    assertThat(convert("", "convert", file.toString(), "--to", "spec", "--fail-on", "info").exit())
        .isEqualTo(1);
    assertThat(
            convert("", "convert", file.toString(), "--to", "spec", "--fail-on", "warning").exit())
        .isZero();
    assertThat(
            convert("", "convert", file.toString(), "--to", "traefik", "--fail-on", "warning")
                .exit())
        .as("the rendering's warning")
        .isEqualTo(1);
  }

  @Test
  void renderingOptionsAreForTargetsOnly() {
    String[][] cases = {
      {"--to", "spec,traefik"},
      {"--to", "java", "--lenient"},
      {"--to", "spec", "-o", "json"},
      {"--to", "spec", "--each"},
      {"--to", "spec", "--nginx-ingress-class", "x"},
      {"--to", "spec", "--nginx-version", "1.14"},
      {"--to", "spec", "--java-package", "a"},
      {"--to", "traefk"},
      {"--to", "traefik", "--nginx-ingress-class", "x"}
    };
    String[] expected = {
      "error: --to: spec is given alone (not with targets, spec or java): give --to spec\n",
      "error: --lenient is an option of --to TARGET, not of --to java\n",
      "error: --output is an option of --to TARGET, not of --to spec\n",
      "error: --each is an option of --to TARGET, not of --to spec\n",
      "error: --nginx-ingress-class is an option of the target nginx, which is not rendered with"
          + " --to spec\n",
      "error: --nginx-version is an option of the target nginx, which is not rendered with --to"
          + " spec\n",
      "error: --java-package is an option of --to java, not of --to spec\n",
      "error: --to: unknown target \"traefk\": did you mean \"traefik\"? The targets are:"
          + " gateway-api, haproxy, istio, linkerd, nginx, platform, traefik, traefik-ingress and"
          + " all.\n",
      "error: --nginx-ingress-class is an option of the target nginx, which is not rendered: add"
          + " nginx to --to\n"
    };
    for (int i = 0; i < cases.length; i++) {
      String[] args = new String[cases[i].length + 2];
      args[0] = "convert";
      args[1] = file.toString();
      System.arraycopy(cases[i], 0, args, 2, cases[i].length);
      Run r = convert("", args);
      assertThat(r.exit()).as(String.join(" ", cases[i])).isEqualTo(2);
      assertThat(r.err()).isEqualTo(expected[i] + "See 'wsingress convert --help'.\n");
    }
    Run missing = convert("", "convert", file.toString());
    assertThat(missing.err()).startsWith("error: Missing required option: '--to=TO'\n");
  }

  @Test
  void noAppIsExitOneAndInputThatCannotBeParsedExitThree() throws IOException {
    String service =
        "apiVersion: v1\nkind: Service\nmetadata: {name: chat}\nspec:\n  ports: [{port: 80}]\n";
    Run none = convert(service, "convert", "-", "--to", "spec");
    assertThat(none.exit()).isEqualTo(1);
    assertThat(none.out()).isEmpty();
    assertThat(none.err())
        .endsWith(
            "error: no app was converted: no target reads a route that carries WebSocket traffic"
                + " in the input (the findings above say why)\n");
    Files.writeString(dir.resolve("broken.yaml"), "a: [1\n");
    Run broken = convert("", "convert", dir.toString(), "--to", "spec");
    assertThat(broken.exit()).isEqualTo(3);
    assertThat(broken.out()).isEmpty();
    assertThat(broken.err())
        .contains(dir.resolve("broken.yaml") + ":1:4: error: CORE-YAML-SYNTAX ")
        .endsWith(
            "error: some input cannot be parsed (the CORE-YAML errors above); nothing was"
                + " converted\n");
    Run missing = convert("", "convert", dir.resolve("nope").toString(), "--to", "spec");
    assertThat(missing.exit()).isEqualTo(3);
    assertThat(missing.err())
        .isEqualTo("error: " + dir.resolve("nope") + ": no such file or directory\n");
  }

  @Test
  void theClassNameOfAnApp() {
    WebSocketApp app =
        WebSocketApp.on("a.example.com")
            .name("chat-api-2")
            .namespace("team-a")
            .service("x", 80)
            .build();
    assertThat(Convert.className(app, false)).isEqualTo("ChatApi2App");
    assertThat(Convert.className(app, true)).isEqualTo("TeamAChatApi2App");
    WebSocketApp digits = WebSocketApp.on("a.example.com").name("2chat").service("x", 80).build();
    assertThat(Convert.className(digits, false)).isEqualTo("App2chatApp");
  }
}
