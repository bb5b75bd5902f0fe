package dev.wsingress;

import java.util.Optional;
import java.util.OptionalInt;
import org.immutables.value.Value;

/**
 * The Service and port a route sends its requests to: the port by number or by name, never both.
 *
 * <pre>{@code
 * RouteBackend api = app.routes().get(1).backend().orElseThrow();
 * api.serviceName(); // "chat-api"
 * api.port();        // OptionalInt[80]
 * }</pre>
 */
@Value.Immutable
public abstract class RouteBackend {
  RouteBackend() {}

  static RouteBackend of(String serviceName, Integer port, String portName) {
    ImmutableRouteBackend.Builder b = ImmutableRouteBackend.builder().serviceName(serviceName);
    if (port != null) {
      b.port(port);
    } else {
      b.portName(Optional.ofNullable(portName));
    }
    return b.build();
  }

  /** The Service's name, in the app's namespace. */
  public abstract String serviceName();

  /** The Service port's number, when given by number. */
  public abstract OptionalInt port();

  /** The Service port's name, when given by name. */
  public abstract Optional<String> portName();

  /** {@code name:port} or {@code name:portName}. */
  @Override
  public String toString() {
    return serviceName()
        + ":"
        + (port().isPresent() ? Integer.toString(port().getAsInt()) : portName().orElse(""));
  }
}
