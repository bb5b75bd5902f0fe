package dev.wsingress;

import org.immutables.value.Value;

/**
 * Sticky sessions by a hash of a request header, such as a session or user id the client sends on
 * the WebSocket handshake.
 *
 * <pre>{@code
 * Affinity.header("X-Session-Id");
 * }</pre>
 */
@Value.Immutable
public abstract non-sealed class HeaderAffinity implements Affinity {
  HeaderAffinity() {}

  /** The request header's name. */
  public abstract String header();

  @Override
  public String kind() {
    return "header";
  }
}
