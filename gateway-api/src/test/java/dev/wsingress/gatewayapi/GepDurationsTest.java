package dev.wsingress.gatewayapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GepDurationsTest {
  private static final String GEP_2257 = "^([0-9]{1,5}(h|m|s|ms)){1,4}$";

  @ParameterizedTest
  @CsvSource({
    "0, 0s",
    "1000, 1s",
    "90000, 1m30s",
    "3600000, 1h",
    "86400000, 24h",
    "2073600000, 576h",
    "5400500, 1h30m500ms",
    "359999000, 99h59m59s"
  })
  void formats_in_the_gateway_api_grammar(long millis, String expected) {
    String formatted = GepDurations.format(Duration.ofMillis(millis));

    assertThat(formatted).isEqualTo(expected).matches(GEP_2257);
    assertThat(GepDurations.parse(formatted)).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest
  @CsvSource({"30m1800s, 3600000", "1s1h, 3601000", "00010s, 10000", "1500ms, 1500"})
  void reads_what_users_write_as_go_does(String text, long millis) {
    assertThat(GepDurations.parse(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @Test
  void refuses_to_read_what_the_grammar_excludes() {
    for (String text : new String[] {"1d", "1.5h", "100000s", "1h1m1s1ms1h", "", "1H"}) {
      assertThatThrownBy(() -> GepDurations.parse(text))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("\"" + text + "\" is not a GEP-2257 duration (such as 1h30m or 500ms)");
    }
  }

  @Test
  void refuses_what_the_grammar_cannot_hold() {
    assertThatThrownBy(() -> GepDurations.format(Duration.ofHours(100_000)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot express PT100000H as a GEP-2257 duration");
    assertThatThrownBy(() -> GepDurations.format(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
