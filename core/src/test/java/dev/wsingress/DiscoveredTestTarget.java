package dev.wsingress;

/** A target registered for ServiceLoader in the core tests, to prove discovery. */
public class DiscoveredTestTarget implements Target {
  @Override
  public String id() {
    return "discovered-test";
  }

  @Override
  public String displayName() {
    return "discovered test target";
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
