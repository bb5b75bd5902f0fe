package dev.wsingress;

import dev.wsingress.testing.RendersNothing;

/** A target registered for ServiceLoader in the core tests, to prove discovery. */
public class DiscoveredTestTarget extends RendersNothing {
  public DiscoveredTestTarget() {
    super("discovered-test", "discovered test target");
  }
}
