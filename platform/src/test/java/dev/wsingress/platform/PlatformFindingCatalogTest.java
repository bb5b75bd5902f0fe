package dev.wsingress.platform;

import dev.wsingress.Severity;
import dev.wsingress.testing.FindingCatalogs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformFindingCatalogTest {

  /** The rendering's codes: their hints name the app's values, so they are not constants. */
  static final Map<String, Severity> RENDERING =
      Map.ofEntries(
          Map.entry("CORE-SERVICE-PORT-UNKNOWN", Severity.ERROR),
          Map.entry("CORE-SERVICE-PORT-MISSING", Severity.ERROR),
          Map.entry("CORE-SERVICES-REFERENCED", Severity.INFO),
          Map.entry("CORE-PORT-NAME-PROTOCOL", Severity.WARNING),
          Map.entry("CORE-SERVICE-AFFINITY", Severity.INFO),
          Map.entry("CORE-DRAIN", Severity.INFO),
          Map.entry("CORE-NETWORK-POLICY", Severity.INFO),
          Map.entry("CORE-NETWORK-POLICY-NO-INGRESS", Severity.ERROR),
          Map.entry("CORE-ADAPTER-CONFIG", Severity.WARNING),
          Map.entry("CORE-CERTIFICATE-NAMESPACE", Severity.INFO),
          Map.entry("CORE-SERVICE-MONITOR-LABELS", Severity.WARNING));

  @Test
  void theCatalogueHasARowPerCodeWithItsSeverityHintAndReadmeMeaning() {
    FindingCatalogs.check(Platform.class, List.of(PlatformCheck.values()), RENDERING);
  }
}
