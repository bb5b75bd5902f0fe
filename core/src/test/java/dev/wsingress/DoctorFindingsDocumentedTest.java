package dev.wsingress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.testing.Readme;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DoctorFindingsDocumentedTest {

  @ParameterizedTest
  @EnumSource(CoreCheck.class)
  void every_reading_code_has_a_row_with_its_severity(CoreCheck check) {
    assertThat(Readme.documents(check.code(), check.severity().name()))
        .as("README row | `%s` | %s |", check.code(), check.severity())
        .isTrue();
  }
}
