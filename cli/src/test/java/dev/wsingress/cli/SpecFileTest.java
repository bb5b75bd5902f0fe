package dev.wsingress.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsingress.AcmeIssuer;
import dev.wsingress.Affinity;
import dev.wsingress.Cors;
import dev.wsingress.HealthCheck;
import dev.wsingress.RateLimit;
import dev.wsingress.Route;
import dev.wsingress.Tls;
import dev.wsingress.WebSocketApp;
import dev.wsingress.Workload;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading spec files: what the file may say, and every way it can be wrong. */
class SpecFileTest {

  private static final String HEAD = "apiVersion: wsingress.dev/v1alpha1\nkind: WebSocketApp\n";
  private static final String MINIMAL =
      HEAD
          + "metadata: {name: chat}\nspec:\n  hosts: [chat.example.com]\n"
          + "  service: {name: chat, port: 8080}\n";

  /** The example spec, written with the DSL. */
  static WebSocketApp chatApp() {
    return WebSocketApp.on("chat.example.com")
        .name("chat")
        .namespace("chat")
        .label("app", "chat")
        .service("chat-ws", 8080)
        .path("/ws")
        .route(Route.http("/api").to("chat-api", 80).requestTimeout(Duration.ofSeconds(30)))
        .route(Route.websocket("/notifications/ws").to("notify", 8080).rewriteTo("/ws"))
        .timeout(Duration.ofHours(1))
        .connectTimeout(Duration.ofSeconds(10))
        .stickySessions(Affinity.cookie("ws-server").maxAge(Duration.ofDays(1)))
        .tls(
            Tls.secret("chat-tls")
                .issuedBy(AcmeIssuer.letsEncrypt("ops@example.com").http01("nginx")))
        .rateLimit(RateLimit.handshakesPerSecond(10).burst(50))
        .maxConnectionsPerClient(100)
        .cors(Cors.allowOrigins("https://app.example.com"))
        .healthCheck(HealthCheck.http("/health"))
        .workload(
            Workload.image("registry.example.com/chat:1.4.2")
                .metricsPort(9090)
                .maxConnections(10000)
                .pingInterval(Duration.ofSeconds(30))
                .resources("250m", "256Mi", "1", "512Mi")
                .drainTime(Duration.ofSeconds(60))
                .autoscale(3, 50)
                .connectionsPerPod(1000))
        .build();
  }

  @Test
  void theExampleSpecIsTheAppTheDslDescribes() throws IOException {
    // GIVEN
    String text = Files.readString(Run.root().resolve(Run.CHAT));
    // WHEN
    List<SpecFile.Document> docs = SpecFile.read(text, "chat.yaml");
    // THEN
    assertThat(docs).hasSize(1);
    assertThat(docs.get(0).app()).isEqualTo(chatApp());
    assertThat(docs.get(0).source()).hasToString("chat.yaml:2:1");
  }

  @Test
  void defaultsAreTheDslDefaults() {
    WebSocketApp app = SpecFile.read(MINIMAL, "a.yaml").get(0).app();
    assertThat(app).isEqualTo(WebSocketApp.on("chat.example.com").service("chat", 8080).build());
  }

  @Test
  void jsonIsASpecFileToo() {
    String json =
        "{\"apiVersion\": \"wsingress.dev/v1alpha1\", \"kind\": \"WebSocketApp\","
            + " \"metadata\": {\"name\": \"chat\"}, \"spec\": {\"hosts\": [\"chat.example.com\"],"
            + " \"service\": {\"name\": \"chat\", \"port\": 8080}, \"idleTimeout\": \"2h\"}}";
    assertThat(SpecFile.read(json, "a.json").get(0).app())
        .isEqualTo(
            WebSocketApp.on("chat.example.com")
                .service("chat", 8080)
                .name("chat")
                .timeout(Duration.ofHours(2))
                .build());
  }

  @Test
  void severalDocumentsAreSeveralAppsAndEmptyOnesAreSkipped() {
    String text =
        "---\n" + MINIMAL + "---\n# nothing\n---\n" + MINIMAL.replace("name: chat}", "name: two}");
    List<SpecFile.Document> docs = SpecFile.read(text, "a.yaml");
    assertThat(docs).extracting(d -> d.app().name()).containsExactly("chat", "two");
    assertThat(docs).extracting(d -> d.source().line()).containsExactly(2, 11);
  }

  @Test
  void aByteOrderMarkAndNullValuesAreAccepted() {
    String text = "\uFEFF" + MINIMAL + "  tls: null\n  cors: ~\n";
    assertThat(SpecFile.read(text, "a.yaml").get(0).app().tls()).isEmpty();
  }

  @Test
  void anUnknownFieldIsRefusedWithTheClosestName() {
    assertThat(messages(MINIMAL + "  idleTimout: 1h\n"))
        .containsExactly(
            "a.yaml:7:3: spec.idleTimout = \"1h\": is not a field of spec. Fix: did you mean"
                + " \"idleTimeout\"? The fields of spec are hosts, service, routes, idleTimeout,"
                + " readTimeout, sendTimeout, connectTimeout, stickySessions, tls, rateLimit,"
                + " maxConnectionsPerClient, cors, responseBuffering, requestBuffering,"
                + " backendProtocol, backendCaSecret, healthCheck, workload.");
  }

