package dev.wsingress.istio;

import dev.wsingress.Affinity;
import dev.wsingress.AffinityMode;
import dev.wsingress.BackendProtocol;
import dev.wsingress.ClientIpAffinity;
import dev.wsingress.CookieAffinity;
import dev.wsingress.HeaderAffinity;
import dev.wsingress.HealthCheck;
import dev.wsingress.Rendering;
import dev.wsingress.Version;
import dev.wsingress.WebSocketApp;
import io.fabric8.istio.api.api.networking.v1alpha3.ClientTLSSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.ClientTLSSettingsBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.ClientTLSSettingsTLSmode;
import io.fabric8.istio.api.api.networking.v1alpha3.ConnectionPoolSettingsBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.ConnectionPoolSettingsHTTPSettingsH2UpgradePolicy;
import io.fabric8.istio.api.api.networking.v1alpha3.IsLoadBalancerSettingsConsistentHashLBHashKey;
import io.fabric8.istio.api.api.networking.v1alpha3.IsLoadBalancerSettingsLbPolicy;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBHTTPCookieAttribute;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBHTTPCookieAttributeBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBHTTPCookie_Builder;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBHttpCookieBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBHttpHeaderNameBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBUseSourceIpBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsSimpleBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsSimpleLB;
import io.fabric8.istio.api.api.networking.v1alpha3.OutlierDetectionBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.Subset;
import io.fabric8.istio.api.api.networking.v1alpha3.SubsetBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicy;
import io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicyBuilder;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.DestinationRuleBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The DestinationRules of the app's backends: connection pool, load balancing or affinity and
 * outlier detection for the Services WebSocket routes go to, and TLS origination to every backend
 * of an HTTPS app. Facts cite istio/api and istio/istio at release tags; Envoy facts cite
 * envoyproxy/envoy sources Istio's proxy builds on (no release tag of Envoy was read).
 */
final class DestinationRules {
  private DestinationRules() {}

  /**
   * The release that added {@code httpCookie.attributes}: istio/api #3523 ("add support for
   * additional cookie attributes"), first tagged 1.28.0 (networking/v1alpha3/destination_rule.proto
   * HTTPCookie, {@code repeated Attribute attributes = 4}); istio/istio 1.28.0
   * pilot/pkg/networking/core/route/route.go passes them to Envoy. The CRD of 1.27.0 has no such
   * field.
   */
  static final Version COOKIE_ATTRIBUTES = Version.of(1, 28);

  /**
   * The ttl of a session cookie. istio/api 1.30.3 destination_rule.proto HTTPCookie.ttl: "If the
   * TTL is present and zero, the generated cookie will be a session cookie", marked {@code
   * +protoc-gen-crd:duration-validation:none} (istio/api #3260, before 1.23.0 was tagged), so no
   * released CRD's CEL rule refuses it, and istio/istio's validation (pkg/config/validation/
   * validation.go validateLoadBalancer, 1.24.0 to 1.30.3) does not check the ttl. Without a ttl no
   * cookie is made at all: envoy source/common/http/hash_policy.cc CookieHashMethod generates one
   * only when {@code ttl_.has_value()}, and istio/istio 1.30.3 route.go passes a missing ttl on as
   * nil; Envoy's makeSetCookieValue (source/common/http/utility.cc) writes no Max-Age for zero.
   */
  static final String SESSION_COOKIE_TTL = "0s";

