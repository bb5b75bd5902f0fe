package dev.wsingress.traefik;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsingress.InvalidSpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The circuitBreaker expressions Traefik parses (vulcand/oxy v2.1.0 cbreaker/predicates.go over
 * vulcand/predicate v1.3.0) are accepted, the rest refused with where they go wrong (issue 19 item
 * 8: unbalanced expressions used to pass the character-class check).
 */
class CircuitBreakerExpressionTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "NetworkErrorRatio() > 0.5",
        "ResponseCodeRatio(500, 600, 0, 600) > 0.30",
        "LatencyAtQuantileMS(50.0) > 100",
        "NetworkErrorRatio() > 0.30 || ResponseCodeRatio(500, 600, 0, 600) > 0.25",
        "(NetworkErrorRatio() > 0.5) && (LatencyAtQuantileMS(99.9) >= 2000)",
        "((NetworkErrorRatio() > .5 || NetworkErrorRatio() != 1.) && LatencyAtQuantileMS(50.0) <"
            + " 7)",
        "ResponseCodeRatio(500,600,0,600)==0.0",
      })
  void traefiks_language_is_accepted(String expression) {
    assertThat(CircuitBreakerExpression.problem(expression)).isNull();
    assertThat(Traefik.target().circuitBreaker(expression))
        .hasToString("Traefik[entryPoints=web/websecure, circuitBreaker]");
  }

  @ParameterizedTest
  @CsvSource(
      delimiterString = " => ",
      quoteCharacter = '"',
      value = {
        "(NetworkErrorRatio() > 0.5 => a ( at 1 is never closed",
        "NetworkErrorRatio() > 0.5) => a ) at 26 closes nothing",
        "((NetworkErrorRatio() > 0.5) => a ( at 1 is never closed",
        "NetworkErrorRatio() > 0.5) || (NetworkErrorRatio() > 0.6 => a ) at 26 closes nothing",
        "NetworkErrorRatio( > 0.5 => NetworkErrorRatio takes 0 arguments; expected ) at 20",
        "ResponseCodeRatio(500, 600) > 0.5 => ResponseCodeRatio takes 4 arguments; expected , at"
            + " 27",
        "ResponseCodeRatio(500, 600, 0, 600, 1) > 0.5"
            + " => ResponseCodeRatio takes 4 arguments; expected ) at 35",
        "ResponseCodeRatio(5.0, 600, 0, 600) > 0.5"
            + " => ResponseCodeRatio takes whole numbers; expected one at 19",
        "LatencyAtQuantileMS(50) > 100"
            + " => LatencyAtQuantileMS takes a decimal number such as 50.0; expected one at 21",
        "NetworkErrorRatio() > 1"
            + " => NetworkErrorRatio compares with a decimal number such as 0.5, not 1 at 23",
        "LatencyAtQuantileMS(50.0) > 100.5"
            + " => LatencyAtQuantileMS compares with a whole number such as 100, not 100.5 at 29",
        "0.5 < NetworkErrorRatio() => expected a condition at 1",
        "NetworkErrorRatio() => expected a comparison (<, <=, >, >=, == or !=) after"
            + " NetworkErrorRatio at 20",
        "NetworkErrorRatio() = 0.5 => expected a comparison (<, <=, >, >=, == or !=) after"
            + " NetworkErrorRatio at 21",
        "!(NetworkErrorRatio() > 0.5) => expected a condition at 1",
        "NetworkErrorRatio() > 0.5 & NetworkErrorRatio() > 0.6 => expected && or || at 27",
        "NetworkErrorRatio() > 0.5 && => expected a condition at 29",
        "Foo() > 1 => unknown function Foo at 1 (NetworkErrorRatio, ResponseCodeRatio or"
            + " LatencyAtQuantileMS)",
        "NetworkErrorRatio > 0.5 => NetworkErrorRatio needs its parentheses at 19",
        "ResponseCodeRatio(0500, 600, 0, 600) > 0.5 => the whole number 0500 at 19 must be"
            + " decimal, without a leading 0, of at most 9 digits",
        "NetworkErrorRatio() > 0.5 || Host(`evil`) => the character '`' at 35 is not allowed",
        "NetworkErrorRatio() > 0.5 \u202e => the character U+202E at 27 is not allowed",
      })
  void anything_else_is_refused_with_the_place(String expression, String problem) {
    assertThat(CircuitBreakerExpression.problem(expression)).isEqualTo(problem);
    assertThatThrownBy(() -> Traefik.target().circuitBreaker(expression))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("with balanced parentheses (" + problem + ")");
  }

  @Test
  void empty_long_and_deep_expressions_are_refused_without_recursing_per_character() {
    assertThat(CircuitBreakerExpression.problem(null)).isEqualTo("it is empty");
    assertThat(CircuitBreakerExpression.problem("  ")).isEqualTo("it is empty");
    assertThat(CircuitBreakerExpression.problem("(".repeat(3000)))
        .isEqualTo("it is longer than 256 characters");
    String deep = "(".repeat(17) + "NetworkErrorRatio() > 0.5" + ")".repeat(17);
    assertThat(CircuitBreakerExpression.problem(deep))
        .isEqualTo("parentheses are nested deeper than 16");
    String sixteen = "(".repeat(16) + "NetworkErrorRatio() > 0.5" + ")".repeat(16);
    assertThat(CircuitBreakerExpression.problem(sixteen)).isNull();
    String wide = "NetworkErrorRatio() > 0.5 || ".repeat(7) + "NetworkErrorRatio() > 0.5";
    assertThat(CircuitBreakerExpression.problem(wide)).isNull();
  }
}
