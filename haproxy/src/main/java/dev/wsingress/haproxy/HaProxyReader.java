package dev.wsingress.haproxy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsingress.Manifest;
import dev.wsingress.Manifests;
import dev.wsingress.Reading;
import dev.wsingress.Source;
import dev.wsingress.Version;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * haproxytech's reading of manifests, for one configured {@link HaProxy} target: which Ingresses
 * its controller serves, which ConfigMap it is configured by, then each served Ingress with {@link
 * IngressReader}; the jcmoraisjr HAProxy Ingress's objects go to {@link HaProxyIngressReader}.
 *
 * <h2>Which Ingresses haproxytech serves</h2>
 *
 * Only {@code networking.k8s.io/v1} Ingresses (the only API 3.x reads, pkg/store/convert.go). The
 * controller's rule (pkg/store/store.go {@code IsIngressClassSupported} v3.2.11, pkg/ingress
 * ingress.go {@code Supported} v3.0.0 and v3.1.17): an Ingress whose {@code spec.ingressClassName}
 * names an IngressClass with {@code spec.controller: haproxy.org/ingress-controller/<class>} (the
 * Helm chart's IngressClass {@code haproxy} for {@code --ingress.class=haproxy}, haproxytech/
 * helm-charts kubernetes-ingress-1.52.1 templates/controller-ingressclass.yaml); before 3.2 also
 * the annotation {@code kubernetes.io/ingress.class} equal to {@code --ingress.class}; an Ingress
 * without either when the default IngressClass names the controller, or when the controller runs
 * with {@code --empty-ingress-class}. What the input does not say is decided so:
 *
 * <ul>
 *   <li>{@code ingressClassName} with no IngressClass of that name in the input: served when it is
 *       the reading target's class ({@code haproxy}, the chart's), or when the Ingress carries
 *       {@code haproxy.org/} or {@code haproxy.com/} keys ({@code HAPROXY-CLASS-ASSUMED}), unless
 *       its keys are the jcmoraisjr HAProxy Ingress's ({@link HaProxyIngressReader#votes}), whose
 *       chart also names its IngressClass {@code haproxy};
 *   <li>no class at all, no default IngressClass in the input, and {@code haproxy.org/} keys: read
 *       as served with {@code --empty-ingress-class} ({@code HAPROXY-NO-CLASS}, INFO: the chart
 *       does not set it); without such keys, not claimed;
 *   <li>only the annotation, from 3.2 on: read the same way, with {@code
 *       HAPROXY-CLASS-ANNOTATION-IGNORED} (3.2 reads {@code spec.ingressClassName} only);
 *   <li>before 3.2, an annotation naming another class than {@code spec.ingressClassName}: not
 *       served, the annotation takes precedence (pkg/ingress/ingress.go {@code Supported} v3.0.0
 *       and v3.1.17);
 *   <li>the jcmoraisjr HAProxy Ingress's: its own {@code haproxy-ingress.github.io/} keys, or
 *       {@code ingress.kubernetes.io/} keys that it reads on an Ingress and haproxytech does not
 *       when the class (name or annotation) says {@code haproxy}; other controllers (Traefik 1.x,
 *       old ingress-nginx) used that legacy prefix too.
 * </ul>
 *
 * <h2>Which target a route names</h2>
 *
 * Each served route names this target configured as the input implies (see {@link
 * HaProxy#configured}): the Ingress's class, the controller ConfigMap read ({@link
 * ControllerConfig}), Backend-resource mode when a {@code cr-backend} of the app (for objects
 * wsingress rendered) or of the namespace (for others) selects a Backend in the input, and release
 * 3.1 where that Backend is {@code ingress.v1.haproxy.org/v1} (wsingress writes v1 for 3.0 and 3.1
 * only).
 */
final class HaProxyReader {
  static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  /** pkg/store/store.go v3.2.11 (pkg/ingress/types.go v3.0.0) {@code CONTROLLER}. */
  static final String CONTROLLER = "haproxy.org/ingress-controller";

