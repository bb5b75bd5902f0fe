package dev.wsingress.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.testing.Readme;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's list of what wsingress does not model yet for HAProxy (issue 16) is the list the
 * reader reports: every key of {@link AnnotationCatalog} the spec does not carry, and the Backend
 * resource fields {@link BackendResources} reads.
 */
class HaProxyNotModelledDocumentedTest {

  private static String section() {
    String text = Readme.text();
    int start = text.indexOf("## HAProxy (haproxytech)");
    int list = text.indexOf("What wsingress does not model yet", start);
    int end = text.indexOf("\n## ", list);
    assertThat(start).as("the README's HAProxy section").isNotNegative();
    assertThat(list).as("its list of what wsingress does not model yet").isGreaterThan(start);
    return text.substring(list, end);
  }

  private static List<String> bullets() {
    List<String> out = new ArrayList<>();
    for (String b : section().split("\n- ")) {
      out.add(b.replace("\n", " "));
    }
    return out.subList(1, out.size());
  }

  private static TreeSet<String> names(String text) {
    TreeSet<String> names = new TreeSet<>();
    Matcher m = Pattern.compile("`([a-z0-9._-]+)`").matcher(text);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  @Test
  void the_readme_lists_every_key_the_spec_does_not_carry() {
    TreeSet<String> ingressAndService = new TreeSet<>();
    TreeSet<String> configMap = new TreeSet<>();
    for (AnnotationCatalog.Entry e : AnnotationCatalog.all()) {
      if (e.carried()) {
        continue;
      }
      if (!e.configMapOnly()) {
        ingressAndService.add(e.name());
      } else if (!KeyChecks.operational().contains(e.name())) {
        configMap.add(e.name());
      }
    }
    List<String> bullets = bullets();
    assertThat(bullets).hasSize(3);
    assertThat(names(bullets.get(0))).isEqualTo(ingressAndService);
    String cm = bullets.get(1);
    int operational = cm.indexOf("Keys that run the controller");
    assertThat(names(cm.substring(0, operational))).isEqualTo(configMap);
    assertThat(names(cm.substring(operational))).isEqualTo(new TreeSet<>(KeyChecks.operational()));
    String backend = bullets.get(2);
    assertThat(names(backend.substring(0, backend.indexOf("(for example"))))
        .isEqualTo(new TreeSet<>(BackendResources.READ));
  }
}
