package dev.wsingress.nginx;

import dev.wsingress.Contributions;
import dev.wsingress.Finding;
import dev.wsingress.Ingresses;
import dev.wsingress.InvalidSpecException;
import dev.wsingress.Problem;
import dev.wsingress.RenderContext;
import dev.wsingress.Rendering;
import dev.wsingress.SpecRules;
import dev.wsingress.Target;
import dev.wsingress.WebSocketApp;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The ingress-nginx target (kubernetes/ingress-nginx): a {@code networking.k8s.io/v1} Ingress whose
 * annotations carry every WebSocket setting of the spec, and optionally the controller ConfigMap.
 *
 * <p>ingress-nginx is retired (best-effort maintenance ended March 2026); every rendering says so
 * in an {@code NGINX-RETIRED} finding.
 *
 * <pre>{@code
 * Rendering out = Nginx.target()
 *     .ingressClass("nginx")
 *     .controllerConfig("ingress-nginx", "ingress-nginx-controller")
 *     .render(app);
 * }</pre>
 *
 * <p>Instances are immutable; every option returns a changed copy and rejects bad input at once
 * with an {@link InvalidSpecException}.
 */
public final class Nginx implements Target {
  /** The default IngressClass name. */
  public static final String DEFAULT_INGRESS_CLASS = "nginx";

  private final String ingressClass;
  private final ControllerConfig controllerConfig;
  private final String rawServerSnippet;
  private final boolean lenient;

  /** For {@link java.util.ServiceLoader}; use {@link #target()}. */
  public Nginx() {
    this(DEFAULT_INGRESS_CLASS, null, null, false);
  }

  private Nginx(
      String ingressClass,
      ControllerConfig controllerConfig,
      String rawServerSnippet,
      boolean lenient) {
    this.ingressClass = ingressClass;
    this.controllerConfig = controllerConfig;
    this.rawServerSnippet = rawServerSnippet;
    this.lenient = lenient;
  }

  /** The ingress-nginx target with default options (IngressClass {@code nginx}, strict). */
  public static Nginx target() {
    return new Nginx();
  }

  /**
   * Sets {@code spec.ingressClassName}.
   *
   * @throws InvalidSpecException when the name is not an RFC 1123 subdomain
   */
  public Nginx ingressClass(String name) {
    List<Problem> problems = new ArrayList<>();
    if (!SpecRules.dnsSubdomain(problems, "ingressClass", name)) {
      throw new InvalidSpecException("Nginx", problems);
    }
    return new Nginx(name, controllerConfig, rawServerSnippet, lenient);
  }

  /**
   * Also renders the controller ConfigMap {@code namespace/name} with the app's timeouts as the
   * controller-wide defaults. The name must be the one the controller's {@code --configmap}
   * argument names ({@code ingress-nginx/ingress-nginx-controller} for the static manifests).
   *
   * @throws InvalidSpecException when the namespace or name is invalid
   */
  public Nginx controllerConfig(String namespace, String name) {
    return controllerConfig(ControllerConfig.in(namespace, name));
  }

  /** Also renders the controller ConfigMap described by {@code config}. */
  public Nginx controllerConfig(ControllerConfig config) {
    if (config == null) {
      throw InvalidSpecException.of(
          "Nginx",
          "controllerConfig",
          null,
          "is required",
          "use ControllerConfig.in(\"ingress-nginx\", \"ingress-nginx-controller\")");
    }
    return new Nginx(ingressClass, config, rawServerSnippet, lenient);
  }

  /**
   * Raw escape hatch: puts {@code snippet} verbatim into the server block through the {@code
   * server-snippet} annotation. Every rendering then reports {@code NGINX-RAW-SNIPPET}: the
   * controller refuses snippets unless its administrator opens two gates. The snippet may not
   * contain {@code location} blocks, file or code loading directives ({@code include}, {@code
   * root}, {@code alias}, {@code *_by_lua}, {@code load_module}), {@code proxy_pass}, control
   * characters, or unbalanced braces.
   *
   * @throws InvalidSpecException when the snippet breaks one of those rules
   */
  public Nginx rawServerSnippet(String snippet) {
    List<Problem> problems = new ArrayList<>();
    RawSnippets.check(problems, "rawServerSnippet", snippet);
    if (!problems.isEmpty()) {
      throw new InvalidSpecException("Nginx", problems);
    }
    return new Nginx(ingressClass, controllerConfig, snippet, lenient);
  }

  /**
   * Renders what ingress-nginx can only approximate, reporting warnings instead of failing: a
   * connect timeout above 75 s becomes 75 s; unexpressible settings are left out.
   */
  @Override
  public Nginx lenient() {
    return new Nginx(ingressClass, controllerConfig, rawServerSnippet, true);
  }

