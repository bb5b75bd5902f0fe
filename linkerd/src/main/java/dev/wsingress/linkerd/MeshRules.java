package dev.wsingress.linkerd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsingress.BackendProtocol;
import dev.wsingress.Manifest;
import dev.wsingress.Manifests;
import dev.wsingress.Reading;
import dev.wsingress.ServedBackend;
import dev.wsingress.ServedRoute;
import dev.wsingress.Source;
import dev.wsingress.Version;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Linkerd's rules over the WebSocket routes every target read: what the mesh does to the traffic an
 * ingress controller sends to meshed pods. Each rule cites what it rests on.
 */
final class MeshRules {
  private static final java.util.regex.Pattern PORT = java.util.regex.Pattern.compile("[0-9]{1,5}");
  private static final java.util.regex.Pattern PORT_RANGE =
      java.util.regex.Pattern.compile("[0-9]{1,5}-[0-9]{1,5}");

  private MeshRules() {}

  /**
   * linkerd2 version-2.18: every meshed client connects to the proxy's inbound port
   * (controller/api/destination/endpoint_translator.go hints OpaqueTransport for every meshed
   * endpoint; see {@link Linkerd#contribute}); before, only opaque ports go there.
   */
  static final Version INBOUND_PORT_ALWAYS = Version.of(2, 18);

  /**
   * linkerd2 version-2.16 .. version-2.20 charts/linkerd-control-plane/values.yaml
   * proxy.opaquePorts: the ports that are opaque without an annotation.
   */
  static final String DEFAULT_OPAQUE_PORTS = "25,587,3306,4444,5432,6379,9300,11211";

  /** A pod port: its number and, when the container names it, its name. */
  record PodPort(int number, String name) {}

  static void judge(Version version, Manifests in, List<ServedRoute> routes, Reading out) {
    Policies policies = null;
    IngressClients clients = null;
    Set<String> once = new HashSet<>();
    // Whether each workload is meshed, read once: every route to its Services asks.
    Map<Manifest, PodAnnotations.Meshed> meshedOf = new IdentityHashMap<>();
    for (ServedRoute r : routes) {
      if (!r.isWebSocket()) {
        continue;
      }
      for (ServedBackend b : r.backends()) {
        if (b.servicePort().isEmpty() || b.workloads().isEmpty()) {
          continue;
        }
        for (Manifest w : b.workloads()) {
          PodAnnotations.Meshed meshed =
              meshedOf.computeIfAbsent(w, x -> PodAnnotations.meshed(in, x));
          if (meshed == PodAnnotations.Meshed.NO) {
            continue;
          }
          PodPort port = podPort(w, b.servicePort().get());
          if (port == null) {
            continue; // core's CORE-TARGET-PORT-UNKNOWN says why
          }
          if (meshed == PodAnnotations.Meshed.YES
              && PodAnnotations.skippedInbound(in, w, port.number())) {
            // The proxy never sees the port: linkerd2 version-2.20 pkg/inject/inject.go passes
            // config.linkerd.io/skip-inbound-ports to proxy-init, whose iptables rules let the
            // port's connections bypass the proxy, and controller/api/destination/
            // endpoint_translator.go gives meshed clients no identity or opaque transport for it,
            // so no Server, default policy or proxy drain touches the WebSocket.
            continue;
          }
          if (policies == null) {
            policies = Policies.of(in);
            clients = new IngressClients(in);
          }
          Policies.ServerPolicy server = null;
          for (Policies.ServerPolicy s : policies.serversSelecting(w)) {
            if (s.selects(w) && s.onPort(port.number(), port.name())) {
              server = s;
              break;
            }
          }
          boolean tls = tls(r, b);
          if (server != null) {
            serverRules(version, in, r, b, w, port, server, tls, clients, once, out);
          } else {
            defaultPolicy(in, r, w, port, clients, once, out);
          }
          if (meshed == PodAnnotations.Meshed.YES) {
            proxyPort(version, in, r, w, port, server, once, out);
            drain(version, in, w, once, out);
          }
        }
      }
    }
  }

  /** Whether the proxy reaches the pods over TLS: the route says HTTPS, or the port wss. */
  private static boolean tls(ServedRoute r, ServedBackend b) {
    if (r.backendProtocol().isPresent()
        && r.backendProtocol().get().value() == BackendProtocol.HTTPS) {
      return true;
    }
    // k8s.io/api v0.34.0 core/v1/types.go ServicePort.appProtocol: kubernetes.io/wss is
    // "WebSocket over TLS".
    return b.appProtocol().map(p -> p.equals("kubernetes.io/wss")).orElse(false);
  }

