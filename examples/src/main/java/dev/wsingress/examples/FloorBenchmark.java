package dev.wsingress.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import java.util.Map;
import java.util.TreeMap;

/**
 * The performance floor {@link RenderBenchmark} is measured against: the same Ingress and Service
 * per app written by hand with fabric8 builders and plain Jackson YAML, with no validation and no
 * findings. {@code scripts/benchmark.sh} runs both.
 */
public final class FloorBenchmark {
  private FloorBenchmark() {}

  /** Writes {@code args[0]} apps (default 1000). */
  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
    String p = "nginx.ingress.kubernetes.io/";
    long bytes = 0;
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      String name = "chat-" + i;
      String host = "app" + i + ".example.com";
      String namespace = "team-" + (i % 20);
      Map<String, String> a = new TreeMap<>();
      a.put(p + "proxy-read-timeout", "3600");
      a.put(p + "proxy-send-timeout", "3600");
      a.put(p + "proxy-connect-timeout", "10");
      a.put(p + "proxy-http-version", "1.1");
      a.put(p + "proxy-buffering", "off");
      a.put(p + "proxy-request-buffering", "off");
      a.put(p + "affinity", "cookie");
      a.put(p + "affinity-mode", "balanced");
      a.put(p + "session-cookie-name", "ws-server");
      a.put(p + "session-cookie-max-age", "86400");
      a.put(p + "session-cookie-expires", "86400");
      a.put(p + "ssl-redirect", "true");
      Map<String, String> labels =
          Map.of("app.kubernetes.io/name", name, "app.kubernetes.io/managed-by", "wsingress");
      Ingress ingress =
          new IngressBuilder()
              .withNewMetadata()
              .withName(name)
              .withNamespace(namespace)
              .withLabels(labels)
              .withAnnotations(a)
              .endMetadata()
              .withNewSpec()
              .withIngressClassName("ingress-nginx")
              .addNewRule()
              .withHost(host)
              .withNewHttp()
              .addNewPath()
              .withPath("/ws")
              .withPathType("Prefix")
              .withNewBackend()
              .withNewService()
              .withName(name)
              .withNewPort()
              .withNumber(8080)
              .endPort()
              .endService()
              .endBackend()
              .endPath()
              .endHttp()
              .endRule()
              .addNewTl()
              .withHosts(host)
              .withSecretName(name + "-tls")
              .endTl()
              .endSpec()
              .build();
      Service service =
          new ServiceBuilder()
              .withNewMetadata()
              .withName(name)
              .withNamespace(namespace)
              .withLabels(labels)
              .endMetadata()
              .withNewSpec()
              .withType("ClusterIP")
              .withSelector(Map.of("app.kubernetes.io/name", name))
              .addNewPort()
              .withName("http-ws")
              .withPort(8080)
              .withProtocol("TCP")
              .withTargetPort(new IntOrString(8080))
              .endPort()
              .endSpec()
              .build();
      bytes += mapper.writeValueAsString(service).length();
      bytes += mapper.writeValueAsString(ingress).length();
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    System.out.println(n + " apps, " + bytes + " bytes of YAML, " + ms + " ms in the loop");
  }
}
