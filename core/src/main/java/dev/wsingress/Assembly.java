package dev.wsingress;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Groups served routes into apps and carries their settings into specs, by the rules {@link Import}
 * documents. One instance per conversion.
 */
final class Assembly {
  static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  /** One app: the spec, its targets, the objects and served routes it came from, its findings. */
  record Result(
      WebSocketApp app,
      List<Target> targets,
      List<Manifest> sources,
      List<ServedRoute> routes,
      List<YamlReader.Noted> notes) {}

  private final List<ServedRoute> routes;
  private final List<ServedApp> facts;
  private final List<YamlReader.Noted> notes = new ArrayList<>();
  private final List<YamlReader.Noted> shared = new ArrayList<>();
  private final Map<ServedApp, Boolean> joined = new IdentityHashMap<>();
  private final Map<ServedRoute, Integer> order = new IdentityHashMap<>();
  private final Map<String, Boolean> taken = new HashMap<>();

  Assembly(List<ServedRoute> routes, List<ServedApp> facts) {
    this.routes = routes;
    this.facts = facts;
    for (int i = 0; i < routes.size(); i++) {
      order.put(routes.get(i), i);
    }
  }

  /** Every finding the assembly made, in the order it made them. */
  List<YamlReader.Noted> notes() {
    return notes;
  }

  /**
   * The findings about routes and objects rather than one app (dropped routes, splits, a host's
   * TLS): each app lists those about the objects it was read from.
   */
  List<YamlReader.Noted> shared() {
    return shared;
  }

  /** Assembles the apps, in the order their first route was read. */
  List<Result> run() {
    Map<GroupKey, List<Candidate>> groups = new LinkedHashMap<>();
    for (ServedRoute r : routes) {
      Candidate c = candidate(r);
      if (c != null) {
        groups.computeIfAbsent(groupKey(r), k -> new ArrayList<>()).add(c);
      }
    }
    List<Draft> drafts = new ArrayList<>();
    for (List<Candidate> group : groups.values()) {
      split(group, drafts);
    }
    List<Result> out = new ArrayList<>();
    for (Draft d : drafts) {
      Result r = d.identify() ? d.assemble() : null;
      if (r != null) {
        out.add(r);
      }
    }
    for (ServedApp f : facts) {
      if (!joined.containsKey(f)) {
        unmatched(f);
      }
    }
    return out;
  }

  // ---- findings ----

  private YamlReader.Noted note(
      List<YamlReader.Noted> app, ImportCheck kind, Manifest about, Source at, String message) {
    YamlReader.Noted n = new YamlReader.Noted(kind.at(about.subject(), message, at), about);
    notes.add(n);
    (app != null ? app : shared).add(n);
    return n;
  }

  private static String label(ServedRoute r) {
    return (r.host().isEmpty() ? "*" : r.host()) + r.path();
  }

  private static String describe(Setting<?> s) {
    return s == null ? "none" : s.describe();
  }

  private static String show(Object value) {
    if (value instanceof Duration d
        && d.getNano() == 0
        && d.getSeconds() >= 2 * 86400
        && d.getSeconds() % 86400 == 0) {
      return d.getSeconds() / 86400 + " days";
    }
    return value == null ? "none" : Setting.show(value);
  }

  // ---- candidates ----

  /** A served route the spec can hold, with the one backend and the match it becomes. */
  private static final class Candidate {
    final ServedRoute route;
    final ServedBackend backend;
    final Route.Match match;
    final RouteBackend target;

    Candidate(ServedRoute route, ServedBackend backend, Route.Match match) {
      this.route = route;
      this.backend = backend;
      this.match = match;
      this.target =
          RouteBackend.of(
              backend.service(),
              backend.port().isPresent() ? backend.port().getAsInt() : null,
              backend.portName().orElse(null));
    }

    String host() {
      return route.host();
    }

    String path() {
      return route.path();
    }

    String key() {
      return match + " " + route.path();
    }

    /** The route as the spec sees it on one host: everything but the host, its TLS and sources. */
    List<Object> signature() {
      ServedRoute r = route;
      return Arrays.asList(
          key(),
          r.isWebSocket(),
          target,
          value(r.rewrite()),
          value(r.idleTimeout()),
          value(r.readTimeout()),
          value(r.sendTimeout()),
          value(r.connectTimeout()),
          value(r.requestTimeout()),
          value(r.upgrade()),
          value(r.affinity()),
          value(r.rateLimit()),
          value(r.maxConnectionsPerClient()),
          value(r.responseBuffering()),
          value(r.requestBuffering()),
          value(r.cors()),
          value(r.backendProtocol()),
          value(r.backendCaSecret()),
          value(r.healthCheck()));
    }

    /** How messages name the route within its app. */
    String name() {
      return route.path() + (match == Route.Match.EXACT ? " (exact)" : "");
    }
  }

  private static Object value(Optional<? extends Setting<?>> s) {
    return s.isPresent() ? s.get().value() : null;
  }

  private Candidate candidate(ServedRoute r) {
    String why = null;
    if (r.hostMatch() == ServedRoute.HostMatch.ANY) {
      why = "serves every host (its rule names none), and the spec's apps name their hosts";
    } else if (r.pathMatch() == ServedRoute.PathMatch.REGEX
        || r.pathMatch() == ServedRoute.PathMatch.REGEX_PREFIX) {
      why =
          "matches the path with the regular expression "
              + Texts.quote(r.path())
              + ", and the spec matches path prefixes and exact paths";
    } else if (r.backends().isEmpty()) {
      why = "sends to no Service";
    } else if (!Manifests.sameNamespace(r.backends().get(0).namespace(), namespace(r))) {
      why =
          "sends to "
              + r.backends().get(0).describe()
              + " in another namespace, and the spec's routes send to Services in the app's"
              + " namespace";
    }
    if (why != null) {
      note(
          null,
          ImportCheck.ROUTE_DROPPED,
          r.object(),
          r.source(),
          "the route " + label(r) + " " + why + "; it is not converted.");
      return null;
    }
    ServedBackend first = r.backends().get(0);
    if (r.backends().size() > 1) {
      StringBuilder all = new StringBuilder();
      for (int i = 0; i < r.backends().size(); i++) {
        all.append(i == 0 ? "" : ", ").append(r.backends().get(i).describe());
      }
      note(
          null,
          ImportCheck.NOT_CARRIED,
          r.object(),
          r.source(),
          "the route "
              + label(r)
              + " splits its traffic between "
              + r.backends().size()
              + " backends ("
              + all
              + "); the spec sends a route to one Service, so only the first is carried.");
    }
    Route.Match match =
        r.pathMatch() == ServedRoute.PathMatch.EXACT ? Route.Match.EXACT : Route.Match.PREFIX;
    return new Candidate(r, first, match);
  }

