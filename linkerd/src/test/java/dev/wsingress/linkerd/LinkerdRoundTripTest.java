package dev.wsingress.linkerd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.CookieAffinity;
import dev.wsingress.Cors;
import dev.wsingress.HeaderAffinity;
import dev.wsingress.WebSocketApp;
import dev.wsingress.platform.Platform;
import dev.wsingress.testing.Expressed;
import dev.wsingress.testing.RoundTrip;
import dev.wsingress.testing.SampleApps;
import dev.wsingress.testing.Specs;
import dev.wsingress.testing.StandInReader;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * The converter's round trip through Linkerd (issue 16): random specs rendered with the core
 * stand-in edge, Linkerd (in two configurations) and the platform kit, or Linkerd alone beside the
 * edge, import back into the same spec and the same Linkerd options, and render the same objects
 * byte for byte. {@code -Dwsingress.roundtrip.tries=100000} runs more than the 500 of CI.
 */
class LinkerdRoundTripTest {
  static final StandInReader EDGE = StandInReader.target().ingressClass("edge");

  static final Platform PLATFORM = Platform.target().ingressFrom("edge");

  /** The edge's pods, which the stand-in does not contribute: named as the only client. */
  static final Linkerd PLAIN =
      Linkerd.target().allowFrom(Linkerd.serviceAccount("edge", "edge-controller"));

  /** Every option the target has, on a release line before native sidecars were the default. */
  static final Linkerd FULL =
      Linkerd.target()
          .version("2.19")
          .allowFrom(
              Linkerd.serviceAccount("edge", "edge-controller"),
              Linkerd.serviceAccount("jobs", "replayer"))
          .allowNetwork("10.0.0.0/8")
          .allowNetwork("fd00::/8")
          .accessPolicy(Linkerd.AccessPolicy.AUDIT)
          .proxyResources("100m", "64Mi", "1", "256Mi")
          .vizMetrics("linkerd-viz");

  /**
   * What the stand-in edge, Linkerd and the platform kit express together (the platform module's
   * round trip says why each is compared so): Linkerd adds the backend protocol (the Server's
   * proxyProtocol), which the edge says too.
   */
  static final Expressed WITH_PLATFORM =
      Expressed.all()
          .with("routes", Expressed.inAnyOrder(WebSocketApp::routes))
          .with("affinity", LinkerdRoundTripTest::affinity)
          .with("cors", app -> app.cors().map(Cors::origins))
          .with(
              "healthCheck",
              app ->
                  app.healthCheck()
                      .map(
                          h ->
                              app.workload().isEmpty()
                                  ? List.of(h.path(), h.interval())
                                  // Platform Probes.READINESS: the rise and fall it renders.
                                  : List.of(
                                      h.path(),
                                      h.interval(),
                                      h.rise().orElse(1),
                                      h.fall().orElse(3))))
          .with(
              "tls",
              app ->
                  app.tls()
                      .map(t -> List.of(t.secretName(), app.tlsHosts(), t.redirect(), t.issuer())))
          .with("workload", Expressed::platformWorkload);

  /**
   * Without the platform kit: no workload, no certificate issuer, no client-IP timeout (the
   * Service's), and health checks as the stand-in edge says them.
   */
  static final Expressed ALONE =
      WITH_PLATFORM
          .without("workload")
          .with(
              "affinity",
              app ->
                  app.affinity()
                      .map(
                          a ->
                              a instanceof CookieAffinity || a instanceof HeaderAffinity
                                  ? affinity(app).orElseThrow()
                                  : a.kind()))
          .with("healthCheck", app -> app.healthCheck().map(h -> List.of(h.path(), h.interval())))
          .with(
              "tls",
              app -> app.tls().map(t -> List.of(t.secretName(), app.tlsHosts(), t.redirect())));

  static java.util.Optional<Object> affinity(WebSocketApp app) {
    return app.affinity()
        .map(
            a ->
                a instanceof CookieAffinity c
                    ? List.of(c.kind(), c.name(), c.maxAge())
                    : a instanceof HeaderAffinity h ? List.of(h.kind(), h.header()) : a);
  }

  /** Specs without a workload: without the platform kit, only its Deployment would say it. */
  static Supplier<WebSocketApp> withoutWorkload(long seed) {
    Supplier<WebSocketApp> all = Specs.supplier(seed);
    return () -> all.get().toBuilder().workload(null).build();
  }

  @Test
  void the_sample_apps_come_back() {
    for (Linkerd mesh : List.of(PLAIN, FULL)) {
      RoundTrip trip = RoundTrip.of(EDGE).with(mesh, PLATFORM).expressing(WITH_PLATFORM);
      for (WebSocketApp app : List.of(SampleApps.minimal(), SampleApps.chat())) {
        assertThat(trip.check(app)).as("%s", mesh).isEqualTo(RoundTrip.Outcome.CHECKED);
      }
    }
  }

  @Test
  void random_specs_come_back_through_linkerd_and_the_platform_kit(TestReporter report) {
    for (Linkerd mesh : List.of(PLAIN, FULL)) {
      RoundTrip.Summary s =
          RoundTrip.of(EDGE)
              .with(mesh, PLATFORM)
              .expressing(WITH_PLATFORM)
              // Specs draws env values such as "{{ x }}", which a reader cannot tell from a
              // template's placeholders.
              .allowing("CORE-YAML-PLACEHOLDER")
              .checkAll(Specs.withServicePortNumber(2027));
      report.publishEntry("round trips " + mesh, s.toString());
      System.out.println("linkerd + platform round trips (" + mesh + "): " + s);
      assertThat(s).isEqualTo(new RoundTrip.Summary(RoundTrip.tries(), 0));
    }
    assertThat(Specs.refused()).isZero();
  }

  @Test
  void random_specs_come_back_through_linkerd_alone(TestReporter report) {
    RoundTrip.Summary s =
        RoundTrip.of(EDGE)
            .with(FULL)
            .expressing(ALONE)
            .allowing("CORE-YAML-PLACEHOLDER")
            .checkAll(withoutWorkload(1316));
    report.publishEntry("round trips", s.toString());
    System.out.println("linkerd round trips: " + s);
    assertThat(s).isEqualTo(new RoundTrip.Summary(RoundTrip.tries(), 0));
  }
}