  @Override
  public String id() {
    return "nginx";
  }

  @Override
  public String displayName() {
    return "ingress-nginx";
  }

  @Override
  public List<Class<? extends HasMetadata>> resourceTypes() {
    return List.of(Ingress.class, ConfigMap.class);
  }

  @Override
  public void contribute(WebSocketApp app, Contributions.Builder out) {
    // The controller of the official manifests and Helm chart runs in namespace ingress-nginx as
    // ServiceAccount ingress-nginx (deploy/static/provider/*), and proxies straight to the
    // endpoints it reads (no kube-proxy), so Service sessionAffinity does not reach its traffic.
    out.trafficFrom("ingress-nginx", "ingress-nginx").balancesOverEndpoints();
  }

  @Override
  public Rendering render(WebSocketApp app, RenderContext context) {
    Objects.requireNonNull(app, "app");
    Rendering.Builder out = Rendering.builder("ingress-nginx", lenient);
    String subject = "Ingress " + app.namespace() + "/" + app.name();
    out.add(
        NginxFinding.RETIRED.at(
            subject,
            "ingress-nginx is retired: best-effort maintenance ended in March 2026 and there are"
                + " no further releases or security fixes."));
    if (ingressClass.equals(DEFAULT_INGRESS_CLASS)) {
      out.add(
          NginxFinding.INGRESS_CLASS_AMBIGUOUS.at(
              subject,
              "IngressClass \"nginx\" is the default name of both ingress-nginx"
                  + " (controller k8s.io/ingress-nginx) and F5 NGINX Ingress Controller"
                  + " (nginx.org/ingress-controller), which reads none of these annotations."));
    }
    Map<String, String> annotations = Annotations.of(app, subject, out, rawServerSnippet);
    out.add(Ingresses.of(app, app.name(), ingressClass, annotations, true));
    if (controllerConfig != null) {
      ConfigMap cm = controllerConfig.toConfigMap(app);
      String cmSubject = Finding.subjectOf(cm);
      out.add(cm);
      out.add(
          NginxFinding.CONFIGMAP_NAME.at(
              cmSubject,
              "ingress-nginx reads only the ConfigMap named by its --configmap argument:"
                  + " ingress-nginx/ingress-nginx-controller for the static manifests,"
                  + " <release>-ingress-nginx-controller for Helm."));
      out.add(
          NginxFinding.CONTROLLER_WIDE.at(
              cmSubject,
              "the ConfigMap's keys apply to every Ingress of this controller, not only to "
                  + app.name()
                  + "."));
    }
    return out.build();
  }

  @Override
  public String toString() {
    return "Nginx[ingressClass="
        + ingressClass
        + (controllerConfig != null ? ", " + controllerConfig : "")
        + (rawServerSnippet != null ? ", rawServerSnippet" : "")
        + (lenient ? ", lenient" : "")
        + "]";
  }

  /**
   * The ingress-nginx controller ConfigMap: only keys ingress-nginx reads (configmap.md), typed.
   * Keys other controllers use ({@code proxy-buffers}, {@code worker-connections}: F5 NGINX Ingress
   * Controller) or that no longer exist ({@code ssl-prefer-server-ciphers}, {@code
   * http2-max-field-size}) cannot be written. Timeouts and buffering not set here are taken from
   * the app.
   *
   * <pre>{@code
   * ControllerConfig.in("ingress-nginx", "ingress-nginx-controller")
   *     .maxWorkerConnections(10240)
   *     .workerShutdownTimeout(Duration.ofMinutes(4))
   *     .limitStatusCodes(429);
   * }</pre>
   */
  public static final class ControllerConfig {
    private final String namespace;
    private final String name;
    private final Map<String, String> data;

    private ControllerConfig(String namespace, String name, Map<String, String> data) {
      this.namespace = namespace;
      this.name = name;
      this.data = data;
    }

    /**
     * The ConfigMap {@code namespace/name}.
     *
     * @throws InvalidSpecException when either is not a valid name
     */
    public static ControllerConfig in(String namespace, String name) {
      List<Problem> problems = new ArrayList<>();
      SpecRules.dnsLabel(problems, "controllerConfig.namespace", namespace, 63);
      SpecRules.dnsSubdomain(problems, "controllerConfig.name", name);
      if (!problems.isEmpty()) {
        throw new InvalidSpecException("Nginx.ControllerConfig", problems);
      }
      return new ControllerConfig(namespace, name, new TreeMap<>());
    }

    private ControllerConfig with(String key, String value) {
      Map<String, String> copy = new TreeMap<>(data);
      copy.put(key, value);
      return new ControllerConfig(namespace, name, copy);
    }

    private static void check(boolean ok, String field, Object value, String rule, String fix) {
      if (!ok) {
        throw InvalidSpecException.of("Nginx.ControllerConfig", field, value, rule, fix);
      }
    }

