package dev.wsingress.nginx;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsingress.Manifest;
import dev.wsingress.Manifests;
import dev.wsingress.Reading;
import dev.wsingress.Setting;
import dev.wsingress.Source;
import dev.wsingress.Version;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ingress-nginx installations an input describes: from the controller's Deployment or DaemonSet
 * when the input has it (its flags and image), else one installation with the defaults of the
 * static manifests (deploy/static/provider/cloud/deploy.yaml at controller-v1.15.1: {@code
 * --controller-class=k8s.io/ingress-nginx}, {@code --ingress-class=nginx}, {@code
 * --configmap=$(POD_NAMESPACE)/ingress-nginx-controller}); and for each its controller ConfigMap
 * and the controller-wide settings that ConfigMap gives every Ingress.
 */
final class Controllers {
  private Controllers() {}

  /**
   * ingress-nginx's controller name (internal/ingress/controller/ingressclass
   * DefaultControllerName).
   */
  static final String CONTROLLER_CLASS = "k8s.io/ingress-nginx";

  /** F5 NGINX Ingress Controller's controller name (v5.5.4 internal/k8s/controller.go). */
  static final String F5_CONTROLLER_CLASS = "nginx.org/ingress-controller";

  private static final String CONFIG = "ingress-nginx controller-v1.15.1 ";
  private static final String CONFIGMAP_MD =
      CONFIG + "docs/user-guide/nginx-configuration/configmap.md";

  /** The controller image and its release: registry.k8s.io/ingress-nginx/controller:v1.15.1. */
  private static final Pattern IMAGE =
      Pattern.compile("(?:^|/)ingress-nginx/controller(?:-chroot)?:v?(\\d+)\\.(\\d+)(?:\\.\\d+)?");

  /**
   * The old image name, before 0.34:
   * quay.io/kubernetes-ingress-controller/nginx-ingress-controller.
   */
  private static final Pattern OLD_IMAGE =
      Pattern.compile("(?:^|/)nginx-ingress-controller:(?:v)?(\\d+)\\.(\\d+)");

  /**
   * Keys only ingress-nginx's ConfigMap has (F5 NGINX Ingress Controller's ConfigMap names them
   * otherwise: client-max-body-size, worker-connections, proxy-protocol, http2, enable-snippets).
   */
  private static final Set<String> DISTINCTIVE_KEYS =
      Set.of(
          "allow-snippet-annotations",
          "annotations-risk-level",
          "annotation-value-word-blocklist",
          "use-forwarded-headers",
          "compute-full-forwarded-for",
          "enable-real-ip",
          "use-proxy-protocol",
          "proxy-body-size",
          "max-worker-connections",
          "strict-validate-path-type",
          "use-http2",
          "upstream-keepalive-connections",
          "enable-brotli",
          "use-gzip",
          "allow-cross-namespace-resources",
          "global-allowed-response-headers");

  /** One ingress-nginx installation. */
  static final class Controller {
    /** Its Deployment or DaemonSet, when the input has it. */
    final Manifest workload;

    /** --controller-class. */
    final String controllerClass;

    /** --ingress-class: the value of the deprecated annotation it serves. */
    final String ingressClass;

    /** --watch-ingress-without-class. */
    final boolean watchWithoutClass;

    /** --ingress-class-by-name. */
    final boolean classByName;

    /** The release line it runs (from the image), else the reader's. */
    final Version version;

    /** --enable-annotation-validation: true from v1.12 unless the flag says. */
    final boolean annotationValidation;

    /** The namespace/name --configmap names, or null. */
    final String configMapName;

    /** Controller-wide settings. */
    final Wide wide;

