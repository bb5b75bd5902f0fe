package dev.wsingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wsingress.platform.Platform;
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
    assertThat(Target.discover()).extracting(Target::id).contains("platform");
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

  /** A target that only contributes to the platform Service. */
  private static Target contributing(String id, String appProtocol, String annotation) {
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
        return this;
      }

      @Override
      public void contribute(WebSocketApp app, Contributions.Builder out) {
        out.serviceAppProtocol(appProtocol).serviceAnnotation("example.com/by", annotation);
      }

      @Override
      public Rendering render(WebSocketApp app, RenderContext context) {
        return Rendering.builder(displayName(), false).build();
      }
    };
  }

  @Test
  void the_platform_service_carries_what_other_targets_need() {
    Rendering r =
        Targets.render(app, contributing("a", "kubernetes.io/ws", "a"), Platform.target());

    io.fabric8.kubernetes.api.model.Service service =
        r.only(io.fabric8.kubernetes.api.model.Service.class);
    assertThat(service.getSpec().getPorts().get(0).getAppProtocol()).isEqualTo("kubernetes.io/ws");
    assertThat(service.getMetadata().getAnnotations()).containsEntry("example.com/by", "a");
    assertThat(
            Platform.target()
                .render(app)
                .only(io.fabric8.kubernetes.api.model.Service.class)
                .getSpec()
                .getPorts()
                .get(0)
                .getAppProtocol())
        .isNull();
  }

  @Test
  void two_targets_needing_different_values_on_one_object_conflict() {
    UnsupportedFeatureException e =
        catchThrowableOfType(
            UnsupportedFeatureException.class,
            () ->
                Targets.render(
                    app,
                    contributing("a", "kubernetes.io/ws", "same"),
                    contributing("b", "http", "same"),
                    Platform.target()));

    assertThat(e.errors())
        .containsExactly(
            new Finding(
                "CORE-CONTRIBUTION-CONFLICT",
                Severity.ERROR,
                "Service default/websocket-service",
                "test target a needs appProtocol \"kubernetes.io/ws\" but test target b needs"
                    + " \"http\" on the same object.",
                "Render these targets for separate Services, or leave one of them out."));
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
    Rendering r = Platform.target().render(app);

    assertThat(r.only(io.fabric8.kubernetes.api.model.Service.class).getMetadata().getName())
        .isEqualTo("websocket-service");
    assertThat(r.objects(io.fabric8.kubernetes.api.model.ConfigMap.class)).isEmpty();
    assertThatThrownBy(() -> r.only(io.fabric8.kubernetes.api.model.ConfigMap.class))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("expected exactly one ConfigMap but the rendering has 0");
    assertThat(r).hasToString("Rendering[1 objects, 0 findings]");
    assertThat(List.copyOf(r.objects())).isEqualTo(r.objects());
  }
}