  /**
   * The DestinationRules of the app's backends: one per Service that WebSocket routes go to, with
   * the WebSocket traffic policy, and one per other Service only when the app-wide backend protocol
   * HTTPS needs TLS origination there. A gateway originates TLS to a Service only when a
   * DestinationRule's {@code tls} says so: without one it sends Istio mTLS to a pod with a sidecar
   * (auto mTLS) and plaintext otherwise (istio/istio 1.30.3 pilot/pkg/networking/core/
   * cluster_tls.go buildUpstreamTLSSettings). A plain HTTP backend gets nothing else: Istio's
   * defaults. Where plain routes share a Service with WebSocket routes, the WebSocket policy is the
   * subset {@value Backends#WEBSOCKET_SUBSET}, which only WebSocket destinations name.
   */
  static List<DestinationRule> destinationRules(
      WebSocketApp app,
      List<Backends.Backend> backends,
      Version version,
      Integer maxEjectionPercent,
      Integer minHealthPercent,
      Rendering.Builder out) {
    Backends.Backend first =
        backends.stream().filter(Backends.Backend::webSocket).findFirst().get();
    // The WebSocket policy is the same for every WebSocket backend: its findings once, about the
    // rule of the first route's backend.
    TrafficPolicy webSocket =
        webSocketPolicy(
            app, version, maxEjectionPercent, minHealthPercent, out, subject(app, first));
    boolean https = app.backendProtocol() == BackendProtocol.HTTPS;
    if (https && app.backendCaSecret().isEmpty()) {
      out.add(
          // istio/api 1.30.3 networking/v1alpha3/destination_rule.proto: ClientTLSSettings SIMPLE
          // verifies the server against caCertificates or credentialName; without a CA no TLS is
          // originated here
          IstioFinding.BACKEND_TLS.at(
              subject(app, first),
              "an HTTPS backend needs the CA that signs its certificate; without one no tls is"
                  + " written, so the gateway does not originate TLS to the "
                  + (backends.size() == 1 ? "backend" : "backends")
                  + " (wsingress never writes insecureSkipVerify)."));
    }
    List<DestinationRule> rules = new ArrayList<>();
    for (Backends.Backend b : backends) {
      String subject = subject(app, b);
      ClientTLSSettings tls =
          https && app.backendCaSecret().isPresent() ? tls(app, b.host(), out, subject) : null;
      if (!b.webSocket() && tls == null) {
        continue;
      }
      TrafficPolicy top;
      List<Subset> subsets = List.of();
      if (b.shared()) {
        top = tls == null ? null : new TrafficPolicyBuilder().withTls(tls).build();
        subsets =
            List.of(
                new SubsetBuilder()
                    .withName(Backends.WEBSOCKET_SUBSET)
                    .withTrafficPolicy(new TrafficPolicyBuilder(webSocket).build())
                    .build());
      } else if (b.webSocket()) {
        top = new TrafficPolicyBuilder(webSocket).withTls(tls).build();
      } else {
        top = new TrafficPolicyBuilder().withTls(tls).build();
      }
      if (!b.own()) {
        // istio/istio 1.30.3 pilot/pkg/model/push_context.go setDestinationRules sorts the rules by
        // creation time, "so if two destination rule have top level traffic policies we take the
        // first one"; model/destination_rule.go mergeDestinationRule then adds only the subsets
        // of the later rules of a host.
        out.add(
            IstioFinding.DESTINATION_RULE_MERGE.at(
                subject,
                "this rule sets the traffic policy of "
                    + b.host()
                    + ", a Service the app routes to but does not own: if an older"
                    + " DestinationRule for that host in the namespace has a top-level"
                    + " trafficPolicy, Istio keeps that one and adds only this rule's subsets."));
      }
      rules.add(
          new DestinationRuleBuilder()
              .withMetadata(app.objectMeta(b.ruleName()))
              .withNewSpec()
              .withHost(b.host())
              .withTrafficPolicy(top)
              .withSubsets(subsets)
              .endSpec()
              .build());
    }
    return rules;
  }

  static String subject(WebSocketApp app, Backends.Backend b) {
    return "DestinationRule " + app.namespace() + "/" + b.ruleName();
  }

  /**
   * What a WebSocket route needs from its backend's DestinationRule: idle timeouts of pooled
   * connections, no HTTP/2 upgrade, least-request balancing or the affinity hash, and outlier
   * detection from the health check.
   */
  private static TrafficPolicy webSocketPolicy(
      WebSocketApp app,
      Version version,
      Integer maxEjectionPercent,
      Integer minHealthPercent,
      Rendering.Builder out,
      String subject) {
    String idle = ProtoDuration.format(app.idleTimeout());
    ConnectionPoolSettingsBuilder pool =
        new ConnectionPoolSettingsBuilder()
            .withNewTcp()
            .withIdleTimeout(idle)
            .endTcp()
            .withNewHttp()
            .withIdleTimeout(idle)
            // UPGRADE would make the upstream hop HTTP/2, where a WebSocket needs Envoy's
            // allow_connect, which Istio sets only on waypoints (istio/istio#27078, #33534).
            .withH2UpgradePolicy(ConnectionPoolSettingsHTTPSettingsH2UpgradePolicy.DO_NOT_UPGRADE)
            .endHttp();
    if (app.connectTimeout().isPresent()) {
      pool.editTcp().withConnectTimeout(ProtoDuration.format(app.connectTimeout().get())).endTcp();
    }
    TrafficPolicyBuilder policy =
        new TrafficPolicyBuilder()
            .withLoadBalancer(
                new LoadBalancerSettingsBuilder()
                    .withLbPolicy(lbPolicy(app, version, out, subject))
                    .build())
            .withConnectionPool(pool.build());
    if (app.healthCheck().isPresent() || maxEjectionPercent != null) {
      outlierDetection(app, policy, maxEjectionPercent, minHealthPercent, out, subject);
    }
    return policy.build();
  }