    Controller(
        Manifest workload,
        String controllerClass,
        String ingressClass,
        boolean watchWithoutClass,
        boolean classByName,
        Version version,
        boolean annotationValidation,
        String configMapName,
        Wide wide) {
      this.workload = workload;
      this.controllerClass = controllerClass;
      this.ingressClass = ingressClass;
      this.watchWithoutClass = watchWithoutClass;
      this.classByName = classByName;
      this.version = version;
      this.annotationValidation = annotationValidation;
      this.configMapName = configMapName;
      this.wide = wide;
    }

    /** Whether this controller serves the IngressClass (store.go ingressClassEventHandler). */
    boolean serves(Manifest ingressClass) {
      String controller = ingressClass.tree().path("spec").path("controller").asText("");
      return controller.equals(controllerClass)
          || (classByName && ingressClass.name().equals(this.ingressClass));
    }
  }

  /**
   * The settings a controller ConfigMap gives every Ingress of its controller, each with its
   * origin: the ConfigMap key (controller-wide) or the controller's default.
   */
  static final class Wide {
    /** The ConfigMap, or null when the input has none for this controller. */
    final Manifest configMap;

    /** Whether wsingress rendered it (app.kubernetes.io/managed-by: wsingress). */
    final boolean managed;

    final Map<String, String> data = new LinkedHashMap<>();
    Setting<Duration> readTimeout;
    Setting<Duration> sendTimeout;
    Setting<Duration> connectTimeout;
    Setting<Boolean> responseBuffering;
    Setting<Boolean> requestBuffering;
    Setting<String> httpVersion;
    Setting<Boolean> sslRedirect;
    Setting<Boolean> forceSslRedirect;
    boolean allowSnippets;
    Source allowSnippetsAt;
    IngressAnnotations.Risk riskLevel;
    Source riskLevelAt;
    Boolean strictPathType;
    Source strictPathTypeAt;
    String wordBlocklist;
    Source wordBlocklistAt;

    Wide(Manifest configMap, boolean managed) {
      this.configMap = configMap;
      this.managed = managed;
    }

    /** Where the ConfigMap is, for messages: {@code ConfigMap ns/name (file:line)}. */
    String where() {
      return configMap == null ? "" : configMap.subject() + " (" + configMap.source() + ")";
    }
  }

  /** The controllers of the input, each with its ConfigMap; reports what it assumed. */
  static List<Controller> find(Manifests in, Nginx reader, Reading out) {
    List<Controller> found = new ArrayList<>();
    for (Manifest w : in.workloads()) {
      JsonNode container = controllerContainer(w);
      if (container != null) {
        found.add(fromWorkload(in, reader, w, container, out));
      }
    }
    if (found.isEmpty()) {
      Manifest cm = assumedConfigMap(in, out);
      Version v = reader.version().orElseThrow();
      found.add(
          new Controller(
              null,
              CONTROLLER_CLASS,
              Nginx.DEFAULT_INGRESS_CLASS,
              false,
              false,
              v,
              v.isAtLeast(Version.of(1, 12)),
              null,
              wide(cm, v, out)));
    }
    return found;
  }

  /** The controller container of an ingress-nginx workload, or null. */
  private static JsonNode controllerContainer(Manifest w) {
    JsonNode containers = w.podTemplate().orElseThrow().path("spec").path("containers");
    for (JsonNode c : containers) {
      String image = c.path("image").asText("");
      if (IMAGE.matcher(image).find()
          || (OLD_IMAGE.matcher(image).find() && !image.contains("nginx/nginx-ingress"))) {
        return c;
      }
      for (JsonNode a : c.path("args")) {
        if (a.asText("").endsWith("/nginx-ingress-controller")) {
          return c;
        }
      }
    }
    return null;
  }

