package dev.wsingress;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Kubernetes manifests read from files, directories or text, with the file, line and column of
 * every object and field, and the lookups target readers need: objects by kind and name, a
 * Service's ports and the workloads it selects, IngressClasses, NetworkPolicies.
 *
 * <pre>{@code
 * Manifests m = Manifests.read(Path.of("k8s"));              // a directory: *.yaml, *.yml, *.json
 * Manifests m = Manifests.read(Path.of("a.yaml"), Path.of("helm-out"));
 * Manifests s = Manifests.parse(new String(System.in.readAllBytes(), UTF_8), "-"); // stdin
 * m.objects();       // every object, in input order (v1 List items expanded)
 * m.findings();      // what could not be read: CORE-YAML-SYNTAX, CORE-YAML-DUPLICATE-KEY ...
 * m.objects("Ingress").get(0).source();                     // k8s/chat.yaml:1:1
 * Report r = Doctor.check(m);
 * }</pre>
 *
 * <p>Input: multi-document YAML and JSON, {@code v1 List} (and typed lists such as {@code
 * ServiceList}) whose items become objects of their own, Helm output (the {@code # Source:} comment
 * names the template findings point at), CRLF line ends, a UTF-8 byte-order mark (UTF-16 with a
 * byte-order mark too). Content problems are findings, each with a line, and every other document
 * is still read; only a path that cannot be read at all throws {@link ManifestReadException}. The
 * reader never builds objects from YAML tags, and every cost is bounded by {@link Limits}.
 *
 * <p>Directories are read recursively in path order; only {@code .yaml}, {@code .yml} and {@code
 * .json} files count there, and hidden files and directories (names starting with {@code .}, such
 * as {@code .git} or {@code .github}) are skipped. A file named directly is read whatever its name.
 * Symbolic links to files are followed, links to directories are not.
 *
 * <p>Objects without {@code metadata.namespace} land wherever they are applied; lookups therefore
 * treat an empty namespace as matching any, preferring an exact match.
 *
 * <p>A {@code Manifests} and its trees are read-only once read, and several threads may check one
 * at once.
 */
public final class Manifests {
  private final List<Manifest> objects;
  private final List<YamlReader.Noted> notes;
  private final List<String> files;
  private final Map<String, List<Manifest>> byKind = new HashMap<>();
  private final Map<String, List<Manifest>> byKindAndName = new HashMap<>();
  // The lookups below are built when first asked for, under this object's lock: several doctors
  // may check one Manifests at once.
  private final Map<Manifest, List<Manifest>> selected = new java.util.IdentityHashMap<>();
  private Map<String, List<Manifest>> podLabelIndex;
  // objects(group, kind) by kind, then group: read-only lists, built when a kind is first asked
  private final Map<String, Map<String, List<Manifest>>> byKindThenGroup = new HashMap<>();
  // NetworkPolicies by namespace (see policiesNear) and each workload's, once asked
  private NamespaceIndex<Manifest> policiesByNamespace;
  private final Map<Manifest, List<Manifest>> policiesFor = new java.util.IdentityHashMap<>();
  private List<Manifest> workloads;

  private Manifests(List<Manifest> objects, List<YamlReader.Noted> notes, List<String> files) {
    this.objects = List.copyOf(objects);
    this.notes = List.copyOf(notes);
    this.files = List.copyOf(files);
    for (Manifest m : this.objects) {
      byKind.computeIfAbsent(m.kind(), k -> new ArrayList<>(4)).add(m);
      byKindAndName.computeIfAbsent(m.kind() + "/" + m.name(), k -> new ArrayList<>(1)).add(m);
    }
  }

  /**
   * Bounds on what one read may cost. Every bound is checked as the input is read, so no input
   * takes more time or memory than these allow; what exceeds one is a {@code CORE-YAML-LIMIT}
   * finding and is not read.
   *
   * <pre>{@code
   * Manifests.read(Manifests.Limits.defaults().withMaxFileBytes(128L << 20), Path.of("crds"));
   * }</pre>
   *
   * @param maxFileBytes the largest file (or text, in characters) read: 32 MiB
   * @param maxTotalBytes the most bytes read in one call, over all files: 256 MiB
   * @param maxDocuments the most YAML documents per file: 20,000
   * @param maxDepth the deepest nesting of mappings and sequences: 100 levels
   * @param maxAliases the most aliases to mappings or sequences per document: 100
   * @param maxNodes the most values per document once aliases are expanded: 500,000
   */
  public record Limits(
      long maxFileBytes,
      long maxTotalBytes,
      int maxDocuments,
      int maxDepth,
      int maxAliases,
      int maxNodes) {

    public Limits {
      if (maxFileBytes < 1
          || maxTotalBytes < 1
          || maxDocuments < 1
          || maxDepth < 1
          || maxAliases < 0
          || maxNodes < 1) {
        throw new IllegalArgumentException(
            "every limit must be positive (maxAliases may be 0): " + this);
      }
    }

    /** The defaults given with each parameter. */
    public static Limits defaults() {
      return new Limits(32L << 20, 256L << 20, 20_000, 100, 100, 500_000);
    }

    /** These limits with another file size limit. */
    public Limits withMaxFileBytes(long bytes) {
      return new Limits(bytes, maxTotalBytes, maxDocuments, maxDepth, maxAliases, maxNodes);
    }

    /** These limits with another limit on all bytes read. */
    public Limits withMaxTotalBytes(long bytes) {
      return new Limits(maxFileBytes, bytes, maxDocuments, maxDepth, maxAliases, maxNodes);
    }

    /** These limits with another number of documents per file. */
    public Limits withMaxDocuments(int documents) {
      return new Limits(maxFileBytes, maxTotalBytes, documents, maxDepth, maxAliases, maxNodes);
    }

    /** These limits with another nesting depth. */
    public Limits withMaxDepth(int depth) {
      return new Limits(maxFileBytes, maxTotalBytes, maxDocuments, depth, maxAliases, maxNodes);
    }

    /** These limits with another number of aliases per document. */
    public Limits withMaxAliases(int aliases) {
      return new Limits(maxFileBytes, maxTotalBytes, maxDocuments, maxDepth, aliases, maxNodes);
    }

    /** These limits with another number of values per document. */
    public Limits withMaxNodes(int nodes) {
      return new Limits(maxFileBytes, maxTotalBytes, maxDocuments, maxDepth, maxAliases, nodes);
    }
  }

  /**
   * Reads files and directories (recursively) with the default limits.
   *
   * @throws ManifestReadException when a path does not exist or cannot be read
   * @throws IllegalArgumentException when no path is given
   */
  public static Manifests read(Path... paths) {
    return read(Limits.defaults(), paths);
  }

  /**
   * Reads files and directories (recursively) within {@code limits}.
   *
   * @throws ManifestReadException when a path does not exist or cannot be read
   * @throws IllegalArgumentException when no path is given
   */
  public static Manifests read(Limits limits, Path... paths) {
    if (limits == null) {
      throw new IllegalArgumentException("limits is null: use Manifests.Limits.defaults()");
    }
    if (paths == null || paths.length == 0) {
      throw new IllegalArgumentException("no path given: name at least one file or directory");
    }
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < paths.length; i++) {
      if (paths[i] == null) {
        throw new IllegalArgumentException("paths[" + i + "] is null");
      }
      collect(paths[i], files);
    }
    YamlReader reader = new YamlReader(limits);
    List<String> names = new ArrayList<>();
    long total = 0;
    for (Path file : files) {
      String name = file.toString();
      names.add(name);
      long size;
      try {
        size = Files.size(file);
      } catch (IOException e) {
        throw unreadable(file, e);
      }
      if (size > limits.maxFileBytes()) {
        reader.notes.add(
            limit(
                name,
                size
                    + " bytes, more than "
                    + limits.maxFileBytes()
                    + " (Manifests.Limits.maxFileBytes); the file is not read."));
        continue;
      }
      total += size;
      if (total > limits.maxTotalBytes()) {
        reader.notes.add(
            limit(
                name,
                "the files read so far and this one have "
                    + total
                    + " bytes, more than "
                    + limits.maxTotalBytes()
                    + " (Manifests.Limits.maxTotalBytes); the file is not read."));
        continue;
      }
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (IOException e) {
        throw unreadable(file, e);
      }
      String text = decode(bytes, name, reader.notes);
      if (text != null) {
        reader.read(text, name);
      }
    }
    return new Manifests(reader.objects, reader.notes, names);
  }

  /**
   * Reads YAML or JSON text with the default limits; {@code name} is the file name findings give
   * (such as {@code -} for standard input, or {@code rendered.yaml}).
   *
   * @throws IllegalArgumentException when the text or the name is null, or the name is empty
   */
  public static Manifests parse(String text, String name) {
    return parse(Limits.defaults(), text, name);
  }

  /**
   * Reads YAML or JSON text within {@code limits}.
   *
   * @throws IllegalArgumentException when the text or the name is null, or the name is empty
   */
  public static Manifests parse(Limits limits, String text, String name) {
    if (limits == null) {
      throw new IllegalArgumentException("limits is null: use Manifests.Limits.defaults()");
    }
    if (text == null) {
      throw new IllegalArgumentException("text is null");
    }
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("name is empty: give the name findings should use");
    }
    YamlReader reader = new YamlReader(limits);
    if (text.length() > limits.maxFileBytes()) {
      reader.notes.add(
          limit(
              name,
              text.length()
                  + " characters, more than "
                  + limits.maxFileBytes()
                  + " (Manifests.Limits.maxFileBytes); the text is not read."));
    } else {
      reader.read(text, name);
    }
    return new Manifests(reader.objects, reader.notes, List.of(name));
  }

  /** These manifests followed by {@code more} (say, files and standard input read apart). */
  public Manifests and(Manifests more) {
    List<Manifest> all = new ArrayList<>(objects);
    all.addAll(more.objects);
    List<YamlReader.Noted> allNotes = new ArrayList<>(notes);
    allNotes.addAll(more.notes);
    List<String> allFiles = new ArrayList<>(files);
    allFiles.addAll(more.files);
    return new Manifests(all, allNotes, allFiles);
  }

  private static YamlReader.Noted limit(String name, String message) {
    return new YamlReader.Noted(
        CoreCheck.YAML_LIMIT.at(name, message, new Source(name, 1, 1)), null);
  }

  private static void collect(Path path, List<Path> files) {
    if (!Files.exists(path)) {
      throw new ManifestReadException(path, "no such file or directory", null);
    }
    if (!Files.isDirectory(path)) {
      if (!Files.isReadable(path)) {
        throw new ManifestReadException(path, "permission denied", null);
      }
      files.add(path);
      return;
    }
    List<Path> found = new ArrayList<>();
    try {
      Files.walkFileTree(
          path,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              return !dir.equals(path) && hidden(dir)
                  ? FileVisitResult.SKIP_SUBTREE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (!hidden(file) && manifestName(file) && Files.isRegularFile(file)) {
                found.add(file);
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
              throw e;
            }
          });
    } catch (IOException e) {
      Path where =
          e instanceof java.nio.file.FileSystemException f && f.getFile() != null
              ? Path.of(f.getFile())
              : path;
      throw unreadable(where, e);
    }
    found.sort(Comparator.comparing(Path::toString));
    files.addAll(found);
  }

  private static boolean hidden(Path p) {
    Path name = p.getFileName();
    return name != null && name.toString().startsWith(".");
  }

  private static boolean manifestName(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
  }

  private static ManifestReadException unreadable(Path path, IOException e) {
    String why;
    if (e instanceof NoSuchFileException) {
      why = "no such file or directory";
    } else if (e instanceof AccessDeniedException) {
      why = "permission denied";
    } else {
      why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
    return new ManifestReadException(path, why, e);
  }

  /**
   * The file's text: UTF-8 (a byte-order mark is dropped), or UTF-16 with a byte-order mark
   * (go-yaml v2, kubectl's reader, accepts both); null with a {@code CORE-YAML-ENCODING} finding
   * otherwise.
   */
  static String decode(byte[] bytes, String name, List<YamlReader.Noted> notes) {
    int n = bytes.length;
    if (n >= 2
        && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
            || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
      boolean big = bytes[0] == (byte) 0xFE;
      if (!big && n >= 4 && bytes[2] == 0 && bytes[3] == 0) {
        notes.add(encoding(name, 1, 1, "the file is UTF-32, which Kubernetes tools do not read"));
        return null;
      }
      return strict(
          bytes, 2, big ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_16LE, name, notes);
    }
    int from =
        n >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF
            ? 3
            : 0;
    for (int i = from; i < Math.min(n, from + 1024); i++) {
      if (bytes[i] == 0) {
        notes.add(
            encoding(
                name,
                1,
                1,
                "the file has NUL bytes: it is binary, or UTF-16 or"
                    + " UTF-32 without a byte-order mark"));
        return null;
      }
    }
    if (ascii(bytes, from)) {
      // ASCII is UTF-8 as it is: one copy, no decoder (most manifests are ASCII).
      return new String(bytes, from, n - from, StandardCharsets.ISO_8859_1);
    }
    return strict(bytes, from, StandardCharsets.UTF_8, name, notes);
  }

  private static boolean ascii(byte[] bytes, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] < 0) {
        return false;
      }
    }
    return true;
  }

  private static String strict(
      byte[] bytes,
      int from,
      java.nio.charset.Charset charset,
      String name,
      List<YamlReader.Noted> notes) {
    CharsetDecoder decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, from, bytes.length - from);
    CharBuffer out = CharBuffer.allocate(bytes.length - from + 1);
    CoderResult r = decoder.decode(in, out, true);
    if (!r.isError()) {
      r = decoder.flush(out);
    }
    if (r.isError()) {
      int offset = in.position();
      int line = 1;
      int lineStart = from;
      for (int i = from; i < offset; i++) {
        if (bytes[i] == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      notes.add(
          encoding(
              name,
              line,
              offset - lineStart + 1,
              String.format(
                  "byte 0x%02X at offset %d is not %s",
                  bytes[offset] & 0xff, offset, charset.name())));
      return null;
    }
    out.flip();
    return out.toString();
  }

  private static YamlReader.Noted encoding(String name, int line, int column, String why) {
    return new YamlReader.Noted(
        CoreCheck.YAML_ENCODING.at(
            name, why + "; the file is not read.", new Source(name, line, column)),
        null);
  }

  /** Every object read, in input order: files as given (directories in path order), documents. */
  public List<Manifest> objects() {
    return objects;
  }

  /** The objects of a kind, in any API group (both Istio's and the Gateway API's Gateway). */
  public List<Manifest> objects(String kind) {
    return Collections.unmodifiableList(byKind.getOrDefault(kind, List.of()));
  }

  /** The objects of a kind in one API group ({@code ""} for the core group). */
  public synchronized List<Manifest> objects(String group, String kind) {
    Map<String, List<Manifest>> groups = byKindThenGroup.get(kind);
    if (groups == null) {
      Map<String, List<Manifest>> found = new HashMap<>();
      for (Manifest m : byKind.getOrDefault(kind, List.of())) {
        found.computeIfAbsent(m.group(), g -> new ArrayList<>()).add(m);
      }
      groups = new HashMap<>();
      for (Map.Entry<String, List<Manifest>> e : found.entrySet()) {
        groups.put(e.getKey(), Collections.unmodifiableList(e.getValue()));
      }
      byKindThenGroup.put(kind, groups);
    }
    return groups.getOrDefault(group, List.of());
  }

  /**
   * The object of this group, kind, namespace and name, if the input has it. An exact namespace
   * match is preferred; an object without a namespace, or a query with an empty one, matches any.
   * When the input defines the object twice, the later one (the one applied last) is returned.
   */
  public Optional<Manifest> find(String group, String kind, String namespace, String name) {
    Manifest exact = null;
    Manifest loose = null;
    for (Manifest m : byKindAndName.getOrDefault(kind + "/" + name, List.of())) {
      if (!m.group().equals(group)) {
        continue;
      }
      if (m.namespace().equals(namespace)) {
        exact = m;
      } else if (sameNamespace(m.namespace(), namespace)) {
        loose = m;
      }
    }
    return Optional.ofNullable(exact != null ? exact : loose);
  }

  /** The Service, if the input has it (see {@link #find} for namespaces). */
  public Optional<Manifest> service(String namespace, String name) {
    return find("", "Service", namespace, name);
  }

  /** Whether two namespaces can be the same: equal, or one of them unsaid. */
  public static boolean sameNamespace(String a, String b) {
    return a.isEmpty() || b.isEmpty() || a.equals(b);
  }

  /** Every workload in the input: the objects with a {@link Manifest#podTemplate()}. */
  public List<Manifest> workloads() {
    List<Manifest> w = workloads;
    if (w == null) {
      List<Manifest> found = new ArrayList<>();
      for (Manifest m : objects) {
        if (m.podTemplate().isPresent()) {
          found.add(m);
        }
      }
      workloads = w = List.copyOf(found);
    }
    return w;
  }

  /**
   * The workloads whose pod labels a Service's {@code spec.selector} matches (every key with an
   * equal value), in the Service's namespace. Empty for a Service without a selector (its endpoints
   * are managed by hand).
   */
  public synchronized List<Manifest> selectedBy(Manifest service) {
    List<Manifest> cached = selected.get(service);
    if (cached != null) {
      return cached;
    }
    JsonNode selector = service.tree().path("spec").path("selector");
    List<Manifest> out = new ArrayList<>();
    if (selector.isObject() && !selector.isEmpty()) {
      // Only the workloads carrying the selector's first label can match: one index lookup.
      Map.Entry<String, JsonNode> first = selector.properties().iterator().next();
      String key = first.getKey() + "=" + first.getValue().asText();
      for (Manifest w : byPodLabel().getOrDefault(key, List.of())) {
        if (sameNamespace(w.namespace(), service.namespace())
            && Selectors.matchesLabels(selector, podLabels(w))) {
          out.add(w);
        }
      }
    }
    List<Manifest> result = List.copyOf(out);
    selected.put(service, result);
    return result;
  }

  /** Workloads by each {@code key=value} of their pod labels, in input order. */
  private synchronized Map<String, List<Manifest>> byPodLabel() {
    Map<String, List<Manifest>> index = podLabelIndex;
    if (index == null) {
      index = new HashMap<>();
      for (Manifest w : workloads()) {
        JsonNode labels = podLabels(w);
        if (labels == null || !labels.isObject()) {
          continue;
        }
        Iterator<Map.Entry<String, JsonNode>> it = labels.properties().iterator();
        while (it.hasNext()) {
          Map.Entry<String, JsonNode> e = it.next();
          if (e.getValue().isValueNode()) {
            index
                .computeIfAbsent(e.getKey() + "=" + e.getValue().asText(), k -> new ArrayList<>(2))
                .add(w);
          }
        }
      }
      podLabelIndex = index;
    }
    return index;
  }

  /** The labels of a workload's pods ({@code metadata.labels} of its pod template). */
  static JsonNode podLabels(Manifest workload) {
    return workload.podTemplate().map(t -> t.path("metadata").path("labels")).orElse(null);
  }

  /** The backend named by Service and port number, resolved against the input. */
  public ServedBackend backend(String namespace, String service, int port) {
    return backend(namespace, service, port, null);
  }

  /** The backend named by Service and port name, resolved against the input. */
  public ServedBackend backend(String namespace, String service, String portName) {
    if (portName == null) {
      throw new IllegalArgumentException("portName is null: give the Service port's name");
    }
    return backend(namespace, service, null, portName);
  }

  private ServedBackend backend(String namespace, String service, Integer port, String portName) {
    if (namespace == null || service == null) {
      throw new IllegalArgumentException("namespace and service must not be null");
    }
    Manifest svc = service(namespace, service).orElse(null);
    JsonNode entry = null;
    List<Manifest> pods = List.of();
    if (svc != null) {
      JsonNode ports = svc.tree().path("spec").path("ports");
      for (JsonNode p : ports) {
        boolean hit =
            port != null
                ? p.path("port").isIntegralNumber() && p.path("port").asInt() == port
                : portName.equals(p.path("name").asText(null));
        if (hit) {
          entry = p;
          break;
        }
      }
      pods = selectedBy(svc);
    }
    return new ServedBackend(namespace, service, port, portName, svc, entry, pods, null);
  }

  /** The IngressClass of this name, if the input has it. */
  public Optional<Manifest> ingressClass(String name) {
    return find("networking.k8s.io", "IngressClass", "", name);
  }

  /**
   * The IngressClasses marked as the cluster default with the annotation {@code
   * ingressclass.kubernetes.io/is-default-class: "true"} (k8s.io/api v0.34.0
   * networking/v1/well_known_annotations.go: Ingresses without a class get this one).
   */
  public List<Manifest> defaultIngressClasses() {
    List<Manifest> out = new ArrayList<>();
    for (Manifest c : objects("networking.k8s.io", "IngressClass")) {
      if (c.annotation("ingressclass.kubernetes.io/is-default-class")
          .map(v -> v.equals("true"))
          .orElse(false)) {
        out.add(c);
      }
    }
    return out;
  }

  /**
   * The NetworkPolicies in the workload's namespace whose {@code spec.podSelector} selects its pods
   * ({@code matchLabels} and {@code matchExpressions}; an empty selector selects every pod).
   */
  public synchronized List<Manifest> networkPoliciesFor(Manifest workload) {
    JsonNode labels = podLabels(workload);
    if (labels == null) {
      return List.of();
    }
    List<Manifest> cached = policiesFor.get(workload);
    if (cached != null) {
      return cached;
    }
    List<Manifest> out = new ArrayList<>();
    for (Manifest p : policiesNear(workload.namespace(), labels)) {
      if (sameNamespace(p.namespace(), workload.namespace())
          && Selectors.matchesSelector(p.tree().path("spec").path("podSelector"), labels)) {
        out.add(p);
      }
    }
    List<Manifest> result = Collections.unmodifiableList(out);
    policiesFor.put(workload, result);
    return result;
  }

  /**
   * The NetworkPolicies that can be in {@code namespace} ({@link #sameNamespace}) and whose pod
   * selector may select {@code labels}, in input order (a superset: the caller checks both); so
   * that a lookup per workload scans neither every policy of the input nor of its namespace.
   */
  private synchronized List<Manifest> policiesNear(String namespace, JsonNode labels) {
    if (policiesByNamespace == null) {
      policiesByNamespace =
          NamespaceIndex.of(
              objects("networking.k8s.io", "NetworkPolicy"),
              Manifest::namespace,
              p -> p.tree().path("spec").path("podSelector"));
    }
    return policiesByNamespace.nearSelecting(namespace, labels);
  }

  /**
   * What could not be read, each with its file and line: {@code CORE-YAML-SYNTAX}, {@code
   * -DUPLICATE-KEY}, {@code -PLACEHOLDER}, {@code -LIMIT}, {@code -ENCODING}, {@code -TAG}, {@code
   * CORE-NOT-AN-OBJECT}.
   */
  public List<Finding> findings() {
    List<Finding> out = new ArrayList<>(notes.size());
    for (YamlReader.Noted n : notes) {
      out.add(n.finding);
    }
    return out;
  }

  List<YamlReader.Noted> notes() {
    return notes;
  }

  /** The files read (or the names given to text), in order. */
  public List<String> files() {
    return files;
  }

  @Override
  public String toString() {
    return "Manifests["
        + objects.size()
        + " objects from "
        + files.size()
        + " files, "
        + notes.size()
        + " findings]";
  }
}
