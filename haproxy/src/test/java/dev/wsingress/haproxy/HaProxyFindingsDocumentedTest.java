package dev.wsingress.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.testing.Readme;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HaProxyFindingsDocumentedTest {

  @ParameterizedTest
  @EnumSource(HaProxyFinding.class)
  void every_code_has_a_row_in_the_readme_findings_table(HaProxyFinding finding) {
    assertThat(Readme.documents(finding.code(), finding.severity().name()))
        .as("README row for %s (%s)", finding.code(), finding.severity())
        .isTrue();
  }

  @ParameterizedTest
  @EnumSource(HaProxyIngressFinding.class)
  void every_haproxy_ingress_code_has_a_row_too(HaProxyIngressFinding finding) {
    assertThat(Readme.documents(finding.code(), finding.severity().name()))
        .as("README row for %s (%s)", finding.code(), finding.severity())
        .isTrue();
  }
}
