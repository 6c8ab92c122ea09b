package io.bttspeed.bridge.demo;

/** What a leecher of the demo does about paying. */
public enum Role {
  BIDDER_HIGH("bidder (high)"),
  BIDDER_LOW("bidder (low)"),
  NON_BIDDER("non-bidder");

  private final String label;

  Role(String label) {
    this.label = label;
  }

  /** As the table and the report show it. */
  public String label() {
    return label;
  }

  public boolean bids() {
    return this != NON_BIDDER;
  }
}
