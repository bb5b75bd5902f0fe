package dev.wsingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WebSocketAppTest {

  private static WebSocketApp.Builder valid() {
    return WebSocketApp.on("ws.example.com").service("websocket-service", 8080);
  }

  @Test
  void defaults_are_safe_for_websockets() {
    WebSocketApp app = valid().build();

    assertThat(app.hosts()).containsExactly("ws.example.com");
    assertThat(app.name()).isEqualTo("websocket-service");
    assertThat(app.namespace()).isEqualTo("default");
    assertThat(app.labels())
        .containsExactly(Map.entry("app.kubernetes.io/name", "websocket-service"));
    assertThat(app.routes())
        .extracting(Route::path, Route::match)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("/", Route.Match.PREFIX));
    assertThat(app.idleTimeout()).isEqualTo(Duration.ofHours(1));
    assertThat(app.readTimeout()).isEqualTo(Duration.ofHours(1));
    assertThat(app.sendTimeout()).isEqualTo(Duration.ofHours(1));
    assertThat(app.connectTimeout()).isEmpty();
    assertThat(app.responseBuffering()).isFalse();
    assertThat(app.requestBuffering()).isFalse();
    assertThat(app.backendProtocol()).isEqualTo(BackendProtocol.HTTP);
    assertThat(app.affinity()).isEmpty();
    assertThat(app.tls()).isEmpty();
    assertThat(app.tlsHosts()).isEmpty();
    assertThat(app.objectLabels())
        .containsExactly(
            Map.entry("app.kubernetes.io/managed-by", "wsingress"),
            Map.entry("app.kubernetes.io/name", "websocket-service"));
  }

  @Test
  void every_setting_is_kept() {
    WebSocketApp app =
        WebSocketApp.on("ws.example.com")
            .alsoOn("*.ws.example.com")
            .name("chat")
            .namespace("realtime")
            .label("app", "websocket")
            .path("/ws")
            .exactPath("/socket")
            .service("websocket-service", "http-ws")
            .timeout(600)
            .readTimeout(Duration.ofMinutes(20))
            .sendTimeout(Duration.ofMinutes(15))
            .connectTimeout(Duration.ofSeconds(10))
            .stickySessions(
                Affinity.cookie("ws-server")
                    .maxAge(Duration.ofDays(1))
                    .path("/")
                    .secure(true)
                    .httpOnly(true)
                    .sameSite(SameSite.NONE)
                    .persistent())
            .tls(Tls.secret("websocket-tls").hosts("ws.example.com").redirect(false))
            .rateLimit(RateLimit.handshakesPerMinute(100).burst(20))
            .maxConnectionsPerClient(100)
            .cors(
                Cors.allowOrigins("https://app.example.com")
                    .allowMethods("GET", "POST")
                    .allowHeaders("Authorization")
                    .exposeHeaders("X-Request-Id")
                    .allowCredentials(true)
                    .maxAge(Duration.ofHours(1)))
            .responseBuffering(true)
            .requestBuffering(true)
            .backendProtocol(BackendProtocol.HTTPS)
            .backendCaSecret("backend-ca")
            .healthCheck(
                HealthCheck.http("/health").interval(Duration.ofSeconds(5)).rise(2).fall(3))
            .build();

    assertThat(app.hosts()).containsExactly("ws.example.com", "*.ws.example.com");
    assertThat(app.name()).isEqualTo("chat");
    assertThat(app.namespace()).isEqualTo("realtime");
    assertThat(app.labels()).containsExactly(Map.entry("app", "websocket"));
    assertThat(app.routes()).extracting(Route::path).containsExactly("/ws", "/socket");
    assertThat(app.routes())
        .extracting(Route::match)
        .containsExactly(Route.Match.PREFIX, Route.Match.EXACT);
    assertThat(app.servicePort()).isEmpty();
    assertThat(app.servicePortName()).contains("http-ws");
    assertThat(app.idleTimeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(app.readTimeout()).isEqualTo(Duration.ofMinutes(20));
    assertThat(app.sendTimeout()).isEqualTo(Duration.ofMinutes(15));
    assertThat(app.connectTimeout()).contains(Duration.ofSeconds(10));
    CookieAffinity cookie = (CookieAffinity) app.affinity().orElseThrow();
    assertThat(cookie.name()).isEqualTo("ws-server");
    assertThat(cookie.maxAge()).contains(Duration.ofDays(1));
    assertThat(cookie.path()).contains("/");
    assertThat(cookie.secure()).contains(true);
    assertThat(cookie.httpOnly()).isTrue();
    assertThat(cookie.sameSite()).contains(SameSite.NONE);
    assertThat(cookie.mode()).isEqualTo(AffinityMode.PERSISTENT);
    assertThat(app.tlsHosts()).containsExactly("ws.example.com");
    assertThat(app.tls().orElseThrow().redirect()).isFalse();
    assertThat(app.rateLimit().orElseThrow().period()).isEqualTo(RateLimit.Period.MINUTE);
    assertThat(app.rateLimit().orElseThrow().burst()).hasValue(20);
    assertThat(app.maxConnectionsPerClient()).hasValue(100);
    Cors cors = app.cors().orElseThrow();
    assertThat(cors.origins()).containsExactly("https://app.example.com");
    assertThat(cors.methods()).containsExactly("GET", "POST");
    assertThat(cors.headers()).containsExactly("Authorization");
    assertThat(cors.exposedHeaders()).containsExactly("X-Request-Id");
    assertThat(cors.credentials()).isTrue();
    assertThat(cors.maxAge()).contains(Duration.ofHours(1));
    assertThat(app.responseBuffering()).isTrue();
    assertThat(app.requestBuffering()).isTrue();
    assertThat(app.backendCaSecret()).contains("backend-ca");
    assertThat(app.healthCheck().orElseThrow().rise()).hasValue(2);
    assertThat(app.toBuilder().build()).isEqualTo(app);
  }

  @Test
  void to_builder_derives_a_changed_copy_and_leaves_the_original() {
    WebSocketApp app = valid().timeout(100).build();

    WebSocketApp changed = app.toBuilder().timeout(200).build();

    assertThat(app.idleTimeout()).isEqualTo(Duration.ofSeconds(100));
    assertThat(changed.idleTimeout()).isEqualTo(Duration.ofSeconds(200));
    assertThat(changed.readTimeout()).isEqualTo(Duration.ofSeconds(200));
  }

  @Test
  void the_last_affinity_of_one_kind_wins_and_null_clears_it() {
    assertThat(
            valid()
                .stickySessions(Affinity.cookie("a"))
                .stickySessions(Affinity.cookie("b"))
                .build()
                .affinity())
        .get()
        .extracting(a -> ((CookieAffinity) a).name())
        .isEqualTo("b");
    assertThat(valid().stickySessions(Affinity.clientIp()).stickySessions(null).build().affinity())
        .isEmpty();
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        bad(
            "uppercase host",
            b -> WebSocketApp.on("WS.Example.com").service("s", 80),
            "hosts[0] = \"WS.Example.com\": "
                + SpecRules.HOSTNAME_RULE
                + ". Fix: write it in lower case: \"ws.example.com\"."),
        bad(
            "host with a control character",
            b -> WebSocketApp.on("ws.example.com\u0000").service("s", 80),
            "hosts[0] = \"ws.example.com\\u0000\": "
                + SpecRules.HOSTNAME_RULE
                + ". Fix: remove the whitespace and control characters."),
        bad(
            "IP address host",
            b -> WebSocketApp.on("10.0.0.1").service("s", 80),
            "hosts[0] = \"10.0.0.1\": "
                + SpecRules.HOSTNAME_RULE
                + ". Fix: use a DNS name; Ingress and Gateway API hosts cannot be IP addresses."),
        bad(
            "inner wildcard",
            b -> WebSocketApp.on("ws.*.example.com").service("s", 80),
            "hosts[0] = \"ws.*.example.com\": "
                + SpecRules.HOSTNAME_RULE
                + ". Fix: use a wildcard only as the whole first label, as in \"*.example.com\"."),
        bad(
            "host with a quote",
            b -> WebSocketApp.on("ws\".example.com").service("s", 80),
            "hosts[0] = \"ws\\\".example.com\": "
                + SpecRules.HOSTNAME_RULE
                + ". Fix: use only a-z, 0-9, '-' and '.', with labels of 1 to 63 characters."),
        bad(
            "duplicate host",
            b -> b.alsoOn("ws.example.com"),
            "hosts[1] = \"ws.example.com\": must not repeat another host. Fix: remove the"
                + " duplicate."),
        bad(
            "null host",
            b -> b.alsoOn((String) null),
            "hosts[1] = null: is required. Fix: give a hostname such as \"ws.example.com\"."),
        bad(
            "name with underscore",
            b -> b.name("chat_app"),
            "name = \"chat_app\": must be an RFC 1123 label: a-z, 0-9 and '-', starting and ending"
                + " with a letter or digit, at most 47 characters. Fix: use only a-z, 0-9 and"
                + " '-', as in \"chat-app\"."),
        bad(
            "name too long",
            b -> b.name("a".repeat(48)),
            "name = \""
                + "a".repeat(48)
                + "\": must be an RFC 1123 label: a-z, 0-9 and '-',"
                + " starting and ending with a letter or digit, at most 47 characters. Fix:"
                + " shorten it to at most 47 characters."),
        bad(
            "namespace with a semicolon",
            b -> b.namespace("default;rm"),
            "namespace = \"default;rm\": must be an RFC 1123 label: a-z, 0-9 and '-', starting"
                + " and ending with a letter or digit, at most 63 characters. Fix: use only a-z,"
                + " 0-9 and '-', as in \"default-rm\"."),
        bad(
            "label key",
            b -> b.label("bad key", "x"),
            "labels[\"bad key\"] = \"bad key\": must be a label key: an optional DNS subdomain"
                + " prefix and '/', then a name of at most 63 characters of letters, digits, '-',"
                + " '_' and '.', starting and ending with a letter or digit. Fix: use a key like"
                + " \"app\" or \"app.kubernetes.io/name\"."),
        bad(
            "label value",
            b -> b.label("app", "a{b}"),
            "labels[\"app\"] = \"a{b}\": must be a label value: at most 63 characters of letters,"
                + " digits, '-', '_' and '.', starting and ending with a letter or digit. Fix:"
                + " remove other characters."),
        bad(
            "relative path",
            b -> b.path("ws"),
            "routes[0].path = \"ws\": must be an absolute URL path of letters, digits and . _ ~ !"
                + " & + , = : @ / -, or %XX escapes. Fix: start it with '/', as in \"/ws\"."),
        bad(
            "path with a brace",
            b -> b.path("/ws{"),
            "routes[0].path = \"/ws{\": must be an absolute URL path of letters, digits and . _ ~"
                + " ! & + , = : @ / -, or %XX escapes. Fix: remove whitespace, control"
                + " characters, quotes, backticks, braces, semicolons, '#', '$', '*', '?' and"
                + " '\\'; percent-encode other characters as %XX."),
        bad(
            "path with a newline",
            b -> b.exactPath("/ws\nproxy_pass"),
            "routes[0].path = \"/ws\\nproxy_pass\": must be an absolute URL path of letters,"
                + " digits and . _ ~ ! & + , = : @ / -, or %XX escapes. Fix: remove whitespace,"
                + " control characters, quotes, backticks, braces, semicolons, '#', '$', '*', '?'"
                + " and '\\'; percent-encode other characters as %XX."),
        // Issue 19 item 3: what the API server (Ingress validation) and the HTTPRoute CRD refuse.
        bad(
            "dot segment in a path",
            b -> b.path("/a/./b"),
            "routes[0].path = \"/a/./b\": must not contain '//', '/./', '/../', '%2f' or '%2F',"
                + " nor end with '/.' or '/..': the API server refuses such Ingress paths (422)"
                + " and the HTTPRoute CRD's rules refuse them. Fix: resolve the dot segments:"
                + " \"/a/b\"."),
        bad(
            "parent segment in a path",
            b -> b.exactPath("/ws/../admin"),
            "routes[0].path = \"/ws/../admin\": must not contain '//', '/./', '/../', '%2f' or"
                + " '%2F', nor end with '/.' or '/..': the API server refuses such Ingress paths"
                + " (422) and the HTTPRoute CRD's rules refuse them. Fix: resolve the dot"
                + " segments: \"/admin\"."),
        bad(
            "path ending in a dot segment",
            b -> b.path("/ws/."),
            "routes[0].path = \"/ws/.\": must not contain '//', '/./', '/../', '%2f' or '%2F',"
                + " nor end with '/.' or '/..': the API server refuses such Ingress paths (422)"
                + " and the HTTPRoute CRD's rules refuse them. Fix: resolve the dot segments:"
                + " \"/ws/\"."),
        bad(
            "path ending in a parent segment",
            b -> b.path("/a/b/.."),
            "routes[0].path = \"/a/b/..\": must not contain '//', '/./', '/../', '%2f' or '%2F',"
                + " nor end with '/.' or '/..': the API server refuses such Ingress paths (422)"
                + " and the HTTPRoute CRD's rules refuse them. Fix: resolve the dot segments:"
                + " \"/a/\"."),
        bad(
            "encoded slash in a path",
            b -> b.healthCheck(HealthCheck.http("/a%2Fb%2fc")),
            "healthCheck.path = \"/a%2Fb%2fc\": must not contain '//', '/./', '/../', '%2f' or"
                + " '%2F', nor end with '/.' or '/..': the API server refuses such Ingress paths"
                + " (422) and the HTTPRoute CRD's rules refuse them. Fix: write '/' instead of the"
                + " encoded slash: \"/a/b/c\"."),
        bad(
            "empty segment in a cookie path",
            b -> b.stickySessions(Affinity.cookie("c").path("/a//b")),
            "stickySessions.cookie.path = \"/a//b\": must not contain '//', '/./', '/../', '%2f'"
                + " or '%2F', nor end with '/.' or '/..': the API server refuses such Ingress"
                + " paths (422) and the HTTPRoute CRD's rules refuse them. Fix: remove the empty"
                + " segment ('//'): \"/a/b\"."),
        bad(
            "encoded line break in a path",
            b -> b.path("/a%0d%0aSet-Cookie:%20x"),
            "routes[0].path = \"/a%0d%0aSet-Cookie:%20x\": must not percent-encode a control"
                + " character (%00 to %1F, %7F) or a dot segment (%2E): proxies decode them before"
                + " they match, so the path would mean something else (a NUL, a line break, '.' or"
                + " '..'). Fix: remove \"%0d\" or write the path without it."),
        bad(
            "encoded dot segment in a path",
            b -> b.path("/ws/%2e%2E/admin"),
            "routes[0].path = \"/ws/%2e%2E/admin\": must not percent-encode a control character"
                + " (%00 to %1F, %7F) or a dot segment (%2E): proxies decode them before they"
                + " match, so the path would mean something else (a NUL, a line break, '.' or"
                + " '..'). Fix: remove \"%2e%2E\" or write the path without it."),
        // Issue 19 item 6: a null solver class is a problem, not a NullPointerException.
        bad(
            "null solver class",
            b ->
                b.tls(
                    Tls.secret("tls")
                        .issuedBy(AcmeIssuer.letsEncrypt("ops@example.com").http01(null))),
            "tls.issuer.http01 = null: needs the IngressClass that serves HTTP-01 challenges."
                + " Fix: add .http01(\"nginx\") (the class of your ingress controller)."),
        // Issue 19 (hostile strings): the kubelet would expand the value.
        bad(
            "env value with a variable reference",
            b -> b.workload(Workload.image("chat:1").env("NAME", "a$(HOME)")),
            "workload.env[\"NAME\"] = \"a$(HOME)\": must not contain \"$(\" or \"$$\": the kubelet"
                + " expands $(NAME) references and turns $$ into $ in environment values, so the"
                + " pod would see other text. Fix: remove them, or set the variable in the image"
                + " instead."),
        // Issue 19 item 8: a lone surrogate does not survive YAML.
        bad(
            "env value with a lone surrogate",
            b -> b.workload(Workload.image("chat:1").env("NAME", "a\ud800b")),
            "workload.env[\"NAME\"] = \"a\\ud800b\": must be well-formed Unicode: a lone UTF-16"
                + " surrogate has no UTF-8 encoding, so it does not survive YAML. Fix: remove the"
                + " lone surrogate \\ud800 (at index 1)."),
        bad(
            "duplicate path",
            b -> b.path("/ws").path("/ws"),
            "routes[1].path = \"/ws\": must not repeat another route's path with the same match on"
                + " the app's hosts. Fix: remove the duplicate, or give one of them an exact"
                + " match."),
        bad(
            "no service",
            b -> WebSocketApp.on("ws.example.com"),
            "service = null: is required. Fix: name the backend Service and its port with"
                + " .service(\"websocket-service\", 8080)."),
        bad(
            "service name starting with a digit",
            b -> b.service("1svc", 8080),
            "service.name = \"1svc\": must be an RFC 1035 label: a-z, 0-9 and '-', starting with"
                + " a letter and ending with a letter or digit, at most 63 characters. Fix: use"
                + " only a-z, 0-9 and '-', as in \"svc\"."),
        bad(
            "port out of range",
            b -> b.service("svc", 70000),
            "service.port = 70000: must be a port number from 1 to 65535. Fix: use the"
                + " Service's port."),
        bad(
            "port name too long",
            b -> b.service("svc", "websocket-port-1"),
            "service.portName = \"websocket-port-1\": must be an IANA service name: at most 15"
                + " characters of a-z, 0-9 and '-', with at least one letter, no '--', not"
                + " starting or ending with '-'. Fix: shorten it to at most 15 characters."),
        bad(
            "null port name",
            b -> b.service("svc", (String) null),
            "service.portName = \"\": is required. Fix: give the port's name, such as"
                + " \"http-ws\"."),
        bad(
            "zero timeout",
            b -> b.timeout(0),
            "timeout = 0s: must be whole seconds from 1s to 24d. Fix: use a value in that"
                + " range."),
        bad(
            "sub-second timeout",
            b -> b.timeout(Duration.ofMillis(1500)),
            "timeout = PT1.5S: must be whole seconds from 1s to 24d. Fix: round it to whole"
                + " seconds (ingress-nginx accepts only integer seconds)."),
        bad(
            "read timeout too long",
            b -> b.readTimeout(Duration.ofDays(25)),
            "readTimeout = 25d: must be whole seconds from 1s to 24d. Fix: use a value in that"
                + " range."),
        bad(
            "negative send timeout",
            b -> b.sendTimeout(Duration.ofSeconds(-1)),
            "sendTimeout = PT-1S: must be whole seconds from 1s to 24d. Fix: use a value in that"
                + " range."),
        bad(
            "connect timeout above an hour",
            b -> b.connectTimeout(Duration.ofHours(2)),
            "connectTimeout = 2h: must be whole seconds from 1s to 1h. Fix: use a value in that"
                + " range."),
        bad(
            "two affinity kinds",
            b -> b.stickySessions(Affinity.cookie("ws")).stickySessions(Affinity.header("X-Id")),
            "stickySessions = \"cookie + header\": takes one kind of affinity: a controller that"
                + " pins by cookie ignores a client-IP or header hash (ingress-nginx picks the"
                + " cookie first), so the second kind would be dead configuration. Fix: keep one"
                + " .stickySessions(...) call."),
        bad(
            "cookie name with a semicolon",
            b -> b.stickySessions(Affinity.cookie("ws;server")),
            "stickySessions.cookie.name = \"ws;server\": must be a cookie name of at most 64"
                + " letters, digits, '_', '.' and '-', starting with a letter or digit (an RFC"
                + " 6265 token that no proxy configuration can misread). Fix: use a name like"
                + " \"ws-server\"."),
        bad(
            "null cookie name",
            b -> b.stickySessions(Affinity.cookie(null)),
            "stickySessions.cookie.name = null: is required. Fix: give a cookie name such as"
                + " \"ws-server\"."),
        bad(
            "cookie max age over 400 days",
            b -> b.stickySessions(Affinity.cookie("ws").maxAge(Duration.ofDays(401))),
            "stickySessions.cookie.maxAge = 401d: must be whole seconds from 1s to 400d. Fix: use"
                + " a value in that range."),
        bad(
            "cookie path",
            b -> b.stickySessions(Affinity.cookie("ws").path("/a b")),
            "stickySessions.cookie.path = \"/a b\": must be an absolute URL path of letters,"
                + " digits and . _ ~ ! & + , = : @ / -, or %XX escapes. Fix: remove whitespace,"
                + " control characters, quotes, backticks, braces, semicolons, '#', '$', '*', '?'"
                + " and '\\'; percent-encode other characters as %XX."),
        bad(
            "SameSite None without Secure",
            b -> b.stickySessions(Affinity.cookie("ws").sameSite(SameSite.NONE)),
            "stickySessions.cookie.sameSite = \"NONE\": requires a secure cookie: browsers reject"
                + " SameSite=None without Secure. Fix: add .secure(true), or use SameSite.LAX."),
        bad(
            "client IP timeout above a day",
            b -> b.stickySessions(Affinity.clientIp().timeout(Duration.ofDays(2))),
            "stickySessions.clientIp.timeout = 2d: must be whole seconds from 1s to 1d. Fix: use"
                + " a value in that range."),
        bad(
            "header name with a colon",
            b -> b.stickySessions(Affinity.header("X-Id:")),
            "stickySessions.header.name = \"X-Id:\": must be an HTTP header name of at most 64"
                + " letters, digits, '-' and '_', starting with a letter or digit. Fix: use a"
                + " name like \"X-Session-Id\"."),
        bad(
            "TLS secret name",
            b -> b.tls(Tls.secret("Websocket TLS")),
            "tls.secretName = \"Websocket TLS\": must be an RFC 1123 subdomain: dot-separated"
                + " labels of a-z, 0-9 and '-', at most 253 characters. Fix: use only a-z, 0-9"
                + " and '-', as in \"websocket-tls\"."),
        bad(
            "TLS host not served",
            b -> b.tls(Tls.secret("tls").hosts("other.example.com")),
            "tls.hosts[0] = \"other.example.com\": must be one of the app's hosts"
                + " [\"ws.example.com\"]. Fix: add it with .alsoOn(\"other.example.com\") or remove"
                + " it from the TLS hosts."),
        bad(
            "null TLS hosts",
            b -> b.tls(Tls.secret("tls").hosts((String[]) null)),
            "tls.hosts[0] = null: is required. Fix: give a hostname such as"
                + " \"ws.example.com\"."),
        bad(
            "zero rate",
            b -> b.rateLimit(RateLimit.handshakesPerSecond(0)),
            "rateLimit.rate = 0: must be from 1 to 1000000. Fix: use a value in that range."),
        bad(
            "zero burst",
            b -> b.rateLimit(RateLimit.handshakesPerSecond(5).burst(0)),
            "rateLimit.burst = 0: must be from 1 to 1000000. Fix: use a value in that range."),
        bad(
            "negative connection limit",
            b -> b.maxConnectionsPerClient(-1),
            "maxConnectionsPerClient = -1: must be from 1 to 1000000. Fix: use a value in that"
                + " range."),
        bad(
            "no CORS origin",
            b -> b.cors(Cors.allowOrigins()),
            "cors.origins = \"[]\": needs at least one origin. Fix: list the origins, as in"
                + " Cors.allowOrigins(\"https://app.example.com\")."),
        bad(
            "CORS origin with a path",
            b -> b.cors(Cors.allowOrigins("https://app.example.com/x")),
            "cors.origins[0] = \"https://app.example.com/x\": must be \"*\" or"
                + " scheme://host[:port] with scheme http or https, a lower-case host and no"
                + " path. Fix: write it like \"https://app.example.com\" or"
                + " \"https://*.example.com:8443\"."),
        bad(
            "CORS method in lower case",
            b -> b.cors(Cors.allowOrigins("*").allowMethods("get")),
            "cors.methods[0] = \"get\": must be a standard HTTP method: GET, HEAD, POST, PUT,"
                + " DELETE, CONNECT, OPTIONS, TRACE or PATCH. Fix: write it in upper case:"
                + " \"GET\"."),
        bad(
            "CORS method that is not standard",
            b -> b.cors(Cors.allowOrigins("*").allowMethods("PURGE")),
            "cors.methods[0] = \"PURGE\": must be a standard HTTP method: GET, HEAD, POST, PUT,"
                + " DELETE, CONNECT, OPTIONS, TRACE or PATCH. Fix: use one of those methods."),
        bad(
            "CORS header with a quote",
            b -> b.cors(Cors.allowOrigins("*").allowHeaders("X-\"A")),
            "cors.headers[0] = \"X-\\\"A\": must be an HTTP header name of at most 64 letters,"
                + " digits, '-' and '_', starting with a letter or digit. Fix: use a name like"
                + " \"X-Session-Id\"."),
        bad(
            "CORS origin with an empty label",
            b -> b.cors(Cors.allowOrigins("https://app..example.com")),
            "cors.origins[0] = \"https://app..example.com\": must be \"*\" or"
                + " scheme://host[:port] with scheme http or https, a lower-case host and no"
                + " path. Fix: write it like \"https://app.example.com\" or"
                + " \"https://*.example.com:8443\"."),
        bad(
            "CORS credentials with any origin",
            b -> b.cors(Cors.allowOrigins("*").allowCredentials(true)),
            "cors.credentials = true: cannot be combined with origin \"*\": browsers reject"
                + " credentialed responses that allow every origin. Fix: list the allowed"
                + " origins, or turn credentials off."),
        bad(
            "CA secret with an HTTP backend",
            b -> b.backendCaSecret("ca"),
            "backendCaSecret = \"ca\": applies only to an HTTPS backend. Fix: add"
                + " .backendProtocol(BackendProtocol.HTTPS) or remove the CA Secret."),
        bad(
            "null backend protocol",
            b -> b.backendProtocol(null),
            "backendProtocol = null: is required. Fix: use BackendProtocol.HTTP or HTTPS."),
        bad(
            "health path",
            b -> b.healthCheck(HealthCheck.http("health")),
            "healthCheck.path = \"health\": must be an absolute URL path of letters, digits and ."
                + " _ ~ ! & + , = : @ / -, or %XX escapes. Fix: start it with '/', as in"
                + " \"/health\"."),
        bad(
            "health rise",
            b -> b.healthCheck(HealthCheck.http("/health").rise(0)),
            "healthCheck.rise = 0: must be from 1 to 100. Fix: use a value in that range."),
        bad(
            "wildcard host with an HTTP-01 issuer",
            b ->
                b.alsoOn("*.ws.example.com")
                    .tls(
                        Tls.secret("tls")
                            .issuedBy(AcmeIssuer.letsEncrypt("ops@example.com").http01("nginx"))),
            "tls.issuer.http01 = \"*.ws.example.com\": cannot issue a wildcard name: ACME HTTP-01"
                + " challenges prove control of one host, so wildcards need DNS-01. Fix: list the"
                + " hosts without the wildcard in Tls.secret(...).hosts(...), or create a DNS-01"
                + " issuer yourself and leave issuedBy out."),
        bad(
            "issuer without a solver class",
            b -> b.tls(Tls.secret("tls").issuedBy(AcmeIssuer.letsEncrypt("ops@example.com"))),
            "tls.issuer.http01 = \"\": needs the IngressClass that serves HTTP-01 challenges."
                + " Fix: add .http01(\"nginx\") (the class of your ingress controller)."),
        bad(
            "issuer e-mail",
            b -> b.tls(Tls.secret("tls").issuedBy(AcmeIssuer.letsEncrypt("ops").http01("nginx"))),
            "tls.issuer.email = \"ops\": must be an e-mail address of at most 254 characters. Fix:"
                + " write it like \"ops@example.com\"."),
        bad(
            "image with a space",
            b -> b.workload(Workload.image("chat app:1")),
            "workload.image = \"chat app:1\": must be an image reference: lower-case"
                + " registry/path, then :tag or @digest, no whitespace or quotes, at most 255"
                + " characters. Fix: write it like \"registry.example.com/team/chat:1.4.2\"."),
        bad(
            "env name",
            b -> b.workload(Workload.image("chat:1").env("MAX-CONN", "1")),
            "workload.env[\"MAX-CONN\"] = \"MAX-CONN\": must be an environment variable name:"
                + " letters, digits and '_', not starting with a digit. Fix: use a name like"
                + " \"MAX_CONNECTIONS\"."),
        bad(
            "resource quantity",
            b -> b.workload(Workload.image("chat:1").resources("250m", "256MB", "1", "512Mi")),
            "workload.resources.memoryRequest = \"256MB\": must be a Kubernetes quantity such as"
                + " 250m or 512Mi. Fix: write CPU in cores or millicores and memory with Mi or"
                + " Gi."),
        bad(
            "autoscale bounds",
            b -> b.workload(Workload.image("chat:1").autoscale(5, 2)),
            "workload.autoscale.max = 2: must not be below the minimum 5. Fix: give a maximum of"
                + " at least 5."),
        bad(
            "connections target without autoscaling",
            b -> b.workload(Workload.image("chat:1").connectionsPerPod(1000)),
            "workload.connectionsPerPod = 1000: is an autoscaling target and needs autoscaling."
                + " Fix: add .autoscale(min, max)."),
        bad(
            "drain time",
            b -> b.workload(Workload.image("chat:1").drainTime(Duration.ZERO)),
            "workload.drainTime = 0s: must be whole seconds from 1s to 1h. Fix: use a value in"
                + " that range."),
        bad(
            "metrics port equal to the Service port",
            b -> b.workload(Workload.image("chat:1").metricsPort(8080)),
            "workload.metricsPort = 8080: must differ from the Service port 8080. Fix: serve"
                + " /metrics on a port of its own, or leave metricsPort out."),
        bad(
            "metrics port equal to the container port",
            b -> b.workload(Workload.image("chat:1").containerPort(3000).metricsPort(3000)),
            "workload.metricsPort = 3000: must differ from the container port 3000. Fix: serve"
                + " /metrics on a port of its own, or leave metricsPort out."),
        bad(
            "metrics port equal to the Service port behind another container port",
            b -> b.workload(Workload.image("chat:1").containerPort(3000).metricsPort(8080)),
            "workload.metricsPort = 8080: must differ from the Service port 8080. Fix: serve"
                + " /metrics on a port of its own, or leave metricsPort out."),
        bad(
            "egress to a null namespace",
            b -> b.workload(Workload.image("chat:1").egressToNamespace(null, 5432)),
            "workload.egress[0] = null: names neither a namespace nor a pod label. Fix: give"
                + " egressToNamespace(namespace, port) a namespace, or egressTo(key, value, port)"
                + " a label."),
        bad(
            "egress to a pod label without a value",
            b -> b.workload(Workload.image("chat:1").egressTo("app", null, 6379)),
            "workload.egress[0].labelValue = null: is required. Fix: give a value, such as"
                + " \"chat\"."),
        bad(
            "health interval",
            b -> b.healthCheck(HealthCheck.http("/health").interval(Duration.ofHours(2))),
            "healthCheck.interval = 2h: must be whole seconds from 1s to 1h. Fix: use a value in"
                + " that range."));
  }

  private static Arguments bad(
      String description, UnaryOperator<WebSocketApp.Builder> spec, String problem) {
    return Arguments.of(description, spec, problem);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void build_rejects_with_field_value_rule_and_fix(
      String description, UnaryOperator<WebSocketApp.Builder> spec, String expected) {
    WebSocketApp.Builder builder = spec.apply(valid());

    InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, builder::build);

    assertThat(e).as(description).isNotNull();
    assertThat(e.problems()).extracting(Problem::toString).containsExactly(expected);
    assertThat(e.getMessage()).isEqualTo("WebSocketApp is invalid (1 problem):\n  - " + expected);
  }

  @Test
  void the_hosts_named_in_a_tls_host_problem_are_escaped_and_cut() {
    // Issue 19 item 7: the app's hosts used to go into the message raw (control characters,
    // bidi overrides, 10,000 characters).
    String hostile = "bad\u0007\u202e" + "x".repeat(10_000);
    WebSocketApp.Builder builder =
        WebSocketApp.on("a.example.com")
            .alsoOn("b.example.com", "c.example.com", "d.example.com", "e.example.com")
            .alsoOn("f.example.com", hostile)
            .service("ws", 80)
            .tls(Tls.secret("tls").hosts("other.example.com"));

    InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, builder::build);

    assertThat(e.problems())
        .extracting(Problem::toString)
        .endsWith(
            "tls.hosts[0] = \"other.example.com\": must be one of the app's hosts"
                + " [\"a.example.com\", \"b.example.com\", \"c.example.com\", \"d.example.com\","
                + " \"e.example.com\", ... (7 in all)]. Fix: add it with"
                + " .alsoOn(\"other.example.com\") or remove it from the TLS hosts.");
    assertThat(e.getMessage()).doesNotContain("\u0007", "\u202e").hasSizeLessThan(2000);
    assertThat(SpecValidator.showAll(List.of(hostile)))
        .isEqualTo("[\"bad\\u0007\\u202e" + "x".repeat(115) + "...(10005 characters)\"]");
  }

  @Test
  void build_lists_every_problem_at_once_in_field_order() {
    WebSocketApp.Builder builder =
        WebSocketApp.on("Bad Host").name("x_y").service("svc", 0).timeout(0).path("ws");

    assertThatThrownBy(builder::build)
        .isInstanceOf(InvalidSpecException.class)
        .hasMessage(
            "WebSocketApp is invalid (5 problems):\n"
                + "  - hosts[0] = \"Bad Host\": "
                + SpecRules.HOSTNAME_RULE
                + ". Fix: remove the whitespace and control characters.\n"
                + "  - name = \"x_y\": must be an RFC 1123 label: a-z, 0-9 and '-', starting and"
                + " ending with a letter or digit, at most 47 characters. Fix: use only a-z, 0-9"
                + " and '-', as in \"x-y\".\n"
                + "  - routes[0].path = \"ws\": must be an absolute URL path of letters, digits"
                + " and . _ ~ ! & + , = : @ / -, or %XX escapes. Fix: start it with '/', as in"
                + " \"/ws\".\n"
                + "  - service.port = 0: must be a port number from 1 to 65535. Fix: use the"
                + " Service's port.\n"
                + "  - timeout = 0s: must be whole seconds from 1s to 24d. Fix: use a value in"
                + " that range.");
  }

  @Test
  void nulls_everywhere_give_problems_never_a_null_pointer_exception() {
    WebSocketApp.Builder builder =
        WebSocketApp.on(null)
            .alsoOn((String[]) null)
            .name(null)
            .namespace(null)
            .path(null)
            .exactPath(null)
            .service(null, (String) null)
            .timeout(null)
            .readTimeout(null)
            .sendTimeout(null)
            .connectTimeout(null)
            .stickySessions(Affinity.header(null))
            .tls(Tls.secret(null).hosts((String[]) null))
            .rateLimit(null)
            .cors(Cors.allowOrigins((String[]) null).allowMethods((String[]) null))
            .backendProtocol(null)
            .backendCaSecret(null)
            .healthCheck(HealthCheck.http(null).interval(null));

    InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, builder::build);

    assertThat(e.problems())
        .extracting(Problem::field)
        .containsExactly(
            "hosts[0]",
            "hosts[1]",
            "routes[0].path",
            "routes[1].path",
            "service.name",
            "service.portName",
            "stickySessions.header.name",
            "tls.secretName",
            "tls.hosts[0]",
            "cors.origins[0]",
            "cors.methods[0]",
            "backendProtocol",
            "healthCheck.path");
    assertThat(e.problems()).allSatisfy(p -> assertThat(p.rule()).isEqualTo("is required"));
  }

  @Test
  void a_metrics_port_beside_a_service_port_given_by_name_is_accepted() {
    // Regression: the port check unboxed a null service port (found by the spec-file round trip).
    WebSocketApp app =
        WebSocketApp.on("ws.example.com")
            .service("chat", "http-ws")
            .workload(Workload.image("chat:1").metricsPort(9090))
            .build();

    assertThat(app.workload().orElseThrow().metricsPort()).hasValue(9090);
  }

  @Test
  void values_in_messages_are_escaped_and_shortened() {
    assertThat(SpecRules.show("a\"b\\c\td\u007f")).isEqualTo("\"a\\\"b\\\\c\\td\\u007f\"");
    assertThat(SpecRules.show("x".repeat(130)))
        .isEqualTo("\"" + "x".repeat(120) + "...(130 characters)\"");
    assertThat(SpecRules.show(null)).isEqualTo("null");
    assertThat(SpecRules.show(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(SpecRules.show(Duration.ofMinutes(90))).isEqualTo("90m");
    assertThat(List.of(SpecRules.show(Duration.ofHours(3)), SpecRules.show(Duration.ofDays(2))))
        .containsExactly("3h", "2d");
  }
}
