package dev.wsingress.nginx;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsingress.Affinity;
import dev.wsingress.BackendProtocol;
import dev.wsingress.CookieAffinity;
import dev.wsingress.Cors;
import dev.wsingress.Manifest;
import dev.wsingress.Manifests;
import dev.wsingress.RateLimit;
import dev.wsingress.Reading;
import dev.wsingress.SameSite;
import dev.wsingress.ServedBackend;
import dev.wsingress.ServedRoute;
import dev.wsingress.ServedRoute.HostMatch;
import dev.wsingress.ServedRoute.PathMatch;
import dev.wsingress.Setting;
import dev.wsingress.Source;
import dev.wsingress.Tls;
import dev.wsingress.Version;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the Ingresses ingress-nginx serves the way the controller does (kubernetes/ingress-nginx at
 * controller-v1.15.1 unless a release is named), into served routes with every setting in effect
 * and where it comes from, and reports what the controller ignores, refuses or does differently.
 *
 * <h2>Which Ingresses ingress-nginx serves</h2>
 *
 * internal/ingress/controller/store/store.go GetIngressClass, in this order:
 *
 * <ol>
 *   <li>{@code spec.ingressClassName}: served when the store holds that IngressClass, which it does
 *       for classes whose {@code spec.controller} is the controller's {@code --controller-class}
 *       ({@code k8s.io/ingress-nginx}), or whose name is {@code --ingress-class} with {@code
 *       --ingress-class-by-name} (ingressClassEventHandler). A class that is not in the input is
 *       read as ingress-nginx's only when it is the controller's {@code --ingress-class} ({@code
 *       nginx}: the static manifests and the Helm chart create it), reported once ({@code
 *       NGINX-CLASS-ASSUMED}); another controller's class is not ours, and an F5 NGINX Ingress
 *       Controller one ({@code nginx.org/ingress-controller}) is only checked for ingress-nginx
 *       keys ({@code NGINX-KEYS-ON-F5});
 *   <li>the deprecated annotation {@code kubernetes.io/ingress.class}: served when it equals {@code
 *       --ingress-class} ({@code NGINX-CLASS-ANNOTATION});
 *   <li>no class: served with {@code --watch-ingress-without-class} (false by default,
 *       pkg/flags/flags.go). The API server gives an Ingress created without a class the default
 *       IngressClass (k8s.io/api networking/v1 well_known_annotations.go), so with a default class
 *       in the input the Ingress is read as that class's; without one, an Ingress that carries
 *       {@code nginx.ingress.kubernetes.io/} annotations is read as meant for ingress-nginx ({@code
 *       NGINX-CLASS-ASSUMED}) and any other is left to other readers.
 * </ol>
 *
 * <h2>Hosts and paths</h2>
 *
 * Ingresses of one host make one server (docs/how-it-works.md "Building the NGINX model"), whose
 * locations keep their own Ingress's annotations; the input's order stands for creation order (the
 * oldest Ingress wins a server-level setting, such as the TLS certificate). A {@code Prefix} path
 * {@code /a} is the locations {@code /a/} and {@code = /a} (controller/location.go
 * updateServerLocations): a segment prefix; {@code /a/} only matches below it (a character prefix);
 * {@code ImplementationSpecific} is {@code Prefix} (internal/k8s/main.go SetDefaultNGINXPathType).
 * When any location of a host has {@code use-regex} or a {@code rewrite-target} (template.go
 * enforceRegexModifier), every location of the host, on every Ingress, is {@code ~* "^<path>"}
 * (template.go buildLocation; docs/user-guide/ ingress-path-matching.md): a literal path then
 * matches by characters, ignoring case, and a regular expression must match at the start.
 *
 * <h2>WebSocket</h2>
 *
 * Every location forwards the upgrade (rootfs/etc/nginx/template/nginx.tmpl "Allow websocket
 * connections": {@code Upgrade $http_upgrade}, {@code Connection $connection_upgrade}) unless
 * {@code connection-proxy-header} replaces the Connection header or {@code proxy-http-version} is
 * 1.0. Once upgraded, nginx re-arms one timer, {@code proxy_read_timeout}, after every transfer in
 * either direction (nginx release-1.27.1, the nginx of controller-v1.15.1's image,
 * src/http/ngx_http_upstream.c ngx_http_upstream_process_upgraded); {@code proxy_send_timeout} only
 * runs while a write to the pod is blocked. So the idle timeout of an open WebSocket is the read
 * timeout.
 */
final class IngressReader {
  static final String PREFIX = IngressAnnotations.PREFIX;
  private static final String CLASS_ANNOTATION = "kubernetes.io/ingress.class";
  private static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  private static final Version VALIDATION_ON = Version.of(1, 12);
  private static final Pattern UPGRADE_SNIPPET =
      Pattern.compile("(?i)\\$http_upgrade|proxy_set_header\\s+\"?(upgrade|connection)\\b");
  private static final String TEMPLATE = "ingress-nginx controller-v1.15.1 ";
  private static final String UPGRADE_DEFAULT =
      TEMPLATE + "rootfs/etc/nginx/template/nginx.tmpl (\"Allow websocket connections\")";

  private final Nginx reader;
  private final Manifests in;
  private final Reading out;
  private List<Controllers.Controller> controllers;
  private final Set<String> assumedClasses = new HashSet<>();
  private final Set<Ing> rewriteReported = new HashSet<>();
  private final Set<Ing> webSocketReported = new HashSet<>();
  private List<Ing> served = List.of();
  private final Map<String, Upstream> upstreams = new HashMap<>();
  private final Set<String> upstreamReported = new HashSet<>();
  private final Set<Ing> sameSiteReported = new HashSet<>();

  IngressReader(Nginx reader, Manifests in, Reading out) {
    this.reader = reader;
    this.in = in;
    this.out = out;
  }

  /** One Ingress ingress-nginx serves, with the controller and the class it is served as. */
  private static final class Ing {
    final Manifest m;
    final Controllers.Controller controller;
    final String className;
    final boolean legacyApi;
    final Map<String, Value> values = new LinkedHashMap<>();
    final boolean managed;
    boolean canary;
    String appName;
    Settings settings;
    // Its paths, read once: the upstreams, the hosts and the cookie rules each walk them.
    List<PathEntry> paths;

    Ing(Manifest m, Controllers.Controller controller, String className) {
      this.m = m;
      this.controller = controller;
      this.className = className;
      this.legacyApi = !m.apiVersion().equals("networking.k8s.io/v1");
      this.managed = m.label(MANAGED_BY).map("wsingress"::equals).orElse(false);
    }

    Controllers.Wide wide() {
      return controller.wide;
    }
  }

  /** An annotation's value as the controller reads it. */
  private record Value(String text, Source at, boolean valid) {}

  /**
   * One path of a rule; {@code service} and {@code port} name its backend's Service and port (null
   * without one), {@code upstream} is their upstream key ({@link #upstreamKey}).
   */
  private record PathEntry(
      Ing ing,
      String host,
      String path,
      String type,
      JsonNode backend,
      String at,
      int rule,
      int index,
      String service,
      String port,
      String upstream) {}

  void read() {
    controllers = Controllers.find(in, reader, out);
    List<Ing> served = new ArrayList<>();
    for (Manifest ing : in.objects("Ingress")) {
      if (!ing.group().equals("networking.k8s.io") && !ing.group().equals("extensions")) {
        continue;
      }
      Ing s = serving(ing);
      if (s != null) {
        served.add(s);
      }
    }
    if (served.isEmpty()) {
      return;
    }
    served = byCreation(served);
    // ingress-nginx retired: once per input (kubernetes/ingress-nginx README.md at
    // controller-v1.15.1, "best-effort maintenance" until March 2026).
    Manifest first = served.get(0).m;
    out.report(
        first,
        NginxFinding.RETIRED,
        first.source(),
        "ingress-nginx is retired: best-effort maintenance ended in March 2026 and there are no"
            + " further releases or security fixes.");
    Map<String, String> managedSnippets = new HashMap<>();
    this.served = served;
    for (Ing s : served) {
      out.understood(s.m);
      annotations(s);
    }
    for (Ing s : served) {
      s.settings = settings(s);
      if (s.managed && s.values.containsKey("server-snippet")) {
        managedSnippets.putIfAbsent(
            s.m.namespace() + "/" + s.appName, s.values.get("server-snippet").text());
      }
    }
    upstreams();
    // Hosts: the locations of every Ingress of a host make one server.
    Map<String, List<PathEntry>> byHost = new LinkedHashMap<>();
    for (Ing s : served) {
      if (s.canary) {
        continue;
      }
      for (PathEntry p : paths(s)) {
        byHost.computeIfAbsent(p.host().toLowerCase(Locale.ROOT), h -> new ArrayList<>()).add(p);
      }
    }
    for (Map.Entry<String, List<PathEntry>> e : byHost.entrySet()) {
      host(e.getValue(), managedSnippets);
    }
  }

  /**
   * The Ingresses in the controller's order: store.go ListIngresses sorts them by {@code
   * metadata.creationTimestamp} (sortIngressSlice), and those created in the same second by {@code
   * namespace/name}, greatest first. The oldest wins what only one Ingress can set: a host's TLS
   * certificate, a path two Ingresses share, an upstream's hash. Manifests not yet applied have no
   * timestamp: then the input's order stands for the order of creation.
   */
  private static List<Ing> byCreation(List<Ing> served) {
    Map<Ing, java.time.Instant> created = new HashMap<>();
    for (Ing s : served) {
      String ts = s.m.tree().path("metadata").path("creationTimestamp").asText("");
      try {
        created.put(s, java.time.OffsetDateTime.parse(ts).toInstant());
      } catch (java.time.format.DateTimeParseException e) {
        return served;
      }
    }
    List<Ing> sorted = new ArrayList<>(served);
    sorted.sort(
        java.util.Comparator.comparing((Ing s) -> created.get(s))
            .thenComparing(
                (Ing s) -> s.m.namespace() + "/" + s.m.name(),
                java.util.Comparator.reverseOrder()));
    return sorted;
  }

  // ---- which Ingresses ----------------------------------------------------------------------

  private Ing serving(Manifest ing) {
    JsonNode spec = ing.tree().path("spec");
    String cls = spec.path("ingressClassName").asText("");
    Optional<String> annotation = ing.annotation(CLASS_ANNOTATION);
    if (!cls.isEmpty()) {
      Optional<Manifest> ic = in.ingressClass(cls);
      if (ic.isPresent()) {
        for (Controllers.Controller c : controllers) {
          if (c.serves(ic.get())) {
            out.understood(ic.get());
            return classChecked(new Ing(ing, c, cls), annotation, cls);
          }
        }
        foreign(ing, ic.get());
        return null;
      }
      for (Controllers.Controller c : controllers) {
        if (cls.equals(c.ingressClass)) {
          if (assumedClasses.add(cls)) {
            out.report(
                ing,
                NginxFinding.CLASS_ASSUMED,
                ing.source("/spec/ingressClassName"),
                "IngressClass "
                    + quote(cls)
                    + " is not in the input, so the Ingresses of this class are read as"
                    + " ingress-nginx's: the static manifests and the Helm chart create it with"
                    + " spec.controller k8s.io/ingress-nginx (deploy/static/provider/cloud/"
                    + "deploy.yaml); F5 NGINX Ingress Controller's class has the same default"
                    + " name, with nginx.org/ingress-controller.");
          }
          return classChecked(new Ing(ing, c, cls), annotation, cls);
        }
      }
      return null;
    }
    if (annotation.isPresent()) {
      for (Controllers.Controller c : controllers) {
        if (annotation.get().equals(c.ingressClass)) {
          out.report(
              ing,
              NginxFinding.CLASS_ANNOTATION,
              ing.annotationSource(CLASS_ANNOTATION),
              "the annotation kubernetes.io/ingress.class is deprecated (k8s.io/api networking/v1"
                  + " types.go: \"the annotation is officially deprecated\"); ingress-nginx still"
                  + " serves the Ingress by it, as --ingress-class="
                  + c.ingressClass
                  + " (store.go GetIngressClass).");
          return new Ing(ing, c, annotation.get());
        }
      }
      return null;
    }
    List<Manifest> defaults = in.defaultIngressClasses();
    if (!defaults.isEmpty()) {
      Manifest d = defaults.get(0);
      for (Controllers.Controller c : controllers) {
        if (c.serves(d)) {
          out.understood(d);
          out.report(
              ing,
              NginxFinding.CLASS_ASSUMED,
              ing.source("/spec"),
              "the Ingress names no class; the API server gives an Ingress created without one"
                  + " the default IngressClass "
                  + quote(d.name())
                  + " ("
                  + d.source()
                  + "), which ingress-nginx serves, so it is read as ingress-nginx's.");
          return new Ing(ing, c, d.name());
        }
      }
      return null;
    }
    for (Controllers.Controller c : controllers) {
      if (c.watchWithoutClass) {
        return new Ing(ing, c, c.ingressClass);
      }
    }
    for (String key : ing.annotations().keySet()) {
      if (key.startsWith(PREFIX)) {
        Controllers.Controller c = controllers.get(0);
        out.report(
            ing,
            NginxFinding.CLASS_ASSUMED,
            ing.source("/spec"),
            "the Ingress names no class and the input has no default IngressClass; it carries"
                + " nginx.ingress.kubernetes.io annotations, so it is read as meant for"
                + " ingress-nginx, which serves it only with --watch-ingress-without-class=true"
                + " (false by default, pkg/flags/flags.go) or when a default IngressClass of"
                + " ingress-nginx exists as it is created.");
        return new Ing(ing, c, c.ingressClass);
      }
    }
    return null;
  }

  private Ing classChecked(Ing s, Optional<String> annotation, String cls) {
    if (annotation.isPresent()) {
      Source at = s.m.annotationSource(CLASS_ANNOTATION);
      if (!annotation.get().equals(cls)) {
        // kubernetes pkg/apis/networking/validation/validation.go ValidateIngressCreate.
        out.report(
            s.m,
            NginxFinding.CLASS_CONFLICT,
            at,
            "kubernetes.io/ingress.class "
                + quote(annotation.get())
                + " differs from spec.ingressClassName "
                + quote(cls)
                + ": the API server refuses to create the Ingress (\"must match `ingressClassName`"
                + " when both are specified\").");
      } else {
        out.report(
            s.m,
            NginxFinding.CLASS_ANNOTATION,
            at,
            "the annotation kubernetes.io/ingress.class is deprecated (k8s.io/api networking/v1"
                + " types.go) and repeats spec.ingressClassName.");
      }
    }
    return s;
  }

  /** An Ingress another controller serves: F5's with ingress-nginx keys is reported. */
  private void foreign(Manifest ing, Manifest ingressClass) {
    String controller = ingressClass.tree().path("spec").path("controller").asText("");
    if (!controller.equals(Controllers.F5_CONTROLLER_CLASS)) {
      return;
    }
    List<String> ours = new ArrayList<>();
    for (String key : ing.annotations().keySet()) {
      if (key.startsWith(PREFIX)) {
        ours.add(key);
      }
    }
    if (!ours.isEmpty()) {
      out.report(
          ing,
          NginxFinding.KEYS_ON_F5,
          ing.annotationSource(ours.get(0)),
          "IngressClass "
              + quote(ingressClass.name())
              + " is F5 NGINX Ingress Controller's ("
              + controller
              + "), which reads no nginx.ingress.kubernetes.io annotation (nginx/kubernetes-ingress"
              + " v5.5.4 internal/configs/annotations.go): "
              + String.join(", ", ours)
              + (ours.size() == 1 ? " does" : " do")
              + " nothing here.");
    }
  }

  // ---- annotations ----------------------------------------------------------------------------

  private boolean validation(Ing s) {
    return s.controller.annotationValidation;
  }

  /** Checks every annotation of a served Ingress and keeps the values the controller reads. */
  private void annotations(Ing s) {
    Manifest m = s.m;
    if (s.legacyApi) {
      out.report(
          m,
          NginxFinding.API_REMOVED,
          m.source("/apiVersion"),
          m.apiVersion()
              + " Ingress was removed in Kubernetes 1.22 (k8s.io/api "
              + (m.group().equals("extensions") ? "extensions" : "networking")
              + "/v1beta1 types.go: prerelease-lifecycle-gen:removed=1.22): the API server refuses"
              + " it, and ingress-nginx v1.x reads networking.k8s.io/v1 only.");
    }
    // internal/ingress/controller/controller.go createServers: spec.defaultBackend (v1beta1
    // spec.backend) serves the catch-all server "_" and the rules without http paths.
    for (String field : List.of("defaultBackend", "backend")) {
      if (m.tree().path("spec").has(field)) {
        out.notCarried(
            m,
            "spec." + field,
            m.source("/spec/" + field),
            "the spec has no default backend for requests that no rule matches");
      }
    }
    blocklist(s);
    List<IngressAnnotations.Known> unmodeled = new ArrayList<>();
    JsonNode written = m.tree().path("metadata").path("annotations");
    for (Map.Entry<String, JsonNode> e : m.annotations().entrySet()) {
      String key = e.getKey();
      JsonNode node = e.getValue();
      Source at = m.source(written, key); // m.annotationSource(key), the mapping looked up once
      if (!node.isTextual()) {
        out.report(
            m,
            NginxFinding.NOT_A_STRING,
            at,
            "the annotation "
                + key
                + " is "
                + typeName(node)
                + " "
                + (node.isValueNode() ? node.asText() : "")
                + ", not a string: the API server refuses the Ingress (annotations are"
                + " map[string]string).");
      }
      String text = node.isValueNode() && !node.isNull() ? node.asText() : "";
      if (IngressAnnotations.isF5(key)) {
        f5(s, key, text, at);
        continue;
      }
      if (!key.startsWith(PREFIX)) {
        continue;
      }
      String name = key.substring(PREFIX.length());
      Optional<IngressAnnotations.Known> known = IngressAnnotations.known(key);
      if (known.isEmpty()) {
        unknown(s, key, name, at);
        continue;
      }
      IngressAnnotations.Known k = known.get();
      String canonical = k.aliasOf() != null ? k.aliasOf() : k.name();
      boolean valid = check(s, k, text, at);
      if (k.aliasOf() == null || !s.values.containsKey(canonical)) {
        s.values.put(canonical, new Value(text, at, valid));
      }
      risk(s, k, key, at);
      if (!k.carried()) {
        unmodeled.add(k);
      }
    }
    Value canary = s.values.get("canary");
    s.canary =
        canary != null && canary.valid() && Boolean.TRUE.equals(GoValues.parseBool(canary.text()));
    s.appName = s.managed ? AppNames.of(s.m, s.values.containsKey("proxy-http-version")) : null;
    for (IngressAnnotations.Known k : unmodeled) {
      Source at = m.source(written, k.key());
      if (k.name().equals("server-snippet") && s.managed) {
        continue; // carried as the target's rawServerSnippet
      }
      if (s.canary && k.group().equals("Canary")) {
        if (k.name().equals("canary")) {
          out.notCarried(
              m,
              "the canary Ingress",
              at,
              "the spec has no canary or traffic split; its paths are served by the main Ingress"
                  + " of the host");
        } else {
          out.notCarried(
              m, "the annotation " + k.key(), at, "it configures the canary Ingress, not carried");
        }
        continue;
      }
      out.notCarried(m, "the annotation " + k.key(), at, NotCarried.why(k));
    }
  }

  /**
   * annotation-value-word-blocklist: store.go syncIngress skips the whole Ingress when a value of
   * one of its nginx.ingress.kubernetes.io annotations contains a word of the list
   * (checkBadAnnotationValue: strings.Split(strings.TrimSpace(list), ","), words untrimmed), and
   * the admission webhook refuses it (controller.go CheckIngress, each word trimmed).
   */
  private void blocklist(Ing s) {
    Controllers.Wide w = s.wide();
    if (w.wordBlocklist == null) {
      return;
    }
    String[] words = w.wordBlocklist.strip().split(",", -1);
    for (Map.Entry<String, JsonNode> e : s.m.annotations().entrySet()) {
      if (!e.getKey().startsWith(PREFIX) || !e.getValue().isValueNode()) {
        continue;
      }
      String value = e.getValue().asText();
      for (String word : words) {
        boolean store = value.contains(word);
        if (!store && !value.contains(word.strip())) {
          continue;
        }
        String which =
            word.strip().isEmpty()
                ? "an empty word, which every value contains,"
                : "the word " + quote(word.strip());
        out.report(
            s.m,
            NginxFinding.WORD_BLOCKED,
            s.m.annotationSource(e.getKey()),
            "annotation-value-word-blocklist in "
                + w.where()
                + " has "
                + which
                + " and the value of "
                + e.getKey()
                + (word.strip().isEmpty() ? "" : " contains it")
                + ": "
                + (store
                    ? "ingress-nginx skips the whole Ingress (store.go checkBadAnnotationValue)"
                        + " and its admission webhook refuses it (controller.go CheckIngress), so"
                        + " none of its paths is served."
                    : "the admission webhook refuses the Ingress (controller.go CheckIngress"
                        + " trims each word; the store, which does not, would serve it)."));
        return;
      }
    }
  }

  /** Whether the controller reads the value; reports what it does with one it does not. */
  private boolean check(Ing s, IngressAnnotations.Known k, String text, Source at) {
    boolean getter =
        switch (k.kind()) {
          case INT -> GoValues.isInt(text);
          case BOOL -> GoValues.parseBool(text) != null;
          case STRING -> !text.strip().isEmpty();
        };
    boolean validator = !validation(s) || text.isEmpty() || k.validator().accepts(text);
    if (getter && validator) {
      return true;
    }
    String v = s.controller.version.toString();
    String rule = !validator || text.isEmpty() ? k.validator().rule() : getterRule(k);
    String what =
        "the annotation "
            + k.key()
            + " "
            + quote(text)
            + (text.isEmpty() ? " is empty" : " fails " + rule)
            + " ("
            + k.file()
            + ")";
    IngressAnnotations.OnInvalid effect =
        !validator ? k.onInvalid() : IngressAnnotations.OnInvalid.IGNORED;
    switch (effect) {
      case REFUSED ->
          out.report(
              s.m,
              NginxFinding.VALUE_REFUSED,
              at,
              what
                  + ": ingress-nginx v"
                  + v
                  + " refuses the whole Ingress (annotation validation, on by default from v1.12,"
                  + " returns the error and the store drops the Ingress), so none of its paths is"
                  + " served.");
      case DENIED ->
          out.report(
              s.m,
              NginxFinding.VALUE_DENIED,
              at,
              what
                  + ": every location of this Ingress answers 503 (nginx.tmpl \"Location"
                  + " denied\").");
      case DROPPED ->
          out.report(
              s.m,
              NginxFinding.VALUE_DROPPED,
              at,
              what
                  + ": ingress-nginx drops the Ingress's whole "
                  + k.group()
                  + " configuration (annotations.go Extract skips the group on the error).");
      default ->
          out.report(
              s.m,
              NginxFinding.VALUE_IGNORED,
              at,
              what + ": ingress-nginx ignores it and uses " + fallback(s, k) + ".");
    }
    return false;
  }

  private static String getterRule(IngressAnnotations.Known k) {
    return switch (k.kind()) {
      case INT -> "strconv.Atoi (an integer, no unit)";
      case BOOL -> "strconv.ParseBool (true, false, 1, 0, t, f)";
      case STRING -> "parser.GetStringAnnotation (not empty)";
    };
  }

  /** What the controller uses instead of an invalid value of {@code k}, for messages. */
  private String fallback(Ing s, IngressAnnotations.Known k) {
    Controllers.Wide w = s.wide();
    Setting<?> wide =
        switch (k.name()) {
          case "proxy-read-timeout" -> w.readTimeout;
          case "proxy-send-timeout" -> w.sendTimeout;
          case "proxy-connect-timeout" -> w.connectTimeout;
          case "proxy-buffering" -> w.responseBuffering;
          case "proxy-request-buffering" -> w.requestBuffering;
          case "proxy-http-version" -> w.httpVersion;
          case "ssl-redirect" -> w.sslRedirect;
          case "force-ssl-redirect" -> w.forceSslRedirect;
          default -> null;
        };
    if (wide != null) {
      return wide.origin() == Setting.Origin.DEFAULT
          ? "its default " + show(wide.value())
          : show(wide.value()) + " from " + w.where();
    }
    for (IngressAnnotations.Key<?> key : IngressAnnotations.ALL) {
      if (key.name().equals(k.name()) && key.controllerDefault() != null) {
        return "its default " + show(key.controllerDefault());
      }
    }
    return "its default";
  }

  private static String show(Object v) {
    if (v instanceof Duration d) {
      return d.getSeconds() + " s";
    }
    if (v instanceof Boolean b) {
      return b ? "on" : "off";
    }
    return quote(String.valueOf(v));
  }

  private void risk(Ing s, IngressAnnotations.Known k, String key, Source at) {
    Controllers.Wide w = s.wide();
    if (k.name().endsWith("-snippet")) {
      snippet(s, k, key, at);
      return;
    }
    if (k.risk().compareTo(w.riskLevel) > 0) {
      // parser.CheckAnnotationRisk in each parser's Validate; annotations.go Extract returns
      // NewRiskyAnnotations and the store drops the Ingress.
      out.report(
          s.m,
          NginxFinding.ANNOTATION_RISK,
          at,
          key
              + " has risk "
              + k.risk().text()
              + " (annotations-risk.md), above annotations-risk-level "
              + w.riskLevel.text()
              + (w.riskLevelAt != null ? " (" + w.riskLevelAt + ")" : "")
              + ": ingress-nginx refuses the whole Ingress.");
    }
  }

  private void snippet(Ing s, IngressAnnotations.Known k, String key, Source at) {
    Controllers.Wide w = s.wide();
    boolean riskRefuses = k.risk().compareTo(w.riskLevel) > 0;
    if (w.allowSnippets && !riskRefuses) {
      return;
    }
    String v = "ingress-nginx v" + s.controller.version;
    StringBuilder m = new StringBuilder(key).append(" is raw nginx configuration. ").append(v);
    if (!w.allowSnippets) {
      // controller.go CheckIngress: "Snippet directives are disabled by the Ingress
      // administrator" for any key ending in -snippet; without the webhook the store drops
      // them (dropSnippetDirectives).
      m.append(" refuses this Ingress at admission (and without the admission webhook drops the")
          .append(" snippet): allow-snippet-annotations is ")
          .append(
              w.allowSnippetsAt != null
                  ? "false in " + w.where()
                  : "false by default since v1.9.1 (config.go)");
      if (riskRefuses) {
        m.append("; ");
      }
    }
    if (riskRefuses) {
      m.append(w.allowSnippets ? " refuses this Ingress: " : "")
          .append("its risk ")
          .append(k.risk().text())
          .append(" is above annotations-risk-level ")
          .append(w.riskLevel.text())
          .append(
              w.riskLevelAt != null
                  ? " (" + w.riskLevelAt + ")"
                  : " (the default "
                      + (s.controller.version.isAtLeast(VALIDATION_ON)
                          ? "from v1.12.0, changelog/controller-1.12.0.md)"
                          : "of v" + s.controller.version + ")"));
    }
    out.report(s.m, NginxFinding.RAW_SNIPPET, at, m.append(".").toString());
  }

  private void f5(Ing s, String key, String text, Source at) {
    String name = key.substring(key.indexOf('/') + 1);
    StringBuilder m =
        new StringBuilder(key)
            .append(" is an F5 NGINX Ingress Controller annotation")
            .append(IngressAnnotations.F5_KEYS.contains(key) ? "" : " prefix")
            .append(" (nginx/kubernetes-ingress v5.5.4 internal/configs/annotations.go);")
            .append(" ingress-nginx never reads it");
    if (name.equals("websocket-services")) {
      m.append(
          ". ingress-nginx needs no such annotation: every location forwards the upgrade"
              + " (nginx.tmpl \"Allow websocket connections\"); what keeps an idle WebSocket open"
              + " is nginx.ingress.kubernetes.io/proxy-read-timeout, in integer seconds");
    } else if (IngressAnnotations.known(PREFIX + name).isPresent()) {
      m.append("; the ingress-nginx key is ")
          .append(PREFIX)
          .append(name)
          .append(name.endsWith("-timeout") ? ", in integer seconds without a unit" : "");
    }
    out.report(s.m, NginxFinding.F5_ANNOTATION, at, m.append(".").toString());
    out.notCarried(
        s.m,
        "the annotation " + key,
        at,
        "it is F5 NGINX Ingress Controller's, which ingress-nginx ignores");
  }

  private void unknown(Ing s, String key, String name, Source at) {
    Optional<IngressAnnotations.Removed> removed = IngressAnnotations.removed(name);
    if (removed.isPresent()) {
      IngressAnnotations.Removed r = removed.get();
      out.report(
          s.m,
          NginxFinding.ANNOTATION_REMOVED,
          at,
          key
              + " was removed in ingress-nginx "
              + r.release()
              + " ("
              + r.source()
              + ") and does nothing"
              + (r.replacement() != null ? "; use " + r.replacement() : "")
              + ".");
      out.notCarried(s.m, "the annotation " + key, at, "ingress-nginx no longer reads it");
      return;
    }
    StringBuilder m = new StringBuilder(key).append(" is not an annotation ingress-nginx reads");
    if (IngressAnnotations.F5_KEYS.contains("nginx.org/" + name)) {
      m.append(": it is F5 NGINX Ingress Controller's nginx.org/").append(name);
      if (name.equals("websocket-services")) {
        m.append(
            ", and ingress-nginx needs none: every location forwards the upgrade (nginx.tmpl"
                + " \"Allow websocket connections\")");
      }
    } else if (IngressAnnotations.CONFIGMAP_KEYS.contains(name)) {
      m.append(": ")
          .append(name)
          .append(
              " is a key of the controller ConfigMap (docs/user-guide/nginx-configuration/"
                  + "configmap.md), which has no effect as an annotation");
    } else {
      Optional<String> near = IngressAnnotations.nearest(name);
      near.ifPresent(n -> m.append("; did you mean ").append(PREFIX).append(n).append('?'));
      if (near.isEmpty()) {
        m.append(" (docs/user-guide/nginx-configuration/annotations-risk.md)");
      }
    }
    String text = m.toString();
    out.report(s.m, NginxFinding.ANNOTATION_UNKNOWN, at, text.endsWith("?") ? text : text + ".");
    out.notCarried(s.m, "the annotation " + key, at, "ingress-nginx does not read it");
  }

  // ---- settings of one Ingress ----------------------------------------------------------------

  /** The settings every path of an Ingress gets, each with its origin. */
  private static final class Settings {
    Setting<Duration> read;
    Setting<Duration> send;
    Setting<Duration> connect;
    Setting<Boolean> upgrade;
    Setting<Boolean> responseBuffering;
    Setting<Boolean> requestBuffering;
    Setting<Affinity> affinity;
    Setting<String> hashBy;
    Setting<RateLimit> rateLimit;
    Setting<Integer> connections;
    Setting<Cors> cors;
    Setting<BackendProtocol> backendProtocol;
    Setting<String> backendCa;
    boolean redirect;
    String rewriteTarget;
    Source rewriteAt;
    boolean useRegex;
    Source useRegexAt;
    Integer verifyDepth;
    String webSocketEvidence;
    List<String> webSocketServices = List.of();
    Source webSocketServicesAt;
  }

  private Value valid(Ing s, String name) {
    Value v = s.values.get(name);
    return v != null && v.valid() ? v : null;
  }

  private Settings settings(Ing s) {
    Settings t = new Settings();
    Controllers.Wide w = s.wide();
    Manifest m = s.m;
    t.read = seconds(s, "proxy-read-timeout", w.readTimeout);
    t.send = seconds(s, "proxy-send-timeout", w.sendTimeout);
    t.connect = seconds(s, "proxy-connect-timeout", w.connectTimeout);
    if (t.connect.value().getSeconds() > IngressAnnotations.MAX_CONNECT_SECONDS) {
      out.report(
          m,
          NginxFinding.CONNECT_TIMEOUT_LONG,
          t.connect.source().orElse(m.source()),
          "proxy-connect-timeout "
              + t.connect.value().getSeconds()
              + " s only bounds opening the TCP connection to a pod and \"cannot usually exceed 75"
              + " seconds\" (configmap.md, proxy-connect-timeout); it does not keep a WebSocket"
              + " open.");
    }
    t.responseBuffering = onOff(s, "proxy-buffering", w.responseBuffering);
    t.requestBuffering = onOff(s, "proxy-request-buffering", w.requestBuffering);
    t.upgrade = upgrade(s, w);
    t.affinity = affinity(s, t);
    t.rateLimit = rateLimit(s);
    Value conn = valid(s, "limit-connections");
    if (conn != null && GoValues.atoi(conn.text()) > 0) {
      t.connections =
          Setting.of((int) Math.min(Integer.MAX_VALUE, GoValues.atoi(conn.text())), conn.at());
    }
    t.cors = cors(s);
    backend(s, t);
    Value ssl = valid(s, "ssl-redirect");
    Value force = valid(s, "force-ssl-redirect");
    boolean sslRedirect =
        ssl != null ? Boolean.TRUE.equals(GoValues.parseBool(ssl.text())) : w.sslRedirect.value();
    boolean forceRedirect =
        force != null
            ? Boolean.TRUE.equals(GoValues.parseBool(force.text()))
            : w.forceSslRedirect.value();
    t.redirect = sslRedirect || forceRedirect;
    Value rewrite = valid(s, "rewrite-target");
    if (rewrite != null) {
      t.rewriteTarget = rewrite.text().strip();
      t.rewriteAt = rewrite.at();
    }
    Value regex = valid(s, "use-regex");
    t.useRegex = regex != null && Boolean.TRUE.equals(GoValues.parseBool(regex.text()));
    t.useRegexAt = regex == null ? null : regex.at();
    evidence(s, t);
    cookieSecure(s);
    return t;
  }

  private Setting<Duration> seconds(Ing s, String name, Setting<Duration> wide) {
    Value v = valid(s, name);
    if (v == null) {
      return wide;
    }
    long n = GoValues.atoi(v.text());
    if (n < 0) {
      // nginx.tmpl writes "proxy_read_timeout {{ $location.Proxy.ReadTimeout }}s"; nginx
      // release-1.27.1 src/core/ngx_parse.c ngx_parse_time refuses the '-'; controller.go
      // CheckIngress renders and tests the configuration (testTemplate) at admission.
      out.report(
          s.m,
          NginxFinding.VALUE_REFUSED,
          v.at(),
          "the annotation "
              + PREFIX
              + name
              + " "
              + quote(v.text())
              + " is negative: ingress-nginx writes "
              + name.replace('-', '_')
              + " "
              + n
              + "s into nginx.conf, which nginx refuses (ngx_parse_time), so the admission webhook"
              + " refuses the Ingress (controller.go CheckIngress tests the configuration) and"
              + " without it no configuration passes nginx -t.");
    }
    return Setting.of(Duration.ofSeconds(Math.max(0, n)), v.at());
  }

  private Setting<Boolean> onOff(Ing s, String name, Setting<Boolean> wide) {
    Value v = valid(s, name);
    if (v == null) {
      return wide;
    }
    String t = v.text().strip();
    // Without annotation validation (before v1.12) any string reaches nginx.conf, where nginx
    // takes on and off in any case (release-1.27.1 ngx_conf_file.c ngx_conf_set_flag_slot).
    if (!t.equalsIgnoreCase("on") && !t.equalsIgnoreCase("off")) {
      return wide;
    }
    return Setting.of(t.equalsIgnoreCase("on"), v.at());
  }

  private Setting<Boolean> upgrade(Ing s, Controllers.Wide w) {
    Value connection = valid(s, "connection-proxy-header");
    if (connection != null) {
      return Setting.of(false, connection.at());
    }
    Value version = valid(s, "proxy-http-version");
    if (version != null) {
      return Setting.of(!version.text().strip().equals("1.0"), version.at());
    }
    if (w.httpVersion.origin() == Setting.Origin.CONTROLLER) {
      return Setting.controllerWide(
          !w.httpVersion.value().equals("1.0"), w.httpVersion.source().orElseThrow());
    }
    return Setting.byDefault(true, UPGRADE_DEFAULT);
  }

  private Setting<Affinity> affinity(Ing s, Settings t) {
    Value type = valid(s, "affinity");
    Value hash = valid(s, "upstream-hash-by");
    // upstreamhashby/main.go Parse reads the annotation only: the ConfigMap key of
    // internal/ingress/defaults/main.go is read nowhere (NGINX-CONFIGMAP-KEY-UNREAD).
    Setting<String> hashBy = hash != null ? Setting.of(hash.text().strip(), hash.at()) : null;
    t.hashBy = hashBy;
    if (hash != null && !hash.text().contains("$")) {
      // balancer/chash.lua hashes util.generate_var_value(hash_by): without a variable the key
      // is the same text for every request.
      out.report(
          s.m,
          NginxFinding.HASH_CONSTANT,
          hash.at(),
          "upstream-hash-by "
              + quote(hash.text())
              + " names no nginx variable, so every request hashes the same text and goes to the"
              + " same pod (rootfs/etc/nginx/lua/balancer/chash.lua).");
    }
    if (type != null && type.text().strip().equals("cookie")) {
      if (hashBy != null) {
        // rootfs/etc/nginx/lua/balancer.lua get_implementation: sessionAffinityConfig name
        // "cookie" picks sticky_balanced/sticky_persistent before upstreamHashByConfig is looked
        // at.
        out.report(
            s.m,
            NginxFinding.HASH_WITH_COOKIE,
            hashBy.source().orElse(type.at()),
            "upstream-hash-by "
                + quote(hashBy.value())
                + " is set next to affinity: cookie; the cookie wins (rootfs/etc/nginx/lua/"
                + "balancer.lua get_implementation picks the sticky balancer first), so the hash"
                + " does nothing.");
      }
      return Setting.of(cookie(s), type.at());
    }
    if (hashBy == null) {
      return null;
    }
    Affinity a = hashAffinity(hashBy.value());
    if (a == null) {
      out.notCarried(
          s.m,
          "upstream-hash-by " + quote(hashBy.value()),
          hash.at(),
          "the spec's sticky sessions hash the client address or one request header");
      return null;
    }
    return Setting.of(a, hashBy.source().orElseThrow());
  }

  /** The spec's affinity for an upstream-hash-by value, or null when it has none. */
  private static Affinity hashAffinity(String h) {
    if (h.equals("$remote_addr") || h.equals("$binary_remote_addr")) {
      return Affinity.clientIp();
    }
    if (h.matches("\\$http_[a-z0-9_]+")) {
      return Affinity.header(h.substring("$http_".length()).replace('_', '-'));
    }
    return null;
  }

  private CookieAffinity cookie(Ing s) {
    return cookie(s, valid(s, "affinity-mode"));
  }

  private CookieAffinity cookie(Ing s, Value mode) {
    Value name = valid(s, "session-cookie-name");
    CookieAffinity c =
        Affinity.cookie(
            name != null
                ? name.text().strip()
                : IngressAnnotations.SESSION_COOKIE_NAME.controllerDefault());
    // sessionaffinity/main.go cookieAffinityParse: max-age and expires must match
    // affinityCookieExpiresRegex as well; Max-Age wins in browsers (RFC 6265 5.3 step 3).
    Value age = valid(s, "session-cookie-max-age");
    if (age == null) {
      age = valid(s, "session-cookie-expires");
    }
    if (age != null
        && GoValues.isInt(age.text().strip())
        && GoValues.atoi(age.text().strip()) > 0) {
      c = c.maxAge(Duration.ofSeconds(GoValues.atoi(age.text().strip())));
    }
    Value path = valid(s, "session-cookie-path");
    if (path != null && !writerCookiePath(s, path.text().strip())) {
      c = c.path(path.text().strip());
    }
    Value secure = valid(s, "session-cookie-secure");
    if (secure != null && Boolean.TRUE.equals(GoValues.parseBool(secure.text()))) {
      c = c.secure(true);
    }
    Value sameSite = valid(s, "session-cookie-samesite");
    if (sameSite != null) {
      // Validated case-insensitively from v1.12; without validation any text reaches the cookie.
      String v = sameSite.text().strip().toUpperCase(Locale.ROOT);
      if (List.of("NONE", "LAX", "STRICT").contains(v)) {
        c = c.sameSite(SameSite.valueOf(v));
      } else if (sameSiteReported.add(s)) {
        out.notCarried(
            s.m,
            "session-cookie-samesite " + quote(sameSite.text()),
            sameSite.at(),
            "the spec's SameSite is None, Lax or Strict");
      }
    }
    if (mode != null && mode.text().strip().equals("persistent")) {
      c = c.persistent();
    }
    return c;
  }

  /**
   * Whether a cookie path is the one the nginx writer adds for a rewritten WebSocket route (its
   * prefix, because with use-regex the cookie's default Path is the location's regex): on an
   * Ingress wsingress rendered, it is not the app's own cookie path.
   */
  private boolean writerCookiePath(Ing s, String path) {
    if (!s.managed || valid(s, "rewrite-target") == null) {
      return false;
    }
    // The app's own cookie path, on a WebSocket Ingress of the same app that does not rewrite,
    // is the same text: then it is the app's, not the writer's.
    for (Ing o : served) {
      if (o != s
          && o.managed
          && o.m.namespace().equals(s.m.namespace())
          && java.util.Objects.equals(o.appName, s.appName)
          && o.values.containsKey("proxy-http-version")
          && valid(o, "rewrite-target") == null) {
        Value own = valid(o, "session-cookie-path");
        if (own != null && own.text().strip().equals(path)) {
          return false;
        }
      }
    }
    for (PathEntry p : paths(s)) {
      Optional<Rewrites.Prefix> r =
          Rewrites.read(p.path(), valid(s, "rewrite-target").text().strip());
      if (r.isPresent()) {
        String prefix = Rewrites.withoutTrailingSlash(r.get().path());
        return path.equals(prefix.isEmpty() ? "/" : prefix);
      }
    }
    return false;
  }

  private void cookieSecure(Ing s) {
    Value secure = s.values.get("session-cookie-secure");
    if (secure != null
        && secure.valid()
        && Boolean.FALSE.equals(GoValues.parseBool(secure.text()))) {
      // pkg/apis/ingress/types.go `Secure bool json:"secure,omitempty"`;
      // rootfs/etc/nginx/lua/balancer/sticky.lua: cookie_secure = ngx.var.https == "on".
      out.report(
          s.m,
          NginxFinding.COOKIE_SECURE_FALSE,
          secure.at(),
          "session-cookie-secure \"false\" changes nothing: ingress-nginx drops false"
              + " (pkg/apis/ingress/types.go `json:\"secure,omitempty\"`) and sets Secure on the"
              + " affinity cookie of every request that came over HTTPS (rootfs/etc/nginx/lua/"
              + "balancer/sticky.lua).");
    }
  }

  private Setting<RateLimit> rateLimit(Ing s) {
    Value rps = valid(s, "limit-rps");
    Value rpm = valid(s, "limit-rpm");
    long perSecond = rps == null ? 0 : GoValues.atoi(rps.text());
    long perMinute = rpm == null ? 0 : GoValues.atoi(rpm.text());
    Value multiplier = valid(s, "limit-burst-multiplier");
    Value used;
    RateLimit r;
    if (perSecond > 0) {
      r = RateLimit.handshakesPerSecond((int) Math.min(Integer.MAX_VALUE, perSecond));
      used = rps;
      if (perMinute > 0) {
        out.notCarried(
            s.m,
            "the annotation " + PREFIX + "limit-rpm",
            rpm.at(),
            "the spec holds one handshake rate, and limit-rps is carried");
      }
    } else if (perMinute > 0) {
      r = RateLimit.handshakesPerMinute((int) Math.min(Integer.MAX_VALUE, perMinute));
      used = rpm;
    } else {
      return null;
    }
    // ratelimit/main.go: Burst = limit * limit-burst-multiplier (defBurst 5 without it); the spec
    // without a burst keeps the controller's default.
    if (multiplier != null && GoValues.atoi(multiplier.text()) > 0) {
      long burst = GoValues.atoi(multiplier.text()) * (long) r.rate();
      r = r.burst((int) Math.min(Integer.MAX_VALUE, burst));
    }
    return Setting.of(r, used.at());
  }

  private Setting<Cors> cors(Ing s) {
    Value enable = valid(s, "enable-cors");
    if (enable == null || !Boolean.TRUE.equals(GoValues.parseBool(enable.text()))) {
      return null;
    }
    // cors/main.go Parse: origins split on ",", trimmed, "*" alone wins, origins that fail
    // corsOriginRegex are skipped; "*" when absent. When every origin is skipped the list is
    // empty, and nginx.tmpl "CORS" ({{ if $cors.CorsAllowOrigin }}) then never sets $cors: no
    // CORS header is sent at all.
    Value origin = valid(s, "cors-allow-origin");
    List<String> origins = new ArrayList<>();
    if (origin == null) {
      origins.add("*");
    } else {
      List<String> skipped = new ArrayList<>();
      for (String o : origin.text().split(",", -1)) {
        String t = o.strip();
        if (t.isEmpty()) {
          continue;
        }
        if (t.equals("*")) {
          origins = new ArrayList<>(List.of("*"));
          break;
        }
        if (CORS_ORIGIN.matcher(t).matches()) {
          origins.add(t);
        } else {
          skipped.add(quote(t));
        }
      }
      if (!skipped.isEmpty()) {
        out.report(
            s.m,
            NginxFinding.VALUE_IGNORED,
            origin.at(),
            "cors-allow-origin "
                + String.join(", ", skipped)
                + (skipped.size() == 1 ? " is" : " are")
                + " not of the form scheme://host[:port] (cors/main.go corsOriginRegex: a"
                + " lower-case scheme is required), so ingress-nginx skips "
                + (skipped.size() == 1 ? "it" : "them")
                + (origins.isEmpty()
                    ? "; no origin is left, and it sends no CORS header at all (nginx.tmpl"
                        + " \"CORS\": {{ if $cors.CorsAllowOrigin }})."
                    : "."));
      }
      if (origins.isEmpty()) {
        return null;
      }
    }
    Cors c = Cors.allowOrigins(origins.toArray(String[]::new));
    Value methods = valid(s, "cors-allow-methods");
    if (methods != null) {
      c = c.allowMethods(list(methods.text()));
    }
    Value headers = valid(s, "cors-allow-headers");
    if (headers != null) {
      c = c.allowHeaders(list(headers.text()));
    }
    Value expose = valid(s, "cors-expose-headers");
    if (expose != null) {
      c = c.exposeHeaders(list(expose.text()));
    }
    Value credentials = valid(s, "cors-allow-credentials");
    // cors/main.go: credentials default to true.
    c =
        c.allowCredentials(
            credentials == null || Boolean.TRUE.equals(GoValues.parseBool(credentials.text())));
    Value maxAge = valid(s, "cors-max-age");
    if (maxAge != null && GoValues.atoi(maxAge.text()) > 0) {
      c = c.maxAge(Duration.ofSeconds(GoValues.atoi(maxAge.text())));
    }
    return Setting.of(c, enable.at());
  }

  /** cors/main.go corsOriginRegex. */
  private static final Pattern CORS_ORIGIN =
      Pattern.compile("^([a-z]+://(\\*\\.)?[A-Za-z0-9\\-.]*(:\\d+)?|\\*|null)?$");

  private static String[] list(String text) {
    List<String> items = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      String t = part.strip();
      if (!t.isEmpty()) {
        items.add(t);
      }
    }
    return items.toArray(String[]::new);
  }

  private void backend(Ing s, Settings t) {
    Value protocol = valid(s, "backend-protocol");
    String p = protocol == null ? "HTTP" : protocol.text().strip().toUpperCase(Locale.ROOT);
    if (p.equals("HTTPS")) {
      t.backendProtocol = Setting.of(BackendProtocol.HTTPS, protocol.at());
    } else if (p.equals("HTTP")) {
      t.backendProtocol =
          protocol != null
              ? Setting.of(BackendProtocol.HTTP, protocol.at())
              : Setting.byDefault(
                  BackendProtocol.HTTP,
                  TEMPLATE + "internal/ingress/annotations/backendprotocol/main.go (HTTP)");
    } else {
      out.notCarried(
          s.m,
          "backend-protocol " + quote(protocol.text()),
          protocol.at(),
          "the spec's backends speak HTTP or HTTPS with the WebSocket upgrade");
    }
    // proxyssl/main.go: proxy-ssl-secret is namespace/name (same namespace unless
    // allow-cross-namespace-resources); the CA verifies the backend only with proxy-ssl-verify on.
    Value secret = valid(s, "proxy-ssl-secret");
    Value verify = valid(s, "proxy-ssl-verify");
    if (secret != null && verify != null && verify.text().strip().equals("on")) {
      String ref = secret.text().strip();
      int slash = ref.indexOf('/');
      String ns = slash < 0 ? "" : ref.substring(0, slash);
      String name = slash < 0 ? ref : ref.substring(slash + 1);
      if (ns.isEmpty() || ns.equals(s.m.namespace()) || s.m.namespace().isEmpty()) {
        t.backendCa = Setting.of(name, secret.at());
      } else {
        out.notCarried(
            s.m,
            "proxy-ssl-secret " + quote(ref),
            secret.at(),
            "the spec's backend CA Secret is in the app's namespace");
      }
    }
    if (!s.managed) {
      Value name = s.values.get("proxy-ssl-name");
      if (name != null) {
        out.notCarried(
            s.m,
            "the annotation " + PREFIX + "proxy-ssl-name",
            name.at(),
            "the spec verifies an HTTPS backend by its Service's name, <service>.<namespace>.svc");
      }
      Value serverName = valid(s, "proxy-ssl-server-name");
      if (serverName != null && serverName.text().strip().equals("off")) {
        out.notCarried(
            s.m,
            "proxy-ssl-server-name \"off\"",
            serverName.at(),
            "the spec sends the backend's name in SNI");
      }
    }
    Value depth = valid(s, "proxy-ssl-verify-depth");
    if (depth != null && GoValues.atoi(depth.text()) >= 1 && GoValues.atoi(depth.text()) <= 10) {
      t.verifyDepth = (int) GoValues.atoi(depth.text());
    }
  }

  private void evidence(Ing s, Settings t) {
    // The nginx writer puts proxy-http-version "1.1" on WebSocket routes only (RouteAnnotations
    // webSocket(): HTTP/1.1 is what the upgrade needs; plain routes keep the controller's default),
    // so on an Ingress wsingress rendered it marks a WebSocket route.
    Value version = s.values.get("proxy-http-version");
    if (s.managed && version != null) {
      t.webSocketEvidence =
          "the annotation "
              + PREFIX
              + "proxy-http-version: "
              + quote(version.text())
              + " ("
              + version.at()
              + "), which wsingress writes on WebSocket routes only";
      return;
    }
    for (String snippet : List.of("configuration-snippet", "server-snippet")) {
      Value v = s.values.get(snippet);
      if (v != null && UPGRADE_SNIPPET.matcher(v.text()).find()) {
        t.webSocketEvidence =
            "the annotation " + PREFIX + snippet + " sets the upgrade headers (" + v.at() + ")";
        return;
      }
    }
    Optional<String> services = s.m.annotation("nginx.org/websocket-services");
    if (services.isPresent()) {
      t.webSocketServices = List.of(list(services.get()));
      t.webSocketServicesAt = s.m.annotationSource("nginx.org/websocket-services");
    }
  }

  // ---- upstreams ------------------------------------------------------------------------------

  /**
   * One ingress-nginx upstream: a Service port of a namespace, named by number or by name
   * (controller/util.go upstreamName), shared by every location that routes to it, whose balancing
   * is the upstream's, not the location's.
   */
  private static final class Upstream {
    final String service;
    final String port;

    /** controller.go createUpstreams: the oldest Ingress that routes to it sets its hash. */
    final Ing createdBy;

    /** getBackendServers: the first affinity type of the Ingresses that route to it. */
    String type;

    /** The last Ingress with affinity: cookie, whose cookie settings the upstream keeps. */
    Ing cookieFrom;

    /** The first affinity-mode of the Ingresses that route to it. */
    Value mode;

    /** What the balancer uses (rootfs/etc/nginx/lua/balancer.lua get_implementation), or null. */
    Setting<Affinity> affinity;

    /** Where it comes from, for messages. */
    Ing affinityFrom;

    Upstream(String service, String port, Ing createdBy) {
      this.service = service;
      this.port = port;
      this.createdBy = createdBy;
    }
  }

  /** The upstream name of a path's backend (util.go upstreamName), or null without a Service. */
  private static String upstreamKey(PathEntry p) {
    return p.upstream();
  }

  private static String upstreamKey(Ing s, String[] sp) {
    return sp == null ? null : s.m.namespace() + "/" + sp[0] + "/" + sp[1];
  }

  private static String[] servicePort(JsonNode b) {
    JsonNode svc = b.path("service");
    if (svc.isObject()) {
      String name = svc.path("name").asText("");
      JsonNode port = svc.path("port");
      if (name.isEmpty()) {
        return null;
      }
      if (port.path("number").asInt(0) > 0) {
        return new String[] {name, port.path("number").asText()};
      }
      String portName = port.path("name").asText("");
      return portName.isEmpty() ? null : new String[] {name, portName};
    }
    String name = b.path("serviceName").asText("");
    String port = b.path("servicePort").asText("");
    return name.isEmpty() || port.isEmpty() ? null : new String[] {name, port};
  }

  /**
   * The balancing of every upstream, as ingress-nginx builds it from all the Ingresses in creation
   * order: createUpstreams (controller.go) gives a new upstream the upstream-hash-by of the Ingress
   * that first routes to it (skipping it for later ones); getBackendServers sets its affinity type
   * and mode from the first Ingress that has one and its cookie from every Ingress with affinity:
   * cookie, the last one winning; upstreams of canary Ingresses serve no location (NoServer).
   */
  private void upstreams() {
    for (Ing s : served) {
      for (PathEntry p : paths(s)) {
        String key = upstreamKey(p);
        if (key != null && !upstreams.containsKey(key)) {
          upstreams.put(key, new Upstream(p.service(), p.port(), s));
        }
      }
    }
    for (Ing s : served) {
      Value type = valid(s, "affinity");
      Value mode = valid(s, "affinity-mode");
      for (PathEntry p : paths(s)) {
        String key = upstreamKey(p);
        Upstream u = key == null ? null : upstreams.get(key);
        if (u == null || u.createdBy.canary) {
          continue;
        }
        if (u.type == null && type != null) {
          u.type = type.text().strip();
        }
        if (u.mode == null && mode != null) {
          u.mode = mode;
        }
        if (type != null && type.text().strip().equals("cookie")) {
          u.cookieFrom = s;
        }
      }
    }
    for (Upstream u : upstreams.values()) {
      if ("cookie".equals(u.type) && u.cookieFrom != null) {
        u.affinityFrom = u.cookieFrom;
        u.affinity = Setting.of(cookie(u.cookieFrom, u.mode), valid(u.cookieFrom, "affinity").at());
        continue;
      }
      Value hash = valid(u.createdBy, "upstream-hash-by");
      Affinity a = hash == null ? null : hashAffinity(hash.text().strip());
      if (a != null) {
        u.affinityFrom = u.createdBy;
        u.affinity = Setting.of(a, hash.at());
      }
    }
  }

  /**
   * The affinity of a route of an Ingress wsingress did not render: its upstream's, reported when
   * another Ingress's annotations decide it.
   */
  private Setting<Affinity> upstreamAffinity(PathEntry p) {
    Ing s = p.ing();
    Settings t = s.settings;
    String key = upstreamKey(p);
    Upstream u = key == null ? null : upstreams.get(key);
    if (u == null) {
      return t.affinity;
    }
    Affinity own = t.affinity == null ? null : t.affinity.value();
    Affinity used = u.affinity == null ? null : u.affinity.value();
    if (!java.util.Objects.equals(own, used) && upstreamReported.add(s.m.subject() + " " + key)) {
      String port = "Service " + u.service + " port " + u.port;
      String from = u.affinityFrom != null ? u.affinityFrom.m.subject() : u.createdBy.m.subject();
      String what =
          used == null
              ? "no affinity: "
                  + from
                  + ", the oldest Ingress that routes to it, sets no"
                  + " upstream-hash-by (controller.go createUpstreams)"
              : used instanceof CookieAffinity
                  ? "affinity: cookie from " + from + " (controller.go getBackendServers)"
                  : "upstream-hash-by "
                      + quote(valid(u.createdBy, "upstream-hash-by").text().strip())
                      + " of "
                      + from
                      + ", the oldest Ingress that routes to it (controller.go createUpstreams)";
      out.report(
          s.m,
          NginxFinding.UPSTREAM_AFFINITY_SHARED,
          t.affinity != null ? t.affinity.source().orElse(s.m.source()) : s.m.source(p.at()),
          port
              + " is one ingress-nginx upstream for every Ingress that routes to it, and it"
              + " balances with "
              + what
              + "; "
              + (own == null
                  ? "this Ingress's paths to it get that too, though it sets no affinity."
                  : "the affinity this Ingress sets for it does not apply."));
    }
    return u.affinity;
  }

  // ---- paths and hosts ------------------------------------------------------------------------

  private static List<PathEntry> paths(Ing s) {
    List<PathEntry> read = s.paths;
    if (read == null) {
      s.paths = read = List.copyOf(readPaths(s));
    }
    return read;
  }

  private static List<PathEntry> readPaths(Ing s) {
    List<PathEntry> out = new ArrayList<>();
    JsonNode rules = s.m.tree().path("spec").path("rules");
    for (int r = 0; r < rules.size(); r++) {
      JsonNode rule = rules.get(r);
      String host = rule.path("host").asText("");
      JsonNode paths = rule.path("http").path("paths");
      for (int p = 0; p < paths.size(); p++) {
        JsonNode path = paths.get(p);
        // store.go updateIngress: an empty path is "/"; v1beta1 without a pathType is
        // ImplementationSpecific, which SetDefaultNGINXPathType makes Prefix.
        String value = path.path("path").asText("");
        JsonNode backend = path.path("backend");
        String[] sp = servicePort(backend);
        out.add(
            new PathEntry(
                s,
                host,
                value.isEmpty() ? "/" : value,
                path.path("pathType").asText("ImplementationSpecific"),
                backend,
                "/spec/rules/" + r + "/http/paths/" + p,
                r,
                p,
                sp == null ? null : sp[0],
                sp == null ? null : sp[1],
                upstreamKey(s, sp)));
      }
    }
    return out;
  }

  /** Whether a location rewrites (template.go needsRewrite: a target other than its path). */
  private static boolean rewrites(PathEntry p) {
    String target = p.ing().settings.rewriteTarget;
    return target != null && !target.isEmpty() && !target.equals(p.path());
  }

  private void host(List<PathEntry> entries, Map<String, String> managedSnippets) {
    PathEntry regexCause = null;
    for (PathEntry p : entries) {
      if (rewrites(p) || p.ing().settings.useRegex) {
        regexCause = p;
        break;
      }
    }
    String host = entries.get(0).host();
    if (!host.isEmpty() && GoValues.isIp(host)) {
      out.report(
          entries.get(0).ing().m,
          NginxFinding.HOST_IP,
          entries.get(0).ing().m.source("/spec/rules/" + entries.get(0).rule() + "/host"),
          "host "
              + host
              + " is an IP address: the API server refuses the Ingress (k8s.io/api networking/v1"
              + " types.go: \"IPs are not allowed\"; pkg/apis/networking/validation"
              + " validateIngressRules: \"must be a DNS name, not an IP address\").");
    }
    if (regexCause != null) {
      regexHost(entries, regexCause);
    }
    Tls tls = null;
    Manifest tlsFrom = null;
    Source tlsAt = null;
    for (PathEntry p : entries) {
      JsonNode list = p.ing().m.tree().path("spec").path("tls");
      for (int i = 0; i < list.size() && tls == null; i++) {
        JsonNode t = list.get(i);
        List<String> hosts = new ArrayList<>();
        boolean mine = false;
        for (JsonNode h : t.path("hosts")) {
          hosts.add(h.asText());
          mine |= h.asText().equalsIgnoreCase(host);
        }
        String secret = t.path("secretName").asText("");
        if (mine && !secret.isEmpty()) {
          tls = Tls.secret(secret).hosts(hosts.toArray(String[]::new));
          tlsFrom = p.ing().m;
          tlsAt = tlsFrom.source("/spec/tls/" + i);
        }
      }
      if (tls != null) {
        break;
      }
    }
    Map<String, PathEntry> locations = new HashMap<>();
    for (PathEntry p : entries) {
      // controller.go getBackendServers: a path the server already has with the same pathType
      // (ImplementationSpecific is Prefix: internal/k8s/main.go SetDefaultNGINXPathType) keeps
      // the location of the older Ingress ("Location %q already configured").
      String type = p.type().equals("Exact") ? "Exact" : "Prefix";
      PathEntry first = locations.putIfAbsent(type + " " + p.path(), p);
      if (first != null) {
        shadowed(p, first, type);
        continue;
      }
      route(
          p,
          regexCause != null,
          tls,
          tlsFrom,
          tlsAt,
          managedSnippets,
          rewriteReported,
          webSocketReported);
    }
  }

  private void shadowed(PathEntry p, PathEntry first, String type) {
    Manifest m = p.ing().m;
    String host = p.host().isEmpty() ? "*" : p.host();
    out.report(
        m,
        NginxFinding.PATH_SHADOWED,
        m.source(p.at() + "/path"),
        "path "
            + p.path()
            + " ("
            + type
            + ") of host "
            + host
            + (first.ing() == p.ing()
                ? " repeats path " + first.path() + " of this Ingress"
                : " is also a path of " + first.ing().m.subject() + ", which is older")
            + ": ingress-nginx keeps the first location and ignores this one (controller.go"
            + " getBackendServers \"already configured\"; store.go sortIngressSlice orders the"
            + " Ingresses by creationTimestamp), so its backend gets no requests there.");
    out.notCarried(
        m,
        "the path " + quote(p.path()) + " of host " + host,
        m.source(p.at()),
        "ingress-nginx serves it from " + first.ing().m.subject());
  }

  private void regexHost(List<PathEntry> entries, PathEntry cause) {
    List<String> affected = new ArrayList<>();
    for (PathEntry p : entries) {
      boolean regexPath = p.type().equals("ImplementationSpecific") && p.ing().settings.useRegex;
      if (!regexPath && !rewrites(p) && !p.path().equals("/")) {
        affected.add(p.path() + " (" + p.ing().m.subject() + ")");
      }
    }
    if (affected.isEmpty()) {
      return;
    }
    Settings t = cause.ing().settings;
    Source at = rewrites(cause) ? t.rewriteAt : t.useRegexAt;
    out.report(
        cause.ing().m,
        NginxFinding.REWRITE_REGEX_HOST,
        at,
        (rewrites(cause) ? "rewrite-target" : "use-regex")
            + " on this Ingress makes ingress-nginx match every path of host "
            + (cause.host().isEmpty() ? "*" : cause.host())
            + ", on every Ingress, as a case-insensitive regular expression (location ~*"
            + " \"^<path>\"; template.go enforceRegexModifier, docs/user-guide/"
            + "ingress-path-matching.md): "
            + String.join(", ", affected)
            + " then match"
            + (affected.size() == 1 ? "es" : "")
            + " every path starting with those characters, in any case, and an Exact path"
            + " matches as a prefix.");
  }

  private void route(
      PathEntry p,
      boolean regexHost,
      Tls tls,
      Manifest tlsFrom,
      Source tlsAt,
      Map<String, String> managedSnippets,
      Set<Ing> reported,
      Set<Ing> webSocketReported) {
    Ing s = p.ing();
    Settings t = s.settings;
    Manifest m = s.m;
    String type = p.type();
    // Strict path validation (admission): Exact and Prefix paths only.
    if (type.equals("Exact") || type.equals("Prefix")) {
      StrictPaths.Verdict verdict =
          StrictPaths.judge(
              p.path(),
              type,
              s.controller.version,
              s.wide().strictPathType,
              s.wide().configMap == null ? "" : s.wide().where());
      if (verdict != null) {
        out.report(m, verdict.kind(), m.source(p.at() + "/path"), verdict.message());
      }
    }
    String path = p.path();
    PathMatch match;
    boolean ignoreCase = false;
    Rewrites.Prefix rewrite = null;
    if (!regexHost) {
      if (type.equals("Exact")) {
        match = PathMatch.EXACT;
      } else if (path.equals("/") || !path.endsWith("/")) {
        match = PathMatch.PREFIX;
      } else {
        match = PathMatch.CHARACTER_PREFIX;
      }
    } else if (rewrites(p)) {
      Optional<Rewrites.Prefix> r = Rewrites.read(path, t.rewriteTarget);
      if (r.isPresent()) {
        rewrite = r.get();
        path = rewrite.path();
        match = rewrite.byCharacters() ? PathMatch.CHARACTER_PREFIX : PathMatch.PREFIX;
      } else {
        // not a prefix rewrite (reported); the location still matches ~* "^<path>"
        String literal = Rewrites.literal(path);
        if (literal != null) {
          path = literal;
          match = PathMatch.CHARACTER_PREFIX;
        } else {
          match = PathMatch.REGEX_PREFIX;
          ignoreCase = true;
        }
        rewriteShape(s, p, reported);
      }
    } else {
      String literal = Rewrites.literal(path);
      if (path.equals("/")) {
        match = PathMatch.PREFIX;
      } else if (literal != null) {
        path = literal;
        match = PathMatch.CHARACTER_PREFIX;
      } else {
        match = PathMatch.REGEX_PREFIX;
        ignoreCase = true;
      }
    }
    String host = p.host();
    HostMatch hostMatch =
        host.isEmpty()
            ? HostMatch.ANY
            : host.startsWith("*.") ? HostMatch.WILDCARD_ONE_LABEL : HostMatch.EXACT;
    Parts parts =
        new Parts(target(s, managedSnippets), s, p, host, hostMatch, path, match, ignoreCase);
    if (match == PathMatch.REGEX_PREFIX) {
      // Only a regular expression path has to compile (the other matches read it literally).
      try {
        java.util.regex.Pattern.compile(
            path, ignoreCase ? java.util.regex.Pattern.CASE_INSENSITIVE : 0);
      } catch (java.util.regex.PatternSyntaxException e) {
        out.report(
            m,
            NginxFinding.PATH_REGEX_UNREAD,
            m.source(p.at() + "/path"),
            "the path "
                + quote(path)
                + " is a regular expression here (the host uses regular expressions), and it does"
                + " not compile as a Java regular expression, so the route is not read: "
                + e.getDescription()
                + ".");
        return;
      }
    }
    parts.backend = backend(s, p);
    parts.shared = s.managed ? null : upstreamAffinity(p);
    parts.rewrite = rewrite;
    parts.tls = tls == null ? null : Setting.of(tls.redirect(t.redirect), tlsAt);
    parts.tlsFrom = tlsFrom != null && tlsFrom != m ? tlsFrom : null;
    if (tls == null && t.redirect && s.values.containsKey("force-ssl-redirect")) {
      out.notCarried(
          m,
          "force-ssl-redirect without a TLS section for " + (host.isEmpty() ? "the host" : host),
          s.values.get("force-ssl-redirect").at(),
          "the spec redirects to HTTPS only with its own TLS certificate");
    }
    ServedRoute route = parts.build(false);
    if (!route.isWebSocket() && parts.plainRequestTimeout()) {
      route = parts.build(true);
    }
    out.add(route);
    if (route.isWebSocket() && webSocketReported.add(s)) {
      webSocketRules(s, t, route);
    }
  }

  private void rewriteShape(Ing s, PathEntry p, Set<Ing> reported) {
    // reported once per Ingress: the target is the same for every path
    String target = s.settings.rewriteTarget;
    boolean groups = p.path().contains("(");
    boolean references = target.matches(".*\\$[0-9].*");
    if ((!references || !groups) && reported.add(s)) {
      out.report(
          s.m,
          NginxFinding.REWRITE_NO_CAPTURE,
          s.settings.rewriteAt,
          "rewrite-target "
              + quote(target)
              + (references
                  ? " refers to capture groups the path " + quote(p.path()) + " does not have,"
                  : " uses no capture group,")
              + " so every request this Ingress matches is rewritten to "
              + quote(target.replaceAll("\\$[0-9]", ""))
              + " (template.go buildProxyPass: rewrite \"(?i)<path>\" <target> break;).");
    }
    out.notCarried(
        s.m,
        "the rewrite of " + quote(p.path()) + " to " + quote(target),
        s.settings.rewriteAt,
        "the spec rewrites a path prefix to another prefix, and this regex does not translate"
            + " to one");
  }

  private void webSocketRules(Ing s, Settings t, ServedRoute route) {
    Manifest m = s.m;
    if (t.read.origin() == Setting.Origin.DEFAULT) {
      out.report(
          m,
          NginxFinding.WS_TIMEOUT_DEFAULT,
          route.source(),
          "this Ingress carries WebSocket traffic ("
              + route.webSocketReason().orElse("")
              + ") and leaves proxy-read-timeout at its default of 60 s (configmap.md): nginx"
              + " closes an upgraded connection after 60 s without data in either direction"
              + " (ngx_http_upstream_process_upgraded re-arms proxy_read_timeout).");
    }
    if (!t.upgrade.value()) {
      out.report(
          m,
          NginxFinding.UPGRADE_BLOCKED,
          t.upgrade.source().orElse(route.source()),
          (s.values.containsKey("connection-proxy-header")
                  ? "connection-proxy-header replaces the Connection: upgrade header"
                  : "proxy-http-version 1.0 has no Upgrade mechanism")
              + " (nginx.tmpl \"Allow websocket connections\"), so the WebSocket handshake of this"
              + " route ("
              + route.webSocketReason().orElse("")
              + ") never reaches the pod as an upgrade.");
    }
    if (t.affinity != null && t.affinity.value() instanceof dev.wsingress.HeaderAffinity h) {
      out.report(
          m,
          NginxFinding.HEADER_AFFINITY,
          t.affinity.source().orElse(route.source()),
          "upstream-hash-by "
              + t.hashBy.value()
              + " hashes an empty key for every request without the "
              + h.header()
              + " header (balancer/chash.lua), so all of them go to one pod; the browser"
              + " WebSocket API (new WebSocket(url, protocols)) cannot send custom headers.");
    }
  }

  private ServedBackend backend(Ing s, PathEntry p) {
    JsonNode b = p.backend();
    JsonNode svc = b.path("service");
    String ns = s.m.namespace();
    Source at = s.m.source(p.at() + "/backend");
    if (b.has("resource")) {
      out.notCarried(
          s.m,
          "the resource backend of " + quote(p.path()),
          s.m.source(p.at() + "/backend/resource"),
          "the spec's routes go to a Service");
      return null;
    }
    if (svc.isObject()) {
      String name = svc.path("name").asText("");
      JsonNode port = svc.path("port");
      if (name.isEmpty()) {
        return null;
      }
      if (port.has("number")) {
        return in.backend(ns, name, port.path("number").asInt()).at(at);
      }
      if (port.has("name")) {
        return in.backend(ns, name, port.path("name").asText()).at(at);
      }
      return null;
    }
    // extensions/v1beta1 and networking.k8s.io/v1beta1: serviceName and servicePort.
    String name = b.path("serviceName").asText("");
    JsonNode port = b.path("servicePort");
    if (name.isEmpty() || port.isMissingNode()) {
      return null;
    }
    return port.isIntegralNumber() || GoValues.isInt(port.asText())
        ? in.backend(ns, name, (int) Math.min(65535, Math.max(0, GoValues.atoi(port.asText()))))
            .at(at)
        : in.backend(ns, name, port.asText()).at(at);
  }

  /** The target that serves an Ingress, configured as the input implies; one per configuration. */
  private Nginx target(Ing s, Map<String, String> managedSnippets) {
    Nginx t = reader.servingAs(s.className, s.controller, s.managed);
    if (s.managed) {
      String snippet = managedSnippets.get(s.m.namespace() + "/" + s.appName);
      if (snippet != null) {
        t = t.withRawServerSnippetUnchecked(snippet);
      }
      if (s.settings.verifyDepth != null) {
        t = t.backendTlsVerifyDepth(s.settings.verifyDepth);
      }
    }
    return t;
  }

  /** One route's parts, so that a plain route can be built again with its request timeout. */
  private final class Parts {
    final Nginx target;
    final Ing s;
    final Settings t;
    final PathEntry p;
    final String host;
    final HostMatch hostMatch;
    final String path;
    final PathMatch match;
    final boolean ignoreCase;
    ServedBackend backend;
    Rewrites.Prefix rewrite;
    Setting<Tls> tls;
    Manifest tlsFrom;
    Setting<Affinity> shared;

    Parts(
        Nginx target,
        Ing s,
        PathEntry p,
        String host,
        HostMatch hostMatch,
        String path,
        PathMatch match,
        boolean ignoreCase) {
      this.target = target;
      this.s = s;
      this.t = s.settings;
      this.p = p;
      this.host = host;
      this.hostMatch = hostMatch;
      this.path = path;
      this.match = match;
      this.ignoreCase = ignoreCase;
    }

    /** Whether the route's read and send timeouts are its own and equal: a request timeout. */
    boolean plainRequestTimeout() {
      return t.read.origin() == Setting.Origin.ROUTE
          && t.send.origin() == Setting.Origin.ROUTE
          && t.read.value().equals(t.send.value())
          && !t.read.value().isZero();
    }

    ServedRoute build(boolean asRequestTimeout) {
      ServedRoute.Builder b =
          ServedRoute.builder(target, s.m, s.m.source(p.at()))
              .host(host, hostMatch)
              .path(path, match, ignoreCase);
      if (backend != null) {
        b.backend(backend);
      }
      boolean managedPlain = s.managed && t.webSocketEvidence == null;
      if (asRequestTimeout || (managedPlain && plainRequestTimeout())) {
        // A plain route's request timeout is what the nginx writer renders as equal
        // proxy-read-timeout and proxy-send-timeout (RouteAnnotations plain()): the longest wait
        // between two reads or writes, ingress-nginx having no deadline for a whole request.
        b.requestTimeout(t.read);
      } else {
        // the idle timeout of an upgraded connection is proxy_read_timeout (class comment)
        b.idleTimeout(t.read).readTimeout(t.read).sendTimeout(t.send);
      }
      b.connectTimeout(t.connect)
          .upgrade(t.upgrade)
          .responseBuffering(t.responseBuffering)
          .requestBuffering(t.requestBuffering);
      if (t.backendProtocol != null) {
        b.backendProtocol(t.backendProtocol);
      }
      if (t.webSocketEvidence != null) {
        b.webSocketEvidence(t.webSocketEvidence);
      } else if (backend != null && t.webSocketServices.contains(backend.service())) {
        b.webSocketEvidence(
            "the annotation nginx.org/websocket-services names Service "
                + backend.service()
                + " ("
                + t.webSocketServicesAt
                + ")");
      }
      Setting<Affinity> affinity =
          s.managed ? (t.affinity != null && !sharedUpstreamHash() ? t.affinity : null) : shared;
      if (affinity != null) {
        b.affinity(affinity);
      }
      if (t.rateLimit != null) {
        b.rateLimit(t.rateLimit);
      }
      if (t.connections != null) {
        b.maxConnectionsPerClient(t.connections);
      }
      if (t.cors != null) {
        b.cors(t.cors);
      }
      if (t.backendCa != null) {
        b.backendCaSecret(t.backendCa);
      }
      if (tls != null) {
        b.tls(tls);
      }
      if (tlsFrom != null) {
        b.alsoFrom(tlsFrom);
      }
      if (rewrite != null) {
        b.rewrite(Setting.of(rewrite.rewrite(), t.rewriteAt));
      }
      if (s.appName != null) {
        b.appName(s.appName);
      }
      if (s.wide().configMap != null && s.wide().managed) {
        b.alsoFrom(s.wide().configMap);
      }
      return b.build();
    }

    /**
     * Whether the hash is the WebSocket routes' on a plain route that shares their Service port:
     * ingress-nginx keeps one upstream per Service port, set up by the oldest Ingress
     * (controller.go createUpstreams), and the nginx writer repeats the WebSocket routes' hash on
     * such a plain Ingress (NGINX-UPSTREAM-SHARED), so on an Ingress wsingress rendered it belongs
     * to the WebSocket routes.
     */
    private boolean sharedUpstreamHash() {
      return s.managed
          && t.webSocketEvidence == null
          && !(t.affinity.value() instanceof CookieAffinity);
    }
  }

  // ---- text ----------------------------------------------------------------------------------

  static String quote(String s) {
    return "\"" + s + "\"";
  }

  static String typeName(JsonNode n) {
    if (n.isBoolean()) {
      return "the boolean";
    }
    if (n.isNumber()) {
      return "the number";
    }
    if (n.isNull()) {
      return "null";
    }
    return n.isContainerNode() ? "a " + (n.isArray() ? "list" : "map") : "a " + n.getNodeType();
  }
}
