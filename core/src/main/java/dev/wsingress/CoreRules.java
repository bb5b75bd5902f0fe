package dev.wsingress;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The doctor's own rules, over every target's served routes and the reference graph: backends that
 * are missing or wrong, and the workloads behind WebSocket routes. They know no controller; every
 * fact they use is Kubernetes' own (cited at each rule).
 */
final class CoreRules {
  private CoreRules() {}

  // k8s.io/api v0.34.0 core/v1/types.go: DefaultTerminationGracePeriodSeconds = 30.
  static final int DEFAULT_GRACE_SECONDS = 30;
  private static final Pattern SLEEP =
      Pattern.compile("(?:^|[\\s;&|(])sleep\\s+(\\d{1,6})(s|m|h)?(?=$|[\\s;&|)])");

  static void check(Manifests in, List<ServedRoute> routes, List<YamlReader.Noted> out) {
    Set<String> once = new HashSet<>();
    Map<String, List<Manifest>> autoscalers = new HashMap<>();
    for (Manifest hpa : in.objects("autoscaling", "HorizontalPodAutoscaler")) {
      JsonNode ref = hpa.tree().path("spec").path("scaleTargetRef");
      autoscalers
          .computeIfAbsent(
              ref.path("kind").asText() + "/" + ref.path("name").asText(), k -> new ArrayList<>(1))
          .add(hpa);
    }
    for (ServedRoute r : routes) {
      for (ServedBackend b : r.backends()) {
        backend(in, r, b, once, out);
        if (r.isWebSocket()) {
          for (Manifest w : b.workloads()) {
            webSocketWorkload(autoscalers, r, w, once, out);
          }
        }
      }
    }
  }

  private static void note(
      List<YamlReader.Noted> out, CoreCheck check, Manifest about, String message, Source at) {
    out.add(new YamlReader.Noted(check.at(about.subject(), message, at), about));
  }

  private static void backend(
      Manifests in, ServedRoute r, ServedBackend b, Set<String> once, List<YamlReader.Noted> out) {
    Source at = b.reference().orElse(r.source());
    if (b.serviceObject().isEmpty()) {
      if (once.add("missing " + r.object().ordinal() + " " + b.namespace() + "/" + b.service())) {
        note(
            out,
            CoreCheck.BACKEND_NOT_IN_INPUT,
            r.object(),
            "the backend Service "
                + (b.namespace().isEmpty() ? b.service() : b.namespace() + "/" + b.service())
                + " is not in the input; its ports, selector and pods are not checked.",
            at);
      }
      return;
    }
    Manifest svc = b.serviceObject().get();
    JsonNode spec = svc.tree().path("spec");
    // An ExternalName Service is a DNS alias: it has no endpoints, and its ports are optional.
    if ("ExternalName".equals(spec.path("type").asText())) {
      return;
    }
    if (b.servicePort().isEmpty()) {
      note(
          out,
          // k8s.io/api v0.34.0 networking/v1/types.go: ServiceBackendPort names a port of the
          // Service by number or name; a port the Service lacks has no endpoints
          CoreCheck.BACKEND_PORT_UNKNOWN,
          r.object(),
          svc.subject()
              + " has no port "
              + (b.port().isPresent()
                  ? String.valueOf(b.port().getAsInt())
                  : Texts.quote(b.portName().orElseThrow()))
              + " (its ports: "
              + ports(spec.path("ports"))
              + "); the controller finds no endpoints for this route.",
          at);
      return;
    }
    JsonNode selector = spec.path("selector");
    if (selector.isObject() && !selector.isEmpty() && b.workloads().isEmpty()) {
      if (!once.add("selector " + svc.ordinal())) {
        return;
      }
      int candidates = 0;
      for (Manifest w : in.workloads()) {
        if (Manifests.sameNamespace(w.namespace(), svc.namespace())) {
          candidates++;
        }
      }
      if (candidates > 0) {
        note(
            out,
            // k8s.io/api v0.34.0 core/v1/types.go: ServiceSpec.Selector: "Route service traffic to
            // pods with label keys and values matching this selector"
            CoreCheck.SELECTOR_NO_PODS,
            svc,
            "the selector "
                + labels(selector)
                + " matches the pods of none of the "
                + candidates
                + (candidates == 1 ? " workload" : " workloads")
                + " in the input; unless its pods come from elsewhere, the Service has no"
                + " endpoints.",
            svc.source("/spec/selector"));
      }
      return;
    }
    JsonNode targetPort = b.servicePort().get().get("targetPort");
    if (targetPort != null && targetPort.isTextual() && !b.workloads().isEmpty()) {
      String name = targetPort.asText();
      String protocol = b.servicePort().get().path("protocol").asText("TCP");
      for (Manifest w : b.workloads()) {
        if (!declaresPort(w, name, protocol)
            && once.add("targetPort " + svc.ordinal() + " " + name + " " + w.ordinal())) {
          // kubernetes pkg/api/v1/pod/util.go FindPort: a named targetPort is looked up by name
          // and protocol in the pod's containers' ports; without a match the endpoints
          // controllers skip the pod for that port.
          note(
              out,
              // k8s.io/api v0.34.0 core/v1/types.go: ServicePort.TargetPort: a string "will be
              // looked up as a named port in the target Pod's container ports"
              CoreCheck.TARGET_PORT_UNKNOWN,
              svc,
              "the targetPort "
                  + Texts.quote(name)
                  + " is no "
                  + protocol
                  + " container port of "
                  + w.subject()
                  + "'s pods (their named ports: "
                  + containerPorts(w)
                  + "); their endpoints are skipped for this port.",
              svc.source(pointerOf(svc, b.servicePort().get()) + "/targetPort"));
        }
      }
    }
  }

