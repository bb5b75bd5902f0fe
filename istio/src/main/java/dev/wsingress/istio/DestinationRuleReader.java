package dev.wsingress.istio;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsingress.Affinity;
import dev.wsingress.BackendProtocol;
import dev.wsingress.CookieAffinity;
import dev.wsingress.Manifest;
import dev.wsingress.Manifests;
import dev.wsingress.Reading;
import dev.wsingress.SameSite;
import dev.wsingress.Setting;
import dev.wsingress.Version;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * DestinationRules as a proxy finds them for a destination, the traffic policy that results, and
 * the doctor's rules on each rule's own fields.
 *
 * <p>Lookup (istio/istio 1.30.3 pilot/pkg/model/push_context.go destinationRule): a rule's host is
 * resolved in the rule's namespace ({@link Backends#resolve}); a proxy looks first in its own
 * namespace (for a gateway in the root namespace {@code istio-system}: only the rules private to
 * it), then among the rules the Service's namespace exports, then among those the root namespace
 * exports; within each, an exact host before the most specific wildcard (model/config.go
 * MostSpecificHostMatch). A rule with a {@code workloadSelector} is private to its namespace
 * (setDestinationRules). Rules for one host in one namespace are merged: the oldest rule's
 * top-level traffic policy wins ("if two destination rule have top level traffic policies we take
 * the first one") and the others add subsets; the input's order stands in for creation time.
 *
 * <p>Merging (pilot/pkg/networking/util/util.go MergeSubsetTrafficPolicy): a {@code
 * portLevelSettings} entry for the destination port replaces connectionPool, loadBalancer,
 * outlierDetection and tls as a whole (nothing inherited, GetPortLevelTrafficPolicy), and a
 * subset's policy replaces each of them it sets (all four when it has settings for the port).
 */
final class DestinationRuleReader {

  /** istio/istio 1.30.3 pkg/config/mesh/mesh.go DefaultMeshConfig: RootNamespace istio-system. */
  static final String ROOT_NAMESPACE = "istio-system";

  /** One DestinationRule, its resolved host and visibility. */
  record Rule(Manifest m, String namespace, String host, List<String> exportTo, boolean selector) {}

  /** A part of the effective traffic policy, and where it is written. */
  record Part(Manifest m, String pointer, JsonNode node) {
    Setting<Duration> duration(String field, Duration value) {
      return Setting.of(value, m.source(pointer + "/" + field));
    }
  }

  /** The traffic policy a destination gets; parts are null where nothing sets them. */
  record Policy(
      Rule rule, Part connectionPool, Part loadBalancer, Part outlierDetection, Part tls) {
    static final Policy NONE = new Policy(null, null, null, null, null);
  }

  private final List<Rule> rules = new ArrayList<>();

  /** The rules of each namespace ({@code ""}: no namespace), by exact host. */
  private final Map<String, Map<String, List<Rule>>> byNamespace = new HashMap<>();

  /** The rules of each namespace for wildcard hosts. */
  private final Map<String, List<Rule>> wildcards = new HashMap<>();

  DestinationRuleReader(Manifests in) {
    for (Manifest m : in.objects("networking.istio.io", "DestinationRule")) {
      JsonNode spec = m.tree().path("spec");
      String host = spec.path("host").asText("");
      if (host.isEmpty()) {
        continue;
      }
      List<String> export = new ArrayList<>();
      spec.path("exportTo").forEach(e -> export.add(e.asText()));
      rules.add(
          new Rule(
              m,
              m.namespace(),
              Backends.resolve(host, m.namespace()),
              export,
              spec.path("workloadSelector").isObject()));
    }
    for (Rule r : rules) {
      if (r.host().startsWith("*")) {
        wildcards.computeIfAbsent(r.namespace(), k -> new ArrayList<>()).add(r);
      } else {
        byNamespace
            .computeIfAbsent(r.namespace(), k -> new HashMap<>())
            .computeIfAbsent(r.host(), k -> new ArrayList<>(1))
            .add(r);
      }
    }
  }

  /** The rules of a namespace that can be for the host: those of the host, and the wildcards. */
  private List<Rule> candidates(String namespace, String fqdn) {
    List<Rule> exact = byNamespace.getOrDefault(namespace, Map.of()).getOrDefault(fqdn, List.of());
    List<Rule> wild = wildcards.getOrDefault(namespace, List.of());
    if (wild.isEmpty()) {
      return exact;
    }
    List<Rule> out = new ArrayList<>(exact);
    out.addAll(wild);
    return out;
  }

  /**
   * The rules a proxy in {@code proxyNs} (null: a sidecar in an unknown namespace) uses for a
   * Service host; the first has the traffic policy that counts. {@code gatewayLabels} are the pod
   * labels of a gateway proxy, which a private rule's workloadSelector must select.
   */
  List<Rule> lookup(String fqdn, String serviceNs, String proxyNs, Map<String, String> labels) {
    if (proxyNs != null) {
      List<Rule> local = new ArrayList<>();
      for (Rule r : candidates(proxyNs, fqdn)) {
        if (r.selector() && !selects(r, labels)) {
          continue;
        }
        boolean privateOnly = r.selector() || privateOnly(r);
        if (proxyNs.equals(ROOT_NAMESPACE) ? privateOnly : visibleLocally(r)) {
          local.add(r);
        }
      }
      List<Rule> hit = mostSpecific(local, fqdn);
      if (!hit.isEmpty()) {
        return hit;
      }
    }
    for (String owner : new String[] {serviceNs, ROOT_NAMESPACE}) {
      List<Rule> exported = new ArrayList<>();
      List<Rule> here = candidates(owner, fqdn);
      if (owner.equals(serviceNs) && !owner.isEmpty()) {
        // A rule without a namespace lands in the namespace it is applied to.
        here = new ArrayList<>(here);
        here.addAll(candidates("", fqdn));
      }
      for (Rule r : here) {
        if (!r.selector() && !privateOnly(r) && exportedTo(r, proxyNs)) {
          exported.add(r);
        }
      }
      List<Rule> hit = mostSpecific(exported, fqdn);
      if (!hit.isEmpty()) {
        return hit;
      }
    }
    return List.of();
  }

  private static boolean selects(Rule r, Map<String, String> labels) {
    JsonNode match = r.m().tree().path("spec").path("workloadSelector").path("matchLabels");
    if (labels == null || !match.isObject()) {
      return false;
    }
    boolean[] all = {true};
    match.properties().forEach(e -> all[0] &= e.getValue().asText().equals(labels.get(e.getKey())));
    return all[0];
  }

  private static boolean privateOnly(Rule r) {
    List<String> e = r.exportTo();
    return e.size() == 1 && (e.get(0).equals(".") || e.get(0).equals(r.namespace()));
  }

  private static boolean visibleLocally(Rule r) {
    List<String> e = r.exportTo();
    return e.isEmpty() || e.contains("*") || e.contains(".") || e.contains(r.namespace());
  }

  private static boolean exportedTo(Rule r, String proxyNs) {
    List<String> e = r.exportTo();
    return e.isEmpty() || e.contains("*") || (proxyNs != null && e.contains(proxyNs));
  }

  private static List<Rule> mostSpecific(List<Rule> candidates, String fqdn) {
    List<Rule> exact = new ArrayList<>();
    for (Rule r : candidates) {
      if (r.host().equals(fqdn)) {
        exact.add(r);
      }
    }
    if (!exact.isEmpty()) {
      return exact;
    }
    String best = null;
    for (Rule r : candidates) {
      String h = r.host();
      if (h.startsWith("*")
          && fqdn.endsWith(h.substring(1))
          && (best == null || h.length() > best.length())) {
        best = h;
      }
    }
    List<Rule> out = new ArrayList<>();
    for (Rule r : candidates) {
      if (r.host().equals(best)) {
        out.add(r);
      }
    }
    return out;
  }

  /** The effective policy for a destination's subset (or none) and port (or none). */
  static Policy policy(List<Rule> rules, String subset, Integer port) {
    Rule top = null;
    for (Rule r : rules) {
      if (r.m().tree().path("spec").path("trafficPolicy").isObject()) {
        top = r;
        break;
      }
    }
    Part[] base = new Part[4];
    if (top != null) {
      base = parts(top.m(), "/spec/trafficPolicy", port);
    }
    Rule owner = top != null ? top : (rules.isEmpty() ? null : rules.get(0));
    if (subset != null) {
      for (Rule r : rules) {
        JsonNode subsets = r.m().tree().path("spec").path("subsets");
        for (int i = 0; i < subsets.size(); i++) {
          if (subset.equals(subsets.get(i).path("name").asText())) {
            String pointer = "/spec/subsets/" + i + "/trafficPolicy";
            if (r.m().tree().at(pointer).isObject()) {
              Part[] sub = parts(r.m(), pointer, port);
              boolean portLevel = portLevelIndex(r.m().tree().at(pointer), port) >= 0;
              for (int k = 0; k < 4; k++) {
                if (sub[k] != null || portLevel) {
                  base[k] = sub[k];
                }
              }
            }
            return new Policy(owner, base[0], base[1], base[2], base[3]);
          }
        }
      }
    }
    return owner == null ? Policy.NONE : new Policy(owner, base[0], base[1], base[2], base[3]);
  }

  private static final String[] PARTS = {
    "connectionPool", "loadBalancer", "outlierDetection", "tls"
  };

  private static Part[] parts(Manifest m, String policyPointer, Integer port) {
    JsonNode policy = m.tree().at(policyPointer);
    int pls = portLevelIndex(policy, port);
    String pointer = pls >= 0 ? policyPointer + "/portLevelSettings/" + pls : policyPointer;
    JsonNode node = m.tree().at(pointer);
    Part[] out = new Part[4];
    for (int k = 0; k < 4; k++) {
      JsonNode n = node.get(PARTS[k]);
      if (n != null && n.isObject()) {
        out[k] = new Part(m, pointer + "/" + PARTS[k], n);
      }
    }
    return out;
  }

  private static int portLevelIndex(JsonNode policy, Integer port) {
    if (port == null) {
      return -1;
    }
    JsonNode pls = policy.path("portLevelSettings");
    for (int i = 0; i < pls.size(); i++) {
      if (pls.get(i).path("port").path("number").asInt(-1) == port) {
        return i;
      }
    }
    return -1;
  }

  /** The connect timeout: connectionPool.tcp.connectTimeout, else the mesh's 10 s. */
  static Setting<Duration> connectTimeout(Policy p) {
    Part pool = p.connectionPool();
    if (pool != null) {
      Optional<Duration> d = duration(pool.node().path("tcp").get("connectTimeout"));
      if (d.isPresent()) {
        return pool.duration("tcp/connectTimeout", d.get());
      }
    }
    return Setting.byDefault(
        Duration.ofSeconds(10),
        "istio/istio 1.30.3 pkg/config/mesh/mesh.go DefaultMeshConfig (ConnectTimeout 10s)");
  }

  /**
   * The idle timeout the route's traffic policy gives: {@code connectionPool.http.idleTimeout},
   * else {@code tcp.idleTimeout} (istio/istio 1.30.3 pilot/pkg/networking/core/
   * cluster_traffic_policy.go applyConnectionPool takes the HTTP one first and writes either as the
   * cluster's CommonHttpProtocolOptions.IdleTimeout), the fields DestinationRules.webSocketPolicy
   * writes the spec's idle timeout to; else none, as Istio turns off Envoy's stream idle timeout
   * ({@link RouteRules#STREAM_IDLE_DEFAULT}). It bounds pooled connections without an active
   * request (istio/api 1.30.3 destination_rule.proto HTTPSettings.idle_timeout: "the period in
   * which there are no active requests"), so an open WebSocket, an active request for its whole
   * life, outlives it (ISTIO-STREAM-IDLE says so when rendering).
   */
  static Setting<Duration> idleTimeout(Policy p) {
    Part pool = p.connectionPool();
    if (pool != null) {
      for (String field : new String[] {"http/idleTimeout", "tcp/idleTimeout"}) {
        JsonNode n = pool.node().at("/" + field);
        Optional<Duration> d = duration(n.isMissingNode() ? null : n);
        if (d.isPresent()) {
          return pool.duration(field, d.get());
        }
      }
    }
    return Setting.byDefault(Duration.ZERO, RouteRules.STREAM_IDLE_DEFAULT);
  }

  /**
   * The CA Secret of TLS the proxy originates: {@code tls.credentialName} in {@code SIMPLE} mode,
   * where the Secret holds only the CA ({@code ca.crt}) that verifies the pods (istio/api 1.30.3
   * destination_rule.proto ClientTLSSettings.credentialName), as DestinationRules.tls writes the
   * spec's backend CA. {@code MUTUAL} names a client certificate too, which the spec cannot hold.
   */
  static Optional<Setting<String>> backendCaSecret(Policy p) {
    Part tls = p.tls();
    if (tls != null
        && tls.node().path("mode").asText("").equals("SIMPLE")
        && tls.node().path("credentialName").isTextual()
        && !tls.node().path("credentialName").asText().isEmpty()) {
      return Optional.of(
          Setting.of(
              tls.node().path("credentialName").asText(),
              tls.m().source(tls.pointer() + "/credentialName")));
    }
    return Optional.empty();
  }

  /**
   * WebSocket evidence that only wsingress's own DestinationRules carry: {@code h2UpgradePolicy:
   * DO_NOT_UPGRADE} in a rule labelled {@code app.kubernetes.io/managed-by: wsingress}.
   * DestinationRules.webSocketPolicy writes it into the policy of WebSocket routes only (a plain
   * route's Service gets no connection pool, or, when shared, the top-level policy without one), so
   * in our output it marks a WebSocket route even at the default 60 s and at a path without a
   * WebSocket segment. Other rules set it for other reasons (it is an HTTP/2 choice), so theirs is
   * no evidence.
   */
  static Optional<String> writerWebSocketPolicy(Policy p) {
    Part pool = p.connectionPool();
    if (pool == null
        || !RouteRules.managed(pool.m())
        || !pool.node().path("http").path("h2UpgradePolicy").asText("").equals("DO_NOT_UPGRADE")) {
      return Optional.empty();
    }
    return Optional.of(
        "the DestinationRule wsingress rendered keeps h2UpgradePolicy DO_NOT_UPGRADE, which it"
            + " writes for WebSocket routes only ("
            + pool.m().source(pool.pointer() + "/http/h2UpgradePolicy")
            + ")");
  }

  /**
   * The idle timeout of pooled upstream connections that the rule raises to at least {@code floor},
   * as evidence of a WebSocket backend; empty when it does not. It is no idle timeout of an open
   * socket: istio/istio 1.30.3 pilot/pkg/networking/core/cluster_traffic_policy.go
   * applyConnectionPool writes http.idleTimeout (else tcp.idleTimeout) as the cluster's
   * CommonHttpProtocolOptions.IdleTimeout, which Envoy applies to connections without active
   * requests (issue 12).
   */
  static Optional<String> raisedIdle(Policy p, Duration floor) {
    Part pool = p.connectionPool();
    if (pool == null) {
      return Optional.empty();
    }
    for (String field : new String[] {"http/idleTimeout", "tcp/idleTimeout"}) {
      JsonNode n = pool.node().at("/" + field);
      Optional<Duration> d = duration(n.isMissingNode() ? null : n);
      if (d.isPresent() && d.get().compareTo(floor) >= 0) {
        return Optional.of(
            "the DestinationRule raises connectionPool."
                + field.replace('/', '.')
                + " to "
                + ProtoDuration.show(d.get())
                + " ("
                + pool.m().source(pool.pointer() + "/" + field)
                + ")");
      }
    }
    return Optional.empty();
  }

  /**
   * The affinity the load balancer gives: {@code consistentHash} with {@code httpCookie}, {@code
   * useSourceIp} or {@code httpHeaderName} (istio/istio 1.30.3 route.go
   * consistentHashToHashPolicy); a cookie's {@code ttl} is its max-age, {@code 0s} a session cookie
   * (destination_rule.proto HTTPCookie.ttl), and its {@code attributes} Secure and SameSite
   * (1.28+). Envoy always marks the cookie HttpOnly (DestinationRules.cookie).
   */
  static Optional<Setting<Affinity>> affinity(Policy p) {
    Part lb = p.loadBalancer();
    if (lb == null) {
      return Optional.empty();
    }
    JsonNode hash = lb.node().path("consistentHash");
    String at = lb.pointer() + "/consistentHash";
    JsonNode cookie = hash.get("httpCookie");
    if (cookie != null && cookie.isObject() && cookie.hasNonNull("name")) {
      CookieAffinity c = Affinity.cookie(cookie.path("name").asText());
      Optional<Duration> ttl = duration(cookie.get("ttl"));
      if (ttl.isPresent() && !ttl.get().isZero()) {
        c = c.maxAge(ttl.get());
      }
      if (cookie.hasNonNull("path")) {
        c = c.path(cookie.path("path").asText());
      }
      for (JsonNode a : cookie.path("attributes")) {
        String name = a.path("name").asText("");
        if (name.equalsIgnoreCase("Secure")) {
          c = c.secure(true);
        } else if (name.equalsIgnoreCase("SameSite")) {
          for (SameSite s : SameSite.values()) {
            if (s.attribute().equalsIgnoreCase(a.path("value").asText(""))) {
              c = c.sameSite(s);
            }
          }
        }
      }
      return Optional.of(Setting.of(c, lb.m().source(at + "/httpCookie")));
    }
    if (hash.path("useSourceIp").asBoolean(false)) {
      return Optional.of(Setting.of(Affinity.clientIp(), lb.m().source(at + "/useSourceIp")));
    }
    JsonNode header = hash.get("httpHeaderName");
    if (header != null && header.isTextual() && !header.asText().isEmpty()) {
      return Optional.of(
          Setting.of(Affinity.header(header.asText()), lb.m().source(at + "/httpHeaderName")));
    }
    return Optional.empty();
  }

  /**
   * What the proxy speaks to the pods: TLS it originates ({@code tls.mode} SIMPLE or MUTUAL) is
   * HTTPS; otherwise HTTP, which Istio carries as Istio mTLS to a pod with a sidecar (auto mTLS)
   * and as plaintext otherwise (istio/istio 1.30.3 cluster_tls.go buildUpstreamTLSSettings).
   */
  static Setting<BackendProtocol> backendProtocol(Policy p) {
    Part tls = p.tls();
    if (tls != null) {
      String mode = tls.node().path("mode").asText("");
      if (mode.equals("SIMPLE") || mode.equals("MUTUAL")) {
        return Setting.of(BackendProtocol.HTTPS, tls.m().source(tls.pointer() + "/mode"));
      }
      if (!mode.isEmpty()) {
        return Setting.of(BackendProtocol.HTTP, tls.m().source(tls.pointer() + "/mode"));
      }
    }
    return Setting.byDefault(
        BackendProtocol.HTTP,
        "istio/istio 1.30.3 pilot/pkg/networking/core/cluster_tls.go buildUpstreamTLSSettings"
            + " (without DestinationRule tls: Istio mTLS to a sidecar, else plaintext)");
  }

  static Optional<Duration> duration(JsonNode n) {
    if (n == null || !n.isTextual()) {
      return Optional.empty();
    }
    try {
      return Optional.of(ProtoDuration.parse(n.asText()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * The rules on each DestinationRule's own fields, for every traffic policy in it (top level, port
   * level, subsets). {@code version} is the Istio release the reader judges for.
   */
  void check(Reading out, Version version) {
    Set<String> seen = new HashSet<>();
    for (Rule r : rules) {
      Manifest m = r.m();
      List<String> policies = new ArrayList<>();
      policies.add("/spec/trafficPolicy");
      JsonNode subsets = m.tree().path("spec").path("subsets");
      for (int i = 0; i < subsets.size(); i++) {
        policies.add("/spec/subsets/" + i + "/trafficPolicy");
      }
      for (String tp : new ArrayList<>(policies)) {
        JsonNode pls = m.tree().at(tp).path("portLevelSettings");
        for (int i = 0; i < pls.size(); i++) {
          policies.add(tp + "/portLevelSettings/" + i);
        }
      }
      for (String pointer : policies) {
        JsonNode policy = m.tree().at(pointer);
        if (policy.isObject()) {
          policyRules(m, pointer, policy, out, version);
        }
      }
      duplicate(r, seen, out);
    }
  }

  private void duplicate(Rule r, Set<String> seen, Reading out) {
    if (!r.m().tree().path("spec").path("trafficPolicy").isObject() || r.selector()) {
      return;
    }
    String key = r.namespace() + " " + r.host();
    if (seen.add(key)) {
      return;
    }
    Rule first = null;
    for (Rule other : rules) {
      if (other != r
          && !other.selector()
          && (other.namespace() + " " + other.host()).equals(key)
          && other.m().tree().path("spec").path("trafficPolicy").isObject()) {
        first = other;
        break;
      }
    }
    out.report(
        r.m(),
        IstioFinding.DR_DUPLICATE_HOST,
        r.m().source("/spec/host"),
        "another DestinationRule for "
            + r.host()
            + " in this namespace ("
            + first.m().subject()
            + ", "
            + first.m().source()
            + ") has a top-level trafficPolicy too: Istio merges the two, keeps the traffic policy"
            + " of the older one and adds only the other's subsets (istio/istio 1.30.3"
            + " pilot/pkg/model/destination_rule.go mergeDestinationRule).");
  }

  private static void policyRules(
      Manifest m, String pointer, JsonNode policy, Reading out, Version version) {
    JsonNode lb = policy.path("loadBalancer");
    if (lb.path("simple").asText("").equals("LEAST_CONN")) {
      // istio/api 1.30.3 destination_rule.proto SimpleLB: "LEAST_CONN = 1 [deprecated = true]"
      // ("Deprecated. Use LEAST_REQUEST instead."); istio/istio 1.30.3
      // pilot/pkg/networking/core/cluster_traffic_policy.go applyLoadBalancer treats LEAST_CONN
      // and LEAST_REQUEST alike.
      out.report(
          m,
          IstioFinding.LEAST_CONN,
          m.source(pointer + "/loadBalancer/simple"),
          "LEAST_CONN is deprecated (istio/api destination_rule.proto: \"Use LEAST_REQUEST"
              + " instead\"); Istio balances it as LEAST_REQUEST.");
    }
    JsonNode cookie = lb.path("consistentHash").path("httpCookie");
    String cookieAt = pointer + "/loadBalancer/consistentHash/httpCookie";
    if (cookie.isObject()) {
      if (!cookie.hasNonNull("ttl")) {
        // envoy source/common/http/hash_policy.cc CookieHashMethod makes a cookie only when the
        // policy has a ttl; istio/istio 1.30.3 route.go consistentHashToHashPolicy passes a
        // missing ttl on as nil (audit P6).
        out.report(
            m,
            IstioFinding.COOKIE_NO_TTL,
            m.source(cookieAt),
            "httpCookie "
                + cookie.path("name").asText("")
                + " has no ttl, so Envoy never sets the cookie: only clients that already send"
                + " it are pinned, every other request is balanced without affinity.");
      }
      if (cookie.has("attributes") && !version.isAtLeast(DestinationRules.COOKIE_ATTRIBUTES)) {
        out.report(
            m,
            IstioFinding.COOKIE_ATTRIBUTES_RELEASE,
            m.source(cookieAt + "/attributes"),
            "httpCookie.attributes needs Istio "
                + DestinationRules.COOKIE_ATTRIBUTES
                + " or newer (reading for "
                + version
                + "): the "
                + version
                + " CRD has no such field, so the API server drops it and the cookie gets no"
                + " Secure or SameSite.");
      }
    }
    JsonNode outlier = policy.path("outlierDetection");
    if (outlier.has("consecutiveErrors")) {
      // istio/api 1.30.3 destination_rule.proto OutlierDetection: "int32 consecutive_errors = 1
      // [deprecated = true]" ($hide_from_docs); istio/istio 1.30.3 cluster_traffic_policy.go
      // applyOutlierDetection reads only consecutive5xxErrors and consecutiveGatewayErrors.
      out.report(
          m,
          IstioFinding.CONSECUTIVE_ERRORS,
          m.source(pointer + "/outlierDetection/consecutiveErrors"),
          "consecutiveErrors is deprecated and Istio no longer reads it: the pod is ejected"
              + " after Envoy's default of 5 consecutive 5xx answers instead.");
    }
    JsonNode gateway = outlier.get("consecutiveGatewayErrors");
    if (gateway != null && gateway.isIntegralNumber() && !outlier.has("consecutive5xxErrors")) {
      // istio/api 1.30.3 destination_rule.proto OutlierDetection.consecutive5xxErrors: "defaults to
      // 5"; "if the value of consecutiveGatewayErrors is greater than or equal to the value of
      // consecutive5xxErrors, consecutiveGatewayErrors will have no effect"; Istio copies only the
      // fields that are set (applyOutlierDetection), so Envoy's default of 5 applies (audit P7).
      int n = gateway.asInt();
      out.report(
          m,
          IstioFinding.OUTLIER_5XX_DEFAULT,
          m.source(pointer + "/outlierDetection/consecutiveGatewayErrors"),
          n == 0
              ? "consecutiveGatewayErrors 0 turns ejection on gateway errors off, but without"
                  + " consecutive5xxErrors its default of 5 applies: 5 consecutive 5xx answers of"
                  + " any kind (500 included) eject the pod."
              : n >= 5
                  ? "consecutiveGatewayErrors "
                      + n
                      + " has no effect: without consecutive5xxErrors its default of 5 applies, and"
                      + " 5 consecutive 5xx answers (gateway errors included) eject the pod first."
                  : "without consecutive5xxErrors its default of 5 applies too: besides "
                      + n
                      + " consecutive gateway errors, 5 consecutive 5xx answers of any kind (500"
                      + " included) eject the pod.");
    }
    JsonNode tls = policy.path("tls");
    String mode = tls.path("mode").asText("");
    if ((mode.equals("SIMPLE") || mode.equals("MUTUAL"))
        && !tls.path("sni").asText("").isEmpty()
        && tls.path("subjectAltNames").isEmpty()
        && !tls.path("insecureSkipVerify").asBoolean(false)) {
      // istio/istio 1.30.3 pilot/pkg/networking/core/cluster_tls.go setAutoSniAndAutoSanValidation:
      // auto SAN validation only "if auto_sni is set and there are no explicit SANs"; with sni set
      // and no subjectAltNames Envoy checks the chain, not the name (audit P13).
      out.report(
          m,
          IstioFinding.TLS_NO_SAN,
          m.source(pointer + "/tls/sni"),
          "tls "
              + mode
              + " sets sni "
              + tls.path("sni").asText()
              + " without subjectAltNames: Istio then validates no name, so any certificate the"
              + " CA signed is accepted for this backend.");
    }
  }

  /** The rules in input order. */
  List<Rule> rules() {
    return rules;
  }
}
