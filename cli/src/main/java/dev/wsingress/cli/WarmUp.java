package dev.wsingress.cli;

import dev.wsingress.Yaml;

/**
 * Start-up work done on a second thread while the main one builds the command model, discovers the
 * targets and reads the input: core's YAML mapper (Jackson's class initialisation alone builds date
 * formats from the locale data) and, for render, the serializers of a Service and its metadata
 * (every manifest has metadata). It takes the main thread's CPU time for a render of one app from
 * about 250 to 160 ms and a doctor's from 150 to 115 (async-profiler, medians of 7 on two cores,
 * with the generated picocli model); the process's CPU time grows by a few milliseconds.
 *
 * <p>Only the process started by {@link Main} warms up, and only for a command that reads or writes
 * manifests. The command waits for it ({@link #await()}) before its own first use of Jackson or
 * fabric8, so that no class of theirs is ever initialised by both threads at once (a cycle among
 * class initialisers would deadlock). Warming up changes no output: it fills caches that the
 * command would fill the same way; if it fails, the command meets the same failure and reports it.
 */
final class WarmUp {
  private static Thread thread;

  private WarmUp() {}

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
    thread = new Thread(() -> run(reads, writes), "wsingress-warm-up");
    thread.setDaemon(true);
    thread.start();
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
