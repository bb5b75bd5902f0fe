package dev.wsingress.cli;

import dev.wsingress.Affinity;
import dev.wsingress.Route;
import dev.wsingress.Target;
import dev.wsingress.Targets;
import dev.wsingress.Tls;
import dev.wsingress.WebSocketApp;
import dev.wsingress.Workload;
import dev.wsingress.Yaml;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Start-up in parallel: while the main thread builds the command line and reads the spec files, a
 * daemon thread renders a sample app for the targets the arguments name and writes it as YAML, so
 * the renderers' classes are initialised and Jackson's serializers for their objects built when the
 * real rendering needs them. It changes no result (rendering is pure and the caches are keyed by
 * class); it only moves work to another core, and is skipped when there is none (or with {@code
 * -Dwsingress.warmup=false}).
 */
final class Warmup {
  private Warmup() {}

  static void start(String[] args, Supplier<List<Target>> targets) {
    if (Runtime.getRuntime().availableProcessors() < 2
        || "false".equals(System.getProperty("wsingress.warmup"))) {
      return;
    }
    List<String> named = named(args);
    Thread t =
        new Thread(
            () -> {
              try {
                run(named, targets.get());
              } catch (RuntimeException | LinkageError e) {
                // The real run reports whatever is wrong; a warm-up says nothing.
              }
            },
            "wsingress-warmup");
    t.setDaemon(true);
    t.start();
  }

  /** The values of {@code -t}/{@code --target}, as given. */
  static List<String> named(String[] args) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String value = null;
      if ((a.equals("-t") || a.equals("--target")) && i + 1 < args.length) {
        value = args[++i];
      } else if (a.startsWith("--target=")) {
        value = a.substring("--target=".length());
      } else if (a.startsWith("-t") && a.length() > 2) {
        value = a.substring(2);
      }
      if (value != null) {
        out.addAll(List.of(value.split(",")));
      }
    }
    return out;
  }

  private static void run(List<String> named, List<Target> discovered) {
    List<Target> chosen = new ArrayList<>();
    for (Target t : discovered) {
      if (named.contains("all") || named.contains(t.id())) {
        chosen.add(t.lenient());
      }
    }
    if (chosen.isEmpty()) {
      return;
    }
    WebSocketApp app =
        WebSocketApp.on("warmup.example.com")
            .service("warmup", 8080)
            .path("/ws")
            .route(Route.http("/api").to("warmup-api", 80))
            .stickySessions(Affinity.cookie("warmup").maxAge(Duration.ofHours(1)))
            .tls(Tls.secret("warmup-tls"))
            .workload(Workload.image("registry.example.com/warmup:1").autoscale(2, 3))
            .build();
    for (Target t : chosen) {
      Yaml.write(Targets.render(app, t).objects());
    }
  }
}
