package dev.wsingress.assertj;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.Setting;
import dev.wsingress.Source;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The message parts that must read as core's own: durations and origins. */
class MessagesTest {

  @ParameterizedTest
  @ValueSource(longs = {1, 59, 60, 90, 299, 300, 330, 3600, 5400, 86400, 0})
  void durations_read_as_setting_describe_shows_them(long seconds) {
    Duration d = Duration.ofSeconds(seconds);
    Setting<Duration> s = Setting.of(d, new Source("a.yaml", 1, 1));
    assertThat(Messages.duration(d) + " " + Messages.origin(s)).isEqualTo(s.describe());
    Duration ms = Duration.ofMillis(seconds * 1000 + 250);
    Setting<Duration> m = Setting.of(ms, new Source("a.yaml", 1, 1));
    assertThat(Messages.duration(ms) + " " + Messages.origin(m)).isEqualTo(m.describe());
  }

  @Test
  void every_origin_is_how_setting_describe_ends() {
    Source at = new Source("k8s/cm.yaml", 5, 3);
    for (Setting<?> s :
        List.of(
            Setting.of("x", at),
            Setting.controllerWide(Duration.ofSeconds(120), at),
            Setting.byDefault(60, "ingress-nginx controller-v1.15.1 configmap.md"))) {
      assertThat(s.describe()).endsWith(" " + Messages.origin(s));
    }
    assertThat(Messages.origin(Setting.controllerWide(1, at)))
        .isEqualTo("(controller-wide, k8s/cm.yaml:5:3)");
    assertThat(Messages.origin(Setting.byDefault(1, "ref"))).isEqualTo("(controller default: ref)");
  }

  @Test
  void content_is_escaped_for_the_format() {
    assertThat(String.format(Messages.format("100% of %n", "b")))
        .isEqualTo(System.lineSeparator() + "100% of %n" + System.lineSeparator() + "b");
  }
}
