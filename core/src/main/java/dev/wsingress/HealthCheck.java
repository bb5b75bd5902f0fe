package dev.wsingress;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.immutables.value.Value;

/**
 * An HTTP health check of the backend pods. Controllers with active checks (HAProxy, Traefik) probe
 * it themselves; the others rely on the pods' readiness probes, and say so in a finding.
 *
 * <pre>{@code
 * HealthCheck.http("/health").interval(Duration.ofSeconds(10)).rise(2).fall(3);
 * }</pre>
 */
@Value.Immutable
public abstract class HealthCheck {
  HealthCheck() {}

  /** Checks the backend with an HTTP GET of {@code path}. */
  public static HealthCheck http(String path) {
    return ImmutableHealthCheck.builder().path(path).build();
  }

  /** The path probed. */
  public abstract String path();

  /** Time between two checks; unset takes the controller's default. */
  public abstract Optional<Duration> interval();

  /** Consecutive successes before a pod is used again. */
  public abstract OptionalInt rise();

  /** Consecutive failures before a pod is taken out. */
  public abstract OptionalInt fall();

  /** Sets the time between two checks, in whole seconds. */
  public HealthCheck interval(Duration interval) {
    return ImmutableHealthCheck.copyOf(this).withInterval(Optional.ofNullable(interval));
  }

  /** Sets how many consecutive successes bring a pod back. */
  public HealthCheck rise(int rise) {
    return ImmutableHealthCheck.copyOf(this).withRise(rise);
  }

  /** Sets how many consecutive failures take a pod out. */
  public HealthCheck fall(int fall) {
    return ImmutableHealthCheck.copyOf(this).withFall(fall);
  }
}
