package dev.wsingress.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.AcmeIssuer;
import dev.wsingress.Affinity;
import dev.wsingress.BackendProtocol;
import dev.wsingress.CookieAffinity;
import dev.wsingress.Cors;
import dev.wsingress.HealthCheck;
import dev.wsingress.RateLimit;
import dev.wsingress.Route;
import dev.wsingress.SameSite;
import dev.wsingress.Tls;
import dev.wsingress.WebSocketApp;
import dev.wsingress.Workload;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Writing spec files: deterministic, defaults left out, and read back to the same app. There is no
 * random app generator on main yet, so the apps are a hand-written grid plus seeded random apps
 * over every field ({@code -Dwsingress.specTries=N}, 500 by default).
 */
class SpecWriterTest {

  @Test
  void theExampleAppIsWrittenInTheFormatsOrderWithoutDefaults() throws IOException {
    assertThat(SpecFile.write(SpecFileTest.chatApp()))
        .isEqualTo(
            """
            apiVersion: wsingress.dev/v1alpha1
            kind: WebSocketApp
            metadata:
              name: chat
              namespace: chat
              labels:
                app: chat
            spec:
              hosts:
                - chat.example.com
              service:
                name: chat-ws
                port: 8080
              routes:
                - path: /ws
                - path: /api
                  kind: HTTP
                  to:
                    service: chat-api
                    port: 80
                  requestTimeout: 30s
                - path: /notifications/ws
                  to:
                    service: notify
                    port: 8080
                  rewriteTo: /ws
              connectTimeout: 10s
              stickySessions:
                cookie:
                  name: ws-server
                  maxAge: 24h
              tls:
                secretName: chat-tls
                issuer:
                  email: ops@example.com
                  http01: nginx
              rateLimit:
                handshakesPerSecond: 10
                burst: 50
              maxConnectionsPerClient: 100
              cors:
                allowOrigins:
                  - https://app.example.com
              healthCheck:
                path: /health
              workload:
                image: registry.example.com/chat:1.4.2
                metricsPort: 9090
                maxConnections: 10000
                pingInterval: 30s
                resources:
                  requests:
                    cpu: 250m
                    memory: 256Mi
                  limits:
                    cpu: '1'
                    memory: 512Mi
                drainTime: 1m
                autoscale:
                  min: 3
                  max: 50
                  connectionsPerPod: 1000
            """);
  }

  @Test
  void theSmallestAppIsShort() {
    assertThat(SpecFile.write(WebSocketApp.on("chat.example.com").service("chat", 8080).build()))
        .isEqualTo(
            """
            apiVersion: wsingress.dev/v1alpha1
            kind: WebSocketApp
            metadata:
              name: chat
            spec:
              hosts:
                - chat.example.com
              service:
                name: chat
                port: 8080
            """);
  }

  @Test
  void severalAppsAreSeveralDocuments() {
    WebSocketApp a = WebSocketApp.on("a.example.com").service("a", 80).build();
    WebSocketApp b = WebSocketApp.on("b.example.com").service("b", "http").build();
    String text = SpecFile.write(List.of(a, b));
    assertThat(text).contains("\n---\n");
    assertThat(SpecFile.read(text, "x.yaml"))
        .extracting(SpecFile.Document::app)
        .containsExactly(a, b);
  }

  @ParameterizedTest
  @MethodSource("apps")
  void readingWhatWasWrittenGivesTheSameAppAndTheSameText(WebSocketApp app) {
    // WHEN
    String text = SpecFile.write(app);
    WebSocketApp again = SpecFile.read(text, "app.yaml").get(0).app();
    // THEN
    assertThat(again).as(text).isEqualTo(app);
    assertThat(SpecFile.write(again)).isEqualTo(text);
  }

  @Test
  void writingWhatWasReadIsStable() throws IOException {
    String example = Files.readString(Run.root().resolve(Run.CHAT));
    String once = SpecFile.write(SpecFile.read(example, "chat.yaml").get(0).app());
    String twice = SpecFile.write(SpecFile.read(once, "chat.yaml").get(0).app());
    assertThat(twice).isEqualTo(once);
  }

