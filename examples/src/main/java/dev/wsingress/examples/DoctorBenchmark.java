package dev.wsingress.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsingress.Doctor;
import dev.wsingress.Manifest;
import dev.wsingress.Manifests;
import dev.wsingress.Reading;
import dev.wsingress.RenderContext;
import dev.wsingress.Rendering;
import dev.wsingress.Report;
import dev.wsingress.ServedBackend;
import dev.wsingress.ServedRoute;
import dev.wsingress.Setting;
import dev.wsingress.Severity;
import dev.wsingress.Target;
import dev.wsingress.WebSocketApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The doctor's benchmark, timed as a whole process against {@link DoctorFloorBenchmark} (which only
 * parses the same files with plain Jackson YAML):
 *
 * <pre>{@code
 * java -cp "$CP" dev.wsingress.examples.DoctorBenchmark write /tmp/manifests 10000
 * /usr/bin/time -v java -cp "$CP" dev.wsingress.examples.DoctorBenchmark doctor /tmp/manifests
 * /usr/bin/time -v java -cp "$CP" dev.wsingress.examples.DoctorFloorBenchmark /tmp/manifests
 * }</pre>
 *
 * <p>{@code write} generates a realistic, deterministic mix, Helm-rendered style (one file per app
 * with {@code # Source:} comments): per app a ConfigMap with a multi-line config, a Service with a
 * WebSocket port, a Deployment with probes, resources, env and a preStop drain, an Ingress with a
 * dozen ingress-nginx annotations and TLS, and a ServiceMonitor custom resource — five manifests.
 * {@code doctor} reads the directory and runs {@link Doctor} with every target on the class path
 * plus a minimal Ingress reader standing in for the target readers, so that core's rules run over
 * every route.
 */
public final class DoctorBenchmark {
  private DoctorBenchmark() {}

  /** {@code write DIR N} or {@code doctor DIR}. */
  public static void main(String[] args) throws IOException {
    if (args.length == 3 && args[0].equals("write")) {
      write(Path.of(args[1]), Integer.parseInt(args[2]));
      return;
    }
    if (args.length != 2 || !args[0].equals("doctor")) {
      System.err.println("usage: DoctorBenchmark write DIR MANIFESTS | doctor DIR");
      System.exit(2);
    }
    long start = System.nanoTime();
    Manifests m = Manifests.read(Path.of(args[1]));
    List<Target> targets = new ArrayList<>(Target.discover());
    targets.add(new IngressReader());
    Report r = Doctor.with(targets.toArray(Target[]::new)).check(m);
    long ms = (System.nanoTime() - start) / 1_000_000;
    System.out.println(
        r.objectCount()
            + " objects, "
            + r.fileCount()
            + " files, "
            + r.routes().size()
            + " routes, "
            + r.findings().size()
            + " findings ("
            + r.count(Severity.WARNING)
            + " warnings), "
            + r.toJson().length()
            + " bytes of JSON, "
            + ms
            + " ms");
  }

  static void write(Path dir, int manifests) throws IOException {
    Files.createDirectories(dir);
    int apps = (manifests + 4) / 5;
    for (int i = 0; i < apps; i++) {
      Files.writeString(dir.resolve(String.format("app-%05d.yaml", i)), app(i));
    }
  }

  /** One app's five manifests, as Helm renders them. */
  static String app(int i) {
    String name = "chat-" + i;
    String ns = "team-" + (i % 20);
    String labels =
        "    app.kubernetes.io/name: "
            + name
            + "\n"
            + "    app.kubernetes.io/instance: "
            + name
            + "\n"
            + "    app.kubernetes.io/managed-by: Helm\n"
            + "    helm.sh/chart: chat-1.4.2\n";
    int replicas = 2 + i % 2;
    String p = "    nginx.ingress.kubernetes.io/";
    return "---\n# Source: chat/templates/configmap.yaml\n"
        + "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "
        + name
        + "-config\n"
        + "  namespace: "
        + ns
        + "\n  labels:\n"
        + labels
        + "data:\n  LOG_LEVEL: info\n  PING_INTERVAL: \"25\"\n  MAX_CONNECTIONS: \"10000\"\n"
        + "  REDIS_URL: redis://redis."
        + ns
        + ".svc:6379/0\n"
        + "  app.conf: |\n    [server]\n    listen = 0.0.0.0:8080\n    path = /ws\n"
        + "    idle_timeout = 3600\n    [metrics]\n    listen = 0.0.0.0:9090\n"
        + "    [auth]\n    issuer = https://auth.example.com\n    audience = "
        + name
        + "\n"
        + "---\n# Source: chat/templates/service.yaml\n"
        + "apiVersion: v1\nkind: Service\nmetadata:\n  name: "
        + name
        + "\n  namespace: "
        + ns
        + "\n  labels:\n"
        + labels
        + "spec:\n  type: ClusterIP\n  selector:\n    app.kubernetes.io/name: "
        + name
        + "\n"
        + "    app.kubernetes.io/instance: "
        + name
        + "\n  ports:\n"
        + "    - name: http-ws\n      port: 8080\n      targetPort: http\n      protocol: TCP\n"
        + "      appProtocol: kubernetes.io/ws\n"
        + "    - name: metrics\n      port: 9090\n      targetPort: metrics\n      protocol: TCP\n"
        + "---\n# Source: chat/templates/deployment.yaml\n"
        + "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: "
        + name
        + "\n"
        + "  namespace: "
        + ns
        + "\n  labels:\n"
        + labels
        + "spec:\n  replicas: "
        + replicas
        + "\n  selector:\n    matchLabels:\n"
        + "      app.kubernetes.io/name: "
        + name
        + "\n      app.kubernetes.io/instance: "
        + name
        + "\n  strategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxSurge: 1\n"
        + "      maxUnavailable: 0\n  template:\n    metadata:\n      labels:\n"
        + "        app.kubernetes.io/name: "
        + name
        + "\n        app.kubernetes.io/instance: "
        + name
        + "\n      annotations:\n        prometheus.io/scrape: \"true\"\n"
        + "        prometheus.io/port: \"9090\"\n    spec:\n"
        + "      terminationGracePeriodSeconds: 60\n      containers:\n"
        + "        - name: chat\n          image: registry.example.com/chat:1.4."
        + (i % 7)
        + "\n"
        + "          imagePullPolicy: IfNotPresent\n          ports:\n"
        + "            - name: http\n              containerPort: 8080\n"
        + "            - name: metrics\n              containerPort: 9090\n"
        + "          env:\n            - name: POD_NAME\n              valueFrom:\n"
        + "                fieldRef:\n                  fieldPath: metadata.name\n"
        + "            - name: LOG_LEVEL\n              valueFrom:\n"
        + "                configMapKeyRef:\n                  name: "
        + name
        + "-config\n"
        + "                  key: LOG_LEVEL\n            - name: GOMAXPROCS\n"
        + "              value: \"2\"\n          envFrom:\n            - configMapRef:\n"
        + "                name: "
        + name
        + "-config\n"
        + "          readinessProbe:\n            httpGet:\n              path: /health\n"
        + "              port: http\n            periodSeconds: 5\n"
        + "          livenessProbe:\n            httpGet:\n              path: /health\n"
        + "              port: http\n            initialDelaySeconds: 10\n"
        + "          resources:\n            requests:\n              cpu: 100m\n"
        + "              memory: 128Mi\n            limits:\n              memory: 256Mi\n"
        + "          lifecycle:\n            preStop:\n              exec:\n"
        + "                command: [\"/bin/sh\", \"-c\", \"sleep 20\"]\n"
        + "---\n# Source: chat/templates/ingress.yaml\n"
        + "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: "
        + name
        + "\n"
        + "  namespace: "
        + ns
        + "\n  labels:\n"
        + labels
        + "  annotations:\n"
        + p
        + "proxy-read-timeout: \"3600\"\n"
        + p
        + "proxy-send-timeout: \"3600\"\n"
        + p
        + "proxy-connect-timeout: \"10\"\n"
        + p
        + "proxy-http-version: \"1.1\"\n"
        + p
        + "proxy-buffering: \"off\"\n"
        + p
        + "proxy-request-buffering: \"off\"\n"
        + p
        + "affinity: cookie\n"
        + p
        + "affinity-mode: balanced\n"
        + p
        + "session-cookie-name: ws-server\n"
        + p
        + "session-cookie-max-age: \"86400\"\n"
        + p
        + "ssl-redirect: \"true\"\n"
        + p
        + "limit-rps: \"10\"\n"
        + "    cert-manager.io/cluster-issuer: letsencrypt\n"
        + "spec:\n  ingressClassName: nginx\n  tls:\n    - hosts:\n"
        + "        - app"
        + i
        + ".example.com\n      secretName: "
        + name
        + "-tls\n"
        + "  rules:\n    - host: app"
        + i
        + ".example.com\n      http:\n        paths:\n"
        + "          - path: /ws\n            pathType: Prefix\n            backend:\n"
        + "              service:\n                name: "
        + name
        + "\n                port:\n"
        + "                  number: 8080\n"
        + "          - path: /api\n            pathType: Prefix\n            backend:\n"
        + "              service:\n                name: "
        + name
        + "-api\n"
        + "                port:\n                  name: http\n"
        + "---\n# Source: chat/templates/servicemonitor.yaml\n"
        + "apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n"
        + "  name: "
        + name
        + "\n  namespace: "
        + ns
        + "\n  labels:\n"
        + labels
        + "    release: kube-prometheus-stack\n"
        + "spec:\n  selector:\n    matchLabels:\n      app.kubernetes.io/name: "
        + name
        + "\n"
        + "  endpoints:\n    - port: metrics\n      interval: 30s\n      path: /metrics\n";
  }

  /**
   * A minimal Ingress reader standing in for the target readers: every path of every Ingress is a
   * route to its Service port, with the read timeout from the ingress-nginx annotation.
   */
  static final class IngressReader implements Target {
    @Override
    public void read(Manifests in, Reading out) {
      String key = "nginx.ingress.kubernetes.io/proxy-read-timeout";
      for (Manifest ing : in.objects("networking.k8s.io", "Ingress")) {
        out.understood(ing);
        Setting<Duration> read =
            ing.annotation(key)
                .filter(v -> v.matches("[0-9]{1,9}"))
                .map(
                    v ->
                        Setting.of(
                            Duration.ofSeconds(Long.parseLong(v)), ing.annotationSource(key)))
                .orElse(Setting.byDefault(Duration.ofSeconds(60), "benchmark stand-in"));
        JsonNode rules = ing.tree().path("spec").path("rules");
        for (int r = 0; r < rules.size(); r++) {
          JsonNode paths = rules.get(r).path("http").path("paths");
          for (int p = 0; p < paths.size(); p++) {
            JsonNode path = paths.get(p);
            String at = "/spec/rules/" + r + "/http/paths/" + p;
            JsonNode svc = path.path("backend").path("service");
            JsonNode port = svc.path("port");
            ServedBackend b =
                port.has("number")
                    ? in.backend(
                        ing.namespace(), svc.path("name").asText(), port.path("number").asInt())
                    : in.backend(
                        ing.namespace(), svc.path("name").asText(), port.path("name").asText());
            out.add(
                ServedRoute.builder(this, ing, ing.source(at))
                    .host(rules.get(r).path("host").asText(), ServedRoute.HostMatch.EXACT)
                    .path(path.path("path").asText(), ServedRoute.PathMatch.PREFIX)
                    .readTimeout(read)
                    .backend(b.at(ing.source(at + "/backend/service")))
                    .build());
          }
        }
      }
    }

    @Override
    public String id() {
      return "benchmark-ingress";
    }

    @Override
    public String displayName() {
      return "benchmark Ingress reader";
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
}
