package dev.wsingress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The lookups and the reference graph that target readers use. */
class LookupsTest {
  static final Manifests IN =
      Manifests.parse(
          String.join(
              "---\n",
              "apiVersion: v1\nkind: Service\nmetadata: {name: chat, namespace: prod}\n"
                  + "spec:\n  selector: {app: chat}\n  ports:\n  - {name: http, port: 80,"
                  + " targetPort: web, appProtocol: kubernetes.io/ws}\n",
              "apiVersion: v1\n"
                  + "kind: Service\n"
                  + "metadata: {name: chat}\n"
                  + "spec: {ports: [{port: 81}]}\n",
              "apiVersion: apps/v1\n"
                  + "kind: Deployment\n"
                  + "metadata: {name: chat, namespace: prod}\n"
                  + "spec:\n"
                  + "  template:\n"
                  + "    metadata: {labels: {app: chat, tier: ws}}\n"
                  + "    spec: {containers: [{name: a, ports: [{name: web, containerPort:"
                  + " 8080}]}]}\n",
              "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: job}\n"
                  + "spec: {jobTemplate: {spec: {template: {metadata: {labels: {app: chat}}}}}}\n",
              "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: other, namespace: dev}\n"
                  + "spec: {template: {metadata: {labels: {app: chat}}}}\n",
              "apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: nginx\n"
                  + "  annotations: {ingressclass.kubernetes.io/is-default-class: \"true\"}\n"
                  + "spec: {controller: k8s.io/ingress-nginx}\n",
              "apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata: {name: traefik}\n",
              "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: all,"
                  + " namespace: prod}\nspec: {podSelector: {}}\n",
              "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ws,"
                  + " namespace: prod}\nspec:\n  podSelector:\n    matchLabels: {app: chat}\n"
                  + "    matchExpressions:\n    - {key: tier, operator: In, values: [ws, api]}\n"
                  + "    - {key: canary, operator: DoesNotExist}\n",
              "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: api,"
                  + " namespace: prod}\nspec:\n  podSelector:\n    matchExpressions:\n"
                  + "    - {key: tier, operator: NotIn, values: [ws]}\n",
              "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: elsewhere,"
                  + " namespace: dev}\nspec: {podSelector: {}}\n"),
          "graph.yaml");

  @Test
  void objects_by_kind_group_and_name_with_loose_namespaces() {
    assertThat(IN.objects("Service")).hasSize(2);
    assertThat(IN.objects("apps", "Deployment")).extracting(Manifest::name).containsExactly("chat");
    assertThat(IN.objects("", "Deployment")).isEmpty();
    assertThat(IN.find("", "Service", "prod", "chat").orElseThrow().namespace()).isEqualTo("prod");
    // No exact match in "staging": the Service without a namespace may land there.
    assertThat(IN.service("staging", "chat").orElseThrow().namespace()).isEmpty();
    assertThat(IN.service("prod", "nope")).isEmpty();
    assertThat(Manifests.sameNamespace("", "x")).isTrue();
    assertThat(Manifests.sameNamespace("x", "y")).isFalse();
  }

  @Test
  void a_backend_resolves_to_its_service_port_and_the_pods_it_selects() {
    ServedBackend b = IN.backend("prod", "chat", 80);
    assertThat(b.serviceObject()).isPresent();
    assertThat(b.servicePort().orElseThrow().path("name").asText()).isEqualTo("http");
    assertThat(b.appProtocol()).contains("kubernetes.io/ws");
    // The CronJob has no namespace (it may land in prod); the StatefulSet is in dev.
    assertThat(b.workloads())
        .extracting(Manifest::subject)
        .containsExactly("Deployment prod/chat", "CronJob job");
    assertThat(b.describe()).isEqualTo("Service prod/chat port 80");
    ServedBackend byName = IN.backend("prod", "chat", "http");
    assertThat(byName.servicePort()).isEqualTo(b.servicePort());
    assertThat(byName.describe()).isEqualTo("Service prod/chat port \"http\"");
    assertThat(IN.backend("prod", "chat", 8080).servicePort()).isEmpty();
    assertThat(IN.backend("prod", "gone", 80).serviceObject()).isEmpty();
    Source at = new Source("x.yaml", 3, 4);
    assertThat(b.at(at).reference()).contains(at);
  }

  @Test
  void workloads_and_their_pod_templates() {
    assertThat(IN.workloads())
        .extracting(Manifest::subject)
        .containsExactly("Deployment prod/chat", "CronJob job", "StatefulSet dev/other");
    assertThat(
            IN.objects("CronJob")
                .get(0)
                .podTemplate()
                .orElseThrow()
                .at("/metadata/labels/app")
                .asText())
        .isEqualTo("chat");
    assertThat(IN.objects("Service").get(0).podTemplate()).isEmpty();
  }

  @Test
  void ingress_classes_and_the_default_one() {
    assertThat(IN.ingressClass("nginx").orElseThrow().tree().at("/spec/controller").asText())
        .isEqualTo("k8s.io/ingress-nginx");
    assertThat(IN.defaultIngressClasses()).extracting(Manifest::name).containsExactly("nginx");
  }

  @Test
  void network_policies_select_pods_by_labels_and_expressions() {
    Manifest deployment = IN.objects("Deployment").get(0);
    assertThat(IN.networkPoliciesFor(deployment))
        .extracting(Manifest::name)
        .containsExactly("all", "ws");
    assertThat(IN.networkPoliciesFor(IN.objects("Service").get(0))).isEmpty();
  }
}
