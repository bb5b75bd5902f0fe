package dev.wsingress;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A controller, mesh or platform that a {@link WebSocketApp} renders for. Each target module has
 * one public entry class implementing it ({@code Nginx}, {@code Traefik}, {@code Platform} ...),
 * immutable, with its options as copy-returning methods.
 *
 * <pre>{@code
 * Rendering out = Nginx.target().ingressClass("nginx").render(app);
 * for (Target t : Target.discover()) {
 *   System.out.println(t.id());
 * }
 * }</pre>
 *
 * <p>Implementations must be immutable and render purely: no I/O, no cluster, no globals.
 */
public interface Target {

  /** A short stable id, such as {@code nginx} or {@code platform}. */
  String id();

  /** A human name, such as {@code ingress-nginx}. */
  String displayName();

  /**
   * The same target in lenient mode: what it cannot do is reported as warnings and left out (or
   * approximated, as each target documents) instead of failing the rendering.
   */
  Target lenient();

  /**
   * States what this target needs on objects that another target renders, such as an {@code
   * appProtocol} on the backend Service port. Called for every target before any renders; the
   * default needs nothing.
   */
  default void contribute(WebSocketApp app, Contributions.Builder out) {}

  /**
   * Renders the app as part of the rendering described by {@code context}. Called by {@link
   * Targets#render}; call {@link #render(WebSocketApp)} instead.
   *
   * @throws UnsupportedFeatureException in strict mode, when a finding is an ERROR
   */
  Rendering render(WebSocketApp app, RenderContext context);

  /**
   * Renders the app for this target alone.
   *
   * @throws UnsupportedFeatureException in strict mode, when a finding is an ERROR
   */
  default Rendering render(WebSocketApp app) {
    return Targets.render(app, this);
  }

  /**
   * The typed classes of the custom resources this target emits, so that {@link Yaml#read} returns
   * them typed. Built-in Kubernetes kinds need no entry.
   */
  default List<Class<? extends HasMetadata>> resourceTypes() {
    return List.of();
  }

  /**
   * The controller or mesh release lines this target writes correct output for, oldest first; the
   * target's {@code version(...)} option takes one of them and defaults to the newest. Empty for
   * targets whose output does not depend on a controller release (the platform kit).
   */
  default List<Version> versions() {
    return List.of();
  }

  /** The release line this target renders for: the newest of {@link #versions()} unless set. */
  default Optional<Version> version() {
    List<Version> all = versions();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /**
   * Reads existing manifests the way this target's controller does: reports each route the
   * controller serves ({@link Reading#add(ServedRoute)}) with every setting in effect and where it
   * comes from, findings about what the controller ignores, refuses or does differently ({@link
   * Reading#report}, each with the source of the field), and the objects it understood ({@link
   * Reading#understood}). {@link Doctor#check} calls it for every target on the class path, then
   * judges the routes with core's rules.
   *
   * <p>A reader must only claim objects its controller serves (by class, annotation or default
   * class as the controller decides); report a reference to an object that is not in the input as
   * INFO at most (users check one file at a time); never throw for bad input (report it); and be
   * pure: no I/O, no globals. The default reads nothing.
   */
  default void read(Manifests in, Reading out) {}

  /**
   * Judges the routes that every target read from the same manifests (the doctor's second pass,
   * after each target's {@link #read}): for a target whose objects act on traffic that other
   * targets' controllers route, such as a mesh (which pods receive WebSocket traffic, from which
   * ingress controller) or the platform kit (the NetworkPolicy, autoscaler and Service in front of
   * those pods). {@code routes} holds every target's routes, in the order the targets read; {@code
   * out} is this target's own reading, still open for {@link Reading#report} and {@link
   * Reading#add(Finding)} (adding routes is refused here). The same rules as for {@link #read}
   * apply; the default judges nothing.
   *
   * <pre>{@code
   * public void judge(Manifests in, List<ServedRoute> routes, Reading out) {
   *   for (ServedRoute r : routes) {
   *     if (r.isWebSocket()) { ... out.report(object, MyFinding.LOCKED_OUT, at, message); }
   *   }
   * }
   * }</pre>
   */
  default void judge(Manifests in, List<ServedRoute> routes, Reading out) {}

  /** Every target on the class path (through {@link ServiceLoader}), in the order of their ids. */
  static List<Target> discover() {
    List<Target> targets = new ArrayList<>();
    ServiceLoader.load(Target.class, Target.class.getClassLoader()).forEach(targets::add);
    targets.sort(Comparator.comparing(Target::id));
    return List.copyOf(targets);
  }
}
