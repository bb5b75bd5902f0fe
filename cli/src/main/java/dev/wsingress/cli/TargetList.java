package dev.wsingress.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wsingress.Target;
import dev.wsingress.Version;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;

/** The table (or JSON) of {@code wsingress targets}. */
final class TargetList {
  private TargetList() {}

  /** One target's row. */
  private record Row(
      String id, String name, List<String> versions, String version, List<String> kinds) {}

  static String write(List<Target> discovered, boolean json) {
    TargetCatalog catalog = new TargetCatalog(discovered, new TargetOptions().flags());
    List<Row> rows = new ArrayList<>();
    for (Target t : catalog.all()) {
      List<String> kinds = new ArrayList<>();
      for (Class<? extends HasMetadata> type : t.resourceTypes()) {
        String kind = HasMetadata.getApiVersion(type) + " " + HasMetadata.getKind(type);
        if (!kinds.contains(kind)) {
          kinds.add(kind);
        }
      }
      rows.add(
          new Row(
              t.id(),
              t.displayName(),
              t.versions().stream().map(Version::toString).toList(),
              t.version().map(Version::toString).orElse(null),
              kinds));
    }
    return json ? json(rows) : table(rows);
  }

  private static String table(List<Row> rows) {
    int id = "TARGET".length();
    int name = "NAME".length();
    int versions = "VERSIONS".length();
    for (Row r : rows) {
      id = Math.max(id, r.id().length());
      name = Math.max(name, r.name().length());
      versions = Math.max(versions, versions(r).length());
    }
    StringBuilder b = new StringBuilder();
    line(b, "TARGET", id, "NAME", name, "VERSIONS", versions, "KINDS");
    for (Row r : rows) {
      // The table names kinds only (json has their apiVersions): one kind in two versions once.
      List<String> kinds =
          r.kinds().stream().map(k -> k.substring(k.indexOf(' ') + 1)).distinct().toList();
      line(b, r.id(), id, r.name(), name, versions(r), versions, String.join(", ", kinds));
    }
    return b.toString();
  }

  private static String versions(Row r) {
    if (r.versions().isEmpty()) {
      return "-";
    }
    List<String> v = r.versions();
    return v.size() == 1 ? v.get(0) : v.get(0) + "-" + v.get(v.size() - 1);
  }

  private static void line(
      StringBuilder b, String a, int wa, String n, int wn, String v, int wv, String k) {
    b.append(pad(a, wa)).append("   ").append(pad(n, wn)).append("   ").append(pad(v, wv));
    b.append("   ").append(k).append('\n');
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(width - s.length());
  }

  private static String json(List<Row> rows) {
    ArrayNode all = JsonNodeFactory.instance.arrayNode();
    for (Row r : rows) {
      ObjectNode o = all.addObject();
      o.put("id", r.id());
      o.put("name", r.name());
      ArrayNode versions = o.putArray("versions");
      r.versions().forEach(versions::add);
      if (r.version() != null) {
        o.put("defaultVersion", r.version());
      }
      ArrayNode kinds = o.putArray("kinds");
      for (String k : r.kinds()) {
        ObjectNode kind = kinds.addObject();
        kind.put("apiVersion", k.substring(0, k.indexOf(' ')));
        kind.put("kind", k.substring(k.indexOf(' ') + 1));
      }
    }
    return Json.write(all);
  }
}
