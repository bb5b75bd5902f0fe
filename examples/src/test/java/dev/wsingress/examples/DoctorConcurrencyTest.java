package dev.wsingress.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.Doctor;
import dev.wsingress.Manifests;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One {@link Manifests} checked by several threads at once gives each of them the report a check
 * alone gives: the lookups a read builds when first asked for (objects by kind and group, the
 * workloads a Service selects, NetworkPolicies per workload, a large mapping's field index) are
 * shared safely. Every target on the class path, the benchmark's apps with autoscalers, budgets,
 * NetworkPolicies and Linkerd Servers.
 */
class DoctorConcurrencyTest {

  private static String input() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 120; i++) {
      text.append(DoctorBenchmark.app(i)).append(DoctorScalingTest.extras(i));
    }
    return text.toString();
  }

  @Test
  void one_input_checked_by_eight_threads_at_once_gives_each_the_report_of_a_check_alone()
      throws Exception {
    String text = input();
    String alone = Doctor.check(Manifests.parse(text, "apps.yaml")).toJson();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < 5; round++) {
        Manifests shared = Manifests.parse(text, "apps.yaml");
        List<Future<String>> reports = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          reports.add(pool.submit(() -> Doctor.check(shared).toJson()));
        }
        for (Future<String> r : reports) {
          assertThat(r.get(60, TimeUnit.SECONDS)).isEqualTo(alone);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
