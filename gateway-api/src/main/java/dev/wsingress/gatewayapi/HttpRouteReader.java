package dev.wsingress.gatewayapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsingress.Affinity;
import dev.wsingress.BackendProtocol;
import dev.wsingress.CookieAffinity;
import dev.wsingress.Cors;
import dev.wsingress.FindingKind;
import dev.wsingress.HealthCheck;
import dev.wsingress.InvalidSpecException;
import dev.wsingress.Manifest;
import dev.wsingress.Manifests;
import dev.wsingress.RateLimit;
import dev.wsingress.Reading;
import dev.wsingress.SameSite;
import dev.wsingress.ServedBackend;
import dev.wsingress.ServedRoute;
import dev.wsingress.ServedRoute.HostMatch;
import dev.wsingress.ServedRoute.PathMatch;
import dev.wsingress.Setting;
import dev.wsingress.Source;
import dev.wsingress.Tls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads one HTTPRoute ({@code gateway.networking.k8s.io}) back: the Gateways it attaches to and
 * which implementation serves it, a {@link ServedRoute} per hostname and rule match with what the
 * implementation will do, and the doctor's rules on it. The fields and their meaning are those of
 * gateway-api v1.6.1 apis/v1/httproute_types.go, and on Envoy Gateway those of envoyproxy/gateway
 * v1.9.0 (cited at each); the writer's constants ({@link HttpRouteRules}, {@link HttpRoutes},
 * {@link BackendTlsPolicies}, {@link EnvoyGatewayPolicies}, {@link GepDurations}) are the same
 * table read the other way.
 */
final class HttpRouteReader {
  private static final EnvoyGatewayPolicyReader.Field STREAM_IDLE =
      EnvoyGatewayPolicyReader.Field.of("/spec/timeout/http/streamIdleTimeout");
  private static final EnvoyGatewayPolicyReader.Field REQUEST_TIMEOUT =
      EnvoyGatewayPolicyReader.Field.of("/spec/timeout/http/requestTimeout");
  private static final EnvoyGatewayPolicyReader.Field MAX_STREAM_DURATION =
      EnvoyGatewayPolicyReader.Field.of("/spec/timeout/http/maxStreamDuration");
  private static final EnvoyGatewayPolicyReader.Field LISTENER_MAX_STREAM_DURATION =
      EnvoyGatewayPolicyReader.Field.of("/spec/connection/connectionLimit/maxStreamDuration");
  private static final EnvoyGatewayPolicyReader.Field CONNECT_TIMEOUT =
      EnvoyGatewayPolicyReader.Field.of("/spec/timeout/tcp/connectTimeout");
  private static final EnvoyGatewayPolicyReader.Field LOAD_BALANCER =
      EnvoyGatewayPolicyReader.Field.of("/spec/loadBalancer");
  private static final EnvoyGatewayPolicyReader.Field LOCAL_RATE_LIMIT =
      EnvoyGatewayPolicyReader.Field.of("/spec/rateLimit/local");
  private static final EnvoyGatewayPolicyReader.Field REQUEST_BUFFER =
      EnvoyGatewayPolicyReader.Field.of("/spec/requestBuffer");
  private static final EnvoyGatewayPolicyReader.Field HTTP_UPGRADE =
      EnvoyGatewayPolicyReader.Field.of("/spec/httpUpgrade");
  private static final EnvoyGatewayPolicyReader.Field ACTIVE_HEALTH_CHECK =
      EnvoyGatewayPolicyReader.Field.of("/spec/healthCheck/active");

  private final GatewayApi target;
  private final Manifests in;
  private final Reading out;
  private final Gateways gateways;
  private final EnvoyGatewayPolicyReader envoy;
  private final BackendTlsPolicyReader backendTls;
  private final OwnOutput own;
  private final Map<String, GatewayApi> targets = new HashMap<>();
  private final Map<String, AppFacts> apps = new HashMap<>();

  /** The HTTP-to-HTTPS redirect routes by namespace and host ({@link #schemeRedirect}). */
  private final Map<String, List<Manifest>> redirects = new HashMap<>();

  /** The namespaces and hosts that an HTTPRoute with other rules than redirects serves. */
  private final Set<String> served = new HashSet<>();

  private final Set<Manifest> unknownGateways =
      java.util.Collections.newSetFromMap(new IdentityHashMap<>());
  private final Map<Manifest, Set<String>> reported = new IdentityHashMap<>();
  private final Set<String> envoyGateways = new HashSet<>();

  HttpRouteReader(
      GatewayApi target,
      Manifests in,
      Reading out,
      Gateways gateways,
      EnvoyGatewayPolicyReader envoy,
      BackendTlsPolicyReader backendTls,
      OwnOutput own) {
    this.target = target;
    this.own = own;
    this.in = in;
    this.out = out;
    this.gateways = gateways;
    this.envoy = envoy;
    this.backendTls = backendTls;
  }

  /** A Gateway parentRef of the route. */
  private record Parent(
      String namespace,
      String name,
      String pointer,
      JsonNode ref,
      Manifest gateway,
      List<Gateways.Listener> listeners,
      Gateways.Implementation implementation) {
    boolean inInput() {
      return gateway != null;
    }
  }

  void read(Manifest route) {
    JsonNode spec = route.tree().path("spec");
    JsonNode refs = Gateways.list(spec.path("parentRefs"));
    List<Parent> parents = new ArrayList<>();
    boolean gatewayParent = false;
    for (int i = 0; i < refs.size(); i++) {
      JsonNode ref = refs.get(i);
      // ParentReference: group defaults to gateway.networking.k8s.io, kind to Gateway, namespace
      // to the route's ("When unspecified, this refers to the local namespace of the Route").
      if (!ref.path("group").asText(Gateways.GROUP).equals(Gateways.GROUP)
          || !ref.path("kind").asText("Gateway").equals("Gateway")) {
        continue; // a Service (GAMMA mesh routes) or another kind of parent: not a Gateway's route
      }
      gatewayParent = true;
      String ns = ref.path("namespace").asText(route.namespace());
      String name = ref.path("name").asText();
      String pointer = "/spec/parentRefs/" + i;
      Manifest gw = gateways.gateway(ns, name);
      if (gw == null) {
        parents.add(new Parent(ns, name, pointer, ref, null, List.of(), null));
        continue;
      }
      Gateways.Attachment a = gateways.attach(route, gw, ref, pointer);
      if (a.refused() != null) {
        Source at = a.at().startsWith("/spec/listeners") ? gw.source(a.at()) : route.source(a.at());
        out.report(
            route,
            // kubernetes-sigs/gateway-api v1.6.1 apis/v1/gateway_types.go: Listener allowedRoutes
            // (namespaces default from: Same, kinds), hostname and port decide which routes a
            // listener accepts
            GatewayApiFinding.ROUTE_NOT_ACCEPTED,
            at,
            "the parentRef to "
                + gw.subject()
                + " is not accepted: "
                + a.refused()
                + "; the Gateway does not serve this route.");
        continue;
      }
      parents.add(
          new Parent(ns, name, pointer, ref, gw, a.listeners(), gateways.implementation(gw)));
    }
    if (refs.size() > 0 && !gatewayParent) {
      return; // mesh routes (parentRefs to Services) are not a Gateway's
    }
    out.understood(route);
    ApiVersions.check(route, out);
    if (refs.size() == 0) {
      out.report(
          route,
          // kubernetes-sigs/gateway-api v1.6.1 apis/v1/shared_types.go: CommonRouteSpec.ParentRefs
          // names the Gateways a route attaches to; without one no Gateway serves it
          GatewayApiFinding.NO_PARENT,
          route.source("/spec"),
          "the route has no parentRefs, so no Gateway serves it.");
      return;
    }
    if (parents.isEmpty()) {
      return; // every parent refused it
    }

    EnvoyGatewayPolicyReader.Parent envoyParent = null;
    for (Parent p : parents) {
      if (envoyServes(p)) {
        envoyParent = policyParent(p);
        break;
      }
    }
    boolean isEnvoy = envoyParent != null;
    if (!isEnvoy) {
      for (Parent p : parents) {
        if (p.inInput() && !p.implementation().known() && unknownGateways.add(p.gateway())) {
          String cls = p.gateway().tree().path("spec").path("gatewayClassName").asText("");
          out.report(
              p.gateway(),
              GatewayApiFinding.IMPLEMENTATION_UNKNOWN,
              p.gateway().source("/spec/gatewayClassName"),
              "GatewayClass "
                  + cls
                  + " is not in the input, so the implementation serving "
                  + p.gateway().subject()
                  + " is unknown and its routes are checked against the Gateway API's own rules"
                  + " only.");
        }
      }
    }
    String app = own.appName(route);
    AppFacts facts = app == null ? null : facts(route, app);
    GatewayApi served = servingTarget(parents.get(0), isEnvoy, route, app, facts);

    List<String> routeHosts = Gateways.hostnames(route);
    List<String> hosts = hosts(routeHosts, parents);
    Setting<Tls> tls = tls(parents);
    List<Manifest> redirectRoutes = redirectsFor(route, routeHosts);
    Manifest certificate = null;
    if (tls == null && !redirectRoutes.isEmpty() && !redirectOnly(route)) {
      for (Parent p : parents) {
        String section = p.ref().path("sectionName").asText("");
        if (!p.inInput() && !section.isEmpty()) {
          // The route takes one listener of a Gateway the input lacks and its hosts are redirected
          // to HTTPS: TLS terminates on that listener, with a certificate the input does not show,
          // unless a cert-manager Certificate in the input fills the Secret for the route's hosts.
          certificate = certificateFor(route, routeHosts, p);
          if (certificate != null) {
            tls =
                Setting.of(
                    Tls.secret(certificate.tree().path("spec").path("secretName").asText()),
                    certificate.source("/spec/secretName"));
            break;
          }
          out.notCarried(
              route,
              "TLS on the listener "
                  + Gateways.quote(section)
                  + " of Gateway "
                  + p.namespace()
                  + "/"
                  + p.name(),
              route.source(p.pointer()),
              "the Gateway is not in the input, so the Secret its listener terminates TLS with is"
                  + " not known, and the app is converted without TLS and without the redirect of "
                  + redirectRoutes.get(0).subject()
                  + "; add the Gateway (or the cert-manager Certificate of its Secret) to the"
                  + " input");
          break;
        }
      }
    }
    for (int i = 1; i < parents.size(); i++) {
      Parent p = parents.get(i);
      out.notCarried(
          route,
          "the parentRef to Gateway " + p.namespace() + "/" + p.name(),
          route.source(p.pointer()),
          "the converted app attaches to one Gateway, the first parent, Gateway "
              + parents.get(0).namespace()
              + "/"
              + parents.get(0).name());
    }
    RouteContext context = new RouteContext(app, facts, redirectRoutes, certificate);

    boolean anyWebSocket = false;
    boolean defaultIdle = false;
    JsonNode rules = Gateways.list(spec.path("rules"));
    for (int r = 0; r < rules.size(); r++) {
      RuleResult rr =
          rule(route, rules.get(r), r, hosts, tls, served, isEnvoy, envoyParent, parents, context);
      anyWebSocket |= rr.webSocket;
      defaultIdle |= rr.webSocket && rr.defaultIdle;
    }

    for (Parent p : parents) {
      if (p.inInput()) {
        continue;
      }
      String message =
          "Gateway "
              + p.namespace()
              + "/"
              + p.name()
              + " is not in the input: its listeners (hostnames, allowedRoutes, TLS) are not"
              + " checked"
              + (isEnvoy
                  ? ""
                  : ", and the implementation serving the route is unknown, so only the Gateway"
                      + " API's own rules apply");
      if (anyWebSocket && isEnvoy && defaultIdle) {
        message +=
            "; unless a ClientTrafficPolicy for it sets spec.timeout.http.streamIdleTimeout,"
                + " Envoy resets this route's WebSockets after "
                + EnvoyGatewayPolicies.ENVOY_STREAM_IDLE_DEFAULT_TEXT
                + " without traffic (its default stream idle timeout)";
      }
      out.report(
          route, GatewayApiFinding.PARENT_NOT_IN_INPUT, route.source(p.pointer()), message + ".");
    }
  }

