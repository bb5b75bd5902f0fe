package dev.wsingress.traefik;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsingress.Manifest;
import dev.wsingress.Manifests;
import dev.wsingress.Source;
import dev.wsingress.Version;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the input says about Traefik itself: the first workload whose container runs the {@code
 * traefik} image (its release from the image tag) and the static configuration on that container's
 * command line ({@code --key=value}, as Traefik's Helm chart renders it: traefik-helm-chart v41.3.0
 * traefik/templates/_podtemplate.tpl). Keys are compared ignoring case, as Traefik's flag parser
 * does (traefik/paerser, read at v0.2.0: {@code flag} and {@code parser} match names with {@code
 * strings.EqualFold}). A static configuration file in a ConfigMap is not read.
 *
 * <p>Without such a workload every option has Traefik's default, and the entry points are known by
 * the names the Helm chart gives them: {@code web} plain HTTP, {@code websecure} with TLS
 * (traefik-helm-chart v41.3.0 traefik/values.yaml {@code ports.web}, {@code
 * ports.websecure.http.tls.enabled: true}).
 */
final class StaticConfiguration {

  /**
   * A command-line option: its value ({@code true} for a bare flag), where it is written, and the
   * item as written.
   */
  record Arg(String value, Source at, String written) {}

  /** The plain HTTP entry point of Traefik's Helm chart. */
  static final String WEB = "web";

  /** The TLS entry point of Traefik's Helm chart. */
  static final String WEBSECURE = "websecure";

  private static final Pattern IMAGE =
      Pattern.compile("^(?:[^/@]+/)*traefik(?::([^@/]+))?(?:@[^/]+)?$");
  private static final Pattern TAG_VERSION = Pattern.compile("^v?([0-9]{1,4})\\.([0-9]{1,4})");

  private final Manifest workload;
  private final String image;
  private final Source imageSource;
  private final Version version;
  private final Map<String, Arg> args;
  private final Set<String> entryPoints;

  private StaticConfiguration(
      Manifest workload,
      String image,
      Source imageSource,
      Version version,
      Map<String, Arg> args,
      Set<String> entryPoints) {
    this.workload = workload;
    this.image = image;
    this.imageSource = imageSource;
    this.version = version;
    this.args = args;
    this.entryPoints = entryPoints;
  }

  /** The first Traefik container among the input's workloads, or the defaults. */
  static StaticConfiguration of(Manifests in) {
    for (Manifest w : in.workloads()) {
      JsonNode containers = w.podTemplate().orElseThrow().path("spec").path("containers");
      String pointer = templatePointer(w) + "/spec/containers/";
      for (int i = 0; i < containers.size(); i++) {
        JsonNode c = containers.get(i);
        String image = c.path("image").asText("");
        Matcher m = IMAGE.matcher(image);
        if (!m.matches()) {
          continue;
        }
        Version version = null;
        if (m.group(1) != null) {
          Matcher v = TAG_VERSION.matcher(m.group(1));
          if (v.find() && v.group(1).equals("3")) {
            version = Version.of(3, Integer.parseInt(v.group(2)));
          }
        }
        Map<String, Arg> args = new LinkedHashMap<>();
        Set<String> entryPoints = new LinkedHashSet<>();
        for (String field : new String[] {"command", "args"}) {
          JsonNode list = c.path(field);
          for (int j = 0; j < list.size(); j++) {
            String item = list.get(j).asText("");
            if (!item.startsWith("--")) {
              continue;
            }
            int eq = item.indexOf('=');
            String key =
                (eq < 0 ? item.substring(2) : item.substring(2, eq)).toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "true" : item.substring(eq + 1);
            Source at = w.source(pointer + i + "/" + field + "/" + j);
            args.put(key, new Arg(value, at, item));
            if (key.startsWith("entrypoints.") && key.endsWith(".address")) {
              entryPoints.add(key.substring("entrypoints.".length(), key.length() - 8));
            }
          }
        }
        return new StaticConfiguration(
            w, image, w.source(pointer + i + "/image"), version, args, entryPoints);
      }
    }
    return new StaticConfiguration(null, null, null, null, Map.of(), Set.of());
  }

