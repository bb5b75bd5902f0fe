package dev.wsingress.cli;

import dev.wsingress.AcmeIssuer;
import dev.wsingress.Affinity;
import dev.wsingress.BackendProtocol;
import dev.wsingress.ClientIpAffinity;
import dev.wsingress.CookieAffinity;
import dev.wsingress.Cors;
import dev.wsingress.HealthCheck;
import dev.wsingress.InvalidSpecException;
import dev.wsingress.Problem;
import dev.wsingress.RateLimit;
import dev.wsingress.Route;
import dev.wsingress.SameSite;
import dev.wsingress.Source;
import dev.wsingress.SpecRules;
import dev.wsingress.Tls;
import dev.wsingress.WebSocketApp;
import dev.wsingress.Workload;
import dev.wsingress.cli.SpecFileException.Located;
import dev.wsingress.cli.YamlTree.ListNode;
import dev.wsingress.cli.YamlTree.MapNode;
import dev.wsingress.cli.YamlTree.Node;
import dev.wsingress.cli.YamlTree.Scalar;
import dev.wsingress.cli.YamlTree.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one spec document into a {@link WebSocketApp} through the DSL's own {@code build()}. The
 * reader checks what only the file can get wrong (types, unknown and missing fields); every rule
 * about values is {@code build()}'s, whose problems are renamed to the file's fields by {@link
 * FieldPaths} and placed at the value's line.
 */
final class SpecReader {
  private final Source documentAt;
  // What the YAML reader already reported in this document.
  private final List<Located> parsed;
  private final List<Located> problems = new ArrayList<>();
  // Every field the file has, by its path, with where its value starts.
  private final Map<String, Source> fields = new HashMap<>();

  private SpecReader(Source documentAt, List<Located> parsed) {
    this.documentAt = documentAt;
    this.parsed = parsed;
  }

  /** The document's keys, in the order of the format. */
  static final List<String> DOCUMENT = List.of("apiVersion", "kind", "metadata", "spec");

  static final List<String> METADATA = List.of("name", "namespace", "labels");
  static final List<String> SPEC =
      List.of(
          "hosts",
          "service",
          "routes",
          "idleTimeout",
          "readTimeout",
          "sendTimeout",
          "connectTimeout",
          "stickySessions",
          "tls",
          "rateLimit",
          "maxConnectionsPerClient",
          "cors",
          "responseBuffering",
          "requestBuffering",
          "backendProtocol",
          "backendCaSecret",
          "healthCheck",
          "workload");
  static final List<String> SERVICE = List.of("name", "port");
  static final List<String> ROUTE =
      List.of("path", "kind", "match", "to", "rewriteTo", "requestTimeout", "buffering");
  static final List<String> BACKEND = List.of("service", "port");
  static final List<String> STICKY = List.of("cookie", "clientIp", "header");
  static final List<String> COOKIE =
      List.of("name", "maxAge", "path", "secure", "httpOnly", "sameSite", "mode");
  static final List<String> CLIENT_IP = List.of("timeout");
  static final List<String> HEADER = List.of("name");
  static final List<String> TLS = List.of("secretName", "hosts", "redirect", "issuer");
  static final List<String> ISSUER = List.of("email", "http01", "name", "staging");
  static final List<String> RATE_LIMIT =
      List.of("handshakesPerSecond", "handshakesPerMinute", "burst");
  static final List<String> CORS =
      List.of(
          "allowOrigins",
          "allowMethods",
          "allowHeaders",
          "exposeHeaders",
          "allowCredentials",
          "maxAge");
  static final List<String> HEALTH_CHECK = List.of("path", "interval", "rise", "fall");
  static final List<String> WORKLOAD =
      List.of(
          "image",
          "replicas",
          "containerPort",
          "metricsPort",
          "env",
          "maxConnections",
          "pingInterval",
          "resources",
          "drainTime",
          "autoscale",
          "egress");
  static final List<String> RESOURCES = List.of("requests", "limits");
  static final List<String> QUANTITIES = List.of("cpu", "memory");
  static final List<String> AUTOSCALE = List.of("min", "max", "connectionsPerPod");
  static final List<String> EGRESS = List.of("namespace", "labelKey", "labelValue", "port");

