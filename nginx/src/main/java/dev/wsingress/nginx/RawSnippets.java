package dev.wsingress.nginx;

import dev.wsingress.Problem;
import dev.wsingress.SpecRules;
import java.util.List;
import java.util.Locale;

/** Checks a raw server snippet before it may reach the controller's nginx.conf. */
final class RawSnippets {
  private RawSnippets() {}

  /**
   * Words that load code, read files or reroute traffic. Based on the blocklist ingress-nginx
   * recommends for annotation-value-word-blocklist (configmap.md): load_module, lua_package,
   * _by_lua, location, root, proxy_pass, serviceaccount; plus include and alias, which read
   * arbitrary files (CVE-2021-25742). A location block also shadows the generated location for the
   * same path, as the seed document's snippet does.
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

  static void check(List<Problem> out, String field, String snippet) {
    if (!SpecRules.safeText(out, field, snippet, "", true, 4096)) {
      return;
    }
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
    int depth = 0;
    for (int i = 0; i < snippet.length(); i++) {
      char c = snippet.charAt(i);
      depth += c == '{' ? 1 : c == '}' ? -1 : 0;
      if (depth < 0) {
        out.add(
            Problem.of(
                field,
                snippet,
                "must keep its braces balanced: a '}' without its '{' closes the server block"
                    + " and injects configuration outside it",
                "remove the '}' at index " + i));
        return;
      }
    }
    if (depth != 0) {
      out.add(
          Problem.of(
              field, snippet, "must keep its braces balanced", "close every '{' with a '}'"));
    }
  }
}
