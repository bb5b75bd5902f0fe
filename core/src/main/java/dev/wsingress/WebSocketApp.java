package dev.wsingress;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.immutables.value.Value;

/**
 * What a WebSocket application needs from the edge, once, in WebSocket terms. Targets turn it into
 * the objects and settings of one controller or mesh.
 *
 * <p>Instances are immutable and always valid: {@link Builder#build()} checks every field at once
 * and throws one {@link InvalidSpecException} listing every problem.
 *
 * <pre>{@code
 * WebSocketApp app = WebSocketApp.on("ws.example.com")
 *     .name("chat")
 *     .namespace("default")
 *     .path("/ws")
 *     .service("websocket-service", 8080)
 *     .timeout(3600)
 *     .connectTimeout(Duration.ofSeconds(10))
 *     .stickySessions(Affinity.cookie("ws-server").maxAge(Duration.ofDays(1)))
 *     .tls(Tls.secret("websocket-tls"))
 *     .rateLimit(RateLimit.handshakesPerSecond(10).burst(50))
 *     .maxConnectionsPerClient(100)
 *     .cors(Cors.allowOrigins("https://app.example.com"))
 *     .healthCheck(HealthCheck.http("/health"))
 *     .build();
 * }</pre>
 */
@Value.Immutable
public abstract class WebSocketApp {
  WebSocketApp() {}

  /** The idle timeout used when none is given: one hour, not a controller's 60 seconds. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofHours(1);

  /** The longest idle timeout: HAProxy's limit of 2^31-1 ms, rounded down to whole days. */
  public static final Duration MAX_IDLE_TIMEOUT = Duration.ofDays(24);

  /** The longest connect timeout the spec accepts (targets may allow less). */
  public static final Duration MAX_CONNECT_TIMEOUT = Duration.ofHours(1);

  /** Longest names leave room for the suffixes targets add, such as {@code -circuit-breaker}. */
  public static final int MAX_NAME_LENGTH = 47;

  /** Starts a spec for an app served on {@code host}. */
  public static Builder on(String host) {
    return new Builder().alsoOn(host);
  }

  /** The hosts the app is served on, in the order given. */
  public abstract List<String> hosts();

  /** The base name of every object rendered for the app. */
  public abstract String name();

  /** The namespace of the app's objects. */
  public abstract String namespace();

  /** The labels that select the app's pods; also set on every object rendered. */
  public abstract Map<String, String> labels();

  /**
   * Every route, in the order given, each with its {@link Route#backend() backend} (the app's
   * service unless the route names its own) and {@link Route#kind() kind}; one WebSocket route for
   * {@code /} (prefix) when none is given.
   */
  public abstract List<Route> routes();

  /**
   * The app's own backend Service's name: the backend of every route that names none, and the
   * Service the platform kit renders for the app's workload.
   */
  public abstract String serviceName();

  /** The backend Service's port number, when it was given by number. */
  public abstract OptionalInt servicePort();

  /** The backend Service's port name, when it was given by name. */
  public abstract Optional<String> servicePortName();

  /** The longest time a socket may stay silent in both directions before the proxy closes it. */
  public abstract Duration idleTimeout();

  /** The longest time without data from the backend; the idle timeout unless set. */
  public abstract Duration readTimeout();

  /** The longest time without data to the backend; the idle timeout unless set. */
  public abstract Duration sendTimeout();

  /** How long the proxy waits to open a TCP connection to a pod; unset keeps the default. */
  public abstract Optional<Duration> connectTimeout();

  /** Sticky sessions. */
  public abstract Optional<Affinity> affinity();

  /** TLS at the edge. */
  public abstract Optional<Tls> tls();

  /** Handshake rate limit per client. */
  public abstract Optional<RateLimit> rateLimit();

  /** The most concurrent sockets one client may hold. */
  public abstract OptionalInt maxConnectionsPerClient();

  /** CORS for the HTTP endpoints next to the socket. */
  public abstract Optional<Cors> cors();

  /** Whether the proxy buffers responses; off, as streaming needs. */
  public abstract boolean responseBuffering();

