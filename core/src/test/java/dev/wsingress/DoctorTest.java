package dev.wsingress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.testing.Fixtures;
import dev.wsingress.testing.RendersNothing;
import dev.wsingress.testing.StandInReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Core's doctor rules, each with a failing and a passing fixture under doctor/. */
class DoctorTest {

  static Manifests fixture(String name) {
    return Fixtures.read(DoctorTest.class, "doctor/" + name + ".yaml");
  }

  static Report check(String name) {
    return Doctor.with(StandInReader.target()).check(fixture(name));
  }

  /** Each finding as {@code SEVERITY CODE line:column}. */
  static List<String> found(Report r) {
    return r.findings().stream()
        .map(
            f ->
                f.severity()
                    + " "
                    + f.code()
                    + " "
                    + f.source().map(s -> s.line() + ":" + s.column()).orElse("-"))
        .toList();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "backend-not-in-input, INFO CORE-BACKEND-NOT-IN-INPUT 17:15",
    "backend-port-unknown, ERROR CORE-BACKEND-PORT-UNKNOWN 17:15",
    "selector-no-pods, WARNING CORE-SELECTOR-NO-PODS 28:3",
    "target-port-unknown, ERROR CORE-TARGET-PORT-UNKNOWN 33:7",
    "ws-no-affinity, INFO CORE-WS-NO-AFFINITY 14:13",
    "ws-polling-no-affinity, WARNING CORE-WS-POLLING-NO-AFFINITY 14:13",
    "ws-no-prestop, INFO CORE-WS-NO-PRESTOP 51:7",
    "ws-grace-short, WARNING CORE-WS-GRACE-SHORT 58:13",
  })
  void each_rule_flags_its_failing_fixture_and_passes_the_other(String rule, String expected) {
    assertThat(found(check(rule + ".fail"))).containsExactly(expected);
    assertThat(found(check(rule + ".pass"))).isEmpty();
  }

  @Test
  void messages_say_what_happens_and_where() {
    assertThat(check("backend-not-in-input.fail").findings().get(0))
        .satisfies(
            f -> {
              assertThat(f.subject()).isEqualTo("Ingress default/chat");
              assertThat(f.message())
                  .isEqualTo(
                      "the backend Service default/chat is not in the input; its ports,"
                          + " selector and pods are not checked.");
              assertThat(f.source().orElseThrow().file())
                  .isEqualTo("doctor/backend-not-in-input.fail.yaml");
            });
    assertThat(check("backend-port-unknown.fail").findings().get(0).message())
        .isEqualTo(
            "Service default/chat has no port 8080 (its ports: 80 \"http\"); the"
                + " controller finds no endpoints for this route.");
    assertThat(check("selector-no-pods.fail").findings().get(0))
        .satisfies(
            f -> {
              assertThat(f.subject()).isEqualTo("Service default/chat");
              assertThat(f.message())
                  .isEqualTo(
                      "the selector app=chat matches the pods of none of the 1 workload in the"
                          + " input; unless its pods come from elsewhere, the Service has no"
                          + " endpoints.");
            });
    assertThat(check("target-port-unknown.fail").findings().get(0).message())
        .isEqualTo(
            "the targetPort \"ws\" is no TCP container port of Deployment default/chat's"
                + " pods (their named ports: 8080 \"http\"); their endpoints are skipped for this"
                + " port.");
    assertThat(check("ws-no-affinity.fail").findings().get(0).message())
        .isEqualTo(
            "the WebSocket route \"/chat\" goes to Deployment default/chat, which runs 3 replicas,"
                + " without sticky sessions: each new connection, and every reconnect, may reach"
                + " another pod.");
    assertThat(check("ws-polling-no-affinity.fail").findings().get(0).message())
        .isEqualTo(
            "the Socket.IO route \"/socket.io\" goes to Deployment default/chat, which scales to up"
                + " to 5 replicas (HorizontalPodAutoscaler default/chat), without sticky sessions:"
                + " a session's HTTP long-polling requests can reach another pod, which answers"
                + " HTTP 400 \"Session ID unknown\".");
    assertThat(check("ws-no-prestop.fail").findings().get(0))
        .satisfies(
            f -> {
              assertThat(f.subject()).isEqualTo("Deployment default/chat");
              assertThat(f.message())
                  .isEqualTo(
                      "no container of Deployment default/chat has a preStop hook: on a rollout or"
                          + " scale-down its pods get SIGTERM while their endpoint is still being"
                          + " removed, so new handshakes can still arrive, and open sockets end"
                          + " when the process exits.");
            });
    assertThat(check("ws-grace-short.fail").findings().get(0).message())
        .isEqualTo(
            "terminationGracePeriodSeconds is 30 s (the default) and the preStop hook sleeps 30 s:"
                + " the grace period runs during the hook, so the container gets SIGTERM only when"
                + " it ends and is killed about 2 s later, with its sockets still open.");
  }

  @Test
  void plain_http_routes_get_no_websocket_findings() {
    Report r = check("ws-no-affinity.plain");
    assertThat(r.findings()).isEmpty();
    assertThat(r.routes())
        .singleElement()
        .satisfies(
            route -> {
              assertThat(route.isWebSocket()).isFalse();
              assertThat(route.webSocketReason()).isEmpty();
            });
  }

  @Test
  void an_ignore_annotation_on_the_object_suppresses_its_codes() {
    assertThat(check("ws-no-affinity.ignored").findings()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"CORE-WS-NO-AFFINITY", "core-ws-no-affinity"})
  void ignored_codes_are_left_out_everywhere(String code) {
    Manifests m = fixture("ws-no-affinity.fail");
    assertThat(Doctor.with(StandInReader.target()).ignoring(code).check(m).findings()).isEmpty();
    assertThat(Doctor.ignoring(code).with(StandInReader.target()).check(m).findings()).isEmpty();
  }

  @Test
  void a_reader_that_throws_is_reported_and_the_others_still_read() {
    Target broken = new StandInFailing();
    Report r = Doctor.with(broken, StandInReader.target()).check(fixture("ws-no-affinity.fail"));
    assertThat(r.findings())
        .extracting(f -> f.severity() + " " + f.code() + " " + f.subject() + ": " + f.message())
        .containsExactly(
            "INFO CORE-WS-NO-AFFINITY Ingress default/chat: the WebSocket route \"/chat\" goes to"
                + " Deployment default/chat, which runs 3 replicas, without sticky sessions: each"
                + " new connection, and every reconnect, may reach another pod.",
            "ERROR CORE-READER-FAILED target failing: the failing stand-in reader failed:"
                + " IllegalStateException: boom.");
  }

  @Test
  void the_reader_findings_carry_their_source_and_the_tree_types_values() {
    Report r =
        Doctor.with(StandInReader.target())
            .check(
                Manifests.parse(
                    "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: a\n"
                        + "  annotations:\n    test.wsingress.dev/read-timeout: 3600\n"
                        + "spec:\n  rules:\n  - http:\n      paths:\n      - path: /\n"
                        + "        pathType: Prefix\n",
                    "int.yaml"));
    assertThat(r.findings())
        .extracting(Finding::toString)
        .containsExactly(
            "int.yaml:6:5: ERROR TEST-ANNOTATION-TYPE Ingress a: the annotation"
                + " test.wsingress.dev/read-timeout is NUMBER, not a string. Hint: Quote the"
                + " value: annotations are strings.");
    ServedRoute route = r.routes().get(0);
    assertThat(route.readTimeout().orElseThrow().describe()).isEqualTo("1 h (int.yaml:6:5)");
    assertThat(route.isWebSocket()).isTrue();
    assertThat(route.webSocketReason())
        .contains("the read timeout is raised to 1 h (int.yaml:6:5)");
    assertThat(route.backends()).isEmpty();
  }

  @Test
  void doctor_check_asks_every_target_on_the_class_path() {
    // Only DiscoveredTestTarget is registered in core's tests, and it reads nothing.
    Report r = Doctor.check(fixture("ws-no-affinity.fail"));
    assertThat(r.readings()).extracting(x -> x.target().id()).containsExactly("discovered-test");
    assertThat(r.findings()).isEmpty();
    assertThat(r.objectCount()).isEqualTo(3);
    assertThat(r.fileCount()).isEqualTo(1);
  }

  @Test
  void parse_findings_are_in_the_report_and_suppressible_on_their_object() {
    Manifests m =
        Manifests.parse(
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels: {x: \"${X}\"}\n---\n"
                + "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n  labels: {x: \"${X}\"}\n"
                + "  annotations: {wsingress.dev/ignore: CORE-YAML-PLACEHOLDER}\n",
            "p.yaml");
    assertThat(found(Doctor.with().check(m))).containsExactly("WARNING CORE-YAML-PLACEHOLDER 5:15");
  }

  @Test
  void targets_judge_every_targets_routes_after_all_have_read() {
    Manifests m = fixture("ws-no-affinity.fail");
    // The judge reads before the stand-in reader in target order, and still sees its route.
    Report r = Doctor.with(new StandInJudge(false), StandInReader.target()).check(m);
    assertThat(r.findings("TEST-JUDGED"))
        .extracting(Finding::toString)
        .containsExactly(
            "doctor/ws-no-affinity.fail.yaml:14:13: INFO TEST-JUDGED Ingress default/chat: 1"
                + " route(s), this one a WebSocket route from test-reader. Hint: Nothing.");

    Report failing = Doctor.with(new StandInJudge(true), StandInReader.target()).check(m);
    assertThat(failing.findings("TEST-JUDGED")).isEmpty();
    assertThat(failing.findings("CORE-READER-FAILED"))
        .extracting(Finding::message)
        .containsExactly(
            "the judging stand-in reader failed: IllegalStateException: Target.judge(...)"
                + " reports findings only: add routes in Target.read(...).");
    assertThat(failing.routes()).hasSize(1);
  }

  @Test
  void theDoctorsReadingKeepsNoNotCarriedFindingsButStillChecksTheirArguments() {
    Manifests in =
        Manifests.parse(
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n  namespace: prod\n",
            "cm.yaml");
    Target notCarrying = new StandInNotCarrying(false);
    assertThat(Reading.of(notCarrying, in).notCarried())
        .extracting(f -> f.code() + " " + f.subject() + ": " + f.message())
        .containsExactly(
            "CORE-IMPORT-NOT-CARRIED ConfigMap prod/cm: the field data is not carried: it is"
                + " made up.");
    assertThat(Reading.of(notCarrying, in, false).notCarried()).isEmpty();
    assertThat(Doctor.with(notCarrying).check(in).findings()).isEmpty();
    assertThat(Doctor.with(new StandInNotCarrying(true)).check(in).findings())
        .extracting(Finding::message)
        .containsExactly("the not-carrying stand-in reader failed: NullPointerException: why.");
  }

  /** A target that reports one not-carried field per object (with a null reason, if asked). */
  static final class StandInNotCarrying extends RendersNothing {
    private final boolean nullWhy;

    StandInNotCarrying(boolean nullWhy) {
      super("not-carrying", "not-carrying stand-in");
      this.nullWhy = nullWhy;
    }

    @Override
    public void read(Manifests in, Reading out) {
      for (Manifest m : in.objects()) {
        out.notCarried(m, "the field data", m.source(), nullWhy ? null : "it is made up");
      }
    }
  }

  /** A target that judges the routes others read (and, if asked, tries to add one). */
  static final class StandInJudge extends RendersNothing {
    private final boolean addRoute;

    StandInJudge(boolean addRoute) {
      super("a-judge", "judging stand-in");
      this.addRoute = addRoute;
    }

    enum Check implements FindingKind {
      JUDGED;

      @Override
      public String prefix() {
        return "TEST";
      }

      @Override
      public Severity severity() {
        return Severity.INFO;
      }

      @Override
      public String hint() {
        return "Nothing.";
      }
    }

    @Override
    public void judge(Manifests in, List<ServedRoute> routes, Reading out) {
      for (ServedRoute r : routes) {
        if (addRoute) {
          out.add(r);
        }
        out.report(
            r.object(),
            Check.JUDGED,
            r.source(),
            routes.size()
                + " route(s), this one a "
                + (r.isWebSocket() ? "WebSocket" : "plain")
                + " route from "
                + r.targetId()
                + ".");
      }
    }
  }

  /** A target whose reader fails. */
  static final class StandInFailing extends RendersNothing {
    StandInFailing() {
      super("failing", "failing stand-in");
    }

    @Override
    public void read(Manifests in, Reading out) {
      throw new IllegalStateException("boom");
    }
  }
}
