package dev.wsingress.assertj;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsingress.Affinity;
import dev.wsingress.ClientIpAffinity;
import dev.wsingress.CookieAffinity;
import dev.wsingress.HeaderAffinity;
import dev.wsingress.RateLimit;
import dev.wsingress.ServedBackend;
import dev.wsingress.ServedRoute;
import dev.wsingress.Setting;
import dev.wsingress.Tls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on the route a request takes: what the serving controller does with it, read from the
 * {@link ServedRoute} its target's reader worked out. A failure says what was expected, what the
 * route really gets, and where that comes from — the file and line of the annotation or field, a
 * controller-wide setting, or the controller default with the upstream document that states it
 * ({@link Setting#describe()}):
 *
 * <pre>
 * Expecting route chat.example.com/ws (Ingress default/chat, k8s/chat.yaml:12:11, served by nginx)
 * to keep idle WebSockets open for at least 1 h,
 * but it has no idle timeout of its own, and its read timeout is 60 s (controller default: …).
 * </pre>
 *
 * <p>A setting the reader does not report is never taken as passing: a timeout asserted on a route
 * whose reader reports none fails and says so. {@link Duration#ZERO} is "no timeout" (the
 * controller never closes the connection for this reason): it passes every "at least" and fails
 * every "at most".
 *
 * @param <P> the assertion {@link #and()} returns to
 */
public final class RouteAssert<P extends AbstractManifestsAssert<P, ?>>
    extends AbstractAssert<RouteAssert<P>, ServedRoute> {

  private final P parent;
  private final String host;
  private final String path;

  RouteAssert(ServedRoute actual, P parent, String host, String path) {
    super(actual, RouteAssert.class);
    this.parent = parent;
    this.host = host;
    this.path = path;
  }

  /** Back to the manifests or rendering, for more routes or the findings. */
  public P and() {
    return parent;
  }

  private AssertionError fail(String expected, String but) {
    return failure(
        Messages.format(
            "Expecting " + Messages.route(actual, host, path), expected + ",", "but " + but + "."));
  }

  private static Duration positive(Duration d) {
    Objects.requireNonNull(d, "duration");
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(
          "the duration must be positive: " + d + " (for none, use hasNoRequestTimeout())");
    }
    return d;
  }

  private String reportsNo(String what) {
    return "the target " + actual.targetId() + " reports no " + what + " for it";
  }

  /** Asserts which target serves the route, by its id ({@code nginx}, {@code traefik} …). */
  public RouteAssert<P> isServedBy(String targetId) {
    Objects.requireNonNull(targetId, "targetId");
    if (!actual.targetId().equals(targetId)) {
      throw fail(
          "to be served by " + Messages.quote(targetId), "it is served by " + actual.targetId());
    }
    return myself;
  }

  /**
   * Asserts that the route carries WebSocket traffic: it is a WebSocket route by the doctor's rule
   * ({@link ServedRoute#isWebSocket()}: the {@code wsingress.dev/websocket} annotation, the
   * reader's evidence, a {@code kubernetes.io/ws} port, a raised timeout, a WebSocket path
   * segment), and the controller does not refuse the upgrade on it.
   */
  public RouteAssert<P> upgradesToWebSocket() {
    String expected = "to carry WebSocket traffic";
    if (!actual.isWebSocket()) {
      String flag = ServedRoute.WEBSOCKET_ANNOTATION;
      if (actual
          .object()
          .annotation(flag)
          .map(v -> v.trim().equalsIgnoreCase("false"))
          .orElse(false)) {
        throw fail(
            expected,
            "the annotation "
                + flag
                + ": \"false\" ("
                + actual.object().annotationSource(flag)
                + ") makes it a plain HTTP route");
      }
      throw fail(
          expected,
          "nothing in the input marks it as a WebSocket route; annotate "
              + actual.object().subject()
              + " with "
              + ServedRoute.WEBSOCKET_ANNOTATION
              + ": \"true\" if it is one");
    }
    Optional<Setting<Boolean>> upgrade = actual.upgrade();
    if (upgrade.isPresent() && !upgrade.get().value()) {
      throw fail(
          expected,
          "the controller does not forward the upgrade on it " + Messages.origin(upgrade.get()));
    }
    return myself;
  }

  /**
   * Asserts that the route is a plain HTTP route: not a WebSocket route by the doctor's rule (it
   * may still be served over TLS).
   */
  public RouteAssert<P> isPlainHttp() {
    if (actual.isWebSocket()) {
      throw fail(
          "to be a plain HTTP route",
          "it is a WebSocket route: " + actual.webSocketReason().orElseThrow());
    }
    return myself;
  }

  // ---- timeouts ----

  /**
   * The timeout that closes a silent socket: the idle timeout where the controller has one, else
   * the read timeout (the wait for data from the backend, such as ingress-nginx's
   * proxy-read-timeout); empty when the reader reports neither.
   */
  private Optional<Setting<Duration>> idle() {
    return actual.idleTimeout().or(actual::readTimeout);
  }

  private String idleIs(Setting<Duration> s) {
    boolean none = s.value().isZero();
    if (actual.idleTimeout().isPresent()) {
      return none
          ? "it has no idle timeout " + Messages.origin(s)
          : "its idle timeout is " + s.describe();
    }
    return "it has no idle timeout of its own, and "
        + (none ? "no read timeout " + Messages.origin(s) : "its read timeout is " + s.describe());
  }

  private String neitherIdleNorRead() {
    return "the target " + actual.targetId() + " reports neither an idle nor a read timeout for it";
  }

  /**
   * Asserts that an idle WebSocket stays open for at least {@code d}: the route's idle timeout, or
   * where the controller has none, its read timeout, is {@code d} or longer, or there is none.
   *
   * @throws IllegalArgumentException when {@code d} is not positive
   */
  public RouteAssert<P> hasIdleTimeoutAtLeast(Duration d) {
    positive(d);
    String expected = "to keep idle WebSockets open for at least " + Messages.duration(d);
    Setting<Duration> s = idle().orElseThrow(() -> fail(expected, neitherIdleNorRead()));
    if (!s.value().isZero() && s.value().compareTo(d) < 0) {
      throw fail(expected, idleIs(s));
    }
    return myself;
  }

  /**
   * Asserts that an idle WebSocket is closed within {@code d}: the route's idle timeout (or read
   * timeout, as for {@link #hasIdleTimeoutAtLeast}) is {@code d} or shorter.
   *
   * @throws IllegalArgumentException when {@code d} is not positive
   */
  public RouteAssert<P> hasIdleTimeoutAtMost(Duration d) {
    positive(d);
    String expected = "to close idle WebSockets within " + Messages.duration(d);
    Setting<Duration> s = idle().orElseThrow(() -> fail(expected, neitherIdleNorRead()));
    if (s.value().isZero() || s.value().compareTo(d) > 0) {
      throw fail(expected, idleIs(s));
    }
    return myself;
  }

  private static String is(String which, Setting<Duration> s) {
    return s.value().isZero()
        ? "it has no " + which + " " + Messages.origin(s)
        : "its " + which + " is " + s.describe();
  }

  private RouteAssert<P> timeout(
      Optional<Setting<Duration>> setting, String which, Duration d, boolean atLeast) {
    positive(d);
    String expected =
        "to have a " + which + " of at " + (atLeast ? "least " : "most ") + Messages.duration(d);
    Setting<Duration> s = setting.orElseThrow(() -> fail(expected, reportsNo(which)));
    boolean ok =
        atLeast
            ? s.value().isZero() || s.value().compareTo(d) >= 0
            : !s.value().isZero() && s.value().compareTo(d) <= 0;
    if (!ok) {
      throw fail(expected, is(which, s));
    }
    return myself;
  }

  /**
   * Asserts that the proxy waits at least {@code d} for data from the backend (or has no read
   * timeout).
   *
   * @throws IllegalArgumentException when {@code d} is not positive
   */
  public RouteAssert<P> hasReadTimeoutAtLeast(Duration d) {
    return timeout(actual.readTimeout(), "read timeout", d, true);
  }

  /**
   * Asserts that the proxy waits at most {@code d} for data from the backend.
   *
   * @throws IllegalArgumentException when {@code d} is not positive
   */
  public RouteAssert<P> hasReadTimeoutAtMost(Duration d) {
    return timeout(actual.readTimeout(), "read timeout", d, false);
  }

  /**
   * Asserts that the proxy gives up opening a connection to a pod within {@code d}.
   *
   * @throws IllegalArgumentException when {@code d} is not positive
   */
  public RouteAssert<P> hasConnectTimeoutAtMost(Duration d) {
    return timeout(actual.connectTimeout(), "connect timeout", d, false);
  }

  /**
   * Asserts that no deadline on the whole request applies (on some controllers it cuts an open
   * WebSocket when it expires): the reader reports none, or "no timeout".
   */
  public RouteAssert<P> hasNoRequestTimeout() {
    Optional<Setting<Duration>> s = actual.requestTimeout();
    if (s.isPresent() && !s.get().value().isZero()) {
      throw fail("to have no request timeout", "its request timeout is " + s.get().describe());
    }
    return myself;
  }

  // ---- sticky sessions ----

  private RouteAssert<P> sticky(String expected, Class<? extends Affinity> kind, String name) {
    Optional<Setting<Affinity>> s = actual.affinity();
    if (s.isEmpty()) {
      throw fail(expected, "it has no sticky sessions");
    }
    Affinity a = s.get().value();
    boolean ok =
        kind.isInstance(a)
            && (name == null
                || (a instanceof CookieAffinity c
                    ? c.name().equals(name)
                    : ((HeaderAffinity) a).header().equalsIgnoreCase(name)));
    if (!ok) {
      throw fail(expected, "it is sticky by " + s.get().describe());
    }
    return myself;
  }

  /** Asserts that clients stick to a pod by the cookie {@code name}. */
  public RouteAssert<P> isStickyByCookie(String name) {
    Objects.requireNonNull(name, "name");
    return sticky("to be sticky by the cookie " + Messages.quote(name), CookieAffinity.class, name);
  }

  /** Asserts that clients stick to a pod by a hash of their IP address. */
  public RouteAssert<P> isStickyByClientIp() {
    return sticky("to be sticky by client IP", ClientIpAffinity.class, null);
  }

  /** Asserts that clients stick to a pod by the request header {@code name} (case-insensitive). */
  public RouteAssert<P> isStickyByHeader(String name) {
    Objects.requireNonNull(name, "name");
    return sticky("to be sticky by the header " + Messages.quote(name), HeaderAffinity.class, name);
  }

  /** Asserts that the route has no sticky sessions. */
  public RouteAssert<P> isNotSticky() {
    Optional<Setting<Affinity>> s = actual.affinity();
    if (s.isPresent()) {
      throw fail("to have no sticky sessions", "it is sticky by " + s.get().describe());
    }
    return myself;
  }

  // ---- TLS ----

  private Setting<Tls> tls(String expected) {
    return actual.tls().orElseThrow(() -> fail(expected, "it has no TLS: it serves plain HTTP"));
  }

  /** Asserts that the controller terminates TLS for the route. */
  public RouteAssert<P> terminatesTls() {
    tls("to terminate TLS");
    return myself;
  }

  /** Asserts that the controller terminates TLS with the certificate of this Secret. */
  public RouteAssert<P> terminatesTlsWithSecret(String secretName) {
    Objects.requireNonNull(secretName, "secretName");
    String expected = "to terminate TLS with the Secret " + Messages.quote(secretName);
    Setting<Tls> s = tls(expected);
    if (!s.value().secretName().equals(secretName)) {
      throw fail(expected, "it terminates " + s.describe());
    }
    return myself;
  }

  /** Asserts that plain HTTP requests are redirected to HTTPS. */
  public RouteAssert<P> redirectsToHttps() {
    String expected = "to redirect plain HTTP to HTTPS";
    Setting<Tls> s = tls(expected);
    if (!s.value().redirect()) {
      throw fail(
          expected, "it serves plain HTTP beside " + s.describe() + ": it does not redirect");
    }
    return myself;
  }

  // ---- backends ----

  private RouteAssert<P> goesTo(String service, String portText, Integer number, String name) {
    Objects.requireNonNull(service, "service");
    int slash = service.indexOf('/');
    String ns = slash < 0 ? null : service.substring(0, slash);
    String svc = slash < 0 ? service : service.substring(slash + 1);
    String expected = "to send to Service " + service + " port " + portText;
    List<ServedBackend> all = actual.backends();
    if (all.isEmpty()) {
      throw fail(expected, "it sends to no Service");
    }
    for (ServedBackend b : all) {
      if (b.service().equals(svc)
          && (ns == null || ns.equals(b.namespace()))
          && (number != null ? number.equals(portNumber(b)) : name.equals(portName(b)))) {
        return myself;
      }
    }
    throw fail(expected, "it sends to " + Messages.backends(all));
  }

  /** The port's number: as the route names it, or as the Service gives the named port. */
  private static Integer portNumber(ServedBackend b) {
    if (b.port().isPresent()) {
      return b.port().getAsInt();
    }
    JsonNode p = b.servicePort().map(n -> n.get("port")).orElse(null);
    return p != null && p.isInt() ? p.asInt() : null;
  }

  /** The port's name: as the route names it, or as the Service names the numbered port. */
  private static String portName(ServedBackend b) {
    if (b.portName().isPresent()) {
      return b.portName().get();
    }
    JsonNode p = b.servicePort().map(n -> n.get("name")).orElse(null);
    return p != null && p.isTextual() ? p.asText() : null;
  }

  /**
   * Asserts that the route sends to this Service port (one of its backends, for a split); {@code
   * service} is a name or {@code namespace/name}. A route that names the port by name matches when
   * the Service in the input gives that name this number.
   */
  public RouteAssert<P> goesTo(String service, int port) {
    return goesTo(service, String.valueOf(port), port, null);
  }

  /**
   * Asserts that the route sends to the Service port of this name (one of its backends, for a
   * split). A route that names the port by number matches when the Service in the input gives that
   * number this name.
   */
  public RouteAssert<P> goesTo(String service, String portName) {
    Objects.requireNonNull(portName, "portName");
    return goesTo(service, Messages.quote(portName), null, portName);
  }

  /**
   * Asserts that the matched path prefix is replaced by {@code prefix} before the request reaches
   * the backend.
   */
  public RouteAssert<P> isRewrittenTo(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    String expected = "to reach its backend rewritten to " + Messages.quote(prefix);
    Optional<Setting<String>> s = actual.rewrite();
    if (s.isEmpty()) {
      throw fail(expected, "it passes the path on unchanged");
    }
    if (!s.get().value().equals(prefix)) {
      throw fail(expected, "it is rewritten to " + s.get().describe());
    }
    return myself;
  }

  // ---- limits and buffering ----

  private static String show(RateLimit l) {
    return l.rate()
        + " per "
        + (l.period() == RateLimit.Period.SECOND ? "second" : "minute")
        + " per client"
        + (l.burst().isPresent() ? ", burst " + l.burst().getAsInt() : "");
  }

  /** Asserts that the route limits WebSocket handshakes per client. */
  public RouteAssert<P> isRateLimited() {
    if (actual.rateLimit().isEmpty()) {
      throw fail("to limit WebSocket handshakes per client", "it has no rate limit");
    }
    return myself;
  }

  /**
   * Asserts that the route limits handshakes per client to this rate and period, and to this burst
   * when {@code limit} gives one.
   *
   * <pre>{@code
   * .isRateLimitedTo(RateLimit.handshakesPerSecond(10).burst(50))
   * }</pre>
   */
  public RouteAssert<P> isRateLimitedTo(RateLimit limit) {
    Objects.requireNonNull(limit, "limit");
    String expected = "to limit handshakes to " + show(limit);
    Setting<RateLimit> s =
        actual.rateLimit().orElseThrow(() -> fail(expected, "it has no rate limit"));
    RateLimit l = s.value();
    if (l.rate() != limit.rate()
        || l.period() != limit.period()
        || (limit.burst().isPresent() && !limit.burst().equals(l.burst()))) {
      throw fail(expected, "it limits them to " + show(l) + " " + Messages.origin(s));
    }
    return myself;
  }

  /** Asserts that the route allows at most {@code max} concurrent connections per client. */
  public RouteAssert<P> hasMaxConnectionsPerClient(int max) {
    String expected = "to allow at most " + max + " connections per client";
    Optional<Setting<Integer>> s = actual.maxConnectionsPerClient();
    if (s.isEmpty()) {
      throw fail(expected, "it has no limit on connections per client");
    }
    if (s.get().value() != max) {
      throw fail(expected, "it allows at most " + s.get().describe());
    }
    return myself;
  }

  /**
   * Asserts that the proxy buffers neither request bodies nor responses on the route; a route whose
   * reader does not report one of them fails.
   */
  public RouteAssert<P> doesNotBuffer() {
    List<String> wrong = new ArrayList<>();
    buffering(actual.requestBuffering(), "requests", wrong);
    buffering(actual.responseBuffering(), "responses", wrong);
    if (!wrong.isEmpty()) {
      throw fail("to buffer neither requests nor responses", String.join(", and ", wrong));
    }
    return myself;
  }

  private void buffering(Optional<Setting<Boolean>> s, String what, List<String> wrong) {
    if (s.isEmpty()) {
      wrong.add("the target " + actual.targetId() + " does not report whether it buffers " + what);
    } else if (s.get().value()) {
      wrong.add("it buffers " + what + " " + Messages.origin(s.get()));
    }
  }
}
