package dev.wsingress.assertj;

import dev.wsingress.Manifests;
import dev.wsingress.Reading;
import dev.wsingress.RenderContext;
import dev.wsingress.Rendering;
import dev.wsingress.Target;
import dev.wsingress.WebSocketApp;
import dev.wsingress.testing.StandInReader;

/**
 * The stand-in reader, registered for ServiceLoader in these tests, so that assertions without
 * {@code readBy} find it as they find a real target module on a user's class path.
 */
public final class DiscoveredStandIn implements Target {
  private final StandInReader reader = StandInReader.target();

  @Override
  public String id() {
    return "discovered-stand-in";
  }

  @Override
  public String displayName() {
    return "discovered stand-in";
  }

  @Override
  public Target lenient() {
    return this;
  }

  @Override
  public Rendering render(WebSocketApp app, RenderContext context) {
    return reader.render(app, context);
  }

  @Override
  public void read(Manifests in, Reading out) {
    reader.read(in, out);
  }
}
