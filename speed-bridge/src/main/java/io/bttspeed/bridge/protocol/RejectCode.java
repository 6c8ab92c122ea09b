package io.bttspeed.bridge.protocol;

import java.util.Optional;

/**
 * The codes of a {@code reject} message, with their wire spelling (docs/bt_speed.md, "Reject
 * codes").
 */
public enum RejectCode {
  BAD_CHANNEL("bad_channel"),
  LOW_PRICE("low_price"),
  BAD_VOUCHER("bad_voucher"),
  STALE_VOUCHER("stale_voucher"),
  OVER_DEPOSIT("over_deposit"),
  EXPIRING("expiring"),
  WRONG_CHAIN("wrong_chain"),
  BUSY("busy");

  private final String wire;

  RejectCode(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static Optional<RejectCode> ofWire(String text) {
    for (RejectCode code : values()) {
      if (code.wire.equals(text)) {
        return Optional.of(code);
      }
    }
    return Optional.empty();
  }
}
