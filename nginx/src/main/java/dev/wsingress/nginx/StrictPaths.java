package dev.wsingress.nginx;

import dev.wsingress.Rendering;
import dev.wsingress.Route;
import dev.wsingress.Version;
import dev.wsingress.WebSocketApp;
import java.util.function.Function;

/**
 * The path check of ingress-nginx's admission webhook. For every {@code Exact} and {@code Prefix}
 * path, {@code inspector.ValidatePathType} (internal/ingress/inspector/inspector.go) matches {@code
 * validPathType} (internal/ingress/inspector/rules.go):
 *
 * <ul>
 *   <li>{@code (?i)^/[[:alnum:]\_\-/]*$} in v1.10.0 to v1.12.5 and v1.13.0 to v1.13.1;
 *   <li>{@code (?i)^/[[:alnum:]._\-/]*$} from v1.12.6, v1.13.2 and v1.14.0 ("Ingresses: Allow
 *       {@code .} in {@code Exact} and {@code Prefix} paths", #13799 and #13800).
 * </ul>
 *
 * {@code CheckWarning} (controller.go) always returns a mismatch as an admission warning; {@code
 * CheckIngress} refuses the Ingress ("ingress contains invalid paths: path ... cannot be used with
 * pathType Prefix") when the ConfigMap's {@code strict-validate-path-type} is true, the default
 * from v1.12.0 (config.go {@code StrictValidatePathType: true}; false in v1.10 and v1.11). The spec
 * allows more ({@code ~ ! & + , = : @ %xx}, core {@code SpecRules}), so the nginx target judges its
 * paths here.
 */
final class StrictPaths {
  private StrictPaths() {}

  private static final Version DEFAULT_ON = Version.of(1, 12);
  private static final Version DOT_EVERYWHERE = Version.of(1, 14);

  private static boolean plain(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '-'
        || c == '/';
  }

  private static String allowed(Version version) {
    if (version.isAtLeast(DOT_EVERYWHERE)) {
      return "letters, digits, '_', '-', '/' and '.'";
    }
    if (version.isAtLeast(DEFAULT_ON)) {
      return "letters, digits, '_', '-', '/' and, from v1.12.6 and v1.13.2, '.'";
    }
    return "letters, digits, '_', '-' and '/'";
  }

  /** What the admission webhook does with one path: a finding kind and its message, or none. */
  record Verdict(NginxFinding kind, String message) {}

  /**
   * How ingress-nginx of {@code version} judges the {@code Exact} or {@code Prefix} path {@code
   * path} ({@code ImplementationSpecific} paths are not checked).
   *
   * @param strictSetting the controller ConfigMap's {@code strict-validate-path-type}, or null for
   *     the release's default
   * @param where where that setting is, for the message: {@code "the rendered ConfigMap"}
   * @return null when the path passes
   */
  static Verdict judge(
      String path, String type, Version version, Boolean strictSetting, String where) {
    boolean strict = strictSetting != null ? strictSetting : version.isAtLeast(DEFAULT_ON);
    boolean other = false;
    boolean dot = false;
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '.') {
        dot = true;
      } else if (!plain(c)) {
        other = true;
      }
    }
    boolean refusable = other || (dot && !version.isAtLeast(DEFAULT_ON));
    String v = "ingress-nginx v" + version;
    if (refusable && strict) {
      return new Verdict(
          NginxFinding.PATH_REFUSED,
          v
              + " refuses path "
              + path
              + " with pathType "
              + type
              + ": strict-validate-path-type is on"
              + (strictSetting != null ? " in " + where : " (the default from v1.12)")
              + ", and its admission webhook then accepts only "
              + allowed(version)
              + " in Exact and Prefix paths.");
    }
    if (refusable) {
      return new Verdict(
          NginxFinding.PATH_WARNED,
          v
              + " warns about path "
              + path
              + " with pathType "
              + type
              + " and refuses it when strict-validate-path-type is on ("
              + (strictSetting != null ? "it is off in " + where : "off by default before v1.12")
              + "): Exact and Prefix paths may hold only "
              + allowed(version)
              + ".");
    }
    if (dot && !version.isAtLeast(DOT_EVERYWHERE)) {
      return new Verdict(
          NginxFinding.PATH_WARNED,
          v
              + " accepts '.' in path "
              + path
              + " (pathType "
              + type
              + ") only from v1.12.6 and v1.13.2; earlier v1.12 and v1.13 releases refuse it"
              + " when strict-validate-path-type is on and warn about it otherwise.");
    }
    return null;
  }

  /**
   * Reports the app's paths that the controller of {@code version} refuses or warns about.
   *
   * <p>A rewritten route's path is a regular expression with pathType {@code
   * ImplementationSpecific}, which {@code ValidatePathType} skips.
   *
   * @param strictSetting the rendered ConfigMap's {@code strict-validate-path-type}, or null
   * @param subjectOf the Ingress that carries a route
   */
  static void check(
      WebSocketApp app,
      Version version,
      Boolean strictSetting,
      Function<Route, String> subjectOf,
      Rendering.Builder out) {
    for (Route route : app.routes()) {
      if (route.rewrite().isPresent()) {
        continue;
      }
      String type = route.match() == Route.Match.EXACT ? "Exact" : "Prefix";
      Verdict verdict = judge(route.path(), type, version, strictSetting, "the rendered ConfigMap");
      if (verdict != null) {
        out.add(verdict.kind().at(subjectOf.apply(route), verdict.message()));
      }
    }
  }
}
