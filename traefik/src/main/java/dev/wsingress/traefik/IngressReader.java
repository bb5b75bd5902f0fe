package dev.wsingress.traefik;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsingress.Affinity;
import dev.wsingress.CookieAffinity;
import dev.wsingress.Manifest;
import dev.wsingress.ServedBackend;
import dev.wsingress.ServedRoute.HostMatch;
import dev.wsingress.ServedRoute.PathMatch;
import dev.wsingress.Setting;
import dev.wsingress.Source;
import dev.wsingress.SpecRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads Kubernetes Ingresses the way Traefik's Ingress provider loads them (traefik v3.7.9
 * pkg/provider/kubernetes/ingress/kubernetes.go {@code loadConfigurationFromIngresses}): one router
 * per host and path, with the Ingress's {@code router.*} annotations and a service per backend
 * Service port that takes that Service's {@code service.*} annotations.
 *
 * <p>Which Ingresses Traefik serves ({@code shouldProcessIngress}): one with {@code
 * spec.ingressClassName} when an IngressClass of that name has controller {@code
 * traefik.io/ingress-controller} ({@code traefikDefaultIngressClassController}; client.go {@code
 * GetIngressClasses} keeps only those) and, with the provider option {@code ingressClass} set, that
 * name; one without it when its {@code kubernetes.io/ingress.class} annotation equals the option
 * (empty by default) or, with the option empty, is {@code traefik}. The input decides the rest:
 *
 * <ul>
 *   <li>an IngressClass that is in the input decides by its controller; a class that is not is
 *       taken to be Traefik's when it is named {@code traefik} (the name and controller Traefik's
 *       Helm chart creates: traefik-helm-chart v41.3.0 traefik/templates/ingressclass.yaml) or the
 *       Ingress carries {@code traefik.ingress.kubernetes.io/} annotations, with an INFO {@code
 *       TRAEFIK-REFERENCE-NOT-IN-INPUT};
 *   <li>an Ingress without a class gets the cluster's default IngressClass from the API server's
 *       admission (k8s.io/api v0.34.0 networking/v1 well_known_annotations.go): with one default
 *       IngressClass in the input, its controller decides; with none in the input, Traefik serves
 *       it only if the cluster has no default class, which the input cannot tell, so it is claimed
 *       only when it carries {@code traefik.ingress.kubernetes.io/} annotations ({@code
 *       TRAEFIK-INGRESS-NO-CLASS}, INFO) or the input's Traefik workload shows the default option.
 * </ul>
 */
final class IngressReader {
  private IngressReader() {}

  static final String CONTROLLER = "traefik.io/ingress-controller";

  static void read(ReadContext ctx, Routers routers) {
    Map<Manifest, Boolean> refusedServices = new HashMap<>();
    for (Manifest ing : ctx.in.objects("Ingress")) {
      String group = ing.group();
      boolean v1 = group.equals("networking.k8s.io") && ing.apiVersion().endsWith("/v1");
      Optional<String> cls = served(ctx, ing);
      if (cls.isEmpty()) {
        continue;
      }
      if (!v1) {
        if (group.equals("networking.k8s.io") || group.equals("extensions")) {
          ctx.out.understood(ing);
          ctx.report(
              ing,
              TraefikFinding.API_REMOVED,
              ing.source("/apiVersion"),
              ing.apiVersion()
                  + " Ingresses are not read by Traefik v3 (traefik v3.7.9"
                  + " docs/content/migrate/v2-to-v3-details.md: networking.k8s.io/v1beta1 support"
                  + " has been removed), and Kubernetes 1.22 removed the API.");
        }
        continue;
      }
      read(ctx, ing, cls.get(), routers, refusedServices);
    }
  }