  /**
   * The pod port a Service port's targetPort names: a number (the Service port's own when unset),
   * or the name of a container port (kubernetes pkg/api/v1/pod/util.go FindPort).
   */
  static PodPort podPort(Manifest w, JsonNode servicePort) {
    JsonNode target = servicePort.get("targetPort");
    if (target == null || target.isNull()) {
      target = servicePort.path("port");
    }
    JsonNode containers = w.podTemplate().orElseThrow().path("spec").path("containers");
    if (target.isIntegralNumber()) {
      int n = target.asInt();
      for (JsonNode c : containers) {
        for (JsonNode p : c.path("ports")) {
          if (p.path("containerPort").asInt(-1) == n) {
            return new PodPort(n, p.path("name").asText(null));
          }
        }
      }
      return new PodPort(n, null);
    }
    if (target.isTextual()) {
      String name = target.asText();
      if (PORT.matcher(name).matches()) {
        return new PodPort(Integer.parseInt(name), null);
      }
      for (JsonNode c : containers) {
        for (JsonNode p : c.path("ports")) {
          if (name.equals(p.path("name").asText(null))) {
            return new PodPort(p.path("containerPort").asInt(), name);
          }
        }
      }
    }
    return null;
  }

  private static String route(ServedRoute r) {
    return "the WebSocket route "
        + (r.host().isEmpty() ? "*" : r.host())
        + r.path()
        + " ("
        + r.source()
        + ")";
  }

  private static String pods(Manifest w, PodPort port) {
    return "the pods of " + w.subject() + " on port " + port.number();
  }

  private static void serverRules(
      Version version,
      Manifests in,
      ServedRoute r,
      ServedBackend b,
      Manifest w,
      PodPort port,
      Policies.ServerPolicy s,
      boolean tls,
      IngressClients clients,
      Set<String> once,
      Reading out) {
    String protocol = s.protocol;
    boolean http =
        protocol.equals("HTTP/1") || protocol.equals("HTTP/2") || protocol.equals("gRPC");
    if (tls && http) {
      if (once.add("tls " + s.object.source())) {
        // linkerd2-proxy release/v2.246.0 .. release/v2.359.0 linkerd/app/inbound/src/detect.rs:
        // an HTTP hint skips detection (or, for meshed clients, finds no HTTP), and
        // policy/tcp.rs check_authorized carries TCP authorizations only for Detect, Tls and
        // Opaque; linkerd2#9999 "proxyProtocol: HTTP/1 no longer works for vanilla HTTPS".
        out.report(
            s.object,
            LinkerdFinding.PROXY_PROTOCOL_TLS,
            s.object.source("/spec/proxyProtocol"),
            s.describe()
                + " declares proxyProtocol "
                + protocol
                + " for "
                + pods(w, port)
                + ", but "
                + route(r)
                + " reaches them over TLS: the proxy cannot read the TLS stream as HTTP, and an"
                + " HTTP Server authorizes no TCP connection, so every connection is refused.");
      }
      return;
    }
    if (!tls && (protocol.equals("HTTP/2") || protocol.equals("gRPC"))) {
      if (once.add("h2 " + s.object.source())) {
        // detect.rs: an HTTP/2 or gRPC hint serves the port as HTTP/2 without detection.
        out.report(
            s.object,
            LinkerdFinding.PROXY_PROTOCOL_H2,
            s.object.source("/spec/proxyProtocol"),
            s.describe()
                + " declares proxyProtocol "
                + protocol
                + " for "
                + pods(w, port)
                + ": the proxy serves the port as HTTP/2 without detecting the protocol, and the"
                + " WebSocket handshake of "
                + route(r)
                + " is an HTTP/1.1 Upgrade request, which it cannot read.");
      }
      return;
    }
    if (!http && !tls && (!s.routes.isEmpty() || s.grants.stream().anyMatch(g -> g.routeOnly))) {
      if (once.add("opaque " + s.object.source())) {
        // linkerd2-proxy release/v2.359.0 linkerd/proxy/server-policy/src/lib.rs: an opaque or
        // TLS Server carries only its own authorizations, no HTTP routes.
        out.report(
            s.object,
            LinkerdFinding.OPAQUE_HTTP_POLICY,
            s.object.source("/spec/proxyProtocol"),
            s.describe()
                + " declares proxyProtocol "
                + protocol
                + " for "
                + pods(w, port)
                + " behind "
                + route(r)
                + ", so the proxy forwards it as a TCP stream: the HTTPRoutes attached to it and"
                + " the authorizations that target those routes do not apply.");
      }
    }
    if (http && version.isAtLeast(Linkerd.APP_PROTOCOL_READ) && b.appProtocol().isPresent()) {
      String app = b.appProtocol().get();
      if (!app.equalsIgnoreCase("http")
          && !app.equalsIgnoreCase("kubernetes.io/h2c")
          && b.serviceObject().isPresent()
          && once.add("appProtocol " + b.serviceObject().get().source() + " " + app)) {
        Manifest svc = b.serviceObject().get();
        out.report(
            svc,
            // linkerd/linkerd2 version-2.20 policy-controller/k8s/index/src/outbound/index.rs:
            // app_protocols: "http" and "kubernetes.io/h2c" are HTTP, any other appProtocol opaque
            // (2.18 on)
            LinkerdFinding.APP_PROTOCOL_OPAQUE,
            svc.source(b.servicePort().get(), "appProtocol"),
            b.describe()
                + " has appProtocol "
                + app
                + ", which Linkerd 2.18 and newer read as opaque TCP (reading for "
                + version
                + "): meshed clients would send the socket as TCP, which "
                + s.describe()
                + "'s proxyProtocol "
                + protocol
                + " does not authorize.");
      }
    }
    for (IngressClients.Client c : clients.of(r)) {
      lockout(in, r, w, port, s, c.through(in, port.number()), once, out);
    }
  }

