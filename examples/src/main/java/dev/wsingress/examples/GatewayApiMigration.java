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
 * Moving the seed's full ingress-nginx Ingress to the Gateway API: the same {@link WebSocketApp}
 * ({@link NginxSeeds#fullIngress()}) rendered for a Gateway API implementation. The strict
 * rendering lists what the standard cannot express; the lenient one (with the experimental channel
 * for sticky sessions) is what can be applied, and its warnings are the work left to do in the
 * implementation's own policies.
 *
 * <pre>{@code
 * ./mvnw -B -q -DskipTests -pl examples -am package exec:java \
 *     -Dexec.mainClass=dev.wsingress.examples.GatewayApiMigration
 * }</pre>
 */
public final class GatewayApiMigration {
  private GatewayApiMigration() {}

  /** The target the migration renders for: an Envoy Gateway class, experimental channel. */
  public static GatewayApi target() {
    return GatewayApi.target().withGateway("eg").experimental();
  }

  /** What the strict rendering refuses: the features to move into implementation policies. */
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
    out.println("# Not expressible in the Gateway API standard (move to implementation policies):");
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
