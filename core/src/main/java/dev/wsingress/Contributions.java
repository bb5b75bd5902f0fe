package dev.wsingress;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the targets of one rendering need on objects that another target renders, and the facts
 * about their own proxies that other targets act on. A Gateway API target needs {@code appProtocol:
 * kubernetes.io/ws} on the Service port, a Traefik Ingress needs sticky-cookie annotations on the
 * Service; an ingress controller says which namespace and ServiceAccount its traffic comes from
 * (for the platform NetworkPolicy and Linkerd's authorization), a mesh which control plane its
 * sidecars call. Each target states these in {@link Target#contribute}; the owner of an object
 * applies them, so no target hard-codes another controller's facts.
 *
 * <p>The Service and pod needs are for the app's own backend ({@link WebSocketApp#serviceName()})
 * and its pods, the only ones the platform kit renders. There is deliberately no "for Service X":
 * the Services of routes to other backends ({@link Route#backend()}) are referenced, not rendered,
 * so no target would apply such a need. A target whose needs concern another route's Service (say
 * {@code appProtocol} on the Service of a WebSocket route to {@code notify}) reports them itself,
 * as a finding naming the Service, the port and the field.
 *
 * <pre>{@code
 * @Override
 * public void contribute(WebSocketApp app, Contributions.Builder out) {
 *   out.serviceAppProtocol("kubernetes.io/ws");
 * }
 * }</pre>
 */
public final class Contributions {
  private static final Contributions NONE =
      new Contributions(
          null, null, Map.of(), Map.of(), List.of(), List.of(), List.of(), List.of(), null,
          List.of(), List.of(), List.of(), List.of(), List.of());

  /**
   * Where an ingress proxy that sends the app's traffic runs: its namespace and, when known, its
   * ServiceAccount (empty string when not).
   */
  public record TrafficSource(String namespace, String serviceAccount, String by) {}

  /** A mesh control plane the app's sidecars must reach: its namespace and TCP ports. */
  public record ControlPlane(String namespace, List<Integer> ports) {
    /** {@code namespace:port,port}, as findings name it. */
    @Override
    public String toString() {
      StringBuilder b = new StringBuilder(namespace).append(':');
      for (int i = 0; i < ports.size(); i++) {
        b.append(i == 0 ? "" : ",").append(ports.get(i));
      }
      return b.toString();
    }
  }

  /**
   * A sidecar port that pods of {@code namespace} must reach, such as a mesh proxy's admin port
   * scraped by the mesh's Prometheus.
   */
  public record SidecarPort(String namespace, int port) {}

  private final Claim appProtocol;
  private final Claim httpPortName;
  private final Map<String, String> serviceAnnotations;
  private final Map<String, String> podAnnotations;
  private final List<Finding> conflicts;
  private final List<TrafficSource> trafficSources;
  private final List<String> endpointBalancers;
  private final List<String> affinityDroppers;
  private final Claim tlsSecretNamespace;
  private final List<ControlPlane> controlPlanes;
  private final List<Integer> meshInboundPorts;
  private final List<SidecarPort> sidecarPorts;
  private final List<String> http01ClassAnnotations;
  private final List<String> sidecarDrains;

  private Contributions(
      Claim appProtocol,
      Claim httpPortName,
      Map<String, String> serviceAnnotations,
      Map<String, String> podAnnotations,
      List<Finding> conflicts,
      List<TrafficSource> trafficSources,
      List<String> endpointBalancers,
      List<String> affinityDroppers,
      Claim tlsSecretNamespace,
      List<ControlPlane> controlPlanes,
      List<Integer> meshInboundPorts,
      List<SidecarPort> sidecarPorts,
      List<String> http01ClassAnnotations,
      List<String> sidecarDrains) {
    this.appProtocol = appProtocol;
    this.httpPortName = httpPortName;
    this.serviceAnnotations = serviceAnnotations;
    this.podAnnotations = podAnnotations;
    this.conflicts = conflicts;
    this.trafficSources = trafficSources;
    this.endpointBalancers = endpointBalancers;
    this.affinityDroppers = affinityDroppers;
    this.tlsSecretNamespace = tlsSecretNamespace;
    this.controlPlanes = controlPlanes;
    this.meshInboundPorts = meshInboundPorts;
    this.sidecarPorts = sidecarPorts;
    this.http01ClassAnnotations = http01ClassAnnotations;
    this.sidecarDrains = sidecarDrains;
  }

  /** No contributions. */
  public static Contributions none() {
    return NONE;
  }

  /** The {@code appProtocol} a target asked for on the app's own Service port. */
  public Optional<String> serviceAppProtocol() {
    return appProtocol == null ? Optional.empty() : Optional.of(appProtocol.value);
  }

  /** The display name of the target that asked for the Service port's {@code appProtocol}. */
  public Optional<String> serviceAppProtocolRequester() {
    return appProtocol == null ? Optional.empty() : Optional.of(appProtocol.by);
  }

  /**
   * The display name of a target that needs the Service port's name to select HTTP ({@code http} or
   * {@code http-…}), as Istio's protocol selection does; empty when none does.
   */
  public Optional<String> httpPortNameRequester() {
    return httpPortName == null ? Optional.empty() : Optional.of(httpPortName.by);
  }

  /** Annotations targets asked for on the app's own Service, sorted by key. */
  public Map<String, String> serviceAnnotations() {
    return serviceAnnotations;
  }

  /** Annotations targets asked for on the pod template, sorted by key. */
  public Map<String, String> podAnnotations() {
    return podAnnotations;
  }

  /**
   * The ingress proxies of this rendering that send the app's traffic, in the order of the targets'
   * display names (the same for any order the targets are given in).
   */
  public List<TrafficSource> trafficSources() {
    return trafficSources;
  }

  /**
   * The display names of the targets whose proxies pick the Service's endpoints themselves, so the
   * Service's {@code sessionAffinity} does not apply to their traffic.
   */
  public List<String> endpointBalancers() {
    return endpointBalancers;
  }

  /**
   * The display names of the {@link #endpointBalancers} that could not give the app's routes its
   * sticky sessions: for their traffic, neither the route nor the Service's {@code sessionAffinity}
   * pins a client.
   */
  public List<String> affinityDroppers() {
    return affinityDroppers;
  }

  /** The namespace a target reads the app's TLS Secret from, when not the app's own. */
  public Optional<String> tlsSecretNamespace() {
    return tlsSecretNamespace == null ? Optional.empty() : Optional.of(tlsSecretNamespace.value);
  }

  /** The display name of the target that reads the TLS Secret from another namespace. */
  public Optional<String> tlsSecretNamespaceRequester() {
    return tlsSecretNamespace == null ? Optional.empty() : Optional.of(tlsSecretNamespace.by);
  }

  /**
   * The mesh control planes the app's sidecars must reach, in the order of the targets' display
   * names.
   */
  public List<ControlPlane> controlPlanes() {
    return controlPlanes;
  }

  /**
   * The ports on which a mesh sidecar of the app's pods receives meshed traffic instead of the app
   * port (Linkerd's inbound proxy port), ascending: whoever may reach the app port may reach these,
   * and the pods may call them on their dependencies.
   */
  public List<Integer> meshInboundPorts() {
    return meshInboundPorts;
  }

  /** Sidecar ports that pods of other namespaces must reach, sorted. */
  public List<SidecarPort> sidecarPorts() {
    return sidecarPorts;
  }

  /**
   * The IngressClass names whose controller serves a cert-manager HTTP-01 solver Ingress only when
   * the class is given by the {@code kubernetes.io/ingress.class} annotation ({@code
   * http01.ingress.class}), not by {@code ingressClassName}; sorted.
   */
  public List<String> http01ClassAnnotations() {
    return http01ClassAnnotations;
  }

  /**
   * How each mesh in the rendering keeps its sidecar proxy running while the app's pod drains, in
   * the targets' words, for the platform's drain finding; in the order of their display names.
   */
  public List<String> sidecarDrains() {
    return sidecarDrains;
  }

  /** {@code CORE-CONTRIBUTION-CONFLICT} errors: two targets asked for different values. */
  public List<Finding> conflicts() {
    return conflicts;
  }

  static Contributions merge(List<Builder> unordered, String subject) {
    // What targets state must not depend on the order they are given in (the same set gives the
    // same YAML): merge them in the order of their display names.
    List<Builder> builders = new ArrayList<>(unordered);
    builders.sort(Comparator.comparing(b -> b.by));
    Claim appProtocol = null;
    Claim httpPortName = null;
    Map<String, Claim> service = new TreeMap<>();
    Map<String, Claim> pod = new TreeMap<>();
    List<Finding> conflicts = new ArrayList<>();
    List<TrafficSource> sources = new ArrayList<>();
    List<String> balancers = new ArrayList<>();
    List<String> droppers = new ArrayList<>();
    Claim tlsNamespace = null;
    List<ControlPlane> planes = new ArrayList<>();
    Set<Integer> inbound = new TreeSet<>();
    Set<SidecarPort> sidecarPorts =
        new TreeSet<>(
            Comparator.comparing(SidecarPort::namespace).thenComparingInt(SidecarPort::port));
    Set<String> classAnnotations = new TreeSet<>();
    List<String> drains = new ArrayList<>();
    for (Builder b : builders) {
      appProtocol = claim(appProtocol, b.appProtocol, "appProtocol", subject, conflicts);
      tlsNamespace =
          claim(
              tlsNamespace, b.tlsSecretNamespace, "the TLS Secret's namespace", subject, conflicts);
      for (TrafficSource t : b.trafficSources) {
        if (!sources.contains(t)) {
          sources.add(t);
        }
      }
      if (b.balancesOverEndpoints) {
        balancers.add(b.by);
        if (b.dropsAffinity) {
          droppers.add(b.by);
        }
      }
      planes.addAll(b.controlPlanes);
      inbound.addAll(b.meshInboundPorts);
      sidecarPorts.addAll(b.sidecarPorts);
      classAnnotations.addAll(b.http01ClassAnnotations);
      drains.addAll(b.sidecarDrains);
      httpPortName = httpPortName != null ? httpPortName : b.httpPortName;
      for (Map.Entry<String, Claim> e : b.serviceAnnotations.entrySet()) {
        service.put(
            e.getKey(),
            claim(service.get(e.getKey()), e.getValue(), e.getKey(), subject, conflicts));
      }
      for (Map.Entry<String, Claim> e : b.podAnnotations.entrySet()) {
        pod.put(
            e.getKey(), claim(pod.get(e.getKey()), e.getValue(), e.getKey(), subject, conflicts));
      }
    }
    return new Contributions(
        appProtocol,
        httpPortName,
        values(service),
        values(pod),
        List.copyOf(conflicts),
        List.copyOf(sources),
        List.copyOf(balancers),
        List.copyOf(droppers),
        tlsNamespace,
        List.copyOf(planes),
        List.copyOf(inbound),
        List.copyOf(sidecarPorts),
        List.copyOf(classAnnotations),
        List.copyOf(drains));
  }

  private static Claim claim(
      Claim existing, Claim next, String what, String subject, List<Finding> conflicts) {
    if (next == null) {
      return existing;
    }
    if (existing == null || existing.value.equals(next.value)) {
      return existing == null ? next : existing;
    }
    conflicts.add(
        new Finding(
            "CORE-CONTRIBUTION-CONFLICT",
            Severity.ERROR,
            subject,
            existing.by
                + " needs "
                + what
                + " \""
                + existing.value
                + "\" but "
                + next.by
                + " needs \""
                + next.value
                + "\" on the same object.",
            "Render these targets for separate Services, or leave one of them out."));
    return existing;
  }

  private static Map<String, String> values(Map<String, Claim> claims) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, Claim> e : claims.entrySet()) {
      out.put(e.getKey(), e.getValue().value);
    }
    return Collections.unmodifiableMap(out);
  }

  private record Claim(String value, String by) {}

  /** Collects one target's needs; see {@link Target#contribute}. */
  public static final class Builder {
    private final String by;
    private Claim appProtocol;
    private Claim httpPortName;
    private final Map<String, Claim> serviceAnnotations = new TreeMap<>();
    private final Map<String, Claim> podAnnotations = new TreeMap<>();
    private final List<TrafficSource> trafficSources = new ArrayList<>();
    private boolean balancesOverEndpoints;
    private boolean dropsAffinity;
    private Claim tlsSecretNamespace;
    private final List<ControlPlane> controlPlanes = new ArrayList<>();
    private final List<Integer> meshInboundPorts = new ArrayList<>();
    private final List<SidecarPort> sidecarPorts = new ArrayList<>();
    private final List<String> http01ClassAnnotations = new ArrayList<>();
    private final List<String> sidecarDrains = new ArrayList<>();

    Builder(String by) {
      this.by = by;
    }

    /** Asks for this {@code appProtocol} on the app's own backend Service port. */
    public Builder serviceAppProtocol(String protocol) {
      this.appProtocol = new Claim(protocol, by);
      return this;
    }

    /**
     * Needs the app's own backend Service port's name to select HTTP: {@code http} or {@code
     * http-…}.
     */
    public Builder requireHttpPortName() {
      this.httpPortName = new Claim("http", by);
      return this;
    }

    /** Asks for an annotation on the app's own backend Service. */
    public Builder serviceAnnotation(String key, String value) {
      serviceAnnotations.put(key, new Claim(value, by));
      return this;
    }

    /** Asks for an annotation on the workload's pod template. */
    public Builder podAnnotation(String key, String value) {
      podAnnotations.put(key, new Claim(value, by));
      return this;
    }

    /**
     * This target's proxy sends the app's traffic from {@code namespace}, running as the
     * ServiceAccount {@code serviceAccount} (null when it is not known).
     */
    public Builder trafficFrom(String namespace, String serviceAccount) {
      trafficSources.add(
          new TrafficSource(namespace, serviceAccount == null ? "" : serviceAccount, by));
      return this;
    }

    /**
     * This target's proxy picks the Service's endpoints itself (Service {@code sessionAffinity}
     * does not apply to its traffic).
     */
    public Builder balancesOverEndpoints() {
      balancesOverEndpoints = true;
      return this;
    }

    /**
     * This target balances over endpoints (as {@link #balancesOverEndpoints}) and could not render
     * the app's sticky sessions, so its routes pin no client.
     */
    public Builder balancesOverEndpointsWithoutAffinity() {
      balancesOverEndpoints = true;
      dropsAffinity = true;
      return this;
    }

    /** This target reads the app's TLS Secret from {@code namespace}, not the app's own. */
    public Builder tlsSecretNamespace(String namespace) {
      tlsSecretNamespace = new Claim(namespace, by);
      return this;
    }

    /** The app's sidecars must reach this control plane in {@code namespace} on these ports. */
    public Builder meshControlPlane(String namespace, Integer... ports) {
      controlPlanes.add(new ControlPlane(namespace, List.of(ports)));
      return this;
    }

    /**
     * This mesh's sidecar receives meshed traffic on {@code port} rather than on the app port
     * (Linkerd's inbound proxy port), so a NetworkPolicy must admit it from the app's clients and
     * let the pods call it on their dependencies.
     */
    public Builder meshInboundPort(int port) {
      meshInboundPorts.add(port);
      return this;
    }

    /** Pods of {@code namespace} must reach this sidecar port (a mesh proxy's metrics). */
    public Builder sidecarPortFrom(String namespace, int port) {
      sidecarPorts.add(new SidecarPort(namespace, port));
      return this;
    }

    /**
     * This target's controller serves a cert-manager HTTP-01 solver Ingress of class {@code
     * ingressClass} only when the class is set by annotation ({@code http01.ingress.class}), as
     * without an IngressClass object of that name.
     */
    public Builder http01ClassAnnotation(String ingressClass) {
      http01ClassAnnotations.add(ingressClass);
      return this;
    }

    /**
     * This mesh injects a sidecar proxy into the app's pods and says how it keeps it running while
     * the pod drains (for the platform's drain finding).
     */
    public Builder sidecarDrain(String description) {
      sidecarDrains.add(description);
      return this;
    }
  }
}
