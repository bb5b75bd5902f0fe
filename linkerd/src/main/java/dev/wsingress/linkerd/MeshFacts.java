package dev.wsingress.linkerd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsingress.BackendProtocol;
import dev.wsingress.InvalidSpecException;
import dev.wsingress.Manifest;
import dev.wsingress.Manifests;
import dev.wsingress.Reading;
import dev.wsingress.ServedApp;
import dev.wsingress.Setting;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Linkerd's objects say about an app, for the converter ({@link ServedApp} facts): each {@code
 * policy.linkerd.io} Server is the app's mesh options — the Linkerd target its authorizations,
 * access policy and the selected pods' annotations configure ({@link ConfiguredLinkerd}) — and its
 * {@code proxyProtocol} says what is spoken to the pods ({@code TLS}: an HTTPS backend, as the
 * writer renders it; {@code HTTP/1}: HTTP). A Server wsingress rendered names the app and selects
 * its labels; another joins the app whose own Service selects the same pods. What the objects set
 * that the spec cannot hold is reported ({@code CORE-IMPORT-NOT-CARRIED}).
 */
final class MeshFacts {
  private MeshFacts() {}

  /**
   * What the writer renders of {@code proxyProtocol} (Linkerd.render): the backend protocol each
   * value is read back as. linkerd2 version-2.16 .. version-2.20
   * policy-controller/k8s/api/src/policy/server.rs ProxyProtocol; {@code unknown}, the CRD's
   * default, detects HTTP and serves it like HTTP/1 for an HTTP/1 client.
   */
  static final Map<String, BackendProtocol> PROTOCOLS =
      Map.of("HTTP/1", BackendProtocol.HTTP, "TLS", BackendProtocol.HTTPS);

  static void read(Manifests in, Reading out) {
    List<Manifest> servers = in.objects(Policies.GROUP, "Server");
    NearIndex near = servers.isEmpty() ? null : new NearIndex(in);
    for (Manifest server : servers) {
      server(in, near, server, out);
    }
    for (Manifest ap : in.objects(Policies.GROUP, "AuthorizationPolicy")) {
      JsonNode ref = ap.tree().path("spec").path("targetRef");
      if (!managed(ap) && !Policies.targets(ref, Policies.GROUP, "Server")) {
        // version-2.20 policy-controller/k8s/index/src/inbound/authorization_policy.rs target: a
        // Server, a Namespace (every Server in it), an HTTPRoute or a GRPCRoute.
        out.notCarried(
            ap,
            "the AuthorizationPolicy "
                + ap.name()
                + " on "
                + ref.path("kind").asText("?")
                + " "
                + ref.path("name").asText(""),
            ap.source("/spec/targetRef"),
            "the Linkerd target authorizes clients on the app's own Server only");
      }
    }
    // linkerd2 version-2.20 policy-controller/k8s/api/src/policy/server_authorization.rs: still
    // served; the doctor's LINKERD-SERVER-AUTHORIZATION says why AuthorizationPolicy replaces it.
    for (Manifest sa : in.objects(Policies.GROUP, "ServerAuthorization")) {
      if (!managed(sa)) {
        out.notCarried(
            sa,
            "the ServerAuthorization " + sa.name(),
            sa.source(),
            "the Linkerd target authorizes its clients (Linkerd.allowFrom, allowNetwork) with"
                + " AuthorizationPolicies, of which ServerAuthorization is the earlier form");
      }
    }
  }

  static boolean managed(Manifest m) {
    return m.label("app.kubernetes.io/managed-by").map("wsingress"::equals).orElse(false);
  }