  private static void lockout(
      Manifests in,
      ServedRoute r,
      Manifest w,
      PodPort port,
      Policies.ServerPolicy s,
      IngressClients.Client c,
      Set<String> once,
      Reading out) {
    List<String> unknown = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    for (Policies.Grant g : s.grants) {
      if (g.routeOnly && !s.httpAware()) {
        continue; // opaque and TLS Servers carry no route authorizations
      }
      Verdict v = verdict(g, c, unknown);
      if (v == Verdict.ADMITTED) {
        return;
      }
      if (v == Verdict.REFUSED) {
        refused.add(g.source == s.object ? "accessPolicy " + s.accessPolicy : g.describe());
      }
    }
    String key = s.object.source() + " " + c.by + " " + c.namespace;
    if (!unknown.isEmpty()) {
      if (once.add("unknown " + key)) {
        out.report(
            s.object,
            LinkerdFinding.INGRESS_UNKNOWN,
            s.object.source("/spec"),
            "cannot tell whether "
                + s.describe()
                + " admits "
                + c.describe()
                + ", which sends "
                + route(r)
                + " to "
                + pods(w, port)
                + ": "
                + String.join("; ", unknown)
                + ".");
      }
      return;
    }
    if (once.add("locked " + key)) {
      // linkerd/website (93f00175) 2.19 reference/authorization-policy.md: "When a Server
      // resource is present, all traffic to the port on its pods will be denied unless
      // explicitly authorized"; features/server-policy.md: denied HTTP gets a 403.
      out.report(
          s.object,
          // linkerd/linkerd2 version-2.20 policy-controller/k8s/index/src/inbound/index.rs:
          // client_authzs and the default policy (defaults.rs) decide which clients a port admits
          LinkerdFinding.INGRESS_LOCKED_OUT,
          s.object.source("/spec"),
          s.describe()
              + " selects "
              + pods(w, port)
              + " (accessPolicy "
              + s.accessPolicy
              + "), and nothing in the input authorizes "
              + c.describe()
              + ", which sends "
              + route(r)
              + " there"
              + (refused.isEmpty()
                  ? ": no authorization names the Server"
                  : ": "
                      + String.join(", ", refused)
                      + " admit"
                      + (refused.size() == 1 ? "s" : "")
                      + " only other clients")
              + ". The proxy refuses the controller's WebSocket handshakes (HTTP 403).");
    }
  }

  enum Verdict {
    ADMITTED,
    REFUSED,
    UNKNOWN
  }

