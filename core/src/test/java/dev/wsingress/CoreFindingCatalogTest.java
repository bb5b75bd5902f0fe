package dev.wsingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsingress.testing.FindingCatalogs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoreFindingCatalogTest {

  @Test
  void theCatalogueHasARowPerCodeWithItsSeverityHintAndReadmeMeaning() {
    List<FindingKind> kinds = new ArrayList<>(List.of(CoreCheck.values()));
    kinds.addAll(List.of(ImportCheck.values()));
    FindingCatalogs.check(
        Doctor.class,
        kinds,
        Map.of(
            "CORE-OBJECT-CONFLICT", Severity.ERROR, "CORE-CONTRIBUTION-CONFLICT", Severity.ERROR));
  }

  @Test
  void loadFindsTheCataloguesOnTheClassPathByCodeInAnyCase() {
    FindingCatalog catalog = FindingCatalog.load();
    FindingCatalog.Entry e = catalog.find("core-yaml-syntax").orElseThrow();
    assertThat(e.code()).isEqualTo("CORE-YAML-SYNTAX");
    assertThat(e.severity()).isEqualTo(Severity.ERROR);
    assertThat(e.fix()).isEqualTo(CoreCheck.YAML_SYNTAX.hint());
    assertThat(e.meaning())
        .isEqualTo("the text is not valid YAML; this document is not checked, the others are");
    assertThat(e.from()).endsWith(FindingCatalog.RESOURCE);
    assertThat(catalog.find("CORE-NOPE")).isEmpty();
    assertThat(catalog.codes()).isSorted().contains("CORE-IMPORT-NAME", "CORE-WS-GRACE-SHORT");
    assertThat(catalog.find("CORE-WS-GRACE-SHORT").orElseThrow().source())
        .isEqualTo("k8s.io/api v0.34.0 core/v1/types.go");
  }

  @Test
  void parseRefusesAMalformedCatalogueNamingTheLine() {
    String header = FindingCatalog.HEADER + "\n";
    assertThat(FindingCatalog.parse(header + "A-B\tINFO\tm\tf\t-\n", "x.tsv"))
        .containsExactly(new FindingCatalog.Entry("A-B", Severity.INFO, "m", "f", "-", "x.tsv"));
    assertThatThrownBy(() -> FindingCatalog.parse("code\tseverity\n", "x.tsv"))
        .hasMessage("x.tsv:1: the first line must be the header " + FindingCatalog.HEADER);
    assertThatThrownBy(() -> FindingCatalog.parse(header + "A-B\tINFO\tm\tf\n", "x.tsv"))
        .hasMessage("x.tsv:2: a row has 5 tab-separated fields, not 4");
    assertThatThrownBy(() -> FindingCatalog.parse(header + "A-B\tFATAL\tm\tf\t-\n", "x.tsv"))
        .hasMessage("x.tsv:2: \"FATAL\" is not a severity (ERROR, WARNING or INFO)");
    assertThatThrownBy(() -> FindingCatalog.parse(header + "ab\tINFO\tm\tf\t-\n", "x.tsv"))
        .hasMessage("x.tsv:2: \"ab\" is not a finding code");
    assertThatThrownBy(() -> FindingCatalog.parse(header + "A-B\tINFO\t\tf\t-\n", "x.tsv"))
        .hasMessage("x.tsv:2: a field is empty (write - for no source)");
    assertThatThrownBy(
            () ->
                FindingCatalog.parse(header + "A-B\tINFO\tm\tf\t-\nA-B\tINFO\tm\tf\t-\n", "x.tsv"))
        .hasMessage("x.tsv:3: A-B is given twice");
  }
}
