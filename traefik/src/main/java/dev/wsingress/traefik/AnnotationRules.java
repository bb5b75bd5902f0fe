package dev.wsingress.traefik;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsingress.Manifest;
import dev.wsingress.Source;
import dev.wsingress.SpecRules;
import dev.wsingress.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every {@code traefik.*} annotation checked against what Traefik v3 reads ({@link
 * IngressAnnotations}): keys it does not know, keys on an object where it does not read them, the
 * annotations of Traefik v1.7 and the Docker-style labels, values its parser refuses.
 */
final class AnnotationRules {
  private AnnotationRules() {}

  /**
   * Traefik v1.7's Ingress annotations (traefik v1.7.34 docs/configuration/backends/kubernetes.md)
   * and what does it in v3, for the ones that matter to a WebSocket route and its neighbours.
   * Traefik v3 strips {@code ingress.kubernetes.io/} and decodes only {@code traefik.router.} and
   * {@code traefik.service.} labels, so these are ignored without a word.
   */
  private static final Map<String, String> V1 =
      Map.ofEntries(
          Map.entry(
              "affinity", "traefik.ingress.kubernetes.io/service.sticky.cookie on the Service"),
          Map.entry(
              "session-cookie-name",
              "traefik.ingress.kubernetes.io/service.sticky.cookie.name on the Service"),
          Map.entry("frontend-entry-points", "traefik.ingress.kubernetes.io/router.entrypoints"),
          Map.entry("redirect-entry-point", "a redirectScheme Middleware in router.middlewares"),
          Map.entry("redirect-permanent", "a redirectScheme Middleware with permanent: true"),
          Map.entry("redirect-regex", "a redirectRegex Middleware"),
          Map.entry("redirect-replacement", "a redirectRegex Middleware"),
          Map.entry("app-root", "a redirectRegex Middleware"),
          Map.entry("rewrite-target", "a replacePathRegex Middleware in router.middlewares"),
          Map.entry(
              "rule-type", "traefik.ingress.kubernetes.io/router.pathmatcher or the pathType"),
          Map.entry("request-modifier", "an addPrefix, replacePath or stripPrefix Middleware"),
          Map.entry("priority", "traefik.ingress.kubernetes.io/router.priority"),
          Map.entry("rate-limit", "a rateLimit Middleware"),
          Map.entry("max-conn-amount", "an inFlightReq Middleware"),
          Map.entry("max-conn-extractor-func", "an inFlightReq Middleware's sourceCriterion"),
          Map.entry("whitelist-source-range", "an ipAllowList Middleware"),
          Map.entry(
              "preserve-host",
              "traefik.ingress.kubernetes.io/service.passhostheader on the Service"),
          Map.entry("load-balancer-method", "strategy on an IngressRoute service entry"),
          Map.entry("buffering", "a buffering Middleware"),
          Map.entry("circuit-breaker-expression", "a circuitBreaker Middleware"),
          Map.entry("service-weights", "a TraefikService with weighted services"),
          Map.entry("error-pages", "an errors Middleware"),
          Map.entry("pass-tls-cert", "a passTLSClientCert Middleware"),
          Map.entry("pass-client-tls-cert", "a passTLSClientCert Middleware"),
          Map.entry(
              "responseforwarding-flushinterval",
              "responseForwarding.flushInterval on an IngressRoute service entry"));