  private static final String CLASS_ANNOTATION = "kubernetes.io/ingress.class";

  private static final Version LAST_V1_ONLY = Version.of(3, 1);

  private final HaProxy reading;
  private final Version version;
  private final Manifests in;
  private final Reading out;
  private final KeyChecks checks;
  private final HaProxyIngressReader haproxyIngress;
  private ControllerConfig.Found config;
  private Keys configKeys = Keys.none();
  private final Map<Manifest, Keys> services = new IdentityHashMap<>();

  HaProxyReader(HaProxy reading, Manifests in, Reading out) {
    this.reading = reading;
    this.version = reading.release();
    this.in = in;
    this.out = out;
    this.checks = new KeyChecks(version, out);
    this.haproxyIngress = new HaProxyIngressReader(out);
  }

  /** One Ingress haproxytech serves, and how the reader knows. */
  static final class Claim {
    final Manifest ing;
    final String className;
    final Keys keys;
    final List<Note> notes = new ArrayList<>();
    String appName;
    Scope scope;

    Claim(Manifest ing, String className, Keys keys) {
      this.ing = ing;
      this.className = className;
      this.keys = keys;
    }
  }

  /** A finding decided while claiming, reported when the Ingress is read. */
  record Note(dev.wsingress.FindingKind kind, Source at, String message) {}

  /** The objects whose routes share one target: an app wsingress rendered, else a namespace. */
  static final class Scope {
    boolean backendResource;
    boolean v1;
  }

  void read() {
    ControllerConfig.Result cms = ControllerConfig.find(in, reading, version);
    if (cms.haproxyIngress() != null) {
      haproxyIngress.readConfigMap(cms.haproxyIngress());
    }
    if (cms.haproxytech() != null) {
      config = cms.haproxytech();
      configKeys = config.keys();
      Manifest cm = config.object();
      out.understood(cm);
      out.report(
          cm,
          HaProxyFinding.CONFIGMAP_READ,
          cm.source(),
          "read as the controller ConfigMap ("
              + config.why()
              + "); haproxytech reads only the ConfigMap its --configmap argument names, so its"
              + " keys apply to every Ingress of the controller if that is this one.");
      checks.check(configKeys, IngressAnnotations.On.CONFIGMAP);
      for (ControllerConfig.Found other : cms.others()) {
        out.understood(other.object());
        out.report(
            other.object(),
            HaProxyFinding.CONFIGMAP_READ,
            other.object().source(),
            "this ConfigMap looks like a controller ConfigMap too ("
                + other.why()
                + "), but haproxytech reads one; wsingress reads "
                + cm.subject()
                + ".");
      }
    }
    List<Claim> claims = new ArrayList<>();
    for (Manifest ing : in.objects("networking.k8s.io", "Ingress")) {
      if (!ing.apiVersion().equals("networking.k8s.io/v1")) {
        continue;
      }
      Claim c = claim(ing);
      if (c != null) {
        claims.add(c);
      }
    }
    Map<String, Scope> scopes = new HashMap<>();
    for (Claim c : claims) {
      c.appName = appName(c);
      c.scope =
          scopes.computeIfAbsent(
              c.ing.namespace() + "\n" + (c.appName == null ? "" : c.appName), k -> new Scope());
      for (BackendResources.Resource r : resources(c)) {
        c.scope.backendResource = true;
        c.scope.v1 |= r.v1();
      }
    }
    Map<HaProxy, HaProxy> targets = new HashMap<>();
    IngressReader ingresses =
        new IngressReader(in, out, version, checks, configKeys, config, this::serviceKeys);
    for (Claim c : claims) {
      Version v =
          c.scope.v1 && version.isAtLeast(IngressAnnotations.PREFIXES_ONLY)
              ? LAST_V1_ONLY
              : version;
      boolean cm = config != null && !config.object().namespace().isEmpty();
      HaProxy t =
          reading.configured(
              c.className.isEmpty() ? reading.ingressClassName() : c.className,
              cm ? config.object().namespace() : null,
              cm ? config.object().name() : null,
              c.scope.backendResource,
              v);
      t = targets.computeIfAbsent(t, k -> k);
      for (Note n : c.notes) {
        out.report(c.ing, n.kind(), n.at(), n.message());
      }
      ingresses.read(c, t);
    }
  }