  static final List<String> ROUTE_KINDS = List.of("WebSocket", "HTTP");
  static final List<String> MATCHES = List.of("Prefix", "Exact");
  static final List<String> SAME_SITES = List.of("Strict", "Lax", "None");
  static final List<String> MODES = List.of("Balanced", "Persistent");
  static final List<String> PROTOCOLS = List.of("HTTP", "HTTPS");

  /** Reads a document; appends its problems to {@code out} and returns null when it has any. */
  static WebSocketApp read(YamlTree.Document doc, List<Located> out) {
    SpecReader r = new SpecReader(doc.at(), doc.problems());
    WebSocketApp app = r.document(doc.root());
    out.addAll(r.problems);
    return r.problems.isEmpty() && doc.problems().isEmpty() ? app : null;
  }

  // ---------------------------------------------------------------- the document

  private WebSocketApp document(Node root) {
    if (!(root instanceof MapNode top)) {
      problem(
          root.at(),
          "(document)",
          raw(root),
          "must be a map with apiVersion, kind, metadata and spec",
          "start the document with \"apiVersion: " + SpecFile.API_VERSION + "\"");
      return null;
    }
    Fields doc = fields(top, "", DOCUMENT);
    String apiVersion = string(doc, "apiVersion");
    String kind = string(doc, "kind");
    boolean typed = true;
    if (!SpecFile.API_VERSION.equals(apiVersion)) {
      typed = false;
      problem(
          doc.valueAt("apiVersion"),
          "apiVersion",
          apiVersion,
          apiVersion == null ? "is required" : "must be " + SpecFile.API_VERSION,
          "write \"apiVersion: " + SpecFile.API_VERSION + "\"");
    }
    if (!SpecFile.KIND.equals(kind)) {
      typed = false;
      problem(
          doc.valueAt("kind"),
          "kind",
          kind,
          kind == null ? "is required" : "must be " + SpecFile.KIND + " in a spec file",
          kind != null && SpecFile.KIND.equalsIgnoreCase(kind)
              ? "did you mean \"" + SpecFile.KIND + "\"? Write it exactly so"
              : "write \"kind: "
                  + SpecFile.KIND
                  + "\"; spec files hold WebSocketApp documents only");
    }
    if (!typed) {
      return null;
    }
    int before = problems.size();
    WebSocketApp.Builder b = spec(doc);
    List<Located> own = new ArrayList<>(problems.subList(before, problems.size()));
    own.addAll(parsed);
    try {
      return b.build();
    } catch (InvalidSpecException e) {
      for (Problem p : e.problems()) {
        String path = FieldPaths.toFile(p.field(), fields::containsKey);
        if (covered(own, path)) {
          continue; // the reader already said what is wrong there
        }
        problems.add(new Located(position(path), new Problem(path, p.value(), p.rule(), p.fix())));
      }
      return null;
    }
  }

