package dev.wsingress.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsingress.Rendering;
import dev.wsingress.Target;
import dev.wsingress.Targets;
import dev.wsingress.UnsupportedFeatureException;
import dev.wsingress.WebSocketApp;
import dev.wsingress.Yaml;
import dev.wsingress.testing.Specs;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link ObjectYaml} writes the bytes {@link Yaml#write} writes: the generated {@link
 * ObjectWriters} is what its generator writes from Jackson's serializers today; every object of
 * every target's renderings (random specs, every target flag, every module's approved snapshot) is
 * written here, never given back to Jackson, and byte for byte as Jackson writes it; and objects
 * built to hold what YAML and Jackson's inclusion make hard are written identically or given back.
 *
 * <p>Regenerate after a change to the model classes or Jackson: {@code ./mvnw -B -q -o test -pl cli
 * -am -Dtest=ObjectYamlTest -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip
 * -Dwsingress.regenerate=true}, then {@code scripts/format.sh}.
 */
class ObjectYamlTest {
  private static final Path SOURCE = Path.of("src/main/java/dev/wsingress/cli/ObjectWriters.java");

  @Test
  void theCheckedInWritersAreWhatTheGeneratorWrites() throws Exception {
    CommandModelTest.assertCurrent(
        SOURCE, ObjectWritersGenerator.generate(), "ObjectWritersGenerator", "Jackson serializers");
  }

  @Test
  void everyObjectOfRandomSpecsRenderedByEveryTargetIsWrittenAsJacksonWritesIt() {
    List<Target> targets = Run.productionTargets();
    Target platform = targets.stream().filter(t -> t.id().equals("platform")).findFirst().get();
    Target linkerd = targets.stream().filter(t -> t.id().equals("linkerd")).findFirst().get();
    List<HasMetadata> objects = new ArrayList<>();
    Specs.stream(2031)
        .limit(200)
        .forEach(
            app -> {
              for (Target t : targets) {
                objects.addAll(render(app, t.lenient()));
                if (t != platform && t != linkerd) {
                  objects.addAll(render(app, t.lenient(), platform.lenient(), linkerd.lenient()));
                }
              }
            });
    assertThat(objects).hasSizeGreaterThan(5000);
    assertWrittenAsJacksonWrites(objects);
  }

  @Test
  void everyObjectOfEveryTargetFlagIsWrittenAsJacksonWritesIt() {
    List<HasMetadata> objects = new ArrayList<>();
    RealTargetsTest.flags()
        .forEach(
            f -> {
              List<String> args =
                  new ArrayList<>(
                      List.of(
                          "render", Run.chat(), "-t", f.target(), "--lenient", "--fail-on=none"));
              args.addAll(f.flags());
              Run r = Run.of(args.toArray(new String[0]));
              assertThat(r.exit()).as(r.err()).isZero();
              objects.addAll(Yaml.read(r.out()));
            });
    Run all = Run.of("render", Run.chat(), "-t", "all", "--lenient", "--fail-on=none");
    assertThat(all.exit()).as(all.err()).isZero();
    objects.addAll(Yaml.read(all.out()));
    assertWrittenAsJacksonWrites(objects);
  }