  /** A Service's keys, checked once. */
  Keys serviceKeys(Manifest svc) {
    Keys k = services.get(svc);
    if (k == null) {
      k = Keys.annotations(svc, version);
      services.put(svc, k);
      checks.check(k, IngressAnnotations.On.SERVICE);
    }
    return k;
  }

  /** The Backend resources in the input that the claim's paths select with cr-backend. */
  private List<BackendResources.Resource> resources(Claim c) {
    List<BackendResources.Resource> found = new ArrayList<>();
    for (JsonNode rule : c.ing.tree().path("spec").path("rules")) {
      for (JsonNode path : rule.path("http").path("paths")) {
        String svc = path.path("backend").path("service").path("name").asText("");
        if (svc.isEmpty()) {
          continue;
        }
        Keys sk =
            in.service(c.ing.namespace(), svc)
                .map(s -> Keys.annotations(s, version))
                .orElse(Keys.none());
        Keys.Value v = IngressReader.first("cr-backend", sk, c.keys, configKeys);
        if (v == null) {
          continue;
        }
        String[] ref = IngressReader.k8sPath(v.text());
        if (ref == null) {
          continue;
        }
        BackendResources.Resource r =
            BackendResources.find(
                in, ref[0].isEmpty() ? c.ing.namespace() : ref[0], ref[1], version);
        if (r != null) {
          found.add(r);
        }
      }
    }
    return found;
  }

  private static boolean isHaProxyTech(String controller) {
    return controller.equals(CONTROLLER) || controller.startsWith(CONTROLLER + "/");
  }

  private static boolean isHaProxyIngress(String controller) {
    return controller.equals(HaProxyIngressReader.CONTROLLER)
        || controller.startsWith(HaProxyIngressReader.CONTROLLER + "/");
  }

  private static boolean hasOwnKeys(Manifest ing) {
    for (String key : ing.annotations().keySet()) {
      if (key.startsWith(IngressAnnotations.PREFIX) || key.startsWith("haproxy.com/")) {
        return true;
      }
    }
    return false;
  }

