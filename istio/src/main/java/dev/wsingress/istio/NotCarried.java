package dev.wsingress.istio;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsingress.Manifest;
import dev.wsingress.Manifests;
import dev.wsingress.Reading;
import java.util.List;
import java.util.Set;

/**
 * For the converter: every field of a Gateway, VirtualService or DestinationRule that Istio applies
 * and the spec cannot hold, as {@link Reading#notCarried} with its line (the doctor does not report
 * these). Fields are named as istio/api 1.30.3 networking/v1alpha3 ({@code gateway.proto}, {@code
 * virtual_service.proto}, {@code destination_rule.proto}) names them. What wsingress writes itself
 * is carried or implied and not reported: uri matches, one destination with its port and the subset
 * {@value Backends#WEBSOCKET_SUBSET}, {@code rewrite.uri}, {@code timeout}, {@code corsPolicy};
 * {@code connectionPool} connect and idle timeouts and {@code h2UpgradePolicy: DO_NOT_UPGRADE};
 * {@code LEAST_REQUEST} or a consistent hash; outlier detection as {@link Istio#outlierLimits}
 * writes it; TLS origination ({@code SIMPLE}, {@code credentialName}, {@code sni} and {@code
 * subjectAltNames} naming the rule's host); the Gateway's servers on 80 and 443.
 */
final class NotCarried {
  private NotCarried() {}

  private static final String NO_MATCH =
      "the spec's routes match the host and the path only, so the converted route takes every"
          + " request for its path";

  /** HTTPRoute fields (virtual_service.proto HTTPRoute) the spec has nothing for. */
  private static final List<String[]> ENTRY =
      List.of(
          new String[] {"retries", "the spec has no retry policy (Istio's default applies)"},
          new String[] {"fault", "the spec injects no faults"},
          new String[] {"mirror", "the spec mirrors no traffic"},
          new String[] {"mirrors", "the spec mirrors no traffic"},
          new String[] {"mirrorPercentage", "the spec mirrors no traffic"},
          new String[] {"headers", "the spec sets no request or response headers"},
          new String[] {"redirect", "the spec's routes send to a Service, they do not redirect"},
          new String[] {"directResponse", "the spec's routes send to a Service"},
          new String[] {"delegate", "the spec has no delegated VirtualServices"});

  /** HTTPMatchRequest conditions beside the uri. */
  private static final List<String> CONDITIONS =
      List.of(
          "headers",
          "withoutHeaders",
          "queryParams",
          "method",
          "authority",
          "scheme",
          "port",
          "sourceLabels",
          "sourceNamespace");

  static void report(Manifests in, Reading out) {
    for (Manifest vs : in.objects("networking.istio.io", "VirtualService")) {
      virtualService(vs, out);
    }
    for (Manifest dr : in.objects("networking.istio.io", "DestinationRule")) {
      destinationRule(dr, out);
    }
    for (Manifest gw : in.objects("networking.istio.io", "Gateway")) {
      gateway(gw, out);
    }
  }

  private static void virtualService(Manifest vs, Reading out) {
    JsonNode spec = vs.tree().path("spec");
    set(vs, spec, "/spec", "exportTo", "the spec has no visibility across namespaces", out);
    set(vs, spec, "/spec", "tcp", "the spec routes HTTP only", out);
    set(
        vs,
        spec,
        "/spec",
        "tls",
        "the spec routes HTTP only (these are TLS passthrough routes)",
        out);
    JsonNode http = spec.path("http");
    for (int i = 0; i < http.size(); i++) {
      JsonNode e = http.get(i);
      String at = "/spec/http/" + i;
      for (String[] f : ENTRY) {
        set(vs, e, at, f[0], f[1], out);
      }
      set(
          vs,
          e.path("rewrite"),
          at + "/rewrite",
          "authority",
          "the spec rewrites the path prefix only",
          out);
      JsonNode matches = e.path("match");
      for (int j = 0; j < matches.size(); j++) {
        JsonNode m = matches.get(j);
        for (String c : CONDITIONS) {
          if (c.equals("headers") && onlyUpgrade(m.path("headers"))) {
            continue; // Upgrade: websocket is what a WebSocket route takes anyway
          }
          set(vs, m, at + "/match/" + j, c, NO_MATCH, out);
        }
      }
      JsonNode routes = e.path("route");
      for (int k = 0; k < routes.size(); k++) {
        set(
            vs,
            routes.get(k),
            at + "/route/" + k,
            "headers",
            "the spec sets no request or response headers",
            out);
      }
    }
  }

  private static boolean onlyUpgrade(JsonNode headers) {
    return headers.size() == 1 && (headers.has("upgrade") || headers.has("Upgrade"));
  }

