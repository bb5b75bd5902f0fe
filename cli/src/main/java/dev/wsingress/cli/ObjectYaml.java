package dev.wsingress.cli;

import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import dev.wsingress.Yaml;
import io.fabric8.kubernetes.api.model.AnyType;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.DumperOptions.FlowStyle;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.emitter.Emitter;
import org.yaml.snakeyaml.events.DocumentEndEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ImplicitTuple;
import org.yaml.snakeyaml.events.MappingEndEvent;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceEndEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.events.StreamEndEvent;
import org.yaml.snakeyaml.events.StreamStartEvent;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The bytes {@link Yaml#write} writes, without Jackson's {@code ObjectMapper}: on a cold JVM its
 * creation and its introspection of the fabric8 classes take a render of one app about 110 ms of
 * its 184 (wall-clock profile).
 *
 * <p>Each object's properties come from {@link ObjectWriters}, generated from what Jackson's own
 * serializers for the model classes write (names, order, which values are left out); the events go
 * to SnakeYAML's emitter with the options and scalar styles Jackson's {@code YAMLGenerator} gives
 * it. So the text is the same by construction, and {@code ObjectYamlTest} checks it byte for byte
 * against {@link Yaml#write} over every target's renderings. Whatever it cannot write the way
 * Jackson would (a class not generated, an entry that Jackson's content inclusion could leave out,
 * a null in a list) makes it decline the object, which is then written by {@link Yaml#write}.
 */
final class ObjectYaml {
  private ObjectYaml() {}

  /** Always written; a null goes to Jackson (a property may have its own null serializer). */
  static final int ALWAYS = 0;

  /** Left out when null. */
  static final int NON_NULL = 1;

  /** Left out when null or empty (a string, collection, map or array). */
  static final int NON_EMPTY = 2;

  // jackson-dataformat-yaml 2.22.4 YAMLGenerator.buildDumperOptions with the features core's Yaml
  // enables (read from the released jar: the 2.22 tag is not in the source mirror; the same code
  // is at the 2.19 branch): block style, no line splitting, sequences indented with their
  // indicator (indicator indent 2), the default line break and key length.
  private static final DumperOptions OPTIONS = options();

  // YAMLGenerator: NO_TAGS = new ImplicitTuple(true, true) on every scalar it writes.
  private static final ImplicitTuple NO_TAGS = new ImplicitTuple(true, true);

  // YAMLGenerator.PLAIN_NUMBER_P, used by _looksLikeYAMLNumber (ALWAYS_QUOTE_NUMBERS_AS_STRINGS).
  private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?[0-9]*(\\.[0-9]*)?");

  private static final StringQuotingChecker QUOTING = Yaml.quoting();

  // jackson-core 2.22 StreamWriteConstraints.DEFAULT_MAX_DEPTH: YAMLGenerator's writeStartObject
  // and writeStartArray call validateNestingDepth, which fails past it; deeper objects (and
  // cycles) go to Jackson, which refuses them.
  private static final int MAX_DEPTH = 1000;

  private static DumperOptions options() {
    DumperOptions o = new DumperOptions();
    o.setCanonical(false);
    o.setDefaultFlowStyle(FlowStyle.BLOCK);
    o.setSplitLines(false);
    o.setIndicatorIndent(2);
    o.setIndentWithIndicator(true);
    return o;
  }

  /** One object's document, as {@code Yaml.write(List.of(o))} writes it. */
  static String document(HasMetadata o) {
    String text = fast(o);
    return text != null ? text : Yaml.write(List.of(o));
  }

  /**
   * Writes a Service with a name, for {@link WarmUp}: SnakeYAML's emitter and the generated writers
   * of a Service and its metadata. Here, not in WarmUp, so that loading WarmUp loads no model class
   * (the verifier would, for this call's argument).
   */
  static void warmUp() {
    Service s = new Service();
    s.setMetadata(new ObjectMeta());
    s.getMetadata().setName("warm-up");
    fast(s);
  }

  /** The object's document written here, or null when this writer declines it. */
  static String fast(HasMetadata o) {
    try {
      return written(o);
    } catch (Exception | StackOverflowError e) {
      // Declined, or a getter, a map or the emitter failed (with any exception: a checked one may
      // be thrown sneakily), or a cycle ran out of stack as Jackson's BeanSerializerBase catches
      // it: Jackson writes it or reports the failure.
      return null;
    }
  }

  /** The object's document written here; why not, when this writer declines it. */
  static String written(HasMetadata o) throws Declined {
    Out out = new Out();
    out.value(o);
    return out.finish();
  }

  /** Thrown to give an object back to Jackson. */
  static final class Declined extends Exception {
    private static final long serialVersionUID = 1L;

    Declined(String why) {
      super(why, null, false, false);
    }
  }

  /** One document's events, given as Jackson's YAMLGenerator would give them. */
  static final class Out {
    private final StringWriter text = new StringWriter(2048);
    private final Emitter emitter = new Emitter(text, OPTIONS);
    private int depth;

    Out() {
      // YAMLGenerator's constructor and _emitStartDocument (WRITE_DOC_START_MARKER is on by
      // default): an explicit "---", no version, no tags.
      emit(new StreamStartEvent(null, null));
      emit(new DocumentStartEvent(null, null, true, null, Collections.emptyMap()));
    }

    /** YAMLGenerator.close: _emitEndDocument (implicit end), then the stream's end. */
    String finish() {
      emit(new DocumentEndEvent(null, null, false));
      emit(new StreamEndEvent(null, null));
      return text.toString();
    }

    private void emit(Event e) {
      try {
        emitter.emit(e);
      } catch (IOException x) {
        throw new UncheckedIOException(x); // a StringWriter does not fail
      }
    }

    private void scalar(String value, ScalarStyle style) {
      emit(new ScalarEvent(null, null, NO_TAGS, value, null, null, style));
    }

    /** YAMLGenerator._writeFieldName: double-quoted when the checker says so, else plain. */
    void name(String name) {
      scalar(name, QUOTING.needToQuoteName(name) ? ScalarStyle.DOUBLE_QUOTED : ScalarStyle.PLAIN);
    }

    /**
     * YAMLGenerator.writeString with MINIMIZE_QUOTES, ALWAYS_QUOTE_NUMBERS_AS_STRINGS and
     * LITERAL_BLOCK_STYLE: empty is quoted; a line feed makes it literal; the checker or a number's
     * look makes it double-quoted; else plain.
     */
    void string(String s) {
      ScalarStyle style;
      if (s.isEmpty()) {
        style = ScalarStyle.DOUBLE_QUOTED;
      } else if (s.indexOf('\n') >= 0) {
        style = ScalarStyle.LITERAL;
      } else if (QUOTING.needToQuoteValue(s) || looksLikeNumber(s)) {
        style = ScalarStyle.DOUBLE_QUOTED;
      } else {
        style = ScalarStyle.PLAIN;
      }
      scalar(s, style);
    }

    /**
     * YAMLGenerator._looksLikeYAMLNumber in 2.22.4 (bytecode of the released jar): a sign, dot or
     * digit first, no colon, and Jackson's plain number or SnakeYAML's INT or FLOAT pattern.
     */
    static boolean looksLikeNumber(String s) {
      char c = s.charAt(0);
      if (!(c == '+' || c == '-' || c == '.' || c >= '0' && c <= '9') || s.indexOf(':') >= 0) {
        return false;
      }
      return PLAIN_NUMBER.matcher(s).matches()
          || Resolver.INT.matcher(s).matches()
          || Resolver.FLOAT.matcher(s).matches();
    }

    void startMap() throws Declined {
      deeper();
      emit(new MappingStartEvent(null, null, true, null, null, FlowStyle.BLOCK));
    }

    void endMap() {
      depth--;
      emit(new MappingEndEvent(null, null));
    }

    /** One level deeper: a mapping, a sequence or an unwrapped bean (which may unwrap itself). */
    private void deeper() throws Declined {
      if (++depth > MAX_DEPTH) {
        throw new Declined("nested deeper than " + MAX_DEPTH);
      }
    }

    /**
     * A bean property as Jackson's BeanPropertyWriter writes it: left out by its inclusion, else
     * the name and the value.
     */
    void field(String name, Object value, int inclusion) throws Declined {
      if (value == null) {
        if (inclusion == ALWAYS) {
          throw new Declined(name + " is null");
        }
        return;
      }
      if (inclusion == NON_EMPTY && empty(value)) {
        return;
      }
      name(name);
      value(value);
    }

    /**
     * A map property as BeanPropertyWriter and MapSerializer write it, with the property's content
     * inclusion: entries left out by it are not written, and under NON_EMPTY a map whose every
     * entry is left out counts as empty (MapSerializer.isEmpty). A null entry goes to Jackson.
     */
    void map(String name, Map<?, ?> value, int inclusion, int content) throws Declined {
      if (value == null) {
        field(name, null, inclusion);
        return;
      }
      Map<String, Object> entries = sorted(value);
      for (var i = entries.values().iterator(); i.hasNext(); ) {
        Object entry = i.next();
        if (entry == null) {
          throw new Declined(name + " has a null entry");
        }
        if (content == NON_EMPTY && empty(entry)) {
          i.remove();
        }
      }
      if (inclusion == NON_EMPTY && entries.isEmpty()) {
        return;
      }
      name(name);
      startMap();
      for (Map.Entry<String, Object> e : entries.entrySet()) {
        name(e.getKey());
        value(e.getValue());
      }
      endMap();
    }

    /**
     * A {@code @JsonUnwrapped} property as UnwrappingBeanPropertyWriter writes it: nothing when
     * null (or empty, by its inclusion), else the bean's own properties in the mapping being
     * written.
     */
    void unwrapped(Object value, int inclusion) throws Declined {
      if (value == null || inclusion == NON_EMPTY && empty(value)) {
        return;
      }
      deeper();
      if (!ObjectWriters.write(value, this, true)) {
        throw new Declined("unwrapped " + value.getClass().getName());
      }
      depth--;
    }

    /** A {@code @JsonAnyGetter} map's entries, in key order (ORDER_MAP_ENTRIES_BY_KEYS). */
    void any(Map<?, ?> entries) throws Declined {
      if (entries == null || entries.isEmpty()) {
        return;
      }
      entries(entries);
    }

    /**
     * A map's entries under the mapper's default content inclusion (NON_EMPTY), which leaves out
     * null and empty entries except where a property says otherwise: such an entry goes to Jackson.
     */
    private void entries(Map<?, ?> m) throws Declined {
      for (Map.Entry<String, Object> e : sorted(m).entrySet()) {
        Object entry = e.getValue();
        if (entry == null || empty(entry)) {
          throw new Declined("the entry " + e.getKey() + " is null or empty");
        }
        name(e.getKey());
        value(entry);
      }
    }

    /**
     * Jackson's NON_EMPTY for the serializers these values meet: a string, collection, map or array
     * with nothing in it; a bean, number, boolean or fabric8's quantity and int-or-string never
     * are.
     */
    private static boolean empty(Object value) {
      if (value instanceof String s) {
        return s.isEmpty();
      }
      if (value instanceof Collection<?> c) {
        return c.isEmpty();
      }
      if (value instanceof Map<?, ?> m) {
        return m.isEmpty();
      }
      if (value instanceof Object[] a) {
        return a.length == 0;
      }
      return false;
    }

    /** A value by its class, as Jackson finds a serializer for it at run time. */
    void value(Object v) throws Declined {
      if (v instanceof String s) {
        string(s);
      } else if (v instanceof Integer || v instanceof Long || v instanceof Short) {
        scalar(v.toString(), ScalarStyle.PLAIN); // YAMLGenerator.writeNumber(int | long)
      } else if (v instanceof Boolean b) {
        scalar(b ? "true" : "false", ScalarStyle.PLAIN);
      } else if (v instanceof Map<?, ?> m) {
        startMap();
        entries(m);
        endMap();
      } else if (v instanceof List<?> l) {
        deeper();
        emit(new SequenceStartEvent(null, null, true, null, null, FlowStyle.BLOCK));
        for (Object item : l) {
          if (item == null) {
            throw new Declined("a list has a null");
          }
          value(item);
        }
        depth--;
        emit(new SequenceEndEvent(null, null));
      } else if (v instanceof Quantity q) {
        // fabric8 7.5.2 Quantity.Serializer: the amount and the format, each when not null.
        string(
            (q.getAmount() == null ? "" : q.getAmount())
                + (q.getFormat() == null ? "" : q.getFormat()));
      } else if (v instanceof AnyType a) {
        // fabric8 7.5.2 AnyType.Serializer (IntOrString's): writeObject(value), here for the
        // scalars it holds; anything else through the mapper.
        Object held = a.getValue();
        if (!(held instanceof String || held instanceof Integer || held instanceof Long)) {
          throw new Declined("an int-or-string holds " + held);
        }
        value(held);
      } else if (v instanceof Enum<?> e) {
        String text = ObjectWriters.text(e);
        if (text == null) {
          throw new Declined(e.getDeclaringClass().getName());
        }
        // EnumSerializer: writeString(SerializableString), which is YAMLGenerator's writeString.
        string(text);
      } else if (v instanceof BigInteger || v instanceof BigDecimal) {
        throw new Declined("a big number"); // WRITE_BIGDECIMAL_AS_PLAIN and friends: Jackson's
      } else if (!ObjectWriters.write(v, this, false)) {
        throw new Declined(v.getClass().getName());
      }
    }

    /**
     * The map's entries in the order MapSerializer._orderEntries gives them under
     * ORDER_MAP_ENTRIES_BY_KEYS (jackson-databind 2.22.4 bytecode): a SortedMap as it is, in its
     * own comparator's order; any other map in key order. Only string keys are written here.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> sorted(Map<?, ?> m) throws Declined {
      for (Object key : m.keySet()) {
        if (!(key instanceof String)) {
          throw new Declined("a key that is not a string");
        }
      }
      Map<String, Object> entries = (Map<String, Object>) m;
      return m instanceof SortedMap<?, ?> ? new LinkedHashMap<>(entries) : new TreeMap<>(entries);
    }
  }
}