  @Test
  void everyObjectOfEveryApprovedSnapshotIsWrittenAsJacksonWritesIt() throws IOException {
    List<HasMetadata> objects = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.walk(Path.of(".."), 8)) {
      files =
          s.filter(p -> p.toString().endsWith(".approved.yaml"))
              .filter(p -> p.toString().contains("/src/test/resources/"))
              .sorted()
              .toList();
    }
    assertThat(files).hasSizeGreaterThan(60);
    for (Path p : files) {
      objects.addAll(Yaml.read(Files.readString(p, StandardCharsets.UTF_8)));
    }
    assertWrittenAsJacksonWrites(objects);
  }

  @Test
  void renderWritesTheObjectsInYamlWritesOrder() {
    Run r = Run.of("render", Run.chat(), "-t", "nginx,platform,linkerd", "--lenient", "-q");
    assertThat(r.exit()).as(r.err()).isZero();
    List<HasMetadata> objects = new ArrayList<>(Yaml.read(r.out()));
    assertThat(objects).hasSizeGreaterThan(10);
    java.util.Collections.reverse(objects);
    assertThat(Yaml.write(objects)).isEqualTo(r.out());
  }

  /**
   * Strings YAML and Jackson treat specially, in every place a rendering has strings (names, keys
   * and values of maps, list items, int-or-string and quantity values), and the values Jackson's
   * inclusion leaves out: each object is written identically or given back to Jackson.
   */
  @Test
  void hardTextAndEmptyValuesAreWrittenIdenticallyOrGivenBack() {
    Random random = new Random(2026);
    int declined = 0;
    int written = 0;
    for (int i = 0; i < 4000; i++) {
      HasMetadata o = hardObject(random);
      String fast = ObjectYaml.fast(o);
      if (fast == null) {
        declined++;
        continue;
      }
      written++;
      assertThat(fast).as("object %d", i).isEqualTo(Yaml.write(List.of(o)));
    }
    // Both branches are exercised: most objects are written here, some are given back.
    assertThat(written).isGreaterThan(2000);
    assertThat(declined).isGreaterThan(5);
  }

  @Test
  void anEmptyMapEntryIsWrittenByThePropertysContentInclusionANullOneIsGivenBack() {
    // ConfigMap.data: content inclusion ALWAYS (fabric8's property-level @JsonInclude(NON_EMPTY)
    // leaves the annotation's content default), so Jackson writes the empty value.
    Map<String, String> data = new HashMap<>();
    data.put("a", "");
    ConfigMap emptyValue =
        new ConfigMapBuilder().withNewMetadata().withName("x").endMetadata().build();
    emptyValue.setData(data);
    assertThat(ObjectYaml.fast(emptyValue))
        .isEqualTo(Yaml.write(List.of(emptyValue)))
        .contains("  a: \"\"\n");
    data.put("b", null);
    assertThat(ObjectYaml.fast(emptyValue)).isNull();
    assertThat(ObjectYaml.document(emptyValue)).isEqualTo(Yaml.write(List.of(emptyValue)));
  }

  @Test
  void aNullInAListIsGivenBack() throws Exception {
    Ingress nullHost =
        new IngressBuilder()
            .withNewMetadata()
            .withName("x")
            .endMetadata()
            .withNewSpec()
            .addNewTl()
            .withHosts(Arrays.asList("a.example.com", null))
            .endTl()
            .endSpec()
            .build();
    assertThatThrownBy(() -> ObjectYaml.written(nullHost))
        .isInstanceOf(ObjectYaml.Declined.class)
        .hasMessage("a list has a null");
    assertThat(ObjectYaml.document(nullHost)).isEqualTo(Yaml.write(List.of(nullHost)));
  }

  @Test
  void aClassThatIsNotGeneratedIsGivenBack() {
    GenericKubernetesResource r = new GenericKubernetesResource();
    r.setApiVersion("example.com/v1");
    r.setKind("Thing");
    r.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMeta());
    r.getMetadata().setName("x");
    r.setAdditionalProperty("spec", Map.of("when", java.time.Duration.ofSeconds(5)));
    assertThat(ObjectYaml.fast(r)).isNull();
    r.setAdditionalProperty("spec", Map.of("when", "5s", "n", 3, "on", true));
    assertThat(ObjectYaml.fast(r)).isEqualTo(Yaml.write(List.of(r)));
  }

  private static final String[] HARD = {
    "",
    "null",
    "~",
    "true",
    "off",
    "y",
    "0x1F",
    "0o17",
    "012",
    "1_000",
    "1e3",
    ".5",
    "-.inf",
    "12:30",
    "2024-01-02",
    "<<",
    "=",
    "a\nb",
    "a\n",
    "\n",
    " lead",
    "trail ",
    "# c",
    "a #b",
    "a: b",
    "- x",
    "?x",
    "*ref",
    "&a",
    "!tag",
    "%x",
    "@x",
    "`x",
    "'q'",
    "\"q\"",
    "{x}",
    "[x]",
    "a,b",
    "|",
    ">",
    "é",
    "日本",
    "\u2028",
    "\u0085",
    "\t",
    "a\tb",
    "😀",
    "\u0007",
    "x".repeat(130),
    "k".repeat(1100),
    "plain",
    "/ws",
    "30s",
    "3600",
    "+1",
    "-",
    ":"
  };

  private static String hard(Random r) {
    if (r.nextInt(4) == 0) {
      return HARD[r.nextInt(HARD.length)] + HARD[r.nextInt(HARD.length)];
    }
    return HARD[r.nextInt(HARD.length)];
  }

  private static HasMetadata hardObject(Random r) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (int i = r.nextInt(4); i > 0; i--) {
      labels.put(hard(r), hard(r));
    }
    switch (r.nextInt(3)) {
      case 0:
        return new ConfigMapBuilder()
            .withNewMetadata()
            .withName(hard(r))
            .withNamespace(r.nextBoolean() ? null : hard(r))
            .withLabels(labels)
            .withAnnotations(r.nextBoolean() ? Map.of() : Map.of(hard(r), hard(r)))
            .endMetadata()
            .withData(r.nextBoolean() ? null : Map.of(hard(r), hard(r)))
            .build();
      case 1:
        return new ServiceBuilder()
            .withNewMetadata()
            .withName(hard(r))
            .withLabels(labels)
            .endMetadata()
            .withNewSpec()
            .withSelector(labels)
            .withType(r.nextBoolean() ? null : hard(r))
            .addNewPort()
            .withName(hard(r))
            .withPort(r.nextInt(70000))
            .withTargetPort(
                r.nextBoolean() ? new IntOrString(r.nextInt(70000)) : new IntOrString(hard(r)))
            .endPort()
            .withExternalIPs(r.nextBoolean() ? List.of() : List.of(hard(r), hard(r)))
            .endSpec()
            .build();
      default:
        Service s = new Service();
        s.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMeta());
        s.getMetadata().setName(hard(r));
        s.getMetadata().setFinalizers(r.nextBoolean() ? List.of() : List.of(hard(r)));
        Quantity q = new Quantity();
        q.setAmount(hard(r));
        q.setFormat(r.nextBoolean() ? null : hard(r));
        s.setAdditionalProperty(hard(r), r.nextBoolean() ? hard(r) : q);
        return s;
    }
  }

  private static List<HasMetadata> render(WebSocketApp app, Target... targets) {
    try {
      Rendering r = Targets.render(app, targets);
      return r.objects();
    } catch (UnsupportedFeatureException e) {
      return List.of();
    }
  }

  private static void assertWrittenAsJacksonWrites(List<HasMetadata> objects) {
    for (HasMetadata o : objects) {
      String fast;
      try {
        fast = ObjectYaml.written(o);
      } catch (ObjectYaml.Declined e) {
        throw new AssertionError(
            o.getClass().getName()
                + " "
                + o.getMetadata().getName()
                + " was given back to Jackson: "
                + e.getMessage(),
            e);
      }
      assertThat(fast).isEqualTo(Yaml.write(List.of(o)));
    }
  }
}
