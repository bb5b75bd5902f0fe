package dev.wsingress;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.immutables.value.Value;

/**
 * The pods behind the app, for the platform kit: image, replicas, ports, environment, resources,
 * how long a pod drains its sockets when it stops, autoscaling, and which other pods it calls (for
 * the NetworkPolicy). Unset values take the documented defaults; {@code null} arguments clear
 * optional values.
 *
 * <pre>{@code
 * .workload(Workload.image("registry.example.com/chat:1.4.2")
 *     .replicas(3)
 *     .metricsPort(9090)
 *     .maxConnections(10000)
 *     .pingInterval(Duration.ofSeconds(30))
 *     .resources("250m", "256Mi", "1", "512Mi")
 *     .drainTime(Duration.ofSeconds(60))
 *     .autoscale(3, 50)
 *     .connectionsPerPod(1000)
 *     .egressTo("app", "redis", 6379))
 * }</pre>
 */
@Value.Immutable
public abstract class Workload {
  Workload() {}

  /** How long a stopping pod keeps serving by default before it is told to stop. */
  public static final Duration DEFAULT_DRAIN_TIME = Duration.ofSeconds(30);

  /**
   * How long the app has after its SIGTERM to close its sockets: the pod's {@link
   * #terminationGracePeriod()} is the drain time plus this.
   */
  public static final Duration SHUTDOWN_MARGIN = Duration.ofSeconds(30);

  /** A workload running this container image. */
  public static Workload image(String image) {
    return ImmutableWorkload.builder().image(image).build();
  }

  /** Traffic the pods may send, for the NetworkPolicy. */
  public record Egress(String namespace, String labelKey, String labelValue, int port) {}

  /** The container image. */
  public abstract String image();

  /** The number of pods without autoscaling; 2 by default. */
  @Value.Default
  public int replicas() {
    return 2;
  }

  /** The container port; the Service port number by default. */
  public abstract OptionalInt containerPort();

  /** The port serving Prometheus metrics at /metrics, if any. */
  public abstract OptionalInt metricsPort();

  /** Environment variables, sorted by name. */
  public abstract Map<String, String> env();

  /** The most sockets one pod accepts, passed as MAX_CONNECTIONS. */
  public abstract OptionalInt maxConnections();

  /** The application's ping interval, passed as PING_INTERVAL in milliseconds. */
  public abstract Optional<Duration> pingInterval();

  /** CPU request, memory request, CPU limit, memory limit (Kubernetes quantities). */
  public abstract List<String> resources();

  /** How long a stopping pod keeps serving (preStop) before SIGTERM; 30 s by default. */
  @Value.Default
  public Duration drainTime() {
    return DEFAULT_DRAIN_TIME;
  }

  /**
   * The pod's {@code terminationGracePeriodSeconds}: {@link #drainTime()} plus {@link
   * #SHUTDOWN_MARGIN}. It counts from the start of the preStop hook, so a mesh sidecar that must
   * outlive the app is held for about this long.
   */
  public Duration terminationGracePeriod() {
    return drainTime().plus(SHUTDOWN_MARGIN);
  }

  /** The autoscaler's minimum replicas. */
  public abstract OptionalInt minReplicas();

  /** The autoscaler's maximum replicas. */
  public abstract OptionalInt maxReplicas();

  /** The average open sockets per pod the autoscaler aims for. */
  public abstract OptionalInt connectionsPerPod();

  /** Destinations the pods call, besides DNS. */
  public abstract List<Egress> egress();

  /** Sets the number of pods (without autoscaling). */
  public Workload replicas(int replicas) {
    return ImmutableWorkload.copyOf(this).withReplicas(replicas);
  }

  /** Sets the container port (the Service port by default). */
  public Workload containerPort(int port) {
    return ImmutableWorkload.copyOf(this).withContainerPort(port);
  }

  /** Sets the metrics port (served at /metrics). */
  public Workload metricsPort(int port) {
    return ImmutableWorkload.copyOf(this).withMetricsPort(port);
  }

  /** Adds an environment variable. */
  public Workload env(String name, String value) {
    Map<String, String> all = new TreeMap<>(java.util.Comparator.nullsFirst(String::compareTo));
    all.putAll(env());
    all.put(name, value);
    return ImmutableWorkload.builder().from(this).env(all).build();
  }

  /** Sets the most sockets one pod accepts (MAX_CONNECTIONS). */
  public Workload maxConnections(int max) {
    return ImmutableWorkload.copyOf(this).withMaxConnections(max);
  }

  /** Sets the application's ping interval (PING_INTERVAL, in milliseconds). */
  public Workload pingInterval(Duration interval) {
    return ImmutableWorkload.copyOf(this).withPingInterval(Optional.ofNullable(interval));
  }

  /** Sets CPU and memory requests and limits, as Kubernetes quantities. */
  public Workload resources(
      String cpuRequest, String memoryRequest, String cpuLimit, String memoryLimit) {
    return ImmutableWorkload.builder()
        .from(this)
        .resources(java.util.Arrays.asList(cpuRequest, memoryRequest, cpuLimit, memoryLimit))
        .build();
  }

  /** Sets how long a stopping pod keeps serving before it is told to stop. */
  public Workload drainTime(Duration drain) {
    return ImmutableWorkload.copyOf(this).withDrainTime(drain);
  }

  /** Scales between {@code min} and {@code max} pods on CPU, memory and open sockets. */
  public Workload autoscale(int min, int max) {
    return ImmutableWorkload.copyOf(this).withMinReplicas(min).withMaxReplicas(max);
  }

  /** The average open sockets per pod the autoscaler aims for (websocket_connections). */
  public Workload connectionsPerPod(int target) {
    return ImmutableWorkload.copyOf(this).withConnectionsPerPod(target);
  }

  /** Allows calls to pods labelled {@code key=value} in the app's namespace on {@code port}. */
  public Workload egressTo(String labelKey, String labelValue, int port) {
    return ImmutableWorkload.builder()
        .from(this)
        .addEgress(new Egress(null, labelKey, labelValue, port))
        .build();
  }

  /** Allows calls to any pod of {@code namespace} on {@code port}. */
  public Workload egressToNamespace(String namespace, int port) {
    return ImmutableWorkload.builder()
        .from(this)
        .addEgress(new Egress(namespace, null, null, port))
        .build();
  }
}
