package dev.wsingress.platform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsingress.HealthCheck;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.TCPSocketAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The app container's probes, both ways: the writer's timings (one table), the probes it renders
 * from the app's {@link HealthCheck} (an HTTP GET of its path, else a TCP connect to the port), and
 * the health check a readiness probe gives back, with what a probe sets that the spec cannot hold.
 *
 * <p>Unset probe fields take Kubernetes's defaults (kubernetes/api v0.36.3 core/v1/types.go Probe:
 * {@code timeoutSeconds} "Defaults to 1 second", {@code periodSeconds} "Default to 10 seconds",
 * {@code successThreshold} "Defaults to 1", {@code failureThreshold} "Defaults to 3", {@code
 * initialDelaySeconds} 0), so a hand-written probe is read with what the kubelet does.
 */
final class Probes {
  private Probes() {}

  /** One probe's timings: delay, period, timeout, successes, failures (in seconds and counts). */
  record Timings(int delay, int period, int timeout, int success, int failure) {}

  /** The readiness probe's timings; the health check's interval, rise and fall replace these. */
  static final Timings READINESS = new Timings(5, 5, 3, 1, 3);

  /** The liveness probe's timings (a liveness probe's successThreshold must be 1). */
  static final Timings LIVENESS = new Timings(30, 10, 5, 1, 3);

  /** kubernetes/api v0.36.3 core/v1/types.go Probe: the defaults of unset fields. */
  static final Timings KUBERNETES = new Timings(0, 10, 1, 1, 3);

  static Probe readiness(HealthCheck h, int port) {
    return probe(
        h,
        port,
        new Timings(
            READINESS.delay(),
            h != null && h.interval().isPresent()
                ? (int) h.interval().get().getSeconds()
                : READINESS.period(),
            READINESS.timeout(),
            h != null && h.rise().isPresent() ? h.rise().getAsInt() : READINESS.success(),
            h != null && h.fall().isPresent() ? h.fall().getAsInt() : READINESS.failure()));
  }

  static Probe liveness(HealthCheck h, int port) {
    return probe(h, port, LIVENESS);
  }

  private static Probe probe(HealthCheck h, int port, Timings t) {
    Probe p = new Probe();
    if (h != null) {
      HTTPGetAction get = new HTTPGetAction();
      get.setPath(h.path());
      get.setPort(new IntOrString(port));
      p.setHttpGet(get);
    } else {
      TCPSocketAction tcp = new TCPSocketAction();
      tcp.setPort(new IntOrString(port));
      p.setTcpSocket(tcp);
    }
    p.setInitialDelaySeconds(t.delay());
    p.setPeriodSeconds(t.period());
    p.setTimeoutSeconds(t.timeout());
    p.setSuccessThreshold(t.success());
    p.setFailureThreshold(t.failure());
    return p;
  }

  /** A probe's timings as the kubelet applies them (unset fields at Kubernetes's defaults). */
  static Timings effective(JsonNode probe) {
    return new Timings(
        number(probe, "initialDelaySeconds", KUBERNETES.delay()),
        number(probe, "periodSeconds", KUBERNETES.period()),
        number(probe, "timeoutSeconds", KUBERNETES.timeout()),
        number(probe, "successThreshold", KUBERNETES.success()),
        number(probe, "failureThreshold", KUBERNETES.failure()));
  }

  private static int number(JsonNode probe, String field, int unset) {
    JsonNode v = probe.path(field);
    return v.isIntegralNumber() ? v.asInt() : unset;
  }

  /**
   * The health check a readiness probe with an HTTP GET gives: its path, and the period, successes
   * and failures where they differ from the writer's ({@link #READINESS}), so that the app renders
   * the same probe again; {@code null} for any other probe (a TCP connect is the writer's probe
   * without a health check).
   */
  static HealthCheck healthCheck(JsonNode readiness) {
    JsonNode get = readiness.path("httpGet");
    if (!get.isObject()) {
      return null;
    }
    // An unset path requests the root (RFC 9110 4.2.3: an empty path is equivalent to "/").
    HealthCheck h = HealthCheck.http(get.path("path").asText("/"));
    Timings t = effective(readiness);
    if (t.period() != READINESS.period()) {
      h = h.interval(Duration.ofSeconds(t.period()));
    }
    if (t.success() != READINESS.success()) {
      h = h.rise(t.success());
    }
    if (t.failure() != READINESS.failure()) {
      h = h.fall(t.failure());
    }
    return h;
  }

  /**
   * What a probe sets that the app does not render again: each field, as {@code [field, why]},
   * compared with what the writer renders for the health check {@code h} read from the readiness
   * probe on {@code port} ({@code portName} is the name of the container port with that number, or
   * null).
   */
  static List<String[]> differences(
      String which, JsonNode probe, HealthCheck h, int port, String portName) {
    List<String[]> out = new ArrayList<>();
    Timings want = which.equals("readiness") ? timings(readiness(h, port)) : LIVENESS;
    Timings got = effective(probe);
    String[] names = {
      "initialDelaySeconds",
      "periodSeconds",
      "timeoutSeconds",
      "successThreshold",
      "failureThreshold"
    };
    int[] a = {got.delay(), got.period(), got.timeout(), got.success(), got.failure()};
    int[] b = {want.delay(), want.period(), want.timeout(), want.success(), want.failure()};
    for (int i = 0; i < names.length; i++) {
      if (a[i] != b[i]) {
        out.add(
            new String[] {
              names[i],
              "the platform kit renders "
                  + b[i]
                  + " for the "
                  + which
                  + " probe"
                  + (which.equals("readiness") ? "" : " (the spec has no setting for it)")
                  + ", not "
                  + a[i]
            });
      }
    }
    JsonNode get = probe.path("httpGet");
    if (get.isObject()) {
      if (h == null || !get.path("path").asText("/").equals(h.path())) {
        out.add(
            new String[] {
              "httpGet.path",
              "the platform kit probes "
                  + (h == null ? "nothing over HTTP" : h.path())
                  + " (the readiness probe's path is the app's health check), not "
                  + get.path("path").asText("/")
            });
      }
      JsonNode p = get.path("port");
      if (!(p.isIntegralNumber() && p.asInt() == port)
          && !(p.isTextual() && p.asText().equals(portName))) {
        out.add(
            new String[] {
              "httpGet.port", "the platform kit probes the app port " + port + ", not " + p.asText()
            });
      }
      for (String f : new String[] {"host", "scheme", "httpHeaders"}) {
        if (get.has(f) && !(f.equals("scheme") && get.path(f).asText().equals("HTTP"))) {
          out.add(new String[] {"httpGet." + f, "the spec's health check is a plain HTTP GET"});
        }
      }
    } else if (probe.has("tcpSocket")) {
      if (h != null) {
        out.add(
            new String[] {
              "tcpSocket",
              "the app's health check is an HTTP GET of " + h.path() + ", so both probes are"
            });
      }
    } else {
      for (String f : new String[] {"exec", "grpc"}) {
        if (probe.has(f)) {
          out.add(
              new String[] {
                f,
                "the spec's health check is an HTTP GET (a TCP connect without one), not a "
                    + f
                    + " probe"
              });
        }
      }
    }
    return out;
  }

  private static Timings timings(Probe p) {
    return new Timings(
        p.getInitialDelaySeconds(),
        p.getPeriodSeconds(),
        p.getTimeoutSeconds(),
        p.getSuccessThreshold(),
        p.getFailureThreshold());
  }
}