  /**
   * Passive health checking: eject a pod after {@code fall} consecutive gateway errors (502, 503,
   * 504). istio/api 1.30.3 destination_rule.proto OutlierDetection: {@code consecutive5xxErrors}
   * "defaults to 5 but can be disabled by setting the value to 0", and "if the value of {@code
   * consecutiveGatewayErrors} is greater than or equal to the value of {@code
   * consecutive5xxErrors}, {@code consecutiveGatewayErrors} will have no effect"; istio/istio
   * 1.30.3 pilot/pkg/networking/ core/cluster_traffic_policy.go:464-483 copies each only when set,
   * so Envoy's default of 5 5xx applied whenever only the gateway errors were written. {@code
   * consecutive5xxErrors: 0} turns that off: a 500 from the application does not eject the pod.
   * {@code consecutiveGatewayErrors} replaces the deprecated {@code consecutiveErrors}.
   */
  private static void outlierDetection(
      WebSocketApp app,
      TrafficPolicyBuilder policy,
      Integer maxEjectionPercent,
      Integer minHealthPercent,
      Rendering.Builder out,
      String subject) {
    HealthCheck h = app.healthCheck().orElse(null);
    int fall = h != null && h.fall().isPresent() ? h.fall().getAsInt() : 5;
    Duration interval =
        h != null ? h.interval().orElse(Duration.ofSeconds(10)) : Duration.ofSeconds(10);
    OutlierDetectionBuilder outlier =
        new OutlierDetectionBuilder()
            .withConsecutiveGatewayErrors(fall)
            .withConsecutive5xxErrors(0)
            .withInterval(ProtoDuration.format(interval))
            .withBaseEjectionTime("30s");
    if (maxEjectionPercent != null) {
      outlier.withMaxEjectionPercent(maxEjectionPercent).withMinHealthPercent(minHealthPercent);
    }
    policy.withOutlierDetection(outlier.build());
    if (h != null) {
      out.add(
          // istio/api 1.30.3 networking/v1alpha3/destination_rule.proto: OutlierDetection:
          // consecutiveGatewayErrors counts 502, 503 and 504; consecutive5xxErrors 0 turns the 5xx
          // count off
          IstioFinding.HEALTH_CHECK_PASSIVE.at(
              subject,
              "Istio has no active health checks: "
                  + h.path()
                  + " is not probed; outlier detection ejects a pod after "
                  + fall
                  + " consecutive gateway errors (502, 503, 504), and consecutive5xxErrors: 0"
                  + " keeps other 5xx answers from ejecting it."));
    }
  }

