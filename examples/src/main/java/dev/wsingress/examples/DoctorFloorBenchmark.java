package dev.wsingress.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The floor {@link DoctorBenchmark} is measured against: the same files found the same way (a
 * recursive walk in path order) and only parsed, every document into a Jackson tree with plain
 * Jackson YAML (SnakeYAML underneath) — no positions, no typing rules, no limits, no findings.
 */
public final class DoctorFloorBenchmark {
  private DoctorFloorBenchmark() {}

  /** Parses every {@code .yaml} file under {@code args[0]}. */
  public static void main(String[] args) throws IOException {
    long start = System.nanoTime();
    ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
    List<Path> files;
    try (Stream<Path> walk = Files.walk(Path.of(args[0]))) {
      files = walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    long objects = 0;
    long nodes = 0;
    for (Path f : files) {
      try (MappingIterator<JsonNode> docs =
          mapper.readerFor(JsonNode.class).readValues(Files.readString(f))) {
        while (docs.hasNext()) {
          JsonNode doc = docs.next();
          if (doc != null && doc.isObject()) {
            objects++;
            nodes += doc.size();
          }
        }
      }
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    System.out.println(
        objects
            + " objects, "
            + files.size()
            + " files, "
            + nodes
            + " top-level fields, "
            + ms
            + " ms");
  }
}
