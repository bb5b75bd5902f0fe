package dev.wsingress.nginx;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsingress.Manifest;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The app an Ingress that wsingress rendered belongs to, from its name: the nginx target names an
 * app's Ingresses as core's {@code Ingresses.group} does — the app's name for its first WebSocket
 * group, {@code <app>-ws-<path>} for further WebSocket groups, {@code <app>-http} and {@code
 * <app>-http-<path>} for plain routes, {@code <app>-rewrite-<path>} for rewritten routes, where
 * {@code <path>} is the group's first path made a name part, and {@code -2}, {@code -3}... for a
 * name already taken.
 */
final class AppNames {
  private AppNames() {}

  private static final Pattern TAKEN = Pattern.compile("(.+)-([2-9]|[1-9][0-9]+)");

  /**
   * The app's name for an Ingress wsingress rendered, whose routes are WebSocket routes or plain
   * ones ({@code webSocket}): only plain groups are named {@code -http}, only WebSocket groups
   * {@code -ws-}.
   */
  static String of(Manifest ing, boolean webSocket) {
    String name = ing.name();
    String slug = dev.wsingress.Ingresses.slug(firstRegexFreePath(ing));
    List<String> suffixes =
        webSocket
            ? List.of("-rewrite-" + slug, "-ws-" + slug)
            : List.of("-rewrite-" + slug, "-http-" + slug, "-http");
    String label = ing.label("app.kubernetes.io/name").orElse("");
    if (!label.isEmpty() && name.equals(label)) {
      return label;
    }
    for (String suffix : suffixes) {
      String app = strip(name, suffix);
      if (app != null && (label.isEmpty() || app.equals(label))) {
        return app;
      }
    }
    for (String suffix : suffixes) {
      String app = strip(name, suffix);
      if (app != null) {
        return app;
      }
    }
    return name;
  }

  /** {@code name} without {@code suffix} (and a {@code -n} after it), or null. */
  private static String strip(String name, String suffix) {
    String base = name;
    Matcher m = TAKEN.matcher(name);
    if (!name.endsWith(suffix) && m.matches() && m.group(1).endsWith(suffix)) {
      base = m.group(1);
    }
    if (base.endsWith(suffix) && base.length() > suffix.length()) {
      return base.substring(0, base.length() - suffix.length());
    }
    return null;
  }

  private static String firstPath(Manifest ing) {
    JsonNode p = ing.tree().path("spec").path("rules").path(0).path("http").path("paths").path(0);
    return p.path("path").asText("/");
  }

  /** The first path, with a rewrite's regex ({@code /notify(/|$)(.*)}) read back to its prefix. */
  private static String firstRegexFreePath(Manifest ing) {
    String path = firstPath(ing);
    if (path.endsWith("(/|$)(.*)")) {
      String literal = Rewrites.literal(path.substring(0, path.length() - "(/|$)(.*)".length()));
      return literal == null ? path : literal;
    }
    return path.equals("/(.*)") ? "/" : path;
  }
}
