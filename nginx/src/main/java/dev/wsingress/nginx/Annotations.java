package dev.wsingress.nginx;

import dev.wsingress.Affinity;
import dev.wsingress.BackendProtocol;
import dev.wsingress.ClientIpAffinity;
import dev.wsingress.CookieAffinity;
import dev.wsingress.Cors;
import dev.wsingress.HeaderAffinity;
import dev.wsingress.RateLimit;
import dev.wsingress.Rendering;
import dev.wsingress.WebSocketApp;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Ingress annotations for one app. Names, units and defaults follow ingress-nginx's
 * docs/user-guide/nginx-configuration/annotations.md (controller v1.15): every value is a quoted
 * string and every time is an integer number of seconds without a unit ("3600s" fails the
 * controller's annotation validation).
 */
final class Annotations {
  private Annotations() {}

  static final String PREFIX = "nginx.ingress.kubernetes.io/";

  /** ingress-nginx configmap.md: proxy-connect-timeout "cannot usually exceed 75 seconds". */
  static final long MAX_CONNECT_SECONDS = 75;

  static Map<String, String> of(
      WebSocketApp app, String subject, Rendering.Builder out, String rawServerSnippet) {
    Map<String, String> a = new TreeMap<>();

    // "Custom timeouts": read/send are idle times between two successive operations, not the
    // lifetime of the socket, so the WebSocket idle timeout maps to both.
    a.put(PREFIX + "proxy-read-timeout", seconds(app.readTimeout()));
    a.put(PREFIX + "proxy-send-timeout", seconds(app.sendTimeout()));
    if (app.connectTimeout().isPresent()) {
      connectTimeout(app.connectTimeout().get(), a, subject, out);
    }

    // WebSocket needs HTTP/1.1 upstream; written explicitly so a controller-wide
    // proxy-http-version: "1.0" cannot break the upgrade ("Proxy HTTP version").
    a.put(PREFIX + "proxy-http-version", "1.1");
    a.put(PREFIX + "proxy-buffering", app.responseBuffering() ? "on" : "off");
    a.put(PREFIX + "proxy-request-buffering", app.requestBuffering() ? "on" : "off");

    if (app.affinity().isPresent()) {
      affinity(app.affinity().get(), a, subject, out);
    }
    if (app.rateLimit().isPresent()) {
      rateLimit(app.rateLimit().get(), a, subject, out);
    }
    if (app.maxConnectionsPerClient().isPresent()) {
      int max = app.maxConnectionsPerClient().getAsInt();
      a.put(PREFIX + "limit-connections", Integer.toString(max));
      out.add(
          NginxFinding.CONNECTION_LIMIT.at(
              subject,
              "limit-connections "
                  + max
                  + " counts every open WebSocket for its whole life, per client IP and per"
                  + " controller replica; a client behind a shared NAT address shares the"
                  + " limit."));
    }
    if (app.cors().isPresent()) {
      cors(app.cors().get(), a, subject, out);
    }

    if (app.backendProtocol() == BackendProtocol.HTTPS) {
      a.put(PREFIX + "backend-protocol", "HTTPS");
      backendTls(app, a, subject, out);
    }
    if (app.tls().isPresent()) {
      // "Server-side HTTPS enforcement": ssl-redirect defaults to true with TLS; written
      // explicitly so the controller-wide default cannot change it.
      boolean redirect = app.tls().get().redirect();
      a.put(PREFIX + "ssl-redirect", redirect ? "true" : "false");
      if (redirect) {
        out.add(
            NginxFinding.PLAIN_WS_REDIRECT.at(
                subject,
                "plain ws:// handshakes are answered with a 308 redirect to https, and RFC 6455"
                    + " clients need not follow redirects, so ws:// clients fail."));
      }
    }
    if (app.healthCheck().isPresent()) {
      out.add(
          NginxFinding.NO_ACTIVE_HEALTH_CHECK.at(
              subject,
              "ingress-nginx has no active health checks, so "
                  + app.healthCheck().get().path()
                  + " is not probed by the controller; it balances over the Service's Ready"
                  + " endpoints."));
    }
    if (rawServerSnippet != null) {
      a.put(PREFIX + "server-snippet", rawServerSnippet);
      out.add(
          NginxFinding.RAW_SNIPPET.at(
              subject,
              "server-snippet is raw nginx configuration that wsingress cannot check. ingress-nginx"
                  + " rejects it unless the controller ConfigMap sets"
                  + " allow-snippet-annotations: \"true\" (off since v1.9.0) and"
                  + " annotations-risk-level: Critical (High since v1.12.0)."));
    }
    return a;
  }

  private static void connectTimeout(
      Duration connect, Map<String, String> a, String subject, Rendering.Builder out) {
    long s = connect.getSeconds();
    if (s <= MAX_CONNECT_SECONDS) {
      a.put(PREFIX + "proxy-connect-timeout", Long.toString(s));
      return;
    }
    out.add(
        NginxFinding.CONNECT_TIMEOUT.at(
            subject,
            "proxy-connect-timeout "
                + s
                + " s is above the 75 s nginx can honour (ingress-nginx configmap.md: it"
                + " \"cannot usually exceed 75 seconds\"; the default is 5)."
                + (out.lenient() ? " Rendered as 75." : "")));
    a.put(PREFIX + "proxy-connect-timeout", Long.toString(MAX_CONNECT_SECONDS));
  }

  private static void affinity(
      Affinity affinity, Map<String, String> a, String subject, Rendering.Builder out) {
    if (affinity instanceof CookieAffinity c) {
      // "Session Affinity": the only affinity type is cookie.
      a.put(PREFIX + "affinity", "cookie");
      a.put(PREFIX + "affinity-mode", c.mode().name().toLowerCase(Locale.ROOT));
      a.put(PREFIX + "session-cookie-name", c.name());
      if (c.maxAge().isPresent()) {
        a.put(PREFIX + "session-cookie-max-age", seconds(c.maxAge().get()));
        // Expires is the legacy form of Max-Age, kept for old browsers.
        a.put(PREFIX + "session-cookie-expires", seconds(c.maxAge().get()));
      }
      if (c.path().isPresent()) {
        a.put(PREFIX + "session-cookie-path", c.path().get());
      }
      if (c.secure().isPresent()) {
        a.put(PREFIX + "session-cookie-secure", c.secure().get().toString());
      }
      if (c.sameSite().isPresent()) {
        a.put(PREFIX + "session-cookie-samesite", c.sameSite().get().attribute());
      }
      if (!c.httpOnly()) {
        // rootfs/etc/nginx/lua/balancer/sticky.lua sets httponly = true unconditionally.
        out.add(
            NginxFinding.COOKIE_HTTPONLY.at(
                subject,
                "ingress-nginx always sets HttpOnly on the affinity cookie (balancer/sticky.lua);"
                    + " httpOnly(false) cannot be expressed."));
      }
    } else if (affinity instanceof ClientIpAffinity) {
      // upstream-hash-by (risk High) is honoured only without cookie affinity
      // (balancer.lua picks sticky first); the spec allows one affinity kind only.
      a.put(PREFIX + "upstream-hash-by", "$remote_addr");
      out.add(
          NginxFinding.SERVICE_AFFINITY_IGNORED.at(
              subject,
              "ingress-nginx balances over endpoints itself and ignores the Service's"
                  + " sessionAffinity; client-IP affinity is rendered as upstream-hash-by:"
                  + " $remote_addr on the Ingress."));
    } else if (affinity instanceof HeaderAffinity h) {
      // nginx exposes request headers as $http_<name>, lower case, '-' as '_'.
      a.put(
          PREFIX + "upstream-hash-by",
          "$http_" + h.header().toLowerCase(Locale.ROOT).replace('-', '_'));
    }
  }

  private static void rateLimit(
      RateLimit r, Map<String, String> a, String subject, Rendering.Builder out) {
    String key = r.period() == RateLimit.Period.SECOND ? "limit-rps" : "limit-rpm";
    a.put(PREFIX + key, Integer.toString(r.rate()));
    // "Rate Limiting": burst = rate x limit-burst-multiplier (default 5); without a burst in
    // the spec the controller's default stays.
    if (r.burst().isPresent()) {
      int burst = r.burst().getAsInt();
      int multiplier = Math.max(1, (burst + r.rate() - 1) / r.rate());
      if ((long) multiplier * r.rate() != burst) {
        out.add(
            NginxFinding.BURST_ROUNDED.at(
                subject,
                "ingress-nginx sets the burst as a multiple of the rate; a burst of "
                    + burst
                    + " becomes "
                    + (long) multiplier * r.rate()
                    + " (limit-burst-multiplier "
                    + multiplier
                    + ")."));
      }
      a.put(PREFIX + "limit-burst-multiplier", Integer.toString(multiplier));
    }
    out.add(
        NginxFinding.RATE_LIMIT_PER_REPLICA.at(
            subject,
            key
                + " "
                + r.rate()
                + " counts WebSocket handshakes per client IP in each controller replica"
                + " separately: with N replicas a client gets up to N times the limit. Refused"
                + " handshakes get limit-req-status-code (503 by default)."));
  }

  private static void cors(Cors c, Map<String, String> a, String subject, Rendering.Builder out) {
    // "Enable CORS": lists are comma separated; credentials default to true in ingress-nginx,
    // so they are always written explicitly.
    a.put(PREFIX + "enable-cors", "true");
    a.put(PREFIX + "cors-allow-origin", String.join(", ", c.origins()));
    if (!c.methods().isEmpty()) {
      a.put(PREFIX + "cors-allow-methods", String.join(", ", c.methods()));
    }
    if (!c.headers().isEmpty()) {
      a.put(PREFIX + "cors-allow-headers", String.join(", ", c.headers()));
    }
    if (!c.exposedHeaders().isEmpty()) {
      a.put(PREFIX + "cors-expose-headers", String.join(", ", c.exposedHeaders()));
    }
    a.put(PREFIX + "cors-allow-credentials", Boolean.toString(c.credentials()));
    if (c.maxAge().isPresent()) {
      a.put(PREFIX + "cors-max-age", seconds(c.maxAge().get()));
    }
    out.add(
        NginxFinding.CORS_HANDSHAKE.at(
            subject,
            "CORS headers do not protect the WebSocket handshake: browsers send no preflight"
                + " for it and any page can open the socket."));
  }

  private static void backendTls(
      WebSocketApp app, Map<String, String> a, String subject, Rendering.Builder out) {
    if (app.backendCaSecret().isEmpty()) {
      out.add(
          NginxFinding.BACKEND_TLS_UNVERIFIED.at(
              subject,
              "with backend-protocol HTTPS, ingress-nginx does not verify the backend's"
                  + " certificate unless proxy-ssl-verify is on with a CA Secret."));
      return;
    }
    // "Backend Certificate Authentication": proxy-ssl-secret is namespace/name.
    a.put(PREFIX + "proxy-ssl-secret", app.namespace() + "/" + app.backendCaSecret().get());
    a.put(PREFIX + "proxy-ssl-verify", "on");
    a.put(PREFIX + "proxy-ssl-name", app.serviceName() + "." + app.namespace() + ".svc");
    a.put(PREFIX + "proxy-ssl-server-name", "on");
  }

  static String seconds(Duration d) {
    return Long.toString(d.getSeconds());
  }
}
