package io.bttspeed.bridge.wallet;

import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.tron.money.Amount;
import java.time.Instant;

/**
 * A channel as the wallet sees it.
 *
 * @param deposit locked by the payer
 * @param cumulative the highest voucher signed (payer) or accepted (payee)
 * @param expiresAt after this the payer may reclaim what was not paid out
 */
public record ChannelView(
    ChannelId id,
    TronAddress hub,
    TronAddress payer,
    TronAddress payee,
    Amount deposit,
    Amount cumulative,
    Instant expiresAt) {

  /** The deposit not yet promised to the payee. */
  public Amount remaining() {
    return new Amount(
        deposit.asset(),
        deposit.units().subtract(cumulative.units()).max(java.math.BigInteger.ZERO));
  }
}