  static Stream<WebSocketApp> apps() {
    int tries = Integer.getInteger("wsingress.specTries", 500);
    Random random = new Random(20261201L);
    return Stream.concat(grid(), IntStream.range(0, tries).mapToObj(i -> randomOrSay(random)));
  }

  /** One app per feature, each away from its default. */
  static Stream<WebSocketApp> grid() {
    return Stream.of(
        base().build(),
        base().service("ws", "http-ws").build(),
        base().alsoOn("*.example.org").name("other").namespace("team").build(),
        base().label("app.kubernetes.io/name", "ws").label("tier", "edge").build(),
        base().path("/").build(),
        base().exactPath("/ws").path("/ws").build(),
        base()
            .path("/ws")
            .route(Route.http("/api").to("api", "http").buffering(true).exact())
            .route(Route.websocket("/n").to("ws", 8080).rewriteTo("/"))
            .build(),
        base()
            .timeout(Duration.ofMinutes(90))
            .readTimeout(Duration.ofHours(2))
            .sendTimeout(Duration.ofSeconds(61))
            .connectTimeout(Duration.ofSeconds(5))
            .build(),
        base().stickySessions(Affinity.clientIp()).build(),
        base().stickySessions(Affinity.clientIp().timeout(Duration.ofHours(3))).build(),
        base().stickySessions(Affinity.header("X-Session")).build(),
        base()
            .stickySessions(
                Affinity.cookie("c")
                    .maxAge(Duration.ofDays(2))
                    .path("/")
                    .secure(true)
                    .httpOnly(false)
                    .sameSite(SameSite.NONE)
                    .persistent())
            .build(),
        base().stickySessions(Affinity.cookie("c").secure(false)).build(),
        base().tls(Tls.secret("t").hosts("ws.example.com").redirect(false)).build(),
        base()
            .tls(
                Tls.secret("t")
                    .issuedBy(AcmeIssuer.letsEncrypt("a@example.com").staging().http01("nginx")))
            .build(),
        base()
            .tls(
                Tls.secret("t")
                    .issuedBy(AcmeIssuer.letsEncrypt("a@example.com").name("le").http01("traefik")))
            .build(),
        base()
            .tls(
                Tls.secret("t")
                    .issuedBy(
                        AcmeIssuer.letsEncrypt("a@example.com")
                            .staging()
                            .name("letsencrypt-prod")
                            .http01("x")))
            .build(),
        base().rateLimit(RateLimit.handshakesPerMinute(100)).build(),
        base().maxConnectionsPerClient(3).build(),
        base()
            .cors(
                Cors.allowOrigins("https://a.example.com", "https://*.example.com:8443")
                    .allowMethods("GET", "POST")
                    .allowHeaders("Authorization")
                    .exposeHeaders("X-Id")
                    .allowCredentials(true)
                    .maxAge(Duration.ofMinutes(10)))
            .build(),
        base().responseBuffering(true).requestBuffering(true).build(),
        base().backendProtocol(BackendProtocol.HTTPS).backendCaSecret("ca").build(),
        base()
            .healthCheck(HealthCheck.http("/h").interval(Duration.ofSeconds(7)).rise(2).fall(4))
            .build(),
        base()
            .workload(
                Workload.image("r.example.com/ws@sha256:abc")
                    .replicas(1)
                    .containerPort(9000)
                    .env("B", "2")
                    .env("A", "true")
                    .drainTime(Duration.ofSeconds(30))
                    .egressTo("app", "redis", 6379)
                    .egressToNamespace("monitoring", 9090))
            .build());
  }

  private static WebSocketApp.Builder base() {
    return WebSocketApp.on("ws.example.com").service("ws", 8080);
  }

  private static final List<String> HOSTS =
      List.of("a.example.com", "b.example.com", "*.example.net", "x-1.example.org");

