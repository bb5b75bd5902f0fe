package dev.wsingress.traefik;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsingress.Manifest;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * For the converter: what Traefik's objects say that the spec cannot hold, each reported once as
 * {@code CORE-IMPORT-NOT-CARRIED} ({@link dev.wsingress.Reading#notCarried}) with the field and
 * why. The README's "What wsingress does not model yet" (Traefik) lists the same. Fields the reader
 * carries (into a route's settings or the target's options), and those it reports with a code of
 * its own (a rewrite of another shape: {@code TRAEFIK-REWRITE-NOT-PREFIX}), are not repeated here.
 */
final class Unmodelled {
  private Unmodelled() {}

  /**
   * Middleware types of the CRD (traefik v3.7.9
   * pkg/provider/kubernetes/crd/traefikio/v1alpha1/middleware.go MiddlewareSpec) the spec has no
   * setting for, with what they do.
   */
  static final Map<String, String> MIDDLEWARE_TYPES =
      Map.ofEntries(
          Map.entry("ipWhiteList", "the spec has no client address allow-list"),
          Map.entry("ipAllowList", "the spec has no client address allow-list"),
          Map.entry("encodedCharacters", "the spec does not configure encoded path characters"),
          Map.entry("errors", "the spec has no custom error pages"),
          Map.entry("redirectRegex", "the spec has no redirects but HTTP to HTTPS"),
          Map.entry("basicAuth", "the spec has no authentication"),
          Map.entry("digestAuth", "the spec has no authentication"),
          Map.entry("forwardAuth", "the spec has no authentication"),
          Map.entry("compress", "the spec does not compress responses"),
          Map.entry("passTLSClientCert", "the spec has no client certificates"),
          Map.entry("retry", "the spec does not retry requests"),
          Map.entry("contentType", "the spec does not set the Content-Type"),
          Map.entry("grpcWeb", "the spec does not translate gRPC-Web"),
          Map.entry("plugin", "the spec has no Traefik plugins"));

  /**
   * The {@code headers} fields the spec holds: CORS (traefik v3.7.9
   * pkg/config/dynamic/middlewares.go Headers, as {@link MiddlewareSet} writes them) and the
   * target's security headers.
   */
  private static final Set<String> HEADERS_CARRIED =
      Set.of(
          "accessControlAllowOriginList",
          "accessControlAllowOriginListRegex",
          "accessControlAllowMethods",
          "accessControlAllowHeaders",
          "accessControlExposeHeaders",
          "accessControlAllowCredentials",
          "accessControlMaxAge",
          "addVaryHeader",
          "customFrameOptionsValue",
          "contentTypeNosniff");

  /** The fields of the types the reader carries, by type; any other field is not carried. */
  private static final Map<String, Set<String>> CARRIED_FIELDS =
      Map.of(
          "rateLimit", Set.of("average", "period", "burst", "sourceCriterion"),
          "inFlightReq", Set.of("amount", "sourceCriterion"),
          "redirectScheme", Set.of("scheme", "permanent"),
          "circuitBreaker", Set.of("expression"),
          "buffering", Set.of(),
          "chain", Set.of("middlewares"));

  /** What a Middleware a route takes says that the spec cannot hold. */
  static void middleware(ReadContext ctx, Manifest m) {
    if (!ctx.once("unmodelled " + System.identityHashCode(m))) {
      return;
    }
    JsonNode spec = m.tree().path("spec");
    Iterator<String> types = spec.fieldNames();
    while (types.hasNext()) {
      String type = types.next();
      JsonNode value = spec.path(type);
      String why = MIDDLEWARE_TYPES.get(type);
      if (why != null) {
        ctx.out.notCarried(m, "the " + type + " middleware", m.source("/spec/" + type), why);
        continue;
      }
      if (type.equals("headers")) {
        Iterator<String> fields = value.fieldNames();
        while (fields.hasNext()) {
          String f = fields.next();
          if (!HEADERS_CARRIED.contains(f)) {
            ctx.out.notCarried(
                m,
                "headers." + f,
                m.source("/spec/headers/" + f),
                "the spec sets CORS headers only (and the target's security headers)");
          }
        }
        if (!Middlewares.security(value)
            && (value.has("customFrameOptionsValue") || value.has("contentTypeNosniff"))) {
          ctx.out.notCarried(
              m,
              "headers.customFrameOptionsValue and contentTypeNosniff",
              m.source("/spec/headers"),
              "the target's securityHeaders() writes exactly SAMEORIGIN and nosniff");
        }
        continue;
      }
      Set<String> carried = CARRIED_FIELDS.get(type);
      if (carried == null) {
        continue;
      }
      Iterator<String> fields = value.fieldNames();
      while (fields.hasNext()) {
        String f = fields.next();
        if (!carried.contains(f)) {
          ctx.out.notCarried(
              m,
              type + "." + f,
              m.source("/spec/" + type + "/" + f),
              type.equals("buffering")
                  ? "the spec buffers a plain route with Traefik's default limits"
                  : "the spec has no such setting");
        }
      }
      JsonNode criterion = value.path("sourceCriterion");
      if (criterion.isObject()) {
        Iterator<String> kinds = criterion.fieldNames();
        while (kinds.hasNext()) {
          String k = kinds.next();
          if (!k.equals("ipStrategy")) {
            ctx.out.notCarried(
                m,
                type + ".sourceCriterion." + k,
                m.source("/spec/" + type + "/sourceCriterion/" + k),
                "the spec's limits are per client address");
          }
        }
        Iterator<String> ip = criterion.path("ipStrategy").fieldNames();
        while (ip.hasNext()) {
          String k = ip.next();
          if (!k.equals("depth")) {
            ctx.out.notCarried(
                m,
                type + ".sourceCriterion.ipStrategy." + k,
                m.source("/spec/" + type + "/sourceCriterion/ipStrategy/" + k),
                "the target counts clients by address, clientIpDepth hops back in"
                    + " X-Forwarded-For");
          }
        }
      }
      if (type.equals("redirectScheme")
          && !(value.path("scheme").asText("").equals("https")
              && value.path("permanent").asBoolean(false))) {
        ctx.out.notCarried(
            m,
            "the redirectScheme middleware",
            m.source("/spec/redirectScheme"),
            "the spec redirects HTTP to HTTPS permanently only");
      }
    }
  }

  /**
   * The fields of an IngressRoute (traefik v3.7.9 crd/traefikio/v1alpha1/ingressroute.go) the spec
   * cannot hold.
   */
  static void ingressRoute(ReadContext ctx, Manifest ir) {
    JsonNode spec = ir.tree().path("spec");
    JsonNode tls = spec.path("tls");
    for (String f : List.of("options", "certResolver", "domains", "store")) {
      if (tls.has(f)) {
        ctx.out.notCarried(
            ir,
            "tls." + f,
            ir.source("/spec/tls/" + f),
            "the spec's TLS is a Secret with the certificate");
      }
    }
    if (tls.isObject() && tls.path("secretName").asText("").isEmpty()) {
      ctx.out.notCarried(
          ir,
          "TLS without a secretName",
          ir.source("/spec/tls"),
          "the spec's TLS names the Secret with the certificate, so the routes are converted"
              + " without TLS");
    }
    if (spec.has("parentRefs")) {
      ctx.out.notCarried(
          ir, "spec.parentRefs", ir.source("/spec/parentRefs"), "the spec has no parent routers");
    }
    JsonNode routes = spec.path("routes");
    for (int i = 0; i < routes.size(); i++) {
      if (routes.get(i).has("priority") && !RenderedApps.managed(ir)) {
        // wsingress derives its priorities from the routes (Priorities); another's is a choice.
        ctx.out.notCarried(
            ir,
            "routes[" + i + "].priority",
            ir.source("/spec/routes/" + i + "/priority"),
            "the spec's routes take the Ingress precedence (the longest path, an exact path"
                + " over a prefix)");
      }
      for (String f : List.of("observability", "syntax")) {
        if (routes.get(i).has(f)) {
          ctx.out.notCarried(
              ir,
              "routes[" + i + "]." + f,
              ir.source("/spec/routes/" + i + "/" + f),
              "the spec has no such setting");
        }
      }
    }
  }

  /** A service entry's fields (ingressroute.go LoadBalancerSpec) the spec cannot hold. */
  static void serviceEntry(ReadContext ctx, Manifest from, JsonNode entry, String at) {
    for (String f :
        List.of(
            "weight",
            "passHostHeader",
            "responseForwarding",
            "nativeLB",
            "nodePortLB",
            "healthCheck",
            "percent")) {
      if (entry.has(f)) {
        ctx.out.notCarried(
            from,
            "the service entry's " + f,
            from.source(at + "/" + f),
            "the spec sends a route to one Service port with Traefik's defaults");
      }
    }
    if (entry.path("sticky").path("cookie").has("domain")) {
      ctx.out.notCarried(
          from,
          "sticky.cookie.domain",
          from.source(at + "/sticky/cookie/domain"),
          "the spec's cookie is for the request's host");
    }
    String strategy = entry.path("strategy").asText("");
    if (strategy.equals("wrr") || strategy.equals("leasttime")) {
      ctx.out.notCarried(
          from,
          "strategy: " + strategy,
          from.source(at + "/strategy"),
          "the spec balances WebSockets to the less busy pod (p2c) or by affinity");
    }
  }

  /** A ServersTransport's fields (serverstransport.go) the spec cannot hold. */
  static void serversTransport(ReadContext ctx, Manifest st, String service) {
    if (!ctx.once("unmodelled " + System.identityHashCode(st))) {
      return;
    }
    JsonNode spec = st.tree().path("spec");
    for (String f :
        List.of(
            "insecureSkipVerify",
            "certificatesSecrets",
            "maxIdleConnsPerHost",
            "disableHTTP2",
            "peerCertURI",
            "spiffe")) {
      if (spec.has(f)) {
        ctx.out.notCarried(
            st,
            "spec." + f,
            st.source("/spec/" + f),
            "the spec verifies an HTTPS backend with a CA Secret and sets nothing else on the"
                + " connection");
      }
    }
    String serverName = spec.path("serverName").asText("");
    if (!serverName.isEmpty() && !serverName.equals(service + "." + st.namespace() + ".svc")) {
      ctx.out.notCarried(
          st,
          "spec.serverName " + serverName,
          st.source("/spec/serverName"),
          "the spec verifies the Service's own name, <service>.<namespace>.svc");
    }
    for (String f :
        List.of("responseHeaderTimeout", "idleConnTimeout", "readIdleTimeout", "pingTimeout")) {
      if (spec.path("forwardingTimeouts").has(f)) {
        ctx.out.notCarried(
            st,
            "forwardingTimeouts." + f,
            st.source("/spec/forwardingTimeouts/" + f),
            "the spec's backend timeout is the dial (connect) timeout");
      }
    }
  }

  /** A TraefikService (traefikservice.go) is more than one Service port. */
  static void traefikService(ReadContext ctx, Manifest ts) {
    if (!ctx.once("unmodelled " + System.identityHashCode(ts))) {
      return;
    }
    JsonNode spec = ts.tree().path("spec");
    for (String kind : List.of("weighted", "mirroring", "failover", "highestRandomWeight")) {
      if (spec.has(kind)) {
        ctx.out.notCarried(
            ts,
            "the " + kind + " TraefikService",
            ts.source("/spec/" + kind),
            kind.equals("weighted") || kind.equals("highestRandomWeight")
                ? "the spec sends a route to one Service, the first of its services"
                : "the spec sends a route to one Service, its main one");
      }
    }
  }

  /**
   * The Ingress provider's annotations (IngressAnnotations) the spec cannot hold: any other than
   * those the reader carries or the writer writes.
   */
  private static final Set<String> ANNOTATIONS_CARRIED =
      Set.of(
          IngressAnnotations.ROUTER_ENTRYPOINTS.key(),
          IngressAnnotations.ROUTER_MIDDLEWARES.key(),
          IngressAnnotations.ROUTER_PATHMATCHER.key(),
          IngressAnnotations.ROUTER_PRIORITY.key(),
          IngressAnnotations.ROUTER_TLS.key(),
          IngressAnnotations.SERVERS_SCHEME.key(),
          IngressAnnotations.SERVERS_TRANSPORT.key(),
          IngressAnnotations.SERVICE_MIDDLEWARES.key(),
          IngressAnnotations.STICKY_COOKIE.key(),
          IngressAnnotations.STICKY_COOKIE_NAME.key(),
          IngressAnnotations.STICKY_COOKIE_SECURE.key(),
          IngressAnnotations.STICKY_COOKIE_HTTPONLY.key(),
          IngressAnnotations.STICKY_COOKIE_SAMESITE.key(),
          IngressAnnotations.STICKY_COOKIE_MAXAGE.key(),
          IngressAnnotations.STICKY_COOKIE_PATH.key());

  /** The {@code traefik.ingress.kubernetes.io/} annotations of an Ingress or Service. */
  static void annotations(ReadContext ctx, Manifest m) {
    if (!ctx.once("unmodelled " + System.identityHashCode(m))) {
      return;
    }
    for (String key : m.annotations().keySet()) {
      String lower = key.toLowerCase(java.util.Locale.ROOT);
      if (lower.equals(IngressAnnotations.ROUTER_PRIORITY.key()) && !RenderedApps.managed(m)) {
        ctx.out.notCarried(
            m,
            "the annotation " + key,
            m.annotationSource(key),
            "the spec's routes take the Ingress precedence (the longest path, an exact path"
                + " over a prefix)");
        continue;
      }
      if (!lower.startsWith(IngressAnnotations.PREFIX) || ANNOTATIONS_CARRIED.contains(lower)) {
        continue;
      }
      ctx.out.notCarried(
          m, "the annotation " + key, m.annotationSource(key), "the spec has no such setting");
    }
  }
}
