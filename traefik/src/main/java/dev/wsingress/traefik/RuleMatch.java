package dev.wsingress.traefik;

import dev.wsingress.ServedRoute.HostMatch;
import dev.wsingress.ServedRoute.PathMatch;
import dev.wsingress.SpecRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hosts and paths a Traefik v3 router rule matches, read the other way from {@link
 * Traefik#match}: the rule as a boolean expression of matchers, expanded into its alternatives (the
 * OR of ANDs), each a host and a path.
 *
 * <p>traefik v3.7.9 pkg/rules/parser.go parses a rule with vulcand/predicate: matchers joined by
 * {@code &&}, {@code ||}, {@code !} and parentheses, each argument a Go string literal in backticks
 * or double quotes; pkg/muxer/http/matcher.go gives the matchers' meaning: {@code Host} compares
 * the host ignoring case ({@code *} matches every host, {@code *.example.com} one more label:
 * pkg/muxer/muxer.go {@code DomainMatchHostExpression}), {@code HostRegexp} and {@code PathRegexp}
 * are Go regular expressions that match anywhere in the text ({@code re.MatchString}), {@code Path}
 * is the whole path, {@code PathPrefix} a prefix by characters ({@code strings.HasPrefix}). The
 * other matchers ({@code Method}, {@code Header}, {@code Query}, {@code ClientIP}) and negated ones
 * narrow a route without changing its host or path, so they are left out. {@code Path(`/ws`) ||
 * PathPrefix(`/ws/`)} on one host is read as one prefix by whole segments, as the writer writes it.
 */
final class RuleMatch {
  private RuleMatch() {}

  /**
   * A v2 placeholder in a v3 rule: {@code Path(`/products/{id}`)} or {@code
   * HostRegexp(`{sub:[a-z]+}.example.com`)}. traefik v3.7.9
   * docs/content/migrate/v2-to-v3-details.md: "Path and PathPrefix no longer support path parameter
   * placeholders", and the regexp matchers "now use the Go regexp syntax", where such a brace is a
   * literal.
   */
  private static final Pattern PLACEHOLDER =
      Pattern.compile(
          "(Path|PathPrefix|HostRegexp)\\(\\s*[`\"][^`\"]*(\\{[A-Za-z_][A-Za-z0-9_]*(?::[^}]*)?\\})");

  /** The first v2 placeholder of a v3 rule, as {@code the placeholder {id} of Path}, or null. */
  static String v2Placeholder(String rule) {
    Matcher m = PLACEHOLDER.matcher(rule);
    return m.find() ? "the placeholder " + m.group(2) + " of " + m.group(1) : null;
  }

  /** A {@code Host} argument that starts with {@code *}. */
  private static final Pattern WILDCARD_HOST =
      Pattern.compile("(?i)\\bHost\\(\\s*[`\"](\\*[^`\"]*)[`\"]");

  /**
   * The first {@code Host} argument of the rule that is a wildcard ({@code *} or {@code
   * *.example.com}), or null. traefik v3.7.0 pkg/muxer/http/matcher.go {@code host} compares such a
   * host label-wise ({@code muxer.DomainMatchHostExpression}, "Add wildcard host in Host and
   * HostSNI matchers"; {@code *} alone every host from v3.7.7); v3.6.24 compares the request's host
   * with the text as written ({@code reqHost == host}), so no request matches it.
   */
  static String wildcardHost(String rule) {
    Matcher m = WILDCARD_HOST.matcher(rule);
    return m.find() ? m.group(1) : null;
  }

  /** One host and path the rule matches. */
  record Alternative(String host, HostMatch hostMatch, String path, PathMatch pathMatch) {}

  /** More alternatives than this and the rule is not read (an OR of many ANDs). */
  static final int MAX_ALTERNATIVES = 256;

  /** The writer's one-label wildcard: {@code ^[a-z0-9-]+\.example\.com$}. */
  private static final Pattern ONE_LABEL =
      Pattern.compile(
          "^\\^(?:\\[a-z0-9-\\]|\\[a-zA-Z0-9-\\]|\\[\\^.\\]|\\[\\^\\.\\])\\+((?:\\\\\\.[a-zA-Z0-9-]+)+)\\$$");

  /** A host regex that is a literal name: {@code ^ws\.example\.com$}. */
  private static final Pattern LITERAL_HOST =
      Pattern.compile("^\\^((?:[a-zA-Z0-9-]|\\\\\\.)+)\\$$");

  private record Literal(String name, List<String> args, boolean negated) {}

