package dev.wsingress.nginx;

import java.util.Map;

/**
 * Why the converter does not carry an ingress-nginx annotation into the spec: what wsingress does
 * not model yet, by the annotation's group (annotations-risk.md), for the annotations {@link
 * IngressAnnotations.Known#carried()} leaves out. The README lists the same.
 */
final class NotCarried {
  private NotCarried() {}

  private static final Map<String, String> BY_GROUP =
      Map.ofEntries(
          Map.entry("Aliases", "the spec's hosts are its own; add the alias as a host of the app"),
          Map.entry("Allowlist", "the spec has no client address filter"),
          Map.entry("Denylist", "the spec has no client address filter"),
          Map.entry("BasicDigestAuth", "the spec has no authentication"),
          Map.entry("ExternalAuth", "the spec has no authentication"),
          Map.entry("CertificateAuth", "the spec has no client certificate authentication"),
          Map.entry("EnableGlobalAuth", "the spec has no authentication"),
          Map.entry("Satisfy", "the spec has no authentication"),
          Map.entry("Canary", "the spec has no canary or traffic split"),
          Map.entry("ClientBodyBufferSize", "the spec has no buffer sizes"),
          Map.entry("ConfigurationSnippet", "the spec has no raw configuration"),
          Map.entry("ServerSnippet", "the spec has no raw configuration"),
          Map.entry("StreamSnippet", "the spec has no raw configuration"),
          Map.entry(
              "Connection",
              "the spec does not replace the Connection header (its WebSocket routes send"
                  + " Connection: upgrade)"),
          Map.entry("CustomHTTPErrors", "the spec has no error pages"),
          Map.entry("CustomHeaders", "the spec adds no headers"),
          Map.entry("DefaultBackend", "the spec has no default backend"),
          Map.entry("DisableProxyInterceptErrors", "the spec has no error pages"),
          Map.entry("FastCGI", "the spec's backends speak HTTP"),
          Map.entry("HTTP2PushPreload", "the spec has no HTTP/2 push"),
          Map.entry("LoadBalancing", "each target keeps its own load balancing"),
          Map.entry("Logs", "the spec has no logging settings"),
          Map.entry("Mirror", "the spec has no traffic mirroring"),
          Map.entry("ModSecurity", "the spec has no web application firewall"),
          Map.entry("Opentelemetry", "the spec has no tracing settings"),
          Map.entry(
              "Proxy",
              "the spec has no body size limit, buffer sizes, retries or cookie and redirect"
                  + " rewriting"),
          Map.entry("ProxySSL", "the spec has no TLS cipher or protocol settings for backends"),
          Map.entry("RateLimit", "the spec's rate limit counts handshakes per client"),
          Map.entry("Redirect", "the spec has no redirects other than HTTP to HTTPS"),
          Map.entry("Rewrite", "the spec has no app root or trailing-slash rules"),
          Map.entry("SSLCipher", "the spec has no TLS cipher settings"),
          Map.entry("SSLPassthrough", "the spec terminates TLS at the edge"),
          Map.entry("ServiceUpstream", "each target decides how it reaches the pods"),
          Map.entry(
              "SessionAffinity",
              "the spec's cookie has a name, max age, path, Secure and SameSite, and the balanced"
                  + " or persistent mode"),
          Map.entry(
              "UpstreamHashBy",
              "the spec's sticky sessions hash the client address or one request header"),
          Map.entry("UpstreamVhost", "the spec does not rewrite the Host header"),
          Map.entry("UsePortInRedirects", "the spec has no redirect settings"),
          Map.entry("XForwardedPrefix", "the spec does not add an X-Forwarded-Prefix header"));

  /** Why the converter does not carry {@code k}. */
  static String why(IngressAnnotations.Known k) {
    return BY_GROUP.getOrDefault(k.group(), "wsingress does not model it yet");
  }
}
