package dev.wsingress;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPathBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLSBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.ServiceBackendPortBuilder;
import java.util.ArrayList;
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
    List<IngressRule> rules = new ArrayList<>();
    for (String host : app.hosts()) {
      List<HTTPIngressPath> paths = new ArrayList<>();
      for (Route route : app.routes()) {
        ServiceBackendPortBuilder port = new ServiceBackendPortBuilder();
        if (app.servicePort().isPresent()) {
          port.withNumber(app.servicePort().getAsInt());
        } else {
          port.withName(app.servicePortName().orElseThrow());
        }
        paths.add(
            new HTTPIngressPathBuilder()
                .withPath(route.path())
                .withPathType(route.match() == Route.Match.EXACT ? "Exact" : "Prefix")
                .withNewBackend()
                .withNewService()
                .withName(app.serviceName())
                .withPort(port.build())
                .endService()
                .endBackend()
                .build());
      }
      rules.add(
          new IngressRuleBuilder().withHost(host).withNewHttp().withPaths(paths).endHttp().build());
    }
    IngressBuilder b =
        new IngressBuilder()
            .withMetadata(
                new ObjectMetaBuilder()
                    .withName(name)
                    .withNamespace(app.namespace())
                    .withLabels(app.objectLabels())
                    .withAnnotations(annotations)
                    .build())
            .withNewSpec()
            .withIngressClassName(ingressClassName)
            .withRules(rules)
            .endSpec();
    if (withTls && app.tls().isPresent()) {
      b.editSpec()
          .withTls(
              new IngressTLSBuilder()
                  .withHosts(app.tlsHosts())
                  .withSecretName(app.tls().get().secretName())
                  .build())
          .endSpec();
    }
    return b.build();
  }
}
