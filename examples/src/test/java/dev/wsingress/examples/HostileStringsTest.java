package dev.wsingress.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.AcmeIssuer;
import dev.wsingress.Affinity;
import dev.wsingress.BackendProtocol;
import dev.wsingress.Cors;
import dev.wsingress.HealthCheck;
import dev.wsingress.InvalidSpecException;
import dev.wsingress.Problem;
import dev.wsingress.Rendering;
import dev.wsingress.Target;
import dev.wsingress.Tls;
import dev.wsingress.UnsupportedFeatureException;
import dev.wsingress.WebSocketApp;
import dev.wsingress.Workload;
import dev.wsingress.Yaml;
import dev.wsingress.gatewayapi.GatewayApi;
import dev.wsingress.haproxy.HaProxy;
import dev.wsingress.istio.Istio;
import dev.wsingress.linkerd.Linkerd;
import dev.wsingress.nginx.Nginx;
import dev.wsingress.platform.Platform;
import dev.wsingress.testing.ScalarTyping;
import dev.wsingress.testing.SchemaConformance;
import dev.wsingress.traefik.Traefik;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 19: a table of hostile strings through every string-taking option of the spec and of every
 * target. Each is either refused with an {@link InvalidSpecException} whose problem names the
 * option's field (and whose message shows the value escaped and cut), or accepted; an accepted
 * value is rendered by every target (lenient) and may reach output only where it cannot change
 * meaning: the YAML reads back to the same objects, every string stays a string, every object stays
 * schema- and CEL-valid, and in proxy configuration (ingress-nginx and HAProxy annotations and
 * ConfigMaps) it carries none of the characters that end or open a directive or a variable. The one
 * exception is the raw escape hatch, {@code Nginx.rawServerSnippet}, which exists to carry
 * directives and reports a finding.
 */
class HostileStringsTest {

  /** At least 200 strings, grouped by what they try. */
  static final List<String> HOSTILE = hostile();

