package dev.wsingress.assertj;

import static dev.wsingress.assertj.Fixtures.expectAssertionError;
import static dev.wsingress.assertj.Fixtures.message;
import static dev.wsingress.assertj.WsAssertions.assertThat;
import static dev.wsingress.assertj.WsAssertions.assertThatYaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.wsingress.Manifests;
import dev.wsingress.Severity;
import dev.wsingress.testing.StandInReader;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The manifests' assertions: routes by request, findings, objects, options. */
class ManifestsAssertTest {

  static ManifestsAssert chat() {
    return assertThat(Fixtures.read("chat")).readBy(StandInReader.target());
  }

  static ManifestsAssert plain() {
    return assertThat(Fixtures.read("plain")).readBy(StandInReader.target());
  }

  static ManifestsAssert findings() {
    return assertThat(Fixtures.read("findings")).readBy(StandInReader.target());
  }

  static final String WS_ROUTE =
      "  test-reader chat.example.com/ws (PREFIX) → Service default/chat port 8080, WebSocket"
          + " (Ingress default/chat, k8s/chat.yaml:26:9)";
  static final String API_ROUTE =
      "  test-reader chat.example.com/api (PREFIX) → Service default/chat port \"http\", HTTP"
          + " (Ingress default/chat-http, k8s/chat.yaml:52:9)";
  static final String NOT_IN_INPUT =
      "INFO CORE-BACKEND-NOT-IN-INPUT Ingress default/%s: the backend Service default/chat is not"
          + " in the input; its ports, selector and pods are not checked.";

  @Nested
  class Route {
    @Test
    void is_found_by_the_request_as_the_controller_matches_it_best_first() {
      ManifestsAssert site = assertThat(Fixtures.read("precedence")).readBy(StandInReader.target());
      site.route("chat.example.com", "/ws/admin").goesTo("admin", 9090);
      site.route("chat.example.com", "/ws/admin/x").goesTo("chat", 8080);
      site.route("chat.example.com", "/ws").goesTo("chat", 8080);
      site.route("chat.example.com", "/wsx").goesTo("frontend", 80);
      site.route("CHAT.example.com", "/").goesTo("frontend", 80);
      site.route("a.example.org", "/ws/room").goesTo("tenant", 8080);
    }

    @Test
    void fails_listing_the_routes_of_the_host() {
      assertThat(expectAssertionError(() -> chat().route("chat.example.com", "/admin")))
          .hasMessage(
              message(
                  "Expecting a route for chat.example.com/admin,",
                  "but no route serves it; the routes for chat.example.com:",
                  WS_ROUTE,
                  API_ROUTE));
    }

    @Test
    void fails_listing_the_hosts_served_when_none_is_the_host() {
      assertThat(expectAssertionError(() -> chat().route("other.example.com", "/ws")))
          .hasMessage(
              message(
                  "Expecting a route for other.example.com/ws,",
                  "but no route serves the host other.example.com; the hosts served:"
                      + " chat.example.com (test-reader)."));
      ManifestsAssert site = assertThat(Fixtures.read("precedence")).readBy(StandInReader.target());
      assertThat(expectAssertionError(() -> site.route("a.b.example.org", "/ws")))
          .hasMessage(
              message(
                  "Expecting a route for a.b.example.org/ws,",
                  "but no route serves the host a.b.example.org; the hosts served:"
                      + " chat.example.com (test-reader), *.example.org (test-reader)."));
    }

    @Test
    void without_read_by_every_target_on_the_class_path_reads() {
      // As Doctor.check: DiscoveredStandIn is registered for these tests (and the core test-jar's
      // discovered-test, which reads nothing, when its classes rather than its jar are used).
      assertThat(Fixtures.read("chat"))
          .route("chat.example.com", "/ws")
          .isServedBy("test-reader")
          .hasIdleTimeoutAtLeast(Duration.ofHours(1));
    }

    @Test
    void fails_naming_the_targets_when_they_serve_no_route() {
      assertThat(
              expectAssertionError(
                  () ->
                      assertThat(Fixtures.read("chat"))
                          .readBy(TestReader.nothing("nginx"), TestReader.nothing("traefik"))
                          .route("chat.example.com", "/ws")))
          .hasMessage(
              message(
                  "Expecting a route for chat.example.com/ws,",
                  "but the targets that read the manifests (nginx, traefik) serve no route."));
    }

