package dev.wsingress.testing;

import org.approvaltests.Approvals;
import org.approvaltests.core.Options;

/**
 * Snapshot assertions for rendered YAML. The approved file is {@code src/test/resources/<package
 * path>/<TestClass>.<testMethod>.approved.yaml}; name the test method after the scenario. A
 * mismatch leaves a {@code .received.yaml} beside it (never committed): read the difference line by
 * line before approving it.
 */
public final class Snapshots {
  private Snapshots() {}

  /** Asserts the YAML equals the approved snapshot of the calling test method. */
  public static void verifyYaml(String yaml) {
    Approvals.verify(yaml, new Options().forFile().withExtension(".yaml"));
  }
}
