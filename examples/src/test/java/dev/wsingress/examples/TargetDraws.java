package dev.wsingress.examples;

import dev.wsingress.Target;
import dev.wsingress.gatewayapi.GatewayApi;
import dev.wsingress.haproxy.HaProxy;
import dev.wsingress.istio.Istio;
import dev.wsingress.linkerd.Linkerd;
import dev.wsingress.nginx.Nginx;
import dev.wsingress.platform.Platform;
import dev.wsingress.traefik.Traefik;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random configurations of every target, over the options each documents, strict and lenient.
 *
 * <pre>{@code
 * TargetDraws.of("nginx").sample().target().render(app);
 * }</pre>
 */
final class TargetDraws {
  private TargetDraws() {}

  /**
   * A configured target: the target, whether its output uses the experimental Gateway API channel,
   * and whether it is lenient.
   */
  record Drawn(String id, Target target, boolean experimental, boolean lenient) {
    @Override
    public String toString() {
      return target.toString() + (lenient ? " (lenient)" : "");
    }
  }

  static final List<String> IDS =
      List.of("nginx", "traefik", "haproxy", "istio", "linkerd", "gateway-api", "platform");

  private static final Arbitrary<String> NAME =
      Arbitraries.of("nginx", "edge", "0o17", "y", "ingress-nginx", "kube-system", "a");
  private static final Arbitrary<String> NAMESPACE =
      Arbitraries.of("ingress-nginx", "infra", "default", "0x1f", "on", "traefik");

  private static <T> Arbitrary<UnaryOperator<T>> maybe(Arbitrary<UnaryOperator<T>> step) {
    return step.optional(0.5).map(o -> o.orElse(t -> t));
  }

  private static <T> UnaryOperator<T> all(List<UnaryOperator<T>> steps) {
    return t -> {
      T x = t;
      for (UnaryOperator<T> s : steps) {
        x = s.apply(x);
      }
      return x;
    };
  }

  private static final java.util.Map<String, Arbitrary<Drawn>> DRAWS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** The configurations of one target (built once per target). */
  static Arbitrary<Drawn> of(String id) {
    return DRAWS.computeIfAbsent(id, TargetDraws::draws);
  }

  private static Arbitrary<Drawn> draws(String id) {
    Arbitrary<Boolean> lenient = Arbitraries.of(false, true);
    return switch (id) {
      case "nginx" -> Combinators.combine(nginx(), lenient).as((t, l) -> drawn(id, t, false, l));
      case "traefik" ->
          Combinators.combine(traefik(), lenient).as((t, l) -> drawn(id, t, false, l));
      case "haproxy" ->
          Combinators.combine(haproxy(), lenient).as((t, l) -> drawn(id, t, false, l));
      case "istio" -> Combinators.combine(istio(), lenient).as((t, l) -> drawn(id, t, false, l));
      case "linkerd" ->
          Combinators.combine(linkerd(), lenient).as((t, l) -> drawn(id, t, false, l));
      case "gateway-api" ->
          Combinators.combine(gatewayApi(), Arbitraries.of(false, true), lenient)
              .as((t, x, l) -> drawn(id, x ? t.experimental() : t, x, l));
      case "platform" ->
          Combinators.combine(platform(), lenient).as((t, l) -> drawn(id, t, false, l));
      default -> throw new IllegalArgumentException(id);
    };
  }

  private static Drawn drawn(String id, Target t, boolean experimental, boolean lenient) {
    return new Drawn(id, lenient ? t.lenient() : t, experimental, lenient);
  }

  private static <T> Arbitrary<UnaryOperator<Nginx.ControllerConfig>> cfg(
      Arbitrary<T> values,
      java.util.function.BiFunction<Nginx.ControllerConfig, T, Nginx.ControllerConfig> set) {
    return values
        .map(v -> (UnaryOperator<Nginx.ControllerConfig>) c -> set.apply(c, v))
        .optional(0.4)
        .map(o -> o.orElse(c -> c));
  }

