package dev.wsingress.testing;

import dev.wsingress.RenderContext;
import dev.wsingress.Rendering;
import dev.wsingress.Target;
import dev.wsingress.WebSocketApp;

/**
 * A test target that only reads, contributes or judges: its id and name, no strict mode of its own
 * ({@link #lenient()} is itself) and an empty rendering.
 *
 * <pre>{@code
 * final class Failing extends RendersNothing {
 *   Failing() { super("failing", "failing stand-in"); }
 *   public void read(Manifests in, Reading out) { throw new IllegalStateException("boom"); }
 * }
 * }</pre>
 */
public abstract class RendersNothing implements Target {
  private final String id;
  private final String displayName;

  protected RendersNothing(String id, String displayName) {
    this.id = id;
    this.displayName = displayName;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String displayName() {
    return displayName;
  }

  @Override
  public Target lenient() {
    return this;
  }

  @Override
  public Rendering render(WebSocketApp app, RenderContext context) {
    return Rendering.builder(displayName(), false).build();
  }
}
