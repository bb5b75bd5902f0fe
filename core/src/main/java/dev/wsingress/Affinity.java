package dev.wsingress;

/**
 * How a client is kept on the same backend pod across connections (sticky sessions). The three
 * kinds are mutually exclusive: a controller that hashes by client address ignores its hash as soon
 * as a cookie is configured (ingress-nginx's balancer picks the sticky cookie first), so the spec
 * accepts one kind only.
 *
 * <pre>{@code
 * .stickySessions(Affinity.cookie("ws-server").maxAge(Duration.ofDays(1)))
 * .stickySessions(Affinity.clientIp())
 * .stickySessions(Affinity.header("X-Session-Id"))
 * }</pre>
 */
public sealed interface Affinity permits CookieAffinity, ClientIpAffinity, HeaderAffinity {

  /** A cookie the proxy sets on the first response and routes by afterwards. */
  static CookieAffinity cookie(String name) {
    return ImmutableCookieAffinity.builder().name(name).build();
  }

  /** A consistent hash of the client's IP address. */
  static ClientIpAffinity clientIp() {
    return ImmutableClientIpAffinity.builder().build();
  }

  /** A consistent hash of a request header sent by the client, such as a session id. */
  static HeaderAffinity header(String headerName) {
    return ImmutableHeaderAffinity.builder().header(headerName).build();
  }

  /** The kind's name as used in field paths and messages: cookie, clientIp or header. */
  String kind();
}
