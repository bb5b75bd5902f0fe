package dev.wsingress.traefik;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsingress.Affinity;
import dev.wsingress.BackendProtocol;
import dev.wsingress.Manifest;
import dev.wsingress.ServedBackend;
import dev.wsingress.Setting;
import dev.wsingress.Source;
import dev.wsingress.SpecRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads IngressRoutes ({@code traefik.io/v1alpha1}) the way Traefik's CRD provider loads them
 * (traefik v3.7.9 pkg/provider/kubernetes/crd/kubernetes_http.go {@code
 * loadIngressRouteConfiguration}): one router per route, on the IngressRoute's entry points (every
 * entry point when it names none), with its Middlewares in order and its services; TLS when the
 * IngressRoute has a {@code tls} section.
 *
 * <p>Which IngressRoutes Traefik serves: kubernetes.go {@code shouldProcessIngress(ingressClass,
 * class)} with the class from {@code spec.ingressClassName} (v3.7) or else the annotation {@code
 * kubernetes.io/ingress.class}: with the provider option {@code ingressClass} empty (the default)
 * every IngressRoute without a class or of class {@code traefik}; with the option set, exactly the
 * IngressRoutes of that class. The option is read from a Traefik workload in the input ({@code
 * --providers.kubernetescrd.ingressClass}); without one, an IngressClass in the input with
 * Traefik's controller ({@code traefik.io/ingress-controller}) names a class some Traefik serves.
 */
final class IngressRouteReader {
  private IngressRouteReader() {}

  static final String CLASS_ANNOTATION = "kubernetes.io/ingress.class";

  static void read(ReadContext ctx, Routers routers) {
    for (Manifest ir : ctx.in.objects(ReadContext.GROUP, "IngressRoute")) {
      if (served(ctx, ir)) {
        read(ctx, ir, routers);
      }
    }
  }

  /**
   * traefik v3.7.9 crd/kubernetes.go {@code shouldProcessIngress} and {@code getIngressClassName}.
   */
  static boolean served(ReadContext ctx, Manifest ir) {
    JsonNode spec = ir.tree().path("spec");
    String cls;
    boolean readsField = ctx.version == null || ctx.version.isAtLeast(Releases.INGRESS_CLASS_NAME);
    if (readsField && spec.path("ingressClassName").isTextual()) {
      cls = spec.path("ingressClassName").asText();
    } else {
      cls = ir.annotation(CLASS_ANNOTATION).orElse("");
    }
    String option = ctx.config.ingressClass("kubernetescrd");
    if (option.equals(cls) || (option.isEmpty() && cls.equals("traefik"))) {
      return true;
    }
    // Without Traefik's static configuration in the input, an IngressClass of that name for
    // Traefik's controller says that a Traefik runs with ingressClass set to it.
    return !ctx.config.present()
        && !cls.isEmpty()
        && ctx.in
            .ingressClass(cls)
            .map(
                ic ->
                    IngressReader.CONTROLLER.equals(
                        ic.tree().path("spec").path("controller").asText()))
            .orElse(false);
  }

