package dev.wsingress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.testing.Readme;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CoreFindingsDocumentedTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"CORE-OBJECT-CONFLICT", "CORE-CONTRIBUTION-CONFLICT", "CORE-SERVICE-PORT-UNKNOWN"})
  void every_core_code_has_a_row_in_the_readme_findings_table(String code) {
    assertThat(Readme.documents(code, "ERROR")).as("README row for %s", code).isTrue();
  }
}
