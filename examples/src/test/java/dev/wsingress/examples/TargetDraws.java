package dev.wsingress.examples;

import dev.wsingress.Target;
import dev.wsingress.gatewayapi.GatewayApi;
import dev.wsingress.haproxy.HaProxy;
import dev.wsingress.istio.Istio;
import dev.wsingress.linkerd.Linkerd;
import dev.wsingress.nginx.Nginx;
import dev.wsingress.platform.Platform;
import dev.wsingress.testing.Gen;
import dev.wsingress.traefik.Traefik;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Random configurations of every target, over the options each documents, strict and lenient.
 *
 * <pre>{@code
 * TargetDraws.of("nginx").sample(42).target().render(app);
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

  private static final Gen<String> NAME =
      Gen.elements("nginx", "edge", "0o17", "y", "ingress-nginx", "kube-system", "a");
  private static final Gen<String> NAMESPACE =
      Gen.elements("ingress-nginx", "infra", "default", "0x1f", "on", "traefik");

  private static <T> UnaryOperator<T> all(List<UnaryOperator<T>> steps) {
    return t -> {
      T x = t;
      for (UnaryOperator<T> s : steps) {
        x = s.apply(x);
      }
      return x;
    };
  }

  /** Two values, as a list. */
  private static <T> Gen<List<T>> two(Gen<? extends T> a, Gen<? extends T> b) {
    return Gen.all(List.of(a, b));
  }

  private static final java.util.Map<String, Gen<Drawn>> DRAWS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** The configurations of one target (built once per target). */
  static Gen<Drawn> of(String id) {
    return DRAWS.computeIfAbsent(id, TargetDraws::draws);
  }

  private static Gen<Drawn> draws(String id) {
    Gen<Boolean> lenient = Gen.elements(false, true);
    return switch (id) {
      case "nginx" -> Gen.combine(nginx(), lenient, (t, l) -> drawn(id, t, false, l));
      case "traefik" -> Gen.combine(traefik(), lenient, (t, l) -> drawn(id, t, false, l));
      case "haproxy" -> Gen.combine(haproxy(), lenient, (t, l) -> drawn(id, t, false, l));
      case "istio" -> Gen.combine(istio(), lenient, (t, l) -> drawn(id, t, false, l));
      case "linkerd" -> Gen.combine(linkerd(), lenient, (t, l) -> drawn(id, t, false, l));
      case "gateway-api" -> {
        Gen<GatewayApi> targets = gatewayApi();
        Gen<Boolean> experimental = Gen.elements(false, true);
        yield s -> {
          GatewayApi t = s.draw(targets);
          boolean x = s.draw(experimental);
          return drawn(id, x ? t.experimental() : t, x, s.draw(lenient));
        };
      }
      case "platform" -> Gen.combine(platform(), lenient, (t, l) -> drawn(id, t, false, l));
      default -> throw new IllegalArgumentException(id);
    };
  }

  private static Drawn drawn(String id, Target t, boolean experimental, boolean lenient) {
    return new Drawn(id, lenient ? t.lenient() : t, experimental, lenient);
  }

  private static <T> Gen<UnaryOperator<Nginx.ControllerConfig>> cfg(
      Gen<T> values,
      java.util.function.BiFunction<Nginx.ControllerConfig, T, Nginx.ControllerConfig> set) {
    return values
        .map(v -> (UnaryOperator<Nginx.ControllerConfig>) c -> set.apply(c, v))
        .optional(0.4)
        .map(o -> o.orElse(c -> c));
  }

  private static Gen<Target> nginx() {
    List<Gen<UnaryOperator<Nginx.ControllerConfig>>> steps =
        List.of(
            cfg(
                Gen.longs(1, 86400).map(Duration::ofSeconds),
                Nginx.ControllerConfig::proxyReadTimeout),
            cfg(
                Gen.longs(1, 86400).map(Duration::ofSeconds),
                Nginx.ControllerConfig::proxySendTimeout),
            cfg(
                Gen.longs(1, 75).map(Duration::ofSeconds),
                Nginx.ControllerConfig::proxyConnectTimeout),
            cfg(Gen.elements("4k", "16k", "1m", "8k"), Nginx.ControllerConfig::proxyBufferSize),
            cfg(Gen.integers(1, 1024), Nginx.ControllerConfig::proxyBuffersNumber),
            cfg(Gen.elements("8k", "64k"), Nginx.ControllerConfig::proxyBusyBuffersSize),
            cfg(Gen.elements("0", "1024m"), Nginx.ControllerConfig::proxyMaxTempFileSize),
            cfg(
                Gen.integers(0, 100_000),
                (c, n) -> c.upstreamKeepalive(n, 10_000, Duration.ofSeconds(60))),
            cfg(Gen.integers(1, 1024), Nginx.ControllerConfig::workerProcesses),
            cfg(Gen.constant(0), (c, n) -> c.workerProcessesAuto()),
            cfg(Gen.integers(1, 10_000_000), Nginx.ControllerConfig::maxWorkerConnections),
            cfg(
                Gen.longs(1, 86400).map(Duration::ofSeconds),
                Nginx.ControllerConfig::workerShutdownTimeout),
            cfg(Gen.integers(400, 599), Nginx.ControllerConfig::limitStatusCodes),
            cfg(
                Gen.elements("$remote_addr $http_x_forwarded_for", "$http_x", "0o17", "y"),
                Nginx.ControllerConfig::logFormatUpstream),
            cfg(Gen.elements("TLSv1.2", "TLSv1.3"), (c, p) -> c.sslProtocols(p)),
            cfg(
                Gen.elements("ECDHE-ECDSA-AES128-GCM-SHA256", "HIGH:!aNULL"),
                Nginx.ControllerConfig::sslCiphers),
            cfg(Gen.booleans(), Nginx.ControllerConfig::useHttp2),
            cfg(Gen.integers(1, 64), (c, n) -> c.largeClientHeaderBuffers(n, "8k")),
            cfg(Gen.booleans(), Nginx.ControllerConfig::useProxyProtocol));
    Gen<UnaryOperator<Nginx.ControllerConfig>> config = Gen.all(steps).map(TargetDraws::all);
    Gen<Optional<String>> ingressClasses = NAME.optional(0.4);
    Gen<Optional<Nginx.ControllerConfig>> controllerConfigs =
        Gen.<Nginx.ControllerConfig>of(
                s -> {
                  String ns = s.draw(NAMESPACE);
                  String n = s.draw(NAME);
                  return s.draw(config).apply(Nginx.ControllerConfig.in(ns, n));
                })
            .optional(0.5);
    Gen<Optional<String>> snippets =
        Gen.elements(
                "add_header X-Frame-Options DENY;",
                "add_header X-Id 0o17;\nadd_header X-Yes yes;\n")
            .optional(0.2);
    return s -> {
      Optional<String> ingressClass = s.draw(ingressClasses);
      Optional<Nginx.ControllerConfig> controllerConfig = s.draw(controllerConfigs);
      Optional<String> snippet = s.draw(snippets);
      Nginx n = Nginx.target();
      n = ingressClass.map(n::ingressClass).orElse(n);
      n = controllerConfig.map(n::controllerConfig).orElse(n);
      return snippet.map(n::rawServerSnippet).orElse(n);
    };
  }

  private static Gen<Target> traefik() {
    Gen<Optional<List<String>>> entryPointPairs =
        two(Gen.elements("web", "http", "0o17"), Gen.elements("websecure", "https", "y"))
            .optional(0.4);
    Gen<Optional<String>> ingressClasses = NAME.optional(0.3);
    Gen<Optional<String>> breakers =
        Gen.elements(
                "ResponseCodeRatio(500, 600, 0, 600) > 0.30",
                "NetworkErrorRatio() > 0.5",
                "LatencyAtQuantileMS(50.0) > 100 || NetworkErrorRatio() > 0.10")
            .optional(0.3);
    Gen<Optional<Integer>> depths = Gen.integers(0, 10).optional(0.3);
    return s -> {
      boolean crd = s.draw(Gen.booleans());
      Optional<List<String>> entryPoints = s.draw(entryPointPairs);
      Optional<String> ingressClass = s.draw(ingressClasses);
      Optional<String> breaker = s.draw(breakers);
      Optional<Integer> depth = s.draw(depths);
      boolean headers = s.draw(Gen.booleans());
      Traefik t = crd ? Traefik.target() : Traefik.ingress();
      if (entryPoints.isPresent()) {
        t = t.entryPoints(entryPoints.get().get(0), entryPoints.get().get(1));
      }
      t = ingressClass.map(t::ingressClass).orElse(t);
      t = breaker.map(t::circuitBreaker).orElse(t);
      t = depth.map(t::clientIpDepth).orElse(t);
      return headers ? t.securityHeaders() : t;
    };
  }

  private static Gen<Target> haproxy() {
    Gen<Optional<String>> ingressClasses = NAME.optional(0.4);
    Gen<Optional<List<String>>> configs = two(NAMESPACE, NAME).optional(0.4);
    return s -> {
      Optional<String> ingressClass = s.draw(ingressClasses);
      Optional<List<String>> config = s.draw(configs);
      boolean backend = s.draw(Gen.booleans());
      HaProxy h = HaProxy.target();
      h = ingressClass.map(h::ingressClass).orElse(h);
      if (config.isPresent()) {
        h = h.controllerConfig(config.get().get(0), config.get().get(1));
      }
      return backend ? h.backendResource() : h;
    };
  }

  private static Gen<Target> istio() {
    Gen<Optional<List<String>>> selectors =
        two(Gen.elements("istio", "app", "0o17"), NAME).optional(0.4);
    Gen<Optional<List<String>>> gateways = two(NAMESPACE, NAME).optional(0.4);
    Gen<Optional<List<Integer>>> outliers =
        two(Gen.integers(0, 100), Gen.integers(0, 100)).optional(0.4);
    return s -> {
      Optional<List<String>> selector = s.draw(selectors);
      Optional<List<String>> gateway = s.draw(gateways);
      Optional<List<Integer>> outlier = s.draw(outliers);
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
    };
  }

  private static Gen<Target> linkerd() {
    Gen<Linkerd.ServiceAccount> account =
        Gen.oneOf(
            Gen.combine(NAMESPACE, NAME, Linkerd::serviceAccount),
            Gen.elements(Linkerd.ingressNginx(), Linkerd.traefik(), Linkerd.haproxy()));
    Gen<List<Linkerd.ServiceAccount>> accountLists = account.uniqueList(0, 3);
    Gen<List<String>> networkLists =
        Gen.elements("10.0.0.0/8", "192.168.0.0/16", "fd00::/8", "0.0.0.0/0").uniqueList(0, 2);
    Gen<Optional<Linkerd.AccessPolicy>> policies =
        Gen.enums(Linkerd.AccessPolicy.class).optional(0.4);
    Gen<Optional<List<String>>> resourceLists =
        Gen.elements(List.of("100m", "64Mi", "1", "256Mi"), List.of("0.5", "1Gi", "2", "2Gi"))
            .optional(0.3);
    return s -> {
      List<Linkerd.ServiceAccount> accounts = s.draw(accountLists);
      List<String> networks = s.draw(networkLists);
      Optional<Linkerd.AccessPolicy> policy = s.draw(policies);
      Optional<List<String>> resources = s.draw(resourceLists);
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
    };
  }

  private static Gen<GatewayApi> gatewayApi() {
    Gen<Optional<UnaryOperator<GatewayApi>>> gateways =
        Gen.<UnaryOperator<GatewayApi>>oneOf(
                Gen.combine(
                    NAMESPACE, NAME, (ns, n) -> (UnaryOperator<GatewayApi>) g -> g.gateway(ns, n)),
                NAME.map(c -> (UnaryOperator<GatewayApi>) g -> g.withGateway(c)))
            .optional(0.6);
    Gen<Optional<List<String>>> listenerPairs =
        two(Gen.elements("http", "web", "y"), Gen.elements("https", "0o17")).optional(0.3);
    Gen<Optional<Duration>> timeouts =
        Gen.<Duration>oneOf(
                Gen.elements(Duration.ZERO, Duration.ofHours(99_999)),
                Gen.longs(1, 10_000_000).map(Duration::ofMillis))
            .optional(0.4);
    return s -> {
      Optional<UnaryOperator<GatewayApi>> gateway = s.draw(gateways);
      Optional<List<String>> listeners = s.draw(listenerPairs);
      Optional<Duration> timeout = s.draw(timeouts);
      GatewayApi g = GatewayApi.target();
      g = gateway.map(f -> f.apply(GatewayApi.target())).orElse(g);
      if (listeners.isPresent()) {
        g = g.listeners(listeners.get().get(0), listeners.get().get(1));
      }
      return timeout.map(g::requestTimeout).orElse(g);
    };
  }

  private static Gen<Target> platform() {
    Gen<Optional<String>> portNames =
        Gen.elements("http-ws", "web", "ws", "0x1f", "y").optional(0.3);
    Gen<List<String>> froms = NAMESPACE.uniqueList(0, 2);
    Gen<Optional<String>> monitorings = NAMESPACE.optional(0.3);
    Gen<Optional<List<String>>> adapters = two(NAMESPACE, NAME).optional(0.3);
    return s -> {
      Optional<String> portName = s.draw(portNames);
      List<String> from = s.draw(froms);
      Optional<String> monitoring = s.draw(monitorings);
      Optional<List<String>> adapter = s.draw(adapters);
      Platform p = Platform.target();
      p = portName.map(p::portName).orElse(p);
      if (!from.isEmpty()) {
        p = p.ingressFrom(from.toArray(String[]::new));
      }
      p = monitoring.map(p::monitoringNamespace).orElse(p);
      if (adapter.isPresent()) {
        p = p.adapterConfig(adapter.get().get(0), adapter.get().get(1));
      }
      return p;
    };
  }
}
