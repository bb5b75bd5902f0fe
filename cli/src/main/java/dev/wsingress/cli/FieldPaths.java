package dev.wsingress.cli;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The field names of {@link dev.wsingress.WebSocketApp.Builder#build()}'s problems ({@code
 * routes[1].path}, {@code stickySessions.cookie.maxAge}, {@code workload.env["X"]}) as the spec
 * file spells them ({@code spec.routes[1].path} ...), so that a problem found by the DSL's own
 * validation names the field of the file. One row per field; a test checks every row.
 */
final class FieldPaths {
  private FieldPaths() {}

  /**
   * A row: core's field (a regular expression; groups carry indices and keys) and the file's field,
   * where {@code $1} ... are the groups. Several file fields separated by {@code |} are
   * alternatives: the first one the file has is taken (the first when it has none).
   */
  record Row(Pattern core, String file) {
    Row(String core, String file) {
      this(Pattern.compile(core), file);
    }
  }

  private static final String I = "(\\[[0-9]+\\])";
  private static final String KEY = "(\\[\".*\"\\]|\\[null\\])";

  static final List<Row> ROWS =
      List.of(
          new Row("name", "metadata.name"),
          new Row("namespace", "metadata.namespace"),
          new Row("labels" + KEY, "metadata.labels$1"),
          new Row("hosts" + I, "spec.hosts$1"),
          new Row("routes", "spec.routes"),
          new Row("routes" + I + "\\.path", "spec.routes$1.path"),
          new Row("routes" + I + "\\.backend\\.service", "spec.routes$1.to.service"),
          new Row("routes" + I + "\\.backend\\.port", "spec.routes$1.to.port"),
          new Row("routes" + I + "\\.backend\\.portName", "spec.routes$1.to.port"),
          new Row("routes" + I + "\\.rewriteTo", "spec.routes$1.rewriteTo"),
          new Row("routes" + I + "\\.requestTimeout", "spec.routes$1.requestTimeout"),
          new Row("routes" + I + "\\.buffering", "spec.routes$1.buffering"),
          new Row("service", "spec.service"),
          new Row("service\\.name", "spec.service.name"),
          new Row("service\\.port", "spec.service.port"),
          new Row("service\\.portName", "spec.service.port"),
          new Row("timeout", "spec.idleTimeout"),
          new Row("readTimeout", "spec.readTimeout"),
          new Row("sendTimeout", "spec.sendTimeout"),
          new Row("connectTimeout", "spec.connectTimeout"),
          new Row("stickySessions", "spec.stickySessions"),
          new Row("stickySessions\\.cookie\\.name", "spec.stickySessions.cookie.name"),
          new Row("stickySessions\\.cookie\\.maxAge", "spec.stickySessions.cookie.maxAge"),
          new Row("stickySessions\\.cookie\\.path", "spec.stickySessions.cookie.path"),
          new Row("stickySessions\\.cookie\\.sameSite", "spec.stickySessions.cookie.sameSite"),
          new Row("stickySessions\\.clientIp\\.timeout", "spec.stickySessions.clientIp.timeout"),
          new Row("stickySessions\\.header\\.name", "spec.stickySessions.header.name"),
          new Row("tls\\.secretName", "spec.tls.secretName"),
          new Row("tls\\.hosts" + I, "spec.tls.hosts$1"),
          new Row("tls\\.issuer\\.name", "spec.tls.issuer.name"),
          new Row("tls\\.issuer\\.email", "spec.tls.issuer.email"),
          new Row("tls\\.issuer\\.http01", "spec.tls.issuer.http01"),
          new Row(
              "rateLimit\\.rate",
              "spec.rateLimit.handshakesPerSecond|spec.rateLimit.handshakesPerMinute"),
          new Row("rateLimit\\.burst", "spec.rateLimit.burst"),
          new Row("maxConnectionsPerClient", "spec.maxConnectionsPerClient"),
          new Row("cors\\.origins", "spec.cors.allowOrigins"),
          new Row("cors\\.origins" + I, "spec.cors.allowOrigins$1"),
          new Row("cors\\.methods" + I, "spec.cors.allowMethods$1"),
          new Row("cors\\.headers" + I, "spec.cors.allowHeaders$1"),
          new Row("cors\\.exposedHeaders" + I, "spec.cors.exposeHeaders$1"),
          new Row("cors\\.credentials", "spec.cors.allowCredentials"),
          new Row("cors\\.maxAge", "spec.cors.maxAge"),
          new Row("backendCaSecret", "spec.backendCaSecret"),
          new Row("healthCheck\\.path", "spec.healthCheck.path"),
          new Row("healthCheck\\.interval", "spec.healthCheck.interval"),
          new Row("healthCheck\\.rise", "spec.healthCheck.rise"),
          new Row("healthCheck\\.fall", "spec.healthCheck.fall"),
          new Row("workload\\.image", "spec.workload.image"),
          new Row("workload\\.replicas", "spec.workload.replicas"),
          new Row("workload\\.containerPort", "spec.workload.containerPort"),
          new Row("workload\\.metricsPort", "spec.workload.metricsPort"),
          new Row("workload\\.env" + KEY, "spec.workload.env$1"),
          new Row("workload\\.maxConnections", "spec.workload.maxConnections"),
          new Row("workload\\.pingInterval", "spec.workload.pingInterval"),
          new Row("workload\\.resources\\.cpuRequest", "spec.workload.resources.requests.cpu"),
          new Row(
              "workload\\.resources\\.memoryRequest", "spec.workload.resources.requests.memory"),
          new Row("workload\\.resources\\.cpuLimit", "spec.workload.resources.limits.cpu"),
          new Row("workload\\.resources\\.memoryLimit", "spec.workload.resources.limits.memory"),
          new Row("workload\\.drainTime", "spec.workload.drainTime"),
          new Row("workload\\.autoscale\\.min", "spec.workload.autoscale.min"),
          new Row("workload\\.autoscale\\.max", "spec.workload.autoscale.max"),
          new Row("workload\\.connectionsPerPod", "spec.workload.autoscale.connectionsPerPod"),
          new Row("workload\\.egress" + I + "\\.namespace", "spec.workload.egress$1.namespace"),
          new Row("workload\\.egress" + I + "\\.labelKey", "spec.workload.egress$1.labelKey"),
          new Row("workload\\.egress" + I + "\\.labelValue", "spec.workload.egress$1.labelValue"),
          new Row("workload\\.egress" + I + "\\.port", "spec.workload.egress$1.port"));

  /** The row for a core field, or null when none matches (a field core added since). */
  static Row row(String coreField) {
    for (Row r : ROWS) {
      if (r.core().matcher(coreField).matches()) {
        return r;
      }
    }
    return null;
  }

  /**
   * The file's field for a core field; {@code present} says which fields the file has, to choose
   * among alternatives. A field no row knows becomes {@code spec.<field>}.
   */
  static String toFile(String coreField, Predicate<String> present) {
    Row r = row(coreField);
    if (r == null) {
      return "spec." + coreField;
    }
    Matcher m = r.core().matcher(coreField);
    m.matches();
    String[] choices = r.file().split("\\|");
    for (String choice : choices) {
      String path = expand(choice, m);
      if (present.test(path)) {
        return path;
      }
    }
    return expand(choices[0], m);
  }

  private static String expand(String template, Matcher m) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c == '$' && i + 1 < template.length() && Character.isDigit(template.charAt(i + 1))) {
        b.append(m.group(template.charAt(++i) - '0'));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
