package dev.wsingress.istio;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsingress.Manifest;
import dev.wsingress.Manifests;
import dev.wsingress.Reading;
import dev.wsingress.ServedBackend;
import dev.wsingress.ServedRoute;
import dev.wsingress.ServedRoute.HostMatch;
import dev.wsingress.ServedRoute.PathMatch;
import dev.wsingress.Setting;
import dev.wsingress.Tls;
import java.time.Duration;
import java.util.Optional;

/**
 * Kubernetes Ingresses that Istio's ingress controller serves, read as istio/istio 1.30.3
 * pilot/pkg/config/kube/ingress converts them: a Gateway on the ingress gateway ({@code istio:
 * ingressgateway}) with port 80 for every host and port 443 per {@code tls} entry (gateways.go),
 * and one VirtualService per host whose routes keep Ingress semantics (virtualservices.go).
 *
 * <p>Which Ingresses (virtualservices.go shouldProcessIngressWithClass, with the mesh defaults of
 * pkg/config/mesh/mesh.go: {@code ingressControllerMode: STRICT}, {@code ingressClass: istio}): the
 * annotation {@code kubernetes.io/ingress.class} decides when present ({@code istio} only);
 * otherwise an IngressClass named by {@code spec.ingressClassName} must have {@code
 * spec.controller: istio.io/ingress-controller}; without either, STRICT serves nothing. An Ingress
 * without a class in a cluster whose default IngressClass (in the input) is Istio's gets that class
 * at admission. Istio's installation creates no IngressClass, so a class named {@code istio} that
 * is not in the input is read as served and reported (its docs' Ingress task creates one).
 *
 * <p>Paths: {@code Exact} is exact; {@code Prefix} is Envoy's path-separated prefix (route.go
 * TranslateRouteMatch with Ingress semantics; {@code /} takes every path); without a path type or
 * with {@code ImplementationSpecific}, createFallbackStringMatch: empty, {@code *}, {@code /*} and
 * {@code .*} take every path, {@code p.*} and {@code p/*} are prefixes of {@code p} (path-separated
 * too), anything else is exact. {@code spec.defaultBackend} is ignored (ingress.go RuleCollection).
 * Longer paths sort first, exact before prefix (sortHTTPRoutes), as {@link ServedRoute#PRECEDENCE}
 * orders them.
 */
final class IngressReader {
  static final String CONTROLLER = "istio.io/ingress-controller";
  static final String CLASS = "istio";
  private static final String CLASS_ANNOTATION = "kubernetes.io/ingress.class";

  private final Istio target;
  private final Manifests in;
  private final Reading out;
  private final DestinationRuleReader drs;
  private final RouteRules rules;

  IngressReader(Istio target, RouteRules rules, DestinationRuleReader drs) {
    this.target = target;
    this.in = rules.input();
    this.out = rules.output();
    this.drs = drs;
    this.rules = rules;
  }

  void readAll() {
    for (Manifest ing : in.objects("networking.k8s.io", "Ingress")) {
      if (served(ing)) {
        read(ing);
      }
    }
  }

  private boolean served(Manifest ing) {
    Optional<String> annotation = ing.annotation(CLASS_ANNOTATION);
    if (annotation.isPresent()) {
      return annotation.get().equals(CLASS);
    }
    String cls = ing.tree().path("spec").path("ingressClassName").asText("");
    if (!cls.isEmpty()) {
      Optional<Manifest> ic = in.ingressClass(cls);
      if (ic.isPresent()) {
        return CONTROLLER.equals(ic.get().tree().path("spec").path("controller").asText());
      }
      if (cls.equals(CLASS)) {
        out.report(
            ing,
            IstioFinding.INGRESS_CLASS_NOT_IN_INPUT,
            ing.source("/spec/ingressClassName"),
            "the IngressClass istio is not in the input: Istio serves this Ingress only if it"
                + " exists with spec.controller: "
                + CONTROLLER
                + " (Istio's installation creates none; without it the default STRICT mode"
                + " serves no Ingress by class name), and it is read as if it does.");
        return true;
      }
      return false;
    }
    for (Manifest ic : in.defaultIngressClasses()) {
      if (CONTROLLER.equals(ic.tree().path("spec").path("controller").asText())) {
        return true;
      }
    }
    return false;
  }

