package dev.wsingress.traefik;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.Affinity;
import dev.wsingress.BackendProtocol;
import dev.wsingress.ClientIpAffinity;
import dev.wsingress.CookieAffinity;
import dev.wsingress.Cors;
import dev.wsingress.Route;
import dev.wsingress.Version;
import dev.wsingress.WebSocketApp;
import dev.wsingress.testing.Expressed;
import dev.wsingress.testing.RoundTrip;
import dev.wsingress.testing.SampleApps;
import dev.wsingress.testing.Specs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * The converter's round trip for Traefik: {@code Import.from(render(S))} gives back S on every
 * field Traefik expresses, and renders byte for byte as S does, for both forms and every release
 * line whose output differs (v3.2, v3.3, v3.5, v3.7), with configured targets.
 */
class TraefikRoundTripTest {

  /**
   * Traefik has no idle timeout on an upgraded socket (RouteState.NO_IDLE_TIMEOUT), so every import
   * carries the spec's longest idle timeout with {@code CORE-IMPORT-APPROXIMATED}; the writer never
   * writes a character prefix, the other cause of that code ({@link #onlyTheIdleTimeout} checks).
   */
  static final String IDLE = "CORE-IMPORT-APPROXIMATED";

  /**
   * A rate limit without a burst: the doctor's warning about the spec itself, which the rendering
   * reports too (TRAEFIK-RATE-LIMIT-BURST), not about the conversion.
   */
  static final String BURST = "TRAEFIK-RATE-LIMIT-BURST";

  /** What the IngressRoute form of {@code version} expresses. */
  static Expressed crd(Version version) {
    return Expressed.all()
        // Not written: Traefik has no idle, read or send timeout for a socket, no health check
        // of a Kubernetes Service, and buffering does not reach an upgraded socket; which Service
        // is the app's own is the platform kit's (without it, the first route's backend).
        .without(
            "serviceName",
            "servicePort",
            "servicePortName",
            "workload",
            "idleTimeout",
            "readTimeout",
            "sendTimeout",
            "healthCheck",
            "responseBuffering",
            "requestBuffering")
        .with("routes", TraefikRoundTripTest::routes)
        .with("affinity", app -> affinity(app, version, false))
        // An IngressRoute's TLS covers the rule's hosts: every host of the app.
        .with("tls", app -> app.tls().map(t -> List.of(t.secretName(), t.redirect())))
        .with("cors", TraefikRoundTripTest::cors)
        .with(
            "backendCaSecret",
            app ->
                app.backendProtocol() == BackendProtocol.HTTPS
                    ? app.backendCaSecret()
                    : Optional.empty());
  }

  /**
   * What the Ingress form expresses with the platform kit, which gives back the app's own Service
   * (its workload is the platform kit's to compare, PlatformRoundTripTest).
   */
  static Expressed ingress(Version version) {
    return crd(version)
        .with("serviceName", WebSocketApp::serviceName)
        .with("servicePort", WebSocketApp::servicePort)
        .with("servicePortName", WebSocketApp::servicePortName)
        .with("affinity", app -> affinity(app, version, true))
        .with(
            "tls",
            app -> app.tls().map(t -> List.of(t.secretName(), app.tlsHosts(), t.redirect())));
  }

  /**
   * The routes in any order, each by path, match, kind, backend, rewrite and (plain routes)
   * buffering: Traefik has no request deadline (TRAEFIK-REQUEST-TIMEOUT).
   */
  static Object routes(WebSocketApp app) {
    List<String> out = new ArrayList<>();
    for (Route r : app.routes()) {
      out.add(
          r.path()
              + " "
              + r.match()
              + " "
              + r.kind()
              + " "
              + r.backend().orElseThrow()
              + " "
              + r.rewrite().orElse("-")
              + " "
              + (r.isWebSocket() ? "-" : r.buffering().orElse(false)));
    }
    out.sort(null);
    return out;
  }

  /**
   * Cookie affinity by every attribute (the path from v3.3), client-IP affinity (the hrw strategy,
   * v3.6, IngressRoutes only) by its kind; no header affinity.
   */
  static Object affinity(WebSocketApp app, Version version, boolean ingressForm) {
    if (app.affinity().isEmpty()) {
      return Optional.empty();
    }
    Affinity a = app.affinity().get();
    if (a instanceof CookieAffinity c) {
      return Optional.of(
          Arrays.asList(
              c.name(),
              c.maxAge(),
              version.isAtLeast(Releases.COOKIE_PATH) ? c.path() : Optional.empty(),
              c.secure(),
              c.httpOnly(),
              c.sameSite()));
    }
    if (a instanceof ClientIpAffinity && !ingressForm && version.isAtLeast(Releases.HRW)) {
      return Optional.of(a.kind());
    }
    return Optional.empty();
  }

  /** CORS as the headers Middleware holds it: exact origins, then wildcard ones. */
  static Object cors(WebSocketApp app) {
    return app.cors()
        .map(
            c -> {
              List<String> origins = new ArrayList<>();
              c.origins().stream().filter(o -> !o.contains("*.")).forEach(origins::add);
              c.origins().stream().filter(o -> o.contains("*.")).forEach(origins::add);
              return List.of(
                  origins,
                  c.methods(),
                  c.headers(),
                  c.exposedHeaders(),
                  c.credentials(),
                  c.maxAge());
            });
  }

