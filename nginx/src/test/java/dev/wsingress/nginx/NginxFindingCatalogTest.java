package dev.wsingress.nginx;

import dev.wsingress.testing.FindingCatalogs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NginxFindingCatalogTest {

  @Test
  void theCatalogueHasARowPerCodeWithItsSeverityHintAndReadmeMeaning() {
    FindingCatalogs.check(Nginx.class, List.of(NginxFinding.values()), Map.of());
  }
}
