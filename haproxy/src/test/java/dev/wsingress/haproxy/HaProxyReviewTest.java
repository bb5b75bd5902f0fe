package dev.wsingress.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.Doctor;
import dev.wsingress.Finding;
import dev.wsingress.Manifests;
import dev.wsingress.Reading;
import dev.wsingress.ServedRoute;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The defects an adversarial review of the HAProxy reader found against upstream source at release
 * tags (haproxytech/kubernetes-ingress v3.0.0, v3.1.17, v3.2.11; jcmoraisjr/haproxy-ingress
 * v0.14.12, v0.15.4), each with the input that showed it.
 */
class HaProxyReviewTest {

  static Manifests fixture(String name) {
    return HaProxyDoctorTest.fixture("review", name);
  }

  static List<Finding> findings(HaProxy target, String name) {
    return Doctor.with(target).check(fixture(name)).findings().stream()
        .filter(f -> f.code().startsWith("HAPROXY"))
        .toList();
  }

  static List<String> haproxy(HaProxy target, String name) {
    return HaProxyDoctorTest.lines(findings(target, name));
  }

  static List<String> haproxy(String name) {
    return haproxy(HaProxy.target(), name);
  }

  static List<ServedRoute> routes(HaProxy target, String name) {
    return Reading.of(target, fixture(name)).routes();
  }

  @Test
  void standalone_backend_in_the_configmap_makes_every_backend_standalone() {
    // pkg/service/service.go New (v3.0.0, v3.1.17, v3.2.11) loops over the Service's, the
    // Ingress's and the ConfigMap's annotations for standalone-backend == "true".
    assertThat(haproxy("standalone-in-configmap"))
        .containsExactly("3:1 INFO HAPROXY-CONFIGMAP-READ");
  }

  @Test
  void one_service_port_by_number_and_by_name_is_one_backend_section() {
    // pkg/service/service.go GetBackendName: <ns>_svc_<service>_<port name, else number>.
    assertThat(haproxy("shared-by-port-name"))
        .containsExactly("41:3 WARNING HAPROXY-BACKEND-SHARED");
  }

  @Test
  void load_balance_refuses_the_log_only_algorithms() {
    // crs/definition/ingress.v3.haproxy.org_backends.yaml v3.2.11 balance.algorithm enum (the
    // client-native Balance model that pkg/annotations/service/loadbalance.go validates with).
    assertThat(haproxy("balance-log-only")).containsExactly("9:5 WARNING HAPROXY-VALUE-INVALID");
    assertThat(findings(HaProxy.target(), "balance-log-only").get(0).message())
        .isEqualTo(
            "haproxy.org/load-balance: \"sticky\" is not an algorithm haproxytech accepts"
                + " (pkg/annotations/service/loadbalance.go validates it with client-native's"
                + " Balance model: first, hash, hdr, leastconn, random, rdp-cookie, roundrobin,"
                + " source, static-rr, uri, url_param); the controller refuses it and keeps"
                + " roundrobin.");
    assertThat(routes(HaProxy.target(), "balance-log-only").get(0).affinity()).isEmpty();
  }

  @Test
  void legacy_ingress_kubernetes_io_keys_of_other_classes_are_not_haproxy_ingress() {
    // jcmoraisjr/haproxy-ingress v0.15.4 pkg/controller/services/cache.go IsValidIngress: the
    // annotation must equal --ingress-class (haproxy), an IngressClass must name its controller.
    assertThat(haproxy("legacy-prefix-other-class")).isEmpty();
    assertThat(routes(HaProxy.target(), "legacy-prefix-other-class")).isEmpty();
  }

  @Test
  void before_3_2_the_class_annotation_wins_over_ingress_class_name() {
    // pkg/ingress/ingress.go Supported, v3.0.0 and v3.1.17: an annotation naming another class
    // leaves the Ingress unserved even when spec.ingressClassName names haproxytech's class.
    // The other way round, an annotation naming haproxytech's class serves it whatever
    // spec.ingressClassName says.
    for (String v : new String[] {"3.0", "3.1"}) {
      assertThat(routes(HaProxy.target().version(v), "class-annotation-wins"))
          .extracting(r -> r.host())
          .containsExactly("api.example.com");
      assertThat(haproxy(HaProxy.target().version(v), "class-annotation-wins"))
          .containsExactly("44:5 INFO HAPROXY-CLASS-ANNOTATION");
    }
    // 3.2 reads spec.ingressClassName only (pkg/store/store.go IsIngressClassSupported).
    assertThat(routes(HaProxy.target(), "class-annotation-wins"))
        .extracting(r -> r.host())
        .containsExactly("chat.example.com");
  }

  @Test
  void booleans_compared_with_the_text_true_are_off_for_other_spellings() {
    // pkg/service/service.go New and pkg/annotations/ingress/resSetCORS.go compare with "true".
    assertThat(haproxy("exact-true"))
        .contains("8:5 WARNING HAPROXY-VALUE-INVALID", "11:5 WARNING HAPROXY-VALUE-INVALID");
    assertThat(
            findings(HaProxy.target(), "exact-true").stream()
                .filter(f -> f.code().equals("HAPROXY-VALUE-INVALID"))
                .map(Finding::message)
                .toList())
        .containsExactly(
            "the annotation haproxy.org/standalone-backend: \"True\" does not turn it on:"
                + " haproxytech compares the value with the exact text true (pkg/service/service.go"
                + " New), not as a boolean.",
            "the annotation haproxy.org/cors-allow-credentials: \"on\" does not turn it on:"
                + " haproxytech compares the value with the exact text true"
                + " (pkg/annotations/ingress/resSetCORS.go), not as a boolean.");
    assertThat(
            routes(HaProxy.target(), "exact-true")
                .get(0)
                .cors()
                .orElseThrow()
                .value()
                .credentials())
        .isFalse();
  }

  @Test
  void the_helm_charts_auxiliary_configmap_is_not_the_controller_configmap() {
    // haproxytech/helm-charts kubernetes-ingress-1.52.1 templates/controller-auxiliary-configmap
    // .yaml: <fullname>-auxiliary, with the chart's labels, mounted as a file, not --configmap.
    assertThat(haproxy("helm-auxiliary-configmap"))
        .containsExactly("16:1 INFO HAPROXY-CONFIGMAP-READ");
  }
}
