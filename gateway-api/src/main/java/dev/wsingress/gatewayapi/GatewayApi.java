package dev.wsingress.gatewayapi;

import dev.wsingress.Affinity;
import dev.wsingress.BackendProtocol;
import dev.wsingress.ClientIpAffinity;
import dev.wsingress.Contributions;
import dev.wsingress.CookieAffinity;
import dev.wsingress.Cors;
import dev.wsingress.HeaderAffinity;
import dev.wsingress.InvalidSpecException;
import dev.wsingress.Problem;
import dev.wsingress.RenderContext;
import dev.wsingress.Rendering;
import dev.wsingress.Route;
import dev.wsingress.SpecRules;
import dev.wsingress.Target;
import dev.wsingress.WebSocketApp;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPCORSFilterBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilterBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatchBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRuleBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReferenceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.SessionPersistence;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.SessionPersistenceBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Kubernetes Gateway API target ({@code gateway.networking.k8s.io/v1}, standard channel v1.6):
 * an HTTPRoute for the app, a second HTTPRoute that redirects plain HTTP to HTTPS when TLS asks for
 * it, and optionally the Gateway itself. This is the migration path off the retired ingress-nginx.
 *
 * <p>WebSocket needs no field: implementations that claim {@code HTTPRouteBackendProtocolWebSocket}
 * upgrade by themselves, helped by {@code appProtocol: kubernetes.io/ws} on the Service port (the
 * platform Service gets it when both render). No request timeout is written unless asked for: the
 * specification leaves open whether it covers an upgraded stream, and a hard one can cut long
 * sessions.
 *
 * <pre>{@code
 * Rendering out = GatewayApi.target()
 *     .gateway("infra", "public")        // or .withGateway("eg") to render one
 *     .render(app);
 * }</pre>
 *
 * <p>Instances are immutable; every option returns a changed copy and rejects bad input at once.
 */
public final class GatewayApi implements Target {
  /**
   * The Gateway the routes attach to when none is named: {@code gateway} in the app's namespace.
   */
  public static final String DEFAULT_GATEWAY = "gateway";

  private final String gatewayNamespace;
  private final String gatewayName;
  private final String gatewayClass;
  private final String httpListener;
  private final String httpsListener;
  private final Duration requestTimeout;
  private final boolean experimental;
  private final boolean lenient;

  /** For {@link java.util.ServiceLoader}; use {@link #target()}. */
  public GatewayApi() {
    this(null, DEFAULT_GATEWAY, null, "http", "https", null, false, false);
  }

  private GatewayApi(
      String gatewayNamespace,
      String gatewayName,
      String gatewayClass,
      String httpListener,
      String httpsListener,
      Duration requestTimeout,
      boolean experimental,
      boolean lenient) {
    this.gatewayNamespace = gatewayNamespace;
    this.gatewayName = gatewayName;
    this.gatewayClass = gatewayClass;
    this.httpListener = httpListener;
    this.httpsListener = httpsListener;
    this.requestTimeout = requestTimeout;
    this.experimental = experimental;
    this.lenient = lenient;
  }

  /** The Gateway API target with default options (standard channel, strict). */
  public static GatewayApi target() {
    return new GatewayApi();
  }

  private static void check(List<Problem> problems) {
    if (!problems.isEmpty()) {
      throw new InvalidSpecException("GatewayApi", problems);
    }
  }

  /**
   * Attaches the routes to an existing Gateway.
   *
   * @throws InvalidSpecException when the namespace or name is invalid
   */
  public GatewayApi gateway(String namespace, String name) {
    List<Problem> problems = new ArrayList<>();
    SpecRules.dnsLabel(problems, "gateway.namespace", namespace, 63);
    SpecRules.dnsSubdomain(problems, "gateway.name", name);
    check(problems);
    return new GatewayApi(
        namespace, name, null, httpListener, httpsListener, requestTimeout, experimental, lenient);
  }

