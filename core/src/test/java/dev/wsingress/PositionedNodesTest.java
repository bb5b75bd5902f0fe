package dev.wsingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A mapping's compact field map behaves as the {@code LinkedHashMap} it replaces. */
class PositionedNodesTest {
  @Test
  void fieldsFollowLinkedHashMapThroughRandomEdits() {
    Random random = new Random(42);
    for (int round = 0; round < 200; round++) {
      PositionedNodes.Obj obj = new PositionedNodes.Obj();
      ObjectNode plain = JsonNodeFactory.instance.objectNode();
      Map<String, Long> positions = new LinkedHashMap<>();
      int keys = 1 + random.nextInt(30);
      for (int step = 0; step < 60; step++) {
        String key = "k" + random.nextInt(keys);
        JsonNode value = IntNode.valueOf(random.nextInt(5));
        switch (random.nextInt(6)) {
          case 0, 1, 2 -> {
            // now and then a position too wide for the narrow form: a long line or a huge file
            long at =
                random.nextInt(4) == 0
                    ? PositionedNodes.pack(step + (1 << 20), round + 1)
                    : PositionedNodes.pack(step + 1, random.nextBoolean() ? 2047 : 2048 + round);
            obj.put(new String(key), value, at);
            plain.set(key, value);
            positions.put(key, at);
          }
          case 3 -> {
            obj.remove(key);
            plain.remove(key);
            positions.remove(key);
          }
          case 4 -> {
            Iterator<Map.Entry<String, JsonNode>> it = obj.properties().iterator();
            while (it.hasNext()) {
              if (it.next().getKey().equals(key)) {
                it.remove();
              }
            }
            plain.remove(key);
            positions.remove(key);
          }
          default -> {
            obj.set(key, value);
            plain.set(key, value);
            positions.putIfAbsent(key, 0L);
          }
        }
        assertThat(obj).isEqualTo(plain);
        assertThat(plain).isEqualTo(obj);
        assertThat(obj.hashCode()).isEqualTo(plain.hashCode());
        assertThat(obj.toString()).isEqualTo(plain.toString());
        assertThat(names(obj)).isEqualTo(names(plain));
        for (int k = 0; k < keys; k++) {
          String name = "k" + k;
          assertThat(obj.get(name)).isEqualTo(plain.get(name));
          assertThat(obj.has(name)).isEqualTo(plain.has(name));
          assertThat(obj.position(name)).isEqualTo(positions.getOrDefault(name, 0L));
        }
      }
    }
  }

  /**
   * Threads read one tree at once (several doctors checking one input): a lookup must not build
   * anything, so a mapping's index exists, complete, as soon as it has more fields than a scan
   * reads, and a lookup leaves it as it was.
   */
  @Test
  void aLookupNeverWritesTheIndexIsKeptByEveryChange() throws Exception {
    java.lang.reflect.Field index = PositionedNodes.Fields.class.getDeclaredField("index");
    index.setAccessible(true);
    PositionedNodes.Fields fields = new PositionedNodes.Fields();
    for (int i = 0; i < 40; i++) {
      fields.put("k" + i, IntNode.valueOf(i), PositionedNodes.pack(i + 1, 1));
      Object before = index.get(fields);
      assertThat(before == null).as("index after %d fields", i + 1).isEqualTo(i + 1 <= 8);
      for (int j = 0; j <= i; j++) {
        assertThat(fields.get("k" + j)).isEqualTo(IntNode.valueOf(j));
      }
      assertThat(fields.get("absent")).isNull();
      assertThat(index.get(fields)).isSameAs(before);
    }
    fields.remove("k3");
    Object after = index.get(fields);
    assertThat(after).isNotNull();
    assertThat(fields.get("k39")).isEqualTo(IntNode.valueOf(39));
    assertThat(fields.containsKey("k3")).isFalse();
    assertThat(index.get(fields)).isSameAs(after);
  }

  @Test
  void aReplacedFieldKeepsItsPlaceAndTakesTheNewPosition() {
    PositionedNodes.Obj obj = new PositionedNodes.Obj();
    obj.put("a", TextNode.valueOf("1"), PositionedNodes.pack(1, 1));
    obj.put("b", TextNode.valueOf("2"), PositionedNodes.pack(2, 1));
    obj.put("a", TextNode.valueOf("3"), PositionedNodes.pack(3, 1));
    assertThat(names(obj)).containsExactly("a", "b");
    assertThat(obj.get("a").asText()).isEqualTo("3");
    assertThat(obj.position("a")).isEqualTo(PositionedNodes.pack(3, 1));
    assertThat(obj.position("missing")).isZero();
  }

  @Test
  void entriesWriteThroughAndIteratorsFailOnConcurrentAdds() {
    PositionedNodes.Obj obj = new PositionedNodes.Obj();
    for (int i = 0; i < 12; i++) {
      obj.put("k" + i, IntNode.valueOf(i), PositionedNodes.pack(i + 1, 1));
    }
    for (Map.Entry<String, JsonNode> e : obj.properties()) {
      e.setValue(IntNode.valueOf(e.getValue().asInt() * 10));
    }
    assertThat(obj.get("k11").asInt()).isEqualTo(110);
    assertThat(obj.position("k11")).isEqualTo(PositionedNodes.pack(12, 1));
    Iterator<String> names = obj.fieldNames();
    names.next();
    obj.put("new", IntNode.valueOf(0), 0);
    assertThatThrownBy(names::next).isInstanceOf(ConcurrentModificationException.class);
  }

  @Test
  void aPointerSegmentFindsItsFieldInPlaceInSmallAndHashedMappings() {
    for (int fields : new int[] {3, 20}) {
      PositionedNodes.Obj obj = new PositionedNodes.Obj();
      for (int i = 0; i < fields; i++) {
        obj.put("k" + i + "é", IntNode.valueOf(i), PositionedNodes.pack(i + 1, 2));
      }
      String pointer = "/spec/k2é/k" + (fields - 1) + "é/k/k2";
      int at = obj.indexOf(pointer, 6, 9);
      assertThat(at).isEqualTo(2);
      assertThat(obj.valueAt(at).asInt()).isEqualTo(2);
      assertThat(obj.positionAt(at)).isEqualTo(obj.position("k2é"));
      int last = obj.indexOf(pointer, 10, pointer.indexOf('/', 10));
      assertThat(obj.valueAt(last).asInt()).isEqualTo(fields - 1);
      assertThat(obj.indexOf(pointer, pointer.lastIndexOf("/k/") + 1, pointer.lastIndexOf('/')))
          .isEqualTo(-1);
      assertThat(obj.indexOf(pointer, pointer.length() - 2, pointer.length())).isEqualTo(-1);
      assertThat(obj.indexOf(pointer, 1, 1)).isEqualTo(-1);
    }
  }

  private static List<String> names(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
