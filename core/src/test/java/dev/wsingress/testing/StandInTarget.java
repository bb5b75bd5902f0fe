package dev.wsingress.testing;

import dev.wsingress.Contributions;
import dev.wsingress.Target;
import dev.wsingress.WebSocketApp;
import java.util.function.Consumer;

/**
 * Stands in for another target of a rendering (targets never depend on targets): it has the other
 * target's id, states the given needs on objects other targets own, and renders nothing.
 *
 * <pre>{@code
 * Target nginx = StandInTarget.of("nginx", needs -> needs.serviceAppProtocol("http"));
 * Targets.render(app, nginx, Platform.target());
 * }</pre>
 */
public final class StandInTarget extends RendersNothing {
  private final Consumer<Contributions.Builder> needs;

  private StandInTarget(String id, Consumer<Contributions.Builder> needs) {
    super(id, "test " + id);
    this.needs = needs;
  }

  /** A stand-in for the target {@code id} that contributes {@code needs}. */
  public static Target of(String id, Consumer<Contributions.Builder> needs) {
    return new StandInTarget(id, needs);
  }

  /** A stand-in for the target {@code id} that contributes nothing. */
  public static Target of(String id) {
    return new StandInTarget(id, needs -> {});
  }

  @Override
  public void contribute(WebSocketApp app, Contributions.Builder out) {
    needs.accept(out);
  }
}