  /**
   * Also renders a Gateway of this GatewayClass, named after the app in its namespace, with an HTTP
   * listener on port 80 and, with TLS, an HTTPS listener on 443 terminating with the app's
   * certificate; the routes attach to it.
   *
   * @throws InvalidSpecException when the class name is invalid
   */
  public GatewayApi withGateway(String gatewayClassName) {
    List<Problem> problems = new ArrayList<>();
    SpecRules.dnsSubdomain(problems, "gatewayClassName", gatewayClassName);
    check(problems);
    return new GatewayApi(
        null,
        null,
        gatewayClassName,
        httpListener,
        httpsListener,
        requestTimeout,
        experimental,
        lenient);
  }

  /**
   * The Gateway's listener (section) names for plain HTTP and for HTTPS; {@code http} and {@code
   * https} by default. With TLS and a redirect, the app's route attaches to the HTTPS listener and
   * the redirect route to the HTTP one.
   *
   * @throws InvalidSpecException when a name is invalid or both are the same
   */
  public GatewayApi listeners(String http, String https) {
    List<Problem> problems = new ArrayList<>();
    SpecRules.dnsSubdomain(problems, "listeners.http", http);
    SpecRules.dnsSubdomain(problems, "listeners.https", https);
    if (problems.isEmpty() && http.equals(https)) {
      problems.add(
          Problem.of(
              "listeners.https",
              https,
              "must differ from the HTTP listener's name",
              "name the two listeners differently, such as \"http\" and \"https\""));
    }
    check(problems);
    return new GatewayApi(
        gatewayNamespace,
        gatewayName,
        gatewayClass,
        http,
        https,
        requestTimeout,
        experimental,
        lenient);
  }

  /**
   * Writes {@code timeouts.request} on the route, which no WebSocket route gets by default:
   * implementations may apply it to the whole life of an upgraded socket. {@link Duration#ZERO}
   * writes {@code 0s}, which disables the timeout on implementations that honour it.
   *
   * @throws InvalidSpecException when the duration is negative, finer than a millisecond, or longer
   *     than 99999 hours
   */
  public GatewayApi requestTimeout(Duration timeout) {
    boolean ok =
        timeout != null
            && !timeout.isNegative()
            && timeout.toHours() <= 99_999
            && timeout.getNano() % 1_000_000 == 0;
    if (!ok) {
      throw InvalidSpecException.of(
          "GatewayApi",
          "requestTimeout",
          timeout,
          "must be zero or a positive whole number of milliseconds up to 99999 hours (GEP-2257)",
          "give a duration such as Duration.ofHours(2), or Duration.ZERO to disable it");
    }
    return new GatewayApi(
        gatewayNamespace,
        gatewayName,
        gatewayClass,
        httpListener,
        httpsListener,
        timeout,
        experimental,
        lenient);
  }

  /**
   * Uses experimental-channel fields where the standard channel has none: {@code
   * sessionPersistence} for cookie and header affinity. The cluster must run the experimental CRDs.
   */
  public GatewayApi experimental() {
    return new GatewayApi(
        gatewayNamespace,
        gatewayName,
        gatewayClass,
        httpListener,
        httpsListener,
        requestTimeout,
        true,
        lenient);
  }

  /**
   * Reports what the Gateway API cannot express as warnings instead of failing, and leaves it out
   * of the objects.
   */
  @Override
  public GatewayApi lenient() {
    return new GatewayApi(
        gatewayNamespace,
        gatewayName,
        gatewayClass,
        httpListener,
        httpsListener,
        requestTimeout,
        experimental,
        true);
  }

  @Override
  public String id() {
    return "gateway-api";
  }

  @Override
  public String displayName() {
    return "Gateway API";
  }

  @Override
  public List<Class<? extends HasMetadata>> resourceTypes() {
    return List.of(HTTPRoute.class, Gateway.class);
  }

  @Override
  public void contribute(WebSocketApp app, Contributions.Builder out) {
    // Service appProtocol kubernetes.io/ws (wss over TLS) selects the WebSocket backend protocol
    // (gateway-api geps/gep-1911; feature HTTPRouteBackendProtocolWebSocket).
    out.serviceAppProtocol(
        app.backendProtocol() == BackendProtocol.HTTPS ? "kubernetes.io/wss" : "kubernetes.io/ws");
    // Implementations (Envoy Gateway, Istio, Cilium, NGINX Gateway Fabric) proxy to the Service's
    // endpoints, not through kube-proxy, so Service sessionAffinity does not apply. Where the
    // gateway's proxy runs depends on the implementation: no trafficFrom.
    out.balancesOverEndpoints();
  }

