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
