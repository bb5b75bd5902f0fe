package dev.wsingress.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Collections;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Target options reject bad input at once, with the field, value, rule and fix. */
class NginxOptionsTest {

  static Stream<Arguments> rejected() {
    return Stream.of(
        Arguments.of(
            "ingress class with a space",
            (ThrowingCallable) () -> Nginx.target().ingressClass("my class"),
            "Nginx is invalid (1 problem):\n  - ingressClass = \"my class\": must be an RFC 1123"
                + " subdomain: dot-separated labels of a-z, 0-9 and '-', at most 253 characters."
                + " Fix: use only a-z, 0-9 and '-', as in \"my-class\"."),
        Arguments.of(
            "null ingress class",
            (ThrowingCallable) () -> Nginx.target().ingressClass(null),
            "Nginx is invalid (1 problem):\n  - ingressClass = null: is required. Fix: give a"
                + " name such as \"websocket-tls\"."),
        Arguments.of(
            "null controller config",
            (ThrowingCallable) () -> Nginx.target().controllerConfig(null),
            "Nginx is invalid (1 problem):\n  - controllerConfig = null: is required. Fix: use"
                + " ControllerConfig.in(\"ingress-nginx\", \"ingress-nginx-controller\")."),
        Arguments.of(
            "config map namespace and name",
            (ThrowingCallable) () -> Nginx.target().controllerConfig("Ingress Nginx", "a/b"),
            "Nginx.ControllerConfig is invalid (2 problems):\n"
                + "  - controllerConfig.namespace = \"Ingress Nginx\": must be an RFC 1123 label:"
                + " a-z, 0-9 and '-', starting and ending with a letter or digit, at most 63"
                + " characters. Fix: use only a-z, 0-9 and '-', as in \"ingress-nginx\".\n"
                + "  - controllerConfig.name = \"a/b\": must be an RFC 1123 subdomain:"
                + " dot-separated labels of a-z, 0-9 and '-', at most 253 characters. Fix: use"
                + " only a-z, 0-9 and '-', as in \"a-b\"."),
        Arguments.of(
            "snippet with a location block",
            (ThrowingCallable)
                () ->
                    Nginx.target().rawServerSnippet("location ~* /ws {\n  proxy_buffering off;\n}"),
            "Nginx is invalid (1 problem):\n  - rawServerSnippet = \"location ~* /ws {\\n "
                + " proxy_buffering off;\\n}\": must not contain \"location\": ingress-nginx's"
                + " recommended annotation-value-word-blocklist refuses it, and it can load code,"
                + " read files or shadow the generated location. Fix: express the setting with"
                + " the typed spec instead."),
        Arguments.of(
            "snippet loading lua",
            (ThrowingCallable)
                () -> Nginx.target().rawServerSnippet("access_by_lua_block { os.execute() }"),
            "Nginx is invalid (1 problem):\n  - rawServerSnippet = \"access_by_lua_block {"
                + " os.execute() }\": must not contain \"_by_lua\": ingress-nginx's recommended"
                + " annotation-value-word-blocklist refuses it, and it can load code, read files"
                + " or shadow the generated location. Fix: express the setting with the typed"
                + " spec instead."),
        Arguments.of(
            "snippet closing the server block",
            (ThrowingCallable) () -> Nginx.target().rawServerSnippet("}\nserver_tokens on;"),
            "Nginx is invalid (1 problem):\n  - rawServerSnippet = \"}\\nserver_tokens on;\":"
                + " must keep its braces balanced: a '}' without its '{' closes the server block"
                + " and injects configuration outside it. Fix: remove the '}' at index 0."),
        Arguments.of(
            "issue 19: a snippet whose '}' hides behind a comment's '{'",
            (ThrowingCallable)
                () ->
                    Nginx.target()
                        .rawServerSnippet(
                            "# {\n}\nserver { listen 127.0.0.1:19999; return 200 pwned;\n# }"),
            "Nginx is invalid (1 problem):\n  - rawServerSnippet = \"# {\\n}\\nserver { listen"
                + " 127.0.0.1:19999; return 200 pwned;\\n# }\": must keep its braces balanced: a"
                + " '}' without its '{' closes the server block and injects configuration outside"
                + " it. Fix: remove the '}' at index 4."),
        Arguments.of(
            "snippet opening a server block",
            (ThrowingCallable) () -> Nginx.target().rawServerSnippet("server { listen 19999; }"),
            "Nginx is invalid (1 problem):\n  - rawServerSnippet = \"server { listen 19999; }\":"
                + " must not open a \"server\" block: only if and types blocks can stand in a"
                + " server block, and any other block configures nginx outside this app's server."
                + " Fix: remove the block at index 0."),
        Arguments.of(
            "snippet with an open brace",
            (ThrowingCallable) () -> Nginx.target().rawServerSnippet("if ($a) {"),
            "Nginx is invalid (1 problem):\n  - rawServerSnippet = \"if ($a) {\": must keep its"
                + " braces balanced. Fix: close every '{' with a '}'."),
        Arguments.of(
            "snippet with a control character",
            (ThrowingCallable) () -> Nginx.target().rawServerSnippet("a\u0000b;"),
            "Nginx is invalid (1 problem):\n  - rawServerSnippet = \"a\\u0000b;\": must be at"
                + " most 4096 characters with no control characters other than newlines. Fix:"
                + " remove \"\\u0000\" (at index 1)."),
        Arguments.of(
            "null snippet",
            (ThrowingCallable) () -> Nginx.target().rawServerSnippet(null),
            "Nginx is invalid (1 problem):\n  - rawServerSnippet = null: is required. Fix: give"
                + " a value."),
        Arguments.of(
            "config connect timeout above 75 s",
            (ThrowingCallable) () -> config().proxyConnectTimeout(Duration.ofSeconds(76)),
            "Nginx.ControllerConfig is invalid (1 problem):\n  - proxyConnectTimeout = 76s: must"
                + " be whole seconds from 1s to 75s. Fix: use a value in that range."),
        Arguments.of(
            "config buffer size",
            (ThrowingCallable) () -> config().proxyBufferSize("8 4k"),
            "Nginx.ControllerConfig is invalid (1 problem):\n  - proxyBufferSize = \"8 4k\": must"
                + " be an nginx size: digits with an optional k or m suffix. Fix: write it like"
                + " \"4k\" or \"1024m\"."),
        Arguments.of(
            "config log format breaking out of its quotes",
            (ThrowingCallable) () -> config().logFormatUpstream("$a'; load_module x; '"),
            "Nginx.ControllerConfig is invalid (1 problem):\n  - logFormatUpstream = \"$a';"
                + " load_module x; '\": must be at most 2048 characters with no control"
                + " characters and none of \"'{};\\\\\". Fix: remove \"'\" (at index 2)."),
        Arguments.of(
            "config TLS protocol",
            (ThrowingCallable) () -> config().sslProtocols("TLSv1.1"),
            "Nginx.ControllerConfig is invalid (1 problem):\n  - sslProtocols = \"TLSv1.1\": must"
                + " be one or both of TLSv1.2 and TLSv1.3. Fix: use sslProtocols(\"TLSv1.2\","
                + " \"TLSv1.3\")."),
        Arguments.of(
            "config ciphers with a semicolon",
            (ThrowingCallable) () -> config().sslCiphers("AES;rm"),
            "Nginx.ControllerConfig is invalid (1 problem):\n  - sslCiphers = \"AES;rm\": must be"
                + " an OpenSSL cipher list of at most 2048 characters: names of A-Z, a-z, 0-9, '_',"
                + " '+', '!' and '-', separated by ':'. Fix: write it like"
                + " \"ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256\"."),
        Arguments.of(
            "config ciphers with an empty name",
            (ThrowingCallable) () -> config().sslCiphers("AES::DES"),
            "Nginx.ControllerConfig is invalid (1 problem):\n  - sslCiphers = \"AES::DES\": must"
                + " be an OpenSSL cipher list of at most 2048 characters: names of A-Z, a-z, 0-9,"
                + " '_', '+', '!' and '-', separated by ':'. Fix: write it like"
                + " \"ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256\"."),
        Arguments.of(
            "unsupported version",
            (ThrowingCallable) () -> Nginx.target().version("1.9"),
            "Nginx is invalid (1 problem):\n  - version = \"1.9\": is not a release line this"
                + " target writes for (supported: 1.10 to 1.15). Fix: give one of [1.10, 1.11,"
                + " 1.12, 1.13, 1.14, 1.15]."),
        Arguments.of(
            "version that is no version",
            (ThrowingCallable) () -> Nginx.target().version("latest"),
            "Nginx is invalid (1 problem):\n  - version = \"latest\": must be a release line such"
                + " as 1.15. Fix: give one of [1.10, 1.11, 1.12, 1.13, 1.14, 1.15]."),
        Arguments.of(
            "controller service account",
            (ThrowingCallable) () -> Nginx.target().controllerServiceAccount("Ingress", null),
            "Nginx is invalid (2 problems):\n"
                + "  - controllerServiceAccount.namespace = \"Ingress\": must be an RFC 1123"
                + " label: a-z, 0-9 and '-', starting and ending with a letter or digit, at most 63"
                + " characters. Fix: use only a-z, 0-9 and '-', as in \"ingress\".\n"
                + "  - controllerServiceAccount.name = null: is required. Fix: give a name such as"
                + " \"websocket-tls\"."),
        Arguments.of(
            "backend TLS verify depth",
            (ThrowingCallable) () -> Nginx.target().backendTlsVerifyDepth(0),
            "Nginx is invalid (1 problem):\n  - backendTlsVerifyDepth = 0: must be from 1 to 10."
                + " Fix: use a value in that range."),
        Arguments.of(
            "config status code",
            (ThrowingCallable) () -> config().limitStatusCodes(200),
            "Nginx.ControllerConfig is invalid (1 problem):\n  - limitStatusCodes = 200: must be"
                + " an HTTP error status from 400 to 599. Fix: use 429 (Too Many Requests)."),
        Arguments.of(
            "config worker connections",
            (ThrowingCallable) () -> config().maxWorkerConnections(0),
            "Nginx.ControllerConfig is invalid (1 problem):\n  - maxWorkerConnections = 0: must"
                + " be from 1 to 10000000. Fix: use the default 16384 or more."),
        Arguments.of(
            "config null shutdown timeout",
            (ThrowingCallable) () -> config().workerShutdownTimeout(null),
            "Nginx.ControllerConfig is invalid (1 problem):\n  - workerShutdownTimeout = null: is"
                + " required. Fix: give a duration."));
  }

