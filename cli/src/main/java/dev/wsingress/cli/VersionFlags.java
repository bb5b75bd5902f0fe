package dev.wsingress.cli;

import dev.wsingress.InvalidSpecException;
import dev.wsingress.Problem;
import dev.wsingress.Target;
import dev.wsingress.Version;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code --<target>-version VERSION} for every target that lists release lines ({@link
 * Target#versions()}): added to the render command when it runs, so a target that gains release
 * lines gets its flag without a change here, and the help lists the lines it supports.
 */
final class VersionFlags {
  private VersionFlags() {}

  static String flag(String targetId) {
    return "--" + targetId + "-version";
  }

  /** Adds the version flag of every target with release lines to the render command. */
  static void register(CommandSpec render, List<Target> targets) {
    for (Target t : targets) {
      List<Version> versions = t.versions();
      if (versions.isEmpty() || render.findOption(flag(t.id())) != null) {
        continue;
      }
      render.addOption(
          OptionSpec.builder(flag(t.id()))
              .paramLabel("VERSION")
              .type(String.class)
              .description(description(t, versions))
              .build());
    }
  }

  /**
   * Asks every target what {@link #register} asks, without a model: for a command line that
   * RenderArgs binds, so that a target failing there (its release lines, name or default) fails the
   * command the same way.
   */
  static void ask(List<Target> targets) {
    Set<String> flags = new HashSet<>();
    for (Target t : targets) {
      List<Version> versions = t.versions();
      if (versions.isEmpty() || !flags.add(flag(t.id()))) {
        continue;
      }
      description(t, versions);
    }
  }

  private static String description(Target t, List<Version> versions) {
    return t.displayName()
        + ": the release line to render for, "
        + versions.stream().map(Version::toString).collect(Collectors.joining(", "))
        + " (default: "
        + t.version().map(Version::toString).orElse("")
        + ").";
  }

  /**
   * The version given for a target's flag, or null (also without a model: RenderArgs binds no
   * version flag).
   */
  static String given(CommandSpec render, String targetId) {
    if (render == null) {
      return null;
    }
    OptionSpec o = render.findOption(flag(targetId));
    return o == null ? null : o.getValue();
  }

  /**
   * Selects a release line: every target with release lines offers {@code version(String)}
   * returning itself (the controller-version policy). {@link Target} has no such method, so it is
   * found on the target's class.
   */
  static Target apply(Target target, String flag, String version) {
    Method m;
    try {
      m = target.getClass().getMethod("version", String.class);
    } catch (NoSuchMethodException e) {
      throw CliException.usage(
          flag + ": " + target.displayName() + " has no release line to choose in this build");
    }
    try {
      return (Target) m.invoke(target, version);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof InvalidSpecException invalid) {
        Problem p = invalid.problems().get(0);
        throw CliException.usage(
            flag + " = " + p.value() + ": " + p.rule() + ". Fix: " + p.fix() + ".");
      }
      throw new IllegalStateException(e.getCause());
    } catch (IllegalAccessException | ClassCastException e) {
      throw new IllegalStateException(e);
    }
  }
}