  /** Decides who serves the Ingress; returns the claim when haproxytech does. */
  private Claim claim(Manifest ing) {
    String cls = ing.tree().path("spec").path("ingressClassName").asText("");
    Keys keys = Keys.annotations(ing, version);
    int votes = HaProxyIngressReader.votes(ing, version);
    boolean strong = HaProxyIngressReader.hasOwnPrefixKey(ing);
    boolean ours = hasOwnKeys(ing);
    Optional<String> annotation = ing.annotation(CLASS_ANNOTATION);
    // HAProxy Ingress serves an Ingress whose class annotation equals its --ingress-class
    // (default haproxy) or whose IngressClass names its controller (jcmoraisjr/haproxy-ingress
    // v0.15.4 pkg/controller/services/cache.go IsValidIngress); legacy ingress.kubernetes.io/ keys
    // alone (Traefik 1.x and old ingress-nginx read that prefix too) count only for a class that
    // says haproxy.
    String hint = !cls.isEmpty() ? cls : annotation.orElse("");
    boolean theirs = votes > 0 && (strong || hint.contains("haproxy"));
    // Before 3.2 the annotation takes precedence over spec.ingressClassName: the controller
    // serves the Ingress only when the annotation equals its --ingress.class, and only warns
    // "conflicting ingress class mechanisms" (pkg/ingress/ingress.go Supported, v3.0.0 and
    // v3.1.17), so the annotation decides when the two differ.
    boolean annotationFirst =
        !cls.isEmpty()
            && annotation.isPresent()
            && !annotation.get().equals(cls)
            && !version.isAtLeast(IngressAnnotations.PREFIXES_ONLY);
    if (!cls.isEmpty() && !annotationFirst) {
      Optional<Manifest> ic = in.ingressClass(cls);
      if (ic.isPresent()) {
        String controller = ic.get().tree().path("spec").path("controller").asText("");
        if (isHaProxyTech(controller)) {
          out.understood(ic.get());
          return new Claim(ing, cls, keys);
        }
        if (isHaProxyIngress(controller)) {
          haproxyIngress.readIngress(
              ing,
              "its IngressClass " + cls + " names the controller " + controller,
              servicesOf(ing));
        }
        return null;
      }
      if (theirs) {
        haproxyIngress.readIngress(
            ing,
            "its IngressClass "
                + cls
                + " is not in the input, and its annotations are HAProxy Ingress's"
                + " (haproxy-ingress.github.io/, or ingress.kubernetes.io/ keys haproxytech does"
                + " not read on an Ingress)",
            servicesOf(ing));
        return null;
      }
      if (cls.equals(reading.ingressClassName())) {
        return new Claim(ing, cls, keys);
      }
      if (ours) {
        Claim c = new Claim(ing, cls, keys);
        c.notes.add(
            new Note(
                HaProxyFinding.CLASS_ASSUMED,
                ing.source("/spec/ingressClassName"),
                "the IngressClass "
                    + cls
                    + " is not in the input; the Ingress is read as haproxytech's because of its"
                    + " haproxy.org/ keys, served if that IngressClass names the controller "
                    + CONTROLLER
                    + "/"
                    + cls
                    + "."));
        return c;
      }
      return null;
    }
    if (annotation.isPresent()) {
      String a = annotation.get();
      Source at = ing.annotationSource(CLASS_ANNOTATION);
      if (theirs) {
        haproxyIngress.readIngress(
            ing,
            "it has the annotation "
                + CLASS_ANNOTATION
                + ": "
                + a
                + " and HAProxy Ingress's annotations (haproxy-ingress.github.io/, or"
                + " ingress.kubernetes.io/ keys haproxytech does not read on an Ingress)",
            servicesOf(ing));
        return null;
      }
      if (!a.equals(reading.ingressClassName()) && !ours) {
        return null;
      }
      if (!version.isAtLeast(IngressAnnotations.PREFIXES_ONLY)) {
        Claim c = new Claim(ing, a, keys);
        c.notes.add(
            new Note(
                HaProxyFinding.CLASS_ANNOTATION,
                at,
                "haproxytech "
                    + version
                    + " serves this Ingress by its annotation "
                    + CLASS_ANNOTATION
                    + ": "
                    + a
                    + " (pkg/ingress/ingress.go Supported) when --ingress.class is "
                    + a
                    + "; the annotation is deprecated (v3.0.15 and v3.1.17 log it) and 3.2 reads"
                    + " it no longer."));
        return c;
      }
      Manifest def = defaultClass(true);
      Claim c = new Claim(ing, def != null ? def.name() : a, keys);
      c.notes.add(
          new Note(
              HaProxyFinding.CLASS_ANNOTATION_IGNORED,
              at,
              "haproxytech 3.2 no longer reads "
                  + CLASS_ANNOTATION
                  + " (pkg/store/store.go IsIngressClassSupported takes spec.ingressClassName"
                  + " only), so this Ingress has no class for it: "
                  + (def != null
                      ? "it is served because the default IngressClass "
                          + def.name()
                          + " names "
                          + def.tree().path("spec").path("controller").asText("")
                      : "it is served only if the controller runs with --empty-ingress-class"
                          + " (the Helm chart does not set it) or without --ingress.class, which"
                          + " wsingress assumes to read it")
                  + "."));
      return c;
    }
    Manifest def = defaultClass(false);
    if (def != null) {
      String controller = def.tree().path("spec").path("controller").asText("");
      if (isHaProxyTech(controller)) {
        out.understood(def);
        return new Claim(ing, def.name(), keys);
      }
      if (isHaProxyIngress(controller) && votes > 0) {
        haproxyIngress.readIngress(
            ing,
            "it has no class, and the default IngressClass " + def.name() + " names " + controller,
            servicesOf(ing));
      }
      return null;
    }
    if (votes > 0 && strong) {
      haproxyIngress.readIngress(
          ing,
          "it has no class (served with --watch-ingress-without-class) and HAProxy Ingress's"
              + " annotations",
          servicesOf(ing));
      return null;
    }
    if (!ours) {
      return null;
    }
    Claim c = new Claim(ing, "", keys);
    c.notes.add(
        new Note(
            HaProxyFinding.NO_CLASS,
            ing.source("/spec"),
            "this Ingress has no class and the input has no default IngressClass; it is read as"
                + " haproxytech's because of its haproxy.org/ keys, which holds only if the"
                + " controller runs with --empty-ingress-class (pkg/store/store.go"
                + " IsIngressClassSupported; the Helm chart does not set it), without"
                + " --ingress.class (the chart sets haproxy), or a default IngressClass names "
                + CONTROLLER
                + "/<class>."));
    return c;
  }