  private WebSocketApp.Builder spec(Fields doc) {
    Fields meta = object(doc, "metadata", METADATA);
    Fields spec = object(doc, "spec", SPEC);
    if (spec == null) {
      problem(
          documentAt,
          "spec",
          null,
          "is required",
          "describe the app under \"spec:\" (hosts, service, routes ...)");
    }
    List<String> hosts = spec == null ? List.of() : strings(spec, "hosts");
    WebSocketApp.Builder b = WebSocketApp.on(hosts.isEmpty() ? null : hosts.get(0));
    for (int i = 1; i < hosts.size(); i++) {
      b.alsoOn(hosts.get(i));
    }
    if (meta != null) {
      set(string(meta, "name"), b::name);
      set(string(meta, "namespace"), b::namespace);
      dictionary(meta, "labels").forEach(b::label);
    }
    if (spec == null) {
      return b;
    }
    service(spec, b);
    routes(spec, b);
    set(duration(spec, "idleTimeout"), b::timeout);
    set(duration(spec, "readTimeout"), b::readTimeout);
    set(duration(spec, "sendTimeout"), b::sendTimeout);
    set(duration(spec, "connectTimeout"), b::connectTimeout);
    stickySessions(spec, b);
    tls(spec, b);
    rateLimit(spec, b);
    set(integer(spec, "maxConnectionsPerClient"), b::maxConnectionsPerClient);
    cors(spec, b);
    set(bool(spec, "responseBuffering"), b::responseBuffering);
    set(bool(spec, "requestBuffering"), b::requestBuffering);
    String protocol = choice(spec, "backendProtocol", PROTOCOLS);
    if (protocol != null) {
      b.backendProtocol(BackendProtocol.valueOf(protocol));
    }
    set(string(spec, "backendCaSecret"), b::backendCaSecret);
    healthCheck(spec, b);
    workload(spec, b);
    return b;
  }

  private void service(Fields spec, WebSocketApp.Builder b) {
    Fields service = object(spec, "service", SERVICE);
    if (service == null) {
      return; // build() says it is required
    }
    String name = string(service, "name");
    Object port = port(service, "port");
    if (port instanceof Integer n) {
      b.service(name, n);
    } else {
      b.service(name, (String) port);
    }
  }

  private void routes(Fields spec, WebSocketApp.Builder b) {
    List<Node> items = list(spec, "routes");
    for (int i = 0; i < items.size(); i++) {
      Fields r = item(spec, "routes", i, items.get(i), ROUTE);
      if (r == null) {
        b.route(Route.websocket("")); // keeps the indices of the routes after it
        continue;
      }
      String path = orEmpty(string(r, "path"));
      String kind = choice(r, "kind", ROUTE_KINDS);
      Route route = "HTTP".equals(kind) ? Route.http(path) : Route.websocket(path);
      if ("Exact".equals(choice(r, "match", MATCHES))) {
        route = route.exact();
      }
      Fields to = object(r, "to", BACKEND);
      if (to != null) {
        String service = orEmpty(string(to, "service"));
        Object port = port(to, "port");
        route = port instanceof Integer n ? route.to(service, n) : route.to(service, (String) port);
      }
      String rewrite = string(r, "rewriteTo");
      if (rewrite != null) {
        route = route.rewriteTo(rewrite);
      }
      Duration timeout = duration(r, "requestTimeout");
      if (timeout != null) {
        route = route.requestTimeout(timeout);
      }
      Boolean buffering = bool(r, "buffering");
      if (buffering != null) {
        route = route.buffering(buffering);
      }
      b.route(route);
    }
  }

  private void stickySessions(Fields spec, WebSocketApp.Builder b) {
    Fields sticky = object(spec, "stickySessions", STICKY);
    if (sticky == null) {
      return;
    }
    int kinds = 0;
    Fields cookie = object(sticky, "cookie", COOKIE);
    if (cookie != null) {
      kinds++;
      CookieAffinity c = Affinity.cookie(orEmpty(string(cookie, "name")));
      Duration maxAge = duration(cookie, "maxAge");
      if (maxAge != null) {
        c = c.maxAge(maxAge);
      }
      String path = string(cookie, "path");
      if (path != null) {
        c = c.path(path);
      }
      Boolean secure = bool(cookie, "secure");
      if (secure != null) {
        c = c.secure(secure);
      }
      Boolean httpOnly = bool(cookie, "httpOnly");
      if (httpOnly != null) {
        c = c.httpOnly(httpOnly);
      }
      String sameSite = choice(cookie, "sameSite", SAME_SITES);
      if (sameSite != null) {
        c = c.sameSite(SameSite.valueOf(sameSite.toUpperCase(java.util.Locale.ROOT)));
      }
      if ("Persistent".equals(choice(cookie, "mode", MODES))) {
        c = c.persistent();
      }
      b.stickySessions(c);
    }
    Fields clientIp = object(sticky, "clientIp", CLIENT_IP);
    if (clientIp != null) {
      kinds++;
      ClientIpAffinity ip = Affinity.clientIp();
      Duration timeout = duration(clientIp, "timeout");
      if (timeout != null) {
        ip = ip.timeout(timeout);
      }
      b.stickySessions(ip);
    }
    Fields header = object(sticky, "header", HEADER);
    if (header != null) {
      kinds++;
      b.stickySessions(Affinity.header(orEmpty(string(header, "name"))));
    }
    if (kinds == 0) {
      problem(
          sticky.at(),
          "spec.stickySessions",
          null,
          "needs one kind: cookie, clientIp or header",
          "add \"cookie: {name: ws-server}\", \"clientIp: {}\" or \"header: {name:"
              + " X-Session-Id}\"");
    }
  }

