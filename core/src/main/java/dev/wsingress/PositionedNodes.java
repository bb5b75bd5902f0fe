package dev.wsingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.util.AbstractCollection;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Jackson containers that also remember where each child was written: a packed position ({@code
 * line << 32 | column}, both from 1, physical lines of the file) per child, in the children's
 * order. Readers see plain {@link ObjectNode}s and {@link ArrayNode}s; {@link Manifest#source} asks
 * these for positions.
 *
 * <p>The doctor keeps every tree of its input for the reference graph, so what a container keeps
 * drives the collector's work: a mapping holds its fields in {@link Fields}, one array of keys and
 * values and one of positions narrowed to an {@code int} each (instead of a {@code LinkedHashMap}
 * with a 16-slot table and an entry object per field), and a sequence starts at two slots.
 */
final class PositionedNodes {
  private PositionedNodes() {}

  static long pack(int line, int column) {
    return ((long) line << 32) | (column & 0xffffffffL);
  }

  static int line(long packed) {
    return (int) (packed >>> 32);
  }

  static int column(long packed) {
    return (int) packed;
  }

  /** A mapping; each field's position is its key's. */
  static final class Obj extends ObjectNode {
    private static final long serialVersionUID = 1L;

    Obj() {
      super(JsonNodeFactory.instance, new Fields());
    }

    private Fields positioned() {
      return (Fields) _children;
    }

    /** Adds or replaces a field; a replaced field keeps its place and takes the new position. */
    void put(String key, JsonNode value, long position) {
      positioned().put(key, value, position);
    }

    /** The position of {@code key}'s entry, or 0 when there is none. */
    long position(String key) {
      return positioned().position(key);
    }

    /**
     * The index of the field whose key is {@code text[from, to)} (a JSON Pointer segment, read
     * without cutting it out), or -1; see {@link #positionAt} and {@link #valueAt}.
     */
    int indexOf(String text, int from, int to) {
      return positioned().indexOf(text, from, to);
    }

    long positionAt(int index) {
      return positioned().positionAt(index);
    }

    JsonNode valueAt(int index) {
      return (JsonNode) positioned().kv[(index << 1) + 1];
    }

    /** The fields as a read-only map, in order (a view, not a copy). */
    Map<String, JsonNode> fieldView() {
      return Collections.unmodifiableMap(_children);
    }
  }

  /**
   * The fields of a mapping in the order written, each with its position: the {@link Map} behind an
   * {@link Obj}, with {@code LinkedHashMap}'s semantics (a replaced key keeps its place). Keys and
   * values alternate in one array; up to {@value #LINEAR} fields are found by a scan, more through
   * an open-addressing index that every change keeps up to date. A read never writes (the trees are
   * read by several threads at once, as Jackson's own nodes can be).
   */
  static final class Fields implements Map<String, JsonNode>, Serializable {
    private static final long serialVersionUID = 1L;
    private static final Object[] NONE = {};
    private static final int[] NO_POSITIONS = {};
    private static final int LINEAR = 8;

    /** Key at {@code 2i}, value at {@code 2i + 1}. */
    private Object[] kv = NONE;

    /**
     * Each field's position narrowed to {@code line << 11 | column} (lines below 2^20, columns
     * below 2^11: all but very long lines), or -1 with the position in {@link #wide}.
     */
    private int[] positions = NO_POSITIONS;

    /** The positions that do not narrow, by field; null while there are none. */
    private long[] wide;

    private int size;

    /**
     * Slots holding {@code index + 1} (0 = free), a power of two at least twice the size; null
     * while there are at most {@link #LINEAR} fields.
     */
    private int[] index;

    private static int narrow(long position) {
      int line = line(position);
      int column = column(position);
      return line >= 0 && line < 1 << 20 && column >= 0 && column < 1 << 11
          ? line << 11 | column
          : -1;
    }

    private void setPosition(int i, long position) {
      int narrow = narrow(position);
      if (narrow >= 0) {
        positions[i] = narrow;
        if (wide != null) {
          wide[i] = 0;
        }
      } else {
        if (wide == null) {
          wide = new long[positions.length];
        }
        positions[i] = -1;
        wide[i] = position;
      }
    }

    long positionAt(int i) {
      int p = positions[i];
      return p >= 0 ? pack(p >>> 11, p & 0x7ff) : wide[i];
    }

    private static int hash(Object key) {
      int h = key == null ? 0 : key.hashCode();
      return h ^ (h >>> 16);
    }

    private int indexOf(Object key) {
      if (size > LINEAR) {
        return hashed(key);
      }
      Object[] a = kv;
      int n = size << 1;
      if (key == null) {
        for (int i = 0; i < n; i += 2) {
          if (a[i] == null) {
            return i >> 1;
          }
        }
        return -1;
      }
      int h = key.hashCode();
      for (int i = 0; i < n; i += 2) {
        Object k = a[i];
        if (k == key || (k != null && k.hashCode() == h && key.equals(k))) {
          return i >> 1;
        }
      }
      return -1;
    }

    int indexOf(String text, int from, int to) {
      int length = to - from;
      if (size > LINEAR) {
        int h = 0;
        for (int i = from; i < to; i++) {
          h = 31 * h + text.charAt(i);
        }
        int[] t = index;
        int mask = t.length - 1;
        for (int s = (h ^ (h >>> 16)) & mask; ; s = (s + 1) & mask) {
          int at = t[s];
          if (at == 0) {
            return -1;
          }
          if (kv[(at - 1) << 1] instanceof String k
              && k.length() == length
              && text.regionMatches(from, k, 0, length)) {
            return at - 1;
          }
        }
      }
      Object[] a = kv;
      int n = size << 1;
      for (int i = 0; i < n; i += 2) {
        if (a[i] instanceof String k
            && k.length() == length
            && text.regionMatches(from, k, 0, length)) {
          return i >> 1;
        }
      }
      return -1;
    }

    private int hashed(Object key) {
      int[] t = index;
      int mask = t.length - 1;
      for (int s = hash(key) & mask; ; s = (s + 1) & mask) {
        int at = t[s];
        if (at == 0) {
          return -1;
        }
        Object k = kv[(at - 1) << 1];
        if (k == key || (key != null && key.equals(k))) {
          return at - 1;
        }
      }
    }

    private int[] rebuild() {
      int cap = Integer.highestOneBit(size * 2 - 1) << 1;
      int[] t = new int[cap];
      for (int i = 0; i < size; i++) {
        insert(t, i);
      }
      index = t;
      return t;
    }

    private void insert(int[] t, int i) {
      int mask = t.length - 1;
      int s = hash(kv[i << 1]) & mask;
      while (t[s] != 0) {
        s = (s + 1) & mask;
      }
      t[s] = i + 1;
    }

    JsonNode put(String key, JsonNode value, long position) {
      int i = indexOf(key);
      if (i >= 0) {
        JsonNode old = (JsonNode) kv[(i << 1) + 1];
        kv[(i << 1) + 1] = value;
        setPosition(i, position);
        return old;
      }
      if (size == positions.length) {
        int cap = size == 0 ? 2 : size * 2;
        kv = Arrays.copyOf(kv, cap * 2);
        positions = Arrays.copyOf(positions, cap);
        if (wide != null) {
          wide = Arrays.copyOf(wide, cap);
        }
      }
      kv[size << 1] = key;
      kv[(size << 1) + 1] = value;
      setPosition(size, position);
      size++;
      int[] t = index;
      if (t != null && size * 2 <= t.length) {
        insert(t, size - 1);
      } else if (size > LINEAR) {
        rebuild();
      }
      return null;
    }

    long position(Object key) {
      int i = indexOf(key);
      return i < 0 ? 0 : positionAt(i);
    }

    private void removeAt(int i) {
      int tail = size - i - 1;
      System.arraycopy(kv, (i + 1) << 1, kv, i << 1, tail << 1);
      System.arraycopy(positions, i + 1, positions, i, tail);
      if (wide != null) {
        System.arraycopy(wide, i + 1, wide, i, tail);
      }
      size--;
      kv[size << 1] = null;
      kv[(size << 1) + 1] = null;
      positions[size] = 0;
      if (wide != null) {
        wide[size] = 0;
      }
      index = null;
      if (size > LINEAR) {
        rebuild();
      }
    }

    @Override
    public int size() {
      return size;
    }

    @Override
    public boolean isEmpty() {
      return size == 0;
    }

    @Override
    public boolean containsKey(Object key) {
      return indexOf(key) >= 0;
    }

    @Override
    public boolean containsValue(Object value) {
      for (int i = 0; i < size; i++) {
        if (Objects.equals(value, kv[(i << 1) + 1])) {
          return true;
        }
      }
      return false;
    }

    @Override
    public JsonNode get(Object key) {
      int i = indexOf(key);
      return i < 0 ? null : (JsonNode) kv[(i << 1) + 1];
    }

    /** A field added through the {@link Map} (not read from a file) has no position. */
    @Override
    public JsonNode put(String key, JsonNode value) {
      int i = indexOf(key);
      if (i >= 0) {
        JsonNode old = (JsonNode) kv[(i << 1) + 1];
        kv[(i << 1) + 1] = value;
        return old;
      }
      return put(key, value, 0);
    }

    @Override
    public JsonNode remove(Object key) {
      int i = indexOf(key);
      if (i < 0) {
        return null;
      }
      JsonNode old = (JsonNode) kv[(i << 1) + 1];
      removeAt(i);
      return old;
    }

    @Override
    public void putAll(Map<? extends String, ? extends JsonNode> m) {
      for (Map.Entry<? extends String, ? extends JsonNode> e : m.entrySet()) {
        put(e.getKey(), e.getValue());
      }
    }

    @Override
    public void clear() {
      kv = NONE;
      positions = NO_POSITIONS;
      wide = null;
      size = 0;
      index = null;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super JsonNode> action) {
      int n = size;
      for (int i = 0; i < n; i++) {
        if (size != n) {
          throw new ConcurrentModificationException();
        }
        action.accept((String) kv[i << 1], (JsonNode) kv[(i << 1) + 1]);
      }
    }

    @Override
    public Set<String> keySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<String> iterator() {
          return new Cursor<>() {
            @Override
            String at(int i) {
              return (String) kv[i << 1];
            }
          };
        }

        @Override
        public int size() {
          return size;
        }

        @Override
        public boolean contains(Object o) {
          return containsKey(o);
        }

        @Override
        public boolean remove(Object o) {
          int i = indexOf(o);
          if (i < 0) {
            return false;
          }
          removeAt(i);
          return true;
        }

        @Override
        public void clear() {
          Fields.this.clear();
        }
      };
    }

    @Override
    public Collection<JsonNode> values() {
      return new AbstractCollection<>() {
        @Override
        public Iterator<JsonNode> iterator() {
          return new Cursor<>() {
            @Override
            JsonNode at(int i) {
              return (JsonNode) kv[(i << 1) + 1];
            }
          };
        }

        @Override
        public int size() {
          return size;
        }

        @Override
        public void clear() {
          Fields.this.clear();
        }
      };
    }

    @Override
    public Set<Map.Entry<String, JsonNode>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Map.Entry<String, JsonNode>> iterator() {
          return new Cursor<>() {
            @Override
            Map.Entry<String, JsonNode> at(int i) {
              return new Field(i);
            }
          };
        }

        @Override
        public int size() {
          return size;
        }

        @Override
        public boolean contains(Object o) {
          if (!(o instanceof Map.Entry<?, ?> e)) {
            return false;
          }
          int i = indexOf(e.getKey());
          return i >= 0 && Objects.equals(kv[(i << 1) + 1], e.getValue());
        }

        @Override
        public boolean remove(Object o) {
          if (!contains(o)) {
            return false;
          }
          removeAt(indexOf(((Map.Entry<?, ?>) o).getKey()));
          return true;
        }

        @Override
        public void clear() {
          Fields.this.clear();
        }
      };
    }

    /** Iterates the fields in order; {@link #remove} removes the field last returned. */
    private abstract class Cursor<T> implements Iterator<T> {
      private int next;
      private int last = -1;
      private int expected = size;

      abstract T at(int i);

      @Override
      public boolean hasNext() {
        return next < size;
      }

      @Override
      public T next() {
        if (size != expected) {
          throw new ConcurrentModificationException();
        }
        if (next >= size) {
          throw new NoSuchElementException();
        }
        last = next++;
        return at(last);
      }

      @Override
      public void remove() {
        if (last < 0) {
          throw new IllegalStateException();
        }
        if (size != expected) {
          throw new ConcurrentModificationException();
        }
        removeAt(last);
        next = last;
        last = -1;
        expected = size;
      }
    }

    /** One field, writing through to the map like a {@code LinkedHashMap} entry. */
    private final class Field implements Map.Entry<String, JsonNode> {
      private final int i;
      private final String key;

      Field(int i) {
        this.i = i;
        this.key = (String) kv[i << 1];
      }

      @Override
      public String getKey() {
        return key;
      }

      /** This field's place now (a removal before it moves it). */
      private int at() {
        int j = i < size && kv[i << 1] == key ? i : indexOf(key);
        if (j < 0) {
          throw new IllegalStateException("the field " + key + " was removed");
        }
        return j;
      }

      @Override
      public JsonNode getValue() {
        return (JsonNode) kv[(at() << 1) + 1];
      }

      @Override
      public JsonNode setValue(JsonNode value) {
        int j = at();
        JsonNode old = (JsonNode) kv[(j << 1) + 1];
        kv[(j << 1) + 1] = value;
        return old;
      }

      @Override
      public boolean equals(Object o) {
        return o instanceof Map.Entry<?, ?> e
            && Objects.equals(key, e.getKey())
            && Objects.equals(getValue(), e.getValue());
      }

      @Override
      public int hashCode() {
        return Objects.hashCode(key) ^ Objects.hashCode(getValue());
      }

      @Override
      public String toString() {
        return key + "=" + getValue();
      }
    }

    @Override
    public boolean equals(Object o) {
      if (o == this) {
        return true;
      }
      if (!(o instanceof Map<?, ?> m) || m.size() != size) {
        return false;
      }
      for (int i = 0; i < size; i++) {
        Object k = kv[i << 1];
        Object v = kv[(i << 1) + 1];
        if (v == null ? !(m.get(k) == null && m.containsKey(k)) : !v.equals(m.get(k))) {
          return false;
        }
      }
      return true;
    }

    @Override
    public int hashCode() {
      int h = 0;
      for (int i = 0; i < size; i++) {
        h += Objects.hashCode(kv[i << 1]) ^ Objects.hashCode(kv[(i << 1) + 1]);
      }
      return h;
    }

    @Override
    public String toString() {
      StringBuilder b = new StringBuilder("{");
      for (int i = 0; i < size; i++) {
        b.append(i == 0 ? "" : ", ").append(kv[i << 1]).append('=').append(kv[(i << 1) + 1]);
      }
      return b.append('}').toString();
    }
  }

  /** A sequence; each item's position is where the item starts. */
  static final class Arr extends ArrayNode {
    private static final long serialVersionUID = 1L;
    private long[] positions = new long[2];

    Arr() {
      super(JsonNodeFactory.instance, 2);
    }

    void add(JsonNode value, long position) {
      int i = size();
      _add(value);
      if (i == positions.length) {
        positions = Arrays.copyOf(positions, i * 2);
      }
      positions[i] = position;
    }

    long position(int index) {
      return index >= 0 && index < size() ? positions[index] : 0;
    }
  }
}
