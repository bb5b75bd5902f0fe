package dev.wsingress;

import java.util.List;

/**
 * A controller or mesh release line, {@code major.minor} (patch releases do not change what a
 * target writes). Targets take one in their {@code version(...)} option and write only what that
 * release accepts.
 *
 * <pre>{@code
 * Traefik.target().version("3.3");              // falls back to what Traefik v3.3 accepts
 * Version.parse("v3.7.9");                      // 3.7
 * Version.of(3, 4).isAtLeast(Version.of(3, 6)); // false
 * }</pre>
 *
 * @param major the major version
 * @param minor the minor version
 */
public record Version(int major, int minor) implements Comparable<Version> {

  public Version {
    if (major < 0 || minor < 0) {
      throw new IllegalArgumentException("a version has no negative parts: " + major + "." + minor);
    }
  }

  /** The version {@code major.minor}. */
  public static Version of(int major, int minor) {
    return new Version(major, minor);
  }

  /**
   * Reads {@code 3.4}, {@code v3.4}, {@code 3.4.1} or {@code v1.28.0-rc.1} as {@code major.minor}.
   *
   * @throws IllegalArgumentException when the text is not such a version
   */
  public static Version parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("version is null");
    }
    String s = text.startsWith("v") ? text.substring(1) : text;
    int end = 0;
    int dots = 0;
    while (end < s.length() && end < 32) {
      char c = s.charAt(end);
      if (c == '.') {
        dots++;
      } else if (c < '0' || c > '9') {
        break;
      }
      end++;
    }
    String numeric = s.substring(0, end);
    String rest = s.substring(end);
    String[] parts = numeric.split("\\.", -1);
    boolean ok =
        (parts.length == 2 || parts.length == 3)
            && dots == parts.length - 1
            && (rest.isEmpty() || (parts.length == 3 && rest.matches("-[0-9A-Za-z.]{1,32}")));
    for (String p : parts) {
      ok &= !p.isEmpty() && p.length() <= 6 && (p.equals("0") || p.charAt(0) != '0');
    }
    if (!ok) {
      throw new IllegalArgumentException(
          "not a version: " + SpecRules.show(text) + " (write it like 3.4, v3.4 or 3.4.1)");
    }
    return new Version(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
  }

  /**
   * Reads a target's {@code version(...)} option: one of the {@code supported} release lines.
   *
   * @param owner the option's owner for the message, such as {@code Traefik}
   * @param text what the user gave
   * @param supported every release line the target writes for, oldest first
   * @throws InvalidSpecException naming the supported versions when the text is not one of them
   */
  public static Version option(String owner, String text, List<Version> supported) {
    Version v;
    try {
      v = parse(text);
    } catch (IllegalArgumentException e) {
      throw InvalidSpecException.of(
          owner,
          "version",
          text,
          "must be a release line such as " + supported.get(supported.size() - 1),
          "give one of " + supported);
    }
    if (!supported.contains(v)) {
      throw InvalidSpecException.of(
          owner,
          "version",
          text,
          "is not a release line this target writes for (supported: "
              + supported.get(0)
              + " to "
              + supported.get(supported.size() - 1)
              + ")",
          "give one of " + supported);
    }
    return v;
  }

  /** Whether this release is {@code other} or newer. */
  public boolean isAtLeast(Version other) {
    return compareTo(other) >= 0;
  }

  @Override
  public int compareTo(Version other) {
    int c = Integer.compare(major, other.major);
    return c != 0 ? c : Integer.compare(minor, other.minor);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Version v && major == v.major && minor == v.minor;
  }

  @Override
  public int hashCode() {
    return major * 1000 + minor;
  }

  /** {@code major.minor}. */
  @Override
  public String toString() {
    return major + "." + minor;
  }
}
