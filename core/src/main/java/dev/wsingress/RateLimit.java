package dev.wsingress;

import java.util.OptionalInt;
import org.immutables.value.Value;

/**
 * A limit on WebSocket handshakes (new connections) per client. Messages on an open socket are
 * never counted: every controller limits HTTP requests, and a socket is one request.
 *
 * <pre>{@code
 * RateLimit.handshakesPerSecond(10).burst(50)
 * RateLimit.handshakesPerMinute(100)
 * }</pre>
 */
@Value.Immutable
public abstract class RateLimit {
  RateLimit() {}

  /** The period a rate is counted over. */
  public enum Period {
    SECOND,
    MINUTE
  }

  /** At most {@code rate} handshakes per second per client. */
  public static RateLimit handshakesPerSecond(int rate) {
    return ImmutableRateLimit.builder().rate(rate).period(Period.SECOND).build();
  }

  /** At most {@code rate} handshakes per minute per client. */
  public static RateLimit handshakesPerMinute(int rate) {
    return ImmutableRateLimit.builder().rate(rate).period(Period.MINUTE).build();
  }

  /** How many handshakes per period. */
  public abstract int rate();

  /** The period. */
  public abstract Period period();

  /**
   * How many handshakes may arrive at once before clients are refused; unset keeps the controller's
   * default burst.
   */
  public abstract OptionalInt burst();

  /** Sets the burst size (an absolute number of handshakes). */
  public RateLimit burst(int burst) {
    return ImmutableRateLimit.copyOf(this).withBurst(burst);
  }
}