  /** The class Traefik serves the Ingress as, or empty when Traefik does not serve it. */
  static Optional<String> served(ReadContext ctx, Manifest ing) {
    JsonNode spec = ing.tree().path("spec");
    String option = ctx.config.ingressClass("kubernetesingress");
    boolean marked = hasTraefikAnnotations(ing);
    JsonNode name = spec.get("ingressClassName");
    if (name != null && name.isTextual()) {
      return byClassName(
          ctx, ing, name.asText(), option, marked, ing.source("/spec/ingressClassName"));
    }
    Optional<String> annotation = ing.annotation(IngressRouteReader.CLASS_ANNOTATION);
    if (annotation.isPresent()) {
      String a = annotation.get();
      return option.equals(a) || (option.isEmpty() && a.equals("traefik"))
          ? Optional.of(a.isEmpty() ? "traefik" : a)
          : Optional.empty();
    }
    List<Manifest> defaults = ctx.in.defaultIngressClasses();
    if (defaults.size() == 1) {
      Manifest d = defaults.get(0);
      return CONTROLLER.equals(d.tree().path("spec").path("controller").asText())
              && (option.isEmpty() || option.equals(d.name()))
          ? Optional.of(d.name())
          : Optional.empty();
    }
    if (!defaults.isEmpty() || !option.isEmpty()) {
      return Optional.empty(); // several defaults: the API server refuses a class-less Ingress
    }
    if (marked || ctx.config.present()) {
      ctx.report(
          ing,
          // traefik/traefik v3.7.9 pkg/provider/kubernetes/ingress/kubernetes.go:
          // shouldProcessIngress loads an Ingress with neither ingressClassName nor class
          // annotation when the provider sets no ingressClass
          TraefikFinding.INGRESS_NO_CLASS,
          ing.source("/spec"),
          ing.subject()
              + " has no class, and the input has no default IngressClass: Traefik serves it"
              + " (with providers.kubernetesIngress.ingressClass empty, the default) unless the"
              + " cluster's default IngressClass belongs to another controller; it is read as"
              + " Traefik's because "
              + (marked
                  ? "it carries traefik.ingress.kubernetes.io/ annotations."
                  : "the input runs Traefik."));
      return Optional.of("traefik");
    }
    return Optional.empty();
  }

  private static Optional<String> byClassName(
      ReadContext ctx, Manifest ing, String name, String option, boolean marked, Source at) {
    Optional<Manifest> ic = ctx.in.ingressClass(name);
    if (ic.isPresent()) {
      boolean ours = CONTROLLER.equals(ic.get().tree().path("spec").path("controller").asText());
      return ours && (option.isEmpty() || option.equals(name))
          ? Optional.of(name)
          : Optional.empty();
    }
    boolean named = option.isEmpty() ? name.equals("traefik") : option.equals(name);
    if (!named && !marked) {
      return Optional.empty();
    }
    if (ctx.once("ingressclass " + name)) {
      ctx.report(
          ing,
          TraefikFinding.REFERENCE_NOT_IN_INPUT,
          at,
          "the IngressClass "
              + name
              + " is not in the input; it is taken to be Traefik's (controller "
              + CONTROLLER
              + (named
                  ? ", as Traefik's Helm chart creates it)."
                  : ") because the Ingress carries traefik.ingress.kubernetes.io/ annotations."));
    }
    return Optional.of(name);
  }

  private static boolean hasTraefikAnnotations(Manifest m) {
    for (String key : m.annotations().keySet()) {
      if (key.startsWith(IngressAnnotations.PREFIX)) {
        return true;
      }
    }
    return false;
  }

