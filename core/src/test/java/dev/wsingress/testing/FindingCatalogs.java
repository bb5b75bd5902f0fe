package dev.wsingress.testing;

import dev.wsingress.FindingCatalog;
import dev.wsingress.FindingKind;
import dev.wsingress.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a module's finding catalogue ({@value FindingCatalog#RESOURCE}): its rows are exactly the
 * module's codes, each with the severity and fix its finding has, and the meaning of its README
 * findings table row.
 *
 * <pre>{@code
 * @Test
 * void theCatalogueHasEveryCode() {
 *   FindingCatalogs.check(Nginx.class, List.of(NginxFinding.values()), Map.of());
 * }
 * }</pre>
 */
public final class FindingCatalogs {
  private FindingCatalogs() {}

  private static final Pattern ROW =
      Pattern.compile("^\\| `([A-Z0-9-]+)` \\| (ERROR|WARNING|INFO) \\| (.*) \\| (.*) \\|$");

  /** The README findings table: code to {severity, meaning, what to do}. */
  public static Map<String, String[]> readmeRows() {
    Map<String, String[]> rows = new LinkedHashMap<>();
    for (String line : Readme.text().split("\n")) {
      Matcher m = ROW.matcher(line);
      if (m.matches()) {
        rows.put(m.group(1), new String[] {m.group(2), m.group(3), m.group(4)});
      }
    }
    return rows;
  }

  /** The rows of the catalogue of the module {@code anchor} belongs to (not of other modules). */
  public static List<FindingCatalog.Entry> of(Class<?> anchor) {
    String location = anchor.getProtectionDomain().getCodeSource().getLocation().toString();
    List<FindingCatalog.Entry> found = null;
    try {
      Enumeration<URL> urls = anchor.getClassLoader().getResources(FindingCatalog.RESOURCE);
      while (urls.hasMoreElements()) {
        URL url = urls.nextElement();
        if (!url.toString().replace("jar:", "").startsWith(location)) {
          continue;
        }
        try (InputStream in = url.openStream()) {
          found =
              FindingCatalog.parse(
                  new String(in.readAllBytes(), StandardCharsets.UTF_8), url.toString());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (found == null) {
      throw new AssertionError("no " + FindingCatalog.RESOURCE + " in " + location);
    }
    return found;
  }

  /**
   * Asserts that the catalogue of {@code anchor}'s module has exactly one row per code of {@code
   * kinds} (severity and fix equal to the kind's severity and hint) and of {@code others} (codes
   * the module reports without a fixed hint, with their severity), and that every row's meaning and
   * severity are its README row's.
   */
  public static void check(
      Class<?> anchor, Collection<? extends FindingKind> kinds, Map<String, Severity> others) {
    List<FindingCatalog.Entry> rows = of(anchor);
    Map<String, FindingCatalog.Entry> byCode = new TreeMap<>();
    rows.forEach(r -> byCode.put(r.code(), r));
    List<String> problems = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (FindingKind k : kinds) {
      expected.add(k.code());
      FindingCatalog.Entry row = byCode.get(k.code());
      if (row == null) {
        problems.add(k.code() + ": no catalogue row");
        continue;
      }
      if (row.severity() != k.severity()) {
        problems.add(
            k.code() + ": severity " + row.severity() + ", the finding's is " + k.severity());
      }
      if (!row.fix().equals(k.hint())) {
        problems.add(k.code() + ": fix \"" + row.fix() + "\", the hint is \"" + k.hint() + "\"");
      }
    }
    others.forEach(
        (code, severity) -> {
          expected.add(code);
          FindingCatalog.Entry row = byCode.get(code);
          if (row == null) {
            problems.add(code + ": no catalogue row");
          } else if (row.severity() != severity) {
            problems.add(code + ": severity " + row.severity() + ", the finding's is " + severity);
          }
        });
    for (String code : byCode.keySet()) {
      if (!expected.contains(code)) {
        problems.add(code + ": a catalogue row for a code the module does not report");
      }
    }
    Map<String, String[]> readme = readmeRows();
    for (FindingCatalog.Entry row : rows) {
      String[] r = readme.get(row.code());
      if (r == null) {
        problems.add(row.code() + ": no README findings table row");
        continue;
      }
      if (!r[0].equals(row.severity().name())) {
        problems.add(row.code() + ": README severity " + r[0] + ", catalogue " + row.severity());
      }
      if (!r[1].equals(row.meaning())) {
        problems.add(
            row.code() + ": meaning \"" + row.meaning() + "\", the README's is \"" + r[1] + "\"");
      }
      if (!row.source().matches("-|wsingress|\\S+ \\S+ \\S+")) {
        problems.add(
            row.code()
                + ": source \""
                + row.source()
                + "\" is not: repository tag path, wsingress, or -");
      }
    }
    if (!problems.isEmpty()) {
      throw new AssertionError(
          "the finding catalogue of "
              + anchor.getName()
              + "'s module:\n  "
              + String.join("\n  ", problems));
    }
  }
}
