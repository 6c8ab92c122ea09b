package io.bttspeed.wallet.error;

import java.math.BigInteger;

/**
 * The balance does not cover the amount plus the fee estimate; {@link #shortfall()} says by how
 * much.
 */
public final class InsufficientFundsException extends FailedPreconditionException {

  private static final long serialVersionUID = 1L;

  private final String asset;
  private final BigInteger shortfall;

  public InsufficientFundsException(String asset, BigInteger needed, BigInteger available) {
    super(
        "insufficient "
            + asset
            + " balance: need "
            + needed
            + " base units, have "
            + available
            + ", short by "
            + needed.subtract(available));
    this.asset = asset;
    this.shortfall = needed.subtract(available);
  }

  public String asset() {
    return asset;
  }

  public BigInteger shortfall() {
    return shortfall;
  }
}