  private static List<String> hostile() {
    Set<String> s = new LinkedHashSet<>();
    for (char c = 0; c < 0x20; c++) { // every C0 control
      s.add("a" + c + "b");
    }
    s.addAll(List.of("\u007f", "a\u0085b", "a\u009bb", "\r\n", "a\r\nSet-Cookie: x=1"));
    // quotes, braces, semicolons, escapes
    s.addAll(
        List.of(
            "'",
            "\"",
            "`",
            "a'b",
            "a\"b",
            "\\",
            "a\\nb",
            "{",
            "}",
            ";",
            "a;b",
            "}{",
            "a}b{",
            "}\nserver { listen 127.0.0.1:19999; return 200 pwned; }\n#",
            "# {\n}\nserver { listen 127.0.0.1:19999; return 200 pwned;\n# }"));
    // nginx, HAProxy and Lua directives
    s.addAll(
        List.of(
            "proxy_pass http://evil.example.com;",
            "return 200 pwned;",
            "include /etc/passwd;",
            "set $x 1;",
            "lua_code_cache off;",
            "content_by_lua_block { os.execute('id') }",
            "access_by_lua 'ngx.exit(200)'",
            "more_set_headers \"X: y\";",
            "load_module x.so;",
            "http-request deny",
            "\nbackend evil\n  server s 127.0.0.1:1",
            "acl x path_beg /",
            "%[src]",
            "%[req.hdr(host)]",
            "lua.foo",
            "os.execute('id')",
            "require('os')",
            "ngx.say(1)",
            "server 127.0.0.1:1;",
            "location / { return 200; }"));
    // variables and templates
    s.addAll(
        List.of(
            "$http_x",
            "$http_x_forwarded_for",
            "$remote_addr",
            "$(VAR)",
            "$$",
            "${X}",
            "${X:-y}",
            "{{ }}",
            "{{ .Values.x }}",
            "{% x %}",
            "#{x}",
            "<%= x %>",
            "@{x}",
            "%{x}",
            "$1"));
    // YAML breakers and what readers type as non-strings
    s.addAll(
        List.of(
            ": ",
            "a: b",
            "- ",
            "- x",
            "#",
            "a #b",
            "&a",
            "*a",
            "!!python/object/apply:os.system",
            "!!java.io.File",
            "---",
            "...",
            "? x",
            "|",
            ">",
            "%YAML 1.1",
            "@",
            "[a]",
            "{a: b}",
            "\n- x",
            "<<",
            "=",
            "~",
            "null",
            "Null",
            "y",
            "N",
            "on",
            "OFF",
            "0o17",
            "0X1F",
            "0b1",
            "1_000",
            "1e3",
            ".inf",
            ".NaN",
            "12:30",
            "2024-01-02",
            "2001-12-14t21:59:43.10-05:00",
            "+1",
            "-.5",
            "0x",
            "', '",
            "\" \""));
    // homoglyphs, bidi and zero-width
    s.addAll(
        List.of(
            "ехample.com",
            "ws.ехample.com",
            "ｗｓ",
            "ɡoogle.com",
            "p\u0430ypal.com",
            "\u202e",
            "a\u202eb",
            "\u2066x\u2069",
            "a\u200bb",
            "\ufeffa",
            "a\u200fb",
            "a\u2028b",
            "a\u2029b",
            "\u00a0",
            "a\u3000b",
            "é",
            "\ud83d\ude00",
            "x\u0301"));
    // sizes
    s.addAll(
        List.of(
            "a".repeat(10_000),
            "/a".repeat(5_000),
            "{".repeat(10_000),
            "a.".repeat(5_000) + "a",
            "-".repeat(300),
            "0".repeat(400),
            "",
            " ",
            "  a",
            "a  "));
    // traversal and encodings
    s.addAll(
        List.of(
            "../",
            "/../etc/passwd",
            "/a/../b",
            "/./",
            "/a/.",
            "/a/..",
            "..%2f",
            "/%2e%2e/",
            "/a%2Fb",
            "/a%2fb",
            "%0d%0a",
            "/a%0d%0aSet-Cookie:%20x",
            "/%00",
            "//evil.example.com",
            "/a//b",
            "\\..\\",
            "/a?b=c",
            "/a#b",
            "http://evil.example.com/",
            "file:///etc/passwd"));
    // regular expression metacharacters
    s.addAll(
        List.of(
            ".*",
            "^$",
            "(a|b)",
            "[a-z]+",
            "\\d",
            "a{2,}",
            "?",
            "+",
            "*",
            "(?i)x",
            "a|b",
            "(((a)))",
            "/ws(/|$)(.*)",
            "/ws.*"));
    // lone surrogates
    s.addAll(List.of("\ud800", "\udfff", "a\ud800b", "\udc00\ud800", "\ud83d"));
    // plausible values, so that acceptance is exercised too
    s.addAll(
        List.of(
            "chat",
            "ws.example.com",
            "/ws",
            "websocket-tls",
            "X-Session-Id",
            "GET",
            "https://app.example.com",
            "ops@example.com",
            "app",
            "10.0.0.0/8",
            "250m",
            "http-ws",
            "8k"));
    return List.copyOf(s);
  }

  @Test
  void the_table_has_at_least_two_hundred_strings() {
    assertThat(HOSTILE).hasSizeGreaterThanOrEqualTo(200).doesNotHaveDuplicates();
  }

  /** An option: the field its problems carry, and how a string is given to it. */
  record Option(String field, Function<String, Object> give) {
    @Override
    public String toString() {
      return field;
    }
  }

  private static WebSocketApp.Builder app() {
    return WebSocketApp.on("ws.example.com").service("websocket-service", 8080);
  }

  private static Workload workload() {
    return Workload.image("registry.example.com/chat:1");
  }

  private static Option spec(String field, Function<String, WebSocketApp.Builder> give) {
    return new Option(field, s -> give.apply(s).build());
  }

  private static Option target(String field, Function<String, Target> give) {
    return new Option(field, s -> give.apply(s));
  }

