package dev.wsingress.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The spec file's JSON Schema: every example spec passes it, it refuses what {@code build()}
 * refuses for types and names (one case per kind of field), and it knows exactly the fields the
 * reader knows.
 */
class SpecSchemaTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Schema SCHEMA =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(SpecFile.schema());

  private static final String BASE =
      "apiVersion: wsingress.dev/v1alpha1\nkind: WebSocketApp\nmetadata: {name: chat}\nspec:\n"
          + "  hosts: [chat.example.com]\n  service: {name: chat, port: 8080}\n";

  private static List<String> errors(String yaml) throws IOException {
    List<String> out = new ArrayList<>();
    for (Error e : SCHEMA.validate(YAML.readTree(yaml))) {
      out.add(e.toString());
    }
    return out;
  }

  @Test
  void theExampleSpecIsValid() throws IOException {
    assertThat(errors(Files.readString(Run.root().resolve(Run.CHAT)))).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("dev.wsingress.cli.SpecWriterTest#grid")
  void everyWrittenSpecIsValid(dev.wsingress.WebSocketApp app) throws IOException {
    assertThat(errors(SpecFile.write(app))).isEmpty();
  }

  /**
   * One refused value per kind of field.
   *
   * @param kind the kind of field
   * @param spec lines added under spec (or replacing metadata when they start with "metadata")
   */
  record Bad(String kind, String spec) {
    String text() {
      return spec.startsWith("metadata")
          ? BASE.replace("metadata: {name: chat}\n", spec)
          : BASE + spec;
    }

    @Override
    public String toString() {
      return kind;
    }
  }

  static Stream<Bad> refused() {
    return Stream.of(
        new Bad("object name", "metadata: {name: Chat_App}\n"),
        new Bad("namespace", "metadata: {name: chat, namespace: -x}\n"),
        new Bad("label value type", "metadata: {name: chat, labels: {app: true}}\n"),
        new Bad("label value", "metadata: {name: chat, labels: {app: -x}}\n"),
        new Bad("unknown field", "  idleTimout: 1h\n"),
        new Bad("host", "  tls: {secretName: t, hosts: [WS.example.com]}\n"),
        new Bad("service name", "  routes: [{path: /ws, to: {service: 1api, port: 80}}]\n"),
        new Bad("path", "  routes: [{path: ws}]\n"),
        new Bad("path with //", "  routes: [{path: /a//b}]\n"),
        new Bad("enum", "  routes: [{path: /ws, kind: Http}]\n"),
        new Bad("duration without unit", "  idleTimeout: 3600\n"),
        new Bad("duration with days", "  idleTimeout: 1d\n"),
        new Bad("port number", "  routes: [{path: /ws, to: {service: api, port: 0}}]\n"),
        new Bad("port name", "  routes: [{path: /ws, to: {service: api, port: Http}}]\n"),
        new Bad("whole number type", "  maxConnectionsPerClient: \"100\"\n"),
        new Bad("count", "  maxConnectionsPerClient: 0\n"),
        new Bad("boolean", "  responseBuffering: \"yes\"\n"),
        new Bad("secret name", "  tls: {secretName: Bad_Secret}\n"),
        new Bad("cookie name", "  stickySessions: {cookie: {name: \"a b\"}}\n"),
        new Bad("two kinds of affinity", "  stickySessions: {cookie: {name: a}, clientIp: {}}\n"),
        new Bad("header name", "  stickySessions: {header: {name: \"X Id\"}}\n"),
        new Bad("origin", "  cors: {allowOrigins: [\"https://app.example.com/path\"]}\n"),
        new Bad("method", "  cors: {allowOrigins: [\"*\"], allowMethods: [get]}\n"),
        new Bad(
            "rate per second and minute",
            "  rateLimit: {handshakesPerSecond: 1, handshakesPerMinute: 1}\n"),
        new Bad("email", "  tls: {secretName: t, issuer: {email: nope, http01: nginx}}\n"),
        new Bad("image", "  workload: {image: \"Chat Image\"}\n"),
        new Bad("env name", "  workload: {image: chat, env: {\"1X\": v}}\n"),
        new Bad(
            "quantity",
            "  workload: {image: chat, resources: {requests: {cpu: 1 core,"
                + " memory: 1Gi}, limits: {cpu: \"1\", memory: 1Gi}}}\n"),
        new Bad(
            "egress",
            "  workload: {image: chat, egress: [{namespace: a, labelKey: b,"
                + " labelValue: c, port: 1}]}\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void refusesWhatBuildRefuses(Bad bad) throws IOException {
    // GIVEN build() refuses it
    assertThat(SpecFileTest.messages(bad.text())).isNotEmpty();
    // THEN so does the schema
    assertThat(errors(bad.text())).as(bad.text()).isNotEmpty();
  }

  @Test
  void theSchemaKnowsTheFieldsTheReaderKnows() throws IOException {
    JsonNode root = new ObjectMapper().readTree(SpecFile.schema());
    JsonNode spec = root.at("/properties/spec/properties");
    Map<String, List<String>> expected =
        Map.ofEntries(
            Map.entry("/properties", SpecReader.DOCUMENT),
            Map.entry("/properties/metadata/properties", SpecReader.METADATA),
            Map.entry("/properties/spec/properties", SpecReader.SPEC),
            Map.entry("/properties/spec/properties/service/properties", SpecReader.SERVICE),
            Map.entry("/properties/spec/properties/routes/items/properties", SpecReader.ROUTE),
            Map.entry(
                "/properties/spec/properties/routes/items/properties/to/properties",
                SpecReader.BACKEND),
            Map.entry("/properties/spec/properties/stickySessions/properties", SpecReader.STICKY),
            Map.entry(
                "/properties/spec/properties/stickySessions/properties/cookie/properties",
                SpecReader.COOKIE),
            Map.entry(
                "/properties/spec/properties/stickySessions/properties/clientIp/properties",
                SpecReader.CLIENT_IP),
            Map.entry(
                "/properties/spec/properties/stickySessions/properties/header/properties",
                SpecReader.HEADER),
            Map.entry("/properties/spec/properties/tls/properties", SpecReader.TLS),
            Map.entry(
                "/properties/spec/properties/tls/properties/issuer/properties", SpecReader.ISSUER),
            Map.entry("/properties/spec/properties/rateLimit/properties", SpecReader.RATE_LIMIT),
            Map.entry("/properties/spec/properties/cors/properties", SpecReader.CORS),
            Map.entry(
                "/properties/spec/properties/healthCheck/properties", SpecReader.HEALTH_CHECK),
            Map.entry("/properties/spec/properties/workload/properties", SpecReader.WORKLOAD),
            Map.entry(
                "/properties/spec/properties/workload/properties/resources/properties",
                SpecReader.RESOURCES),
            Map.entry("/definitions/quantities/properties", SpecReader.QUANTITIES),
            Map.entry(
                "/properties/spec/properties/workload/properties/autoscale/properties",
                SpecReader.AUTOSCALE),
            Map.entry(
                "/properties/spec/properties/workload/properties/egress/items/properties",
                SpecReader.EGRESS));
    assertThat(spec.isObject()).isTrue();
    for (Map.Entry<String, List<String>> e : expected.entrySet()) {
      TreeSet<String> names = new TreeSet<>();
      Iterator<String> it = root.at(e.getKey()).fieldNames();
      it.forEachRemaining(names::add);
      assertThat(names).as(e.getKey()).isEqualTo(new TreeSet<>(e.getValue()));
    }
    assertThat(root.at("/properties/spec/properties/routes/items/properties/kind/enum"))
        .extracting(JsonNode::asText)
        .containsExactlyElementsOf(SpecReader.ROUTE_KINDS);
    assertThat(root.at("/properties/spec/properties/routes/items/properties/match/enum"))
        .extracting(JsonNode::asText)
        .containsExactlyElementsOf(SpecReader.MATCHES);
  }
}
