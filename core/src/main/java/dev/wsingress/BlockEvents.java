package dev.wsingress;

/**
 * The parse events of one block-style YAML document, read without SnakeYAML — or nothing.
 *
 * <p>{@link #read} takes one segment as {@link YamlReader} cuts them (the text from one {@code ---}
 * line to the next) and either gives exactly the events SnakeYAML 2.5's {@code ParserImpl} gives
 * for that text alone (kinds, values, styles, start lines and columns), or declines (returns false)
 * as soon as it meets anything outside the subset it fully understands: then SnakeYAML reads the
 * segment, as it always did. The subset is what Helm output, kustomize builds and hand-written
 * manifests mostly are: block mappings and sequences by indentation (indentless {@code key:\n- a}
 * and compact {@code - key: v} included), plain scalars (multi-line ones folded as SnakeYAML folds
 * them), single- and double-quoted scalars on one line, literal block scalars ({@code |}, {@code
 * |-}, {@code |+}, without an indentation indicator), comments, empty values, and flow sequences
 * and mappings of scalars and of each other on one line ({@code {}}, {@code [a, "b"]}, {@code {key:
 * app, values: [x, y]}}). Declined: any character outside SnakeYAML's printable set, and tabs,
 * carriage returns but those of CRLF line ends, NEL, U+2028/U+2029, BOMs and surrogates (so that a
 * column is a char offset); anchors, aliases, tags, directives, {@code ?} keys, {@code ...}, folded
 * scalars, indentation indicators, multi-line quoted scalars, multi-line flow collections, empty
 * keys and flow values, trailing commas, one-pair mappings in flow sequences, and everything
 * SnakeYAML would refuse. It never reports an error: every syntax error is SnakeYAML's.
 *
 * <p>The rules are SnakeYAML's scanner and parser, ported for the subset: snakeyaml 2.5
 * org/yaml/snakeyaml/scanner/ScannerImpl.java (fetchMoreTokens, scanToNextToken, the simple-key
 * rules of savePossibleSimpleKey/fetchValue, unwindIndent/addIndent, checkPlain, scanPlain,
 * scanPlainSpaces, scanFlowScalar, scanBlockScalar) and org/yaml/snakeyaml/parser/ParserImpl.java
 * (the block and flow productions, processEmptyScalar). The scanner pass turns the whole segment
 * into tokens first, then the parser pass turns them into events; a decline in either leaves
 * nothing. One instance is reused for every segment of a read; it is not thread-safe.
 */
final class BlockEvents {
  static final byte SCALAR = 1;
  static final byte MAPPING_START = 2;
  static final byte MAPPING_END = 3;
  static final byte SEQUENCE_START = 4;
  static final byte SEQUENCE_END = 5;

  /** Scalar styles (for collections: {@link #BLOCK} or {@link #FLOW}). */
  static final byte PLAIN = 0;

  static final byte SINGLE_QUOTED = 1;
  static final byte DOUBLE_QUOTED = 2;
  static final byte LITERAL = 3;
  static final byte BLOCK = 0;
  static final byte FLOW = 1;

  /** Nesting deeper than this is left to SnakeYAML (whose parser is not recursive). */
  private static final int MAX_DEPTH = 200;

  /**
   * A document of more tokens than this is left to SnakeYAML, which streams it: the fast path holds
   * a document's tokens and events at once (about 30 bytes each, and the node limit stops the tree
   * at 500,000 values by default anyway).
   */
  private static final int MAX_TOKENS = 1 << 20;

  /**
   * A simple key longer than this (from its start to its ':') is left to SnakeYAML, in block and
   * flow mappings alike (ScannerImpl.stalePossibleSimpleKeys: a key 1024 code points behind is
   * stale; in a flow mapping its ':' then has no key, a parser error).
   */
  private static final int MAX_KEY = 1000;

  // ---- the result of the last read

  /** Whether the segment holds a document (false: only comments and blank lines). */
  boolean document;

  /** Whether the document starts with {@code ---}. */
  boolean explicit;

  /** The document start's 0-based line and column, relative to the segment. */
  int documentLine;

  int documentColumn;

  /** The number of events between the document's start and end. */
  int size;

  byte[] kinds = new byte[256];
  byte[] styles = new byte[256];
  int[] lines = new int[256];
  int[] columns = new int[256];
  String[] values = new String[256];

  // ---- tokens

