package dev.wsingress.cli;

import dev.wsingress.Target;
import dev.wsingress.gatewayapi.GatewayApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of {@code GatewayApi} as flags. */
final class GatewayApiFlags implements TargetFlags {
  @Option(
      names = "--gateway-api-gateway",
      paramLabel = "NAMESPACE/NAME",
      description =
          "Attach the routes to this existing Gateway (default: gateway, in the app's"
              + " namespace).")
  String gateway;

  @Option(
      names = "--gateway-api-with-gateway",
      paramLabel = "CLASS",
      description =
          "Also render a Gateway of this GatewayClass (HTTP on 80, HTTPS on 443 with"
              + " TLS) and attach the routes to it.")
  String withGateway;

  @Option(
      names = "--gateway-api-listeners",
      paramLabel = "HTTP,HTTPS",
      description = "The Gateway's listener names for HTTP and HTTPS (default: http,https).")
  String listeners;

  @Option(
      names = "--gateway-api-request-timeout",
      paramLabel = "DURATION",
      description =
          "Write timeouts.request on the WebSocket route (none by default: it may cut"
              + " open sockets); 0s disables it where implementations honour that.")
  String requestTimeout;

  @Option(
      names = "--gateway-api-experimental",
      description = "Use experimental-channel fields (sessionPersistence for sticky sessions).")
  boolean experimental;

  @Option(
      names = "--gateway-api-envoy-gateway",
      paramLabel = "VERSION",
      arity = "0..1",
      fallbackValue = "",
      description =
          "Also render Envoy Gateway policies (BackendTrafficPolicy, ClientTrafficPolicy with"
              + " a Gateway of ours) for the release VERSION (default: the newest supported).")
  String envoyGateway;

  @Option(
      names = "--gateway-api-backend-ca-config-map",
      paramLabel = "NAME",
      description =
          "The ConfigMap (key ca.crt) the BackendTLSPolicy verifies HTTPS backends with: the"
              + " Gateway API's core support (a Secret CA is implementation-specific).")
  String backendCaConfigMap;

  @Override
  public String targetId() {
    return "gateway-api";
  }

  @Override
  public List<String> given() {
    List<String> g = new ArrayList<>();
    TargetFlags.add(g, "--gateway-api-gateway", gateway);
    TargetFlags.add(g, "--gateway-api-with-gateway", withGateway);
    TargetFlags.add(g, "--gateway-api-listeners", listeners);
    TargetFlags.add(g, "--gateway-api-request-timeout", requestTimeout);
    TargetFlags.add(g, "--gateway-api-experimental", experimental);
    TargetFlags.add(g, "--gateway-api-envoy-gateway", envoyGateway);
    TargetFlags.add(g, "--gateway-api-backend-ca-config-map", backendCaConfigMap);
    return g;
  }

  @Override
  public Target apply(Target target) {
    GatewayApi t = (GatewayApi) target;
    if (gateway != null) {
      String[] g = TargetFlags.namespaced("--gateway-api-gateway", gateway);
      t = TargetFlags.option("--gateway-api-gateway", t, x -> x.gateway(g[0], g[1]));
    }
    if (envoyGateway != null) {
      t =
          TargetFlags.option(
              "--gateway-api-envoy-gateway",
              t,
              x -> envoyGateway.isEmpty() ? x.envoyGateway() : x.envoyGateway(envoyGateway));
    }
    if (backendCaConfigMap != null) {
      t =
          TargetFlags.option(
              "--gateway-api-backend-ca-config-map",
              t,
              x -> x.backendCaConfigMap(backendCaConfigMap));
    }
    if (withGateway != null) {
      t = TargetFlags.option("--gateway-api-with-gateway", t, x -> x.withGateway(withGateway));
    }
    if (listeners != null) {
      String[] l = TargetFlags.parts("--gateway-api-listeners", listeners, 2, "HTTP,HTTPS");
      t = TargetFlags.option("--gateway-api-listeners", t, x -> x.listeners(l[0], l[1]));
    }
    if (requestTimeout != null) {
      Duration d = Durations.parse(requestTimeout);
      if (d == null) {
        throw CliException.usage(
            "--gateway-api-request-timeout = "
                + dev.wsingress.SpecRules.show(requestTimeout)
                + ": must be a duration such as 30s, 90m or 1h30m");
      }
      t = TargetFlags.option("--gateway-api-request-timeout", t, x -> x.requestTimeout(d));
    }
    if (experimental) {
      t = t.experimental();
    }
    return t;
  }
}
