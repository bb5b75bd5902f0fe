package dev.wsingress;

/** The SameSite attribute of an affinity cookie. {@link #NONE} requires a secure cookie. */
public enum SameSite {
  STRICT("Strict"),
  LAX("Lax"),
  NONE("None");

  private final String attribute;

  SameSite(String attribute) {
    this.attribute = attribute;
  }

  /** The attribute value as browsers read it: {@code Strict}, {@code Lax} or {@code None}. */
  public String attribute() {
    return attribute;
  }
}