    private static void checkSeconds(String field, Duration d, long max) {
      List<Problem> problems = new ArrayList<>();
      if (!SpecRules.wholeSeconds(
          problems, field, d, Duration.ofSeconds(1), Duration.ofSeconds(max))) {
        throw new InvalidSpecException("Nginx.ControllerConfig", problems);
      }
    }

    private static void checkSize(String field, String size) {
      check(
          size != null && size.matches("[0-9]{1,9}[kKmM]?"),
          field,
          size,
          "must be an nginx size: digits with an optional k or m suffix",
          "write it like \"4k\" or \"1024m\"");
    }

    /** Controller-wide {@code proxy-read-timeout} (integer seconds); the app's by default. */
    public ControllerConfig proxyReadTimeout(Duration timeout) {
      checkSeconds("proxyReadTimeout", timeout, WebSocketApp.MAX_IDLE_TIMEOUT.getSeconds());
      return with("proxy-read-timeout", Annotations.seconds(timeout));
    }

    /** Controller-wide {@code proxy-send-timeout} (integer seconds); the app's by default. */
    public ControllerConfig proxySendTimeout(Duration timeout) {
      checkSeconds("proxySendTimeout", timeout, WebSocketApp.MAX_IDLE_TIMEOUT.getSeconds());
      return with("proxy-send-timeout", Annotations.seconds(timeout));
    }

    /** Controller-wide {@code proxy-connect-timeout}: at most 75 s (configmap.md). */
    public ControllerConfig proxyConnectTimeout(Duration timeout) {
      checkSeconds("proxyConnectTimeout", timeout, Annotations.MAX_CONNECT_SECONDS);
      return with("proxy-connect-timeout", Annotations.seconds(timeout));
    }

    /** {@code proxy-buffer-size}, such as {@code 4k}. */
    public ControllerConfig proxyBufferSize(String size) {
      checkSize("proxyBufferSize", size);
      return with("proxy-buffer-size", size);
    }

    /**
     * {@code proxy-buffers-number}: the number of buffers ({@code proxy-buffers: "8 4k"} is an F5
     * NGINX Ingress Controller key; here it is this number plus {@link #proxyBufferSize}).
     */
    public ControllerConfig proxyBuffersNumber(int number) {
      check(
          number >= 1 && number <= 1024,
          "proxyBuffersNumber",
          number,
          "must be from 1 to 1024",
          "use the number of buffers, such as 8");
      return with("proxy-buffers-number", Integer.toString(number));
    }

    /** {@code proxy-busy-buffers-size}, such as {@code 8k}. */
    public ControllerConfig proxyBusyBuffersSize(String size) {
      checkSize("proxyBusyBuffersSize", size);
      return with("proxy-busy-buffers-size", size);
    }

    /** {@code proxy-max-temp-file-size}, such as {@code 1024m}. */
    public ControllerConfig proxyMaxTempFileSize(String size) {
      checkSize("proxyMaxTempFileSize", size);
      return with("proxy-max-temp-file-size", size);
    }

    /**
     * Keep-alive to the pods ({@code upstream-keepalive-connections}, {@code -requests}, {@code
     * -timeout}). An upgraded WebSocket leaves the pool, so these matter only for plain HTTP.
     */
    public ControllerConfig upstreamKeepalive(int connections, int requests, Duration timeout) {
      check(
          connections >= 0 && connections <= 100_000,
          "upstreamKeepalive.connections",
          connections,
          "must be from 0 to 100000",
          "use the default 320");
      check(
          requests >= 1 && requests <= 10_000_000,
          "upstreamKeepalive.requests",
          requests,
          "must be from 1 to 10000000",
          "use the default 10000");
      checkSeconds("upstreamKeepalive.timeout", timeout, 3600);
      return with("upstream-keepalive-connections", Integer.toString(connections))
          .with("upstream-keepalive-requests", Integer.toString(requests))
          .with("upstream-keepalive-timeout", Annotations.seconds(timeout));
    }

    /** {@code worker-processes}: a number of worker processes. */
    public ControllerConfig workerProcesses(int processes) {
      check(
          processes >= 1 && processes <= 1024,
          "workerProcesses",
          processes,
          "must be from 1 to 1024",
          "use workerProcessesAuto() for one per CPU");
      return with("worker-processes", Integer.toString(processes));
    }

    /** {@code worker-processes: auto}: one worker per CPU (the default). */
    public ControllerConfig workerProcessesAuto() {
      return with("worker-processes", "auto");
    }

