package dev.wsingress.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code wsingress schema}: the JSON Schema of the spec file. */
@Command(
    name = "schema",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the JSON Schema (draft 7) of the spec file, for editors and CI checks.",
      "The command checks more than a schema can (ranges, whole seconds, fields that depend on"
          + " each other): render reports those with the file's line."
    })
final class SchemaCommand extends WsIngressCommand.Sub implements Callable<Integer> {
  @Override
  public Integer call() {
    cli.out.print(SpecFile.schema());
    return 0;
  }
}
