package dev.wsingress.gatewayapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsingress.Manifest;
import dev.wsingress.Manifests;
import dev.wsingress.Reading;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The BackendTLSPolicies in the input ({@code v1}, and {@code v1alpha3} of older releases, which
 * has the same {@code targetRefs}), by the Service they target: gateway-api v1.6.1
 * apis/v1/backendtlspolicy_types.go {@code TargetRefs} ({@code LocalPolicyTargetReferenceWith
 * SectionName}: a Service in the policy's namespace, and with {@code sectionName} one of its ports
 * by name).
 */
final class BackendTlsPolicyReader {

  /**
   * The policy that applies to a Service port.
   *
   * @param policy the BackendTLSPolicy
   * @param pointer where its targetRef to the Service is written
   */
  record Applied(Manifest policy, String pointer) {}

  private final Map<String, List<Applied>> byService = new HashMap<>();

  BackendTlsPolicyReader(Manifests in, Reading out) {
    for (Manifest p : in.objects(Gateways.GROUP, "BackendTLSPolicy")) {
      out.understood(p);
      ApiVersions.check(p, out);
      JsonNode refs = Gateways.list(p.tree().path("spec").path("targetRefs"));
      for (int i = 0; i < refs.size(); i++) {
        JsonNode ref = refs.get(i);
        if (ref.path("kind").asText().equals("Service") && ref.path("group").asText("").isEmpty()) {
          byService
              .computeIfAbsent(ref.path("name").asText(), k -> new ArrayList<>(1))
              .add(new Applied(p, "/spec/targetRefs/" + i));
        }
      }
    }
  }

  /**
   * The policy for the Service port (by its name; null for an unnamed port), or null: a targetRef
   * without {@code sectionName} covers every port.
   */
  Applied policyFor(String namespace, String service, String portName) {
    for (Applied a : byService.getOrDefault(service, List.of())) {
      if (!Manifests.sameNamespace(a.policy().namespace(), namespace)) {
        continue;
      }
      String section = a.policy().tree().at(a.pointer()).path("sectionName").asText("");
      if (section.isEmpty() || section.equals(portName)) {
        return a;
      }
    }
    return null;
  }
}