  /** Every string-taking option of the spec and of every target. */
  static List<Option> options() {
    return List.of(
        spec("hosts[0]", s -> WebSocketApp.on(s).service("websocket-service", 8080)),
        spec("hosts[1]", s -> app().alsoOn(s)),
        spec("name", s -> app().name(s)),
        spec("namespace", s -> app().namespace(s)),
        spec("labels[", s -> app().label(s, "v")),
        spec("labels[", s -> app().label("app", s)),
        spec("routes[0].path", s -> app().path(s)),
        spec("routes[0].path", s -> app().exactPath(s)),
        spec("service.name", s -> app().service(s, 8080)),
        spec("service.portName", s -> app().service("websocket-service", s)),
        spec("stickySessions.cookie.name", s -> app().stickySessions(Affinity.cookie(s))),
        spec("stickySessions.cookie.path", s -> app().stickySessions(Affinity.cookie("c").path(s))),
        spec("stickySessions.header.name", s -> app().stickySessions(Affinity.header(s))),
        spec("tls.secretName", s -> app().tls(Tls.secret(s))),
        spec("tls.hosts[0]", s -> app().tls(Tls.secret("tls").hosts(s))),
        spec(
            "tls.issuer.email",
            s -> app().tls(Tls.secret("tls").issuedBy(AcmeIssuer.letsEncrypt(s).http01("nginx")))),
        spec(
            "tls.issuer.name",
            s ->
                app()
                    .tls(
                        Tls.secret("tls")
                            .issuedBy(
                                AcmeIssuer.letsEncrypt("ops@example.com").name(s).http01("n")))),
        spec(
            "tls.issuer.http01",
            s ->
                app()
                    .tls(
                        Tls.secret("tls")
                            .issuedBy(AcmeIssuer.letsEncrypt("ops@example.com").http01(s)))),
        spec("cors.origins[0]", s -> app().cors(Cors.allowOrigins(s))),
        spec("cors.methods[0]", s -> app().cors(Cors.allowOrigins("*").allowMethods(s))),
        spec("cors.headers[0]", s -> app().cors(Cors.allowOrigins("*").allowHeaders(s))),
        spec("cors.exposedHeaders[0]", s -> app().cors(Cors.allowOrigins("*").exposeHeaders(s))),
        spec(
            "backendCaSecret",
            s -> app().backendProtocol(BackendProtocol.HTTPS).backendCaSecret(s)),
        spec("healthCheck.path", s -> app().healthCheck(HealthCheck.http(s))),
        spec("workload.image", s -> app().workload(Workload.image(s))),
        spec("workload.env[", s -> app().workload(workload().env(s, "v"))),
        spec("workload.env[", s -> app().workload(workload().env("NAME", s))),
        spec(
            "workload.resources.cpuRequest",
            s -> app().workload(workload().resources(s, "1Mi", "1", "1Mi"))),
        spec(
            "workload.resources.memoryLimit",
            s -> app().workload(workload().resources("1", "1Mi", "1", s))),
        spec("workload.egress[0].labelKey", s -> app().workload(workload().egressTo(s, "v", 80))),
        spec("workload.egress[0].labelValue", s -> app().workload(workload().egressTo("k", s, 80))),
        spec(
            "workload.egress[0].namespace",
            s -> app().workload(workload().egressToNamespace(s, 80))),
        // ingress-nginx
        target("ingressClass", s -> Nginx.target().ingressClass(s)),
        target("controllerConfig.namespace", s -> Nginx.target().controllerConfig(s, "c")),
        target("controllerConfig.name", s -> Nginx.target().controllerConfig("n", s)),
        target("rawServerSnippet", s -> Nginx.target().rawServerSnippet(s)),
        target("proxyBufferSize", s -> nginxConfig(c -> c.proxyBufferSize(s))),
        target("proxyBusyBuffersSize", s -> nginxConfig(c -> c.proxyBusyBuffersSize(s))),
        target("proxyMaxTempFileSize", s -> nginxConfig(c -> c.proxyMaxTempFileSize(s))),
        target("logFormatUpstream", s -> nginxConfig(c -> c.logFormatUpstream(s))),
        target("sslProtocols", s -> nginxConfig(c -> c.sslProtocols(s))),
        target("sslCiphers", s -> nginxConfig(c -> c.sslCiphers(s))),
        target(
            "largeClientHeaderBuffers.size",
            s -> nginxConfig(c -> c.largeClientHeaderBuffers(4, s))),
        // Traefik
        target("entryPoints.http", s -> Traefik.target().entryPoints(s, "websecure")),
        target("entryPoints.https", s -> Traefik.target().entryPoints("web", s)),
        target("ingressClass", s -> Traefik.ingress().ingressClass(s)),
        target("circuitBreaker", s -> Traefik.target().circuitBreaker(s)),
        // HAProxy
        target("ingressClass", s -> HaProxy.target().ingressClass(s)),
        target("controllerConfig.namespace", s -> HaProxy.target().controllerConfig(s, "c")),
        target("controllerConfig.name", s -> HaProxy.target().controllerConfig("n", s)),
        // Istio
        target("gatewaySelector", s -> Istio.target().gatewaySelector(s, "ingressgateway")),
        target("gatewaySelector", s -> Istio.target().gatewaySelector("istio", s)),
        target("gateway.namespace", s -> Istio.target().gateway(s, "gw")),
        target("gateway.name", s -> Istio.target().gateway("istio-system", s)),
        // Linkerd
        target(
            "serviceAccount.namespace",
            s -> Linkerd.target().allowFrom(Linkerd.serviceAccount(s, "sa"))),
        target(
            "serviceAccount.name", s -> Linkerd.target().allowFrom(Linkerd.serviceAccount("n", s))),
        target("allowNetwork", s -> Linkerd.target().allowNetwork(s)),
        target(
            "proxyResources.proxy-cpu-request",
            s -> Linkerd.target().proxyResources(s, "64Mi", "1", "128Mi")),
        target(
            "proxyResources.proxy-memory-limit",
            s -> Linkerd.target().proxyResources("100m", "64Mi", "1", s)),
        // Gateway API
        target("gateway.namespace", s -> GatewayApi.target().gateway(s, "gw")),
        target("gateway.name", s -> GatewayApi.target().gateway("infra", s)),
        target("gatewayClassName", s -> GatewayApi.target().withGateway(s)),
        target("listeners.http", s -> GatewayApi.target().listeners(s, "https")),
        target("listeners.https", s -> GatewayApi.target().listeners("http", s)),
        // platform kit
        target("portName", s -> Platform.target().portName(s)),
        target("ingressFrom", s -> Platform.target().ingressFrom(s)),
        target("monitoringNamespace", s -> Platform.target().monitoringNamespace(s)),
        target("adapterConfig.namespace", s -> Platform.target().adapterConfig(s, "a")),
        target("adapterConfig.name", s -> Platform.target().adapterConfig("monitoring", s)));
  }

