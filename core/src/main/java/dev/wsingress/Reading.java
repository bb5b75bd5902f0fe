package dev.wsingress;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one target read from the manifests: the routes its controller serves, its findings with
 * their sources, and the objects it understood; for the converter ({@link Import}) also what it
 * knows about apps beyond their routes ({@link ServedApp}) and what the spec cannot hold ({@link
 * #notCarried}). A target fills it in {@link Target#read}; {@link Doctor}, {@link Import} (and a
 * target's own tests) get one with {@link #of}.
 *
 * <pre>{@code
 * // in a target's reader
 * public void read(Manifests in, Reading out) {
 *   for (Manifest ing : in.objects("networking.k8s.io", "Ingress")) {
 *     out.understood(ing);
 *     out.report(ing, MyFinding.RETIRED, ing.source(), "this Ingress is served by ...");
 *     out.add(ServedRoute.builder(this, ing, ing.source("/spec/rules/0")).path("/", PREFIX).build());
 *   }
 * }
 *
 * // in its test
 * Reading r = Reading.of(Nginx.target(), Manifests.parse(yaml, "chat.yaml"));
 * r.routes(); r.findings(); r.understood();
 * }</pre>
 */
public final class Reading {
  private final Target target;
  private final Manifests input;
  private final List<ServedRoute> routes = new ArrayList<>();
  private final List<ServedApp> apps = new ArrayList<>();
  private final List<YamlReader.Noted> notes = new ArrayList<>();
  // What notCarried(...) was told, its findings built only when the converter asks (the doctor
  // never does, and does not keep these at all: see keepNotCarried).
  private final List<NotCarried> notCarried = new ArrayList<>();
  private final boolean keepNotCarried;
  private final Map<Manifest, Boolean> understood = new IdentityHashMap<>();
  private final List<Manifest> understoodInOrder = new ArrayList<>();
  private boolean done;
  private boolean judging;

  private record NotCarried(Manifest object, String what, Source at, String why) {
    YamlReader.Noted noted() {
      String message = what + " is not carried: " + why;
      if (!message.endsWith(".")) {
        message += ".";
      }
      return new YamlReader.Noted(
          ImportCheck.NOT_CARRIED.at(object.subject(), message).withSource(at), object);
    }
  }

  private Reading(Target target, Manifests input, boolean keepNotCarried) {
    this.target = target;
    this.input = input;
    this.keepNotCarried = keepNotCarried;
  }

  /**
   * Runs {@code target}'s reader over {@code in} and returns what it read (frozen: further calls to
   * the adding methods throw).
   *
   * @throws RuntimeException whatever the reader throws (the doctor reports that as {@code
   *     CORE-READER-FAILED} and goes on)
   */
  public static Reading of(Target target, Manifests in) {
    return of(target, in, true);
  }

  /**
   * As {@link #of(Target, Manifests)}; with {@code keepNotCarried} false (the doctor's reading)
   * {@link #notCarried(Manifest, String, Source, String)} checks its arguments and keeps nothing.
   */
  static Reading of(Target target, Manifests in, boolean keepNotCarried) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(in, "in");
    Reading r = new Reading(target, in, keepNotCarried);
    try {
      target.read(in, r);
    } finally {
      r.done = true;
    }
    return r;
  }

  /**
   * Lets the target {@link Target#judge judge} every target's routes into this reading (the
   * doctor's second pass); frozen again afterwards.
   */
  void judge(List<ServedRoute> all) {
    done = false;
    judging = true;
    try {
      target.judge(input, all, this);
    } finally {
      done = true;
      judging = false;
    }
  }

  private void open() {
    if (done) {
      throw new IllegalStateException(
          "this reading is complete: add to it only inside Target.read(...) or Target.judge(...)");
    }
  }

  /**
   * Adds a route the target's controller serves.
   *
   * @throws IllegalStateException outside {@link Target#read}, including in {@link Target#judge}
   */
  public Reading add(ServedRoute route) {
    open();
    if (judging) {
      throw new IllegalStateException(
          "Target.judge(...) reports findings only: add routes in Target.read(...)");
    }
    routes.add(Objects.requireNonNull(route, "route"));
    return this;
  }

  /**
   * Adds what the target knows about an app beyond its routes: the workload, the certificate's
   * issuer, the pods' probes (see {@link ServedApp}). Only the converter uses these.
   */
  public Reading add(ServedApp app) {
    open();
    apps.add(Objects.requireNonNull(app, "app"));
    return this;
  }

  /**
   * Reports, for the converter only, that the input sets something the spec cannot hold: a {@code
   * CORE-IMPORT-NOT-CARRIED} finding about {@code object} at {@code at}, whose message is {@code
   * "<what> is not carried: <why>."}. The doctor leaves these out (they are about the spec, not
   * about the input); {@link Import} reports them.
   *
   * <pre>{@code
   * out.notCarried(ing, "the annotation nginx.ingress.kubernetes.io/server-snippet",
   *     ing.annotationSource(key), "the spec has no raw configuration");
   * // Ingress default/chat: the annotation nginx.ingress.kubernetes.io/server-snippet is not
   * // carried: the spec has no raw configuration.
   * }</pre>
   *
   * @param what the annotation or field, as a phrase: {@code "the annotation x"}, {@code "the field
   *     spec.mirror"}
   * @param why why the spec cannot hold it (a period is added)
   */
  public Reading notCarried(Manifest object, String what, Source at, String why) {
    open();
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(what, "what");
    Objects.requireNonNull(why, "why");
    if (keepNotCarried) {
      notCarried.add(new NotCarried(object, what, at, why));
    }
    return this;
  }

  /**
   * Reports a finding of {@code kind} about {@code object}, at {@code at} (usually the field it is
   * about, from {@link Manifest#source(String)}); the object's {@code wsingress.dev/ignore}
   * annotation can suppress it.
   */
  public Reading report(Manifest object, FindingKind kind, Source at, String message) {
    open();
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(at, "at");
    notes.add(new YamlReader.Noted(kind.at(object.subject(), message).withSource(at), object));
    return this;
  }

  /**
   * Adds a finding about no single object (one without a source prints as {@code -:}); only {@link
   * Doctor.Options#ignoring} suppresses it.
   */
  public Reading add(Finding finding) {
    open();
    notes.add(new YamlReader.Noted(Objects.requireNonNull(finding, "finding"), null));
    return this;
  }

  /** Records that the target read this object (routes, policies, its controller's ConfigMap). */
  public Reading understood(Manifest object) {
    open();
    if (understood.put(Objects.requireNonNull(object, "object"), Boolean.TRUE) == null) {
      understoodInOrder.add(object);
    }
    return this;
  }

  /** The target that read. */
  public Target target() {
    return target;
  }

  /** What it read from. */
  public Manifests input() {
    return input;
  }

  /** The routes, in the order the target added them. */
  public List<ServedRoute> routes() {
    return Collections.unmodifiableList(routes);
  }

  /** The findings, in the order the target reported them. */
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

  /** The facts about apps beyond their routes, in the order the target added them. */
  public List<ServedApp> apps() {
    return Collections.unmodifiableList(apps);
  }

  /** The {@code CORE-IMPORT-NOT-CARRIED} findings, in the order the target reported them. */
  public List<Finding> notCarried() {
    List<Finding> out = new ArrayList<>(notCarried.size());
    for (NotCarried n : notCarried) {
      out.add(n.noted().finding);
    }
    return out;
  }

  List<YamlReader.Noted> notCarriedNotes() {
    List<YamlReader.Noted> out = new ArrayList<>(notCarried.size());
    for (NotCarried n : notCarried) {
      out.add(n.noted());
    }
    return out;
  }

  /** The objects the target understood, in the order it said so. */
  public List<Manifest> understood() {
    return Collections.unmodifiableList(understoodInOrder);
  }

  @Override
  public String toString() {
    return "Reading["
        + target.id()
        + ": "
        + routes.size()
        + " routes, "
        + apps.size()
        + " app facts, "
        + notes.size()
        + " findings, "
        + understoodInOrder.size()
        + " objects]";
  }
}