  private static void read(ReadContext ctx, Manifest ir, Routers routers) {
    ctx.out.understood(ir);
    AnnotationRules.check(ctx, ir, null);
    Unmodelled.ingressRoute(ctx, ir);
    JsonNode spec = ir.tree().path("spec");
    if (spec.has("parentRefs")) {
      ctx.gate(
          ir,
          ir.source("/spec/parentRefs"),
          "spec.parentRefs",
          Releases.PARENT_REFS,
          "its CRD has no such field, so the API server drops it and every route is a router of"
              + " its own, matched without its parent's rule and middlewares");
    }
    if (spec.has("ingressClassName")) {
      ctx.gate(
          ir,
          ir.source("/spec/ingressClassName"),
          "spec.ingressClassName",
          Releases.INGRESS_CLASS_NAME,
          "its CRD has no such field, so the API server drops it and the IngressRoute is served"
              + " as one without a class");
    }
    List<String> entryPoints = new ArrayList<>();
    for (JsonNode ep : spec.path("entryPoints")) {
      entryPoints.add(ep.asText());
    }
    JsonNode tls = spec.get("tls");
    boolean hasTls = tls != null && tls.isObject();
    List<Source> entryPointsAt = new ArrayList<>();
    for (int i = 0; i < entryPoints.size(); i++) {
      entryPointsAt.add(ir.source("/spec/entryPoints/" + i));
    }
    entryPointRules(ctx, ir, entryPoints, entryPointsAt, hasTls, ir.source("/spec/entryPoints"));
    if (hasTls && tls.has("options")) {
      CrdReferences.tlsOption(ctx, ir, tls.path("options"), ir.source("/spec/tls/options"));
    }
    boolean redirectsEverything = !entryPoints.isEmpty();
    for (String ep : entryPoints) {
      redirectsEverything &= ctx.config.redirects(ep);
    }
    JsonNode routes = spec.path("routes");
    for (int i = 0; i < routes.size(); i++) {
      JsonNode route = routes.get(i);
      String at = "/spec/routes/" + i;
      String kind = route.path("kind").asText("");
      String match = route.path("match").asText("");
      if (!(kind.isEmpty() || kind.equals("Rule")) || match.isEmpty()) {
        continue; // kubernetes_http.go: "Unsupported match kind", "Empty match rule"
      }
      List<RuleMatch.Alternative> alternatives;
      try {
        alternatives = RuleMatch.parse(match);
      } catch (IllegalArgumentException e) {
        if (!route.path("syntax").asText("").equals("v2")) {
          ctx.report(
              ir,
              // traefik/traefik v3.7.9 pkg/rules/parser.go: the v3 rule grammar and its matchers'
              // arity
              TraefikFinding.RULE_INVALID,
              ir.source(at + "/match"),
              "the rule "
                  + SpecRules.show(match)
                  + " does not parse ("
                  + e.getMessage()
                  + "): Traefik loads no router for this route.");
        }
        continue;
      }
      String placeholder = RuleMatch.v2Placeholder(match);
      if (placeholder != null && !route.path("syntax").asText("").equals("v2")) {
        ctx.report(
            ir,
            // traefik/traefik v3.7.9 pkg/muxer/http/matcher.go: v3 Path and HostRegexp take the
            // argument as a literal path or a Go regexp, with no {name:...} placeholders
            TraefikFinding.RULE_V2_SYNTAX,
            ir.source(at + "/match"),
            placeholder
                + " is Traefik v2's rule syntax; v3 reads the braces as literal text, so no"
                + " request matches that part of the rule.");
      }
      String wildcard = RuleMatch.wildcardHost(match);
      if (wildcard != null && !route.path("syntax").asText("").equals("v2")) {
        // traefik v3.7.0 pkg/muxer/http/matcher.go host: DomainMatchHostExpression (v3.6.24
        // compares the host as written); Host(`*`) is every host from v3.7.7
        ctx.gate(
            ir,
            ir.source(at + "/match"),
            "the wildcard Host(`" + wildcard + "`)",
            Releases.WILDCARD_HOST,
            "it compares the request's host with \""
                + wildcard
                + "\" as written, so no request matches that part of the rule; write"
                + " HostRegexp(`^[a-z0-9-]+\\.example\\.com$`) instead");
      }
      RouteState state = new RouteState();
      JsonNode mws = route.path("middlewares");
      for (int j = 0; j < mws.size(); j++) {
        CrdReferences.middleware(
                ctx, ir, ir.namespace(), mws.get(j), ir.source(at + "/middlewares/" + j))
            .ifPresent(m -> Middlewares.apply(ctx, m, state, 0));
      }
      JsonNode services = route.path("services");
      String backendName =
          ReadContext.normalize(
                  ir.namespace() + "-" + ir.name() + "-" + StickyCookies.ruleHash(match))
              + "@kubernetescrd";
      for (int j = 0; j < services.size(); j++) {
        ServiceEntries.read(
            ctx,
            ir,
            ir.namespace(),
            services.get(j),
            at + "/services/" + j,
            services.size() == 1 ? backendName : null,
            state,
            0);
      }
      routers.add(
          new Routers.Router(
              ir,
              ir.source(at + "/match"),
              ctx.crdTarget,
              alternatives,
              state,
              hasTls ? tls.path("secretName").asText("") : null,
              List.of(),
              hasTls ? ir.source("/spec/tls") : null,
              false,
              redirectsEverything));
    }
  }

