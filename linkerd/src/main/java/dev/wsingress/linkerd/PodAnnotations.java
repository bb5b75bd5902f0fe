package dev.wsingress.linkerd;

import dev.wsingress.Version;
import dev.wsingress.WebSocketApp;
import dev.wsingress.Workload;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pod-template annotations Linkerd needs on the app's pods: injection, the proxy's resources,
 * and how the proxy outlives the app's drain. proxy-injection.md: {@code linkerd.io/inject} on a
 * Namespace or a workload's pod template; proxy-configuration.md: {@code config.linkerd.io/*} there
 * too, never on a Service.
 */
final class PodAnnotations {
  // linkerd2 version-2.16 .. version-2.20 pkg/k8s/labels.go: ProxyWaitBeforeExitSecondsAnnotation
  // ("makes the proxy container to wait for the given period before exiting after the Pod entered
  // the Terminating state. Must be smaller than terminationGracePeriodSeconds") and
  // ProxyEnableNativeSidecarAnnotationAlpha, both config.alpha.linkerd.io (still read in 2.20).
  static final String WAIT_BEFORE_EXIT = "config.alpha.linkerd.io/proxy-wait-before-exit-seconds";
  static final String NATIVE_SIDECAR = "config.alpha.linkerd.io/proxy-enable-native-sidecar";

  /**
   * linkerd2 version-2.20 charts/linkerd-control-plane/values.yaml {@code proxy.nativeSidecar:
   * true} ("feat: promote native sidecars to GA and enable by default", #15267); false in
   * version-2.16 to version-2.19.
   */
  static final Version NATIVE_SIDECAR_DEFAULT = Version.of(2, 20);

  private PodAnnotations() {}

  /** Every annotation for the app's pod template, sorted by key. */
  static Map<String, String> of(
      WebSocketApp app, Version version, Map<String, String> proxyResources) {
    Map<String, String> a = new TreeMap<>(proxyResources);
    a.put("linkerd.io/inject", "enabled");
    if (app.workload().isPresent()) {
      // A non-native proxy gets its SIGTERM when the pod starts terminating and then "refuses all
      // new requests" (linkerd/website 2-edge tasks/graceful-shutdown.md), while the app still
      // drains. The wait is a preStop sleep on the proxy (charts/partials/templates/_proxy.tpl:
      // lifecycle.preStop /bin/sleep), held until 1 s before the grace period ends.
      a.put(WAIT_BEFORE_EXIT, Long.toString(proxyWait(app.workload().get())));
      if (!version.isAtLeast(NATIVE_SIDECAR_DEFAULT)) {
        // version-2.16 .. version-2.19 _proxy.tpl: `fail "proxy.nativeSidecar and
        // waitBeforeExitSeconds cannot be used simultaneously"`; pkg/inject/inject.go reads the
        // annotation with strconv.ParseBool, so "false" overrides an installation-wide true.
        a.put(NATIVE_SIDECAR, "false");
      }
    }
    return a;
  }

  /** How long the proxy's preStop sleeps: 1 s less than the pod's grace period. */
  static long proxyWait(Workload w) {
    return w.terminationGracePeriod().getSeconds() - 1;
  }

  /** How the proxy stays up while the pod drains, for the platform's drain finding. */
  static String drain(WebSocketApp app, Version version) {
    long wait = proxyWait(app.workload().orElseThrow());
    if (version.isAtLeast(NATIVE_SIDECAR_DEFAULT)) {
      // version-2.20 _proxy.tpl writes the preStop sleep only `if and (not
      // .Values.proxy.nativeSidecar) ...`; values.yaml: "Ignored when nativeSidecar=true".
      return "Linkerd "
          + version
          + " runs its proxy as a native sidecar, which Kubernetes stops only after the app"
          + " container; where native sidecars are turned off, "
          + WAIT_BEFORE_EXIT
          + ": \""
          + wait
          + "\" keeps it serving until "
          + wait
          + " s";
    }
    return "Linkerd "
        + version
        + " runs its proxy as an ordinary container, which refuses new requests once it gets its"
        + " SIGTERM as the pod starts to stop, so "
        + WAIT_BEFORE_EXIT
        + ": \""
        + wait
        + "\" keeps it serving until "
        + wait
        + " s ("
        + NATIVE_SIDECAR
        + ": \"false\", which that wait needs before 2.20)";
  }
}
