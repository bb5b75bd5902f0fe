package dev.wsingress;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ObjectMeta;

/**
 * The base of the typed custom resources that target modules define themselves, for CRDs that have
 * no fabric8 model (Traefik, HAProxy, Linkerd): {@code apiVersion} and {@code kind} from the
 * subclass's {@code @Group}, {@code @Version} (and optional {@code @Kind}) annotations, metadata,
 * and a typed spec. Serialized by its fields only, so none of {@link HasMetadata}'s helper getters
 * leak into the YAML.
 *
 * <pre>{@code
 * @Group("traefik.io")
 * @Version("v1alpha1")
 * public final class Middleware extends CustomObject<Middleware.Spec> { ... }
 * }</pre>
 *
 * @param <S> the spec type, usually a record with the CRD's field names
 */
@JsonAutoDetect(
    fieldVisibility = Visibility.ANY,
    getterVisibility = Visibility.NONE,
    isGetterVisibility = Visibility.NONE,
    setterVisibility = Visibility.NONE)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec"})
// KubernetesResource's own deserializer looks kinds up in fabric8's registry, which does not know
// these classes; like fabric8's model classes, opt out and bind the fields directly.
@JsonDeserialize(using = JsonDeserializer.None.class)
public abstract class CustomObject<S> implements HasMetadata, Namespaced {
  private String apiVersion;
  private String kind;
  private ObjectMeta metadata;
  private S spec;

  /** An empty object, for deserialization. */
  protected CustomObject() {
    this.apiVersion = HasMetadata.getApiVersion(getClass());
    this.kind = HasMetadata.getKind(getClass());
  }

  /** An object with metadata and spec. */
  protected CustomObject(ObjectMeta metadata, S spec) {
    this();
    this.metadata = metadata;
    this.spec = spec;
  }

  @Override
  public String getApiVersion() {
    return apiVersion;
  }

  @Override
  public void setApiVersion(String apiVersion) {
    this.apiVersion = apiVersion;
  }

  @Override
  public String getKind() {
    return kind;
  }

  @Override
  public ObjectMeta getMetadata() {
    return metadata;
  }

  @Override
  public void setMetadata(ObjectMeta metadata) {
    this.metadata = metadata;
  }

  /** The typed spec. */
  public S getSpec() {
    return spec;
  }

  @Override
  public String toString() {
    return Finding.subjectOf(this);
  }
}
