package dev.wsingress.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.Target;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The launcher's targets are the ones discovery finds in the published modules, in its order. */
class BuiltInTargetsTest {

  @Test
  void theBuiltInTargetsAreWhatDiscoveryFindsInThePublishedModules() {
    List<Target> discovered = Run.productionTargets();
    List<Target> built = BuiltInTargets.create();
    assertThat(built).extracting(Target::id).containsExactlyElementsOf(ids(discovered));
    assertThat(built)
        .extracting(t -> t.getClass().getName())
        .containsExactlyElementsOf(discovered.stream().map(t -> t.getClass().getName()).toList());
    // Each call makes new instances, as each discovery does.
    assertThat(BuiltInTargets.create().get(0)).isNotSameAs(built.get(0));
  }

  @Test
  void onlyTheLauncherUsesThem() {
    // Surefire does not set the name the launcher passes: in-process runs discover.
    assertThat(BuiltInTargets.launched()).isFalse();
  }

  private static List<String> ids(List<Target> targets) {
    return targets.stream().map(Target::id).toList();
  }
}