  private void tls(Fields spec, WebSocketApp.Builder b) {
    Fields tls = object(spec, "tls", TLS);
    if (tls == null) {
      return;
    }
    Tls t = Tls.secret(orEmpty(string(tls, "secretName")));
    if (tls.has("hosts")) {
      t = t.hosts(strings(tls, "hosts").toArray(new String[0]));
    }
    Boolean redirect = bool(tls, "redirect");
    if (redirect != null) {
      t = t.redirect(redirect);
    }
    Fields issuer = object(tls, "issuer", ISSUER);
    if (issuer != null) {
      AcmeIssuer i = AcmeIssuer.letsEncrypt(orEmpty(string(issuer, "email")));
      if (Boolean.TRUE.equals(bool(issuer, "staging"))) {
        i = i.staging();
      }
      String name = string(issuer, "name");
      if (name != null) {
        i = i.name(name);
      }
      String http01 = string(issuer, "http01");
      if (http01 != null) {
        i = i.http01(http01);
      }
      t = t.issuedBy(i);
    }
    b.tls(t);
  }

  private void rateLimit(Fields spec, WebSocketApp.Builder b) {
    Fields limit = object(spec, "rateLimit", RATE_LIMIT);
    if (limit == null) {
      return;
    }
    Integer perSecond = integer(limit, "handshakesPerSecond");
    Integer perMinute = integer(limit, "handshakesPerMinute");
    Integer burst = integer(limit, "burst");
    String at = limit.path;
    if (limit.has("handshakesPerSecond") && limit.has("handshakesPerMinute")) {
      problem(
          limit.valueAt("handshakesPerMinute"),
          at + ".handshakesPerMinute",
          raw(limit.node("handshakesPerMinute")),
          "cannot be given with handshakesPerSecond: a limit counts over one period",
          "keep one of the two");
      return;
    }
    if (!limit.has("handshakesPerSecond") && !limit.has("handshakesPerMinute")) {
      problem(
          limit.at(),
          at + ".handshakesPerSecond",
          null,
          "is required (or handshakesPerMinute)",
          "give the handshakes a client may make, such as \"handshakesPerSecond: 10\"");
      return;
    }
    if (perSecond == null && perMinute == null) {
      return; // a type problem, already reported
    }
    RateLimit r =
        perSecond != null
            ? RateLimit.handshakesPerSecond(perSecond)
            : RateLimit.handshakesPerMinute(perMinute);
    b.rateLimit(burst != null ? r.burst(burst) : r);
  }