  /**
   * The entry point rules of a router: entry points the input's Traefik does not define, and a TLS
   * router whose entry points all take only plain HTTP (traefik v3.7.9
   * pkg/config/runtime/runtime_http.go {@code GetRoutersByEntryPoints} gives an entry point's
   * plain-HTTP handler only the routers without TLS, and its TLS handler only those with TLS).
   */
  static void entryPointRules(
      ReadContext ctx,
      Manifest object,
      List<String> entryPoints,
      List<Source> entryPointsAt,
      boolean tls,
      Source at) {
    if (ctx.config.definesEntryPoints()) {
      for (int i = 0; i < entryPoints.size(); i++) {
        String ep = entryPoints.get(i);
        if (!ctx.config.defines(ep)) {
          ctx.report(
              object,
              // traefik/traefik v3.7.9 pkg/config/runtime/runtime_http.go: "entryPoint %q doesn't
              // exist" and the router is served on the others
              TraefikFinding.ENTRYPOINT_UNKNOWN,
              entryPointsAt.get(i),
              "the entry point "
                  + SpecRules.show(ep)
                  + " is not defined by "
                  + "the Traefik in the input (its entry points: "
                  + String.join(", ", definedEntryPoints(ctx))
                  + "): Traefik logs \"EntryPoint doesn't exist\" and serves the router on the"
                  + " others only.");
        }
      }
    }
    if (!tls || entryPoints.isEmpty()) {
      return;
    }
    for (String ep : entryPoints) {
      if (!ctx.config.plain(ep)) {
        return;
      }
    }
    ctx.report(
        object,
        // traefik/traefik v3.7.9 pkg/config/runtime/runtime_http.go: GetRoutersByEntryPoints gives
        // TLS routers only to the TLS handlers of an entry point
        TraefikFinding.TLS_PLAIN_ENTRYPOINT,
        at,
        "the router has TLS but its entry point"
            + (entryPoints.size() == 1 ? " " : "s ")
            + String.join(", ", entryPoints)
            + (entryPoints.size() == 1 ? " takes" : " take")
            + " plain HTTP"
            + (ctx.config.definesEntryPoints()
                ? " (no http.tls on the Traefik in the input)"
                : " (web, in Traefik's Helm chart)")
            + ": Traefik answers only TLS handshakes with it there, so http:// and ws:// requests"
            + " get 404 and https:// clients, which connect to the TLS entry point, never reach"
            + " it.");
  }

  private static List<String> definedEntryPoints(ReadContext ctx) {
    List<String> out = new ArrayList<>();
    for (String key : ctx.config.args().keySet()) {
      if (key.startsWith("entrypoints.") && key.endsWith(".address")) {
        out.add(key.substring("entrypoints.".length(), key.length() - ".address".length()));
      }
    }
    return out;
  }

  /** The service entries of IngressRoutes and TraefikServices. */
  static final class ServiceEntries {
    private ServiceEntries() {}

    /** Nesting of TraefikServices read at most. */
    private static final int MAX_DEPTH = 6;

