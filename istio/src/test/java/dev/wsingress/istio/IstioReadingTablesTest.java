package dev.wsingress.istio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The name and protocol rules the reader applies, each as istio/istio 1.30.3 states it. */
class IstioReadingTablesTest {

  @ParameterizedTest
  @CsvSource({
    // pilot/pkg/model/config.go resolveGatewayName
    "public, chat, chat/public",
    "istio-system/public, chat, istio-system/public",
    "./public, chat, chat/public",
    "public.istio-system.svc.cluster.local, chat, istio-system/public",
    "public.istio-system, chat, istio-system/public"
  })
  void gateway_names_resolve_as_istio_resolves_them(String ref, String ns, String resolved) {
    assertThat(GatewayReader.resolve(ref, ns)).isEqualTo(resolved);
  }

  @ParameterizedTest
  @CsvSource({
    // pilot/pkg/model/config.go ResolveShortnameToFQDN: only names without a dot get the namespace
    "chat, default, chat.default.svc.cluster.local, default/chat",
    "chat.default.svc.cluster.local, other, chat.default.svc.cluster.local, default/chat",
    "chat.default, other, chat.default, -",
    "chat.default.svc, other, chat.default.svc, -",
    "api.example.com, default, api.example.com, -",
    "*, default, *, -",
    "*.default.svc.cluster.local, default, *.default.svc.cluster.local, -"
  })
  void hosts_resolve_as_istio_resolves_them(String host, String ns, String fqdn, String service) {
    assertThat(Backends.resolve(host, ns)).isEqualTo(fqdn);
    String[] s = Backends.serviceOf(fqdn);
    assertThat(s == null ? "-" : s[0] + "/" + s[1]).isEqualTo(service);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // pkg/config/kube/conversion.go ConvertProtocol, pkg/config/protocol/instance.go
        "{\"name\":\"http-ws\",\"port\":8080}|HTTP|HTTP",
        "{\"name\":\"HTTP2-ws\",\"port\":8080}|HTTP2|HTTP2",
        "{\"name\":\"grpc-web-x\",\"port\":8080}|GRPC-Web|HTTP2",
        "{\"name\":\"grpc\",\"port\":8080}|GRPC|HTTP2",
        "{\"name\":\"tcp-ws\",\"port\":8080}|TCP|TCP",
        "{\"name\":\"tcp-ws\",\"port\":8080,\"appProtocol\":\"kubernetes.io/ws\"}|HTTP|HTTP",
        "{\"name\":\"http-ws\",\"port\":8080,\"appProtocol\":\"kubernetes.io/h2c\"}|HTTP2|HTTP2",
        "{\"name\":\"https\",\"port\":8443}|HTTPS|TCP",
        "{\"name\":\"x\",\"port\":8443,\"appProtocol\":\"kubernetes.io/wss\"}|HTTPS|TCP",
        "{\"name\":\"websocket\",\"port\":8080}|UnsupportedProtocol|SNIFFED",
        "{\"port\":8080}|UnsupportedProtocol|SNIFFED",
        "{\"port\":3306}|TCP|TCP",
        "{\"name\":\"http\",\"port\":53,\"protocol\":\"UDP\"}|UDP|UDP",
        "{\"name\":\"ws\",\"port\":80,\"appProtocol\":\"websocket\"}|UnsupportedProtocol|SNIFFED"
      })
  void port_protocols_follow_istios_table(String port, String protocol, String kind)
      throws Exception {
    JsonNode p = new ObjectMapper().readTree(port);
    assertThat(PortProtocols.protocol(p)).isEqualTo(protocol);
    assertThat(PortProtocols.kind(protocol)).hasToString(kind);
  }

  @ParameterizedTest
  @CsvSource({"3600s, 3600s", "1h, 3600s", "1.5s, 1.5s", "300ms, 0.3s"})
  void durations_show_as_istio_writes_them(String in, String shown) {
    Duration d = ProtoDuration.parse(in);
    assertThat(ProtoDuration.show(d)).isEqualTo(shown);
  }

  @ParameterizedTest
  @CsvSource({
    "*, chat.example.com, true",
    "*.example.com, chat.example.com, true",
    "*.example.com, example.com, false",
    "chat.example.com, *.example.com, true",
    "chat.example.com, Chat.Example.com, false",
    "*.example.com, *.chat.example.com, true",
    "*, *.example.com, true",
    "chat.example.org, chat.example.com, false"
  })
  void gateway_hosts_match_both_ways_as_istio_matches_them(String a, String b, boolean match) {
    assertThat(GatewayReader.matches(a, b)).isEqualTo(match);
  }

  @ParameterizedTest
  @CsvSource({
    "timout, timeout",
    "retires, retries",
    "Timeout, timeout",
    "circuitBreaker, -",
    "x, -"
  })
  void unknown_fields_get_the_nearest_field_name(String key, String expected) throws Exception {
    JsonNode props =
        new ObjectMapper().readTree("{\"timeout\":{},\"retries\":{},\"route\":{},\"match\":{}}");
    String got = CrdSchema.nearest(key, props);
    assertThat(got == null ? "-" : got).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"/ws, /ws, /ws/", "'', /, /", "/a/b, /a/b, /a/b/"})
  void a_prefix_rewrite_is_written_as_a_pair_and_read_back_from_it(
      String to, String exact, String prefix) {
    assertThat(HttpRoutes.rewritePair(to)).containsExactly(exact, prefix);
    assertThat(HttpRoutes.rewriteOfPair(exact, prefix)).contains(to.isEmpty() ? "/" : to);
  }

  @ParameterizedTest
  @CsvSource({"/ws, /ws", "/ws/, /ws", "/ws, /x/", "/ws, "})
  void entries_whose_rewrites_are_no_pair_are_not_one_route(String exact, String prefix) {
    assertThat(HttpRoutes.rewriteOfPair(exact, prefix)).isNull();
  }

  @ParameterizedTest
  @CsvSource({"https://*.example.com", "http://*.a.example.com:8080", "wss://*.x"})
  void a_wildcard_origin_is_written_as_a_regex_and_read_back_from_it(String origin) {
    String regex = VirtualServices.originRegex(origin);
    assertThat(java.util.regex.Pattern.matches(regex, origin.replace("*", "app"))).isTrue();
    assertThat(VirtualServices.originOf(regex)).isEqualTo(origin);
    assertThat(VirtualServices.originOf("https://.*\\.example\\.com")).isNull();
  }
}
