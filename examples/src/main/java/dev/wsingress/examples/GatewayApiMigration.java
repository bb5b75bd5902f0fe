package dev.wsingress.examples;

import dev.wsingress.Finding;
import dev.wsingress.Rendering;
import dev.wsingress.Severity;
import dev.wsingress.Targets;
import dev.wsingress.UnsupportedFeatureException;
import dev.wsingress.WebSocketApp;
import dev.wsingress.gatewayapi.GatewayApi;
import dev.wsingress.platform.Platform;
import java.io.PrintStream;
import java.util.List;

/**
 * Moving the seed's full ingress-nginx Ingress to Envoy Gateway: the same {@link WebSocketApp}
 * ({@link NginxSeeds#fullIngress()}) rendered for the Gateway API with Envoy Gateway's policies.
 * The HTTPRoute carries hosts, paths, the HTTPS redirect and CORS; the Gateway terminates TLS; the
 * BackendTrafficPolicy carries what ingress-nginx annotations did and the Gateway API cannot: the
 * 3600 s idle timeout as the stream idle timeout (Envoy's default of 5 minutes would reset idle
 * sockets), the sticky cookie as a consistent hash with its max-age, and the handshake rate limit.
 * The strict rendering lists what neither can express (the per-client connection limit); the
 * lenient one is what can be applied, and its findings are the work left to do.
 *
 * <pre>{@code
 * ./mvnw -B -q -DskipTests -pl examples -am package exec:java \
 *     -Dexec.mainClass=dev.wsingress.examples.GatewayApiMigration
 * }</pre>
 */
public final class GatewayApiMigration {
  private GatewayApiMigration() {}

  /** The target the migration renders for: a Gateway of class {@code eg}, with its policies. */
  public static GatewayApi target() {
    return GatewayApi.target().withGateway("eg").envoyGateway();
  }

  /** What the strict rendering refuses: the features left to the application or the platform. */
  public static List<Finding> blockers(WebSocketApp app) {
    try {
      Targets.render(app, target(), Platform.target());
      return List.of();
    } catch (UnsupportedFeatureException e) {
      return e.errors();
    }
  }

  /** The objects to apply, with every finding still to act on. */
  public static Rendering render(WebSocketApp app) {
    return Targets.render(app, target().lenient(), Platform.target());
  }

  /** Prints the blockers, then the lenient rendering with its findings as comments. */
  public static void main(String[] args) {
    print(NginxSeeds.fullIngress(), System.out);
  }

  static void print(WebSocketApp app, PrintStream out) {
    out.println("# Not expressible on the Gateway API with Envoy Gateway:");
    for (Finding f : blockers(app)) {
      out.println("#   " + f.code() + ": " + f.message());
    }
    Rendering r = render(app);
    out.println("# To act on:");
    for (Finding f : r.findings()) {
      if (f.severity() != Severity.INFO) {
        out.println("#   " + f.severity() + " " + f.code() + ": " + f.hint());
      }
    }
    out.print(r.toYaml());
  }
}
