package dev.wsingress.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.testing.Readme;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class PlatformFindingsDocumentedTest {

  @ParameterizedTest
  @CsvSource({
    "CORE-SERVICE-PORT-UNKNOWN, ERROR",
    "CORE-SERVICE-PORT-MISSING, ERROR",
    "CORE-SERVICES-REFERENCED, INFO",
    "CORE-PORT-NAME-PROTOCOL, WARNING",
    "CORE-SERVICE-AFFINITY, INFO",
    "CORE-DRAIN, INFO",
    "CORE-NETWORK-POLICY, INFO",
    "CORE-NETWORK-POLICY-NO-INGRESS, ERROR",
    "CORE-ADAPTER-CONFIG, WARNING",
    "CORE-CERTIFICATE-NAMESPACE, INFO",
    "CORE-SERVICE-MONITOR-LABELS, WARNING"
  })
  void every_platform_code_has_a_row_in_the_readme(String code, String severity) {
    assertThat(Readme.documents(code, severity)).as("README row for %s", code).isTrue();
  }

  @ParameterizedTest
  @EnumSource(PlatformCheck.class)
  void every_doctor_code_has_a_row_in_the_readme(PlatformCheck check) {
    assertThat(Readme.documents(check.code(), check.severity().name()))
        .as("README row for %s (%s)", check.code(), check.severity())
        .isTrue();
  }
}