  /** traefik v3.7.9 pkg/muxer/http/matcher.go {@code httpFuncs}: matchers and their arity. */
  private static final Map<String, Integer[]> ARITY =
      Map.ofEntries(
          Map.entry("ClientIP", new Integer[] {1}),
          Map.entry("Method", new Integer[] {1}),
          Map.entry("Host", new Integer[] {1}),
          Map.entry("HostRegexp", new Integer[] {1}),
          Map.entry("Path", new Integer[] {1}),
          Map.entry("PathRegexp", new Integer[] {1}),
          Map.entry("PathPrefix", new Integer[] {1}),
          Map.entry("Header", new Integer[] {2}),
          Map.entry("HeaderRegexp", new Integer[] {2}),
          Map.entry("Query", new Integer[] {1, 2}),
          Map.entry("QueryRegexp", new Integer[] {1, 2}));

  /**
   * Each matcher under the names Traefik takes for it: as written, lower case, upper case, and
   * capitalized (traefik v3.7.9 pkg/rules/parser.go {@code NewParser}).
   */
  private static final Map<String, String> NAMES = new java.util.HashMap<>();

  static {
    for (String n : ARITY.keySet()) {
      String lower = n.toLowerCase(Locale.ROOT);
      NAMES.put(n, n);
      NAMES.put(lower, n);
      NAMES.put(n.toUpperCase(Locale.ROOT), n);
      NAMES.put(Character.toUpperCase(lower.charAt(0)) + lower.substring(1), n);
    }
  }

  /**
   * The rule's alternatives, in the order written.
   *
   * @throws IllegalArgumentException when the rule does not parse (Traefik refuses it too) or has
   *     more than {@link #MAX_ALTERNATIVES} alternatives
   */
  static List<Alternative> parse(String rule) {
    Parser p = new Parser(rule);
    List<List<Literal>> dnf = p.or();
    p.skipSpaces();
    if (p.pos < rule.length()) {
      throw new IllegalArgumentException("unexpected " + rule.charAt(p.pos) + " at " + (p.pos + 1));
    }
    List<Alternative> raw = new ArrayList<>();
    for (List<Literal> term : dnf) {
      raw.add(alternative(term));
    }
    return merge(raw);
  }

  private static Alternative alternative(List<Literal> term) {
    String host = "";
    HostMatch hostMatch = HostMatch.ANY;
    String path = "/";
    PathMatch pathMatch = PathMatch.CHARACTER_PREFIX;
    boolean hostSeen = false;
    boolean pathSeen = false;
    for (Literal l : term) {
      if (l.negated() || l.args().isEmpty()) {
        continue;
      }
      String arg = l.args().get(0);
      switch (l.name()) {
        case "Host" -> {
          if (!hostSeen) {
            hostSeen = true;
            String h = arg.toLowerCase(Locale.ROOT);
            if (h.endsWith(".")) {
              h = h.substring(0, h.length() - 1);
            }
            if (h.equals("*")) {
              host = "";
              hostMatch = HostMatch.ANY;
            } else if (h.startsWith("*.") && h.length() > 2) {
              host = h;
              hostMatch = HostMatch.WILDCARD_ONE_LABEL;
            } else if (!h.isEmpty()) {
              host = h;
              hostMatch = HostMatch.EXACT;
            }
          }
        }
        case "HostRegexp" -> {
          if (!hostSeen) {
            hostSeen = true;
            Matcher one = ONE_LABEL.matcher(arg);
            Matcher literal = LITERAL_HOST.matcher(arg);
            if (one.matches()) {
              host = "*" + one.group(1).replace("\\.", ".").toLowerCase(Locale.ROOT);
              hostMatch = HostMatch.WILDCARD_ONE_LABEL;
            } else if (literal.matches()) {
              host = literal.group(1).replace("\\.", ".").toLowerCase(Locale.ROOT);
              hostMatch = HostMatch.EXACT;
            } else if (!arg.isEmpty()) {
              // Another regex: kept as written, so no request host looks it up by name.
              host = arg;
              hostMatch = HostMatch.EXACT;
            }
          }
        }
        case "Path" -> {
          if (!pathSeen) {
            pathSeen = true;
            path = arg;
            pathMatch = PathMatch.EXACT;
          }
        }
        case "PathPrefix" -> {
          if (!pathSeen) {
            pathSeen = true;
            path = arg;
            pathMatch = PathMatch.CHARACTER_PREFIX;
          }
        }
        case "PathRegexp" -> {
          if (!pathSeen) {
            pathSeen = true;
            path = javaRegex(arg);
            pathMatch = PathMatch.REGEX_PREFIX;
          }
        }
        default -> {
          // Method, Header, Query, ClientIP: they narrow the route, host and path stay.
        }
      }
    }
    return new Alternative(host, hostMatch, path, pathMatch);
  }

