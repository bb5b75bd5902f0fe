package dev.wsingress.cli;

import dev.wsingress.Target;
import dev.wsingress.traefik.Traefik;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options of {@code Traefik} as flags; they apply to both forms, {@code traefik} (IngressRoute)
 * and {@code traefik-ingress} (Kubernetes Ingress).
 */
final class TraefikFlags implements TargetFlags {
  @Option(
      names = "--traefik-entry-points",
      paramLabel = "HTTP,HTTPS",
      description = "The entry points for HTTP and HTTPS (default: web,websecure).")
  String entryPoints;

  @Option(
      names = "--traefik-ingress-class",
      paramLabel = "NAME",
      description = "The IngressClass of the traefik-ingress form (default: traefik).")
  String ingressClass;

  @Option(
      names = "--traefik-circuit-breaker",
      paramLabel = "EXPRESSION",
      description =
          "Add a circuitBreaker middleware, such as 'ResponseCodeRatio(500, 600, 0,"
              + " 600) > 0.30' (on a WebSocket it acts on the handshake).")
  String circuitBreaker;

  @Option(
      names = "--traefik-client-ip-depth",
      paramLabel = "N",
      description =
          "Read the client address N hops back in X-Forwarded-For for the per-client"
              + " limits (default: 0, the connection's address).")
  Integer clientIpDepth;

  @Option(
      names = "--traefik-security-headers",
      description = "Add X-Frame-Options: SAMEORIGIN and X-Content-Type-Options: nosniff.")
  boolean securityHeaders;

  @Override
  public String targetId() {
    return "traefik";
  }

  @Override
  public List<Target> forms() {
    return List.of(Traefik.ingress());
  }

  @Override
  public List<String> given() {
    List<String> g = new ArrayList<>();
    TargetFlags.add(g, "--traefik-entry-points", entryPoints);
    TargetFlags.add(g, "--traefik-ingress-class", ingressClass);
    TargetFlags.add(g, "--traefik-circuit-breaker", circuitBreaker);
    TargetFlags.add(g, "--traefik-client-ip-depth", clientIpDepth);
    TargetFlags.add(g, "--traefik-security-headers", securityHeaders);
    return g;
  }

  @Override
  public Target apply(Target target) {
    Traefik t = (Traefik) target;
    if (entryPoints != null) {
      String[] e = TargetFlags.parts("--traefik-entry-points", entryPoints, 2, "HTTP,HTTPS");
      t = TargetFlags.option("--traefik-entry-points", t, x -> x.entryPoints(e[0], e[1]));
    }
    if (ingressClass != null) {
      t = TargetFlags.option("--traefik-ingress-class", t, x -> x.ingressClass(ingressClass));
    }
    if (circuitBreaker != null) {
      t = TargetFlags.option("--traefik-circuit-breaker", t, x -> x.circuitBreaker(circuitBreaker));
    }
    if (clientIpDepth != null) {
      t = TargetFlags.option("--traefik-client-ip-depth", t, x -> x.clientIpDepth(clientIpDepth));
    }
    if (securityHeaders) {
      t = t.securityHeaders();
    }
    return t;
  }
}