  /** The Traefik workload (null without one). */
  Manifest workload() {
    return workload;
  }

  /** Whether the input has a Traefik workload. */
  boolean present() {
    return workload != null;
  }

  /** The release the Traefik workload runs, from its image tag (empty: unknown). */
  Optional<Version> version() {
    return Optional.ofNullable(version);
  }

  /**
   * {@code image traefik:v3.3.7 at k8s/traefik.yaml:20:18}, as findings name the release's source.
   */
  String describeImage() {
    return "image " + image + " at " + imageSource;
  }

  /** The option, if the command line sets it. */
  Optional<Arg> arg(String key) {
    return Optional.ofNullable(args.get(key.toLowerCase(Locale.ROOT)));
  }

  /** Every option, in the order written (keys in lower case). */
  Map<String, Arg> args() {
    return args;
  }

  /** A boolean option as Go's {@code strconv.ParseBool} reads it; {@code false} when unset. */
  boolean flag(String key) {
    Optional<Arg> a = arg(key);
    if (a.isEmpty()) {
      return false;
    }
    try {
      return IngressAnnotations.parseBool(a.get().value());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * {@code providers.kubernetesCRD.ingressClass} or {@code
   * providers.kubernetesIngress.ingressClass} (empty by default: traefik v3.7.9
   * pkg/provider/kubernetes/crd/kubernetes.go and ingress/kubernetes.go {@code
   * Provider.IngressClass}).
   */
  String ingressClass(String provider) {
    return arg("providers." + provider + ".ingressclass").map(Arg::value).orElse("");
  }

  /** Whether the input defines the entry points (then only those exist). */
  boolean definesEntryPoints() {
    return !entryPoints.isEmpty();
  }

  /** Whether the entry point is defined on the command line. */
  boolean defines(String entryPoint) {
    return entryPoints.contains(entryPoint.toLowerCase(Locale.ROOT));
  }

  /**
   * Whether the entry point takes only plain HTTP: defined without any {@code http.tls} option, or,
   * without a Traefik workload in the input, named {@code web}.
   */
  boolean plain(String entryPoint) {
    String ep = entryPoint.toLowerCase(Locale.ROOT);
    if (definesEntryPoints()) {
      return defines(ep) && !hasAny("entrypoints." + ep + ".http.tls");
    }
    return ep.equals(WEB);
  }

  /**
   * Whether the entry point terminates TLS for every router on it ({@code http.tls} on the entry
   * point: traefik v3.7.9 pkg/server/aggregator.go {@code applyModel}), or, without a Traefik
   * workload in the input, is named {@code websecure}.
   */
  boolean tls(String entryPoint) {
    String ep = entryPoint.toLowerCase(Locale.ROOT);
    if (definesEntryPoints()) {
      return hasAny("entrypoints." + ep + ".http.tls");
    }
    return ep.equals(WEBSECURE);
  }

  /**
   * Whether some entry point terminates TLS for the routers without TLS of their own ({@link
   * #tls}): one with {@code http.tls}, or, without a Traefik workload in the input, {@code
   * websecure}.
   */
  boolean anyTls() {
    if (!definesEntryPoints()) {
      return true;
    }
    for (String ep : entryPoints) {
      if (tls(ep)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the entry point redirects every request ({@code http.redirections}). */
  boolean redirects(String entryPoint) {
    return hasAny("entrypoints." + entryPoint.toLowerCase(Locale.ROOT) + ".http.redirections");
  }

  private boolean hasAny(String prefix) {
    for (String key : args.keySet()) {
      if (key.equals(prefix) || key.startsWith(prefix + ".")) {
        if (key.equals(prefix)) {
          Arg a = args.get(key);
          try {
            return IngressAnnotations.parseBool(a.value());
          } catch (IllegalArgumentException e) {
            return true;
          }
        }
        return true;
      }
    }
    return false;
  }

  /** Where a workload's pod template is, as a JSON pointer. */
  private static String templatePointer(Manifest w) {
    switch (w.kind()) {
      case "Pod":
        return "";
      case "CronJob":
        return "/spec/jobTemplate/spec/template";
      default:
        return "/spec/template";
    }
  }
}
