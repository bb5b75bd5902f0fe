package dev.wsingress.istio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wsingress.Manifest;
import dev.wsingress.Reading;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The schemas of {@code spec} of Gateway, VirtualService and DestinationRule as the API server
 * applies them, from the pinned istio/api 1.30.3 CRDs ({@code
 * kubernetes/customresourcedefinitions.gen.yaml}), and the checks the doctor makes with them.
 *
 * <p>The resource {@code networking-crd-spec.json} is the CRDs' {@code v1} schema of {@code spec}
 * reduced to what is checked: {@code t} type, {@code p} properties, {@code i} items, {@code a}
 * additionalProperties, {@code e} enum, {@code s} x-kubernetes-int-or-string, {@code x}
 * x-kubernetes-preserve-unknown-fields, {@code o} groups of fields of which at most one may be set
 * (the {@code oneOf} of required fields, and CEL rules of the {@code has(self.a) + has(self.b) <=
 * 1} shape), {@code d} the CEL rule "must be a valid duration greater than 1ms". A test
 * (CrdSpecSchemaTest) derives it again from the CRD file and compares, and checks that the served
 * versions {@code v1beta1} and {@code v1alpha3} have the same schema as {@code v1}, so one schema
 * judges all three.
 *
 * <p>What the API server does with a field the schema lacks: the CRDs are structural, so it drops
 * the field ("pruning", k8s.io/apiextensions-apiserver), and {@code kubectl apply} refuses the
 * object by default ({@code --validate=strict}: "fail the request if invalid"). A wrong type, an
 * enum value outside the list, two fields of a oneOf and a CEL violation make it refuse the object.
 */
final class CrdSchema {
  private CrdSchema() {}

  private static final Map<String, JsonNode> SPECS = load();

  /**
   * Fields that do not exist but appear in manifests, with what Istio has instead; {@code
   * websocketUpgrade} has a finding of its own (istio/api 1.30.3
   * networking/v1alpha3/virtual_service.proto HTTPRoute: {@code reserved 5; reserved
   * "websocket_upgrade"}).
   */
  private static final Map<String, String> INSTEAD =
      Map.of(
          "circuitBreaker",
          "Istio's circuit breaking is trafficPolicy.connectionPool (limits) and"
              + " outlierDetection (ejection)",
          "circuitBreakers",
          "Istio's circuit breaking is trafficPolicy.connectionPool (limits) and"
              + " outlierDetection (ejection)",
          "sessionAffinity",
          "affinity is trafficPolicy.loadBalancer.consistentHash",
          "stickySession",
          "affinity is trafficPolicy.loadBalancer.consistentHash",
          "idleTimeout",
          "idle timeouts are connectionPool.http.idleTimeout and connectionPool.tcp.idleTimeout");

