package dev.wsingress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What one controller will actually do with requests for one host and path, as a target's reader
 * worked it out from the input: which target serves it, how it matches, where it sends traffic,
 * whether it carries WebSocket traffic and why, and every setting in effect with its origin.
 * Immutable; made by a target's {@link Target#read reader} with {@link #builder}.
 *
 * <pre>{@code
 * ServedRoute r = report.routes("chat.example.com", "/ws/room").get(0);
 * r.targetId();                            // "nginx"
 * r.isWebSocket();                         // true
 * r.webSocketReason();                     // Optional[the idle timeout is raised to 1 h (...)]
 * r.idleTimeout().get().describe();        // "1 h (k8s/chat.yaml:9:5)"
 * r.backends().get(0).workloads();         // [Deployment default/chat]
 * }</pre>
 *
 * <h2>When a route is a WebSocket route</h2>
 *
 * The input must say so; a plain HTTP route gets no WebSocket findings. Evidence, in this order:
 *
 * <ol>
 *   <li>the annotation {@code wsingress.dev/websocket: "true"} on the routing object ({@code
 *       "false"} makes it a plain route whatever else says);
 *   <li>evidence the target's reader knows for its controller ({@link Builder#webSocketEvidence});
 *   <li>a backend Service port with {@code appProtocol: kubernetes.io/ws} or {@code
 *       kubernetes.io/wss} (k8s.io/api v0.34.0 core/v1/types.go: WebSocket over cleartext / TLS);
 *   <li>an idle or read timeout of at least {@link #RAISED_TIMEOUT 5 minutes}, or none, set on the
 *       route's own objects ({@link Setting.Origin#ROUTE});
 *   <li>a path segment that WebSocket libraries use: {@code socket.io}, {@code sockjs}, {@code
 *       cable} (ActionCable), {@code ws}, {@code wss}, {@code websocket}, {@code websockets}.
 * </ol>
 */
public final class ServedRoute {

  /** The shortest idle or read timeout that counts as raised for WebSocket traffic. */
  public static final Duration RAISED_TIMEOUT = Duration.ofMinutes(5);

  /** The annotation that says whether a routing object carries WebSocket traffic. */
  public static final String WEBSOCKET_ANNOTATION = "wsingress.dev/websocket";

  private static final Set<String> WEBSOCKET_SEGMENTS =
      Set.of("socket.io", "sockjs", "cable", "ws", "wss", "websocket", "websockets");

  /** How the controller compares a request's host with the route's. */
  public enum HostMatch {
    /** Every host (an Ingress rule without a host, a Gateway listener without hostnames). */
    ANY,
    /** The host, ignoring case. */
    EXACT,
    /** {@code *.example.com}: exactly one more label ({@code a.example.com}, not {@code a.b…}). */
    WILDCARD_ONE_LABEL,
    /** {@code *.example.com}: one or more labels ({@code a.example.com} and {@code a.b…}). */
    WILDCARD_SUFFIX
  }

  /** How the controller compares a request's path with the route's. */
  public enum PathMatch {
    /** Exactly this path. */
    EXACT,
    /**
     * This path and everything below it by whole segments: {@code /ws} matches {@code /ws} and
     * {@code /ws/a}, not {@code /wsx} (Ingress {@code Prefix}, Gateway API {@code PathPrefix}); a
     * trailing {@code /} in the route's path is ignored.
     */
    PREFIX,
    /** Every path starting with these characters: {@code /ws} matches {@code /wsx}. */
    CHARACTER_PREFIX,
    /** A regular expression that must match at the start of the path (nginx {@code ~ ^…}). */
    REGEX_PREFIX,
    /** A regular expression that must match the whole path (Istio, Gateway API). */
    REGEX
  }

  private final Target target;
  private final Manifest object;
  private final Source source;
  private final String host;
  private final HostMatch hostMatch;
  private final String path;
  private final PathMatch pathMatch;
  private final Pattern regex;
  private final List<ServedBackend> backends;
  private final String webSocketReason;
  private final Setting<Duration> idleTimeout;
  private final Setting<Duration> readTimeout;
  private final Setting<Duration> sendTimeout;
  private final Setting<Duration> connectTimeout;
  private final Setting<Duration> requestTimeout;
  private final Setting<Boolean> upgrade;
  private final Setting<Affinity> affinity;
  private final Setting<Tls> tls;
  private final Setting<BackendProtocol> backendProtocol;
  private final Setting<Boolean> responseBuffering;
  private final Setting<Boolean> requestBuffering;
  private final Setting<RateLimit> rateLimit;
  private final Setting<Integer> maxConnectionsPerClient;
  private final Setting<String> rewrite;
  private final Setting<Cors> cors;
  private final Setting<HealthCheck> healthCheck;
  private final Setting<String> backendCaSecret;
  private final String appName;
  private final List<Manifest> alsoFrom;

  private ServedRoute(Builder b, String webSocketReason) {
    this.target = b.target;
    this.object = b.object;
    this.source = b.source;
    this.host = b.host;
    this.hostMatch = b.hostMatch;
    this.path = b.path;
    this.pathMatch = b.pathMatch;
    this.regex = b.regex;
    this.backends = List.copyOf(b.backends);
    this.webSocketReason = webSocketReason;
    this.idleTimeout = b.idleTimeout;
    this.readTimeout = b.readTimeout;
    this.sendTimeout = b.sendTimeout;
    this.connectTimeout = b.connectTimeout;
    this.requestTimeout = b.requestTimeout;
    this.upgrade = b.upgrade;
    this.affinity = b.affinity;
    this.tls = b.tls;
    this.backendProtocol = b.backendProtocol;
    this.responseBuffering = b.responseBuffering;
    this.requestBuffering = b.requestBuffering;
    this.rateLimit = b.rateLimit;
    this.maxConnectionsPerClient = b.maxConnectionsPerClient;
    this.rewrite = b.rewrite;
    this.cors = b.cors;
    this.healthCheck = b.healthCheck;
    this.backendCaSecret = b.backendCaSecret;
    this.appName = b.appName;
    this.alsoFrom = List.copyOf(b.alsoFrom);
  }

  /**
   * Starts a route that {@code target} serves from {@code object}, whose path (or rule) is written
   * at {@code at}.
   *
   * @param target the serving target as the input configures it (for instance {@code
   *     Nginx.target().ingressClass("internal")}), so that an importer can render with it
   */
  public static Builder builder(Target target, Manifest object, Source at) {
    return new Builder(target, object, at);
  }

  /** The serving target's id, such as {@code nginx}. */
  public String targetId() {
    return target.id();
  }

  /** The serving target, configured as the input implies (ingress class, gateway parent…). */
  public Target target() {
    return target;
  }

  /** The routing object (Ingress, IngressRoute, HTTPRoute, VirtualService…). */
  public Manifest object() {
    return object;
  }

  /** Where the route's path or rule is written. */
  public Source source() {
    return source;
  }

  /** The host, as the route writes it ({@code *.example.com} for wildcards; empty for any). */
  public String host() {
    return host;
  }

  /** How the host is matched. */
  public HostMatch hostMatch() {
    return hostMatch;
  }

  /** The path, or the regular expression for regex routes. */
  public String path() {
    return path;
  }

  /** How the path is matched. */
  public PathMatch pathMatch() {
    return pathMatch;
  }

  /** The Service ports the route sends to (several for a weighted split; empty for none). */
  public List<ServedBackend> backends() {
    return backends;
  }

  /** Whether the route carries WebSocket traffic, by the rule in the class description. */
  public boolean isWebSocket() {
    return webSocketReason != null;
  }

  /** Why the route counts as a WebSocket route; empty for a plain HTTP route. */
  public Optional<String> webSocketReason() {
    return Optional.ofNullable(webSocketReason);
  }

  /**
   * The timeout for a socket silent in both directions, when the controller has one setting for it
   * (HAProxy's tunnel timeout, an Envoy idle timeout); empty when it has none or the reader does
   * not know. {@link Duration#ZERO}: no timeout.
   */
  public Optional<Setting<Duration>> idleTimeout() {
    return Optional.ofNullable(idleTimeout);
  }

  /** How long the proxy waits for data from the backend (ingress-nginx proxy-read-timeout). */
  public Optional<Setting<Duration>> readTimeout() {
    return Optional.ofNullable(readTimeout);
  }

  /** How long the proxy waits to send data to the backend (ingress-nginx proxy-send-timeout). */
  public Optional<Setting<Duration>> sendTimeout() {
    return Optional.ofNullable(sendTimeout);
  }

  /** How long the proxy waits to open a connection to a pod. */
  public Optional<Setting<Duration>> connectTimeout() {
    return Optional.ofNullable(connectTimeout);
  }

  /** A deadline on the whole request, which on some controllers cuts an upgraded socket. */
  public Optional<Setting<Duration>> requestTimeout() {
    return Optional.ofNullable(requestTimeout);
  }

  /** Whether the controller forwards the WebSocket upgrade on this route. */
  public Optional<Setting<Boolean>> upgrade() {
    return Optional.ofNullable(upgrade);
  }

  /** The sticky sessions in effect; empty when there are none. */
  public Optional<Setting<Affinity>> affinity() {
    return Optional.ofNullable(affinity);
  }

  /** TLS at the edge; empty for plain HTTP. */
  public Optional<Setting<Tls>> tls() {
    return Optional.ofNullable(tls);
  }

  /** What the proxy speaks to the pods. */
  public Optional<Setting<BackendProtocol>> backendProtocol() {
    return Optional.ofNullable(backendProtocol);
  }

  /** Whether responses are buffered by the proxy. */
  public Optional<Setting<Boolean>> responseBuffering() {
    return Optional.ofNullable(responseBuffering);
  }

  /** Whether request bodies are buffered by the proxy. */
  public Optional<Setting<Boolean>> requestBuffering() {
    return Optional.ofNullable(requestBuffering);
  }

  /** The handshake rate limit per client; empty when there is none. */
  public Optional<Setting<RateLimit>> rateLimit() {
    return Optional.ofNullable(rateLimit);
  }

  /** The most concurrent connections per client; empty when there is no limit. */
  public Optional<Setting<Integer>> maxConnectionsPerClient() {
    return Optional.ofNullable(maxConnectionsPerClient);
  }

  /**
   * The prefix that replaces the matched path prefix before the request reaches the backend (the
   * spec's rewrite); empty when the path is passed on unchanged. A reader that finds a rewrite of
   * another shape (a regex with capture groups) reports it as a finding.
   */
  public Optional<Setting<String>> rewrite() {
    return Optional.ofNullable(rewrite);
  }

  /** CORS answered by the proxy; empty when it answers none. */
  public Optional<Setting<Cors>> cors() {
    return Optional.ofNullable(cors);
  }

  /**
   * The proxy's own active health check of the route's pods (HAProxy {@code check}, a Traefik
   * service {@code healthCheck}, an Envoy Gateway active check); empty when the proxy probes
   * nothing and relies on the pods' readiness.
   */
  public Optional<Setting<HealthCheck>> healthCheck() {
    return Optional.ofNullable(healthCheck);
  }

  /**
   * The Secret with the CA that verifies an HTTPS backend's certificate; empty when the proxy does
   * not verify it (or speaks plain HTTP).
   */
  public Optional<Setting<String>> backendCaSecret() {
    return Optional.ofNullable(backendCaSecret);
  }

  /**
   * The name of the app this route was rendered for, as the reader derives it from the routing
   * object: for objects wsingress rendered ({@code app.kubernetes.io/managed-by: wsingress}), the
   * object's name without the suffix the target adds for a second object ({@code chat} for {@code
   * chat-http}). Empty when the reader does not say; {@link Import} then takes the object's name.
   */
  public Optional<String> appName() {
    return Optional.ofNullable(appName);
  }

  /**
   * The objects the route was read from: the routing object first, then the others its settings
   * come from (Middlewares, DestinationRules, policies), as the reader named them with {@link
   * Builder#alsoFrom}.
   */
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

  /**
   * Whether a request for {@code host} and {@code path} (no query string) takes this route's match,
   * by its {@link #hostMatch()} and {@link #pathMatch()}. Which of several matching routes wins is
   * {@link #PRECEDENCE}.
   */
  public boolean matches(String host, String path) {
    return hostMatches(host) && pathMatches(path);
  }

  private boolean hostMatches(String h) {
    String given = h.toLowerCase(Locale.ROOT);
    String mine = host.toLowerCase(Locale.ROOT);
    switch (hostMatch) {
      case ANY:
        return true;
      case EXACT:
        return given.equals(mine);
      default:
        String suffix = mine.substring(1); // ".example.com"
        if (!given.endsWith(suffix) || given.length() == suffix.length()) {
          return false;
        }
        String label = given.substring(0, given.length() - suffix.length());
        return hostMatch == HostMatch.WILDCARD_SUFFIX || label.indexOf('.') < 0;
    }
  }

  private boolean pathMatches(String p) {
    switch (pathMatch) {
      case EXACT:
        return p.equals(path);
      case PREFIX:
        if (path.equals("/")) {
          return p.startsWith("/");
        }
        String base = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return p.equals(base) || p.startsWith(base + "/");
      case CHARACTER_PREFIX:
        return p.startsWith(path);
      case REGEX_PREFIX:
        return regex.matcher(p).lookingAt();
      default:
        return regex.matcher(p).matches();
    }
  }

  /**
   * The order in which matching routes of one controller win, as the Ingress and Gateway API
   * specifications state it: an exact host before a wildcard before any host; an exact path before
   * a prefix; a longer path before a shorter one; regex routes after the others; then input order.
   * Controllers that differ (ingress-nginx with regex paths picks the first matching location)
   * report that with a finding.
   */
  public static final Comparator<ServedRoute> PRECEDENCE =
      Comparator.<ServedRoute>comparingInt(
              r -> r.hostMatch == HostMatch.EXACT ? 0 : r.hostMatch == HostMatch.ANY ? 2 : 1)
          .thenComparingInt(r -> r.hostMatch == HostMatch.ANY ? 0 : -r.host.length())
          .thenComparingInt(
              r ->
                  r.pathMatch == PathMatch.EXACT
                      ? 0
                      : r.pathMatch == PathMatch.REGEX || r.pathMatch == PathMatch.REGEX_PREFIX
                          ? 2
                          : 1)
          .thenComparingInt(r -> -r.path.length())
          .thenComparingInt(r -> r.object.ordinal())
          .thenComparing(r -> r.source);

  /** {@code nginx chat.example.com/ws (PREFIX) → Service default/chat port 8080, WebSocket}. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(targetId()).append(' ');
    b.append(hostMatch == HostMatch.ANY ? "*" : host).append(path).append(" (").append(pathMatch);
    b.append(")");
    if (!backends.isEmpty()) {
      b.append(" → ");
      for (int i = 0; i < backends.size(); i++) {
        b.append(i == 0 ? "" : ", ").append(backends.get(i).describe());
      }
    }
    return b.append(isWebSocket() ? ", WebSocket" : ", HTTP").toString();
  }

  /** Builds a {@link ServedRoute}; every setting is optional. */
  public static final class Builder {
    private final Target target;
    private final Manifest object;
    private final Source source;
    private String host = "";
    private HostMatch hostMatch = HostMatch.ANY;
    private String path;
    private PathMatch pathMatch;
    private Pattern regex;
    private final List<ServedBackend> backends = new ArrayList<>();
    private final List<String> evidence = new ArrayList<>();
    private String plainEvidence;
    private Setting<Duration> idleTimeout;
    private Setting<Duration> readTimeout;
    private Setting<Duration> sendTimeout;
    private Setting<Duration> connectTimeout;
    private Setting<Duration> requestTimeout;
    private Setting<Boolean> upgrade;
    private Setting<Affinity> affinity;
    private Setting<Tls> tls;
    private Setting<BackendProtocol> backendProtocol;
    private Setting<Boolean> responseBuffering;
    private Setting<Boolean> requestBuffering;
    private Setting<RateLimit> rateLimit;
    private Setting<Integer> maxConnectionsPerClient;
    private Setting<String> rewrite;
    private Setting<Cors> cors;
    private Setting<HealthCheck> healthCheck;
    private Setting<String> backendCaSecret;
    private String appName;
    private final List<Manifest> alsoFrom = new ArrayList<>();

    private Builder(Target target, Manifest object, Source source) {
      this.target = Objects.requireNonNull(target, "target");
      this.object = Objects.requireNonNull(object, "object");
      this.source = Objects.requireNonNull(source, "source");
    }

    /**
     * The host and how it matches; {@link HostMatch#ANY} (the default) ignores the host. Wildcard
     * matches need a host starting with {@code *.}.
     */
    public Builder host(String host, HostMatch match) {
      Objects.requireNonNull(match, "match");
      if (match != HostMatch.ANY && (host == null || host.isEmpty())) {
        throw new IllegalArgumentException("a host is needed for " + match);
      }
      if ((match == HostMatch.WILDCARD_ONE_LABEL || match == HostMatch.WILDCARD_SUFFIX)
          && !host.startsWith("*.")) {
        throw new IllegalArgumentException("a wildcard host starts with *.: " + host);
      }
      this.host = match == HostMatch.ANY ? "" : host;
      this.hostMatch = match;
      return this;
    }

    /**
     * The path and how it matches. For regex matches the path is a Java regular expression; a
     * reader translates the controller's dialect (PCRE, RE2) and reports what it cannot.
     *
     * @throws IllegalArgumentException when a regex does not compile
     */
    public Builder path(String path, PathMatch match) {
      return path(path, match, false);
    }

    /** A path whose regex ignores case, as ingress-nginx's {@code ~*} locations do. */
    public Builder path(String path, PathMatch match, boolean ignoreCase) {
      this.path = Objects.requireNonNull(path, "path");
      this.pathMatch = Objects.requireNonNull(match, "match");
      if (match == PathMatch.REGEX || match == PathMatch.REGEX_PREFIX) {
        try {
          this.regex = Pattern.compile(path, ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
        } catch (PatternSyntaxException e) {
          throw new IllegalArgumentException("the path regex does not compile: " + path, e);
        }
      } else {
        this.regex = null;
      }
      return this;
    }

    /** A backend the route sends to (call once per backend of a split). */
    public Builder backend(ServedBackend backend) {
      backends.add(Objects.requireNonNull(backend, "backend"));
      return this;
    }

    /**
     * Evidence, from what the reader knows of its controller, that the route carries WebSocket
     * traffic, as a phrase with its source: {@code "the annotation nginx.org/websocket-services
     * names the Service (k8s/a.yaml:5:5)"}.
     */
    public Builder webSocketEvidence(String reason) {
      evidence.add(Objects.requireNonNull(reason, "reason"));
      return this;
    }

    /**
     * Evidence, from a marker only the reader's own writer puts on plain HTTP routes (for instance
     * the {@code http-} rule names of wsingress's HTTPRoutes), that the route is a plain HTTP route
     * although its backend's appProtocol, its timeouts or its path would count it as a WebSocket
     * route. The {@code wsingress.dev/websocket} annotation and {@link #webSocketEvidence} still
     * decide first.
     */
    public Builder plainHttpEvidence(String reason) {
      plainEvidence = Objects.requireNonNull(reason, "reason");
      return this;
    }

    /** The idle timeout in effect. */
    public Builder idleTimeout(Setting<Duration> value) {
      this.idleTimeout = value;
      return this;
    }

    /** The read timeout in effect. */
    public Builder readTimeout(Setting<Duration> value) {
      this.readTimeout = value;
      return this;
    }

    /** The send timeout in effect. */
    public Builder sendTimeout(Setting<Duration> value) {
      this.sendTimeout = value;
      return this;
    }

    /** The connect timeout in effect. */
    public Builder connectTimeout(Setting<Duration> value) {
      this.connectTimeout = value;
      return this;
    }

    /** The request deadline in effect. */
    public Builder requestTimeout(Setting<Duration> value) {
      this.requestTimeout = value;
      return this;
    }

    /** Whether the controller forwards the upgrade. */
    public Builder upgrade(Setting<Boolean> value) {
      this.upgrade = value;
      return this;
    }

    /** The sticky sessions in effect. */
    public Builder affinity(Setting<Affinity> value) {
      this.affinity = value;
      return this;
    }

    /** TLS at the edge. */
    public Builder tls(Setting<Tls> value) {
      this.tls = value;
      return this;
    }

    /** The protocol to the pods. */
    public Builder backendProtocol(Setting<BackendProtocol> value) {
      this.backendProtocol = value;
      return this;
    }

    /** Response buffering. */
    public Builder responseBuffering(Setting<Boolean> value) {
      this.responseBuffering = value;
      return this;
    }

    /** Request buffering. */
    public Builder requestBuffering(Setting<Boolean> value) {
      this.requestBuffering = value;
      return this;
    }

    /** The handshake rate limit. */
    public Builder rateLimit(Setting<RateLimit> value) {
      this.rateLimit = value;
      return this;
    }

    /** The per-client connection limit. */
    public Builder maxConnectionsPerClient(Setting<Integer> value) {
      this.maxConnectionsPerClient = value;
      return this;
    }

    /** The prefix rewrite. */
    public Builder rewrite(Setting<String> value) {
      this.rewrite = value;
      return this;
    }

    /** CORS. */
    public Builder cors(Setting<Cors> value) {
      this.cors = value;
      return this;
    }

    /** The proxy's active health check of the pods. */
    public Builder healthCheck(Setting<HealthCheck> value) {
      this.healthCheck = value;
      return this;
    }

    /** The Secret with the CA that verifies an HTTPS backend. */
    public Builder backendCaSecret(Setting<String> value) {
      this.backendCaSecret = value;
      return this;
    }

    /**
     * The app's name, when the routing object says it: for an object wsingress rendered, its name
     * without the target's suffix ({@code chat} for {@code chat-http}). See {@link
     * ServedRoute#appName()}.
     *
     * @throws IllegalArgumentException when the name is empty
     */
    public Builder appName(String name) {
      if (name == null || name.isEmpty()) {
        throw new IllegalArgumentException("an app name is not empty");
      }
      this.appName = name;
      return this;
    }

    /**
     * Another object the route's settings were read from (a Middleware, a DestinationRule, a policy
     * attached to the route), so that a converter knows the app replaces it.
     */
    public Builder alsoFrom(Manifest other) {
      alsoFrom.add(Objects.requireNonNull(other, "other"));
      return this;
    }

    /**
     * Builds the route and decides whether it is a WebSocket route.
     *
     * @throws IllegalStateException when no path was given
     */
    public ServedRoute build() {
      if (path == null) {
        throw new IllegalStateException("a served route needs a path: call path(...)");
      }
      return new ServedRoute(this, webSocketReason());
    }

    private static String raised(Setting<Duration> t, String which) {
      if (t == null
          || t.origin() != Setting.Origin.ROUTE
          || !(t.value().isZero() || t.value().compareTo(RAISED_TIMEOUT) >= 0)) {
        return null;
      }
      return "the "
          + which
          + " timeout is raised to "
          + Setting.show(t.value())
          + " ("
          + t.source().orElseThrow()
          + ")";
    }

    private String webSocketReason() {
      Optional<String> flag = object.annotation(WEBSOCKET_ANNOTATION);
      if (flag.isPresent()) {
        String v = flag.get().trim();
        if (v.equalsIgnoreCase("false")) {
          return null;
        }
        if (v.equalsIgnoreCase("true")) {
          return "the annotation "
              + WEBSOCKET_ANNOTATION
              + ": \"true\" ("
              + object.annotationSource(WEBSOCKET_ANNOTATION)
              + ")";
        }
      }
      if (!evidence.isEmpty()) {
        return evidence.get(0);
      }
      if (plainEvidence != null) {
        return null;
      }
      for (ServedBackend b : backends) {
        Optional<String> p = b.appProtocol();
        if (p.isPresent()
            && (p.get().equals("kubernetes.io/ws") || p.get().equals("kubernetes.io/wss"))) {
          return b.describe() + " has appProtocol " + p.get();
        }
      }
      String raised = raised(idleTimeout, "idle");
      if (raised == null) {
        raised = raised(readTimeout, "read");
      }
      if (raised != null) {
        return raised;
      }
      for (String segment : segments(path)) {
        if (WEBSOCKET_SEGMENTS.contains(segment)) {
          return "the path " + Texts.quote(path) + " has the WebSocket path segment /" + segment;
        }
      }
      return null;
    }
  }

  /** The path's segments in lower case; for a regex, the literal text between its operators. */
  static List<String> segments(String path) {
    String literal = path.replace("\\", "").toLowerCase(Locale.ROOT);
    return List.of(literal.split("[/^$()|?*+\\[\\]{}]+"));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ServedRoute r
        && targetId().equals(r.targetId())
        && object == r.object
        && source.equals(r.source)
        && host.equals(r.host)
        && hostMatch == r.hostMatch
        && path.equals(r.path)
        && pathMatch == r.pathMatch
        && backends.equals(r.backends)
        && Objects.equals(webSocketReason, r.webSocketReason)
        && settings().equals(r.settings());
  }

  @Override
  public int hashCode() {
    return Objects.hash(targetId(), source, host, path, pathMatch, backends);
  }

  private List<Object> settings() {
    return java.util.Arrays.asList(
        idleTimeout,
        readTimeout,
        sendTimeout,
        connectTimeout,
        requestTimeout,
        upgrade,
        affinity,
        tls,
        backendProtocol,
        responseBuffering,
        requestBuffering,
        rateLimit,
        maxConnectionsPerClient,
        rewrite,
        cors,
        healthCheck,
        backendCaSecret,
        appName);
  }

  /** Whether the route's path is a Socket.IO path (its HTTP long-polling needs stickiness). */
  boolean isSocketIo() {
    for (String segment : segments(path)) {
      if (segment.equals("socket.io")) {
        return true;
      }
    }
    return false;
  }
}