  /**
   * Marks the Gateways that Envoy Gateway serves by its policies: a BackendTrafficPolicy or
   * ClientTrafficPolicy that targets the Gateway, or one of the HTTPRoutes (or rules) attached to
   * it; only Envoy Gateway reads these kinds. Used where the GatewayClass does not say.
   */
  void prepare(List<Manifest> routes) {
    for (Manifest route : routes) {
      JsonNode rules = Gateways.list(route.tree().path("spec").path("rules"));
      boolean all = rules.size() > 0;
      for (JsonNode rule : rules) {
        all &= schemeRedirect(rule);
      }
      for (String host : Gateways.hostnames(route)) {
        if (all) {
          redirects.computeIfAbsent(key(route, host), k -> new ArrayList<>()).add(route);
        } else {
          served.add(key(route, host));
        }
      }
    }
    if (!envoy.any()) {
      return;
    }
    for (Manifest route : routes) {
      for (JsonNode ref : Gateways.list(route.tree().path("spec").path("parentRefs"))) {
        if (!ref.path("group").asText(Gateways.GROUP).equals(Gateways.GROUP)
            || !ref.path("kind").asText("Gateway").equals("Gateway")) {
          continue;
        }
        String ns = ref.path("namespace").asText(route.namespace());
        String name = ref.path("name").asText();
        String key = ns + "/" + name;
        if (envoyGateways.contains(key)) {
          continue;
        }
        Manifest gw = gateways.gateway(ns, name);
        JsonNode labels = gw == null ? null : gw.tree().path("metadata").path("labels");
        String listener = ref.path("sectionName").asText(null);
        if (envoy.targets(
            route, List.of(new EnvoyGatewayPolicyReader.Parent(ns, name, listener, labels)))) {
          envoyGateways.add(key);
        }
      }
    }
  }

  private static String key(Manifest route, String host) {
    return (route.namespace().isEmpty() ? "default" : route.namespace()) + " " + host;
  }

  /**
   * Whether the rule only redirects to HTTPS: no backendRefs and one RequestRedirect filter that
   * changes the scheme to {@code https} and nothing else (v1.6.1 HTTPRequestRedirectFilter: scheme,
   * hostname, path, port, statusCode), the way {@link HttpRoutes} renders the redirect twin of an
   * app's route. Such a rule is the spec's TLS redirect, not a route of its own.
   */
  static boolean schemeRedirect(JsonNode rule) {
    if (Gateways.list(rule.path("backendRefs")).size() > 0) {
      return false;
    }
    JsonNode filters = Gateways.list(rule.path("filters"));
    if (filters.size() != 1) {
      return false;
    }
    JsonNode f = filters.get(0);
    JsonNode r = f.path("requestRedirect");
    return f.path("type").asText().equals(HttpRoutes.REQUEST_REDIRECT)
        && r.path("scheme").asText().equals("https")
        && !r.has("hostname")
        && !r.has("path")
        && !r.has("port");
  }

  /**
   * Whether every host of the route is served by another HTTPRoute in the input: then its HTTPS
   * redirects are those routes' TLS redirect; a redirect of its own host is a route of its own.
   */
  private boolean twin(Manifest route) {
    List<String> hosts = Gateways.hostnames(route);
    for (String h : hosts) {
      if (!served.contains(key(route, h))) {
        return false;
      }
    }
    return !hosts.isEmpty();
  }

  private static boolean redirectOnly(Manifest route) {
    JsonNode rules = Gateways.list(route.tree().path("spec").path("rules"));
    for (JsonNode rule : rules) {
      if (!schemeRedirect(rule)) {
        return false;
      }
    }
    return rules.size() > 0;
  }

  /** The redirect routes for the route's hosts, each once. */
  private List<Manifest> redirectsFor(Manifest route, List<String> hosts) {
    List<Manifest> found = new ArrayList<>();
    for (String h : hosts) {
      for (Manifest m : redirects.getOrDefault(key(route, h), List.of())) {
        if (m != route && !found.contains(m)) {
          found.add(m);
        }
      }
    }
    return found;
  }

  /** Whether Envoy Gateway serves the route through this parent. */
  private boolean envoyServes(Parent p) {
    if (p.inInput() && p.implementation().known()) {
      return p.implementation().envoyGateway();
    }
    return envoyGateways.contains(p.namespace() + "/" + p.name());
  }

  private static EnvoyGatewayPolicyReader.Parent policyParent(Parent p) {
    String listener = p.ref().path("sectionName").asText(null);
    if (listener == null && !p.listeners().isEmpty()) {
      listener = p.listeners().get(0).name();
    }
    JsonNode labels = p.inInput() ? p.gateway().tree().path("metadata").path("labels") : null;
    return new EnvoyGatewayPolicyReader.Parent(p.namespace(), p.name(), listener, labels);
  }

  /**
   * The target as the input configures it: the first parent Gateway (the app's own Gateway when
   * wsingress rendered it for the app, {@link GatewayApi#withGateway}), its listener names, Envoy
   * Gateway's policies, and for wsingress's own output the release lines and options the output
   * shows ({@link AppFacts}).
   */
  private GatewayApi servingTarget(
      Parent first, boolean isEnvoy, Manifest route, String app, AppFacts facts) {
    boolean ownGateway =
        app != null
            && first.inInput()
            && OwnOutput.ours(first.gateway())
            && first.gateway().name().equals(app)
            && Manifests.sameNamespace(first.gateway().namespace(), route.namespace());
    String key =
        first.namespace() + "/" + first.name() + "/" + isEnvoy + "/" + app + "/" + ownGateway;
    GatewayApi t = targets.get(key);
    if (t == null) {
      t = target;
      try {
        t =
            ownGateway
                ? target.withGateway(
                    first.gateway().tree().path("spec").path("gatewayClassName").asText())
                : target.gateway(
                    first.namespace().isEmpty() ? "default" : first.namespace(), first.name());
      } catch (InvalidSpecException e) {
        // a name the DSL refuses: the route is still read
      }
      if (first.inInput()) {
        t = listeners(t, first.gateway());
      }
      if (isEnvoy) {
        t =
            facts != null && facts.envoyGateway() != null
                ? t.envoyGateway(facts.envoyGateway())
                : t.envoyGateway();
      }
      if (facts != null) {
        if (facts.version() != null) {
          t = t.version(facts.version());
        }
        if (facts.requestTimeout() != null) {
          t = t.requestTimeout(facts.requestTimeout());
        }
        if (facts.caConfigMap() != null) {
          t = t.backendCaConfigMap(facts.caConfigMap());
        }
      }
      targets.put(key, t);
    }
    return t;
  }

  /**
   * The target with the Gateway's listener names, when it has one HTTP and one HTTPS listener (the
   * pair {@link GatewayApi#listeners} names); as given otherwise.
   */
  private static GatewayApi listeners(GatewayApi t, Manifest gateway) {
    String http = null;
    String https = null;
    int httpCount = 0;
    int httpsCount = 0;
    for (JsonNode l : Gateways.list(gateway.tree().path("spec").path("listeners"))) {
      String protocol = l.path("protocol").asText();
      if (protocol.equals("HTTP")) {
        http = l.path("name").asText();
        httpCount++;
      } else if (protocol.equals("HTTPS")) {
        https = l.path("name").asText();
        httpsCount++;
      }
    }
    if (httpCount != 1 || httpsCount != 1) {
      return t;
    }
    try {
      return t.listeners(http, https);
    } catch (InvalidSpecException e) {
      return t;
    }
  }

  /**
   * The hosts the route serves: its hostnames intersected with each listener's (v1.6.1
   * HTTPRouteSpec.Hostnames: "any HTTPRoute hostnames that do not match the Listener hostname MUST
   * be ignored"), the listeners' hostnames when it has none, any host when neither says.
   */
  private static List<String> hosts(List<String> routeHosts, List<Parent> parents) {
    Set<String> out = new LinkedHashSet<>();
    boolean anyUnknown = false;
    for (Parent p : parents) {
      if (!p.inInput()) {
        anyUnknown = true;
        continue;
      }
      for (Gateways.Listener l : p.listeners()) {
        if (routeHosts.isEmpty()) {
          out.add(l.hostname() == null ? "" : l.hostname().toLowerCase(Locale.ROOT));
        } else {
          for (String h : routeHosts) {
            String i = Gateways.intersect(h, l.hostname());
            if (i != null) {
              out.add(i);
            }
          }
        }
      }
    }
    if (anyUnknown) {
      out.addAll(routeHosts.isEmpty() ? List.of("") : routeHosts);
    }
    if (out.contains("")) {
      return List.of("");
    }
    return List.copyOf(out);
  }

