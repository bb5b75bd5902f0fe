package dev.wsingress.traefik;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsingress.Manifest;
import dev.wsingress.Source;
import dev.wsingress.SpecRules;
import dev.wsingress.Version;
import java.util.Optional;

/**
 * How Traefik finds the Middlewares, ServersTransports, TraefikServices and TLSOptions a route
 * names, and what it does when it cannot.
 *
 * <p>From an IngressRoute: a name with {@code @} is a cross-provider name, taken as it is; any
 * other name is looked up in the reference's {@code namespace}, else the IngressRoute's, and a
 * namespace other than the IngressRoute's is refused unless {@code allowCrossNamespace} ({@code
 * isNamespaceAllowed}; false by default, kubernetes.go {@code Provider.AllowCrossNamespace}). A
 * refused reference makes {@code loadIngressRouteConfiguration} log an error and load no router for
 * the route. What each kind of reference refuses, and since when ({@link Ref}): a route's
 * Middleware and a ServersTransport named {@code ...@kubernetescrd} are refused without {@code
 * allowCrossNamespace} in every v3 release (traefik v3.0.4 crd/kubernetes_http.go {@code
 * makeMiddlewareKeys}, {@code makeServersTransportKey}); a chain's references are checked only from
 * v3.6.14 (v3.6.13 crd/kubernetes.go {@code createChainMiddleware} checks nothing); a TLSOption
 * named {@code ...@kubernetescrd} is refused from v3.6.17 and v3.7.1 ({@code resolveReference}); a
 * TraefikService named {@code ...@kubernetescrd} never is (traefik v3.7.9 kubernetes_http.go {@code
 * nameAndService} and {@code fullServiceName} check only a name without {@code @}).
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

  /** A kind of reference from an IngressRoute, a chain or a service entry, and what it refuses. */
  enum Ref {
    /** A route's {@code middlewares}. */
    ROUTE_MIDDLEWARE("Middleware"),
    /** A chain Middleware's {@code chain.middlewares}. */
    CHAIN_MIDDLEWARE("Middleware"),
    /** A service entry of {@code kind: TraefikService}. */
    TRAEFIK_SERVICE("TraefikService"),
    /** An IngressRoute's {@code tls.options}. */
    TLS_OPTION("TLSOption");

    final String kind;

    Ref(String kind) {
      this.kind = kind;
    }
  }

  /**
   * The Middleware an IngressRoute route names ({@code {name, namespace}}), if the input has it;
   * reports a refused or missing reference.
   */
  static Optional<Manifest> middleware(
      ReadContext ctx, Manifest from, String parentNs, JsonNode ref, Source at) {
    return crdRef(ctx, from, parentNs, Ref.ROUTE_MIDDLEWARE, ref, at);
  }

  /** The Middleware a chain Middleware names. */
  static Optional<Manifest> chained(
      ReadContext ctx, Manifest from, String parentNs, JsonNode ref, Source at) {
    return crdRef(ctx, from, parentNs, Ref.CHAIN_MIDDLEWARE, ref, at);
  }

  /** The TraefikService a service entry names ({@code kind: TraefikService}). */
  static Optional<Manifest> traefikService(
      ReadContext ctx, Manifest from, String parentNs, JsonNode entry, Source at) {
    return crdRef(ctx, from, parentNs, Ref.TRAEFIK_SERVICE, entry, at);
  }

  /** The TLSOption of an IngressRoute's {@code spec.tls.options}. */
  static Optional<Manifest> tlsOption(ReadContext ctx, Manifest from, JsonNode ref, Source at) {
    return crdRef(ctx, from, from.namespace(), Ref.TLS_OPTION, ref, at);
  }

  /**
   * Whether the release refuses a {@code ...@kubernetescrd} name of this kind without {@code
   * allowCrossNamespace}, with the releases that do ("" for every v3 release); empty when it never
   * does.
   */
  private static Optional<String> refusesProviderName(ReadContext ctx, Ref ref) {
    return switch (ref) {
      // traefik v3.0.4 crd/kubernetes_http.go makeMiddlewareKeys: "with crossnamespace
      // disallowed, the namespace field needs to be explicitly specified"
      case ROUTE_MIDDLEWARE -> Optional.of("");
      // traefik v3.6.14 crd/kubernetes.go createChainMiddleware (v3.6.13 checks nothing)
      case CHAIN_MIDDLEWARE -> since(ctx, Version.of(3, 6), "from v3.6.14 ");
      // traefik v3.6.17 and v3.7.1 crd/kubernetes.go resolveReference: "when
      // allowCrossNamespace is disabled, @kubernetescrd references are disallowed"
      case TLS_OPTION -> since(ctx, Version.of(3, 6), "from v3.6.17 and v3.7.1 ");
      // traefik v3.7.9 crd/kubernetes_http.go nameAndService: only a name without @ is checked
      case TRAEFIK_SERVICE -> Optional.empty();
    };
  }

  /** Whether the release refuses a reference to another namespace of this kind. */
  private static Optional<String> refusesNamespace(ReadContext ctx, Ref ref) {
    return ref == Ref.CHAIN_MIDDLEWARE
        // traefik v3.6.14 crd/kubernetes.go createChainMiddleware: isNamespaceAllowed (v3.0.4 to
        // v3.6.13: makeID(ns, name), no check)
        ? since(ctx, Version.of(3, 6), "from v3.6.14 ")
        : Optional.of("");
  }

  private static Optional<String> since(ReadContext ctx, Version minor, String releases) {
    if (ctx.version != null && !ctx.version.isAtLeast(minor)) {
      return Optional.empty();
    }
    return Optional.of(releases);
  }

  private static Optional<Manifest> crdRef(
      ReadContext ctx, Manifest from, String parentNs, Ref ref, JsonNode node, Source at) {
    String kind = ref.kind;
    String name = node.path("name").asText("");
    if (name.isEmpty()) {
      return Optional.empty();
    }
    String given = node.path("namespace").asText("");
    int atSign = name.indexOf('@');
    if (atSign >= 0) {
      String provider = name.substring(atSign);
      if (provider.equals(CRD)) {
        Optional<String> refused = refusesProviderName(ctx, ref);
        if (refused.isPresent() && !ctx.allowCrossNamespace()) {
          ctx.report(
              from,
              // traefik/traefik v3.7.9 pkg/provider/kubernetes/crd/kubernetes.go: resolveReference:
              // "allowCrossNamespace is disabled, cross-namespace are disallowed" (the releases
              // of each kind in refusesProviderName)
              TraefikFinding.CROSS_NAMESPACE,
              at,
              "the "
                  + kind
                  + " "
                  + SpecRules.show(name)
                  + " is named across providers: "
                  + refused.get()
                  + "Traefik refuses a ...@kubernetescrd name unless"
                  + " providers.kubernetesCRD.allowCrossNamespace is true, and then "
                  + (ref == Ref.CHAIN_MIDDLEWARE
                      ? "loads no such chain, so a router that uses it fails."
                      : "loads no router for this route."));
        }
        String base = name.substring(0, atSign);
        Optional<Manifest> m;
        if (ref == Ref.TRAEFIK_SERVICE) {
          // traefik v3.7.9 kubernetes_http.go fullServiceName: Normalize(namespace + "-" + name)
          // with the entry's own namespace (none: the name alone); v3.0.4 put the IngressRoute's
          // namespace there when the entry names none.
          m = ctx.findQualified(kind, given.isEmpty() ? base : given + "-" + base, parentNs);
          if (m.isEmpty() && given.isEmpty() && !parentNs.isEmpty()) {
            m = ctx.findQualified(kind, parentNs + "-" + base, parentNs);
          }
        } else {
          m = ctx.findQualified(kind, base, parentNs);
        }
        return found(ctx, from, kind, m, SpecRules.show(name), at);
      }
      notInInput(
          ctx, from, kind, SpecRules.show(name), "the " + provider.substring(1) + " provider", at);
      return Optional.empty();
    }
    String ns = given.isEmpty() ? parentNs : given;
    Optional<String> refused = refusesNamespace(ctx, ref);
    if (refused.isPresent()
        && !parentNs.isEmpty()
        && !ns.equals(parentNs)
        && !ctx.allowCrossNamespace()) {
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
              + ": "
              + refused.get()
              + "Traefik refuses the reference unless"
              + " providers.kubernetesCRD.allowCrossNamespace is true (false by default), and then"
              + (ref == Ref.CHAIN_MIDDLEWARE
                  ? " loads no such chain, so a router that uses it fails."
                  : " loads no router for this route."));
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