  /** Whether a grant admits the client; what is unknown is added to {@code unknown}. */
  static Verdict verdict(Policies.Grant g, IngressClients.Client c, List<String> unknown) {
    Verdict nets;
    switch (g.nets) {
      case ALL:
      case CLUSTER:
        nets = Verdict.ADMITTED;
        break;
      case SOME:
        nets = Verdict.UNKNOWN;
        break;
      default:
        nets = Verdict.UNKNOWN;
    }
    String netsWhy =
        g.nets == Policies.Grant.Nets.UNKNOWN
            ? g.describe() + " needs a NetworkAuthentication that is not in the input"
            : g.describe()
                + " admits some networks, and the controller's pod addresses are not in"
                + " the input";
    switch (g.auth) {
      case ANY:
        break;
      case MESHED:
        if (c.meshed == PodAnnotations.Meshed.NO) {
          return Verdict.REFUSED;
        }
        break;
      case IDENTITIES:
        if (!c.known()) {
          unknown.add(
              "the "
                  + c.by
                  + " target does not say which ServiceAccount its proxy runs as, and "
                  + g.describe()
                  + " admits only mesh identities");
          return Verdict.UNKNOWN;
        }
        boolean match = false;
        for (String id : g.identities) {
          for (String a : c.accounts) {
            match |= Policies.admits(id, a, c.namespace);
          }
        }
        if (!match || c.meshed == PodAnnotations.Meshed.NO) {
          return Verdict.REFUSED;
        }
        break;
      default:
        unknown.add(g.describe() + " needs a MeshTLSAuthentication that is not in the input");
        return Verdict.UNKNOWN;
    }
    if (nets == Verdict.UNKNOWN) {
      unknown.add(netsWhy);
    }
    return nets;
  }

  /**
   * Pods that no Server selects on the port get the default inbound policy: {@code
   * config.linkerd.io/default-inbound-policy} on the pod template or the namespace (else the
   * installation's proxy.defaultInboundPolicy, all-unauthenticated, which the input does not show).
   */
  private static void defaultPolicy(
      Manifests in,
      ServedRoute r,
      Manifest w,
      PodPort port,
      IngressClients clients,
      Set<String> once,
      Reading out) {
    Map<String, String> a = PodAnnotations.effective(in, w);
    String policy = a.get(PodAnnotations.DEFAULT_INBOUND_POLICY);
    if (policy == null) {
      return;
    }
    boolean deny = policy.equals("deny");
    boolean meshedOnly =
        policy.equals("all-authenticated") || policy.equals("cluster-authenticated");
    if (!deny && !meshedOnly) {
      return;
    }
    for (IngressClients.Client through : clients.of(r)) {
      IngressClients.Client c = through.through(in, port.number());
      if (!deny && c.meshed != PodAnnotations.Meshed.NO) {
        continue;
      }
      if (!once.add("default " + w.source() + " " + c.by)) {
        continue;
      }
      Manifest where = policySource(in, w);
      out.report(
          w,
          // linkerd/linkerd2 version-2.20 policy-controller/k8s/index/src/inbound/index.rs:
          // client_authzs and the default policy (defaults.rs) decide which clients a port admits
          LinkerdFinding.INGRESS_LOCKED_OUT,
          where == w
              ? w.source(
                  w.podTemplate().orElseThrow().path("metadata").path("annotations"),
                  PodAnnotations.DEFAULT_INBOUND_POLICY)
              : where.annotationSource(PodAnnotations.DEFAULT_INBOUND_POLICY),
          "no Server selects "
              + pods(w, port)
              + ", so the default inbound policy "
              + policy
              + " ("
              + PodAnnotations.DEFAULT_INBOUND_POLICY
              + (where == w ? " on the pod template" : " on " + where.subject())
              + ") applies to "
              + route(r)
              + (deny
                  ? ": it refuses every client, "
                  : ": it admits only meshed clients, and the pods of ")
              + c.describe()
              + (deny
                  ? " included."
                  : c.bypassedPort > 0 ? ", connect without mTLS." : " have no Linkerd proxy.")
              + " The proxy refuses the controller's WebSocket handshakes.");
    }
  }

  private static Manifest policySource(Manifests in, Manifest w) {
    JsonNode pod = w.podTemplate().orElseThrow().path("metadata").path("annotations");
    if (pod.has(PodAnnotations.DEFAULT_INBOUND_POLICY)) {
      return w;
    }
    Manifest ns = PodAnnotations.namespace(in, w);
    return ns != null ? ns : w;
  }

  static String templatePointer(Manifest w) {
    switch (w.kind()) {
      case "Pod":
        return "";
      case "CronJob":
        return "/spec/jobTemplate/spec/template";
      default:
        return "/spec/template";
    }
  }

