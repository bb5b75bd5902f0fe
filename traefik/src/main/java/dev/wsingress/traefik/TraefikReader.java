package dev.wsingress.traefik;

import dev.wsingress.Manifest;
import dev.wsingress.Manifests;
import dev.wsingress.Reading;
import dev.wsingress.ServedRoute;
import java.time.Duration;
import java.util.Map;

/**
 * The order of a Traefik reading: objects of the removed {@code traefik.containo.us} group, the
 * IngressRoutes and Ingresses Traefik serves (their routers become served routes once all are read,
 * so that redirects are known), the Middlewares no route uses, and the static configuration of a
 * Traefik workload in the input.
 */
final class TraefikReader {
  private TraefikReader() {}

  /** The v2 API group Traefik v3 no longer reads. */
  static final String V2_GROUP = "traefik.containo.us";

  static void read(Traefik reader, Manifests in, Reading out) {
    ReadContext ctx = new ReadContext(in, out, reader);
    for (Manifest m : in.objects()) {
      if (m.group().equals(V2_GROUP)) {
        // traefik v3.7.9 docs/content/migrate/v2-to-v3-details.md, "Kubernetes CRDs API Group
        // traefik.containo.us": "In v3, the Kubernetes CRDs API Group traefik.containo.us has
        // been removed."
        out.understood(m);
        ctx.report(
            m,
            TraefikFinding.API_REMOVED,
            m.source("/apiVersion"),
            m.apiVersion()
                + " is the API group of Traefik v2, which Traefik v3 removed: v3 reads only"
                + " traefik.io/v1alpha1, so this "
                + m.kind()
                + " does nothing.");
      }
    }
    Routers routers = new Routers();
    IngressRouteReader.read(ctx, routers);
    IngressReader.read(ctx, routers);
    routers.build(ctx);
    for (Manifest m : in.objects(ReadContext.GROUP, "Middleware")) {
      out.understood(m);
      Middlewares.check(ctx, m);
    }
    for (String kind : new String[] {"ServersTransport", "TraefikService", "TLSOption"}) {
      for (Manifest m : in.objects(ReadContext.GROUP, kind)) {
        out.understood(m);
      }
    }
    entryPointTimeouts(ctx);
  }

  /**
   * An entry point timeout raised for WebSockets (at least {@link ServedRoute#RAISED_TIMEOUT}, or 0
   * for none) while the input has WebSocket routes: traefik v3.7.9
   * pkg/server/server_entrypoint_tcp.go passes {@code respondingTimeouts} to Go's {@code
   * http.Server}, whose read and write deadlines bound one request and its response and whose idle
   * timeout bounds the wait between keep-alive requests; {@code (*conn).hijackLocked} clears them
   * when the proxy takes an upgraded connection over (see {@code TRAEFIK-ENTRYPOINT-TIMEOUTS}).
   */
  private static void entryPointTimeouts(ReadContext ctx) {
    if (!ctx.config.present()) {
      return;
    }
    boolean webSocket = false;
    for (ServedRoute r : ctx.out.routes()) {
      webSocket |= r.isWebSocket();
    }
    if (!webSocket) {
      return;
    }
    for (Map.Entry<String, StaticConfiguration.Arg> e : ctx.config.args().entrySet()) {
      String key = e.getKey();
      String prefix = ".transport.respondingtimeouts.";
      int i = key.indexOf(prefix);
      if (!key.startsWith("entrypoints.") || i < 0) {
        continue;
      }
      String which = key.substring(i + prefix.length());
      String what =
          switch (which) {
            case "readtimeout" -> "reading each request, the handshake included";
            case "writetimeout" -> "writing each response";
            case "idletimeout" -> "the wait for the next request on a kept-alive connection";
            default -> null;
          };
      if (what == null) {
        continue;
      }
      Duration d;
      try {
        d = GoDurations.parse(e.getValue().value());
      } catch (IllegalArgumentException ex) {
        continue;
      }
      if (!d.isZero() && d.compareTo(ServedRoute.RAISED_TIMEOUT) < 0) {
        continue;
      }
      Manifest w = ctx.config.workload();
      ctx.report(
          w,
          // traefik/traefik v3.7.9 pkg/server/server_entrypoint_tcp.go: respondingTimeouts go to
          // net/http's http.Server, whose deadlines a hijacked (upgraded) connection drops
          TraefikFinding.ENTRYPOINT_TIMEOUT_RAISED,
          e.getValue().at(),
          e.getValue().written()
              + (d.isZero() ? " turns off" : " raises")
              + " the entry point's bound on "
              + what
              + ", which does not reach an open WebSocket: Traefik clears it when the proxy takes"
              + " the upgraded connection over, so no socket stays open longer, and every router"
              + " of the entry point lets slow clients hold connections "
              + (d.isZero() ? "without a limit." : "that long."));
    }
  }
}
