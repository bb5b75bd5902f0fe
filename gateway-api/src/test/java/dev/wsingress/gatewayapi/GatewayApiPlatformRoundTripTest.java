package dev.wsingress.gatewayapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsingress.BackendProtocol;
import dev.wsingress.WebSocketApp;
import dev.wsingress.platform.Platform;
import dev.wsingress.testing.Expressed;
import dev.wsingress.testing.RoundTrip;
import dev.wsingress.testing.Specs;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The round trip of {@link GatewayApiRoundTripTest} with the Platform kit rendered and read too:
 * the app's Service (with {@code appProtocol: kubernetes.io/ws}), its workload and certificate come
 * back through the platform's reader, so the spec's workload and, on the app's own Gateway, the
 * certificate's issuer are compared as well.
 */
class GatewayApiPlatformRoundTripTest {

  static Stream<Arguments> options() {
    return GatewayApiRoundTripTest.options()
        .filter(
            a ->
                List.of(
                        "own Gateway",
                        "default parent",
                        "Envoy Gateway, own Gateway",
                        "Envoy Gateway, existing Gateway, request timeout")
                    .contains(a.get()[0].toString()));
  }

  static Expressed withPlatform(GatewayApiRoundTripTest.Option o) {
    Expressed e = o.expressed().with("workload", Expressed::platformWorkload);
    // on the app's own Gateway its HTTPS listener holds the Secret; on another Gateway the kit's
    // Certificate for the route's hosts names it (specs() keeps TLS there only with an issuer)
    e = e.with("tls", app -> app.tls().map(t -> List.of(t.secretName(), t.redirect(), t.issuer())));
    // the readiness probe the kit renders from the health check, and the proxy's own check
    return e.names().contains("healthCheck") ? e.without("healthCheck") : e;
  }

  /**
   * {@link Specs} with a numbered Service port, without HTTPS backends that have no CA (and TLS for
   * every host), and on a Gateway that is not the app's, TLS only with an issuer and a redirect.
   */
  static Supplier<WebSocketApp> specs(long seed, boolean ownGateway, int[] outside) {
    Supplier<WebSocketApp> all = Specs.supplier(seed);
    return () -> {
      while (true) {
        WebSocketApp app = all.get();
        if (app.servicePort().isEmpty()) {
          outside[0]++;
          continue;
        }
        if (!ownGateway
            && app.tls().isPresent()
            && (app.tls().get().issuer().isEmpty() || !app.tls().get().redirect())) {
          // on a Gateway the output does not hold, only the kit's Certificate (rendered for an
          // issuer) and the redirect route (the listener the route takes) say TLS; without them
          // the converter reports it not carried (GatewayApiImportTest)
          outside[3]++;
          app = app.toBuilder().tls(null).build();
        }
        if (app.tls().isPresent()
            && !app.tls().get().hosts().isEmpty()
            && !app.tls().get().hosts().containsAll(app.hosts())) {
          // the Gateway's HTTPS listener has no hostname: its certificate serves every host of
          // the app's routes; only the kit's Certificate lists the TLS hosts, and the converter
          // takes TLS hosts from the routes (a limitation: the issuer's hosts come back as all)
          outside[2]++;
          continue;
        }
        if (app.backendProtocol() == BackendProtocol.HTTPS && app.backendCaSecret().isEmpty()) {
          // strict rendering refuses an HTTPS backend without a CA (GATEWAYAPI-BACKEND-TLS);
          // lenient rendering writes no policy and leaves the Service port without appProtocol,
          // and the gateway speaks plain HTTP to it, as to an HTTP backend
          outside[1]++;
          continue;
        }
        return app;
      }
    };
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("options")
  void random_specs_come_back_with_the_platform_kit(
      GatewayApiRoundTripTest.Option option, TestReporter report) {
    int[] outside = {0, 0, 0, 0};
    RoundTrip.Summary s =
        RoundTrip.of(option.target())
            // the Gateway API names no proxy namespace: the NetworkPolicy admits the one given
            .with(Platform.target().ingressFrom("envoy-gateway-system"))
            .expressing(withPlatform(option))
            .allowing("CORE-YAML-PLACEHOLDER")
            .allowing(option.allowed())
            .checkAll(specs(4049, option.ownGateway(), outside));
    String line =
        s
            + ", "
            + outside[0]
            + " draws by Service port name and "
            + outside[1]
            + " HTTPS backends without a CA and "
            + outside[2]
            + " certificates for some of the hosts left out, "
            + outside[3]
            + " TLS without issuer or redirect on another Gateway dropped";
    report.publishEntry("round trips", line);
    System.out.println("round trips with the Platform kit (" + option + "): " + line);
    assertThat(s).isEqualTo(new RoundTrip.Summary(RoundTrip.tries(), 0));
  }
}
