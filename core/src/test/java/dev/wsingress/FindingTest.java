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
        .isNotEqualTo(finding.withSource(new Source("k8s/chat.yaml", 3, 5)))
        .isNotEqualTo(null)
        .isNotEqualTo("NGINX-X");
  }

  @Test
  void a_source_is_optional_and_printed_first() {
    Source at = new Source("k8s/chat.yaml", 12, 7);
    Finding read = finding.withSource(at);

    assertThat(finding.source()).isEmpty();
    assertThat(read.source()).contains(at);
    assertThat(read).isEqualTo(finding.withSource(new Source("k8s/chat.yaml", 12, 7)));
    assertThat(read.withSeverity(Severity.ERROR).source()).contains(at);
    assertThat(read.withSource(null)).isEqualTo(finding);
    assertThat(read)
        .hasToString(
            "k8s/chat.yaml:12:7: WARNING NGINX-X Ingress default/chat: message. Hint: Hint.");
  }

  @Test
  void sources_order_by_file_line_and_column_and_refuse_impossible_positions() {
    Source a = new Source("a.yaml", 2, 1);

    assertThat(a).isLessThan(new Source("a.yaml", 2, 3)).isLessThan(new Source("b.yaml", 1, 1));
    assertThat(a).isGreaterThan(new Source("a.yaml", 1, 9)).hasToString("a.yaml:2:1");
    assertThat(a)
        .isEqualTo(new Source("a.yaml", 2, 1))
        .hasSameHashCodeAs(new Source("a.yaml", 2, 1));
    assertThat(a).isNotEqualTo(new Source("a.yaml", 2, 2)).isNotEqualTo("a.yaml:2:1");
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> new Source("a.yaml", 0, 1))
        .withMessage("line and column start at 1: 0:1");
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> new Source("", 1, 1))
        .withMessage("file is empty");
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
