package dev.wsingress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A {@link WebSocketApp} as Java source that builds it with the DSL — {@code
 * WebSocketApp.on(...)...build()} — so that a team can move its deployment code to wsingress (the
 * converter's Java output: {@link ImportedApp#toJava}). The source names only values that differ
 * from the spec's defaults, in a fixed order (hosts, name, namespace, labels, the routes in order
 * with the app's service after the first, then the settings as the builder lists them), so the same
 * app always gives the same bytes; compiled and run, it builds an app equal to the given one.
 *
 * <pre>{@code
 * String expression = JavaDsl.of(app).expression();
 * // WebSocketApp.on("chat.example.com")
 * //     .name("chat")
 * //     .path("/ws")
 * //     .service("chat-ws", 8080)
 * //     .route(Route.http("/api").to("chat-api", 80).requestTimeout(Duration.ofSeconds(30)))
 * //     .stickySessions(Affinity.cookie("ws-server").maxAge(Duration.ofDays(1)))
 * //     .build()
 * String file = JavaDsl.of(app).describedAs("The chat app.").toSource("com.example", "ChatApp");
 * }</pre>
 *
 * <p>Immutable; {@link #describedAs} returns a changed copy.
 */
public final class JavaDsl {
  private static final int WIDTH = 100;
  // Where the chain's calls start in toSource(): inside a method body, four columns further.
  private static final int BASE = 8;

  /** A call whose argument is itself a chain, such as {@code .issuedBy(AcmeIssuer...)}. */
  private record Nested(String name, List<Object> chain) {}

  private static final Pattern JAVA_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

  private final WebSocketApp app;
  private final String description;

  private JavaDsl(WebSocketApp app, String description) {
    this.app = app;
    this.description = description;
  }

  /** The Java form of {@code app}. */
  public static JavaDsl of(WebSocketApp app) {
    return new JavaDsl(Objects.requireNonNull(app, "app"), null);
  }

  /** The same, with a sentence for the generated class's and method's javadoc. */
  public JavaDsl describedAs(String sentence) {
    return new JavaDsl(app, Objects.requireNonNull(sentence, "sentence"));
  }

  /** The builder expression, its continuation lines indented by four spaces. */
  public String expression() {
    return render(0);
  }

  /**
   * The simple names of the types the expression uses, sorted ({@code WebSocketApp}, {@code
   * Duration} ...), for a caller that writes its own class around {@link #expression()}.
   */
  public List<String> imports() {
    Writer w = new Writer();
    w.lines();
    List<String> out = new ArrayList<>();
    for (String qualified : w.imports) {
      out.add(qualified);
    }
    return out;
  }

  /**
   * A compilation unit: {@code package packageName;} (none when empty), the imports, and a final
   * class {@code className} whose {@code public static WebSocketApp app()} returns the app.
   *
   * @throws IllegalArgumentException when the package or class name is not a Java name
   */
  public String toSource(String packageName, String className) {
    Objects.requireNonNull(packageName, "packageName");
    if (className == null || !JAVA_NAME.matcher(className).matches()) {
      throw new IllegalArgumentException(
          "className " + Texts.quote(String.valueOf(className)) + " is not a Java class name");
    }
    if (!packageName.isEmpty()) {
      for (String part : packageName.split("\\.", -1)) {
        if (!JAVA_NAME.matcher(part).matches()) {
          throw new IllegalArgumentException(
              "packageName " + Texts.quote(packageName) + " is not a Java package name");
        }
      }
    }
    Writer w = new Writer();
    List<String> lines = w.lines();
    StringBuilder b = new StringBuilder();
    if (!packageName.isEmpty()) {
      b.append("package ").append(packageName).append(";\n\n");
    }
    for (String i : w.imports) {
      b.append("import ").append(i).append(";\n");
    }
    String about =
        description != null
            ? description
            : "The WebSocket app " + app.namespace() + "/" + app.name() + ".";
    b.append('\n');
    javadoc(b, "", about);
    b.append("public final class ").append(className).append(" {\n");
    b.append("  private ").append(className).append("() {}\n\n");
    javadoc(b, "  ", "The app's spec; render it with Targets.render(app(), ...).");
    b.append("  public static WebSocketApp app() {\n");
    b.append("    return ").append(join(lines, 4)).append(";\n");
    b.append("  }\n}\n");
    return b.toString();
  }

  private static void javadoc(StringBuilder b, String indent, String text) {
    String safe = text.replace("*/", "*&#47;").replace("\\u", "\\\\u");
    List<String> lines = wrap(safe, WIDTH - indent.length() - 3);
    if (lines.size() == 1 && indent.length() + 8 + lines.get(0).length() <= WIDTH) {
      b.append(indent).append("/** ").append(lines.get(0)).append(" */\n");
      return;
    }
    b.append(indent).append("/**\n");
    for (String l : lines) {
      b.append(indent).append(" * ").append(l).append('\n');
    }
    b.append(indent).append(" */\n");
  }

  private static List<String> wrap(String text, int width) {
    List<String> out = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        out.add(line.toString());
        line.setLength(0);
      }
      line.append(line.length() == 0 ? "" : " ").append(word);
    }
    out.add(line.toString());
    return out;
  }

  private String render(int indent) {
    return join(new Writer().lines(), indent);
  }

  /** The first line, then each call on its own line, indented four more than {@code indent}. */
  private static String join(List<String> lines, int indent) {
    StringBuilder b = new StringBuilder(lines.get(0));
    String pad = " ".repeat(indent + 4);
    for (int i = 1; i < lines.size(); i++) {
      b.append('\n').append(pad).append(lines.get(i).replace("\n", "\n" + pad));
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return expression();
  }

  /** Writes the expression of one app, collecting the imports it needs. */
  private final class Writer {
    final TreeSet<String> imports = new TreeSet<>();

    String type(Class<?> c) {
      imports.add(c.getName());
      return c.getSimpleName();
    }

    List<String> lines() {
      type(WebSocketApp.class);
      List<String> out = new ArrayList<>();
      out.add("WebSocketApp.on(" + str(app.hosts().get(0)) + ")");
      if (app.hosts().size() > 1) {
        out.add(".alsoOn(" + strings(app.hosts().subList(1, app.hosts().size())) + ")");
      }
      if (!app.name().equals(app.serviceName())) {
        out.add(".name(" + str(app.name()) + ")");
      }
      if (!app.namespace().equals("default")) {
        out.add(".namespace(" + str(app.namespace()) + ")");
      }
      if (!app.labels().equals(Map.of("app.kubernetes.io/name", app.name()))) {
        app.labels().forEach((k, v) -> out.add(".label(" + str(k) + ", " + str(v) + ")"));
      }
      RouteBackend own =
          RouteBackend.of(
              app.serviceName(),
              app.servicePort().isPresent() ? app.servicePort().getAsInt() : null,
              app.servicePortName().orElse(null));
      String service =
          ".service("
              + str(app.serviceName())
              + ", "
              + (app.servicePort().isPresent()
                  ? Integer.toString(app.servicePort().getAsInt())
                  : str(app.servicePortName().orElseThrow()))
              + ")";
      List<Route> routes = app.routes();
      boolean implicit =
          routes.size() == 1
              && routes.get(0).equals(Route.of("/", Route.Match.PREFIX).withDefaultBackend(own));
      if (implicit) {
        out.add(service);
      } else {
        for (int i = 0; i < routes.size(); i++) {
          out.add(route(routes.get(i), own));
          if (i == 0) {
            out.add(service);
          }
        }
      }
      if (!app.idleTimeout().equals(WebSocketApp.DEFAULT_IDLE_TIMEOUT)) {
        out.add(".timeout(" + duration(app.idleTimeout()) + ")");
      }
      if (!app.readTimeout().equals(app.idleTimeout())) {
        out.add(".readTimeout(" + duration(app.readTimeout()) + ")");
      }
      if (!app.sendTimeout().equals(app.idleTimeout())) {
        out.add(".sendTimeout(" + duration(app.sendTimeout()) + ")");
      }
      app.connectTimeout().ifPresent(d -> out.add(".connectTimeout(" + duration(d) + ")"));
      app.affinity().ifPresent(a -> out.add(call("stickySessions", affinity(a))));
      app.tls().ifPresent(t -> out.add(call("tls", tls(t))));
      app.rateLimit().ifPresent(r -> out.add(call("rateLimit", rateLimit(r))));
      if (app.maxConnectionsPerClient().isPresent()) {
        out.add(".maxConnectionsPerClient(" + app.maxConnectionsPerClient().getAsInt() + ")");
      }
      app.cors().ifPresent(c -> out.add(call("cors", cors(c))));
      if (app.responseBuffering()) {
        out.add(".responseBuffering(true)");
      }
      if (app.requestBuffering()) {
        out.add(".requestBuffering(true)");
      }
      if (app.backendProtocol() != BackendProtocol.HTTP) {
        out.add(
            ".backendProtocol("
                + type(BackendProtocol.class)
                + "."
                + app.backendProtocol().name()
                + ")");
      }
      app.backendCaSecret().ifPresent(s -> out.add(".backendCaSecret(" + str(s) + ")"));
      app.healthCheck().ifPresent(h -> out.add(call("healthCheck", healthCheck(h))));
      app.workload().ifPresent(w -> out.add(call("workload", workload(w))));
      out.add(".build()");
      return out;
    }

    /**
     * {@code .name(chain)} on a line of its own: flat when it fits in the width, else the chain on
     * the next lines, one call per line, as google-java-format breaks it.
     */
    String call(String name, List<Object> chain) {
      String flat = "." + name + "(" + flat(chain) + ")";
      if (BASE + flat.length() <= WIDTH || chain.size() == 1) {
        return flat;
      }
      return "." + name + "(\n    " + chain(chain, 4, 1) + ")";
    }

    /**
     * A chain whose head starts {@code rel} columns right of the base indentation: flat when it
     * fits (with {@code closing} parentheses after it), else one call per line, four columns in.
     */
    private String chain(List<Object> parts, int rel, int closing) {
      String flat = flat(parts);
      if (BASE + rel + flat.length() + closing <= WIDTH) {
        return flat;
      }
      StringBuilder b = new StringBuilder((String) parts.get(0));
      String pad = " ".repeat(rel + 4);
      for (int i = 1; i < parts.size(); i++) {
        b.append('\n').append(pad);
        boolean last = i == parts.size() - 1;
        if (parts.get(i) instanceof Nested n) {
          String inner = "." + n.name() + "(" + flat(n.chain()) + ")";
          if (BASE + rel + 4 + inner.length() + (last ? closing : 0) <= WIDTH) {
            b.append(inner);
          } else {
            b.append('.')
                .append(n.name())
                .append("(\n")
                .append(" ".repeat(rel + 8))
                .append(chain(n.chain(), rel + 8, 1 + (last ? closing : 0)))
                .append(')');
          }
        } else {
          b.append((String) parts.get(i));
        }
      }
      return b.toString();
    }

    private String flat(List<Object> parts) {
      StringBuilder b = new StringBuilder();
      for (Object p : parts) {
        if (p instanceof Nested n) {
          b.append('.').append(n.name()).append('(').append(flat(n.chain())).append(')');
        } else {
          b.append((String) p);
        }
      }
      return b.toString();
    }

    String route(Route r, RouteBackend own) {
      boolean ownBackend = r.backend().map(own::equals).orElse(true);
      if (r.isWebSocket()
          && ownBackend
          && r.rewrite().isEmpty()
          && r.requestTimeout().isEmpty()
          && r.buffering().isEmpty()) {
        return (r.match() == Route.Match.EXACT ? ".exactPath(" : ".path(") + str(r.path()) + ")";
      }
      List<Object> chain = new ArrayList<>();
      chain.add(
          type(Route.class) + (r.isWebSocket() ? ".websocket(" : ".http(") + str(r.path()) + ")");
      if (r.match() == Route.Match.EXACT) {
        chain.add(".exact()");
      }
      if (!ownBackend) {
        RouteBackend b = r.backend().get();
        chain.add(
            ".to("
                + str(b.serviceName())
                + ", "
                + (b.port().isPresent()
                    ? Integer.toString(b.port().getAsInt())
                    : str(b.portName().orElseThrow()))
                + ")");
      }
      r.rewrite().ifPresent(p -> chain.add(".rewriteTo(" + str(p) + ")"));
      r.requestTimeout().ifPresent(d -> chain.add(".requestTimeout(" + duration(d) + ")"));
      r.buffering().ifPresent(on -> chain.add(".buffering(" + on + ")"));
      return call("route", chain);
    }

    List<Object> affinity(Affinity a) {
      String affinity = type(Affinity.class);
      List<Object> chain = new ArrayList<>();
      if (a instanceof CookieAffinity c) {
        chain.add(affinity + ".cookie(" + str(c.name()) + ")");
        c.maxAge().ifPresent(d -> chain.add(".maxAge(" + duration(d) + ")"));
        c.path().ifPresent(p -> chain.add(".path(" + str(p) + ")"));
        c.secure().ifPresent(s -> chain.add(".secure(" + s + ")"));
        if (!c.httpOnly()) {
          chain.add(".httpOnly(false)");
        }
        c.sameSite()
            .ifPresent(s -> chain.add(".sameSite(" + type(SameSite.class) + "." + s.name() + ")"));
        if (c.mode() == AffinityMode.PERSISTENT) {
          chain.add(".persistent()");
        }
      } else if (a instanceof ClientIpAffinity ip) {
        chain.add(affinity + ".clientIp()");
        ip.timeout().ifPresent(d -> chain.add(".timeout(" + duration(d) + ")"));
      } else {
        chain.add(affinity + ".header(" + str(((HeaderAffinity) a).header()) + ")");
      }
      return chain;
    }

    List<Object> tls(Tls t) {
      List<Object> chain = new ArrayList<>();
      chain.add(type(Tls.class) + ".secret(" + str(t.secretName()) + ")");
      if (!t.hosts().isEmpty()) {
        chain.add(".hosts(" + strings(t.hosts()) + ")");
      }
      if (!t.redirect()) {
        chain.add(".redirect(false)");
      }
      t.issuer().ifPresent(i -> chain.add(new Nested("issuedBy", issuer(i))));
      return chain;
    }

    List<Object> issuer(AcmeIssuer i) {
      List<Object> chain = new ArrayList<>();
      chain.add(type(AcmeIssuer.class) + ".letsEncrypt(" + str(i.email()) + ")");
      String name = "letsencrypt-prod";
      if (i.server().equals(AcmeIssuer.LETS_ENCRYPT_STAGING)) {
        chain.add(".staging()");
        name = "letsencrypt-staging";
      } else if (!i.server().equals(AcmeIssuer.LETS_ENCRYPT)) {
        throw new IllegalArgumentException(
            "the ACME server "
                + Texts.quote(i.server())
                + " is not one the DSL names (Let's Encrypt production or staging)");
      }
      if (!i.name().equals(name)) {
        chain.add(".name(" + str(i.name()) + ")");
      }
      if (!i.http01IngressClass().isEmpty()) {
        chain.add(".http01(" + str(i.http01IngressClass()) + ")");
      }
      return chain;
    }

    List<Object> rateLimit(RateLimit r) {
      List<Object> chain = new ArrayList<>();
      chain.add(
          type(RateLimit.class)
              + (r.period() == RateLimit.Period.SECOND
                  ? ".handshakesPerSecond("
                  : ".handshakesPerMinute(")
              + r.rate()
              + ")");
      if (r.burst().isPresent()) {
        chain.add(".burst(" + r.burst().getAsInt() + ")");
      }
      return chain;
    }

    List<Object> cors(Cors c) {
      List<Object> chain = new ArrayList<>();
      chain.add(type(Cors.class) + ".allowOrigins(" + strings(c.origins()) + ")");
      if (!c.methods().isEmpty()) {
        chain.add(".allowMethods(" + strings(c.methods()) + ")");
      }
      if (!c.headers().isEmpty()) {
        chain.add(".allowHeaders(" + strings(c.headers()) + ")");
      }
      if (!c.exposedHeaders().isEmpty()) {
        chain.add(".exposeHeaders(" + strings(c.exposedHeaders()) + ")");
      }
      if (c.credentials()) {
        chain.add(".allowCredentials(true)");
      }
      c.maxAge().ifPresent(d -> chain.add(".maxAge(" + duration(d) + ")"));
      return chain;
    }

    List<Object> healthCheck(HealthCheck h) {
      List<Object> chain = new ArrayList<>();
      chain.add(type(HealthCheck.class) + ".http(" + str(h.path()) + ")");
      h.interval().ifPresent(d -> chain.add(".interval(" + duration(d) + ")"));
      if (h.rise().isPresent()) {
        chain.add(".rise(" + h.rise().getAsInt() + ")");
      }
      if (h.fall().isPresent()) {
        chain.add(".fall(" + h.fall().getAsInt() + ")");
      }
      return chain;
    }

    List<Object> workload(Workload w) {
      List<Object> chain = new ArrayList<>();
      chain.add(type(Workload.class) + ".image(" + str(w.image()) + ")");
      if (w.replicas() != 2) {
        chain.add(".replicas(" + w.replicas() + ")");
      }
      if (w.containerPort().isPresent()) {
        chain.add(".containerPort(" + w.containerPort().getAsInt() + ")");
      }
      if (w.metricsPort().isPresent()) {
        chain.add(".metricsPort(" + w.metricsPort().getAsInt() + ")");
      }
      w.env().forEach((k, v) -> chain.add(".env(" + str(k) + ", " + str(v) + ")"));
      if (w.maxConnections().isPresent()) {
        chain.add(".maxConnections(" + w.maxConnections().getAsInt() + ")");
      }
      w.pingInterval().ifPresent(d -> chain.add(".pingInterval(" + duration(d) + ")"));
      if (!w.resources().isEmpty()) {
        chain.add(".resources(" + strings(w.resources()) + ")");
      }
      if (!w.drainTime().equals(Workload.DEFAULT_DRAIN_TIME)) {
        chain.add(".drainTime(" + duration(w.drainTime()) + ")");
      }
      if (w.minReplicas().isPresent() != w.maxReplicas().isPresent()) {
        throw new IllegalArgumentException(
            "the workload has only one of minReplicas and maxReplicas, which the DSL sets together"
                + " with autoscale(min, max)");
      }
      if (w.minReplicas().isPresent()) {
        chain.add(
            ".autoscale(" + w.minReplicas().getAsInt() + ", " + w.maxReplicas().getAsInt() + ")");
      }
      if (w.connectionsPerPod().isPresent()) {
        chain.add(".connectionsPerPod(" + w.connectionsPerPod().getAsInt() + ")");
      }
      for (Workload.Egress e : w.egress()) {
        if (e.namespace() == null) {
          chain.add(
              ".egressTo("
                  + str(e.labelKey())
                  + ", "
                  + str(e.labelValue())
                  + ", "
                  + e.port()
                  + ")");
        } else if (e.labelKey() == null && e.labelValue() == null) {
          chain.add(".egressToNamespace(" + str(e.namespace()) + ", " + e.port() + ")");
        } else {
          throw new IllegalArgumentException(
              "the egress " + e + " has a namespace and labels, which the DSL cannot write");
        }
      }
      return chain;
    }

    String duration(Duration d) {
      String type = type(Duration.class);
      if (d.isZero()) {
        return type + ".ZERO";
      }
      if (d.getNano() != 0) {
        return d.getNano() % 1_000_000 == 0
            ? type + ".ofMillis(" + d.toMillis() + ")"
            : type + ".ofNanos(" + d.toNanos() + "L)";
      }
      long s = d.getSeconds();
      if (s % 86400 == 0) {
        return type + ".ofDays(" + s / 86400 + ")";
      }
      if (s % 3600 == 0) {
        return type + ".ofHours(" + s / 3600 + ")";
      }
      if (s % 60 == 0) {
        return type + ".ofMinutes(" + s / 60 + ")";
      }
      return type + ".ofSeconds(" + s + ")";
    }
  }

  private static String strings(List<String> values) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      b.append(i == 0 ? "" : ", ").append(str(values.get(i)));
    }
    return b.toString();
  }

  /** A Java string literal: ASCII only, every other character as a unicode escape. */
  static String str(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        default -> {
          if (c < 0x20 || c >= 0x7f) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
