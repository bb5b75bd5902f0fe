package dev.wsingress;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Deterministic YAML for Kubernetes objects, and the way back.
 *
 * <p>Writing: one document per object, each starting with {@code ---}; objects ordered by kind
 * (namespaces and configuration before workloads, routes and custom resources last), then namespace
 * and name; map keys (annotations, labels, data) sorted; nulls and empty collections left out;
 * strings that would read as numbers or booleans ({@code "3600"}, {@code "true"}, {@code "off"})
 * quoted. The same objects always give the same bytes.
 *
 * <p>Reading: multi-document YAML back into typed fabric8 objects, for the kinds core knows and the
 * {@link Target#resourceTypes() types} of every target on the class path; other kinds come back as
 * {@link GenericKubernetesResource}.
 *
 * <pre>{@code
 * String yaml = Yaml.write(rendering.objects());
 * List<HasMetadata> again = Yaml.read(yaml);
 * }</pre>
 */
public final class Yaml {
  private Yaml() {}

  static final ObjectMapper MAPPER = createMapper();
  private static final ObjectWriter WRITER = MAPPER.writer();

  /** The fixed output order: built-in kinds, then other kinds by group and kind; then names. */
  static final Comparator<HasMetadata> ORDER = new ObjectOrder();

  private static volatile Map<String, Class<? extends HasMetadata>> registry;

  private static ObjectMapper createMapper() {
    YAMLFactory factory =
        YAMLFactory.builder()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build();
    ObjectMapper mapper = new ObjectMapper(factory);
    mapper.setDefaultPropertyInclusion(
        JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY, JsonInclude.Include.NON_EMPTY));
    mapper.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    return mapper;
  }

  /** Writes the objects in the fixed order as multi-document YAML. */
  public static String write(Collection<? extends HasMetadata> objects) {
    List<HasMetadata> sorted = new ArrayList<>(objects);
    sorted.sort(ORDER);
    StringBuilder b = new StringBuilder(1024 * sorted.size());
    for (HasMetadata o : sorted) {
      try {
        b.append(WRITER.writeValueAsString(o));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot write " + Finding.subjectOf(o) + " as YAML", e);
      }
    }
    return b.toString();
  }

  /**
   * Reads multi-document YAML into typed objects.
   *
   * @throws IllegalArgumentException when the text is not YAML, or a document has no apiVersion or
   *     kind
   */
  public static List<HasMetadata> read(String yaml) {
    if (yaml == null) {
      throw new IllegalArgumentException("yaml is null");
    }
    Map<String, Class<? extends HasMetadata>> types = registry();
    List<HasMetadata> out = new ArrayList<>();
    try (MappingIterator<JsonNode> docs = MAPPER.readerFor(JsonNode.class).readValues(yaml)) {
      int index = 0;
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        index++;
        if (doc == null || doc.isNull() || doc.isMissingNode()) {
          continue;
        }
        String apiVersion = doc.path("apiVersion").asText("");
        String kind = doc.path("kind").asText("");
        if (apiVersion.isEmpty() || kind.isEmpty()) {
          throw new IllegalArgumentException(
              "document " + index + " has no apiVersion or kind: every object needs both");
        }
        Class<? extends HasMetadata> type =
            types.getOrDefault(apiVersion + "/" + kind, GenericKubernetesResource.class);
        out.add(MAPPER.treeToValue(doc, type));
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the YAML: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      if (e instanceof IllegalArgumentException) {
        throw e;
      }
      throw new IllegalArgumentException("cannot read the YAML: " + e.getMessage(), e);
    }
    return out;
  }

  private static Map<String, Class<? extends HasMetadata>> registry() {
    Map<String, Class<? extends HasMetadata>> r = registry;
    if (r == null) {
      synchronized (Yaml.class) {
        r = registry;
        if (r == null) {
          Map<String, Class<? extends HasMetadata>> m = new HashMap<>();
          for (Class<? extends HasMetadata> c :
              List.of(
                  Namespace.class,
                  ServiceAccount.class,
                  Secret.class,
                  ConfigMap.class,
                  Service.class,
                  Pod.class)) {
            register(m, c);
          }
          for (Target t : Target.discover()) {
            t.resourceTypes().forEach(c -> register(m, c));
          }
          registry = r = Map.copyOf(m);
        }
      }
    }
    return r;
  }

  private static void register(
      Map<String, Class<? extends HasMetadata>> m, Class<? extends HasMetadata> type) {
    m.put(HasMetadata.getApiVersion(type) + "/" + HasMetadata.getKind(type), type);
  }
}
