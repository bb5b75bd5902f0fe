package dev.wsingress.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.Affinity;
import dev.wsingress.BackendProtocol;
import dev.wsingress.CookieAffinity;
import dev.wsingress.Finding;
import dev.wsingress.Rendering;
import dev.wsingress.Route;
import dev.wsingress.RouteBackend;
import dev.wsingress.Targets;
import dev.wsingress.Tls;
import dev.wsingress.UnsupportedFeatureException;
import dev.wsingress.WebSocketApp;
import dev.wsingress.testing.Expressed;
import dev.wsingress.testing.RoundTrip;
import dev.wsingress.testing.SampleApps;
import dev.wsingress.testing.Specs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Issue 16's round trip for {@code HaProxy.target()}: {@code Import.from(render(S))} gives one app
 * that renders byte-identically, equal to S on every field the configuration expresses, with no
 * import finding at WARNING or above — in annotation mode without and with the controller
 * ConfigMap, and in Backend-resource mode for 3.2 ({@code ingress.v3.haproxy.org/v3}) and 3.0
 * ({@code ingress.v1.haproxy.org/v1}).
 *
 * <p>Specs: the core test-jar's random generator ({@link Specs#apps()}, the whole option space of
 * an app) with up to three more routes of every kind drawn here (plain routes with request timeouts
 * and buffering, rewritten WebSocket routes, other Services by port number or name), since {@code
 * Specs} draws the app's own WebSocket paths only. {@value RoundTrip#TRIES_PROPERTY} sets the
 * number of specs per configuration (500 by default): {@code ./mvnw -pl haproxy -am verify
 * -Dtest=HaProxyRoundTripTest -Dwsingress.roundtrip.tries=100000}.
 */
class HaProxyRoundTripTest {

  /** What every configuration expresses: not what lives on other objects, or nowhere. */
  static Expressed base() {
    return Expressed.all()
        // Without the platform kit no Service is rendered: which Service is the app's own is not
        // in the output (the import takes the first WebSocket route's), nor its workload.
        .without(
            "serviceName",
            "servicePort",
            "servicePortName",
            "workload",
            // HAProxy has one tunnel timeout for both directions, and no buffering setting
            // (HAPROXY-BUFFERING), nor a per-client connection limit (HAPROXY-MAX-CONNECTIONS).
            "readTimeout",
            "sendTimeout",
            "responseBuffering",
            "requestBuffering",
            "maxConnectionsPerClient")
        // One Ingress per group of routes: in any order; a plain route's buffering is not written.
        .with("routes", app -> routes(app))
        // The certificate's issuer is cert-manager's (the platform kit), not an HAProxy object.
        .with("tls", app -> app.tls().map(t -> tlsOf(app, t)))
        // haproxytech has no burst (HAPROXY-RATE-LIMIT-BURST).
        .with("rateLimit", app -> app.rateLimit().map(r -> r.rate() + "/" + r.period()))
        // Nor an expose-headers annotation (HAPROXY-CORS-EXPOSE-HEADERS).
        .with(
            "cors",
            app ->
                app.cors()
                    .map(
                        c ->
                            // "*" beside other origins allows any (HaProxy.origin).
                            (c.origins().contains("*") ? List.of("*") : c.origins())
                                + " "
                                + c.methods()
                                + " "
                                + c.headers()
                                + " "
                                + c.credentials()
                                + " "
                                + c.maxAge()));
  }

  static Object routes(WebSocketApp app) {
    List<String> out = new ArrayList<>();
    for (Route r : app.routes()) {
      out.add(
          r.kind()
              + " "
              + r.match()
              + " "
              + r.path()
              + " -> "
              + r.backend().map(RouteBackend::toString).orElse("")
              + " rewrite "
              + r.rewrite().orElse("-")
              + " timeout "
              + r.requestTimeout().map(Duration::toString).orElse("-"));
    }
    out.sort(null);
    return out;
  }

  static String tlsOf(WebSocketApp app, Tls t) {
    return t.secretName() + " " + app.tlsHosts() + " redirect " + t.redirect();
  }

