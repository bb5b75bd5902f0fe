package dev.wsingress;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One Kubernetes object as it was read: its JSON tree, where it is, and where each of its fields
 * is. Target readers work on {@link #tree()}; {@link #as(Class)} gives a typed fabric8 view when a
 * reader wants one (it costs a conversion).
 *
 * <p>The tree holds what the API server would receive: plain scalars are typed as kubectl's YAML
 * reader types them, so {@code proxy-read-timeout: 3600} is an {@link
 * com.fasterxml.jackson.databind.node.IntNode} (which the API server refuses in an annotation) and
 * {@code "3600"} a {@link com.fasterxml.jackson.databind.node.TextNode}; {@code on} and {@code yes}
 * are booleans; {@code 0o17} is 15; {@code 12:30} and timestamps stay strings. Treat the tree as
 * read-only: positions are kept per container, and aliases share nodes.
 *
 * <pre>{@code
 * for (Manifest m : manifests.objects("Ingress")) {
 *   JsonNode timeout = m.annotations().get("nginx.ingress.kubernetes.io/proxy-read-timeout");
 *   Source at = m.annotationSource("nginx.ingress.kubernetes.io/proxy-read-timeout");
 *   boolean refused = m.tree().at("/metadata/annotations").path("x").isInt();
 *   Ingress typed = m.as(Ingress.class);
 * }
 * }</pre>
 */
public final class Manifest {
  private final String file;
  private final String sourceFile;
  private final int lineShift;
  private final ObjectNode tree;
  private final long position;
  private final int ordinal;
  private final String apiVersion;
  private final String kind;
  private final String group;
  private final String name;
  private final String namespace;
  // Kept once asked for (several readers ask for each object's): the tree is read-only. Volatile:
  // threads checking the same input at once see whole values (computing one twice is harmless).
  private volatile Object typed;
  private volatile Optional<ObjectNode> podTemplate;
  private volatile Map<String, JsonNode> annotations;
  private volatile Map<String, JsonNode> labels;
  private volatile java.util.OptionalInt preStopSleep;

  Manifest(
      String file,
      String sourceFile,
      int lineShift,
      ObjectNode tree,
      long position,
      int ordinal,
      String apiVersion,
      String kind) {
    this.file = file;
    this.sourceFile = sourceFile;
    this.lineShift = lineShift;
    this.tree = tree;
    this.position = position;
    this.ordinal = ordinal;
    this.apiVersion = apiVersion == null ? "" : apiVersion;
    this.kind = kind;
    int slash = this.apiVersion.indexOf('/');
    this.group = slash < 0 ? "" : this.apiVersion.substring(0, slash);
    JsonNode meta = tree.path("metadata");
    this.name = text(meta.get("name"));
    this.namespace = text(meta.get("namespace"));
  }

  private static String text(JsonNode n) {
    return n != null && n.isValueNode() && !n.isNull() ? n.asText() : "";
  }

  /** The apiVersion, such as {@code networking.k8s.io/v1} or {@code v1}. */
  public String apiVersion() {
    return apiVersion;
  }

  /** The API group: {@code networking.k8s.io}, or empty for the core group ({@code v1}). */
  public String group() {
    return group;
  }

  /** The kind, such as {@code Ingress}. */
  public String kind() {
    return kind;
  }

  /** {@code metadata.name}, or empty when it has none. */
  public String name() {
    return name;
  }

  /**
   * {@code metadata.namespace} as written, or empty when the object does not say (it then lands in
   * whatever namespace it is applied to; lookups treat it as matching any namespace).
   */
  public String namespace() {
    return namespace;
  }

  /** {@code Kind namespace/name}, or {@code Kind name} without a namespace: a finding's subject. */
  public String subject() {
    return kind + " " + (namespace.isEmpty() ? name : namespace + "/" + name);
  }

  /** The file this object was read from, as the input named it (Helm templates aside). */
  public String file() {
    return file;
  }

  /** The whole object as a JSON tree; read-only. */
  public ObjectNode tree() {
    return tree;
  }

  /** Where the object starts (its first field, or its list item). */
  public Source source() {
    return source(position);
  }

  /**
   * Where the field at the JSON pointer ({@code /spec/rules/0/host}; {@code ~1} for a {@code /} in
   * a key) was written: its key for a mapping entry, its start for a list item. When the pointer
   * goes past what exists, the deepest existing field's position; the object's for {@code ""}.
   */
  public Source source(String pointer) {
    if (pointer == null
        || pointer.isEmpty()
        || pointer.charAt(0) != '/'
        || pointer.indexOf('~') >= 0) {
      return sourceByJsonPointer(pointer);
    }
    // The common pointer (no escapes) walked in place: readers ask for a source per route and
    // field, and JsonPointer.compile builds an object and a string per segment.
    JsonNode node = tree;
    long best = position;
    int from = 1;
    while (true) {
      int slash = pointer.indexOf('/', from);
      int to = slash < 0 ? pointer.length() : slash;
      long at = 0;
      JsonNode next = null;
      if (node instanceof PositionedNodes.Obj o) {
        int field = o.indexOf(pointer, from, to);
        if (field >= 0) {
          at = o.positionAt(field);
          next = o.valueAt(field);
        }
      } else if (node instanceof PositionedNodes.Arr a) {
        int index = index(pointer, from, to);
        if (index >= 0) {
          at = a.position(index);
          next = a.get(index);
        }
      }
      if (next == null || at == 0) {
        break;
      }
      best = at;
      node = next;
      if (slash < 0) {
        break;
      }
      from = slash + 1;
    }
    return source(best);
  }

  /**
   * The segment {@code pointer[from, to)} as an array index the way {@link
   * JsonPointer#getMatchingIndex()} reads it (jackson-core 2.22 JsonPointer._parseIndex: digits
   * only, no leading zero, at most {@link Integer#MAX_VALUE}), or -1.
   */
  static int index(String pointer, int from, int to) {
    int len = to - from;
    if (len == 0 || len > 10) {
      return -1;
    }
    char c = pointer.charAt(from);
    if (c <= '0') {
      return len == 1 && c == '0' ? 0 : -1;
    }
    long value = 0;
    for (int i = from; i < to; i++) {
      c = pointer.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value > Integer.MAX_VALUE ? -1 : (int) value;
  }

  /** {@link #source(String)} through Jackson's {@link JsonPointer} (escapes, bad pointers). */
  Source sourceByJsonPointer(String pointer) {
    JsonPointer p = JsonPointer.compile(pointer);
    JsonNode node = tree;
    long best = position;
    while (!p.matches()) {
      long at = 0;
      JsonNode next = null;
      if (node instanceof PositionedNodes.Obj o) {
        String key = p.getMatchingProperty();
        at = o.position(key);
        next = o.get(key);
      } else if (node instanceof PositionedNodes.Arr a && p.getMatchingIndex() >= 0) {
        at = a.position(p.getMatchingIndex());
        next = a.get(p.getMatchingIndex());
      }
      if (next == null || at == 0) {
        break;
      }
      best = at;
      node = next;
      p = p.tail();
    }
    return source(best);
  }

  /** Where {@code key} of the mapping {@code container} (a node of this tree) was written. */
  public Source source(JsonNode container, String key) {
    long at = container instanceof PositionedNodes.Obj o ? o.position(key) : 0;
    return source(at == 0 ? position : at);
  }

  /** Where item {@code index} of the sequence {@code container} (a node of this tree) starts. */
  public Source source(JsonNode container, int index) {
    long at = container instanceof PositionedNodes.Arr a ? a.position(index) : 0;
    return source(at == 0 ? position : at);
  }

  private Source source(long packed) {
    return new Source(
        sourceFile,
        Math.max(1, PositionedNodes.line(packed) - lineShift),
        Math.max(1, PositionedNodes.column(packed)));
  }

  /**
   * The annotations as written, each value a node of the tree (a {@code TextNode} when the input
   * quoted it or it reads as a string; an {@code IntNode} or {@code BooleanNode} when it does not,
   * which the API server refuses). Empty when there are none.
   */
  public Map<String, JsonNode> annotations() {
    Map<String, JsonNode> a = annotations;
    if (a == null) {
      annotations = a = map("annotations");
    }
    return a;
  }

  /** The labels as written (values as nodes, as with {@link #annotations()}). */
  public Map<String, JsonNode> labels() {
    Map<String, JsonNode> l = labels;
    if (l == null) {
      labels = l = map("labels");
    }
    return l;
  }

  private Map<String, JsonNode> map(String field) {
    JsonNode m = tree.path("metadata").path(field);
    if (!m.isObject() || m.isEmpty()) {
      return Map.of();
    }
    if (m instanceof PositionedNodes.Obj o) {
      // a read-only view of the mapping's own fields (same order, same nodes): no copy
      return o.fieldView();
    }
    Map<String, JsonNode> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = m.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), e.getValue());
    }
    return Collections.unmodifiableMap(out);
  }

  /** The annotation's value as text (a number or boolean as written), if the object has it. */
  public Optional<String> annotation(String key) {
    JsonNode v = key == null ? null : annotations().get(key);
    return v == null || v.isNull() || !v.isValueNode() ? Optional.empty() : Optional.of(v.asText());
  }

  /** Where the annotation {@code key} was written (the object's start when it has none). */
  public Source annotationSource(String key) {
    return source(tree.path("metadata").path("annotations"), key);
  }

  /** The label's value as text, if the object has it. */
  public Optional<String> label(String key) {
    JsonNode v = key == null ? null : labels().get(key);
    return v == null || v.isNull() || !v.isValueNode() ? Optional.empty() : Optional.of(v.asText());
  }

  /**
   * The pod template of a workload: the object whose {@code metadata.labels} and {@code spec} are
   * its pods' — {@code spec.template} of a Deployment, StatefulSet, DaemonSet, ReplicaSet, Job or
   * ReplicationController, {@code spec.jobTemplate.spec.template} of a CronJob, the Pod itself.
   * Empty for other kinds.
   */
  public Optional<ObjectNode> podTemplate() {
    Optional<ObjectNode> t = podTemplate;
    if (t == null) {
      podTemplate = t = findPodTemplate();
    }
    return t;
  }

  private Optional<ObjectNode> findPodTemplate() {
    JsonNode t;
    switch (group.isEmpty() ? kind : group + "/" + kind) {
      case "Pod":
        return Optional.of(tree);
      case "ReplicationController":
      case "apps/Deployment":
      case "apps/StatefulSet":
      case "apps/DaemonSet":
      case "apps/ReplicaSet":
      case "batch/Job":
        t = tree.path("spec").path("template");
        break;
      case "batch/CronJob":
        t = tree.path("spec").path("jobTemplate").path("spec").path("template");
        break;
      default:
        return Optional.empty();
    }
    return t.isObject() ? Optional.of((ObjectNode) t) : Optional.empty();
  }

  /**
   * The longest sleep of the pod's containers' preStop hooks in seconds (the {@code sleep} action,
   * or {@code sleep N} in an exec command, as core's drain rules read it), empty when no container
   * has a hook of known length. For mesh and platform readers that compare it with their own
   * timings.
   */
  public java.util.OptionalInt preStopSleepSeconds() {
    java.util.OptionalInt s = preStopSleep;
    if (s == null) {
      preStopSleep = s = findPreStopSleepSeconds();
    }
    return s;
  }

  private java.util.OptionalInt findPreStopSleepSeconds() {
    ObjectNode template = podTemplate().orElse(null);
    int best = -1;
    if (template != null) {
      for (JsonNode c : template.path("spec").path("containers")) {
        JsonNode preStop = c.path("lifecycle").path("preStop");
        if (preStop.isObject()) {
          best = Math.max(best, CoreRules.sleepSeconds(preStop));
        }
      }
    }
    return best < 0 ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(best);
  }

  /**
   * A typed fabric8 view of the object, converted from the tree (and kept for the next call with
   * the same type).
   *
   * @throws IllegalArgumentException when the tree does not fit the type, naming the object
   */
  public <T> T as(Class<T> type) {
    Object t = typed;
    if (type.isInstance(t)) {
      return type.cast(t);
    }
    try {
      T value = Yaml.mapper().treeToValue(tree, type);
      typed = value;
      return value;
    } catch (JsonProcessingException | IllegalArgumentException e) {
      String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      throw new IllegalArgumentException(
          subject() + " at " + source() + " does not read as " + type.getSimpleName() + ": " + why,
          e);
    }
  }

  /** The object's place in the input (files in order, then documents). */
  int ordinal() {
    return ordinal;
  }

  @Override
  public String toString() {
    return subject() + " (" + source() + ")";
  }
}