  private static Controller fromWorkload(
      Manifests in, Nginx reader, Manifest w, JsonNode container, Reading out) {
    Map<String, String> flags = flags(container.path("args"));
    String ns = w.namespace();
    String controllerClass = flags.getOrDefault("controller-class", CONTROLLER_CLASS);
    String ingressClass = flags.getOrDefault("ingress-class", Nginx.DEFAULT_INGRESS_CLASS);
    boolean withoutClass = "true".equals(flags.get("watch-ingress-without-class"));
    boolean byName = "true".equals(flags.get("ingress-class-by-name"));
    Version readerVersion = reader.version().orElseThrow();
    Version version = readerVersion;
    String release = null;
    Matcher m = IMAGE.matcher(container.path("image").asText(""));
    if (m.find()) {
      release = "v" + m.group(1) + "." + m.group(2);
      Version v = Version.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
      List<Version> supported = Nginx.SUPPORTED;
      if (supported.contains(v)) {
        version = v;
      } else if (v.compareTo(supported.get(0)) < 0) {
        version = supported.get(0);
      } else {
        version = supported.get(supported.size() - 1);
      }
    }
    String validationFlag = flags.get("enable-annotation-validation");
    boolean validation =
        validationFlag != null
            ? !validationFlag.equals("false")
            : version.isAtLeast(Version.of(1, 12));
    String configMapName = flags.get("configmap");
    Manifest cm = null;
    if (configMapName != null) {
      configMapName = configMapName.replace("$(POD_NAMESPACE)", ns);
      int slash = configMapName.indexOf('/');
      String cmNs = slash < 0 ? ns : configMapName.substring(0, slash);
      String cmName = slash < 0 ? configMapName : configMapName.substring(slash + 1);
      configMapName = cmNs + "/" + cmName;
      cm = in.find("", "ConfigMap", cmNs, cmName).orElse(null);
      if (cm != null) {
        out.understood(cm);
      }
    }
    StringBuilder says = new StringBuilder();
    says.append(w.subject())
        .append(" runs the ingress-nginx controller")
        .append(release == null ? "" : " " + release)
        .append(" with --controller-class=")
        .append(controllerClass)
        .append(", --ingress-class=")
        .append(ingressClass)
        .append(", --watch-ingress-without-class=")
        .append(withoutClass)
        .append(", annotation validation ")
        .append(validation ? "on" : "off");
    if (configMapName == null) {
      says.append(" and no --configmap (every ConfigMap key keeps its default)");
    } else {
      says.append(" and --configmap=")
          .append(configMapName)
          .append(cm == null ? " (not in the input: its keys are taken as the defaults)" : "");
    }
    if (release != null && !version.toString().equals(release.substring(1))) {
      says.append("; ")
          .append(release)
          .append(" is outside the releases this reader knows, so it reads with the rules of v")
          .append(version);
    }
    out.understood(w);
    out.report(w, NginxFinding.CONTROLLER_FOUND, w.source(), says.append(".").toString());
    return new Controller(
        w,
        controllerClass,
        ingressClass,
        withoutClass,
        byName,
        version,
        validation,
        configMapName,
        wide(cm, version, out));
  }

  /** {@code --name=value}, {@code --name value} and {@code --flag} (true) of the container args. */
  static Map<String, String> flags(JsonNode args) {
    Map<String, String> flags = new LinkedHashMap<>();
    List<String> all = new ArrayList<>();
    for (JsonNode a : args) {
      all.add(a.asText(""));
    }
    for (int i = 0; i < all.size(); i++) {
      String a = all.get(i);
      if (!a.startsWith("-")) {
        continue;
      }
      String name = a.replaceFirst("^--?", "");
      int eq = name.indexOf('=');
      if (eq >= 0) {
        flags.put(name.substring(0, eq), name.substring(eq + 1));
      } else if (i + 1 < all.size() && !all.get(i + 1).startsWith("-")) {
        flags.put(name, all.get(++i));
      } else {
        flags.put(name, "true");
      }
    }
    return flags;
  }

