package dev.wsingress.istio;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsingress.Manifest;
import dev.wsingress.Manifests;
import dev.wsingress.Setting;
import dev.wsingress.Tls;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Istio Gateways as the reader needs them: which Gateway a VirtualService's {@code gateways} entry
 * names, which of the VirtualService's hosts its HTTP servers serve, and the TLS a host gets there.
 */
final class GatewayReader {
  private GatewayReader() {}

  /** The reserved gateway name of the sidecars (istio/api 1.30.3 virtual_service.proto). */
  static final String MESH = "mesh";

  /** One server of a Gateway that routes HTTP. */
  record Server(Manifest gateway, String pointer, List<String> hosts, boolean tls, int port) {}

  /** A VirtualService host a Gateway serves, with the TLS it gets there. */
  record Served(String host, Optional<Setting<Tls>> tls, int port) {}

  /**
   * A {@code gateways} entry as {@code namespace/name}: istio/istio 1.30.3
   * pilot/pkg/model/config.go resolveGatewayName — {@code ns/name} as written ({@code ./name} in
   * the VirtualService's namespace), a name without a dot in the VirtualService's namespace, and
   * the legacy {@code name.ns.svc.cluster.local} as {@code ns/name}.
   */
  static String resolve(String ref, String namespace) {
    int slash = ref.indexOf('/');
    if (slash >= 0) {
      return ref.startsWith("./") ? namespace + "/" + ref.substring(2) : ref;
    }
    int dot = ref.indexOf('.');
    if (dot < 0) {
      return namespace + "/" + ref;
    }
    int next = ref.indexOf('.', dot + 1);
    String ns = next < 0 ? ref.substring(dot + 1) : ref.substring(dot + 1, next);
    return ns + "/" + ref.substring(0, dot);
  }

  /** The Gateway {@code namespace/name} names, if the input has it. */
  static Optional<Manifest> find(Manifests in, String resolved) {
    int slash = resolved.indexOf('/');
    return in.find(
        "networking.istio.io",
        "Gateway",
        resolved.substring(0, slash),
        resolved.substring(slash + 1));
  }

  /**
   * The servers that route HTTP: protocol HTTP, HTTP2 or GRPC, or HTTPS that terminates TLS (a
   * {@code PASSTHROUGH} or {@code AUTO_PASSTHROUGH} server forwards TLS untouched, and its routes
   * are {@code tls[]}, istio/api 1.30.3 gateway.proto ServerTLSSettings.TLSmode).
   */
  static List<Server> servers(Manifest gateway) {
    List<Server> out = new ArrayList<>();
    JsonNode servers = gateway.tree().path("spec").path("servers");
    for (int i = 0; i < servers.size(); i++) {
      JsonNode s = servers.get(i);
      String protocol = s.path("port").path("protocol").asText("").toUpperCase(Locale.ROOT);
      String mode = s.path("tls").path("mode").asText("");
      boolean tls = protocol.equals("HTTPS");
      boolean http =
          protocol.equals("HTTP")
              || protocol.equals("HTTP2")
              || protocol.equals("GRPC")
              || (tls && !mode.equals("PASSTHROUGH") && !mode.equals("AUTO_PASSTHROUGH"));
      if (!http) {
        continue;
      }
      List<String> hosts = new ArrayList<>();
      s.path("hosts").forEach(h -> hosts.add(h.asText()));
      out.add(
          new Server(
              gateway, "/spec/servers/" + i, hosts, tls, s.path("port").path("number").asInt(0)));
    }
    return out;
  }

  /**
   * The hosts the Gateway serves for a VirtualService in {@code vsNamespace} with these (resolved)
   * hosts, each with its TLS. A server host is {@code [namespace/]dnsName}: {@code ./} is the
   * Gateway's namespace, {@code *}{@code /} any namespace, no namespace any namespace (istio/api
   * 1.30.3 gateway.proto Server.hosts; istio/istio 1.30.3 pilot/pkg/model/gateway.go
   * sanitizeServerHostNamespace, pkg/config/host/names.go NamesForNamespace). The hosts served are
   * the intersection of the server's and the VirtualService's (istio/istio 1.30.3
   * pilot/pkg/networking/core/gateway.go buildGatewayHTTPRouteConfig: {@code
   * serverHosts.Intersection(virtualServiceHosts)}, names.go Intersection): of two names that match
   * the one that is a subset of the other ({@link #subsetOf}), so a VirtualService for {@code *} on
   * a server for {@code chat.example.com} serves {@code chat.example.com} only. TLS: an HTTPS
   * server that terminates with a {@code credentialName}, redirected when an HTTP server for the
   * host has {@code tls.httpsRedirect} (gateway.proto ServerTLSSettings.httpsRedirect: "send a 301
   * redirect for all http connections").
   */
  static List<Served> serve(
      Manifest gateway, List<Server> servers, List<String> vsHosts, String vsNamespace) {
    List<Served> out = new ArrayList<>();
    List<String> emitted = new ArrayList<>();
    for (String h : vsHosts) {
      Server plain = null;
      Server https = null;
      boolean redirect = false;
      boolean self = false;
      List<String> narrower = new ArrayList<>();
      for (Server s : servers) {
        boolean covers = false;
        for (String name : names(s, gateway.namespace(), vsNamespace)) {
          if (subsetOf(h, name)) {
            covers = true;
            self = true;
          } else if (subsetOf(name, h)) {
            covers = true;
            if (!narrower.contains(name) && !vsHosts.contains(name)) {
              narrower.add(name); // a VirtualService host of its own is read in its own turn
            }
          }
        }
        if (!covers) {
          continue;
        }
        JsonNode node = gateway.tree().at(s.pointer());
        if (s.tls()) {
          if (https == null && node.path("tls").hasNonNull("credentialName")) {
            https = s;
          }
        } else {
          if (plain == null) {
            plain = s;
          }
          redirect |= node.path("tls").path("httpsRedirect").asBoolean(false);
        }
      }
      if (!self && narrower.isEmpty()) {
        continue;
      }
      // 443 with only HTTPS servers without a credentialName (a certificate file of the gateway's
      // own).
      int port = plain != null ? plain.port() : https != null ? https.port() : 443;
      List<String> served = new ArrayList<>();
      if (self) {
        served.add(h);
      }
      served.addAll(narrower);
      for (String name : served) {
        if (!emitted.contains(name)) {
          emitted.add(name);
          out.add(new Served(name, tls(gateway, servers, name, vsNamespace, redirect), port));
        }
      }
    }
    return out;
  }