  @Override
  public Rendering render(WebSocketApp app, RenderContext context) {
    Objects.requireNonNull(app, "app");
    Rendering.Builder out = Rendering.builder("Gateway API", lenient);
    String subject = "HTTPRoute " + app.namespace() + "/" + app.name();
    String parentNamespace = gatewayClass != null ? app.namespace() : gatewayNamespace;
    String parentName = gatewayClass != null ? app.name() : gatewayName;
    if (parentNamespace == null) {
      parentNamespace = app.namespace();
      out.add(
          GatewayApiFinding.DEFAULT_PARENT.at(
              subject,
              "no Gateway was named, so the routes attach to Gateway "
                  + parentNamespace
                  + "/"
                  + parentName
                  + "."));
    }
    if (!parentNamespace.equals(app.namespace())) {
      out.add(
          GatewayApiFinding.CROSS_NAMESPACE_PARENT.at(
              subject,
              "the routes in namespace "
                  + app.namespace()
                  + " attach to Gateway "
                  + parentNamespace
                  + "/"
                  + parentName
                  + ", which accepts routes from its own namespace only unless its listeners"
                  + " allow others."));
    }
    if (app.tls().isPresent() && gatewayClass == null) {
      out.add(
          GatewayApiFinding.TLS_ON_GATEWAY.at(
              subject,
              "TLS terminates on the Gateway, not on the route: Secret "
                  + app.tls().get().secretName()
                  + " must be a certificateRef of the Gateway's "
                  + httpsListener
                  + " listener."));
    }
    if (!context.includes("platform")) {
      out.add(
          GatewayApiFinding.APP_PROTOCOL.at(
              "Service " + app.namespace() + "/" + app.serviceName(),
              "implementations pick the WebSocket backend protocol from the Service port's"
                  + " appProtocol, and the Service is not rendered here."));
    }
    timeouts(app, subject, out);
    unsupported(app, subject, out);
    if (app.servicePort().isEmpty()) {
      out.add(
          GatewayApiFinding.PORT_NUMBER.at(
              subject,
              "a backendRef to a Service needs the port number, and the app names its port \""
                  + app.servicePortName().orElse("")
                  + "\"; no route is rendered."));
      return out.build();
    }

    boolean redirect = app.tls().isPresent() && app.tls().get().redirect();
    List<HTTPRouteMatch> matches = matches(app);
    HTTPRouteRuleBuilder rule =
        new HTTPRouteRuleBuilder()
            .withMatches(matches)
            .addNewBackendRef()
            .withName(app.serviceName())
            .withPort(app.servicePort().getAsInt())
            .endBackendRef();
    if (app.cors().isPresent()) {
      rule.withFilters(corsFilter(app.cors().get()));
      out.add(
          GatewayApiFinding.CORS_HANDSHAKE.at(
              subject,
              "the CORS filter (support: Extended) answers browsers' preflights, but browsers"
                  + " send none for the WebSocket handshake, so any page can open the socket."));
    }
    if (requestTimeout != null) {
      rule.withNewTimeouts().withRequest(GepDurations.format(requestTimeout)).endTimeouts();
    }
    SessionPersistence persistence = sessionPersistence(app, subject, out);
    if (persistence != null) {
      rule.withSessionPersistence(persistence);
    }
    out.add(
        new HTTPRouteBuilder()
            .withMetadata(app.objectMeta(app.name()))
            .withNewSpec()
            .withParentRefs(
                parent(parentNamespace, parentName, app, redirect ? httpsListener : null))
            .withHostnames(app.hosts())
            .withRules(rule.build())
            .endSpec()
            .build());
    if (redirect) {
      // The standard way to redirect to HTTPS: a RequestRedirect filter on a route bound to the
      // HTTP listener (HTTPRoute filters, support Core).
      out.add(
          new HTTPRouteBuilder()
              .withMetadata(app.objectMeta(app.name() + "-redirect"))
              .withNewSpec()
              .withParentRefs(parent(parentNamespace, parentName, app, httpListener))
              .withHostnames(app.hosts())
              .addNewRule()
              .withMatches(matches)
              .addNewFilter()
              .withType("RequestRedirect")
              .withNewRequestRedirect()
              .withScheme("https")
              .withStatusCode(301)
              .endRequestRedirect()
              .endFilter()
              .endRule()
              .endSpec()
              .build());
    }
    if (gatewayClass != null) {
      out.add(gateway(app));
    }
    return out.build();
  }

