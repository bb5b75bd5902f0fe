package dev.wsingress.assertj;

import dev.wsingress.Finding;
import dev.wsingress.ServedBackend;
import dev.wsingress.ServedRoute;
import dev.wsingress.Setting;
import dev.wsingress.SpecRules;
import java.time.Duration;
import java.util.List;

/** How the assertions word their failures: one place, so every message reads the same way. */
final class Messages {
  private Messages() {}

  /**
   * The lines as a format for {@code failWithMessage}: a leading line break, as AssertJ's own
   * messages have, the lines joined by platform line breaks, and every {@code %} of the content
   * escaped (paths and annotation values may hold one).
   */
  static String format(String... lines) {
    StringBuilder b = new StringBuilder();
    for (String line : lines) {
      b.append("%n").append(line.replace("%", "%%").replace("\n", "%n"));
    }
    return b.toString();
  }

  /** A value the user gave, quoted and escaped as core's messages quote values. */
  static String quote(String value) {
    return SpecRules.show(value);
  }

  /**
   * A duration as core's messages show it ({@code 60 s}, {@code 5 min}, {@code 1 h}, {@code 250
   * ms}); the same rule as {@link Setting#describe()} applies to the values it describes.
   */
  static String duration(Duration d) {
    if (d.isZero()) {
      return "no timeout";
    }
    long s = d.getSeconds();
    if (d.getNano() != 0) {
      return d.toMillis() + " ms";
    }
    if (s % 3600 == 0) {
      return s / 3600 + " h";
    }
    if (s >= 300 && s % 60 == 0) {
      return s / 60 + " min";
    }
    return s + " s";
  }

  /**
   * Where a setting comes from, as {@link Setting#describe()} ends: {@code (k8s/a.yaml:7:5)},
   * {@code (controller-wide, k8s/cm.yaml:5:3)}, {@code (controller default: ingress-nginx …)}.
   */
  static String origin(Setting<?> s) {
    switch (s.origin()) {
      case ROUTE:
        return "(" + s.source().orElseThrow() + ")";
      case CONTROLLER:
        return "(controller-wide, " + s.source().orElseThrow() + ")";
      default:
        return "(controller default: " + s.reference().orElseThrow() + ")";
    }
  }

  /**
   * {@code route chat.example.com/ws (Ingress default/chat, k8s/chat.yaml:12:11, served by nginx)}.
   */
  static String route(ServedRoute r, String host, String path) {
    return "route "
        + host
        + path
        + " ("
        + r.object().subject()
        + ", "
        + r.source()
        + ", served by "
        + r.targetId()
        + ")";
  }

  /**
   * A route in a list: {@code nginx chat.example.com/ws (PREFIX) → … (Ingress default/chat, …)}.
   */
  static String listed(ServedRoute r) {
    return "  " + r + " (" + r.object().subject() + ", " + r.source() + ")";
  }

  /**
   * A backend with where the route names it: {@code Service default/chat port 8080 (a.yaml:9:9)}.
   */
  static String backend(ServedBackend b) {
    return b.describe() + b.reference().map(s -> " (" + s + ")").orElse("");
  }

  /** The backends of a route: {@code Service a port 80 (…), Service b port 81 (…)}. */
  static String backends(List<ServedBackend> backends) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < backends.size(); i++) {
      b.append(i == 0 ? "" : ", ").append(backend(backends.get(i)));
    }
    return b.toString();
  }

  /** A finding in a list: {@code file:line:column: SEVERITY CODE subject: message}. */
  static String listed(Finding f) {
    return "  "
        + f.source().map(s -> s + ": ").orElse("")
        + f.severity()
        + " "
        + f.code()
        + " "
        + f.subject()
        + ": "
        + f.message();
  }

  /** "1 finding", "2 findings": {@code count} and the noun, plural when it is not one. */
  static String count(int count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
