package dev.wsingress.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.Rendering;
import dev.wsingress.Yaml;
import java.util.List;

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
   * go-yaml v2 and YAML 1.1 ({@link ScalarTyping}), equals the calling test method's approved
   * snapshot, and (last: it skips the test when the schemas are optional and missing) that every
   * object is valid against its upstream schema and its CRD's CEL rules.
   */
  public static void verify(Rendering r) {
    String yaml = r.toYaml();
    assertThat(Yaml.write(Yaml.read(yaml))).isEqualTo(yaml);
    assertThat(ScalarTyping.problems(r.objects())).isEmpty();
    Snapshots.verifyYaml(yaml);
    SchemaConformance.assertValid(r);
  }
}
