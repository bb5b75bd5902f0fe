package dev.wsingress.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.Finding;
import dev.wsingress.Rendering;
import dev.wsingress.Severity;
import dev.wsingress.Target;
import dev.wsingress.Targets;
import dev.wsingress.UnsupportedFeatureException;
import dev.wsingress.WebSocketApp;
import dev.wsingress.Yaml;
import dev.wsingress.testing.ScalarTyping;
import dev.wsingress.testing.SchemaConformance;
import dev.wsingress.testing.Specs;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Issue 19: random valid specs ({@link Specs#apps()}) through every target with its documented
 * options, strict and lenient ({@link TargetDraws}). For every draw:
 *
 * <ul>
 *   <li>rendering returns, or (strict only) throws the documented {@link
 *       UnsupportedFeatureException} with at least one ERROR finding; nothing else;
 *   <li>every object is valid against its upstream schema and its CRD's CEL rules and list types;
 *   <li>a second rendering is byte-identical, and {@code Yaml.read}/{@code write} gives the same
 *       text back;
 *   <li>every string field reads back as a string in go-yaml v2 and YAML 1.1;
 *   <li>no two objects share kind, namespace and name; no Service or container repeats a port or a
 *       port name.
 * </ul>
 *
 * <p>Several targets at once: the same YAML (or the same exception) in any order.
 *
 * <p>Tries per property: {@code -Dwsingress.tries=N} (1000 by default, as CI runs them; the
 * examples pom passes it to jqwik as {@code jqwik.tries.default}).
 */
class RenderingPropertiesTest {

  @Provide
  Arbitrary<WebSocketApp> apps() {
    return Specs.apps();
  }

  @Provide
  Arbitrary<TargetDraws.Drawn> nginx() {
    return TargetDraws.of("nginx");
  }

  @Provide
  Arbitrary<TargetDraws.Drawn> traefik() {
    return TargetDraws.of("traefik");
  }

  @Provide
  Arbitrary<TargetDraws.Drawn> haproxy() {
    return TargetDraws.of("haproxy");
  }

  @Provide
  Arbitrary<TargetDraws.Drawn> istio() {
    return TargetDraws.of("istio");
  }

  @Provide
  Arbitrary<TargetDraws.Drawn> linkerd() {
    return TargetDraws.of("linkerd");
  }

  @Provide
  Arbitrary<TargetDraws.Drawn> gatewayApi() {
    return TargetDraws.of("gateway-api");
  }

  @Provide
  Arbitrary<TargetDraws.Drawn> platform() {
    return TargetDraws.of("platform");
  }

  @Property
  void nginx_renders_valid_stable_output(
      @ForAll("apps") WebSocketApp app, @ForAll("nginx") TargetDraws.Drawn t) {
    check(app, t);
  }

  @Property
  void traefik_renders_valid_stable_output(
      @ForAll("apps") WebSocketApp app, @ForAll("traefik") TargetDraws.Drawn t) {
    check(app, t);
  }

  @Property
  void haproxy_renders_valid_stable_output(
      @ForAll("apps") WebSocketApp app, @ForAll("haproxy") TargetDraws.Drawn t) {
    check(app, t);
  }

  @Property
  void istio_renders_valid_stable_output(
      @ForAll("apps") WebSocketApp app, @ForAll("istio") TargetDraws.Drawn t) {
    check(app, t);
  }

  @Property
  void linkerd_renders_valid_stable_output(
      @ForAll("apps") WebSocketApp app, @ForAll("linkerd") TargetDraws.Drawn t) {
    check(app, t);
  }

  @Property
  void gateway_api_renders_valid_stable_output(
      @ForAll("apps") WebSocketApp app, @ForAll("gatewayApi") TargetDraws.Drawn t) {
    check(app, t);
  }

  @Property
  void gateway_api_output_stays_within_the_httproute_limits(
      @ForAll("apps") WebSocketApp app, @ForAll("gatewayApi") TargetDraws.Drawn t) {
    check(app, t);
  }

  @Property
  void platform_renders_valid_stable_output(
      @ForAll("apps") WebSocketApp app, @ForAll("platform") TargetDraws.Drawn t) {
    check(app, t);
  }

  @Provide
  Arbitrary<List<TargetDraws.Drawn>> several() {
    return several(TargetDraws.IDS);
  }

  @Provide
  Arbitrary<List<TargetDraws.Drawn>> severalIngresses() {
    return several(List.of("nginx", "traefik", "haproxy", "istio", "gateway-api"));
  }

  private static Arbitrary<List<TargetDraws.Drawn>> several(List<String> ids) {
    return Arbitraries.subsetOf(ids)
        .ofMinSize(3)
        .flatMap(
            chosen ->
                net.jqwik.api.Combinators.combine(
                        chosen.stream().sorted().map(TargetDraws::of).toList())
                    .as(List::copyOf))
        .flatMap(l -> Arbitraries.shuffle(l).map(List::copyOf));
  }

  @Property
  void several_targets_give_the_same_output_in_any_order(
      @ForAll("apps") WebSocketApp app, @ForAll("several") List<TargetDraws.Drawn> targets) {
    sameInAnyOrder(app, targets);
  }

  @Property
  void several_ingress_targets_give_the_same_output_in_any_order(
      @ForAll("apps") WebSocketApp app,
      @ForAll("severalIngresses") List<TargetDraws.Drawn> targets) {
    sameInAnyOrder(app, targets);
  }

  private static void sameInAnyOrder(WebSocketApp app, List<TargetDraws.Drawn> targets) {
    // Lenient, so that every target renders: a strict rendering stops at the first target that
    // refuses, which names that target.
    List<Target> order = targets.stream().map(d -> d.target().lenient()).toList();
    List<Target> reversed = new ArrayList<>(order);
    java.util.Collections.reverse(reversed);
    assertThat(outcome(app, reversed)).isEqualTo(outcome(app, order));
  }

  private static String outcome(WebSocketApp app, List<Target> targets) {
    try {
      return Targets.render(app, targets.toArray(Target[]::new)).toYaml();
    } catch (UnsupportedFeatureException e) {
      // A conflict names the target that came second, so compare codes and subjects.
      return "refused: "
          + e.errors().stream().map(f -> f.code() + " " + f.subject()).sorted().toList();
    }
  }

  /** Checks one rendering of one draw; see the class comment. */
  static void check(WebSocketApp app, TargetDraws.Drawn t) {
    Rendering r;
    try {
      r = t.target().render(app);
    } catch (UnsupportedFeatureException e) {
      assertThat(t.lenient()).as("a lenient target refused: " + e.getMessage()).isFalse();
      assertThat(e.errors()).isNotEmpty();
      Statistics.label("outcome").collect("refused (strict)");
      return;
    }
    Statistics.label("outcome").collect(t.lenient() ? "rendered (lenient)" : "rendered (strict)");
    assertThat(r.findings()).noneMatch(f -> f.severity() == Severity.ERROR);
    String yaml = r.toYaml();
    assertThat(t.target().render(app).toYaml()).as("a second rendering").isEqualTo(yaml);
    assertThat(Yaml.write(Yaml.read(yaml))).as("Yaml.read then write").isEqualTo(yaml);
    List<String> problems = new ArrayList<>();
    for (HasMetadata o : r.objects()) {
      problems.addAll(SchemaConformance.problems(o, t.experimental()));
    }
    problems.addAll(ScalarTyping.problems(r.objects()));
    problems.addAll(duplicateObjects(r.objects()));
    assertThat(problems).isEmpty();
  }

  @Property
  void no_service_or_container_repeats_a_port_or_a_port_name(
      @ForAll("apps") WebSocketApp app, @ForAll("platform") TargetDraws.Drawn t) {
    try {
      assertThat(duplicatePorts(t.target().render(app).objects())).isEmpty();
    } catch (UnsupportedFeatureException e) {
      assertThat(t.lenient()).isFalse();
    }
  }

  /** Objects rendered twice: the same apiVersion, kind, namespace and name. */
  static List<String> duplicateObjects(List<HasMetadata> objects) {
    List<String> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (HasMetadata o : objects) {
      if (!ids.add(
          o.getApiVersion()
              + "/"
              + o.getKind()
              + "/"
              + o.getMetadata().getNamespace()
              + "/"
              + o.getMetadata().getName())) {
        out.add(Finding.subjectOf(o) + ": rendered twice");
      }
    }
    return out;
  }

  /** Ports or port names repeated in a Service or a container. */
  static List<String> duplicatePorts(List<HasMetadata> objects) {
    List<String> out = new ArrayList<>();
    for (HasMetadata o : objects) {
      if (o instanceof Service s && s.getSpec() != null && s.getSpec().getPorts() != null) {
        Set<String> numbers = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (ServicePort p : s.getSpec().getPorts()) {
          if (!numbers.add(p.getPort() + "/" + p.getProtocol())) {
            out.add(Finding.subjectOf(o) + ": port " + p.getPort() + " twice");
          }
          if (p.getName() != null && !names.add(p.getName())) {
            out.add(Finding.subjectOf(o) + ": port name " + p.getName() + " twice");
          }
        }
      }
      if (o instanceof Deployment d && d.getSpec() != null) {
        for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
          Set<String> numbers = new HashSet<>();
          Set<String> names = new HashSet<>();
          for (ContainerPort p : c.getPorts() == null ? List.<ContainerPort>of() : c.getPorts()) {
            if (!numbers.add(p.getContainerPort() + "/" + p.getProtocol())) {
              out.add(Finding.subjectOf(o) + ": container port " + p.getContainerPort() + " twice");
            }
            if (p.getName() != null && !names.add(p.getName())) {
              out.add(Finding.subjectOf(o) + ": container port name " + p.getName() + " twice");
            }
          }
        }
      }
    }
    return out;
  }
}