  private static void destinationRule(Manifest dr, Reading out) {
    JsonNode spec = dr.tree().path("spec");
    set(dr, spec, "/spec", "exportTo", "the spec has no visibility across namespaces", out);
    set(
        dr,
        spec,
        "/spec",
        "workloadSelector",
        "the spec's settings apply to every proxy that routes to the Service",
        out);
    String host = Backends.resolve(spec.path("host").asText(""), dr.namespace());
    policy(dr, spec.path("trafficPolicy"), "/spec/trafficPolicy", host, out);
    JsonNode subsets = spec.path("subsets");
    for (int i = 0; i < subsets.size(); i++) {
      JsonNode s = subsets.get(i);
      String at = "/spec/subsets/" + i;
      JsonNode labels = s.path("labels");
      if (labels.isObject() && !labels.isEmpty()) {
        out.notCarried(
            dr,
            "subset " + s.path("name").asText("") + " (its labels)",
            dr.source(at + "/labels"),
            "the spec sends a route to a whole Service, not to the pods a subset selects");
      }
      policy(dr, s.path("trafficPolicy"), at + "/trafficPolicy", host, out);
    }
  }

  private static void policy(Manifest dr, JsonNode p, String at, String host, Reading out) {
    if (!p.isObject()) {
      return;
    }
    for (String f : new String[] {"tunnel", "proxyProtocol", "retryBudget"}) {
      set(dr, p, at, f, "the spec has no such setting", out);
    }
    JsonNode lb = p.path("loadBalancer");
    String lbAt = at + "/loadBalancer";
    String simple = lb.path("simple").asText("");
    if (!simple.isEmpty() && !simple.equals("LEAST_REQUEST") && !simple.equals("LEAST_CONN")) {
      out.notCarried(
          dr,
          "loadBalancer.simple " + simple,
          dr.source(lbAt + "/simple"),
          "the spec has no balancing algorithm; wsingress balances WebSocket routes by least"
              + " requests (each open socket is one) and leaves plain routes to the target's"
              + " default");
    }
    for (String f : new String[] {"localityLbSetting", "warmup", "warmupDurationSecs"}) {
      set(dr, lb, lbAt, f, "the spec has no locality or warm-up balancing", out);
    }
    JsonNode hash = lb.path("consistentHash");
    for (String f :
        new String[] {"httpQueryParameterName", "minimumRingSize", "ringHash", "maglev"}) {
      set(
          dr,
          hash,
          lbAt + "/consistentHash",
          f,
          "the spec's sticky sessions hash a cookie, a header or the client address",
          out);
    }
    JsonNode pool = p.path("connectionPool");
    String poolAt = at + "/connectionPool";
    for (String f : new String[] {"maxConnections", "tcpKeepalive", "maxConnectionDuration"}) {
      set(dr, pool.path("tcp"), poolAt + "/tcp", f, "the spec has no such connection setting", out);
    }
    JsonNode httpIdle = pool.path("http").path("idleTimeout");
    JsonNode tcpIdle = pool.path("tcp").path("idleTimeout");
    if (httpIdle.isTextual() && tcpIdle.isTextual() && !httpIdle.equals(tcpIdle)) {
      out.notCarried(
          dr,
          "connectionPool.tcp.idleTimeout " + tcpIdle.asText(),
          dr.source(poolAt + "/tcp/idleTimeout"),
          "the spec has one idle timeout, carried from http.idleTimeout "
              + httpIdle.asText()
              + ", which Istio applies first");
    }
    for (String f :
        new String[] {
          "http1MaxPendingRequests",
          "http2MaxRequests",
          "maxRequestsPerConnection",
          "maxRetries",
          "useClientProtocol",
          "maxConcurrentStreams"
        }) {
      set(
          dr,
          pool.path("http"),
          poolAt + "/http",
          f,
          "the spec has no such connection pool setting",
          out);
    }
    if (pool.path("http").path("h2UpgradePolicy").asText("").equals("UPGRADE")) {
      out.notCarried(
          dr,
          "connectionPool.http.h2UpgradePolicy UPGRADE",
          dr.source(poolAt + "/http/h2UpgradePolicy"),
          "the converted app keeps the hop to the pods HTTP/1.1, which a WebSocket upgrade needs");
    }
    JsonNode outlier = p.path("outlierDetection");
    if (outlier.isObject() && !writersOutlier(outlier)) {
      out.notCarried(
          dr,
          "outlierDetection",
          dr.source(at + "/outlierDetection"),
          "passive ejection is no health check the spec holds (it probes a path); only"
              + " maxEjectionPercent and minHealthPercent, as Istio.outlierLimits writes them,"
              + " are carried");
    }
    JsonNode tls = p.path("tls");
    String tlsAt = at + "/tls";
    String mode = tls.path("mode").asText("");
    if (mode.equals("MUTUAL")) {
      out.notCarried(
          dr,
          "tls.mode MUTUAL",
          dr.source(tlsAt + "/mode"),
          "the spec's HTTPS backends verify the pods with a CA; it presents no client certificate");
    }
    for (String f :
        new String[] {
          "caCertificates", "clientCertificate", "privateKey", "caCrl", "insecureSkipVerify"
        }) {
      set(dr, tls, tlsAt, f, "the spec names the backend's CA by a Secret only", out);
    }
    if (mode.equals("SIMPLE") || mode.equals("MUTUAL")) {
      if (tls.path("sni").isTextual() && !tls.path("sni").asText().equals(host)) {
        out.notCarried(
            dr,
            "tls.sni " + tls.path("sni").asText(),
            dr.source(tlsAt + "/sni"),
            "wsingress sends the Service's name " + host + " as the SNI");
      }
      JsonNode sans = tls.path("subjectAltNames");
      if (sans.isArray() && !(sans.size() == 1 && sans.get(0).asText().equals(host))) {
        out.notCarried(
            dr,
            "tls.subjectAltNames",
            dr.source(tlsAt + "/subjectAltNames"),
            "wsingress checks the backend's certificate for the Service's name " + host);
      }
    }
  }

