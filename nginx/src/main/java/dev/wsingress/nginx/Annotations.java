package dev.wsingress.nginx;

import dev.wsingress.Affinity;
import dev.wsingress.BackendProtocol;
import dev.wsingress.ClientIpAffinity;
import dev.wsingress.CookieAffinity;
import dev.wsingress.Cors;
import dev.wsingress.HeaderAffinity;
import dev.wsingress.RateLimit;
import dev.wsingress.Rendering;
import dev.wsingress.Version;
import dev.wsingress.WebSocketApp;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Ingress annotations for one app. Names, units and defaults follow ingress-nginx's
 * docs/user-guide/nginx-configuration/annotations.md (controller v1.10 to v1.15; every key exists
 * in internal/ingress/annotations at controller-v1.10.0 and controller-v1.15.1): every value is a
 * quoted string and every time is an integer number of seconds without a unit ("3600s" fails the
 * controller's annotation validation).
 */
final class Annotations {
  private Annotations() {}

  static final String PREFIX = "nginx.ingress.kubernetes.io/";

  /** ingress-nginx configmap.md: proxy-connect-timeout "cannot usually exceed 75 seconds". */
  static final long MAX_CONNECT_SECONDS = 75;

  /** ingress-nginx v1.12.0 lowered the default annotations-risk-level from Critical to High. */
  private static final Version RISK_LEVEL_HIGH = Version.of(1, 12);

  static Map<String, String> of(
      WebSocketApp app,
      String subject,
      Rendering.Builder out,
      Version version,
      String rawServerSnippet,
      Integer backendTlsVerifyDepth) {
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
      backendTls(app, a, subject, out, backendTlsVerifyDepth);
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
      // config.go defaults: AllowSnippetAnnotations false (since v1.9.0); AnnotationsRiskLevel
      // "Critical" in controller-v1.10.0 and v1.11.x, "High" from controller-v1.12.0, while
      // serversnippet/main.go gives server-snippet the risk Critical.
      String gates =
          version.isAtLeast(RISK_LEVEL_HIGH)
              ? " rejects it unless the controller ConfigMap sets allow-snippet-annotations:"
                  + " \"true\" (off since v1.9.0) and annotations-risk-level: Critical (High since"
                  + " v1.12.0)."
              : " rejects it unless the controller ConfigMap sets allow-snippet-annotations:"
                  + " \"true\" (off since v1.9.0); the default annotations-risk-level of v"
                  + version
                  + " (Critical) admits it.";
      out.add(
          NginxFinding.RAW_SNIPPET.at(
              subject,
              "server-snippet is raw nginx configuration: wsingress checks that it stays inside"
                  + " the server block, not what its directives do. ingress-nginx v"
                  + version
                  + gates));
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
      if (c.secure().isPresent() && c.secure().get()) {
        a.put(PREFIX + "session-cookie-secure", "true");
      } else if (c.secure().isPresent()) {
        // pkg/apis/ingress/types.go: `Secure bool json:"secure,omitempty"` drops false, and
        // rootfs/etc/nginx/lua/balancer/sticky.lua then sets cookie_secure = ngx.var.https == "on".
        out.add(
            NginxFinding.COOKIE_SECURE.at(
                subject,
                "ingress-nginx sets Secure on the affinity cookie of every request that came over"
                    + " HTTPS and drops session-cookie-secure: \"false\""
                    + " (pkg/apis/ingress/types.go, balancer/sticky.lua); secure(false) cannot be"
                    + " expressed."));
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
      String variable = "$http_" + h.header().toLowerCase(Locale.ROOT).replace('-', '_');
      a.put(PREFIX + "upstream-hash-by", variable);
      // rootfs/etc/nginx/lua/balancer/chash.lua hashes util.generate_var_value(hash_by), which
      // concatenates ngx.var values; a missing header adds nothing, so the key is "".
      out.add(
          NginxFinding.HEADER_AFFINITY.at(
              subject,
              "upstream-hash-by "
                  + variable
                  + " hashes an empty key for every request without the "
                  + h.header()
                  + " header (balancer/chash.lua), so all of them go to one pod; the browser"
                  + " WebSocket API (new WebSocket(url, protocols)) cannot send custom headers."));
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
      WebSocketApp app,
      Map<String, String> a,
      String subject,
      Rendering.Builder out,
      Integer verifyDepth) {
    if (app.backendCaSecret().isEmpty()) {
      // internal/ingress/annotations/proxyssl/main.go: defaultProxySSLVerify = "off". Without a
      // CA the Ingress could only proxy unverified HTTPS, which wsingress never writes: leniently
      // backend-protocol is left out too.
      out.add(
          NginxFinding.BACKEND_TLS_UNVERIFIED.at(
              subject,
              "with backend-protocol HTTPS, ingress-nginx does not verify the backend's"
                  + " certificate unless proxy-ssl-verify is on with a CA Secret."
                  + (out.lenient()
                      ? " backend-protocol HTTPS is not written, so the controller speaks plain"
                          + " HTTP to the backend instead of unverified HTTPS."
                      : "")));
      return;
    }
    a.put(PREFIX + "backend-protocol", "HTTPS");
    // "Backend Certificate Authentication": proxy-ssl-secret is namespace/name; a Secret with
    // ca.crt and no tls.key is CA-only (internal/ingress/controller/store/backend_ssl.go).
    a.put(PREFIX + "proxy-ssl-secret", app.namespace() + "/" + app.backendCaSecret().get());
    a.put(PREFIX + "proxy-ssl-verify", "on");
    a.put(PREFIX + "proxy-ssl-name", app.serviceName() + "." + app.namespace() + ".svc");
    a.put(PREFIX + "proxy-ssl-server-name", "on");
    if (verifyDepth != null) {
      a.put(PREFIX + "proxy-ssl-verify-depth", Integer.toString(verifyDepth));
    }
  }

  static String seconds(Duration d) {
    return Long.toString(d.getSeconds());
  }
}
