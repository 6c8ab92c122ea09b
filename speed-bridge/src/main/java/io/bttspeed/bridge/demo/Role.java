package io.bttspeed.bridge.demo;

/** What a leecher of the demo does about paying. */
public enum Role {
  BIDDER_HIGH("bidder (high)"),
  BIDDER_LOW("bidder (low)"),
  NON_BIDDER("non-bidder"),
  /** A python3-libtorrent leecher: an ordinary BitTorrent client that never speaks bt_speed. */
  ORDINARY("ordinary");

  private final String label;

  Role(String label) {
    this.label = label;
  }

  /** As the table and the report show it. */
  public String label() {
    return label;
  }

  public boolean bids() {
    return this == BIDDER_HIGH || this == BIDDER_LOW;
  }

  /** Whether it is a Speed daemon, so it can hold a paid slot (even one it does not bid for). */
  public boolean speaksBtSpeed() {
    return this != ORDINARY;
  }
}
