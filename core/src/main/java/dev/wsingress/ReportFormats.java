package dev.wsingress;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** Writes a {@link Report} as text, JSON and SARIF 2.1.0, byte for byte deterministically. */
final class ReportFormats {
  private ReportFormats() {}

  static final String TOOL = "wsingress";
  static final String INFORMATION_URI = "https://github.com/wsingress/wsingress";
  static final String VERSION = version();

  private static String version() {
    try (InputStream in = ReportFormats.class.getResourceAsStream("version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      String v = p.getProperty("version", "");
      return v.isEmpty() || v.startsWith("${") ? "unknown" : v;
    } catch (IOException e) {
      return "unknown";
    }
  }

  static String text(Report r) {
    StringBuilder b = new StringBuilder(128 * (r.findings().size() + 1));
    for (Finding f : r.findings()) {
      b.append(f.source().map(Source::toString).orElse("-")).append(": ");
      b.append(f.severity()).append(' ').append(f.code()).append(' ');
      b.append(f.subject()).append(": ").append(f.message()).append('\n');
      b.append("    ").append(f.hint()).append('\n');
    }
    b.append(plural(r.count(Severity.ERROR), "error")).append(", ");
    b.append(plural(r.count(Severity.WARNING), "warning")).append(", ");
    b.append(plural(r.count(Severity.INFO), "info")).append(" in ");
    b.append(plural(r.objectCount(), "object")).append(" from ");
    b.append(plural(r.fileCount(), "file")).append('\n');
    return b.toString();
  }

  private static String plural(int n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }

  static String json(Report r) {
    StringBuilder b = new StringBuilder(256 * (r.findings().size() + 1));
    b.append("{\n  \"findings\": [");
    List<Finding> all = r.findings();
    for (int i = 0; i < all.size(); i++) {
      Finding f = all.get(i);
      b.append(i == 0 ? "\n" : ",\n").append("    {");
      b.append("\"code\": ").append(quote(f.code()));
      b.append(", \"severity\": ").append(quote(f.severity().name()));
      b.append(", \"subject\": ").append(quote(f.subject()));
      b.append(", \"message\": ").append(quote(f.message()));
      b.append(", \"hint\": ").append(quote(f.hint()));
      Source s = f.source().orElse(null);
      b.append(", \"file\": ").append(s == null ? "null" : quote(s.file()));
      b.append(", \"line\": ").append(s == null ? "null" : String.valueOf(s.line()));
      b.append(", \"column\": ").append(s == null ? "null" : String.valueOf(s.column()));
      b.append('}');
    }
    b.append(all.isEmpty() ? "],\n" : "\n  ],\n");
    b.append("  \"summary\": {\"errors\": ").append(r.count(Severity.ERROR));
    b.append(", \"warnings\": ").append(r.count(Severity.WARNING));
    b.append(", \"infos\": ").append(r.count(Severity.INFO));
    b.append(", \"objects\": ").append(r.objectCount());
    b.append(", \"files\": ").append(r.fileCount()).append("}\n}\n");
    return b.toString();
  }

  static String sarif(Report r) {
    Map<String, Finding> rules = new LinkedHashMap<>();
    for (Finding f : r.findings()) {
      rules.putIfAbsent(f.code(), f);
    }
    List<String> ids = List.copyOf(new java.util.TreeSet<>(rules.keySet()));
    FindingCatalog catalog = ids.isEmpty() ? null : FindingCatalog.load();
    StringBuilder b = new StringBuilder(512 * (r.findings().size() + 2));
    b.append("{\n");
    b.append("  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n");
    b.append("  \"version\": \"2.1.0\",\n");
    b.append("  \"runs\": [\n    {\n      \"tool\": {\n        \"driver\": {\n");
    b.append("          \"name\": ").append(quote(TOOL)).append(",\n");
    b.append("          \"version\": ").append(quote(VERSION)).append(",\n");
    b.append("          \"informationUri\": ").append(quote(INFORMATION_URI)).append(",\n");
    b.append("          \"rules\": [");
    for (int i = 0; i < ids.size(); i++) {
      Finding f = rules.get(ids.get(i));
      b.append(i == 0 ? "\n" : ",\n").append("            {");
      b.append("\"id\": ").append(quote(f.code()));
      FindingCatalog.Entry e = catalog.find(f.code()).orElse(null);
      if (e == null) {
        // A code no catalogue on the class path names (a target without one): what is known.
        b.append(", \"shortDescription\": {\"text\": ").append(quote(title(f.code())));
        b.append("}, \"help\": {\"text\": ").append(quote(f.hint()));
      } else {
        rule(b, e);
      }
      b.append("}, \"defaultConfiguration\": {\"level\": ").append(quote(level(f.severity())));
      b.append("}}");
    }
    b.append(ids.isEmpty() ? "]\n" : "\n          ]\n");
    b.append("        }\n      },\n      \"results\": [");
    List<Finding> all = r.findings();
    for (int i = 0; i < all.size(); i++) {
      Finding f = all.get(i);
      b.append(i == 0 ? "\n" : ",\n").append("        {");
      b.append("\"ruleId\": ").append(quote(f.code()));
      b.append(", \"ruleIndex\": ").append(ids.indexOf(f.code()));
      b.append(", \"level\": ").append(quote(level(f.severity())));
      b.append(", \"message\": {\"text\": ").append(quote(f.subject() + ": " + f.message()));
      b.append('}');
      f.source()
          .ifPresent(
              s -> {
                b.append(
                    ", \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ");
                b.append(quote(uri(s.file())));
                b.append("}, \"region\": {\"startLine\": ").append(s.line());
                b.append(", \"startColumn\": ").append(s.column()).append("}}}]");
              });
      b.append('}');
    }
    b.append(all.isEmpty() ? "]\n" : "\n      ]\n");
    b.append("    }\n  ]\n}\n");
    return b.toString();
  }

  /**
   * A rule's descriptions from the finding catalogue, as SARIF 2.1.0 (section 3.49) asks: {@code
   * shortDescription} a single sentence (the meaning), {@code fullDescription} the details that
   * resolve the problem (the meaning and the fix), {@code help} the primary documentation (the fix
   * and the upstream source the rule rests on). Each has plain {@code text} and, since the
   * catalogue is the README's Markdown, {@code markdown}.
   */
  private static void rule(StringBuilder b, FindingCatalog.Entry e) {
    String source =
        switch (e.source()) {
          case "-" -> null;
          case "wsingress" -> "A rule of wsingress itself.";
          default -> "Upstream source: " + e.source() + ".";
        };
    String sourceMarkdown = e.hasSource() ? "Upstream source: `" + e.source() + "`." : source;
    b.append(", \"shortDescription\": {\"text\": ").append(quote(plain(e.meaning())));
    b.append("}, \"fullDescription\": {\"text\": ");
    b.append(quote(plain(e.meaning()) + "\nFix: " + plain(e.fix())));
    b.append(", \"markdown\": ").append(quote(e.meaning() + "\n\n**Fix:** " + e.fix()));
    b.append("}, \"help\": {\"text\": ");
    b.append(quote(plain(e.fix()) + (source == null ? "" : "\n" + source)));
    b.append(", \"markdown\": ");
    b.append(quote(e.fix() + (source == null ? "" : "\n\n" + sourceMarkdown)));
  }

  /** The catalogue's Markdown as plain text: no code spans, no escaped pipes. */
  private static String plain(String markdown) {
    return markdown.replace("`", "").replace("\\|", "|");
  }

  /** The rule's short description: core's own title, or the code for other targets' codes. */
  private static String title(String code) {
    for (CoreCheck c : CoreCheck.values()) {
      if (c.code().equals(code)) {
        return c.title();
      }
    }
    return code;
  }

  private static String level(Severity s) {
    switch (s) {
      case ERROR:
        return "error";
      case WARNING:
        return "warning";
      default:
        return "note";
    }
  }

  /** A file name as a relative URI reference: {@code /} separators, other characters escaped. */
  static String uri(String file) {
    String f = file.replace('\\', '/');
    StringBuilder b = new StringBuilder(f.length());
    byte[] bytes = f.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    for (byte x : bytes) {
      int c = x & 0xff;
      boolean plain =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '.'
              || c == '_'
              || c == '~'
              || c == '/';
      if (plain) {
        b.append((char) c);
      } else {
        b.append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return b.toString();
  }

  /** A JSON string. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          b.append("\\\"");
          break;
        case '\\':
          b.append("\\\\");
          break;
        case '\n':
          b.append("\\n");
          break;
        case '\r':
          b.append("\\r");
          break;
        case '\t':
          b.append("\\t");
          break;
        default:
          if (c < 0x20
              || c == 0x7f
              || c == '\u2028'
              || c == '\u2029'
              || Character.isSurrogate(c) && !validSurrogate(s, i)) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
      }
    }
    return b.append('"').toString();
  }

  private static boolean validSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }
}
