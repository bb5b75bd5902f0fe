package dev.wsingress.istio;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The unit of every Istio duration field ({@code google.protobuf.Duration}), written and read the
 * way Istio does. Istio reads a custom resource through the JSON shim istio/api generates
 * (networking/v1alpha3/virtual_service_json.gen.go, destination_rule_json.gen.go at 1.30.3), which
 * is golang/protobuf's jsonpb (v1.5.4, istio/istio 1.30.3 go.mod): its decoder parses a Duration
 * with Go's {@code time.ParseDuration} (jsonpb/decode.go:217-231), so {@code 1h} and {@code 1.5s}
 * are read, and its encoder writes whole seconds and a fraction with the suffix {@code s}
 * (jsonpb/encode.go:169-193; istio/api 1.30.3 common-protos/google/protobuf/duration.proto, "JSON
 * Mapping"). The CRDs' CEL rule "must be a valid duration greater than 1ms" (istio/api 1.23.0 and
 * newer) applies to every duration field except those marked {@code duration-validation:none}, such
 * as {@code httpCookie.ttl}.
 */
final class ProtoDuration {
  private ProtoDuration() {}

  /** Go's {@code time.ParseDuration}: a sign, then one or more decimal numbers with a unit. */
  private static final Pattern GO_DURATION =
      Pattern.compile("([-+]?)((?:(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:ns|us|µs|μs|ms|s|m|h))+)");

  private static final Pattern GO_TERM =
      Pattern.compile("([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h)");

  /**
   * Whole seconds as Istio writes them ({@code 3600s}). Spec durations are whole seconds of at
   * least 1 s, so they pass the CRDs' 1 ms minimum.
   */
  static String format(Duration d) {
    if (d.getNano() != 0 || d.getSeconds() < 1) {
      throw new IllegalArgumentException("expected whole seconds of at least 1s, got " + d);
    }
    return d.getSeconds() + "s";
  }

  /** A duration for messages, as Istio's JSON writes it: {@code 3600s}, {@code 1.5s}. */
  static String show(Duration d) {
    if (d.getNano() == 0) {
      return d.getSeconds() + "s";
    }
    return java.math.BigDecimal.valueOf(d.toNanos(), 9).stripTrailingZeros().toPlainString() + "s";
  }

  /**
   * A duration as Istio reads it ({@code 3600s}, {@code 1h}, {@code 1m30s}, {@code 1.5s}, {@code
   * 300ms}), to the nanosecond Go keeps.
   *
   * @throws IllegalArgumentException when Go's {@code time.ParseDuration} would refuse the text
   */
  static Duration parse(String text) {
    Matcher whole = GO_DURATION.matcher(text == null ? "" : text);
    if (!whole.matches()) {
      // Go accepts a bare "0" (and "+0", "-0") without a unit.
      if (text != null && text.matches("[-+]?0")) {
        return Duration.ZERO;
      }
      throw new IllegalArgumentException("not a Go duration: \"" + text + "\"");
    }
    BigDecimal nanos = BigDecimal.ZERO;
    Matcher term = GO_TERM.matcher(whole.group(2));
    while (term.find()) {
      String number = term.group(1);
      BigDecimal value = new BigDecimal("0" + number + (number.endsWith(".") ? "0" : ""));
      nanos = nanos.add(value.multiply(BigDecimal.valueOf(nanosPer(term.group(2)))));
    }
    // Go truncates the fraction to whole nanoseconds, and refuses more than 2^63-1 of them (Go
    // src/time/format.go ParseDuration: "time: invalid duration", 2^63 only with a minus sign), so
    // jsonpb and the CRD's CEL duration() refuse such a value.
    BigDecimal limit = BigDecimal.valueOf(Long.MAX_VALUE);
    boolean negative = whole.group(1).equals("-");
    BigDecimal truncated = new BigDecimal(nanos.toBigInteger());
    if (truncated.compareTo(negative ? limit.add(BigDecimal.ONE) : limit) > 0) {
      throw new IllegalArgumentException("not a Go duration (out of range): \"" + text + "\"");
    }
    // 2^63 reads as Long.MIN_VALUE, which negated stays -2^63, as Go has it.
    long n = truncated.longValue();
    return Duration.ofNanos(negative ? -n : n);
  }

  private static long nanosPer(String unit) {
    return switch (unit) {
      case "ns" -> 1L;
      case "us", "µs", "μs" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      default -> 3_600_000_000_000L;
    };
  }
}