  /** Whether the proxy buffers request bodies; off, as streaming needs. */
  public abstract boolean requestBuffering();

  /** What the proxy speaks to the pods. */
  public abstract BackendProtocol backendProtocol();

  /** The Secret with the CA that verifies the backend's certificate (HTTPS backends). */
  public abstract Optional<String> backendCaSecret();

  /** The backend health check. */
  public abstract Optional<HealthCheck> healthCheck();

  /** The pods behind the app, for the platform kit. */
  public abstract Optional<Workload> workload();

  /**
   * The labels of every rendered object: the selector {@link #labels()} plus {@code
   * app.kubernetes.io/managed-by: wsingress}.
   */
  public Map<String, String> objectLabels() {
    Map<String, String> all = new TreeMap<>(labels());
    all.put("app.kubernetes.io/managed-by", "wsingress");
    return Collections.unmodifiableMap(all);
  }

  /**
   * The metadata every target gives an object it renders for this app: {@code name}, the app's
   * namespace and {@link #objectLabels()}; a new object the caller may add annotations to.
   */
  public ObjectMeta objectMeta(String name) {
    ObjectMeta meta = new ObjectMeta();
    meta.setName(name);
    meta.setNamespace(namespace());
    meta.setLabels(new LinkedHashMap<>(objectLabels()));
    return meta;
  }

  /** The hosts the TLS certificate covers: the TLS hosts if given, else every host. */
  public List<String> tlsHosts() {
    if (tls().isEmpty()) {
      return List.of();
    }
    List<String> tlsHosts = tls().get().hosts();
    return tlsHosts.isEmpty() ? hosts() : tlsHosts;
  }

  /** A builder holding this app's values, to derive a changed copy. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.hosts.addAll(hosts());
    b.name = name();
    b.namespace = namespace();
    b.labels.putAll(labels());
    RouteBackend own =
        RouteBackend.of(
            serviceName(),
            servicePort().isPresent() ? servicePort().getAsInt() : null,
            servicePortName().orElse(null));
    for (Route r : routes()) {
      // Routes on the app's own service follow it when the copy names another service.
      b.routes.add(r.backend().equals(Optional.of(own)) ? r.withoutBackend() : r);
    }
    b.serviceName = serviceName();
    b.servicePort = servicePort().isPresent() ? servicePort().getAsInt() : null;
    b.servicePortName = servicePortName().orElse(null);
    b.serviceGiven = true;
    b.idleTimeout = idleTimeout();
    b.readTimeout = readTimeout().equals(idleTimeout()) ? null : readTimeout();
    b.sendTimeout = sendTimeout().equals(idleTimeout()) ? null : sendTimeout();
    b.connectTimeout = connectTimeout().orElse(null);
    affinity().ifPresent(b.affinities::add);
    b.tls = tls().orElse(null);
    b.rateLimit = rateLimit().orElse(null);
    b.maxConnectionsPerClient =
        maxConnectionsPerClient().isPresent() ? maxConnectionsPerClient().getAsInt() : null;
    b.cors = cors().orElse(null);
    b.responseBuffering = responseBuffering();
    b.requestBuffering = requestBuffering();
    b.backendProtocol = backendProtocol();
    b.backendCaSecret = backendCaSecret().orElse(null);
    b.healthCheck = healthCheck().orElse(null);
    b.workload = workload().orElse(null);
    return b;
  }

  /**
   * The fluent builder. Setters accept anything, {@code null} included, and never throw; {@link
   * #build()} judges all values together. A {@code null} given to an optional setting clears it.
   */
  public static final class Builder {
    final List<String> hosts = new ArrayList<>();
    String name;
    String namespace;
    final Map<String, String> labels = new LinkedHashMap<>();
    final List<Route> routes = new ArrayList<>();
    String serviceName;
    Integer servicePort;
    String servicePortName;
    boolean serviceGiven;
    Duration idleTimeout;
    Duration readTimeout;
    Duration sendTimeout;
    Duration connectTimeout;
    final List<Affinity> affinities = new ArrayList<>();
    Tls tls;
    RateLimit rateLimit;
    Integer maxConnectionsPerClient;
    Cors cors;
    boolean responseBuffering;
    boolean requestBuffering;
    BackendProtocol backendProtocol = BackendProtocol.HTTP;
    String backendCaSecret;
    HealthCheck healthCheck;
    Workload workload;