  private static Nginx.ControllerConfig config() {
    return Nginx.ControllerConfig.in("ingress-nginx", "ingress-nginx-controller");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejected")
  void options_reject_bad_input(String description, ThrowingCallable call, String message) {
    assertThatThrownBy(call)
        .as(description)
        .isInstanceOf(dev.wsingress.InvalidSpecException.class)
        .hasMessage(message);
  }

  @Test
  void ciphers_of_thousands_of_names_are_refused_without_a_stack_overflow() {
    // The old check, a regex repeating a group per name, threw StackOverflowError at 3000 names.
    String ciphers = String.join(":", Collections.nCopies(3000, "ECDHE-RSA-AES128-GCM-SHA256"));

    assertThatThrownBy(() -> config().sslCiphers(ciphers))
        .isInstanceOf(dev.wsingress.InvalidSpecException.class)
        .hasMessageContaining(
            "must be an OpenSSL cipher list of at most 2048 characters: names of A-Z, a-z, 0-9,"
                + " '_', '+', '!' and '-', separated by ':'");
    String long2048 = String.join(":", Collections.nCopies(73, "ECDHE-RSA-AES128-GCM-SHA256"));
    assertThat(long2048).hasSizeLessThanOrEqualTo(2048);
    assertThat(config().sslCiphers(long2048)).isNotNull();
  }

  @Test
  void options_return_copies_and_leave_the_original_unchanged() {
    Nginx base = Nginx.target();
    Nginx changed = base.ingressClass("ingress-nginx").lenient();

    assertThat(base).hasToString("Nginx[ingressClass=nginx, version=1.15]");
    assertThat(changed).hasToString("Nginx[ingressClass=ingress-nginx, version=1.15, lenient]");
    assertThat(
            base.version("1.10")
                .controllerServiceAccount("ingress", "ingress-nginx")
                .backendTlsVerifyDepth(2))
        .hasToString(
            "Nginx[ingressClass=nginx, version=1.10,"
                + " controllerServiceAccount=ingress/ingress-nginx, backendTlsVerifyDepth=2]");
    assertThat(base.versions())
        .extracting(Object::toString)
        .containsExactly("1.10", "1.11", "1.12", "1.13", "1.14", "1.15");
    assertThat(base.version()).hasValue(dev.wsingress.Version.of(1, 15));
    assertThat(base.version("v1.12.6").version()).hasValue(dev.wsingress.Version.of(1, 12));
    assertThat(changed.id()).isEqualTo("nginx");
    assertThat(changed.displayName()).isEqualTo("ingress-nginx");
  }
}
