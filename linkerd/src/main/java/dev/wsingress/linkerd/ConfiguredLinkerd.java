package dev.wsingress.linkerd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsingress.Manifest;
import dev.wsingress.Manifests;
import java.util.ArrayList;
import java.util.List;

/**
 * The Linkerd target as a Server and what surrounds it in the input configure it: the clients its
 * AuthorizationPolicies admit ({@link Linkerd#allowFrom} from MeshTLSAuthentication {@code
 * identityRefs} and ServiceAccount authentications, {@link Linkerd#allowNetwork} from
 * NetworkAuthentications), its {@code accessPolicy}, the proxy resources and the release line the
 * pods' annotations imply, and the linkerd-viz namespace a NetworkPolicy admits to the proxies'
 * admin port. The same keys the writer uses ({@link PodAnnotations}); the converter (issue 16)
 * renders with what this returns.
 */
final class ConfiguredLinkerd {
  private ConfiguredLinkerd() {}

  /**
   * The Linkerd target that renders {@code server} and its authorizations as the input has them.
   */
  static Linkerd from(Manifests in, Manifest server) {
    return from(in, new NearIndex(in), server);
  }

  /** {@link #from(Manifests, Manifest)} with the read's index of workloads by namespace. */
  static Linkerd from(Manifests in, NearIndex near, Manifest server) {
    Linkerd out = Linkerd.target();
    java.util.Set<Linkerd.ServiceAccount> accounts = new java.util.LinkedHashSet<>();
    java.util.Set<String> networks = new java.util.LinkedHashSet<>();
    for (Manifest ap : in.objects(Policies.GROUP, "AuthorizationPolicy")) {
      JsonNode target = ap.tree().path("spec").path("targetRef");
      if (!Policies.targets(target, Policies.GROUP, "Server")
          || !target.path("name").asText().equals(server.name())
          || !Manifests.sameNamespace(ap.namespace(), server.namespace())) {
        continue;
      }
      for (JsonNode ref : ap.tree().path("spec").path("requiredAuthenticationRefs")) {
        String ns = ref.path("namespace").asText(ap.namespace());
        String name = ref.path("name").asText();
        if (Policies.targets(ref, "core", "ServiceAccount")) {
          accounts.add(Linkerd.serviceAccount(ns, name));
        } else if (Policies.targets(ref, Policies.GROUP, "MeshTLSAuthentication")) {
          in.find(Policies.GROUP, "MeshTLSAuthentication", ns, name)
              .ifPresent(
                  m -> {
                    for (JsonNode id : m.tree().path("spec").path("identityRefs")) {
                      if (id.path("kind").asText().equals("ServiceAccount")) {
                        accounts.add(
                            Linkerd.serviceAccount(
                                id.path("namespace").asText(m.namespace()),
                                id.path("name").asText()));
                      }
                    }
                  });
        } else if (Policies.targets(ref, Policies.GROUP, "NetworkAuthentication")) {
          in.find(Policies.GROUP, "NetworkAuthentication", ns, name)
              .ifPresent(
                  n -> {
                    for (JsonNode net : n.tree().path("spec").path("networks")) {
                      networks.add(net.path("cidr").asText());
                    }
                  });
        }
      }
    }
    if (!accounts.isEmpty()) {
      out = out.allowFrom(accounts.toArray(Linkerd.ServiceAccount[]::new));
    }
    for (String cidr : networks) {
      out = out.allowNetwork(cidr);
    }
    Policies.ServerPolicy s = new Policies.ServerPolicy(server);
    if (s.accessPolicy.equals("audit")) {
      out = out.accessPolicy(Linkerd.AccessPolicy.AUDIT);
    }
    for (Manifest w : near.workloads(server.namespace())) {
      if (w.kind().equals("Pod") || !s.selects(w)) {
        continue;
      }
      JsonNode a = w.podTemplate().orElseThrow().path("metadata").path("annotations");
      List<String> resources = new ArrayList<>();
      for (String key : PodAnnotations.RESOURCES) {
        if (a.path(key).isTextual()) {
          resources.add(a.path(key).asText());
        }
      }
      if (resources.size() == PodAnnotations.RESOURCES.size()) {
        out =
            out.proxyResources(
                resources.get(0), resources.get(1), resources.get(2), resources.get(3));
      }
      // The writer turns native sidecars off only for releases before 2.20 (PodAnnotations.of),
      // whose output is the same from 2.16 to 2.19 but for 2.18's appProtocol check.
      if ("false".equals(a.path(PodAnnotations.NATIVE_SIDECAR).asText(null))) {
        out = out.version("2.19");
      }
      for (Manifest p : in.networkPoliciesFor(w)) {
        for (JsonNode rule : p.tree().path("spec").path("ingress")) {
          JsonNode ports = rule.path("ports");
          if (ports.isArray()
              && ports.size() == 1
              && ports.get(0).path("port").asInt() == Linkerd.PROXY_ADMIN_PORT) {
            for (JsonNode peer : rule.path("from")) {
              JsonNode ns =
                  peer.path("namespaceSelector")
                      .path("matchLabels")
                      .get("kubernetes.io/metadata.name");
              if (ns != null && ns.isTextual()) {
                out = out.vizMetrics(ns.asText());
              }
            }
          }
        }
      }
      break;
    }
    return out;
  }
}