  /**
   * The spec as an Ingress-form input can hold it: Traefik reads the sticky cookie, the scheme and
   * the ServersTransport from each backend Service's annotations, and the rendering writes them
   * only on the app's own Service (the platform kit's); for another workload's Service it names
   * them for the user to add (TRAEFIK-BACKEND-SERVICE-ANNOTATIONS). So when a route goes to another
   * Service, the spec is taken without the settings that live on Services (the IngressRoute form
   * round-trips them for every backend).
   */
  static WebSocketApp asIngressInput(WebSocketApp app) {
    WebSocketApp.Builder b = app.toBuilder();
    // Nor when the platform kit renders no Service: its port is given by name only, or a route
    // goes to another port of it (CORE-SERVICE-PORT-UNKNOWN, -MISSING).
    boolean others = app.servicePort().isEmpty();
    for (Route r : app.routes()) {
      dev.wsingress.RouteBackend to = r.backend().orElseThrow();
      others |= !to.serviceName().equals(app.serviceName()) || !to.port().equals(app.servicePort());
    }
    if (!others) {
      return b.build();
    }
    return b.stickySessions(null)
        .backendProtocol(BackendProtocol.HTTP)
        .backendCaSecret(null)
        .connectTimeout(null)
        .build();
  }

  static final List<String> VERSIONS = List.of("3.2", "3.3", "3.5", "3.7");

  static RoundTrip crd(Traefik target) {
    return RoundTrip.of(target)
        .expressing(crd(target.version().orElseThrow()))
        .allowing(IDLE, BURST);
  }

  static RoundTrip ingress(Traefik target) {
    return RoundTrip.of(target)
        // Lenient, so that a spec whose Service the platform kit cannot render (a port by name
        // only) is still checked, without that Service.
        .with(dev.wsingress.platform.Platform.target().lenient())
        .expressing(ingress(target.version().orElseThrow()))
        // Specs draws env values such as "{{ x }}", which build() takes literally and a reader
        // cannot tell from a template's placeholders (as in core's RoundTripTest).
        .allowing(IDLE, BURST, "CORE-YAML-PLACEHOLDER");
  }

  static WebSocketApp threeBackends() {
    return WebSocketApp.on("chat.example.com")
        .alsoOn("*.chat.example.com")
        .name("chat")
        .path("/ws")
        .service("chat-ws", 8080)
        .route(Route.http("/api").to("chat-api", 80).buffering(true))
        .route(Route.websocket("/notify").to("notify", "http").rewriteTo("/ws"))
        .route(Route.http("/").to("frontend", 80))
        .stickySessions(Affinity.cookie("ws-server").maxAge(java.time.Duration.ofDays(1)))
        .rateLimit(dev.wsingress.RateLimit.handshakesPerMinute(60).burst(5))
        .maxConnectionsPerClient(4)
        .cors(Cors.allowOrigins("https://*.example.com", "https://app.example.com"))
        .connectTimeout(java.time.Duration.ofSeconds(5))
        .backendProtocol(BackendProtocol.HTTPS)
        .backendCaSecret("chat-ca")
        .tls(dev.wsingress.Tls.secret("chat-tls").hosts("chat.example.com"))
        .build();
  }

  static List<WebSocketApp> samples() {
    return List.of(
        SampleApps.minimal(),
        // Port 443 without a scheme is HTTPS to Traefik: the writer says http (found by 100,000
        // Ingress-form round trips, where the platform kit's Service has the port).
        WebSocketApp.on("web.example.com").service("web", 443).build(),
        SampleApps.chat(),
        threeBackends(),
        threeBackends().toBuilder().tls(dev.wsingress.Tls.secret("t").redirect(false)).build());
  }

  @Test
  void the_sample_apps_come_back_from_both_forms_on_every_release_line() {
    for (String v : VERSIONS) {
      for (Traefik t :
          List.of(
              Traefik.target().version(v),
              Traefik.target().version(v).entryPoints("http", "https").securityHeaders(),
              Traefik.target()
                  .version(v)
                  .circuitBreaker("NetworkErrorRatio() > 0.5")
                  .clientIpDepth(2))) {
        for (WebSocketApp app : samples()) {
          assertThat(crd(t).check(app)).isEqualTo(RoundTrip.Outcome.CHECKED);
        }
      }
      for (Traefik t :
          List.of(
              Traefik.ingress().version(v),
              Traefik.ingress().version(v).ingressClass("edge").entryPoints("http", "https"))) {
        for (WebSocketApp app : samples()) {
          assertThat(ingress(t).check(asIngressInput(app))).isEqualTo(RoundTrip.Outcome.CHECKED);
        }
      }
    }
  }

  @Test
  void random_specs_come_back_from_the_ingress_route_form(TestReporter report) {
    for (String v : List.of("3.3", "3.7")) {
      // Lenient, so that what Traefik cannot express is left out instead of skipping the spec.
      RoundTrip.Summary s =
          crd(Traefik.target().version(v).lenient()).checkAll(Specs.supplier(2027));
      report.publishEntry("round trips (IngressRoute, v" + v + ")", s.toString());
      System.out.println("round trips (IngressRoute, v" + v + "): " + s);
      assertThat(s).isEqualTo(new RoundTrip.Summary(RoundTrip.tries(), 0));
    }
  }

  @Test
  void random_specs_come_back_from_the_ingress_form(TestReporter report) {
    java.util.function.Supplier<WebSocketApp> specs = Specs.supplier(2028);
    RoundTrip.Summary s =
        ingress(Traefik.ingress().lenient()).checkAll(() -> asIngressInput(specs.get()));
    report.publishEntry("round trips (Ingress)", s.toString());
    System.out.println("round trips (Ingress): " + s);
    assertThat(s).isEqualTo(new RoundTrip.Summary(RoundTrip.tries(), 0));
  }
}
