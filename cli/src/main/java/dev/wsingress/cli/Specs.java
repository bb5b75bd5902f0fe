package dev.wsingress.cli;

import dev.wsingress.cli.SpecFileException.Located;
import java.util.ArrayList;
import java.util.List;

/** The spec files of a command's inputs: every app, or every problem of every file (exit 3). */
final class Specs {
  private Specs() {}

  static List<SpecFile.Document> read(List<Inputs.Input> inputs, Cli cli) {
    List<SpecFile.Document> apps = new ArrayList<>();
    List<Located> problems = new ArrayList<>();
    for (Inputs.Input input : inputs) {
      try {
        apps.addAll(SpecFile.read(input.text(), input.name()));
      } catch (SpecFileException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      StringBuilder b = new StringBuilder();
      for (Located p : problems) {
        b.append(p.source()).append(": ").append(cli.terminal.severity("ERROR")).append(": ");
        b.append(p.problem()).append('\n');
      }
      cli.err.print(b);
      throw CliException.input(
          problems.size()
              + (problems.size() == 1 ? " problem" : " problems")
              + " in the input; nothing was rendered");
    }
    if (apps.isEmpty()) {
      throw CliException.input("no WebSocketApp in the input: every document is empty");
    }
    return apps;
  }
}