  /** The first default IngressClass in the input; only a haproxytech one when {@code ours}. */
  private Manifest defaultClass(boolean ours) {
    for (Manifest c : in.defaultIngressClasses()) {
      String controller = c.tree().path("spec").path("controller").asText("");
      if (!ours || isHaProxyTech(controller)) {
        if (ours) {
          out.understood(c);
        }
        return c;
      }
    }
    return null;
  }

  private List<Manifest> servicesOf(Manifest ing) {
    Map<String, Manifest> found = new LinkedHashMap<>();
    for (JsonNode rule : ing.tree().path("spec").path("rules")) {
      for (JsonNode path : rule.path("http").path("paths")) {
        String svc = path.path("backend").path("service").path("name").asText("");
        if (!svc.isEmpty()) {
          in.service(ing.namespace(), svc).ifPresent(s -> found.putIfAbsent(svc, s));
        }
      }
    }
    return new ArrayList<>(found.values());
  }

  // --- the app an Ingress wsingress rendered belongs to ----------------------------------------

  /**
   * For an Ingress wsingress rendered, its app's name: the object name without the suffix that
   * {@code Ingresses.group} (core) adds to the app's name: {@code -http}, {@code -http-<path>},
   * {@code -ws-<path>} or {@code -rewrite-<path>} (with {@code -2}, {@code -3}… when taken), {@code
   * <path>} from the Ingress's first path. Which suffix applies follows the Ingress's kind: the
   * WebSocket marker ({@link IngressReader#webSocketMarker}), a {@code path-rewrite}. Null for
   * other Ingresses.
   */
  private String appName(Claim c) {
    Manifest ing = c.ing;
    if (!ing.label(MANAGED_BY).map("wsingress"::equals).orElse(false)) {
      return null;
    }
    String first =
        ing.tree()
            .path("spec")
            .path("rules")
            .path(0)
            .path("http")
            .path("paths")
            .path(0)
            .path("path")
            .asText("/");
    String slug = dev.wsingress.Ingresses.slug(first);
    String name = ing.name();
    List<String> suffixes = new ArrayList<>();
    if (c.keys.has(IngressAnnotations.PATH_REWRITE.name())) {
      suffixes.add("-rewrite-" + slug);
    } else if (IngressReader.webSocketMarker(c.keys) != null) {
      suffixes.add("-ws-" + slug);
    } else {
      suffixes.add("-http-" + slug);
      suffixes.add("-http");
    }
    for (String suffix : suffixes) {
      Matcher m = Pattern.compile("(.+)" + Pattern.quote(suffix) + "(-[0-9]+)?").matcher(name);
      if (m.matches()) {
        return m.group(1);
      }
    }
    return name;
  }
}
