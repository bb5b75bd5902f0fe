package dev.wsingress;

/**
 * The findings of the converter ({@link Import}): {@code CORE-IMPORT-…}. Each has a fixed severity,
 * a title (the README table's meaning) and a hint. Readers report {@link #NOT_CARRIED} through
 * {@link Reading#notCarried}; core reports the others while it groups routes into apps.
 */
enum ImportCheck implements FindingKind {
  NOT_CARRIED(
      Severity.WARNING,
      "the input sets something the spec cannot hold (an annotation, a field, a WebSocket setting"
          + " on a plain route); the converted app does without it",
      "Check whether the app needs it; if it does, add it to the rendered objects yourself."),
  CONFLICT(
      Severity.WARNING,
      "routes or objects of one app disagree on a setting the spec holds once per app; the value"
          + " the message names is carried for all of them",
      "Check that the carried value suits every route; routes that need another value belong to"
          + " an app of their own."),
  APPROXIMATED(
      Severity.WARNING,
      "the spec holds the value read only approximately (no timeout, a character prefix, a"
          + " fraction of a second); the message names what is carried instead",
      "Check that the carried value is what the app needs."),
  REFUSED(
      Severity.WARNING,
      "the spec refuses a value read from the input (its rule is quoted); the value, or the route"
          + " or host it belongs to, is left out",
      "Correct the value in the input, or set a valid one in the converted spec."),
  ROUTE_DROPPED(
      Severity.WARNING,
      "a served route cannot become a route of the spec (no host, a regex path, no Service"
          + " backend, a backend in another namespace, a path served twice)",
      "Write the route as a host with a prefix or exact path to a Service in the app's"
          + " namespace, or convert it by hand."),
  NO_WEBSOCKET_ROUTE(
      Severity.INFO,
      "the routes of these hosts carry no WebSocket traffic by the doctor's rule, so no app is"
          + " made of them (plain routes beside a WebSocket route are carried)",
      "If a route carries WebSockets, annotate its object wsingress.dev/websocket: \"true\"."),
  DEFAULT_CARRIED(
      Severity.INFO,
      "a WebSocket setting the input leaves at the controller's default is carried as an"
          + " explicit value, so that every target keeps the controller's meaning",
      "Change it in the converted spec if the default is not what the app needs (the spec's own"
          + " idle timeout default is 1 h)."),
  NAME(
      Severity.INFO,
      "the app's name or namespace is derived from the input or changed to be valid and unique",
      "Give the app the name and namespace you want in the converted spec."),
  TARGET(
      Severity.INFO,
      "the targets and their options as the input implies them (ingress class, Gateway,"
          + " controller ConfigMap, release line); ImportedApp.targets() renders with them",
      "Render with ImportedApp.targets() to keep them, or pass the targets you move to."),
  UNMATCHED(
      Severity.INFO,
      "what a reader knows about an app (a workload, a certificate, a mesh server) belongs to no"
          + " converted app",
      "Check that the app's own Service and name match; these objects are not converted."),
  OBJECT_NOT_READ(
      Severity.INFO,
      "no target on the class path reads this object, so it is part of no converted app",
      "Keep applying it as it is, or put the module of the target that reads it on the class"
          + " path.");

  private final Severity severity;
  private final String title;
  private final String hint;

  ImportCheck(Severity severity, String title, String hint) {
    this.severity = severity;
    this.title = title;
    this.hint = hint;
  }

  @Override
  public String prefix() {
    return "CORE-IMPORT";
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

  /** The finding about {@code subject} at {@code where}. */
  Finding at(String subject, String message, Source where) {
    return at(subject, message).withSource(where);
  }
}
