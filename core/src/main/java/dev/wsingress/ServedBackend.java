package dev.wsingress;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A Service port that a route sends traffic to, resolved against the input: the Service (when the
 * input has it), the port entry the route names (by number or name), and the workloads whose pods
 * the Service selects. Made by {@link Manifests#backend(String, String, int)}; a reader records
 * where the route names it with {@link #at(Source)}.
 *
 * <pre>{@code
 * ServedBackend b = in.backend("default", "chat", 8080).at(m.source("/spec/rules/0/http/paths/0/backend"));
 * b.serviceObject().isPresent();        // the Service is in the input
 * b.appProtocol();                      // Optional[kubernetes.io/ws]
 * b.workloads();                        // [Deployment default/chat]
 * }</pre>
 */
public final class ServedBackend {
  private final String namespace;
  private final String service;
  private final Integer port;
  private final String portName;
  private final Manifest serviceObject;
  private final JsonNode servicePort;
  private final List<Manifest> workloads;
  private final Source reference;

  ServedBackend(
      String namespace,
      String service,
      Integer port,
      String portName,
      Manifest serviceObject,
      JsonNode servicePort,
      List<Manifest> workloads,
      Source reference) {
    this.namespace = Objects.requireNonNull(namespace, "namespace");
    this.service = Objects.requireNonNull(service, "service");
    this.port = port;
    this.portName = portName;
    this.serviceObject = serviceObject;
    this.servicePort = servicePort;
    this.workloads = List.copyOf(workloads);
    this.reference = reference;
  }

  /** The same backend, named by the route at {@code where}. */
  public ServedBackend at(Source where) {
    return new ServedBackend(
        namespace, service, port, portName, serviceObject, servicePort, workloads, where);
  }

  /** The Service's namespace as the route names it (empty when neither says). */
  public String namespace() {
    return namespace;
  }

  /** The Service's name. */
  public String service() {
    return service;
  }

  /** The Service port's number, when the route names it by number. */
  public OptionalInt port() {
    return port == null ? OptionalInt.empty() : OptionalInt.of(port);
  }

  /** The Service port's name, when the route names it by name. */
  public Optional<String> portName() {
    return Optional.ofNullable(portName);
  }

  /** The Service, when the input has it. */
  public Optional<Manifest> serviceObject() {
    return Optional.ofNullable(serviceObject);
  }

  /** The Service's {@code spec.ports[]} entry the route names, when the Service has it. */
  public Optional<JsonNode> servicePort() {
    return Optional.ofNullable(servicePort);
  }

  /** The port's {@code appProtocol}, such as {@code kubernetes.io/ws}, when it has one. */
  public Optional<String> appProtocol() {
    JsonNode p = servicePort == null ? null : servicePort.get("appProtocol");
    return p != null && p.isTextual() ? Optional.of(p.asText()) : Optional.empty();
  }

  /**
   * The workloads (Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs, CronJobs,
   * ReplicationControllers, Pods) in the input whose pod labels the Service's selector matches.
   */
  public List<Manifest> workloads() {
    return workloads;
  }

  /** Where the route names this backend, when the reader said. */
  public Optional<Source> reference() {
    return Optional.ofNullable(reference);
  }

  /** {@code Service namespace/name:port}, as messages name it. */
  public String describe() {
    return "Service "
        + (namespace.isEmpty() ? service : namespace + "/" + service)
        + " port "
        + (port != null ? String.valueOf(port) : Texts.quote(portName));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ServedBackend b
        && namespace.equals(b.namespace)
        && service.equals(b.service)
        && Objects.equals(port, b.port)
        && Objects.equals(portName, b.portName)
        && serviceObject == b.serviceObject
        && Objects.equals(reference, b.reference);
  }

  @Override
  public int hashCode() {
    return Objects.hash(namespace, service, port, portName, reference);
  }

  @Override
  public String toString() {
    return describe();
  }
}
