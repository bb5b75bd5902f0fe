package dev.wsingress.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.Yaml;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built command as a user runs it: {@code cli/target/wsingress} started as a process on a spec
 * file, a directory and standard input, as the kubectl plugin, with and without its class-data
 * sharing archive, and from the unpacked distribution archive.
 */
class LauncherIT {
  private static final Path TARGET = Path.of(System.getProperty("wsingress.target", "target"));
  private static final Path LAUNCHER = TARGET.resolve("wsingress");

  record Result(int exit, String out, String err) {}

  static Result run(Path launcher, String stdin, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(launcher.toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(env);
    Path out = Files.createTempFile("wsingress-out", ".txt");
    Path err = Files.createTempFile("wsingress-err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    Files.delete(out);
    Files.delete(err);
    return r;
  }

  static Result run(String... args) throws IOException, InterruptedException {
    return run(LAUNCHER, "", Map.of(), args);
  }

  private static String chat() {
    return Run.root().resolve(Run.CHAT).toString();
  }

  @Test
  void rendersASpecFile() throws Exception {
    Result r = run("render", chat(), "--target", "nginx,platform");
    assertThat(r.exit()).as(r.err()).isZero();
    List<HasMetadata> objects = Yaml.read(r.out());
    assertThat(objects).extracting(HasMetadata::getKind).contains("Ingress", "Service");
    assertThat(r.err()).contains(": info: NGINX-RETIRED Ingress chat/chat: ");
    assertThat(r.err()).doesNotContain("[warning]", "OpenJDK", "sharing");
  }

  @Test
  void rendersADirectoryAndStandardInput(@TempDir Path dir) throws Exception {
    String spec = Files.readString(Path.of(chat()));
    Files.createDirectories(dir.resolve("team"));
    Files.writeString(dir.resolve("team/chat.yaml"), spec);
    Files.writeString(
        dir.resolve("other.yml"),
        spec.replace("name: chat\n", "name: other\n")
            .replace("namespace: chat", "namespace: other"));
    Result fromDir = run("render", "-f", dir.toString(), "-t", "gateway-api", "--lenient", "-q");
    assertThat(fromDir.exit()).isEqualTo(1); // the Gateway API cannot carry every limit
    assertThat(Yaml.read(fromDir.out()))
        .extracting(o -> o.getMetadata().getNamespace() + "/" + o.getMetadata().getName())
        .contains("chat/chat", "other/other");
    Result fromStdin =
        run(
            LAUNCHER,
            spec,
            Map.of(),
            "render",
            "-",
            "-t",
            "gateway-api",
            "--lenient",
            "--fail-on",
            "none",
            "-o",
            "json");
    assertThat(fromStdin.exit()).isZero();
    assertThat(fromStdin.out()).startsWith("{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"List\"");
    assertThat(fromStdin.err()).contains("<stdin>:2:1: error (lenient): GATEWAYAPI-RATE-LIMIT");
  }

  @Test
  void doctorAndConvertReadAFileADirectoryAndStandardInput(@TempDir Path dir) throws Exception {
    Result rendered =
        run(
            "render",
            chat(),
            "-t",
            "gateway-api,platform",
            "--gateway-api-envoy-gateway",
            "--lenient",
            "--fail-on",
            "none",
            "-q");
    assertThat(rendered.exit()).as(rendered.err()).isZero();
    Path k8s = dir.resolve("k8s");
    Files.createDirectories(k8s.resolve("team"));
    Path file = k8s.resolve("team/chat.yaml");
    Files.writeString(file, rendered.out());

    Result doctor = run("doctor", file.toString());
    assertThat(doctor.exit()).as(doctor.out() + doctor.err()).isZero();
    assertThat(doctor.out())
        .contains(file + ":")
        .contains(" INFO GATEWAYAPI-PARENT-NOT-IN-INPUT HTTPRoute chat/chat: ")
        .endsWith(" in 12 objects from 1 file\n");
    assertThat(doctor.err()).isEmpty();
    Result sarif = run(LAUNCHER, rendered.out(), Map.of(), "doctor", "-", "-o", "sarif");
    assertThat(sarif.exit()).isZero();
    assertThat(sarif.out()).contains("\"version\": \"2.1.0\"", "\"uri\": \"%3Cstdin%3E\"");
    Files.writeString(k8s.resolve("broken.yaml"), "a: [1\n");
    Result fromDir = run("doctor", "-f", k8s.toString(), "-o", "json");
    assertThat(fromDir.exit()).isEqualTo(3);
    assertThat(fromDir.out()).contains("\"code\": \"CORE-YAML-SYNTAX\"");
    assertThat(fromDir.err()).startsWith("error: some input cannot be parsed");
    Files.delete(k8s.resolve("broken.yaml"));

    Result spec = run("convert", file.toString(), "--to", "spec", "-q");
    assertThat(spec.exit()).as(spec.err()).isZero();
    assertThat(SpecFile.read(spec.out(), "converted.yaml"))
        .extracting(d -> d.app().namespace() + "/" + d.app().name())
        .containsExactly("chat/chat");
    Result traefik = run("convert", k8s.toString(), "--to", "traefik", "--lenient", "-q");
    assertThat(Yaml.read(traefik.out())).extracting(HasMetadata::getKind).contains("IngressRoute");
    Result java = run(LAUNCHER, rendered.out(), Map.of(), "convert", "-", "--to", "java");
    assertThat(java.exit()).as(java.err()).isZero();
    assertThat(java.out()).contains("public final class ChatApp {");
    assertThat(java.err()).contains("<stdin>:");

    Result explain = run("explain", "CORE-YAML-SYNTAX");
    assertThat(explain.exit()).isZero();
    assertThat(explain.out()).startsWith("CORE-YAML-SYNTAX (ERROR)\n  meaning: ");
  }

  @Test
  void theWarmUpThreadChangesNoByte(@TempDir Path dir) throws Exception {
    // The launched process warms core's YAML mapper up on a second thread (WarmUp); the command
    // run in process never does: both must write the same bytes.
    Path k8s = dir.resolve("k8s.yaml");
    List<List<String>> runs =
        List.of(
            List.of("render", chat(), "--target", "nginx,platform"),
            List.of("render", chat(), "--target", "all", "--lenient", "-o", "json"),
            List.of("doctor", k8s.toString(), "-o", "sarif"),
            List.of("convert", k8s.toString(), "--to", "spec"),
            List.of("convert", k8s.toString(), "--to", "gateway-api,platform", "--lenient"));
    Files.writeString(k8s, run("render", chat(), "--target", "nginx,platform").out());
    for (List<String> args : runs) {
      String[] a = args.toArray(new String[0]);
      Result launched = run(a);
      Run inProcess = Run.with("", Map.of(), Run::productionTargets, a);
      assertThat(launched.out()).as(String.join(" ", args)).isEqualTo(inProcess.out());
      assertThat(launched.err()).as(String.join(" ", args)).isEqualTo(inProcess.err());
      assertThat(launched.exit()).as(String.join(" ", args)).isEqualTo(inProcess.exit());
    }
  }

  @Test
  void exitCodesAreTheDocumentedOnes(@TempDir Path dir) throws Exception {
    assertThat(run("version").exit()).isZero();
    assertThat(run("render", chat()).exit()).isEqualTo(2);
    assertThat(run("render", dir.resolve("missing.yaml").toString(), "-t", "nginx").exit())
        .isEqualTo(3);
    assertThat(run("render", chat(), "-t", "istio").exit()).isEqualTo(1);
    assertThat(run("doctor", dir.resolve("missing.yaml").toString()).exit()).isEqualTo(3);
    assertThat(run("convert", chat(), "--to", "nginxx").exit()).isEqualTo(2);
    assertThat(run("explain", "NOPE-CODE").exit()).isEqualTo(2);
  }

  @Test
  void helpAndVersionLoadNoModelJacksonOrYamlClass(@TempDir Path dir) throws Exception {
    for (String command : List.of("--help", "version")) {
      Path log = dir.resolve(command + ".log");
      Result r =
          run(
              LAUNCHER,
              "",
              Map.of("WSINGRESS_JAVA_OPTS", "-Xlog:class+load=info:file=" + log),
              command);
      assertThat(r.exit()).isZero();
      assertThat(Files.readString(log))
          .contains("picocli.CommandLine ")
          .doesNotContain("com.fasterxml.", "io.fabric8.", "org.yaml.", "dev.wsingress.nginx.");
    }
  }

  @Test
  void asAKubectlPluginItSaysKubectlWsingress() throws Exception {
    Result r = run(TARGET.resolve("kubectl-wsingress"), "", Map.of(), "--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("Usage: kubectl wsingress [-hV] [--no-color] COMMAND");
  }

  @Test
  void theArchiveIsUsedWhenItFitsAndSilentlySkippedOtherwise(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("classes.log");
    Result shared =
        run(
            LAUNCHER,
            "",
            Map.of("WSINGRESS_JAVA_OPTS", "-Xlog:class+load=info:file=" + log),
            "version");
    assertThat(shared.exit()).isZero();
    assertThat(Files.readString(log))
        .contains("dev.wsingress.cli.Main source: shared objects file")
        .contains("picocli.CommandLine source: shared objects file");
    // Another spelling of the same directory (a symbolic link, then ..) uses it too.
    Path link = Files.createSymbolicLink(dir.resolve("link"), TARGET.toAbsolutePath());
    Path log1 = dir.resolve("classes1.log");
    Result linked =
        run(
            link.resolve("lib/../wsingress"),
            "",
            Map.of("WSINGRESS_JAVA_OPTS", "-Xlog:class+load=info:file=" + log1),
            "version");
    assertThat(linked.out()).isEqualTo(shared.out());
    assertThat(Files.readString(log1))
        .contains("dev.wsingress.cli.Main source: shared objects file");
    // A copy elsewhere (another lib directory, the archive and its id copied too) does not match
    // the archive: it runs without it.
    Path copy = dir.resolve("copy");
    Files.createDirectories(copy.resolve("lib"));
    Files.copy(LAUNCHER, copy.resolve("wsingress"));
    try (var jars = Files.list(TARGET.resolve("lib"))) {
      for (Path jar : jars.toList()) {
        Files.copy(jar, copy.resolve("lib").resolve(jar.getFileName()));
      }
    }
    Path log2 = dir.resolve("classes2.log");
    Result skipped =
        run(
            copy.resolve("wsingress"), "",
            Map.of("WSINGRESS_JAVA_OPTS", "-Xlog:class+load=info:file=" + log2), "version");
    assertThat(skipped.exit()).isZero();
    assertThat(skipped.err()).isEmpty();
    assertThat(skipped.out()).startsWith("wsingress ");
    assertThat(Files.readString(log2))
        .contains("dev.wsingress.cli.Main source: file:")
        .doesNotContain("dev.wsingress.cli.Main source: shared objects file");
  }

  @Test
  void theDistributionArchiveHasBinAndLibAndRuns(@TempDir Path dir) throws Exception {
    String version = System.getProperty("wsingress.version");
    Path archive = TARGET.resolve("wsingress-cli-" + version + "-dist.tar.gz");
    Process tar =
        new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", dir.toString())
            .inheritIO()
            .start();
    assertThat(tar.waitFor()).isZero();
    Path home = dir.resolve("wsingress-" + version);
    assertThat(home.resolve("bin/wsingress")).isExecutable();
    assertThat(home.resolve("bin/kubectl-wsingress")).isExecutable();
    assertThat(home.resolve("lib/wsingress-cli-" + version + ".jar")).exists();
    try (var lib = Files.list(home.resolve("lib"))) {
      assertThat(lib.map(p -> p.getFileName().toString())).allMatch(n -> n.endsWith(".jar"));
    }
    Result r = run(home.resolve("bin/wsingress"), "", Map.of(), "render", chat(), "-t", "nginx");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("kind: Ingress");
  }
}