  /**
   * Go's {@code re.MatchString} finds a match anywhere; as a regex that must match at the start of
   * the path: anchored ones as written, others after any text. RE2's {@code (?P<name>} is Java's
   * {@code (?<name>}.
   */
  static String javaRegex(String re2) {
    String re = re2.replace("(?P<", "(?<");
    return re.startsWith("^") ? re : "(?s).*?(?:" + re + ")";
  }

  /** {@code Path(p)} and {@code PathPrefix(p/)} on the same host become one segment prefix. */
  private static List<Alternative> merge(List<Alternative> raw) {
    Map<String, Alternative> out = new LinkedHashMap<>();
    for (Alternative a : raw) {
      out.putIfAbsent(key(a), a);
    }
    for (Alternative a : raw) {
      if (a.pathMatch() != PathMatch.EXACT || a.path().equals("/")) {
        continue;
      }
      Alternative prefix =
          new Alternative(a.host(), a.hostMatch(), a.path() + "/", PathMatch.CHARACTER_PREFIX);
      if (out.containsKey(key(prefix)) && out.containsKey(key(a))) {
        Alternative merged = new Alternative(a.host(), a.hostMatch(), a.path(), PathMatch.PREFIX);
        Map<String, Alternative> next = new LinkedHashMap<>();
        for (Map.Entry<String, Alternative> e : out.entrySet()) {
          if (e.getKey().equals(key(a))) {
            next.put(key(merged), merged);
          } else if (!e.getKey().equals(key(prefix))) {
            next.put(e.getKey(), e.getValue());
          }
        }
        out = next;
      }
    }
    return new ArrayList<>(out.values());
  }

  private static String key(Alternative a) {
    return a.hostMatch() + " " + a.host() + " " + a.pathMatch() + " " + a.path();
  }

  /** A recursive-descent parser of the rule into its disjunctive normal form. */
  private static final class Parser {
    private final String in;
    private int pos;
    private int depth;

    Parser(String in) {
      this.in = in;
    }

    List<List<Literal>> or() {
      List<List<Literal>> terms = new ArrayList<>(and());
      while (take("||")) {
        terms.addAll(and());
        limit(terms.size());
      }
      return terms;
    }

    List<List<Literal>> and() {
      List<List<Literal>> terms = unary();
      while (take("&&")) {
        List<List<Literal>> right = unary();
        List<List<Literal>> product = new ArrayList<>();
        for (List<Literal> l : terms) {
          for (List<Literal> r : right) {
            List<Literal> both = new ArrayList<>(l);
            both.addAll(r);
            product.add(both);
            limit(product.size());
          }
        }
        terms = product;
      }
      return terms;
    }

    List<List<Literal>> unary() {
      skipSpaces();
      if (take("!")) {
        if (++depth > 32) {
          throw new IllegalArgumentException("negations nested too deep");
        }
        List<List<Literal>> inner = unary();
        depth--;
        // A negation narrows the route; its matchers say nothing of the hosts and paths served.
        List<Literal> negated = new ArrayList<>();
        for (List<Literal> t : inner) {
          for (Literal l : t) {
            negated.add(new Literal(l.name(), l.args(), true));
          }
        }
        return List.of(negated);
      }
      if (take("(")) {
        if (++depth > 32) {
          throw new IllegalArgumentException("parentheses nested too deep");
        }
        List<List<Literal>> inner = or();
        depth--;
        if (!take(")")) {
          throw new IllegalArgumentException("a ( is never closed");
        }
        return inner;
      }
      return List.of(List.of(call()));
    }

    Literal call() {
      skipSpaces();
      int start = pos;
      while (pos < in.length() && Character.isLetterOrDigit(in.charAt(pos))) {
        pos++;
      }
      if (start == pos) {
        throw new IllegalArgumentException("a matcher expected at " + (pos + 1));
      }
      String name = in.substring(start, pos);
      if (!take("(")) {
        throw new IllegalArgumentException(name + " has no (");
      }
      List<String> args = new ArrayList<>();
      skipSpaces();
      if (!take(")")) {
        // Go's call syntax (the rule is a Go expression to vulcand/predicate) allows a comma after
        // the last argument.
        do {
          args.add(string());
        } while (take(",") && !peek(')'));
        if (!take(")")) {
          throw new IllegalArgumentException(name + "( is never closed");
        }
      }
      String canonical = NAMES.get(name);
      Integer[] arity = canonical == null ? null : ARITY.get(canonical);
      if (arity == null) {
        throw new IllegalArgumentException("no matcher " + name);
      }
      if (!java.util.Arrays.asList(arity).contains(args.size())) {
        throw new IllegalArgumentException(
            name
                + " takes "
                + arity[0]
                + (arity.length > 1 ? " or " + arity[1] : "")
                + (arity[0] == 1 && arity.length == 1 ? " argument" : " arguments")
                + ", not "
                + args.size());
      }
      check(canonical, args.get(0));
      return new Literal(canonical, args, false);
    }

