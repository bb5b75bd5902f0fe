package dev.wsingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Reads YAML (and JSON, which is YAML) text into {@link Manifest}s and parse findings.
 *
 * <p>Parse events with positions come from one of two sources; this builds Jackson trees from them
 * directly (no SnakeYAML nodes, no object construction from tags — ever), typing plain scalars like
 * kubectl ({@link ScalarResolver}), keeping each child's position in its container, and enforcing
 * the {@link Manifests.Limits} as it goes. The text is first cut into documents at every line that
 * starts with {@code ---} (YAML forbids that line inside any scalar, so the cut is exact), and each
 * piece is parsed on its own: a syntax error loses one document, never the rest of the file.
 *
 * <p>The two event sources: {@link BlockEvents} reads the block-style YAML that Helm, kustomize and
 * people mostly write, several times faster than SnakeYAML (in a profile of the doctor on the
 * benchmark's 10,000 manifests: 0.08 s of samples against SnakeYAML's 0.6 s, over a quarter of the
 * doctor's time), and gives exactly SnakeYAML's events for it or declines the segment; SnakeYAML
 * 2.5's {@code ParserImpl} reads every segment it declines, as before, and reports every syntax
 * error, non-printable character and scanner limit, so findings and positions are the same
 * whichever source read a document ({@code BlockEventsTest} holds the fast source to SnakeYAML as
 * the oracle). Texts with directives or characters SnakeYAML refuses are read by SnakeYAML alone.
 * {@link #blockEvents} (system property {@code wsingress.yaml.blockEvents=false}) turns the fast
 * source off.
 *
 * <p>Helm output names each template in a {@code # Source: chart/templates/x.yaml} comment before
 * the document; findings then name that template, with line 1 being the line after the comment — an
 * approximation of the template's own line, since template directives add and remove lines.
 */
final class YamlReader {
  static final String TAG = "tag:yaml.org,2002:";
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*(?:[:?+=-][^}]{0,200})?}|\\{\\{.{0,400}?}}");
  private static final Set<String> TEMPLATED_GROUPS =
      Set.of("monitoring.coreos.com", "argoproj.io", "tekton.dev", "triggers.tekton.dev");

  private final Manifests.Limits limits;
  private final LoaderOptions options;
  final List<Manifest> objects = new ArrayList<>();
  final List<Noted> notes = new ArrayList<>();
  private int ordinal;
  private int documentsInFile;
  // Keys and short values repeat across objects (apiVersion, name, TCP, label values): one
  // instance each keeps what a read holds in memory, and so the GC's work, much smaller.
  private final Map<String, String> strings = new HashMap<>();
  private final Map<String, TextNode> texts = new HashMap<>();
  private static final int SHARED_LENGTH = 64;
  private static final int SHARED_ENTRIES = 200_000;

  /**
   * Whether segments are first offered to {@link BlockEvents} (true unless the system property
   * {@code wsingress.yaml.blockEvents} is {@code false}); tests set it to compare both sources.
   */
  static volatile boolean blockEvents =
      !"false".equals(System.getProperty("wsingress.yaml.blockEvents"));

  private final BlockEvents events = new BlockEvents();

  /** {@link #events} while reading a text the fast path may read, else null. */
  private BlockEvents fast;

  /**
   * Whether SnakeYAML's parser may hand a text back to the fast path after a document: not when the
   * text has line breaks that SnakeYAML counts and the segments do not (a CR alone, NEL, U+2028,
   * U+2029), since the running parser's lines after them differ from a fresh one's.
   */
  private boolean resume;

  /** Whether every character of the text is one {@link BlockEvents} reads. */
  private boolean checked;

  YamlReader(Manifests.Limits limits) {
    this.limits = limits;
    this.options = new LoaderOptions();
    // Only the scanner's own limit applies to the event API; the builder enforces the others.
    options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.maxFileBytes()));
    options.setProcessComments(false);
  }

  /** A finding, with the object it is about when there is one (for suppression). */
  static final class Noted {
    final Finding finding;
    final Manifest about;

    Noted(Finding finding, Manifest about) {
      this.finding = finding;
      this.about = about;
    }
  }

  /** Reads one file's (or one text's) content, {@code name} being what findings call it. */
  void read(String fileText, String name) {
    documentsInFile = 0;
    String text = fileText;
    int first = text.startsWith("\uFEFF") ? 1 : 0;
    if (looksLikeJson(text, first, text.length()) && text.indexOf("\\/", first) >= 0) {
      // JSON allows the escape \/ and kubectl reads JSON with a JSON decoder; YAML 1.1 (and
      // go-yaml v2.4.0 scannerc.go) have no such escape. Columns after it on its line shift.
      text = jsonSlashes(text, first, text.length());
      first = 0;
    }
    Segments segments = new Segments(text, first, name);
    boolean candidate =
        blockEvents && text.length() <= options.getCodePointLimit() && !hasDirective(text, first);
    // One pass over the text instead of one per segment when every character is a plain one.
    checked = candidate && BlockEvents.plainCharacters(text, first, text.length());
    fast = candidate && (checked || printable(text, first)) ? events : null;
    resume = fast != null && (checked || !hasOtherBreaks(text));
    int k = 0;
    while (k < segments.size()) {
      k = parse(segments, k, segments.size());
    }
  }

  /**
   * Where documents may start: every line beginning with {@code ---} (with the directives before
   * it), and the text's start. One parser reads from a segment to the end of the text; after a
   * syntax error the next one starts at the segment after the failing document's.
   */
  private static final class Segments {
    final String text;
    final String name;
    final int[] starts;
    final int[] lines;
    final int size;
    private final Place[] places;

    Segments(String text, int first, String name) {
      this.text = text;
      this.name = name;
      int[] st = new int[16];
      int[] ln = new int[16];
      int count = 0;
      st[count] = first;
      ln[count++] = 0;
      int line = 0;
      int n = text.length();
      int i = first;
      while (i < n) {
        int eol = text.indexOf('\n', i);
        int next = eol < 0 ? n : eol + 1;
        if (i > st[count - 1] && isDocumentStart(text, i)) {
          // Directives (%YAML, %TAG) belong to the document they precede.
          int[] back = directivesBefore(text, st[count - 1], i, line);
          if (back[0] > st[count - 1]) {
            if (count == st.length) {
              st = java.util.Arrays.copyOf(st, count * 2);
              ln = java.util.Arrays.copyOf(ln, count * 2);
            }
            st[count] = back[0];
            ln[count++] = back[1];
          }
        }
        line++;
        i = next;
      }
      this.starts = st;
      this.lines = ln;
      this.size = count;
      this.places = new Place[count];
    }

    int size() {
      return size;
    }

    int end(int k) {
      return k + 1 < size ? starts[k + 1] : text.length();
    }

    /** The segment holding the 0-based physical line, searching from segment {@code from}. */
    int of(int line, int from) {
      int lo = from;
      int hi = size - 1;
      while (lo < hi) {
        int mid = (lo + hi + 1) >>> 1;
        if (lines[mid] <= line) {
          lo = mid;
        } else {
          hi = mid - 1;
        }
      }
      return lo;
    }

    Place place(int k) {
      Place p = places[k];
      if (p == null) {
        places[k] = p = YamlReader.place(text, starts[k], end(k), lines[k], name);
      }
      return p;
    }
  }

  /**
   * Parses segments {@code k} to {@code stop} (exclusive); returns the segment to go on from
   * ({@code stop} when done, the failing document's segment + 1 after a syntax error, the number of
   * segments when a limit ends the file).
   *
   * <p>Each segment is first offered to {@link BlockEvents}; the first one it declines, and every
   * segment after it up to the next one that starts a document of its own, SnakeYAML reads from
   * there on as it always did, with one parser to {@code stop}.
   */
  private int parse(Segments seg, int k, int stop) {
    int from = k;
    while (from < stop) {
      if (fast != null) {
        int next = fast(seg, from);
        if (next == seg.size()) {
          return next;
        }
        if (next > 0) {
          from = next;
          continue;
        }
      }
      int next = snake(seg, from, stop);
      if (next >= 0) {
        return next;
      }
      from = -next - 1;
    }
    return stop;
  }

  /**
   * Reads segment {@code k} with {@link BlockEvents}: the next segment, the number of segments when
   * the document limit was reached, or -1 when it declined.
   */
  private int fast(Segments seg, int k) {
    String text = seg.text;
    if (!fast.read(text, seg.starts[k], seg.end(k), checked)) {
      return -1;
    }
    if (!fast.document) {
      return k + 1;
    }
    Place where = seg.place(k);
    int line = seg.lines[k];
    if (++documentsInFile > limits.maxDocuments()) {
      fast.clear();
      notes.add(documentLimit(seg.name, where, line + fast.documentLine + 1));
      return seg.size();
    }
    Document doc = new Document(where, line, text, seg.starts[k], seg.end(k), line);
    doc.build(fast);
    fast.clear();
    doc.finish();
    return k + 1;
  }

  private Noted documentLimit(String name, Place where, int physicalLine) {
    return new Noted(
        CoreCheck.YAML_LIMIT.at(
            name,
            "more than "
                + limits.maxDocuments()
                + " documents in one file (Manifests.Limits.maxDocuments); the rest of"
                + " the file is not read.",
            where.source(physicalLine, 1)),
        null);
  }

  /**
   * Parses segments {@code k} to {@code stop} with SnakeYAML; returns what {@link #parse} returns,
   * or {@code -(m + 1)} when the fast path is on and a document in segment {@code m} (after the
   * documents of {@code k}) is to be offered to {@link BlockEvents} first. A fresh parser from a
   * segment's {@code ---} gives what the running one would: the text holds no directives (their tag
   * handles carry over) and no line breaks but LF and CRLF (the running parser counts lines the
   * segments do not), no document reaches the scanner's code point limit, and the scanner leaves no
   * state past a document start.
   */
  private int snake(Segments seg, int k, int stop) {
    String text = seg.text;
    String name = seg.name;
    int base = seg.lines[k];
    int current = k;
    StreamReader reader =
        new StreamReader(
            new RangeReader(
                text, seg.starts[k], stop < seg.size() ? seg.starts[stop] : text.length()));
    ParserImpl parser = new ParserImpl(reader, options);
    boolean open = false;
    try {
      parser.getEvent(); // StreamStart
      while (!parser.checkEvent(Event.ID.StreamEnd)) {
        Event start = parser.getEvent(); // DocumentStart
        current = seg.of(base + start.getStartMark().getLine(), current);
        Place where = seg.place(current);
        if (++documentsInFile > limits.maxDocuments()) {
          notes.add(documentLimit(name, where, base + start.getStartMark().getLine() + 1));
          return seg.size();
        }
        open = true;
        Document doc =
            new Document(
                where, base, text, seg.starts[current], seg.end(current), seg.lines[current]);
        doc.build(parser);
        parser.getEvent(); // DocumentEnd
        open = false;
        doc.finish();
        if (resume && !parser.checkEvent(Event.ID.StreamEnd)) {
          int next = seg.of(base + parser.peekEvent().getStartMark().getLine(), current);
          if (next > current) {
            return -(next + 1);
          }
        }
      }
      return stop;
    } catch (ReaderException e) {
      // Non-printable characters (NUL, other C0/C1 controls, lone surrogates).
      int offset =
          Math.min(
              text.length(), text.offsetByCodePoints(seg.starts[k], Math.max(0, e.getPosition())));
      // The reader looks ahead: the bad character may be in a later document.
      return refuse(
          seg,
          current,
          base + count(text, seg.starts[k], offset),
          open,
          String.format(
              "the character U+%04X is not allowed in YAML; the document is not read.",
              e.getCodePoint()));
    } catch (MarkedYAMLException e) {
      int lastLine = seg.lines[current] + count(text, seg.starts[current], seg.end(current));
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      if (mark != null
          && e.getContextMark() != null
          && base + mark.getLine() >= lastLine
          && base + e.getContextMark().getLine() >= seg.lines[current]) {
        // "but got <document start>" or "<stream end>": the place left open says more.
        mark = e.getContextMark();
      }
      int physical = mark == null ? seg.lines[current] : base + mark.getLine();
      int column = mark == null ? 1 : mark.getColumn() + 1;
      if (physical >= lastLine && physical > seg.lines[current]) {
        physical = Math.max(seg.lines[current], lastLine - 1);
        column = 1;
      }
      String problem = e.getProblem() == null ? "malformed YAML" : e.getProblem();
      String lineText =
          lineAt(text, seg.starts[current], seg.end(current), physical - seg.lines[current]);
      String message =
          lineText.contains("{{")
              ? problem
                  + " (the line has {{ }}: an unrendered template?); the document is not read."
              : problem + "; the document is not read.";
      notes.add(
          new Noted(
              CoreCheck.YAML_SYNTAX.at(
                  name, message, seg.place(current).source(physical + 1, column)),
              null));
      return current + 1;
    } catch (NumberFormatException e) {
      // snakeyaml 2.5 org/yaml/snakeyaml/scanner/ScannerImpl.java: Integer.parseInt of the 8 hex
      // digits of a \U escape (0x80000000 and up) and of a non-ASCII digit as a block scalar's
      // indentation indicator throw this, none of SnakeYAML's own exceptions. The scanner stops
      // where it failed; it may have looked ahead into a later document.
      return refuse(
          seg,
          current,
          base + reader.getMark().getLine(),
          open,
          "a number in the document (of a \\U escape, an indentation indicator or a %YAML version)"
              + " is beyond what the parser can convert; the document is not read.");
    } catch (YAMLException e) {
      // The scanner's code point limit (the file size limit already refused bigger files).
      notes.add(
          new Noted(
              CoreCheck.YAML_LIMIT.at(
                  name,
                  "the text is longer than "
                      + limits.maxFileBytes()
                      + " characters (Manifests.Limits.maxFileBytes); the rest is not read.",
                  seg.place(current).source(seg.lines[current] + 1, 1)),
              null));
      return seg.size();
    }
  }

  /**
   * A failure SnakeYAML reports at a physical line, which its look-ahead may have put in a later
   * document than the one it was reading ({@code current}): the documents before that one are read
   * on their own ({@link #readBefore}), and the one holding the line gets {@code message} as a
   * {@code CORE-YAML-SYNTAX} finding there. The segment to go on from.
   */
  private int refuse(Segments seg, int current, int physical, boolean open, String message) {
    int at = seg.of(physical, current);
    if (at > current && !readBefore(seg, current, at, open)) {
      return seg.size(); // the document limit was reached
    }
    notes.add(
        new Noted(
            CoreCheck.YAML_SYNTAX.at(seg.name, message, seg.place(at).source(physical + 1, 1)),
            null));
    return at + 1;
  }

  /**
   * Reads the documents of segments {@code from} to {@code at} on their own, when SnakeYAML failed
   * at a later one than the document it was reading: every one of them, so that a syntax error in
   * one does not drop the others. {@code open} says whether the failed parser had counted a
   * document it did not finish. False when the document limit was reached.
   */
  private boolean readBefore(Segments seg, int from, int at, boolean open) {
    if (open) {
      documentsInFile--;
    }
    int k = from;
    while (k < at) {
      k = parse(seg, k, at);
      if (k == seg.size()) {
        return false;
      }
    }
    return true;
  }

  String shared(String s) {
    if (s.length() > SHARED_LENGTH) {
      return s;
    }
    String known = strings.get(s);
    if (known != null) {
      return known;
    }
    if (strings.size() < SHARED_ENTRIES) {
      strings.put(s, s);
    }
    return s;
  }

  TextNode text(String s) {
    if (s.length() > SHARED_LENGTH) {
      return TextNode.valueOf(s);
    }
    TextNode known = texts.get(s);
    if (known != null) {
      return known;
    }
    TextNode t = TextNode.valueOf(shared(s));
    if (texts.size() < SHARED_ENTRIES) {
      texts.put(t.textValue(), t);
    }
    return t;
  }

  /**
   * Whether a line may start with {@code %} (a directive; any of SnakeYAML's line breaks counts):
   * such texts are left to SnakeYAML alone, since %TAG handles carry over from one document to the
   * next (snakeyaml 2.5 org/yaml/snakeyaml/parser/ParserImpl.java processDirectives).
   */
  private static boolean hasDirective(String text, int first) {
    int i = text.indexOf('%', first);
    while (i >= 0) {
      if (i == first) {
        return true;
      }
      char c = text.charAt(i - 1);
      if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
        return true;
      }
      i = text.indexOf('%', i + 1);
    }
    return false;
  }

  /**
   * Whether SnakeYAML's reader takes every character (snakeyaml 2.5
   * org/yaml/snakeyaml/reader/StreamReader.java isPrintable). A text it refuses is left to
   * SnakeYAML alone: where its ReaderException comes depends on where the parser started and its
   * 1024-character reads fall, and that stays as it always was.
   */
  private static boolean printable(String text, int first) {
    int n = text.length();
    for (int i = first; i < n; i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c <= 0x7E || c == '\n') {
        continue;
      }
      if (c < 0x20) {
        if (c != '\t' && c != '\r') {
          return false;
        }
      } else if (c < 0xA0) {
        if (c != 0x85) {
          return false;
        }
      } else if (Character.isHighSurrogate(c)) {
        if (i + 1 >= n || !Character.isLowSurrogate(text.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasOtherBreaks(String text) {
    for (int i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) {
      if (i + 1 == text.length() || text.charAt(i + 1) != '\n') {
        return true; // CR LF is one line break to SnakeYAML and to the segments alike
      }
    }
    return text.indexOf('\u0085') >= 0
        || text.indexOf('\u2028') >= 0
        || text.indexOf('\u2029') >= 0;
  }

  private static boolean isDocumentStart(String text, int i) {
    if (!text.startsWith("---", i)) {
      return false;
    }
    if (i + 3 >= text.length()) {
      return true;
    }
    char c = text.charAt(i + 3);
    return c == '\n' || c == '\r' || c == ' ' || c == '\t';
  }

  private static int[] directivesBefore(String text, int segStart, int at, int line) {
    int cut = at;
    int cutLine = line;
    while (cut > segStart) {
      int prevEnd = cut - 1; // the '\n' ending the previous line
      int prevStart = text.lastIndexOf('\n', prevEnd - 1) + 1;
      if (prevStart < segStart || text.charAt(prevStart) != '%') {
        break;
      }
      cut = prevStart;
      cutLine--;
    }
    return new int[] {cut, cutLine};
  }

  /** Where findings in one piece of text point: a file and a line shift (Helm templates). */
  private static final class Place {
    final String file;
    final String physicalFile;
    final int lineShift;
    final int firstLine;

    Place(String file, String physicalFile, int lineShift, int firstLine) {
      this.file = file;
      this.physicalFile = physicalFile;
      this.lineShift = lineShift;
      this.firstLine = firstLine;
    }

    Source source(long packed) {
      return source(PositionedNodes.line(packed), PositionedNodes.column(packed));
    }

    Source source(int physicalLine, int column) {
      return new Source(file, Math.max(1, physicalLine - lineShift), Math.max(1, column));
    }
  }

  /** The Helm {@code # Source:} comment heading a segment, if any. */
  private static Place place(String text, int start, int end, int firstLine, String name) {
    int i = start;
    int line = firstLine;
    while (i < end) {
      int eol = text.indexOf('\n', i);
      int next = eol < 0 || eol >= end ? end : eol + 1;
      String l = text.substring(i, next).strip();
      if (l.startsWith("---")) {
        l = l.substring(3).strip();
      }
      if (l.startsWith("#")) {
        String c = l.substring(1).strip();
        if (c.startsWith("Source:")) {
          String template = c.substring(7).strip();
          if (!template.isEmpty() && template.length() <= 1000) {
            // Line 1 is the line after the comment (line + 1 is the comment's own 1-based line).
            return new Place(template, name, line + 1, firstLine);
          }
        }
      } else if (!l.isEmpty()) {
        break;
      }
      line++;
      i = next;
    }
    return new Place(name, name, 0, firstLine);
  }

  /** Parses one segment; false when the file's document limit was reached. */
  private static boolean looksLikeJson(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c == '{' || c == '[') {
        return true;
      }
      if (!Character.isWhitespace(c)) {
        return false;
      }
    }
    return false;
  }

  /** The JSON text with every {@code \/} inside a string turned into {@code /}. */
  private static String jsonSlashes(String text, int from, int to) {
    StringBuilder b = new StringBuilder(to - from);
    boolean inString = false;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (inString && c == '\\' && i + 1 < to) {
        char next = text.charAt(i + 1);
        if (next != '/') {
          b.append(c);
        }
        b.append(next);
        i++;
        continue;
      }
      if (c == '"') {
        inString = !inString;
      }
      b.append(c);
    }
    return b.toString();
  }

  private static int count(String text, int from, int to) {
    int lines = 0;
    for (int i = from; i < to; i++) {
      if (text.charAt(i) == '\n') {
        lines++;
      }
    }
    return lines;
  }

  private static String lineAt(String text, int start, int end, int index) {
    int i = start;
    for (int k = 0; k < index && i < end; k++) {
      int eol = text.indexOf('\n', i);
      if (eol < 0 || eol >= end) {
        return "";
      }
      i = eol + 1;
    }
    int eol = text.indexOf('\n', i);
    return text.substring(i, eol < 0 || eol > end ? end : eol);
  }

  /** A problem that ends the building of one document (its events are still read through). */
  private static final class DocumentProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final CoreCheck check;
    final long position;

    DocumentProblem(CoreCheck check, String message, long position) {
      super(message, null, false, false);
      this.check = check;
      this.position = position;
    }
  }

  private static final class Frame {
    final JsonNode node;
    final boolean map;
    final long position;
    final String anchor;
    final long nodesAtStart;
    String key;
    long keyPosition;
    boolean merge;
    Set<String> merged;

    Frame(JsonNode node, boolean map, long position, String anchor, long nodesAtStart) {
      this.node = node;
      this.map = map;
      this.position = position;
      this.anchor = anchor;
      this.nodesAtStart = nodesAtStart;
    }
  }

  private static final class Anchored {
    final JsonNode node;
    final long size;

    Anchored(JsonNode node, long size) {
      this.node = node;
      this.size = size;
    }
  }

  private static final class Placeholder {
    final List<Object> path;
    final String text;
    final boolean multiline;
    final long position;

    Placeholder(List<Object> path, String text, boolean multiline, long position) {
      this.path = path;
      this.text = text;
      this.multiline = multiline;
      this.position = position;
    }
  }

  private static final class Duplicate {
    final String key;
    final long first;
    final long second;

    Duplicate(String key, long first, long second) {
      this.key = key;
      this.first = first;
      this.second = second;
    }
  }

  /** Builds one document's tree from its events. */
  private final class Document {
    final Place where;
    final int firstLine;
    final String text;
    final int start;
    final int end;
    final int segmentLine;
    Frame[] stack = new Frame[16];
    int depth;
    Map<String, Anchored> anchors;
    long nodes;
    int aliases;
    JsonNode root;
    long rootPosition;
    DocumentProblem problem;
    List<Placeholder> placeholders;
    List<Duplicate> duplicates;

    Document(Place where, int firstLine, String text, int start, int end, int segmentLine) {
      this.where = where;
      this.firstLine = firstLine;
      this.text = text;
      this.start = start;
      this.end = end;
      this.segmentLine = segmentLine;
    }

    long pack(Mark mark) {
      return PositionedNodes.pack(firstLine + mark.getLine() + 1, mark.getColumn() + 1);
    }

    /** Builds the tree from {@link BlockEvents}' events (lines relative to {@link #firstLine}). */
    void build(BlockEvents e) {
      try {
        for (int i = 0; i < e.size; i++) {
          long position = PositionedNodes.pack(firstLine + e.lines[i] + 1, e.columns[i] + 1);
          switch (e.kinds[i]) {
            case BlockEvents.SCALAR:
              scalar(e.values[i], null, e.styles[i] == BlockEvents.PLAIN, null, position);
              break;
            case BlockEvents.MAPPING_START:
              start(true, null, null, position);
              break;
            case BlockEvents.SEQUENCE_START:
              start(false, null, null, position);
              break;
            default:
              end();
              break;
          }
        }
      } catch (DocumentProblem p) {
        problem = p;
        root = null;
        stack = null;
        anchors = null;
      }
    }

    void build(ParserImpl parser) {
      while (!parser.checkEvent(Event.ID.DocumentEnd)) {
        Event e = parser.getEvent();
        if (problem != null) {
          continue; // read through to the document's end
        }
        try {
          handle(e);
        } catch (DocumentProblem p) {
          problem = p;
          root = null;
          stack = null;
          anchors = null;
        }
      }
    }

    private void handle(Event e) {
      switch (e.getEventId()) {
        case Scalar:
          ScalarEvent s = (ScalarEvent) e;
          scalar(s.getValue(), s.getTag(), s.isPlain(), s.getAnchor(), pack(s.getStartMark()));
          break;
        case MappingStart:
        case SequenceStart:
          CollectionStartEvent c = (CollectionStartEvent) e;
          start(
              e.getEventId() == Event.ID.MappingStart,
              c.getTag(),
              c.getAnchor(),
              pack(c.getStartMark()));
          break;
        case MappingEnd:
        case SequenceEnd:
          end();
          break;
        case Alias:
          alias(((AliasEvent) e).getAnchor(), pack(e.getStartMark()));
          break;
        default:
          break;
      }
    }

    private void count(long more, long position) {
      nodes += more;
      if (nodes > limits.maxNodes()) {
        throw new DocumentProblem(
            CoreCheck.YAML_LIMIT,
            "the document has more than "
                + limits.maxNodes()
                + " values once its aliases are expanded (Manifests.Limits.maxNodes); it is not"
                + " read.",
            position);
      }
    }

    private Frame top() {
      return depth == 0 ? null : stack[depth - 1];
    }

    private boolean expectsKey() {
      Frame f = top();
      return f != null && f.map && f.key == null;
    }

    private void scalar(
        String value, String tag, boolean plainStyle, String anchor, long position) {
      count(1, position);
      boolean plain = plainStyle && tag == null;
      JsonNode node = value(value, tag, plain, position);
      if (expectsKey()) {
        Frame f = top();
        f.keyPosition = position;
        if (plain && value.equals(ScalarResolver.MERGE)) {
          f.merge = true;
          f.key = ScalarResolver.MERGE;
        } else {
          f.key = shared(ScalarResolver.key(node, value));
          noteText(value, position, true);
        }
        anchor(anchor, node, 1);
        return;
      }
      if (node.isTextual()) {
        noteText(value, position, false);
      }
      anchor(anchor, node, 1);
      place(node, position);
    }

    private JsonNode value(String value, String tag, boolean plain, long position) {
      if (tag == null || tag.equals("!")) {
        if (!plain) {
          return text(value);
        }
        JsonNode resolved = ScalarResolver.plain(value);
        return resolved.isTextual() ? text(value) : resolved;
      }
      if (!tag.startsWith(TAG)) {
        throw tagProblem(tag, position);
      }
      String t = tag.substring(TAG.length());
      JsonNode r;
      switch (t) {
        case "str":
        case "binary":
        case "timestamp":
          return TextNode.valueOf(value);
        case "int":
          r = ScalarResolver.plain(value);
          if (r.isIntegralNumber()) {
            return r;
          }
          break;
        case "float":
          r = ScalarResolver.plain(value);
          if (r.isIntegralNumber()) {
            return DoubleNode.valueOf(r.doubleValue());
          }
          if (r.isDouble()) {
            return r;
          }
          break;
        case "bool":
          r = ScalarResolver.plain(value);
          if (r.isBoolean()) {
            return r;
          }
          break;
        case "null":
          r = ScalarResolver.plain(value);
          if (r.isNull()) {
            return r;
          }
          break;
        default:
          throw tagProblem(tag, position);
      }
      throw new DocumentProblem(
          CoreCheck.YAML_TAG,
          "the value " + Texts.quote(value) + " is not a !!" + t + "; the document is not read.",
          position);
    }

    private DocumentProblem tagProblem(String tag, long position) {
      String shown = tag.startsWith(TAG) ? "!!" + tag.substring(TAG.length()) : tag;
      return new DocumentProblem(
          CoreCheck.YAML_TAG,
          "the tag "
              + Texts.quote(shown)
              + " is not plain data; wsingress never builds objects from tags, and does not read"
              + " this document.",
          position);
    }

    private void anchor(String name, JsonNode node, long size) {
      if (name != null) {
        if (anchors == null) {
          anchors = new HashMap<>();
        }
        anchors.put(name, new Anchored(node, size));
      }
    }

    private void start(boolean map, String tag, String anchor, long position) {
      if (expectsKey()) {
        throw new DocumentProblem(
            CoreCheck.YAML_SYNTAX,
            "a mapping key is a "
                + (map ? "mapping" : "sequence")
                + ", which JSON and Kubernetes cannot hold"
                + (lineHasTemplate(position)
                    ? " (the line has {{ }}: an unrendered template?)"
                    : "")
                + "; the document is not read.",
            position);
      }
      if (tag != null && !tag.equals("!") && !tag.equals(TAG + (map ? "map" : "seq"))) {
        throw tagProblem(tag, position);
      }
      if (depth >= limits.maxDepth()) {
        throw new DocumentProblem(
            CoreCheck.YAML_LIMIT,
            "the document nests deeper than "
                + limits.maxDepth()
                + " levels (Manifests.Limits.maxDepth); it is not read.",
            position);
      }
      count(1, position);
      JsonNode node = map ? new PositionedNodes.Obj() : new PositionedNodes.Arr();
      if (depth == stack.length) {
        Frame[] bigger = new Frame[depth * 2];
        System.arraycopy(stack, 0, bigger, 0, depth);
        stack = bigger;
      }
      stack[depth++] = new Frame(node, map, position, anchor, nodes);
    }

    private boolean lineHasTemplate(long position) {
      return lineAt(text, start, end, PositionedNodes.line(position) - segmentLine - 1)
          .contains("{{");
    }

    private void end() {
      Frame f = stack[--depth];
      stack[depth] = null;
      if (f.anchor != null) {
        if (anchors == null) {
          anchors = new HashMap<>();
        }
        anchors.put(f.anchor, new Anchored(f.node, nodes - f.nodesAtStart + 1));
      }
      place(f.node, f.position);
    }

    private void alias(String anchor, long position) {
      Anchored a = anchors == null ? null : anchors.get(anchor);
      if (a == null) {
        throw new DocumentProblem(
            CoreCheck.YAML_SYNTAX,
            "the alias *"
                + anchor
                + " names no complete anchor before it (undefined, or an alias inside its own"
                + " anchor); the document is not read.",
            position);
      }
      if (a.node.isContainerNode() && ++aliases > limits.maxAliases()) {
        throw new DocumentProblem(
            CoreCheck.YAML_LIMIT,
            "the document has more than "
                + limits.maxAliases()
                + " aliases to mappings or sequences (Manifests.Limits.maxAliases); it is not"
                + " read.",
            position);
      }
      count(a.size, position);
      if (expectsKey()) {
        if (a.node.isContainerNode()) {
          throw new DocumentProblem(
              CoreCheck.YAML_SYNTAX,
              "a mapping key is an alias to a mapping or sequence, which JSON and Kubernetes"
                  + " cannot hold; the document is not read.",
              position);
        }
        Frame f = top();
        f.keyPosition = position;
        f.key = ScalarResolver.key(a.node, a.node.asText());
        return;
      }
      place(a.node, position);
    }

    private void place(JsonNode node, long position) {
      Frame f = top();
      if (f == null) {
        root = node;
        rootPosition = position;
        return;
      }
      if (!f.map) {
        ((PositionedNodes.Arr) f.node).add(node, position);
        return;
      }
      String key = f.key;
      f.key = null;
      PositionedNodes.Obj o = (PositionedNodes.Obj) f.node;
      if (f.merge) {
        f.merge = false;
        merge(f, o, node, f.keyPosition);
        return;
      }
      if (o.has(key)) {
        if (f.merged != null && f.merged.remove(key)) {
          // An explicit key after a merge overrides the merged value (go-yaml v2 decode.go
          // mapping(): keys are set in order, merges included).
        } else {
          if (duplicates == null) {
            duplicates = new ArrayList<>();
          }
          duplicates.add(new Duplicate(key, o.position(key), f.keyPosition));
        }
      }
      o.put(key, node, f.keyPosition);
    }

    private void merge(Frame f, PositionedNodes.Obj into, JsonNode value, long position) {
      // go-yaml v2.4.0 decode.go merge(): a mapping, or a sequence of mappings applied from the
      // last to the first so that earlier ones take precedence.
      List<JsonNode> sources = new ArrayList<>();
      if (value.isObject()) {
        sources.add(value);
      } else if (value.isArray()) {
        for (int i = value.size() - 1; i >= 0; i--) {
          sources.add(value.get(i));
        }
      }
      if (sources.isEmpty() || !sources.stream().allMatch(JsonNode::isObject)) {
        throw new DocumentProblem(
            CoreCheck.YAML_SYNTAX,
            "the merge key << needs a mapping or a list of mappings; the document is not read.",
            position);
      }
      if (f.merged == null) {
        f.merged = new HashSet<>();
      }
      for (JsonNode s : sources) {
        PositionedNodes.Obj from = (PositionedNodes.Obj) s;
        Iterator<Map.Entry<String, JsonNode>> it = from.properties().iterator();
        while (it.hasNext()) {
          Map.Entry<String, JsonNode> entry = it.next();
          into.put(entry.getKey(), entry.getValue(), from.position(entry.getKey()));
          f.merged.add(entry.getKey());
        }
      }
    }

    private void noteText(String value, long position, boolean key) {
      if (value.indexOf('{') < 0 && value.indexOf('$') < 0) {
        return;
      }
      Matcher m = PLACEHOLDER.matcher(value);
      if (!m.find()) {
        return;
      }
      List<Object> path = new ArrayList<>(depth + 1);
      for (int i = 0; i < depth; i++) {
        Frame f = stack[i];
        if (f.map) {
          path.add(f.key == null ? "" : f.key);
        } else {
          path.add(f.node.size());
        }
      }
      if (key) {
        path.set(path.size() - 1, value);
      }
      if (placeholders == null) {
        placeholders = new ArrayList<>();
      }
      placeholders.add(new Placeholder(path, m.group(), value.indexOf('\n') >= 0, position));
    }

    /** Turns the finished tree into manifests (or a finding), then reports what it noted. */
    void finish() {
      if (problem != null) {
        notes.add(
            new Noted(
                problem.check.at(
                    where.physicalFile, problem.getMessage(), where.source(problem.position)),
                null));
        return;
      }
      List<Manifest> made = new ArrayList<>(1);
      if (root != null && !root.isNull()) {
        if (!root.isObject()) {
          notAnObject(
              "the document is " + describe(root) + ", not a Kubernetes object", rootPosition);
        } else {
          object((ObjectNode) root, rootPosition, null, made);
        }
      }
      if (duplicates != null) {
        for (Duplicate d : duplicates) {
          Manifest about = made.size() == 1 ? made.get(0) : null;
          String subject = about != null ? about.subject() : where.physicalFile;
          notes.add(
              new Noted(
                  CoreCheck.YAML_DUPLICATE_KEY.at(
                      subject,
                      "the key "
                          + Texts.quote(d.key)
                          + " is given twice, at line "
                          + where.source(d.first).line()
                          + " and here; readers that accept this keep one value and drop the"
                          + " other (wsingress keeps this one).",
                      where.source(d.second)),
                  about));
        }
      }
      if (placeholders != null) {
        placeholders(made);
      }
    }

    private void placeholders(List<Manifest> made) {
      boolean list = made.size() > 1 || (made.size() == 1 && made.get(0).tree() != root);
      for (Placeholder p : placeholders) {
        List<Object> path = p.path;
        Manifest about = made.size() == 1 && !list ? made.get(0) : null;
        if (list && path.size() >= 2 && "items".equals(path.get(0))) {
          int index = path.get(1) instanceof Integer ? (Integer) path.get(1) : -1;
          about = index >= 0 && index < made.size() ? made.get(index) : null;
          path = path.subList(2, path.size());
        }
        if (p.multiline || templated(about, path)) {
          continue;
        }
        String subject = about != null ? about.subject() : where.physicalFile;
        notes.add(
            new Noted(
                CoreCheck.YAML_PLACEHOLDER.at(
                    subject,
                    "the value at "
                        + Texts.path(path)
                        + " has the unresolved placeholder "
                        + Texts.quote(p.text)
                        + "; what is applied will differ.",
                    where.source(p.position)),
                about));
      }
    }

    private boolean templated(Manifest about, List<Object> path) {
      if (!path.isEmpty()) {
        Object first = path.get(0);
        if ("data".equals(first) || "stringData".equals(first) || "binaryData".equals(first)) {
          return true;
        }
      }
      return about != null && TEMPLATED_GROUPS.contains(about.group());
    }

    private void notAnObject(String what, long position) {
      notes.add(
          new Noted(
              CoreCheck.NOT_AN_OBJECT.at(
                  where.physicalFile, what + "; it is not checked.", where.source(position)),
              null));
    }

    private void object(ObjectNode tree, long position, ObjectNode list, List<Manifest> made) {
      JsonNode apiVersion = tree.get("apiVersion");
      JsonNode kind = tree.get("kind");
      boolean hasApiVersion =
          apiVersion != null && apiVersion.isTextual() && !apiVersion.asText().isEmpty();
      boolean hasKind = kind != null && kind.isTextual() && !kind.asText().isEmpty();
      if (list != null && (!hasApiVersion || !hasKind)) {
        // Items of a typed list (ServiceList) may leave apiVersion and kind to the list.
        String listKind = list.get("kind").asText();
        if (!listKind.equals("List")) {
          hasApiVersion = hasApiVersion || list.get("apiVersion") != null;
          hasKind = true;
        }
      }
      if (!hasApiVersion || !hasKind) {
        notAnObject(
            "the document has no "
                + (!hasApiVersion && !hasKind
                    ? "apiVersion and no kind"
                    : !hasApiVersion ? "apiVersion" : "kind"),
            position);
        return;
      }
      String k = kind != null && kind.isTextual() ? kind.asText() : "";
      JsonNode items = tree.get("items");
      if (list == null && k.endsWith("List") && items != null && items.isArray()) {
        PositionedNodes.Arr arr = (PositionedNodes.Arr) items;
        for (int i = 0; i < arr.size(); i++) {
          JsonNode item = arr.get(i);
          if (item.isObject()) {
            object((ObjectNode) item, arr.position(i), tree, made);
          } else {
            notAnObject(
                "items[" + i + "] of the " + k + " is " + describe(item) + ", not an object",
                arr.position(i));
          }
        }
        return;
      }
      String listApiVersion = list == null ? null : list.path("apiVersion").asText(null);
      String listKind = list == null ? null : list.path("kind").asText("");
      Manifest m =
          new Manifest(
              where.physicalFile,
              where.file,
              where.lineShift,
              tree,
              position,
              ordinal++,
              hasText(apiVersion) ? apiVersion.asText() : listApiVersion,
              !k.isEmpty() ? k : listKind.substring(0, listKind.length() - 4));
      objects.add(m);
      made.add(m);
    }
  }

  private static boolean hasText(JsonNode n) {
    return n != null && n.isTextual() && !n.asText().isEmpty();
  }

  static String describe(JsonNode n) {
    if (n.isArray()) {
      return "a sequence";
    }
    if (n.isTextual()) {
      return "the text " + Texts.quote(n.asText());
    }
    return "the value " + n.asText();
  }

  /** A {@link Reader} over part of a string, so segments are never copied. */
  private static final class RangeReader extends Reader {
    private final String text;
    private int position;
    private final int end;

    RangeReader(String text, int start, int end) {
      this.text = text;
      this.position = start;
      this.end = end;
    }

    @Override
    public int read(char[] buffer, int offset, int length) {
      if (position >= end) {
        return -1;
      }
      int n = Math.min(length, end - position);
      text.getChars(position, position + n, buffer, offset);
      position += n;
      return n;
    }

    @Override
    public void close() {}
  }
}
