package dev.wsingress.assertj;

import dev.wsingress.Manifests;
import dev.wsingress.Rendering;

/**
 * The entry point of wsingress's AssertJ assertions: what your manifests (Helm or kustomize output,
 * hand-written YAML) or a {@link Rendering} do to WebSocket traffic, asserted route by route as a
 * request would be routed, with failure messages that say where each setting comes from.
 *
 * <pre>{@code
 * import static dev.wsingress.assertj.WsAssertions.assertThat;
 *
 * assertThat(Manifests.read(Path.of("target/helm-out")))
 *     .route("chat.example.com", "/ws")            // the route a request for this host and path takes
 *         .isServedBy("nginx")                     // target id
 *         .upgradesToWebSocket()
 *         .hasIdleTimeoutAtLeast(Duration.ofHours(1))
 *         .isStickyByCookie("ws-server")
 *         .terminatesTls()
 *         .and()
 *     .hasNoRouteFor("chat.example.com", "/admin")
 *     .hasNoFindingsAtOrAbove(Severity.WARNING);
 *
 * assertThat(rendering).hasFinding("NGINX-RETIRED").hasNoErrors()
 *     .containsObject("Ingress", "default", "chat");
 * }</pre>
 *
 * <p>The targets on the test class path read the manifests, as {@link dev.wsingress.Doctor#check}
 * does: put the module of your controller ({@code wsingress-nginx}, {@code wsingress-traefik} …) on
 * it, or name readers with {@link AbstractManifestsAssert#readBy}.
 *
 * <p>The methods are named {@code assertThat} so that they sit beside AssertJ's own {@code
 * Assertions.assertThat} as a second static import; YAML text has {@link #assertThatYaml(String)},
 * because an {@code assertThat(String)} here would make every {@code assertThat("…")} of a test
 * that imports both ambiguous.
 */
public final class WsAssertions {
  private WsAssertions() {}

  /** Assertions on manifests read with {@link Manifests#read} or {@link Manifests#parse}. */
  public static ManifestsAssert assertThat(Manifests actual) {
    return new ManifestsAssert(actual);
  }

  /** Assertions on a rendering: its findings and objects, and the routes its YAML serves. */
  public static RenderingAssert assertThat(Rendering actual) {
    return new RenderingAssert(actual);
  }

  /**
   * Assertions on YAML or JSON text, read as {@code Manifests.parse(yaml, "yaml")}: messages name
   * the text {@code yaml} (or the templates its Helm {@code # Source:} comments name).
   */
  public static ManifestsAssert assertThatYaml(String yaml) {
    return new ManifestsAssert(yaml == null ? null : Manifests.parse(yaml, "yaml"));
  }
}