    /**
     * Reads one service entry ({@code LoadBalancerSpec}) of {@code from}: a Kubernetes Service (its
     * backend, balancing, sticky cookie, scheme, ServersTransport) or a TraefikService.
     *
     * @param backendName the qualified name of the service Traefik makes for it (for a generated
     *     cookie name), or null for the entry's own {@code <namespace>-<service>-<port>}
     */
    static void read(
        ReadContext ctx,
        Manifest from,
        String parentNs,
        JsonNode entry,
        String at,
        String backendName,
        RouteState state,
        int depth) {
      if (depth > MAX_DEPTH) {
        return;
      }
      String kind = entry.path("kind").asText("");
      String name = entry.path("name").asText("");
      if (name.isEmpty()) {
        return;
      }
      if (kind.equals("TraefikService")) {
        CrdReferences.traefikService(ctx, from, parentNs, entry, from.source(at))
            .ifPresent(ts -> traefikService(ctx, ts, state, depth));
        return;
      }
      if (!(kind.isEmpty() || kind.equals("Service")) || name.contains("@")) {
        return; // "unsupported service kind", or a service of another provider
      }
      Unmodelled.serviceEntry(ctx, from, entry, at);
      String ns = entry.path("namespace").asText("");
      if (ns.isEmpty()) {
        ns = parentNs;
      }
      if (!parentNs.isEmpty() && !ns.equals(parentNs) && !ctx.allowCrossNamespace()) {
        // kubernetes_http.go nameAndService: "service %s/%s not in the parent resource namespace".
        ctx.report(
            from,
            // traefik/traefik v3.7.9 pkg/provider/kubernetes/crd/kubernetes.go: resolveReference:
            // "allowCrossNamespace is disabled, cross-namespace are disallowed"
            TraefikFinding.CROSS_NAMESPACE,
            from.source(at + "/namespace"),
            "the Service "
                + ns
                + "/"
                + name
                + " is in another namespace than "
                + from.subject()
                + ": Traefik refuses it unless providers.kubernetesCRD.allowCrossNamespace is"
                + " true (false by default), and then loads no router for this route.");
      }
      JsonNode port = entry.get("port");
      boolean noPort =
          port == null
              || port.isNull()
              || (port.isIntegralNumber() && port.asInt() == 0)
              || (port.isTextual() && port.asText().isEmpty());
      if (noPort) {
        // kubernetes.go getServicePort: "ingressRoute service port not defined".
        ctx.report(
            from,
            // traefik/traefik v3.7.9 pkg/provider/kubernetes/crd/kubernetes.go: getServicePort:
            // "ingressRoute service port not defined"
            TraefikFinding.SERVICE_PORT_MISSING,
            from.source(at),
            "the service entry "
                + name
                + " names no port: Traefik logs \"ingressRoute service port not defined\" and"
                + " loads no router for this route.");
        return;
      }
      ServedBackend backend =
          (port.isIntegralNumber()
                  ? ctx.in.backend(ns, name, port.asInt())
                  : ctx.in.backend(ns, name, port.asText()))
              .at(from.source(at));
      state.backends.add(backend);
      String serviceKey =
          backendName != null
              ? backendName
              : ReadContext.normalize(ns + "-" + name + "-" + port.asText()) + "@kubernetescrd";
      Optional<Manifest> svc = backend.serviceObject();
      String type = svc.map(s -> s.tree().path("spec").path("type").asText("")).orElse("");
      if (svc.isPresent()
          && type.equals("ExternalName")
          && !ctx.allowExternalName("kubernetescrd")) {
        ctx.report(
            from,
            // traefik/traefik v3.7.9 pkg/provider/kubernetes/crd/kubernetes_http.go: "externalName
            // services not allowed" unless allowExternalNameServices (the Ingress provider
            // likewise, ingress/kubernetes.go)
            TraefikFinding.EXTERNAL_NAME,
            from.source(at),
            svc.get().subject()
                + " is an ExternalName Service, which Traefik refuses unless"
                + " providers.kubernetesCRD.allowExternalNameServices is true (false by default):"
                + " it loads no router for this route.");
      }
      if (entry.has("healthCheck") && svc.isPresent() && !type.equals("ExternalName")) {
        // kubernetes_http.go loadServers: "healthCheck allowed only for ExternalName services".
        ctx.report(
            from,
            // traefik/traefik v3.7.9 pkg/provider/kubernetes/crd/kubernetes_http.go: loadServers:
            // "healthCheck allowed only for ExternalName services"
            TraefikFinding.HEALTH_CHECK_REFUSED,
            from.source(at + "/healthCheck"),
            "healthCheck on the service entry of "
                + svc.get().subject()
                + ", which is no ExternalName Service: Traefik logs \"healthCheck allowed only for"
                + " ExternalName services\" and loads no router for this route.");
      }
      svc.ifPresent(s -> unreadAnnotations(ctx, from, s, from.source(at)));
      String strategy = entry.path("strategy").asText("");
      Source strategyAt = from.source(at + "/strategy");
      gateStrategy(ctx, from, strategy, strategyAt);
      if (!strategy.isEmpty() && RenderedApps.managed(from) && state.webSocketMarker == null) {
        // Traefik's writer gives a strategy (p2c, hrw, or RoundRobin before v3.4) to the service
        // entries of WebSocket routes only; plain routes keep Traefik's default balancing with
        // none (Traefik.webSocketBalancing). Traefik needs no setting for a WebSocket, so this
        // is the one mark every WebSocket route of wsingress's IngressRoutes carries.
        state.webSocketMarker =
            "the service entry has strategy: "
                + strategy
                + " ("
                + strategyAt
                + "), which wsingress writes on WebSocket routes only";
      }
      if (strategy.equals(Traefik.ROUND_ROBIN)) {
        state.beforeP2c = true;
      }
      JsonNode cookie = entry.path("sticky").path("cookie");
      if (cookie.isObject()) {
        Source cookieAt = from.source(at + "/sticky/cookie");
        if (cookie.has("path")) {
          ctx.gate(
              from,
              from.source(at + "/sticky/cookie/path"),
              "sticky.cookie.path",
              Releases.COOKIE_PATH,
              "its CRD has no such field, so the API server drops it and the cookie is set with"
                  + " Path=/");
        }
        if (cookie.has("domain")) {
          ctx.gate(
              from,
              from.source(at + "/sticky/cookie/domain"),
              "sticky.cookie.domain",
              Releases.COOKIE_DOMAIN,
              "its CRD has no such field, so the API server drops it and the cookie is set for"
                  + " the request's host only");
        }
        String sameSite = cookie.path("sameSite").asText("");
        if (StickyCookies.sameSiteCaseOnly(sameSite)) {
          ctx.gate(
              from,
              from.source(at + "/sticky/cookie/sameSite"),
              "sticky.cookie.sameSite " + SpecRules.show(sameSite) + " (not in lower case)",
              Releases.SAME_SITE_ANY_CASE,
              "its CRD allows only none, lax and strict (from v3.4; the API server refuses the "
                  + from.kind()
                  + "), and v3.0 to v3.3 set no SameSite attribute for it; v3.6.14 and newer read"
                  + " it in any case");
        }
        if (strategy.equals("hrw")) {
          // pkg/server/service/service.go: hrw.New(...) takes no sticky configuration.
          ctx.report(
              from,
              TraefikFinding.STICKY_HRW,
              cookieAt,
              "strategy: hrw ignores the sticky cookie of this service entry (Traefik builds the"
                  + " hrw balancer without one): clients are pinned by their address only.");
        } else if (state.affinity == null) {
          state.affinity = Setting.of(StickyCookies.of(cookie, serviceKey, ctx.version), cookieAt);
        }
      }
      if (strategy.equals("hrw") && state.affinity == null) {
        state.affinity = Setting.<Affinity>of(Affinity.clientIp(), strategyAt);
      }
      String scheme = entry.path("scheme").asText("");
      if (!List.of("", "http", "https", "h2c").contains(scheme)) {
        ctx.report(
            from,
            // traefik/traefik v3.7.9 pkg/provider/kubernetes/crd/kubernetes_http.go:
            // parseServiceProtocol: "invalid scheme %q specified" (v3.0.4 alike), and
            // loadIngressRouteConfiguration loads no router for the route
            TraefikFinding.SCHEME_INVALID,
            from.source(at + "/scheme"),
            "scheme "
                + SpecRules.show(scheme)
                + " is none of http, https and h2c: Traefik logs \"invalid scheme\" and loads no"
                + " router for this route.");
      }
      if (state.backendProtocol == null) {
        state.backendProtocol = protocol(scheme, from.source(at + "/scheme"), backend);
      }
      String transport = entry.path("serversTransport").asText("");
      if (!transport.isEmpty()) {
        serversTransport(
            ctx, from, ns, name, transport, from.source(at + "/serversTransport"), state);
      }
    }