    Builder() {}

    /** Serves the app on more hosts too. */
    public Builder alsoOn(String... moreHosts) {
      hosts.addAll(Cors.list(moreHosts));
      return this;
    }

    /** The base name of the rendered objects; defaults to the Service's name. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** The namespace; defaults to {@code default}. */
    public Builder namespace(String namespace) {
      this.namespace = namespace;
      return this;
    }

    /**
     * Adds a label that selects the app's pods. Without labels, the app uses {@code
     * app.kubernetes.io/name: <name>}.
     */
    public Builder label(String key, String value) {
      labels.put(key, value);
      return this;
    }

    /**
     * Adds a WebSocket route for requests whose path starts with {@code path} (by whole segments),
     * to the app's service.
     */
    public Builder path(String path) {
      routes.add(Route.of(path, Route.Match.PREFIX));
      return this;
    }

    /**
     * Adds a WebSocket route for requests whose path is exactly {@code path}, to the app's service.
     */
    public Builder exactPath(String path) {
      routes.add(Route.of(path, Route.Match.EXACT));
      return this;
    }

    /**
     * Adds a route: a plain HTTP route beside the socket, or a WebSocket route with its own backend
     * or rewrite.
     *
     * <pre>{@code
     * .route(Route.http("/api").to("chat-api", 80).requestTimeout(Duration.ofSeconds(30)))
     * .route(Route.websocket("/notify").to("notify", "http").rewriteTo("/ws"))
     * }</pre>
     */
    public Builder route(Route route) {
      routes.add(route);
      return this;
    }

    /**
     * The app's own backend Service and its port number: the backend of every route that names
     * none.
     */
    public Builder service(String name, int port) {
      this.serviceName = name;
      this.servicePort = port;
      this.servicePortName = null;
      this.serviceGiven = true;
      return this;
    }

    /**
     * The app's own backend Service and the name of its port: the backend of every route that names
     * none.
     */
    public Builder service(String name, String portName) {
      this.serviceName = name;
      this.servicePort = null;
      this.servicePortName = portName;
      this.serviceGiven = true;
      if (portName == null) {
        // Kept as an empty name so build() reports it under service.portName.
        this.servicePortName = "";
      }
      return this;
    }

    /** The idle timeout in seconds: how long a silent socket stays open. */
    public Builder timeout(int seconds) {
      return timeout(Duration.ofSeconds(seconds));
    }

    /** The idle timeout: how long a silent socket stays open. Default one hour. */
    public Builder timeout(Duration idle) {
      this.idleTimeout = idle;
      return this;
    }

    /** A read idle timeout (backend to client) different from the idle timeout. */
    public Builder readTimeout(Duration read) {
      this.readTimeout = read;
      return this;
    }

    /** A send idle timeout (client to backend) different from the idle timeout. */
    public Builder sendTimeout(Duration send) {
      this.sendTimeout = send;
      return this;
    }

    /** How long the proxy may take to open a TCP connection to a pod. */
    public Builder connectTimeout(Duration connect) {
      this.connectTimeout = connect;
      return this;
    }

    /** Sticky sessions; only one kind of affinity may be given. */
    public Builder stickySessions(Affinity affinity) {
      if (affinity == null) {
        affinities.clear();
      } else {
        affinities.add(affinity);
      }
      return this;
    }

    /** TLS at the edge, with a redirect from HTTP unless turned off. */
    public Builder tls(Tls tls) {
      this.tls = tls;
      return this;
    }

    /** A limit on handshakes per client. */
    public Builder rateLimit(RateLimit rateLimit) {
      this.rateLimit = rateLimit;
      return this;
    }

