package dev.wsingress.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.Doctor;
import dev.wsingress.Manifests;
import dev.wsingress.Report;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: the doctor is linear in the size of its input. The benchmark's apps ({@link
 * DoctorBenchmark#app}) each with the objects the platform and Linkerd readers look up per Service,
 * workload and Server — a HorizontalPodAutoscaler, a PodDisruptionBudget, a NetworkPolicy and a
 * Linkerd Server — checked at 200 and at 1,600 apps. Those readers scanned every such object per
 * Service, Deployment or Server (eight times the input took sixteen times the time); now each read
 * indexes them once, and eight times the input takes about six times as long (fixed costs).
 */
class DoctorScalingTest {

  private static String extras(int i) {
    String name = "chat-" + i;
    String meta = "metadata: {name: " + name + ", namespace: team-" + (i % 20) + "}\n";
    return "---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\n"
        + meta
        + "spec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: "
        + name
        + "}\n  minReplicas: 2\n  maxReplicas: 10\n"
        + "---\napiVersion: policy/v1\nkind: PodDisruptionBudget\n"
        + meta
        + "spec:\n  minAvailable: 1\n  selector:\n    matchLabels: {app.kubernetes.io/name: "
        + name
        + "}\n"
        + "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
        + meta
        + "spec:\n  podSelector:\n    matchLabels: {app.kubernetes.io/name: "
        + name
        + ", app.kubernetes.io/instance: "
        + name
        + "}\n  policyTypes: [Ingress, Egress]\n"
        + "---\napiVersion: policy.linkerd.io/v1beta3\nkind: Server\n"
        + meta
        + "spec:\n  podSelector:\n    matchLabels: {app.kubernetes.io/name: "
        + name
        + "}\n  port: http\n  proxyProtocol: HTTP/1\n";
  }

  /** The thread CPU milliseconds of checking {@code apps} apps (parsing not counted). */
  private static long checkMillis(int apps) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < apps; i++) {
      text.append(DoctorBenchmark.app(i)).append(extras(i));
    }
    Manifests in = Manifests.parse(text.toString(), "apps.yaml");
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long start = cpu.getCurrentThreadCpuTime();
    Report r = Doctor.check(in);
    long end = cpu.getCurrentThreadCpuTime();
    assertThat(r.objectCount()).isEqualTo(apps * 9);
    return Math.max(1, (end - start) / 1_000_000);
  }

  @Test
  void eight_times_the_apps_take_well_under_sixty_four_times_the_time() {
    checkMillis(200); // the JIT's first pass
    long small = Math.min(checkMillis(200), checkMillis(200));
    long large = Math.min(checkMillis(1600), checkMillis(1600));
    // measured on 2 cores: about 6x now, 16x before the per-read indexes (quadratic terms)
    assertThat((double) large / small)
        .as("CPU of checking 1,600 apps (%d ms) over 200 apps (%d ms)", large, small)
        .isLessThan(10.0);
  }
}
