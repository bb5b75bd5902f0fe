package dev.wsingress.traefik;

import dev.wsingress.Manifest;
import dev.wsingress.Manifests;
import dev.wsingress.Reading;
import dev.wsingress.Source;
import dev.wsingress.Version;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What every part of a Traefik reading shares: the input, the reading, what the input says about
 * Traefik itself ({@link StaticConfiguration}), the release it runs and where that comes from, the
 * targets the routes are served by, and the findings already reported (each once).
 *
 * <p>The release: the image of a Traefik workload in the input ({@code traefik:v3.3.7} is v3.3),
 * else the target's {@code version(...)} when it names a release older than the newest, else
 * unknown (fields that need a newer release are then reported as INFO {@code
 * TRAEFIK-VERSION-GATED}, with no error).
 */
final class ReadContext {
  static final String GROUP = "traefik.io";

  final Manifests in;
  final Reading out;
  final StaticConfiguration config;
  final Version version;
  final String versionSource;
  final Traefik crdTarget;
  final Traefik ingressTarget;
  final RenderedApps rendered;
  private final Set<String> reported = new HashSet<>();
  private final Map<String, Map<String, Manifest>> qualifiedIndex = new HashMap<>();
  private final Map<String, List<Manifest>> unnamespaced = new HashMap<>();

  ReadContext(Manifests in, Reading out, Traefik reader) {
    this.in = in;
    this.out = out;
    this.config = StaticConfiguration.of(in);
    Version v = config.version().orElse(null);
    String source = v == null ? null : config.describeImage();
    Version option = reader.version().orElseThrow();
    if (v == null && !option.equals(Releases.NEWEST)) {
      v = option;
      source = "the target's version(\"" + option + "\")";
    }
    this.version = v;
    this.versionSource = source;
    Traefik t = Traefik.target();
    Traefik i = Traefik.ingress();
    if (v != null && Releases.SUPPORTED.contains(v)) {
      t = t.version(v.toString());
      i = i.version(v.toString());
    }
    if (reader.isLenient()) {
      // A lenient reader renders its routes leniently again (what it reads may need it).
      t = t.lenient();
      i = i.lenient();
    }
    this.crdTarget = t;
    this.ingressTarget = i;
    this.rendered = RenderedApps.of(this);
  }

  /** Whether {@code key} is new; reports of one fact use it to appear once. */
  boolean once(String key) {
    return reported.add(key);
  }

  void report(Manifest about, TraefikFinding kind, Source at, String message) {
    out.report(about, kind, at, message);
  }

  /**
   * Reports a field that only {@code since} and newer have: INFO when the release is unknown, an
   * ERROR naming what the older release does with it ({@code consequence}) when it is older.
   */
  void gate(Manifest about, Source at, String field, Version since, String consequence) {
    if (version == null) {
      report(
          about,
          // traefik/traefik v3.7.9 pkg/config/dynamic/http_config.go: the fields and the releases
          // that introduced them are cited in Releases
          TraefikFinding.VERSION_GATED,
          at,
          field
              + " needs Traefik "
              + Releases.name(since)
              + " or newer (the input does not say which release runs: no Traefik workload with a"
              + " versioned image).");
    } else if (!version.isAtLeast(since)) {
      report(
          about,
          // traefik/traefik v3.7.9 pkg/config/dynamic/http_config.go: the fields and the releases
          // that introduced them are cited in Releases
          TraefikFinding.VERSION_MISSING,
          at,
          field
              + " needs Traefik "
              + Releases.name(since)
              + " or newer, and the cluster runs "
              + Releases.name(version)
              + " ("
              + versionSource
              + "): "
              + consequence
              + ".");
    }
  }

  /** {@code providers.kubernetesCRD.allowCrossNamespace} (false by default). */
  boolean allowCrossNamespace() {
    return config.flag("providers.kubernetescrd.allowcrossnamespace");
  }

  /** {@code providers.<provider>.allowExternalNameServices} (false by default). */
  boolean allowExternalName(String provider) {
    return config.flag("providers." + provider + ".allowexternalnameservices");
  }

  /** A Traefik CRD object of this kind by namespace and name, if the input has it. */
  Optional<Manifest> find(String kind, String namespace, String name) {
    return in.find(GROUP, kind, namespace, name);
  }

  /**
   * The CRD object that a cross-provider name {@code <namespace>-<name>} (before {@code
   * @kubernetescrd}) stands for: traefik v3.7.9 crd/kubernetes_http.go names every object {@code
   * provider.Normalize(namespace + "-" + name)} (pkg/provider/configuration.go: runs of characters
   * other than letters and digits become one {@code -}). An object without a namespace counts as
   * in {@code defaultNamespace}.
   */
  Optional<Manifest> findQualified(String kind, String qualified, String defaultNamespace) {
    String want = normalize(qualified);
    Map<String, Manifest> index =
        qualifiedIndex.computeIfAbsent(
            kind,
            k -> {
              Map<String, Manifest> byName = new HashMap<>();
              for (Manifest m : in.objects(GROUP, k)) {
                if (m.namespace().isEmpty()) {
                  unnamespaced.computeIfAbsent(k, x -> new ArrayList<>()).add(m);
                } else {
                  byName.put(normalize(m.namespace() + "-" + m.name()), m);
                }
              }
              return byName;
            });
    Manifest found = index.get(want);
    for (Manifest m : unnamespaced.getOrDefault(kind, List.of())) {
      // Neither says its namespace: both land where they are applied, so any namespace fits.
      boolean fits =
          defaultNamespace.isEmpty()
              ? want.endsWith("-" + normalize(m.name()))
              : normalize(defaultNamespace + "-" + m.name()).equals(want);
      if (fits) {
        found = m;
      }
    }
    return Optional.ofNullable(found);
  }

  /** traefik v3.7.9 pkg/provider/configuration.go {@code Normalize}. */
  static String normalize(String name) {
    StringBuilder b = new StringBuilder();
    boolean dash = false;
    for (int i = 0; i < name.length(); ) {
      int c = name.codePointAt(i);
      i += Character.charCount(c);
      if (Character.isLetter(c) || Character.isDigit(c)) {
        if (dash && b.length() > 0) {
          b.append('-');
        }
        b.appendCodePoint(c);
        dash = false;
      } else {
        dash = true;
      }
    }
    return b.toString();
  }
}
