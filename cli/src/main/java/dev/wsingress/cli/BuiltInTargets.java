package dev.wsingress.cli;

import dev.wsingress.Target;
import dev.wsingress.gatewayapi.GatewayApi;
import dev.wsingress.haproxy.HaProxy;
import dev.wsingress.istio.Istio;
import dev.wsingress.linkerd.Linkerd;
import dev.wsingress.nginx.Nginx;
import dev.wsingress.platform.Platform;
import dev.wsingress.traefik.Traefik;
import java.util.List;

/**
 * The targets the launcher's class path holds, made without the ServiceLoader: to find them, {@link
 * Target#discover()} opens every jar of the class path (24) to look for its service file, about 15
 * ms of a cold start. The launcher's class path is the build's fixed list of jars, so these are
 * exactly the targets discovery finds there, in its order (by id); {@code BuiltInTargetsTest}
 * checks that against the service files of the modules. Any other class path (the command run
 * in-process, a class path of one's own) discovers.
 */
final class BuiltInTargets {
  private BuiltInTargets() {}

  /** Whether this process was started by the launcher ({@code bin/wsingress} sets the name). */
  static boolean launched() {
    return System.getProperty("wsingress.command") != null;
  }

  /** A new instance of every built-in target, in {@link Target#discover()}'s order. */
  static List<Target> create() {
    return List.of(
        new GatewayApi(),
        new HaProxy(),
        new Istio(),
        new Linkerd(),
        new Nginx(),
        new Platform(),
        new Traefik());
  }
}
