package dev.wsingress.nginx;

import dev.wsingress.Affinity;
import dev.wsingress.BackendProtocol;
import dev.wsingress.CookieAffinity;
import dev.wsingress.Cors;
import dev.wsingress.InvalidSpecException;
import dev.wsingress.RateLimit;
import dev.wsingress.Route;
import dev.wsingress.SameSite;
import dev.wsingress.Tls;
import dev.wsingress.WebSocketApp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Random specs with several routes of both kinds, each with its own backend, rewrites, plain
 * routes' request timeouts and buffering, and every app-wide setting the nginx target writes, from
 * a seed: the multi-route shapes the test-jar's {@code Specs} does not draw.
 *
 * <p>Two combinations are left out, because an nginx rendering does not keep what the spec says
 * there and the reader reads what ingress-nginx does (each is a finding of the rendering):
 *
 * <ul>
 *   <li>an Exact route on a host with a rewrite: the rewrite makes every path of the host a
 *       case-insensitive regex, so the Exact path matches as a prefix ({@code
 *       NGINX-REWRITE-REGEX-HOST}), and the import says Prefix;
 *   <li>a plain route whose path has a WebSocket segment ({@code /ws/...}): the doctor's rule reads
 *       it as a WebSocket route.
 * </ul>
 */
final class NginxSpecs implements Supplier<WebSocketApp> {
  private static final List<String> HOSTS =
      List.of(
          "chat.example.com", "ws.example.com", "*.apps.example.com", "a.test", "b-2.example.org");
  private static final List<String> PATHS =
      List.of("/api", "/", "/notify", "/static", "/v1/events", "/health", "/admin/tools", "/v1.0");
  private static final List<Duration> IDLE =
      List.of(
          Duration.ofSeconds(60),
          Duration.ofMinutes(5),
          Duration.ofHours(1),
          Duration.ofHours(2),
          Duration.ofDays(1),
          Duration.ofSeconds(3601));

  private final Random random;
  int refused;

  NginxSpecs(long seed) {
    this.random = new Random(seed);
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
      b.name(any(List.of("chat", "realtime-app", "ws-http")));
    }
    if (chance(0.5)) {
      b.namespace("prod");
    }
    if (chance(0.3)) {
      b.label("app", "chat");
    }
    String own = any(List.of("chat-ws", "websocket-service"));
    if (chance(0.7)) {
      b.service(own, 8080);
    } else {
      b.service(own, any(List.of("ws", "http-ws")));
    }
    boolean rewrites = chance(0.3);
    Set<String> seen = new HashSet<>();
    List<Route> routes = new ArrayList<>();
    boolean exactAllowed = !rewrites;
    if (chance(0.6)) {
      b.path("/ws");
      seen.add("/ws");
    } else if (exactAllowed && chance(0.5)) {
      b.exactPath("/socket");
      seen.add("/socket");
    } else {
      b.path("/socket.io");
      seen.add("/socket.io");
    }
    int extra = random.nextInt(4);
    for (int i = 0; i < extra; i++) {
      String path = any(PATHS);
      if (!seen.add(path)) {
        continue;
      }
      boolean webSocket = chance(0.35);
      Route r = webSocket ? Route.websocket(path) : Route.http(path);
      if (exactAllowed && chance(0.15)) {
        r = r.exact();
      }
      double backend = random.nextDouble();
      if (backend < 0.3) {
        r = r.to("api", 80);
      } else if (backend < 0.55) {
        r = r.to("frontend", "http");
      }
      if (rewrites && r.match() == Route.Match.PREFIX && chance(0.5)) {
        String to = any(List.of("/", "/ws", "/v2"));
        if (!to.equals(path)) {
          r = r.rewriteTo(to);
        }
      }
      if (!webSocket && chance(0.3)) {
        r = r.requestTimeout(Duration.ofSeconds(1 + random.nextInt(600)));
      }
      if (!webSocket && chance(0.2)) {
        r = r.buffering(chance(0.5));
      }
      routes.add(r);
    }
    routes.forEach(b::route);
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
      b.connectTimeout(Duration.ofSeconds(5 + random.nextInt(70)));
    }
    double affinity = random.nextDouble();
    if (affinity < 0.35) {
      CookieAffinity c = Affinity.cookie(any(List.of("ws-server", "route", "INGRESSCOOKIE")));
      if (chance(0.5)) {
        c = c.maxAge(any(List.of(Duration.ofHours(1), Duration.ofDays(1))));
      }
      if (chance(0.3)) {
        c = c.path(any(List.of("/", "/ws")));
      }
      if (chance(0.3)) {
        c = c.secure(true).sameSite(any(List.of(SameSite.values())));
      }
      b.stickySessions(chance(0.3) ? c.persistent() : c);
    } else if (affinity < 0.5) {
      b.stickySessions(Affinity.clientIp());
    } else if (affinity < 0.6) {
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
      Cors c =
          chance(0.5)
              ? Cors.allowOrigins("https://app.example.com")
              : Cors.allowOrigins("https://app.example.com", "https://*.example.org:8443");
      if (chance(0.5)) {
        c = c.allowMethods("GET", "POST").allowHeaders("Authorization").maxAge(Duration.ofHours(1));
      }
      b.cors(c);
    }
    b.responseBuffering(chance(0.1));
    b.requestBuffering(chance(0.1));
    if (chance(0.2)) {
      b.backendProtocol(BackendProtocol.HTTPS).backendCaSecret("backend-ca");
    }
    return b.build();
  }
}
