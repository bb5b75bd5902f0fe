package dev.wsingress.traefik;

import dev.wsingress.Version;
import java.util.List;

/**
 * The Traefik release lines the target writes for, and the first release of every field it writes
 * that older v3 releases lack. Each floor cites the upstream file at a release tag; the CRDs read
 * were {@code docs/content/reference/dynamic-configuration/kubernetes-crd-definition-v1.yml} at
 * v3.0.4, v3.2.5, v3.3.7 and v3.7.9 (the last is {@code shared/schemas/crd-yaml/traefik}).
 */
final class Releases {
  private Releases() {}

  /**
   * v3.0 (the first release of the {@code traefik.io} group alone and of the v3 rule syntax) to
   * v3.7 (the CRDs in {@code shared/schemas}), oldest first.
   */
  static final List<Version> SUPPORTED =
      List.of(
          Version.of(3, 0),
          Version.of(3, 1),
          Version.of(3, 2),
          Version.of(3, 3),
          Version.of(3, 4),
          Version.of(3, 5),
          Version.of(3, 6),
          Version.of(3, 7));

  static final Version OLDEST = SUPPORTED.get(0);

  static final Version NEWEST = SUPPORTED.get(SUPPORTED.size() - 1);

  /**
   * {@code sticky.cookie.path}, and the Ingress annotation {@code service.sticky.cookie.path}.
   * traefik v3.3.0 pkg/config/dynamic/http_config.go: {@code Cookie.Path *string} is new; v3.2.5
   * pkg/server/service/loadbalancer/wrr/wrr.go writes the sticky cookie with {@code Path: "/"}
   * always, and the v3.2.5 CRD has no {@code path} under {@code sticky.cookie}.
   */
  static final Version COOKIE_PATH = Version.of(3, 3);

  /**
   * {@code strategy: p2c}. traefik v3.3.7 pkg/provider/kubernetes/crd/kubernetes_http.go {@code
   * loadServers}: anything but {@code RoundRobin} (the default when empty) fails with "load
   * balancing strategy %s is not supported", and loadIngressRouteConfiguration logs it and loads no
   * router for the route; v3.4.0 crd/traefikio/v1alpha1/ingressroute.go: {@code
   * +kubebuilder:validation:Enum=wrr;p2c;RoundRobin} (docs/content/migrate/v3.md, "v3.3 to v3.4":
   * "New Strategy Values").
   */
  static final Version P2C = Version.of(3, 4);

  /**
   * The newest release before {@link #P2C}: what output with {@code strategy: RoundRobin} is for.
   */
  static final Version BEFORE_P2C = Version.of(3, 3);

  /**
   * {@code rootCAs: [{secret}]}. traefik v3.4.0 crd/traefikio/v1alpha1/serverstransport.go adds
   * {@code RootCAs []RootCA} and deprecates {@code RootCAsSecrets} (docs/content/migrate/v3.md,
   * "v3.3 to v3.4"); before, {@code rootCAsSecrets: [name]} is the only field, read by the same
   * {@code loadCASecret} (key {@code tls.ca} or {@code ca.crt}; v3.3.7 crd/kubernetes.go). The
   * v3.4.0 CRD's CEL rule {@code has(self.secret) && has(self.configMap)} refuses an entry with
   * only a secret; v3.4.1 ("Fix CEL validation for RootCA in ServersTransport") made it {@code
   * !has(self.secret) || !has(self.configMap)}.
   */
  static final Version ROOT_CAS = Version.of(3, 4);

  /**
   * {@code strategy: hrw}. traefik v3.6.0 crd/traefikio/v1alpha1/ingressroute.go: {@code
   * Enum=wrr;p2c;hrw;leasttime;RoundRobin}; v3.4 and v3.5 refuse {@code hrw} ("load-balancer
   * strategy %s is not supported", kubernetes_http.go). Earlier releases have no balancer that
   * hashes the client address.
   */
  static final Version HRW = Version.of(3, 6);

  /**
   * {@code sticky.cookie.domain}, and the annotation {@code service.sticky.cookie.domain}. traefik
   * v3.4.0 pkg/config/dynamic/http_config.go: {@code Cookie.Domain} is new (v3.3.7 has none).
   */
  static final Version COOKIE_DOMAIN = Version.of(3, 4);

  /**
   * {@code strategy: leasttime}: the same v3.6.0 enum as {@code hrw} ({@code
   * Enum=wrr;p2c;hrw;leasttime;RoundRobin}).
   */
  static final Version LEASTTIME = Version.of(3, 6);

  /**
   * IngressRoute {@code spec.parentRefs} (multi-layer routing). traefik v3.6.0
   * crd/traefikio/v1alpha1/ingressroute.go: {@code ParentRefs []IngressRouteRef} is new; v3.5.6 has
   * no such field, so an older CRD prunes it and the route is a router of its own.
   */
  static final Version PARENT_REFS = Version.of(3, 6);

  /**
   * IngressRoute {@code spec.ingressClassName}. traefik v3.7.0 crd/traefikio/v1alpha1/
   * ingressroute.go: {@code IngressClassName *string} is new, and kubernetes_http.go reads it
   * before the {@code kubernetes.io/ingress.class} annotation ({@code getIngressClassName}); before
   * v3.7 only the annotation selects the class.
   */
  static final Version INGRESS_CLASS_NAME = Version.of(3, 7);

  /**
   * Middleware {@code encodedCharacters}. traefik v3.7.0 crd/traefikio/v1alpha1/middleware.go:
   * {@code EncodedCharacters *dynamic.EncodedCharacters} is new (v3.6.24 has none).
   */
  static final Version ENCODED_CHARACTERS = Version.of(3, 7);

  /**
   * {@code providers.kubernetesIngress.strictPrefixMatching}. traefik v3.5.0
   * pkg/provider/kubernetes/ingress/kubernetes.go: {@code StrictPrefixMatching} is new (v3.4.5 has
   * none and always writes {@code PathPrefix}).
   */
  static final Version STRICT_PREFIX = Version.of(3, 5);

  /**
   * A wildcard in an IngressRoute's {@code Host} matcher ({@code Host(`*.example.com`)}). traefik
   * v3.7.0 pkg/muxer/http/matcher.go {@code host}: {@code muxer.DomainMatchHostExpression} matches
   * {@code *} against the first label ("Add wildcard host in Host and HostSNI matchers"); v3.6.24
   * compares the request's host with the text as written. {@code Host(`*`)} matches every host from
   * v3.7.7.
   */
  static final Version WILDCARD_HOST = Version.of(3, 7);

  /**
   * A sticky cookie's {@code sameSite} in any case ({@code Lax}). traefik v3.6.14
   * pkg/server/service/loadbalancer/sticky.go {@code convertSameSite}: {@code
   * strings.ToLower(sameSite)}, and pkg/config/dynamic/http_config.go {@code
   * Enum=none;lax;strict;None;Lax;Strict}; v3.6.13 and older compare the text as written (v3.4.0 to
   * v3.6.13 CRDs: {@code Enum=none;lax;strict}). Gated at v3.7, the first line whose every release
   * has it.
   */
  static final Version SAME_SITE_ANY_CASE = Version.of(3, 7);

  /** {@code "v3.4"}, as the findings name a release. */
  static String name(Version v) {
    return "v" + v;
  }
}
