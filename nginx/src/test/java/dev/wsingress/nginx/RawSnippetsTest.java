package dev.wsingress.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What a server snippet may hold: whole directives, read as nginx reads them, inside the block. */
class RawSnippetsTest {

  /** The snippets {@link NginxSnippetConfigTest} also hands to {@code nginx -t}. */
  static final List<String> ACCEPTED =
      List.of(
          "add_header X-Frame-Options \"SAMEORIGIN\";\nkeepalive_timeout 75s;\n",
          "# a comment with braces { and }\nadd_header X-A \"a { b } c\";",
          "add_header X-B '}';",
          "add_header X-C a}b;",
          "add_header X-D a#b;",
          "add_header X-E \"quote \\\" and brace }\";",
          "set $wsingress_a ${host}x;",
          "if ($http_x_block = \"}\") {\n  return 403;\n}",
          "if ($request_method = POST) { return 405; }",
          "types {\n  text/plain txt;\n}",
          "add_header X-F 1; # a trailing comment without a newline");

  @ParameterizedTest
  @MethodSource("accepted")
  void accepts_whole_directives_that_stay_in_the_server_block(String snippet) {
    List<Problem> problems = new ArrayList<>();

    RawSnippets.check(problems, "rawServerSnippet", snippet);

    assertThat(problems).isEmpty();
  }

  static Stream<String> accepted() {
    return ACCEPTED.stream();
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of(
            "issue 19: a '}' after a comment closes the server block",
            "# {\n}\nserver { listen 127.0.0.1:19999; return 200 pwned;\n# }",
            "must keep its braces balanced: a '}' without its '{' closes the server block and"
                + " injects configuration outside it",
            "remove the '}' at index 4"),
        Arguments.of(
            "a '}' after a quoted brace",
            "add_header X \"{\";\n}\nserver { listen 1; }\nserver {",
            "must keep its braces balanced: a '}' without its '{' closes the server block and"
                + " injects configuration outside it",
            "remove the '}' at index 18"),
        Arguments.of(
            "an escaped brace does not open a block",
            "add_header X a\\{;\n}",
            "must keep its braces balanced: a '}' without its '{' closes the server block and"
                + " injects configuration outside it",
            "remove the '}' at index 18"),
        Arguments.of(
            "a server block",
            "server { listen 19999; }",
            "must not open a \"server\" block: only if and types blocks can stand in a server"
                + " block, and any other block configures nginx outside this app's server",
            "remove the block at index 0"),
        Arguments.of(
            "a map block",
            "map $a $b { default 1; }",
            "must not open a \"map\" block: only if and types blocks can stand in a server"
                + " block, and any other block configures nginx outside this app's server",
            "remove the block at index 0"),
        Arguments.of(
            "an upstream block behind a directive",
            "add_header X 1;\nupstream evil { server 10.0.0.1; }",
            "must not open a \"upstream\" block: only if and types blocks can stand in a server"
                + " block, and any other block configures nginx outside this app's server",
            "remove the block at index 16"),
        Arguments.of(
            "a quoted block name is still that block",
            "\"http\" { }",
            "must not open a \"http\" block: only if and types blocks can stand in a server"
                + " block, and any other block configures nginx outside this app's server",
            "remove the block at index 0"),
        Arguments.of(
            "a block inside an if",
            "if ($a) { limit_except GET { deny all; } }",
            "must not open a \"limit_except\" block inside another block: only if and types blocks"
                + " can stand in a server block, and any other block configures nginx outside this"
                + " app's server",
            "remove the block at index 10"),
        Arguments.of(
            "an unquoted regex brace opens a block",
            "if ($a ~ ^x{2}$) { return 403; }",
            "must not open a \"2}$)\" block inside another block: only if and types blocks can"
                + " stand in a server block, and any other block configures nginx outside this"
                + " app's server",
            "remove the block at index 12"),
        Arguments.of(
            "an events block",
            "events { }",
            "must not open a \"events\" block: only if and types blocks can stand in a server"
                + " block, and any other block configures nginx outside this app's server",
            "remove the block at index 0"),
        Arguments.of(
            "text after a closing quote",
            "add_header X \"a\"b;",
            "must be configuration that nginx reads as whole directives (ngx_conf_file.c), but"
                + " nginx stops at index 16: unexpected \"b\"",
            "end every directive with ';', quote arguments that contain spaces, braces, ';' or"
                + " '#', and close every quote"),
        Arguments.of(
            "a directive the template's next line would continue",
            "add_header X-A 1",
            "must be configuration that nginx reads as whole directives (ngx_conf_file.c), but"
                + " nginx stops at index 16: unexpected end of parameter, expecting \";\"",
            "end every directive with ';', quote arguments that contain spaces, braces, ';' or"
                + " '#', and close every quote"),
        Arguments.of(
            "an unclosed quote swallowing what follows",
            "add_header X \"a;\n",
            "must be configuration that nginx reads as whole directives (ngx_conf_file.c), but"
                + " nginx stops at index 17: unexpected end of parameter, expecting \";\"",
            "end every directive with ';', quote arguments that contain spaces, braces, ';' or"
                + " '#', and close every quote"),
        Arguments.of(
            "an unclosed if block",
            "if ($a) {",
            "must keep its braces balanced",
            "close every '{' with a '}'"),
        Arguments.of(
            "a lone surrogate",
            "add_header X \ud800;",
            "must be well-formed Unicode: a lone UTF-16 surrogate has no UTF-8 encoding, so it"
                + " does not survive YAML",
            "remove the lone surrogate \\ud800 (at index 13)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void refuses_what_would_not_stay_whole_directives_inside_the_server_block(
      String description, String snippet, String rule, String fix) {
    List<Problem> problems = new ArrayList<>();

    RawSnippets.check(problems, "rawServerSnippet", snippet);

    assertThat(problems)
        .as(description)
        .containsExactly(Problem.of("rawServerSnippet", snippet, rule, fix));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "location / { }",
        "include /etc/passwd;",
        "root /;",
        "alias /etc/;",
        "content_by_lua_block { os.execute('id') }",
        "load_module x.so;",
        "proxy_pass http://evil;",
        "add_header X serviceaccount;"
      })
  void keeps_every_word_refusal(String snippet) {
    List<Problem> problems = new ArrayList<>();

    RawSnippets.check(problems, "rawServerSnippet", snippet);

    assertThat(problems)
        .singleElement()
        .satisfies(p -> assertThat(p.rule()).startsWith("must not contain \""));
  }
}