  private void cors(Fields spec, WebSocketApp.Builder b) {
    Fields cors = object(spec, "cors", CORS);
    if (cors == null) {
      return;
    }
    Cors c = Cors.allowOrigins(strings(cors, "allowOrigins").toArray(new String[0]));
    if (cors.has("allowMethods")) {
      c = c.allowMethods(strings(cors, "allowMethods").toArray(new String[0]));
    }
    if (cors.has("allowHeaders")) {
      c = c.allowHeaders(strings(cors, "allowHeaders").toArray(new String[0]));
    }
    if (cors.has("exposeHeaders")) {
      c = c.exposeHeaders(strings(cors, "exposeHeaders").toArray(new String[0]));
    }
    Boolean credentials = bool(cors, "allowCredentials");
    if (credentials != null) {
      c = c.allowCredentials(credentials);
    }
    Duration maxAge = duration(cors, "maxAge");
    if (maxAge != null) {
      c = c.maxAge(maxAge);
    }
    b.cors(c);
  }

  private void healthCheck(Fields spec, WebSocketApp.Builder b) {
    Fields check = object(spec, "healthCheck", HEALTH_CHECK);
    if (check == null) {
      return;
    }
    HealthCheck h = HealthCheck.http(orEmpty(string(check, "path")));
    Duration interval = duration(check, "interval");
    if (interval != null) {
      h = h.interval(interval);
    }
    Integer rise = integer(check, "rise");
    if (rise != null) {
      h = h.rise(rise);
    }
    Integer fall = integer(check, "fall");
    if (fall != null) {
      h = h.fall(fall);
    }
    b.healthCheck(h);
  }

  private void workload(Fields spec, WebSocketApp.Builder b) {
    Fields w = object(spec, "workload", WORKLOAD);
    if (w == null) {
      return;
    }
    Workload workload = Workload.image(orEmpty(string(w, "image")));
    Integer replicas = integer(w, "replicas");
    if (replicas != null) {
      workload = workload.replicas(replicas);
    }
    Integer containerPort = integer(w, "containerPort");
    if (containerPort != null) {
      workload = workload.containerPort(containerPort);
    }
    Integer metricsPort = integer(w, "metricsPort");
    if (metricsPort != null) {
      workload = workload.metricsPort(metricsPort);
    }
    for (Map.Entry<String, String> e : dictionary(w, "env").entrySet()) {
      workload = workload.env(e.getKey(), e.getValue());
    }
    Integer maxConnections = integer(w, "maxConnections");
    if (maxConnections != null) {
      workload = workload.maxConnections(maxConnections);
    }
    Duration ping = duration(w, "pingInterval");
    if (ping != null) {
      workload = workload.pingInterval(ping);
    }
    Fields resources = object(w, "resources", RESOURCES);
    if (resources != null) {
      Fields requests = object(resources, "requests", QUANTITIES);
      Fields limits = object(resources, "limits", QUANTITIES);
      workload =
          workload.resources(
              quantity(resources, requests, "requests", "cpu"),
              quantity(resources, requests, "requests", "memory"),
              quantity(resources, limits, "limits", "cpu"),
              quantity(resources, limits, "limits", "memory"));
    }
    Duration drain = duration(w, "drainTime");
    if (drain != null) {
      workload = workload.drainTime(drain);
    }
    Fields autoscale = object(w, "autoscale", AUTOSCALE);
    if (autoscale != null) {
      Integer min = integer(autoscale, "min");
      Integer max = integer(autoscale, "max");
      Integer perPod = integer(autoscale, "connectionsPerPod");
      required(autoscale, "min", "give the fewest pods, such as 2");
      required(autoscale, "max", "give the most pods, such as 10");
      if (min != null && max != null) {
        workload = workload.autoscale(min, max);
        if (perPod != null) {
          workload = workload.connectionsPerPod(perPod);
        }
      }
    }
    List<Node> egress = list(w, "egress");
    for (int i = 0; i < egress.size(); i++) {
      Fields e = item(w, "egress", i, egress.get(i), EGRESS);
      if (e == null) {
        continue;
      }
      String namespace = string(e, "namespace");
      Integer port = integer(e, "port");
      required(e, "port", "give the port the pods call, such as 6379");
      int p = port == null ? 1 : port; // a missing port is reported above
      if (e.has("namespace") && (e.has("labelKey") || e.has("labelValue"))) {
        problem(
            e.valueAt("namespace"),
            e.path + ".namespace",
            namespace,
            "cannot be given with labelKey and labelValue: an egress rule names a namespace or"
                + " pods of the app's namespace",
            "split it into two rules");
        continue;
      }
      workload =
          e.has("namespace")
              ? workload.egressToNamespace(orEmpty(namespace), p)
              : workload.egressTo(string(e, "labelKey"), string(e, "labelValue"), p);
    }
    b.workload(workload);
  }