  /** Annotation mode: the cookie is on the Service (not rendered here); other affinities kept. */
  static Expressed annotations(boolean controllerConfig) {
    Expressed e =
        base()
            .with(
                "affinity",
                app ->
                    app.affinity()
                        .filter(a -> !(a instanceof CookieAffinity))
                        .map(HaProxyRoundTripTest::withoutMode))
            // HTTPS needs the CA in annotation mode (HAPROXY-BACKEND-TLS); rise and fall are not
            // annotations (HAPROXY-HEALTH-RISE-FALL), and only the app's own Service is probed.
            .with("backendProtocol", HaProxyRoundTripTest::protocolWithCa)
            .with("healthCheck", app -> health(app, false));
    return controllerConfig ? e : e.without("idleTimeout", "connectTimeout");
  }

  /** Backend-resource mode: the cookie with its attributes, checks with rise and fall. */
  static Expressed backendResource() {
    return base()
        .with("affinity", app -> app.affinity().map(HaProxyRoundTripTest::withoutMode))
        // A Backend resource names CA files in the pod, not Secrets: HTTPS is not written
        // (HAPROXY-BACKEND-TLS), except on plain routes, which keep annotations.
        .without("backendProtocol", "backendCaSecret")
        .with("healthCheck", app -> health(app, true));
  }

  static Object protocolWithCa(WebSocketApp app) {
    return app.backendProtocol() == BackendProtocol.HTTPS && app.backendCaSecret().isPresent()
        ? BackendProtocol.HTTPS
        : BackendProtocol.HTTP;
  }

  static Object health(WebSocketApp app, boolean riseFall) {
    boolean probed = app.routes().stream().anyMatch(r -> RouteAnnotations.toOwnService(app, r));
    return app.healthCheck()
        .filter(h -> probed)
        .map(
            h -> h.path() + " " + h.interval() + (riseFall ? " " + h.rise() + " " + h.fall() : ""));
  }

  /**
   * What HAProxy keeps of an affinity: a cookie's name and attributes (not how it rebalances), the
   * header a hash reads, that it hashes the client address (balance source has no timeout).
   */
  static Object withoutMode(Affinity a) {
    if (a instanceof dev.wsingress.HeaderAffinity h) {
      return "header " + h.header();
    }
    if (a instanceof dev.wsingress.ClientIpAffinity) {
      return "client IP";
    }
    if (a instanceof CookieAffinity c) {
      return "cookie "
          + c.name()
          + " "
          + c.maxAge()
          + " "
          + c.path()
          + " "
          + c.secure()
          + " "
          + c.httpOnly()
          + " "
          + c.sameSite();
    }
    return a;
  }

  // --- the specs --------------------------------------------------------------------------------

  private static final List<String> PATHS =
      List.of("/api", "/", "/notify", "/static/", "/v1/events", "/health", "/ws/admin", "/a.b+c");

  /**
   * {@link Specs#supplier(long)} with more routes, the specs and the added routes from {@code seed}
   * (a run repeats with its seed).
   */
  static Supplier<WebSocketApp> specs(long seed) {
    // No buffering on plain routes: haproxytech has none (HAPROXY-BUFFERING), yet a plain route
    // with it is named as one with own settings (core's Ingresses.group: chat-http-<path>), so
    // such a spec cannot come back byte-identically.
    return Specs.withMoreRoutes(seed, PATHS, "/ws", r -> r.to("notify", "http"));
  }

  static boolean says(HaProxy target, WebSocketApp app, String... codes) {
    try {
      Rendering r = Targets.render(app, target);
      for (Finding f : r.findings()) {
        for (String c : codes) {
          if (f.code().equals(c)) {
            return true;
          }
        }
      }
      return false;
    } catch (UnsupportedFeatureException e) {
      return false;
    }
  }

  /**
   * The round trip of a configuration. The import may repeat what the rendering itself reports as a
   * warning about the controller, not about the conversion: HAPROXY-RATE-LIMIT (a limit counts in
   * each controller pod).
   */
  static RoundTrip trip(HaProxy target, Expressed expressed) {
    return RoundTrip.of(target)
        .expressing(expressed)
        .allowing("HAPROXY-RATE-LIMIT", "HAPROXY-TUNNEL-TIMEOUT-SHORT");
  }

