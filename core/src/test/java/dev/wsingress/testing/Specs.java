package dev.wsingress.testing;

import dev.wsingress.AcmeIssuer;
import dev.wsingress.Affinity;
import dev.wsingress.BackendProtocol;
import dev.wsingress.CookieAffinity;
import dev.wsingress.Cors;
import dev.wsingress.HealthCheck;
import dev.wsingress.InvalidSpecException;
import dev.wsingress.Problem;
import dev.wsingress.RateLimit;
import dev.wsingress.Route;
import dev.wsingress.SameSite;
import dev.wsingress.SpecRules;
import dev.wsingress.Tls;
import dev.wsingress.WebSocketApp;
import dev.wsingress.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Random valid specs over the whole option space of {@link WebSocketApp}, for property tests: hosts
 * (wildcards, number- and keyword-shaped labels such as {@code 0x1f} or {@code on}), names, labels,
 * routes, the Service by port or port name, every timeout, every affinity kind with every
 * attribute, TLS with hosts, redirect and ACME issuers, rate limits, CORS, buffering, HTTPS
 * backends with a CA, health checks, and workloads with ports, environment, resources, autoscaling
 * and egress. Values are drawn from what {@code build()} accepts, including its edges, and each
 * spec is built; a draw that {@code build()} refuses is dropped (and counts as a generator bug in
 * {@link #refused()}). Built on the kit's {@link Gen}; the first tries of a {@link Property} draw
 * the edge cases (the longest labels, the bounds of every number, empty and longest lists, every
 * rare branch).
 *
 * <pre>{@code
 * @Test
 * void renders() {
 *   Property.forAll(Specs.apps()).tries(1000).check(app -> assertThat(render(app)).isNotNull());
 * }
 *
 * RoundTrip.of(Nginx.target()).checkAll(Specs.supplier(2027));  // RoundTrip.tries() specs
 * }</pre>
 */
public final class Specs {
  private Specs() {}

  private static final java.util.concurrent.atomic.AtomicLong REFUSED =
      new java.util.concurrent.atomic.AtomicLong();

  /** How many generated specs {@code build()} refused (the generator should produce none). */
  public static long refused() {
    return REFUSED.get();
  }

  private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
  private static final String DIGITS = "0123456789";

  /** Labels that YAML readers would type as numbers, booleans or nulls when written plain. */
  static final List<String> TRICKY_LABELS =
      List.of(
          "0o17",
          "0x1f",
          "0b1",
          "1e3",
          "12",
          "0",
          "y",
          "n",
          "yes",
          "no",
          "on",
          "off",
          "true",
          "false",
          "null",
          "inf",
          "nan",
          "0e0",
          "1_0".replace('_', '-'));

  /** A DNS label of 1 to {@code max} characters, sometimes number- or keyword-shaped. */
  public static Gen<String> dnsLabel(int max) {
    Gen<String> first = Gen.strings(LOWER + DIGITS, 1, 1);
    Gen<String> middle = Gen.strings(LOWER + DIGITS + "-", 0, Math.min(max, 12) - 2);
    Gen<String> last = Gen.strings(LOWER + DIGITS, 0, 1);
    Gen<String> plain =
        s -> {
          String a = s.draw(first);
          String b = s.draw(middle);
          String c = s.draw(last);
          return c.isEmpty() ? a : a + b + c;
        };
    Gen<String> longest = Gen.strings(LOWER, max, max); // the length limit itself
    return Gen.frequency(
        Gen.weighted(8, plain),
        Gen.weighted(3, Gen.elements(TRICKY_LABELS)),
        Gen.weighted(1, longest));
  }

  private static Gen<String> valid(Gen<String> a, String what, Checker check) {
    return a.filter(
        what,
        v -> {
          List<Problem> p = new ArrayList<>();
          return check.ok(p, v);
        });
  }

  private interface Checker {
    boolean ok(List<Problem> out, String value);
  }

  /** A hostname: one to three labels, sometimes a leading wildcard. */
  public static Gen<String> hostname() {
    Gen<List<String>> labels = dnsLabel(63).list(1, 3);
    Gen<String> wildcard = Gen.elements("", "", "", "*.");
    Gen<String> suffix = Gen.elements(".example.com", ".example.com", "", ".io", ".test");
    Gen<String> host =
        s -> {
          List<String> l = s.draw(labels);
          String w = s.draw(wildcard);
          return w + String.join(".", l) + s.draw(suffix);
        };
    return valid(host, "hostname", (p, v) -> SpecRules.hostname(p, "h", v));
  }

  /** An absolute path of zero to three segments, sometimes with %XX escapes. */
  public static Gen<String> path() {
    Gen<String> segment =
        Gen.oneOf(
            Gen.strings(LOWER + DIGITS + "-._~", 1, 8),
            Gen.strings("AZaz09!&+,=:@-", 1, 4),
            Gen.elements("%20", "%C3%A9", "ws", "v1", "0o17", "12:30", "...", "a.b"));
    Gen<String> path = segment.list(0, 3).map(s -> "/" + String.join("/", s));
    return valid(path, "path", (p, v) -> SpecRules.path(p, "p", v));
  }

  private static Gen<String> labelValue() {
    Gen<String> plain = Gen.strings(LOWER + DIGITS + "ABCXYZ-_.", 1, 12);
    Gen<String> tricky =
        Gen.elements(
            "0X1F",
            "0B1",
            "0O17",
            "0o17",
            "YES",
            "Off",
            "True",
            "NULL",
            "1_000",
            "1.5",
            "1e3",
            "y",
            "N",
            "0x1f",
            "12",
            "",
            "a".repeat(63));
    return valid(
        Gen.oneOf(plain, tricky), "label value", (p, v) -> SpecRules.labelValue(p, "l", v));
  }

  private static Gen<String> labelKey() {
    return Gen.elements(
        "app", "tier", "example.com/team", "app.kubernetes.io/part-of", "0o17", "y", "on");
  }

  private static Gen<String> dnsSubdomain() {
    return dnsLabel(20).list(1, 2).map(l -> String.join(".", l));
  }

  private static Gen<String> serviceName() {
    Gen<String> first = Gen.strings(LOWER, 1, 1);
    Gen<String> rest = dnsLabel(40).orNull(0.3);
    return valid(
        s -> {
          String a = s.draw(first);
          String b = s.draw(rest);
          return b == null ? a : a + b;
        },
        "Service name",
        (p, v) -> SpecRules.dns1035Label(p, "s", v));
  }

  private static Gen<String> portName() {
    return valid(
        Gen.oneOf(
            Gen.elements("http", "http-ws", "ws", "web", "h2c", "a", "y", "on", "0x1f"),
            Gen.strings(LOWER + DIGITS + "-", 1, 15)),
        "port name",
        (p, v) -> SpecRules.portName(p, "n", v));
  }

  private static Gen<String> cookieName() {
    return valid(
        Gen.oneOf(
            Gen.elements("ws-server", "route", "0o17", "True", "1e3", "y", "NULL", "a.b_c"),
            Gen.strings(LOWER + DIGITS + "ABZ_.-", 1, 64)),
        "cookie name",
        (p, v) -> SpecRules.cookieName(p, "c", v));
  }

  private static Gen<String> headerName() {
    return valid(
        Gen.oneOf(
            Gen.elements("X-Session-Id", "Authorization", "x_user", "0x1F", "Y", "1e3"),
            Gen.strings(LOWER + DIGITS + "ABXZ-_", 1, 64)),
        "header name",
        (p, v) -> SpecRules.headerName(p, "h", v));
  }

  private static Gen<Duration> seconds(long min, long max) {
    return Gen.frequency(
            Gen.weighted(6, Gen.longs(min, Math.min(max, 7200))),
            Gen.weighted(2, Gen.longs(min, max)),
            Gen.weighted(1, Gen.elements(min, max)))
        .map(Duration::ofSeconds);
  }

  private static UnaryOperator<WebSocketApp.Builder> none() {
    return b -> b;
  }

  private static <T> Gen<UnaryOperator<WebSocketApp.Builder>> maybe(
      Gen<T> values,
      double probability,
      java.util.function.BiConsumer<WebSocketApp.Builder, T> set) {
    return values
        .optional(probability)
        .map(
            o ->
                o.<UnaryOperator<WebSocketApp.Builder>>map(
                        v ->
                            b -> {
                              set.accept(b, v);
                              return b;
                            })
                    .orElse(none()));
  }

  private static Gen<Affinity> affinity() {
    Gen<String> names = cookieName();
    Gen<Optional<Duration>> maxAges = seconds(1, Duration.ofDays(400).getSeconds()).optional(0.6);
    Gen<Optional<String>> paths = path().optional(0.4);
    Gen<Integer> secures = Gen.elements(0, 1, 2); // secure unset, true, false
    Gen<Optional<SameSite>> sameSites = Gen.enums(SameSite.class).optional(0.5);
    Gen<Affinity> cookie =
        s -> {
          String name = s.draw(names);
          Optional<Duration> maxAge = s.draw(maxAges);
          Optional<String> path = s.draw(paths);
          int secure = s.draw(secures);
          boolean httpOnly = s.draw(Gen.booleans());
          Optional<SameSite> sameSite = s.draw(sameSites);
          boolean persistent = s.draw(Gen.booleans());
          CookieAffinity c = Affinity.cookie(name).httpOnly(httpOnly);
          if (maxAge.isPresent()) {
            c = c.maxAge(maxAge.get());
          }
          if (path.isPresent()) {
            c = c.path(path.get());
          }
          boolean none = sameSite.orElse(null) == SameSite.NONE;
          if (secure == 1 || none) {
            c = c.secure(true);
          } else if (secure == 2) {
            c = c.secure(false);
          }
          if (sameSite.isPresent()) {
            c = c.sameSite(sameSite.get());
          }
          return persistent ? c.persistent() : c;
        };
    Gen<Affinity> clientIp =
        seconds(1, 86400)
            .optional(0.5)
            .map(
                t ->
                    t.map(d -> (Affinity) Affinity.clientIp().timeout(d))
                        .orElse(Affinity.clientIp()));
    Gen<Affinity> header = headerName().map(Affinity::header);
    return Gen.oneOf(cookie, clientIp, header);
  }

  private static Gen<String> origin() {
    Gen<String> schemes = Gen.elements("https://", "http://");
    Gen<String> wildcards = Gen.elements("", "", "*.");
    Gen<String> labels = dnsLabel(20);
    Gen<String> domains = Gen.elements(".example.com", ".test", "");
    Gen<String> ports = Gen.elements("", "", ":8443", ":1", ":65535");
    return valid(
        s -> s.draw(schemes) + s.draw(wildcards) + s.draw(labels) + s.draw(domains) + s.draw(ports),
        "origin",
        (p, v) -> SpecRules.origin(p, "o", v));
  }

  private static Gen<Cors> cors() {
    // Also what build() accepts but an HTTPRoute refuses (issue 19 item 4): "*" beside other
    // origins, repeated methods and headers.
    Gen<List<String>> origins =
        Gen.frequency(
            Gen.weighted(3, Gen.constant(List.of("*"))),
            Gen.weighted(12, origin().uniqueList(1, 3)),
            Gen.weighted(
                1,
                origin()
                    .list(1, 2)
                    .map(
                        l -> {
                          List<String> all = new ArrayList<>(l);
                          all.add(0, "*");
                          return all;
                        })));
    Gen<List<String>> methods =
        Gen.frequency(
            Gen.weighted(
                12,
                Gen.elements(
                        "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE",
                        "PATCH")
                    .uniqueList(0, 4)),
            Gen.weighted(1, Gen.constant(List.of("GET", "GET"))));
    Gen<List<String>> headers =
        Gen.frequency(
            Gen.weighted(12, headerName().uniqueList(0, 3)),
            Gen.weighted(1, headerName().map(h -> List.of(h, h))));
    Gen<List<String>> exposed = headerName().uniqueList(0, 2);
    Gen<Optional<Duration>> maxAges = seconds(1, Duration.ofDays(30).getSeconds()).optional(0.5);
    return s -> {
      List<String> o = s.draw(origins);
      List<String> m = s.draw(methods);
      List<String> h = s.draw(headers);
      List<String> e = s.draw(exposed);
      boolean credentials = s.draw(Gen.booleans());
      Optional<Duration> maxAge = s.draw(maxAges);
      Cors c =
          Cors.allowOrigins(o.toArray(String[]::new))
              .allowMethods(m.toArray(String[]::new))
              .allowHeaders(h.toArray(String[]::new))
              .exposeHeaders(e.toArray(String[]::new))
              .allowCredentials(credentials && !o.contains("*"));
      return maxAge.map(c::maxAge).orElse(c);
    };
  }

  private static Gen<RateLimit> rateLimit() {
    Gen<Integer> rates = Gen.integers(1, 1_000_000).edgeCases(1, 1_000_000);
    Gen<Optional<Integer>> bursts = Gen.integers(1, 1_000_000).optional(0.5);
    return s -> {
      boolean perSecond = s.draw(Gen.booleans());
      int rate = s.draw(rates);
      Optional<Integer> burst = s.draw(bursts);
      RateLimit r =
          perSecond ? RateLimit.handshakesPerSecond(rate) : RateLimit.handshakesPerMinute(rate);
      return burst.map(r::burst).orElse(r);
    };
  }

  private static Gen<HealthCheck> healthCheck() {
    Gen<String> paths = path();
    Gen<Optional<Duration>> intervals = seconds(1, 3600).optional(0.5);
    Gen<Optional<Integer>> counts = Gen.integers(1, 100).optional(0.5);
    return s -> {
      HealthCheck h = HealthCheck.http(s.draw(paths));
      h = s.draw(intervals).map(h::interval).orElse(h);
      h = s.draw(counts).map(h::rise).orElse(h);
      return s.draw(counts).map(h::fall).orElse(h);
    };
  }

  /** Environment values: printable text, none of which may change meaning in the YAML. */
  private static Gen<String> envValue() {
    return Gen.oneOf(
        Gen.elements(
            "0o17",
            "yes",
            "12:30",
            "2024-01-02",
            "$VAR",
            "${X}",
            "{{ x }}",
            "a: b",
            "#x",
            "- x",
            "'q'",
            "\"q\"",
            "é",
            "\ud83d\ude00",
            "~",
            "null",
            "<<",
            "=",
            "1e3",
            " lead",
            "trail "),
        Gen.strings(Gen.charRange(' ', '~'), 1, 40)
            .filter("no $( or $$", v -> !v.contains("$(") && !v.contains("$$")));
  }

  private static Gen<Workload> workload() {
    Gen<String> image =
        Gen.elements(
            "registry.example.com/chat:1.4.2",
            "chat:1",
            "0o17",
            "ghcr.io/example/ws@sha256:" + "a".repeat(64),
            "localhost:5000/ws");
    Gen<String> envName =
        Gen.strings("ABCXYZ_0123", 1, 12)
            .filter("not starting with a digit", s -> !Character.isDigit(s.charAt(0)));
    Gen<String> cpu = Gen.elements("100m", "250m", "1", "2", "0.5", "1500m");
    Gen<String> memory = Gen.elements("64Mi", "256Mi", "1Gi", "512M", "1G", "128974848");
    Gen<Integer> egressPorts = Gen.integers(1, 65535);
    Gen<String> egressValues = labelValue().filter("not empty", v -> !v.isEmpty());
    Gen<String> egressNamespaces = dnsLabel(63);
    Gen<Workload.Egress> egress =
        Gen.oneOf(
            s -> {
              String k = s.draw(labelKey());
              String v = s.draw(egressValues);
              return new Workload.Egress(null, k, v, s.draw(egressPorts));
            },
            s -> {
              String n = s.draw(egressNamespaces);
              return new Workload.Egress(n, null, null, s.draw(egressPorts));
            });
    Gen<Optional<Integer>> containerPorts = Gen.integers(1, 65535).optional(0.4);
    // Metrics ports lie above every drawn Service port: build() refuses a metrics port equal to
    // the Service port, which is drawn apart from the workload.
    Gen<Optional<Integer>> metricsPorts = Gen.integers(60000, 65535).optional(0.4);
    Gen<Integer> replicaCounts = Gen.integers(1, 1000);
    Gen<UnaryOperator<Workload>> ports =
        s -> {
          Optional<Integer> container = s.draw(containerPorts);
          Optional<Integer> metrics = s.draw(metricsPorts);
          int replicas = s.draw(replicaCounts);
          return w -> {
            Workload x = w.replicas(replicas);
            x = container.map(x::containerPort).orElse(x);
            // ... and differ from the container port, or build() refuses them too.
            return metrics
                .filter(m -> !m.equals(container.orElse(null)))
                .map(x::metricsPort)
                .orElse(x);
          };
        };
    Gen<UnaryOperator<Workload>> env =
        Gen.combine(envName, envValue(), (n, v) -> (UnaryOperator<Workload>) w -> w.env(n, v))
            .list(0, 3)
            .map(Specs::compose);
    Gen<Optional<Integer>> maxConnections = Gen.integers(1, 10_000_000).optional(0.4);
    Gen<Optional<Duration>> pings = seconds(1, 3600).optional(0.4);
    Gen<Optional<List<String>>> resourceLists =
        Gen.all(List.of(cpu, memory, cpu, memory)).optional(0.5);
    Gen<Optional<Duration>> drains = seconds(1, 3600).optional(0.4);
    Gen<UnaryOperator<Workload>> sizing =
        s -> {
          Optional<Integer> max = s.draw(maxConnections);
          Optional<Duration> ping = s.draw(pings);
          Optional<List<String>> resources = s.draw(resourceLists);
          Optional<Duration> drain = s.draw(drains);
          return w -> {
            Workload x = max.map(w::maxConnections).orElse(w);
            x = ping.map(x::pingInterval).orElse(x);
            if (resources.isPresent()) {
              List<String> r = resources.get();
              x = x.resources(r.get(0), r.get(1), r.get(2), r.get(3));
            }
            return drain.map(x::drainTime).orElse(x);
          };
        };
    Gen<Integer> minReplicas = Gen.integers(1, 1000);
    Gen<Integer> extraReplicas = Gen.integers(0, 50);
    Gen<Optional<Integer>> perPods = Gen.integers(1, 10_000_000).optional(0.5);
    Gen<UnaryOperator<Workload>> scaling =
        Gen.<UnaryOperator<Workload>>of(
                s -> {
                  int min = s.draw(minReplicas);
                  int extra = s.draw(extraReplicas);
                  Optional<Integer> perPod = s.draw(perPods);
                  return w -> {
                    Workload x = w.autoscale(min, Math.min(1000, min + extra));
                    return perPod.map(x::connectionsPerPod).orElse(x);
                  };
                })
            .optional(0.4)
            .map(o -> o.orElse(w -> w));
    Gen<UnaryOperator<Workload>> egresses =
        egress
            .list(0, 3)
            .map(
                list ->
                    w -> {
                      Workload x = w;
                      for (Workload.Egress e : list) {
                        x =
                            e.namespace() != null
                                ? x.egressToNamespace(e.namespace(), e.port())
                                : x.egressTo(e.labelKey(), e.labelValue(), e.port());
                      }
                      return x;
                    });
    return s -> {
      String i = s.draw(image);
      UnaryOperator<Workload> p = s.draw(ports);
      UnaryOperator<Workload> e = s.draw(env);
      UnaryOperator<Workload> z = s.draw(sizing);
      UnaryOperator<Workload> a = s.draw(scaling);
      UnaryOperator<Workload> g = s.draw(egresses);
      return g.apply(a.apply(z.apply(e.apply(p.apply(Workload.image(i))))));
    };
  }

  private static <T> UnaryOperator<T> compose(List<UnaryOperator<T>> steps) {
    return t -> {
      T x = t;
      for (UnaryOperator<T> s : steps) {
        x = s.apply(x);
      }
      return x;
    };
  }

  /** TLS drawn without the hosts; {@link #tls(TlsDraw, List)} fits it to the app's hosts. */
  private record TlsDraw(
      String secret, int hostMask, boolean redirect, Optional<AcmeIssuer> issuer) {}

  private static Gen<TlsDraw> tlsDraw() {
    Gen<String> emails =
        Gen.elements("ops@example.com", "0o17@example.com", "a.b+c@mail.example.org");
    Gen<Optional<String>> names = dnsSubdomain().optional(0.3);
    Gen<String> classes = dnsSubdomain();
    Gen<Optional<AcmeIssuer>> issuer =
        Gen.<AcmeIssuer>of(
                s -> {
                  String email = s.draw(emails);
                  boolean staging = s.draw(Gen.booleans());
                  Optional<String> name = s.draw(names);
                  String ingressClass = s.draw(classes);
                  AcmeIssuer i = AcmeIssuer.letsEncrypt(email);
                  i = staging ? i.staging() : i;
                  i = name.map(i::name).orElse(i);
                  return i.http01(ingressClass);
                })
            .optional(0.3);
    Gen<String> secrets = dnsSubdomain();
    Gen<Integer> masks = Gen.integers(0, 7);
    return s -> {
      String secret = s.draw(secrets);
      int mask = s.draw(masks);
      boolean redirect = s.draw(Gen.booleans());
      return new TlsDraw(secret, mask, redirect, s.draw(issuer));
    };
  }

  private static Tls tls(TlsDraw d, List<String> hosts) {
    Tls t = Tls.secret(d.secret()).redirect(d.redirect());
    List<String> th = new ArrayList<>();
    for (int i = 0; i < hosts.size(); i++) {
      if ((d.hostMask() & (1 << i)) != 0) {
        th.add(hosts.get(i));
      }
    }
    if (!th.isEmpty() && th.size() < hosts.size()) {
      t = t.hosts(th.toArray(String[]::new));
    }
    List<String> covered = t.hosts().isEmpty() ? hosts : t.hosts();
    if (d.issuer().isPresent() && covered.stream().noneMatch(h -> h.startsWith("*."))) {
      t = t.issuedBy(d.issuer().get());
    }
    return t;
  }

  /** Random valid apps over the whole option space of the spec. */
  public static Gen<WebSocketApp> apps() {
    return APPS;
  }

  /**
   * The apps a {@link Property} run of {@code seed} checks, endlessly (see {@link Gen#stream}): for
   * harnesses that take an {@link Iterable} or a {@link Supplier}, such as {@link RoundTrip}.
   *
   * <pre>{@code
   * RoundTrip.of(target).checkAll(Specs.stream(2027).limit(500).toList());
   * }</pre>
   */
  public static Stream<WebSocketApp> stream(long seed) {
    return APPS.stream(seed);
  }

  /**
   * The apps of {@link #stream(long)}, one per call (not thread-safe).
   *
   * <pre>{@code
   * RoundTrip.of(target).checkAll(Specs.supplier(2027)); // RoundTrip.tries() specs
   * }</pre>
   */
  public static Supplier<WebSocketApp> supplier(long seed) {
    return APPS.supplier(seed);
  }

  /**
   * {@link #supplier(long)} with up to three more routes per spec, drawn from {@code seed} too
   * ({@code Specs} itself draws only the app's own WebSocket paths): plain or WebSocket routes on
   * one of {@code paths}, a quarter of them exact, a third of the other WebSocket ones rewritten to
   * {@code "/"} or {@code rewriteTo}; each to the Service {@code other} port 80, to the one {@code
   * notify} makes of it, or to the app's own; plain ones sometimes with a request timeout. A draw
   * {@code build()} refuses (a path taken twice) is drawn again, five times at most.
   *
   * <pre>{@code
   * Specs.withMoreRoutes(31, List.of("/api", "/"), "/socket", r -> r.to("notify", 8080));
   * }</pre>
   */
  public static Supplier<WebSocketApp> withMoreRoutes(
      long seed, List<String> paths, String rewriteTo, UnaryOperator<Route> notify) {
    Supplier<WebSocketApp> apps = supplier(seed);
    Random random = new Random(seed);
    return () -> withMoreRoutes(apps.get(), random, paths, rewriteTo, notify);
  }

  private static WebSocketApp withMoreRoutes(
      WebSocketApp app,
      Random random,
      List<String> paths,
      String rewriteTo,
      UnaryOperator<Route> notify) {
    int more = random.nextInt(4);
    for (int attempt = 0; attempt < 5; attempt++) {
      WebSocketApp.Builder b = app.toBuilder();
      for (int i = 0; i < more; i++) {
        b.route(route(random, paths, rewriteTo, notify));
      }
      try {
        return b.build();
      } catch (InvalidSpecException e) {
        // a path taken twice, a rewrite of an exact route: draw again
      }
    }
    return app;
  }

  private static Route route(
      Random random, List<String> paths, String rewriteTo, UnaryOperator<Route> notify) {
    String path = paths.get(random.nextInt(paths.size()));
    boolean plain = random.nextBoolean();
    Route r = plain ? Route.http(path) : Route.websocket(path);
    if (random.nextInt(4) == 0) {
      r = r.exact();
    } else if (!plain && random.nextInt(3) == 0) {
      r = r.rewriteTo(random.nextBoolean() ? "/" : rewriteTo);
    }
    switch (random.nextInt(3)) {
      case 0:
        r = r.to("other", 80);
        break;
      case 1:
        r = notify.apply(r);
        break;
      default:
        break; // the app's own Service
    }
    if (plain && random.nextBoolean()) {
      r = r.requestTimeout(Duration.ofSeconds(1 + random.nextInt(600)));
    }
    return r;
  }

  /**
   * {@link #supplier(long)} with the Service port given by number: a spec that names its port only
   * gets port 8080, as the platform kit cannot render a Service without a number ({@code
   * CORE-SERVICE-PORT-UNKNOWN}).
   */
  public static Supplier<WebSocketApp> withServicePortNumber(long seed) {
    Supplier<WebSocketApp> all = supplier(seed);
    return () -> {
      WebSocketApp app = all.get();
      return app.servicePort().isPresent()
          ? app
          : app.toBuilder().service(app.serviceName(), 8080).build();
    };
  }

  /** The specs of {@code specs} for which {@code keep} holds. */
  public static Supplier<WebSocketApp> only(
      Supplier<WebSocketApp> specs, Predicate<WebSocketApp> keep) {
    return () -> {
      while (true) {
        WebSocketApp s = specs.get();
        if (keep.test(s)) {
          return s;
        }
      }
    };
  }

  private static final Gen<WebSocketApp> APPS = build();

  private static Gen<WebSocketApp> build() {
    // Mostly one to three hosts; sometimes more than an HTTPRoute takes (16, issue 19 item 4).
    Gen<List<String>> hosts =
        Gen.frequency(
            Gen.weighted(30, hostname().uniqueList(1, 3)),
            Gen.weighted(1, hostname().uniqueList(15, 20)));
    Gen<UnaryOperator<WebSocketApp.Builder>> names =
        maybe(dnsLabel(47), 0.6, WebSocketApp.Builder::name);
    Gen<UnaryOperator<WebSocketApp.Builder>> namespaces =
        maybe(dnsLabel(63), 0.5, WebSocketApp.Builder::namespace);
    Gen<UnaryOperator<WebSocketApp.Builder>> labels =
        Gen.combine(
                labelKey(),
                labelValue(),
                (k, v) -> (UnaryOperator<WebSocketApp.Builder>) b -> b.label(k, v))
            .list(0, 2)
            .map(Specs::compose);
    Gen<UnaryOperator<WebSocketApp.Builder>> identity =
        s -> {
          UnaryOperator<WebSocketApp.Builder> a = s.draw(names);
          UnaryOperator<WebSocketApp.Builder> b = s.draw(namespaces);
          UnaryOperator<WebSocketApp.Builder> c = s.draw(labels);
          return x -> c.apply(b.apply(a.apply(x)));
        };
    Gen<UnaryOperator<WebSocketApp.Builder>> routes =
        Gen.combine(path(), Gen.booleans(), PathRoute::new)
            .uniqueList(0, 3, r -> (r.exact ? "=" : "^") + r.path)
            .map(
                rs ->
                    b -> {
                      for (PathRoute r : rs) {
                        if (r.exact) {
                          b.exactPath(r.path);
                        } else {
                          b.path(r.path);
                        }
                      }
                      return b;
                    });
    Gen<UnaryOperator<WebSocketApp.Builder>> service =
        Gen.oneOf(
            Gen.combine(
                serviceName(),
                // Below the metrics ports (see workload()), which build() keeps apart.
                Gen.integers(1, 59999).edgeCases(1, 80, 59999),
                (n, p) -> (UnaryOperator<WebSocketApp.Builder>) b -> b.service(n, p)),
            Gen.combine(
                serviceName(),
                portName(),
                (n, p) -> (UnaryOperator<WebSocketApp.Builder>) b -> b.service(n, p)));
    long maxIdle = WebSocketApp.MAX_IDLE_TIMEOUT.getSeconds();
    Gen<UnaryOperator<WebSocketApp.Builder>> idle =
        maybe(seconds(1, maxIdle), 0.7, WebSocketApp.Builder::timeout);
    Gen<UnaryOperator<WebSocketApp.Builder>> read =
        maybe(seconds(1, maxIdle), 0.3, WebSocketApp.Builder::readTimeout);
    Gen<UnaryOperator<WebSocketApp.Builder>> send =
        maybe(seconds(1, maxIdle), 0.3, WebSocketApp.Builder::sendTimeout);
    Gen<UnaryOperator<WebSocketApp.Builder>> connect =
        maybe(seconds(1, 3600), 0.5, WebSocketApp.Builder::connectTimeout);
    Gen<UnaryOperator<WebSocketApp.Builder>> timeouts =
        s -> {
          UnaryOperator<WebSocketApp.Builder> a = s.draw(idle);
          UnaryOperator<WebSocketApp.Builder> b = s.draw(read);
          UnaryOperator<WebSocketApp.Builder> c = s.draw(send);
          UnaryOperator<WebSocketApp.Builder> d = s.draw(connect);
          return x -> d.apply(c.apply(b.apply(a.apply(x))));
        };
    Gen<UnaryOperator<WebSocketApp.Builder>> sticky =
        maybe(affinity(), 0.6, WebSocketApp.Builder::stickySessions);
    Gen<UnaryOperator<WebSocketApp.Builder>> rates =
        maybe(rateLimit(), 0.4, WebSocketApp.Builder::rateLimit);
    Gen<UnaryOperator<WebSocketApp.Builder>> connections =
        maybe(Gen.integers(1, 1_000_000), 0.3, WebSocketApp.Builder::maxConnectionsPerClient);
    Gen<UnaryOperator<WebSocketApp.Builder>> corses =
        maybe(cors(), 0.4, WebSocketApp.Builder::cors);
    Gen<UnaryOperator<WebSocketApp.Builder>> edge =
        s -> {
          UnaryOperator<WebSocketApp.Builder> a = s.draw(sticky);
          UnaryOperator<WebSocketApp.Builder> r = s.draw(rates);
          UnaryOperator<WebSocketApp.Builder> m = s.draw(connections);
          UnaryOperator<WebSocketApp.Builder> c = s.draw(corses);
          boolean response = s.draw(Gen.booleans());
          boolean request = s.draw(Gen.booleans());
          return x ->
              c.apply(m.apply(r.apply(a.apply(x))))
                  .responseBuffering(response)
                  .requestBuffering(request);
        };
    Gen<Optional<String>> cas = dnsSubdomain().optional(0.5);
    Gen<UnaryOperator<WebSocketApp.Builder>> health =
        maybe(healthCheck(), 0.4, WebSocketApp.Builder::healthCheck);
    Gen<UnaryOperator<WebSocketApp.Builder>> work =
        maybe(workload(), 0.5, WebSocketApp.Builder::workload);
    Gen<UnaryOperator<WebSocketApp.Builder>> backend =
        s -> {
          BackendProtocol protocol = s.draw(Gen.enums(BackendProtocol.class));
          Optional<String> ca = s.draw(cas);
          UnaryOperator<WebSocketApp.Builder> h = s.draw(health);
          UnaryOperator<WebSocketApp.Builder> w = s.draw(work);
          return x -> {
            x.backendProtocol(protocol);
            if (protocol == BackendProtocol.HTTPS && ca.isPresent()) {
              x.backendCaSecret(ca.get());
            }
            return w.apply(h.apply(x));
          };
        };
    Gen<Optional<TlsDraw>> tlsDraws = tlsDraw().optional(0.6);
    Gen<Optional<WebSocketApp>> built =
        s -> {
          List<String> h = s.draw(hosts);
          UnaryOperator<WebSocketApp.Builder> i = s.draw(identity);
          UnaryOperator<WebSocketApp.Builder> r = s.draw(routes);
          UnaryOperator<WebSocketApp.Builder> v = s.draw(service);
          UnaryOperator<WebSocketApp.Builder> t = s.draw(timeouts);
          UnaryOperator<WebSocketApp.Builder> e = s.draw(edge);
          Optional<TlsDraw> tls = s.draw(tlsDraws);
          UnaryOperator<WebSocketApp.Builder> k = s.draw(backend);
          WebSocketApp.Builder b = WebSocketApp.on(h.get(0));
          if (h.size() > 1) {
            b.alsoOn(h.subList(1, h.size()).toArray(String[]::new));
          }
          b = k.apply(e.apply(t.apply(v.apply(r.apply(i.apply(b))))));
          if (tls.isPresent()) {
            b.tls(tls(tls.get(), h));
          }
          try {
            return Optional.of(b.build());
          } catch (InvalidSpecException ex) {
            REFUSED.incrementAndGet();
            System.err.println("Specs: build() refused a generated spec: " + ex.getMessage());
            return Optional.<WebSocketApp>empty();
          }
        };
    return built.filter("build() accepts it", Optional::isPresent).map(Optional::get);
  }

  private record PathRoute(String path, boolean exact) {}

  /**
   * Whether the app stays within what an HTTPRoute takes (issue 19 item 4, fixed on another
   * branch): at most 16 hostnames, no "*" beside other CORS origins, no repeated CORS methods or
   * headers.
   */
  public static boolean withinHttpRouteLimits(WebSocketApp app) {
    if (app.hosts().size() > 16) {
      return false;
    }
    return app.cors()
        .map(
            c ->
                !(c.origins().contains("*") && c.origins().size() > 1)
                    && c.methods().size() == new java.util.HashSet<>(c.methods()).size()
                    && c.headers().size() == new java.util.HashSet<>(c.headers()).size()
                    && c.exposedHeaders().size()
                        == new java.util.HashSet<>(c.exposedHeaders()).size())
        .orElse(true);
  }
}