  private static void server(Manifests in, NearIndex near, Manifest server, Reading out) {
    boolean managed = managed(server);
    Policies.ServerPolicy s = new Policies.ServerPolicy(server);
    JsonNode selector = s.podSelector;
    if (selector == null || !selector.isObject()) {
      if (!managed) {
        out.notCarried(
            server,
            "the Server " + server.name(),
            server.source("/spec"),
            "it selects no pods (an externalWorkloadSelector), and the spec's Server selects the"
                + " app's pods");
      }
      return;
    }
    Linkerd target;
    try {
      target = ConfiguredLinkerd.from(in, near, server);
    } catch (InvalidSpecException e) {
      target = Linkerd.target();
      out.notCarried(
          server,
          "the Linkerd options",
          server.source(),
          "the target refuses them (" + e.getMessage() + ")");
    }
    ServedApp.Builder facts = ServedApp.builder(target, server);
    if (managed) {
      facts.app(server.namespace(), server.name());
      facts.labels(strings(selector.path("matchLabels")));
    } else {
      Manifest svc = ownService(in, near, s);
      if (svc == null) {
        out.notCarried(
            server,
            "the Server " + server.name(),
            server.source("/spec/port"),
            "no Service in the input sends to its pods on its port, and the Linkerd target renders"
                + " a Server for the port of the app's own Service only");
        return;
      }
      facts.ownService(svc.namespace(), svc.name());
      unmodelled(in, near, server, s, out);
    }
    BackendProtocol protocol = PROTOCOLS.get(s.protocol);
    if (protocol != null) {
      facts.backendProtocol(Setting.of(protocol, server.source("/spec/proxyProtocol")));
    }
    for (Manifest ap : in.objects(Policies.GROUP, "AuthorizationPolicy")) {
      JsonNode ref = ap.tree().path("spec").path("targetRef");
      if (Policies.targets(ref, Policies.GROUP, "Server")
          && ref.path("name").asText().equals(server.name())
          && Manifests.sameNamespace(ap.namespace(), server.namespace())) {
        facts.alsoFrom(ap);
        for (JsonNode authn : ap.tree().path("spec").path("requiredAuthenticationRefs")) {
          String kind = authn.path("kind").asText();
          if (kind.equals("MeshTLSAuthentication") || kind.equals("NetworkAuthentication")) {
            in.find(
                    Policies.GROUP,
                    kind,
                    authn.path("namespace").asText(ap.namespace()),
                    authn.path("name").asText())
                .ifPresent(facts::alsoFrom);
          }
        }
      }
    }
    out.add(facts.build());
  }

  /**
   * The first Service that sends to this Server: it selects pods the Server selects, and its
   * (first) port's {@code targetPort} is the Server's port, by number or by the container port's
   * name (core/v1 ServicePort: an unset targetPort is the port).
   */
  private static Manifest ownService(Manifests in, NearIndex near, Policies.ServerPolicy s) {
    for (Manifest svc : near.services(s.object.namespace())) {
      JsonNode port = svc.tree().path("spec").path("ports").path(0);
      JsonNode target = port.path("targetPort");
      for (Manifest w : in.selectedBy(svc)) {
        if (!s.selects(w)) {
          continue;
        }
        int number = target.isIntegralNumber() ? target.asInt() : port.path("port").asInt();
        String name = null;
        for (JsonNode c : w.podTemplate().orElseThrow().path("spec").path("containers")) {
          for (JsonNode p : c.path("ports")) {
            if (target.isTextual() && p.path("name").asText("").equals(target.asText())) {
              number = p.path("containerPort").asInt();
            }
            if (p.path("containerPort").asInt() == number && p.path("name").isTextual()) {
              name = p.path("name").asText();
            }
          }
        }
        if (s.onPort(number, name)) {
          return svc;
        }
      }
    }
    return null;
  }

  /**
   * What a hand-written Server and its authorizations set that the Linkerd target does not render
   * again (Linkerd.render writes a Server for the app's labels and port with proxyProtocol HTTP/1
   * or TLS and accessPolicy deny or audit, one MeshTLSAuthentication of ServiceAccounts and one
   * NetworkAuthentication of CIDRs, each with its own AuthorizationPolicy).
   */
  private static void unmodelled(
      Manifests in, NearIndex near, Manifest server, Policies.ServerPolicy s, Reading out) {
    if (!PROTOCOLS.containsKey(s.protocol)) {
      out.notCarried(
          server,
          "the field spec.proxyProtocol " + s.protocol,
          server.source("/spec/proxyProtocol"),
          "the Linkerd target renders HTTP/1 (TLS for an HTTPS backend), which serves the"
              + " WebSocket upgrade");
    }
    if (!s.accessPolicy.equals("deny") && !s.accessPolicy.equals("audit")) {
      out.notCarried(
          server,
          "the field spec.accessPolicy " + s.accessPolicy,
          server.source("/spec/accessPolicy"),
          "the Linkerd target's access policy is deny or audit (Linkerd.AccessPolicy)");
    }
    for (Manifest w : near.workloads(server.namespace())) {
      if (!w.kind().equals("Pod") && s.selects(w)) {
        annotations(w, out);
      }
    }
    Iterator<String> keys = s.podSelector.fieldNames();
    while (keys.hasNext()) {
      String k = keys.next();
      if (!k.equals("matchLabels")) {
        out.notCarried(
            server,
            "the field spec.podSelector." + k,
            server.source("/spec/podSelector/" + k),
            "the Linkerd target's Server selects the app's labels");
      }
    }
    for (Manifest ap : in.objects(Policies.GROUP, "AuthorizationPolicy")) {
      JsonNode ref = ap.tree().path("spec").path("targetRef");
      if (!Manifests.sameNamespace(ap.namespace(), server.namespace())
          || !ref.path("name").asText().equals(server.name())
          || !Policies.targets(ref, Policies.GROUP, "Server")) {
        continue;
      }
      JsonNode refs = ap.tree().path("spec").path("requiredAuthenticationRefs");
      Set<String> kinds = new java.util.TreeSet<>();
      for (int i = 0; i < refs.size(); i++) {
        JsonNode authn = refs.get(i);
        String kind = authn.path("kind").asText();
        kinds.add(kind.equals("ServiceAccount") ? "MeshTLSAuthentication" : kind);
        if (kind.equals("MeshTLSAuthentication")) {
          in.find(
                  Policies.GROUP,
                  kind,
                  authn.path("namespace").asText(ap.namespace()),
                  authn.path("name").asText())
              .ifPresent(m -> meshTls(m, out));
        } else if (kind.equals("NetworkAuthentication")) {
          in.find(
                  Policies.GROUP,
                  kind,
                  authn.path("namespace").asText(ap.namespace()),
                  authn.path("name").asText())
              .ifPresent(n -> networks(n, out));
        }
      }
      if (kinds.size() > 1) {
        // version-2.20 policy-controller/k8s/index/src/inbound/index.rs policy_client_authz: one
        // authorization with the identities and the networks, so a client must match both; the
        // writer gives each kind a policy of its own.
        out.notCarried(
            ap,
            "the field spec.requiredAuthenticationRefs (" + String.join(" and ", kinds) + ")",
            ap.source("/spec/requiredAuthenticationRefs"),
            "a policy requires all of its authentications, and the Linkerd target authorizes"
                + " ServiceAccounts and networks each on their own (either admits a client)");
      }
    }
  }