  private void timeouts(WebSocketApp app, String subject, Rendering.Builder out) {
    out.add(
        GatewayApiFinding.IDLE_TIMEOUT.at(
            subject,
            "the Gateway API has no idle timeout, and whether timeouts.request covers an"
                + " upgraded WebSocket is left to implementations, so none is written; the idle"
                + " timeout of "
                + app.idleTimeout().getSeconds()
                + " s must be set in the implementation."));
    if (requestTimeout != null && !requestTimeout.isZero()) {
      out.add(
          GatewayApiFinding.REQUEST_TIMEOUT.at(
              subject,
              "timeouts.request "
                  + GepDurations.format(requestTimeout)
                  + " is written as asked; implementations that apply it to upgraded streams"
                  + " end every WebSocket after that time, however active."));
    }
    if (app.connectTimeout().isPresent()) {
      out.add(
          GatewayApiFinding.CONNECT_TIMEOUT.at(
              subject,
              "the Gateway API has no connect timeout; "
                  + app.connectTimeout().get().getSeconds()
                  + " s is not written."));
    }
  }

  private static void unsupported(WebSocketApp app, String subject, Rendering.Builder out) {
    if (app.rateLimit().isPresent()) {
      out.add(
          GatewayApiFinding.RATE_LIMIT.at(
              subject, "the Gateway API has no rate limit; the handshake limit is not written."));
    }
    if (app.maxConnectionsPerClient().isPresent()) {
      out.add(
          GatewayApiFinding.MAX_CONNECTIONS.at(
              subject,
              "the Gateway API has no per-client connection limit; "
                  + app.maxConnectionsPerClient().getAsInt()
                  + " is not written."));
    }
    if (app.healthCheck().isPresent()) {
      out.add(
          GatewayApiFinding.HEALTH_CHECK.at(
              subject,
              "the Gateway API has no health check; "
                  + app.healthCheck().get().path()
                  + " is not probed by the gateway, which routes to Ready endpoints."));
    }
    if (app.responseBuffering() || app.requestBuffering()) {
      out.add(
          GatewayApiFinding.BUFFERING.at(
              subject, "the Gateway API has no buffering setting; buffering is not written."));
    }
    if (app.backendProtocol() == BackendProtocol.HTTPS) {
      out.add(
          GatewayApiFinding.BACKEND_TLS.at(
              subject,
              "an HTTPS backend needs a BackendTLSPolicy to be verified, which this target does"
                  + " not render; without one the gateway would speak plain HTTP to it."));
    }
  }

  private SessionPersistence sessionPersistence(
      WebSocketApp app, String subject, Rendering.Builder out) {
    if (app.affinity().isEmpty()) {
      return null;
    }
    Affinity affinity = app.affinity().get();
    if (affinity instanceof ClientIpAffinity) {
      out.add(
          GatewayApiFinding.CLIENT_IP_AFFINITY.at(
              subject,
              "the Gateway API has no client-IP affinity; sessionPersistence knows cookies and"
                  + " headers only."));
      return null;
    }
    if (!experimental) {
      out.add(
          GatewayApiFinding.STICKY_SESSIONS_EXPERIMENTAL.at(
              subject,
              "sticky sessions need sessionPersistence, which exists only in the experimental"
                  + " channel."));
      return null;
    }
    SessionPersistenceBuilder b = new SessionPersistenceBuilder();
    String dropped = "";
    if (affinity instanceof CookieAffinity c) {
      b.withType("Cookie").withSessionName(c.name());
      if (c.maxAge().isPresent()) {
        // CEL: absoluteTimeout is required when lifetimeType is Permanent.
        b.withAbsoluteTimeout(GepDurations.format(c.maxAge().get()))
            .withNewCookieConfig()
            .withLifetimeType("Permanent")
            .endCookieConfig();
      } else {
        b.withNewCookieConfig().withLifetimeType("Session").endCookieConfig();
      }
      if (c.path().isPresent()
          || c.secure().isPresent()
          || c.sameSite().isPresent()
          || !c.httpOnly()) {
        dropped = " Its path, Secure, SameSite and HttpOnly attributes are left to the gateway.";
      }
    } else if (affinity instanceof HeaderAffinity h) {
      b.withType("Header").withSessionName(h.header());
    }
    out.add(
        GatewayApiFinding.SESSION_PERSISTENCE_EXPERIMENTAL.at(
            subject,
            "sessionPersistence is written from the experimental channel (support: Extended)."
                + dropped));
    return b.build();
  }

