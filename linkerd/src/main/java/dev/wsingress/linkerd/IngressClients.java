package dev.wsingress.linkerd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsingress.Contributions;
import dev.wsingress.Manifest;
import dev.wsingress.Manifests;
import dev.wsingress.RenderContext;
import dev.wsingress.ServedRoute;
import dev.wsingress.Target;
import dev.wsingress.WebSocketApp;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Who an ingress controller's connections come from, for a route it serves: its namespace and
 * ServiceAccounts, and whether its pods are meshed. The serving target states its default install
 * ({@link Contributions.TrafficSource}, the same fact the renderings use); the controller's own
 * workloads in the input refine it (their ServiceAccounts, their injection).
 */
final class IngressClients {
  /** An app for asking a target what it contributes: its traffic source does not depend on it. */
  private static final WebSocketApp PROBE =
      WebSocketApp.on("probe.wsingress.dev").service("probe", 80).build();

  /** One ingress controller's clients. */
  static final class Client {
    final String by;
    final String namespace;
    final List<String> accounts;
    final PodAnnotations.Meshed meshed;
    final List<Manifest> workloads;

    /** The pod port the meshed pods send past their proxy (skip-outbound-ports), or 0. */
    final int bypassedPort;

    Client(
        String by,
        String namespace,
        List<String> accounts,
        PodAnnotations.Meshed meshed,
        List<Manifest> workloads) {
      this(by, namespace, accounts, meshed, workloads, 0);
    }

    private Client(
        String by,
        String namespace,
        List<String> accounts,
        PodAnnotations.Meshed meshed,
        List<Manifest> workloads,
        int bypassedPort) {
      this.by = by;
      this.namespace = namespace;
      this.accounts = accounts;
      this.meshed = meshed;
      this.workloads = workloads;
      this.bypassedPort = bypassedPort;
    }

    /**
     * The client as the pods behind {@code podPort} see it: unmeshed when every meshed workload of
     * the controller skips that port outbound (linkerd2 version-2.20 pkg/inject/inject.go passes
     * config.linkerd.io/skip-outbound-ports, else proxyInit.ignoreOutboundPorts, to proxy-init,
     * whose iptables rules send those connections past the proxy: no mTLS, no identity). The port
     * is the pod's, which the controllers wsingress renders for connect to (their endpoints).
     */
    Client through(Manifests in, int podPort) {
      if (meshed != PodAnnotations.Meshed.YES || workloads.isEmpty()) {
        return this;
      }
      for (Manifest w : workloads) {
        if (!PodAnnotations.skippedOutbound(in, w, podPort)) {
          return this;
        }
      }
      return new Client(by, namespace, accounts, PodAnnotations.Meshed.NO, workloads, podPort);
    }

    boolean known() {
      return namespace != null && !accounts.isEmpty();
    }

    String describe() {
      if (namespace == null) {
        return by + " (its namespace and ServiceAccount are not known)";
      }
      List<String> named = new ArrayList<>();
      for (String a : accounts) {
        named.add(namespace + "/" + a);
      }
      return by
          + (named.isEmpty()
              ? " (namespace " + namespace + ")"
              : " (ServiceAccount " + String.join(", ", named) + ")")
          + (bypassedPort > 0
              ? ", whose pods send port "
                  + bypassedPort
                  + " past their Linkerd proxy ("
                  + PodAnnotations.SKIP_OUTBOUND_PORTS
                  + ", else the installation's default 4567,4568)"
              : "");
    }
  }

  private final Manifests in;
  private final Map<Target, List<Client>> byTarget = new IdentityHashMap<>();

  IngressClients(Manifests in) {
    this.in = in;
  }

  /**
   * The clients of the controller serving {@code route}: one per traffic source its target
   * contributes, or one unknown client when it contributes none (a Gateway API implementation's
   * proxy runs wherever it is installed).
   */
  List<Client> of(ServedRoute route) {
    return byTarget.computeIfAbsent(route.target(), this::clients);
  }

  private List<Client> clients(Target target) {
    List<Contributions.TrafficSource> sources =
        RenderContext.alone(target, PROBE).contributions().trafficSources();
    List<Client> out = new ArrayList<>();
    for (Contributions.TrafficSource s : sources) {
      List<Manifest> workloads = controllerWorkloads(s.namespace());
      TreeSet<String> accounts = new TreeSet<>();
      PodAnnotations.Meshed meshed = PodAnnotations.Meshed.UNKNOWN;
      if (workloads.isEmpty()) {
        if (!s.serviceAccount().isEmpty()) {
          accounts.add(s.serviceAccount());
        }
      } else {
        int yes = 0;
        int no = 0;
        for (Manifest w : workloads) {
          accounts.add(serviceAccount(w));
          PodAnnotations.Meshed m = PodAnnotations.meshed(in, w);
          yes += m == PodAnnotations.Meshed.YES ? 1 : 0;
          no += m == PodAnnotations.Meshed.NO ? 1 : 0;
        }
        meshed =
            yes == workloads.size()
                ? PodAnnotations.Meshed.YES
                : no == workloads.size() ? PodAnnotations.Meshed.NO : PodAnnotations.Meshed.UNKNOWN;
      }
      out.add(
          new Client(s.by(), s.namespace(), List.copyOf(accounts), meshed, List.copyOf(workloads)));
    }
    if (out.isEmpty()) {
      out.add(
          new Client(
              target.displayName(), null, List.of(), PodAnnotations.Meshed.UNKNOWN, List.of()));
    }
    return out;
  }

  /** The long-running workloads of the controller's namespace in the input. */
  private List<Manifest> controllerWorkloads(String namespace) {
    List<Manifest> out = new ArrayList<>();
    for (Manifest w : in.workloads()) {
      String kind = w.kind();
      if (w.namespace().equals(namespace)
          && (kind.equals("Deployment")
              || kind.equals("DaemonSet")
              || kind.equals("StatefulSet"))) {
        out.add(w);
      }
    }
    return out;
  }

  /**
   * The pods' ServiceAccount: k8s.io/api v0.34.0 core/v1/types.go PodSpec.serviceAccountName (the
   * deprecated serviceAccount alias when it is unset), {@code default} when neither is set.
   */
  static String serviceAccount(Manifest w) {
    JsonNode spec = w.podTemplate().orElseThrow().path("spec");
    String name = spec.path("serviceAccountName").asText("");
    if (name.isEmpty()) {
      name = spec.path("serviceAccount").asText("");
    }
    return name.isEmpty() ? "default" : name;
  }
}
