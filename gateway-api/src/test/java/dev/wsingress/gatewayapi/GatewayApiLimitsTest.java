package dev.wsingress.gatewayapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wsingress.Cors;
import dev.wsingress.Finding;
import dev.wsingress.Rendering;
import dev.wsingress.Severity;
import dev.wsingress.Tls;
import dev.wsingress.UnsupportedFeatureException;
import dev.wsingress.WebSocketApp;
import dev.wsingress.testing.Renderings;
import dev.wsingress.testing.SchemaConformance;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPCORSFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What one HTTPRoute holds (v1.6.1 CRD: 16 hostnames, 64 matches per rule, 128 per route; CORS
 * lists are sets of at most 64, "*" alone): never output the API server refuses.
 */
class GatewayApiLimitsTest {

  private static WebSocketApp.Builder app() {
    return WebSocketApp.on("ws.example.com").name("chat").service("websocket-service", 8080);
  }

  private static HTTPCORSFilter cors(Rendering r) {
    return r.objects(HTTPRoute.class)
        .get(0)
        .getSpec()
        .getRules()
        .get(0)
        .getFilters()
        .get(0)
        .getCors();
  }

  @Test
  void corsNormalised() {
    WebSocketApp app =
        app()
            .cors(
                Cors.allowOrigins("https://app.example.com", "*", "https://app.example.com")
                    .allowMethods("GET", "POST", "GET")
                    .allowHeaders("Authorization", "authorization", "X-Trace")
                    .exposeHeaders("X-Trace", "x-trace"))
            .build();

    Rendering r = GatewayApi.target().render(app);

    HTTPCORSFilter cors = cors(r);
    assertThat(cors.getAllowOrigins()).containsExactly("*");
    assertThat(cors.getAllowMethods()).containsExactly("GET", "POST");
    assertThat(cors.getAllowHeaders()).containsExactly("Authorization", "X-Trace");
    assertThat(cors.getExposeHeaders()).containsExactly("X-Trace");
    assertThat(r.finding("GATEWAYAPI-CORS-NORMALISED").orElseThrow())
        .isEqualTo(
            new Finding(
                "GATEWAYAPI-CORS-NORMALISED",
                Severity.INFO,
                "HTTPRoute default/chat",
                "the CORS lists are written as sets: repeated origins https://app.example.com"
                    + " written once; allowOrigins is written as [\"*\"], which already allows"
                    + " https://app.example.com (the CRD refuses \"*\" beside other origins);"
                    + " repeated methods GET written once; repeated headers authorization written"
                    + " once (names ignore case); repeated exposed headers x-trace written once"
                    + " (names ignore case).",
                "Nothing to do: the lists mean the same; list each origin, method and header once,"
                    + " and \"*\" alone."));
    Renderings.verify(r);
  }

  @Test
  void corsLists_longer_than_the_filter_holds_are_refused() {
    String[] origins =
        IntStream.rangeClosed(1, 65)
            .mapToObj(i -> "https://a" + i + ".example.com")
            .toArray(String[]::new);
    WebSocketApp app = app().cors(Cors.allowOrigins(origins)).build();

    UnsupportedFeatureException e =
        catchThrowableOfType(
            UnsupportedFeatureException.class, () -> GatewayApi.target().render(app));
    Rendering lenient = GatewayApi.target().lenient().render(app);

    assertThat(e.errors())
        .extracting(Finding::code, Finding::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "GATEWAYAPI-CORS-LIMIT",
                "the HTTPRoute CORS filter cannot hold these lists (65 origins, more than 64), so"
                    + " no CORS filter is written and browsers get no CORS headers from the"
                    + " gateway."));
    assertThat(lenient.only(HTTPRoute.class).getSpec().getRules().get(0).getFilters()).isEmpty();
    SchemaConformance.assertValid(lenient);
  }

  @Test
  void routesSplit() {
    List<String> more = new ArrayList<>();
    for (int i = 1; i <= 19; i++) {
      more.add("ws" + i + ".example.com");
    }
    WebSocketApp.Builder b = app().alsoOn(more.toArray(String[]::new)).tls(Tls.secret("tls"));
    for (int i = 1; i <= 130; i++) {
      b.path("/p" + i);
    }
    WebSocketApp app = b.build();

    Rendering r = GatewayApi.target().gateway("default", "eg").render(app);

    List<HTTPRoute> routes = r.objects(HTTPRoute.class);
    assertThat(routes)
        .extracting(o -> o.getMetadata().getName())
        .containsExactly(
            "chat",
            "chat-2",
            "chat-3",
            "chat-4",
            "chat-redirect",
            "chat-redirect-2",
            "chat-redirect-3",
            "chat-redirect-4");
    for (HTTPRoute route : routes) {
      assertThat(route.getSpec().getHostnames()).hasSizeLessThanOrEqualTo(16);
      assertThat(route.getSpec().getRules())
          .allSatisfy(rule -> assertThat(rule.getMatches()).hasSizeLessThanOrEqualTo(64));
      assertThat(route.getSpec().getRules().stream().mapToInt(x -> x.getMatches().size()).sum())
          .isLessThanOrEqualTo(128);
    }
    // every host meets every path exactly once among the app's routes
    List<String> pairs = new ArrayList<>();
    for (HTTPRoute route : routes.subList(0, 4)) {
      for (String host : route.getSpec().getHostnames()) {
        for (HTTPRouteRule rule : route.getSpec().getRules()) {
          rule.getMatches().forEach(m -> pairs.add(host + m.getPath().getValue()));
        }
      }
    }
    assertThat(pairs).hasSize(20 * 130).doesNotHaveDuplicates();
    assertThat(r.finding("GATEWAYAPI-ROUTES-SPLIT").orElseThrow().message())
        .isEqualTo(
            "the app's 20 hosts and 130 paths need 4 HTTPRoutes (an HTTPRoute holds at most 16"
                + " hostnames, 16 rules and 128 path matches, 64 per rule): chat, chat-2, chat-3,"
                + " chat-4, each with its -redirect twin.");
    SchemaConformance.assertValid(r);
  }
}