    /**
     * The balancing strategy's release: {@code wrr} and {@code p2c} from v3.4 (before, only {@code
     * RoundRobin}), {@code hrw} and {@code leasttime} from v3.6 (see {@link Releases}).
     */
    private static void gateStrategy(ReadContext ctx, Manifest from, String strategy, Source at) {
      switch (strategy) {
        case "wrr", "p2c" ->
            ctx.gate(
                from,
                at,
                "strategy: " + strategy,
                Releases.P2C,
                "it accepts only RoundRobin, logs \"load balancing strategy "
                    + strategy
                    + " is not supported\" and loads no router for this route");
        case "hrw", "leasttime" ->
            ctx.gate(
                from,
                at,
                "strategy: " + strategy,
                strategy.equals("hrw") ? Releases.HRW : Releases.LEASTTIME,
                "it has no such balancer, logs that the strategy is not supported and loads no"
                    + " router for this route");
        default -> {}
      }
    }

    /**
     * The protocol to the pods: the entry's {@code scheme} ({@code h2c} is HTTP/2 without TLS, and
     * an upgrade still goes over HTTP/1.1: pkg/server/service/smart_roundtripper.go), else HTTPS
     * for Service port 443 or a port name starting with {@code https} (kubernetes_http.go {@code
     * parseServiceProtocol}), else HTTP.
     */
    static Setting<BackendProtocol> protocol(String scheme, Source schemeAt, ServedBackend b) {
      if (!scheme.isEmpty()) {
        return Setting.of(
            scheme.equals("https") ? BackendProtocol.HTTPS : BackendProtocol.HTTP, schemeAt);
      }
      Optional<JsonNode> port = b.servicePort();
      if (port.isPresent()) {
        boolean https =
            port.get().path("port").asInt() == 443
                || port.get().path("name").asText("").startsWith("https");
        Manifest svc = b.serviceObject().orElseThrow();
        return Setting.of(
            https ? BackendProtocol.HTTPS : BackendProtocol.HTTP, svc.source("/spec/ports"));
      }
      return Setting.byDefault(
          BackendProtocol.HTTP,
          "traefik v3.7.9 pkg/provider/kubernetes/crd/kubernetes_http.go parseServiceProtocol"
              + " (http unless port 443 or a port name starting with https)");
    }