  /**
   * Whether outlier detection is as {@link Istio#outlierLimits} writes it without a health check: 5
   * gateway errors, no 5xx ejection, every 10 s, 30 s ejections, and at most the two limits.
   */
  private static boolean writersOutlier(JsonNode o) {
    Set<String> allowed =
        Set.of(
            "consecutiveGatewayErrors",
            "consecutive5xxErrors",
            "interval",
            "baseEjectionTime",
            "maxEjectionPercent",
            "minHealthPercent");
    for (java.util.Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
      if (!allowed.contains(it.next())) {
        return false;
      }
    }
    return o.path("consecutiveGatewayErrors").asInt(-1) == 5
        && o.path("consecutive5xxErrors").asInt(-1) == 0
        && o.path("interval").asText("").equals("10s")
        && o.path("baseEjectionTime").asText("").equals("30s")
        && o.has("maxEjectionPercent");
  }

  private static void gateway(Manifest gw, Reading out) {
    JsonNode servers = gw.tree().path("spec").path("servers");
    for (int i = 0; i < servers.size(); i++) {
      JsonNode s = servers.get(i);
      String at = "/spec/servers/" + i;
      long port = s.path("port").path("number").asLong(0);
      String protocol = s.path("port").path("protocol").asText("");
      if (!(port == 80 && protocol.equalsIgnoreCase("HTTP"))
          && !(port == 443 && protocol.equalsIgnoreCase("HTTPS"))) {
        out.notCarried(
            gw,
            "server " + protocol + " on port " + port,
            gw.source(at + "/port"),
            "a rendered Gateway serves HTTP on 80 and HTTPS on 443");
      }
      JsonNode tls = s.path("tls");
      String mode = tls.path("mode").asText("");
      if (!mode.isEmpty() && !mode.equals("SIMPLE")) {
        out.notCarried(
            gw,
            "tls.mode " + mode,
            gw.source(at + "/tls/mode"),
            "the spec terminates TLS with a certificate Secret (SIMPLE)");
      }
      for (String f :
          new String[] {
            "minProtocolVersion",
            "maxProtocolVersion",
            "cipherSuites",
            "subjectAltNames",
            "verifyCertificateSpki",
            "verifyCertificateHash",
            "caCertificates",
            "serverCertificate",
            "privateKey"
          }) {
        set(gw, tls, at + "/tls", f, "the spec's TLS is a certificate Secret only", out);
      }
    }
    JsonNode selector = gw.tree().path("spec").path("selector");
    if (selector.size() > 1) {
      out.notCarried(
          gw,
          "selector with " + selector.size() + " labels",
          gw.source("/spec/selector"),
          "Istio.gatewaySelector takes one label; the target keeps istio: ingressgateway");
    }
  }

  private static void set(
      Manifest m, JsonNode parent, String at, String field, String why, Reading out) {
    JsonNode v = parent.get(field);
    if (v == null || v.isNull() || (v.isContainerNode() && v.isEmpty())) {
      return;
    }
    String name = at.replaceAll("/\\d+", "").replaceFirst("^/spec/?", "").replace('/', '.');
    out.notCarried(m, (name.isEmpty() ? "" : name + ".") + field, m.source(at + "/" + field), why);
  }
}
