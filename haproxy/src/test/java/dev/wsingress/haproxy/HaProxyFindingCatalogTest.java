package dev.wsingress.haproxy;

import dev.wsingress.FindingKind;
import dev.wsingress.testing.FindingCatalogs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HaProxyFindingCatalogTest {

  @Test
  void theCatalogueHasARowPerCodeWithItsSeverityHintAndReadmeMeaning() {
    // Both catalogues of the module: haproxytech's codes and the jcmoraisjr HAProxy Ingress ones.
    List<FindingKind> kinds = new ArrayList<>(List.of(HaProxyFinding.values()));
    kinds.addAll(List.of(HaProxyIngressFinding.values()));
    FindingCatalogs.check(HaProxy.class, kinds, Map.of());
  }
}
