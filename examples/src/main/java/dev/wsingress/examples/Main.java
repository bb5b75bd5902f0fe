package dev.wsingress.examples;

import dev.wsingress.Finding;
import dev.wsingress.Rendering;
import dev.wsingress.Target;
import dev.wsingress.UnsupportedFeatureException;
import dev.wsingress.WebSocketApp;
import java.io.PrintStream;
import java.util.List;

/**
 * Prints the manifests of the example chat app for every target on the class path: for each, its
 * findings as YAML comments, then the objects. A target that cannot render the app strictly prints
 * its findings and why.
 *
 * <pre>{@code
 * ./mvnw -B -q -DskipTests -pl examples -am package exec:java
 * }</pre>
 */
public final class Main {
  private Main() {}

  /** Runs the example; arguments are ignored. */
  public static void main(String[] args) {
    print(ChatApp.spec(), Target.discover(), System.out);
  }

  /** Prints the app's manifests for each target to {@code out}. */
  static void print(WebSocketApp app, List<Target> targets, PrintStream out) {
    for (Target target : targets) {
      out.println("# ======== " + target.displayName() + " (" + target.id() + ") ========");
      Rendering r;
      try {
        r = target.render(app);
      } catch (UnsupportedFeatureException e) {
        out.println("# cannot render this app strictly:");
        comment(e.errors(), out);
        out.println("# the lenient rendering follows: the closest approximation, with warnings");
        r = target.lenient().render(app);
      }
      comment(r.findings(), out);
      out.print(r.toYaml());
    }
  }

  private static void comment(List<Finding> findings, PrintStream out) {
    for (Finding f : findings) {
      out.println("# " + f.severity() + " " + f.code() + " (" + f.subject() + ")");
      out.println("#   " + f.message());
      out.println("#   Hint: " + f.hint());
    }
  }
}
