package io.bttspeed.contracts.voucher;

import io.bttspeed.tron.id.ChannelId;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The payer's promise: the payee may take {@code cumulativeAmount} base units out of the channel in
 * total. Vouchers are cumulative, so each one replaces the previous and only the highest is worth
 * redeeming.
 */
public record Voucher(ChannelId channelId, BigInteger cumulativeAmount) {
  private static final BigInteger UINT256_LIMIT = BigInteger.ONE.shiftLeft(256);

  public Voucher {
    Objects.requireNonNull(channelId, "channelId");
    if (cumulativeAmount.signum() < 0 || cumulativeAmount.compareTo(UINT256_LIMIT) >= 0) {
      throw new IllegalArgumentException(
          "cumulative amount out of uint256 range: " + cumulativeAmount);
    }
  }
}
