package io.bttspeed.bridge.demo;

import java.math.BigInteger;

/**
 * The seeder's money checked on chain: what its daemon accepted in vouchers against what closing
 * the channels moved to its wallet.
 *
 * @param acceptedBaseUnits the sum of the vouchers the seeder accepted, TRC-20 BTT base units
 * @param balanceBefore the seeder's TRC-20 BTT balance before the closes, base units
 * @param balanceAfter its balance after them, base units
 * @param channelsClosed how many channels the seeder closed
 */
public record Reconciliation(
    BigInteger acceptedBaseUnits,
    BigInteger balanceBefore,
    BigInteger balanceAfter,
    int channelsClosed) {
  public BigInteger increase() {
    return balanceAfter.subtract(balanceBefore);
  }

  /** Whether the chain paid the seeder exactly the accepted vouchers, to the base unit. */
  public boolean matches() {
    return increase().equals(acceptedBaseUnits);
  }

  /** {@code MATCH: …} or {@code MISMATCH: …} with both numbers in base units. */
  public String line() {
    return (matches() ? "MATCH" : "MISMATCH")
        + ": seeder's on-chain TRC-20 BTT increase "
        + increase()
        + " base units, accepted vouchers "
        + acceptedBaseUnits
        + " base units ("
        + channelsClosed
        + " channels closed)";
  }
}
