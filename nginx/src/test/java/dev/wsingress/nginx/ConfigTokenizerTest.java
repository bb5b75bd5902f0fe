package dev.wsingress.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wsingress.nginx.ConfigTokenizer.End;
import dev.wsingress.nginx.ConfigTokenizer.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tokenizer reads text as ngx_conf_read_token() does (src/core/ngx_conf_file.c, nginx
 * release-1.22.1): each case is the statements nginx would see, written as {@code words END}.
 */
class ConfigTokenizerTest {

  private static List<String> read(String text) throws ConfigTokenizer.SyntaxError {
    List<String> out = new ArrayList<>();
    for (Statement s : ConfigTokenizer.read(text)) {
      out.add(
          String.join("|", s.words())
              + (s.end() == End.SEMICOLON ? " ;" : s.end() == End.BLOCK_START ? " {" : "}")
              + "@"
              + s.index());
    }
    return out;
  }

  static Stream<Arguments> read() {
    return Stream.of(
        Arguments.of(
            "simple directive", "keepalive_timeout 75s;", List.of("keepalive_timeout|75s ;@0")),
        Arguments.of(
            "words split on spaces, tabs, CR and LF", " a  b\tc\r\nd;", List.of("a|b|c|d ;@1")),
        Arguments.of(
            "a comment runs to the end of the line, braces in it are ignored",
            "# {\nx 1; # }\n",
            List.of("x|1 ;@4")),
        Arguments.of(
            "the issue's exploit: the '}' after the comment closes the server block",
            "# {\n}\nserver { listen 127.0.0.1:19999; return 200 pwned;\n# }",
            List.of("}@4", "server {@6", "listen|127.0.0.1:19999 ;@15", "return|200|pwned ;@39")),
        Arguments.of(
            "'#' inside a word is part of it",
            "add_header X a#b;",
            List.of("add_header|X|a#b ;@0")),
        Arguments.of(
            "'}' inside a word is part of it", "return 200 a}b;", List.of("return|200|a}b ;@0")),
        Arguments.of("'{' inside a word opens a block", "a{b;}", List.of("a {@0", "b ;@2", "}@4")),
        Arguments.of(
            "braces, ';' and '#' inside double quotes",
            "add_header X \"{ } ; #\";",
            List.of("add_header|X|{ } ; # ;@0")),
        Arguments.of("single quotes", "add_header X '}' ;", List.of("add_header|X|} ;@0")),
        Arguments.of(
            "a quote inside a word is part of it",
            "add_header X a\"b;",
            List.of("add_header|X|a\"b ;@0")),
        Arguments.of(
            "escaped quote inside quotes, unescaped in the word",
            "add_header X \"a\\\"}b\";",
            List.of("add_header|X|a\"}b ;@0")),
        Arguments.of(
            "a backslash makes the next character part of the word",
            "add_header X a\\;};",
            List.of("add_header|X|a\\;} ;@0")),
        Arguments.of(
            "a backslash at the start of a word", "return 200 \\};", List.of("return|200|\\} ;@0")),
        Arguments.of(
            "\\t, \\r and \\n become control characters, \\\\ a backslash",
            "set $a \"x\\ty\\\\z\\n\";",
            List.of("set|$a|x\ty\\z\n ;@0")),
        Arguments.of("${var} keeps its braces", "set $a ${b}c;", List.of("set|$a|${b}c ;@0")),
        Arguments.of(
            "a quoted condition may be followed by ')'",
            "if ($http_x = \"}\") { return 403; }",
            List.of("if|($http_x|=|}|) {@0", "return|403 ;@21", "}@33")),
        Arguments.of(
            "an unquoted '{' in a regex opens a block",
            "if ($a ~ ^x{2}$) { }",
            List.of("if|($a|~|^x {@0", "2}$) {@12", "}@19")),
        Arguments.of("a trailing comment without a newline", "a 1; # end", List.of("a|1 ;@0")),
        Arguments.of("nothing but a comment", "# only", List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("read")
  void reads_statements_as_nginx_does(String description, String text, List<String> expected)
      throws ConfigTokenizer.SyntaxError {
    assertThat(read(text)).as(description).isEqualTo(expected);
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of("text after a closing quote", "add_header X \"a\"b;", 16, "unexpected \"b\""),
        Arguments.of("a ';' with no directive", "a 1;;", 4, "unexpected \";\""),
        Arguments.of("a '{' with no directive", "{ a; }", 0, "unexpected \"{\""),
        Arguments.of("a '}' inside a directive", "a 1 }", 4, "unexpected \"}\""),
        Arguments.of(
            "a directive without ';'",
            "keepalive_timeout 75s",
            21,
            "unexpected end of parameter, expecting \";\""),
        Arguments.of(
            "an unclosed quote",
            "add_header X \"a;",
            16,
            "unexpected end of parameter, expecting \";\""),
        Arguments.of(
            "a backslash at the end",
            "add_header X a\\",
            15,
            "unexpected end of parameter, expecting \";\""),
        Arguments.of(
            "a comment inside a directive that is never ended",
            "add_header X # ;",
            16,
            "unexpected end of parameter, expecting \";\""),
        Arguments.of(
            "a word as long as nginx's buffer",
            "a " + "x".repeat(4096) + ";",
            2,
            "too long parameter"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void refuses_what_nginx_refuses(String description, String text, int index, String message) {
    ConfigTokenizer.SyntaxError e =
        catchThrowableOfType(ConfigTokenizer.SyntaxError.class, () -> ConfigTokenizer.read(text));

    assertThat(e).as(description).isNotNull();
    assertThat(e.getMessage()).isEqualTo(message);
    assertThat(e.index).isEqualTo(index);
  }
}
