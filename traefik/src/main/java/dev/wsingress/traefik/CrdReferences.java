package dev.wsingress.traefik;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsingress.Manifest;
import dev.wsingress.Source;
import dev.wsingress.SpecRules;
import java.util.Optional;

/**
 * How Traefik finds the Middlewares, ServersTransports, TraefikServices and TLSOptions a route
 * names, and what it does when it cannot.
 *
 * <p>From an IngressRoute (and a chain Middleware): traefik v3.7.9
 * pkg/provider/kubernetes/crd/kubernetes.go {@code resolveReference} takes a name with {@code @} as
 * a cross-provider name as it is, refusing {@code ...@kubernetescrd} unless {@code
 * allowCrossNamespace} is on (from v3.6.17 and v3.7.1: "when allowCrossNamespace is disabled,
 * {@code @kubernetescrd} references are disallowed"); any other name is looked up in the
 * reference's {@code namespace}, else the IngressRoute's, and a namespace other than the
 * IngressRoute's is refused unless {@code allowCrossNamespace} ({@code isNamespaceAllowed}; false
 * by default, kubernetes.go {@code Provider.AllowCrossNamespace}). A refused reference makes {@code
 * loadIngressRouteConfiguration} log an error and load no router for the route.
 *
 * <p>From an Ingress or Service annotation: the name is used as written (traefik v3.7.9
 * pkg/provider/kubernetes/ingress/kubernetes.go), and a name without {@code @} is qualified with
 * the Ingress provider's own name (pkg/server/provider/provider.go {@code GetQualifiedName}: {@code
 * <name>@kubernetes}), which defines no Middleware or ServersTransport, so the router or service
 * fails; a CRD is {@code <namespace>-<name>@kubernetescrd}.
 */
final class CrdReferences {
  private CrdReferences() {}

  private static final String CRD = "@kubernetescrd";

  /**
   * The Middleware an IngressRoute route or a chain names ({@code {name, namespace}}), if the input
   * has it; reports a refused or missing reference.
   */
  static Optional<Manifest> middleware(
      ReadContext ctx, Manifest from, String parentNs, JsonNode ref, Source at) {
    return crdRef(ctx, from, parentNs, "Middleware", ref, at);
  }

  /** The TraefikService a service entry names ({@code kind: TraefikService}). */
  static Optional<Manifest> traefikService(
      ReadContext ctx, Manifest from, String parentNs, JsonNode entry, Source at) {
    return crdRef(ctx, from, parentNs, "TraefikService", entry, at);
  }

  /** The TLSOption of an IngressRoute's {@code spec.tls.options}. */
  static Optional<Manifest> tlsOption(ReadContext ctx, Manifest from, JsonNode ref, Source at) {
    return crdRef(ctx, from, from.namespace(), "TLSOption", ref, at);
  }

  private static Optional<Manifest> crdRef(
      ReadContext ctx, Manifest from, String parentNs, String kind, JsonNode ref, Source at) {
    String name = ref.path("name").asText("");
    if (name.isEmpty()) {
      return Optional.empty();
    }
    int atSign = name.indexOf('@');
    if (atSign >= 0) {
      String provider = name.substring(atSign);
      if (provider.equals(CRD)) {
        if (!ctx.allowCrossNamespace()) {
          ctx.report(
              from,
              // traefik/traefik v3.7.9 pkg/provider/kubernetes/crd/kubernetes.go: resolveReference:
              // "allowCrossNamespace is disabled, cross-namespace are disallowed"
              TraefikFinding.CROSS_NAMESPACE,
              at,
              "the "
                  + kind
                  + " "
                  + SpecRules.show(name)
                  + " is named across providers: from v3.6.17 and v3.7.1 Traefik refuses a"
                  + " ...@kubernetescrd name unless providers.kubernetesCRD.allowCrossNamespace is"
                  + " true, and then loads no router for this route.");
        }
        return found(
            ctx,
            from,
            kind,
            ctx.findQualified(kind, name.substring(0, atSign), parentNs),
            SpecRules.show(name),
            at);
      }
      notInInput(
          ctx, from, kind, SpecRules.show(name), "the " + provider.substring(1) + " provider", at);
      return Optional.empty();
    }
    String ns = ref.path("namespace").asText("");
    if (ns.isEmpty()) {
      ns = parentNs;
    }
    if (!parentNs.isEmpty() && !ns.equals(parentNs) && !ctx.allowCrossNamespace()) {
      ctx.report(
          from,
          // traefik/traefik v3.7.9 pkg/provider/kubernetes/crd/kubernetes.go: resolveReference:
          // "allowCrossNamespace is disabled, cross-namespace are disallowed"
          TraefikFinding.CROSS_NAMESPACE,
          at,
          "the "
              + kind
              + " "
              + ns
              + "/"
              + name
              + " is in another namespace than "
              + from.subject()
              + ": Traefik refuses the reference unless"
              + " providers.kubernetesCRD.allowCrossNamespace is true (false by default), and then"
              + " loads no router for this route.");
    }
    return found(
        ctx, from, kind, ctx.find(kind, ns, name), ns.isEmpty() ? name : ns + "/" + name, at);
  }

