package dev.wsingress.haproxy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsingress.Affinity;
import dev.wsingress.BackendProtocol;
import dev.wsingress.CookieAffinity;
import dev.wsingress.HealthCheck;
import dev.wsingress.Manifest;
import dev.wsingress.Manifests;
import dev.wsingress.Reading;
import dev.wsingress.SameSite;
import dev.wsingress.Setting;
import dev.wsingress.Source;
import dev.wsingress.Version;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The haproxytech Backend custom resources a {@code cr-backend} key selects, read the other way
 * round from {@link RouteAnnotations#backendSpec}: the backend section in client-native's field
 * names, every timeout an integer number of milliseconds (documentation/custom-resources.md).
 *
 * <p>Which resources a release reads: 3.0 and 3.1 only {@code ingress.v1.haproxy.org/v1} (its
 * section under {@code spec.config}); 3.2 {@code ingress.v3.haproxy.org/v3} (the section is {@code
 * spec}) and still the v1 one, logged as deprecated (pkg/k8s/crs-deprecated-v1.go v3.2.11: "CR
 * defined in API … is DEPRECATED"). A {@code cr-backend} whose resource does not exist leaves the
 * backend to the annotations (pkg/annotations/models.go {@code model} returns an error, and
 * pkg/service/service.go {@code getBackendModel} falls back); with one, every backend annotation is
 * ignored.
 */
final class BackendResources {
  static final String V3 = "ingress.v3.haproxy.org";
  static final String V1 = "ingress.v1.haproxy.org";

  /** The fields wsingress reads (and writes); every other one is reported to the converter. */
  static final Set<String> READ =
      Set.of(
          "name",
          "mode",
          "tunnel_timeout",
          "connect_timeout",
          "server_timeout",
          "balance",
          "cookie",
          "dynamic_cookie_key",
          "adv_check",
          "httpchk_params",
          "default_server");

  private BackendResources() {}

  /** One resource: the object and its backend section. */
  record Resource(Manifest object, boolean v1, JsonNode section, String pointer) {
    Source at(String field) {
      return object.source(pointer + "/" + field);
    }

    String subject() {
      return "Backend " + object.namespace() + "/" + object.name();
    }
  }

  /** What a resource sets: null where it says nothing. */
  record Read(
      Setting<Duration> tunnel,
      Setting<Duration> connect,
      Setting<Duration> server,
      Setting<Affinity> affinity,
      Setting<HealthCheck> health,
      Setting<BackendProtocol> protocol,
      String balance) {}

  /** The resource {@code namespace/name} that {@code version} reads, if the input has it. */
  static Resource find(Manifests in, String namespace, String name, Version version) {
    if (version.isAtLeast(IngressAnnotations.PREFIXES_ONLY)) {
      Manifest v3 = in.find(V3, "Backend", namespace, name).orElse(null);
      if (v3 != null && v3.apiVersion().equals(V3 + "/v3")) {
        return new Resource(v3, false, v3.tree().path("spec"), "/spec");
      }
    }
    Manifest v1 = in.find(V1, "Backend", namespace, name).orElse(null);
    if (v1 != null && v1.apiVersion().equals(V1 + "/v1")) {
      return new Resource(v1, true, v1.tree().path("spec").path("config"), "/spec/config");
    }
    return null;
  }

  private static Duration millis(JsonNode n) {
    return n.isIntegralNumber() ? Duration.ofMillis(n.asLong()) : null;
  }

  /** Reads the resource; reports what the spec cannot hold to the converter. */
  static Read read(Resource r, Reading out) {
    JsonNode s = r.section();
    Manifest m = r.object();
    Iterator<Map.Entry<String, JsonNode>> fields = s.properties().iterator();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      if (!READ.contains(f.getKey())) {
        out.notCarried(
            m,
            "the field " + r.pointer().substring(1).replace('/', '.') + "." + f.getKey(),
            r.at(f.getKey()),
            "wsingress does not model it yet");
      }
    }
    Setting<Duration> tunnel = timeout(r, "tunnel_timeout");
    Setting<Duration> connect = timeout(r, "connect_timeout");
    Setting<Duration> server = timeout(r, "server_timeout");
    String algorithm = s.path("balance").path("algorithm").asText("");
    Setting<Affinity> affinity = null;
    JsonNode cookie = s.path("cookie");
    if (cookie.path("name").isTextual()) {
      affinity = Setting.of(cookie(r, cookie, out), r.at("cookie"));
    } else if (algorithm.equals("source")) {
      affinity = Setting.of(Affinity.clientIp(), r.at("balance"));
    } else if (algorithm.equals("hdr") && s.path("balance").path("hdr_name").isTextual()) {
      affinity =
          Setting.of(Affinity.header(s.path("balance").path("hdr_name").asText()), r.at("balance"));
    }
    Setting<HealthCheck> health = null;
    JsonNode server0 = s.path("default_server");
    if (s.path("adv_check").asText("").equals("httpchk")
        && server0.path("check").asText("").equals("enabled")
        && s.path("httpchk_params").path("uri").isTextual()) {
      HealthCheck h = HealthCheck.http(s.path("httpchk_params").path("uri").asText());
      Duration inter = millis(server0.path("inter"));
      if (inter != null) {
        h = h.interval(inter);
      }
      if (server0.path("rise").isIntegralNumber()) {
        h = h.rise(server0.path("rise").asInt());
      }
      if (server0.path("fall").isIntegralNumber()) {
        h = h.fall(server0.path("fall").asInt());
      }
      String method = s.path("httpchk_params").path("method").asText("GET");
      if (!method.equals("GET")) {
        out.notCarried(
            m,
            "the field " + r.pointer().substring(1).replace('/', '.') + ".httpchk_params.method",
            r.at("httpchk_params"),
            "the spec's health check is a GET");
      }
      health = Setting.of(h, r.at("adv_check"));
    }
    Setting<BackendProtocol> protocol = null;
    if (server0.path("ssl").asText("").equals("enabled")) {
      protocol = Setting.of(BackendProtocol.HTTPS, r.at("default_server"));
    }
    for (String f : new String[] {"verify", "ca_file", "sni", "alpn"}) {
      if (server0.has(f)) {
        out.notCarried(
            m,
            "the field " + r.pointer().substring(1).replace('/', '.') + ".default_server." + f,
            r.at("default_server"),
            "a Backend resource names files inside the controller pod, and the spec holds a CA"
                + " Secret, which wsingress writes as the server-ca annotation");
      }
    }
    return new Read(tunnel, connect, server, affinity, health, protocol, algorithm);
  }

  private static Setting<Duration> timeout(Resource r, String field) {
    Duration d = millis(r.section().path(field));
    return d == null ? null : Setting.of(d, r.at(field));
  }

  private static CookieAffinity cookie(Resource r, JsonNode c, Reading out) {
    CookieAffinity a =
        Affinity.cookie(c.path("name").asText()).httpOnly(c.path("httponly").asBoolean(false));
    if (c.path("secure").isBoolean()) {
      a = a.secure(c.path("secure").asBoolean());
    }
    String prefix = r.pointer().substring(1).replace('/', '.') + ".cookie.";
    for (JsonNode attr : c.path("attr")) {
      String v = attr.path("value").asText("");
      int eq = v.indexOf('=');
      String key = eq < 0 ? v : v.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      String value = eq < 0 ? "" : v.substring(eq + 1).trim();
      try {
        switch (key) {
          case "samesite":
            a = a.sameSite(SameSite.valueOf(value.toUpperCase(Locale.ROOT)));
            continue;
          case "max-age":
            a = a.maxAge(Duration.ofSeconds(Long.parseLong(value)));
            continue;
          case "path":
            a = a.path(value);
            continue;
          default:
            break;
        }
      } catch (IllegalArgumentException e) {
        // reported below
      }
      out.notCarried(
          r.object(),
          "the cookie attribute \"" + v + "\" (" + prefix + "attr)",
          r.at("cookie"),
          "the spec's cookie holds SameSite, Max-Age and Path");
    }
    String type = c.path("type").asText("insert");
    if (!type.equals("insert")
        || !c.path("indirect").asBoolean(false)
        || !c.path("nocache").asBoolean(false)
        || !c.path("dynamic").asBoolean(false)) {
      out.notCarried(
          r.object(),
          "the cookie mode (" + prefix + "type " + type + ", indirect, nocache, dynamic)",
          r.at("cookie"),
          "wsingress writes an inserted, indirect, nocache, dynamic cookie");
    }
    return a;
  }
}
