package dev.wsingress.assertj;

import dev.wsingress.Finding;
import dev.wsingress.Manifest;
import dev.wsingress.Manifests;
import java.util.ArrayList;
import java.util.List;

/**
 * Assertions on manifests you have (a directory of Helm output, kustomize output, hand-written
 * YAML): the routes a request takes and what each does to WebSocket traffic, the doctor's findings
 * with their file and line, the objects. Made by {@link WsAssertions#assertThat(Manifests)} and
 * {@link WsAssertions#assertThatYaml(String)}.
 *
 * <pre>{@code
 * assertThat(Manifests.read(Path.of("target/helm-out")))
 *     .route("chat.example.com", "/ws")
 *         .isServedBy("nginx")
 *         .upgradesToWebSocket()
 *         .hasIdleTimeoutAtLeast(Duration.ofHours(1))
 *         .and()
 *     .hasNoFindingsAtOrAbove(Severity.WARNING)
 *     .hasFindingAt("CORE-WS-NO-PRESTOP", "chat/templates/deployment.yaml", 7);
 * }</pre>
 *
 * <p>The findings are the doctor's ({@link dev.wsingress.Doctor#check}): what could not be read
 * ({@code CORE-YAML-…}), each target's, core's rules; {@code wsingress.dev/ignore} annotations in
 * the input suppress codes as they do for the doctor.
 */
public final class ManifestsAssert extends AbstractManifestsAssert<ManifestsAssert, Manifests> {

  ManifestsAssert(Manifests actual) {
    super(actual, ManifestsAssert.class);
  }

  @Override
  Manifests manifests() {
    return actual;
  }

  @Override
  List<Finding> allFindings() {
    return report().findings();
  }

  @Override
  List<Obj> objects() {
    List<Obj> out = new ArrayList<>();
    for (Manifest m : actual.objects()) {
      out.add(new Obj(m.kind(), m.namespace(), m.name(), m.source()));
    }
    return out;
  }
}
