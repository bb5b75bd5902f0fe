package dev.wsingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsingress.testing.SampleApps;
import dev.wsingress.testing.StandInPlatform;
import dev.wsingress.testing.StandInReader;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.junit.jupiter.api.Test;

/** The spec as Java source: compiled in memory, run, and compared with the app it came from. */
class JavaDslTest {

  /** Every option of the DSL at once, each away from its default. */
  static WebSocketApp everything() {
    return WebSocketApp.on("chat.example.com")
        .alsoOn("ws.example.com", "*.rooms.example.com")
        .name("chat")
        .namespace("realtime")
        .label("app", "chat")
        .label("tier", "edge")
        .path("/ws")
        .service("chat-ws", "http-ws")
        .exactPath("/socket")
        .route(Route.http("/api").to("chat-api", 80).requestTimeout(Duration.ofSeconds(30)))
        .route(Route.websocket("/notify").to("notify", "http").rewriteTo("/ws"))
        .route(Route.http("/static").exact().to("frontend", 8080).buffering(true))
        .route(Route.http("/").to("frontend", 8080).rewriteTo("/app"))
        .timeout(Duration.ofHours(2))
        .readTimeout(Duration.ofMinutes(90))
        .sendTimeout(Duration.ofSeconds(4000))
        .connectTimeout(Duration.ofSeconds(10))
        .stickySessions(
            Affinity.cookie("ws-server")
                .maxAge(Duration.ofDays(1))
                .path("/")
                .secure(true)
                .httpOnly(false)
                .sameSite(SameSite.NONE)
                .persistent())
        .tls(
            Tls.secret("chat-tls")
                .hosts("chat.example.com", "ws.example.com")
                .redirect(false)
                .issuedBy(
                    AcmeIssuer.letsEncrypt("ops@example.com").staging().name("le").http01("nginx")))
        .rateLimit(RateLimit.handshakesPerMinute(100).burst(20))
        .maxConnectionsPerClient(50)
        .cors(
            Cors.allowOrigins("https://app.example.com", "https://*.example.com")
                .allowMethods("GET", "POST")
                .allowHeaders("Authorization")
                .exposeHeaders("X-Trace")
                .allowCredentials(true)
                .maxAge(Duration.ofMinutes(10)))
        .responseBuffering(true)
        .requestBuffering(true)
        .backendProtocol(BackendProtocol.HTTPS)
        .backendCaSecret("backend-ca")
        .healthCheck(HealthCheck.http("/health").interval(Duration.ofSeconds(5)).rise(2).fall(3))
        .workload(
            Workload.image("registry.example.com/chat:1.4.2")
                .replicas(3)
                .containerPort(3000)
                .metricsPort(9090)
                .env("GREETING", "h\u00e9llo \"world\" \\u0041 $HOME")
                .env("LOG_LEVEL", "info")
                .maxConnections(10000)
                .pingInterval(Duration.ofSeconds(25))
                .resources("250m", "256Mi", "1", "512Mi")
                .drainTime(Duration.ofSeconds(45))
                .autoscale(3, 30)
                .connectionsPerPod(1000)
                .egressTo("app", "redis", 6379)
                .egressToNamespace("monitoring", 9090))
        .build();
  }

