package dev.wsingress.gatewayapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.Affinity;
import dev.wsingress.BackendProtocol;
import dev.wsingress.CookieAffinity;
import dev.wsingress.Cors;
import dev.wsingress.HeaderAffinity;
import dev.wsingress.InvalidSpecException;
import dev.wsingress.Route;
import dev.wsingress.WebSocketApp;
import dev.wsingress.testing.Expressed;
import dev.wsingress.testing.Gen;
import dev.wsingress.testing.RoundTrip;
import dev.wsingress.testing.Specs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The converter's round trip for the Gateway API (issue 16): {@code Import} of the target's
 * rendering of a random spec gives the spec back, for each main option set of the target (its own
 * Gateway, an existing Gateway, the default parent; with and without Envoy Gateway of the newest
 * and an older release line; the request timeout option; the CA ConfigMap; the oldest Gateway API
 * line), {@link RoundTrip#tries()} specs per option set. The Platform kit's objects (the Service
 * with its appProtocol, the workload, the certificate) come back through its own reader; here the
 * target's output alone must carry the app.
 */
class GatewayApiRoundTripTest {

  /** One option set: the target, and what its output expresses of a spec. */
  record Option(
      String name, GatewayApi target, Expressed expressed, boolean ownGateway, String... allowed) {
    Option allowing(String... codes) {
      return new Option(name, target, expressed, ownGateway, codes);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> options() {
    List<Option> o = new ArrayList<>();
    GatewayApi t = GatewayApi.target().lenient();
    o.add(plain("default parent", t, false));
    o.add(plain("existing Gateway", t.gateway("infra", "public"), false));
    o.add(plain("own Gateway", t.withGateway("eg"), true));
    o.add(plain("own Gateway, experimental", t.withGateway("eg").experimental(), true));
    // the rendering warns GATEWAYAPI-REQUEST-TIMEOUT for the option, and so does the doctor
    o.add(
        plain("request timeout", t.withGateway("eg").requestTimeout(Duration.ofHours(2)), true)
            .allowing("GATEWAYAPI-REQUEST-TIMEOUT"));
    o.add(plain("CA ConfigMap", t.gateway("infra", "public").backendCaConfigMap("ca"), false));
    o.add(plain("Gateway API v1.2", t.withGateway("eg").version("1.2"), true));
    o.add(envoy("Envoy Gateway, default parent", t.envoyGateway(), false, true));
    o.add(envoy("Envoy Gateway, own Gateway", t.withGateway("eg").envoyGateway(), true, true));
    o.add(
        envoy(
            "Envoy Gateway, existing Gateway, request timeout",
            t.gateway("infra", "public").envoyGateway().requestTimeout(Duration.ZERO),
            false,
            true));
    o.add(
        envoy(
            "Envoy Gateway v1.6, own Gateway",
            t.withGateway("eg").envoyGateway("1.6"),
            true,
            true));
    o.add(
        envoy(
            "Envoy Gateway v1.7, existing Gateway",
            t.gateway("infra", "public").envoyGateway("1.7"),
            false,
            false));
    o.add(
        envoy(
            "Envoy Gateway, Gateway API v1.3",
            t.withGateway("eg").envoyGateway().version("1.3"),
            true,
            true));
    return o.stream().map(Arguments::of);
  }

  /** What every rendering expresses, whatever the options. */
  private static Expressed base(GatewayApi t, boolean ownGateway) {
    Options o = options(t);
    boolean policy = o.version().isAtLeast(Releases.BACKEND_TLS_POLICY);
    Expressed e =
        Expressed.all()
            // rules group routes of equal settings, in the order of each group's first route
            .with("routes", Expressed.inAnyOrder(WebSocketApp::routes))
            // a backendRef needs a port number: specs by port name are outside (see specs())
            .without("servicePortName")
            // the Service and workload are the Platform kit's (its reader brings them back)
            .without("workload")
            // nothing is written for buffering (GatewayApi: BUFFERING, ROUTE_BUFFERING)
            .without("responseBuffering", "requestBuffering", "maxConnectionsPerClient")
            .with(
                "cors",
                app ->
                    o.version().isAtLeast(Releases.CORS_FILTER)
                        ? app.cors().map(GatewayApiRoundTripTest::normalised)
                        : Optional.empty())
            // the HTTPS backend is verified only with a BackendTLSPolicy (v1.4+) and a CA
            .with(
                "backendProtocol",
                app ->
                    app.backendProtocol() == BackendProtocol.HTTPS
                            && policy
                            && (o.caConfigMap() != null || app.backendCaSecret().isPresent())
                        ? BackendProtocol.HTTPS
                        : BackendProtocol.HTTP)
            .with(
                "backendCaSecret",
                app ->
                    app.backendProtocol() == BackendProtocol.HTTPS
                            && policy
                            && o.caConfigMap() == null
                        ? app.backendCaSecret()
                        : Optional.empty());
    if (ownGateway) {
      // the Gateway's HTTPS listener holds the Secret for every host; the redirect twin says it
      e = e.with("tls", app -> app.tls().map(x -> List.of(x.secretName(), x.redirect())));
    } else {
      // TLS terminates on a Gateway that is not rendered (specs() leaves out the redirect twin)
      e = e.without("tls");
    }
    return e;
  }

  private static Option plain(String name, GatewayApi t, boolean ownGateway) {
    Options o = options(t);
    Expressed e =
        base(t, ownGateway)
            .without("idleTimeout", "readTimeout", "sendTimeout", "connectTimeout")
            .without("rateLimit", "healthCheck")
            .with(
                "affinity",
                app ->
                    o.experimental() && app.affinity().orElse(null) instanceof CookieAffinity c
                        ? Optional.of(List.of(c.name(), c.maxAge()))
                        : Optional.empty());
    return new Option(name, t, e, ownGateway);
  }

  private static Option envoy(String name, GatewayApi t, boolean ownGateway, boolean idle) {
    Expressed e =
        base(t, ownGateway)
            .without("readTimeout", "sendTimeout")
            .with("affinity", app -> app.affinity().map(GatewayApiRoundTripTest::consistentHash))
            .with("rateLimit", app -> app.rateLimit().map(r -> List.of(r.rate(), r.period())));
    // Envoy's stream idle timeout counts silence both ways: the longest of the three
    e =
        idle
            ? e.with(
                "idleTimeout",
                app ->
                    Stream.of(app.idleTimeout(), app.readTimeout(), app.sendTimeout())
                        .max(Duration::compareTo)
                        .orElseThrow())
            : e.without("idleTimeout");
    return new Option(name, t, e, ownGateway);
  }

  private static Options options(GatewayApi t) {
    return t.options();
  }

  /** What Envoy Gateway's consistent hash keeps of an affinity. */
  private static Object consistentHash(Affinity a) {
    if (a instanceof CookieAffinity c) {
      return List.of(
          "cookie", c.name(), c.maxAge(), c.path(), c.secure().orElse(false), c.sameSite());
    }
    if (a instanceof HeaderAffinity h) {
      return List.of("header", h.header());
    }
    return List.of(a.kind());
  }

  /** The CORS lists as the filter writes them: sets, and {@code *} alone. */
  private static Object normalised(Cors c) {
    List<String> origins = c.origins().stream().distinct().toList();
    if (origins.contains("*")) {
      origins = List.of("*");
    }
    return List.of(
        origins,
        c.methods().stream().distinct().toList(),
        lowerDistinct(c.headers()),
        lowerDistinct(c.exposedHeaders()),
        c.credentials(),
        c.maxAge());
  }

  private static List<String> lowerDistinct(List<String> values) {
    Map<String, String> seen = new LinkedHashMap<>();
    values.forEach(v -> seen.putIfAbsent(v.toLowerCase(Locale.ROOT), v));
    return List.copyOf(seen.values());
  }

  /**
   * Specs from {@link Specs}, within what the Gateway API takes: the app's own Service by port
   * number (a backendRef needs one, PORT_NUMBER; by name the app renders no route) and, without the
   * app's own Gateway, no TLS: the certificate is on a Gateway the output does not hold, so the
   * converter cannot carry it (GatewayApiImportTest shows the finding).
   */
  static Supplier<WebSocketApp> specs(long seed, boolean ownGateway, int[] outside) {
    Supplier<WebSocketApp> all = Specs.supplier(seed);
    return () -> {
      while (true) {
        WebSocketApp app = all.get();
        if (app.servicePort().isEmpty()) {
          outside[0]++;
          continue;
        }
        if (!ownGateway && app.tls().isPresent()) {
          app = app.toBuilder().tls(null).build();
        }
        if (app.workload().isPresent()) {
          // the workload is the Platform kit's; Envoy Gateway's circuit breaker is derived from it
          app = app.toBuilder().workload(null).build();
        }
        return app;
      }
    };
  }

  /**
   * {@link #specs} with up to five more routes, which {@link Specs} does not draw: WebSocket and
   * plain HTTP routes, prefix or exact, to the app's own Service or to others, with prefix
   * rewrites, plain routes with their own request timeout; without a health check where WebSocket
   * routes go to other Services.
   */
  static Supplier<WebSocketApp> multiRoute(long seed, boolean ownGateway, int[] outside) {
    Supplier<WebSocketApp> base = specs(seed, ownGateway, outside);
    Gen<Route> route =
        s -> {
          String path = s.draw(Specs.path());
          boolean ws = s.chance(0.5);
          Route r = ws ? Route.websocket(path) : Route.http(path);
          boolean exact = s.chance(0.2);
          if (exact) {
            r = r.exact();
          }
          if (s.chance(0.6)) {
            r = r.to(s.any(List.of("chat-api", "notify", "frontend")), s.any(List.of(80, 8080)));
          }
          if (!exact && s.chance(0.3)) {
            r = r.rewriteTo(s.draw(Specs.path()));
          }
          if (!ws && s.chance(0.4)) {
            r = r.requestTimeout(Duration.ofSeconds(s.between(1, 3600)));
          }
          return r;
        };
    Supplier<List<Route>> extra = route.list(1, 5).supplier(seed + 1);
    return () -> {
      while (true) {
        WebSocketApp app = base.get();
        WebSocketApp.Builder b = app.toBuilder();
        extra.get().forEach(b::route);
        try {
          WebSocketApp built = b.build();
          String own = built.serviceName();
          boolean others =
              built.routes().stream()
                  .anyMatch(
                      r -> r.isWebSocket() && !r.backend().orElseThrow().serviceName().equals(own));
          if (built.healthCheck().isPresent() && others) {
            // Envoy Gateway's active check is written for the app's own Service only
            // (ENVOY_HEALTH_CHECK_SCOPE), so its other WebSocket routes read back without one and
            // the import reports the difference: GatewayApiImportTest
            built = built.toBuilder().healthCheck(null).build();
          }
          return built;
        } catch (InvalidSpecException e) {
          outside[1]++; // a path drawn twice, or a rewrite the spec refuses
        }
      }
    };
  }

  /** The option sets whose output tells WebSocket from plain rules (not v1.2 without policies). */
  static Stream<Arguments> namedOptions() {
    return options().filter(a -> !a.get()[0].toString().equals("Gateway API v1.2"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("namedOptions")
  void random_specs_with_several_routes_come_back(Option option, TestReporter report) {
    int[] outside = {0, 0};
    RoundTrip.Summary s =
        RoundTrip.of(option.target())
            .expressing(option.expressed())
            .allowing("CORE-YAML-PLACEHOLDER")
            .allowing(option.allowed())
            .checkAll(multiRoute(3031, option.ownGateway(), outside));
    String line =
        s
            + ", "
            + outside[0]
            + " draws by Service port name and "
            + outside[1]
            + " refused by build() left out";
    report.publishEntry("round trips", line);
    System.out.println("round trips with several routes (" + option + "): " + line);
    assertThat(s).isEqualTo(new RoundTrip.Summary(RoundTrip.tries(), 0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("options")
  void random_specs_come_back(Option option, TestReporter report) {
    int[] outside = {0};
    RoundTrip.Summary s =
        RoundTrip.of(option.target())
            .expressing(option.expressed())
            // Specs draws env values such as "{{ x }}", which build() takes literally
            .allowing("CORE-YAML-PLACEHOLDER")
            .allowing(option.allowed())
            .checkAll(specs(2027, option.ownGateway(), outside));
    String line = s + ", " + outside[0] + " draws by Service port name left out";
    report.publishEntry("round trips", line);
    System.out.println("round trips (" + option + "): " + line);
    assertThat(s).isEqualTo(new RoundTrip.Summary(RoundTrip.tries(), 0));
  }
}