    @Test
    void fails_when_two_targets_serve_the_request() {
      ManifestsAssert both =
          assertThat(Fixtures.read("chat"))
              .readBy(
                  StandInReader.target(),
                  TestReader.serving("nginx", "chat.example.com", "/", (m, b) -> {}));
      assertThat(expectAssertionError(() -> both.route("chat.example.com", "/ws")))
          .hasMessage(
              message(
                  "Expecting one target to serve chat.example.com/ws,",
                  "but 2 do:",
                  "  nginx chat.example.com/ (PREFIX), HTTP (Ingress default/chat,"
                      + " k8s/chat.yaml:17:1)",
                  WS_ROUTE,
                  "Name the one to check with readBy(...)."));
      both.readBy(StandInReader.target())
          .route("chat.example.com", "/ws")
          .isServedBy("test-reader");
    }

    @Test
    void refuses_a_request_without_host_or_path() {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> chat().route("", "/ws"))
          .withMessage("host is empty: give the host a request names");
      assertThatIllegalArgumentException()
          .isThrownBy(() -> chat().route("chat.example.com", "ws"))
          .withMessage("path must start with /: ws");
    }
  }

  @Nested
  class HasRoute {
    @Test
    void passes_and_fails_as_route_does() {
      chat().hasRoute("chat.example.com", "/ws/room").hasRoute("chat.example.com", "/api");
      assertThat(expectAssertionError(() -> chat().hasRoute("chat.example.com", "/admin")))
          .hasMessage(
              message(
                  "Expecting a route for chat.example.com/admin,",
                  "but no route serves it; the routes for chat.example.com:",
                  WS_ROUTE,
                  API_ROUTE));
    }
  }

  @Nested
  class HasNoRouteFor {
    @Test
    void passes_for_a_path_nothing_serves() {
      chat().hasNoRouteFor("chat.example.com", "/admin").hasNoRouteFor("other.example.com", "/");
    }

    @Test
    void fails_naming_what_serves_it() {
      assertThat(expectAssertionError(() -> chat().hasNoRouteFor("chat.example.com", "/ws/x")))
          .hasMessage(
              message(
                  "Expecting no route for chat.example.com/ws/x,",
                  "but it is served by:",
                  WS_ROUTE));
    }
  }

  @Nested
  class HasFinding {
    @Test
    void passes() {
      plain().hasFinding("CORE-BACKEND-NOT-IN-INPUT");
      findings().hasFinding("TEST-ANNOTATION-TYPE");
    }

    @Test
    void fails_listing_the_findings() {
      assertThat(expectAssertionError(() -> findings().hasFinding("CORE-WS-NO-PRESTOP")))
          .hasMessage(
              message(
                  "Expecting a finding CORE-WS-NO-PRESTOP,",
                  "but there is none; the findings:",
                  "  chat/templates/ingress.yaml:7:5: ERROR TEST-ANNOTATION-TYPE Ingress"
                      + " default/chat: the annotation test.wsingress.dev/read-timeout is NUMBER,"
                      + " not a string.",
                  "  chat/templates/ingress.yaml:17:11: " + NOT_IN_INPUT.formatted("chat")));
    }

    @Test
    void fails_when_there_are_none_and_names_what_is_ignored() {
      assertThat(expectAssertionError(() -> chat().hasFinding("CORE-WS-NO-PRESTOP")))
          .hasMessage(
              message("Expecting a finding CORE-WS-NO-PRESTOP,", "but there are no findings."));
      assertThat(
              expectAssertionError(
                  () ->
                      findings()
                          .ignoring("test-annotation-type", " CORE-BACKEND-NOT-IN-INPUT")
                          .hasFinding("TEST-ANNOTATION-TYPE")))
          .hasMessage(
              message(
                  "Expecting a finding TEST-ANNOTATION-TYPE,",
                  "but there are no findings (ignoring CORE-BACKEND-NOT-IN-INPUT,"
                      + " TEST-ANNOTATION-TYPE)."));
    }
  }

  @Nested
  class HasFindingAt {
    @Test
    void passes_with_the_file_as_read_or_its_end() {
      plain()
          .hasFindingAt("CORE-BACKEND-NOT-IN-INPUT", "k8s/plain.yaml", 40)
          .hasFindingAt("CORE-BACKEND-NOT-IN-INPUT", "plain.yaml", 64);
      // Helm output: the template the # Source: comment names, its lines counted from there.
      findings()
          .hasFindingAt("TEST-ANNOTATION-TYPE", "chat/templates/ingress.yaml", 7)
          .hasFindingAt("TEST-ANNOTATION-TYPE", "templates/ingress.yaml", 7);
    }

    @Test
    void fails_listing_where_the_findings_of_the_code_are() {
      assertThat(
              expectAssertionError(
                  () -> plain().hasFindingAt("CORE-BACKEND-NOT-IN-INPUT", "ain.yaml", 40)))
          .hasMessage(
              message(
                  "Expecting a finding CORE-BACKEND-NOT-IN-INPUT at ain.yaml:40,",
                  "but the findings CORE-BACKEND-NOT-IN-INPUT are:",
                  "  k8s/plain.yaml:16:11: " + NOT_IN_INPUT.formatted("defaults"),
                  "  k8s/plain.yaml:40:11: " + NOT_IN_INPUT.formatted("idle"),
                  "  k8s/plain.yaml:64:11: " + NOT_IN_INPUT.formatted("forever")));
    }

    @Test
    void fails_listing_every_finding_when_none_has_the_code() {
      assertThat(
              expectAssertionError(
                  () -> findings().ignoring("TEST-ANNOTATION-TYPE").hasFindingAt("X-Y", "a", 1)))
          .hasMessage(
              message(
                  "Expecting a finding X-Y at a:1,",
                  "but there is none (ignoring TEST-ANNOTATION-TYPE); the findings:",
                  "  chat/templates/ingress.yaml:17:11: " + NOT_IN_INPUT.formatted("chat")));
    }
  }

  @Nested
  class HasNoFindingsAtOrAbove {
    @Test
    void passes_below_the_threshold_and_when_ignored() {
      chat().hasNoFindingsAtOrAbove(Severity.INFO);
      plain().hasNoFindingsAtOrAbove(Severity.WARNING);
      plain().ignoring("CORE-BACKEND-NOT-IN-INPUT").hasNoFindingsAtOrAbove(Severity.INFO);
    }

    @Test
    void fails_listing_each_finding_with_its_hint() {
      String error =
          "  chat/templates/ingress.yaml:7:5: ERROR TEST-ANNOTATION-TYPE Ingress default/chat:"
              + " the annotation test.wsingress.dev/read-timeout is NUMBER, not a string.";
      String hint = "    Hint: Quote the value: annotations are strings.";
      assertThat(expectAssertionError(() -> findings().hasNoFindingsAtOrAbove(Severity.WARNING)))
          .hasMessage(
              message(
                  "Expecting no findings at WARNING or above,", "but there is 1:", error, hint));
      assertThat(expectAssertionError(() -> findings().hasNoFindingsAtOrAbove(Severity.INFO)))
          .hasMessage(
              message(
                  "Expecting no findings,",
                  "but there are 2:",
                  error,
                  hint,
                  "  chat/templates/ingress.yaml:17:11: " + NOT_IN_INPUT.formatted("chat"),
                  "    Hint: Check the Service's manifest together with the route."));
      assertThat(
              expectAssertionError(
                  () ->
                      findings()
                          .ignoring("CORE-BACKEND-NOT-IN-INPUT")
                          .hasNoFindingsAtOrAbove(Severity.INFO)))
          .hasMessage(
              message(
                  "Expecting no findings (ignoring CORE-BACKEND-NOT-IN-INPUT),",
                  "but there is 1:",
                  error,
                  hint));
    }

    @Test
    void has_no_errors() {
      plain().hasNoErrors();
      assertThat(expectAssertionError(() -> findings().hasNoErrors()))
          .hasMessage(
              message(
                  "Expecting no errors,",
                  "but there is 1:",
                  "  chat/templates/ingress.yaml:7:5: ERROR TEST-ANNOTATION-TYPE Ingress"
                      + " default/chat: the annotation test.wsingress.dev/read-timeout is NUMBER,"
                      + " not a string.",
                  "    Hint: Quote the value: annotations are strings."));
    }
  }

  @Nested
  class ContainsObject {
    @Test
    void passes_and_an_object_without_a_namespace_matches_any() {
      chat()
          .containsObject("Ingress", "default", "chat")
          .containsObject("Service", "default", "chat");
      findings()
          .containsObject("IngressClass", null, "edge")
          .containsObject("IngressClass", "", "edge")
          .containsObject("IngressClass", "default", "edge");
    }

    @Test
    void fails_listing_the_objects_of_the_kind() {
      assertThat(expectAssertionError(() -> chat().containsObject("Ingress", "default", "admin")))
          .hasMessage(
              message(
                  "Expecting an object Ingress default/admin,",
                  "but the objects of kind Ingress are:",
                  "  Ingress default/chat (k8s/chat.yaml:3:1)",
                  "  Ingress default/chat-http (k8s/chat.yaml:34:1)"));
      assertThat(expectAssertionError(() -> chat().containsObject("Ingress", "other", "chat")))
          .hasMessageContaining("Expecting an object Ingress other/chat,");
    }

    @Test
    void fails_listing_every_object_when_none_has_the_kind() {
      assertThat(expectAssertionError(() -> findings().containsObject("HTTPRoute", null, "chat")))
          .hasMessage(
              message(
                  "Expecting an object HTTPRoute chat,",
                  "but there is no HTTPRoute; the objects:",
                  "  IngressClass edge (chat/templates/ingressclass.yaml:1:1)",
                  "  Ingress default/chat (chat/templates/ingress.yaml:1:1)"));
      assertThat(expectAssertionError(() -> assertThatYaml("").containsObject("Service", "a", "b")))
          .hasMessage(message("Expecting an object Service a/b,", "but there are no objects."));
    }
  }

  @Nested
  class Options {
    @Test
    void read_by_needs_a_target() {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> chat().readBy())
          .withMessage("no target given: name at least one reader");
      assertThatIllegalArgumentException()
          .isThrownBy(() -> chat().readBy(StandInReader.target(), null))
          .withMessage("a target is null");
    }

    @Test
    void ignoring_needs_codes() {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> chat().ignoring(" "))
          .withMessage("an ignored code is empty");
    }

    @Test
    void a_description_heads_the_message() {
      assertThat(
              expectAssertionError(
                  () -> chat().describedAs("helm output").hasFinding("CORE-WS-NO-PRESTOP")))
          .hasMessage(
              "[helm output] "
                  + message(
                      "Expecting a finding CORE-WS-NO-PRESTOP,", "but there are no findings."));
    }

    @Test
    void a_null_actual_fails_as_assertj_does() {
      assertThat(expectAssertionError(() -> assertThat((Manifests) null).hasNoErrors()))
          .hasMessage(message("Expecting actual not to be null"));
      assertThat(expectAssertionError(() -> assertThatYaml(null).hasRoute("a", "/")))
          .hasMessage(message("Expecting actual not to be null"));
    }

    @Test
    void yaml_text_is_named_yaml_in_messages() {
      assertThat(
              expectAssertionError(
                  () ->
                      assertThatYaml(Fixtures.text("chat"))
                          .readBy(StandInReader.target())
                          .route("chat.example.com", "/ws")
                          .hasIdleTimeoutAtLeast(Duration.ofHours(2))))
          .hasMessage(
              message(
                  "Expecting route chat.example.com/ws (Ingress default/chat, yaml:26:9, served"
                      + " by test-reader)",
                  "to keep idle WebSockets open for at least 2 h,",
                  "but it has no idle timeout of its own, and its read timeout is 1 h"
                      + " (yaml:9:5)."));
    }

    @Test
    void content_with_percent_signs_is_shown_as_it_is() {
      String yaml = Fixtures.text("chat").replace("name: chat-http", "name: chat-100%25");
      assertThat(
              expectAssertionError(
                  () ->
                      assertThatYaml(yaml)
                          .readBy(StandInReader.target())
                          .route("chat.example.com", "/api")
                          .isServedBy("nginx")))
          .hasMessageStartingWith(
              message("Expecting route chat.example.com/api (Ingress default/chat-100%25,"));
    }
  }
}
