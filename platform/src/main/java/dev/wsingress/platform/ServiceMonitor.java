package dev.wsingress.platform;

import dev.wsingress.CustomObject;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;

/**
 * The Prometheus Operator's {@code ServiceMonitor} ({@code monitoring.coreos.com/v1}), typed here
 * for the fields wsingress uses, so the platform kit needs no monitoring model dependency.
 */
@Group("monitoring.coreos.com")
@Version("v1")
public final class ServiceMonitor extends CustomObject<ServiceMonitor.Spec> {
  /** For deserialization. */
  public ServiceMonitor() {}

  /** A ServiceMonitor with metadata and spec. */
  public ServiceMonitor(ObjectMeta metadata, Spec spec) {
    super(metadata, spec);
  }

  /** {@code spec}: the Services (by label) and their scraped endpoints. */
  public record Spec(LabelSelector selector, List<Endpoint> endpoints) {}

  /** {@code spec.endpoints[]}: a Service port name, scrape interval and path. */
  public record Endpoint(String port, String interval, String path) {}
}
