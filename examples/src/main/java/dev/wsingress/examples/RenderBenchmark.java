package dev.wsingress.examples;

import dev.wsingress.Affinity;
import dev.wsingress.Rendering;
import dev.wsingress.Targets;
import dev.wsingress.Tls;
import dev.wsingress.WebSocketApp;
import dev.wsingress.nginx.Nginx;
import dev.wsingress.platform.Platform;
import java.time.Duration;

/**
 * Renders {@code N} distinct apps (nginx + platform) to YAML and prints the total size, so the
 * whole process can be timed from a cold start:
 *
 * <pre>{@code
 * time java -cp "$(cat examples/target/classpath.txt):examples/target/classes" \
 *     dev.wsingress.examples.RenderBenchmark 1000
 * }</pre>
 */
public final class RenderBenchmark {
  private RenderBenchmark() {}

  /** Renders {@code args[0]} apps (default 1000). */
  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    Nginx nginx = Nginx.target().ingressClass("ingress-nginx");
    Platform platform = Platform.target();
    long bytes = 0;
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      WebSocketApp app =
          WebSocketApp.on("app" + i + ".example.com")
              .name("chat-" + i)
              .namespace("team-" + (i % 20))
              .path("/ws")
              .service("chat-" + i, 8080)
              .timeout(3600)
              .connectTimeout(Duration.ofSeconds(10))
              .stickySessions(Affinity.cookie("ws-server").maxAge(Duration.ofDays(1)))
              .tls(Tls.secret("chat-" + i + "-tls"))
              .build();
      Rendering r = Targets.render(app, nginx, platform);
      bytes += r.toYaml().length();
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    System.out.println(n + " apps, " + bytes + " bytes of YAML, " + ms + " ms in the loop");
  }
}
