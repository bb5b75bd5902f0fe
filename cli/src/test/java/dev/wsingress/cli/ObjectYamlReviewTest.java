package dev.wsingress.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.wsingress.Target;
import dev.wsingress.Yaml;
import io.fabric8.kubernetes.api.model.AnyType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * An adversary for {@link ObjectYaml}: random objects of every generated model class, filled
 * through their setters, constructors and record components with hostile strings, every scalar
 * type, nulls, empty and sorted maps and nested trees, each written here identically to {@link
 * Yaml#write} or given back (never a crash, never other text); and the defects such objects found.
 * {@code -Dwsingress.objectyaml.tries=N} runs it longer.
 */
class ObjectYamlReviewTest {
  private static final int TRIES = Integer.getInteger("wsingress.objectyaml.tries", 3000);

  @Test
  void randomObjectsOfEveryModelClassAreWrittenAsJacksonWritesThemOrGivenBack() {
    List<Class<?>> roots = roots();
    Random random = new Random(Long.getLong("wsingress.objectyaml.seed", 1207));
    int written = 0;
    int declined = 0;
    Map<String, Integer> writtenOf = new TreeMap<>();
    roots.forEach(c -> writtenOf.put(c.getName(), 0));
    for (int i = 0; i < TRIES; i++) {
      Class<?> type = roots.get(random.nextInt(roots.size()));
      Filler f = new Filler(random);
      HasMetadata o = (HasMetadata) f.bean(type, 0);
      if (o == null) {
        continue;
      }
      if (compare(o, "try " + i + " " + type.getName())) {
        written++;
        writtenOf.merge(type.getName(), 1, Integer::sum);
      } else {
        declined++;
      }
    }
    assertThat(written).as("written here").isGreaterThan(TRIES / 4);
    assertThat(writtenOf).as("objects of each kind written here").doesNotContainValue(0);
    assertThat(declined).as("given back").isGreaterThan(TRIES / 50);
  }

  /**
   * MapSerializer._orderEntries (jackson-databind 2.22) leaves a SortedMap in its own order under
   * ORDER_MAP_ENTRIES_BY_KEYS: labels, an any-getter's entries and a nested map kept in a TreeMap
   * with another comparator are written in that order, not sorted again.
   */
  @Test
  void aSortedMapIsWrittenInItsOwnOrderAsJacksonDoes() {
    TreeMap<String, String> labels = new TreeMap<>(Comparator.reverseOrder());
    labels.put("a", "1x");
    labels.put("b", "2x");
    ConfigMap c = new ConfigMap();
    c.setMetadata(new ObjectMeta());
    c.getMetadata().setName("x");
    c.getMetadata().setLabels(labels);
    assertThat(compare(c, "labels")).isTrue();

    GenericKubernetesResource g = new GenericKubernetesResource();
    g.setApiVersion("example.com/v1");
    g.setKind("Thing");
    g.setMetadata(new ObjectMeta());
    g.getMetadata().setName("x");
    TreeMap<String, Object> spec = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    spec.put("b", "1x");
    spec.put("A", "2x");
    g.setAdditionalProperty("spec", spec);
    assertThat(compare(g, "nested")).isTrue();

    Service s = new Service();
    s.setMetadata(new ObjectMeta());
    s.getMetadata().setName("x");
    TreeMap<String, Object> any = new TreeMap<>(Comparator.reverseOrder());
    any.put("a", "1x");
    any.put("b", "2x");
    s.setAdditionalProperties(any);
    assertThat(compare(s, "any")).isTrue();
  }

  /**
   * Jackson refuses a document nested deeper than StreamWriteConstraints' 1000 (YAMLGenerator's
   * writeStartObject and writeStartArray check it) and a cycle; so does this writer, by declining.
   */
  @Test
  void aTooDeepOrCyclicObjectIsGivenBack() {
    GenericKubernetesResource g = new GenericKubernetesResource();
    g.setApiVersion("example.com/v1");
    g.setKind("Thing");
    g.setMetadata(new ObjectMeta());
    g.getMetadata().setName("x");
    Map<String, Object> deep = new HashMap<>();
    g.setAdditionalProperty("spec", deep);
    for (int i = 0; i < 1100; i++) {
      Map<String, Object> next = new HashMap<>();
      deep.put("a", List.of(next));
      deep = next;
    }
    deep.put("a", "b");
    assertThatThrownBy(() -> Yaml.write(List.of(g)))
        .hasRootCauseMessage(
            "Document nesting depth (1001) exceeds the maximum allowed (1000, from"
                + " `StreamWriteConstraints.getMaxNestingDepth()`)");
    assertThat(ObjectYaml.fast(g)).isNull();

    Map<String, Object> cycle = new HashMap<>();
    cycle.put("self", cycle);
    g.setAdditionalProperty("spec", cycle);
    assertThatThrownBy(() -> Yaml.write(List.of(g))).isInstanceOf(IllegalStateException.class);
    assertThat(ObjectYaml.fast(g)).isNull();
  }

  /** A map whose entries cannot be read (a checked exception, thrown sneakily) is given back. */
  @Test
  void aFailingMapIsGivenBack() {
    ConfigMap c = new ConfigMap();
    c.setMetadata(new ObjectMeta());
    c.getMetadata().setName("x");
    c.setData(
        new HashMap<>(Map.of("a", "b")) {
          private static final long serialVersionUID = 1L;

          @Override
          public java.util.Set<Map.Entry<String, String>> entrySet() {
            return sneaky(new java.io.IOException("unreadable"));
          }

          @Override
          public java.util.Set<String> keySet() {
            return sneaky(new java.io.IOException("unreadable"));
          }
        });
    assertThat(ObjectYaml.fast(c)).isNull();
  }

  /**
   * An any-getter entry named as a declared property: Jackson writes both, the property first, and
   * so does this writer.
   */
  @Test
  void anAdditionalPropertyNamedAsADeclaredOneIsWrittenTwiceAsJacksonDoes() {
    Service s = new Service();
    s.setMetadata(new ObjectMeta());
    s.getMetadata().setName("x");
    s.setAdditionalProperty("kind", "Other");
    s.setAdditionalProperty("apiVersion", Map.of("a", List.of(1, "b")));
    assertThat(compare(s, "duplicate keys")).isTrue();
    assertThat(ObjectYaml.fast(s)).contains("kind: Service\n").contains("kind: Other\n");
  }

  /**
   * Values this writer leaves to Jackson (a key that is not a string, a set, a double, a byte array
   * Jackson writes as base64, a null in an int-or-string): each is given back, and Jackson writes
   * it.
   */
  @Test
  void valuesJacksonWritesItsOwnWayAreGivenBack() {
    List<Object> values =
        List.of(
            Map.of(1, "a"),
            new java.util.TreeSet<>(List.of("a", "b")),
            1.5,
            new byte[] {1, 2},
            new IntOrString((Object) null),
            Map.of("a", new AnyType(List.of())),
            java.math.BigInteger.TEN);
    for (Object v : values) {
      GenericKubernetesResource g = new GenericKubernetesResource();
      g.setApiVersion("example.com/v1");
      g.setKind("Thing");
      g.setMetadata(new ObjectMeta());
      g.getMetadata().setName("x");
      g.setAdditionalProperty("spec", v);
      assertThat(ObjectYaml.fast(g)).as("%s", v).isNull();
      assertThat(ObjectYaml.document(g)).isEqualTo(Yaml.write(List.of(g))).contains("spec:");
    }
  }

  /** A subclass of a model class may have other properties: it goes to Jackson. */
  @Test
  void aSubclassOfAModelClassIsGivenBack() {
    Service s =
        new Service() {
          private static final long serialVersionUID = 1L;

          public String getExtra() {
            return "x";
          }
        };
    s.setMetadata(new ObjectMeta());
    s.getMetadata().setName("x");
    assertThat(Yaml.write(List.of(s))).contains("extra: x");
    assertThat(ObjectYaml.fast(s)).isNull();
  }

  /** Throws the checked exception without declaring it, as Lombok's @SneakyThrows does. */
  static <T> T sneaky(Throwable t) {
    throw ObjectYamlReviewTest.<RuntimeException>rethrow(t);
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E rethrow(Throwable t) throws E {
    throw (E) t;
  }

  /**
   * What the generator must not take for a plain bean, though its serializer is a
   * BeanSerializerBase and its writers are plain: a class written as a sequence, a property whose
   * serializer leaves out properties of its value, a field Jackson reads where a subclass overrides
   * the getter the generated code would call. Each is refused (a person decides), and Jackson's own
   * text shows why.
   */
  @Test
  void theGeneratorRefusesWhatItsWritersWouldNotWriteAsJacksonDoes() throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper mapper = ObjectWritersGenerator.mapper();
    var provider = mapper.getSerializerProviderInstance();
    assertThat(mapper.writeValueAsString(new AsArray())).isEqualTo("---\n  - a\n");
    assertThatThrownBy(
            () ->
                ObjectWritersGenerator.describe(
                    mapper, provider, AsArray.class, new ArrayDeque<>()))
        .hasMessageContaining(AsArray.class.getName() + " has the serializer ")
        .hasMessageEndingWith("BeanAsArraySerializer: not generated");

    assertThat(mapper.writeValueAsString(new IgnoresInner())).isEqualTo("---\ninner:\n  a: a\n");
    assertThatThrownBy(
            () ->
                ObjectWritersGenerator.describe(
                    mapper, provider, IgnoresInner.class, new ArrayDeque<>()))
        .hasMessage(
            IgnoresInner.class.getName() + ".inner has @JsonIgnoreProperties: not generated");

    assertThat(mapper.writeValueAsString(new OverridesGetter())).isEqualTo("---\nname: field\n");
    assertThatThrownBy(
            () ->
                ObjectWritersGenerator.describe(
                    mapper, provider, OverridesGetter.class, new ArrayDeque<>()))
        .hasMessageStartingWith(
            OverridesGetter.class.getName() + ".name: Jackson reads the field name, ");
  }

  /** Written by Jackson as a sequence of its values. */
  @JsonFormat(shape = JsonFormat.Shape.ARRAY)
  public static final class AsArray {
    public String getA() {
      return "a";
    }
  }

  /** Two properties. */
  public static final class Inner {
    public String getA() {
      return "a";
    }

    public String getB() {
      return "b";
    }
  }

  /** Its property's serializer leaves out {@code b}. */
  public static final class IgnoresInner {
    @JsonIgnoreProperties({"b"})
    public Inner getInner() {
      return new Inner();
    }
  }

  /** Read by its fields, as core's CustomObject. */
  @JsonAutoDetect(
      fieldVisibility = JsonAutoDetect.Visibility.ANY,
      getterVisibility = JsonAutoDetect.Visibility.NONE,
      isGetterVisibility = JsonAutoDetect.Visibility.NONE)
  public static class FieldBase {
    private final String name = "field";

    public String getName() {
      return name;
    }
  }

  /** A getter that is not the field Jackson reads. */
  public static final class OverridesGetter extends FieldBase {
    @Override
    public String getName() {
      return "getter";
    }
  }

  /** Whether the object was written here; fails when its text is not Jackson's. */
  static boolean compare(HasMetadata o, String what) {
    String jackson;
    try {
      jackson = Yaml.write(List.of(o));
    } catch (RuntimeException e) {
      jackson = null;
    }
    String fast = ObjectYaml.fast(o);
    if (fast == null) {
      return false;
    }
    assertThat(fast).as(what).isEqualTo(jackson);
    return true;
  }

  /** The kinds a rendering holds: every production target's and core's. */
  static List<Class<?>> roots() {
    List<Class<?>> roots = new ArrayList<>();
    for (Target t : Run.productionTargets()) {
      roots.addAll(t.resourceTypes());
    }
    roots.addAll(ObjectWritersGenerator.CORE);
    return roots.stream().distinct().sorted(Comparator.comparing(Class::getName)).toList();
  }

  /** Strings YAML, go-yaml, SnakeYAML and Jackson treat specially. */
  static final String[] HOSTILE = {
    "",
    " ",
    "  ",
    "x",
    "null",
    "Null",
    "NULL",
    "nULL",
    "~",
    "true",
    "True",
    "yes",
    "No",
    "on",
    "OFF",
    "y",
    "n",
    "0",
    "00",
    "-0",
    "+0",
    "1",
    "-1",
    "+1",
    "1.",
    ".1",
    "+.5",
    "-.",
    "+",
    "-",
    ".",
    "..",
    "1..2",
    "1.2.3",
    "1e3",
    "1E+3",
    "1e",
    "e3",
    "0x1F",
    "0X1f",
    "0o17",
    "0b101",
    "0B1",
    "012",
    "09",
    "1_000",
    "1_000.5",
    "0x_1F",
    ".inf",
    "-.Inf",
    ".NaN",
    "12:30",
    "1:30.5",
    "0:30",
    "12:60",
    "2024-01-02",
    "2024-1-2T3:04:05Z",
    "2001-12-14t21:59:43.10-05:00",
    "<<",
    "=",
    "a\nb",
    "a\n",
    "\n",
    "\n\n",
    "\na",
    " \na",
    "a\n ",
    "a\r\nb",
    "\r",
    "a\rb",
    "\u0085",
    "a\u0085b",
    "\u2028",
    "\u2029x",
    "\uFEFF",
    "\uFEFFa",
    "\uD800",
    "a\uDC00",
    "\uD83D\uDE00",
    "e\u0301",
    "\u0000",
    "\u0007",
    "\u001B[0m",
    "\u007F",
    "\u00A0",
    "\t",
    "a\tb",
    "\tx",
    "x\t",
    " lead",
    "trail ",
    "#",
    "# c",
    "a #b",
    "a#b",
    "a: b",
    "a:b",
    "x:",
    ":x",
    ":",
    "- x",
    "-x",
    "- ",
    "? x",
    "?x",
    "?",
    "*ref",
    "&a",
    "!tag",
    "!!str",
    "%x",
    "@x",
    "`x",
    "'",
    "'q'",
    "\"",
    "\"q\"",
    "\\",
    "a\\b",
    "{x}",
    "{",
    "}",
    "[x]",
    "[",
    "]",
    "a,b",
    ",",
    "|",
    "|x",
    ">",
    ">x",
    "---",
    "...",
    "--- x",
    "é",
    "日本",
    "/ws",
    "30s",
    "3600",
    "k".repeat(128),
    "k".repeat(129),
    "k ".repeat(600),
    "k".repeat(1025),
    "a: b ".repeat(40),
  };

  /** Random values for the declared types of the model classes. */
  static final class Filler {
    private final Random r;

    Filler(Random r) {
      this.r = r;
    }

    String string() {
      switch (r.nextInt(8)) {
        case 0:
          return HOSTILE[r.nextInt(HOSTILE.length)] + HOSTILE[r.nextInt(HOSTILE.length)];
        case 1:
          {
            char[] alphabet =
                " \t\n\r:#-?,[]{}'\"\\|>&*!%@`.0123456789abcefnotuxyEINT_+\u0085\u2028"
                    .toCharArray();
            StringBuilder b = new StringBuilder();
            for (int i = 1 + r.nextInt(6); i > 0; i--) {
              b.append(alphabet[r.nextInt(alphabet.length)]);
            }
            return b.toString();
          }
        default:
          return HOSTILE[r.nextInt(HOSTILE.length)];
      }
    }

    /** A random value of the declared type; null sometimes. */
    Object value(Type t, int depth) {
      if (r.nextInt(8) == 0) {
        return null;
      }
      if (t instanceof ParameterizedType p) {
        Class<?> raw = (Class<?>) p.getRawType();
        Type[] args = p.getActualTypeArguments();
        if (List.class.isAssignableFrom(raw) || Collection.class.equals(raw)) {
          return list(args[0], depth);
        }
        if (Map.class.isAssignableFrom(raw)) {
          return map(args[1], depth);
        }
        return value(raw, depth);
      }
      if (!(t instanceof Class<?> c)) {
        return tree(depth);
      }
      if (c == String.class) {
        return string();
      }
      if (c == Integer.class || c == int.class) {
        int[] pool = {0, 1, -1, 80, Integer.MAX_VALUE, Integer.MIN_VALUE, r.nextInt()};
        return pool[r.nextInt(pool.length)];
      }
      if (c == Long.class || c == long.class) {
        long[] pool = {0, -1, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 40, r.nextLong()};
        return pool[r.nextInt(pool.length)];
      }
      if (c == Short.class || c == short.class) {
        return (short) r.nextInt();
      }
      if (c == Boolean.class || c == boolean.class) {
        return r.nextBoolean();
      }
      if (c == Double.class || c == double.class) {
        double[] pool = {0.0, -0.0, 1.5, 1e300, Double.NaN, Double.POSITIVE_INFINITY, 3};
        return pool[r.nextInt(pool.length)];
      }
      if (c == Float.class || c == float.class) {
        return (float) r.nextGaussian();
      }
      if (c.isEnum()) {
        Object[] constants = c.getEnumConstants();
        return constants[r.nextInt(constants.length)];
      }
      if (c == IntOrString.class) {
        return switch (r.nextInt(4)) {
          case 0 -> new IntOrString(r.nextInt(70000));
          case 1 -> new IntOrString(string());
          case 2 -> new IntOrString((Object) null);
          default -> new IntOrString((Object) (long) r.nextInt());
        };
      }
      if (c == AnyType.class) {
        return new AnyType(tree(depth + 1));
      }
      if (c == Quantity.class) {
        Quantity q = new Quantity();
        q.setAmount(r.nextInt(5) == 0 ? null : string());
        q.setFormat(r.nextInt(2) == 0 ? null : string());
        return q;
      }
      if (c == Object.class) {
        return tree(depth);
      }
      if (c.isInterface() || Modifier.isAbstract(c.getModifiers())) {
        List<Class<?>> impl = ObjectWritersGenerator.implementations(c);
        return impl.isEmpty() ? null : bean(impl.get(r.nextInt(impl.size())), depth);
      }
      if (c.getName().startsWith("java.")) {
        return null;
      }
      return bean(c, depth);
    }

    List<Object> list(Type item, int depth) {
      List<Object> l = new ArrayList<>();
      for (int i = r.nextInt(depth > 3 ? 2 : 4); i > 0; i--) {
        Object v = value(item, depth + 1);
        if (v != null || r.nextInt(10) == 0) {
          l.add(v);
        }
      }
      return l;
    }

    Map<String, Object> map(Type value, int depth) {
      Map<String, Object> m =
          switch (r.nextInt(6)) {
            case 0 -> new TreeMap<>(Comparator.reverseOrder());
            case 1 -> new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            case 2 -> new LinkedHashMap<>();
            default -> new HashMap<>();
          };
      for (int i = r.nextInt(depth > 3 ? 2 : 4); i > 0; i--) {
        Object v = value(value, depth + 1);
        if (v != null || r.nextInt(10) == 0) {
          m.put(string(), v);
        }
      }
      return m;
    }

    /** A JSON-like tree: what a Map&lt;String, Object&gt; or an any-getter may hold. */
    Object tree(int depth) {
      int pick = r.nextInt(depth > 4 ? 8 : 13);
      return switch (pick) {
        case 0, 1, 2 -> string();
        case 3 -> r.nextInt(3) - 1;
        case 4 -> r.nextLong();
        case 5 -> r.nextBoolean();
        case 6 -> r.nextInt(4) == 0 ? (short) 7 : r.nextInt(1000);
        case 7 -> r.nextInt(20) == 0 ? 1.5 : r.nextInt(10) == 0 ? "" : string();
        case 8, 9 -> list(Object.class, depth + 1);
        default -> map(Object.class, depth + 1);
      };
    }

    /** An instance of the model class with random properties; null past the depth. */
    Object bean(Class<?> c, int depth) {
      if (depth > 5) {
        return null;
      }
      try {
        Object o;
        if (c.isRecord()) {
          RecordComponent[] parts = c.getRecordComponents();
          Class<?>[] types =
              Arrays.stream(parts).map(RecordComponent::getType).toArray(Class[]::new);
          Object[] args = new Object[parts.length];
          for (int i = 0; i < parts.length; i++) {
            args[i] = primitive(types[i], value(parts[i].getGenericType(), depth + 1));
          }
          Constructor<?> k = c.getDeclaredConstructor(types);
          k.setAccessible(true);
          return k.newInstance(args);
        }
        Constructor<?> k = constructor(c);
        Object[] args = new Object[k.getParameterCount()];
        for (int i = 0; i < args.length; i++) {
          args[i] =
              primitive(
                  k.getParameterTypes()[i], value(k.getGenericParameterTypes()[i], depth + 1));
        }
        k.setAccessible(true);
        o = k.newInstance(args);
        for (Method m : c.getMethods()) {
          if (Modifier.isStatic(m.getModifiers()) || r.nextInt(3) == 0) {
            continue;
          }
          if (m.getName().startsWith("set")
              && m.getParameterCount() == 1
              && !m.getName().equals("setAdditionalProperties")) {
            Object v = value(m.getGenericParameterTypes()[0], depth + 1);
            if (v != null || !m.getParameterTypes()[0].isPrimitive()) {
              m.invoke(o, v);
            }
          } else if (m.getName().equals("setAdditionalProperty") && m.getParameterCount() == 2) {
            for (int i = r.nextInt(4) == 0 ? 1 + r.nextInt(2) : 0; i > 0; i--) {
              m.invoke(o, string(), r.nextInt(40) == 0 ? null : tree(depth + 1));
            }
          }
        }
        if (o instanceof HasMetadata h && h.getMetadata() == null && r.nextInt(4) > 0) {
          h.setMetadata((ObjectMeta) bean(ObjectMeta.class, depth + 1));
        }
        return o;
      } catch (ReflectiveOperationException | RuntimeException e) {
        return null;
      }
    }

    private static Object primitive(Class<?> type, Object v) {
      if (v != null || !type.isPrimitive()) {
        return v;
      }
      if (type == boolean.class) {
        return false;
      }
      if (type == long.class) {
        return 0L;
      }
      if (type == double.class) {
        return 0.0;
      }
      if (type == float.class) {
        return 0f;
      }
      if (type == short.class) {
        return (short) 0;
      }
      return 0;
    }

    /** The no-argument constructor, else the one with the most parameters. */
    private static Constructor<?> constructor(Class<?> c) throws NoSuchMethodException {
      try {
        return c.getDeclaredConstructor();
      } catch (NoSuchMethodException e) {
        Constructor<?>[] all = c.getDeclaredConstructors();
        if (all.length == 0) {
          throw e;
        }
        List<Constructor<?>> sorted = new ArrayList<>(Arrays.asList(all));
        sorted.sort(Comparator.comparingInt(Constructor::getParameterCount));
        Collections.reverse(sorted);
        return sorted.get(0);
      }
    }
  }
}
