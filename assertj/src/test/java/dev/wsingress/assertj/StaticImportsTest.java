package dev.wsingress.assertj;

import static dev.wsingress.assertj.WsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.testing.StandInReader;
import org.junit.jupiter.api.Test;

/**
 * WsAssertions sits beside AssertJ's Assertions as a second static import: this class compiles only
 * because no {@code assertThat} overload of one is ambiguous with the other's (which is why YAML
 * text has {@code assertThatYaml}).
 */
class StaticImportsTest {
  @Test
  void both_entry_points_in_one_test() {
    assertThat("chat.example.com").endsWith(".com");
    assertThat(Fixtures.read("chat"))
        .readBy(StandInReader.target())
        .hasRoute("chat.example.com", "/ws");
    assertThat(StandInReader.target().render(dev.wsingress.testing.SampleApps.minimal()))
        .containsObject("Ingress", "default", "websocket-service");
  }
}
