package dev.wsingress;

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
 * The {@code networking.k8s.io/v1} Ingress of an app, for the targets whose controller reads
 * Ingresses (ingress-nginx, Traefik's Ingress provider, HAProxy): one rule per host, one path per
 * route ({@code Prefix} or {@code Exact}) to the backend Service port, the app's labels, the
 * target's annotations, and optionally the TLS section.
 *
 * <pre>{@code
 * Ingress ingress = Ingresses.of(app, app.name(), "nginx", annotations, true);
 * }</pre>
 */
public final class Ingresses {
  private Ingresses() {}

  /**
   * The app's Ingress.
   *
   * @param name the object name (the app's name, or a suffixed one for a second Ingress)
   * @param ingressClassName {@code spec.ingressClassName}
   * @param annotations the controller's annotations
   * @param withTls whether to write the app's TLS section (when it has one)
   */
  public static Ingress of(
      WebSocketApp app,
      String name,
      String ingressClassName,
      Map<String, String> annotations,
      boolean withTls) {
    // Plain constructors and setters, not fabric8's builders: each builder `withX(object)` deep
    // copies its argument through nested builders, which made this method most of a cold
    // nginx render (measured with JFR over 3000 apps). The objects are the same.
    List<IngressRule> rules = new ArrayList<>(app.hosts().size());
    for (String host : app.hosts()) {
      List<HTTPIngressPath> paths = new ArrayList<>(app.routes().size());
      for (Route route : app.routes()) {
        ServiceBackendPort port = new ServiceBackendPort();
        if (app.servicePort().isPresent()) {
          port.setNumber(app.servicePort().getAsInt());
        } else {
          port.setName(app.servicePortName().orElseThrow());
        }
        IngressServiceBackend service = new IngressServiceBackend();
        service.setName(app.serviceName());
        service.setPort(port);
        IngressBackend backend = new IngressBackend();
        backend.setService(service);
        HTTPIngressPath path = new HTTPIngressPath();
        path.setPath(route.path());
        path.setPathType(route.match() == Route.Match.EXACT ? "Exact" : "Prefix");
        path.setBackend(backend);
        paths.add(path);
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
}
