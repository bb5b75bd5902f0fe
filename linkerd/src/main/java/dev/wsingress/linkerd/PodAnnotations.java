package dev.wsingress.linkerd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsingress.Manifest;
import dev.wsingress.Manifests;
import dev.wsingress.Reading;
import dev.wsingress.Source;
import dev.wsingress.Version;
import dev.wsingress.WebSocketApp;
import dev.wsingress.Workload;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
   * linkerd2 version-2.19 pkg/k8s/labels.go ProxyEnableNativeSidecarAnnotationBeta, read before the
   * alpha key from 2.19 on (pkg/inject/inject.go GetOverriddenValues).
   */
  static final String NATIVE_SIDECAR_BETA = "config.beta.linkerd.io/proxy-enable-native-sidecar";

  /**
   * linkerd2 version-2.20 pkg/k8s/labels.go ProxyEnableNativeSidecarAnnotation, read before the
   * beta and alpha keys (pkg/inject/inject.go GetOverriddenValues).
   */
  static final String NATIVE_SIDECAR_GA = "config.linkerd.io/proxy-enable-native-sidecar";

  /** linkerd2 pkg/k8s/labels.go ProxyInjectAnnotation. */
  static final String INJECT = "linkerd.io/inject";

  /** linkerd2 pkg/k8s/labels.go ProxyDefaultInboundPolicyAnnotation. */
  static final String DEFAULT_INBOUND_POLICY = "config.linkerd.io/default-inbound-policy";

  /** linkerd2 pkg/k8s/labels.go ProxyOpaquePortsAnnotation. */
  static final String OPAQUE_PORTS = "config.linkerd.io/opaque-ports";

  /** linkerd2 pkg/k8s/labels.go ProxyIgnoreInboundPortsAnnotation. */
  static final String SKIP_INBOUND_PORTS = "config.linkerd.io/skip-inbound-ports";

  /** linkerd2 pkg/k8s/labels.go ProxyIgnoreOutboundPortsAnnotation. */
  static final String SKIP_OUTBOUND_PORTS = "config.linkerd.io/skip-outbound-ports";

  /**
   * linkerd2 version-2.16 .. version-2.20 charts/linkerd-control-plane/values.yaml
   * proxyInit.ignoreOutboundPorts "4567,4568" (Galera), which the pod's skip-outbound-ports
   * replaces (pkg/inject/inject.go: values.ProxyInit.IgnoreOutboundPorts = override).
   */
  static final String DEFAULT_SKIP_OUTBOUND_PORTS = "4567,4568";

  /** The keys of the proxy's resources, as {@link Linkerd#proxyResources} writes them. */
  static final List<String> RESOURCES =
      List.of(
          "config.linkerd.io/proxy-cpu-request",
          "config.linkerd.io/proxy-memory-request",
          "config.linkerd.io/proxy-cpu-limit",
          "config.linkerd.io/proxy-memory-limit");

  /**
   * Every {@code config.linkerd.io}, {@code config.alpha.linkerd.io} and {@code
   * config.beta.linkerd.io} key that linkerd2 pkg/k8s/labels.go defines in version-2.16 to
   * version-2.20 and edge-26.8.3 (the union: init-image and init-image-version are gone in 2.20,
   * proxy-additional-env, proxy-cpu-ratio-limit, proxy-metrics-hostname-labels and the beta and GA
   * native-sidecar keys are new), plus admission-webhooks and disable-identity of stable-2.10 to
   * version-2.15 (admission-webhooks is a namespace label).
   */
  static final Set<String> KNOWN_CONFIG_KEYS =
      Set.of(
          "config.alpha.linkerd.io/proxy-enable-native-sidecar",
          "config.alpha.linkerd.io/proxy-wait-before-exit-seconds",
          "config.beta.linkerd.io/proxy-enable-native-sidecar",
          "config.linkerd.io/access-log",
          "config.linkerd.io/admin-port",
          "config.linkerd.io/admission-webhooks",
          "config.linkerd.io/close-wait-timeout",
          "config.linkerd.io/control-port",
          "config.linkerd.io/debug-image",
          "config.linkerd.io/debug-image-pull-policy",
          "config.linkerd.io/debug-image-version",
          "config.linkerd.io/default-inbound-policy",
          "config.linkerd.io/disable-identity",
          "config.linkerd.io/enable-debug-sidecar",
          "config.linkerd.io/enable-external-profiles",
          "config.linkerd.io/enable-gateway",
          "config.linkerd.io/image-pull-policy",
          "config.linkerd.io/inbound-port",
          "config.linkerd.io/init-image",
          "config.linkerd.io/init-image-version",
          "config.linkerd.io/opaque-ports",
          "config.linkerd.io/outbound-port",
          "config.linkerd.io/pod-inbound-ports",
          "config.linkerd.io/proxy-additional-env",
          "config.linkerd.io/proxy-admin-shutdown",
          "config.linkerd.io/proxy-await",
          "config.linkerd.io/proxy-cpu-limit",
          "config.linkerd.io/proxy-cpu-ratio-limit",
          "config.linkerd.io/proxy-cpu-request",
          "config.linkerd.io/proxy-disable-inbound-protocol-detect-timeout",
          "config.linkerd.io/proxy-disable-outbound-protocol-detect-timeout",
          "config.linkerd.io/proxy-enable-native-sidecar",
          "config.linkerd.io/proxy-ephemeral-storage-limit",
          "config.linkerd.io/proxy-ephemeral-storage-request",
          "config.linkerd.io/proxy-gid",
          "config.linkerd.io/proxy-image",
          "config.linkerd.io/proxy-inbound-connect-timeout",
          "config.linkerd.io/proxy-inbound-discovery-cache-unused-timeout",
          "config.linkerd.io/proxy-log-format",
          "config.linkerd.io/proxy-log-http-headers",
          "config.linkerd.io/proxy-log-level",
          "config.linkerd.io/proxy-memory-limit",
          "config.linkerd.io/proxy-memory-request",
          "config.linkerd.io/proxy-metrics-hostname-labels",
          "config.linkerd.io/proxy-outbound-connect-timeout",
          "config.linkerd.io/proxy-outbound-discovery-cache-unused-timeout",
          "config.linkerd.io/proxy-require-identity-inbound-ports",
          "config.linkerd.io/proxy-uid",
          "config.linkerd.io/proxy-version",
          "config.linkerd.io/shutdown-grace-period",
          "config.linkerd.io/skip-inbound-ports",
          "config.linkerd.io/skip-outbound-ports",
          "config.linkerd.io/skip-subnets");

  /**
   * linkerd2 version-2.20 pkg/inject/report.go ValidInjectAnnotationValues; InjectEnabledValues are
   * enabled and ingress.
   */
  static final Set<String> INJECT_VALUES = Set.of("enabled", "disabled", "ingress");

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
    a.put(INJECT, "enabled");
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

  // ---- Reading: what the proxy injector does with a workload in the input ----

  /** Whether a workload's pods run a Linkerd proxy, as far as the input says. */
  enum Meshed {
    YES,
    NO,
    UNKNOWN
  }

  /**
   * Whether the workload's pods are meshed: linkerd2 version-2.20 pkg/inject/report.go
   * disabledByAnnotation (webhook): the pod template's {@code linkerd.io/inject} decides when it is
   * enabled, ingress or disabled, else the namespace's; an invalid value on either leaves the pod
   * alone. A pod that already has a {@code linkerd-proxy} container (the {@code linkerd inject}
   * output) is meshed. Unknown when the pod says nothing and its Namespace is not in the input.
   */
  static Meshed meshed(Manifests in, Manifest workload) {
    JsonNode template = workload.podTemplate().orElse(null);
    if (template == null) {
      return Meshed.NO;
    }
    if (hasProxyContainer(template.path("spec"))) {
      return Meshed.YES;
    }
    String pod = text(template.path("metadata").path("annotations").get(INJECT));
    if (pod != null && !INJECT_VALUES.contains(pod)) {
      return Meshed.NO;
    }
    if ("disabled".equals(pod)) {
      return Meshed.NO;
    }
    Manifest ns = namespace(in, workload);
    String nsValue = ns == null ? null : ns.annotation(INJECT).orElse(null);
    if (nsValue != null && !INJECT_VALUES.contains(nsValue)) {
      return Meshed.NO;
    }
    if ("enabled".equals(nsValue) || "ingress".equals(nsValue)) {
      return Meshed.YES;
    }
    if ("enabled".equals(pod) || "ingress".equals(pod)) {
      return Meshed.YES;
    }
    return ns == null ? Meshed.UNKNOWN : Meshed.NO;
  }

  private static boolean hasProxyContainer(JsonNode podSpec) {
    for (String list : new String[] {"containers", "initContainers"}) {
      for (JsonNode c : podSpec.path(list)) {
        if ("linkerd-proxy".equals(c.path("name").asText())) {
          return true;
        }
      }
    }
    return false;
  }

  /** The workload's Namespace object, when the input has it. */
  static Manifest namespace(Manifests in, Manifest workload) {
    return workload.namespace().isEmpty()
        ? null
        : in.find("", "Namespace", "", workload.namespace()).orElse(null);
  }

  /**
   * The proxy settings the injector applies to the workload's pods: the namespace's {@code
   * config.*linkerd.io} annotations under the pod template's (linkerd2 version-2.20
   * pkg/inject/inject.go AppendNamespaceAnnotations: the namespace's value applies where the
   * workload sets none).
   */
  static Map<String, String> effective(Manifests in, Manifest workload) {
    Map<String, String> out = new TreeMap<>();
    Manifest ns = namespace(in, workload);
    if (ns != null) {
      ns.annotations()
          .forEach(
              (k, v) -> {
                if (KNOWN_CONFIG_KEYS.contains(k) && v.isValueNode()) {
                  out.put(k, v.asText());
                }
              });
    }
    JsonNode annotations =
        workload.podTemplate().orElseThrow().path("metadata").path("annotations");
    annotations
        .properties()
        .forEach(
            e -> {
              if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                out.put(e.getKey(), e.getValue().asText());
              }
            });
    return out;
  }

  /**
   * Whether the pods' {@code config.linkerd.io/skip-inbound-ports} (on the pod template or the
   * namespace, whose annotations the injector copies to the pod, controller/proxy-injector/
   * webhook.go AppendNamespaceAnnotations) names the port, so that its connections bypass the
   * proxy.
   */
  static boolean skippedInbound(Manifests in, Manifest workload, int port) {
    String list = effective(in, workload).get(SKIP_INBOUND_PORTS);
    return list != null && portsContain(list, port);
  }

  /**
   * Whether the pods' connections to {@code port} bypass their proxy: {@code
   * config.linkerd.io/skip-outbound-ports}, else the installation's default list.
   */
  static boolean skippedOutbound(Manifests in, Manifest workload, int port) {
    String list =
        effective(in, workload).getOrDefault(SKIP_OUTBOUND_PORTS, DEFAULT_SKIP_OUTBOUND_PORTS);
    return portsContain(list, port);
  }

  /**
   * A port list as linkerd2 version-2.20 pkg/util/parsing.go ParsePorts reads it: comma-separated
   * (spaces trimmed, GetPortRanges), each a port or a range {@code lower-upper} (portrange.go
   * ParsePortRange); an entry that does not parse is skipped.
   */
  static boolean portsContain(String list, int port) {
    for (String part : list.split(",")) {
      String p = part.trim();
      String[] bounds = p.split("-", -1);
      if (bounds.length > 2) {
        continue;
      }
      try {
        int lower = Integer.parseInt(bounds[0]);
        int upper = Integer.parseInt(bounds[bounds.length - 1]);
        if (lower < 0 || upper > 65535 || upper < lower) {
          continue;
        }
        if (port >= lower && port <= upper) {
          return true;
        }
      } catch (NumberFormatException e) {
        // not a port: Linkerd logs it and skips it
      }
    }
    return false;
  }

  /**
   * Whether the proxy runs as a native sidecar, which Kubernetes stops only after the app
   * containers: the annotation the release reads first (version-2.20: GA, beta, then alpha;
   * version-2.19: beta, then alpha; before: alpha only; Go strconv.ParseBool, an unparsable value
   * is ignored), else the chart default ({@link #NATIVE_SIDECAR_DEFAULT}).
   */
  static boolean nativeSidecar(Version version, Map<String, String> annotations) {
    List<String> keys =
        version.isAtLeast(NATIVE_SIDECAR_DEFAULT)
            ? List.of(NATIVE_SIDECAR_GA, NATIVE_SIDECAR_BETA, NATIVE_SIDECAR)
            : version.isAtLeast(Version.of(2, 19))
                ? List.of(NATIVE_SIDECAR_BETA, NATIVE_SIDECAR)
                : List.of(NATIVE_SIDECAR);
    for (String key : keys) {
      if (annotations.containsKey(key)) {
        Boolean b = parseBool(annotations.get(key));
        if (b != null) {
          return b;
        }
        // version-2.19+: an unparsable value of the first key present ends the search
        return version.isAtLeast(NATIVE_SIDECAR_DEFAULT);
      }
    }
    return version.isAtLeast(NATIVE_SIDECAR_DEFAULT);
  }

  /** Go strconv.ParseBool: 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False. */
  static Boolean parseBool(String v) {
    switch (v) {
      case "1":
      case "t":
      case "T":
      case "TRUE":
      case "true":
      case "True":
        return Boolean.TRUE;
      case "0":
      case "f":
      case "F":
      case "FALSE":
      case "false":
      case "False":
        return Boolean.FALSE;
      default:
        return null;
    }
  }

  /**
   * The proxy's wait before exit in seconds, or -1 without one: version-2.20 pkg/inject/inject.go
   * reads it with strconv.ParseUint (base 10; an unparsable value is ignored), and 0 means none.
   */
  static long waitBeforeExit(Map<String, String> annotations) {
    String v = annotations.get(WAIT_BEFORE_EXIT);
    if (v == null || !v.matches("[0-9]{1,18}")) {
      return -1;
    }
    long n = Long.parseLong(v);
    return n == 0 ? -1 : n;
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() || !n.isValueNode() ? null : n.asText();
  }

  // ---- Reading: annotations the injector refuses, ignores or does not know ----

  /**
   * The annotations whose place on a workload decides what a WebSocket app gets: injection, the
   * proxy's hold while the pod drains, and the default inbound policy. On a workload's own metadata
   * they do nothing, and the app then runs without what they say; other keys misplaced there are
   * left alone (Linkerd's own charts put {@code config.linkerd.io/proxy-await} on Deployments, to
   * no effect and no harm: linkerd2 version-2.20 viz/cmd/testdata/install_default.golden).
   */
  static final Set<String> PLACED =
      Set.of(
          INJECT,
          WAIT_BEFORE_EXIT,
          NATIVE_SIDECAR,
          NATIVE_SIDECAR_BETA,
          NATIVE_SIDECAR_GA,
          DEFAULT_INBOUND_POLICY);

  /**
   * Reports Linkerd annotations that do nothing where they are: an invalid {@code
   * linkerd.io/inject} value, a key Linkerd does not define, the {@link #PLACED} keys on a
   * workload's own metadata (the injector reads the pod and its namespace: version-2.20
   * pkg/inject/inject.go sets pod.meta from the pod template), injection and proxy keys on a
   * Service whose pods do not get them elsewhere, and {@code linkerd.io/inject} as a label.
   */
  static void check(Manifests in, Reading out) {
    for (Manifest w : in.workloads()) {
      JsonNode template = w.podTemplate().orElseThrow();
      String pointer = MeshRules.templatePointer(w) + "/metadata";
      JsonNode podAnnotations = template.path("metadata").path("annotations");
      keys(w, podAnnotations, pointer + "/annotations", out);
      label(w, template.path("metadata").path("labels"), pointer + "/labels", out);
      if (!w.kind().equals("Pod")) {
        Manifest ns = namespace(in, w);
        boolean nsInjects =
            ns != null
                && ns.annotation(INJECT)
                    .map(v -> v.equals("enabled") || v.equals("ingress"))
                    .orElse(false);
        JsonNode own = w.tree().path("metadata").path("annotations");
        own.properties()
            .forEach(
                e -> {
                  String k = e.getKey();
                  if (PLACED.contains(k)
                      && !podAnnotations.has(k)
                      && !(k.equals(INJECT) && nsInjects)) {
                    out.report(
                        w,
                        // linkerd/linkerd2 version-2.20 pkg/inject/inject.go: the injector reads
                        // the pod template's and the namespace's annotations only
                        LinkerdFinding.ANNOTATION_IGNORED,
                        w.annotationSource(k),
                        k
                            + " is on "
                            + w.subject()
                            + "'s own metadata, which Linkerd's proxy injector does not read:"
                            + " it reads the pods' annotations (the pod template's) and their"
                            + " namespace's.");
                  }
                });
      }
    }
    for (Manifest ns : in.objects("", "Namespace")) {
      keys(ns, ns.tree().path("metadata").path("annotations"), "/metadata/annotations", out);
      label(ns, ns.tree().path("metadata").path("labels"), "/metadata/labels", out);
    }
    for (Manifest svc : in.objects("", "Service")) {
      Map<String, JsonNode> annotations = svc.annotations();
      if (annotations.isEmpty()) {
        continue;
      }
      List<Manifest> pods = in.selectedBy(svc);
      annotations.forEach(
          (k, v) -> {
            // version-2.20 controller/proxy-injector/webhook.go: for a Service the injector only
            // adds config.linkerd.io/opaque-ports, which the destination controller reads there.
            if (!(k.equals(INJECT) || isConfigKey(k)) || k.equals(OPAQUE_PORTS)) {
              return;
            }
            // Linkerd's own charts repeat linkerd.io/inject on the Services of injected pods
            // (version-2.20 viz/cmd/testdata/install_default.golden): harmless when the pods get
            // the same key elsewhere.
            boolean elsewhere = !pods.isEmpty();
            for (Manifest w : pods) {
              elsewhere &=
                  w.podTemplate().orElseThrow().path("metadata").path("annotations").has(k)
                      || (namespace(in, w) != null && namespace(in, w).annotation(k).isPresent());
            }
            if (elsewhere) {
              return;
            }
            out.report(
                svc,
                // linkerd/linkerd2 version-2.20 pkg/inject/inject.go: the injector reads the pod
                // template's and the namespace's annotations only
                LinkerdFinding.ANNOTATION_IGNORED,
                svc.annotationSource(k),
                k
                    + " is on "
                    + svc.subject()
                    + ", where Linkerd does not read it: injection and the proxy's settings are"
                    + " read from the pods (their template) and their namespace.");
          });
    }
  }

  private static boolean isConfigKey(String k) {
    return k.startsWith("config.linkerd.io/")
        || k.startsWith("config.alpha.linkerd.io/")
        || k.startsWith("config.beta.linkerd.io/");
  }

  private static void keys(Manifest m, JsonNode annotations, String pointer, Reading out) {
    if (!annotations.isObject()) {
      return;
    }
    annotations
        .properties()
        .forEach(
            e -> {
              String k = e.getKey();
              Source at = m.source(annotations, k);
              if (k.equals(INJECT)) {
                String v = e.getValue().asText();
                if (!INJECT_VALUES.contains(v)) {
                  out.report(
                      m,
                      // linkerd/linkerd2 version-2.20 pkg/inject/report.go:
                      // ValidInjectAnnotationValues
                      LinkerdFinding.INJECT_VALUE,
                      at,
                      "linkerd.io/inject is "
                          + Policies.show(e.getValue())
                          + ", which Linkerd's proxy injector does not accept (enabled, ingress,"
                          + " disabled): "
                          + (m.kind().equals("Namespace")
                              ? "the namespace's pods get no proxy unless they enable it"
                              : "the pods get no proxy")
                          + ".");
                }
              } else if (isConfigKey(k) && !KNOWN_CONFIG_KEYS.contains(k)) {
                String near = nearest(k);
                out.report(
                    m,
                    // linkerd/linkerd2 version-2.20 pkg/k8s/labels.go: the config.linkerd.io/* keys
                    // Linkerd defines
                    LinkerdFinding.ANNOTATION_UNKNOWN,
                    at,
                    k
                        + " is not an annotation Linkerd defines (linkerd2 pkg/k8s/labels.go,"
                        + " 2.16 to 2.20), so the proxy ignores it"
                        + (near == null ? "." : "; did you mean " + near + "?"));
              }
            });
  }

  private static void label(Manifest m, JsonNode labels, String pointer, Reading out) {
    if (labels.isObject() && labels.has(INJECT)) {
      out.report(
          m,
          // linkerd/linkerd2 version-2.20 pkg/inject/inject.go: the injector reads the pod
          // template's and the namespace's annotations only
          LinkerdFinding.ANNOTATION_IGNORED,
          m.source(labels, INJECT),
          "linkerd.io/inject is a label of "
              + m.subject()
              + (m.kind().equals("Namespace") ? "" : "'s pods")
              + ", and Linkerd's proxy injector reads it only as an annotation.");
    }
  }

  /** The known key closest to {@code key} within three edits, or null. */
  static String nearest(String key) {
    String best = null;
    int bestDistance = 4;
    for (String k : new java.util.TreeSet<>(KNOWN_CONFIG_KEYS)) {
      int d = dev.wsingress.Suggestions.distance(key, k, bestDistance - 1);
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return best;
  }
}
