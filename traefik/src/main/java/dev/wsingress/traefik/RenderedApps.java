package dev.wsingress.traefik;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsingress.Manifest;
import dev.wsingress.ServedRoute;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * For the converter: which app each IngressRoute and Ingress that wsingress rendered ({@code
 * app.kubernetes.io/managed-by: wsingress}) belongs to, read back from the names {@link Traefik}
 * gives them, and the entry points the app's objects use. Objects of other origin get neither.
 *
 * <ul>
 *   <li>IngressRoutes: {@code <app>} (the routes; on the HTTPS entry point with TLS), {@code
 *       <app>-redirect} (the HTTP redirect), {@code <app>-<web>} (TLS without a redirect: the same
 *       routes on the HTTP entry point);
 *   <li>Ingresses: {@code <app>} for WebSocket routes, {@code <app>-http} for plain routes, {@code
 *       <app>-rewrite-<path>} for a rewritten route, {@code -<path>} and then {@code -<n>} added
 *       where a name is taken ({@link Names#slug}, {@link Names#unique}), {@code <app>-redirect},
 *       and the HTTP copies {@code <group>-<web>}. The app of a set of Ingresses with equal labels
 *       in one namespace is the name every one of them can be derived from (the longest when
 *       several can).
 * </ul>
 */
final class RenderedApps {
  private final Map<Manifest, String> apps = new IdentityHashMap<>();
  private final Map<String, String[]> entryPoints = new LinkedHashMap<>();

  private RenderedApps() {}

  static boolean managed(Manifest m) {
    return m.label("app.kubernetes.io/managed-by").map("wsingress"::equals).orElse(false);
  }

  static RenderedApps of(ReadContext ctx) {
    RenderedApps r = new RenderedApps();
    r.ingressRoutes(ctx);
    r.ingresses(ctx);
    return r;
  }

  /** The app a routing object wsingress rendered belongs to, empty for any other object. */
  Optional<String> app(Manifest m) {
    return Optional.ofNullable(apps.get(m));
  }

  /**
   * The HTTP and HTTPS entry points of the app an object belongs to, as its objects use them (null
   * for one they do not show), or empty for an object wsingress did not render.
   */
  Optional<String[]> entryPoints(Manifest m) {
    String app = apps.get(m);
    return app == null
        ? Optional.empty()
        : Optional.ofNullable(entryPoints.get(key(m.namespace(), app)));
  }

  private static String key(String namespace, String app) {
    return namespace + "/" + app;
  }

  private void entryPoint(Manifest m, String app, String ep, boolean tls) {
    if (ep == null) {
      return;
    }
    String[] eps = entryPoints.computeIfAbsent(key(m.namespace(), app), k -> new String[2]);
    eps[tls ? 1 : 0] = ep;
  }

  private static String single(JsonNode list) {
    return list.size() == 1 && list.get(0).isTextual() ? list.get(0).asText() : null;
  }

  private void ingressRoutes(ReadContext ctx) {
    Map<String, Manifest> byName = new LinkedHashMap<>();
    List<Manifest> managed = new ArrayList<>();
    for (Manifest ir : ctx.in.objects(ReadContext.GROUP, "IngressRoute")) {
      if (managed(ir)) {
        managed.add(ir);
        byName.put(key(ir.namespace(), ir.name()), ir);
      }
    }
    for (Manifest ir : managed) {
      JsonNode spec = ir.tree().path("spec");
      boolean tls = spec.path("tls").isObject();
      String ep = single(spec.path("entryPoints"));
      String app = ir.name();
      if (!tls) {
        String redirect = "-redirect";
        if (app.endsWith(redirect) && redirects(ctx, ir)) {
          app = app.substring(0, app.length() - redirect.length());
        } else if (ep != null && app.endsWith("-" + ep)) {
          Manifest main =
              byName.get(key(ir.namespace(), app.substring(0, app.length() - ep.length() - 1)));
          if (main != null && main.tree().path("spec").path("tls").isObject()) {
            app = main.name();
          }
        }
      }
      apps.put(ir, app);
      entryPoint(ir, app, ep, tls);
    }
  }

  /** Whether every route of a managed IngressRoute takes a redirectScheme Middleware. */
  private static boolean redirects(ReadContext ctx, Manifest ir) {
    JsonNode routes = ir.tree().path("spec").path("routes");
    if (routes.size() == 0) {
      return false;
    }
    for (JsonNode route : routes) {
      boolean found = false;
      for (JsonNode ref : route.path("middlewares")) {
        Optional<Manifest> m = ctx.find("Middleware", ir.namespace(), ref.path("name").asText(""));
        found |= m.isPresent() && m.get().tree().path("spec").has("redirectScheme");
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  private static final Pattern TRAILING_NUMBER = Pattern.compile("-[0-9]+$");

  private void ingresses(ReadContext ctx) {
    Map<String, List<Manifest>> siblings = new LinkedHashMap<>();
    for (Manifest ing : ctx.in.objects("networking.k8s.io", "Ingress")) {
      if (managed(ing)) {
        siblings
            .computeIfAbsent(ing.namespace() + " " + ing.labels(), k -> new ArrayList<>())
            .add(ing);
      }
    }
    for (List<Manifest> group : siblings.values()) {
      Set<String> common = null;
      Map<Manifest, Set<String>> candidates = new IdentityHashMap<>();
      List<Manifest> copies = new ArrayList<>();
      boolean anyTls = false;
      for (Manifest ing : group) {
        anyTls |= routerTls(ing);
      }
      for (Manifest ing : group) {
        Set<String> c = candidates(ing, anyTls);
        if (c == null) {
          copies.add(ing);
          continue;
        }
        candidates.put(ing, c);
        if (common == null) {
          common = new LinkedHashSet<>(c);
        } else {
          common.retainAll(c);
        }
      }
      String shared = null;
      if (common != null) {
        for (String name : common) {
          if (shared == null || name.length() > shared.length()) {
            shared = name;
          }
        }
      }
      for (Map.Entry<Manifest, Set<String>> e : candidates.entrySet()) {
        String app = shared != null ? shared : e.getValue().iterator().next();
        apps.put(e.getKey(), app);
        ingressEntryPoint(e.getKey(), app);
      }
      for (Manifest copy : copies) {
        String app = shared != null ? shared : copy.name();
        apps.put(copy, app);
        ingressEntryPoint(copy, app);
      }
    }
  }

  private void ingressEntryPoint(Manifest ing, String app) {
    String eps = ing.annotation(IngressAnnotations.ROUTER_ENTRYPOINTS.key()).orElse("");
    boolean tls = routerTls(ing);
    if (!eps.isEmpty() && !eps.contains(",")) {
      entryPoint(ing, app, eps, tls);
    }
  }

  /**
   * The app names an Ingress of the Ingress form can have been given for, the most likely first;
   * null for an HTTP copy of a group (it names no kind: the redirect, or a copy on the HTTP entry
   * point, which is read by the routes it repeats).
   */
  private static boolean routerTls(Manifest ing) {
    return ing.annotation(IngressAnnotations.ROUTER_TLS.key()).orElse("").equals("true");
  }

  private static Set<String> candidates(Manifest ing, boolean anyTls) {
    String name = ing.name();
    Optional<String> kind = ing.annotation(ServedRoute.WEBSOCKET_ANNOTATION);
    Set<String> out = new LinkedHashSet<>();
    if (kind.isEmpty()) {
      if (name.endsWith("-redirect")) {
        out.add(name.substring(0, name.length() - "-redirect".length()));
        return out;
      }
      return null;
    }
    if (anyTls && !routerTls(ing)) {
      return null; // a group's copy on the HTTP entry point (TLS without a redirect)
    }
    String slug = firstSlug(ing);
    String base = TRAILING_NUMBER.matcher(name).replaceFirst("");
    for (String n : List.of(name, base)) {
      strip(out, n, "-rewrite-" + slug);
    }
    if (kind.get().equals("true")) {
      out.add(name);
      for (String n : List.of(name, base)) {
        strip(out, n, "-" + slug);
      }
    } else {
      strip(out, name, "-http");
      for (String n : List.of(name, base)) {
        strip(out, n, "-http-" + slug);
      }
    }
    if (out.isEmpty()) {
      out.add(name);
    }
    return out;
  }

  private static void strip(Set<String> out, String name, String suffix) {
    if (name.endsWith(suffix) && name.length() > suffix.length()) {
      out.add(name.substring(0, name.length() - suffix.length()));
    }
  }

  /** The slug of an Ingress's first path (a path {@code /p/} written for {@code /p} alike). */
  private static String firstSlug(Manifest ing) {
    for (JsonNode rule : ing.tree().path("spec").path("rules")) {
      for (JsonNode p : rule.path("http").path("paths")) {
        return dev.wsingress.Ingresses.slug(p.path("path").asText("/"));
      }
    }
    return "root";
  }
}