  private String quantity(Fields resources, Fields group, String groupKey, String key) {
    String path = resources.path + "." + groupKey + "." + key;
    if (group == null || !group.has(key)) {
      problem(
          group == null ? resources.at() : group.at(),
          path,
          null,
          "is required: resources take requests and limits of cpu and memory",
          "give all four, such as requests {cpu: 250m, memory: 256Mi} and limits {cpu: \"1\","
              + " memory: 512Mi}");
      return "";
    }
    return orEmpty(string(group, key));
  }

  // ---------------------------------------------------------------- typed access

  /** A map of the file being read, with its path and the keys the format allows there. */
  private final class Fields {
    final String path;
    final MapNode node;

    Fields(String path, MapNode node) {
      this.path = path;
      this.node = node;
    }

    Source at() {
      return node.at();
    }

    boolean has(String key) {
      YamlTree.Entry e = node.entries().get(key);
      return e != null && !(e.value() instanceof Scalar s && s.type() == Type.NULL);
    }

    Node node(String key) {
      YamlTree.Entry e = node.entries().get(key);
      return e == null ? null : e.value();
    }

    Source valueAt(String key) {
      YamlTree.Entry e = node.entries().get(key);
      return e == null ? node.at() : e.value().at();
    }

    String path(String key) {
      return path.isEmpty() ? key : path + "." + key;
    }
  }

  private Fields fields(MapNode node, String path, List<String> known) {
    fields.put(path, node.at());
    for (Map.Entry<String, YamlTree.Entry> e : node.entries().entrySet()) {
      String key = e.getKey();
      String keyPath = path.isEmpty() ? key : path + "." + key;
      if (known.contains(key)) {
        fields.put(keyPath, e.getValue().value().at());
        continue;
      }
      String suggestion = Suggestions.closest(key, known);
      String where = path.isEmpty() ? "a spec document" : path;
      problem(
          e.getValue().keyAt(),
          keyPath,
          raw(e.getValue().value()),
          "is not a field of " + where,
          (suggestion != null ? "did you mean \"" + suggestion + "\"? The" : "remove it; the")
              + " fields of "
              + where
              + " are "
              + String.join(", ", known));
    }
    return new Fields(path, node);
  }

  private Fields object(Fields parent, String key, List<String> known) {
    if (!parent.has(key)) {
      return null;
    }
    Node n = parent.node(key);
    if (n instanceof MapNode m) {
      return fields(m, parent.path(key), known);
    }
    typeProblem(parent.path(key), n, "must be a map of " + String.join(", ", known), null);
    return null;
  }

  private Fields item(Fields parent, String key, int index, Node n, List<String> known) {
    String path = parent.path(key) + "[" + index + "]";
    if (n instanceof MapNode m) {
      return fields(m, path, known);
    }
    fields.put(path, n.at());
    typeProblem(path, n, "must be a map of " + String.join(", ", known), null);
    return null;
  }

  private List<Node> list(Fields parent, String key) {
    if (!parent.has(key)) {
      return List.of();
    }
    Node n = parent.node(key);
    if (n instanceof ListNode l) {
      return l.items();
    }
    typeProblem(
        parent.path(key), n, "must be a list", n instanceof Scalar ? "write it as [ ... ]" : null);
    return List.of();
  }

