package dev.wsingress.istio;

import dev.wsingress.Cors;
import dev.wsingress.Rendering;
import dev.wsingress.Route;
import dev.wsingress.WebSocketApp;
import io.fabric8.istio.api.api.networking.v1alpha3.CorsPolicy;
import io.fabric8.istio.api.api.networking.v1alpha3.CorsPolicyBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequestBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.IsStringMatchMatchType;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchExactBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchPrefixBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchRegexBuilder;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.api.networking.v1.VirtualServiceBuilder;
import java.util.ArrayList;
import java.util.List;

/** The VirtualService: the app's paths on its hosts, routed to the Service, with CORS. */
final class VirtualServices {
  private VirtualServices() {}

  static VirtualService virtualService(
      WebSocketApp app, String gatewayRef, String host, Rendering.Builder out, String subject) {
    List<HTTPMatchRequest> matches = new ArrayList<>();
    for (Route r : app.routes()) {
      for (IsStringMatchMatchType uri : uriMatches(r)) {
        matches.add(new HTTPMatchRequestBuilder().withNewUri().withMatchType(uri).endUri().build());
      }
    }
    HTTPRouteBuilder route =
        new HTTPRouteBuilder()
            .withMatch(matches)
            .addNewRoute()
            .withNewDestination()
            .withHost(host)
            .withNewPort()
            .withNumber((long) app.servicePort().getAsInt())
            .endPort()
            .endDestination()
            .endRoute();
    if (app.cors().isPresent()) {
      route.withCorsPolicy(cors(app.cors().get()));
      out.add(
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
        .withHttp(route.build())
        .endSpec()
        .build();
  }

  /**
   * The uri matches of one route; the match entries of a VirtualService rule are OR-ed (istio/api
   * 1.30.3 networking/v1alpha3/virtual_service.proto, HTTPRoute.match). A VirtualService {@code
   * prefix} compares characters: istio/istio 1.30.3 pilot/pkg/networking/core/route/route.go
   * TranslateRouteMatch writes Envoy's {@code prefix} for it (path-separated only for converted
   * Ingresses and Gateway API routes), so {@code prefix: /ws} would match {@code /wsx}. A spec
   * prefix matches whole segments, so {@code /ws} becomes {@code exact: /ws} (Envoy's {@code path},
   * compared without the query string) or {@code prefix: /ws/}; a path ending in {@code /} is a
   * segment boundary already.
   */
  static List<IsStringMatchMatchType> uriMatches(Route r) {
    String p = r.path();
    if (r.match() == Route.Match.EXACT) {
      return List.of(new StringMatchExactBuilder().withExact(p).build());
    }
    if (p.endsWith("/")) {
      return List.of(new StringMatchPrefixBuilder().withPrefix(p).build());
    }
    return List.of(
        new StringMatchExactBuilder().withExact(p).build(),
        new StringMatchPrefixBuilder().withPrefix(p + "/").build());
  }

  private static CorsPolicy cors(Cors c) {
    List<StringMatch> origins = new ArrayList<>();
    for (String origin : c.origins()) {
      StringMatchBuilder m = new StringMatchBuilder();
      if (origin.equals("*")) {
        m.withMatchType(new StringMatchRegexBuilder().withRegex(".*").build());
      } else if (origin.contains("*.")) {
        // One wildcard label, as the spec allows; RE2 full match with the dots escaped.
        String regex = origin.replace(".", "\\.").replace("*\\.", "[a-z0-9-]+\\.");
        m.withMatchType(new StringMatchRegexBuilder().withRegex(regex).build());
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
      b.withMaxAge(Istio.duration(c.maxAge().get()));
    }
    return b.build();
  }
}
