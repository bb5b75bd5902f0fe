package dev.wsingress.linkerd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.testing.Readme;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LinkerdFindingsDocumentedTest {

  @ParameterizedTest
  @EnumSource(LinkerdFinding.class)
  void every_code_has_a_row_in_the_readme_findings_table(LinkerdFinding finding) {
    assertThat(Readme.documents(finding.code(), finding.severity().name()))
        .as("README row for %s (%s)", finding.code(), finding.severity())
        .isTrue();
  }
}