  /** TLS origination to one HTTPS backend, with the app's backend CA. */
  private static ClientTLSSettings tls(
      WebSocketApp app, String host, Rendering.Builder out, String s) {
    String ca = app.backendCaSecret().get();
    // istio/istio 1.30.3 pilot/pkg/networking/core/cluster_tls.go:286-297: Envoy's automatic SAN
    // validation is set only when sni is empty and no subjectAltNames are given, and then checks
    // the name of the downstream Host header; with sni set and no subjectAltNames only the CA is
    // checked. subjectAltNames become the validation context's match_subject_alt_names
    // (pilot/pkg/security/model/authentication.go ApplyCustomSDSToClientCommonTLSContext). So the
    // backend certificate must carry the Service's FQDN.
    ClientTLSSettings tls =
        new ClientTLSSettingsBuilder()
            .withMode(ClientTLSSettingsTLSmode.SIMPLE)
            .withCredentialName(ca)
            .withSni(host)
            .withSubjectAltNames(host)
            .build();
    // istio/api 1.30.3 destination_rule.proto ClientTLSSettings.credentialName: "applicable at
    // sidecars only if DestinationRule has a workloadSelector ... Otherwise ... only at gateways";
    // the Secret "must exist in the namespace of the proxy using the certificates". istio/istio
    // 1.30.3 cluster_tls.go:117-127 gives a sidecar no TLS context at all for such a rule.
    out.add(
        IstioFinding.BACKEND_CA_NAMESPACE.at(
            s,
            "credentialName "
                + ca
                + " is used only by gateways, as this DestinationRule has no workloadSelector;"
                + " each gateway reads it from its own namespace, and in-mesh sidecars calling "
                + host
                + " originate no TLS with it."));
    // The backend pod's sidecar (istio/istio 1.30.3 pilot/pkg/networking/core/
    // filterchain_options.go): an HTTP port's inbound chains take Istio mTLS or plaintext under
    // PERMISSIVE ("We do not need to handle other simple TLS"), Istio mTLS only under STRICT; a
    // TCP-typed port (https-, tls-; pilot/pkg/networking/networking.go) also has a "Plain TLS"
    // chain under PERMISSIVE. The virtual inbound listener has no default filter chain
    // (listener_inbound.go buildInboundListener), and Envoy closes a connection no chain matches
    // (listener.proto default_filter_chain; FilterChainMatch prunes by destination port first).
    out.add(
        IstioFinding.BACKEND_TLS_SIDECAR.at(
            s,
            "the gateway originates TLS to the pods itself (tls SIMPLE, not Istio mTLS); if they"
                + " run an Istio sidecar, its inbound chains for an http- port take only"
                + " plaintext and Istio mTLS, and under STRICT mTLS only Istio mTLS on any port,"
                + " so it closes this connection."));
    return tls;
  }

  // The CRD's loadBalancer is a oneOf: simple or consistentHash, never both (the seed sets both).
  private static IsLoadBalancerSettingsLbPolicy lbPolicy(
      WebSocketApp app, Version version, Rendering.Builder out, String subject) {
    if (app.affinity().isEmpty()) {
      return new LoadBalancerSettingsSimpleBuilder()
          .withSimple(LoadBalancerSettingsSimpleLB.LEAST_REQUEST)
          .build();
    }
    Affinity affinity = app.affinity().get();
    IsLoadBalancerSettingsConsistentHashLBHashKey key;
    if (affinity instanceof CookieAffinity c) {
      key = cookie(c, version, out, subject);
    } else if (affinity instanceof ClientIpAffinity) {
      key =
          new LoadBalancerSettingsConsistentHashLBUseSourceIpBuilder()
              .withUseSourceIp(true)
              .build();
      out.add(
          // istio/api 1.30.3 networking/v1alpha3/destination_rule.proto: client-IP affinity is
          // LoadBalancerSettings.consistentHash.useSourceIp; Envoy balances over the endpoints
          // itself, so Service sessionAffinity does not apply
          IstioFinding.SERVICE_AFFINITY_IGNORED.at(
              subject,
              "Istio proxies ignore the Service's sessionAffinity; client-IP affinity is"
                  + " rendered as consistentHash.useSourceIp."));
      // useSourceIp is Envoy's connection_properties.source_ip (istio/istio 1.30.3 route.go
      // consistentHashToHashPolicy), hashing the downstream address (envoy source/common/http/
      // hash_policy.cc IpHashMethod): the peer's, unless PROXY protocol or trusted X-Forwarded-For
      // hops (gatewayTopology, istio/api mesh/v1alpha1/proxy.proto Topology; istio/istio
      // pilot/pkg/networking/core/gateway.go xffNumTrustedHops) give the client's. The gateway
      // chart leaves externalTrafficPolicy unset (manifests/charts/gateway/values.yaml:65, ""),
      // so Kubernetes' Cluster applies.
      out.add(
          IstioFinding.CLIENT_IP_PEER.at(
              subject,
              "consistentHash.useSourceIp hashes the address of the proxy's downstream peer; at"
                  + " the ingress gateway behind an L7 load balancer, or through a Service with"
                  + " externalTrafficPolicy: Cluster (the gateway chart's default), that is the"
                  + " load balancer's or a node's address, which many clients share, so all of"
                  + " them hash to the same pod."));
    } else {
      key =
          new LoadBalancerSettingsConsistentHashLBHttpHeaderNameBuilder()
              .withHttpHeaderName(((HeaderAffinity) affinity).header())
              .build();
    }
    out.add(
        // istio/api 1.30.3 networking/v1alpha3/destination_rule.proto: ConsistentHashLB: "The
        // affinity to a particular destination host may be lost when one or more hosts are
        // added/removed"
        IstioFinding.SOFT_AFFINITY.at(
            subject,
            "consistentHash is soft affinity: when pods are added or removed, some clients"
                + " hash to another pod."));
    return new LoadBalancerSettingsConsistentHashBuilder()
        .withNewConsistentHash()
        .withHashKey(key)
        .endConsistentHash()
        .build();
  }

