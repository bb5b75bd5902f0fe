package dev.wsingress;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * What a target's reader knows about one app apart from its routes: the pods behind it (a
 * Deployment and its autoscaler → {@link Workload}), the certificate's issuer, the pods' health
 * probes, the protocol a mesh speaks to them, the labels that select them. Targets that route
 * nothing (the platform kit, a mesh's pod policies) report only these; {@link Import} joins each to
 * the app it belongs to by one of its keys. Immutable; made with {@link #builder}.
 *
 * <pre>{@code
 * // in the platform reader: a Deployment wsingress rendered, behind the Service "chat"
 * out.add(
 *     ServedApp.builder(this, deployment)
 *         .app("default", "chat")                        // joins the app named chat ...
 *         .ownService("default", "chat-ws").ownServicePort(8080) // ... or the one sending to chat-ws
 *         .labels(Map.of("app.kubernetes.io/name", "chat"))
 *         .workload(Setting.of(Workload.image("chat:1.4").replicas(3), deployment.source("/spec")))
 *         .build());
 * // a cert-manager Certificate: joins the app whose TLS Secret it fills
 * out.add(ServedApp.builder(this, certificate).tlsSecret("chat-tls")
 *     .tlsIssuer(Setting.of(issuer, certificate.source("/spec/issuerRef"))).build());
 * }</pre>
 *
 * <h2>Keys</h2>
 *
 * An app joins the facts whose {@link #ownService() own Service} is the app's own backend (same
 * namespace, or one of them unsaid), whose {@link #appName() app name} is the app's name in its
 * namespace, whose {@link #labels() labels} are those of an app wsingress rendered (its routing
 * objects' labels without {@code app.kubernetes.io/managed-by}, in the same namespace), or whose
 * {@link #tlsSecret() TLS Secret} is the app's (in any namespace: cert-manager may write it where
 * the gateway reads it). Facts that name the app by name or labels and name an own Service decide
 * which backend is the app's own, even when no route sends to it (see {@link Import}). Facts that
 * join no app are reported ({@code CORE-IMPORT-UNMATCHED}).
 */
public final class ServedApp {
  private final Target target;
  private final Manifest object;
  private final Source source;
  private final String serviceNamespace;
  private final String serviceName;
  private final Integer servicePort;
  private final String servicePortName;
  private final String appNamespace;
  private final String appName;
  private final String tlsSecret;
  private final Map<String, String> labels;
  private final Setting<Workload> workload;
  private final Setting<HealthCheck> healthCheck;
  private final Setting<AcmeIssuer> tlsIssuer;
  private final Setting<BackendProtocol> backendProtocol;
  private final Setting<String> backendCaSecret;
  private final Setting<Affinity> affinity;
  private final List<Manifest> alsoFrom;

  private ServedApp(Builder b) {
    this.target = b.target;
    this.object = b.object;
    this.source = b.source;
    this.serviceNamespace = b.serviceNamespace;
    this.serviceName = b.serviceName;
    this.servicePort = b.servicePort;
    this.servicePortName = b.servicePortName;
    this.appNamespace = b.appNamespace;
    this.appName = b.appName;
    this.tlsSecret = b.tlsSecret;
    this.labels = b.labels == null ? null : Collections.unmodifiableMap(new TreeMap<>(b.labels));
    this.workload = b.workload;
    this.healthCheck = b.healthCheck;
    this.tlsIssuer = b.tlsIssuer;
    this.backendProtocol = b.backendProtocol;
    this.backendCaSecret = b.backendCaSecret;
    this.affinity = b.affinity;
    this.alsoFrom = List.copyOf(b.alsoFrom);
  }

  /**
   * Starts the facts that {@code target} read from {@code object} (the Deployment, the Server, the
   * Certificate), at the object's start.
   *
   * @param target the target as the input configures it (for instance a platform target with the
   *     ingress controller's namespace), so that an importer can render with it
   */
  public static Builder builder(Target target, Manifest object) {
    return new Builder(target, object, object.source());
  }

  /** The target that read these facts, configured as the input implies. */
  public Target target() {
    return target;
  }

  /** The object the facts were read from. */
  public Manifest object() {
    return object;
  }

  /** Where the facts start. */
  public Source source() {
    return source;
  }

  /** The objects the facts were read from: {@link #object()} first, then the others named. */
  public List<Manifest> objects() {
    List<Manifest> all = new ArrayList<>(1 + alsoFrom.size());
    all.add(object);
    for (Manifest m : alsoFrom) {
      if (!all.contains(m)) {
        all.add(m);
      }
    }
    return List.copyOf(all);
  }

  /** The app's own backend Service as {@code namespace/name}, when the facts name it. */
  public Optional<String> ownService() {
    return serviceName == null
        ? Optional.empty()
        : Optional.of(
            serviceNamespace.isEmpty() ? serviceName : serviceNamespace + "/" + serviceName);
  }

  /** The own Service's namespace (empty when unsaid), when the facts name the Service. */
  public Optional<String> ownServiceNamespace() {
    return Optional.ofNullable(serviceName == null ? null : serviceNamespace);
  }

  /** The own Service's name, when the facts name it. */
  public Optional<String> ownServiceName() {
    return Optional.ofNullable(serviceName);
  }

  /** The own Service's port number, when the facts give one. */
  public OptionalInt ownServicePort() {
    return servicePort == null ? OptionalInt.empty() : OptionalInt.of(servicePort);
  }

  /** The own Service's port name, when the facts give one (and no number). */
  public Optional<String> ownServicePortName() {
    return Optional.ofNullable(servicePortName);
  }

  /** The app's name as {@code namespace/name}, when the facts say it. */
  public Optional<String> appName() {
    return appName == null
        ? Optional.empty()
        : Optional.of(appNamespace.isEmpty() ? appName : appNamespace + "/" + appName);
  }

  String appNamespaceRaw() {
    return appNamespace;
  }

  String appNameRaw() {
    return appName;
  }

  /** The TLS Secret whose certificate these facts are about. */
  public Optional<String> tlsSecret() {
    return Optional.ofNullable(tlsSecret);
  }

  /** The labels that select the app's pods, when the facts know them. */
  public Optional<Map<String, String>> labels() {
    return Optional.ofNullable(labels);
  }

  /** The pods behind the app. */
  public Optional<Setting<Workload>> workload() {
    return Optional.ofNullable(workload);
  }

  /** The pods' HTTP health check (their probes). */
  public Optional<Setting<HealthCheck>> healthCheck() {
    return Optional.ofNullable(healthCheck);
  }

  /** The ACME issuer of the app's certificate. */
  public Optional<Setting<AcmeIssuer>> tlsIssuer() {
    return Optional.ofNullable(tlsIssuer);
  }

  /** What is spoken to the pods (a mesh's TLS server, for instance). */
  public Optional<Setting<BackendProtocol>> backendProtocol() {
    return Optional.ofNullable(backendProtocol);
  }

  /** The Secret with the CA that verifies the pods' certificate. */
  public Optional<Setting<String>> backendCaSecret() {
    return Optional.ofNullable(backendCaSecret);
  }

  /** Sticky sessions the facts set (a Service's {@code sessionAffinity: ClientIP}). */
  public Optional<Setting<Affinity>> affinity() {
    return Optional.ofNullable(affinity);
  }

  /** {@code platform facts Deployment default/chat (k8s/chat.yaml:1:1)}. */
  @Override
  public String toString() {
    return target.id() + " facts " + object.subject() + " (" + source + ")";
  }

  /** Builds a {@link ServedApp}; at least one key is needed. */
  public static final class Builder {
    private final Target target;
    private final Manifest object;
    private final Source source;
    private String serviceNamespace;
    private String serviceName;
    private Integer servicePort;
    private String servicePortName;
    private String appNamespace;
    private String appName;
    private String tlsSecret;
    private Map<String, String> labels;
    private Setting<Workload> workload;
    private Setting<HealthCheck> healthCheck;
    private Setting<AcmeIssuer> tlsIssuer;
    private Setting<BackendProtocol> backendProtocol;
    private Setting<String> backendCaSecret;
    private Setting<Affinity> affinity;
    private final List<Manifest> alsoFrom = new ArrayList<>();

    private Builder(Target target, Manifest object, Source source) {
      this.target = Objects.requireNonNull(target, "target");
      this.object = Objects.requireNonNull(object, "object");
      this.source = Objects.requireNonNull(source, "source");
    }

    /** Key: the app's own backend Service ({@code namespace} may be empty when unsaid). */
    public Builder ownService(String namespace, String name) {
      this.serviceNamespace = Objects.requireNonNull(namespace, "namespace");
      this.serviceName = nonEmpty(name, "the Service name");
      return this;
    }

    /** The own Service's port number (used when no route of the app names the port). */
    public Builder ownServicePort(int port) {
      this.servicePort = port;
      this.servicePortName = null;
      return this;
    }

    /** The own Service's port name (used when no route of the app names the port). */
    public Builder ownServicePortName(String portName) {
      this.servicePortName = nonEmpty(portName, "the port name");
      this.servicePort = null;
      return this;
    }

    /** Key: the app's name ({@code namespace} may be empty when unsaid). */
    public Builder app(String namespace, String name) {
      this.appNamespace = Objects.requireNonNull(namespace, "namespace");
      this.appName = nonEmpty(name, "the app name");
      return this;
    }

    /** Key: the TLS Secret the facts are about (a Certificate's {@code secretName}). */
    public Builder tlsSecret(String secretName) {
      this.tlsSecret = nonEmpty(secretName, "the Secret name");
      return this;
    }

    /** The labels that select the app's pods (a Service selector, a pod template's labels). */
    public Builder labels(Map<String, String> selector) {
      this.labels = Map.copyOf(Objects.requireNonNull(selector, "selector"));
      return this;
    }

    /** The pods behind the app. */
    public Builder workload(Setting<Workload> value) {
      this.workload = value;
      return this;
    }

    /** The pods' health check. */
    public Builder healthCheck(Setting<HealthCheck> value) {
      this.healthCheck = value;
      return this;
    }

    /** The certificate's ACME issuer. */
    public Builder tlsIssuer(Setting<AcmeIssuer> value) {
      this.tlsIssuer = value;
      return this;
    }

    /** What is spoken to the pods. */
    public Builder backendProtocol(Setting<BackendProtocol> value) {
      this.backendProtocol = value;
      return this;
    }

    /** The CA Secret that verifies the pods' certificate. */
    public Builder backendCaSecret(Setting<String> value) {
      this.backendCaSecret = value;
      return this;
    }

    /** Sticky sessions set outside the routes (a Service's client-IP affinity). */
    public Builder affinity(Setting<Affinity> value) {
      this.affinity = value;
      return this;
    }

    /** Another object the facts were read from (an autoscaler, a disruption budget). */
    public Builder alsoFrom(Manifest other) {
      alsoFrom.add(Objects.requireNonNull(other, "other"));
      return this;
    }

    /**
     * Builds the facts.
     *
     * @throws IllegalStateException when no key was given
     */
    public ServedApp build() {
      if (serviceName == null && appName == null && tlsSecret == null) {
        throw new IllegalStateException(
            "app facts need a key: call ownService(...), app(...) or tlsSecret(...)");
      }
      return new ServedApp(this);
    }

    private static String nonEmpty(String value, String what) {
      if (value == null || value.isEmpty()) {
        throw new IllegalArgumentException(what + " is empty");
      }
      return value;
    }
  }
}