  /**
   * The ConfigMap that looks like the controller's when the input has no controller to name one:
   * wsingress's own, else one named as the static manifests and the Helm chart name it ({@code
   * ingress-nginx-controller}, {@code <release>-ingress-nginx-controller}, the older {@code
   * nginx-configuration} and {@code <release>-nginx-ingress-controller}) or labelled as the chart
   * labels it (app.kubernetes.io/name: ingress-nginx, component: controller), else one whose keys
   * are all ingress-nginx ConfigMap keys with at least one that only ingress-nginx has.
   */
  private static Manifest assumedConfigMap(Manifests in, Reading out) {
    Manifest byName = null;
    Manifest byKeys = null;
    for (Manifest cm : in.objects("", "ConfigMap")) {
      if (Boolean.TRUE.equals(managedController(cm))) {
        byName = byName == null ? cm : byName;
        continue;
      }
      String n = cm.name();
      boolean named =
          n.equals("ingress-nginx-controller")
              || n.endsWith("-ingress-nginx-controller")
              || n.equals("nginx-configuration")
              || n.endsWith("-nginx-ingress-controller")
              || (cm.label("app.kubernetes.io/name").map("ingress-nginx"::equals).orElse(false)
                  && cm.label("app.kubernetes.io/component")
                      .map("controller"::equals)
                      .orElse(false));
      if (named && byName == null) {
        byName = cm;
      } else if (!named && byKeys == null && keysLookLikeController(cm)) {
        byKeys = cm;
      }
    }
    Manifest cm = byName != null ? byName : byKeys;
    if (cm == null) {
      return null;
    }
    out.understood(cm);
    if (!Boolean.TRUE.equals(managedController(cm))) {
      out.report(
          cm,
          NginxFinding.CONFIGMAP_ASSUMED,
          cm.source(),
          cm.subject()
              + " looks like the ingress-nginx controller ConfigMap ("
              + (cm == byName ? "by its name" : "by its keys")
              + "), so its keys are read as controller-wide settings of every Ingress"
              + " ingress-nginx serves here; that holds only if the controller's --configmap names"
              + " it (the static manifests: --configmap=$(POD_NAMESPACE)/ingress-nginx-controller,"
              + " deploy/static/provider/cloud/deploy.yaml at controller-v1.15.1).");
    }
    return cm;
  }

  /** Whether wsingress rendered this ConfigMap as the controller's (null: not wsingress's). */
  static Boolean managedController(Manifest cm) {
    return cm.label("app.kubernetes.io/managed-by").map("wsingress"::equals).orElse(false)
        ? Boolean.TRUE
        : null;
  }

  private static boolean keysLookLikeController(Manifest cm) {
    JsonNode data = cm.tree().path("data");
    if (!data.isObject() || data.isEmpty()) {
      return false;
    }
    boolean distinctive = false;
    Iterator<String> it = data.fieldNames();
    while (it.hasNext()) {
      String k = it.next();
      if (!IngressAnnotations.CONFIGMAP_KEYS.contains(k)) {
        return false;
      }
      distinctive |= DISTINCTIVE_KEYS.contains(k);
    }
    return distinctive;
  }