  /**
   * A NetworkPolicy that admits the app port but not the proxy's inbound port to meshed pods:
   * linkerd/website (93f00175) 2-edge common-errors/network-policy.md: "any NetworkPolicy which
   * blocks the Linkerd inbound port (4143) will block all meshed traffic". Since 2.18 every meshed
   * call goes there ({@link #INBOUND_PORT_ALWAYS}); before, only calls to opaque ports.
   */
  private static void proxyPort(
      Version version,
      Manifests in,
      ServedRoute r,
      Manifest w,
      PodPort port,
      Policies.ServerPolicy server,
      Set<String> once,
      Reading out) {
    if (!version.isAtLeast(INBOUND_PORT_ALWAYS) && !opaque(in, w, port, server)) {
      return;
    }
    List<Manifest> isolating = new ArrayList<>();
    boolean appPort = false;
    boolean proxy = false;
    for (Manifest p : in.networkPoliciesFor(w)) {
      JsonNode spec = p.tree().path("spec");
      if (!isolatesIngress(spec)) {
        continue;
      }
      isolating.add(p);
      for (JsonNode rule : spec.path("ingress")) {
        appPort |= admitsPort(rule, port.number(), port.name());
        proxy |= admitsPort(rule, Linkerd.PROXY_INBOUND_PORT, "linkerd-proxy");
      }
    }
    if (isolating.isEmpty() || !appPort || proxy) {
      return;
    }
    Manifest first = isolating.get(0);
    if (!once.add("4143 " + first.source() + " " + w.source())) {
      return;
    }
    List<String> names = new ArrayList<>();
    for (Manifest p : isolating) {
      names.add(p.subject());
    }
    out.report(
        first,
        // linkerd/linkerd2 version-2.20 charts/linkerd-control-plane/values.yaml:
        // proxy.ports.inbound 4143, which every meshed client connects to from 2.18
        // (controller/api/destination/endpoint_translator.go)
        LinkerdFinding.PROXY_PORT_BLOCKED,
        first.source("/spec/ingress"),
        String.join(", ", names)
            + " admit"
            + (names.size() == 1 ? "s" : "")
            + " port "
            + port.number()
            + " of "
            + w.subject()
            + "'s meshed pods but not the proxy's inbound port "
            + Linkerd.PROXY_INBOUND_PORT
            + ", where "
            + (version.isAtLeast(INBOUND_PORT_ALWAYS)
                ? "Linkerd " + version + " sends every meshed client"
                : "Linkerd " + version + " sends meshed clients of this opaque port")
            + ": a meshed ingress controller ("
            + route(r)
            + ") and every meshed caller are blocked.");
  }

