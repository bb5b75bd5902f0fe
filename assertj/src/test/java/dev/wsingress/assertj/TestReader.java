package dev.wsingress.assertj;

import dev.wsingress.Manifest;
import dev.wsingress.Manifests;
import dev.wsingress.Reading;
import dev.wsingress.ServedRoute;
import dev.wsingress.ServedRoute.HostMatch;
import dev.wsingress.ServedRoute.PathMatch;
import dev.wsingress.testing.RendersNothing;
import java.util.function.BiConsumer;

/**
 * A reader that serves one route from the first object of the input, with the settings a test
 * gives: what the stand-in reader cannot make (controller-wide values, a refused upgrade, missing
 * settings, splits, a second target).
 */
final class TestReader extends RendersNothing {
  private final String host;
  private final String path;
  private final BiConsumer<Manifest, ServedRoute.Builder> settings;

  private TestReader(
      String id, String host, String path, BiConsumer<Manifest, ServedRoute.Builder> settings) {
    super(id, "test reader " + id);
    this.host = host;
    this.path = path;
    this.settings = settings;
  }

  /**
   * Serves {@code host} and {@code path} (prefix) with {@code settings}, as the target {@code id}.
   */
  static TestReader serving(
      String id, String host, String path, BiConsumer<Manifest, ServedRoute.Builder> settings) {
    return new TestReader(id, host, path, settings);
  }

  /** A target {@code id} that reads nothing. */
  static TestReader nothing(String id) {
    return new TestReader(id, null, null, null);
  }

  @Override
  public void read(Manifests in, Reading out) {
    if (host == null) {
      return;
    }
    Manifest first = in.objects().get(0);
    out.understood(first);
    ServedRoute.Builder b =
        ServedRoute.builder(this, first, first.source("/spec"))
            .host(host, HostMatch.EXACT)
            .path(path, PathMatch.PREFIX);
    settings.accept(first, b);
    out.add(b.build());
  }
}