  private static List<HTTPRouteMatch> matches(WebSocketApp app) {
    List<HTTPRouteMatch> matches = new ArrayList<>();
    for (Route r : app.routes()) {
      matches.add(
          new HTTPRouteMatchBuilder()
              .withNewPath()
              .withType(r.match() == Route.Match.EXACT ? "Exact" : "PathPrefix")
              .withValue(r.path())
              .endPath()
              .build());
    }
    return matches;
  }

  private static HTTPRouteFilter corsFilter(Cors c) {
    HTTPCORSFilterBuilder cors =
        new HTTPCORSFilterBuilder()
            .withAllowOrigins(c.origins())
            .withAllowMethods(c.methods())
            .withAllowHeaders(c.headers())
            .withExposeHeaders(c.exposedHeaders());
    if (c.credentials()) {
      cors.withAllowCredentials(true);
    }
    if (c.maxAge().isPresent()) {
      cors.withMaxAge((int) c.maxAge().get().getSeconds());
    }
    return new HTTPRouteFilterBuilder().withType("CORS").withCors(cors.build()).build();
  }

  private static ParentReference parent(
      String namespace, String name, WebSocketApp app, String sectionName) {
    ParentReferenceBuilder b = new ParentReferenceBuilder().withName(name);
    if (!namespace.equals(app.namespace())) {
      b.withNamespace(namespace);
    }
    return b.withSectionName(sectionName).build();
  }

  private Gateway gateway(WebSocketApp app) {
    List<Listener> listeners = new ArrayList<>();
    listeners.add(
        new ListenerBuilder()
            .withName(httpListener)
            .withPort(80)
            .withProtocol("HTTP")
            .withNewAllowedRoutes()
            .withNewNamespaces()
            .withFrom("Same")
            .endNamespaces()
            .endAllowedRoutes()
            .build());
    if (app.tls().isPresent()) {
      listeners.add(
          new ListenerBuilder()
              .withName(httpsListener)
              .withPort(443)
              .withProtocol("HTTPS")
              .withNewTls()
              .withMode("Terminate")
              .addNewCertificateRef()
              .withKind("Secret")
              .withName(app.tls().get().secretName())
              .endCertificateRef()
              .endTls()
              .withNewAllowedRoutes()
              .withNewNamespaces()
              .withFrom("Same")
              .endNamespaces()
              .endAllowedRoutes()
              .build());
    }
    return new GatewayBuilder()
        .withMetadata(app.objectMeta(app.name()))
        .withNewSpec()
        .withGatewayClassName(gatewayClass)
        .withListeners(listeners)
        .endSpec()
        .build();
  }

  @Override
  public String toString() {
    return "GatewayApi["
        + (gatewayClass != null
            ? "withGateway=" + gatewayClass
            : "gateway=" + (gatewayNamespace == null ? "" : gatewayNamespace + "/") + gatewayName)
        + ", listeners="
        + httpListener
        + "/"
        + httpsListener
        + (requestTimeout != null ? ", requestTimeout=" + GepDurations.format(requestTimeout) : "")
        + (experimental ? ", experimental" : "")
        + (lenient ? ", lenient" : "")
        + "]";
  }
}
