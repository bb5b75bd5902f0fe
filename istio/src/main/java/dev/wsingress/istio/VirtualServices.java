package dev.wsingress.istio;

import dev.wsingress.Cors;
import dev.wsingress.Rendering;
import dev.wsingress.Route;
import dev.wsingress.RouteBackend;
import dev.wsingress.WebSocketApp;
import io.fabric8.istio.api.api.networking.v1alpha3.CorsPolicy;
import io.fabric8.istio.api.api.networking.v1alpha3.CorsPolicyBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchExactBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchRegexBuilder;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.api.networking.v1.VirtualServiceBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The VirtualService: the app's hosts on its gateway, one {@code http[]} entry per route or run of
 * routes with equal settings ({@link HttpRoutes}), each to its own backend, with CORS.
 */
final class VirtualServices {
  private VirtualServices() {}

  static VirtualService virtualService(
      WebSocketApp app,
      String gatewayRef,
      List<Backends.Backend> backends,
      Rendering.Builder out,
      String subject) {
    for (String host : app.hosts()) {
      if (host.indexOf('.') < 0) {
        // istio/istio 1.30.3 pilot/pkg/model/virtualservice.go ResolveVirtualServiceShortnames
        // resolves every VirtualService host with model/config.go ResolveShortnameToFQDN, which
        // appends ".<namespace>.svc.<domain>" to a name without a dot.
        out.add(
            IstioFinding.SHORT_HOST.at(
                subject,
                "the host "
                    + host
                    + " has no dot, and Istio reads such a VirtualService host as the Service "
                    + host
                    + "."
                    + app.namespace()
                    + ".svc.cluster.local: the gateway routes no request for "
                    + host
                    + " with this VirtualService."));
      }
    }
    for (Route r : app.routes()) {
      RouteBackend b = r.backend().orElseThrow();
      if (b.port().isEmpty()) {
        // istio/istio 1.30.3 route.go GetDestinationCluster: without a port, the Service's only
        // port, else the listener's; istioctl analyze reports IST0112
        // (VirtualServiceDestinationPortSelectorRequired, pkg/config/analysis/analyzers/
        // virtualservice/destinationhosts.go) for a Service with several ports.
        out.add(
            IstioFinding.PORT_NUMBER.at(
                subject,
                "a VirtualService destination takes a port number, not a name (istio/api"
                    + " PortSelector), and route "
                    + r.path()
                    + " names port \""
                    + b.portName().orElse("")
                    + "\" of "
                    + b.serviceName()
                    + "; its destination is written without a port, which Istio resolves only"
                    + " when the Service has exactly one port (else to the gateway listener's"
                    + " port)."));
      }
      if (!r.isWebSocket() && r.buffering().orElse(false)) {
        out.add(
            // istio/api 1.30.3 networking/v1alpha3/virtual_service.proto: no field buffers requests
            // or responses; Envoy streams
            IstioFinding.ROUTE_BUFFERING.at(
                subject,
                "Istio has no proxy buffering setting; buffering(true) of route "
                    + r.path()
                    + " is not written, and Envoy streams its requests and responses."));
      }
    }
    Optional<CorsPolicy> cors = app.cors().map(VirtualServices::cors);
    if (cors.isPresent()) {
      out.add(
          // istio/api 1.30.3 networking/v1alpha3/virtual_service.proto: CorsPolicy answers
          // preflights and sets response headers; it refuses no request
          IstioFinding.CORS_HANDSHAKE.at(
              subject,
              "corsPolicy answers browsers' preflights, but browsers send none for the WebSocket"
                  + " handshake, so any page can open the socket."));
    }
    return new VirtualServiceBuilder()
        .withMetadata(app.objectMeta(app.name()))
        .withNewSpec()
        .withHosts(app.hosts())
        .withGateways(gatewayRef)
        .withHttp(HttpRoutes.entries(app, backends, cors))
        .endSpec()
        .build();
  }

  /**
   * The RE2 regex of an origin with one wildcard label ({@code https://*.example.com}), as the spec
   * allows: a full match (Envoy's safe_regex) with the dots escaped.
   */
  static String originRegex(String origin) {
    return origin.replace(".", "\\.").replace("*\\.", "[a-z0-9-]+\\.");
  }

  private static final java.util.regex.Pattern ORIGIN_REGEX =
      java.util.regex.Pattern.compile(
          "([a-z][a-z0-9+.-]*://)\\[a-z0-9-\\]\\+\\\\\\.((?:[a-z0-9-]+\\\\\\.)*[a-z0-9-]+)(:[0-9]+)?");

  /** The origin an {@link #originRegex} was made from, or null for any other regex. */
  static String originOf(String regex) {
    java.util.regex.Matcher m = ORIGIN_REGEX.matcher(regex);
    if (!m.matches()) {
      return null;
    }
    return m.group(1)
        + "*."
        + m.group(2).replace("\\.", ".")
        + (m.group(3) == null ? "" : m.group(3));
  }

  private static CorsPolicy cors(Cors c) {
    List<StringMatch> origins = new ArrayList<>();
    for (String origin : c.origins()) {
      StringMatchBuilder m = new StringMatchBuilder();
      if (origin.equals("*")) {
        m.withMatchType(new StringMatchRegexBuilder().withRegex(".*").build());
      } else if (origin.contains("*.")) {
        m.withMatchType(new StringMatchRegexBuilder().withRegex(originRegex(origin)).build());
      } else {
        m.withMatchType(new StringMatchExactBuilder().withExact(origin).build());
      }
      origins.add(m.build());
    }
    CorsPolicyBuilder b =
        new CorsPolicyBuilder()
            .withAllowOrigins(origins)
            .withAllowMethods(c.methods())
            .withAllowHeaders(c.headers())
            .withExposeHeaders(c.exposedHeaders());
    if (c.credentials()) {
      b.withAllowCredentials(true);
    }
    if (c.maxAge().isPresent()) {
      b.withMaxAge(ProtoDuration.format(c.maxAge().get()));
    }
    return b.build();
  }
}