  private static Arbitrary<Target> nginx() {
    List<Arbitrary<UnaryOperator<Nginx.ControllerConfig>>> steps =
        List.of(
            cfg(
                Arbitraries.longs().between(1, 86400).map(Duration::ofSeconds),
                Nginx.ControllerConfig::proxyReadTimeout),
            cfg(
                Arbitraries.longs().between(1, 86400).map(Duration::ofSeconds),
                Nginx.ControllerConfig::proxySendTimeout),
            cfg(
                Arbitraries.longs().between(1, 75).map(Duration::ofSeconds),
                Nginx.ControllerConfig::proxyConnectTimeout),
            cfg(Arbitraries.of("4k", "16k", "1m", "8k"), Nginx.ControllerConfig::proxyBufferSize),
            cfg(
                Arbitraries.integers().between(1, 1024),
                Nginx.ControllerConfig::proxyBuffersNumber),
            cfg(Arbitraries.of("8k", "64k"), Nginx.ControllerConfig::proxyBusyBuffersSize),
            cfg(Arbitraries.of("0", "1024m"), Nginx.ControllerConfig::proxyMaxTempFileSize),
            cfg(
                Arbitraries.integers().between(0, 100_000),
                (c, n) -> c.upstreamKeepalive(n, 10_000, Duration.ofSeconds(60))),
            cfg(Arbitraries.integers().between(1, 1024), Nginx.ControllerConfig::workerProcesses),
            cfg(Arbitraries.just(0), (c, n) -> c.workerProcessesAuto()),
            cfg(
                Arbitraries.integers().between(1, 10_000_000),
                Nginx.ControllerConfig::maxWorkerConnections),
            cfg(
                Arbitraries.longs().between(1, 86400).map(Duration::ofSeconds),
                Nginx.ControllerConfig::workerShutdownTimeout),
            cfg(Arbitraries.integers().between(400, 599), Nginx.ControllerConfig::limitStatusCodes),
            cfg(
                Arbitraries.of("$remote_addr $http_x_forwarded_for", "$http_x", "0o17", "y"),
                Nginx.ControllerConfig::logFormatUpstream),
            cfg(Arbitraries.of("TLSv1.2", "TLSv1.3"), (c, p) -> c.sslProtocols(p)),
            cfg(
                Arbitraries.of("ECDHE-ECDSA-AES128-GCM-SHA256", "HIGH:!aNULL"),
                Nginx.ControllerConfig::sslCiphers),
            cfg(Arbitraries.of(true, false), Nginx.ControllerConfig::useHttp2),
            cfg(
                Arbitraries.integers().between(1, 64),
                (c, n) -> c.largeClientHeaderBuffers(n, "8k")),
            cfg(Arbitraries.of(true, false), Nginx.ControllerConfig::useProxyProtocol));
    Arbitrary<UnaryOperator<Nginx.ControllerConfig>> config =
        Combinators.combine(steps).as(TargetDraws::all);
    return Combinators.combine(
            NAME.optional(0.4),
            Combinators.combine(NAMESPACE, NAME, config)
                .as((ns, n, apply) -> apply.apply(Nginx.ControllerConfig.in(ns, n)))
                .optional(0.5),
            Arbitraries.of(
                    "add_header X-Frame-Options DENY;",
                    "add_header X-Id 0o17;\nadd_header X-Yes yes;\n")
                .optional(0.2))
        .as(
            (ingressClass, controllerConfig, snippet) -> {
              Nginx n = Nginx.target();
              n = ingressClass.map(n::ingressClass).orElse(n);
              n = controllerConfig.map(n::controllerConfig).orElse(n);
              return snippet.map(n::rawServerSnippet).orElse(n);
            });
  }

  private static Arbitrary<Target> traefik() {
    return Combinators.combine(
            Arbitraries.of(true, false),
            Combinators.combine(
                    Arbitraries.of("web", "http", "0o17"),
                    Arbitraries.of("websecure", "https", "y"))
                .as(List::of)
                .optional(0.4),
            NAME.optional(0.3),
            Arbitraries.of(
                    "ResponseCodeRatio(500, 600, 0, 600) > 0.30",
                    "NetworkErrorRatio() > 0.5",
                    "LatencyAtQuantileMS(50.0) > 100 || NetworkErrorRatio() > 0.10")
                .optional(0.3),
            Arbitraries.integers().between(0, 10).optional(0.3),
            Arbitraries.of(true, false))
        .as(
            (crd, entryPoints, ingressClass, breaker, depth, headers) -> {
              Traefik t = crd ? Traefik.target() : Traefik.ingress();
              if (entryPoints.isPresent()) {
                t = t.entryPoints(entryPoints.get().get(0), entryPoints.get().get(1));
              }
              t = ingressClass.map(t::ingressClass).orElse(t);
              t = breaker.map(t::circuitBreaker).orElse(t);
              t = depth.map(t::clientIpDepth).orElse(t);
              return headers ? t.securityHeaders() : t;
            });
  }

  private static Arbitrary<Target> haproxy() {
    return Combinators.combine(
            NAME.optional(0.4),
            Combinators.combine(NAMESPACE, NAME).as(List::of).optional(0.4),
            Arbitraries.of(true, false))
        .as(
            (ingressClass, config, backend) -> {
              HaProxy h = HaProxy.target();
              h = ingressClass.map(h::ingressClass).orElse(h);
              if (config.isPresent()) {
                h = h.controllerConfig(config.get().get(0), config.get().get(1));
              }
              return backend ? h.backendResource() : h;
            });
  }

