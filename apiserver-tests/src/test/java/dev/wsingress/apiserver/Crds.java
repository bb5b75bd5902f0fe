package dev.wsingress.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Installs the upstream CRDs of {@code ../shared/schemas/crd-yaml} and waits until served. */
final class Crds {
  private static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

  private Crds() {}

  /**
   * Installs every CRD under {@code dir}; returns their names once all are Established. What had to
   * be adapted for the 1.20 server is added to {@code adaptations}, for the test report.
   */
  static List<String> install(KubeApiServer server, Path dir, List<String> adaptations) {
    List<String> names = new ArrayList<>();
    for (Path file : files(dir)) {
      for (JsonNode doc : Scenarios.parse(read(file))) {
        if (!"CustomResourceDefinition".equals(doc.path("kind").asText())) {
          continue;
        }
        ObjectNode crd = approved((ObjectNode) doc);
        int removed = removeEmptyStringDefaults(crd.path("spec").path("versions"));
        if (removed > 0) {
          adaptations.add(
              crd.path("metadata").path("name").asText()
                  + ": removed "
                  + removed
                  + " `default: \"\"` (kube-apiserver 1.20 reads an empty-string default as"
                  + " null and refuses the CRD; list-map keys among them made required)");
        }
        KubeApiServer.Response r = server.send("POST", CRDS, crd);
        String name = crd.path("metadata").path("name").asText();
        if (r.status() != 201 && r.status() != 409) {
          throw new IllegalStateException(
              "kube-apiserver refused CRD " + name + " from " + file + ": " + r.message());
        }
        names.add(name);
      }
    }
    for (String name : names) {
      awaitEstablished(server, name);
    }
    return names;
  }

  /**
   * Groups under {@code k8s.io} and {@code kubernetes.io} are protected: the server installs a CRD
   * there only with an {@code api-approved.kubernetes.io} annotation (KEP-1111). Upstream Gateway
   * API CRDs carry it; this adds it to any that do not, so none is silently missing.
   */
  private static ObjectNode approved(ObjectNode crd) {
    String group = crd.path("spec").path("group").asText();
    if (group.endsWith(".k8s.io") || group.endsWith(".kubernetes.io")) {
      ObjectNode annotations = crd.withObject("metadata").withObject("annotations");
      if (!annotations.has("api-approved.kubernetes.io")) {
        annotations.put("api-approved.kubernetes.io", "unapproved, test installation only");
      }
    }
    return crd;
  }

  /**
   * Removes every {@code default: ""}; returns how many. kube-apiserver 1.20 decodes an
   * empty-string default in a CRD schema as null ("must be of type string") and refuses the CRD;
   * upstream Gateway API ({@code group} of references), cert-manager and ServiceMonitor CRDs use
   * it. A list-map key losing its default must be required instead (the structural-schema rule), so
   * those keys are added to {@code required}. Without the default the server no longer fills in ""
   * for an omitted field, which means the same (the core group), so validation of the objects we
   * submit is unchanged.
   */
  private static int removeEmptyStringDefaults(JsonNode node) {
    int removed = 0;
    if (node.isObject() && node.has("x-kubernetes-list-map-keys")) {
      JsonNode items = node.path("items");
      for (JsonNode key : node.get("x-kubernetes-list-map-keys")) {
        if (isEmptyString(items.path("properties").path(key.asText()).get("default"))) {
          ((ObjectNode) items).withArray("required").add(key.asText());
        }
      }
    }
    if (node.isObject() && isEmptyString(node.get("default"))) {
      ((ObjectNode) node).remove("default");
      removed++;
    }
    for (JsonNode child : node) {
      removed += removeEmptyStringDefaults(child);
    }
    return removed;
  }

  private static boolean isEmptyString(JsonNode value) {
    return value != null && value.isTextual() && value.asText().isEmpty();
  }

  private static void awaitEstablished(KubeApiServer server, String name) {
    long deadline = System.nanoTime() + 60_000_000_000L;
    KubeApiServer.Response r;
    do {
      r = server.send("GET", CRDS + "/" + name, null);
      for (JsonNode c : r.body().path("status").path("conditions")) {
        if ("Established".equals(c.path("type").asText())
            && "True".equals(c.path("status").asText())) {
          return;
        }
      }
      sleep();
    } while (System.nanoTime() < deadline);
    throw new IllegalStateException(
        "CRD " + name + " not Established after 60 s: " + r.body().path("status"));
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for CRDs", e);
    }
  }

  private static List<Path> files(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
