package dev.wsingress.linkerd;

import dev.wsingress.Contributions;
import dev.wsingress.WebSocketApp;
import java.util.Locale;

/**
 * What an ingress controller needs so that the Linkerd-authorized ServiceAccount really reaches the
 * app: a MeshTLSAuthentication by {@code identityRefs} admits only clients with a mesh identity, so
 * the controller's pods must run a Linkerd proxy, in the mode its Linkerd guide names. From
 * linkerd/website (93f00175) linkerd.io/content/2.16 .. 2.19, docs (2.20) and 2-edge
 * tasks/using-ingress.md.
 *
 * <p>The controller is recognised by the display name of the target that contributed it (Linkerd
 * cannot depend on the ingress modules); examples' TrafficSourcesTest renders the real targets.
 */
final class IngressMeshing {
  private IngressMeshing() {}

  /** The steps for the controller of {@code source}, as one clause of a finding's message. */
  static String steps(Contributions.TrafficSource source, WebSocketApp app) {
    String by = source.by().toLowerCase(Locale.ROOT);
    if (by.contains("ingress-nginx")) {
      // "Nginx can be meshed normally"; "the namespace containing the ingress controller should
      // NOT be annotated ... annotate the kind: Deployment", Helm controller.podAnnotations;
      // "nginx.ingress.kubernetes.io/service-upstream annotation should be set to "true"", but
      // "For session stickiness, the ingress controller has to do its own endpoint selection".
      // Sticky sessions apply to WebSocket routes only (issue 13), which ingress-nginx renders
      // apart from the plain HTTP routes, and service-upstream is an annotation per Ingress:
      // ingress-nginx controller-v1.15.1 docs/user-guide/nginx-configuration/annotations.md
      // "Service Upstream", Known Issues: "Sticky Sessions will not work as only round-robin load
      // balancing is supported".
      boolean plainRoutes = app.routes().stream().anyMatch(r -> !r.isWebSocket());
      String clause;
      if (app.affinity().isEmpty()) {
        clause =
            app.routes().size() > 1
                ? ", and set nginx.ingress.kubernetes.io/service-upstream: \"true\" on every"
                    + " Ingress of the app so that it connects to the Services, as Linkerd's"
                    + " ingress guide asks"
                : ", and set nginx.ingress.kubernetes.io/service-upstream: \"true\" on the"
                    + " Ingress so that it connects to the Service, as Linkerd's ingress guide"
                    + " asks";
      } else if (plainRoutes) {
        clause =
            ", and set nginx.ingress.kubernetes.io/service-upstream: \"true\" only on the"
                + " Ingresses of the plain HTTP routes, as Linkerd's ingress guide asks: on the"
                + " WebSocket routes' Ingresses it would hand the choice of pod to Linkerd and"
                + " lose the sticky sessions";
      } else {
        clause =
            ", and leave out nginx.ingress.kubernetes.io/service-upstream, which would hand the"
                + " choice of pod to Linkerd and lose the sticky sessions";
      }
      return "add linkerd.io/inject: enabled to the controller's pod template (Helm"
          + " controller.podAnnotations; not to its namespace, whose admission Jobs would never"
          + " finish)"
          + clause;
    }
    if (by.contains("haproxy")) {
      // Linkerd's guide, "Haproxy": "should be meshed with ingress mode enabled" together with
      // "haproxy.org/request-set-header: l5d-dst-override web-svc.emojivoto.svc.cluster.local:80",
      // one per Ingress ("you can't combine more than one service ingress rule in an ingress
      // manifest"). The haproxy module writes no such header: HAProxy picks the pod itself (its
      // balancing, the sticky cookie). Without the header ingress mode gains nothing and only adds
      // the open relay. linkerd2-proxy release/v2.246.0 .. v2.359.0 (the .proxy-version of linkerd2
      // version-2.16 .. version-2.20) linkerd/app/outbound/src/ingress.rs SelectTarget: "Use
      // either the override header or the original destination address" (RequestTarget::Orig).
      // That address is the pod HAProxy chose, and it resolves as in the default mode
      // (discover.rs): the policy controller finds no Service for a pod IP (linkerd2 version-2.16
      // policy-controller/src/lib.rs, version-2.20 policy-controller/runtime/src/lib.rs
      // lookup_ip; NotFound), so the proxy forwards to the endpoint of the pod's profile, which
      // carries the pod's TLS identity (controller/api/destination/endpoint_translator.go
      // createWeightedAddr): mTLS, so the ServiceAccount identity the Server admits is kept.
      // Only ingress.rs reads l5d-dst-override (ingress_mode, app/outbound/src/lib.rs), so the
      // default mode follows no header a client sends.
      return "add linkerd.io/inject: enabled to the controller's pod template (Helm"
          + " controller.podAnnotations), the default mode: wsingress writes no l5d-dst-override"
          + " for HAProxy, which picks the pod itself, and Linkerd's proxy forwards each request to"
          + " that pod over mTLS with the controller's identity. Ingress mode, which Linkerd's"
          + " guide pairs with a haproxy.org/request-set-header l5d-dst-override per Service,"
          + " would hand the choice of pod to Linkerd and follow any l5d-dst-override a client"
          + " sends unless HAProxy strips it (an open relay)";
    }
    if (by.contains("traefik")) {
      // "Traefik should be meshed with ingress mode enabled, i.e. with the linkerd.io/inject:
      // ingress annotation"; "you must configure it to strip any incoming l5d-dst-override header
      // from client traffic to avoid creating an open relay"; "set this ingress annotation at the
      // workload level". The traefik module writes the l5d-dst-override Middleware.
      return "mesh the controller in ingress mode (linkerd.io/inject: ingress on its Deployment's"
          + " pod template, not its namespace), and make it strip any l5d-dst-override header"
          + " clients send, which ingress mode would otherwise follow (an open relay)";
    }
    return "add linkerd.io/inject to the controller's pod template (enabled, or ingress where"
        + " Linkerd's ingress guide asks for ingress mode)";
  }
}
