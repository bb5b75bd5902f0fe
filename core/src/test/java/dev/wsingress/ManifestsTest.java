package dev.wsingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Service;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestsTest {

  static List<String> codes(Manifests m) {
    return m.findings().stream()
        .map(
            f -> f.severity() + " " + f.code() + " " + f.source().map(Source::toString).orElse("-"))
        .toList();
  }

  @Test
  void multi_document_yaml_gives_one_object_per_document_with_its_line() {
    Manifests m =
        Manifests.parse(
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n---\n"
                + "# comment\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n"
                + "  namespace: ns\n---\n---\n",
            "all.yaml");
    assertThat(m.objects())
        .extracting(Manifest::subject)
        .containsExactly("Service a", "ConfigMap ns/b");
    assertThat(m.objects())
        .extracting(x -> x.source().toString())
        .containsExactly("all.yaml:1:1", "all.yaml:7:1");
    assertThat(m.findings()).isEmpty();
    assertThat(m.files()).containsExactly("all.yaml");
  }

  @Test
  void every_field_has_its_line_and_column() {
    Manifests m =
        Manifests.parse(
            "apiVersion: networking.k8s.io/v1\n"
                + "kind: Ingress\n"
                + "metadata:\n"
                + "  name: chat\n"
                + "  annotations:\n"
                + "    nginx.ingress.kubernetes.io/proxy-read-timeout: \"3600\"\n"
                + "spec:\n"
                + "  rules:\n"
                + "    - host: chat.example.com\n"
                + "      http:\n"
                + "        paths:\n"
                + "          - path: /ws\n",
            "chat.yaml");
    Manifest ing = m.objects().get(0);
    assertThat(ing.group()).isEqualTo("networking.k8s.io");
    assertThat(ing.annotationSource("nginx.ingress.kubernetes.io/proxy-read-timeout"))
        .hasToString("chat.yaml:6:5");
    assertThat(ing.source("/spec/rules/0/host")).hasToString("chat.yaml:9:7");
    assertThat(ing.source("/spec/rules/0/http/paths/0")).hasToString("chat.yaml:12:13");
    assertThat(ing.source("/spec/rules/0/http/paths/0/path")).hasToString("chat.yaml:12:13");
    // Past what exists: the deepest field that does.
    assertThat(ing.source("/spec/rules/0/http/paths/7/backend")).hasToString("chat.yaml:11:9");
    JsonNode rules = ing.tree().path("spec").path("rules");
    assertThat(ing.source(rules, 0)).hasToString("chat.yaml:9:7");
  }

  @Test
  void source_walks_a_pointer_as_jackson_json_pointer_reads_it() {
    StringBuilder items = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      items.append("    - item").append(i).append('\n');
    }
    Manifest m =
        Manifests.parse(
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n"
                    + "  \"0\": zero\n  \"01\": one\n  \"\": empty\n  a/b: slash\n  t~k: tilde\n"
                    + "  nested:\n    - x: 1\n      w:\n        - 2\n        - z: 3\n"
                    + "  list:\n"
                    + items,
                "p.yaml")
            .objects()
            .get(0);
    List<String> segments =
        List.of(
            "",
            "0",
            "00",
            "01",
            "1",
            "9",
            "11",
            "12",
            "-1",
            "+1",
            "1a",
            "2147483647",
            "2147483648",
            "9999999999",
            "12345678901",
            "data",
            "nested",
            "list",
            "x",
            "w",
            "z",
            "metadata",
            "name",
            "a~1b",
            "t~0k",
            "nope");
    List<String> pointers = new java.util.ArrayList<>(List.of("", "/", "//", "/data/"));
    for (String a : List.of("/data", "/metadata", "/data/nested/0", "/data/nested/0/w/1")) {
      pointers.add(a);
      for (String b : segments) {
        pointers.add(a + "/" + b);
        pointers.add(a + "/" + b + "/");
        pointers.add(a + "/list/" + b);
      }
    }
    assertThat(pointers)
        .allSatisfy(
            p -> assertThat(m.source(p)).as(p).hasToString(m.sourceByJsonPointer(p).toString()));
    assertThat(m.source("/data/list/11")).hasToString("p.yaml:28:7");
    assertThat(m.source("/data/list/011")).hasToString("p.yaml:16:3");
    assertThat(m.source("/data/nested/0/w/1/z")).hasToString("p.yaml:15:11");
    assertThat(m.source("/data/0")).hasToString("p.yaml:6:3");
  }

  @Test
  void a_float_out_of_range_is_the_string_go_yaml_keeps() {
    // strconv.ParseFloat fails with ErrRange, so go-yaml's resolve() keeps the text (found by the
    // 100,000-try HAProxy round trip: a label value 3e213_5 came back as Infinity).
    Manifests m =
        Manifests.parse(
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: t\n  labels:\n"
                + "    team: 3e213_5\n    dot: .5e999\n    tiny: 1e-400\n    big: 1e308\n",
            "t.yaml");
    JsonNode l = m.objects().get(0).tree().path("metadata").path("labels");
    assertThat(l.get("team").isTextual()).isTrue();
    assertThat(l.get("team").asText()).isEqualTo("3e213_5");
    assertThat(l.get("dot").asText()).isEqualTo(".5e999");
    assertThat(l.get("dot").isTextual()).isTrue();
    assertThat(l.get("tiny").isDouble()).isTrue(); // an underflow is 0 without an error
    assertThat(l.get("big").doubleValue()).isEqualTo(1e308);
  }

  @Test
  void plain_scalars_are_typed_as_kubectl_types_them() {
    Manifests m =
        Manifests.parse(
            "apiVersion: v1\n"
                + "kind: ConfigMap\n"
                + "metadata:\n"
                + "  name: t\n"
                + "  annotations:\n"
                + "    int: 3600\n"
                + "    str: \"3600\"\n"
                + "    on: on\n"
                + "    yes: yes\n"
                + "    octal: 0o17\n"
                + "    hex: 0x1F\n"
                + "    leading: 017\n"
                + "    float: 1e3\n"
                + "    sexagesimal: 12:30\n"
                + "    date: 2001-12-14\n"
                + "    empty:\n"
                + "    tilde: ~\n"
                + "    nine: 09\n"
                + "    big: 18446744073709551615\n",
            "t.yaml");
    JsonNode a = m.objects().get(0).tree().path("metadata").path("annotations");
    assertThat(a.get("int").isInt()).isTrue();
    assertThat(a.get("int").intValue()).isEqualTo(3600);
    assertThat(a.get("str").isTextual()).isTrue();
    // "on:" as a key is the boolean true too: kubectl sends the key "true".
    assertThat(a.get("true").isBoolean()).isTrue();
    assertThat(a.has("on")).isFalse();
    assertThat(a.get("octal").intValue()).isEqualTo(15);
    assertThat(a.get("hex").intValue()).isEqualTo(31);
    assertThat(a.get("leading").intValue()).isEqualTo(15);
    assertThat(a.get("float").isDouble()).isTrue();
    assertThat(a.get("sexagesimal").asText()).isEqualTo("12:30");
    assertThat(a.get("sexagesimal").isTextual()).isTrue();
    assertThat(a.get("date").isTextual()).isTrue();
    assertThat(a.get("empty").isNull()).isTrue();
    assertThat(a.get("tilde").isNull()).isTrue();
    assertThat(a.get("nine").isDouble()).isTrue(); // not octal, so go-yaml's float pattern
    assertThat(a.get("big").isBigInteger()).isTrue();
    assertThat(m.objects().get(0).annotation("int")).contains("3600");
  }

  @Test
  void json_documents_and_lists_are_read_with_each_item_placed() {
    String json =
        "{\n"
            + "  \"apiVersion\": \"v1\",\n"
            + "  \"kind\": \"List\",\n"
            + "  \"items\": [\n"
            + "    {\"apiVersion\": \"v1\", \"kind\": \"Service\", \"metadata\": {\"name\":"
            + " \"a\"}},\n"
            + "    {\"apiVersion\": \"v1\", \"kind\": \"Service\", \"metadata\": {\"name\":"
            + " \"b\\/c\\u0041\"}}\n"
            + "  ]\n"
            + "}\n";
    Manifests m = Manifests.parse(json, "list.json");
    assertThat(m.findings()).isEmpty();
    assertThat(m.objects()).extracting(Manifest::name).containsExactly("a", "b/cA");
    assertThat(m.objects())
        .extracting(x -> x.source().toString())
        .containsExactly("list.json:5:5", "list.json:6:5");
  }

  @Test
  void typed_list_items_take_apiVersion_and_kind_from_the_list() {
    Manifests m =
        Manifests.parse(
            "apiVersion: v1\nkind: ServiceList\nitems:\n- metadata:\n    name: a\n", "l.yaml");
    assertThat(m.objects()).extracting(Manifest::subject).containsExactly("Service a");
    assertThat(m.objects().get(0).apiVersion()).isEqualTo("v1");
  }

  @Test
  void helm_source_comments_name_the_template_and_count_lines_from_after_the_comment() {
    String out =
        "---\n# Source: chat/templates/service.yaml\napiVersion: v1\nkind: Service\n"
            + "metadata:\n  name: chat\n  name: again\n"
            + "---\n# Source: chat/templates/ingress.yaml\napiVersion: networking.k8s.io/v1\n"
            + "kind: Ingress\nmetadata:\n  name: chat\n";
    Manifests m = Manifests.parse(out, "rendered.yaml");
    assertThat(m.objects())
        .extracting(x -> x.source().toString())
        .containsExactly("chat/templates/service.yaml:1:1", "chat/templates/ingress.yaml:1:1");
    assertThat(m.objects().get(1).source("/metadata/name"))
        .hasToString("chat/templates/ingress.yaml:4:3");
    assertThat(m.objects()).extracting(Manifest::file).containsOnly("rendered.yaml");
    assertThat(codes(m))
        .containsExactly("ERROR CORE-YAML-DUPLICATE-KEY chat/templates/service.yaml:5:3");
  }

  @Test
  void crlf_and_a_byte_order_mark_are_read_like_plain_text() throws IOException {
    Manifests m =
        Manifests.parse(
            "\uFEFFapiVersion: v1\r\nkind: Service\r\nmetadata:\r\n  name: a\r\n---\r\n"
                + "apiVersion: v1\r\nkind: Service\r\nmetadata:\r\n  name: b\r\n",
            "crlf.yaml");
    assertThat(m.objects()).extracting(Manifest::name).containsExactly("a", "b");
    assertThat(m.objects().get(1).source("/metadata/name")).hasToString("crlf.yaml:9:3");
    assertThat(m.objects().get(0).source()).hasToString("crlf.yaml:1:1");
  }

  @Test
  void a_syntax_error_loses_one_document_and_the_others_are_read() {
    Manifests m =
        Manifests.parse(
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n---\n"
                + "apiVersion: v1\nkind: Service\nmetadata:\n  name: [b\n---\n"
                + "apiVersion: v1\nkind: Service\nmetadata:\n  name: c\n",
            "broken.yaml");
    assertThat(m.objects()).extracting(Manifest::name).containsExactly("a", "c");
    assertThat(m.findings()).hasSize(1);
    Finding f = m.findings().get(0);
    assertThat(f.code()).isEqualTo("CORE-YAML-SYNTAX");
    assertThat(f.source().orElseThrow().line()).isEqualTo(9);
    assertThat(f.message()).endsWith("; the document is not read.");
  }

  @Test
  void an_unrendered_template_is_named_as_such() {
    Manifests m =
        Manifests.parse(
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\n", "t.yaml");
    assertThat(codes(m)).containsExactly("ERROR CORE-YAML-SYNTAX t.yaml:4:10");
    assertThat(m.findings().get(0).message())
        .contains("(the line has {{ }}: an unrendered template?)");
  }

  @Test
  void duplicate_keys_name_both_lines_and_keep_the_last() {
    Manifests m =
        Manifests.parse(
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations:\n"
                + "    x: \"1\"\n    y: \"2\"\n    x: \"3\"\n",
            "d.yaml");
    assertThat(m.objects().get(0).annotation("x")).contains("3");
    assertThat(m.objects().get(0).annotationSource("x")).hasToString("d.yaml:8:5");
    Finding f = m.findings().get(0);
    assertThat(f.code()).isEqualTo("CORE-YAML-DUPLICATE-KEY");
    assertThat(f.severity()).isEqualTo(Severity.ERROR);
    assertThat(f.subject()).isEqualTo("ConfigMap a");
    assertThat(f.message())
        .isEqualTo(
            "the key \"x\" is given twice, at line 6 and here; readers that accept this keep one"
                + " value and drop the other (wsingress keeps this one).");
    assertThat(f.source().orElseThrow()).hasToString("d.yaml:8:5");
  }

  @Test
  void merge_keys_are_applied_in_order_as_go_yaml_does() {
    Manifests m =
        Manifests.parse(
            "base: &b {k1: \"1\", k2: \"2\"}\n---\n"
                + "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n"
                + "data: &d {k1: \"1\", k2: \"2\"}\n"
                + "binaryData:\n  <<: *d\n  k2: \"3\"\n  y: \"4\"\n",
            "m.yaml");
    JsonNode bin = m.objects().get(0).tree().path("binaryData");
    assertThat(bin.get("k1").asText()).isEqualTo("1");
    assertThat(bin.get("k2").asText()).isEqualTo("3");
    // go-yaml v2 reads the plain key y as the boolean true, which kubectl sends as "true".
    assertThat(bin.get("true").asText()).isEqualTo("4");
    assertThat(codes(m)).containsExactly("WARNING CORE-NOT-AN-OBJECT m.yaml:1:1");
  }

  @Test
  void placeholders_are_reported_outside_data_and_multi_line_text() {
    Manifests m =
        Manifests.parse(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n"
                + "spec:\n  template:\n    spec:\n      containers:\n        - image: web:${TAG}\n"
                + "          args: [\"--x={{ .Values.x }}\"]\n"
                + "          command: [\"sh\", \"-c\", \"echo ${HOME}\\nexit\"]\n"
                + "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n"
                + "data:\n  a: \"${NOT_A_PROBLEM}\"\n",
            "p.yaml");
    assertThat(codes(m))
        .containsExactly(
            "WARNING CORE-YAML-PLACEHOLDER p.yaml:9:18",
            "WARNING CORE-YAML-PLACEHOLDER p.yaml:10:18");
    assertThat(m.findings().get(0).message())
        .isEqualTo(
            "the value at spec.template.spec.containers[0].image has the unresolved placeholder"
                + " \"${TAG}\"; what is applied will differ.");
    assertThat(m.findings().get(0).subject()).isEqualTo("Deployment web");
  }

  @Test
  void documents_that_are_not_objects_are_reported_and_empty_ones_skipped() {
    Manifests m =
        Manifests.parse(
            "---\n# only a comment\n---\n- a\n- b\n---\nname: values\n---\nkind: Service\n"
                + "---\njust text\n---\n",
            "v.yaml");
    assertThat(m.objects()).isEmpty();
    assertThat(m.findings())
        .extracting(f -> f.code() + " " + f.source().orElseThrow() + " " + f.message())
        .containsExactly(
            "CORE-NOT-AN-OBJECT v.yaml:4:1 the document is a sequence, not a Kubernetes object;"
                + " it is not checked.",
            "CORE-NOT-AN-OBJECT v.yaml:7:1 the document has no apiVersion and no kind; it is not"
                + " checked.",
            "CORE-NOT-AN-OBJECT v.yaml:9:1 the document has no apiVersion; it is not checked.",
            "CORE-NOT-AN-OBJECT v.yaml:11:1 the document is the text \"just text\", not a"
                + " Kubernetes object; it is not checked.");
  }

  @Test
  void tags_are_never_constructed_and_the_document_is_skipped() {
    Manifests m =
        Manifests.parse(
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n"
                + "data: !!python/object/apply:os.system [\"id\"]\n---\n"
                + "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: y\n"
                + "data: {a: !!java.net.URL [\"http://x\"]}\n---\n"
                + "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: z\n"
                + "data: {a: !!str 10, b: !!int \"10\"}\n",
            "tags.yaml");
    assertThat(m.objects()).extracting(Manifest::name).containsExactly("z");
    assertThat(m.objects().get(0).tree().at("/data/a").isTextual()).isTrue();
    assertThat(m.objects().get(0).tree().at("/data/b").isInt()).isTrue();
    assertThat(m.findings())
        .extracting(f -> f.code() + " " + f.source().orElseThrow() + " " + f.message())
        .containsExactly(
            "CORE-YAML-TAG tags.yaml:5:7 the tag \"!!python/object/apply:os.system\" is not plain"
                + " data; wsingress never builds objects from tags, and does not read this"
                + " document.",
            "CORE-YAML-TAG tags.yaml:11:11 the tag \"!!java.net.URL\" is not plain data;"
                + " wsingress never builds objects from tags, and does not read this document.");
  }

  @Test
  void a_typed_view_on_demand() {
    Manifest svc =
        Manifests.parse(
                "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec:\n  ports:\n"
                    + "  - port: 80\n    targetPort: http\n",
                "s.yaml")
            .objects()
            .get(0);
    Service typed = svc.as(Service.class);
    assertThat(typed.getSpec().getPorts().get(0).getTargetPort().getStrVal()).isEqualTo("http");
    assertThat(svc.as(Service.class)).isSameAs(typed);
  }

  @Test
  void directories_are_read_recursively_in_path_order_skipping_hidden_and_other_files(
      @TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("b/c"));
    Files.createDirectories(dir.resolve(".git"));
    String obj = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: %s\n";
    Files.writeString(dir.resolve("b/c/z.yml"), obj.formatted("z"));
    Files.writeString(
        dir.resolve("b/a.json"),
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"j\"}}");
    Files.writeString(dir.resolve("a.YAML"), obj.formatted("a"));
    Files.writeString(dir.resolve("notes.txt"), "not read");
    Files.writeString(dir.resolve(".hidden.yaml"), obj.formatted("hidden"));
    Files.writeString(dir.resolve(".git/x.yaml"), obj.formatted("git"));
    Path txt = dir.resolve("notes.txt");
    Manifests m = Manifests.read(dir, txt);
    assertThat(m.objects()).extracting(Manifest::name).containsExactly("a", "j", "z");
    assertThat(m.files())
        .containsExactly(
            dir.resolve("a.YAML").toString(),
            dir.resolve("b/a.json").toString(),
            dir.resolve("b/c/z.yml").toString(),
            txt.toString());
    assertThat(codes(m)).containsExactly("WARNING CORE-NOT-AN-OBJECT " + txt + ":1:1");
  }

  @Test
  void a_path_that_does_not_exist_is_an_exception_naming_it(@TempDir Path dir) {
    Path missing = dir.resolve("nope.yaml");
    assertThatThrownBy(() -> Manifests.read(missing))
        .isInstanceOf(ManifestReadException.class)
        .hasMessage("cannot read " + missing + ": no such file or directory")
        .satisfies(e -> assertThat(((ManifestReadException) e).path()).isEqualTo(missing));
    assertThatThrownBy(() -> Manifests.read())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no path given: name at least one file or directory");
  }

  @Test
  void encodings_other_than_utf8_are_findings_and_utf16_with_a_bom_is_read(@TempDir Path dir)
      throws IOException {
    Path latin1 = dir.resolve("latin1.yaml");
    Files.write(
        latin1,
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: caf\u00e9\n"
            .getBytes(StandardCharsets.ISO_8859_1));
    Path utf16 = dir.resolve("utf16.yaml");
    byte[] body =
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: u\n"
            .getBytes(StandardCharsets.UTF_16LE);
    byte[] withBom = new byte[body.length + 2];
    withBom[0] = (byte) 0xFF;
    withBom[1] = (byte) 0xFE;
    System.arraycopy(body, 0, withBom, 2, body.length);
    Files.write(utf16, withBom);
    Path noBom = dir.resolve("nobom.yaml");
    Files.write(noBom, body);
    Manifests m = Manifests.read(latin1, utf16, noBom);
    assertThat(m.objects()).extracting(Manifest::name).containsExactly("u");
    assertThat(m.findings())
        .extracting(f -> f.code() + " " + f.source().orElseThrow() + " " + f.message())
        .containsExactly(
            "CORE-YAML-ENCODING "
                + latin1
                + ":4:12 byte 0xE9 at offset 52 is not UTF-8; the file"
                + " is not read.",
            "CORE-YAML-ENCODING "
                + noBom
                + ":1:1 the file has NUL bytes: it is binary, or UTF-16"
                + " or UTF-32 without a byte-order mark; the file is not read.");
  }

  @Test
  void manifests_read_apart_can_be_joined() {
    Manifests a = Manifests.parse("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n", "a");
    Manifests b = Manifests.parse("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n", "-");
    Manifests both = a.and(b);
    assertThat(both.objects()).extracting(Manifest::name).containsExactly("a", "b");
    assertThat(both.files()).containsExactly("a", "-");
  }
}
