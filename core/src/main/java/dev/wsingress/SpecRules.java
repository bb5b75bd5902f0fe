package dev.wsingress;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The validation rules every user-supplied value passes before it reaches an object, an annotation
 * or a proxy configuration. {@link WebSocketApp.Builder#build()} applies them to the spec; target
 * modules apply them to their own options, so one value is judged the same way everywhere.
 *
 * <p>Each check appends at most one {@link Problem} to {@code out} and returns whether the value
 * passed.
 *
 * <pre>{@code
 * List<Problem> problems = new ArrayList<>();
 * SpecRules.dnsSubdomain(problems, "ingressClass", "nginx");
 * }</pre>
 */
public final class SpecRules {
  private SpecRules() {}

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
  private static final Pattern PORT_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern LABEL_NAME =
      Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
  private static final Pattern COOKIE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
  private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
  private static final java.util.Set<String> METHODS =
      java.util.Set.of(
          "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");
  private static final Pattern ORIGIN =
      // Dot-separated non-empty labels: the Gateway API CORSOrigin pattern refuses "a..b".
      Pattern.compile(
          "https?://(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*"
              + "(:[0-9]{1,5})?");

  static final String HOSTNAME_RULE =
      "must be a lower-case RFC 1123 hostname: dot-separated labels of a-z, 0-9 and '-', each"
          + " 1 to 63 characters, not starting or ending with '-', 253 characters in all, with"
          + " '*.' allowed only as a leading wildcard, and not an IP address";

  /** Shows a rejected value in a message: quoted and escaped, never raw control characters. */
  public static String show(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Duration d) {
      return showDuration(d);
    }
    if (!(value instanceof CharSequence)) {
      return String.valueOf(value);
    }
    String s = value.toString();
    StringBuilder b = new StringBuilder("\"");
    int limit = Math.min(s.length(), 120);
    for (int i = 0; i < limit; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20
              || c == 0x7f
              || (c >= 0x80 && c < 0xa0)
              || Character.getType(c) == Character.FORMAT
              || c == 0x2028
              || c == 0x2029
              || loneSurrogateAt(s, i)) {
            // Control and format characters (bidi overrides, zero-width) and lone surrogates
            // are shown escaped: a message must read as what it says.
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    if (s.length() > limit) {
      b.append("...(").append(s.length()).append(" characters)");
    }
    return b.append('"').toString();
  }

  private static String showDuration(Duration d) {
    long s = d.getSeconds();
    if (d.getNano() != 0 || s < 0) {
      return d.toString();
    }
    if (s != 0 && s % 86400 == 0) {
      return s / 86400 + "d";
    }
    if (s != 0 && s % 3600 == 0) {
      return s / 3600 + "h";
    }
    if (s != 0 && s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }

  /**
   * Whether the UTF-16 code unit at {@code i} is a surrogate that is not part of a pair: such text
   * cannot be encoded as UTF-8, so a YAML writer replaces or refuses it and it never survives a
   * round trip.
   */
  static boolean loneSurrogateAt(CharSequence s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
    }
    return false;
  }

  /** Whether the text has a control character (tab and newline included). */
  public static boolean hasControlCharacter(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
        return true;
      }
    }
    return false;
  }

  /** A value that must be given. */
  public static boolean required(List<Problem> out, String field, Object value, String fix) {
    if (value == null || (value instanceof String s && s.isEmpty())) {
      out.add(Problem.of(field, value, "is required", fix));
      return false;
    }
    return true;
  }

  /** A hostname as Ingress, Gateway and route objects accept it (RFC 1123, lower case). */
  public static boolean hostname(List<Problem> out, String field, String host) {
    if (!required(out, field, host, "give a hostname such as \"ws.example.com\"")) {
      return false;
    }
    String fix;
    if (hasControlCharacter(host) || host.contains(" ")) {
      fix = "remove the whitespace and control characters";
    } else if (!host.equals(host.toLowerCase(java.util.Locale.ROOT))) {
      fix = "write it in lower case: " + show(host.toLowerCase(java.util.Locale.ROOT));
    } else if (IPV4.matcher(host).matches() || host.contains(":")) {
      fix = "use a DNS name; Ingress and Gateway API hosts cannot be IP addresses";
    } else if (host.indexOf('*') > 0 || (host.startsWith("*") && !host.startsWith("*."))) {
      fix = "use a wildcard only as the whole first label, as in \"*.example.com\"";
    } else if (host.length() > 253) {
      fix = "shorten it to at most 253 characters";
    } else {
      String rest = host.startsWith("*.") ? host.substring(2) : host;
      boolean ok = !rest.isEmpty();
      for (String label : rest.split("\\.", -1)) {
        ok &= label.length() <= 63 && DNS_LABEL.matcher(label).matches();
      }
      if (ok) {
        return true;
      }
      fix = "use only a-z, 0-9, '-' and '.', with labels of 1 to 63 characters";
    }
    out.add(Problem.of(field, host, HOSTNAME_RULE, fix));
    return false;
  }

  /** An HTTP path that may reach a proxy's configuration (locations, route rules). */
  public static boolean path(List<Problem> out, String field, String path) {
    if (!required(out, field, path, "give a path such as \"/ws\"")) {
      return false;
    }
    String fix = null;
    if (!path.startsWith("/")) {
      fix = "start it with '/', as in " + show("/" + path.strip());
    } else if (path.length() > 1024) {
      fix = "shorten it to at most 1024 characters";
    } else if (!pathCharacters(path)) {
      fix =
          "remove whitespace, control characters, quotes, backticks, braces, semicolons, '#',"
              + " '$', '*', '?' and '\\'; percent-encode other characters as %XX";
    }
    if (fix != null) {
      out.add(
          Problem.of(
              field,
              path,
              "must be an absolute URL path of letters, digits and . _ ~ ! & + , = : @ / -, or"
                  + " %XX escapes",
              fix));
      return false;
    }
    // kubernetes pkg/apis/networking/validation/validation.go (master 019c5dc5, and the copy
    // lifted from release-1.27): invalidPathSequences {"//", "/./", "/../", "%2f", "%2F"} and
    // invalidPathSuffixes {"/..", "/."} for Exact and Prefix paths; the Gateway API v1.6.1
    // HTTPRoute CRD's CEL rules on spec.rules[].matches[].path refuse the same (and '#').
    String segments = null;
    if (path.contains("%2f") || path.contains("%2F")) {
      segments = "write '/' instead of the encoded slash: " + show(path.replaceAll("%2[fF]", "/"));
    } else if (path.contains("//")) {
      segments = "remove the empty segment ('//'): " + show(path.replaceAll("/{2,}", "/"));
    } else if (path.contains("/./")
        || path.contains("/../")
        || path.endsWith("/.")
        || path.endsWith("/..")) {
      segments = "resolve the dot segments: " + show(removeDotSegments(path));
    }
    if (segments == null) {
      String encoded = encodedControlOrDot(path);
      if (encoded == null) {
        return true;
      }
      out.add(
          Problem.of(
              field,
              path,
              "must not percent-encode a control character (%00 to %1F, %7F) or a dot segment"
                  + " (%2E): proxies decode them before they match, so the path would mean"
                  + " something else (a NUL, a line break, '.' or '..')",
              "remove " + show(encoded) + " or write the path without it"));
      return false;
    }
    out.add(
        Problem.of(
            field,
            path,
            "must not contain '//', '/./', '/../', '%2f' or '%2F', nor end with '/.' or '/..':"
                + " the API server refuses such Ingress paths (422) and the HTTPRoute CRD's"
                + " rules refuse them",
            segments));
    return false;
  }

  // Each character is a letter, digit or one of . _ ~ ! & + , = : @ / -, or starts a %XX escape;
  // a loop, not a regex: (a|%XX)* recurses once per character in java.util.regex.
  private static boolean pathCharacters(String path) {
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '%') {
        if (i + 2 >= path.length() || !hex(path.charAt(i + 1)) || !hex(path.charAt(i + 2))) {
          return false;
        }
        i += 2;
      } else if (!(c >= 'a' && c <= 'z'
          || c >= 'A' && c <= 'Z'
          || c >= '0' && c <= '9'
          || "._~!&+,=:@/-".indexOf(c) >= 0)) {
        return false;
      }
    }
    return true;
  }

  // The first %XX escape of a control character, or of a segment that decodes to "." or "..";
  // null when there is none. Called on a path whose characters passed pathCharacters().
  private static String encodedControlOrDot(String path) {
    for (int i = path.indexOf('%'); i >= 0; i = path.indexOf('%', i + 1)) {
      int value = Integer.parseInt(path.substring(i + 1, i + 3), 16);
      if (value < 0x20 || value == 0x7f) {
        return path.substring(i, i + 3);
      }
    }
    for (String segment : path.split("/", -1)) {
      String decoded = segment.replace("%2e", ".").replace("%2E", ".");
      if (!decoded.equals(segment) && (decoded.equals(".") || decoded.equals(".."))) {
        return segment;
      }
    }
    return null;
  }

  private static boolean hex(char c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }

  // RFC 3986 section 5.2.4, for a suggestion in a fix.
  private static String removeDotSegments(String path) {
    java.util.Deque<String> kept = new java.util.ArrayDeque<>();
    String[] parts = path.substring(1).split("/", -1);
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      boolean last = i == parts.length - 1;
      if (part.equals("..")) {
        kept.pollLast();
        if (last) {
          kept.addLast("");
        }
      } else if (part.equals(".")) {
        if (last) {
          kept.addLast("");
        }
      } else {
        kept.addLast(part);
      }
    }
    return "/" + String.join("/", kept);
  }

  /** An object name or namespace: an RFC 1123 label of at most {@code max} characters. */
  public static boolean dnsLabel(List<Problem> out, String field, String value, int max) {
    if (!required(out, field, value, "give a name such as \"chat\"")) {
      return false;
    }
    if (value.length() <= max && DNS_LABEL.matcher(value).matches()) {
      return true;
    }
    out.add(
        Problem.of(
            field,
            value,
            "must be an RFC 1123 label: a-z, 0-9 and '-', starting and ending with a letter or"
                + " digit, at most "
                + max
                + " characters",
            nameFix(value, max)));
    return false;
  }

  /** A Service name: an RFC 1035 label (starts with a letter), at most 63 characters. */
  public static boolean dns1035Label(List<Problem> out, String field, String value) {
    if (!required(out, field, value, "give the Service name, such as \"websocket-service\"")) {
      return false;
    }
    if (value.length() <= 63 && DNS_1035_LABEL.matcher(value).matches()) {
      return true;
    }
    out.add(
        Problem.of(
            field,
            value,
            "must be an RFC 1035 label: a-z, 0-9 and '-', starting with a letter and ending with"
                + " a letter or digit, at most 63 characters",
            nameFix(value, 63)));
    return false;
  }

  /** A Secret or class name: an RFC 1123 subdomain, at most 253 characters. */
  public static boolean dnsSubdomain(List<Problem> out, String field, String value) {
    if (!required(out, field, value, "give a name such as \"websocket-tls\"")) {
      return false;
    }
    boolean ok = value.length() <= 253;
    for (String label : value.split("\\.", -1)) {
      ok &= label.length() <= 63 && DNS_LABEL.matcher(label).matches();
    }
    if (ok) {
      return true;
    }
    out.add(
        Problem.of(
            field,
            value,
            "must be an RFC 1123 subdomain: dot-separated labels of a-z, 0-9 and '-', at most 253"
                + " characters",
            nameFix(value, 253)));
    return false;
  }

  private static String nameFix(String value, int max) {
    if (value.length() > max) {
      return "shorten it to at most " + max + " characters";
    }
    String suggestion =
        value
            .toLowerCase(java.util.Locale.ROOT)
            .replaceAll("[^a-z0-9-]+", "-")
            .replaceAll("^[^a-z]+|-+$", "");
    if (suggestion.isEmpty()) {
      return "use only a-z, 0-9 and '-', as in \"chat\"";
    }
    return "use only a-z, 0-9 and '-', as in " + show(suggestion);
  }

  /** A port number, 1 to 65535. */
  public static boolean port(List<Problem> out, String field, int port) {
    if (port >= 1 && port <= 65535) {
      return true;
    }
    out.add(
        Problem.of(field, port, "must be a port number from 1 to 65535", "use the Service's port"));
    return false;
  }

  /** A port name (IANA service name): at most 15 characters, a-z, 0-9, '-', one letter. */
  public static boolean portName(List<Problem> out, String field, String name) {
    if (!required(out, field, name, "give the port's name, such as \"http-ws\"")) {
      return false;
    }
    if (name.length() <= 15
        && PORT_NAME.matcher(name).matches()
        && !name.contains("--")
        && name.chars().anyMatch(c -> c >= 'a' && c <= 'z')) {
      return true;
    }
    out.add(
        Problem.of(
            field,
            name,
            "must be an IANA service name: at most 15 characters of a-z, 0-9 and '-', with at"
                + " least one letter, no '--', not starting or ending with '-'",
            name.length() > 15
                ? "shorten it to at most 15 characters"
                : "use a name like \"http-ws\""));
    return false;
  }

  /** A label key ({@code [prefix/]name}). */
  public static boolean labelKey(List<Problem> out, String field, String key) {
    if (!required(out, field, key, "give a key such as \"app\"")) {
      return false;
    }
    int slash = key.indexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    boolean ok = name.length() <= 63 && LABEL_NAME.matcher(name).matches();
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      boolean prefixOk = prefix.length() <= 253 && !prefix.isEmpty();
      for (String label : prefix.split("\\.", -1)) {
        prefixOk &= DNS_LABEL.matcher(label).matches() && label.length() <= 63;
      }
      ok &= prefixOk;
    }
    if (ok) {
      return true;
    }
    out.add(
        Problem.of(
            field,
            key,
            "must be a label key: an optional DNS subdomain prefix and '/', then a name of at most"
                + " 63 characters of letters, digits, '-', '_' and '.', starting and ending with a"
                + " letter or digit",
            "use a key like \"app\" or \"app.kubernetes.io/name\""));
    return false;
  }

  /** A label value: empty, or up to 63 characters of letters, digits, '-', '_' and '.'. */
  public static boolean labelValue(List<Problem> out, String field, String value) {
    if (value == null) {
      out.add(Problem.of(field, null, "is required", "give a value, such as \"chat\""));
      return false;
    }
    if (value.isEmpty() || (value.length() <= 63 && LABEL_NAME.matcher(value).matches())) {
      return true;
    }
    out.add(
        Problem.of(
            field,
            value,
            "must be a label value: at most 63 characters of letters, digits, '-', '_' and '.',"
                + " starting and ending with a letter or digit",
            value.length() > 63
                ? "shorten it to at most 63 characters"
                : "remove other characters"));
    return false;
  }

  /** A cookie name that is safe in every proxy's configuration. */
  public static boolean cookieName(List<Problem> out, String field, String name) {
    if (!required(out, field, name, "give a cookie name such as \"ws-server\"")) {
      return false;
    }
    if (name.length() <= 64 && COOKIE_NAME.matcher(name).matches()) {
      return true;
    }
    out.add(
        Problem.of(
            field,
            name,
            "must be a cookie name of at most 64 letters, digits, '_', '.' and '-', starting with"
                + " a letter or digit (an RFC 6265 token that no proxy configuration can"
                + " misread)",
            name.length() > 64
                ? "shorten it to at most 64 characters"
                : "use a name like \"ws-server\""));
    return false;
  }

  /** An HTTP header name that every controller accepts. */
  public static boolean headerName(List<Problem> out, String field, String name) {
    if (!required(out, field, name, "give a header name such as \"X-Session-Id\"")) {
      return false;
    }
    if (name.length() <= 64 && HEADER_NAME.matcher(name).matches()) {
      return true;
    }
    out.add(
        Problem.of(
            field,
            name,
            "must be an HTTP header name of at most 64 letters, digits, '-' and '_', starting"
                + " with a letter or digit",
            "use a name like \"X-Session-Id\""));
    return false;
  }

  /** A standard HTTP method (RFC 9110 and PATCH), in upper case. */
  public static boolean httpMethod(List<Problem> out, String field, String method) {
    if (!required(out, field, method, "give a method such as \"GET\"")) {
      return false;
    }
    if (METHODS.contains(method)) {
      return true;
    }
    out.add(
        Problem.of(
            field,
            method,
            "must be a standard HTTP method: GET, HEAD, POST, PUT, DELETE, CONNECT, OPTIONS,"
                + " TRACE or PATCH",
            METHODS.contains(method.toUpperCase(java.util.Locale.ROOT))
                ? "write it in upper case: " + show(method.toUpperCase(java.util.Locale.ROOT))
                : "use one of those methods"));
    return false;
  }

  /** A CORS origin: {@code *} or {@code http(s)://host[:port]}, one leading {@code *.} allowed. */
  public static boolean origin(List<Problem> out, String field, String origin) {
    if (!required(out, field, origin, "give an origin such as \"https://app.example.com\"")) {
      return false;
    }
    if (origin.equals("*") || (origin.length() <= 270 && ORIGIN.matcher(origin).matches())) {
      return true;
    }
    out.add(
        Problem.of(
            field,
            origin,
            "must be \"*\" or scheme://host[:port] with scheme http or https, a lower-case host"
                + " and no path",
            "write it like \"https://app.example.com\" or \"https://*.example.com:8443\""));
    return false;
  }

  /**
   * A duration in whole seconds from {@code min} to {@code max}. Every target can express whole
   * seconds; ingress-nginx can express nothing finer.
   */
  public static boolean wholeSeconds(
      List<Problem> out, String field, Duration value, Duration min, Duration max) {
    if (value == null) {
      out.add(Problem.of(field, null, "is required", "give a duration"));
      return false;
    }
    if (value.getNano() == 0 && value.compareTo(min) >= 0 && value.compareTo(max) <= 0) {
      return true;
    }
    String rule = "must be whole seconds from " + show(min) + " to " + show(max);
    if (value.getNano() != 0) {
      out.add(
          Problem.of(
              field,
              value,
              rule,
              "round it to whole seconds (ingress-nginx accepts only integer seconds)"));
    } else {
      out.add(Problem.of(field, value, rule, "use a value in that range"));
    }
    return false;
  }

  /** A whole number in a range. */
  public static boolean range(List<Problem> out, String field, long value, long min, long max) {
    if (value >= min && value <= max) {
      return true;
    }
    out.add(
        Problem.of(
            field, value, "must be from " + min + " to " + max, "use a value in that range"));
    return false;
  }

  /**
   * Text that will be placed inside a proxy configuration: no control characters (except where
   * {@code allowNewlines}), and none of {@code forbidden}.
   */
  public static boolean safeText(
      List<Problem> out,
      String field,
      String value,
      String forbidden,
      boolean allowNewlines,
      int maxLength) {
    if (!required(out, field, value, "give a value")) {
      return false;
    }
    String rule =
        "must be at most "
            + maxLength
            + " characters with no control characters"
            + (allowNewlines ? " other than newlines" : "")
            + (forbidden.isEmpty() ? "" : " and none of " + show(forbidden));
    if (value.length() > maxLength) {
      out.add(Problem.of(field, value, rule, "shorten it"));
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean control = c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0);
      if ((control && !(allowNewlines && c == '\n')) || forbidden.indexOf(c) >= 0) {
        out.add(
            Problem.of(
                field, value, rule, "remove " + show(String.valueOf(c)) + " (at index " + i + ")"));
        return false;
      }
      if (Character.isSurrogate(c) && loneSurrogateAt(value, i)) {
        out.add(
            Problem.of(
                field,
                value,
                "must be well-formed Unicode: a lone UTF-16 surrogate has no UTF-8 encoding, so"
                    + " it does not survive YAML",
                String.format("remove the lone surrogate \\u%04x (at index %d)", (int) c, i)));
        return false;
      }
    }
    return true;
  }
}
