package dev.wsingress.cli;

import dev.wsingress.Finding;
import dev.wsingress.RenderContext;
import dev.wsingress.Rendering;
import dev.wsingress.Severity;
import dev.wsingress.Target;
import dev.wsingress.Version;
import dev.wsingress.WebSocketApp;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;

/**
 * A target for the command's tests, whose behaviour they control: release lines 1.0 and 1.1, one
 * ConfigMap per app, an INFO finding always, and an ERROR when the app has a rate limit.
 */
public final class DemoTarget implements Target {
  private static final List<Version> VERSIONS = List.of(Version.of(1, 0), Version.of(1, 1));
  private final Version version;
  private final boolean lenient;

  public DemoTarget() {
    this(VERSIONS.get(1), false);
  }

  private DemoTarget(Version version, boolean lenient) {
    this.version = version;
    this.lenient = lenient;
  }

  /** The release line to render for, as real targets offer it. */
  public DemoTarget version(String text) {
    return new DemoTarget(Version.option("Demo", text, VERSIONS), lenient);
  }

  @Override
  public String id() {
    return "demo";
  }

  @Override
  public String displayName() {
    return "Demo controller";
  }

  @Override
  public DemoTarget lenient() {
    return new DemoTarget(version, true);
  }

  @Override
  public List<Version> versions() {
    return VERSIONS;
  }

  @Override
  public java.util.Optional<Version> version() {
    return java.util.Optional.of(version);
  }

  @Override
  public List<Class<? extends HasMetadata>> resourceTypes() {
    return List.of(ConfigMap.class);
  }

  @Override
  public Rendering render(WebSocketApp app, RenderContext context) {
    ConfigMap map = new ConfigMap();
    map.setMetadata(app.objectMeta(app.name() + "-demo"));
    map.setData(Map.of("version", version.toString()));
    Rendering.Builder out = Rendering.builder(displayName(), lenient).add(map);
    String subject = "ConfigMap " + app.namespace() + "/" + app.name() + "-demo";
    out.add(
        new Finding("DEMO-NOTE", Severity.INFO, subject, "rendered for " + version + ".", "None."));
    if (app.rateLimit().isPresent()) {
      out.add(
          new Finding(
              "DEMO-RATE-LIMIT",
              Severity.ERROR,
              subject,
              "the demo controller has no rate limit.",
              "Leave the rate limit out."));
    }
    if (app.maxConnectionsPerClient().isPresent()) {
      out.add(
          new Finding(
              "DEMO-MAX-CONNECTIONS",
              Severity.WARNING,
              subject,
              "the limit is per replica.",
              "Divide it by the replicas."));
    }
    return out.build();
  }
}