  private static Arbitrary<Target> istio() {
    return Combinators.combine(
            Combinators.combine(Arbitraries.of("istio", "app", "0o17"), NAME)
                .as(List::of)
                .optional(0.4),
            Combinators.combine(NAMESPACE, NAME).as(List::of).optional(0.4),
            Combinators.combine(
                    Arbitraries.integers().between(0, 100), Arbitraries.integers().between(0, 100))
                .as(List::of)
                .optional(0.4))
        .as(
            (selector, gateway, outlier) -> {
              Istio i = Istio.target();
              if (selector.isPresent()) {
                i = i.gatewaySelector(selector.get().get(0), selector.get().get(1));
              }
              if (gateway.isPresent()) {
                i = i.gateway(gateway.get().get(0), gateway.get().get(1));
              }
              if (outlier.isPresent()) {
                i = i.outlierLimits(outlier.get().get(0), outlier.get().get(1));
              }
              return i;
            });
  }

  private static Arbitrary<Target> linkerd() {
    Arbitrary<Linkerd.ServiceAccount> account =
        Arbitraries.oneOf(
            Combinators.combine(NAMESPACE, NAME).as(Linkerd::serviceAccount),
            Arbitraries.of(Linkerd.ingressNginx(), Linkerd.traefik(), Linkerd.haproxy()));
    return Combinators.combine(
            account.list().ofMaxSize(3).uniqueElements(),
            Arbitraries.of("10.0.0.0/8", "192.168.0.0/16", "fd00::/8", "0.0.0.0/0")
                .list()
                .ofMaxSize(2)
                .uniqueElements(),
            Arbitraries.of(Linkerd.AccessPolicy.class).optional(0.4),
            Arbitraries.of(List.of("100m", "64Mi", "1", "256Mi"), List.of("0.5", "1Gi", "2", "2Gi"))
                .optional(0.3))
        .as(
            (accounts, networks, policy, resources) -> {
              Linkerd l = Linkerd.target();
              if (!accounts.isEmpty()) {
                l = l.allowFrom(accounts.toArray(Linkerd.ServiceAccount[]::new));
              }
              for (String n : networks) {
                l = l.allowNetwork(n);
              }
              l = policy.map(l::accessPolicy).orElse(l);
              if (resources.isPresent()) {
                List<String> r = resources.get();
                l = l.proxyResources(r.get(0), r.get(1), r.get(2), r.get(3));
              }
              return l;
            });
  }

  private static Arbitrary<GatewayApi> gatewayApi() {
    return Combinators.combine(
            Arbitraries.oneOf(
                    Combinators.combine(NAMESPACE, NAME)
                        .as((ns, n) -> (UnaryOperator<GatewayApi>) g -> g.gateway(ns, n)),
                    NAME.map(c -> (UnaryOperator<GatewayApi>) g -> g.withGateway(c)))
                .optional(0.6),
            Combinators.combine(Arbitraries.of("http", "web", "y"), Arbitraries.of("https", "0o17"))
                .as(List::of)
                .optional(0.3),
            Arbitraries.oneOf(
                    Arbitraries.of(Duration.ZERO, Duration.ofHours(99_999)),
                    Arbitraries.longs().between(1, 10_000_000).map(Duration::ofMillis))
                .optional(0.4))
        .as(
            (gateway, listeners, timeout) -> {
              GatewayApi g = GatewayApi.target();
              g = gateway.map(f -> f.apply(GatewayApi.target())).orElse(g);
              if (listeners.isPresent()) {
                g = g.listeners(listeners.get().get(0), listeners.get().get(1));
              }
              return timeout.map(g::requestTimeout).orElse(g);
            });
  }

  private static Arbitrary<Target> platform() {
    return Combinators.combine(
            Arbitraries.of("http-ws", "web", "ws", "0x1f", "y").optional(0.3),
            NAMESPACE.list().ofMaxSize(2).uniqueElements(),
            NAMESPACE.optional(0.3),
            Combinators.combine(NAMESPACE, NAME).as(List::of).optional(0.3))
        .as(
            (portName, from, monitoring, adapter) -> {
              Platform p = Platform.target();
              p = portName.map(p::portName).orElse(p);
              if (!from.isEmpty()) {
                p = p.ingressFrom(from.toArray(String[]::new));
              }
              p = monitoring.map(p::monitoringNamespace).orElse(p);
              Optional<List<String>> a = adapter;
              if (a.isPresent()) {
                p = p.adapterConfig(a.get().get(0), a.get().get(1));
              }
              return p;
            });
  }
}