  private void read(Manifest ing) {
    out.understood(ing);
    JsonNode spec = ing.tree().path("spec");
    if (spec.has("defaultBackend")) {
      out.report(
          ing,
          IstioFinding.INGRESS_DEFAULT_BACKEND,
          ing.source("/spec/defaultBackend"),
          "Istio ignores spec.defaultBackend (istio/istio 1.30.3"
              + " pilot/pkg/config/kube/ingress/ingress.go: \"Ignore default wildcard ingress\"):"
              + " requests that match no rule get 404.");
    }
    JsonNode rules = spec.path("rules");
    for (int r = 0; r < rules.size(); r++) {
      JsonNode rule = rules.get(r);
      String host = rule.path("host").asText("");
      Optional<Setting<Tls>> tls = tls(ing, host);
      JsonNode paths = rule.path("http").path("paths");
      for (int p = 0; p < paths.size(); p++) {
        route(ing, host, tls, paths.get(p), "/spec/rules/" + r + "/http/paths/" + p);
      }
    }
  }

  /** A {@code tls} entry for the host (no hosts: every host) becomes a 443 server (gateways.go). */
  private static Optional<Setting<Tls>> tls(Manifest ing, String host) {
    JsonNode entries = ing.tree().path("spec").path("tls");
    for (int i = 0; i < entries.size(); i++) {
      JsonNode t = entries.get(i);
      String secret = t.path("secretName").asText("");
      if (secret.isEmpty()) {
        continue;
      }
      boolean covers = t.path("hosts").isEmpty();
      for (JsonNode h : t.path("hosts")) {
        covers |= GatewayReader.matches(h.asText(), host.isEmpty() ? "*" : host);
      }
      if (covers) {
        // gateways.go convertIngressV1alpha3: HttpsRedirect false on the 443 server, and the
        // port-80 server has no TLS settings, so plain HTTP is served too.
        return Optional.of(
            Setting.of(
                Tls.secret(secret).redirect(false), ing.source("/spec/tls/" + i + "/secretName")));
      }
    }
    return Optional.empty();
  }

  private void route(
      Manifest ing, String host, Optional<Setting<Tls>> tls, JsonNode path, String pointer) {
    ServedRoute.Builder b =
        ServedRoute.builder(target, ing, ing.source(pointer))
            .host(
                host,
                host.isEmpty()
                    ? HostMatch.ANY
                    : host.startsWith("*.") ? HostMatch.WILDCARD_SUFFIX : HostMatch.EXACT);
    String p = path.path("path").asText("");
    switch (path.path("pathType").asText("")) {
      case "Exact":
        b.path(p, PathMatch.EXACT);
        break;
      case "Prefix":
        b.path(p.isEmpty() ? "/" : p, PathMatch.PREFIX);
        break;
      default:
        if (p.isEmpty() || p.equals("*") || p.equals("/*") || p.equals(".*")) {
          b.path("/", PathMatch.PREFIX);
        } else if (p.endsWith(".*") || p.endsWith("/*")) {
          String base = p.substring(0, p.length() - 2);
          b.path(base.isEmpty() ? "/" : base, PathMatch.PREFIX);
        } else {
          b.path(p, PathMatch.EXACT);
        }
    }
    JsonNode svc = path.path("backend").path("service");
    String name = svc.path("name").asText("");
    DestinationRuleReader.Policy policy = DestinationRuleReader.Policy.NONE;
    String fqdn = null;
    if (!name.isEmpty()) {
      JsonNode port = svc.path("port");
      ServedBackend backend;
      Integer number = null;
      if (port.path("number").isIntegralNumber()) {
        number = port.path("number").asInt();
        backend = in.backend(ing.namespace(), name, number);
      } else {
        backend = in.backend(ing.namespace(), name, port.path("name").asText(""));
        if (backend.servicePort().isPresent()) {
          number = backend.servicePort().get().path("port").asInt();
        }
      }
      b.backend(backend.at(ing.source(pointer + "/backend/service")));
      fqdn = ing.namespace().isEmpty() ? name : Backends.host(name, ing.namespace());
      policy =
          DestinationRuleReader.policy(
              drs.lookup(fqdn, ing.namespace(), DestinationRuleReader.ROOT_NAMESPACE, null),
              null,
              number);
    }
    RouteRules.settings(
        b, policy, true, tls, Setting.byDefault(Duration.ZERO, RouteRules.ROUTE_TIMEOUT_DEFAULT));
    ServedRoute route = b.build();
    out.add(route);
    if (fqdn != null) {
      rules.policyRules(route, policy, true, fqdn);
    }
    if (route.isWebSocket()) {
      rules.webSocketRules(route, policy, ing, null, "\"" + route.path() + "\"");
    }
  }
}
