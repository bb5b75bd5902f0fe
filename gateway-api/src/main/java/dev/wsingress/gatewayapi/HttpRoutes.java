package dev.wsingress.gatewayapi;

import dev.wsingress.Affinity;
import dev.wsingress.ClientIpAffinity;
import dev.wsingress.CookieAffinity;
import dev.wsingress.Cors;
import dev.wsingress.HeaderAffinity;
import dev.wsingress.Rendering;
import dev.wsingress.WebSocketApp;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPCORSFilterBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilterBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRuleBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReferenceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.SessionPersistence;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.SessionPersistenceBuilder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The HTTPRoutes of an app: the app's route with one rule per group of routes ({@link
 * HttpRouteRules}), split where it exceeds what one HTTPRoute holds, and the HTTP-to-HTTPS redirect
 * route, with the CORS filter, the rewrites, the request timeouts and, on the experimental channel,
 * session persistence on the WebSocket rules. Limits are those of the v1.6.1 standard CRD
 * (config/crd/standard/gateway.networking.k8s.io_httproutes.yaml).
 */
final class HttpRoutes {
  private HttpRoutes() {}

  /** The filter type of a rewrite (v1.6.1 HTTPRouteFilterURLRewrite, support: Extended). */
  static final String URL_REWRITE = "URLRewrite";

  /** {@code urlRewrite.path.type} of a prefix rewrite (v1.6.1 PrefixMatchHTTPPathModifier). */
  static final String REPLACE_PREFIX_MATCH = "ReplacePrefixMatch";

  /** The filter type of the CORS filter (v1.6.1 HTTPRouteFilterCORS). */
  static final String CORS = "CORS";

  /** The filter type of a redirect (v1.6.1 HTTPRouteFilterRequestRedirect, support: Core). */
  static final String REQUEST_REDIRECT = "RequestRedirect";

  /** {@code spec.hostnames}: {@code maxItems: 16}. */
  static final int MAX_HOSTNAMES = 16;

  /** {@code spec.rules}: {@code maxItems: 16}. */
  static final int MAX_RULES = 16;

  /** {@code spec.rules[].matches}: {@code maxItems: 64}. */
  static final int MAX_MATCHES_PER_RULE = 64;

  /**
   * {@code spec.rules}: CEL "While 16 rules and 64 matches per rule are allowed, the total number
   * of matches across all rules in a route must be less than 128" (the rule tests {@code <= 128}).
   */
  static final int MAX_MATCHES_PER_ROUTE = 128;

  /**
   * {@code cors.allowOrigins}, {@code allowHeaders}, {@code exposeHeaders}: {@code maxItems: 64}.
   */
  static final int MAX_CORS_ITEMS = 64;

  /** {@code cors.allowOrigins[]} ({@code CORSOrigin}): {@code maxLength: 253}. */
  static final int MAX_ORIGIN_LENGTH = 253;

  /** An app HTTPRoute and the rules it holds, in order. */
  record Placed(HTTPRoute route, List<HttpRouteRules.Rule> rules) {
    String name() {
      return route.getMetadata().getName();
    }
  }

  /** The app's HTTPRoutes, in order; the first is named after the app. */
  record Routes(List<Placed> app, List<HTTPRoute> redirect) {
    List<HTTPRoute> appRoutes() {
      return app.stream().map(Placed::route).toList();
    }
  }

