package dev.wsingress;

import java.util.Objects;

/**
 * Where a finding's subject was read: a file (as the input named it), a 1-based line and a 1-based
 * column. Findings about rendered objects have no source; findings about manifests that were read
 * have one.
 *
 * <pre>{@code
 * finding.source().ifPresent(s -> System.out.println(s)); // k8s/chat.yaml:12:5
 * }</pre>
 *
 * @param file the file name as given to the reader (or the name given with text), never empty
 * @param line the line, from 1
 * @param column the column, from 1
 */
public record Source(String file, int line, int column) implements Comparable<Source> {

  public Source {
    Objects.requireNonNull(file, "file");
    if (file.isEmpty()) {
      throw new IllegalArgumentException("file is empty");
    }
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException("line and column start at 1: " + line + ":" + column);
    }
  }

  /** Orders by file, then line, then column. */
  @Override
  public int compareTo(Source other) {
    int c = file.compareTo(other.file);
    if (c != 0) {
      return c;
    }
    c = Integer.compare(line, other.line);
    return c != 0 ? c : Integer.compare(column, other.column);
  }

  // Written out for the same reason as Finding's: no invokedynamic bootstrap on a cold path.
  @Override
  public boolean equals(Object other) {
    return other instanceof Source s && file.equals(s.file) && line == s.line && column == s.column;
  }

  @Override
  public int hashCode() {
    return (file.hashCode() * 31 + line) * 31 + column;
  }

  /** {@code file:line:column}, as compilers and linters print it. */
  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
