package dev.wsingress.istio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wsingress.Cors;
import dev.wsingress.InvalidSpecException;
import dev.wsingress.Manifest;
import dev.wsingress.Manifests;
import dev.wsingress.Reading;
import dev.wsingress.ServedApp;
import dev.wsingress.ServedBackend;
import dev.wsingress.ServedRoute;
import dev.wsingress.ServedRoute.HostMatch;
import dev.wsingress.ServedRoute.PathMatch;
import dev.wsingress.Setting;
import dev.wsingress.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * VirtualServices as Istio serves them: the gateways each binds ({@code mesh} for the sidecars),
 * the hosts each gateway serves, and one {@link ServedRoute} per host and reachable {@code http[]}
 * match, with what its destination's DestinationRule sets.
 *
 * <p>Matching (istio/istio 1.30.3 pilot/pkg/networking/core/route/route.go): the entries and their
 * matches are tried in order and the first that matches wins (BuildHTTPRoutesForVirtualService),
 * and nothing after a catch-all is used (an entry without match, or a {@code prefix: /} or {@code
 * regex: .*} match without other conditions, IsCatchAllRoute). A match an earlier unconditional
 * match covers is never used ({@code UNREACHABLE-MATCH}); what remains is consistent with {@link
 * ServedRoute#PRECEDENCE}, except a regex before other matches (then the regex wins at Istio).
 * TranslateRouteMatch: {@code exact} is Envoy's {@code path} (the whole path), {@code prefix} is
 * Envoy's {@code prefix}, compared character by character ({@code /ws} matches {@code /wsx}), and
 * {@code regex} is a whole-path RE2 match. {@code exact: /p} with {@code prefix: /p/} and the same
 * action is a segment-wise prefix, as wsingress writes it (HttpRoutes), and reads as one {@link
 * PathMatch#PREFIX} route; a rewritten pair ({@code /p} to {@code /r}, {@code /p/} to {@code /r/})
 * is one route with the rewrite {@code /r}.
 */
final class VirtualServiceReader {
  private final Istio target;
  private final Manifests in;
  private final Reading out;
  private final DestinationRuleReader drs;
  private final RouteRules rules;
  private final Map<Manifest, List<GatewayReader.Server>> servers = new IdentityHashMap<>();

  VirtualServiceReader(Istio target, RouteRules rules, DestinationRuleReader drs) {
    this.target = target;
    this.in = rules.input();
    this.out = rules.output();
    this.drs = drs;
    this.rules = rules;
  }

  /** One match of an entry (or the entry itself when it has none). */
  record Match(
      int entry,
      String pointer,
      String type,
      String uri,
      boolean ignoreCase,
      boolean conditional,
      List<String> gateways,
      String upgradeEvidence) {

    boolean catchAll() {
      return !conditional
          && (type.equals("none")
              || (type.equals("prefix") && uri.equals("/"))
              || (type.equals("regex") && uri.equals(".*")));
    }

    /**
     * Whether every request {@code later} takes is taken by {@code this} first: a case-sensitive
     * match covers no case-insensitive one (that also takes other spellings), while a
     * case-insensitive one compares both lowercased.
     */
    boolean covers(Match later) {
      if (conditional || (!ignoreCase && later.ignoreCase)) {
        return false;
      }
      if (type.equals("none")) {
        return true;
      }
      String a = ignoreCase ? uri.toLowerCase(Locale.ROOT) : uri;
      String b = ignoreCase ? later.uri.toLowerCase(Locale.ROOT) : later.uri;
      switch (type) {
        case "prefix":
          return (later.type.equals("prefix") || later.type.equals("exact")) && b.startsWith(a);
        case "exact":
          return later.type.equals("exact") && a.equals(b);
        default:
          return type.equals("regex") && later.type.equals("regex") && a.equals(b);
      }
    }
  }

  /** A gateway (or the mesh) the VirtualService is bound to. */
  record Binding(
      String name,
      boolean mesh,
      Target target,
      List<GatewayReader.Served> hosts,
      Map<String, String> labels,
      Manifest gateway) {

    Binding withTarget(Target t) {
      return new Binding(name, mesh, t, hosts, labels, gateway);
    }
  }

  void readAll() {
    for (Manifest vs : in.objects("networking.istio.io", "VirtualService")) {
      read(vs);
    }
  }

  private void read(Manifest vs) {
    String ns = vs.namespace();
    JsonNode spec = vs.tree().path("spec");
    List<String> hosts = new ArrayList<>();
    for (JsonNode h : spec.path("hosts")) {
      if (h.isTextual()) {
        hosts.add(Backends.resolve(h.asText(), ns));
      }
    }
    JsonNode http = spec.path("http");
    List<List<Match>> entries = new ArrayList<>();
    for (int i = 0; i < http.size(); i++) {
      entries.add(matches(vs, http.get(i), "/spec/http/" + i, i));
      entryChecks(vs, http.get(i), "/spec/http/" + i);
    }
    if (hosts.isEmpty() || entries.isEmpty()) {
      return;
    }
    if (RouteRules.managed(vs)) {
      ownService(vs, http);
    }
    for (Binding b : bindings(vs, spec, hosts)) {
      List<Match> reachable = reachable(vs, entries, b);
      routes(vs, http, reachable, withOutlierLimits(vs, http, b));
    }
  }

  /**
   * For the converter, which of a VirtualService wsingress rendered sends to the app's own Service:
   * Backends names the own Service's DestinationRule like the app (the VirtualService), another's
   * {@code <app>-<service>}; without such a rule the own Service has none, and it is the first
   * destination without one (any such choice renders the same rules).
   */
  private void ownService(Manifest vs, JsonNode http) {
    String ns = vs.namespace();
    List<String> services = new ArrayList<>();
    for (JsonNode entry : http) {
      for (JsonNode d : entry.path("route")) {
        String[] svc =
            Backends.serviceOf(Backends.resolve(d.path("destination").path("host").asText(""), ns));
        if (svc != null && svc[0].equals(ns) && !services.contains(svc[1])) {
          services.add(svc[1]);
        }
      }
    }
    String own = null;
    Optional<Manifest> named = in.find("networking.istio.io", "DestinationRule", ns, vs.name());
    if (named.isPresent()) {
      String[] svc =
          Backends.serviceOf(
              Backends.resolve(named.get().tree().path("spec").path("host").asText(""), ns));
      own = svc != null && services.contains(svc[1]) ? svc[1] : null;
    } else {
      for (String svc : services) {
        if (in.find("networking.istio.io", "DestinationRule", ns, vs.name() + "-" + svc)
            .isEmpty()) {
          own = svc;
          break;
        }
      }
    }
    if (own != null) {
      ServedApp.Builder fact = ServedApp.builder(target, vs).app(ns, vs.name()).ownService(ns, own);
      named.ifPresent(fact::alsoFrom);
      out.add(fact.build());
    }
  }

  /**
   * The binding's target with the outlier limits the VirtualService's DestinationRules set ({@code
   * outlierDetection.maxEjectionPercent} and {@code minHealthPercent}, which {@link
   * Istio#outlierLimits} writes into every WebSocket policy), so that rendering again writes them.
   * The first destination whose policy sets them decides.
   */
  private Binding withOutlierLimits(Manifest vs, JsonNode http, Binding b) {
    if (!(b.target() instanceof Istio istio)) {
      return b;
    }
    for (JsonNode entry : http) {
      for (JsonNode r : entry.path("route")) {
        JsonNode d = r.path("destination");
        String fqdn = Backends.resolve(d.path("host").asText(""), vs.namespace());
        String[] svc = Backends.serviceOf(fqdn);
        if (svc == null) {
          continue;
        }
        Integer port =
            d.path("port").path("number").isIntegralNumber()
                ? d.path("port").path("number").asInt()
                : null;
        DestinationRuleReader.Part o =
            DestinationRuleReader.policy(
                    drs.lookup(
                        fqdn,
                        svc[0],
                        b.mesh() ? null : DestinationRuleReader.ROOT_NAMESPACE,
                        b.labels()),
                    d.path("subset").asText(null),
                    port)
                .outlierDetection();
        if (o != null && o.node().path("maxEjectionPercent").isIntegralNumber()) {
          try {
            return b.withTarget(
                istio.outlierLimits(
                    o.node().path("maxEjectionPercent").asInt(),
                    o.node().path("minHealthPercent").asInt(0)));
          } catch (InvalidSpecException e) {
            return b; // out of range: the CRD refuses it (ISTIO-INVALID-VALUE)
          }
        }
      }
    }
    return b;
  }

  /**
   * The gateways of the VirtualService: {@code gateways}, or {@code mesh} when it is empty
   * (istio/api 1.30.3 virtual_service.proto VirtualService.gateways: "If this field is omitted, the
   * default gateway (mesh) will be used").
   */
  private List<Binding> bindings(Manifest vs, JsonNode spec, List<String> hosts) {
    List<Binding> out = new ArrayList<>();
    JsonNode gateways = spec.path("gateways");
    if (!gateways.isArray() || gateways.isEmpty()) {
      out.add(mesh(hosts));
      return out;
    }
    for (int k = 0; k < gateways.size(); k++) {
      String ref = gateways.get(k).asText("");
      if (ref.equals(GatewayReader.MESH)) {
        out.add(mesh(hosts));
        continue;
      }
      String resolved = GatewayReader.resolve(ref, vs.namespace());
      Optional<Manifest> gw = GatewayReader.find(in, resolved);
      String at = "/spec/gateways/" + k;
      int slash = resolved.indexOf('/');
      if (gw.isEmpty()) {
        this.out.report(
            vs,
            IstioFinding.GATEWAY_NOT_IN_INPUT,
            vs.source(at),
            "the Gateway "
                + resolved
                + " is not in the input; its hosts, ports and TLS are not checked, and the routes"
                + " are read as if it served every host of the VirtualService.");
        List<GatewayReader.Served> served = new ArrayList<>();
        for (String h : hosts) {
          served.add(new GatewayReader.Served(h, Optional.empty(), 80));
        }
        out.add(
            new Binding(
                resolved,
                false,
                gatewayTarget(resolved.substring(0, slash), resolved.substring(slash + 1)),
                served,
                null,
                null));
        continue;
      }
      this.out.understood(gw.get());
      List<GatewayReader.Served> served =
          GatewayReader.serve(
              gw.get(),
              servers.computeIfAbsent(gw.get(), GatewayReader::servers),
              hosts,
              vs.namespace());
      if (served.isEmpty()) {
        this.out.report(
            vs,
            IstioFinding.GATEWAY_HOST_MISMATCH,
            vs.source(at),
            "no HTTP server of the Gateway "
                + resolved
                + " ("
                + gw.get().source()
                + ") serves a host of the VirtualService ("
                + String.join(", ", hosts)
                + "), so the gateway serves none of its routes (istio/istio"
                + " pkg/config/analysis/analyzers/virtualservice/gateways.go reports the same as"
                + " IST0132).");
        continue;
      }
      Map<String, String> labels = new LinkedHashMap<>();
      gw.get()
          .tree()
          .path("spec")
          .path("selector")
          .properties()
          .forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
      // The Gateway wsingress rendered for this app (named like it, beside it): the target renders
      // its own with this selector; any other Gateway is one the app attaches to.
      boolean own =
          RouteRules.managed(gw.get())
              && gw.get().name().equals(vs.name())
              && Manifests.sameNamespace(gw.get().namespace(), vs.namespace());
      Target t =
          own
              ? selectorTarget(labels)
              : gatewayTarget(resolved.substring(0, slash), resolved.substring(slash + 1));
      out.add(new Binding(resolved, false, t, served, labels, gw.get()));
    }
    return out;
  }

  private Binding mesh(List<String> hosts) {
    List<GatewayReader.Served> served = new ArrayList<>();
    for (String h : hosts) {
      served.add(new GatewayReader.Served(h, Optional.empty(), 0));
    }
    return new Binding(GatewayReader.MESH, true, target, served, null, null);
  }

  private Target gatewayTarget(String ns, String name) {
    try {
      return target.gateway(ns, name);
    } catch (InvalidSpecException e) {
      return target;
    }
  }

  private Target selectorTarget(Map<String, String> labels) {
    if (labels.size() != 1) {
      return target;
    }
    Map.Entry<String, String> e = labels.entrySet().iterator().next();
    try {
      return target.gatewaySelector(e.getKey(), e.getValue());
    } catch (InvalidSpecException x) {
      return target;
    }
  }

  /** The matches of one entry; an entry without matches matches everything. */
  private List<Match> matches(Manifest vs, JsonNode entry, String pointer, int index) {
    List<Match> out = new ArrayList<>();
    JsonNode ms = entry.path("match");
    if (!ms.isArray() || ms.isEmpty()) {
      out.add(new Match(index, pointer, "none", "", false, false, null, null));
      return out;
    }
    for (int j = 0; j < ms.size(); j++) {
      JsonNode m = ms.get(j);
      String at = pointer + "/match/" + j;
      JsonNode uri = m.path("uri");
      String type = "none";
      String value = "";
      for (String t : new String[] {"exact", "prefix", "regex"}) {
        if (uri.path(t).isTextual()) {
          type = t;
          value = uri.path(t).asText();
          break;
        }
      }
      boolean conditional = false;
      for (String c :
          new String[] {
            "headers",
            "withoutHeaders",
            "method",
            "authority",
            "scheme",
            "queryParams",
            "port",
            "sourceLabels",
            "sourceNamespace"
          }) {
        JsonNode v = m.get(c);
        conditional |= v != null && !v.isNull() && !(v.isContainerNode() && v.isEmpty());
      }
      List<String> gateways = null;
      if (m.path("gateways").isArray() && !m.path("gateways").isEmpty()) {
        gateways = new ArrayList<>();
        for (JsonNode g : m.path("gateways")) {
          String name = g.asText("");
          gateways.add(
              name.equals(GatewayReader.MESH) ? name : GatewayReader.resolve(name, vs.namespace()));
        }
      }
      // istio/istio 1.30.3 route.go TranslateRouteMatch writes ignoreUriCase as Envoy's
      // RouteMatch.case_sensitive: false, which Envoy ignores for safe_regex (envoy
      // api/envoy/config/route/v3/route_components.proto RouteMatch.case_sensitive: "Ignored for
      // safe_regex matching"; no Envoy release tag was read), so a regex stays case-sensitive.
      boolean ignoreCase = m.path("ignoreUriCase").asBoolean(false) && !type.equals("regex");
      out.add(
          new Match(
              index, at, type, value, ignoreCase, conditional, gateways, upgradeHeader(vs, m, at)));
    }
    return out;
  }

  /** A match that requires the header {@code Upgrade: websocket} is WebSocket evidence. */
  private static String upgradeHeader(Manifest vs, JsonNode match, String at) {
    Iterator<Map.Entry<String, JsonNode>> it = match.path("headers").properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> h = it.next();
      if (!h.getKey().equalsIgnoreCase("upgrade")) {
        continue;
      }
      for (String t : new String[] {"exact", "prefix", "regex"}) {
        String v = h.getValue().path(t).asText("");
        if (v.toLowerCase(Locale.ROOT).contains("websocket")) {
          return "the match requires the header upgrade: "
              + v
              + " ("
              + vs.source(at + "/headers/" + h.getKey().replace("/", "~1"))
              + ")";
        }
      }
    }
    return null;
  }

  /** The matches one binding uses, in order; the others are reported once. */
  private List<Match> reachable(Manifest vs, List<List<Match>> entries, Binding b) {
    List<Match> used = new ArrayList<>();
    Match catchAll = null;
    for (List<Match> entry : entries) {
      for (Match m : entry) {
        if (m.gateways() != null && !m.gateways().contains(b.name())) {
          continue;
        }
        Match cover = catchAll;
        if (cover == null) {
          for (Match u : used) {
            if (u.covers(m)) {
              cover = u;
              break;
            }
          }
        }
        if (cover != null) {
          unreachable(vs, m, cover);
          continue;
        }
        used.add(m);
        if (m.catchAll()) {
          catchAll = m;
        }
      }
    }
    return used;
  }

  private void unreachable(Manifest vs, Match m, Match cover) {
    if (!rules.first("unreachable " + m.pointer())) {
      return;
    }
    out.report(
        vs,
        IstioFinding.UNREACHABLE_MATCH,
        vs.source(m.pointer()),
        describe(m)
            + " is never used: "
            + describe(cover)
            + " ("
            + vs.source(cover.pointer())
            + ") comes first and takes every request it would match (Istio uses the first match"
            + (cover.catchAll() ? ", and nothing after a catch-all" : "")
            + ").");
  }

  private static String describe(Match m) {
    String at = m.pointer().substring(1).replaceAll("/(\\d+)", "[$1]").replace("/", ".");
    return m.type().equals("none")
        ? at + " (every request)"
        : at + " (" + m.type() + " " + m.uri() + ")";
  }

  /** Per-entry rules that do not depend on the binding. */
  private void entryChecks(Manifest vs, JsonNode entry, String pointer) {
    if (entry.path("rewrite").has("uriRegexRewrite")) {
      out.report(
          vs,
          IstioFinding.REWRITE_SHAPE,
          vs.source(pointer + "/rewrite/uriRegexRewrite"),
          "rewrite.uriRegexRewrite rewrites with a regex (Envoy's regex_rewrite), which is no"
              + " prefix rewrite: the route is read without one.");
    }
    JsonNode routes = entry.path("route");
    for (int i = 0; i < routes.size(); i++) {
      String host = routes.get(i).path("destination").path("host").asText("");
      if (host.isEmpty() || Backends.serviceOf(Backends.resolve(host, vs.namespace())) != null) {
        continue;
      }
      String[] labels = host.split("\\.");
      boolean shortForm =
          (labels.length == 2 || (labels.length == 3 && labels[2].equals("svc")))
              && in.service(labels[1], labels[0]).isPresent();
      if (shortForm) {
        // istio/istio 1.30.3 pilot/pkg/model/config.go ResolveShortnameToFQDN keeps a name with a
        // dot as written; the Kubernetes registry names a Service only
        // <name>.<namespace>.svc.<domain> (pilot/pkg/serviceregistry/kube/conversion.go).
        out.report(
            vs,
            IstioFinding.DESTINATION_HOST,
            vs.source(pointer + "/route/" + i + "/destination/host"),
            "destination host "
                + host
                + " has a dot, so Istio takes it as a full name, and no Service is registered"
                + " under it (Istio knows Service "
                + labels[1]
                + "/"
                + labels[0]
                + " as "
                + labels[0]
                + "."
                + labels[1]
                + ".svc.cluster.local): requests get 503 unless a ServiceEntry defines it.");
      }
    }
  }

  /** The routes of the reachable matches of one binding. */
  private void routes(Manifest vs, JsonNode http, List<Match> reachable, Binding b) {
    boolean[] done = new boolean[reachable.size()];
    for (int i = 0; i < reachable.size(); i++) {
      if (done[i]) {
        continue;
      }
      Match m = reachable.get(i);
      int partner = partner(http, reachable, done, i, RouteRules.managed(vs));
      String rewrite;
      PathMatch match;
      String path = m.uri();
      if (partner >= 0) {
        done[partner] = true;
        Match exact = m.type().equals("exact") ? m : reachable.get(partner);
        path = exact.uri();
        match = PathMatch.PREFIX;
        Match prefix = exact == m ? reachable.get(partner) : m;
        rewrite =
            HttpRoutes.rewriteOfPair(
                    http.get(exact.entry()).path("rewrite").path("uri").asText(null),
                    http.get(prefix.entry()).path("rewrite").path("uri").asText(null))
                .orElse(null);
        m = exact;
      } else {
        match = pathMatch(m);
        rewrite = http.get(m.entry()).path("rewrite").path("uri").asText(null);
      }
      JsonNode entry = http.get(m.entry());
      for (GatewayReader.Served h : b.hosts()) {
        route(vs, entry, m, path, match, rewrite, b, h);
      }
    }
  }

  private static PathMatch pathMatch(Match m) {
    switch (m.type()) {
      case "exact":
        return PathMatch.EXACT;
      case "regex":
        return PathMatch.REGEX;
      default:
        return PathMatch.CHARACTER_PREFIX;
    }
  }

  /**
   * The reachable match that makes {@code i} a segment-wise prefix: {@code exact: /p} and {@code
   * prefix: /p/} in the same entry without a rewrite, or in neighbouring entries that differ only
   * in matches and in a rewrite of {@code /r} and {@code /r/} (or {@code /} and {@code /}).
   */
  private static int partner(
      JsonNode http, List<Match> reachable, boolean[] done, int i, boolean adjacent) {
    Match m = reachable.get(i);
    if (m.conditional() || m.ignoreCase() || !(m.type().equals("exact") || isSlashPrefix(m))) {
      return -1;
    }
    // In wsingress's own output the two matches of a prefix route stand next to each other
    // (HttpRoutes.rules); an exact match followed later by the prefix match is an exact route
    // beside a prefix route whose exact match it took, and reads back as the two.
    int last = adjacent ? Math.min(i + 2, reachable.size()) : reachable.size();
    for (int j = i + 1; j < last; j++) {
      Match o = reachable.get(j);
      if (done[j] || o.conditional() || o.ignoreCase() || Math.abs(o.entry() - m.entry()) > 1) {
        continue;
      }
      Match exact = m.type().equals("exact") ? m : o;
      Match prefix = m.type().equals("exact") ? o : m;
      if (!exact.type().equals("exact")
          || !isSlashPrefix(prefix)
          || !prefix.uri().equals(exact.uri() + "/")
          || exact.uri().equals("/")) {
        continue;
      }
      JsonNode a = http.get(exact.entry());
      JsonNode b = http.get(prefix.entry());
      if (exact.entry() == prefix.entry()) {
        // One entry: no rewrite, or rewrite.uri "/" alone, the pair of a rewrite to "/" whose two
        // entries HttpRoutes joined as their actions are equal.
        String uri = a.path("rewrite").path("uri").asText(null);
        if (!a.has("rewrite")
            || (uri != null
                && HttpRoutes.rewriteOfPair(uri, uri) != null
                && rewriteRest(a).isEmpty())) {
          return j;
        }
        continue;
      }
      if (!withoutMatchAndRewrite(a).equals(withoutMatchAndRewrite(b))) {
        continue;
      }
      String ra = a.path("rewrite").path("uri").asText(null);
      String rb = b.path("rewrite").path("uri").asText(null);
      if (HttpRoutes.rewriteOfPair(ra, rb) != null && rewriteRest(a).equals(rewriteRest(b))) {
        return j;
      }
    }
    return -1;
  }

  private static boolean isSlashPrefix(Match m) {
    return m.type().equals("prefix") && m.uri().endsWith("/") && m.uri().length() > 1;
  }

  private static JsonNode withoutMatchAndRewrite(JsonNode entry) {
    ObjectNode copy = ((ObjectNode) entry).deepCopy();
    copy.remove("match");
    copy.remove("rewrite");
    copy.remove("name");
    return copy;
  }

  private static JsonNode rewriteRest(JsonNode entry) {
    JsonNode r = entry.path("rewrite");
    if (!r.isObject()) {
      return r;
    }
    ObjectNode copy = ((ObjectNode) r).deepCopy();
    copy.remove("uri");
    return copy;
  }

  private void route(
      Manifest vs,
      JsonNode entry,
      Match m,
      String path,
      PathMatch match,
      String rewrite,
      Binding b,
      GatewayReader.Served host) {
    String h = host.host();
    ServedRoute.Builder r =
        ServedRoute.builder(b.target(), vs, vs.source(m.pointer()))
            .host(
                h,
                h.equals("*") || h.isEmpty()
                    ? HostMatch.ANY
                    : h.startsWith("*.") ? HostMatch.WILDCARD_SUFFIX : HostMatch.EXACT);
    if (!path(r, m, path, match)) {
      return;
    }
    String entryPointer = "/spec/http/" + m.entry();
    JsonNode destinations = entry.path("route");
    List<Integer> used = new ArrayList<>();
    for (int i = 0; i < destinations.size(); i++) {
      if (destinations.size() == 1 || destinations.get(i).path("weight").asInt(1) != 0) {
        used.add(i);
      }
    }
    DestinationRuleReader.Policy policy = DestinationRuleReader.Policy.NONE;
    String firstHost = null;
    for (int n = 0; n < used.size(); n++) {
      int i = used.get(n);
      String dp = entryPointer + "/route/" + i + "/destination";
      JsonNode d = destinations.get(i).path("destination");
      String fqdn = Backends.resolve(d.path("host").asText(""), vs.namespace());
      if (fqdn.isEmpty()) {
        continue;
      }
      String[] svc = Backends.serviceOf(fqdn);
      if (svc == null && vs.namespace().isEmpty() && fqdn.indexOf('.') < 0 && !fqdn.equals("*")) {
        svc = new String[] {"", fqdn}; // a short name in an object without a namespace
      }
      Integer port =
          d.path("port").path("number").isIntegralNumber()
              ? d.path("port").path("number").asInt()
              : null;
      if (svc != null) {
        Integer resolvedPort = port != null ? port : defaultPort(vs, svc, dp, b, host);
        if (resolvedPort != null) {
          ServedBackend backend = in.backend(svc[0], svc[1], resolvedPort).at(vs.source(dp));
          r.backend(backend);
          if (port == null) {
            port = resolvedPort;
          }
        }
      }
      if (n == 0) {
        firstHost = fqdn;
        String subset = d.path("subset").asText(null);
        policy =
            DestinationRuleReader.policy(
                drs.lookup(
                    fqdn,
                    svc != null ? svc[0] : vs.namespace(),
                    b.mesh() ? null : DestinationRuleReader.ROOT_NAMESPACE,
                    b.labels()),
                subset,
                port);
      }
    }
    Setting<Duration> timeout = Setting.byDefault(Duration.ZERO, RouteRules.ROUTE_TIMEOUT_DEFAULT);
    Optional<Duration> t = DestinationRuleReader.duration(entry.get("timeout"));
    if (t.isPresent()) {
      timeout = Setting.of(t.get(), vs.source(entryPointer + "/timeout"));
    }
    RouteRules.settings(r, policy, used.size() == 1, host.tls(), timeout);
    if (rewrite != null && !rewrite.isEmpty()) {
      r.rewrite(Setting.of(rewrite, vs.source(entryPointer + "/rewrite/uri")));
    }
    cors(entry.path("corsPolicy"))
        .ifPresent(c -> r.cors(Setting.of(c, vs.source(entryPointer + "/corsPolicy"))));
    if (m.upgradeEvidence() != null) {
      r.webSocketEvidence(m.upgradeEvidence());
    }
    if (b.gateway() != null) {
      r.alsoFrom(b.gateway());
    }
    if (RouteRules.managed(vs)) {
      // wsingress names the VirtualService like the app (VirtualServices), with no suffix.
      r.appName(vs.name());
    }
    ServedRoute served = r.build();
    out.add(served);
    rules.policyRules(served, policy, !b.mesh(), firstHost);
    if (served.isWebSocket()) {
      String describe = "\"" + path + "\"";
      rules.webSocketRules(
          served, policy, vs, entry.has("timeout") ? entryPointer + "/timeout" : null, describe);
      if (match == PathMatch.CHARACTER_PREFIX
          && !path.endsWith("/")
          && rules.first("prefix " + m.pointer())) {
        // istio/istio 1.30.3 route.go TranslateRouteMatch: a VirtualService prefix is Envoy's
        // prefix (path-separated only for Ingress and Gateway API routes), audit P16.
        out.report(
            vs,
            IstioFinding.PREFIX_CHARACTERS,
            vs.source(m.pointer() + "/uri/prefix"),
            "prefix "
                + path
                + " compares characters, so the WebSocket route also takes "
                + path
                + "x and "
                + path
                + "-other, not only "
                + path
                + " and the paths below "
                + path
                + "/.");
      }
    }
  }

  /**
   * The port a destination without one uses: the Service's only port, else the listener's
   * (istio/istio 1.30.3 route.go GetDestinationCluster), which is reported when the Service has
   * several; null for a sidecar route to a Service that is not in the input.
   */
  private Integer defaultPort(
      Manifest vs, String[] svc, String pointer, Binding b, GatewayReader.Served host) {
    Optional<Manifest> s = in.service(svc[0], svc[1]);
    if (s.isPresent()) {
      JsonNode ports = s.get().tree().path("spec").path("ports");
      if (ports.size() == 1 && ports.get(0).path("port").isIntegralNumber()) {
        return ports.get(0).path("port").asInt();
      }
      if (ports.size() > 1 && rules.first("port " + pointer)) {
        out.report(
            vs,
            IstioFinding.DESTINATION_PORT,
            vs.source(pointer),
            "the destination "
                + svc[1]
                + " names no port and "
                + s.get().subject()
                + " has "
                + ports.size()
                + ": Istio then sends to the port of the listener the request came in on"
                + (b.mesh() ? "" : " (" + host.port() + " at the gateway)")
                + ", which the Service may not have.");
      }
    }
    return b.mesh() ? null : host.port();
  }

  private static boolean path(ServedRoute.Builder r, Match m, String path, PathMatch match) {
    try {
      if (m.type().equals("none")) {
        r.path("/", PathMatch.CHARACTER_PREFIX);
      } else if (m.ignoreCase() && match != PathMatch.REGEX) {
        String quoted = Pattern.quote(path) + (match == PathMatch.EXACT ? "" : ".*");
        r.path(quoted, PathMatch.REGEX, true);
      } else if (match == PathMatch.REGEX) {
        // RE2 (Envoy's safe_regex) and Java share the syntax routes use; RE2's (?P<name>) is
        // Java's (?<name>).
        r.path(path.replace("(?P<", "(?<"), PathMatch.REGEX, m.ignoreCase());
      } else {
        r.path(path, match);
      }
      return true;
    } catch (IllegalArgumentException e) {
      return false; // a regex Java cannot compile: no route is claimed for it
    }
  }

  /**
   * The CORS policy as the spec says it: origins as {@code allowOrigins} exact strings, {@code .*}
   * as {@code *} and the one-label wildcard regex wsingress writes (VirtualServices.cors); empty
   * when an origin has another shape.
   */
  static Optional<Cors> cors(JsonNode c) {
    if (!c.isObject()) {
      return Optional.empty();
    }
    List<String> origins = new ArrayList<>();
    for (JsonNode o : c.path("allowOrigins")) {
      if (o.path("exact").isTextual()) {
        origins.add(o.path("exact").asText());
      } else if (o.path("regex").isTextual()) {
        String regex = o.path("regex").asText();
        String origin = regex.equals(".*") ? "*" : VirtualServices.originOf(regex);
        if (origin == null) {
          return Optional.empty();
        }
        origins.add(origin);
      } else {
        return Optional.empty();
      }
    }
    for (JsonNode o : c.path("allowOrigin")) {
      origins.add(o.asText());
    }
    if (origins.isEmpty()) {
      return Optional.empty();
    }
    Cors cors =
        Cors.allowOrigins(origins.toArray(String[]::new))
            .allowMethods(strings(c.path("allowMethods")))
            .allowHeaders(strings(c.path("allowHeaders")))
            .exposeHeaders(strings(c.path("exposeHeaders")))
            .allowCredentials(c.path("allowCredentials").asBoolean(false));
    Optional<Duration> maxAge = DestinationRuleReader.duration(c.get("maxAge"));
    if (maxAge.isPresent()) {
      cors = cors.maxAge(maxAge.get());
    }
    return Optional.of(cors);
  }

  private static String[] strings(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(v -> out.add(v.asText()));
    return out.toArray(String[]::new);
  }
}