  /**
   * TLS at the edge: the first Secret an HTTPS listener the route attaches to terminates with, when
   * every parent is in the input; with a redirect unless the route also takes a plain HTTP listener
   * (then plain requests are served too, the spec's {@code redirect(false)}). Null when no listener
   * terminates TLS or a parent is not in the input.
   */
  private static Setting<Tls> tls(List<Parent> parents) {
    Setting<Tls> first = null;
    boolean plain = false;
    for (Parent p : parents) {
      if (!p.inInput()) {
        return null;
      }
      for (Gateways.Listener l : p.listeners()) {
        String cert = l.certificate();
        if (cert == null) {
          plain |= l.protocol().equals("HTTP");
          continue;
        }
        if (first == null) {
          first = Setting.of(Tls.secret(cert), l.gateway().source(l.pointer() + "/tls"));
        }
      }
    }
    if (first != null && plain) {
      return Setting.of(first.value().redirect(false), first.source().orElseThrow());
    }
    return first;
  }

  /**
   * What wsingress's own output says about the app it was rendered for (the same for all its
   * HTTPRoutes): the Gateway API release line (rules without names although they differ: before
   * v1.4, {@link Releases#RULE_NAME}; the newest otherwise, which renders the same), the Envoy
   * Gateway release line (a ClientTrafficPolicy, or BackendTrafficPolicies without {@code
   * streamIdleTimeout}: before v1.8, {@link Releases#ROUTE_STREAM_IDLE_TIMEOUT}; the newest
   * otherwise), the request timeout option (the WebSocket rules' {@code timeouts.request}) and the
   * CA ConfigMap option (BackendTLSPolicy {@code caCertificateRefs} of kind ConfigMap). Null fields
   * keep the target's defaults. Where the output does not show the line (Envoy Gateway before v1.8
   * with an existing Gateway and no setting that needs a policy writes no policy at all), the
   * output is the same as without it, and so is the converted app's rendering.
   */
  record AppFacts(
      String version,
      String envoyGateway,
      java.time.Duration requestTimeout,
      String caConfigMap,
      boolean oneGroup) {}

  /**
   * What the reading of one HTTPRoute knows beyond its own fields: the app of wsingress's output,
   * the HTTPS redirect routes of its hosts, and the Certificate its TLS was read from (or null).
   */
  private record RouteContext(
      String app, AppFacts facts, List<Manifest> redirects, Manifest certificate) {}