  private static Map<String, JsonNode> load() {
    try (InputStream in = CrdSchema.class.getResourceAsStream("networking-crd-spec.json")) {
      if (in == null) {
        throw new IllegalStateException("networking-crd-spec.json is missing from the jar");
      }
      JsonNode all = new ObjectMapper().readTree(in);
      Map<String, JsonNode> out = new HashMap<>();
      all.properties().forEach(e -> out.put(e.getKey(), e.getValue()));
      return Map.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The checked kinds: Gateway, VirtualService, DestinationRule. */
  static boolean knows(String kind) {
    return SPECS.containsKey(kind);
  }

  /**
   * Where a value is, built into text only when a finding needs it: the walk visits every field of
   * every object, and most need none.
   */
  private record At(At parent, String key, int index) {
    static final At SPEC = new At(null, "spec", -1);

    At child(String k) {
      return new At(this, k, -1);
    }

    At item(int i) {
      return new At(this, null, i);
    }

    /** The JSON pointer, such as {@code /spec/http/0/timeout}. */
    String pointer() {
      String own = key != null ? "/" + key.replace("~", "~0").replace("/", "~1") : "/" + index;
      return (parent == null ? "" : parent.pointer()) + own;
    }

    /** The path as messages show it, such as {@code spec.http[0].timeout}. */
    String path() {
      if (parent == null) {
        return key;
      }
      return parent.path() + (key != null ? "." + key : "[" + index + "]");
    }
  }

  /** Checks {@code spec} of a networking.istio.io object of a known kind against the schema. */
  static void check(Manifest m, Reading out) {
    JsonNode schema = SPECS.get(m.kind());
    JsonNode spec = m.tree().get("spec");
    if (schema == null || spec == null || spec.isNull()) {
      return;
    }
    walk(m, out, spec, schema, At.SPEC);
  }

  private static void walk(Manifest m, Reading out, JsonNode value, JsonNode schema, At at) {
    if (value.isNull()) {
      return; // the API server drops null values of fields that are not nullable
    }
    if (!typeFits(value, schema)) {
      out.report(
          m,
          IstioFinding.INVALID_VALUE,
          m.source(at.pointer()),
          at.path()
              + " is "
              + describe(value)
              + ", where the CRD wants "
              + article(schema.path("t").asText())
              + "; the API server refuses the "
              + m.kind()
              + ".");
      return;
    }
    JsonNode enumValues = schema.get("e");
    if (enumValues != null && value.isTextual() && !contains(enumValues, value.asText())) {
      out.report(
          m,
          IstioFinding.INVALID_VALUE,
          m.source(at.pointer()),
          at.path()
              + " is \""
              + value.asText()
              + "\", which is none of "
              + join(enumValues)
              + "; the API server refuses the "
              + m.kind()
              + ".");
      return;
    }
    if (schema.path("d").asBoolean() && value.isTextual()) {
      duration(m, out, value.asText(), at);
    }
    if (value.isObject()) {
      object(m, out, value, schema, at);
    } else if (value.isArray() && schema.has("i")) {
      JsonNode items = schema.get("i");
      for (int i = 0; i < value.size(); i++) {
        walk(m, out, value.get(i), items, at.item(i));
      }
    }
  }

  private static void object(Manifest m, Reading out, JsonNode value, JsonNode schema, At at) {
    JsonNode props = schema.get("p");
    JsonNode additional = schema.get("a");
    boolean preserve = schema.path("x").asBoolean();
    Iterator<Map.Entry<String, JsonNode>> it = value.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      JsonNode sub = props == null ? null : props.get(key);
      if (sub != null) {
        walk(m, out, e.getValue(), sub, at.child(key));
      } else if (additional != null) {
        walk(m, out, e.getValue(), additional, at.child(key));
      } else if (!preserve && props != null) {
        unknown(m, out, key, props, at.child(key));
      }
    }
    for (JsonNode group : schema.path("o")) {
      List<String> set = new ArrayList<>();
      for (JsonNode name : group) {
        JsonNode v = value.get(name.asText());
        if (v != null && !v.isNull()) {
          set.add(name.asText());
        }
      }
      if (set.size() > 1) {
        String first = at.child(set.get(1)).pointer();
        boolean lb = set.contains("simple") && set.contains("consistentHash");
        out.report(
            m,
            IstioFinding.ONE_OF,
            m.source(first),
            at.path()
                + " sets "
                + String.join(" and ", set)
                + ", of which the CRD accepts only one (oneOf); the API server refuses the "
                + m.kind()
                + (lb
                    ? ". simple picks a balancing algorithm and consistentHash is the affinity"
                        + " hash: for sticky sessions keep consistentHash."
                    : "."));
      }
    }
  }

  private static void unknown(Manifest m, Reading out, String key, JsonNode props, At at) {
    String pointer = at.pointer();
    String path = at.path();
    if (key.equals("websocketUpgrade")) {
      // istio/istio 1.30.3 pilot/pkg/networking/core/listener_builder.go: every HTTP connection
      // manager Istio builds has UpgradeConfigs [websocket], so nothing needs turning on.
      out.report(
          m,
          IstioFinding.WEBSOCKET_UPGRADE,
          m.source(pointer),
          path
              + " does not exist (istio/api reserves the removed field websocket_upgrade): the"
              + " API server drops it, kubectl apply refuses it, and Istio forwards WebSocket"
              + " upgrades on every HTTP route anyway.");
      return;
    }
    String note = INSTEAD.get(key);
    String suggestion = nearest(key, props);
    out.report(
        m,
        IstioFinding.UNKNOWN_FIELD,
        m.source(pointer),
        path
            + " is not a field of the "
            + m.kind()
            + " CRD: the API server drops it (kubectl apply refuses it)"
            + (suggestion != null ? "; did you mean " + suggestion + "?" : "")
            + (note != null ? "; " + note : "")
            + ".");
  }

  /**
   * The CEL rule of Istio's duration fields (istio/api 1.23.0 and newer): "must be a valid duration
   * greater than 1ms"; the value is read with Go's time.ParseDuration ({@link ProtoDuration}).
   */
  private static void duration(Manifest m, Reading out, String text, At at) {
    String pointer = at.pointer();
    String path = at.path();
    Duration d;
    try {
      d = ProtoDuration.parse(text);
    } catch (IllegalArgumentException e) {
      out.report(
          m,
          IstioFinding.DURATION_REFUSED,
          m.source(pointer),
          path
              + " is \""
              + text
              + "\", which is no duration (such as 30s or 1h); the API server refuses the "
              + m.kind()
              + ".");
      return;
    }
    if (d.compareTo(Duration.ofMillis(1)) < 0) {
      boolean routeTimeout = path.matches("spec\\.http\\[\\d+]\\.timeout");
      out.report(
          m,
          IstioFinding.DURATION_REFUSED,
          m.source(pointer),
          path
              + " is "
              + text
              + ": the CRD's rule \"must be a valid duration greater than 1ms\" (Istio 1.23 and"
              + " newer) makes the API server refuse the "
              + m.kind()
              + (routeTimeout
                  ? "; leaving timeout out is what disables it (Istio's default route timeout is"
                      + " none)."
                  : "."));
    }
  }

  private static boolean typeFits(JsonNode v, JsonNode schema) {
    String t = schema.path("t").asText("");
    boolean intOrString = schema.path("s").asBoolean();
    switch (t) {
      case "object":
        return v.isObject();
      case "array":
        return v.isArray();
      case "string":
        return v.isTextual() || (intOrString && v.isIntegralNumber());
      case "integer":
        return v.isIntegralNumber() || (intOrString && v.isTextual());
      case "number":
        return v.isNumber();
      case "boolean":
        return v.isBoolean();
      default:
        return true;
    }
  }

  private static String describe(JsonNode v) {
    if (v.isTextual()) {
      return "the string \"" + v.asText() + "\"";
    }
    if (v.isNumber()) {
      return "the number " + v.asText();
    }
    if (v.isBoolean()) {
      return "the boolean " + v.asText();
    }
    return v.isArray() ? "a list" : "a mapping";
  }

  private static String article(String type) {
    switch (type) {
      case "object":
        return "a mapping";
      case "array":
        return "a list";
      case "integer":
        return "an integer";
      default:
        return "a " + type;
    }
  }

  private static boolean contains(JsonNode values, String v) {
    for (JsonNode e : values) {
      if (e.asText().equals(v)) {
        return true;
      }
    }
    return false;
  }

  private static String join(JsonNode values) {
    List<String> out = new ArrayList<>();
    values.forEach(v -> out.add(v.asText()));
    return String.join(", ", out);
  }

  /** The property whose name is nearest to {@code key} (case, or at most 2 edits), or null. */
  static String nearest(String key, JsonNode props) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    Iterator<String> names = props.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      int d =
          name.equalsIgnoreCase(key)
              ? 0
              : dev.wsingress.Suggestions.distance(
                  key.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = name;
      }
    }
    return bestDistance <= Math.min(2, key.length() / 3) ? best : null;
  }
}