  private static String namespace(ServedRoute r) {
    return r.object().namespace();
  }

  static boolean managed(Manifest m) {
    return m.label(MANAGED_BY).map("wsingress"::equals).orElse(false);
  }

  /** Routes of one controller configuration and namespace, and of one wsingress app. */
  private record GroupKey(Target target, String namespace, String app) {}

  private static GroupKey groupKey(ServedRoute r) {
    String app = managed(r.object()) ? r.appName().orElse(r.object().name()) : "";
    return new GroupKey(r.target(), namespace(r), app);
  }

  /** TLS as one host is served: its Secret and whether HTTP is redirected. */
  private record TlsKey(String secret, boolean redirect) {}

  private void split(List<Candidate> group, List<Draft> drafts) {
    Map<String, Map<String, Candidate>> byHost = new LinkedHashMap<>();
    for (Candidate c : group) {
      Map<String, Candidate> paths = byHost.computeIfAbsent(c.host(), h -> new LinkedHashMap<>());
      Candidate first = paths.get(c.key());
      if (first != null) {
        note(
            null,
            ImportCheck.ROUTE_DROPPED,
            c.route.object(),
            c.route.source(),
            "the route "
                + label(c.route)
                + " repeats the route of "
                + first.route.object().subject()
                + " ("
                + first.route.source()
                + ") for the same host, path and match; the controller serves one of them, and"
                + " the first read is converted.");
        continue;
      }
      paths.put(c.key(), c);
      ServedRoute r = c.route;
      if (r.pathMatch() == ServedRoute.PathMatch.CHARACTER_PREFIX && !r.path().endsWith("/")) {
        note(
            null,
            ImportCheck.APPROXIMATED,
            r.object(),
            r.source(),
            "the route "
                + label(r)
                + " matches every path starting with these characters ("
                + r.path()
                + "x too); the spec's prefix matches whole segments ("
                + r.path()
                + " and "
                + r.path()
                + "/…), which is carried.");
      }
    }
    Map<List<List<Object>>, List<String>> bySignature = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, Candidate>> e : byHost.entrySet()) {
      List<Candidate> cs = new ArrayList<>(e.getValue().values());
      cs.sort(Comparator.comparing(Candidate::key));
      List<List<Object>> signature = new ArrayList<>(cs.size());
      for (Candidate c : cs) {
        signature.add(c.signature());
      }
      bySignature.computeIfAbsent(signature, s -> new ArrayList<>()).add(e.getKey());
    }
    for (List<String> hosts : bySignature.values()) {
      Map<String, Setting<Tls>> tlsOf = new HashMap<>();
      Map<TlsKey, List<String>> byTls = new LinkedHashMap<>();
      for (String host : hosts) {
        Setting<Tls> tls = hostTls(host, new ArrayList<>(byHost.get(host).values()));
        if (tls != null) {
          tlsOf.put(host, tls);
          byTls
              .computeIfAbsent(
                  new TlsKey(tls.value().secretName(), tls.value().redirect()),
                  k -> new ArrayList<>())
              .add(host);
        }
      }
      if (byTls.isEmpty()) {
        drafts.add(new Draft(hosts, byHost, tlsOf));
        continue;
      }
      boolean first = true;
      for (List<String> withTls : byTls.values()) {
        List<String> these = new ArrayList<>();
        for (String host : hosts) {
          if (withTls.contains(host) || (first && !tlsOf.containsKey(host))) {
            these.add(host);
          }
        }
        first = false;
        drafts.add(new Draft(these, byHost, tlsOf));
      }
    }
  }

  /** The TLS a host is served with (its first route's), reporting routes that say otherwise. */
  private Setting<Tls> hostTls(String host, List<Candidate> cs) {
    Candidate chosen = null;
    for (Candidate c : cs) {
      if (c.route.tls().isPresent()) {
        chosen = c;
        break;
      }
    }
    if (chosen == null) {
      return null;
    }
    Setting<Tls> tls = chosen.route.tls().get();
    TlsKey key = new TlsKey(tls.value().secretName(), tls.value().redirect());
    for (Candidate c : cs) {
      Setting<Tls> other = c.route.tls().orElse(null);
      TlsKey k =
          other == null ? null : new TlsKey(other.value().secretName(), other.value().redirect());
      if (!key.equals(k)) {
        note(
            null,
            ImportCheck.CONFLICT,
            c.route.object(),
            other == null ? c.route.source() : other.source().orElse(c.route.source()),
            "the route "
                + label(c.route)
                + " has "
                + (other == null ? "no TLS" : tlsText(other.value()))
                + " while "
                + chosen.name()
                + " on the same host has "
                + tlsText(tls.value())
                + " ("
                + tls.source().map(Source::toString).orElse("controller-wide")
                + "); the spec holds TLS per host, so "
                + tlsText(tls.value())
                + " is carried for it.");
      }
    }
    return tls;
  }

  private static String tlsText(Tls t) {
    return "TLS with Secret "
        + Texts.quote(t.secretName())
        + (t.redirect() ? "" : " (no redirect from HTTP)");
  }

  private void unmatched(ServedApp f) {
    List<String> has = new ArrayList<>();
    f.workload().ifPresent(x -> has.add("the workload"));
    f.labels().ifPresent(x -> has.add("the pod labels"));
    f.healthCheck().ifPresent(x -> has.add("the health check"));
    f.tlsIssuer().ifPresent(x -> has.add("the certificate's issuer"));
    f.backendProtocol().ifPresent(x -> has.add("the backend protocol"));
    f.backendCaSecret().ifPresent(x -> has.add("the backend CA"));
    f.affinity().ifPresent(x -> has.add("the sticky sessions"));
    List<String> keys = new ArrayList<>();
    f.ownService().ifPresent(s -> keys.add("the own Service " + s));
    f.appName().ifPresent(s -> keys.add("the name " + s));
    f.tlsSecret().ifPresent(s -> keys.add("the TLS Secret " + Texts.quote(s)));
    note(
        null,
        ImportCheck.UNMATCHED,
        f.object(),
        f.source(),
        "what the "
            + f.target().displayName()
            + " reader read here"
            + (has.isEmpty() ? "" : " (" + String.join(", ", has) + ")")
            + " joins no converted app: none has "
            + String.join(" or ", keys)
            + ".");
  }

  // ---- one app ----

  /** A part of the spec being built, with what it is and where it was read, to drop it by name. */
  private record Part<T>(T value, String what, Manifest about, Source at) {}

  private final class Draft {
    final List<String> hosts;
    final List<Candidate> reps = new ArrayList<>();
    final List<Candidate> all = new ArrayList<>();
    final Map<String, Setting<Tls>> tlsOf;
    final List<YamlReader.Noted> appNotes = new ArrayList<>();
    Candidate primary;
    String namespace;
    String name;
    Map<String, String> identityLabels;

    Draft(
        List<String> hosts,
        Map<String, Map<String, Candidate>> byHost,
        Map<String, Setting<Tls>> tlsOf) {
      this.hosts = List.copyOf(hosts);
      this.tlsOf = tlsOf;
      reps.addAll(byHost.get(hosts.get(0)).values());
      for (String h : hosts) {
        all.addAll(byHost.get(h).values());
      }
      all.sort(Comparator.comparing(c -> order.get(c.route)));
    }

    private Manifest about() {
      return primary.route.object();
    }

    /** Finds the primary route, name and namespace; false when the hosts make no app. */
    boolean identify() {
      for (Candidate c : reps) {
        if (c.route.isWebSocket()) {
          primary = c;
          break;
        }
      }
      if (primary == null) {
        List<String> paths = new ArrayList<>();
        for (Candidate c : reps) {
          paths.add(c.name());
        }
        Candidate first = reps.get(0);
        note(
            null,
            ImportCheck.NO_WEBSOCKET_ROUTE,
            first.route.object(),
            first.route.source(),
            "the routes of "
                + String.join(", ", hosts)
                + " ("
                + String.join(", ", paths)
                + ") carry no WebSocket traffic by the doctor's rule; no app is made of them.");
        return false;
      }
      Manifest object = about();
      namespace = object.namespace();
      if (namespace.isEmpty()) {
        namespace = "default";
        note(
            appNotes,
            ImportCheck.NAME,
            object,
            object.source(),
            object.subject()
                + " has no namespace; the app is placed in \"default\", the spec's default"
                + " (where kubectl applies it without -n).");
      }
      String raw = primary.route.appName().orElse(object.name());
      name = validName(raw);
      if (!name.equals(raw)) {
        note(
            appNotes,
            ImportCheck.NAME,
            object,
            object.source(),
            "the app's name "
                + Texts.quote(raw)
                + " is not a DNS label of at most "
                + WebSocketApp.MAX_NAME_LENGTH
                + " characters, so "
                + Texts.quote(name)
                + " is used.");
      }
      return true;
    }

    /** A name unique in the namespace among the apps converted so far, reported when changed. */
    String unique(String name) {
      String chosen = name;
      for (int n = 2; taken.containsKey(namespace + "/" + chosen); n++) {
        String suffix = "-" + n;
        String base = name;
        if (base.length() + suffix.length() > WebSocketApp.MAX_NAME_LENGTH) {
          base = trimDashes(base.substring(0, WebSocketApp.MAX_NAME_LENGTH - suffix.length()));
        }
        chosen = base + suffix;
      }
      if (!chosen.equals(name)) {
        note(
            appNotes,
            ImportCheck.NAME,
            about(),
            primary.route.source(),
            "another app converted from this input is named "
                + Texts.quote(namespace + "/" + name)
                + ", so this one is named "
                + Texts.quote(chosen)
                + ".");
      }
      return chosen;
    }

    Result assemble() {
      List<Candidate> ws = new ArrayList<>();
      List<Candidate> http = new ArrayList<>();
      for (Candidate c : reps) {
        (c.route.isWebSocket() ? ws : http).add(c);
      }
      identityLabels = managed(about()) ? objectLabels(about()) : null;
      RouteBackend own = ownBackend(ws, http);
      Setting<Tls> tls = null;
      List<String> tlsHosts = new ArrayList<>();
      for (String h : hosts) {
        Setting<Tls> t = tlsOf.get(h);
        if (t != null) {
          tls = tls == null ? t : tls;
          tlsHosts.add(h);
        }
      }
      List<ServedApp> mine = new ArrayList<>();
      for (ServedApp f : facts) {
        if (joins(f, own, tls)) {
          mine.add(f);
          joined.put(f, Boolean.TRUE);
        }
      }

      Parts p = new Parts();
      for (String h : hosts) {
        p.hosts.add(new Part<>(h, "the host " + Texts.quote(h), about(), primary.route.source()));
      }
      p.namespace = namespace;
      p.name = name;
      labels(p, mine, own);
      p.own = own;

      // WebSocket settings, from the WebSocket routes.
      Setting<Duration> idle = ws("the idle timeout", ws, ServedRoute::idleTimeout, true);
      Setting<Duration> read = ws("the read timeout", ws, ServedRoute::readTimeout, true);
      Setting<Duration> send = ws("the send timeout", ws, ServedRoute::sendTimeout, true);
      timeouts(p, idle, read, send);
      Setting<Affinity> affinity = ws("sticky sessions", ws, ServedRoute::affinity, false);
      Setting<RateLimit> rate = ws("the rate limit", ws, ServedRoute::rateLimit, false);
      Setting<Integer> maxConn =
          ws("the connections per client", ws, ServedRoute::maxConnectionsPerClient, false);
      Setting<Boolean> respBuf = ws("response buffering", ws, ServedRoute::responseBuffering, true);
      Setting<Boolean> reqBuf = ws("request buffering", ws, ServedRoute::requestBuffering, true);
      defaulted("response buffering", respBuf, Boolean.FALSE);
      defaulted("request buffering", reqBuf, Boolean.FALSE);
      if (respBuf != null) {
        p.respBuf = part(respBuf, "response buffering");
      }
      if (reqBuf != null) {
        p.reqBuf = part(reqBuf, "request buffering");
      }
      p.rate = rate == null ? null : part(rate, "the rate limit");
      p.maxConn = maxConn == null ? null : part(maxConn, "the connections per client");

      // App-wide settings, from every route.
      Setting<Duration> connect =
          appWide("the connect timeout", ws, http, ServedRoute::connectTimeout, false);
      if (connect != null) {
        p.connect =
            new Part<>(
                normalized(connect, "the connect timeout", WebSocketApp.MAX_CONNECT_TIMEOUT),
                "the connect timeout",
                settingObject(connect),
                at(connect));
      }
      Setting<Cors> cors = appWide("CORS", ws, http, ServedRoute::cors, false);
      p.cors = cors == null ? null : part(cors, "CORS");
      Setting<BackendProtocol> proto =
          appWide("the backend protocol", ws, http, ServedRoute::backendProtocol, true);
      Setting<String> ca = appWide("the backend CA", ws, http, ServedRoute::backendCaSecret, false);
      Setting<HealthCheck> health =
          appWide("the health check", ws, http, ServedRoute::healthCheck, false);

      // App facts fill what the routes leave unset.
      proto = fill("the backend protocol", proto, mine, ServedApp::backendProtocol);
      defaulted("the backend protocol", proto, BackendProtocol.HTTP);
      ca = fill("the backend CA", ca, mine, ServedApp::backendCaSecret);
      health = fill("the health check", health, mine, ServedApp::healthCheck);
      affinity = fill("sticky sessions", affinity, mine, ServedApp::affinity);
      Setting<Workload> workload = fill("the workload", null, mine, ServedApp::workload);
      Setting<AcmeIssuer> issuer =
          fill("the certificate's issuer", null, mine, ServedApp::tlsIssuer);
      p.proto = proto == null ? null : part(proto, "the backend protocol");
      p.ca = ca == null ? null : part(ca, "the backend CA");
      p.health = health == null ? null : part(health, "the health check");
      p.workload = workload == null ? null : part(workload, "the workload");
      if (affinity != null) {
        Affinity a = affinity.value();
        if (a instanceof CookieAffinity c && c.maxAge().isPresent()) {
          Duration age =
              normalized(
                  Setting.of(c.maxAge().get(), at(affinity)),
                  "the sticky cookie's max age",
                  SpecValidator.MAX_COOKIE_AGE);
          a = c.maxAge(age);
        }
        p.affinity = new Part<>(a, "sticky sessions", settingObject(affinity), at(affinity));
      }
      if (tls != null) {
        Tls t = Tls.secret(tls.value().secretName()).redirect(tls.value().redirect());
        // The reader's TLS hosts, when they are these hosts, keep the order the input lists them.
        List<String> listed = tls.value().hosts();
        if (!listed.isEmpty()
            && listed.size() == tlsHosts.size()
            && new HashSet<>(listed).equals(new HashSet<>(tlsHosts))) {
          tlsHosts = listed;
        }
        if (!tlsHosts.equals(hosts)) {
          t = t.hosts(tlsHosts.toArray(new String[0]));
        }
        p.tls = new Part<>(t, "TLS", settingObject(tls), at(tls));
        if (issuer != null) {
          p.issuer = part(issuer, "the certificate's issuer");
        }
      }

      // Plain routes keep only what the spec holds for them.
      for (Candidate c : http) {
        wsOnly(c, "the idle timeout", c.route.idleTimeout());
        wsOnly(c, "the read timeout", c.route.readTimeout());
        wsOnly(c, "the send timeout", c.route.sendTimeout());
        wsOnly(c, "sticky sessions", c.route.affinity());
        wsOnly(c, "the rate limit", c.route.rateLimit());
        wsOnly(c, "the connections per client", c.route.maxConnectionsPerClient());
      }
      for (Candidate c : reps) {
        p.routes.add(route(c, own));
      }
      return build(p, mine);
    }

    private RouteBackend ownBackend(List<Candidate> ws, List<Candidate> http) {
      Set<String> named = new HashSet<>();
      for (ServedApp f : facts) {
        if (f.ownServiceName().isPresent()
            && Manifests.sameNamespace(f.ownServiceNamespace().get(), namespace)) {
          named.add(f.ownServiceName().get());
        }
      }
      List<Candidate> byPrecedence = new ArrayList<>(ws);
      byPrecedence.addAll(http);
      for (ServedApp f : facts) {
        if (f.ownServiceName().isPresent() && isThisApp(f)) {
          String svc = f.ownServiceName().get();
          for (Candidate c : byPrecedence) {
            if (c.backend.service().equals(svc)) {
              return c.target;
            }
          }
          if (f.ownServicePort().isPresent() || f.ownServicePortName().isPresent()) {
            return RouteBackend.of(
                svc,
                f.ownServicePort().isPresent() ? f.ownServicePort().getAsInt() : null,
                f.ownServicePortName().orElse(null));
          }
        }
      }
      for (Candidate c : byPrecedence) {
        if (named.contains(c.backend.service())) {
          return c.target;
        }
      }
      return primary.target;
    }

    private boolean joins(ServedApp f, RouteBackend own, Setting<Tls> tls) {
      if (f.ownServiceName().isPresent()
          && f.ownServiceName().get().equals(own.serviceName())
          && Manifests.sameNamespace(f.ownServiceNamespace().get(), namespace)) {
        return true;
      }
      if (isThisApp(f)) {
        return true;
      }
      return tls != null && f.tlsSecret().map(tls.value().secretName()::equals).orElse(false);
    }

    /**
     * Whether the facts name this app: by its name in its namespace, or — for an app wsingress
     * rendered — by the labels that select its pods.
     */
    private boolean isThisApp(ServedApp f) {
      if (name.equals(f.appNameRaw()) && Manifests.sameNamespace(f.appNamespaceRaw(), namespace)) {
        return true;
      }
      return identityLabels != null
          && !identityLabels.isEmpty()
          && f.labels().map(identityLabels::equals).orElse(false)
          && f.object().namespace().equals(namespace);
    }

    private void labels(Parts p, List<ServedApp> mine, RouteBackend own) {
      Map<String, String> labels = identityLabels;
      Manifest object = about();
      if (labels == null) {
        for (ServedApp f : mine) {
          if (f.labels().isPresent()) {
            labels = f.labels().get();
            object = f.object();
            break;
          }
        }
      }
      if (labels == null) {
        for (Candidate c : all) {
          if (c.target.equals(own) && c.backend.serviceObject().isPresent()) {
            Manifest svc = c.backend.serviceObject().get();
            JsonNode selector = svc.tree().path("spec").path("selector");
            if (selector.isObject() && !selector.isEmpty()) {
              labels = new LinkedHashMap<>();
              Iterator<Map.Entry<String, JsonNode>> it = selector.properties().iterator();
              while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                labels.put(e.getKey(), e.getValue().asText());
              }
              object = svc;
            }
            break;
          }
        }
      }
      if (labels != null) {
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(labels).entrySet()) {
          p.labels.put(
              e.getKey(),
              new Part<>(
                  e.getValue(),
                  "the label " + e.getKey() + "=" + Texts.quote(e.getValue()),
                  object,
                  object.source("/metadata/labels")));
        }
      }
    }

    private Manifest settingObject(Setting<?> s) {
      return about();
    }

    private Source at(Setting<?> s) {
      return s.source().orElse(primary.route.source());
    }

    private <T> Part<T> part(Setting<T> s, String what) {
      return new Part<>(s.value(), what, settingObject(s), at(s));
    }

    /** A WebSocket setting: the primary route's, with a conflict when another route differs. */
    private <T> Setting<T> ws(
        String what,
        List<Candidate> ws,
        Function<ServedRoute, Optional<Setting<T>>> get,
        boolean defaults) {
      Setting<T> chosen = pick(primary.route, get, defaults);
      Map<Object, Candidate> firstWith = new LinkedHashMap<>();
      Map<Object, Setting<T>> settings = new HashMap<>();
      for (Candidate c : ws) {
        Setting<T> s = pick(c.route, get, defaults);
        Object v = s == null ? Optional.empty() : s.value();
        if (!firstWith.containsKey(v)) {
          firstWith.put(v, c);
          settings.put(v, s);
        }
      }
      if (firstWith.size() > 1) {
        StringBuilder each = new StringBuilder();
        Candidate other = null;
        Setting<T> otherSetting = null;
        for (Map.Entry<Object, Candidate> e : firstWith.entrySet()) {
          Setting<T> s = settings.get(e.getKey());
          each.append(each.length() == 0 ? "" : ", ")
              .append(e.getValue().name())
              .append(' ')
              .append(describe(s));
          if (other == null && e.getValue() != primary) {
            other = e.getValue();
            otherSetting = s;
          }
        }
        note(
            appNotes,
            ImportCheck.CONFLICT,
            other.route.object(),
            otherSetting != null && otherSetting.source().isPresent()
                ? otherSetting.source().get()
                : other.route.source(),
            "the WebSocket routes disagree on "
                + what
                + ": "
                + each
                + "; the spec holds one for the app's WebSocket routes, so "
                + show(chosen == null ? null : chosen.value())
                + " (the value of "
                + primary.name()
                + ", the app's first WebSocket route) is carried for all of them.");
      }
      return chosen;
    }

    private <T> Setting<T> pick(
        ServedRoute r, Function<ServedRoute, Optional<Setting<T>>> get, boolean defaults) {
      Setting<T> s = get.apply(r).orElse(null);
      return s != null && !defaults && s.origin() == Setting.Origin.DEFAULT ? null : s;
    }

    /** An app-wide setting: the WebSocket routes', then compared with each plain route's. */
    private <T> Setting<T> appWide(
        String what,
        List<Candidate> ws,
        List<Candidate> http,
        Function<ServedRoute, Optional<Setting<T>>> get,
        boolean defaults) {
      Setting<T> chosen = ws(what, ws, get, defaults);
      Object v = chosen == null ? null : chosen.value();
      for (Candidate c : http) {
        Setting<T> s = get.apply(c.route).orElse(null);
        if (s == null || (!defaults && s.origin() == Setting.Origin.DEFAULT)) {
          continue;
        }
        if (!Objects.equals(s.value(), v)) {
          note(
              appNotes,
              ImportCheck.CONFLICT,
              c.route.object(),
              s.source().orElse(c.route.source()),
              "the plain HTTP route "
                  + c.name()
                  + " has "
                  + what
                  + " "
                  + s.describe()
                  + "; the spec holds one for the app, so "
                  + show(v)
                  + " (the value of "
                  + primary.name()
                  + ") is carried for it too.");
        }
      }
      return chosen;
    }

    /** The routes' value unless it is unset or a default; else the first app fact's. */
    private <T> Setting<T> fill(
        String what,
        Setting<T> routes,
        List<ServedApp> mine,
        Function<ServedApp, Optional<Setting<T>>> get) {
      Setting<T> fact = null;
      ServedApp from = null;
      for (ServedApp f : mine) {
        Setting<T> s = get.apply(f).orElse(null);
        if (s == null) {
          continue;
        }
        if (fact == null) {
          fact = s;
          from = f;
        } else if (!fact.value().equals(s.value())) {
          note(
              appNotes,
              ImportCheck.CONFLICT,
              f.object(),
              s.source().orElse(f.source()),
              f.object().subject()
                  + " has "
                  + what
                  + " "
                  + s.describe()
                  + " and "
                  + from.object().subject()
                  + " has "
                  + fact.describe()
                  + "; the spec holds one, so the first is carried.");
        }
      }
      if (fact == null) {
        return routes;
      }
      if (routes == null || routes.origin() == Setting.Origin.DEFAULT) {
        return fact;
      }
      if (routes.value().equals(fact.value())) {
        return routes;
      }
      Object refined = refine(routes.value(), fact.value());
      if (refined != null) {
        @SuppressWarnings("unchecked")
        T value = (T) refined;
        return routes.source().isPresent()
            ? Setting.of(value, routes.source().get())
            : Setting.controllerWide(value, at(routes));
      }
      note(
          appNotes,
          ImportCheck.CONFLICT,
          from.object(),
          fact.source().orElse(from.source()),
          from.object().subject()
              + " has "
              + what
              + " "
              + fact.describe()
              + " and the routes have "
              + routes.describe()
              + "; the spec holds one, so the routes' value is carried.");
      return routes;
    }

    /** The route's timeouts as the spec's idle, read and send timeouts. */
    private void timeouts(
        Parts p, Setting<Duration> idle, Setting<Duration> read, Setting<Duration> send) {
      Duration max = WebSocketApp.MAX_IDLE_TIMEOUT;
      Setting<Duration> base = idle != null ? idle : read != null ? read : send;
      if (base == null) {
        return;
      }
      String baseWhat =
          base == idle
              ? "the idle timeout"
              : base == read ? "the read timeout" : "the send timeout";
      Duration value = normalized(base, baseWhat, max);
      defaulted(baseWhat, base, value, WebSocketApp.DEFAULT_IDLE_TIMEOUT);
      p.idle = new Part<>(value, baseWhat, settingObject(base), at(base));
      if (read != null && read != base) {
        Duration r = normalized(read, "the read timeout", max);
        if (!r.equals(value)) {
          defaulted("the read timeout", read, r, value);
          p.read = new Part<>(r, "the read timeout", settingObject(read), at(read));
        }
      }
      if (send != null && send != base) {
        Duration s = normalized(send, "the send timeout", max);
        if (!s.equals(value)) {
          defaulted("the send timeout", send, s, value);
          p.send = new Part<>(s, "the send timeout", settingObject(send), at(send));
        }
      }
    }

    private <T> void defaulted(String what, Setting<T> s, T specDefault) {
      if (s != null) {
        defaulted(what, s, s.value(), specDefault);
      }
    }

    private void defaulted(String what, Setting<?> s, Object carried, Object specDefault) {
      if (s.origin() == Setting.Origin.DEFAULT && !carried.equals(specDefault)) {
        note(
            appNotes,
            ImportCheck.DEFAULT_CARRIED,
            about(),
            primary.route.source(),
            "the WebSocket routes leave "
                + what
                + " at the controller's default, "
                + s.describe()
                + "; the converted spec sets "
                + show(carried)
                + " explicitly, so every target keeps it.");
      }
    }

    /** A duration the spec can hold: whole seconds from 1 s to {@code max}. */
    private Duration normalized(Setting<Duration> s, String what, Duration max) {
      Duration d = s.value();
      Duration carried = d;
      String why = null;
      if (d.isZero() || d.isNegative()) {
        carried = max;
        why = "the spec has no \"no timeout\", so its longest, " + show(max) + ", is carried";
      } else if (d.compareTo(max) > 0) {
        carried = max;
        why = "the spec's longest is " + show(max) + ", which is carried";
      } else if (d.getNano() != 0) {
        carried = Duration.ofSeconds(d.getSeconds() + 1);
        why = "the spec holds whole seconds, so " + show(carried) + " is carried";
      }
      if (why != null) {
        note(
            appNotes,
            ImportCheck.APPROXIMATED,
            about(),
            at(s),
            what + " is " + s.describe() + "; " + why + ".");
      }
      return carried;
    }

    private void wsOnly(Candidate c, String what, Optional<? extends Setting<?>> setting) {
      Setting<?> s = setting.orElse(null);
      if (s == null || s.origin() != Setting.Origin.ROUTE) {
        return;
      }
      note(
          appNotes,
          ImportCheck.NOT_CARRIED,
          c.route.object(),
          at(s),
          "the plain HTTP route "
              + c.name()
              + " sets "
              + what
              + " "
              + s.describe()
              + "; the spec applies it to WebSocket routes only, so the plain route does"
              + " without it.");
    }

    private Part<Route> route(Candidate c, RouteBackend own) {
      ServedRoute r = c.route;
      Route route = r.isWebSocket() ? Route.websocket(c.path()) : Route.http(c.path());
      if (c.match == Route.Match.EXACT) {
        route = route.exact();
      }
      if (!c.target.equals(own)) {
        route =
            c.target.port().isPresent()
                ? route.to(c.target.serviceName(), c.target.port().getAsInt())
                : route.to(c.target.serviceName(), c.target.portName().orElseThrow());
      }
      if (r.rewrite().isPresent() && !r.rewrite().get().value().equals(c.path())) {
        route = route.rewriteTo(r.rewrite().get().value());
      }
      if (r.isWebSocket()) {
        Setting<Duration> deadline = r.requestTimeout().orElse(null);
        if (deadline != null && deadline.origin() == Setting.Origin.ROUTE) {
          if (deadline.value().isZero()) {
            // Zero is no deadline: "Setting a timeout to the zero duration (e.g. "0s") SHOULD
            // disable the timeout completely" (kubernetes-sigs/gateway-api v1.6.1
            // apis/v1/httproute_types.go HTTPRouteTimeouts.Request, GEP-1742), as
            // ServedRoute#requestTimeout and the assertions read it; nothing is cut, but the
            // converted route no longer says so.
            note(
                appNotes,
                ImportCheck.APPROXIMATED,
                r.object(),
                at(deadline),
                "the WebSocket route "
                    + c.name()
                    + " disables the request timeout ("
                    + deadline.describe()
                    + "); the spec's WebSocket routes set none, so the converted route leaves it"
                    + " to the controller's default.");
          } else {
            // Whether a request deadline covers an upgraded socket is the controller's: the
            // Gateway API leaves it to implementations, and Envoy applies its route timeout to a
            // WebSocket only until the upgrade response (see the readers' own findings).
            note(
                appNotes,
                ImportCheck.NOT_CARRIED,
                r.object(),
                at(deadline),
                "the WebSocket route "
                    + c.name()
                    + " has the request deadline "
                    + deadline.describe()
                    + ", which some controllers apply to the open socket; the spec's WebSocket"
                    + " routes have none, so it is not carried.");
          }
        }
        Setting<Boolean> upgrade = r.upgrade().orElse(null);
        if (upgrade != null && !upgrade.value()) {
          note(
              appNotes,
              ImportCheck.APPROXIMATED,
              r.object(),
              at(upgrade),
              "the controller does not forward the WebSocket upgrade on "
                  + c.name()
                  + " ("
                  + upgrade.describe()
                  + "), though the route carries WebSocket traffic ("
                  + r.webSocketReason().orElse("")
                  + "); the converted WebSocket route forwards it.");
        }
      } else {
        Setting<Duration> deadline = explicit(r.requestTimeout());
        if (deadline != null) {
          route =
              route.requestTimeout(
                  normalized(
                      deadline,
                      "the request timeout of " + c.name(),
                      SpecValidator.MAX_REQUEST_TIMEOUT));
        }
        Setting<Boolean> response = explicit(r.responseBuffering());
        Setting<Boolean> request = explicit(r.requestBuffering());
        Setting<Boolean> buffering = response != null ? response : request;
        if (response != null && request != null && !response.value().equals(request.value())) {
          note(
              appNotes,
              ImportCheck.CONFLICT,
              r.object(),
              at(request),
              "the plain HTTP route "
                  + c.name()
                  + " has response buffering "
                  + response.describe()
                  + " and request buffering "
                  + request.describe()
                  + "; the spec holds one buffering setting per plain route, so "
                  + show(response.value())
                  + " (response buffering) is carried.");
        }
        if (buffering != null) {
          route = route.buffering(buffering.value());
        }
      }
      return new Part<>(route, "the route " + c.name(), r.object(), r.source());
    }

    private <T> Setting<T> explicit(Optional<Setting<T>> s) {
      return s.isPresent() && s.get().origin() == Setting.Origin.ROUTE ? s.get() : null;
    }

    private Result build(Parts p, List<ServedApp> mine) {
      for (int attempt = 0; attempt < 50; attempt++) {
        WebSocketApp.Builder b = p.builder();
        if (b == null) {
          fatal("it has no host the spec accepts");
          return null;
        }
        List<Problem> problems;
        try {
          WebSocketApp app = b.build();
          String unique = unique(app.name());
          if (!unique.equals(app.name())) {
            p.name = unique;
            app = p.builder().build();
          }
          taken.put(namespace + "/" + app.name(), Boolean.TRUE);
          return result(app, mine);
        } catch (InvalidSpecException e) {
          problems = e.problems();
        }
        for (Problem problem : problems) {
          if (!p.drop(problem)) {
            fatal(
                "the spec refuses "
                    + problem.field()
                    + " = "
                    + problem.value()
                    + ": "
                    + problem.rule());
            return null;
          }
        }
      }
      fatal("the spec keeps refusing its values");
      return null;
    }

    private void fatal(String why) {
      note(
          appNotes,
          ImportCheck.REFUSED,
          about(),
          primary.route.source(),
          "the app " + namespace + "/" + name + " is not converted: " + why + ".");
    }

    private Result result(WebSocketApp app, List<ServedApp> mine) {
      List<Target> targets = new ArrayList<>();
      targets.add(primary.route.target());
      for (ServedApp f : mine) {
        if (targets.stream().noneMatch(t -> t.id().equals(f.target().id()))) {
          targets.add(f.target());
        }
      }
      Map<Manifest, Boolean> seen = new IdentityHashMap<>();
      List<Manifest> sources = new ArrayList<>();
      List<ServedRoute> served = new ArrayList<>();
      for (Candidate c : all) {
        served.add(c.route);
        for (Manifest m : c.route.objects()) {
          if (seen.put(m, Boolean.TRUE) == null) {
            sources.add(m);
          }
        }
      }
      for (ServedApp f : mine) {
        for (Manifest m : f.objects()) {
          if (seen.put(m, Boolean.TRUE) == null) {
            sources.add(m);
          }
        }
      }
      sources.sort(Comparator.comparingInt(Manifest::ordinal));
      StringBuilder with = new StringBuilder();
      for (Target t : targets) {
        with.append(with.length() == 0 ? "" : ", ").append(t);
      }
      note(
          appNotes,
          ImportCheck.TARGET,
          about(),
          primary.route.source(),
          "the app "
              + app.namespace()
              + "/"
              + app.name()
              + " renders with the targets the input implies: "
              + with
              + ".");
      return new Result(app, targets, sources, served, List.copyOf(appNotes));
    }

    /** The spec's parts, each droppable by the field a problem names. */
    private final class Parts {
      final List<Part<String>> hosts = new ArrayList<>();
      String name;
      String namespace;
      final Map<String, Part<String>> labels = new LinkedHashMap<>();
      final List<Part<Route>> routes = new ArrayList<>();
      RouteBackend own;
      Part<Duration> idle;
      Part<Duration> read;
      Part<Duration> send;
      Part<Duration> connect;
      Part<Affinity> affinity;
      Part<Tls> tls;
      Part<AcmeIssuer> issuer;
      Part<RateLimit> rate;
      Part<Integer> maxConn;
      Part<Cors> cors;
      Part<Boolean> respBuf;
      Part<Boolean> reqBuf;
      Part<BackendProtocol> proto;
      Part<String> ca;
      Part<HealthCheck> health;
      Part<Workload> workload;

      WebSocketApp.Builder builder() {
        if (hosts.isEmpty()) {
          return null;
        }
        WebSocketApp.Builder b = WebSocketApp.on(hosts.get(0).value());
        for (int i = 1; i < hosts.size(); i++) {
          b.alsoOn(hosts.get(i).value());
        }
        b.name(name).namespace(namespace);
        labels.forEach((k, v) -> b.label(k, v.value()));
        if (own.port().isPresent()) {
          b.service(own.serviceName(), own.port().getAsInt());
        } else {
          b.service(own.serviceName(), own.portName().orElse(null));
        }
        for (Part<Route> r : routes) {
          b.route(r.value());
        }
        if (idle != null) {
          b.timeout(idle.value());
        }
        if (read != null) {
          b.readTimeout(read.value());
        }
        if (send != null) {
          b.sendTimeout(send.value());
        }
        if (connect != null) {
          b.connectTimeout(connect.value());
        }
        if (affinity != null) {
          b.stickySessions(affinity.value());
        }
        if (tls != null) {
          b.tls(issuer == null ? tls.value() : tls.value().issuedBy(issuer.value()));
        }
        if (rate != null) {
          b.rateLimit(rate.value());
        }
        if (maxConn != null) {
          b.maxConnectionsPerClient(maxConn.value());
        }
        if (cors != null) {
          b.cors(cors.value());
        }
        if (respBuf != null) {
          b.responseBuffering(respBuf.value());
        }
        if (reqBuf != null) {
          b.requestBuffering(reqBuf.value());
        }
        if (proto != null) {
          b.backendProtocol(proto.value());
        }
        if (ca != null) {
          b.backendCaSecret(ca.value());
        }
        if (health != null) {
          b.healthCheck(health.value());
        }
        if (workload != null) {
          b.workload(workload.value());
        }
        return b;
      }

      /** Leaves out the part {@code problem} names, reporting it; false when none can go. */
      boolean drop(Problem problem) {
        String field = problem.field();
        String top = field.replaceFirst("[.\\[].*", "");
        switch (top) {
          case "hosts":
            return dropHost(problem, index(field));
          case "labels":
            for (Iterator<Map.Entry<String, Part<String>>> it = labels.entrySet().iterator();
                it.hasNext(); ) {
              Map.Entry<String, Part<String>> e = it.next();
              if (field.equals("labels[" + SpecRules.show(e.getKey()) + "]")) {
                refused(problem, e.getValue());
                it.remove();
                return true;
              }
            }
            return false;
          case "routes":
            return dropRoute(problem, field);
          case "timeout":
            idle = refused(problem, idle);
            return true;
          case "readTimeout":
            read = refused(problem, read);
            return true;
          case "sendTimeout":
            send = refused(problem, send);
            return true;
          case "connectTimeout":
            connect = refused(problem, connect);
            return true;
          case "stickySessions":
            affinity = refused(problem, affinity);
            return true;
          case "tls":
            if (field.startsWith("tls.issuer") && issuer != null) {
              issuer = refused(problem, issuer);
            } else {
              tls = refused(problem, tls);
              issuer = null;
            }
            return true;
          case "rateLimit":
            rate = refused(problem, rate);
            return true;
          case "maxConnectionsPerClient":
            maxConn = refused(problem, maxConn);
            return true;
          case "cors":
            cors = refused(problem, cors);
            return true;
          case "backendCaSecret":
            ca = refused(problem, ca);
            return true;
          case "healthCheck":
            health = refused(problem, health);
            return true;
          case "workload":
            workload = refused(problem, workload);
            return true;
          default:
            return false;
        }
      }

      private boolean dropHost(Problem problem, int i) {
        if (i < 0 || i >= hosts.size()) {
          return false;
        }
        Part<String> host = hosts.remove(i);
        refused(problem, host);
        if (tls != null && !tls.value().hosts().isEmpty()) {
          List<String> left = new ArrayList<>(tls.value().hosts());
          left.remove(host.value());
          if (left.isEmpty()) {
            note(
                appNotes,
                ImportCheck.REFUSED,
                tls.about(),
                tls.at(),
                "TLS covered only the refused host "
                    + Texts.quote(host.value())
                    + "; it is left out.");
            tls = null;
            issuer = null;
          } else {
            tls =
                new Part<>(
                    tls.value().hosts(left.toArray(new String[0])),
                    tls.what(),
                    tls.about(),
                    tls.at());
          }
        }
        return true;
      }

      private boolean dropRoute(Problem problem, String field) {
        int i = index(field);
        if (i < 0 || i >= routes.size()) {
          return false;
        }
        Part<Route> r = routes.get(i);
        String rest = field.substring(field.indexOf(']') + 1);
        Route changed = null;
        String what = null;
        if (rest.equals(".rewriteTo")) {
          changed = ImmutableRoute.copyOf(r.value()).withRewrite(Optional.empty());
          what = "the rewrite of " + r.what();
        } else if (rest.equals(".requestTimeout")) {
          changed = ImmutableRoute.copyOf(r.value()).withRequestTimeout(Optional.empty());
          what = "the request timeout of " + r.what();
        } else if (rest.equals(".buffering")) {
          changed = ImmutableRoute.copyOf(r.value()).withBuffering(Optional.empty());
          what = "the buffering of " + r.what();
        }
        if (changed != null) {
          refused(problem, new Part<>(r.value(), what, r.about(), r.at()));
          routes.set(i, new Part<>(changed, r.what(), r.about(), r.at()));
        } else {
          refused(problem, r);
          routes.remove(i);
        }
        return true;
      }

      private static int index(String field) {
        int open = field.indexOf('[');
        int close = field.indexOf(']');
        if (open < 0 || close < open) {
          return -1;
        }
        try {
          return Integer.parseInt(field.substring(open + 1, close));
        } catch (NumberFormatException e) {
          return -1;
        }
      }

      private <T> Part<T> refused(Problem problem, Part<T> part) {
        if (part != null) {
          note(
              appNotes,
              ImportCheck.REFUSED,
              part.about(),
              part.at(),
              part.what()
                  + " is refused by the spec ("
                  + problem.field()
                  + " = "
                  + problem.value()
                  + ": "
                  + problem.rule()
                  + "); it is left out.");
        }
        return null;
      }
    }
  }

  /** An object's labels without {@code app.kubernetes.io/managed-by}. */
  static Map<String, String> objectLabels(Manifest object) {
    Map<String, String> labels = new java.util.TreeMap<>();
    for (Map.Entry<String, JsonNode> e : object.labels().entrySet()) {
      if (!e.getKey().equals(MANAGED_BY) && e.getValue().isValueNode()) {
        labels.put(e.getKey(), e.getValue().asText());
      }
    }
    return labels;
  }

  /** A valid app name made of {@code raw}: lower case, a-z 0-9 and '-', at most 47 characters. */
  static String validName(String raw) {
    String s = raw.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
    s = s.replaceAll("^-+", "");
    if (s.length() > WebSocketApp.MAX_NAME_LENGTH) {
      s = s.substring(0, WebSocketApp.MAX_NAME_LENGTH);
    }
    s = trimDashes(s);
    return s.isEmpty() ? "app" : s;
  }

  private static String trimDashes(String s) {
    return s.replaceAll("-+$", "");
  }

  /** Merges a route's value with an app fact's when one only adds to the other; null otherwise. */
  static Object refine(Object route, Object fact) {
    if (route instanceof ClientIpAffinity r && fact instanceof ClientIpAffinity f) {
      if (r.timeout().isEmpty()) {
        return f;
      }
      return f.timeout().isEmpty() ? r : null;
    }
    if (route instanceof HealthCheck r && fact instanceof HealthCheck f) {
      if (!r.path().equals(f.path())) {
        return null;
      }
      HealthCheck out = r;
      if (r.interval().isEmpty() && f.interval().isPresent()) {
        out = out.interval(f.interval().get());
      } else if (r.interval().isPresent()
          && f.interval().isPresent()
          && !r.interval().equals(f.interval())) {
        return null;
      }
      if (r.rise().isEmpty() && f.rise().isPresent()) {
        out = out.rise(f.rise().getAsInt());
      } else if (r.rise().isPresent() && f.rise().isPresent() && !r.rise().equals(f.rise())) {
        return null;
      }
      if (r.fall().isEmpty() && f.fall().isPresent()) {
        out = out.fall(f.fall().getAsInt());
      } else if (r.fall().isPresent() && f.fall().isPresent() && !r.fall().equals(f.fall())) {
        return null;
      }
      return out;
    }
    return null;
  }
}