  /**
   * Checks the {@code traefik.*} annotations of {@code m}, read by Traefik at {@code place} (null:
   * an object whose annotations Traefik does not read, such as an IngressRoute).
   *
   * @return whether Traefik refuses the object's annotations: it then skips the Ingress, or every
   *     path to the Service
   */
  static boolean check(ReadContext ctx, Manifest m, IngressAnnotations.Place place) {
    boolean refused = false;
    boolean sticky = false;
    boolean stickyCookie = false;
    Source stickyAt = null;
    for (Map.Entry<String, JsonNode> e : m.annotations().entrySet()) {
      String key = e.getKey();
      if (!key.startsWith("traefik.")) {
        continue;
      }
      Source at = m.annotationSource(key);
      JsonNode value = e.getValue();
      if (!key.startsWith(IngressAnnotations.PREFIX)) {
        if (key.indexOf('/') < 0) {
          // traefik v3.7.9 ingress/annotations.go convertAnnotations: only keys with the prefix.
          ctx.report(
              m,
              TraefikFinding.ANNOTATION_IGNORED,
              at,
              key
                  + " is a label of Traefik's Docker-style providers (or of Traefik v1), which the"
                  + " Kubernetes providers never read: Traefik reads only"
                  + " traefik.ingress.kubernetes.io/ annotations, on Ingresses and Services.");
        }
        continue;
      }
      if (!value.isTextual() && value.isValueNode() && !value.isNull()) {
        ctx.report(
            m,
            TraefikFinding.ANNOTATION_VALUE,
            at,
            "the annotation "
                + key
                + " is "
                + (value.isBoolean() ? "a boolean" : "a number")
                + ", not a string: the API server refuses the object (quote the value).");
        continue;
      }
      String text = value.asText("");
      String shortKey = key.substring(IngressAnnotations.PREFIX.length());
      String lower = shortKey.toLowerCase(Locale.ROOT);
      if (place == null) {
        ctx.report(
            m,
            TraefikFinding.ANNOTATION_IGNORED,
            at,
            key
                + " on "
                + m.kind()
                + " "
                + m.name()
                + " is ignored: Traefik reads traefik.ingress.kubernetes.io/ annotations only on"
                + " Ingresses (router.*) and Services (service.*), and the CRD provider reads none"
                + " of them.");
        continue;
      }
      boolean router = lower.startsWith("router.");
      boolean service = lower.startsWith("service.");
      if (!router && !service) {
        String v1 = V1.get(lower);
        String closest = Suggestions.closest(lower, shortKeys(place));
        ctx.report(
            m,
            TraefikFinding.ANNOTATION_IGNORED,
            at,
            key
                + (v1 != null
                    ? " is a Traefik v1.7 annotation, which Traefik v3 ignores; in v3: " + v1 + "."
                    : " is ignored: Traefik v3 decodes only router.* and service.* keys under this"
                        + " prefix"
                        + (closest == null
                            ? "."
                            : " (did you mean " + IngressAnnotations.PREFIX + closest + "?).")));
        continue;
      }
      IngressAnnotations.Place readAt =
          router ? IngressAnnotations.Place.INGRESS : IngressAnnotations.Place.SERVICE;
      if (readAt != place) {
        ctx.report(
            m,
            TraefikFinding.ANNOTATION_IGNORED,
            at,
            key
                + " is ignored on "
                + (place == IngressAnnotations.Place.INGRESS ? "an Ingress" : "a Service")
                + ": Traefik reads "
                + (router ? "router.* from the Ingress" : "service.* from the backend Service")
                + (router ? "" : " of each path (Services in the Ingress's namespace)")
                + ".");
        continue;
      }
      var known = IngressAnnotations.find(key);
      String consequence =
          place == IngressAnnotations.Place.INGRESS
              ? "Traefik fails to parse the annotations and skips the whole Ingress"
              : "Traefik fails to parse the annotations and skips every Ingress path to this"
                  + " Service";
      if (known.isEmpty()) {
        String closest = Suggestions.closest(lower, shortKeys(place));
        ctx.report(
            m,
            // traefik/traefik v3.7.9 pkg/provider/kubernetes/ingress/annotations.go:
            // parseRouterConfig and parseServiceConfig decode the keys with label.Decode, which
            // fails on an unknown key, and the whole configuration is dropped
            TraefikFinding.ANNOTATION_UNKNOWN,
            at,
            key
                + " names no option Traefik knows"
                + (closest == null
                    ? ""
                    : " (did you mean " + IngressAnnotations.PREFIX + closest + "?)")
                + ": "
                + consequence
                + ".");
        refused = true;
        continue;
      }
      IngressAnnotations.Key<?> k = known.get();
      if (!k.since().equals(Releases.OLDEST)) {
        ctx.gate(m, at, "the annotation " + k.key(), k.since(), consequence);
        if (ctx.version != null && !ctx.version.isAtLeast(k.since())) {
          refused = true;
        }
      }
      switch (k.type()) {
        case BOOL, INT -> {
          try {
            k.parse().apply(text);
          } catch (IllegalArgumentException ex) {
            ctx.report(
                m,
                TraefikFinding.ANNOTATION_VALUE,
                at,
                SpecRules.show(text)
                    + " is no "
                    + (k.type() == IngressAnnotations.Type.BOOL
                        ? "boolean Go's strconv.ParseBool reads (true, false, 1, 0, t, f)"
                        : "decimal integer")
                    + " for "
                    + key
                    + ": "
                    + consequence
                    + ".");
            refused = true;
          }
        }
        case FLAG -> {
          if (!text.isEmpty()
              && !text.equalsIgnoreCase("true")
              && !text.equalsIgnoreCase("false")) {
            ctx.report(
                m,
                TraefikFinding.ANNOTATION_VALUE,
                at,
                key
                    + ": "
                    + SpecRules.show(text)
                    + " turns the option off: Traefik turns it on only for \"true\" (or an empty"
                    + " value) and leaves it off for anything else, without an error.");
          }
        }
        default -> {
          if (k == IngressAnnotations.ROUTER_PATHMATCHER
              && !List.of("Path", "PathPrefix", "PathRegexp").contains(text)) {
            // traefik v3.7.9 ingress/kubernetes.go loadRouter: "invalid router path matcher".
            ctx.report(
                m,
                TraefikFinding.ANNOTATION_VALUE,
                at,
                SpecRules.show(text)
                    + " is no path matcher Traefik takes (Path, PathPrefix or PathRegexp, in that"
                    + " case): Traefik skips every ImplementationSpecific path of the Ingress.");
          }
        }
      }
      if (k == IngressAnnotations.STICKY_COOKIE_SAMESITE && !text.isEmpty()) {
        if (StickyCookies.sameSite(text, Releases.NEWEST) == null) {
          ctx.report(
              m,
              // traefik/traefik v3.7.9 pkg/server/service/loadbalancer/sticky.go convertSameSite:
              // anything but none, lax or strict is http.SameSiteDefaultMode, no attribute
              TraefikFinding.ANNOTATION_VALUE,
              at,
              key
                  + ": "
                  + SpecRules.show(text)
                  + " is none of none, lax and strict, so Traefik sets no SameSite attribute on the"
                  + " cookie, without an error.");
        } else if (StickyCookies.sameSiteCaseOnly(text)) {
          ctx.gate(
              m,
              at,
              "the annotation " + key + ": " + SpecRules.show(text) + " (not in lower case)",
              Releases.SAME_SITE_ANY_CASE,
              "it compares the value in lower case only and sets no SameSite attribute on the"
                  + " cookie (v3.6.14 and newer read it in any case)");
        }
      }
      if (k == IngressAnnotations.STICKY && IngressAnnotations.parseFlag(text)) {
        sticky = true;
        stickyAt = at;
      }
      if (lower.startsWith("service.sticky.cookie")) {
        stickyCookie = true;
      }
    }
    if (sticky && !stickyCookie) {
      // traefik v3.7.9 pkg/server/service/loadbalancer/wrr/wrr.go New: a cookie only when
      // sticky.Cookie is set; dynamic.Sticky has nothing else.
      ctx.report(
          m,
          TraefikFinding.ANNOTATION_IGNORED,
          stickyAt,
          IngressAnnotations.STICKY.key()
              + " alone pins nothing: Traefik's sticky sessions are a cookie, turned on with "
              + IngressAnnotations.STICKY_COOKIE.key()
              + ": \"true\".");
    }
    return refused;
  }

  private static List<String> shortKeys(IngressAnnotations.Place place) {
    List<String> out = new ArrayList<>();
    for (IngressAnnotations.Key<?> k : IngressAnnotations.all()) {
      if (k.place() == place) {
        out.add(k.shortKey());
      }
    }
    return out;
  }
}