  /** The controller-wide settings of a ConfigMap (or of none: the defaults). */
  static Wide wide(Manifest cm, Version version, Reading out) {
    Wide w = new Wide(cm, cm != null && Boolean.TRUE.equals(managedController(cm)));
    if (cm != null) {
      JsonNode data = cm.tree().path("data");
      Iterator<Map.Entry<String, JsonNode>> it = data.properties().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode v = e.getValue();
        if (!v.isTextual()) {
          out.report(
              cm,
              NginxFinding.NOT_A_STRING,
              cm.source(data, e.getKey()),
              "data."
                  + e.getKey()
                  + " is "
                  + IngressReader.typeName(v)
                  + " "
                  + v.asText()
                  + ", not a string: the API server refuses the ConfigMap (ConfigMap data is"
                  + " map[string]string).");
        }
        if (v.isValueNode() && !v.isNull()) {
          w.data.put(e.getKey(), v.asText());
        }
      }
    }
    // internal/ingress/controller/config/config.go NewDefault and
    // internal/ingress/defaults/main.go, read through template/configmap.go ReadConfig
    // (mapstructure, weakly typed: a value that does not decode keeps the default).
    w.readTimeout = seconds(w, "proxy-read-timeout", 60, out);
    w.sendTimeout = seconds(w, "proxy-send-timeout", 60, out);
    w.connectTimeout = seconds(w, "proxy-connect-timeout", 5, out);
    w.responseBuffering = onOff(w, "proxy-buffering", false, out);
    w.requestBuffering = onOff(w, "proxy-request-buffering", true, out);
    w.httpVersion = text(w, "proxy-http-version", "1.1");
    w.sslRedirect = bool(w, "ssl-redirect", true, out);
    w.forceSslRedirect = bool(w, "force-ssl-redirect", false, out);
    // ingress-nginx controller-v1.10.0 to v1.15.1: upstreamhashby/main.go Parse reads only the
    // annotation, and the UpstreamHashBy* fields of internal/ingress/defaults/main.go are read
    // nowhere (controller.go createUpstreams copies the Ingress's annotation), so these keys
    // decode into the defaults and change nothing.
    for (String key :
        List.of("upstream-hash-by", "upstream-hash-by-subset", "upstream-hash-by-subset-size")) {
      if (w.data.containsKey(key)) {
        out.report(
            cm,
            NginxFinding.CONFIGMAP_KEY_UNREAD,
            at(w, key),
            key
                + " in the controller ConfigMap does nothing: ingress-nginx reads it only as the"
                + " Ingress annotation "
                + IngressAnnotations.PREFIX
                + key
                + " (upstreamhashby/main.go; the field of internal/ingress/defaults/main.go is read"
                + " nowhere).");
      }
    }
    // config.go: AllowSnippetAnnotations false (since controller-v1.9.1; true at v1.9.0);
    // AnnotationsRiskLevel "Critical" in v1.10 and v1.11, "High" from v1.12.0
    // (changelog/controller-1.12.0.md).
    Setting<Boolean> snippets = bool(w, "allow-snippet-annotations", false, out);
    w.allowSnippets = snippets.value();
    w.allowSnippetsAt = snippets.source().orElse(null);
    String risk = w.data.get("annotations-risk-level");
    w.riskLevel =
        risk != null
            ? IngressAnnotations.Risk.of(risk)
            : version.isAtLeast(Version.of(1, 12))
                ? IngressAnnotations.Risk.HIGH
                : IngressAnnotations.Risk.CRITICAL;
    w.riskLevelAt = risk != null ? at(w, "annotations-risk-level") : null;
    // config.go AnnotationValueWordBlocklist, default "" (off).
    String words = w.data.get("annotation-value-word-blocklist");
    if (words != null && !words.isEmpty()) {
      w.wordBlocklist = words;
      w.wordBlocklistAt = at(w, "annotation-value-word-blocklist");
    }
    if (w.data.containsKey("strict-validate-path-type")) {
      Setting<Boolean> strict = bool(w, "strict-validate-path-type", true, out);
      if (strict.origin() == Setting.Origin.CONTROLLER) {
        w.strictPathType = strict.value();
        w.strictPathTypeAt = strict.source().orElseThrow();
      }
    }
    return w;
  }

  static Source at(Wide w, String key) {
    return w.configMap.source(w.configMap.tree().path("data"), key);
  }

  private static String reference(String key, Object value) {
    return CONFIGMAP_MD + " (" + key + ": " + value + ")";
  }

  /** A ConfigMap value the controller reads otherwise than written: {@code key: "value" rest}. */
  private static void valueProblem(Wide w, String key, String value, Reading out, String rest) {
    out.report(
        w.configMap,
        NginxFinding.CONFIGMAP_VALUE,
        at(w, key),
        key + ": " + IngressReader.quote(value) + rest);
  }

  private static void invalid(
      Wide w, String key, String value, String rule, Object def, Reading out) {
    valueProblem(
        w,
        key,
        value,
        out,
        " is not "
            + rule
            + ", so the controller keeps the default "
            + def
            + " (template/configmap.go ReadConfig decodes it weakly typed and keeps the default on"
            + " an error).");
  }

  private static Setting<Duration> seconds(Wide w, String key, int def, Reading out) {
    String v = w.data.get(key);
    Setting<Duration> d = Setting.byDefault(Duration.ofSeconds(def), reference(key, def));
    if (v == null) {
      return d;
    }
    // mapstructure v1.5.0 decodeInt (weakly typed): "" is "0", then strconv.ParseInt(v, 0, 64).
    Long n = GoValues.parseIntBase0(v.isEmpty() ? "0" : v);
    if (n == null) {
      invalid(w, key, v, "an integer number of seconds", def, out);
      return d;
    }
    if (!GoValues.isInt(v) || (v.length() > 1 && v.matches("[+-]?0[0-9_]+"))) {
      valueProblem(
          w,
          key,
          v,
          out,
          " decodes as "
              + n
              + " s, not the default "
              + def
              + " (template/configmap.go ReadConfig decodes weakly typed: mapstructure reads an"
              + " empty string as 0 and the rest with strconv.ParseInt base 0, where a leading 0"
              + " is octal and 0x hexadecimal).");
    }
    if (n < 0) {
      // nginx release-1.27.1 src/core/ngx_parse.c ngx_parse_time refuses "-60s".
      valueProblem(
          w,
          key,
          v,
          out,
          " is negative: nginx refuses "
              + key.replace('-', '_')
              + " "
              + n
              + "s (ngx_parse_time), so no configuration passes nginx -t (nginx.go testTemplate)"
              + " and the controller cannot reload.");
    }
    return Setting.controllerWide(Duration.ofSeconds(Math.max(0, n)), at(w, key));
  }

  private static Setting<Boolean> bool(Wide w, String key, boolean def, Reading out) {
    String v = w.data.get(key);
    Setting<Boolean> d = Setting.byDefault(def, reference(key, "\"" + def + "\""));
    if (v == null) {
      return d;
    }
    Boolean b = v.isEmpty() ? Boolean.FALSE : GoValues.parseBool(v);
    if (b == null) {
      invalid(w, key, v, "true or false", "\"" + def + "\"", out);
      return d;
    }
    return Setting.controllerWide(b, at(w, key));
  }

  private static Setting<Boolean> onOff(Wide w, String key, boolean def, Reading out) {
    String v = w.data.get(key);
    Setting<Boolean> d = Setting.byDefault(def, reference(key, def ? "\"on\"" : "\"off\""));
    if (v == null) {
      return d;
    }
    // config.go: a string written into nginx.conf as it is (nginx.tmpl "proxy_buffering {{
    // $location.Proxy.ProxyBuffering }}"), where nginx release-1.27.1 src/core/ngx_conf_file.c
    // ngx_conf_set_flag_slot takes on or off in any case and refuses anything else.
    String t = v.strip();
    if (!t.equalsIgnoreCase("on") && !t.equalsIgnoreCase("off")) {
      valueProblem(
          w,
          key,
          v,
          out,
          " is not on or off: the controller writes it into nginx.conf as it is, where nginx"
              + " refuses it (ngx_conf_set_flag_slot \"invalid value\"), so no configuration with"
              + " it passes nginx -t (nginx.go testTemplate) and the controller cannot reload.");
      return d;
    }
    return Setting.controllerWide(t.equalsIgnoreCase("on"), at(w, key));
  }

  private static Setting<String> text(Wide w, String key, String def) {
    String v = w.data.get(key);
    return v == null
        ? Setting.byDefault(def, reference(key, "\"" + def + "\""))
        : Setting.controllerWide(v.strip(), at(w, key));
  }
}
