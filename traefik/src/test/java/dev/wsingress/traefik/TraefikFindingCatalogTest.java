package dev.wsingress.traefik;

import dev.wsingress.testing.FindingCatalogs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraefikFindingCatalogTest {

  @Test
  void theCatalogueHasARowPerCodeWithItsSeverityHintAndReadmeMeaning() {
    FindingCatalogs.check(Traefik.class, List.of(TraefikFinding.values()), Map.of());
  }
}