  private static final byte T_STREAM_END = 1;
  private static final byte T_DOCUMENT_START = 2;
  private static final byte T_MAPPING_START = 3;
  private static final byte T_SEQUENCE_START = 4;
  private static final byte T_BLOCK_END = 5;
  private static final byte T_ENTRY = 6;
  private static final byte T_KEY = 7;
  private static final byte T_VALUE = 8;
  private static final byte T_SCALAR = 9;
  private static final byte T_FLOW_SEQUENCE_START = 10;
  private static final byte T_FLOW_SEQUENCE_END = 11;
  private static final byte T_FLOW_MAPPING_START = 12;
  private static final byte T_FLOW_MAPPING_END = 13;
  private static final byte T_FLOW_ENTRY = 14;

  private int tokens;
  private byte[] tType = new byte[256];
  private byte[] tStyle = new byte[256];
  private int[] tLine = new int[256];
  private int[] tColumn = new int[256];
  private String[] tValue = new String[256];

  // ---- the scanner's state

  private String text;
  private int start;
  private int end;
  private int pos;
  private int line;
  private int lineStart;
  private int indent;
  private int[] indents = new int[16];
  private int indentDepth;
  private boolean allowSimpleKey;
  private StringBuilder chunks;

  // ---- the parser's state

  private int t;

  /**
   * Reads {@code text[start, end)}; true with the events in this object, false when declined.
   * {@code start} must be a line start.
   */
  boolean read(String text, int start, int end) {
    return read(text, start, end, false);
  }

  /**
   * {@link #read(String, int, int)}; {@code checked} when the caller knows that every character of
   * the text is one the fast path reads ({@link #plainCharacters}).
   */
  boolean read(String text, int start, int end, boolean checked) {
    size = 0;
    tokens = 0;
    document = false;
    if (!checked && !plainCharacters(text, start, end)) {
      if (!crlf(text, start, end)) {
        return false;
      }
      // CRLF line ends: SnakeYAML reads CR LF as one line break, never as content, and counts a
      // column for the CR only at the line's end (StreamReader.forward, scanLineBreak), so the
      // events of the text are those of the text with LF alone; lines and columns included.
      text = text.substring(start, end).replace("\r\n", "\n");
      start = 0;
      end = text.length();
    }
    this.text = text;
    this.start = start;
    this.end = end;
    pos = start;
    line = 0;
    lineStart = start;
    indent = -1;
    indentDepth = 0;
    allowSimpleKey = true;
    boolean ok = scan() && parse();
    for (int i = 0; i < tokens; i++) {
      tValue[i] = null;
    }
    this.text = null;
    if (!ok) {
      for (int i = 0; i < size; i++) {
        values[i] = null;
      }
      size = 0;
      document = false;
    }
    return ok;
  }

  /** Drops the values of the last read (they belong to the caller's tree once built). */
  void clear() {
    for (int i = 0; i < size; i++) {
      values[i] = null;
    }
    size = 0;
  }