  private static Nginx nginxConfig(
      java.util.function.UnaryOperator<Nginx.ControllerConfig> config) {
    return Nginx.target()
        .controllerConfig(config.apply(Nginx.ControllerConfig.in("ingress-nginx", "c")));
  }

  private static final List<Target> TARGETS =
      List.of(
          Nginx.target().lenient(),
          Traefik.target().lenient(),
          Traefik.ingress().lenient(),
          HaProxy.target().lenient(),
          Istio.target().lenient(),
          Linkerd.target().lenient(),
          GatewayApi.target().lenient(),
          Platform.target().lenient());

  /** What reaches a proxy's configuration: annotations of the controllers that template them. */
  private static final List<String> CONFIG_ANNOTATIONS =
      List.of("nginx.ingress.kubernetes.io/", "haproxy.org/", "ingress.kubernetes.io/");

  /** Characters that end or open a directive, a string or a variable in a proxy configuration. */
  private static final String CONFIG_BREAKERS = "\"'`{};#$\\\n\r";

  static Stream<Option> every() {
    return options().stream();
  }

  /** Outcomes by option: how many strings were refused, and the ones accepted. */
  private static final Map<String, List<String>> ACCEPTED = new TreeMap<>();

  @ParameterizedTest(name = "{0}")
  @MethodSource("every")
  void every_option_refuses_naming_its_field_or_keeps_the_value_inert(Option option) {
    List<String> failures = new ArrayList<>();
    List<String> accepted = new ArrayList<>();
    for (String s : HOSTILE) {
      Object result;
      try {
        result = option.give().apply(s);
      } catch (InvalidSpecException e) {
        List<String> fields = e.problems().stream().map(Problem::field).toList();
        if (fields.stream().noneMatch(f -> f.startsWith(option.field()))) {
          failures.add(show(s) + " refused under " + fields + ", not " + option.field());
        }
        if (e.getMessage().length() > 4000 || hasRawUnsafe(e.getMessage())) {
          failures.add(show(s) + " refused with a raw or unbounded message");
        }
        continue;
      } catch (RuntimeException e) {
        failures.add(show(s) + " threw " + e);
        continue;
      }
      accepted.add(s);
      failures.addAll(inert(option, s, result));
    }
    ACCEPTED.put(option.field() + " " + accepted.size(), accepted);
    assertThat(failures).as(option.field()).isEmpty();
  }

  /** Renders what was accepted and checks where the value went. */
  private static List<String> inert(Option option, String s, Object result) {
    List<String> out = new ArrayList<>();
    List<Rendering> renderings = new ArrayList<>();
    if (result instanceof WebSocketApp app) {
      for (Target t : TARGETS) {
        renderings.add(t.render(app));
      }
    } else {
      Target t = ((Target) result).lenient();
      try {
        renderings.add(t.render(app().build()));
      } catch (UnsupportedFeatureException e) {
        return out; // refused at render time, with findings: nothing reached output
      }
    }
    for (Rendering r : renderings) {
      String yaml = r.toYaml();
      if (!Yaml.write(Yaml.read(yaml)).equals(yaml)) {
        out.add(show(s) + ": the YAML does not read back to itself");
      }
      out.addAll(ScalarTyping.problems(r.objects()));
      for (HasMetadata o : r.objects()) {
        out.addAll(SchemaConformance.problems(o, false));
        out.addAll(configCarriers(option, s, o));
      }
    }
    return out;
  }

