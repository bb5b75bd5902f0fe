package dev.wsingress;

/**
 * The findings core reports about manifests it reads: parse problems ({@code CORE-YAML-…}), the
 * reference graph ({@code CORE-BACKEND-…}) and the workloads behind WebSocket routes ({@code
 * CORE-WS-…}). Each has a fixed severity, a title (the README table's meaning, and SARIF's rule
 * description) and a hint.
 */
enum CoreCheck implements FindingKind {
  YAML_SYNTAX(
      Severity.ERROR,
      "the text is not valid YAML; this document is not checked, the others are",
      "Fix the YAML at this line (kubectl refuses the file as it is)."),
  YAML_DUPLICATE_KEY(
      Severity.ERROR,
      "a mapping has the same key twice; parsers that accept it keep one value and drop the other",
      "Keep one of the two keys; wsingress checks the last one."),
  YAML_PLACEHOLDER(
      Severity.WARNING,
      "an unresolved ${VAR} or {{ }} placeholder: the input is a template, not what is applied",
      "Render the template (helm template, envsubst, kustomize build) and check its output."),
  YAML_LIMIT(
      Severity.ERROR,
      "the input exceeds a reader limit (size, documents, nesting, aliases, nodes)",
      "Split the input, or raise the limit with Manifests.Limits if you trust the input."),
  YAML_ENCODING(
      Severity.ERROR,
      "the file is not UTF-8 (or UTF-16 with a byte-order mark) text; it is not checked",
      "Save the file as UTF-8."),
  YAML_TAG(
      Severity.ERROR,
      "a YAML tag that is not plain data (!!python/…, !!java…, a local tag) or a value that does"
          + " not fit its tag; the document is not checked",
      "Remove the tag: Kubernetes objects are plain data."),
  NOT_AN_OBJECT(
      Severity.WARNING,
      "a document that is not a Kubernetes object (no apiVersion or kind); it is not checked",
      "Give it apiVersion and kind, or keep the file out of the input."),
  BACKEND_NOT_IN_INPUT(
      Severity.INFO,
      "a route's backend Service is not in the input, so its ports and pods are not checked",
      "Check the Service's manifest together with the route."),
  BACKEND_PORT_UNKNOWN(
      Severity.ERROR,
      "a route names a Service port (number or name) that the Service does not have",
      "Use one of the Service's ports, or add the port to the Service."),
  SELECTOR_NO_PODS(
      Severity.WARNING,
      "a backend Service's selector matches the pods of no workload in the input",
      "Make the selector match the workload's pod template labels."),
  TARGET_PORT_UNKNOWN(
      Severity.ERROR,
      "a Service's named targetPort is declared by no container of the pods it selects",
      "Name the container port like the targetPort, or give the targetPort as a number."),
  WS_NO_AFFINITY(
      Severity.INFO,
      "a WebSocket route to several replicas without sticky sessions: each new connection, and"
          + " every reconnect, may reach another pod",
      "Keep session state outside the pod, or add sticky sessions if the app needs them."),
  WS_POLLING_NO_AFFINITY(
      Severity.WARNING,
      "a Socket.IO route to several replicas without sticky sessions: HTTP long-polling requests"
          + " of one session must reach the pod that started it",
      "Add cookie affinity, or make clients use the websocket transport only."),
  WS_NO_PRESTOP(
      Severity.INFO,
      "pods behind a WebSocket route have no preStop hook: they get SIGTERM while the endpoint"
          + " is still being removed",
      "Add a preStop sleep longer than the endpoint propagation, and close sockets on SIGTERM."),
  WS_GRACE_SHORT(
      Severity.WARNING,
      "terminationGracePeriodSeconds is not longer than the preStop sleep: the container is"
          + " killed about 2 s after SIGTERM, cutting open sockets",
      "Make the grace period the preStop sleep plus the time to close every socket."),
  READER_FAILED(
      Severity.ERROR,
      "a target's reader failed on this input; what it would have found is missing",
      "Report it to wsingress with the input; the other targets' findings are complete.");

  private final Severity severity;
  private final String title;
  private final String hint;

  CoreCheck(Severity severity, String title, String hint) {
    this.severity = severity;
    this.title = title;
    this.hint = hint;
  }

  @Override
  public String prefix() {
    return "CORE";
  }

  @Override
  public Severity severity() {
    return severity;
  }

  @Override
  public String hint() {
    return hint;
  }

  /** What the code means (the README table's meaning column). */
  String title() {
    return title;
  }

  /** The finding at {@code where}, about {@code subject}. */
  Finding at(String subject, String message, Source where) {
    return at(subject, message).withSource(where);
  }
}
