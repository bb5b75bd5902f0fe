package dev.wsingress;

import org.immutables.value.Value;

/**
 * A cert-manager ACME ClusterIssuer for the app's TLS certificate, solving HTTP-01 challenges
 * through an Ingress class. HTTP-01 cannot issue wildcard names, so a wildcard TLS host with this
 * issuer is refused at {@code build()}.
 *
 * <pre>{@code
 * .tls(Tls.secret("websocket-tls")
 *     .issuedBy(AcmeIssuer.letsEncrypt("ops@example.com").http01("nginx")))
 * }</pre>
 */
@Value.Immutable
public abstract class AcmeIssuer {
  AcmeIssuer() {}

  /** Let's Encrypt production. */
  public static final String LETS_ENCRYPT = "https://acme-v02.api.letsencrypt.org/directory";

  /** Let's Encrypt staging (untrusted certificates, generous rate limits). */
  public static final String LETS_ENCRYPT_STAGING =
      "https://acme-staging-v02.api.letsencrypt.org/directory";

  /** A ClusterIssuer {@code letsencrypt-prod} for Let's Encrypt production. */
  public static AcmeIssuer letsEncrypt(String email) {
    return ImmutableAcmeIssuer.builder()
        .name("letsencrypt-prod")
        .email(email)
        .server(LETS_ENCRYPT)
        .build();
  }

  /** The ClusterIssuer's name. */
  public abstract String name();

  /** The account e-mail address. */
  public abstract String email();

  /** The ACME directory URL. */
  public abstract String server();

  /** The IngressClass that serves HTTP-01 challenges ({@code http01.ingress.ingressClassName}). */
  @Value.Default
  public String http01IngressClass() {
    return "";
  }

  /** Renames the ClusterIssuer. */
  public AcmeIssuer name(String name) {
    return ImmutableAcmeIssuer.copyOf(this).withName(name);
  }

  /** Uses Let's Encrypt staging instead of production ({@code letsencrypt-staging}). */
  public AcmeIssuer staging() {
    return ImmutableAcmeIssuer.copyOf(this)
        .withServer(LETS_ENCRYPT_STAGING)
        .withName("letsencrypt-staging");
  }

  /** Solves HTTP-01 challenges through this IngressClass (the recommended field). */
  public AcmeIssuer http01(String ingressClassName) {
    return ImmutableAcmeIssuer.copyOf(this).withHttp01IngressClass(ingressClassName);
  }
}
