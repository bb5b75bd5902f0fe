package dev.wsingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input for the reader (issue 19): each case is refused or read with a clear finding, in
 * bounded time, in a JVM with a 256 MiB heap (core's pom runs this class alone in its own fork with
 * {@code -Xmx256m}).
 */
class HostileYamlTest {
  private static final Duration BOUND = Duration.ofSeconds(20);

  /** Set if YAML ever made the reader load this class. */
  static volatile boolean constructed;

  /** A class a {@code !!} tag names; loading it would set {@link #constructed}. */
  public static final class Boom {
    static {
      constructed = true;
    }
  }

  @BeforeAll
  static void the_heap_is_capped() {
    assertThat(Runtime.getRuntime().maxMemory())
        .as("run by the hostile-yaml surefire execution with -Xmx256m")
        .isLessThanOrEqualTo(300L << 20);
  }

  private static List<String> found(Manifests m) {
    return m.findings().stream()
        .map(f -> f.code() + " " + f.source().map(Source::toString).orElse("-") + " " + f.message())
        .toList();
  }

  @Test
  void an_alias_bomb_is_refused_by_the_node_limit() {
    StringBuilder b =
        new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\n");
    b.append("l0: &l0 [x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 9; i++) {
      b.append("l").append(i).append(": &l").append(i).append(" [");
      for (int j = 0; j < 9; j++) {
        b.append(j == 0 ? "" : ", ").append("*l").append(i - 1);
      }
      b.append("]\n");
    }
    Manifests m =
        assertTimeoutPreemptively(BOUND, () -> Manifests.parse(b.toString(), "bomb.yaml"));
    assertThat(m.objects()).isEmpty();
    assertThat(found(m))
        .containsExactly(
            "CORE-YAML-LIMIT bomb.yaml:9:40 the document has more than 500000 values once its"
                + " aliases are expanded (Manifests.Limits.maxNodes); it is not read.");
  }

  @Test
  void too_many_aliases_are_refused() {
    StringBuilder b = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n");
    b.append("base: &b {k: v}\nmany: [");
    for (int i = 0; i < 101; i++) {
      b.append(i == 0 ? "" : ", ").append("*b");
    }
    b.append("]\n");
    Manifests m = Manifests.parse(b.toString(), "aliases.yaml");
    assertThat(found(m))
        .singleElement()
        .asString()
        .startsWith("CORE-YAML-LIMIT aliases.yaml:5:")
        .endsWith(
            "the document has more than 100 aliases to mappings or sequences"
                + " (Manifests.Limits.maxAliases); it is not read.");
  }

  @Test
  void ten_thousand_levels_of_nesting_are_refused() {
    String deep = "[".repeat(10_000) + "]".repeat(10_000);
    String deepMaps = "{a: ".repeat(10_000) + "x" + "}".repeat(10_000);
    Manifests m =
        assertTimeoutPreemptively(
            BOUND, () -> Manifests.parse(deep + "\n---\n" + deepMaps + "\n", "deep.yaml"));
    assertThat(found(m))
        .containsExactly(
            "CORE-YAML-LIMIT deep.yaml:1:101 the document nests deeper than 100 levels"
                + " (Manifests.Limits.maxDepth); it is not read.",
            "CORE-YAML-LIMIT deep.yaml:3:401 the document nests deeper than 100 levels"
                + " (Manifests.Limits.maxDepth); it is not read.");
  }