  /**
   * The app's HTTPRoutes: every host chunk (16 hostnames) with every pack of rules (16 rules, 128
   * matches), and with TLS and a redirect a {@code -redirect} twin of each on the HTTP listener.
   * With Envoy Gateway and no rule names (before v1.4), the rules are first split by the policy
   * that targets them ({@code policyOf}), one HTTPRoute set each, since a policy can then target
   * whole HTTPRoutes only. (Envoy Gateway's own chart installs newer CRDs: v1.6.0
   * charts/gateway-helm/crds/gatewayapi-crds.yaml has bundle-version v1.4.0; this is for clusters
   * that run older ones.)
   */
  static Routes render(
      WebSocketApp app,
      Options o,
      HttpRouteRules.Plan plan,
      Function<HttpRouteRules.Group, String> policyOf,
      String parentNamespace,
      String parentName,
      String subject,
      Rendering.Builder out) {
    boolean redirect = app.tls().isPresent() && app.tls().get().redirect();
    List<List<String>> hostChunks = chunks(app.hosts(), MAX_HOSTNAMES);
    HTTPRouteFilter cors = app.cors().isPresent() ? cors(app.cors().get(), o, subject, out) : null;
    SessionPersistence persistence = o.envoy() ? null : sessionPersistence(app, o, subject, out);

    // Partitions: one per policy when rules cannot be targeted by name, else one.
    Map<String, List<HttpRouteRules.Rule>> partitions = new LinkedHashMap<>();
    boolean byPolicy = false;
    if (o.envoy() && !plan.named()) {
      for (HttpRouteRules.Rule rule : plan.rules()) {
        String policy = policyOf.apply(rule.group());
        partitions.computeIfAbsent(policy == null ? "" : policy, k -> new ArrayList<>()).add(rule);
      }
      byPolicy = partitions.size() > 1;
    }
    if (!byPolicy) {
      partitions.clear();
      partitions.put(app.name(), plan.rules());
    }

    Set<String> used = new HashSet<>();
    List<Placed> routes = new ArrayList<>();
    List<HTTPRoute> redirects = new ArrayList<>();
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, List<HttpRouteRules.Rule>> partition : partitions.entrySet()) {
      String base = byPolicy ? partitionName(app, partition) : app.name();
      List<List<HttpRouteRules.Rule>> packs = packs(partition.getValue());
      int n = 0;
      for (List<String> hosts : hostChunks) {
        for (List<HttpRouteRules.Rule> pack : packs) {
          String suffix = n == 0 ? "" : "-" + (n + 1);
          n++;
          String name = HttpRouteRules.unique(base + suffix, used);
          if (suffix.isEmpty()) {
            parts.add(
                name
                    + (partition.getKey().isEmpty()
                        ? " (no policy)"
                        : " (BackendTrafficPolicy " + partition.getKey() + ")"));
          }
          List<HTTPRouteRule> rules = new ArrayList<>();
          List<HTTPRouteMatch> matches = new ArrayList<>();
          for (HttpRouteRules.Rule r : pack) {
            rules.add(rule(r, o, cors, persistence));
            matches.addAll(r.matches());
          }
          routes.add(
              new Placed(
                  new HTTPRouteBuilder()
                      .withMetadata(app.objectMeta(name))
                      .withNewSpec()
                      .withParentRefs(
                          parent(
                              parentNamespace,
                              parentName,
                              app,
                              redirect ? o.httpsListener() : null))
                      .withHostnames(hosts)
                      .withRules(rules)
                      .endSpec()
                      .build(),
                  List.copyOf(pack)));
          if (redirect) {
            String twin = HttpRouteRules.unique(base + "-redirect" + suffix, used);
            redirects.add(redirect(app, o, parentNamespace, parentName, twin, hosts, matches));
          }
        }
      }
    }
    if (redirect) {
      out.add(
          // kubernetes-sigs/gateway-api v1.6.1 apis/v1/httproute_types.go:
          // HTTPRequestRedirectFilter answers with a redirect status (301 here) instead of
          // forwarding; RFC 6455 section 4.1 lets a client not follow it
          GatewayApiFinding.PLAIN_WS_REDIRECT.at(
              subject,
              "plain ws:// handshakes get a 301 redirect to https from "
                  + redirects.get(0).getMetadata().getName()
                  + ", and RFC 6455 clients need not follow redirects (section 4.1),"
                  + " so ws:// clients fail."));
    }
    if (byPolicy) {
      out.add(
          // kubernetes-sigs/gateway-api v1.6.1 apis/v1/httproute_types.go: spec.hostnames and
          // spec.rules MaxItems=16, matches MaxItems=64, CEL total matches <= 128
          GatewayApiFinding.ROUTES_SPLIT.at(
              subject,
              "rules[].name is standard from Gateway API v"
                  + Releases.RULE_NAME
                  + " (rendering for v"
                  + o.version()
                  + "), so Envoy Gateway's policies cannot target single rules, and the routes"
                  + " are split by policy: "
                  + String.join(", ", parts)
                  + "."));
    }
    if (routes.size() > partitions.size()) {
      int paths = plan.rules().stream().mapToInt(r -> r.matches().size()).sum();
      out.add(
          // kubernetes-sigs/gateway-api v1.6.1 apis/v1/httproute_types.go: spec.hostnames and
          // spec.rules MaxItems=16, matches MaxItems=64, CEL total matches <= 128
          GatewayApiFinding.ROUTES_SPLIT.at(
              subject,
              "the app's "
                  + app.hosts().size()
                  + " hosts and "
                  + paths
                  + " paths need "
                  + routes.size()
                  + " HTTPRoutes (an HTTPRoute holds at most "
                  + MAX_HOSTNAMES
                  + " hostnames, "
                  + MAX_RULES
                  + " rules and "
                  + MAX_MATCHES_PER_ROUTE
                  + " path matches, "
                  + MAX_MATCHES_PER_RULE
                  + " per rule): "
                  + String.join(", ", routes.stream().map(Placed::name).toList())
                  + (redirect ? ", each with its -redirect twin." : ".")));
    }
    return new Routes(List.copyOf(routes), List.copyOf(redirects));
  }

  /**
   * The HTTPRoute name of a policy's partition: the app's name for the rules of the policy named
   * after the app (the app's own WebSocket rules), {@code <app>-http} for the rules no policy
   * targets, {@code <app>-ws-<service>} for another Service's WebSocket rules.
   */
  private static String partitionName(
      WebSocketApp app, Map.Entry<String, List<HttpRouteRules.Rule>> partition) {
    if (partition.getKey().equals(app.name())) {
      return app.name();
    }
    if (partition.getKey().isEmpty()) {
      return app.name() + "-http";
    }
    return app.name() + "-ws-" + partition.getValue().get(0).group().service();
  }

  /** Rules in order, packed greedily into HTTPRoutes (16 rules, 128 matches each). */
  private static List<List<HttpRouteRules.Rule>> packs(List<HttpRouteRules.Rule> rules) {
    List<List<HttpRouteRules.Rule>> packs = new ArrayList<>();
    List<HttpRouteRules.Rule> current = new ArrayList<>();
    int matches = 0;
    for (HttpRouteRules.Rule r : rules) {
      if (!current.isEmpty()
          && (current.size() == MAX_RULES
              || matches + r.matches().size() > MAX_MATCHES_PER_ROUTE)) {
        packs.add(List.copyOf(current));
        current.clear();
        matches = 0;
      }
      current.add(r);
      matches += r.matches().size();
    }
    if (!current.isEmpty()) {
      packs.add(List.copyOf(current));
    }
    return packs;
  }

  /**
   * One rule: its name, matches and backend; the CORS filter on every rule (CORS is app-wide); on a
   * rewritten route the {@code URLRewrite} filter; on WebSocket rules the request timeout option
   * and session persistence, on plain rules their own request timeout.
   */
  private static HTTPRouteRule rule(
      HttpRouteRules.Rule r, Options o, HTTPRouteFilter cors, SessionPersistence persistence) {
    HttpRouteRules.Group g = r.group();
    HTTPRouteRuleBuilder rule =
        new HTTPRouteRuleBuilder()
            .withName(r.name())
            .withMatches(r.matches())
            .addNewBackendRef()
            .withName(g.service())
            .withPort(g.port())
            .endBackendRef();
    List<HTTPRouteFilter> filters = new ArrayList<>();
    if (cors != null) {
      filters.add(cors);
    }
    if (g.rewrite().isPresent()) {
      filters.add(urlRewrite(g.rewrite().get()));
    }
    if (!filters.isEmpty()) {
      rule.withFilters(filters);
    }
    if (g.webSocket()) {
      if (o.requestTimeout() != null) {
        rule.withNewTimeouts().withRequest(GepDurations.format(o.requestTimeout())).endTimeouts();
      }
      if (persistence != null) {
        rule.withSessionPersistence(persistence);
      }
    } else if (g.requestTimeout().isPresent()) {
      // timeouts.request (Support: Extended): "the maximum duration for a gateway to respond to
      // an HTTP request" (v1.6.1 HTTPRouteTimeouts.Request), standard since v1.2 (Releases).
      rule.withNewTimeouts()
          .withRequest(GepDurations.format(g.requestTimeout().get()))
          .endTimeouts();
    }
    return rule.build();
  }

  /**
   * The spec's rewrite as {@code URLRewrite} (Support: Extended) with {@code path.type:
   * ReplacePrefixMatch}: "a request to "/foo/bar" with a prefix match of "/foo" and a
   * ReplacePrefixMatch of "/xyz" would be modified to "/xyz/bar"", by whole path elements, and
   * "ReplacePrefixMatch is only compatible with a `PathPrefix` HTTPRouteMatch" (v1.6.1
   * apis/v1/httproute_types.go {@code HTTPPathModifier}; GEP-726). {@code /} strips the prefix:
   * "/foo | /foo | / | /" in that table; Envoy Gateway writes it as a regex rewrite {@code
   * ^<prefix>\/*} to {@code /} (v1.9.0 internal/xds/translator/route.go
   * useRegexRewriteForPrefixMatchReplace, envoyproxy/envoy#26055).
   */
  private static HTTPRouteFilter urlRewrite(String prefix) {
    return new HTTPRouteFilterBuilder()
        .withType(URL_REWRITE)
        .withNewUrlRewrite()
        .withNewPath()
        .withType(REPLACE_PREFIX_MATCH)
        .withReplacePrefixMatch(prefix)
        .endPath()
        .endUrlRewrite()
        .build();
  }

  private static HTTPRoute redirect(
      WebSocketApp app,
      Options o,
      String parentNamespace,
      String parentName,
      String name,
      List<String> hosts,
      List<HTTPRouteMatch> matches) {
    // The standard way to redirect to HTTPS: a RequestRedirect filter on a route bound to the
    // HTTP listener (HTTPRoute filters, support Core; statusCode enum 301;302;303;307;308).
    List<HTTPRouteRule> rules = new ArrayList<>();
    for (List<HTTPRouteMatch> ruleMatches : chunks(matches, MAX_MATCHES_PER_RULE)) {
      rules.add(
          new HTTPRouteRuleBuilder()
              .withMatches(ruleMatches)
              .addNewFilter()
              .withType(REQUEST_REDIRECT)
              .withNewRequestRedirect()
              .withScheme("https")
              .withStatusCode(301)
              .endRequestRedirect()
              .endFilter()
              .build());
    }
    return new HTTPRouteBuilder()
        .withMetadata(app.objectMeta(name))
        .withNewSpec()
        .withParentRefs(parent(parentNamespace, parentName, app, o.httpListener()))
        .withHostnames(hosts)
        .withRules(rules)
        .endSpec()
        .build();
  }

  static <T> List<List<T>> chunks(List<T> all, int size) {
    List<List<T>> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i += size) {
      out.add(List.copyOf(all.subList(i, Math.min(all.size(), i + size))));
    }
    return out;
  }

  private static ParentReference parent(
      String namespace, String name, WebSocketApp app, String sectionName) {
    ParentReferenceBuilder b = new ParentReferenceBuilder().withName(name);
    if (!namespace.equals(app.namespace())) {
      b.withNamespace(namespace);
    }
    return b.withSectionName(sectionName).build();
  }

  /**
   * The CORS filter, or null when the selected release has none or the lists exceed what it holds.
   * The lists are written as sets (v1.6.1 {@code HTTPCORSFilter}: {@code +listType=set} on
   * allowOrigins, allowMethods, allowHeaders and exposeHeaders; header names are not
   * case-sensitive, as its doc says), and {@code *} alone (CEL "AllowOrigins cannot contain '*'
   * alongside other origins"): both keep the meaning, since {@code *} already allows every origin.
   */
  private static HTTPRouteFilter cors(Cors c, Options o, String subject, Rendering.Builder out) {
    if (!o.version().isAtLeast(Releases.CORS_FILTER)) {
      out.add(
          // kubernetes-sigs/gateway-api v1.6.1 CHANGELOG/1.5-CHANGELOG.md: the CORS filter is
          // standard from v1.5, BackendTLSPolicy v1 from v1.4 (CHANGELOG/1.4-CHANGELOG.md)
          GatewayApiFinding.VERSION_LACKS.at(
              subject,
              "the CORS filter is standard from Gateway API v"
                  + Releases.CORS_FILTER
                  + " (rendering for v"
                  + o.version()
                  + "), so no CORS filter is written and browsers get no CORS headers from the"
                  + " gateway."));
      return null;
    }
    List<String> changes = new ArrayList<>();
    List<String> origins = distinct(c.origins(), false, "origins", changes);
    if (origins.contains("*") && origins.size() > 1) {
      List<String> others = new ArrayList<>(origins);
      others.remove("*");
      changes.add(
          "allowOrigins is written as [\"*\"], which already allows "
              + String.join(", ", others)
              + " (the CRD refuses \"*\" beside other origins)");
      origins = List.of("*");
    }
    List<String> methods = distinct(c.methods(), false, "methods", changes);
    List<String> headers = distinct(c.headers(), true, "headers", changes);
    List<String> exposed = distinct(c.exposedHeaders(), true, "exposed headers", changes);
    List<String> limits = new ArrayList<>();
    limit(origins, "origins", limits);
    limit(headers, "headers", limits);
    limit(exposed, "exposed headers", limits);
    for (String origin : origins) {
      if (origin.length() > MAX_ORIGIN_LENGTH) {
        limits.add(
            "origin "
                + origin.substring(0, 40)
                + "... has "
                + origin.length()
                + " characters, more than "
                + MAX_ORIGIN_LENGTH);
      }
    }
    if (!limits.isEmpty()) {
      out.add(
          // kubernetes-sigs/gateway-api v1.6.1 apis/v1/httproute_types.go: HTTPCORSFilter lists
          // hold at most 64 entries (+kubebuilder:validation:MaxItems=64) and an origin at most 253
          // characters
          GatewayApiFinding.CORS_LIMIT.at(
              subject,
              "the HTTPRoute CORS filter cannot hold these lists ("
                  + String.join("; ", limits)
                  + "), so no CORS filter is written and browsers get no CORS headers from the"
                  + " gateway."));
      return null;
    }
    if (!changes.isEmpty()) {
      out.add(
          // kubernetes-sigs/gateway-api v1.6.1 apis/v1/httproute_types.go: HTTPCORSFilter lists are
          // +listType=set, and CEL refuses "*" alongside other origins
          GatewayApiFinding.CORS_NORMALISED.at(
              subject, "the CORS lists are written as sets: " + String.join("; ", changes) + "."));
    }
    Releases.gatedGatewayApi(out, subject, "filters: type CORS", Releases.CORS_FILTER, o);
    HTTPCORSFilterBuilder cors =
        new HTTPCORSFilterBuilder()
            .withAllowOrigins(origins)
            .withAllowMethods(methods)
            .withAllowHeaders(headers)
            .withExposeHeaders(exposed);
    if (c.credentials()) {
      cors.withAllowCredentials(true);
    }
    if (c.maxAge().isPresent()) {
      cors.withMaxAge((int) c.maxAge().get().getSeconds());
    }
    out.add(
        // kubernetes-sigs/gateway-api v1.6.1 apis/v1/httproute_types.go: HTTPCORSFilter answers
        // CORS preflights and sets response headers; it refuses no request, and browsers send no
        // preflight for a WebSocket handshake
        GatewayApiFinding.CORS_HANDSHAKE.at(
            subject,
            "the CORS filter (support: Extended) answers browsers' preflights, but browsers"
                + " send none for the WebSocket handshake, so any page can open the socket."));
    return new HTTPRouteFilterBuilder().withType(CORS).withCors(cors.build()).build();
  }

  private static List<String> distinct(
      List<String> values, boolean ignoreCase, String what, List<String> changes) {
    Map<String, String> seen = new LinkedHashMap<>();
    List<String> repeated = new ArrayList<>();
    for (String v : values) {
      String key = ignoreCase ? v.toLowerCase(Locale.ROOT) : v;
      if (seen.putIfAbsent(key, v) != null) {
        repeated.add(v);
      }
    }
    if (!repeated.isEmpty()) {
      changes.add(
          "repeated "
              + what
              + " "
              + String.join(", ", repeated)
              + " written once"
              + (ignoreCase ? " (names ignore case)" : ""));
    }
    return List.copyOf(seen.values());
  }

  private static void limit(List<String> values, String what, List<String> limits) {
    if (values.size() > MAX_CORS_ITEMS) {
      limits.add(values.size() + " " + what + ", more than " + MAX_CORS_ITEMS);
    }
  }

  /**
   * Cookie affinity as {@code sessionPersistence}, experimental channel only. The fields are those
   * of gateway-api v1.6.1 {@code apis/v1/shared_types.go SessionPersistence} (sessionName,
   * absoluteTimeout, type, cookieConfig.lifetimeType), the same since v1.1; on {@code main} after
   * v1.6.1 (#4873) they became {@code cookie}/{@code header} unions, so a later release line needs
   * its own mapping. Header affinity is not session persistence (GEP-1619: there the gateway or
   * backend sets the header and the client echoes it), and neither is client-IP affinity.
   */
  private static SessionPersistence sessionPersistence(
      WebSocketApp app, Options o, String subject, Rendering.Builder out) {
    if (app.affinity().isEmpty()) {
      return null;
    }
    Affinity affinity = app.affinity().get();
    if (affinity instanceof ClientIpAffinity) {
      out.add(
          // kubernetes-sigs/gateway-api v1.6.1 apis/v1/shared_types.go: SessionPersistenceType is
          // Cookie or Header; there is no client-IP affinity
          GatewayApiFinding.CLIENT_IP_AFFINITY.at(
              subject,
              "the Gateway API has no client-IP affinity; sessionPersistence knows cookies and"
                  + " headers the gateway issues only."));
      return null;
    }
    if (affinity instanceof HeaderAffinity h) {
      out.add(
          // kubernetes-sigs/gateway-api v1.6.1 geps/gep-1619/index.md: header session persistence
          // is a header the gateway or backend issues and the client echoes, not a hash of a client
          // header
          GatewayApiFinding.HEADER_AFFINITY.at(
              subject,
              "the Gateway API has no affinity by a hash of a client's header: sessionPersistence"
                  + " type Header is a header the gateway issues and the client sends back"
                  + " (GEP-1619), so "
                  + h.header()
                  + " would pin nothing; nothing is written."));
      return null;
    }
    CookieAffinity c = (CookieAffinity) affinity;
    if (!o.experimental()) {
      out.add(
          // kubernetes-sigs/gateway-api v1.6.1 apis/v1/shared_types.go: SessionPersistence
          // (HTTPRouteRule.sessionPersistence) is in the experimental channel only (absent from
          // config/crd/standard)
          GatewayApiFinding.STICKY_SESSIONS_EXPERIMENTAL.at(
              subject,
              "sticky sessions need sessionPersistence, which exists only in the experimental"
                  + " channel."));
      return null;
    }
    SessionPersistenceBuilder b = new SessionPersistenceBuilder().withType("Cookie");
    b.withSessionName(c.name());
    if (c.maxAge().isPresent()) {
      // CEL: absoluteTimeout is required when lifetimeType is Permanent.
      b.withAbsoluteTimeout(GepDurations.format(c.maxAge().get()))
          .withNewCookieConfig()
          .withLifetimeType("Permanent")
          .endCookieConfig();
    } else {
      b.withNewCookieConfig().withLifetimeType("Session").endCookieConfig();
    }
    String dropped = "";
    if (c.path().isPresent()
        || c.secure().isPresent()
        || c.sameSite().isPresent()
        || !c.httpOnly()) {
      dropped = " Its path, Secure, SameSite and HttpOnly attributes are left to the gateway.";
    }
    out.add(
        // kubernetes-sigs/gateway-api v1.6.1 apis/v1/shared_types.go: SessionPersistence has
        // sessionName, absoluteTimeout, type and cookieConfig.lifetimeType only; other cookie
        // attributes are the implementation's
        GatewayApiFinding.SESSION_PERSISTENCE_EXPERIMENTAL.at(
            subject,
            "sessionPersistence is written from the experimental channel (support: Extended)."
                + dropped));
    return b.build();
  }
}