  /** The annotations as Traefik's decoder matches them: keys in lower case, string values only. */
  private static Map<String, String> lowered(Manifest m) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : m.annotations().entrySet()) {
      if (e.getValue().isTextual()) {
        out.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asText());
      }
    }
    return out;
  }

  private static <T> Optional<T> read(IngressAnnotations.Key<T> key, Map<String, String> a) {
    try {
      return key.read(a);
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // reported by AnnotationRules
    }
  }

  private static void read(
      ReadContext ctx,
      Manifest ing,
      String cls,
      Routers routers,
      Map<Manifest, Boolean> refusedServices) {
    ctx.out.understood(ing);
    if (AnnotationRules.check(ctx, ing, IngressAnnotations.Place.INGRESS)) {
      return; // "Failed to parse annotations": the Ingress is skipped
    }
    Unmodelled.annotations(ctx, ing);
    Map<String, String> a = lowered(ing);
    List<String> entryPoints = read(IngressAnnotations.ROUTER_ENTRYPOINTS, a).orElse(List.of());
    boolean routerTls = read(IngressAnnotations.ROUTER_TLS, a).orElse(false);
    Source entryPointsAt =
        ing.annotationSource(keyAsWritten(ing, IngressAnnotations.ROUTER_ENTRYPOINTS));
    Source tlsKeyAt = ing.annotationSource(keyAsWritten(ing, IngressAnnotations.ROUTER_TLS));
    Source rulesAt =
        a.containsKey(IngressAnnotations.ROUTER_ENTRYPOINTS.key()) ? entryPointsAt : tlsKeyAt;
    IngressRouteReader.entryPointRules(
        ctx,
        ing,
        entryPoints,
        java.util.Collections.nCopies(entryPoints.size(), rulesAt),
        routerTls,
        rulesAt);
    List<Manifest> middlewares = new ArrayList<>();
    String mwKey = keyAsWritten(ing, IngressAnnotations.ROUTER_MIDDLEWARES);
    for (String name : read(IngressAnnotations.ROUTER_MIDDLEWARES, a).orElse(List.of())) {
      if (name.isEmpty()) {
        continue;
      }
      CrdReferences.fromAnnotation(ctx, ing, "Middleware", name, mwKey, ing.annotationSource(mwKey))
          .ifPresent(middlewares::add);
    }
    read(IngressAnnotations.ROUTER_TLS_OPTIONS, a)
        .filter(o -> !o.isEmpty())
        .ifPresent(
            o ->
                CrdReferences.fromAnnotation(
                    ctx,
                    ing,
                    "TLSOption",
                    o,
                    keyAsWritten(ing, IngressAnnotations.ROUTER_TLS_OPTIONS),
                    ing.annotationSource(
                        keyAsWritten(ing, IngressAnnotations.ROUTER_TLS_OPTIONS))));
    String pathMatcher = read(IngressAnnotations.ROUTER_PATHMATCHER, a).orElse("PathPrefix");
    boolean strict =
        ctx.config.flag("providers.kubernetesingress.strictprefixmatching")
            && (ctx.version == null || ctx.version.isAtLeast(Releases.STRICT_PREFIX));
    boolean allTlsEntryPoints = !entryPoints.isEmpty();
    boolean redirectsEverything = !entryPoints.isEmpty();
    for (String ep : entryPoints) {
      allTlsEntryPoints &= ctx.config.tls(ep);
      redirectsEverything &= ctx.config.redirects(ep);
    }
    JsonNode spec = ing.tree().path("spec");
    JsonNode rules = spec.path("rules");
    if (rules.size() == 0 && spec.path("defaultBackend").path("service").isObject()) {
      // kubernetes.go: a default backend without rules is the router PathPrefix("/").
      Path p =
          new Path(
              "/",
              PathMatch.CHARACTER_PREFIX,
              spec.path("defaultBackend"),
              "/spec/defaultBackend",
              false);
      router(
          ctx,
          ing,
          "",
          p,
          middlewares,
          routerTls,
          allTlsEntryPoints,
          entryPoints,
          redirectsEverything,
          routers,
          refusedServices);
    }
    for (int r = 0; r < rules.size(); r++) {
      JsonNode rule = rules.get(r);
      String host = rule.path("host").asText("");
      JsonNode paths = rule.path("http").path("paths");
      List<Path> read = new ArrayList<>();
      for (int i = 0; i < paths.size(); i++) {
        JsonNode p = paths.get(i);
        String at = "/spec/rules/" + r + "/http/paths/" + i;
        if (!p.path("backend").path("service").isObject()) {
          continue; // "Resource backends are not supported", "Missing service definition"
        }
        String value = p.path("path").asText("");
        String type = p.path("pathType").asText("");
        if (value.isEmpty()) {
          read.add(new Path("/", PathMatch.CHARACTER_PREFIX, p.path("backend"), at, false));
        } else if (type.equals("Exact")) {
          read.add(new Path(value, PathMatch.EXACT, p.path("backend"), at, false));
        } else if (type.equals("Prefix")) {
          read.add(
              strict
                  ? new Path(value, PathMatch.PREFIX, p.path("backend"), at, false)
                  : new Path(value, PathMatch.CHARACTER_PREFIX, p.path("backend"), at, true));
        } else {
          switch (pathMatcher) {
            case "Path" -> read.add(new Path(value, PathMatch.EXACT, p.path("backend"), at, false));
            case "PathRegexp" ->
                read.add(
                    new Path(
                        RuleMatch.javaRegex(value),
                        PathMatch.REGEX_PREFIX,
                        p.path("backend"),
                        at,
                        false));
            case "PathPrefix" ->
                read.add(new Path(value, PathMatch.CHARACTER_PREFIX, p.path("backend"), at, false));
            default -> {
              // loadRouter: "invalid router path matcher": the path is skipped.
            }
          }
        }
      }
      for (Path p : merge(read)) {
        router(
            ctx,
            ing,
            host,
            p,
            middlewares,
            routerTls,
            allTlsEntryPoints,
            entryPoints,
            redirectsEverything,
            routers,
            refusedServices);
      }
    }
  }

  /** One Ingress path as Traefik matches it, and its backend. */
  private record Path(
      String path, PathMatch match, JsonNode backend, String at, boolean characterPrefix) {}

  /**
   * {@code Exact /p} and {@code Prefix /p/} to the same backend, as {@link TraefikIngresses#paths}
   * writes a segment prefix, read as one prefix {@code /p} by segments.
   */
  private static List<Path> merge(List<Path> paths) {
    List<Path> out = new ArrayList<>(paths);
    for (Path exact : paths) {
      if (exact.match() != PathMatch.EXACT || exact.path().endsWith("/")) {
        continue;
      }
      for (Path prefix : paths) {
        if (prefix.match() == PathMatch.CHARACTER_PREFIX
            && prefix.path().equals(exact.path() + "/")
            && prefix.backend().equals(exact.backend())
            && out.contains(prefix)
            && out.contains(exact)) {
          int i = out.indexOf(exact);
          out.set(i, new Path(exact.path(), PathMatch.PREFIX, exact.backend(), exact.at(), false));
          out.remove(prefix);
        }
      }
    }
    return out;
  }

  private static void router(
      ReadContext ctx,
      Manifest ing,
      String host,
      Path p,
      List<Manifest> middlewares,
      boolean routerTls,
      boolean allTlsEntryPoints,
      List<String> entryPoints,
      boolean redirectsEverything,
      Routers routers,
      Map<Manifest, Boolean> refusedServices) {
    RouteState state = new RouteState();
    for (Manifest m : middlewares) {
      Middlewares.apply(ctx, m, state, 0);
    }
    if (!backend(ctx, ing, p, state, refusedServices)) {
      return;
    }
    HostMatch hostMatch =
        host.isEmpty()
            ? HostMatch.ANY
            : host.startsWith("*.") ? HostMatch.WILDCARD_ONE_LABEL : HostMatch.EXACT;
    RuleMatch.Alternative alt =
        new RuleMatch.Alternative(host.toLowerCase(Locale.ROOT), hostMatch, p.path(), p.match());
    String secret = null;
    Source tlsAt = null;
    JsonNode tls = ing.tree().path("spec").path("tls");
    String covering = secretFor(tls, host);
    if (routerTls) {
      tlsAt = ing.annotationSource(keyAsWritten(ing, IngressAnnotations.ROUTER_TLS));
    } else if (allTlsEntryPoints) {
      tlsAt = ing.annotationSource(keyAsWritten(ing, IngressAnnotations.ROUTER_ENTRYPOINTS));
    } else if (entryPoints.isEmpty() && covering != null && ctx.config.anyTls()) {
      // traefik v3.7.9 ingress/kubernetes.go loadRouter: the router's TLS is router.tls only, and
      // spec.tls only loads certificates (getCertificates); a router on every entry point gets TLS
      // where the entry point has http.tls (pkg/server/aggregator.go applyModel), and none
      // without such an entry point.
      tlsAt = ing.source("/spec/tls");
    }
    if (tlsAt != null) {
      secret = covering == null ? "" : covering;
    }
    routers.add(
        new Routers.Router(
            ing,
            ing.source(p.at()),
            ctx.ingressTarget.ingressClass(validClass(ctx.ingressTarget, ingressClassOf(ing))),
            List.of(alt),
            state,
            secret,
            tlsHostsFor(tls, host),
            tlsAt,
            p.characterPrefix(),
            redirectsEverything));
  }

  private static String ingressClassOf(Manifest ing) {
    JsonNode n = ing.tree().path("spec").path("ingressClassName");
    if (n.isTextual()) {
      return n.asText();
    }
    return ing.annotation(IngressRouteReader.CLASS_ANNOTATION).orElse("traefik");
  }

  /** The class for the serving target, when it is a valid name (the option validates it). */
  private static String validClass(Traefik target, String cls) {
    List<dev.wsingress.Problem> problems = new ArrayList<>();
    SpecRules.dnsSubdomain(problems, "ingressClass", cls);
    return problems.isEmpty() ? cls : "traefik";
  }

  /** The hosts of the TLS section that covers {@code host}, in order (none: every host). */
  private static List<String> tlsHostsFor(JsonNode tls, String host) {
    for (JsonNode t : tls) {
      List<String> hosts = new ArrayList<>();
      boolean covers = false;
      for (JsonNode h : t.path("hosts")) {
        hosts.add(h.asText());
        covers |= h.asText().equalsIgnoreCase(host);
      }
      if (covers && !t.path("secretName").asText("").isEmpty()) {
        return hosts;
      }
    }
    return List.of();
  }

  /** The Secret of the TLS section that covers {@code host} (or one without hosts). */
  private static String secretFor(JsonNode tls, String host) {
    String any = null;
    for (JsonNode t : tls) {
      String secret = t.path("secretName").asText("");
      JsonNode hosts = t.path("hosts");
      if (hosts.size() == 0 && any == null && !secret.isEmpty()) {
        any = secret;
      }
      for (JsonNode h : hosts) {
        if (h.asText().equalsIgnoreCase(host) && !secret.isEmpty()) {
          return secret;
        }
      }
    }
    return any;
  }

  /**
   * The path's backend and what its Service's annotations say; false when Traefik skips the path
   * (the Service's annotations do not parse, or it is an ExternalName Service Traefik refuses).
   */
  private static boolean backend(
      ReadContext ctx, Manifest ing, Path p, RouteState state, Map<Manifest, Boolean> refused) {
    JsonNode svc = p.backend().path("service");
    String name = svc.path("name").asText("");
    JsonNode port = svc.path("port");
    String at = p.at() + "/backend/service";
    ServedBackend b;
    String portText;
    if (port.path("number").isIntegralNumber() && port.path("number").asInt() != 0) {
      b = ctx.in.backend(ing.namespace(), name, port.path("number").asInt());
      portText = port.path("number").asText();
    } else if (!port.path("name").asText("").isEmpty()) {
      b = ctx.in.backend(ing.namespace(), name, port.path("name").asText());
      portText = port.path("name").asText();
    } else {
      return false;
    }
    b = b.at(ing.source(at));
    state.backends.add(b);
    Optional<Manifest> service = b.serviceObject();
    String backendName =
        ReadContext.normalize(ing.namespace() + "-" + name + "-" + portText) + "@kubernetes";
    if (service.isEmpty()) {
      state.backendProtocol =
          Setting.byDefault(
              dev.wsingress.BackendProtocol.HTTP,
              "traefik v3.7.9 pkg/provider/kubernetes/ingress/kubernetes.go getProtocol (http"
                  + " unless port 443 or a port name starting with https)");
      return true;
    }
    Manifest s = service.get();
    Boolean skip = refused.get(s);
    if (skip == null) {
      ctx.out.understood(s);
      skip = AnnotationRules.check(ctx, s, IngressAnnotations.Place.SERVICE);
      refused.put(s, skip);
    }
    if (skip) {
      return false;
    }
    Unmodelled.annotations(ctx, s);
    if (s.tree().path("spec").path("type").asText("").equals("ExternalName")
        && !ctx.allowExternalName("kubernetesingress")) {
      // kubernetes.go loadService: "externalName services not allowed".
      if (ctx.once("externalname " + System.identityHashCode(ing) + " " + s.subject())) {
        ctx.report(
            ing,
            // traefik/traefik v3.7.9 pkg/provider/kubernetes/crd/kubernetes_http.go: "externalName
            // services not allowed" unless allowExternalNameServices (the Ingress provider
            // likewise, ingress/kubernetes.go)
            TraefikFinding.EXTERNAL_NAME,
            ing.source(at),
            s.subject()
                + " is an ExternalName Service, which Traefik refuses unless"
                + " providers.kubernetesIngress.allowExternalNameServices is true (false by"
                + " default): it skips this path.");
      }
      return false;
    }
    Map<String, String> a = lowered(s);
    if (read(IngressAnnotations.STICKY_COOKIE, a).orElse(false)) {
      CookieAffinity c =
          Affinity.cookie(
              StickyCookies.name(
                  read(IngressAnnotations.STICKY_COOKIE_NAME, a).orElse(""), backendName));
      c = c.httpOnly(read(IngressAnnotations.STICKY_COOKIE_HTTPONLY, a).orElse(false));
      Optional<Boolean> secure = read(IngressAnnotations.STICKY_COOKIE_SECURE, a);
      if (secure.isPresent()) {
        c = c.secure(secure.get());
      }
      dev.wsingress.SameSite sameSite =
          StickyCookies.sameSite(
              read(IngressAnnotations.STICKY_COOKIE_SAMESITE, a).orElse(""), ctx.version);
      if (sameSite != null) {
        c = c.sameSite(sameSite);
      }
      long maxAge = read(IngressAnnotations.STICKY_COOKIE_MAXAGE, a).orElse(0L);
      if (maxAge > 0) {
        c = c.maxAge(Duration.ofSeconds(maxAge));
      }
      Optional<String> path =
          read(IngressAnnotations.STICKY_COOKIE_PATH, a).filter(x -> !x.isEmpty());
      if (path.isPresent()) {
        c = c.path(path.get());
      }
      state.affinity =
          Setting.of(c, s.annotationSource(keyAsWritten(s, IngressAnnotations.STICKY_COOKIE)));
    }
    Optional<String> scheme = read(IngressAnnotations.SERVERS_SCHEME, a);
    state.backendProtocol =
        IngressRouteReader.ServiceEntries.protocol(
            scheme.orElse(""),
            s.annotationSource(keyAsWritten(s, IngressAnnotations.SERVERS_SCHEME)),
            b);
    Optional<String> transport =
        read(IngressAnnotations.SERVERS_TRANSPORT, a).filter(x -> !x.isEmpty());
    if (transport.isPresent()) {
      String key = keyAsWritten(s, IngressAnnotations.SERVERS_TRANSPORT);
      CrdReferences.fromAnnotation(
              ctx, s, "ServersTransport", transport.get(), key, s.annotationSource(key))
          .ifPresent(st -> IngressRouteReader.ServiceEntries.transport(ctx, st, name, state));
    }
    for (String mw : read(IngressAnnotations.SERVICE_MIDDLEWARES, a).orElse(List.of())) {
      if (!mw.isEmpty()) {
        String key = keyAsWritten(s, IngressAnnotations.SERVICE_MIDDLEWARES);
        CrdReferences.fromAnnotation(ctx, s, "Middleware", mw, key, s.annotationSource(key))
            .ifPresent(m -> Middlewares.apply(ctx, m, state, 0));
      }
    }
    return true;
  }

  /** The annotation key as the object writes it (Traefik ignores the case), or the table's key. */
  private static String keyAsWritten(Manifest m, IngressAnnotations.Key<?> key) {
    for (String k : m.annotations().keySet()) {
      if (k.equalsIgnoreCase(key.key())) {
        return k;
      }
    }
    return key.key();
  }
}