  @Test
  void aFieldFarFromEveryNameGetsTheListOnly() {
    assertThat(messages(HEAD + "metadata: {name: chat, annotations: {a: b}}\n"))
        .contains(
            "a.yaml:3:24: metadata.annotations = {...}: is not a field of metadata. Fix: remove"
                + " it; the fields of metadata are name, namespace, labels.");
  }

  @Test
  void typesAreCheckedWithTheFixForEachMistake() {
    String text =
        MINIMAL
            + "  connectTimeout: 10\n"
            + "  maxConnectionsPerClient: \"100\"\n"
            + "  responseBuffering: yes\n"
            + "  requestBuffering: \"false\"\n"
            + "  backendCaSecret: 12\n"
            + "  routes: /ws\n"
            + "  healthCheck: /health\n"
            + "  backendProtocol: https\n"
            + "  readTimeout: 1d\n";
    assertThat(messages(text))
        .containsExactly(
            "a.yaml:7:19: spec.connectTimeout = 10: must be a duration such as 3600s, 90m or"
                + " 1h30m, not a number. Fix: add a unit: \"10s\" for seconds.",
            "a.yaml:8:28: spec.maxConnectionsPerClient = \"100\": must be a whole number, not a"
                + " string. Fix: write it without quotes: 100.",
            "a.yaml:9:22: spec.responseBuffering = yes: must be true or false. Fix: write true"
                + " or false: YAML 1.1 readers take yes as a boolean, YAML 1.2 readers as a"
                + " string.",
            "a.yaml:10:21: spec.requestBuffering = \"false\": must be true or false, not a string."
                + " Fix: write it without quotes: false.",
            "a.yaml:11:20: spec.backendCaSecret = 12: must be a string, not a number. Fix: quote"
                + " it: \"12\".",
            "a.yaml:12:11: spec.routes = \"/ws\": must be a list, not a string. Fix: write it as"
                + " [ ... ].",
            "a.yaml:13:16: spec.healthCheck = \"/health\": must be a map of path, interval, rise,"
                + " fall, not a string. Fix: give a map of path, interval, rise, fall.",
            "a.yaml:14:20: spec.backendProtocol = \"https\": must be one of HTTP, HTTPS. Fix: did"
                + " you mean \"HTTPS\"? Write it exactly so.",
            "a.yaml:15:16: spec.readTimeout = \"1d\": must be a duration such as 3600s, 90m or"
                + " 1h30m. Fix: write a number and a unit (h, m, s, ms), as in \"1h\" or \"90s\";"
                + " days are hours (\"24h\").");
  }

  @Test
  void numbersOtherThanDecimalsAreRefused() {
    assertThat(messages(MINIMAL + "  maxConnectionsPerClient: 0x10\n"))
        .containsExactly(
            "a.yaml:7:28: spec.maxConnectionsPerClient = 0x10: must be a whole number, not a"
                + " number. Fix: write it as a decimal number.");
    assertThat(messages(MINIMAL + "  maxConnectionsPerClient: 3000000000\n"))
        .containsExactly(
            "a.yaml:7:28: spec.maxConnectionsPerClient = 3000000000: must be a whole number"
                + " from -2147483648 to 2147483647. Fix: use a smaller number.");
  }

  @Test
  void aKeyGivenTwiceIsRefusedWithBothLinesAndTheFirstIsKept() {
    assertThat(messages(MINIMAL + "  idleTimeout: 1h\n  idleTimeout: 0s\n"))
        .containsExactly(
            "a.yaml:8:3: spec.idleTimeout = \"0s\": is given twice, at line 7 and at line 8 (a"
                + " lenient reader would keep the second and silently lose the first). Fix:"
                + " remove one of them.");
  }

  @Test
  void theDocumentMustBeAWebSocketApp() {
    assertThat(messages("apiVersion: v1\nkind: Service\nmetadata: {name: x}\n"))
        .containsExactly(
            "a.yaml:1:13: apiVersion = \"v1\": must be wsingress.dev/v1alpha1. Fix: write"
                + " \"apiVersion: wsingress.dev/v1alpha1\".",
            "a.yaml:2:7: kind = \"Service\": must be WebSocketApp in a spec file. Fix: write"
                + " \"kind: WebSocketApp\"; spec files hold WebSocketApp documents only.");
    assertThat(messages("apiVersion: wsingress.dev/v1alpha1\nkind: WebsocketApp\nspec: {}\n"))
        .containsExactly(
            "a.yaml:2:7: kind = \"WebsocketApp\": must be WebSocketApp in a spec file. Fix: did"
                + " you mean \"WebSocketApp\"? Write it exactly so.");
    assertThat(messages("- a\n- b\n"))
        .containsExactly(
            "a.yaml:1:1: (document) = [...]: must be a map with apiVersion, kind, metadata and"
                + " spec. Fix: start the document with \"apiVersion: wsingress.dev/v1alpha1\".");
    assertThat(messages(HEAD + "metadata: {name: chat}\n"))
        .containsExactly(
            "a.yaml:1:1: spec = null: is required. Fix: describe the app under \"spec:\" (hosts,"
                + " service, routes ...).");
  }

