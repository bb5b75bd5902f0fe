package dev.wsingress.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The top of the command tree. A new command is one class extending {@link Sub}, listed in {@link
 * #SUBCOMMANDS}; its options, output and exit code follow the same conventions as render's. After a
 * change to the annotations of a command, regenerate {@link CommandModel} (CommandModelTest says
 * how).
 */
@Command(
    name = "wsingress",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    synopsisSubcommandLabel = "COMMAND",
    description = {
      "Renders correct Kubernetes objects for WebSocket apps, for ingress-nginx, the Gateway API,"
          + " Istio, Traefik, HAProxy, Linkerd and the platform (Service, Deployment,"
          + " autoscaling), from a spec file.",
      ""
    },
    commandListHeading = "%nCommands:%n",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:findings at or above --fail-on (render: error by default)",
      "2:a usage error: an unknown command, option or target",
      "3:input that cannot be read or parsed, or a spec that is invalid",
      "4:an internal error (please report it)"
    },
    footer = {
      "",
      "Installed as kubectl-wsingress on the PATH, it runs as a kubectl plugin: kubectl wsingress"
          + " render -f app.yaml --target nginx."
    })
final class WsIngressCommand implements Callable<Integer> {
  /**
   * Every command, in the order of the help: the input of the generated model ({@link
   * CommandModel}, written by the test-side CommandModelGenerator from these classes' annotations).
   * Only the one that runs gets its whole model built; the others are listed by name and
   * description, and only when the help or a "did you mean" of the top may need them ({@link
   * Cli#runsAlone}).
   */
  static final List<Class<?>> SUBCOMMANDS =
      List.of(
          RenderCommand.class,
          DoctorCommand.class,
          ConvertCommand.class,
          ExplainCommand.class,
          TargetsCommand.class,
          SchemaCommand.class,
          VersionCommand.class,
          CommandLine.HelpCommand.class);

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--no-color",
      scope = ScopeType.INHERIT,
      description = "No colour, even on a terminal (also: the NO_COLOR environment variable).")
  boolean noColor;

  /** Without a command: the help, as kubectl prints it. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  /** A subcommand: it gets the run it belongs to (streams, environment, targets). */
  abstract static class Sub {
    Cli cli;
  }
}