  private static void webSocketWorkload(
      Map<String, List<Manifest>> autoscalers,
      ServedRoute r,
      Manifest w,
      Set<String> once,
      List<YamlReader.Noted> out) {
    String several = several(autoscalers, w);
    if (several != null
        && r.affinity().isEmpty()
        && once.add("affinity " + r.object().ordinal() + " " + r.source() + " " + w.ordinal())) {
      if (r.isSocketIo()) {
        // socketio/socket.io-website docs/categories/02-Server/using-multiple-nodes.md: HTTP
        // long-polling sends several requests per session; "without enabling sticky-session,
        // you will experience HTTP 400 errors due to 'Session ID unknown'".
        note(
            out,
            CoreCheck.WS_POLLING_NO_AFFINITY,
            r.object(),
            "the Socket.IO route "
                + Texts.quote(r.path())
                + " goes to "
                + w.subject()
                + ", which "
                + several
                + ", without sticky sessions: a session's HTTP long-polling requests can reach"
                + " another pod, which answers HTTP 400 \"Session ID unknown\".",
            r.source());
      } else {
        note(
            out,
            CoreCheck.WS_NO_AFFINITY,
            r.object(),
            "the WebSocket route "
                + Texts.quote(r.path())
                + " goes to "
                + w.subject()
                + ", which "
                + several
                + ", without sticky sessions: each new connection, and every reconnect, may reach"
                + " another pod.",
            r.source());
      }
    }
    if (!once.add("drain " + w.ordinal())) {
      return;
    }
    JsonNode podSpec = w.podTemplate().orElseThrow().path("spec");
    String podPointer = templatePointer(w) + "/spec";
    boolean anyPreStop = false;
    int sleep = -1;
    int sleeper = -1;
    JsonNode containers = podSpec.path("containers");
    for (int i = 0; i < containers.size(); i++) {
      JsonNode preStop = containers.get(i).path("lifecycle").path("preStop");
      if (preStop.isObject()) {
        anyPreStop = true;
        int s = sleepSeconds(preStop);
        if (s > sleep) {
          sleep = s;
          sleeper = i;
        }
      }
    }
    if (!anyPreStop) {
      // kubernetes/website content/en/docs/concepts/workloads/pods/pod-lifecycle.md (termination):
      // the control plane removes a terminating pod from EndpointSlices while the kubelet starts
      // its shutdown, so proxies may still send to it after SIGTERM.
      note(
          out,
          // k8s.io/api v0.34.0 core/v1/types.go: Lifecycle.PreStop "is called immediately before a
          // container is terminated"; without one the container gets SIGTERM at once
          CoreCheck.WS_NO_PRESTOP,
          w,
          "no container of "
              + w.subject()
              + " has a preStop hook: on a rollout or scale-down its pods get SIGTERM while"
              + " their endpoint is still being removed, so new handshakes can still arrive, and"
              + " open sockets end when the process exits.",
          w.source(podPointer + "/containers"));
      return;
    }
    if (sleep < 0) {
      return; // a hook of unknown length (httpGet, a script): nothing to compare
    }
    JsonNode graceNode = podSpec.get("terminationGracePeriodSeconds");
    boolean given = graceNode != null && graceNode.isIntegralNumber();
    long grace = given ? graceNode.asLong() : DEFAULT_GRACE_SECONDS;
    if (grace <= sleep) {
      // k8s.io/api v0.34.0 core/v1/types.go Lifecycle.PreStop: "The Pod's termination grace
      // period countdown begins before the PreStop hook is executed"; kubernetes
      // pkg/kubelet/kuberuntime/kuberuntime_container.go: minimumGracePeriodInSeconds = 2 is what
      // is left for the container after a hook that used the whole period.
      note(
          out,
          CoreCheck.WS_GRACE_SHORT,
          w,
          "terminationGracePeriodSeconds is "
              + grace
              + " s"
              + (given ? "" : " (the default)")
              + " and the preStop hook sleeps "
              + sleep
              + " s: the grace period runs during the hook, so the container gets SIGTERM"
              + " only when it ends and is killed about 2 s later, with its sockets still open.",
          given
              ? w.source(podPointer + "/terminationGracePeriodSeconds")
              : w.source(podPointer + "/containers/" + sleeper + "/lifecycle/preStop"));
    }
  }

