package dev.wsingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;

/**
 * Jackson containers that also remember where each child was written: a packed position ({@code
 * line << 32 | column}, both from 1, physical lines of the file) per child, in the children's
 * order. Readers see plain {@link ObjectNode}s and {@link ArrayNode}s; {@link Manifest#source} asks
 * these for positions. One array per container, no map per entry.
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
    private long[] positions = new long[4];
    private int size;

    Obj() {
      super(JsonNodeFactory.instance);
    }

    /** Adds or replaces a field; a replaced field keeps its place and takes the new position. */
    void put(String key, JsonNode value, long position) {
      if (_children.put(key, value) == null) {
        if (size == positions.length) {
          positions = Arrays.copyOf(positions, size * 2);
        }
        positions[size++] = position;
      } else {
        int i = indexOf(key);
        positions[i] = position;
      }
    }

    /** The position of {@code key}'s entry, or 0 when there is none. */
    long position(String key) {
      if (!_children.containsKey(key)) {
        return 0;
      }
      return positions[indexOf(key)];
    }

    private int indexOf(String key) {
      int i = 0;
      for (String k : _children.keySet()) {
        if (k.equals(key)) {
          return i;
        }
        i++;
      }
      return -1;
    }
  }

  /** A sequence; each item's position is where the item starts. */
  static final class Arr extends ArrayNode {
    private static final long serialVersionUID = 1L;
    private long[] positions = new long[4];

    Arr() {
      super(JsonNodeFactory.instance);
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
