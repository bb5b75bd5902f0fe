package dev.wsingress.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsingress.Affinity;
import dev.wsingress.BackendProtocol;
import dev.wsingress.Contributions;
import dev.wsingress.Manifest;
import dev.wsingress.Manifests;
import dev.wsingress.Reading;
import dev.wsingress.ServedBackend;
import dev.wsingress.ServedRoute;
import dev.wsingress.ServedRoute.HostMatch;
import dev.wsingress.ServedRoute.PathMatch;
import dev.wsingress.Setting;
import dev.wsingress.WebSocketApp;

/**
 * An ingress controller that says where its proxy runs, for the tests of targets whose rules depend
 * on it (Linkerd's identities, the platform's NetworkPolicy; targets never depend on targets). It
 * serves {@code networking.k8s.io/v1} Ingresses of class {@code test} (or without a class), each
 * path by segment prefix to its Service port, with {@code test.wsingress.dev/affinity-cookie:
 * "<name>"}, {@code affinity-client-ip: "true"} and {@code backend-protocol: "HTTPS"}; and it
 * states, as a real ingress target does, where its proxy runs ({@code trafficFrom}), so that the
 * other targets' rules know whose identity and address reach the pods. (For a full Ingress reader
 * and renderer, see {@link StandInReader}.)
 *
 * <pre>{@code
 * Report r = Doctor.with(Linkerd.target(), TestIngress.in("ingress", "nginx")).check(manifests);
 * }</pre>
 */
public final class TestIngress extends RendersNothing {
  private final String namespace;
  private final String account;
  private final String annotationOnlyClass;

  private TestIngress(String namespace, String account, String annotationOnlyClass) {
    super("test-ingress", "test-ingress");
    this.namespace = namespace;
    this.account = account;
    this.annotationOnlyClass = annotationOnlyClass;
  }

  /** A controller in namespace {@code ingress-test} running as ServiceAccount ingress-test. */
  public static TestIngress target() {
    return new TestIngress("ingress-test", "ingress-test", null);
  }

  /** A controller that does not say where it runs (as a Gateway API implementation). */
  public static TestIngress unplaced() {
    return new TestIngress(null, null, null);
  }

  /** A controller in this namespace, under this ServiceAccount. */
  public static TestIngress in(String namespace, String account) {
    return new TestIngress(namespace, account, null);
  }

  /** The same controller, serving this class only by annotation (as Istio does). */
  public TestIngress annotationOnly(String ingressClass) {
    return new TestIngress(namespace, account, ingressClass);
  }

  @Override
  public void contribute(WebSocketApp app, Contributions.Builder out) {
    if (namespace != null) {
      out.trafficFrom(namespace, account).balancesOverEndpoints();
    }
    if (annotationOnlyClass != null) {
      out.http01ClassAnnotation(annotationOnlyClass);
    }
  }

  @Override
  public void read(Manifests in, Reading out) {
    for (Manifest ing : in.objects("networking.k8s.io", "Ingress")) {
      JsonNode spec = ing.tree().path("spec");
      String cls = spec.path("ingressClassName").asText("");
      if (!cls.isEmpty() && !cls.equals("test")) {
        continue;
      }
      out.understood(ing);
      JsonNode rules = spec.path("rules");
      for (int r = 0; r < rules.size(); r++) {
        String host = rules.get(r).path("host").asText("");
        JsonNode paths = rules.get(r).path("http").path("paths");
        for (int p = 0; p < paths.size(); p++) {
          String at = "/spec/rules/" + r + "/http/paths/" + p;
          JsonNode path = paths.get(p);
          ServedRoute.Builder b =
              ServedRoute.builder(this, ing, ing.source(at))
                  .host(host, host.isEmpty() ? HostMatch.ANY : HostMatch.EXACT)
                  .path(path.path("path").asText("/"), PathMatch.PREFIX);
          ing.annotation("test.wsingress.dev/affinity-cookie")
              .ifPresent(
                  name ->
                      b.affinity(
                          Setting.<Affinity>of(
                              Affinity.cookie(name),
                              ing.annotationSource("test.wsingress.dev/affinity-cookie"))));
          ing.annotation("test.wsingress.dev/affinity-client-ip")
              .filter(v -> v.equals("true"))
              .ifPresent(
                  v ->
                      b.affinity(
                          Setting.<Affinity>of(
                              Affinity.clientIp(),
                              ing.annotationSource("test.wsingress.dev/affinity-client-ip"))));
          ing.annotation("test.wsingress.dev/backend-protocol")
              .filter(v -> v.equals("HTTPS"))
              .ifPresent(
                  v ->
                      b.backendProtocol(
                          Setting.of(
                              BackendProtocol.HTTPS,
                              ing.annotationSource("test.wsingress.dev/backend-protocol"))));
          JsonNode svc = path.path("backend").path("service");
          JsonNode port = svc.path("port");
          ServedBackend backend =
              port.has("number")
                  ? in.backend(
                      ing.namespace(), svc.path("name").asText(), port.path("number").asInt())
                  : in.backend(
                      ing.namespace(), svc.path("name").asText(), port.path("name").asText());
          out.add(b.backend(backend.at(ing.source(at + "/backend/service"))).build());
        }
      }
    }
  }
}
