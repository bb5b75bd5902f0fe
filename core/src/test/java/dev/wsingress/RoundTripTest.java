package dev.wsingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsingress.testing.Expressed;
import dev.wsingress.testing.RoundTrip;
import dev.wsingress.testing.SampleApps;
import dev.wsingress.testing.Specs;
import dev.wsingress.testing.StandInPlatform;
import dev.wsingress.testing.StandInReader;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/** The round-trip harness, proven with the stand-in reader and platform. */
class RoundTripTest {

  /** What the stand-in reader expresses alone: not which Service is the app's own. */
  static final Expressed ROUTES_ONLY =
      Expressed.all()
          .without("serviceName", "servicePort", "servicePortName", "workload")
          .with("routes", Expressed.inAnyOrder(WebSocketApp::routes));

  /** With the stand-in platform: everything, the routes in any order (they span Ingresses). */
  static final Expressed WITH_PLATFORM =
      Expressed.all().with("routes", Expressed.inAnyOrder(WebSocketApp::routes));

  /**
   * What the stand-ins express of the whole option space ({@link Specs}): cookie affinity by name
   * and max age, client-IP affinity without its timeout, CORS by its origins, health checks by path
   * and interval, TLS without its issuer, the workload by image, replicas, container port and
   * environment.
   */
  static final Expressed STAND_INS =
      WITH_PLATFORM
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
                                      : List.of(a.kind())))
          .with("cors", app -> app.cors().map(Cors::origins))
          .with("healthCheck", app -> app.healthCheck().map(h -> List.of(h.path(), h.interval())))
          .with(
              "tls",
              app -> app.tls().map(t -> List.of(t.secretName(), app.tlsHosts(), t.redirect())))
          .with(
              "workload",
              app ->
                  app.workload()
                      .map(w -> List.of(w.image(), w.replicas(), w.containerPort(), w.env())));

  static WebSocketApp threeBackends() {
    return WebSocketApp.on("chat.example.com")
        .name("chat")
        .path("/ws")
        .service("chat-ws", 8080)
        .route(Route.http("/api").to("chat-api", 80).requestTimeout(Duration.ofSeconds(30)))
        .route(Route.websocket("/notify").to("notify", "http").rewriteTo("/ws"))
        .route(Route.http("/").to("frontend", 80))
        .stickySessions(Affinity.cookie("ws-server").maxAge(Duration.ofDays(1)))
        .tls(Tls.secret("chat-tls"))
        .build();
  }

  @Test
  void the_sample_apps_come_back_from_the_stand_in_reader() {
    RoundTrip alone = RoundTrip.of(StandInReader.target()).expressing(ROUTES_ONLY);
    RoundTrip full =
        RoundTrip.of(StandInReader.target())
            .with(StandInPlatform.target())
            .expressing(WITH_PLATFORM);
    for (WebSocketApp app :
        new WebSocketApp[] {SampleApps.minimal(), SampleApps.chat(), threeBackends()}) {
      assertThat(alone.check(app)).isEqualTo(RoundTrip.Outcome.CHECKED);
      assertThat(full.check(app)).isEqualTo(RoundTrip.Outcome.CHECKED);
    }
  }

  @Test
  void random_specs_come_back_from_the_stand_in_reader_alone(TestReporter report) {
    StandInSpecs specs = new StandInSpecs(16, false);
    RoundTrip.Summary s =
        RoundTrip.of(StandInReader.target()).expressing(ROUTES_ONLY).checkAll(specs);
    String line = s + ", " + specs.refused + " draws refused by build()";
    report.publishEntry("round trips", line);
    System.out.println("round trips: " + line);
    assertThat(s).isEqualTo(new RoundTrip.Summary(RoundTrip.tries(), 0));
    assertThat(specs.refused).isLessThan(RoundTrip.tries() / 10);
  }

  @Test
  void random_specs_come_back_from_the_stand_in_reader_with_its_platform(TestReporter report) {
    StandInSpecs specs = new StandInSpecs(1316, true);
    RoundTrip.Summary s =
        RoundTrip.of(StandInReader.target().ingressClass("edge"))
            .with(StandInPlatform.target())
            .expressing(WITH_PLATFORM)
            .checkAll(specs);
    String line = s + ", " + specs.refused + " draws refused by build()";
    report.publishEntry("round trips", line);
    System.out.println("round trips: " + line);
    assertThat(s).isEqualTo(new RoundTrip.Summary(RoundTrip.tries(), 0));
    assertThat(specs.refused).isLessThan(RoundTrip.tries() / 10);
  }

  @Test
  void random_specs_of_the_whole_option_space_come_back_from_the_stand_ins(TestReporter report) {
    // Specs (the kit's generator of random valid specs), its edge cases first: the largest rate
    // limit (1,000,000, seven digits) found that the stand-in reader read at most six.
    RoundTrip.Summary s =
        RoundTrip.of(StandInReader.target().ingressClass("edge"))
            .with(StandInPlatform.target())
            .expressing(STAND_INS)
            // Specs draws env values such as "{{ x }}" and "${X}", which build() takes literally
            // and a reader cannot tell from a template's placeholders.
            .allowing("CORE-YAML-PLACEHOLDER")
            .checkAll(Specs.supplier(2027));
    report.publishEntry("round trips", s.toString());
    System.out.println("round trips (Specs): " + s);
    assertThat(s).isEqualTo(new RoundTrip.Summary(RoundTrip.tries(), 0));
    assertThat(Specs.refused()).isZero();
  }

  /** Renders like the stand-in reader, and reads like it. */
  abstract static class Wrapped implements Target {
    final StandInReader inner = StandInReader.target();

    @Override
    public String id() {
      return inner.id();
    }

    @Override
    public String displayName() {
      return inner.displayName();
    }

    @Override
    public Target lenient() {
      return this;
    }

    @Override
    public Rendering render(WebSocketApp app, RenderContext context) {
      return inner.render(app, context);
    }

    @Override
    public void read(Manifests in, Reading out) {
      inner.read(in, out);
    }
  }

  @Test
  void the_harness_names_a_rendering_that_does_not_come_back() {
    // Writes what its reader never reads, so the import's rendering lacks it.
    Target lossy =
        new Wrapped() {
          @Override
          public Rendering render(WebSocketApp app, RenderContext context) {
            Rendering r = inner.render(app, context);
            Rendering.Builder b = Rendering.builder(displayName(), false);
            for (io.fabric8.kubernetes.api.model.HasMetadata o : r.objects()) {
              o.getMetadata().getAnnotations().put("example.com/owner", app.serviceName());
              b.add(o);
            }
            return b.build();
          }
        };
    WebSocketApp app =
        WebSocketApp.on("chat.example.com")
            .name("chat")
            .service("chat-ws", 8080)
            .route(Route.websocket("/ws").to("gateway", 80))
            .build();
    assertThatThrownBy(() -> RoundTrip.of(lossy).expressing(ROUTES_ONLY).check(app))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(
            "round trip failed: rendering the imported app with [StandInReader[ingressClass=test]]"
                + " differs from the original rendering:\n"
                + "  line 6 (after:   annotations:)\n"
                + "  -     example.com/owner: chat-ws\n"
                + "  +     test.wsingress.dev/idle-timeout: \"3600\"")
        .hasMessageContaining(
            "\nspec:\nWebSocketApp.on(\"chat.example.com\")\n    .name(\"chat\")\n"
                + "    .route(Route.websocket(\"/ws\").to(\"gateway\", 80))\n"
                + "    .service(\"chat-ws\", 8080)\n    .build()");
  }

  @Test
  void the_harness_names_the_fields_the_import_loses() {
    WebSocketApp app =
        WebSocketApp.on("chat.example.com")
            .service("chat", 8080)
            .workload(Workload.image("chat:1"))
            .build();
    // The stand-in reader alone does not render the workload: claiming it expresses one fails.
    assertThatThrownBy(
            () ->
                RoundTrip.of(StandInReader.target())
                    .expressing(ROUTES_ONLY.with("workload", WebSocketApp::workload))
                    .check(app))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(
            "round trip failed: the imported app differs on what test-reader expresses:\n"
                + "  workload: expected Optional[Workload{image=chat:1, replicas=2, env={},"
                + " resources=[], drainTime=PT30S, egress=[]}] but the import has"
                + " Optional.empty\n");
    assertThatThrownBy(() -> Expressed.all().without("colour"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("no field colour to leave out; fields: [hosts, name,");
  }

  @Test
  void the_harness_refuses_warnings_about_our_own_output_unless_allowed() {
    Target noisy =
        new Wrapped() {
          @Override
          public void read(Manifests in, Reading out) {
            inner.read(in, out);
            Manifest first = in.objects("Ingress").get(0);
            out.notCarried(first, "the field x", first.source(), "it is made up");
          }
        };
    RoundTrip strict = RoundTrip.of(noisy).expressing(ROUTES_ONLY);
    assertThatThrownBy(() -> strict.check(SampleApps.minimal()))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(
            "round trip failed: the import of our own output reports [rendered.yaml:2:1: WARNING"
                + " CORE-IMPORT-NOT-CARRIED Ingress default/websocket-service: the field x is not"
                + " carried: it is made up.");
    assertThat(strict.allowing("CORE-IMPORT-NOT-CARRIED").check(SampleApps.minimal()))
        .isEqualTo(RoundTrip.Outcome.CHECKED);
  }

  @Test
  void a_spec_a_strict_target_refuses_is_skipped() {
    Target refusing =
        new Wrapped() {
          @Override
          public Rendering render(WebSocketApp app, RenderContext context) {
            return Rendering.builder(displayName(), false)
                .add(new Finding("TEST-NO", Severity.ERROR, "x", "no.", "none."))
                .build();
          }
        };
    assertThat(RoundTrip.of(refusing).checkAll(List.of(SampleApps.minimal(), SampleApps.chat())))
        .isEqualTo(new RoundTrip.Summary(0, 2));
  }

  @Test
  void the_number_of_tries_comes_from_a_property() {
    String before = System.getProperty(RoundTrip.TRIES_PROPERTY);
    try {
      System.setProperty(RoundTrip.TRIES_PROPERTY, "7");
      assertThat(RoundTrip.tries()).isEqualTo(7);
      System.setProperty(RoundTrip.TRIES_PROPERTY, "lots");
      assertThatThrownBy(RoundTrip::tries)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("-Dwsingress.roundtrip.tries=lots is not a positive number of tries");
      System.clearProperty(RoundTrip.TRIES_PROPERTY);
      assertThat(RoundTrip.tries()).isEqualTo(RoundTrip.DEFAULT_TRIES);
    } finally {
      if (before == null) {
        System.clearProperty(RoundTrip.TRIES_PROPERTY);
      } else {
        System.setProperty(RoundTrip.TRIES_PROPERTY, before);
      }
    }
  }
}