    private static void serversTransport(
        ReadContext ctx,
        Manifest from,
        String ns,
        String service,
        String name,
        Source at,
        RouteState state) {
      Optional<Manifest> st;
      int atSign = name.indexOf('@');
      if (atSign >= 0) {
        if (name.endsWith("@kubernetescrd") && !ctx.allowCrossNamespace()) {
          // kubernetes_http.go makeServersTransportKey.
          ctx.report(
              from,
              // traefik/traefik v3.7.9 pkg/provider/kubernetes/crd/kubernetes.go: resolveReference:
              // "allowCrossNamespace is disabled, cross-namespace are disallowed"
              TraefikFinding.CROSS_NAMESPACE,
              at,
              "the ServersTransport "
                  + SpecRules.show(name)
                  + " is named across providers: Traefik refuses a ...@kubernetescrd name unless"
                  + " providers.kubernetesCRD.allowCrossNamespace is true, and then loads no"
                  + " router for this route.");
        }
        if (!name.endsWith("@kubernetescrd")) {
          return;
        }
        st = ctx.findQualified("ServersTransport", name.substring(0, atSign), ns);
      } else {
        st = ctx.find("ServersTransport", ns, name);
      }
      if (st.isEmpty()) {
        if (ctx.once("missing transport " + System.identityHashCode(from) + " " + name)) {
          ctx.report(
              from,
              TraefikFinding.REFERENCE_NOT_IN_INPUT,
              at,
              "the ServersTransport "
                  + (atSign >= 0 ? SpecRules.show(name) : ns + "/" + name)
                  + " is not in the input; its timeouts and TLS settings are not checked.");
        }
        return;
      }
      transport(ctx, st.get(), service, state);
    }

