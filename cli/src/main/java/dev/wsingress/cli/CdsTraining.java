package dev.wsingress.cli;

import dev.wsingress.Target;
import java.io.ByteArrayInputStream;
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
    List<List<String>> runs =
        List.of(
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
    // Main itself runs from the archive too (its streams are those below).
    String main = Main.class.getName();
    PrintStream sink =
        new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
    for (List<String> run : runs) {
      ByteArrayInputStream in = new ByteArrayInputStream(invalid.getBytes(StandardCharsets.UTF_8));
      new Cli(in, sink, sink, Map.of(), Target::discover).run(run.toArray(new String[0]));
    }
    sink.print(main);
  }
}