    /** The most concurrent sockets one client may hold. */
    public Builder maxConnectionsPerClient(int max) {
      this.maxConnectionsPerClient = max;
      return this;
    }

    /** CORS for the HTTP endpoints next to the socket. */
    public Builder cors(Cors cors) {
      this.cors = cors;
      return this;
    }

    /** Buffers responses at the proxy (off by default; streaming needs it off). */
    public Builder responseBuffering(boolean on) {
      this.responseBuffering = on;
      return this;
    }

    /** Buffers request bodies at the proxy (off by default). */
    public Builder requestBuffering(boolean on) {
      this.requestBuffering = on;
      return this;
    }

    /** The protocol to the pods; HTTP by default. */
    public Builder backendProtocol(BackendProtocol protocol) {
      this.backendProtocol = protocol;
      return this;
    }

    /**
     * The Secret (in the app's namespace, with the CA certificate as {@code ca.crt}; haproxytech
     * reads it only from {@code tls.crt}, so give both keys for that target) that verifies an HTTPS
     * backend's certificate. Targets never skip that verification.
     */
    public Builder backendCaSecret(String secretName) {
      this.backendCaSecret = secretName;
      return this;
    }

    /** A health check of the pods. */
    public Builder healthCheck(HealthCheck healthCheck) {
      this.healthCheck = healthCheck;
      return this;
    }

    /** The pods behind the app (image, replicas, ports, autoscaling), for the platform kit. */
    public Builder workload(Workload workload) {
      this.workload = workload;
      return this;
    }

    /**
     * Validates every value and builds the app.
     *
     * @throws InvalidSpecException listing every problem; nothing is built
     */
    public WebSocketApp build() {
      List<Problem> problems = SpecValidator.validate(this);
      if (!problems.isEmpty()) {
        throw new InvalidSpecException("WebSocketApp", problems);
      }
      String appName = name != null ? name : serviceName;
      Duration idle = idleTimeout != null ? idleTimeout : DEFAULT_IDLE_TIMEOUT;
      Map<String, String> selector =
          labels.isEmpty() ? Map.of("app.kubernetes.io/name", appName) : labels;
      RouteBackend own = RouteBackend.of(serviceName, servicePort, servicePortName);
      List<Route> all = new ArrayList<>(Math.max(1, routes.size()));
      for (Route r : routes.isEmpty() ? List.of(Route.of("/", Route.Match.PREFIX)) : routes) {
        all.add(r.withDefaultBackend(own));
      }
      ImmutableWebSocketApp.Builder b =
          ImmutableWebSocketApp.builder()
              .hosts(hosts)
              .name(appName)
              .namespace(namespace != null ? namespace : "default")
              .labels(Collections.unmodifiableMap(new TreeMap<>(selector)))
              .routes(all)
              .serviceName(serviceName)
              .idleTimeout(idle)
              .readTimeout(readTimeout != null ? readTimeout : idle)
              .sendTimeout(sendTimeout != null ? sendTimeout : idle)
              .connectTimeout(Optional.ofNullable(connectTimeout))
              .affinity(
                  affinities.isEmpty()
                      ? Optional.empty()
                      : Optional.of(affinities.get(affinities.size() - 1)))
              .tls(Optional.ofNullable(tls))
              .rateLimit(Optional.ofNullable(rateLimit))
              .cors(Optional.ofNullable(cors))
              .responseBuffering(responseBuffering)
              .requestBuffering(requestBuffering)
              .backendProtocol(backendProtocol)
              .backendCaSecret(Optional.ofNullable(backendCaSecret))
              .healthCheck(Optional.ofNullable(healthCheck))
              .workload(Optional.ofNullable(workload));
      if (servicePort != null) {
        b.servicePort(servicePort);
      } else {
        b.servicePortName(servicePortName);
      }
      if (maxConnectionsPerClient != null) {
        b.maxConnectionsPerClient(maxConnectionsPerClient);
      }
      return b.build();
    }

    @Override
    public String toString() {
      return "WebSocketApp.Builder" + Arrays.asList(hosts.toArray());
    }
  }
}
