package dev.wsingress.haproxy;

import dev.wsingress.Manifest;
import dev.wsingress.Reading;
import dev.wsingress.Suggestions;
import dev.wsingress.Version;
import java.time.Duration;
import java.util.List;

/**
 * Checks every key of one object against {@link AnnotationCatalog} the way haproxytech reads it:
 * keys it does not know ("did you mean"), keys it does not read from that object, keys under two
 * prefixes, keys under another controller's prefix, values that are not strings, and values its
 * parsers refuse or read differently than they look (a time without a unit). For the converter, a
 * key the spec does not carry is reported with {@link Reading#notCarried} unless it holds the
 * controller's default.
 */
final class KeyChecks {
  private final Version version;
  private final Reading out;

  KeyChecks(Version version, Reading out) {
    this.version = version;
    this.out = out;
  }

  private static String where(IngressAnnotations.On on) {
    switch (on) {
      case CONFIGMAP:
        return "the controller ConfigMap";
      case INGRESS:
        return "an Ingress";
      default:
        return "a Service";
    }
  }

  private static String objects(AnnotationCatalog.Entry e) {
    StringBuilder b = new StringBuilder();
    for (IngressAnnotations.On o : IngressAnnotations.On.values()) {
      if (e.on().contains(o)) {
        b.append(b.length() == 0 ? "" : ", ").append(o.name().toLowerCase(java.util.Locale.ROOT));
      }
    }
    return b.toString();
  }

  /** Checks the keys of {@code keys}, an object of kind {@code on}. */
  void check(Keys keys, IngressAnnotations.On on) {
    Manifest m = keys.object();
    String kind = on == IngressAnnotations.On.CONFIGMAP ? "the ConfigMap key " : "the annotation ";
    for (Keys.Value v : keys.all()) {
      AnnotationCatalog.Entry e = AnnotationCatalog.get(v.name()).orElse(null);
      boolean own =
          on == IngressAnnotations.On.CONFIGMAP
              || IngressAnnotations.hasOwnPrefix(v.key())
              || (v.key().indexOf('/') < 0 && e != null);
      if (!own) {
        String bare = v.key().substring(v.key().indexOf('/') + 1);
        foreign(m, on, v, AnnotationCatalog.get(bare).orElse(null), bare);
        continue;
      }
      if (e == null || !e.readIn(version)) {
        unknown(m, kind, on, v, e);
        continue;
      }
      if (!e.on().contains(on)) {
        out.report(
            m,
            e.configMapOnly() ? HaProxyFinding.CONFIGMAP_ONLY_KEY : HaProxyFinding.KEY_IGNORED_HERE,
            v.at(),
            kind
                + v.key()
                + " is read from "
                + (e.configMapOnly() ? "the controller ConfigMap only" : objects(e) + " only")
                + " (documentation/annotations.md, \"Available on\": "
                + objects(e)
                + "), so haproxytech ignores it on "
                + where(on)
                + effect(e)
                + ".");
        continue;
      }
      value(m, kind, v, e);
      if (!e.carried() && !isDefault(v, e)) {
        if (on != IngressAnnotations.On.CONFIGMAP || !e.configMapOnly()) {
          out.notCarried(
              m,
              kind + v.key(),
              v.at(),
              "wsingress does not model " + v.name() + " yet (documentation/annotations.md)");
        } else if (!OPERATIONAL.contains(e.name())) {
          out.notCarried(
              m,
              kind + v.key(),
              v.at(),
              "it applies to every Ingress the controller serves, and wsingress does not model "
                  + v.name()
                  + " yet (documentation/annotations.md)");
        }
      }
    }
    for (Keys.Value[] pair : keys.twice()) {
      out.report(
          m,
          HaProxyFinding.KEY_TWICE,
          pair[1].at(),
          pair[0].key()
              + " and "
              + pair[1].key()
              + " are one key, "
              + pair[0].name()
              + ", to haproxytech (pkg/store/convert.go strips the prefix into one map), which"
              + " keeps either value depending on Go's map order; wsingress reads the first, \""
              + pair[0].text()
              + "\".");
    }
  }

