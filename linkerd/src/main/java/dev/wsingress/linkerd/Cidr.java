package dev.wsingress.linkerd;

/**
 * Reads an IPv4 or IPv6 CIDR ({@code 10.0.0.0/8}, {@code fd00::/8}) by hand, one character at a
 * time: no regular expression, so no input can make it recurse or backtrack.
 */
final class Cidr {
  /** Longer than any CIDR (an IPv6 address with an embedded IPv4 one and a prefix is 49). */
  private static final int MAX_LENGTH = 64;

  private Cidr() {}

  /** Whether {@code text} is an IPv4 CIDR (prefix 0 to 32) or an IPv6 CIDR (0 to 128). */
  static boolean isValid(String text) {
    if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
      return false;
    }
    int slash = text.indexOf('/');
    if (slash < 0 || slash != text.lastIndexOf('/')) {
      return false;
    }
    String address = text.substring(0, slash);
    String prefix = text.substring(slash + 1);
    if (address.indexOf(':') >= 0) {
      return isIpv6(address) && number(prefix, 128);
    }
    return isIpv4(address) && number(prefix, 32);
  }

  /** A decimal number from 0 to {@code max}, without a sign or leading zeros. */
  private static boolean number(String s, int max) {
    if (s.isEmpty() || s.length() > 3 || (s.length() > 1 && s.charAt(0) == '0')) {
      return false;
    }
    int value = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
      value = value * 10 + (c - '0');
    }
    return value <= max;
  }

  /** Four dotted decimal octets from 0 to 255, without leading zeros (RFC 6943 section 3.1.1). */
  static boolean isIpv4(String s) {
    String[] octets = s.split("\\.", -1);
    if (octets.length != 4) {
      return false;
    }
    for (String octet : octets) {
      if (!number(octet, 255)) {
        return false;
      }
    }
    return true;
  }

  /**
   * RFC 4291 section 2.2 text forms: eight groups of 1 to 4 hex digits, or fewer with one {@code
   * ::}, the last two groups optionally written as an IPv4 address.
   */
  static boolean isIpv6(String s) {
    int doubleColon = s.indexOf("::");
    if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
      return false;
    }
    String head = doubleColon >= 0 ? s.substring(0, doubleColon) : s;
    String tail = doubleColon >= 0 ? s.substring(doubleColon + 2) : "";
    int groups = 0;
    String[] parts =
        doubleColon >= 0
            ? join(groupsOf(head), groupsOf(tail))
            : (s.isEmpty() ? new String[] {""} : s.split(":", -1));
    if (parts == null) {
      return false;
    }
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      boolean last = i == parts.length - 1;
      if (last && part.indexOf('.') >= 0) {
        if (!isIpv4(part)) {
          return false;
        }
        groups += 2;
      } else if (isHexGroup(part)) {
        groups++;
      } else {
        return false;
      }
    }
    return doubleColon >= 0 ? groups <= 7 : groups == 8;
  }

  /** The groups of one side of {@code ::}; none for an empty side, null for an empty group. */
  private static String[] groupsOf(String side) {
    if (side.isEmpty()) {
      return new String[0];
    }
    String[] parts = side.split(":", -1);
    for (String p : parts) {
      if (p.isEmpty()) {
        return null;
      }
    }
    return parts;
  }

  private static String[] join(String[] a, String[] b) {
    if (a == null || b == null) {
      return null;
    }
    // An embedded IPv4 address may end only the whole address, so only the tail's last group.
    for (String p : a) {
      if (p.indexOf('.') >= 0) {
        return null;
      }
    }
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static boolean isHexGroup(String s) {
    if (s.isEmpty() || s.length() > 4) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!hex) {
        return false;
      }
    }
    return true;
  }
}
