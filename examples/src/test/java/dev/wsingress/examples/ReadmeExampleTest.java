package dev.wsingress.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.Finding;
import dev.wsingress.Rendering;
import dev.wsingress.Route;
import dev.wsingress.Severity;
import dev.wsingress.Target;
import dev.wsingress.Targets;
import dev.wsingress.UnsupportedFeatureException;
import dev.wsingress.WebSocketApp;
import dev.wsingress.Yaml;
import dev.wsingress.nginx.Nginx;
import dev.wsingress.platform.Platform;
import dev.wsingress.testing.Readme;
import dev.wsingress.testing.SchemaConformance;
import dev.wsingress.testing.Snapshots;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The code of the README's Example section and of DESIGN.md's "The API in one page" is compiled
 * exactly as written (with the imports a user would add) and run: the names they use are the public
 * contract, and the README's app is rendered for every target on the class path.
 */
class ReadmeExampleTest {
  @TempDir Path classes;

  /** The first {@code java} code block after the heading {@code heading} in {@code text}. */
  static String codeBlock(String text, String heading) {
    int at = text.indexOf("\n" + heading + "\n");
    assertThat(at).as("heading %s", heading).isNotNegative();
    int start = text.indexOf("```java\n", at);
    assertThat(start).as("a java block after %s", heading).isNotNegative();
    start += "```java\n".length();
    int end = text.indexOf("\n```", start);
    return text.substring(start, end + 1);
  }

