package dev.wsingress.nginx;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads nginx configuration text into statements exactly as nginx does, so that a check on the
 * statements sees what nginx will see. It follows {@code ngx_conf_read_token()} in {@code
 * src/core/ngx_conf_file.c} (nginx {@code release-1.22.1}, the Debian 12 package, and unchanged
 * through {@code release-1.30.4}; ingress-nginx builds the same parser):
 *
 * <ul>
 *   <li>a word ends at a space, tab, CR, LF, {@code ;} or {@code {}; {@code ;} and {@code {} also
 *       end the statement, so {@code a{b} opens a block named {@code a};
 *   <li>{@code #}, {@code "}, {@code '} and {@code }} are special only where a word starts: {@code
 *       a#b}, {@code a"b} and {@code a}b} are plain words, while {@code # ...} is a comment up to the
 *       end of the line and a lone {@code }} closes the enclosing block;
 *   <li>{@code \} makes the next character part of the word, inside quotes too; {@code $} followed
 *       by {@code {} keeps the brace in the word ({@code ${var}});
 *   <li>a closing quote must be followed by a space, {@code ;}, {@code {} or {@code )}; a {@code ;}
 *       or {@code {} with no words before it, a {@code }} after words, and text that ends inside a
 *       word, a quoted string or a statement are errors.
 * </ul>
 *
 * Words are unescaped as nginx copies them: {@code \"}, {@code \'} and {@code \\} lose the
 * backslash, {@code \t}, {@code \r}, {@code \n} become the control character, any other {@code \x}
 * stays as written.
 */
final class ConfigTokenizer {
  private ConfigTokenizer() {}

  /** ngx_conf_file.h NGX_CONF_BUFFER: nginx refuses a longer word ("too long parameter"). */
  static final int MAX_WORD_BYTES = 4096;

  /** How a statement ends. */
  enum End {
    /** {@code ;}: a simple directive. */
    SEMICOLON,
    /** {@code {}: the directive opens a block. */
    BLOCK_START,
    /** {@code }}: the end of the enclosing block. */
    BLOCK_END
  }

  /**
   * One statement as nginx reads it.
   *
   * @param words the unescaped words (empty for {@link End#BLOCK_END})
   * @param end how it ends
   * @param index where its first word (or the {@code }}) starts in the text
   */
  record Statement(List<String> words, End end, int index) {}

  /** Text that nginx itself refuses to read; the message is nginx's own. */
  static final class SyntaxError extends Exception {
    private static final long serialVersionUID = 1L;
    final int index;

    SyntaxError(int index, String message) {
      super(message);
      this.index = index;
    }
  }

  private static boolean space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  /**
   * Every statement of {@code text}, in order.
   *
   * @throws SyntaxError where nginx would stop with an error
   */
  static List<Statement> read(String text) throws SyntaxError {
    List<Statement> out = new ArrayList<>();
    List<String> words = new ArrayList<>();
    int statementIndex = -1;
    // The state ngx_conf_read_token() resets on each call, i.e. for each statement.
    boolean needSpace = false;
    boolean lastSpace = true;
    boolean comment = false;
    boolean variable = false;
    boolean quoted = false;
    boolean singleQuoted = false;
    boolean doubleQuoted = false;
    int start = 0;
    int pos = 0;
    int n = text.length();
    while (true) {
      if (pos >= n) {
        if (!words.isEmpty() || !lastSpace) {
          throw new SyntaxError(n, "unexpected end of parameter, expecting \";\"");
        }
        return out;
      }
      char ch = text.charAt(pos++);
      if (ch == '\n') {
        comment = false;
      }
      if (comment) {
        continue;
      }
      if (quoted) {
        quoted = false;
        continue;
      }
      End end = null;
      if (needSpace) {
        if (space(ch)) {
          lastSpace = true;
          needSpace = false;
          continue;
        }
        if (ch == ';') {
          end = End.SEMICOLON;
        } else if (ch == '{') {
          end = End.BLOCK_START;
        } else if (ch == ')') {
          lastSpace = true;
          needSpace = false;
        } else {
          throw new SyntaxError(pos - 1, "unexpected \"" + ch + "\"");
        }
      }
      if (end == null && lastSpace) {
        start = pos - 1;
        if (space(ch)) {
          continue;
        }
        switch (ch) {
          case ';', '{' -> {
            if (words.isEmpty()) {
              throw new SyntaxError(pos - 1, "unexpected \"" + ch + "\"");
            }
            end = ch == '{' ? End.BLOCK_START : End.SEMICOLON;
          }
          case '}' -> {
            if (!words.isEmpty()) {
              throw new SyntaxError(pos - 1, "unexpected \"}\"");
            }
            statementIndex = pos - 1;
            end = End.BLOCK_END;
          }
          case '#' -> {
            comment = true;
            continue;
          }
          case '\\' -> {
            quoted = true;
            lastSpace = false;
          }
          case '"' -> {
            start++;
            doubleQuoted = true;
            lastSpace = false;
          }
          case '\'' -> {
            start++;
            singleQuoted = true;
            lastSpace = false;
          }
          case '$' -> {
            variable = true;
            lastSpace = false;
          }
          default -> lastSpace = false;
        }
        if (end == null) {
          if (words.isEmpty()) {
            statementIndex = pos - 1;
          }
          continue;
        }
      } else if (end == null) {
        if (ch == '{' && variable) {
          continue;
        }
        variable = false;
        if (ch == '\\') {
          quoted = true;
          continue;
        }
        if (ch == '$') {
          variable = true;
          continue;
        }
        boolean found = false;
        if (doubleQuoted) {
          if (ch == '"') {
            doubleQuoted = false;
            needSpace = true;
            found = true;
          }
        } else if (singleQuoted) {
          if (ch == '\'') {
            singleQuoted = false;
            needSpace = true;
            found = true;
          }
        } else if (space(ch) || ch == ';' || ch == '{') {
          lastSpace = true;
          found = true;
        }
        if (!found) {
          continue;
        }
        words.add(word(text, start, pos - 1));
        if (ch == ';') {
          end = End.SEMICOLON;
        } else if (ch == '{') {
          end = End.BLOCK_START;
        } else {
          continue;
        }
      }
      out.add(new Statement(List.copyOf(words), end, statementIndex));
      words.clear();
      statementIndex = -1;
      needSpace = false;
      lastSpace = true;
      variable = false;
      singleQuoted = false;
      doubleQuoted = false;
    }
  }

  // The copy loop at the end of ngx_conf_read_token().
  private static String word(String text, int from, int to) throws SyntaxError {
    StringBuilder b = new StringBuilder(to - from);
    int i = from;
    while (i < to) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < to) {
        char next = text.charAt(i + 1);
        switch (next) {
          case '"', '\'', '\\' -> {
            b.append(next);
            i += 2;
            continue;
          }
          case 't' -> {
            b.append('\t');
            i += 2;
            continue;
          }
          case 'r' -> {
            b.append('\r');
            i += 2;
            continue;
          }
          case 'n' -> {
            b.append('\n');
            i += 2;
            continue;
          }
          default -> {}
        }
      }
      b.append(c);
      i++;
    }
    if (text.substring(from, to).getBytes(StandardCharsets.UTF_8).length >= MAX_WORD_BYTES) {
      throw new SyntaxError(from, "too long parameter");
    }
    return b.toString();
  }
}