    /** A ServersTransport's dial timeout and CA Secret, and the release of its fields. */
    static void transport(ReadContext ctx, Manifest st, String service, RouteState state) {
      JsonNode spec = st.tree().path("spec");
      state.consumed(st);
      Unmodelled.serversTransport(ctx, st, service);
      // traefik v3.7.9 pkg/provider/kubernetes/crd/kubernetes.go (lines 384-420, the
      // ServersTransports loop): the Secrets of rootCAsSecrets (deprecated) and of rootCAs (v3.4)
      // are both loaded as CA bundles (loadCASecret: key tls.ca or ca.crt).
      JsonNode rootCa = spec.path("rootCAs").path(0).path("secret");
      JsonNode rootCaSecret = spec.path("rootCAsSecrets").path(0);
      if (state.backendCaSecret == null && rootCa.isTextual() && !rootCa.asText().isEmpty()) {
        state.backendCaSecret = Setting.of(rootCa.asText(), st.source("/spec/rootCAs/0/secret"));
      } else if (state.backendCaSecret == null
          && rootCaSecret.isTextual()
          && !rootCaSecret.asText().isEmpty()) {
        state.backendCaSecret =
            Setting.of(rootCaSecret.asText(), st.source("/spec/rootCAsSecrets/0"));
        state.beforeP2c = true;
      }
      JsonNode dial = spec.path("forwardingTimeouts").get("dialTimeout");
      if (dial != null && !dial.isNull() && state.connectTimeout == null) {
        Duration d;
        try {
          d = GoDurations.parse(dial.asText());
        } catch (IllegalArgumentException e) {
          // traefik v3.7.9 crd/kubernetes.go logs "Error while reading DialTimeout" and keeps the
          // ServersTransport; paerser v0.2.0 types/duration.go Set has already stored
          // time.ParseDuration's zero, and a net.Dialer with Timeout 0 waits as long as the OS.
          d = Duration.ZERO;
        }
        state.connectTimeout = Setting.of(d, st.source("/spec/forwardingTimeouts/dialTimeout"));
      }
      // traefik v3.7.9 pkg/config/dynamic/http_config.go ForwardingTimeouts: responseHeaderTimeout
      // waits for "a server's response headers after fully writing the request", idleConnTimeout
      // bounds "an idle HTTP keep-alive connection", readIdleTimeout is an HTTP/2 ping; none
      // reaches a socket the reverse proxy has taken over after 101 Switching Protocols.
      for (String field :
          new String[] {"responseHeaderTimeout", "idleConnTimeout", "readIdleTimeout"}) {
        JsonNode t = spec.path("forwardingTimeouts").get(field);
        if (t == null || t.isNull()) {
          continue;
        }
        Duration d;
        try {
          d = GoDurations.parse(t.asText());
        } catch (IllegalArgumentException e) {
          continue;
        }
        if (d.compareTo(dev.wsingress.ServedRoute.RAISED_TIMEOUT) < 0) {
          continue;
        }
        state.webSocketOnly.add(
            new RouteState.Pending(
                st,
                // traefik/traefik v3.7.9 pkg/config/dynamic/http_config.go: ForwardingTimeouts
                // responseHeaderTimeout, idleConnTimeout and readIdleTimeout bound the wait for
                // headers, idle pooled connections and HTTP/2 pings, none an upgraded stream
                TraefikFinding.TRANSPORT_TIMEOUT_NO_EFFECT,
                st.source("/spec/forwardingTimeouts/" + field),
                "forwardingTimeouts."
                    + field
                    + " ("
                    + t.asText()
                    + ") does not keep a WebSocket open: it bounds "
                    + switch (field) {
                      case "responseHeaderTimeout" ->
                          "the wait for a response's headers (the" + " handshake's 101)";
                      case "idleConnTimeout" ->
                          "how long an idle keep-alive connection waits"
                              + " in the pool, which an upgraded socket never returns to";
                      default -> "the wait for an HTTP/2 frame before a ping";
                    }
                    + ", and Traefik puts no idle timeout on an upgraded socket.",
                "transport " + field + " " + System.identityHashCode(st)));
      }
      if (spec.has("rootCAs") && ctx.once("rootCAs " + System.identityHashCode(st))) {
        ctx.gate(
            st,
            st.source("/spec/rootCAs"),
            "rootCAs",
            Releases.ROOT_CAS,
            "its CRD has no such field (rootCAsSecrets instead), so the API server drops it and"
                + " the backend's certificate is checked against the system CAs");
      }
    }