  /**
   * Whether every character is one SnakeYAML reads as one printable code point with no special line
   * or column rule: snakeyaml 2.5 org/yaml/snakeyaml/reader/StreamReader.java isPrintable, less
   * TAB, CR, NEL, U+2028, U+2029 (line breaks or indentation rules of their own), U+FEFF
   * (StreamReader.forward counts no column for it) and surrogates (one code point, two chars).
   */
  static boolean plainCharacters(String text, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c <= 0x7E || c == '\n') {
        continue;
      }
      if (c >= 0xA0 && c <= 0xD7FF && c != 0x2028 && c != 0x2029) {
        continue;
      }
      if (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF) {
        continue;
      }
      return false;
    }
    return true;
  }

  /** Whether the only characters {@link #plainCharacters} refuses are CRs before LFs. */
  private static boolean crlf(String text, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c == '\r') {
        if (i + 1 >= end || text.charAt(i + 1) != '\n') {
          return false;
        }
      } else if (!plainCharacters(text, i, i + 1)) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- scanner

  private int column() {
    return pos - lineStart;
  }

  /** NULL_BL_T_LINEBR for the characters that are left: end, space, line feed. */
  private boolean blank(int p) {
    if (p >= end) {
      return true;
    }
    char c = text.charAt(p);
    return c == ' ' || c == '\n';
  }

  private void token(byte type, int tokenLine, int tokenColumn) {
    if (tokens == tType.length) {
      int n = tokens * 2;
      tType = java.util.Arrays.copyOf(tType, n);
      tStyle = java.util.Arrays.copyOf(tStyle, n);
      tLine = java.util.Arrays.copyOf(tLine, n);
      tColumn = java.util.Arrays.copyOf(tColumn, n);
      tValue = java.util.Arrays.copyOf(tValue, n);
    }
    tType[tokens] = type;
    tLine[tokens] = tokenLine;
    tColumn[tokens] = tokenColumn;
    tokens++;
  }

  private void scalarToken(String value, byte style, int tokenLine, int tokenColumn) {
    token(T_SCALAR, tokenLine, tokenColumn);
    tValue[tokens - 1] = value;
    tStyle[tokens - 1] = style;
  }

  /** ScannerImpl.fetchMoreTokens, for the subset; false to decline. */
  private boolean scan() {
    while (true) {
      if (tokens > MAX_TOKENS) {
        return false;
      }
      toNextToken();
      unwindIndent(column());
      if (pos >= end) {
        unwindIndent(-1); // fetchStreamEnd
        token(T_STREAM_END, line, column());
        return true;
      }
      char c = text.charAt(pos);
      switch (c) {
        case '-':
          if (pos == lineStart && text.startsWith("---", pos) && blank(pos + 3)) {
            if (pos != start) {
              return false;
            }
            // fetchDocumentIndicator: no simple key after '---'; only a comment may follow.
            allowSimpleKey = false;
            token(T_DOCUMENT_START, line, 0);
            pos += 3;
            int p = pos;
            while (p < end && text.charAt(p) == ' ') {
              p++;
            }
            if (p < end && text.charAt(p) != '\n' && text.charAt(p) != '#') {
              return false;
            }
            continue;
          }
          if (blank(pos + 1)) {
            // fetchBlockEntry
            if (!allowSimpleKey) {
              return false; // "sequence entries are not allowed here"
            }
            if (addIndent(column())) {
              token(T_SEQUENCE_START, line, column());
            }
            allowSimpleKey = true;
            token(T_ENTRY, line, column());
            pos++;
            continue;
          }
          break; // a plain scalar such as -1
        case '.':
          if (pos == lineStart && text.startsWith("...", pos) && blank(pos + 3)) {
            return false;
          }
          break;
        case '[':
        case '{':
          if (!flow()) {
            return false;
          }
          continue;
        case ']':
        case '}':
        case ',':
        case '*':
        case '&':
        case '!':
        case '>':
        case '%':
        case '@':
        case '`':
        case '#':
          return false;
        case '?':
        case ':':
          if (blank(pos + 1)) {
            return false; // a complex key or a value without a simple key
          }
          break; // checkPlain: ?x and :x are plain in the block context
        case '|':
          if (!literal()) {
            return false;
          }
          continue;
        case '\'':
        case '"':
          if (!scalar(true)) {
            return false;
          }
          continue;
        default:
          break;
      }
      if (!scalar(false)) {
        return false;
      }
    }
  }

  /** scanToNextToken: spaces, a comment, line breaks (each allows a simple key again). */
  private void toNextToken() {
    while (true) {
      while (pos < end && text.charAt(pos) == ' ') {
        pos++;
      }
      if (pos < end && text.charAt(pos) == '#') {
        while (pos < end && text.charAt(pos) != '\n') {
          pos++;
        }
      }
      if (pos < end && text.charAt(pos) == '\n') {
        pos++;
        line++;
        lineStart = pos;
        allowSimpleKey = true;
      } else {
        return;
      }
    }
  }

  private void unwindIndent(int col) {
    while (indent > col) {
      indent = indents[--indentDepth];
      token(T_BLOCK_END, line, column());
    }
  }

  private boolean addIndent(int col) {
    if (indent < col) {
      if (indentDepth == indents.length) {
        indents = java.util.Arrays.copyOf(indents, indentDepth * 2);
      }
      indents[indentDepth++] = indent;
      indent = col;
      return true;
    }
    return false;
  }

  /**
   * A plain or quoted scalar in the block context, which is a simple key when {@code ': '} follows
   * on its line (savePossibleSimpleKey, fetchValue).
   */
  private boolean scalar(boolean quoted) {
    int startLine = line;
    int startColumn = column();
    int startPos = pos;
    boolean required = indent == startColumn;
    if (!allowSimpleKey && required) {
      return false; // "A simple key is required only if it is the first token in the current line"
    }
    boolean possible = allowSimpleKey;
    String value;
    byte style;
    if (quoted) {
      style = text.charAt(pos) == '"' ? DOUBLE_QUOTED : SINGLE_QUOTED;
      value = quoted();
      if (value == null) {
        return false;
      }
    } else {
      style = PLAIN;
      int e = plainEnd(pos, false);
      value = text.substring(pos, e);
      pos = e;
    }
    allowSimpleKey = false;
    int p = pos;
    while (p < end && text.charAt(p) == ' ') {
      p++;
    }
    if (p < end && text.charAt(p) == ':' && blank(p + 1)) {
      if (!possible) {
        return false; // "mapping values are not allowed here"
      }
      if (p - startPos > MAX_KEY) {
        return false;
      }
      if (addIndent(startColumn)) {
        token(T_MAPPING_START, startLine, startColumn);
      }
      token(T_KEY, startLine, startColumn);
      scalarToken(value, style, startLine, startColumn);
      token(T_VALUE, line, p - lineStart);
      pos = p + 1;
      return true;
    }
    if (possible && required) {
      return false; // "could not find expected ':'"
    }
    if (quoted || !continues(pos)) {
      scalarToken(value, style, startLine, startColumn);
      return true;
    }
    value = folded(value);
    if (value == null) {
      return false;
    }
    scalarToken(value, style, startLine, startColumn);
    return true;
  }

  /**
   * The rest of a plain scalar that goes on on later lines (scanPlain and scanPlainSpaces: one line
   * break folds to a space, n + 1 to n line feeds, trailing ones are dropped), with the scanner
   * after its last chunk; null to decline (a ': ' on a later line, which SnakeYAML refuses).
   */
  private String folded(String first) {
    StringBuilder b = new StringBuilder(first);
    int in = indent + 1;
    while (continues(pos)) {
      int p = pos;
      while (text.charAt(p) == ' ') {
        p++;
      }
      p++; // the line break
      int breaks = 0;
      int ls = p;
      int lines = 1;
      while (true) {
        while (p < end && text.charAt(p) == ' ') {
          p++;
        }
        if (p < end && text.charAt(p) == '\n') {
          p++;
          ls = p;
          lines++;
          breaks++;
          continue;
        }
        break;
      }
      if (p - ls < in) {
        return null; // continues() said otherwise: cannot happen
      }
      if (breaks == 0) {
        b.append(' ');
      } else {
        for (int i = 0; i < breaks; i++) {
          b.append('\n');
        }
      }
      int e = plainEnd(p, false);
      b.append(text, p, e);
      line += lines;
      lineStart = ls;
      pos = e;
      int q = e;
      while (q < end && text.charAt(q) == ' ') {
        q++;
      }
      if (q < end && text.charAt(q) == ':' && blank(q + 1)) {
        return null; // "mapping values are not allowed here"
      }
    }
    return b.toString();
  }

  /**
   * Where a plain scalar that starts at {@code p} ends on its line (scanPlain's chunks and spaces):
   * at a line end, before {@code " #"}, before {@code ": "}, or in flow before an indicator.
   */
  private int plainEnd(int p, boolean inFlow) {
    int e = p;
    while (true) {
      int q = p;
      while (q < end) {
        char c = text.charAt(q);
        if (c == ' ' || c == '\n') {
          break;
        }
        if (c == ':') {
          if (blank(q + 1)) {
            break;
          }
          if (inFlow && ",[]{}".indexOf(text.charAt(q + 1)) >= 0) {
            break;
          }
        }
        if (inFlow && ",?[]{}".indexOf(c) >= 0) {
          break;
        }
        q++;
      }
      if (q == p) {
        return e;
      }
      e = q;
      int r = q;
      while (r < end && text.charAt(r) == ' ') {
        r++;
      }
      if (r == q || r >= end || text.charAt(r) == '#' || text.charAt(r) == '\n') {
        return e;
      }
      p = r;
    }
  }

  /**
   * Whether the plain scalar that ended at {@code e} goes on on a later line (scanPlainSpaces and
   * the loop of scanPlain: a later line continues it unless it is {@code ---}, {@code ...}, a
   * comment, less indented than the scanner's indent + 1, or a value indicator).
   */
  private boolean continues(int e) {
    int p = e;
    while (p < end && text.charAt(p) == ' ') {
      p++;
    }
    if (p >= end || text.charAt(p) != '\n') {
      return false; // a comment or the end
    }
    p++;
    int ls = p;
    while (true) {
      if (text.startsWith("---", p) || text.startsWith("...", p) && blank(p + 3)) {
        return false;
      }
      while (p < end && text.charAt(p) == ' ') {
        p++;
      }
      if (p < end && text.charAt(p) == '\n') {
        p++;
        ls = p;
        continue;
      }
      break;
    }
    if (p >= end) {
      return false;
    }
    char c = text.charAt(p);
    if (c == '#' || p - ls < indent + 1) {
      return false;
    }
    return !(c == ':' && blank(p + 1));
  }

  /** A quoted scalar that ends on its line (scanFlowScalar), or null. */
  private String quoted() {
    char quote = text.charAt(pos);
    int p = pos + 1;
    int run = p;
    StringBuilder b = null;
    while (true) {
      if (p >= end) {
        return null; // "found unexpected end of stream"
      }
      char c = text.charAt(p);
      if (c == '\n') {
        return null; // a multi-line scalar
      }
      if (c == quote) {
        if (quote == '\'' && p + 1 < end && text.charAt(p + 1) == '\'') {
          if (b == null) {
            b = new StringBuilder();
          }
          b.append(text, run, p + 1);
          p += 2;
          run = p;
          continue;
        }
        break;
      }
      if (c == '\\' && quote == '"') {
        if (b == null) {
          b = new StringBuilder();
        }
        b.append(text, run, p);
        p++;
        if (p >= end) {
          return null;
        }
        char x = text.charAt(p);
        String r = escape(x);
        if (r != null) {
          b.append(r);
          p++;
        } else if (x == 'x' || x == 'u' || x == 'U') {
          int length = x == 'x' ? 2 : x == 'u' ? 4 : 8;
          if (p + 1 + length > end) {
            return null;
          }
          long code = 0;
          for (int i = p + 1; i <= p + length; i++) {
            int d = Character.digit(text.charAt(i), 16);
            char h = text.charAt(i);
            if (d < 0 || h > 'f') {
              return null; // NOT_HEXA is [^0-9A-Fa-f]
            }
            code = code * 16 + d;
          }
          if (code > Character.MAX_CODE_POINT) {
            return null;
          }
          b.appendCodePoint((int) code);
          p += 1 + length;
        } else {
          return null; // an escaped line break, or "found unknown escape character"
        }
        run = p;
        continue;
      }
      p++;
    }
    String value;
    if (b == null) {
      value = text.substring(run, p);
    } else {
      b.append(text, run, p);
      value = b.toString();
    }
    pos = p + 1;
    return value;
  }

  /** ScannerImpl.ESCAPE_REPLACEMENTS. */
  private static String escape(char c) {
    switch (c) {
      case '0':
        return "\0";
      case 'a':
        return "\u0007";
      case 'b':
        return "\u0008";
      case 't':
        return "\t";
      case 'n':
        return "\n";
      case 'v':
        return "\u000B";
      case 'f':
        return "\u000C";
      case 'r':
        return "\r";
      case 'e':
        return "\u001B";
      case ' ':
        return " ";
      case '"':
        return "\"";
      case '\\':
        return "\\";
      case 'N':
        return "\u0085";
      case '_':
        return "\u00A0";
      case 'L':
        return "\u2028";
      case 'P':
        return "\u2029";
      default:
        return null;
    }
  }

  /**
   * A literal block scalar without an indentation indicator (fetchBlockScalar, scanBlockScalar,
   * scanBlockScalarIndicators, scanBlockScalarIgnoredLine, scanBlockScalarIndentation,
   * scanBlockScalarBreaks).
   */
  private boolean literal() {
    int startLine = line;
    int startColumn = column();
    allowSimpleKey = true;
    int p = pos + 1;
    int chomp = 0; // 0 clip, -1 strip, 1 keep
    if (p < end && (text.charAt(p) == '-' || text.charAt(p) == '+')) {
      chomp = text.charAt(p) == '+' ? 1 : -1;
      p++;
    }
    if (p < end && Character.isDigit(text.charAt(p))) {
      return false; // an indentation indicator
    }
    if (!blank(p)) {
      return false; // "expected chomping or indentation indicators"
    }
    while (p < end && text.charAt(p) == ' ') {
      p++;
    }
    if (p < end && text.charAt(p) == '#') {
      while (p < end && text.charAt(p) != '\n') {
        p++;
      }
    }
    if (p < end) {
      if (text.charAt(p) != '\n') {
        return false; // "expected a comment or a line break"
      }
      p++;
      line++;
      lineStart = p;
    }
    int minIndent = Math.max(1, indent + 1);
    StringBuilder b = chunks == null ? chunks = new StringBuilder() : chunks;
    b.setLength(0);
    int breaks = 0;
    int maxIndent = 0;
    while (p < end) {
      char c = text.charAt(p);
      if (c == ' ') {
        p++;
        maxIndent = Math.max(maxIndent, p - lineStart);
      } else if (c == '\n') {
        breaks++;
        p++;
        line++;
        lineStart = p;
      } else {
        break;
      }
    }
    int in = Math.max(minIndent, maxIndent);
    boolean lineBreak = false;
    while (p - lineStart == in && p < end) {
      for (int i = 0; i < breaks; i++) {
        b.append('\n');
      }
      int eol = text.indexOf('\n', p);
      if (eol < 0 || eol > end) {
        eol = end;
      }
      b.append(text, p, eol);
      p = eol;
      lineBreak = false;
      if (p < end) {
        p++;
        line++;
        lineStart = p;
        lineBreak = true;
      }
      breaks = 0;
      while (p - lineStart < in && p < end && text.charAt(p) == ' ') {
        p++;
      }
      while (p < end && text.charAt(p) == '\n') {
        breaks++;
        p++;
        line++;
        lineStart = p;
        while (p - lineStart < in && p < end && text.charAt(p) == ' ') {
          p++;
        }
      }
      if (p - lineStart == in && p < end) {
        if (lineBreak) {
          b.append('\n');
        }
      } else {
        break;
      }
    }
    if (chomp >= 0 && lineBreak) {
      b.append('\n');
    }
    if (chomp > 0) {
      for (int i = 0; i < breaks; i++) {
        b.append('\n');
      }
    }
    scalarToken(b.toString(), LITERAL, startLine, startColumn);
    pos = p;
    return true;
  }

  /**
   * A flow collection that ends on its line: a sequence of plain and quoted scalars, or a mapping
   * of scalar keys to scalar values (fetchFlowCollectionStart/End, fetchFlowEntry, fetchValue with
   * a simple key, checkPlain and scanPlain with flowLevel 1).
   */
  private boolean flow() {
    int startColumn = column();
    boolean required = indent == startColumn;
    if (!allowSimpleKey && required) {
      return false;
    }
    boolean possible = allowSimpleKey;
    if (!flowCollection(0)) {
      return false;
    }
    allowSimpleKey = false;
    int p = pos;
    while (p < end && text.charAt(p) == ' ') {
      p++;
    }
    if (p < end && text.charAt(p) == ':') {
      return false; // a flow collection as a key
    }
    return !(possible && required);
  }

  /** A flow sequence or mapping on this line, nested ones included. */
  private boolean flowCollection(int depth) {
    if (depth > MAX_DEPTH) {
      return false;
    }
    boolean map = text.charAt(pos) == '{';
    char close = map ? '}' : ']';
    token(map ? T_FLOW_MAPPING_START : T_FLOW_SEQUENCE_START, line, column());
    pos++;
    skipSpaces();
    if (pos < end && text.charAt(pos) == close) {
      token(map ? T_FLOW_MAPPING_END : T_FLOW_SEQUENCE_END, line, column());
      pos++;
      return true;
    }
    while (true) {
      if (tokens > MAX_TOKENS) {
        return false; // also within one line: the tokens are held until the document is parsed
      }
      if (map) {
        int keyLine = line;
        int keyColumn = column();
        int keyStart = pos;
        if (!flowScalar()) {
          return false; // a collection as a key, an empty key, or worse
        }
        skipSpaces();
        // ':' after a key is a value indicator in the flow context (checkValue).
        if (pos >= end || text.charAt(pos) != ':') {
          return false;
        }
        if (pos - keyStart > MAX_KEY) {
          return false; // a stale simple key: the ':' is a value without a key, a syntax error
        }
        // fetchValue puts KEY before the key's scalar.
        int scalar = tokens - 1;
        token(T_KEY, keyLine, keyColumn);
        swapLast(scalar);
        token(T_VALUE, line, column());
        pos++;
        skipSpaces();
      }
      if (!flowValue(depth)) {
        return false; // an empty value, or worse
      }
      skipSpaces();
      if (pos >= end) {
        return false;
      }
      char c = text.charAt(pos);
      if (c == ',') {
        token(T_FLOW_ENTRY, line, column());
        pos++;
        skipSpaces();
        if (pos < end && text.charAt(pos) == close) {
          return false; // a trailing comma
        }
        continue;
      }
      if (c == close) {
        token(map ? T_FLOW_MAPPING_END : T_FLOW_SEQUENCE_END, line, column());
        pos++;
        return true;
      }
      return false; // a ':' in a sequence (a one-pair mapping), a comment, a line end
    }
  }

  private boolean flowValue(int depth) {
    if (pos < end && (text.charAt(pos) == '[' || text.charAt(pos) == '{')) {
      return flowCollection(depth + 1);
    }
    return flowScalar();
  }

  /** Moves the last token (a KEY) before the one at {@code at} (the key's scalar). */
  private void swapLast(int at) {
    int last = tokens - 1;
    byte type = tType[last];
    int l = tLine[last];
    int c = tColumn[last];
    tType[last] = tType[at];
    tStyle[last] = tStyle[at];
    tLine[last] = tLine[at];
    tColumn[last] = tColumn[at];
    tValue[last] = tValue[at];
    tType[at] = type;
    tLine[at] = l;
    tColumn[at] = c;
    tValue[at] = null;
  }

  /** A plain or quoted scalar in the flow context, on its line. */
  private boolean flowScalar() {
    if (pos >= end) {
      return false;
    }
    char c = text.charAt(pos);
    int col = column();
    if (c == '\'' || c == '"') {
      byte style = c == '"' ? DOUBLE_QUOTED : SINGLE_QUOTED;
      String value = quoted();
      if (value == null) {
        return false;
      }
      scalarToken(value, style, line, col);
      return true;
    }
    if (c != ' ' && c != '\n' && "-?:,[]{}#&*!|>'\"%@`".indexOf(c) < 0
        || c == '-' && !blank(pos + 1)) {
      int e = plainEnd(pos, true);
      scalarToken(text.substring(pos, e), PLAIN, line, col);
      pos = e;
      return true;
    }
    return false;
  }

  private void skipSpaces() {
    while (pos < end && text.charAt(pos) == ' ') {
      pos++;
    }
  }

  // ---------------------------------------------------------------- parser

  private void event(byte kind, byte style, int eventLine, int eventColumn, String value) {
    if (size == kinds.length) {
      int n = size * 2;
      kinds = java.util.Arrays.copyOf(kinds, n);
      styles = java.util.Arrays.copyOf(styles, n);
      lines = java.util.Arrays.copyOf(lines, n);
      columns = java.util.Arrays.copyOf(columns, n);
      values = java.util.Arrays.copyOf(values, n);
    }
    kinds[size] = kind;
    styles[size] = style;
    lines[size] = eventLine;
    columns[size] = eventColumn;
    values[size] = value;
    size++;
  }

  private void event(byte kind, byte style, int token) {
    event(kind, style, tLine[token], tColumn[token], null);
  }

  /** processEmptyScalar at a token's end mark (a one-character token) or start mark. */
  private void empty(int eventLine, int eventColumn) {
    event(SCALAR, PLAIN, eventLine, eventColumn, "");
  }

  /** ParseStreamStart, ParseImplicitDocumentStart, ParseDocumentStart, ParseDocumentContent. */
  private boolean parse() {
    t = 0;
    byte first = tType[0];
    if (first == T_STREAM_END) {
      return true; // no document
    }
    document = true;
    documentLine = tLine[0];
    documentColumn = tColumn[0];
    if (first == T_DOCUMENT_START) {
      explicit = true;
      t = 1;
      if (tType[t] == T_STREAM_END) {
        empty(tLine[t], tColumn[t]);
      } else if (!node(true, false, 0)) {
        return false;
      }
    } else {
      explicit = false;
      if (!node(true, false, 0)) {
        return false;
      }
    }
    return tType[t] == T_STREAM_END && t == tokens - 1;
  }

  /** parseNode, without anchors, tags and aliases. */
  private boolean node(boolean block, boolean indentless, int depth) {
    if (depth > MAX_DEPTH) {
      return false;
    }
    byte k = tType[t];
    if (indentless && k == T_ENTRY) {
      event(SEQUENCE_START, BLOCK, t);
      return indentlessSequence(depth);
    }
    switch (k) {
      case T_SCALAR:
        event(SCALAR, tStyle[t], tLine[t], tColumn[t], tValue[t]);
        t++;
        return true;
      case T_FLOW_SEQUENCE_START:
        event(SEQUENCE_START, FLOW, t);
        t++;
        return flowSequence(depth);
      case T_FLOW_MAPPING_START:
        event(MAPPING_START, FLOW, t);
        t++;
        return flowMapping(depth);
      case T_SEQUENCE_START:
        if (!block) {
          return false;
        }
        event(SEQUENCE_START, BLOCK, t);
        t++;
        return blockSequence(depth);
      case T_MAPPING_START:
        if (!block) {
          return false;
        }
        event(MAPPING_START, BLOCK, t);
        t++;
        return blockMapping(depth);
      default:
        return false; // "expected the node content"
    }
  }

  /** ParseBlockSequenceEntryKey, ParseBlockSequenceEntryValue. */
  private boolean blockSequence(int depth) {
    while (true) {
      byte k = tType[t];
      if (k == T_ENTRY) {
        int entry = t++;
        byte next = tType[t];
        if (next != T_ENTRY && next != T_BLOCK_END) {
          if (!node(true, false, depth + 1)) {
            return false;
          }
        } else {
          empty(tLine[entry], tColumn[entry] + 1);
        }
      } else if (k == T_BLOCK_END) {
        event(SEQUENCE_END, BLOCK, t);
        t++;
        return true;
      } else {
        return false; // "expected <block end>"
      }
    }
  }

  /** ParseIndentlessSequenceEntryKey, ParseIndentlessSequenceEntryValue. */
  private boolean indentlessSequence(int depth) {
    while (tType[t] == T_ENTRY) {
      int entry = t++;
      byte next = tType[t];
      if (next != T_ENTRY && next != T_KEY && next != T_VALUE && next != T_BLOCK_END) {
        if (!node(true, false, depth + 1)) {
          return false;
        }
      } else {
        empty(tLine[entry], tColumn[entry] + 1);
      }
    }
    event(SEQUENCE_END, BLOCK, t);
    return true;
  }

  /** ParseBlockMappingKey, ParseBlockMappingValue (keys are always scalars here). */
  private boolean blockMapping(int depth) {
    while (true) {
      byte k = tType[t];
      if (k == T_KEY) {
        t++;
        if (tType[t] != T_SCALAR) {
          return false;
        }
        event(SCALAR, tStyle[t], tLine[t], tColumn[t], tValue[t]);
        t++;
        if (tType[t] != T_VALUE) {
          return false;
        }
        int value = t++;
        byte next = tType[t];
        if (next != T_KEY && next != T_VALUE && next != T_BLOCK_END) {
          if (!node(true, true, depth + 1)) {
            return false;
          }
        } else {
          empty(tLine[value], tColumn[value] + 1);
        }
      } else if (k == T_BLOCK_END) {
        event(MAPPING_END, BLOCK, t);
        t++;
        return true;
      } else {
        return false; // "expected <block end>"
      }
    }
  }

  /**
   * ParseFlowMappingFirstKey, ParseFlowMappingKey, ParseFlowMappingValue (keys and values are
   * scalars here).
   */
  private boolean flowMapping(int depth) {
    boolean first = true;
    while (tType[t] != T_FLOW_MAPPING_END) {
      if (!first) {
        if (tType[t] != T_FLOW_ENTRY) {
          return false;
        }
        t++;
        if (tType[t] == T_FLOW_MAPPING_END) {
          break;
        }
      }
      if (tType[t] != T_KEY || tType[t + 1] != T_SCALAR) {
        return false;
      }
      t++;
      event(SCALAR, tStyle[t], tLine[t], tColumn[t], tValue[t]);
      t++;
      if (tType[t] != T_VALUE) {
        return false;
      }
      t++;
      if (!flowNode(depth)) {
        return false;
      }
      first = false;
    }
    event(MAPPING_END, FLOW, t);
    t++;
    return true;
  }

  /** parseFlowNode: a scalar or a nested flow collection (a KEY here is a one-pair mapping). */
  private boolean flowNode(int depth) {
    byte k = tType[t];
    if (k == T_SCALAR) {
      event(SCALAR, tStyle[t], tLine[t], tColumn[t], tValue[t]);
      t++;
      return true;
    }
    return (k == T_FLOW_SEQUENCE_START || k == T_FLOW_MAPPING_START)
        && node(false, false, depth + 1);
  }

  /** ParseFlowSequenceFirstEntry, ParseFlowSequenceEntry (entries are scalars here). */
  private boolean flowSequence(int depth) {
    boolean first = true;
    while (tType[t] != T_FLOW_SEQUENCE_END) {
      if (!first) {
        if (tType[t] != T_FLOW_ENTRY) {
          return false;
        }
        t++;
        if (tType[t] == T_FLOW_SEQUENCE_END) {
          break;
        }
      }
      if (!flowNode(depth)) {
        return false;
      }
      first = false;
    }
    event(SEQUENCE_END, FLOW, t);
    t++;
    return true;
  }
}
