package dev.wsingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;

/** Finding's value semantics: written out by hand (see Finding), so checked field by field. */
class FindingTest {
  private final Finding finding =
      new Finding("NGINX-X", Severity.WARNING, "Ingress default/chat", "message.", "Hint.");

  @Test
  void equal_findings_are_equal_and_hash_alike() {
    Finding same =
        new Finding("NGINX-X", Severity.WARNING, "Ingress default/chat", "message.", "Hint.");

    assertThat(finding).isEqualTo(same).hasSameHashCodeAs(same);
  }

  @Test
  void every_component_takes_part_in_equality() {
    assertThat(finding)
        .isNotEqualTo(
            new Finding("NGINX-Y", Severity.WARNING, "Ingress default/chat", "message.", "Hint."))
        .isNotEqualTo(finding.withSeverity(Severity.ERROR))
        .isNotEqualTo(
            new Finding("NGINX-X", Severity.WARNING, "Ingress other/chat", "message.", "Hint."))
        .isNotEqualTo(
            new Finding("NGINX-X", Severity.WARNING, "Ingress default/chat", "other.", "Hint."))
        .isNotEqualTo(
            new Finding("NGINX-X", Severity.WARNING, "Ingress default/chat", "message.", "Other."))
        .isNotEqualTo(null)
        .isNotEqualTo("NGINX-X");
  }

  @Test
  void to_string_and_null_components() {
    assertThat(finding).hasToString("WARNING NGINX-X Ingress default/chat: message. Hint: Hint.");
    assertThatNullPointerException()
        .isThrownBy(() -> new Finding(null, Severity.INFO, "s", "m", "h"))
        .withMessage("code");
  }

  private enum SampleKind implements FindingKind {
    CONNECT_TIMEOUT;

    @Override
    public String prefix() {
      return "SAMPLE";
    }

    @Override
    public Severity severity() {
      return Severity.ERROR;
    }

    @Override
    public String hint() {
      return "Use at most 75 s.";
    }
  }

  @Test
  void a_finding_kind_derives_its_code_and_makes_findings() {
    assertThat(SampleKind.CONNECT_TIMEOUT.code()).isEqualTo("SAMPLE-CONNECT-TIMEOUT");
    assertThat(SampleKind.CONNECT_TIMEOUT.at("Ingress default/chat", "90 s."))
        .isEqualTo(
            new Finding(
                "SAMPLE-CONNECT-TIMEOUT",
                Severity.ERROR,
                "Ingress default/chat",
                "90 s.",
                "Use at most 75 s."));
  }
}
