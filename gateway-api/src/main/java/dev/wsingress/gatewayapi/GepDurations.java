package dev.wsingress.gatewayapi;

import java.time.Duration;

/**
 * Durations in the Gateway API's grammar (GEP-2257): {@code ^([0-9]{1,5}(h|m|s|ms)){1,4}$}, so "1h"
 * or "90s", never "1d" or a six-digit number; "0s" means disabled.
 */
final class GepDurations {
  private GepDurations() {}

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
