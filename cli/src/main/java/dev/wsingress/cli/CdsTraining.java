package dev.wsingress.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The training run of the class-data sharing archive (build time only): runs every command the way
 * users do, in one JVM, so that the archive holds every class they load. Output is discarded.
 */
final class CdsTraining {
  private CdsTraining() {}

  /** {@code args[0]}: the example spec file to render. */
  public static void main(String[] args) {
    String spec = args[0];
    String invalid =
        "apiVersion: wsingress.dev/v1alpha1\nkind: WebSocketApp\nspec:\n  hosts: [A]\n"
            + "  service: {name: x, port: 0}\n  idleTimout: 1h\n";
    List<List<String>> runs = runs(spec);
    // Main itself runs from the archive too (its streams are those below).
    String main = Main.class.getName();
    PrintStream sink =
        new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
    // The warm-up thread's work (Main starts it; these runs call Cli directly).
    new WarmUp(true, true).run();
    for (List<String> run : runs) {
      run(invalid, sink, sink, run);
    }
    // doctor and convert read manifests: every target's rendering of the example, on stdin.
    ByteArrayOutputStream rendered = new ByteArrayOutputStream();
    run(
        "",
        new PrintStream(rendered, false, StandardCharsets.UTF_8),
        sink,
        List.of("render", spec, "--target", "all", "--lenient"));
    String manifests = rendered.toString(StandardCharsets.UTF_8);
    List<List<String>> reading =
        List.of(
            List.of("doctor", "-"),
            List.of("doctor", "-", "-o", "json", "--ignore", "CORE-DRAIN"),
            List.of("doctor", "-", "-o", "sarif", "--fail-on", "warning"),
            List.of("doctor", "--help"),
            List.of("convert", "-", "--to", "spec"),
            List.of("convert", "-", "--to", "java"),
            List.of("convert", "-", "--to", "gateway-api,platform", "--lenient"),
            List.of("convert", "-", "--to", "all", "--lenient", "-o", "json"),
            List.of("explain", "NGINX-CONNECT-TIMEOUT", "CORE-DRAIN"),
            List.of("explain", "NGINX-CONECT-TIMEOUT"));
    for (List<String> run : reading) {
      run(manifests, sink, sink, run);
    }
    sink.print(main);
  }

  /**
   * The runs with an invalid spec on standard input: render runs both ways, bound by {@link
   * RenderArgs} and parsed by picocli's model of render (standard input, help), which
   * RenderArgsTest checks.
   */
  static List<List<String>> runs(String spec) {
    return List.of(
        List.of("--help"),
        List.of("version"),
        List.of("--version"),
        List.of("targets"),
        List.of("targets", "-o", "json"),
        List.of("schema"),
        List.of("render", "--help"),
        List.of("render", spec, "--target", "all"),
        List.of("render", spec, "--target", "all", "--lenient"),
        List.of("render", spec, "--target", "all", "--lenient", "-o", "json"),
        List.of("render", "-f", spec, "--target", "gateway-api,platform", "--lenient"),
        List.of("render", "-", "--target", "nginx"),
        List.of("render", spec, "--target", "nginxx"));
  }

  private static void run(String stdin, PrintStream out, PrintStream err, List<String> args) {
    ByteArrayInputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    new Cli(in, out, err, Map.of(), new WarmUp.Targets()).run(args.toArray(new String[0]));
  }
}