  /**
   * The pod template's Linkerd annotations the target does not write: it writes {@code
   * linkerd.io/inject: enabled}, the proxy resources ({@link Linkerd#proxyResources}) and, from the
   * workload's drain time, the proxy's wait before exit and native-sidecar switch ({@link
   * PodAnnotations#of}).
   */
  private static void annotations(Manifest w, Reading out) {
    JsonNode a = w.podTemplate().orElseThrow().path("metadata").path("annotations");
    Iterator<Map.Entry<String, JsonNode>> it = a.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String k = e.getKey();
      boolean linkerd =
          k.startsWith("linkerd.io/") || k.contains("config.") && k.contains(".linkerd.io/");
      if (!linkerd) {
        continue;
      }
      if (PodAnnotations.RESOURCES.contains(k)) {
        if (PodAnnotations.RESOURCES.stream().allMatch(r -> a.path(r).isTextual())) {
          continue;
        }
        out.notCarried(
            w,
            "the annotation " + k + ": " + e.getValue().asText(),
            w.source("/spec/template/metadata/annotations/" + pointer(k)),
            "the Linkerd target sets the proxy's CPU and memory requests and limits together"
                + " (Linkerd.proxyResources)");
        continue;
      }
      String why;
      if (k.equals(PodAnnotations.INJECT)) {
        if (e.getValue().asText().equals("enabled")) {
          continue;
        }
        why = "the Linkerd target injects the proxy with enabled";
      } else if (k.equals(PodAnnotations.WAIT_BEFORE_EXIT)
          || k.equals(PodAnnotations.NATIVE_SIDECAR)) {
        why =
            "the Linkerd target derives it from the workload's drain time (the proxy waits until"
                + " 1 s before the pod's grace period ends)";
      } else {
        why = "the Linkerd target has no setting for it";
      }
      out.notCarried(
          w,
          "the annotation " + k + ": " + e.getValue().asText(),
          w.source(
              "/spec/template/metadata/annotations/" + k.replace("~", "~0").replace("/", "~1")),
          why);
    }
  }

  private static String pointer(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  private static void meshTls(Manifest m, Reading out) {
    JsonNode spec = m.tree().path("spec");
    if (spec.has("identities")) {
      out.notCarried(
          m,
          "the field spec.identities",
          m.source("/spec/identities"),
          "the Linkerd target names clients by ServiceAccount (identityRefs), not by identity"
              + " strings");
    }
    JsonNode refs = spec.path("identityRefs");
    for (int i = 0; i < refs.size(); i++) {
      if (!refs.get(i).path("kind").asText().equals("ServiceAccount")) {
        out.notCarried(
            m,
            "the identity spec.identityRefs[" + i + "] (" + refs.get(i).path("kind").asText() + ")",
            m.source("/spec/identityRefs/" + i),
            "the Linkerd target names clients by ServiceAccount");
      }
    }
  }

  private static void networks(Manifest n, Reading out) {
    JsonNode nets = n.tree().path("spec").path("networks");
    for (int i = 0; i < nets.size(); i++) {
      if (nets.get(i).has("except")) {
        // version-2.20 policy-controller/k8s/api/src/policy/network.rs Network: cidr and except.
        out.notCarried(
            n,
            "the field spec.networks[" + i + "].except",
            n.source("/spec/networks/" + i + "/except"),
            "the Linkerd target's networks are whole CIDRs (Linkerd.allowNetwork)");
      }
    }
  }

  private static Map<String, String> strings(JsonNode map) {
    Map<String, String> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = map.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }
}