  /** Compiles the sources (class name → text) in memory and returns each class's {@code app()}. */
  static Map<String, WebSocketApp> run(Map<String, String> sources) throws Exception {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StandardJavaFileManager standard =
        javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8);
    Map<String, ByteArrayOutputStream> classes = new HashMap<>();
    JavaFileManager memory =
        new ForwardingJavaFileManager<>(standard) {
          @Override
          public JavaFileObject getJavaFileForOutput(
              Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
            return new SimpleJavaFileObject(
                URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
              @Override
              public OutputStream openOutputStream() {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                classes.put(className, bytes);
                return bytes;
              }
            };
          }
        };
    List<JavaFileObject> units = new ArrayList<>();
    sources.forEach(
        (name, text) ->
            units.add(
                new SimpleJavaFileObject(
                    URI.create("string:///" + name.replace('.', '/') + ".java"),
                    JavaFileObject.Kind.SOURCE) {
                  @Override
                  public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return text;
                  }
                }));
    String core =
        Path.of(WebSocketApp.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString();
    boolean ok =
        javac
            .getTask(
                null,
                memory,
                diagnostics,
                List.of("-classpath", core, "-proc:none", "-Xlint:all", "-Werror"),
                null,
                units)
            .call();
    assertThat(ok).as("javac: %s", diagnostics.getDiagnostics()).isTrue();
    ClassLoader loader =
        new ClassLoader(JavaDslTest.class.getClassLoader()) {
          @Override
          protected Class<?> findClass(String name) throws ClassNotFoundException {
            ByteArrayOutputStream b = classes.get(name);
            if (b == null) {
              throw new ClassNotFoundException(name);
            }
            byte[] bytes = b.toByteArray();
            return defineClass(name, bytes, 0, bytes.length);
          }
        };
    Map<String, WebSocketApp> apps = new LinkedHashMap<>();
    for (String name : sources.keySet()) {
      apps.put(name, (WebSocketApp) loader.loadClass(name).getMethod("app").invoke(null));
    }
    return apps;
  }

  @Test
  void the_chat_app_as_java() {
    Approvals.verify(
        JavaDsl.of(everything()).toSource("com.example.deploy", "ChatApp"),
        new Options().forFile().withExtension(".java.txt"));
  }

  @Test
  void the_minimal_app_names_only_its_host_and_service() {
    assertThat(JavaDsl.of(SampleApps.minimal()).expression())
        .isEqualTo(
            "WebSocketApp.on(\"ws.example.com\")\n"
                + "    .service(\"websocket-service\", 8080)\n"
                + "    .build()");
    assertThat(JavaDsl.of(SampleApps.minimal()).imports())
        .containsExactly("dev.wsingress.WebSocketApp");
  }

  @Test
  void compiled_sources_build_equal_apps_that_render_the_same() throws Exception {
    List<WebSocketApp> apps = new ArrayList<>();
    apps.add(SampleApps.minimal());
    apps.add(SampleApps.chat());
    apps.add(everything());
    apps.add(RoundTripTest.threeBackends());
    StandInSpecs random = new StandInSpecs(2026, true);
    for (int i = 0; i < 300; i++) {
      apps.add(random.get());
    }
    Map<String, String> sources = new LinkedHashMap<>();
    for (int i = 0; i < apps.size(); i++) {
      String source = JavaDsl.of(apps.get(i)).toSource("generated", "App" + i);
      assertThat(JavaDsl.of(apps.get(i)).toSource("generated", "App" + i))
          .as("deterministic")
          .isEqualTo(source);
      sources.put("generated.App" + i, source);
    }
    Map<String, WebSocketApp> built = run(sources);
    for (int i = 0; i < apps.size(); i++) {
      WebSocketApp original = apps.get(i);
      WebSocketApp again = built.get("generated.App" + i);
      assertThat(again).as(sources.get("generated.App" + i)).isEqualTo(original);
      if (i != 2) { // the stand-ins do not render everything's cookie attributes
        assertThat(Targets.render(again, StandInReader.target(), StandInPlatform.target()).toYaml())
            .isEqualTo(
                Targets.render(original, StandInReader.target(), StandInPlatform.target())
                    .toYaml());
      }
    }
  }

  @Test
  void an_imported_app_as_java_compiles_and_renders_the_input_again() throws Exception {
    ImportedApp imported = ImportTest.read("three-backends").importedApps().get(0);
    String source = imported.toJava("com.example", "Chat");
    assertThat(source)
        .startsWith(
            "package com.example;\n\n"
                + "import dev.wsingress.Affinity;\n"
                + "import dev.wsingress.Route;\n"
                + "import dev.wsingress.Tls;\n"
                + "import dev.wsingress.WebSocketApp;\n"
                + "import java.time.Duration;\n\n"
                + "/**\n"
                + " * Imported from Ingress prod/chat-ws, Ingress prod/chat-api, Ingress"
                + " prod/notify\n"
                + " * (import/three-backends.yaml); served by StandInReader[ingressClass=test].\n"
                + " */\n"
                + "public final class Chat {\n");
    WebSocketApp again = run(Map.of("com.example.Chat", source)).get("com.example.Chat");
    assertThat(again).isEqualTo(imported.app());
    assertThat(Targets.render(again, imported.target()).toYaml())
        .isEqualTo(imported.render().toYaml());
  }

  @Test
  void strings_are_java_literals_in_ascii() {
    assertThat(JavaDsl.str("a\"b\\c\n\u00e9\u0001")).isEqualTo("\"a\\\"b\\\\c\\n\\u00e9\\u0001\"");
  }

  @Test
  void names_that_are_not_java_names_are_refused() {
    assertThatThrownBy(() -> JavaDsl.of(SampleApps.minimal()).toSource("com.example", "1App"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("className \"1App\" is not a Java class name");
    assertThatThrownBy(() -> JavaDsl.of(SampleApps.minimal()).toSource("com..example", "App"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("packageName \"com..example\" is not a Java package name");
  }
}
