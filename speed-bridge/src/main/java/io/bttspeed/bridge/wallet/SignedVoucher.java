package io.bttspeed.bridge.wallet;

import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.tron.money.Amount;

/**
 * A payer's TIP-712 voucher as it travels in a {@code bt_speed} {@code voucher} message.
 *
 * @param hub the channel contract, which fixes the asset and the signature's domain
 * @param signature 65 bytes r‖s‖v
 */
public record SignedVoucher(
    ChannelId channel, TronAddress hub, Amount cumulative, byte[] signature) {
  public SignedVoucher {
    if (signature == null || signature.length != 65) {
      throw new IllegalArgumentException("a voucher signature is 65 bytes r‖s‖v");
    }
    signature = signature.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }
}