  /**
   * The cert-manager Certificate whose Secret the listener of a Gateway the input lacks terminates
   * TLS with, or null: the one Secret ({@code spec.secretName}) that Certificates ({@code
   * cert-manager.io}) in the Gateway's namespace, else in the route's, fill for every host of the
   * route ({@code spec.dnsNames}; a {@code *.} name covers one label, RFC 6125 section 6.4.3). A
   * listener's {@code tls.certificateRefs} name Secrets in the Gateway's namespace unless a
   * ReferenceGrant allows another (gateway-api v1.6.1 apis/v1/gateway_types.go GatewayTLSConfig
   * CertificateRefs); cert-manager's Gateway support creates the Certificate of a listener's Secret
   * under the Secret's name and namespace, the Gateway's ("cross-namespace secret references are
   * not allowed in listeners", cert-manager v1.21.1 pkg/controller/certificate-shim/sync.go), and
   * wsingress's platform kit renders the app's Certificate in the app's namespace for the Secret
   * that {@code GATEWAYAPI-TLS-ON-GATEWAY} asks the listener to reference. Several Secrets, or none
   * covering the hosts: null (not carried).
   */
  private Manifest certificateFor(Manifest route, List<String> hosts, Parent p) {
    if (hosts.isEmpty()) {
      return null;
    }
    for (String namespace : List.of(p.namespace(), route.namespace())) {
      Manifest found = null;
      for (Manifest c : in.objects("cert-manager.io", "Certificate")) {
        if (!Manifests.sameNamespace(c.namespace(), namespace)) {
          continue;
        }
        String secret = c.tree().path("spec").path("secretName").asText("");
        if (secret.isEmpty() || !covers(c.tree().path("spec").path("dnsNames"), hosts)) {
          continue;
        }
        if (found != null
            && !found.tree().path("spec").path("secretName").asText().equals(secret)) {
          return null; // two Secrets serve the hosts: which one the listener names is not known
        }
        if (found == null) {
          found = c;
        }
      }
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** Whether the certificate's names cover every host: equal, or {@code *.} for one label. */
  private static boolean covers(JsonNode dnsNames, List<String> hosts) {
    for (String h : hosts) {
      boolean covered = false;
      for (JsonNode n : Gateways.list(dnsNames)) {
        String name = n.asText("").toLowerCase(Locale.ROOT);
        covered |=
            name.equals(h)
                || (name.startsWith("*.")
                    && !h.startsWith("*.")
                    && h.endsWith(name.substring(1))
                    && h.indexOf('.') == h.length() - name.length() + 1);
      }
      if (!covered) {
        return false;
      }
    }
    return true;
  }

  private AppFacts facts(Manifest route, String app) {
    String ns = route.namespace().isEmpty() ? "default" : route.namespace();
    return apps.computeIfAbsent(ns + "/" + app, k -> computeFacts(route, app));
  }

  private AppFacts computeFacts(Manifest first, String app) {
    List<Manifest> routes = new ArrayList<>();
    for (Manifest r : in.objects(Gateways.GROUP, "HTTPRoute")) {
      if (Manifests.sameNamespace(r.namespace(), first.namespace()) && app.equals(own.appName(r))) {
        routes.add(r);
      }
    }
    Set<String> signatures = new HashSet<>();
    boolean named = false;
    java.time.Duration request = null;
    String ca = null;
    boolean streamIdle = false;
    boolean policy = false;
    for (Manifest r : routes) {
      JsonNode rules = Gateways.list(r.tree().path("spec").path("rules"));
      for (int i = 0; i < rules.size(); i++) {
        JsonNode rule = rules.get(i);
        if (schemeRedirect(rule)) {
          continue;
        }
        named |= OwnOutput.ruleName(rule) != null;
        signatures.add(
            String.valueOf(rule.get("backendRefs"))
                + rule.get("filters")
                + rule.get("timeouts")
                + rule.get("sessionPersistence"));
      }
      for (String kind :
          List.of(
              EnvoyGatewayPolicyReader.BACKEND_TRAFFIC_POLICY,
              EnvoyGatewayPolicyReader.CLIENT_TRAFFIC_POLICY)) {
        for (Manifest p : in.objects(EnvoyGatewayPolicies.GROUP, kind)) {
          if (!OwnOutput.ours(p) || !Manifests.sameNamespace(p.namespace(), r.namespace())) {
            continue;
          }
          boolean targetsRoute = false;
          for (JsonNode ref : Gateways.list(p.tree().path("spec").path("targetRefs"))) {
            targetsRoute |=
                ref.path("kind").asText().equals("HTTPRoute")
                    && ref.path("name").asText().equals(r.name());
          }
          boolean ownClientPolicy =
              kind.equals(EnvoyGatewayPolicyReader.CLIENT_TRAFFIC_POLICY) && p.name().equals(app);
          if (targetsRoute || ownClientPolicy) {
            policy = true;
            streamIdle |=
                !p.tree().at(STREAM_IDLE.compiled()).isMissingNode()
                    && kind.equals(EnvoyGatewayPolicyReader.BACKEND_TRAFFIC_POLICY);
          }
        }
      }
    }
    for (Manifest r : routes) {
      JsonNode rules = Gateways.list(r.tree().path("spec").path("rules"));
      for (int i = 0; i < rules.size() && request == null; i++) {
        JsonNode rule = rules.get(i);
        JsonNode t = rule.path("timeouts").get("request");
        if (t != null
            && t.isTextual()
            && ruleKind(r, rule, app, signatures.size() == 1).kind() == Kind.WEBSOCKET) {
          try {
            request = GepDurations.parse(t.asText());
          } catch (IllegalArgumentException e) {
            // reported where the rule is read
          }
        }
      }
    }
    for (Manifest p : in.objects(Gateways.GROUP, "BackendTLSPolicy")) {
      if (OwnOutput.ours(p)
          && Manifests.sameNamespace(p.namespace(), first.namespace())
          && (p.name().equals(app) || p.name().startsWith(app + "-"))) {
        JsonNode ref = p.tree().path("spec").path("validation").path("caCertificateRefs").path(0);
        if (ref.path("kind").asText().equals("ConfigMap") && ca == null) {
          ca = ref.path("name").asText(null);
        }
      }
    }
    String version =
        !named && signatures.size() > 1
            ? Releases.GATEWAY_API
                .get(Releases.GATEWAY_API.indexOf(Releases.RULE_NAME) - 1)
                .toString()
            : null;
    String envoyLine =
        policy && !streamIdle
            ? Releases.ENVOY_GATEWAY
                .get(Releases.ENVOY_GATEWAY.indexOf(Releases.ROUTE_STREAM_IDLE_TIMEOUT) - 1)
                .toString()
            : null;
    return new AppFacts(version, envoyLine, request, ca, signatures.size() == 1);
  }

  /** The kind of a rule of wsingress's output by its markers. */
  enum Kind {
    WEBSOCKET,
    PLAIN,
    UNKNOWN
  }

  /** A rule's kind and the marker that says it. */
  record Marker(Kind kind, String reason) {}

  /**
   * A rule's kind by what only wsingress writes, so that the converter gets back the route kinds of
   * the spec (the Gateway API has no field for WebSocket): the rule names of {@link HttpRouteRules}
   * ({@code ws-<service>} for WebSocket rules, {@code http-<service>} for plain ones), a
   * BackendTrafficPolicy wsingress rendered for the route ({@link EnvoyGatewayPolicies} writes them
   * for WebSocket rules only), the {@code <app>-http} partition that holds only plain rules ({@link
   * HttpRoutes}); the unnamed rules of an app whose rules form one group are its WebSocket routes
   * (every app has one, and rules are named when there are several groups, from v1.4).
   */
  private Marker ruleKind(Manifest route, JsonNode rule, String app, boolean oneGroup) {
    String name = OwnOutput.ruleName(rule);
    if (name != null) {
      String why =
          "the rule name " + Gateways.quote(name) + " of " + route.subject() + ", which wsingress";
      if (name.startsWith(OwnOutput.WEBSOCKET_RULE)) {
        return new Marker(Kind.WEBSOCKET, why + " gives WebSocket rules");
      }
      if (name.startsWith(OwnOutput.PLAIN_RULE)) {
        return new Marker(Kind.PLAIN, why + " gives plain HTTP rules");
      }
      return new Marker(Kind.UNKNOWN, null);
    }
    if (envoy.any() && ownPolicyTargets(route)) {
      return new Marker(
          Kind.WEBSOCKET,
          "the BackendTrafficPolicy for "
              + route.subject()
              + ", which wsingress renders for WebSocket rules only");
    }
    if (route.name().equals(app + "-http") || route.name().startsWith(app + "-http-")) {
      return new Marker(
          Kind.PLAIN,
          route.subject() + ", which wsingress renders for the plain HTTP rules of " + app);
    }
    return oneGroup
        ? new Marker(
            Kind.WEBSOCKET,
            route.subject()
                + " holds one group of rules, which wsingress renders for WebSocket routes only")
        : new Marker(Kind.UNKNOWN, null);
  }

  private boolean ownPolicyTargets(Manifest route) {
    for (Manifest p :
        in.objects(EnvoyGatewayPolicies.GROUP, EnvoyGatewayPolicyReader.BACKEND_TRAFFIC_POLICY)) {
      if (!OwnOutput.ours(p) || !Manifests.sameNamespace(p.namespace(), route.namespace())) {
        continue;
      }
      for (JsonNode ref : Gateways.list(p.tree().path("spec").path("targetRefs"))) {
        if (ref.path("kind").asText().equals("HTTPRoute")
            && ref.path("name").asText().equals(route.name())) {
          return true;
        }
      }
    }
    return false;
  }

  private static final class RuleResult {
    boolean webSocket;
    boolean defaultIdle;
  }

  private RuleResult rule(
      Manifest route,
      JsonNode rule,
      int index,
      List<String> hosts,
      Setting<Tls> tls,
      GatewayApi served,
      boolean isEnvoy,
      EnvoyGatewayPolicyReader.Parent envoyParent,
      List<Parent> parents,
      RouteContext context) {
    String base = "/spec/rules/" + index;
    if (schemeRedirect(rule) && twin(route)) {
      return new RuleResult(); // the TLS redirect of the hosts' routes (their tls().redirect())
    }
    String ruleName = rule.path("name").asText(null);
    RuleResult result = new RuleResult();

    // --- backends (HTTPBackendRef: kind Service and group "" by default; weight 1)
    List<ServedBackend> backends = new ArrayList<>();
    boolean proxies = false;
    JsonNode refs = Gateways.list(rule.path("backendRefs"));
    for (int b = 0; b < refs.size(); b++) {
      JsonNode ref = refs.get(b);
      proxies = true;
      if (!ref.path("kind").asText("Service").equals("Service")
          || !ref.path("group").asText("").isEmpty()) {
        continue; // an implementation's own backend kind: nothing the input graph can resolve
      }
      String pointer = base + "/backendRefs/" + b;
      JsonNode port = ref.get("port");
      if (port == null || !port.isIntegralNumber()) {
        // HTTPBackendRef CEL (v1.6.1 CRD): "Must have port for Service reference".
        report(
            route,
            // kubernetes-sigs/gateway-api v1.6.1 apis/v1/object_reference_types.go:
            // BackendObjectReference CEL "Must have port for Service reference"
            GatewayApiFinding.BACKEND_PORT_MISSING,
            pointer,
            "the backendRef to Service "
                + ref.path("name").asText()
                + " has no port, which a Service reference needs: the API server refuses the"
                + " route.");
        continue;
      }
      if (ref.path("weight").asInt(1) == 0 && refs.size() > 1) {
        continue; // BackendRef.Weight 0: "no traffic should be forwarded for this entry"
      }
      backends.add(
          in.backend(
                  ref.path("namespace").asText(route.namespace()),
                  ref.path("name").asText(),
                  port.asInt())
              .at(route.source(pointer)));
    }

    // --- filters
    boolean redirect = false;
    Setting<String> rewrite = null;
    Setting<Cors> cors = null;
    JsonNode filters = Gateways.list(rule.path("filters"));
    for (int f = 0; f < filters.size(); f++) {
      JsonNode filter = filters.get(f);
      String pointer = base + "/filters/" + f;
      switch (filter.path("type").asText()) {
        case HttpRoutes.REQUEST_REDIRECT:
          redirect = true;
          break;
        case HttpRoutes.URL_REWRITE:
          {
            JsonNode path = filter.path("urlRewrite").path("path");
            String type = path.path("type").asText("");
            if (filter.path("urlRewrite").has("hostname")) {
              out.notCarried(
                  route,
                  "the URLRewrite hostname "
                      + Gateways.quote(filter.path("urlRewrite").path("hostname").asText()),
                  route.source(pointer + "/urlRewrite/hostname"),
                  "the spec rewrites paths only, so the backend gets the request's own Host");
            }
            if (type.equals(HttpRoutes.REPLACE_PREFIX_MATCH)) {
              rewrite =
                  Setting.of(
                      path.path("replacePrefixMatch").asText("/"),
                      route.source(pointer + "/urlRewrite/path"));
            } else if (type.equals("ReplaceFullPath")) {
              report(
                  route,
                  GatewayApiFinding.REWRITE_NOT_PREFIX,
                  pointer + "/urlRewrite/path",
                  "the URLRewrite sends every request of "
                      + ruleLabel(ruleName, index)
                      + " to the path "
                      + Gateways.quote(path.path("replaceFullPath").asText())
                      + " (ReplaceFullPath), which is not a prefix rewrite.");
              out.notCarried(
                  route,
                  "the URLRewrite ReplaceFullPath "
                      + Gateways.quote(path.path("replaceFullPath").asText()),
                  route.source(pointer + "/urlRewrite/path"),
                  "the spec's rewrite replaces the matched prefix only, so the converted route"
                      + " passes the path on unchanged");
            }
            break;
          }
        case HttpRoutes.CORS:
          cors = cors(route, filter.path("cors"), pointer + "/cors");
          break;
        default:
          unmodelledFilter(route, filter, pointer);
          break;
      }
    }

    unmodelledRule(route, rule, base, isEnvoy);

    // --- timeouts (HTTPRouteTimeouts, GEP-2257 durations)
    JsonNode timeouts = rule.path("timeouts");
    Setting<Duration> request =
        duration(route, timeouts.get("request"), base + "/timeouts/request");
    Setting<Duration> backendRequest =
        duration(route, timeouts.get("backendRequest"), base + "/timeouts/backendRequest");

    // --- settings
    Setting<Duration> requestTimeout = request;
    Setting<Duration> idle = null;
    Setting<Duration> connect = null;
    Setting<Affinity> affinity = null;
    Setting<RateLimit> rateLimit = null;
    Setting<Boolean> requestBuffering = null;
    Setting<Boolean> upgrade = null;
    EnvoyGatewayPolicyReader.Found maxStream = null;
    EnvoyGatewayPolicyReader.Found cookieWithoutTtl = null;
    String idleFrom = null;
    boolean upgradeByBuffer = false;
    Setting<HealthCheck> health = null;
    List<Manifest> alsoFrom = new ArrayList<>();
    if (isEnvoy && proxies && !redirect) {
      EnvoyGatewayPolicyReader.Chain chain = envoy.backendTraffic(route, ruleName, envoyParent);
      if (chain.specific() != null) {
        alsoFrom.add(chain.specific());
      }
      if (chain.parent() != null) {
        alsoFrom.add(chain.parent());
      }
      EnvoyGatewayPolicyReader.Found active =
          EnvoyGatewayPolicyReader.field(chain, ACTIVE_HEALTH_CHECK);
      if (active != null) {
        health = activeHealthCheck(route, active);
      }
      // internal/gatewayapi/route.go:1086-1106 processRouteTimeout: backendRequest replaces the
      // request timeout when the rule has no retry; translator/route.go getEffectiveRequestTimeout
      // falls back to the BackendTrafficPolicy's spec.timeout.http.requestTimeout.
      if (backendRequest != null && !rule.has("retry")) {
        requestTimeout = backendRequest;
      }
      if (requestTimeout == null) {
        requestTimeout = durationSetting(EnvoyGatewayPolicyReader.field(chain, REQUEST_TIMEOUT));
      }
      idle = durationSetting(EnvoyGatewayPolicyReader.field(chain, STREAM_IDLE));
      if (idle != null) {
        idleFrom = "BackendTrafficPolicy";
      } else {
        EnvoyGatewayPolicyReader.Found client = envoy.clientTraffic(envoyParent, STREAM_IDLE);
        idle = durationSetting(client);
        if (idle != null) {
          idleFrom = "ClientTrafficPolicy";
          alsoFrom.add(client.policy());
        } else if (requestTimeout != null) {
          idle =
              Setting.byDefault(
                  EnvoyGatewayPolicies.derivedStreamIdle(requestTimeout.value()),
                  "Envoy Gateway v1.9.0 internal/xds/translator/route.go idleTimeout, derived"
                      + " from the request timeout "
                      + GepDurations.format(requestTimeout.value())
                      + " ("
                      + requestTimeout.source().map(Source::toString).orElse("a policy")
                      + ")");
          idleFrom = "request timeout";
        } else {
          idle =
              Setting.byDefault(
                  EnvoyGatewayPolicies.ENVOY_STREAM_IDLE_DEFAULT,
                  EnvoyGatewayPolicies.ENVOY_STREAM_IDLE_DEFAULT_SOURCE);
          result.defaultIdle = true;
        }
      }
      connect = durationSetting(EnvoyGatewayPolicyReader.field(chain, CONNECT_TIMEOUT));
      if (connect == null) {
        connect =
            Setting.byDefault(
                EnvoyGatewayPolicies.CONNECT_TIMEOUT_DEFAULT,
                EnvoyGatewayPolicies.CONNECT_TIMEOUT_DEFAULT_SOURCE);
      }
      maxStream = EnvoyGatewayPolicyReader.field(chain, MAX_STREAM_DURATION);
      if (maxStream == null) {
        // envoyproxy/gateway v1.9.0 internal/xds/translator/listener.go: ClientTrafficPolicy
        // connection.connectionLimit.maxStreamDuration is the listener's HCM
        // common_http_protocol_options.max_stream_duration, which Envoy uses for a route whose
        // RouteAction sets none (envoy api/envoy/config/route/v3/route_components.proto
        // RouteAction.MaxStreamDuration: "If not specified, the value from ... is used")
        maxStream = envoy.clientTraffic(envoyParent, LISTENER_MAX_STREAM_DURATION);
        if (maxStream != null) {
          alsoFrom.add(maxStream.policy());
        }
      }
      EnvoyGatewayPolicyReader.Found lb = EnvoyGatewayPolicyReader.field(chain, LOAD_BALANCER);
      if (lb != null && lb.value().path("type").asText().equals("ConsistentHash")) {
        JsonNode hash = lb.value().path("consistentHash");
        affinity = consistentHash(lb, hash);
        if (hash.path("type").asText().equals("Cookie") && !hash.path("cookie").has("ttl")) {
          cookieWithoutTtl = lb;
        }
      }
      EnvoyGatewayPolicyReader.Found limit =
          EnvoyGatewayPolicyReader.field(chain, LOCAL_RATE_LIMIT);
      if (limit != null) {
        rateLimit = localRateLimit(limit);
      }
      EnvoyGatewayPolicyReader.Found buffer = EnvoyGatewayPolicyReader.field(chain, REQUEST_BUFFER);
      EnvoyGatewayPolicyReader.Found upgrades = EnvoyGatewayPolicyReader.field(chain, HTTP_UPGRADE);
      if (buffer != null) {
        requestBuffering = policySetting(buffer, Boolean.TRUE);
      }
      upgrade = upgrade(buffer, upgrades);
      upgradeByBuffer = buffer != null && !listsUpgrades(upgrades);
    }
    JsonNode persistence = rule.get("sessionPersistence");
    if (affinity == null && persistence != null && persistence.isObject()) {
      affinity = sessionPersistence(route, persistence, base + "/sessionPersistence", index);
    }

    // --- the routes: one per host and match (no matches: PathPrefix "/")
    JsonNode matches = Gateways.list(rule.path("matches"));
    List<String> matchPointers = new ArrayList<>();
    if (matches.size() == 0) {
      matchPointers.add(null);
    } else {
      for (int m = 0; m < matches.size(); m++) {
        matchPointers.add(base + "/matches/" + m);
      }
    }
    Marker marker =
        context.app() == null
            ? new Marker(Kind.UNKNOWN, null)
            : ruleKind(route, rule, context.app(), context.facts().oneGroup());
    List<ServedRoute> built = new ArrayList<>();
    for (String mp : matchPointers) {
      JsonNode path = mp == null ? null : rule.at(mp.substring(base.length())).path("path");
      String type =
          path == null
              ? HttpRouteRules.PATH_PREFIX
              : path.path("type").asText(HttpRouteRules.PATH_PREFIX);
      String value = path == null ? "/" : path.path("value").asText("/");
      PathMatch match;
      switch (type) {
        case HttpRouteRules.EXACT:
          match = PathMatch.EXACT;
          break;
        case HttpRouteRules.REGULAR_EXPRESSION:
          // Envoy Gateway (and Envoy-based implementations) write it as an RE2 safe_regex, which
          // must match the whole path; Java's syntax reads most RE2.
          match = PathMatch.REGEX;
          break;
        default:
          match = PathMatch.PREFIX;
          break;
      }
      Source at = route.source(mp == null ? base : mp);
      for (String host : hosts) {
        ServedRoute.Builder b = ServedRoute.builder(served, route, at);
        if (context.app() != null) {
          b.appName(context.app());
          if (marker.kind() == Kind.WEBSOCKET) {
            b.webSocketEvidence(marker.reason());
          } else if (marker.kind() == Kind.PLAIN) {
            b.plainHttpEvidence(marker.reason());
          }
        }
        context.redirects().forEach(b::alsoFrom);
        if (context.certificate() != null) {
          b.alsoFrom(context.certificate());
        }
        alsoFrom.forEach(b::alsoFrom);
        b.host(
            host,
            host.isEmpty()
                ? HostMatch.ANY
                : host.startsWith("*.") ? HostMatch.WILDCARD_SUFFIX : HostMatch.EXACT);
        try {
          b.path(value, match);
        } catch (IllegalArgumentException e) {
          report(
              route,
              GatewayApiFinding.REGEX_UNREADABLE,
              mp + "/path/value",
              "the RegularExpression "
                  + Gateways.quote(value)
                  + " is not one wsingress can read, so this match is not checked.");
          break;
        }
        backends.forEach(b::backend);
        if (idle != null) {
          b.idleTimeout(idle);
        }
        if (requestTimeout != null
            && requestTimeout == request
            && marker.kind() == Kind.WEBSOCKET
            && context.facts().requestTimeout() != null) {
          // wsingress writes timeouts.request on WebSocket rules only from the target's option
          // (GatewayApi.requestTimeout), which the route's target carries.
          b.requestTimeout(
              Setting.controllerWide(
                  requestTimeout.value(), requestTimeout.source().orElseThrow()));
        } else {
          b.requestTimeout(requestTimeout);
        }
        b.connectTimeout(connect);
        b.healthCheck(health);
        b.affinity(affinity);
        b.tls(tls);
        b.rewrite(rewrite);
        b.cors(cors);
        b.rateLimit(rateLimit);
        b.requestBuffering(requestBuffering);
        b.upgrade(upgrade);
        Setting<BackendProtocol> protocol = backendProtocol(backends);
        b.backendProtocol(protocol);
        BackendTlsPolicyReader.Applied tlsPolicy = backendTlsPolicy(backends);
        if (tlsPolicy != null) {
          b.alsoFrom(tlsPolicy.policy());
          Setting<String> ca = caSecret(tlsPolicy.policy());
          if (ca != null) {
            b.backendCaSecret(ca);
          }
        }
        ServedRoute sr = b.build();
        built.add(sr);
        out.add(sr);
      }
    }

    // --- rules that hold for every route: what the API server refuses, what never works
    for (ServedBackend b : backends) {
      wss(route, b, isEnvoy);
    }
    ServedRoute ws = null;
    for (ServedRoute sr : built) {
      if (sr.isWebSocket()) {
        ws = sr;
        break;
      }
    }
    if (ws == null || !proxies || redirect) {
      return result; // plain HTTP routes (and redirects) get no WebSocket findings
    }
    result.webSocket = true;
    String label =
        "the WebSocket route "
            + Gateways.quote(ws.path())
            + " ("
            + ws.webSocketReason().orElseThrow()
            + ")";

    for (ServedBackend b : backends) {
      appProtocol(route, b, ws);
    }
    webSocketRequestTimeout(route, label, isEnvoy, request, requestTimeout, idleFrom, idle, base);
    if (persistence != null && persistence.isObject()) {
      sessionPersistenceRules(route, persistence, base + "/sessionPersistence", label, isEnvoy);
    }
    if (isEnvoy) {
      envoyRules(
          route,
          base,
          label,
          result,
          envoyParent,
          parents,
          maxStream,
          cookieWithoutTtl,
          upgrade,
          upgradeByBuffer);
    }
    return result;
  }

  /**
   * A filter the spec has no counterpart for (gateway-api v1.6.1 apis/v1/httproute_types.go
   * HTTPRouteFilterType: RequestHeaderModifier, ResponseHeaderModifier, RequestMirror,
   * ExtensionRef, and the experimental ExternalAuth; a RequestRedirect makes the rule a redirect,
   * which the converter drops as a route to no Service).
   */
  private void unmodelledFilter(Manifest route, JsonNode filter, String pointer) {
    String type = filter.path("type").asText();
    String why;
    switch (type) {
      case "RequestHeaderModifier":
      case "ResponseHeaderModifier":
        why = "the spec does not change headers, so the converted route passes them on as they are";
        break;
      case "RequestMirror":
        why = "the spec has no request mirroring";
        break;
      case "ExternalAuth":
        why =
            "the spec has no external authentication, so the converted route admits every request";
        break;
      case "ExtensionRef":
        JsonNode ref = filter.path("extensionRef");
        why =
            "it is the implementation's own filter ("
                + ref.path("group").asText()
                + " "
                + ref.path("kind").asText()
                + " "
                + ref.path("name").asText()
                + "), which this reader does not read";
        break;
      default:
        return;
    }
    out.notCarried(route, "the " + type + " filter", route.source(pointer), why);
  }

  /**
   * The fields of a rule that the spec cannot hold (gateway-api v1.6.1 apis/v1/httproute_types.go
   * HTTPRouteMatch headers, queryParams, method; HTTPBackendRef filters; HTTPRouteTimeouts
   * backendRequest, on Envoy Gateway read as the request timeout instead; HTTPRouteRule retry),
   * session persistence other than a cookie's name and lifetime ({@code idleTimeout}: v1.2 to v1.5
   * apis/v1/shared_types.go SessionPersistence, removed in v1.6.0 by #4771), and a second Gateway
   * parent.
   */
  private void unmodelledRule(Manifest route, JsonNode rule, String base, boolean isEnvoy) {
    JsonNode matches = Gateways.list(rule.path("matches"));
    for (int m = 0; m < matches.size(); m++) {
      for (String f : List.of("headers", "queryParams", "method")) {
        if (matches.get(m).has(f)) {
          out.notCarried(
              route,
              "the " + f + " match",
              route.source(base + "/matches/" + m + "/" + f),
              "the spec matches by host and path only, so the converted route takes every request"
                  + " for its path");
        }
      }
    }
    JsonNode refs = Gateways.list(rule.path("backendRefs"));
    for (int b = 0; b < refs.size(); b++) {
      if (Gateways.list(refs.get(b).path("filters")).size() > 0) {
        out.notCarried(
            route,
            "the filters of backendRef " + Gateways.quote(refs.get(b).path("name").asText()),
            route.source(base + "/backendRefs/" + b + "/filters"),
            "the spec has no per-backend filters");
      }
    }
    if (rule.path("timeouts").has("backendRequest") && (!isEnvoy || rule.has("retry"))) {
      out.notCarried(
          route,
          "timeouts.backendRequest",
          route.source(base + "/timeouts/backendRequest"),
          "the spec has one request timeout per plain route (timeouts.request); the timeout of"
              + " each try to the backend is not carried");
    }
    if (rule.has("retry")) {
      out.notCarried(
          route,
          "the retry policy",
          route.source(base + "/retry"),
          "the spec has no retries, so the converted route keeps each destination's default");
    }
    JsonNode p = rule.path("sessionPersistence");
    if (p.has("idleTimeout")) {
      out.notCarried(
          route,
          "sessionPersistence.idleTimeout",
          route.source(base + "/sessionPersistence/idleTimeout"),
          "the spec's cookie affinity has a lifetime (maxAge), not an idle timeout (the field"
              + " exists in the experimental channel of Gateway API v1.2 to v1.5 only)");
    }
    if (p.path("type").asText("Cookie").equals("Header")) {
      out.notCarried(
          route,
          "the Header session persistence",
          route.source(base + "/sessionPersistence"),
          "it is a header the gateway issues, not a hash of a client's header (GEP-1619), so the"
              + " converted app has no affinity");
    }
  }

  private static String ruleLabel(String name, int index) {
    return name != null ? "rule " + Gateways.quote(name) : "rules[" + index + "]";
  }

  /**
   * timeouts.request on a WebSocket rule. The Gateway API: "the maximum duration for a gateway to
   * respond to an HTTP request ... intended to cover as close to the whole request-response
   * transaction as possible" (v1.6.1 HTTPRouteTimeouts.Request), so it is the implementation's
   * choice whether it covers an upgraded connection. Envoy Gateway writes it as Envoy's route
   * timeout (translator/route.go: {@code router.GetRoute().Timeout}), which Envoy applies to a
   * WebSocket only while it waits for the upgrade response (envoy changelogs/1.36.0.yaml "Support
   * route and per-try timeouts on WebSocket upgrade", runtime guard
   * websocket_enable_timeout_on_upgrade_response; on envoy main,
   * source/common/router/upstream_request.cc acceptHeadersFromRouter calls
   * setupRouteTimeoutForWebsocketUpgrade while the request is paused for the 101, and the router
   * has disableRouteTimeoutForWebsocketUpgrade; before 1.36 the route timeout did not apply to the
   * upgrade at all, envoyproxy/envoy#41068). Envoy Gateway v1.6 runs Envoy 1.36.2, v1.9 Envoy
   * 1.39.0 (api/v1alpha1/shared_types.go DefaultEnvoyProxyImage at each tag).
   */
  private void webSocketRequestTimeout(
      Manifest route,
      String label,
      boolean isEnvoy,
      Setting<Duration> request,
      Setting<Duration> effective,
      String idleFrom,
      Setting<Duration> idle,
      String base) {
    if (!isEnvoy) {
      if (request != null && !request.value().isZero()) {
        String d = GepDurations.format(request.value());
        report(
            route,
            // kubernetes-sigs/gateway-api v1.6.1 apis/v1/httproute_types.go:
            // HTTPRouteTimeouts.Request: "When this field is unspecified, request timeout behavior
            // is implementation-specific"; the API leaves whether it covers an upgraded stream to
            // implementations
            GatewayApiFinding.REQUEST_TIMEOUT,
            base + "/timeouts/request",
            "timeouts.request "
                + d
                + " is set on "
                + label
                + ": the Gateway API leaves it to the implementation whether this deadline"
                + " covers an upgraded connection (\"as close to the whole request-response"
                + " transaction as possible\"), and one that applies it ends every WebSocket "
                + d
                + " after the handshake, however active.");
      }
      return;
    }
    if (effective == null || effective.value().isZero()) {
      return;
    }
    String d = GepDurations.format(effective.value());
    String message =
        "the request timeout "
            + d
            + " of "
            + label
            + " is Envoy's route timeout on Envoy Gateway, which Envoy applies to a WebSocket"
            + " only while it waits for the upgrade response, not to the open socket";
    if ("request timeout".equals(idleFrom)) {
      message +=
          "; since no policy sets a stream idle timeout, Envoy Gateway also derives the route's"
              + " stream idle timeout from it: max(1h, "
              + d
              + ") = "
              + GepDurations.format(idle.value())
              + ", instead of Envoy's default of "
              + EnvoyGatewayPolicies.ENVOY_STREAM_IDLE_DEFAULT_TEXT;
    }
    Source at = effective.source().orElse(route.source(base));
    // envoyproxy/gateway v1.9.0 internal/xds/translator/route.go: idleTimeout() derives max(1h,
    // timeouts.request) when no policy sets a stream idle timeout
    out.report(route, GatewayApiFinding.ENVOY_REQUEST_TIMEOUT, at, message + ".");
  }

  /**
   * The stream idle timeout, max stream duration, upgrade and cookie rules of Envoy Gateway on a
   * WebSocket rule.
   */
  private void envoyRules(
      Manifest route,
      String base,
      String label,
      RuleResult result,
      EnvoyGatewayPolicyReader.Parent envoyParent,
      List<Parent> parents,
      EnvoyGatewayPolicyReader.Found maxStream,
      EnvoyGatewayPolicyReader.Found cookieWithoutTtl,
      Setting<Boolean> upgrade,
      boolean upgradeByBuffer) {
    if (result.defaultIdle && envoyParent != null && gatewayInInput(parents, envoyParent)) {
      // The most common migration mistake: ingress-nginx's proxy-read-timeout has no counterpart
      // here, and nothing raises Envoy's 5 minutes (envoyproxy/gateway#8454).
      report(
          route,
          // envoyproxy/gateway v1.9.0 api/v1alpha1/timeout_types.go:
          // HTTPClientTimeout.StreamIdleTimeout "Default: 5 minutes"
          GatewayApiFinding.ENVOY_STREAM_IDLE_DEFAULT,
          base,
          label
              + " has Envoy's default stream idle timeout of "
              + EnvoyGatewayPolicies.ENVOY_STREAM_IDLE_DEFAULT_TEXT
              + " on Envoy Gateway: no BackendTrafficPolicy for the route and no"
              + " ClientTrafficPolicy for Gateway "
              + envoyParent.namespace()
              + "/"
              + envoyParent.name()
              + " sets spec.timeout.http.streamIdleTimeout, and the rule has no request timeout,"
              + " so Envoy resets every WebSocket that carries no data for "
              + EnvoyGatewayPolicies.ENVOY_STREAM_IDLE_DEFAULT_TEXT
              + ".");
    }
    if (maxStream != null) {
      Duration d = policyDuration(maxStream);
      if (d != null && !d.isZero()) {
        // Envoy route_components.proto RouteAction.MaxStreamDuration.max_stream_duration and
        // HttpProtocolOptions.max_stream_duration: "If the time limit is reached the stream will
        // be reset independent of any other timeouts" (translator/route.go MaxStreamDuration).
        out.report(
            route,
            // envoyproxy/gateway v1.9.0 internal/xds/translator/route.go: maxStreamDuration becomes
            // RouteAction.MaxStreamDuration; listener.go: the ClientTrafficPolicy's the HCM's
            GatewayApiFinding.ENVOY_MAX_STREAM_DURATION,
            maxStream.policy().source(maxStream.pointer()),
            maxStream.policy().subject()
                + " sets "
                + maxStream.pointer().substring(1).replace('/', '.')
                + " "
                + GepDurations.format(d)
                + (maxStream.policy().kind().equals(EnvoyGatewayPolicyReader.CLIENT_TRAFFIC_POLICY)
                    ? " on the listener of "
                    : " for ")
                + label
                + ": Envoy resets every stream that long after it began, so each WebSocket ends "
                + GepDurations.format(d)
                + " after its handshake, however active.");
      }
    }
    if (upgrade != null && !upgrade.value()) {
      out.report(
          route,
          // envoyproxy/gateway v1.9.0 internal/xds/translator/route.go: buildUpgradeConfig returns
          // nil with requestBuffer, and only the listed httpUpgrade types otherwise
          GatewayApiFinding.ENVOY_UPGRADE_DISABLED,
          upgrade.source().orElse(route.source(base)),
          "Envoy Gateway does not enable the WebSocket upgrade for "
              + label
              + ": "
              + (upgradeByBuffer
                  ? "with spec.requestBuffer the route gets no upgrade configuration"
                      + " (internal/xds/translator/route.go buildUpgradeConfig: \"If"
                      + " requestBuffer is configured, return nil to disable HTTP upgrades\")"
                  : "spec.httpUpgrade lists the upgrades the route accepts, and websocket is not"
                      + " one of them")
              + ", so handshakes fail.");
    }
    if (cookieWithoutTtl != null) {
      // Envoy route_components.proto RouteAction.HashPolicy.Cookie.ttl: "If specified, a cookie
      // with the TTL will be generated if the cookie is not present"; without it Envoy only hashes
      // a cookie the client already has (translator/route.go buildHashPolicy copies ttl when set).
      out.report(
          route,
          // envoyproxy/gateway v1.9.0 internal/xds/translator/route.go: buildHashPolicy copies the
          // cookie ttl only when set
          GatewayApiFinding.ENVOY_COOKIE_NO_TTL,
          cookieWithoutTtl.policy().source(cookieWithoutTtl.pointer() + "/consistentHash/cookie"),
          cookieWithoutTtl.policy().subject()
              + " hashes the cookie "
              + Gateways.quote(
                  cookieWithoutTtl
                      .value()
                      .path("consistentHash")
                      .path("cookie")
                      .path("name")
                      .asText())
              + " for "
              + label
              + " without a ttl, so Envoy sets no cookie: clients that do not already have it"
              + " are spread over the pods as without affinity.");
    }
  }

  private static boolean gatewayInInput(List<Parent> parents, EnvoyGatewayPolicyReader.Parent p) {
    for (Parent q : parents) {
      if (q.namespace().equals(p.namespace()) && q.name().equals(p.name())) {
        return q.inInput();
      }
    }
    return false;
  }

  /**
   * Whether Envoy Gateway enables the WebSocket upgrade on the route: translator/route.go
   * buildUpgradeConfig returns the default ({@code websocket}) unless the policy's {@code
   * httpUpgrade} lists the upgrades (then only those) or it has {@code requestBuffer} (then none).
   */
  private static Setting<Boolean> upgrade(
      EnvoyGatewayPolicyReader.Found buffer, EnvoyGatewayPolicyReader.Found upgrades) {
    if (listsUpgrades(upgrades)) {
      boolean websocket = false;
      for (JsonNode u : upgrades.value()) {
        websocket |= u.path("type").asText().equalsIgnoreCase("websocket");
      }
      return policySetting(upgrades, websocket);
    }
    if (buffer != null) {
      return policySetting(buffer, Boolean.FALSE);
    }
    return Setting.byDefault(
        Boolean.TRUE,
        "Envoy Gateway v1.9.0 internal/xds/translator/route.go defaultUpgradeConfig (websocket)");
  }

  private static boolean listsUpgrades(EnvoyGatewayPolicyReader.Found upgrades) {
    return upgrades != null && upgrades.value().isArray() && upgrades.value().size() > 0;
  }

  /**
   * GEP-1911: a WebSocket backend port's appProtocol. "When a *Route points to a Kubernetes
   * Service, implementations SHOULD honor the appProtocol field if it is set", and "Absence of the
   * appProtocol field does not imply the implementation should disable any features (eg. websocket
   * upgrades)" (gateway-api v1.6.1 geps/gep-1911/index.md); Envoy Gateway forces HTTP/1.1 to the
   * backend for kubernetes.io/ws[s] (internal/gatewayapi/route.go shouldForceHTTP1Upstream).
   */
  private void appProtocol(Manifest route, ServedBackend b, ServedRoute ws) {
    if (b.servicePort().isEmpty()) {
      return; // core reports the Service or port that is not in the input
    }
    String protocol = b.appProtocol().orElse(null);
    if (BackendTlsPolicies.WS.equals(protocol) || BackendTlsPolicies.WSS.equals(protocol)) {
      return;
    }
    String key = "app " + b.namespace() + "/" + b.service() + ":" + b.port().orElse(-1);
    if (!once(route, key)) {
      return;
    }
    out.report(
        route,
        // kubernetes-sigs/gateway-api v1.6.1 geps/gep-1911/index.md: implementations SHOULD honour
        // appProtocol kubernetes.io/ws; without it nothing disables the upgrade
        GatewayApiFinding.WS_NO_APP_PROTOCOL,
        b.reference().orElse(ws.source()),
        b.describe()
            + " carries the WebSocket route "
            + Gateways.quote(ws.path())
            + " and has "
            + (protocol == null ? "no appProtocol" : "appProtocol " + protocol)
            + ": implementations SHOULD honour a Service port's appProtocol kubernetes.io/ws"
            + " (GEP-1911); without it the backend protocol is theirs to infer (its absence does"
            + " not disable upgrades).");
  }

  /**
   * GEP-1911: {@code kubernetes.io/wss} with an HTTPRoute is "Conditional ... Only if there is a
   * corresponding BackendTLSPolicy", and "If a Route is not able to send traffic to the backend
   * using the specified protocol then the backend is considered invalid. Implementations MUST set
   * ResolvedRefs condition to False with the Reason UnsupportedProtocol". Envoy Gateway v1.9.0
   * accepts such a route and connects in cleartext HTTP/1.1 (internal/gatewayapi/testdata/
   * httproute-rule-with-service-websocket-app-protocols: no TLS on the service-wss backend).
   */
  private void wss(Manifest route, ServedBackend b, boolean isEnvoy) {
    if (!BackendTlsPolicies.WSS.equals(b.appProtocol().orElse(null))) {
      return;
    }
    String portName = b.servicePort().get().path("name").asText(null);
    if (backendTls.policyFor(b.namespace(), b.service(), portName) != null) {
      return;
    }
    if (!once(route, "wss " + b.namespace() + "/" + b.service() + ":" + b.port().orElse(-1))) {
      return;
    }
    out.report(
        route,
        // kubernetes-sigs/gateway-api v1.6.1 geps/gep-1911/index.md: kubernetes.io/wss is valid
        // only with a BackendTLSPolicy for the Service
        GatewayApiFinding.WSS_NO_BACKEND_TLS,
        b.reference().orElse(route.source()),
        b.describe()
            + " has appProtocol kubernetes.io/wss and no BackendTLSPolicy in the input targets it:"
            + " GEP-1911 supports wss with an HTTPRoute only with one, and a backend the route"
            + " cannot reach with its protocol is invalid (ResolvedRefs False,"
            + " UnsupportedProtocol)"
            + (isEnvoy
                ? "; Envoy Gateway accepts the route and connects to the pods in cleartext, which"
                    + " a TLS backend refuses"
                : "")
            + ".");
  }

  private BackendTlsPolicyReader.Applied backendTlsPolicy(List<ServedBackend> backends) {
    for (ServedBackend b : backends) {
      String portName = b.servicePort().map(p -> p.path("name").asText(null)).orElse(null);
      BackendTlsPolicyReader.Applied a = backendTls.policyFor(b.namespace(), b.service(), portName);
      if (a != null) {
        return a;
      }
    }
    return null;
  }

  /**
   * The CA Secret a BackendTLSPolicy verifies the backend with: {@code
   * validation.caCertificateRefs} of kind Secret (v1.6.1 BackendTLSPolicyValidation: Secret is
   * "Implementation-specific", a ConfigMap Core, which the target's {@link
   * GatewayApi#backendCaConfigMap} option carries).
   */
  private static Setting<String> caSecret(Manifest policy) {
    JsonNode refs =
        Gateways.list(policy.tree().path("spec").path("validation").path("caCertificateRefs"));
    for (int i = 0; i < refs.size(); i++) {
      JsonNode ref = refs.get(i);
      if (ref.path("kind").asText().equals("Secret")
          && ref.path("group").asText("").isEmpty()
          && !ref.path("name").asText("").isEmpty()) {
        return Setting.of(
            ref.path("name").asText(), policy.source("/spec/validation/caCertificateRefs/" + i));
      }
    }
    return null;
  }

  /**
   * An Envoy Gateway active HTTP health check as the spec's ({@code
   * api/v1alpha1/healthcheck_types.go} ActiveHealthCheck type HTTP: {@code http.path}, {@code
   * interval}, {@code healthyThreshold}, {@code unhealthyThreshold}, the fields {@link
   * EnvoyGatewayPolicies} writes); null for another type or a path it lacks.
   */
  private Setting<HealthCheck> activeHealthCheck(Manifest route, EnvoyGatewayPolicyReader.Found f) {
    JsonNode a = f.value();
    if (!a.path("type").asText().equals("HTTP")) {
      return null;
    }
    String path = a.path("http").path("path").asText("");
    HealthCheck h;
    try {
      h = HealthCheck.http(path);
      if (a.has("interval")) {
        Duration every = policyDuration(f, a.get("interval"), "/interval");
        if (every != null) {
          h = h.interval(every);
        }
      }
      if (a.path("healthyThreshold").isIntegralNumber()) {
        h = h.rise(a.path("healthyThreshold").asInt());
      }
      if (a.path("unhealthyThreshold").isIntegralNumber()) {
        h = h.fall(a.path("unhealthyThreshold").asInt());
      }
    } catch (RuntimeException e) {
      return null; // a value the spec refuses: the doctor reads on without it
    }
    return policySetting(f, h);
  }

  private Setting<BackendProtocol> backendProtocol(List<ServedBackend> backends) {
    for (ServedBackend b : backends) {
      String portName = b.servicePort().map(p -> p.path("name").asText(null)).orElse(null);
      BackendTlsPolicyReader.Applied a = backendTls.policyFor(b.namespace(), b.service(), portName);
      if (a != null) {
        return Setting.of(BackendProtocol.HTTPS, a.policy().source(a.pointer()));
      }
    }
    return null;
  }

  /**
   * The CORS filter (v1.6.1 HTTPCORSFilter) and what its CRD refuses: "AllowOrigins cannot contain
   * '*' alongside other origins" (CEL {@code !('*' in self && self.size() > 1)}, the same for
   * allowMethods and allowHeaders) and repeated entries ({@code +listType=set}).
   */
  private Setting<Cors> cors(Manifest route, JsonNode filter, String pointer) {
    List<String> problems = new ArrayList<>();
    List<String> origins = list(filter.path("allowOrigins"), "allowOrigins", true, problems);
    List<String> methods = list(filter.path("allowMethods"), "allowMethods", true, problems);
    List<String> headers = list(filter.path("allowHeaders"), "allowHeaders", true, problems);
    List<String> exposed = list(filter.path("exposeHeaders"), "exposeHeaders", false, problems);
    if (!problems.isEmpty()) {
      report(
          route,
          // kubernetes-sigs/gateway-api v1.6.1 apis/v1/httproute_types.go: HTTPCORSFilter CEL
          // "AllowOrigins cannot contain '*' alongside other origins" and +listType=set
          GatewayApiFinding.CORS_INVALID,
          pointer,
          "the CORS filter has "
              + String.join("; ", problems)
              + ", which the HTTPRoute CRD refuses: the API server rejects the route.");
    }
    if (origins.isEmpty()) {
      return null;
    }
    Cors c =
        Cors.allowOrigins(origins.toArray(String[]::new))
            .allowMethods(methods.toArray(String[]::new))
            .allowHeaders(headers.toArray(String[]::new))
            .exposeHeaders(exposed.toArray(String[]::new))
            .allowCredentials(filter.path("allowCredentials").asBoolean(false));
    if (filter.path("maxAge").isIntegralNumber()) {
      c = c.maxAge(Duration.ofSeconds(filter.path("maxAge").asLong()));
    }
    return Setting.of(c, route.source(pointer));
  }

  private static List<String> list(
      JsonNode values, String field, boolean wildcardAlone, List<String> problems) {
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    List<String> repeated = new ArrayList<>();
    for (JsonNode v : Gateways.list(values)) {
      String s = v.asText();
      if (!seen.add(s)) {
        repeated.add(s);
      } else {
        out.add(s);
      }
    }
    if (wildcardAlone && out.contains("*") && out.size() > 1) {
      problems.add(field + " with \"*\" beside other entries");
    }
    if (!repeated.isEmpty()) {
      problems.add(field + " with " + String.join(", ", repeated) + " more than once");
    }
    return out;
  }

  /**
   * sessionPersistence as affinity: the v1.6.1 shape ({@code sessionName}, {@code type}, {@code
   * absoluteTimeout}, {@code cookieConfig.lifetimeType}) and the one on gateway-api main after
   * v1.6.1 ({@code cookie.name}, PR #4873). A cookie without a name is named by the implementation
   * (Envoy Gateway: {@code httproute-<namespace>-<name>-rule-<index>},
   * internal/gatewayapi/route.go:1159-1171); the reader uses that name. Header persistence is not
   * read as affinity: the gateway issues that header (GEP-1619).
   */
  private Setting<Affinity> sessionPersistence(
      Manifest route, JsonNode p, String pointer, int index) {
    String type = p.path("type").asText("Cookie");
    if (!type.equals("Cookie")) {
      return null;
    }
    String name = p.path("sessionName").asText(p.path("cookie").path("name").asText(""));
    if (name.isEmpty()) {
      name = "httproute-" + route.namespace() + "-" + route.name() + "-rule-" + index;
    }
    CookieAffinity cookie;
    try {
      cookie = Affinity.cookie(name);
    } catch (RuntimeException e) {
      return null;
    }
    String lifetime =
        p.path("cookieConfig")
            .path("lifetimeType")
            .asText(p.path("cookie").path("lifetimeType").asText("Session"));
    Setting<Duration> absolute =
        duration(route, p.get("absoluteTimeout"), pointer + "/absoluteTimeout");
    if (lifetime.equals("Permanent") && absolute != null && !absolute.value().isZero()) {
      cookie = cookie.maxAge(absolute.value());
    }
    return Setting.of(cookie, route.source(pointer));
  }

  /**
   * Header session persistence on a WebSocket rule, and the channel sessionPersistence needs:
   * GEP-1619 (gateway-api v1.6.1 geps/gep-1619/index.md) "Header-based stateful sessions are
   * achieved by a backend or gateway providing an HTTP response header and the client using the
   * same header in subsequent HTTP requests", unlike affinity, where "the cookie or header will be
   * hashed on its arbitrary value". Envoy Gateway writes Envoy's header stateful session, whose
   * value is the selected host's address that Envoy sets on the response (envoy
   * source/extensions/http/stateful_session/header/header.cc onUpdate). The browser WebSocket API
   * sends no custom request headers (WHATWG WebSockets Standard: the constructor takes a URL and
   * protocols only). sessionPersistence is in the experimental-channel CRD only (v1.6.1
   * config/crd/experimental; absent from config/crd/standard), and the API server prunes unknown
   * fields of a structural schema.
   */
  private void sessionPersistenceRules(
      Manifest route, JsonNode p, String pointer, String label, boolean isEnvoy) {
    if (p.path("type").asText("Cookie").equals("Header")) {
      String name = p.path("sessionName").asText(p.path("header").path("name").asText(""));
      report(
          route,
          // kubernetes-sigs/gateway-api v1.6.1 geps/gep-1619/index.md: header session persistence:
          // the client must send back a header the gateway issued
          GatewayApiFinding.SESSION_HEADER,
          pointer,
          "sessionPersistence type Header"
              + (name.isEmpty() ? "" : " (" + name + ")")
              + " on "
              + label
              + " pins a session only when the client sends back the header value the gateway"
              + " or backend gave it (GEP-1619"
              + (isEnvoy ? "; on Envoy Gateway the encoded address of the pod Envoy chose" : "")
              + "): it is not a hash of a header the client picks, and a browser's WebSocket"
              + " handshake cannot carry custom headers.");
    }
    report(
        route,
        // kubernetes-sigs/gateway-api v1.6.1
        // config/crd/experimental/gateway.networking.k8s.io_httproutes.yaml: sessionPersistence is
        // in the experimental CRD only; the standard CRD prunes it
        GatewayApiFinding.SESSION_PERSISTENCE_CHANNEL,
        pointer,
        "sessionPersistence on "
            + label
            + " exists only in the experimental-channel HTTPRoute CRD: where the standard CRD is"
            + " installed the API server drops the field and the rule has no affinity.");
  }

  /** An Envoy Gateway consistent hash as affinity (api/v1alpha1/loadbalancer_types.go). */
  private Setting<Affinity> consistentHash(EnvoyGatewayPolicyReader.Found lb, JsonNode hash) {
    Affinity a;
    switch (hash.path("type").asText()) {
      case "Cookie":
        {
          JsonNode c = hash.path("cookie");
          CookieAffinity cookie;
          try {
            cookie = Affinity.cookie(c.path("name").asText());
          } catch (RuntimeException e) {
            return null;
          }
          Duration ttl =
              c.has("ttl") ? policyDuration(lb, c.get("ttl"), "/consistentHash/cookie/ttl") : null;
          if (ttl != null && !ttl.isZero()) {
            cookie = cookie.maxAge(ttl);
          }
          JsonNode attributes = c.path("attributes");
          if (attributes.has("Path")) {
            cookie = cookie.path(attributes.path("Path").asText());
          }
          if (attributes.has("Secure")) {
            cookie = cookie.secure(true);
          }
          switch (attributes.path("SameSite").asText("")) {
            case "None":
              cookie = cookie.sameSite(SameSite.NONE);
              break;
            case "Lax":
              cookie = cookie.sameSite(SameSite.LAX);
              break;
            case "Strict":
              cookie = cookie.sameSite(SameSite.STRICT);
              break;
            default:
              break;
          }
          a = cookie;
          break;
        }
      case "SourceIP":
        a = Affinity.clientIp();
        break;
      case "Headers":
      case "Header":
        {
          JsonNode h =
              hash.path("type").asText().equals("Header")
                  ? hash.path("header")
                  : hash.path("headers").path(0);
          String name = h.path("name").asText("");
          if (name.isEmpty()) {
            return null;
          }
          a = Affinity.header(name);
          break;
        }
      default:
        return null;
    }
    return policySetting(lb, a);
  }

  /**
   * A local rate limit with one bucket per client address ({@code sourceCIDR type: Distinct}) in
   * every rule and one limit, as the writer writes it, as the handshake rate; other shapes are not
   * the spec's.
   */
  private Setting<RateLimit> localRateLimit(EnvoyGatewayPolicyReader.Found local) {
    JsonNode rules = Gateways.list(local.value().path("rules"));
    if (rules.size() == 0) {
      return null;
    }
    long requests = -1;
    String unit = null;
    for (JsonNode r : rules) {
      JsonNode selectors = Gateways.list(r.path("clientSelectors"));
      if (selectors.size() != 1
          || !selectors.get(0).path("sourceCIDR").path("type").asText().equals("Distinct")) {
        return null;
      }
      long n = r.path("limit").path("requests").asLong(-1);
      String u = r.path("limit").path("unit").asText();
      if (requests >= 0 && (n != requests || !u.equals(unit))) {
        return null;
      }
      requests = n;
      unit = u;
    }
    if (requests < 1 || requests > Integer.MAX_VALUE) {
      return null;
    }
    RateLimit limit;
    if (unit.equals("Second")) {
      limit = RateLimit.handshakesPerSecond((int) requests);
    } else if (unit.equals("Minute")) {
      limit = RateLimit.handshakesPerMinute((int) requests);
    } else {
      return null;
    }
    return policySetting(local, limit);
  }

  private static <T> Setting<T> policySetting(EnvoyGatewayPolicyReader.Found f, T value) {
    Source at = f.policy().source(f.pointer());
    return f.level().own() ? Setting.of(value, at) : Setting.controllerWide(value, at);
  }

  private Setting<Duration> durationSetting(EnvoyGatewayPolicyReader.Found f) {
    if (f == null) {
      return null;
    }
    Duration d = policyDuration(f);
    return d == null ? null : policySetting(f, d);
  }

  private Duration policyDuration(EnvoyGatewayPolicyReader.Found f) {
    return policyDuration(f, f.value(), "");
  }

  private Duration policyDuration(EnvoyGatewayPolicyReader.Found f, JsonNode node, String below) {
    return parse(f.policy(), node, f.pointer() + below);
  }

  /** A GEP-2257 duration of the route, with its source, or null (absent or refused). */
  private Setting<Duration> duration(Manifest route, JsonNode node, String pointer) {
    if (node == null || node.isNull()) {
      return null;
    }
    Duration d = parse(route, node, pointer);
    return d == null ? null : Setting.of(d, route.source(pointer));
  }

  /**
   * Reads a duration with the grammar the CRDs enforce: gwapiv1.Duration's pattern {@code
   * ^([0-9]{1,5}(h|m|s|ms)){1,4}$} (GEP-2257), which Envoy Gateway's policy fields share (CRD
   * {@code pattern}); a value that does not match is refused by the API server.
   */
  private Duration parse(Manifest m, JsonNode node, String pointer) {
    String text = node.isTextual() ? node.asText() : node.toString();
    try {
      return GepDurations.parse(text);
    } catch (IllegalArgumentException e) {
      if (once(m, "duration " + pointer)) {
        out.report(
            m,
            // kubernetes-sigs/gateway-api v1.6.1 apis/v1/shared_types.go: Duration pattern
            // ^([0-9]{1,5}(h|m|s|ms)){1,4}$ (GEP-2257)
            GatewayApiFinding.DURATION_INVALID,
            m.source(pointer),
            pointer.substring(pointer.lastIndexOf('/') + 1)
                + " "
                + Gateways.quote(text)
                + " is not a Gateway API duration (GEP-2257: such as 1h, 90s or 500ms), so the"
                + " API server refuses "
                + m.subject()
                + ".");
      }
      return null;
    }
  }

  private void report(Manifest m, FindingKind kind, String pointer, String message) {
    if (once(m, kind.code() + " " + pointer)) {
      out.report(m, kind, m.source(pointer), message);
    }
  }

  private boolean once(Manifest m, String key) {
    return reported.computeIfAbsent(m, k -> new HashSet<>()).add(key);
  }
}
