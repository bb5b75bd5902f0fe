package dev.wsingress.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.AcmeIssuer;
import dev.wsingress.Affinity;
import dev.wsingress.Finding;
import dev.wsingress.HealthCheck;
import dev.wsingress.Import;
import dev.wsingress.Imported;
import dev.wsingress.ImportedApp;
import dev.wsingress.Manifests;
import dev.wsingress.Severity;
import dev.wsingress.Tls;
import dev.wsingress.WebSocketApp;
import dev.wsingress.Workload;
import dev.wsingress.testing.Fixtures;
import dev.wsingress.testing.StandInReader;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Platform objects no renderer of ours wrote, converted (issue 16): every field is carried into the
 * spec or reported with its file and line ({@code CORE-IMPORT-NOT-CARRIED}), behind the core
 * stand-in edge (an Ingress without class).
 */
class PlatformImportTest {
  static Manifests fixture(String name) {
    return Fixtures.read(PlatformImportTest.class, "import/" + name, name);
  }

  /** The warnings, as {@code line:column subject: message}. */
  static List<String> warnings(Imported in) {
    return in.findings().stream()
        .filter(f -> f.severity() != Severity.INFO)
        .map(PlatformImportTest::line)
        .toList();
  }

  static String line(Finding f) {
    return f.code()
        + " "
        + f.source().map(s -> s.line() + ":" + s.column()).orElse("-")
        + " "
        + f.subject()
        + ": "
        + f.message();
  }

  @Test
  void a_hand_written_service_deployment_autoscaler_budget_and_certificate_convert()
      throws IOException {
    Imported in =
        Import.with(StandInReader.target(), Platform.target()).from(fixture("hand-written.yaml"));
    assertThat(in.importedApps()).hasSize(1);
    ImportedApp chat = in.importedApps().get(0);
    assertThat(chat.app())
        .isEqualTo(
            WebSocketApp.on("chat.example.com")
                .namespace("realtime")
                .label("app", "chat")
                .path("/ws")
                .service("chat", 80)
                .stickySessions(Affinity.clientIp().timeout(Duration.ofHours(1)))
                .tls(
                    Tls.secret("chat-tls")
                        .issuedBy(AcmeIssuer.letsEncrypt("ops@example.com").http01("nginx")))
                .healthCheck(HealthCheck.http("/healthz").interval(Duration.ofSeconds(10)).fall(2))
                .workload(
                    Workload.image("registry.example.com/chat:2.1")
                        .replicas(3)
                        .containerPort(8080)
                        .metricsPort(9090)
                        .env("LOG_LEVEL", "debug")
                        .maxConnections(5000)
                        .drainTime(Duration.ofSeconds(20))
                        .autoscale(2, 10)
                        .egressTo("app", "redis", 6379))
                .build());
    // The port name and the namespace the NetworkPolicy admits configure the platform target.
    assertThat(chat.targets().get(1))
        .hasToString("Platform[portName=http, ingressFrom=[ingress-nginx]]");
    String nc = "CORE-IMPORT-NOT-CARRIED ";
    String kit = "the platform kit renders ";
    assertThat(warnings(in))
        .containsExactly(
            nc
                + "34:3 Service realtime/chat: the field spec.type LoadBalancer is not carried: "
                + kit
                + "a ClusterIP Service, which the edge reaches in the cluster.",
            nc
                + "35:3 Service realtime/chat: the field spec.externalTrafficPolicy is not carried:"
                + " the platform kit renders the app's Service with its selector, ports and"
                + " client-IP affinity only.",
            nc
                + "46:7 Service realtime/chat: the port spec.ports[1] 9000 is not carried: the"
                + " spec's Service has the app port and the workload's metrics port only.",
            nc
                + "54:1 Deployment realtime/chat: the field spec.strategy is not carried: "
                + kit
                + "a rolling update that starts one new pod before it stops an old one (maxSurge"
                + " 1, maxUnavailable 0).",
            nc
                + "64:7 Deployment realtime/chat: the field spec.template.spec.serviceAccountName"
                + " is not carried: the spec's workload has no setting for it.",
            nc
                + "65:7 Deployment realtime/chat: the field"
                + " spec.template.spec.terminationGracePeriodSeconds 40 is not carried: "
                + kit
                + "the drain time plus 30 s (50).",
            nc
                + "79:15 Deployment realtime/chat: the environment variable POD_IP (valueFrom) is"
                + " not carried: the spec's environment holds literal values.",
            nc
                + "83:11 Deployment realtime/chat: the field"
                + " spec.template.spec.containers[0].resources is not carried: the spec's workload"
                + " sets CPU and memory requests and limits together, and this container sets only"
                + " 3 of the four.",
            nc
                + "89:11 Deployment realtime/chat: the field"
                + " spec.template.spec.containers[0].readinessProbe.initialDelaySeconds is not"
                + " carried: "
                + kit
                + "5 for the readiness probe, not 0.",
            nc
                + "89:11 Deployment realtime/chat: the field"
                + " spec.template.spec.containers[0].readinessProbe.timeoutSeconds is not carried: "
                + kit
                + "3 for the readiness probe, not 1.",
            nc
                + "95:11 Deployment realtime/chat: the field"
                + " spec.template.spec.containers[0].livenessProbe.initialDelaySeconds is not"
                + " carried: "
                + kit
                + "30 for the liveness probe (the spec has no setting for"
                + " it), not 0.",
            nc
                + "95:11 Deployment realtime/chat: the field"
                + " spec.template.spec.containers[0].livenessProbe.timeoutSeconds is not carried: "
                + kit
                + "5 for the liveness probe (the spec has no setting for it), not 1.",
            nc
                + "103:11 Deployment realtime/chat: the container log-shipper is not carried: the"
                + " spec's workload runs one container (the app).",
            nc
                + "119:7 HorizontalPodAutoscaler realtime/chat: the metric spec.metrics[0]"
                + " (Resource cpu) is not carried: the platform kit scales on CPU at 70 %, memory"
                + " at 80 % and, with Workload.connectionsPerPod, the pods'"
                + " websocket_connections.",
            nc
                + "132:3 PodDisruptionBudget realtime/chat: the field spec.minAvailable 2 is not"
                + " carried: the platform kit's budget lets one pod go at a time (maxUnavailable:"
                + " 1).",
            nc
                + "144:3 Certificate realtime/chat-tls: the field spec.duration is not carried: "
                + kit
                + "a Certificate with the Secret, the issuer and the TLS hosts only"
                + " (cert-manager's defaults for the rest).",
            nc
                + "159:7 ClusterIssuer letsencrypt-prod: the field"
                + " spec.acme.privateKeySecretRef.name letsencrypt-account is not carried: the"
                + " platform kit keeps the ACME account key in a Secret named as the issuer"
                + " (letsencrypt-prod).",
            nc
                + "165:1 Deployment realtime/redis: the Deployment redis is not carried: no Service"
                + " in the input selects its pods, so it is the workload of no app.",
            nc
                + "198:11 NetworkPolicy realtime/chat-policy: the peer spec.ingress[0].from[1] is"
                + " not carried: the platform kit admits namespaces by kubernetes.io/metadata.name"
                + " (Platform.ingressFrom), not pods, other labels or address blocks.",
            nc
                + "215:11 NetworkPolicy realtime/chat-policy: the peer spec.egress[2].to[0] is not"
                + " carried: the spec's dependencies are one namespace or one pod label"
                + " (Workload.egressTo).");
  }