    /**
     * {@code max-worker-connections} (default 16384): every open WebSocket holds two, one to the
     * client and one to the pod. ingress-nginx has no {@code worker-connections} key.
     */
    public ControllerConfig maxWorkerConnections(int connections) {
      check(
          connections >= 1 && connections <= 10_000_000,
          "maxWorkerConnections",
          connections,
          "must be from 1 to 10000000",
          "use the default 16384 or more");
      return with("max-worker-connections", Integer.toString(connections));
    }

    /**
     * {@code worker-shutdown-timeout} (default 240s): how long old workers keep WebSockets open
     * after a configuration reload before closing them.
     */
    public ControllerConfig workerShutdownTimeout(Duration timeout) {
      checkSeconds("workerShutdownTimeout", timeout, WebSocketApp.MAX_IDLE_TIMEOUT.getSeconds());
      return with("worker-shutdown-timeout", timeout.getSeconds() + "s");
    }

    /**
     * The status code for refused handshakes ({@code limit-req-status-code} and {@code
     * limit-conn-status-code}; 503 by default).
     */
    public ControllerConfig limitStatusCodes(int statusCode) {
      check(
          statusCode >= 400 && statusCode <= 599,
          "limitStatusCodes",
          statusCode,
          "must be an HTTP error status from 400 to 599",
          "use 429 (Too Many Requests)");
      String code = Integer.toString(statusCode);
      return with("limit-req-status-code", code).with("limit-conn-status-code", code);
    }

    /** {@code log-format-upstream}: the access log format (nginx variables allowed). */
    public ControllerConfig logFormatUpstream(String format) {
      List<Problem> problems = new ArrayList<>();
      // The template wraps the format in single quotes inside log_format ...;
      if (!SpecRules.safeText(problems, "logFormatUpstream", format, "'{};\\", false, 2048)) {
        throw new InvalidSpecException("Nginx.ControllerConfig", problems);
      }
      return with("log-format-upstream", format);
    }

    /** {@code ssl-protocols}: any of {@code TLSv1.2} and {@code TLSv1.3}. */
    public ControllerConfig sslProtocols(String... protocols) {
      check(
          protocols != null
              && protocols.length > 0
              && Arrays.stream(protocols).allMatch(p -> "TLSv1.2".equals(p) || "TLSv1.3".equals(p)),
          "sslProtocols",
          protocols == null ? null : String.join(" ", Arrays.asList(protocols)),
          "must be one or both of TLSv1.2 and TLSv1.3",
          "use sslProtocols(\"TLSv1.2\", \"TLSv1.3\")");
      return with("ssl-protocols", String.join(" ", protocols));
    }

    /** {@code ssl-ciphers}: an OpenSSL cipher list separated by ':'. */
    public ControllerConfig sslCiphers(String ciphers) {
      check(
          ciphers != null && ciphers.matches("[A-Za-z0-9_+!-]+(:[A-Za-z0-9_+!-]+)*"),
          "sslCiphers",
          ciphers,
          "must be an OpenSSL cipher list: names separated by ':'",
          "write it like \"ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256\"");
      return with("ssl-ciphers", ciphers);
    }

    /** {@code use-http2} for client connections (WebSockets still use HTTP/1.1). */
    public ControllerConfig useHttp2(boolean on) {
      return with("use-http2", Boolean.toString(on));
    }

    /**
     * {@code large-client-header-buffers}, such as 4 buffers of 16k: the replacement of the
     * deprecated {@code http2-max-field-size} and {@code http2-max-header-size}.
     */
    public ControllerConfig largeClientHeaderBuffers(int number, String size) {
      check(
          number >= 1 && number <= 64,
          "largeClientHeaderBuffers.number",
          number,
          "must be from 1 to 64",
          "use 4");
      checkSize("largeClientHeaderBuffers.size", size);
      return with("large-client-header-buffers", number + " " + size);
    }

    /** {@code use-proxy-protocol}: whether the load balancer in front sends PROXY protocol. */
    public ControllerConfig useProxyProtocol(boolean on) {
      return with("use-proxy-protocol", Boolean.toString(on));
    }

    ConfigMap toConfigMap(WebSocketApp app) {
      Map<String, String> all = new TreeMap<>(data);
      all.putIfAbsent("proxy-read-timeout", Annotations.seconds(app.readTimeout()));
      all.putIfAbsent("proxy-send-timeout", Annotations.seconds(app.sendTimeout()));
      all.putIfAbsent("proxy-buffering", app.responseBuffering() ? "on" : "off");
      return new ConfigMapBuilder()
          .withMetadata(
              new ObjectMetaBuilder()
                  .withName(name)
                  .withNamespace(namespace)
                  .withLabels(Map.of("app.kubernetes.io/managed-by", "wsingress"))
                  .build())
          .withData(all)
          .build();
    }

    @Override
    public String toString() {
      return "ControllerConfig[" + namespace + "/" + name + ", " + data.keySet() + "]";
    }
  }
}