  private static String effect(AnnotationCatalog.Entry e) {
    if (e.name().equals("timeout-tunnel")) {
      return ": the tunnel timeout, which governs an idle upgraded WebSocket, stays the"
          + " ConfigMap's or its default of 1h";
    }
    if (e.name().equals("timeout-connect")) {
      return ": the connect timeout stays the ConfigMap's or its default of 5s";
    }
    return "";
  }

  /**
   * A duration for messages: {@code 3.6 s}, {@code 250 ms}, {@code 30 s}, {@code 5 min}, {@code 1
   * h}.
   */
  static String show(Duration d) {
    long ms = d.toMillis();
    if (ms % 1000 != 0) {
      return ms < 1000
          ? ms + " ms"
          : java.math.BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString() + " s";
    }
    long s = ms / 1000;
    if (s != 0 && s % 3600 == 0) {
      return s / 3600 + " h";
    }
    if (s >= 300 && s % 60 == 0) {
      return s / 60 + " min";
    }
    return s + " s";
  }

  /**
   * ConfigMap-only keys that run the controller itself (logging, threads, statistics, certificate
   * clean-up) rather than the traffic of any route: the converter does not report them. Every other
   * ConfigMap-only key with a value other than its default (timeout-client, timeout-http-request,
   * hard-stop-after, "the maximum time allowed to perform a clean soft-stop" in documentation/
   * doc.yaml at v3.2.11, maxconn, client-ca…) is reported as not carried.
   */
  private static final java.util.Set<String> OPERATIONAL =
      java.util.Set.of(
          "syslog-server",
          "log-format",
          "log-format-tcp",
          "logasap",
          "dontlognull",
          "nbthread",
          "clean-certs",
          "stats-config-snippet",
          "prometheus-endpoint-auth-secret");

  /** The ConfigMap-only keys the converter does not report (see {@link #OPERATIONAL}). */
  static java.util.Set<String> operational() {
    return OPERATIONAL;
  }

  private static boolean isDefault(Keys.Value v, AnnotationCatalog.Entry e) {
    String d = e.controllerDefault();
    if (d == null) {
      return false;
    }
    try {
      switch (e.kind()) {
        case BOOL:
          return IngressAnnotations.parseBool(v.text()) == IngressAnnotations.parseBool(d);
        case TIME:
          // 60s and 1m are one time to utils.ParseTime (pkg/utils/utils.go at v3.2.11).
          return IngressAnnotations.parseTime(v.text()).equals(IngressAnnotations.parseTime(d));
        default:
          return d.equals(v.text());
      }
    } catch (IllegalArgumentException ex) {
      return false;
    }
  }

  private void foreign(
      Manifest m, IngressAnnotations.On on, Keys.Value v, AnnotationCatalog.Entry e, String bare) {
    if (e == null
        || !e.readIn(version)
        || !e.on().contains(on)
        || bare.equals("ingress.class")
        || v.key().indexOf('/') < 0) {
      return;
    }
    if (!version.isAtLeast(IngressAnnotations.PREFIXES_ONLY)) {
      out.report(
          m,
          HaProxyFinding.FOREIGN_KEY_READ,
          v.at(),
          "haproxytech "
              + version
              + " reads "
              + v.key()
              + " as its own key "
              + v.name()
              + ": before 3.2 it drops any prefix (pkg/store/convert.go CopyAnnotations), so \""
              + v.text()
              + "\" applies here.");
      value(m, "the annotation ", v, e);
    } else if (HaProxyIngressReader.hasPrefix(v.key())
        || v.key().contains("ingress.kubernetes.io/")) {
      out.report(
          m,
          HaProxyFinding.FOREIGN_KEY_IGNORED,
          v.at(),
          "haproxytech "
              + version
              + " ignores "
              + v.key()
              + ": it reads "
              + bare
              + " only under the prefixes haproxy.org/, ingress.kubernetes.io/ and haproxy.com/"
              + " (pkg/annotations/validators/validations.go annotationsPrefixes).");
    }
  }

