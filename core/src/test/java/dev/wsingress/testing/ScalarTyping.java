package dev.wsingress.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wsingress.Finding;
import dev.wsingress.Yaml;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Checks that every string field of an object, as {@link Yaml#write} writes it, reads back as a
 * string in go-yaml v2 (kubectl, the API server) and in YAML 1.1 readers ({@link YamlResolvers}):
 * every plain scalar whose field is a string in the object, and every mapping key.
 *
 * <pre>{@code
 * assertThat(ScalarTyping.problems(rendering.objects())).isEmpty();
 * }</pre>
 */
public final class ScalarTyping {
  private ScalarTyping() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Every plain string scalar some reader would type otherwise, as {@code subject path: why}. */
  public static List<String> problems(Collection<? extends HasMetadata> objects) {
    List<String> out = new ArrayList<>();
    for (HasMetadata o : objects) {
      String yaml = Yaml.write(List.of(o));
      Node root = new org.yaml.snakeyaml.Yaml(new LoaderOptions()).compose(new StringReader(yaml));
      walk(root, JSON.valueToTree(o), Finding.subjectOf(o), "", out);
    }
    return out;
  }

  private static void walk(Node y, JsonNode j, String subject, String path, List<String> out) {
    if (y instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        if (!(t.getKeyNode() instanceof ScalarNode k)) {
          out.add(subject + " " + path + ": a non-scalar mapping key");
          continue;
        }
        String key = k.getValue();
        check(k, subject, path + "{" + key + "}", out);
        walk(t.getValueNode(), j == null ? null : j.get(key), subject, path + "." + key, out);
      }
    } else if (y instanceof SequenceNode s) {
      List<Node> items = s.getValue();
      for (int i = 0; i < items.size(); i++) {
        walk(items.get(i), j == null ? null : j.get(i), subject, path + "[" + i + "]", out);
      }
    } else if (y instanceof ScalarNode s && j != null && j.isTextual()) {
      check(s, subject, path, out);
      if (!s.getValue().equals(j.textValue())) {
        out.add(subject + " " + path + ": written " + s.getValue() + " for " + j.textValue());
      }
    }
  }

  private static void check(ScalarNode s, String subject, String path, List<String> out) {
    if (s.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN) {
      return;
    }
    String v = s.getValue();
    String go = YamlResolvers.goYamlV2(v);
    Map<String, String> yaml11 = YamlResolvers.yaml11(v);
    if (!go.equals(YamlResolvers.STR) || !yaml11.isEmpty()) {
      out.add(
          subject
              + " "
              + path
              + ": plain "
              + v
              + " reads as go-yaml v2 "
              + go
              + ", YAML 1.1 "
              + yaml11);
    }
  }
}