  /** How a workload runs several pods, or null when it runs one. */
  static String several(Map<String, List<Manifest>> autoscalers, Manifest w) {
    String kind = w.kind();
    if (kind.equals("DaemonSet")) {
      return "runs one pod per node";
    }
    if (kind.equals("Pod") || kind.equals("Job") || kind.equals("CronJob")) {
      return null;
    }
    for (Manifest hpa : autoscalers.getOrDefault(kind + "/" + w.name(), List.of())) {
      if (Manifests.sameNamespace(hpa.namespace(), w.namespace())) {
        int max = hpa.tree().path("spec").path("maxReplicas").asInt(1);
        if (max > 1) {
          return "scales to up to " + max + " replicas (" + hpa.subject() + ")";
        }
      }
    }
    // k8s.io/api v0.34.0 apps/v1/types.go DeploymentSpec.Replicas: "Defaults to 1".
    JsonNode replicas = w.tree().path("spec").path("replicas");
    int n = replicas.isIntegralNumber() ? replicas.asInt() : 1;
    return n > 1 ? "runs " + n + " replicas" : null;
  }

  /** The seconds a preStop hook sleeps (sleep action, or sleep N in its command), or -1. */
  static int sleepSeconds(JsonNode preStop) {
    JsonNode seconds = preStop.path("sleep").path("seconds");
    if (seconds.isIntegralNumber()) {
      return seconds.asInt();
    }
    JsonNode command = preStop.path("exec").path("command");
    if (!command.isArray()) {
      return -1;
    }
    List<String> parts = new ArrayList<>();
    for (JsonNode c : command) {
      parts.add(c.asText());
    }
    Matcher m = SLEEP.matcher(String.join(" ", parts));
    int best = -1;
    while (m.find()) {
      int s = Integer.parseInt(m.group(1));
      String unit = m.group(2);
      if ("m".equals(unit)) {
        s *= 60;
      } else if ("h".equals(unit)) {
        s *= 3600;
      }
      best = Math.max(best, s);
    }
    return best;
  }

  private static boolean declaresPort(Manifest w, String name, String protocol) {
    for (JsonNode c : w.podTemplate().orElseThrow().path("spec").path("containers")) {
      for (JsonNode p : c.path("ports")) {
        if (name.equals(p.path("name").asText(null))
            && protocol.equals(p.path("protocol").asText("TCP"))) {
          return true;
        }
      }
    }
    return false;
  }

  private static String containerPorts(Manifest w) {
    List<String> names = new ArrayList<>();
    for (JsonNode c : w.podTemplate().orElseThrow().path("spec").path("containers")) {
      for (JsonNode p : c.path("ports")) {
        if (p.hasNonNull("name")) {
          names.add(
              p.path("containerPort").asText("?") + " " + Texts.quote(p.path("name").asText()));
        }
      }
    }
    return names.isEmpty() ? "none" : String.join(", ", names);
  }

  private static String ports(JsonNode ports) {
    List<String> out = new ArrayList<>();
    for (JsonNode p : ports) {
      String s = p.path("port").asText("?");
      if (p.hasNonNull("name")) {
        s += " " + Texts.quote(p.path("name").asText());
      }
      out.add(s);
    }
    return out.isEmpty() ? "none" : String.join(", ", out);
  }

  private static String labels(JsonNode selector) {
    List<String> out = new ArrayList<>();
    selector.properties().forEach(e -> out.add(e.getKey() + "=" + e.getValue().asText()));
    return String.join(",", out);
  }

  private static String pointerOf(Manifest svc, JsonNode port) {
    JsonNode ports = svc.tree().path("spec").path("ports");
    for (int i = 0; i < ports.size(); i++) {
      if (ports.get(i) == port) {
        return "/spec/ports/" + i;
      }
    }
    return "/spec/ports";
  }

  /** The JSON pointer of a workload's pod template. */
  static String templatePointer(Manifest w) {
    switch (w.kind()) {
      case "Pod":
        return "";
      case "CronJob":
        return "/spec/jobTemplate/spec/template";
      default:
        return "/spec/template";
    }
  }
}
