package dev.wsingress.cli;

import dev.wsingress.Target;
import dev.wsingress.linkerd.Linkerd;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of {@code Linkerd} as flags. */
final class LinkerdFlags implements TargetFlags {
  @Option(
      names = "--linkerd-allow-from",
      paramLabel = "NAMESPACE/SERVICEACCOUNT",
      split = ",",
      description =
          "Authorize the meshed pods of these ServiceAccounts (instead of the ingress"
              + " controllers rendered alongside).")
  List<String> allowFrom;

  @Option(
      names = "--linkerd-allow-network",
      paramLabel = "CIDR",
      split = ",",
      description = "Authorize clients from these networks, outside the mesh.")
  List<String> allowNetwork;

  @Option(
      names = "--linkerd-access-policy",
      paramLabel = "POLICY",
      description =
          "The Server's policy for clients no authorization names: ${COMPLETION-CANDIDATES}"
              + " (default: deny).")
  Linkerd.AccessPolicy accessPolicy;

  @Option(
      names = "--linkerd-proxy-resources",
      paramLabel = "CPU_REQ,MEM_REQ,CPU_LIM,MEM_LIM",
      description =
          "The Linkerd proxy's requests and limits on the pod template, such as"
              + " 100m,64Mi,1,256Mi.")
  String proxyResources;

  @Option(
      names = "--linkerd-viz-metrics",
      paramLabel = "NAMESPACE",
      description =
          "Let linkerd-viz in NAMESPACE scrape the proxies (opens port 4191 in the platform"
              + " NetworkPolicy).")
  String vizMetrics;

  @Override
  public String targetId() {
    return "linkerd";
  }

  @Override
  public List<String> given() {
    List<String> g = new ArrayList<>();
    TargetFlags.add(g, "--linkerd-allow-from", allowFrom);
    TargetFlags.add(g, "--linkerd-allow-network", allowNetwork);
    TargetFlags.add(g, "--linkerd-access-policy", accessPolicy);
    TargetFlags.add(g, "--linkerd-proxy-resources", proxyResources);
    TargetFlags.add(g, "--linkerd-viz-metrics", vizMetrics);
    return g;
  }

  @Override
  public Target apply(Target target) {
    Linkerd t = (Linkerd) target;
    if (allowFrom != null) {
      List<Linkerd.ServiceAccount> accounts = new ArrayList<>();
      for (String a : allowFrom) {
        String[] p = TargetFlags.namespaced("--linkerd-allow-from", a);
        accounts.add(
            TargetFlags.value("--linkerd-allow-from", () -> Linkerd.serviceAccount(p[0], p[1])));
      }
      Linkerd.ServiceAccount[] all = accounts.toArray(new Linkerd.ServiceAccount[0]);
      t = TargetFlags.option("--linkerd-allow-from", t, x -> x.allowFrom(all));
    }
    if (allowNetwork != null) {
      for (String cidr : allowNetwork) {
        t = TargetFlags.option("--linkerd-allow-network", t, x -> x.allowNetwork(cidr));
      }
    }
    if (accessPolicy != null) {
      t = t.accessPolicy(accessPolicy);
    }
    if (proxyResources != null) {
      String flag = "--linkerd-proxy-resources";
      String[] r = TargetFlags.parts(flag, proxyResources, 4, "CPU_REQ,MEM_REQ,CPU_LIM,MEM_LIM");
      t = TargetFlags.option(flag, t, x -> x.proxyResources(r[0], r[1], r[2], r[3]));
    }
    if (vizMetrics != null) {
      t = TargetFlags.option("--linkerd-viz-metrics", t, x -> x.vizMetrics(vizMetrics));
    }
    return t;
  }
}
