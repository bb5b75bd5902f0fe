package dev.wsingress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.testing.Readme;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ImportFindingsDocumentedTest {

  @ParameterizedTest
  @EnumSource(ImportCheck.class)
  void every_converter_code_has_a_row_with_its_severity(ImportCheck check) {
    assertThat(Readme.documents(check.code(), check.severity().name()))
        .as("README row | `%s` | %s |", check.code(), check.severity())
        .isTrue();
  }
}
