package dev.wsingress.cli;

import dev.wsingress.Source;
import dev.wsingress.WebSocketApp;
import dev.wsingress.cli.SpecFileException.Located;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The spec file format: a {@link WebSocketApp} as a YAML or JSON document, one document per app and
 * several per file, in the DSL's words.
 *
 * <pre>{@code
 * apiVersion: wsingress.dev/v1alpha1
 * kind: WebSocketApp
 * metadata:
 *   name: chat
 * spec:
 *   hosts: [chat.example.com]
 *   service: {name: chat-ws, port: 8080}
 *   routes:
 *     - path: /ws
 *     - {path: /api, kind: HTTP, to: {service: chat-api, port: 80}, requestTimeout: 30s}
 *   idleTimeout: 1h
 * }</pre>
 *
 * <p>Reading goes through {@link WebSocketApp.Builder#build()}: a spec file accepts exactly what
 * the DSL accepts, with the same rules and fixes, each problem named by the file's field ({@code
 * spec.routes[1].path}) and placed at its line. Writing is deterministic and leaves defaults out,
 * so {@code read(write(app))} equals {@code app}.
 *
 * <pre>{@code
 * List<SpecFile.Document> docs = SpecFile.read(Files.readString(path), path.toString());
 * WebSocketApp app = docs.get(0).app();
 * String text = SpecFile.write(app);
 * }</pre>
 */
public final class SpecFile {
  private SpecFile() {}

  /** The {@code apiVersion} of every spec document. */
  public static final String API_VERSION = "wsingress.dev/v1alpha1";

  /** The {@code kind} of every spec document. */
  public static final String KIND = "WebSocketApp";

  /**
   * An app read from a spec file, and where its document starts.
   *
   * @param app the app, built and valid
   * @param source the file, line and column of the document
   */
  public record Document(WebSocketApp app, Source source) {
    public Document {
      Objects.requireNonNull(app, "app");
      Objects.requireNonNull(source, "source");
    }
  }

  /**
   * Reads every document of a spec file (empty documents are skipped).
   *
   * @param text the YAML or JSON text
   * @param name the file's name, as positions show it
   * @throws SpecFileException listing every problem of every document; nothing is returned then
   */
  public static List<Document> read(String text, String name) {
    Objects.requireNonNull(text, "text");
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("name is empty: give the file's name for positions");
    }
    List<YamlTree.Document> docs;
    try {
      docs = YamlTree.parse(text, name);
    } catch (YamlTree.SyntaxException e) {
      throw new SpecFileException(sorted(e.problems()));
    }
    List<Located> problems = new ArrayList<>();
    List<Document> out = new ArrayList<>(docs.size());
    for (YamlTree.Document d : docs) {
      problems.addAll(d.problems());
      if (d.root() == null) {
        continue;
      }
      WebSocketApp app = SpecReader.read(d, problems);
      if (app != null) {
        out.add(new Document(app, d.at()));
      }
    }
    if (!problems.isEmpty()) {
      throw new SpecFileException(sorted(problems));
    }
    return List.copyOf(out);
  }

  /** Writes one app as a spec document (without a leading {@code ---}). */
  public static String write(WebSocketApp app) {
    return SpecWriter.write(Objects.requireNonNull(app, "app"));
  }

  /** Writes apps as one spec file, a document each, separated by {@code ---}. */
  public static String write(List<WebSocketApp> apps) {
    StringBuilder b = new StringBuilder();
    for (WebSocketApp app : apps) {
      if (b.length() > 0) {
        b.append("---\n");
      }
      b.append(write(app));
    }
    return b.toString();
  }

  /** The JSON Schema (draft 7) of a spec document. */
  public static String schema() {
    try (InputStream in = SpecFile.class.getResourceAsStream("wsingress-spec.schema.json")) {
      if (in == null) {
        throw new IllegalStateException("the spec schema is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Located> sorted(List<Located> problems) {
    List<Located> s = new ArrayList<>(problems);
    s.sort(SpecReader.ORDER);
    return s;
  }
}
