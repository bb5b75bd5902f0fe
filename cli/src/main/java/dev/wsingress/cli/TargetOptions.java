package dev.wsingress.cli;

import java.util.List;
import picocli.CommandLine.ArgGroup;

/**
 * Every target's options as flags, one group per target in the help: a mixin, so that every command
 * that renders (render; convert next) offers the same flags.
 */
final class TargetOptions {
  // A target's flags: one class per target, one group here. A new target module adds both.

  @ArgGroup(exclusive = false, validate = false, heading = "%ningress-nginx (nginx):%n")
  NginxFlags nginx;

  @ArgGroup(exclusive = false, validate = false, heading = "%nGateway API (gateway-api):%n")
  GatewayApiFlags gatewayApi;

  @ArgGroup(exclusive = false, validate = false, heading = "%nIstio (istio):%n")
  IstioFlags istio;

  @ArgGroup(
      exclusive = false,
      validate = false,
      heading = "%nTraefik (traefik, traefik-ingress):%n")
  TraefikFlags traefik;

  @ArgGroup(exclusive = false, validate = false, heading = "%nHAProxy (haproxy):%n")
  HaProxyFlags haproxy;

  @ArgGroup(exclusive = false, validate = false, heading = "%nLinkerd (linkerd):%n")
  LinkerdFlags linkerd;

  @ArgGroup(exclusive = false, validate = false, heading = "%nPlatform objects (platform):%n")
  PlatformFlags platform;

  /** Every target's flags: those given on the command line, and empty ones for the others. */
  List<TargetFlags> flags() {
    return List.of(
        nginx != null ? nginx : new NginxFlags(),
        gatewayApi != null ? gatewayApi : new GatewayApiFlags(),
        istio != null ? istio : new IstioFlags(),
        traefik != null ? traefik : new TraefikFlags(),
        haproxy != null ? haproxy : new HaProxyFlags(),
        linkerd != null ? linkerd : new LinkerdFlags(),
        platform != null ? platform : new PlatformFlags());
  }
}
