package dev.wsingress;

import java.util.List;
import org.immutables.value.Value;

/**
 * TLS termination at the edge with a certificate from a Secret. Plain HTTP is redirected to HTTPS
 * unless {@link #redirect(boolean) redirect(false)}.
 *
 * <pre>{@code
 * .tls(Tls.secret("websocket-tls"))                       // every host of the app
 * .tls(Tls.secret("websocket-tls").hosts("ws.example.com").redirect(false))
 * }</pre>
 */
@Value.Immutable
public abstract class Tls {
  Tls() {}

  /** A TLS section using the certificate in the named {@code kubernetes.io/tls} Secret. */
  public static Tls secret(String secretName) {
    return ImmutableTls.builder().secretName(secretName).build();
  }

  /** The Secret holding the certificate and key. */
  public abstract String secretName();

  /** The hosts the certificate covers; empty means every host of the app. */
  public abstract List<String> hosts();

  /** Whether plain HTTP requests are redirected to HTTPS; true by default. */
  @Value.Default
  public boolean redirect() {
    return true;
  }

  /** The cert-manager ACME issuer that obtains the certificate, if any. */
  public abstract java.util.Optional<AcmeIssuer> issuer();

  /** Has cert-manager obtain the certificate from this ACME issuer (platform kit). */
  public Tls issuedBy(AcmeIssuer issuer) {
    return ImmutableTls.copyOf(this).withIssuer(java.util.Optional.ofNullable(issuer));
  }

  /** Restricts the certificate to these hosts (each must be one of the app's hosts). */
  public Tls hosts(String... hosts) {
    return ImmutableTls.builder().from(this).hosts(Cors.list(hosts)).build();
  }

  /** Turns the HTTP to HTTPS redirect on or off. */
  public Tls redirect(boolean redirect) {
    return ImmutableTls.copyOf(this).withRedirect(redirect);
  }
}
