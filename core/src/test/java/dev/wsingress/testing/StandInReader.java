package dev.wsingress.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsingress.Affinity;
import dev.wsingress.FindingKind;
import dev.wsingress.Manifest;
import dev.wsingress.Manifests;
import dev.wsingress.Reading;
import dev.wsingress.RenderContext;
import dev.wsingress.Rendering;
import dev.wsingress.ServedBackend;
import dev.wsingress.ServedRoute;
import dev.wsingress.ServedRoute.HostMatch;
import dev.wsingress.ServedRoute.PathMatch;
import dev.wsingress.Setting;
import dev.wsingress.Severity;
import dev.wsingress.Target;
import dev.wsingress.WebSocketApp;
import java.time.Duration;
import java.util.Optional;

/**
 * A stand-in for a target's reader, to test the reading SPI and core's rules without a real
 * controller (and the worked example for target readers). It reads {@code networking.k8s.io/v1}
 * Ingresses of class {@code test} (or without a class) like a simple controller would:
 *
 * <ul>
 *   <li>each rule's host ({@code *.} wildcards by one label) and each path ({@code Exact}, {@code
 *       Prefix} by segment, {@code ImplementationSpecific} by character) is a served route to its
 *       Service port, resolved through the input;
 *   <li>{@code test.wsingress.dev/read-timeout: "<seconds>"} sets the read timeout, which is 60 s
 *       by default; {@code test.wsingress.dev/affinity-cookie: "<name>"} sets cookie affinity;
 *   <li>a {@code test.wsingress.dev/...} annotation that is not a string is {@code
 *       TEST-ANNOTATION-TYPE} (the API server refuses it).
 * </ul>
 *
 * <pre>{@code
 * Report r = Doctor.with(StandInReader.target()).check(Manifests.parse(yaml, "t.yaml"));
 * }</pre>
 */
public final class StandInReader implements Target {
  static final String PREFIX = "test.wsingress.dev/";
  private final String ingressClass;

  private StandInReader(String ingressClass) {
    this.ingressClass = ingressClass;
  }

  /** The reader for Ingresses of class {@code test}. */
  public static StandInReader target() {
    return new StandInReader("test");
  }

  /** The same reader configured for another class (what an importer would render with). */
  public StandInReader ingressClass(String name) {
    return new StandInReader(name);
  }

  /** The class it serves. */
  public String ingressClass() {
    return ingressClass;
  }

  /** The stand-in's finding kinds. */
  enum Check implements FindingKind {
    ANNOTATION_TYPE(Severity.ERROR, "Quote the value: annotations are strings.");

    private final Severity severity;
    private final String hint;

    Check(Severity severity, String hint) {
      this.severity = severity;
      this.hint = hint;
    }

    @Override
    public String prefix() {
      return "TEST";
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

  @Override
  public void read(Manifests in, Reading out) {
    for (Manifest ing : in.objects("networking.k8s.io", "Ingress")) {
      JsonNode spec = ing.tree().path("spec");
      String cls = spec.path("ingressClassName").asText("");
      if (!cls.isEmpty() && !cls.equals(ingressClass)) {
        continue; // another controller's Ingress
      }
      out.understood(ing);
      ing.annotations()
          .forEach(
              (key, value) -> {
                if (key.startsWith(PREFIX) && !value.isTextual()) {
                  out.report(
                      ing,
                      Check.ANNOTATION_TYPE,
                      ing.annotationSource(key),
                      "the annotation " + key + " is " + value.getNodeType() + ", not a string.");
                }
              });
      Setting<Duration> read =
          ing.annotation(PREFIX + "read-timeout")
              .filter(v -> v.matches("[0-9]{1,9}"))
              .map(
                  v ->
                      Setting.of(
                          Duration.ofSeconds(Long.parseLong(v)),
                          ing.annotationSource(PREFIX + "read-timeout")))
              .orElse(Setting.byDefault(Duration.ofSeconds(60), "the stand-in reader's default"));
      Optional<Setting<Affinity>> affinity =
          ing.annotation(PREFIX + "affinity-cookie")
              .map(
                  name ->
                      Setting.<Affinity>of(
                          Affinity.cookie(name), ing.annotationSource(PREFIX + "affinity-cookie")));
      JsonNode rules = spec.path("rules");
      for (int r = 0; r < rules.size(); r++) {
        JsonNode rule = rules.get(r);
        String host = rule.path("host").asText("");
        JsonNode paths = rule.path("http").path("paths");
        for (int p = 0; p < paths.size(); p++) {
          JsonNode path = paths.get(p);
          String at = "/spec/rules/" + r + "/http/paths/" + p;
          ServedRoute.Builder b =
              ServedRoute.builder(this, ing, ing.source(at))
                  .host(
                      host,
                      host.isEmpty()
                          ? HostMatch.ANY
                          : host.startsWith("*.") ? HostMatch.WILDCARD_ONE_LABEL : HostMatch.EXACT)
                  .path(path.path("path").asText("/"), match(path.path("pathType").asText()))
                  .readTimeout(read);
          affinity.ifPresent(b::affinity);
          JsonNode svc = path.path("backend").path("service");
          if (svc.isObject()) {
            JsonNode port = svc.path("port");
            ServedBackend backend =
                port.has("number")
                    ? in.backend(
                        ing.namespace(), svc.path("name").asText(), port.path("number").asInt())
                    : in.backend(
                        ing.namespace(), svc.path("name").asText(), port.path("name").asText());
            b.backend(backend.at(ing.source(at + "/backend/service")));
          }
          out.add(b.build());
        }
      }
    }
  }

  private static PathMatch match(String pathType) {
    switch (pathType) {
      case "Exact":
        return PathMatch.EXACT;
      case "ImplementationSpecific":
        return PathMatch.CHARACTER_PREFIX;
      default:
        return PathMatch.PREFIX;
    }
  }

  @Override
  public String id() {
    return "test-reader";
  }

  @Override
  public String displayName() {
    return "stand-in reader";
  }

  @Override
  public Target lenient() {
    return this;
  }

  @Override
  public Rendering render(WebSocketApp app, RenderContext context) {
    return Rendering.builder(displayName(), false).build();
  }
}
