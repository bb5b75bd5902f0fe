package dev.wsingress.cli;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.introspect.AnnotatedField;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.AnnotatedMethod;
import com.fasterxml.jackson.databind.ser.AnyGetterWriter;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializer;
import com.fasterxml.jackson.databind.ser.impl.UnwrappingBeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.std.BeanSerializerBase;
import com.fasterxml.jackson.databind.util.NameTransformer;
import dev.wsingress.Target;
import dev.wsingress.Yaml;
import io.fabric8.kubernetes.api.model.AnyType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Writes {@code ObjectWriters.java}: for every model class a rendering can hold (the kinds of every
 * target on the class path and core's, and every bean class their properties declare), the
 * properties Jackson's own serializer for it writes with core's mapper, in its order, each with its
 * inclusion and the getter that reads it. It refuses, with the class and property, whatever the
 * generated code would not write as Jackson does (a custom or typed serializer, a view, a raw
 * value, an unwrapped property): a person then decides.
 */
final class ObjectWritersGenerator {
  private ObjectWritersGenerator() {}

  /** The kinds core reads and writes itself (Yaml's registry), and the generic resource. */
  static final List<Class<?>> CORE =
      List.of(
          Namespace.class,
          ServiceAccount.class,
          Secret.class,
          ConfigMap.class,
          Service.class,
          Pod.class,
          GenericKubernetesResource.class);

  /**
   * One property: a field written by name, the entries of a {@code @JsonAnyGetter} map, or an
   * unwrapped bean's own properties.
   */
  record Property(String name, String getter, int inclusion, int content, Kind kind) {}

  enum Kind {
    FIELD,
    MAP,
    ANY,
    UNWRAPPED
  }

  static String generate() throws ReflectiveOperationException, IOException {
    ObjectMapper mapper = mapper();
    SerializerProvider provider = mapper.getSerializerProviderInstance();
    Deque<Class<?>> todo = new ArrayDeque<>();
    for (Target t : Run.productionTargets()) {
      todo.addAll(t.resourceTypes());
    }
    todo.addAll(CORE);
    Map<String, Class<?>> seen = new TreeMap<>();
    Map<Class<?>, List<Property>> beans = new HashMap<>();
    Map<String, Map<String, String>> enums = new TreeMap<>();
    while (!todo.isEmpty()) {
      Class<?> c = todo.pop();
      if (c.isEnum() && !enums.containsKey(c.getName())) {
        enums.put(c.getName(), enumTexts(mapper, c));
      }
      if (seen.containsKey(c.getName()) || !bean(c)) {
        continue;
      }
      seen.put(c.getName(), c);
      beans.put(c, describe(mapper, provider, c, todo));
    }
    return source(seen, beans, enums);
  }

  /**
   * The properties Jackson's serializer for the class writes; refused unless it is a plain
   * BeanSerializer (a BeanAsArraySerializer, from {@code @JsonFormat(shape = ARRAY)}, is a
   * BeanSerializerBase too but writes a sequence).
   */
  static List<Property> describe(
      ObjectMapper mapper, SerializerProvider provider, Class<?> c, Deque<Class<?>> todo)
      throws ReflectiveOperationException, IOException {
    // Contextualized, as Jackson finds a value's serializer (findValueSerializer(Class) alone
    // skips createContextual, where the class's @JsonFormat shape and ignorals are applied).
    JsonSerializer<Object> s = provider.findValueSerializer(c, null);
    if (s.getClass() != BeanSerializer.class) {
      throw new IllegalStateException(
          c.getName() + " has the serializer " + s.getClass().getName() + ": not generated");
    }
    return properties(mapper, c, (BeanSerializerBase) s, todo);
  }

  /**
   * The Jackson annotations a property may carry here: what they change is in the writer Jackson
   * built (name, inclusion, any-getter, unwrapping) or only in reading. Any other one (a property's
   * {@code @JsonIgnoreProperties}, {@code @JsonIncludeProperties}, {@code @JsonIdentityInfo},
   * {@code @JsonSerialize(as = ...)}, {@code @JsonFormat}, {@code @JsonRawValue}, a view, a filter
   * ...) may change how the value is written by a serializer made for this property, which the
   * generated code would not know: refused.
   */
  private static final Set<String> KNOWN_ANNOTATIONS =
      Set.of(
          "JsonProperty",
          "JsonGetter",
          "JsonPropertyDescription",
          "JsonInclude",
          "JsonUnwrapped",
          "JsonAnyGetter",
          "JsonIgnore",
          "JsonAlias",
          "JsonSetter",
          "JsonAnySetter",
          "JsonDeserialize",
          "JsonPropertyOrder");

  /**
   * The text Jackson writes for each constant of an enum, by the mapper itself; refused when one is
   * not written as a string.
   */
  private static Map<String, String> enumTexts(ObjectMapper mapper, Class<?> type) {
    Map<String, String> texts = new java.util.LinkedHashMap<>();
    for (Object constant : type.getEnumConstants()) {
      com.fasterxml.jackson.databind.JsonNode n = mapper.valueToTree(constant);
      if (!n.isTextual()) {
        throw new IllegalStateException(type.getName() + "." + constant + " is written as " + n);
      }
      texts.put(((Enum<?>) constant).name(), n.textValue());
    }
    return texts;
  }

  /** Core's mapper (package-private there). */
  static ObjectMapper mapper() throws ReflectiveOperationException {
    Method m = Yaml.class.getDeclaredMethod("mapper");
    m.setAccessible(true);
    return (ObjectMapper) m.invoke(null);
  }

  /** Whether the class is one the generated code writes as a bean (not a value the engine has). */
  private static boolean bean(Class<?> c) {
    return !(c.isPrimitive()
        || c.isArray()
        || c.isEnum()
        || c.isInterface()
        || Modifier.isAbstract(c.getModifiers())
        || c.getName().startsWith("java.")
        || Collection.class.isAssignableFrom(c)
        || Map.class.isAssignableFrom(c)
        || AnyType.class.isAssignableFrom(c)
        || Quantity.class.equals(c)
        || c.getName().startsWith("com.fasterxml."));
  }

  private static List<Property> properties(
      ObjectMapper mapper, Class<?> c, BeanSerializerBase serializer, Deque<Class<?>> todo)
      throws ReflectiveOperationException {
    for (String field : List.of("_objectIdWriter", "_typeId", "_propertyFilterId")) {
      if (read(BeanSerializerBase.class, serializer, field) != null) {
        throw new IllegalStateException(c.getName() + ": " + field + " is set: not generated");
      }
    }
    BeanPropertyWriter[] props =
        (BeanPropertyWriter[]) read(BeanSerializerBase.class, serializer, "_props");
    if (read(BeanSerializerBase.class, serializer, "_filteredProps") != null) {
      throw new IllegalStateException(c.getName() + ": has views: not generated");
    }
    List<Property> out = new ArrayList<>();
    for (BeanPropertyWriter w : props) {
      String where = c.getName() + "." + w.getName();
      if (w instanceof AnyGetterWriter) {
        AnnotatedMember accessor = (AnnotatedMember) read(AnyGetterWriter.class, w, "_accessor");
        out.add(new Property(w.getName(), getter(c, accessor, where), 0, -1, Kind.ANY));
        continue;
      }
      Kind kind = Kind.FIELD;
      if (w instanceof UnwrappingBeanPropertyWriter) {
        if (read(UnwrappingBeanPropertyWriter.class, w, "_nameTransformer")
            != NameTransformer.NOP) {
          throw new IllegalStateException(where + " is unwrapped with a prefix or suffix");
        }
        kind = Kind.UNWRAPPED;
      } else if (w.getClass() != BeanPropertyWriter.class) {
        throw new IllegalStateException(where + " is written by " + w.getClass().getName());
      }
      for (String field : List.of("_typeSerializer", "_includeInViews")) {
        if (read(BeanPropertyWriter.class, w, field) != null) {
          throw new IllegalStateException(where + ": " + field + " is set: not generated");
        }
      }
      AnnotatedMember member = w.getMember();
      for (java.lang.annotation.Annotation a : member.getAllAnnotations().annotations()) {
        Class<?> t = a.annotationType();
        if (t.getName().startsWith("com.fasterxml.jackson.")
            && !KNOWN_ANNOTATIONS.contains(t.getSimpleName())) {
          throw new IllegalStateException(where + " has @" + t.getSimpleName() + ": not generated");
        }
      }
      JsonSerialize js = member.getAnnotation(JsonSerialize.class);
      if (js != null && js.using() != JsonSerializer.None.class
          || js != null && js.contentUsing() != JsonSerializer.None.class
          || member.hasAnnotation(JsonRawValue.class)
          || member.hasAnnotation(JsonFormat.class)) {
        throw new IllegalStateException(where + " has its own serializer or format");
      }
      boolean suppressNulls = (boolean) read(BeanPropertyWriter.class, w, "_suppressNulls");
      Object suppressable = read(BeanPropertyWriter.class, w, "_suppressableValue");
      int inclusion;
      if (suppressable == null) {
        inclusion = suppressNulls ? ObjectYaml.NON_NULL : ObjectYaml.ALWAYS;
      } else if (suppressable == BeanPropertyWriter.MARKER_FOR_EMPTY && suppressNulls) {
        inclusion = ObjectYaml.NON_EMPTY;
      } else {
        throw new IllegalStateException(where + " leaves out " + suppressable + ": not generated");
      }
      int content = -1;
      if (w.getType().isMapLikeType()) {
        // The map's content inclusion as MapSerializer.createContextual finds it: the property's
        // own over the mapper's default for Map.class.
        JsonInclude.Include ci =
            w.findPropertyInclusion(mapper.getSerializationConfig(), Map.class)
                .getContentInclusion();
        content =
            switch (ci) {
              case ALWAYS -> ObjectYaml.ALWAYS;
              case NON_NULL, NON_ABSENT -> ObjectYaml.NON_NULL;
              case NON_EMPTY -> ObjectYaml.NON_EMPTY;
              default -> throw new IllegalStateException(where + " leaves out entries " + ci);
            };
        kind = Kind.MAP;
      }
      if (kind == Kind.UNWRAPPED && inclusion == ObjectYaml.ALWAYS) {
        inclusion = ObjectYaml.NON_NULL; // UnwrappingBeanPropertyWriter writes nothing for null
      }
      out.add(new Property(w.getName(), getter(c, member, where), inclusion, content, kind));
      classes(w.getType(), todo);
    }
    return out;
  }

  /** The bean classes a declared type names: itself, or its contents and type arguments. */
  private static void classes(JavaType t, Deque<Class<?>> todo) {
    if (t.isContainerType()) {
      if (t.getContentType() != null) {
        classes(t.getContentType(), todo);
      }
      return;
    }
    for (int i = 0; i < t.containedTypeCount(); i++) {
      classes(t.containedType(i), todo);
    }
    Class<?> raw = t.getRawClass();
    todo.add(raw);
    if ((raw.isInterface() || Modifier.isAbstract(raw.getModifiers()))
        && (raw.getName().startsWith("io.fabric8.") || raw.getName().startsWith("dev.wsingress."))
        && !raw.getName().startsWith("io.fabric8.kubernetes.api.model.KubernetesResource")) {
      todo.addAll(implementations(raw));
    }
  }

  /**
   * The concrete classes of the type's own package (its jar or directory) that implement it: the
   * model's one-of interfaces (Istio's {@code HTTPRedirect.RedirectPort}) have no other list.
   */
  static List<Class<?>> implementations(Class<?> type) {
    List<Class<?>> found = new ArrayList<>();
    String dir = type.getPackageName().replace('.', '/');
    try {
      java.net.URL source = type.getProtectionDomain().getCodeSource().getLocation();
      Path root = Path.of(source.toURI());
      List<String> names = new ArrayList<>();
      if (Files.isDirectory(root)) {
        try (Stream<Path> files = Files.list(root.resolve(dir))) {
          files.forEach(f -> names.add(dir + "/" + f.getFileName()));
        }
      } else {
        try (JarFile jar = new JarFile(root.toFile())) {
          jar.stream().forEach(e -> names.add(e.getName()));
        }
      }
      for (String name : names) {
        if (!name.startsWith(dir + "/")
            || !name.endsWith(".class")
            || name.indexOf('/', dir.length() + 1) >= 0) {
          continue;
        }
        Class<?> c =
            Class.forName(
                name.substring(0, name.length() - 6).replace('/', '.'),
                false,
                type.getClassLoader());
        if (type.isAssignableFrom(c) && c != type && bean(c)) {
          found.add(c);
        }
      }
    } catch (IOException | java.net.URISyntaxException | ClassNotFoundException e) {
      throw new IllegalStateException("cannot list the classes of " + type.getPackageName(), e);
    }
    found.sort(java.util.Comparator.comparing(Class::getName));
    return found;
  }

  /** The public method that reads the property: its getter, or the accessor of its field. */
  private static String getter(Class<?> c, AnnotatedMember member, String where) {
    if (member instanceof AnnotatedMethod m) {
      Method method = m.getAnnotated();
      if (!Modifier.isPublic(method.getModifiers()) || method.getParameterCount() != 0) {
        throw new IllegalStateException(where + ": " + method + " is not a public getter");
      }
      return method.getName();
    }
    if (member instanceof AnnotatedField f) {
      Field field = f.getAnnotated();
      String n = field.getName();
      String cap = Character.toUpperCase(n.charAt(0)) + n.substring(1);
      for (String name : List.of(n, "get" + cap, "is" + cap)) {
        try {
          Method method = c.getMethod(name);
          if (method.getReturnType().equals(field.getType())
              || field.getGenericType() instanceof java.lang.reflect.TypeVariable) {
            // Jackson reads the field: a getter of the field's own class is taken to return it,
            // one a subclass overrides may return something else.
            if (method.getDeclaringClass() != field.getDeclaringClass()) {
              throw new IllegalStateException(
                  where + ": Jackson reads the field " + n + ", " + method + " may differ");
            }
            return name;
          }
        } catch (NoSuchMethodException e) {
          // the next name
        }
      }
      throw new IllegalStateException(where + ": field " + n + " has no public getter");
    }
    throw new IllegalStateException(where + ": read by " + member);
  }

  private static Object read(Class<?> owner, Object o, String field)
      throws ReflectiveOperationException {
    Field f = owner.getDeclaredField(field);
    f.setAccessible(true);
    return f.get(o);
  }

  private static String source(
      Map<String, Class<?>> classes,
      Map<Class<?>, List<Property>> beans,
      Map<String, Map<String, String>> enums) {
    Map<Class<?>, String> methods = methodNames(classes.values());
    StringBuilder b = new StringBuilder();
    b.append(
        "// Generated by ObjectWritersGenerator (a test) from Jackson's serializers for the\n");
    b.append(
        "// model classes with core's mapper: do not edit. When they change, ObjectYamlTest\n");
    b.append("// fails; regenerate:\n");
    b.append("//   ./mvnw -B -q -o test -pl cli -am -Dtest=ObjectYamlTest");
    b.append(" -Dsurefire.failIfNoSpecifiedTests=false \\\n");
    b.append("//     -Djacoco.skip -Dwsingress.regenerate=true && scripts/format.sh\n");
    b.append("package dev.wsingress.cli;\n\n");
    b.append("import static dev.wsingress.cli.ObjectYaml.ALWAYS;\n");
    b.append("import static dev.wsingress.cli.ObjectYaml.NON_EMPTY;\n");
    b.append("import static dev.wsingress.cli.ObjectYaml.NON_NULL;\n\n");
    b.append("import dev.wsingress.cli.ObjectYaml.Declined;\n");
    b.append("import dev.wsingress.cli.ObjectYaml.Out;\n\n");
    b.append("/**\n");
    b.append(
        " * The properties Jackson writes for each model class a rendering can hold, in its\n");
    b.append(" * order and with its inclusion, read through the getters without reflection.\n");
    b.append(" */\n");
    b.append("@SuppressWarnings(\"unused\") // not every inclusion is used by every generation\n");
    b.append("final class ObjectWriters {\n");
    b.append("  private ObjectWriters() {}\n\n");
    b.append("  /**\n");
    b.append(
        "   * Writes the object's properties if its class is one of the model classes, as a\n");
    b.append("   * mapping or (unwrapped) into the one being written; false if it is not one.\n");
    b.append("   */\n");
    b.append("  static boolean write(Object o, Out out, boolean unwrapped) throws Declined {\n");
    b.append("    if (!unwrapped) {\n      out.startMap();\n    }\n");
    b.append("    switch (o.getClass().getName()) {\n");
    for (Class<?> c : classes.values()) {
      b.append("      case \"").append(c.getName()).append("\":\n");
      b.append("        ").append(methods.get(c)).append("((").append(c.getCanonicalName());
      b.append(") o, out);\n        break;\n");
    }
    b.append("      default:\n        return false;\n    }\n");
    b.append("    if (!unwrapped) {\n      out.endMap();\n    }\n    return true;\n  }\n");
    for (Class<?> c : classes.values()) {
      b.append("\n  private static void ").append(methods.get(c)).append("(");
      b.append(c.getCanonicalName()).append(" o, Out out) throws Declined {\n");
      for (Property p : beans.get(c)) {
        String get = "o." + p.getter() + "()";
        String inc = inclusion(p.inclusion());
        switch (p.kind()) {
          case ANY -> b.append("    out.any(").append(get).append(");\n");
          case UNWRAPPED -> b.append("    out.unwrapped(" + get + ", " + inc + ");\n");
          case FIELD ->
              b.append("    out.field(\"" + p.name() + "\", " + get + ", " + inc + ");\n");
          case MAP ->
              b.append("    out.map(\"" + p.name() + "\", " + get + ", " + inc + ", ")
                  .append(inclusion(p.content()))
                  .append(");\n");
        }
      }
      b.append("  }\n");
    }
    b.append(
        "\n  /** The text Jackson writes for an enum constant; null for an enum not here. */\n");
    b.append("  static String text(Enum<?> e) {\n");
    b.append("    switch (e.getDeclaringClass().getName()) {\n");
    for (Map.Entry<String, Map<String, String>> en : enums.entrySet()) {
      b.append("      case \"").append(en.getKey()).append("\":\n");
      b.append("        switch (e.name()) {\n");
      for (Map.Entry<String, String> c : en.getValue().entrySet()) {
        b.append("          case \"").append(c.getKey()).append("\":\n");
        b.append("            return \"").append(javaString(c.getValue())).append("\";\n");
      }
      b.append("          default:\n            return null;\n        }\n");
    }
    b.append("      default:\n        return null;\n    }\n  }\n");
    b.append("}\n");
    return b.toString();
  }

  private static String javaString(String s) {
    StringBuilder b = new StringBuilder();
    for (char ch : s.toCharArray()) {
      if (ch == '"' || ch == '\\') {
        b.append('\\').append(ch);
      } else if (ch < 0x20 || ch > 0x7e) {
        b.append(String.format("\\u%04x", (int) ch));
      } else {
        b.append(ch);
      }
    }
    return b.toString();
  }

  private static String inclusion(int i) {
    return i == ObjectYaml.ALWAYS ? "ALWAYS" : i == ObjectYaml.NON_NULL ? "NON_NULL" : "NON_EMPTY";
  }

  /** A method name per class: its simple names, with its package's last part where they clash. */
  private static Map<Class<?>, String> methodNames(Collection<Class<?>> classes) {
    Map<String, Integer> counts = new HashMap<>();
    for (Class<?> c : classes) {
      counts.merge(simple(c), 1, Integer::sum);
    }
    Map<Class<?>, String> names = new HashMap<>();
    Set<String> used = new HashSet<>();
    for (Class<?> c : classes) {
      String name = simple(c);
      if (counts.get(name) > 1) {
        String pkg = c.getPackageName();
        String last = pkg.substring(pkg.lastIndexOf('.') + 1);
        name = last + Character.toUpperCase(name.charAt(0)) + name.substring(1);
      }
      if (javax.lang.model.SourceVersion.isKeyword(name)) {
        name = name + "Object";
      }
      String unique = name;
      for (int i = 2; !used.add(unique); i++) {
        unique = name + i;
      }
      names.put(c, unique);
    }
    return names;
  }

  /** {@code Middleware.Spec} as {@code middlewareSpec}. */
  private static String simple(Class<?> c) {
    String n = c.getCanonicalName().substring(c.getPackageName().length() + 1).replace(".", "");
    return Character.toLowerCase(n.charAt(0)) + n.substring(1);
  }
}