  @Test
  void
      the_pods_port_is_the_services_target_port_not_the_container_port_named_like_the_service_port() {
    // core/v1 ServicePort.targetPort names a port of the pod's containers; the Service port's own
    // name is no container port's (kubernetes pkg/api/v1/pod/util.go FindPort matches
    // targetPort's name against the containers' port names)
    String yaml =
        """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: chat, namespace: realtime}
        spec:
          rules:
            - host: chat.example.com
              http:
                paths:
                  - path: /ws
                    pathType: Prefix
                    backend: {service: {name: chat, port: {number: 8080}}}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: chat, namespace: realtime}
        spec:
          selector: {app: chat}
          ports:
            - {name: ws, port: 8080, targetPort: app}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: chat, namespace: realtime}
        spec:
          replicas: 2
          selector: {matchLabels: {app: chat}}
          template:
            metadata: {labels: {app: chat}}
            spec:
              containers:
                - name: app
                  image: registry.example.com/chat:2.1
                  ports:
                    - {name: ws, containerPort: 9000}
                    - {name: app, containerPort: 8080}
        """;
    Imported in =
        Import.with(StandInReader.target(), Platform.target())
            .from(Manifests.parse(yaml, "ports.yaml"));
    Workload w = in.importedApps().get(0).app().workload().orElseThrow();
    // targetPort app is 8080, the Service port: the pods listen where the Service sends
    assertThat(w.containerPort()).isEmpty();
    assertThat(
            Import.with(StandInReader.target(), Platform.target())
                .from(Manifests.parse(yaml.replace("targetPort: app", "targetPort: ws"), "ws.yaml"))
                .importedApps()
                .get(0)
                .app()
                .workload()
                .orElseThrow()
                .containerPort())
        .hasValue(9000);
  }

  @Test
  void an_autoscalers_connection_target_is_a_quantity() {
    String yaml =
        """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: chat, namespace: realtime}
        spec:
          rules:
            - host: chat.example.com
              http:
                paths:
                  - path: /ws
                    pathType: Prefix
                    backend: {service: {name: chat, port: {number: 8080}}}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: chat, namespace: realtime}
        spec:
          selector: {app: chat}
          ports: [{name: ws, port: 8080}]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: chat, namespace: realtime}
        spec:
          selector: {matchLabels: {app: chat}}
          template:
            metadata: {labels: {app: chat}}
            spec:
              containers: [{name: app, image: registry.example.com/chat:2.1}]
        ---
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: chat, namespace: realtime}
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: chat}
          minReplicas: 2
          maxReplicas: 10
          metrics:
            - type: Pods
              pods:
                metric: {name: websocket_connections}
                target: {type: AverageValue, averageValue: 1k}
        """;
    Imported thousand =
        Import.with(StandInReader.target(), Platform.target())
            .from(Manifests.parse(yaml, "hpa.yaml"));
    assertThat(thousand.importedApps().get(0).app().workload().orElseThrow().connectionsPerPod())
        .hasValue(1000);
    Imported fraction =
        Import.with(StandInReader.target(), Platform.target())
            .from(
                Manifests.parse(yaml.replace("averageValue: 1k", "averageValue: 1500m"), "m.yaml"));
    assertThat(fraction.importedApps().get(0).app().workload().orElseThrow().connectionsPerPod())
        .isEmpty();
    assertThat(warnings(fraction))
        .contains(
            "CORE-IMPORT-NOT-CARRIED 38:7 HorizontalPodAutoscaler realtime/chat: the metric"
                + " spec.metrics[0] (Pods websocket_connections) is not carried: the platform kit"
                + " scales on CPU at 70 %, memory at 80 % and, with Workload.connectionsPerPod, the"
                + " pods' websocket_connections.");
    assertThat(
            WorkloadReader.wholeQuantity(new com.fasterxml.jackson.databind.node.TextNode("2Ki")))
        .isEqualTo(2048);
  }
}
