package dev.wsingress;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the targets of one rendering need on objects that another target renders: today the backend
 * Service, which the platform target owns. A Gateway API target needs {@code appProtocol:
 * kubernetes.io/ws} on its port, a Traefik Ingress needs sticky-cookie annotations on the Service.
 * Each target states its needs in {@link Target#contribute}; the owner applies them, and a target
 * can read the others' needs to report clashes.
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
      new Contributions(null, null, Map.of(), Map.of(), List.of());

  private final Claim appProtocol;
  private final Claim httpPortName;
  private final Map<String, String> serviceAnnotations;
  private final Map<String, String> podAnnotations;
  private final List<Finding> conflicts;

  private Contributions(
      Claim appProtocol,
      Claim httpPortName,
      Map<String, String> serviceAnnotations,
      Map<String, String> podAnnotations,
      List<Finding> conflicts) {
    this.appProtocol = appProtocol;
    this.httpPortName = httpPortName;
    this.serviceAnnotations = serviceAnnotations;
    this.podAnnotations = podAnnotations;
    this.conflicts = conflicts;
  }

  /** No contributions. */
  public static Contributions none() {
    return NONE;
  }

  /** The {@code appProtocol} a target asked for on the Service port. */
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

  /** Annotations targets asked for on the Service, sorted by key. */
  public Map<String, String> serviceAnnotations() {
    return serviceAnnotations;
  }

  /** Annotations targets asked for on the pod template, sorted by key. */
  public Map<String, String> podAnnotations() {
    return podAnnotations;
  }

  /** {@code CORE-CONTRIBUTION-CONFLICT} errors: two targets asked for different values. */
  public List<Finding> conflicts() {
    return conflicts;
  }

  static Contributions merge(List<Builder> builders, String subject) {
    Claim appProtocol = null;
    Claim httpPortName = null;
    Map<String, Claim> service = new TreeMap<>();
    Map<String, Claim> pod = new TreeMap<>();
    List<Finding> conflicts = new ArrayList<>();
    for (Builder b : builders) {
      appProtocol = claim(appProtocol, b.appProtocol, "appProtocol", subject, conflicts);
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
        appProtocol, httpPortName, values(service), values(pod), List.copyOf(conflicts));
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

    Builder(String by) {
      this.by = by;
    }

    /** Asks for this {@code appProtocol} on the backend Service port. */
    public Builder serviceAppProtocol(String protocol) {
      this.appProtocol = new Claim(protocol, by);
      return this;
    }

    /** Needs the backend Service port's name to select HTTP: {@code http} or {@code http-…}. */
    public Builder requireHttpPortName() {
      this.httpPortName = new Claim("http", by);
      return this;
    }

    /** Asks for an annotation on the backend Service. */
    public Builder serviceAnnotation(String key, String value) {
      serviceAnnotations.put(key, new Claim(value, by));
      return this;
    }

    /** Asks for an annotation on the workload's pod template. */
    public Builder podAnnotation(String key, String value) {
      podAnnotations.put(key, new Claim(value, by));
      return this;
    }
  }
}