  /** A list of strings; an item of another type is reported and kept as "" (its index stays). */
  private List<String> strings(Fields parent, String key) {
    List<Node> items = list(parent, key);
    List<String> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      String path = parent.path(key) + "[" + i + "]";
      Node n = items.get(i);
      fields.put(path, n.at());
      String s = asString(path, n);
      out.add(s == null ? "" : s);
    }
    return out;
  }

  /** A map of string keys to string values, such as labels and env; paths {@code x["key"]}. */
  private Map<String, String> dictionary(Fields parent, String key) {
    if (!parent.has(key)) {
      return Map.of();
    }
    Node n = parent.node(key);
    if (!(n instanceof MapNode m)) {
      typeProblem(parent.path(key), n, "must be a map of names to strings", null);
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, YamlTree.Entry> e : m.entries().entrySet()) {
      String path = parent.path(key) + "[" + SpecRules.show(e.getKey()) + "]";
      fields.put(path, e.getValue().value().at());
      String value = asString(path, e.getValue().value());
      if (value != null) {
        out.put(e.getKey(), value);
      }
    }
    return out;
  }

  private String string(Fields parent, String key) {
    return parent.has(key) ? asString(parent.path(key), parent.node(key)) : null;
  }

  private String asString(String path, Node n) {
    if (n instanceof Scalar s && s.type() == Type.STRING) {
      return s.text();
    }
    typeProblem(
        path,
        n,
        "must be a string",
        n instanceof Scalar s ? "quote it: " + SpecRules.show(s.text()) : null);
    return null;
  }

  private Integer integer(Fields parent, String key) {
    if (!parent.has(key)) {
      return null;
    }
    String path = parent.path(key);
    Node n = parent.node(key);
    if (n instanceof Scalar s && s.type() == Type.INT && YamlTree.isDecimal(s.text())) {
      try {
        return Integer.parseInt(s.text().startsWith("+") ? s.text().substring(1) : s.text());
      } catch (NumberFormatException e) {
        problem(
            s.at(),
            path,
            raw(s),
            "must be a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE,
            "use a smaller number");
        return null;
      }
    }
    String fix = null;
    if (n instanceof Scalar s) {
      if (s.type() == Type.INT) {
        fix = "write it as a decimal number";
      } else if (s.type() == Type.STRING && YamlTree.isDecimal(s.text())) {
        fix = "write it without quotes: " + s.text();
      } else {
        fix = "give a whole number such as 3";
      }
    }
    typeProblem(path, n, "must be a whole number", fix);
    return null;
  }

  private Boolean bool(Fields parent, String key) {
    if (!parent.has(key)) {
      return null;
    }
    String path = parent.path(key);
    Node n = parent.node(key);
    if (n instanceof Scalar s && s.type() == Type.BOOL) {
      String t = s.text().toLowerCase(java.util.Locale.ROOT);
      if (t.equals("true") || t.equals("false")) {
        return t.equals("true");
      }
      problem(
          s.at(),
          path,
          raw(s),
          "must be true or false",
          "write true or false: YAML 1.1 readers take "
              + s.text()
              + " as a boolean, YAML 1.2"
              + " readers as a string");
      return null;
    }
    String fix = null;
    if (n instanceof Scalar s && s.type() == Type.STRING) {
      String t = s.text().toLowerCase(java.util.Locale.ROOT);
      fix =
          t.equals("true") || t.equals("false")
              ? "write it without quotes: " + t
              : "write true or false";
    }
    typeProblem(path, n, "must be true or false", fix);
    return null;
  }

  private Duration duration(Fields parent, String key) {
    if (!parent.has(key)) {
      return null;
    }
    String path = parent.path(key);
    Node n = parent.node(key);
    String rule = "must be a duration such as 3600s, 90m or 1h30m";
    if (n instanceof Scalar s && s.type() == Type.STRING) {
      Duration d = Durations.parse(s.text());
      if (d != null) {
        return d;
      }
      problem(
          s.at(),
          path,
          s.text(),
          rule,
          "write a number and a unit (h, m, s, ms), as in \"1h\" or \"90s\"; days are hours"
              + " (\"24h\")");
      return null;
    }
    String fix = null;
    if (n instanceof Scalar s && (s.type() == Type.INT || s.type() == Type.FLOAT)) {
      fix = "add a unit: \"" + s.text() + "s\" for seconds";
    }
    typeProblem(path, n, rule, fix);
    return null;
  }

  /** A port by number or by name, as a Service's targetPort: an Integer or a String. */
  private Object port(Fields parent, String key) {
    if (!parent.has(key)) {
      return null; // build() reports the missing port
    }
    Node n = parent.node(key);
    if (n instanceof Scalar s && s.type() == Type.STRING) {
      return s.text();
    }
    if (n instanceof Scalar s && s.type() == Type.INT) {
      Integer port = integer(parent, key);
      return port != null ? port : "";
    }
    typeProblem(
        parent.path(key),
        n,
        "must be a port number or a port name",
        "give a number such as 8080 or a name such as \"http\"");
    return "";
  }

  /** One of {@code values}, spelled exactly; a near miss gets a "did you mean". */
  private String choice(Fields parent, String key, List<String> values) {
    if (!parent.has(key)) {
      return null;
    }
    String path = parent.path(key);
    Node n = parent.node(key);
    if (n instanceof Scalar s && s.type() == Type.STRING && values.contains(s.text())) {
      return s.text();
    }
    String given = n instanceof Scalar s ? s.text() : null;
    String suggestion = given == null ? null : Suggestions.closest(given, values);
    problem(
        n.at(),
        path,
        given != null ? given : raw(n),
        "must be one of " + String.join(", ", values),
        suggestion != null
            ? "did you mean \"" + suggestion + "\"? Write it exactly so"
            : "use one of those values");
    return null;
  }

  private void required(Fields parent, String key, String fix) {
    if (!parent.has(key)) {
      problem(parent.at(), parent.path(key), null, "is required", fix);
    }
  }

  // ---------------------------------------------------------------- problems and positions

  private void typeProblem(String path, Node n, String rule, String fix) {
    problem(
        n.at(),
        path,
        raw(n),
        rule + ", not " + n.describe(),
        fix != null ? fix : "give " + rule.substring("must be ".length()));
  }

  private void problem(Source at, String field, Object value, String rule, String fix) {
    problems.add(new Located(at, Problem.of(field, value, rule, fix)));
  }

  /**
   * Whether {@code path} is, or is inside, a field the reader already reported. A route whose kind
   * or match was refused is read with the defaults, so nothing else is said about it.
   */
  private static boolean covered(List<Located> own, String path) {
    for (Located l : own) {
      String f = l.problem().field();
      if (f.endsWith(".kind") || f.endsWith(".match")) {
        f = f.substring(0, f.lastIndexOf('.'));
      }
      if (path.equals(f) || path.startsWith(f + ".") || path.startsWith(f + "[")) {
        return true;
      }
    }
    return false;
  }

  /** Where a file field is: its value, else the nearest enclosing field the file has. */
  private Source position(String path) {
    String p = path;
    while (!p.isEmpty()) {
      Source at = fields.get(p);
      if (at != null) {
        return at;
      }
      int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      p = cut < 0 ? "" : p.substring(0, cut);
    }
    Source root = fields.get("");
    return root != null ? root : documentAt;
  }

  /** A value as the file wrote it, shown without quotes (numbers, booleans, maps, lists). */
  private static Object raw(Node n) {
    if (n instanceof Scalar s) {
      return s.type() == Type.STRING ? s.text() : new Raw(s.text().isEmpty() ? "null" : s.text());
    }
    return new Raw(n instanceof MapNode ? "{...}" : "[...]");
  }

  /** Text shown as it is in a problem's value. */
  private record Raw(String text) {
    @Override
    public String toString() {
      return text;
    }
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static <T> void set(T value, java.util.function.Consumer<T> setter) {
    if (value != null) {
      setter.accept(value);
    }
  }

  static final Comparator<Located> ORDER = Comparator.comparing(Located::source);
}
