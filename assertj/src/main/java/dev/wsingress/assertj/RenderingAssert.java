package dev.wsingress.assertj;

import dev.wsingress.Finding;
import dev.wsingress.Manifests;
import dev.wsingress.Rendering;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.List;

/**
 * Assertions on a {@link Rendering}: its findings and objects, and the routes its YAML serves as
 * the targets read it back (the same route assertions as for manifests, on the YAML of {@link
 * Rendering#toYaml()}, named {@value #NAME} in messages). Made by {@link
 * WsAssertions#assertThat(Rendering)}.
 *
 * <pre>{@code
 * Rendering out = Nginx.target().lenient().render(app);
 * assertThat(out)
 *     .hasFinding("NGINX-RETIRED")
 *     .hasNoErrors()
 *     .containsObject("Ingress", "default", "chat")
 *     .route("chat.example.com", "/ws").hasIdleTimeoutAtLeast(Duration.ofHours(1));
 * }</pre>
 *
 * <p>The findings are the rendering's own (what the targets approximate or could not do), which
 * have no file and line. A rendering never holds an {@code ERROR}: strict rendering throws {@link
 * dev.wsingress.UnsupportedFeatureException}, lenient rendering records it as a {@code WARNING}; so
 * {@link #hasNoErrors()} states the intent, and {@code hasNoFindingsAtOrAbove(WARNING)} also
 * catches what lenient rendering let through.
 */
public final class RenderingAssert extends AbstractManifestsAssert<RenderingAssert, Rendering> {
  /** The file name the rendering's YAML has in messages. */
  static final String NAME = "rendering.yaml";

  private Manifests read;

  RenderingAssert(Rendering actual) {
    super(actual, RenderingAssert.class);
  }

  @Override
  Manifests manifests() {
    if (read == null) {
      read = Manifests.parse(actual.toYaml(), NAME);
    }
    return read;
  }

  @Override
  List<Finding> allFindings() {
    return actual.findings();
  }

  @Override
  List<Obj> objects() {
    List<Obj> out = new ArrayList<>();
    for (HasMetadata o : actual.objects()) {
      ObjectMeta m = o.getMetadata();
      String ns = m == null || m.getNamespace() == null ? "" : m.getNamespace();
      String name = m == null || m.getName() == null ? "" : m.getName();
      out.add(new Obj(o.getKind(), ns, name, null));
    }
    return out;
  }
}