  private void unknown(
      Manifest m, String kind, IngressAnnotations.On on, Keys.Value v, AnnotationCatalog.Entry e) {
    if (v.name().startsWith("backend.") || v.name().startsWith("frontend.")) {
      return; // custom annotations (documentation/annotations-custom.md), validated by a CR
    }
    List<String> names = AnnotationCatalog.names(version);
    String guess = Suggestions.closest(v.name(), names);
    boolean theirs =
        HaProxyIngressReader.KEYS.contains(v.name())
            || HaProxyIngressReader.GLOBAL_KEYS.contains(v.name());
    if (on != IngressAnnotations.On.CONFIGMAP
        && v.key().startsWith("ingress.kubernetes.io/")
        && guess == null
        && !theirs) {
      return; // the legacy prefix other controllers use too
    }
    String message;
    if (e != null) {
      message =
          kind
              + v.key()
              + " is not read by haproxytech "
              + version
              + (e.until() != null
                  ? ": its last release line is " + e.until()
                  : ": it is read from " + e.since() + " on")
              + " (documentation/doc.yaml)";
    } else {
      message = kind + v.key() + " is not a haproxytech key (documentation/annotations.md)";
    }
    if (guess != null) {
      message += "; did you mean " + guess + "?";
    } else if (theirs) {
      message +=
          "; it is a key of the jcmoraisjr HAProxy Ingress (haproxy-ingress.github.io), another"
              + " controller.";
    } else {
      message += ".";
    }
    out.report(m, HaProxyFinding.UNKNOWN_KEY, v.at(), message);
  }

  /**
   * The boolean keys that only the exact text {@code true} turns on, with the code that compares it
   * so (the same at v3.0.0, v3.1.17 and v3.2.11).
   */
  private static final java.util.Map<String, String> EXACT_TRUE =
      java.util.Map.of(
          "standalone-backend",
          "pkg/service/service.go New",
          "cors-allow-credentials",
          "pkg/annotations/ingress/resSetCORS.go");

  /** Checks that the value is a string the controller's parser accepts, as it reads it. */
  void value(Manifest m, String kind, Keys.Value v, AnnotationCatalog.Entry e) {
    if (!v.node().isTextual()) {
      out.report(
          m,
          HaProxyFinding.VALUE_NOT_STRING,
          v.at(),
          kind
              + v.key()
              + " is "
              + v.node().getNodeType().name().toLowerCase(java.util.Locale.ROOT)
              + ", not a string: the API server refuses the object.");
    }
    String text = v.text();
    try {
      switch (e.kind()) {
        case TIME:
          Duration d = IngressAnnotations.parseTime(text);
          if (IngressAnnotations.isUnitless(text) && !d.isZero()) {
            long ms = d.toMillis();
            boolean odd = ms % 1000 != 0;
            out.report(
                m,
                odd ? HaProxyFinding.TIME_UNITLESS : HaProxyFinding.TIME_MILLISECONDS,
                v.at(),
                kind
                    + v.key()
                    + ": \""
                    + text
                    + "\" has no unit, so haproxytech reads it as "
                    + ms
                    + " ms"
                    + (ms < 1000 ? "" : " (" + show(d) + ")")
                    + ": utils.ParseTime (pkg/utils/utils.go) takes a number without a unit as"
                    + " milliseconds"
                    + (odd ? "; " + text + "s would be " + text + " seconds." : "."));
          }
          break;
        case BOOL:
          boolean on = IngressAnnotations.parseBool(text);
          String exact = EXACT_TRUE.get(e.name());
          if (on && exact != null && !text.equals("true")) {
            out.report(
                m,
                HaProxyFinding.VALUE_INVALID,
                v.at(),
                kind
                    + v.key()
                    + ": \""
                    + text
                    + "\" does not turn it on: haproxytech compares the value with the exact text"
                    + " true ("
                    + exact
                    + "), not as a boolean.");
          }
          break;
        case NUMBER:
          IngressAnnotations.atoi(text);
          break;
        default:
          break;
      }
    } catch (IllegalArgumentException ex) {
      out.report(
          m,
          HaProxyFinding.VALUE_INVALID,
          v.at(),
          kind
              + v.key()
              + ": haproxytech refuses \""
              + text
              + "\" ("
              + (e.kind() == AnnotationCatalog.Kind.TIME
                  ? "utils.ParseTime: an integer with ms, s, m, h or d, or milliseconds"
                  : e.kind() == AnnotationCatalog.Kind.BOOL
                      ? "utils.GetBoolValue: true or false"
                      : "strconv.Atoi: an integer")
              + "), logs an error and goes on without it.");
    }
  }
}
