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
    // The module reports haproxytech's codes and, for the jcmoraisjr HAProxy Ingress it tells
    // apart, HAPROXY-INGRESS-* codes.
    List<FindingKind> kinds = new ArrayList<>(List.of(HaProxyFinding.values()));
    kinds.addAll(List.of(HaProxyIngressFinding.values()));
    FindingCatalogs.check(HaProxy.class, kinds, Map.of());
  }
}
