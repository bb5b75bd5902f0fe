package dev.wsingress.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.FindingCatalog;
import org.junit.jupiter.api.Test;

/** {@code wsingress explain} in process, on the catalogues of every module on the class path. */
class ExplainCommandTest {

  @Test
  void aCodeItsMeaningFixSeverityAndSource() {
    Run r = Run.of("explain", "NGINX-CONNECT-TIMEOUT");
    assertThat(r.exit()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .isEqualTo(
            "NGINX-CONNECT-TIMEOUT (ERROR)\n"
                + "  meaning: connect timeout above the 75 s nginx honours (lenient: rendered as"
                + " 75)\n"
                + "  fix:     Keep the connect timeout short (5 to 30 s): it only covers opening"
                + " the TCP connection to a pod. Use .timeout(...) for how long an idle socket"
                + " stays open.\n"
                + "  source:  kubernetes/ingress-nginx controller-v1.15.1 configmap.md\n");
  }

  @Test
  void severalCodesInAnyCaseAndRulesOfWsingressItself() {
    Run r = Run.of("explain", "core-reader-failed", "CORE-YAML-PLACEHOLDER");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .isEqualTo(
            "CORE-READER-FAILED (ERROR)\n"
                + "  meaning: a target's reader failed on the input; its findings are missing\n"
                + "  fix:     Report it to wsingress with the input; the other targets' findings"
                + " are complete.\n"
                + "  source:  a rule of wsingress itself\n"
                + "\n"
                + "CORE-YAML-PLACEHOLDER (WARNING)\n"
                + "  meaning: an unresolved ${VAR} or {{ }}: the input is a template, not what"
                + " is applied\n"
                + "  fix:     Render the template (helm template, envsubst, kustomize build) and"
                + " check its output.\n"
                + "  source:  a rule of wsingress itself\n");
  }

  @Test
  void aSourceNotYetRecordedSaysSo() {
    FindingCatalog.Entry none =
        FindingCatalog.parse(FindingCatalog.HEADER + "\nX-Y\tINFO\tmeaning\tfix\t-\n", "test")
            .get(0);
    assertThat(ExplainCommand.source(none)).isEqualTo("not yet recorded in the catalogue");
    assertThat(none.hasSource()).isFalse();
  }

  @Test
  void everyCodeOfTheCatalogueIsExplained() {
    FindingCatalog catalog = FindingCatalog.load();
    assertThat(catalog.codes()).hasSizeGreaterThan(200);
    for (FindingCatalog.Entry e : catalog.entries()) {
      Run r = Run.of("explain", e.code());
      assertThat(r.exit()).as(e.code()).isZero();
      assertThat(r.out()).startsWith(e.code() + " (" + e.severity() + ")\n");
      assertThat(r.out()).doesNotContain("`");
    }
  }

  @Test
  void anUnknownCodeIsAUsageErrorWithTheClosestCode() {
    Run r = Run.of("explain", "NGINX-CONECT-TIMEOUT");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo(
            "error: unknown finding code \"NGINX-CONECT-TIMEOUT\": did you mean"
                + " \"NGINX-CONNECT-TIMEOUT\"? The codes are those of the README's findings"
                + " table.\n"
                + "See 'wsingress explain --help'.\n");
    assertThat(Run.of("explain", "NOTHING-LIKE-IT").err())
        .startsWith(
            "error: unknown finding code \"NOTHING-LIKE-IT\". The codes are those of the README's"
                + " findings table.\n");
    Run none = Run.of("explain");
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err()).startsWith("error: Missing required parameter: 'CODE'\n");
  }

  @Test
  void doctorRefusesToIgnoreAnUnknownCode() {
    Run r = Run.withInput("", "doctor", "-", "--ignore", "CORE-WS-NO-PRESTPO");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "error: --ignore: unknown finding code \"CORE-WS-NO-PRESTPO\": did you mean"
                + " \"CORE-WS-NO-PRESTOP\"? The codes are those of the README's findings table.\n"
                + "See 'wsingress doctor --help'.\n");
  }
}