  /** The value inside proxy configuration carries no breaker, except in the raw escape hatch. */
  private static List<String> configCarriers(Option option, String s, HasMetadata o) {
    Map<String, String> carried = new LinkedHashMap<>();
    Map<String, String> annotations = o.getMetadata().getAnnotations();
    if (annotations != null) {
      annotations.forEach(
          (k, v) -> {
            if (CONFIG_ANNOTATIONS.stream().anyMatch(k::startsWith)) {
              carried.put(k, v);
            }
          });
    }
    if (o instanceof ConfigMap c && c.getData() != null) {
      carried.putAll(c.getData());
    }
    List<String> out = new ArrayList<>();
    boolean hatch = option.field().equals("rawServerSnippet");
    // ingress-nginx controller-v1.15.1 rootfs/etc/nginx/template/nginx.tmpl:351 writes the log
    // format inside single quotes ('{{ $cfg.LogFormatUpstream }}'): there only a quote or a
    // backslash ends or escapes the string, and $ is what a log format is made of (variables).
    String breakers = option.field().equals("logFormatUpstream") ? "'\\\n\r" : CONFIG_BREAKERS;
    for (Map.Entry<String, String> e : carried.entrySet()) {
      if (s.length() < 2 || !e.getValue().contains(s) || hatch) {
        continue;
      }
      for (char c : breakers.toCharArray()) {
        if (s.indexOf(c) >= 0) {
          out.add(show(s) + " reached " + e.getKey() + " of " + o.getKind() + " with " + show(c));
        }
      }
    }
    return out;
  }

  private static boolean hasRawUnsafe(String message) {
    for (int i = 0; i < message.length(); i++) {
      char c = message.charAt(i);
      if ((c < 0x20 && c != '\n')
          || c == 0x7f
          || Character.getType(c) == Character.FORMAT
          || Character.isSurrogate(c)
              && !(Character.isHighSurrogate(c)
                  && i + 1 < message.length()
                  && Character.isLowSurrogate(message.charAt(++i)))) {
        return true;
      }
    }
    return false;
  }

  private static String show(Object s) {
    return dev.wsingress.SpecRules.show(String.valueOf(s));
  }

  @Test
  void what_is_accepted_is_what_the_spec_means_to_accept() {
    // Pinned outcomes for core's own fields (the rest is checked by the invariants above).
    assertThat(accepts(o -> o.field().equals("workload.env["), "${X}")).isTrue();
    assertThat(accepts(o -> o.field().equals("workload.env["), "$(VAR)")).isFalse();
    assertThat(accepts(o -> o.field().equals("workload.env["), "a\ud800b")).isFalse();
    assertThat(accepts(o -> o.field().equals("hosts[1]"), "0o17")).isTrue();
    assertThat(accepts(o -> o.field().equals("hosts[1]"), "ws.ехample.com")).isFalse();
    assertThat(accepts(o -> o.field().equals("routes[0].path"), "/a/../b")).isFalse();
    assertThat(accepts(o -> o.field().equals("routes[0].path"), "/a%2Fb")).isFalse();
    assertThat(accepts(o -> o.field().equals("routes[0].path"), "/a%0d%0aSet-Cookie:%20x"))
        .isFalse();
    assertThat(accepts(o -> o.field().equals("routes[0].path"), "/%2e%2e/")).isFalse();
    assertThat(accepts(o -> o.field().equals("labels["), "0X1F")).isTrue();
  }

  private static boolean accepts(java.util.function.Predicate<Option> which, String s) {
    boolean any = false;
    for (Option o : options()) {
      if (!which.test(o)) {
        continue;
      }
      try {
        o.give().apply(s);
        any = true;
      } catch (InvalidSpecException e) {
        // refused by this option
      }
    }
    return any;
  }

  @org.junit.jupiter.api.AfterAll
  static void report() {
    // The table of accepted values, for the reader of the test output.
    ACCEPTED.forEach(
        (k, v) ->
            System.out.println(
                "hostile strings accepted by "
                    + k
                    + ": "
                    + v.stream().limit(12).map(HostileStringsTest::show).toList()));
  }
}
