package dev.wsingress;

import java.time.Duration;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Sticky sessions by a hash of the client's IP address. Behind a load balancer that does not pass
 * the client address on (PROXY protocol or X-Forwarded-For), every client has the balancer's
 * address.
 *
 * <pre>{@code
 * Affinity.clientIp().timeout(Duration.ofHours(3));
 * }</pre>
 */
@Value.Immutable
public abstract non-sealed class ClientIpAffinity implements Affinity {
  ClientIpAffinity() {}

  /**
   * How long kube-proxy keeps a client on one pod when the Service itself carries the affinity (at
   * most 86400 s; Kubernetes' default is 10800 s).
   */
  public abstract Optional<Duration> timeout();

  @Override
  public String kind() {
    return "clientIp";
  }

  /** Sets the Service-level affinity timeout, in whole seconds up to a day. */
  public ClientIpAffinity timeout(Duration timeout) {
    return ImmutableClientIpAffinity.copyOf(this).withTimeout(Optional.ofNullable(timeout));
  }
}