  /**
   * The httpCookie hash key. Envoy makes the cookie (source/common/router/router.h
   * addDownstreamSetCookie) with {@code makeSetCookieValue(..., httponly = true, attributes)}: each
   * attribute as {@code ; name} or {@code ; name=value}, then {@code ; HttpOnly} always (source/
   * common/http/utility.cc). So Secure and SameSite are attributes, HttpOnly needs none and cannot
   * be turned off.
   */
  private static IsLoadBalancerSettingsConsistentHashLBHashKey cookie(
      CookieAffinity c, Version version, Rendering.Builder out, String subject) {
    LoadBalancerSettingsConsistentHashLBHTTPCookie_Builder cookie =
        new LoadBalancerSettingsConsistentHashLBHTTPCookie_Builder()
            .withName(c.name())
            .withTtl(c.maxAge().map(ProtoDuration::format).orElse(SESSION_COOKIE_TTL));
    if (c.path().isPresent()) {
      cookie.withPath(c.path().get());
    }
    List<LoadBalancerSettingsConsistentHashLBHTTPCookieAttribute> attributes = new ArrayList<>();
    List<String> written = new ArrayList<>();
    if (c.secure().orElse(false)) {
      attributes.add(
          new LoadBalancerSettingsConsistentHashLBHTTPCookieAttributeBuilder()
              .withName("Secure")
              .build());
      written.add("Secure");
    }
    if (c.sameSite().isPresent()) {
      String value = c.sameSite().get().attribute();
      attributes.add(
          new LoadBalancerSettingsConsistentHashLBHTTPCookieAttributeBuilder()
              .withName("SameSite")
              .withValue(value)
              .build());
      written.add("SameSite=" + value);
    }
    List<String> lost = new ArrayList<>();
    if (!attributes.isEmpty()) {
      if (version.isAtLeast(COOKIE_ATTRIBUTES)) {
        cookie.withAttributes(attributes);
        out.add(
            // istio/api 1.30.3 networking/v1alpha3/destination_rule.proto: HTTPCookie.attributes is
            // in istio/api from 1.28
            IstioFinding.VERSION_GATED.at(
                subject,
                "httpCookie.attributes needs Istio "
                    + COOKIE_ATTRIBUTES
                    + " or newer (rendering for "
                    + version
                    + ")."));
      } else {
        lost.add(
            String.join(" and ", written)
                + " (httpCookie.attributes needs Istio "
                + COOKIE_ATTRIBUTES
                + " or newer; rendering for "
                + version
                + ")");
      }
    }
    if (!c.httpOnly()) {
      lost.add("httpOnly(false) (Envoy always marks the cookie it makes HttpOnly)");
    }
    if (c.mode() == AffinityMode.PERSISTENT) {
      lost.add("persistent mode (consistent hashing moves some clients when pods come and go)");
    }
    if (!lost.isEmpty()) {
      out.add(
          // istio/api 1.30.3 networking/v1alpha3/destination_rule.proto:
          // ConsistentHashLB.HTTPCookie has name, path, ttl and (from 1.28) attributes; no HttpOnly
          // switch
          IstioFinding.COOKIE_ATTRIBUTES.at(
              subject, "the affinity cookie gets no " + String.join("; no ", lost) + "."));
    }
    return new LoadBalancerSettingsConsistentHashLBHttpCookieBuilder()
        .withHttpCookie(cookie.build())
        .build();
  }
}
