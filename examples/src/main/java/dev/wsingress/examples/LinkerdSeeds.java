package dev.wsingress.examples;

import dev.wsingress.WebSocketApp;
import dev.wsingress.linkerd.Linkerd;
import dev.wsingress.nginx.Nginx;

/**
 * The Linkerd configuration of seed 000 ("Linkerd Configuration": ServerAuthorization, Server,
 * Service), rebuilt with the DSL and combined with the ingress-nginx Ingress, whose controller must
 * be meshed as {@code LINKERD-INGRESS-ACCOUNT} says for the set to carry a socket. Corrections
 * follow {@code shared/research/controllers.md} section 5: {@code policy.linkerd.io/v1beta3} Server
 * (v1beta1 is deprecated); {@code proxyProtocol: HTTP/1} (the seed's {@code HTTP/1.1} is refused by
 * the policy webhook); an AuthorizationPolicy and a MeshTLSAuthentication by ServiceAccount instead
 * of a ServerAuthorization whose selector matches Servers by labels the seed's Server does not
 * have, with an identity in the wrong form ({@code cluster.local/ns/default/sa/websocket-client});
 * the ingress controller authorized too (the Server denies everyone else, the controller included);
 * {@code linkerd.io/inject} and the proxy resources on the pod template, not on the Service, where
 * they do nothing.
 */
public final class LinkerdSeeds {
  private LinkerdSeeds() {}

  /** The app behind the seed's Server and Service. */
  public static WebSocketApp app() {
    return WebSocketApp.on("ws.example.com")
        .name("websocket")
        .namespace("default")
        .label("app", "websocket")
        .path("/ws")
        .service("websocket-service", 8080)
        .build();
  }

  /** The seed's client and proxy resources, plus the ingress controller that must reach it. */
  public static Linkerd target() {
    return Linkerd.target()
        .allowFrom(Linkerd.serviceAccount("default", "websocket-client"), Linkerd.ingressNginx())
        .proxyResources("100m", "20Mi", "1", "250Mi");
  }

  /** The ingress in front (any Ingress-based target works the same). */
  public static Nginx ingress() {
    return Nginx.target().ingressClass("nginx");
  }
}
