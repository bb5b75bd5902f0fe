package dev.wsingress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.wsingress.testing.Gen;
import dev.wsingress.testing.Property;
import dev.wsingress.testing.ScalarTyping;
import dev.wsingress.testing.YamlResolvers;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Issue 19 item 2: every string {@link Yaml#write} writes plain reads back as a string in go-yaml
 * v2 and YAML 1.1 ({@link YamlResolvers}); every other string is written exactly as before.
 */
class YamlQuotingTest {

  /** The writer before issue 19: Jackson's own quoting check. */
  private static final ObjectMapper BEFORE =
      new ObjectMapper(
              YAMLFactory.builder()
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                  .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                  .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
                  .disable(YAMLGenerator.Feature.SPLIT_LINES)
                  .build())
          .setDefaultPropertyInclusion(
              JsonInclude.Value.construct(
                  JsonInclude.Include.NON_EMPTY, JsonInclude.Include.NON_EMPTY))
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private static ConfigMap configMap(String key, String value) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName("c")
        .withNamespace("default")
        .addToLabels("l", value)
        .endMetadata()
        .withData(Map.of(key, value))
        .build();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0o17",
        "0O17",
        "0X1F",
        "0x1f",
        "0B1",
        "0b1",
        "+1",
        "-1",
        "1_000",
        "0_7",
        "1e3",
        "1E+3",
        ".5",
        "+.5",
        "-1.5e-3",
        "09",
        ".inf",
        "-.Inf",
        "+.INF",
        ".NaN",
        ".nan",
        "y",
        "Y",
        "n",
        "N",
        "yes",
        "No",
        "ON",
        "Off",
        "True",
        "FALSE",
        "~",
        "null",
        "Null",
        "NULL",
        "12:30",
        "1:30.5",
        "-1:00",
        "2024-01-02",
        "2024-1-2",
        "2001-12-14t21:59:43.10-05:00",
        "2001-12-14 21:59:43.10",
        "<<",
        "=",
        "1.2.3",
        ".",
        "._5",
        "1__0",
        "-._"
      })
  void strings_any_reader_would_type_otherwise_are_quoted(String s) {
    String yaml = Yaml.write(List.of(configMap(s, s)));

    assertThat(yaml).contains("  l: \"" + s + "\"\n").contains("  \"" + s + "\": \"" + s + "\"\n");
    assertThat(ScalarTyping.problems(List.of(configMap(s, s)))).isEmpty();
    assertThat(Yaml.read(yaml).get(0)).isEqualTo(configMap(s, s));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "250m",
        "256Mi",
        "10s",
        "1h30m",
        "10.0.0.0/8",
        "v1.2.3",
        "0.0.0.0/0",
        "1.2.3-rc1",
        "app.kubernetes.io/name",
        "http-ws",
        "ws-server",
        "$remote_addr",
        "0x",
        "0o8",
        "12:60",
        "0:30",
        "2024-01-02x",
        "1e",
        "e3",
        "yes!",
        "no-cache",
        "nginx",
        "+a",
        "-x",
        "1-2",
        ".5e_1"
      })
  void strings_every_reader_reads_as_strings_stay_plain(String s) {
    String yaml = Yaml.write(List.of(configMap("k", s)));

    assertThat(YamlResolvers.readsAsString(s)).isTrue();
    assertThat(yaml).contains("  l: " + s + "\n").contains("  k: " + s + "\n");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0b-1_",
        "0b-1",
        "0b+1",
        "-0b1",
        "0b_1",
        "-0b1000000000000000000000000000000000000000000000000000000000000000"
      })
  void go_yaml_v2_binary_forms_are_quoted(String s) {
    // Found by the 100,000-try run (seed -2389112112293630817): resolve.go's "0b" branch calls
    // strconv.ParseInt(plain[2:], 2, 64), which takes a sign.
    assertThat(YamlResolvers.goYamlV2(s)).isEqualTo("!!int");
    reads_as_a_string_and_nothing_else_changes(s);
    assertThat(Yaml.write(List.of(configMap("k", s)))).contains("  k: \"" + s + "\"\n");
  }

  @Test
  void yaml_1_1_line_breaks_are_quoted_and_escaped() {
    // Found by the 100,000-try run (seed -5511771039249787538): written plain, NEL became the
    // break of a multi-line key, read back by SnakeYAML (YAML 1.1) as a space.
    for (String s : List.of("\u61c0\ucceb\u23df\u0085\u7fe6", "a\u2028b", "a\u2029b", "\u0085")) {
      String yaml = Yaml.write(List.of(configMap(s, s)));

      assertThat(yaml).doesNotContain("\u0085").doesNotContain("\u2028").doesNotContain("\u2029");
      reads_as_a_string_and_nothing_else_changes(s);
    }
    assertThat(Yaml.write(List.of(configMap("k", "a\u0085b")))).contains("  k: \"a\\Nb\"\n");
  }

  @Test
  void the_go_yaml_resolver_follows_resolve_go() {
    // Cases from go-yaml v2.4.0 decode_test.go and resolve.go's comments, and Go's strconv rules.
    assertThat(YamlResolvers.goYamlV2("0o17")).isEqualTo("!!int");
    assertThat(YamlResolvers.goYamlV2("0b1_0")).isEqualTo("!!int");
    assertThat(YamlResolvers.goYamlV2("-0b101")).isEqualTo("!!int");
    assertThat(YamlResolvers.goYamlV2("09")).isEqualTo("!!float"); // not octal, but a float
    assertThat(YamlResolvers.goYamlV2("9223372036854775808")).isEqualTo("!!int"); // uint64
    assertThat(YamlResolvers.goYamlV2("18446744073709551616")).isEqualTo("!!float");
    assertThat(YamlResolvers.goYamlV2("1" + "0".repeat(400))).isEqualTo("!!str"); // ErrRange
    assertThat(YamlResolvers.goYamlV2("0x1p3")).isEqualTo("!!str");
    assertThat(YamlResolvers.goYamlV2(".5_5")).isEqualTo("!!float");
    assertThat(YamlResolvers.goYamlV2("._5")).isEqualTo("!!str");
    assertThat(YamlResolvers.goYamlV2("12:30")).isEqualTo("!!str"); // base 60 is YAML 1.1 only
    assertThat(YamlResolvers.goYamlV2("2015-02-24T18:19:39Z")).isEqualTo("!!timestamp");
    assertThat(YamlResolvers.goYamlV2("2015-2-3")).isEqualTo("!!timestamp");
    assertThat(YamlResolvers.goYamlV2("2015-02-30")).isEqualTo("!!str"); // day out of range
    assertThat(YamlResolvers.goYamlV2("2015-02-24 18:19:39,5")).isEqualTo("!!timestamp");
    assertThat(YamlResolvers.goYamlV2("<<")).isEqualTo("!!str"); // '<' has no resolve hint
    assertThat(YamlResolvers.goYamlV2("yes")).isEqualTo("!!bool");
    assertThat(YamlResolvers.goYamlV2("yEs")).isEqualTo("!!str");
    assertThat(YamlResolvers.yaml11("12:30")).containsEntry("yaml.org", "!!int");
    assertThat(YamlResolvers.yaml11("<<")).containsEntry("PyYAML", "!!merge");
    assertThat(YamlResolvers.yaml11("1.2.3")).containsOnlyKeys("yaml.org");
  }

  /** Number-, date-, keyword- and base-60-shaped text, the neighbourhood where readers differ. */
  static Gen<String> scalars() {
    Gen<String> sign = Gen.elements("", "", "+", "-");
    Gen<String> prefix = Gen.elements("", "", "0", "0x", "0X", "0o", "0O", "0b", "0B");
    Gen<String> digits = Gen.strings("0123456789abcdefABCDEF_", 0, 6);
    Gen<String> tail = Gen.strings("0123456789.eE+-_:", 0, 6);
    Gen<String> number = s -> s.draw(sign) + s.draw(prefix) + s.draw(digits) + s.draw(tail);
    Gen<Integer> years = Gen.integers(1900, 2100);
    Gen<Integer> months = Gen.integers(0, 13);
    Gen<Integer> days = Gen.integers(0, 32);
    Gen<String> separators = Gen.elements("", "T", "t", " ", "  ", "\t", "x");
    Gen<String> times =
        Gen.elements("", "1:2:3", "12:30:45", "12:30:45.5", "23:59:59,1", "25:00:00");
    Gen<String> zones = Gen.elements("", "Z", "+01:00", "-5", " Z", "-05:30", "+1x:00");
    Gen<String> date =
        s -> {
          int y = s.draw(years);
          int m = s.draw(months);
          int d = s.draw(days);
          String sep = s.draw(separators);
          String time = s.draw(times);
          String zone = s.draw(zones);
          return y + "-" + (m < 10 && d % 2 == 0 ? "0" : "") + m + "-" + d + sep + time + zone;
        };
    Gen<String> word =
        Gen.elements(
                "y", "yes", "n", "no", "true", "false", "on", "off", "null", "~", ".inf", "+.inf",
                "-.inf", ".nan", "<<", "=", "nan", "inf")
            .flatMap(w -> Gen.integers(0, (1 << w.length()) - 1).map(mask -> caseMask(w, mask)));
    Gen<String> anything =
        Gen.strings("0123456789.:-+_eExXoObB~<=yYnN tTzZ#,[]{}\"'!&*|>%@`?", 0, 8);
    return Gen.oneOf(number, date, word, anything, Gen.strings(Gen.anyChar(), 0, 12));
  }

  private static String caseMask(String w, int mask) {
    StringBuilder b = new StringBuilder(w.length());
    for (int i = 0; i < w.length(); i++) {
      char c = w.charAt(i);
      b.append((mask & (1 << i)) != 0 ? Character.toUpperCase(c) : c);
    }
    return b.toString();
  }

  @Test
  @Tag("property")
  void every_plain_scalar_reads_as_a_string_and_nothing_else_changes(TestReporter report) {
    Property.Result r =
        Property.forAll(scalars())
            .tries(5000)
            .check(YamlQuotingTest::reads_as_a_string_and_nothing_else_changes);
    report.publishEntry("property", r.toString());
    System.out.println(r);
  }

  private static void reads_as_a_string_and_nothing_else_changes(String s) {
    ConfigMap c = configMap(s, s);
    String yaml = Yaml.write(List.of(c));
    List<String> problems = new ArrayList<>(ScalarTyping.problems(List.of(c)));
    // A YAML reader (SnakeYAML, YAML 1.1) gets the same strings back.
    Object loaded = new org.yaml.snakeyaml.Yaml(new LoaderOptions()).load(yaml);
    assertThat(((Map<?, ?>) ((Map<?, ?>) loaded).get("data")).get(s)).isEqualTo(s);
    assertThat(Yaml.read(yaml).get(0)).isEqualTo(c);
    // Byte-identical to the writer before issue 19 wherever no reader types the text otherwise,
    // except date-shaped text, which Yaml quotes without checking time.Parse's ranges.
    // and text with YAML 1.1's extra line breaks, which the writer before issue 19 broke.
    if (YamlResolvers.readsAsString(s)
        && !s.matches("(?s)[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt \t].*)?")
        && !s.matches("(?s).*[\u0085\u2028\u2029].*")) {
      try {
        assertThat(yaml).isEqualTo("---\n" + BEFORE.writeValueAsString(c).substring(4));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new AssertionError(e);
      }
    }
    assertThat(problems).isEmpty();
  }
}
