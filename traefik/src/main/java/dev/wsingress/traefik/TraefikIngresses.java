package dev.wsingress.traefik;

import dev.wsingress.Route;
import dev.wsingress.RouteBackend;
import dev.wsingress.WebSocketApp;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressRuleValue;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressSpec;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.ServiceBackendPort;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes Ingresses of the Ingress form: one per group of routes whose router annotations
 * are equal, each path to its route's own backend.
 *
 * <p>traefik v3.7.9 pkg/provider/kubernetes/ingress/kubernetes.go {@code
 * loadConfigurationFromIngresses} makes one router per host and path of every Ingress, each with
 * that Ingress's router annotations ({@code loadRouter}) and a service per backend Service port
 * ({@code <namespace>-<service>-<port>}, read with that Service's own annotations); the routers of
 * all Ingresses on an entry point are then chosen by priority alone. So Ingresses on one host
 * combine path by path, each path keeping its own Ingress's middlewares, and Ingress precedence is
 * kept by {@link Priorities}. The TLS certificates of every Ingress go into one store, keyed by
 * namespace and Secret ({@code getCertificates}), so repeating the section on each Ingress adds
 * none.
 */
final class TraefikIngresses {
  private TraefikIngresses() {}

  /**
   * An Ingress for {@code routes} of {@code app} on every host of the app.
   *
   * @param withTls whether to write the app's TLS section (when it has one)
   */
  static Ingress of(
      WebSocketApp app,
      String name,
      String ingressClassName,
      Map<String, String> annotations,
      List<Route> routes,
      boolean withTls) {
    List<IngressRule> rules = new ArrayList<>(app.hosts().size());
    for (String host : app.hosts()) {
      List<HTTPIngressPath> paths = new ArrayList<>();
      for (Route route : routes) {
        paths.addAll(paths(route));
      }
      HTTPIngressRuleValue http = new HTTPIngressRuleValue();
      http.setPaths(paths);
      IngressRule rule = new IngressRule();
      rule.setHost(host);
      rule.setHttp(http);
      rules.add(rule);
    }
    ObjectMeta metadata = app.objectMeta(name);
    metadata.setAnnotations(new LinkedHashMap<>(annotations));
    IngressSpec spec = new IngressSpec();
    spec.setIngressClassName(ingressClassName);
    spec.setRules(rules);
    if (withTls && app.tls().isPresent()) {
      IngressTLS tls = new IngressTLS();
      tls.setHosts(new ArrayList<>(app.tlsHosts()));
      tls.setSecretName(app.tls().get().secretName());
      List<IngressTLS> tlsList = new ArrayList<>(1);
      tlsList.add(tls);
      spec.setTls(tlsList);
    }
    Ingress ingress = new Ingress();
    ingress.setApiVersion("networking.k8s.io/v1");
    ingress.setKind("Ingress");
    ingress.setMetadata(metadata);
    ingress.setSpec(spec);
    return ingress;
  }

  /**
   * A route's Ingress paths. A {@code Prefix} path {@code /p} (not ending in {@code /}) is written
   * as {@code Exact /p} plus {@code Prefix /p/}, so that it matches whole segments on every
   * release: {@code loadRouter}'s {@code buildRule} turns {@code Prefix /ws} into the
   * character-wise {@code PathPrefix("/ws")}, which also matches {@code /wsx}, unless {@code
   * providers.kubernetesIngress.strictPrefixMatching} is set (default false, added in v3.5.0);
   * {@code Exact} becomes {@code Path} and {@code Prefix /ws/} the segment-wise {@code
   * PathPrefix("/ws/")} either way. Kubernetes gives both paths the meaning of {@code Prefix /ws}.
   */
  static List<HTTPIngressPath> paths(Route route) {
    String p = route.path();
    if (route.match() == Route.Match.EXACT) {
      return List.of(path(p, "Exact", route.backend().orElseThrow()));
    }
    if (p.endsWith("/")) {
      return List.of(path(p, "Prefix", route.backend().orElseThrow()));
    }
    return List.of(
        path(p, "Exact", route.backend().orElseThrow()),
        path(p + "/", "Prefix", route.backend().orElseThrow()));
  }

  /**
   * The length of each rule {@code buildRule} makes for the route's paths, without the host part:
   * {@code Path("/p")} or {@code PathPrefix("/p/")} (Go's {@code %q} of a valid spec path adds only
   * the two quotes).
   */
  static Priorities.Lengths ruleLengths(Route route) {
    int min = Integer.MAX_VALUE;
    int max = 0;
    for (HTTPIngressPath path : paths(route)) {
      String matcher = path.getPathType().equals("Exact") ? "Path" : "PathPrefix";
      int length = (matcher + "(\"" + path.getPath() + "\")").length();
      min = Math.min(min, length);
      max = Math.max(max, length);
    }
    return new Priorities.Lengths(min, max);
  }

  /** The host part {@code Host("h") && } of a router's rule on {@code host}. */
  static int hostLength(String host) {
    return ("Host(\"" + host + "\") && ").length();
  }

  private static HTTPIngressPath path(String value, String type, RouteBackend backend) {
    ServiceBackendPort port = new ServiceBackendPort();
    if (backend.port().isPresent()) {
      port.setNumber(backend.port().getAsInt());
    } else {
      port.setName(backend.portName().orElseThrow());
    }
    IngressServiceBackend service = new IngressServiceBackend();
    service.setName(backend.serviceName());
    service.setPort(port);
    IngressBackend ingressBackend = new IngressBackend();
    ingressBackend.setService(service);
    HTTPIngressPath path = new HTTPIngressPath();
    path.setPath(value);
    path.setPathType(type);
    path.setBackend(ingressBackend);
    return path;
  }
}
