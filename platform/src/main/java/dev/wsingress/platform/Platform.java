package dev.wsingress.platform;

import dev.wsingress.Contributions;
import dev.wsingress.Finding;
import dev.wsingress.InvalidSpecException;
import dev.wsingress.Problem;
import dev.wsingress.RenderContext;
import dev.wsingress.Rendering;
import dev.wsingress.Severity;
import dev.wsingress.SpecRules;
import dev.wsingress.Target;
import dev.wsingress.WebSocketApp;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The controller-neutral objects a WebSocket app needs whatever edge it runs behind: for now the
 * backend {@link Service} the routes point at, with a named port and the app's labels as its
 * selector. Rendered together with other targets, the Service carries what they need on it (see
 * {@link Contributions}): an {@code appProtocol}, annotations, a port name that selects HTTP.
 *
 * <pre>{@code
 * Rendering all = Targets.render(app, Nginx.target(), Platform.target());
 * Rendering svc = Platform.target().portName("ws").render(app);
 * }</pre>
 */
public final class Platform implements Target {
  /** The default name of the Service port. */
  public static final String DEFAULT_PORT_NAME = "http-ws";

  private final String portName;
  private final boolean lenient;

  /** For {@link java.util.ServiceLoader}; use {@link #target()}. */
  public Platform() {
    this(DEFAULT_PORT_NAME, false);
  }

  private Platform(String portName, boolean lenient) {
    this.portName = portName;
    this.lenient = lenient;
  }

  /** The platform target with default options. */
  public static Platform target() {
    return new Platform();
  }

  /**
   * Names the Service port ({@value #DEFAULT_PORT_NAME} by default; an {@code http} prefix lets
   * meshes detect HTTP; Istio needs it).
   *
   * @throws InvalidSpecException when the name is not an IANA service name
   */
  public Platform portName(String name) {
    List<Problem> problems = new ArrayList<>();
    if (!SpecRules.portName(problems, "portName", name)) {
      throw new InvalidSpecException("Platform", problems);
    }
    return new Platform(name, lenient);
  }

  /** Reports what cannot be rendered as warnings instead of failing. */
  @Override
  public Platform lenient() {
    return new Platform(portName, true);
  }

  @Override
  public String id() {
    return "platform";
  }

  @Override
  public String displayName() {
    return "Kubernetes platform objects";
  }

  @Override
  public List<Class<? extends HasMetadata>> resourceTypes() {
    return List.of(Service.class);
  }

  @Override
  public Rendering render(WebSocketApp app, RenderContext context) {
    Rendering.Builder out = Rendering.builder("Platform", lenient);
    if (app.servicePort().isEmpty()) {
      out.add(
          new Finding(
              "CORE-SERVICE-PORT-UNKNOWN",
              Severity.ERROR,
              "Service " + app.namespace() + "/" + app.serviceName(),
              "the app names its Service port \""
                  + app.servicePortName().orElse("")
                  + "\" but not its number, so the Service cannot be rendered.",
              "Give the port by number with .service(\""
                  + app.serviceName()
                  + "\", 8080), or render without the platform target if the Service exists."));
      return out.build();
    }
    int port = app.servicePort().getAsInt();
    String serviceSubject = "Service " + app.namespace() + "/" + app.serviceName();
    if (context.contributions().httpPortNameRequester().isPresent()
        && !portName.equals("http")
        && !portName.startsWith("http-")) {
      out.add(
          new Finding(
              "CORE-PORT-NAME-PROTOCOL",
              Severity.ERROR,
              serviceSubject,
              context.contributions().httpPortNameRequester().get()
                  + " selects the port's protocol by its name, and \""
                  + portName
                  + "\" does not start with http-, so the WebSocket upgrade would not be"
                  + " proxied as HTTP.",
              "Name the port http-<something>, as in Platform.target().portName(\"http-ws\")."));
    }
    // Other targets' needs on the Service (Contributions): a Gateway API appProtocol,
    // controller annotations that are read from the Service.
    Contributions needs = context.contributions();
    out.add(
        new ServiceBuilder()
            .withMetadata(
                new ObjectMetaBuilder()
                    .withName(app.serviceName())
                    .withNamespace(app.namespace())
                    .withLabels(app.objectLabels())
                    .withAnnotations(needs.serviceAnnotations())
                    .build())
            .withNewSpec()
            .withType("ClusterIP")
            .withSelector(app.labels())
            .withPorts(
                new ServicePortBuilder()
                    .withName(portName)
                    .withAppProtocol(needs.serviceAppProtocol().orElse(null))
                    .withPort(port)
                    .withProtocol("TCP")
                    .withTargetPort(new IntOrString(port))
                    .build())
            .endSpec()
            .build());
    return out.build();
  }

  @Override
  public String toString() {
    return "Platform[portName=" + portName + (lenient ? ", lenient" : "") + "]";
  }
}
