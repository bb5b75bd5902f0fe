package dev.wsingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class VersionTest {
  private static final List<Version> SUPPORTED =
      List.of(Version.of(3, 0), Version.of(3, 4), Version.of(3, 6), Version.of(3, 7));

  @Test
  void reads_release_lines_with_or_without_v_patch_and_prerelease() {
    assertThat(Version.parse("3.4")).isEqualTo(Version.of(3, 4));
    assertThat(Version.parse("v3.7.9")).isEqualTo(Version.of(3, 7));
    assertThat(Version.parse("1.28.0-rc.1")).isEqualTo(Version.of(1, 28));
    assertThat(Version.parse("v1.0")).hasToString("1.0");
  }

  @Test
  void refuses_what_is_not_a_version() {
    for (String bad :
        new String[] {"", "3", "3.", ".4", "3.4.5.6", "3.04", "latest", "3.4-rc1", "v", "3..4"}) {
      assertThatIllegalArgumentException().as(bad).isThrownBy(() -> Version.parse(bad));
    }
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Version.parse("3.x"))
        .withMessage("not a version: \"3.x\" (write it like 3.4, v3.4 or 3.4.1)");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Version.parse(null))
        .withMessage("version is null");
  }

  @Test
  void compares_by_major_then_minor() {
    assertThat(Version.of(3, 10)).isGreaterThan(Version.of(3, 9)).isLessThan(Version.of(4, 0));
    assertThat(Version.of(3, 6).isAtLeast(Version.of(3, 6))).isTrue();
    assertThat(Version.of(3, 4).isAtLeast(Version.of(3, 6))).isFalse();
    assertThat(Version.of(1, 2)).hasSameHashCodeAs(Version.parse("v1.2.3"));
  }

  @Test
  void a_version_option_accepts_only_supported_lines() {
    assertThat(Version.option("Traefik", "v3.4.2", SUPPORTED)).isEqualTo(Version.of(3, 4));
    assertThatThrownBy(() -> Version.option("Traefik", "3.5", SUPPORTED))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessage(
            "Traefik is invalid (1 problem):\n  - version = \"3.5\": is not a release line this"
                + " target writes for (supported: 3.0 to 3.7). Fix: give one of [3.0, 3.4, 3.6,"
                + " 3.7].");
    assertThatThrownBy(() -> Version.option("Traefik", "three", SUPPORTED))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessage(
            "Traefik is invalid (1 problem):\n  - version = \"three\": must be a release line"
                + " such as 3.7. Fix: give one of [3.0, 3.4, 3.6, 3.7].");
  }
}
