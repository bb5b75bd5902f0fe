package dev.wsingress;

/** What happens to existing cookie holders when the backend scales. */
public enum AffinityMode {
  /** Some clients are moved to new pods when the backend scales up (ingress-nginx default). */
  BALANCED,
  /** Clients stay on their pod for as long as it exists. */
  PERSISTENT
}
