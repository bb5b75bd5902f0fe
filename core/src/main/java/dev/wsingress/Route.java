package dev.wsingress;

import org.immutables.value.Value;

/**
 * A path of the app routed to its backend Service.
 *
 * <pre>{@code
 * app.routes().get(0).path();   // "/ws"
 * app.routes().get(0).match();  // Route.Match.PREFIX
 * }</pre>
 */
@Value.Immutable
public abstract class Route {
  Route() {}

  /** How a request path is compared with the route's path. */
  public enum Match {
    /** The path and everything below it, by whole segments ({@code /ws} matches {@code /ws/a}). */
    PREFIX,
    /** Exactly this path. */
    EXACT
  }

  static Route of(String path, Match match) {
    return ImmutableRoute.builder().path(path).match(match).build();
  }

  /** The path, starting with {@code /}. */
  public abstract String path();

  /** Prefix or exact match. */
  public abstract Match match();
}