    private static void traefikService(ReadContext ctx, Manifest ts, RouteState state, int depth) {
      ctx.out.understood(ts);
      state.consumed(ts);
      Unmodelled.traefikService(ctx, ts);
      JsonNode spec = ts.tree().path("spec");
      JsonNode weighted = spec.path("weighted");
      if (weighted.isObject()) {
        JsonNode children = weighted.path("services");
        boolean childSticky = false;
        for (int i = 0; i < children.size(); i++) {
          childSticky |= children.get(i).path("sticky").path("cookie").isObject();
          read(
              ctx,
              ts,
              ts.namespace(),
              children.get(i),
              "/spec/weighted/services/" + i,
              null,
              state,
              depth + 1);
        }
        JsonNode cookie = weighted.path("sticky").path("cookie");
        if (cookie.isObject() && !childSticky) {
          state.webSocketOnly.add(
              new RouteState.Pending(
                  ts,
                  // traefik/traefik v3.7.9 pkg/server/service/loadbalancer/wrr/wrr.go: a weighted
                  // service's sticky cookie names one of its child handlers, not a server
                  TraefikFinding.WEIGHTED_STICKY,
                  ts.source("/spec/weighted/sticky/cookie"),
                  "the sticky cookie of "
                      + ts.subject()
                      + " pins a client to one of its services, and no service entry below it"
                      + " has a cookie of its own: each new WebSocket of the client may reach"
                      + " another pod of that service.",
                  "weighted " + System.identityHashCode(ts)));
        }
        return;
      }
      for (String one : new String[] {"mirroring", "failover"}) {
        JsonNode main = spec.path(one);
        if (main.isObject()) {
          JsonNode first = one.equals("failover") ? main.path("service") : main;
          if (first.isObject()) {
            read(ctx, ts, ts.namespace(), first, "/spec/" + one, null, state, depth + 1);
          }
          return;
        }
      }
      JsonNode hrw = spec.path("highestRandomWeight").path("services");
      for (int i = 0; i < hrw.size(); i++) {
        read(
            ctx,
            ts,
            ts.namespace(),
            hrw.get(i),
            "/spec/highestRandomWeight/services/" + i,
            null,
            state,
            depth + 1);
      }
    }

    /**
     * The {@code service.*} annotations of a Service that an IngressRoute sends to: the CRD
     * provider never reads them (traefik v3.7.9 pkg/provider/kubernetes/crd reads no Service
     * annotation), so they do nothing for this route.
     */
    private static void unreadAnnotations(ReadContext ctx, Manifest from, Manifest svc, Source at) {
      Map<String, String> unread = new TreeMap<>();
      for (Map.Entry<String, JsonNode> e : svc.annotations().entrySet()) {
        if (e.getKey().startsWith(IngressAnnotations.PREFIX + "service.")) {
          unread.put(e.getKey(), e.getValue().asText());
        }
      }
      if (unread.isEmpty()
          || !ctx.once("unread " + System.identityHashCode(from) + " " + svc.subject())) {
        return;
      }
      ctx.report(
          from,
          // traefik/traefik v3.7.9 pkg/provider/kubernetes/crd/kubernetes_http.go: the CRD provider
          // builds services from the IngressRoute entry and never reads Service annotations
          TraefikFinding.SERVICE_ANNOTATIONS_UNREAD,
          at,
          svc.subject()
              + " carries Ingress-provider annotations that "
              + from.subject()
              + " does not get: the CRD provider reads no Service annotation, so "
              + String.join(", ", unread.keySet())
              + (unread.size() == 1 ? " does" : " do")
              + " nothing for this route.");
    }
  }
}
