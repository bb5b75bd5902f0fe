package dev.wsingress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Random valid specs over what the stand-in reader and platform express (hosts, identity, routes of
 * both kinds with their own backends, rewrites, request timeouts and buffering, every timeout, the
 * three affinity kinds, TLS with some hosts, rate limits, CORS, buffering, HTTPS backends, health
 * checks, workloads), from a seed, for the core's own proof of the round-trip harness; unlike
 * {@link dev.wsingress.testing.Specs} (the whole option space, which the target modules draw from),
 * it draws routes with backends, rewrites and settings of their own.
 */
final class StandInSpecs implements Supplier<WebSocketApp> {
  private static final List<String> HOSTS =
      List.of(
          "chat.example.com", "ws.example.com", "*.apps.example.com", "a.test", "b-2.example.org");
  private static final List<String> PATHS =
      List.of("/api", "/", "/notify", "/static", "/v1/events", "/health", "/ws/admin");
  private static final List<Duration> IDLE =
      List.of(
          Duration.ofSeconds(60),
          Duration.ofMinutes(5),
          Duration.ofHours(1),
          Duration.ofHours(2),
          Duration.ofDays(1),
          Duration.ofSeconds(3601));

  private final Random random;
  private final boolean withWorkload;
  int refused;

  StandInSpecs(long seed, boolean withWorkload) {
    this.random = new Random(seed);
    this.withWorkload = withWorkload;
  }

  private boolean chance(double p) {
    return random.nextDouble() < p;
  }

  private <T> T any(List<T> from) {
    return from.get(random.nextInt(from.size()));
  }

  @Override
  public WebSocketApp get() {
    while (true) {
      try {
        return draw();
      } catch (InvalidSpecException e) {
        refused++;
      }
    }
  }

  private WebSocketApp draw() {
    List<String> hosts = new ArrayList<>(HOSTS);
    Collections.shuffle(hosts, random);
    hosts = hosts.subList(0, 1 + random.nextInt(3));
    WebSocketApp.Builder b = WebSocketApp.on(hosts.get(0));
    for (String h : hosts.subList(1, hosts.size())) {
      b.alsoOn(h);
    }
    if (chance(0.5)) {
      b.name(any(List.of("chat", "realtime-app")));
    }
    if (chance(0.5)) {
      b.namespace("prod");
    }
    if (chance(0.3)) {
      b.label("app", "chat");
      if (chance(0.5)) {
        b.label("tier", "edge");
      }
    }
    String own = any(List.of("chat-ws", "websocket-service"));
    if (chance(0.7)) {
      b.service(own, 8080);
    } else {
      b.service(own, any(List.of("ws", "http-ws")));
    }
    Set<String> seen = new HashSet<>();
    boolean ws = false;
    double first = random.nextDouble();
    if (first < 0.5) {
      b.path("/ws");
      seen.add("PREFIX /ws");
      ws = true;
    } else if (first < 0.65) {
      b.exactPath("/socket");
      seen.add("EXACT /socket");
      ws = true;
    }
    int extra = random.nextInt(5);
    for (int i = 0; i < extra; i++) {
      String path = any(PATHS);
      boolean exact = chance(0.15);
      if (!seen.add((exact ? "EXACT " : "PREFIX ") + path)) {
        continue;
      }
      boolean webSocket = chance(0.4);
      Route r = webSocket ? Route.websocket(path) : Route.http(path);
      if (exact) {
        r = r.exact();
      }
      double backend = random.nextDouble();
      if (backend < 0.3) {
        r = r.to("api", 80);
      } else if (backend < 0.55) {
        r = r.to("frontend", "http");
      }
      if (!exact && chance(0.25)) {
        String to = any(List.of("/", "/ws", "/v2"));
        if (!to.equals(path)) {
          r = r.rewriteTo(to);
        }
      }
      if (!webSocket && chance(0.3)) {
        r = r.requestTimeout(Duration.ofSeconds(1 + random.nextInt(120)));
      }
      if (!webSocket && chance(0.2)) {
        r = r.buffering(chance(0.5));
      }
      ws |= webSocket;
      b.route(r);
    }
    if (!ws && (extra > 0 && !seen.isEmpty()) && !seen.contains("PREFIX /ws")) {
      b.path("/ws");
    }
    if (chance(0.6)) {
      b.timeout(any(IDLE));
    }
    if (chance(0.2)) {
      b.readTimeout(any(IDLE));
    }
    if (chance(0.2)) {
      b.sendTimeout(any(IDLE));
    }
    if (chance(0.3)) {
      b.connectTimeout(Duration.ofSeconds(5 + random.nextInt(56)));
    }
    double affinity = random.nextDouble();
    if (affinity < 0.25) {
      CookieAffinity c = Affinity.cookie(any(List.of("ws-server", "route")));
      b.stickySessions(
          chance(0.5) ? c.maxAge(any(List.of(Duration.ofHours(1), Duration.ofDays(1)))) : c);
    } else if (affinity < 0.4) {
      b.stickySessions(Affinity.clientIp());
    } else if (affinity < 0.5) {
      b.stickySessions(Affinity.header("X-Session-Id"));
    }
    if (chance(0.5)) {
      Tls t = Tls.secret("chat-tls");
      if (hosts.size() > 1 && chance(0.4)) {
        List<String> some = new ArrayList<>(hosts);
        Collections.shuffle(some, random);
        t = t.hosts(some.subList(0, 1 + random.nextInt(some.size())).toArray(new String[0]));
      }
      if (chance(0.2)) {
        t = t.redirect(false);
      }
      b.tls(t);
    }
    if (chance(0.3)) {
      RateLimit r =
          chance(0.5) ? RateLimit.handshakesPerSecond(10) : RateLimit.handshakesPerMinute(100);
      b.rateLimit(chance(0.5) ? r.burst(50) : r);
    }
    if (chance(0.2)) {
      b.maxConnectionsPerClient(1 + random.nextInt(200));
    }
    if (chance(0.3)) {
      b.cors(
          chance(0.5)
              ? Cors.allowOrigins("https://app.example.com")
              : Cors.allowOrigins("https://app.example.com", "https://admin.example.com"));
    }
    b.responseBuffering(chance(0.1));
    b.requestBuffering(chance(0.1));
    if (chance(0.2)) {
      b.backendProtocol(BackendProtocol.HTTPS);
      if (chance(0.5)) {
        b.backendCaSecret("backend-ca");
      }
    }
    if (chance(0.3)) {
      HealthCheck h = HealthCheck.http("/health");
      b.healthCheck(chance(0.5) ? h.interval(Duration.ofSeconds(10)) : h);
    }
    if (withWorkload && chance(0.4)) {
      Workload w = Workload.image("registry.example.com/chat:1.4").replicas(1 + random.nextInt(5));
      if (chance(0.3)) {
        w = w.containerPort(3000);
      }
      if (chance(0.3)) {
        w = w.env("LOG_LEVEL", "info");
      }
      b.workload(w);
    }
    return b.build();
  }
}
