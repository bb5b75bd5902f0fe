package dev.wsingress.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.Doctor;
import dev.wsingress.Finding;
import dev.wsingress.Manifests;
import dev.wsingress.Rendering;
import dev.wsingress.Severity;
import dev.wsingress.Yaml;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The checks every target's scenario tests make on a rendering.
 *
 * <pre>{@code
 * Rendering r = Nginx.target().render(app);
 * assertThat(Renderings.codes(r)).containsExactly("WARNING NGINX-RETIRED");
 * Renderings.verify(r); // round trip, approved snapshot, upstream schemas
 * }</pre>
 */
public final class Renderings {
  private Renderings() {}

  /** The findings as {@code SEVERITY CODE}, in order. */
  public static List<String> codes(Rendering r) {
    return r.findings().stream().map(f -> f.severity() + " " + f.code()).toList();
  }

  /**
   * Asserts the YAML reads back to the same YAML, that every string field reads back as a string in
   * go-yaml v2 and YAML 1.1 ({@link ScalarTyping}), that it is clean under the doctor (see {@link
   * #assertCleanUnderDoctor}), equals the calling test method's approved snapshot, and (last: it
   * skips the test when the schemas are optional and missing) that every object is valid against
   * its upstream schema and its CRD's CEL rules.
   */
  public static void verify(Rendering r) {
    String yaml = r.toYaml();
    assertThat(Yaml.write(Yaml.read(yaml))).isEqualTo(yaml);
    assertThat(ScalarTyping.problems(r.objects())).isEmpty();
    assertCleanUnderDoctor(r);
    Snapshots.verifyYaml(yaml);
    SchemaConformance.assertValid(r);
  }

  /**
   * Our own output is clean under our own doctor: reading the rendering's YAML back with every
   * target on the class path reports nothing at WARNING or above beyond the codes the rendering
   * itself reported (a rendering that warns about a per-replica limit may be warned about again
   * when read).
   */
  public static void assertCleanUnderDoctor(Rendering r) {
    Set<String> said = r.findings().stream().map(Finding::code).collect(Collectors.toSet());
    List<String> extra =
        Doctor.check(Manifests.parse(r.toYaml(), "rendering.yaml")).findings().stream()
            .filter(Renderings::isAtLeastWarning)
            .filter(f -> !said.contains(f.code()))
            .map(Finding::toString)
            .toList();
    assertThat(extra).as("doctor findings on our own rendering").isEmpty();
  }

  private static boolean isAtLeastWarning(Finding f) {
    return f.severity() == Severity.ERROR || f.severity() == Severity.WARNING;
  }
}
