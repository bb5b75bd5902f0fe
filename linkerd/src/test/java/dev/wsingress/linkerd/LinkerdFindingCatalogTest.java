package dev.wsingress.linkerd;

import dev.wsingress.testing.FindingCatalogs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinkerdFindingCatalogTest {

  @Test
  void theCatalogueHasARowPerCodeWithItsSeverityHintAndReadmeMeaning() {
    FindingCatalogs.check(Linkerd.class, List.of(LinkerdFinding.values()), Map.of());
  }
}
