package dev.wsingress;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Converts existing manifests into {@link WebSocketApp} specs: every target on the class path reads
 * the objects its controller serves (the same reading the {@link Doctor} uses), and core groups the
 * routes they report into apps, carrying every setting the spec can hold and reporting everything
 * else as a finding with its file and line.
 *
 * <pre>{@code
 * Imported in = Import.from(Manifests.read(Path.of("k8s")));
 * WebSocketApp chat = in.apps().get(0);
 * in.findings().forEach(System.out::println);          // what could not be carried, and why
 * Targets.render(chat, GatewayApi.target().envoyGateway(), Platform.target());   // move it
 * in.importedApps().get(0).render();                   // or keep the controller the input implies
 * String java = in.importedApps().get(0).toJava("com.example.deploy", "ChatApp");
 *
 * Imported nginxOnly = Import.with(Nginx.target()).from(manifests);   // only these targets read
 * }</pre>
 *
 * <h2>Grouping: which routes make one app</h2>
 *
 * <ol>
 *   <li>Routes the spec cannot hold are left out, each with {@code CORE-IMPORT-ROUTE-DROPPED}: no
 *       host, a regular-expression path, no Service backend, a backend in another namespace, a
 *       second route for the same host, path and match (the first read is kept). A split between
 *       several Services keeps the first ({@code CORE-IMPORT-NOT-CARRIED}); a character prefix
 *       becomes a segment prefix ({@code CORE-IMPORT-APPROXIMATED}).
 *   <li>Routes are grouped by the serving target as the input configures it ({@link
 *       ServedRoute#target()}, compared with {@code equals}: a reader passes one instance per
 *       controller configuration), the routing object's namespace, and — for objects wsingress
 *       rendered ({@code app.kubernetes.io/managed-by: wsingress}) — the {@link
 *       ServedRoute#appName() app name}. Objects of other origin in one namespace and target group
 *       together, as ingress-nginx merges every Ingress of a host into one server.
 *   <li>Within a group, hosts that serve the same routes (path, match, kind, backend and settings)
 *       make one app; hosts with other routes make another. Hosts whose certificates differ (TLS
 *       Secret or redirect) make separate apps; hosts without TLS join the first.
 *   <li>A group without a WebSocket route ({@link ServedRoute#isWebSocket()}, the doctor's rule)
 *       makes no app ({@code CORE-IMPORT-NO-WEBSOCKET-ROUTE}); plain routes are never promoted.
 * </ol>
 *
 * <h2>Identity</h2>
 *
 * The <em>primary</em> route is the app's first WebSocket route in the order the reader reported
 * them. The app's <b>name</b> is the primary route's {@link ServedRoute#appName()}, else its
 * object's name (made a valid DNS label of at most 47 characters, and unique per namespace: {@code
 * CORE-IMPORT-NAME}); the <b>namespace</b> is the object's ({@code default} when it has none). The
 * <b>labels</b> are the primary object's labels without {@code app.kubernetes.io/managed-by} for
 * objects wsingress rendered, else those an app fact ({@link ServedApp#labels()}) gives, else the
 * selector of the app's own Service when the input has it, else the spec's default.
 *
 * <p>The app's <b>own backend</b> ({@code .service(...)}) is, in this order: the Service named by
 * an app fact that names the app by its name or (for wsingress's objects) its labels ({@link
 * ServedApp#ownService()}: the platform reader knows which Service it rendered for the workload),
 * with the port a route gives it, else the fact's; the backend of the first WebSocket route, then
 * of the first plain route, whose Service an app fact names; the primary route's backend. Routes to
 * it carry no {@code .to(...)}.
 *
 * <h2>Settings</h2>
 *
 * WebSocket settings (idle, read and send timeouts, sticky sessions, rate limit, connections per
 * client, buffering) come from the WebSocket routes; app-wide ones (connect timeout, CORS, backend
 * protocol and CA, health check, TLS per host) from every route. When routes disagree the primary
 * route's value is carried and {@code CORE-IMPORT-CONFLICT} names each value. A controller default
 * is carried only where the spec has a default of its own (the timeouts, buffering, the backend
 * protocol; {@code CORE-IMPORT-DEFAULT-CARRIED} when it differs from the spec's); elsewhere unset
 * keeps each destination's default. WebSocket settings set on a plain route are reported ({@code
 * CORE-IMPORT-NOT-CARRIED}): plain routes stay plain, with their own request timeout, buffering and
 * rewrite. Without an idle timeout the read timeout, else the send timeout, becomes the idle
 * timeout. A value the spec refuses is left out with its rule quoted ({@code CORE-IMPORT-REFUSED});
 * no timeout becomes the spec's longest ({@code CORE-IMPORT-APPROXIMATED}). App facts fill what the
 * routes leave unset (workload, certificate issuer, probes, a mesh's backend protocol).
 */
public final class Import {
  private Import() {}

  /** Converts with every target on the class path. */
  public static Imported from(Manifests in) {
    return new Options(null).from(in);
  }

  /** A converter that asks only these targets to read (instead of every one on the class path). */
  public static Options with(Target... readers) {
    return new Options(null).with(readers);
  }

  /** A configured converter: immutable, each method returns a changed copy. */
  public static final class Options {
    private final List<Target> readers;

    private Options(List<Target> readers) {
      this.readers = readers;
    }

    /** Asks only these targets to read. */
    public Options with(Target... only) {
      if (only == null || Arrays.asList(only).contains(null)) {
        throw new IllegalArgumentException("a target is null");
      }
      return new Options(List.of(only));
    }

    /** Converts the manifests. */
    public Imported from(Manifests in) {
      Objects.requireNonNull(in, "in");
      List<Target> targets = readers != null ? readers : Doctor.discovered();
      List<YamlReader.Noted> notes = new ArrayList<>(in.notes());
      List<ServedRoute> routes = new ArrayList<>();
      List<ServedApp> facts = new ArrayList<>();
      Map<Manifest, Boolean> read = new IdentityHashMap<>();
      for (Target t : targets) {
        Reading r;
        try {
          r = Reading.of(t, in);
        } catch (RuntimeException e) {
          notes.add(
              new YamlReader.Noted(
                  CoreCheck.READER_FAILED.at(
                      "target " + t.id(),
                      "the "
                          + t.displayName()
                          + " reader failed: "
                          + e.getClass().getSimpleName()
                          + (e.getMessage() == null ? "" : ": " + e.getMessage())
                          + "; the objects it reads are not converted."),
                  null));
          continue;
        }
        notes.addAll(r.notes());
        notes.addAll(r.notCarriedNotes());
        routes.addAll(r.routes());
        facts.addAll(r.apps());
        for (Manifest m : r.understood()) {
          read.put(m, Boolean.TRUE);
        }
        for (ServedRoute s : r.routes()) {
          s.objects().forEach(m -> read.put(m, Boolean.TRUE));
        }
        for (ServedApp a : r.apps()) {
          a.objects().forEach(m -> read.put(m, Boolean.TRUE));
        }
      }
      List<YamlReader.Noted> readerNotes = List.copyOf(notes);
      Assembly assembly = new Assembly(routes, facts);
      List<Assembly.Result> results = assembly.run();
      notes.addAll(assembly.notes());
      StringBuilder names = new StringBuilder();
      for (Target t : targets) {
        names.append(names.length() == 0 ? "" : ", ").append(t.displayName());
      }
      for (Manifest m : in.objects()) {
        if (!read.containsKey(m)) {
          notes.add(
              new YamlReader.Noted(
                  ImportCheck.OBJECT_NOT_READ.at(
                      m.subject(),
                      "none of the readers ("
                          + (names.length() == 0 ? "none" : names)
                          + ") reads this "
                          + m.kind()
                          + ", so it is part of no converted app.",
                      m.source()),
                  m));
        }
      }
      Set<Finding> all = new LinkedHashSet<>();
      for (YamlReader.Noted n : notes) {
        all.add(n.finding);
      }
      List<ImportedApp> apps = new ArrayList<>(results.size());
      for (Assembly.Result result : results) {
        Set<Finding> own = new LinkedHashSet<>();
        for (YamlReader.Noted n : result.notes()) {
          own.add(n.finding);
        }
        Map<Manifest, Boolean> sources = new IdentityHashMap<>();
        result.sources().forEach(m -> sources.put(m, Boolean.TRUE));
        List<YamlReader.Noted> about = new ArrayList<>(readerNotes);
        about.addAll(assembly.shared());
        for (YamlReader.Noted n : about) {
          if (n.about != null && sources.containsKey(n.about)) {
            own.add(n.finding);
          }
        }
        apps.add(
            new ImportedApp(
                result.app(), result.targets(), sorted(own), result.sources(), result.routes()));
      }
      return new Imported(apps, sorted(all));
    }

    private static List<Finding> sorted(Set<Finding> findings) {
      List<Finding> out = new ArrayList<>(findings);
      out.sort(Report.ORDER);
      return out;
    }

    @Override
    public String toString() {
      return "Import.Options[readers="
          + (readers == null ? "discovered" : readers.stream().map(Target::id).toList())
          + "]";
    }
  }
}