  private static WebSocketApp randomOrSay(Random r) {
    try {
      return random(r);
    } catch (dev.wsingress.InvalidSpecException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  /** A valid app with every field chosen at random (or left out). */
  static WebSocketApp random(Random r) {
    List<String> hosts = new ArrayList<>(HOSTS);
    java.util.Collections.shuffle(hosts, r);
    WebSocketApp.Builder b = WebSocketApp.on(hosts.get(0));
    int more = r.nextInt(3);
    for (int i = 1; i <= more; i++) {
      b.alsoOn(hosts.get(i));
    }
    boolean byName = r.nextBoolean();
    if (byName) {
      b.service("svc-" + r.nextInt(9), "http-" + r.nextInt(9));
    } else {
      b.service("svc-" + r.nextInt(9), 1 + r.nextInt(65535));
    }
    if (r.nextBoolean()) {
      b.name("app-" + r.nextInt(99));
    }
    if (r.nextBoolean()) {
      b.namespace("ns-" + r.nextInt(9));
    }
    if (r.nextBoolean()) {
      b.label("app", "v" + r.nextInt(9));
    }
    int routes = r.nextInt(4);
    b.path("/ws" + r.nextInt(9));
    for (int i = 0; i < routes; i++) {
      Route route = r.nextBoolean() ? Route.http("/p" + i) : Route.websocket("/w" + i);
      if (r.nextBoolean()) {
        route = route.to("be-" + i, r.nextBoolean() ? 80 + i : 8080);
      }
      if (!route.isWebSocket() && r.nextBoolean()) {
        route = route.requestTimeout(Duration.ofSeconds(1 + r.nextInt(600)));
      }
      if (!route.isWebSocket() && r.nextBoolean()) {
        route = route.buffering(r.nextBoolean());
      }
      if (r.nextInt(3) == 0) {
        route = route.exact();
      } else if (r.nextBoolean()) {
        route = route.rewriteTo("/r" + i);
      }
      b.route(route);
    }
    if (r.nextBoolean()) {
      b.timeout(Duration.ofSeconds(1 + r.nextInt(200_000)));
    }
    if (r.nextInt(4) == 0) {
      b.readTimeout(Duration.ofSeconds(1 + r.nextInt(9999)));
    }
    if (r.nextInt(4) == 0) {
      b.sendTimeout(Duration.ofSeconds(1 + r.nextInt(9999)));
    }
    if (r.nextBoolean()) {
      b.connectTimeout(Duration.ofSeconds(1 + r.nextInt(3600)));
    }
    switch (r.nextInt(4)) {
      case 0 -> b.stickySessions(cookie(r));
      case 1 ->
          b.stickySessions(
              r.nextBoolean()
                  ? Affinity.clientIp()
                  : Affinity.clientIp().timeout(Duration.ofSeconds(1 + r.nextInt(86400))));
      case 2 -> b.stickySessions(Affinity.header("X-H" + r.nextInt(9)));
      default -> {}
    }
    if (r.nextBoolean()) {
      Tls t = Tls.secret("tls-" + r.nextInt(9));
      if (r.nextBoolean()) {
        t = t.redirect(false);
      }
      if (r.nextBoolean()) {
        t = t.hosts(hosts.get(0));
      }
      if (r.nextBoolean() && !hosts.get(0).startsWith("*") && more == 0) {
        AcmeIssuer i = AcmeIssuer.letsEncrypt("ops" + r.nextInt(9) + "@example.com");
        if (r.nextBoolean()) {
          i = i.staging();
        }
        if (r.nextBoolean()) {
          i = i.name("issuer-" + r.nextInt(9));
        }
        t = t.issuedBy(i.http01("class-" + r.nextInt(3)));
      }
      b.tls(t);
    }
    if (r.nextBoolean()) {
      RateLimit l =
          r.nextBoolean()
              ? RateLimit.handshakesPerSecond(1 + r.nextInt(100))
              : RateLimit.handshakesPerMinute(1 + r.nextInt(1000));
      b.rateLimit(r.nextBoolean() ? l.burst(1 + r.nextInt(500)) : l);
    }
    if (r.nextBoolean()) {
      b.maxConnectionsPerClient(1 + r.nextInt(1000));
    }
    if (r.nextBoolean()) {
      boolean star = r.nextBoolean();
      Cors c = Cors.allowOrigins(star ? "*" : "https://app" + r.nextInt(9) + ".example.com");
      if (r.nextBoolean()) {
        c = c.allowMethods("GET", "OPTIONS");
      }
      if (r.nextBoolean()) {
        c = c.allowHeaders("X-A" + r.nextInt(9));
      }
      if (r.nextBoolean()) {
        c = c.exposeHeaders("X-B");
      }
      if (!star && r.nextBoolean()) {
        c = c.allowCredentials(true);
      }
      if (r.nextBoolean()) {
        c = c.maxAge(Duration.ofSeconds(1 + r.nextInt(86400)));
      }
      b.cors(c);
    }
    b.responseBuffering(r.nextInt(4) == 0).requestBuffering(r.nextInt(4) == 0);
    if (r.nextInt(4) == 0) {
      b.backendProtocol(BackendProtocol.HTTPS);
      if (r.nextBoolean()) {
        b.backendCaSecret("ca-" + r.nextInt(9));
      }
    }
    if (r.nextBoolean()) {
      HealthCheck h = HealthCheck.http("/health" + r.nextInt(9));
      if (r.nextBoolean()) {
        h = h.interval(Duration.ofSeconds(1 + r.nextInt(3600)));
      }
      if (r.nextBoolean()) {
        h = h.rise(1 + r.nextInt(100)).fall(1 + r.nextInt(100));
      }
      b.healthCheck(h);
    }
    if (r.nextBoolean()) {
      b.workload(workload(r));
    }
    return b.build();
  }

  private static CookieAffinity cookie(Random r) {
    CookieAffinity c = Affinity.cookie("c" + r.nextInt(99));
    if (r.nextBoolean()) {
      c = c.maxAge(Duration.ofSeconds(1 + r.nextInt(34_560_000)));
    }
    if (r.nextBoolean()) {
      c = c.path("/p" + r.nextInt(9));
    }
    boolean secure = false;
    if (r.nextBoolean()) {
      secure = r.nextBoolean();
      c = c.secure(secure);
    }
    if (r.nextBoolean()) {
      c = c.httpOnly(r.nextBoolean());
    }
    if (r.nextBoolean()) {
      c = c.sameSite(secure ? SameSite.NONE : SameSite.LAX);
    }
    return r.nextBoolean() ? c.persistent() : c;
  }

  private static Workload workload(Random r) {
    Workload w = Workload.image("registry.example.com/app:" + r.nextInt(9));
    if (r.nextBoolean()) {
      w = w.replicas(1 + r.nextInt(1000));
    }
    if (r.nextBoolean()) {
      w = w.containerPort(1 + r.nextInt(65535));
    }
    if (r.nextBoolean()) {
      w = w.metricsPort(1 + r.nextInt(65535));
    }
    if (r.nextBoolean()) {
      w = w.env("K" + r.nextInt(9), r.nextBoolean() ? "v" : "8080").env("Z", "yes");
    }
    if (r.nextBoolean()) {
      w = w.maxConnections(1 + r.nextInt(10_000_000));
    }
    if (r.nextBoolean()) {
      w = w.pingInterval(Duration.ofSeconds(1 + r.nextInt(3600)));
    }
    if (r.nextBoolean()) {
      w = w.resources(r.nextInt(999) + "m", r.nextInt(999) + "Mi", "1", "1.5Gi");
    }
    if (r.nextBoolean()) {
      w = w.drainTime(Duration.ofSeconds(1 + r.nextInt(3600)));
    }
    if (r.nextBoolean()) {
      int min = 1 + r.nextInt(10);
      w = w.autoscale(min, min + r.nextInt(100));
      if (r.nextBoolean()) {
        w = w.connectionsPerPod(1 + r.nextInt(5000));
      }
    }
    if (r.nextBoolean()) {
      w = w.egressTo("app", "db" + r.nextInt(9), 1 + r.nextInt(65535));
    }
    if (r.nextBoolean()) {
      w = w.egressToNamespace("ns" + r.nextInt(9), 1 + r.nextInt(65535));
    }
    return w;
  }
}
