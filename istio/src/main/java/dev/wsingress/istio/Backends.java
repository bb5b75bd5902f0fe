package dev.wsingress.istio;

import dev.wsingress.Route;
import dev.wsingress.RouteBackend;
import dev.wsingress.WebSocketApp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Services the app's routes go to, each once, and what Istio needs to know of them: the host a
 * VirtualService destination and a DestinationRule name, and whether WebSocket routes, plain HTTP
 * routes or both go there.
 */
final class Backends {
  private Backends() {}

  /**
   * The subset WebSocket routes use on a Service that plain HTTP routes share: Istio applies a
   * DestinationRule to every route whose destination names its host (istio/istio 1.30.3
   * pilot/pkg/networking/core/route/route.go HashForHTTPDestination: the consistent hash comes from
   * the host's rule, its port-level settings or the destination's subset), so a subset keeps
   * affinity, idle timeouts and outlier detection off the plain routes. A subset without labels
   * holds every endpoint of the Service: istio/istio 1.30.3 pkg/config/validation/validation.go
   * validateSubset requires only a DNS-1123 name, pilot/pkg/xds/endpoints/endpoint_builder.go keeps
   * an endpoint whose labels include the subset's, and pkg/config/labels/instance.go SubsetOf holds
   * for no labels. Its traffic policy replaces the top-level one field by field
   * (pilot/pkg/networking/util/util.go mergeTrafficPolicy), so a top-level {@code tls} still
   * applies to it.
   */
  static final String WEBSOCKET_SUBSET = "websocket";

  /** One backend Service. */
  record Backend(
      String service, String host, boolean own, boolean webSocket, boolean plain, String ruleName) {

    /** Whether WebSocket and plain HTTP routes both go to this Service. */
    boolean shared() {
      return webSocket && plain;
    }

    /** The subset a route to this Service names: {@link #WEBSOCKET_SUBSET} on a shared one. */
    Optional<String> subset(Route r) {
      return r.isWebSocket() && shared() ? Optional.of(WEBSOCKET_SUBSET) : Optional.empty();
    }
  }

  /**
   * Every backend of the app's routes, in the order of the first route naming it. The app's own
   * Service's DestinationRule is named like the app (as for a single backend); another Service's is
   * {@code <app>-<service>}.
   */
  static List<Backend> of(WebSocketApp app) {
    Map<String, boolean[]> kinds = new LinkedHashMap<>();
    for (Route r : app.routes()) {
      boolean[] k = kinds.computeIfAbsent(service(app, r), s -> new boolean[2]);
      k[r.isWebSocket() ? 0 : 1] = true;
    }
    List<Backend> out = new ArrayList<>(kinds.size());
    for (Map.Entry<String, boolean[]> e : kinds.entrySet()) {
      boolean own = e.getKey().equals(app.serviceName());
      out.add(
          new Backend(
              e.getKey(),
              host(e.getKey(), app.namespace()),
              own,
              e.getValue()[0],
              e.getValue()[1],
              own ? app.name() : app.name() + "-" + e.getKey()));
    }
    return out;
  }

  /** The backend a route goes to. */
  static Backend forRoute(List<Backend> backends, WebSocketApp app, Route r) {
    String service = service(app, r);
    for (Backend b : backends) {
      if (b.service().equals(service)) {
        return b;
      }
    }
    throw new IllegalArgumentException("no backend " + service);
  }

  private static String service(WebSocketApp app, Route r) {
    return r.backend().map(RouteBackend::serviceName).orElse(app.serviceName());
  }

  /**
   * The FQDN of a Service in the cluster's default domain, as destinations and DestinationRules
   * name it: a short name would be read in the namespace of the rule, not of the Service (istio/api
   * 1.30.3 networking/v1alpha3/virtual_service.proto Destination.host: "To avoid potential
   * misconfiguration, it is recommended to always use fully qualified domain names over short
   * names").
   */
  static String host(String service, String namespace) {
    return service + "." + namespace + ".svc.cluster.local";
  }

  /**
   * A host as Istio reads it in an object of {@code namespace}: istio/istio 1.30.3
   * pilot/pkg/model/config.go ResolveShortnameToFQDN appends {@code .<namespace>.svc.cluster.local}
   * to a name without a dot ({@code meta.Domain} is the cluster's domain suffix, {@code
   * cluster.local} by default) and keeps {@code *}, IP addresses and every name with a dot as
   * written. It resolves VirtualService hosts and destinations (model/virtualservice.go
   * ResolveVirtualServiceShortnames) and DestinationRule hosts (model/push_context.go
   * setDestinationRules), each relative to its own object's namespace.
   */
  static String resolve(String host, String namespace) {
    if (host.isEmpty() || host.equals("*") || host.indexOf('.') >= 0 || host.indexOf(':') >= 0) {
      return host;
    }
    return namespace.isEmpty() ? host : host + "." + namespace + ".svc.cluster.local";
  }

  /**
   * The Kubernetes Service a resolved host names, as {@code [namespace, name]}: Istio's registry
   * knows a Service only as {@code <name>.<namespace>.svc.<domain>} (the form {@link #resolve}
   * gives); null for any other host (another registry's, a ServiceEntry's, a wildcard).
   */
  static String[] serviceOf(String fqdn) {
    String[] labels = fqdn.split("\\.", -1);
    if (labels.length >= 4 && labels[2].equals("svc") && !fqdn.startsWith("*")) {
      for (String l : labels) {
        if (l.isEmpty()) {
          return null;
        }
      }
      return new String[] {labels[1], labels[0]};
    }
    return null;
  }

  /**
   * The Service a host names in {@code namespace}: its FQDN as {@link #host} writes it, or a short
   * name, which Istio reads in the rule's namespace; empty for another namespace or domain.
   */
  static Optional<String> service(String host, String namespace) {
    if (host.indexOf('.') < 0) {
      return Optional.of(host);
    }
    String suffix = "." + namespace + ".svc.cluster.local";
    if (host.endsWith(suffix) && host.indexOf('.') == host.length() - suffix.length()) {
      return Optional.of(host.substring(0, host.length() - suffix.length()));
    }
    return Optional.empty();
  }
}
