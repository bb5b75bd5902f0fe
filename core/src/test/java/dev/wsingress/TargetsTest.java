package dev.wsingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wsingress.testing.StandInTarget;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetsTest {
  private final WebSocketApp app =
      WebSocketApp.on("ws.example.com").service("websocket-service", 8080).build();

  /** A target that renders one ConfigMap with the given data and an optional finding. */
  private static Target configMapTarget(String id, String value, Finding finding, boolean lenient) {
    return new Target() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public String displayName() {
        return "test target " + id;
      }

      @Override
      public Target lenient() {
        return configMapTarget(id, value, finding, true);
      }

      @Override
      public Rendering render(WebSocketApp app, RenderContext context) {
        Rendering.Builder out = Rendering.builder(displayName(), lenient);
        out.add(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("shared")
                .withNamespace(app.namespace())
                .endMetadata()
                .withData(Map.of("key", value, "targets", String.join(",", context.targetIds())))
                .build());
        if (finding != null) {
          out.add(finding);
        }
        return out.build();
      }
    };
  }

  private static final Finding ERROR =
      new Finding("TEST-ERROR", Severity.ERROR, "ConfigMap default/shared", "cannot.", "Do.");

  @Test
  void discover_finds_the_targets_on_the_class_path() {
    // src/test/resources/META-INF/services registers DiscoveredTestTarget.
    assertThat(Target.discover()).extracting(Target::id).containsExactly("discovered-test");
  }

  @Test
  void identical_objects_from_two_targets_appear_once() {
    Rendering r =
        Targets.render(
            app, configMapTarget("a", "v", null, false), configMapTarget("b", "v", null, false));

    assertThat(r.objects()).hasSize(1);
    assertThat(r.toYaml()).contains("targets: \"a,b\"");
  }

  @Test
  void different_objects_with_one_name_are_a_conflict() {
    UnsupportedFeatureException e =
        catchThrowableOfType(
            UnsupportedFeatureException.class,
            () ->
                Targets.render(
                    app,
                    configMapTarget("a", "1", null, false),
                    configMapTarget("b", "2", null, false)));

    assertThat(e.errors())
        .containsExactly(
            new Finding(
                "CORE-OBJECT-CONFLICT",
                Severity.ERROR,
                "ConfigMap default/shared",
                "two targets render different objects with the same kind, namespace and name (the"
                    + " second came from test target b).",
                "Render these targets separately, or give each its own app name."));
    assertThat(e).hasMessageStartingWith("a + b cannot render this app (1 error; ");
  }

  @Test
  void strict_rendering_fails_on_an_error_and_lenient_keeps_it_as_a_warning() {
    assertThatThrownBy(() -> configMapTarget("a", "v", ERROR, false).render(app))
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessage(
            "test target a cannot render this app (1 error; render leniently to get the closest"
                + " approximation as warnings):\n"
                + "  - ERROR TEST-ERROR ConfigMap default/shared: cannot. Hint: Do.");

    Rendering lenient = configMapTarget("a", "v", ERROR, true).render(app);

    assertThat(lenient.findings()).containsExactly(ERROR.withSeverity(Severity.WARNING));
    assertThat(lenient.finding("TEST-ERROR")).isPresent();
    assertThat(lenient.findings("NOPE")).isEmpty();
  }

  @Test
  void bad_calls_get_clear_messages() {
    Target a = configMapTarget("a", "v", null, false);
    assertThatThrownBy(() -> Targets.render(app))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no target given: pass at least one, such as Platform.target()");
    assertThatThrownBy(() -> Targets.render(null, a))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("app is null: build a WebSocketApp first");
    assertThatThrownBy(() -> Targets.render(app, a, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("targets[1] is null");
    assertThatThrownBy(() -> Targets.render(app, a, a))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("target \"a\" is given twice: pass each target once");
  }

  @Test
  void rendering_gives_typed_access_to_its_objects() {
    Rendering r = configMapTarget("a", "v", null, false).render(app);

    assertThat(r.only(io.fabric8.kubernetes.api.model.ConfigMap.class).getMetadata().getName())
        .isEqualTo("shared");
    assertThat(r.objects(io.fabric8.kubernetes.api.model.Service.class)).isEmpty();
    assertThatThrownBy(() -> r.only(io.fabric8.kubernetes.api.model.Service.class))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("expected exactly one Service but the rendering has 0");
    assertThat(r).hasToString("Rendering[1 objects, 0 findings]");
  }

  @Test
  void what_targets_contribute_does_not_depend_on_their_order() {
    Target edge =
        StandInTarget.of(
            "edge", needs -> needs.trafficFrom("edge-system", "edge").balancesOverEndpoints());
    Target mesh =
        StandInTarget.of(
            "mesh",
            needs ->
                needs
                    .trafficFrom("mesh-gateway", null)
                    .meshControlPlane("mesh-system", 15012)
                    .meshInboundPort(4143)
                    .sidecarPortFrom("mesh-viz", 4191)
                    .sidecarDrain("mesh holds its proxy"));
    Target other =
        StandInTarget.of(
            "other",
            needs ->
                needs
                    .trafficFrom("another", "other")
                    .meshControlPlane("another-system", 8080)
                    .meshInboundPort(4143)
                    .http01ClassAnnotation("other")
                    .sidecarDrain("other holds its proxy"));

    Contributions forward = Targets.context(app, List.of(edge, mesh, other)).contributions();
    Contributions backward = Targets.context(app, List.of(other, mesh, edge)).contributions();

    // in the order of the display names: test edge, test mesh, test other
    assertThat(forward.trafficSources())
        .isEqualTo(backward.trafficSources())
        .extracting(Contributions.TrafficSource::namespace)
        .containsExactly("edge-system", "mesh-gateway", "another");
    assertThat(forward.controlPlanes())
        .isEqualTo(backward.controlPlanes())
        .extracting(Contributions.ControlPlane::namespace)
        .containsExactly("mesh-system", "another-system");
    assertThat(forward.endpointBalancers()).containsExactly("test edge");
    assertThat(forward.meshInboundPorts())
        .isEqualTo(backward.meshInboundPorts())
        .containsExactly(4143);
    assertThat(forward.sidecarPorts())
        .containsExactly(new Contributions.SidecarPort("mesh-viz", 4191));
    assertThat(forward.http01ClassAnnotations()).containsExactly("other");
    assertThat(forward.sidecarDrains())
        .isEqualTo(backward.sidecarDrains())
        .containsExactly("mesh holds its proxy", "other holds its proxy");
    assertThat(Contributions.none().meshInboundPorts()).isEmpty();
  }
}
