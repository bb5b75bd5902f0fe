package dev.wsingress.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wsingress.InvalidSpecException;
import dev.wsingress.WebSocketApp;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code nginx -t} on the server block the controller generates around the rendered snippet (the
 * "Custom code snippet configured for host" part of ingress-nginx's nginx.tmpl): what the snippet
 * check accepts is configuration nginx accepts, what nginx cannot read is refused by the check too,
 * and the issue's exploit is one nginx would accept if the check let it through.
 *
 * <p>Needs an nginx binary: Debian's {@code nginx} package ({@code apt-get install nginx}, which
 * installs {@code /usr/sbin/nginx}), or the system property {@code wsingress.nginx} naming one.
 * Without it these tests are skipped.
 */
class NginxSnippetConfigTest {
  private static Path nginx;

  @TempDir Path dir;

  @BeforeAll
  static void findNginx() {
    nginx = binary().orElse(null);
  }

  private static Optional<Path> binary() {
    String property = System.getProperty("wsingress.nginx", "");
    if (!property.isBlank()) {
      return Optional.of(Path.of(property)).filter(Files::isExecutable);
    }
    Path debian = Path.of("/usr/sbin/nginx");
    if (Files.isExecutable(debian)) {
      return Optional.of(debian);
    }
    for (String p : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path candidate = Path.of(p.isEmpty() ? "." : p, "nginx");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static void assumeNginx() {
    assumeTrue(
        nginx != null,
        "nginx -t tests skipped: no nginx binary (install Debian's nginx package with"
            + " apt-get install nginx, or set -Dwsingress.nginx=/path/to/nginx)");
  }

  /** The server block around the snippet, as nginx.tmpl writes it, inside a minimal nginx.conf. */
  private String config(String snippet) {
    String d = dir.toAbsolutePath().toString();
    return "pid "
        + d
        + "/nginx.pid;\n"
        + "error_log "
        + d
        + "/error.log;\n"
        + "events {}\n"
        + "http {\n"
        + "  access_log off;\n"
        + "  client_body_temp_path "
        + d
        + "/body;\n"
        + "  proxy_temp_path "
        + d
        + "/proxy;\n"
        + "  fastcgi_temp_path "
        + d
        + "/fastcgi;\n"
        + "  uwsgi_temp_path "
        + d
        + "/uwsgi;\n"
        + "  scgi_temp_path "
        + d
        + "/scgi;\n"
        + "  server {\n"
        + "    server_name ws.example.com;\n"
        + "    listen 127.0.0.1:18080;\n"
        + "\n"
        + "        # Custom code snippet configured for host ws.example.com\n"
        + "        "
        + snippet
        + "\n"
        + "\n"
        + "    location / {\n"
        + "      return 200;\n"
        + "    }\n"
        + "  }\n"
        + "}\n";
  }

  private record Result(int exit, String output) {}

  private Result test(String snippet) throws IOException, InterruptedException {
    Path conf = dir.resolve("nginx.conf");
    Files.writeString(conf, config(snippet), StandardCharsets.UTF_8);
    Process p =
        new ProcessBuilder(
                nginx.toString(),
                "-t",
                "-p",
                dir.toAbsolutePath() + "/",
                "-e",
                dir.resolve("error.log").toAbsolutePath().toString(),
                "-c",
                conf.toAbsolutePath().toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("nginx -t finished").isTrue();
    return new Result(p.exitValue(), output);
  }

  private static String rendered(String snippet) {
    WebSocketApp app = WebSocketApp.on("ws.example.com").name("chat").service("ws", 8080).build();
    Ingress ingress = Nginx.target().rawServerSnippet(snippet).render(app).only(Ingress.class);
    return ingress.getMetadata().getAnnotations().get("nginx.ingress.kubernetes.io/server-snippet");
  }

  static Stream<String> accepted() {
    return RawSnippetsTest.ACCEPTED.stream();
  }

  @ParameterizedTest
  @MethodSource("accepted")
  void every_accepted_snippet_passes_nginx_t_in_the_generated_server_block(String snippet)
      throws Exception {
    assumeNginx();

    Result r = test(rendered(snippet));

    assertThat(r.exit()).as(r.output()).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "add_header X \"a\"b;",
        "add_header X-A 1",
        "add_header X \"a;\n",
        "if ($a) {",
        "{ add_header X 1; }"
      })
  void what_nginx_cannot_read_is_refused_by_the_check_too(String snippet) throws Exception {
    assumeNginx();

    assertThat(test(snippet).exit()).isNotZero();
    assertThatThrownBy(() -> Nginx.target().rawServerSnippet(snippet))
        .isInstanceOf(InvalidSpecException.class);
  }

  @Test
  void the_issue_19_exploit_passes_nginx_t_unchecked_and_is_refused() throws Exception {
    assumeNginx();
    String exploit = "# {\n}\nserver { listen 127.0.0.1:19999; return 200 pwned;\n# }";

    Result raw = test(exploit);

    assertThat(raw.exit()).as("nginx accepts the escaped server block: " + raw.output()).isZero();
    assertThatThrownBy(() -> Nginx.target().rawServerSnippet(exploit))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessage(
            "Nginx is invalid (1 problem):\n  - rawServerSnippet = \"# {\\n}\\nserver { listen"
                + " 127.0.0.1:19999; return 200 pwned;\\n# }\": must keep its braces balanced: a"
                + " '}' without its '{' closes the server block and injects configuration outside"
                + " it. Fix: remove the '}' at index 4.");
  }
}
