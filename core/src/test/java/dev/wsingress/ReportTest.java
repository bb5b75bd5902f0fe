package dev.wsingress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.wsingress.testing.SchemaConformance;
import dev.wsingress.testing.StandInReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Findings of three kinds: a parse error, a rule's finding, and one without a source. */
  static Report sample() {
    Manifests m =
        DoctorTest.fixture("ws-no-affinity.fail")
            .and(
                Manifests.parse(
                    "apiVersion: v1\nkind: Service\nmetadata:\n  name: [x\n", "a.yaml"));
    return Doctor.with(new DoctorTest.StandInFailing(), StandInReader.target()).check(m);
  }

  @Test
  void text_is_one_line_per_finding_with_its_hint_sorted_by_file_and_line() {
    assertThat(sample().toText())
        .isEqualTo(
            "a.yaml:4:9: ERROR CORE-YAML-SYNTAX a.yaml: expected ',' or ']', but got <stream end>;"
                + " the document is not read.\n"
                + "    Fix the YAML at this line (kubectl refuses the file as it is).\n"
                + "doctor/ws-no-affinity.fail.yaml:14:13: INFO CORE-WS-NO-AFFINITY Ingress"
                + " default/chat: the WebSocket route \"/chat\" goes to Deployment default/chat,"
                + " which runs 3 replicas, without sticky sessions: each new connection, and every"
                + " reconnect, may reach another pod.\n"
                + "    Keep session state outside the pod, or add sticky sessions if the app needs"
                + " them.\n"
                + "-: ERROR CORE-READER-FAILED target failing: the failing stand-in reader failed:"
                + " IllegalStateException: boom.\n"
                + "    Report it to wsingress with the input; the other targets' findings are"
                + " complete.\n"
                + "2 errors, 0 warnings, 1 info in 3 objects from 2 files\n");
  }

  @Test
  void json_has_every_key_in_the_documented_order() throws IOException {
    String json = sample().toJson();
    JsonNode tree = JSON.readTree(json);
    List<String> keys = new ArrayList<>();
    tree.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactly("findings", "summary");
    List<String> findingKeys = new ArrayList<>();
    tree.get("findings").get(0).fieldNames().forEachRemaining(findingKeys::add);
    assertThat(findingKeys)
        .containsExactly(
            "code", "severity", "subject", "message", "hint", "file", "line", "column");
    List<String> summaryKeys = new ArrayList<>();
    tree.get("summary").fieldNames().forEachRemaining(summaryKeys::add);
    assertThat(summaryKeys).containsExactly("errors", "warnings", "infos", "objects", "files");
    assertThat(tree.get("summary").toString())
        .isEqualTo("{\"errors\":2,\"warnings\":0,\"infos\":1,\"objects\":3,\"files\":2}");
    JsonNode last = tree.get("findings").get(2);
    assertThat(last.get("code").asText()).isEqualTo("CORE-READER-FAILED");
    assertThat(last.get("file").isNull()).isTrue();
    assertThat(last.get("line").isNull()).isTrue();
    assertThat(tree.get("findings").get(1).get("line").asInt()).isEqualTo(14);
    assertThat(json)
        .startsWith(
            "{\n"
                + "  \"findings\": [\n"
                + "    {\"code\": \"CORE-YAML-SYNTAX\", \"severity\": \"ERROR\", \"subject\":"
                + " \"a.yaml\", \"message\": \"expected ',' or ']', but got <stream end>; the"
                + " document is not read.\", \"hint\": \"Fix the YAML at this line (kubectl refuses"
                + " the file as it is).\", \"file\": \"a.yaml\", \"line\": 4, \"column\": 9},\n");
    assertThat(json)
        .endsWith(
            "  ],\n  \"summary\": {\"errors\": 2, \"warnings\": 0, \"infos\": 1,"
                + " \"objects\": 3, \"files\": 2}\n}\n");
  }

  @Test
  void an_empty_report_in_every_format() throws IOException {
    Report r = Doctor.with().check(Manifests.parse("", "empty.yaml"));
    assertThat(r.toText()).isEqualTo("0 errors, 0 warnings, 0 infos in 0 objects from 1 file\n");
    assertThat(r.toJson())
        .isEqualTo(
            "{\n  \"findings\": [],\n  \"summary\": {\"errors\": 0, \"warnings\": 0,"
                + " \"infos\": 0, \"objects\": 0, \"files\": 1}\n}\n");
    assertThat(sarifProblems(r.toSarif())).isEmpty();
    assertThat(r.exitCode(Severity.INFO)).isZero();
  }

  @Test
  void output_is_byte_identical_for_the_same_input() {
    Report a = sample();
    Report b = sample();
    assertThat(a.toText()).isEqualTo(b.toText());
    assertThat(a.toJson()).isEqualTo(b.toJson());
    assertThat(a.toSarif()).isEqualTo(b.toSarif());
  }

  @Test
  void exit_code_is_one_when_a_finding_reaches_the_threshold() {
    Report r = sample(); // errors and an info
    assertThat(r.exitCode(Severity.ERROR)).isEqualTo(1);
    assertThat(r.exitCode(Severity.INFO)).isEqualTo(1);
    Report infoOnly =
        Doctor.with(StandInReader.target()).check(DoctorTest.fixture("ws-no-affinity.fail"));
    assertThat(infoOnly.exitCode(Severity.WARNING)).isZero();
    assertThat(infoOnly.exitCode(Severity.INFO)).isEqualTo(1);
    assertThat(infoOnly.count(Severity.INFO)).isEqualTo(1);
  }

  @Test
  void sarif_is_valid_against_the_sarif_2_1_0_schema_and_carries_rules_and_regions()
      throws IOException {
    String sarif = sample().toSarif();
    assertThat(sarifProblems(sarif)).isEmpty();
    JsonNode run = JSON.readTree(sarif).get("runs").get(0);
    JsonNode driver = run.get("tool").get("driver");
    assertThat(driver.get("name").asText()).isEqualTo("wsingress");
    assertThat(driver.get("version").asText())
        .isEqualTo(ReportFormats.VERSION)
        .isNotEqualTo("unknown");
    assertThat(driver.get("informationUri").asText())
        .isEqualTo("https://github.com/wsingress/wsingress");
    assertThat(driver.get("rules"))
        .extracting(r -> r.get("id").asText())
        .containsExactly("CORE-READER-FAILED", "CORE-WS-NO-AFFINITY", "CORE-YAML-SYNTAX");
    // The descriptions are the finding catalogue's: meaning, fix, source (plain and Markdown).
    JsonNode rule = driver.get("rules").get(1);
    assertThat(rule.get("shortDescription").toString())
        .isEqualTo(
            "{\"text\":\"a WebSocket route to several replicas without sticky sessions: each new"
                + " connection and reconnect may reach another pod\"}");
    assertThat(rule.get("fullDescription").get("text").asText())
        .isEqualTo(
            "a WebSocket route to several replicas without sticky sessions: each new connection"
                + " and reconnect may reach another pod\nFix: Keep session state outside the pod,"
                + " or add sticky sessions if the app needs them.");
    assertThat(rule.get("fullDescription").get("markdown").asText())
        .endsWith(
            "another pod\n\n**Fix:** Keep session state outside the pod, or add sticky"
                + " sessions if the app needs them.");
    assertThat(rule.get("help").get("text").asText())
        .isEqualTo(
            "Keep session state outside the pod, or add sticky sessions if the app needs them.\n"
                + "A rule of wsingress itself.");
    FindingCatalog catalog = FindingCatalog.load();
    for (JsonNode r : driver.get("rules")) {
      FindingCatalog.Entry e = catalog.find(r.get("id").asText()).orElseThrow();
      assertThat(r.get("shortDescription").get("text").asText())
          .isEqualTo(e.meaning().replace("`", ""));
      assertThat(r.get("help").get("markdown").asText()).startsWith(e.fix());
    }
    JsonNode result = run.get("results").get(1);
    assertThat(result.get("ruleId").asText()).isEqualTo("CORE-WS-NO-AFFINITY");
    assertThat(result.get("ruleIndex").asInt()).isEqualTo(1);
    assertThat(result.get("level").asText()).isEqualTo("note");
    JsonNode location = result.get("locations").get(0).get("physicalLocation");
    assertThat(location.get("artifactLocation").get("uri").asText())
        .isEqualTo("doctor/ws-no-affinity.fail.yaml");
    assertThat(location.get("region").toString())
        .isEqualTo("{\"startLine\":14,\"startColumn\":13}");
    assertThat(run.get("results").get(2).has("locations")).isFalse();
  }

  @Test
  void sarif_rules_name_the_upstream_source_and_fall_back_for_codes_without_a_catalogue_row()
      throws IOException {
    Finding sourced =
        new Finding("CORE-SELECTOR-NO-PODS", Severity.WARNING, "Service default/chat", "m.", "h.");
    Finding uncatalogued =
        new Finding("TEST-NOT-CATALOGUED", Severity.ERROR, "Service default/chat", "m.", "h.");
    Report r =
        new Report(
            List.of(sourced, uncatalogued), List.of(), List.of(), Manifests.parse("", "a.yaml"));
    String sarif = r.toSarif();
    assertThat(sarifProblems(sarif)).isEmpty();
    JsonNode rules = JSON.readTree(sarif).get("runs").get(0).get("tool").get("driver").get("rules");
    FindingCatalog.Entry e = FindingCatalog.load().find("CORE-SELECTOR-NO-PODS").orElseThrow();
    assertThat(rules.get(0).get("help").get("text").asText())
        .isEqualTo(e.fix() + "\nUpstream source: k8s.io/api v0.34.0 core/v1/types.go.");
    assertThat(rules.get(0).get("help").get("markdown").asText())
        .isEqualTo(e.fix() + "\n\nUpstream source: `k8s.io/api v0.34.0 core/v1/types.go`.");
    // A code of a target that ships no catalogue: the code and the finding's own hint.
    assertThat(rules.get(1).toString())
        .isEqualTo(
            "{\"id\":\"TEST-NOT-CATALOGUED\",\"shortDescription\":{\"text\":"
                + "\"TEST-NOT-CATALOGUED\"},\"help\":{\"text\":\"h.\"},"
                + "\"defaultConfiguration\":{\"level\":\"error\"}}");
  }

  @Test
  void the_schema_check_itself_refuses_invalid_sarif() throws IOException {
    ObjectNode bad = (ObjectNode) JSON.readTree(sample().toSarif());
    ((ObjectNode) bad.get("runs").get(0).get("results").get(0)).put("level", "fatal");
    assertThat(sarifProblems(bad.toString())).isNotEmpty();
  }

  @Test
  void file_names_become_uri_references() {
    assertThat(ReportFormats.uri("k8s dir\\a b.yaml")).isEqualTo("k8s%20dir/a%20b.yaml");
    assertThat(ReportFormats.uri("chart/templates/caf\u00e9.yaml"))
        .isEqualTo("chart/templates/caf%C3%A9.yaml");
  }

  @Test
  void routes_are_found_by_the_request_they_match() {
    Report r = Doctor.with(StandInReader.target()).check(DoctorTest.fixture("ws-no-affinity.fail"));
    assertThat(r.routes("chat.example.com", "/chat/room")).hasSize(1);
    assertThat(r.routes("CHAT.example.com", "/chat")).hasSize(1);
    assertThat(r.routes("chat.example.com", "/chatroom")).isEmpty();
    assertThat(r.routes("other.example.com", "/chat")).isEmpty();
  }

  /** The SARIF schema's complaints about the text, or empty. */
  static List<String> sarifProblems(String sarif) throws IOException {
    Path schemaFile = SchemaConformance.schemasDir().resolve("sarif/sarif-schema-2.1.0.json");
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
    Schema schema = registry.getSchema(Files.readString(schemaFile));
    List<String> out = new ArrayList<>();
    for (Error e : schema.validate(JSON.readTree(sarif))) {
      out.add(e.toString());
    }
    return out;
  }
}
