package dev.wsingress.haproxy;

import dev.wsingress.Manifest;
import dev.wsingress.Manifests;
import dev.wsingress.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The controller ConfigMap in the input, if there is one: haproxytech reads exactly one, the one
 * its {@code --configmap} argument names (pkg/store/events.go {@code EventConfigMap} v3.2.11: only
 * {@code ConfigMaps.Main}'s namespace and name), and nothing in the manifests says which that is.
 * The reader takes a ConfigMap for it, in this order, when:
 *
 * <ol>
 *   <li>it is the one the reading target names with {@link HaProxy#controllerConfig};
 *   <li>wsingress rendered it ({@code app.kubernetes.io/managed-by: wsingress}, only the keys
 *       {@code timeout-tunnel} and {@code timeout-connect});
 *   <li>the Helm chart rendered it: labels {@code app.kubernetes.io/name: kubernetes-ingress} or
 *       {@code helm.sh/chart: kubernetes-ingress-…}, or the name {@code
 *       <release>-kubernetes-ingress} (haproxytech/helm-charts kubernetes-ingress-1.52.1
 *       templates/controller-configmap.yaml and _helpers.tpl: the fullname, the chart's labels;
 *       templates/_podspec.tpl passes {@code --configmap=<namespace>/<fullname>});
 *   <li>its keys say so: at least two keys distinctive of haproxytech's ConfigMap (timeouts, {@code
 *       ssl-redirect…}, {@code rate-limit-…}, {@code cors-…}, {@code syslog-server}, …), at least
 *       half of its keys known to haproxytech, and more keys only haproxytech knows than keys only
 *       the jcmoraisjr HAProxy Ingress knows.
 * </ol>
 *
 * The first ConfigMap found is read as the controller's ({@code HAPROXY-CONFIGMAP-READ} says that
 * it applies only if {@code --configmap} names it); a ConfigMap the key test gives to HAProxy
 * Ingress instead (or named {@code haproxy-ingress}, its installation's default) is that
 * controller's.
 */
final class ControllerConfig {
  private static final Set<String> OURS = Set.of("timeout-tunnel", "timeout-connect");

  private static final String NAMED = "it is the ConfigMap the reading target names";

  /** The data key of the Helm chart's auxiliary ConfigMap. */
  private static final String AUXILIARY_FILE = "haproxy-aux.cfg";

  /** Keys that only an HAProxy controller's ConfigMap has, beginnings included. */
  private static final List<String> DISTINCTIVE =
      List.of(
          "timeout-",
          "ssl-redirect",
          "rate-limit-",
          "cors-",
          "syslog-server",
          "cr-",
          "proxy-protocol",
          "hard-stop-after",
          "load-balance",
          "pod-maxconn",
          "scale-server-slots",
          "check-http",
          "cookie-persistence",
          "dontlognull",
          "http-server-close",
          "server-ssl");

  /** The ConfigMap read as haproxytech's, how it was recognised, and its keys. */
  record Found(Manifest object, String why, Keys keys) {}

  /** The ConfigMaps found for each controller. */
  record Result(Found haproxytech, List<Found> others, Manifest haproxyIngress) {}

  private ControllerConfig() {}

  static Result find(Manifests in, HaProxy reading, Version version) {
    List<Found> found = new ArrayList<>();
    Manifest haproxyIngress = null;
    for (Manifest cm : in.objects("", "ConfigMap")) {
      String why = why(cm, reading, version);
      if (why != null) {
        found.add(new Found(cm, why, Keys.data(cm, version)));
      } else if (haproxyIngress == null && isHaProxyIngress(cm, version)) {
        haproxyIngress = cm;
      }
    }
    // The one the target names first, then input order (a stable sort).
    found.sort((a, b) -> Boolean.compare(!a.why().equals(NAMED), !b.why().equals(NAMED)));
    return new Result(
        found.isEmpty() ? null : found.get(0),
        found.size() < 2 ? List.of() : List.copyOf(found.subList(1, found.size())),
        haproxyIngress);
  }

  private static String why(Manifest cm, HaProxy reading, Version version) {
    if (reading.configName() != null
        && cm.name().equals(reading.configName())
        && Manifests.sameNamespace(cm.namespace(), reading.configNamespace())) {
      return NAMED;
    }
    Keys data = Keys.data(cm, version);
    if (cm.label(HaProxyReader.MANAGED_BY).map("wsingress"::equals).orElse(false)
        && !data.isEmpty()
        && data.all().stream().allMatch(v -> OURS.contains(v.name()))) {
      return "wsingress rendered it with the ConfigMap-only keys timeout-tunnel and"
          + " timeout-connect";
    }
    if (cm.tree().path("data").has(AUXILIARY_FILE) || cm.name().endsWith("-auxiliary")) {
      // The chart's auxiliary ConfigMap (its labels, <fullname>-auxiliary) holds a file the pod
      // mounts as /etc/haproxy/haproxy-aux.cfg (haproxytech/helm-charts kubernetes-ingress-1.52.1
      // templates/controller-auxiliary-configmap.yaml, templates/_podspec.tpl), not keys.
      return null;
    }
    if (cm.label("app.kubernetes.io/name").map("kubernetes-ingress"::equals).orElse(false)
        || cm.label("helm.sh/chart").map(c -> c.startsWith("kubernetes-ingress-")).orElse(false)
        || cm.name().endsWith("kubernetes-ingress")) {
      return "the haproxytech Helm chart renders the controller ConfigMap with this name or these"
          + " labels";
    }
    int known = 0;
    int distinctive = 0;
    int onlyHere = 0;
    int onlyThere = 0;
    for (Keys.Value v : data.all()) {
      boolean ht = AnnotationCatalog.get(v.name()).map(e -> e.readIn(version)).orElse(false);
      boolean jm =
          HaProxyIngressReader.KEYS.contains(v.name())
              || HaProxyIngressReader.GLOBAL_KEYS.contains(v.name());
      if (ht) {
        known++;
        if (DISTINCTIVE.stream().anyMatch(v.name()::startsWith)) {
          distinctive++;
        }
      }
      onlyHere += ht && !jm ? 1 : 0;
      onlyThere += jm && !ht ? 1 : 0;
    }
    if (distinctive >= 2 && known * 2 >= data.all().size() && onlyHere > onlyThere) {
      return "its keys are haproxytech's controller ConfigMap keys";
    }
    return null;
  }

  /** Whether a ConfigMap is the jcmoraisjr HAProxy Ingress's (by its keys, or its default name). */
  private static boolean isHaProxyIngress(Manifest cm, Version version) {
    int onlyThere = 0;
    int onlyHere = 0;
    for (Keys.Value v : Keys.data(cm, version).all()) {
      boolean ht = AnnotationCatalog.get(v.name()).isPresent();
      boolean jm =
          HaProxyIngressReader.KEYS.contains(v.name())
              || HaProxyIngressReader.GLOBAL_KEYS.contains(v.name());
      onlyHere += ht && !jm ? 1 : 0;
      onlyThere += jm && !ht ? 1 : 0;
    }
    return onlyThere > onlyHere && (onlyThere >= 2 || cm.name().equals("haproxy-ingress"));
  }
}
