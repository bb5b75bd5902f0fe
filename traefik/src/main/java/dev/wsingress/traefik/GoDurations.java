package dev.wsingress.traefik;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Traefik's durations, written by {@link #format} and read back by {@link #parse}, the one place
 * for this unit.
 *
 * <p>Traefik reads every duration of its dynamic configuration with traefik/paerser's {@code
 * types.Duration.Set} (read at v0.2.0; traefik v3.7.9 pins v0.2.2): digits alone are seconds
 * ({@code strconv.ParseInt(s, 10, 64)}, so {@code "30"} is 30 s and a sign is allowed), anything
 * else goes to Go's {@code time.ParseDuration}. The CRD provider passes a number or a string field
 * alike through that ({@code IntOrString.String()}, traefik v3.7.9
 * pkg/provider/kubernetes/crd/kubernetes.go, e.g. {@code forwardingTimeout.DialTimeout.Set}), and
 * so does the command line for the static configuration.
 */
final class GoDurations {
  private static final java.util.regex.Pattern SECONDS =
      java.util.regex.Pattern.compile("[+-]?[0-9]{1,18}");

  private GoDurations() {}

  /** Writes a duration as Traefik reads it: whole seconds as {@code "<n>s"}. */
  static String format(Duration d) {
    if (d.isNegative() || d.getNano() != 0) {
      throw new IllegalArgumentException("write whole, non-negative seconds: " + d);
    }
    return d.getSeconds() + "s";
  }

  /**
   * paerser's {@code Duration.Set}: decimal digits (with an optional sign) are seconds, anything
   * else is Go's {@code time.ParseDuration}.
   *
   * @throws IllegalArgumentException when Traefik would refuse the text
   */
  static Duration parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("no duration");
    }
    if (SECONDS.matcher(text).matches()) {
      return Duration.ofSeconds(Long.parseLong(text));
    }
    return parseGo(text);
  }

  /**
   * Go's {@code time.ParseDuration} (go1.22 src/time/format.go): an optional sign, then one or more
   * decimal numbers, each with an optional fraction and a unit of {@code ns}, {@code us} ({@code
   * µs}, {@code μs}), {@code ms}, {@code s}, {@code m} or {@code h}; {@code "0"} alone is zero.
   */
  static Duration parseGo(String text) {
    String s = text;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      negative = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    if (s.isEmpty()) {
      throw invalid(text);
    }
    BigDecimal nanos = BigDecimal.ZERO;
    int i = 0;
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
        i++;
      }
      String number = s.substring(start, i);
      if (number.isEmpty()
          || number.equals(".")
          || number.indexOf('.') != number.lastIndexOf('.')) {
        throw invalid(text);
      }
      int unitStart = i;
      while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
        i++;
      }
      long unit =
          switch (s.substring(unitStart, i)) {
            case "ns" -> 1L;
            case "us", "µs", "μs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> throw invalid(text);
          };
      nanos = nanos.add(new BigDecimal(number).multiply(BigDecimal.valueOf(unit)));
    }
    // Go's Duration is an int64 of nanoseconds: about 292 years.
    if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw invalid(text);
    }
    Duration d = Duration.ofNanos(nanos.longValue());
    return negative ? d.negated() : d;
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "\"" + text + "\" is not a duration Traefik reads (such as 30s, 1h or 90)");
  }
}
