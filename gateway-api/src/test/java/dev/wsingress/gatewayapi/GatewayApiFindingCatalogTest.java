package dev.wsingress.gatewayapi;

import dev.wsingress.testing.FindingCatalogs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayApiFindingCatalogTest {

  @Test
  void theCatalogueHasARowPerCodeWithItsSeverityHintAndReadmeMeaning() {
    FindingCatalogs.check(GatewayApi.class, List.of(GatewayApiFinding.values()), Map.of());
  }
}
