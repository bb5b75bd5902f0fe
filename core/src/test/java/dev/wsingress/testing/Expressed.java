package dev.wsingress.testing;

import dev.wsingress.WebSocketApp;
import dev.wsingress.Workload;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The fields of a {@link WebSocketApp} that one target (with its companions) can express in its
 * output, by name, for the round-trip property: an import of the target's rendering must give back
 * an app equal to the original on each of them. Start from {@link #all()} and leave out or redefine
 * what the target cannot say; immutable, each method returns a changed copy.
 *
 * <pre>{@code
 * Expressed nginx = Expressed.all()
 *     .without("workload", "serviceName", "servicePort", "servicePortName", "idleTimeout")
 *     .with("routes", Expressed.inAnyOrder(WebSocketApp::routes))    // split over Ingresses
 *     .with("affinity", app -> app.affinity().map(a -> a.kind()));     // only the kind survives
 * }</pre>
 */
public final class Expressed {
  private final Map<String, Function<WebSocketApp, ?>> fields;

  private Expressed(Map<String, Function<WebSocketApp, ?>> fields) {
    this.fields = Collections.unmodifiableMap(fields);
  }

  /**
   * Every field of the spec, each compared as the app holds it (routes in order), except TLS,
   * compared by the hosts it covers ({@link WebSocketApp#tlsHosts()}).
   */
  public static Expressed all() {
    Map<String, Function<WebSocketApp, ?>> f = new LinkedHashMap<>();
    f.put("hosts", WebSocketApp::hosts);
    f.put("name", WebSocketApp::name);
    f.put("namespace", WebSocketApp::namespace);
    f.put("labels", WebSocketApp::labels);
    f.put("routes", WebSocketApp::routes);
    f.put("serviceName", WebSocketApp::serviceName);
    f.put("servicePort", WebSocketApp::servicePort);
    f.put("servicePortName", WebSocketApp::servicePortName);
    f.put("idleTimeout", WebSocketApp::idleTimeout);
    f.put("readTimeout", WebSocketApp::readTimeout);
    f.put("sendTimeout", WebSocketApp::sendTimeout);
    f.put("connectTimeout", WebSocketApp::connectTimeout);
    f.put("affinity", WebSocketApp::affinity);
    // TLS by the hosts it covers: hosts(...) listing every host in order says what none says.
    f.put("tls", app -> app.tls().map(t -> t.hosts(app.tlsHosts().toArray(new String[0]))));
    f.put("rateLimit", WebSocketApp::rateLimit);
    f.put("maxConnectionsPerClient", WebSocketApp::maxConnectionsPerClient);
    f.put("cors", WebSocketApp::cors);
    f.put("responseBuffering", WebSocketApp::responseBuffering);
    f.put("requestBuffering", WebSocketApp::requestBuffering);
    f.put("backendProtocol", WebSocketApp::backendProtocol);
    f.put("backendCaSecret", WebSocketApp::backendCaSecret);
    f.put("healthCheck", WebSocketApp::healthCheck);
    f.put("workload", WebSocketApp::workload);
    return new Expressed(f);
  }

  /** No field (add them with {@link #with}). */
  public static Expressed none() {
    return new Expressed(new LinkedHashMap<>());
  }

  /** Adds the field {@code name}, or replaces how it is compared. */
  public Expressed with(String name, Function<WebSocketApp, ?> value) {
    Map<String, Function<WebSocketApp, ?>> f = new LinkedHashMap<>(fields);
    f.put(name, value);
    return new Expressed(f);
  }

  /**
   * Leaves these fields out.
   *
   * @throws IllegalArgumentException when one of them is not a field here (a typo would otherwise
   *     weaken the property without a word)
   */
  public Expressed without(String... names) {
    Map<String, Function<WebSocketApp, ?>> f = new LinkedHashMap<>(fields);
    for (String n : names) {
      if (f.remove(n) == null) {
        throw new IllegalArgumentException(
            "no field " + n + " to leave out; fields: " + f.keySet());
      }
    }
    return new Expressed(f);
  }

  /** A list compared regardless of its order (sorted by each item's text). */
  public static <T> Function<WebSocketApp, Object> inAnyOrder(
      Function<WebSocketApp, List<T>> list) {
    return app -> {
      List<T> items = new ArrayList<>(list.apply(app));
      items.sort(Comparator.comparing(String::valueOf));
      return items;
    };
  }

  /**
   * The workload as the platform kit's Deployment and autoscaler hold it, for {@code
   * .with("workload", Expressed::platformWorkload)}: the replica count only without autoscaling
   * (the autoscaler owns it then), the container port defaulting to the Service port, every other
   * field as given; null without a workload.
   */
  public static Object platformWorkload(WebSocketApp app) {
    if (app.workload().isEmpty()) {
      return null;
    }
    Workload w = app.workload().get();
    return Arrays.asList(
        w.image(),
        w.minReplicas().isPresent() ? null : w.replicas(),
        w.containerPort().orElse(app.servicePort().orElse(-1)),
        w.metricsPort(),
        w.env(),
        w.maxConnections(),
        w.pingInterval(),
        w.resources(),
        w.drainTime(),
        w.minReplicas(),
        w.maxReplicas(),
        w.connectionsPerPod(),
        w.egress());
  }

  /** The names of the fields, in order. */
  public List<String> names() {
    return List.copyOf(fields.keySet());
  }

  /** Each field's value for {@code app}, in order. */
  public Map<String, Object> of(WebSocketApp app) {
    Map<String, Object> out = new LinkedHashMap<>();
    fields.forEach((n, f) -> out.put(n, f.apply(app)));
    return out;
  }

  @Override
  public String toString() {
    return "Expressed" + fields.keySet();
  }
}