  /**
   * Whether the NetworkPolicy restricts ingress: k8s.io/api v0.34.0 networking/v1/types.go
   * NetworkPolicySpec.policyTypes: when unset, every policy restricts ingress.
   */
  static boolean isolatesIngress(JsonNode spec) {
    JsonNode types = spec.get("policyTypes");
    if (types == null || !types.isArray() || types.isEmpty()) {
      return true;
    }
    for (JsonNode t : types) {
      if (t.asText().equals("Ingress")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether an ingress rule admits a TCP pod port: networking/v1/types.go NetworkPolicyIngressRule
   * ports (empty: every port), NetworkPolicyPort (protocol TCP by default; port a number or a
   * container port's name, empty for every port; endPort ends a range).
   */
  static boolean admitsPort(JsonNode rule, int number, String name) {
    JsonNode ports = rule.get("ports");
    if (ports == null || !ports.isArray() || ports.isEmpty()) {
      return true;
    }
    for (JsonNode p : ports) {
      if (!p.path("protocol").asText("TCP").equals("TCP")) {
        continue;
      }
      JsonNode port = p.get("port");
      if (port == null || port.isNull()) {
        return true;
      }
      if (port.isIntegralNumber()) {
        int from = port.asInt();
        int to = p.path("endPort").asInt(from);
        if (number >= from && number <= to) {
          return true;
        }
      } else if (port.isTextual() && name != null && port.asText().equals(name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether meshed clients see the pods' port as opaque: the Server says opaque, or the pods'
   * {@code config.linkerd.io/opaque-ports} (which replaces the default list, protocol-detection.md)
   * or the default list names it; either suffices.
   */
  private static boolean opaque(
      Manifests in, Manifest w, PodPort port, Policies.ServerPolicy server) {
    // linkerd2 version-2.17 controller/api/destination/endpoint_translator.go: the port is opaque
    // when the pod's annotation (else the default list) names it or a Server marks it opaque
    // (address.OpaqueProtocol).
    if (server != null && server.protocol.equals("opaque")) {
      return true;
    }
    String list =
        PodAnnotations.effective(in, w)
            .getOrDefault(PodAnnotations.OPAQUE_PORTS, DEFAULT_OPAQUE_PORTS);
    for (String part : list.split(",")) {
      String p = part.trim();
      if (PORT.matcher(p).matches() && Integer.parseInt(p) == port.number()) {
        return true;
      }
      if (PORT_RANGE.matcher(p).matches()) {
        String[] range = p.split("-");
        if (port.number() >= Integer.parseInt(range[0])
            && port.number() <= Integer.parseInt(range[1])) {
          return true;
        }
      }
      if (port.name() != null && p.equals(port.name())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Meshed pods that drain in preStop while their proxy stops at once: linkerd/website (93f00175)
   * 2-edge tasks/graceful-shutdown.md: on SIGTERM the proxy "refuses all new requests"; a native
   * sidecar is stopped only after the app containers; otherwise {@link
   * PodAnnotations#WAIT_BEFORE_EXIT} holds it (version-2.20 charts/partials/templates/_proxy.tpl: a
   * preStop /bin/sleep of that many seconds, only without native sidecars).
   */
  private static void drain(
      Version version, Manifests in, Manifest w, Set<String> once, Reading out) {
    if (!once.add("drain " + w.source())) {
      return;
    }
    JsonNode spec = w.podTemplate().orElseThrow().path("spec");
    boolean preStop = false;
    for (JsonNode c : spec.path("containers")) {
      if (!c.path("name").asText().equals("linkerd-proxy")
          && c.path("lifecycle").path("preStop").isObject()) {
        preStop = true;
      }
    }
    if (!preStop) {
      return; // core's CORE-WS-NO-PRESTOP covers pods that do not drain
    }
    Map<String, String> a = PodAnnotations.effective(in, w);
    if (PodAnnotations.nativeSidecar(version, a)) {
      return;
    }
    long wait = PodAnnotations.waitBeforeExit(a);
    OptionalInt sleep = w.preStopSleepSeconds();
    String how = nonNative(version, a);
    Source at = w.source(templatePointer(w) + "/metadata/annotations");
    if (wait < 0) {
      out.report(
          w,
          // linkerd/linkerd2 version-2.20 pkg/inject/inject.go:
          // config.alpha.linkerd.io/proxy-wait-before-exit-seconds becomes the proxy's preStop
          // sleep (charts/partials/templates/_proxy.tpl); without it the proxy exits on SIGTERM
          LinkerdFinding.PROXY_EXITS_FIRST,
          at,
          w.subject()
              + "'s meshed pods drain in preStop"
              + (sleep.isPresent() ? " (sleep " + sleep.getAsInt() + " s)" : "")
              + ", but "
              + how
              + " and has no "
              + PodAnnotations.WAIT_BEFORE_EXIT
              + ": it gets its SIGTERM as the pod starts to stop and from then refuses new"
              + " requests, while the app still accepts WebSocket handshakes through the proxy.");
    } else if (sleep.isPresent() && wait < sleep.getAsInt()) {
      out.report(
          w,
          // linkerd/linkerd2 version-2.20 pkg/inject/inject.go:
          // config.alpha.linkerd.io/proxy-wait-before-exit-seconds becomes the proxy's preStop
          // sleep (charts/partials/templates/_proxy.tpl); without it the proxy exits on SIGTERM
          LinkerdFinding.PROXY_EXITS_FIRST,
          w.source(
              w.podTemplate().orElseThrow().path("metadata").path("annotations"),
              PodAnnotations.WAIT_BEFORE_EXIT),
          w.subject()
              + "'s meshed pods drain in preStop for "
              + sleep.getAsInt()
              + " s, but "
              + how
              + " that waits only "
              + wait
              + " s ("
              + PodAnnotations.WAIT_BEFORE_EXIT
              + ") before it stops, cutting the sockets the app still holds.");
    }
  }

  private static String nonNative(Version version, Map<String, String> a) {
    for (String key :
        List.of(
            PodAnnotations.NATIVE_SIDECAR_GA,
            PodAnnotations.NATIVE_SIDECAR_BETA,
            PodAnnotations.NATIVE_SIDECAR)) {
      if (a.containsKey(key)) {
        return "the proxy runs as an ordinary container ("
            + key
            + ": \""
            + a.get(key)
            + "\", reading for Linkerd "
            + version
            + ")";
      }
    }
    return "Linkerd "
        + version
        + " runs the proxy as an ordinary container (unless installed with"
        + " proxy.nativeSidecar=true)";
  }
}
