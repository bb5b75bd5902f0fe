package dev.wsingress.cli;

import dev.wsingress.Target;
import dev.wsingress.Yaml;
import java.util.List;
import java.util.function.Supplier;

/**
 * Start-up work done on a second thread while the main one builds the command model and reads the
 * input: for a command that renders, converts or checks, the discovery of the targets (about 10 ms:
 * their classes and the ServiceLoader), then for render the YAML writer (SnakeYAML's emitter and
 * the generated writers of a Service, see {@link ObjectYaml}), and for doctor and convert core's
 * Jackson mapper (its class initialisation alone builds date formats from the locale data).
 *
 * <p>Only the process started by {@link Main} warms up, and only for a command that reads or writes
 * manifests. The main thread, until it calls {@link #await()} or {@link #targets()}, initialises
 * only classes of this module, picocli and the JDK, none of which the warm-up initialises; after,
 * it runs alone. So no class is ever initialised by both threads at once (a cycle among class
 * initialisers would deadlock). Warming up changes no output: it fills caches that the command
 * would fill the same way, and its targets are those {@link Target#discover()} gives (under the
 * launcher, made as {@link BuiltInTargets}); if it fails, the command meets the same failure and
 * reports it.
 */
final class WarmUp implements Runnable {
  private static Thread thread;
  private static List<Target> discovered;

  private final boolean reads;
  private final boolean writes;

  WarmUp(boolean reads, boolean writes) {
    this.reads = reads;
    this.writes = writes;
  }

  /** Starts warming up for the command the arguments run, if it reads or writes manifests. */
  static synchronized void start(String[] args) {
    if (thread != null || !Cli.runsAlone(args)) {
      return;
    }
    String command = Cli.running(args);
    boolean reads = "doctor".equals(command) || "convert".equals(command);
    // convert writes manifests for some --to values only (not spec or java): not warmed up.
    boolean writes = "render".equals(command);
    if (!reads && !writes) {
      return;
    }
    // A class, not a lambda: the first lambda of a process links the JDK's lambda machinery.
    thread = new Thread(new WarmUp(reads, writes), "wsingress-warm-up");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void run() {
    try {
      List<Target> targets =
          BuiltInTargets.launched() ? BuiltInTargets.create() : Target.discover();
      synchronized (WarmUp.class) {
        discovered = targets;
      }
    } catch (RuntimeException | Error e) {
      // The command discovers them itself and meets the same failure.
    }
    run(reads, writes);
  }

  /**
   * The targets on the class path, as {@link Target#discover()} gives them (under the launcher,
   * {@link BuiltInTargets}): those the warm-up found (after waiting for it), else found now; the
   * same list for every call.
   */
  static List<Target> targets() {
    await();
    synchronized (WarmUp.class) {
      if (discovered == null) {
        discovered = BuiltInTargets.launched() ? BuiltInTargets.create() : Target.discover();
      }
      return discovered;
    }
  }

  /** {@link #targets()} as the supplier {@link Cli} takes (a class: no lambda at start-up). */
  static final class Targets implements Supplier<List<Target>> {
    @Override
    public List<Target> get() {
      return targets();
    }
  }

  /** Waits until the warm-up, if one was started, is over. */
  static void await() {
    Thread t;
    synchronized (WarmUp.class) {
      t = thread;
    }
    if (t == null) {
      return;
    }
    boolean interrupted = false;
    while (t.isAlive()) {
      try {
        t.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** The work itself; also run by the training run of the class-data sharing archive. */
  static void run(boolean reads, boolean writes) {
    try {
      if (reads) {
        // Reading (doctor, convert) needs the mapper only: Yaml.read would also discover every
        // target, which the command does on its own thread. Core builds it on first use.
        Class.forName(Yaml.class.getName() + "$Jackson", true, WarmUp.class.getClassLoader());
      }
      if (writes) {
        ObjectYaml.warmUp();
      }
    } catch (ClassNotFoundException | RuntimeException | Error e) {
      // The command does the same work: it meets the same failure and reports it.
    }
  }
}
