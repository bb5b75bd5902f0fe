package dev.wsingress.haproxy;

import dev.wsingress.FindingKind;
import dev.wsingress.Severity;

/**
 * The findings about objects of the jcmoraisjr HAProxy Ingress controller
 * (haproxy-ingress.github.io, another project than haproxytech's), which {@link
 * HaProxyIngressReader} identifies: codes {@code HAPROXY-INGRESS-…}, so that they are not mistaken
 * for haproxytech's.
 */
enum HaProxyIngressFinding implements FindingKind {
  IDENTIFIED(
      Severity.INFO,
      "Nothing to do: wsingress's HAProxy target renders for haproxytech, so this controller's"
          + " objects are checked for their timeouts only and not converted."),
  TIME_REFUSED(
      Severity.WARNING,
      "Write the time with a unit, for example 3600s: HAProxy Ingress ignores a time without one,"
          + " although its documentation says milliseconds."),
  HAPROXYTECH_KEY(
      Severity.WARNING,
      "Use this controller's key with its prefix haproxy-ingress.github.io/: HAProxy Ingress does"
          + " not read haproxy.org/ keys.");

  private final Severity severity;
  private final String hint;

  HaProxyIngressFinding(Severity severity, String hint) {
    this.severity = severity;
    this.hint = hint;
  }

  @Override
  public String prefix() {
    return "HAPROXY-INGRESS";
  }

  @Override
  public Severity severity() {
    return severity;
  }

  @Override
  public String hint() {
    return hint;
  }
}