  @Test
  void a_100_mb_file_is_refused_before_it_is_read(@TempDir Path dir) throws IOException {
    Path big = dir.resolve("big.yaml");
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(100_000_000L);
    }
    Manifests m = assertTimeoutPreemptively(BOUND, () -> Manifests.read(big));
    assertThat(found(m))
        .containsExactly(
            "CORE-YAML-LIMIT "
                + big
                + ":1:1 100000000 bytes, more than 33554432"
                + " (Manifests.Limits.maxFileBytes); the file is not read.");
  }

  @Test
  void a_100_mb_text_is_refused_before_it_is_parsed() {
    String text = "a".repeat(100_000_000);
    Manifests m = assertTimeoutPreemptively(BOUND, () -> Manifests.parse(text, "-"));
    assertThat(found(m))
        .containsExactly(
            "CORE-YAML-LIMIT -:1:1 100000000 characters, more than 33554432"
                + " (Manifests.Limits.maxFileBytes); the text is not read.");
  }

  @Test
  void the_bytes_of_one_read_are_bounded_too(@TempDir Path dir) throws IOException {
    String obj = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: %s\n";
    Files.writeString(dir.resolve("a.yaml"), obj.formatted("a"));
    Files.writeString(dir.resolve("b.yaml"), obj.formatted("b"));
    Manifests m = Manifests.read(Manifests.Limits.defaults().withMaxTotalBytes(60), dir);
    assertThat(m.objects()).extracting(Manifest::name).containsExactly("a");
    assertThat(found(m))
        .containsExactly(
            "CORE-YAML-LIMIT "
                + dir.resolve("b.yaml")
                + ":1:1 the files read so far and this one"
                + " have 102 bytes, more than 60 (Manifests.Limits.maxTotalBytes); the file is not"
                + " read.");
  }

  @Test
  void a_hundred_thousand_documents_stop_at_the_document_limit() {
    StringBuilder b = new StringBuilder(7_000_000);
    for (int i = 0; i < 100_000; i++) {
      b.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c").append(i).append('\n');
    }
    Manifests m =
        assertTimeoutPreemptively(BOUND, () -> Manifests.parse(b.toString(), "many.yaml"));
    assertThat(m.objects()).hasSize(20_000);
    assertThat(found(m))
        .containsExactly(
            "CORE-YAML-LIMIT many.yaml:100001:1 more than 20000 documents in one file"
                + " (Manifests.Limits.maxDocuments); the rest of the file is not read.");
  }

  @Test
  void thousands_of_duplicate_keys_are_each_reported_once() {
    StringBuilder b =
        new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: d}\ndata:\n");
    for (int i = 0; i < 5_000; i++) {
      b.append("  k: \"").append(i).append("\"\n");
    }
    Manifests m = assertTimeoutPreemptively(BOUND, () -> Manifests.parse(b.toString(), "dup.yaml"));
    assertThat(m.objects().get(0).tree().at("/data/k").asText()).isEqualTo("4999");
    assertThat(m.findings())
        .hasSize(4_999)
        .allMatch(f -> f.code().equals("CORE-YAML-DUPLICATE-KEY"));
  }

  @Test
  void java_and_python_tags_never_construct_anything() {
    String yaml =
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: t}\n"
            + "data: !!dev.wsingress.HostileYamlTest$Boom {}\n---\n"
            + "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: u}\n"
            + "data: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL"
            + " [\"http://127.0.0.1/\"]]]]\n---\n"
            + "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: v}\n"
            + "data: {a: !!python/object/apply:os.system [\"true\"]}\n";
    Manifests m = Manifests.parse(yaml, "tags.yaml");
    assertThat(constructed).isFalse();
    assertThat(m.objects()).isEmpty();
    assertThat(m.findings()).extracting(Finding::code).containsOnly("CORE-YAML-TAG").hasSize(3);
  }

  @Test
  void random_bytes_are_an_encoding_finding(@TempDir Path dir) throws IOException {
    byte[] noise = new byte[1 << 20];
    new Random(19).nextBytes(noise);
    for (int i = 0; i < noise.length; i++) {
      if (noise[i] == 0) {
        noise[i] = 1; // past the NUL check: the UTF-8 decoder must catch it
      }
    }
    noise[0] = 'a';
    noise[1] = (byte) 0xC3; // a lead byte without its continuation
    noise[2] = 'b';
    Path f = dir.resolve("noise.yaml");
    Files.write(f, noise);
    Manifests m = assertTimeoutPreemptively(BOUND, () -> Manifests.read(f));
    assertThat(found(m))
        .containsExactly(
            "CORE-YAML-ENCODING "
                + f
                + ":1:2 byte 0xC3 at offset 1 is not UTF-8; the file is not"
                + " read.");
  }

  @Test
  void control_characters_are_a_syntax_finding_with_their_line() {
    Manifests m =
        Manifests.parse(
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n"
                + "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: \"b\u0007\"}\n",
            "ctl.yaml");
    assertThat(m.objects()).extracting(Manifest::name).containsExactly("a");
    assertThat(found(m))
        .containsExactly(
            "CORE-YAML-SYNTAX ctl.yaml:7:1 the character U+0007 is not allowed in YAML; the"
                + " document is not read.");
  }

  @Test
  void a_document_between_a_syntax_error_and_a_control_character_is_still_read() {
    // SnakeYAML's reader meets the BEL (read ahead in 1,024-character windows) while the parser is
    // still in the first document; that one's syntax error must not end the reading before "b".
    Manifests m =
        Manifests.parse(
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a\n---\n"
                + "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n---\n"
                + "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: \"c\u0007\"}\n",
            "ctl.yaml");
    assertThat(m.objects()).extracting(Manifest::name).containsExactly("b");
    assertThat(found(m)).hasSize(2);
    assertThat(found(m).get(0)).startsWith("CORE-YAML-SYNTAX ctl.yaml:3:");
    assertThat(found(m).get(1))
        .isEqualTo(
            "CORE-YAML-SYNTAX ctl.yaml:11:1 the character U+0007 is not allowed in YAML; the"
                + " document is not read.");
  }

  @Test
  void escapes_and_indicators_snakeyaml_cannot_convert_are_a_syntax_finding_not_a_crash() {
    // snakeyaml 2.5 ScannerImpl: Integer.parseInt(hex, 16) of an 8-digit \U escape, and
    // Integer.parseInt of a non-ASCII digit as a block scalar's indentation indicator, throw
    // NumberFormatException, which is none of SnakeYAML's own exceptions; so does a %YAML version.
    for (String bad : List.of("a: \"\\UFFFFFFFF\"\n", "k: |\uD835\uDFCF\n  x\n")) {
      Manifests m =
          Manifests.parse(
              "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n"
                  + bad
                  + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n",
              "nfe.yaml");
      assertThat(m.objects()).extracting(Manifest::name).containsExactly("a", "b");
      assertThat(found(m))
          .containsExactly(
              "CORE-YAML-SYNTAX nfe.yaml:5:1 a number in the document (of a \\U escape, an"
                  + " indentation indicator or a %YAML version) is beyond what the parser can"
                  + " convert; the document is not read.");
    }
    Manifests directive = Manifests.parse("%YAML 1.\uD835\uDFCF\n---\na: 1\n", "nfe.yaml");
    assertThat(found(directive))
        .containsExactly(
            "CORE-YAML-SYNTAX nfe.yaml:1:1 a number in the document (of a \\U escape, an"
                + " indentation indicator or a %YAML version) is beyond what the parser can"
                + " convert; the document is not read.");
  }

  @Test
  void a_large_crlf_file_with_a_bom_reads_in_bounded_time() {
    StringBuilder b = new StringBuilder("\uFEFF");
    for (int i = 0; i < 5_000; i++) {
      b.append("apiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: c")
          .append(i)
          .append("\r\ndata:\r\n  key: \"")
          .append("v".repeat(200))
          .append("\"\r\n---\r\n");
    }
    Manifests m =
        assertTimeoutPreemptively(BOUND, () -> Manifests.parse(b.toString(), "crlf.yaml"));
    assertThat(m.findings()).isEmpty();
    assertThat(m.objects()).hasSize(5_000);
    assertThat(m.objects().get(4_999).source("/data/key")).hasToString("crlf.yaml:34999:3");
  }
}
