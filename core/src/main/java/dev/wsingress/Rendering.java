package dev.wsingress;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of rendering an app: typed objects in a fixed order, and the findings.
 *
 * <pre>{@code
 * Rendering out = Nginx.target().render(app);
 * Ingress ingress = out.only(Ingress.class);
 * out.findings().forEach(System.out::println);
 * Files.writeString(Path.of("chat.yaml"), out.toYaml());
 * }</pre>
 */
public final class Rendering {
  private final List<HasMetadata> objects;
  private final List<Finding> findings;

  Rendering(List<HasMetadata> objects, List<Finding> findings) {
    List<HasMetadata> sorted = new ArrayList<>(objects);
    sorted.sort(new ObjectOrder());
    this.objects = List.copyOf(sorted);
    this.findings = List.copyOf(findings);
  }

  /**
   * Starts a rendering for a target implementation.
   *
   * @param targetName the name used in {@link UnsupportedFeatureException}'s message
   * @param lenient whether ERROR findings are turned into warnings instead of failing
   */
  public static Builder builder(String targetName, boolean lenient) {
    return new Builder(targetName, lenient);
  }

  /** Every object, ordered by kind (namespaces and config first, routes last), then name. */
  public List<HasMetadata> objects() {
    return objects;
  }

  /** The objects of one type, in order. */
  public <T extends HasMetadata> List<T> objects(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /**
   * The one object of this type.
   *
   * @throws IllegalStateException when there is none or more than one
   */
  public <T extends HasMetadata> T only(Class<T> type) {
    List<T> found = objects(type);
    if (found.size() != 1) {
      throw new IllegalStateException(
          "expected exactly one "
              + type.getSimpleName()
              + " but the rendering has "
              + found.size());
    }
    return found.get(0);
  }

  /** Every finding, in the order the targets reported them. */
  public List<Finding> findings() {
    return findings;
  }

  /** The findings with this code. */
  public List<Finding> findings(String code) {
    return findings.stream().filter(f -> f.code().equals(code)).toList();
  }

  /** The first finding with this code. */
  public Optional<Finding> finding(String code) {
    return findings.stream().filter(f -> f.code().equals(code)).findFirst();
  }

  /** The objects as deterministic multi-document YAML (byte-identical for the same input). */
  public String toYaml() {
    return Yaml.write(objects);
  }

  @Override
  public String toString() {
    return "Rendering[" + objects.size() + " objects, " + findings.size() + " findings]";
  }

  /** Collects a target's objects and findings; used by target implementations. */
  public static final class Builder {
    private final String targetName;
    private final boolean lenient;
    private final List<HasMetadata> objects = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();

    Builder(String targetName, boolean lenient) {
      this.targetName = Objects.requireNonNull(targetName, "targetName");
      this.lenient = lenient;
    }

    /** Whether ERROR findings become warnings (and the target should approximate). */
    public boolean lenient() {
      return lenient;
    }

    /** Adds an object. */
    public Builder add(HasMetadata object) {
      objects.add(Objects.requireNonNull(object, "object"));
      return this;
    }

    /** Adds a finding; in lenient mode an ERROR is recorded as a WARNING. */
    public Builder add(Finding finding) {
      Objects.requireNonNull(finding, "finding");
      findings.add(
          lenient && finding.severity() == Severity.ERROR
              ? finding.withSeverity(Severity.WARNING)
              : finding);
      return this;
    }

    /**
     * Builds the rendering.
     *
     * @throws UnsupportedFeatureException when a finding is an ERROR
     */
    public Rendering build() {
      for (Finding f : findings) {
        if (f.severity() == Severity.ERROR) {
          throw new UnsupportedFeatureException(targetName, findings);
        }
      }
      return new Rendering(objects, findings);
    }
  }
}
