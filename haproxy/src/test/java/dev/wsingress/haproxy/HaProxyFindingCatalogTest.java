package dev.wsingress.haproxy;

import dev.wsingress.testing.FindingCatalogs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HaProxyFindingCatalogTest {

  @Test
  void theCatalogueHasARowPerCodeWithItsSeverityHintAndReadmeMeaning() {
    FindingCatalogs.check(HaProxy.class, List.of(HaProxyFinding.values()), Map.of());
  }
}
