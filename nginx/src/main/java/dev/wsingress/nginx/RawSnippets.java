package dev.wsingress.nginx;

import dev.wsingress.Problem;
import dev.wsingress.SpecRules;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks a raw server snippet before it may reach the controller's nginx.conf. ingress-nginx pastes
 * the {@code server-snippet} value verbatim into the host's {@code server { ... }} block
 * (rootfs/etc/nginx/template/nginx.tmpl at controller-v1.15.1, "Custom code snippet configured for
 * host"), followed by a newline and the generated locations. So the snippet must read, under
 * nginx's own tokenizer ({@link ConfigTokenizer}), as whole statements that stay inside that block.
 */
final class RawSnippets {
  private RawSnippets() {}

  /**
   * Words that load code, read files or reroute traffic. Based on the blocklist ingress-nginx
   * recommends for annotation-value-word-blocklist (configmap.md): load_module, lua_package,
   * _by_lua, location, root, proxy_pass, serviceaccount; plus include and alias, which read
   * arbitrary files (CVE-2021-25742). A location block also shadows the generated location for the
   * same path, as the seed document's snippet does. Matched as substrings of the lower-cased text,
   * as the controller's blocklist matches (strings.Contains in controller.go CheckIngress).
   */
  static final List<String> FORBIDDEN_WORDS =
      List.of(
          "load_module",
          "lua_package",
          "_by_lua",
          "location",
          "root",
          "alias",
          "include",
          "proxy_pass",
          "serviceaccount");

  /**
   * The blocks that may stand directly in a server block: {@code if} (ngx_http_rewrite_module,
   * context server and location) and {@code types} (ngx_http_core_module, context http, server,
   * location). Every other block either belongs to another context ({@code server}, {@code http},
   * {@code events}, {@code stream}, {@code mail}, {@code upstream}, {@code map}, {@code geo},
   * {@code split_clients}, {@code limit_except}...) or is refused above ({@code location}, {@code
   * *_by_lua_block}); neither nests a block inside it.
   */
  static final Set<String> ALLOWED_BLOCKS = Set.of("if", "types");

  static void check(List<Problem> out, String field, String snippet) {
    if (!SpecRules.safeText(out, field, snippet, "", true, 4096)) {
      return;
    }
    // Lone surrogates are refused by safeText (they have no UTF-8 form, neither in YAML nor in
    // nginx.conf).
    String lower = snippet.toLowerCase(Locale.ROOT);
    for (String word : FORBIDDEN_WORDS) {
      if (lower.contains(word)) {
        out.add(
            Problem.of(
                field,
                snippet,
                "must not contain \""
                    + word
                    + "\": ingress-nginx's recommended annotation-value-word-blocklist refuses"
                    + " it, and it can load code, read files or shadow the generated location",
                "express the setting with the typed spec instead"));
        return;
      }
    }
    List<ConfigTokenizer.Statement> statements;
    try {
      statements = ConfigTokenizer.read(snippet);
    } catch (ConfigTokenizer.SyntaxError e) {
      out.add(
          Problem.of(
              field,
              snippet,
              "must be configuration that nginx reads as whole directives (ngx_conf_file.c), but"
                  + " nginx stops at index "
                  + e.index
                  + ": "
                  + e.getMessage(),
              "end every directive with ';', quote arguments that contain spaces, braces, ';' or"
                  + " '#', and close every quote"));
      return;
    }
    int depth = 0;
    for (ConfigTokenizer.Statement s : statements) {
      switch (s.end()) {
        case BLOCK_END -> {
          if (depth == 0) {
            out.add(
                Problem.of(
                    field,
                    snippet,
                    "must keep its braces balanced: a '}' without its '{' closes the server block"
                        + " and injects configuration outside it",
                    "remove the '}' at index " + s.index()));
            return;
          }
          depth--;
        }
        case BLOCK_START -> {
          String name = s.words().get(0);
          if (depth > 0 || !ALLOWED_BLOCKS.contains(name)) {
            out.add(
                Problem.of(
                    field,
                    snippet,
                    "must not open a "
                        + SpecRules.show(name)
                        + " block"
                        + (depth > 0 ? " inside another block" : "")
                        + ": only if and types blocks can stand in a server block, and any other"
                        + " block configures nginx outside this app's server",
                    "remove the block at index " + s.index()));
            return;
          }
          depth++;
        }
        case SEMICOLON -> {}
      }
    }
    if (depth != 0) {
      out.add(
          Problem.of(
              field, snippet, "must keep its braces balanced", "close every '{' with a '}'"));
    }
  }
}
