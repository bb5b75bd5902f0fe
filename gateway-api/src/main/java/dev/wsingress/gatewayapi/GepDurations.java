package dev.wsingress.gatewayapi;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations in the Gateway API's grammar (GEP-2257): {@code ^([0-9]{1,5}(h|m|s|ms)){1,4}$}, so "1h"
 * or "90s", never "1d" or a six-digit number; "0s" means disabled. Written by {@link #format} and
 * read back by {@link #parse}, the one place for this unit.
 */
final class GepDurations {
  private GepDurations() {}

  /** gateway-api v1.6.1 geps/gep-2257/index.md: a Duration "MUST match the regular expression". */
  private static final Pattern GRAMMAR = Pattern.compile("^([0-9]{1,5}(h|m|s|ms)){1,4}$");

  private static final Pattern COMPONENT = Pattern.compile("([0-9]{1,5})(h|ms|m|s)");

  /**
   * Reads a GEP-2257 duration: the regular expression, then "interpreted as specified by Golang's
   * {@code time.ParseDuration}" (the components add up, in any order).
   *
   * @throws IllegalArgumentException when the text does not match the grammar
   */
  static Duration parse(String text) {
    if (text == null || !GRAMMAR.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "\"" + text + "\" is not a GEP-2257 duration (such as 1h30m or 500ms)");
    }
    Duration d = Duration.ZERO;
    Matcher m = COMPONENT.matcher(text);
    while (m.find()) {
      long value = Long.parseLong(m.group(1));
      d =
          d.plus(
              switch (m.group(2)) {
                case "h" -> Duration.ofHours(value);
                case "m" -> Duration.ofMinutes(value);
                case "s" -> Duration.ofSeconds(value);
                default -> Duration.ofMillis(value);
              });
    }
    return d;
  }

  /** Formats a non-negative duration of at most 99999 hours. */
  static String format(Duration d) {
    if (d.isNegative() || d.toHours() > 99_999) {
      throw new IllegalArgumentException("cannot express " + d + " as a GEP-2257 duration");
    }
    if (d.isZero()) {
      return "0s";
    }
    long hours = d.toHours();
    int minutes = d.toMinutesPart();
    int seconds = d.toSecondsPart();
    int millis = d.toMillisPart();
    StringBuilder b = new StringBuilder();
    if (hours > 0) {
      b.append(hours).append('h');
    }
    if (minutes > 0) {
      b.append(minutes).append('m');
    }
    if (seconds > 0) {
      b.append(seconds).append('s');
    }
    if (millis > 0) {
      b.append(millis).append("ms");
    }
    return b.toString();
  }
}
