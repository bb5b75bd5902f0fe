package dev.wsingress.istio;

import dev.wsingress.Rendering;
import dev.wsingress.WebSocketApp;
import io.fabric8.istio.api.api.networking.v1alpha3.Server;
import io.fabric8.istio.api.api.networking.v1alpha3.ServerBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.ServerTLSSettingsTLSmode;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.GatewayBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The ingress Gateway: an HTTP server on 80 and, with TLS, an HTTPS server on 443. */
final class Gateways {
  private Gateways() {}

  static Gateway gateway(WebSocketApp app, Map<String, String> selector, Rendering.Builder out) {
    String subject = "Gateway " + app.namespace() + "/" + app.name();
    List<Server> servers = new ArrayList<>();
    ServerBuilder http =
        new ServerBuilder()
            .withHosts(app.hosts())
            .withNewPort()
            .withName("http")
            .withNumber(80L)
            .withProtocol("HTTP")
            .endPort();
    boolean redirect = app.tls().isPresent() && app.tls().get().redirect();
    if (redirect) {
      // tls.httpsRedirect gives the host's port-80 virtual host require_tls ALL (istio/istio
      // 1.30.3 pilot/pkg/networking/core/gateway.go:488-535). That virtual host is shared by
      // every Gateway's port-80 server on the workload, an Ingress converted by Istio included
      // (pilot/pkg/config/kube/ingress/gateways.go:80-86: port 80, hosts "*"), and Envoy answers
      // it with a 301 before matching any route (envoy source/common/router/config_impl.cc
      // VirtualHostImpl::getRouteFromEntries, "First check for ssl redirect").
      http.withNewTls().withHttpsRedirect(true).endTls();
      out.add(
          // istio/api 1.30.3 networking/v1alpha3/gateway.proto: ServerTLSSettings.httpsRedirect:
          // "the load balancer will send a 301 redirect for all http connections"
          IstioFinding.HTTPS_REDIRECT.at(
              subject,
              "plain-HTTP requests for "
                  + String.join(", ", app.hosts())
                  + " get a 301 to https before any route is matched: ws:// handshakes, which"
                  + " RFC 6455 clients need not follow, and the HTTP-01 challenges of a"
                  + " cert-manager solver routed through this gateway workload too, since every"
                  + " Gateway's port-80 server there shares the host's virtual host."));
    }
    servers.add(http.build());
    if (app.tls().isPresent()) {
      String secret = app.tls().get().secretName();
      servers.add(
          new ServerBuilder()
              .withHosts(app.tlsHosts())
              .withNewPort()
              .withName("https")
              .withNumber(443L)
              .withProtocol("HTTPS")
              .endPort()
              .withNewTls()
              .withMode(ServerTLSSettingsTLSmode.SIMPLE)
              .withCredentialName(secret)
              .endTls()
              .build());
      out.add(
          // istio/api 1.30.3 networking/v1alpha3/gateway.proto: ServerTLSSettings.credentialName:
          // the Secret "must reside in the same namespace as the gateway workload"
          IstioFinding.CREDENTIAL_NAMESPACE.at(
              subject,
              "credentialName "
                  + secret
                  + " is read from the namespace of the gateway workload (selected by "
                  + selector
                  + "), not from the Gateway's namespace "
                  + app.namespace()
                  + "."));
    }
    if (app.tls().isPresent()) {
      for (String host : app.hosts()) {
        if (app.tlsHosts().contains(host)) {
          continue;
        }
        for (String tlsHost : app.tlsHosts()) {
          if (GatewayReader.sniCovers(tlsHost, host)) {
            out.add(
                IstioFinding.TLS_WILDCARD_SNI.at(
                    subject,
                    host
                        + " is not a TLS host of the app, but the HTTPS server's host "
                        + tlsHost
                        + " matches its server names (SNI), so the gateway terminates TLS for it"
                        + " with "
                        + app.tls().get().secretName()
                        + " too."));
            break;
          }
        }
      }
    }
    return new GatewayBuilder()
        .withMetadata(app.objectMeta(app.name()))
        .withNewSpec()
        .withSelector(selector)
        .withServers(servers)
        .endSpec()
        .build();
  }
}
