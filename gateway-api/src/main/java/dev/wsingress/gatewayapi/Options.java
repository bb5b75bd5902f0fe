package dev.wsingress.gatewayapi;

import dev.wsingress.Version;
import java.time.Duration;

/**
 * The options of a {@link GatewayApi} target, as one value the per-object mappings read.
 *
 * @param gatewayNamespace the existing Gateway's namespace; null for the app's (or with a rendered
 *     Gateway)
 * @param gatewayName the existing Gateway's name; null when the Gateway is rendered
 * @param gatewayClass the GatewayClass of the rendered Gateway; null when the Gateway is not ours
 * @param httpListener the HTTP listener's section name
 * @param httpsListener the HTTPS listener's section name
 * @param requestTimeout {@code timeouts.request} to write, or null
 * @param experimental whether experimental-channel fields may be written
 * @param lenient whether what cannot be expressed is a warning instead of an error
 * @param version the Gateway API release line rendered for
 * @param envoyGateway the Envoy Gateway release line whose policies are rendered, or null for none
 * @param caConfigMap a ConfigMap holding the backend CA as {@code ca.crt}, or null
 */
record Options(
    String gatewayNamespace,
    String gatewayName,
    String gatewayClass,
    String httpListener,
    String httpsListener,
    Duration requestTimeout,
    boolean experimental,
    boolean lenient,
    Version version,
    Version envoyGateway,
    String caConfigMap) {

  static Options defaults() {
    return new Options(
        null,
        GatewayApi.DEFAULT_GATEWAY,
        null,
        "http",
        "https",
        null,
        false,
        false,
        Releases.GATEWAY_API.get(Releases.GATEWAY_API.size() - 1),
        null,
        null);
  }

  /** Whether the target renders the Gateway itself. */
  boolean ownsGateway() {
    return gatewayClass != null;
  }

  /** Whether Envoy Gateway policies are rendered. */
  boolean envoy() {
    return envoyGateway != null;
  }

  Options parent(String namespace, String name, String className) {
    return new Options(
        namespace,
        name,
        className,
        httpListener,
        httpsListener,
        requestTimeout,
        experimental,
        lenient,
        version,
        envoyGateway,
        caConfigMap);
  }

  Options listeners(String http, String https) {
    return new Options(
        gatewayNamespace,
        gatewayName,
        gatewayClass,
        http,
        https,
        requestTimeout,
        experimental,
        lenient,
        version,
        envoyGateway,
        caConfigMap);
  }

  Options requestTimeout(Duration timeout) {
    return new Options(
        gatewayNamespace,
        gatewayName,
        gatewayClass,
        httpListener,
        httpsListener,
        timeout,
        experimental,
        lenient,
        version,
        envoyGateway,
        caConfigMap);
  }

  Options experimental(boolean on) {
    return new Options(
        gatewayNamespace,
        gatewayName,
        gatewayClass,
        httpListener,
        httpsListener,
        requestTimeout,
        on,
        lenient,
        version,
        envoyGateway,
        caConfigMap);
  }

  Options lenient(boolean on) {
    return new Options(
        gatewayNamespace,
        gatewayName,
        gatewayClass,
        httpListener,
        httpsListener,
        requestTimeout,
        experimental,
        on,
        version,
        envoyGateway,
        caConfigMap);
  }

  Options version(Version v) {
    return new Options(
        gatewayNamespace,
        gatewayName,
        gatewayClass,
        httpListener,
        httpsListener,
        requestTimeout,
        experimental,
        lenient,
        v,
        envoyGateway,
        caConfigMap);
  }

  Options envoyGateway(Version v) {
    return new Options(
        gatewayNamespace,
        gatewayName,
        gatewayClass,
        httpListener,
        httpsListener,
        requestTimeout,
        experimental,
        lenient,
        version,
        v,
        caConfigMap);
  }

  Options caConfigMap(String name) {
    return new Options(
        gatewayNamespace,
        gatewayName,
        gatewayClass,
        httpListener,
        httpsListener,
        requestTimeout,
        experimental,
        lenient,
        version,
        envoyGateway,
        name);
  }
}
