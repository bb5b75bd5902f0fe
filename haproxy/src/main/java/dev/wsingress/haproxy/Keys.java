package dev.wsingress.haproxy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsingress.Manifest;
import dev.wsingress.Source;
import dev.wsingress.Version;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The keys one object gives haproxytech, by the name the controller looks them up with: an
 * Ingress's or Service's annotations, or the controller ConfigMap's {@code data} (the controller
 * strips the prefixes of both the same way, {@link IngressAnnotations#readAs}; pkg/k8s/informers.go
 * v3.2.11 passes ConfigMap data through {@code store.CopyAnnotations} too).
 */
final class Keys {

  /**
   * One key as written: its key with the prefix, the name the controller reads it as, the value as
   * written (a string unless the input forgot the quotes), and where the key is written ({@link
   * #at}, found when first asked: the readers classify every object's keys and point at few).
   */
  static final class Value {
    private final String key;
    private final String name;
    private final JsonNode node;
    private final Manifest object;
    private final JsonNode map;
    private Source at;

    Value(String key, String name, JsonNode node, Manifest object, JsonNode map) {
      this.key = key;
      this.name = name;
      this.node = node;
      this.object = object;
      this.map = map;
    }

    String key() {
      return key;
    }

    String name() {
      return name;
    }

    JsonNode node() {
      return node;
    }

    Source at() {
      Source s = at;
      if (s == null) {
        at = s = object.source(map, key);
      }
      return s;
    }

    /** The value as text (a number or boolean as written). */
    String text() {
      return node.isValueNode() && !node.isNull() ? node.asText() : "";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Value v
          && key.equals(v.key)
          && name.equals(v.name)
          && node.equals(v.node)
          && at().equals(v.at());
    }

    @Override
    public int hashCode() {
      return Objects.hash(key, name, node, at());
    }

    @Override
    public String toString() {
      return "Value[key=" + key + ", name=" + name + ", node=" + node + ", at=" + at() + "]";
    }
  }

  private final Manifest object;
  private final Map<String, Value> byName;
  private final List<Value[]> twice;
  private final List<Value> all;

  private Keys(Manifest object, Map<String, Value> byName, List<Value[]> twice, List<Value> all) {
    this.object = object;
    this.byName = byName;
    this.twice = twice;
    this.all = all;
  }

  /** No keys (an object the input does not have). */
  static Keys none() {
    return new Keys(null, Map.of(), List.of(), List.of());
  }

  /** The object's annotations. */
  static Keys annotations(Manifest m, Version version) {
    return of(m, m.tree().path("metadata").path("annotations"), version);
  }

  /** A ConfigMap's data. */
  static Keys data(Manifest configMap, Version version) {
    return of(configMap, configMap.tree().path("data"), version);
  }

  private static Keys of(Manifest m, JsonNode map, Version version) {
    if (!map.isObject() || map.isEmpty()) {
      return new Keys(m, Map.of(), List.of(), List.of());
    }
    Map<String, Value> byName = new LinkedHashMap<>();
    List<Value[]> twice = new ArrayList<>();
    List<Value> all = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> it = map.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = IngressAnnotations.readAs(e.getKey(), version);
      Value v = new Value(e.getKey(), name, e.getValue(), m, map);
      all.add(v);
      Value first = byName.putIfAbsent(name, v);
      if (first != null) {
        twice.add(new Value[] {first, v});
      }
    }
    return new Keys(
        m,
        Collections.unmodifiableMap(byName),
        Collections.unmodifiableList(twice),
        Collections.unmodifiableList(all));
  }

  /** The object, or null for {@link #none()}. */
  Manifest object() {
    return object;
  }

  /**
   * The key the controller reads under this name: with two keys for one name (two prefixes), the
   * first written (the controller's choice depends on Go's map order, see {@link #twice()}).
   */
  Value get(String name) {
    return byName.get(name);
  }

  /** Whether the object sets the name. */
  boolean has(String name) {
    return byName.containsKey(name);
  }

  /** Every key as written, in order. */
  List<Value> all() {
    return all;
  }

  /** Pairs of keys the controller reads as one name: the first written, then the other. */
  List<Value[]> twice() {
    return twice;
  }

  boolean isEmpty() {
    return all.isEmpty();
  }
}
