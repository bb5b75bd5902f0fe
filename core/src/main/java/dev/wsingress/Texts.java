package dev.wsingress;

import java.time.Duration;
import java.util.List;

/** How reading findings show values, field paths and durations. */
final class Texts {
  private Texts() {}

  /** A value as messages show it: quoted, escaped and cut (as the spec's messages do). */
  static String quote(String value) {
    return SpecRules.show(value);
  }

  /** A field path such as {@code spec.rules[0].host} or {@code metadata.annotations["a/b"]}. */
  static String path(List<?> path) {
    if (path.isEmpty()) {
      return "the top level";
    }
    StringBuilder b = new StringBuilder();
    for (Object p : path) {
      if (p instanceof Integer) {
        b.append('[').append(p).append(']');
      } else {
        String s = String.valueOf(p);
        if (isSimple(s)) {
          if (b.length() > 0) {
            b.append('.');
          }
          b.append(s);
        } else {
          b.append('[').append(quote(s)).append(']');
        }
      }
    }
    return b.toString();
  }

  private static boolean isSimple(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(Character.isLetterOrDigit(c) && c < 128) && c != '_' && c != '-') {
        return false;
      }
    }
    return true;
  }

  /** A duration as findings show it: {@code 60 s}, {@code 1 h}, {@code 90 s}. */
  static String duration(Duration d) {
    long s = d.getSeconds();
    if (d.getNano() != 0) {
      return d.toMillis() + " ms";
    }
    if (s != 0 && s % 3600 == 0) {
      return s / 3600 + " h";
    }
    if (s >= 300 && s % 60 == 0) {
      return s / 60 + " min";
    }
    return s + " s";
  }
}