  /**
   * Whether the output gives the app's WebSocket routes different settings, as the writer means it:
   * the health check probes the app's own Service only, so WebSocket routes to other Services have
   * none; in Backend-resource mode plain routes keep annotations, without rise and fall
   * (HAPROXY-HEALTH-RISE-FALL). The import reports each such difference as CORE-IMPORT-CONFLICT and
   * keeps the primary route's value, which renders the same output again.
   */
  static boolean differs(HaProxy target, WebSocketApp app) {
    boolean own = false;
    boolean other = false;
    for (Route r : app.routes()) {
      if (r.isWebSocket()) {
        own |= RouteAnnotations.toOwnService(app, r);
        other |= !RouteAnnotations.toOwnService(app, r);
      }
    }
    return app.healthCheck().isPresent() && own && other
        || says(target, app, "HAPROXY-HEALTH-RISE-FALL")
            && target.toString().contains("backendResource");
  }

  /**
   * Whether the strict target renders the spec. An HTTPS backend in Backend-resource mode is an
   * ERROR (HAPROXY-BACKEND-TLS: the resource names CA files in the pod, not Secrets), and leniently
   * only the plain routes, which keep annotations, get the CA: a split the spec cannot hold. Every
   * other ERROR (HAPROXY-MAX-CONNECTIONS) drops a setting the projection leaves out.
   */
  static boolean renders(HaProxy target, WebSocketApp app) {
    return !(target.toString().contains("backendResource")
        && says(target, app, "HAPROXY-BACKEND-TLS"));
  }

  /** Both runs of one configuration: the specs it renders alike for every route, and the rest. */
  private static void runBoth(
      TestReporter report, String what, HaProxy target, Expressed expressed, long seed) {
    run(
        report,
        what,
        trip(target, expressed),
        Specs.only(specs(seed), app -> renders(target, app) && !differs(target, app)));
    run(
        report,
        what + ", routes differ as the writer means",
        trip(target, expressed).allowing("CORE-IMPORT-CONFLICT"),
        Specs.only(specs(seed + 100), app -> renders(target, app) && differs(target, app)));
  }

  private static void run(
      TestReporter report, String what, RoundTrip trip, Supplier<WebSocketApp> specs) {
    RoundTrip.Summary s = trip.checkAll(specs);
    report.publishEntry("round trips " + what, s.toString());
    System.out.println("round trips " + what + ": " + s);
    assertThat(s.checked()).isEqualTo(RoundTrip.tries());
  }

  // --- the properties --------------------------------------------------------------------------

  @Test
  void the_sample_apps_come_back() {
    for (WebSocketApp app :
        List.of(SampleApps.minimal(), SampleApps.chat(), HaProxyRoutesTest.threeBackends())) {
      assertThat(trip(HaProxy.target().lenient(), annotations(false)).check(app))
          .isEqualTo(RoundTrip.Outcome.CHECKED);
      assertThat(
              trip(
                      HaProxy.target()
                          .controllerConfig("haproxy-controller", "haproxy-kubernetes-ingress")
                          .lenient(),
                      annotations(true))
                  .check(app))
          .isEqualTo(RoundTrip.Outcome.CHECKED);
      assertThat(trip(HaProxy.target().backendResource().lenient(), backendResource()).check(app))
          .isEqualTo(RoundTrip.Outcome.CHECKED);
    }
  }

  @Test
  void annotation_mode(TestReporter report) {
    runBoth(report, "annotations", HaProxy.target().lenient(), annotations(false), 15);
  }

  @Test
  void annotation_mode_with_the_controller_configmap(TestReporter report) {
    runBoth(
        report,
        "annotations + ConfigMap",
        HaProxy.target()
            .ingressClass("haproxy-ws")
            .controllerConfig("ingress", "haproxy-kubernetes-ingress")
            .lenient(),
        annotations(true),
        16);
  }

  @Test
  void backend_resource_mode(TestReporter report) {
    runBoth(
        report, "Backend v3", HaProxy.target().backendResource().lenient(), backendResource(), 17);
    runBoth(
        report,
        "Backend v1 (3.0)",
        HaProxy.target().version("3.0").backendResource().lenient(),
        backendResource(),
        18);
  }

  @Test
  void the_route_kinds_come_back_whatever_the_paths() {
    // A plain route at /ws/admin and a WebSocket route at /api: the paths say the opposite.
    WebSocketApp app =
        WebSocketApp.on("chat.example.com")
            .name("chat")
            .path("/api")
            .service("chat", 8080)
            .route(Route.http("/ws/admin").to("admin", 80))
            .build();
    assertThat(trip(HaProxy.target(), annotations(false)).check(app))
        .isEqualTo(RoundTrip.Outcome.CHECKED);
  }
}
