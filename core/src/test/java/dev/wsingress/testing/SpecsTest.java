package dev.wsingress.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.BackendProtocol;
import dev.wsingress.ClientIpAffinity;
import dev.wsingress.CookieAffinity;
import dev.wsingress.HeaderAffinity;
import dev.wsingress.Route;
import dev.wsingress.WebSocketApp;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/** The random spec generator itself: every draw builds, and every part of the spec is drawn. */
class SpecsTest {

  private static final Map<String, Predicate<WebSocketApp>> FEATURES = new TreeMap<>();

  static {
    FEATURES.put("several hosts", a -> a.hosts().size() > 1);
    FEATURES.put("wildcard host", a -> a.hosts().stream().anyMatch(h -> h.startsWith("*.")));
    FEATURES.put(
        "number-shaped host", a -> a.hosts().stream().anyMatch(h -> h.matches("0[xob].*")));
    FEATURES.put("labels", a -> !a.labels().containsKey("app.kubernetes.io/name"));
    FEATURES.put(
        "exact path", a -> a.routes().stream().anyMatch(r -> r.match() == Route.Match.EXACT));
    FEATURES.put("port name", a -> a.servicePortName().isPresent());
    FEATURES.put("connect timeout", a -> a.connectTimeout().isPresent());
    FEATURES.put("read timeout", a -> !a.readTimeout().equals(a.idleTimeout()));
    FEATURES.put("cookie affinity", a -> a.affinity().orElse(null) instanceof CookieAffinity);
    FEATURES.put("client-IP affinity", a -> a.affinity().orElse(null) instanceof ClientIpAffinity);
    FEATURES.put("header affinity", a -> a.affinity().orElse(null) instanceof HeaderAffinity);
    FEATURES.put("TLS", a -> a.tls().isPresent());
    FEATURES.put("TLS hosts", a -> a.tls().isPresent() && !a.tls().get().hosts().isEmpty());
    FEATURES.put("ACME issuer", a -> a.tls().flatMap(t -> t.issuer()).isPresent());
    FEATURES.put("rate limit", a -> a.rateLimit().isPresent());
    FEATURES.put("connection limit", a -> a.maxConnectionsPerClient().isPresent());
    FEATURES.put("CORS", a -> a.cors().isPresent());
    FEATURES.put("CORS *", a -> a.cors().isPresent() && a.cors().get().origins().contains("*"));
    FEATURES.put("buffering", a -> a.responseBuffering() || a.requestBuffering());
    FEATURES.put("HTTPS backend", a -> a.backendProtocol() == BackendProtocol.HTTPS);
    FEATURES.put("backend CA", a -> a.backendCaSecret().isPresent());
    FEATURES.put("health check", a -> a.healthCheck().isPresent());
    FEATURES.put("workload", a -> a.workload().isPresent());
    FEATURES.put(
        "autoscaling",
        a ->
            a.workload()
                .flatMap(
                    w -> w.minReplicas().isPresent() ? a.workload() : java.util.Optional.empty())
                .isPresent());
    FEATURES.put("env", a -> a.workload().isPresent() && !a.workload().get().env().isEmpty());
    FEATURES.put("egress", a -> a.workload().isPresent() && !a.workload().get().egress().isEmpty());
    FEATURES.put(
        "metrics port",
        a -> a.workload().isPresent() && a.workload().get().metricsPort().isPresent());
  }

  @Test
  void every_draw_builds_and_every_feature_is_drawn_often(TestReporter report) {
    Map<String, Integer> seen = new TreeMap<>();
    int[] total = {0};
    Property.Result r =
        Property.forAll(Specs.apps())
            .tries(2000)
            .check(
                app -> {
                  total[0]++;
                  FEATURES.forEach(
                      (name, has) -> {
                        if (has.test(app)) {
                          seen.merge(name, 1, Integer::sum);
                        }
                      });
                  assertThat(Specs.refused()).isZero();
                });
    report.publishEntry("specs", r + ", features " + seen);
    System.out.println(r + ", features " + seen);
    for (String feature : FEATURES.keySet()) {
      assertThat(seen.getOrDefault(feature, 0))
          .as(feature + " in " + total[0] + " specs")
          .isGreaterThan(total[0] / 50);
    }
  }

  @Test
  void a_stream_of_a_seed_gives_the_same_specs() {
    assertThat(Specs.stream(2027).limit(60).toList())
        .isEqualTo(Specs.stream(2027).limit(60).toList())
        .isNotEqualTo(Specs.stream(2028).limit(60).toList())
        .doesNotHaveDuplicates();
    java.util.function.Supplier<WebSocketApp> s = Specs.supplier(2027);
    assertThat(List.of(s.get(), s.get(), s.get())).isEqualTo(Specs.stream(2027).limit(3).toList());
  }
}
