package dev.wsingress.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A kube-apiserver on loopback, started and stopped with {@code scripts/kube-apiserver.sh}, and a
 * minimal client for it: JSON over the JDK's HttpClient, bearer token, and TLS verified against the
 * server's own self-signed certificate (never skip-verify, even on loopback).
 */
final class KubeApiServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  /** Where a resource lives on the server, from its discovery document. */
  record ResourceType(String apiVersion, String kind, String plural, boolean namespaced) {}

  /** The server's answer: HTTP status and the JSON body (a Status object on failure). */
  record Response(int status, JsonNode body) {
    /** The server's message of a Status body, or the body itself. */
    String message() {
      return body.path("message").isTextual() ? body.path("message").asText() : body.toString();
    }
  }

  private final Path script;
  private final Map<String, String> environment;
  private final URI url;
  private final String token;
  private final HttpClient http;
  private final Map<String, Map<String, ResourceType>> discovery = new ConcurrentHashMap<>();

  private KubeApiServer(Path script, Map<String, String> environment, Path envFile)
      throws IOException, GeneralSecurityException {
    this.script = script;
    this.environment = environment;
    Properties env = new Properties();
    try (InputStream in = Files.newInputStream(envFile)) {
      env.load(in);
    }
    this.url = URI.create(env.getProperty("KUBE_URL"));
    this.token = env.getProperty("KUBE_TOKEN");
    this.http =
        HttpClient.newBuilder()
            .sslContext(trusting(envFile.resolveSibling("certs").resolve("apiserver.crt")))
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  /**
   * Starts etcd and kube-apiserver with their state under {@code runDir}; fails with the script's
   * message when the binary has not been built ({@code scripts/kube-apiserver.sh build}).
   */
  static KubeApiServer start(Path repositoryRoot, Path runDir) {
    Path script = repositoryRoot.resolve("scripts/kube-apiserver.sh");
    Map<String, String> environment = Map.of("WSINGRESS_APISERVER_RUN", runDir.toString());
    run(script, environment, "start");
    try {
      return new KubeApiServer(script, environment, runDir.resolve("env"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot trust the server certificate in " + runDir, e);
    }
  }

  private static void run(Path script, Map<String, String> environment, String command) {
    // The script's log goes through System.out so surefire keeps it in the test output (a child
    // writing to the inherited file descriptors would corrupt surefire's channel).
    ProcessBuilder builder =
        new ProcessBuilder(script.toString(), command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    try {
      Process process = builder.start();
      String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int exit = process.waitFor();
      System.out.print(log);
      if (exit != 0) {
        throw new IllegalStateException(
            script + " " + command + " failed with exit code " + exit + ":\n" + log);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + script + " " + command, e);
    }
  }

  private static SSLContext trusting(Path certificates)
      throws IOException, GeneralSecurityException {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(certificates)) {
      int i = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        trust.setCertificateEntry("apiserver-" + i++, c);
      }
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }

  /** Sends a request; {@code body} may be null. */
  Response send(String method, String path, JsonNode body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url.resolve(path))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      String text = response.body();
      JsonNode json =
          text == null || text.isBlank()
              ? MissingNode.getInstance()
              : text.startsWith("{") ? JSON.readTree(text) : JSON.getNodeFactory().textNode(text);
      return new Response(response.statusCode(), json);
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + method + " " + path, e);
    }
  }

  /**
   * The resource type of {@code kind} in {@code apiVersion} as this server serves it, from the
   * discovery document ({@code /api/v1} or {@code /apis/<group>/<version>}); empty when the server
   * does not serve that version or kind. Discovery is cached per version once it has the kind, so a
   * CRD installed later is still found.
   */
  Optional<ResourceType> resourceType(String apiVersion, String kind) {
    Map<String, ResourceType> kinds = discovery.get(apiVersion);
    if (kinds == null || !kinds.containsKey(kind)) {
      kinds = discover(apiVersion);
      if (!kinds.isEmpty()) {
        discovery.put(apiVersion, kinds);
      }
    }
    return Optional.ofNullable(kinds.get(kind));
  }

  private Map<String, ResourceType> discover(String apiVersion) {
    Response r = send("GET", basePath(apiVersion), null);
    Map<String, ResourceType> kinds = new HashMap<>();
    if (r.status() != 200) {
      return kinds;
    }
    for (JsonNode resource : r.body().path("resources")) {
      String plural = resource.path("name").asText();
      if (!plural.contains("/")) { // sub-resources such as deployments/scale
        String kind = resource.path("kind").asText();
        kinds.put(
            kind,
            new ResourceType(apiVersion, kind, plural, resource.path("namespaced").asBoolean()));
      }
    }
    return kinds;
  }

  static String basePath(String apiVersion) {
    return apiVersion.contains("/") ? "/apis/" + apiVersion : "/api/" + apiVersion;
  }

  /** The collection path of {@code type} in {@code namespace} (ignored for cluster scope). */
  static String collectionPath(ResourceType type, String namespace) {
    return basePath(type.apiVersion())
        + (type.namespaced() ? "/namespaces/" + namespace : "")
        + "/"
        + type.plural();
  }

  /** Creates a namespace for real (the dry-run needs it to exist); already there is fine. */
  void ensureNamespace(String name) {
    ObjectNode ns = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Namespace");
    ns.putObject("metadata").put("name", name);
    Response r = send("POST", "/api/v1/namespaces", ns);
    if (r.status() != 201 && r.status() != 409) {
      throw new IllegalStateException("cannot create namespace " + name + ": " + r.message());
    }
  }

  /** Stops etcd and kube-apiserver. */
  @Override
  public void close() {
    run(script, environment, "stop");
  }
}
