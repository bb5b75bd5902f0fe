package dev.wsingress.cli;

import dev.wsingress.FindingCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code wsingress explain CODE}: a finding code's meaning, fix, severity and upstream source. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = {
      "Explains finding codes: what each means, what to do, its severity and the upstream source"
          + " (repository, release tag and file) the rule rests on. The codes are those of every"
          + " module on the class path (META-INF/wsingress/findings.tsv).",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every code is known", "2:an unknown code (with the closest known one)"})
final class ExplainCommand extends WsIngressCommand.Sub implements Callable<Integer> {
  @Parameters(paramLabel = "CODE", arity = "1..*", description = "Finding codes, in any case.")
  List<String> codes = new ArrayList<>();

  @Override
  public Integer call() {
    FindingCatalog catalog = FindingCatalog.load();
    List<FindingCatalog.Entry> entries = new ArrayList<>();
    for (String code : codes) {
      entries.add(known(catalog, code, "unknown finding code"));
    }
    StringBuilder b = new StringBuilder();
    for (FindingCatalog.Entry e : entries) {
      if (b.length() > 0) {
        b.append('\n');
      }
      b.append(e.code()).append(" (").append(e.severity()).append(")\n");
      b.append("  meaning: ").append(plain(e.meaning())).append('\n');
      b.append("  fix:     ").append(plain(e.fix())).append('\n');
      b.append("  source:  ").append(source(e)).append('\n');
    }
    cli.out.print(b);
    return 0;
  }

  /**
   * The entry of a code.
   *
   * @throws CliException a usage error naming the closest known code
   */
  static FindingCatalog.Entry known(FindingCatalog catalog, String code, String what) {
    return catalog
        .find(code)
        .orElseThrow(
            () -> {
              String closest = Suggestions.closest(code.strip(), catalog.codes());
              return CliException.usage(
                  what
                      + " "
                      + dev.wsingress.SpecRules.show(code)
                      + (closest != null ? ": did you mean \"" + closest + "\"?" : ".")
                      + " The codes are those of the README's findings table.");
            });
  }

  /**
   * The source line: the upstream file at a release tag, "a rule of wsingress itself" for {@code
   * wsingress}, or "not yet recorded in the catalogue" for {@code -}.
   */
  static String source(FindingCatalog.Entry e) {
    return switch (e.source()) {
      case "-" -> "not yet recorded in the catalogue";
      case "wsingress" -> "a rule of wsingress itself";
      default -> e.source();
    };
  }

  /** The README's Markdown as plain text: no code spans, no escaped pipes. */
  static String plain(String markdown) {
    return markdown.replace("`", "").replace("\\|", "|");
  }
}
