package dev.wsingress;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every finding code on the class path with its severity, meaning, fix and upstream source: each
 * module that reports findings ships a catalogue, {@value #RESOURCE}, read here through {@link
 * ClassLoader#getResources}, so a module on the class path brings its codes with it.
 *
 * <pre>{@code
 * FindingCatalog catalog = FindingCatalog.load();
 * FindingCatalog.Entry e = catalog.find("NGINX-CONNECT-TIMEOUT").orElseThrow();
 * e.severity();   // ERROR
 * e.meaning();    // connect timeout above the 75 s nginx honours (lenient: rendered as 75)
 * e.fix();        // the finding's hint
 * e.source();     // the upstream file at a release tag the rule rests on, "wsingress" or "-"
 * }</pre>
 *
 * <h2>The resource</h2>
 *
 * UTF-8 text, a header line {@code code\tseverity\tmeaning\tfix\tsource}, then one line per code
 * with these five fields separated by tabs: the code, {@code ERROR}, {@code WARNING} or {@code
 * INFO}, the meaning (the README findings table's, Markdown as written there), the fix (the
 * finding's hint when it is fixed), and the source ({@code repository tag path}, such as {@code
 * traefik/traefik v3.7.9 pkg/middlewares/ratelimiter/rate_limiter.go}, {@code wsingress} for a rule
 * of wsingress itself, or {@code -} when none is recorded yet). Immutable once loaded.
 */
public final class FindingCatalog {
  /** Where each module's catalogue is, on the class path. */
  public static final String RESOURCE = "META-INF/wsingress/findings.tsv";

  /** The header line every catalogue starts with. */
  public static final String HEADER = "code\tseverity\tmeaning\tfix\tsource";

  /**
   * One code.
   *
   * @param code the stable code, such as {@code NGINX-CONNECT-TIMEOUT}
   * @param severity how much its findings matter
   * @param meaning what it means, as the README findings table says (Markdown)
   * @param fix what to do about it
   * @param source the upstream file at a release tag the rule rests on, {@code wsingress} (a rule
   *     of wsingress itself) or {@code -} (not yet recorded)
   * @param from the catalogue it was read from
   */
  public record Entry(
      String code, Severity severity, String meaning, String fix, String source, String from) {
    public Entry {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(severity, "severity");
      Objects.requireNonNull(meaning, "meaning");
      Objects.requireNonNull(fix, "fix");
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(from, "from");
    }

    /** Whether the rule cites an upstream source (not {@code wsingress} or {@code -}). */
    public boolean hasSource() {
      return !source.equals("-") && !source.equals("wsingress");
    }
  }

  private final Map<String, Entry> byCode;

  private FindingCatalog(Map<String, Entry> byCode) {
    this.byCode = Collections.unmodifiableMap(byCode);
  }

  /** Every catalogue the class loader of this class sees. */
  public static FindingCatalog load() {
    return load(FindingCatalog.class.getClassLoader());
  }

  /**
   * Every catalogue {@code loader} sees.
   *
   * @throws IllegalStateException when a catalogue is malformed or two name the same code
   */
  public static FindingCatalog load(ClassLoader loader) {
    Objects.requireNonNull(loader, "loader");
    Map<String, Entry> all = new TreeMap<>();
    try {
      Enumeration<URL> urls = loader.getResources(RESOURCE);
      while (urls.hasMoreElements()) {
        URL url = urls.nextElement();
        String text;
        try (InputStream in = url.openStream()) {
          text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (Entry e : parse(text, url.toString())) {
          Entry before = all.putIfAbsent(e.code(), e);
          if (before != null && !before.from().equals(e.from())) {
            throw new IllegalStateException(
                e.code() + " is in two finding catalogues: " + before.from() + " and " + e.from());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the finding catalogues", e);
    }
    return new FindingCatalog(all);
  }

  /**
   * Reads one catalogue's text.
   *
   * @param from its name in messages (and in {@link Entry#from()})
   * @throws IllegalStateException naming the line when the text is malformed
   */
  public static List<Entry> parse(String text, String from) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(from, "from");
    String[] lines = text.split("\n", -1);
    if (!lines[0].stripTrailing().equals(HEADER)) {
      throw new IllegalStateException(from + ":1: the first line must be the header " + HEADER);
    }
    List<Entry> out = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      String line =
          lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split("\t", -1);
      String where = from + ":" + (i + 1) + ": ";
      if (f.length != 5) {
        throw new IllegalStateException(
            where + "a row has 5 tab-separated fields, not " + f.length);
      }
      for (String field : f) {
        if (field.isBlank()) {
          throw new IllegalStateException(where + "a field is empty (write - for no source)");
        }
      }
      if (!f[0].matches("[A-Z][A-Z0-9]*(-[A-Z0-9]+)+")) {
        throw new IllegalStateException(where + Texts.quote(f[0]) + " is not a finding code");
      }
      Severity severity;
      try {
        severity = Severity.valueOf(f[1]);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(
            where + Texts.quote(f[1]) + " is not a severity (ERROR, WARNING or INFO)", e);
      }
      if (seen.contains(f[0])) {
        throw new IllegalStateException(where + f[0] + " is given twice");
      }
      seen.add(f[0]);
      out.add(new Entry(f[0], severity, f[2], f[3], f[4], from));
    }
    return List.copyOf(out);
  }

  /** The entry of a code (in any case), if a catalogue has it. */
  public Optional<Entry> find(String code) {
    Objects.requireNonNull(code, "code");
    return Optional.ofNullable(byCode.get(code.strip().toUpperCase(Locale.ROOT)));
  }

  /** Every entry, by code. */
  public List<Entry> entries() {
    return List.copyOf(byCode.values());
  }

  /** Every code, sorted. */
  public List<String> codes() {
    return List.copyOf(byCode.keySet());
  }

  @Override
  public String toString() {
    return "FindingCatalog[" + byCode.size() + " codes]";
  }
}
