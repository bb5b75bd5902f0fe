package dev.wsingress.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wsingress targets}: every target, the kinds it emits, the release lines it supports. */
@Command(
    name = "targets",
    mixinStandardHelpOptions = true,
    description = {
      "Lists every target on the class path: its id (for --target), its name, the controller"
          + " release lines it renders for (--<id>-version; the last is the default) and the kinds"
          + " of objects it emits."
    })
final class TargetsCommand extends WsIngressCommand.Sub implements Callable<Integer> {

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text (a table) or json: ${DEFAULT-VALUE} by default.")
  Format output;

  /** The output formats. */
  enum Format {
    text,
    json
  }

  @Override
  public Integer call() {
    cli.out.print(TargetList.write(cli.targets.get(), output == Format.json));
    return 0;
  }
}