  /** The server's host names that a VirtualService in {@code vsNamespace} may bind. */
  private static List<String> names(Server s, String gatewayNs, String vsNamespace) {
    List<String> out = new ArrayList<>();
    for (String raw : s.hosts()) {
      int slash = raw.indexOf('/');
      if (slash >= 0) {
        String ns = raw.substring(0, slash);
        boolean nsOk =
            ns.equals("*")
                || (ns.equals(".") ? sameNs(gatewayNs, vsNamespace) : sameNs(ns, vsNamespace));
        if (!nsOk) {
          continue;
        }
        out.add(raw.substring(slash + 1));
      } else {
        out.add(raw);
      }
    }
    return out;
  }

  /**
   * The TLS a served name gets: from the HTTPS server whose hosts cover it ({@link #subsetOf}) most
   * specifically, as Envoy picks the filter chain. Istio gives a server's hosts to its filter chain
   * as server names, none for a host {@code *} (istio/istio 1.30.3 pilot/pkg/model/gateway.go
   * GetSNIHostsForServer, pilot/pkg/networking/core/listener.go: {@code fullWildcardFound}), and
   * Envoy matches an SNI name against each wildcard suffix, the most specific match first ("will be
   * first matched against www.example.com, then *.example.com, then *.com", envoyproxy/go-
   * control-plane envoy/v1.39.0 envoy/config/listener/v3/listener_components.pb.go
   * FilterChainMatch.ServerNames), a chain without server names last. So a wildcard VirtualService
   * host broader than the server's ({@code *.example.com} on a server for {@code a.example.com})
   * gets TLS for that one name only, served as the narrower name; and when the most specific server
   * has no {@code credentialName} (a certificate file of the gateway's own), no Secret is known.
   */
  private static Optional<Setting<Tls>> tls(
      Manifest gateway, List<Server> servers, String name, String vsNamespace, boolean redirect) {
    Server chosen = null;
    int chosenRank = -1;
    for (Server s : servers) {
      if (!s.tls()) {
        continue;
      }
      for (String n : names(s, gateway.namespace(), vsNamespace)) {
        int rank = !subsetOf(name, n) ? -1 : !n.startsWith("*") ? Integer.MAX_VALUE : n.length();
        if (rank > chosenRank) {
          chosen = s;
          chosenRank = rank;
        }
      }
    }
    if (chosen == null
        || !gateway.tree().at(chosen.pointer()).path("tls").hasNonNull("credentialName")) {
      return Optional.empty();
    }
    String pointer = chosen.pointer() + "/tls/credentialName";
    String secret = gateway.tree().at(pointer).asText();
    // The certificate's hosts: the HTTPS server's, in the order it lists them (Gateways writes the
    // spec's TLS hosts there), without their namespace part.
    List<String> hosts = new ArrayList<>();
    for (String raw : chosen.hosts()) {
      hosts.add(raw.substring(raw.indexOf('/') + 1));
    }
    return Optional.of(
        Setting.of(
            Tls.secret(secret).redirect(redirect).hosts(hosts.toArray(new String[0])),
            gateway.source(pointer)));
  }

  /**
   * Whether the wildcard server name {@code tlsHost} covers every name of the other {@code host}
   * ({@link #subsetOf}), so that Envoy terminates TLS for it with the server's certificate.
   */
  static boolean sniCovers(String tlsHost, String host) {
    return tlsHost.startsWith("*") && !tlsHost.equals(host) && subsetOf(host, tlsHost);
  }

  private static boolean sameNs(String a, String b) {
    return Manifests.sameNamespace(a, b);
  }

  /**
   * istio/istio 1.30.3 pkg/config/host/name.go Name.Matches: either may be a wildcard; the names
   * are compared as written (case-sensitively: Istio lowercases only the Envoy domain it builds
   * from the match, pilot/pkg/networking/core/gateway.go, and its validation allows capitals,
   * pkg/config/labels/instance.go dns1123LabelFmt).
   */
  static boolean matches(String a, String b) {
    return subsetOf(a, b) || subsetOf(b, a);
  }

  /**
   * istio/istio 1.30.3 pkg/config/host/name.go Name.SubsetOf: {@code n} is covered by {@code o}.
   */
  static boolean subsetOf(String n, String o) {
    boolean nWild = n.startsWith("*");
    boolean oWild = o.startsWith("*");
    if (nWild) {
      return oWild && n.length() >= o.length() && n.substring(1).endsWith(o.substring(1));
    }
    if (oWild) {
      return n.endsWith(o.substring(1));
    }
    return n.equals(o);
  }
}
