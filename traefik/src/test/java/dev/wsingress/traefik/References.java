package dev.wsingress.traefik;

import dev.wsingress.Finding;
import dev.wsingress.Rendering;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reference integrity of a Traefik rendering: every Middleware and ServersTransport a route names
 * exists in the output, and every one emitted is named by some route (no orphans, which Traefik
 * would silently ignore, as the seed's were). A ServersTransport for a backend Service the
 * rendering does not own counts as referenced when a {@code TRAEFIK-BACKEND-SERVICE-ANNOTATIONS}
 * finding tells the user to put that reference on the Service.
 */
final class References {
  private References() {}

  private static final Pattern ASKED_TRANSPORT =
      Pattern.compile("traefik\\.ingress\\.kubernetes\\.io/service\\.serverstransport=([^,}]+)");

  /** {@link #problems(List)}, with the references the rendering's findings ask the user to add. */
  static List<String> problems(Rendering r) {
    List<HasMetadata> objects = new ArrayList<>(r.objects());
    for (Finding f : r.findings("TRAEFIK-BACKEND-SERVICE-ANNOTATIONS")) {
      Matcher m = ASKED_TRANSPORT.matcher(f.message());
      while (m.find()) {
        String namespace = f.subject().substring("Service ".length()).split("/")[0];
        Service asked = new Service();
        asked.setKind("Service");
        asked.setMetadata(
            new ObjectMetaBuilder()
                .withNamespace(namespace)
                .withName(f.subject().split("/")[1])
                .withAnnotations(
                    Map.of("traefik.ingress.kubernetes.io/service.serverstransport", m.group(1)))
                .build());
        objects.add(asked);
      }
    }
    return problems(objects);
  }

  static List<String> problems(List<HasMetadata> objects) {
    Set<String> middlewares = new HashSet<>();
    Set<String> transports = new HashSet<>();
    Set<String> usedMiddlewares = new HashSet<>();
    Set<String> usedTransports = new HashSet<>();
    List<String[]> crdMiddlewareRefs = new ArrayList<>();
    List<String[]> crdTransportRefs = new ArrayList<>();
    for (HasMetadata o : objects) {
      String ns = o.getMetadata().getNamespace();
      if (o instanceof Middleware m) {
        middlewares.add(ns + "/" + m.getMetadata().getName());
      } else if (o instanceof ServersTransport t) {
        transports.add(ns + "/" + t.getMetadata().getName());
      } else if (o instanceof IngressRoute r) {
        for (IngressRoute.Route route : r.getSpec().routes()) {
          for (IngressRoute.MiddlewareRef ref : route.middlewares()) {
            usedMiddlewares.add(
                (ref.namespace() == null ? ns : ref.namespace()) + "/" + ref.name());
          }
          for (IngressRoute.Service s : route.services()) {
            if (s.serversTransport() != null) {
              usedTransports.add(ns + "/" + s.serversTransport());
            }
          }
        }
      } else if (o instanceof Ingress i) {
        String refs =
            i.getMetadata()
                .getAnnotations()
                .get("traefik.ingress.kubernetes.io/router.middlewares");
        if (refs != null) {
          for (String ref : refs.split(",")) {
            crdMiddlewareRefs.add(new String[] {ref, ns});
          }
        }
      } else if (o.getKind().equals("Service") && o.getMetadata().getAnnotations() != null) {
        String ref =
            o.getMetadata()
                .getAnnotations()
                .get("traefik.ingress.kubernetes.io/service.serverstransport");
        if (ref != null) {
          crdTransportRefs.add(new String[] {ref, ns});
        }
      }
    }
    // Second pass: <ns>-<name>@kubernetescrd references resolve against every object.
    for (String[] ref : crdMiddlewareRefs) {
      usedMiddlewares.add(crdRef(ref[0], ref[1], middlewares));
    }
    for (String[] ref : crdTransportRefs) {
      usedTransports.add(crdRef(ref[0], ref[1], transports));
    }
    List<String> problems = new ArrayList<>();
    for (String used : usedMiddlewares) {
      if (!middlewares.contains(used)) {
        problems.add("referenced Middleware " + used + " is not in the output");
      }
    }
    for (String m : middlewares) {
      if (!usedMiddlewares.contains(m)) {
        problems.add("Middleware " + m + " is referenced by no route");
      }
    }
    for (String used : usedTransports) {
      if (!transports.contains(used)) {
        problems.add("referenced ServersTransport " + used + " is not in the output");
      }
    }
    for (String t : transports) {
      if (!usedTransports.contains(t)) {
        problems.add("ServersTransport " + t + " is referenced by no service");
      }
    }
    return problems;
  }

  /** Resolves {@code <ns>-<name>@kubernetescrd} against the objects of that kind. */
  private static String crdRef(String ref, String ns, Set<String> candidates) {
    String plain = ref.replace("@kubernetescrd", "");
    for (String c : candidates) {
      String[] parts = c.split("/");
      if ((parts[0] + "-" + parts[1]).equals(plain)) {
        return c;
      }
    }
    return ns + "/" + plain + " (unresolved " + ref + ")";
  }
}
