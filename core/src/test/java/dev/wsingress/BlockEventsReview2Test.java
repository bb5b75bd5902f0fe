package dev.wsingress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The second adversarial review of {@link BlockEvents}: multi-line plain scalars, CRLF line ends,
 * and {@link YamlReader} handing a file back from SnakeYAML to the fast path at a later segment. It
 * found no input where the fast path took a text and disagreed with SnakeYAML 2.5; these are the
 * inputs it tried by hand, kept so that a change to the subset is held to them. Each one holds the
 * oracle property of {@link BlockEventsTest} (the fast path declines, or gives SnakeYAML's events,
 * marks included) and gives the same objects, positions and findings with the fast path on and off;
 * the tests also pin which of them the fast path takes.
 */
class BlockEventsReview2Test {

  /** The oracle property on one text; true when the fast path took it. */
  private static boolean agrees(String text) {
    boolean taken = BlockEventsTest.oracle(text);
    BlockEventsTest.sameBothWays(() -> Manifests.parse(text, "x.yaml"));
    return taken;
  }

  /** Manifests.parse is the same both ways for every document limit from 1 to 8. */
  private static void sameUnderEveryDocumentLimit(String text) {
    for (int max = 1; max <= 8; max++) {
      Manifests.Limits limits = Manifests.Limits.defaults().withMaxDocuments(max);
      BlockEventsTest.sameBothWays(() -> Manifests.parse(limits, text, "x.yaml"));
    }
  }

  /**
   * A simple key cannot span lines (snakeyaml 2.5 ScannerImpl.stalePossibleSimpleKeys, then
   * fetchValue: "mapping values are not allowed here"); a continuation that looks like a key is the
   * same error.
   */
  @Test
  void a_plain_scalar_that_spans_lines_is_never_a_key() {
    assertThat(agrees("a\n b: c\n")).isFalse();
    assertThat(agrees("k: a\n  b: c\n")).isFalse();
    assertThat(agrees("k: a\n  b\n  c: d\n")).isFalse();
    assertThat(agrees("- a\n  b: c\n")).isFalse();
    assertThat(agrees("k: a\n  b c:\n")).isFalse();
    // A ':' not followed by a blank is content.
    assertThat(agrees("k: a\n  :b\n  c:d\n")).isTrue();
  }

  /**
   * scanPlain and scanPlainSpaces: one line break folds to a space, n + 1 to n line feeds, spaces
   * at a line's end and start are dropped, and a line goes on the scalar whatever its first
   * character (but {@code #}) when it is indented past the scanner's indent.
   */
  @Test
  void continuation_lines_fold_as_snakeyaml_folds_them() {
    for (String text :
        new String[] {
          "k: a\n  b\n",
          "k: a\n b\n",
          "k: a\n\n\n  b\n",
          "k: a\n  \n   \n  b  \n",
          "k:   a   b  \n   c   d",
          "k: a\n  b \n  ",
          "k: a\n b",
          "a\n b\n",
          "a\n\nb\n",
          "a\n...x\n",
          "k: a\n  ---x\n",
          "k: a\n  - b\n",
          "- a\n - b\n",
          "k:\n- a\n - b\n",
          "- - a\n   b\n",
          "- k: a\n   b\n",
          "k:\n  a\n b\n",
          "k: a\n  *b\n  &c\n  !d\n  @e\n  %f\n  [g\n  |h\n",
          "k: a\n  b#c\n",
          "k: a\u00a0\n  b\u00a0\n",
          "k: a\n  b\n\n\n",
          "k:\n- a\n b\n- c\n d\nj: e\n  f\n",
          "a:\n  b:\n    c\n   d\n",
          "a:\n  b: c\n   d\n  e: f\n",
          "---\na\n b\n",
          "--- \n a\n b\n"
        }) {
      assertThat(agrees(text)).as(BlockEventsTest.visible(text)).isTrue();
    }
  }