  /**
   * Compiles {@code code} as the body of a method that returns its {@code app} and {@code out}
   * variables, with the imports of the spec, {@code java.time}, {@code java.util} and every
   * target's entry class, and runs it.
   */
  Object[] run(String code) throws Exception {
    StringBuilder source = new StringBuilder("package example;\n\n");
    source.append("import dev.wsingress.*;\nimport java.time.*;\nimport java.util.*;\n");
    for (Target t : Target.discover()) {
      source.append("import ").append(t.getClass().getName()).append(";\n");
    }
    source
        .append("\npublic final class Example {\n  public static Object[] run() {\n")
        .append(code)
        .append("    return new Object[] {app, out};\n  }\n}\n");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac).as("a JDK's compiler (javax.tools)").isNotNull();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    JavaFileObject file =
        new SimpleJavaFileObject(
            URI.create("string:///example/Example.java"), JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source;
          }
        };
    // Surefire runs the tests from a manifest-only jar; the real class path is in this property.
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    StringWriter messages = new StringWriter();
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
      boolean compiled =
          javac
              .getTask(
                  messages,
                  files,
                  diagnostics,
                  List.of("-classpath", classPath, "-d", classes.toString(), "-proc:none"),
                  null,
                  List.of(file))
              .call();
      assertThat(compiled)
          .as("compiles:\n%s\n%s%s", source, diagnostics.getDiagnostics(), messages)
          .isTrue();
    }
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      Method main = loader.loadClass("example.Example").getMethod("run");
      return (Object[]) main.invoke(null);
    }
  }

  @Test
  void the_readme_example_compiles_runs_and_renders_one_service() throws Exception {
    Object[] result = run(codeBlock(Readme.text(), "## Example"));
    WebSocketApp app = (WebSocketApp) result[0];
    Rendering out = (Rendering) result[1];

    // The three-backend app of issue 13: a WebSocket route, a plain API route with a request
    // timeout, a rewritten WebSocket route, a frontend.
    assertThat(app.routes())
        .extracting(Route::toString)
        .containsExactly(
            "WEBSOCKET PREFIX /ws -> chat-ws:8080",
            "HTTP PREFIX /api -> chat-api:80",
            "WEBSOCKET PREFIX /notify -> notify:http (rewrite to /ws)",
            "HTTP PREFIX / -> frontend:80");
    assertThat(app.routes().get(1).requestTimeout()).contains(Duration.ofSeconds(30));
    // The platform kit renders one Service, the app's own; the others are referenced.
    assertThat(out.objects(Service.class))
        .extracting(s -> s.getMetadata().getName())
        .containsExactly("chat-ws");
    assertThat(out.finding("CORE-SERVICES-REFERENCED").orElseThrow().message())
        .isEqualTo(
            "routes go to Services the platform kit does not render: chat-api:80 (/api),"
                + " notify:http (/notify), frontend:80 (/); it renders only the app's own Service"
                + " chat-ws, so those must exist in namespace default with those ports.");
    assertThat(out.objects())
        .extracting(HasMetadata::getKind)
        .containsOnly("Ingress", "Service")
        .contains("Ingress");
    // The same rendering the README shows, made here without the compiler, gives the same YAML.
    assertThat(Targets.render(app, Nginx.target(), Platform.target()).toYaml())
        .isEqualTo(out.toYaml());
    assertThat(Yaml.write(Yaml.read(out.toYaml()))).isEqualTo(out.toYaml());
    SchemaConformance.assertValid(out);
  }

  @Test
  void every_target_renders_the_readme_example() throws Exception {
    WebSocketApp app = (WebSocketApp) run(codeBlock(Readme.text(), "## Example"))[0];

    // As the main job prints it: each target strictly, or, where it cannot, its errors and then
    // its lenient rendering; every finding (code, severity, subject, message, hint) and object
    // is in the approved snapshot.
    String printed = print(app);

    List<Rendering> renderings = new ArrayList<>();
    for (Target t : Target.discover()) {
      Rendering r;
      try {
        r = t.render(app);
        assertThat(r.findings())
            .as("%s renders strictly, so it reports no error", t.id())
            .noneMatch(f -> f.severity() == Severity.ERROR);
      } catch (UnsupportedFeatureException e) {
        assertThat(e.errors()).as("%s refuses with errors", t.id()).isNotEmpty();
        assertThat(printed)
            .contains(
                "# ======== "
                    + t.displayName()
                    + " ("
                    + t.id()
                    + ") ========\n# cannot render this app strictly:\n");
        r = t.lenient().render(app);
        for (Finding error : e.errors()) {
          assertThat(r.findings())
              .as("%s's lenient rendering reports %s as a warning", t.id(), error.code())
              .anyMatch(f -> f.code().equals(error.code()) && f.severity() == Severity.WARNING);
        }
      }
      for (Finding f : r.findings()) {
        assertThat(printed)
            .contains("# " + f.severity() + " " + f.code() + " (" + f.subject() + ")");
      }
      assertThat(Yaml.write(Yaml.read(r.toYaml()))).as(t.id()).isEqualTo(r.toYaml());
      renderings.add(r);
    }
    assertThat(print(app)).as("deterministic").isEqualTo(printed);
    Snapshots.verifyYaml(printed);
    for (Rendering r : renderings) {
      SchemaConformance.assertValid(r);
    }
  }

  private static String print(WebSocketApp app) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Main.print(app, Target.discover(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void the_design_contract_example_compiles_and_runs() throws Exception {
    // DESIGN.md lives beside the schemas (../shared); like them, it is required when
    // -Dwsingress.schemas is given, and the check is skipped with a message when neither is.
    Path design = SchemaConformance.schemasDir().getParent().resolve("DESIGN.md");
    Assumptions.assumeTrue(
        Files.isRegularFile(design), "DESIGN.md contract check skipped: no " + design);
    String text;
    try {
      text = Files.readString(design);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }

    Object[] result = run(codeBlock(text, "## The API in one page"));
    WebSocketApp app = (WebSocketApp) result[0];
    Rendering out = (Rendering) result[1];

    assertThat(app.routes()).anyMatch(r -> !r.isWebSocket()).anyMatch(r -> r.rewrite().isPresent());
    assertThat(out.objects()).isNotEmpty();
    Rendering all = Targets.render(app, Nginx.target(), Platform.target());
    assertThat(all.objects(Service.class))
        .extracting(s -> s.getMetadata().getName())
        .containsExactly(app.serviceName());
    SchemaConformance.assertValid(out);
    SchemaConformance.assertValid(all);
  }
}
