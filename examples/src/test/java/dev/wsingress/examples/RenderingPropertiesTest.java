package dev.wsingress.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.Finding;
import dev.wsingress.JavaDsl;
import dev.wsingress.Rendering;
import dev.wsingress.Severity;
import dev.wsingress.Target;
import dev.wsingress.Targets;
import dev.wsingress.UnsupportedFeatureException;
import dev.wsingress.WebSocketApp;
import dev.wsingress.Yaml;
import dev.wsingress.testing.Gen;
import dev.wsingress.testing.Property;
import dev.wsingress.testing.ScalarTyping;
import dev.wsingress.testing.SchemaConformance;
import dev.wsingress.testing.Specs;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestReporter;

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
 * <p>Tries per property: {@value #TRIES} (as CI runs them), or {@code -Dwsingress.tries=N} ({@link
 * Property#TRIES_PROPERTY}); a failure names its seed, {@code -Dwsingress.seed=S} replays it. Each
 * property prints its figures: tries, outcomes (rendered strict or lenient, refused), time and
 * seed.
 */
class RenderingPropertiesTest {

  /** The tries of each property in CI. */
  static final int TRIES = 1000;

  /** A spec as Java, and the target it goes through. */
  private static String show(WebSocketApp app, Object targets) {
    return JavaDsl.of(app).expression() + "\nthrough " + targets;
  }

  /** A function of a spec and a draw. */
  private interface Check<T> {
    String apply(WebSocketApp app, T draw);
  }

  /** Runs one property over specs and draws of {@code targets}, and prints its figures. */
  private static <T> void property(Gen<T> targets, Check<T> check, TestInfo info, TestReporter r) {
    Map<String, Integer> outcomes = new TreeMap<>();
    Property.Result result =
        Property.forAll(Specs.apps(), targets)
            .tries(TRIES)
            .named(info.getTestMethod().map(Method::getName).orElse(info.getDisplayName()))
            .showing(p -> show(p.first(), p.second()))
            .check(p -> outcomes.merge(check.apply(p.first(), p.second()), 1, Integer::sum));
    String figures = result + ", " + outcomes;
    r.publishEntry("property", figures);
    System.out.println(figures);
  }

  private static void renders(String id, TestInfo info, TestReporter report) {
    property(TargetDraws.of(id), RenderingPropertiesTest::check, info, report);
  }

  @Test
  void nginx_renders_valid_stable_output(TestInfo info, TestReporter report) {
    renders("nginx", info, report);
  }

  @Test
  void traefik_renders_valid_stable_output(TestInfo info, TestReporter report) {
    renders("traefik", info, report);
  }

  @Test
  void haproxy_renders_valid_stable_output(TestInfo info, TestReporter report) {
    renders("haproxy", info, report);
  }

  @Test
  void istio_renders_valid_stable_output(TestInfo info, TestReporter report) {
    renders("istio", info, report);
  }

  @Test
  void linkerd_renders_valid_stable_output(TestInfo info, TestReporter report) {
    renders("linkerd", info, report);
  }

  @Test
  void gateway_api_renders_valid_stable_output(TestInfo info, TestReporter report) {
    renders("gateway-api", info, report);
  }

  @Test
  void gateway_api_output_stays_within_the_httproute_limits(TestInfo info, TestReporter report) {
    renders("gateway-api", info, report);
  }

  @Test
  void platform_renders_valid_stable_output(TestInfo info, TestReporter report) {
    renders("platform", info, report);
  }

  /** Three or more of the targets, each drawn, in a random order. */
  private static Gen<List<TargetDraws.Drawn>> several(List<String> ids) {
    return Gen.subsets(ids, 3)
        .flatMap(chosen -> Gen.all(chosen.stream().sorted().map(TargetDraws::of).toList()))
        .flatMap(Gen::shuffled);
  }

  @Test
  void several_targets_give_the_same_output_in_any_order(TestInfo info, TestReporter report) {
    property(several(TargetDraws.IDS), RenderingPropertiesTest::sameInAnyOrder, info, report);
  }

  @Test
  void several_ingress_targets_give_the_same_output_in_any_order(
      TestInfo info, TestReporter report) {
    property(
        several(List.of("nginx", "traefik", "haproxy", "istio", "gateway-api")),
        RenderingPropertiesTest::sameInAnyOrder,
        info,
        report);
  }

  private static String sameInAnyOrder(WebSocketApp app, List<TargetDraws.Drawn> targets) {
    // Lenient, so that every target renders: a strict rendering stops at the first target that
    // refuses, which names that target.
    List<Target> order = targets.stream().map(d -> d.target().lenient()).toList();
    List<Target> reversed = new ArrayList<>(order);
    java.util.Collections.reverse(reversed);
    String outcome = outcome(app, order);
    assertThat(outcome(app, reversed)).isEqualTo(outcome);
    return outcome.startsWith("refused: ") ? "refused" : "rendered";
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

  /** Checks one rendering of one draw (see the class comment), and says how it went. */
  static String check(WebSocketApp app, TargetDraws.Drawn t) {
    Rendering r;
    try {
      r = t.target().render(app);
    } catch (UnsupportedFeatureException e) {
      assertThat(t.lenient()).as("a lenient target refused: " + e.getMessage()).isFalse();
      assertThat(e.errors()).isNotEmpty();
      return "refused (strict)";
    }
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
    return t.lenient() ? "rendered (lenient)" : "rendered (strict)";
  }

  @Test
  void no_service_or_container_repeats_a_port_or_a_port_name(TestInfo info, TestReporter report) {
    property(
        TargetDraws.of("platform"),
        (app, t) -> {
          try {
            assertThat(duplicatePorts(t.target().render(app).objects())).isEmpty();
            return "rendered";
          } catch (UnsupportedFeatureException e) {
            assertThat(t.lenient()).isFalse();
            return "refused (strict)";
          }
        },
        info,
        report);
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