  /**
   * What ends a plain scalar on a later line: a comment, a line not indented past the scanner's
   * indent, {@code ...} and {@code ---} at column 0 (the scalar then ends and the text is either
   * SnakeYAML's syntax error or left to it), and a non-breaking space, which is no indentation.
   */
  @Test
  void what_ends_a_plain_scalar_on_a_later_line() {
    for (String text :
        new String[] {
          "k: a # x\n  b\n",
          "k: a\n  b #c\n  d\n",
          "a\n#c\n b\n",
          "k: a\n  #c\n  b\n",
          "k: a\n#c\n  b\n",
          "k: a\n  b\n#c\n  d\n",
          "- a\nb\n",
          "- a\n  #c\n  b\n",
          "- - a\n  b\n",
          "- k: a\n  b\n",
          "k:\n  - a\n  b\n",
          "k: a\n\u00a0 b\n",
          "a\n---x\n",
          "a: b\n c\n...\n",
          "k: - a\n   b\n",
          "k: [a]\n  b\n",
          "\"a\"\n b\n",
          "k: a\n  : b\n"
        }) {
      assertThat(agrees(text)).as(BlockEventsTest.visible(text)).isFalse();
    }
    assertThat(agrees("k: a\n  b\n  #c\n")).isTrue();
    assertThat(agrees("k: a\n  b\nj: c\n")).isTrue();
  }

  /**
   * SnakeYAML reads CR LF as one line break (StreamReader, scanLineBreak): a CRLF text gives the
   * events of its LF text, block scalars keep "\n". A CR alone is a line break SnakeYAML counts and
   * the segments do not: declined, and the file is SnakeYAML's from there on.
   */
  @Test
  void crlf_texts_give_the_events_of_their_lf_texts() {
    for (String text :
        new String[] {
          "a: b\n c\n\n d\n",
          "- a\n\n\n  b\n",
          "a: b\n c",
          "k: |\n  a  \n  \n  b\n\nj: |+\n  c\n\n",
          "k: 'a b'\nj: \"c\"\n",
          "k: a\n  b\n#c\n"
        }) {
      String crlf = text.replace("\n", "\r\n");
      assertThat(agrees(crlf)).as(BlockEventsTest.visible(crlf)).isEqualTo(agrees(text));
    }
    String mixed = "a: b\r\n c\n\r\n d\nk: |\r\n  x\n\r\n  y\r\n";
    assertThat(agrees(mixed)).isTrue();
    assertThat(agrees("a: b\r\r\n c\r\n")).isFalse();
    assertThat(agrees("a: b\r c\r\n")).isFalse();
    assertThat(agrees("k: |\r\n  a\r\r\n")).isFalse();
  }

  /**
   * A declined document in the middle of a file (an anchor, a tag, a folded scalar, a syntax error,
   * a CR alone), the documents after it taken again: objects, positions, findings and the document
   * limit as with SnakeYAML alone.
   */
  @Test
  void a_declined_document_hands_the_file_back_with_the_same_positions_and_counts() {
    String cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: n\ndata:\n";
    String[] middles = {
      "  a: &x b\n  c: *x\n",
      "  a: !!str b\n",
      "  a: >\n    f\n    g\n",
      "  a: : b\n",
      "  a: [b,\n---\n",
      "  a: b\r  c: d\n",
      "  a: b\n...\n",
      "  a: b\n...\nkind: x\n",
      "  a: |2\n    b\n"
    };
    for (String middle : middles) {
      for (String nl : new String[] {"\n", "\r\n"}) {
        String text =
            ("# Source: c/templates/a.yaml\n"
                    + cm
                    + "  a: b\n   c\n---\n"
                    + cm
                    + middle
                    + "--- # c\n# Source: c/templates/b.yaml\n"
                    + cm
                    + "  a: b\n\n   c\n---\n---\n"
                    + cm
                    + "  a: d\n")
                .replace("\n", nl);
        BlockEventsTest.sameBothWays(() -> Manifests.parse(text, "x.yaml"));
        sameUnderEveryDocumentLimit(text);
      }
    }
  }
}