  @Test
  void yamlThatDoesNotParseIsPlacedAtItsLine() {
    assertThat(messages(MINIMAL + "  routes:\n    - path: /ws\n   bad: [\n"))
        .singleElement()
        .asString()
        .startsWith("a.yaml:9:4: (syntax) = null: is not valid YAML: ");
  }

  @Test
  void tagsAreRefused() {
    assertThat(messages(MINIMAL + "  backendCaSecret: !secret x\n"))
        .containsExactly(
            "a.yaml:7:20: spec.backendCaSecret = \"!secret\": is a YAML tag a spec file cannot"
                + " have. Fix: remove the tag; spec files hold plain strings, numbers and"
                + " booleans.");
    assertThat(messages(MINIMAL + "  backendCaSecret: !!javax.script.ScriptEngineManager x\n"))
        .singleElement()
        .asString()
        .startsWith("a.yaml:7:20: (syntax) = null: is not valid YAML: Global tag is not allowed");
  }

  @Test
  void aliasesCannotMakeASmallFileHuge() {
    assertThat(messages(bomb(10, 9)))
        .containsExactly(
            "a.yaml:1:1: (file) = null: cannot be read: Number of aliases for non-scalar nodes"
                + " exceeds the specified max=50. Fix: keep spec files small and free of deep"
                + " nesting and many aliases.");
    assertThat(messages(bomb(7, 7)))
        .singleElement()
        .asString()
        .endsWith(
            "nests or repeats (through aliases) more than a spec file can. Fix: write the values"
                + " out instead of through aliases.");
  }

  /** {@code levels} lists of {@code width} aliases of the one before. */
  private static String bomb(int width, int levels) {
    StringBuilder b = new StringBuilder("a: &a [x]\n");
    for (char c = 'b'; c < 'b' + levels; c++) {
      b.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < width; i++) {
        b.append(i == 0 ? "" : ", ").append('*').append((char) (c - 1));
      }
      b.append("]\n");
    }
    return b.toString();
  }

  @Test
  void deepNestingIsRefused() {
    String deep = "a: " + "[".repeat(100) + "]".repeat(100) + "\n";
    assertThat(messages(deep))
        .containsExactly(
            "a.yaml:1:1: (file) = null: cannot be read: Nesting Depth exceeded max 32. Fix: keep"
                + " spec files small and free of deep nesting and many aliases.");
  }

  @Test
  void aRouteWhoseKindIsWrongIsNotJudgedAsAWebSocketRoute() {
    String text =
        MINIMAL
            + "  routes:\n    - path: /ws\n    - {path: /api, kind: Http, requestTimeout: 30s}\n";
    assertThat(messages(text))
        .containsExactly(
            "a.yaml:9:26: spec.routes[1].kind = \"Http\": must be one of WebSocket, HTTP. Fix:"
                + " did you mean \"HTTP\"? Write it exactly so.");
  }

  @Test
  void missingRequiredValuesUseBuildsOwnMessage() {
    assertThat(messages(MINIMAL + "  tls: {redirect: false}\n  healthCheck: {interval: 5s}\n"))
        .containsExactly(
            "a.yaml:7:8: spec.tls.secretName = \"\": is required. Fix: give a name such as"
                + " \"websocket-tls\".",
            "a.yaml:8:16: spec.healthCheck.path = \"\": is required. Fix: give a path such as"
                + " \"/ws\".");
  }

  @Test
  void everyDocumentsProblemsAreReportedAtOnce() {
    String text = MINIMAL + "  idleTimeout: 1\n---\n" + MINIMAL.replace("port: 8080", "port: 0");
    assertThat(messages(text))
        .extracting(m -> m.substring(0, m.indexOf(' ')))
        .containsExactly("a.yaml:7:16:", "a.yaml:14:31:");
  }

  @Test
  void aNameIsRequired() {
    assertThatThrownBy(() -> SpecFile.read(MINIMAL, ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("name is empty: give the file's name for positions");
  }

  @Test
  void theExceptionListsEveryProblem() {
    assertThatThrownBy(() -> SpecFile.read(MINIMAL + "  idleTimeout: 1\n  tls: {}\n", "a.yaml"))
        .isInstanceOf(SpecFileException.class)
        .hasMessage(
            "the spec is invalid (2 problems):\n"
                + "  a.yaml:7:16: spec.idleTimeout = 1: must be a duration such as 3600s, 90m or"
                + " 1h30m, not a number. Fix: add a unit: \"1s\" for seconds.\n"
                + "  a.yaml:8:8: spec.tls.secretName = \"\": is required. Fix: give a name such"
                + " as \"websocket-tls\".");
  }

  static List<String> messages(String text) {
    try {
      SpecFile.read(text, "a.yaml");
      throw new AssertionError("no problem in\n" + text);
    } catch (SpecFileException e) {
      return e.problems().stream().map(Object::toString).toList();
    }
  }
}
