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
import dev.wsingress.SameSite;
import dev.wsingress.SpecRules;
import dev.wsingress.Tls;
import dev.wsingress.WebSocketApp;
import dev.wsingress.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random valid specs over the whole option space of {@link WebSocketApp}, for property tests: hosts
 * (wildcards, number- and keyword-shaped labels such as {@code 0x1f} or {@code on}), names, labels,
 * routes, the Service by port or port name, every timeout, every affinity kind with every
 * attribute, TLS with hosts, redirect and ACME issuers, rate limits, CORS, buffering, HTTPS
 * backends with a CA, health checks, and workloads with ports, environment, resources, autoscaling
 * and egress. Values are drawn from what {@code build()} accepts, including its edges, and each
 * spec is built; a draw that {@code build()} refuses is dropped (and counts as a generator bug in
 * {@link #refused()}).
 *
 * <pre>{@code
 * @Property
 * void renders(@ForAll("apps") WebSocketApp app) { ... }
 *
 * @Provide
 * Arbitrary<WebSocketApp> apps() {
 *   return Specs.apps();
 * }
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
  public static Arbitrary<String> dnsLabel(int max) {
    Arbitrary<String> plain =
        Combinators.combine(
                Arbitraries.strings().withChars(LOWER + DIGITS).ofMinLength(1).ofMaxLength(1),
                Arbitraries.strings()
                    .withChars(LOWER + DIGITS + "-")
                    .ofMinLength(0)
                    .ofMaxLength(Math.min(max, 12) - 2),
                Arbitraries.strings().withChars(LOWER + DIGITS).ofMinLength(0).ofMaxLength(1))
            .as((a, b, c) -> c.isEmpty() ? a : a + b + c);
    Arbitrary<String> longest =
        Arbitraries.strings().withChars(LOWER).ofLength(max); // the length limit itself
    return Arbitraries.frequencyOf(
        weighted(8, plain), weighted(3, Arbitraries.of(TRICKY_LABELS)), weighted(1, longest));
  }

  private static <T> net.jqwik.api.Tuple.Tuple2<Integer, Arbitrary<? extends T>> weighted(
      int weight, Arbitrary<T> arbitrary) {
    return net.jqwik.api.Tuple.of(weight, arbitrary);
  }

  private static Arbitrary<String> valid(Arbitrary<String> a, Checker check) {
    return a.filter(
        v -> {
          List<Problem> p = new ArrayList<>();
          return check.ok(p, v);
        });
  }

  private interface Checker {
    boolean ok(List<Problem> out, String value);
  }

  /** A hostname: one to three labels, sometimes a leading wildcard. */
  public static Arbitrary<String> hostname() {
    Arbitrary<String> host =
        Combinators.combine(
                dnsLabel(63).list().ofMinSize(1).ofMaxSize(3),
                Arbitraries.of("", "", "", "*."),
                Arbitraries.of(".example.com", ".example.com", "", ".io", ".test"))
            .as((labels, wildcard, suffix) -> wildcard + String.join(".", labels) + suffix);
    return valid(host, (p, v) -> SpecRules.hostname(p, "h", v));
  }

  /** An absolute path of zero to three segments, sometimes with %XX escapes. */
  public static Arbitrary<String> path() {
    Arbitrary<String> segment =
        Arbitraries.oneOf(
            Arbitraries.strings().withChars(LOWER + DIGITS + "-._~").ofMinLength(1).ofMaxLength(8),
            Arbitraries.strings().withChars("AZaz09!&+,=:@-").ofMinLength(1).ofMaxLength(4),
            Arbitraries.of("%20", "%C3%A9", "ws", "v1", "0o17", "12:30", "...", "a.b"));
    Arbitrary<String> path =
        segment.list().ofMinSize(0).ofMaxSize(3).map(s -> "/" + String.join("/", s));
    return valid(path, (p, v) -> SpecRules.path(p, "p", v));
  }

  private static Arbitrary<String> labelValue() {
    Arbitrary<String> plain =
        Arbitraries.strings()
            .withChars(LOWER + DIGITS + "ABCXYZ-_.")
            .ofMinLength(1)
            .ofMaxLength(12);
    Arbitrary<String> tricky =
        Arbitraries.of(
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
    return valid(Arbitraries.oneOf(plain, tricky), (p, v) -> SpecRules.labelValue(p, "l", v));
  }

  private static Arbitrary<String> labelKey() {
    return Arbitraries.of(
        "app", "tier", "example.com/team", "app.kubernetes.io/part-of", "0o17", "y", "on");
  }

  private static Arbitrary<String> dnsSubdomain() {
    return dnsLabel(20).list().ofMinSize(1).ofMaxSize(2).map(l -> String.join(".", l));
  }

  private static Arbitrary<String> serviceName() {
    return valid(
        Combinators.combine(
                Arbitraries.strings().withChars(LOWER).ofLength(1), dnsLabel(40).injectNull(0.3))
            .as((a, b) -> b == null ? a : a + b),
        (p, v) -> SpecRules.dns1035Label(p, "s", v));
  }

  private static Arbitrary<String> portName() {
    return valid(
        Arbitraries.oneOf(
            Arbitraries.of("http", "http-ws", "ws", "web", "h2c", "a", "y", "on", "0x1f"),
            Arbitraries.strings().withChars(LOWER + DIGITS + "-").ofMinLength(1).ofMaxLength(15)),
        (p, v) -> SpecRules.portName(p, "n", v));
  }

  private static Arbitrary<String> cookieName() {
    return valid(
        Arbitraries.oneOf(
            Arbitraries.of("ws-server", "route", "0o17", "True", "1e3", "y", "NULL", "a.b_c"),
            Arbitraries.strings()
                .withChars(LOWER + DIGITS + "ABZ_.-")
                .ofMinLength(1)
                .ofMaxLength(64)),
        (p, v) -> SpecRules.cookieName(p, "c", v));
  }

  private static Arbitrary<String> headerName() {
    return valid(
        Arbitraries.oneOf(
            Arbitraries.of("X-Session-Id", "Authorization", "x_user", "0x1F", "Y", "1e3"),
            Arbitraries.strings()
                .withChars(LOWER + DIGITS + "ABXZ-_")
                .ofMinLength(1)
                .ofMaxLength(64)),
        (p, v) -> SpecRules.headerName(p, "h", v));
  }

  private static Arbitrary<Duration> seconds(long min, long max) {
    return Arbitraries.frequencyOf(
            weighted(6, Arbitraries.longs().between(min, Math.min(max, 7200))),
            weighted(2, Arbitraries.longs().between(min, max)),
            weighted(1, Arbitraries.of(min, max)))
        .map(Duration::ofSeconds);
  }

  private static UnaryOperator<WebSocketApp.Builder> none() {
    return b -> b;
  }

  private static <T> Arbitrary<UnaryOperator<WebSocketApp.Builder>> maybe(
      Arbitrary<T> values,
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

  private static Arbitrary<Affinity> affinity() {
    Arbitrary<CookieAffinity> cookie =
        Combinators.combine(
                cookieName(),
                seconds(1, Duration.ofDays(400).getSeconds()).optional(0.6),
                path().optional(0.4),
                Arbitraries.of(0, 1, 2), // secure unset, true, false
                Arbitraries.of(true, false),
                Arbitraries.of(SameSite.class).optional(0.5),
                Arbitraries.of(true, false))
            .as(
                (name, maxAge, path, secure, httpOnly, sameSite, persistent) -> {
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
                });
    Arbitrary<Affinity> clientIp =
        seconds(1, 86400)
            .optional(0.5)
            .map(
                t ->
                    t.map(d -> (Affinity) Affinity.clientIp().timeout(d))
                        .orElse(Affinity.clientIp()));
    Arbitrary<Affinity> header = headerName().map(Affinity::header);
    return Arbitraries.oneOf(cookie, clientIp, header);
  }

  private static Arbitrary<String> origin() {
    Arbitrary<String> host =
        Combinators.combine(
                Arbitraries.of("https://", "http://"),
                Arbitraries.of("", "", "*."),
                dnsLabel(20),
                Arbitraries.of(".example.com", ".test", ""),
                Arbitraries.of("", "", ":8443", ":1", ":65535"))
            .as((s, w, l, d, p) -> s + w + l + d + p);
    return valid(host, (p, v) -> SpecRules.origin(p, "o", v));
  }

  private static Arbitrary<Cors> cors() {
    // Also what build() accepts but an HTTPRoute refuses (issue 19 item 4): "*" beside other
    // origins, repeated methods and headers.
    Arbitrary<List<String>> origins =
        Arbitraries.frequencyOf(
            weighted(3, Arbitraries.just(List.of("*"))),
            weighted(12, origin().list().ofMinSize(1).ofMaxSize(3).uniqueElements()),
            weighted(
                1,
                origin()
                    .list()
                    .ofMinSize(1)
                    .ofMaxSize(2)
                    .map(
                        l -> {
                          List<String> all = new ArrayList<>(l);
                          all.add(0, "*");
                          return all;
                        })));
    return Combinators.combine(
            origins,
            Arbitraries.frequencyOf(
                weighted(
                    12,
                    Arbitraries.of(
                            "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE",
                            "PATCH")
                        .list()
                        .ofMaxSize(4)
                        .uniqueElements()),
                weighted(1, Arbitraries.just(List.of("GET", "GET")))),
            Arbitraries.frequencyOf(
                weighted(12, headerName().list().ofMaxSize(3).uniqueElements()),
                weighted(1, headerName().map(h -> List.of(h, h)))),
            headerName().list().ofMaxSize(2).uniqueElements(),
            Arbitraries.of(true, false),
            seconds(1, Duration.ofDays(30).getSeconds()).optional(0.5))
        .as(
            (o, m, h, e, credentials, maxAge) -> {
              Cors c =
                  Cors.allowOrigins(o.toArray(String[]::new))
                      .allowMethods(m.toArray(String[]::new))
                      .allowHeaders(h.toArray(String[]::new))
                      .exposeHeaders(e.toArray(String[]::new))
                      .allowCredentials(credentials && !o.contains("*"));
              return maxAge.map(c::maxAge).orElse(c);
            });
  }

  private static Arbitrary<RateLimit> rateLimit() {
    return Combinators.combine(
            Arbitraries.of(true, false),
            Arbitraries.integers()
                .between(1, 1_000_000)
                .edgeCases(e -> e.includeOnly(1, 1_000_000)),
            Arbitraries.integers().between(1, 1_000_000).optional(0.5))
        .as(
            (perSecond, rate, burst) -> {
              RateLimit r =
                  perSecond
                      ? RateLimit.handshakesPerSecond(rate)
                      : RateLimit.handshakesPerMinute(rate);
              return burst.map(r::burst).orElse(r);
            });
  }

  private static Arbitrary<HealthCheck> healthCheck() {
    return Combinators.combine(
            path(),
            seconds(1, 3600).optional(0.5),
            Arbitraries.integers().between(1, 100).optional(0.5),
            Arbitraries.integers().between(1, 100).optional(0.5))
        .as(
            (p, interval, rise, fall) -> {
              HealthCheck h = HealthCheck.http(p);
              h = interval.map(h::interval).orElse(h);
              h = rise.map(h::rise).orElse(h);
              return fall.map(h::fall).orElse(h);
            });
  }

  /** Environment values: printable text, none of which may change meaning in the YAML. */
  private static Arbitrary<String> envValue() {
    return Arbitraries.oneOf(
        Arbitraries.of(
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
        Arbitraries.strings()
            .withCharRange(' ', '~')
            .ofMinLength(1)
            .ofMaxLength(40)
            .filter(v -> !v.contains("$(") && !v.contains("$$")));
  }

  private static Arbitrary<Workload> workload() {
    Arbitrary<String> image =
        Arbitraries.of(
            "registry.example.com/chat:1.4.2",
            "chat:1",
            "0o17",
            "ghcr.io/example/ws@sha256:" + "a".repeat(64),
            "localhost:5000/ws");
    Arbitrary<String> envName =
        Arbitraries.strings()
            .withChars("ABCXYZ_0123")
            .ofMinLength(1)
            .ofMaxLength(12)
            .filter(s -> !Character.isDigit(s.charAt(0)));
    Arbitrary<String> cpu = Arbitraries.of("100m", "250m", "1", "2", "0.5", "1500m");
    Arbitrary<String> memory = Arbitraries.of("64Mi", "256Mi", "1Gi", "512M", "1G", "128974848");
    Arbitrary<Workload.Egress> egress =
        Arbitraries.oneOf(
            Combinators.combine(
                    labelKey(),
                    labelValue().filter(v -> !v.isEmpty()),
                    Arbitraries.integers().between(1, 65535))
                .as((k, v, p) -> new Workload.Egress(null, k, v, p)),
            Combinators.combine(dnsLabel(63), Arbitraries.integers().between(1, 65535))
                .as((n, p) -> new Workload.Egress(n, null, null, p)));
    Arbitrary<UnaryOperator<Workload>> ports =
        Combinators.combine(
                Arbitraries.integers().between(1, 65535).optional(0.4),
                // Metrics ports lie above every drawn Service port: build() refuses a metrics
                // port equal to the Service port, which is drawn apart from the workload.
                Arbitraries.integers().between(60000, 65535).optional(0.4),
                Arbitraries.integers().between(1, 1000))
            .as(
                (container, metrics, replicas) ->
                    w -> {
                      Workload x = w.replicas(replicas);
                      x = container.map(x::containerPort).orElse(x);
                      // ... and differ from the container port, or build() refuses them too.
                      return metrics
                          .filter(m -> !m.equals(container.orElse(null)))
                          .map(x::metricsPort)
                          .orElse(x);
                    });
    Arbitrary<UnaryOperator<Workload>> env =
        Combinators.combine(envName, envValue())
            .as((n, v) -> (UnaryOperator<Workload>) w -> w.env(n, v))
            .list()
            .ofMaxSize(3)
            .map(Specs::compose);
    Arbitrary<UnaryOperator<Workload>> sizing =
        Combinators.combine(
                Arbitraries.integers().between(1, 10_000_000).optional(0.4),
                seconds(1, 3600).optional(0.4),
                Combinators.combine(cpu, memory, cpu, memory).as(List::of).optional(0.5),
                seconds(1, 3600).optional(0.4))
            .as(
                (max, ping, resources, drain) ->
                    w -> {
                      Workload x = max.map(w::maxConnections).orElse(w);
                      x = ping.map(x::pingInterval).orElse(x);
                      if (resources.isPresent()) {
                        List<String> r = resources.get();
                        x = x.resources(r.get(0), r.get(1), r.get(2), r.get(3));
                      }
                      return drain.map(x::drainTime).orElse(x);
                    });
    Arbitrary<UnaryOperator<Workload>> scaling =
        Combinators.combine(
                Arbitraries.integers().between(1, 1000),
                Arbitraries.integers().between(0, 50),
                Arbitraries.integers().between(1, 10_000_000).optional(0.5))
            .as(
                (min, extra, perPod) ->
                    (UnaryOperator<Workload>)
                        w -> {
                          Workload x = w.autoscale(min, Math.min(1000, min + extra));
                          return perPod.map(x::connectionsPerPod).orElse(x);
                        })
            .optional(0.4)
            .map(o -> o.orElse(w -> w));
    Arbitrary<UnaryOperator<Workload>> egresses =
        egress
            .list()
            .ofMaxSize(3)
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
    return Combinators.combine(image, ports, env, sizing, scaling, egresses)
        .as((i, p, e, s, a, g) -> g.apply(a.apply(s.apply(e.apply(p.apply(Workload.image(i)))))));
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

  /** TLS drawn without the hosts; {@link #tls(Tls, List)} fits it to the app's hosts. */
  private record TlsDraw(
      String secret, int hostMask, boolean redirect, Optional<AcmeIssuer> issuer) {}

  private static Arbitrary<TlsDraw> tlsDraw() {
    Arbitrary<Optional<AcmeIssuer>> issuer =
        Combinators.combine(
                Arbitraries.of("ops@example.com", "0o17@example.com", "a.b+c@mail.example.org"),
                Arbitraries.of(true, false),
                dnsSubdomain().optional(0.3),
                dnsSubdomain())
            .as(
                (email, staging, name, ingressClass) -> {
                  AcmeIssuer i = AcmeIssuer.letsEncrypt(email);
                  i = staging ? i.staging() : i;
                  i = name.map(i::name).orElse(i);
                  return i.http01(ingressClass);
                })
            .optional(0.3);
    return Combinators.combine(
            dnsSubdomain(),
            Arbitraries.integers().between(0, 7),
            Arbitraries.of(true, false),
            issuer)
        .as(TlsDraw::new);
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
  public static Arbitrary<WebSocketApp> apps() {
    return APPS;
  }

  private static final Arbitrary<WebSocketApp> APPS = build();

  private static Arbitrary<WebSocketApp> build() {
    // Mostly one to three hosts; sometimes more than an HTTPRoute takes (16, issue 19 item 4).
    Arbitrary<List<String>> hosts =
        Arbitraries.frequencyOf(
            weighted(30, hostname().list().ofMinSize(1).ofMaxSize(3).uniqueElements()),
            weighted(1, hostname().list().ofMinSize(15).ofMaxSize(20).uniqueElements()));
    Arbitrary<UnaryOperator<WebSocketApp.Builder>> identity =
        Combinators.combine(
                maybe(dnsLabel(47), 0.6, WebSocketApp.Builder::name),
                maybe(dnsLabel(63), 0.5, WebSocketApp.Builder::namespace),
                Combinators.combine(labelKey(), labelValue())
                    .as((k, v) -> (UnaryOperator<WebSocketApp.Builder>) b -> b.label(k, v))
                    .list()
                    .ofMaxSize(2)
                    .map(Specs::compose))
            .as((a, b, c) -> x -> c.apply(b.apply(a.apply(x))));
    Arbitrary<UnaryOperator<WebSocketApp.Builder>> routes =
        Combinators.combine(path(), Arbitraries.of(true, false))
            .as(PathRoute::new)
            .list()
            .ofMaxSize(3)
            .uniqueElements(r -> (r.exact ? "=" : "^") + r.path)
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
    Arbitrary<UnaryOperator<WebSocketApp.Builder>> service =
        Arbitraries.oneOf(
            Combinators.combine(
                    serviceName(),
                    // Below the metrics ports (see workload()), which build() keeps apart.
                    Arbitraries.integers()
                        .between(1, 59999)
                        .edgeCases(e -> e.includeOnly(1, 80, 59999)))
                .as((n, p) -> (UnaryOperator<WebSocketApp.Builder>) b -> b.service(n, p)),
            Combinators.combine(serviceName(), portName())
                .as((n, p) -> (UnaryOperator<WebSocketApp.Builder>) b -> b.service(n, p)));
    long maxIdle = WebSocketApp.MAX_IDLE_TIMEOUT.getSeconds();
    Arbitrary<UnaryOperator<WebSocketApp.Builder>> timeouts =
        Combinators.combine(
                maybe(seconds(1, maxIdle), 0.7, WebSocketApp.Builder::timeout),
                maybe(seconds(1, maxIdle), 0.3, WebSocketApp.Builder::readTimeout),
                maybe(seconds(1, maxIdle), 0.3, WebSocketApp.Builder::sendTimeout),
                maybe(seconds(1, 3600), 0.5, WebSocketApp.Builder::connectTimeout))
            .as((a, b, c, d) -> x -> d.apply(c.apply(b.apply(a.apply(x)))));
    Arbitrary<UnaryOperator<WebSocketApp.Builder>> edge =
        Combinators.combine(
                maybe(affinity(), 0.6, WebSocketApp.Builder::stickySessions),
                maybe(rateLimit(), 0.4, WebSocketApp.Builder::rateLimit),
                maybe(
                    Arbitraries.integers().between(1, 1_000_000),
                    0.3,
                    WebSocketApp.Builder::maxConnectionsPerClient),
                maybe(cors(), 0.4, WebSocketApp.Builder::cors),
                Arbitraries.of(true, false),
                Arbitraries.of(true, false))
            .as(
                (a, r, m, c, response, request) ->
                    x ->
                        c.apply(m.apply(r.apply(a.apply(x))))
                            .responseBuffering(response)
                            .requestBuffering(request));
    Arbitrary<UnaryOperator<WebSocketApp.Builder>> backend =
        Combinators.combine(
                Arbitraries.of(BackendProtocol.class),
                dnsSubdomain().optional(0.5),
                maybe(healthCheck(), 0.4, WebSocketApp.Builder::healthCheck),
                maybe(workload(), 0.5, WebSocketApp.Builder::workload))
            .as(
                (protocol, ca, health, work) ->
                    x -> {
                      x.backendProtocol(protocol);
                      if (protocol == BackendProtocol.HTTPS && ca.isPresent()) {
                        x.backendCaSecret(ca.get());
                      }
                      return work.apply(health.apply(x));
                    });
    return Combinators.combine(
            hosts, identity, routes, service, timeouts, edge, tlsDraw().optional(0.6), backend)
        .as(
            (h, i, r, s, t, e, tls, k) -> {
              WebSocketApp.Builder b = WebSocketApp.on(h.get(0));
              if (h.size() > 1) {
                b.alsoOn(h.subList(1, h.size()).toArray(String[]::new));
              }
              b = k.apply(e.apply(t.apply(s.apply(r.apply(i.apply(b))))));
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
            })
        .filter(Optional::isPresent)
        .map(Optional::get);
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