  /**
   * A Middleware or ServersTransport named in an Ingress or Service annotation; a name without
   * {@code @} is {@code TRAEFIK-REFERENCE-PROVIDER}.
   */
  static Optional<Manifest> fromAnnotation(
      ReadContext ctx, Manifest from, String kind, String name, String annotation, Source at) {
    int atSign = name.indexOf('@');
    if (atSign < 0) {
      ctx.report(
          from,
          // traefik/traefik v3.7.9 pkg/server/provider/provider.go: GetQualifiedName appends the
          // current provider (kubernetes for an Ingress) to a name without @
          TraefikFinding.REFERENCE_PROVIDER,
          at,
          SpecRules.show(name)
              + " in "
              + annotation
              + " names no provider, so Traefik looks for the "
              + kind
              + " "
              + name
              + "@kubernetes, which the Ingress provider never defines: "
              + (kind.equals("ServersTransport") ? "the service fails" : "the router fails")
              + suggestion(ctx, kind, name, from.namespace())
              + ".");
      return Optional.empty();
    }
    String provider = name.substring(atSign);
    if (!provider.equals(CRD)) {
      notInInput(
          ctx, from, kind, SpecRules.show(name), "the " + provider.substring(1) + " provider", at);
      return Optional.empty();
    }
    return found(
        ctx,
        from,
        kind,
        ctx.findQualified(kind, name.substring(0, atSign), from.namespace()),
        SpecRules.show(name),
        at);
  }

  private static String suggestion(ReadContext ctx, String kind, String name, String namespace) {
    Optional<Manifest> same = ctx.find(kind, namespace, name);
    if (same.isEmpty()) {
      same = ctx.findQualified(kind, name, namespace);
    }
    return same.map(
            m ->
                " (for "
                    + m.subject()
                    + " write "
                    + IngressAnnotations.crdReference(
                        m.namespace().isEmpty() ? namespace : m.namespace(), m.name())
                    + ")")
        .orElse("");
  }

  private static Optional<Manifest> found(
      ReadContext ctx, Manifest from, String kind, Optional<Manifest> m, String shown, Source at) {
    if (m.isEmpty()) {
      notInInput(ctx, from, kind, shown, null, at);
    }
    return m;
  }

  private static void notInInput(
      ReadContext ctx, Manifest from, String kind, String shown, String definedBy, Source at) {
    if ("the internal provider".equals(definedBy)) {
      return; // Traefik's own services and middlewares, such as noop@internal, always exist
    }
    if (!ctx.once("missing " + System.identityHashCode(from) + " " + kind + " " + shown)) {
      return;
    }
    ctx.report(
        from,
        TraefikFinding.REFERENCE_NOT_IN_INPUT,
        at,
        "the "
            + kind
            + " "
            + shown
            + (definedBy == null ? "" : ", defined by " + definedBy + ",")
            + " is not in the input; what it does to this route is not checked.");
  }
}
