package dev.wsingress.cli;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Kubernetes-style durations, as {@code metav1.Duration} and Go's {@code time.ParseDuration} write
 * them: {@code 3600s}, {@code 90m}, {@code 1h30m}, {@code 1.5s}, {@code 500ms}. Written back as
 * hours, minutes and seconds without zero parts ({@code 1h30m}, never {@code 1h30m0s}).
 */
final class Durations {
  private Durations() {}

  /** The longest duration read: far above any spec limit, far below an overflow. */
  private static final BigDecimal MAX_NANOS =
      BigDecimal.valueOf(Duration.ofHours(100_000).toNanos());

  /**
   * Reads a duration.
   *
   * @return the duration, or null when the text is not one
   */
  static Duration parse(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    int i = 0;
    boolean negative = false;
    if (text.charAt(0) == '-' || text.charAt(0) == '+') {
      negative = text.charAt(0) == '-';
      i = 1;
    }
    if (text.substring(i).equals("0")) {
      return Duration.ZERO;
    }
    BigDecimal nanos = BigDecimal.ZERO;
    boolean any = false;
    while (i < text.length()) {
      int start = i;
      while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
        i++;
      }
      String number = text.substring(start, i);
      if (number.isEmpty()
          || number.equals(".")
          || number.indexOf('.') != number.lastIndexOf('.')) {
        return null;
      }
      int unitStart = i;
      while (i < text.length() && !Character.isDigit(text.charAt(i)) && text.charAt(i) != '.') {
        i++;
      }
      long unit =
          switch (text.substring(unitStart, i)) {
            case "ns" -> 1L;
            case "us", "\u00b5s", "\u03bcs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> 0L;
          };
      if (unit == 0) {
        return null;
      }
      nanos = nanos.add(new BigDecimal(number).multiply(BigDecimal.valueOf(unit)));
      if (nanos.compareTo(MAX_NANOS) > 0) {
        return null;
      }
      any = true;
    }
    if (!any) {
      return null;
    }
    // Go truncates fractions of a nanosecond.
    long n = nanos.longValue();
    return Duration.ofNanos(negative ? -n : n);
  }

  /** Writes a duration as hours, minutes and seconds: {@code 1h}, {@code 1h30m}, {@code 45s}. */
  static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    StringBuilder b = new StringBuilder();
    Duration rest = d;
    if (d.isNegative()) {
      b.append('-');
      rest = d.negated();
    }
    long seconds = rest.getSeconds();
    int nanos = rest.getNano();
    long h = seconds / 3600;
    long m = seconds % 3600 / 60;
    long s = seconds % 60;
    if (h > 0) {
      b.append(h).append('h');
    }
    if (m > 0) {
      b.append(m).append('m');
    }
    if (nanos != 0) {
      BigDecimal fraction = BigDecimal.valueOf(s).add(BigDecimal.valueOf(nanos, 9));
      b.append(fraction.stripTrailingZeros().toPlainString()).append('s');
    } else if (s > 0) {
      b.append(s).append('s');
    }
    return b.toString();
  }
}
