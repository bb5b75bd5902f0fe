package dev.wsingress.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.CookieAffinity;
import dev.wsingress.Cors;
import dev.wsingress.HeaderAffinity;
import dev.wsingress.WebSocketApp;
import dev.wsingress.testing.Expressed;
import dev.wsingress.testing.RoundTrip;
import dev.wsingress.testing.SampleApps;
import dev.wsingress.testing.Specs;
import dev.wsingress.testing.StandInReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * The converter's round trip through the platform kit (issue 16): random specs rendered with the
 * core stand-in edge and the platform target import back into the same spec (on what the two
 * express) and render the same objects byte for byte. {@code -Dwsingress.roundtrip.tries=100000}
 * runs more than the 500 of CI.
 */
class PlatformRoundTripTest {
  /** The stand-in edge's class; the NetworkPolicy admits its namespace. */
  static final StandInReader EDGE = StandInReader.target().ingressClass("edge");

  static final Platform PLATFORM = Platform.target().ingressFrom("edge");

  /**
   * What the stand-in edge and the platform kit express together: the stand-in's cookie affinity by
   * name and max age, header affinity by header, CORS by origins and TLS without its issuer; the
   * platform kit adds the client-IP timeout (the Service's sessionAffinityConfig), the issuer (the
   * Certificate's ClusterIssuer), the health check's rise and fall with a workload (the readiness
   * probe, where a rise of 1 and a fall of 3 are what it renders for none) and the workload, whose
   * container port equal to the Service port is the one it renders for none and whose replicas an
   * autoscaler replaces.
   */
  static final Expressed EXPRESSED =
      Expressed.all()
          .with("routes", Expressed.inAnyOrder(WebSocketApp::routes))
          .with(
              "affinity",
              app ->
                  app.affinity()
                      .map(
                          a ->
                              a instanceof CookieAffinity c
                                  ? List.of(c.kind(), c.name(), c.maxAge())
                                  : a instanceof HeaderAffinity h
                                      ? List.of(h.kind(), h.header())
                                      : a))
          .with("cors", app -> app.cors().map(Cors::origins))
          .with(
              "healthCheck",
              app ->
                  app.healthCheck()
                      .map(
                          h ->
                              app.workload().isEmpty()
                                  ? List.of(h.path(), h.interval())
                                  : List.of(
                                      h.path(),
                                      h.interval(),
                                      h.rise().orElse(Probes.READINESS.success()),
                                      h.fall().orElse(Probes.READINESS.failure()))))
          .with(
              "tls",
              app ->
                  app.tls()
                      .map(t -> List.of(t.secretName(), app.tlsHosts(), t.redirect(), t.issuer())))
          .with("workload", Expressed::platformWorkload);

  @Test
  void the_sample_apps_come_back() {
    RoundTrip trip = RoundTrip.of(EDGE).with(PLATFORM).expressing(EXPRESSED);
    for (WebSocketApp app : List.of(SampleApps.minimal(), SampleApps.chat())) {
      assertThat(trip.check(app)).isEqualTo(RoundTrip.Outcome.CHECKED);
    }
  }

  @Test
  void random_specs_come_back_through_the_platform_kit(TestReporter report) {
    RoundTrip.Summary s =
        RoundTrip.of(EDGE)
            .with(PLATFORM)
            .expressing(EXPRESSED)
            // Specs draws env values such as "{{ x }}" and "${X}", which build() takes literally
            // and a reader cannot tell from a template's placeholders.
            .allowing("CORE-YAML-PLACEHOLDER")
            .checkAll(Specs.withServicePortNumber(2027));
    report.publishEntry("round trips", s.toString());
    System.out.println("platform round trips: " + s);
    assertThat(s).isEqualTo(new RoundTrip.Summary(RoundTrip.tries(), 0));
    assertThat(Specs.refused()).isZero();
  }
}