    /**
     * What the matchers refuse when Traefik builds them, negated or not (traefik v3.0.4 and v3.7.9
     * pkg/muxer/http/matcher.go: {@code path} and {@code pathPrefix} "path %q does not start with a
     * '/'", {@code host} and {@code hostRegexp} "non-ASCII characters are not allowed"): the router
     * fails like one whose rule does not parse.
     */
    private static void check(String matcher, String arg) {
      if ((matcher.equals("Path") || matcher.equals("PathPrefix")) && !arg.startsWith("/")) {
        throw new IllegalArgumentException(
            matcher + ": the path " + SpecRules.show(arg) + " does not start with a '/'");
      }
      if ((matcher.equals("Host") || matcher.equals("HostRegexp"))
          && !arg.chars().allMatch(c -> c < 0x80)) {
        throw new IllegalArgumentException(
            matcher + ": non-ASCII characters are not allowed in " + SpecRules.show(arg));
      }
    }

    boolean peek(char c) {
      skipSpaces();
      return pos < in.length() && in.charAt(pos) == c;
    }

    String string() {
      skipSpaces();
      if (pos >= in.length()) {
        throw new IllegalArgumentException("a string expected at the end");
      }
      char q = in.charAt(pos);
      if (q == '`') {
        int end = in.indexOf('`', pos + 1);
        if (end < 0) {
          throw new IllegalArgumentException("a ` is never closed");
        }
        String s = in.substring(pos + 1, end);
        pos = end + 1;
        return s;
      }
      if (q != '"') {
        throw new IllegalArgumentException("a string in ` or \" expected at " + (pos + 1));
      }
      // An interpreted Go string literal (The Go Programming Language Specification, "String
      // literals"): go/scanner refuses an unknown escape such as \. and a newline, and the rule
      // then does not parse.
      StringBuilder b = new StringBuilder();
      pos++;
      while (pos < in.length() && in.charAt(pos) != '"') {
        char c = in.charAt(pos++);
        if (c == '\n') {
          throw new IllegalArgumentException("a newline in a \" string at " + pos);
        }
        if (c != '\\') {
          b.append(c);
          continue;
        }
        if (pos >= in.length()) {
          break;
        }
        char e = in.charAt(pos++);
        switch (e) {
          case 'a' -> b.append('\u0007');
          case 'b' -> b.append('\b');
          case 'f' -> b.append('\f');
          case 'n' -> b.append('\n');
          case 'r' -> b.append('\r');
          case 't' -> b.append('\t');
          case 'v' -> b.append('\u000b');
          case '\\', '"' -> b.append(e);
          case 'x' -> b.appendCodePoint(digits(16, 2));
          case 'u' -> b.appendCodePoint(digits(16, 4));
          case 'U' -> b.appendCodePoint(digits(16, 8));
          case '0', '1', '2', '3', '4', '5', '6', '7' -> {
            pos--;
            b.appendCodePoint(digits(8, 3));
          }
          default ->
              throw new IllegalArgumentException(
                  "\\"
                      + e
                      + " at "
                      + (pos - 1)
                      + " is no escape of a Go string in \" (write the rule in backticks, as"
                      + " `...` takes a backslash as it is)");
        }
      }
      if (pos >= in.length()) {
        throw new IllegalArgumentException("a \" is never closed");
      }
      pos++;
      return b.toString();
    }

    /** {@code n} digits in {@code radix} of an escape, as a code point. */
    private int digits(int radix, int n) {
      if (pos + n > in.length()) {
        throw new IllegalArgumentException("an escape is cut short at " + pos);
      }
      String d = in.substring(pos, pos + n);
      int v;
      try {
        v = Integer.parseUnsignedInt(d, radix);
      } catch (NumberFormatException ex) {
        throw new IllegalArgumentException("an escape with bad digits " + d + " at " + pos, ex);
      }
      if (v > Character.MAX_CODE_POINT || (radix == 8 && v > 255)) {
        throw new IllegalArgumentException("an escape out of range at " + pos);
      }
      pos += n;
      return v;
    }

    boolean take(String token) {
      skipSpaces();
      if (in.startsWith(token, pos)) {
        pos += token.length();
        return true;
      }
      return false;
    }

    void skipSpaces() {
      while (pos < in.length() && Character.isWhitespace(in.charAt(pos))) {
        pos++;
      }
    }

    private static void limit(int size) {
      if (size > MAX_ALTERNATIVES) {
        throw new IllegalArgumentException("more than " + MAX_ALTERNATIVES + " alternatives");
      }
    }
  }
}
